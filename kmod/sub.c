// SPDX-License-Identifier: GPL-2.0
/*
 * Subscriptions: a filter and a ring on a channel, and their lifetime.  The
 * ring is refcounted and outlives the subscription for its readers.
 */

#include "channel.h"
#include "netns.h"
#include "ring.h"
#include "sub.h"

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/log2.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/netlink.h>

struct tp_sub *tp_sub_find(struct tp_net *tn, const char *name)
{
	struct tp_sub *sub;

	ASSERT_RTNL();
	list_for_each_entry(sub, &tn->subs, net_node)
		if (!strcmp(sub->name, name))
			return sub;
	return NULL;
}

int tp_sub_add(struct tp_net *tn, const char *name, const char *channel,
	       const struct tp_filter_spec *spec, u32 slots,
	       const struct tp_sub_owner *owner, struct netlink_ext_ack *extack)
{
	struct tp_channel *ch;
	struct tp_sub *sub;
	int ret;

	ASSERT_RTNL();
	ch = tp_channel_find(tn, channel);
	if (!ch) {
		NL_SET_ERR_MSG_MOD(extack, "no such channel");
		return -ENOENT;
	}
	if (tp_sub_find(tn, name)) {
		NL_SET_ERR_MSG_MOD(extack, "a subscription of that name exists");
		return -EEXIST;
	}
	if (!is_power_of_2(slots)) {
		NL_SET_ERR_MSG_MOD(extack, "the ring's slot count must be a power of two");
		return -EINVAL;
	}

	sub = kzalloc(sizeof(*sub), GFP_KERNEL);
	if (!sub)
		return -ENOMEM;
	sub->filter = tp_filter_create(spec, extack);
	if (IS_ERR(sub->filter)) {
		ret = PTR_ERR(sub->filter);
		goto err_filter;
	}
	sub->ring = tp_ring_create(slots, tp_channel_numa_node(ch));
	if (!sub->ring) {
		NL_SET_ERR_MSG_MOD(extack, "no memory for a ring that size");
		ret = -ENOMEM;
		goto err_ring;
	}
	strscpy(sub->name, name, sizeof(sub->name));
	sub->channel = ch;
	sub->slots = slots;
	sub->owner = *owner;
	list_add_tail(&sub->net_node, &tn->subs);
	tp_channel_add_sub(ch, sub);
	return 0;

err_ring:
	tp_filter_free(sub->filter);
err_filter:
	kfree(sub);
	return ret;
}

int tp_sub_set(struct tp_sub *sub, const struct tp_filter_spec *spec,
	       struct netlink_ext_ack *extack)
{
	struct tp_filter *filter;

	ASSERT_RTNL();
	filter = tp_filter_create(spec, extack);
	if (IS_ERR(filter))
		return PTR_ERR(filter);
	tp_filter_free(tp_channel_swap_filter(sub->channel, sub, filter));
	return 0;
}

void tp_sub_del(struct tp_sub *sub)
{
	ASSERT_RTNL();
	tp_channel_del_sub(sub->channel, sub);
	list_del(&sub->net_node);
	/* A receive path that wrote to the ring may still be waking it. */
	synchronize_net();
	/* Readers keep the ring; they learn it is dead. */
	tp_ring_kill(sub->ring);
	tp_ring_put(sub->ring);
	tp_filter_free(sub->filter);
	kfree(sub);
}

static bool tp_sub_may_read(const struct tp_sub *sub, const struct net *net)
{
	const struct tp_sub_owner *owner = &sub->owner;

	if (!uid_valid(owner->uid) && !gid_valid(owner->gid))
		return true;
	return uid_eq(current_fsuid(), owner->uid) ||
	       (gid_valid(owner->gid) && in_group_p(owner->gid)) ||
	       ns_capable(net->user_ns, CAP_NET_ADMIN);
}

struct tp_ring *tp_sub_get_ring(struct net *net, const char *name)
{
	struct tp_ring *ring = ERR_PTR(-ENOENT);
	struct tp_sub *sub;

	rtnl_lock();
	sub = tp_sub_find(tp_net(net), name);
	if (sub && !tp_sub_may_read(sub, net)) {
		ring = ERR_PTR(-EACCES);
	} else if (sub) {
		ring = sub->ring;
		tp_ring_get(ring);
	}
	rtnl_unlock();
	return ring;
}
