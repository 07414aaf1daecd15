#!/bin/bash
# Configuration that survives a reboot: tpctl save writes the running
# configuration as a batch file, and tpctl -batch restores it exactly onto a
# freshly loaded module.  Its replace lines make a restore safe to run
# again; replace changes what can change in place and refuses the rest with
# the kernel's message; a batch stops at its first failing line, or with
# -force goes on.
. "$TP_SRC/vm-test/lib.sh"

tp_load
feed_link rx rx0 tx tx0
veth_pair rx rx1 tx tx1
ip -n rx addr add 10.78.0.2/24 dev rx1
tp() { ip netns exec rx "$tpctl" "$@"; }
conf=$TP_OUT/config-restore.conf

# Every kind of setting, some changed after their add, and names that need
# quotes in a batch file.
tp port attach dev rx0
tp port attach dev rx1 mode mirror
tp feed add itch-a dev rx0 group 233.54.12.111 port 26477 channel nasdaq
tp feed add itch-b dev rx0 group 233.54.12.112 port 26478 source 10.77.0.1
tp feed add "itch c" dev rx1 group 233.54.12.111 port 26477
tp sub add tape channel nasdaq
tp sub add book channel nasdaq types AFECXDUP locates 1,5,7-9 symbols 'AAPL,BRK A,MSFT' \
	slots 1024 user 1000 group 2000
tp sub set book types AFE locates 2-4,9
tp sub add "my sub" channel "itch c" symbols QQQ slots 64 group 100
tp sub add sys channel itch-b types S user 0
tp sub add gone channel itch-b
tp sub del gone

# What show -j lists, the whole configuration.  Without -s, feeds and
# subscriptions carry no counters; a port's are always there, and are not
# configuration.
snapshot() {
	tp -j port show | sed -E 's/,"stats":\{"packets":[0-9]+,"bytes":[0-9]+\}//g'
	tp -j feed show
	tp -j sub show
}
before=$(snapshot)
echo "$before"
assert_eq "$(tp -j feed show | grep -c stats; tp -j sub show | grep -c stats)" "0
0" "counters in feed and sub show -j without -s"
assert_eq "$(echo "$before" | grep -o '"stats"' | wc -l)" 0 "port counters left out"
assert_eq "$(echo "$before" | grep -o '"name":' | wc -l)" 7 "feeds and subscriptions listed"
echo "$before" | grep -q '"name":"book","channel":"nasdaq","slots":1024,"user":1000,"group":2000,"types":"AFE","locates":\[2,3,4,9\],"symbols":\["AAPL","MSFT","BRK A"\]' ||
	fail "book as set: $before"

tp save > "$conf"
cat "$conf"
assert_eq "$(grep -c '^port replace ' "$conf") $(grep -c '^feed replace ' "$conf") $(grep -c '^sub replace ' "$conf")" \
	"2 3 4" "ports, feeds and subscriptions saved"
assert_eq "$(grep -v '^#' "$conf" | cut -d' ' -f1 | uniq | tr '\n' ' ')" "port feed sub " \
	"saved in dependency order"
grep -qx 'sub replace "my sub" channel "itch c" symbols QQQ slots 64 group 100' "$conf" ||
	fail "a subscription whose names need quotes"
assert_eq "$(tp save | cmp - "$conf" && echo same)" same "a second save"

# A reboot, as far as tickpath can tell.
tp_unload
tp_load
assert_eq "$(tp -j feed show)" "[]" "no feeds after the reload"
tp -b "$conf"
assert_eq "$(snapshot)" "$before" "the configuration restored"
assert_eq "$(tp save | cmp - "$conf" && echo same)" same "save after the restore"

# Run again, from standard input: replace converges, nothing changes.
tp -batch - < "$conf"
assert_eq "$(snapshot)" "$before" "the configuration after a second restore"

# A plain add of what exists still fails.
expect_error "device is already a tickpath port" tp port attach dev rx0
expect_error "a feed of that name exists" \
	tp feed add itch-a dev rx0 group 233.54.12.111 port 26477 channel nasdaq
expect_error "a subscription of that name exists" tp sub add tape channel nasdaq

# Replace refuses what cannot change in place, naming it, and changes
# nothing.
expect_error "tickpath: a feed's group cannot change in place" \
	tp feed replace itch-a dev rx0 group 233.54.12.113 port 26477 channel nasdaq
expect_error "tickpath: a feed's UDP port cannot change in place" \
	tp feed replace itch-a dev rx0 group 233.54.12.111 port 26479 channel nasdaq
expect_error "tickpath: a feed's channel cannot change in place" \
	tp feed replace itch-a dev rx0 group 233.54.12.111 port 26477
expect_error "tickpath: a feed's source cannot change in place" \
	tp feed replace itch-b dev rx0 group 233.54.12.112 port 26478
expect_error "tickpath: a feed's device cannot change in place" \
	tp feed replace itch-b dev rx1 group 233.54.12.112 port 26478 source 10.77.0.1
expect_error "tickpath: a subscription's ring slot count cannot change in place" \
	tp sub replace book channel nasdaq types AFE slots 2048 user 1000 group 2000
expect_error "tickpath: a subscription's channel cannot change in place" \
	tp sub replace tape channel itch-b
expect_error "tickpath: a subscription's owner user cannot change in place" \
	tp sub replace tape channel nasdaq user 1000
expect_error "tickpath: a subscription's owner group cannot change in place" \
	tp sub replace book channel nasdaq slots 1024 user 1000 group 2001
rc=0
tp feed replace itch-a dev rx0 group 233.54.12.113 port 26477 channel nasdaq 2>/dev/null || rc=$?
assert_eq "$rc" 1 "exit status of a refused replace"
assert_eq "$(snapshot)" "$before" "the configuration after the refused replaces"

# What can change in place does; the saved configuration puts it back.
tp port replace dev rx0 mode mirror
tp sub replace book channel nasdaq symbols MSFT slots 1024 user 1000 group 2000
assert_eq "$(tp port show dev rx0 | head -n1 | cut -d' ' -f3-)" "mode mirror" "a port's mode replaced"
assert_eq "$(tp sub show book)" \
	"book: channel nasdaq slots 1024 user 1000 group 2000 symbols MSFT resolved 0" \
	"a subscription's filters replaced, those not given cleared"
tp -b "$conf"
assert_eq "$(snapshot)" "$before" "the configuration put back by the restore"

# A replace of what does not exist creates it.
tp sub replace extra channel itch-b types AF
assert_eq "$(tp sub show extra)" "extra: channel itch-b slots 65536 types AF" "a replace that creates"
tp sub del extra

# The first failing line stops a batch, with its number; -force goes on.
# The command line's options apply to every line.
bad=$TP_OUT/config-restore.bad
printf '%s\n' "# two subscriptions and a mistake" "sub add b1 channel nasdaq" "" \
	"sub add b2 channel nosuch   # no such channel" "sub add b3 channel nasdaq" > "$bad"
rc=0
tp -b "$bad" 2> err || rc=$?
assert_eq "$rc" 1 "exit status of a failed batch"
assert_eq "$(cat err)" "Error: tickpath: no such channel
Command failed $bad:4" "what a failed batch says"
assert_eq "$(tp sub show | cut -d: -f1 | grep '^b[0-9]' | tr '\n' ' ')" "b1 " \
	"the lines before the failure, and none after"
tp sub del b1
rc=0
tp -force -b "$bad" 2> err || rc=$?
assert_eq "$rc" 1 "exit status of a forced batch with a failure"
assert_eq "$(grep -c 'Command failed' err) $(grep -o ':[0-9]*$' err)" "1 :4" "the failed line of a forced batch"
assert_eq "$(tp sub show | cut -d: -f1 | grep '^b[0-9]' | tr '\n' ' ')" "b1 b3 " "every other line of a forced batch"
assert_eq "$(printf 'sub show b1\nsub show b3\n' | tp -j -b -)" '[{"name":"b1","channel":"nasdaq","slots":65536,"types":"","locates":[],"symbols":[],"resolved":0}]
[{"name":"b3","channel":"nasdaq","slots":65536,"types":"","locates":[],"symbols":[],"resolved":0}]' \
	"-j on every line of a batch"
tp sub del b1
tp sub del b3
assert_eq "$(snapshot)" "$before" "the configuration at the end"
