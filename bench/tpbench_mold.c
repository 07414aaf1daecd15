// SPDX-License-Identifier: GPL-2.0
/*
 * The socket paths' receiver: a MoldUDP64 payload decoded message by
 * message with the module's decoder, as a user-space feed handler would,
 * with its sequence numbers tracked (a gap is lost, a message seen before
 * a duplicate, skipped before decoding).  Packets are taken in arrival
 * order: a reordered packet would count as lost, then as duplicates.
 */
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/udp.h>

#include "itch.h"
#include "tpbench.h"

/* frag_off: more fragments, or an offset (IP_MF | IP_OFFSET in the kernel). */
#define TB_IP_FRAGMENT 0x3fff

unsigned int tb_mold_payload(struct tb_stats *st, const uint8_t *data, uint32_t len)
{
	struct tickpath_rec rec;
	struct tp_mold_packet pkt;
	unsigned int i, taken = 0;
	const u8 *cursor;
	u16 mlen;

	if (tp_mold_parse(data, len, &pkt) != TICKPATH_MALFORMED_NONE) {
		st->malformed++;
		return 0;
	}
	tb_seq_session(st, pkt.session, pkt.seq);
	/* A heartbeat or an end of session carries the next sequence number:
	 * it reveals a gap at the end too.
	 */
	if (pkt.count == TP_MOLD_HEARTBEAT || pkt.count == TP_MOLD_END_OF_SESSION) {
		if (pkt.seq > st->seq.next) {
			st->lost += pkt.seq - st->seq.next;
			st->seq.next = pkt.seq;
		}
		return 0;
	}
	cursor = pkt.blocks;
	for (i = 0; i < pkt.count; i++) {
		const u8 *msg = tp_mold_next_block(&cursor, &mlen);

		if (!tb_seq_fresh(st, pkt.seq + i, true))
			continue;
		if (tp_itch_decode(msg, mlen, &rec) != TICKPATH_MALFORMED_NONE) {
			st->malformed++;
			continue;
		}
		rec.seq = pkt.seq + i;
		tb_stats_data(st, rec.exch_ts);
		taken++;
	}
	return taken;
}

/*
 * An Ethernet frame: the payload of an unfragmented IPv4 UDP datagram to
 * the feed's group and port, else nothing (checksums are not verified: the
 * raw paths trust the link, as their users usually do).
 */
unsigned int tb_mold_frame(struct tb_stats *st, const struct tb_opts *o,
			   const uint8_t *frame, uint32_t len)
{
	const struct iphdr *ip = (const void *)(frame + ETH_HLEN);
	const struct ethhdr *eth = (const void *)frame;
	const struct udphdr *udp;
	uint32_t ihl, ip_len, udp_len;

	if (len < ETH_HLEN + sizeof(*ip) || eth->h_proto != htons(ETH_P_IP))
		return 0;
	ihl = ip->ihl * 4u;
	ip_len = ntohs(ip->tot_len);
	if (ip->version != 4 || ihl < sizeof(*ip) || ip_len < ihl + sizeof(*udp) ||
	    ip_len > len - ETH_HLEN || ip->protocol != IPPROTO_UDP ||
	    (ip->frag_off & htons(TB_IP_FRAGMENT)) ||
	    ip->daddr != o->group.s_addr)
		return 0;
	udp = (const void *)((const uint8_t *)ip + ihl);
	udp_len = ntohs(udp->len);
	if (udp->dest != htons(o->port) || udp_len < sizeof(*udp) ||
	    udp_len > ip_len - ihl)
		return 0;
	return tb_mold_payload(st, (const uint8_t *)(udp + 1),
			       udp_len - sizeof(*udp));
}
