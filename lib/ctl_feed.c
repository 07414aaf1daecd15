// SPDX-License-Identifier: LGPL-2.1-or-later
/* Feeds: the multicast streams a port receives, each on a channel. */
#include "ctl.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

static const struct tp_counter tp_feed_counters[] = {
	TP_COUNTER(TICKPATH_FEED_STATS_A_PACKETS, struct tp_feed_stats, packets),
	TP_COUNTER(TICKPATH_FEED_STATS_A_BYTES, struct tp_feed_stats, bytes),
	TP_COUNTER(TICKPATH_FEED_STATS_A_MESSAGES, struct tp_feed_stats, messages),
	TP_COUNTER(TICKPATH_FEED_STATS_A_HEARTBEATS, struct tp_feed_stats, heartbeats),
	TP_COUNTER(TICKPATH_FEED_STATS_A_DUPLICATES, struct tp_feed_stats, duplicates),
	TP_COUNTER(TICKPATH_FEED_STATS_A_GAPS, struct tp_feed_stats, gaps),
	TP_COUNTER(TICKPATH_FEED_STATS_A_GAP_MESSAGES, struct tp_feed_stats, gap_messages),
	TP_COUNTER(TICKPATH_FEED_STATS_A_SESSIONS, struct tp_feed_stats, sessions),
	TP_COUNTER(TICKPATH_FEED_STATS_A_END_OF_SESSION, struct tp_feed_stats, end_of_session),
	TP_COUNTER(TICKPATH_FEED_STATS_A_PASSED, struct tp_feed_stats, passed),
	TP_COUNTER(TICKPATH_FEED_STATS_A_STALE, struct tp_feed_stats, stale),
};

/* The plain counters, then the two nests keyed by type and by reason. */
static int tp_feed_parse_stats(const struct nlattr *nest,
			       struct tp_feed_stats *stats)
{
	const struct nlattr *attr;
	int ret = tp_attr_counters(nest, tp_feed_counters,
				   TP_ARRAY_SIZE(tp_feed_counters), stats);

	mnl_attr_for_each_nested(attr, nest) {
		if (ret)
			break;
		switch (mnl_attr_get_type(attr)) {
		case TICKPATH_FEED_STATS_A_TYPES:
			ret = tp_attr_counters(attr, NULL, TP_ARRAY_SIZE(stats->types),
					       stats->types);
			break;
		case TICKPATH_FEED_STATS_A_MALFORMED:
			ret = tp_attr_counters(attr, NULL, TP_ARRAY_SIZE(stats->malformed),
					       stats->malformed);
			break;
		}
	}
	return ret;
}

static int tp_feed_parse_attr(const struct nlattr *attr,
			      struct tp_feed_info *feed)
{
	uint8_t proto = 0;
	int ret;

	switch (mnl_attr_get_type(attr)) {
	case TICKPATH_A_FEED_NAME:
		return tp_attr_get_str(attr, feed->name);
	case TICKPATH_A_FEED_CHANNEL:
		return tp_attr_get_str(attr, feed->channel);
	case TICKPATH_A_PORT_IFINDEX:
		return tp_attr_get(attr, &feed->ifindex);
	case TICKPATH_A_PORT_IFNAME:
		return tp_attr_get_str(attr, feed->ifname);
	case TICKPATH_A_FEED_GROUP:
		return tp_attr_get(attr, &feed->group.s_addr);
	case TICKPATH_A_FEED_SOURCE:
		return tp_attr_get(attr, &feed->source.s_addr);
	case TICKPATH_A_FEED_UDP_PORT:
		return tp_attr_get(attr, &feed->udp_port);
	case TICKPATH_A_FEED_PROTO:
		ret = tp_attr_get(attr, &proto);
		feed->proto = proto;
		return ret;
	case TICKPATH_A_FEED_CHANNEL_ID:
		return tp_attr_get(attr, &feed->channel_id);
	case TICKPATH_A_FEED_LINE:
		return tp_attr_get(attr, &feed->line);
	case TICKPATH_A_FEED_SESSION:
		return tp_attr_copy(attr, feed->session, TP_SESSION_LEN);
	case TICKPATH_A_FEED_NEXT_SEQ:
		return tp_attr_get(attr, &feed->next_seq);
	case TICKPATH_A_FEED_STATS:
		return tp_feed_parse_stats(attr, &feed->stats);
	}
	return 0;	/* from a newer kernel */
}

static int tp_feed_parse(const struct nlmsghdr *nlh, void *info)
{
	struct tp_feed_info *feed = info;
	const struct nlattr *attr;

	memset(feed, 0, sizeof(*feed));
	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		if (tp_feed_parse_attr(attr, feed))
			return -EBADMSG;
	}
	return feed->name[0] ? 0 : -EBADMSG;
}

static int tp_feed_deliver(const void *info, union tp_ctl_fn fn, void *arg)
{
	return fn.feed(info, arg);
}

static const struct tp_ctl_kind tp_feed_kind = {
	.what = "feed",
	.get_cmd = TICKPATH_CMD_FEED_GET,
	.name_attr = TICKPATH_A_FEED_NAME,
	.name_size = TICKPATH_NAME_MAX,
	.parse = tp_feed_parse,
	.deliver = tp_feed_deliver,
};

static int tp_feed_build_add(struct tp_ctl *ctl, const struct tp_feed_config *feed,
			     uint16_t flags)
{
	uint8_t proto = feed->proto;
	int ret;

	ret = tp_ctl_start_named(ctl, &tp_feed_kind, TICKPATH_CMD_FEED_ADD, flags,
				 feed->name) ?:
	      tp_ctl_put_name(ctl, TICKPATH_A_PORT_IFNAME, feed->ifname, IF_NAMESIZE,
			      "device") ?:
	      tp_ctl_put_one(ctl, TICKPATH_A_FEED_GROUP, &feed->group.s_addr) ?:
	      tp_ctl_put_one(ctl, TICKPATH_A_FEED_UDP_PORT, &feed->udp_port) ?:
	      tp_ctl_put_one(ctl, TICKPATH_A_FEED_PROTO, &proto);
	if (!ret && feed->source.s_addr != htonl(INADDR_ANY))
		ret = tp_ctl_put_one(ctl, TICKPATH_A_FEED_SOURCE, &feed->source.s_addr);
	if (!ret && feed->channel)
		ret = tp_ctl_put_name(ctl, TICKPATH_A_FEED_CHANNEL, feed->channel,
				      TICKPATH_NAME_MAX, "channel");
	return ret;
}

int tp_ctl_feed_add(struct tp_ctl *ctl, const struct tp_feed_config *feed)
{
	return tp_feed_build_add(ctl, feed, 0) ?: tp_ctl_transact(ctl, NULL, NULL);
}

int tp_ctl_feed_replace(struct tp_ctl *ctl, const struct tp_feed_config *feed)
{
	return tp_feed_build_add(ctl, feed, NLM_F_REPLACE) ?:
	       tp_ctl_transact(ctl, NULL, NULL);
}

int tp_ctl_feed_del(struct tp_ctl *ctl, const char *name)
{
	return tp_ctl_named(ctl, &tp_feed_kind, TICKPATH_CMD_FEED_DEL, name);
}

int tp_ctl_feed_get(struct tp_ctl *ctl, const char *name,
		    struct tp_feed_info *feed)
{
	return tp_ctl_get(ctl, &tp_feed_kind, name, feed);
}

int tp_ctl_feed_dump(struct tp_ctl *ctl,
		     int (*fn)(const struct tp_feed_info *feed, void *arg),
		     void *arg)
{
	struct tp_feed_info feed;

	return tp_ctl_dump(ctl, &tp_feed_kind, (union tp_ctl_fn){ .feed = fn },
			   arg, &feed);
}
