/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Reader API: a subscription's ring, mapped read-only, read in place.
 *
 *	struct tp_sub *sub;
 *	const struct tickpath_rec *rec;
 *
 *	tp_sub_open("aapl", &sub);
 *	for (;;) {
 *		while ((rec = tp_sub_next(sub))) {
 *			use(rec);
 *			if (!tp_sub_done(sub))
 *				undo(rec);	(it was overwritten while in use)
 *		}
 *		if (tp_sub_wait(sub, -1) < 0)
 *			break;		(the subscription is gone)
 *	}
 *	tp_sub_close(sub);
 *
 * tp_sub_next() and tp_sub_done() make no system call.  A reader that falls
 * a whole ring behind is lapped: the producer overwrote the record it was
 * to read next.  It goes on from the oldest record still whole in the ring,
 * so it skips only the records that were overwritten, and counts exactly
 * what it skipped (tp_sub_lost()) and how often (tp_sub_laps()).  That
 * oldest record is the next the producer overwrites: a reader that stays
 * slower than the producer is lapped again soon, each time losing only
 * what it could not keep up with.  Functions that can fail return a
 * negative errno.  A handle is not thread-safe.
 */
#ifndef TICKPATH_READER_H
#define TICKPATH_READER_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/tickpath_ring.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Defined here only so that tp_sub_next() and tp_sub_done() can be inline:
 * every field is private to libtickpath.
 */
struct tp_sub {
	struct tp_ring_cursor cur;
	const struct tickpath_ring_hdr *hdr;	/* the start of the mapping */
	const __u32 *flags;			/* hdr's flags, by its offset */
	size_t map_size;
	int fd;
};

/*
 * Opens /dev/tickpath, binds it to the subscription @name of the caller's
 * network namespace and maps its ring; reading starts at the ring's current
 * head.  -ENOENT: no such subscription; -EPROTO: a ring layout this library
 * does not know.
 */
int tp_sub_open(const char *name, struct tp_sub **sub);
void tp_sub_close(struct tp_sub *sub);
/*
 * For poll() and epoll: readable while the record armed last (by
 * tp_sub_arm() or tp_sub_wait(); at first, the ring's head at tp_sub_open())
 * is published, hung up once the subscription is gone.  Level-triggered
 * (poll(), select(), epoll), it stays readable until armed again: call
 * tp_sub_arm() after reading everything, before each sleep.  With EPOLLET
 * there is no need: every publication of records past the armed one brings
 * an event, so a reader that reads until tp_sub_next() returns NULL after
 * each event sleeps with epoll_wait() alone.
 */
int tp_sub_fd(const struct tp_sub *sub);

/*
 * The next record in place, or NULL if there is none yet.  Read it, then
 * call tp_sub_done(): until then the producer may overwrite it.
 */
static inline const struct tickpath_rec *tp_sub_next(struct tp_sub *sub)
{
	return tp_ring_cursor_next(&sub->cur);
}

/*
 * Moves past the record tp_sub_next() gave.  False if it was overwritten
 * while in use: what was read of it may be torn.  The lap is counted, at the
 * latest by the next tp_sub_next(), which goes on from the oldest record
 * left, past it.
 */
static inline bool tp_sub_done(struct tp_sub *sub)
{
	return tp_ring_cursor_done(&sub->cur);
}

/*
 * Copies the next record into @rec (the bytes past a one-slot record
 * zeroed): 1, or 0 if there is none yet.  Never a torn record.
 */
int tp_sub_read(struct tp_sub *sub, struct tickpath_rec *rec);

/* Tells the kernel which record poll() on tp_sub_fd() waits for: the next. */
int tp_sub_arm(struct tp_sub *sub);
/*
 * Arms, then sleeps until the next record is published (1), @timeout_ms
 * pass (0; a @timeout_ms of 0 only checks, -1 waits for ever) or the
 * subscription is gone and every record was read (-EPIPE).  -EINTR if a
 * signal handler ran, with SA_RESTART or not.  One system call
 * (TICKPATH_IOC_WAIT_TIMEOUT); two on a module that predates it
 * (tp_sub_arm(), then ppoll()).
 */
int tp_sub_wait(struct tp_sub *sub, int timeout_ms);
#ifdef _POSIX_C_SOURCE		/* sigset_t; strict ISO C has none */
/*
 * The same, with @sigmask in place while it sleeps (as ppoll()): a program
 * that blocks a signal, checks what its handler sets, then waits with the
 * signal unblocked cannot lose it in between.  That costs two system calls
 * per wait, tp_sub_arm() and ppoll(): only ppoll() takes a mask.  With
 * @sigmask NULL it is tp_sub_wait(), one.
 */
int tp_sub_pwait(struct tp_sub *sub, int timeout_ms, const sigset_t *sigmask);
#endif

uint64_t tp_sub_lost(const struct tp_sub *sub);	/* records lost to laps */
uint64_t tp_sub_laps(const struct tp_sub *sub);	/* times lapped */
/* The subscription is gone: no record will come after those in the ring. */
bool tp_sub_dead(const struct tp_sub *sub);

#ifdef __cplusplus
}
#endif

#endif /* TICKPATH_READER_H */
