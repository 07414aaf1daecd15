#!/bin/bash
# tpcat: its filters and count, and its pcap reader on every variant it
# takes, on damaged frames and on files that are not what they claim.
. "$(dirname "$0")/lib.bash"

"$TPGEN" -n 20000 -S 10 --seed 9 -w day.pcap
"$TPCAT" -r day.pcap -j > all.jsonl
sym=$(python3 -c '
import json
print(next(r["stock"] for r in map(json.loads, open("all.jsonl")) if r.get("locate") == 4 and r["type"] == "R"))')

check "-c 10: ten records" [ "$("$TPCAT" -r day.pcap -c 10 | wc -l)" = 10 ]
check "-c 10 -j: the first ten" cmp -s <("$TPCAT" -r day.pcap -j -c 10) <(head -n 10 all.jsonl)
"$TPCAT" -r day.pcap -j -t AFE > f1
check "-t AFE" python3 "$here/filter_check.py" all.jsonl f1 AFE
"$TPCAT" -r day.pcap -j -l 2,5-6 > f2
check "-l 2,5-6 (and locate 0)" python3 "$here/filter_check.py" all.jsonl f2 "" 2,5,6
"$TPCAT" -r day.pcap -j -s "$sym" -t RAEDS > f3
check "-s $sym -t RAEDS (resolved by its R message)" \
	python3 "$here/filter_check.py" all.jsonl f3 RAEDS "" "$sym"
"$TPCAT" -r day.pcap -j -s NOSUCH > f4
check "-s of an unknown symbol: market-wide records only" \
	[ "$(grep -vc '"locate":0,' f4)" = 0 ]
check "-p of another port: nothing, all frames other" \
	bash -c '[ -z "$("$0" -r day.pcap -p 1 --stats 2> s)" ] && grep -q "packets=0 .* other=[1-9]" s' "$TPCAT"
check "-g of another group: nothing" \
	[ -z "$("$TPCAT" -r day.pcap -g 239.9.9.9)" ]
check "-p and -g of the feed: everything" \
	cmp -s all.jsonl <("$TPCAT" -r day.pcap -j -p 26477 -g 233.54.12.111)

for how in sll sll2 raw vlan; do
	python3 "$here/pcap_variants.py" day.pcap $how.pcap $how
	check "reads $how" cmp -s all.jsonl <("$TPCAT" -r $how.pcap -j)
done
python3 "$here/pcap_variants.py" day.pcap usec.pcap usec-be
"$TPCAT" -r usec.pcap -j > usec.jsonl
check "reads microsecond, big-endian pcaps" python3 -c '
import json, sys
a = [json.loads(l) for l in open("all.jsonl")]
b = [json.loads(l) for l in open("usec.jsonl")]
for r in a:
    r["rx_ts"] -= r["rx_ts"] % 1000
sys.exit(a != b or not a)'

python3 "$here/pcap_variants.py" day.pcap damaged.pcap damaged
"$TPCAT" -r damaged.pcap -j --stats > damaged.jsonl 2> damaged.stats
check "damaged frames: counted by reason" \
	grep -q 'other=2 truncated=1 ip=1 udp=1 checksum=2 fragment=1 ' damaged.stats
check "damaged frames: the others decode" \
	[ "$(lines damaged.jsonl)" -lt "$(lines all.jsonl)" -a "$(lines damaged.jsonl)" -gt 19000 ]
check "damaged frames: a hint at -K for the bad UDP checksum" \
	grep -q '^tpcat: 1 packets with a bad UDP checksum skipped .*-K' damaged.stats
"$TPCAT" -r damaged.pcap -j -K --stats > unverified.jsonl 2> unverified.stats
check "-K: the frame with a bad UDP checksum decodes too" \
	[ "$(lines unverified.jsonl)" -gt "$(lines damaged.jsonl)" ]
check "-K: the bad IPv4 header checksum still counts" \
	grep -q ' checksum=1 ' unverified.stats
check "-K: no hint" bash -c '! grep -q "^tpcat:" unverified.stats'
check "-p, -g, -K live: a usage error" bash -c '"$0" -K sub 2> /dev/null; [ $? = 2 ]' "$TPCAT"

# The link type's upper bits may say the frames end with an FCS (libpcap's
# LT_FCS_DATALINK_EXT); a link type tpcat cannot read is refused.
python3 -c '
import sys
d = bytearray(open("day.pcap", "rb").read())
d[20:24] = int(sys.argv[1], 0).to_bytes(4, "little")
open(sys.argv[2], "wb").write(d)' 0x04000001 fcs.pcap
check "an Ethernet link type with FCS bits" cmp -s all.jsonl <("$TPCAT" -r fcs.pcap -j)
python3 -c '
import sys
d = bytearray(open("day.pcap", "rb").read())
d[20:24] = (0).to_bytes(4, "little")
open("null.pcap", "wb").write(d)'
check "an unsupported link type: fails and says so" \
	bash -c '! "$0" -r null.pcap 2> err && grep -q "link type not supported" err' "$TPCAT"

head -c 30000 day.pcap > cut.pcap
"$TPCAT" -r cut.pcap > cut.txt 2> cut.err
check "a truncated pcap: fails, after what it could read" \
	[ $? = 1 -a -s cut.txt ] && grep -q 'truncated or corrupt' cut.err
printf 'not a pcap at all, not at all' > junk
check "not a pcap: fails" bash -c '! "$0" -r junk 2>&1 | grep -q . || ! "$0" -r junk 2> /dev/null' "$TPCAT"
check "not a pcap: says so" bash -c '"$0" -r junk 2>&1 | grep -q "not a pcap file"' "$TPCAT"
printf '\x0a\x0d\x0d\x0a\x1c\x00\x00\x00\x4d\x3c\x2b\x1a\x01\x00\x00\x00\xff\xff\xff\xff\xff\xff\xff\xff\x1c\x00\x00\x00' > ng.pcapng
check "pcapng: says to convert it" bash -c '"$0" -r ng.pcapng 2>&1 | grep -q "editcap -F pcap"' "$TPCAT"
check "a missing file fails" bash -c '! "$0" -r missing.pcap 2> /dev/null' "$TPCAT"
check "neither a subscription nor -r: a usage error" bash -c '"$0" 2> /dev/null; [ $? = 2 ]' "$TPCAT"
check "an unknown type: a usage error" bash -c '"$0" -r day.pcap -t Z 2> /dev/null; [ $? = 2 ]' "$TPCAT"
check "a bad locate list: a usage error" bash -c '"$0" -r day.pcap -l 5-2 2> /dev/null; [ $? = 2 ]' "$TPCAT"
check "--help" bash -c '"$0" --help | grep -q -- "--stats"' "$TPCAT"
finish
