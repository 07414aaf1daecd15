// SPDX-License-Identifier: GPL-2.0
/* Misbehaviours (see tpgen_chaos.h). */
#include <string.h>

#include "itch.h"
#include "tpgen_chaos.h"

const char *const tp_bad_names[TP_BAD_KINDS] = {
	[TP_BAD_HEADER] = "header",
	[TP_BAD_OVERRUN] = "overrun",
	[TP_BAD_ZERO_LENGTH] = "zero-length",
	[TP_BAD_COUNT] = "count",
	[TP_BAD_EOS_DATA] = "eos-data",
	[TP_BAD_TYPE] = "type",
	[TP_BAD_LENGTH] = "length",
};

static int tp_bad_kind(const char *name, size_t n)
{
	int k;

	for (k = 0; k < TP_BAD_KINDS; k++)
		if (strlen(tp_bad_names[k]) == n &&
		    !memcmp(tp_bad_names[k], name, n))
			return k;
	return -1;
}

int tp_bad_parse(const char *list, unsigned int *mask)
{
	*mask = 0;
	if (!strcmp(list, "all")) {
		*mask = TP_BAD_ALL;
		return 0;
	}
	for (;;) {
		size_t n = strcspn(list, ",");
		int k = tp_bad_kind(list, n);

		if (k < 0)
			return -1;
		*mask |= 1u << k;
		if (!list[n])
			return 0;
		list += n + 1;
	}
}

void tp_chaos_init(struct tp_chaos *c, const struct tp_chaos_opts *o,
		   uint64_t seed, tp_frame_sink *sink, void *ctx)
{
	c->o = *o;
	tp_rand_seed(&c->rand, seed, 2);
	c->packet_turn = 0;
	c->message_turn = 0;
	c->sink = sink;
	c->ctx = ctx;
	c->held = false;
}

/* Rolls only what is asked for, so one option does not shift another. */
static bool tp_roll(struct tp_chaos *c, double p)
{
	return p > 0 && tp_rand_chance(&c->rand, p);
}

/* The next kind of @mask, in turn; -1 if @mask is empty. */
static int tp_next_kind(unsigned int mask, unsigned int *turn)
{
	unsigned int i, k;

	for (i = 0; i < TP_BAD_KINDS; i++) {
		k = (*turn + i) % TP_BAD_KINDS;
		if (mask & 1u << k) {
			*turn = k + 1;
			return k;
		}
	}
	return -1;
}

uint32_t tp_chaos_bad_message(struct tp_chaos *c, const uint8_t *msg,
			      uint16_t len, uint8_t *out, enum tp_bad *kind)
{
	static const char unknown[] = "!#0abcdz";	/* no ITCH type */

	if (!len || !(c->o.kinds & TP_BAD_MESSAGE) || !tp_roll(c, c->o.malform))
		return 0;
	*kind = tp_next_kind(c->o.kinds & TP_BAD_MESSAGE, &c->message_turn);
	memcpy(out, msg, len);
	if (*kind == TP_BAD_TYPE) {
		out[0] = unknown[tp_rand_below(&c->rand, sizeof(unknown) - 1)];
		return len;
	}
	if (len > 1 && tp_rand_below(&c->rand, 2))
		return len - 1;
	out[len] = 0;
	return len + 1;
}

/* The offset of the last block of a well-formed data frame. */
static uint32_t tp_last_block(const struct tp_frame *f)
{
	uint32_t off = TP_MOLD_HEADER_LEN, last = off;
	uint16_t i;

	for (i = 0; i < f->count; i++) {
		last = off;
		off += 2 + tp_get_be16(f->data + off);
	}
	return last;
}

/* Breaks @d, a copy of a data frame, the way @k says. */
static void tp_break(struct tp_chaos *c, struct tp_frame *d, enum tp_bad k)
{
	uint32_t last = tp_last_block(d);
	uint16_t blen = tp_get_be16(d->data + last);

	switch (k) {
	case TP_BAD_HEADER:
		d->len = tp_rand_below(&c->rand, TP_MOLD_HEADER_LEN);
		return;
	case TP_BAD_OVERRUN:
		d->len = last + 2 + tp_rand_below(&c->rand, blen);
		return;
	case TP_BAD_ZERO_LENGTH:
		tp_put_be16(0, d->data + last);
		d->len = last + 2;
		return;
	case TP_BAD_COUNT:
		if (d->count == 1 || tp_rand_below(&c->rand, 2))
			d->count++;
		else
			d->count--;
		break;
	default:
		d->count = TP_MOLD_END_OF_SESSION;
		break;
	}
	tp_put_be16(d->count, d->data + TP_MOLD_SESSION_LEN + 8);
}

static void tp_decoy(struct tp_chaos *c, const struct tp_frame *f)
{
	struct tp_frame d = *f;
	int k = tp_next_kind(c->o.kinds & TP_BAD_PACKET, &c->packet_turn);

	memcpy(c->copy, f->data, f->len);
	d.data = c->copy;
	d.kind = TP_FRAME_MALFORMED;
	d.bad = tp_bad_names[k];
	tp_break(c, &d, k);
	c->sink(c->ctx, &d);
}

static void tp_hold(struct tp_chaos *c, const struct tp_frame *f)
{
	memcpy(c->late_buf, f->data, f->len);
	c->late = *f;
	c->late.data = c->late_buf;
	c->late.kind = TP_FRAME_LATE;
	c->held = true;
}

void tp_chaos_packet(struct tp_chaos *c, struct tp_frame *f)
{
	if ((c->o.kinds & TP_BAD_PACKET) && tp_roll(c, c->o.malform))
		tp_decoy(c, f);
	if (tp_roll(c, c->o.drop)) {
		f->kind = TP_FRAME_DROP;
		c->sink(c->ctx, f);
		return;
	}
	if (!c->held && tp_roll(c, c->o.reorder)) {
		tp_hold(c, f);
		return;
	}
	c->sink(c->ctx, f);
	if (tp_roll(c, c->o.dup)) {
		f->kind = TP_FRAME_DUP;
		c->sink(c->ctx, f);
	}
	tp_chaos_flush(c);
}

void tp_chaos_flush(struct tp_chaos *c)
{
	if (!c->held)
		return;
	c->held = false;
	c->sink(c->ctx, &c->late);
}
