#!/usr/bin/env python3
"""filter_check.py ALL FILTERED [TYPES [LOCATES [SYMBOLS]]]: tpcat's filter.

FILTERED must be exactly the records of ALL (tpcat -j of the same pcap)
that pass a subscription's rules: type among TYPES (empty: any) and, when
LOCATES (comma list) or SYMBOLS (comma list) are given, locate 0, a listed
locate, or the locate of a listed symbol once its R message went by.
"""
import json
import sys

all_path, filtered_path = sys.argv[1:3]
types = sys.argv[3] if len(sys.argv) > 3 else ""
locates = {int(x) for x in sys.argv[4].split(",") if x} if len(sys.argv) > 4 else set()
symbols = set(sys.argv[5].split(",")) if len(sys.argv) > 5 and sys.argv[5] else set()

want = []
for line in open(all_path):
    rec = json.loads(line)
    if rec["type"] == "R" and rec["stock"] in symbols:
        locates.add(rec["locate"])
    if types and rec["type"] not in types:
        continue
    if (locates or symbols) and rec["locate"] and rec["locate"] not in locates:
        continue
    want.append(line)
got = open(filtered_path).readlines()
print(f"{len(got)} of {sum(1 for _ in open(all_path))} records")
sys.exit(0 if got == want and got else 1)
