/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * The ring protocol of "Rings" in uapi/linux/tickpath.h, in one place:
 * stamps, the head word, the producer's store of one record and the
 * reader's cursor that classifies what it finds in a slot and, lapped, goes
 * on from the oldest record the ring still holds.  Freestanding:
 * the kernel's ring, its KUnit test, libtickpath and its unit test all
 * include it, so the arithmetic that writes a ring and the arithmetic that
 * reads it are the same lines.
 *
 * Record numbers and the differences between them are taken modulo 2^40
 * (TICKPATH_STAMP_BITS); which of two is newer is the sign of their
 * difference, never a plain comparison.
 */
#ifndef TICKPATH_RING_H
#define TICKPATH_RING_H

/*
 * The orderings the protocol needs, as the kernel and as C11 spell them: a
 * release store of a stamp or of head pairs with the readers' acquire load
 * of it; the write fence orders a slot's invalidated stamp before its new
 * bytes, the read fence a reader's copy before its re-check of the stamp.
 */
#ifdef __KERNEL__
#include <linux/compiler.h>
#include <linux/string.h>
#include <linux/types.h>
#include <asm/barrier.h>

#define tp_ring_load_acquire(p)		smp_load_acquire(p) /* see above */
#define tp_ring_store_release(p, v)	smp_store_release(p, v) /* see above */
#define tp_ring_load_once(p)		READ_ONCE(*(p))
#define tp_ring_store_once(p, v)	WRITE_ONCE(*(p), v)
#define tp_ring_read_fence()		smp_rmb() /* see above */
#define tp_ring_write_fence()		smp_wmb() /* see above */
#else
#include <stdbool.h>
#include <string.h>
#include <linux/types.h>

#define tp_ring_load_acquire(p)		__atomic_load_n(p, __ATOMIC_ACQUIRE)
#define tp_ring_store_release(p, v)	__atomic_store_n(p, v, __ATOMIC_RELEASE)
#define tp_ring_load_once(p)		__atomic_load_n(p, __ATOMIC_RELAXED)
#define tp_ring_store_once(p, v)	__atomic_store_n(p, v, __ATOMIC_RELAXED)
#define tp_ring_read_fence()		__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define tp_ring_write_fence()		__atomic_thread_fence(__ATOMIC_RELEASE)
#endif

#include <linux/tickpath.h>

#define TP_RING_REC_MASK ((1ULL << TICKPATH_STAMP_BITS) - 1)
#define TP_RING_POS_MASK ((1ULL << TICKPATH_HEAD_SLOT_BITS) - 1)

/* One slot as the ring sees it: a stamp, then 56 bytes of record. */
struct tp_ring_slot {
	__u64 stamp;
	__u8 body[TICKPATH_SLOT_SIZE - sizeof(__u64)];
};

/* b - a modulo 2^40, as a signed number: > 0 when b is newer than a. */
static inline __s64 tp_ring_diff(__u64 b, __u64 a)
{
	return (__s64)((b - a) << (64 - TICKPATH_STAMP_BITS)) >>
	       (64 - TICKPATH_STAMP_BITS);
}

/*
 * The stamp of record n, (n mod 2^40) + 1: never 0, which marks a slot
 * that is empty or being written, not even for n = 2^40 - 1.
 */
static inline __u64 tp_ring_stamp(__u64 n)
{
	return (n & TP_RING_REC_MASK) + 1;
}

static inline __u64 tp_ring_head(__u64 rec, __u64 pos)
{
	return rec << TICKPATH_HEAD_SLOT_BITS | (pos & TP_RING_POS_MASK);
}

static inline __u64 tp_ring_head_rec(__u64 head)
{
	return head >> TICKPATH_HEAD_SLOT_BITS;
}

static inline __u32 tp_ring_head_pos(__u64 head)
{
	return (__u32)(head & TP_RING_POS_MASK);
}

static inline unsigned int tp_ring_rec_slots(const struct tickpath_rec *rec)
{
	return rec->flags & TICKPATH_REC_F_LONG ? 2 : 1;
}

static inline struct tp_ring_slot *tp_ring_slot(unsigned char *slots,
						__u32 mask, __u64 pos)
{
	return (struct tp_ring_slot *)slots + (pos & mask);
}

/*
 * The producer's step: record number @n, at slot position @pos of @slots,
 * whose second mapping keeps a two-slot record at the end contiguous.  The
 * stamps go to 0 before any byte changes and get their new values, last
 * slot first, only after every byte: a reader that acquires the first stamp
 * sees the whole record, and one that copied a byte of the old record sees a
 * changed stamp when it re-checks.  The stamps of @rec are ignored.
 */
static inline void tp_ring_store(unsigned char *slots, __u32 mask, __u64 n,
				 __u64 pos, const struct tickpath_rec *rec)
{
	struct tp_ring_slot *slot = tp_ring_slot(slots, mask, pos);
	const struct tp_ring_slot *src = (const struct tp_ring_slot *)rec;
	unsigned int i, count = tp_ring_rec_slots(rec);
	__u64 stamp = tp_ring_stamp(n);

	for (i = 0; i < count; i++)
		tp_ring_store_once(&slot[i].stamp, 0);
	tp_ring_write_fence();
	for (i = 0; i < count; i++)
		memcpy(slot[i].body, src[i].body, sizeof(slot[i].body));
	while (--count)
		tp_ring_store_release(&slot[count].stamp,
				      stamp | TICKPATH_STAMP_CONT);
	tp_ring_store_release(&slot->stamp, stamp);
}

/*
 * Where a reader stands.  lost and laps only grow.  head is last so that
 * the fields before it keep their offsets (libtickpath inlines the cursor
 * into its users); without it a lap goes on from the overwriting record.
 */
struct tp_ring_cursor {
	const unsigned char *slots;	/* the first mapping of the slots */
	__u32 mask;			/* slot_count - 1 */
	__u32 pos;			/* slot of the next record, 0..mask */
	__u64 rec;			/* number of the next record, mod 2^40 */
	__u64 lost;			/* records skipped because of laps */
	__u64 laps;			/* times found lapped */
	const __u64 *head;		/* the ring header's head, or NULL */
};

enum tp_ring_state {
	TP_RING_READY,		/* the expected record is there */
	TP_RING_NOT_YET,	/* not written yet, or being written */
	TP_RING_LAPPED,		/* overwritten: *rec and *pos say where to go on */
};

/*
 * What stamp @stamp, found in the slot at @*pos where record @*rec is
 * expected, means.  A newer stamp in a first slot is record m = stamp - 1,
 * the record that overwrote the slot; in a second slot (TICKPATH_STAMP_CONT)
 * it belongs to record stamp - 1 that started a slot earlier, so its
 * successor, at the next slot, is the record after the overwriting one.
 * Either is a place a lapped reader can go on from (the newest records);
 * tp_ring_oldest() finds a better one.
 */
static inline enum tp_ring_state tp_ring_classify(__u64 stamp, __u32 mask,
						  __u64 *rec, __u32 *pos)
{
	__u64 m = (stamp & ~TICKPATH_STAMP_CONT) - 1;
	__u32 at = *pos;

	if (stamp == tp_ring_stamp(*rec))
		return TP_RING_READY;
	if (!stamp)
		return TP_RING_NOT_YET;
	if (stamp & TICKPATH_STAMP_CONT) {
		m++;
		at = (at + 1) & mask;
	}
	if (tp_ring_diff(m, *rec) <= 0)
		return TP_RING_NOT_YET;
	*rec = m & TP_RING_REC_MASK;
	*pos = at;
	return TP_RING_LAPPED;
}

/*
 * The oldest record still whole in the ring, seen from @head (a value the
 * producer published): its number in @*rec, its slot (0..mask) in @*pos.
 *
 * The producer writes records in order at increasing slot positions, so
 * going forward from its position the slots hold the oldest record left,
 * then ever newer ones, up to the newest just behind it.  head's position
 * is where it stood at the last publish; since then it may have written
 * more records (numbered head's record and on), and it may be writing one
 * now (stamp 0).  So from head's position, at most a ring's worth of
 * slots: skip slots being written, second slots (their first slot may be
 * gone: a record is whole only if its first slot is, as the producer
 * overwrites a record's first slot before its second) and records newer
 * than head's; the first record older than head's is the oldest one whole.
 * With no such record (the producer wrote a whole ring since it published,
 * or the ring was never filled), false.
 *
 * The producer keeps going meanwhile: what this returns may be overwritten
 * before the reader gets to it.  The reader then finds its slot newer again
 * and is lapped again, and counts again: nothing is counted twice or
 * missed, as the reader only ever moves forward and counts each move.
 */
static inline bool tp_ring_oldest(const unsigned char *slots, __u32 mask,
				  __u64 head, __u64 *rec, __u32 *pos)
{
	const struct tp_ring_slot *slot = (const struct tp_ring_slot *)slots;
	__u64 newest = tp_ring_head_rec(head), stamp;
	__u32 at = tp_ring_head_pos(head);
	__u32 i;

	for (i = 0; i <= mask; i++, at++) {
		/* Acquire: these loads in order, after head's. */
		stamp = tp_ring_load_acquire(&slot[at & mask].stamp);
		if (!stamp || (stamp & TICKPATH_STAMP_CONT) ||
		    tp_ring_diff(stamp - 1, newest) >= 0)
			continue;
		*rec = stamp - 1;
		*pos = at & mask;
		return true;
	}
	return false;
}

static inline void tp_ring_cursor_init(struct tp_ring_cursor *cur,
				       const unsigned char *slots,
				       __u32 slot_count, __u64 head)
{
	cur->slots = slots;
	cur->mask = slot_count - 1;
	cur->pos = tp_ring_head_pos(head) & cur->mask;
	cur->rec = tp_ring_head_rec(head);
	cur->lost = 0;
	cur->laps = 0;
	cur->head = NULL;
}

/*
 * Gives the cursor the ring header's head word, which it loads when it is
 * lapped, to go on from the oldest record still whole (tp_ring_oldest())
 * rather than from the newest.
 */
static inline void tp_ring_cursor_set_head(struct tp_ring_cursor *cur,
					   const __u64 *head)
{
	cur->head = head;
}

static inline const struct tickpath_rec *
tp_ring_cursor_rec(const struct tp_ring_cursor *cur)
{
	return (const struct tickpath_rec *)(cur->slots +
					     (__u64)cur->pos * TICKPATH_SLOT_SIZE);
}

/*
 * The lap rule: a cursor lapped while expecting record @from goes on from
 * the oldest record still whole, if it has head and finds one newer than
 * @from; otherwise from where tp_ring_classify() put it.  Not newer can only
 * be a race (what the reader saw of the ring is older than what it saw of
 * its own slot: head or a stamp it loaded without ordering); going back
 * would read records twice, so it keeps the overwriting record instead.
 */
static inline void tp_ring_cursor_resume(struct tp_ring_cursor *cur,
					 __u64 from)
{
	__u64 rec;
	__u32 pos;

	if (!cur->head)
		return;
	/* Acquire: the stamps behind this head are there for the scan. */
	if (tp_ring_oldest(cur->slots, cur->mask,
			   tp_ring_load_acquire(cur->head), &rec, &pos) &&
	    tp_ring_diff(rec, from) > 0) {
		cur->rec = rec;
		cur->pos = pos;
	}
}

/*
 * Classifies @stamp for the cursor's record; a lap moves it on and counts:
 * the records skipped, exactly, and one lap.
 */
static inline enum tp_ring_state tp_ring_cursor_check(struct tp_ring_cursor *cur,
						      __u64 stamp)
{
	__u64 from = cur->rec;
	enum tp_ring_state state;

	state = tp_ring_classify(stamp, cur->mask, &cur->rec, &cur->pos);
	if (state == TP_RING_LAPPED) {
		tp_ring_cursor_resume(cur, from);
		cur->lost += (__u64)tp_ring_diff(cur->rec, from);
		cur->laps++;
	}
	return state;
}

/*
 * The next record in place, or NULL if there is none yet.  It stays valid
 * until tp_ring_cursor_done() says whether it was overwritten meanwhile.
 */
static inline const struct tickpath_rec *
tp_ring_cursor_next(struct tp_ring_cursor *cur)
{
	const struct tickpath_rec *rec;
	enum tp_ring_state state;

	do {
		rec = tp_ring_cursor_rec(cur);
		state = tp_ring_cursor_check(cur,
					     tp_ring_load_acquire(&rec->stamp));
	} while (state == TP_RING_LAPPED);
	return state == TP_RING_READY ? rec : NULL;
}

/*
 * After reading the record tp_ring_cursor_next() gave: true and on to the
 * next record if its stamp did not change, so what was read is the record;
 * false if the producer overwrote it meanwhile (what was read may be torn),
 * having counted the lap if the new stamp already tells it.
 */
static inline bool tp_ring_cursor_done(struct tp_ring_cursor *cur)
{
	const struct tickpath_rec *rec = tp_ring_cursor_rec(cur);
	unsigned int count = tp_ring_rec_slots(rec);
	__u64 stamp;

	/* The reads of the record, flags included, before the re-check. */
	tp_ring_read_fence();
	stamp = tp_ring_load_once(&rec->stamp);
	if (stamp != tp_ring_stamp(cur->rec)) {
		tp_ring_cursor_check(cur, stamp);
		return false;
	}
	cur->rec = (cur->rec + 1) & TP_RING_REC_MASK;
	cur->pos = (cur->pos + count) & cur->mask;
	return true;
}

#endif /* TICKPATH_RING_H */
