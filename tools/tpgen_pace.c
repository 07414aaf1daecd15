// SPDX-License-Identifier: GPL-2.0
/* Packet schedules (see tpgen_pace.h). */
#include <errno.h>
#include <time.h>

#include "tpgen_pace.h"

#define TP_NS 1e9
/* Ethernet, IPv4 and UDP headers, FCS, preamble and inter-frame gap. */
#define TP_WIRE_OVERHEAD (14 + 20 + 8 + 4 + 8 + 12)
#define TP_LINE_NS_PER_BYTE 0.8	/* 10 Gb/s */
/* Sleeping is late by up to a scheduler tick; spin the last stretch. */
#define TP_SPIN_NS 200000

void tp_pace_init(struct tp_pace *p, const struct tp_pace_opts *o)
{
	*p = (struct tp_pace){ .o = *o };
	if (!p->o.burst)
		p->o.burst = 1;
}

bool tp_pace_limited(const struct tp_pace *p)
{
	return p->o.rate > 0 || p->o.pps > 0 || p->o.speed > 0;
}

/* Each packet costs the larger of its two rates' shares of a second. */
static uint64_t tp_pace_rated(struct tp_pace *p, unsigned int msgs)
{
	uint64_t due = p->burst_start;
	double cost = 0;

	if (p->o.rate > 0)
		cost = msgs * TP_NS / p->o.rate;
	if (p->o.pps > 0 && TP_NS / p->o.pps > cost)
		cost = TP_NS / p->o.pps;
	p->burst_ns += cost;
	if (++p->in_burst == p->o.burst) {
		p->burst_start += (uint64_t)p->burst_ns;
		p->burst_ns = 0;
		p->in_burst = 0;
	}
	return due;
}

static uint64_t tp_pace_line(struct tp_pace *p, uint32_t bytes)
{
	uint64_t due = p->line;

	p->line += (uint64_t)((bytes + TP_WIRE_OVERHEAD) * TP_LINE_NS_PER_BYTE);
	return due;
}

uint64_t tp_pace_due(struct tp_pace *p, unsigned int msgs, uint32_t bytes,
		     uint64_t feed_ts)
{
	uint64_t due;

	if (!p->started) {
		p->started = true;
		p->first_ts = feed_ts;
	}
	if (p->o.speed > 0)
		due = feed_ts > p->first_ts ?
		      (uint64_t)((feed_ts - p->first_ts) / p->o.speed) : 0;
	else if (tp_pace_limited(p))
		due = tp_pace_rated(p, msgs);
	else
		due = tp_pace_line(p, bytes);
	if (due < p->last_due)
		due = p->last_due;
	p->last_due = due;
	return due;
}

bool tp_pace_together(const struct tp_pace *p, uint64_t first_ts, uint64_t ts)
{
	return p->o.speed <= 0 || ts <= first_ts ||
	       (ts - first_ts) / p->o.speed <= TP_PACE_LINGER_NS;
}

static uint64_t tp_clock_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

uint64_t tp_mono_ns(void)
{
	return tp_clock_ns(CLOCK_MONOTONIC);
}

uint64_t tp_real_ns(void)
{
	return tp_clock_ns(CLOCK_REALTIME);
}

void tp_wait_until(uint64_t deadline)
{
	uint64_t now = tp_mono_ns();

	if (deadline > now + TP_SPIN_NS) {
		uint64_t wake = deadline - TP_SPIN_NS;
		struct timespec ts = {
			.tv_sec = wake / 1000000000ull,
			.tv_nsec = wake % 1000000000ull,
		};

		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts,
				       NULL) == EINTR)
			;
	}
	while (tp_mono_ns() < deadline)
		;
}
