/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TP_RING_H
#define _TP_RING_H

#include <linux/kref.h>
#include <linux/wait.h>
#include <linux/tickpath.h>

/*
 * A broadcast ring of records, read-only to user space: see "Rings" in
 * uapi/linux/tickpath.h.  One producer (the channel, under its lock); any
 * number of readers, which the producer never waits for and never reads.
 * The ring is refcounted: its subscription holds one reference and every
 * file bound to it another, so it outlives both.
 */
struct tp_ring {
	struct kref ref;
	struct tickpath_ring_hdr *hdr;	/* first page of the vmalloc area */
	u8 *slots;			/* hdr + PAGE_SIZE, mapped twice */
	u32 mask;			/* slot_count - 1 */
	u64 next_rec;			/* producer only */
	u64 next_slot;			/* producer only */
	wait_queue_head_t wait;
	/* ... private fields of ring.c ... */
};

/* slot_count: a power of two in [TICKPATH_RING_SLOTS_MIN, _MAX]. */
struct tp_ring *tp_ring_create(u32 slot_count);
void tp_ring_get(struct tp_ring *ring);
void tp_ring_put(struct tp_ring *ring);

/*
 * Producer side, under the owner's lock, in softirq or process context.
 * tp_ring_write() copies one record in (tp_rec_slots() slots, stamps set
 * here; the caller's stamp fields are ignored); tp_ring_publish() makes the
 * records written so far visible in hdr->head and wakes sleepers, if any.
 * Call it once per packet.
 */
void tp_ring_write(struct tp_ring *ring, const struct tickpath_rec *rec);
void tp_ring_publish(struct tp_ring *ring);

/* No more records: readers see TICKPATH_RING_F_DEAD and EPOLLHUP. */
void tp_ring_kill(struct tp_ring *ring);

#endif /* _TP_RING_H */
