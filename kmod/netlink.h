/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TP_NETLINK_H
#define _TP_NETLINK_H

#include <net/genetlink.h>

struct tp_port;

/* NL_SET_ERR_MSG_ATTR() has no _MOD variant in 6.1. */
#define TP_GENL_ERR_ATTR(info, attr, msg) \
	NL_SET_ERR_MSG_ATTR((info)->extack, attr, KBUILD_MODNAME ": " msg)

/*
 * NLM_F_REPLACE on an ADD or ATTACH: an object of that name that exists is
 * made what the request says where it can change in place, else the request
 * is refused, naming the setting; an object that does not exist is created.
 */
static inline bool tp_genl_replace(const struct genl_info *info)
{
	return info->nlhdr->nlmsg_flags & NLM_F_REPLACE;
}

/* Fills one object's message; the object is passed as void * so that one
 * dump and one reply helper serve every kind.
 */
typedef int (*tp_genl_fill_t)(struct sk_buff *skb, const void *obj, u32 portid,
			      u32 seq, int flags);

void *tp_genl_put_header(struct sk_buff *skb, u32 portid, u32 seq, int flags,
			 u8 cmd);
int tp_genl_put_u64s(struct sk_buff *skb, const u64 *counters, int first, int last,
		     int pad);
int tp_genl_put_counters(struct sk_buff *skb, int type, const u64 *counters,
			 int first, int last, int pad);
/* Under RTNL: replies with the one object. */
int tp_genl_reply(struct genl_info *info, tp_genl_fill_t fill, const void *obj,
		  size_t size);
/* Under RTNL: one message per object of @head, resuming where the previous
 * call stopped (cb->args[0]).
 */
int tp_genl_dump_list(struct sk_buff *skb, struct netlink_callback *cb,
		      const struct list_head *head, size_t node_offset,
		      tp_genl_fill_t fill);
/* The required string attribute @type, or NULL with an extack message. */
const char *tp_genl_get_name(struct genl_info *info, int type);
struct tp_port *tp_genl_get_port(struct genl_info *info);

int tp_genl_feed_add(struct sk_buff *skb, struct genl_info *info);
int tp_genl_feed_del(struct sk_buff *skb, struct genl_info *info);
int tp_genl_feed_get(struct sk_buff *skb, struct genl_info *info);
int tp_genl_feed_dump(struct sk_buff *skb, struct netlink_callback *cb);
int tp_genl_sub_add(struct sk_buff *skb, struct genl_info *info);
int tp_genl_sub_set(struct sk_buff *skb, struct genl_info *info);
int tp_genl_sub_del(struct sk_buff *skb, struct genl_info *info);
int tp_genl_sub_get(struct sk_buff *skb, struct genl_info *info);
int tp_genl_sub_dump(struct sk_buff *skb, struct netlink_callback *cb);

int tp_genl_init(void);
void tp_genl_uninit(void);

#endif /* _TP_NETLINK_H */
