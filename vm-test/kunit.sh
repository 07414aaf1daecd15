#!/bin/bash
# Runs in the debug VM: load the KUnit module (its suites run at load) and
# leave each suite's KTAP in $TP_OUT/kunit.<suite>.ktap for the host.
set -euo pipefail

insmod "$TP_KO_DIR/tests/kunit/tickpath_kunit.ko"
found=0
for suite in /sys/kernel/debug/kunit/tickpath*; do
	[ -d "$suite" ] || continue
	cp "$suite/results" "$TP_OUT/kunit.$(basename "$suite").ktap"
	cat "$suite/results"
	found=1
done
rmmod tickpath_kunit
[ "$found" = 1 ] || { echo "no tickpath KUnit suite ran"; exit 1; }
! grep -q "not ok" "$TP_OUT"/kunit.*.ktap
