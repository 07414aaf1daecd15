/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TP_CHARDEV_H
#define _TP_CHARDEV_H

int tp_chardev_init(void);
void tp_chardev_uninit(void);

#endif /* _TP_CHARDEV_H */
