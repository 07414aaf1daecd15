// SPDX-License-Identifier: GPL-2.0
/* tpbench's command line. */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tpbench.h"

static const struct tb_path *const tb_paths[] = {
	&tb_path_udp, &tb_path_udp_busy, &tb_path_af_packet, &tb_path_af_xdp,
	&tb_path_af_xdp_busy, &tb_path_tickpath, &tb_path_tickpath_busy,
};

static void tb_usage(FILE *out)
{
	fprintf(out,
"Usage: tpbench --path PATH [OPTIONS]\n"
"Receives a MoldUDP64/ITCH feed by one path, in one or more reader threads,\n"
"and prints one JSON line per reader: data messages, lost and duplicated\n"
"sequence numbers, CPU and wall time from the first message to the last,\n"
"and the latency of every data message (CLOCK_REALTIME when the reader\n"
"holds it decoded, minus its ITCH timestamp: send with tpgen --stamp).\n"
"\n"
"Paths:\n"
"  udp, udp-busy         a UDP socket joined to the group, recvmmsg():\n"
"                        blocking / spinning (SO_BUSY_POLL if permitted)\n"
"  af_packet             a TPACKET_V3 ring on the device, poll() when empty\n"
"  af_xdp, af_xdp-busy   an AF_XDP socket on queue 0, copy mode, libxdp's\n"
"                        default program: poll() / spinning; one reader\n"
"  tickpath, tickpath-busy\n"
"                        a tickpath subscription: tp_sub_wait() / spinning\n"
"Options:\n"
"  -P, --path PATH\n"
"  -d, --dev IFNAME      the device the feed arrives on (not for tickpath)\n"
"  -g, --group ADDR      the feed's group (default 233.54.12.111)\n"
"  -p, --port N          its UDP port (default 26477)\n"
"  -s, --sub NAME        the subscription (tickpath paths)\n"
"  -c, --count N         data messages expected: a reader stops once it has\n"
"                        them (read or lost)\n"
"  -i, --idle-ms M       a reader stops after M ms without a new message,\n"
"                        once one came\n"
"  -t, --timeout S       every reader stops S seconds after the start\n"
"  -C, --cpu LIST        pin reader i to the i-th CPU of LIST (e.g. 2,3),\n"
"                        cycling through it\n"
"  -k, --readers K       K readers, each with its own socket, ring or\n"
"                        subscription handle (default 1)\n"
"  -r, --ready FILE      create FILE once every reader is set up\n"
"  -h, --help\n"
"Exits 0 once the readers stopped, 1 if one could not be set up or failed.\n");
}

static int tb_number(const char *s, uint64_t max, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno || end == s || *end || *s == '-' || *v > max ? -1 : 0;
}

static int tb_cpu_list(struct tb_opts *o, const char *arg)
{
	const char *p = arg;
	char *end;
	long cpu;

	for (o->ncpus = 0; *p; p = end + (*end == ',')) {
		errno = 0;
		cpu = strtol(p, &end, 10);
		if (errno || end == p || cpu < 0 || cpu >= 4096 ||
		    (*end && *end != ',') || o->ncpus == TB_READERS_MAX)
			return -1;
		o->cpus[o->ncpus++] = cpu;
	}
	return o->ncpus ? 0 : -1;
}

static const struct tb_path *tb_path_named(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(tb_paths) / sizeof(tb_paths[0]); i++)
		if (!strcmp(tb_paths[i]->name, name))
			return tb_paths[i];
	return NULL;
}

/* 0, or -1 if the option's value is bad. */
static int tb_option(struct tb_opts *o, int opt, const char *arg)
{
	uint64_t v = 0;

	switch (opt) {
	case 'P':
		return (o->path = tb_path_named(arg)) ? 0 : -1;
	case 'd':
		o->dev = arg;
		return 0;
	case 'g':
		return inet_pton(AF_INET, arg, &o->group) == 1 &&
		       IN_MULTICAST(ntohl(o->group.s_addr)) ? 0 : -1;
	case 'p':
		if (tb_number(arg, 65535, &v) || !v)
			return -1;
		o->port = v;
		return 0;
	case 's':
		o->sub = arg;
		return 0;
	case 'c':
		return tb_number(arg, UINT64_MAX, &o->count) || !o->count ? -1 : 0;
	case 'i':
		if (tb_number(arg, 86400000, &v) || !v)
			return -1;
		o->idle_ms = v;
		return 0;
	case 't':
		if (tb_number(arg, 86400, &v) || !v)
			return -1;
		o->timeout_s = v;
		return 0;
	case 'C':
		return tb_cpu_list(o, arg);
	case 'k':
		if (tb_number(arg, TB_READERS_MAX, &v) || !v)
			return -1;
		o->readers = v;
		return 0;
	case 'r':
		o->ready = arg;
		return 0;
	}
	return -1;
}

static int tb_usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "tpbench: %s%s\nTry 'tpbench --help'.\n", what, arg);
	return -1;
}

/* What the path needs, and that --readers fits it. */
static int tb_opts_check(struct tb_opts *o)
{
	bool tickpath = o->path == &tb_path_tickpath || o->path == &tb_path_tickpath_busy;

	if (tickpath && !o->sub)
		return tb_usage_error("the tickpath paths read a subscription: --sub", "");
	if (!tickpath && !o->dev)
		return tb_usage_error("the feed's device: --dev", "");
	if (!tickpath && !(o->ifindex = if_nametoindex(o->dev))) {
		fprintf(stderr, "tpbench: %s: %s\n", o->dev, strerror(errno));
		return -1;
	}
	if (o->path->one_per_queue && o->readers > 1) {
		fprintf(stderr, "tpbench: %s: one AF_XDP socket per queue, so one "
			"reader: --readers 1\n", o->path->name);
		return -1;
	}
	o->tick_ms = o->idle_ms && o->idle_ms < TB_TICK_MS ? o->idle_ms : TB_TICK_MS;
	return 0;
}

int tb_opts_parse(struct tb_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "path", required_argument, NULL, 'P' },
		{ "dev", required_argument, NULL, 'd' },
		{ "group", required_argument, NULL, 'g' },
		{ "port", required_argument, NULL, 'p' },
		{ "sub", required_argument, NULL, 's' },
		{ "count", required_argument, NULL, 'c' },
		{ "idle-ms", required_argument, NULL, 'i' },
		{ "timeout", required_argument, NULL, 't' },
		{ "cpu", required_argument, NULL, 'C' },
		{ "readers", required_argument, NULL, 'k' },
		{ "ready", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	inet_pton(AF_INET, "233.54.12.111", &o->group);
	o->port = 26477;
	o->readers = 1;
	while ((opt = getopt_long(argc, argv, "P:d:g:p:s:c:i:t:C:k:r:h", longopts,
				  NULL)) != -1) {
		if (opt == 'h') {
			tb_usage(stdout);
			return 2;
		}
		if (opt == '?')
			return tb_usage_error("bad usage", "");
		if (tb_option(o, opt, optarg))
			return tb_usage_error("bad value: ", optarg);
	}
	if (optind != argc)
		return tb_usage_error("unexpected argument: ", argv[optind]);
	if (!o->path)
		return tb_usage_error("which path? --path udp|udp-busy|af_packet|"
				      "af_xdp|af_xdp-busy|tickpath|tickpath-busy", "");
	return tb_opts_check(o);
}
