/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A UDP payload on its way out of tpgen, and what it is: what the packer
 * makes, misbehaviours multiply or hold back, and the outputs send and log.
 */
#ifndef TPGEN_FRAME_H
#define TPGEN_FRAME_H

#include <stdint.h>

enum tp_frame_kind {
	TP_FRAME_DATA,		/* message blocks, in sequence */
	TP_FRAME_HEARTBEAT,
	TP_FRAME_END,		/* end of session */
	TP_FRAME_DUP,		/* the data frame before it, again */
	TP_FRAME_LATE,		/* a data frame, sent after its successor */
	TP_FRAME_MALFORMED,	/* a broken copy of the data frame after it */
	TP_FRAME_DROP,		/* a data frame that is not sent: logged only */
};

struct tp_frame {
	uint8_t *data;		/* holds a whole MoldUDP64 header, even if */
	uint32_t len;		/* len is shorter (a malformed frame) */
	enum tp_frame_kind kind;
	const char *bad;	/* MALFORMED: how */
	uint64_t seq;		/* the header's Sequence Number */
	uint16_t count;		/* the header's Message Count */
	uint64_t msg;		/* stream index of its first message */
};

#endif /* TPGEN_FRAME_H */
