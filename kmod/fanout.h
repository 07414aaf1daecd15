/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TP_FANOUT_H
#define _TP_FANOUT_H

#include "itch.h"

#include <linux/list.h>
#include <linux/types.h>

struct tp_filter;
struct tp_sub;

/* Locate buckets: consecutive locates land in different ones, and 256
 * subscriptions of a few locates each find about one entry per bucket.
 */
#define TP_FANOUT_LOCATE_BUCKETS 1024

/*
 * One subscription's place in one list of the index: under a message type,
 * for a subscription to every locate, or under a locate it lists (by number
 * or through a symbol).  A filter owns its entries, allocated with it, so
 * that a symbol resolved in softirq is indexed without allocating.
 */
struct tp_fanout_entry {
	struct hlist_node node;
	struct tp_sub *sub;
	u32 types;		/* the filter's type bits */
	u16 locate;		/* an entry by locate: which */
	u8 type_index;		/* an entry by type: which; 0 for one by locate */
	bool used;		/* to be indexed: the filter needs this entry */
};

/*
 * Which subscriptions a channel's messages go to, so that fan-out visits
 * those and no other: by type for subscriptions to every locate, by locate
 * for the rest.  Market-wide messages (locate 0) and control records go to
 * every subscription and are not indexed.  Under the channel's lock.
 */
struct tp_fanout {
	struct hlist_head by_type[TP_ITCH_TYPES + 1];
	struct hlist_head by_locate[TP_FANOUT_LOCATE_BUCKETS];
};

static inline struct hlist_head *tp_fanout_by_locate(struct tp_fanout *fo,
						     u16 locate)
{
	return &fo->by_locate[locate % TP_FANOUT_LOCATE_BUCKETS];
}

/* Indexes every used entry of @filter, for @sub. */
void tp_fanout_link(struct tp_fanout *fo, struct tp_filter *filter,
		    struct tp_sub *sub);
/* Indexes one entry that became used, of a filter already linked. */
void tp_fanout_link_entry(struct tp_fanout *fo, struct tp_fanout_entry *e,
			  struct tp_sub *sub);
void tp_fanout_unlink(struct tp_filter *filter);

#endif /* _TP_FANOUT_H */
