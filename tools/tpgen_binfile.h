/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Nasdaq's BinaryFILE: the messages of a day, each after its length as two
 * big-endian bytes.  Read as a stream, so a day of any size replays in
 * constant memory (and from a pipe: zcat day.gz | tpgen --replay -).
 */
#ifndef TPGEN_BINFILE_H
#define TPGEN_BINFILE_H

#include <stdint.h>
#include <stdio.h>

struct tp_binfile {
	FILE *f;
	uint8_t *buf;
	size_t pos;		/* the next length field */
	size_t end;		/* of the bytes read */
	uint64_t empty;		/* zero-length entries, skipped */
	uint64_t truncated;	/* 1 if the file ends inside an entry */
};

/* 0, or -1 when out of memory. */
int tp_binfile_open(struct tp_binfile *b, FILE *f);
void tp_binfile_close(struct tp_binfile *b);
/* 1: a message (valid until the next call); 0: the end; -1: a read error. */
int tp_binfile_next(struct tp_binfile *b, const uint8_t **msg, uint16_t *len);
/* 0, or -1 on a write error. */
int tp_binfile_write(FILE *f, const uint8_t *msg, uint16_t len);

#endif /* TPGEN_BINFILE_H */
