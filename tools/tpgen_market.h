/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The market tpgen simulates: symbols, each with a moving mid price and a
 * book of resting orders, and the counters that make order references and
 * match numbers unique.  tpgen_market.c keeps them, tpgen_flow.c draws the
 * order flow, tpgen_day.c lays out the day around it.
 */
#ifndef TPGEN_MARKET_H
#define TPGEN_MARKET_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/tickpath.h>

#include "tpgen_rand.h"

/* Resting orders a symbol holds at most; the flow steers to about half. */
#define TP_BOOK_DEPTH 128
#define TP_BOOK_TARGET 64
/* Executions a broken trade may pick from. */
#define TP_RECENT_MATCHES 64
/* Market participants, for F and L. */
#define TP_MPIDS 8

extern const char tp_mpids[TP_MPIDS][4];

struct tp_order {
	uint64_t ref;
	uint32_t shares;
	uint32_t price;
	bool sell;
};

struct tp_symbol {
	char stock[8];
	uint32_t mid;		/* 4 implied decimals, a multiple of tick */
	uint32_t tick;
	bool halted;		/* no executions until trading resumes */
	unsigned int norders;
	struct tp_order *orders;	/* TP_BOOK_DEPTH of them */
};

struct tp_market {
	struct tp_rand rand;
	unsigned int nsymbols;
	struct tp_symbol *sym;	/* indexed by stock locate; [0] is unused */
	uint64_t next_ref;
	uint64_t next_match;
	uint64_t recent[TP_RECENT_MATCHES];
	unsigned int nrecent;
};

int tp_market_init(struct tp_market *m, unsigned int nsymbols, uint64_t seed);
void tp_market_free(struct tp_market *m);
/* The locate of a symbol drawn by activity: low locates trade the most. */
uint16_t tp_market_pick_symbol(struct tp_market *m);
/* A match number for a new execution, remembered for broken trades. */
uint64_t tp_market_match(struct tp_market *m);
/* A lot: mostly round lots of 100, sometimes an odd lot. */
uint32_t tp_market_lot(struct tp_market *m);
/* A limit price on @sell's side of the mid, clustered near it. */
uint32_t tp_market_quote(struct tp_market *m, const struct tp_symbol *s,
			 bool sell);

/* Books.  An order pointer is only valid until its book changes. */
struct tp_order *tp_book_add(struct tp_symbol *s);
void tp_book_remove(struct tp_symbol *s, struct tp_order *o);
struct tp_order *tp_book_any(struct tp_symbol *s, struct tp_rand *r);
/* The most aggressive of a few orders drawn at random: what trades next. */
struct tp_order *tp_book_near_mid(struct tp_symbol *s, struct tp_rand *r);

/*
 * Order flow (tpgen_flow.c): one message for a symbol of the market's
 * choosing, keeping its book consistent.  Sets type, flags, locate and body;
 * the caller owns the timestamp and tracking number.
 */
void tp_flow_next(struct tp_market *m, struct tickpath_rec *rec);
/* Message @i of TP_FLOW_RARE: C, B and N (and an add first) for @locate. */
#define TP_FLOW_RARE 4
void tp_flow_rare(struct tp_market *m, uint16_t locate, unsigned int i,
		  struct tickpath_rec *rec);

#endif /* TPGEN_MARKET_H */
