// SPDX-License-Identifier: GPL-2.0
/*
 * A reader thread: pinned, it waits until every reader is set up, then
 * receives until the expected messages are in (--count), nothing new came
 * for --idle-ms once something did, --timeout passed, or a signal.
 *
 * The thread's CPU time is read at its first message and then again when,
 * having taken messages, it next finds nothing to take (at most once per
 * TB_CPU_SAMPLE_NS, so that the clock's system call stays off the busy
 * paths' loop), and when --count is reached.  So cpu_ns covers the first
 * message to within TB_CPU_SAMPLE_NS after the last one.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "tpbench.h"

#define TB_CPU_SAMPLE_NS 1000000ULL
/* Batches taken back to back before the overall time limit is looked at. */
#define TB_CLOCK_BATCHES 256

/* Readers wait for tb_go once pinned; the main thread counts them in. */
static pthread_mutex_t tb_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t tb_cond = PTHREAD_COND_INITIALIZER;
static unsigned int tb_waiting;
static bool tb_go;
static uint64_t tb_deadline_ns;		/* CLOCK_MONOTONIC; 0: none */
static volatile sig_atomic_t tb_stopping;

void tb_reader_stop_all(void)
{
	tb_stopping = 1;
}

static void tb_release(void)
{
	pthread_mutex_lock(&tb_lock);
	tb_go = true;
	pthread_cond_broadcast(&tb_cond);
	pthread_mutex_unlock(&tb_lock);
}

/* Starts the reader threads, waits until each is pinned and ready, then
 * lets them go and starts the overall clock.  On failure (a thread, or a
 * CPU), those started are stopped; the caller joins readers[0 ..
 * *started - 1].
 */
int tb_readers_start(struct tb_reader *readers, unsigned int n,
		     unsigned int *started)
{
	const struct tb_opts *o = readers[0].opts;
	unsigned int i;
	int err = 0;

	for (*started = 0; *started < n; ++*started) {
		err = pthread_create(&readers[*started].thread, NULL,
				     tb_reader_run, &readers[*started]);
		if (err) {
			fprintf(stderr, "tpbench: reader thread: %s\n", strerror(err));
			tb_stopping = 1;
			tb_release();
			return -1;
		}
	}
	pthread_mutex_lock(&tb_lock);
	while (tb_waiting < n)
		pthread_cond_wait(&tb_cond, &tb_lock);
	pthread_mutex_unlock(&tb_lock);
	for (i = 0; i < n; i++)
		err |= readers[i].failed;	/* could not be pinned: said why */
	if (err)
		tb_stopping = 1;
	else if (o->timeout_s)
		tb_deadline_ns = tb_clock_ns(CLOCK_MONOTONIC) +
				 o->timeout_s * 1000000000ULL;
	tb_release();
	return err ? -1 : 0;
}

static int tb_reader_pin(struct tb_reader *r)
{
	const struct tb_opts *o = r->opts;
	cpu_set_t set;
	int cpu, err;

	if (!o->ncpus)
		return 0;
	cpu = o->cpus[r->index % o->ncpus];
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	err = pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
	if (err)
		fprintf(stderr, "tpbench: reader %u: CPU %d: %s\n", r->index, cpu,
			strerror(err));
	return err;
}

struct tb_loop {
	bool cpu_due;		/* messages taken since the CPU time was read */
	uint64_t cpu_read_ns;	/* when it was, CLOCK_REALTIME */
	unsigned int batches;
};

static void tb_reader_cpu(struct tb_reader *r, struct tb_loop *l, uint64_t now)
{
	r->stats.last_cpu = tb_clock_ns(CLOCK_THREAD_CPUTIME_ID);
	l->cpu_read_ns = now;
	l->cpu_due = false;
}

/* Nothing to take just now (or many batches in a row): true to stop. */
static bool tb_reader_idle(struct tb_reader *r, struct tb_loop *l)
{
	const struct tb_stats *st = &r->stats;
	uint64_t now = tb_clock_ns(CLOCK_REALTIME);

	if (l->cpu_due && now - l->cpu_read_ns >= TB_CPU_SAMPLE_NS)
		tb_reader_cpu(r, l, now);
	if (st->msgs && r->opts->idle_ms &&
	    now - st->last_ns >= r->opts->idle_ms * 1000000ULL)
		return true;
	return tb_deadline_ns && tb_clock_ns(CLOCK_MONOTONIC) >= tb_deadline_ns;
}

static bool tb_reader_counted(const struct tb_reader *r)
{
	const struct tb_stats *st = &r->stats;

	return r->opts->count && st->msgs + st->lost >= r->opts->count;
}

static void tb_reader_loop(struct tb_reader *r)
{
	const struct tb_path *path = r->opts->path;
	const struct tb_opts *o = r->opts;
	int wait_ms = path->busy ? 0 : (int)o->tick_ms;
	struct tb_loop l = { 0 };
	int got;

	while (!tb_stopping) {
		got = path->receive(r, wait_ms);
		if (got < 0) {
			r->failed = true;
			break;
		}
		if (got)
			l.cpu_due = true;
		if (tb_reader_counted(r))
			break;
		if (got && ++l.batches % TB_CLOCK_BATCHES)
			continue;
		if (tb_reader_idle(r, &l))
			break;
	}
	if (l.cpu_due)
		tb_reader_cpu(r, &l, 0);
}

void *tb_reader_run(void *arg)
{
	struct tb_reader *r = arg;

	if (tb_reader_pin(r))
		r->failed = true;
	pthread_mutex_lock(&tb_lock);
	tb_waiting++;
	pthread_cond_broadcast(&tb_cond);
	while (!tb_go)
		pthread_cond_wait(&tb_cond, &tb_lock);
	pthread_mutex_unlock(&tb_lock);
	if (!r->failed)
		tb_reader_loop(r);
	return NULL;
}
