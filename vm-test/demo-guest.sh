#!/bin/bash
# The demo, inside the VM: what an operator and a strategy would do.
. "$TP_SRC/vm-test/lib.sh"

tpcat=$TP_BUILD/user/tpcat
tpgen=$TP_BUILD/user/tpgen
show() { echo "# $*"; "$@"; }
in_feed() { ip netns exec feed "$@"; }

echo "# kernel $(uname -r)"
show insmod "$TP_KO_DIR/kmod/tickpath.ko"
veth_pair feed eth1 exchange eth0
ip -n feed addr add 10.9.0.2/24 dev eth1
ip -n exchange addr add 10.9.0.1/24 dev eth0
echo "# namespace 'feed' holds eth1; its veth peer eth0 is in 'exchange'"
show in_feed "$tpctl" port attach dev eth1 mode steal
show in_feed "$tpctl" feed add itch dev eth1 group 233.54.12.111 port 26477
# Two symbols of the day's Stock Directory (tpgen is deterministic).
symbols=$({ "$tpgen" -n 300000 -j - || true; } | grep -m 2 '"type":"R"' |
	sed -E 's/.*"stock":"([^ "]+) *".*/\1/' | paste -sd,)
show in_feed "$tpctl" sub add book channel itch types AFECXDUP symbols "$symbols"
show in_feed "$tpctl" sub add all channel itch slots 1048576
show in_feed "$tpctl" sub show

echo "# a strategy reads 'book' live (tpcat), while the exchange sends a"
echo "# generated ITCH 5.0 day of 300000 messages in MoldUDP64"
in_feed "$tpcat" -c 12 book > "$TP_OUT/book.txt" &
reader=$!
in_feed "$tpcat" --stats -j all > "$TP_OUT/all.json" 2> "$TP_OUT/all.stats" &
all=$!
sleep 0.5
show ip netns exec exchange "$tpgen" -n 300000 --send -i eth0 --rate 300000
wait "$reader"
echo "# the first records of 'book', decoded in softirq:"
cat "$TP_OUT/book.txt"
show in_feed "$tpctl" feed show -s
show in_feed "$tpctl" sub show -s
show in_feed "$tpctl" sub del all
wait "$all"
echo "# 'all' was deleted under its reader, which then stopped:"
cat "$TP_OUT/all.stats"
echo "# $(wc -l < "$TP_OUT/all.json") records, e.g. the last one:"
tail -n 1 "$TP_OUT/all.json"
show in_feed "$tpctl" feed del itch
show in_feed "$tpctl" port detach dev eth1
show rmmod tickpath
