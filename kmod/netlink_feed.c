// SPDX-License-Identifier: GPL-2.0
/*
 * FEED_ADD, FEED_DEL and FEED_GET.
 */

#include "channel.h"
#include "feed.h"
#include "netlink.h"
#include "netns.h"
#include "port.h"
#include "stats.h"

#include <linux/rtnetlink.h>
#include <net/sock.h>

static int tp_genl_feed_config(struct genl_info *info, struct tp_feed_config *config)
{
	struct nlattr **attrs = info->attrs;

	config->name = tp_genl_get_name(info, TICKPATH_A_FEED_NAME);
	if (!config->name)
		return -EINVAL;
	if (!attrs[TICKPATH_A_FEED_GROUP] || !attrs[TICKPATH_A_FEED_UDP_PORT]) {
		NL_SET_ERR_MSG_MOD(info->extack, "a feed needs a group and a UDP port");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, attrs[TICKPATH_A_FEED_GROUP] ?
				     TICKPATH_A_FEED_UDP_PORT : TICKPATH_A_FEED_GROUP);
		return -EINVAL;
	}
	config->group = nla_get_in_addr(attrs[TICKPATH_A_FEED_GROUP]);
	config->udp_port = htons(nla_get_u16(attrs[TICKPATH_A_FEED_UDP_PORT]));
	if (attrs[TICKPATH_A_FEED_SOURCE])
		config->source = nla_get_in_addr(attrs[TICKPATH_A_FEED_SOURCE]);
	if (attrs[TICKPATH_A_FEED_PROTO])
		config->proto = nla_get_u8(attrs[TICKPATH_A_FEED_PROTO]);
	if (attrs[TICKPATH_A_FEED_CHANNEL]) {
		config->channel = tp_genl_get_name(info, TICKPATH_A_FEED_CHANNEL);
		if (!config->channel)
			return -EINVAL;
	}
	return 0;
}

/*
 * A replace of a feed that exists: nothing of a feed changes in place (its
 * group membership, its line of the channel, what the receive path matches),
 * so the request must describe it as it is.
 */
static int tp_genl_feed_same(struct genl_info *info, const struct tp_feed *feed,
			     const struct tp_port *port,
			     const struct tp_feed_config *config)
{
	struct nlattr **attrs = info->attrs;
	struct nlattr *dev = attrs[TICKPATH_A_PORT_IFNAME] ?: attrs[TICKPATH_A_PORT_IFINDEX];

	if (feed->port != port)
		TP_GENL_ERR_ATTR(info, dev, "a feed's device cannot change in place");
	else if (feed->group != config->group)
		TP_GENL_ERR_ATTR(info, attrs[TICKPATH_A_FEED_GROUP],
				 "a feed's group cannot change in place");
	else if (feed->udp_port != config->udp_port)
		TP_GENL_ERR_ATTR(info, attrs[TICKPATH_A_FEED_UDP_PORT],
				 "a feed's UDP port cannot change in place");
	else if (feed->source != config->source)
		TP_GENL_ERR_ATTR(info, attrs[TICKPATH_A_FEED_SOURCE],
				 "a feed's source cannot change in place");
	else if (feed->proto != config->proto)
		TP_GENL_ERR_ATTR(info, attrs[TICKPATH_A_FEED_PROTO],
				 "a feed's protocol cannot change in place");
	else if (strcmp(feed->channel->name, config->channel ?: config->name))
		TP_GENL_ERR_ATTR(info, attrs[TICKPATH_A_FEED_CHANNEL],
				 "a feed's channel cannot change in place");
	else
		return 0;
	return -EOPNOTSUPP;
}

int tp_genl_feed_add(struct sk_buff *skb, struct genl_info *info)
{
	struct tp_feed_config config = {};
	struct tp_feed *feed = NULL;
	struct tp_port *port;
	int ret;

	ret = tp_genl_feed_config(info, &config);
	if (ret)
		return ret;
	rtnl_lock();
	port = tp_genl_get_port(info);
	ret = PTR_ERR_OR_ZERO(port);
	if (!ret && tp_genl_replace(info))
		feed = tp_feed_find(tp_net(genl_info_net(info)), config.name);
	if (feed)
		ret = tp_genl_feed_same(info, feed, port, &config);
	else if (!ret)
		ret = tp_feed_add(port, &config, info->extack);
	rtnl_unlock();
	return ret;
}

static struct tp_feed *tp_genl_get_feed(struct genl_info *info)
{
	const char *name = tp_genl_get_name(info, TICKPATH_A_FEED_NAME);
	struct tp_feed *feed;

	if (!name)
		return ERR_PTR(-EINVAL);
	feed = tp_feed_find(tp_net(genl_info_net(info)), name);
	if (!feed) {
		TP_GENL_ERR_ATTR(info, info->attrs[TICKPATH_A_FEED_NAME], "no such feed");
		return ERR_PTR(-ENOENT);
	}
	return feed;
}

int tp_genl_feed_del(struct sk_buff *skb, struct genl_info *info)
{
	struct tp_feed *feed;
	int ret;

	rtnl_lock();
	feed = tp_genl_get_feed(info);
	ret = PTR_ERR_OR_ZERO(feed);
	if (!ret)
		tp_feed_del(feed);
	rtnl_unlock();
	return ret;
}

/* Only the counters that are not zero: most types and reasons never occur. */
static int tp_genl_put_sparse(struct sk_buff *skb, int type, const u64 *counters,
			      unsigned int n, u16 (*attr_of)(unsigned int i))
{
	struct nlattr *nest = nla_nest_start(skb, type);
	unsigned int i;

	if (!nest)
		return -EMSGSIZE;
	/* Padding (where u64s must be aligned) is attribute 0, never a key. */
	for (i = 1; i < n; i++) {
		if (counters[i] && nla_put_u64_64bit(skb, attr_of(i), counters[i], 0)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static u16 tp_genl_type_attr(unsigned int index)
{
	return tp_itch_type_char(index);
}

static u16 tp_genl_reason_attr(unsigned int reason)
{
	return reason;
}

static int tp_genl_put_feed_stats(struct sk_buff *skb, const struct tp_feed *feed)
{
	u64 c[TP_FEED_COUNTERS];
	struct nlattr *nest;

	tp_stats_read(feed->stats, TP_FEED_COUNTERS, c);
	nest = nla_nest_start(skb, TICKPATH_A_FEED_STATS);
	if (!nest)
		return -EMSGSIZE;
	if (tp_genl_put_u64s(skb, c, TICKPATH_FEED_STATS_A_PACKETS,
			     TICKPATH_FEED_STATS_A_PASSED, TICKPATH_FEED_STATS_A_PAD) ||
	    tp_genl_put_u64s(skb, c, TICKPATH_FEED_STATS_A_STALE,
			     TICKPATH_FEED_STATS_A_STALE, TICKPATH_FEED_STATS_A_PAD) ||
	    tp_genl_put_sparse(skb, TICKPATH_FEED_STATS_A_TYPES, c + TP_FEED_TYPES,
			       TP_ITCH_TYPES + 1, tp_genl_type_attr) ||
	    tp_genl_put_sparse(skb, TICKPATH_FEED_STATS_A_MALFORMED, c + TP_FEED_MALFORMED,
			       __TICKPATH_MALFORMED_MAX, tp_genl_reason_attr)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int tp_genl_fill_feed(struct sk_buff *skb, const void *obj, u32 portid,
			     u32 seq, int flags)
{
	const struct tp_feed *feed = obj;
	struct tp_channel *ch = feed->channel;
	u8 session[TP_MOLD_SESSION_LEN];
	bool have_session;
	u64 next_seq;
	void *hdr;

	spin_lock_bh(&ch->lock);
	have_session = ch->have_session;
	memcpy(session, ch->session, sizeof(session));
	next_seq = ch->next_seq;
	spin_unlock_bh(&ch->lock);

	hdr = tp_genl_put_header(skb, portid, seq, flags, TICKPATH_CMD_FEED_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, TICKPATH_A_FEED_NAME, feed->name) ||
	    nla_put_u32(skb, TICKPATH_A_PORT_IFINDEX, feed->port->dev->ifindex) ||
	    nla_put_string(skb, TICKPATH_A_PORT_IFNAME, feed->port->dev->name) ||
	    nla_put_in_addr(skb, TICKPATH_A_FEED_GROUP, feed->group) ||
	    nla_put_u16(skb, TICKPATH_A_FEED_UDP_PORT, ntohs(feed->udp_port)) ||
	    (feed->source && nla_put_in_addr(skb, TICKPATH_A_FEED_SOURCE, feed->source)) ||
	    nla_put_u8(skb, TICKPATH_A_FEED_PROTO, feed->proto) ||
	    nla_put_string(skb, TICKPATH_A_FEED_CHANNEL, ch->name) ||
	    nla_put_u8(skb, TICKPATH_A_FEED_CHANNEL_ID, ch->id) ||
	    nla_put_u8(skb, TICKPATH_A_FEED_LINE, feed->line) ||
	    (have_session && nla_put(skb, TICKPATH_A_FEED_SESSION, sizeof(session), session)) ||
	    nla_put_u64_64bit(skb, TICKPATH_A_FEED_NEXT_SEQ, next_seq, TICKPATH_A_PAD) ||
	    tp_genl_put_feed_stats(skb, feed)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

int tp_genl_feed_get(struct sk_buff *skb, struct genl_info *info)
{
	struct tp_feed *feed;
	int ret;

	rtnl_lock();
	feed = tp_genl_get_feed(info);
	ret = PTR_ERR_OR_ZERO(feed);
	if (!ret)
		ret = tp_genl_reply(info, tp_genl_fill_feed, feed, NLMSG_DEFAULT_SIZE);
	rtnl_unlock();
	return ret;
}

int tp_genl_feed_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct tp_net *tn = tp_net(sock_net(skb->sk));
	int ret;

	rtnl_lock();
	ret = tp_genl_dump_list(skb, cb, &tn->feeds, offsetof(struct tp_feed, net_node),
				tp_genl_fill_feed);
	rtnl_unlock();
	return ret;
}
