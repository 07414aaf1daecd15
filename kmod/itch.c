// SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT
/*
 * MoldUDP64 framing and ITCH 5.0 decoding, freestanding (see itch.h).  Runs
 * once per message in softirq: one table lookup, one length compare, then the
 * straight-line code of the message's type.
 */

#include "itch.h"

/* The ABI this file and user space depend on, checked in both builds. */
static_assert(sizeof(struct tickpath_rec) == 2 * TICKPATH_SLOT_SIZE,
	      "a record is two slots");
static_assert(offsetof(struct tickpath_rec, stamp) == 0,
	      "a slot starts with its stamp");
static_assert(offsetof(struct tickpath_rec, body) == TICKPATH_REC_BODY_OFFSET,
	      "the body follows the 40-byte header");
static_assert(offsetof(struct tickpath_ring_hdr, head) == 64,
	      "head has a cache line of its own");
static_assert(sizeof(struct tickpath_ring_hdr) == 128, "ring header size");
static_assert(TICKPATH_STAMP_BITS + TICKPATH_HEAD_SLOT_BITS == 64,
	      "head holds a record number and a slot position");
static_assert(TICKPATH_RING_SLOTS_MAX == 1U << TICKPATH_HEAD_SLOT_BITS,
	      "every slot position fits head");
static_assert(sizeof(struct tickpath_session) == TP_MOLD_SESSION_LEN,
	      "session name");

/* Every body starts at TICKPATH_REC_BODY_OFFSET, in the record's union. */
#define TP_ONE_SLOT(s)							\
	static_assert(sizeof(struct s) <=				\
		      TICKPATH_SLOT_SIZE - TICKPATH_REC_BODY_OFFSET,	\
		      "a one-slot body fits the first slot")
#define TP_TWO_SLOTS(s)							\
	static_assert(offsetof(struct s, stamp2) ==			\
		      TICKPATH_SLOT_SIZE - TICKPATH_REC_BODY_OFFSET,	\
		      "a two-slot body has stamp2 at the second slot")

TP_ONE_SLOT(tickpath_system_event);
TP_TWO_SLOTS(tickpath_stock_directory);
TP_ONE_SLOT(tickpath_trading_action);
TP_ONE_SLOT(tickpath_reg_sho);
TP_ONE_SLOT(tickpath_participant_position);
TP_ONE_SLOT(tickpath_mwcb_decline);
TP_ONE_SLOT(tickpath_mwcb_status);
TP_ONE_SLOT(tickpath_ipo_quoting);
TP_ONE_SLOT(tickpath_luld_collar);
TP_ONE_SLOT(tickpath_operational_halt);
TP_ONE_SLOT(tickpath_add_order);
TP_ONE_SLOT(tickpath_order_executed);
TP_ONE_SLOT(tickpath_order_cancel);
TP_ONE_SLOT(tickpath_order_delete);
TP_ONE_SLOT(tickpath_order_replace);
TP_ONE_SLOT(tickpath_trade);
TP_ONE_SLOT(tickpath_cross_trade);
TP_ONE_SLOT(tickpath_broken_trade);
TP_TWO_SLOTS(tickpath_noii);
TP_ONE_SLOT(tickpath_rpii);
TP_TWO_SLOTS(tickpath_dlcr);
TP_ONE_SLOT(tickpath_gap);
TP_ONE_SLOT(tickpath_session);

/*
 * Field descriptors, the one description of the wire: the encoder
 * (lib/itch_encode.c) walks them, and the unit tests hold the decoder below
 * against them, field by field for every type.  Every list ends with an empty
 * entry (size 0).  That a field lands in a member of its own width is checked
 * by the tests, with hand-built messages whose every byte differs.
 */
#define TP_REC(m)		offsetof(struct tickpath_rec, m)
#define TP_BYTE(w, m)		{ w, 1, TP_REC(m), TP_ITCH_BYTE }
#define TP_BE16(w, m)		{ w, 2, TP_REC(m), TP_ITCH_BE16 }
#define TP_BE32(w, m)		{ w, 4, TP_REC(m), TP_ITCH_BE32 }
#define TP_BE48(w, m)		{ w, 6, TP_REC(m), TP_ITCH_BE48 }
#define TP_BE64(w, m)		{ w, 8, TP_REC(m), TP_ITCH_BE64 }
#define TP_ALPHA(w, n, m)	{ w, n, TP_REC(m), TP_ITCH_ALPHA }
#define TP_SIDE(w)		{ w, 1, 0, TP_ITCH_SIDE }
#define TP_PRINTABLE(w)		{ w, 1, 0, TP_ITCH_PRINTABLE }
#define TP_STOCK(w)		{ w, 8, 0, TP_ITCH_STOCK }

const struct tp_itch_field tp_itch_header[] = {
	TP_BYTE(0, type),
	TP_BE16(1, locate),
	TP_BE16(3, tracking),
	TP_BE48(5, exch_ts),
	{}
};

static const struct tp_itch_field tp_itch_system_event[] = {
	TP_BYTE(11, system_event.event_code),
	{}
};

static const struct tp_itch_field tp_itch_stock_directory[] = {
	TP_ALPHA(11, 8, stock_directory.stock),
	TP_BYTE(19, stock_directory.market_category),
	TP_BYTE(20, stock_directory.financial_status),
	TP_BE32(21, stock_directory.round_lot_size),
	TP_BYTE(25, stock_directory.round_lots_only),
	TP_BYTE(26, stock_directory.issue_classification),
	TP_ALPHA(27, 2, stock_directory.issue_subtype),
	TP_BYTE(29, stock_directory.authenticity),
	TP_BYTE(30, stock_directory.short_sale_threshold),
	TP_BYTE(31, stock_directory.ipo_flag),
	TP_BYTE(32, stock_directory.luld_ref_price_tier),
	TP_BYTE(33, stock_directory.etp_flag),
	TP_BE32(34, stock_directory.etp_leverage_factor),
	TP_BYTE(38, stock_directory.inverse_indicator),
	{}
};

static const struct tp_itch_field tp_itch_trading_action[] = {
	TP_ALPHA(11, 8, trading_action.stock),
	TP_BYTE(19, trading_action.trading_state),
	TP_BYTE(20, trading_action.reserved),
	TP_ALPHA(21, 4, trading_action.reason),
	{}
};

static const struct tp_itch_field tp_itch_reg_sho[] = {
	TP_ALPHA(11, 8, reg_sho.stock),
	TP_BYTE(19, reg_sho.action),
	{}
};

static const struct tp_itch_field tp_itch_participant_position[] = {
	TP_ALPHA(11, 4, participant_position.mpid),
	TP_ALPHA(15, 8, participant_position.stock),
	TP_BYTE(23, participant_position.primary_market_maker),
	TP_BYTE(24, participant_position.market_maker_mode),
	TP_BYTE(25, participant_position.market_participant_state),
	{}
};

static const struct tp_itch_field tp_itch_mwcb_decline[] = {
	TP_BE64(11, mwcb_decline.level1),
	TP_BE64(19, mwcb_decline.level2),
	TP_BE64(27, mwcb_decline.level3),
	{}
};

static const struct tp_itch_field tp_itch_mwcb_status[] = {
	TP_BYTE(11, mwcb_status.breached_level),
	{}
};

static const struct tp_itch_field tp_itch_ipo_quoting[] = {
	TP_ALPHA(11, 8, ipo_quoting.stock),
	TP_BE32(19, ipo_quoting.release_time),
	TP_BYTE(23, ipo_quoting.release_qualifier),
	TP_BE32(24, ipo_quoting.ipo_price),
	{}
};

static const struct tp_itch_field tp_itch_luld_collar[] = {
	TP_ALPHA(11, 8, luld_collar.stock),
	TP_BE32(19, luld_collar.ref_price),
	TP_BE32(23, luld_collar.upper_price),
	TP_BE32(27, luld_collar.lower_price),
	TP_BE32(31, luld_collar.extension),
	{}
};

static const struct tp_itch_field tp_itch_operational_halt[] = {
	TP_ALPHA(11, 8, operational_halt.stock),
	TP_BYTE(19, operational_halt.market_code),
	TP_BYTE(20, operational_halt.action),
	{}
};

static const struct tp_itch_field tp_itch_add_order[] = {
	TP_BE64(11, add_order.order_ref),
	TP_SIDE(19),
	TP_BE32(20, add_order.shares),
	TP_STOCK(24),
	TP_BE32(32, add_order.price),
	{}
};

static const struct tp_itch_field tp_itch_add_order_mpid[] = {
	TP_BE64(11, add_order.order_ref),
	TP_SIDE(19),
	TP_BE32(20, add_order.shares),
	TP_STOCK(24),
	TP_BE32(32, add_order.price),
	TP_ALPHA(36, 4, add_order.mpid),
	{}
};

static const struct tp_itch_field tp_itch_order_executed[] = {
	TP_BE64(11, order_executed.order_ref),
	TP_BE32(19, order_executed.shares),
	TP_BE64(23, order_executed.match_number),
	{}
};

static const struct tp_itch_field tp_itch_order_executed_price[] = {
	TP_BE64(11, order_executed.order_ref),
	TP_BE32(19, order_executed.shares),
	TP_BE64(23, order_executed.match_number),
	TP_PRINTABLE(31),
	TP_BE32(32, order_executed.price),
	{}
};

static const struct tp_itch_field tp_itch_order_cancel[] = {
	TP_BE64(11, order_cancel.order_ref),
	TP_BE32(19, order_cancel.shares),
	{}
};

static const struct tp_itch_field tp_itch_order_delete[] = {
	TP_BE64(11, order_delete.order_ref),
	{}
};

static const struct tp_itch_field tp_itch_order_replace[] = {
	TP_BE64(11, order_replace.orig_order_ref),
	TP_BE64(19, order_replace.new_order_ref),
	TP_BE32(27, order_replace.shares),
	TP_BE32(31, order_replace.price),
	{}
};

static const struct tp_itch_field tp_itch_trade[] = {
	TP_BE64(11, trade.order_ref),
	TP_SIDE(19),
	TP_BE32(20, trade.shares),
	TP_STOCK(24),
	TP_BE32(32, trade.price),
	TP_BE64(36, trade.match_number),
	{}
};

static const struct tp_itch_field tp_itch_cross_trade[] = {
	TP_BE64(11, cross_trade.shares),
	TP_STOCK(19),
	TP_BE32(27, cross_trade.price),
	TP_BE64(31, cross_trade.match_number),
	TP_BYTE(39, cross_trade.cross_type),
	{}
};

static const struct tp_itch_field tp_itch_broken_trade[] = {
	TP_BE64(11, broken_trade.match_number),
	{}
};

static const struct tp_itch_field tp_itch_noii[] = {
	TP_BE64(11, noii.paired_shares),
	TP_BE64(19, noii.imbalance_shares),
	TP_BYTE(27, noii.imbalance_direction),
	TP_ALPHA(28, 8, noii.stock),
	TP_BE32(36, noii.far_price),
	TP_BE32(40, noii.near_price),
	TP_BE32(44, noii.current_ref_price),
	TP_BYTE(48, noii.cross_type),
	TP_BYTE(49, noii.price_variation),
	{}
};

static const struct tp_itch_field tp_itch_rpii[] = {
	TP_ALPHA(11, 8, rpii.stock),
	TP_BYTE(19, rpii.interest_flag),
	{}
};

static const struct tp_itch_field tp_itch_dlcr[] = {
	TP_ALPHA(11, 8, dlcr.stock),
	TP_BYTE(19, dlcr.open_eligibility_status),
	TP_BE32(20, dlcr.min_allowable_price),
	TP_BE32(24, dlcr.max_allowable_price),
	TP_BE32(28, dlcr.near_execution_price),
	TP_BE64(32, dlcr.near_execution_time),
	TP_BE32(40, dlcr.lower_price_range_collar),
	TP_BE32(44, dlcr.upper_price_range_collar),
	{}
};

/* Type indexes, in the order of docs/protocols.md. */
enum {
	TP_IX_NONE,
	TP_IX_SYSTEM_EVENT,
	TP_IX_STOCK_DIRECTORY,
	TP_IX_TRADING_ACTION,
	TP_IX_REG_SHO,
	TP_IX_PARTICIPANT_POSITION,
	TP_IX_MWCB_DECLINE,
	TP_IX_MWCB_STATUS,
	TP_IX_IPO_QUOTING,
	TP_IX_LULD_COLLAR,
	TP_IX_OPERATIONAL_HALT,
	TP_IX_ADD_ORDER,
	TP_IX_ADD_ORDER_MPID,
	TP_IX_ORDER_EXECUTED,
	TP_IX_ORDER_EXECUTED_PRICE,
	TP_IX_ORDER_CANCEL,
	TP_IX_ORDER_DELETE,
	TP_IX_ORDER_REPLACE,
	TP_IX_TRADE,
	TP_IX_CROSS_TRADE,
	TP_IX_BROKEN_TRADE,
	TP_IX_NOII,
	TP_IX_RPII,
	TP_IX_DLCR,
	TP_IX_END
};

const u8 tp_itch_index[256] = {
	['S'] = TP_IX_SYSTEM_EVENT,
	['R'] = TP_IX_STOCK_DIRECTORY,
	['H'] = TP_IX_TRADING_ACTION,
	['Y'] = TP_IX_REG_SHO,
	['L'] = TP_IX_PARTICIPANT_POSITION,
	['V'] = TP_IX_MWCB_DECLINE,
	['W'] = TP_IX_MWCB_STATUS,
	['K'] = TP_IX_IPO_QUOTING,
	['J'] = TP_IX_LULD_COLLAR,
	['h'] = TP_IX_OPERATIONAL_HALT,
	['A'] = TP_IX_ADD_ORDER,
	['F'] = TP_IX_ADD_ORDER_MPID,
	['E'] = TP_IX_ORDER_EXECUTED,
	['C'] = TP_IX_ORDER_EXECUTED_PRICE,
	['X'] = TP_IX_ORDER_CANCEL,
	['D'] = TP_IX_ORDER_DELETE,
	['U'] = TP_IX_ORDER_REPLACE,
	['P'] = TP_IX_TRADE,
	['Q'] = TP_IX_CROSS_TRADE,
	['B'] = TP_IX_BROKEN_TRADE,
	['I'] = TP_IX_NOII,
	['N'] = TP_IX_RPII,
	['O'] = TP_IX_DLCR,
};

const struct tp_itch_type tp_itch_types[TP_ITCH_TYPES + 1] = {
	[TP_IX_SYSTEM_EVENT] = { 'S', 12, 0, tp_itch_system_event },
	[TP_IX_STOCK_DIRECTORY] = { 'R', 39, TICKPATH_REC_F_LONG, tp_itch_stock_directory },
	[TP_IX_TRADING_ACTION] = { 'H', 25, 0, tp_itch_trading_action },
	[TP_IX_REG_SHO] = { 'Y', 20, 0, tp_itch_reg_sho },
	[TP_IX_PARTICIPANT_POSITION] = { 'L', 26, 0, tp_itch_participant_position },
	[TP_IX_MWCB_DECLINE] = { 'V', 35, 0, tp_itch_mwcb_decline },
	[TP_IX_MWCB_STATUS] = { 'W', 12, 0, tp_itch_mwcb_status },
	[TP_IX_IPO_QUOTING] = { 'K', 28, 0, tp_itch_ipo_quoting },
	[TP_IX_LULD_COLLAR] = { 'J', 35, 0, tp_itch_luld_collar },
	[TP_IX_OPERATIONAL_HALT] = { 'h', 21, 0, tp_itch_operational_halt },
	[TP_IX_ADD_ORDER] = { 'A', 36, 0, tp_itch_add_order },
	[TP_IX_ADD_ORDER_MPID] = { 'F', 40, 0, tp_itch_add_order_mpid },
	[TP_IX_ORDER_EXECUTED] = { 'E', 31, 0, tp_itch_order_executed },
	[TP_IX_ORDER_EXECUTED_PRICE] = { 'C', 36, 0, tp_itch_order_executed_price },
	[TP_IX_ORDER_CANCEL] = { 'X', 23, 0, tp_itch_order_cancel },
	[TP_IX_ORDER_DELETE] = { 'D', 19, 0, tp_itch_order_delete },
	[TP_IX_ORDER_REPLACE] = { 'U', 35, 0, tp_itch_order_replace },
	[TP_IX_TRADE] = { 'P', 44, 0, tp_itch_trade },
	[TP_IX_CROSS_TRADE] = { 'Q', 40, 0, tp_itch_cross_trade },
	[TP_IX_BROKEN_TRADE] = { 'B', 19, 0, tp_itch_broken_trade },
	[TP_IX_NOII] = { 'I', 50, TICKPATH_REC_F_LONG, tp_itch_noii },
	[TP_IX_RPII] = { 'N', 20, 0, tp_itch_rpii },
	[TP_IX_DLCR] = { 'O', 48, TICKPATH_REC_F_LONG, tp_itch_dlcr },
};

static_assert(ARRAY_SIZE(tp_itch_types) == TP_IX_END, "one entry per index");

u8 tp_itch_type_char(unsigned int index)
{
	return index <= TP_ITCH_TYPES ? tp_itch_types[index].type : 0;
}

unsigned int tp_itch_length(u8 type)
{
	return tp_itch_types[tp_itch_index[type]].len;
}

/* Steps through the blocks by their length fields; none may be cut short. */
static enum tickpath_malformed tp_mold_blocks(const u8 *p, u32 len, u16 count)
{
	u32 off = 0;
	u16 n;

	for (n = 0; off < len; n++) {
		u16 blen;

		/* Bytes after the last block the header announced. */
		if (n == count)
			return TICKPATH_MALFORMED_COUNT;
		if (len - off < 2)
			return TICKPATH_MALFORMED_OVERRUN;
		blen = tp_get_be16(p + off);
		if (!blen)
			return TICKPATH_MALFORMED_ZERO_LENGTH;
		off += 2;
		if (blen > len - off)
			return TICKPATH_MALFORMED_OVERRUN;
		off += blen;
	}
	return n == count ? TICKPATH_MALFORMED_NONE : TICKPATH_MALFORMED_COUNT;
}

enum tickpath_malformed tp_mold_parse(const u8 *data, u32 len,
				      struct tp_mold_packet *pkt)
{
	if (len < TP_MOLD_HEADER_LEN)
		return TICKPATH_MALFORMED_HEADER;
	pkt->session = data;
	pkt->seq = tp_get_be64(data + TP_MOLD_SESSION_LEN);
	pkt->count = tp_get_be16(data + TP_MOLD_SESSION_LEN + 8);
	pkt->blocks = data + TP_MOLD_HEADER_LEN;
	pkt->blocks_len = len - TP_MOLD_HEADER_LEN;

	if (pkt->count == TP_MOLD_END_OF_SESSION)
		return pkt->blocks_len ? TICKPATH_MALFORMED_EOS_DATA :
					 TICKPATH_MALFORMED_NONE;
	return tp_mold_blocks(pkt->blocks, pkt->blocks_len, pkt->count);
}

/*
 * The decoder, one function per type: straight-line loads and stores at
 * constant offsets, where a walk over the table would take a loop, a switch
 * per field and a memset of the whole body.  They follow the tables above,
 * which the unit tests hold them to.
 */
static void tp_itch_decode_system_event(struct tickpath_rec *rec, const u8 *msg)
{
	rec->system_event.event_code = msg[11];
}

static void tp_itch_decode_stock_directory(struct tickpath_rec *rec, const u8 *msg)
{
	memcpy(rec->stock_directory.stock, msg + 11, 8);
	rec->stock_directory.market_category = msg[19];
	rec->stock_directory.financial_status = msg[20];
	rec->stock_directory.round_lot_size = tp_get_be32(msg + 21);
	rec->stock_directory.round_lots_only = msg[25];
	rec->stock_directory.issue_classification = msg[26];
	memcpy(rec->stock_directory.issue_subtype, msg + 27, 2);
	rec->stock_directory.authenticity = msg[29];
	rec->stock_directory.short_sale_threshold = msg[30];
	rec->stock_directory.ipo_flag = msg[31];
	rec->stock_directory.luld_ref_price_tier = msg[32];
	rec->stock_directory.etp_flag = msg[33];
	rec->stock_directory.etp_leverage_factor = tp_get_be32(msg + 34);
	rec->stock_directory.inverse_indicator = msg[38];
}

static void tp_itch_decode_trading_action(struct tickpath_rec *rec, const u8 *msg)
{
	memcpy(rec->trading_action.stock, msg + 11, 8);
	rec->trading_action.trading_state = msg[19];
	rec->trading_action.reserved = msg[20];
	memcpy(rec->trading_action.reason, msg + 21, 4);
}

static void tp_itch_decode_reg_sho(struct tickpath_rec *rec, const u8 *msg)
{
	memcpy(rec->reg_sho.stock, msg + 11, 8);
	rec->reg_sho.action = msg[19];
}

static void tp_itch_decode_participant_position(struct tickpath_rec *rec, const u8 *msg)
{
	memcpy(rec->participant_position.mpid, msg + 11, 4);
	memcpy(rec->participant_position.stock, msg + 15, 8);
	rec->participant_position.primary_market_maker = msg[23];
	rec->participant_position.market_maker_mode = msg[24];
	rec->participant_position.market_participant_state = msg[25];
}

static void tp_itch_decode_mwcb_decline(struct tickpath_rec *rec, const u8 *msg)
{
	rec->mwcb_decline.level1 = tp_get_be64(msg + 11);
	rec->mwcb_decline.level2 = tp_get_be64(msg + 19);
	rec->mwcb_decline.level3 = tp_get_be64(msg + 27);
}

static void tp_itch_decode_mwcb_status(struct tickpath_rec *rec, const u8 *msg)
{
	rec->mwcb_status.breached_level = msg[11];
}

static void tp_itch_decode_ipo_quoting(struct tickpath_rec *rec, const u8 *msg)
{
	memcpy(rec->ipo_quoting.stock, msg + 11, 8);
	rec->ipo_quoting.release_time = tp_get_be32(msg + 19);
	rec->ipo_quoting.release_qualifier = msg[23];
	rec->ipo_quoting.ipo_price = tp_get_be32(msg + 24);
}

static void tp_itch_decode_luld_collar(struct tickpath_rec *rec, const u8 *msg)
{
	memcpy(rec->luld_collar.stock, msg + 11, 8);
	rec->luld_collar.ref_price = tp_get_be32(msg + 19);
	rec->luld_collar.upper_price = tp_get_be32(msg + 23);
	rec->luld_collar.lower_price = tp_get_be32(msg + 27);
	rec->luld_collar.extension = tp_get_be32(msg + 31);
}

static void tp_itch_decode_operational_halt(struct tickpath_rec *rec, const u8 *msg)
{
	memcpy(rec->operational_halt.stock, msg + 11, 8);
	rec->operational_halt.market_code = msg[19];
	rec->operational_halt.action = msg[20];
}

static void tp_itch_decode_add_order(struct tickpath_rec *rec, const u8 *msg)
{
	rec->add_order.order_ref = tp_get_be64(msg + 11);
	if (msg[19] == 'S')
		rec->flags |= TICKPATH_REC_F_SELL;
	rec->add_order.shares = tp_get_be32(msg + 20);
	/* The Stock at 24: the locate names it. */
	rec->add_order.price = tp_get_be32(msg + 32);
}

static void tp_itch_decode_add_order_mpid(struct tickpath_rec *rec, const u8 *msg)
{
	rec->add_order.order_ref = tp_get_be64(msg + 11);
	if (msg[19] == 'S')
		rec->flags |= TICKPATH_REC_F_SELL;
	rec->add_order.shares = tp_get_be32(msg + 20);
	/* The Stock at 24: the locate names it. */
	rec->add_order.price = tp_get_be32(msg + 32);
	memcpy(rec->add_order.mpid, msg + 36, 4);
}

static void tp_itch_decode_order_executed(struct tickpath_rec *rec, const u8 *msg)
{
	rec->order_executed.order_ref = tp_get_be64(msg + 11);
	rec->order_executed.shares = tp_get_be32(msg + 19);
	rec->order_executed.match_number = tp_get_be64(msg + 23);
}

static void tp_itch_decode_order_executed_price(struct tickpath_rec *rec, const u8 *msg)
{
	rec->order_executed.order_ref = tp_get_be64(msg + 11);
	rec->order_executed.shares = tp_get_be32(msg + 19);
	rec->order_executed.match_number = tp_get_be64(msg + 23);
	if (msg[31] == 'Y')
		rec->flags |= TICKPATH_REC_F_PRINTABLE;
	rec->order_executed.price = tp_get_be32(msg + 32);
}

static void tp_itch_decode_order_cancel(struct tickpath_rec *rec, const u8 *msg)
{
	rec->order_cancel.order_ref = tp_get_be64(msg + 11);
	rec->order_cancel.shares = tp_get_be32(msg + 19);
}

static void tp_itch_decode_order_delete(struct tickpath_rec *rec, const u8 *msg)
{
	rec->order_delete.order_ref = tp_get_be64(msg + 11);
}

static void tp_itch_decode_order_replace(struct tickpath_rec *rec, const u8 *msg)
{
	rec->order_replace.orig_order_ref = tp_get_be64(msg + 11);
	rec->order_replace.new_order_ref = tp_get_be64(msg + 19);
	rec->order_replace.shares = tp_get_be32(msg + 27);
	rec->order_replace.price = tp_get_be32(msg + 31);
}

static void tp_itch_decode_trade(struct tickpath_rec *rec, const u8 *msg)
{
	rec->trade.order_ref = tp_get_be64(msg + 11);
	if (msg[19] == 'S')
		rec->flags |= TICKPATH_REC_F_SELL;
	rec->trade.shares = tp_get_be32(msg + 20);
	/* The Stock at 24: the locate names it. */
	rec->trade.price = tp_get_be32(msg + 32);
	rec->trade.match_number = tp_get_be64(msg + 36);
}

static void tp_itch_decode_cross_trade(struct tickpath_rec *rec, const u8 *msg)
{
	rec->cross_trade.shares = tp_get_be64(msg + 11);
	/* The Stock at 19: the locate names it. */
	rec->cross_trade.price = tp_get_be32(msg + 27);
	rec->cross_trade.match_number = tp_get_be64(msg + 31);
	rec->cross_trade.cross_type = msg[39];
}

static void tp_itch_decode_broken_trade(struct tickpath_rec *rec, const u8 *msg)
{
	rec->broken_trade.match_number = tp_get_be64(msg + 11);
}

static void tp_itch_decode_noii(struct tickpath_rec *rec, const u8 *msg)
{
	rec->noii.paired_shares = tp_get_be64(msg + 11);
	rec->noii.imbalance_shares = tp_get_be64(msg + 19);
	rec->noii.imbalance_direction = msg[27];
	memcpy(rec->noii.stock, msg + 28, 8);
	rec->noii.far_price = tp_get_be32(msg + 36);
	rec->noii.near_price = tp_get_be32(msg + 40);
	rec->noii.current_ref_price = tp_get_be32(msg + 44);
	rec->noii.cross_type = msg[48];
	rec->noii.price_variation = msg[49];
}

static void tp_itch_decode_rpii(struct tickpath_rec *rec, const u8 *msg)
{
	memcpy(rec->rpii.stock, msg + 11, 8);
	rec->rpii.interest_flag = msg[19];
}

static void tp_itch_decode_dlcr(struct tickpath_rec *rec, const u8 *msg)
{
	memcpy(rec->dlcr.stock, msg + 11, 8);
	rec->dlcr.open_eligibility_status = msg[19];
	rec->dlcr.min_allowable_price = tp_get_be32(msg + 20);
	rec->dlcr.max_allowable_price = tp_get_be32(msg + 24);
	rec->dlcr.near_execution_price = tp_get_be32(msg + 28);
	rec->dlcr.near_execution_time = tp_get_be64(msg + 32);
	rec->dlcr.lower_price_range_collar = tp_get_be32(msg + 40);
	rec->dlcr.upper_price_range_collar = tp_get_be32(msg + 44);
}

/*
 * The header, in fewer loads than its four fields: the tracking number and
 * the timestamp are the header's last eight bytes, one big-endian word.
 */
static void tp_itch_decode_header(struct tickpath_rec *rec, const u8 *msg)
{
	u64 tail = tp_get_be64(msg + TP_ITCH_HEADER_LEN - 8);

	rec->type = msg[0];
	rec->locate = tp_get_be16(msg + 1);
	rec->tracking = tail >> 48;
	rec->exch_ts = tail & ((1ULL << 48) - 1);	/* 6 bytes */
}

/* What a one-slot record's body holds: its second slot is never copied. */
#define TP_ITCH_SHORT_BODY (TICKPATH_SLOT_SIZE - TICKPATH_REC_BODY_OFFSET)

enum tickpath_malformed tp_itch_decode(const u8 *msg, u16 len,
				       struct tickpath_rec *rec)
{
	const struct tp_itch_type *t;
	unsigned int index;

	if (!len)
		return TICKPATH_MALFORMED_LENGTH;
	index = tp_itch_index[msg[0]];
	t = &tp_itch_types[index];
	if (!t->len)
		return TICKPATH_MALFORMED_TYPE;
	if (len != t->len)
		return TICKPATH_MALFORMED_LENGTH;

	/* Only the slots the record takes are cleared, with constant sizes. */
	memset(rec->body, 0, TP_ITCH_SHORT_BODY);
	if (t->flags & TICKPATH_REC_F_LONG)
		memset(rec->body + TP_ITCH_SHORT_BODY, 0,
		       sizeof(rec->body) - TP_ITCH_SHORT_BODY);
	rec->flags = (rec->flags & TICKPATH_REC_F_HW_TS) | t->flags;
	tp_itch_decode_header(rec, msg);
	switch (index) {
	case TP_IX_SYSTEM_EVENT:
		tp_itch_decode_system_event(rec, msg);
		break;
	case TP_IX_STOCK_DIRECTORY:
		tp_itch_decode_stock_directory(rec, msg);
		break;
	case TP_IX_TRADING_ACTION:
		tp_itch_decode_trading_action(rec, msg);
		break;
	case TP_IX_REG_SHO:
		tp_itch_decode_reg_sho(rec, msg);
		break;
	case TP_IX_PARTICIPANT_POSITION:
		tp_itch_decode_participant_position(rec, msg);
		break;
	case TP_IX_MWCB_DECLINE:
		tp_itch_decode_mwcb_decline(rec, msg);
		break;
	case TP_IX_MWCB_STATUS:
		tp_itch_decode_mwcb_status(rec, msg);
		break;
	case TP_IX_IPO_QUOTING:
		tp_itch_decode_ipo_quoting(rec, msg);
		break;
	case TP_IX_LULD_COLLAR:
		tp_itch_decode_luld_collar(rec, msg);
		break;
	case TP_IX_OPERATIONAL_HALT:
		tp_itch_decode_operational_halt(rec, msg);
		break;
	case TP_IX_ADD_ORDER:
		tp_itch_decode_add_order(rec, msg);
		break;
	case TP_IX_ADD_ORDER_MPID:
		tp_itch_decode_add_order_mpid(rec, msg);
		break;
	case TP_IX_ORDER_EXECUTED:
		tp_itch_decode_order_executed(rec, msg);
		break;
	case TP_IX_ORDER_EXECUTED_PRICE:
		tp_itch_decode_order_executed_price(rec, msg);
		break;
	case TP_IX_ORDER_CANCEL:
		tp_itch_decode_order_cancel(rec, msg);
		break;
	case TP_IX_ORDER_DELETE:
		tp_itch_decode_order_delete(rec, msg);
		break;
	case TP_IX_ORDER_REPLACE:
		tp_itch_decode_order_replace(rec, msg);
		break;
	case TP_IX_TRADE:
		tp_itch_decode_trade(rec, msg);
		break;
	case TP_IX_CROSS_TRADE:
		tp_itch_decode_cross_trade(rec, msg);
		break;
	case TP_IX_BROKEN_TRADE:
		tp_itch_decode_broken_trade(rec, msg);
		break;
	case TP_IX_NOII:
		tp_itch_decode_noii(rec, msg);
		break;
	case TP_IX_RPII:
		tp_itch_decode_rpii(rec, msg);
		break;
	case TP_IX_DLCR:
		tp_itch_decode_dlcr(rec, msg);
		break;
	}
	return TICKPATH_MALFORMED_NONE;
}
