#!/usr/bin/env python3
"""book_check.py JSONL: replays a day (tpcat -j lines) through order books.

Fails on: a system event out of order; a locate used before its Stock
Directory; a timestamp going back; an order reference added twice; an
execution, cancel, delete or replace of an unknown order, or one naming
another symbol; more shares executed or cancelled than rest; an execution
in a halted symbol; a broken trade of an unknown or already broken match.
Then checks the mix (adds, deletes and executions dominate, all 23 types
occur) and that limit prices cluster near the last trade.  Every order
ends filled, cancelled or resting: printed, with the other counts.
"""
import collections
import json
import statistics
import sys

TYPES = "SRHYLVWKJhAFECXDUPQBINO"
EVENTS = "OSQMEC"


class Day:
    def __init__(self):
        self.orders = {}        # ref -> [locate, shares, price, sell]
        self.used_refs = set()
        self.matches = set()
        self.broken = set()
        self.symbols = {}
        self.halted = set()
        self.last_trade = {}
        self.distance = []      # ticks from the last trade, per add
        self.events = []
        self.types = collections.Counter()
        self.ends = collections.Counter()
        self.last_ts = 0

    def fail(self, rec, why):
        sys.exit(f"seq {rec['seq']} {rec['type']}: {why}")

    def order(self, rec, ref):
        o = self.orders.get(ref)
        if o is None:
            self.fail(rec, f"order {ref} is not resting")
        if o[0] != rec["locate"]:
            self.fail(rec, f"order {ref} is of locate {o[0]}")
        return o

    def add(self, rec, ref, shares, price, sell):
        if ref in self.used_refs or shares <= 0:
            self.fail(rec, f"order {ref} reused or empty")
        self.used_refs.add(ref)
        self.orders[ref] = [rec["locate"], shares, price, sell]
        last = self.last_trade.get(rec["locate"])
        if last:
            self.distance.append(abs(price - last) / 100)

    def take(self, rec, ref, shares, why):
        o = self.order(rec, ref)
        if not 0 < shares <= o[1]:
            self.fail(rec, f"{shares} shares of order {ref}, {o[1]} resting")
        o[1] -= shares
        if not o[1]:
            del self.orders[ref]
            self.ends[why] += 1
        return o

    def execute(self, rec, price=None):
        if rec["locate"] in self.halted:
            self.fail(rec, "execution while halted")
        o = self.take(rec, rec["order_ref"], rec["shares"], "filled")
        self.trade(rec, rec["match_number"], price or o[2])

    def trade(self, rec, match, price):
        if match in self.matches:
            self.fail(rec, f"match {match} again")
        self.matches.add(match)
        self.last_trade[rec["locate"]] = price

    def replace(self, rec):
        o = self.order(rec, rec["orig_order_ref"])
        del self.orders[rec["orig_order_ref"]]
        self.ends["replaced"] += 1
        self.add(rec, rec["new_order_ref"], rec["shares"], rec["price"], o[3])

    def state(self, rec):
        halted = rec["trading_state"] != "T" or rec.get("action") == "H"
        (self.halted.add if halted else self.halted.discard)(rec["locate"])

    def message(self, rec):
        t = rec["type"]
        self.types[t] += 1
        if rec["exch_ts"] < self.last_ts:
            self.fail(rec, "time goes back")
        self.last_ts = rec["exch_ts"]
        if rec["locate"] and t != "R" and rec["locate"] not in self.symbols:
            self.fail(rec, "locate not in the directory yet")
        if t == "R":
            self.symbols[rec["locate"]] = rec["stock"]
        elif t == "S":
            self.events.append(rec["event_code"])
        elif t in "AF":
            self.add(rec, rec["order_ref"], rec["shares"], rec["price"],
                     rec["side"] == "S")
        elif t == "E":
            self.execute(rec)
        elif t == "C":
            self.execute(rec, rec["price"])
        elif t == "X":
            self.take(rec, rec["order_ref"], rec["shares"], "cancelled")
        elif t == "D":
            self.take(rec, rec["order_ref"], self.order(rec, rec["order_ref"])[1],
                      "deleted")
        elif t == "U":
            self.replace(rec)
        elif t in "PQ":
            if t == "P" and rec["locate"] in self.halted:
                self.fail(rec, "trade while halted")
            self.trade(rec, rec["match_number"], rec["price"])
        elif t == "B":
            m = rec["match_number"]
            if m not in self.matches or m in self.broken:
                self.fail(rec, f"breaks match {m}")
            self.broken.add(m)
        elif t == "H":
            self.state(rec)
        elif t == "h":
            self.state({"trading_state": "T", **rec})


def main():
    day = Day()
    for line in open(sys.argv[1]):
        day.message(json.loads(line))
    total = sum(day.types.values())
    flow = sum(day.types[t] for t in "AFDEXUCP")
    adds = day.types["A"] + day.types["F"]
    ends = sum(day.ends.values()) + len(day.orders)
    errors = []
    if "".join(day.events) != EVENTS:
        errors.append(f"system events {day.events}")
    if set(day.types) != set(TYPES):
        errors.append(f"types {sorted(day.types)}")
    if flow < 0.9 * total or adds < 0.3 * total or day.types["D"] < 0.2 * total:
        errors.append(f"mix {dict(day.types)}")
    if ends != adds + day.types["U"]:
        errors.append(f"{adds} adds and {day.types['U']} replaces, {ends} ends")
    near = statistics.median(day.distance)
    far = sorted(day.distance)[int(len(day.distance) * 0.95)]
    if near > 5 or far > 25:
        errors.append(f"adds not near the last trade: median {near}, p95 {far} ticks")
    print(f"orders {adds + day.types['U']}: " +
          " ".join(f"{k} {v}" for k, v in sorted(day.ends.items())) +
          f" resting {len(day.orders)}; price distance median {near} p95 {far} ticks")
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
