// SPDX-License-Identifier: GPL-2.0
/* tpcat's record filter (see recfilter.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "itch.h"
#include "recfilter.h"

int tp_filter_types(struct tp_filter *flt, const char *arg)
{
	for (; *arg; arg++) {
		unsigned int index = tp_itch_type_index((u8)*arg);

		if (!index)
			return -1;
		flt->types |= 1u << index;
	}
	return 0;
}

static int tp_parse_locate(const char *s, char **end, unsigned long *v)
{
	errno = 0;
	*v = strtoul(s, end, 10);
	return errno || *end == s || *v > 65535 ? -1 : 0;
}

int tp_filter_locates(struct tp_filter *flt, const char *arg)
{
	unsigned long lo, hi;
	char *end;

	do {
		if (tp_parse_locate(arg, &end, &lo))
			return -1;
		hi = lo;
		if (*end == '-' && tp_parse_locate(end + 1, &end, &hi))
			return -1;
		if ((*end && *end != ',') || hi < lo)
			return -1;
		for (; lo <= hi; lo++)
			flt->locates[lo / 8] |= 1u << (lo % 8);
		arg = end + 1;
	} while (*end);
	flt->by_locate = true;
	return 0;
}

int tp_filter_symbols(struct tp_filter *flt, const char *arg)
{
	const char *end;

	do {
		size_t n;
		char (*more)[8];

		n = strcspn(arg, ",");
		end = arg + n;
		if (!n || n > 8)
			return -1;
		more = realloc(flt->symbols, (flt->nsymbols + 1) * 8);
		if (!more)
			return -1;
		flt->symbols = more;
		memset(more[flt->nsymbols], ' ', 8);
		memcpy(more[flt->nsymbols++], arg, n);
		arg = end + 1;
	} while (*end);
	flt->by_locate = true;
	return 0;
}

void tp_filter_free(struct tp_filter *flt)
{
	free(flt->symbols);
	flt->symbols = NULL;
	flt->nsymbols = 0;
}

static bool tp_listed(const struct tp_filter *flt, uint16_t locate)
{
	return flt->locates[locate / 8] & (1u << (locate % 8));
}

/* A listed symbol's locate is added to the list once it resolves. */
static bool tp_symbol_listed(struct tp_filter *flt, uint16_t locate,
			     const struct tp_symtab *syms)
{
	const char *stock = tp_symtab_get(syms, locate);
	unsigned int i;

	for (i = 0; stock && i < flt->nsymbols; i++) {
		if (!memcmp(flt->symbols[i], stock, 8)) {
			flt->locates[locate / 8] |= 1u << (locate % 8);
			return true;
		}
	}
	return false;
}

bool tp_filter_match(struct tp_filter *flt, const struct tickpath_rec *rec,
		     const struct tp_symtab *syms)
{
	if (rec->type < 0x20)
		return true;
	if (flt->types && !(flt->types & 1u << tp_itch_type_index(rec->type)))
		return false;
	if (!flt->by_locate || !rec->locate || tp_listed(flt, rec->locate))
		return true;
	return tp_symbol_listed(flt, rec->locate, syms);
}
