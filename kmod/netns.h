/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TP_NETNS_H
#define _TP_NETNS_H

#include <linux/idr.h>
#include <linux/list.h>
#include <net/net_namespace.h>

/*
 * What tickpath keeps per network namespace: the feeds, channels and
 * subscriptions created there.  Changed and walked under RTNL, which also
 * orders them against ports coming and going.
 */
struct tp_net {
	struct list_head feeds;
	struct list_head channels;
	struct list_head subs;
	struct ida channel_ids;
};

struct tp_net *tp_net(const struct net *net);

int tp_netns_init(void);
void tp_netns_uninit(void);

#endif /* _TP_NETNS_H */
