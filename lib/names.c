// SPDX-License-Identifier: LGPL-2.1-or-later
/* Names of the ABI's enum values, as tpctl prints and reads them. */
#include "ctl.h"

#include <errno.h>
#include <string.h>

static const char *const tp_port_modes[] = {
	[TICKPATH_PORT_MODE_STEAL] = "steal",
	[TICKPATH_PORT_MODE_MIRROR] = "mirror",
};

static const char *const tp_protos[] = {
	[TICKPATH_PROTO_MOLDUDP64_ITCH50] = "moldudp64-itch50",
};

/* Identifiers (no spaces or dashes), so that JSON keys can be the same. */
static const char *const tp_malformed[] = {
	[TICKPATH_MALFORMED_NONE] = "none",
	[TICKPATH_MALFORMED_IP] = "ip",
	[TICKPATH_MALFORMED_UDP] = "udp",
	[TICKPATH_MALFORMED_CSUM] = "checksum",
	[TICKPATH_MALFORMED_FRAGMENT] = "fragment",
	[TICKPATH_MALFORMED_HEADER] = "header",
	[TICKPATH_MALFORMED_OVERRUN] = "overrun",
	[TICKPATH_MALFORMED_ZERO_LENGTH] = "zero_length",
	[TICKPATH_MALFORMED_COUNT] = "count",
	[TICKPATH_MALFORMED_EOS_DATA] = "eos_data",
	[TICKPATH_MALFORMED_LENGTH] = "length",
	[TICKPATH_MALFORMED_TYPE] = "type",
};

/* The tables cover every value of their enum; a build against a newer uapi
 * header fails here until they are completed.
 */
_Static_assert(TP_ARRAY_SIZE(tp_port_modes) == TICKPATH_PORT_MODE_MAX + 1, "port modes");
_Static_assert(TP_ARRAY_SIZE(tp_protos) == TICKPATH_PROTO_MAX + 1, "protocols");
_Static_assert(TP_ARRAY_SIZE(tp_malformed) == TICKPATH_MALFORMED_MAX + 1, "malformed");

static const char *tp_name(const char *const *names, size_t n, unsigned int value)
{
	return value < n ? names[value] : "unknown";
}

static int tp_value(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(name, names[i]))
			return i;
	}
	return -EINVAL;
}

const char *tp_port_mode_name(enum tickpath_port_mode mode)
{
	return tp_name(tp_port_modes, TP_ARRAY_SIZE(tp_port_modes), mode);
}

const char *tp_proto_name(enum tickpath_proto proto)
{
	return tp_name(tp_protos, TP_ARRAY_SIZE(tp_protos), proto);
}

const char *tp_malformed_name(enum tickpath_malformed reason)
{
	return tp_name(tp_malformed, TP_ARRAY_SIZE(tp_malformed), reason);
}

int tp_port_mode_parse(const char *name, enum tickpath_port_mode *mode)
{
	int value = tp_value(tp_port_modes, TP_ARRAY_SIZE(tp_port_modes), name);

	if (value < 0)
		return value;
	*mode = value;
	return 0;
}

int tp_proto_parse(const char *name, enum tickpath_proto *proto)
{
	int value = tp_value(tp_protos, TP_ARRAY_SIZE(tp_protos), name);

	if (value < 0)
		return value;
	*proto = value;
	return 0;
}
