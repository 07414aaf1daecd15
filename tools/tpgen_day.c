// SPDX-License-Identifier: GPL-2.0
/*
 * The day's timetable: a list of steps, each a message kind emitted a fixed
 * number of times (once, once per symbol, or a share of the order flow)
 * and spread over the time until the next step starts.  Counting every step
 * up front is what lets a day hold exactly the number of messages asked.
 */
#include <stdlib.h>
#include <string.h>

#include "itch.h"
#include "tpgen_day.h"
#include "tpgen_market.h"

#define TP_SEC 1000000000ULL
#define TP_AT(h, m, s) ((((h) * 60ULL + (m)) * 60 + (s)) * TP_SEC)

struct tp_day;

/* Writes message d->i of step d->st into d->rec. */
typedef void tp_emit_fn(struct tp_day *d);

struct tp_step {
	tp_emit_fn *emit;
	uint64_t at;		/* ns since midnight */
	char arg;		/* event code, cross type, ... */
	uint8_t fixed;		/* messages, plus */
	uint8_t per_symbol;	/* this many per symbol, plus */
	uint16_t flow;		/* this share of the order flow, per mille */
	bool listed_only;	/* per symbol, but not the IPO (not trading yet) */
};

struct tp_day {
	struct tp_market m;
	uint64_t flow;		/* order-flow messages in the day */
	const struct tp_step *st;	/* the current step */
	uint64_t i;		/* its message being written */
	uint64_t count;		/* its messages */
	uint64_t ts;
	struct tickpath_rec *rec;
	/* The symbols the scripted events happen to. */
	uint16_t luld, halt, ipo;
};

static void tp_emit_system(struct tp_day *d)
{
	d->rec->type = 'S';
	d->rec->system_event.event_code = d->st->arg;
}

static void tp_emit_mwcb_decline(struct tp_day *d)
{
	struct tickpath_mwcb_decline *v = &d->rec->mwcb_decline;

	d->rec->type = 'V';
	v->level1 = 372012000000ULL;	/* 3720.12 */
	v->level2 = 346011000000ULL;
	v->level3 = 320010000000ULL;
}

static void tp_emit_mwcb_status(struct tp_day *d)
{
	d->rec->type = 'W';
	d->rec->mwcb_status.breached_level = '1';
}

/* Per-symbol steps walk the locates in order, once per round. */
static struct tp_symbol *tp_nth_symbol(struct tp_day *d)
{
	unsigned int n = d->m.nsymbols - d->st->listed_only;

	d->rec->locate = 1 + d->i % n;
	return &d->m.sym[d->rec->locate];
}

static void tp_emit_directory(struct tp_day *d)
{
	struct tp_symbol *s = tp_nth_symbol(d);
	struct tickpath_rec *rec = d->rec;
	struct tickpath_stock_directory *r = &rec->stock_directory;
	bool etp = rec->locate % 10 == 0;

	rec->type = 'R';
	memcpy(r->stock, s->stock, 8);
	r->market_category = "QGS"[rec->locate % 3];
	r->financial_status = 'N';
	r->round_lot_size = 100;
	r->round_lots_only = 'N';
	r->issue_classification = etp ? 'S' : 'C';
	memcpy(r->issue_subtype, etp ? "E " : "Z ", 2);
	r->authenticity = 'P';
	r->short_sale_threshold = 'N';
	r->ipo_flag = rec->locate == d->ipo ? 'Y' : 'N';
	r->luld_ref_price_tier = rec->locate <= d->m.nsymbols / 4 ? '1' : '2';
	r->etp_flag = etp ? 'Y' : 'N';
	r->etp_leverage_factor = etp;
	r->inverse_indicator = 'N';
}

static void tp_trading_action(struct tp_symbol *s, struct tickpath_rec *rec,
			      char state, const char *reason)
{
	rec->type = 'H';
	memcpy(rec->trading_action.stock, s->stock, 8);
	rec->trading_action.trading_state = state;
	rec->trading_action.reserved = ' ';
	memcpy(rec->trading_action.reason, reason, 4);
	s->halted = state != 'T';
}

/* Everything trades from the start but the IPO, halted until it opens. */
static void tp_emit_trading_state(struct tp_day *d)
{
	struct tp_symbol *s = tp_nth_symbol(d);

	if (d->rec->locate == d->ipo)
		tp_trading_action(s, d->rec, 'H', "IPO1");
	else
		tp_trading_action(s, d->rec, 'T', "    ");
}

static void tp_emit_reg_sho(struct tp_day *d)
{
	struct tp_symbol *s = tp_nth_symbol(d);

	d->rec->type = 'Y';
	memcpy(d->rec->reg_sho.stock, s->stock, 8);
	d->rec->reg_sho.action = '0';
}

static void tp_emit_position(struct tp_day *d)
{
	struct tp_symbol *s = tp_nth_symbol(d);
	struct tickpath_participant_position *l = &d->rec->participant_position;

	d->rec->type = 'L';
	memcpy(l->mpid, tp_mpids[d->rec->locate % TP_MPIDS], 4);
	memcpy(l->stock, s->stock, 8);
	l->primary_market_maker = 'Y';
	l->market_maker_mode = 'N';
	l->market_participant_state = 'A';
}

static void tp_emit_ipo_quoting(struct tp_day *d)
{
	struct tp_symbol *s = &d->m.sym[d->ipo];
	struct tickpath_ipo_quoting *k = &d->rec->ipo_quoting;

	d->rec->type = 'K';
	d->rec->locate = d->ipo;
	memcpy(k->stock, s->stock, 8);
	k->release_time = TP_AT(13, 0, 0) / TP_SEC;
	k->release_qualifier = 'A';
	k->ipo_price = s->mid;
}

/* Before a cross: paired and imbalance shares, prices around the mid. */
static void tp_emit_noii(struct tp_day *d)
{
	struct tp_symbol *s = tp_nth_symbol(d);
	struct tickpath_noii *n = &d->rec->noii;
	struct tp_rand *r = &d->m.rand;

	d->rec->type = 'I';
	n->paired_shares = 100ULL * (1 + tp_rand_below(r, 5000));
	n->imbalance_shares = 100ULL * tp_rand_below(r, 500);
	n->imbalance_direction = n->imbalance_shares ? "BS"[d->i % 2] : 'N';
	memcpy(n->stock, s->stock, 8);
	n->far_price = s->mid + s->tick * tp_rand_below(r, 5);
	n->near_price = s->mid + s->tick * tp_rand_below(r, 3);
	n->current_ref_price = s->mid;
	n->cross_type = d->st->arg;
	n->price_variation = "L123456789ABC "[tp_rand_below(r, 14)];
}

static void tp_cross(struct tp_day *d, char type)
{
	struct tickpath_rec *rec = d->rec;
	struct tp_symbol *s = &d->m.sym[rec->locate];

	rec->type = 'Q';
	rec->cross_trade.shares = 100ULL * (10 + tp_rand_below(&d->m.rand, 9990));
	rec->cross_trade.price = s->mid;
	rec->cross_trade.match_number = tp_market_match(&d->m);
	rec->cross_trade.cross_type = type;
}

static void tp_emit_cross(struct tp_day *d)
{
	tp_nth_symbol(d);
	tp_cross(d, d->st->arg);
}

/* A limit-up/limit-down pause: the halt, then the auction collar. */
static void tp_emit_luld_pause(struct tp_day *d)
{
	struct tp_symbol *s = &d->m.sym[d->luld];
	struct tickpath_luld_collar *j = &d->rec->luld_collar;

	d->rec->locate = d->luld;
	if (d->i == 0) {
		tp_trading_action(s, d->rec, 'P', "LUDP");
		return;
	}
	d->rec->type = 'J';
	memcpy(j->stock, s->stock, 8);
	j->ref_price = s->mid;
	j->upper_price = s->mid + s->mid / 20 / s->tick * s->tick;
	j->lower_price = s->mid - s->mid / 20 / s->tick * s->tick;
	j->extension = 0;
}

/* A halted symbol reopens with a halt cross, then trades. */
static void tp_reopen(struct tp_day *d, uint16_t locate)
{
	d->rec->locate = locate;
	if (d->i == 0)
		tp_cross(d, 'H');
	else
		tp_trading_action(&d->m.sym[locate], d->rec, 'T', "    ");
}

static void tp_emit_luld_resume(struct tp_day *d)
{
	tp_reopen(d, d->luld);
}

static void tp_emit_operational_halt(struct tp_day *d)
{
	struct tp_symbol *s = &d->m.sym[d->halt];
	struct tickpath_operational_halt *h = &d->rec->operational_halt;

	d->rec->type = 'h';
	d->rec->locate = d->halt;
	memcpy(h->stock, s->stock, 8);
	h->market_code = 'Q';
	h->action = d->st->arg;
	s->halted = h->action == 'H';
}

/* The IPO: released for quotation, then price discovery (DLCR). */
static void tp_emit_ipo_quotation(struct tp_day *d)
{
	struct tp_symbol *s = &d->m.sym[d->ipo];
	struct tickpath_dlcr *o = &d->rec->dlcr;

	d->rec->locate = d->ipo;
	if (d->i == 0) {
		tp_trading_action(s, d->rec, 'Q', "IPOQ");
		return;
	}
	d->rec->type = 'O';
	memcpy(o->stock, s->stock, 8);
	o->open_eligibility_status = d->i == 3 ? 'Y' : 'N';
	o->min_allowable_price = s->mid / 2 / s->tick * s->tick;
	o->max_allowable_price = s->mid * 2;
	o->near_execution_price = s->mid + s->tick * (3 - d->i);
	o->near_execution_time = d->ts;
	o->lower_price_range_collar = s->mid - s->mid / 10 / s->tick * s->tick;
	o->upper_price_range_collar = s->mid + s->mid / 10 / s->tick * s->tick;
}

static void tp_emit_ipo_open(struct tp_day *d)
{
	tp_reopen(d, d->ipo);
}

/* The busiest symbol, which no script halts. */
static void tp_emit_rare(struct tp_day *d)
{
	tp_flow_rare(&d->m, 1, d->i, d->rec);
}

static void tp_emit_flow(struct tp_day *d)
{
	tp_flow_next(&d->m, d->rec);
}

static const struct tp_step tp_timetable[] = {
	{ tp_emit_system, TP_AT(3, 0, 0), 'O', .fixed = 1 },
	{ tp_emit_mwcb_decline, TP_AT(3, 0, 1), .fixed = 1 },
	{ tp_emit_directory, TP_AT(3, 0, 2), .per_symbol = 1 },
	{ tp_emit_trading_state, TP_AT(3, 30, 0), .per_symbol = 1 },
	{ tp_emit_reg_sho, TP_AT(3, 40, 0), .per_symbol = 1 },
	{ tp_emit_position, TP_AT(3, 50, 0), .per_symbol = 1 },
	{ tp_emit_system, TP_AT(4, 0, 0), 'S', .fixed = 1 },
	{ tp_emit_ipo_quoting, TP_AT(4, 0, 1), .fixed = 1 },
	{ tp_emit_flow, TP_AT(4, 0, 2), .flow = 50 },
	{ tp_emit_noii, TP_AT(9, 25, 0), 'O', .per_symbol = 2,
	  .listed_only = true },
	{ tp_emit_system, TP_AT(9, 30, 0), 'Q', .fixed = 1 },
	{ tp_emit_cross, TP_AT(9, 30, 0) + 1000, 'O', .per_symbol = 1,
	  .listed_only = true },
	{ tp_emit_flow, TP_AT(9, 30, 1), .flow = 200 },
	{ tp_emit_luld_pause, TP_AT(10, 45, 0), .fixed = 2 },
	{ tp_emit_flow, TP_AT(10, 45, 1), .flow = 50 },
	{ tp_emit_luld_resume, TP_AT(10, 50, 0), .fixed = 2 },
	{ tp_emit_flow, TP_AT(10, 50, 1), .flow = 75 },
	{ tp_emit_rare, TP_AT(11, 30, 0), .fixed = TP_FLOW_RARE },
	{ tp_emit_flow, TP_AT(11, 30, 1), .flow = 75 },
	{ tp_emit_operational_halt, TP_AT(12, 0, 0), 'H', .fixed = 1 },
	{ tp_emit_flow, TP_AT(12, 0, 1), .flow = 50 },
	{ tp_emit_operational_halt, TP_AT(12, 15, 0), 'T', .fixed = 1 },
	{ tp_emit_flow, TP_AT(12, 15, 1), .flow = 150 },
	{ tp_emit_ipo_quotation, TP_AT(13, 0, 0), .fixed = 4 },
	{ tp_emit_flow, TP_AT(13, 0, 1), .flow = 50 },
	{ tp_emit_ipo_open, TP_AT(13, 15, 0), .fixed = 2 },
	{ tp_emit_flow, TP_AT(13, 15, 1), .flow = 150 },
	{ tp_emit_mwcb_status, TP_AT(14, 30, 0), .fixed = 1 },
	{ tp_emit_flow, TP_AT(14, 30, 1), .flow = 100 },
	{ tp_emit_noii, TP_AT(15, 50, 0), 'C', .per_symbol = 2 },
	{ tp_emit_cross, TP_AT(16, 0, 0), 'C', .per_symbol = 1 },
	{ tp_emit_system, TP_AT(16, 0, 1), 'M', .fixed = 1 },
	{ tp_emit_flow, TP_AT(16, 0, 2), .flow = 50 },
	{ tp_emit_system, TP_AT(20, 0, 0), 'E', .fixed = 1 },
	{ tp_emit_system, TP_AT(20, 5, 0), 'C', .fixed = 1 },
};

#define TP_STEPS (sizeof(tp_timetable) / sizeof(tp_timetable[0]))

static uint64_t tp_step_fixed(const struct tp_step *st, unsigned int symbols)
{
	return st->fixed + (uint64_t)st->per_symbol *
			   (symbols - st->listed_only);
}

uint64_t tp_day_fixed_messages(unsigned int symbols)
{
	uint64_t n = 0;
	unsigned int k;

	for (k = 0; k < TP_STEPS; k++)
		n += tp_step_fixed(&tp_timetable[k], symbols);
	return n;
}

/* The last flow step takes the rounding, so the shares add up exactly. */
static uint64_t tp_step_count(const struct tp_day *d, const struct tp_step *st)
{
	const struct tp_step *end = tp_timetable + TP_STEPS, *j;
	uint64_t n = tp_step_fixed(st, d->m.nsymbols);
	uint64_t before = 0;

	if (!st->flow)
		return n;
	for (j = tp_timetable; j < st; j++)
		before += d->flow * j->flow / 1000;
	for (j = st + 1; j < end && !j->flow; j++)
		;
	if (j == end)
		return n + d->flow - before;
	return n + d->flow * st->flow / 1000;
}

struct tp_day *tp_day_new(uint64_t messages, unsigned int symbols,
			  uint64_t seed)
{
	struct tp_day *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	if (tp_market_init(&d->m, symbols, seed)) {
		free(d);
		return NULL;
	}
	d->flow = messages - tp_day_fixed_messages(symbols);
	d->luld = 2;
	d->halt = 3;
	d->ipo = symbols;
	d->st = tp_timetable;
	d->count = tp_step_count(d, d->st);
	return d;
}

void tp_day_free(struct tp_day *d)
{
	if (!d)
		return;
	tp_market_free(&d->m);
	free(d);
}

/*
 * Message i of a step falls in its i-th share of the time up to the next
 * step; order flow jitters within that share and now and then repeats the
 * last timestamp, as the messages of one event do.  Never goes backwards.
 */
static uint64_t tp_step_time(struct tp_day *d)
{
	const struct tp_step *next = d->st + 1;
	uint64_t span = next < tp_timetable + TP_STEPS ? next->at - d->st->at : 0;
	uint64_t slot = span / d->count;
	uint64_t ts = d->st->at + (uint64_t)((__uint128_t)span * d->i /
					     d->count);

	if (d->st->flow && slot) {
		if (d->i && tp_rand_chance(&d->m.rand, 0.25))
			ts = d->ts;
		else
			ts += tp_rand_u64(&d->m.rand) % slot;
	}
	return ts > d->ts ? ts : d->ts;
}

bool tp_day_next(struct tp_day *d, struct tickpath_rec *rec)
{
	while (d->i == d->count) {
		if (d->st + 1 == tp_timetable + TP_STEPS)
			return false;
		d->st++;
		d->i = 0;
		d->count = tp_step_count(d, d->st);
	}
	memset(rec, 0, sizeof(*rec));
	d->rec = rec;
	d->ts = tp_step_time(d);
	rec->exch_ts = d->ts;
	rec->tracking = tp_rand_below(&d->m.rand, 8);
	d->st->emit(d);
	d->i++;
	rec->flags |= tp_itch_types[tp_itch_type_index(rec->type)].flags;
	return true;
}

const char *tp_day_stock(const struct tp_day *d, uint16_t locate)
{
	return d->m.sym[locate].stock;
}
