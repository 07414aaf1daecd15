// SPDX-License-Identifier: GPL-2.0
/* BinaryFILE reading and writing (see tpgen_binfile.h). */
#include <stdlib.h>
#include <string.h>

#include "itch.h"
#include "tpgen_binfile.h"

/* Room for the longest entry, 2 + 65535 bytes, many times over. */
#define TP_BINFILE_BUF (1 << 20)

int tp_binfile_open(struct tp_binfile *b, FILE *f)
{
	memset(b, 0, sizeof(*b));
	b->f = f;
	b->buf = malloc(TP_BINFILE_BUF);
	return b->buf ? 0 : -1;
}

void tp_binfile_close(struct tp_binfile *b)
{
	free(b->buf);
	b->buf = NULL;
}

/* Makes @need bytes available at pos, if the file has them. */
static int tp_binfile_fill(struct tp_binfile *b, size_t need)
{
	if (b->end - b->pos >= need)
		return 0;
	memmove(b->buf, b->buf + b->pos, b->end - b->pos);
	b->end -= b->pos;
	b->pos = 0;
	b->end += fread(b->buf + b->end, 1, TP_BINFILE_BUF - b->end, b->f);
	if (ferror(b->f))
		return -1;
	return b->end >= need ? 0 : 1;
}

int tp_binfile_next(struct tp_binfile *b, const uint8_t **msg, uint16_t *len)
{
	int err;

	for (;;) {
		err = tp_binfile_fill(b, 2);
		if (!err) {
			*len = tp_get_be16(b->buf + b->pos);
			err = tp_binfile_fill(b, 2 + (size_t)*len);
		}
		if (err < 0)
			return -1;
		if (err) {
			b->truncated = b->end > b->pos;
			return 0;
		}
		*msg = b->buf + b->pos + 2;
		b->pos += 2 + (size_t)*len;
		if (*len)
			return 1;
		b->empty++;
	}
}

int tp_binfile_write(FILE *f, const uint8_t *msg, uint16_t len)
{
	uint8_t h[2];

	tp_put_be16(len, h);
	if (fwrite(h, 2, 1, f) != 1 || (len && fwrite(msg, len, 1, f) != 1))
		return -1;
	return 0;
}
