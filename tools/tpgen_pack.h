/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MoldUDP64 packing: messages go into the current packet until the next
 * one would not fit its payload or message limit; sequence numbers count
 * from 1 in each session.  Heartbeats and end of session carry the next
 * sequence number.
 */
#ifndef TPGEN_PACK_H
#define TPGEN_PACK_H

#include <stdbool.h>
#include <stdint.h>

#include "itch.h"
#include "pcap.h"
#include "tpgen_frame.h"
#include "tpgen_pace.h"

struct tp_packer {
	uint8_t session[TP_MOLD_SESSION_LEN];
	uint32_t max_payload;
	uint16_t max_count;
	uint64_t next_seq;	/* of the next message */
	uint64_t next_msg;	/* stream index of the next message */
	uint64_t first_ts;	/* ITCH timestamps of the packet's first */
	uint64_t last_ts;	/* and of the last message added */
	uint16_t count;		/* messages in the packet */
	uint32_t len;		/* its bytes so far */
	uint8_t buf[TP_UDP_MAX_PAYLOAD];
	uint8_t ctrl[TP_MOLD_HEADER_LEN];
};

/* @max_payload: TP_MOLD_HEADER_LEN + 3 .. TP_UDP_MAX_PAYLOAD. */
void tp_pack_init(struct tp_packer *pk, const uint8_t *session,
		  uint32_t max_payload, uint16_t max_count);
/* Starts a session (sequence 1); the packet must be empty. */
void tp_pack_session(struct tp_packer *pk, const uint8_t *session);
/* The length of a session's name without its padding, for printing. */
int tp_pack_session_len(const uint8_t *session);
bool tp_pack_fits(const struct tp_packer *pk, uint32_t len);
/* Whether a message of @len bytes fits even an empty packet. */
bool tp_pack_ever_fits(const struct tp_packer *pk, uint32_t len);
/* Whether the pacer lets @msg go in the same packet as the first one. */
bool tp_pack_joins(const struct tp_packer *pk, const struct tp_pace *pace,
		   const uint8_t *msg, uint16_t len);
/* Appends a message that fits; returns its sequence number. */
uint64_t tp_pack_add(struct tp_packer *pk, const uint8_t *msg, uint16_t len);
/* The packet as a data frame (valid until the next add), emptying it. */
void tp_pack_take(struct tp_packer *pk, struct tp_frame *f);
void tp_pack_heartbeat(struct tp_packer *pk, struct tp_frame *f);
void tp_pack_end(struct tp_packer *pk, struct tp_frame *f);
/* Writes @ts into the Timestamp of every whole message block of @data. */
void tp_pack_stamp(uint8_t *data, uint32_t len, uint64_t ts);
/* The Timestamp of the last whole message block of @data that has one. */
uint64_t tp_pack_last_ts(const uint8_t *data, uint32_t len);

#endif /* TPGEN_PACK_H */
