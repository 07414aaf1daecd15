#!/bin/bash
# Misbehaviours are seeded and logged well enough to predict, from the log,
# every record and every counter of a decoder reading the result: here
# tpcat, which decodes with the module's own tp_mold_parse() and
# tp_itch_decode().
. "$(dirname "$0")/lib.bash"

bad_opts=(-n 100000 -S 50 --seed 5 --max-payload 800 --drop 0.02 --dup 0.02
	  --reorder 0.03 --malform 0.05 --split 30000,60000)
"$TPGEN" "${bad_opts[@]}" -w bad.pcap -j bad.jsonl --log bad.log
"$TPCAT" -r bad.pcap -j --stats > bad.cat 2> bad.stats
python3 "$here/misbehave_check.py" bad.log bad.jsonl bad.cat bad.stats > bad.seen
check "every record and counter as the log predicts" [ $? = 0 ]
for what in header overrun zero_length count eos_data type length; do
	check "malformed $what occurs" grep -q "\b$what=[1-9]" bad.seen
done
check "drops, duplicates and reordering occur" \
	bash -c 'grep -q ^drop bad.log && grep -q ^dup bad.log && grep -q ^late bad.log'

"$TPGEN" "${bad_opts[@]}" -w again.pcap --log again.log
check "the same seed misbehaves the same way" cmp -s bad.log again.log
check "the same seed, the same pcap" cmp -s bad.pcap again.pcap

"$TPGEN" -n 100000 -S 50 --seed 5 --binfile clean.bin
"$TPGEN" -n 100000 -S 50 --seed 5 --drop 0.1 --dup 0.1 --reorder 0.1 --binfile lossy.bin
check "losing packets leaves the day's messages alone" cmp -s clean.bin lossy.bin

"$TPGEN" -n 5000 -S 4 --speed 100 --drop 0.05 --malform 0.05 --malform-kinds overrun,type \
	-w hb.pcap -j hb.jsonl --log hb.log
"$TPCAT" -r hb.pcap -j --stats > hb.cat 2> hb.stats
python3 "$here/misbehave_check.py" hb.log hb.jsonl hb.cat hb.stats > hb.seen
check "heartbeats and chosen kinds: as the log predicts" [ $? = 0 ]
check "heartbeats and chosen kinds: no other kind" \
	bash -c '! grep -Eq "\b(header|count|zero_length|eos_data|length)=[1-9]" hb.seen &&
		 grep -q "heartbeats=[1-9]" hb.seen'
finish
