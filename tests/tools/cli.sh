#!/bin/bash
# tpgen's and tpcat's command lines: the help shows how to make a day, a
# pcap and a paced live feed; the README's commands work as shown; bad
# options are refused with status 2.
. "$(dirname "$0")/lib.bash"

"$TPGEN" --help > help.txt
check "tpgen --help: exit 0" [ $? = 0 ]
for example in "--binfile day.itch" "-w day.pcap" "--send -i eth1 --rate" "--replay"; do
	check "tpgen --help shows: tpgen ... $example" grep -q "^  tpgen .*$example" help.txt
done

# The README's commands, a million messages cut to 20000; the live ones
# need an eth1, so they only have to be there.
sed -n '/^## Feed tools/,/^## /p' "$src/README.md" |
	sed -n '/^```sh/,/^```/p' | grep -E '^tp(gen|cat) ' | sed 's/ *# .*//' > readme.cmds
check "the README shows a day, a pcap and a paced live feed" \
	bash -c 'grep -q -- "--binfile" readme.cmds && grep -q -- "-w day.pcap" readme.cmds &&
		 grep -q -- "--send .*--rate" readme.cmds'
while read -r tool args; do
	case "$args" in *--send*) continue ;; esac
	args=${args//-n 1000000/-n 20000}
	bin=$TPGEN
	[ "$tool" = tpcat ] && bin=$TPCAT
	# shellcheck disable=SC2086
	check "README: $tool $args" bash -c '"$0" "$@" > /dev/null 2>&1' "$bin" $args
done < readme.cmds
check "README: the replay gave the same packets" cmp -s day.pcap replay.pcap

refused() {
	"$@" > /dev/null 2> err.txt
	[ $? = 2 ] && grep -q "Try '" err.txt
}
check "no output is refused" refused "$TPGEN" -n 20000
check "a day too small for its symbols is refused" refused "$TPGEN" -n 1100 -w x.pcap
check "too few symbols are refused" refused "$TPGEN" -S 3 -w x.pcap
check "a probability above 1 is refused" refused "$TPGEN" --drop 1.5 -w x.pcap
check "an unknown malformation is refused" refused "$TPGEN" --malform-kinds overrun,bogus -w x.pcap
check "--speed with --rate is refused" refused "$TPGEN" --speed 1 --rate 5 -w x.pcap
check "a session of 11 characters is refused" refused "$TPGEN" --session ABCDEFGHIJK -w x.pcap
check "splits out of order are refused" refused "$TPGEN" --split 500,400 -w x.pcap
check "a payload too small for a message is refused" refused "$TPGEN" --max-payload 60 -w x.pcap
check "a bad group is refused" refused "$TPGEN" -g 300.1.1.1 -w x.pcap
check "a bad date is refused" refused "$TPGEN" --date 2024-13-01 -w x.pcap
check "a stray argument is refused" refused "$TPGEN" -w x.pcap extra
check "an unknown interface fails" \
	bash -c '"$0" -n 20000 --send -i no-such-if 2>&1 | grep -q "no such interface"' "$TPGEN"
finish
