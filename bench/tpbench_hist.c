// SPDX-License-Identifier: GPL-2.0
/* tpbench's latency histogram: quantiles and the CDF (see tpbench_hist.h). */
#include "tpbench_hist.h"

/* The highest value that falls in bucket @index. */
static uint64_t tb_hist_highest(unsigned int index)
{
	unsigned int shift, mantissa;

	if (index < TB_HIST_SUB)
		return index;
	shift = (index - TB_HIST_SUB) / (TB_HIST_SUB / 2) + 1;
	mantissa = (index - TB_HIST_SUB) % (TB_HIST_SUB / 2) + TB_HIST_SUB / 2;
	return (((uint64_t)mantissa + 1) << shift) - 1;
}

/* A bucket's highest value, but never above the largest value seen. */
static uint64_t tb_hist_value(const struct tb_hist *h, unsigned int index)
{
	uint64_t v = tb_hist_highest(index);

	return v < h->max ? v : h->max;
}

/* The first bucket at which at least @rank values are counted. */
static unsigned int tb_hist_rank(const struct tb_hist *h, uint64_t rank,
				 uint64_t *below)
{
	uint64_t seen = 0;
	unsigned int i;

	for (i = 0; i < TB_HIST_BUCKETS - 1; i++) {
		seen += h->counts[i];
		if (seen >= rank)
			break;
	}
	*below = seen;
	return i;
}

/* The rank of quantile q: at least 1, at most the count. */
static uint64_t tb_hist_quantile_rank(const struct tb_hist *h, double q)
{
	uint64_t rank = (uint64_t)(q * (double)h->total + 0.999999);

	if (rank < 1)
		return 1;
	return rank > h->total ? h->total : rank;
}

uint64_t tb_hist_quantile(const struct tb_hist *h, double q)
{
	uint64_t below;

	if (!h->total)
		return 0;
	return tb_hist_value(h, tb_hist_rank(h, tb_hist_quantile_rank(h, q),
					     &below));
}

/* Fractions 0.02 .. 0.90 by 0.02, then 0.91 .. 0.99, 0.991 .. 0.999 and
 * 0.9991 .. 0.9999 (9 each), then 1.
 */
static double tb_cdf_fraction(unsigned int i)
{
	static const double decade[] = { 0.9, 0.99, 0.999 };

	if (i < 45)
		return 0.02 * (i + 1);
	i -= 45;
	if (i < 27)
		return decade[i / 9] + (1 - decade[i / 9]) * (i % 9 + 1) / 10;
	return 1;
}

#define TB_CDF_FRACTIONS (45 + 27 + 1)
_Static_assert(TB_CDF_FRACTIONS <= TB_CDF_POINTS_MAX, "too many CDF points");

unsigned int tb_hist_cdf(const struct tb_hist *h,
			 struct tb_cdf_point points[TB_CDF_POINTS_MAX])
{
	unsigned int i, n = 0, index;
	uint64_t below;

	if (!h->total)
		return 0;
	for (i = 0; i < TB_CDF_FRACTIONS; i++) {
		index = tb_hist_rank(h, tb_hist_quantile_rank(h, tb_cdf_fraction(i)),
				     &below);
		/* A point per bucket: its true fraction, not the one asked. */
		if (n && points[n - 1].ns == tb_hist_value(h, index))
			continue;
		points[n].ns = tb_hist_value(h, index);
		points[n].fraction = (double)below / (double)h->total;
		n++;
	}
	return n;
}
