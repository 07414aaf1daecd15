// SPDX-License-Identifier: GPL-2.0
/*
 * tickpath_kunit.ko: the whole of tickpath.ko and the suites, built as one
 * unit so the suites reach the module's functions, static ones too, without
 * exporting anything.  Keep the kmod list the same as tickpath-y in
 * kmod/Kbuild.  KUnit runs the suites while the module is still coming, before
 * its init: a suite that needs namespaces or ports registers them itself with
 * tp_kunit_setup().
 */

#include <kunit/test.h>

#include "../../kmod/main.c"
#include "../../kmod/stats.c"
#include "../../kmod/netns.c"
#include "../../kmod/port.c"
#include "../../kmod/feed.c"
#include "../../kmod/rx.c"
#include "../../kmod/rxbuf.c"
#include "../../kmod/channel.c"
#include "../../kmod/fanout.c"
#include "../../kmod/filter.c"
#include "../../kmod/sub.c"
#include "../../kmod/ring.c"
#include "../../kmod/itch.c"
#include "../../kmod/chardev.c"
#include "../../kmod/netlink.c"
#include "../../kmod/netlink_feed.c"
#include "../../kmod/netlink_sub.c"

static int tp_kunit_setup(struct kunit_suite *suite)
{
	int ret = tp_netns_init();

	if (ret)
		return ret;
	ret = tp_port_init();
	if (ret)
		tp_netns_uninit();
	return ret;
}

static void tp_kunit_teardown(struct kunit_suite *suite)
{
	tp_port_uninit();
	tp_netns_uninit();
}

#include "port_test.c"
#include "channel_test.c"
#include "fanout_test.c"
#include "itch_test.c"
#include "ring_test.c"
