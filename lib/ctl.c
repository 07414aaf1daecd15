// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Control API over generic netlink (libmnl): one request, its replies, and
 * the kernel's extended ack turned into tp_ctl_error().
 */
#include "tickpath.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

/* Large enough for any dump batch the kernel sends (it sizes them to
 * min(PAGE_SIZE * 8, 32 KiB) by default).
 */
#define TP_CTL_BUFSIZE 32768

struct tp_ctl {
	struct mnl_socket *nl;
	unsigned int portid;
	unsigned int seq;
	uint16_t family;
	char error[256];
	char buf[TP_CTL_BUFSIZE];
};

struct tp_ctl_txn {
	struct tp_ctl *ctl;
	mnl_cb_t on_data;
	void *arg;
};

const char *tp_ctl_error(const struct tp_ctl *ctl)
{
	return ctl->error;
}

static int tp_ctl_fail(struct tp_ctl *ctl, int err, const char *msg)
{
	snprintf(ctl->error, sizeof(ctl->error), "%s", msg ? msg : strerror(-err));
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

/* Sends @nlh and runs @on_data on each reply until the ack, the end of the
 * dump or an error.
 */
static int tp_ctl_transact(struct tp_ctl *ctl, struct nlmsghdr *nlh,
			   mnl_cb_t on_data, void *arg)
{
	static mnl_cb_t control[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR] = tp_ctl_on_error,
		[NLMSG_DONE] = tp_ctl_on_done,
	};
	struct tp_ctl_txn txn = { .ctl = ctl, .on_data = on_data, .arg = arg };
	unsigned int seq = nlh->nlmsg_seq;
	ssize_t len;
	int ret;

	ctl->error[0] = '\0';
	if (mnl_socket_sendto(ctl->nl, nlh, nlh->nlmsg_len) < 0)
		return tp_ctl_fail(ctl, -errno, NULL);
	do {
		len = mnl_socket_recvfrom(ctl->nl, ctl->buf, sizeof(ctl->buf));
		if (len < 0)
			return tp_ctl_fail(ctl, -errno, NULL);
		ret = mnl_cb_run2(ctl->buf, len, seq, ctl->portid, tp_ctl_on_data,
				  &txn, control, NLMSG_MIN_TYPE);
	} while (ret > MNL_CB_STOP);
	if (ret < 0) {
		ret = errno ? -errno : -EPROTO;
		/* Keep the kernel's message, if on_error() took one. */
		return ctl->error[0] ? ret : tp_ctl_fail(ctl, ret, NULL);
	}
	return 0;
}

static struct nlmsghdr *tp_ctl_request(struct tp_ctl *ctl, uint16_t type,
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

static int tp_ctl_on_family(const struct nlmsghdr *nlh, void *data)
{
	struct tp_ctl *ctl = data;
	const struct nlattr *attr;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_ID &&
		    mnl_attr_validate(attr, MNL_TYPE_U16) == 0)
			ctl->family = mnl_attr_get_u16(attr);
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
		return tp_ctl_fail(ctl, -errno, NULL);
	if (mnl_socket_setsockopt(ctl->nl, NETLINK_EXT_ACK, &one, sizeof(one)) ||
	    mnl_socket_setsockopt(ctl->nl, NETLINK_CAP_ACK, &one, sizeof(one)) ||
	    mnl_socket_bind(ctl->nl, 0, MNL_SOCKET_AUTOPID))
		return tp_ctl_fail(ctl, -errno, NULL);
	ctl->portid = mnl_socket_get_portid(ctl->nl);

	nlh = tp_ctl_request(ctl, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, NLM_F_ACK);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, TICKPATH_GENL_NAME);
	ret = tp_ctl_transact(ctl, nlh, tp_ctl_on_family, ctl);
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

static struct nlmsghdr *tp_ctl_port_request(struct tp_ctl *ctl, uint8_t cmd,
					    uint16_t flags, const char *ifname)
{
	struct nlmsghdr *nlh = tp_ctl_request(ctl, ctl->family, cmd,
					      TICKPATH_GENL_VERSION, flags);

	if (ifname)
		mnl_attr_put_strz(nlh, TICKPATH_A_PORT_IFNAME, ifname);
	return nlh;
}

int tp_ctl_port_attach(struct tp_ctl *ctl, const char *ifname,
		       enum tickpath_port_mode mode)
{
	struct nlmsghdr *nlh = tp_ctl_port_request(ctl, TICKPATH_CMD_PORT_ATTACH,
						   NLM_F_ACK, ifname);

	mnl_attr_put_u8(nlh, TICKPATH_A_PORT_MODE, mode);
	return tp_ctl_transact(ctl, nlh, NULL, NULL);
}

int tp_ctl_port_detach(struct tp_ctl *ctl, const char *ifname)
{
	return tp_ctl_transact(ctl, tp_ctl_port_request(ctl, TICKPATH_CMD_PORT_DETACH,
							 NLM_F_ACK, ifname),
			       NULL, NULL);
}

static int tp_ctl_parse_port_stats(const struct nlattr *nest,
				   struct tp_port_info *port)
{
	const struct nlattr *attr;

	mnl_attr_for_each_nested(attr, nest) {
		uint64_t *counter;

		switch (mnl_attr_get_type(attr)) {
		case TICKPATH_PORT_STATS_A_PACKETS:
			counter = &port->packets;
			break;
		case TICKPATH_PORT_STATS_A_BYTES:
			counter = &port->bytes;
			break;
		default:
			continue;
		}
		if (mnl_attr_validate(attr, MNL_TYPE_U64) < 0)
			return -EBADMSG;
		*counter = mnl_attr_get_u64(attr);
	}
	return 0;
}

/* Unknown attributes are skipped: a newer kernel may send more. */
static int tp_ctl_parse_port(const struct nlmsghdr *nlh,
			     struct tp_port_info *port)
{
	const struct nlattr *attr;
	bool named = false;

	memset(port, 0, sizeof(*port));
	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(attr)) {
		case TICKPATH_A_PORT_IFINDEX:
			if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
				return -EBADMSG;
			port->ifindex = mnl_attr_get_u32(attr);
			break;
		case TICKPATH_A_PORT_IFNAME:
			if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0 ||
			    mnl_attr_get_payload_len(attr) > sizeof(port->ifname))
				return -EBADMSG;
			strcpy(port->ifname, mnl_attr_get_str(attr));
			named = true;
			break;
		case TICKPATH_A_PORT_MODE:
			if (mnl_attr_validate(attr, MNL_TYPE_U8) < 0)
				return -EBADMSG;
			port->mode = mnl_attr_get_u8(attr);
			break;
		case TICKPATH_A_PORT_STATS:
			if (mnl_attr_validate(attr, MNL_TYPE_NESTED) < 0 ||
			    tp_ctl_parse_port_stats(attr, port) < 0)
				return -EBADMSG;
			break;
		}
	}
	return named && port->ifindex ? 0 : -EBADMSG;
}

struct tp_ctl_port_walk {
	int (*fn)(const struct tp_port_info *port, void *arg);
	void *arg;
	int ret;
};

/* Replies are all read even after a failure, so the socket holds nothing
 * stale for the next request; the first failure is what is returned.
 */
static int tp_ctl_on_port(const struct nlmsghdr *nlh, void *data)
{
	struct tp_ctl_port_walk *walk = data;
	struct tp_port_info port;

	if (walk->ret)
		return MNL_CB_OK;
	walk->ret = tp_ctl_parse_port(nlh, &port);
	if (!walk->ret)
		walk->ret = walk->fn(&port, walk->arg);
	return MNL_CB_OK;
}

static int tp_ctl_walk_ports(struct tp_ctl *ctl, struct nlmsghdr *nlh,
			     struct tp_ctl_port_walk *walk)
{
	int ret = tp_ctl_transact(ctl, nlh, tp_ctl_on_port, walk);

	if (ret)
		return ret;
	if (walk->ret == -EBADMSG)
		return tp_ctl_fail(ctl, walk->ret, "malformed port in the kernel's reply");
	return walk->ret;
}

static int tp_ctl_copy_port(const struct tp_port_info *port, void *arg)
{
	memcpy(arg, port, sizeof(*port));
	return 0;
}

int tp_ctl_port_get(struct tp_ctl *ctl, const char *ifname,
		    struct tp_port_info *port)
{
	struct tp_ctl_port_walk walk = { .fn = tp_ctl_copy_port, .arg = port };
	int ret;

	memset(port, 0, sizeof(*port));
	ret = tp_ctl_walk_ports(ctl, tp_ctl_port_request(ctl, TICKPATH_CMD_PORT_GET,
							 NLM_F_ACK, ifname),
				&walk);
	if (!ret && !port->ifindex)
		return tp_ctl_fail(ctl, -EPROTO, "the kernel sent no port");
	return ret;
}

int tp_ctl_port_dump(struct tp_ctl *ctl,
		     int (*fn)(const struct tp_port_info *port, void *arg),
		     void *arg)
{
	struct tp_ctl_port_walk walk = { .fn = fn, .arg = arg };

	return tp_ctl_walk_ports(ctl, tp_ctl_port_request(ctl, TICKPATH_CMD_PORT_GET,
							  NLM_F_DUMP, NULL),
				 &walk);
}

static const char *const tp_port_modes[] = {
	[TICKPATH_PORT_MODE_STEAL] = "steal",
	[TICKPATH_PORT_MODE_MIRROR] = "mirror",
};

const char *tp_port_mode_name(enum tickpath_port_mode mode)
{
	return (unsigned int)mode <= TICKPATH_PORT_MODE_MAX ? tp_port_modes[mode] : "unknown";
}

int tp_port_mode_parse(const char *name, enum tickpath_port_mode *mode)
{
	for (unsigned int m = 0; m <= TICKPATH_PORT_MODE_MAX; m++) {
		if (!strcmp(name, tp_port_modes[m])) {
			*mode = m;
			return 0;
		}
	}
	return -EINVAL;
}
