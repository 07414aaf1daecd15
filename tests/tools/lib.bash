# Sourced by the tests of tests/tools/: where the tools are (built with
# ASan and UBSan by `make tools-san`; TPGEN and TPCAT override them), a
# scratch directory under build/, and check/finish, which print TAP-like
# lines and the closing "N passed, N failed" that vm-test/check adds up.
set -uo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$src/tests/tools
TPGEN=${TPGEN:-$src/build/san/tpgen}
TPCAT=${TPCAT:-$src/build/san/tpcat}
mkdir -p "$src/build"
work=$(mktemp -d "$src/build/tools-test.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cd "$work" || exit 1

passed=0
failed=0

# check WHAT COMMAND...: the check passes if COMMAND succeeds.
check() {
	local what=$1

	shift
	if "$@"; then
		passed=$((passed + 1))
		echo "ok - $what"
	else
		failed=$((failed + 1))
		echo "not ok - $what"
	fi
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
}

# The number of lines of FILE.
lines() {
	wc -l < "$1" | tr -d ' '
}

# logged LOG COMMAND...: runs COMMAND with its output in LOG.
logged() {
	local log=$1

	shift
	"$@" > "$log" 2>&1
}
