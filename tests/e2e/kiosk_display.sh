# The display under the kiosk, and keys that must not end it: the real
# fullscreen window on Xvfb (BRIEF section 7: screens that go blank; issue
# Robustness, lockdown and faults).
#   1. The window unmapped and mapped again (a display turned off and on,
#      a compositor restarting): the same pixels as before come back.
#   2. The window squeezed to 1x1 and 200x100 (a display going away can
#      leave a window with no room) and given its room back: no crash (a
#      1-pixel window divided by zero in the slide's pagination), the
#      background meanwhile, then the same pixels as before.
#   3. Ctrl+Alt+Backspace (X's "zap", which Xorg leaves off and cage and
#      KMS/DRM do not have) reaches the kiosk as keys and does nothing.
#   4. Every key on the keyboard, alone and with Ctrl, Alt, Shift and the
#      logo key, mashed for a minute: the kiosk stays, never shows the admin
#      screen (the chord only brings the PIN, which mashing cannot guess
#      past the back-off), and still answers the keys after.
#   5. The X server killed under it (the display gone for good): the kiosk
#      ends at once with status 1 (the systemd units restart it on
#      failure) saying why, with the vote it acknowledged saved and the
#      store whole; started on a new X server it shows the deck again.
. "$(dirname "$0")/lib.bash"
DECK=$SRC/assets/decks/pusd-2023
. "$(dirname "$0")/xvfb.bash"
PIN=73915046
MASH_SECONDS=${PLACARD_MASH_SECONDS:-60}

for tool in Xvfb xdotool xwd convert compare xmodmap sqlite3; do
	command -v "$tool" >/dev/null || fail "$tool is not installed (.ci/packages)"
done
[ "$failures" -eq 0 ] || finish

# snap NAME: the X server's whole screen, as the visitor sees it.
snap() { DISPLAY=$X_dpy xwd -root -silent | convert xwd:- "$TMP/$1.png"; }
# same A B: how many pixels differ between two snaps.
differ() { compare -metric AE "$TMP/$1.png" "$TMP/$2.png" null: 2>&1 || true; }
# step KEY...: presses the keys, and waits for the screen after the last.
step() {
	local from
	from=$(lines K)
	DISPLAY=$X_dpy xdotool key --delay 20 "$@"
	wait_for K "$from" '^screen=' $((10 * SLOW)) || true
}
# settle: waits until the kiosk has drawn and shown what it was asked for
# (a frame line after the last screen or window line).
settle() {
	local from=$1
	wait_for K "$from" '^frame ' $((10 * SLOW)) || true
	sleep 0.3
}

hash=$("$KIOSK" --hash-pin <<<"$PIN") || true
hash=${hash#pin-hash = }
start_x X
STORE=$TMP/votes.db
start_kiosk K -- --store "$STORE" --slide-seconds 600 --idle-seconds 3600 \
	--warning-seconds 20 "--pin-hash=$hash"

# To the first poll, and a vote on it (checked after the X server dies).
poll=$(awk '/^  - id:/ { id = $3 } /^    kind:/ { n++; if ($2 == "poll") { print n; exit } }' "$DECK/deck.yaml")
step Right
for ((i = 0; i < 60; i++)); do
	[ "$(field screen)" = slide ] && [ "$(field slide)" = "$poll" ] && break
	step Right
done
for ((i = 0; i < 20; i++)); do
	[[ "$(field focus)" == vote:* ]] && break
	step Tab
done
from=$(lines K)
DISPLAY=$X_dpy xdotool key Return
expect_line "a vote on the first poll (slide $poll) is saved" K "$from" '^vote .* saved' $((10 * SLOW))
wait_for K "$from" '^screen=.*poll=thanks' $((10 * SLOW)) || true
settle "$(lines K)"
snap before
ink=$(convert "$TMP/before.png" -format '%[fx:standard_deviation > 0.05 ? 1 : 0]' info:)
expect_eq "the kiosk's screen has something on it" 1 "$ink"

# 1. Unmapped and mapped.
DISPLAY=$X_dpy xdotool windowunmap "$K_win"
sleep 0.5
snap unmapped
[ "$(differ before unmapped)" != 0 ] && pass "unmapped, the window is gone from the screen" ||
	fail "unmapping the window changed nothing on the screen"
from=$(lines K)
DISPLAY=$X_dpy xdotool windowmap "$K_win"
settle "$from"
snap mapped
expect_eq "mapped again, the kiosk's screen is as it was (pixels differing)" 0 "$(differ before mapped)"

# 2. No room, and room again.
for size in "1 1" "200 100" "1920 1"; do
	from=$(lines K)
	DISPLAY=$X_dpy xdotool windowsize "$K_win" $size
	expect_line "squeezed to ${size/ /x}, the kiosk waits for room" K "$from" \
		"^too-small size=${size/ /x}" $((10 * SLOW))
done
alive K && pass "a window with no room did not end the kiosk" || fail "the kiosk ended in a tiny window"
from=$(lines K)
DISPLAY=$X_dpy xdotool windowsize "$K_win" 1920 1080
expect_line "given its room back, the kiosk lays the screen out again" K "$from" \
	'^screen=slide .*size=1920x1080' $((10 * SLOW))
settle "$from"
snap restored
expect_eq "and it is as it was (pixels differing)" 0 "$(differ before restored)"

# 3. Ctrl+Alt+Backspace.
from=$(lines K)
DISPLAY=$X_dpy xdotool key ctrl+alt+BackSpace
expect_line "Ctrl+Alt+Backspace reaches the kiosk" K "$from" '^key .*sym=Backspace' $((10 * SLOW))
sleep 0.5
alive K && pass "and does not end it" || fail "Ctrl+Alt+Backspace ended the kiosk"
snap zapped
expect_eq "and changes nothing on the screen (pixels differing)" 0 "$(differ before zapped)"

# 4. A minute of every key. The keyboard's keys as the X server maps them
# (keysyms of keycodes 8-255), pressed at random, a quarter of them with
# one or more of Ctrl, Alt, Shift and Super held.
mapfile -t keysyms < <(DISPLAY=$X_dpy xmodmap -pke | awk '$4 != "" && $4 != "NoSymbol" { print $4 }' | sort -u)
mods=(ctrl alt shift super ctrl+alt ctrl+shift alt+shift ctrl+alt+shift ctrl+super)
[ "${#keysyms[@]}" -gt 100 ] && pass "mashing ${#keysyms[@]} different keys" ||
	fail "only ${#keysyms[@]} keys to mash"
from=$(lines K)
deadline=$(($(now_ms) + MASH_SECONDS * 1000))
RANDOM=10
sent=0
while [ "$(now_ms)" -lt "$deadline" ] && alive K; do
	batch=()
	for ((i = 0; i < 100; i++)); do
		k=${keysyms[RANDOM % ${#keysyms[@]}]}
		if [ $((RANDOM % 4)) -eq 0 ]; then k=${mods[RANDOM % ${#mods[@]}]}+$k; fi
		batch+=("$k")
	done
	# Now and then Alt or the logo key held down across a whole batch, as a
	# palm on the keyboard would.
	held=()
	if [ $((RANDOM % 5)) -eq 0 ]; then held=("${mods[RANDOM % 4]}"); fi
	DISPLAY=$X_dpy xdotool ${held:+keydown "${held[@]}"} key --delay 2 "${batch[@]}" \
		${held:+keyup "${held[@]}"} 2>/dev/null || true
	sent=$((sent + ${#batch[@]}))
done
DISPLAY=$X_dpy xdotool keyup ctrl alt shift super 2>/dev/null || true
alive K && pass "$sent keys mashed in $MASH_SECONDS s: the kiosk is still running" ||
	fail "the kiosk ended while keys were mashed"
read_keys=$(since K "$from" | grep -c '^key ' || true)
[ "$read_keys" -gt 1000 ] && pass "it read $read_keys key presses" ||
	fail "it read only $read_keys key presses of $sent"
if since K "$from" | grep -q '^screen=admin'; then
	fail "mashing reached the admin screen"
else
	pass "mashing never reached the admin screen ($(since K "$from" | grep -c '^screen=pin' || true) PIN screens)"
fi
since K "$from" | grep -q '^exit' && fail "mashing ended the kiosk's loop" ||
	pass "mashing never ended the kiosk's loop"
# Still answering: Escape (or the PIN screen's own way out) and Home.
DISPLAY=$X_dpy xdotool keyup ctrl alt shift super
step Escape
step Home
[ -n "$LINE" ] && pass "after the mashing the kiosk still answers keys ($(field screen))" ||
	fail "after the mashing the kiosk does not answer keys"

# 5. The X server killed.
votes=$(sqlite3 "$STORE" 'SELECT count(*) FROM votes' 2>&1)
expect_eq "the store holds the vote" 1 "$votes"
kill -KILL "$X_xpid"
if ended K $((15 * SLOW)); then
	expect_eq "the display gone, the kiosk ends with status 1 (to be restarted)" 1 "$RC"
else
	fail "the display gone, the kiosk did not end"
fi
expect_grep "saying why" "the display went away; ending with status 1" "$TMP/K.log"
expect_eq "the vote it acknowledged is in the store" "1" "$(sqlite3 "$STORE" 'SELECT count(*) FROM votes' 2>&1)"
expect_eq "and the store is whole" ok "$(sqlite3 "$STORE" 'PRAGMA integrity_check' 2>&1)"
start_x Y
Y2_dpy=$Y_dpy
start_kiosk Y2 -- --store "$STORE" --slide-seconds 600
expect_line "on a new X server the kiosk shows the deck again" Y2 0 '^frame ' $((10 * SLOW))
finish
