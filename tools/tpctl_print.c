// SPDX-License-Identifier: GPL-2.0
/*
 * tpctl's output: every show prints through these, so that text and JSON
 * come from the same calls and JSON's commas are counted in one place.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "tpctl.h"

#define JSON_DEPTH_MAX 8

/* Whether the array or object at each depth already holds a value. */
static bool json_more[JSON_DEPTH_MAX];
static unsigned int json_depth;

/* Bytes outside printable ASCII are escaped, so the output is valid UTF-8
 * whatever the kernel sent.
 */
static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c > 0x7e)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void json_key(const char *key)
{
	if (json_more[json_depth])
		putchar(',');
	json_more[json_depth] = true;
	if (key) {
		json_string(key);
		putchar(':');
	}
}

void print_open(const char *key, char bracket)
{
	if (!json)
		return;
	json_key(key);
	putchar(bracket);
	json_more[++json_depth] = false;
}

void print_close(char bracket)
{
	if (!json)
		return;
	json_depth--;
	putchar(bracket);
}

void print_str(const char *key, const char *fmt, const char *value)
{
	if (json) {
		json_key(key);
		json_string(value);
	} else if (fmt) {
		printf(fmt, value);
	}
}

void print_u64(const char *key, const char *fmt, uint64_t value)
{
	if (json) {
		json_key(key);
		printf("%" PRIu64, value);
	} else if (fmt) {
		printf(fmt, value);
	}
}

void print_text(const char *text)
{
	if (!json)
		fputs(text, stdout);
}

static int counter_width(const struct counter *counter)
{
	int digits = snprintf(NULL, 0, "%" PRIu64, counter->value);
	int len = strlen(counter->name);

	return digits > len ? digits : len;
}

void print_table(const struct counter *counters, size_t n)
{
	size_t i;

	if (json) {
		for (i = 0; i < n; i++)
			print_u64(counters[i].name, NULL, counters[i].value);
		return;
	}
	printf("   ");
	for (i = 0; i < n; i++)
		printf(" %*s", counter_width(&counters[i]), counters[i].name);
	printf("\n   ");
	for (i = 0; i < n; i++)
		printf(" %*" PRIu64, counter_width(&counters[i]), counters[i].value);
	putchar('\n');
}

void print_keyed(const char *key, const struct counter *counters, size_t n)
{
	size_t i;

	if (json) {
		print_open(key, '{');
		for (i = 0; i < n; i++)
			print_u64(counters[i].name, NULL, counters[i].value);
		print_close('}');
		return;
	}
	if (!n)
		return;
	printf("    %s", key);
	for (i = 0; i < n; i++)
		printf(" %s %" PRIu64, counters[i].name, counters[i].value);
	putchar('\n');
}

/* A show's output is a JSON document of its own. */
void show_begin(void)
{
	json_more[0] = false;
	print_open(NULL, '[');
}

int show_end(int ret)
{
	print_close(']');
	if (json)
		putchar('\n');
	return finish(ret);
}
