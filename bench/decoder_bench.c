// SPDX-License-Identifier: GPL-2.0
/*
 * decoder_bench: the ITCH decoder alone, as the module runs it on every
 * message of a packet (kmod/channel.c): tp_mold_next_block() then
 * tp_itch_decode() into one struct tickpath_rec that lives across messages.
 *
 *   decoder_bench [-r REPS] [-j] DAY
 *   decoder_bench --once all|orderflow DAY
 *
 * DAY is a tpgen day as a BinaryFILE (--binfile) or a pcap (-w).  It is
 * loaded into memory first, as MoldUDP64 blocks back to back (2-byte
 * big-endian length, message: a BinaryFILE's own layout), so the timed loop
 * reads nothing but memory.  Timed: the whole day, and a copy holding only
 * its order flow (A F E C X D U P), REPS passes each, alternating, after an
 * untimed one; CLOCK_MONOTONIC around each pass, so the clock costs nothing
 * per message.
 *
 * --once decodes one of the two days exactly once, untimed, for
 * valgrind --tool=callgrind --toggle-collect=bench_decode_day: the collected
 * instructions divided by the messages it prints are the instructions per
 * message (bench/decoder.sh does it).
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "itch.h"
#include "pcap.h"

#ifndef TP_BENCH_CFLAGS
#define TP_BENCH_CFLAGS "unknown"
#endif

#ifdef __clang__
#define TP_BENCH_COMPILER "clang " __clang_version__
#else
#define TP_BENCH_COMPILER "gcc " __VERSION__
#endif

#define BENCH_DEFAULT_REPS 15
#define BENCH_MIN_REPS 5
#define BENCH_MAX_REPS 1000

static const char orderflow_types[] = "AFECXDUP";

/* Messages as MoldUDP64 blocks back to back, as tp_mold_next_block() walks. */
struct day {
	u8 *blocks;
	size_t len;
	size_t cap;
	uint64_t messages;
};

struct timing {
	double median;
	double min;
	double max;
};

static void usage(FILE *out)
{
	fprintf(out,
"Usage: decoder_bench [-r REPS] [-j] DAY\n"
"       decoder_bench --once all|orderflow DAY\n"
"Times the module's ITCH decoder (tp_itch_decode) over every message of a\n"
"tpgen day, a BinaryFILE or a pcap, loaded into memory first: ns per\n"
"message over the whole day and over its order flow (A F E C X D U P) only,\n"
"the median of REPS passes with their minimum and maximum, and the mix of\n"
"message types.\n"
"  -r, --reps N     timed passes of each day (default %d, at least %d)\n"
"  -j, --json       one JSON object instead of text\n"
"      --once DAY   decode the whole day (all) or its order flow (orderflow)\n"
"                   once, untimed, in bench_decode_day(), and print the\n"
"                   number of messages: for callgrind --toggle-collect\n"
"  -h, --help\n",
		BENCH_DEFAULT_REPS, BENCH_MIN_REPS);
}

static void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (!p) {
		fprintf(stderr, "decoder_bench: out of memory\n");
		exit(1);
	}
	return p;
}

static void day_add(struct day *d, const u8 *msg, u16 len)
{
	if (d->cap - d->len < 2 + (size_t)len) {
		d->cap = d->cap ? d->cap * 2 : 1 << 20;
		d->blocks = xrealloc(d->blocks, d->cap);
	}
	tp_put_be16(len, d->blocks + d->len);
	memcpy(d->blocks + d->len + 2, msg, len);
	d->len += 2 + (size_t)len;
	d->messages++;
}

static bool is_pcap(const u8 magic[4])
{
	static const u8 magics[][4] = {
		{ 0xd4, 0xc3, 0xb2, 0xa1 }, { 0xa1, 0xb2, 0xc3, 0xd4 },	/* µs */
		{ 0x4d, 0x3c, 0xb2, 0xa1 }, { 0xa1, 0xb2, 0x3c, 0x4d },	/* ns */
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(magics); i++)
		if (!memcmp(magic, magics[i], 4))
			return true;
	return false;
}

/*
 * Every message of every MoldUDP64 packet of the capture, as the module
 * would see them; heartbeats, ends of session and packets whose framing
 * is bad hold none.  Returns 0 or -1.
 */
static int load_pcap(struct day *d, FILE *f, const char *path)
{
	struct tp_pcap p;
	struct tp_pcap_rec r;
	struct tp_mold_packet pkt;
	enum tp_udp_status status;
	struct tp_udp u;
	const u8 *cursor;
	const char *err;
	unsigned int i;
	int more;

	err = tp_pcap_open(&p, f);
	if (err) {
		fprintf(stderr, "decoder_bench: %s: %s\n", path, err);
		return -1;
	}
	while ((more = tp_pcap_next(&p, &r)) > 0) {
		status = tp_udp_parse(&p, &r, &u);
		/* tpgen's pcaps may leave checksums to an offloading NIC. */
		if (status != TP_UDP_OK && status != TP_UDP_BAD_UDP_CSUM)
			continue;
		if (tp_mold_parse(u.payload, u.len, &pkt) != TICKPATH_MALFORMED_NONE ||
		    pkt.count == TP_MOLD_END_OF_SESSION)
			continue;
		cursor = pkt.blocks;
		for (i = 0; i < pkt.count; i++) {
			u16 len;
			const u8 *msg = tp_mold_next_block(&cursor, &len);

			day_add(d, msg, len);
		}
	}
	tp_pcap_close(&p);
	if (more < 0) {
		fprintf(stderr, "decoder_bench: %s: truncated or corrupt\n", path);
		return -1;
	}
	return 0;
}

/* A BinaryFILE, read whole; empty entries are skipped, as tpgen does. */
static int load_binfile(struct day *d, FILE *f, const char *path)
{
	u8 *data = NULL;
	size_t size = 0, cap = 0, off = 0, got;

	do {
		if (cap - size < 1 << 20) {
			cap = cap ? cap * 2 : 1 << 24;
			data = xrealloc(data, cap);
		}
		got = fread(data + size, 1, cap - size, f);
		size += got;
	} while (got);
	if (ferror(f)) {
		fprintf(stderr, "decoder_bench: %s: %s\n", path, strerror(errno));
		free(data);
		return -1;
	}
	while (size - off >= 2) {
		u16 len = tp_get_be16(data + off);

		if (len > size - off - 2)
			break;
		if (len)
			day_add(d, data + off + 2, len);
		off += 2 + (size_t)len;
	}
	free(data);
	if (off != size) {
		fprintf(stderr, "decoder_bench: %s: the file ends mid-message\n", path);
		return -1;
	}
	return 0;
}

static int load_day(struct day *d, const char *path)
{
	u8 magic[4] = { 0 };
	FILE *f = fopen(path, "rb");
	int err;

	if (!f) {
		fprintf(stderr, "decoder_bench: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (fread(magic, 1, sizeof(magic), f) == sizeof(magic) && is_pcap(magic)) {
		rewind(f);
		err = load_pcap(d, f, path);
	} else {
		rewind(f);
		err = load_binfile(d, f, path);
	}
	fclose(f);
	if (!err && !d->messages) {
		fprintf(stderr, "decoder_bench: %s: no messages\n", path);
		err = -1;
	}
	return err;
}

static bool is_orderflow(u8 type)
{
	return type && strchr(orderflow_types, type);
}

static void day_orderflow(const struct day *all, struct day *flow)
{
	const u8 *cursor = all->blocks;
	uint64_t i;

	for (i = 0; i < all->messages; i++) {
		u16 len;
		const u8 *msg = tp_mold_next_block(&cursor, &len);

		if (is_orderflow(msg[0]))
			day_add(flow, msg, len);
	}
}

/*
 * The loop that is measured, kept out of line so that callgrind's
 * --toggle-collect can name it.  The record is reused from message to
 * message, as the module's tp_channel_receive() reuses its stack record;
 * returns the messages the decoder refused, which a good day has none of.
 */
static __attribute__((noinline)) uint64_t bench_decode_day(const struct day *d,
						      struct tickpath_rec *rec)
{
	const u8 *cursor = d->blocks;
	uint64_t malformed = 0;
	uint64_t i;

	for (i = 0; i < d->messages; i++) {
		u16 len;
		const u8 *msg = tp_mold_next_block(&cursor, &len);

		malformed += tp_itch_decode(msg, len, rec) != TICKPATH_MALFORMED_NONE;
	}
	return malformed;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* ns per message of one pass over the day. */
static double time_pass(const struct day *d, struct tickpath_rec *rec)
{
	uint64_t start = now_ns();

	bench_decode_day(d, rec);
	return (double)(now_ns() - start) / (double)d->messages;
}

/* The median of @n timings (of the middle two if @n is even), and the ends. */
static struct timing summarize(double *per_msg, unsigned int n)
{
	struct timing t;

	qsort(per_msg, n, sizeof(*per_msg), compare_doubles);
	t.min = per_msg[0];
	t.max = per_msg[n - 1];
	t.median = n % 2 ? per_msg[n / 2] : (per_msg[n / 2 - 1] + per_msg[n / 2]) / 2;
	return t;
}

/*
 * ns per message of @reps passes over each day, after one untimed pass that
 * faults them in and trains the branch predictors.  The passes over the two
 * days alternate, so that a burst of noise from the rest of the machine
 * falls on both alike.  Returns the messages the decoder refused.
 */
static uint64_t time_days(const struct day *all, const struct day *flow,
			  struct tickpath_rec *rec, unsigned int reps,
			  struct timing *t_all, struct timing *t_flow)
{
	double *per_all = xrealloc(NULL, reps * sizeof(*per_all));
	double *per_flow = xrealloc(NULL, reps * sizeof(*per_flow));
	uint64_t malformed;
	unsigned int i;

	malformed = bench_decode_day(all, rec);
	if (flow->messages)
		malformed += bench_decode_day(flow, rec);
	for (i = 0; i < reps; i++) {
		per_all[i] = time_pass(all, rec);
		if (flow->messages)
			per_flow[i] = time_pass(flow, rec);
	}
	*t_all = summarize(per_all, reps);
	if (flow->messages)
		*t_flow = summarize(per_flow, reps);
	free(per_all);
	free(per_flow);
	return malformed;
}

/* How many messages of each type the day has, by type character. */
static void count_types(const struct day *d, uint64_t counts[256])
{
	const u8 *cursor = d->blocks;
	uint64_t i;

	memset(counts, 0, 256 * sizeof(counts[0]));
	for (i = 0; i < d->messages; i++) {
		u16 len;
		const u8 *msg = tp_mold_next_block(&cursor, &len);

		counts[msg[0]]++;
	}
}

static void print_json(const struct day *all, const struct day *flow,
		       unsigned int reps, const struct timing *t_all,
		       const struct timing *t_flow, uint64_t malformed,
		       const uint64_t counts[256])
{
	const char *sep = "";
	unsigned int c;

	printf("{\"messages\": %" PRIu64 ", \"orderflow_messages\": %" PRIu64
	       ", \"malformed\": %" PRIu64 ", \"reps\": %u",
	       all->messages, flow->messages, malformed, reps);
	printf(", \"ns_per_msg\": %.3f, \"ns_spread\": [%.3f, %.3f]",
	       t_all->median, t_all->min, t_all->max);
	if (flow->messages)
		printf(", \"ns_per_orderflow_msg\": %.3f"
		       ", \"orderflow_ns_spread\": [%.3f, %.3f]",
		       t_flow->median, t_flow->min, t_flow->max);
	else
		printf(", \"ns_per_orderflow_msg\": null"
		       ", \"orderflow_ns_spread\": null");
	printf(", \"types\": {");
	for (c = 0; c < 256; c++) {
		if (!counts[c])
			continue;
		/* Printable ITCH types; anything else by its code. */
		if (c > ' ' && c < 0x7f && c != '"' && c != '\\')
			printf("%s\"%c\": %" PRIu64, sep, c, counts[c]);
		else
			printf("%s\"0x%02x\": %" PRIu64, sep, c, counts[c]);
		sep = ", ";
	}
	printf("}, \"compiler\": \"%s\", \"cflags\": \"%s\"}\n",
	       TP_BENCH_COMPILER, TP_BENCH_CFLAGS);
}

static void print_text(const struct day *all, const struct day *flow,
		       unsigned int reps, const struct timing *t_all,
		       const struct timing *t_flow, uint64_t malformed,
		       const uint64_t counts[256])
{
	unsigned int c;

	printf("messages     %" PRIu64 " (order flow %" PRIu64 ", malformed %"
	       PRIu64 ")\n", all->messages, flow->messages, malformed);
	printf("all          %.2f ns/msg, median of %u [%.2f - %.2f]\n",
	       t_all->median, reps, t_all->min, t_all->max);
	if (flow->messages)
		printf("order flow   %.2f ns/msg, median of %u [%.2f - %.2f]\n",
		       t_flow->median, reps, t_flow->min, t_flow->max);
	printf("compiler     %s\ncflags       %s\ntype mix\n",
	       TP_BENCH_COMPILER, TP_BENCH_CFLAGS);
	for (c = 0; c < 256; c++)
		if (counts[c])
			printf("  %c %10" PRIu64 " %6.2f%%\n",
			       c > ' ' && c < 0x7f ? c : '?', counts[c],
			       100.0 * (double)counts[c] / (double)all->messages);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "reps", required_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "once", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct day all = { 0 }, flow = { 0 };
	struct timing t_all, t_flow = { 0 };
	struct tickpath_rec rec;
	unsigned int reps = BENCH_DEFAULT_REPS;
	const char *once = NULL;
	uint64_t counts[256];
	uint64_t malformed;
	bool json = false;
	char *end;
	int opt;

	while ((opt = getopt_long(argc, argv, "r:jh", options, NULL)) != -1) {
		switch (opt) {
		case 'r':
			errno = 0;
			reps = (unsigned int)strtoul(optarg, &end, 10);
			if (errno || *end || reps < BENCH_MIN_REPS || reps > BENCH_MAX_REPS) {
				fprintf(stderr, "decoder_bench: --reps takes %d to %d\n",
					BENCH_MIN_REPS, BENCH_MAX_REPS);
				return 2;
			}
			break;
		case 'j':
			json = true;
			break;
		case 'o':
			once = optarg;
			if (strcmp(once, "all") && strcmp(once, "orderflow")) {
				fprintf(stderr, "decoder_bench: --once takes all or orderflow\n");
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	if (load_day(&all, argv[optind]))
		return 1;
	day_orderflow(&all, &flow);
	memset(&rec, 0, sizeof(rec));

	if (once) {
		const struct day *d = strcmp(once, "all") ? &flow : &all;

		malformed = bench_decode_day(d, &rec);
		printf("%" PRIu64 "\n", d->messages);
		return malformed ? 1 : 0;
	}

	malformed = time_days(&all, &flow, &rec, reps, &t_all, &t_flow);
	count_types(&all, counts);
	if (json)
		print_json(&all, &flow, reps, &t_all, &t_flow, malformed, counts);
	else
		print_text(&all, &flow, reps, &t_all, &t_flow, malformed, counts);
	free(all.blocks);
	free(flow.blocks);
	/* A decoder that refuses a good day's message is not worth timing. */
	if (malformed) {
		fprintf(stderr, "decoder_bench: %" PRIu64 " messages refused\n", malformed);
		return 1;
	}
	return 0;
}
