// SPDX-License-Identifier: GPL-2.0
/*
 * ringhold: holds a subscription's ring until it dies, for the lifetime
 * tests:
 *
 *	ringhold [-m] [-n NETNS] [-T SECONDS] SUB READY
 *
 * Binds a reader to SUB (in network namespace NETNS if given, then goes
 * back to its own, so that it does not keep NETNS alive) and maps the ring;
 * with -m it then closes the file and keeps only the mapping.  It creates
 * the file READY and reads every record as it comes, until the ring is
 * dead.  Then the ring must still be mapped and readable and say so the
 * documented ways: the header's TICKPATH_RING_F_DEAD (tp_sub_dead()), and
 * for a reader with its file poll()'s EPOLLHUP and tp_sub_wait()'s -EPIPE
 * once every record is read.  Prints "dead after N records" and exits 0; exits 1 if
 * a check fails or the ring is not dead within SECONDS (default 60).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "tickpath.h"

#define RH_POLL_MS 10

struct rh {
	const char *sub;
	bool map_only;
	unsigned int timeout_s;
	uint64_t records;
	/* -m: the bare mapping, read with the ring protocol's cursor. */
	const struct tickpath_ring_hdr *hdr;
	size_t map_size;
	struct tp_ring_cursor cur;
	/* Otherwise: libtickpath's reader. */
	struct tp_sub *reader;
};

static int rh_fail(const char *what)
{
	fprintf(stderr, "ringhold: %s\n", what);
	return -1;
}

static int rh_errno(const char *what)
{
	fprintf(stderr, "ringhold: %s: %s\n", what, strerror(errno));
	return -1;
}

/* Runs @fn in network namespace @netns, then comes back. */
static int rh_in_netns(const char *netns, int (*fn)(struct rh *), struct rh *rh)
{
	char path[256];
	int self, ns, ret;

	if (!netns)
		return fn(rh);
	snprintf(path, sizeof(path), "/run/netns/%s", netns);
	self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	ns = open(path, O_RDONLY | O_CLOEXEC);
	if (self < 0 || ns < 0 || setns(ns, CLONE_NEWNET))
		return rh_errno(path);
	ret = fn(rh);
	if (setns(self, CLONE_NEWNET))
		return rh_errno("back to our own namespace");
	close(self);
	close(ns);
	return ret;
}

static int rh_open_reader(struct rh *rh)
{
	int ret = tp_sub_open(rh->sub, &rh->reader);

	if (ret < 0) {
		errno = -ret;
		return rh_errno(rh->sub);
	}
	return 0;
}

static int rh_open_mapping(struct rh *rh)
{
	struct tickpath_ring_info info;
	char name[TICKPATH_NAME_MAX] = "";
	const unsigned char *map;
	int fd;

	strncpy(name, rh->sub, sizeof(name) - 1);
	fd = open("/dev/" TICKPATH_DEVICE_NAME, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || ioctl(fd, TICKPATH_IOC_BIND, name) ||
	    ioctl(fd, TICKPATH_IOC_RING_INFO, &info))
		return rh_errno(rh->sub);
	map = mmap(NULL, info.mmap_size, PROT_READ, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED)
		return rh_errno("mmap");
	close(fd);
	rh->hdr = (const struct tickpath_ring_hdr *)map;
	rh->map_size = info.mmap_size;
	tp_ring_cursor_init(&rh->cur, map + info.slots_offset, info.slot_count,
			    info.head);
	return 0;
}

static int rh_open(struct rh *rh)
{
	return rh->map_only ? rh_open_mapping(rh) : rh_open_reader(rh);
}

static bool rh_dead(const struct rh *rh)
{
	const unsigned char *map = (const unsigned char *)rh->hdr;

	return tp_ring_load_acquire((const __u32 *)(map + rh->hdr->flags_offset)) &
	       TICKPATH_RING_F_DEAD;
}

/* Reads what is there; the ring's death is seen after its last record. */
static void rh_drain(struct rh *rh)
{
	struct tickpath_rec rec;

	if (!rh->map_only) {
		while (tp_sub_read(rh->reader, &rec) == 1)
			rh->records++;
		return;
	}
	while (tp_ring_cursor_next(&rh->cur))
		if (tp_ring_cursor_done(&rh->cur))
			rh->records++;
}

static int rh_wait_mapping(struct rh *rh, int timeout_ms)
{
	for (; timeout_ms > 0; timeout_ms -= RH_POLL_MS) {
		rh_drain(rh);
		if (rh_dead(rh)) {
			rh_drain(rh);
			return 0;
		}
		usleep(RH_POLL_MS * 1000);
	}
	return rh_fail("the ring is not dead");
}

static int rh_wait_reader(struct rh *rh, int timeout_ms)
{
	struct pollfd pfd = { .fd = tp_sub_fd(rh->reader), .events = POLLIN };
	int ret;

	do {
		rh_drain(rh);
		ret = tp_sub_wait(rh->reader, timeout_ms);
	} while (ret > 0 || ret == -EINTR);
	if (ret != -EPIPE)
		return rh_fail(ret ? strerror(-ret) : "the ring is not dead");
	if (tp_sub_arm(rh->reader) || poll(&pfd, 1, 0) != 1 ||
	    !(pfd.revents & POLLHUP) || (pfd.revents & POLLIN))
		return rh_fail("a dead, drained ring does not poll as EPOLLHUP only");
	return tp_sub_dead(rh->reader) ? 0 : rh_fail("tp_sub_dead() is false");
}

int main(int argc, char **argv)
{
	struct rh rh = { .timeout_s = 60 };
	const char *netns = NULL;
	FILE *ready;
	int c, ret;

	while ((c = getopt(argc, argv, "mn:T:")) != -1) {
		switch (c) {
		case 'm':
			rh.map_only = true;
			break;
		case 'n':
			netns = optarg;
			break;
		case 'T':
			rh.timeout_s = strtoul(optarg, NULL, 10);
			break;
		default:
			return 2;
		}
	}
	if (optind + 2 != argc) {
		fprintf(stderr, "usage: ringhold [-m] [-n NETNS] [-T SECONDS] SUB READY\n");
		return 2;
	}
	rh.sub = argv[optind];
	if (rh_in_netns(netns, rh_open, &rh))
		return 1;
	ready = fopen(argv[optind + 1], "w");
	if (!ready || fclose(ready)) {
		rh_errno(argv[optind + 1]);
		return 1;
	}
	if (rh.map_only) {
		ret = rh_wait_mapping(&rh, rh.timeout_s * 1000);
		/* Dead, but still there: the header reads as it did. */
		if (!ret && rh.hdr->magic != TICKPATH_RING_MAGIC)
			ret = rh_fail("the mapping no longer holds the ring");
		munmap((void *)rh.hdr, rh.map_size);
	} else {
		ret = rh_wait_reader(&rh, rh.timeout_s * 1000);
		tp_sub_close(rh.reader);
	}
	if (ret)
		return 1;
	printf("dead after %" PRIu64 " records\n", rh.records);
	return 0;
}
