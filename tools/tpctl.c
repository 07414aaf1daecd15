// SPDX-License-Identifier: GPL-2.0
/*
 * tpctl: configure tickpath, in the manner of iproute2.
 *
 *   tpctl [-j] port attach dev IFNAME [mode steal|mirror]
 *   tpctl [-j] port detach dev IFNAME
 *   tpctl [-j] port show [dev IFNAME]
 *
 * Keywords may be abbreviated to any unique prefix, as in ip(8).
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tickpath.h"

static bool json;

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: tpctl [-j] OBJECT COMMAND [ARGS]\n"
		"       tpctl port attach dev IFNAME [mode steal|mirror]\n"
		"       tpctl port detach dev IFNAME\n"
		"       tpctl port show [dev IFNAME]\n"
		"Options: -j, --json  print JSON\n"
		"         -h, --help  print this help\n");
}

/* ip(8)'s rule: @arg may be any non-empty prefix of @keyword. */
static bool matches(const char *arg, const char *keyword)
{
	size_t len = strlen(arg);

	return len && !strncmp(arg, keyword, len);
}

static int usage_error(const char *fmt, const char *what)
{
	fprintf(stderr, "tpctl: ");
	fprintf(stderr, fmt, what);
	fprintf(stderr, "\nTry 'tpctl --help'.\n");
	return 2;
}

static int report(const struct tp_ctl *ctl, int err)
{
	fprintf(stderr, "Error: %s", tp_ctl_error(ctl));
	if (err == -EPERM)
		fprintf(stderr, " (CAP_NET_ADMIN is needed)");
	fprintf(stderr, "\n");
	return 1;
}

static void print_json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

struct show {
	unsigned int count;
};

static int print_port(const struct tp_port_info *port, void *arg)
{
	struct show *show = arg;

	if (json) {
		printf("%s{\"ifindex\":%u,\"ifname\":", show->count ? "," : "",
		       port->ifindex);
		print_json_string(port->ifname);
		printf(",\"mode\":\"%s\",\"stats\":{\"packets\":%" PRIu64
		       ",\"bytes\":%" PRIu64 "}}",
		       tp_port_mode_name(port->mode), port->packets, port->bytes);
	} else {
		printf("%u: %s: mode %s\n    packets %" PRIu64 " bytes %" PRIu64 "\n",
		       port->ifindex, port->ifname, tp_port_mode_name(port->mode),
		       port->packets, port->bytes);
	}
	show->count++;
	return 0;
}

struct port_args {
	const char *dev;
	const char *mode;
};

/* Parses "dev IFNAME" and, where @mode is allowed, "mode MODE". */
static int parse_port_args(int argc, char **argv, struct port_args *args,
			   bool mode_allowed)
{
	for (int i = 0; i < argc; i += 2) {
		const char **slot;

		if (matches(argv[i], "dev"))
			slot = &args->dev;
		else if (mode_allowed && matches(argv[i], "mode"))
			slot = &args->mode;
		else
			return usage_error("unknown argument '%s'", argv[i]);
		if (i + 1 >= argc)
			return usage_error("'%s' needs a value", argv[i]);
		*slot = argv[i + 1];
	}
	return 0;
}

static int do_port(struct tp_ctl *ctl, int argc, char **argv)
{
	struct port_args args = { 0 };
	enum tickpath_port_mode mode = TICKPATH_PORT_MODE_STEAL;
	const char *cmd = argc ? argv[0] : "show";
	struct show show = { 0 };
	int ret;

	if (argc)
		argc--, argv++;
	if (matches(cmd, "attach")) {
		ret = parse_port_args(argc, argv, &args, true);
		if (ret)
			return ret;
		if (!args.dev)
			return usage_error("%s needs 'dev IFNAME'", "port attach");
		if (args.mode && tp_port_mode_parse(args.mode, &mode))
			return usage_error("unknown mode '%s' (steal or mirror)", args.mode);
		ret = tp_ctl_port_attach(ctl, args.dev, mode);
	} else if (matches(cmd, "detach")) {
		ret = parse_port_args(argc, argv, &args, false);
		if (ret)
			return ret;
		if (!args.dev)
			return usage_error("%s needs 'dev IFNAME'", "port detach");
		ret = tp_ctl_port_detach(ctl, args.dev);
	} else if (matches(cmd, "show") || matches(cmd, "list")) {
		struct tp_port_info port;

		ret = parse_port_args(argc, argv, &args, false);
		if (ret)
			return ret;
		if (json)
			putchar('[');
		if (args.dev) {
			ret = tp_ctl_port_get(ctl, args.dev, &port);
			if (!ret)
				print_port(&port, &show);
		} else {
			ret = tp_ctl_port_dump(ctl, print_port, &show);
		}
		if (json)
			printf("]\n");
	} else {
		return usage_error("unknown port command '%s'", cmd);
	}
	return ret ? report(ctl, ret) : 0;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct tp_ctl *ctl;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, "+jh", options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (!argc || !matches(argv[0], "port"))
		return usage_error("unknown object '%s'", argc ? argv[0] : "");

	ret = tp_ctl_open(&ctl);
	if (ret && !ctl)
		fprintf(stderr, "Error: %s\n", strerror(-ret));
	if (ret)
		ret = ctl ? report(ctl, ret) : 1;
	else
		ret = do_port(ctl, argc - 1, argv + 1);
	tp_ctl_close(ctl);
	return ret;
}
