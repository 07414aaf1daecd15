#!/bin/bash
# Runs inside the test VM, chrooted into the host's root (read-only 9p), as
# root.  Runs every test named in $out/env, each with a time limit, and
# leaves for the host: <test>.log and <test>.rc per test, dmesg, kmemleak.
set -u
out=$1
# shellcheck source=/dev/null
. "$out/env"

# Writable scratch space over the read-only host root.  /root stays
# visible: the kernel cache is under it.  So do the checkout and the results
# folder where they live below one of these (a clone in /tmp): they are set
# aside on /dev and moved back on top of the tmpfs.
scratch=(/tmp /run /var/tmp /dev/shm)
kept=()
for p in "$TP_SRC" "$out"; do
	for d in "${scratch[@]}"; do
		case "$p/" in "$d"/*) kept+=("$p") ;; esac
	done
done
for i in "${!kept[@]}"; do
	mkdir -p "/dev/.tp-kept/$i"
	mount --bind "${kept[$i]}" "/dev/.tp-kept/$i"
done
mkdir -p /dev/shm
for d in "${scratch[@]}"; do
	mount -t tmpfs tmpfs "$d"
done
for i in "${!kept[@]}"; do
	mkdir -p "${kept[$i]}"
	mount --move "/dev/.tp-kept/$i" "${kept[$i]}"
done
mkdir -p /dev/pts && mount -t devpts devpts /dev/pts
mount -t debugfs debugfs /sys/kernel/debug
export HOME=/tmp PATH=/usr/sbin:/usr/bin:/sbin:/bin TP_OUT=$out
export TP_SRC TP_KERNEL TP_KO_DIR TP_BUILD TP_TEST_TIMEOUT

# Stock kernel: its modules come from the unpacked package, not /lib/modules.
if [ -n "$TP_MODULES" ]; then
	for m in veth bridge macvlan dummy tun vxlan; do
		modprobe -d "$TP_MODULES" "$m" || echo "guest: modprobe $m failed"
	done
fi

leaks=/sys/kernel/debug/kmemleak
if [ -e $leaks ]; then
	# Forget what boot left behind: only leaks made by the tests count.
	echo scan > $leaks
	echo clear > $leaks
fi

echo "guest: $(uname -r), tests: $TP_TESTS"
for t in $TP_TESTS; do
	name=$(basename "$t" .sh)
	echo "guest: running $name"
	(cd /tmp && timeout -k 5 "${TP_TEST_TIMEOUT:-600}" bash "$t") \
		> "$out/$name.log" 2>&1
	rc=$?
	echo $rc > "$out/$name.rc"
	# Timed out: put the blocked tasks' stacks in the kernel log.
	[ $rc = 124 ] && echo w > /proc/sysrq-trigger
done

if [ -e $leaks ]; then
	# An object is reported once it has looked unreferenced for a while and
	# over two scans.
	sleep 6
	echo scan > $leaks
	echo scan > $leaks
	cat $leaks > "$out/kmemleak"
fi
dmesg > "$out/dmesg"
