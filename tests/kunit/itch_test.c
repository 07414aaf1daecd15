// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the ITCH 5.0 decoder against hand-built messages of every type, and
 * every malformed shape of MoldUDP64 framing.  Packets sit at the very end of
 * a kmalloc'd block of their exact size, so KASAN reports any read past them.
 */

#include "itch_vectors.h"

#include <kunit/test.h>
#include <linux/slab.h>

/* What the caller put in the record before decoding: decode keeps it. */
#define TP_STALE 0xa5

static u8 *tp_itch_test_copy(struct kunit *test, const void *src, size_t len)
{
	u8 *p = kunit_kmalloc(test, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	memcpy(p, src, len);
	return p;
}

static void tp_itch_test_vector_desc(const struct tp_itch_vector *v, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "type %c", v->wire[0]);
}

KUNIT_ARRAY_PARAM(tp_itch_test_vector, tp_itch_vectors, tp_itch_test_vector_desc);

static void tp_itch_test_decode(struct kunit *test)
{
	const struct tp_itch_vector *v = test->param_value;
	const struct tickpath_rec *want = &v->rec;
	struct tickpath_rec *got;
	unsigned int i;
	u8 *msg;

	got = kunit_kmalloc(test, sizeof(*got), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, got);
	memset(got, TP_STALE, sizeof(*got));
	msg = tp_itch_test_copy(test, v->wire, v->len);

	KUNIT_ASSERT_EQ(test, tp_itch_decode(msg, v->len, got), TICKPATH_MALFORMED_NONE);
	KUNIT_EXPECT_EQ(test, got->type, want->type);
	KUNIT_EXPECT_EQ(test, got->flags,
			want->flags | (TP_STALE & TICKPATH_REC_F_HW_TS));
	KUNIT_EXPECT_EQ(test, got->locate, want->locate);
	KUNIT_EXPECT_EQ(test, got->tracking, want->tracking);
	KUNIT_EXPECT_EQ(test, got->exch_ts, want->exch_ts);
	/* The caller's fields, untouched. */
	KUNIT_EXPECT_EQ(test, got->stamp, 0xa5a5a5a5a5a5a5a5ULL);
	KUNIT_EXPECT_EQ(test, got->seq, 0xa5a5a5a5a5a5a5a5ULL);
	KUNIT_EXPECT_EQ(test, got->rx_ts, 0xa5a5a5a5a5a5a5a5ULL);
	KUNIT_EXPECT_EQ(test, got->channel, TP_STALE);
	KUNIT_EXPECT_EQ(test, got->line, TP_STALE);
	/* The body in its slots: every field, and zeroes (not stale bytes)
	 * elsewhere.
	 */
	for (i = 0; i < tp_ring_rec_slots(want) * TICKPATH_SLOT_SIZE -
		    TICKPATH_REC_BODY_OFFSET; i++)
		KUNIT_EXPECT_EQ_MSG(test, got->body[i], want->body[i],
				    "type %c, record offset %u", want->type,
				    TICKPATH_REC_BODY_OFFSET + i);
	KUNIT_EXPECT_EQ(test, tp_ring_rec_slots(got),
			want->flags & TICKPATH_REC_F_LONG ? 2U : 1U);
}

/* The type and length lookups agree with the vectors (docs/protocols.md). */
static void tp_itch_test_types(struct kunit *test)
{
	unsigned int i, c;

	for (i = 0; i < TP_ITCH_TYPES; i++) {
		u8 type = tp_itch_vectors[i].wire[0];

		KUNIT_EXPECT_EQ(test, tp_itch_type_index(type), i + 1);
		KUNIT_EXPECT_EQ(test, tp_itch_type_char(i + 1), type);
		KUNIT_EXPECT_EQ(test, tp_itch_length(type), tp_itch_vectors[i].len);
	}
	for (c = 0, i = 0; c < 256; c++)
		i += !!tp_itch_type_index(c);
	KUNIT_EXPECT_EQ(test, i, TP_ITCH_TYPES);
	KUNIT_EXPECT_EQ(test, tp_itch_type_char(0), 0);
	KUNIT_EXPECT_EQ(test, tp_itch_type_char(TP_ITCH_TYPES + 1), 0);
}

/* Buy/Sell other than 'S' and Printable other than 'Y' leave the flag clear. */
static void tp_itch_test_flags_clear(struct kunit *test)
{
	static const struct {
		u8 type;
		u8 offset;
		u8 value;
	} cases[] = {
		{ 'A', 19, 'B' }, { 'F', 19, 'B' }, { 'P', 19, 'B' },
		{ 'A', 19, 's' }, { 'C', 31, 'N' }, { 'C', 31, 'y' },
	};
	struct tickpath_rec rec;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct tp_itch_vector *v;
		u8 *msg;

		v = &tp_itch_vectors[tp_itch_type_index(cases[i].type) - 1];
		msg = tp_itch_test_copy(test, v->wire, v->len);
		msg[cases[i].offset] = cases[i].value;
		rec.flags = 0;
		KUNIT_ASSERT_EQ(test, tp_itch_decode(msg, v->len, &rec),
				TICKPATH_MALFORMED_NONE);
		KUNIT_EXPECT_EQ_MSG(test, rec.flags, 0, "type %c", cases[i].type);
	}
}

static void tp_itch_test_decode_errors(struct kunit *test)
{
	static const u8 unknown[] = { 0, 'a', 'G', 'T', 'Z', 0x7f, 0xff };
	const struct tp_itch_vector *v;
	struct tickpath_rec rec;
	unsigned int i;
	u8 *msg;

	KUNIT_EXPECT_EQ(test, tp_itch_decode(NULL, 0, &rec), TICKPATH_MALFORMED_LENGTH);
	for (i = 0; i < TP_ITCH_TYPES; i++) {
		v = &tp_itch_vectors[i];
		/* One byte short, and one byte long. */
		msg = tp_itch_test_copy(test, v->wire, v->len - 1);
		KUNIT_EXPECT_EQ(test, tp_itch_decode(msg, v->len - 1, &rec),
				TICKPATH_MALFORMED_LENGTH);
		msg = tp_itch_test_copy(test, v->wire, v->len + 1);
		KUNIT_EXPECT_EQ(test, tp_itch_decode(msg, v->len + 1, &rec),
				TICKPATH_MALFORMED_LENGTH);
		msg = tp_itch_test_copy(test, v->wire, 1);
		KUNIT_EXPECT_EQ(test, tp_itch_decode(msg, 1, &rec),
				TICKPATH_MALFORMED_LENGTH);
	}
	/* An unknown type, whatever its length. */
	v = &tp_itch_vectors[0];
	for (i = 0; i < ARRAY_SIZE(unknown); i++) {
		msg = tp_itch_test_copy(test, v->wire, v->len);
		msg[0] = unknown[i];
		KUNIT_EXPECT_EQ(test, tp_itch_decode(msg, v->len, &rec),
				TICKPATH_MALFORMED_TYPE);
		KUNIT_EXPECT_EQ(test, tp_itch_decode(msg, 1, &rec),
				TICKPATH_MALFORMED_TYPE);
	}
}

/* MoldUDP64 */

struct tp_mold_test_pkt {
	u8 data[512];
	u32 len;
};

static void tp_mold_test_header(struct tp_mold_test_pkt *p, u64 seq, u16 count)
{
	memcpy(p->data, "SESSION123", TP_MOLD_SESSION_LEN);
	put_unaligned_be64(seq, p->data + TP_MOLD_SESSION_LEN);
	put_unaligned_be16(count, p->data + TP_MOLD_SESSION_LEN + 8);
	p->len = TP_MOLD_HEADER_LEN;
}

static void tp_mold_test_block(struct tp_mold_test_pkt *p, const u8 *msg, u16 len)
{
	put_unaligned_be16(len, p->data + p->len);
	memcpy(p->data + p->len + 2, msg, len);
	p->len += 2 + len;
}

/* Three messages: D, A and I. */
static void tp_mold_test_good_pkt(struct tp_mold_test_pkt *p)
{
	static const u8 types[] = { 'D', 'A', 'I' };
	unsigned int i;

	tp_mold_test_header(p, 0x0102030405060708ULL, ARRAY_SIZE(types));
	for (i = 0; i < ARRAY_SIZE(types); i++) {
		const struct tp_itch_vector *v;

		v = &tp_itch_vectors[tp_itch_type_index(types[i]) - 1];
		tp_mold_test_block(p, v->wire, v->len);
	}
}

static enum tickpath_malformed tp_mold_test_parse(struct kunit *test,
						  const struct tp_mold_test_pkt *p,
						  u32 len, struct tp_mold_packet *pkt)
{
	return tp_mold_parse(len ? tp_itch_test_copy(test, p->data, len) : NULL,
			     len, pkt);
}

static void tp_mold_test_good(struct kunit *test)
{
	static const u16 lens[] = { 19, 36, 50 };
	struct tp_mold_test_pkt p;
	struct tp_mold_packet pkt;
	const u8 *cursor, *msg;
	unsigned int i;
	u16 len;

	tp_mold_test_good_pkt(&p);
	KUNIT_ASSERT_EQ(test, tp_mold_test_parse(test, &p, p.len, &pkt),
			TICKPATH_MALFORMED_NONE);
	KUNIT_EXPECT_EQ(test, pkt.seq, 0x0102030405060708ULL);
	KUNIT_EXPECT_EQ(test, pkt.count, 3);
	KUNIT_EXPECT_EQ(test, memcmp(pkt.session, "SESSION123", TP_MOLD_SESSION_LEN), 0);
	KUNIT_EXPECT_EQ(test, pkt.blocks_len, p.len - TP_MOLD_HEADER_LEN);
	KUNIT_EXPECT_PTR_EQ(test, pkt.blocks, pkt.session + TP_MOLD_HEADER_LEN);
	cursor = pkt.blocks;
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		msg = tp_mold_next_block(&cursor, &len);
		KUNIT_EXPECT_EQ(test, len, lens[i]);
		KUNIT_EXPECT_EQ(test, msg[0], "DAI"[i]);
	}
	KUNIT_EXPECT_PTR_EQ(test, cursor, pkt.blocks + pkt.blocks_len);

	tp_mold_test_header(&p, 42, TP_MOLD_HEARTBEAT);
	KUNIT_ASSERT_EQ(test, tp_mold_test_parse(test, &p, p.len, &pkt),
			TICKPATH_MALFORMED_NONE);
	KUNIT_EXPECT_EQ(test, pkt.seq, 42);
	KUNIT_EXPECT_EQ(test, pkt.count, 0);
	KUNIT_EXPECT_EQ(test, pkt.blocks_len, 0);

	tp_mold_test_header(&p, 43, TP_MOLD_END_OF_SESSION);
	KUNIT_ASSERT_EQ(test, tp_mold_test_parse(test, &p, p.len, &pkt),
			TICKPATH_MALFORMED_NONE);
	KUNIT_EXPECT_EQ(test, pkt.seq, 43);
	KUNIT_EXPECT_EQ(test, pkt.count, TP_MOLD_END_OF_SESSION);
	KUNIT_EXPECT_EQ(test, pkt.blocks_len, 0);
}

/* Shorter than the header: nothing is read (len 0 passes NULL). */
static void tp_mold_test_short_header(struct kunit *test)
{
	struct tp_mold_test_pkt p;
	struct tp_mold_packet pkt;
	u32 len;

	tp_mold_test_header(&p, 1, TP_MOLD_HEARTBEAT);
	for (len = 0; len < TP_MOLD_HEADER_LEN; len++)
		KUNIT_EXPECT_EQ(test, tp_mold_test_parse(test, &p, len, &pkt),
				TICKPATH_MALFORMED_HEADER);
}

static void tp_mold_test_overrun(struct kunit *test)
{
	const struct tp_itch_vector *v = &tp_itch_vectors[0];
	struct tp_mold_test_pkt p;
	struct tp_mold_packet pkt;

	/* The block's length says one byte more than the packet holds. */
	tp_mold_test_header(&p, 1, 1);
	tp_mold_test_block(&p, v->wire, v->len);
	put_unaligned_be16(v->len + 1, p.data + TP_MOLD_HEADER_LEN);
	KUNIT_EXPECT_EQ(test, tp_mold_test_parse(test, &p, p.len, &pkt),
			TICKPATH_MALFORMED_OVERRUN);
	/* The largest length a block can claim. */
	put_unaligned_be16(0xffff, p.data + TP_MOLD_HEADER_LEN);
	KUNIT_EXPECT_EQ(test, tp_mold_test_parse(test, &p, p.len, &pkt),
			TICKPATH_MALFORMED_OVERRUN);
	/* Only one byte of a length field. */
	KUNIT_EXPECT_EQ(test, tp_mold_test_parse(test, &p, TP_MOLD_HEADER_LEN + 1, &pkt),
			TICKPATH_MALFORMED_OVERRUN);
}

static void tp_mold_test_zero_length(struct kunit *test)
{
	const struct tp_itch_vector *v = &tp_itch_vectors[0];
	struct tp_mold_test_pkt p;
	struct tp_mold_packet pkt;

	tp_mold_test_header(&p, 1, 2);
	tp_mold_test_block(&p, v->wire, v->len);
	tp_mold_test_block(&p, v->wire, 0);
	KUNIT_EXPECT_EQ(test, tp_mold_test_parse(test, &p, p.len, &pkt),
			TICKPATH_MALFORMED_ZERO_LENGTH);
	/* Zero length first, where a count of 1 would also be wrong. */
	tp_mold_test_header(&p, 1, 1);
	tp_mold_test_block(&p, v->wire, 0);
	tp_mold_test_block(&p, v->wire, v->len);
	KUNIT_EXPECT_EQ(test, tp_mold_test_parse(test, &p, p.len, &pkt),
			TICKPATH_MALFORMED_ZERO_LENGTH);
}

static void tp_mold_test_count(struct kunit *test)
{
	struct tp_mold_test_pkt p;
	struct tp_mold_packet pkt;

	tp_mold_test_good_pkt(&p);
	/* The count says fewer blocks than there are, then more. */
	put_unaligned_be16(2, p.data + TP_MOLD_SESSION_LEN + 8);
	KUNIT_EXPECT_EQ(test, tp_mold_test_parse(test, &p, p.len, &pkt),
			TICKPATH_MALFORMED_COUNT);
	put_unaligned_be16(4, p.data + TP_MOLD_SESSION_LEN + 8);
	KUNIT_EXPECT_EQ(test, tp_mold_test_parse(test, &p, p.len, &pkt),
			TICKPATH_MALFORMED_COUNT);
	/* A heartbeat carrying a block; a count of 1 with none. */
	put_unaligned_be16(TP_MOLD_HEARTBEAT, p.data + TP_MOLD_SESSION_LEN + 8);
	KUNIT_EXPECT_EQ(test, tp_mold_test_parse(test, &p, p.len, &pkt),
			TICKPATH_MALFORMED_COUNT);
	tp_mold_test_header(&p, 1, 1);
	KUNIT_EXPECT_EQ(test, tp_mold_test_parse(test, &p, p.len, &pkt),
			TICKPATH_MALFORMED_COUNT);
}

static void tp_mold_test_eos_data(struct kunit *test)
{
	struct tp_mold_test_pkt p;
	struct tp_mold_packet pkt;

	tp_mold_test_good_pkt(&p);
	put_unaligned_be16(TP_MOLD_END_OF_SESSION, p.data + TP_MOLD_SESSION_LEN + 8);
	KUNIT_EXPECT_EQ(test, tp_mold_test_parse(test, &p, p.len, &pkt),
			TICKPATH_MALFORMED_EOS_DATA);
	KUNIT_EXPECT_EQ(test, tp_mold_test_parse(test, &p, TP_MOLD_HEADER_LEN + 1, &pkt),
			TICKPATH_MALFORMED_EOS_DATA);
}

/* Every truncation of a good packet fails, and none reads past its end. */
static void tp_mold_test_truncations(struct kunit *test)
{
	struct tp_mold_test_pkt p;
	struct tp_mold_packet pkt;
	u32 len;

	tp_mold_test_good_pkt(&p);
	for (len = TP_MOLD_HEADER_LEN; len < p.len; len++) {
		enum tickpath_malformed why = tp_mold_test_parse(test, &p, len, &pkt);

		/* At a block boundary the blocks are whole but too few. */
		if (len == TP_MOLD_HEADER_LEN || len == TP_MOLD_HEADER_LEN + 21 ||
		    len == TP_MOLD_HEADER_LEN + 21 + 38)
			KUNIT_EXPECT_EQ_MSG(test, why, TICKPATH_MALFORMED_COUNT,
					    "len %u", len);
		else
			KUNIT_EXPECT_EQ_MSG(test, why, TICKPATH_MALFORMED_OVERRUN,
					    "len %u", len);
	}
}

static struct kunit_case tp_itch_test_cases[] = {
	KUNIT_CASE_PARAM(tp_itch_test_decode, tp_itch_test_vector_gen_params),
	KUNIT_CASE(tp_itch_test_types),
	KUNIT_CASE(tp_itch_test_flags_clear),
	KUNIT_CASE(tp_itch_test_decode_errors),
	KUNIT_CASE(tp_mold_test_good),
	KUNIT_CASE(tp_mold_test_short_header),
	KUNIT_CASE(tp_mold_test_overrun),
	KUNIT_CASE(tp_mold_test_zero_length),
	KUNIT_CASE(tp_mold_test_count),
	KUNIT_CASE(tp_mold_test_eos_data),
	KUNIT_CASE(tp_mold_test_truncations),
	{}
};

static struct kunit_suite tp_itch_test_suite = {
	.name = "tickpath_itch",
	.test_cases = tp_itch_test_cases,
};

kunit_test_suite(tp_itch_test_suite);
