#!/bin/bash
# bench/decoder.sh [DAY]: the ITCH decoder alone, on the host, as one JSON
# object on standard output:
#
#   {"decoder": {"instructions_per_msg": N, "instructions_per_orderflow_msg": N,
#                "ns_per_msg": N, "ns_per_orderflow_msg": N, "ns_spread": [min, max],
#                "messages": N, "compiler": "...", "cflags": "...", ...}}
#
# Time from build/bench/decoder_bench (the median of REPS passes over the
# day, and over its order flow only); instructions from callgrind, which
# counts the very same loop once over each (--toggle-collect on it), so they
# do not depend on the machine's load or clock as the times do.  DAY is a
# tpgen BinaryFILE or pcap; without it, a day of MESSAGES messages (default
# 1000000) of seed SEED (default 1) is generated.  BENCH_CPU pins the runs
# to that CPU with taskset.  Needs `make bench-decoder` and valgrind.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
DECODER_BENCH=${DECODER_BENCH:-$src/build/bench/decoder_bench}
TPGEN=${TPGEN:-$src/build/user/tpgen}
VALGRIND=${VALGRIND:-valgrind}
MESSAGES=${MESSAGES:-1000000}
SEED=${SEED:-1}
REPS=${REPS:-15}

die() {
	echo "decoder.sh: $*" >&2
	exit 1
}

[ $# -le 1 ] || die "usage: decoder.sh [DAY]"
[ -x "$DECODER_BENCH" ] || die "no $DECODER_BENCH: run make bench-decoder"
command -v "$VALGRIND" > /dev/null || die "no valgrind: apt-get install valgrind"

work=$(mktemp -d "${TMPDIR:-/tmp}/decoder-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

pin=()
[ -z "${BENCH_CPU:-}" ] || pin=(taskset -c "$BENCH_CPU")

if [ $# = 1 ]; then
	day=$1
else
	[ -x "$TPGEN" ] || die "no $TPGEN: run make user"
	day=$work/day.itch
	echo "decoder.sh: generating a day of $MESSAGES messages" >&2
	"$TPGEN" -n "$MESSAGES" --seed "$SEED" --binfile "$day"
fi

echo "decoder.sh: timing, $REPS passes" >&2
"${pin[@]}" "$DECODER_BENCH" -j -r "$REPS" "$day" > "$work/time.json"

# count WHICH: the instructions callgrind collects in bench_decode_day() over
# the whole day (all) or its order flow (orderflow), then the messages.
count() {
	local which=$1 out=$work/callgrind.$1

	echo "decoder.sh: counting instructions under callgrind ($which)" >&2
	"${pin[@]}" "$VALGRIND" --tool=callgrind --toggle-collect=bench_decode_day \
		--callgrind-out-file="$out" "$DECODER_BENCH" --once "$which" "$day" \
		> "$work/messages.$which" 2> "$work/valgrind.$which" ||
		{ cat "$work/valgrind.$which" >&2; die "callgrind failed ($which)"; }
	echo "$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$out") $(cat "$work/messages.$which")"
}
read -r ir_all msgs_all < <(count all)
read -r ir_flow msgs_flow < <(count orderflow)
if [ -z "$ir_all" ] || [ -z "$ir_flow" ]; then
	die "no totals in callgrind's output"
fi

python3 - "$work/time.json" "$ir_all" "$msgs_all" "$ir_flow" "$msgs_flow" <<'PY'
import json
import platform
import sys

path, ir_all, msgs_all, ir_flow, msgs_flow = sys.argv[1:]
timing = json.load(open(path))
if int(msgs_all) != timing["messages"]:
    sys.exit("decoder.sh: callgrind decoded %s messages, the timing %d"
             % (msgs_all, timing["messages"]))
cpu = ""
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
except OSError:
    pass
decoder = {
    "instructions_per_msg": round(int(ir_all) / int(msgs_all), 1),
    "instructions_per_orderflow_msg":
        round(int(ir_flow) / int(msgs_flow), 1) if int(msgs_flow) else None,
    "ns_per_msg": timing["ns_per_msg"],
    "ns_per_orderflow_msg": timing["ns_per_orderflow_msg"],
    "ns_spread": timing["ns_spread"],
    "orderflow_ns_spread": timing["orderflow_ns_spread"],
    "messages": timing["messages"],
    "orderflow_messages": timing["orderflow_messages"],
    "reps": timing["reps"],
    "instructions": int(ir_all),
    "orderflow_instructions": int(ir_flow),
    "types": timing["types"],
    "compiler": timing["compiler"],
    "cflags": timing["cflags"],
    "cpu": cpu,
    "host_kernel": platform.release(),
}
print(json.dumps({"decoder": decoder}))
PY
