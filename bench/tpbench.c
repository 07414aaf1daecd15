// SPDX-License-Identifier: GPL-2.0
/*
 * tpbench: the benchmark's reader (see tpbench.h and tpbench --help).
 *
 *   tpbench --path PATH [--dev IF] [--group G] [--port P] [--sub NAME]
 *           [--count N] [--idle-ms M] [--timeout S] [--cpu LIST]
 *           [--readers K] [--ready FILE]
 *
 * Sets up every reader's handle here, so that a setup error ends the run
 * before anything is measured; then runs the readers as threads, touches
 * --ready once all of them are pinned and waiting, and prints each
 * reader's JSON line when all have stopped.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tpbench.h"

static void tb_on_signal(int sig)
{
	(void)sig;
	tb_reader_stop_all();
}

static int tb_touch(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f || fclose(f)) {
		perror(path);
		return -1;
	}
	return 0;
}

/* Opens readers[0 .. n-1]; on failure closes those opened. */
static int tb_open_all(struct tb_reader *readers, const struct tb_opts *o)
{
	unsigned int i;

	for (i = 0; i < o->readers; i++) {
		readers[i].opts = o;
		readers[i].index = i;
		if (o->path->open(&readers[i])) {
			/* open() leaves its handle for close() even when it fails. */
			do {
				if (readers[i].handle)
					o->path->close(&readers[i]);
			} while (i--);
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = tb_on_signal };	/* no SA_RESTART */
	static struct tb_opts o;
	struct tb_reader *readers;
	unsigned int i, started;
	bool ran, failed;
	int ret;

	ret = tb_opts_parse(&o, argc, argv);
	if (ret)
		return ret == 2 ? 0 : 1;
	/* Each reader's histogram is large: on the heap, zeroed. */
	readers = calloc(o.readers, sizeof(*readers));
	if (!readers) {
		perror("tpbench");
		return 1;
	}
	if (tb_open_all(readers, &o)) {
		free(readers);
		return 1;
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	ran = !tb_readers_start(readers, o.readers, &started);
	failed = !ran;
	if (ran && o.ready && tb_touch(o.ready)) {
		tb_reader_stop_all();
		failed = true;
	}
	for (i = 0; i < started; i++) {
		pthread_join(readers[i].thread, NULL);
		failed |= readers[i].failed;
	}
	/* What a reader that failed on the way got is still worth seeing. */
	for (i = 0; ran && i < o.readers; i++)
		tb_stats_print(stdout, o.path->name, i, &readers[i].stats);
	for (i = 0; i < o.readers; i++)
		o.path->close(&readers[i]);
	free(readers);
	if (fflush(stdout))
		failed = true;
	return failed;
}
