/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The symbols a stream announced: its Stock Directory (R) messages give
 * each stock locate a name, which records of A, F, P and Q no longer carry.
 * Learn every record before filtering or printing it, so that a symbol is
 * known from its own R message on.
 */
#ifndef TP_SYMTAB_H
#define TP_SYMTAB_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/tickpath.h>

struct tp_symtab {
	char stock[65536][8];	/* all zero: not announced */
};

static inline struct tp_symtab *tp_symtab_new(void)
{
	return calloc(1, sizeof(struct tp_symtab));
}

static inline void tp_symtab_learn(struct tp_symtab *t,
				   const struct tickpath_rec *rec)
{
	if (rec->type == 'R')
		memcpy(t->stock[rec->locate], rec->stock_directory.stock, 8);
}

/* The 8-byte, space-padded symbol, or NULL if none was announced. */
static inline const char *tp_symtab_get(const struct tp_symtab *t,
					uint16_t locate)
{
	return t->stock[locate][0] ? t->stock[locate] : NULL;
}

#endif /* TP_SYMTAB_H */
