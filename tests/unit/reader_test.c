// SPDX-License-Identifier: GPL-2.0
/*
 * The reader's half of the ring protocol against the producer's own step,
 * tp_ring_store() (the lines the kernel runs), in a ring laid out as the
 * kernel lays it out: the slots mapped twice in a row (one memfd, two
 * mappings).  Includes lib/reader.c for tp_sub_read() and friends; what
 * needs /dev/tickpath is left to the VM tests.
 */
#define _GNU_SOURCE	/* memfd_create() */
#include "../../lib/reader.c"
#include "../kunit/ring_pattern.h"
#include "check.h"

#include <pthread.h>
#include <stdio.h>

#define SLOTS 64U
#define MASK (SLOTS - 1)
#define REC_MOD (1ULL << TICKPATH_STAMP_BITS)

/*
 * A ring in memory: the producer's position, the head word it publishes and
 * a reader on it, which sees head as libtickpath's does.
 */
struct ring {
	unsigned char *slots;
	__u64 next_rec;
	__u64 next_slot;
	__u64 head;
	__u32 flags;
	struct tp_sub sub;
};

static void ring_init(struct ring *r, __u64 rec, __u64 slot)
{
	size_t size = SLOTS * TICKPATH_SLOT_SIZE;
	unsigned char *base;
	int fd;

	memset(r, 0, sizeof(*r));
	fd = memfd_create("ring", 0);
	if (fd < 0 || ftruncate(fd, size) < 0) {
		perror("memfd");
		exit(2);
	}
	base = mmap(NULL, 2 * size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED ||
	    mmap(base, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
		 fd, 0) == MAP_FAILED ||
	    mmap(base + size, size, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	close(fd);
	r->slots = base;
	r->next_rec = rec;
	r->next_slot = slot;
	r->head = tp_ring_head(rec, slot);
	r->sub.fd = -1;
	r->sub.flags = &r->flags;
	tp_ring_cursor_init(&r->sub.cur, base, SLOTS, r->head);
	tp_ring_cursor_set_head(&r->sub.cur, &r->head);
}

static void ring_fini(struct ring *r)
{
	munmap(r->slots, 2 * SLOTS * TICKPATH_SLOT_SIZE);
}

static void put(struct ring *r, bool two)
{
	struct tickpath_rec rec;

	tp_ring_pattern_fill(&rec, r->next_rec, two);
	tp_ring_store(r->slots, MASK, r->next_rec, r->next_slot, &rec);
	r->next_rec++;
	r->next_slot += tp_ring_rec_slots(&rec);
}

static void put_many(struct ring *r, unsigned int count)
{
	while (count--)
		put(r, false);
}

/* The end of a packet, as tp_ring_publish() does it. */
static void publish(struct ring *r)
{
	tp_ring_store_release(&r->head, tp_ring_head(r->next_rec, r->next_slot));
}

static void set_stamp(struct ring *r, __u64 slot, __u64 stamp)
{
	tp_ring_store_once(&((struct tp_ring_slot *)r->slots)[slot & MASK].stamp,
			   stamp);
}

static unsigned int lcg(unsigned int *seed)
{
	*seed = *seed * 1103515245 + 12345;
	return *seed >> 16;
}

static __u64 stamp_at(const struct ring *r, __u64 slot)
{
	return ((const struct tp_ring_slot *)r->slots)[slot & MASK].stamp;
}

static void test_diff(void)
{
	CHECK(tp_ring_diff(5, 3) == 2);
	CHECK(tp_ring_diff(3, 5) == -2);
	CHECK(tp_ring_diff(0, REC_MOD - 1) == 1);
	CHECK(tp_ring_diff(REC_MOD - 1, 0) == -1);
	CHECK(tp_ring_diff(REC_MOD / 2 - 1, 0) == (__s64)(REC_MOD / 2 - 1));
	CHECK(tp_ring_diff(REC_MOD / 2, 0) == -(__s64)(REC_MOD / 2));
	/* Bits above the 40 do not count: head's record part is shifted. */
	CHECK(tp_ring_diff(REC_MOD + 7, 7) == 0);
}

static void test_stamp_and_head(void)
{
	CHECK(tp_ring_stamp(0) == 1);
	CHECK(tp_ring_stamp(41) == 42);
	CHECK(tp_ring_stamp(REC_MOD - 1) == REC_MOD);	/* never 0 */
	CHECK(tp_ring_stamp(REC_MOD) == 1);
	CHECK(tp_ring_head(5, 7) == (5ULL << 24 | 7));
	CHECK(tp_ring_head_rec(tp_ring_head(REC_MOD + 5, 7)) == 5);
	CHECK(tp_ring_head_pos(tp_ring_head(5, (1ULL << 24) + 9)) == 9);
	CHECK(tp_ring_head_rec(tp_ring_head(REC_MOD - 1, 0)) == REC_MOD - 1);
}

static enum tp_ring_state classify(__u64 stamp, __u64 rec, __u32 pos,
				   __u64 *new_rec, __u32 *new_pos)
{
	*new_rec = rec;
	*new_pos = pos;
	return tp_ring_classify(stamp, MASK, new_rec, new_pos);
}

static void test_classify(void)
{
	__u64 rec;
	__u32 pos;

	CHECK(classify(tp_ring_stamp(10), 10, 3, &rec, &pos) == TP_RING_READY);
	CHECK(classify(0, 10, 3, &rec, &pos) == TP_RING_NOT_YET);
	/* The record of the previous lap, first or second slot. */
	CHECK(classify(tp_ring_stamp(REC_MOD + 10 - SLOTS), 10, 3, &rec, &pos) ==
	      TP_RING_NOT_YET);
	CHECK(classify(tp_ring_stamp(5) | TICKPATH_STAMP_CONT, 10, 3, &rec,
		       &pos) == TP_RING_NOT_YET);
	CHECK(rec == 10 && pos == 3);
	/* Overwritten by a first slot: go on from that record, there. */
	CHECK(classify(tp_ring_stamp(74), 10, 3, &rec, &pos) == TP_RING_LAPPED);
	CHECK(rec == 74 && pos == 3);
	/* By a second slot: go on from the record after it, a slot on. */
	CHECK(classify(tp_ring_stamp(73) | TICKPATH_STAMP_CONT, 10, 3, &rec,
		       &pos) == TP_RING_LAPPED);
	CHECK(rec == 74 && pos == 4);
	CHECK(classify(tp_ring_stamp(100) | TICKPATH_STAMP_CONT, 40, MASK, &rec,
		       &pos) == TP_RING_LAPPED);
	CHECK(rec == 101 && pos == 0);
	/* Across 2^40. */
	CHECK(classify(tp_ring_stamp(REC_MOD - 1), REC_MOD - 1, 3, &rec,
		       &pos) == TP_RING_READY);
	CHECK(classify(tp_ring_stamp(62), REC_MOD - 2, 3, &rec, &pos) ==
	      TP_RING_LAPPED);
	CHECK(rec == 62 && pos == 3);
	CHECK(classify(tp_ring_stamp(REC_MOD - 1) | TICKPATH_STAMP_CONT,
		       REC_MOD - 64, 3, &rec, &pos) == TP_RING_LAPPED);
	CHECK(rec == 0 && pos == 4);
	CHECK(classify(tp_ring_stamp(REC_MOD - 60), 2, 3, &rec, &pos) ==
	      TP_RING_NOT_YET);
}

/* One- and two-slot records read back whole, the last one across the end
 * of the slots through the second mapping.
 */
static void test_read_back(void)
{
	struct tickpath_rec out;
	unsigned int nonzero;
	struct ring r;
	__u64 n;

	ring_init(&r, 1000, SLOTS - 4);
	CHECK(!tp_sub_next(&r.sub));
	put(&r, false);		/* slot 60 */
	put(&r, true);		/* slots 61 and 62 */
	put(&r, true);		/* slots 63 and 0 */
	put(&r, false);		/* slot 1 */
	CHECK(stamp_at(&r, SLOTS - 1) == tp_ring_stamp(1002));
	CHECK(stamp_at(&r, 0) == (tp_ring_stamp(1002) | TICKPATH_STAMP_CONT));
	for (n = 1000; n < 1004; n++) {
		CHECK(tp_sub_read(&r.sub, &out) == 1);
		CHECK(tp_ring_pattern_intact(&out, n));
		CHECK(!!(out.flags & TICKPATH_REC_F_LONG) == (n == 1001 || n == 1002));
	}
	/* The last one took one slot: the rest of the copy is zeroed. */
	for (n = TICKPATH_SLOT_SIZE, nonzero = 0; n < sizeof(out); n++)
		nonzero |= ((unsigned char *)&out)[n];
	CHECK(nonzero == 0);
	CHECK(tp_sub_read(&r.sub, &out) == 0);
	CHECK(r.sub.cur.rec == 1004 && r.sub.cur.pos == 2);
	CHECK(tp_sub_lost(&r.sub) == 0 && tp_sub_laps(&r.sub) == 0);
	ring_fini(&r);
}

/* Record numbers run on across 2^40, with stamps that are never 0. */
static void test_rec_wrap(void)
{
	struct ring r;
	__u64 n;

	ring_init(&r, REC_MOD - 2, 5);
	put_many(&r, 4);
	for (n = REC_MOD - 2; n != 2; n = (n + 1) % REC_MOD) {
		const struct tickpath_rec *rec = tp_sub_next(&r.sub);

		CHECK(rec && rec->seq % REC_MOD == n);
		CHECK(rec && rec->stamp == n + 1);
		CHECK(tp_sub_done(&r.sub));
	}
	CHECK(!tp_sub_next(&r.sub));
	CHECK(tp_sub_lost(&r.sub) == 0);
	/* And a lap across it counts exactly: records 2 .. 2 + 2 * SLOTS at
	 * slots 9 .. 9 + 2 * SLOTS, the oldest whole one at 10 + SLOTS.
	 */
	put_many(&r, 2 * SLOTS + 1);
	publish(&r);
	CHECK(tp_sub_next(&r.sub)->seq % REC_MOD == 3 + SLOTS);
	CHECK(tp_sub_lost(&r.sub) == SLOTS + 1);
	ring_fini(&r);
}

/*
 * The producer writes @count one-slot records from where the reader stands,
 * in one packet (then publishes); the reader then reads all it can, whole
 * and in order.  Returns how many it read.
 */
static __u64 lap_by(struct ring *r, __u64 count)
{
	__u64 read = 0, first = r->next_rec, lost = tp_sub_lost(&r->sub);
	__u64 expect = first, lost0 = lost;
	struct tickpath_rec out;

	put_many(r, count);
	publish(r);
	while (tp_sub_read(&r->sub, &out) == 1) {
		CHECK(tp_ring_pattern_intact(&out, out.seq));
		CHECK(out.seq == expect + tp_sub_lost(&r->sub) - lost);
		lost = tp_sub_lost(&r->sub);
		expect = out.seq + 1;
		read++;
	}
	CHECK(read + tp_sub_lost(&r->sub) - lost0 == count);
	CHECK(r->sub.cur.rec == first + count);
	return read;
}

/*
 * Lapped, a reader goes on from the oldest record still whole: it loses
 * only what was written over, then reads the whole ring that is left.
 */
static void test_laps(void)
{
	struct ring r;

	/* Exactly one ring: nothing overwritten yet. */
	ring_init(&r, 0, 0);
	CHECK(lap_by(&r, SLOTS) == SLOTS);
	CHECK(tp_sub_lost(&r.sub) == 0 && tp_sub_laps(&r.sub) == 0);
	ring_fini(&r);

	/* One record more: record 0 went, 1 .. SLOTS are there. */
	ring_init(&r, 0, 0);
	CHECK(lap_by(&r, SLOTS + 1) == SLOTS);
	CHECK(tp_sub_lost(&r.sub) == 1 && tp_sub_laps(&r.sub) == 1);
	ring_fini(&r);

	ring_init(&r, 7, 7);
	CHECK(lap_by(&r, SLOTS + 10) == SLOTS);
	CHECK(tp_sub_lost(&r.sub) == 10 && tp_sub_laps(&r.sub) == 1);
	ring_fini(&r);

	/* Several rings at once: one lap, every lost record counted. */
	ring_init(&r, 0, 0);
	CHECK(lap_by(&r, 3 * SLOTS + 1) == SLOTS);
	CHECK(tp_sub_lost(&r.sub) == 2 * SLOTS + 1 && tp_sub_laps(&r.sub) == 1);
	/* Lapped again later: the counts add up. */
	CHECK(lap_by(&r, 2 * SLOTS + 5) == SLOTS);
	CHECK(tp_sub_lost(&r.sub) == 3 * SLOTS + 6 && tp_sub_laps(&r.sub) == 2);
	ring_fini(&r);
}

/*
 * A cursor without head (tp_ring_cursor_init() alone, as a reader of the
 * bare mapping may use it) keeps the old rule: on from the overwriting
 * record.
 */
static void test_laps_no_head(void)
{
	struct ring r;

	ring_init(&r, 0, 0);
	tp_ring_cursor_set_head(&r.sub.cur, NULL);
	CHECK(lap_by(&r, SLOTS + 1) == 1);
	CHECK(tp_sub_lost(&r.sub) == SLOTS && tp_sub_laps(&r.sub) == 1);
	CHECK(lap_by(&r, 3 * SLOTS + 5) == 5);
	CHECK(tp_sub_lost(&r.sub) == 4 * SLOTS && tp_sub_laps(&r.sub) == 2);
	ring_fini(&r);
}

/* The reader's slot overwritten by the second half of a two-slot record,
 * whose first half took the slot before: the oldest whole record is the
 * one after the reader's.
 */
static void test_lap_into_second_slot(void)
{
	struct ring r;

	ring_init(&r, 0, 0);
	put_many(&r, SLOTS - 1);
	put(&r, true);			/* record 63: slots 63 and 0 */
	publish(&r);
	CHECK(tp_sub_next(&r.sub)->seq == 1);
	CHECK(tp_sub_lost(&r.sub) == 1 && tp_sub_laps(&r.sub) == 1);
	CHECK(r.sub.cur.rec == 1 && r.sub.cur.pos == 1);
	CHECK(tp_sub_done(&r.sub));
	ring_fini(&r);
}

/*
 * Records written after the last publish, and a slot the producer is
 * writing (stamp 0): the search for the oldest record passes them.  Once
 * the producer wrote a whole ring since it published, no record is older
 * than head: on from the overwriting record.
 */
static void test_lap_unpublished(void)
{
	struct tickpath_rec out;
	struct ring r;
	__u64 n;

	ring_init(&r, 0, 0);
	put_many(&r, SLOTS + 5);
	publish(&r);			/* record 69 next, at slot 5 */
	put_many(&r, 3);		/* slots 5 .. 7 */
	set_stamp(&r, 8, 0);		/* record 72 on its way to slot 8 */
	for (n = 9; n < SLOTS + 8; n++) {
		CHECK(tp_sub_read(&r.sub, &out) == 1);
		CHECK(out.seq == n && tp_ring_pattern_intact(&out, n));
	}
	CHECK(tp_sub_read(&r.sub, &out) == 0);
	CHECK(tp_sub_lost(&r.sub) == 9 && tp_sub_laps(&r.sub) == 1);
	put(&r, false);			/* record 72, slot 8 */
	CHECK(tp_sub_read(&r.sub, &out) == 1 && out.seq == SLOTS + 8);
	ring_fini(&r);

	ring_init(&r, 0, 0);
	put_many(&r, SLOTS + 3);	/* head still says record 0 */
	CHECK(tp_sub_next(&r.sub)->seq == SLOTS);
	CHECK(tp_sub_lost(&r.sub) == SLOTS && tp_sub_laps(&r.sub) == 1);
	ring_fini(&r);
}

/*
 * At the end of the slot array: the oldest whole record is a two-slot one
 * in the last slot, read in one piece through the second mapping; then
 * head's slot 0 holds the second half of a record whose first half is gone,
 * and the search passes it.
 */
static void test_lap_wrap(void)
{
	const struct tickpath_rec *rec;
	struct ring r;
	__u64 n;

	ring_init(&r, 0, 0);
	put_many(&r, SLOTS - 1);
	put(&r, true);			/* record 63: slots 63 and 0 */
	put_many(&r, SLOTS - 2);	/* records 64 .. 125: slots 1 .. 62 */
	publish(&r);
	rec = tp_sub_next(&r.sub);
	CHECK((const unsigned char *)rec == r.slots + (SLOTS - 1) * TICKPATH_SLOT_SIZE);
	CHECK(rec && tp_ring_pattern_intact(rec, SLOTS - 1));
	CHECK(tp_sub_lost(&r.sub) == SLOTS - 1 && tp_sub_laps(&r.sub) == 1);
	CHECK(tp_sub_done(&r.sub));
	for (n = SLOTS; n < 2 * SLOTS - 2; n++) {
		rec = tp_sub_next(&r.sub);
		CHECK(rec && rec->seq == n);
		CHECK(tp_sub_done(&r.sub));
	}
	CHECK(!tp_sub_next(&r.sub));

	/* Record 126 takes slots 63 and 0: 63 is gone, its second half too. */
	put(&r, true);
	put_many(&r, SLOTS - 3);	/* 127 .. 187: slots 1 .. 61 */
	put(&r, true);			/* 188: slots 62 and 63 */
	publish(&r);			/* 189 next, at slot 0 */
	set_stamp(&r, 1, 0);		/* as if 127 were being rewritten */
	CHECK(stamp_at(&r, 0) == (tp_ring_stamp(126) | TICKPATH_STAMP_CONT));
	rec = tp_sub_next(&r.sub);	/* expects 126 at slot 63: lapped */
	CHECK(rec && rec->seq == 2 * SLOTS);
	CHECK(r.sub.cur.pos == 2);
	CHECK(tp_sub_lost(&r.sub) == SLOTS + 1 && tp_sub_laps(&r.sub) == 2);
	ring_fini(&r);
}

/* The oldest whole record before 2^40, head after it. */
static void test_lap_rec_wrap(void)
{
	const __u64 first = REC_MOD - SLOTS - 10;
	struct tickpath_rec out;
	struct ring r;
	__u64 n;

	ring_init(&r, first, 3);
	put_many(&r, SLOTS / 2);
	put(&r, true);
	put_many(&r, SLOTS / 2 + 19);
	publish(&r);
	CHECK(tp_ring_head_rec(r.head) == 10);
	/* Positions 3 .. 87: records before first + 21 are gone. */
	for (n = first + 21; n != 10; n = (n + 1) % REC_MOD) {
		CHECK(tp_sub_read(&r.sub, &out) == 1);
		CHECK(out.seq % REC_MOD == n);
		CHECK(tp_ring_pattern_intact(&out, out.seq));
	}
	CHECK(tp_sub_read(&r.sub, &out) == 0);
	CHECK(tp_sub_lost(&r.sub) == 21 && tp_sub_laps(&r.sub) == 1);
	ring_fini(&r);
}

/*
 * What the search sees may be older than what the reader saw in its own
 * slot (a race, a stale load): never back past the reader's record, but on
 * from the overwriting one.
 */
static void test_lap_stale(void)
{
	struct ring r;
	__u64 rec;
	__u32 pos;

	ring_init(&r, 10, 10);
	set_stamp(&r, 10, tp_ring_stamp(74));
	set_stamp(&r, 11, tp_ring_stamp(5));
	r.head = tp_ring_head(75, 11);
	CHECK(tp_ring_oldest(r.slots, MASK, r.head, &rec, &pos));
	CHECK(rec == 5 && pos == 11);
	CHECK(tp_sub_next(&r.sub));
	CHECK(r.sub.cur.rec == 74 && r.sub.cur.pos == 10);
	CHECK(tp_sub_lost(&r.sub) == 64 && tp_sub_laps(&r.sub) == 1);
	ring_fini(&r);
}

/* tp_ring_oldest() on its own: nothing to find, and what it skips. */
static void test_oldest(void)
{
	struct ring r;
	__u64 rec;
	__u32 pos;

	ring_init(&r, 0, 0);
	CHECK(!tp_ring_oldest(r.slots, MASK, r.head, &rec, &pos));
	put_many(&r, 10);
	CHECK(!tp_ring_oldest(r.slots, MASK, r.head, &rec, &pos));
	publish(&r);
	CHECK(tp_ring_oldest(r.slots, MASK, r.head, &rec, &pos));
	CHECK(rec == 0 && pos == 0);	/* the search went round */
	put_many(&r, SLOTS - 10);
	put(&r, true);			/* record 64: slots 0 and 1 */
	publish(&r);
	CHECK(tp_ring_oldest(r.slots, MASK, r.head, &rec, &pos));
	CHECK(rec == 2 && pos == 2);
	ring_fini(&r);
}

/* A record overwritten between tp_sub_next() and tp_sub_done(). */
static void test_torn(void)
{
	const struct tickpath_rec *rec;
	struct ring r;

	ring_init(&r, 0, 0);
	put_many(&r, 3);
	rec = tp_sub_next(&r.sub);
	CHECK(rec && rec->seq == 0);
	put_many(&r, SLOTS - 2);	/* record 64 lands on slot 0 */
	publish(&r);
	CHECK(rec->seq == SLOTS);	/* what the reader holds changed */
	CHECK(!tp_sub_done(&r.sub));
	CHECK(tp_sub_lost(&r.sub) == 1 && tp_sub_laps(&r.sub) == 1);
	rec = tp_sub_next(&r.sub);
	CHECK(rec && rec->seq == 1);
	CHECK(tp_sub_done(&r.sub));

	/* Caught while the producer is rewriting its slot (stamp 0, as
	 * tp_ring_store() leaves it until the bytes are in): not counted
	 * yet, then counted once the new stamp is there.
	 */
	rec = tp_sub_next(&r.sub);
	CHECK(rec && rec->seq == 2);
	put(&r, false);			/* record 65, slot 1 */
	publish(&r);
	set_stamp(&r, 2, 0);		/* record 66 on its way to slot 2 */
	CHECK(!tp_sub_done(&r.sub));
	CHECK(tp_sub_laps(&r.sub) == 1 && !tp_sub_next(&r.sub));
	put(&r, false);			/* record 66, slot 2 */
	publish(&r);
	rec = tp_sub_next(&r.sub);
	CHECK(rec && rec->seq == 3);
	CHECK(tp_sub_lost(&r.sub) == 2 && tp_sub_laps(&r.sub) == 2);
	ring_fini(&r);
}

/*
 * A mix of one- and two-slot records in packets of random sizes, some left
 * unpublished, read now and then: every lap goes where the model of
 * ring_pattern.h says with the loss it says, every record read is whole
 * and in order.
 */
static void test_mixed(void)
{
	unsigned int seed = 1, round, i, burst;
	__u64 expect = 0, lost = 0, laps = 0, head_rec = 0, count = 0;
	__u64 *start = calloc(2000 * SLOTS * 3 / 2, sizeof(*start));
	struct tickpath_rec out;
	struct ring r;

	CHECK(start != NULL);
	if (!start)
		return;
	ring_init(&r, 0, 0);
	for (round = 0; round < 2000; round++) {
		burst = lcg(&seed) % (3 * SLOTS / 2);
		for (i = 0; i < burst; i++) {
			start[count++] = r.next_slot;
			put(&r, lcg(&seed) % 3 == 0);
			if (lcg(&seed) % 5 == 0) {	/* end of a packet */
				publish(&r);
				head_rec = r.next_rec;
			}
		}
		if (lcg(&seed) % 4) {
			publish(&r);
			head_rec = r.next_rec;
		}
		if (expect < count &&
		    !tp_ring_model_whole(start, 0, expect, r.next_slot, SLOTS)) {
			__u64 to = tp_ring_model_resume(start, 0, count,
							r.next_slot, SLOTS,
							head_rec, expect);

			lost += to - expect;
			laps++;
			expect = to;
		}
		while (tp_sub_read(&r.sub, &out) == 1) {
			CHECK(tp_ring_pattern_intact(&out, out.seq));
			CHECK(out.seq == expect);
			expect = out.seq + 1;
		}
		CHECK(expect == count);
		CHECK(tp_sub_lost(&r.sub) == lost && tp_sub_laps(&r.sub) == laps);
	}
	printf("mixed: %llu records, %llu lost in %llu laps\n",
	       (unsigned long long)count, (unsigned long long)lost,
	       (unsigned long long)laps);
	/* The old rule lost a ring's worth or more on every lap. */
	CHECK(laps > 100 && lost < laps * SLOTS / 2);
	free(start);
	ring_fini(&r);
}

/* A producer thread laps a reader thread: whatever tp_sub_done() accepts is
 * whole and in order, and at the end read + lost is what was written.
 */
struct race {
	struct ring r;
	__u64 total;
	int stop;
};

static void *race_producer(void *arg)
{
	struct race *race = arg;
	unsigned int seed = 7, packet = 0;
	volatile unsigned int spin;
	__u64 i;

	/* Packets of 1 to 16 records, and now and then a pause, so that the
	 * reader keeps up at times and is lapped at others.
	 */
	for (i = 0; i < race->total; i++) {
		put(&race->r, i % 3 == 0);
		if (!packet--) {
			publish(&race->r);
			packet = lcg(&seed) % 16;
		}
		for (spin = lcg(&seed) % 64 ? 0 : lcg(&seed) % 4096; spin; spin--)
			;
	}
	publish(&race->r);
	__atomic_store_n(&race->stop, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void test_race(void)
{
	__u64 read = 0, torn = 0, bad = 0, order = 0, expect = 0, lost = 0;
	struct tickpath_rec out;
	struct race race = { .total = 1000000 };
	pthread_t thread;
	bool stopped;

	ring_init(&race.r, 0, 0);
	CHECK(pthread_create(&thread, NULL, race_producer, &race) == 0);
	do {
		const struct tickpath_rec *rec;

		stopped = __atomic_load_n(&race.stop, __ATOMIC_ACQUIRE);
		while ((rec = tp_sub_next(&race.r.sub))) {
			memcpy(&out, rec, sizeof(out));
			if (!tp_sub_done(&race.r.sub)) {
				torn++;
				continue;
			}
			bad += !tp_ring_pattern_intact(&out, out.seq);
			order += out.seq != expect + tp_sub_lost(&race.r.sub) - lost;
			lost = tp_sub_lost(&race.r.sub);
			expect = out.seq + 1;
			read++;
		}
	} while (!stopped);
	pthread_join(thread, NULL);
	CHECK(bad == 0);
	CHECK(order == 0);
	CHECK(read + tp_sub_lost(&race.r.sub) == race.total);
	printf("race: %llu read, %llu lost in %llu laps, %llu torn\n",
	       (unsigned long long)read,
	       (unsigned long long)tp_sub_lost(&race.r.sub),
	       (unsigned long long)tp_sub_laps(&race.r.sub),
	       (unsigned long long)torn);
	ring_fini(&race.r);
}

static void test_dead(void)
{
	struct ring r;

	ring_init(&r, 0, 0);
	CHECK(!tp_sub_dead(&r.sub));
	r.flags = TICKPATH_RING_F_DEAD;
	CHECK(tp_sub_dead(&r.sub));
	ring_fini(&r);
}

int main(void)
{
	test_diff();
	test_stamp_and_head();
	test_classify();
	test_read_back();
	test_rec_wrap();
	test_laps();
	test_laps_no_head();
	test_lap_into_second_slot();
	test_lap_unpublished();
	test_lap_wrap();
	test_lap_rec_wrap();
	test_lap_stale();
	test_oldest();
	test_torn();
	test_mixed();
	test_race();
	test_dead();
	return check_done();
}
