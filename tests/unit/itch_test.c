// SPDX-License-Identifier: GPL-2.0
/*
 * The freestanding ITCH decoder and the encoder in user space, under ASan
 * and UBSan: the type table against the facts of docs/protocols.md, round
 * trips for every type with pseudo-random fields, every error of
 * tp_itch_decode() and tp_mold_parse() on packets held in buffers of their
 * exact size, so that any read past the end is caught.
 */
#include "../../kmod/itch.c"
#include "../../lib/itch_encode.c"
#include "../kunit/itch_vectors.h"
#include "check.h"

#include <stdlib.h>

#define ROUNDS 2000

/* The types in the order of docs/protocols.md, with their lengths. */
static const char order[] = "SRHYLVWKJhAFECXDUPQBINO";
static const unsigned int lengths[] = {
	12, 39, 25, 20, 26, 35, 12, 28, 35, 21, 36, 40, 31, 36, 23, 19, 35, 44,
	40, 19, 50, 20, 48,
};

static u64 rng_state = 0x9e3779b97f4a7c15ULL;

static u64 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void rnd_bytes(void *p, size_t n)
{
	u8 *b = p;

	while (n--)
		*b++ = rnd();
}

/* A copy of @len bytes at the very end of a heap block of that size. */
static u8 *exact(const void *src, size_t len)
{
	u8 *p = malloc(len ? len : 1);

	memcpy(p, src, len);
	return p;
}

static const struct tp_itch_type *type_of(char c)
{
	return &tp_itch_types[tp_itch_type_index((u8)c)];
}

/* Bytes the field takes in struct tickpath_rec. */
static unsigned int rec_size(const struct tp_itch_field *f)
{
	switch (f->op) {
	case TP_ITCH_BE48:
		return 8;
	case TP_ITCH_SIDE:
	case TP_ITCH_PRINTABLE:
	case TP_ITCH_STOCK:
		return 0;
	default:
		return f->size;
	}
}

static unsigned int count_fields(const struct tp_itch_field *f)
{
	unsigned int n = 0;

	while (f[n].size)
		n++;
	return n;
}

static int has_op(const struct tp_itch_type *t, unsigned int op)
{
	for (const struct tp_itch_field *f = t->fields; f->size; f++)
		if (f->op == op)
			return 1;
	return 0;
}

static void test_type_index(void)
{
	CHECK(sizeof(order) - 1 == TP_ITCH_TYPES);
	CHECK(ARRAY_SIZE(lengths) == TP_ITCH_TYPES);
	for (unsigned int i = 0; i < TP_ITCH_TYPES; i++) {
		u8 c = order[i];

		CHECK(tp_itch_type_index(c) == i + 1);
		CHECK(tp_itch_type_char(i + 1) == c);
		CHECK(tp_itch_length(c) == lengths[i]);
		CHECK(lengths[i] <= TP_ITCH_MAX_LEN);
		CHECK(!!(type_of(c)->flags & TICKPATH_REC_F_LONG) ==
		      (c == 'R' || c == 'I' || c == 'O'));
		CHECK(has_op(type_of(c), TP_ITCH_STOCK) ==
		      (c == 'A' || c == 'F' || c == 'P' || c == 'Q'));
		CHECK(has_op(type_of(c), TP_ITCH_SIDE) ==
		      (c == 'A' || c == 'F' || c == 'P'));
		CHECK(has_op(type_of(c), TP_ITCH_PRINTABLE) == (c == 'C'));
	}
	for (unsigned int c = 0; c < 256; c++) {
		if (c && strchr(order, (int)c))
			continue;
		CHECK(tp_itch_type_index(c) == 0);
		CHECK(tp_itch_length(c) == 0);
	}
	CHECK(tp_itch_type_char(0) == 0);
	CHECK(tp_itch_type_char(TP_ITCH_TYPES + 1) == 0);
}

/*
 * Every wire byte of every type belongs to exactly one field, and every
 * record byte to at most one, inside the record's slots and clear of the
 * stamps: what a typo in the table would break.
 */
static void check_layout(const struct tp_itch_type *t)
{
	unsigned int slots = t->flags & TICKPATH_REC_F_LONG ? 2 : 1;
	u8 wire[TP_ITCH_MAX_LEN] = { 0 };
	u8 rec[sizeof(struct tickpath_rec)] = { 0 };
	unsigned int nhead = count_fields(tp_itch_header);

	CHECK(nhead == 4);
	for (unsigned int i = 0; i < nhead + count_fields(t->fields); i++) {
		const struct tp_itch_field *f = i < nhead ? &tp_itch_header[i] :
			&t->fields[i - nhead];
		unsigned int in_body = i >= nhead;

		CHECK(f->wire + f->size <= t->len);
		for (unsigned int b = f->wire; b < f->wire + f->size && b < t->len; b++)
			wire[b]++;
		if (!rec_size(f))
			continue;
		CHECK(f->rec + rec_size(f) <= slots * TICKPATH_SLOT_SIZE);
		CHECK(!in_body || f->rec >= TICKPATH_REC_BODY_OFFSET);
		CHECK(f->rec % rec_size(f) == 0 || f->op == TP_ITCH_ALPHA);
		for (unsigned int b = f->rec; b < f->rec + rec_size(f) && b < sizeof(rec); b++)
			rec[b]++;
	}
	for (unsigned int b = 0; b < t->len; b++)
		CHECK(wire[b] == 1);
	for (unsigned int b = 0; b < sizeof(rec); b++)
		CHECK(rec[b] <= 1);
	for (unsigned int b = 0; b < 8; b++)
		CHECK(!rec[b] && !rec[TICKPATH_SLOT_SIZE + b]);
}

static void test_layout(void)
{
	for (unsigned int i = 1; i <= TP_ITCH_TYPES; i++)
		check_layout(&tp_itch_types[i]);
}

/* Where the dropped Stock of A F P Q is on the wire (docs/protocols.md). */
static unsigned int stock_offset(char c)
{
	switch (c) {
	case 'A':
	case 'F':
	case 'P':
		return 24;
	case 'Q':
		return 19;
	default:
		return 0;
	}
}

/* The hand-built messages both ways: decode(b) == r, encode(r) == b. */
static void test_vectors(void)
{
	for (unsigned int i = 0; i < TP_ITCH_TYPES; i++) {
		const struct tp_itch_vector *v = &tp_itch_vectors[i];
		const char *stock = "        ";
		u8 out[TP_ITCH_MAX_LEN];
		struct tickpath_rec r;
		u8 *msg = exact(v->wire, v->len);

		CHECK(v->wire[0] == (u8)order[i]);
		CHECK(v->len == lengths[i]);
		memset(&r, 0, sizeof(r));
		CHECK(tp_itch_decode(msg, v->len, &r) == TICKPATH_MALFORMED_NONE);
		CHECK(!memcmp(&r, &v->rec, sizeof(r)));
		if (stock_offset(order[i]))
			stock = (const char *)v->wire + stock_offset(order[i]);
		CHECK(tp_itch_encode(&v->rec, stock, out) == v->len);
		CHECK(!memcmp(out, v->wire, v->len));
		free(msg);
	}
}

/* The fields the decoder leaves alone, as the caller would set them. */
static void rnd_caller_fields(struct tickpath_rec *rec)
{
	rec->stamp = rnd();
	rec->seq = rnd();
	rec->rx_ts = rnd();
	rec->channel = rnd();
	rec->line = rnd();
	rec->flags = rnd() & TICKPATH_REC_F_HW_TS;
}

/* A record of type @t with random values in every field the type has. */
static void rnd_record(const struct tp_itch_type *t, struct tickpath_rec *rec)
{
	u8 *base = (u8 *)rec;

	memset(rec, 0, sizeof(*rec));
	rnd_caller_fields(rec);
	rec->type = t->type;
	rec->flags |= t->flags;
	rec->locate = rnd();
	rec->tracking = rnd();
	rec->exch_ts = rnd() & ((1ULL << 48) - 1);
	for (const struct tp_itch_field *f = t->fields; f->size; f++) {
		if (f->op == TP_ITCH_SIDE && rnd() & 1)
			rec->flags |= TICKPATH_REC_F_SELL;
		if (f->op == TP_ITCH_PRINTABLE && rnd() & 1)
			rec->flags |= TICKPATH_REC_F_PRINTABLE;
		rnd_bytes(base + f->rec, rec_size(f));
	}
}

static void check_fields_equal(const struct tp_itch_type *t,
			       const struct tickpath_rec *a,
			       const struct tickpath_rec *b)
{
	CHECK(a->type == b->type);
	CHECK(a->flags == b->flags);
	CHECK(a->locate == b->locate);
	CHECK(a->tracking == b->tracking);
	CHECK(a->exch_ts == b->exch_ts);
	for (const struct tp_itch_field *f = t->fields; f->size; f++) {
		CHECK(!memcmp((const u8 *)a + f->rec, (const u8 *)b + f->rec,
			      rec_size(f)));
	}
	/* Then every byte of the record's slots: unused body bytes are zero
	 * in both.  A one-slot record's second slot is not the decoder's.
	 */
	CHECK(!memcmp(a, b, (t->flags & TICKPATH_REC_F_LONG ? 2 : 1) *
		      TICKPATH_SLOT_SIZE));
}

/* decode(encode(r)) == r */
static void test_record_round_trip(void)
{
	for (unsigned int i = 1; i <= TP_ITCH_TYPES; i++) {
		const struct tp_itch_type *t = &tp_itch_types[i];

		for (unsigned int n = 0; n < ROUNDS; n++) {
			struct tickpath_rec r, d;
			u8 out[TP_ITCH_MAX_LEN];
			char stock[8];
			unsigned int len;
			u8 *msg;

			rnd_record(t, &r);
			rnd_bytes(stock, sizeof(stock));
			len = tp_itch_encode(&r, stock, out);
			CHECK(len == t->len);
			msg = exact(out, len);
			/* Stale bytes everywhere, then what the caller sets. */
			memset(&d, 0xa5, sizeof(d));
			d.stamp = r.stamp;
			d.seq = r.seq;
			d.rx_ts = r.rx_ts;
			d.channel = r.channel;
			d.line = r.line;
			d.flags = r.flags & TICKPATH_REC_F_HW_TS;
			CHECK(tp_itch_decode(msg, len, &d) == TICKPATH_MALFORMED_NONE);
			check_fields_equal(t, &r, &d);
			free(msg);
		}
	}
}

/* Random wire bytes, but B/S and Y/N where the flags come from. */
static void rnd_message(char c, u8 *msg, unsigned int len)
{
	rnd_bytes(msg, len);
	msg[0] = c;
	if (c == 'A' || c == 'F' || c == 'P')
		msg[19] = rnd() & 1 ? 'S' : 'B';
	if (c == 'C')
		msg[31] = rnd() & 1 ? 'Y' : 'N';
}

/* encode(decode(b)) == b */
static void test_wire_round_trip(void)
{
	for (unsigned int i = 0; i < TP_ITCH_TYPES; i++) {
		char c = order[i];
		unsigned int len = lengths[i];

		for (unsigned int n = 0; n < ROUNDS; n++) {
			static const char blank[8] = "        ";
			u8 b[TP_ITCH_MAX_LEN], out[TP_ITCH_MAX_LEN];
			struct tickpath_rec r = { 0 };
			const char *stock = blank;
			u8 *msg;

			rnd_message(c, b, len);
			msg = exact(b, len);
			CHECK(tp_itch_decode(msg, len, &r) == TICKPATH_MALFORMED_NONE);
			if (stock_offset(c))
				stock = (const char *)b + stock_offset(c);
			memset(out, 0, sizeof(out));
			CHECK(tp_itch_encode(&r, stock, out) == len);
			CHECK(!memcmp(out, b, len));
			for (unsigned int k = len; k < sizeof(out); k++)
				CHECK(out[k] == 0);
			free(msg);
		}
	}
}

/* Only HW_TS of the caller's flags survives; LONG comes from the type. */
static void test_decode_flags(void)
{
	for (unsigned int i = 0; i < TP_ITCH_TYPES; i++) {
		u8 b[TP_ITCH_MAX_LEN];
		struct tickpath_rec r;

		rnd_message(order[i], b, lengths[i]);
		memset(&r, 0xff, sizeof(r));
		CHECK(tp_itch_decode(b, lengths[i], &r) == TICKPATH_MALFORMED_NONE);
		CHECK(r.flags & TICKPATH_REC_F_HW_TS);
		CHECK(!(r.flags & ~(TICKPATH_REC_F_HW_TS | TICKPATH_REC_F_LONG |
				    TICKPATH_REC_F_SELL | TICKPATH_REC_F_PRINTABLE)));
		memset(&r, 0, sizeof(r));
		CHECK(tp_itch_decode(b, lengths[i], &r) == TICKPATH_MALFORMED_NONE);
		CHECK(!(r.flags & TICKPATH_REC_F_HW_TS));
		CHECK(tp_ring_rec_slots(&r) == (type_of(order[i])->flags ? 2U : 1U));
	}
}

static void test_decode_errors(void)
{
	u8 b[256];
	struct tickpath_rec r;

	CHECK(tp_itch_decode(NULL, 0, &r) == TICKPATH_MALFORMED_LENGTH);
	for (unsigned int c = 0; c < 256; c++) {
		unsigned int want = tp_itch_length(c);

		for (unsigned int len = 1; len <= 64; len++) {
			enum tickpath_malformed why;
			u8 *msg;

			rnd_bytes(b, len);
			b[0] = c;
			msg = exact(b, len);
			why = tp_itch_decode(msg, len, &r);
			if (!want)
				CHECK(why == TICKPATH_MALFORMED_TYPE);
			else if (len != want)
				CHECK(why == TICKPATH_MALFORMED_LENGTH);
			else
				CHECK(why == TICKPATH_MALFORMED_NONE);
			free(msg);
		}
	}
	/* An unknown record type encodes to nothing. */
	memset(&r, 0, sizeof(r));
	r.type = TICKPATH_REC_GAP;
	memset(b, 0x5a, sizeof(b));
	CHECK(tp_itch_encode(&r, "        ", b) == 0);
	CHECK(b[0] == 0x5a);
}

/* MoldUDP64 */

struct packet {
	u8 data[1500];
	u32 len;
	u32 ends[16];		/* offset after each block */
	unsigned int blocks;
};

static void mold_header(struct packet *p, u64 seq, u16 count)
{
	memcpy(p->data, "SESSION001", TP_MOLD_SESSION_LEN);
	tp_put_be64(seq, p->data + 10);
	tp_put_be16(count, p->data + 18);
	p->len = TP_MOLD_HEADER_LEN;
	p->blocks = 0;
}

static void mold_add(struct packet *p, const u8 *msg, u16 len)
{
	tp_put_be16(len, p->data + p->len);
	memcpy(p->data + p->len + 2, msg, len);
	p->len += 2 + len;
	p->ends[p->blocks++] = p->len;
}

/* A packet of @n random messages of random types. */
static void mold_valid(struct packet *p, unsigned int n)
{
	mold_header(p, 1 + (rnd() >> 1), n);
	for (unsigned int i = 0; i < n; i++) {
		unsigned int k = rnd() % TP_ITCH_TYPES;
		u8 msg[TP_ITCH_MAX_LEN];

		rnd_message(order[k], msg, lengths[k]);
		mold_add(p, msg, lengths[k]);
	}
}

static enum tickpath_malformed parse_exact(const u8 *data, u32 len,
					   struct tp_mold_packet *pkt)
{
	u8 *copy = exact(data, len);
	enum tickpath_malformed why = tp_mold_parse(copy, len, pkt);

	/* Point back into @data, so the caller may still walk the blocks. */
	if (why == TICKPATH_MALFORMED_NONE) {
		pkt->session = data + (pkt->session - copy);
		pkt->blocks = data + (pkt->blocks - copy);
	}
	free(copy);
	return why;
}

/* The blocks of a good packet, walked as the module does, fill it exactly. */
static void check_walk(const struct tp_mold_packet *pkt)
{
	const u8 *cursor = pkt->blocks;
	const u8 *end = pkt->blocks + pkt->blocks_len;

	if (pkt->count == TP_MOLD_END_OF_SESSION) {
		CHECK(pkt->blocks_len == 0);
		return;
	}
	for (unsigned int i = 0; i < pkt->count; i++) {
		const u8 *msg;
		u16 len;

		CHECK(end - cursor >= 2);
		msg = tp_mold_next_block(&cursor, &len);
		CHECK(len > 0);
		CHECK(msg + len <= end);
	}
	CHECK(cursor == end);
}

static void test_mold_good(void)
{
	struct tp_mold_packet pkt;
	struct packet p;

	for (unsigned int n = 0; n <= 16; n++) {
		mold_valid(&p, n);
		CHECK(parse_exact(p.data, p.len, &pkt) == TICKPATH_MALFORMED_NONE);
		CHECK(pkt.count == n);
		CHECK(pkt.seq == tp_get_be64(p.data + 10));
		CHECK(!memcmp(pkt.session, "SESSION001", TP_MOLD_SESSION_LEN));
		CHECK(pkt.blocks == p.data + TP_MOLD_HEADER_LEN);
		CHECK(pkt.blocks_len == p.len - TP_MOLD_HEADER_LEN);
		check_walk(&pkt);
	}
	/* Heartbeat and end of session: the header alone. */
	mold_header(&p, 77, TP_MOLD_HEARTBEAT);
	CHECK(parse_exact(p.data, p.len, &pkt) == TICKPATH_MALFORMED_NONE);
	CHECK(pkt.count == 0 && pkt.seq == 77 && pkt.blocks_len == 0);
	mold_header(&p, 78, TP_MOLD_END_OF_SESSION);
	CHECK(parse_exact(p.data, p.len, &pkt) == TICKPATH_MALFORMED_NONE);
	CHECK(pkt.count == TP_MOLD_END_OF_SESSION && pkt.seq == 78);
}

static void test_mold_bad(void)
{
	static const u8 msg[19] = { 'D' };
	struct tp_mold_packet pkt;
	struct packet p;

	/* More blocks than the count says, and fewer. */
	mold_valid(&p, 3);
	tp_put_be16(2, p.data + 18);
	CHECK(parse_exact(p.data, p.len, &pkt) == TICKPATH_MALFORMED_COUNT);
	tp_put_be16(4, p.data + 18);
	CHECK(parse_exact(p.data, p.len, &pkt) == TICKPATH_MALFORMED_COUNT);
	/* A heartbeat with data; an end of session with data. */
	mold_header(&p, 1, TP_MOLD_HEARTBEAT);
	mold_add(&p, msg, sizeof(msg));
	CHECK(parse_exact(p.data, p.len, &pkt) == TICKPATH_MALFORMED_COUNT);
	mold_header(&p, 1, TP_MOLD_END_OF_SESSION);
	mold_add(&p, msg, sizeof(msg));
	CHECK(parse_exact(p.data, p.len, &pkt) == TICKPATH_MALFORMED_EOS_DATA);
	CHECK(parse_exact(p.data, TP_MOLD_HEADER_LEN + 1, &pkt) ==
	      TICKPATH_MALFORMED_EOS_DATA);
	/* A zero-length block, first and after a good one. */
	mold_header(&p, 1, 2);
	mold_add(&p, msg, 0);
	mold_add(&p, msg, sizeof(msg));
	CHECK(parse_exact(p.data, p.len, &pkt) == TICKPATH_MALFORMED_ZERO_LENGTH);
	mold_header(&p, 1, 2);
	mold_add(&p, msg, sizeof(msg));
	mold_add(&p, msg, 0);
	CHECK(parse_exact(p.data, p.len, &pkt) == TICKPATH_MALFORMED_ZERO_LENGTH);
	/* A block one byte longer than what is left. */
	mold_header(&p, 1, 1);
	mold_add(&p, msg, sizeof(msg));
	tp_put_be16(sizeof(msg) + 1, p.data + TP_MOLD_HEADER_LEN);
	CHECK(parse_exact(p.data, p.len, &pkt) == TICKPATH_MALFORMED_OVERRUN);
	tp_put_be16(0xffff, p.data + TP_MOLD_HEADER_LEN);
	CHECK(parse_exact(p.data, p.len, &pkt) == TICKPATH_MALFORMED_OVERRUN);
}

/* Every truncation of a good packet, each in a buffer of its exact size. */
static void test_mold_truncations(void)
{
	for (unsigned int round = 0; round < 20; round++) {
		struct tp_mold_packet pkt;
		struct packet p;

		mold_valid(&p, 1 + round % 8);
		for (u32 len = 0; len < p.len; len++) {
			enum tickpath_malformed want = TICKPATH_MALFORMED_OVERRUN;

			if (len < TP_MOLD_HEADER_LEN)
				want = TICKPATH_MALFORMED_HEADER;
			else if (len == TP_MOLD_HEADER_LEN)
				want = TICKPATH_MALFORMED_COUNT;
			for (unsigned int b = 0; b < p.blocks; b++)
				if (len == p.ends[b])
					want = TICKPATH_MALFORMED_COUNT;
			CHECK(parse_exact(p.data, len, &pkt) == want);
		}
	}
}

/* Random damage to good packets, and plain random bytes: never a read
 * outside the buffer, and whatever passes walks cleanly.
 */
static void test_mold_random(void)
{
	unsigned int seen[TICKPATH_MALFORMED_MAX + 1] = { 0 };

	for (unsigned int round = 0; round < 200000; round++) {
		struct tp_mold_packet pkt;
		enum tickpath_malformed why;
		struct packet p;

		if (round % 4 == 0) {
			p.len = rnd() % 128;
			rnd_bytes(p.data, p.len);
		} else {
			mold_valid(&p, rnd() % 6);
			for (unsigned int k = rnd() % 3; k; k--)
				p.data[rnd() % p.len] = rnd();
			if (rnd() & 1)
				p.len -= rnd() % p.len;
		}
		why = parse_exact(p.data, p.len, &pkt);
		CHECK(why <= TICKPATH_MALFORMED_MAX);
		if (why > TICKPATH_MALFORMED_MAX)
			continue;
		seen[why]++;
		if (why == TICKPATH_MALFORMED_NONE)
			check_walk(&pkt);
	}
	/* The damage reached every packet-level reason. */
	CHECK(seen[TICKPATH_MALFORMED_NONE]);
	CHECK(seen[TICKPATH_MALFORMED_HEADER]);
	CHECK(seen[TICKPATH_MALFORMED_OVERRUN]);
	CHECK(seen[TICKPATH_MALFORMED_COUNT]);
	CHECK(seen[TICKPATH_MALFORMED_ZERO_LENGTH]);
}

int main(void)
{
	test_type_index();
	test_layout();
	test_vectors();
	test_record_round_trip();
	test_wire_round_trip();
	test_decode_flags();
	test_decode_errors();
	test_mold_good();
	test_mold_bad();
	test_mold_truncations();
	test_mold_random();
	return check_done();
}
