#!/bin/bash
# tpcat on live subscriptions and tpctl's statistics, as the README uses
# them: the records tpcat prints from a ring filtered in the kernel, and
# from an unfiltered ring filtered by tpcat itself, are those tpcat -r
# decodes from the pcap of the same day with the same filter; -c stops it;
# the counters tpctl prints agree with what was sent and what was read;
# SIGINT stops a sleeping tpcat.
. "$TP_SRC/vm-test/lib.sh"

tpcat=$TP_BUILD/user/tpcat
day=(-n 30000 -S 50 --seed 8 --drop 0.003)
rx() { ip netns exec rx "$@"; }

"$tpgen" "${day[@]}" -w day.pcap --log day.log
# What arrives: the messages of the data frames sent (not dropped).
messages=$(awk '/^data / { for (i = 1; i <= NF; i++) if ($i ~ /^count=/) n += substr($i, 7) }
	END { print n }' day.log)
"$tpcat" -r day.pcap -j -t AFE -l 1-3 > expected.json

tp_load
feed_link rx rx0 tx tx0
rx "$tpctl" port attach dev rx0
rx "$tpctl" feed add itch dev rx0 group $feed_group port $feed_port
rx "$tpctl" sub add quotes channel itch types AFE locates 1-3
rx "$tpctl" sub add all channel itch

# A reader sees what is published after it maps the ring.
mapped() { # PID
	wait_until 60 "no ring mapped by process $1" grep -qs /dev/tickpath "/proc/$1/maps"
}
spawn ip netns exec rx "$tpcat" -j --stats quotes > quotes.json 2> quotes.stats
quotes=$!
spawn ip netns exec rx "$tpcat" -j --stats -t AFE -l 1-3 all > all.json 2> all.stats
all=$!
spawn ip netns exec rx "$tpcat" -c 5 all > five.txt
five=$!
for pid in $quotes $all $five; do
	mapped $pid
done

# One CPU: veth queues to the sending CPU's backlog; a sender that moved
# could reorder its own packets.
ip netns exec tx taskset -c 0 "$tpgen" "${day[@]}" --send -i tx0
wait $five || fail "tpcat -c 5 exits by itself"
assert_eq "$(wc -l < five.txt)" 5 "lines printed by tpcat -c 5"
grep -q "^[0-9:.]* 1 SESSION 0 " five.txt || fail "the first record is the session's: $(head -n1 five.txt)"

# The day ends with its end of session; then the rings go and the readers
# drain them and stop.
wait_until 120 "no end of session" ended rx itch
stats=$(rx "$tpctl" -s feed show itch)
echo "$stats"
sub_stats=$(rx "$tpctl" -s sub show quotes)
echo "$sub_stats"
rx "$tpctl" sub del quotes
rx "$tpctl" sub del all
wait $quotes || fail "tpcat quotes: $(cat quotes.stats)"
wait $all || fail "tpcat all: $(cat all.stats)"
cat quotes.stats all.stats

# On a quiet ring tpcat sleeps; SIGINT ends it at once, with status 0.
rx "$tpctl" sub add idle channel itch
spawn ip netns exec rx "$tpcat" idle
idle=$!
mapped $idle
kill -INT $idle
gone() { ! kill -0 "$1" 2> /dev/null; }
wait_until 10 "SIGINT has not ended tpcat" gone $idle
wait $idle || fail "tpcat's status after SIGINT"
echo "ok: SIGINT ends tpcat"

# tpctl's text: the numbers under their names.
column() { # TEXT NAME: the number below NAME in the table that has it
	awk -v name="$2" '
		found { print $col; exit }
		{ for (i = 1; i <= NF; i++) if ($i == name) { col = i; found = 1 } }
	' <<< "$1"
}
assert_eq "$(column "$stats" messages)" "$messages" "messages in tpctl feed show -s"
assert_eq "$(column "$stats" end_of_session)" 1 "end_of_session in tpctl feed show -s"
gaps=$(column "$stats" gaps)
[ "$gaps" -gt 0 ] || fail "the day's drops show as gaps: $stats"
records=$(grep -Eo '^records=[0-9]+' quotes.stats | cut -d= -f2)
assert_eq "$(column "$sub_stats" records)" "$records" "records in tpctl sub show -s, as tpcat read them"
grep -q ' lost=0 ' quotes.stats || fail "tpcat quotes lost records: $(cat quotes.stats)"

# The records: every data record as tpcat -r decodes it, nothing else but
# the control records (a session, a GAP per gap, the end of session).
python3 - expected.json quotes.json all.json "$gaps" <<'EOF'
import json, sys

CONTROL = {"SESSION", "GAP", "END_OF_SESSION"}
PER_READ = {"rx_ts", "stamp", "channel", "line"}    # of this reading only

def records(path):
    data, control = [], []
    for line in open(path):
        rec = json.loads(line)
        # tpcat names the stock of A, F, P and Q if it saw the locate's R.
        if rec["type"] != "R":
            rec.pop("stock", None)
        (control if rec["type"] in CONTROL else data).append(
            {k: v for k, v in rec.items() if k not in PER_READ})
    return data, control

expected, _ = records(sys.argv[1])
for path in sys.argv[2:4]:
    data, control = records(path)
    if data != expected:
        first = next((i for i, (a, b) in enumerate(zip(data, expected)) if a != b),
                     min(len(data), len(expected)))
        sys.exit(f"{path}: {len(data)} data records, expected {len(expected)}; "
                 f"first difference at {first}: "
                 f"{data[first] if first < len(data) else None} vs "
                 f"{expected[first] if first < len(expected) else None}")
    kinds = [c["type"] for c in control]
    want = ["SESSION"] + ["GAP"] * int(sys.argv[4]) + ["END_OF_SESSION"]
    if sorted(kinds) != sorted(want) or kinds[0] != "SESSION" or kinds[-1] != "END_OF_SESSION":
        sys.exit(f"{path}: control records {kinds}, expected {want}")
    print(f"ok: {path}: {len(data)} data records as tpcat -r decodes them, "
          f"and {len(control)} control records")
EOF
echo "ok: feed-tpcat in $(elapsed 0)"
