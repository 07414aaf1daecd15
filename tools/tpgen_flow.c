// SPDX-License-Identifier: GPL-2.0
/*
 * Order flow: adds, deletes, replaces, cancels and executions against the
 * symbol's book, plus the rarer messages of a trading session.  Every
 * message that names an order names a resting one, and takes no more shares
 * than it has, so the day replays through any order book without a fault.
 */
#include <string.h>

#include "tpgen_market.h"

enum tp_event {
	TP_EV_ADD,
	TP_EV_ADD_MPID,
	TP_EV_DELETE,
	TP_EV_REPLACE,
	TP_EV_CANCEL,
	TP_EV_EXEC,
	TP_EV_EXEC_PRICE,
	TP_EV_TRADE,
	TP_EV_BROKEN,
	TP_EV_RPII,
	TP_EV_REG_SHO,
	TP_EV_POSITION,
};

/* Per mille, roughly the proportions of a Nasdaq day. */
static const struct {
	uint16_t weight;
	uint8_t event;
} tp_mix[] = {
	{ 400, TP_EV_ADD },
	{ 40, TP_EV_ADD_MPID },
	{ 336, TP_EV_DELETE },
	{ 70, TP_EV_REPLACE },
	{ 30, TP_EV_CANCEL },
	{ 80, TP_EV_EXEC },
	{ 8, TP_EV_EXEC_PRICE },
	{ 25, TP_EV_TRADE },
	{ 3, TP_EV_BROKEN },
	{ 6, TP_EV_RPII },
	{ 1, TP_EV_REG_SHO },
	{ 1, TP_EV_POSITION },
};

static enum tp_event tp_draw_event(struct tp_rand *r)
{
	unsigned int x = tp_rand_below(r, 1000), i;

	for (i = 0; i < sizeof(tp_mix) / sizeof(tp_mix[0]) - 1; i++) {
		if (x < tp_mix[i].weight)
			break;
		x -= tp_mix[i].weight;
	}
	return tp_mix[i].event;
}

/* Keeps the book near its target depth and out of impossible moves. */
static enum tp_event tp_steer(struct tp_market *m, const struct tp_symbol *s,
			      enum tp_event ev)
{
	if (ev == TP_EV_BROKEN && !m->nrecent)
		ev = TP_EV_TRADE;
	if (s->halted && (ev == TP_EV_EXEC || ev == TP_EV_EXEC_PRICE ||
			  ev == TP_EV_TRADE))
		ev = TP_EV_DELETE;
	if ((ev == TP_EV_ADD || ev == TP_EV_ADD_MPID) &&
	    s->norders > TP_BOOK_TARGET &&
	    tp_rand_below(&m->rand, TP_BOOK_DEPTH - TP_BOOK_TARGET) <
	    s->norders - TP_BOOK_TARGET)
		ev = TP_EV_DELETE;
	if (!s->norders && ev <= TP_EV_EXEC_PRICE)
		ev = TP_EV_ADD;
	return ev;
}

static void tp_flow_add(struct tp_market *m, struct tp_symbol *s,
			struct tickpath_rec *rec, bool mpid)
{
	struct tp_order *o = tp_book_add(s);
	struct tickpath_add_order *a = &rec->add_order;

	o->ref = m->next_ref++;
	o->sell = tp_rand_below(&m->rand, 2);
	o->shares = tp_market_lot(m);
	o->price = tp_market_quote(m, s, o->sell);
	rec->type = mpid ? 'F' : 'A';
	rec->flags = o->sell ? TICKPATH_REC_F_SELL : 0;
	a->order_ref = o->ref;
	a->shares = o->shares;
	a->price = o->price;
	if (mpid)
		memcpy(a->mpid, tp_mpids[tp_rand_below(&m->rand, TP_MPIDS)], 4);
}

static void tp_flow_delete(struct tp_market *m, struct tp_symbol *s,
			   struct tickpath_rec *rec)
{
	struct tp_order *o = tp_book_any(s, &m->rand);

	rec->type = 'D';
	rec->order_delete.order_ref = o->ref;
	tp_book_remove(s, o);
}

/* The new order keeps the side, takes a new reference, size and price. */
static void tp_flow_replace(struct tp_market *m, struct tp_symbol *s,
			    struct tickpath_rec *rec)
{
	struct tp_order *o = tp_book_any(s, &m->rand);
	struct tickpath_order_replace *u = &rec->order_replace;

	rec->type = 'U';
	u->orig_order_ref = o->ref;
	o->ref = m->next_ref++;
	o->shares = tp_market_lot(m);
	o->price = tp_market_quote(m, s, o->sell);
	u->new_order_ref = o->ref;
	u->shares = o->shares;
	u->price = o->price;
}

static void tp_flow_cancel(struct tp_market *m, struct tp_symbol *s,
			   struct tickpath_rec *rec)
{
	struct tp_order *o = tp_book_any(s, &m->rand);

	if (o->shares < 2) {
		rec->type = 'D';
		rec->order_delete.order_ref = o->ref;
		tp_book_remove(s, o);
		return;
	}
	rec->type = 'X';
	rec->order_cancel.order_ref = o->ref;
	rec->order_cancel.shares = 1 + tp_rand_below(&m->rand, o->shares - 1);
	o->shares -= rec->order_cancel.shares;
}

/*
 * Fills an order, fully more often than not; a full fill removes it (ITCH
 * sends no delete after it).  'C' prints at a price of its own.
 */
static void tp_flow_exec(struct tp_market *m, struct tp_symbol *s,
			 struct tickpath_rec *rec, bool with_price)
{
	struct tp_order *o = tp_book_near_mid(s, &m->rand);
	struct tickpath_order_executed *e = &rec->order_executed;

	rec->type = with_price ? 'C' : 'E';
	e->order_ref = o->ref;
	e->match_number = tp_market_match(m);
	e->shares = o->shares;
	if (o->shares > 1 && tp_rand_chance(&m->rand, 0.4))
		e->shares = 1 + tp_rand_below(&m->rand, o->shares - 1);
	if (with_price) {
		e->price = o->price + s->tick * tp_rand_below(&m->rand, 3) -
			   s->tick;
		if (tp_rand_chance(&m->rand, 0.8))
			rec->flags |= TICKPATH_REC_F_PRINTABLE;
	}
	s->mid = o->price;
	o->shares -= e->shares;
	if (!o->shares)
		tp_book_remove(s, o);
}

/* A non-displayed execution: no order of the book, reference 0. */
static void tp_flow_trade(struct tp_market *m, struct tp_symbol *s,
			  struct tickpath_rec *rec)
{
	struct tickpath_trade *p = &rec->trade;

	rec->type = 'P';
	if (tp_rand_below(&m->rand, 2))
		rec->flags = TICKPATH_REC_F_SELL;
	p->shares = tp_market_lot(m);
	p->price = s->mid;
	p->match_number = tp_market_match(m);
}

/* Breaks one recent execution, once. */
static void tp_flow_broken(struct tp_market *m, struct tickpath_rec *rec)
{
	unsigned int i = tp_rand_below(&m->rand, m->nrecent);

	rec->type = 'B';
	rec->broken_trade.match_number = m->recent[i];
	m->recent[i] = m->recent[--m->nrecent];
}

static void tp_flow_rpii(struct tp_market *m, struct tp_symbol *s,
			 struct tickpath_rec *rec)
{
	static const char flags[] = "BSAN";

	rec->type = 'N';
	memcpy(rec->rpii.stock, s->stock, 8);
	rec->rpii.interest_flag = flags[tp_rand_below(&m->rand, 4)];
}

/* An intraday short-sale restriction, or its lifting. */
static void tp_flow_reg_sho(struct tp_market *m, struct tp_symbol *s,
			    struct tickpath_rec *rec)
{
	rec->type = 'Y';
	memcpy(rec->reg_sho.stock, s->stock, 8);
	rec->reg_sho.action = tp_rand_below(&m->rand, 2) ? '1' : '0';
}

static void tp_flow_position(struct tp_market *m, struct tp_symbol *s,
			     struct tickpath_rec *rec)
{
	static const char states[] = "AEW";
	struct tickpath_participant_position *l = &rec->participant_position;

	rec->type = 'L';
	memcpy(l->stock, s->stock, 8);
	memcpy(l->mpid, tp_mpids[tp_rand_below(&m->rand, TP_MPIDS)], 4);
	l->primary_market_maker = 'N';
	l->market_maker_mode = 'N';
	l->market_participant_state = states[tp_rand_below(&m->rand, 3)];
}

/* The mid wanders a tick at a time; executions also pull it to their price. */
static void tp_walk_mid(struct tp_market *m, struct tp_symbol *s)
{
	if (!tp_rand_chance(&m->rand, 0.02))
		return;
	if (tp_rand_below(&m->rand, 2))
		s->mid += s->tick;
	else if (s->mid > 10 * s->tick)
		s->mid -= s->tick;
}

void tp_flow_next(struct tp_market *m, struct tickpath_rec *rec)
{
	uint16_t locate = tp_market_pick_symbol(m);
	struct tp_symbol *s = &m->sym[locate];
	enum tp_event ev;

	rec->locate = locate;
	tp_walk_mid(m, s);
	ev = tp_steer(m, s, tp_draw_event(&m->rand));
	switch (ev) {
	case TP_EV_ADD:
	case TP_EV_ADD_MPID:
		tp_flow_add(m, s, rec, ev == TP_EV_ADD_MPID);
		break;
	case TP_EV_DELETE:
		tp_flow_delete(m, s, rec);
		break;
	case TP_EV_REPLACE:
		tp_flow_replace(m, s, rec);
		break;
	case TP_EV_CANCEL:
		tp_flow_cancel(m, s, rec);
		break;
	case TP_EV_EXEC:
	case TP_EV_EXEC_PRICE:
		tp_flow_exec(m, s, rec, ev == TP_EV_EXEC_PRICE);
		break;
	case TP_EV_TRADE:
		tp_flow_trade(m, s, rec);
		break;
	case TP_EV_BROKEN:
		tp_flow_broken(m, rec);
		break;
	case TP_EV_RPII:
		tp_flow_rpii(m, s, rec);
		break;
	case TP_EV_REG_SHO:
		tp_flow_reg_sho(m, s, rec);
		break;
	case TP_EV_POSITION:
		tp_flow_position(m, s, rec);
		break;
	}
}

/*
 * The rarest messages, once each, so that even the shortest day has every
 * type: an execution with price (after an add, or a delete if the book is
 * full, so that an order rests), the break of a trade, and an RPII.
 */
void tp_flow_rare(struct tp_market *m, uint16_t locate, unsigned int i,
		  struct tickpath_rec *rec)
{
	struct tp_symbol *s = &m->sym[locate];

	rec->locate = locate;
	if (i == 0 && s->norders == TP_BOOK_DEPTH)
		tp_flow_delete(m, s, rec);
	else if (i == 0)
		tp_flow_add(m, s, rec, false);
	else if (i == 1)
		tp_flow_exec(m, s, rec, true);
	else if (i == 2)
		tp_flow_broken(m, rec);
	else
		tp_flow_rpii(m, s, rec);
}
