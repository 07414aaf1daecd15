// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family: its policy and operations, the port commands,
 * and what every command shares.  Requests are parsed and checked here and in
 * netlink_feed.c and netlink_sub.c, then handed to the object they concern.
 * Documented in uapi/linux/tickpath.h.
 */

#include "netlink.h"
#include "port.h"
#include "stats.h"

#include <linux/rtnetlink.h>
#include <net/sock.h>

static struct genl_family tp_genl_family;

#define TP_GENL_NAME_POLICY { .type = NLA_NUL_STRING, .len = TICKPATH_NAME_MAX - 1 }

static struct netlink_range_validation tp_genl_ring_slots_range = {
	.min = TICKPATH_RING_SLOTS_MIN,
	.max = TICKPATH_RING_SLOTS_MAX,
};

static const struct nla_policy tp_genl_policy[TICKPATH_A_MAX + 1] = {
	[TICKPATH_A_PORT_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[TICKPATH_A_PORT_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[TICKPATH_A_PORT_MODE] = NLA_POLICY_MAX(NLA_U8, TICKPATH_PORT_MODE_MAX),
	[TICKPATH_A_FEED_NAME] = TP_GENL_NAME_POLICY,
	[TICKPATH_A_FEED_GROUP] = { .type = NLA_BE32 },
	[TICKPATH_A_FEED_UDP_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[TICKPATH_A_FEED_SOURCE] = { .type = NLA_BE32 },
	[TICKPATH_A_FEED_PROTO] = NLA_POLICY_MAX(NLA_U8, TICKPATH_PROTO_MAX),
	[TICKPATH_A_FEED_CHANNEL] = TP_GENL_NAME_POLICY,
	[TICKPATH_A_SUB_NAME] = TP_GENL_NAME_POLICY,
	[TICKPATH_A_SUB_CHANNEL] = TP_GENL_NAME_POLICY,
	[TICKPATH_A_SUB_TYPES] = { .type = NLA_NUL_STRING, .len = 64 },
	[TICKPATH_A_SUB_LOCATES] = {
		.type = NLA_BINARY, .len = TICKPATH_SUB_LOCATES_MAX * sizeof(__u16) },
	[TICKPATH_A_SUB_SYMBOLS] = {
		.type = NLA_BINARY, .len = TICKPATH_SUB_SYMBOLS_MAX * 8 },
	[TICKPATH_A_SUB_RING_SLOTS] = NLA_POLICY_FULL_RANGE(NLA_U32,
							    &tp_genl_ring_slots_range),
	[TICKPATH_A_SUB_OWNER_UID] = { .type = NLA_U32 },
	[TICKPATH_A_SUB_OWNER_GID] = { .type = NLA_U32 },
};

/* The device named by ifindex and/or ifname in the caller's namespace. */
static struct net_device *tp_genl_get_dev(struct genl_info *info)
{
	struct nlattr *ifindex = info->attrs[TICKPATH_A_PORT_IFINDEX];
	struct nlattr *ifname = info->attrs[TICKPATH_A_PORT_IFNAME];
	struct net *net = genl_info_net(info);
	struct net_device *dev = NULL;

	ASSERT_RTNL();
	if (!ifindex && !ifname) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "a device is needed: TICKPATH_A_PORT_IFINDEX or _IFNAME");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, TICKPATH_A_PORT_IFNAME);
		return ERR_PTR(-EINVAL);
	}
	if (ifindex) {
		dev = __dev_get_by_index(net, nla_get_u32(ifindex));
		if (!dev) {
			TP_GENL_ERR_ATTR(info, ifindex, "no such ifindex in this namespace");
			return ERR_PTR(-ENODEV);
		}
	}
	if (ifname) {
		struct net_device *named = __dev_get_by_name(net, nla_data(ifname));

		if (!named) {
			TP_GENL_ERR_ATTR(info, ifname, "no such device in this namespace");
			return ERR_PTR(-ENODEV);
		}
		if (dev && dev != named) {
			TP_GENL_ERR_ATTR(info, ifname, "ifindex and ifname name different devices");
			return ERR_PTR(-EINVAL);
		}
		dev = named;
	}
	return dev;
}

static int tp_genl_port_attach(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *attr = info->attrs[TICKPATH_A_PORT_MODE];
	u8 mode = attr ? nla_get_u8(attr) : TICKPATH_PORT_MODE_STEAL;
	struct net_device *dev;
	struct tp_port *port;
	int ret;

	rtnl_lock();
	dev = tp_genl_get_dev(info);
	ret = PTR_ERR_OR_ZERO(dev);
	port = ret ? NULL : tp_port_from_dev(dev);
	/* The receive path reads the mode once per packet, so each packet
	 * is stolen or mirrored whole, by the old mode or the new one.
	 */
	if (port && tp_genl_replace(info))
		WRITE_ONCE(port->mode, mode);
	else if (!ret)
		ret = tp_port_attach(dev, mode, info->extack);
	rtnl_unlock();
	return ret;
}

struct tp_port *tp_genl_get_port(struct genl_info *info)
{
	struct net_device *dev = tp_genl_get_dev(info);
	struct tp_port *port;

	if (IS_ERR(dev))
		return ERR_CAST(dev);
	port = tp_port_from_dev(dev);
	if (!port) {
		NL_SET_ERR_MSG_MOD(info->extack, "device is not a tickpath port");
		return ERR_PTR(-ENOENT);
	}
	return port;
}

static int tp_genl_port_detach(struct sk_buff *skb, struct genl_info *info)
{
	struct tp_port *port;
	int ret;

	rtnl_lock();
	port = tp_genl_get_port(info);
	ret = PTR_ERR_OR_ZERO(port);
	if (!ret)
		tp_port_detach(port);
	rtnl_unlock();
	return ret;
}

void *tp_genl_put_header(struct sk_buff *skb, u32 portid, u32 seq, int flags,
			 u8 cmd)
{
	return genlmsg_put(skb, portid, seq, &tp_genl_family, flags, cmd);
}

/* NLA_U64 counters[first..last], each under its index. */
int tp_genl_put_u64s(struct sk_buff *skb, const u64 *counters, int first, int last,
		     int pad)
{
	int i;

	for (i = first; i <= last; i++)
		if (nla_put_u64_64bit(skb, i, counters[i], pad))
			return -EMSGSIZE;
	return 0;
}

/* The same in a nest @type. */
int tp_genl_put_counters(struct sk_buff *skb, int type, const u64 *counters,
			 int first, int last, int pad)
{
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest)
		return -EMSGSIZE;
	if (tp_genl_put_u64s(skb, counters, first, last, pad)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

int tp_genl_reply(struct genl_info *info, tp_genl_fill_t fill, const void *obj,
		  size_t size)
{
	struct sk_buff *msg;
	int ret;

	msg = genlmsg_new(size, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	ret = fill(msg, obj, info->snd_portid, info->snd_seq, 0);
	if (ret) {
		nlmsg_free(msg);
		return ret;
	}
	return genlmsg_reply(msg, info);
}

/*
 * What a dump call returns after a fill failed with @ret, or none did (0).
 * Full after some objects: the rest go in the next skb.  Full before any:
 * this one can never fit, and 6.1's netlink_dump() ends the dump with
 * whatever error is returned.
 */
static int tp_genl_dump_end(const struct sk_buff *skb, int ret)
{
	return ret && !skb->len ? ret : skb->len;
}

int tp_genl_dump_list(struct sk_buff *skb, struct netlink_callback *cb,
		      const struct list_head *head, size_t node_offset,
		      tp_genl_fill_t fill)
{
	long sent = 0, skip = cb->args[0];
	const struct list_head *pos;
	int ret = 0;

	ASSERT_RTNL();
	for (pos = head->next; pos != head; pos = pos->next) {
		if (sent++ < skip)
			continue;
		ret = fill(skb, (const void *)pos - node_offset,
			   NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (ret) {
			sent--;
			break;
		}
	}
	cb->args[0] = sent;
	return tp_genl_dump_end(skb, ret);
}

const char *tp_genl_get_name(struct genl_info *info, int type)
{
	struct nlattr *attr = info->attrs[type];

	if (!attr) {
		NL_SET_ERR_MSG_MOD(info->extack, "a name is needed");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, type);
		return NULL;
	}
	/* The policy bounds the length from above only. */
	if (!*(const char *)nla_data(attr)) {
		TP_GENL_ERR_ATTR(info, attr, "a name is 1 to 31 bytes");
		return NULL;
	}
	return nla_data(attr);
}

static int tp_genl_fill_port(struct sk_buff *skb, const void *obj, u32 portid,
			     u32 seq, int flags)
{
	const struct tp_port *port = obj;
	u64 counters[TP_PORT_COUNTERS];
	void *hdr;

	hdr = tp_genl_put_header(skb, portid, seq, flags, TICKPATH_CMD_PORT_GET);
	if (!hdr)
		return -EMSGSIZE;

	tp_port_read_stats(port, counters);
	if (nla_put_u32(skb, TICKPATH_A_PORT_IFINDEX, port->dev->ifindex) ||
	    nla_put_string(skb, TICKPATH_A_PORT_IFNAME, port->dev->name) ||
	    nla_put_u8(skb, TICKPATH_A_PORT_MODE, port->mode) ||
	    tp_genl_put_counters(skb, TICKPATH_A_PORT_STATS, counters,
				 TICKPATH_PORT_STATS_A_PACKETS, TICKPATH_PORT_STATS_A_BYTES,
				 TICKPATH_PORT_STATS_A_PAD)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int tp_genl_port_get(struct sk_buff *skb, struct genl_info *info)
{
	struct tp_port *port;
	int ret;

	rtnl_lock();
	port = tp_genl_get_port(info);
	ret = PTR_ERR_OR_ZERO(port);
	if (!ret)
		ret = tp_genl_reply(info, tp_genl_fill_port, port, NLMSG_DEFAULT_SIZE);
	rtnl_unlock();
	return ret;
}

/* cb->args[0]: how many ports of this namespace earlier calls sent. */
static int tp_genl_port_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	long sent = 0, skip = cb->args[0];
	struct net_device *dev;
	struct tp_port *port;
	int ret = 0;

	rtnl_lock();
	for_each_netdev(net, dev) {
		port = tp_port_from_dev(dev);
		if (!port || sent++ < skip)
			continue;
		ret = tp_genl_fill_port(skb, port, NETLINK_CB(cb->skb).portid,
					cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (ret) {
			sent--;
			break;
		}
	}
	rtnl_unlock();

	cb->args[0] = sent;
	return tp_genl_dump_end(skb, ret);
}

static const struct genl_small_ops tp_genl_ops[] = {
	{
		.cmd = TICKPATH_CMD_PORT_ATTACH,
		.doit = tp_genl_port_attach,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = TICKPATH_CMD_PORT_DETACH,
		.doit = tp_genl_port_detach,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = TICKPATH_CMD_PORT_GET,
		.doit = tp_genl_port_get,
		.dumpit = tp_genl_port_dump,
	}, {
		.cmd = TICKPATH_CMD_FEED_ADD,
		.doit = tp_genl_feed_add,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = TICKPATH_CMD_FEED_DEL,
		.doit = tp_genl_feed_del,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = TICKPATH_CMD_FEED_GET,
		.doit = tp_genl_feed_get,
		.dumpit = tp_genl_feed_dump,
	}, {
		.cmd = TICKPATH_CMD_SUB_ADD,
		.doit = tp_genl_sub_add,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = TICKPATH_CMD_SUB_SET,
		.doit = tp_genl_sub_set,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = TICKPATH_CMD_SUB_DEL,
		.doit = tp_genl_sub_del,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = TICKPATH_CMD_SUB_GET,
		.doit = tp_genl_sub_get,
		.dumpit = tp_genl_sub_dump,
	},
};

static struct genl_family tp_genl_family __ro_after_init = {
	.small_ops = tp_genl_ops,
	.n_small_ops = ARRAY_SIZE(tp_genl_ops),
	.resv_start_op = TICKPATH_CMD_MAX + 1,
	.name = TICKPATH_GENL_NAME,
	.version = TICKPATH_GENL_VERSION,
	.maxattr = TICKPATH_A_MAX,
	.policy = tp_genl_policy,
	.netnsok = true,
	.module = THIS_MODULE,
};

int __init tp_genl_init(void)
{
	return genl_register_family(&tp_genl_family);
}

void tp_genl_uninit(void)
{
	genl_unregister_family(&tp_genl_family);
}
