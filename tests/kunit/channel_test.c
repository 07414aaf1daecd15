// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the channel's sequence machine (in order, duplicates, gaps, gaps
 * seen by a heartbeat, end of session, new session, a late packet of the
 * session left, late join), malformed packets, and subscription filters,
 * with hand-built MoldUDP64 packets through tp_channel_receive() into real
 * rings.
 */

#include <kunit/test.h>
#include <linux/prandom.h>
#include <linux/rtnetlink.h>

#define TP_CHTEST_SUB_SLOTS 1024

static const struct tp_sub_owner tp_chtest_anyone = {
	.uid = INVALID_UID, .gid = INVALID_GID,
};

struct tp_chtest {
	struct tp_feed *feed;
	u8 pkt[1500];
	u32 len;
	u16 count;
	u64 read[4];		/* next record position per subscription */
};

/* One message of @type with every field zero but its locate (and the
 * symbol of a Stock Directory): what the channel looks at.
 */
static void tp_chtest_msg(struct kunit *test, struct tp_chtest *t, u8 type,
			  u16 locate, const char *symbol)
{
	unsigned int len = tp_itch_length(type);
	u8 *p = t->pkt + t->len;

	KUNIT_ASSERT_GT(test, len, 0U);
	KUNIT_ASSERT_LE(test, t->len + 2 + len, sizeof(t->pkt));
	put_unaligned_be16(len, p);
	memset(p + 2, 0, len);
	p[2] = type;
	put_unaligned_be16(locate, p + 3);
	if (symbol)
		memcpy(p + 2 + TP_ITCH_HEADER_LEN, symbol, 8);
	t->len += 2 + len;
	t->count++;
}

static void tp_chtest_begin(struct tp_chtest *t, const char *session, u64 seq)
{
	memcpy(t->pkt, session, TP_MOLD_SESSION_LEN);
	put_unaligned_be64(seq, t->pkt + 10);
	t->len = TP_MOLD_HEADER_LEN;
	t->count = 0;
}

static void tp_chtest_send_as(struct tp_chtest *t, u16 count)
{
	struct tp_rx_packet pkt = {
		.payload = t->pkt, .len = t->len, .rx_ts = 1234,
	};

	put_unaligned_be16(count, t->pkt + 18);
	local_bh_disable();
	tp_channel_receive(t->feed->channel, t->feed, &pkt, this_cpu_ptr(t->feed->stats));
	local_bh_enable();
}

static void tp_chtest_send(struct tp_chtest *t)
{
	tp_chtest_send_as(t, t->count);
}

/* A packet of @n Order Deletes from @seq. */
static void tp_chtest_deletes(struct kunit *test, struct tp_chtest *t,
			      const char *session, u64 seq, unsigned int n)
{
	tp_chtest_begin(t, session, seq);
	while (n--)
		tp_chtest_msg(test, t, 'D', 7, NULL);
	tp_chtest_send(t);
}

static void tp_chtest_heartbeat(struct tp_chtest *t, const char *session, u64 seq,
				u16 count)
{
	tp_chtest_begin(t, session, seq);
	tp_chtest_send_as(t, count);
}

static u64 tp_chtest_counter(struct tp_chtest *t, unsigned int i)
{
	u64 c[TP_FEED_COUNTERS];

	tp_stats_read(t->feed->stats, TP_FEED_COUNTERS, c);
	return c[i];
}

static struct tp_sub *tp_chtest_sub(struct kunit *test, const char *name)
{
	struct tp_sub *sub;

	rtnl_lock();
	sub = tp_sub_find(tp_net(&init_net), name);
	rtnl_unlock();
	KUNIT_ASSERT_NOT_NULL(test, sub);
	return sub;
}

static void tp_chtest_add_sub(struct kunit *test, const char *name,
			      const struct tp_filter_spec *spec)
{
	int ret;

	rtnl_lock();
	ret = tp_sub_add(tp_net(&init_net), name, "chtest", spec, TP_CHTEST_SUB_SLOTS,
			 &tp_chtest_anyone, NULL);
	rtnl_unlock();
	KUNIT_ASSERT_EQ(test, ret, 0);
}

/* The next record of subscription @i (named "s<i>"), or NULL. */
static const struct tickpath_rec *tp_chtest_next(struct kunit *test,
						 struct tp_chtest *t, unsigned int i)
{
	char name[4] = { 's', '0' + i };
	struct tp_ring *ring = tp_chtest_sub(test, name)->ring;
	const struct tickpath_rec *rec;

	if (t->read[i] == ring->next_slot)
		return NULL;
	rec = (const void *)(ring->slots +
			     (t->read[i] & ring->mask) * TICKPATH_SLOT_SIZE);
	t->read[i] += tp_ring_rec_slots(rec);
	return rec;
}

static void tp_chtest_expect(struct kunit *test, struct tp_chtest *t, unsigned int i,
			     u8 type, u64 seq)
{
	const struct tickpath_rec *rec = tp_chtest_next(test, t, i);

	KUNIT_ASSERT_NOT_NULL_MSG(test, rec, "no record; expected type %#x seq %llu",
				  type, seq);
	KUNIT_EXPECT_EQ(test, rec->type, type);
	KUNIT_EXPECT_EQ(test, rec->seq, seq);
	KUNIT_EXPECT_EQ(test, rec->rx_ts, 1234ULL);
	KUNIT_EXPECT_EQ(test, rec->channel, t->feed->channel->id);
}

static void tp_chtest_expect_gap(struct kunit *test, struct tp_chtest *t, u64 seq,
				 u64 count)
{
	const struct tickpath_rec *rec = tp_chtest_next(test, t, 0);

	KUNIT_ASSERT_NOT_NULL(test, rec);
	KUNIT_EXPECT_EQ(test, rec->type, TICKPATH_REC_GAP);
	KUNIT_EXPECT_EQ(test, rec->seq, seq);
	KUNIT_EXPECT_EQ(test, rec->gap.count, count);
}

static void tp_chtest_expect_deletes(struct kunit *test, struct tp_chtest *t,
				     u64 first, unsigned int n)
{
	while (n--)
		tp_chtest_expect(test, t, 0, 'D', first++);
}

static void tp_chtest_expect_end(struct kunit *test, struct tp_chtest *t, unsigned int i)
{
	KUNIT_EXPECT_NULL(test, tp_chtest_next(test, t, i));
}

static int tp_chtest_init(struct kunit *test)
{
	struct tp_filter_spec all = {};
	struct tp_chtest *t;
	int ret;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	t->feed = kunit_kzalloc(test, sizeof(*t->feed), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t->feed);
	t->feed->stats = tp_stats_alloc(TP_FEED_COUNTERS);
	KUNIT_ASSERT_TRUE(test, t->feed->stats);
	strscpy(t->feed->name, "chtest", sizeof(t->feed->name));
	rtnl_lock();
	ret = tp_channel_add_line(tp_net(&init_net), "chtest", t->feed, NULL);
	rtnl_unlock();
	KUNIT_ASSERT_EQ(test, ret, 0);
	test->priv = t;
	tp_chtest_add_sub(test, "s0", &all);
	return 0;
}

static void tp_chtest_exit(struct kunit *test)
{
	struct tp_chtest *t = test->priv;

	if (!t)
		return;
	rtnl_lock();
	tp_channel_del_line(t->feed);
	rtnl_unlock();
	free_percpu(t->feed->stats);
}

static void tp_chtest_in_order(struct kunit *test)
{
	struct tp_chtest *t = test->priv;

	tp_chtest_deletes(test, t, "SESSION001", 1, 3);
	tp_chtest_deletes(test, t, "SESSION001", 4, 2);
	tp_chtest_expect(test, t, 0, TICKPATH_REC_SESSION, 1);
	tp_chtest_expect_deletes(test, t, 1, 5);
	tp_chtest_expect_end(test, t, 0);
	KUNIT_EXPECT_EQ(test, t->feed->channel->next_seq, 6ULL);
	KUNIT_EXPECT_EQ(test, tp_chtest_counter(t, TICKPATH_FEED_STATS_A_MESSAGES), 5ULL);
	KUNIT_EXPECT_EQ(test, tp_chtest_counter(t, TP_FEED_TYPES + tp_itch_type_index('D')),
			5ULL);
	KUNIT_EXPECT_EQ(test, tp_chtest_counter(t, TICKPATH_FEED_STATS_A_GAPS), 0ULL);
}

static void tp_chtest_duplicates(struct kunit *test)
{
	struct tp_chtest *t = test->priv;

	tp_chtest_deletes(test, t, "SESSION001", 1, 3);
	tp_chtest_deletes(test, t, "SESSION001", 1, 3);	/* all seen */
	tp_chtest_deletes(test, t, "SESSION001", 2, 4);	/* 2, 3 seen; 4, 5 new */
	tp_chtest_expect(test, t, 0, TICKPATH_REC_SESSION, 1);
	tp_chtest_expect_deletes(test, t, 1, 5);
	tp_chtest_expect_end(test, t, 0);
	KUNIT_EXPECT_EQ(test, tp_chtest_counter(t, TICKPATH_FEED_STATS_A_DUPLICATES), 5ULL);
	KUNIT_EXPECT_EQ(test, t->feed->channel->next_seq, 6ULL);
}

static void tp_chtest_gap(struct kunit *test)
{
	struct tp_chtest *t = test->priv;

	tp_chtest_deletes(test, t, "SESSION001", 1, 3);
	tp_chtest_deletes(test, t, "SESSION001", 7, 2);
	tp_chtest_expect(test, t, 0, TICKPATH_REC_SESSION, 1);
	tp_chtest_expect_deletes(test, t, 1, 3);
	tp_chtest_expect_gap(test, t, 4, 3);
	tp_chtest_expect_deletes(test, t, 7, 2);
	tp_chtest_expect_end(test, t, 0);
	KUNIT_EXPECT_EQ(test, tp_chtest_counter(t, TICKPATH_FEED_STATS_A_GAPS), 1ULL);
	KUNIT_EXPECT_EQ(test, tp_chtest_counter(t, TICKPATH_FEED_STATS_A_GAP_MESSAGES), 3ULL);
}

static void tp_chtest_heartbeat_gap(struct kunit *test)
{
	struct tp_chtest *t = test->priv;

	tp_chtest_deletes(test, t, "SESSION001", 1, 3);
	tp_chtest_heartbeat(t, "SESSION001", 4, TP_MOLD_HEARTBEAT);	/* none missing */
	tp_chtest_heartbeat(t, "SESSION001", 6, TP_MOLD_HEARTBEAT);	/* 4, 5 missing */
	tp_chtest_deletes(test, t, "SESSION001", 6, 1);
	tp_chtest_expect(test, t, 0, TICKPATH_REC_SESSION, 1);
	tp_chtest_expect_deletes(test, t, 1, 3);
	tp_chtest_expect_gap(test, t, 4, 2);
	tp_chtest_expect_deletes(test, t, 6, 1);
	tp_chtest_expect_end(test, t, 0);
	KUNIT_EXPECT_EQ(test, tp_chtest_counter(t, TICKPATH_FEED_STATS_A_HEARTBEATS), 2ULL);
}

static void tp_chtest_end_and_new_session(struct kunit *test)
{
	struct tp_chtest *t = test->priv;
	const struct tickpath_rec *rec;

	tp_chtest_deletes(test, t, "SESSION001", 1, 2);
	tp_chtest_heartbeat(t, "SESSION001", 3, TP_MOLD_END_OF_SESSION);
	tp_chtest_heartbeat(t, "SESSION001", 3, TP_MOLD_END_OF_SESSION);	/* repeated */
	tp_chtest_deletes(test, t, "SESSION002", 1, 2);
	tp_chtest_expect(test, t, 0, TICKPATH_REC_SESSION, 1);
	tp_chtest_expect_deletes(test, t, 1, 2);
	tp_chtest_expect(test, t, 0, TICKPATH_REC_END_OF_SESSION, 3);
	rec = tp_chtest_next(test, t, 0);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	KUNIT_EXPECT_EQ(test, rec->type, TICKPATH_REC_SESSION);
	KUNIT_EXPECT_EQ(test, rec->seq, 1ULL);
	KUNIT_EXPECT_EQ(test, memcmp(rec->session.name, "SESSION002", TP_MOLD_SESSION_LEN), 0);
	tp_chtest_expect_deletes(test, t, 1, 2);
	tp_chtest_expect_end(test, t, 0);
	KUNIT_EXPECT_EQ(test, tp_chtest_counter(t, TICKPATH_FEED_STATS_A_END_OF_SESSION), 2ULL);
	KUNIT_EXPECT_EQ(test, tp_chtest_counter(t, TICKPATH_FEED_STATS_A_SESSIONS), 2ULL);
}

/* Packets of the session left, reordered after the change, are skipped for
 * a while: they neither move the channel back nor show as a gap.
 */
static void tp_chtest_stale_session(struct kunit *test)
{
	struct tp_chtest *t = test->priv;

	tp_chtest_deletes(test, t, "SESSION001", 1, 2);
	tp_chtest_deletes(test, t, "SESSION002", 1, 2);
	tp_chtest_deletes(test, t, "SESSION001", 3, 2);
	tp_chtest_heartbeat(t, "SESSION001", 9, TP_MOLD_HEARTBEAT);
	tp_chtest_heartbeat(t, "SESSION001", 9, TP_MOLD_END_OF_SESSION);
	tp_chtest_deletes(test, t, "SESSION002", 3, 1);
	tp_chtest_expect(test, t, 0, TICKPATH_REC_SESSION, 1);
	tp_chtest_expect_deletes(test, t, 1, 2);
	tp_chtest_expect(test, t, 0, TICKPATH_REC_SESSION, 1);
	tp_chtest_expect_deletes(test, t, 1, 3);
	tp_chtest_expect_end(test, t, 0);
	KUNIT_EXPECT_EQ(test, tp_chtest_counter(t, TICKPATH_FEED_STATS_A_STALE), 3ULL);
	KUNIT_EXPECT_EQ(test, tp_chtest_counter(t, TICKPATH_FEED_STATS_A_SESSIONS), 2ULL);
	KUNIT_EXPECT_EQ(test, tp_chtest_counter(t, TICKPATH_FEED_STATS_A_MESSAGES), 5ULL);
	KUNIT_EXPECT_EQ(test, tp_chtest_counter(t, TICKPATH_FEED_STATS_A_GAPS), 0ULL);
	KUNIT_EXPECT_EQ(test, tp_chtest_counter(t, TICKPATH_FEED_STATS_A_HEARTBEATS), 0ULL);
	KUNIT_EXPECT_EQ(test, t->feed->channel->next_seq, 4ULL);

	/* Past the window, the session left is a change again: a stray packet
	 * of another session cannot hold the channel.
	 */
	t->feed->channel->left_at -= 2 * TP_CHANNEL_STALE_WINDOW;
	tp_chtest_deletes(test, t, "SESSION001", 1, 1);
	tp_chtest_expect(test, t, 0, TICKPATH_REC_SESSION, 1);
	tp_chtest_expect_deletes(test, t, 1, 1);
	tp_chtest_expect_end(test, t, 0);
	KUNIT_EXPECT_EQ(test, tp_chtest_counter(t, TICKPATH_FEED_STATS_A_SESSIONS), 3ULL);
}

/* An all-zero stock field is a symbol too: announced once per locate. */
static void tp_chtest_directory_zero_stock(struct kunit *test)
{
	struct tp_chtest *t = test->priv;
	const struct tp_directory *dir = t->feed->channel->directory;

	tp_chtest_begin(t, "SESSION001", 1);
	tp_chtest_msg(test, t, 'R', 5, NULL);
	tp_chtest_msg(test, t, 'R', 5, NULL);
	tp_chtest_msg(test, t, 'R', 6, "AAPL    ");
	tp_chtest_msg(test, t, 'R', 5, "MSFT    ");	/* the first one holds */
	tp_chtest_send(t);
	KUNIT_EXPECT_EQ(test, dir->count, 2U);
	KUNIT_EXPECT_EQ(test, dir->announced[0], 5);
	KUNIT_EXPECT_EQ(test, dir->announced[1], 6);
	KUNIT_EXPECT_EQ(test, dir->symbol[5], 0ULL);
	KUNIT_EXPECT_EQ(test, memcmp(&dir->symbol[6], "AAPL    ", 8), 0);
	KUNIT_EXPECT_EQ(test, tp_chtest_counter(t, TICKPATH_FEED_STATS_A_MESSAGES), 4ULL);
}

static void tp_chtest_late_join(struct kunit *test)
{
	struct tp_chtest *t = test->priv;

	tp_chtest_deletes(test, t, "SESSION001", 1000, 1);
	tp_chtest_expect(test, t, 0, TICKPATH_REC_SESSION, 1000);
	tp_chtest_expect_deletes(test, t, 1000, 1);
	tp_chtest_expect_end(test, t, 0);
	KUNIT_EXPECT_EQ(test, tp_chtest_counter(t, TICKPATH_FEED_STATS_A_GAPS), 0ULL);
}

/* A block of @len random bytes, often no message at all. */
static void tp_chtest_raw_block(struct tp_chtest *t, struct rnd_state *rnd, u16 len)
{
	u8 *p = t->pkt + t->len;

	put_unaligned_be16(len, p);
	prandom_bytes_state(rnd, p + 2, len);
	t->len += 2 + len;
	t->count++;
}

/*
 * Random packets, each handed over in a buffer of exactly its size so that
 * KASAN sees any read past it: good and bad messages, lying counts, cut
 * packets, heartbeats, ends of session, other sessions, sequence numbers
 * repeated and skipped.  Whatever comes, every message the feed counts is
 * one record in the ring, and every record is of a known type.
 */
static void tp_chtest_random_packets(struct kunit *test)
{
	static const char *const sessions[] = { "SESSION001", "SESSION002", "SESSION003" };
	struct tp_chtest *t = test->priv;
	u64 data = 0, control = 0, seq = 1;
	const struct tickpath_rec *rec;
	struct tp_rx_packet pkt = { .rx_ts = 1234 };
	struct rnd_state rnd;
	unsigned int i, n;
	u8 *copy;

	prandom_seed_state(&rnd, 20261122);
	for (i = 0; i < 5000; i++) {
		u32 r = prandom_u32_state(&rnd);

		/* Mostly one session, now and then another. */
		tp_chtest_begin(t, sessions[r % 16 ? 0 : 1 + (r >> 4) % 2], seq);
		for (n = (r >> 8) % 9; n; n--) {
			u32 b = prandom_u32_state(&rnd);
			u8 type = tp_itch_type_char(1 + (b >> 2) % TP_ITCH_TYPES);

			if (b % 4)
				tp_chtest_msg(test, t, type, (b >> 8) % 64, NULL);
			else
				tp_chtest_raw_block(t, &rnd, (b >> 2) % 60);
		}
		if (r % 29 == 0)
			t->count = r >> 16;		/* a lying count */
		else if (r % 31 == 0)
			t->count = TP_MOLD_END_OF_SESSION;
		if (r % 23 == 0)
			t->len -= min_t(u32, t->len, (r >> 12) % 40);	/* cut short */
		put_unaligned_be16(t->count, t->pkt + 18);

		copy = kmemdup(t->pkt, t->len, GFP_KERNEL);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, copy);
		pkt.payload = copy;
		pkt.len = t->len;
		local_bh_disable();
		tp_channel_receive(t->feed->channel, t->feed, &pkt,
				   this_cpu_ptr(t->feed->stats));
		local_bh_enable();
		kfree(copy);

		while ((rec = tp_chtest_next(test, t, 0))) {
			if (rec->type < 0x20) {
				KUNIT_EXPECT_TRUE(test, rec->type == TICKPATH_REC_GAP ||
						  rec->type == TICKPATH_REC_SESSION ||
						  rec->type == TICKPATH_REC_END_OF_SESSION);
				control++;
			} else {
				KUNIT_EXPECT_GT(test, tp_itch_type_index(rec->type), 0U);
				data++;
			}
		}
		/* On, back over what was seen, or past a gap. */
		seq = max_t(s64, 1, (s64)seq + (s64)(prandom_u32_state(&rnd) % 16) - 3);
	}
	KUNIT_EXPECT_EQ(test, data, tp_chtest_counter(t, TICKPATH_FEED_STATS_A_MESSAGES));
	/* The run went through every path, not only the first check. */
	KUNIT_EXPECT_GT(test, data, 1000ULL);
	KUNIT_EXPECT_GT(test, control, 10ULL);
	KUNIT_EXPECT_GT(test, tp_chtest_counter(t, TICKPATH_FEED_STATS_A_DUPLICATES), 0ULL);
	KUNIT_EXPECT_GT(test, tp_chtest_counter(t, TICKPATH_FEED_STATS_A_STALE), 0ULL);
	for (i = TICKPATH_MALFORMED_HEADER; i <= TICKPATH_MALFORMED_TYPE; i++)
		KUNIT_EXPECT_GT_MSG(test, tp_chtest_counter(t, TP_FEED_MALFORMED + i), 0ULL,
				    "malformed reason %u never seen", i);
}

/* A packet that lies about its framing leaves the sequence alone: the next
 * good packet shows its messages as a gap.  A bad message does not.
 */
static void tp_chtest_malformed(struct kunit *test)
{
	struct tp_chtest *t = test->priv;

	tp_chtest_deletes(test, t, "SESSION001", 1, 1);
	tp_chtest_begin(t, "SESSION001", 2);
	tp_chtest_msg(test, t, 'D', 7, NULL);
	tp_chtest_send_as(t, 2);				/* count too high */
	tp_chtest_begin(t, "SESSION001", 2);
	tp_chtest_msg(test, t, 'D', 7, NULL);
	t->pkt[t->len - 19] = '?';				/* unknown type */
	tp_chtest_msg(test, t, 'D', 7, NULL);
	tp_chtest_send(t);
	tp_chtest_expect(test, t, 0, TICKPATH_REC_SESSION, 1);
	tp_chtest_expect_deletes(test, t, 1, 1);
	tp_chtest_expect_deletes(test, t, 3, 1);
	tp_chtest_expect_end(test, t, 0);
	KUNIT_EXPECT_EQ(test, tp_chtest_counter(t, TP_FEED_MALFORMED + TICKPATH_MALFORMED_COUNT),
			1ULL);
	KUNIT_EXPECT_EQ(test, tp_chtest_counter(t, TP_FEED_MALFORMED + TICKPATH_MALFORMED_TYPE),
			1ULL);
	KUNIT_EXPECT_EQ(test, t->feed->channel->next_seq, 4ULL);
}

static void tp_chtest_filters(struct kunit *test)
{
	static const u16 locates[] = { 5 };
	struct tp_filter_spec by_type = { .types = "A" };
	struct tp_filter_spec by_locate = { .locates = locates, .nlocates = 1 };
	struct tp_filter_spec by_symbol = { .symbols = "MSFT    ", .nsymbols = 1 };
	struct tp_chtest *t = test->priv;

	tp_chtest_add_sub(test, "s1", &by_type);
	tp_chtest_add_sub(test, "s2", &by_locate);
	tp_chtest_add_sub(test, "s3", &by_symbol);

	tp_chtest_begin(t, "SESSION001", 1);
	tp_chtest_msg(test, t, 'S', 0, NULL);		/* 1: market-wide */
	tp_chtest_msg(test, t, 'A', 9, NULL);		/* 2: before MSFT is known */
	tp_chtest_msg(test, t, 'R', 9, "MSFT    ");	/* 3 */
	tp_chtest_msg(test, t, 'A', 9, NULL);		/* 4 */
	tp_chtest_msg(test, t, 'A', 5, NULL);		/* 5 */
	tp_chtest_msg(test, t, 'D', 5, NULL);		/* 6 */
	tp_chtest_send(t);
	tp_chtest_deletes(test, t, "SESSION001", 9, 1);	/* gap 7..8, then 9 */

	tp_chtest_expect(test, t, 1, TICKPATH_REC_SESSION, 1);
	tp_chtest_expect(test, t, 1, 'A', 2);
	tp_chtest_expect(test, t, 1, 'A', 4);
	tp_chtest_expect(test, t, 1, 'A', 5);
	tp_chtest_expect(test, t, 1, TICKPATH_REC_GAP, 7);
	tp_chtest_expect_end(test, t, 1);

	tp_chtest_expect(test, t, 2, TICKPATH_REC_SESSION, 1);
	tp_chtest_expect(test, t, 2, 'S', 1);
	tp_chtest_expect(test, t, 2, 'A', 5);
	tp_chtest_expect(test, t, 2, 'D', 6);
	tp_chtest_expect(test, t, 2, TICKPATH_REC_GAP, 7);
	tp_chtest_expect_end(test, t, 2);

	tp_chtest_expect(test, t, 3, TICKPATH_REC_SESSION, 1);
	tp_chtest_expect(test, t, 3, 'S', 1);
	tp_chtest_expect(test, t, 3, 'R', 3);
	tp_chtest_expect(test, t, 3, 'A', 4);
	tp_chtest_expect(test, t, 3, TICKPATH_REC_GAP, 7);
	tp_chtest_expect_end(test, t, 3);
	KUNIT_EXPECT_EQ(test, tp_chtest_sub(test, "s3")->filter->resolved, 1U);
}

/* A symbol announced before the subscription resolves at once; SUB_SET
 * applies from the next packet on.
 */
static void tp_chtest_filter_set(struct kunit *test)
{
	struct tp_filter_spec by_symbol = { .symbols = "AAPL    ", .nsymbols = 1 };
	struct tp_filter_spec by_type = { .types = "D" };
	struct tp_chtest *t = test->priv;
	struct tp_sub *sub;
	int ret;

	tp_chtest_begin(t, "SESSION001", 1);
	tp_chtest_msg(test, t, 'R', 3, "AAPL    ");
	tp_chtest_send(t);
	tp_chtest_add_sub(test, "s1", &by_symbol);
	KUNIT_EXPECT_EQ(test, tp_chtest_sub(test, "s1")->filter->resolved, 1U);

	tp_chtest_begin(t, "SESSION001", 2);
	tp_chtest_msg(test, t, 'A', 3, NULL);
	tp_chtest_msg(test, t, 'A', 4, NULL);
	tp_chtest_send(t);
	sub = tp_chtest_sub(test, "s1");
	rtnl_lock();
	ret = tp_sub_set(sub, &by_type, NULL);
	rtnl_unlock();
	KUNIT_ASSERT_EQ(test, ret, 0);
	tp_chtest_begin(t, "SESSION001", 4);
	tp_chtest_msg(test, t, 'A', 3, NULL);
	tp_chtest_msg(test, t, 'D', 4, NULL);
	tp_chtest_send(t);

	tp_chtest_expect(test, t, 1, 'A', 2);
	tp_chtest_expect(test, t, 1, 'D', 5);
	tp_chtest_expect_end(test, t, 1);
}

static void tp_chtest_filter_bad_type(struct kunit *test)
{
	struct tp_filter_spec bad = { .types = "Az" };
	struct netlink_ext_ack extack = {};
	int ret;

	rtnl_lock();
	ret = tp_sub_add(tp_net(&init_net), "s1", "chtest", &bad, TP_CHTEST_SUB_SLOTS,
			 &tp_chtest_anyone, &extack);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, ret, -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
}

static struct kunit_case tp_chtest_cases[] = {
	KUNIT_CASE(tp_chtest_in_order),
	KUNIT_CASE(tp_chtest_duplicates),
	KUNIT_CASE(tp_chtest_gap),
	KUNIT_CASE(tp_chtest_heartbeat_gap),
	KUNIT_CASE(tp_chtest_end_and_new_session),
	KUNIT_CASE(tp_chtest_stale_session),
	KUNIT_CASE(tp_chtest_late_join),
	KUNIT_CASE(tp_chtest_directory_zero_stock),
	KUNIT_CASE(tp_chtest_random_packets),
	KUNIT_CASE(tp_chtest_malformed),
	KUNIT_CASE(tp_chtest_filters),
	KUNIT_CASE(tp_chtest_filter_set),
	KUNIT_CASE(tp_chtest_filter_bad_type),
	{}
};

static struct kunit_suite tp_chtest_suite = {
	.suite_init = tp_kunit_setup,
	.suite_exit = tp_kunit_teardown,
	.name = "tickpath_channel",
	.init = tp_chtest_init,
	.exit = tp_chtest_exit,
	.test_cases = tp_chtest_cases,
};

kunit_test_suite(tp_chtest_suite);
