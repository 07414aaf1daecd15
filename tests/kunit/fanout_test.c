// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the fan-out index.  Many subscriptions with disjoint locates each
 * get exactly theirs, a locate wanted twice (listed and through a symbol)
 * is delivered once, and subscriptions added, changed and deleted while a
 * thread sends packets leave an index that names exactly the live filters.
 * Builds on channel_test.c's channel and packets.
 */

#include <linux/kthread.h>

#define TP_FOTEST_SUBS 256
#define TP_FOTEST_SLOTS 256

static struct tp_sub *tp_fotest_add(struct kunit *test, const char *name,
				    const struct tp_filter_spec *spec)
{
	struct tp_sub *sub;
	int ret;

	rtnl_lock();
	ret = tp_sub_add(tp_net(&init_net), name, "chtest", spec, TP_FOTEST_SLOTS,
			 &tp_chtest_anyone, NULL);
	sub = ret ? NULL : tp_sub_find(tp_net(&init_net), name);
	rtnl_unlock();
	KUNIT_ASSERT_EQ(test, ret, 0);
	return sub;
}

static void tp_fotest_del(const char *name)
{
	struct tp_sub *sub;

	rtnl_lock();
	sub = tp_sub_find(tp_net(&init_net), name);
	if (sub)
		tp_sub_del(sub);
	rtnl_unlock();
}

/* 256 subscriptions of one locate each: each gets its locate's messages. */
static void tp_fotest_disjoint(struct kunit *test)
{
	struct tp_chtest *t = test->priv;
	u64 c[__TICKPATH_SUB_STATS_A_MAX];
	u64 seq = 1, offered = 0;
	unsigned int i, round;
	struct tp_sub **subs;
	char name[8];
	u16 *locates;

	subs = kunit_kcalloc(test, TP_FOTEST_SUBS, sizeof(*subs), GFP_KERNEL);
	locates = kunit_kcalloc(test, TP_FOTEST_SUBS, sizeof(*locates), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, subs);
	KUNIT_ASSERT_NOT_NULL(test, locates);

	for (i = 0; i < TP_FOTEST_SUBS; i++) {
		struct tp_filter_spec spec = {
			.types = "A", .locates = &locates[i], .nlocates = 1,
		};

		locates[i] = i + 1;
		snprintf(name, sizeof(name), "f%u", i);
		subs[i] = tp_fotest_add(test, name, &spec);
	}
	/* Locate i + 1 gets i % 3 Add Orders, and Deletes nobody asked for. */
	tp_chtest_begin(t, "SESSION001", seq);
	offered++;					/* SESSION */
	for (round = 0; round < 3; round++) {
		for (i = 0; i < TP_FOTEST_SUBS; i++) {
			if (round < i % 3)
				tp_chtest_msg(test, t, 'A', i + 1, NULL);
			tp_chtest_msg(test, t, 'D', i + 1, NULL);
			if (t->count < 30)
				continue;
			tp_chtest_send(t);
			offered += t->count;
			seq += t->count;
			tp_chtest_begin(t, "SESSION001", seq);
		}
	}
	tp_chtest_send(t);
	offered += t->count;

	for (i = 0; i < TP_FOTEST_SUBS; i++) {
		tp_channel_sub_stats(subs[i]->channel, subs[i], c);
		/* SESSION, then its own Add Orders. */
		KUNIT_EXPECT_EQ(test, c[TICKPATH_SUB_STATS_A_RECORDS], 1 + i % 3ULL);
		KUNIT_EXPECT_EQ(test, c[TICKPATH_SUB_STATS_A_SLOTS], 1 + i % 3ULL);
		KUNIT_EXPECT_EQ(test, c[TICKPATH_SUB_STATS_A_FILTERED],
				offered - 1 - i % 3);
	}
	for (i = 0; i < TP_FOTEST_SUBS; i++) {
		snprintf(name, sizeof(name), "f%u", i);
		tp_fotest_del(name);
	}
}

/* A locate listed and named by a symbol, before and after it is announced:
 * one record per message, and a filter change moves the entries.
 */
static void tp_fotest_locate_once(struct kunit *test)
{
	static const u16 listed[] = { 7, 8, 7 };
	struct tp_filter_spec both = {
		.locates = listed, .nlocates = ARRAY_SIZE(listed),
		.symbols = "IBM     MSFT    ", .nsymbols = 2,
	};
	struct tp_chtest *t = test->priv;

	tp_chtest_begin(t, "SESSION001", 1);
	tp_chtest_msg(test, t, 'R', 7, "IBM     ");	/* 1: known before */
	tp_chtest_send(t);
	tp_chtest_add_sub(test, "s1", &both);
	KUNIT_EXPECT_EQ(test, tp_chtest_sub(test, "s1")->filter->resolved, 1U);

	tp_chtest_begin(t, "SESSION001", 2);
	tp_chtest_msg(test, t, 'A', 7, NULL);		/* 2 */
	tp_chtest_msg(test, t, 'R', 8, "MSFT    ");	/* 3: also listed */
	tp_chtest_msg(test, t, 'A', 8, NULL);		/* 4 */
	tp_chtest_msg(test, t, 'A', 9, NULL);		/* 5 */
	tp_chtest_send(t);

	tp_chtest_expect(test, t, 1, 'A', 2);
	tp_chtest_expect(test, t, 1, 'R', 3);
	tp_chtest_expect(test, t, 1, 'A', 4);
	tp_chtest_expect_end(test, t, 1);
	KUNIT_EXPECT_EQ(test, tp_chtest_sub(test, "s1")->filter->resolved, 2U);
}

/* Whether @filter passes a message of @type at @locate. */
static bool tp_fotest_passes(const struct tp_filter *filter, u8 type, u16 locate)
{
	if (!(filter->types & BIT(tp_itch_type_index(type))))
		return false;
	return filter->any_locate || test_bit(locate, filter->locate_map);
}

/*
 * With the traffic stopped: an Add Order and a Delete at every locate
 * 1..64; each subscription gets exactly those its filter passes, in order.
 */
static void tp_fotest_check_rings(struct kunit *test, struct tp_chtest *t, u64 seq)
{
	u64 from[16] = {}, want[16] = {};
	struct tp_sub *subs[16] = {};
	unsigned int i, n, locate;
	char name[8];

	for (i = 0; i < ARRAY_SIZE(subs); i++) {
		snprintf(name, sizeof(name), "u%u", i);
		rtnl_lock();
		subs[i] = tp_sub_find(tp_net(&init_net), name);
		rtnl_unlock();
		if (subs[i])
			from[i] = subs[i]->ring->next_slot;
	}
	tp_chtest_begin(t, "SESSION001", seq);
	for (locate = 1; locate <= 64; locate++) {
		tp_chtest_msg(test, t, 'A', locate, NULL);
		tp_chtest_msg(test, t, 'D', locate, NULL);
		for (i = 0; i < ARRAY_SIZE(subs); i++)
			if (subs[i])
				want[i] += tp_fotest_passes(subs[i]->filter, 'A', locate) +
					   tp_fotest_passes(subs[i]->filter, 'D', locate);
		if (t->count < 32)
			continue;
		tp_chtest_send(t);
		tp_chtest_begin(t, "SESSION001", seq += t->count);
	}
	for (i = 0; i < ARRAY_SIZE(subs); i++) {
		const struct tp_ring *ring = subs[i] ? subs[i]->ring : NULL;

		if (!ring)
			continue;
		KUNIT_EXPECT_EQ_MSG(test, ring->next_slot - from[i], want[i], "u%u", i);
		for (n = 0; n < want[i] && n <= ring->mask; n++) {
			const struct tickpath_rec *rec = (const void *)(ring->slots +
				((from[i] + n) & ring->mask) * TICKPATH_SLOT_SIZE);

			KUNIT_EXPECT_TRUE_MSG(test, tp_fotest_passes(subs[i]->filter,
								     rec->type,
								     rec->locate),
					      "u%u: type %c locate %u", i,
					      rec->type, rec->locate);
		}
	}
}

/* The index names exactly the used entries of the live filters. */
static void tp_fotest_check_index(struct kunit *test, struct tp_channel *ch)
{
	unsigned int used = 0, indexed = 0, wrong = 0, i;
	struct tp_fanout *fo = ch->fanout;
	struct tp_fanout_entry *e;
	struct tp_sub *sub;

	spin_lock_bh(&ch->lock);
	list_for_each_entry(sub, &ch->subs, channel_node)
		for (i = 0; i < sub->filter->nentries; i++)
			used += sub->filter->entries[i].used;
	for (i = 0; i < ARRAY_SIZE(fo->by_type); i++)
		hlist_for_each_entry(e, &fo->by_type[i], node) {
			wrong += e->type_index != i || !e->used ||
				 e != &e->sub->filter->entries[i - 1];
			indexed++;
		}
	for (i = 0; i < ARRAY_SIZE(fo->by_locate); i++)
		hlist_for_each_entry(e, &fo->by_locate[i], node) {
			wrong += e->locate % TP_FANOUT_LOCATE_BUCKETS != i ||
				 !e->used || e->type_index ||
				 e < e->sub->filter->entries ||
				 e >= e->sub->filter->entries + e->sub->filter->nentries;
			indexed++;
		}
	spin_unlock_bh(&ch->lock);
	KUNIT_EXPECT_EQ(test, indexed, used);
	KUNIT_EXPECT_EQ(test, wrong, 0U);
}

struct tp_fotest_traffic {
	struct tp_chtest t;
	struct kunit *test;
	struct completion done;
	bool stop;
	u64 packets;
	u64 seq;		/* of the next packet */
};

/* Adds and Deletes over locates 1..64, a packet at a time, until stopped. */
static int tp_fotest_send(void *arg)
{
	struct tp_fotest_traffic *tr = arg;
	struct rnd_state rnd;
	int i;

	prandom_seed_state(&rnd, 42);
	tr->seq = 1;
	while (!READ_ONCE(tr->stop)) {
		tp_chtest_begin(&tr->t, "SESSION001", tr->seq);
		for (i = 0; i < 20; i++)
			tp_chtest_msg(tr->test, &tr->t,
				      prandom_u32_state(&rnd) & 1 ? 'A' : 'D',
				      1 + prandom_u32_state(&rnd) % 64, NULL);
		tp_chtest_send(&tr->t);
		tr->seq += tr->t.count;
		tr->packets++;
		cond_resched();
	}
	complete(&tr->done);
	return 0;
}

/* Subscriptions come, change and go while packets flow. */
static void tp_fotest_under_traffic(struct kunit *test)
{
	static const char * const types[] = { "A", "D", "AD", NULL };
	struct tp_chtest *t = test->priv;
	struct tp_fotest_traffic *tr;
	struct task_struct *task;
	u16 locates[4];
	unsigned int i, j;
	char name[8];

	tr = kunit_kzalloc(test, sizeof(*tr), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tr);
	tr->t.feed = t->feed;
	tr->test = test;
	init_completion(&tr->done);
	task = kthread_run(tp_fotest_send, tr, "tp_fotest");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));

	for (i = 0; i < 200; i++) {
		struct tp_filter_spec spec = {
			.types = types[i % ARRAY_SIZE(types)],
			.locates = locates, .nlocates = i % 5 ? i % 5 : 0,
		};
		struct tp_sub *sub;
		int ret;

		for (j = 0; j < ARRAY_SIZE(locates); j++)
			locates[j] = 1 + (i * 7 + j * 13) % 64;
		snprintf(name, sizeof(name), "u%u", i % 16);
		rtnl_lock();
		sub = tp_sub_find(tp_net(&init_net), name);
		if (!sub) {
			ret = tp_sub_add(tp_net(&init_net), name, "chtest", &spec,
					 TP_FOTEST_SLOTS, &tp_chtest_anyone, NULL);
		} else if (i % 3) {
			ret = tp_sub_set(sub, &spec, NULL);
		} else {
			tp_sub_del(sub);
			ret = 0;
		}
		rtnl_unlock();
		KUNIT_EXPECT_EQ(test, ret, 0);
		if (i % 10 == 9)
			usleep_range(1000, 2000);
	}
	WRITE_ONCE(tr->stop, true);
	wait_for_completion(&tr->done);
	KUNIT_EXPECT_GT(test, tr->packets, 0ULL);

	tp_fotest_check_index(test, t->feed->channel);
	tp_fotest_check_rings(test, t, tr->seq);
	for (i = 0; i < 16; i++) {
		snprintf(name, sizeof(name), "u%u", i);
		tp_fotest_del(name);
	}
	tp_fotest_check_index(test, t->feed->channel);
}

static struct kunit_case tp_fotest_cases[] = {
	KUNIT_CASE(tp_fotest_disjoint),
	KUNIT_CASE(tp_fotest_locate_once),
	KUNIT_CASE(tp_fotest_under_traffic),
	{}
};

static struct kunit_suite tp_fotest_suite = {
	.suite_init = tp_kunit_setup,
	.suite_exit = tp_kunit_teardown,
	.name = "tickpath_fanout",
	.init = tp_chtest_init,
	.exit = tp_chtest_exit,
	.test_cases = tp_fotest_cases,
};

kunit_test_suite(tp_fotest_suite);
