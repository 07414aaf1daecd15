#!/usr/bin/env python3
"""bench/steps.py COMMIT...: the table of bench/steps' runs, one row a commit.

Reads bench/out/steps/<short id>.jsonl (bench/guest.sh's raw lines) and
prints Markdown: receive CPU per message of tickpath and of the UDP socket
path, their ratio (the median of the per-repetition ratios, both measured
in the same repetition of the same boot), and tickpath's receive CPU per
message with 1 to 256 filtered subscriptions.
"""

import json
import os
import statistics
import subprocess
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out", "steps")
SUBS = (1, 8, 64, 256)


def spread(values, fmt="{:,.0f}"):
    return "{} [{}–{}]".format(fmt.format(statistics.median(values)),
                               fmt.format(min(values)), fmt.format(max(values)))


def git(*args):
    return subprocess.run(["git", *args], capture_output=True, text=True,
                          check=True).stdout.strip()


def row(commit):
    short = git("rev-parse", "--short", commit)
    subject = git("log", "-1", "--format=%s", commit)
    with open(os.path.join(OUT, short + ".jsonl")) as f:
        lines = [json.loads(line) for line in f if line.strip()]
    cost = {}
    for r in lines:
        if r.get("exp") == "cost":
            cost.setdefault(r["path"], {})[r["rep"]] = r["rx_cpu_ns"] / r["msgs"]
    subs = {n: [r["rx_ns_per_msg"] for r in lines
                if r.get("exp") == "subs" and r["subs"] == n] for n in SUBS}
    ratios = [cost["tickpath"][k] / cost["udp"][k]
              for k in cost["tickpath"] if k in cost.get("udp", {})]
    cells = [f"`{short}` {subject}",
             spread(list(cost["tickpath"].values())),
             spread(list(cost["udp"].values())),
             spread(ratios, "{:.2f}×")]
    cells += [spread(subs[n]) if subs[n] else "–" for n in SUBS]
    return "| " + " | ".join(cells) + " |"


def main():
    print("| commit | tickpath rx ns/msg | udp rx ns/msg | tickpath ÷ udp | "
          + " | ".join(f"{n} sub{'s' if n > 1 else ''}" for n in SUBS) + " |")
    print("|" + "---|" * (4 + len(SUBS)))
    for commit in sys.argv[1:]:
        print(row(commit))


if __name__ == "__main__":
    main()
