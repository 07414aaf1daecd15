#!/bin/bash
# tshark's MoldUDP64 dissector, an independent decoder, agrees with tpgen
# on every frame: sequence numbers, counts, each message's bytes, and which
# frames are malformed.
. "$(dirname "$0")/lib.bash"

fields() {
	tshark -r "$1" -d udp.port==26477,moldudp64 -T fields -E occurrence=a \
		-E aggregator='|' -e frame.number -e moldudp64.sequence \
		-e moldudp64.count -e moldudp64.msgseq -e moldudp64.msglen \
		-e moldudp64.msgdata -e _ws.expert.message 2> /dev/null
}

"$TPGEN" -n 50000 -S 20 --seed 11 -w clean.pcap --log clean.log --binfile clean.bin
fields clean.pcap > clean.fields
check "a clean day: tshark agrees on every frame" \
	python3 "$here/tshark_check.py" clean.log clean.bin clean.fields
check "a clean day: tshark flags nothing but the end of session" \
	[ "$(cut -f7 clean.fields | grep .)" = "Number of Requested Messages" ]

"$TPGEN" -n 50000 -S 20 --seed 12 --max-payload 600 --malform 0.1 --drop 0.02 \
	--dup 0.02 --reorder 0.02 --split 20000,35000 -w bad.pcap --log bad.log \
	--binfile bad.bin
fields bad.pcap > bad.fields
python3 "$here/tshark_check.py" bad.log bad.bin bad.fields > bad.seen
check "misbehaving: tshark agrees on every frame, flags exactly the malformed" \
	[ $? = 0 ]
for kind in header overrun zero-length count eos-data data dup late end; do
	check "misbehaving: the run has $kind frames" grep -q "\b$kind=[1-9]" bad.seen
done
check "misbehaving: drops and bad messages are logged" \
	bash -c 'grep -q "^drop " bad.log && grep -q "^bad .*kind=type" bad.log &&
		 grep -q "^bad .*kind=length" bad.log'
check "misbehaving: three sessions, each from sequence 1" \
	[ "$(grep -c '^data .* seq=1 ' bad.log)" = 3 ]

"$TPGEN" -n 5000 -S 4 --speed 100 -w hb.pcap --log hb.log --binfile hb.bin
fields hb.pcap > hb.fields
python3 "$here/tshark_check.py" hb.log hb.bin hb.fields > hb.seen
check "heartbeats: tshark agrees on every frame" [ $? = 0 ]
check "heartbeats: there are some" grep -q "heartbeat=[1-9]" hb.seen
finish
