/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libtickpath: the user-space side of tickpath.
 *
 * Control API: a handle on the "tickpath" generic netlink family of the
 * caller's network namespace.  Every call returns 0 or a negative errno; on
 * error tp_ctl_error() gives the kernel's extended-ack message (or a
 * library message when the kernel sent none).  A handle is not thread-safe.
 */
#ifndef TICKPATH_H
#define TICKPATH_H

#include <stdint.h>
#include <net/if.h>
#include <linux/tickpath.h>

#ifdef __cplusplus
extern "C" {
#endif

struct tp_ctl;

struct tp_port_info {
	unsigned int ifindex;
	char ifname[IF_NAMESIZE];
	enum tickpath_port_mode mode;
	uint64_t packets;
	uint64_t bytes;
};

int tp_ctl_open(struct tp_ctl **ctl);
void tp_ctl_close(struct tp_ctl *ctl);
const char *tp_ctl_error(const struct tp_ctl *ctl);

int tp_ctl_port_attach(struct tp_ctl *ctl, const char *ifname,
		       enum tickpath_port_mode mode);
int tp_ctl_port_detach(struct tp_ctl *ctl, const char *ifname);
int tp_ctl_port_get(struct tp_ctl *ctl, const char *ifname,
		    struct tp_port_info *port);
/* Calls fn for each port of the namespace until fn returns non-zero; the
 * first non-zero return is returned.
 */
int tp_ctl_port_dump(struct tp_ctl *ctl,
		     int (*fn)(const struct tp_port_info *port, void *arg),
		     void *arg);

const char *tp_port_mode_name(enum tickpath_port_mode mode);
/* Returns 0 and sets *mode, or -EINVAL for an unknown name. */
int tp_port_mode_parse(const char *name, enum tickpath_port_mode *mode);

#ifdef __cplusplus
}
#endif

#include "tickpath_reader.h"

#endif /* TICKPATH_H */
