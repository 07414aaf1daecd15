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

#endif /* _TP_RING_PATTERN_H */
