/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * MoldUDP64 framing and NASDAQ TotalView-ITCH 5.0 decoding.  Freestanding:
 * the same source is built into the module and into user space (tpcat,
 * tpgen, the unit tests, fuzzing), so it calls nothing but the helpers of
 * itch_compat.h.  Nothing here reads a byte outside the buffer it is given.
 */
#ifndef _TP_ITCH_H
#define _TP_ITCH_H

#include "itch_compat.h"
#include <linux/tickpath_ring.h>
#include <linux/tickpath.h>

#define TP_MOLD_HEADER_LEN 20
#define TP_MOLD_SESSION_LEN 10
#define TP_MOLD_HEARTBEAT 0
#define TP_MOLD_END_OF_SESSION 0xffff

/* Bytes every ITCH message starts with: type, locate, tracking, timestamp. */
#define TP_ITCH_HEADER_LEN 11
#define TP_ITCH_TYPES 23
/* Room for any ITCH 5.0 message (the longest, NOII, is 50 bytes). */
#define TP_ITCH_MAX_LEN 64

/* A MoldUDP64 packet whose framing tp_mold_parse() has checked. */
struct tp_mold_packet {
	const u8 *session;	/* TP_MOLD_SESSION_LEN bytes */
	u64 seq;
	u16 count;
	const u8 *blocks;	/* count blocks, exactly filling blocks_len */
	u32 blocks_len;
};

/*
 * Checks the framing of one UDP payload: the header, then every block
 * stepped through by its length field.  Returns TICKPATH_MALFORMED_NONE and
 * fills *pkt, or the packet-level reason (HEADER, OVERRUN, ZERO_LENGTH,
 * COUNT, EOS_DATA).
 */
enum tickpath_malformed tp_mold_parse(const u8 *data, u32 len,
				      struct tp_mold_packet *pkt);

/* Walks the blocks of a checked packet: *cursor starts at pkt->blocks. */
static inline const u8 *tp_mold_next_block(const u8 **cursor, u16 *len)
{
	const u8 *msg = *cursor + 2;

	*len = tp_get_be16(*cursor);
	*cursor = msg + *len;
	return msg;
}

/*
 * The layout of every ITCH message type, in one table that the decoder and
 * the encoder (lib/itch_encode.c) both walk: each field says where it is on
 * the wire, where it goes in struct tickpath_rec and how it is converted.
 */
enum tp_itch_op {
	TP_ITCH_BYTE,		/* one byte as is */
	TP_ITCH_BE16,		/* big-endian integer to a host-endian one */
	TP_ITCH_BE32,
	TP_ITCH_BE48,		/* the timestamp, into a u64 */
	TP_ITCH_BE64,
	TP_ITCH_ALPHA,		/* size bytes as is */
	TP_ITCH_SIDE,		/* 'S': TICKPATH_REC_F_SELL, else 'B' */
	TP_ITCH_PRINTABLE,	/* 'Y': TICKPATH_REC_F_PRINTABLE, else 'N' */
	TP_ITCH_STOCK,		/* Stock of A F P Q: dropped by the decoder */
};

struct tp_itch_field {
	u8 wire;		/* offset in the message */
	u8 size;		/* bytes on the wire */
	u8 rec;			/* offset in struct tickpath_rec, if it has one */
	u8 op;			/* enum tp_itch_op */
};

struct tp_itch_type {
	u8 type;		/* the type character; 0 in the unknown entry */
	u8 len;			/* wire length; 0 in the unknown entry */
	u8 flags;		/* TICKPATH_REC_F_LONG or 0 */
	const struct tp_itch_field *fields;	/* after the header */
};

/*
 * The 11-byte header every type starts with (type, locate, tracking,
 * timestamp), then the types by index (see below); entry 0 is the unknown
 * type.  Every list of fields ends with an empty entry (size 0).
 */
extern const struct tp_itch_field tp_itch_header[];
extern const struct tp_itch_type tp_itch_types[TP_ITCH_TYPES + 1];

/*
 * Index 1..TP_ITCH_TYPES of an ITCH message type character, in the order of
 * docs/protocols.md (S R H Y L V W K J h A F E C X D U P Q B I N O); 0 if the
 * character is not an ITCH 5.0 type.
 */
extern const u8 tp_itch_index[256];
static inline unsigned int tp_itch_type_index(u8 type)
{
	return tp_itch_index[type];
}

/* The type character of index 1..TP_ITCH_TYPES. */
u8 tp_itch_type_char(unsigned int index);
/* Wire length of a type; 0 if unknown. */
unsigned int tp_itch_length(u8 type);

/*
 * Decodes one message into a record: type, flags (LONG, SELL, PRINTABLE),
 * locate, tracking, exch_ts and the body, every other body byte zeroed.
 * Does not touch stamp, seq, rx_ts, channel, line and TICKPATH_REC_F_HW_TS,
 * which the caller sets (once per packet is enough).  Returns
 * TICKPATH_MALFORMED_NONE, _TYPE or _LENGTH (also for len 0; then *rec is
 * unspecified).
 */
enum tickpath_malformed tp_itch_decode(const u8 *msg, u16 len,
				       struct tickpath_rec *rec);

#endif /* _TP_ITCH_H */
