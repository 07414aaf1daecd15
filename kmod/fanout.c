// SPDX-License-Identifier: GPL-2.0
/*
 * The fan-out index of a channel (see fanout.h).  Entries move in and out
 * only under the channel's lock, when a subscription comes, goes or changes
 * its filter, and when a symbol it asked for is announced.
 */

#include "fanout.h"
#include "filter.h"

void tp_fanout_link_entry(struct tp_fanout *fo, struct tp_fanout_entry *e,
			  struct tp_sub *sub)
{
	e->sub = sub;
	hlist_add_head(&e->node, e->type_index ? &fo->by_type[e->type_index] :
			tp_fanout_by_locate(fo, e->locate));
}

void tp_fanout_link(struct tp_fanout *fo, struct tp_filter *filter,
		    struct tp_sub *sub)
{
	u32 i;

	for (i = 0; i < filter->nentries; i++)
		if (filter->entries[i].used)
			tp_fanout_link_entry(fo, &filter->entries[i], sub);
}

void tp_fanout_unlink(struct tp_filter *filter)
{
	u32 i;

	for (i = 0; i < filter->nentries; i++)
		if (!hlist_unhashed(&filter->entries[i].node))
			hlist_del_init(&filter->entries[i].node);
}
