// SPDX-License-Identifier: GPL-2.0
/* tpgen's command line (see tpgen.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tpgen.h"
#include "tpgen_day.h"
#include "version.h"

static void tpgen_usage(FILE *out)
{
	fprintf(out,
"Usage: tpgen [OPTIONS]\n"
"Generates a NASDAQ TotalView-ITCH 5.0 day (the same seed, the same day), or\n"
"replays a Nasdaq BinaryFILE, as MoldUDP64 packets: sent over UDP to a\n"
"multicast group, written to a pcap, or both.\n"
"\n"
"Examples:\n"
"  tpgen -n 1000000 --binfile day.itch           a day of 1M messages, as a BinaryFILE\n"
"  tpgen -n 1000000 -w day.pcap                  the same day in a pcap\n"
"  tpgen -n 1000000 --send -i eth1 --rate 200000 --burst 8\n"
"                                                a live feed to 233.54.12.111:26477,\n"
"                                                200k messages/s in bursts of 8 packets\n"
"  tpgen --replay 12302019.NASDAQ_ITCH50 --send -i eth1 --speed 1\n"
"                                                a real day, in real time\n"
"  tpgen -n 200000 -w bad.pcap --log bad.log --drop 0.01 --malform 0.01\n"
"                                                misbehaving, every fault logged\n"
"  tpgen --replay-pcap day.pcap --send -i eth1 --raw --stamp\n"
"                                                a load generator: a day packed\n"
"                                                beforehand, as fast as it goes\n"
"\n"
"Source:\n"
"  -n, --messages N      messages in the generated day (default 200000)\n"
"  -S, --symbols N       its symbols, stock locates 1..N (default 100, 4 to 10000)\n"
"      --seed N          the day's seed, also the misbehaviours' (default 1)\n"
"  -r, --replay FILE     replay a BinaryFILE ('-': standard input) instead\n"
"      --replay-pcap FILE  or resend the MoldUDP64 packets of a pcap (UDP to\n"
"                        --port) as they are, renamed to --session if given:\n"
"                        a day packed beforehand, the fastest source\n"
"Outputs (at least one):\n"
"  -w, --pcap FILE       write the packets to a pcap ('-': standard output)\n"
"      --send            send them over UDP\n"
"      --batch N         send up to N packets per system call (sendmmsg) when\n"
"                        behind the pace or unpaced (default 1)\n"
"      --raw             send them as whole Ethernet frames with an AF_PACKET\n"
"                        socket, past the IP stack and queueing discipline:\n"
"                        multicast out of --iface only, needs CAP_NET_RAW\n"
"      --binfile FILE    write the message stream as a BinaryFILE\n"
"  -j, --json FILE       write each message as a JSON line, as tpcat -j prints\n"
"                        it, with rx_ts the time its packet is due\n"
"      --log FILE        write one line per packet and per misbehaviour\n"
"Addressing:\n"
"  -g, --group ADDR      destination address (default 233.54.12.111)\n"
"  -p, --port N          destination UDP port (default 26477)\n"
"      --source ADDR[:PORT]  source address and port (a pcap's default\n"
"                        10.0.0.1, from the destination port)\n"
"  -i, --iface NAME      send multicast out of this interface\n"
"      --ttl N           time to live (default 1)\n"
"      --loop            loop multicast back to this host\n"
"MoldUDP64:\n"
"      --session NAME    the session, up to 10 characters (default TPGEN00001)\n"
"      --max-payload N   UDP payload bytes per packet (default 1400)\n"
"      --max-msgs N      messages per packet (default: as many as fit)\n"
"      --heartbeat MS    a heartbeat after MS ms without a packet (default\n"
"                        1000; 0: never); with --speed or slow rates only\n"
"      --split N[,N...]  start a new session at message N (from 0), without\n"
"                        an end of session: as a failover does\n"
"Pacing (default: back to back, a pcap timed at 10 Gb/s):\n"
"      --rate N          messages per second\n"
"      --pps N           packets per second\n"
"      --burst N         packets sent back to back, the rates kept on average\n"
"      --speed X         follow the ITCH timestamps, X times real time\n"
"      --stamp           overwrite each message's Timestamp with its packet's\n"
"                        send time, ns since midnight UTC (CLOCK_REALTIME read\n"
"                        right before the send, or the batch's; a pcap's own\n"
"                        time otherwise)\n"
"      --date YYYY-MM-DD the day a pcap's times fall on without --send\n"
"                        (default 2024-01-02)\n"
"Misbehaviour (drawn from --seed, logged by --log):\n"
"      --drop P          drop each data packet with probability P\n"
"      --dup P           send it twice\n"
"      --reorder P       send it after the next one\n"
"      --malform P       send a malformed copy before it (packet kinds), and\n"
"                        an extra malformed message at its start (message\n"
"                        kinds), each with probability P\n"
"      --malform-kinds K comma list of header, overrun, zero-length, count,\n"
"                        eos-data (packet kinds), type, length (message\n"
"                        kinds); default all; kinds take turns\n"
"  -v, --verbose         print what was sent (and, live, how fast)\n"
"  -V, --version    print tpgen's version and the running module's\n"
"  -h, --help\n");
}

enum {
	OPT_SEED = 256, OPT_BINFILE, OPT_LOG, OPT_SEND, OPT_SOURCE, OPT_TTL,
	OPT_LOOP, OPT_SESSION, OPT_MAX_PAYLOAD, OPT_MAX_MSGS, OPT_HEARTBEAT,
	OPT_SPLIT, OPT_RATE, OPT_PPS, OPT_BURST, OPT_SPEED, OPT_STAMP,
	OPT_DATE, OPT_DROP, OPT_DUP, OPT_REORDER, OPT_MALFORM, OPT_KINDS,
	OPT_BATCH, OPT_RAW, OPT_REPLAY_PCAP,
};

static const struct option tpgen_options[] = {
	{ "messages", required_argument, NULL, 'n' },
	{ "symbols", required_argument, NULL, 'S' },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "replay", required_argument, NULL, 'r' },
	{ "replay-pcap", required_argument, NULL, OPT_REPLAY_PCAP },
	{ "pcap", required_argument, NULL, 'w' },
	{ "send", no_argument, NULL, OPT_SEND },
	{ "batch", required_argument, NULL, OPT_BATCH },
	{ "raw", no_argument, NULL, OPT_RAW },
	{ "binfile", required_argument, NULL, OPT_BINFILE },
	{ "json", required_argument, NULL, 'j' },
	{ "log", required_argument, NULL, OPT_LOG },
	{ "group", required_argument, NULL, 'g' },
	{ "port", required_argument, NULL, 'p' },
	{ "source", required_argument, NULL, OPT_SOURCE },
	{ "iface", required_argument, NULL, 'i' },
	{ "ttl", required_argument, NULL, OPT_TTL },
	{ "loop", no_argument, NULL, OPT_LOOP },
	{ "session", required_argument, NULL, OPT_SESSION },
	{ "max-payload", required_argument, NULL, OPT_MAX_PAYLOAD },
	{ "max-msgs", required_argument, NULL, OPT_MAX_MSGS },
	{ "heartbeat", required_argument, NULL, OPT_HEARTBEAT },
	{ "split", required_argument, NULL, OPT_SPLIT },
	{ "rate", required_argument, NULL, OPT_RATE },
	{ "pps", required_argument, NULL, OPT_PPS },
	{ "burst", required_argument, NULL, OPT_BURST },
	{ "speed", required_argument, NULL, OPT_SPEED },
	{ "stamp", no_argument, NULL, OPT_STAMP },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "drop", required_argument, NULL, OPT_DROP },
	{ "dup", required_argument, NULL, OPT_DUP },
	{ "reorder", required_argument, NULL, OPT_REORDER },
	{ "malform", required_argument, NULL, OPT_MALFORM },
	{ "malform-kinds", required_argument, NULL, OPT_KINDS },
	{ "verbose", no_argument, NULL, 'v' },
	{ "version", no_argument, NULL, 'V' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int tp_u64(const char *s, uint64_t min, uint64_t max, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno || end == s || *end || *s == '-' || *v < min || *v > max ?
	       -1 : 0;
}

static int tp_uint(const char *s, uint64_t min, uint64_t max, void *v,
		   size_t size)
{
	uint64_t x;

	if (tp_u64(s, min, max, &x))
		return -1;
	if (size == 1)
		*(uint8_t *)v = x;
	else if (size == 2)
		*(uint16_t *)v = x;
	else if (size == 4)
		*(uint32_t *)v = x;
	else
		*(uint64_t *)v = x;
	return 0;
}

#define TP_UINT(s, min, max, v) tp_uint(s, min, max, v, sizeof(*(v)))

/* A probability, or with @rate, any number above 0. */
static int tp_number(const char *s, bool rate, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	if (errno || end == s || *end)
		return -1;
	if (rate)
		return *v > 0 ? 0 : -1;
	return *v >= 0 && *v <= 1 ? 0 : -1;
}

static int tp_addr_port(const char *s, uint32_t *addr, uint16_t *port)
{
	char buf[INET_ADDRSTRLEN];
	const char *colon = strchr(s, ':');
	size_t n = colon ? (size_t)(colon - s) : strlen(s);

	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = 0;
	if (inet_pton(AF_INET, buf, addr) != 1)
		return -1;
	return colon ? TP_UINT(colon + 1, 0, 65535, port) : 0;
}

static int tp_date(const char *s, uint64_t *midnight)
{
	struct tm tm = { 0 };
	int n = 0;

	if (sscanf(s, "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		   &n) != 3 || s[n] || tm.tm_year < 1970 || tm.tm_mon < 1 ||
	    tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*midnight = (uint64_t)timegm(&tm) * 1000000000ull;
	return 0;
}

/* Up to 10 printable characters, no spaces: the log splits on them. */
static int tp_session(const char *s, uint8_t *session)
{
	size_t i, n = strlen(s);

	if (!n || n > TP_MOLD_SESSION_LEN)
		return -1;
	for (i = 0; i < n; i++)
		if (s[i] <= ' ' || s[i] >= 0x7f)
			return -1;
	memset(session, ' ', TP_MOLD_SESSION_LEN);
	memcpy(session, s, n);
	return 0;
}

static int tp_splits(const char *s, struct tpgen_opts *o)
{
	char *end;

	for (o->nsplits = 0;; s = end + 1) {
		uint64_t *v = &o->splits[o->nsplits];

		if (o->nsplits == TP_MAX_SPLITS || *s < '0' || *s > '9')
			return -1;
		errno = 0;
		*v = strtoull(s, &end, 10);
		if (errno || (o->nsplits && *v <= v[-1]) || !*v)
			return -1;
		o->nsplits++;
		if (!*end)
			return 0;
		if (*end != ',')
			return -1;
	}
}

static void tpgen_defaults(struct tpgen_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->messages = 200000;
	o->symbols = 100;
	o->seed = 1;
	tp_session("TPGEN00001", o->session);
	o->max_payload = 1400;
	o->max_msgs = TP_MOLD_END_OF_SESSION - 1;
	o->heartbeat_ns = 1000000000ull;
	tp_date("2024-01-02", &o->midnight);
	o->pace.burst = 1;
	o->chaos.kinds = TP_BAD_ALL;
	inet_pton(AF_INET, "233.54.12.111", &o->out.group);
	o->out.port = 26477;
	o->out.ttl = 1;
	o->out.batch = 1;
}

/* Options that take a value: 0, or -1 if the value is bad. */
static int tpgen_option(struct tpgen_opts *o, int c, const char *arg)
{
	switch (c) {
	case 'n':
		return TP_UINT(arg, 1, UINT64_MAX, &o->messages);
	case 'S':
		return TP_UINT(arg, TP_DAY_MIN_SYMBOLS, TP_DAY_MAX_SYMBOLS,
			       &o->symbols);
	case OPT_SEED:
		return TP_UINT(arg, 0, UINT64_MAX, &o->seed);
	case 'g':
		return inet_pton(AF_INET, arg, &o->out.group) == 1 ? 0 : -1;
	case 'p':
		return TP_UINT(arg, 1, 65535, &o->out.port);
	case OPT_BATCH:
		return TP_UINT(arg, 1, TP_OUT_MAX_BATCH, &o->out.batch);
	case OPT_SOURCE:
		return tp_addr_port(arg, &o->out.source, &o->out.sport);
	case OPT_TTL:
		return TP_UINT(arg, 0, 255, &o->out.ttl);
	case OPT_SESSION:
		o->session_given = true;
		return tp_session(arg, o->session);
	case OPT_MAX_PAYLOAD:
		return TP_UINT(arg, TP_MOLD_HEADER_LEN + 2 + 64,
			       TP_UDP_MAX_PAYLOAD, &o->max_payload);
	case OPT_MAX_MSGS:
		return TP_UINT(arg, 1, TP_MOLD_END_OF_SESSION - 1, &o->max_msgs);
	case OPT_HEARTBEAT:
		if (TP_UINT(arg, 0, 3600000, &o->heartbeat_ns))
			return -1;
		o->heartbeat_ns *= 1000000;
		return 0;
	case OPT_SPLIT:
		return tp_splits(arg, o);
	case OPT_RATE:
		return tp_number(arg, true, &o->pace.rate);
	case OPT_PPS:
		return tp_number(arg, true, &o->pace.pps);
	case OPT_BURST:
		return TP_UINT(arg, 1, 1000000, &o->pace.burst);
	case OPT_SPEED:
		return tp_number(arg, true, &o->pace.speed);
	case OPT_DATE:
		return tp_date(arg, &o->midnight);
	case OPT_DROP:
		return tp_number(arg, false, &o->chaos.drop);
	case OPT_DUP:
		return tp_number(arg, false, &o->chaos.dup);
	case OPT_REORDER:
		return tp_number(arg, false, &o->chaos.reorder);
	case OPT_MALFORM:
		return tp_number(arg, false, &o->chaos.malform);
	case OPT_KINDS:
		return tp_bad_parse(arg, &o->chaos.kinds);
	}
	return -1;
}

/* Options that take no value, and the file names. */
static bool tpgen_flag(struct tpgen_opts *o, int c, const char *arg)
{
	switch (c) {
	case 'r':
		o->replay = arg;
		return true;
	case OPT_REPLAY_PCAP:
		o->replay_pcap = arg;
		return true;
	case 'w':
		o->out.pcap = arg;
		return true;
	case OPT_BINFILE:
		o->binfile = arg;
		return true;
	case 'j':
		o->json = arg;
		return true;
	case OPT_LOG:
		o->out.log = arg;
		return true;
	case 'i':
		o->out.iface = arg;
		return true;
	case OPT_SEND:
		o->out.send = true;
		return true;
	case OPT_RAW:
		o->out.raw = true;
		return true;
	case OPT_LOOP:
		o->out.loop = true;
		return true;
	case OPT_STAMP:
		o->out.stamp = true;
		return true;
	case 'v':
		o->verbose = true;
		return true;
	}
	return false;
}

static __attribute__((format(printf, 1, 2)))
int tpgen_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "tpgen: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'tpgen --help'.\n");
	return 2;
}

/* What no single option can check. */
static int tpgen_check(const struct tpgen_opts *o)
{
	uint64_t least = tp_day_fixed_messages(o->symbols) + TP_DAY_MIN_FLOW;

	if (!o->out.pcap && !o->out.send && !o->binfile && !o->json)
		return tpgen_error("nothing to do: give --pcap, --send, --binfile or --json");
	if (o->out.raw && (!o->out.send || !o->out.iface ||
			   !IN_MULTICAST(ntohl(o->out.group)) || o->out.loop))
		return tpgen_error("--raw sends with --send to a multicast group out of --iface, without --loop");
	if (o->pace.speed > 0 && (o->pace.rate > 0 || o->pace.pps > 0))
		return tpgen_error("--speed goes with neither --rate nor --pps");
	if (o->replay_pcap && (o->replay || o->binfile || o->json || o->nsplits))
		return tpgen_error("--replay-pcap goes with none of --replay, --binfile, --json, --split");
	if (!o->replay && !o->replay_pcap && o->messages < least)
		return tpgen_error("a day of %u symbols takes at least %" PRIu64
				   " messages", o->symbols, least);
	return 0;
}

int tpgen_parse(struct tpgen_opts *o, int argc, char **argv)
{
	int c;

	tpgen_defaults(o);
	while ((c = getopt_long(argc, argv, "n:S:r:w:j:g:p:i:vVh", tpgen_options,
				NULL)) != -1) {
		if (c == 'h') {
			tpgen_usage(stdout);
			return 1;
		}
		if (c == 'V')
			return print_version("tpgen") + 1;
		if (c == '?')
			return tpgen_error("bad usage");
		if (!tpgen_flag(o, c, optarg) && tpgen_option(o, c, optarg))
			return tpgen_error("bad value for %s: '%s'",
					   argv[optind - 1], optarg);
	}
	if (optind < argc)
		return tpgen_error("unexpected argument '%s'", argv[optind]);
	/* No frame is longer, but a pcap's. */
	o->out.max_len = o->replay_pcap ? 0 : o->max_payload;
	return tpgen_check(o);
}
