/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One hand-built message of every ITCH 5.0 type, in the order of
 * docs/protocols.md, with the record it decodes to.  Written from the
 * specification, not from the decoder's table, so that a field the table
 * misplaces, swaps or reads with the wrong width or byte order fails.  Every
 * byte differs from every other: byte o of a message is 0x80 + o in integer
 * fields (top bit set, so a sign extension shows) and character o of
 * "0123456789A..Za..z" in alpha and one-byte fields.  Buy/Sell is 'S' and
 * Printable 'Y'; the Stock of A, F, P and Q must vanish.
 */
#ifndef TP_ITCH_VECTORS_H
#define TP_ITCH_VECTORS_H

struct tp_itch_vector {
	u16 len;
	u8 wire[TP_ITCH_MAX_LEN];
	struct tickpath_rec rec;
};

static const struct tp_itch_vector tp_itch_vectors[TP_ITCH_TYPES] = {
	{
		.len = 12,
		.wire = {
			'S',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			'B',				/* 11 event_code */
		},
		.rec = {
			.type = 'S',
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.system_event = {
				.event_code = 'B',
			},
		},
	},
	{
		.len = 39,
		.wire = {
			'R',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I',	/* 11 stock */
			'J',				/* 19 market_category */
			'K',				/* 20 financial_status */
			0x95, 0x96, 0x97, 0x98,		/* 21 round_lot_size */
			'P',				/* 25 round_lots_only */
			'Q',				/* 26 issue_classification */
			'R', 'S',			/* 27 issue_subtype */
			'T',				/* 29 authenticity */
			'U',				/* 30 short_sale_threshold */
			'V',				/* 31 ipo_flag */
			'W',				/* 32 luld_ref_price_tier */
			'X',				/* 33 etp_flag */
			0xa2, 0xa3, 0xa4, 0xa5,		/* 34 etp_leverage_factor */
			'c',				/* 38 inverse_indicator */
		},
		.rec = {
			.type = 'R',
			.flags = TICKPATH_REC_F_LONG,
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.stock_directory = {
				.stock = "BCDEFGHI",
				.market_category = 'J',
				.financial_status = 'K',
				.round_lot_size = 0x95969798,
				.round_lots_only = 'P',
				.issue_classification = 'Q',
				.issue_subtype = "RS",
				.authenticity = 'T',
				.short_sale_threshold = 'U',
				.ipo_flag = 'V',
				.luld_ref_price_tier = 'W',
				.etp_flag = 'X',
				.etp_leverage_factor = 0xa2a3a4a5,
				.inverse_indicator = 'c',
			},
		},
	},
	{
		.len = 25,
		.wire = {
			'H',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I',	/* 11 stock */
			'J',				/* 19 trading_state */
			'K',				/* 20 reserved */
			'L', 'M', 'N', 'O',		/* 21 reason */
		},
		.rec = {
			.type = 'H',
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.trading_action = {
				.stock = "BCDEFGHI",
				.trading_state = 'J',
				.reserved = 'K',
				.reason = "LMNO",
			},
		},
	},
	{
		.len = 20,
		.wire = {
			'Y',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I',	/* 11 stock */
			'J',				/* 19 action */
		},
		.rec = {
			.type = 'Y',
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.reg_sho = {
				.stock = "BCDEFGHI",
				.action = 'J',
			},
		},
	},
	{
		.len = 26,
		.wire = {
			'L',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			'B', 'C', 'D', 'E',		/* 11 mpid */
			'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M',	/* 15 stock */
			'N',				/* 23 primary_market_maker */
			'O',				/* 24 market_maker_mode */
			'P',				/* 25 market_participant_state */
		},
		.rec = {
			.type = 'L',
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.participant_position = {
				.mpid = "BCDE",
				.stock = "FGHIJKLM",
				.primary_market_maker = 'N',
				.market_maker_mode = 'O',
				.market_participant_state = 'P',
			},
		},
	},
	{
		.len = 35,
		.wire = {
			'V',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92,	/* 11 level1 */
			0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a,	/* 19 level2 */
			0x9b, 0x9c, 0x9d, 0x9e, 0x9f, 0xa0, 0xa1, 0xa2,	/* 27 level3 */
		},
		.rec = {
			.type = 'V',
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.mwcb_decline = {
				.level1 = 0x8b8c8d8e8f909192ULL,
				.level2 = 0x939495969798999aULL,
				.level3 = 0x9b9c9d9e9fa0a1a2ULL,
			},
		},
	},
	{
		.len = 12,
		.wire = {
			'W',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			'B',				/* 11 breached_level */
		},
		.rec = {
			.type = 'W',
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.mwcb_status = {
				.breached_level = 'B',
			},
		},
	},
	{
		.len = 28,
		.wire = {
			'K',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I',	/* 11 stock */
			0x93, 0x94, 0x95, 0x96,		/* 19 release_time */
			'N',				/* 23 release_qualifier */
			0x98, 0x99, 0x9a, 0x9b,		/* 24 ipo_price */
		},
		.rec = {
			.type = 'K',
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.ipo_quoting = {
				.stock = "BCDEFGHI",
				.release_time = 0x93949596,
				.release_qualifier = 'N',
				.ipo_price = 0x98999a9b,
			},
		},
	},
	{
		.len = 35,
		.wire = {
			'J',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I',	/* 11 stock */
			0x93, 0x94, 0x95, 0x96,		/* 19 ref_price */
			0x97, 0x98, 0x99, 0x9a,		/* 23 upper_price */
			0x9b, 0x9c, 0x9d, 0x9e,		/* 27 lower_price */
			0x9f, 0xa0, 0xa1, 0xa2,		/* 31 extension */
		},
		.rec = {
			.type = 'J',
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.luld_collar = {
				.stock = "BCDEFGHI",
				.ref_price = 0x93949596,
				.upper_price = 0x9798999a,
				.lower_price = 0x9b9c9d9e,
				.extension = 0x9fa0a1a2,
			},
		},
	},
	{
		.len = 21,
		.wire = {
			'h',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I',	/* 11 stock */
			'J',				/* 19 market_code */
			'K',				/* 20 action */
		},
		.rec = {
			.type = 'h',
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.operational_halt = {
				.stock = "BCDEFGHI",
				.market_code = 'J',
				.action = 'K',
			},
		},
	},
	{
		.len = 36,
		.wire = {
			'A',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92,	/* 11 order_ref */
			'S',				/* 19 Buy/Sell */
			0x94, 0x95, 0x96, 0x97,		/* 20 shares */
			'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V',	/* 24 Stock (dropped) */
			0xa0, 0xa1, 0xa2, 0xa3,		/* 32 price */
		},
		.rec = {
			.type = 'A',
			.flags = TICKPATH_REC_F_SELL,
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.add_order = {
				.order_ref = 0x8b8c8d8e8f909192ULL,
				.shares = 0x94959697,
				.price = 0xa0a1a2a3,
			},
		},
	},
	{
		.len = 40,
		.wire = {
			'F',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92,	/* 11 order_ref */
			'S',				/* 19 Buy/Sell */
			0x94, 0x95, 0x96, 0x97,		/* 20 shares */
			'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V',	/* 24 Stock (dropped) */
			0xa0, 0xa1, 0xa2, 0xa3,		/* 32 price */
			'a', 'b', 'c', 'd',		/* 36 mpid */
		},
		.rec = {
			.type = 'F',
			.flags = TICKPATH_REC_F_SELL,
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.add_order = {
				.order_ref = 0x8b8c8d8e8f909192ULL,
				.shares = 0x94959697,
				.price = 0xa0a1a2a3,
				.mpid = "abcd",
			},
		},
	},
	{
		.len = 31,
		.wire = {
			'E',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92,	/* 11 order_ref */
			0x93, 0x94, 0x95, 0x96,		/* 19 shares */
			0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e,	/* 23 match_number */
		},
		.rec = {
			.type = 'E',
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.order_executed = {
				.order_ref = 0x8b8c8d8e8f909192ULL,
				.shares = 0x93949596,
				.match_number = 0x9798999a9b9c9d9eULL,
			},
		},
	},
	{
		.len = 36,
		.wire = {
			'C',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92,	/* 11 order_ref */
			0x93, 0x94, 0x95, 0x96,		/* 19 shares */
			0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e,	/* 23 match_number */
			'Y',				/* 31 Printable */
			0xa0, 0xa1, 0xa2, 0xa3,		/* 32 price */
		},
		.rec = {
			.type = 'C',
			.flags = TICKPATH_REC_F_PRINTABLE,
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.order_executed = {
				.order_ref = 0x8b8c8d8e8f909192ULL,
				.shares = 0x93949596,
				.match_number = 0x9798999a9b9c9d9eULL,
				.price = 0xa0a1a2a3,
			},
		},
	},
	{
		.len = 23,
		.wire = {
			'X',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92,	/* 11 order_ref */
			0x93, 0x94, 0x95, 0x96,		/* 19 shares */
		},
		.rec = {
			.type = 'X',
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.order_cancel = {
				.order_ref = 0x8b8c8d8e8f909192ULL,
				.shares = 0x93949596,
			},
		},
	},
	{
		.len = 19,
		.wire = {
			'D',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92,	/* 11 order_ref */
		},
		.rec = {
			.type = 'D',
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.order_delete = {
				.order_ref = 0x8b8c8d8e8f909192ULL,
			},
		},
	},
	{
		.len = 35,
		.wire = {
			'U',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92,	/* 11 orig_order_ref */
			0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a,	/* 19 new_order_ref */
			0x9b, 0x9c, 0x9d, 0x9e,		/* 27 shares */
			0x9f, 0xa0, 0xa1, 0xa2,		/* 31 price */
		},
		.rec = {
			.type = 'U',
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.order_replace = {
				.orig_order_ref = 0x8b8c8d8e8f909192ULL,
				.new_order_ref = 0x939495969798999aULL,
				.shares = 0x9b9c9d9e,
				.price = 0x9fa0a1a2,
			},
		},
	},
	{
		.len = 44,
		.wire = {
			'P',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92,	/* 11 order_ref */
			'S',				/* 19 Buy/Sell */
			0x94, 0x95, 0x96, 0x97,		/* 20 shares */
			'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V',	/* 24 Stock (dropped) */
			0xa0, 0xa1, 0xa2, 0xa3,		/* 32 price */
			0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab,	/* 36 match_number */
		},
		.rec = {
			.type = 'P',
			.flags = TICKPATH_REC_F_SELL,
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.trade = {
				.order_ref = 0x8b8c8d8e8f909192ULL,
				.shares = 0x94959697,
				.price = 0xa0a1a2a3,
				.match_number = 0xa4a5a6a7a8a9aaabULL,
			},
		},
	},
	{
		.len = 40,
		.wire = {
			'Q',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92,	/* 11 shares */
			'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q',	/* 19 Stock (dropped) */
			0x9b, 0x9c, 0x9d, 0x9e,		/* 27 price */
			0x9f, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6,	/* 31 match_number */
			'd',				/* 39 cross_type */
		},
		.rec = {
			.type = 'Q',
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.cross_trade = {
				.shares = 0x8b8c8d8e8f909192ULL,
				.price = 0x9b9c9d9e,
				.match_number = 0x9fa0a1a2a3a4a5a6ULL,
				.cross_type = 'd',
			},
		},
	},
	{
		.len = 19,
		.wire = {
			'B',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92,	/* 11 match_number */
		},
		.rec = {
			.type = 'B',
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.broken_trade = {
				.match_number = 0x8b8c8d8e8f909192ULL,
			},
		},
	},
	{
		.len = 50,
		.wire = {
			'I',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92,	/* 11 paired_shares */
			0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a,	/* 19 imbalance_shares */
			'R',				/* 27 imbalance_direction */
			'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z',	/* 28 stock */
			0xa4, 0xa5, 0xa6, 0xa7,		/* 36 far_price */
			0xa8, 0xa9, 0xaa, 0xab,		/* 40 near_price */
			0xac, 0xad, 0xae, 0xaf,		/* 44 current_ref_price */
			'm',				/* 48 cross_type */
			'n',				/* 49 price_variation */
		},
		.rec = {
			.type = 'I',
			.flags = TICKPATH_REC_F_LONG,
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.noii = {
				.paired_shares = 0x8b8c8d8e8f909192ULL,
				.imbalance_shares = 0x939495969798999aULL,
				.imbalance_direction = 'R',
				.stock = "STUVWXYZ",
				.far_price = 0xa4a5a6a7,
				.near_price = 0xa8a9aaab,
				.current_ref_price = 0xacadaeaf,
				.cross_type = 'm',
				.price_variation = 'n',
			},
		},
	},
	{
		.len = 20,
		.wire = {
			'N',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I',	/* 11 stock */
			'J',				/* 19 interest_flag */
		},
		.rec = {
			.type = 'N',
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.rpii = {
				.stock = "BCDEFGHI",
				.interest_flag = 'J',
			},
		},
	},
	{
		.len = 48,
		.wire = {
			'O',				/* 0 type */
			0x81, 0x82,			/* 1 locate */
			0x83, 0x84,			/* 3 tracking */
			0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,	/* 5 exch_ts */
			'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I',	/* 11 stock */
			'J',				/* 19 open_eligibility_status */
			0x94, 0x95, 0x96, 0x97,		/* 20 min_allowable_price */
			0x98, 0x99, 0x9a, 0x9b,		/* 24 max_allowable_price */
			0x9c, 0x9d, 0x9e, 0x9f,		/* 28 near_execution_price */
			0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,	/* 32 near_execution_time */
			0xa8, 0xa9, 0xaa, 0xab,		/* 40 lower_price_range_collar */
			0xac, 0xad, 0xae, 0xaf,		/* 44 upper_price_range_collar */
		},
		.rec = {
			.type = 'O',
			.flags = TICKPATH_REC_F_LONG,
			.locate = 0x8182,
			.tracking = 0x8384,
			.exch_ts = 0x85868788898aULL,
			.dlcr = {
				.stock = "BCDEFGHI",
				.open_eligibility_status = 'J',
				.min_allowable_price = 0x94959697,
				.max_allowable_price = 0x98999a9b,
				.near_execution_price = 0x9c9d9e9f,
				.near_execution_time = 0xa0a1a2a3a4a5a6a7ULL,
				.lower_price_range_collar = 0xa8a9aaab,
				.upper_price_range_collar = 0xacadaeaf,
			},
		},
	},
};

#endif /* TP_ITCH_VECTORS_H */
