// SPDX-License-Identifier: GPL-2.0
/*
 * Per-namespace state.  Registered before the ports, so that at unload and
 * namespace exit the ports (and with them every feed, channel and
 * subscription) are gone before this state is.
 */

#include "netns.h"

#include <net/netns/generic.h>

static unsigned int tp_net_id __read_mostly;

struct tp_net *tp_net(const struct net *net)
{
	return net_generic(net, tp_net_id);
}

static int __net_init tp_net_init(struct net *net)
{
	struct tp_net *tn = tp_net(net);

	INIT_LIST_HEAD(&tn->feeds);
	INIT_LIST_HEAD(&tn->channels);
	INIT_LIST_HEAD(&tn->subs);
	ida_init(&tn->channel_ids);
	return 0;
}

static void __net_exit tp_net_exit(struct net *net)
{
	struct tp_net *tn = tp_net(net);

	WARN_ON(!list_empty(&tn->feeds));
	WARN_ON(!list_empty(&tn->channels));
	WARN_ON(!list_empty(&tn->subs));
	ida_destroy(&tn->channel_ids);
}

static struct pernet_operations tp_net_ops = {
	.init = tp_net_init,
	.exit = tp_net_exit,
	.id = &tp_net_id,
	.size = sizeof(struct tp_net),
};

int tp_netns_init(void)
{
	return register_pernet_subsys(&tp_net_ops);
}

void tp_netns_uninit(void)
{
	unregister_pernet_subsys(&tp_net_ops);
}
