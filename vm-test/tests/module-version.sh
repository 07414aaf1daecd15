#!/bin/bash
# Every tool's --version names its own version and the running module's,
# which MODULE_VERSION publishes in sysfs: both are the tree's VERSION.
. "$TP_SRC/vm-test/lib.sh"

version=$(cat "$TP_SRC/VERSION")
for tool in tpctl tpcat tpgen; do
	expect=$(printf '%s %s\ntickpath module: not loaded' "$tool" "$version")
	assert_eq "$("$TP_BUILD/user/$tool" --version)" "$expect" "$tool --version, no module"
done

tp_load
assert_eq "$(cat /sys/module/tickpath/version)" "$version" "/sys/module/tickpath/version"
for tool in tpctl tpcat tpgen; do
	expect=$(printf '%s %s\ntickpath module %s' "$tool" "$version" "$version")
	assert_eq "$("$TP_BUILD/user/$tool" -V)" "$expect" "$tool -V, module loaded"
done
