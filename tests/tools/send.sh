#!/bin/bash
# tpgen --send puts on the wire exactly the payloads it writes to a pcap,
# paced (no faster than asked) and, with --stamp, stamped with the send
# time; unicast and multicast over the loopback interface.
. "$(dirname "$0")/lib.bash"

port=$((30000 + $$ % 20000))

# receive ADDR NAME TPGEN-OPTIONS...: runs tpgen --send to ADDR while
# listening; NAME.dgrams gets the datagrams, NAME.ns how long tpgen took.
receive() {
	local addr=$1 name=$2 t0 t1

	shift 2
	rm -f ready
	python3 "$here/live_check.py" listen "$addr" $port $name.dgrams ready &
	while [ ! -e ready ]; do sleep 0.05; done
	t0=$(date +%s%N)
	"$TPGEN" --send -g "$addr" -p $port "$@"
	t1=$(date +%s%N)
	echo "$t0 $t1" > $name.ns
	wait $!
}

opts=(-n 20000 -S 10 --seed 4)
receive 127.0.0.1 uni "${opts[@]}" --pps 2000 --log uni.log
check "unicast: the datagrams arrive" [ $? = 0 ]
"$TPGEN" "${opts[@]}" -g 127.0.0.1 -p $port -w uni.pcap
check "unicast: they are the pcap's payloads" python3 "$here/live_check.py" same uni.dgrams uni.pcap
frames=$(lines uni.log)
read -r t0 t1 < uni.ns
check "--pps 2000: $frames packets take at least $(((frames - 1) / 2)) ms" \
	[ $((t1 - t0)) -ge $(((frames - 1) * 500000)) ]

receive 239.255.7.7 multi "${opts[@]}" -i lo --loop --rate 200000 --burst 4 -w multi.pcap
check "multicast on lo: the datagrams arrive" [ $? = 0 ]
check "multicast on lo: they are the pcap's payloads" \
	python3 "$here/live_check.py" same multi.dgrams multi.pcap
read -r t0 t1 < multi.ns
check "--rate 200000: 20000 messages take at least 100 ms" [ $((t1 - t0)) -ge 100000000 ]
check "a live pcap has the send times" python3 -c '
import struct, sys
t0, t1 = map(int, open("multi.ns").read().split())
data, off, last = open("multi.pcap", "rb").read(), 24, 0
while off < len(data):
    sec, nsec, caplen = struct.unpack_from("<III", data, off)
    t = sec * 10**9 + nsec
    if not t0 <= t <= t1 or t < last:
        sys.exit(1)
    last, off = t, off + 16 + caplen'

receive 127.0.0.1 stamp "${opts[@]}" --rate 100000 --stamp
read -r t0 t1 < stamp.ns
check "--stamp: every message carries its packet's send time" \
	python3 "$here/live_check.py" stamped stamp.dgrams "$t0" "$t1"
finish
