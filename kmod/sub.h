/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TP_SUB_H
#define _TP_SUB_H

#include "filter.h"

#include <linux/list.h>
#include <linux/uidgid.h>
#include <net/net_namespace.h>

struct netlink_ext_ack;
struct tp_channel;
struct tp_net;
struct tp_ring;

/* Who may bind readers besides the namespace's administrator; both ids
 * invalid: anyone.
 */
struct tp_sub_owner {
	kuid_t uid;
	kgid_t gid;
};

/*
 * A named filter on a channel, owning one ring.  Created, changed and
 * deleted under RTNL; the receive path reaches it through its channel's
 * list, under the channel's lock.
 */
struct tp_sub {
	struct list_head net_node;	/* tp_net.subs */
	struct list_head channel_node;	/* tp_channel.subs */
	char name[TICKPATH_NAME_MAX];
	struct tp_channel *channel;
	struct tp_ring *ring;
	u32 slots;
	struct tp_sub_owner owner;
	/* Under the channel's lock: */
	struct tp_filter *filter;
	u64 offered_base;		/* the channel's offered when added */
	bool dirty;			/* written to by the packet at hand */
	struct tp_sub *dirty_next;	/* tp_channel_batch.dirty */
};

int tp_sub_add(struct tp_net *tn, const char *name, const char *channel,
	       const struct tp_filter_spec *spec, u32 slots,
	       const struct tp_sub_owner *owner, struct netlink_ext_ack *extack);
int tp_sub_set(struct tp_sub *sub, const struct tp_filter_spec *spec,
	       struct netlink_ext_ack *extack);
void tp_sub_del(struct tp_sub *sub);
struct tp_sub *tp_sub_find(struct tp_net *tn, const char *name);

/* The ring of the subscription so named in @net, with a reference the
 * caller drops with tp_ring_put(); ERR_PTR -ENOENT if there is none, -EACCES
 * if the current task may not read it.
 */
struct tp_ring *tp_sub_get_ring(struct net *net, const char *name);

#endif /* _TP_SUB_H */
