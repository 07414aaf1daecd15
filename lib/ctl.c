// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Control API over generic netlink (libmnl): one request, its replies, and
 * the kernel's extended ack turned into tp_ctl_error(); then what ports,
 * feeds and subscriptions share: names, gets and dumps, attribute readers.
 */
#include "ctl.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>

struct tp_ctl_txn {
	struct tp_ctl *ctl;
	mnl_cb_t on_data;
	void *arg;
};

const char *tp_ctl_error(const struct tp_ctl *ctl)
{
	return ctl->error;
}

int tp_ctl_fail(struct tp_ctl *ctl, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctl->error, sizeof(ctl->error), fmt, ap);
	va_end(ap);
	return err;
}

/* The extack TLVs of an NLMSG_ERROR or NLMSG_DONE start at payload offset
 * @offset; keep the kernel's message, if it sent one.
 */
static void tp_ctl_take_extack(struct tp_ctl *ctl, const struct nlmsghdr *nlh,
			       size_t offset)
{
	const struct nlattr *attr;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) ||
	    offset > mnl_nlmsg_get_payload_len(nlh))
		return;
	mnl_attr_for_each(attr, nlh, offset) {
		if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
		    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0) {
			snprintf(ctl->error, sizeof(ctl->error), "%s",
				 mnl_attr_get_str(attr));
			return;
		}
	}
}

static int tp_ctl_on_error(const struct nlmsghdr *nlh, void *data)
{
	const struct tp_ctl_txn *txn = data;
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	size_t offset = sizeof(*err);

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*err)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (err->error == 0)
		return MNL_CB_STOP;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		offset += err->msg.nlmsg_len - sizeof(struct nlmsghdr);
	tp_ctl_take_extack(txn->ctl, nlh, offset);
	errno = -err->error;
	return MNL_CB_ERROR;
}

/* A dump ends with NLMSG_DONE, whose payload is an error code. */
static int tp_ctl_on_done(const struct nlmsghdr *nlh, void *data)
{
	const struct tp_ctl_txn *txn = data;
	int err;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(err))
		return MNL_CB_STOP;
	memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(err));
	if (err == 0)
		return MNL_CB_STOP;
	tp_ctl_take_extack(txn->ctl, nlh, sizeof(err));
	errno = -err;
	return MNL_CB_ERROR;
}

static int tp_ctl_on_data(const struct nlmsghdr *nlh, void *data)
{
	const struct tp_ctl_txn *txn = data;

	return txn->on_data ? txn->on_data(nlh, txn->arg) : MNL_CB_OK;
}

int tp_ctl_transact(struct tp_ctl *ctl, mnl_cb_t on_data, void *arg)
{
	static mnl_cb_t control[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR] = tp_ctl_on_error,
		[NLMSG_DONE] = tp_ctl_on_done,
	};
	struct tp_ctl_txn txn = { .ctl = ctl, .on_data = on_data, .arg = arg };
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)ctl->buf;
	unsigned int seq = nlh->nlmsg_seq;
	ssize_t len;
	int ret;

	ctl->error[0] = '\0';
	if (mnl_socket_sendto(ctl->nl, nlh, nlh->nlmsg_len) < 0)
		return tp_ctl_fail(ctl, -errno, "%s", strerror(errno));
	do {
		len = mnl_socket_recvfrom(ctl->nl, ctl->buf, sizeof(ctl->buf));
		if (len < 0)
			return tp_ctl_fail(ctl, -errno, "%s", strerror(errno));
		ret = mnl_cb_run2(ctl->buf, len, seq, ctl->portid, tp_ctl_on_data,
				  &txn, control, NLMSG_MIN_TYPE);
	} while (ret > MNL_CB_STOP);
	if (ret < 0) {
		ret = errno ? -errno : -EPROTO;
		/* Keep the kernel's message, if on_error() took one. */
		return ctl->error[0] ? ret : tp_ctl_fail(ctl, ret, "%s", strerror(-ret));
	}
	return 0;
}

static struct nlmsghdr *tp_ctl_header(struct tp_ctl *ctl, uint16_t type,
				      uint8_t cmd, uint8_t version,
				      uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(ctl->buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++ctl->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return nlh;
}

struct nlmsghdr *tp_ctl_start(struct tp_ctl *ctl, uint8_t cmd, uint16_t flags)
{
	return tp_ctl_header(ctl, ctl->family, cmd, TICKPATH_GENL_VERSION, flags);
}

int tp_ctl_put(struct tp_ctl *ctl, uint16_t type, const void *data, size_t nr,
	       size_t size)
{
	/* Checked before multiplying, so that nr * size cannot wrap; an empty
	 * array may come as NULL, which memcpy() must not see.
	 */
	if (nr > sizeof(ctl->buf) / size ||
	    !mnl_attr_put_check((struct nlmsghdr *)ctl->buf, sizeof(ctl->buf),
				type, nr * size, nr ? data : ""))
		return tp_ctl_fail(ctl, -EMSGSIZE,
				   "the request does not fit in %zu bytes",
				   sizeof(ctl->buf));
	return 0;
}

int tp_ctl_put_name(struct tp_ctl *ctl, uint16_t type, const char *name,
		    size_t size, const char *what)
{
	size_t len = name ? strnlen(name, size) : 0;

	if (!len || len == size)
		return tp_ctl_fail(ctl, -EINVAL, "a %s name is 1 to %zu bytes",
				   what, size - 1);
	return tp_ctl_put(ctl, type, name, len + 1, 1);
}

static int tp_ctl_on_family(const struct nlmsghdr *nlh, void *data)
{
	struct tp_ctl *ctl = data;
	const struct nlattr *attr;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_ID)
			tp_attr_get(attr, &ctl->family);
	}
	return MNL_CB_OK;
}

int tp_ctl_open(struct tp_ctl **ctlp)
{
	struct tp_ctl *ctl = calloc(1, sizeof(*ctl));
	struct nlmsghdr *nlh;
	int one = 1, ret;

	*ctlp = ctl;
	if (!ctl)
		return -ENOMEM;
	ctl->nl = mnl_socket_open(NETLINK_GENERIC);
	if (!ctl->nl)
		return tp_ctl_fail(ctl, -errno, "%s", strerror(errno));
	if (mnl_socket_setsockopt(ctl->nl, NETLINK_EXT_ACK, &one, sizeof(one)) ||
	    mnl_socket_setsockopt(ctl->nl, NETLINK_CAP_ACK, &one, sizeof(one)) ||
	    mnl_socket_bind(ctl->nl, 0, MNL_SOCKET_AUTOPID))
		return tp_ctl_fail(ctl, -errno, "%s", strerror(errno));
	ctl->portid = mnl_socket_get_portid(ctl->nl);

	nlh = tp_ctl_header(ctl, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, NLM_F_ACK);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, TICKPATH_GENL_NAME);
	ret = tp_ctl_transact(ctl, tp_ctl_on_family, ctl);
	if (ret == -ENOENT)
		return tp_ctl_fail(ctl, ret, "the tickpath module is not loaded");
	if (!ret && !ctl->family)
		return tp_ctl_fail(ctl, -EPROTO, "no family id in the kernel's reply");
	return ret;
}

void tp_ctl_close(struct tp_ctl *ctl)
{
	if (!ctl)
		return;
	if (ctl->nl)
		mnl_socket_close(ctl->nl);
	free(ctl);
}

int tp_ctl_start_named(struct tp_ctl *ctl, const struct tp_ctl_kind *kind,
		       uint8_t cmd, uint16_t flags, const char *name)
{
	tp_ctl_start(ctl, cmd, NLM_F_ACK | flags);
	return tp_ctl_put_name(ctl, kind->name_attr, name, kind->name_size,
			       kind->what);
}

int tp_ctl_named(struct tp_ctl *ctl, const struct tp_ctl_kind *kind,
		 uint8_t cmd, const char *name)
{
	return tp_ctl_start_named(ctl, kind, cmd, 0, name) ?:
	       tp_ctl_transact(ctl, NULL, NULL);
}

struct tp_ctl_walk {
	struct tp_ctl *ctl;
	const struct tp_ctl_kind *kind;
	bool dump;			/* else a get: keep the one reply */
	union tp_ctl_fn fn;
	void *arg;
	void *info;
	unsigned int count;
	int ret;
};

/* Replies are all read even after a failure, so the socket holds nothing
 * stale for the next request; the first failure is what is returned.
 */
static int tp_ctl_on_object(const struct nlmsghdr *nlh, void *data)
{
	struct tp_ctl_walk *walk = data;

	if (walk->ret)
		return MNL_CB_OK;
	memcpy(walk->ctl->reply, nlh, nlh->nlmsg_len);
	walk->ret = walk->kind->parse((const struct nlmsghdr *)walk->ctl->reply,
				      walk->info);
	walk->count++;
	if (!walk->ret && walk->dump)
		walk->ret = walk->kind->deliver(walk->info, walk->fn, walk->arg);
	return MNL_CB_OK;
}

static int tp_ctl_walk(struct tp_ctl *ctl, struct tp_ctl_walk *walk)
{
	int ret = tp_ctl_transact(ctl, tp_ctl_on_object, walk);

	if (ret)
		return ret;
	if (walk->ret == -EBADMSG)
		return tp_ctl_fail(ctl, walk->ret, "malformed %s in the kernel's reply",
				   walk->kind->what);
	return walk->ret;
}

int tp_ctl_get(struct tp_ctl *ctl, const struct tp_ctl_kind *kind,
	       const char *name, void *info)
{
	struct tp_ctl_walk walk = { .ctl = ctl, .kind = kind, .info = info };
	int ret = tp_ctl_start_named(ctl, kind, kind->get_cmd, 0, name) ?:
		  tp_ctl_walk(ctl, &walk);

	if (!ret && walk.count != 1)
		return tp_ctl_fail(ctl, -EPROTO, "the kernel sent %u replies, not one %s",
				   walk.count, kind->what);
	return ret;
}

int tp_ctl_dump(struct tp_ctl *ctl, const struct tp_ctl_kind *kind,
		union tp_ctl_fn fn, void *arg, void *info)
{
	struct tp_ctl_walk walk = {
		.ctl = ctl, .kind = kind, .dump = true, .fn = fn, .arg = arg,
		.info = info,
	};

	tp_ctl_start(ctl, kind->get_cmd, NLM_F_DUMP);
	return tp_ctl_walk(ctl, &walk);
}

int tp_attr_copy(const struct nlattr *attr, void *dst, size_t size)
{
	if (mnl_attr_get_payload_len(attr) != size)
		return -EBADMSG;
	memcpy(dst, mnl_attr_get_payload(attr), size);
	return 0;
}

int tp_attr_str(const struct nlattr *attr, char *dst, size_t size)
{
	if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0 ||
	    mnl_attr_get_payload_len(attr) > size)
		return -EBADMSG;
	strcpy(dst, mnl_attr_get_str(attr));
	return 0;
}

int tp_attr_array(const struct nlattr *attr, size_t size, const void **array,
		  size_t *nr)
{
	size_t len = mnl_attr_get_payload_len(attr);

	if (len % size)
		return -EBADMSG;
	*array = mnl_attr_get_payload(attr);
	*nr = len / size;
	return 0;
}

static uint64_t *tp_counter_find(const struct tp_counter *map, size_t n,
				 void *stats, unsigned int type)
{
	if (!map)
		return type < n ? (uint64_t *)stats + type : NULL;
	for (size_t i = 0; i < n; i++) {
		if (map[i].type == type)
			return (uint64_t *)((char *)stats + map[i].offset);
	}
	return NULL;
}

int tp_attr_counters(const struct nlattr *nest, const struct tp_counter *map,
		     size_t n, void *stats)
{
	const struct nlattr *attr;

	if (mnl_attr_validate(nest, MNL_TYPE_NESTED) < 0)
		return -EBADMSG;
	mnl_attr_for_each_nested(attr, nest) {
		uint64_t *counter = tp_counter_find(map, n, stats,
						    mnl_attr_get_type(attr));

		/* Empty: padding that aligns the next u64, whatever its type. */
		if (!mnl_attr_get_payload_len(attr))
			continue;
		if (counter && tp_attr_get(attr, counter))
			return -EBADMSG;
	}
	return 0;
}
