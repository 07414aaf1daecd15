// SPDX-License-Identifier: GPL-2.0
/*
 * tickpath: market-data feeds decoded in the receive path of any NIC.
 */

#include "chardev.h"
#include "netlink.h"
#include "netns.h"
#include "port.h"
#include "rxbuf.h"

#include <linux/genetlink.h>
#include <linux/init.h>
#include <linux/module.h>

static int __init tp_mod_init(void)
{
	int ret;

	ret = tp_rxbuf_init();
	if (ret < 0)
		goto err_rxbuf;

	ret = tp_netns_init();
	if (ret < 0)
		goto err_netns;

	ret = tp_port_init();
	if (ret < 0)
		goto err_port;

	ret = tp_chardev_init();
	if (ret < 0)
		goto err_chardev;

	ret = tp_genl_init();
	if (ret < 0)
		goto err_genl;

	return 0;

err_genl:
	tp_chardev_uninit();
err_chardev:
	tp_port_uninit();
err_port:
	tp_netns_uninit();
err_netns:
	tp_rxbuf_uninit();
err_rxbuf:
	return ret;
}

static void __exit tp_mod_exit(void)
{
	tp_genl_uninit();
	tp_chardev_uninit();
	tp_port_uninit();
	tp_netns_uninit();
	tp_rxbuf_uninit();
}

module_init(tp_mod_init);
module_exit(tp_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("tickpath: market-data feeds decoded in the receive path");
MODULE_VERSION(TP_VERSION);
MODULE_ALIAS_GENL_FAMILY(TICKPATH_GENL_NAME);
