// SPDX-License-Identifier: GPL-2.0
/*
 * tickpath_kunit.ko: the whole of tickpath.ko (its init included) and the
 * suites, which KUnit runs once the module is live.  Built as one unit so the
 * suites reach the module's functions, static ones too, without exporting
 * anything.  Keep the kmod list the same as tickpath-y in kmod/Kbuild.
 */

#include "../../kmod/main.c"
#include "../../kmod/stats.c"
#include "../../kmod/netns.c"
#include "../../kmod/port.c"
#include "../../kmod/feed.c"
#include "../../kmod/rx.c"
#include "../../kmod/channel.c"
#include "../../kmod/filter.c"
#include "../../kmod/sub.c"
#include "../../kmod/ring.c"
#include "../../kmod/itch.c"
#include "../../kmod/chardev.c"
#include "../../kmod/netlink.c"
#include "../../kmod/netlink_feed.c"
#include "../../kmod/netlink_sub.c"

#include "port_test.c"
#include "channel_test.c"
#include "itch_test.c"
#include "ring_test.c"
