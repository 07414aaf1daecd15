// SPDX-License-Identifier: GPL-2.0
/* Classic pcap and Ethernet/IPv4/UDP, read and written (see pcap.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pcap.h"

#define TP_PCAP_MAGIC_USEC 0xa1b2c3d4u
#define TP_PCAP_MAGIC_NSEC 0xa1b23c4du
#define TP_PCAPNG_MAGIC 0x0a0d0d0au
#define TP_PCAP_SNAPLEN 262144u

#define TP_LINK_ETHERNET 1
#define TP_LINK_RAW 101
#define TP_LINK_SLL 113
#define TP_LINK_IPV4 228
#define TP_LINK_SLL2 276

#define TP_ETH_HLEN 14
#define TP_IP_HLEN 20
#define TP_UDP_HLEN 8
#define TP_ETH_P_IP 0x0800
#define TP_ETH_P_8021Q 0x8100
#define TP_ETH_P_8021AD 0x88a8
#define TP_IPPROTO_UDP 17

static uint16_t tp_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void tp_put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

/* The Internet checksum's running sum: big-endian 16-bit words. */
static uint32_t tp_sum(uint32_t sum, const uint8_t *p, uint32_t len)
{
	for (; len > 1; p += 2, len -= 2)
		sum += tp_be16(p);
	if (len)
		sum += (uint32_t)p[0] << 8;
	return sum;
}

static uint16_t tp_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

/* The sum of the UDP pseudo-header: addresses, protocol, UDP length. */
static uint32_t tp_pseudo_sum(const uint8_t *addrs, uint16_t udp_len)
{
	return tp_sum(0, addrs, 8) + TP_IPPROTO_UDP + udp_len;
}

void tp_multicast_mac(uint32_t group, uint8_t mac[6])
{
	const uint8_t *g = (const uint8_t *)&group;

	mac[0] = 0x01;
	mac[1] = 0x00;
	mac[2] = 0x5e;
	mac[3] = g[1] & 0x7f;
	mac[4] = g[2];
	mac[5] = g[3];
}

/* Host byte order throughout: readers tell it by the magic. */
struct tp_pcap_file_header {
	uint32_t magic;
	uint16_t major;
	uint16_t minor;
	int32_t thiszone;
	uint32_t sigfigs;
	uint32_t snaplen;
	uint32_t linktype;
};

int tp_pcap_write_header(FILE *f)
{
	struct tp_pcap_file_header h = {
		.magic = TP_PCAP_MAGIC_NSEC,
		.major = 2,
		.minor = 4,
		.snaplen = TP_PCAP_SNAPLEN,
		.linktype = TP_LINK_ETHERNET,
	};

	return fwrite(&h, sizeof(h), 1, f) == 1 ? 0 : -1;
}

void tp_udp_headers(uint8_t *h, const struct tp_udp_endpoints *ep,
		    uint16_t ip_id, const uint8_t *payload, uint32_t len)
{
	uint8_t *ip = h + TP_ETH_HLEN, *udp = ip + TP_IP_HLEN;
	uint16_t udp_len = TP_UDP_HLEN + len, csum;

	memcpy(h, ep->dst_mac, 6);
	memcpy(h + 6, ep->src_mac, 6);
	tp_put16(h + 12, TP_ETH_P_IP);

	memset(ip, 0, TP_IP_HLEN);
	ip[0] = 0x45;
	tp_put16(ip + 2, TP_IP_HLEN + udp_len);
	tp_put16(ip + 4, ip_id);
	tp_put16(ip + 6, 0x4000);	/* DF */
	ip[8] = ep->ttl;
	ip[9] = TP_IPPROTO_UDP;
	memcpy(ip + 12, &ep->saddr, 4);
	memcpy(ip + 16, &ep->daddr, 4);
	tp_put16(ip + 10, ~tp_fold(tp_sum(0, ip, TP_IP_HLEN)));

	tp_put16(udp, ep->sport);
	tp_put16(udp + 2, ep->dport);
	tp_put16(udp + 4, udp_len);
	if (!payload) {
		/* What a stack leaves for a device that finishes the sum. */
		tp_put16(udp + 6, tp_fold(tp_pseudo_sum(ip + 12, udp_len)));
		return;
	}
	tp_put16(udp + 6, 0);
	csum = ~tp_fold(tp_sum(tp_sum(tp_pseudo_sum(ip + 12, udp_len), udp,
				      TP_UDP_HLEN), payload, len));
	tp_put16(udp + 6, csum ? csum : 0xffff);
}

int tp_pcap_write_udp(FILE *f, const struct tp_udp_endpoints *ep,
		      uint16_t ip_id, uint64_t time_ns, const uint8_t *payload,
		      uint32_t len)
{
	uint8_t h[TP_UDP_HEADERS_LEN];
	uint32_t rec[4];

	if (len > TP_UDP_MAX_PAYLOAD) {
		errno = EMSGSIZE;
		return -1;
	}
	rec[0] = time_ns / 1000000000u;
	rec[1] = time_ns % 1000000000u;
	rec[2] = sizeof(h) + len;
	rec[3] = rec[2];
	tp_udp_headers(h, ep, ip_id, payload, len);
	if (fwrite(rec, sizeof(rec), 1, f) != 1 ||
	    fwrite(h, sizeof(h), 1, f) != 1 ||
	    (len && fwrite(payload, len, 1, f) != 1))
		return -1;
	return 0;
}

static uint32_t tp_swap32(uint32_t v)
{
	return __builtin_bswap32(v);
}

static bool tp_link_known(uint32_t linktype)
{
	return linktype == TP_LINK_ETHERNET || linktype == TP_LINK_SLL ||
	       linktype == TP_LINK_SLL2 || linktype == TP_LINK_RAW ||
	       linktype == TP_LINK_IPV4;
}

const char *tp_pcap_open(struct tp_pcap *p, FILE *f)
{
	struct tp_pcap_file_header h;
	uint32_t magic;

	memset(p, 0, sizeof(*p));
	p->f = f;
	if (fread(&h, sizeof(h), 1, f) != 1)
		return "too short for a pcap file header";
	if (h.magic == TP_PCAPNG_MAGIC)
		return "pcapng is not supported (convert it: editcap -F pcap)";
	magic = h.magic;
	p->swapped = magic == tp_swap32(TP_PCAP_MAGIC_USEC) ||
		     magic == tp_swap32(TP_PCAP_MAGIC_NSEC);
	if (p->swapped)
		magic = tp_swap32(magic);
	if (magic != TP_PCAP_MAGIC_USEC && magic != TP_PCAP_MAGIC_NSEC)
		return "not a pcap file";
	p->nsec = magic == TP_PCAP_MAGIC_NSEC;
	p->linktype = p->swapped ? tp_swap32(h.linktype) : h.linktype;
	p->linktype &= 0x03ffffff;	/* as LT_LINKTYPE(): the rest is FCS info */
	if (!tp_link_known(p->linktype))
		return "link type not supported (Ethernet, Linux cooked v1 and v2, "
		       "raw IPv4 are)";
	return NULL;
}

void tp_pcap_close(struct tp_pcap *p)
{
	free(p->buf);
	p->buf = NULL;
}

static int tp_pcap_reserve(struct tp_pcap *p, uint32_t size)
{
	uint8_t *buf;

	if (size <= p->size)
		return 0;
	buf = realloc(p->buf, size);
	if (!buf)
		return -1;
	p->buf = buf;
	p->size = size;
	return 0;
}

int tp_pcap_next(struct tp_pcap *p, struct tp_pcap_rec *r)
{
	uint32_t h[4];
	size_t got = fread(h, 1, sizeof(h), p->f);
	int i;

	if (got == 0 && feof(p->f))
		return 0;
	if (got != sizeof(h))
		return -1;
	for (i = 0; p->swapped && i < 4; i++)
		h[i] = tp_swap32(h[i]);
	if (h[2] > TP_PCAP_SNAPLEN || tp_pcap_reserve(p, h[2] ? h[2] : 1))
		return -1;
	if (h[2] && fread(p->buf, h[2], 1, p->f) != 1)
		return -1;
	r->time_ns = h[0] * 1000000000ull + (p->nsec ? h[1] : h[1] * 1000ull);
	r->data = p->buf;
	r->caplen = h[2];
	r->len = h[3] > h[2] ? h[3] : h[2];
	return 1;
}

/* Where the IPv4 header starts, or -1 if the frame does not carry IPv4. */
static int tp_link_offset(uint32_t linktype, const uint8_t *d, uint32_t n)
{
	uint32_t off;
	uint16_t proto;

	switch (linktype) {
	case TP_LINK_ETHERNET:
		off = TP_ETH_HLEN;
		if (n < off)
			return -1;
		proto = tp_be16(d + 12);
		while ((proto == TP_ETH_P_8021Q || proto == TP_ETH_P_8021AD) &&
		       n >= off + 4) {
			proto = tp_be16(d + off + 2);
			off += 4;
		}
		return proto == TP_ETH_P_IP ? (int)off : -1;
	case TP_LINK_SLL:
		return n >= 16 && tp_be16(d + 14) == TP_ETH_P_IP ? 16 : -1;
	case TP_LINK_SLL2:
		return n >= 20 && tp_be16(d) == TP_ETH_P_IP ? 20 : -1;
	case TP_LINK_RAW:
	case TP_LINK_IPV4:
		return n && d[0] >> 4 == 4 ? 0 : -1;
	}
	return -1;
}

static enum tp_udp_status tp_udp_payload(const uint8_t *ip, uint32_t ihl,
					 uint32_t tot, bool csum,
					 struct tp_udp *u)
{
	const uint8_t *udp = ip + ihl;
	uint32_t udp_len;

	if (tot - ihl < TP_UDP_HLEN)
		return TP_UDP_BAD_UDP;
	udp_len = tp_be16(udp + 4);
	if (udp_len < TP_UDP_HLEN || udp_len > tot - ihl)
		return TP_UDP_BAD_UDP;
	memcpy(&u->saddr, ip + 12, 4);
	memcpy(&u->daddr, ip + 16, 4);
	u->sport = tp_be16(udp);
	u->dport = tp_be16(udp + 2);
	u->payload = udp + TP_UDP_HLEN;
	u->len = udp_len - TP_UDP_HLEN;
	if (csum && tp_be16(udp + 6) &&
	    tp_fold(tp_sum(tp_pseudo_sum(ip + 12, udp_len), udp, udp_len)) !=
	    0xffff)
		return TP_UDP_BAD_UDP_CSUM;
	return TP_UDP_OK;
}

/*
 * @avail bytes were captured of the @wire bytes from the IPv4 header on:
 * whatever lies beyond @avail is the capture's loss, not the sender's fault.
 */
enum tp_udp_status tp_udp_parse(const struct tp_pcap *p,
				const struct tp_pcap_rec *r, struct tp_udp *u)
{
	int off = tp_link_offset(p->linktype, r->data, r->caplen);
	const uint8_t *ip = r->data + off;
	uint32_t avail, wire, ihl, tot;

	if (off < 0)
		return TP_UDP_OTHER;
	avail = r->caplen - off;
	wire = r->len - off;
	if (avail < TP_IP_HLEN)
		return wire > avail ? TP_UDP_TRUNCATED : TP_UDP_BAD_IP;
	ihl = (ip[0] & 0xf) * 4u;
	tot = tp_be16(ip + 2);
	if (ip[0] >> 4 != 4 || ihl < TP_IP_HLEN || tot < ihl || tot > wire)
		return TP_UDP_BAD_IP;
	if (tot > avail)
		return TP_UDP_TRUNCATED;
	if (tp_fold(tp_sum(0, ip, ihl)) != 0xffff)
		return TP_UDP_BAD_CSUM;
	if (ip[9] != TP_IPPROTO_UDP)
		return TP_UDP_OTHER;
	if (tp_be16(ip + 6) & 0x3fff)
		return TP_UDP_FRAGMENT;
	return tp_udp_payload(ip, ihl, tot, !p->no_udp_csum, u);
}
