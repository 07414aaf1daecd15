// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Reader API, the part with system calls: open, bind, map, arm, wait.
 * Reading records is inline (tickpath_reader.h), on the cursor of
 * tickpath_ring.h.
 */
#define _GNU_SOURCE	/* ppoll() */
#include "tickpath.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define TP_SUB_DEVICE "/dev/" TICKPATH_DEVICE_NAME

static bool tp_sub_info_valid(const struct tickpath_ring_info *info)
{
	__u32 count = info->slot_count;
	__u64 size = info->slots_offset +
		     2 * (__u64)count * TICKPATH_SLOT_SIZE;

	return count >= TICKPATH_RING_SLOTS_MIN &&
	       count <= TICKPATH_RING_SLOTS_MAX && !(count & (count - 1)) &&
	       info->slots_offset >= sizeof(struct tickpath_ring_hdr) &&
	       info->mmap_size == size && (size_t)size == size;
}

/* The header page says the same as RING_INFO, in a layout we know. */
static bool tp_sub_hdr_valid(const struct tickpath_ring_hdr *hdr,
			     const struct tickpath_ring_info *info)
{
	return hdr->magic == TICKPATH_RING_MAGIC &&
	       hdr->abi_version == TICKPATH_RING_ABI_VERSION &&
	       hdr->slot_size == TICKPATH_SLOT_SIZE &&
	       hdr->slot_count == info->slot_count &&
	       hdr->slots_offset == info->slots_offset &&
	       hdr->head_offset % sizeof(__u64) == 0 &&
	       hdr->head_offset <= hdr->slots_offset - sizeof(__u64) &&
	       hdr->flags_offset % sizeof(__u32) == 0 &&
	       hdr->flags_offset <= hdr->slots_offset - sizeof(__u32);
}

/* Binds, checks and maps; leaves the rest of @sub to tp_sub_open(). */
static int tp_sub_map(struct tp_sub *sub, const char *name,
		      struct tickpath_ring_info *info)
{
	char bind[TICKPATH_NAME_MAX] = "";
	size_t len = strlen(name);
	void *map;

	if (len >= sizeof(bind))
		return -EINVAL;
	memcpy(bind, name, len);
	if (ioctl(sub->fd, TICKPATH_IOC_BIND, bind) < 0 ||
	    ioctl(sub->fd, TICKPATH_IOC_RING_INFO, info) < 0)
		return -errno;
	if (!tp_sub_info_valid(info))
		return -EPROTO;
	map = mmap(NULL, info->mmap_size, PROT_READ, MAP_SHARED, sub->fd, 0);
	if (map == MAP_FAILED)
		return -errno;
	sub->hdr = map;
	sub->map_size = info->mmap_size;
	return tp_sub_hdr_valid(sub->hdr, info) ? 0 : -EPROTO;
}

int tp_sub_open(const char *name, struct tp_sub **subp)
{
	struct tickpath_ring_info info;
	const unsigned char *map;
	const __u64 *head;
	struct tp_sub *sub;
	int ret;

	sub = calloc(1, sizeof(*sub));
	if (!sub)
		return -ENOMEM;
	sub->fd = open(TP_SUB_DEVICE, O_RDONLY | O_CLOEXEC);
	if (sub->fd < 0) {
		ret = -errno;
		free(sub);
		return ret;
	}
	ret = tp_sub_map(sub, name, &info);
	if (ret < 0) {
		tp_sub_close(sub);
		return ret;
	}
	map = (const unsigned char *)sub->hdr;
	sub->flags = (const __u32 *)(map + sub->hdr->flags_offset);
	head = (const __u64 *)(map + sub->hdr->head_offset);
	tp_ring_cursor_init(&sub->cur, map + info.slots_offset, info.slot_count,
			    tp_ring_load_acquire(head));
	/* For laps: on from the oldest record left, not the newest. */
	tp_ring_cursor_set_head(&sub->cur, head);
	*subp = sub;
	return 0;
}

void tp_sub_close(struct tp_sub *sub)
{
	if (!sub)
		return;
	if (sub->hdr)
		munmap((void *)sub->hdr, sub->map_size);
	close(sub->fd);
	free(sub);
}

int tp_sub_fd(const struct tp_sub *sub)
{
	return sub->fd;
}

int tp_sub_read(struct tp_sub *sub, struct tickpath_rec *rec)
{
	const struct tickpath_rec *next;
	size_t len;

	while ((next = tp_sub_next(sub))) {
		len = tp_ring_rec_slots(next) * TICKPATH_SLOT_SIZE;
		memcpy(rec, next, len);
		memset((unsigned char *)rec + len, 0, sizeof(*rec) - len);
		if (tp_sub_done(sub))
			return 1;
	}
	return 0;
}

int tp_sub_arm(struct tp_sub *sub)
{
	__u64 rec = sub->cur.rec;

	return ioctl(sub->fd, TICKPATH_IOC_ARM, &rec) < 0 ? -errno : 0;
}

/* Two system calls: ARM, then ppoll(), which alone takes a signal mask. */
static int tp_sub_ppoll(struct tp_sub *sub, int timeout_ms,
			const sigset_t *sigmask)
{
	struct pollfd pfd = { .fd = sub->fd, .events = POLLIN };
	struct timespec timeout = {
		.tv_sec = timeout_ms / 1000,
		.tv_nsec = timeout_ms % 1000 * 1000000L,
	};
	int ret;

	ret = tp_sub_arm(sub);
	if (ret < 0)
		return ret;
	ret = ppoll(&pfd, 1, timeout_ms < 0 ? NULL : &timeout, sigmask);
	if (ret < 0)
		return -errno;
	/* Records first: a dead ring is drained before it says EPIPE. */
	if (pfd.revents & POLLIN)
		return 1;
	if (pfd.revents & POLLHUP)
		return -EPIPE;
	return pfd.revents ? -EIO : 0;
}

/* One system call: WAIT_TIMEOUT arms and sleeps. */
int tp_sub_wait(struct tp_sub *sub, int timeout_ms)
{
	struct tickpath_wait wait = {
		.rec = sub->cur.rec,
		.timeout_ns = timeout_ms < 0 ? -1 : timeout_ms * 1000000LL,
	};
	int ret;

	ret = ioctl(sub->fd, TICKPATH_IOC_WAIT_TIMEOUT, &wait);
	if (ret >= 0)
		return ret;
	/* A module older than this library: the two calls it knows. */
	if (errno == ENOTTY)
		return tp_sub_ppoll(sub, timeout_ms, NULL);
	return -errno;
}

int tp_sub_pwait(struct tp_sub *sub, int timeout_ms, const sigset_t *sigmask)
{
	if (!sigmask)
		return tp_sub_wait(sub, timeout_ms);
	return tp_sub_ppoll(sub, timeout_ms, sigmask);
}

uint64_t tp_sub_lost(const struct tp_sub *sub)
{
	return sub->cur.lost;
}

uint64_t tp_sub_laps(const struct tp_sub *sub)
{
	return sub->cur.laps;
}

bool tp_sub_dead(const struct tp_sub *sub)
{
	return tp_ring_load_acquire(sub->flags) & TICKPATH_RING_F_DEAD;
}
