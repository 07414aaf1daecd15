#!/bin/bash
# The generated day replays through a simple order book without a fault,
# read back from the pcap; and the checker does catch a broken day.
. "$(dirname "$0")/lib.bash"

"$TPGEN" -n 200000 --seed 21 -w day.pcap
"$TPCAT" -r day.pcap -j > day.jsonl
check "the day replays through order books" python3 "$here/book_check.py" day.jsonl

"$TPGEN" -n 30000 -S 8 --seed 22 -w small.pcap
"$TPCAT" -r small.pcap -j > small.jsonl
check "a small day with few symbols too" python3 "$here/book_check.py" small.jsonl

# The checker itself: a delete of an order that does not rest must fail it.
python3 - <<'PY'
import json
recs = [json.loads(l) for l in open("small.jsonl")]
d = next(i for i, r in enumerate(recs) if r["type"] == "D")
recs.insert(d + 1, dict(recs[d], seq=recs[d]["seq"]))
open("broken.jsonl", "w").writelines(json.dumps(r) + "\n" for r in recs)
PY
check "the checker catches a second delete" \
	bash -c '! python3 "$0" broken.jsonl > /dev/null 2>&1' "$here/book_check.py"
finish
