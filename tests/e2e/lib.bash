# Shared by the end-to-end tests (sourced, not run): paths to the programs,
# a scratch directory removed on exit, and assertions that say what failed.
set -euo pipefail
SRC=${PLACARD_SOURCE:?set by ctest}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# The programs run through wrappers that note any sanitizer report (exit
# status 86, set below), so a test that expects a failure exit cannot mistake
# a memory error for an ordinary "problems found".
export ASAN_OPTIONS="exitcode=86:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="halt_on_error=1:exitcode=86:print_stacktrace=1"
wrap() { # wrap NAME REAL
	cat >"$TMP/$1" <<WRAP
#!/bin/sh
"$2" "\$@"
rc=\$?
[ \$rc -eq 86 ] && echo "$1 \$*" >>"$TMP/sanitizer-reports"
exit \$rc
WRAP
	chmod +x "$TMP/$1"
}
wrap placard-print "${PLACARD_PRINT:?set by ctest}"
wrap placard-kiosk "${PLACARD_KIOSK:?set by ctest}"
PRINT=$TMP/placard-print
KIOSK=$TMP/placard-kiosk
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
	if [ -s "$TMP/sanitizer-reports" ]; then
		fail "sanitizer reports from: $(cat "$TMP/sanitizer-reports")"
	fi
	if [ "$failures" -ne 0 ]; then
		echo "$failures check(s) failed"
		exit 1
	fi
	echo "all checks passed"
}
