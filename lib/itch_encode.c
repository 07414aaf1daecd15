// SPDX-License-Identifier: LGPL-2.1-or-later
/* ITCH 5.0 encoding: tp_itch_decode() backwards, over the same table. */

#include "itch_encode.h"

static void tp_itch_put(const struct tickpath_rec *rec, const char *stock,
			u8 *msg, const struct tp_itch_field *f)
{
	const u8 *base = (const u8 *)rec;

	for (; f->size; f++) {
		const u8 *src = base + f->rec;
		u8 *dst = msg + f->wire;

		switch (f->op) {
		case TP_ITCH_BYTE:
			*dst = *src;
			break;
		case TP_ITCH_BE16:
			tp_put_be16(*(const u16 *)src, dst);
			break;
		case TP_ITCH_BE32:
			tp_put_be32(*(const u32 *)src, dst);
			break;
		case TP_ITCH_BE48:
			tp_put_be48(*(const u64 *)src, dst);
			break;
		case TP_ITCH_BE64:
			tp_put_be64(*(const u64 *)src, dst);
			break;
		case TP_ITCH_ALPHA:
			memcpy(dst, src, f->size);
			break;
		case TP_ITCH_SIDE:
			*dst = rec->flags & TICKPATH_REC_F_SELL ? 'S' : 'B';
			break;
		case TP_ITCH_PRINTABLE:
			*dst = rec->flags & TICKPATH_REC_F_PRINTABLE ? 'Y' : 'N';
			break;
		case TP_ITCH_STOCK:
			memcpy(dst, stock, f->size);
			break;
		}
	}
}

unsigned int tp_itch_encode(const struct tickpath_rec *rec, const char stock[8],
			    u8 *out)
{
	const struct tp_itch_type *t = &tp_itch_types[tp_itch_type_index(rec->type)];

	if (!t->len)
		return 0;
	tp_itch_put(rec, stock, out, tp_itch_header);
	tp_itch_put(rec, stock, out, t->fields);
	return t->len;
}
