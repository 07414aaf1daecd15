#!/bin/bash
# A BinaryFILE replays into the very packets the day it was written from
# made, from a file or a pipe; bad entries are counted and skipped.
. "$(dirname "$0")/lib.bash"

"$TPGEN" -n 50000 -S 20 --seed 3 --binfile day.bin -w day.pcap -j day.jsonl --log day.log
"$TPGEN" --replay day.bin -w replay.pcap -j replay.jsonl --binfile copy.bin --log replay.log
check "the replay's pcap is the day's, byte for byte" cmp -s day.pcap replay.pcap
check "the replay's JSON (decoded) is the day's (generated)" cmp -s day.jsonl replay.jsonl
check "the replay writes the BinaryFILE it read" cmp -s day.bin copy.bin
check "the replay's log is the day's" cmp -s day.log replay.log
check "a BinaryFILE is 2-byte lengths and messages" python3 -c '
import struct, sys
data = open("day.bin", "rb").read()
off = n = 0
while off < len(data):
    (length,) = struct.unpack_from(">H", data, off)
    off += 2 + length
    n += 1
sys.exit(off != len(data) or n != 50000)'

"$TPGEN" --replay - -w stdin.pcap < day.bin
check "replay from standard input" cmp -s day.pcap stdin.pcap

# Two empty entries and a message no packet of 100 bytes can hold: skipped
# and counted.  A file that ends mid-message fails, like a truncated pcap
# in tpcat, after replaying what it holds.
python3 - <<'PY'
import struct
data = open("day.bin", "rb").read()
first = data[:2 + struct.unpack_from(">H", data)[0]]
bad = first + b"\0\0" + struct.pack(">H", 90) + bytes(90) + b"\0\0" + first
open("bad.bin", "wb").write(bad)
open("cut.bin", "wb").write(bad + struct.pack(">H", 30) + bytes(10))
PY
"$TPGEN" --replay bad.bin --max-payload 100 -j bad.jsonl 2> bad.err
status=$?
check "bad entries: the run still succeeds" [ $status = 0 ]
check "bad entries: the good messages go through" [ "$(lines bad.jsonl)" = 2 ]
check "bad entries: counted and reported" \
	grep -q 'skipped 2 empty and 1 too long messages$' bad.err
"$TPGEN" --replay cut.bin --max-payload 100 -j cut.jsonl 2> cut.err
status=$?
check "a file cut mid-message: fails" [ $status = 1 ]
check "a file cut mid-message: what it holds goes through" [ "$(lines cut.jsonl)" = 2 ]
check "a file cut mid-message: reported" grep -q 'the file ends mid-message' cut.err
: > empty.bin
"$TPGEN" --replay empty.bin -w empty.pcap --log empty.log
check "an empty BinaryFILE: only the end of session" \
	[ "$(cat empty.log)" = "end frame=1 session=TPGEN00001 seq=1 count=65535 msg=0 len=20 time=1704153600000000000" ]
check "a missing BinaryFILE fails" bash -c '! "$0" --replay missing.bin -w x.pcap 2> /dev/null' "$TPGEN"
finish
