/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * tickpath: market-data feeds decoded in the receive path.
 *
 * Documentation
 * =============
 *
 * tickpath is configured over generic netlink, family TICKPATH_GENL_NAME,
 * version TICKPATH_GENL_VERSION.  The family is network-namespace aware: every
 * request acts on the namespace of the socket that sent it.  Commands that
 * change state need CAP_NET_ADMIN in the user namespace that owns that network
 * namespace; they fail with EPERM otherwise.  Requests are validated strictly:
 * unknown attributes, attributes of the wrong type or size, and values out of
 * range are refused with EINVAL and an extended ack (NLMSGERR_ATTR_MSG) that
 * says which attribute and why.  Every other error also carries an extack
 * message.
 *
 * PORT_ATTACH, FEED_ADD and SUB_ADD create their object; with NLM_F_REPLACE
 * in nlmsg_flags they create it or, when it exists (the device is a tickpath
 * port, a feed or subscription has that name), make it what the request
 * says, as "ip route replace" does, atomically under one lock.  Attributes
 * left out count as their defaults.  What can change in place does: a
 * port's mode, a subscription's filter.  Any other setting that differs is
 * refused with EOPNOTSUPP and an extack message naming it, and nothing
 * changes.  A replace that changes nothing succeeds.  NLM_F_CREATE and
 * NLM_F_EXCL are ignored: without NLM_F_REPLACE an object that exists is
 * EEXIST (EBUSY for a port), as always.
 *
 * A port names its network device with one of, or both (then they must agree):
 *
 *    TICKPATH_A_PORT_IFINDEX: NLA_U32
 *    TICKPATH_A_PORT_IFNAME: NLA_NUL_STRING, maxlen IFNAMSIZ - 1
 *
 * TICKPATH_CMD_PORT_ATTACH
 * ------------------------
 *
 * May only be called via NLM_F_REQUEST.  Hooks the device's receive path (a
 * netdev rx_handler) so that tickpath sees every frame right after the driver,
 * before the IP stack.  Attributes:
 *
 *    TICKPATH_A_PORT_IFINDEX and/or TICKPATH_A_PORT_IFNAME (required)
 *    TICKPATH_A_PORT_MODE: NLA_U8, enum tickpath_port_mode (optional,
 *                          default TICKPATH_PORT_MODE_STEAL)
 *
 * Errors: ENODEV, no such device in this namespace; EOPNOTSUPP, the device is
 * not an Ethernet device; EBUSY, the device already has a receive handler: a
 * tickpath port, or a bridge, bond, team, macvlan or Open vSwitch port, or
 * another driver's (the extack message names the holder).
 *
 * With NLM_F_REPLACE, a device that is a tickpath port already takes the
 * mode of the request (its default if absent); each packet is stolen or
 * mirrored whole, by the old mode or the new one.
 *
 * TICKPATH_CMD_PORT_DETACH
 * ------------------------
 *
 * May only be called via NLM_F_REQUEST.  Unhooks the device.  Attributes:
 * TICKPATH_A_PORT_IFINDEX and/or TICKPATH_A_PORT_IFNAME (required).  Errors:
 * ENODEV, no such device; ENOENT, the device is not a tickpath port.
 *
 * A port also goes away by itself when its device is unregistered (deleted,
 * or its namespace destroyed) and when the module is unloaded.  A port whose
 * device moves to another network namespace moves with it and keeps working;
 * from then on it is seen, and detached, from the new namespace.
 *
 * TICKPATH_CMD_PORT_GET
 * ---------------------
 *
 * With NLM_F_DUMP: one message per port of this namespace.  Without it: the
 * port named by TICKPATH_A_PORT_IFINDEX and/or TICKPATH_A_PORT_IFNAME, or
 * ENOENT.  Each message holds:
 *
 *    TICKPATH_A_PORT_IFINDEX: NLA_U32
 *    TICKPATH_A_PORT_IFNAME: NLA_NUL_STRING
 *    TICKPATH_A_PORT_MODE: NLA_U8, enum tickpath_port_mode
 *    TICKPATH_A_PORT_STATS: NLA_NESTED
 *        TICKPATH_PORT_STATS_A_PACKETS: NLA_U64, frames the handler saw
 *        TICKPATH_PORT_STATS_A_BYTES: NLA_U64, their length from the
 *                                     Ethernet header on (no FCS), as the
 *                                     device's own rx_bytes counts them
 *
 * Counters are per CPU in the kernel and summed for each reply; they count
 * from the attach and are never reset.
 *
 * Feeds, channels and subscriptions
 * =================================
 *
 * A feed (a "line") is one multicast stream arriving on a port: an IPv4 group,
 * a UDP port, optionally a source address, and a protocol.  Adding a feed
 * joins its group on the port's device in the kernel (IGMP), so the NIC filter
 * and the switches deliver it with no socket in user space.  A feed belongs to
 * a channel: one sequence domain (a MoldUDP64 session), which holds all the
 * sequence state.  A channel exists while it has a feed: it is created by the
 * first FEED_ADD that names it and destroyed with its last feed, together
 * with its subscriptions.  A channel has one line today (line 0); a second
 * line (A/B arbitration) will join an existing channel.
 *
 * A subscription is a named filter on a channel that owns one ring.  Readers
 * bind an open /dev/tickpath to it by name (TICKPATH_IOC_BIND) and mmap the
 * ring read-only (see "Rings" below).  Names of feeds, channels and
 * subscriptions are 1 to TICKPATH_NAME_MAX - 1 bytes, unique per namespace
 * and per kind.
 *
 * TICKPATH_CMD_FEED_ADD
 * ---------------------
 *
 * May only be called via NLM_F_REQUEST.  Attributes:
 *
 *    TICKPATH_A_FEED_NAME: NLA_NUL_STRING (required)
 *    TICKPATH_A_PORT_IFINDEX and/or TICKPATH_A_PORT_IFNAME (required): an
 *                          attached port of this namespace
 *    TICKPATH_A_FEED_GROUP: NLA_BE32, IPv4 multicast group (required)
 *    TICKPATH_A_FEED_UDP_PORT: NLA_U16, destination UDP port (required)
 *    TICKPATH_A_FEED_SOURCE: NLA_BE32, source address (optional): packets
 *                            from other senders are not the feed's (the
 *                            group is still joined for any source: the
 *                            kernel has no exported source-specific join,
 *                            so SSM-only networks need a socket's join)
 *    TICKPATH_A_FEED_PROTO: NLA_U8, enum tickpath_proto (optional, default
 *                           TICKPATH_PROTO_MOLDUDP64_ITCH50)
 *    TICKPATH_A_FEED_CHANNEL: NLA_NUL_STRING, the channel (optional, default
 *                             the feed's name)
 *
 * Errors: EEXIST, a feed of that name, or a feed on the same port, group and
 * UDP port; ENOENT, the device is not a tickpath port; EBUSY, the channel
 * already has a line; EINVAL, the group is not multicast.
 *
 * With NLM_F_REPLACE, a feed of that name must be as the request describes
 * it: nothing of a feed changes in place (its group membership, its line of
 * the channel).  A port, group, UDP port, source, protocol or channel that
 * differs is EOPNOTSUPP ("a feed's group cannot change in place", ...).
 *
 * TICKPATH_CMD_FEED_DEL
 * ---------------------
 *
 * May only be called via NLM_F_REQUEST.  TICKPATH_A_FEED_NAME (required).
 * Leaves the group.  When the channel loses its last feed, its subscriptions
 * are deleted as by SUB_DEL.  Feeds also go away with their port.
 *
 * TICKPATH_CMD_FEED_GET
 * ---------------------
 *
 * With NLM_F_DUMP: every feed of the namespace; without: the feed named by
 * TICKPATH_A_FEED_NAME.  Each message holds the FEED_ADD attributes (the port
 * as TICKPATH_A_PORT_IFINDEX and TICKPATH_A_PORT_IFNAME) and:
 *
 *    TICKPATH_A_FEED_CHANNEL_ID: NLA_U8, the channel id carried in records
 *    TICKPATH_A_FEED_LINE: NLA_U8, the line id carried in records
 *    TICKPATH_A_FEED_SESSION: NLA_BINARY, 10 bytes, the current MoldUDP64
 *                             session (absent before the first packet)
 *    TICKPATH_A_FEED_NEXT_SEQ: NLA_U64, the next expected sequence number
 *    TICKPATH_A_FEED_STATS: NLA_NESTED, enum tickpath_feed_stats_attr, each
 *                           NLA_U64, in which:
 *        TICKPATH_FEED_STATS_A_TYPES: NLA_NESTED, one NLA_U64 per ITCH
 *                                     message type seen, the attribute type
 *                                     being the type's character ('A', ...)
 *        TICKPATH_FEED_STATS_A_MALFORMED: NLA_NESTED, one NLA_U64 per
 *                                     enum tickpath_malformed reason seen,
 *                                     the attribute type being the reason
 *
 * In these two nests an empty attribute of type 0 may precede a counter, to
 * align it on architectures that need it (elsewhere the PAD attributes do).
 *
 * A fragmented datagram is left whole to the stack, which reassembles it; it
 * counts once (PACKETS, PASSED and MALFORMED/FRAGMENT), by its first
 * fragment, the one with the UDP header that matches the feed.  Later
 * fragments are passed without a look: without that header they cannot be
 * told from another datagram to the same group.  Datagrams that GRO merged
 * into one skb (UDP GRO forwarding on the device) are left to the stack
 * too, counted in PACKETS and PASSED.
 *
 * For a second after a session change, packets of the session left
 * (reordered from before the change) are skipped and counted as STALE: the
 * rings have moved on.  Later, such a packet is a session change again, so
 * that one stray packet cannot hold a channel away from its real session.
 * Only the last session left is remembered.
 *
 * TICKPATH_CMD_SUB_ADD
 * --------------------
 *
 * May only be called via NLM_F_REQUEST.  Attributes:
 *
 *    TICKPATH_A_SUB_NAME: NLA_NUL_STRING (required)
 *    TICKPATH_A_SUB_CHANNEL: NLA_NUL_STRING (required)
 *    TICKPATH_A_SUB_TYPES: NLA_NUL_STRING, the ITCH message types to keep,
 *                          as their characters ("AFEXD"); absent: all
 *    TICKPATH_A_SUB_LOCATES: NLA_BINARY, an array of at most
 *                            TICKPATH_SUB_LOCATES_MAX host-endian __u16
 *                            stock locates
 *    TICKPATH_A_SUB_SYMBOLS: NLA_BINARY, an array of at most
 *                            TICKPATH_SUB_SYMBOLS_MAX 8-byte symbols, left
 *                            justified and space padded as in ITCH
 *    TICKPATH_A_SUB_RING_SLOTS: NLA_U32, a power of two from
 *                               TICKPATH_RING_SLOTS_MIN to _MAX (optional,
 *                               default TICKPATH_RING_SLOTS_DEFAULT)
 *    TICKPATH_A_SUB_OWNER_UID: NLA_U32, the user who may bind readers to
 *                              the ring (optional), as the requester's
 *                              user namespace maps it
 *    TICKPATH_A_SUB_OWNER_GID: NLA_U32, the group whose members may bind
 *                              readers to the ring (optional), likewise
 *
 * Without an owner, whoever can open /dev/tickpath in the namespace may bind
 * a reader to the ring.  With one, TICKPATH_IOC_BIND fails with EACCES
 * unless the caller's filesystem uid is OWNER_UID, or OWNER_GID is among its
 * groups, or it has CAP_NET_ADMIN in the user namespace owning the network
 * namespace.  The owner is checked at BIND only: a reader already bound
 * keeps its ring.
 *
 * A record passes when its type is kept and, if the subscription lists
 * locates or symbols, its stock locate is listed, or is the locate of a
 * listed symbol, or is 0 (market-wide messages: S, V, W).  A symbol resolves
 * to its locate through the channel's Stock Directory (R) messages: at once
 * if the R message was already seen, else when it arrives, and then stays
 * resolved until the channel goes.  Control records (GAP, SESSION,
 * END_OF_SESSION) always pass.
 *
 * With NLM_F_REPLACE, a subscription of that name keeps its channel, ring
 * and owner: a SUB_CHANNEL, SUB_RING_SLOTS (absent: the default), OWNER_UID
 * or OWNER_GID (absent: none) that differs is EOPNOTSUPP ("a subscription's
 * ring slot count cannot change in place", ...).  Its filter becomes the
 * request's, the types, locates and symbols left out being cleared, from
 * one packet to the next as with SUB_SET; an equal filter (types as given,
 * the same locates, the same symbols) is left as it is, with the symbols it
 * resolved.
 *
 * TICKPATH_CMD_SUB_SET
 * --------------------
 *
 * May only be called via NLM_F_REQUEST.  TICKPATH_A_SUB_NAME (required) and
 * any of TICKPATH_A_SUB_TYPES, _LOCATES, _SYMBOLS, which replace the current
 * ones; an empty value clears them.  The channel, ring size and owner are
 * fixed at SUB_ADD.  The new filter applies from one packet
 * to the next: no record is lost or delivered twice by the change.
 *
 * TICKPATH_CMD_SUB_DEL
 * --------------------
 *
 * May only be called via NLM_F_REQUEST.  TICKPATH_A_SUB_NAME (required).  The
 * ring stays readable by whoever has it open or mapped, marked dead
 * (TICKPATH_RING_F_DEAD; poll reports EPOLLHUP), and is freed with its last
 * user.
 *
 * TICKPATH_CMD_SUB_GET
 * --------------------
 *
 * With NLM_F_DUMP: every subscription; without: the one named by
 * TICKPATH_A_SUB_NAME.  Each message holds the SUB_ADD attributes (SYMBOLS
 * sorted; the owner ids as the requester's user namespace maps them, the
 * overflow id if it does not) and:
 *
 *    TICKPATH_A_SUB_RESOLVED: NLA_U32, how many of its symbols resolved
 *    TICKPATH_A_SUB_STATS: NLA_NESTED, enum tickpath_sub_stats_attr, NLA_U64s
 *
 * Records
 * =======
 *
 * A ring holds struct tickpath_rec in 64-byte slots.  Every record starts
 * with the same 40-byte header; the common order-flow messages (A F E C X D U
 * P) and most others fit one slot, R, I and O take two (TICKPATH_REC_F_LONG),
 * whose second slot starts with a stamp of its own (stamp2).  All fields are
 * host-endian; prices keep ITCH's 4 implied decimals (V's levels 8); alpha
 * fields keep ITCH's bytes, space padded, not NUL terminated.  Two ITCH fields
 * become flags: Buy/Sell Indicator (TICKPATH_REC_F_SELL when 'S') and
 * Printable (TICKPATH_REC_F_PRINTABLE when 'Y').  The Stock field of A, F, P
 * and Q is dropped: it is the stock of the record's locate, announced by R.
 *
 * Control records have a type below 0x20 and the channel's current sequence
 * in seq:
 *
 *    TICKPATH_REC_GAP: messages seq .. seq + gap.count - 1 never arrived
 *    TICKPATH_REC_SESSION: the channel sees its first session, or a new one,
 *                          named in session.name; seq is where it starts
 *                          (1 for a new session)
 *    TICKPATH_REC_END_OF_SESSION: the session ended; seq is the next
 *                                 sequence number the exchange would have used
 *
 * Rings
 * =====
 *
 * open("/dev/tickpath", O_RDONLY), then ioctl(TICKPATH_IOC_BIND) with the
 * subscription's name, then ioctl(TICKPATH_IOC_RING_INFO) for the mapping's
 * size and layout, then mmap(PROT_READ, MAP_SHARED) of info.mmap_size at
 * offset 0.  PROT_WRITE and mprotect() to writable fail: the kernel never
 * reads anything a reader can write.  The mapping is struct tickpath_ring_hdr
 * (one page) followed by the slots, mapped twice in a row so that a two-slot
 * record at the end of the ring is contiguous.
 *
 * The producer never waits for readers.  Record n (counted from 0 per ring)
 * carries stamp(n) = (n mod 2^40) + 1, never 0, in its first slot, and the
 * same value with TICKPATH_STAMP_CONT in its second.  Writing a record zeroes its stamps,
 * writes the record, then publishes the stamps with release stores; then
 * hdr->head, the ring's next record number (bits 63..24) and slot position
 * (bits 23..0), is published with a release store once per packet.  A reader
 * starts from head and, for record n at slot position p:
 *
 *    s = load-acquire(slot[p % slot_count].stamp)
 *    s == stamp(n):   the record is there: copy it out, then re-read the stamp
 *                     (after an acquire fence); if it changed, the copy is
 *                     torn and the reader was lapped
 *    s == 0, or older: nothing new yet (or a record is being written)
 *    newer:           lapped: the record is gone; go on from the oldest
 *                     record m still in the ring (below); records
 *                     n .. m - 1 are lost, exactly m - n of them
 *
 * The oldest record still in the ring: the producer writes at increasing
 * slot positions, so past its position the slots hold the oldest records
 * left, in order.  Load head (acquire); from head's slot position, for at
 * most slot_count slots, skip a stamp of 0 (being written), a second slot
 * (CONT: its first slot may be gone) and a record not older than head's
 * record number (written since head was published); the first record older
 * than head's is m.  If there is none, or m is not newer than n (a race),
 * go on instead from the record that overwrote the slot: stamp - 1 without
 * the CONT bit, plus 1 if the slot is a second slot.  The producer may
 * overwrite m before the reader gets to it: the reader is then lapped
 * again, and counts again, so the counts stay exact.
 *
 * Comparisons are signed differences modulo 2^40, never plain < on counters.
 * libtickpath implements this (tp_sub_next(), tp_sub_lost(), tp_sub_laps()).
 *
 * A reader that wants to sleep tells the kernel the record number it waits for
 * (TICKPATH_IOC_ARM); poll() then reports EPOLLIN once head passes it, and
 * EPOLLHUP once the ring is dead.  TICKPATH_IOC_WAIT arms and sleeps.  The
 * producer wakes only when someone sleeps.
 */

#ifndef _UAPI_LINUX_TICKPATH_H
#define _UAPI_LINUX_TICKPATH_H

#include <linux/const.h>
#include <linux/ioctl.h>
#include <linux/types.h>

#define TICKPATH_GENL_NAME "tickpath"
#define TICKPATH_GENL_VERSION 1

/* The character device whose mmap()s give read-only access to the rings. */
#define TICKPATH_DEVICE_NAME "tickpath"

enum tickpath_cmd {
	TICKPATH_CMD_UNSPEC,
	TICKPATH_CMD_PORT_ATTACH,
	TICKPATH_CMD_PORT_DETACH,
	TICKPATH_CMD_PORT_GET,
	TICKPATH_CMD_FEED_ADD,
	TICKPATH_CMD_FEED_DEL,
	TICKPATH_CMD_FEED_GET,
	TICKPATH_CMD_SUB_ADD,
	TICKPATH_CMD_SUB_SET,
	TICKPATH_CMD_SUB_DEL,
	TICKPATH_CMD_SUB_GET,
	__TICKPATH_CMD_MAX
};

#define TICKPATH_CMD_MAX (__TICKPATH_CMD_MAX - 1)

/*
 * steal:  feed packets are consumed by tickpath and never reach the IP stack
 *         (the fast path).
 * mirror: feed packets are decoded and also continue into the stack, for
 *         side-by-side runs and migrations.
 * Frames that are not feed packets always continue untouched.
 */
enum tickpath_port_mode {
	TICKPATH_PORT_MODE_STEAL,
	TICKPATH_PORT_MODE_MIRROR,
	__TICKPATH_PORT_MODE_MAX
};

#define TICKPATH_PORT_MODE_MAX (__TICKPATH_PORT_MODE_MAX - 1)

enum tickpath_attr {
	TICKPATH_A_UNSPEC,
	TICKPATH_A_PAD,
	TICKPATH_A_PORT_IFINDEX,
	TICKPATH_A_PORT_IFNAME,
	TICKPATH_A_PORT_MODE,
	TICKPATH_A_PORT_STATS,
	TICKPATH_A_FEED_NAME,
	TICKPATH_A_FEED_GROUP,
	TICKPATH_A_FEED_UDP_PORT,
	TICKPATH_A_FEED_SOURCE,
	TICKPATH_A_FEED_PROTO,
	TICKPATH_A_FEED_CHANNEL,
	TICKPATH_A_FEED_CHANNEL_ID,
	TICKPATH_A_FEED_LINE,
	TICKPATH_A_FEED_SESSION,
	TICKPATH_A_FEED_NEXT_SEQ,
	TICKPATH_A_FEED_STATS,
	TICKPATH_A_SUB_NAME,
	TICKPATH_A_SUB_CHANNEL,
	TICKPATH_A_SUB_TYPES,
	TICKPATH_A_SUB_LOCATES,
	TICKPATH_A_SUB_SYMBOLS,
	TICKPATH_A_SUB_RING_SLOTS,
	TICKPATH_A_SUB_RESOLVED,
	TICKPATH_A_SUB_STATS,
	TICKPATH_A_SUB_OWNER_UID,
	TICKPATH_A_SUB_OWNER_GID,
	__TICKPATH_A_MAX
};

#define TICKPATH_A_MAX (__TICKPATH_A_MAX - 1)

enum tickpath_port_stats_attr {
	TICKPATH_PORT_STATS_A_UNSPEC,
	TICKPATH_PORT_STATS_A_PAD,
	TICKPATH_PORT_STATS_A_PACKETS,
	TICKPATH_PORT_STATS_A_BYTES,
	__TICKPATH_PORT_STATS_A_MAX
};

#define TICKPATH_PORT_STATS_A_MAX (__TICKPATH_PORT_STATS_A_MAX - 1)

#define TICKPATH_NAME_MAX 32

enum tickpath_proto {
	TICKPATH_PROTO_MOLDUDP64_ITCH50,
	__TICKPATH_PROTO_MAX
};

#define TICKPATH_PROTO_MAX (__TICKPATH_PROTO_MAX - 1)

enum tickpath_feed_stats_attr {
	TICKPATH_FEED_STATS_A_UNSPEC,
	TICKPATH_FEED_STATS_A_PAD,
	TICKPATH_FEED_STATS_A_PACKETS,		/* feed packets, malformed too */
	TICKPATH_FEED_STATS_A_BYTES,		/* their UDP payload bytes */
	TICKPATH_FEED_STATS_A_MESSAGES,		/* messages decoded */
	TICKPATH_FEED_STATS_A_HEARTBEATS,	/* heartbeat packets */
	TICKPATH_FEED_STATS_A_DUPLICATES,	/* messages seen before, skipped */
	TICKPATH_FEED_STATS_A_GAPS,		/* gaps (GAP records) */
	TICKPATH_FEED_STATS_A_GAP_MESSAGES,	/* messages the gaps missed */
	TICKPATH_FEED_STATS_A_SESSIONS,		/* session changes */
	TICKPATH_FEED_STATS_A_END_OF_SESSION,	/* end-of-session packets */
	TICKPATH_FEED_STATS_A_PASSED,		/* left to the stack, see FEED_GET */
	TICKPATH_FEED_STATS_A_TYPES,		/* nested, see FEED_GET */
	TICKPATH_FEED_STATS_A_MALFORMED,	/* nested, see FEED_GET */
	TICKPATH_FEED_STATS_A_STALE,		/* packets of the session left, skipped */
	__TICKPATH_FEED_STATS_A_MAX
};

#define TICKPATH_FEED_STATS_A_MAX (__TICKPATH_FEED_STATS_A_MAX - 1)

/*
 * Why a packet or a message was skipped.  Packet-level reasons drop the whole
 * packet before it touches the sequence state (the next good packet then
 * reports the gap); message-level ones (LENGTH, TYPE) skip that message only,
 * which still consumes its sequence number.
 */
enum tickpath_malformed {
	TICKPATH_MALFORMED_NONE,
	TICKPATH_MALFORMED_IP,		/* bad IPv4 header or total length */
	TICKPATH_MALFORMED_UDP,		/* bad UDP length, or over 16 KiB */
	TICKPATH_MALFORMED_CSUM,	/* bad IPv4 or UDP checksum */
	TICKPATH_MALFORMED_FRAGMENT,	/* a fragmented datagram (see FEED_GET) */
	TICKPATH_MALFORMED_HEADER,	/* payload shorter than the MoldUDP64 header */
	TICKPATH_MALFORMED_OVERRUN,	/* a block runs past the payload */
	TICKPATH_MALFORMED_ZERO_LENGTH,	/* a block of length 0 */
	TICKPATH_MALFORMED_COUNT,	/* count does not match the blocks */
	TICKPATH_MALFORMED_EOS_DATA,	/* end of session carrying blocks */
	TICKPATH_MALFORMED_LENGTH,	/* length is not its type's length */
	TICKPATH_MALFORMED_TYPE,	/* unknown message type */
	__TICKPATH_MALFORMED_MAX
};

#define TICKPATH_MALFORMED_MAX (__TICKPATH_MALFORMED_MAX - 1)

enum tickpath_sub_stats_attr {
	TICKPATH_SUB_STATS_A_UNSPEC,
	TICKPATH_SUB_STATS_A_PAD,
	TICKPATH_SUB_STATS_A_RECORDS,	/* records written, control ones too */
	TICKPATH_SUB_STATS_A_FILTERED,	/* messages the filter dropped */
	TICKPATH_SUB_STATS_A_SLOTS,	/* slots written */
	__TICKPATH_SUB_STATS_A_MAX
};

#define TICKPATH_SUB_STATS_A_MAX (__TICKPATH_SUB_STATS_A_MAX - 1)

#define TICKPATH_SUB_LOCATES_MAX 1024
#define TICKPATH_SUB_SYMBOLS_MAX 256

#define TICKPATH_RING_SLOTS_MIN 64
#define TICKPATH_RING_SLOTS_DEFAULT 65536
#define TICKPATH_RING_SLOTS_MAX 16777216	/* 2^24 */

/* Records */

#define TICKPATH_SLOT_SIZE 64

/* Control record types; ITCH types are their ASCII letters. */
#define TICKPATH_REC_GAP		0x01
#define TICKPATH_REC_SESSION		0x02
#define TICKPATH_REC_END_OF_SESSION	0x03

#define TICKPATH_REC_F_HW_TS		0x01	/* rx_ts is the NIC's */
#define TICKPATH_REC_F_LONG		0x02	/* the record takes two slots */
#define TICKPATH_REC_F_SELL		0x04	/* Buy/Sell Indicator is 'S' */
#define TICKPATH_REC_F_PRINTABLE	0x08	/* Printable is 'Y' */

/* System Event 'S' */
struct tickpath_system_event {
	__u8 event_code;
};

/* Stock Directory 'R' (two slots) */
struct tickpath_stock_directory {
	char stock[8];
	__u32 round_lot_size;
	__u32 etp_leverage_factor;
	char issue_subtype[2];
	__u8 market_category;
	__u8 financial_status;
	__u8 round_lots_only;
	__u8 issue_classification;
	__u8 authenticity;
	__u8 short_sale_threshold;
	__u64 stamp2;
	__u8 ipo_flag;
	__u8 luld_ref_price_tier;
	__u8 etp_flag;
	__u8 inverse_indicator;
};

/* Stock Trading Action 'H' */
struct tickpath_trading_action {
	char stock[8];
	__u8 trading_state;
	__u8 reserved;
	char reason[4];
};

/* Reg SHO Short Sale Price Test Restriction 'Y' */
struct tickpath_reg_sho {
	char stock[8];
	__u8 action;
};

/* Market Participant Position 'L' */
struct tickpath_participant_position {
	char stock[8];
	char mpid[4];
	__u8 primary_market_maker;
	__u8 market_maker_mode;
	__u8 market_participant_state;
};

/* MWCB Decline Level 'V' (8 implied decimals) */
struct tickpath_mwcb_decline {
	__u64 level1;
	__u64 level2;
	__u64 level3;
};

/* MWCB Status 'W' */
struct tickpath_mwcb_status {
	__u8 breached_level;
};

/* IPO Quoting Period Update 'K' */
struct tickpath_ipo_quoting {
	char stock[8];
	__u32 release_time;
	__u32 ipo_price;
	__u8 release_qualifier;
};

/* LULD Auction Collar 'J' */
struct tickpath_luld_collar {
	char stock[8];
	__u32 ref_price;
	__u32 upper_price;
	__u32 lower_price;
	__u32 extension;
};

/* Operational Halt 'h' */
struct tickpath_operational_halt {
	char stock[8];
	__u8 market_code;
	__u8 action;
};

/* Add Order 'A' and Add Order with MPID 'F' (side: TICKPATH_REC_F_SELL) */
struct tickpath_add_order {
	__u64 order_ref;
	__u32 shares;
	__u32 price;
	char mpid[4];		/* 'F' only */
};

/* Order Executed 'E' and Order Executed With Price 'C' */
struct tickpath_order_executed {
	__u64 order_ref;
	__u64 match_number;
	__u32 shares;
	__u32 price;		/* 'C' only (printable: TICKPATH_REC_F_PRINTABLE) */
};

/* Order Cancel 'X' */
struct tickpath_order_cancel {
	__u64 order_ref;
	__u32 shares;
};

/* Order Delete 'D' */
struct tickpath_order_delete {
	__u64 order_ref;
};

/* Order Replace 'U' */
struct tickpath_order_replace {
	__u64 orig_order_ref;
	__u64 new_order_ref;
	__u32 shares;
	__u32 price;
};

/* Trade (non-cross) 'P' (side: TICKPATH_REC_F_SELL) */
struct tickpath_trade {
	__u64 order_ref;
	__u64 match_number;
	__u32 shares;
	__u32 price;
};

/* Cross Trade 'Q' */
struct tickpath_cross_trade {
	__u64 shares;
	__u64 match_number;
	__u32 price;
	__u8 cross_type;
};

/* Broken Trade 'B' */
struct tickpath_broken_trade {
	__u64 match_number;
};

/* Net Order Imbalance Indicator 'I' (two slots) */
struct tickpath_noii {
	__u64 paired_shares;
	__u64 imbalance_shares;
	char stock[8];
	__u64 stamp2;
	__u32 far_price;
	__u32 near_price;
	__u32 current_ref_price;
	__u8 imbalance_direction;
	__u8 cross_type;
	__u8 price_variation;
};

/* Retail Price Improvement Indicator 'N' */
struct tickpath_rpii {
	char stock[8];
	__u8 interest_flag;
};

/* Direct Listing with Capital Raise Price Discovery 'O' (two slots) */
struct tickpath_dlcr {
	char stock[8];
	__u32 min_allowable_price;
	__u32 max_allowable_price;
	__u32 near_execution_price;
	__u32 lower_price_range_collar;
	__u64 stamp2;
	__u64 near_execution_time;
	__u32 upper_price_range_collar;
	__u8 open_eligibility_status;
};

struct tickpath_gap {
	__u64 count;
};

struct tickpath_session {
	char name[10];
};

struct tickpath_rec {
	__u64 stamp;		/* owned by the ring, see "Rings" */
	__u64 seq;		/* MoldUDP64 sequence number */
	__u64 exch_ts;		/* ITCH timestamp, ns since midnight */
	__u64 rx_ts;		/* ns since the epoch (CLOCK_REALTIME) */
	__u8 type;		/* ITCH type ('A', ...) or TICKPATH_REC_* */
	__u8 flags;		/* TICKPATH_REC_F_* */
	__u16 locate;		/* ITCH Stock Locate */
	__u16 tracking;		/* ITCH Tracking Number */
	__u8 channel;		/* TICKPATH_A_FEED_CHANNEL_ID */
	__u8 line;		/* TICKPATH_A_FEED_LINE */
	union {
		struct tickpath_system_event system_event;
		struct tickpath_stock_directory stock_directory;
		struct tickpath_trading_action trading_action;
		struct tickpath_reg_sho reg_sho;
		struct tickpath_participant_position participant_position;
		struct tickpath_mwcb_decline mwcb_decline;
		struct tickpath_mwcb_status mwcb_status;
		struct tickpath_ipo_quoting ipo_quoting;
		struct tickpath_luld_collar luld_collar;
		struct tickpath_operational_halt operational_halt;
		struct tickpath_add_order add_order;
		struct tickpath_order_executed order_executed;
		struct tickpath_order_cancel order_cancel;
		struct tickpath_order_delete order_delete;
		struct tickpath_order_replace order_replace;
		struct tickpath_trade trade;
		struct tickpath_cross_trade cross_trade;
		struct tickpath_broken_trade broken_trade;
		struct tickpath_noii noii;
		struct tickpath_rpii rpii;
		struct tickpath_dlcr dlcr;
		struct tickpath_gap gap;
		struct tickpath_session session;
		__u8 body[2 * TICKPATH_SLOT_SIZE - 40];
	};
};

#define TICKPATH_REC_BODY_OFFSET 40

/* Ring mapping */

#define TICKPATH_RING_ABI_VERSION 1
#define TICKPATH_RING_MAGIC 0x7469636b	/* "tick" */

#define TICKPATH_RING_F_DEAD 0x1	/* subscription or device gone */

#define TICKPATH_STAMP_CONT _BITULL(63)	/* second slot of a record */
#define TICKPATH_STAMP_BITS 40
#define TICKPATH_HEAD_SLOT_BITS 24

/*
 * The first page of the mapping.  magic, abi_version and the offsets never
 * move; a reader checks abi_version and uses the offsets.
 */
struct tickpath_ring_hdr {
	__u32 magic;
	__u32 abi_version;
	__u32 slot_size;
	__u32 slot_count;
	__u32 slots_offset;	/* from the start of the mapping */
	__u32 head_offset;
	__u32 flags_offset;
	__u32 reserved;
	__u32 flags;		/* TICKPATH_RING_F_* */
	__u32 reserved2[7];
	__u64 head;		/* at 64: a cache line of its own */
	__u64 reserved3[7];
};

struct tickpath_ring_info {
	__u64 mmap_size;	/* header page plus the slots mapped twice */
	__u32 slot_count;
	__u32 slots_offset;
	__u64 head;		/* the head when the call was made */
};

#define TICKPATH_IOC_MAGIC 0xb7
/* Bind this open file to a subscription's ring, by name, in the caller's
 * network namespace; once only.  EACCES: the subscription has an owner and
 * the caller is not it (see TICKPATH_CMD_SUB_ADD).
 */
#define TICKPATH_IOC_BIND	_IOW(TICKPATH_IOC_MAGIC, 1, char[TICKPATH_NAME_MAX])
#define TICKPATH_IOC_RING_INFO	_IOR(TICKPATH_IOC_MAGIC, 2, struct tickpath_ring_info)
/*
 * Arm: the record number (mod 2^40) this reader waits for.  poll() reports
 * EPOLLIN while the ring's head has passed the record armed last on this
 * open file, by ARM, WAIT or WAIT_TIMEOUT (before any, the head at BIND),
 * and EPOLLHUP once the ring is dead.  The ring wakes its pollers whenever
 * head moves, so with EPOLLET a reader need not arm again after each event:
 * every move of head past the armed record is an event (events may merge),
 * and a record once passed stays passed however far head goes.  Level-
 * triggered, EPOLLIN stays up until a record not yet published is armed.
 */
#define TICKPATH_IOC_ARM	_IOW(TICKPATH_IOC_MAGIC, 3, __u64)
/* Arm, then sleep until the ring's head passes it (0) or the ring dies
 * (EPIPE, once every record before its death was passed); interruptible
 * (restarted after a handler with SA_RESTART).  No timeout: see WAIT_TIMEOUT.
 */
#define TICKPATH_IOC_WAIT	_IOW(TICKPATH_IOC_MAGIC, 4, __u64)

/*
 * TICKPATH_IOC_WAIT_TIMEOUT arms rec, as ARM does, then sleeps, in one system
 * call where ARM and ppoll() take two.  It returns:
 *
 *    1:      the head passed rec (checked first: a dead ring's last records
 *            are read before it says EPIPE)
 *    0:      timeout_ns passed first; timeout_ns 0 only checks, without
 *            sleeping; a negative one waits for ever
 *    EPIPE:  the ring is dead and rec will never come
 *    EINTR:  a signal handler ran: never restarted, SA_RESTART or not (as
 *            poll()).  A stop or a signal without a handler restarts the
 *            call transparently.  Either way the kernel first stores the
 *            time left in timeout_ns (a negative one is left alone), so a
 *            restart waits no longer than asked, and the caller may go on
 *            with it
 *    EINVAL: rec is 2^40 or more; EBADFD: not bound; EFAULT
 *
 * The timeout is on CLOCK_MONOTONIC, with the caller's timer slack.
 */
struct tickpath_wait {
	__u64 rec;		/* the record number waited for, mod 2^40 */
	__s64 timeout_ns;	/* < 0: none; 0: only check; the time left */
};

#define TICKPATH_IOC_WAIT_TIMEOUT _IOWR(TICKPATH_IOC_MAGIC, 5, struct tickpath_wait)

#endif /* _UAPI_LINUX_TICKPATH_H */
