// SPDX-License-Identifier: GPL-2.0
/* Frames out to a socket, a pcap and the log (see tpgen_out.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdarg.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "itch.h"
#include "tpgen_out.h"
#include "tpgen_pack.h"
#include "tpgen_pace.h"

#define TP_NS_PER_DAY (86400 * 1000000000ULL)
#define TP_SNDBUF (4 << 20)
#define TP_PCAP_SOURCE 0x0a000001	/* 10.0.0.1, when none is given */

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

int tp_out_open(struct tp_out *o, const struct tp_out_opts *opts)
{
	memset(o, 0, sizeof(*o));
	o->sock = -1;
	o->stamp = opts->stamp;
	tp_out_endpoints(o, opts);
	if (opts->send && tp_out_socket(o, opts))
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
static int tp_out_send(struct tp_out *o, const struct tp_frame *f)
{
	const struct sockaddr_in dst = {
		.sin_family = AF_INET,
		.sin_port = htons(o->ep.dport),
		.sin_addr.s_addr = o->ep.daddr,
	};

	while (sendto(o->sock, f->data, f->len, 0, (const struct sockaddr *)&dst,
		      sizeof(dst)) < 0) {
		if (errno != EINTR && errno != ENOBUFS && errno != EAGAIN) {
			fprintf(stderr, "tpgen: send: %s\n", strerror(errno));
			return -1;
		}
		sched_yield();
	}
	return 0;
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

int tp_out_frame(struct tp_out *o, struct tp_frame *f, uint64_t time)
{
	if (f->kind != TP_FRAME_DROP) {
		o->frames++;
		if (o->sock >= 0)
			time = tp_real_ns();
		if (o->stamp)
			tp_pack_stamp(f->data, f->len, time % TP_NS_PER_DAY);
		if (o->sock >= 0 && tp_out_send(o, f))
			return -1;
		if (o->pcap && tp_pcap_write_udp(o->pcap, &o->ep, o->ip_id++,
						 time, f->data, f->len))
			return -1;
	}
	if (o->log)
		tp_out_log_frame(o, f, time);
	return 0;
}

void tp_out_log(struct tp_out *o, const char *fmt, ...)
{
	va_list ap;

	if (!o->log)
		return;
	va_start(ap, fmt);
	vfprintf(o->log, fmt, ap);
	va_end(ap);
	putc('\n', o->log);
}

int tp_out_close(struct tp_out *o)
{
	int err = 0;

	if (o->pcap && tp_out_file_close(o->pcap))
		err = -1;
	if (o->log && tp_out_file_close(o->log))
		err = -1;
	if (o->sock >= 0)
		close(o->sock);
	return err;
}
