// SPDX-License-Identifier: GPL-2.0
/*
 * tpctl: configure tickpath, in the manner of iproute2.
 *
 *   tpctl [-j] [-s] OBJECT [COMMAND [ARGS]]
 *   tpctl [-j] [-s] [-force] -batch FILE
 *
 * OBJECT is port, feed, sub or save; keywords may be abbreviated to any
 * prefix, as in ip(8), and options may come anywhere (-- ends them), in
 * ip's single-dash long form too (-batch, -force, -json).  Arguments are all
 * checked before the kernel is asked anything.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tpctl.h"
#include "version.h"

bool json;
bool show_stats;
struct tp_ctl *ctl;

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: tpctl [-j] [-s] OBJECT [COMMAND [ARGS]]\n"
		"       tpctl [-j] [-s] [-force] -batch FILE\n"
		"       tpctl port attach|replace dev IFNAME [mode steal|mirror]\n"
		"       tpctl port detach dev IFNAME\n"
		"       tpctl port show [dev IFNAME]\n"
		"       tpctl feed add|replace NAME dev IFNAME group ADDR port UDPPORT\n"
		"                      [source ADDR] [channel NAME] [proto moldudp64-itch50]\n"
		"       tpctl feed del NAME\n"
		"       tpctl feed show [NAME]\n"
		"       tpctl sub add|replace NAME channel NAME [types TYPES] [locates LIST]\n"
		"                     [symbols LIST] [slots N] [user USER] [group GROUP]\n"
		"       tpctl sub set NAME [types TYPES|all] [locates LIST|none]\n"
		"                     [symbols LIST|none]\n"
		"       tpctl sub del NAME\n"
		"       tpctl sub show [NAME]\n"
		"       tpctl save\n"
		"TYPES: ITCH 5.0 message types, e.g. AFECXDUP; LIST: comma-separated,\n"
		"locates 1,5,7-9 or symbols AAPL,MSFT; \"\" clears a filter, as all and none do.\n"
		"USER, GROUP: a name, or a number (an id).\n"
		"Options: -j, --json   print JSON\n"
		"         -s, --stats  show counters\n"
		"         -b, -batch FILE  run the commands of FILE (- is standard input),\n"
		"                      one a line, without the word tpctl\n"
		"         -force       with -batch, go on after a command failed\n"
		"         -V, --version  print tpctl's version and the running module's\n"
		"         -h, --help   print this help\n");
}

bool matches(const char *arg, const char *keyword)
{
	size_t len = strlen(arg);

	return len && !strncmp(arg, keyword, len);
}

int usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "tpctl: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'tpctl --help'.\n");
	return 2;
}

int parse_args(int argc, char **argv, const char **name,
	       const struct arg *args, size_t nr_args)
{
	int i = 0;

	if (name && argc)
		*name = argv[i++];
	for (; i < argc; i += 2) {
		size_t a = 0;

		while (a < nr_args && !matches(argv[i], args[a].keyword))
			a++;
		if (a == nr_args)
			return usage_error("unknown argument '%s'", argv[i]);
		if (i + 1 >= argc)
			return usage_error("'%s' needs a value", args[a].keyword);
		if (*args[a].value)
			return usage_error("'%s' is given twice", args[a].keyword);
		*args[a].value = argv[i + 1];
	}
	return 0;
}

int check_name(const char *cmd, const char *what, const char *name, size_t size)
{
	if (!name)
		return cmd ? usage_error("%s needs a %s", cmd, what) : 0;
	if (!*name || strlen(name) >= size)
		return usage_error("%s '%s' is not 1 to %zu bytes long", what, name,
				   size - 1);
	return 0;
}

int parse_u32(const char *text, uint32_t min, uint32_t max, uint32_t *value)
{
	unsigned long long v;
	char *end;

	if (*text < '0' || *text > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(text, &end, 10);
	if (errno || *end || v < min || v > max)
		return -EINVAL;
	*value = v;
	return 0;
}

/* The library's message, or for a failure of tpctl's own the errno's. */
static int report(int err)
{
	const char *msg = ctl ? tp_ctl_error(ctl) : "";

	fprintf(stderr, "Error: %s", *msg ? msg : strerror(-err));
	if (err == -EPERM)
		fprintf(stderr, " (CAP_NET_ADMIN is needed)");
	fprintf(stderr, "\n");
	return 1;
}

/* A batch opens one handle, with its first command that needs one. */
int ctl_open(void)
{
	int ret;

	if (ctl)
		return 0;
	ret = finish(tp_ctl_open(&ctl));
	if (ret) {
		tp_ctl_close(ctl);
		ctl = NULL;
	}
	return ret;
}

int finish(int ret)
{
	return ret ? report(ret) : 0;
}

static int run(const struct object *object, int argc, char **argv)
{
	const struct cmd *cmd = object->cmds;

	if (argc) {
		while (cmd < object->cmds + object->nr_cmds && !matches(argv[0], cmd->name))
			cmd++;
		if (cmd == object->cmds + object->nr_cmds)
			return usage_error("unknown %s command '%s'", object->name,
					   argv[0]);
		argc--, argv++;
	}
	return cmd->run(argc, argv);
}

int run_command(int argc, char **argv)
{
	static const struct object *const objects[] = {
		&port_object, &feed_object, &sub_object, &save_object,
	};
	const struct object *const *object;

	if (!argc)
		return usage_error("an OBJECT is needed: port, feed, sub or save");
	for (object = objects; object < objects + ARRAY_SIZE(objects); object++) {
		if (matches(argv[0], (*object)->name))
			break;
	}
	if (object == objects + ARRAY_SIZE(objects))
		return usage_error("unknown object '%s'", argv[0]);
	return run(*object, argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "stats", no_argument, NULL, 's' },
		{ "batch", required_argument, NULL, 'b' },
		{ "force", no_argument, NULL, 'f' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *batch_file = NULL;
	bool force = false;
	int opt, ret;

	/* Long only, so that -batch is not -b atch. */
	while ((opt = getopt_long_only(argc, argv, "jsb:Vh", options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json = true;
			break;
		case 's':
			show_stats = true;
			break;
		case 'b':
			batch_file = optarg;
			break;
		case 'f':
			force = true;
			break;
		case 'V':
			return print_version("tpctl");
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
	if (batch_file && argc)
		ret = usage_error("-batch takes no OBJECT: the commands are in %s", batch_file);
	else if (batch_file)
		ret = batch(batch_file, force);
	else
		ret = run_command(argc, argv);
	tp_ctl_close(ctl);
	ctl = NULL;
	return ret;
}
