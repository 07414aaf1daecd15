/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * tickpath: market-data feeds decoded in the receive path.
 *
 * Documentation
 * =============
 *
 * tickpath is configured over generic netlink, family TICKPATH_GENL_NAME,
 * version TICKPATH_GENL_VERSION.  The family is network-namespace aware: every
 * request acts on the namespace of the socket that sent it.  Commands that
 * change state need CAP_NET_ADMIN in the user namespace that owns that network
 * namespace; they fail with EPERM otherwise.  Requests are validated strictly:
 * unknown attributes, attributes of the wrong type or size, and values out of
 * range are refused with EINVAL and an extended ack (NLMSGERR_ATTR_MSG) that
 * says which attribute and why.  Every other error also carries an extack
 * message.
 *
 * A port names its network device with one of, or both (then they must agree):
 *
 *    TICKPATH_A_PORT_IFINDEX: NLA_U32
 *    TICKPATH_A_PORT_IFNAME: NLA_NUL_STRING, maxlen IFNAMSIZ - 1
 *
 * TICKPATH_CMD_PORT_ATTACH
 * ------------------------
 *
 * May only be called via NLM_F_REQUEST.  Hooks the device's receive path (a
 * netdev rx_handler) so that tickpath sees every frame right after the driver,
 * before the IP stack.  Attributes:
 *
 *    TICKPATH_A_PORT_IFINDEX and/or TICKPATH_A_PORT_IFNAME (required)
 *    TICKPATH_A_PORT_MODE: NLA_U8, enum tickpath_port_mode (optional,
 *                          default TICKPATH_PORT_MODE_STEAL)
 *
 * Errors: ENODEV, no such device in this namespace; EOPNOTSUPP, the device is
 * not an Ethernet device; EBUSY, the device already has a receive handler: a
 * tickpath port, or a bridge, bond, team, macvlan or Open vSwitch port, or
 * another driver's (the extack message names the holder).
 *
 * TICKPATH_CMD_PORT_DETACH
 * ------------------------
 *
 * May only be called via NLM_F_REQUEST.  Unhooks the device.  Attributes:
 * TICKPATH_A_PORT_IFINDEX and/or TICKPATH_A_PORT_IFNAME (required).  Errors:
 * ENODEV, no such device; ENOENT, the device is not a tickpath port.
 *
 * A port also goes away by itself when its device is unregistered (deleted,
 * or its namespace destroyed) and when the module is unloaded.  A port whose
 * device moves to another network namespace moves with it and keeps working;
 * from then on it is seen, and detached, from the new namespace.
 *
 * TICKPATH_CMD_PORT_GET
 * ---------------------
 *
 * With NLM_F_DUMP: one message per port of this namespace.  Without it: the
 * port named by TICKPATH_A_PORT_IFINDEX and/or TICKPATH_A_PORT_IFNAME, or
 * ENOENT.  Each message holds:
 *
 *    TICKPATH_A_PORT_IFINDEX: NLA_U32
 *    TICKPATH_A_PORT_IFNAME: NLA_NUL_STRING
 *    TICKPATH_A_PORT_MODE: NLA_U8, enum tickpath_port_mode
 *    TICKPATH_A_PORT_STATS: NLA_NESTED
 *        TICKPATH_PORT_STATS_A_PACKETS: NLA_U64, frames the handler saw
 *        TICKPATH_PORT_STATS_A_BYTES: NLA_U64, their length from the
 *                                     Ethernet header on (no FCS), as the
 *                                     device's own rx_bytes counts them
 *
 * Counters are per CPU in the kernel and summed for each reply; they count
 * from the attach and are never reset.
 */

#ifndef _UAPI_LINUX_TICKPATH_H
#define _UAPI_LINUX_TICKPATH_H

#define TICKPATH_GENL_NAME "tickpath"
#define TICKPATH_GENL_VERSION 1

/* The character device whose mmap()s give read-only access to the rings. */
#define TICKPATH_DEVICE_NAME "tickpath"

enum tickpath_cmd {
	TICKPATH_CMD_UNSPEC,
	TICKPATH_CMD_PORT_ATTACH,
	TICKPATH_CMD_PORT_DETACH,
	TICKPATH_CMD_PORT_GET,
	__TICKPATH_CMD_MAX
};

#define TICKPATH_CMD_MAX (__TICKPATH_CMD_MAX - 1)

/*
 * steal:  feed packets are consumed by tickpath and never reach the IP stack
 *         (the fast path).
 * mirror: feed packets are decoded and also continue into the stack, for
 *         side-by-side runs and migrations.
 * Frames that are not feed packets always continue untouched.
 */
enum tickpath_port_mode {
	TICKPATH_PORT_MODE_STEAL,
	TICKPATH_PORT_MODE_MIRROR,
	__TICKPATH_PORT_MODE_MAX
};

#define TICKPATH_PORT_MODE_MAX (__TICKPATH_PORT_MODE_MAX - 1)

enum tickpath_attr {
	TICKPATH_A_UNSPEC,
	TICKPATH_A_PAD,
	TICKPATH_A_PORT_IFINDEX,
	TICKPATH_A_PORT_IFNAME,
	TICKPATH_A_PORT_MODE,
	TICKPATH_A_PORT_STATS,
	__TICKPATH_A_MAX
};

#define TICKPATH_A_MAX (__TICKPATH_A_MAX - 1)

enum tickpath_port_stats_attr {
	TICKPATH_PORT_STATS_A_UNSPEC,
	TICKPATH_PORT_STATS_A_PAD,
	TICKPATH_PORT_STATS_A_PACKETS,
	TICKPATH_PORT_STATS_A_BYTES,
	__TICKPATH_PORT_STATS_A_MAX
};

#define TICKPATH_PORT_STATS_A_MAX (__TICKPATH_PORT_STATS_A_MAX - 1)

#endif /* _UAPI_LINUX_TICKPATH_H */
