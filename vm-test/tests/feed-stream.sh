#!/bin/bash
# The fast path end to end: a generated day of a million messages (all 23
# types, 200 symbols, packets dropped and duplicated on purpose) sent over
# a veth into the module and read live from four rings by tpverify, every
# record checked against what was sent; the feed's counters as the stream
# implies them; and tshark's decode of a capture of the same traffic equal
# to the unfiltered ring, message by message.
. "$TP_SRC/vm-test/lib.sh"

messages=${TP_FEED_MESSAGES:-1000000}
day=(-n "$messages" -S 200 --seed 21 --drop 0.002 --dup 0.002)
# Hang guards, not speed limits: the readers and tshark give up (and say
# where they were) a little before the whole test's time runs out.
timeout=${TP_FEED_TIMEOUT:-$((TP_TEST_TIMEOUT - 120))}
rx() { ip netns exec rx "$@"; }

"$tpgen" "${day[@]}" -w day.pcap --log day.log
frames=$(grep -c ' frame=' day.log)
echo "the day: $frames frames, $(grep -c '^drop' day.log) dropped," \
	"$(grep -c '^dup' day.log) duplicated ($(elapsed 0))"
# Three symbols of the day, and one it never announces.
symbols=$("$TP_BUILD/user/tpcat" -r day.pcap -t R -c 150 |
	awk 'NR == 1 || NR == 17 || NR == 150 { match($0, / stock=[^ ]+/)
		printf "%s,", substr($0, RSTART + 7, RLENGTH - 7) }')
[[ "$symbols" =~ ^([A-Z]+,){3}$ ]] || fail "three symbols of the day: '$symbols'"

tp_load
feed_link rx rx0 tx tx0
rx "$tpctl" port attach dev rx0
rx "$tpctl" feed add itch dev rx0 group $feed_group port $feed_port
rx "$tpctl" sub add flow channel itch types AFEXD symbols "${symbols}NOSUCH"
rx "$tpctl" sub add picks channel itch locates 1,5,7-9,100-120 slots 262144
# The whole day fits: the tshark reader may lag as far as it likes.
rx "$tpctl" sub add all channel itch slots 1048576
rx "$tpctl" sub add slow channel itch locates 1-20 slots 64
rx "$tpctl" sub show

verify() { # NAME SUB [OPTIONS]
	local name=$1 sub=$2
	shift 2
	spawn ip netns exec rx "$tpverify" -s "$sub" -f itch -r day.pcap -L day.log \
		-R "ready.$name" -T "$timeout" "$@" > "verify.$name" 2>&1
	readers+=("$name:$!")
}
readers=()
verify flow flow
verify picks picks
verify all all --counters counters.json
verify slow slow --sleep-us 500 --start-late 1000 --expect-lost
# Taps see frames before the rx_handler: stealing hides nothing from them.
# dumpcap captures to a file, which tail follows into tshark, whose decode
# goes through a FIFO to the last reader: tshark alone takes minutes to
# start in the debug VM, and starts while the day is sent.
mkfifo capture.fifo fields
verify tshark all --tshark fields
spawn ip netns exec rx env --default-signal=INT dumpcap -i rx0 -P -B 64 \
	-f "udp port $feed_port" -w capture.pcap 2> dumpcap.err
dumpcap=$!
wait_file capture.pcap 60 dumpcap
spawn_to capture.fifo tail --pid=$dumpcap -c +1 -f capture.pcap
spawn_to fields timeout "$timeout" tshark -r capture.fifo -d udp.port==$feed_port,moldudp64 \
	-T fields -E occurrence=a -e moldudp64.session -e moldudp64.sequence \
	-e moldudp64.msgseq -e moldudp64.msgdata 2> tshark.err
tshark=$!
for r in "${readers[@]}"; do
	wait_file "ready.${r%%:*}" 60 "reader ${r%%:*}"
done

# dumpcap says "Capturing" a little before it does: probes (unicast: no
# feed's, and too short to hold a MoldUDP64 message) go until it counts.
captured() { # the count dumpcap last printed, if any
	local err
	err=$(< dumpcap.err)
	[[ "$err" =~ .*Packets:\ ([0-9]+) ]] && echo "${BASH_REMATCH[1]}"
}
spawn ip netns exec tx bash -c \
	"while :; do echo -n x > /dev/udp/10.77.0.2/$feed_port; sleep 0.2; done"
probe=$!
until [ -n "$(captured)" ]; do
	[ $SECONDS -lt 300 ] || fail "dumpcap captures nothing: $(cat dumpcap.err)"
	sleep 0.2
done
kill $probe
wait $probe || true
sleep 1
probes=$(captured)
echo "set up in $(elapsed 0)"

# One CPU for the sender: veth hands each packet to that CPU's backlog,
# so a sender that moved could let two CPUs reorder its packets.
sent=$SECONDS
ip netns exec tx taskset -c 0 "$tpgen" "${day[@]}" --send -i tx0 --log sent.log
echo "sent in $(elapsed $sent)"
sed -i 's/ time=[0-9]*//' sent.log
sed 's/ time=[0-9]*//' day.log | cmp - sent.log || fail "tpgen sent another day than expected"

failed=0
for r in "${readers[@]}"; do
	[ "${r%%:*}" = tshark ] && continue
	wait "${r##*:}" || failed=1
	cat "verify.${r%%:*}"
done
echo "live readers done after $(elapsed $sent)"
[ $failed = 0 ] || fail "a live reader failed"

# The counters: every message once, the injected gaps, all 23 types.
feed_check rx itch counters.json "feed counters as the stream implies"
eval "$(python3 "$feedjson" vars counters.json c_)"
assert_eq "$c_types" 23 "message types in the day"
[ "$c_gaps" -gt 0 ] && [ "$c_duplicates" -gt 0 ] &&
	[ "$c_messages" -ge $((messages * 99 / 100)) ] ||
	fail "the day has gaps, duplicates and its messages: $(cat counters.json)"

# Every frame went past the tap before its record reached a ring; once
# dumpcap has counted them all, it may stop, and tshark finish.
frames=$((frames + probes))
deadline=$((SECONDS + 60))
until [ "$(captured)" = $frames ] || [ $SECONDS -ge $deadline ]; do
	sleep 0.2
done
kill -INT $dumpcap
wait $dumpcap || fail "dumpcap: $(cat dumpcap.err)"
tr '\r' '\n' < dumpcap.err | grep -E "^Packets captured|dropped on interface"
tr '\r' '\n' < dumpcap.err | grep -q "^Packets captured: $frames\$" ||
	fail "the capture holds $frames frames"
wait $tshark || fail "tshark: $(cat tshark.err)"
wait "${readers[-1]##*:}" || { cat verify.tshark; fail "tshark reader"; }
cat verify.tshark
# tshark saw every message the ring holds, and besides them only the
# duplicates, which the ring must not hold.
grep -q "tshark=$c_messages tshark_skipped=$c_duplicates " verify.tshark ||
	fail "tshark checked every message"
echo "ok: feed-stream in $(elapsed 0)"
