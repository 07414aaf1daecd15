// SPDX-License-Identifier: GPL-2.0
/*
 * Ports: the rx_handler on a network device, its counters, and its lifetime
 * (attach, detach, device unregistration, module unload).
 */

#include "feed.h"
#include "port.h"
#include "stats.h"

#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>

static rx_handler_result_t tp_port_handle_frame(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct tp_port *port = rcu_dereference(skb->dev->rx_handler_data);
	struct tp_stats *stats = this_cpu_ptr(port->stats);

	u64_stats_update_begin(&stats->syncp);
	u64_stats_inc(&stats->c[TICKPATH_PORT_STATS_A_PACKETS]);
	/* skb->data is at the network header here; count from the MAC header,
	 * as the device's own rx_bytes does.
	 */
	u64_stats_add(&stats->c[TICKPATH_PORT_STATS_A_BYTES], skb->len + skb->mac_len);
	u64_stats_update_end(&stats->syncp);

	return tp_feed_rx(port, pskb);
}

struct tp_port *tp_port_from_dev(const struct net_device *dev)
{
	ASSERT_RTNL();
	if (rtnl_dereference(dev->rx_handler) != tp_port_handle_frame)
		return NULL;
	return rtnl_dereference(dev->rx_handler_data);
}

/* Only one rx_handler fits on a device: name the one in the way. */
static void tp_port_report_holder(const struct net_device *dev,
				  struct netlink_ext_ack *extack)
{
	if (tp_port_from_dev(dev))
		NL_SET_ERR_MSG_MOD(extack, "device is already a tickpath port");
	else if (netif_is_bridge_port(dev))
		NL_SET_ERR_MSG_MOD(extack,
				   "device is a bridge port (the bridge holds its rx_handler)");
	else if (netif_is_bond_slave(dev))
		NL_SET_ERR_MSG_MOD(extack, "device is a bond slave");
	else if (netif_is_team_port(dev))
		NL_SET_ERR_MSG_MOD(extack, "device is a team port");
	else if (netif_is_macvlan_port(dev))
		NL_SET_ERR_MSG_MOD(extack, "device is a macvlan lower device");
	else if (netif_is_ovs_port(dev))
		NL_SET_ERR_MSG_MOD(extack, "device is an Open vSwitch port");
	else
		NL_SET_ERR_MSG_MOD(extack,
				   "device has another driver's rx_handler (ipvlan, hsr, ...)");
}

int tp_port_attach(struct net_device *dev, enum tickpath_port_mode mode,
		   struct netlink_ext_ack *extack)
{
	struct tp_port *port;
	int ret;

	ASSERT_RTNL();
	if (dev->type != ARPHRD_ETHER) {
		NL_SET_ERR_MSG_MOD(extack, "device is not an Ethernet device");
		return -EOPNOTSUPP;
	}
	if (rtnl_dereference(dev->rx_handler)) {
		tp_port_report_holder(dev, extack);
		return -EBUSY;
	}

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return -ENOMEM;
	port->stats = tp_stats_alloc(TP_PORT_COUNTERS);
	if (!port->stats) {
		ret = -ENOMEM;
		goto err_stats;
	}
	port->dev = dev;
	port->mode = mode;
	INIT_LIST_HEAD(&port->feeds);
	netdev_hold(dev, &port->dev_tracker, GFP_KERNEL);

	ret = netdev_rx_handler_register(dev, tp_port_handle_frame, port);
	if (ret) {
		NL_SET_ERR_MSG_MOD(extack, "could not register the rx_handler");
		goto err_register;
	}
	return 0;

err_register:
	netdev_put(dev, &port->dev_tracker);
	free_percpu(port->stats);
err_stats:
	kfree(port);
	return ret;
}

void tp_port_detach(struct tp_port *port)
{
	ASSERT_RTNL();
	tp_feed_del_port(port);
	/* Waits for every running handler (synchronize_net), so nothing can
	 * touch the port once this returns.
	 */
	netdev_rx_handler_unregister(port->dev);
	netdev_put(port->dev, &port->dev_tracker);
	free_percpu(port->stats);
	kfree(port);
}

void tp_port_read_stats(const struct tp_port *port, u64 *counters)
{
	tp_stats_read(port->stats, TP_PORT_COUNTERS, counters);
}

static int tp_port_netdev_event(struct notifier_block *nb,
				unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct tp_port *port;

	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;
	port = tp_port_from_dev(dev);
	if (!port)
		return NOTIFY_DONE;
	/* A move to another namespace also sends NETDEV_UNREGISTER, with the
	 * device still NETREG_REGISTERED: the port moves along with it, its
	 * feeds stay behind with the namespace they were configured in.
	 */
	if (dev->reg_state == NETREG_UNREGISTERING)
		tp_port_detach(port);
	else
		tp_feed_del_port(port);
	return NOTIFY_DONE;
}

static struct notifier_block tp_port_notifier = {
	.notifier_call = tp_port_netdev_event,
};

/* Runs for every namespace when the module goes away. */
static void __net_exit tp_port_net_exit(struct net *net)
{
	struct net_device *dev;
	struct tp_port *port;

	rtnl_lock();
	for_each_netdev(net, dev) {
		port = tp_port_from_dev(dev);
		if (port)
			tp_port_detach(port);
	}
	rtnl_unlock();
}

static struct pernet_operations tp_port_net_ops = {
	.exit = tp_port_net_exit,
};

int tp_port_init(void)
{
	int ret;

	ret = register_netdevice_notifier(&tp_port_notifier);
	if (ret)
		return ret;
	ret = register_pernet_subsys(&tp_port_net_ops);
	if (ret)
		unregister_netdevice_notifier(&tp_port_notifier);
	return ret;
}

void tp_port_uninit(void)
{
	/* Detach every port first, so no device can unregister with a port
	 * still attached once the notifier is gone.
	 */
	unregister_pernet_subsys(&tp_port_net_ops);
	unregister_netdevice_notifier(&tp_port_notifier);
}
