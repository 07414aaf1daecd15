/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TP_FILTER_H
#define _TP_FILTER_H

#include "fanout.h"

#include <linux/bitops.h>
#include <linux/types.h>
#include <linux/tickpath.h>

struct netlink_ext_ack;

#define TP_LOCATES 65536
#define TP_SYMBOL_LEN 8

/* A filter as a user states it (SUB_ADD / SUB_SET); NULL/0 = not given. */
struct tp_filter_spec {
	const char *types;
	const u16 *locates;
	u32 nlocates;
	const char *symbols;	/* nsymbols * TP_SYMBOL_LEN bytes */
	u32 nsymbols;
};

/*
 * A subscription's filter: a bit per message type, and the locates it
 * wants, as entries of its channel's fan-out index (fanout.h): one per type
 * for a filter of every locate, else one per locate listed and one per
 * symbol, used once the symbol is announced.  The spec it came from is kept
 * to be reported back.  Symbols are sorted, for tp_filter_resolve().
 */
struct tp_filter {
	u32 types;			/* bit n: ITCH type index n */
	bool any_locate;		/* no locate or symbol listed */
	u32 resolved;			/* symbols with a known locate */
	unsigned long *locate_map;	/* TP_LOCATES bits: locates indexed */
	struct tp_fanout_entry *entries;
	u32 nentries;
	char *types_given;		/* as given, or NULL */
	u16 *locates;
	u32 nlocates;
	u64 *symbols;			/* sorted; memcpy'd from 8 bytes */
	u16 *symbol_locates;		/* per symbol, 0 until resolved */
	u32 nsymbols;
};

struct tp_filter *tp_filter_create(const struct tp_filter_spec *spec,
				   struct netlink_ext_ack *extack);
void tp_filter_free(struct tp_filter *filter);
/* The spec of @filter, for building its replacement from a partial one. */
void tp_filter_spec_of(const struct tp_filter *filter, struct tp_filter_spec *spec);

/*
 * A Stock Directory message announced @symbol at @locate.  Returns the entry
 * that became used if @filter now wants a locate it did not, for the caller
 * to index if the filter is in use; NULL otherwise.
 */
struct tp_fanout_entry *tp_filter_resolve(struct tp_filter *filter, u64 symbol,
					  u16 locate);

#endif /* _TP_FILTER_H */
