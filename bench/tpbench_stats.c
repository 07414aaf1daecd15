// SPDX-License-Identifier: GPL-2.0
/* A reader's measurements: sessions, and the JSON line they end as. */
#include <inttypes.h>

#include "tpbench_stats.h"

void tb_seq_session(struct tb_stats *st, const uint8_t *session, uint64_t seq)
{
	if (st->seq.have && !memcmp(st->seq.session, session, TB_SESSION_LEN))
		return;
	st->seq.next = st->seq.have ? 1 : seq;
	st->seq.have = true;
	memcpy(st->seq.session, session, TB_SESSION_LEN);
}

static void tb_stats_print_cdf(FILE *out, const struct tb_hist *h)
{
	struct tb_cdf_point points[TB_CDF_POINTS_MAX];
	unsigned int i, n = tb_hist_cdf(h, points);

	fputs("\"cdf\":[", out);
	for (i = 0; i < n; i++)
		fprintf(out, "%s[%" PRIu64 ",%.6g]", i ? "," : "", points[i].ns,
			points[i].fraction);
	fputc(']', out);
}

void tb_stats_print(FILE *out, const char *path, unsigned int index,
		    const struct tb_stats *st)
{
	const struct tb_hist *h = &st->latency;
	uint64_t cpu = st->msgs ? st->last_cpu - st->first_cpu : 0;
	uint64_t span = st->msgs ? st->last_ns - st->first_ns : 0;

	fprintf(out, "{\"path\":\"%s\",\"reader\":%u,\"msgs\":%" PRIu64
		",\"lost\":%" PRIu64 ",\"dups\":%" PRIu64 ",\"malformed\":%"
		PRIu64 ",\"cpu_ns\":%" PRIu64 ",\"span_ns\":%" PRIu64
		",\"cpu_ns_per_msg\":%.1f,", path, index, st->msgs, st->lost,
		st->dups, st->malformed, cpu, span,
		st->msgs ? (double)cpu / (double)st->msgs : 0.0);
	fprintf(out, "\"lat_ns\":{\"p50\":%" PRIu64 ",\"p90\":%" PRIu64
		",\"p99\":%" PRIu64 ",\"p999\":%" PRIu64 ",\"max\":%" PRIu64 "},",
		tb_hist_quantile(h, 0.5), tb_hist_quantile(h, 0.9),
		tb_hist_quantile(h, 0.99), tb_hist_quantile(h, 0.999), h->max);
	tb_stats_print_cdf(out, h);
	fputs("}\n", out);
}
