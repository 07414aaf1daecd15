#!/bin/bash
# Feeds and subscriptions: every refused request says why (extack), state
# changes need CAP_NET_ADMIN, read-only attributes cannot be sent, and only
# its owner, its group and CAP_NET_ADMIN may read an owned ring.
. "$TP_SRC/vm-test/lib.sh"

tp_load
veth_pair rx rx0 tx tx0
in_rx() { ip netns exec rx "$@"; }
genl() { in_rx python3 "$TP_SRC/vm-test/genl.py" "$@"; }
group=233.54.12.111

expect_error "device is not a tickpath port" in_rx "$tpctl" feed add f dev rx0 group $group port 1000
in_rx "$tpctl" port attach dev rx0
expect_error "is not a multicast address" in_rx "$tpctl" feed add f dev rx0 group 10.1.2.3 port 1000
assert_eq "$(genl FEED_ADD FEED_NAME=str:f PORT_IFNAME=str:rx0 FEED_GROUP=raw:0a010203 FEED_UDP_PORT=u16:1000)" \
	"22 tickpath: the group is not an IPv4 multicast address" "unicast group"
in_rx "$tpctl" feed add f dev rx0 group $group port 1000
expect_error "a feed of that name exists" in_rx "$tpctl" feed add f dev rx0 group $group port 1001
expect_error "a feed with that group and UDP port exists" \
	in_rx "$tpctl" feed add g dev rx0 group $group port 1000
expect_error "the channel already has a line" \
	in_rx "$tpctl" feed add g dev rx0 group $group port 1001 channel f
expect_error "no such feed" in_rx "$tpctl" feed del nosuch
expect_error "no such feed" in_rx "$tpctl" feed show nosuch

expect_error "no such channel" in_rx "$tpctl" sub add s channel nosuch
in_rx "$tpctl" sub add s channel f types AFE locates 1-3
expect_error "a subscription of that name exists" in_rx "$tpctl" sub add s channel f
expect_error "no such subscription" in_rx "$tpctl" sub set nosuch types A
expect_error "no such subscription" in_rx "$tpctl" sub del nosuch

# What tpctl checks before asking, the kernel checks again.
assert_eq "$(genl SUB_ADD SUB_NAME=str:t SUB_CHANNEL=str:f SUB_TYPES=str:Az)" \
	"22 tickpath: TICKPATH_A_SUB_TYPES: not an ITCH 5.0 message type" "unknown type"
assert_eq "$(genl SUB_ADD SUB_NAME=str:t SUB_CHANNEL=str:f SUB_RING_SLOTS=u32:1000)" \
	"22 tickpath: the ring's slot count must be a power of two" "slots not a power of two"
assert_eq "$(genl SUB_ADD SUB_NAME=str:t SUB_CHANNEL=str:f SUB_RING_SLOTS=u32:32)" \
	"34 integer out of range" "slots below the minimum"
assert_eq "$(genl SUB_ADD SUB_NAME=str:t SUB_CHANNEL=str:f SUB_LOCATES=raw:010002)" \
	"22 tickpath: not an array of 16-bit locates" "odd locate bytes"
assert_eq "$(genl SUB_ADD SUB_NAME=str:t SUB_CHANNEL=str:f SUB_SYMBOLS=raw:41414150)" \
	"22 tickpath: not an array of 8-byte symbols" "short symbol"
assert_eq "$(genl SUB_ADD SUB_NAME=str:t)" "22 tickpath: a name is needed" "no channel"
assert_eq "$(genl SUB_ADD SUB_NAME=str: SUB_CHANNEL=str:f)" "22 tickpath: a name is 1 to 31 bytes" \
	"an empty name"
assert_eq "$(genl FEED_ADD FEED_NAME=str:h PORT_IFNAME=str:rx0 FEED_GROUP=raw:e9360c6f FEED_UDP_PORT=u16:9 FEED_CHANNEL=str:)" \
	"22 tickpath: a name is 1 to 31 bytes" "an empty channel name"
assert_eq "$(genl SUB_SET SUB_NAME=str:s SUB_CHANNEL=str:f)" \
	"95 tickpath: only the filter changes: types, locates and symbols" "set the channel"
assert_eq "$(genl FEED_ADD FEED_NAME=str:h PORT_IFNAME=str:rx0 FEED_GROUP=raw:e9360c6f)" \
	"22 tickpath: a feed needs a group and a UDP port" "no UDP port"
assert_eq "$(genl FEED_ADD FEED_NAME=str:h PORT_IFNAME=str:rx0 FEED_GROUP=raw:e9360c6f FEED_UDP_PORT=u16:9 FEED_PROTO=u8:1)" \
	"34 integer out of range" "unknown protocol"
assert_eq "$(genl FEED_DEL FEED_NAME=str:f FEED_STATS=raw:)" \
	"22 Unsupported attribute" "a read-only attribute in a request"
assert_eq "$(genl SUB_GET SUB_NAME=str:s)" "0 " "sub get"

# Without CAP_NET_ADMIN: reading is allowed, changing is not.
nobody() { in_rx setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all "$@"; }
nobody "$tpctl" feed show f >/dev/null
nobody "$tpctl" sub show s >/dev/null
expect_error "Operation not permitted" nobody "$tpctl" feed del f
expect_error "Operation not permitted" nobody "$tpctl" feed add x dev rx0 group $group port 2000
expect_error "Operation not permitted" nobody "$tpctl" sub add x channel f
expect_error "Operation not permitted" nobody "$tpctl" sub set s types A
expect_error "Operation not permitted" nobody "$tpctl" sub del s

# An owned ring: its user, a member of its group and CAP_NET_ADMIN may bind
# a reader to it (TICKPATH_IOC_BIND, as libtickpath does); nobody else may.
bind_ring='import fcntl, os, sys
fd = os.open("/dev/tickpath", os.O_RDONLY)
fcntl.ioctl(fd, 0x4020b701, sys.argv[1].encode().ljust(32, b"\0"))'
as_user() { # UID GIDS COMMAND...: with no capability, GIDS its groups
	local uid=$1 gids=$2
	shift 2
	in_rx setpriv --reuid="$uid" --regid="$uid" --groups="$gids" --inh-caps=-all \
		--bounding-set=-all "$@"
}
in_rx "$tpctl" sub add own channel f user 1000 group 2000
assert_eq "$(in_rx "$tpctl" sub show own)" "own: channel f slots 65536 user 1000 group 2000" \
	"an owned subscription"
as_user 65534 65534 python3 -c "$bind_ring" s
echo "ok: anybody binds to a ring without an owner"
as_user 1000 1000 python3 -c "$bind_ring" own
echo "ok: the owner binds"
as_user 65534 65534,2000 python3 -c "$bind_ring" own
echo "ok: a member of the group binds"
in_rx python3 -c "$bind_ring" own
echo "ok: CAP_NET_ADMIN binds"
expect_error "Permission denied" as_user 65534 65534 python3 -c "$bind_ring" own
expect_error "Permission denied" as_user 1001 1001,2001 python3 -c "$bind_ring" own
assert_eq "$(genl SUB_ADD SUB_NAME=str:t SUB_CHANNEL=str:f SUB_OWNER_UID=u32:4294967295)" \
	"22 tickpath: no such user in your user namespace" "an unmapped owner"
assert_eq "$(genl SUB_SET SUB_NAME=str:own SUB_OWNER_GID=u32:0)" \
	"95 tickpath: only the filter changes: types, locates and symbols" "set the owner"
in_rx "$tpctl" sub del own

# A listing longer than one netlink message: 20 subscriptions of 1,024
# locates, about 44 KB, in more than one dump skb, all of them shown.
for i in $(seq 20); do
	in_rx "$tpctl" sub add "big$i" channel f locates 1-1024
done
assert_eq "$(in_rx "$tpctl" sub show | grep -c '^big[0-9]*: .* locates 1-1024$')" 20 \
	"subscriptions listed by a dump of several messages"
for i in $(seq 20); do
	in_rx "$tpctl" sub del "big$i"
done

# Nothing changed on the way.
assert_eq "$(in_rx "$tpctl" -j sub show | python3 -c 'import json,sys; print([(s["name"], s["types"]) for s in json.load(sys.stdin)])')" \
	"[('s', 'AFE')]" "subscriptions after the refusals"
in_rx "$tpctl" feed del f
assert_eq "$(in_rx "$tpctl" -j sub show)" "[]" "the feed's subscriptions went with it"
in_rx "$tpctl" port detach dev rx0
