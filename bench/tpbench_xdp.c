// SPDX-License-Identifier: GPL-2.0
/*
 * The af_xdp paths: an AF_XDP socket on the device's queue 0 in copy mode
 * (generic XDP, XDP_FLAGS_SKB_MODE, and XDP_COPY: what a veth offers every
 * kernel), made by libxdp, which also attaches its default program that
 * redirects every frame of the queue to the socket through the XSKMAP.
 * The frames are filtered to the feed in user space.  UMEM is
 * TB_XDP_FRAMES frames of XSK_UMEM__DEFAULT_FRAME_SIZE, all given to the
 * fill ring at the start and each given back as soon as it is read; no TX
 * ring, so the completion ring stays empty.  af_xdp sleeps in poll() when
 * the RX ring is empty, af_xdp-busy spins on it.  One socket per queue: a
 * single reader.  Nothing joins the group (a real NIC's filter may need a
 * socket that does).
 */
#include <bpf/libbpf.h>
#include <errno.h>
#include <linux/if_xdp.h>
#include <linux/if_link.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xdp/xsk.h>

#include "tpbench.h"

#define TB_XDP_FRAMES 4096
#define TB_XDP_BATCH 64
#define TB_XDP_AREA ((size_t)TB_XDP_FRAMES * XSK_UMEM__DEFAULT_FRAME_SIZE)
/*
 * A queue stays bound for a moment after the socket of a run that just
 * ended is closed (the XSKMAP that holds it is freed later): EBUSY then is
 * retried, every 100 ms for up to TB_XDP_BUSY_TRIES times.
 */
#define TB_XDP_BUSY_TRIES 30

struct tb_xdp {
	void *area;
	struct xsk_umem *umem;
	struct xsk_socket *xsk;
	struct xsk_ring_prod fill;
	struct xsk_ring_cons comp;
	struct xsk_ring_cons rx;
};

static void tb_xdp_close(struct tb_reader *r)
{
	struct tb_xdp *x = r->handle;

	if (x->xsk)
		xsk_socket__delete(x->xsk);
	if (x->umem)
		xsk_umem__delete(x->umem);
	if (x->area)
		munmap(x->area, TB_XDP_AREA);
	free(x);
}

/* Every frame of the UMEM to the kernel, to receive into. */
static void tb_xdp_fill_all(struct tb_xdp *x)
{
	__u32 i, idx = 0;

	xsk_ring_prod__reserve(&x->fill, TB_XDP_FRAMES, &idx);
	for (i = 0; i < TB_XDP_FRAMES; i++)
		*xsk_ring_prod__fill_addr(&x->fill, idx + i) =
			(__u64)i * XSK_UMEM__DEFAULT_FRAME_SIZE;
	xsk_ring_prod__submit(&x->fill, TB_XDP_FRAMES);
}

static int tb_xdp_setup(struct tb_xdp *x, const struct tb_opts *o)
{
	struct xsk_umem_config umem_cfg = {
		.fill_size = TB_XDP_FRAMES,
		.comp_size = XSK_RING_CONS__DEFAULT_NUM_DESCS,
		.frame_size = XSK_UMEM__DEFAULT_FRAME_SIZE,
	};
	struct xsk_socket_config cfg = {
		.rx_size = XSK_RING_CONS__DEFAULT_NUM_DESCS,
		.xdp_flags = XDP_FLAGS_SKB_MODE,
		.bind_flags = XDP_COPY,
	};
	int err, tries;

	x->area = mmap(NULL, TB_XDP_AREA, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (x->area == MAP_FAILED) {
		x->area = NULL;
		return -errno;
	}
	err = xsk_umem__create(&x->umem, x->area, TB_XDP_AREA, &x->fill, &x->comp,
			       &umem_cfg);
	if (err)
		return err;
	for (tries = 1;; tries++) {
		err = xsk_socket__create(&x->xsk, o->dev, 0, x->umem, &x->rx, NULL,
					 &cfg);
		if (err != -EBUSY || tries == TB_XDP_BUSY_TRIES)
			break;
		usleep(100000);
	}
	if (err)
		return err;
	tb_xdp_fill_all(x);
	return 0;
}

/* libbpf's notes on the ELF sections of libxdp's program are noise here. */
static int tb_xdp_libbpf_print(enum libbpf_print_level level, const char *fmt,
			       va_list ap)
{
	return level == LIBBPF_WARN ? vfprintf(stderr, fmt, ap) : 0;
}

static int tb_xdp_open(struct tb_reader *r)
{
	struct tb_xdp *x = calloc(1, sizeof(*x));
	int err;

	if (!x) {
		fprintf(stderr, "tpbench: af_xdp: %s\n", strerror(errno));
		return -1;
	}
	r->handle = x;
	libbpf_set_print(tb_xdp_libbpf_print);
	err = tb_xdp_setup(x, r->opts);
	if (err) {
		fprintf(stderr, "tpbench: af_xdp on %s, queue 0, copy mode: %s\n",
			r->opts->dev, strerror(-err));
		return -1;
	}
	return 0;
}

static int tb_xdp_receive(struct tb_reader *r, int wait_ms)
{
	struct tb_xdp *x = r->handle;
	struct pollfd pfd = { .fd = xsk_socket__fd(x->xsk), .events = POLLIN };
	unsigned int i, n, taken = 0;
	__u32 rx_idx = 0, fill_idx = 0;

	n = xsk_ring_cons__peek(&x->rx, TB_XDP_BATCH, &rx_idx);
	if (!n && wait_ms) {
		if (poll(&pfd, 1, wait_ms) < 0 && errno != EINTR) {
			fprintf(stderr, "tpbench: af_xdp: poll: %s\n", strerror(errno));
			return -1;
		}
		n = xsk_ring_cons__peek(&x->rx, TB_XDP_BATCH, &rx_idx);
	}
	if (!n)
		return 0;
	/* The fill ring holds every frame not in use: there is room. */
	xsk_ring_prod__reserve(&x->fill, n, &fill_idx);
	for (i = 0; i < n; i++) {
		const struct xdp_desc *d = xsk_ring_cons__rx_desc(&x->rx, rx_idx + i);

		taken += tb_mold_frame(&r->stats, r->opts,
				       xsk_umem__get_data(x->area, d->addr), d->len);
		*xsk_ring_prod__fill_addr(&x->fill, fill_idx + i) =
			xsk_umem__extract_addr(d->addr);
	}
	xsk_ring_cons__release(&x->rx, n);
	xsk_ring_prod__submit(&x->fill, n);
	return taken;
}

const struct tb_path tb_path_af_xdp = {
	.name = "af_xdp",
	.one_per_queue = true,
	.open = tb_xdp_open,
	.receive = tb_xdp_receive,
	.close = tb_xdp_close,
};

const struct tb_path tb_path_af_xdp_busy = {
	.name = "af_xdp-busy",
	.busy = true,
	.one_per_queue = true,
	.open = tb_xdp_open,
	.receive = tb_xdp_receive,
	.close = tb_xdp_close,
};
