/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TP_FILTER_H
#define _TP_FILTER_H

#include <linux/bitops.h>
#include <linux/types.h>
#include <linux/tickpath.h>

struct netlink_ext_ack;
struct tp_directory;

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
 * A subscription's filter: a bit per message type and a bitmap over stock
 * locates, so that a record is judged in O(1).  The spec it came from is kept
 * to be reported back.  Symbols are sorted, for tp_filter_resolve().
 */
struct tp_filter {
	u32 types;			/* bit n: ITCH type index n */
	bool any_locate;		/* no locate or symbol listed */
	u32 resolved;			/* symbols with a known locate */
	unsigned long *locate_map;	/* TP_LOCATES bits */
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

/* A Stock Directory message announced @symbol at @locate. */
void tp_filter_resolve(struct tp_filter *filter, u64 symbol, u16 locate);

static inline bool tp_filter_pass(const struct tp_filter *filter,
				  unsigned int type_index, u16 locate)
{
	if (!(filter->types & BIT(type_index)))
		return false;
	/* Locate 0 is market-wide (S, V, W): no symbol filter applies. */
	return filter->any_locate || !locate || test_bit(locate, filter->locate_map);
}

#endif /* _TP_FILTER_H */
