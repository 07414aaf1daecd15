#!/bin/bash
# A port counts exactly the frames and bytes its device receives, in both
# modes, and goes away on detach.
. "$TP_SRC/vm-test/lib.sh"

tp_load
veth_pair rx rx0 tx tx0

ip netns exec rx "$tpctl" port attach dev rx0
assert_eq "$(port_stat rx rx0 packets)" 0 "packets right after attach"

# wait_rx NS DEV PACKETS: the device's own counter reaches PACKETS.
wait_rx() {
	local i
	for i in $(seq 50); do
		[ "$(link_stat "$1" "$2" packets)" -ge "$3" ] && return 0
		sleep 0.2
	done
	fail "$2 received $(link_stat "$1" "$2" packets) frames, expected $3"
}

send_frames tx tx0 1000 100
send_frames tx tx0 7 1514
wait_rx rx rx0 1007
assert_eq "$(port_stat rx rx0 packets)" 1007 "steal: port packets"
assert_eq "$(port_stat rx rx0 bytes)" $((1000 * 100 + 7 * 1514)) "steal: port bytes"
assert_eq "$(link_stat rx rx0 bytes)" "$(port_stat rx rx0 bytes)" "port bytes = device rx_bytes"

text=$(ip netns exec rx "$tpctl" port show)
echo "$text" | grep -Eq "^[0-9]+: rx0: mode steal$" || fail "port show said: $text"
echo "$text" | grep -Eq "^    packets 1007 bytes $((1000 * 100 + 7 * 1514))$" ||
	fail "port show said: $text"

ip netns exec rx "$tpctl" port detach dev rx0
assert_eq "$(ip netns exec rx "$tpctl" -j port show)" "[]" "ports after detach"

ip netns exec rx "$tpctl" port attach dev rx0 mode mirror
base=$(link_stat rx rx0 packets)
send_frames tx tx0 10 60
wait_rx rx rx0 $((base + 10))
json=$(ip netns exec rx "$tpctl" -j port show)
assert_eq "$(echo "$json" | python3 -c 'import json,sys; p=json.load(sys.stdin); print(len(p), p[0]["ifname"], p[0]["mode"], p[0]["stats"]["packets"], p[0]["stats"]["bytes"])')" \
	"1 rx0 mirror 10 600" "mirror: port show -j"
ip netns exec rx "$tpctl" port detach dev rx0
