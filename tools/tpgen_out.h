/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where frames go: a UDP socket (multicast or not), a pcap file, or both,
 * and the log, one line per frame and per event:
 *
 *   KIND [frame=N] session=S seq=N count=N msg=N len=N time=NS [kind=K]
 *
 * KIND is data, heartbeat, end, dup, late, malformed (kind= says how) or
 * drop (no frame); frame counts the frames sent from 1 (a pcap's frame
 * numbers); seq and count are the header's; msg is the index of the first
 * message in the stream (from 0); time is the send time, ns since the epoch.
 */
#ifndef TPGEN_OUT_H
#define TPGEN_OUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "pcap.h"
#include "tpgen_frame.h"

struct tp_out_opts {
	const char *pcap;	/* a file, "-" for standard output */
	bool send;
	const char *iface;
	uint32_t group;		/* network byte order */
	uint32_t source;
	uint16_t port;
	uint16_t sport;
	uint8_t ttl;
	bool loop;
	bool stamp;
	const char *log;
};

struct tp_out {
	FILE *pcap;
	FILE *log;
	int sock;
	bool stamp;
	struct tp_udp_endpoints ep;
	uint16_t ip_id;
	uint64_t frames;
};

/* 0, or -1 having said why on stderr. */
int tp_out_open(struct tp_out *o, const struct tp_out_opts *opts);
/*
 * Sends, writes and logs a frame; a live sender takes the time itself,
 * right before sending, otherwise @time is used.  With stamp, every message
 * gets that time as its Timestamp (ns since midnight UTC).  Returns 0 or -1.
 */
int tp_out_frame(struct tp_out *o, struct tp_frame *f, uint64_t time);
/* A log line of an event that is not a frame. */
void tp_out_log(struct tp_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Flushes and closes everything: 0, or -1 if any write failed. */
int tp_out_close(struct tp_out *o);

/* A file to write, "-" for standard output; NULL, having said why. */
FILE *tp_out_file(const char *path);
/* Closes it (only flushes standard output): 0, or -1 if a write failed. */
int tp_out_file_close(FILE *f);

#endif /* TPGEN_OUT_H */
