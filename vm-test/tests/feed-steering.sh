#!/bin/bash
# Where frames go beside a port, in steal and in mirror mode: other UDP
# (another port of the feed's group, another group, unicast) reaches its
# sockets untouched; feed packets reach the ring, and a socket too only in
# mirror mode; IPv4 fragments of the feed are passed to the stack, which
# reassembles them for the socket.  tpgen's malformed packets and messages
# and hand-made bad IPv4/UDP frames are counted by reason, exactly, and
# disturb nothing: every record of the ring is still checked by tpverify.
. "$TP_SRC/vm-test/lib.sh"

feedsock=$TP_SRC/vm-test/feedsock.py
feedframes=$TP_SRC/vm-test/feedframes.py
other_group=233.54.12.112
datagrams=20
day=(-n 20000 -S 20 --seed 31 --max-payload 800 --malform 0.03 --drop 0.005 --dup 0.005)
# What the frames of feedframes.py add to the feed's counters: the
# fragmented datagram is passed and counted once, by its first fragment;
# the frames for another VLAN and another host are not the feed's (were
# they taken, their heartbeat would show in the ring as a gap).
hand_made='{"packets": 5, "passed": 1, "malformed": {"ip": 1, "checksum": 2, "udp": 1, "fragment": 1}}'
rx() { ip netns exec rx "$@"; }
tx() { ip netns exec tx "$@"; }

"$tpgen" "${day[@]}" -w day.pcap --log day.log
frames=$(grep -c ' frame=' day.log)

tp_load
feed_link rx rx0 tx tx0

# steer MODE FEED_DATAGRAMS FEED_BYTES: one run; the socket on the feed's
# group and port must receive FEED_DATAGRAMS datagrams, FEED_BYTES bytes.
steer() {
	local mode=$1 verifier listener
	rm -f sock.* ready.all counters.json
	rx "$tpctl" port attach dev rx0 mode "$mode"
	rx "$tpctl" feed add itch dev rx0 group $feed_group port $feed_port
	rx "$tpctl" sub add all channel itch
	spawn ip netns exec rx python3 "$feedsock" recv 10.77.0.2 sock. \
		feed=$feed_group:$feed_port port=$feed_group:$((feed_port + 1)) \
		group=$other_group:$feed_port unicast=10.77.0.2:5000
	listener=$!
	spawn ip netns exec rx "$tpverify" -s all -f itch -r day.pcap -L day.log -R ready.all \
		--counters counters.json > "verify.$mode" 2>&1
	verifier=$!
	wait_file sock.ready 60 "sockets"
	wait_file ready.all 60 "tpverify"

	tx python3 "$feedframes" tx0 10.77.0.1 $feed_group $feed_port \
		ip-len ip-csum udp-len udp-csum fragments vlan otherhost
	tx python3 "$feedsock" send 10.77.0.1 $datagrams $feed_group:$((feed_port + 1)) \
		$other_group:$feed_port 10.77.0.2:5000
	tx taskset -c 0 "$tpgen" "${day[@]}" --send -i tx0
	wait $verifier || { cat "verify.$mode"; fail "$mode: the ring"; }
	cat "verify.$mode"
	kill $listener
	wait $listener || fail "$mode: the sockets failed"

	assert_eq "$(cat sock.port)" "$datagrams $((datagrams * 100))" \
		"$mode: datagrams to the feed's group, another port"
	assert_eq "$(cat sock.group)" "$datagrams $((datagrams * 100))" \
		"$mode: datagrams to another group, the feed's port"
	assert_eq "$(cat sock.unicast)" "$datagrams $((datagrams * 100))" "$mode: unicast datagrams"
	assert_eq "$(cat sock.feed)" "$2 $3" "$mode: datagrams and bytes to the feed's socket"
	feed_check rx itch counters.json "$mode: feed counters, malformed ones by reason" "$hand_made"
	rx "$tpctl" port detach dev rx0
}

# Steal: the feed's socket gets the reassembled fragments only.
steer steal 1 2000
eval "$(python3 "$feedjson" vars counters.json c_)"
assert_eq "$c_malformed" 7 "kinds of malformed packets and messages tpgen made"
# Mirror: every frame tpgen sent, and the fragments.
steer mirror $((frames + 1)) $((c_bytes + 2000))
echo "ok: feed-steering in $(elapsed 0)"
