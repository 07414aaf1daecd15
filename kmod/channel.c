// SPDX-License-Identifier: GPL-2.0
/*
 * Channels: MoldUDP64 sequence state, ITCH decoding, and fan-out of records
 * to the rings of the channel's subscriptions, once per packet what can be.
 */

#include "channel.h"
#include "fanout.h"
#include "feed.h"
#include "netns.h"
#include "port.h"
#include "ring.h"
#include "stats.h"
#include "sub.h"

#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/netlink.h>

struct tp_channel *tp_channel_find(struct tp_net *tn, const char *name)
{
	struct tp_channel *ch;

	ASSERT_RTNL();
	list_for_each_entry(ch, &tn->channels, node)
		if (!strcmp(ch->name, name))
			return ch;
	return NULL;
}

static struct tp_channel *tp_channel_create(struct tp_net *tn, const char *name,
					    struct netlink_ext_ack *extack)
{
	struct tp_channel *ch;
	int id = -ENOMEM;	/* what a failure before the ida returns */

	ch = kzalloc(sizeof(*ch), GFP_KERNEL);
	if (!ch)
		return ERR_PTR(-ENOMEM);
	ch->directory = kvzalloc(sizeof(*ch->directory), GFP_KERNEL);
	if (!ch->directory)
		goto err_directory;
	ch->fanout = kvzalloc(sizeof(*ch->fanout), GFP_KERNEL);
	if (!ch->fanout)
		goto err_fanout;
	/* Records carry the id in a byte; 0 is never used. */
	id = ida_alloc_range(&tn->channel_ids, 1, U8_MAX, GFP_KERNEL);
	if (id < 0) {
		NL_SET_ERR_MSG_MOD(extack, "no channel id left in this namespace");
		goto err_id;
	}
	ch->id = id;
	ch->tn = tn;
	strscpy(ch->name, name, sizeof(ch->name));
	spin_lock_init(&ch->lock);
	INIT_LIST_HEAD(&ch->subs);
	list_add_tail(&ch->node, &tn->channels);
	return ch;

err_id:
	kvfree(ch->fanout);
err_fanout:
	kvfree(ch->directory);
err_directory:
	kfree(ch);
	return ERR_PTR(id);
}

static void tp_channel_destroy(struct tp_channel *ch)
{
	struct tp_sub *sub, *tmp;

	list_for_each_entry_safe(sub, tmp, &ch->subs, channel_node)
		tp_sub_del(sub);
	list_del(&ch->node);
	ida_free(&ch->tn->channel_ids, ch->id);
	kvfree(ch->fanout);
	kvfree(ch->directory);
	kfree(ch);
}

int tp_channel_add_line(struct tp_net *tn, const char *name, struct tp_feed *feed,
			struct netlink_ext_ack *extack)
{
	struct tp_channel *ch;

	ASSERT_RTNL();
	ch = tp_channel_find(tn, name);
	if (ch) {
		/* Until A/B arbitration, a channel has exactly one line. */
		NL_SET_ERR_MSG_MOD(extack, "the channel already has a line");
		return -EBUSY;
	}
	ch = tp_channel_create(tn, name, extack);
	if (IS_ERR(ch))
		return PTR_ERR(ch);
	ch->lines[0] = feed;
	feed->channel = ch;
	feed->line = 0;
	return 0;
}

void tp_channel_del_line(struct tp_feed *feed)
{
	struct tp_channel *ch = feed->channel;
	unsigned int i;

	ASSERT_RTNL();
	ch->lines[feed->line] = NULL;
	for (i = 0; i < TP_CHANNEL_LINES; i++)
		if (ch->lines[i])
			return;
	tp_channel_destroy(ch);
}

int tp_channel_numa_node(const struct tp_channel *ch)
{
	const struct tp_feed *feed = ch->lines[0];

	/* Where the receive path that writes the rings runs. */
	return feed && feed->port ? dev_to_node(&feed->port->dev->dev) :
				    NUMA_NO_NODE;
}

/*
 * Resolves @filter's symbols against the announcements @from .. @to - 1.
 * Announcements never change once counted, so the many before a filter is
 * installed are resolved outside the lock (at 10,000 symbols, ~0.5 ms that
 * would have held off the receive path), the few since under it.
 */
static void tp_channel_resolve(const struct tp_directory *dir,
			       struct tp_filter *filter, u32 from, u32 to)
{
	u32 i;

	for (i = from; i < to; i++)
		tp_filter_resolve(filter, dir->symbol[dir->announced[i]],
				  dir->announced[i]);
}

/* Resolves a filter no receive path sees yet; returns how far it got. */
static u32 tp_channel_resolve_unlocked(struct tp_channel *ch,
				       struct tp_filter *filter)
{
	/* Pairs with the release in tp_channel_announce(). */
	u32 count = smp_load_acquire(&ch->directory->count);

	tp_channel_resolve(ch->directory, filter, 0, count);
	return count;
}

/* Under the lock: the rest of the directory, then into the index. */
static void tp_channel_install(struct tp_channel *ch, struct tp_sub *sub,
			       struct tp_filter *filter, u32 resolved)
{
	lockdep_assert_held(&ch->lock);
	tp_channel_resolve(ch->directory, filter, resolved, ch->directory->count);
	tp_fanout_link(ch->fanout, filter, sub);
	sub->filter = filter;
}

void tp_channel_add_sub(struct tp_channel *ch, struct tp_sub *sub)
{
	u32 resolved;

	ASSERT_RTNL();
	resolved = tp_channel_resolve_unlocked(ch, sub->filter);
	spin_lock_bh(&ch->lock);
	tp_channel_install(ch, sub, sub->filter, resolved);
	sub->offered_base = ch->offered;
	list_add_tail(&sub->channel_node, &ch->subs);
	spin_unlock_bh(&ch->lock);
}

void tp_channel_del_sub(struct tp_channel *ch, struct tp_sub *sub)
{
	ASSERT_RTNL();
	spin_lock_bh(&ch->lock);
	tp_fanout_unlink(sub->filter);
	list_del(&sub->channel_node);
	spin_unlock_bh(&ch->lock);
}

struct tp_filter *tp_channel_swap_filter(struct tp_channel *ch, struct tp_sub *sub,
					 struct tp_filter *filter)
{
	struct tp_filter *old = sub->filter;
	u32 resolved;

	ASSERT_RTNL();
	resolved = tp_channel_resolve_unlocked(ch, filter);
	spin_lock_bh(&ch->lock);
	tp_fanout_unlink(old);
	tp_channel_install(ch, sub, filter, resolved);
	spin_unlock_bh(&ch->lock);
	return old;
}

void tp_channel_sub_stats(struct tp_channel *ch, const struct tp_sub *sub, u64 *c)
{
	/* The ring's own positions count what was written, the channel what
	 * was offered: the receive path keeps no counter per subscription.
	 */
	spin_lock_bh(&ch->lock);
	c[TICKPATH_SUB_STATS_A_RECORDS] = sub->ring->next_rec;
	c[TICKPATH_SUB_STATS_A_SLOTS] = sub->ring->next_slot;
	c[TICKPATH_SUB_STATS_A_FILTERED] = ch->offered - sub->offered_base -
					   sub->ring->next_rec;
	spin_unlock_bh(&ch->lock);
}

static void tp_channel_write(struct tp_channel_batch *batch, struct tp_sub *sub,
			     const struct tickpath_rec *rec)
{
	tp_ring_write(sub->ring, rec);
	if (sub->dirty)
		return;
	sub->dirty = true;
	sub->dirty_next = batch->dirty;
	batch->dirty = sub;
}

/*
 * Writes @rec to the subscriptions it passes, visiting no other: the index
 * names them by type and locate.  Control records (type_index 0) and
 * market-wide messages (locate 0: S, V, W) go to every subscription whose
 * types they pass.
 */
static void tp_channel_deliver(struct tp_channel *ch, struct tp_channel_batch *batch,
			       const struct tickpath_rec *rec, unsigned int type_index)
{
	struct tp_fanout_entry *e;
	struct tp_sub *sub;

	batch->offered++;
	if (!type_index || !rec->locate) {
		list_for_each_entry(sub, &ch->subs, channel_node)
			if (!type_index || sub->filter->types & BIT(type_index))
				tp_channel_write(batch, sub, rec);
		return;
	}
	hlist_for_each_entry(e, &ch->fanout->by_type[type_index], node)
		tp_channel_write(batch, e->sub, rec);
	hlist_for_each_entry(e, tp_fanout_by_locate(ch->fanout, rec->locate), node)
		if (e->locate == rec->locate && e->types & BIT(type_index))
			tp_channel_write(batch, e->sub, rec);
}

/* GAP gets @gap as its count, SESSION the channel's session name. */
static void tp_channel_control(struct tp_channel *ch, struct tp_channel_batch *batch,
			       struct tickpath_rec *rec, u8 type, u64 seq, u64 gap,
			       bool hw_ts)
{
	rec->type = type;
	rec->flags = hw_ts ? TICKPATH_REC_F_HW_TS : 0;
	rec->seq = seq;
	rec->exch_ts = 0;
	rec->locate = 0;
	rec->tracking = 0;
	memset(rec->body, 0, sizeof(rec->body));
	if (type == TICKPATH_REC_GAP)
		rec->gap.count = gap;
	else if (type == TICKPATH_REC_SESSION)
		memcpy(rec->session.name, ch->session, TP_MOLD_SESSION_LEN);
	tp_channel_deliver(ch, batch, rec, 0);
}

/*
 * Advances the sequence state over one packet's header, writing the control
 * records it implies.  Returns how many of its messages are not to be
 * delivered: seen before, or of the session left.
 */
static u32 tp_channel_sequence(struct tp_channel *ch,
			       struct tp_channel_batch *batch,
			       const struct tp_mold_packet *mold,
			       struct tickpath_rec *rec, bool hw_ts,
			       struct tp_stats *stats)
{
	bool data = mold->count != TP_MOLD_HEARTBEAT &&
		    mold->count != TP_MOLD_END_OF_SESSION;
	u32 count = data ? mold->count : 0;
	u64 missing, seen;

	/* Reordered from before the session change: too late for the rings,
	 * which have moved on, and no reason to move them back.  Only for a
	 * while: had the change come from one stray packet, the real session
	 * takes the channel back.
	 */
	if (ch->have_left && !memcmp(ch->left, mold->session, TP_MOLD_SESSION_LEN) &&
	    time_before(jiffies, ch->left_at + TP_CHANNEL_STALE_WINDOW)) {
		u64_stats_inc(&stats->c[TICKPATH_FEED_STATS_A_STALE]);
		return count;
	}
	if (!ch->have_session ||
	    memcmp(ch->session, mold->session, TP_MOLD_SESSION_LEN)) {
		/* A new session numbers from 1 again; the first one seen is
		 * joined wherever it is.
		 */
		if (ch->have_session) {
			memcpy(ch->left, ch->session, TP_MOLD_SESSION_LEN);
			ch->have_left = true;
			ch->left_at = jiffies;
		}
		ch->next_seq = ch->have_session ? 1 : mold->seq;
		ch->have_session = true;
		ch->ended = false;
		memcpy(ch->session, mold->session, TP_MOLD_SESSION_LEN);
		u64_stats_inc(&stats->c[TICKPATH_FEED_STATS_A_SESSIONS]);
		tp_channel_control(ch, batch, rec, TICKPATH_REC_SESSION, ch->next_seq, 0, hw_ts);
	}

	/* Heartbeats and end of session carry the next sequence number, so
	 * they reveal a gap as well as data does.
	 */
	missing = mold->seq - ch->next_seq;
	if ((s64)missing > 0) {
		u64_stats_inc(&stats->c[TICKPATH_FEED_STATS_A_GAPS]);
		u64_stats_add(&stats->c[TICKPATH_FEED_STATS_A_GAP_MESSAGES], missing);
		tp_channel_control(ch, batch, rec, TICKPATH_REC_GAP, ch->next_seq, missing,
				   hw_ts);
		ch->next_seq = mold->seq;
	}

	if (mold->count == TP_MOLD_HEARTBEAT) {
		u64_stats_inc(&stats->c[TICKPATH_FEED_STATS_A_HEARTBEATS]);
		return 0;
	}
	if (mold->count == TP_MOLD_END_OF_SESSION) {
		u64_stats_inc(&stats->c[TICKPATH_FEED_STATS_A_END_OF_SESSION]);
		if (!ch->ended)
			tp_channel_control(ch, batch, rec, TICKPATH_REC_END_OF_SESSION,
					   mold->seq, 0, hw_ts);
		ch->ended = true;
		return 0;
	}

	seen = min_t(u64, ch->next_seq - mold->seq, count);
	u64_stats_add(&stats->c[TICKPATH_FEED_STATS_A_DUPLICATES], seen);
	if (seen < count)
		ch->next_seq = mold->seq + count;
	return seen;
}

/* A Stock Directory message: the first announcement of a locate holds. */
static void tp_channel_announce(struct tp_channel *ch, const struct tickpath_rec *rec)
{
	struct tp_directory *dir = ch->directory;
	struct tp_fanout_entry *e;
	struct tp_sub *sub;
	u64 symbol;

	if (__test_and_set_bit(rec->locate, dir->seen))
		return;
	memcpy(&symbol, rec->stock_directory.stock, sizeof(symbol));
	dir->symbol[rec->locate] = symbol;
	dir->announced[dir->count] = rec->locate;
	/* Pairs with the acquire in tp_channel_resolve_unlocked(). */
	smp_store_release(&dir->count, dir->count + 1);
	list_for_each_entry(sub, &ch->subs, channel_node) {
		e = tp_filter_resolve(sub->filter, symbol, rec->locate);
		if (e)
			tp_fanout_link_entry(ch->fanout, e, sub);
	}
}

static void tp_channel_messages(struct tp_channel *ch, struct tp_channel_batch *batch,
				const struct tp_mold_packet *mold, u32 seen,
				struct tickpath_rec *rec, struct tp_stats *stats)
{
	const u8 *cursor = mold->blocks;
	enum tickpath_malformed reason;
	unsigned int index;
	const u8 *msg;
	u16 len;
	u32 i;

	for (i = 0; i < mold->count; i++) {
		msg = tp_mold_next_block(&cursor, &len);
		if (i < seen)
			continue;
		/* A bad message still used its sequence number. */
		reason = tp_itch_decode(msg, len, rec);
		if (reason) {
			u64_stats_inc(&stats->c[TP_FEED_MALFORMED + reason]);
			continue;
		}
		rec->seq = mold->seq + i;
		index = tp_itch_type_index(rec->type);
		batch->messages++;
		/* A local tally would cost the same add, and a loop per packet. */
		u64_stats_inc(&stats->c[TP_FEED_TYPES + index]);
		if (rec->type == 'R')
			tp_channel_announce(ch, rec);
		tp_channel_deliver(ch, batch, rec, index);
	}
}

/*
 * Makes the packet's records visible, ring by ring; the rings with sleepers
 * are woken after the lock is dropped (tp_channel_wake()), as many as the
 * batch holds, the rest here.
 */
static void tp_channel_publish(struct tp_channel_batch *batch)
{
	struct tp_sub *sub;

	for (sub = batch->dirty; sub; sub = sub->dirty_next) {
		sub->dirty = false;
		if (!tp_ring_publish(sub->ring))
			continue;
		if (batch->nwake < ARRAY_SIZE(batch->wake))
			batch->wake[batch->nwake++] = sub->ring;
		else
			tp_ring_wake(sub->ring);
	}
}

/*
 * The rings stay mapped: a subscription deleted meanwhile frees its ring
 * only after an RCU grace period (tp_sub_del()), and the receive path runs
 * in one.
 */
static void tp_channel_wake(const struct tp_channel_batch *batch)
{
	unsigned int i;

	for (i = 0; i < batch->nwake; i++)
		tp_ring_wake(batch->wake[i]);
}

void tp_channel_receive(struct tp_channel *ch, const struct tp_feed *feed,
			const struct tp_rx_packet *pkt, struct tp_stats *stats)
{
	struct tp_channel_batch batch;
	struct tp_mold_packet mold;
	enum tickpath_malformed reason;
	struct tickpath_rec rec;
	u32 seen;

	/* Framing is checked whole before the packet may move the sequence:
	 * a packet that lies about its blocks is dropped, and the next good
	 * one reports the gap.
	 */
	reason = tp_mold_parse(pkt->payload, pkt->len, &mold);
	if (reason) {
		u64_stats_inc(&stats->c[TP_FEED_MALFORMED + reason]);
		return;
	}

	rec.stamp = 0;
	rec.flags = pkt->hw_ts ? TICKPATH_REC_F_HW_TS : 0;	/* decoding keeps it */
	rec.rx_ts = pkt->rx_ts;
	rec.channel = ch->id;
	rec.line = feed->line;
	batch.dirty = NULL;
	batch.offered = 0;
	batch.messages = 0;
	batch.nwake = 0;

	spin_lock(&ch->lock);
	seen = tp_channel_sequence(ch, &batch, &mold, &rec, pkt->hw_ts, stats);
	if (mold.count != TP_MOLD_HEARTBEAT && mold.count != TP_MOLD_END_OF_SESSION)
		tp_channel_messages(ch, &batch, &mold, seen, &rec, stats);
	ch->offered += batch.offered;
	tp_channel_publish(&batch);
	spin_unlock(&ch->lock);

	u64_stats_add(&stats->c[TICKPATH_FEED_STATS_A_MESSAGES], batch.messages);
	tp_channel_wake(&batch);
}
