#!/bin/bash
# Build tickpath.ko (and, against the debug kernel, the KUnit module) for
# one of the test kernels, in build/<kernel>/.  Kbuild writes objects next to
# the sources, so each kernel gets its own tree of links to them.
#
#   vm-test/module.sh stock|debug [extra make arguments, e.g. C=1]
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
kernel=$1
shift
kdir=$("$src/vm-test/kernel.sh" "$kernel" | sed -n 2p)
tree=$src/build/$kernel

mkdir -p "$tree"
# Links are refreshed on every build; stale ones (from deleted sources) go.
find "$tree" -type l -delete
(cd "$src" && find Kbuild VERSION kmod uapi tests/kunit -type f \( -name Kbuild -o -name VERSION -o -name '*.[ch]' \) \
		! -name '*.mod.c' |
	while read -r f; do
		mkdir -p "$tree/$(dirname "$f")"
		ln -s "$src/$f" "$tree/$f"
	done)
kunit=()
[ "$kernel" = debug ] && kunit=(TP_KUNIT=1)
make -C "$kdir" M="$tree" W=1 "${kunit[@]}" "$@" modules
