#!/usr/bin/env python3
"""misbehave_check.py LOG GEN CAT STATS: a misbehaving run, predicted.

From tpgen's --log alone, computes what a decoder must see in the pcap:
the records of every data, dup and late frame in the order they were sent
(none of dropped frames or malformed copies), a TYPE or LENGTH error for
each bad message in them, a packet-level error per malformed frame, and the
heartbeats and ends of session.  tpcat -j's records must be exactly those
of tpgen's --json GEN (but rx_ts, which reordering moves), and tpcat
--stats's counts exactly those.
"""
import collections
import json
import sys

FRAME_REASON = {"header": "header", "overrun": "overrun",
                "zero-length": "zero_length", "count": "count",
                "eos-data": "eos_data"}
REASONS = ["ip", "udp", "checksum", "fragment", "header", "overrun",
           "zero_length", "count", "eos_data", "length", "type"]


def parse_log(path):
    frames, bad = [], {}
    for line in open(path):
        words = line.split()
        fields = dict(w.split("=", 1) for w in words[1:])
        fields["what"] = words[0]
        if words[0] == "bad":
            bad[int(fields["msg"])] = fields["kind"]
        elif "frame" in fields:
            frames.append(fields)
    return frames, bad


def without_rx(line):
    rec = json.loads(line)
    del rec["rx_ts"]
    return rec


def predict(frames, bad, gen):
    total = int(frames[-1]["msg"])
    good = [i for i in range(total) if i not in bad]
    if len(good) != len(gen):
        sys.exit(f"{len(good)} good messages in the log, {len(gen)} in GEN")
    record = dict(zip(good, gen))
    recs, stats = [], collections.Counter(packets=len(frames))
    for f in frames:
        what, first, count = f["what"], int(f["msg"]), int(f["count"])
        if what in ("data", "dup", "late"):
            for i in range(first, first + count):
                if i in bad:
                    stats[bad[i]] += 1
                else:
                    recs.append(record[i])
        elif what == "malformed":
            stats[FRAME_REASON[f["kind"]]] += 1
        elif what == "heartbeat":
            stats["heartbeats"] += 1
        elif what == "end":
            stats["end_of_session"] += 1
    stats["messages"] = len(recs)
    return recs, stats


def main():
    frames, bad = parse_log(sys.argv[1])
    gen = [without_rx(line) for line in open(sys.argv[2])]
    cat = [without_rx(line) for line in open(sys.argv[3])]
    got = dict(w.split("=") for w in open(sys.argv[4]).read().split())
    recs, stats = predict(frames, bad, gen)
    errors = []
    if cat != recs:
        n = next((i for i, (a, b) in enumerate(zip(cat, recs)) if a != b),
                 min(len(cat), len(recs)))
        errors.append(f"records differ from #{n}: {len(cat)} read, {len(recs)} predicted")
    for key in ["packets", "messages", "heartbeats", "end_of_session"] + REASONS:
        if int(got[key]) != stats[key]:
            errors.append(f"{key}: tpcat {got[key]}, predicted {stats[key]}")
    for e in errors:
        print(e)
    print(" ".join(f"{k}={v}" for k, v in sorted(stats.items())))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
