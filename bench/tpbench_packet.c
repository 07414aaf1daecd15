// SPDX-License-Identifier: GPL-2.0
/*
 * The af_packet path: a TPACKET_V3 receive ring on the device, filtered to
 * the feed in the kernel by a classic BPF program (IPv4, UDP, not a
 * fragment, to the group and port: other frames never reach the ring), the
 * frames then parsed in user space.  Blocks of TB_PACKET_BLOCK bytes
 * (TB_PACKET_BLOCKS of them) are handed over when full or when
 * TB_PACKET_RETIRE_MS passes after a block's first frame: the smallest
 * timeout there is (in ms), so that a slow feed waits at most that for its
 * block.  TB_PACKET_FRAME is only what the ring's frame count is computed
 * from: V3 packs frames of any size.  poll() sleeps when the ring is empty.
 * The group's MAC address is added to the device (PACKET_MR_MULTICAST) so
 * that a real NIC's filter lets the feed in; nothing joins it by IGMP.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tpbench.h"

#define TB_PACKET_BLOCK (256 << 10)
#define TB_PACKET_BLOCKS 64
#define TB_PACKET_FRAME 2048
#define TB_PACKET_RETIRE_MS 1

struct tb_packet {
	int fd;
	uint8_t *ring;
	unsigned int block;	/* the next one to read */
};

/* udp and dst host GROUP and dst port PORT and not a fragment. */
static int tb_packet_filter(int fd, const struct tb_opts *o)
{
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),			/* ethertype */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_IP, 0, 10),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ETH_HLEN + 16),	/* daddr */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ntohl(o->group.s_addr), 0, 8),
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, ETH_HLEN + 9),	/* protocol */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, IPPROTO_UDP, 0, 6),
		BPF_STMT(BPF_LD | BPF_H | BPF_ABS, ETH_HLEN + 6),	/* fragment */
		BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x3fff, 4, 0),
		BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, ETH_HLEN),		/* IP header length */
		BPF_STMT(BPF_LD | BPF_H | BPF_IND, ETH_HLEN + 2),	/* UDP dest */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, o->port, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, 0x40000),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_fprog prog = { .len = sizeof(code) / sizeof(code[0]), .filter = code };

	return setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog));
}

/* The filter, then the ring, then the bind: no frame arrives unfiltered. */
static int tb_packet_setup(struct tb_packet *p, const struct tb_opts *o)
{
	struct tpacket_req3 req = {
		.tp_block_size = TB_PACKET_BLOCK,
		.tp_block_nr = TB_PACKET_BLOCKS,
		.tp_frame_size = TB_PACKET_FRAME,
		.tp_frame_nr = TB_PACKET_BLOCK / TB_PACKET_FRAME * TB_PACKET_BLOCKS,
		.tp_retire_blk_tov = TB_PACKET_RETIRE_MS,
	};
	struct sockaddr_ll ll = {
		.sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_IP),
		.sll_ifindex = o->ifindex,
	};
	uint32_t group = ntohl(o->group.s_addr);
	struct packet_mreq mr = {
		.mr_ifindex = o->ifindex, .mr_type = PACKET_MR_MULTICAST, .mr_alen = ETH_ALEN,
		.mr_address = { 0x01, 0x00, 0x5e, (group >> 16) & 0x7f, group >> 8, group },
	};
	int version = TPACKET_V3, one = 1;

	if (tb_packet_filter(p->fd, o) ||
	    setsockopt(p->fd, SOL_PACKET, PACKET_VERSION, &version, sizeof(version)) ||
	    setsockopt(p->fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one)) ||
	    setsockopt(p->fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof(req)))
		return -1;
	p->ring = mmap(NULL, (size_t)TB_PACKET_BLOCK * TB_PACKET_BLOCKS,
		       PROT_READ | PROT_WRITE, MAP_SHARED, p->fd, 0);
	if (p->ring == MAP_FAILED) {
		p->ring = NULL;
		return -1;
	}
	if (bind(p->fd, (struct sockaddr *)&ll, sizeof(ll)))
		return -1;
	return setsockopt(p->fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr));
}

static void tb_packet_close(struct tb_reader *r)
{
	struct tb_packet *p = r->handle;

	if (p->ring)
		munmap(p->ring, (size_t)TB_PACKET_BLOCK * TB_PACKET_BLOCKS);
	close(p->fd);
	free(p);
}

static int tb_packet_open(struct tb_reader *r)
{
	struct tb_packet *p = calloc(1, sizeof(*p));

	if (!p || (p->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0)) < 0) {
		fprintf(stderr, "tpbench: af_packet: %s\n", strerror(errno));
		free(p);
		return -1;
	}
	r->handle = p;
	if (tb_packet_setup(p, r->opts)) {
		fprintf(stderr, "tpbench: af_packet on %s: %s\n", r->opts->dev,
			strerror(errno));
		return -1;
	}
	return 0;
}

static struct tpacket_block_desc *tb_packet_block(struct tb_packet *p)
{
	struct tpacket_block_desc *b = (void *)(p->ring + (size_t)p->block * TB_PACKET_BLOCK);

	/* Acquire: the frames are written before the kernel hands it over. */
	return __atomic_load_n(&b->hdr.bh1.block_status, __ATOMIC_ACQUIRE) &
	       TP_STATUS_USER ? b : NULL;
}

/* One block: every frame in it, then it goes back to the kernel. */
static int tb_packet_receive(struct tb_reader *r, int wait_ms)
{
	struct tb_packet *p = r->handle;
	struct pollfd pfd = { .fd = p->fd, .events = POLLIN | POLLERR };
	struct tpacket_block_desc *b = tb_packet_block(p);
	const struct tpacket3_hdr *h;
	unsigned int i, taken = 0;

	if (!b && wait_ms) {
		if (poll(&pfd, 1, wait_ms) < 0 && errno != EINTR) {
			fprintf(stderr, "tpbench: af_packet: poll: %s\n", strerror(errno));
			return -1;
		}
		b = tb_packet_block(p);
	}
	if (!b)
		return 0;
	h = (const void *)((uint8_t *)b + b->hdr.bh1.offset_to_first_pkt);
	for (i = 0; i < b->hdr.bh1.num_pkts; i++) {
		taken += tb_mold_frame(&r->stats, r->opts, (const uint8_t *)h + h->tp_mac,
				       h->tp_snaplen);
		h = (const void *)((const uint8_t *)h + h->tp_next_offset);
	}
	__atomic_store_n(&b->hdr.bh1.block_status, TP_STATUS_KERNEL, __ATOMIC_RELEASE);
	p->block = (p->block + 1) % TB_PACKET_BLOCKS;
	return taken;
}

const struct tb_path tb_path_af_packet = {
	.name = "af_packet",
	.open = tb_packet_open,
	.receive = tb_packet_receive,
	.close = tb_packet_close,
};
