// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family: requests are parsed and checked here, then
 * handed to the object they concern.  Documented in uapi/linux/tickpath.h.
 */

#include "netlink.h"
#include "port.h"

#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/sock.h>

static struct genl_family tp_genl_family;

static const struct nla_policy tp_genl_policy[TICKPATH_A_MAX + 1] = {
	[TICKPATH_A_PORT_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[TICKPATH_A_PORT_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[TICKPATH_A_PORT_MODE] = NLA_POLICY_MAX(NLA_U8, TICKPATH_PORT_MODE_MAX),
};

/* NL_SET_ERR_MSG_ATTR() has no _MOD variant in 6.1. */
#define TP_GENL_ERR_ATTR(info, attr, msg) \
	NL_SET_ERR_MSG_ATTR((info)->extack, attr, KBUILD_MODNAME ": " msg)

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
	struct nlattr *mode = info->attrs[TICKPATH_A_PORT_MODE];
	struct net_device *dev;
	int ret;

	rtnl_lock();
	dev = tp_genl_get_dev(info);
	ret = PTR_ERR_OR_ZERO(dev);
	if (!ret)
		ret = tp_port_attach(dev, mode ? nla_get_u8(mode) : TICKPATH_PORT_MODE_STEAL,
				     info->extack);
	rtnl_unlock();
	return ret;
}

static struct tp_port *tp_genl_get_port(struct genl_info *info)
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

static int tp_genl_fill_port(struct sk_buff *skb, const struct tp_port *port,
			     u32 portid, u32 seq, int flags)
{
	struct tp_port_counters counters;
	struct nlattr *stats;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &tp_genl_family, flags,
			  TICKPATH_CMD_PORT_GET);
	if (!hdr)
		return -EMSGSIZE;

	tp_port_read_stats(port, &counters);
	if (nla_put_u32(skb, TICKPATH_A_PORT_IFINDEX, port->dev->ifindex) ||
	    nla_put_string(skb, TICKPATH_A_PORT_IFNAME, port->dev->name) ||
	    nla_put_u8(skb, TICKPATH_A_PORT_MODE, port->mode))
		goto err_cancel;
	stats = nla_nest_start(skb, TICKPATH_A_PORT_STATS);
	if (!stats)
		goto err_cancel;
	if (nla_put_u64_64bit(skb, TICKPATH_PORT_STATS_A_PACKETS, counters.packets,
			      TICKPATH_PORT_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, TICKPATH_PORT_STATS_A_BYTES, counters.bytes,
			      TICKPATH_PORT_STATS_A_PAD))
		goto err_cancel;
	nla_nest_end(skb, stats);
	genlmsg_end(skb, hdr);
	return 0;

err_cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static int tp_genl_port_get(struct sk_buff *skb, struct genl_info *info)
{
	struct tp_port *port;
	struct sk_buff *msg;
	int ret;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	rtnl_lock();
	port = tp_genl_get_port(info);
	ret = PTR_ERR_OR_ZERO(port);
	if (!ret)
		ret = tp_genl_fill_port(msg, port, info->snd_portid, info->snd_seq, 0);
	rtnl_unlock();

	if (ret) {
		nlmsg_free(msg);
		return ret;
	}
	return genlmsg_reply(msg, info);
}

/* cb->args[0]: how many ports of this namespace earlier calls sent. */
static int tp_genl_port_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	long sent = 0, skip = cb->args[0];
	struct net_device *dev;
	struct tp_port *port;

	rtnl_lock();
	for_each_netdev(net, dev) {
		port = tp_port_from_dev(dev);
		if (!port || sent++ < skip)
			continue;
		if (tp_genl_fill_port(skb, port, NETLINK_CB(cb->skb).portid,
				      cb->nlh->nlmsg_seq, NLM_F_MULTI)) {
			sent--;
			break;
		}
	}
	rtnl_unlock();

	cb->args[0] = sent;
	return skb->len;
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
