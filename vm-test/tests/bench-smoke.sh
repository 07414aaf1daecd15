#!/bin/bash
# tpbench, the benchmark's reader, on every path it offers: a small day
# sent over a veth pair with tpgen --stamp, paced, and each path must
# deliver exactly the data messages sent, none lost, none twice, with a
# latency for each: the UDP socket (blocking and spinning), the AF_PACKET
# ring, the AF_XDP socket (copy mode), and tickpath's ring (blocking,
# spinning, and four readers of one subscription).  The port is in mirror
# mode so that the socket paths see the feed as well.
. "$TP_SRC/vm-test/lib.sh"

tpbench=$TP_BUILD/bench/tpbench
day=(-n 20000 -S 20 --seed 11)
rx() { ip netns exec rx "$@"; }

[ -x "$tpbench" ] || fail "no $tpbench: make bench-progs"
"$tpgen" "${day[@]}" -w day.pcap --log day.log
# What a reader must get: the messages of the data frames.
messages=$(awk '/^data / { for (i = 1; i <= NF; i++) if ($i ~ /^count=/) n += substr($i, 7) }
	END { print n }' day.log)
[ "$messages" -gt 0 ] || fail "tpgen's log counts no messages"

tp_load
feed_link rx rx0 tx tx0
rx "$tpctl" port attach dev rx0 mode mirror
rx "$tpctl" feed add itch dev rx0 group $feed_group port $feed_port
rx "$tpctl" sub add bench channel itch

runs=0
# The readers on the last CPU, the sender on the first (the debug kernel
# brings up one: then both share it).
reader_cpu=$(($(nproc) - 1))
# bench NAME READERS TPBENCH-OPTIONS...: runs tpbench until it has the day,
# sends the day once it is ready, and checks each reader's JSON line.
bench() {
	local name=$1 readers=$2 t0=$SECONDS line n=0 msgs lost dups p50
	shift 2
	runs=$((runs + 1))
	rm -f "$name.ready"
	spawn_to "$name.json" ip netns exec rx "$tpbench" --group $feed_group \
		--port $feed_port --count "$messages" --idle-ms 5000 --timeout 60 \
		--cpu $reader_cpu --ready "$name.ready" "$@"
	local pid=$!
	wait_until 30 "$name: tpbench is not ready" \
		eval "[ -e $name.ready ] || ! kill -0 $pid 2> /dev/null"
	[ -e "$name.ready" ] || { wait $pid || true; fail "$name: tpbench did not start"; }
	# One CPU: veth queues to the sending CPU's backlog, in order.
	ip netns exec tx taskset -c 0 "$tpgen" "${day[@]}" --send -i tx0 --stamp \
		--rate 100000 --burst 2 --session "BENCH$runs"
	wait $pid || fail "$name: tpbench exited with $?"
	while read -r line; do
		msgs=$(json_num msgs <<< "$line")
		lost=$(json_num lost <<< "$line")
		dups=$(json_num dups <<< "$line")
		p50=$(json_num p50 <<< "$line")
		[ "$msgs/$lost/$dups" = "$messages/0/0" ] ||
			fail "$name reader $n: msgs/lost/dups $msgs/$lost/$dups, expected $messages/0/0: $line"
		[ "${p50:-0}" -gt 0 ] || fail "$name reader $n: no latency: $line"
		n=$((n + 1))
	done < "$name.json"
	assert_eq "$n" "$readers" "$name: readers reporting"
	echo "ok: $name: $readers x $messages messages, none lost or twice," \
		"p50 $p50 ns ($(elapsed $t0))"
}

bench udp 1 --path udp --dev rx0
bench udp-busy 1 --path udp-busy --dev rx0
bench af_packet 1 --path af_packet --dev rx0
bench af_xdp 1 --path af_xdp --dev rx0
bench tickpath 1 --path tickpath --sub bench
bench tickpath-busy 1 --path tickpath-busy --sub bench
bench tickpath-4 4 --path tickpath --sub bench --readers 4

expect_error "one AF_XDP socket per queue" rx "$tpbench" --path af_xdp --dev rx0 --readers 2
expect_error "subscription nosuch" rx "$tpbench" --path tickpath --sub nosuch
echo "ok: bench-smoke in $(elapsed 0)"
