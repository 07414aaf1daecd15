// SPDX-License-Identifier: GPL-2.0
/*
 * libtickpath's waits, counted in system calls: tp_sub_wait() and
 * tp_sub_pwait() without a mask are one TICKPATH_IOC_WAIT_TIMEOUT,
 * tp_sub_pwait() with a mask is ARM then ppoll(), and so is any wait on a
 * module without WAIT_TIMEOUT (ENOTTY).  Includes lib/reader.c with its
 * ioctl() and ppoll() replaced by fakes that record each call; what the
 * kernel makes of them is vm-test/tests/reader-wait.sh's business.
 */
#define _GNU_SOURCE	/* ppoll() */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/ioctl.h>

/* Declared (and fortified) above under their own names: renamed below
 * only where lib/reader.c calls them.
 */
static int fake_ioctl(int fd, unsigned long req, ...);
static int fake_ppoll(struct pollfd *fds, nfds_t nfds,
		      const struct timespec *timeout, const sigset_t *mask);
#define ioctl fake_ioctl
#define ppoll fake_ppoll
#include "../../lib/reader.c"
#undef ioctl
#undef ppoll
#include "check.h"

#define FD 42

/* What the fakes saw, and what they answer. */
struct call {
	unsigned long req;		/* 0: ppoll() */
	__u64 rec;			/* ARM, WAIT_TIMEOUT */
	__s64 timeout_ns;		/* WAIT_TIMEOUT */
	long ppoll_ms;			/* ppoll(): -1 for no timeout */
	const sigset_t *mask;		/* ppoll() */
	bool pollfd_ok;			/* ppoll(): one pollfd, FD, POLLIN */
};

static struct call calls[4];
static unsigned int ncalls;
static int wait_ret;		/* WAIT_TIMEOUT's result, or -errno */
static short revents;		/* ppoll()'s */

static struct call *record(unsigned long req)
{
	static struct call spill;
	struct call *c = ncalls < 4 ? &calls[ncalls] : &spill;

	ncalls++;
	memset(c, 0, sizeof(*c));
	c->req = req;
	return c;
}

static int fake_ioctl(int fd, unsigned long req, ...)
{
	struct call *c = record(req);
	struct tickpath_wait *wait;
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (fd != FD) {
		errno = EBADF;
		return -1;
	}
	switch (req) {
	case TICKPATH_IOC_ARM:
		c->rec = *(__u64 *)arg;
		return 0;
	case TICKPATH_IOC_WAIT_TIMEOUT:
		wait = arg;
		c->rec = wait->rec;
		c->timeout_ns = wait->timeout_ns;
		if (wait_ret >= 0)
			return wait_ret;
		errno = -wait_ret;
		return -1;
	}
	errno = ENOTTY;
	return -1;
}

static int fake_ppoll(struct pollfd *fds, nfds_t nfds,
		      const struct timespec *timeout, const sigset_t *mask)
{
	struct call *c = record(0);

	c->ppoll_ms = timeout ? timeout->tv_sec * 1000 +
				timeout->tv_nsec / 1000000 : -1;
	c->mask = mask;
	c->pollfd_ok = nfds == 1 && fds[0].fd == FD &&
		       fds[0].events == POLLIN;
	fds[0].revents = revents;
	return revents ? 1 : 0;
}

static struct tp_sub sub = { .fd = FD };

static void reset(int ret, short events)
{
	ncalls = 0;
	wait_ret = ret;
	revents = events;
}

/* One WAIT_TIMEOUT for the cursor's record and this timeout, nothing else. */
static bool one_wait(__s64 timeout_ns)
{
	return ncalls == 1 && calls[0].req == TICKPATH_IOC_WAIT_TIMEOUT &&
	       calls[0].rec == sub.cur.rec &&
	       calls[0].timeout_ns == timeout_ns;
}

/* ARM with the cursor's record, then ppoll() with this timeout and mask. */
static bool arm_then_ppoll(long ms, const sigset_t *mask)
{
	return ncalls == 2 && calls[0].req == TICKPATH_IOC_ARM &&
	       calls[0].rec == sub.cur.rec && calls[1].req == 0 &&
	       calls[1].pollfd_ok && calls[1].ppoll_ms == ms &&
	       calls[1].mask == mask;
}

static void test_abi(void)
{
	CHECK(sizeof(struct tickpath_wait) == 16);
	CHECK(_IOC_SIZE(TICKPATH_IOC_WAIT_TIMEOUT) == 16);
	CHECK(_IOC_DIR(TICKPATH_IOC_WAIT_TIMEOUT) == (_IOC_READ | _IOC_WRITE));
	CHECK(_IOC_TYPE(TICKPATH_IOC_WAIT_TIMEOUT) == TICKPATH_IOC_MAGIC);
}

static void test_wait(void)
{
	sub.cur.rec = (1ULL << TICKPATH_STAMP_BITS) - 1;
	reset(1, 0);
	CHECK(tp_sub_wait(&sub, -1) == 1);
	CHECK(one_wait(-1));

	sub.cur.rec = 12345;
	reset(0, 0);
	CHECK(tp_sub_wait(&sub, 0) == 0);
	CHECK(one_wait(0));
	reset(0, 0);
	CHECK(tp_sub_wait(&sub, 1500) == 0);
	CHECK(one_wait(1500000000LL));
	reset(0, 0);
	CHECK(tp_sub_wait(&sub, INT_MAX) == 0);
	CHECK(one_wait(INT_MAX * 1000000LL));
	reset(0, 0);
	CHECK(tp_sub_wait(&sub, -7) == 0);
	CHECK(one_wait(-1));

	reset(-EPIPE, 0);
	CHECK(tp_sub_wait(&sub, 10) == -EPIPE);
	CHECK(one_wait(10000000));
	reset(-EINTR, 0);
	CHECK(tp_sub_wait(&sub, -1) == -EINTR);
	CHECK(one_wait(-1));

	/* No mask: the same one call. */
	reset(1, 0);
	CHECK(tp_sub_pwait(&sub, 20, NULL) == 1);
	CHECK(one_wait(20000000));

	sub.fd = FD + 1;
	reset(1, 0);
	CHECK(tp_sub_wait(&sub, -1) == -EBADF);
	CHECK(ncalls == 1);
	sub.fd = FD;
}

static void test_pwait_mask(void)
{
	sigset_t mask;

	sigemptyset(&mask);
	reset(1, POLLIN);
	CHECK(tp_sub_pwait(&sub, -1, &mask) == 1);
	CHECK(arm_then_ppoll(-1, &mask));
	reset(1, 0);
	CHECK(tp_sub_pwait(&sub, 2500, &mask) == 0);
	CHECK(arm_then_ppoll(2500, &mask));
	reset(1, POLLHUP);
	CHECK(tp_sub_pwait(&sub, -1, &mask) == -EPIPE);
	CHECK(arm_then_ppoll(-1, &mask));
	/* Records first, then EPIPE. */
	reset(1, POLLIN | POLLHUP);
	CHECK(tp_sub_pwait(&sub, -1, &mask) == 1);
	reset(1, POLLERR);
	CHECK(tp_sub_pwait(&sub, -1, &mask) == -EIO);
}

/* A module without WAIT_TIMEOUT: ARM, then ppoll(), as before it. */
static void test_old_module(void)
{
	reset(-ENOTTY, POLLIN);
	CHECK(tp_sub_wait(&sub, 250) == 1);
	CHECK(ncalls == 3 && calls[0].req == TICKPATH_IOC_WAIT_TIMEOUT);
	memmove(calls, calls + 1, 2 * sizeof(calls[0]));
	ncalls = 2;
	CHECK(arm_then_ppoll(250, NULL));

	reset(-ENOTTY, 0);
	CHECK(tp_sub_wait(&sub, 0) == 0);
	reset(-ENOTTY, POLLHUP);
	CHECK(tp_sub_wait(&sub, -1) == -EPIPE);
}

int main(void)
{
	test_abi();
	test_wait();
	test_pwait_mask();
	test_old_module();
	return check_done();
}
