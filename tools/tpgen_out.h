/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where frames go: a UDP socket (multicast or not) or, raw, an AF_PACKET
 * socket that hands whole Ethernet frames to the device; a pcap file; and
 * the log, one line per frame and per event:
 *
 *   KIND [frame=N] session=S seq=N count=N msg=N len=N time=NS [kind=K]
 *
 * KIND is data, heartbeat, end, dup, late, malformed (kind= says how) or
 * drop (no frame); frame counts the frames sent from 1 (a pcap's frame
 * numbers); seq and count are the header's; msg is the index of the first
 * message in the stream (from 0); time is the send time, ns since the epoch.
 *
 * A live sender queues frames and sends up to a batch of them with one
 * sendmmsg(): a batch goes when it is full, when tp_out_flush() is called,
 * or before anything that is logged without being sent.  Every frame of a
 * batch has the batch's send time, taken right before the send.
 */
#ifndef TPGEN_OUT_H
#define TPGEN_OUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "pcap.h"
#include "tpgen_frame.h"

#define TP_OUT_MAX_BATCH 1024

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
	unsigned int batch;	/* frames per sendmmsg(), >= 1 */
	uint32_t max_len;	/* of a frame's payload; 0: any */
	bool raw;		/* AF_PACKET: needs iface, a multicast group */
};

struct mmsghdr;
struct iovec;

struct tp_out {
	FILE *pcap;
	FILE *log;
	int sock;
	bool stamp;
	struct tp_udp_endpoints ep;
	uint16_t ip_id;
	uint64_t frames;
	bool raw;
	int ifindex;		/* raw: the device */
	unsigned int batch;
	unsigned int queued;	/* frames waiting to be sent */
	struct tp_frame *q;	/* them, data pointing into their slots */
	uint8_t *slots;		/* room for a whole frame each */
	struct mmsghdr *msgs;
	struct iovec *iov;
	int err;		/* a send that failed, reported later */
};

/* 0, or -1 having said why on stderr. */
int tp_out_open(struct tp_out *o, const struct tp_out_opts *opts);
/*
 * Sends (or queues), writes and logs a frame; a live sender takes the time
 * itself, right before sending, otherwise @time is used.  With stamp, every
 * message gets that time as its Timestamp (ns since midnight UTC).  Returns
 * 0 or -1.
 */
int tp_out_frame(struct tp_out *o, struct tp_frame *f, uint64_t time);
/* Sends the frames queued, if any, then writes and logs them: 0 or -1. */
int tp_out_flush(struct tp_out *o);
/* A log line of an event that is not a frame. */
void tp_out_log(struct tp_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Flushes and closes everything: 0, or -1 if any send or write failed. */
int tp_out_close(struct tp_out *o);

/* A file to write, "-" for standard output; NULL, having said why. */
FILE *tp_out_file(const char *path);
/* Closes it (only flushes standard output): 0, or -1 if a write failed. */
int tp_out_file_close(FILE *f);

#endif /* TPGEN_OUT_H */
