/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Classic pcap files and the Ethernet/IPv4/UDP around a feed's payload,
 * without libpcap: tpgen writes them, tpcat reads them.  Written files use
 * the nanosecond variant (magic 0xa1b23c4d) so that times survive exactly;
 * reading takes either variant in either byte order, and Ethernet (with
 * 802.1Q tags), raw IPv4 and Linux cooked (SLL, SLL2) link types.
 */
#ifndef TP_PCAP_H
#define TP_PCAP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* The largest UDP payload an IPv4 datagram carries. */
#define TP_UDP_MAX_PAYLOAD (65535 - 20 - 8)

struct tp_udp_endpoints {
	uint8_t src_mac[6];
	uint8_t dst_mac[6];	/* derived from daddr when it is multicast */
	uint32_t saddr;		/* network byte order */
	uint32_t daddr;
	uint16_t sport;		/* host byte order */
	uint16_t dport;
	uint8_t ttl;
};

/* Ethernet, IPv4 and UDP headers in front of a payload. */
#define TP_UDP_HEADERS_LEN (14 + 20 + 8)

/*
 * Writes the headers of a frame carrying @len bytes of @payload to @h:
 * IPv4 with DF and its checksum, UDP with its checksum; with @payload NULL,
 * the UDP checksum field holds only the pseudo-header's sum, for the device
 * to finish (checksum offload, as the kernel's own UDP sends leave it).
 */
void tp_udp_headers(uint8_t *h, const struct tp_udp_endpoints *ep,
		    uint16_t ip_id, const uint8_t *payload, uint32_t len);
/* The Ethernet address an IPv4 multicast group maps to (RFC 1112). */
void tp_multicast_mac(uint32_t group, uint8_t mac[6]);

/* Both return 0, or -1 with errno set. */
int tp_pcap_write_header(FILE *f);
int tp_pcap_write_udp(FILE *f, const struct tp_udp_endpoints *ep,
		      uint16_t ip_id, uint64_t time_ns, const uint8_t *payload,
		      uint32_t len);

struct tp_pcap {
	FILE *f;
	bool swapped;		/* written on a host of the other byte order */
	bool nsec;
	bool no_udp_csum;	/* set by a reader that does not need it checked */
	uint32_t linktype;
	uint8_t *buf;
	uint32_t size;
};

struct tp_pcap_rec {
	uint64_t time_ns;	/* since the epoch */
	const uint8_t *data;	/* valid until the next tp_pcap_next() */
	uint32_t caplen;
	uint32_t len;		/* on the wire */
};

/* Reads the file header: NULL, or why the file cannot be read. */
const char *tp_pcap_open(struct tp_pcap *p, FILE *f);
void tp_pcap_close(struct tp_pcap *p);
/* 1: a record; 0: the end; -1: a truncated or corrupt record header. */
int tp_pcap_next(struct tp_pcap *p, struct tp_pcap_rec *r);

enum tp_udp_status {
	TP_UDP_OK,
	TP_UDP_OTHER,		/* not IPv4 UDP: none of our business */
	TP_UDP_TRUNCATED,	/* captured short of its IPv4 length */
	TP_UDP_BAD_IP,		/* bad IPv4 header or total length */
	TP_UDP_BAD_UDP,		/* bad UDP length */
	TP_UDP_BAD_CSUM,	/* bad IPv4 header checksum */
	TP_UDP_BAD_UDP_CSUM,	/* bad UDP checksum; *u is filled (a capture on a
				 * sender that offloads checksums has them)
				 */
	TP_UDP_FRAGMENT,
};

struct tp_udp {
	uint32_t saddr;		/* network byte order */
	uint32_t daddr;
	uint16_t sport;		/* host byte order */
	uint16_t dport;
	const uint8_t *payload;
	uint32_t len;
};

/* Finds the UDP payload of a captured frame, checking every length. */
enum tp_udp_status tp_udp_parse(const struct tp_pcap *p,
				const struct tp_pcap_rec *r, struct tp_udp *u);

#endif /* TP_PCAP_H */
