// SPDX-License-Identifier: GPL-2.0
/*
 * libtickpath's parsing of what the kernel sends: acks with and without an
 * extack message, capped or not, truncated, and port replies well and badly
 * formed.  Includes lib/ctl.c to reach its static functions.
 */
#include "../../lib/ctl.c"
#include "check.h"

static char msgbuf[4096];
static struct tp_ctl ctl;
static const struct tp_ctl_txn txn = { .ctl = &ctl };

/* An NLMSG_ERROR carrying @error for a 20-byte request; @capped leaves the
 * request out, as NETLINK_CAP_ACK asks; @text, if any, goes in as
 * NLMSGERR_ATTR_MSG.
 */
static struct nlmsghdr *error_msg(int error, int capped, const char *text)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(msgbuf);
	struct nlmsgerr *err;

	nlh->nlmsg_type = NLMSG_ERROR;
	err = mnl_nlmsg_put_extra_header(nlh, sizeof(*err));
	err->error = error;
	err->msg.nlmsg_len = sizeof(struct nlmsghdr) + 4;
	if (capped)
		nlh->nlmsg_flags |= NLM_F_CAPPED;
	else
		mnl_nlmsg_put_extra_header(nlh, 4);
	if (text) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, text);
	}
	return nlh;
}

static void test_ack(void)
{
	CHECK(tp_ctl_on_error(error_msg(0, 1, NULL), (void *)&txn) == MNL_CB_STOP);
}

static void test_error_with_extack(void)
{
	for (int capped = 0; capped <= 1; capped++) {
		ctl.error[0] = '\0';
		errno = 0;
		CHECK(tp_ctl_on_error(error_msg(-EBUSY, capped, "tickpath: device is a bridge port"),
				      (void *)&txn) == MNL_CB_ERROR);
		CHECK(errno == EBUSY);
		CHECK(!strcmp(ctl.error, "tickpath: device is a bridge port"));
	}
}

static void test_error_without_extack(void)
{
	ctl.error[0] = '\0';
	CHECK(tp_ctl_on_error(error_msg(-EPERM, 1, NULL), (void *)&txn) == MNL_CB_ERROR);
	CHECK(errno == EPERM);
	CHECK(ctl.error[0] == '\0');
}

static void test_error_truncated(void)
{
	struct nlmsghdr *nlh = error_msg(-EBUSY, 1, NULL);

	nlh->nlmsg_len = sizeof(*nlh) + 2;
	CHECK(tp_ctl_on_error(nlh, (void *)&txn) == MNL_CB_ERROR);
	CHECK(errno == EBADMSG);
}

/* An uncapped ack whose echoed request claims to be longer than the ack:
 * the TLVs would start past the end and must not be read.
 */
static void test_error_echo_overruns(void)
{
	struct nlmsghdr *nlh = error_msg(-EINVAL, 0, "x");
	struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);

	err->msg.nlmsg_len = 4000;
	ctl.error[0] = '\0';
	CHECK(tp_ctl_on_error(nlh, (void *)&txn) == MNL_CB_ERROR);
	CHECK(errno == EINVAL);
	CHECK(ctl.error[0] == '\0');
}

static struct nlmsghdr *port_msg(void)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(msgbuf);
	struct genlmsghdr *genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));

	genl->cmd = TICKPATH_CMD_PORT_GET;
	return nlh;
}

static void test_port_parse(void)
{
	struct nlmsghdr *nlh = port_msg();
	struct tp_port_info port;
	struct nlattr *nest;

	mnl_attr_put_u32(nlh, TICKPATH_A_PORT_IFINDEX, 7);
	mnl_attr_put_strz(nlh, TICKPATH_A_PORT_IFNAME, "eth1");
	mnl_attr_put_u8(nlh, TICKPATH_A_PORT_MODE, TICKPATH_PORT_MODE_MIRROR);
	mnl_attr_put_u32(nlh, 200, 1);	/* from a newer kernel: skipped */
	nest = mnl_attr_nest_start(nlh, TICKPATH_A_PORT_STATS);
	mnl_attr_put_u64(nlh, TICKPATH_PORT_STATS_A_PACKETS, 1ULL << 40);
	mnl_attr_put_u64(nlh, TICKPATH_PORT_STATS_A_BYTES, 3);
	mnl_attr_nest_end(nlh, nest);

	CHECK(tp_ctl_parse_port(nlh, &port) == 0);
	CHECK(port.ifindex == 7);
	CHECK(!strcmp(port.ifname, "eth1"));
	CHECK(port.mode == TICKPATH_PORT_MODE_MIRROR);
	CHECK(port.packets == 1ULL << 40);
	CHECK(port.bytes == 3);
}

static void test_port_malformed(void)
{
	struct tp_port_info port;
	struct nlmsghdr *nlh;

	nlh = port_msg();	/* no name */
	mnl_attr_put_u32(nlh, TICKPATH_A_PORT_IFINDEX, 7);
	CHECK(tp_ctl_parse_port(nlh, &port) == -EBADMSG);

	nlh = port_msg();	/* ifindex of the wrong size */
	mnl_attr_put_u8(nlh, TICKPATH_A_PORT_IFINDEX, 7);
	mnl_attr_put_strz(nlh, TICKPATH_A_PORT_IFNAME, "eth1");
	CHECK(tp_ctl_parse_port(nlh, &port) == -EBADMSG);

	nlh = port_msg();	/* name without its NUL */
	mnl_attr_put_u32(nlh, TICKPATH_A_PORT_IFINDEX, 7);
	mnl_attr_put(nlh, TICKPATH_A_PORT_IFNAME, 4, "eth1");
	CHECK(tp_ctl_parse_port(nlh, &port) == -EBADMSG);

	nlh = port_msg();	/* name longer than any interface name */
	mnl_attr_put_u32(nlh, TICKPATH_A_PORT_IFINDEX, 7);
	mnl_attr_put_strz(nlh, TICKPATH_A_PORT_IFNAME, "a-name-longer-than-IFNAMSIZ");
	CHECK(tp_ctl_parse_port(nlh, &port) == -EBADMSG);
}

static void test_modes(void)
{
	enum tickpath_port_mode mode;

	CHECK(tp_port_mode_parse("mirror", &mode) == 0 && mode == TICKPATH_PORT_MODE_MIRROR);
	CHECK(tp_port_mode_parse("steal", &mode) == 0 && mode == TICKPATH_PORT_MODE_STEAL);
	CHECK(tp_port_mode_parse("stea", &mode) == -EINVAL);
	CHECK(!strcmp(tp_port_mode_name(TICKPATH_PORT_MODE_MIRROR), "mirror"));
	CHECK(!strcmp(tp_port_mode_name(42), "unknown"));
}

int main(void)
{
	test_ack();
	test_error_with_extack();
	test_error_without_extack();
	test_error_truncated();
	test_error_echo_overruns();
	test_port_parse();
	test_port_malformed();
	test_modes();
	return check_done();
}
