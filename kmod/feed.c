// SPDX-License-Identifier: GPL-2.0
/*
 * Feeds: the multicast streams a port listens to, their group membership
 * and their lifetime.
 */

#include "channel.h"
#include "feed.h"
#include "netns.h"
#include "port.h"
#include "stats.h"

#include <linux/igmp.h>
#include <linux/inetdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/netlink.h>

struct tp_feed *tp_feed_find(struct tp_net *tn, const char *name)
{
	struct tp_feed *feed;

	ASSERT_RTNL();
	list_for_each_entry(feed, &tn->feeds, net_node)
		if (!strcmp(feed->name, name))
			return feed;
	return NULL;
}

static int tp_feed_check(struct tp_net *tn, struct tp_port *port,
			 const struct tp_feed_config *config,
			 struct netlink_ext_ack *extack)
{
	struct tp_feed *feed;

	if (!ipv4_is_multicast(config->group)) {
		NL_SET_ERR_MSG_MOD(extack, "the group is not an IPv4 multicast address");
		return -EINVAL;
	}
	if (tp_feed_find(tn, config->name)) {
		NL_SET_ERR_MSG_MOD(extack, "a feed of that name exists");
		return -EEXIST;
	}
	list_for_each_entry(feed, &port->feeds, port_node) {
		if (feed->group == config->group && feed->udp_port == config->udp_port) {
			NL_SET_ERR_MSG_MOD(extack,
					   "a feed with that group and UDP port exists on the device");
			return -EEXIST;
		}
	}
	if (!__in_dev_get_rtnl(port->dev)) {
		NL_SET_ERR_MSG_MOD(extack, "the device has no IPv4 configuration");
		return -EADDRNOTAVAIL;
	}
	return 0;
}

int tp_feed_add(struct tp_port *port, const struct tp_feed_config *config,
		struct netlink_ext_ack *extack)
{
	struct tp_net *tn = tp_net(dev_net(port->dev));
	struct tp_feed *feed;
	int ret;

	ASSERT_RTNL();
	ret = tp_feed_check(tn, port, config, extack);
	if (ret)
		return ret;

	feed = kzalloc(sizeof(*feed), GFP_KERNEL);
	if (!feed)
		return -ENOMEM;
	feed->stats = tp_stats_alloc(TP_FEED_COUNTERS);
	if (!feed->stats) {
		ret = -ENOMEM;
		goto err_stats;
	}
	strscpy(feed->name, config->name, sizeof(feed->name));
	feed->port = port;
	feed->group = config->group;
	feed->source = config->source;
	feed->udp_port = config->udp_port;
	feed->proto = config->proto;
	ret = tp_channel_add_line(tn, config->channel ?: config->name, feed, extack);
	if (ret)
		goto err_channel;

	/* Join in the kernel, as a socket would: the NIC's filter and IGMP
	 * snooping switches then deliver the group.  A source, if given, is
	 * enforced on receive.
	 */
	ip_mc_inc_group(__in_dev_get_rtnl(port->dev), feed->group);
	list_add_tail(&feed->net_node, &tn->feeds);
	list_add_tail_rcu(&feed->port_node, &port->feeds);
	return 0;

err_channel:
	free_percpu(feed->stats);
err_stats:
	kfree(feed);
	return ret;
}

/* The feed is off its port's list and no receive path can see it. */
static void tp_feed_destroy(struct tp_feed *feed)
{
	struct in_device *in_dev = __in_dev_get_rtnl(feed->port->dev);

	/* The device's IPv4 state may be gone already when it unregisters,
	 * and its memberships with it.
	 */
	if (in_dev)
		ip_mc_dec_group(in_dev, feed->group);
	tp_channel_del_line(feed);
	list_del(&feed->net_node);
	free_percpu(feed->stats);
	kfree(feed);
}

void tp_feed_del(struct tp_feed *feed)
{
	ASSERT_RTNL();
	list_del_rcu(&feed->port_node);
	synchronize_net();
	tp_feed_destroy(feed);
}

void tp_feed_del_port(struct tp_port *port)
{
	struct tp_net *tn = tp_net(dev_net(port->dev));
	struct tp_feed *feed, *tmp;

	ASSERT_RTNL();
	if (list_empty(&port->feeds))
		return;
	list_for_each_entry_safe(feed, tmp, &port->feeds, port_node)
		list_del_rcu(&feed->port_node);
	synchronize_net();
	list_for_each_entry_safe(feed, tmp, &tn->feeds, net_node)
		if (feed->port == port)
			tp_feed_destroy(feed);
}
