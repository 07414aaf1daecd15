// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: ports on a real, registered Ethernet device, with frames pushed
 * through the kernel's receive path (netif_receive_skb).
 */

#include <kunit/test.h>
#include <linux/etherdevice.h>

static const struct net_device_ops tp_test_netdev_ops = {};

static int tp_port_test_init(struct kunit *test)
{
	struct net_device *dev = alloc_etherdev(0);
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, dev);
	dev->netdev_ops = &tp_test_netdev_ops;
	ret = register_netdev(dev);
	if (ret) {
		free_netdev(dev);
		KUNIT_FAIL(test, "register_netdev: %d", ret);
		return ret;
	}
	test->priv = dev;
	return 0;
}

static void tp_port_test_exit(struct kunit *test)
{
	struct net_device *dev = test->priv;

	if (!dev)
		return;
	/* A port a test left attached is detached by the notifier here. */
	unregister_netdev(dev);
	free_netdev(dev);
}

static int tp_port_test_attach(struct net_device *dev,
			       enum tickpath_port_mode mode,
			       struct netlink_ext_ack *extack)
{
	int ret;

	rtnl_lock();
	ret = tp_port_attach(dev, mode, extack);
	rtnl_unlock();
	return ret;
}

static struct tp_port *tp_port_test_port(struct net_device *dev)
{
	struct tp_port *port;

	rtnl_lock();
	port = tp_port_from_dev(dev);
	rtnl_unlock();
	return port;
}

/* Receives one broadcast frame of @len bytes (Ethernet header included). */
static void tp_port_test_receive(struct kunit *test, struct net_device *dev,
				 unsigned int len)
{
	struct sk_buff *skb = alloc_skb(len, GFP_KERNEL);
	struct ethhdr *eth;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	eth = skb_put_zero(skb, len);
	eth_broadcast_addr(eth->h_dest);
	ether_addr_copy(eth->h_source, dev->dev_addr);
	eth->h_proto = htons(ETH_P_802_EX1);
	skb->protocol = eth_type_trans(skb, dev);

	local_bh_disable();
	netif_receive_skb(skb);
	local_bh_enable();
}

static void tp_port_test_counts_frames(struct kunit *test)
{
	static const unsigned int lengths[] = { ETH_ZLEN, 100, ETH_FRAME_LEN };
	struct net_device *dev = test->priv;
	u64 counters[TP_PORT_COUNTERS];
	unsigned int i, bytes = 0;
	struct tp_port *port;

	KUNIT_ASSERT_EQ(test, tp_port_test_attach(dev, TICKPATH_PORT_MODE_STEAL, NULL), 0);
	port = tp_port_test_port(dev);
	KUNIT_ASSERT_NOT_NULL(test, port);
	KUNIT_EXPECT_EQ(test, port->mode, TICKPATH_PORT_MODE_STEAL);

	tp_port_read_stats(port, counters);
	KUNIT_EXPECT_EQ(test, counters[TICKPATH_PORT_STATS_A_PACKETS], 0);
	for (i = 0; i < ARRAY_SIZE(lengths); i++) {
		tp_port_test_receive(test, dev, lengths[i]);
		bytes += lengths[i];
	}
	tp_port_read_stats(port, counters);
	KUNIT_EXPECT_EQ(test, counters[TICKPATH_PORT_STATS_A_PACKETS], ARRAY_SIZE(lengths));
	KUNIT_EXPECT_EQ(test, counters[TICKPATH_PORT_STATS_A_BYTES], bytes);
}

static void tp_port_test_second_attach_busy(struct kunit *test)
{
	struct netlink_ext_ack extack = {};
	struct net_device *dev = test->priv;

	KUNIT_ASSERT_EQ(test, tp_port_test_attach(dev, TICKPATH_PORT_MODE_MIRROR, NULL), 0);
	KUNIT_EXPECT_EQ(test, tp_port_test_attach(dev, TICKPATH_PORT_MODE_STEAL, &extack), -EBUSY);
	KUNIT_ASSERT_NOT_NULL(test, extack._msg);
	KUNIT_EXPECT_NOT_NULL(test, strstr(extack._msg, "already a tickpath port"));
	/* The first port is untouched. */
	KUNIT_EXPECT_EQ(test, tp_port_test_port(dev)->mode, TICKPATH_PORT_MODE_MIRROR);
}

static rx_handler_result_t tp_port_test_other_handler(struct sk_buff **pskb)
{
	return RX_HANDLER_PASS;
}

static void tp_port_test_other_holder(struct kunit *test)
{
	struct netlink_ext_ack extack = {};
	struct net_device *dev = test->priv;

	rtnl_lock();
	KUNIT_ASSERT_EQ(test, netdev_rx_handler_register(dev, tp_port_test_other_handler, NULL), 0);
	KUNIT_EXPECT_EQ(test, tp_port_attach(dev, TICKPATH_PORT_MODE_STEAL, &extack), -EBUSY);
	KUNIT_EXPECT_NULL(test, tp_port_from_dev(dev));
	netdev_rx_handler_unregister(dev);
	rtnl_unlock();
	KUNIT_ASSERT_NOT_NULL(test, extack._msg);
	KUNIT_EXPECT_NOT_NULL(test, strstr(extack._msg, "another driver's rx_handler"));
}

static void tp_port_test_detach_frees_device(struct kunit *test)
{
	struct net_device *dev = test->priv;

	KUNIT_ASSERT_EQ(test, tp_port_test_attach(dev, TICKPATH_PORT_MODE_STEAL, NULL), 0);
	rtnl_lock();
	tp_port_detach(tp_port_from_dev(dev));
	KUNIT_EXPECT_NULL(test, rtnl_dereference(dev->rx_handler));
	rtnl_unlock();
	tp_port_test_receive(test, dev, ETH_ZLEN);
	/* Free for the next holder, tickpath or not. */
	KUNIT_EXPECT_EQ(test, tp_port_test_attach(dev, TICKPATH_PORT_MODE_STEAL, NULL), 0);
}

static void tp_port_test_unregister_detaches(struct kunit *test)
{
	struct net_device *dev = test->priv;

	KUNIT_ASSERT_EQ(test, tp_port_test_attach(dev, TICKPATH_PORT_MODE_STEAL, NULL), 0);
	/* Would wait forever for the port's device reference if the notifier
	 * did not detach.
	 */
	unregister_netdev(dev);
	KUNIT_EXPECT_NULL(test, rcu_access_pointer(dev->rx_handler));
	KUNIT_EXPECT_NULL(test, rcu_access_pointer(dev->rx_handler_data));
	free_netdev(dev);
	test->priv = NULL;
}

static void tp_port_test_setup_raw(struct net_device *dev)
{
	dev->type = ARPHRD_NONE;
}

static void tp_port_test_not_ethernet(struct kunit *test)
{
	struct net_device *raw = alloc_netdev(0, "tpraw%d", NET_NAME_UNKNOWN,
					      tp_port_test_setup_raw);
	struct netlink_ext_ack extack = {};

	KUNIT_ASSERT_NOT_NULL(test, raw);
	KUNIT_EXPECT_EQ(test, tp_port_test_attach(raw, TICKPATH_PORT_MODE_STEAL, &extack),
			-EOPNOTSUPP);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
	free_netdev(raw);
}

static struct kunit_case tp_port_test_cases[] = {
	KUNIT_CASE(tp_port_test_counts_frames),
	KUNIT_CASE(tp_port_test_second_attach_busy),
	KUNIT_CASE(tp_port_test_other_holder),
	KUNIT_CASE(tp_port_test_detach_frees_device),
	KUNIT_CASE(tp_port_test_unregister_detaches),
	KUNIT_CASE(tp_port_test_not_ethernet),
	{}
};

static struct kunit_suite tp_port_test_suite = {
	.suite_init = tp_kunit_setup,
	.suite_exit = tp_kunit_teardown,
	.name = "tickpath_port",
	.init = tp_port_test_init,
	.exit = tp_port_test_exit,
	.test_cases = tp_port_test_cases,
};

kunit_test_suite(tp_port_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit suites for tickpath");
