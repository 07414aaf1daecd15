/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Misbehaviours, for tests: data packets dropped, duplicated, or held back
 * and sent after their successor; malformed packets, each a broken copy of
 * the data packet it precedes (so the good stream stays whole and only the
 * copy is to be counted); malformed messages, each an extra message with a
 * sequence number of its own.  Every choice is drawn from the seed, and
 * the kinds of malformation take turns, so a run can be predicted exactly
 * from its log.
 */
#ifndef TPGEN_CHAOS_H
#define TPGEN_CHAOS_H

#include <stdint.h>

#include "pcap.h"
#include "tpgen_frame.h"
#include "tpgen_rand.h"

enum tp_bad {
	TP_BAD_HEADER,		/* shorter than a MoldUDP64 header */
	TP_BAD_OVERRUN,		/* the last block runs past the payload */
	TP_BAD_ZERO_LENGTH,	/* the last block has length 0 */
	TP_BAD_COUNT,		/* the count is one off */
	TP_BAD_EOS_DATA,	/* an end of session with blocks */
	TP_BAD_TYPE,		/* a message of no ITCH type */
	TP_BAD_LENGTH,		/* a message a byte off its type's length */
	TP_BAD_KINDS
};

#define TP_BAD_PACKET ((1u << TP_BAD_TYPE) - 1)
#define TP_BAD_ALL ((1u << TP_BAD_KINDS) - 1)
#define TP_BAD_MESSAGE (TP_BAD_ALL & ~TP_BAD_PACKET)

extern const char *const tp_bad_names[TP_BAD_KINDS];
/* "overrun,type" or "all" to a mask of kinds; -1 if a name is unknown. */
int tp_bad_parse(const char *list, unsigned int *mask);

struct tp_chaos_opts {
	/* Probabilities per data packet; malform: of a malformed copy before
	 * it, and of a malformed message at its start.
	 */
	double drop;
	double dup;
	double reorder;
	double malform;
	unsigned int kinds;	/* enum tp_bad mask */
};

typedef void tp_frame_sink(void *ctx, struct tp_frame *f);

struct tp_chaos {
	struct tp_chaos_opts o;
	struct tp_rand rand;
	unsigned int packet_turn;
	unsigned int message_turn;
	tp_frame_sink *sink;
	void *ctx;
	bool held;
	struct tp_frame late;
	uint8_t late_buf[TP_UDP_MAX_PAYLOAD];
	uint8_t copy[TP_UDP_MAX_PAYLOAD];
};

void tp_chaos_init(struct tp_chaos *c, const struct tp_chaos_opts *o,
		   uint64_t seed, tp_frame_sink *sink, void *ctx);
/*
 * Maybe a malformed message to send in front of the message @msg: writes it
 * to @out (room for @len + 1 bytes), sets *@kind and returns its length;
 * returns 0 when there is none this time.
 */
uint32_t tp_chaos_bad_message(struct tp_chaos *c, const uint8_t *msg,
			      uint16_t len, uint8_t *out, enum tp_bad *kind);
/* Passes a data frame on to the sink as the misbehaviours decide. */
void tp_chaos_packet(struct tp_chaos *c, struct tp_frame *f);
/* Sends the frame held back, if any: at the end of the stream. */
void tp_chaos_flush(struct tp_chaos *c);

#endif /* TPGEN_CHAOS_H */
