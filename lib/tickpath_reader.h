/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Reader API: written in the "ring" work item. */
#ifndef TICKPATH_READER_H
#define TICKPATH_READER_H
#endif
