// SPDX-License-Identifier: GPL-2.0
/* tpctl feed: the multicast streams a port decodes. */
#include <arpa/inet.h>
#include <inttypes.h>

#include "tpctl.h"

static int parse_addr(const char *what, const char *text, struct in_addr *addr,
		      bool multicast)
{
	if (inet_pton(AF_INET, text, addr) != 1)
		return usage_error("%s '%s' is not an IPv4 address", what, text);
	if (multicast && !IN_MULTICAST(ntohl(addr->s_addr)))
		return usage_error("%s '%s' is not a multicast address", what, text);
	return 0;
}

/* add, or replace through @call. */
static int feed_add_by(int argc, char **argv, const char *cmd,
		       int (*call)(struct tp_ctl *ctl, const struct tp_feed_config *feed))
{
	const char *name = NULL, *dev = NULL, *group = NULL, *port = NULL;
	const char *source = NULL, *channel = NULL, *proto = NULL;
	const struct arg args[] = {
		{ "dev", &dev }, { "group", &group }, { "port", &port },
		{ "source", &source }, { "channel", &channel }, { "proto", &proto },
	};
	struct tp_feed_config feed = { 0 };
	uint32_t udp_port;
	int ret;

	ret = parse_args(argc, argv, &name, args, ARRAY_SIZE(args)) ?:
	      check_name(cmd, "name", name, TICKPATH_NAME_MAX) ?:
	      check_name(cmd, "device", dev, IF_NAMESIZE) ?:
	      check_name(NULL, "channel", channel, TICKPATH_NAME_MAX);
	if (ret)
		return ret;
	if (!group || !port)
		return usage_error("%s needs a group and a port", cmd);
	ret = parse_addr("group", group, &feed.group, true) ?:
	      (source ? parse_addr("source", source, &feed.source, false) : 0);
	if (ret)
		return ret;
	if (parse_u32(port, 1, UINT16_MAX, &udp_port))
		return usage_error("port '%s' is not a UDP port (1 to 65535)", port);
	if (proto && tp_proto_parse(proto, &feed.proto))
		return usage_error("unknown proto '%s' (moldudp64-itch50)", proto);
	feed.name = name;
	feed.ifname = dev;
	feed.channel = channel;
	feed.udp_port = udp_port;
	return ctl_open() ?: finish(call(ctl, &feed));
}

static int feed_add(int argc, char **argv)
{
	return feed_add_by(argc, argv, "feed add", tp_ctl_feed_add);
}

static int feed_replace(int argc, char **argv)
{
	return feed_add_by(argc, argv, "feed replace", tp_ctl_feed_replace);
}

static int feed_del(int argc, char **argv)
{
	const char *name = NULL;

	return parse_args(argc, argv, &name, NULL, 0) ?:
	       check_name("feed del", "name", name, TICKPATH_NAME_MAX) ?:
	       ctl_open() ?: finish(tp_ctl_feed_del(ctl, name));
}

static void print_feed_stats(const struct tp_feed_stats *stats)
{
	const struct counter traffic[] = {
		{ "packets", stats->packets },
		{ "bytes", stats->bytes },
		{ "messages", stats->messages },
		{ "heartbeats", stats->heartbeats },
		{ "passed", stats->passed },
	};
	const struct counter sequence[] = {
		{ "duplicates", stats->duplicates },
		{ "gaps", stats->gaps },
		{ "gap_messages", stats->gap_messages },
		{ "sessions", stats->sessions },
		{ "stale", stats->stale },
		{ "end_of_session", stats->end_of_session },
	};
	char type_names[TP_ITCH_TYPE_MAX][2];
	struct counter types[TP_ITCH_TYPE_MAX];
	struct counter malformed[TICKPATH_MALFORMED_MAX + 1];
	size_t nr_types = 0, nr_malformed = 0;

	for (unsigned int t = 0; t < TP_ITCH_TYPE_MAX; t++) {
		if (!stats->types[t])
			continue;
		type_names[nr_types][0] = t;
		type_names[nr_types][1] = '\0';
		types[nr_types].name = type_names[nr_types];
		types[nr_types++].value = stats->types[t];
	}
	for (unsigned int r = 0; r <= TICKPATH_MALFORMED_MAX; r++) {
		if (stats->malformed[r])
			malformed[nr_malformed++] = (struct counter){
				tp_malformed_name(r), stats->malformed[r]
			};
	}
	print_open("stats", '{');
	print_table(traffic, ARRAY_SIZE(traffic));
	print_table(sequence, ARRAY_SIZE(sequence));
	print_keyed("types", types, nr_types);
	print_keyed("malformed", malformed, nr_malformed);
	print_close('}');
}

static int print_feed(const struct tp_feed_info *feed, void *arg)
{
	char group[INET_ADDRSTRLEN], source[INET_ADDRSTRLEN];

	(void)arg;
	inet_ntop(AF_INET, &feed->group, group, sizeof(group));
	inet_ntop(AF_INET, &feed->source, source, sizeof(source));
	print_open(NULL, '{');
	print_str("name", "%s:", feed->name);
	print_u64("ifindex", NULL, feed->ifindex);
	print_str("ifname", " dev %s", feed->ifname);
	print_str("group", " group %s", group);
	print_u64("port", " port %" PRIu64, feed->udp_port);
	if (feed->source.s_addr != htonl(INADDR_ANY))
		print_str("source", " source %s", source);
	print_str("proto", " proto %s", tp_proto_name(feed->proto));
	print_str("channel", " channel %s\n", feed->channel);
	print_u64("channel_id", "    channel-id %" PRIu64, feed->channel_id);
	print_u64("line", " line %" PRIu64, feed->line);
	if (feed->session[0])
		print_str("session", " session %s", feed->session);
	print_u64("next_seq", " next-seq %" PRIu64 "\n", feed->next_seq);
	if (show_stats)
		print_feed_stats(&feed->stats);
	print_close('}');
	return 0;
}

static int feed_show(int argc, char **argv)
{
	const char *name = NULL;
	struct tp_feed_info feed;
	int ret = parse_args(argc, argv, &name, NULL, 0) ?:
		  check_name(NULL, "name", name, TICKPATH_NAME_MAX) ?:
		  ctl_open();

	if (ret)
		return ret;
	show_begin();
	if (name)
		ret = tp_ctl_feed_get(ctl, name, &feed) ?: print_feed(&feed, NULL);
	else
		ret = tp_ctl_feed_dump(ctl, print_feed, NULL);
	return show_end(ret);
}

static const struct cmd feed_cmds[] = {
	{ "show", feed_show },
	{ "add", feed_add },
	{ "delete", feed_del },
	{ "list", feed_show },
	{ "replace", feed_replace },
};

const struct object feed_object = { "feed", feed_cmds, ARRAY_SIZE(feed_cmds) };
