// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A subscription's filters as text: types ("AFE"), locates ("1,5,7-9") and
 * symbols ("AAPL,MSFT").  Lists come out sorted and distinct, so a filter
 * has one form whatever order or overlap it was written with.
 */
#include "ctl.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TP_LOCATE_MAX 65535

static int tp_bad(const char **bad, const char *where)
{
	if (bad)
		*bad = where;
	return -EINVAL;
}

int tp_types_check(const char *types, const char **bad)
{
	for (const char *t = types; *t; t++) {
		if (!strchr(TP_ITCH_TYPE_CHARS, *t) || strchr(types, *t) != t)
			return tp_bad(bad, t);
	}
	return 0;
}

/* A locate (1 to 65535) at *p; moves *p past it. */
static int tp_locate_parse(const char **p, unsigned int *locate)
{
	const char *s = *p;
	unsigned int value = 0;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	for (; *s >= '0' && *s <= '9'; s++) {
		value = value * 10 + (*s - '0');
		if (value > TP_LOCATE_MAX)
			return -EINVAL;
	}
	if (!value)
		return -EINVAL;
	*p = s;
	*locate = value;
	return 0;
}

/* One item, "5" or "7-9", into the set; returns where the item ends. */
static const char *tp_locate_range(const char *item, uint8_t *set, size_t *nr)
{
	const char *p = item;
	unsigned int lo, hi;

	if (tp_locate_parse(&p, &lo))
		return NULL;
	hi = lo;
	if (*p == '-') {
		p++;
		if (tp_locate_parse(&p, &hi) || hi < lo)
			return NULL;
	}
	if (*p != ',' && *p != '\0')
		return NULL;
	for (unsigned int l = lo; l <= hi; l++) {
		*nr += !(set[l / 8] & (1 << l % 8));
		set[l / 8] |= 1 << l % 8;
	}
	return p;
}

int tp_locates_parse(const char *text, uint16_t **locates, size_t *nr,
		     const char **bad)
{
	uint8_t *set = calloc(1, TP_LOCATE_MAX / 8 + 1);
	const char *item = text;
	size_t n = 0;

	*locates = NULL;
	*nr = 0;
	if (!set)
		return -ENOMEM;
	while (*item) {
		const char *end = tp_locate_range(item, set, &n);

		if (!end || (*end == ',' && !end[1])) {
			free(set);
			return tp_bad(bad, item);
		}
		item = *end ? end + 1 : end;
	}
	if (n) {
		*locates = malloc(n * sizeof(**locates));
		if (!*locates) {
			free(set);
			return -ENOMEM;
		}
	}
	for (unsigned int l = 1; l <= TP_LOCATE_MAX; l++) {
		if (set[l / 8] & (1 << l % 8))
			(*locates)[(*nr)++] = l;
	}
	free(set);
	return 0;
}

/* snprintf() at offset @len of @buf, for a text built in pieces. */
static size_t tp_append(char *buf, size_t size, size_t len, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vsnprintf(len < size ? buf + len : NULL, len < size ? size - len : 0,
			fmt, ap);
	va_end(ap);
	return len + ret;
}

int tp_locates_format(char *buf, size_t size, const uint16_t *locates, size_t nr)
{
	size_t len = 0, i, j;

	if (size)
		buf[0] = '\0';
	for (i = 0; i < nr; i = j + 1) {
		for (j = i; j + 1 < nr && locates[j + 1] == locates[j] + 1; j++)
			;
		len = tp_append(buf, size, len, "%s%u", i ? "," : "", locates[i]);
		if (j > i)
			len = tp_append(buf, size, len, "-%u", locates[j]);
	}
	return len;
}

int tp_symbol_pad(struct tp_symbol *sym, const char *name, size_t len)
{
	if (!len || len > TP_SYMBOL_LEN || name[0] == ' ' || name[len - 1] == ' ')
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < ' ' || name[i] > '~' || name[i] == ',')
			return -EINVAL;
	}
	memset(sym->name, ' ', TP_SYMBOL_LEN);
	memcpy(sym->name, name, len);
	return 0;
}

size_t tp_symbol_len(const struct tp_symbol *sym)
{
	size_t len = TP_SYMBOL_LEN;

	while (len && sym->name[len - 1] == ' ')
		len--;
	return len;
}

static int tp_symbol_cmp(const void *a, const void *b)
{
	return memcmp(a, b, sizeof(struct tp_symbol));
}

int tp_symbols_parse(const char *text, struct tp_symbol **symbols, size_t *nr,
		     const char **bad)
{
	size_t n = 0, max = *text ? 1 : 0;
	const char *item, *end;

	*symbols = NULL;
	*nr = 0;
	for (item = text; *item; item++)
		max += *item == ',';
	if (!max)
		return 0;
	*symbols = malloc(max * sizeof(**symbols));
	if (!*symbols)
		return -ENOMEM;
	for (item = text; n < max; item = end + 1) {
		end = item + strcspn(item, ",");
		if (tp_symbol_pad(&(*symbols)[n++], item, end - item)) {
			free(*symbols);
			*symbols = NULL;
			return tp_bad(bad, item);
		}
	}
	qsort(*symbols, n, sizeof(**symbols), tp_symbol_cmp);
	for (size_t i = 0; i < n; i++) {
		if (!*nr || tp_symbol_cmp(&(*symbols)[*nr - 1], &(*symbols)[i]))
			(*symbols)[(*nr)++] = (*symbols)[i];
	}
	return 0;
}
