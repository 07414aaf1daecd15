#!/bin/bash
# Rings outlive their subscription: deleted (SUB_DEL), with its device,
# with its feed (FEED_DEL deletes the channel's subscriptions) or with its
# network namespace, a ring stays mapped and readable by whoever holds it,
# marked dead, every record still there.  The module cannot be unloaded
# while /dev/tickpath is open or a ring mapped.  Leaks are kmemleak's
# business: the runner fails on any.
. "$TP_SRC/vm-test/lib.sh"

ringhold=$TP_BUILD/vmtest/ringhold
day=(-n 3000 -S 10 --seed 41)
rx() { ip netns exec rx "$@"; }

# hold NAME [RINGHOLD OPTIONS] SUB: ringhold in the background, ready.
hold() {
	local name=$1
	shift
	spawn "$ringhold" -T 60 "$@" "ready.$name" > "hold.$name" 2>&1
	holders[$name]=$!
	wait_file "ready.$name" 30 "ringhold $name"
}

# dead NAME RECORDS: the holder saw its ring die after RECORDS records.
dead() {
	wait "${holders[$1]}" || fail "$1: $(cat "hold.$1")"
	assert_eq "$(cat "hold.$1")" "dead after $2 records" "$1: the reader's end"
}

# sub_names NS: the namespace's subscriptions, one line.
sub_names() {
	ip netns exec "$1" "$tpctl" -j sub show | grep -o '"name":"[^"]*"' | cut -d'"' -f4 |
		paste -sd' '
}

# sub_records NS SUB: what the kernel wrote to the ring.
sub_records() {
	ip netns exec "$1" "$tpctl" -j -s sub show "$2" | json_num records
}

# feed_up NS FEED: a port on rx0 and a feed on it.
feed_up() {
	ip netns exec "$1" "$tpctl" port attach dev rx0
	ip netns exec "$1" "$tpctl" feed add "$2" dev rx0 group $feed_group port $feed_port
}

# send_day NS FEED: a short day from tx, once the feed has seen all of it.
send_day() {
	ip netns exec tx "$tpgen" "${day[@]}" --send -i tx0
	wait_until 60 "the day did not get through" ended "$1" "$2"
}

declare -A holders
tp_load
feed_link rx rx0 tx tx0
feed_up rx itch
rx "$tpctl" sub add whole channel itch
rx "$tpctl" sub add adds channel itch types A

# A reader with its file, and one with only its mapping: both read along,
# and the module cannot go.
hold whole -n rx whole
hold adds -n rx -m adds
send_day rx itch
whole=$(sub_records rx whole)
adds=$(sub_records rx adds)
[ "$whole" -gt 3000 ] || fail "records written: $whole"
expect_error "in use" rmmod tickpath

rx "$tpctl" sub del whole
dead whole "$whole"
assert_eq "$(sub_names rx)" "adds" "subscriptions after SUB_DEL"
expect_error "in use" rmmod tickpath

# The device goes: its port, feed, channel and subscriptions with it.
ip -n rx link del rx0
dead adds "$adds"
assert_eq "$(rx "$tpctl" -j feed show)" "[]" "feeds after the device is deleted"
assert_eq "$(sub_names rx)" "" "subscriptions after the device is deleted"

# An open /dev/tickpath, bound to nothing, holds the module too.
exec 9< /dev/tickpath
expect_error "in use" rmmod tickpath
exec 9<&-
tp_unload
tp_load

# FEED_DEL deletes its channel's subscriptions.
feed_link rx rx0 tx tx0
feed_up rx itch
rx "$tpctl" sub add one channel itch
rx "$tpctl" sub add two channel itch types SR
hold one -n rx one
send_day rx itch
one=$(sub_records rx one)
rx "$tpctl" feed del itch
dead one "$one"
assert_eq "$(sub_names rx)" "" "subscriptions after FEED_DEL"

# A namespace destroyed with everything in it, a reader outside still
# holding its ring (ringhold binds in it, then leaves it, so as not to
# keep it alive).
ip -n rx link del rx0
feed_link gone rx0 tx tx0
feed_up gone itch
ip netns exec gone "$tpctl" sub add last channel itch
ip netns exec gone "$tpctl" sub add unread channel itch
hold last -n gone last
send_day gone itch
last=$(sub_records gone last)
ip netns del gone
dead last "$last"
tp_unload
echo "ok: the module unloads once every ring is let go"
echo "ok: feed-lifetime in $(elapsed 0)"
