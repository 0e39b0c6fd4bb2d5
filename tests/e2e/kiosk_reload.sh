# Hot reload: the running kiosk (on Xvfb) takes an edited deck between
# slides; a broken edit, or the deck folder vanishing or becoming
# unreadable, keeps the last good deck on screen, and the problem is
# reported (stderr and the admin screen's status, through the same lines
# --trace shows); the folder coming back, or readable again, is taken.
. "$(dirname "$0")/lib.bash"
command -v Xvfb >/dev/null || fail "Xvfb is not installed (.ci/packages)"
[ "$failures" -eq 0 ] || finish

cp -r "$SRC/assets/decks/pusd-2023" "$TMP/deck"
x_sanitizer_options # no GLX under ASan, and its suppressions (lib.bash)
Xvfb -displayfd 3 -screen 0 1280x720x24 -nolisten tcp "${xvfb_options[@]}" 3>"$TMP/displayfd" >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 100); do [ -s "$TMP/displayfd" ] && break; sleep 0.1; done
export DISPLAY=:$(cat "$TMP/displayfd")
trap 'set +e; pkill -P $kiosk 2>/dev/null; kill $xvfb 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; true' EXIT

# As root the kiosk could read a folder whatever its permissions: it runs
# without the capabilities that override them (as the placard user would),
# so that a folder made unreadable is one.
prefix=()
if [ "$(id -u)" -eq 0 ]; then
	prefix=(setpriv --bounding-set=-dac_override,-dac_read_search)
fi
# The attract loop turns a slide every 3 s; ten times faster here.
"${prefix[@]}" "$KIOSK" --trace "$TMP/trace" --store "$TMP/votes.db" --slide-seconds 3 --time-scale 10 \
	--windowed --size 1280x720 "$TMP/deck" 2>"$TMP/err" &
kiosk=$!
# wait_for PATTERN [SECONDS]: until the trace has a line matching PATTERN.
wait_for() {
	local i
	for i in $(seq $((${2:-20} * 10))); do
		grep -qE -- "$1" "$TMP/trace" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}
screens() { grep -c '^screen=' "$TMP/trace"; }
# count PATTERN: the trace's lines matching PATTERN.
count() { grep -c -- "$1" "$TMP/trace" || true; }
# grows PATTERN N: until more than N lines match PATTERN (20 s at most).
grows() {
	local i
	for i in $(seq 200); do
		[ "$(count "$1")" -gt "$2" ] && return 0
		sleep 0.1
	done
	return 1
}
wait_for '^screen=slide' && pass "the kiosk is showing slides" || fail "no slide shown"

sed -i 's/^title: 2023-2028 Strategic Plan (Draft)$/title: 2023-2028 Strategic Plan (Board Draft)/' "$TMP/deck/deck.yaml"
wait_for '^reloaded slides=18' && pass "an edit is taken" || fail "the edit was not reloaded"

# A broken edit: an unknown slide kind.
printf '  - id: oops\n    kind: nonsense\n' >>"$TMP/deck/deck.yaml"
wait_for '^reload-failed .*deck\.yaml:[0-9]+:[0-9]+: error: unknown slide kind' &&
	pass "a broken edit is reported with file:line:col" || fail "no reload-failed line"
before=$(screens)
sleep 1.5
after=$(screens)
[ "$after" -gt "$before" ] && pass "the last good deck keeps showing ($before -> $after screens)" ||
	fail "the screen stopped after a broken edit"
expect_grep "the error is on stderr too" "unknown slide kind 'nonsense'" "$TMP/err"

# Mended, then a broken catalogue: refused the same way.
sed -i '/^  - id: oops$/,$d' "$TMP/deck/deck.yaml"
grows '^reloaded' 1 && pass "the mended deck is taken" || fail "the mended deck was not reloaded"
printf 'msgid "broken\n' >>"$TMP/deck/po/es.po"
wait_for '^reload-failed .*po/es\.po:[0-9]+:[0-9]+: error' &&
	pass "a broken catalogue is refused" || fail "the broken catalogue was not reported"

# The folder vanishes (removed, as a sync tool or an unplugged stick would
# do; its watches end with it): still the last good deck.
cp -a "$TMP/deck" "$TMP/gone"
rm -rf "$TMP/deck"
wait_for '^reload-failed .*cannot read' && pass "a vanished deck folder is reported" ||
	fail "no report for the vanished folder"
before=$(screens)
sleep 1.5
[ "$(screens)" -gt "$before" ] && pass "and slides keep turning" || fail "the screen stopped"
kill -0 $kiosk 2>/dev/null && pass "the kiosk is still running" || fail "the kiosk died"

# The folder comes back (mended): taken without being asked, though its
# own watch ended when it went.
reloads=$(count '^reloaded')
sed -i '$d' "$TMP/gone/po/es.po"
mv "$TMP/gone" "$TMP/deck.new"
mv -T "$TMP/deck.new" "$TMP/deck"
grows '^reloaded' "$reloads" && pass "the folder come back is taken" ||
	fail "the folder came back and was not reloaded"

# The folder unreadable (permissions), then readable again.
failed=$(count '^reload-failed')
chmod 000 "$TMP/deck"
grows '^reload-failed' "$failed" || true
grep '^reload-failed' "$TMP/trace" | sed -n "$((failed + 1))p" | grep -q 'ermission denied' &&
	pass "an unreadable deck folder is reported" ||
	fail "no report for the unreadable folder: $(grep '^reload-failed' "$TMP/trace" | tail -n 1)"
before=$(screens)
sleep 1.5
[ "$(screens)" -gt "$before" ] && pass "and slides keep turning" || fail "the screen stopped"
reloads=$(count '^reloaded')
chmod 755 "$TMP/deck"
grows '^reloaded' "$reloads" && pass "readable again, the deck is taken" ||
	fail "readable again, the deck was not reloaded"

# $kiosk is lib.bash's wrapper; the kiosk is its child.
pkill -TERM -P $kiosk
rc=0
wait $kiosk || rc=$?
expect_eq "SIGTERM ends it cleanly" 0 "$rc"
[ "$rc" -eq 0 ] || tail -n 30 "$TMP/err"
expect_grep "with its last line" '^exit$' "$TMP/trace"
finish
