#!/bin/bash
# make lint: checkpatch --strict and sparse over kmod/ (and the KUnit
# suites), with the tools of the debug kernel's tree.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
kdir=$("$src/vm-test/kernel.sh" debug | sed -n 2p)
status=0
"$kdir/scripts/checkpatch.pl" --strict --no-tree --terse --show-types \
	--ignore SPDX_LICENSE_TAG,FILE_PATH_CHANGES,LINUX_VERSION_CODE \
	-f "$src"/kmod/*.[ch] "$src"/tests/kunit/*.c "$src"/uapi/linux/*.h || status=1
# Sparse reports on stderr and does not fail the build: any line fails lint.
"$src/vm-test/module.sh" debug C=2 2> "$src/build/sparse.log" >/dev/null || status=1
if grep -E "warning|error" "$src/build/sparse.log"; then
	status=1
fi
exit $status
