#!/bin/bash
# Every refused request says why (extack); changes need CAP_NET_ADMIN in the
# user namespace that owns the network namespace.
. "$TP_SRC/vm-test/lib.sh"

tp_load
veth_pair rx rx0 tx tx0
in_rx() { ip netns exec rx "$@"; }

expect_error "no such device in this namespace" in_rx "$tpctl" port attach dev nosuch0
in_rx "$tpctl" port attach dev rx0
expect_error "device is already a tickpath port" in_rx "$tpctl" port attach dev rx0
expect_error "device is not a tickpath port" in_rx "$tpctl" port detach dev lo
expect_error "not an Ethernet device" in_rx "$tpctl" port attach dev lo
expect_error "unknown mode .bogus." in_rx "$tpctl" port attach dev rx0 mode bogus

# Devices whose rx_handler another driver holds.
ip -n rx link add name d0 type dummy
ip -n rx link add name br0 type bridge
ip -n rx link set d0 master br0
expect_error "device is a bridge port" in_rx "$tpctl" port attach dev d0
ip -n rx link add name d1 type dummy
ip -n rx link add name mv0 link d1 type macvlan
expect_error "device is a macvlan lower device" in_rx "$tpctl" port attach dev d1

# Requests tpctl would never send, straight from genl.py.
assert_eq "$(in_rx python3 "$TP_SRC/vm-test/genl.py" PORT_ATTACH PORT_IFNAME=str:rx0 PORT_MODE=u8:7)" \
	"34 integer out of range" "mode out of range"
assert_eq "$(in_rx python3 "$TP_SRC/vm-test/genl.py" PORT_ATTACH PORT_IFNAME=raw:41424344)" \
	"22 Attribute failed policy validation" "ifname without its NUL"
assert_eq "$(in_rx python3 "$TP_SRC/vm-test/genl.py" PORT_ATTACH 99=u32:5)" \
	"22 Unknown attribute type" "unknown attribute"
assert_eq "$(in_rx python3 "$TP_SRC/vm-test/genl.py" PORT_DETACH)" \
	"22 tickpath: a device is needed: TICKPATH_A_PORT_IFINDEX or _IFNAME" "no device"
lo_index=$(cat /sys/class/net/lo/ifindex)
rx0_index=$(in_rx cat /sys/class/net/rx0/ifindex)
assert_eq "$(in_rx python3 "$TP_SRC/vm-test/genl.py" PORT_GET PORT_IFINDEX=u32:"$lo_index" PORT_IFNAME=str:rx0)" \
	"22 tickpath: ifindex and ifname name different devices" "ifindex and ifname disagree"
assert_eq "$(in_rx python3 "$TP_SRC/vm-test/genl.py" PORT_GET PORT_IFINDEX=u32:"$rx0_index")" \
	"0 " "port get by ifindex"

# Without CAP_NET_ADMIN: reading is allowed, changing is not.
nobody() { in_rx setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all "$@"; }
nobody "$tpctl" port show dev rx0 >/dev/null
expect_error "Operation not permitted \(CAP_NET_ADMIN is needed\)" nobody "$tpctl" port detach dev rx0
expect_error "Operation not permitted" nobody "$tpctl" port attach dev d1

in_rx "$tpctl" port detach dev rx0
