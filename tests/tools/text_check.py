#!/usr/bin/env python3
"""text_check.py JSONL TEXT: tpcat's text and JSON of the same records.

Line for line, the text line holds the record's sequence number and type,
and NAME=VALUE for every field of the JSON record but those of the
fixed header (sequence, type, locate, symbol, times), with the same value
where both print it raw.
"""
import json
import sys

HEADER = {"seq", "type", "locate", "stock", "tracking", "exch_ts", "rx_ts",
          "channel", "line", "flags", "stamp"}

errors = []
seen = set()
for jline, tline in zip(open(sys.argv[1]), open(sys.argv[2])):
    rec = json.loads(jline)
    words = tline.split()
    pairs = dict(w.split("=", 1) for w in words if "=" in w)
    if words[1] != str(rec["seq"]) or words[2] != rec["type"]:
        errors.append(f"seq {rec['seq']}: {tline.strip()}")
    for key, value in rec.items():
        if key in HEADER:
            continue
        if key not in pairs:
            errors.append(f"seq {rec['seq']}: no {key}= in {tline.strip()}")
        elif isinstance(value, str) and value and " " not in value and pairs[key] != value:
            errors.append(f"seq {rec['seq']}: {key}={pairs[key]}, JSON {value!r}")
    if pairs.get("trk") != str(rec["tracking"]):
        errors.append(f"seq {rec['seq']}: trk")
    seen.add(rec["type"])
    if len(errors) > 10:
        break
if len(seen) != 23:
    errors.append(f"only types {sorted(seen)}")
for e in errors:
    print(e, file=sys.stderr)
sys.exit(1 if errors else 0)
