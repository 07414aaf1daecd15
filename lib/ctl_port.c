// SPDX-License-Identifier: LGPL-2.1-or-later
/* Ports: the devices tickpath is attached to. */
#include "ctl.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

static const struct tp_counter tp_port_counters[] = {
	TP_COUNTER(TICKPATH_PORT_STATS_A_PACKETS, struct tp_port_info, packets),
	TP_COUNTER(TICKPATH_PORT_STATS_A_BYTES, struct tp_port_info, bytes),
};

/* Unknown attributes are skipped: a newer kernel may send more. */
static int tp_port_parse(const struct nlmsghdr *nlh, void *info)
{
	struct tp_port_info *port = info;
	const struct nlattr *attr;
	uint8_t mode = 0;
	int ret = 0;

	memset(port, 0, sizeof(*port));
	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(attr)) {
		case TICKPATH_A_PORT_IFINDEX:
			ret = tp_attr_get(attr, &port->ifindex);
			break;
		case TICKPATH_A_PORT_IFNAME:
			ret = tp_attr_get_str(attr, port->ifname);
			break;
		case TICKPATH_A_PORT_MODE:
			ret = tp_attr_get(attr, &mode);
			port->mode = mode;
			break;
		case TICKPATH_A_PORT_STATS:
			ret = tp_attr_counters(attr, tp_port_counters,
					       TP_ARRAY_SIZE(tp_port_counters), port);
			break;
		}
		if (ret)
			return ret;
	}
	return port->ifname[0] && port->ifindex ? 0 : -EBADMSG;
}

static int tp_port_deliver(const void *info, union tp_ctl_fn fn, void *arg)
{
	return fn.port(info, arg);
}

static const struct tp_ctl_kind tp_port_kind = {
	.what = "port",
	.get_cmd = TICKPATH_CMD_PORT_GET,
	.name_attr = TICKPATH_A_PORT_IFNAME,
	.name_size = IF_NAMESIZE,
	.parse = tp_port_parse,
	.deliver = tp_port_deliver,
};

static int tp_port_build_attach(struct tp_ctl *ctl, const char *ifname,
				enum tickpath_port_mode mode, uint16_t flags)
{
	uint8_t mode8 = mode;

	return tp_ctl_start_named(ctl, &tp_port_kind, TICKPATH_CMD_PORT_ATTACH, flags,
				  ifname) ?:
	       tp_ctl_put_one(ctl, TICKPATH_A_PORT_MODE, &mode8);
}

int tp_ctl_port_attach(struct tp_ctl *ctl, const char *ifname,
		       enum tickpath_port_mode mode)
{
	return tp_port_build_attach(ctl, ifname, mode, 0) ?:
	       tp_ctl_transact(ctl, NULL, NULL);
}

int tp_ctl_port_replace(struct tp_ctl *ctl, const char *ifname,
			enum tickpath_port_mode mode)
{
	return tp_port_build_attach(ctl, ifname, mode, NLM_F_REPLACE) ?:
	       tp_ctl_transact(ctl, NULL, NULL);
}

int tp_ctl_port_detach(struct tp_ctl *ctl, const char *ifname)
{
	return tp_ctl_named(ctl, &tp_port_kind, TICKPATH_CMD_PORT_DETACH, ifname);
}

int tp_ctl_port_get(struct tp_ctl *ctl, const char *ifname,
		    struct tp_port_info *port)
{
	return tp_ctl_get(ctl, &tp_port_kind, ifname, port);
}

int tp_ctl_port_dump(struct tp_ctl *ctl,
		     int (*fn)(const struct tp_port_info *port, void *arg),
		     void *arg)
{
	struct tp_port_info port;

	return tp_ctl_dump(ctl, &tp_port_kind, (union tp_ctl_fn){ .port = fn },
			   arg, &port);
}
