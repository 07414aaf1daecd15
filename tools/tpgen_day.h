/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A generated ITCH 5.0 day: system events in order, the stock directory and
 * the symbols' status, order flow with consistent books, crosses and NOII
 * around the open and the close, a volatility pause, an operational halt,
 * an IPO, and every other message type at least once.  The same options
 * and seed give the same day, message for message.
 */
#ifndef TPGEN_DAY_H
#define TPGEN_DAY_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/tickpath.h>

#define TP_DAY_MIN_SYMBOLS 4
#define TP_DAY_MAX_SYMBOLS 10000
/*
 * Order flow the smallest day carries beyond its fixed messages: enough
 * for every type of it to occur (the rarest are scripted anyway).
 */
#define TP_DAY_MIN_FLOW 1000

struct tp_day;

/* The messages of a day with @symbols symbols that are not order flow. */
uint64_t tp_day_fixed_messages(unsigned int symbols);
/*
 * A day of exactly @messages messages, at least tp_day_fixed_messages() +
 * TP_DAY_MIN_FLOW; NULL when out of memory.
 */
struct tp_day *tp_day_new(uint64_t messages, unsigned int symbols,
			  uint64_t seed);
void tp_day_free(struct tp_day *d);
/* The next message as a record (seq, rx_ts, stamp left 0); false at the end. */
bool tp_day_next(struct tp_day *d, struct tickpath_rec *rec);
/* The 8-byte, space-padded Stock of a locate, for A, F, P and Q. */
const char *tp_day_stock(const struct tp_day *d, uint16_t locate);

#endif /* TPGEN_DAY_H */
