#!/bin/bash
# bench/report.py on the synthetic run of bench/testdata/raw.jsonl (written
# by bench/testdata/make_raw.py): summary.json's keys and medians worked out
# by hand from that file, the plots (gnuplot), and the markdown file's text
# outside the markers left as it was.
. "$(dirname "$0")/lib.bash"

report=$src/bench/report.py
raw=$src/bench/testdata/raw.jsonl

# A markdown file with prose around the markers and stale results between.
cat > doc.md <<'EOF'
# Benchmarks

Prose before, with a `code` span and a trailing space 
<!-- bench:results:begin -->
stale results that must go
<!-- bench:results:end -->
Prose after.

## More prose
EOF
cp doc.md doc.orig.md

plots=()
command -v gnuplot > /dev/null || plots=(--no-plots)
check "gnuplot is installed (Debian: gnuplot-nox)" [ ${#plots[@]} = 0 ]
python3 "$report" out doc.md --raw "$raw" --images images "${plots[@]}" 2> report.err
status=$?
check "report.py succeeds" [ $status = 0 ]
[ $status = 0 ] || cat report.err

# summary EXPR: EXPR evaluated with s the summary, d its detail.
summary() {
	python3 -c '
import json, sys
s = json.load(open("out/summary.json"))
d = s["detail"]
print(eval(sys.argv[1]))' "$1"
}
# near EXPR VALUE: EXPR is VALUE, to a millionth.
near() {
	python3 -c '
import json, sys
s = json.load(open("out/summary.json"))
d = s["detail"]
value = eval(sys.argv[1])
sys.exit(not isinstance(value, (int, float)) or abs(value - float(sys.argv[2])) > 1e-6)' "$1" "$2"
}

check "summary.json: the top-level keys" [ "$(summary 'sorted(k for k in s if k in ("paths", "ratios", "ratios_busy", "fanout", "subs", "decoder", "env"))')" = "['decoder', 'env', 'fanout', 'paths', 'ratios', 'ratios_busy', 'subs']" ]
check "summary.json: every path, busy ones too" [ "$(summary 'list(s["paths"])')" = "['udp', 'udp-busy', 'af_packet', 'af_xdp', 'tickpath', 'tickpath-busy']" ]
check "summary.json: each path's figures" [ "$(summary 'sorted(set.intersection(*(set(p) for p in s["paths"].values())))')" = "['max_ns', 'ndr_msgs_per_s', 'p50_ns', 'p90_ns', 'p999_ns', 'p99_ns', 'reader_ns_per_msg', 'rx_ns_per_msg', 'total_ns_per_msg']" ]
check "summary.json: no figure missing" [ "$(summary 'sum(v is None for p in s["paths"].values() for v in p.values())')" = 0 ]
check "summary.json: fan-out and subscriptions keys" [ "$(summary 'list(s["fanout"]), list(s["subs"])')" = "(['1', '4', '16'], ['1', '8', '64', '256'])" ]
check "summary.json: env" [ "$(summary '[s["env"][k] for k in ("kernel", "qemu", "cpus", "date")]')" = "['6.1.0-56-amd64', '7.2.19', 4, '2025-11-28T21:04:11Z']" ]

# By hand from raw.jsonl's cost lines (msgs 1000000): tickpath's rx ns are
# 362 355 371 349 360 (median 360), its reader's 84 91 83 88 86 (86), their
# sums 446 446 454 437 446 (446); udp's rx 1150 1183 1122 1160 1140 (1150),
# reader 1420 1391 1455 1402 1436 (1420).
check "tickpath rx ns/msg: 360" near 's["paths"]["tickpath"]["rx_ns_per_msg"]' 360
check "tickpath reader ns/msg: 86" near 's["paths"]["tickpath"]["reader_ns_per_msg"]' 86
check "tickpath total: the median of the sums, 446" near 's["paths"]["tickpath"]["total_ns_per_msg"]' 446
check "tickpath rx spread: 349 to 371 over 5" \
	[ "$(summary '[d["paths"]["tickpath"]["rx_ns_per_msg"][k] for k in ("min", "max", "n")]')" = "[349.0, 371.0, 5]" ]
check "udp reader ns/msg: 1420" near 's["paths"]["udp"]["reader_ns_per_msg"]' 1420
check "ratio of tickpath's rx over udp's: 360/1150" near 's["ratios"]["tickpath"]["rx_ns_per_msg"]' 0.31304347826086953
# af_xdp's zero-loss rates: 640000 612000 655000 630000, an even count.
check "af_xdp NDR of 4 reps: the middle two's mean, 635000" near 's["paths"]["af_xdp"]["ndr_msgs_per_s"]' 635000
check "af_xdp NDR: 4 repetitions" [ "$(summary 'd["paths"]["af_xdp"]["ndr_msgs_per_s"]["n"]')" = 4 ]
# Fan-out at 4 readers: tickpath 980000 1010000 965000 990000 1002000
# (990000), udp 121000 118000 125000 119500 122000 (121000).
check "fan-out at 4 readers: 990000/121000" near 's["fanout"]["4"]' 8.181818181818182
# Subscriptions 64: 512 498 530 505 521; 256: 880 912 905 871 899.
check "64 subscriptions: 512 ns/msg" near 's["subs"]["64"]' 512
check "256 subscriptions: 899 ns/msg" near 's["subs"]["256"]' 899
check "decoder: its instructions per message" near 's["decoder"]["instructions_per_msg"]' 220.1
# Latency: tickpath's p99.9 at load 0.5 against the median of its lines.
expected=$(python3 -c '
import json, statistics, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
print(statistics.median(l["lat_ns"]["p999"] for l in lines if l["exp"] == "latency"
                        and l["path"] == "tickpath" and l["load"] == 0.5))' "$raw")
check "tickpath p99.9 at 50 % load: the median of its reps" near 's["paths"]["tickpath"]["p999_ns"]' "$expected"
check "loss: tickpath loses nothing at 1 M msg/s, udp most of it" \
	[ "$(summary '[[p["loss_fraction"]["median"] > 0.5 for p in d["loss"][x] if p["offered_msgs_per_s"] == 1000000] for x in ("tickpath", "udp")]')" = "[[False], [True]]" ]

is_png() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; }
for png in latency_cdf_10 latency_cdf_50 latency_cdf_90 loss subs; do
	check "$png.png is a PNG" is_png "out/$png.png"
	check "$png.png copied for the docs" cmp -s "out/$png.png" "images/$png.png"
done

# outside FILE: FILE with what lies between the markers taken out.
outside() { sed '/<!-- bench:results:begin -->/,/<!-- bench:results:end -->/d' "$1"; }
check "the text outside the markers is kept, byte for byte" \
	cmp -s <(outside doc.orig.md) <(outside doc.md)
check "the stale results are gone" bash -c '! grep -q "stale results" doc.md'
check "the tables are between the markers" \
	bash -c 'sed -n "/bench:results:begin/,/bench:results:end/p" doc.md | grep -q "^| \`tickpath\` | 1.04 M"'
check "the plots are linked from the docs' folder" grep -q '](images/latency_cdf_50.png)' doc.md
cp doc.md doc.first.md
python3 "$report" out doc.md --raw "$raw" --images images "${plots[@]}" 2> /dev/null
check "a second run writes the same file" cmp -s doc.first.md doc.md

grep -v 'bench:results' doc.orig.md > nomarkers.md
cp nomarkers.md nomarkers.orig.md
check "a file without the markers: refused" \
	bash -c '! python3 "$0" out nomarkers.md --raw "$1" --no-plots 2> /dev/null' "$report" "$raw"
check "a file without the markers: left alone" cmp -s nomarkers.orig.md nomarkers.md
python3 "$report" out new/BENCHMARKS.md --raw "$raw" --no-plots 2> /dev/null
check "a missing file: created with the markers" \
	bash -c '[ "$(grep -c "^<!-- bench:results:\(begin\|end\) -->$" new/BENCHMARKS.md)" = 2 ]'
echo '{"exp":"cost","path":"udp","rep":0,"msgs":"many"}' > bad.jsonl
check "a line with a bad number: refused, with its line number" \
	bash -c '! python3 "$0" out doc.md --raw bad.jsonl --no-plots 2> bad.err && grep -q "line 1" bad.err' "$report"
finish
