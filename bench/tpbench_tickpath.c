// SPDX-License-Identifier: GPL-2.0
/*
 * The tickpath paths: a subscription's ring through libtickpath, each
 * reader with its own handle.  The kernel decoded the messages already;
 * the reader takes each record in place (tp_sub_next(), no copy, no
 * system call) and keeps it only if tp_sub_done() says it was not
 * overwritten meanwhile.  tickpath sleeps in tp_sub_wait() when the ring is
 * empty, tickpath-busy spins on tp_sub_next().  Lost: what GAP records
 * report (the kernel's view of the feed) plus what laps cost this reader
 * (tp_sub_lost()); a data record whose sequence number does not move
 * forward is a duplicate.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tickpath_reader.h"
#include "tpbench.h"

struct tb_tickpath {
	struct tp_sub *sub;
	uint64_t gap_lost;
};

static int tb_tickpath_open(struct tb_reader *r)
{
	struct tb_tickpath *t = calloc(1, sizeof(*t));
	int err;

	if (!t) {
		fprintf(stderr, "tpbench: tickpath: %s\n", strerror(errno));
		return -1;
	}
	r->handle = t;
	err = tp_sub_open(r->opts->sub, &t->sub);
	if (err) {
		fprintf(stderr, "tpbench: tickpath: subscription %s: %s\n",
			r->opts->sub, strerror(-err));
		return -1;
	}
	return 0;
}

static void tb_tickpath_close(struct tb_reader *r)
{
	struct tb_tickpath *t = r->handle;

	if (t->sub)
		tp_sub_close(t->sub);
	free(t);
}

/* What is in the ring now, after waiting up to wait_ms for it if empty. */
static int tb_tickpath_receive(struct tb_reader *r, int wait_ms)
{
	struct tb_tickpath *t = r->handle;
	struct tb_stats *st = &r->stats;
	const struct tickpath_rec *rec;
	uint64_t seq, exch_ts, gap;
	unsigned int taken = 0;
	uint8_t type;
	int err;

	rec = tp_sub_next(t->sub);
	if (!rec && wait_ms) {
		err = tp_sub_wait(t->sub, wait_ms);
		if (err < 0 && err != -EINTR) {
			fprintf(stderr, "tpbench: tickpath: %s: %s\n", r->opts->sub,
				err == -EPIPE ? "the subscription is gone" : strerror(-err));
			return -1;
		}
		rec = tp_sub_next(t->sub);
	}
	for (; rec; rec = tp_sub_next(t->sub)) {
		type = rec->type;
		seq = rec->seq;
		exch_ts = rec->exch_ts;
		gap = rec->gap.count;
		if (!tp_sub_done(t->sub))
			continue;	/* torn: tp_sub_lost() counts it */
		if (type == TICKPATH_REC_GAP) {
			t->gap_lost += gap;
		} else if (type == TICKPATH_REC_SESSION) {
			st->seq.next = seq;
		} else if (type != TICKPATH_REC_END_OF_SESSION &&
			   tb_seq_fresh(st, seq, false)) {
			tb_stats_data(st, exch_ts);
			taken++;
		}
	}
	st->lost = t->gap_lost + tp_sub_lost(t->sub);
	return taken;
}

const struct tb_path tb_path_tickpath = {
	.name = "tickpath",
	.open = tb_tickpath_open,
	.receive = tb_tickpath_receive,
	.close = tb_tickpath_close,
};

const struct tb_path tb_path_tickpath_busy = {
	.name = "tickpath-busy",
	.busy = true,
	.open = tb_tickpath_open,
	.receive = tb_tickpath_receive,
	.close = tb_tickpath_close,
};
