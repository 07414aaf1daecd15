/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What one reader measures: data messages, sequence numbers lost and seen
 * twice, the latency of every data message, and the reader thread's CPU
 * time and the wall time from its first message to its last.
 *
 * A message's latency is CLOCK_REALTIME, taken when the reader holds it
 * decoded, minus its ITCH timestamp, which tpgen --stamp sets to the time
 * its packet was sent (both ns since midnight UTC).
 */
#ifndef TPBENCH_STATS_H
#define TPBENCH_STATS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tpbench_hist.h"

#define TB_NS_PER_DAY (86400ULL * 1000000000ULL)
#define TB_SESSION_LEN 10

/* Where a MoldUDP64 session stands: the next sequence number expected. */
struct tb_seq {
	bool have;
	uint8_t session[TB_SESSION_LEN];
	uint64_t next;
};

struct tb_stats {
	uint64_t msgs;		/* data messages, each once */
	uint64_t lost;		/* sequence numbers that never arrived */
	uint64_t dups;		/* data messages seen before */
	uint64_t malformed;	/* packets and messages the decoder refused */
	uint64_t first_ns, last_ns;	/* CLOCK_REALTIME of the first and last */
	uint64_t first_cpu, last_cpu;	/* CLOCK_THREAD_CPUTIME_ID */
	struct tb_seq seq;
	struct tb_hist latency;
};

static inline uint64_t tb_clock_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* The reader holds a data message stamped @exch_ts, decoded: account it. */
static inline void tb_stats_data(struct tb_stats *st, uint64_t exch_ts)
{
	uint64_t now = tb_clock_ns(CLOCK_REALTIME);
	int64_t latency = (int64_t)(now % TB_NS_PER_DAY - exch_ts);

	/* Sent before midnight, read after. */
	if (latency < -(int64_t)(TB_NS_PER_DAY / 2))
		latency += TB_NS_PER_DAY;
	tb_hist_add(&st->latency, latency > 0 ? (uint64_t)latency : 0);
	if (!st->msgs++) {
		st->first_ns = now;
		st->first_cpu = tb_clock_ns(CLOCK_THREAD_CPUTIME_ID);
	}
	st->last_ns = now;
}

/*
 * A session's message @seq: false if it was seen before.  Sequence numbers
 * skipped on the way count as lost when @gaps_lose (a MoldUDP64 receiver;
 * a filtered ring skips them by design).
 */
static inline bool tb_seq_fresh(struct tb_stats *st, uint64_t seq, bool gaps_lose)
{
	if (seq < st->seq.next) {
		st->dups++;
		return false;
	}
	if (gaps_lose)
		st->lost += seq - st->seq.next;
	st->seq.next = seq + 1;
	return true;
}

/*
 * Packet @seq of @session: a new session restarts the count, from @seq
 * for the first one (joined where it is) and from 1 after that.
 */
void tb_seq_session(struct tb_stats *st, const uint8_t *session, uint64_t seq);

/* One JSON line for reader @index of path @path. */
void tb_stats_print(FILE *out, const char *path, unsigned int index,
		    const struct tb_stats *st);

#endif /* TPBENCH_STATS_H */
