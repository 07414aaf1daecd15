#!/bin/bash
# A reader's sleep in one system call, TICKPATH_IOC_WAIT_TIMEOUT, and
# poll() without arming (tests/vm/ringwait.c): it times out, only checks,
# arms the record poll() reports, ends with EINTR after a signal handler
# (the time left written back) and restarts by itself after a stop; it wakes
# on the first record published, and tp_sub_wait() and an EPOLLET reader
# that never arms read a paced day to its end; a dead ring gives its
# records first, then EPIPE, and wakes a sleeper when it dies.
. "$TP_SRC/vm-test/lib.sh"

ringwait=$TP_BUILD/vmtest/ringwait
rx() { ip netns exec rx "$@"; }

# records SUB: what the kernel wrote to the ring.
records() {
	rx "$tpctl" -j -s sub show "$1" | json_num records
}

# ends N: the feed has counted N ends of session.
ends() {
	[ "$(rx "$tpctl" -j -s feed show itch | json_num end_of_session)" = "$1" ]
}

# send_day N TPGEN-OPTIONS...: the Nth day from tx, once the feed has seen
# all of it.
send_day() {
	local n=$1
	shift
	ip netns exec tx "$tpgen" "$@" --session "DAY$n" --send -i tx0
	wait_until 60 "day $n did not get through" ends "$n"
}

tp_load
feed_link rx rx0 tx tx0
rx "$tpctl" port attach dev rx0
rx "$tpctl" feed add itch dev rx0 group $feed_group port $feed_port
rx "$tpctl" sub add one channel itch
rx "$tpctl" sub add two channel itch types SR

# Nothing is sent yet.
rx "$ringwait" quiet one || fail "ringwait quiet"
echo "ok: quiet"

# A day of 2,000 messages in about two seconds, in bursts: the readers
# sleep and wake many times.
spawn ip netns exec rx "$ringwait" live one ready.live > live.out 2>&1
live=$!
wait_file ready.live 30 "ringwait live"
sleep 1
send_day 1 -n 2000 -S 10 --seed 7 --rate 1000 --burst 4
wait "$live" || fail "ringwait live: $(cat live.out)"
cat live.out
grep -q "^live: $(records one) records," live.out ||
	fail "live: the readers did not read the $(records one) records written"
echo "ok: live"

# A fresh ring for the dead one, so that it holds one day only.
rx "$tpctl" sub del one
rx "$tpctl" sub add one channel itch
spawn ip netns exec rx "$ringwait" dead one two ready.dead go.dead asleep.dead > dead.out 2>&1
dead=$!
wait_file ready.dead 30 "ringwait dead"
send_day 2 -n 3000 -S 10 --seed 8
written=$(records one)
rx "$tpctl" sub del one
touch go.dead
wait_file asleep.dead 60 "ringwait dead, asleep"
sleep 1
rx "$tpctl" sub del two
wait "$dead" || fail "ringwait dead: $(cat dead.out)"
cat dead.out
assert_eq "$(grep '^dead after' dead.out)" "dead after $written records" \
	"a dead ring's records, then EPIPE"
tp_unload
echo "ok: reader-wait in $(elapsed 0)"
