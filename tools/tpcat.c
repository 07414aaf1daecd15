// SPDX-License-Identifier: GPL-2.0
/*
 * tpcat: tickpath records, one per line, as text or JSON.
 *
 *   tpcat [-j] [-c N] [-t TYPES] [-l LOCATES] [-s SYMBOLS] [--stats] SUB
 *   tpcat -r FILE [-j] [-c N] [-t TYPES] [-l LOCATES] [-s SYMBOLS]
 *         [-p PORT] [-g GROUP] [--stats]
 *
 * Live, it reads subscription SUB's ring (libtickpath's reader), sleeping
 * in the kernel when there is nothing to read.  Offline, it decodes a pcap
 * of a MoldUDP64 feed with the module's own decoder (tp_mold_parse() and
 * tp_itch_decode()): a record's seq is its message's sequence number and
 * rx_ts the packet's capture time.  Records go through tpcat_record(), which
 * knows nothing of where they came from.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itch.h"
#include "pcap.h"
#include "recfilter.h"
#include "recprint.h"
#include "tickpath.h"
#include "version.h"

struct tpcat_stats {
	uint64_t packets;	/* UDP packets taken for the feed */
	uint64_t messages;	/* decoded */
	uint64_t heartbeats;
	uint64_t end_of_session;
	uint64_t printed;
	uint64_t other;		/* frames that are not the feed's */
	uint64_t truncated;	/* captured short */
	uint64_t malformed[TICKPATH_MALFORMED_MAX + 1];
	uint64_t udp_csum;	/* of malformed checksum: the UDP one (-K) */
};

struct tpcat {
	bool json;
	bool stats;
	bool verify_csum;	/* -K turns it off, as in tcpdump */
	uint64_t limit;		/* 0: none */
	uint16_t port;		/* 0: any */
	uint32_t group;		/* 0: any */
	struct tp_filter filter;
	struct tp_symtab *syms;
	struct tickpath_rec rec;
	struct tpcat_stats st;
};

static void tpcat_usage(FILE *out)
{
	fprintf(out,
"Usage: tpcat [OPTIONS] SUBSCRIPTION\n"
"       tpcat -r FILE [OPTIONS]\n"
"Prints a subscription's records live, as the kernel writes them to its\n"
"ring (control records too: GAP, SESSION, END_OF_SESSION), until the count\n"
"is reached, the subscription goes, or a signal; records lost to laps are\n"
"reported on stderr.  With -r, prints the ITCH messages of a MoldUDP64 feed\n"
"captured in a pcap ('-': standard input), decoded by the module's decoder.\n"
"\n"
"  -r, --read FILE       the pcap (classic; Ethernet, raw IP or Linux cooked)\n"
"  -j, --json            JSON lines instead of text\n"
"  -c, --count N         stop after N records\n"
"  -t, --types TYPES     only these message types, e.g. AFE\n"
"  -l, --locates LIST    only these stock locates, e.g. 1,5-9\n"
"  -s, --symbols LIST    only these symbols, e.g. AAPL,MSFT (resolved by\n"
"                        the feed's R messages); locate 0 always passes\n"
"  -p, --port N          only UDP packets to this port\n"
"  -g, --group ADDR      only UDP packets to this address\n"
"  -K, --dont-verify-checksums\n"
"                        decode packets whose UDP checksum is wrong, as a\n"
"                        capture on a sender that offloads checksums has\n"
"                        them (-p, -g and -K apply to -r only)\n"
"      --stats           counts on stderr at the end, as key=value: live,\n"
"                        records read and printed, lost and laps; offline,\n"
"                        packets, messages, heartbeats, end of session, and\n"
"                        malformed ones by reason\n"
"  -V, --version    print tpcat's version and the running module's\n"
"  -h, --help\n");
}

/* Learn, filter, print; false once the count is reached. */
static bool tpcat_record(struct tpcat *c, const struct tickpath_rec *rec)
{
	tp_symtab_learn(c->syms, rec);
	if (!tp_filter_match(&c->filter, rec, c->syms))
		return true;
	tp_rec_print(stdout, rec, c->syms, c->json);
	c->st.printed++;
	return !c->limit || c->st.printed < c->limit;
}

static bool tpcat_packet(struct tpcat *c, const uint8_t *data, uint32_t len,
			 uint64_t time)
{
	struct tp_mold_packet pkt;
	enum tickpath_malformed why = tp_mold_parse(data, len, &pkt);
	const u8 *cursor;
	unsigned int i;

	c->st.packets++;
	if (why != TICKPATH_MALFORMED_NONE) {
		c->st.malformed[why]++;
		return true;
	}
	if (pkt.count == TP_MOLD_END_OF_SESSION) {
		c->st.end_of_session++;
		return true;
	}
	c->st.heartbeats += pkt.count == TP_MOLD_HEARTBEAT;
	cursor = pkt.blocks;
	for (i = 0; i < pkt.count; i++) {
		u16 mlen;
		const u8 *msg = tp_mold_next_block(&cursor, &mlen);

		why = tp_itch_decode(msg, mlen, &c->rec);
		if (why != TICKPATH_MALFORMED_NONE) {
			c->st.malformed[why]++;
			continue;
		}
		c->st.messages++;
		c->rec.seq = pkt.seq + i;
		c->rec.rx_ts = time;
		if (!tpcat_record(c, &c->rec))
			return false;
	}
	return true;
}

/* Frames that are not the feed's UDP are counted as other, bad ones by why. */
static bool tpcat_frame(struct tpcat *c, const struct tp_pcap *p,
			const struct tp_pcap_rec *r)
{
	static const enum tickpath_malformed why[] = {
		[TP_UDP_BAD_IP] = TICKPATH_MALFORMED_IP,
		[TP_UDP_BAD_UDP] = TICKPATH_MALFORMED_UDP,
		[TP_UDP_BAD_CSUM] = TICKPATH_MALFORMED_CSUM,
		[TP_UDP_BAD_UDP_CSUM] = TICKPATH_MALFORMED_CSUM,
		[TP_UDP_FRAGMENT] = TICKPATH_MALFORMED_FRAGMENT,
	};
	enum tp_udp_status status;
	struct tp_udp u;

	status = tp_udp_parse(p, r, &u);
	if ((status == TP_UDP_OK || status == TP_UDP_BAD_UDP_CSUM) &&
	    ((c->port && u.dport != c->port) || (c->group && u.daddr != c->group)))
		status = TP_UDP_OTHER;
	if (status == TP_UDP_BAD_UDP_CSUM) {
		if (!c->verify_csum)
			status = TP_UDP_OK;
		else
			c->st.udp_csum++;
	}
	switch (status) {
	case TP_UDP_OK:
		return tpcat_packet(c, u.payload, u.len, r->time_ns);
	case TP_UDP_OTHER:
		c->st.other++;
		break;
	case TP_UDP_TRUNCATED:
		c->st.truncated++;
		break;
	default:
		c->st.malformed[why[status]]++;
	}
	return true;
}

static int tpcat_read(struct tpcat *c, const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	struct tp_pcap p;
	struct tp_pcap_rec r;
	const char *err;
	int got;

	if (!f) {
		fprintf(stderr, "tpcat: %s: %s\n", path, strerror(errno));
		return 1;
	}
	err = tp_pcap_open(&p, f);
	if (err) {
		fprintf(stderr, "tpcat: %s: %s\n", path, err);
		return 1;
	}
	while ((got = tp_pcap_next(&p, &r)) > 0 && tpcat_frame(c, &p, &r))
		;
	tp_pcap_close(&p);
	if (got < 0)
		fprintf(stderr, "tpcat: %s: truncated or corrupt record\n", path);
	return got < 0;
}

static volatile sig_atomic_t tpcat_stopped;

static void tpcat_stop(int sig)
{
	(void)sig;
	tpcat_stopped = 1;
}

static int tpcat_live(struct tpcat *c, const char *name)
{
	struct sigaction sa = { .sa_handler = tpcat_stop };	/* no SA_RESTART */
	sigset_t stops, unblocked;
	uint64_t records = 0;
	struct tp_sub *sub;
	int ret;

	/* Before the ring is mapped, so that whoever sees it mapped may
	 * signal.
	 */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigemptyset(&stops);
	sigaddset(&stops, SIGINT);
	sigaddset(&stops, SIGTERM);
	ret = tp_sub_open(name, &sub);
	if (ret) {
		fprintf(stderr, "tpcat: %s: %s\n", name, strerror(-ret));
		return 1;
	}
	while (!tpcat_stopped) {
		ret = tp_sub_read(sub, &c->rec);
		if (ret > 0) {
			records++;
			if (!tpcat_record(c, &c->rec))
				break;
			continue;
		}
		/* Output reaches a pipe before we sleep, as tcpdump -l does. */
		fflush(stdout);
		/* Blocked from the check to the sleep, which unblocks them: a
		 * signal in between would be lost otherwise.
		 */
		sigprocmask(SIG_BLOCK, &stops, &unblocked);
		ret = tpcat_stopped ? 0 : tp_sub_pwait(sub, -1, &unblocked);
		sigprocmask(SIG_SETMASK, &unblocked, NULL);
		if (ret < 0 && ret != -EINTR)
			break;
	}
	if (tp_sub_lost(sub))
		fprintf(stderr, "tpcat: %" PRIu64 " records lost, lapped %" PRIu64
			" times\n", tp_sub_lost(sub), tp_sub_laps(sub));
	if (c->stats)
		fprintf(stderr, "records=%" PRIu64 " printed=%" PRIu64 " lost=%"
			PRIu64 " laps=%" PRIu64 "\n", records, c->st.printed,
			tp_sub_lost(sub), tp_sub_laps(sub));
	tp_sub_close(sub);
	return ret < 0 && ret != -EPIPE && ret != -EINTR;
}

static void tpcat_print_stats(const struct tpcat_stats *st)
{
	unsigned int i;

	fprintf(stderr, "packets=%" PRIu64 " messages=%" PRIu64 " heartbeats=%"
		PRIu64 " end_of_session=%" PRIu64 " printed=%" PRIu64 " other=%"
		PRIu64 " truncated=%" PRIu64, st->packets, st->messages,
		st->heartbeats, st->end_of_session, st->printed, st->other,
		st->truncated);
	for (i = 1; i <= TICKPATH_MALFORMED_MAX; i++)
		fprintf(stderr, " %s=%" PRIu64, tp_malformed_name(i),
			st->malformed[i]);
	fputc('\n', stderr);
}

static const struct option tpcat_options[] = {
	{ "read", required_argument, NULL, 'r' },
	{ "json", no_argument, NULL, 'j' },
	{ "count", required_argument, NULL, 'c' },
	{ "types", required_argument, NULL, 't' },
	{ "locates", required_argument, NULL, 'l' },
	{ "symbols", required_argument, NULL, 's' },
	{ "port", required_argument, NULL, 'p' },
	{ "group", required_argument, NULL, 'g' },
	{ "dont-verify-checksums", no_argument, NULL, 'K' },
	{ "stats", no_argument, NULL, 'S' },
	{ "version", no_argument, NULL, 'V' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int tpcat_number(const char *s, uint64_t max, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno || end == s || *end || *s == '-' || *v > max ? -1 : 0;
}

/* 0, or -1 if the option's value is bad. */
static int tpcat_option(struct tpcat *c, int opt, const char *arg)
{
	uint64_t v;

	switch (opt) {
	case 'j':
		c->json = true;
		return 0;
	case 'S':
		c->stats = true;
		return 0;
	case 'K':
		c->verify_csum = false;
		return 0;
	case 'c':
		return tpcat_number(arg, UINT64_MAX, &c->limit) || !c->limit ?
		       -1 : 0;
	case 't':
		return tp_filter_types(&c->filter, arg);
	case 'l':
		return tp_filter_locates(&c->filter, arg);
	case 's':
		return tp_filter_symbols(&c->filter, arg);
	case 'p':
		if (tpcat_number(arg, 65535, &v) || !v)
			return -1;
		c->port = v;
		return 0;
	case 'g':
		return inet_pton(AF_INET, arg, &c->group) == 1 ? 0 : -1;
	}
	return -1;
}

static int tpcat_usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "tpcat: %s%s\nTry 'tpcat --help'.\n", what, arg);
	return 2;
}

int main(int argc, char **argv)
{
	static struct tpcat c;
	const char *path = NULL;
	int opt, err;

	c.verify_csum = true;
	while ((opt = getopt_long(argc, argv, "r:jc:t:l:s:p:g:KVh", tpcat_options,
				  NULL)) != -1) {
		if (opt == 'h') {
			tpcat_usage(stdout);
			return 0;
		}
		if (opt == 'V')
			return print_version("tpcat");
		if (opt == '?')
			return tpcat_usage_error("bad usage", "");
		if (opt == 'r')
			path = optarg;
		else if (tpcat_option(&c, opt, optarg))
			return tpcat_usage_error("bad value: ", optarg);
	}
	if (path ? optind != argc : optind != argc - 1)
		return tpcat_usage_error("give a subscription, or a pcap with -r FILE", "");
	/* The kernel chose the feed's packets already. */
	if (!path && (c.port || c.group || !c.verify_csum))
		return tpcat_usage_error("-p, -g and -K apply to a pcap (-r) only", "");
	c.syms = tp_symtab_new();
	if (!c.syms)
		return 1;
	err = path ? tpcat_read(&c, path) : tpcat_live(&c, argv[optind]);
	if (fflush(stdout) || ferror(stdout))
		err = 1;
	if (c.stats && path)
		tpcat_print_stats(&c.st);
	if (c.st.udp_csum)
		fprintf(stderr, "tpcat: %" PRIu64 " packets with a bad UDP checksum "
			"skipped (captured on the sender? -K decodes them)\n",
			c.st.udp_csum);
	tp_filter_free(&c.filter);
	free(c.syms);
	return err;
}
