/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Records for the ring tests (KUnit and user space): every body byte of
 * record n says n, so a torn or misplaced copy shows.
 */
#ifndef _TP_RING_PATTERN_H
#define _TP_RING_PATTERN_H

#include <linux/tickpath_ring.h>

static inline void tp_ring_pattern_fill(struct tickpath_rec *rec, __u64 n,
					bool two)
{
	memset(rec, (int)(n & 0xff), sizeof(*rec));
	rec->stamp = ~0ULL;	/* the ring ignores it, and stamp2 */
	rec->seq = n;
	rec->type = two ? 'R' : 'A';
	rec->flags = two ? TICKPATH_REC_F_LONG : 0;
}

/* Whole and in its place: the pattern of record n, the ring's stamps. */
static inline bool tp_ring_pattern_intact(const struct tickpath_rec *rec,
					  __u64 n)
{
	const struct tp_ring_slot *slot = (const struct tp_ring_slot *)rec;
	unsigned int i, count = tp_ring_rec_slots(rec);
	__u64 stamp = tp_ring_stamp(n);

	if (rec->seq != n || rec->stamp != stamp ||
	    rec->type != (count == 2 ? 'R' : 'A'))
		return false;
	if (count == 2 && slot[1].stamp != (stamp | TICKPATH_STAMP_CONT))
		return false;
	for (i = TICKPATH_REC_BODY_OFFSET; i < count * TICKPATH_SLOT_SIZE; i++)
		if (i % TICKPATH_SLOT_SIZE >= sizeof(__u64) &&
		    ((const __u8 *)rec)[i] != (n & 0xff))
			return false;
	return true;
}

/*
 * The lap rule worked out from where the producer put each record, not
 * from the stamps: the model the ring tests hold the cursor to.  @start[i]
 * is the slot position (not reduced mod the slot count) of record
 * @first + i, for the records written so far; the producer stands at slot
 * position @next_slot, and last published head at record @head_rec.  Record
 * numbers here are not reduced mod 2^40 either.
 *
 * A slot position q was written over once q + @slots <= @next_slot - 1, so
 * a record is whole while its first slot is at or after @next_slot - @slots
 * (the producer overwrites a record's first slot before its second).
 */
static inline bool tp_ring_model_whole(const __u64 *start, __u64 first,
				       __u64 n, __u64 next_slot, __u64 slots)
{
	return start[n - first] + slots >= next_slot;
}

/*
 * Where a reader lapped while it expected record @from must go on: the
 * oldest whole record older than head's, if it is newer than @from; else
 * the record that overwrote @from's slot (or, if a second slot did, the one
 * after it).  @count records are written.
 */
static inline __u64 tp_ring_model_resume(const __u64 *start, __u64 first,
					 __u64 count, __u64 next_slot,
					 __u64 slots, __u64 head_rec,
					 __u64 from)
{
	__u64 n, over;

	for (n = first; n < head_rec && n < first + count; n++) {
		if (!tp_ring_model_whole(start, first, n, next_slot, slots))
			continue;
		if (n > from)
			return n;
		break;
	}
	/* The last time @from's slot was written, and by which record. */
	over = start[from - first];
	over += (next_slot - 1 - over) / slots * slots;
	for (n = first + count - 1; start[n - first] > over; n--)
		;
	return start[n - first] == over ? n : n + 1;
}

#endif /* _TP_RING_PATTERN_H */
