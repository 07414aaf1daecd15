/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TP_RXBUF_H
#define _TP_RXBUF_H

#include <linux/sizes.h>
#include <linux/skbuff.h>

/*
 * The largest UDP payload the receive path takes, whatever the skb's
 * layout.  16 KiB is above the largest MTU of Ethernet NICs (jumbo frames
 * stop near 9.7K on most, 16K on a few), so only a virtual link or IPv4
 * fragments, which go to the stack, carry more; MoldUDP64 senders fit their
 * packets to the path, 1500 bytes on exchange networks.
 */
#define TP_RX_PAYLOAD_MAX SZ_16K

/*
 * @len bytes at @offset of @skb, which holds them, as one run of memory:
 * in place if they lie in the linear area, else copied into this CPU's
 * buffer, which holds TP_RX_PAYLOAD_MAX bytes and stays the caller's until
 * it returns from softirq.  NULL if they cannot be read.
 */
const u8 *tp_rxbuf_read(const struct sk_buff *skb, unsigned int offset,
			unsigned int len);

int tp_rxbuf_init(void);
void tp_rxbuf_uninit(void);

#endif /* _TP_RXBUF_H */
