// SPDX-License-Identifier: GPL-2.0
/* tpgen's market: symbols, prices and books (see tpgen_market.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tpgen_market.h"

#define TP_CENT 100		/* one cent with 4 implied decimals */
#define TP_SYMBOL_SPACE (26 * 26 * 26 * 26)

const char tp_mpids[TP_MPIDS][4] = {
	{ 'N', 'I', 'T', 'E' }, { 'G', 'S', 'C', 'O' }, { 'M', 'S', 'C', 'O' },
	{ 'U', 'B', 'S', 'S' }, { 'C', 'D', 'R', 'G' }, { 'V', 'I', 'R', 'T' },
	{ 'J', 'P', 'M', 'S' }, { 'S', 'U', 'S', 'Q' },
};

/*
 * Four letters per locate, scattered by a multiplier coprime with 26 so
 * that neighbours do not look alike; a bijection, so names never repeat.
 */
static void tp_symbol_name(char stock[8], unsigned int locate)
{
	unsigned int n = (locate * 7919u + 12345u) % TP_SYMBOL_SPACE;
	int i;

	memset(stock, ' ', 8);
	for (i = 3; i >= 0; i--) {
		stock[i] = 'A' + n % 26;
		n /= 26;
	}
}

/* Log-uniform between $5 and $500, on the cent. */
static uint32_t tp_initial_mid(struct tp_rand *r)
{
	double dollars = 5.0 * pow(100.0, tp_rand_unit(r));

	return (uint32_t)dollars * 10000u + tp_rand_below(r, 100) * TP_CENT;
}

int tp_market_init(struct tp_market *m, unsigned int nsymbols, uint64_t seed)
{
	struct tp_order *orders;
	unsigned int i;

	memset(m, 0, sizeof(*m));
	tp_rand_seed(&m->rand, seed, 1);
	m->sym = calloc(nsymbols + 1, sizeof(*m->sym));
	orders = calloc((size_t)nsymbols * TP_BOOK_DEPTH, sizeof(*orders));
	if (!m->sym || !orders) {
		free(m->sym);
		free(orders);
		return -1;
	}
	m->nsymbols = nsymbols;
	m->next_ref = 1;
	m->next_match = 1;
	for (i = 1; i <= nsymbols; i++) {
		struct tp_symbol *s = &m->sym[i];

		tp_symbol_name(s->stock, i);
		s->tick = TP_CENT;
		s->mid = tp_initial_mid(&m->rand);
		s->orders = orders + (size_t)(i - 1) * TP_BOOK_DEPTH;
	}
	return 0;
}

void tp_market_free(struct tp_market *m)
{
	if (m->sym)
		free(m->sym[1].orders);
	free(m->sym);
	m->sym = NULL;
}

uint16_t tp_market_pick_symbol(struct tp_market *m)
{
	double u = tp_rand_unit(&m->rand);

	return 1 + (uint16_t)(u * u * m->nsymbols);
}

uint64_t tp_market_match(struct tp_market *m)
{
	uint64_t match = m->next_match++;

	if (m->nrecent < TP_RECENT_MATCHES)
		m->recent[m->nrecent++] = match;
	else
		m->recent[tp_rand_below(&m->rand, TP_RECENT_MATCHES)] = match;
	return match;
}

uint32_t tp_market_lot(struct tp_market *m)
{
	if (tp_rand_chance(&m->rand, 0.1))
		return 1 + tp_rand_below(&m->rand, 99);
	return 100 * (1 + tp_rand_geometric(&m->rand, 0.45, 49));
}

uint32_t tp_market_quote(struct tp_market *m, const struct tp_symbol *s,
			 bool sell)
{
	uint32_t away = s->tick * (1 + tp_rand_geometric(&m->rand, 0.35, 40));

	if (sell)
		return s->mid + away;
	return s->mid > away ? s->mid - away : s->tick;
}

struct tp_order *tp_book_add(struct tp_symbol *s)
{
	if (s->norders == TP_BOOK_DEPTH)
		return NULL;
	return &s->orders[s->norders++];
}

/* Swap-remove: order does not matter, only membership. */
void tp_book_remove(struct tp_symbol *s, struct tp_order *o)
{
	*o = s->orders[--s->norders];
}

struct tp_order *tp_book_any(struct tp_symbol *s, struct tp_rand *r)
{
	if (!s->norders)
		return NULL;
	return &s->orders[tp_rand_below(r, s->norders)];
}

static uint32_t tp_distance(const struct tp_symbol *s, const struct tp_order *o)
{
	return o->price > s->mid ? o->price - s->mid : s->mid - o->price;
}

struct tp_order *tp_book_near_mid(struct tp_symbol *s, struct tp_rand *r)
{
	struct tp_order *best = tp_book_any(s, r);
	int i;

	for (i = 0; best && i < 2; i++) {
		struct tp_order *o = tp_book_any(s, r);

		if (tp_distance(s, o) < tp_distance(s, best))
			best = o;
	}
	return best;
}
