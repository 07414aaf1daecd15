// SPDX-License-Identifier: GPL-2.0
/*
 * tpgen: NASDAQ TotalView-ITCH 5.0 over MoldUDP64, generated or replayed.
 *
 * The pipeline, one message at a time: the source (a generated day as
 * records, encoded with tp_itch_encode(), or a BinaryFILE's bytes), the
 * packer, then per packet the pacer's due time, heartbeats for idle
 * stretches, the misbehaviours, and the outputs.  A pcap replayed enters
 * as packets, after the packer.  See tpgen --help.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itch_encode.h"
#include "recprint.h"
#include "tpgen.h"
#include "tpgen_binfile.h"
#include "tpgen_day.h"
#include "tpgen_pack.h"

#define TP_NS_PER_DAY (86400 * 1000000000ULL)

struct tpgen {
	struct tpgen_opts o;
	struct tp_day *day;
	struct tp_binfile replay;
	struct tp_pcap cap;	/* --replay-pcap */
	uint8_t frame[TP_UDP_MAX_PAYLOAD];	/* its packet going out */
	struct tp_packer pack;
	struct tp_pace pace;
	struct tp_chaos chaos;
	struct tp_out out;
	FILE *binfile;
	FILE *json;
	struct tp_symtab *syms;
	struct tickpath_rec rec;	/* the day's current message */
	struct tickpath_rec *recs;	/* the packet's, for --json */
	unsigned int nrecs;
	uint8_t msg[TP_ITCH_MAX_LEN];
	uint8_t bad[TP_UDP_MAX_PAYLOAD + 1];
	bool started;
	uint64_t base;		/* what due time 0 is, ns since the epoch */
	uint64_t mono0;		/* and on CLOCK_MONOTONIC, when live */
	uint64_t sent_ns;	/* from then to the last packet's send */
	uint64_t due;		/* of the packet going out */
	uint64_t last_due;	/* of the last packet that went */
	unsigned int split;	/* the next --split */
	uint64_t too_long;	/* replayed messages no packet can hold */
	int err;
};

/* The clock starts with the first packet, not with the setup. */
static void tpgen_start(struct tpgen *g)
{
	if (g->started)
		return;
	g->started = true;
	if (g->o.out.send) {
		g->mono0 = tp_mono_ns();
		g->base = tp_real_ns();
	} else {
		g->base = g->o.midnight + g->pack.last_ts;
	}
}

/*
 * A paced sender that is on time sends each frame when it is due, and what
 * it has queued before it waits; one that is behind, or unpaced, queues
 * frames and sends them in batches until it catches up.
 */
static void tpgen_emit(struct tpgen *g, struct tp_frame *f, uint64_t due)
{
	uint64_t deadline = g->mono0 + due;
	bool on_time = false;

	if (g->err)
		return;
	if (g->o.out.send && tp_pace_limited(&g->pace) &&
	    f->kind != TP_FRAME_DROP && tp_mono_ns() < deadline) {
		on_time = true;
		if (tp_out_flush(&g->out))
			g->err = -1;
		tp_wait_until(deadline);
	}
	if (tp_out_frame(&g->out, f, g->base + due) ||
	    (on_time && tp_out_flush(&g->out)))
		g->err = -1;
}

/* Frames of the packet going out: the data, copies, malformed decoys. */
static void tpgen_sink(void *ctx, struct tp_frame *f)
{
	struct tpgen *g = ctx;

	tpgen_emit(g, f, g->due);
}

/* A heartbeat every heartbeat interval the schedule leaves idle. */
static void tpgen_heartbeats(struct tpgen *g)
{
	uint64_t at = g->last_due, every = g->o.heartbeat_ns;
	struct tp_frame f;

	while (every && g->due - at > every) {
		at += every;
		tp_pack_heartbeat(&g->pack, &f);
		tpgen_emit(g, &f, at);
	}
}

static void tpgen_json(struct tpgen *g)
{
	uint64_t t = g->base + g->due;
	unsigned int i;

	for (i = 0; i < g->nrecs; i++) {
		struct tickpath_rec *rec = &g->recs[i];

		rec->rx_ts = t;
		if (g->o.out.stamp)
			rec->exch_ts = t % TP_NS_PER_DAY;
		tp_symtab_learn(g->syms, rec);
		tp_rec_print(g->json, rec, g->syms, true);
	}
	g->nrecs = 0;
}

static void tpgen_flush(struct tpgen *g)
{
	struct tp_frame f;

	if (!g->pack.count)
		return;
	tpgen_start(g);
	tp_pack_take(&g->pack, &f);
	g->due = tp_pace_due(&g->pace, f.count, f.len, g->pack.last_ts);
	tpgen_heartbeats(g);
	if (g->json)
		tpgen_json(g);
	tp_chaos_packet(&g->chaos, &f);
	g->last_due = g->due;
}

/*
 * The next session's name: the last character counts up through 0-9A-Z,
 * carrying to the left as an odometer does; any other character becomes 0.
 */
static void tpgen_next_session(uint8_t *s)
{
	static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	int i;

	for (i = tp_pack_session_len(s) - 1; i >= 0; i--) {
		const char *d = memchr(digits, s[i], sizeof(digits) - 1);

		if (d && d[1]) {
			s[i] = d[1];
			return;
		}
		s[i] = '0';
		if (!d)
			return;
	}
}

static void tpgen_split(struct tpgen *g)
{
	if (g->split == g->o.nsplits ||
	    g->pack.next_msg < g->o.splits[g->split])
		return;
	g->split++;
	tpgen_flush(g);
	tpgen_next_session(g->o.session);
	tp_pack_session(&g->pack, g->o.session);
	tp_out_log(&g->out, "session session=%.*s seq=%" PRIu64 " msg=%" PRIu64,
		   tp_pack_session_len(g->o.session), (const char *)g->o.session,
		   g->pack.next_seq, g->pack.next_msg);
}

static void tpgen_append(struct tpgen *g, const uint8_t *msg, uint16_t len,
			 const struct tickpath_rec *rec)
{
	uint64_t seq = tp_pack_add(&g->pack, msg, len);
	struct tickpath_rec *r;

	if (g->binfile && tp_binfile_write(g->binfile, msg, len))
		g->err = -1;
	if (!g->json)
		return;
	r = &g->recs[g->nrecs];
	if (rec)
		*r = *rec;
	else if (tp_itch_decode(msg, len, r) != TICKPATH_MALFORMED_NONE)
		return;
	r->seq = seq;
	g->nrecs++;
}

/* A malformed message first in a packet, when the dice say so. */
static void tpgen_bad_message(struct tpgen *g, const uint8_t *msg,
			      uint16_t len)
{
	enum tp_bad kind;
	uint32_t n = tp_chaos_bad_message(&g->chaos, msg, len, g->bad, &kind);

	if (!n || !tp_pack_ever_fits(&g->pack, n))
		return;
	tp_out_log(&g->out, "bad session=%.*s seq=%" PRIu64 " msg=%" PRIu64
		   " len=%u kind=%s", tp_pack_session_len(g->pack.session),
		   (const char *)g->pack.session, g->pack.next_seq,
		   g->pack.next_msg, n, tp_bad_names[kind]);
	tp_pack_add(&g->pack, g->bad, n);
	if (g->binfile && tp_binfile_write(g->binfile, g->bad, n))
		g->err = -1;
}

static void tpgen_message(struct tpgen *g, const uint8_t *msg, uint16_t len,
			  const struct tickpath_rec *rec)
{
	if (!tp_pack_ever_fits(&g->pack, len)) {
		g->too_long++;
		return;
	}
	tpgen_split(g);
	if (!tp_pack_fits(&g->pack, len) ||
	    !tp_pack_joins(&g->pack, &g->pace, msg, len))
		tpgen_flush(g);
	if (!g->pack.count) {
		tpgen_bad_message(g, msg, len);
		if (!tp_pack_fits(&g->pack, len))
			tpgen_flush(g);
	}
	tpgen_append(g, msg, len, rec);
}

/* The next message: 1, or 0 at the end, or -1 on a read error. */
static int tpgen_source(struct tpgen *g, const uint8_t **msg, uint16_t *len,
			const struct tickpath_rec **rec)
{
	if (!g->day) {
		*rec = NULL;
		return tp_binfile_next(&g->replay, msg, len);
	}
	if (!tp_day_next(g->day, &g->rec))
		return 0;
	*len = tp_itch_encode(&g->rec, tp_day_stock(g->day, g->rec.locate),
			      g->msg);
	*msg = g->msg;
	*rec = &g->rec;
	return 1;
}

static void tpgen_messages(struct tpgen *g)
{
	const struct tickpath_rec *rec;
	const uint8_t *msg;
	struct tp_frame f;
	uint16_t len;
	int got = 0;

	while (!g->err && (got = tpgen_source(g, &msg, &len, &rec)) > 0)
		tpgen_message(g, msg, len, rec);
	if (got < 0) {
		fprintf(stderr, "tpgen: %s: read error\n", g->o.replay);
		g->err = -1;
	}
	tpgen_flush(g);
	tpgen_start(g);
	tp_chaos_flush(&g->chaos);
	tp_pack_end(&g->pack, &f);
	tpgen_emit(g, &f, g->last_due);
}

/*
 * The next MoldUDP64 packet of the pcap to --port, renamed to --session if
 * given: 1, or 0 at the end, or -1 on a corrupt record.  Its UDP checksum
 * is not checked (a capture where the sender offloads it has it wrong, and
 * the packet gets a new one).
 */
static int tpgen_pcap_next(struct tpgen *g, struct tp_frame *f)
{
	struct tp_pcap_rec r;
	enum tp_udp_status st;
	struct tp_udp u;
	int got;

	while ((got = tp_pcap_next(&g->cap, &r)) > 0) {
		st = tp_udp_parse(&g->cap, &r, &u);
		if (st == TP_UDP_OK && u.dport == g->o.out.port &&
		    u.len >= TP_MOLD_HEADER_LEN)
			break;
	}
	if (got <= 0)
		return got;
	memcpy(g->frame, u.payload, u.len);
	if (g->o.session_given)
		memcpy(g->frame, g->o.session, TP_MOLD_SESSION_LEN);
	f->data = g->frame;
	f->len = u.len;
	f->bad = NULL;
	f->seq = tp_get_be64(g->frame + TP_MOLD_SESSION_LEN);
	f->count = tp_get_be16(g->frame + TP_MOLD_SESSION_LEN + 8);
	f->msg = g->pack.next_msg;
	f->kind = f->count == TP_MOLD_HEARTBEAT ? TP_FRAME_HEARTBEAT :
		  f->count == TP_MOLD_END_OF_SESSION ? TP_FRAME_END :
		  TP_FRAME_DATA;
	return 1;
}

/*
 * A pcap's packets as they are, paced as the packer's would be; the
 * misbehaviours act on its data packets.  Heartbeats and the end of
 * session are the pcap's own.
 */
static void tpgen_packets(struct tpgen *g)
{
	bool timed = g->pace.o.speed > 0 || !g->o.out.send;
	struct tp_frame f;
	int got = 0;

	/*
	 * The packer's stream position and time, as if it had packed them;
	 * the time only matters to --speed and to a pcap's clock.
	 */
	while (!g->err && (got = tpgen_pcap_next(g, &f)) > 0) {
		if (f.kind == TP_FRAME_DATA && timed)
			g->pack.last_ts = tp_pack_last_ts(f.data, f.len);
		tpgen_start(g);
		if (f.kind != TP_FRAME_DATA) {
			if (f.kind == TP_FRAME_END)
				tp_chaos_flush(&g->chaos);
			tpgen_emit(g, &f, g->last_due);
			continue;
		}
		g->pack.next_msg += f.count;
		g->due = tp_pace_due(&g->pace, f.count, f.len, g->pack.last_ts);
		tp_chaos_packet(&g->chaos, &f);
		g->last_due = g->due;
	}
	if (got < 0) {
		fprintf(stderr, "tpgen: %s: corrupt pcap record\n",
			g->o.replay_pcap);
		g->err = -1;
	}
	tp_chaos_flush(&g->chaos);
}

static void tpgen_run(struct tpgen *g)
{
	if (g->o.replay_pcap)
		tpgen_packets(g);
	else
		tpgen_messages(g);
	if (tp_out_flush(&g->out))
		g->err = -1;
	if (g->o.out.send)
		g->sent_ns = tp_mono_ns() - g->mono0;
}

static int tpgen_setup_source(struct tpgen *g)
{
	const char *path = g->o.replay ? g->o.replay : g->o.replay_pcap;
	const char *why;
	FILE *f;

	if (!path) {
		g->day = tp_day_new(g->o.messages, g->o.symbols, g->o.seed);
		return g->day ? 0 : -1;
	}
	f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f) {
		perror(path);
		return -1;
	}
	if (g->o.replay)
		return tp_binfile_open(&g->replay, f);
	why = tp_pcap_open(&g->cap, f);
	g->cap.no_udp_csum = true;
	if (why)
		fprintf(stderr, "tpgen: %s: %s\n", path, why);
	return why ? -1 : 0;
}

static int tpgen_setup(struct tpgen *g)
{
	const struct tpgen_opts *o = &g->o;

	if (tpgen_setup_source(g))
		return -1;
	tp_pack_init(&g->pack, o->session, o->max_payload, o->max_msgs);
	tp_pace_init(&g->pace, &o->pace);
	tp_chaos_init(&g->chaos, &o->chaos, o->seed, tpgen_sink, g);
	if (tp_out_open(&g->out, &o->out))
		return -1;
	if (o->binfile) {
		g->binfile = tp_out_file(o->binfile);
		if (!g->binfile)
			return -1;
	}
	if (!o->json)
		return 0;
	g->json = tp_out_file(o->json);
	g->syms = tp_symtab_new();
	g->recs = calloc(o->max_payload / 3, sizeof(*g->recs));
	return g->json && g->syms && g->recs ? 0 : -1;
}

static int tpgen_finish(struct tpgen *g)
{
	if (g->replay.empty || g->replay.truncated || g->too_long)
		fprintf(stderr, "tpgen: skipped %" PRIu64 " empty and %" PRIu64
			" too long messages%s\n", g->replay.empty, g->too_long,
			g->replay.truncated ? "; the file ends mid-message" : "");
	if (g->replay.truncated)
		g->err = -1;
	if (g->o.verbose)
		fprintf(stderr, "tpgen: %" PRIu64 " messages, %" PRIu64
			" frames\n", g->pack.next_msg, g->out.frames);
	/* The rate reached, start-up left out: what --rate compares with. */
	if (g->o.verbose && g->sent_ns)
		fprintf(stderr, "tpgen: sent in %.6f s, %.0f messages/s\n",
			g->sent_ns / 1e9, g->pack.next_msg * 1e9 / g->sent_ns);
	if (tp_out_close(&g->out) ||
	    (g->binfile && tp_out_file_close(g->binfile)) ||
	    (g->json && tp_out_file_close(g->json)))
		g->err = -1;
	if (g->err)
		fprintf(stderr, "tpgen: failed\n");
	tp_day_free(g->day);
	tp_binfile_close(&g->replay);
	tp_pcap_close(&g->cap);
	free(g->recs);
	free(g->syms);
	return g->err ? 1 : 0;
}

int main(int argc, char **argv)
{
	static struct tpgen g;
	int err = tpgen_parse(&g.o, argc, argv);

	if (err)
		return err == 1 ? 0 : 2;
	if (tpgen_setup(&g)) {
		fprintf(stderr, "tpgen: cannot start\n");
		return 1;
	}
	tpgen_run(&g);
	return tpgen_finish(&g);
}
