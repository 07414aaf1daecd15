/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Records as text or JSON lines, one per line, every field: what tpcat
 * prints, whether the records come from a pcap or from a ring, and what
 * tpgen writes of the records it generates, so the two can be compared
 * line for line.
 *
 * Text, tcpdump-like, prices and times made readable:
 *   RX-TIME SEQ TYPE LOCATE[/SYMBOL] trk=N ts=EXCH-TIME FIELD=VALUE... ch=C line=L
 * JSON: the record's members under their uapi names, integers as they are
 * (prices with their implied decimals, times in ns), alpha fields as
 * strings without their padding, Buy/Sell as "side" and Printable as
 * "printable", and "stock" when the locate's symbol is known.
 */
#ifndef TP_RECPRINT_H
#define TP_RECPRINT_H

#include <stdbool.h>
#include <stdio.h>
#include <linux/tickpath.h>

#include "symtab.h"

/* @syms may be NULL. */
void tp_rec_print(FILE *f, const struct tickpath_rec *rec,
		  const struct tp_symtab *syms, bool json);

#endif /* TP_RECPRINT_H */
