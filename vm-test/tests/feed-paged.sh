#!/bin/bash
# Paged skbs, as NIC drivers build them: a generated day of frames of about
# a page, cut between the linear area and page fragments in every way
# pagedframes.py knows, some padded, with bad copies of a few among them.
# Sent out of a veth by AF_PACKET (every kernel), and where the kernel has
# TUN and VXLAN (Debian's; the debug kernel has neither) written into a tap
# device as NAPI fragments, and in VXLAN over it, whose device hands the
# inner frames on with CHECKSUM_COMPLETE.  Every message reaches each
# feed's ring once (tpverify), the bad copies are counted by reason, and in
# mirror mode the stack after the module still takes every good datagram.
. "$TP_SRC/vm-test/lib.sh"

pagedframes=$TP_SRC/vm-test/pagedframes.py
feedsock=$TP_SRC/vm-test/feedsock.py
day=(-n 100000 -S 20 --seed 51 --max-payload 4400 --drop 0.01 --dup 0.01)
# What pagedframes.py adds to each feed's counters: its bad copies.
hand_made='{"packets": 5, "malformed": {"checksum": 2, "ip": 1, "udp": 2}}'
big=16385 # the payload bytes of the one a socket takes: pagedframes.py BIG
rx() { ip netns exec rx "$@"; }

"$tpgen" "${day[@]}" -w day.pcap --log day.log
frames=$(grep -c ' frame=' day.log)

tp_load
feeds=(veth)
declare -A dev=([veth]=rx0 [tap]=tap0 [vxlan]=vx0)
[ -e /sys/class/misc/tun ] && feeds+=(tap vxlan) ||
	echo "no TUN in this kernel: the veth feed only"

feed_link rx rx0 tx tx0
# Room for the big datagram, which AF_PACKET sends only within the MTU.
ip -n tx link set tx0 mtu 17000
ip -n rx link set rx0 mtu 17000
rx "$tpctl" port attach dev rx0
if [ ${#feeds[@]} -gt 1 ]; then
	rx ip tuntap add dev tap0 mode tap
	rx ip addr add 10.78.0.2/24 dev tap0
	rx ip link set tap0 up
	rx ip link add vx0 type vxlan id 42 dstport 4789 local 10.78.0.2 dev tap0 nolearning
	rx ip addr add 10.79.0.2/24 dev vx0
	rx ip link set vx0 up
	rx "$tpctl" port attach dev tap0
	rx "$tpctl" port attach dev vx0 mode mirror
	spawn ip netns exec rx python3 "$feedsock" recv 10.79.0.2 sock. \
		feed=$feed_group:$feed_port
	listener=$!
	wait_file sock.ready 60 "socket"
fi
readers=()
for f in "${feeds[@]}"; do
	rx "$tpctl" feed add "$f" dev "${dev[$f]}" group $feed_group port $feed_port
	rx "$tpctl" sub add "$f" channel "$f" slots 262144
	spawn ip netns exec rx "$tpverify" -s "$f" -f "$f" -r day.pcap -L day.log \
		-R "ready.$f" --counters counters.json > "verify.$f" 2>&1
	readers+=("$f:$!")
done
for r in "${readers[@]}"; do
	wait_file "ready.${r%%:*}" 60 "reader ${r%%:*}"
done

# One CPU for each sender, so that nothing reorders its frames.
sent=$SECONDS
ip netns exec tx taskset -c 0 python3 "$pagedframes" packet tx0 day.pcap
if [ ${#feeds[@]} -gt 1 ]; then
	rx taskset -c 0 python3 "$pagedframes" tap tap0 day.pcap 10.78.0.2 10.78.0.1
fi
echo "sent in $(elapsed $sent)"

failed=0
for r in "${readers[@]}"; do
	wait "${r##*:}" || failed=1
	cat "verify.${r%%:*}"
done
[ $failed = 0 ] || fail "a reader failed"
for f in "${feeds[@]}"; do
	feed_check rx "$f" counters.json "$f: feed counters, the bad copies by reason" "$hand_made"
done

if [ ${#feeds[@]} -gt 1 ]; then
	kill "$listener"
	wait "$listener" || fail "the socket failed"
	eval "$(python3 "$feedjson" vars counters.json c_)"
	assert_eq "$(cat sock.feed)" "$((frames + 1)) $((c_bytes + big))" \
		"vxlan, mirror: datagrams and bytes to the feed's socket"
fi
echo "ok: feed-paged (${feeds[*]}) in $(elapsed 0)"
