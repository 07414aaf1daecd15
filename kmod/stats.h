/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TP_STATS_H
#define _TP_STATS_H

#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>

/*
 * Per-CPU counters, written only by the CPU they belong to (in softirq) and
 * summed for netlink replies.  Each object indexes c[] by its uapi stats
 * attribute numbers, so a counter and its attribute are one name.
 */
struct tp_stats {
	struct u64_stats_sync syncp;
	u64_stats_t c[];
};

struct tp_stats __percpu *tp_stats_alloc(unsigned int counters);
/* Sums counters 0..@counters - 1 of every CPU into @sum. */
void tp_stats_read(const struct tp_stats __percpu *stats, unsigned int counters,
		   u64 *sum);

#endif /* _TP_STATS_H */
