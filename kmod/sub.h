/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TP_SUB_H
#define _TP_SUB_H

#include <net/net_namespace.h>

struct tp_ring;

/* The ring of the subscription so named in @net, with a reference the
 * caller drops with tp_ring_put(); NULL if there is none.
 */
struct tp_ring *tp_sub_get_ring(struct net *net, const char *name);

#endif /* _TP_SUB_H */
