/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tpbench: the benchmark's reader.  Receives a MoldUDP64/ITCH feed by one
 * path (a UDP socket, an AF_PACKET ring, an AF_XDP socket, or a tickpath
 * subscription), in one or more reader threads, and measures what each
 * reader got and what it cost.  Every path ends with the reader holding
 * the decoded message as a struct tickpath_rec: the socket paths decode
 * with the module's own decoder (kmod/itch.h), tickpath hands it over.
 */
#ifndef TPBENCH_H
#define TPBENCH_H

#include <netinet/in.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "tpbench_stats.h"

#define TB_READERS_MAX 64
/* How long a blocking reader sleeps at most before it looks at the clock
 * (an idle or overall time limit, a signal); no cost while data flows.
 */
#define TB_TICK_MS 100

struct tb_opts {
	const struct tb_path *path;
	const char *dev;
	unsigned int ifindex;
	struct in_addr group;
	uint16_t port;			/* host order */
	const char *sub;
	uint64_t count;			/* 0: no limit */
	unsigned int idle_ms;		/* 0: no limit */
	unsigned int timeout_s;		/* 0: no limit */
	unsigned int tick_ms;		/* TB_TICK_MS, or less for --idle-ms */
	int cpus[TB_READERS_MAX];	/* reader i on cpus[i % ncpus] */
	unsigned int ncpus;
	unsigned int readers;
	const char *ready;
};

struct tb_reader;

/*
 * A way to receive the feed.  open() sets up one reader's handle (its own
 * socket, ring or subscription) and says what went wrong on stderr;
 * receive() takes what has arrived, one batch, waiting up to wait_ms for
 * it (0: not at all), and accounts every message in r->stats; it returns
 * the messages it took, or -1 after printing why it cannot go on.
 */
struct tb_path {
	const char *name;
	bool busy;			/* spins: receive() never waits */
	bool one_per_queue;		/* only one reader may exist */
	int (*open)(struct tb_reader *r);
	int (*receive)(struct tb_reader *r, int wait_ms);
	void (*close)(struct tb_reader *r);
};

struct tb_reader {
	const struct tb_opts *opts;
	unsigned int index;
	void *handle;			/* the path's */
	pthread_t thread;
	bool failed;
	struct tb_stats stats;
};

extern const struct tb_path tb_path_udp, tb_path_udp_busy, tb_path_af_packet,
	tb_path_af_xdp, tb_path_af_xdp_busy, tb_path_tickpath,
	tb_path_tickpath_busy;

/* tpbench_opts.c: 0, or -1 after printing why (2: --help was printed). */
int tb_opts_parse(struct tb_opts *o, int argc, char **argv);

/* tpbench_reader.c: runs a reader until a limit or a signal stops it. */
void *tb_reader_run(void *arg);
void tb_reader_stop_all(void);
int tb_readers_start(struct tb_reader *readers, unsigned int n,
		     unsigned int *started);

/* tpbench_mold.c: a MoldUDP64 payload, or the Ethernet frame carrying it. */
unsigned int tb_mold_payload(struct tb_stats *st, const uint8_t *data,
			     uint32_t len);
unsigned int tb_mold_frame(struct tb_stats *st, const struct tb_opts *o,
			   const uint8_t *frame, uint32_t len);

#endif /* TPBENCH_H */
