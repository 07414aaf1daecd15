# shellcheck shell=bash
# Helpers for the tests run inside the VM (sourced).  Each test is a bash
# script that exits non-zero on the first failed assertion; the runner
# reports it with this log.
set -euo pipefail

tpctl=$TP_BUILD/user/tpctl
sendframes=$TP_SRC/vm-test/sendframes.py
namespaces=()

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# assert_eq ACTUAL EXPECTED WHAT
assert_eq() {
	[ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
	echo "ok: $3 = $2"
}

# expect_error PATTERN COMMAND...: the command fails and its stderr matches
# the extended regular expression PATTERN.
expect_error() {
	local pattern=$1 err
	shift
	if err=$("$@" 2>&1 >/dev/null); then
		fail "'$*' succeeded; expected an error matching '$pattern'"
	fi
	echo "$err" | grep -Eq "$pattern" ||
		fail "'$*' said '$err'; expected '$pattern'"
	echo "ok: '$*' failed with: $err"
}

tp_load() {
	insmod "$TP_KO_DIR/kmod/tickpath.ko"
}

tp_unload() {
	rmmod tickpath
}

cleanup() {
	local ns
	for ns in "${namespaces[@]}"; do
		ip netns del "$ns" 2>/dev/null || true
	done
	if grep -q '^tickpath ' /proc/modules; then
		rmmod tickpath || echo "cleanup: rmmod tickpath failed" >&2
	fi
}
trap cleanup EXIT

netns_add() {
	ip netns add "$1"
	namespaces+=("$1")
	ip -n "$1" link set lo up
}

# veth_pair NS_A DEV_A NS_B DEV_B: a veth pair across two namespaces, up,
# with IPv6 off so that nothing but the test's own frames crosses it.
veth_pair() {
	local ns
	for ns in "$1" "$3"; do
		[ -e "/run/netns/$ns" ] || netns_add "$ns"
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
			net.ipv6.conf.default.disable_ipv6=1
	done
	ip -n "$1" link add name "$2" type veth peer name "$4" netns "$3"
	ip -n "$1" link set "$2" up
	ip -n "$3" link set "$4" up
}

# send_frames NS DEV COUNT SIZE: COUNT frames of SIZE bytes out of DEV.
send_frames() {
	ip netns exec "$1" python3 "$sendframes" "$2" "$3" "$4"
}

# port_stat NS DEV FIELD: a port's counter (packets, bytes) from tpctl -j.
port_stat() {
	ip netns exec "$1" "$tpctl" -j port show dev "$2" |
		python3 -c "import json,sys; print(json.load(sys.stdin)[0]['stats']['$3'])"
}

# link_stat NS DEV FIELD: the device's own rx counter (packets, bytes).
link_stat() {
	ip -n "$1" -s -j link show dev "$2" |
		python3 -c "import json,sys; print(json.load(sys.stdin)[0]['stats64']['rx']['$3'])"
}

# Feed tests (feed-*.sh): a sender namespace, tpgen, tpverify readers.
# Every program started costs seconds in the debug VM (python3 about ten):
# these helpers start few.

tpgen=$TP_BUILD/user/tpgen
tpverify=$TP_BUILD/vmtest/tpverify
feedjson=$TP_SRC/vm-test/feedjson.py
feed_group=233.54.12.111
feed_port=26477
spawned=()

# spawn PROGRAM [ARGS]...: runs PROGRAM in the background (its pid in $!);
# it is killed on exit if still running, before cleanup unloads the module.
# A program, not a shell function: a function would run in a subshell,
# whose pid is not the program's.
spawn() {
	"$@" &
	spawned+=($!)
}

# spawn_to OUT PROGRAM [ARGS]...: spawn with standard output to OUT, which
# the background process opens: a FIFO then blocks it, not the test.
spawn_to() {
	local out=$1
	shift
	(exec "$@" > "$out") &
	spawned+=($!)
}

reap() {
	local pid
	for pid in "${spawned[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${spawned[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
}
trap 'reap; cleanup' EXIT

# feed_link RXNS RXDEV TXNS TXDEV: veth_pair with IPv4 on both ends: a feed
# joins its group through the receiving device's IPv4 state, and the
# sender's multicast leaves by its address.
feed_link() {
	veth_pair "$@"
	ip -n "$1" addr add 10.77.0.2/24 dev "$2"
	ip -n "$3" addr add 10.77.0.1/24 dev "$4"
}

# wait_until SECONDS WHAT COMMAND...: fails ("WHAT after SECONDS s") unless
# COMMAND, tried every 0.1 s, succeeds within SECONDS.
wait_until() {
	local seconds=$1 what=$2 i
	shift 2
	for ((i = 0; i < seconds * 10; i++)); do
		"$@" && return 0
		sleep 0.1
	done
	fail "$what after $seconds s"
}

# wait_file FILE SECONDS WHAT: fails unless FILE exists within SECONDS.
wait_file() {
	wait_until "$2" "$3: no $1" test -e "$1"
}

# json_num KEY: the first number stored under KEY in the JSON on stdin.
json_num() {
	grep -o "\"$1\":[0-9]*" | head -n1 | cut -d: -f2
}

# ended NS FEED: the feed has counted the day's end of session.
ended() {
	[ "$(ip netns exec "$1" "$tpctl" -j -s feed show "$2" | json_num end_of_session)" = 1 ]
}

# feed_check NS FEED EXPECTED WHAT [ADJUST]: the feed's counters (tpctl -j
# -s) are the JSON file EXPECTED plus the increments of the JSON ADJUST.
feed_check() {
	ip netns exec "$1" "$tpctl" -j -s feed show "$2" |
		python3 "$feedjson" check "$3" "${5:-"{}"}" || fail "$4"
	echo "ok: $4"
}

# elapsed SINCE: seconds since SINCE (a $SECONDS value), for the log.
elapsed() {
	echo "$((SECONDS - $1)) s"
}
