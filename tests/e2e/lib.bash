# Shared by the end-to-end tests (sourced, not run): paths to the programs,
# a scratch directory removed on exit, and assertions that say what failed.
set -euo pipefail
PRINT=${PLACARD_PRINT:?set by ctest}
SRC=${PLACARD_SOURCE:?set by ctest}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
pass() { echo "ok - $*"; }
fail() {
	echo "FAIL - $*"
	failures=$((failures + 1))
}
expect_eq() { # expect_eq WHAT EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1: expected [$2], got [$3]"; fi
}
expect_grep() { # expect_grep WHAT PATTERN FILE
	if grep -qE -- "$2" "$3"; then pass "$1"; else
		fail "$1: no line matches /$2/ in:"
		sed 's/^/    /' "$3"
	fi
}
finish() {
	if [ "$failures" -ne 0 ]; then
		echo "$failures check(s) failed"
		exit 1
	fi
	echo "all checks passed"
}
