// SPDX-License-Identifier: GPL-2.0
/* --version of every tool: its own version and the running module's. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "tickpath.h"
#include "version.h"

int print_version(const char *tool)
{
	char module[64];
	int err = tp_module_version(module, sizeof(module));

	printf("%s %s\n", tool, tp_version());
	if (err)
		printf("tickpath module: %s\n",
		       err == -ENOENT ? "not loaded" : strerror(-err));
	else
		printf("tickpath module %s\n", module);
	return 0;
}
