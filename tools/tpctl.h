/* SPDX-License-Identifier: GPL-2.0 */
/* tpctl: what the objects' commands share. */
#ifndef TPCTL_H
#define TPCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tickpath.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

extern bool json;		/* -j */
extern bool show_stats;		/* -s */
extern struct tp_ctl *ctl;	/* opened by ctl_open() */

struct cmd {
	const char *name;
	int (*run)(int argc, char **argv);
};

struct object {
	const char *name;
	const struct cmd *cmds;	/* the first is what no command means */
	size_t nr_cmds;
};

extern const struct object port_object, feed_object, sub_object, save_object;

/* Runs "OBJECT [COMMAND [ARGS]]"; returns its exit status. */
int run_command(int argc, char **argv);
/* Runs each line of @file ("-": standard input) as a command, stopping at
 * the first that fails unless @force; returns 0, or 1 if any failed.
 */
int batch(const char *file, bool force);

/* ip(8)'s rule: @arg may be any non-empty prefix of @keyword. */
bool matches(const char *arg, const char *keyword);
/* Prints the message; returns the exit status of a usage error, 2. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A keyword taking a value; the first keyword an abbreviation matches wins. */
struct arg {
	const char *keyword;
	const char **value;
};

/* Where a batch line's words split, as in ip -batch. */
#define BATCH_BLANKS " \t\r\n"

/* Parses "[NAME] KEYWORD VALUE ...": NAME when @name is not NULL. */
int parse_args(int argc, char **argv, const char **name,
	       const struct arg *args, size_t nr_args);
/* Usage errors for a name that cannot be right, or a missing one that @cmd
 * needs (NULL: the name is optional).
 */
int check_name(const char *cmd, const char *what, const char *name, size_t size);
/* A number from @min to @max. */
int parse_u32(const char *text, uint32_t min, uint32_t max, uint32_t *value);

/* A subscription's lists as its commands take them: locates "1,5,7-9" in a
 * malloc'd string (NULL when memory is short), a symbol without its padding.
 */
char *locates_text(const uint16_t *locates, size_t nr);
void symbol_text(const struct tp_symbol *symbol, char text[TP_SYMBOL_LEN + 1]);

/* Opens the control handle; 0, or the exit status after saying why. */
int ctl_open(void);
/* The exit status of a library call's result, after saying what failed. */
int finish(int ret);

/* Output, text or JSON from the same calls as in iproute2: in JSON a value
 * goes out under @key (NULL inside an array); in text through @fmt, or not at
 * all when @fmt is NULL.
 */
void print_open(const char *key, char bracket);
void print_close(char bracket);
void print_str(const char *key, const char *fmt, const char *value);
void print_u64(const char *key, const char *fmt, uint64_t value);
void print_text(const char *text);

struct counter {
	const char *name;
	uint64_t value;
};

/* Counters as a two-line table in text, like ip -s. */
void print_table(const struct counter *counters, size_t n);
/* Counters keyed by type or reason; in text one line, if any is non-zero. */
void print_keyed(const char *key, const struct counter *counters, size_t n);

/* A show command: "[", the objects, "]" in JSON, then finish(). */
void show_begin(void);
int show_end(int ret);

#endif /* TPCTL_H */
