/* SPDX-License-Identifier: GPL-2.0 */
#ifndef TP_TOOLS_VERSION_H
#define TP_TOOLS_VERSION_H

/* Prints the tool's version and the running module's; returns 0. */
int print_version(const char *tool);

#endif
