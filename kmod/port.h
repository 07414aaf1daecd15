/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TP_PORT_H
#define _TP_PORT_H

#include <linux/netdevice.h>
#include <linux/tickpath.h>

struct tp_stats;

#define TP_PORT_COUNTERS __TICKPATH_PORT_STATS_A_MAX

/*
 * A network device whose receive path tickpath has hooked.  The port is the
 * device's rx_handler_data, so it follows the device across namespaces and
 * needs no list of its own; it lives from tp_port_attach() to
 * tp_port_detach(), both under RTNL.  Its feeds go with it, and also when
 * the device moves to another namespace (they belong to the old one).
 */
struct tp_port {
	struct net_device *dev;
	netdevice_tracker dev_tracker;
	enum tickpath_port_mode mode;
	struct list_head feeds;		/* tp_feed.port_node, RCU */
	struct tp_stats __percpu *stats;	/* TP_PORT_COUNTERS */
};

int tp_port_attach(struct net_device *dev, enum tickpath_port_mode mode,
		   struct netlink_ext_ack *extack);
void tp_port_detach(struct tp_port *port);
struct tp_port *tp_port_from_dev(const struct net_device *dev);
void tp_port_read_stats(const struct tp_port *port, u64 *counters);

int tp_port_init(void);
void tp_port_uninit(void);

#endif /* _TP_PORT_H */
