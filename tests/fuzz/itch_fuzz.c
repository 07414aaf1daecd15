// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: any bytes as a MoldUDP64 payload.  Framing and decoding
 * must never read outside the input (ASan), a packet that passes must walk
 * cleanly, and a decoded message must re-encode to one that decodes to the
 * same record.
 */
#include "../../kmod/itch.c"
#include "../../lib/itch_encode.c"

#include <stdlib.h>

static void fuzz_message(const u8 *msg, u16 len)
{
	struct tickpath_rec rec = { 0 }, again = { 0 };
	u8 out[TP_ITCH_MAX_LEN];
	char stock[8];

	if (tp_itch_decode(msg, len, &rec) != TICKPATH_MALFORMED_NONE)
		return;
	memset(stock, ' ', sizeof(stock));
	if (tp_itch_encode(&rec, stock, out) != len)
		abort();
	if (tp_itch_decode(out, len, &again) != TICKPATH_MALFORMED_NONE ||
	    memcmp(&rec, &again, sizeof(rec)))
		abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct tp_mold_packet pkt;
	const u8 *cursor, *end;

	if (size > 0xffff)
		return 0;
	fuzz_message(data, size);
	if (tp_mold_parse(data, size, &pkt) != TICKPATH_MALFORMED_NONE ||
	    pkt.count == TP_MOLD_END_OF_SESSION)
		return 0;
	cursor = pkt.blocks;
	end = pkt.blocks + pkt.blocks_len;
	for (unsigned int i = 0; i < pkt.count; i++) {
		const u8 *msg;
		u16 len;

		if (end - cursor < 2)
			abort();
		msg = tp_mold_next_block(&cursor, &len);
		if (!len || len > end - msg)
			abort();
		fuzz_message(msg, len);
	}
	if (cursor != end)
		abort();
	return 0;
}
