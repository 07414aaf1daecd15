// SPDX-License-Identifier: GPL-2.0
/*
 * The record printer: one table says which members each record type has,
 * under which name and in which unit; the text and JSON forms are two ways
 * of walking it.
 */
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "recprint.h"

enum tp_unit {
	TP_U_CHAR,		/* one byte of ITCH alpha */
	TP_U_ALPHA,		/* space-padded ITCH alpha */
	TP_U_U32,
	TP_U_U64,
	TP_U_PRICE4,		/* u32, 4 implied decimals */
	TP_U_PRICE8,		/* u64, 8 implied decimals */
	TP_U_TIME,		/* u64, ns since midnight */
	TP_U_SECONDS,		/* u32, seconds since midnight */
	TP_U_SIDE,		/* TICKPATH_REC_F_SELL */
	TP_U_PRINTABLE,		/* TICKPATH_REC_F_PRINTABLE */
};

struct tp_pfield {
	const char *name;
	uint8_t unit;
	uint8_t off;
	uint8_t size;
};

struct tp_ptype {
	const char *name;	/* NULL: an ITCH type, named by its letter */
	uint8_t nfields;
	const struct tp_pfield *fields;
};

#define TP_SIZEOF(m) sizeof(((struct tickpath_rec *)0)->m)
#define TP_F(unit, m, name) \
	{ name, unit, offsetof(struct tickpath_rec, m), TP_SIZEOF(m) }
#define TP_FLAG(unit, name) { name, unit, 0, 0 }

static const struct tp_pfield tp_p_system_event[] = {
	TP_F(TP_U_CHAR, system_event.event_code, "event_code"),
};

static const struct tp_pfield tp_p_stock_directory[] = {
	TP_F(TP_U_ALPHA, stock_directory.stock, "stock"),
	TP_F(TP_U_CHAR, stock_directory.market_category, "market_category"),
	TP_F(TP_U_CHAR, stock_directory.financial_status, "financial_status"),
	TP_F(TP_U_U32, stock_directory.round_lot_size, "round_lot_size"),
	TP_F(TP_U_CHAR, stock_directory.round_lots_only, "round_lots_only"),
	TP_F(TP_U_CHAR, stock_directory.issue_classification,
	     "issue_classification"),
	TP_F(TP_U_ALPHA, stock_directory.issue_subtype, "issue_subtype"),
	TP_F(TP_U_CHAR, stock_directory.authenticity, "authenticity"),
	TP_F(TP_U_CHAR, stock_directory.short_sale_threshold,
	     "short_sale_threshold"),
	TP_F(TP_U_CHAR, stock_directory.ipo_flag, "ipo_flag"),
	TP_F(TP_U_CHAR, stock_directory.luld_ref_price_tier,
	     "luld_ref_price_tier"),
	TP_F(TP_U_CHAR, stock_directory.etp_flag, "etp_flag"),
	TP_F(TP_U_U32, stock_directory.etp_leverage_factor,
	     "etp_leverage_factor"),
	TP_F(TP_U_CHAR, stock_directory.inverse_indicator, "inverse_indicator"),
};

static const struct tp_pfield tp_p_trading_action[] = {
	TP_F(TP_U_ALPHA, trading_action.stock, "stock"),
	TP_F(TP_U_CHAR, trading_action.trading_state, "trading_state"),
	TP_F(TP_U_CHAR, trading_action.reserved, "reserved"),
	TP_F(TP_U_ALPHA, trading_action.reason, "reason"),
};

static const struct tp_pfield tp_p_reg_sho[] = {
	TP_F(TP_U_ALPHA, reg_sho.stock, "stock"),
	TP_F(TP_U_CHAR, reg_sho.action, "action"),
};

static const struct tp_pfield tp_p_participant_position[] = {
	TP_F(TP_U_ALPHA, participant_position.mpid, "mpid"),
	TP_F(TP_U_ALPHA, participant_position.stock, "stock"),
	TP_F(TP_U_CHAR, participant_position.primary_market_maker,
	     "primary_market_maker"),
	TP_F(TP_U_CHAR, participant_position.market_maker_mode,
	     "market_maker_mode"),
	TP_F(TP_U_CHAR, participant_position.market_participant_state,
	     "market_participant_state"),
};

static const struct tp_pfield tp_p_mwcb_decline[] = {
	TP_F(TP_U_PRICE8, mwcb_decline.level1, "level1"),
	TP_F(TP_U_PRICE8, mwcb_decline.level2, "level2"),
	TP_F(TP_U_PRICE8, mwcb_decline.level3, "level3"),
};

static const struct tp_pfield tp_p_mwcb_status[] = {
	TP_F(TP_U_CHAR, mwcb_status.breached_level, "breached_level"),
};

static const struct tp_pfield tp_p_ipo_quoting[] = {
	TP_F(TP_U_ALPHA, ipo_quoting.stock, "stock"),
	TP_F(TP_U_SECONDS, ipo_quoting.release_time, "release_time"),
	TP_F(TP_U_CHAR, ipo_quoting.release_qualifier, "release_qualifier"),
	TP_F(TP_U_PRICE4, ipo_quoting.ipo_price, "ipo_price"),
};

static const struct tp_pfield tp_p_luld_collar[] = {
	TP_F(TP_U_ALPHA, luld_collar.stock, "stock"),
	TP_F(TP_U_PRICE4, luld_collar.ref_price, "ref_price"),
	TP_F(TP_U_PRICE4, luld_collar.upper_price, "upper_price"),
	TP_F(TP_U_PRICE4, luld_collar.lower_price, "lower_price"),
	TP_F(TP_U_U32, luld_collar.extension, "extension"),
};

static const struct tp_pfield tp_p_operational_halt[] = {
	TP_F(TP_U_ALPHA, operational_halt.stock, "stock"),
	TP_F(TP_U_CHAR, operational_halt.market_code, "market_code"),
	TP_F(TP_U_CHAR, operational_halt.action, "action"),
};

static const struct tp_pfield tp_p_add_order[] = {
	TP_F(TP_U_U64, add_order.order_ref, "order_ref"),
	TP_FLAG(TP_U_SIDE, "side"),
	TP_F(TP_U_U32, add_order.shares, "shares"),
	TP_F(TP_U_PRICE4, add_order.price, "price"),
};

static const struct tp_pfield tp_p_add_order_mpid[] = {
	TP_F(TP_U_U64, add_order.order_ref, "order_ref"),
	TP_FLAG(TP_U_SIDE, "side"),
	TP_F(TP_U_U32, add_order.shares, "shares"),
	TP_F(TP_U_PRICE4, add_order.price, "price"),
	TP_F(TP_U_ALPHA, add_order.mpid, "mpid"),
};

static const struct tp_pfield tp_p_order_executed[] = {
	TP_F(TP_U_U64, order_executed.order_ref, "order_ref"),
	TP_F(TP_U_U32, order_executed.shares, "shares"),
	TP_F(TP_U_U64, order_executed.match_number, "match_number"),
};

static const struct tp_pfield tp_p_order_executed_price[] = {
	TP_F(TP_U_U64, order_executed.order_ref, "order_ref"),
	TP_F(TP_U_U32, order_executed.shares, "shares"),
	TP_F(TP_U_U64, order_executed.match_number, "match_number"),
	TP_FLAG(TP_U_PRINTABLE, "printable"),
	TP_F(TP_U_PRICE4, order_executed.price, "price"),
};

static const struct tp_pfield tp_p_order_cancel[] = {
	TP_F(TP_U_U64, order_cancel.order_ref, "order_ref"),
	TP_F(TP_U_U32, order_cancel.shares, "shares"),
};

static const struct tp_pfield tp_p_order_delete[] = {
	TP_F(TP_U_U64, order_delete.order_ref, "order_ref"),
};

static const struct tp_pfield tp_p_order_replace[] = {
	TP_F(TP_U_U64, order_replace.orig_order_ref, "orig_order_ref"),
	TP_F(TP_U_U64, order_replace.new_order_ref, "new_order_ref"),
	TP_F(TP_U_U32, order_replace.shares, "shares"),
	TP_F(TP_U_PRICE4, order_replace.price, "price"),
};

static const struct tp_pfield tp_p_trade[] = {
	TP_F(TP_U_U64, trade.order_ref, "order_ref"),
	TP_FLAG(TP_U_SIDE, "side"),
	TP_F(TP_U_U32, trade.shares, "shares"),
	TP_F(TP_U_PRICE4, trade.price, "price"),
	TP_F(TP_U_U64, trade.match_number, "match_number"),
};

static const struct tp_pfield tp_p_cross_trade[] = {
	TP_F(TP_U_U64, cross_trade.shares, "shares"),
	TP_F(TP_U_PRICE4, cross_trade.price, "price"),
	TP_F(TP_U_U64, cross_trade.match_number, "match_number"),
	TP_F(TP_U_CHAR, cross_trade.cross_type, "cross_type"),
};

static const struct tp_pfield tp_p_broken_trade[] = {
	TP_F(TP_U_U64, broken_trade.match_number, "match_number"),
};

static const struct tp_pfield tp_p_noii[] = {
	TP_F(TP_U_U64, noii.paired_shares, "paired_shares"),
	TP_F(TP_U_U64, noii.imbalance_shares, "imbalance_shares"),
	TP_F(TP_U_CHAR, noii.imbalance_direction, "imbalance_direction"),
	TP_F(TP_U_ALPHA, noii.stock, "stock"),
	TP_F(TP_U_PRICE4, noii.far_price, "far_price"),
	TP_F(TP_U_PRICE4, noii.near_price, "near_price"),
	TP_F(TP_U_PRICE4, noii.current_ref_price, "current_ref_price"),
	TP_F(TP_U_CHAR, noii.cross_type, "cross_type"),
	TP_F(TP_U_CHAR, noii.price_variation, "price_variation"),
};

static const struct tp_pfield tp_p_rpii[] = {
	TP_F(TP_U_ALPHA, rpii.stock, "stock"),
	TP_F(TP_U_CHAR, rpii.interest_flag, "interest_flag"),
};

static const struct tp_pfield tp_p_dlcr[] = {
	TP_F(TP_U_ALPHA, dlcr.stock, "stock"),
	TP_F(TP_U_CHAR, dlcr.open_eligibility_status,
	     "open_eligibility_status"),
	TP_F(TP_U_PRICE4, dlcr.min_allowable_price, "min_allowable_price"),
	TP_F(TP_U_PRICE4, dlcr.max_allowable_price, "max_allowable_price"),
	TP_F(TP_U_PRICE4, dlcr.near_execution_price, "near_execution_price"),
	TP_F(TP_U_TIME, dlcr.near_execution_time, "near_execution_time"),
	TP_F(TP_U_PRICE4, dlcr.lower_price_range_collar,
	     "lower_price_range_collar"),
	TP_F(TP_U_PRICE4, dlcr.upper_price_range_collar,
	     "upper_price_range_collar"),
};

static const struct tp_pfield tp_p_gap[] = {
	TP_F(TP_U_U64, gap.count, "count"),
};

static const struct tp_pfield tp_p_session[] = {
	TP_F(TP_U_ALPHA, session.name, "name"),
};

#define TP_T(fields) { NULL, sizeof(fields) / sizeof(fields[0]), fields }
#define TP_CONTROL(name, fields) \
	{ name, sizeof(fields) / sizeof(fields[0]), fields }

static const struct tp_ptype tp_ptypes[256] = {
	[TICKPATH_REC_GAP] = TP_CONTROL("GAP", tp_p_gap),
	[TICKPATH_REC_SESSION] = TP_CONTROL("SESSION", tp_p_session),
	[TICKPATH_REC_END_OF_SESSION] = { "END_OF_SESSION", 0, NULL },
	['S'] = TP_T(tp_p_system_event),
	['R'] = TP_T(tp_p_stock_directory),
	['H'] = TP_T(tp_p_trading_action),
	['Y'] = TP_T(tp_p_reg_sho),
	['L'] = TP_T(tp_p_participant_position),
	['V'] = TP_T(tp_p_mwcb_decline),
	['W'] = TP_T(tp_p_mwcb_status),
	['K'] = TP_T(tp_p_ipo_quoting),
	['J'] = TP_T(tp_p_luld_collar),
	['h'] = TP_T(tp_p_operational_halt),
	['A'] = TP_T(tp_p_add_order),
	['F'] = TP_T(tp_p_add_order_mpid),
	['E'] = TP_T(tp_p_order_executed),
	['C'] = TP_T(tp_p_order_executed_price),
	['X'] = TP_T(tp_p_order_cancel),
	['D'] = TP_T(tp_p_order_delete),
	['U'] = TP_T(tp_p_order_replace),
	['P'] = TP_T(tp_p_trade),
	['Q'] = TP_T(tp_p_cross_trade),
	['B'] = TP_T(tp_p_broken_trade),
	['I'] = TP_T(tp_p_noii),
	['N'] = TP_T(tp_p_rpii),
	['O'] = TP_T(tp_p_dlcr),
};

#define TP_NS_PER_SEC 1000000000ULL
#define TP_NS_PER_DAY (86400 * TP_NS_PER_SEC)

static void tp_put_clock(FILE *f, uint64_t secs)
{
	fprintf(f, "%02u:%02u:%02u", (unsigned int)(secs / 3600 % 100),
		(unsigned int)(secs / 60 % 60), (unsigned int)(secs % 60));
}

static void tp_put_time(FILE *f, uint64_t ns)
{
	tp_put_clock(f, ns / TP_NS_PER_SEC);
	fprintf(f, ".%09u", (unsigned int)(ns % TP_NS_PER_SEC));
}

/*
 * Alpha without its padding.  JSON escapes what it must; text leaves a
 * plain word bare and quotes anything else, so every value stays one token.
 */
static void tp_put_alpha(FILE *f, const char *s, size_t n, bool json)
{
	bool plain = !json;
	size_t i;

	while (n && s[n - 1] == ' ')
		n--;
	for (i = 0; i < n; i++)
		plain &= s[i] > ' ' && s[i] < 0x7f && s[i] != '"';
	if (plain && n) {
		fwrite(s, 1, n, f);
		return;
	}
	putc('"', f);
	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c >= ' ' && c < 0x7f)
			putc(c, f);
		else
			fprintf(f, json ? "\\u%04x" : "\\x%02x", c);
	}
	putc('"', f);
}

static uint32_t tp_get32(const struct tickpath_rec *rec, unsigned int off)
{
	uint32_t v;

	memcpy(&v, (const uint8_t *)rec + off, sizeof(v));
	return v;
}

static uint64_t tp_get64(const struct tickpath_rec *rec, unsigned int off)
{
	uint64_t v;

	memcpy(&v, (const uint8_t *)rec + off, sizeof(v));
	return v;
}

static void tp_put_flag(FILE *f, const struct tickpath_rec *rec,
			unsigned int flag, const char *yes, const char *no,
			bool json)
{
	tp_put_alpha(f, rec->flags & flag ? yes : no, 1, json);
}

static void tp_put_value(FILE *f, const struct tickpath_rec *rec,
			 const struct tp_pfield *fd, bool json)
{
	const char *p = (const char *)rec + fd->off;
	uint64_t v;

	switch (fd->unit) {
	case TP_U_CHAR:
	case TP_U_ALPHA:
		tp_put_alpha(f, p, fd->size, json);
		return;
	case TP_U_SIDE:
		tp_put_flag(f, rec, TICKPATH_REC_F_SELL, "S", "B", json);
		return;
	case TP_U_PRINTABLE:
		tp_put_flag(f, rec, TICKPATH_REC_F_PRINTABLE, "Y", "N", json);
		return;
	}
	v = fd->size == 8 ? tp_get64(rec, fd->off) : tp_get32(rec, fd->off);
	if (json || fd->unit == TP_U_U32 || fd->unit == TP_U_U64)
		fprintf(f, "%" PRIu64, v);
	else if (fd->unit == TP_U_PRICE4)
		fprintf(f, "%" PRIu64 ".%04u", v / 10000, (unsigned int)(v % 10000));
	else if (fd->unit == TP_U_PRICE8)
		fprintf(f, "%" PRIu64 ".%08u", v / 100000000,
			(unsigned int)(v % 100000000));
	else if (fd->unit == TP_U_TIME)
		tp_put_time(f, v);
	else
		tp_put_clock(f, v);
}

static bool tp_has_stock(const struct tp_ptype *t)
{
	unsigned int i;

	for (i = 0; i < t->nfields; i++)
		if (!strcmp(t->fields[i].name, "stock"))
			return true;
	return false;
}

static void tp_put_type(FILE *f, const struct tickpath_rec *rec,
			const struct tp_ptype *t, bool json)
{
	char c = rec->type;

	if (t->name)
		fprintf(f, json ? "\"%s\"" : "%s", t->name);
	else if (t->fields)
		tp_put_alpha(f, &c, 1, json);
	else
		fprintf(f, json ? "\"0x%02x\"" : "0x%02x", rec->type);
}

static void tp_print_json(FILE *f, const struct tickpath_rec *rec,
			  const struct tp_ptype *t, const char *stock)
{
	unsigned int i;

	fprintf(f, "{\"seq\":%" PRIu64 ",\"type\":", (uint64_t)rec->seq);
	tp_put_type(f, rec, t, true);
	fprintf(f, ",\"locate\":%u", rec->locate);
	if (stock) {
		fputs(",\"stock\":", f);
		tp_put_alpha(f, stock, 8, true);
	}
	fprintf(f, ",\"tracking\":%u,\"exch_ts\":%" PRIu64 ",\"rx_ts\":%" PRIu64
		",\"channel\":%u,\"line\":%u,\"flags\":%u,\"stamp\":%" PRIu64,
		rec->tracking, (uint64_t)rec->exch_ts, (uint64_t)rec->rx_ts,
		rec->channel, rec->line, rec->flags, (uint64_t)rec->stamp);
	for (i = 0; i < t->nfields; i++) {
		fprintf(f, ",\"%s\":", t->fields[i].name);
		tp_put_value(f, rec, &t->fields[i], true);
	}
	fputs("}\n", f);
}

static void tp_print_text(FILE *f, const struct tickpath_rec *rec,
			  const struct tp_ptype *t, const char *stock)
{
	unsigned int i;

	tp_put_time(f, rec->rx_ts % TP_NS_PER_DAY);
	fprintf(f, " %" PRIu64 " ", (uint64_t)rec->seq);
	tp_put_type(f, rec, t, false);
	fprintf(f, " %u", rec->locate);
	if (stock) {
		putc('/', f);
		tp_put_alpha(f, stock, 8, false);
	}
	fprintf(f, " trk=%u ts=", rec->tracking);
	tp_put_time(f, rec->exch_ts);
	for (i = 0; i < t->nfields; i++) {
		fprintf(f, " %s=", t->fields[i].name);
		tp_put_value(f, rec, &t->fields[i], false);
	}
	fprintf(f, " ch=%u line=%u%s\n", rec->channel, rec->line,
		rec->flags & TICKPATH_REC_F_HW_TS ? " hw_ts" : "");
}

void tp_rec_print(FILE *f, const struct tickpath_rec *rec,
		  const struct tp_symtab *syms, bool json)
{
	const struct tp_ptype *t = &tp_ptypes[rec->type];
	const char *stock = NULL;

	if (syms && t->fields && !t->name && !tp_has_stock(t))
		stock = tp_symtab_get(syms, rec->locate);
	if (json)
		tp_print_json(f, rec, t, stock);
	else
		tp_print_text(f, rec, t, stock);
}
