/* SPDX-License-Identifier: GPL-2.0 */
/* tpgen's options: tpgen_opts.c parses them, tpgen.c runs with them. */
#ifndef TPGEN_H
#define TPGEN_H

#include <stdint.h>

#include "itch.h"
#include "tpgen_chaos.h"
#include "tpgen_out.h"
#include "tpgen_pace.h"

#define TP_MAX_SPLITS 64

struct tpgen_opts {
	/* The source: a generated day, or a BinaryFILE to replay. */
	uint64_t messages;
	unsigned int symbols;
	uint64_t seed;
	const char *replay;
	const char *replay_pcap;	/* packets, not messages */
	/* Message outputs; frame outputs are in out. */
	const char *binfile;
	const char *json;
	/* MoldUDP64 */
	uint8_t session[TP_MOLD_SESSION_LEN];
	bool session_given;
	uint32_t max_payload;
	uint16_t max_msgs;
	uint64_t heartbeat_ns;	/* 0: none */
	uint64_t splits[TP_MAX_SPLITS];	/* messages where sessions start */
	unsigned int nsplits;
	/* When a pcap's times fall without --send: ns since the epoch. */
	uint64_t midnight;
	struct tp_pace_opts pace;
	struct tp_chaos_opts chaos;
	struct tp_out_opts out;
	bool verbose;
};

/* 0: run; 1: done (--help); 2: a usage error, reported. */
int tpgen_parse(struct tpgen_opts *o, int argc, char **argv);

#endif /* TPGEN_H */
