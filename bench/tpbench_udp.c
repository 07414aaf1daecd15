// SPDX-License-Identifier: GPL-2.0
/*
 * The udp paths: a UDP socket bound to the group and port and joined to
 * the group on the device (IP_ADD_MEMBERSHIP), read TB_UDP_BATCH datagrams
 * at a time with recvmmsg().  udp blocks (MSG_WAITFORONE: sleeps for the
 * first datagram, takes what else is queued); udp-busy spins with
 * MSG_DONTWAIT and asks for SO_BUSY_POLL (the kernel then polls the
 * device's NAPI context, where it has one) when permitted.  Readers of the
 * same group and port share it with SO_REUSEADDR: each gets every datagram.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tpbench.h"

#define TB_UDP_BATCH 64
#define TB_UDP_DGRAM_MAX 9216		/* a jumbo frame's payload */
#define TB_UDP_RCVBUF (8 << 20)		/* room for bursts at any rate tested */
#define TB_UDP_BUSY_POLL_US 50

struct tb_udp {
	int fd;
	struct mmsghdr msgs[TB_UDP_BATCH];
	struct iovec iov[TB_UDP_BATCH];
	uint8_t buf[TB_UDP_BATCH][TB_UDP_DGRAM_MAX];
};

static int tb_udp_setup(struct tb_reader *r, struct tb_udp *u)
{
	const struct tb_opts *o = r->opts;
	struct sockaddr_in addr = {
		.sin_family = AF_INET, .sin_port = htons(o->port), .sin_addr = o->group,
	};
	struct ip_mreqn join = { .imr_multiaddr = o->group, .imr_ifindex = o->ifindex };
	struct timeval tick = { .tv_usec = o->tick_ms * 1000 };
	int one = 1, rcvbuf = TB_UDP_RCVBUF, busy_us = TB_UDP_BUSY_POLL_US;

	if (setsockopt(u->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(u->fd, (struct sockaddr *)&addr, sizeof(addr)) ||
	    setsockopt(u->fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &join, sizeof(join))) {
		fprintf(stderr, "tpbench: udp: %s:%u on %s: %s\n", inet_ntoa(o->group),
			o->port, o->dev, strerror(errno));
		return -1;
	}
	/* Beyond net.core.rmem_max needs CAP_NET_ADMIN. */
	if (setsockopt(u->fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)))
		setsockopt(u->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (!o->path->busy)
		return setsockopt(u->fd, SOL_SOCKET, SO_RCVTIMEO, &tick, sizeof(tick));
	if (setsockopt(u->fd, SOL_SOCKET, SO_BUSY_POLL, &busy_us, sizeof(busy_us)) &&
	    !r->index)
		fprintf(stderr, "tpbench: udp-busy: SO_BUSY_POLL not permitted (%s): "
			"spinning without it\n", strerror(errno));
	return 0;
}

static int tb_udp_open(struct tb_reader *r)
{
	struct tb_udp *u = calloc(1, sizeof(*u));
	unsigned int i;

	if (!u || (u->fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0) {
		fprintf(stderr, "tpbench: udp: %s\n", strerror(errno));
		free(u);
		return -1;
	}
	r->handle = u;
	for (i = 0; i < TB_UDP_BATCH; i++) {
		u->iov[i].iov_base = u->buf[i];
		u->iov[i].iov_len = TB_UDP_DGRAM_MAX;
		u->msgs[i].msg_hdr.msg_iov = &u->iov[i];
		u->msgs[i].msg_hdr.msg_iovlen = 1;
	}
	return tb_udp_setup(r, u);
}

static int tb_udp_receive(struct tb_reader *r, int wait_ms)
{
	struct tb_udp *u = r->handle;
	unsigned int taken = 0;
	int i, n;

	/* Blocking, SO_RCVTIMEO bounds the wait. */
	n = recvmmsg(u->fd, u->msgs, TB_UDP_BATCH,
		     wait_ms ? MSG_WAITFORONE : MSG_DONTWAIT, NULL);
	if (n < 0) {
		if (errno == EAGAIN || errno == EINTR)
			return 0;
		fprintf(stderr, "tpbench: udp: recvmmsg: %s\n", strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (u->msgs[i].msg_hdr.msg_flags & MSG_TRUNC) {
			r->stats.malformed++;
			continue;
		}
		taken += tb_mold_payload(&r->stats, u->buf[i], u->msgs[i].msg_len);
	}
	return taken;
}

static void tb_udp_close(struct tb_reader *r)
{
	struct tb_udp *u = r->handle;

	close(u->fd);
	free(u);
}

const struct tb_path tb_path_udp = {
	.name = "udp",
	.open = tb_udp_open,
	.receive = tb_udp_receive,
	.close = tb_udp_close,
};

const struct tb_path tb_path_udp_busy = {
	.name = "udp-busy",
	.busy = true,
	.open = tb_udp_open,
	.receive = tb_udp_receive,
	.close = tb_udp_close,
};
