// SPDX-License-Identifier: GPL-2.0
/* tpcat's record filter (see recfilter.h). */
#include <stdlib.h>
#include <string.h>

#include "itch.h"
#include "recfilter.h"
#include "tickpath.h"

/* The parsers are libtickpath's, as tpctl's: one syntax for both tools. */
int tp_filter_types(struct tp_filter *flt, const char *arg)
{
	if (!*arg || tp_types_check(arg, NULL))
		return -1;
	for (; *arg; arg++)
		flt->types |= 1u << tp_itch_type_index((u8)*arg);
	return 0;
}

int tp_filter_locates(struct tp_filter *flt, const char *arg)
{
	uint16_t *locates;
	size_t i, n;

	if (!*arg || tp_locates_parse(arg, &locates, &n, NULL))
		return -1;
	for (i = 0; i < n; i++)
		flt->locates[locates[i] / 8] |= 1u << (locates[i] % 8);
	free(locates);
	flt->by_locate = true;
	return 0;
}

int tp_filter_symbols(struct tp_filter *flt, const char *arg)
{
	struct tp_symbol *symbols, *more;
	size_t n;

	if (!*arg || tp_symbols_parse(arg, &symbols, &n, NULL))
		return -1;
	more = realloc(flt->symbols, (flt->nsymbols + n) * sizeof(*more));
	if (!more) {
		free(symbols);
		return -1;
	}
	memcpy(more + flt->nsymbols, symbols, n * sizeof(*more));
	free(symbols);
	flt->symbols = more;
	flt->nsymbols += n;
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
		if (!memcmp(flt->symbols[i].name, stock, TP_SYMBOL_LEN)) {
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
