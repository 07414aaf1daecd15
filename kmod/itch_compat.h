/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * The little the freestanding decoder needs, under the kernel's names, so
 * that itch.c builds unchanged in the module and in user space.
 */
#ifndef _TP_ITCH_COMPAT_H
#define _TP_ITCH_COMPAT_H

#ifdef __KERNEL__

#include "compat.h"

#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/types.h>

#define tp_get_be16 get_unaligned_be16
#define tp_get_be32 get_unaligned_be32
#define tp_get_be64 get_unaligned_be64
#define tp_put_be16 put_unaligned_be16
#define tp_put_be32 put_unaligned_be32
#define tp_put_be64 put_unaligned_be64

#else

#include <assert.h>
#include <stddef.h>
#include <string.h>
#include <linux/types.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* Byte by byte: any alignment, any host; compilers fold these into one
 * load or store and a byte swap.
 */
static inline u16 tp_get_be16(const void *p)
{
	const u8 *b = p;

	return (u16)(b[0] << 8 | b[1]);
}

static inline u32 tp_get_be32(const void *p)
{
	const u8 *b = p;

	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

static inline u64 tp_get_be64(const void *p)
{
	const u8 *b = p;

	return (u64)tp_get_be32(b) << 32 | tp_get_be32(b + 4);
}

static inline void tp_put_be16(u16 v, void *p)
{
	u8 *b = p;

	b[0] = v >> 8;
	b[1] = v;
}

static inline void tp_put_be32(u32 v, void *p)
{
	u8 *b = p;

	tp_put_be16(v >> 16, b);
	tp_put_be16(v, b + 2);
}

static inline void tp_put_be64(u64 v, void *p)
{
	u8 *b = p;

	tp_put_be32(v >> 32, b);
	tp_put_be32(v, b + 4);
}

#endif /* __KERNEL__ */

/* The ITCH timestamp: 48 bits, widened before the shift. */
static inline u64 tp_get_be48(const void *p)
{
	const u8 *b = p;

	return (u64)tp_get_be16(b) << 32 | tp_get_be32(b + 2);
}

static inline void tp_put_be48(u64 v, void *p)
{
	u8 *b = p;

	tp_put_be16(v >> 32, b);
	tp_put_be32(v, b + 2);
}

#endif /* _TP_ITCH_COMPAT_H */
