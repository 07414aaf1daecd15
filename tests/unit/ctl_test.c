// SPDX-License-Identifier: GPL-2.0
/*
 * libtickpath's netlink messages: acks with and without an extack message,
 * capped or not, truncated; the requests it builds, byte for byte or
 * attribute by attribute; and the replies it parses (ports, feeds with their
 * nested stats, subscriptions), well and badly formed, against hand-built
 * messages; and the transport against the running kernel's generic netlink
 * controller.  Includes the library's sources to reach their static
 * functions.
 */
#include "../../lib/ctl.c"
#include "../../lib/ctl_port.c"
#include "../../lib/ctl_feed.c"
#include "../../lib/ctl_sub.c"
#include "../../lib/names.c"
#include "../../lib/filter.c"
#include "check.h"

#include <arpa/inet.h>

static char msgbuf[4096] __attribute__((aligned(8)));
static struct tp_ctl ctl;
static const struct tp_ctl_txn txn = { .ctl = &ctl };

/* An NLMSG_ERROR carrying @error for a 20-byte request; @capped leaves the
 * request out, as NETLINK_CAP_ACK asks; @text, if any, goes in as
 * NLMSGERR_ATTR_MSG.
 */
static struct nlmsghdr *error_msg(int error, int capped, const char *text)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(msgbuf);
	struct nlmsgerr *err;

	nlh->nlmsg_type = NLMSG_ERROR;
	err = mnl_nlmsg_put_extra_header(nlh, sizeof(*err));
	err->error = error;
	err->msg.nlmsg_len = sizeof(struct nlmsghdr) + 4;
	if (capped)
		nlh->nlmsg_flags |= NLM_F_CAPPED;
	else
		mnl_nlmsg_put_extra_header(nlh, 4);
	if (text) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, text);
	}
	return nlh;
}

static void test_ack(void)
{
	CHECK(tp_ctl_on_error(error_msg(0, 1, NULL), (void *)&txn) == MNL_CB_STOP);
}

static void test_error_with_extack(void)
{
	for (int capped = 0; capped <= 1; capped++) {
		ctl.error[0] = '\0';
		errno = 0;
		CHECK(tp_ctl_on_error(error_msg(-EBUSY, capped,
						"tickpath: device is a bridge port"),
				      (void *)&txn) == MNL_CB_ERROR);
		CHECK(errno == EBUSY);
		CHECK(!strcmp(ctl.error, "tickpath: device is a bridge port"));
	}
}

static void test_error_without_extack(void)
{
	ctl.error[0] = '\0';
	CHECK(tp_ctl_on_error(error_msg(-EPERM, 1, NULL), (void *)&txn) == MNL_CB_ERROR);
	CHECK(errno == EPERM);
	CHECK(ctl.error[0] == '\0');
}

static void test_error_truncated(void)
{
	struct nlmsghdr *nlh = error_msg(-EBUSY, 1, NULL);

	nlh->nlmsg_len = sizeof(*nlh) + 2;
	CHECK(tp_ctl_on_error(nlh, (void *)&txn) == MNL_CB_ERROR);
	CHECK(errno == EBADMSG);
}

/* An uncapped ack whose echoed request claims to be longer than the ack:
 * the TLVs would start past the end and must not be read.
 */
static void test_error_echo_overruns(void)
{
	struct nlmsghdr *nlh = error_msg(-EINVAL, 0, "x");
	struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);

	err->msg.nlmsg_len = 4000;
	ctl.error[0] = '\0';
	CHECK(tp_ctl_on_error(nlh, (void *)&txn) == MNL_CB_ERROR);
	CHECK(errno == EINVAL);
	CHECK(ctl.error[0] == '\0');
}

/* The end of a dump that failed half-way, with the kernel's reason. */
static void test_done_with_error(void)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(msgbuf);
	int *err = mnl_nlmsg_put_extra_header(nlh, sizeof(*err));

	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_flags = NLM_F_MULTI | NLM_F_ACK_TLVS;
	*err = -EMSGSIZE;
	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "tickpath: too big");
	ctl.error[0] = '\0';
	CHECK(tp_ctl_on_done(nlh, (void *)&txn) == MNL_CB_ERROR);
	CHECK(errno == EMSGSIZE);
	CHECK(!strcmp(ctl.error, "tickpath: too big"));

	*err = 0;
	CHECK(tp_ctl_on_done(nlh, (void *)&txn) == MNL_CB_STOP);
}

/* A reply of the tickpath family, to fill with attributes. */
static struct nlmsghdr *reply_msg(uint8_t cmd)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(msgbuf);
	struct genlmsghdr *genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));

	genl->cmd = cmd;
	genl->version = TICKPATH_GENL_VERSION;
	return nlh;
}

static void test_port_parse(void)
{
	struct nlmsghdr *nlh = reply_msg(TICKPATH_CMD_PORT_GET);
	struct tp_port_info port;
	struct nlattr *nest;

	mnl_attr_put_u32(nlh, TICKPATH_A_PORT_IFINDEX, 7);
	mnl_attr_put_strz(nlh, TICKPATH_A_PORT_IFNAME, "eth1");
	mnl_attr_put_u8(nlh, TICKPATH_A_PORT_MODE, TICKPATH_PORT_MODE_MIRROR);
	mnl_attr_put_u32(nlh, 200, 1);	/* from a newer kernel: skipped */
	nest = mnl_attr_nest_start(nlh, TICKPATH_A_PORT_STATS);
	mnl_attr_put_u64(nlh, TICKPATH_PORT_STATS_A_PACKETS, 1ULL << 40);
	mnl_attr_put_u64(nlh, TICKPATH_PORT_STATS_A_BYTES, 3);
	mnl_attr_nest_end(nlh, nest);

	CHECK(tp_port_parse(nlh, &port) == 0);
	CHECK(port.ifindex == 7);
	CHECK(!strcmp(port.ifname, "eth1"));
	CHECK(port.mode == TICKPATH_PORT_MODE_MIRROR);
	CHECK(port.packets == 1ULL << 40);
	CHECK(port.bytes == 3);
}

static void test_port_malformed(void)
{
	struct tp_port_info port;
	struct nlmsghdr *nlh;

	nlh = reply_msg(TICKPATH_CMD_PORT_GET);	/* no name */
	mnl_attr_put_u32(nlh, TICKPATH_A_PORT_IFINDEX, 7);
	CHECK(tp_port_parse(nlh, &port) == -EBADMSG);

	nlh = reply_msg(TICKPATH_CMD_PORT_GET);	/* ifindex of the wrong size */
	mnl_attr_put_u8(nlh, TICKPATH_A_PORT_IFINDEX, 7);
	mnl_attr_put_strz(nlh, TICKPATH_A_PORT_IFNAME, "eth1");
	CHECK(tp_port_parse(nlh, &port) == -EBADMSG);

	nlh = reply_msg(TICKPATH_CMD_PORT_GET);	/* name without its NUL */
	mnl_attr_put_u32(nlh, TICKPATH_A_PORT_IFINDEX, 7);
	mnl_attr_put(nlh, TICKPATH_A_PORT_IFNAME, 4, "eth1");
	CHECK(tp_port_parse(nlh, &port) == -EBADMSG);

	nlh = reply_msg(TICKPATH_CMD_PORT_GET);	/* name longer than any interface name */
	mnl_attr_put_u32(nlh, TICKPATH_A_PORT_IFINDEX, 7);
	mnl_attr_put_strz(nlh, TICKPATH_A_PORT_IFNAME, "a-name-longer-than-IFNAMSIZ");
	CHECK(tp_port_parse(nlh, &port) == -EBADMSG);
}

/* A FEED_GET reply as the kernel builds it: u64s after a PAD where needed,
 * stats nested, per-type and per-reason counts nested in those.
 */
static struct nlmsghdr *feed_msg(void)
{
	struct nlmsghdr *nlh = reply_msg(TICKPATH_CMD_FEED_GET);
	struct nlattr *stats, *nest;

	mnl_attr_put_strz(nlh, TICKPATH_A_FEED_NAME, "itch-a");
	mnl_attr_put_u32(nlh, TICKPATH_A_PORT_IFINDEX, 3);
	mnl_attr_put_strz(nlh, TICKPATH_A_PORT_IFNAME, "eth1");
	mnl_attr_put_u32(nlh, TICKPATH_A_FEED_GROUP, inet_addr("233.54.12.111"));
	mnl_attr_put_u16(nlh, TICKPATH_A_FEED_UDP_PORT, 26477);
	mnl_attr_put_u32(nlh, TICKPATH_A_FEED_SOURCE, inet_addr("10.1.2.3"));
	mnl_attr_put_u8(nlh, TICKPATH_A_FEED_PROTO, TICKPATH_PROTO_MOLDUDP64_ITCH50);
	mnl_attr_put_strz(nlh, TICKPATH_A_FEED_CHANNEL, "nasdaq");
	mnl_attr_put_u8(nlh, TICKPATH_A_FEED_CHANNEL_ID, 2);
	mnl_attr_put_u8(nlh, TICKPATH_A_FEED_LINE, 1);
	mnl_attr_put(nlh, TICKPATH_A_FEED_SESSION, 10, "000000001A");
	mnl_attr_put(nlh, TICKPATH_A_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, TICKPATH_A_FEED_NEXT_SEQ, 123456789012ULL);
	stats = mnl_attr_nest_start(nlh, TICKPATH_A_FEED_STATS);
	for (uint16_t a = TICKPATH_FEED_STATS_A_PACKETS; a <= TICKPATH_FEED_STATS_A_PASSED; a++)
		mnl_attr_put_u64(nlh, a, 1000 + a);
	mnl_attr_put_u64(nlh, TICKPATH_FEED_STATS_A_STALE, 1000 + TICKPATH_FEED_STATS_A_STALE);
	mnl_attr_put(nlh, TICKPATH_FEED_STATS_A_PAD, 0, NULL);
	nest = mnl_attr_nest_start(nlh, TICKPATH_FEED_STATS_A_TYPES);
	mnl_attr_put_u64(nlh, 'A', 5000000000ULL);
	mnl_attr_put_u64(nlh, 'h', 2);
	mnl_attr_put_u64(nlh, 300, 9);	/* no ITCH type: skipped */
	mnl_attr_nest_end(nlh, nest);
	nest = mnl_attr_nest_start(nlh, TICKPATH_FEED_STATS_A_MALFORMED);
	/* Padding, as where u64s must be aligned: empty, whatever its type. */
	mnl_attr_put(nlh, 0, 0, NULL);
	mnl_attr_put(nlh, TICKPATH_MALFORMED_IP, 0, NULL);
	mnl_attr_put_u64(nlh, TICKPATH_MALFORMED_OVERRUN, 4);
	mnl_attr_put_u64(nlh, TICKPATH_MALFORMED_TYPE, 6);
	mnl_attr_put_u64(nlh, TICKPATH_MALFORMED_MAX + 1, 8);	/* newer reason */
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put_u64(nlh, 99, 7);	/* newer counter */
	mnl_attr_nest_end(nlh, stats);
	return nlh;
}

static void test_feed_parse(void)
{
	struct tp_feed_info feed;
	uint64_t sum = 0;

	CHECK(tp_feed_parse(feed_msg(), &feed) == 0);
	CHECK(!strcmp(feed.name, "itch-a"));
	CHECK(!strcmp(feed.channel, "nasdaq"));
	CHECK(feed.ifindex == 3 && !strcmp(feed.ifname, "eth1"));
	CHECK(feed.group.s_addr == inet_addr("233.54.12.111"));
	CHECK(feed.source.s_addr == inet_addr("10.1.2.3"));
	CHECK(feed.udp_port == 26477);
	CHECK(feed.proto == TICKPATH_PROTO_MOLDUDP64_ITCH50);
	CHECK(feed.channel_id == 2 && feed.line == 1);
	CHECK(!strcmp(feed.session, "000000001A"));
	CHECK(feed.next_seq == 123456789012ULL);
	CHECK(feed.stats.packets == 1000 + TICKPATH_FEED_STATS_A_PACKETS);
	CHECK(feed.stats.bytes == 1000 + TICKPATH_FEED_STATS_A_BYTES);
	CHECK(feed.stats.messages == 1000 + TICKPATH_FEED_STATS_A_MESSAGES);
	CHECK(feed.stats.heartbeats == 1000 + TICKPATH_FEED_STATS_A_HEARTBEATS);
	CHECK(feed.stats.duplicates == 1000 + TICKPATH_FEED_STATS_A_DUPLICATES);
	CHECK(feed.stats.gaps == 1000 + TICKPATH_FEED_STATS_A_GAPS);
	CHECK(feed.stats.gap_messages == 1000 + TICKPATH_FEED_STATS_A_GAP_MESSAGES);
	CHECK(feed.stats.sessions == 1000 + TICKPATH_FEED_STATS_A_SESSIONS);
	CHECK(feed.stats.end_of_session == 1000 + TICKPATH_FEED_STATS_A_END_OF_SESSION);
	CHECK(feed.stats.passed == 1000 + TICKPATH_FEED_STATS_A_PASSED);
	CHECK(feed.stats.stale == 1000 + TICKPATH_FEED_STATS_A_STALE);
	CHECK(feed.stats.types['A'] == 5000000000ULL);
	CHECK(feed.stats.types['h'] == 2);
	for (unsigned int t = 0; t < TP_ITCH_TYPE_MAX; t++)
		sum += feed.stats.types[t];
	CHECK(sum == 5000000002ULL);
	CHECK(feed.stats.malformed[TICKPATH_MALFORMED_IP] == 0);
	CHECK(feed.stats.malformed[TICKPATH_MALFORMED_OVERRUN] == 4);
	CHECK(feed.stats.malformed[TICKPATH_MALFORMED_TYPE] == 6);
	CHECK(feed.stats.malformed[TICKPATH_MALFORMED_LENGTH] == 0);
}

/* Before the first packet: no session, no source, no stats yet. */
static void test_feed_parse_minimal(void)
{
	struct nlmsghdr *nlh = reply_msg(TICKPATH_CMD_FEED_GET);
	struct tp_feed_info feed;

	mnl_attr_put_strz(nlh, TICKPATH_A_FEED_NAME, "f");
	CHECK(tp_feed_parse(nlh, &feed) == 0);
	CHECK(feed.session[0] == '\0');
	CHECK(feed.source.s_addr == htonl(INADDR_ANY));
	CHECK(feed.stats.packets == 0);
}

/* Each bad shape alone in an otherwise good reply. */
static void test_feed_malformed(void)
{
	struct tp_feed_info feed;
	struct nlmsghdr *nlh;
	struct nlattr *stats, *nest;

	nlh = reply_msg(TICKPATH_CMD_FEED_GET);	/* no name */
	mnl_attr_put_u8(nlh, TICKPATH_A_FEED_LINE, 0);
	CHECK(tp_feed_parse(nlh, &feed) == -EBADMSG);

	nlh = reply_msg(TICKPATH_CMD_FEED_GET);	/* name of TICKPATH_NAME_MAX */
	mnl_attr_put_strz(nlh, TICKPATH_A_FEED_NAME, "0123456789abcdef0123456789abcdef");
	CHECK(tp_feed_parse(nlh, &feed) == -EBADMSG);

	nlh = reply_msg(TICKPATH_CMD_FEED_GET);	/* session of 9 bytes */
	mnl_attr_put_strz(nlh, TICKPATH_A_FEED_NAME, "f");
	mnl_attr_put(nlh, TICKPATH_A_FEED_SESSION, 9, "000000001");
	CHECK(tp_feed_parse(nlh, &feed) == -EBADMSG);

	nlh = reply_msg(TICKPATH_CMD_FEED_GET);	/* UDP port as a u32 */
	mnl_attr_put_strz(nlh, TICKPATH_A_FEED_NAME, "f");
	mnl_attr_put_u32(nlh, TICKPATH_A_FEED_UDP_PORT, 26477);
	CHECK(tp_feed_parse(nlh, &feed) == -EBADMSG);

	nlh = reply_msg(TICKPATH_CMD_FEED_GET);	/* a counter as a u32 */
	mnl_attr_put_strz(nlh, TICKPATH_A_FEED_NAME, "f");
	stats = mnl_attr_nest_start(nlh, TICKPATH_A_FEED_STATS);
	mnl_attr_put_u32(nlh, TICKPATH_FEED_STATS_A_GAPS, 1);
	mnl_attr_nest_end(nlh, stats);
	CHECK(tp_feed_parse(nlh, &feed) == -EBADMSG);

	nlh = reply_msg(TICKPATH_CMD_FEED_GET);	/* a per-type count as a u16 */
	mnl_attr_put_strz(nlh, TICKPATH_A_FEED_NAME, "f");
	stats = mnl_attr_nest_start(nlh, TICKPATH_A_FEED_STATS);
	nest = mnl_attr_nest_start(nlh, TICKPATH_FEED_STATS_A_TYPES);
	mnl_attr_put_u16(nlh, 'A', 1);
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_nest_end(nlh, stats);
	CHECK(tp_feed_parse(nlh, &feed) == -EBADMSG);

	nlh = reply_msg(TICKPATH_CMD_FEED_GET);	/* per-reason counts not nested */
	mnl_attr_put_strz(nlh, TICKPATH_A_FEED_NAME, "f");
	stats = mnl_attr_nest_start(nlh, TICKPATH_A_FEED_STATS);
	mnl_attr_put(nlh, TICKPATH_FEED_STATS_A_MALFORMED, 2, "xx");
	mnl_attr_nest_end(nlh, stats);
	CHECK(tp_feed_parse(nlh, &feed) == -EBADMSG);
}

/* A nest whose last attribute claims more bytes than the nest holds: the
 * walk stops at the nest's end and reads nothing past it.
 */
static void test_feed_nest_overrun(void)
{
	struct nlmsghdr *nlh = reply_msg(TICKPATH_CMD_FEED_GET);
	struct tp_feed_info feed;
	struct nlattr *stats, *inner;

	mnl_attr_put_strz(nlh, TICKPATH_A_FEED_NAME, "f");
	stats = mnl_attr_nest_start(nlh, TICKPATH_A_FEED_STATS);
	mnl_attr_put_u64(nlh, TICKPATH_FEED_STATS_A_PACKETS, 5);
	inner = (struct nlattr *)mnl_nlmsg_get_payload_tail(nlh);
	mnl_attr_put_u64(nlh, TICKPATH_FEED_STATS_A_BYTES, 6);
	inner->nla_len = 200;
	mnl_attr_nest_end(nlh, stats);
	CHECK(tp_feed_parse(nlh, &feed) == 0);
	CHECK(feed.stats.packets == 5);
	CHECK(feed.stats.bytes == 0);
}

static struct nlmsghdr *sub_msg(void)
{
	static const uint16_t locates[] = { 1, 5, 7, 8, 9 };
	struct nlmsghdr *nlh = reply_msg(TICKPATH_CMD_SUB_GET);
	struct nlattr *stats;

	mnl_attr_put_strz(nlh, TICKPATH_A_SUB_NAME, "quotes");
	mnl_attr_put_strz(nlh, TICKPATH_A_SUB_CHANNEL, "nasdaq");
	mnl_attr_put_strz(nlh, TICKPATH_A_SUB_TYPES, "AFE");
	mnl_attr_put(nlh, TICKPATH_A_SUB_LOCATES, sizeof(locates), locates);
	mnl_attr_put(nlh, TICKPATH_A_SUB_SYMBOLS, 16, "AAPL    MSFT    ");
	mnl_attr_put_u32(nlh, TICKPATH_A_SUB_RING_SLOTS, 1024);
	mnl_attr_put_u32(nlh, TICKPATH_A_SUB_RESOLVED, 1);
	mnl_attr_put_u32(nlh, TICKPATH_A_SUB_OWNER_GID, 0);
	stats = mnl_attr_nest_start(nlh, TICKPATH_A_SUB_STATS);
	mnl_attr_put_u64(nlh, TICKPATH_SUB_STATS_A_RECORDS, 10);
	mnl_attr_put_u64(nlh, TICKPATH_SUB_STATS_A_FILTERED, 20);
	mnl_attr_put_u64(nlh, TICKPATH_SUB_STATS_A_SLOTS, 12);
	mnl_attr_nest_end(nlh, stats);
	return nlh;
}

static void check_sub(const struct tp_sub_info *sub)
{
	CHECK(!strcmp(sub->name, "quotes"));
	CHECK(!strcmp(sub->channel, "nasdaq"));
	CHECK(!strcmp(sub->types, "AFE"));
	CHECK(sub->nr_locates == 5);
	CHECK(sub->nr_locates == 5 && sub->locates[0] == 1 && sub->locates[4] == 9);
	CHECK(sub->nr_symbols == 2);
	CHECK(sub->nr_symbols == 2 && !memcmp(sub->symbols[1].name, "MSFT    ", 8));
	CHECK(sub->ring_slots == 1024);
	CHECK(sub->resolved == 1);
	/* Group 0 is a group: the flag, not the value, says one is set. */
	CHECK(!sub->owner.has_uid && sub->owner.has_gid && sub->owner.gid == 0);
	CHECK(sub->stats.records == 10 && sub->stats.filtered == 20 &&
	      sub->stats.slots == 12);
}

static void test_sub_parse(void)
{
	struct tp_sub_info sub;

	CHECK(tp_sub_parse(sub_msg(), &sub) == 0);
	check_sub(&sub);
}

static void test_sub_malformed(void)
{
	struct tp_sub_info sub;
	struct nlmsghdr *nlh;

	nlh = reply_msg(TICKPATH_CMD_SUB_GET);	/* half a locate */
	mnl_attr_put_strz(nlh, TICKPATH_A_SUB_NAME, "s");
	mnl_attr_put(nlh, TICKPATH_A_SUB_LOCATES, 3, "\1\0\2");
	CHECK(tp_sub_parse(nlh, &sub) == -EBADMSG);

	nlh = reply_msg(TICKPATH_CMD_SUB_GET);	/* a symbol of 7 bytes */
	mnl_attr_put_strz(nlh, TICKPATH_A_SUB_NAME, "s");
	mnl_attr_put(nlh, TICKPATH_A_SUB_SYMBOLS, 15, "AAPL    MSFT   ");
	CHECK(tp_sub_parse(nlh, &sub) == -EBADMSG);

	nlh = reply_msg(TICKPATH_CMD_SUB_GET);	/* more types than fit */
	mnl_attr_put_strz(nlh, TICKPATH_A_SUB_NAME, "s");
	memset(msgbuf + 2048, 'A', TP_TYPES_LEN);
	msgbuf[2048 + TP_TYPES_LEN] = '\0';
	mnl_attr_put_strz(nlh, TICKPATH_A_SUB_TYPES, msgbuf + 2048);
	CHECK(tp_sub_parse(nlh, &sub) == -EBADMSG);
}

/* A get parses a copy of the reply, so that what the info points to
 * survives the ack that the kernel sends next into the same buffer.
 */
static void test_get_keeps_reply(void)
{
	struct tp_sub_info sub;
	struct tp_ctl_walk walk = { .ctl = &ctl, .kind = &tp_sub_kind, .info = &sub };

	CHECK(tp_ctl_on_object(sub_msg(), &walk) == MNL_CB_OK);
	CHECK(walk.ret == 0 && walk.count == 1);
	error_msg(0, 1, NULL);
	memset(msgbuf + 64, 0xff, sizeof(msgbuf) - 64);
	check_sub(&sub);
}

struct seen {
	unsigned int calls;
	char names[4][TICKPATH_NAME_MAX];
	int ret;
};

static int count_feed(const struct tp_feed_info *feed, void *arg)
{
	struct seen *seen = arg;

	snprintf(seen->names[seen->calls++ % 4], TICKPATH_NAME_MAX, "%s", feed->name);
	return seen->ret;
}

/* Each message of a dump reaches the callback until one fails; the rest
 * are read (so the socket is left clean) but not delivered.
 */
static void test_dump_walk(void)
{
	struct seen seen = { 0 };
	struct tp_feed_info feed;
	struct tp_ctl_walk walk = {
		.ctl = &ctl, .kind = &tp_feed_kind, .dump = true,
		.fn.feed = count_feed, .arg = &seen, .info = &feed,
	};

	CHECK(tp_ctl_on_object(feed_msg(), &walk) == MNL_CB_OK);
	seen.ret = -ECANCELED;
	CHECK(tp_ctl_on_object(feed_msg(), &walk) == MNL_CB_OK);
	CHECK(tp_ctl_on_object(feed_msg(), &walk) == MNL_CB_OK);
	CHECK(seen.calls == 2);
	CHECK(!strcmp(seen.names[0], "itch-a"));
	CHECK(walk.ret == -ECANCELED);

	walk = (struct tp_ctl_walk){
		.ctl = &ctl, .kind = &tp_feed_kind, .dump = true,
		.fn.feed = count_feed, .arg = &seen, .info = &feed,
	};
	seen.calls = 0;
	CHECK(tp_ctl_on_object(reply_msg(TICKPATH_CMD_FEED_GET), &walk) == MNL_CB_OK);
	CHECK(walk.ret == -EBADMSG && seen.calls == 0);
}

static const struct nlattr *find_attr(const struct nlmsghdr *nlh, uint16_t type)
{
	const struct nlattr *attr;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(attr) == type)
			return attr;
	}
	return NULL;
}

static const struct nlmsghdr *request(void)
{
	return (const struct nlmsghdr *)ctl.buf;
}

/* The FEED_ADD request of docs/netlink.md, byte for byte. */
static void test_feed_add_bytes(void)
{
	static const uint8_t expect[] = {
		0x44, 0x00, 0x00, 0x00, 0x1a, 0x00, 0x05, 0x00,
		0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x04, 0x01, 0x00, 0x00, 0x0b, 0x00, 0x06, 0x00,
		0x69, 0x74, 0x63, 0x68, 0x2d, 0x61, 0x00, 0x00,
		0x09, 0x00, 0x03, 0x00, 0x65, 0x74, 0x68, 0x31,
		0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x07, 0x00,
		0xe9, 0x36, 0x0c, 0x6f, 0x06, 0x00, 0x08, 0x00,
		0x6d, 0x67, 0x00, 0x00, 0x05, 0x00, 0x0a, 0x00,
		0x00, 0x00, 0x00, 0x00,
	};
	struct tp_feed_config feed = {
		.name = "itch-a", .ifname = "eth1", .udp_port = 26477,
		.group.s_addr = inet_addr("233.54.12.111"),
	};

	ctl.family = 0x1a;
	ctl.seq = 0;
	CHECK(tp_feed_build_add(&ctl, &feed, 0) == 0);
	CHECK(request()->nlmsg_len == sizeof(expect));
	CHECK(!memcmp(ctl.buf, expect, sizeof(expect)));
}

static void test_feed_add_options(void)
{
	struct tp_feed_config feed = {
		.name = "itch-a", .ifname = "eth1", .udp_port = 26477,
		.group.s_addr = inet_addr("233.54.12.111"),
		.source.s_addr = inet_addr("10.1.2.3"), .channel = "nasdaq",
	};
	const struct nlattr *attr;

	CHECK(tp_feed_build_add(&ctl, &feed, 0) == 0);
	attr = find_attr(request(), TICKPATH_A_FEED_SOURCE);
	CHECK(attr && mnl_attr_get_payload_len(attr) == 4 &&
	      mnl_attr_get_u32(attr) == inet_addr("10.1.2.3"));
	attr = find_attr(request(), TICKPATH_A_FEED_CHANNEL);
	CHECK(attr && !strcmp(mnl_attr_get_str(attr), "nasdaq"));

	feed.channel = "0123456789abcdef0123456789abcdef";
	CHECK(tp_feed_build_add(&ctl, &feed, 0) == -EINVAL);
	CHECK(!strcmp(ctl.error, "a channel name is 1 to 31 bytes"));
	feed.channel = NULL;
	feed.ifname = "a-name-longer-than-IFNAMSIZ";
	CHECK(tp_feed_build_add(&ctl, &feed, 0) == -EINVAL);
	CHECK(!strcmp(ctl.error, "a device name is 1 to 15 bytes"));
	feed.ifname = "eth1";
	feed.name = "";
	CHECK(tp_feed_build_add(&ctl, &feed, 0) == -EINVAL);
	CHECK(!strcmp(ctl.error, "a feed name is 1 to 31 bytes"));
	feed.name = NULL;
	CHECK(tp_feed_build_add(&ctl, &feed, 0) == -EINVAL);
}

static void test_sub_add_request(void)
{
	static const uint16_t locates[] = { 1, 7 };
	static const struct tp_symbol symbols[] = { { "AAPL    " } };
	struct tp_sub_config sub = {
		.name = "quotes", .channel = "nasdaq", .types = "AFE",
		.locates = locates, .nr_locates = 2,
		.symbols = symbols, .nr_symbols = 1, .ring_slots = 4096,
		.owner = { .has_uid = true, .uid = 0, .has_gid = true, .gid = 1001 },
	};
	const struct nlattr *attr;

	CHECK(tp_sub_build_add(&ctl, &sub, 0) == 0);
	CHECK(((struct genlmsghdr *)mnl_nlmsg_get_payload(request()))->cmd ==
	      TICKPATH_CMD_SUB_ADD);
	attr = find_attr(request(), TICKPATH_A_SUB_TYPES);
	CHECK(attr && !strcmp(mnl_attr_get_str(attr), "AFE"));
	attr = find_attr(request(), TICKPATH_A_SUB_LOCATES);
	CHECK(attr && mnl_attr_get_payload_len(attr) == 4 &&
	      !memcmp(mnl_attr_get_payload(attr), locates, 4));
	attr = find_attr(request(), TICKPATH_A_SUB_SYMBOLS);
	CHECK(attr && mnl_attr_get_payload_len(attr) == 8 &&
	      !memcmp(mnl_attr_get_payload(attr), "AAPL    ", 8));
	attr = find_attr(request(), TICKPATH_A_SUB_RING_SLOTS);
	CHECK(attr && mnl_attr_get_u32(attr) == 4096);
	attr = find_attr(request(), TICKPATH_A_SUB_OWNER_UID);
	CHECK(attr && mnl_attr_get_u32(attr) == 0);
	attr = find_attr(request(), TICKPATH_A_SUB_OWNER_GID);
	CHECK(attr && mnl_attr_get_u32(attr) == 1001);

	/* No filter and no size: nothing but the names goes out. */
	sub = (struct tp_sub_config){ .name = "all", .channel = "nasdaq", .types = "" };
	CHECK(tp_sub_build_add(&ctl, &sub, 0) == 0);
	CHECK(find_attr(request(), TICKPATH_A_SUB_CHANNEL));
	CHECK(!find_attr(request(), TICKPATH_A_SUB_TYPES));
	CHECK(!find_attr(request(), TICKPATH_A_SUB_LOCATES));
	CHECK(!find_attr(request(), TICKPATH_A_SUB_SYMBOLS));
	CHECK(!find_attr(request(), TICKPATH_A_SUB_RING_SLOTS));
	CHECK(!find_attr(request(), TICKPATH_A_SUB_OWNER_UID));
	CHECK(!find_attr(request(), TICKPATH_A_SUB_OWNER_GID));

	sub.channel = NULL;
	CHECK(tp_sub_build_add(&ctl, &sub, 0) == -EINVAL);
}

/* SET sends what the mask names, empty values as empty attributes. */
static void test_sub_set_request(void)
{
	static const uint16_t locates[] = { 3 };
	struct tp_sub_config sub = {
		.name = "quotes", .types = NULL, .locates = locates, .nr_locates = 1,
	};
	const struct nlattr *attr;

	CHECK(tp_sub_build_set(&ctl, &sub, TP_SUB_SET_TYPES | TP_SUB_SET_SYMBOLS) == 0);
	attr = find_attr(request(), TICKPATH_A_SUB_TYPES);
	CHECK(attr && mnl_attr_get_payload_len(attr) == 1 && !*mnl_attr_get_str(attr));
	attr = find_attr(request(), TICKPATH_A_SUB_SYMBOLS);
	CHECK(attr && mnl_attr_get_payload_len(attr) == 0);
	CHECK(!find_attr(request(), TICKPATH_A_SUB_LOCATES));

	CHECK(tp_sub_build_set(&ctl, &sub, TP_SUB_SET_LOCATES) == 0);
	CHECK(!find_attr(request(), TICKPATH_A_SUB_TYPES));
	attr = find_attr(request(), TICKPATH_A_SUB_LOCATES);
	CHECK(attr && mnl_attr_get_payload_len(attr) == 2);

	CHECK(tp_sub_build_set(&ctl, &sub, 0x8) == -EINVAL);
}

/* A replace is the add or attach itself, flagged NLM_F_REPLACE. */
static void test_replace_requests(void)
{
	static const uint16_t add_flags = NLM_F_REQUEST | NLM_F_ACK;
	struct tp_feed_config feed = {
		.name = "itch-a", .ifname = "eth1", .udp_port = 26477,
		.group.s_addr = inet_addr("233.54.12.111"),
	};
	struct tp_sub_config sub = { .name = "quotes", .channel = "nasdaq", .types = "AFE" };
	const struct nlattr *attr;
	char add[128];

	CHECK(tp_feed_build_add(&ctl, &feed, 0) == 0 && request()->nlmsg_flags == add_flags);
	memcpy(add, ctl.buf, request()->nlmsg_len);
	CHECK(tp_feed_build_add(&ctl, &feed, NLM_F_REPLACE) == 0);
	CHECK(request()->nlmsg_flags == (add_flags | NLM_F_REPLACE));
	/* Past the header's flags and sequence number, the same bytes. */
	CHECK(request()->nlmsg_len == ((struct nlmsghdr *)add)->nlmsg_len &&
	      !memcmp(ctl.buf + sizeof(struct nlmsghdr), add + sizeof(struct nlmsghdr),
		      request()->nlmsg_len - sizeof(struct nlmsghdr)));

	CHECK(tp_sub_build_add(&ctl, &sub, NLM_F_REPLACE) == 0);
	CHECK(request()->nlmsg_flags == (add_flags | NLM_F_REPLACE));
	CHECK(((struct genlmsghdr *)mnl_nlmsg_get_payload(request()))->cmd ==
	      TICKPATH_CMD_SUB_ADD);
	attr = find_attr(request(), TICKPATH_A_SUB_TYPES);
	CHECK(attr && !strcmp(mnl_attr_get_str(attr), "AFE"));

	CHECK(tp_port_build_attach(&ctl, "eth1", TICKPATH_PORT_MODE_MIRROR, 0) == 0);
	CHECK(request()->nlmsg_flags == add_flags);
	CHECK(tp_port_build_attach(&ctl, "eth1", TICKPATH_PORT_MODE_MIRROR, NLM_F_REPLACE) == 0);
	CHECK(request()->nlmsg_flags == (add_flags | NLM_F_REPLACE));
	CHECK(((struct genlmsghdr *)mnl_nlmsg_get_payload(request()))->cmd ==
	      TICKPATH_CMD_PORT_ATTACH);
	attr = find_attr(request(), TICKPATH_A_PORT_MODE);
	CHECK(attr && mnl_attr_get_u8(attr) == TICKPATH_PORT_MODE_MIRROR);
	attr = find_attr(request(), TICKPATH_A_PORT_IFNAME);
	CHECK(attr && !strcmp(mnl_attr_get_str(attr), "eth1"));
}

/* Lists too long for one request fail before anything is sent, and a
 * count that would wrap the size does not.
 */
static void test_request_too_big(void)
{
	static uint16_t locates[TP_CTL_BUFSIZE / 2];
	struct tp_sub_config sub = {
		.name = "big", .channel = "c", .locates = locates,
		.nr_locates = TP_ARRAY_SIZE(locates),
	};

	CHECK(tp_sub_build_add(&ctl, &sub, 0) == -EMSGSIZE);
	sub.nr_locates = 16000;
	CHECK(tp_sub_build_add(&ctl, &sub, 0) == 0);
	sub.nr_locates = SIZE_MAX / 2 + 2;
	CHECK(tp_sub_build_add(&ctl, &sub, 0) == -EMSGSIZE);
}

static int find_nlctrl(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *attr = find_attr(nlh, CTRL_ATTR_FAMILY_NAME);
	unsigned int *found = data;

	found[0]++;
	if (attr && !strcmp(mnl_attr_get_str(attr), "nlctrl"))
		found[1]++;
	return MNL_CB_OK;
}

/* The transport against the running kernel, through the generic netlink
 * controller that every kernel has: a dump over several messages, the
 * kernel's extack message on a refusal, and a request after it that finds
 * nothing stale on the socket.
 */
static void test_kernel_transport(void)
{
	unsigned int found[2] = { 0 };
	struct tp_ctl *real;
	int ret = tp_ctl_open(&real);

	CHECK(real && (ret == 0 || ret == -ENOENT));
	if (!real)
		return;
	real->family = GENL_ID_CTRL;
	tp_ctl_start(real, CTRL_CMD_GETFAMILY, NLM_F_DUMP);
	CHECK(tp_ctl_transact(real, find_nlctrl, found) == 0);
	CHECK(found[0] > 1 && found[1] == 1);

	tp_ctl_start(real, CTRL_CMD_GETFAMILY, NLM_F_ACK);
	CHECK(tp_ctl_put(real, CTRL_ATTR_FAMILY_ID, "x", 1, 1) == 0);
	ret = tp_ctl_transact(real, NULL, NULL);
	CHECK(ret < 0);
	CHECK(real->error[0] && strcmp(real->error, strerror(-ret)));

	found[0] = found[1] = 0;
	tp_ctl_start(real, CTRL_CMD_GETFAMILY, NLM_F_ACK);
	CHECK(tp_ctl_put(real, CTRL_ATTR_FAMILY_NAME, "nlctrl", 7, 1) == 0);
	CHECK(tp_ctl_transact(real, find_nlctrl, found) == 0);
	CHECK(found[0] == 1 && found[1] == 1 && !real->error[0]);
	tp_ctl_close(real);
}

static void test_names(void)
{
	enum tickpath_port_mode mode;
	enum tickpath_proto proto;

	CHECK(tp_port_mode_parse("mirror", &mode) == 0 && mode == TICKPATH_PORT_MODE_MIRROR);
	CHECK(tp_port_mode_parse("steal", &mode) == 0 && mode == TICKPATH_PORT_MODE_STEAL);
	CHECK(tp_port_mode_parse("stea", &mode) == -EINVAL);
	CHECK(!strcmp(tp_port_mode_name(TICKPATH_PORT_MODE_MIRROR), "mirror"));
	CHECK(!strcmp(tp_port_mode_name(42), "unknown"));
	CHECK(tp_proto_parse("moldudp64-itch50", &proto) == 0 &&
	      proto == TICKPATH_PROTO_MOLDUDP64_ITCH50);
	CHECK(tp_proto_parse("pitch", &proto) == -EINVAL);
	CHECK(!strcmp(tp_proto_name(TICKPATH_PROTO_MOLDUDP64_ITCH50), "moldudp64-itch50"));
	CHECK(!strcmp(tp_malformed_name(TICKPATH_MALFORMED_ZERO_LENGTH), "zero_length"));
	CHECK(!strcmp(tp_malformed_name(TICKPATH_MALFORMED_TYPE), "type"));
	CHECK(!strcmp(tp_malformed_name(TICKPATH_MALFORMED_MAX + 1), "unknown"));
	for (unsigned int r = 0; r <= TICKPATH_MALFORMED_MAX; r++)
		CHECK(strcmp(tp_malformed_name(r), "unknown"));
}

int main(void)
{
	test_ack();
	test_error_with_extack();
	test_error_without_extack();
	test_error_truncated();
	test_error_echo_overruns();
	test_done_with_error();
	test_port_parse();
	test_port_malformed();
	test_feed_parse();
	test_feed_parse_minimal();
	test_feed_malformed();
	test_feed_nest_overrun();
	test_sub_parse();
	test_sub_malformed();
	test_get_keeps_reply();
	test_dump_walk();
	test_feed_add_bytes();
	test_feed_add_options();
	test_sub_add_request();
	test_sub_set_request();
	test_replace_requests();
	test_request_too_big();
	test_kernel_transport();
	test_names();
	return check_done();
}
