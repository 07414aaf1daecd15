/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A log-linear histogram of latencies in ns, as HdrHistogram keeps them
 * (Debian has no HdrHistogram for C): values below 2^TB_HIST_SUB_BITS have
 * a bucket each; above, every power of two is cut into 2^(TB_HIST_SUB_BITS
 * - 1) equal buckets, so a bucket is never wider than 1/64 of its values.
 * Adding is a few instructions and no allocation.
 */
#ifndef TPBENCH_HIST_H
#define TPBENCH_HIST_H

#include <stdint.h>

#define TB_HIST_SUB_BITS 7
#define TB_HIST_SUB (1u << TB_HIST_SUB_BITS)
/* Values up to 2^63: shifts 1 .. 64 - TB_HIST_SUB_BITS. */
#define TB_HIST_BUCKETS (TB_HIST_SUB + (64 - TB_HIST_SUB_BITS) * (TB_HIST_SUB / 2))
#define TB_CDF_POINTS_MAX 100

struct tb_hist {
	uint64_t counts[TB_HIST_BUCKETS];
	uint64_t total;
	uint64_t max;
};

struct tb_cdf_point {
	uint64_t ns;		/* the highest value of a bucket */
	double fraction;	/* of the values at or below it */
};

static inline unsigned int tb_hist_index(uint64_t v)
{
	unsigned int shift;

	if (v < TB_HIST_SUB)
		return v;
	/* v >> shift lands in [TB_HIST_SUB / 2, TB_HIST_SUB). */
	shift = 64 - __builtin_clzll(v) - TB_HIST_SUB_BITS;
	return TB_HIST_SUB + (shift - 1) * (TB_HIST_SUB / 2) +
	       (unsigned int)(v >> shift) - TB_HIST_SUB / 2;
}

static inline void tb_hist_add(struct tb_hist *h, uint64_t v)
{
	h->counts[tb_hist_index(v)]++;
	h->total++;
	if (v > h->max)
		h->max = v;
}

/* The value at or below which a fraction q (0..1) of the values lie. */
uint64_t tb_hist_quantile(const struct tb_hist *h, double q);
/*
 * The distribution at up to TB_CDF_POINTS_MAX points, spread over the body
 * (every 2 %) and ever finer into the tail (to 1 - 10^-4) and ending at the
 * maximum; returns how many were written.
 */
unsigned int tb_hist_cdf(const struct tb_hist *h,
			 struct tb_cdf_point points[TB_CDF_POINTS_MAX]);

#endif /* TPBENCH_HIST_H */
