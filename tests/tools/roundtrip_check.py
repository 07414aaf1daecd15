#!/usr/bin/env python3
"""roundtrip_check.py JSONL N: tpcat -j output of a generated day.

The records are numbered 1..N in order, all 23 ITCH 5.0 types occur, and
every record of a type has the same fields, none missing.
"""
import json
import sys

TYPES = "SRHYLVWKJhAFECXDUPQBINO"

path, n = sys.argv[1], int(sys.argv[2])
fields = {}
errors = []
count = 0
for count, line in enumerate(open(path), 1):
    rec = json.loads(line)
    if rec["seq"] != count:
        errors.append(f"record {count} has seq {rec['seq']}")
        break
    keys = set(rec) - {"stock"}
    if fields.setdefault(rec["type"], keys) != keys:
        errors.append(f"seq {count}: fields {sorted(keys)} differ")
        break
if count != n:
    errors.append(f"{count} records, not {n}")
missing = set(TYPES) - set(fields)
if missing or set(fields) - set(TYPES):
    errors.append(f"types missing {sorted(missing)}, extra {sorted(set(fields) - set(TYPES))}")
for e in errors:
    print(e, file=sys.stderr)
sys.exit(1 if errors else 0)
