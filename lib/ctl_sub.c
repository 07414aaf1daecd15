// SPDX-License-Identifier: LGPL-2.1-or-later
/* Subscriptions: named filters on a channel, each owning a ring. */
#include "ctl.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

static const struct tp_counter tp_sub_counters[] = {
	TP_COUNTER(TICKPATH_SUB_STATS_A_RECORDS, struct tp_sub_stats, records),
	TP_COUNTER(TICKPATH_SUB_STATS_A_FILTERED, struct tp_sub_stats, filtered),
	TP_COUNTER(TICKPATH_SUB_STATS_A_SLOTS, struct tp_sub_stats, slots),
};

static int tp_sub_parse_attr(const struct nlattr *attr, struct tp_sub_info *sub)
{
	const void *array;
	int ret;

	switch (mnl_attr_get_type(attr)) {
	case TICKPATH_A_SUB_NAME:
		return tp_attr_get_str(attr, sub->name);
	case TICKPATH_A_SUB_CHANNEL:
		return tp_attr_get_str(attr, sub->channel);
	case TICKPATH_A_SUB_TYPES:
		return tp_attr_get_str(attr, sub->types);
	case TICKPATH_A_SUB_LOCATES:
		ret = tp_attr_array(attr, sizeof(*sub->locates), &array,
				    &sub->nr_locates);
		sub->locates = array;
		return ret;
	case TICKPATH_A_SUB_SYMBOLS:
		ret = tp_attr_array(attr, sizeof(*sub->symbols), &array,
				    &sub->nr_symbols);
		sub->symbols = array;
		return ret;
	case TICKPATH_A_SUB_RING_SLOTS:
		return tp_attr_get(attr, &sub->ring_slots);
	case TICKPATH_A_SUB_RESOLVED:
		return tp_attr_get(attr, &sub->resolved);
	case TICKPATH_A_SUB_OWNER_UID:
		sub->owner.has_uid = true;
		return tp_attr_get(attr, &sub->owner.uid);
	case TICKPATH_A_SUB_OWNER_GID:
		sub->owner.has_gid = true;
		return tp_attr_get(attr, &sub->owner.gid);
	case TICKPATH_A_SUB_STATS:
		return tp_attr_counters(attr, tp_sub_counters,
					TP_ARRAY_SIZE(tp_sub_counters), &sub->stats);
	}
	return 0;	/* from a newer kernel */
}

static int tp_sub_parse(const struct nlmsghdr *nlh, void *info)
{
	struct tp_sub_info *sub = info;
	const struct nlattr *attr;

	memset(sub, 0, sizeof(*sub));
	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		if (tp_sub_parse_attr(attr, sub))
			return -EBADMSG;
	}
	return sub->name[0] ? 0 : -EBADMSG;
}

static int tp_sub_deliver(const void *info, union tp_ctl_fn fn, void *arg)
{
	return fn.sub(info, arg);
}

static const struct tp_ctl_kind tp_sub_kind = {
	.what = "subscription",
	.get_cmd = TICKPATH_CMD_SUB_GET,
	.name_attr = TICKPATH_A_SUB_NAME,
	.name_size = TICKPATH_NAME_MAX,
	.parse = tp_sub_parse,
	.deliver = tp_sub_deliver,
};

/* The filters @mask names; an empty one goes out empty, which clears it. */
static int tp_sub_put_filters(struct tp_ctl *ctl, const struct tp_sub_config *sub,
			      unsigned int mask)
{
	const char *types = sub->types ? sub->types : "";
	int ret = 0;

	if (mask & ~TP_SUB_SET_ALL)
		return tp_ctl_fail(ctl, -EINVAL, "unknown filters in mask 0x%x", mask);
	if (mask & TP_SUB_SET_TYPES)
		ret = tp_ctl_put(ctl, TICKPATH_A_SUB_TYPES, types, strlen(types) + 1, 1);
	if (!ret && (mask & TP_SUB_SET_LOCATES))
		ret = tp_ctl_put(ctl, TICKPATH_A_SUB_LOCATES, sub->locates,
				 sub->nr_locates, sizeof(*sub->locates));
	if (!ret && (mask & TP_SUB_SET_SYMBOLS))
		ret = tp_ctl_put(ctl, TICKPATH_A_SUB_SYMBOLS, sub->symbols,
				 sub->nr_symbols, sizeof(*sub->symbols));
	return ret;
}

/* An absent filter passes everything, so only those given go out. */
static int tp_sub_build_add(struct tp_ctl *ctl, const struct tp_sub_config *sub,
			    uint16_t flags)
{
	unsigned int mask = (sub->types && *sub->types ? TP_SUB_SET_TYPES : 0) |
			    (sub->nr_locates ? TP_SUB_SET_LOCATES : 0) |
			    (sub->nr_symbols ? TP_SUB_SET_SYMBOLS : 0);
	int ret;

	ret = tp_ctl_start_named(ctl, &tp_sub_kind, TICKPATH_CMD_SUB_ADD, flags, sub->name) ?:
	      tp_ctl_put_name(ctl, TICKPATH_A_SUB_CHANNEL, sub->channel,
			      TICKPATH_NAME_MAX, "channel") ?:
	      tp_sub_put_filters(ctl, sub, mask);
	if (!ret && sub->ring_slots)
		ret = tp_ctl_put_one(ctl, TICKPATH_A_SUB_RING_SLOTS, &sub->ring_slots);
	if (!ret && sub->owner.has_uid)
		ret = tp_ctl_put_one(ctl, TICKPATH_A_SUB_OWNER_UID, &sub->owner.uid);
	if (!ret && sub->owner.has_gid)
		ret = tp_ctl_put_one(ctl, TICKPATH_A_SUB_OWNER_GID, &sub->owner.gid);
	return ret;
}

static int tp_sub_build_set(struct tp_ctl *ctl, const struct tp_sub_config *sub,
			    unsigned int mask)
{
	return tp_ctl_start_named(ctl, &tp_sub_kind, TICKPATH_CMD_SUB_SET, 0, sub->name) ?:
	       tp_sub_put_filters(ctl, sub, mask);
}

int tp_ctl_sub_add(struct tp_ctl *ctl, const struct tp_sub_config *sub)
{
	return tp_sub_build_add(ctl, sub, 0) ?: tp_ctl_transact(ctl, NULL, NULL);
}

int tp_ctl_sub_replace(struct tp_ctl *ctl, const struct tp_sub_config *sub)
{
	return tp_sub_build_add(ctl, sub, NLM_F_REPLACE) ?:
	       tp_ctl_transact(ctl, NULL, NULL);
}

int tp_ctl_sub_set(struct tp_ctl *ctl, const struct tp_sub_config *sub,
		   unsigned int mask)
{
	return tp_sub_build_set(ctl, sub, mask) ?: tp_ctl_transact(ctl, NULL, NULL);
}

int tp_ctl_sub_del(struct tp_ctl *ctl, const char *name)
{
	return tp_ctl_named(ctl, &tp_sub_kind, TICKPATH_CMD_SUB_DEL, name);
}

int tp_ctl_sub_get(struct tp_ctl *ctl, const char *name, struct tp_sub_info *sub)
{
	return tp_ctl_get(ctl, &tp_sub_kind, name, sub);
}

int tp_ctl_sub_dump(struct tp_ctl *ctl,
		    int (*fn)(const struct tp_sub_info *sub, void *arg),
		    void *arg)
{
	struct tp_sub_info sub;

	return tp_ctl_dump(ctl, &tp_sub_kind, (union tp_ctl_fn){ .sub = fn },
			   arg, &sub);
}
