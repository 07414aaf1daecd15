// SPDX-License-Identifier: GPL-2.0
/*
 * SUB_ADD, SUB_SET, SUB_DEL and SUB_GET.
 */

#include "channel.h"
#include "netlink.h"
#include "netns.h"
#include "stats.h"
#include "sub.h"

#include <linux/cred.h>
#include <linux/rtnetlink.h>
#include <net/sock.h>

/*
 * Fills the parts of @spec given in the request, leaving the others alone;
 * an empty value clears a part.
 */
static int tp_genl_filter_spec(struct genl_info *info, struct tp_filter_spec *spec)
{
	struct nlattr *types = info->attrs[TICKPATH_A_SUB_TYPES];
	struct nlattr *locates = info->attrs[TICKPATH_A_SUB_LOCATES];
	struct nlattr *symbols = info->attrs[TICKPATH_A_SUB_SYMBOLS];

	if (types)
		spec->types = nla_data(types);
	if (locates) {
		if (nla_len(locates) % sizeof(u16)) {
			TP_GENL_ERR_ATTR(info, locates, "not an array of 16-bit locates");
			return -EINVAL;
		}
		spec->locates = nla_data(locates);
		spec->nlocates = nla_len(locates) / sizeof(u16);
	}
	if (symbols) {
		if (nla_len(symbols) % TP_SYMBOL_LEN) {
			TP_GENL_ERR_ATTR(info, symbols, "not an array of 8-byte symbols");
			return -EINVAL;
		}
		spec->symbols = nla_data(symbols);
		spec->nsymbols = nla_len(symbols) / TP_SYMBOL_LEN;
	}
	return 0;
}

/* The owner ids as the requester's user namespace maps them. */
static int tp_genl_owner(struct genl_info *info, struct tp_sub_owner *owner)
{
	struct nlattr *uid = info->attrs[TICKPATH_A_SUB_OWNER_UID];
	struct nlattr *gid = info->attrs[TICKPATH_A_SUB_OWNER_GID];

	owner->uid = uid ? make_kuid(current_user_ns(), nla_get_u32(uid)) : INVALID_UID;
	owner->gid = gid ? make_kgid(current_user_ns(), nla_get_u32(gid)) : INVALID_GID;
	if (uid && !uid_valid(owner->uid)) {
		TP_GENL_ERR_ATTR(info, uid, "no such user in your user namespace");
		return -EINVAL;
	}
	if (gid && !gid_valid(owner->gid)) {
		TP_GENL_ERR_ATTR(info, gid, "no such group in your user namespace");
		return -EINVAL;
	}
	return 0;
}

/* Equal as SUB_GET reports them: types and locates as given, symbols sorted. */
static bool tp_genl_filter_equal(const struct tp_filter *a, const struct tp_filter *b)
{
	return !strcmp(a->types_given ?: "", b->types_given ?: "") &&
	       a->nlocates == b->nlocates &&
	       !memcmp(a->locates, b->locates, a->nlocates * sizeof(*a->locates)) &&
	       a->nsymbols == b->nsymbols &&
	       !memcmp(a->symbols, b->symbols, a->nsymbols * sizeof(*a->symbols));
}

/*
 * A replace of a subscription that exists keeps its channel, ring and owner
 * (readers hold the ring, and were let in by the owner): the request must
 * name them as they are.
 */
static int tp_genl_sub_same(struct genl_info *info, const struct tp_sub *sub,
			    const char *channel, u32 slots,
			    const struct tp_sub_owner *owner)
{
	struct nlattr **attrs = info->attrs;

	if (strcmp(sub->channel->name, channel))
		TP_GENL_ERR_ATTR(info, attrs[TICKPATH_A_SUB_CHANNEL],
				 "a subscription's channel cannot change in place");
	else if (sub->slots != slots)
		TP_GENL_ERR_ATTR(info, attrs[TICKPATH_A_SUB_RING_SLOTS],
				 "a subscription's ring slot count cannot change in place");
	else if (!uid_eq(sub->owner.uid, owner->uid))
		TP_GENL_ERR_ATTR(info, attrs[TICKPATH_A_SUB_OWNER_UID],
				 "a subscription's owner user cannot change in place");
	else if (!gid_eq(sub->owner.gid, owner->gid))
		TP_GENL_ERR_ATTR(info, attrs[TICKPATH_A_SUB_OWNER_GID],
				 "a subscription's owner group cannot change in place");
	else
		return 0;
	return -EOPNOTSUPP;
}

/*
 * Its filter becomes the request's, between two packets as with SUB_SET.  An
 * equal one stays, and with it nothing changes at all.
 */
static int tp_genl_sub_replace(struct genl_info *info, struct tp_sub *sub,
			       const char *channel, const struct tp_filter_spec *spec,
			       u32 slots, const struct tp_sub_owner *owner)
{
	struct tp_filter *filter;
	int ret = tp_genl_sub_same(info, sub, channel, slots, owner);

	if (ret)
		return ret;
	filter = tp_filter_create(spec, info->extack);
	if (IS_ERR(filter))
		return PTR_ERR(filter);
	if (!tp_genl_filter_equal(filter, sub->filter))
		filter = tp_channel_swap_filter(sub->channel, sub, filter);
	tp_filter_free(filter);
	return 0;
}

int tp_genl_sub_add(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *attr = info->attrs[TICKPATH_A_SUB_RING_SLOTS];
	u32 slots = attr ? nla_get_u32(attr) : TICKPATH_RING_SLOTS_DEFAULT;
	struct tp_net *tn = tp_net(genl_info_net(info));
	struct tp_filter_spec spec = {};
	const char *name, *channel;
	struct tp_sub_owner owner;
	struct tp_sub *sub;
	int ret;

	name = tp_genl_get_name(info, TICKPATH_A_SUB_NAME);
	channel = name ? tp_genl_get_name(info, TICKPATH_A_SUB_CHANNEL) : NULL;
	if (!channel)
		return -EINVAL;
	ret = tp_genl_filter_spec(info, &spec) ?: tp_genl_owner(info, &owner);
	if (ret)
		return ret;
	rtnl_lock();
	sub = tp_genl_replace(info) ? tp_sub_find(tn, name) : NULL;
	if (sub)
		ret = tp_genl_sub_replace(info, sub, channel, &spec, slots, &owner);
	else
		ret = tp_sub_add(tn, name, channel, &spec, slots, &owner, info->extack);
	rtnl_unlock();
	return ret;
}

static struct tp_sub *tp_genl_get_sub(struct genl_info *info)
{
	const char *name = tp_genl_get_name(info, TICKPATH_A_SUB_NAME);
	struct tp_sub *sub;

	if (!name)
		return ERR_PTR(-EINVAL);
	sub = tp_sub_find(tp_net(genl_info_net(info)), name);
	if (!sub) {
		TP_GENL_ERR_ATTR(info, info->attrs[TICKPATH_A_SUB_NAME], "no such subscription");
		return ERR_PTR(-ENOENT);
	}
	return sub;
}

int tp_genl_sub_set(struct sk_buff *skb, struct genl_info *info)
{
	struct tp_filter_spec spec;
	struct tp_sub *sub;
	int ret;

	if (info->attrs[TICKPATH_A_SUB_CHANNEL] || info->attrs[TICKPATH_A_SUB_RING_SLOTS] ||
	    info->attrs[TICKPATH_A_SUB_OWNER_UID] || info->attrs[TICKPATH_A_SUB_OWNER_GID]) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "only the filter changes: types, locates and symbols");
		return -EOPNOTSUPP;
	}
	rtnl_lock();
	sub = tp_genl_get_sub(info);
	ret = PTR_ERR_OR_ZERO(sub);
	if (!ret) {
		tp_filter_spec_of(sub->filter, &spec);
		ret = tp_genl_filter_spec(info, &spec);
	}
	if (!ret)
		ret = tp_sub_set(sub, &spec, info->extack);
	rtnl_unlock();
	return ret;
}

int tp_genl_sub_del(struct sk_buff *skb, struct genl_info *info)
{
	struct tp_sub *sub;
	int ret;

	rtnl_lock();
	sub = tp_genl_get_sub(info);
	ret = PTR_ERR_OR_ZERO(sub);
	if (!ret)
		tp_sub_del(sub);
	rtnl_unlock();
	return ret;
}

static int tp_genl_fill_sub(struct sk_buff *skb, const void *obj, u32 portid,
			    u32 seq, int flags)
{
	const struct tp_sub *sub = obj;
	const struct tp_filter *filter = sub->filter;
	u64 c[__TICKPATH_SUB_STATS_A_MAX];
	void *hdr;

	tp_channel_sub_stats(sub->channel, sub, c);
	hdr = tp_genl_put_header(skb, portid, seq, flags, TICKPATH_CMD_SUB_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, TICKPATH_A_SUB_NAME, sub->name) ||
	    nla_put_string(skb, TICKPATH_A_SUB_CHANNEL, sub->channel->name) ||
	    (filter->types_given &&
	     nla_put_string(skb, TICKPATH_A_SUB_TYPES, filter->types_given)) ||
	    (filter->nlocates &&
	     nla_put(skb, TICKPATH_A_SUB_LOCATES, filter->nlocates * sizeof(u16),
		     filter->locates)) ||
	    (filter->nsymbols &&
	     nla_put(skb, TICKPATH_A_SUB_SYMBOLS, filter->nsymbols * TP_SYMBOL_LEN,
		     filter->symbols)) ||
	    nla_put_u32(skb, TICKPATH_A_SUB_RING_SLOTS, sub->slots) ||
	    (uid_valid(sub->owner.uid) &&
	     nla_put_u32(skb, TICKPATH_A_SUB_OWNER_UID,
			 from_kuid_munged(current_user_ns(), sub->owner.uid))) ||
	    (gid_valid(sub->owner.gid) &&
	     nla_put_u32(skb, TICKPATH_A_SUB_OWNER_GID,
			 from_kgid_munged(current_user_ns(), sub->owner.gid))) ||
	    nla_put_u32(skb, TICKPATH_A_SUB_RESOLVED, READ_ONCE(filter->resolved)) ||
	    tp_genl_put_counters(skb, TICKPATH_A_SUB_STATS, c, TICKPATH_SUB_STATS_A_RECORDS,
				 TICKPATH_SUB_STATS_A_SLOTS, TICKPATH_SUB_STATS_A_PAD)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

int tp_genl_sub_get(struct sk_buff *skb, struct genl_info *info)
{
	struct tp_sub *sub;
	int ret;

	rtnl_lock();
	sub = tp_genl_get_sub(info);
	ret = PTR_ERR_OR_ZERO(sub);
	if (!ret)
		ret = tp_genl_reply(info, tp_genl_fill_sub, sub,
				    NLMSG_DEFAULT_SIZE +
				    sub->filter->nlocates * sizeof(u16) +
				    sub->filter->nsymbols * TP_SYMBOL_LEN);
	rtnl_unlock();
	return ret;
}

int tp_genl_sub_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct tp_net *tn = tp_net(sock_net(skb->sk));
	int ret;

	rtnl_lock();
	ret = tp_genl_dump_list(skb, cb, &tn->subs, offsetof(struct tp_sub, net_node),
				tp_genl_fill_sub);
	rtnl_unlock();
	return ret;
}
