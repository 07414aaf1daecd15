// SPDX-License-Identifier: GPL-2.0
/*
 * The mapping rules of /dev/tickpath, for a VM test: run as
 *
 *	ring_map SUBSCRIPTION
 *
 * in the namespace where SUBSCRIPTION exists (and "tp-no-such-sub" does
 * not).  A reader can map a ring read-only, once bound, and nothing else:
 * no write access now or later, no second binding, no other size or offset.
 * Ends with "N passed, N failed" and fails if any check did.
 */
#include "tickpath.h"
#include "../unit/check.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define DEVICE "/dev/" TICKPATH_DEVICE_NAME

/* The call fails with errno @err; says what it did instead if not. */
#define CHECK_ERRNO(call, err)						\
	do {								\
		long ret_;						\
		errno = 0;						\
		ret_ = (long)(call);					\
		if (ret_ != -1 || errno != (err))			\
			fprintf(stderr, "%s: returned %ld, errno %s, "	\
				"expected %s\n", #call, ret_,		\
				strerror(errno), #err);			\
		CHECK(ret_ == -1 && errno == (err));			\
	} while (0)

static int bind_name(int fd, const char *name)
{
	char buf[TICKPATH_NAME_MAX] = "";

	strncpy(buf, name, sizeof(buf) - 1);
	return ioctl(fd, TICKPATH_IOC_BIND, buf);
}

static void *map(int fd, size_t size, int prot, int flags, off_t offset)
{
	return mmap(NULL, size, prot, flags, fd, offset);
}

static void check_open_modes(void)
{
	CHECK_ERRNO(open(DEVICE, O_RDWR), EACCES);
	CHECK_ERRNO(open(DEVICE, O_WRONLY), EACCES);
}

static void check_unbound(int fd)
{
	struct tickpath_ring_info info;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	char unterminated[TICKPATH_NAME_MAX];
	__u64 rec = 0;

	CHECK_ERRNO(ioctl(fd, TICKPATH_IOC_RING_INFO, &info), EBADFD);
	CHECK_ERRNO(ioctl(fd, TICKPATH_IOC_ARM, &rec), EBADFD);
	CHECK_ERRNO(ioctl(fd, TICKPATH_IOC_WAIT, &rec), EBADFD);
	CHECK_ERRNO(map(fd, 65536, PROT_READ, MAP_SHARED, 0), EBADFD);
	CHECK(poll(&pfd, 1, 0) == 1 && pfd.revents == POLLERR);
	CHECK_ERRNO(ioctl(fd, _IO(TICKPATH_IOC_MAGIC, 99)), ENOTTY);

	CHECK_ERRNO(bind_name(fd, "tp-no-such-sub"), ENOENT);
	CHECK_ERRNO(bind_name(fd, ""), EINVAL);
	memset(unterminated, 'a', sizeof(unterminated));
	CHECK_ERRNO(ioctl(fd, TICKPATH_IOC_BIND, unterminated), EINVAL);
	CHECK_ERRNO(ioctl(fd, TICKPATH_IOC_BIND, NULL), EFAULT);
}

static void check_info(const struct tickpath_ring_info *info, size_t page)
{
	__u32 count = info->slot_count;

	CHECK(count >= TICKPATH_RING_SLOTS_MIN);
	CHECK(count <= TICKPATH_RING_SLOTS_MAX);
	CHECK((count & (count - 1)) == 0);
	CHECK(info->slots_offset == page);
	CHECK(info->mmap_size == page + 2ULL * count * TICKPATH_SLOT_SIZE);
	CHECK(info->head >> TICKPATH_HEAD_SLOT_BITS < 1ULL << TICKPATH_STAMP_BITS);
}

static void check_bad_maps(int fd, size_t size, size_t page)
{
	/* The file is read-only, so the VFS refuses this one itself. */
	CHECK_ERRNO(map(fd, size, PROT_READ | PROT_WRITE, MAP_SHARED, 0), EACCES);
	CHECK_ERRNO(map(fd, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0), EPERM);
	CHECK_ERRNO(map(fd, size, PROT_READ | PROT_EXEC, MAP_SHARED, 0), EPERM);
	CHECK_ERRNO(map(fd, size, PROT_READ, MAP_PRIVATE, 0), EINVAL);
	CHECK_ERRNO(map(fd, size - page, PROT_READ, MAP_SHARED, 0), EINVAL);
	CHECK_ERRNO(map(fd, size + page, PROT_READ, MAP_SHARED, 0), EINVAL);
	CHECK_ERRNO(map(fd, size - page, PROT_READ, MAP_SHARED, page), EINVAL);
	CHECK_ERRNO(map(fd, size, PROT_READ, MAP_SHARED, page), EINVAL);
}

static void check_header(const struct tickpath_ring_hdr *hdr,
			 const struct tickpath_ring_info *info)
{
	const unsigned char *base = (const unsigned char *)hdr;
	__u64 head;

	CHECK(hdr->magic == TICKPATH_RING_MAGIC);
	CHECK(hdr->abi_version == TICKPATH_RING_ABI_VERSION);
	CHECK(hdr->slot_size == TICKPATH_SLOT_SIZE);
	CHECK(hdr->slot_count == info->slot_count);
	CHECK(hdr->slots_offset == info->slots_offset);
	CHECK(hdr->head_offset == offsetof(struct tickpath_ring_hdr, head));
	CHECK(hdr->flags_offset == offsetof(struct tickpath_ring_hdr, flags));
	head = tp_ring_load_acquire((const __u64 *)(base + hdr->head_offset));
	/* head never goes back. */
	CHECK(tp_ring_diff(tp_ring_head_rec(head),
			   tp_ring_head_rec(info->head)) >= 0);
}

/* The page frame behind @addr (root only; 0 if unknown). */
static __u64 pfn(const void *addr)
{
	__u64 entry = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY);
	off_t off = (uintptr_t)addr / sysconf(_SC_PAGESIZE) * sizeof(entry);

	if (fd < 0)
		return 0;
	if (pread(fd, &entry, sizeof(entry), off) != sizeof(entry))
		entry = 0;
	close(fd);
	return entry & ((1ULL << 55) - 1);
}

/* A write through the mapping kills the writer. */
static void check_write_faults(volatile unsigned char *mem)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		mem[0] = 1;
		_exit(0);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
}

static void check_mapping(int fd, const struct tickpath_ring_info *info,
			  size_t page)
{
	unsigned char *mem;

	mem = map(fd, info->mmap_size, PROT_READ, MAP_SHARED, 0);
	CHECK(mem != MAP_FAILED);
	if (mem == MAP_FAILED)
		return;
	check_header((const struct tickpath_ring_hdr *)mem, info);
	CHECK_ERRNO(mprotect(mem, page, PROT_READ | PROT_WRITE), EACCES);
	CHECK_ERRNO(mprotect(mem, info->mmap_size, PROT_READ | PROT_EXEC),
		    EACCES);
	check_write_faults(mem);
	/* The slots are there twice in a row: same pages. */
	CHECK(pfn(mem + page) != 0);
	CHECK(pfn(mem + page) == pfn(mem + page + (info->mmap_size - page) / 2));
	CHECK(pfn(mem + info->mmap_size - page) == pfn(mem + page +
		   (info->mmap_size - page) / 2 - page));
	CHECK(munmap(mem, info->mmap_size) == 0);
}

static void check_library(const char *name)
{
	struct tp_sub *sub = NULL;

	CHECK(tp_sub_open("tp-no-such-sub", &sub) == -ENOENT);
	CHECK(tp_sub_open("", &sub) == -EINVAL);
	CHECK(tp_sub_open("a-name-longer-than-thirty-one-bytes", &sub) ==
	      -EINVAL);
	CHECK(tp_sub_open(name, &sub) == 0);
	if (!sub)
		return;
	CHECK(tp_sub_fd(sub) >= 0);
	CHECK(tp_sub_lost(sub) == 0 && tp_sub_laps(sub) == 0);
	CHECK(tp_sub_arm(sub) == 0);
	tp_sub_close(sub);
}

int main(int argc, char **argv)
{
	size_t page = sysconf(_SC_PAGESIZE);
	struct tickpath_ring_info info;
	__u64 rec;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: %s SUBSCRIPTION\n", argv[0]);
		return 2;
	}
	check_open_modes();
	fd = open(DEVICE, O_RDONLY);
	if (fd < 0) {
		perror(DEVICE);
		return 1;
	}
	check_unbound(fd);
	CHECK(bind_name(fd, argv[1]) == 0);
	CHECK_ERRNO(bind_name(fd, argv[1]), EBUSY);
	CHECK(ioctl(fd, TICKPATH_IOC_RING_INFO, &info) == 0);
	check_info(&info, page);
	rec = 1ULL << TICKPATH_STAMP_BITS;
	CHECK_ERRNO(ioctl(fd, TICKPATH_IOC_ARM, &rec), EINVAL);
	rec = info.head >> TICKPATH_HEAD_SLOT_BITS;
	CHECK(ioctl(fd, TICKPATH_IOC_ARM, &rec) == 0);
	check_bad_maps(fd, info.mmap_size, page);
	check_mapping(fd, &info, page);
	close(fd);
	check_library(argv[1]);
	return check_done();
}
