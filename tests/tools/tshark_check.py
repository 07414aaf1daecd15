#!/usr/bin/env python3
"""tshark_check.py LOG BINFILE FIELDS: tshark's view of a tpgen pcap.

FIELDS is the output of
  tshark -r PCAP -d udp.port==PORT,moldudp64 -T fields -E occurrence=a
    -E aggregator='|' -e frame.number -e moldudp64.sequence
    -e moldudp64.count -e moldudp64.msgseq -e moldudp64.msglen
    -e moldudp64.msgdata -e _ws.expert.message
and LOG, BINFILE tpgen's --log and --binfile of the same run.  Frame by
frame, tshark must see the sequence number, count and message bytes tpgen
logged, and flag exactly the malformed frames tpgen made, the way tshark
4.0's MoldUDP64 dissector flags them: an overrun as "Invalid Message
Length", a count one off as "Invalid Message Count", an end of session with
blocks as "End Of Session packet with extra data."; a zero-length block
draws no flag (count and blocks agree), and a payload shorter than the
header is not dissected at all.  An end of session (count 0xFFFF, no
blocks) draws the comment "Number of Requested Messages": the dissector
takes any count without blocks for a re-request.  Prints what it counted.
"""
import collections
import struct
import sys


def read_log(path):
    frames = []
    for line in open(path):
        words = line.split()
        fields = dict(w.split("=", 1) for w in words[1:])
        if "frame" in fields:
            fields["what"] = words[0]
            frames.append(fields)
    return frames


def read_binfile(path):
    data = open(path, "rb").read()
    msgs, off = [], 0
    while off < len(data):
        (length,) = struct.unpack_from(">H", data, off)
        msgs.append(data[off + 2:off + 2 + length].hex())
        off += 2 + length
    return msgs


def split(value):
    return value.split("|") if value else []


def read_tshark(path):
    rows = []
    for line in open(path):
        cols = line.rstrip("\n").split("\t")
        cols += [""] * (7 - len(cols))
        rows.append({
            "frame": int(cols[0]), "seq": cols[1], "count": cols[2],
            "msgseq": split(cols[3]), "msglen": split(cols[4]),
            "msgdata": split(cols[5]), "expert": split(cols[6]),
        })
    return rows


def cut(row):
    """The bytes of an overrun's last block (tshark: <MISSING> if none)."""
    last = row["msgdata"][-1] if row["msgdata"] else ""
    return "" if last == "<MISSING>" else last


def expected_expert(f, row, msgs):
    """The flag tshark 4.0 raises on frame f, or None."""
    kind = f.get("kind")
    if kind == "overrun":
        claimed = len(msgs[int(f["msg"]) + int(f["count"]) - 1]) // 2
        return f"Invalid Message Length (claimed {claimed}, found {len(cut(row)) // 2})"
    if kind == "count":
        return f"Invalid Message Count (claimed {f['count']}, found {len(row['msgseq'])})"
    if kind == "eos-data":
        return "End Of Session packet with extra data."
    if f["what"] == "end":
        return "Number of Requested Messages"
    return None


def check_blocks(f, row, msgs, n):
    """The first n blocks are messages msg.. of the stream, in sequence."""
    seq, first = int(f["seq"]), int(f["msg"])
    want = msgs[first:first + n]
    return (row["msgseq"][:n] == [str(seq + i) for i in range(n)] and
            row["msgdata"][:n] == want and
            row["msglen"][:n] == [str(len(m) // 2) for m in want])


def check_frame(f, row, msgs):
    what, kind = f["what"], f.get("kind")
    if kind == "header":
        return row["seq"] == "" and not row["expert"]
    if row["seq"] != f["seq"] or row["count"] != f["count"]:
        return False
    want = expected_expert(f, row, msgs)
    if row["expert"] != ([want] if want else []):
        return False
    if what in ("heartbeat", "end"):
        return not row["msgseq"]
    if kind == "overrun" or kind == "zero-length":
        n = len(row["msgseq"])
        whole = msgs[int(f["msg"]) + n - 1]
        if kind == "overrun":
            last_ok = whole.startswith(cut(row)) and len(cut(row)) < len(whole)
        else:
            last_ok = row["msglen"][-1] == "0"
        return last_ok and check_blocks(f, row, msgs, n - 1)
    n = len(row["msgseq"])
    if what != "malformed" and n != int(f["count"]):
        return False
    return check_blocks(f, row, msgs, n)


def main():
    frames = read_log(sys.argv[1])
    msgs = read_binfile(sys.argv[2])
    rows = read_tshark(sys.argv[3])
    bad = 0
    if len(frames) != len(rows):
        print(f"tpgen logged {len(frames)} frames, tshark saw {len(rows)}")
        return 1
    seen = collections.Counter()
    for f, row in zip(frames, rows):
        seen[f.get("kind", f["what"])] += 1
        if int(f["frame"]) != row["frame"] or not check_frame(f, row, msgs):
            bad += 1
            if bad <= 5:
                print(f"frame {row['frame']}: tpgen {f}\n  tshark {row}")
    print(" ".join(f"{k}={v}" for k, v in sorted(seen.items())))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
