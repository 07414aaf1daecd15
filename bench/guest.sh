#!/bin/bash
# The benchmark's experiments, run inside the bench VM (bench/run boots it
# with vm-test/run): every receive path on the same tpgen stream, the paths
# interleaved within each repetition so that drift hits them alike.  Writes
# one JSON object per measurement to $TP_OUT/raw.jsonl (bench/report.py
# reads it).
#
# Topology, as on a host where the feed comes off the wire: the sender
# (tpgen) on CPU 1 in namespace tx, the receive softirq steered by RPS to
# CPU 2 of namespace rx, the readers on CPU 3, this script on CPU 0.  On a
# veth the receive path would otherwise run inside the sender's sendto().
. "$TP_SRC/vm-test/lib.sh"
# shellcheck source=/dev/null
[ -e "$TP_BUILD/bench.env" ] && . "$TP_BUILD/bench.env"

reps=${BENCH_REPS:-5}
msgs=${BENCH_MSGS:-30000}	# messages per trial
# Per trial of the zero-loss search and the loss sweep: some 5,000 packets,
# more than the receive CPU's backlog (netdev_max_backlog, 1,000) holds, so
# that a receive path slower than the sender loses; a 30,000-message day
# fits in any queue and is never lost, whatever the rate.
ndr_msgs=${BENCH_NDR_MSGS:-200000}
# Per trial measuring CPU cost: at a few hundred ns a message, a million
# make some tens of the 10 ms units /proc/stat counts in.
cost_msgs=${BENCH_COST_MSGS:-1000000}
read -ra paths <<< "${BENCH_PATHS:-tickpath tickpath-busy udp udp-busy af_packet af_xdp}"
# Which experiments: all of them for make bench; a subset (e.g. "cost subs")
# to measure one change quickly.  Latency and loss need ndr's rates.
exps=" ${BENCH_EXPS:-ndr latency cost fanout subs} "
want() { [[ $exps == *" $1 "* ]]; }
tpbench=$TP_BUILD/bench/tpbench
raw=$TP_OUT/raw.jsonl
send_cpu=1 rx_cpu=2 read_cpu=3
session=0
state=stack	# what rx0 is set up for: stack, or tickpath with N subscriptions

taskset -pc 0 $$ > /dev/null
: > "$raw"
mkdir -p days	# send()'s days, one per size
rx() { ip netns exec rx "$@"; }
emit() { echo "$*" >> "$raw"; }

# The receive CPU's time in the kernel (system, irq, softirq), in ns, from
# /proc/stat's USER_HZ ticks.  The kernel accounts time by sampling it at
# each tick, and an idle tickless CPU has no tick: softirq work that wakes
# it briefly would be counted as idle.  So a soaker, a busy loop at the
# lowest priority, keeps the CPU from idling; its own time is user time,
# left out, and whatever the receive path takes is sampled.
rx_busy_ns() {
	local ticks
	ticks=$(awk -v cpu="cpu$rx_cpu" '$1 == cpu { print $4 + $7 + $8 + $9 }' /proc/stat)
	echo $((ticks * 1000000000 / $(getconf CLK_TCK)))
}

# setup stack|tickpath [SUBS]: rx0 bare for the stack's paths, or with
# tickpath's port, feed and either one unfiltered subscription "bench" or
# SUBS filtered ones s0.., which share stock locates 1-256 between them in
# equal ranges: each message goes to one ring (or none) however many there
# are, so that the cost against SUBS is the fan-out's, not that of writing
# more records.
setup() {
	local want=stack i
	[ "$1" = tickpath ] && want=tickpath-${2:-0}
	[ "$want" = "$state" ] && return
	if [ "$state" != stack ]; then
		rx "$tpctl" feed del bench	# and with it the channel's subscriptions
		rx "$tpctl" port detach dev rx0
	fi
	if [ "$want" != stack ]; then
		{
			echo "port attach dev rx0"
			echo "feed add bench dev rx0 group $feed_group port $feed_port"
			# Room for as many messages as the other paths' buffers
			# hold (tpbench: 8 MiB of UDP socket, 16 MiB of TPACKET).
			[ "${2:-0}" = 0 ] && echo "sub add bench channel bench slots 262144"
			for ((i = 0; i < ${2:-0}; i++)); do
				echo "sub add s$i channel bench locates $((i * 256 / $2 + 1))-$(((i + 1) * 256 / $2))"
			done
		} | rx "$tpctl" -batch -
	fi
	state=$want
}

# send RATE [MSGS]: one day of MSGS messages (default $msgs) at RATE
# messages/s (0: as fast as tpgen goes), in a session of its own; sets
# sent_rate to the rate reached, as tpgen -v reports it: from the first
# packet to the last, start-up left out.  The injector is tpgen resending a
# day packed once per size beforehand (generating and packing cost it more
# than sending), as raw frames (AF_PACKET, past the IP output path): the
# packets its UDP socket would send, UDP checksum left to the device.
send() {
	local pacing=() n=${2:-$msgs}
	session=$((session + 1))
	[ "$1" = 0 ] || pacing=(--rate "$1")
	[ -e "days/$n.pcap" ] ||
		"$tpgen" -n "$n" -S 300 --heartbeat 0 -p $feed_port -w "days/$n.pcap"
	ip netns exec tx taskset -c $send_cpu "$tpgen" --replay-pcap "days/$n.pcap" \
		--session "$(printf 'BENCH%05d' $session)" --stamp "${pacing[@]}" \
		--send --raw -i tx0 -g $feed_group -p $feed_port -v 2> sent.txt ||
		fail "tpgen: $(cat sent.txt)"
	sent_rate=$(sed -n 's|^tpgen: sent in .* s, \([0-9]*\) messages/s$|\1|p' sent.txt)
}

# trial PATH RATE READERS [MSGS]: a day read by READERS readers of PATH;
# leaves their JSON lines in trial.json, and the receive CPU's busy time in
# rx_ns.
trial() {
	local path=$1 rate=$2 readers=$3 b0 b1 reader
	trial_msgs=${4:-$msgs}
	case "$path" in tickpath*) setup tickpath ;; *) setup stack ;; esac
	rm -f ready trial.json
	spawn_to trial.json ip netns exec rx taskset -c $read_cpu "$tpbench" --path "$path" \
		--dev rx0 --group $feed_group --port $feed_port --sub bench \
		--count "$trial_msgs" --readers "$readers" --idle-ms 1000 --timeout 120 --ready ready
	reader=$!
	wait_file ready 60 "$path readers set up"
	b0=$(rx_busy_ns)
	send "$rate" "$trial_msgs"
	wait "$reader" || fail "$path: tpbench failed: $(cat trial.json)"
	b1=$(rx_busy_ns)
	rx_ns=$((b1 - b0))
}

# The messages every reader got (the least of them), and whether that is
# all with nothing lost.
received() { grep -o '"msgs":[0-9]*' trial.json | cut -d: -f2 | sort -n | head -n1; }
lossless() { [ "$(received)" = "$trial_msgs" ] && ! grep -q '"lost":[1-9]' trial.json; }

# ndr PATH READERS: sets ndr_rate, the highest rate with no loss, bisected
# between a rate every path sustains and the rate tpgen reaches unpaced;
# sender_bound says that the path lost nothing even unpaced (ndr_rate is
# then the sender's limit, a lower bound of the path's).
ndr() {
	local lo=2000 hi i
	trial "$1" 0 "$2" "$ndr_msgs"
	ndr_rate=$sent_rate sender_bound=true
	lossless && return
	sender_bound=false
	hi=$sent_rate
	for ((i = 0; i < ${BENCH_STEPS:-5}; i++)); do
		ndr_rate=$(((lo + hi) / 2))
		trial "$1" "$ndr_rate" "$2" "$ndr_msgs"
		if lossless; then lo=$ndr_rate; else hi=$ndr_rate; fi
	done
	ndr_rate=$lo
}

# median N...: the median of the arguments.
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

tp_load
taskset -c $rx_cpu chrt -i 0 bash -c 'while :; do :; done' &
spawned+=($!)
feed_link rx rx0 tx tx0
# The socket paths get buffers as large as a tuned host gives them.
sysctl -qw net.core.rmem_max=67108864 net.core.rmem_default=67108864
rx sh -c "echo $((1 << rx_cpu)) > /sys/class/net/rx0/queues/rx-0/rps_cpus"
start=$SECONDS
emit "{\"exp\":\"env\",\"kernel\":\"$(uname -r)\",\"cpus\":$(nproc --all),\"date\":\"$(date -u +%FT%TZ)\",\"msgs_per_trial\":$msgs,\"reps\":$reps}"

# The receive CPU's noise with no traffic.
b0=$(rx_busy_ns); sleep 2; b1=$(rx_busy_ns)
emit "{\"exp\":\"idle\",\"rx_busy_ns_per_s\":$(((b1 - b0) / 2))}"

# 1. The zero-loss rate of each path.
declare -A ndrs
for ((rep = 0; rep < reps; rep++)); do
	want ndr || break
	for path in "${paths[@]}"; do
		ndr "$path" 1
		ndrs[$path]="${ndrs[$path]:-} $ndr_rate"
		emit "{\"exp\":\"ndr\",\"path\":\"$path\",\"rep\":$rep,\"ndr_msgs_per_s\":$ndr_rate,\"sender_bound\":$sender_bound}"
	done
	echo "bench: zero-loss rates, repetition $rep done at $(elapsed $start)"
done
slowest=
for path in "${paths[@]}"; do
	want ndr || break
	# shellcheck disable=SC2086
	m=$(median ${ndrs[$path]})
	[ -z "$slowest" ] || [ "$m" -lt "$slowest" ] && slowest=$m
done

# 2. Latency at 10, 50 and 90 % of the slowest path's zero-loss rate; loss
# at 1.5, 2 and 3 times that rate; the CPU cost per message of a long day
# sent unpaced (the receive CPU's busy time is sampled by ticks: it takes
# seconds of work to be measured well).
for ((rep = 0; rep < reps; rep++)); do
	want latency || break
	for load in 0.1 0.5 0.9; do
		rate=$(awk -v r="$slowest" -v l="$load" 'BEGIN { printf "%d", r * l }')
		# About three seconds of traffic, whatever the rate, and at least
		# the smallest day of 300 symbols that tpgen makes.
		n=$((rate * 3 < msgs ? rate * 3 : msgs))
		n=$((n < 5000 ? 5000 : n))
		for path in "${paths[@]}"; do
			trial "$path" "$rate" 1 "$n"
			line=$(head -n1 trial.json)
			emit "{\"exp\":\"latency\",\"path\":\"$path\",\"load\":$load,\"rate_msgs_per_s\":$rate,\"rep\":$rep,${line#\{}"
		done
	done
	for factor in 15 20 30; do
		rate=$((slowest * factor / 10))
		for path in "${paths[@]}"; do
			trial "$path" "$rate" 1 "$ndr_msgs"
			emit "{\"exp\":\"loss\",\"path\":\"$path\",\"rep\":$rep,\"offered_msgs_per_s\":$rate,\"sent\":$trial_msgs,\"received\":$(received)}"
		done
	done
	echo "bench: latency and loss, repetition $rep done at $(elapsed $start)"
done
for ((rep = 0; rep < reps; rep++)); do
	want cost || break
	for path in "${paths[@]}"; do
		trial "$path" 0 1 "$cost_msgs"
		emit "{\"exp\":\"cost\",\"path\":\"$path\",\"rep\":$rep,\"msgs\":$(received),\"rx_cpu_ns\":$rx_ns,\"reader_cpu_ns\":$(head -n1 trial.json | json_num cpu_ns)}"
	done
	echo "bench: cost, repetition $rep done at $(elapsed $start)"
done

# 3. Fan-out: 1, 4 and 16 readers of one subscription against as many
# sockets, blocking, all on the readers' CPU.
for ((rep = 0; rep < reps; rep++)); do
	want fanout || break
	for readers in 1 4 16; do
		for path in tickpath udp; do
			ndr "$path" "$readers"
			emit "{\"exp\":\"fanout\",\"path\":\"$path\",\"readers\":$readers,\"rep\":$rep,\"ndr_msgs_per_s\":$ndr_rate,\"sender_bound\":$sender_bound}"
		done
	done
	echo "bench: fan-out, repetition $rep done at $(elapsed $start)"
done

# 4. Receive cost against the number of subscriptions, filtered on
# disjoint locate ranges, with no reader: the rings are written all the
# same.
ended_once() { [ "$(rx "$tpctl" -j -s feed show bench | json_num end_of_session)" -ge "$1" ]; }
for ((rep = 0; rep < reps; rep++)); do
	want subs || break
	for subs in 1 8 64 256; do
		setup tickpath "$subs"
		b0=$(rx_busy_ns)
		send 0 "$cost_msgs"
		wait_until 60 "the day's end" ended_once 1
		b1=$(rx_busy_ns)
		emit "{\"exp\":\"subs\",\"subs\":$subs,\"rep\":$rep,\"rx_ns_per_msg\":$(((b1 - b0) / cost_msgs))}"
	done
	echo "bench: subscriptions, repetition $rep done at $(elapsed $start)"
done
setup stack
