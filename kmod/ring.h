/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TP_RING_H
#define _TP_RING_H

#include <linux/kref.h>
#include <linux/wait.h>
#include <linux/tickpath.h>
#include <linux/tickpath_ring.h>

struct vm_area_struct;

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
	/* Sleepers and wakers share its lock, not the producer's line. */
	wait_queue_head_t wait ____cacheline_aligned_in_smp;
	struct page **pages;		/* header page, slot pages, slot pages */
	unsigned int nr_pages;		/* distinct pages: header and slots */
};

/*
 * slot_count: a power of two in [TICKPATH_RING_SLOTS_MIN, _MAX] whose slots
 * fill whole pages, in memory of NUMA node @node (or NUMA_NO_NODE).  Returns
 * NULL if it is not, or if memory is short.
 */
struct tp_ring *tp_ring_create(u32 slot_count, int node);
void tp_ring_get(struct tp_ring *ring);
/* May sleep (the last reference unmaps the ring): process context only. */
void tp_ring_put(struct tp_ring *ring);

/*
 * Producer side, under the owner's lock, in softirq or process context.
 * tp_ring_write() copies one record in (tp_ring_rec_slots() slots, stamps set
 * here; the caller's stamp fields are ignored); tp_ring_publish() makes the
 * records written so far visible in hdr->head, once per packet, and says
 * whether a sleeper waits, for the caller to tp_ring_wake() it, which it may
 * do after dropping its lock.
 */
static inline void tp_ring_write(struct tp_ring *ring,
				 const struct tickpath_rec *rec)
{
	tp_ring_store(ring->slots, ring->mask, ring->next_rec, ring->next_slot,
		      rec);
	ring->next_rec++;
	ring->next_slot += tp_ring_rec_slots(rec);
}

bool tp_ring_publish(struct tp_ring *ring);
void tp_ring_wake(struct tp_ring *ring);

/* No more records: readers see TICKPATH_RING_F_DEAD and EPOLLHUP. */
void tp_ring_kill(struct tp_ring *ring);

/* Reader side, for /dev/tickpath. */
void tp_ring_info(struct tp_ring *ring, struct tickpath_ring_info *info);
/* The number of the next record to publish: hdr->head's record part. */
u64 tp_ring_head_rec_now(struct tp_ring *ring);
/* Whether hdr->head has passed record @rec, i.e. published it. */
bool tp_ring_passed(struct tp_ring *ring, u64 rec);
bool tp_ring_dead(struct tp_ring *ring);
/* Maps the whole ring, read-only; @vma must be exactly its size. */
int tp_ring_mmap(struct tp_ring *ring, struct vm_area_struct *vma);

#endif /* _TP_RING_H */
