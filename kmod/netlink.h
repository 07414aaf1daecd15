/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TP_NETLINK_H
#define _TP_NETLINK_H

int tp_genl_init(void);
void tp_genl_uninit(void);

#endif /* _TP_NETLINK_H */
