// SPDX-License-Identifier: GPL-2.0
/*
 * tpverify: a subscription's ring, read live through libtickpath, checked
 * record by record against what was sent.
 *
 *   tpverify -s SUB -f FEED -r PCAP -L LOG [-R READY] [-T SECONDS]
 *            [--sleep-us N] [--start-late MS] [--expect-lost]
 *            [--counters FILE] [--tshark FIELDS]
 *
 * What was sent is the pcap and the --log that tpgen writes for the same
 * seed and options (tpgen is deterministic), decoded by the module's own
 * decoder.  tpverify walks it in step with the ring, through a MoldUDP64
 * receiver as the uapi header describes a channel (sessions, gaps,
 * duplicates, the end of session) and the subscription's filter as the
 * kernel reports it, so that it knows the one record the ring must hold
 * next: nothing may be lost, duplicated or invented, and every field but
 * the stamps and rx_ts must be equal.  Every gap must be exactly what the
 * log says tpgen dropped.  Memory does not grow with the stream.
 *
 * A reader that is slow on purpose (--sleep-us, --start-late) may be
 * lapped: it skips exactly the records the lap cost it and checks those it
 * reads; records read plus lost must be what the kernel says it wrote.
 * --counters writes the feed counters the stream implies, as tpctl -j
 * prints them.  --tshark checks each data record of an unfiltered
 * subscription, re-encoded, against tshark's MoldUDP64 decode of a capture
 * of the same traffic (fields: session, sequence, msgseq, msgdata; the
 * capture must hold no malformed copies); since that decode exists only
 * once the traffic is over, such a reader opens the ring first and reads
 * it when the file appears (a FIFO: as tshark writes it).  Ends with a summary line; exits 0 if every
 * check passed, 1 if not.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "itch.h"
#include "itch_encode.h"
#include "pcap.h"
#include "recprint.h"
#include "tickpath.h"

#define VT_MISMATCHES_MAX 10	/* mismatches reported before giving up */

struct vt_opts {
	const char *sub;
	const char *feed;
	const char *pcap;
	const char *log;
	const char *ready;
	const char *counters;
	const char *tshark;
	unsigned int timeout_s;
	unsigned int sleep_us;
	unsigned int start_late_ms;
	bool expect_lost;
};

/* The subscription's filter, with the rules of TICKPATH_CMD_SUB_ADD. */
struct vt_filter {
	uint32_t types;			/* bit n: type index n passes */
	bool any_locate;		/* no locate or symbol listed */
	uint8_t locates[65536 / 8];	/* listed, or a listed symbol's */
	struct tp_symbol symbols[TICKPATH_SUB_SYMBOLS_MAX];
	bool resolved[TICKPATH_SUB_SYMBOLS_MAX];
	size_t nsymbols;
};

/* The feed counters of struct tp_feed_stats that a stream determines. */
struct vt_counters {
	uint64_t packets, bytes, messages, heartbeats, duplicates;
	uint64_t gaps, gap_messages, sessions, stale, end_of_session;
	uint64_t types[TP_ITCH_TYPE_MAX];
	uint64_t malformed[TICKPATH_MALFORMED_MAX + 1];
};

/* tpgen's --log: one line per frame sent, per drop, per session, per bad
 * message.  Frames match the pcap's one for one.
 */
struct vt_log {
	FILE *f;
	char *line;
	size_t cap;
	uint64_t lineno;
	uint64_t dropped;	/* messages dropped since the last gap */
	uint64_t unreported;	/* dropped where no gap can tell */
	uint64_t drops;		/* drop lines */
};

struct vt_log_frame {
	char kind[16];
	char session[TP_MOLD_SESSION_LEN + 1];
	uint64_t seq;
	uint64_t count;
};

/* The records the ring must hold, in order. */
struct vt_expect {
	struct tp_pcap pcap;
	struct vt_log log;
	struct vt_filter filter;
	uint8_t channel, line;
	/* The receiver: a channel's sequence state. */
	bool have_session, ended, have_left;
	uint8_t session[TP_MOLD_SESSION_LEN];
	uint8_t left[TP_MOLD_SESSION_LEN];	/* the session before */
	uint64_t next_seq;
	uint8_t announced[65536 / 8];	/* locates the directory named */
	/* Control records the current packet implies, before its messages. */
	struct tickpath_rec control[3];
	unsigned int ncontrol, next_control;
	/* The current packet's messages. */
	struct tp_mold_packet pkt;
	const u8 *cursor;
	unsigned int index, count, seen;
	uint64_t frame;
	uint64_t filtered;
	struct vt_counters c;
};

/* MoldUDP64 as tshark decoded the capture, one message at a time. */
struct vt_tshark {
	FILE *f;
	char *line;
	size_t cap;
	char session[TP_MOLD_SESSION_LEN + 1];
	char *seqs, *datas;	/* what is left of the line's lists */
	uint64_t checked, skipped;
	struct tp_symtab *syms;	/* the stock of A, F, P and Q */
};

struct vt {
	struct vt_opts o;
	struct tp_ctl *ctl;
	struct tp_sub *sub;
	struct vt_expect e;
	struct vt_tshark ts;
	bool tshark;
	uint64_t read, data, gaps, sessions, skipped;
	uint64_t first_rx, last_rx;	/* the kernel's receive times */
	uint64_t first_ms, last_ms;	/* when this reader read them */
	unsigned int mismatches;
	bool failed;
	char cur_session[TP_MOLD_SESSION_LEN + 1];
};

static void vt_fail(struct vt *v, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "tpverify %s: FAIL: ", v->o.sub);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	putc('\n', stderr);
	v->failed = true;
}

static uint64_t vt_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ULL + ts.tv_nsec / 1000000;
}

static bool vt_bit(const uint8_t *map, unsigned int n)
{
	return map[n / 8] & (1u << (n % 8));
}

static void vt_set_bit(uint8_t *map, unsigned int n)
{
	map[n / 8] |= 1u << (n % 8);
}

/* Filter */

static int vt_filter_load(struct vt *v)
{
	struct vt_filter *flt = &v->e.filter;
	struct tp_sub_info info;
	const char *t;
	size_t i;
	int ret;

	ret = tp_ctl_sub_get(v->ctl, v->o.sub, &info);
	if (ret < 0) {
		fprintf(stderr, "tpverify: sub %s: %s\n", v->o.sub,
			tp_ctl_error(v->ctl));
		return ret;
	}
	flt->types = info.types[0] ? 0 : ~0U;
	for (t = info.types; *t; t++)
		flt->types |= 1u << tp_itch_type_index(*t);
	flt->any_locate = !info.nr_locates && !info.nr_symbols;
	for (i = 0; i < info.nr_locates; i++)
		vt_set_bit(flt->locates, info.locates[i]);
	flt->nsymbols = info.nr_symbols;
	memcpy(flt->symbols, info.symbols, info.nr_symbols * sizeof(*info.symbols));
	if (v->o.tshark && (info.types[0] || !flt->any_locate)) {
		fprintf(stderr, "tpverify: --tshark needs an unfiltered subscription\n");
		return -EINVAL;
	}
	return 0;
}

/* A Stock Directory message: the first announcement of a locate holds,
 * and a symbol resolves once, for the day.
 */
static void vt_filter_announce(struct vt_expect *e, const struct tickpath_rec *rec)
{
	struct vt_filter *flt = &e->filter;
	size_t i;

	if (vt_bit(e->announced, rec->locate))
		return;
	vt_set_bit(e->announced, rec->locate);
	for (i = 0; i < flt->nsymbols; i++) {
		if (flt->resolved[i] ||
		    memcmp(flt->symbols[i].name, rec->stock_directory.stock, 8))
			continue;
		flt->resolved[i] = true;
		vt_set_bit(flt->locates, rec->locate);
	}
}

static bool vt_filter_pass(const struct vt_filter *flt, const struct tickpath_rec *rec)
{
	if (!(flt->types & (1u << tp_itch_type_index(rec->type))))
		return false;
	return flt->any_locate || !rec->locate || vt_bit(flt->locates, rec->locate);
}

/* Log */

/* "KEY=" in a log line: its value, up to the next space, or NULL. */
static const char *vt_log_field(const char *line, const char *key)
{
	size_t n = strlen(key);
	const char *p = line;

	while ((p = strstr(p, key))) {
		if (p > line && p[-1] == ' ' && p[n] == '=')
			return p + n + 1;
		p += n;
	}
	return NULL;
}

static int vt_log_parse(struct vt_log *log, struct vt_log_frame *lf)
{
	const char *session = vt_log_field(log->line, "session");
	const char *seq = vt_log_field(log->line, "seq");
	const char *count = vt_log_field(log->line, "count");
	size_t n = strcspn(log->line, " ");

	if (!session || !seq || n >= sizeof(lf->kind)) {
		fprintf(stderr, "tpverify: log line %" PRIu64 ": cannot parse\n",
			log->lineno);
		return -1;
	}
	memcpy(lf->kind, log->line, n);
	lf->kind[n] = '\0';
	n = strcspn(session, " ");
	snprintf(lf->session, sizeof(lf->session), "%.*s", (int)n, session);
	lf->seq = strtoull(seq, NULL, 10);
	lf->count = count ? strtoull(count, NULL, 10) : 0;
	return 0;
}

/*
 * The next frame line, counting what was dropped on the way.  The drops
 * before a new session (or before the first packet received) are none of
 * the receiver's gaps.  Returns 1, 0 at the end or -1.
 */
static int vt_log_next_frame(struct vt_log *log, struct vt_log_frame *lf)
{
	while (getline(&log->line, &log->cap, log->f) > 0) {
		log->lineno++;
		log->line[strcspn(log->line, "\n")] = '\0';
		if (vt_log_parse(log, lf))
			return -1;
		if (!strcmp(lf->kind, "drop")) {
			log->dropped += lf->count;
			log->drops++;
		} else if (!strcmp(lf->kind, "session")) {
			log->unreported += log->dropped;
			log->dropped = 0;
		} else if (!strcmp(lf->kind, "late")) {
			fprintf(stderr, "tpverify: log line %" PRIu64
				": reordered frames are not supported\n",
				log->lineno);
			return -1;
		} else if (vt_log_field(log->line, "frame")) {
			return 1;
		}
	}
	return 0;
}

/* Expected stream */

static void vt_control(struct vt_expect *e, uint8_t type, uint64_t seq,
		       uint64_t gap)
{
	struct tickpath_rec *rec = &e->control[e->ncontrol++];

	memset(rec, 0, sizeof(*rec));
	rec->type = type;
	rec->seq = seq;
	rec->channel = e->channel;
	rec->line = e->line;
	if (type == TICKPATH_REC_GAP)
		rec->gap.count = gap;
	else if (type == TICKPATH_REC_SESSION)
		memcpy(rec->session.name, e->session, TP_MOLD_SESSION_LEN);
}

/* A new session numbers from 1; the first one is joined where it is. */
static void vt_session(struct vt_expect *e, const struct tp_mold_packet *pkt)
{
	if (e->have_session &&
	    !memcmp(e->session, pkt->session, TP_MOLD_SESSION_LEN))
		return;
	if (!e->have_session) {
		e->log.unreported += e->log.dropped;
		e->log.dropped = 0;
	} else {
		memcpy(e->left, e->session, TP_MOLD_SESSION_LEN);
		e->have_left = true;
	}
	e->next_seq = e->have_session ? 1 : pkt->seq;
	e->have_session = true;
	e->ended = false;
	memcpy(e->session, pkt->session, TP_MOLD_SESSION_LEN);
	e->c.sessions++;
	vt_control(e, TICKPATH_REC_SESSION, e->next_seq, 0);
}

/* The control records a good packet implies, and how many of its messages
 * were seen before.  Heartbeats and ends of session reveal gaps too.
 */
static int vt_sequence(struct vt_expect *e, const struct tp_mold_packet *pkt)
{
	int64_t missing;

	e->ncontrol = e->next_control = 0;
	e->index = e->count = e->seen = 0;
	/* Reordered from before a session change: nothing of it reaches a ring. */
	if (e->have_left && !memcmp(e->left, pkt->session, TP_MOLD_SESSION_LEN)) {
		e->c.stale++;
		return 0;
	}
	vt_session(e, pkt);
	missing = (int64_t)(pkt->seq - e->next_seq);
	if (missing > 0) {
		if ((uint64_t)missing != e->log.dropped) {
			fprintf(stderr, "tpverify: frame %" PRIu64 ": a gap of %"
				PRId64 " at %" PRIu64 ", but the log dropped %"
				PRIu64 "\n", e->frame, missing, e->next_seq,
				e->log.dropped);
			return -1;
		}
		e->log.dropped = 0;
		e->c.gaps++;
		e->c.gap_messages += missing;
		vt_control(e, TICKPATH_REC_GAP, e->next_seq, missing);
		e->next_seq = pkt->seq;
	}
	e->cursor = pkt->blocks;
	if (pkt->count == TP_MOLD_HEARTBEAT) {
		e->c.heartbeats++;
	} else if (pkt->count == TP_MOLD_END_OF_SESSION) {
		e->c.end_of_session++;
		if (!e->ended)
			vt_control(e, TICKPATH_REC_END_OF_SESSION, pkt->seq, 0);
		e->ended = true;
	} else {
		e->count = pkt->count;
		e->seen = e->next_seq - pkt->seq < e->count ?
			  e->next_seq - pkt->seq : e->count;
		e->c.duplicates += e->seen;
		if (e->seen < e->count)
			e->next_seq = pkt->seq + e->count;
	}
	return 0;
}

static bool vt_frame_matches(const struct vt_log_frame *lf,
			     const struct tp_mold_packet *pkt)
{
	char session[TP_MOLD_SESSION_LEN + 1];
	int n = TP_MOLD_SESSION_LEN;

	while (n > 1 && pkt->session[n - 1] == ' ')
		n--;
	snprintf(session, sizeof(session), "%.*s", n, (const char *)pkt->session);
	return strcmp(lf->kind, "malformed") && !strcmp(lf->session, session) &&
	       lf->seq == pkt->seq && lf->count == pkt->count;
}

/* The next frame of the pcap and of the log: 1, 0 at the end, or -1. */
static int vt_expect_frame(struct vt_expect *e)
{
	enum tickpath_malformed why;
	struct vt_log_frame lf;
	struct tp_pcap_rec r;
	struct tp_udp u;
	int got, in_log;

	got = tp_pcap_next(&e->pcap, &r);
	in_log = got >= 0 ? vt_log_next_frame(&e->log, &lf) : -1;
	if (got < 0 || in_log < 0 || got != in_log) {
		fprintf(stderr, "tpverify: frame %" PRIu64 ": the pcap and the log "
			"do not agree (pcap %d, log %d)\n", e->frame + 1, got,
			in_log);
		return -1;
	}
	if (!got) {
		e->log.unreported += e->log.dropped;
		return 0;
	}
	e->frame++;
	if (tp_udp_parse(&e->pcap, &r, &u) != TP_UDP_OK) {
		fprintf(stderr, "tpverify: frame %" PRIu64 ": not a good UDP "
			"datagram\n", e->frame);
		return -1;
	}
	e->c.packets++;
	e->c.bytes += u.len;
	why = tp_mold_parse(u.payload, u.len, &e->pkt);
	if (why != TICKPATH_MALFORMED_NONE) {
		e->c.malformed[why]++;
		e->ncontrol = e->next_control = e->count = e->index = 0;
		if (!strcmp(lf.kind, "malformed"))
			return 1;
	} else if (vt_frame_matches(&lf, &e->pkt)) {
		return vt_sequence(e, &e->pkt) ? -1 : 1;
	}
	fprintf(stderr, "tpverify: frame %" PRIu64 " is not the log's line %"
		PRIu64 "\n", e->frame, e->log.lineno);
	return -1;
}

/* The current packet's next message that passes the filter: 1 or 0. */
static int vt_expect_message(struct vt_expect *e, struct tickpath_rec *rec)
{
	enum tickpath_malformed why;
	unsigned int i;
	const u8 *msg;
	u16 len;

	while (e->index < e->count) {
		i = e->index++;
		msg = tp_mold_next_block(&e->cursor, &len);
		if (i < e->seen)
			continue;
		memset(rec, 0, sizeof(*rec));
		why = tp_itch_decode(msg, len, rec);
		if (why != TICKPATH_MALFORMED_NONE) {
			e->c.malformed[why]++;
			continue;
		}
		rec->seq = e->pkt.seq + i;
		rec->channel = e->channel;
		rec->line = e->line;
		e->c.messages++;
		e->c.types[rec->type]++;
		if (rec->type == 'R')
			vt_filter_announce(e, rec);
		if (vt_filter_pass(&e->filter, rec))
			return 1;
		e->filtered++;
	}
	return 0;
}

/* The next record the ring must hold: 1, 0 at the end of the stream, -1. */
static int vt_expect_next(struct vt_expect *e, struct tickpath_rec *rec)
{
	int got;

	for (;;) {
		if (e->next_control < e->ncontrol) {
			*rec = e->control[e->next_control++];
			return 1;
		}
		if (vt_expect_message(e, rec))
			return 1;
		got = vt_expect_frame(e);
		if (got <= 0)
			return got;
	}
}

static int vt_expect_open(struct vt *v)
{
	struct vt_expect *e = &v->e;
	struct tp_feed_info feed;
	const char *err;
	FILE *f;
	int ret;

	ret = tp_ctl_feed_get(v->ctl, v->o.feed, &feed);
	if (ret < 0) {
		fprintf(stderr, "tpverify: feed %s: %s\n", v->o.feed,
			tp_ctl_error(v->ctl));
		return ret;
	}
	e->channel = feed.channel_id;
	e->line = feed.line;
	f = fopen(v->o.pcap, "r");
	if (!f) {
		perror(v->o.pcap);
		return -errno;
	}
	err = tp_pcap_open(&e->pcap, f);
	if (err) {
		fprintf(stderr, "tpverify: %s: %s\n", v->o.pcap, err);
		return -EINVAL;
	}
	e->log.f = fopen(v->o.log, "r");
	if (!e->log.f) {
		perror(v->o.log);
		return -errno;
	}
	return 0;
}

/* Comparison */

struct vt_field {
	const char *name;
	size_t off, size;
};

#define VT_FIELD(m) { #m, offsetof(struct tickpath_rec, m), \
		      sizeof(((struct tickpath_rec *)0)->m) }

/* Every header field but stamp and rx_ts. */
static const struct vt_field vt_header[] = {
	VT_FIELD(seq), VT_FIELD(exch_ts), VT_FIELD(type), VT_FIELD(flags),
	VT_FIELD(locate), VT_FIELD(tracking), VT_FIELD(channel), VT_FIELD(line),
};

static uint64_t vt_field_value(const struct tickpath_rec *rec,
			       const struct vt_field *f)
{
	uint64_t v = 0;

	/* Little-endian: the low bytes of v. */
	memcpy(&v, (const uint8_t *)rec + f->off, f->size);
	return v;
}

/* The body as it must match: a long record's second stamp is the ring's. */
static void vt_body(const struct tickpath_rec *rec, uint8_t *body)
{
	const size_t stamp2 = TICKPATH_SLOT_SIZE - TICKPATH_REC_BODY_OFFSET;

	memcpy(body, rec->body, sizeof(rec->body));
	memset(body + stamp2, 0, sizeof(uint64_t));
}

static void vt_mismatch(struct vt *v, const struct tickpath_rec *got,
			const struct tickpath_rec *want, const char *what)
{
	vt_fail(v, "record %" PRIu64 " (seq %" PRIu64 "): %s", v->read,
		want->seq, what);
	fputs("  ring:     ", stderr);
	tp_rec_print(stderr, got, NULL, false);
	fputs("  expected: ", stderr);
	tp_rec_print(stderr, want, NULL, false);
	v->mismatches++;
}

static bool vt_compare(struct vt *v, const struct tickpath_rec *got,
		       const struct tickpath_rec *want)
{
	uint8_t a[sizeof(got->body)], b[sizeof(want->body)];
	char what[128];
	size_t i;

	for (i = 0; i < sizeof(vt_header) / sizeof(vt_header[0]); i++) {
		uint64_t x = vt_field_value(got, &vt_header[i]);
		uint64_t y = vt_field_value(want, &vt_header[i]);

		if (x != y) {
			snprintf(what, sizeof(what), "%s is %" PRIu64
				 ", expected %" PRIu64, vt_header[i].name, x, y);
			vt_mismatch(v, got, want, what);
			return false;
		}
	}
	vt_body(got, a);
	vt_body(want, b);
	for (i = 0; i < sizeof(a); i++) {
		if (a[i] != b[i]) {
			snprintf(what, sizeof(what), "body byte %zu is 0x%02x, "
				 "expected 0x%02x", i, a[i], b[i]);
			vt_mismatch(v, got, want, what);
			return false;
		}
	}
	return true;
}

/* tshark */

/*
 * The capture is decoded once the traffic is over, so the fields file is
 * waited for (a FIFO, or a file created whole); the ring must hold the day.
 */
static int vt_tshark_open(struct vt *v, uint64_t deadline)
{
	struct vt_tshark *ts = &v->ts;

	while (access(v->o.tshark, F_OK)) {
		if (vt_now_ms() >= deadline) {
			vt_fail(v, "timed out waiting for %s", v->o.tshark);
			return -1;
		}
		usleep(100000);
	}
	ts->f = fopen(v->o.tshark, "r");
	ts->syms = tp_symtab_new();
	if (!ts->f || !ts->syms) {
		vt_fail(v, "%s: %s", v->o.tshark, strerror(errno));
		return -1;
	}
	return 0;
}

/* tshark's next message: its session, sequence and hex bytes; 0 at EOF. */
static int vt_tshark_next(struct vt_tshark *ts, uint64_t *seq, const char **hex,
			  size_t *hexlen)
{
	char *cols[4], *p;
	int i;

	while (!ts->seqs || !*ts->seqs) {
		if (getline(&ts->line, &ts->cap, ts->f) <= 0)
			return 0;
		ts->line[strcspn(ts->line, "\n")] = '\0';
		for (p = ts->line, i = 0; i < 4; i++) {
			cols[i] = p;
			p += strcspn(p, "\t");
			if (*p)
				*p++ = '\0';
		}
		snprintf(ts->session, sizeof(ts->session), "%.*s",
			 (int)strcspn(cols[0], " "), cols[0]);
		ts->seqs = cols[2];
		ts->datas = cols[3];
	}
	*seq = strtoull(ts->seqs, &p, 10);
	if (p == ts->seqs || (*p && *p != ',')) {
		fprintf(stderr, "tpverify: tshark: bad sequence list: %s\n",
			ts->seqs);
		return 0;
	}
	ts->seqs = p + (*p == ',');
	*hex = ts->datas;
	*hexlen = strcspn(ts->datas, ",");
	ts->datas += *hexlen + (ts->datas[*hexlen] == ',');
	return 1;
}

static bool vt_hex_equal(const char *hex, size_t hexlen, const u8 *bytes,
			 unsigned int len)
{
	static const char digits[] = "0123456789abcdef";
	unsigned int i;

	if (hexlen != 2 * (size_t)len)
		return false;
	for (i = 0; i < len; i++)
		if (hex[2 * i] != digits[bytes[i] >> 4] ||
		    hex[2 * i + 1] != digits[bytes[i] & 15])
			return false;
	return true;
}

/* The data record's message, as the exchange sent it, against tshark's. */
static void vt_tshark_check(struct vt *v, const struct tickpath_rec *rec)
{
	struct vt_tshark *ts = &v->ts;
	const char *stock = tp_symtab_get(ts->syms, rec->locate);
	u8 msg[TP_ITCH_MAX_LEN];
	unsigned int len;
	const char *hex;
	size_t hexlen;
	uint64_t seq;

	len = tp_itch_encode(rec, stock ? stock : "        ", msg);
	for (;;) {
		if (!vt_tshark_next(ts, &seq, &hex, &hexlen)) {
			vt_fail(v, "tshark: no message %s/%" PRIu64 " in the capture",
				v->cur_session, rec->seq);
			return;
		}
		if (seq == rec->seq && !strcmp(ts->session, v->cur_session))
			break;
		ts->skipped++;
	}
	ts->checked++;
	if (!vt_hex_equal(hex, hexlen, msg, len))
		vt_fail(v, "tshark: message %" PRIu64 " is %.*s, the record "
			"encodes to %u other bytes", seq, (int)hexlen, hex, len);
}

/* Reading */

static void vt_note(struct vt *v, const struct tickpath_rec *rec)
{
	int n = TP_MOLD_SESSION_LEN;

	v->last_rx = rec->rx_ts;
	v->last_ms = vt_now_ms();
	if (!v->first_rx) {
		v->first_rx = v->last_rx;
		v->first_ms = v->last_ms;
	}
	switch (rec->type) {
	case TICKPATH_REC_GAP:
		v->gaps++;
		break;
	case TICKPATH_REC_SESSION:
		v->sessions++;
		while (n > 1 && rec->session.name[n - 1] == ' ')
			n--;
		snprintf(v->cur_session, sizeof(v->cur_session), "%.*s", n,
			 rec->session.name);
		break;
	case TICKPATH_REC_END_OF_SESSION:
		break;
	default:
		v->data++;
		if (!v->tshark)
			break;
		tp_symtab_learn(v->ts.syms, rec);
		vt_tshark_check(v, rec);
	}
}

/* Skips the records a lap cost, then checks @rec against the next one. */
static int vt_check(struct vt *v, const struct tickpath_rec *rec,
		    uint64_t *lost_seen)
{
	struct tickpath_rec want;
	uint64_t lost = tp_sub_lost(v->sub);
	int got;

	for (; *lost_seen != lost; (*lost_seen)++) {
		got = vt_expect_next(&v->e, &want);
		if (got <= 0) {
			vt_fail(v, "lapped past the end of what was sent");
			return -1;
		}
		v->skipped++;
	}
	got = vt_expect_next(&v->e, &want);
	if (got < 0)
		return -1;
	v->read++;
	if (!got) {
		memset(&want, 0, sizeof(want));
		vt_mismatch(v, rec, &want, "a record after the end of what was sent");
		return -1;
	}
	if (!vt_compare(v, rec, &want))
		return v->mismatches < VT_MISMATCHES_MAX ? 0 : -1;
	vt_note(v, rec);
	return 0;
}

/* The last end of session: nothing may follow it in what was sent. */
static bool vt_done(struct vt *v, const struct tickpath_rec *rec)
{
	struct tickpath_rec more;

	if (rec->type != TICKPATH_REC_END_OF_SESSION)
		return false;
	if (vt_expect_next(&v->e, &more) > 0)
		vt_mismatch(v, rec, &more, "the ring ended before the stream");
	return true;
}

static int vt_read(struct vt *v)
{
	uint64_t deadline = vt_now_ms() + v->o.timeout_s * 1000ULL;
	struct tickpath_rec rec;
	uint64_t lost_seen = 0, now;
	int got;

	if (v->o.start_late_ms)
		usleep(v->o.start_late_ms * 1000);
	if (v->tshark && vt_tshark_open(v, deadline))
		return -1;
	for (;;) {
		got = tp_sub_read(v->sub, &rec);
		if (got == 1) {
			if (vt_check(v, &rec, &lost_seen) < 0)
				return -1;
			if (vt_done(v, &rec))
				return v->failed ? -1 : 0;
			if (v->o.sleep_us)
				usleep(v->o.sleep_us);
			continue;
		}
		now = vt_now_ms();
		if (now >= deadline) {
			vt_fail(v, "timed out after %u s waiting for record %" PRIu64,
				v->o.timeout_s, v->read + lost_seen);
			return -1;
		}
		got = tp_sub_wait(v->sub, (int)(deadline - now));
		if (got < 0 && got != -EINTR) {
			vt_fail(v, "waiting: %s", strerror(-got));
			return -1;
		}
	}
}

/* Ends */

static void vt_check_counts(struct vt *v)
{
	struct tp_sub_info info;
	uint64_t lost = tp_sub_lost(v->sub);

	if (tp_ctl_sub_get(v->ctl, v->o.sub, &info) < 0) {
		vt_fail(v, "sub get: %s", tp_ctl_error(v->ctl));
		return;
	}
	if (v->read + lost != info.stats.records)
		vt_fail(v, "read %" PRIu64 " + lost %" PRIu64 " records, the "
			"kernel wrote %" PRIu64, v->read, lost, info.stats.records);
	if (v->e.filtered != info.stats.filtered)
		vt_fail(v, "%" PRIu64 " messages filtered out, the kernel says %"
			PRIu64, v->e.filtered, info.stats.filtered);
	if (lost != v->skipped)
		vt_fail(v, "lost %" PRIu64 " but skipped %" PRIu64, lost, v->skipped);
	if (!v->o.expect_lost && lost)
		vt_fail(v, "lapped: %" PRIu64 " records lost", lost);
	if (v->o.expect_lost && !lost)
		vt_fail(v, "expected to be lapped, lost nothing");
	if (v->e.log.drops && !v->gaps && !v->o.expect_lost)
		vt_fail(v, "tpgen dropped packets and no gap was reported");
	if (v->tshark && !v->ts.checked)
		vt_fail(v, "tshark: nothing checked");
}

static void vt_counter(FILE *f, const char *key, uint64_t value, bool *more)
{
	fprintf(f, "%s\"%s\":%" PRIu64, *more ? "," : "", key, value);
	*more = true;
}

/* The feed counters, shaped as tpctl -j's "stats" (zeros of the nested
 * lists left out, as tpctl does).
 */
static int vt_write_counters(const struct vt_counters *c, const char *path)
{
	FILE *f = fopen(path, "w");
	bool more = false;
	char type[2] = "";
	unsigned int i;

	if (!f) {
		perror(path);
		return -1;
	}
	fputc('{', f);
	vt_counter(f, "packets", c->packets, &more);
	vt_counter(f, "bytes", c->bytes, &more);
	vt_counter(f, "messages", c->messages, &more);
	vt_counter(f, "heartbeats", c->heartbeats, &more);
	vt_counter(f, "passed", 0, &more);
	vt_counter(f, "duplicates", c->duplicates, &more);
	vt_counter(f, "gaps", c->gaps, &more);
	vt_counter(f, "gap_messages", c->gap_messages, &more);
	vt_counter(f, "sessions", c->sessions, &more);
	vt_counter(f, "stale", c->stale, &more);
	vt_counter(f, "end_of_session", c->end_of_session, &more);
	fputs(",\"types\":{", f);
	for (i = 0, more = false; i < TP_ITCH_TYPE_MAX; i++) {
		type[0] = i;
		if (c->types[i])
			vt_counter(f, type, c->types[i], &more);
	}
	fputs("},\"malformed\":{", f);
	for (i = 1, more = false; i <= TICKPATH_MALFORMED_MAX; i++)
		if (c->malformed[i])
			vt_counter(f, tp_malformed_name(i), c->malformed[i], &more);
	fputs("}}\n", f);
	return fclose(f) ? -1 : 0;
}

static void vt_summary(struct vt *v)
{
	double secs = (double)(v->last_rx - v->first_rx) / 1e9;

	printf("tpverify %s: %s records=%" PRIu64 " messages=%" PRIu64
	       " gaps=%" PRIu64 " sessions=%" PRIu64 " lost=%" PRIu64
	       " laps=%" PRIu64 " filtered=%" PRIu64 " dropped=%" PRIu64
	       " unreported=%" PRIu64, v->o.sub, v->failed ? "FAIL" : "ok",
	       v->read, v->data, v->gaps, v->sessions, tp_sub_lost(v->sub),
	       tp_sub_laps(v->sub), v->e.filtered,
	       v->e.log.dropped + v->e.log.unreported, v->e.log.unreported);
	if (v->tshark)
		printf(" tshark=%" PRIu64 " tshark_skipped=%" PRIu64,
		       v->ts.checked, v->ts.skipped);
	if (secs > 0)
		printf(" rx_span=%.3fs rx_rate=%.0f/s read_span=%.3fs", secs,
		       v->read / secs, (v->last_ms - v->first_ms) / 1e3);
	putchar('\n');
}

/* Setup */

static void vt_usage(FILE *out)
{
	fprintf(out,
"Usage: tpverify -s SUB -f FEED -r PCAP -L LOG [OPTIONS]\n"
"Reads the ring of subscription SUB live and checks every record against\n"
"what tpgen sent (its pcap and --log of the same seed and options), by\n"
"sequence number, through the subscription's filter.\n"
"\n"
"  -s, --sub NAME        the subscription\n"
"  -f, --feed NAME       its channel's feed (for the channel id)\n"
"  -r, --pcap FILE       tpgen -w of the run\n"
"  -L, --log FILE        tpgen --log of the run\n"
"  -R, --ready FILE      created once the ring is open\n"
"  -T, --timeout S       fail if the end of session is not read in S\n"
"                        seconds (default 120)\n"
"      --sleep-us N      sleep N us after each record (a slow reader)\n"
"      --start-late MS   open the ring, then wait MS ms before reading\n"
"      --expect-lost     the reader must be lapped (else: must not)\n"
"      --counters FILE   write the feed counters the stream implies\n"
"      --tshark FILE     wait for FILE (or a FIFO's writer), then compare\n"
"                        each data record with it, as written by\n"
"                        tshark -T fields -E occurrence=a -e\n"
"                        moldudp64.session -e moldudp64.sequence -e\n"
"                        moldudp64.msgseq -e moldudp64.msgdata of a\n"
"                        capture of the traffic\n"
"  -h, --help\n");
}

static int vt_parse(struct vt_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "sub", required_argument, NULL, 's' },
		{ "feed", required_argument, NULL, 'f' },
		{ "pcap", required_argument, NULL, 'r' },
		{ "log", required_argument, NULL, 'L' },
		{ "ready", required_argument, NULL, 'R' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "sleep-us", required_argument, NULL, 1 },
		{ "start-late", required_argument, NULL, 2 },
		{ "expect-lost", no_argument, NULL, 3 },
		{ "counters", required_argument, NULL, 4 },
		{ "tshark", required_argument, NULL, 5 },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	int c;

	o->timeout_s = 120;
	while ((c = getopt_long(argc, argv, "s:f:r:L:R:T:h", longopts, NULL)) != -1) {
		switch (c) {
		case 's': o->sub = optarg; break;
		case 'f': o->feed = optarg; break;
		case 'r': o->pcap = optarg; break;
		case 'L': o->log = optarg; break;
		case 'R': o->ready = optarg; break;
		case 'T': o->timeout_s = strtoul(optarg, NULL, 10); break;
		case 1: o->sleep_us = strtoul(optarg, NULL, 10); break;
		case 2: o->start_late_ms = strtoul(optarg, NULL, 10); break;
		case 3: o->expect_lost = true; break;
		case 4: o->counters = optarg; break;
		case 5: o->tshark = optarg; break;
		case 'h': vt_usage(stdout); exit(0);
		default: vt_usage(stderr); return -1;
		}
	}
	if (!o->sub || !o->feed || !o->pcap || !o->log || optind != argc) {
		vt_usage(stderr);
		return -1;
	}
	return 0;
}

static int vt_ready(const char *path)
{
	FILE *f;

	if (!path)
		return 0;
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		return -1;
	}
	return fclose(f);
}

static int vt_setup(struct vt *v)
{
	int ret = tp_ctl_open(&v->ctl);

	if (ret < 0) {
		fprintf(stderr, "tpverify: netlink: %s\n", strerror(-ret));
		return ret;
	}
	v->tshark = v->o.tshark;
	ret = vt_filter_load(v) ?: vt_expect_open(v);
	if (ret)
		return ret;
	ret = tp_sub_open(v->o.sub, &v->sub);
	if (ret < 0) {
		fprintf(stderr, "tpverify: open %s: %s\n", v->o.sub, strerror(-ret));
		return ret;
	}
	return vt_ready(v->o.ready);
}

int main(int argc, char **argv)
{
	static struct vt v;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (vt_parse(&v.o, argc, argv) || vt_setup(&v))
		return 1;
	if (!vt_read(&v))
		vt_check_counts(&v);
	if (v.o.counters && vt_write_counters(&v.e.c, v.o.counters))
		v.failed = true;
	vt_summary(&v);
	return v.failed;
}
