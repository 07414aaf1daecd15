// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Versions: the library's own, fixed at build time from the tree's VERSION
 * file, and the loaded module's, which MODULE_VERSION publishes in sysfs.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "tickpath.h"

#define TP_MODULE_VERSION_PATH "/sys/module/tickpath/version"

const char *tp_version(void)
{
	return TP_VERSION;
}

int tp_module_version(char *buf, size_t size)
{
	FILE *f = fopen(TP_MODULE_VERSION_PATH, "re");
	int ret = 0;

	if (!f)
		return -errno;
	if (!fgets(buf, size, f))
		ret = ferror(f) ? -EIO : -ENODATA;
	else
		buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
	return ret;
}
