// SPDX-License-Identifier: GPL-2.0
/* tpctl port: attach tickpath to a device's receive path. */
#include <inttypes.h>

#include "tpctl.h"

static int print_port(const struct tp_port_info *port, void *arg)
{
	(void)arg;
	print_open(NULL, '{');
	print_u64("ifindex", "%" PRIu64 ": ", port->ifindex);
	print_str("ifname", "%s: ", port->ifname);
	print_str("mode", "mode %s\n", tp_port_mode_name(port->mode));
	print_open("stats", '{');
	print_u64("packets", "    packets %" PRIu64, port->packets);
	print_u64("bytes", " bytes %" PRIu64 "\n", port->bytes);
	print_close('}');
	print_close('}');
	return 0;
}

/* "dev IFNAME", and "mode MODE" where @mode is not NULL. */
static int port_args(int argc, char **argv, const char *cmd, bool dev_needed,
		     const char **dev, const char **mode)
{
	const struct arg args[] = { { "dev", dev }, { "mode", mode } };

	return parse_args(argc, argv, NULL, args, mode ? 2 : 1) ?:
	       check_name(dev_needed ? cmd : NULL, "device", *dev, IF_NAMESIZE);
}

/* attach, or replace through @call. */
static int port_attach_by(int argc, char **argv, const char *cmd,
			  int (*call)(struct tp_ctl *ctl, const char *ifname,
				      enum tickpath_port_mode mode))
{
	const char *dev = NULL, *mode_name = NULL;
	enum tickpath_port_mode mode = TICKPATH_PORT_MODE_STEAL;
	int ret = port_args(argc, argv, cmd, true, &dev, &mode_name);

	if (ret)
		return ret;
	if (mode_name && tp_port_mode_parse(mode_name, &mode))
		return usage_error("unknown mode '%s' (steal or mirror)", mode_name);
	return ctl_open() ?: finish(call(ctl, dev, mode));
}

static int port_attach(int argc, char **argv)
{
	return port_attach_by(argc, argv, "port attach", tp_ctl_port_attach);
}

static int port_replace(int argc, char **argv)
{
	return port_attach_by(argc, argv, "port replace", tp_ctl_port_replace);
}

static int port_detach(int argc, char **argv)
{
	const char *dev = NULL;

	return port_args(argc, argv, "port detach", true, &dev, NULL) ?:
	       ctl_open() ?: finish(tp_ctl_port_detach(ctl, dev));
}

static int port_show(int argc, char **argv)
{
	const char *dev = NULL;
	struct tp_port_info port;
	int ret = port_args(argc, argv, "port show", false, &dev, NULL) ?: ctl_open();

	if (ret)
		return ret;
	show_begin();
	if (dev)
		ret = tp_ctl_port_get(ctl, dev, &port) ?: print_port(&port, NULL);
	else
		ret = tp_ctl_port_dump(ctl, print_port, NULL);
	return show_end(ret);
}

static const struct cmd port_cmds[] = {
	{ "show", port_show },
	{ "attach", port_attach },
	{ "detach", port_detach },
	{ "list", port_show },
	{ "replace", port_replace },
};

const struct object port_object = { "port", port_cmds, ARRAY_SIZE(port_cmds) };
