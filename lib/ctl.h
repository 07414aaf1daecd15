/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Inside the control API: the handle, one request and its replies, and what
 * ports, feeds and subscriptions share (names, gets and dumps, counters).
 * Not installed.
 */
#ifndef TP_CTL_H
#define TP_CTL_H

#include "tickpath.h"

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#define TP_HIDDEN __attribute__((visibility("hidden")))

#define TP_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Large enough for any dump batch the kernel sends (it sizes them to
 * min(PAGE_SIZE * 8, 32 KiB) by default), and the limit of a request.
 */
#define TP_CTL_BUFSIZE 32768

struct tp_ctl {
	struct mnl_socket *nl;
	unsigned int portid;
	unsigned int seq;
	uint16_t family;
	char error[256];
	/* Requests are built and replies received here. */
	char buf[TP_CTL_BUFSIZE] __attribute__((aligned(8)));
	/* The reply being parsed, kept apart from buf so that what the info
	 * structs point to outlives the ack that follows it.
	 */
	char reply[TP_CTL_BUFSIZE] __attribute__((aligned(8)));
};

TP_HIDDEN int tp_ctl_fail(struct tp_ctl *ctl, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Starts a request of the tickpath family in ctl->buf. */
TP_HIDDEN struct nlmsghdr *tp_ctl_start(struct tp_ctl *ctl, uint8_t cmd,
					uint16_t flags);
/* Appends to the request; -EMSGSIZE when it does not fit. */
TP_HIDDEN int tp_ctl_put(struct tp_ctl *ctl, uint16_t type, const void *data,
			 size_t nr, size_t size);
#define tp_ctl_put_one(ctl, type, ptr) tp_ctl_put(ctl, type, ptr, 1, sizeof(*(ptr)))
/* Appends a name of 1 to @size - 1 bytes; @what names it in the error. */
TP_HIDDEN int tp_ctl_put_name(struct tp_ctl *ctl, uint16_t type,
			      const char *name, size_t size, const char *what);
/* Sends the request in ctl->buf and runs @on_data on each reply until the
 * ack, the end of the dump or an error.
 */
TP_HIDDEN int tp_ctl_transact(struct tp_ctl *ctl, mnl_cb_t on_data, void *arg);

union tp_ctl_fn {
	int (*port)(const struct tp_port_info *port, void *arg);
	int (*feed)(const struct tp_feed_info *feed, void *arg);
	int (*sub)(const struct tp_sub_info *sub, void *arg);
};

/* A kind of object: how it is named, got and parsed. */
struct tp_ctl_kind {
	const char *what;		/* for messages */
	uint8_t get_cmd;
	uint16_t name_attr;
	size_t name_size;		/* with the NUL */
	/* Fills @info from @nlh; -EBADMSG if malformed. */
	int (*parse)(const struct nlmsghdr *nlh, void *info);
	int (*deliver)(const void *info, union tp_ctl_fn fn, void *arg);
};

/* Starts a request for @cmd naming an object of @kind; @flags go with
 * NLM_F_ACK (NLM_F_REPLACE, or 0).
 */
TP_HIDDEN int tp_ctl_start_named(struct tp_ctl *ctl,
				 const struct tp_ctl_kind *kind, uint8_t cmd,
				 uint16_t flags, const char *name);
/* A request that names an object and carries nothing else (del, detach). */
TP_HIDDEN int tp_ctl_named(struct tp_ctl *ctl, const struct tp_ctl_kind *kind,
			   uint8_t cmd, const char *name);
TP_HIDDEN int tp_ctl_get(struct tp_ctl *ctl, const struct tp_ctl_kind *kind,
			 const char *name, void *info);
/* @info is room for one object while @fn looks at it. */
TP_HIDDEN int tp_ctl_dump(struct tp_ctl *ctl, const struct tp_ctl_kind *kind,
			  union tp_ctl_fn fn, void *arg, void *info);

/* Attribute readers: 0, or -EBADMSG if the attribute is not what the ABI
 * says.  Integers (and NLA_BE32 addresses) are copied as they are, so the
 * destination must have the attribute's exact size.
 */
TP_HIDDEN int tp_attr_copy(const struct nlattr *attr, void *dst, size_t size);
#define tp_attr_get(attr, dst) tp_attr_copy(attr, dst, sizeof(*(dst)))
TP_HIDDEN int tp_attr_str(const struct nlattr *attr, char *dst, size_t size);
#define tp_attr_get_str(attr, array) tp_attr_str(attr, array, sizeof(array))
/* An array of @size-byte elements: where it starts and how many. */
TP_HIDDEN int tp_attr_array(const struct nlattr *attr, size_t size,
			    const void **array, size_t *nr);

/* A counter of a stats nest: its attribute and where its uint64_t is. */
struct tp_counter {
	uint16_t type;
	uint16_t offset;
};

#define TP_COUNTER(attr, type, field) { attr, offsetof(type, field) }

/* Stores the NLA_U64s of @nest into @stats: where @map (of @n entries)
 * says, or with no map into the array @stats of @n counters indexed by the
 * attribute type.  Attributes with no place are skipped: a newer kernel may
 * count more.
 */
TP_HIDDEN int tp_attr_counters(const struct nlattr *nest,
			       const struct tp_counter *map, size_t n,
			       void *stats);

#endif /* TP_CTL_H */
