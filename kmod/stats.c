// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU counters shared by ports, feeds and subscriptions.
 */

#include "stats.h"

#include <linux/slab.h>

struct tp_stats __percpu *tp_stats_alloc(unsigned int counters)
{
	struct tp_stats __percpu *stats;
	int cpu;

	stats = __alloc_percpu(struct_size((struct tp_stats *)NULL, c, counters),
			       __alignof__(struct tp_stats));
	if (!stats)
		return NULL;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(stats, cpu)->syncp);
	return stats;
}

void tp_stats_read(const struct tp_stats __percpu *stats, unsigned int counters,
		   u64 *sum)
{
	unsigned int i, start;
	int cpu;
	u64 v;

	memset(sum, 0, counters * sizeof(*sum));
	/* Each counter is read consistently; together they are a snapshot
	 * only as much as the traffic allows, as for netdev stats.
	 */
	for_each_possible_cpu(cpu) {
		const struct tp_stats *s = per_cpu_ptr(stats, cpu);

		for (i = 0; i < counters; i++) {
			do {
				start = u64_stats_fetch_begin(&s->syncp);
				v = u64_stats_read(&s->c[i]);
			} while (u64_stats_fetch_retry(&s->syncp, start));
			sum[i] += v;
		}
	}
}
