/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ITCH 5.0 encoding: the inverse of tp_itch_decode(), from the same type
 * table, for generators (tpgen) and tests.
 */
#ifndef TP_ITCH_ENCODE_H
#define TP_ITCH_ENCODE_H

#include "itch.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Writes the wire message of the ITCH record @rec (type, locate, tracking,
 * exch_ts, flags and body, as tp_itch_decode() fills them) to @out, which
 * has room for TP_ITCH_MAX_LEN bytes, and returns its length.  The Stock of
 * A, F, P and Q, which records drop, comes from @stock (8 bytes, space
 * padded).  Buy/Sell is 'S' with TICKPATH_REC_F_SELL, else 'B'; Printable
 * 'Y' with TICKPATH_REC_F_PRINTABLE, else 'N'.  Returns 0, writing nothing,
 * if rec->type is not an ITCH 5.0 type.
 */
unsigned int tp_itch_encode(const struct tickpath_rec *rec, const char stock[8],
			    u8 *out);

#ifdef __cplusplus
}
#endif

#endif /* TP_ITCH_ENCODE_H */
