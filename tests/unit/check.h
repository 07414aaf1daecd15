/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal unit-test harness: CHECK() records a failure with its location
 * and goes on; check_done() prints the closing "N passed, N failed" line that
 * vm-test/check adds up, and gives the exit status.
 */
#ifndef TP_CHECK_H
#define TP_CHECK_H

#include <stdio.h>

static unsigned int check_passed, check_failed;

#define CHECK(cond)							\
	do {								\
		if (cond) {						\
			check_passed++;					\
		} else {						\
			check_failed++;					\
			fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n",\
				__FILE__, __LINE__, __func__, #cond);	\
		}							\
	} while (0)

static inline int check_done(void)
{
	printf("%u passed, %u failed\n", check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif /* TP_CHECK_H */
