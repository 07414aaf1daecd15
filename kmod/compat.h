/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel interfaces that changed after 6.1, the oldest kernel tickpath
 * builds for, spelled the new way.
 */
#ifndef _TP_COMPAT_H
#define _TP_COMPAT_H

#include <linux/mm.h>
#include <linux/version.h>

/* 6.12 moved the unaligned accessors out of asm/. */
#if KERNEL_VERSION(6, 12, 0) > LINUX_VERSION_CODE
#include <asm/unaligned.h>
#else
#include <linux/unaligned.h>
#endif

/* 6.3 made vma->vm_flags writable only through these helpers. */
#if KERNEL_VERSION(6, 3, 0) > LINUX_VERSION_CODE
static inline void vm_flags_clear(struct vm_area_struct *vma, vm_flags_t flags)
{
	vma->vm_flags &= ~flags;
}
#endif

#endif /* _TP_COMPAT_H */
