// SPDX-License-Identifier: GPL-2.0
/*
 * ringwait: the sleeping side of /dev/tickpath, for vm-test/tests/reader-wait.sh:
 *
 *	ringwait quiet SUB
 *	ringwait live SUB READY
 *	ringwait dead SUB SUB2 READY GO ASLEEP
 *
 * quiet: on a ring nothing is published to, TICKPATH_IOC_WAIT_TIMEOUT's
 * errors, its checks and timeouts, the record it arms for poll(), signals
 * (EINTR after a handler even with SA_RESTART, the time left written back,
 * a transparent restart after a stop that waits only what is left) and
 * tp_sub_wait() on it.
 *
 * live: creates READY, then sleeps in WAIT_TIMEOUT until the first
 * record is published (the script sends a paced day a second later); then
 * reads the day to its END_OF_SESSION twice at once: with tp_sub_wait()
 * and, never arming, with epoll and EPOLLET.  Prints "live: N records, W
 * waits, E events".
 *
 * dead: creates READY and waits for GO, by when the script sent a day and
 * deleted SUB: a dead ring with records in it gives them first (1, EPOLLIN)
 * and EPIPE (EPOLLHUP alone) once they are read.  Then creates ASLEEP and
 * sleeps on SUB2, on which nothing more comes, until the script deletes it:
 * EPIPE.  Prints "dead after N records".
 *
 * Each check that fails says so on stderr; ends with "N passed, N failed"
 * and exits 1 if any did.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tickpath.h"
#include "../unit/check.h"

#define DEVICE "/dev/" TICKPATH_DEVICE_NAME
#define REC_MOD (1ULL << TICKPATH_STAMP_BITS)
#define MS 1000000LL		/* ns */
#define LONG_MS 60000		/* a wait that should end well before */

/* The call returns @want (>= 0), or fails with errno @want (< 0). */
#define CHECK_RET(call, want)						\
	do {								\
		long ret_, want_ = (want);				\
		errno = 0;						\
		ret_ = (long)(call);					\
		if (ret_ == -1 && errno)				\
			ret_ = -errno;					\
		if (ret_ != want_)					\
			fprintf(stderr, "%s:%d: %s: %ld (%s), expected %ld\n",\
				__func__, __LINE__, #call, ret_,	\
				ret_ < 0 ? strerror(-ret_) : "", want_); \
		CHECK(ret_ == want_);					\
	} while (0)

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static int wait_timeout(int fd, __u64 rec, __s64 timeout_ns)
{
	struct tickpath_wait wait = { .rec = rec, .timeout_ns = timeout_ns };

	return ioctl(fd, TICKPATH_IOC_WAIT_TIMEOUT, &wait);
}

static short poll_now(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	return poll(&pfd, 1, 0) < 0 ? -1 : pfd.revents;
}

/* The record number of a bound file's ring's head. */
static __u64 head_of(int fd)
{
	struct tickpath_ring_info info;

	if (ioctl(fd, TICKPATH_IOC_RING_INFO, &info)) {
		fprintf(stderr, "ringwait: RING_INFO: %s\n", strerror(errno));
		exit(1);
	}
	return tp_ring_head_rec(info.head);
}

/* A file bound to @name; its head's record number in @*head. */
static int bind_sub(const char *name, __u64 *head)
{
	char buf[TICKPATH_NAME_MAX] = "";
	int fd = open(DEVICE, O_RDONLY | O_CLOEXEC);

	strncpy(buf, name, sizeof(buf) - 1);
	if (fd < 0 || ioctl(fd, TICKPATH_IOC_BIND, buf)) {
		fprintf(stderr, "ringwait: %s: %s\n", name, strerror(errno));
		exit(1);
	}
	*head = head_of(fd);
	return fd;
}

static struct tp_sub *open_sub(const char *name)
{
	struct tp_sub *sub;
	int ret = tp_sub_open(name, &sub);

	if (ret) {
		fprintf(stderr, "ringwait: %s: %s\n", name, strerror(-ret));
		exit(1);
	}
	return sub;
}

static void touch(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f || fclose(f)) {
		fprintf(stderr, "ringwait: %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

static void wait_for_file(const char *path)
{
	int64_t deadline = now_ms() + LONG_MS;

	while (access(path, F_OK)) {
		if (now_ms() > deadline) {
			fprintf(stderr, "ringwait: no %s\n", path);
			exit(1);
		}
		usleep(20000);
	}
}

/* Signals */

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

/* SIGALRM to a handler, with or without SA_RESTART, after @ms. */
static void alarm_in(int ms, bool restart)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct itimerval it = { .it_value.tv_usec = ms * 1000 };

	sa.sa_flags = restart ? SA_RESTART : 0;
	sigaction(SIGALRM, &sa, NULL);
	alarms = 0;
	setitimer(ITIMER_REAL, &it, NULL);
}

/* Quiet: nothing is published while these run. */

static void check_unbound(void)
{
	struct tickpath_wait wait = { .timeout_ns = 0 };
	int fd = open(DEVICE, O_RDONLY | O_CLOEXEC);

	CHECK(fd >= 0);
	CHECK_RET(ioctl(fd, TICKPATH_IOC_WAIT_TIMEOUT, &wait), -EBADFD);
	close(fd);
}

static void check_errors(int fd, __u64 head)
{
	CHECK_RET(ioctl(fd, TICKPATH_IOC_WAIT_TIMEOUT, NULL), -EFAULT);
	CHECK_RET(wait_timeout(fd, REC_MOD, 0), -EINVAL);
	CHECK_RET(wait_timeout(fd, REC_MOD | head, -1), -EINVAL);
	/* Refused, so not armed: still the head at BIND. */
	CHECK(poll_now(fd) == 0);
}

/* Just checking, and what it arms. */
static void check_now(int fd, __u64 head)
{
	__u64 before = (head - 1) & (REC_MOD - 1);
	int64_t t0 = now_ms();

	CHECK_RET(wait_timeout(fd, head, 0), 0);
	CHECK(poll_now(fd) == 0);
	/* The record before head is published: at once, timeout or not. */
	CHECK_RET(wait_timeout(fd, before, 0), 1);
	CHECK(poll_now(fd) == (POLLIN));
	CHECK_RET(wait_timeout(fd, before, -1), 1);
	CHECK_RET(wait_timeout(fd, before, 1000 * MS), 1);
	CHECK_RET(ioctl(fd, TICKPATH_IOC_WAIT, &before), 0);
	CHECK(now_ms() - t0 < 1000);
	/* ARM and the wait arm the same record. */
	CHECK_RET(ioctl(fd, TICKPATH_IOC_ARM, &head), 0);
	CHECK(poll_now(fd) == 0);
	CHECK_RET(wait_timeout(fd, before, 0), 1);
	CHECK(poll_now(fd) == (POLLIN));
	CHECK_RET(wait_timeout(fd, head, 0), 0);
	CHECK(poll_now(fd) == 0);
}

static void check_timeout(int fd, __u64 head)
{
	struct tickpath_wait wait = { .rec = head, .timeout_ns = 300 * MS };
	int64_t t0 = now_ms(), took;

	CHECK_RET(ioctl(fd, TICKPATH_IOC_WAIT_TIMEOUT, &wait), 0);
	took = now_ms() - t0;
	CHECK(took >= 300 && took < 10000);
	CHECK(wait.timeout_ns == 300 * MS);	/* written only on a signal */
	CHECK(poll_now(fd) == 0);
	printf("quiet: a 300 ms timeout took %" PRId64 " ms\n", took);
}

static void check_signals(int fd, __u64 head)
{
	struct tickpath_wait wait = { .rec = head, .timeout_ns = 5000 * MS };
	int64_t t0 = now_ms(), took;

	/* Never restarted after a handler, SA_RESTART or not. */
	alarm_in(200, true);
	CHECK_RET(ioctl(fd, TICKPATH_IOC_WAIT_TIMEOUT, &wait), -EINTR);
	took = now_ms() - t0;
	CHECK(alarms == 1 && took >= 150 && took < 5000);
	/* What was left, for the caller's next try. */
	CHECK(wait.timeout_ns > 0 && wait.timeout_ns <= 5000 * MS - 150 * MS);
	printf("quiet: interrupted after %" PRId64 " ms, %" PRId64 " ms left\n",
	       took, (int64_t)(wait.timeout_ns / MS));

	wait.timeout_ns = -1;
	alarm_in(100, true);
	CHECK_RET(ioctl(fd, TICKPATH_IOC_WAIT_TIMEOUT, &wait), -EINTR);
	CHECK(alarms == 1 && wait.timeout_ns == -1);

	/* TICKPATH_IOC_WAIT as before: EINTR without SA_RESTART. */
	alarm_in(100, false);
	CHECK_RET(ioctl(fd, TICKPATH_IOC_WAIT, &head), -EINTR);
	CHECK(alarms == 1);
	signal(SIGALRM, SIG_DFL);
}

/*
 * Stopped and continued: no handler, so the call restarts by itself, with
 * the time that was left: it ends about a timeout plus the stop after it
 * began.  A restart with the whole timeout again would end a timeout after
 * SIGCONT, later by the time before SIGSTOP (1.5 s; half of it is slack).
 */
static void check_stop(int fd, __u64 head)
{
	struct tickpath_wait wait = { .rec = head, .timeout_ns = 3000 * MS };
	int64_t *at, t0, took;
	int status = 0;
	pid_t pid;

	at = mmap(NULL, 2 * sizeof(*at), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(at != MAP_FAILED);
	if (at == MAP_FAILED)
		return;
	t0 = now_ms();
	pid = fork();
	if (pid == 0) {
		usleep(1500 * 1000);
		at[0] = now_ms() - t0;
		kill(getppid(), SIGSTOP);
		usleep(100 * 1000);
		at[1] = now_ms() - t0;
		kill(getppid(), SIGCONT);
		_exit(0);
	}
	CHECK(pid > 0);
	CHECK_RET(ioctl(fd, TICKPATH_IOC_WAIT_TIMEOUT, &wait), 0);
	took = now_ms() - t0;
	CHECK(waitpid(pid, &status, 0) == pid && status == 0);
	/* Written back when stopped, then waited out. */
	CHECK(wait.timeout_ns >= 0 && wait.timeout_ns < 3000 * MS);
	CHECK(took >= 3000 && took < at[1] + 3000 - at[0] / 2);
	printf("quiet: stopped at %" PRId64 " ms, continued at %" PRId64
	       " ms, timed out at %" PRId64 " ms\n", at[0], at[1], took);
	munmap(at, 2 * sizeof(*at));
}

static void check_library(const char *name)
{
	struct tp_sub *sub = open_sub(name);
	int64_t t0 = now_ms(), took;
	sigset_t none;

	CHECK_RET(tp_sub_wait(sub, 0), 0);
	CHECK_RET(tp_sub_wait(sub, 200), 0);
	took = now_ms() - t0;
	CHECK(took >= 200 && took < 10000);
	sigemptyset(&none);
	CHECK_RET(tp_sub_pwait(sub, 100, &none), 0);
	CHECK_RET(tp_sub_pwait(sub, 0, NULL), 0);
	/* A handler with SA_RESTART (signal()'s) still ends the wait. */
	alarm_in(100, true);
	CHECK_RET(tp_sub_wait(sub, -1), -EINTR);
	CHECK(alarms == 1);
	alarm_in(100, true);
	CHECK_RET(tp_sub_pwait(sub, -1, &none), -EINTR);
	CHECK(alarms == 1);
	signal(SIGALRM, SIG_DFL);
	CHECK(poll_now(tp_sub_fd(sub)) == 0);
	tp_sub_close(sub);
}

static int quiet(const char *name)
{
	__u64 head;
	int fd;

	check_unbound();
	fd = bind_sub(name, &head);
	check_errors(fd, head);
	check_now(fd, head);
	check_timeout(fd, head);
	check_signals(fd, head);
	check_stop(fd, head);
	close(fd);
	check_library(name);
	return check_done();
}

/* Live */

struct reader {
	struct tp_sub *sub;
	uint64_t records;
	unsigned int sleeps;	/* tp_sub_wait() 1s, or epoll events */
	bool ended;		/* END_OF_SESSION read */
	const char *failed;
	int err;
};

/* Reads what is there; true at the END_OF_SESSION. */
static bool drain(struct reader *r)
{
	struct tickpath_rec rec;

	while (tp_sub_read(r->sub, &rec) == 1) {
		r->records++;
		if (rec.type == TICKPATH_REC_END_OF_SESSION)
			return r->ended = true;
	}
	return false;
}

static void *read_waiting(void *arg)
{
	struct reader *r = arg;
	int ret;

	while (!drain(r)) {
		ret = tp_sub_wait(r->sub, 30000);
		if (ret <= 0) {
			r->failed = "tp_sub_wait()";
			r->err = ret ? -ret : ETIMEDOUT;
			break;
		}
		r->sleeps++;
	}
	return NULL;
}

/* EPOLLET and no tp_sub_arm(): each publication is an event. */
static void *read_epoll(void *arg)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET };
	struct reader *r = arg;
	int ep = epoll_create1(EPOLL_CLOEXEC), n;

	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, tp_sub_fd(r->sub), &ev)) {
		r->failed = "epoll";
		r->err = errno;
		return NULL;
	}
	while (!drain(r)) {
		n = epoll_wait(ep, &ev, 1, 30000);
		if (n < 0 && errno == EINTR)
			continue;
		if (n != 1 || ev.events != EPOLLIN) {
			r->failed = "epoll_wait()";
			r->err = n ? errno : ETIMEDOUT;
			break;
		}
		r->sleeps++;
	}
	close(ep);
	return NULL;
}

static void check_reader(const char *what, struct reader *r)
{
	if (r->failed)
		fprintf(stderr, "%s: %s: %s after %" PRIu64 " records\n", what,
			r->failed, strerror(r->err), r->records);
	CHECK(!r->failed && r->ended);
	/* It slept and woke more than once. */
	CHECK(r->sleeps >= 2);
	CHECK(tp_sub_lost(r->sub) == 0);
}

static int live(const char *name, const char *ready)
{
	struct reader waiting = { .sub = open_sub(name) };
	struct reader polling = { .sub = open_sub(name) };
	pthread_t threads[2];
	int64_t t0, took;
	__u64 head;
	int fd;

	fd = bind_sub(name, &head);
	touch(ready);
	t0 = now_ms();
	/* The script sends a second after READY: this sleeps till then. */
	CHECK_RET(wait_timeout(fd, head, LONG_MS * MS), 1);
	took = now_ms() - t0;
	CHECK(took >= 500 && took < LONG_MS);
	CHECK(poll_now(fd) == (POLLIN));
	close(fd);
	printf("live: the first record woke the wait after %" PRId64 " ms\n", took);

	CHECK(pthread_create(&threads[0], NULL, read_waiting, &waiting) == 0);
	CHECK(pthread_create(&threads[1], NULL, read_epoll, &polling) == 0);
	pthread_join(threads[0], NULL);
	pthread_join(threads[1], NULL);
	check_reader("tp_sub_wait()", &waiting);
	check_reader("epoll", &polling);
	CHECK(waiting.records == polling.records);
	printf("live: %" PRIu64 " records, %u waits, %u events\n",
	       waiting.records, waiting.sleeps, polling.sleeps);
	tp_sub_close(waiting.sub);
	tp_sub_close(polling.sub);
	return check_done();
}

/* Dead */

/* @sub's ring is dead, its records unread. */
static uint64_t check_dead_full(struct tp_sub *sub)
{
	struct reader r = { .sub = sub };
	int fd = tp_sub_fd(sub);
	__u64 rec = sub->cur.rec, gone;

	CHECK(tp_sub_dead(sub));
	/* Records first. */
	CHECK_RET(wait_timeout(fd, rec, 0), 1);
	CHECK(poll_now(fd) == (POLLIN | POLLHUP));
	CHECK_RET(wait_timeout(fd, rec, -1), 1);
	CHECK_RET(ioctl(fd, TICKPATH_IOC_WAIT, &rec), 0);
	CHECK_RET(tp_sub_wait(sub, -1), 1);
	drain(&r);
	CHECK(r.ended && tp_sub_next(sub) == NULL);
	/* Then EPIPE, however it is asked. */
	gone = sub->cur.rec;
	CHECK_RET(tp_sub_wait(sub, -1), -EPIPE);
	CHECK_RET(tp_sub_wait(sub, 0), -EPIPE);
	CHECK_RET(tp_sub_wait(sub, 1000), -EPIPE);
	CHECK_RET(wait_timeout(fd, gone, 0), -EPIPE);
	CHECK_RET(wait_timeout(fd, gone, LONG_MS * MS), -EPIPE);
	CHECK_RET(ioctl(fd, TICKPATH_IOC_WAIT, &gone), -EPIPE);
	CHECK(poll_now(fd) == (POLLHUP));
	CHECK_RET(tp_sub_arm(sub), 0);
	CHECK(poll_now(fd) == (POLLHUP));
	return r.records;
}

static int dead(const char *name, const char *name2, const char *ready,
		const char *go, const char *asleep)
{
	struct tp_sub *sub = open_sub(name);
	uint64_t records;
	int64_t t0, took;
	__u64 head;
	int fd;

	fd = bind_sub(name2, &head);
	touch(ready);
	wait_for_file(go);
	records = check_dead_full(sub);
	tp_sub_close(sub);

	/* Nothing more comes to name2: sleeps until it is deleted. */
	head = head_of(fd);
	touch(asleep);
	t0 = now_ms();
	CHECK_RET(wait_timeout(fd, head, LONG_MS * MS), -EPIPE);
	took = now_ms() - t0;
	CHECK(took >= 500 && took < LONG_MS);
	CHECK(poll_now(fd) == (POLLHUP));
	close(fd);
	printf("dead: the deletion woke the wait after %" PRId64 " ms\n", took);
	printf("dead after %" PRIu64 " records\n", records);
	return check_done();
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(mode, "quiet") && argc == 3)
		return quiet(argv[2]);
	if (!strcmp(mode, "live") && argc == 4)
		return live(argv[2], argv[3]);
	if (!strcmp(mode, "dead") && argc == 7)
		return dead(argv[2], argv[3], argv[4], argv[5], argv[6]);
	fprintf(stderr, "usage: ringwait quiet SUB | live SUB READY |"
		" dead SUB SUB2 READY GO ASLEEP\n");
	return 2;
}
