/* SPDX-License-Identifier: GPL-2.0 */
/*
 * When each packet leaves, as ns from the start of sending: at a message or
 * packet rate (in bursts of back-to-back packets), or following the ITCH
 * timestamps at some speed, or else back to back at 10 Gb/s line rate.  The
 * schedule is computed, never measured, so a pcap gets the same times, and
 * the same heartbeats, on any machine; a live sender waits for it.
 */
#ifndef TPGEN_PACE_H
#define TPGEN_PACE_H

#include <stdbool.h>
#include <stdint.h>

struct tp_pace_opts {
	double rate;		/* messages per second; 0: no limit */
	double pps;		/* packets per second; 0: no limit */
	unsigned int burst;	/* packets sent back to back, >= 1 */
	double speed;		/* > 0: follow the ITCH timestamps this fast */
};

struct tp_pace {
	struct tp_pace_opts o;
	uint64_t burst_start;	/* when the current burst goes */
	double burst_ns;	/* what its packets have cost so far */
	unsigned int in_burst;
	uint64_t line;		/* line-rate schedule */
	bool started;
	uint64_t first_ts;	/* ITCH time of the first packet */
	uint64_t last_due;
};

void tp_pace_init(struct tp_pace *p, const struct tp_pace_opts *o);
/* Whether a live sender has to wait for the schedule at all. */
bool tp_pace_limited(const struct tp_pace *p);
/*
 * The due time of the next data packet: @msgs messages, @bytes of UDP
 * payload, the last of its messages stamped @feed_ts.  Never decreases.
 */
uint64_t tp_pace_due(struct tp_pace *p, unsigned int msgs, uint32_t bytes,
		     uint64_t feed_ts);

/*
 * Whether a message stamped @ts may share a packet with one stamped
 * @first_ts: always, but when following the clock, where a packet only
 * holds what falls due within TP_PACE_LINGER_NS of its first message.
 */
#define TP_PACE_LINGER_NS 50000
bool tp_pace_together(const struct tp_pace *p, uint64_t first_ts, uint64_t ts);

/* CLOCK_MONOTONIC and CLOCK_REALTIME in ns. */
uint64_t tp_mono_ns(void);
uint64_t tp_real_ns(void);
/* Returns at CLOCK_MONOTONIC @deadline: sleeps most of the way, then spins. */
void tp_wait_until(uint64_t deadline);

#endif /* TPGEN_PACE_H */
