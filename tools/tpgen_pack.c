// SPDX-License-Identifier: GPL-2.0
/* MoldUDP64 packing (see tpgen_pack.h). */
#include <string.h>

#include "tpgen_pack.h"

#define TP_BLOCK_LEN 2		/* the length before each message */
#define TP_TIMESTAMP_OFF 5	/* in an ITCH message */

void tp_pack_init(struct tp_packer *pk, const uint8_t *session,
		  uint32_t max_payload, uint16_t max_count)
{
	pk->max_payload = max_payload;
	pk->max_count = max_count;
	pk->next_msg = 0;
	pk->first_ts = 0;
	pk->last_ts = 0;
	pk->count = 0;
	pk->len = TP_MOLD_HEADER_LEN;
	tp_pack_session(pk, session);
}

void tp_pack_session(struct tp_packer *pk, const uint8_t *session)
{
	memcpy(pk->session, session, TP_MOLD_SESSION_LEN);
	pk->next_seq = 1;
}

int tp_pack_session_len(const uint8_t *session)
{
	int n = TP_MOLD_SESSION_LEN;

	while (n > 1 && session[n - 1] == ' ')
		n--;
	return n;
}

bool tp_pack_ever_fits(const struct tp_packer *pk, uint32_t len)
{
	return TP_MOLD_HEADER_LEN + TP_BLOCK_LEN + len <= pk->max_payload;
}

bool tp_pack_fits(const struct tp_packer *pk, uint32_t len)
{
	return pk->count < pk->max_count &&
	       pk->len + TP_BLOCK_LEN + len <= pk->max_payload;
}

uint64_t tp_pack_add(struct tp_packer *pk, const uint8_t *msg, uint16_t len)
{
	tp_put_be16(len, pk->buf + pk->len);
	memcpy(pk->buf + pk->len + TP_BLOCK_LEN, msg, len);
	pk->len += TP_BLOCK_LEN + len;
	pk->count++;
	pk->next_msg++;
	if (len >= TP_ITCH_HEADER_LEN)
		pk->last_ts = tp_get_be48(msg + TP_TIMESTAMP_OFF);
	if (pk->count == 1)
		pk->first_ts = pk->last_ts;
	return pk->next_seq++;
}

static void tp_pack_header(struct tp_packer *pk, uint8_t *h, uint64_t seq,
			   uint16_t count, struct tp_frame *f)
{
	memcpy(h, pk->session, TP_MOLD_SESSION_LEN);
	tp_put_be64(seq, h + TP_MOLD_SESSION_LEN);
	tp_put_be16(count, h + TP_MOLD_SESSION_LEN + 8);
	f->data = h;
	f->seq = seq;
	f->count = count;
	f->bad = NULL;
}

void tp_pack_take(struct tp_packer *pk, struct tp_frame *f)
{
	tp_pack_header(pk, pk->buf, pk->next_seq - pk->count, pk->count, f);
	f->kind = TP_FRAME_DATA;
	f->len = pk->len;
	f->msg = pk->next_msg - pk->count;
	pk->count = 0;
	pk->len = TP_MOLD_HEADER_LEN;
}

static void tp_pack_control(struct tp_packer *pk, uint16_t count,
			    enum tp_frame_kind kind, struct tp_frame *f)
{
	tp_pack_header(pk, pk->ctrl, pk->next_seq, count, f);
	f->kind = kind;
	f->len = TP_MOLD_HEADER_LEN;
	f->msg = pk->next_msg;
}

void tp_pack_heartbeat(struct tp_packer *pk, struct tp_frame *f)
{
	tp_pack_control(pk, TP_MOLD_HEARTBEAT, TP_FRAME_HEARTBEAT, f);
}

void tp_pack_end(struct tp_packer *pk, struct tp_frame *f)
{
	tp_pack_control(pk, TP_MOLD_END_OF_SESSION, TP_FRAME_END, f);
}

bool tp_pack_joins(const struct tp_packer *pk, const struct tp_pace *pace,
		   const uint8_t *msg, uint16_t len)
{
	if (!pk->count || len < TP_ITCH_HEADER_LEN)
		return true;
	return tp_pace_together(pace, pk->first_ts,
				tp_get_be48(msg + TP_TIMESTAMP_OFF));
}

/*
 * Where the Timestamp of the message block at *@off of a frame is, or 0 if
 * that message is too short to have one; *@off moves on to the next block.
 * Returns false at the end.  Steps by the length fields, so it is safe on
 * malformed frames too.
 */
static bool tp_pack_block(const uint8_t *data, uint32_t len, uint32_t *off,
			  uint32_t *ts_off)
{
	uint32_t blen, at = *off + TP_BLOCK_LEN;

	if (len < at || (blen = tp_get_be16(data + *off)) > len - at)
		return false;
	*ts_off = blen >= TP_ITCH_HEADER_LEN ? at + TP_TIMESTAMP_OFF : 0;
	*off = at + blen;
	return true;
}

void tp_pack_stamp(uint8_t *data, uint32_t len, uint64_t ts)
{
	uint32_t off = TP_MOLD_HEADER_LEN, ts_off;

	while (tp_pack_block(data, len, &off, &ts_off))
		if (ts_off)
			tp_put_be48(ts, data + ts_off);
}

uint64_t tp_pack_last_ts(const uint8_t *data, uint32_t len)
{
	uint32_t off = TP_MOLD_HEADER_LEN, ts_off;
	uint64_t ts = 0;

	while (tp_pack_block(data, len, &off, &ts_off))
		if (ts_off)
			ts = tp_get_be48(data + ts_off);
	return ts;
}
