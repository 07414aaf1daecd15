// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the ring as the kernel writes it, read back through the kernel's
 * own double mapping with the readers' cursor (uapi/linux/tickpath_ring.h), the
 * lines libtickpath runs in user space.
 */

#include "ring_pattern.h"

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>

#define TP_TEST_SLOTS 64U
#define TP_TEST_REC_MOD BIT_ULL(TICKPATH_STAMP_BITS)

static int tp_ring_test_init(struct kunit *test)
{
	struct tp_ring *ring = tp_ring_create(TP_TEST_SLOTS, NUMA_NO_NODE);

	KUNIT_ASSERT_NOT_NULL(test, ring);
	test->priv = ring;
	return 0;
}

static void tp_ring_test_exit(struct kunit *test)
{
	if (test->priv)
		tp_ring_put(test->priv);
}

static void tp_ring_test_put(struct tp_ring *ring, bool two)
{
	struct tickpath_rec rec;

	tp_ring_pattern_fill(&rec, ring->next_rec, two);
	tp_ring_write(ring, &rec);
}

static void tp_ring_test_put_many(struct tp_ring *ring, unsigned int count)
{
	while (count--)
		tp_ring_test_put(ring, false);
}

static u64 tp_ring_test_stamp(struct tp_ring *ring, u64 slot)
{
	return tp_ring_slot(ring->slots, ring->mask, slot)->stamp;
}

/*
 * A reader that starts where the producer stands now and, as libtickpath's,
 * sees the ring header's head when it is lapped.
 */
static void tp_ring_test_reader(struct tp_ring *ring,
				struct tp_ring_cursor *cur)
{
	tp_ring_cursor_init(cur, ring->slots, ring->mask + 1,
			    tp_ring_head(ring->next_rec, ring->next_slot));
	tp_ring_cursor_set_head(cur, &ring->hdr->head);
}

/* Reads all there is; every record whole and in order.  Returns how many. */
static u64 tp_ring_test_drain(struct kunit *test, struct tp_ring_cursor *cur)
{
	const struct tickpath_rec *rec;
	u64 count = 0;

	while ((rec = tp_ring_cursor_next(cur))) {
		KUNIT_EXPECT_TRUE(test, tp_ring_pattern_intact(rec, rec->seq));
		KUNIT_EXPECT_EQ(test, rec->seq & TP_RING_REC_MASK, cur->rec);
		KUNIT_EXPECT_TRUE(test, tp_ring_cursor_done(cur));
		count++;
	}
	return count;
}

static void tp_ring_test_create(struct kunit *test)
{
	static const u32 bad[] = { 0, 1, 32, 63, 96, 65535,
				   TICKPATH_RING_SLOTS_MAX * 2 };
	struct tp_ring *ring = test->priv;
	struct tickpath_ring_hdr *hdr = ring->hdr;
	size_t data = TP_TEST_SLOTS * TICKPATH_SLOT_SIZE, i;
	const u8 *page = (const u8 *)hdr;
	unsigned int zero = 0;

	KUNIT_EXPECT_EQ(test, hdr->magic, TICKPATH_RING_MAGIC);
	KUNIT_EXPECT_EQ(test, hdr->abi_version, TICKPATH_RING_ABI_VERSION);
	KUNIT_EXPECT_EQ(test, hdr->slot_size, TICKPATH_SLOT_SIZE);
	KUNIT_EXPECT_EQ(test, hdr->slot_count, TP_TEST_SLOTS);
	KUNIT_EXPECT_EQ(test, hdr->slots_offset, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, hdr->head_offset, 64);
	KUNIT_EXPECT_EQ(test, hdr->flags_offset, 32);
	KUNIT_EXPECT_EQ(test, hdr->head, 0);
	KUNIT_EXPECT_EQ(test, hdr->flags, 0);
	KUNIT_EXPECT_PTR_EQ(test, ring->slots, (u8 *)hdr + PAGE_SIZE);
	/* Nothing but the fields above was ever written: no kernel data. */
	for (i = offsetof(struct tickpath_ring_hdr, reserved); i < PAGE_SIZE; i++)
		zero |= page[i];
	for (i = 0; i < 2 * data; i++)
		zero |= ring->slots[i];
	KUNIT_EXPECT_EQ(test, zero, 0);
	/* The same pages twice. */
	KUNIT_EXPECT_EQ(test, ring->nr_pages, 1 + data / PAGE_SIZE);
	KUNIT_EXPECT_PTR_EQ(test, vmalloc_to_page(ring->slots),
			    vmalloc_to_page(ring->slots + data));

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_NULL(test, tp_ring_create(bad[i], NUMA_NO_NODE));
	ring = tp_ring_create(4 * TP_TEST_SLOTS, NUMA_NO_NODE);
	KUNIT_ASSERT_NOT_NULL(test, ring);
	KUNIT_EXPECT_EQ(test, ring->hdr->slot_count, 4 * TP_TEST_SLOTS);
	tp_ring_put(ring);
}

/* Stamps as "Rings" in the uapi header has them; the caller's are ignored. */
static void tp_ring_test_slots(struct kunit *test)
{
	struct tp_ring *ring = test->priv;
	struct tp_ring_cursor cur;
	const struct tickpath_rec *rec;

	tp_ring_test_reader(ring, &cur);
	KUNIT_EXPECT_NULL(test, tp_ring_cursor_next(&cur));
	tp_ring_test_put(ring, false);
	tp_ring_test_put(ring, true);
	tp_ring_test_put(ring, false);
	KUNIT_EXPECT_EQ(test, tp_ring_test_stamp(ring, 0), 1);
	KUNIT_EXPECT_EQ(test, tp_ring_test_stamp(ring, 1), 2);
	KUNIT_EXPECT_EQ(test, tp_ring_test_stamp(ring, 2),
			2 | TICKPATH_STAMP_CONT);
	KUNIT_EXPECT_EQ(test, tp_ring_test_stamp(ring, 3), 3);
	KUNIT_EXPECT_EQ(test, tp_ring_test_stamp(ring, 4), 0);

	rec = tp_ring_cursor_next(&cur);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	KUNIT_EXPECT_EQ(test, tp_ring_rec_slots(rec), 1);
	KUNIT_EXPECT_TRUE(test, tp_ring_cursor_done(&cur));
	rec = tp_ring_cursor_next(&cur);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	KUNIT_EXPECT_EQ(test, tp_ring_rec_slots(rec), 2);
	KUNIT_EXPECT_TRUE(test, tp_ring_pattern_intact(rec, 1));
	KUNIT_EXPECT_TRUE(test, tp_ring_cursor_done(&cur));
	KUNIT_EXPECT_EQ(test, tp_ring_test_drain(test, &cur), 1);
	KUNIT_EXPECT_EQ(test, cur.pos, 4);
	KUNIT_EXPECT_EQ(test, cur.rec, 3);
	KUNIT_EXPECT_EQ(test, cur.lost, 0);
}

/* A two-slot record in the last slot goes on in the first one, and reads
 * as one piece through the second mapping.
 */
static void tp_ring_test_wrap(struct kunit *test)
{
	struct tp_ring *ring = test->priv;
	size_t data = TP_TEST_SLOTS * TICKPATH_SLOT_SIZE;
	const struct tickpath_rec *rec;
	struct tp_ring_cursor cur;

	ring->next_rec = 500;
	ring->next_slot = TP_TEST_SLOTS - 1;
	tp_ring_test_reader(ring, &cur);
	tp_ring_test_put(ring, true);
	KUNIT_EXPECT_EQ(test, tp_ring_test_stamp(ring, TP_TEST_SLOTS - 1),
			tp_ring_stamp(500));
	KUNIT_EXPECT_EQ(test, tp_ring_test_stamp(ring, 0),
			tp_ring_stamp(500) | TICKPATH_STAMP_CONT);
	KUNIT_EXPECT_EQ(test, memcmp(ring->slots, ring->slots + data,
				     TICKPATH_SLOT_SIZE), 0);

	rec = tp_ring_cursor_next(&cur);
	KUNIT_ASSERT_PTR_EQ(test, (const u8 *)rec,
			    ring->slots + data - TICKPATH_SLOT_SIZE);
	KUNIT_EXPECT_TRUE(test, tp_ring_pattern_intact(rec, 500));
	KUNIT_EXPECT_TRUE(test, tp_ring_cursor_done(&cur));
	KUNIT_EXPECT_EQ(test, cur.pos, 1);
	tp_ring_test_put(ring, false);
	KUNIT_EXPECT_EQ(test, tp_ring_test_drain(test, &cur), 1);
}

static void tp_ring_test_head(struct kunit *test)
{
	struct tp_ring *ring = test->priv;

	tp_ring_test_put(ring, false);
	tp_ring_test_put(ring, true);
	tp_ring_test_put(ring, false);
	KUNIT_EXPECT_EQ(test, ring->hdr->head, 0);	/* not yet published */
	KUNIT_EXPECT_FALSE(test, tp_ring_passed(ring, 0));
	tp_ring_publish(ring);
	KUNIT_EXPECT_EQ(test, ring->hdr->head, 3ULL << 24 | 4);
	KUNIT_EXPECT_EQ(test, tp_ring_head_rec_now(ring), 3);
	KUNIT_EXPECT_TRUE(test, tp_ring_passed(ring, 2));
	KUNIT_EXPECT_FALSE(test, tp_ring_passed(ring, 3));
	KUNIT_EXPECT_FALSE(test, tp_ring_passed(ring, 4));

	/* Both parts wrap: record numbers at 2^40, positions at 2^24. */
	ring->next_rec = TP_TEST_REC_MOD - 1;
	ring->next_slot = (1ULL << TICKPATH_HEAD_SLOT_BITS) - 1;
	tp_ring_test_put_many(ring, 2);
	tp_ring_publish(ring);
	KUNIT_EXPECT_EQ(test, ring->hdr->head, 1ULL << 24 | 1);
	KUNIT_EXPECT_EQ(test, tp_ring_test_stamp(ring, TP_TEST_SLOTS - 1),
			TP_TEST_REC_MOD);
	KUNIT_EXPECT_EQ(test, tp_ring_test_stamp(ring, 0), 1);
	KUNIT_EXPECT_TRUE(test, tp_ring_passed(ring, TP_TEST_REC_MOD - 1));
	KUNIT_EXPECT_TRUE(test, tp_ring_passed(ring, 0));
	KUNIT_EXPECT_FALSE(test, tp_ring_passed(ring, 1));
}

/*
 * The producer writes @count one-slot records past a reader that starts at
 * the head, in one packet (then publishes); the reader reads what it can.
 * Checks read + lost = count and the expected lost count, returns how many
 * it read.
 */
static u64 tp_ring_test_lap(struct kunit *test, u64 count, u64 lost)
{
	struct tp_ring *ring = test->priv;
	struct tp_ring_cursor cur;
	u64 read;

	tp_ring_test_reader(ring, &cur);
	tp_ring_test_put_many(ring, count);
	tp_ring_publish(ring);
	read = tp_ring_test_drain(test, &cur);
	KUNIT_EXPECT_EQ(test, cur.lost, lost);
	KUNIT_EXPECT_EQ(test, cur.laps, lost ? 1 : 0);
	KUNIT_EXPECT_EQ(test, read + cur.lost, count);
	KUNIT_EXPECT_EQ(test, cur.rec, ring->next_rec & TP_RING_REC_MASK);
	return read;
}

/*
 * Lapped, a reader goes on from the oldest record still whole: it loses
 * only the records written over, and reads the whole ring that is left.
 */
static void tp_ring_test_laps(struct kunit *test)
{
	const u64 s = TP_TEST_SLOTS;

	/* Exactly one ring: the reader's record is still there. */
	KUNIT_EXPECT_EQ(test, tp_ring_test_lap(test, s, 0), s);
	/* One more: record n went, n + 1 .. n + s are all there. */
	KUNIT_EXPECT_EQ(test, tp_ring_test_lap(test, s + 1, 1), s);
	KUNIT_EXPECT_EQ(test, tp_ring_test_lap(test, s + 10, 10), s);
	/* Several rings at once: one lap, all counted, a ring read. */
	KUNIT_EXPECT_EQ(test, tp_ring_test_lap(test, 3 * s + 1, 2 * s + 1), s);
	KUNIT_EXPECT_EQ(test, tp_ring_test_lap(test, 7 * s + 33, 6 * s + 33),
			s);
}

/*
 * A cursor without head (tp_ring_cursor_init() alone) keeps the old rule:
 * on from the record that overwrote its slot, or after it if that slot is
 * a second one.
 */
static void tp_ring_test_laps_no_head(struct kunit *test)
{
	struct tp_ring *ring = test->priv;
	struct tp_ring_cursor cur;

	tp_ring_test_reader(ring, &cur);
	tp_ring_cursor_set_head(&cur, NULL);
	tp_ring_test_put_many(ring, 3 * TP_TEST_SLOTS + 1);
	tp_ring_publish(ring);
	KUNIT_EXPECT_EQ(test, tp_ring_test_drain(test, &cur), 1);
	KUNIT_EXPECT_EQ(test, cur.lost, 3 * TP_TEST_SLOTS);
	KUNIT_EXPECT_EQ(test, cur.laps, 1);

	tp_ring_test_put_many(ring, TP_TEST_SLOTS - 1);
	tp_ring_test_put(ring, true);	/* over the reader's slot: second half */
	tp_ring_publish(ring);
	KUNIT_EXPECT_NULL(test, tp_ring_cursor_next(&cur));
	KUNIT_EXPECT_EQ(test, cur.lost, 4 * TP_TEST_SLOTS);
	KUNIT_EXPECT_EQ(test, cur.laps, 2);
	KUNIT_EXPECT_EQ(test, cur.rec, ring->next_rec);
}

/*
 * Lapped by the second half of a two-slot record: its first half took the
 * slot before, so the oldest whole record is the one after the reader's.
 */
static void tp_ring_test_lap_second_slot(struct kunit *test)
{
	struct tp_ring *ring = test->priv;
	const struct tickpath_rec *rec;
	struct tp_ring_cursor cur;

	tp_ring_test_reader(ring, &cur);
	tp_ring_test_put_many(ring, TP_TEST_SLOTS - 1);
	tp_ring_test_put(ring, true);	/* record 63: slots 63 and 0 */
	tp_ring_publish(ring);
	rec = tp_ring_cursor_next(&cur);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	KUNIT_EXPECT_EQ(test, rec->seq, 1);
	KUNIT_EXPECT_EQ(test, cur.lost, 1);
	KUNIT_EXPECT_EQ(test, cur.pos, 1);
	KUNIT_EXPECT_TRUE(test, tp_ring_cursor_done(&cur));
	/* 2 .. 63, the last one across the end through the second mapping. */
	KUNIT_EXPECT_EQ(test, tp_ring_test_drain(test, &cur), TP_TEST_SLOTS - 2);
	KUNIT_EXPECT_EQ(test, cur.pos, 1);
	tp_ring_test_put(ring, false);
	KUNIT_EXPECT_EQ(test, tp_ring_test_drain(test, &cur), 1);
	KUNIT_EXPECT_EQ(test, cur.laps, 1);
}

/*
 * A mix of one- and two-slot records in packets of random sizes, some left
 * unpublished, read after each burst: every lap goes where the model of
 * ring_pattern.h says, with the loss it says, and every record read is
 * whole and in order.
 */
#define TP_TEST_LOG 8192U

static void tp_ring_test_lap_mixed(struct kunit *test)
{
	struct tp_ring *ring = test->priv;
	u64 expect = 0, lost = 0, laps = 0, head_rec = 0, count = 0;
	u64 *start = kunit_kcalloc(test, TP_TEST_LOG, sizeof(*start),
				   GFP_KERNEL);
	const struct tickpath_rec *rec;
	struct tp_ring_cursor cur;
	unsigned int burst, i;
	u32 seed = 11;

	KUNIT_ASSERT_NOT_NULL(test, start);
	tp_ring_test_reader(ring, &cur);
	for (;;) {
		seed = seed * 1103515245 + 12345;
		burst = (seed >> 16) % (3 * TP_TEST_SLOTS / 2 + 1);
		if (count + burst > TP_TEST_LOG)
			break;
		for (i = 0; i < burst; i++) {
			seed = seed * 1103515245 + 12345;
			start[count++] = ring->next_slot;
			tp_ring_test_put(ring, !((seed >> 16) % 3));
			if ((seed >> 20) % 5 == 0) {	/* end of a packet */
				tp_ring_publish(ring);
				head_rec = ring->next_rec;
			}
		}
		if ((seed >> 24) % 4) {
			tp_ring_publish(ring);
			head_rec = ring->next_rec;
		}
		if (expect < count &&
		    !tp_ring_model_whole(start, 0, expect, ring->next_slot,
					 TP_TEST_SLOTS)) {
			u64 to = tp_ring_model_resume(start, 0, count,
						      ring->next_slot,
						      TP_TEST_SLOTS, head_rec,
						      expect);

			lost += to - expect;
			laps++;
			expect = to;
		}
		while ((rec = tp_ring_cursor_next(&cur))) {
			KUNIT_EXPECT_EQ(test, rec->seq, expect);
			KUNIT_EXPECT_TRUE(test,
					  tp_ring_pattern_intact(rec, rec->seq));
			KUNIT_EXPECT_TRUE(test, tp_ring_cursor_done(&cur));
			expect = rec->seq + 1;
		}
		KUNIT_EXPECT_EQ(test, expect, count);
		KUNIT_EXPECT_EQ(test, cur.lost, lost);
		KUNIT_EXPECT_EQ(test, cur.laps, laps);
		if (expect != count || cur.lost != lost)
			return;	/* once is enough to say it */
	}
	KUNIT_EXPECT_GT(test, laps, 20);
	KUNIT_EXPECT_LT(test, lost, count / 2);
}

/*
 * At the wrap of the slot array: the oldest whole record is a two-slot one
 * in the last slot, read in one piece through the second mapping.
 */
static void tp_ring_test_lap_wrap_long(struct kunit *test)
{
	struct tp_ring *ring = test->priv;
	size_t data = TP_TEST_SLOTS * TICKPATH_SLOT_SIZE;
	const struct tickpath_rec *rec;
	struct tp_ring_cursor cur;

	tp_ring_test_reader(ring, &cur);
	tp_ring_test_put_many(ring, TP_TEST_SLOTS - 1);
	tp_ring_test_put(ring, true);	/* record 63: slots 63 and 0 */
	tp_ring_test_put_many(ring, TP_TEST_SLOTS - 2);	/* slots 1 .. 62 */
	tp_ring_publish(ring);
	rec = tp_ring_cursor_next(&cur);
	KUNIT_ASSERT_PTR_EQ(test, (const u8 *)rec,
			    ring->slots + data - TICKPATH_SLOT_SIZE);
	KUNIT_EXPECT_TRUE(test, tp_ring_pattern_intact(rec, TP_TEST_SLOTS - 1));
	KUNIT_EXPECT_EQ(test, cur.lost, TP_TEST_SLOTS - 1);
	KUNIT_EXPECT_EQ(test, cur.laps, 1);
	KUNIT_EXPECT_TRUE(test, tp_ring_cursor_done(&cur));
	KUNIT_EXPECT_EQ(test, cur.pos, 1);
	KUNIT_EXPECT_EQ(test, tp_ring_test_drain(test, &cur), TP_TEST_SLOTS - 2);
	KUNIT_EXPECT_EQ(test, cur.rec, ring->next_rec);
	KUNIT_EXPECT_EQ(test, cur.lost, TP_TEST_SLOTS - 1);
}

/*
 * At the wrap again: head's slot 0 holds the second half of a record whose
 * first half, slot 63, is gone.  The search passes it and the slot array's
 * end and goes on from slot 1, well before the record that lapped the
 * reader.
 */
static void tp_ring_test_lap_wrap_second(struct kunit *test)
{
	struct tp_ring *ring = test->priv;
	const struct tickpath_rec *rec;
	struct tp_ring_cursor cur;

	tp_ring_test_reader(ring, &cur);
	tp_ring_test_put_many(ring, TP_TEST_SLOTS - 1);
	KUNIT_EXPECT_EQ(test, tp_ring_test_drain(test, &cur), TP_TEST_SLOTS - 1);
	tp_ring_test_put(ring, true);	/* record 63: slots 63 and 0 */
	tp_ring_test_put_many(ring, TP_TEST_SLOTS - 3);	/* slots 1 .. 61 */
	tp_ring_test_put(ring, true);	/* record 125: slots 62 and 63 */
	tp_ring_publish(ring);
	KUNIT_EXPECT_EQ(test, ring->hdr->head, 126ULL << 24 | 128);
	KUNIT_EXPECT_EQ(test, tp_ring_test_stamp(ring, 0),
			tp_ring_stamp(63) | TICKPATH_STAMP_CONT);

	/* The reader's slot, 63, holds the second half of record 125. */
	rec = tp_ring_cursor_next(&cur);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	KUNIT_EXPECT_EQ(test, rec->seq, TP_TEST_SLOTS);
	KUNIT_EXPECT_EQ(test, cur.pos, 1);
	KUNIT_EXPECT_EQ(test, cur.lost, 1);
	KUNIT_EXPECT_TRUE(test, tp_ring_cursor_done(&cur));
	KUNIT_EXPECT_EQ(test, tp_ring_test_drain(test, &cur), TP_TEST_SLOTS - 3);
	KUNIT_EXPECT_EQ(test, cur.rec, ring->next_rec);
	KUNIT_EXPECT_EQ(test, cur.laps, 1);
}

/*
 * Records written after the last publish sit between head's slot and the
 * producer, with a slot the producer is writing (stamp 0) after them: the
 * search passes both.  Once the producer wrote a whole ring since it
 * published, nothing is older than head any more: on from the record that
 * overwrote the reader's slot.
 */
static void tp_ring_test_lap_unpublished(struct kunit *test)
{
	struct tp_ring *ring = test->priv;
	const struct tickpath_rec *rec;
	struct tp_ring_cursor cur;

	tp_ring_test_reader(ring, &cur);
	tp_ring_test_put_many(ring, TP_TEST_SLOTS + 5);
	tp_ring_publish(ring);			/* head: record 69, slot 5 */
	tp_ring_test_put_many(ring, 3);		/* slots 5 .. 7 */
	/* Record 72 starts on slot 8: its stamp goes to 0 first. */
	WRITE_ONCE(tp_ring_slot(ring->slots, ring->mask, 8)->stamp, 0);
	rec = tp_ring_cursor_next(&cur);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	KUNIT_EXPECT_EQ(test, rec->seq, 9);
	KUNIT_EXPECT_EQ(test, cur.lost, 9);
	KUNIT_EXPECT_TRUE(test, tp_ring_cursor_done(&cur));
	KUNIT_EXPECT_EQ(test, tp_ring_test_drain(test, &cur), TP_TEST_SLOTS - 2);
	KUNIT_EXPECT_EQ(test, cur.rec, TP_TEST_SLOTS + 8);
	tp_ring_test_put(ring, false);		/* record 72 */
	KUNIT_EXPECT_EQ(test, tp_ring_test_drain(test, &cur), 1);
	KUNIT_EXPECT_EQ(test, cur.laps, 1);

	tp_ring_publish(ring);
	tp_ring_test_reader(ring, &cur);
	tp_ring_test_put_many(ring, TP_TEST_SLOTS + 3);
	KUNIT_EXPECT_EQ(test, tp_ring_test_drain(test, &cur), 3);
	KUNIT_EXPECT_EQ(test, cur.lost, TP_TEST_SLOTS);
	KUNIT_EXPECT_EQ(test, cur.laps, 1);
}

/* Record numbers wrap at 2^40 between the oldest whole record and head. */
static void tp_ring_test_lap_rec_wrap(struct kunit *test)
{
	struct tp_ring *ring = test->priv;
	const u64 first = TP_TEST_REC_MOD - TP_TEST_SLOTS - 10;
	const struct tickpath_rec *rec;
	struct tp_ring_cursor cur;

	ring->next_rec = first;
	ring->next_slot = 3;
	tp_ring_publish(ring);
	tp_ring_test_reader(ring, &cur);
	tp_ring_test_put_many(ring, TP_TEST_SLOTS + 20);
	tp_ring_publish(ring);
	KUNIT_EXPECT_EQ(test, tp_ring_head_rec(ring->hdr->head), 10);
	rec = tp_ring_cursor_next(&cur);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	KUNIT_EXPECT_EQ(test, rec->seq, first + 20);
	KUNIT_EXPECT_EQ(test, cur.rec, first + 20);
	KUNIT_EXPECT_EQ(test, cur.pos, 23);
	KUNIT_EXPECT_EQ(test, cur.lost, 20);
	KUNIT_EXPECT_EQ(test, cur.laps, 1);
	KUNIT_EXPECT_TRUE(test, tp_ring_cursor_done(&cur));
	KUNIT_EXPECT_EQ(test, tp_ring_test_drain(test, &cur), TP_TEST_SLOTS - 1);
	KUNIT_EXPECT_EQ(test, cur.rec, 10);
	KUNIT_EXPECT_EQ(test, cur.lost, 20);
}

/* A reader that starts from head sees only what comes after; stamps make a
 * record readable before head is published.
 */
static void tp_ring_test_from_head(struct kunit *test)
{
	struct tp_ring *ring = test->priv;
	const struct tickpath_rec *rec;
	struct tp_ring_cursor cur;

	tp_ring_test_put_many(ring, 5);
	tp_ring_publish(ring);
	tp_ring_cursor_init(&cur, ring->slots, TP_TEST_SLOTS, ring->hdr->head);
	KUNIT_EXPECT_NULL(test, tp_ring_cursor_next(&cur));
	tp_ring_test_put(ring, true);
	rec = tp_ring_cursor_next(&cur);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	KUNIT_EXPECT_EQ(test, rec->seq, 5);
	KUNIT_EXPECT_TRUE(test, tp_ring_cursor_done(&cur));
	KUNIT_EXPECT_NULL(test, tp_ring_cursor_next(&cur));
	KUNIT_EXPECT_EQ(test, cur.lost, 0);
}

/*
 * Overwritten between next and done: done says so and counts the lap, and
 * the reader goes on from the oldest whole record.
 */
static void tp_ring_test_torn(struct kunit *test)
{
	struct tp_ring *ring = test->priv;
	const struct tickpath_rec *rec;
	struct tp_ring_cursor cur;

	tp_ring_test_reader(ring, &cur);
	tp_ring_test_put_many(ring, 3);
	rec = tp_ring_cursor_next(&cur);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	KUNIT_EXPECT_EQ(test, rec->seq, 0);
	tp_ring_test_put_many(ring, TP_TEST_SLOTS - 3);
	tp_ring_test_put(ring, true);	/* record 64: slots 0 and 1 */
	tp_ring_publish(ring);
	KUNIT_EXPECT_FALSE(test, tp_ring_cursor_done(&cur));
	KUNIT_EXPECT_EQ(test, cur.lost, 2);
	KUNIT_EXPECT_EQ(test, cur.laps, 1);
	rec = tp_ring_cursor_next(&cur);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	KUNIT_EXPECT_TRUE(test, tp_ring_pattern_intact(rec, 2));
	KUNIT_EXPECT_TRUE(test, tp_ring_cursor_done(&cur));
	KUNIT_EXPECT_EQ(test, cur.pos, 3);
	KUNIT_EXPECT_EQ(test, tp_ring_test_drain(test, &cur), TP_TEST_SLOTS - 2);
	KUNIT_EXPECT_EQ(test, cur.laps, 1);
}

static void tp_ring_test_dead(struct kunit *test)
{
	struct tp_ring *ring = test->priv;
	struct tp_ring_cursor cur;

	tp_ring_test_reader(ring, &cur);
	tp_ring_test_put_many(ring, 2);
	tp_ring_publish(ring);
	KUNIT_EXPECT_FALSE(test, tp_ring_dead(ring));
	tp_ring_kill(ring);
	KUNIT_EXPECT_TRUE(test, tp_ring_dead(ring));
	KUNIT_EXPECT_EQ(test, ring->hdr->flags, TICKPATH_RING_F_DEAD);
	tp_ring_kill(ring);
	KUNIT_EXPECT_EQ(test, ring->hdr->flags, TICKPATH_RING_F_DEAD);
	/* What was written stays readable. */
	KUNIT_EXPECT_EQ(test, tp_ring_test_drain(test, &cur), 2);
}

struct tp_ring_test_waiter {
	struct wait_queue_entry entry;
	unsigned int wakes;
	__poll_t events;
};

static int tp_ring_test_wake(struct wait_queue_entry *entry,
			     unsigned int mode, int sync, void *key)
{
	struct tp_ring_test_waiter *waiter =
		container_of(entry, struct tp_ring_test_waiter, entry);

	waiter->wakes++;
	waiter->events = key_to_poll(key);
	return 0;
}

/* A publish as the channel does it: the wake-up when publish asks for it. */
static void tp_ring_test_publish_wake(struct tp_ring *ring)
{
	if (tp_ring_publish(ring))
		tp_ring_wake(ring);
}

/* A wake-up asked for per publish that brought records to a sleeper only. */
static void tp_ring_test_wakeups(struct kunit *test)
{
	struct tp_ring *ring = test->priv;
	struct tp_ring_test_waiter waiter = {};

	init_waitqueue_func_entry(&waiter.entry, tp_ring_test_wake);
	tp_ring_test_put_many(ring, 10);
	KUNIT_EXPECT_FALSE(test, tp_ring_publish(ring));	/* nobody sleeps */
	add_wait_queue(&ring->wait, &waiter.entry);
	KUNIT_EXPECT_FALSE(test, tp_ring_publish(ring));	/* nothing new */
	tp_ring_test_put_many(ring, 10);
	KUNIT_EXPECT_EQ(test, waiter.wakes, 0);	/* never per record */
	KUNIT_EXPECT_TRUE(test, tp_ring_publish(ring));
	KUNIT_EXPECT_EQ(test, waiter.wakes, 0);	/* the caller wakes */
	tp_ring_wake(ring);
	KUNIT_EXPECT_EQ(test, waiter.wakes, 1);
	KUNIT_EXPECT_TRUE(test, waiter.events == (EPOLLIN | EPOLLRDNORM));
	tp_ring_test_publish_wake(ring);
	KUNIT_EXPECT_EQ(test, waiter.wakes, 1);
	tp_ring_kill(ring);
	KUNIT_EXPECT_EQ(test, waiter.wakes, 2);
	KUNIT_EXPECT_TRUE(test, !waiter.events);	/* every event */
	remove_wait_queue(&ring->wait, &waiter.entry);
	tp_ring_test_put(ring, false);
	KUNIT_EXPECT_FALSE(test, tp_ring_publish(ring));
	KUNIT_EXPECT_EQ(test, waiter.wakes, 2);
}

struct tp_ring_test_sleeper {
	struct tp_ring *ring;
	u64 rec;
	int ret;
	struct completion done;
};

/* Sleeps as TICKPATH_IOC_WAIT does. */
static int tp_ring_test_sleep(void *arg)
{
	struct tp_ring_test_sleeper *sleeper = arg;
	struct tp_ring *ring = sleeper->ring;

	sleeper->ret = wait_event_interruptible(ring->wait,
						tp_ring_passed(ring, sleeper->rec) ||
						tp_ring_dead(ring));
	kthread_complete_and_exit(&sleeper->done, 0);
}

/* Starts a sleeper for the next record and waits until it is queued. */
static void tp_ring_test_sleeper_start(struct kunit *test,
				       struct tp_ring_test_sleeper *sleeper)
{
	struct task_struct *task;
	int i;

	sleeper->ring = test->priv;
	sleeper->rec = sleeper->ring->next_rec;
	init_completion(&sleeper->done);
	task = kthread_run(tp_ring_test_sleep, sleeper, "tp_ring_test");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	for (i = 0; i < 500 && !wq_has_sleeper(&sleeper->ring->wait); i++)
		msleep(20);
}

/* Whether it woke within 10 s; if not, kills the ring to end it. */
static bool tp_ring_test_sleeper_woke(struct tp_ring_test_sleeper *sleeper)
{
	if (wait_for_completion_timeout(&sleeper->done, 10 * HZ))
		return true;
	tp_ring_kill(sleeper->ring);
	wait_for_completion(&sleeper->done);
	return false;
}

static void tp_ring_test_sleeper_publish(struct kunit *test)
{
	struct tp_ring_test_sleeper sleeper;

	tp_ring_test_sleeper_start(test, &sleeper);
	KUNIT_EXPECT_TRUE(test, wq_has_sleeper(&sleeper.ring->wait));
	tp_ring_test_put(sleeper.ring, false);
	tp_ring_test_publish_wake(sleeper.ring);
	KUNIT_EXPECT_TRUE(test, tp_ring_test_sleeper_woke(&sleeper));
	KUNIT_EXPECT_EQ(test, sleeper.ret, 0);
	KUNIT_EXPECT_FALSE(test, tp_ring_dead(sleeper.ring));
}

static void tp_ring_test_sleeper_kill(struct kunit *test)
{
	struct tp_ring_test_sleeper sleeper;

	tp_ring_test_sleeper_start(test, &sleeper);
	KUNIT_EXPECT_TRUE(test, wq_has_sleeper(&sleeper.ring->wait));
	tp_ring_kill(sleeper.ring);
	KUNIT_EXPECT_TRUE(test, tp_ring_test_sleeper_woke(&sleeper));
	KUNIT_EXPECT_EQ(test, sleeper.ret, 0);
	KUNIT_EXPECT_FALSE(test, tp_ring_passed(sleeper.ring, sleeper.rec));
}

static struct kunit_case tp_ring_test_cases[] = {
	KUNIT_CASE(tp_ring_test_create),
	KUNIT_CASE(tp_ring_test_slots),
	KUNIT_CASE(tp_ring_test_wrap),
	KUNIT_CASE(tp_ring_test_head),
	KUNIT_CASE(tp_ring_test_laps),
	KUNIT_CASE(tp_ring_test_laps_no_head),
	KUNIT_CASE(tp_ring_test_lap_second_slot),
	KUNIT_CASE(tp_ring_test_lap_mixed),
	KUNIT_CASE(tp_ring_test_lap_wrap_long),
	KUNIT_CASE(tp_ring_test_lap_wrap_second),
	KUNIT_CASE(tp_ring_test_lap_unpublished),
	KUNIT_CASE(tp_ring_test_lap_rec_wrap),
	KUNIT_CASE(tp_ring_test_from_head),
	KUNIT_CASE(tp_ring_test_torn),
	KUNIT_CASE(tp_ring_test_dead),
	KUNIT_CASE(tp_ring_test_wakeups),
	KUNIT_CASE(tp_ring_test_sleeper_publish),
	KUNIT_CASE(tp_ring_test_sleeper_kill),
	{}
};

static struct kunit_suite tp_ring_test_suite = {
	.name = "tickpath_ring",
	.init = tp_ring_test_init,
	.exit = tp_ring_test_exit,
	.test_cases = tp_ring_test_cases,
};

kunit_test_suite(tp_ring_test_suite);
