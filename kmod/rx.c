// SPDX-License-Identifier: GPL-2.0
/*
 * The receive path: pick feed packets out of a port's frames, check their
 * IPv4 and UDP framing without trusting a byte, and hand the payload to the
 * feed's channel.  Anything that is not a feed packet leaves untouched after
 * a few compares.
 *
 * The skb is only read, wherever its bytes lie (linear area, page fragments,
 * frag_list): nothing here pulls, trims, allocates or sets its checksum
 * state.  So it needs no share check: a tap that holds it too (AF_PACKET)
 * and, in mirror mode, the stack after us see it as the device gave it, and
 * in steal mode consume_skb() drops only our reference.
 */

#include "channel.h"
#include "feed.h"
#include "port.h"
#include "rxbuf.h"
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
 * The UDP checksum, which is not zero.  A device that summed the packet
 * (CHECKSUM_COMPLETE: skb->csum covers skb->data to the end) spares summing
 * it again: a valid IPv4 header sums to zero and adds nothing, and what lies
 * past the datagram (the rest of its IPv4 packet, link-layer padding, which
 * ip_rcv_core would trim with pskb_trim_rcsum) is taken out.  As in the
 * stack (udp4_csum_init, __skb_checksum_complete), a device's sum that fails
 * is checked in software and reported if wrong; a sum software made
 * (csum_complete_sw) is final.
 */
static bool tp_rx_udp_csum_ok(struct sk_buff *skb, const struct iphdr *iph,
			      unsigned int hlen, unsigned int ulen)
{
	unsigned int end = hlen + ulen;
	__wsum csum;

	/* Not skb_csum_unnecessary(): its csum_valid may be a tunnel's outer
	 * checksum's, which the stack clears before checking the next one.
	 */
	if (skb->ip_summed == CHECKSUM_UNNECESSARY ||
	    (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_start_offset(skb) >= 0))
		return true;
	if (skb->ip_summed == CHECKSUM_COMPLETE) {
		csum = skb->csum;
		if (skb->len > end)
			csum = csum_block_sub(csum, skb_checksum(skb, end, skb->len - end, 0),
					      end);
		if (!csum_tcpudp_magic(iph->saddr, iph->daddr, ulen, IPPROTO_UDP, csum))
			return true;
		if (skb->csum_complete_sw)
			return false;
	}
	csum = skb_checksum(skb, hlen, ulen, 0);
	if (csum_tcpudp_magic(iph->saddr, iph->daddr, ulen, IPPROTO_UDP, csum))
		return false;
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		netdev_rx_csum_fault(skb->dev, skb);
	return true;
}

/*
 * Checks lengths and checksums, reading the packet wherever it lies, and
 * finds the payload (@iph and @uh hold only the fixed headers).  Returns why
 * the packet is bad.
 */
static enum tickpath_malformed tp_rx_check(struct sk_buff *skb,
					   const struct iphdr *iph,
					   const struct udphdr *uh,
					   struct tp_rx_packet *pkt)
{
	unsigned int hlen = iph->ihl * 4, tot_len = ntohs(iph->tot_len), ulen;
	struct {
		struct iphdr iph;
		u8 options[MAX_IPOPTLEN];
	} _hdr;

	if (iph->ihl < 5)
		return TICKPATH_MALFORMED_IP;
	iph = skb_header_pointer(skb, 0, hlen, &_hdr);
	if (!iph || tot_len < hlen + sizeof(*uh) || tot_len > skb->len)
		return TICKPATH_MALFORMED_IP;
	if (ip_fast_csum(iph, iph->ihl))
		return TICKPATH_MALFORMED_CSUM;
	ulen = ntohs(uh->len);
	if (ulen < sizeof(*uh) || ulen > tot_len - hlen ||
	    ulen - sizeof(*uh) > TP_RX_PAYLOAD_MAX)
		return TICKPATH_MALFORMED_UDP;
	if (uh->check && !tp_rx_udp_csum_ok(skb, iph, hlen, ulen))
		return TICKPATH_MALFORMED_CSUM;
	pkt->len = ulen - sizeof(*uh);
	pkt->payload = tp_rxbuf_read(skb, hlen + sizeof(*uh), pkt->len);
	return pkt->payload ? TICKPATH_MALFORMED_NONE : TICKPATH_MALFORMED_IP;
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
				      struct sk_buff *skb, const struct iphdr *iph,
				      const struct udphdr *uh)
{
	struct skb_shared_hwtstamps *hwts = skb_hwtstamps(skb);
	struct tp_rx_packet pkt = { .hw_ts = !!hwts->hwtstamp };
	enum tickpath_malformed reason;
	struct tp_stats *stats;

	pkt.rx_ts = pkt.hw_ts ? ktime_to_ns(hwts->hwtstamp) : ktime_get_real_ns();

	stats = this_cpu_ptr(feed->stats);
	u64_stats_update_begin(&stats->syncp);
	u64_stats_inc(&stats->c[TICKPATH_FEED_STATS_A_PACKETS]);
	reason = tp_rx_check(skb, iph, uh, &pkt);
	if (reason) {
		u64_stats_inc(&stats->c[TP_FEED_MALFORMED + reason]);
	} else {
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
	return tp_rx_feed(port, feed, skb, iph, uh);
}
