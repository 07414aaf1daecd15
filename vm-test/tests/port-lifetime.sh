#!/bin/bash
# Ports end with their device (deleted, or its namespace destroyed), follow
# it to another namespace, and never stop the module from unloading.
. "$TP_SRC/vm-test/lib.sh"

tp_load
veth_pair rx rx0 tx tx0
ip netns exec rx "$tpctl" port attach dev rx0
ip -n rx link del rx0
assert_eq "$(ip netns exec rx "$tpctl" -j port show)" "[]" "ports after the device is deleted"

# The device moves to namespace mv: the port goes with it and keeps counting.
veth_pair rx rx0 tx tx0
netns_add mv
ip netns exec rx "$tpctl" port attach dev rx0
ip -n rx link set rx0 netns mv
ip -n mv link set rx0 up
assert_eq "$(ip netns exec rx "$tpctl" -j port show)" "[]" "ports left behind in rx"
send_frames tx tx0 25 200
for i in $(seq 50); do
	[ "$(link_stat mv rx0 packets)" -ge 25 ] && break
	sleep 0.2
done
assert_eq "$(port_stat mv rx0 packets)" 25 "packets counted after the move"
ip netns exec mv "$tpctl" port detach dev rx0
ip netns exec mv "$tpctl" port attach dev rx0

# Destroying the namespace destroys the veth, which detaches the port: if
# it did not, the device's reference would never drop and rmmod would fail.
ip netns del mv
for i in $(seq 100); do
	[ "$(awk '$1 == "tickpath" {print $3}' /proc/modules)" = 0 ] && break
	sleep 0.2
done

# rmmod with ports attached: every port is detached on the way out.
veth_pair a a0 b b0
ip netns exec a "$tpctl" port attach dev a0
ip netns exec b "$tpctl" port attach dev b0 mode mirror
tp_unload
send_frames b b0 3 100
tp_load
ip netns exec a "$tpctl" port attach dev a0
ip netns exec b "$tpctl" port attach dev b0
echo "ok: devices are free again after rmmod"
tp_unload
