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

# A kiosk built with AddressSanitizer (PLACARD_SANITIZE) meets two leaks at
# exit that are not Placard's: Mesa's software GL driver (swrast_dri.so)
# leaves blocks that LeakSanitizer cannot even name once SDL_Quit has
# unloaded it, and SDL keeps its D-Bus connection (SDL 2.26 has no hint to
# shut it down). So the X server gets no GLX (SDL then renders with its
# software renderer; a plain build keeps GLX and SDL's OpenGL renderer),
# and libdbus is added to the project's suppressions; SDL's over-read of a
# key's Latin-1 text is suppressed too (tests/asan.supp). Everything takes
# longer there: tests scale their waits by SLOW.
#
# x_sanitizer_options: sets xvfb_options and SLOW, and the sanitizers'
# options, for a test that runs the kiosk on Xvfb.
x_sanitizer_options() {
	xvfb_options=()
	SLOW=1
	if grep -qa __asan_init "$PLACARD_KIOSK"; then
		xvfb_options=(-extension GLX)
		{
			cat "$SRC/tests/lsan.supp"
			echo "leak:libdbus-1.so"
		} >"$TMP/lsan.supp"
		export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$TMP/lsan.supp:print_suppressions=0"
		# And SDL 2.26's over-read on keys with Latin-1 text (tests/asan.supp).
		export ASAN_OPTIONS="$ASAN_OPTIONS:suppressions=$SRC/tests/asan.supp"
		SLOW=3
	fi
}
