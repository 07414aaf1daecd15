// SPDX-License-Identifier: GPL-2.0
/*
 * Subscription filters: message types and stock locates, symbols resolved
 * to locates as the Stock Directory announces them, and the entries that
 * index them in the channel's fan-out.
 */

#include "filter.h"
#include "itch.h"

#include <linux/bitmap.h>
#include <linux/bsearch.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <net/netlink.h>

static int tp_filter_cmp_symbol(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static int tp_filter_set_types(struct tp_filter *filter, const char *types,
			       struct netlink_ext_ack *extack)
{
	const char *t;

	if (!types || !*types) {
		filter->types = ~0U;
		return 0;
	}
	for (t = types; *t; t++) {
		unsigned int index = tp_itch_type_index(*t);

		if (!index) {
			NL_SET_ERR_MSG_MOD(extack,
					   "TICKPATH_A_SUB_TYPES: not an ITCH 5.0 message type");
			return -EINVAL;
		}
		filter->types |= BIT(index);
	}
	filter->types_given = kstrdup(types, GFP_KERNEL);
	return filter->types_given ? 0 : -ENOMEM;
}

/* Entries by type: one per type the filter passes, all of them used. */
static void tp_filter_index_types(struct tp_filter *filter)
{
	unsigned int i;

	for (i = 0; i < filter->nentries; i++) {
		struct tp_fanout_entry *e = &filter->entries[i];

		e->type_index = i + 1;
		e->used = filter->types & BIT(i + 1);
	}
}

/*
 * Entries by locate: one per locate listed, used unless a repeat, then one
 * per symbol, used when the symbol resolves to a locate not listed.
 */
static void tp_filter_index_locates(struct tp_filter *filter)
{
	u32 i;

	for (i = 0; i < filter->nlocates; i++) {
		struct tp_fanout_entry *e = &filter->entries[i];

		e->locate = filter->locates[i];
		e->used = !__test_and_set_bit(e->locate, filter->locate_map);
	}
}

static int tp_filter_set_locates(struct tp_filter *filter,
				 const struct tp_filter_spec *spec)
{
	u32 i;

	filter->any_locate = !spec->nlocates && !spec->nsymbols;
	filter->locate_map = bitmap_zalloc(TP_LOCATES, GFP_KERNEL);
	if (!filter->locate_map)
		return -ENOMEM;
	if (spec->nlocates) {
		filter->locates = kmemdup(spec->locates,
					  spec->nlocates * sizeof(*spec->locates),
					  GFP_KERNEL);
		if (!filter->locates)
			return -ENOMEM;
		filter->nlocates = spec->nlocates;
	}
	if (spec->nsymbols) {
		filter->symbols = kmemdup(spec->symbols,
					  spec->nsymbols * TP_SYMBOL_LEN, GFP_KERNEL);
		filter->symbol_locates = kcalloc(spec->nsymbols,
						 sizeof(*filter->symbol_locates),
						 GFP_KERNEL);
		if (!filter->symbols || !filter->symbol_locates)
			return -ENOMEM;
		filter->nsymbols = spec->nsymbols;
		sort(filter->symbols, filter->nsymbols, sizeof(*filter->symbols),
		     tp_filter_cmp_symbol, NULL);
	}

	filter->nentries = filter->any_locate ? TP_ITCH_TYPES :
			   filter->nlocates + filter->nsymbols;
	filter->entries = kcalloc(filter->nentries, sizeof(*filter->entries),
				  GFP_KERNEL);
	if (!filter->entries)
		return -ENOMEM;
	for (i = 0; i < filter->nentries; i++)
		filter->entries[i].types = filter->types;
	if (filter->any_locate)
		tp_filter_index_types(filter);
	else
		tp_filter_index_locates(filter);
	return 0;
}

struct tp_filter *tp_filter_create(const struct tp_filter_spec *spec,
				   struct netlink_ext_ack *extack)
{
	struct tp_filter *filter;
	int ret;

	filter = kzalloc(sizeof(*filter), GFP_KERNEL);
	if (!filter)
		return ERR_PTR(-ENOMEM);
	ret = tp_filter_set_types(filter, spec->types, extack);
	if (!ret)
		ret = tp_filter_set_locates(filter, spec);
	if (ret) {
		tp_filter_free(filter);
		return ERR_PTR(ret);
	}
	return filter;
}

void tp_filter_free(struct tp_filter *filter)
{
	if (!filter)
		return;
	bitmap_free(filter->locate_map);
	kfree(filter->entries);
	kfree(filter->types_given);
	kfree(filter->locates);
	kfree(filter->symbols);
	kfree(filter->symbol_locates);
	kfree(filter);
}

void tp_filter_spec_of(const struct tp_filter *filter, struct tp_filter_spec *spec)
{
	spec->types = filter->types_given;
	spec->locates = filter->locates;
	spec->nlocates = filter->nlocates;
	spec->symbols = (const char *)filter->symbols;
	spec->nsymbols = filter->nsymbols;
}

struct tp_fanout_entry *tp_filter_resolve(struct tp_filter *filter, u64 symbol,
					  u16 locate)
{
	struct tp_fanout_entry *e;
	const u64 *found;
	size_t i;

	if (!filter->nsymbols)
		return NULL;
	found = bsearch(&symbol, filter->symbols, filter->nsymbols,
			sizeof(*filter->symbols), tp_filter_cmp_symbol);
	if (!found)
		return NULL;
	i = found - filter->symbols;
	/* The first announcement holds for the day. */
	if (filter->symbol_locates[i])
		return NULL;
	filter->symbol_locates[i] = locate;
	filter->resolved++;
	if (__test_and_set_bit(locate, filter->locate_map))
		return NULL;
	e = &filter->entries[filter->nlocates + i];
	e->locate = locate;
	e->used = true;
	return e;
}
