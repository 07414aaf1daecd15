/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tpcat's record filter, with a subscription's rules (see TICKPATH_CMD_SUB_ADD
 * in the uapi header): a record passes when its type is kept and, if locates
 * or symbols are listed, its locate is listed, or is a listed symbol's, or
 * is 0 (market-wide).  Control records always pass.
 */
#ifndef TP_RECFILTER_H
#define TP_RECFILTER_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/tickpath.h>

#include "symtab.h"
#include "tickpath.h"

struct tp_filter {
	uint32_t types;		/* bit n: ITCH type index n kept; 0: all */
	bool by_locate;		/* locates or symbols were listed */
	uint8_t locates[65536 / 8];
	struct tp_symbol *symbols;
	size_t nsymbols;
};

/* Each returns 0, or -1 if @arg is not what it should be. */
/* Type characters, "AFE". */
int tp_filter_types(struct tp_filter *flt, const char *arg);
/* Comma-separated locates and ranges, "1,5-9". */
int tp_filter_locates(struct tp_filter *flt, const char *arg);
/* Comma-separated symbols of up to 8 characters, "AAPL,MSFT". */
int tp_filter_symbols(struct tp_filter *flt, const char *arg);
void tp_filter_free(struct tp_filter *flt);

/* Learn @rec into @syms first: a symbol resolves at its R message. */
bool tp_filter_match(struct tp_filter *flt, const struct tickpath_rec *rec,
		     const struct tp_symtab *syms);

#endif /* TP_RECFILTER_H */
