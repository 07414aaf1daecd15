// SPDX-License-Identifier: GPL-2.0
/*
 * tpctl -batch: a file of commands, one a line, as ip -batch reads them.
 * Each line is a command line without the word tpctl and without options:
 * those of tpctl's own command line apply to every line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tpctl.h"

/* More than any command takes. */
#define BATCH_WORDS_MAX 64

/*
 * Splits @line into words in place, as ip -batch does: at blanks, a word
 * that starts with a double or single quote running to the next such quote
 * (blanks and all, no escapes).  A '#' that starts a word starts a comment
 * (ip cuts at any '#', but names may hold one).  Returns the number of
 * words, or -1 after saying why the line cannot be split.
 */
static int batch_split(char *line, char **words, int max)
{
	int n = 0;

	for (;;) {
		char *end;

		line += strspn(line, BATCH_BLANKS);
		if (!*line || *line == '#')
			return n;
		if (n == max) {
			fprintf(stderr, "tpctl: more than %d words on a line\n", max);
			return -1;
		}
		if (*line == '"' || *line == '\'') {
			end = strchr(line + 1, *line);
			if (!end) {
				fprintf(stderr, "tpctl: a quoted word does not end\n");
				return -1;
			}
			words[n++] = line + 1;
		} else {
			end = line + strcspn(line, BATCH_BLANKS);
			words[n++] = line;
			if (!*end)
				return n;
		}
		*end = '\0';
		line = end + 1;
	}
}

int batch(const char *file, bool force)
{
	FILE *in = strcmp(file, "-") ? fopen(file, "r") : stdin;
	char *line = NULL, *words[BATCH_WORDS_MAX];
	unsigned int lineno = 0;
	size_t size = 0;
	int n, ret = 0;

	if (!in) {
		fprintf(stderr, "tpctl: cannot open %s: %s\n", file, strerror(errno));
		return 1;
	}
	while (getline(&line, &size, in) >= 0) {
		lineno++;
		n = batch_split(line, words, BATCH_WORDS_MAX);
		if (!n)
			continue;
		if (n < 0 || run_command(n, words)) {
			fprintf(stderr, "Command failed %s:%u\n", file, lineno);
			ret = 1;
			if (!force)
				break;
		}
	}
	if (ferror(in)) {
		fprintf(stderr, "tpctl: cannot read %s: %s\n", file, strerror(errno));
		ret = 1;
	}
	free(line);
	if (in != stdin)
		fclose(in);
	return ret;
}
