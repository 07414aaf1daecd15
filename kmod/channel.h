/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TP_CHANNEL_H
#define _TP_CHANNEL_H

#include "filter.h"
#include "itch.h"

#include <linux/bitmap.h>
#include <linux/list.h>
#include <linux/spinlock.h>

struct netlink_ext_ack;
struct tp_fanout;
struct tp_feed;
struct tp_net;
struct tp_ring;
struct tp_stats;
struct tp_sub;

#define TP_CHANNEL_LINES 1	/* A/B arbitration will make it 2 */
/* How long packets of the session left count as late, not as a change. */
#define TP_CHANNEL_STALE_WINDOW HZ

/* The symbols the Stock Directory announced, by locate, and in which order. */
struct tp_directory {
	u64 symbol[TP_LOCATES];
	DECLARE_BITMAP(seen, TP_LOCATES);	/* a symbol may be all zero bytes */
	u16 announced[TP_LOCATES];
	u32 count;
};

/*
 * A sequence domain (one MoldUDP64 session at a time) and the subscriptions
 * fed from it.  Lines (feeds) and subscriptions are added and removed under
 * RTNL; everything the receive path touches is under @lock.
 */
struct tp_channel {
	struct list_head node;		/* tp_net.channels */
	struct tp_net *tn;
	char name[TICKPATH_NAME_MAX];
	u8 id;
	struct tp_feed *lines[TP_CHANNEL_LINES];

	spinlock_t lock;		/* the receive path's state, below */
	bool have_session;
	bool ended;
	bool have_left;
	u8 session[TP_MOLD_SESSION_LEN];
	u8 left[TP_MOLD_SESSION_LEN];	/* the session before this one */
	unsigned long left_at;		/* jiffies when it was left */
	u64 next_seq;
	u64 offered;			/* records offered to the subscriptions */
	struct list_head subs;		/* tp_sub.channel_node */
	struct tp_fanout *fanout;	/* the same subscriptions, indexed */
	struct tp_directory *directory;
};

/* Rings one packet wakes after the channel's lock, at most. */
#define TP_CHANNEL_WAKE_MAX 8

/* What one packet leaves to be done once, after all its messages. */
struct tp_channel_batch {
	struct tp_sub *dirty;		/* written to: tp_sub.dirty_next */
	u64 offered;
	u32 messages;
	unsigned int nwake;
	struct tp_ring *wake[TP_CHANNEL_WAKE_MAX];
};

/* Per packet, from the receive path: the packet's own data. */
struct tp_rx_packet {
	const u8 *payload;
	u32 len;
	u64 rx_ts;
	bool hw_ts;
};

struct tp_channel *tp_channel_find(struct tp_net *tn, const char *name);
/* Adds @feed as a line of the channel @name, creating the channel. */
int tp_channel_add_line(struct tp_net *tn, const char *name, struct tp_feed *feed,
			struct netlink_ext_ack *extack);
/* Removes the feed's line; the last one takes the channel and its
 * subscriptions with it.  No receive path may still see the feed.
 */
void tp_channel_del_line(struct tp_feed *feed);

void tp_channel_receive(struct tp_channel *ch, const struct tp_feed *feed,
			const struct tp_rx_packet *pkt, struct tp_stats *stats);

void tp_channel_add_sub(struct tp_channel *ch, struct tp_sub *sub);
void tp_channel_del_sub(struct tp_channel *ch, struct tp_sub *sub);
/* The NUMA node of the channel's device, for its rings' memory. */
int tp_channel_numa_node(const struct tp_channel *ch);
/* The subscription's counters, into @c indexed by TICKPATH_SUB_STATS_A_*. */
void tp_channel_sub_stats(struct tp_channel *ch, const struct tp_sub *sub, u64 *c);
/* Installs @filter on @sub between two packets; returns the old one. */
struct tp_filter *tp_channel_swap_filter(struct tp_channel *ch, struct tp_sub *sub,
					 struct tp_filter *filter);

#endif /* _TP_CHANNEL_H */
