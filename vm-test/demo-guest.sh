#!/bin/bash
# The demo, inside the VM: what an operator would type.
. "$TP_SRC/vm-test/lib.sh"

show() { echo "# $*"; "$@"; }

echo "# kernel $(uname -r)"
show insmod "$TP_KO_DIR/kmod/tickpath.ko"
veth_pair feed eth1 exchange eth0
echo "# namespace 'feed' holds eth1; its veth peer eth0 is in 'exchange'"
show ip netns exec feed "$tpctl" port attach dev eth1 mode steal
show ip netns exec feed "$tpctl" port show
echo "# exchange sends 1000 frames of 128 bytes"
send_frames exchange eth0 1000 128
sleep 1
show ip netns exec feed "$tpctl" port show
show ip netns exec feed "$tpctl" -j port show
show ip -n feed -s link show dev eth1
show ip netns exec feed "$tpctl" port detach dev eth1
show rmmod tickpath
