// SPDX-License-Identifier: GPL-2.0
/* Frames out to a socket, a pcap and the log (see tpgen_out.h). */
#define _GNU_SOURCE	/* sendmmsg */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <linux/if_packet.h>
#include <linux/virtio_net.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "itch.h"
#include "tpgen_out.h"
#include "tpgen_pack.h"
#include "tpgen_pace.h"

#define TP_NS_PER_DAY (86400 * 1000000000ULL)
#define TP_SNDBUF (4 << 20)
#define TP_PCAP_SOURCE 0x0a000001	/* 10.0.0.1, when none is given */
/*
 * A queued frame's slot: a raw frame's virtio-net header (asking the device
 * to finish the UDP checksum) and Ethernet, IPv4 and UDP headers, then the
 * payload; a UDP socket sends the payload alone.
 */
#define TP_VNET_LEN sizeof(struct virtio_net_hdr)
#define TP_SLOT_HEAD (TP_VNET_LEN + TP_UDP_HEADERS_LEN)

static const char *const tp_kind_names[] = {
	[TP_FRAME_DATA] = "data",
	[TP_FRAME_HEARTBEAT] = "heartbeat",
	[TP_FRAME_END] = "end",
	[TP_FRAME_DUP] = "dup",
	[TP_FRAME_LATE] = "late",
	[TP_FRAME_MALFORMED] = "malformed",
	[TP_FRAME_DROP] = "drop",
};

FILE *tp_out_file(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "w") : stdout;

	if (!f)
		fprintf(stderr, "tpgen: %s: %s\n", path, strerror(errno));
	else
		setvbuf(f, NULL, _IOFBF, 1 << 20);
	return f;
}

int tp_out_file_close(FILE *f)
{
	int err = ferror(f);

	if (f == stdout)
		return fflush(f) || err ? -1 : 0;
	return fclose(f) || err ? -1 : 0;
}

static int tp_sockopt(int fd, int level, int name, const void *v, socklen_t n,
		      const char *what)
{
	if (!setsockopt(fd, level, name, v, n))
		return 0;
	fprintf(stderr, "tpgen: %s: %s\n", what, strerror(errno));
	return -1;
}

/* Multicast leaves by --iface with --ttl; unicast follows the routes. */
static int tp_route(int fd, const struct tp_out_opts *opts)
{
	int ttl = opts->ttl, loop = opts->loop;
	struct ip_mreqn mreq = { 0 };

	if (!IN_MULTICAST(ntohl(opts->group)))
		return tp_sockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl),
				  "TTL");
	if (opts->iface) {
		mreq.imr_ifindex = if_nametoindex(opts->iface);
		if (!mreq.imr_ifindex) {
			fprintf(stderr, "tpgen: %s: no such interface\n",
				opts->iface);
			return -1;
		}
		if (tp_sockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &mreq,
			       sizeof(mreq), opts->iface))
			return -1;
	}
	if (tp_sockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof(ttl),
		       "multicast TTL"))
		return -1;
	return tp_sockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop,
			  sizeof(loop), "multicast loop");
}

/* The device's index, Ethernet address and, without --source, IPv4 one. */
static int tp_out_device(struct tp_out *o, const struct tp_out_opts *opts)
{
	struct ifreq ifr = { 0 };
	int fd, err = -1;

	o->ifindex = if_nametoindex(opts->iface);
	if (!o->ifindex || strlen(opts->iface) >= sizeof(ifr.ifr_name)) {
		fprintf(stderr, "tpgen: %s: no such interface\n", opts->iface);
		return -1;
	}
	strcpy(ifr.ifr_name, opts->iface);
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || ioctl(fd, SIOCGIFHWADDR, &ifr)) {
		fprintf(stderr, "tpgen: %s: Ethernet address: %s\n", opts->iface,
			strerror(errno));
		goto out;
	}
	memcpy(o->ep.src_mac, ifr.ifr_hwaddr.sa_data, 6);
	if (!opts->source) {
		if (ioctl(fd, SIOCGIFADDR, &ifr)) {
			fprintf(stderr, "tpgen: %s: no IPv4 address (give --source)\n",
				opts->iface);
			goto out;
		}
		o->ep.saddr = ((struct sockaddr_in *)&ifr.ifr_addr)->sin_addr.s_addr;
	}
	err = 0;
out:
	if (fd >= 0)
		close(fd);
	return err;
}

/*
 * Raw: whole frames straight to the device's driver (no IP output path, no
 * queueing discipline), the UDP checksum left to the device as the stack's
 * own sends leave it, so that a receiver sees the same packets.
 */
static int tp_out_raw(struct tp_out *o, const struct tp_out_opts *opts)
{
	int on = 1, sndbuf = TP_SNDBUF;

	if (tp_out_device(o, opts))	/* tpgen_check() saw to --iface */
		return -1;
	o->sock = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (o->sock < 0) {
		fprintf(stderr, "tpgen: packet socket: %s\n", strerror(errno));
		return -1;
	}
	tp_sockopt(o->sock, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf),
		   "send buffer");
	if (tp_sockopt(o->sock, SOL_PACKET, PACKET_VNET_HDR, &on, sizeof(on),
		       "virtio-net header"))
		return -1;
	return tp_sockopt(o->sock, SOL_PACKET, PACKET_QDISC_BYPASS, &on,
			  sizeof(on), "queueing discipline bypass");
}

static int tp_out_socket(struct tp_out *o, const struct tp_out_opts *opts)
{
	struct sockaddr_in src = {
		.sin_family = AF_INET,
		.sin_port = htons(opts->sport),
		.sin_addr.s_addr = opts->source,
	};
	int sndbuf = TP_SNDBUF;

	o->sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (o->sock < 0) {
		fprintf(stderr, "tpgen: socket: %s\n", strerror(errno));
		return -1;
	}
	if ((opts->source || opts->sport) &&
	    bind(o->sock, (struct sockaddr *)&src, sizeof(src))) {
		fprintf(stderr, "tpgen: bind %s:%u: %s\n",
			inet_ntoa(src.sin_addr), opts->sport, strerror(errno));
		return -1;
	}
	tp_sockopt(o->sock, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf),
		   "send buffer");
	return tp_route(o->sock, opts);
}

/*
 * The pcap shows the frames a live sender's NIC would put on the wire,
 * from a made-up source unless --source gives one.
 */
static void tp_out_endpoints(struct tp_out *o, const struct tp_out_opts *opts)
{
	static const uint8_t src_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
	struct tp_udp_endpoints *ep = &o->ep;

	memcpy(ep->src_mac, src_mac, 6);
	if (IN_MULTICAST(ntohl(opts->group)))
		tp_multicast_mac(opts->group, ep->dst_mac);
	else
		memcpy(ep->dst_mac, src_mac, 6);
	ep->saddr = opts->source ? opts->source : htonl(TP_PCAP_SOURCE);
	ep->daddr = opts->group;
	ep->sport = opts->sport ? opts->sport : opts->port;
	ep->dport = opts->port;
	ep->ttl = opts->ttl;
}

/*
 * The queue's slots, each the size of the largest frame, cache lines apart,
 * and a message for each that points into its slot.
 */
static int tp_out_queue_init(struct tp_out *o, uint32_t max_len)
{
	size_t slot = (TP_SLOT_HEAD + max_len + 63) & ~(size_t)63;
	unsigned int i;

	o->q = calloc(o->batch, sizeof(*o->q));
	o->slots = malloc(o->batch * slot);
	o->msgs = calloc(o->batch, sizeof(*o->msgs));
	o->iov = calloc(o->batch, sizeof(*o->iov));
	if (!o->q || !o->slots || !o->msgs || !o->iov) {
		fprintf(stderr, "tpgen: out of memory\n");
		return -1;
	}
	for (i = 0; i < o->batch; i++) {
		o->q[i].data = o->slots + i * slot + TP_SLOT_HEAD;
		o->msgs[i].msg_hdr.msg_iov = &o->iov[i];
		o->msgs[i].msg_hdr.msg_iovlen = 1;
	}
	return 0;
}

int tp_out_open(struct tp_out *o, const struct tp_out_opts *opts)
{
	memset(o, 0, sizeof(*o));
	o->sock = -1;
	o->stamp = opts->stamp;
	o->raw = opts->raw;
	o->batch = opts->batch ? opts->batch : 1;
	tp_out_endpoints(o, opts);
	if (opts->send && (opts->raw ? tp_out_raw(o, opts) :
			   tp_out_socket(o, opts)))
		return -1;
	if (opts->send && tp_out_queue_init(o, opts->max_len ? opts->max_len :
					    TP_UDP_MAX_PAYLOAD))
		return -1;
	if (opts->log) {
		o->log = tp_out_file(opts->log);
		if (!o->log)
			return -1;
	}
	if (opts->pcap) {
		o->pcap = tp_out_file(opts->pcap);
		if (!o->pcap || tp_pcap_write_header(o->pcap)) {
			fprintf(stderr, "tpgen: cannot write %s\n", opts->pcap);
			return -1;
		}
	}
	return 0;
}

/* A full socket buffer or device queue is waited out, never dropped. */
static int tp_out_send(struct tp_out *o, unsigned int n)
{
	struct sockaddr_in in = {
		.sin_family = AF_INET,
		.sin_port = htons(o->ep.dport),
		.sin_addr.s_addr = o->ep.daddr,
	};
	struct sockaddr_ll ll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_IP),
		.sll_ifindex = o->ifindex,
		.sll_halen = 6,
	};
	struct mmsghdr *m = o->msgs;
	unsigned int i;
	int sent;

	memcpy(ll.sll_addr, o->ep.dst_mac, 6);
	for (i = 0; i < n; i++) {
		m[i].msg_hdr.msg_name = o->raw ? (void *)&ll : (void *)&in;
		m[i].msg_hdr.msg_namelen = o->raw ? sizeof(ll) : sizeof(in);
	}
	while (n) {
		sent = sendmmsg(o->sock, m, n, 0);
		if (sent > 0) {
			m += sent;
			n -= sent;
			continue;
		}
		if (sent < 0 && errno != EINTR && errno != ENOBUFS &&
		    errno != EAGAIN) {
			fprintf(stderr, "tpgen: send: %s\n", strerror(errno));
			return -1;
		}
		sched_yield();
	}
	return 0;
}

/*
 * Queues a copy of a frame to send; a raw one gets its headers now, with
 * the UDP checksum for the device to finish, so stamping later is free.
 */
static void tp_out_queue(struct tp_out *o, const struct tp_frame *f)
{
	struct tp_frame *q = &o->q[o->queued];
	struct iovec *iov = &o->iov[o->queued];
	uint8_t *data = q->data;

	*q = *f;
	q->data = data;
	memcpy(q->data, f->data, f->len);
	iov->iov_base = q->data;
	iov->iov_len = f->len;
	if (o->raw) {
		struct virtio_net_hdr *vh = (void *)(q->data - TP_SLOT_HEAD);

		memset(vh, 0, sizeof(*vh));
		vh->flags = VIRTIO_NET_HDR_F_NEEDS_CSUM;
		vh->csum_start = TP_UDP_HEADERS_LEN - 8;	/* the UDP header */
		vh->csum_offset = 6;				/* its checksum */
		/* The IPv4 identification its pcap record will have. */
		tp_udp_headers(q->data - TP_UDP_HEADERS_LEN, &o->ep,
			       o->ip_id + o->queued, NULL, f->len);
		iov->iov_base = vh;
		iov->iov_len += TP_SLOT_HEAD;
	}
	o->queued++;
}

static void tp_out_log_frame(struct tp_out *o, const struct tp_frame *f,
			     uint64_t time)
{
	fputs(tp_kind_names[f->kind], o->log);
	if (f->kind != TP_FRAME_DROP)
		fprintf(o->log, " frame=%" PRIu64, o->frames);
	fprintf(o->log, " session=%.*s seq=%" PRIu64 " count=%u msg=%" PRIu64
		" len=%u time=%" PRIu64, tp_pack_session_len(f->data),
		(const char *)f->data, f->seq, f->count, f->msg, f->len, time);
	if (f->bad)
		fprintf(o->log, " kind=%s", f->bad);
	putc('\n', o->log);
}

/* Writes and logs a frame that went at @time (stamped, if live). */
static int tp_out_done(struct tp_out *o, struct tp_frame *f, uint64_t time)
{
	if (f->kind != TP_FRAME_DROP) {
		o->frames++;
		if (o->stamp && o->sock < 0)
			tp_pack_stamp(f->data, f->len, time % TP_NS_PER_DAY);
		if (o->pcap && tp_pcap_write_udp(o->pcap, &o->ep, o->ip_id++,
						 time, f->data, f->len))
			return -1;
	}
	if (o->log)
		tp_out_log_frame(o, f, time);
	return 0;
}

int tp_out_flush(struct tp_out *o)
{
	unsigned int i, n = o->queued;
	uint64_t time;

	if (!n || o->err)
		return o->err;
	o->queued = 0;
	time = tp_real_ns();
	if (o->stamp)
		for (i = 0; i < n; i++)
			tp_pack_stamp(o->q[i].data, o->q[i].len,
				      time % TP_NS_PER_DAY);
	if (tp_out_send(o, n))
		return o->err = -1;
	for (i = 0; i < n; i++)
		if (tp_out_done(o, &o->q[i], time))
			return o->err = -1;
	return 0;
}

int tp_out_frame(struct tp_out *o, struct tp_frame *f, uint64_t time)
{
	if (o->sock < 0 || f->kind == TP_FRAME_DROP)
		return tp_out_flush(o) || tp_out_done(o, f, time) ? -1 : 0;
	tp_out_queue(o, f);
	return o->queued == o->batch ? tp_out_flush(o) : 0;
}

void tp_out_log(struct tp_out *o, const char *fmt, ...)
{
	va_list ap;

	if (!o->log)
		return;
	tp_out_flush(o);	/* the frames before the event, first */
	va_start(ap, fmt);
	vfprintf(o->log, fmt, ap);
	va_end(ap);
	putc('\n', o->log);
}

int tp_out_close(struct tp_out *o)
{
	int err = tp_out_flush(o);

	free(o->q);
	free(o->slots);
	free(o->msgs);
	free(o->iov);
	if (o->pcap && tp_out_file_close(o->pcap))
		err = -1;
	if (o->log && tp_out_file_close(o->log))
		err = -1;
	if (o->sock >= 0)
		close(o->sock);
	return err;
}
