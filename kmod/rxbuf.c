// SPDX-License-Identifier: GPL-2.0
/*
 * A buffer per CPU for payloads that do not lie in the skb's linear area (a
 * NIC that puts them in page fragments, a frag_list), so that the decoder
 * reads one run of memory and the receive path allocates nothing.  The
 * receive path runs in softirq, which does not nest on a CPU, and is done
 * with the buffer before it returns.
 */

#include "rxbuf.h"

#include <linux/percpu.h>

struct tp_rxbuf {
	u8 data[TP_RX_PAYLOAD_MAX];
};

static struct tp_rxbuf __percpu *tp_rxbufs;

const u8 *tp_rxbuf_read(const struct sk_buff *skb, unsigned int offset,
			unsigned int len)
{
	DEBUG_NET_WARN_ON_ONCE(len > TP_RX_PAYLOAD_MAX);
	return skb_header_pointer(skb, offset, len, this_cpu_ptr(tp_rxbufs)->data);
}

int tp_rxbuf_init(void)
{
	tp_rxbufs = alloc_percpu(struct tp_rxbuf);
	return tp_rxbufs ? 0 : -ENOMEM;
}

void tp_rxbuf_uninit(void)
{
	free_percpu(tp_rxbufs);
}
