#!/bin/bash
# tpgen -> pcap -> tpcat -j reproduces every generated message, field by
# field; the same seed gives the same bytes; --stamp puts the packet's time
# in every message.
. "$(dirname "$0")/lib.bash"

N=200000
"$TPGEN" -n $N --seed 7 -w day.pcap -j gen.jsonl --binfile day.bin --log day.log
check "tpgen writes a day" [ -s day.pcap ]
"$TPCAT" -r day.pcap -j > cat.jsonl
check "tpcat -j of the pcap equals tpgen's own JSON, line for line" cmp -s gen.jsonl cat.jsonl
check "the day holds exactly $N messages" [ "$(lines cat.jsonl)" = $N ]
check "every ITCH type, numbered 1..N in order, seq by seq" \
	python3 "$here/roundtrip_check.py" cat.jsonl $N

"$TPGEN" -n $N --seed 7 -w again.pcap --binfile again.bin
check "the same seed, the same pcap" cmp -s day.pcap again.pcap
check "the same seed, the same BinaryFILE" cmp -s day.bin again.bin
"$TPGEN" -n $N --seed 8 --binfile other.bin
check "another seed, another day" bash -c '! cmp -s day.bin other.bin'

"$TPCAT" -r day.pcap > cat.txt
check "text has a line per record" [ "$(lines cat.txt)" = $N ]
check "text names every JSON field of every type" \
	python3 "$here/text_check.py" cat.jsonl cat.txt

"$TPGEN" -n 20000 -S 10 --stamp --rate 1000000 -w stamp.pcap -j stamp.jsonl
"$TPCAT" -r stamp.pcap -j > stamp.cat
check "--stamp: the round trip holds" cmp -s stamp.jsonl stamp.cat
check "--stamp: exch_ts is rx_ts's time of day, ns" python3 -c '
import json, sys
recs = [json.loads(l) for l in open("stamp.cat")]
sys.exit(not recs or any(r["exch_ts"] != r["rx_ts"] % 86400000000000 for r in recs))'

"$TPGEN" -n 20000 -S 10 --max-msgs 1 -w one.pcap -j one.jsonl --log one.log
"$TPCAT" -r one.pcap -j > one.cat
check "--max-msgs 1: the round trip holds" cmp -s one.jsonl one.cat
check "--max-msgs 1: a packet per message" \
	[ "$(grep -c '^data .* count=1 ' one.log)" = 20000 ]
"$TPGEN" -n 20000 -S 10 --max-payload 86 -w small.pcap -j small.jsonl --log small.log
"$TPCAT" -r small.pcap -j > small.cat
check "--max-payload 86: the round trip holds" cmp -s small.jsonl small.cat
check "--max-payload 86: no payload above 86 bytes" \
	awk '/^data / { split($7, l, "="); if (l[2] > 86) exit 1 }' small.log
finish
