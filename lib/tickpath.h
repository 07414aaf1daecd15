/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libtickpath: the user-space side of tickpath.
 *
 * Control API: a handle on the "tickpath" generic netlink family of the
 * caller's network namespace.  Every call returns 0 or a negative errno; on
 * error tp_ctl_error() gives the kernel's extended-ack message (or a
 * library message when the kernel sent none).  A handle is not thread-safe.
 */
#ifndef TICKPATH_H
#define TICKPATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>
#include <netinet/in.h>
#include <linux/tickpath.h>

#ifdef __cplusplus
extern "C" {
#endif

struct tp_ctl;

int tp_ctl_open(struct tp_ctl **ctl);
void tp_ctl_close(struct tp_ctl *ctl);
const char *tp_ctl_error(const struct tp_ctl *ctl);

/*
 * Gets and dumps fill info structs from the kernel's reply.  What they point
 * to (a subscription's locates and symbols) lives in the handle: it stays
 * valid until the next call on it, or for a dump until the callback
 * returns.  A dump calls fn for each object until fn returns non-zero, and
 * returns that first non-zero value; fn must not use the handle.
 */

/* Ports */

struct tp_port_info {
	unsigned int ifindex;
	char ifname[IF_NAMESIZE];
	enum tickpath_port_mode mode;
	uint64_t packets;
	uint64_t bytes;
};

int tp_ctl_port_attach(struct tp_ctl *ctl, const char *ifname,
		       enum tickpath_port_mode mode);
int tp_ctl_port_detach(struct tp_ctl *ctl, const char *ifname);
int tp_ctl_port_get(struct tp_ctl *ctl, const char *ifname,
		    struct tp_port_info *port);
int tp_ctl_port_dump(struct tp_ctl *ctl,
		     int (*fn)(const struct tp_port_info *port, void *arg),
		     void *arg);

/* Feeds */

struct tp_feed_config {
	const char *name;
	const char *channel;		/* NULL: the feed's name */
	const char *ifname;		/* an attached port */
	struct in_addr group;		/* IPv4 multicast group */
	struct in_addr source;		/* INADDR_ANY: any sender */
	uint16_t udp_port;		/* host order */
	enum tickpath_proto proto;
};

#define TP_ITCH_TYPE_MAX 128		/* ITCH types are ASCII characters */

struct tp_feed_stats {
	uint64_t packets;
	uint64_t bytes;
	uint64_t messages;
	uint64_t heartbeats;
	uint64_t duplicates;
	uint64_t gaps;
	uint64_t gap_messages;
	uint64_t sessions;
	uint64_t end_of_session;
	uint64_t passed;
	uint64_t stale;
	uint64_t types[TP_ITCH_TYPE_MAX];	/* by type character: types['A'] */
	uint64_t malformed[TICKPATH_MALFORMED_MAX + 1];	/* by reason */
};

#define TP_SESSION_LEN 10

struct tp_feed_info {
	char name[TICKPATH_NAME_MAX];
	char channel[TICKPATH_NAME_MAX];
	unsigned int ifindex;
	char ifname[IF_NAMESIZE];
	struct in_addr group;
	struct in_addr source;		/* INADDR_ANY: any sender */
	uint16_t udp_port;
	enum tickpath_proto proto;
	uint8_t channel_id;
	uint8_t line;
	char session[TP_SESSION_LEN + 1];	/* "" before the first packet */
	uint64_t next_seq;
	struct tp_feed_stats stats;
};

int tp_ctl_feed_add(struct tp_ctl *ctl, const struct tp_feed_config *feed);
int tp_ctl_feed_del(struct tp_ctl *ctl, const char *name);
int tp_ctl_feed_get(struct tp_ctl *ctl, const char *name,
		    struct tp_feed_info *feed);
int tp_ctl_feed_dump(struct tp_ctl *ctl,
		     int (*fn)(const struct tp_feed_info *feed, void *arg),
		     void *arg);

/* Subscriptions */

#define TP_SYMBOL_LEN 8

/* An ITCH stock symbol: left justified, space padded, no NUL. */
struct tp_symbol {
	char name[TP_SYMBOL_LEN];
};

/* Who may bind readers to a ring besides the namespace's administrator
 * (TICKPATH_A_SUB_OWNER_UID and _GID); each id counts only when its flag is
 * set.
 */
struct tp_sub_owner {
	bool has_uid, has_gid;
	uint32_t uid, gid;
};

struct tp_sub_config {
	const char *name;
	const char *channel;
	const char *types;		/* ITCH types to keep; NULL or "": all */
	const uint16_t *locates;
	size_t nr_locates;
	const struct tp_symbol *symbols;
	size_t nr_symbols;
	uint32_t ring_slots;		/* 0: TICKPATH_RING_SLOTS_DEFAULT */
	struct tp_sub_owner owner;	/* none set: anyone may read */
};

/* What tp_ctl_sub_set() changes; an empty value clears a filter. */
#define TP_SUB_SET_TYPES	0x1	/* NULL or "": every type passes */
#define TP_SUB_SET_LOCATES	0x2	/* none: no locate list */
#define TP_SUB_SET_SYMBOLS	0x4	/* none: no symbol list */
#define TP_SUB_SET_ALL		0x7

struct tp_sub_stats {
	uint64_t records;
	uint64_t filtered;
	uint64_t slots;
};

/* Enough for every ITCH 5.0 type once, with room for a newer kernel's. */
#define TP_TYPES_LEN 64

struct tp_sub_info {
	char name[TICKPATH_NAME_MAX];
	char channel[TICKPATH_NAME_MAX];
	char types[TP_TYPES_LEN];	/* "": every type passes */
	const uint16_t *locates;	/* in the handle, see above */
	size_t nr_locates;
	const struct tp_symbol *symbols;	/* in the handle, see above */
	size_t nr_symbols;
	uint32_t ring_slots;
	uint32_t resolved;		/* symbols resolved to a locate */
	struct tp_sub_owner owner;
	struct tp_sub_stats stats;
};

int tp_ctl_sub_add(struct tp_ctl *ctl, const struct tp_sub_config *sub);
/* Replaces the filters @mask names (TP_SUB_SET_*) with those of @sub. */
int tp_ctl_sub_set(struct tp_ctl *ctl, const struct tp_sub_config *sub,
		   unsigned int mask);
int tp_ctl_sub_del(struct tp_ctl *ctl, const char *name);
int tp_ctl_sub_get(struct tp_ctl *ctl, const char *name,
		   struct tp_sub_info *sub);
int tp_ctl_sub_dump(struct tp_ctl *ctl,
		    int (*fn)(const struct tp_sub_info *sub, void *arg),
		    void *arg);

/*
 * Filters as text, for tools and configuration files.  The parsers return 0,
 * -ENOMEM, or -EINVAL with *bad (when bad is not NULL) at the character or
 * list item in error.  An empty text is an empty filter.
 */

/* The ITCH 5.0 message types, in the order of the specification. */
#define TP_ITCH_TYPE_CHARS "SRHYLVWKJhAFECXDUPQBINO"

/* Checks a types string: ITCH 5.0 types, each at most once. */
int tp_types_check(const char *types, const char **bad);
/* "1,5,7-9": locates 1 to 65535, into a sorted, distinct, malloc'd array. */
int tp_locates_parse(const char *text, uint16_t **locates, size_t *nr,
		     const char **bad);
/* The inverse, consecutive locates as ranges; returns what snprintf would. */
int tp_locates_format(char *buf, size_t size, const uint16_t *locates,
		      size_t nr);
/* Pads @len bytes of @name: 1 to 8 printable ASCII characters, no comma,
 * not starting or ending with a space.
 */
int tp_symbol_pad(struct tp_symbol *sym, const char *name, size_t len);
/* The symbol's length without its padding. */
size_t tp_symbol_len(const struct tp_symbol *sym);
/* "AAPL,MSFT": into a sorted, distinct, malloc'd array. */
int tp_symbols_parse(const char *text, struct tp_symbol **symbols,
		     size_t *nr, const char **bad);

/* Versions: the library's, and the loaded module's into @buf (0, or
 * -ENOENT when the module is not loaded).
 */
const char *tp_version(void);
int tp_module_version(char *buf, size_t size);

/* Names of enum values; "unknown" for values this library does not know. */
const char *tp_port_mode_name(enum tickpath_port_mode mode);
const char *tp_proto_name(enum tickpath_proto proto);
const char *tp_malformed_name(enum tickpath_malformed reason);
/* Return 0 and set the value, or -EINVAL for an unknown name. */
int tp_port_mode_parse(const char *name, enum tickpath_port_mode *mode);
int tp_proto_parse(const char *name, enum tickpath_proto *proto);

/*
 * Replace: as attach and add, but an object of that name that exists is
 * made what the arguments say instead of failing with -EEXIST (-EBUSY for a
 * port): a port's mode and a subscription's filters (types, locates,
 * symbols; those not given are cleared) change in place.  Every other
 * setting must be as it is, else -EOPNOTSUPP, with a message naming it.  A
 * replace that changes nothing succeeds.
 */
int tp_ctl_port_replace(struct tp_ctl *ctl, const char *ifname,
			enum tickpath_port_mode mode);
int tp_ctl_feed_replace(struct tp_ctl *ctl, const struct tp_feed_config *feed);
int tp_ctl_sub_replace(struct tp_ctl *ctl, const struct tp_sub_config *sub);

#ifdef __cplusplus
}
#endif

#include "tickpath_reader.h"

#endif /* TICKPATH_H */
