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
