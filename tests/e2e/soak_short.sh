# The soak's short version (tests/soak/soak.sh --short): the real kiosk on its
# own Xvfb, driven with real X input through thousands of slide changes,
# language switches, votes, hot reloads, idle resets and size changes, its
# RSS and open descriptors sampled from /proc. After the warm-up, RSS stays
# within 2 MB and no descriptor but the font cache's is opened or left open;
# SIGTERM ends it with status 0. Under AddressSanitizer a shorter drive
# without the RSS check (ASan's quarantine is not the kiosk's memory), and
# LeakSanitizer checks the kiosk at that exit. The full soak (about an hour)
# is tests/soak/soak.sh; its results are in bench/results/.
. "$(dirname "$0")/lib.bash"

for tool in Xvfb xdotool /usr/bin/python3; do
	command -v "$tool" >/dev/null || fail "$tool is not installed (.ci/packages)"
done
[ "$failures" -eq 0 ] || finish

# The real kiosk, not lib.bash's wrapper: soak.py reads its /proc/PID.
kiosk=${PLACARD_KIOSK:?set by ctest}
options=()
if grep -qa __asan_init "$kiosk"; then
	# As in kiosk_xvfb.sh: SDL keeps its D-Bus connection at exit.
	{
		cat "$SRC/tests/lsan.supp"
		echo "leak:libdbus-1.so"
	} >"$TMP/lsan.supp"
	export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$TMP/lsan.supp:print_suppressions=0"
	export ASAN_OPTIONS="${ASAN_OPTIONS}:detect_leaks=1"
	options=(--slides 3000 --langs 300 --votes 100 --reloads 40 --resets 10 --resizes 4
		--rss-limit-kb 0 --slow 4)
fi

if "$SRC/tests/soak/soak.sh" --short --kiosk "$kiosk" --out "$TMP/out" -- \
	--work "$TMP/work" "${options[@]}" >"$TMP/soak.log" 2>&1; then
	pass "soak: $(sed -n 's/^soak: \([0-9]* s, .*\); [0-9]* keys.*/\1/p' "$TMP/soak.log")"
	sed -n 's/^soak: after the warm-up: /# /p' "$TMP/soak.log"
else
	fail "the short soak failed:"
	sed 's/^/    /' "$TMP/soak.log"
fi
finish
