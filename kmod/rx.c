// SPDX-License-Identifier: GPL-2.0
/*
 * The receive path: pick feed packets out of a port's frames, check their
 * IPv4 and UDP framing without trusting a byte, and hand the payload to the
 * feed's channel.  Anything that is not a feed packet leaves untouched after
 * a few compares.
 */

#include "channel.h"
#include "feed.h"
#include "port.h"
#include "stats.h"

#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/skbuff.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/ip.h>

static struct tp_feed *tp_rx_lookup(const struct tp_port *port, __be32 daddr,
				    __be32 saddr, const struct udphdr *uh)
{
	struct tp_feed *feed;

	list_for_each_entry_rcu(feed, &port->feeds, port_node) {
		if (feed->group != daddr || feed->udp_port != uh->dest)
			continue;
		if (feed->source && feed->source != saddr)
			continue;
		return feed;
	}
	return NULL;
}

/*
 * Checks lengths and checksums, making the whole IP packet linear so that
 * the decoder reads plain memory inside it.  Returns why the packet is bad.
 */
static enum tickpath_malformed tp_rx_check(struct sk_buff *skb, unsigned int *ulen)
{
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	unsigned int hlen = iph->ihl * 4, tot_len = ntohs(iph->tot_len);
	const struct udphdr *uh;

	if (iph->ihl < 5 || tot_len < hlen + sizeof(*uh) || tot_len > skb->len ||
	    !pskb_may_pull(skb, tot_len))
		return TICKPATH_MALFORMED_IP;
	iph = (const struct iphdr *)skb->data;
	if (ip_fast_csum((const u8 *)iph, iph->ihl))
		return TICKPATH_MALFORMED_CSUM;
	uh = (const struct udphdr *)(skb->data + hlen);
	*ulen = ntohs(uh->len);
	if (*ulen < sizeof(*uh) || *ulen > tot_len - hlen)
		return TICKPATH_MALFORMED_UDP;
	if (uh->check && !skb_csum_unnecessary(skb) &&
	    csum_tcpudp_magic(iph->saddr, iph->daddr, *ulen, IPPROTO_UDP,
			      csum_partial(uh, *ulen, 0)))
		return TICKPATH_MALFORMED_CSUM;
	return TICKPATH_MALFORMED_NONE;
}

/*
 * Reassembly is the stack's job, and so is splitting what GRO merged: ours
 * are whole datagrams, one per skb.
 */
static rx_handler_result_t tp_rx_pass(struct tp_feed *feed, const struct sk_buff *skb,
				      bool fragment)
{
	struct tp_stats *stats = this_cpu_ptr(feed->stats);
	unsigned int datagrams = skb_is_gso(skb) ? skb_shinfo(skb)->gso_segs : 1;

	u64_stats_update_begin(&stats->syncp);
	u64_stats_add(&stats->c[TICKPATH_FEED_STATS_A_PACKETS], datagrams);
	if (fragment)
		u64_stats_inc(&stats->c[TP_FEED_MALFORMED + TICKPATH_MALFORMED_FRAGMENT]);
	u64_stats_add(&stats->c[TICKPATH_FEED_STATS_A_PASSED], datagrams);
	u64_stats_update_end(&stats->syncp);
	return RX_HANDLER_PASS;
}

static rx_handler_result_t tp_rx_feed(struct tp_port *port, struct tp_feed *feed,
				      struct sk_buff **pskb)
{
	struct skb_shared_hwtstamps *hwts = skb_hwtstamps(*pskb);
	struct tp_rx_packet pkt = { .hw_ts = !!hwts->hwtstamp };
	enum tickpath_malformed reason;
	struct sk_buff *skb;
	struct tp_stats *stats;
	unsigned int ulen = 0;

	pkt.rx_ts = pkt.hw_ts ? ktime_to_ns(hwts->hwtstamp) : ktime_get_real_ns();

	/* Someone else may hold the skb too (a tap): work on our own. */
	skb = skb_share_check(*pskb, GFP_ATOMIC);
	if (!skb)
		return RX_HANDLER_CONSUMED;
	*pskb = skb;

	stats = this_cpu_ptr(feed->stats);
	u64_stats_update_begin(&stats->syncp);
	u64_stats_inc(&stats->c[TICKPATH_FEED_STATS_A_PACKETS]);
	reason = pskb_may_pull(skb, sizeof(struct iphdr)) ?
		 tp_rx_check(skb, &ulen) : TICKPATH_MALFORMED_IP;
	if (reason) {
		u64_stats_inc(&stats->c[TP_FEED_MALFORMED + reason]);
	} else {
		pkt.payload = skb->data + ((const struct iphdr *)skb->data)->ihl * 4 +
			      sizeof(struct udphdr);
		pkt.len = ulen - sizeof(struct udphdr);
		u64_stats_add(&stats->c[TICKPATH_FEED_STATS_A_BYTES], pkt.len);
		tp_channel_receive(feed->channel, feed, &pkt, stats);
	}
	u64_stats_update_end(&stats->syncp);

	/* A replace may change the mode under us (netlink.c). */
	if (READ_ONCE(port->mode) == TICKPATH_PORT_MODE_MIRROR)
		return RX_HANDLER_PASS;
	consume_skb(skb);
	return RX_HANDLER_CONSUMED;
}

rx_handler_result_t tp_feed_rx(struct tp_port *port, struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	const struct udphdr *uh;
	struct udphdr _uh;
	struct iphdr _iph;
	const struct iphdr *iph;
	struct tp_feed *feed;

	/* Not ours: another VLAN's (its tag still on when no VLAN device took
	 * it; VLAN 0 only carries a priority), another host's, or our own
	 * multicast looped back to local sockets.
	 */
	if (skb->protocol != htons(ETH_P_IP) || list_empty(&port->feeds) ||
	    (skb_vlan_tag_present(skb) && skb_vlan_tag_get_id(skb)) ||
	    skb->pkt_type == PACKET_OTHERHOST || skb->pkt_type == PACKET_LOOPBACK)
		return RX_HANDLER_PASS;
	iph = skb_header_pointer(skb, 0, sizeof(_iph), &_iph);
	if (!iph || iph->version != 4 || iph->protocol != IPPROTO_UDP ||
	    !ipv4_is_multicast(iph->daddr))
		return RX_HANDLER_PASS;
	/* Only a first fragment has the UDP header that tells whose it is;
	 * the rest go to the stack unseen.
	 */
	if (iph->frag_off & htons(IP_OFFSET))
		return RX_HANDLER_PASS;
	uh = skb_header_pointer(skb, iph->ihl * 4, sizeof(_uh), &_uh);
	if (!uh)
		return RX_HANDLER_PASS;

	feed = tp_rx_lookup(port, iph->daddr, iph->saddr, uh);
	if (!feed)
		return RX_HANDLER_PASS;
	if (ip_is_fragment(iph) || skb_is_gso(skb))
		return tp_rx_pass(feed, skb, ip_is_fragment(iph));
	return tp_rx_feed(port, feed, pskb);
}
