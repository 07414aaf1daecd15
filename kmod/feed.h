/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TP_FEED_H
#define _TP_FEED_H

#include "itch.h"

#include <linux/list.h>
#include <linux/netdevice.h>
#include <linux/tickpath.h>

struct netlink_ext_ack;
struct tp_channel;
struct tp_net;
struct tp_port;
struct tp_stats;

/* A feed's counters: the uapi stats attributes, then one per message type
 * index, then one per malformed reason.
 */
enum {
	TP_FEED_TYPES = __TICKPATH_FEED_STATS_A_MAX,
	TP_FEED_MALFORMED = TP_FEED_TYPES + TP_ITCH_TYPES + 1,
	TP_FEED_COUNTERS = TP_FEED_MALFORMED + __TICKPATH_MALFORMED_MAX,
};

struct tp_feed_config {
	const char *name;
	const char *channel;
	__be32 group;
	__be32 source;		/* 0: any */
	__be16 udp_port;
	u8 proto;
};

/*
 * One multicast stream on a port, feeding one line of a channel.  Lives on
 * its port's list (RCU, walked by the receive path) and its namespace's list
 * (RTNL).
 */
struct tp_feed {
	struct list_head port_node;
	struct list_head net_node;
	char name[TICKPATH_NAME_MAX];
	struct tp_port *port;
	__be32 group;
	__be32 source;
	__be16 udp_port;
	u8 proto;
	u8 line;
	struct tp_channel *channel;
	struct tp_stats __percpu *stats;
};

int tp_feed_add(struct tp_port *port, const struct tp_feed_config *config,
		struct netlink_ext_ack *extack);
void tp_feed_del(struct tp_feed *feed);
/* Deletes every feed of @port, e.g. when its device goes. */
void tp_feed_del_port(struct tp_port *port);
struct tp_feed *tp_feed_find(struct tp_net *tn, const char *name);

/* The receive path's half: under rcu_read_lock(). */
rx_handler_result_t tp_feed_rx(struct tp_port *port, struct sk_buff **pskb);

#endif /* _TP_FEED_H */
