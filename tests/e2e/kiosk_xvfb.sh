# The kiosk as a visitor meets it: the real fullscreen window on Xvfb, driven
# with real X input (xdotool's key presses and clicks go through XTEST, as a
# keyboard's would) and watched through --trace, one line per screen shown.
# Two kiosks on two X servers run side by side: A takes the walk through
# every slide and page, the language picker (to Arabic and back), one-switch
# scanning, a click on Next, the keys and close request that must not end
# it, a live screenshot, and the admin chord and PIN that do; B sits through
# the idle warning (a key continues the session) and the reset, and then
# takes SIGTERM. Every wait polls the trace with a time limit.
. "$(dirname "$0")/lib.bash"
DECK=$SRC/assets/decks/pusd-2023
PIN=2468

for tool in Xvfb xdotool xwd convert compare; do
	command -v "$tool" >/dev/null || fail "$tool is not installed (.ci/packages)"
done
# Debian's python3, where python3-xlib is (not another python3 on PATH).
XPY=/usr/bin/python3
"$XPY" -c 'import Xlib' 2>/dev/null || fail "python3-xlib is not installed (.ci/packages)"
[ "$failures" -eq 0 ] || finish

. "$(dirname "$0")/xvfb.bash"

# key NAME KEY...: key presses on NAME's display, through XTEST.
key() {
	local dpy=${1}_dpy
	DISPLAY=${!dpy} xdotool key --delay 15 "${@:2}"
}

# press NAME REGEX KEY...: presses the keys and waits for a line matching
# REGEX (LINE, empty if none came): where timers also draw (the welcome
# screen's greeting, scanning), the line that the keys brought.
press() {
	local from
	from=$(lines "$1")
	key "$1" "${@:3}"
	wait_for "$1" "$from" "$2" || true
}

# step NAME KEY...: presses the keys and waits for the next screen line
# (LINE, empty if none came), where only keys change the screen.
step() {
	local from
	from=$(lines "$1")
	key "$@"
	wait_for "$1" "$from" '^screen=' || true
}

# after SLIDE:PAGE: the slide and page that Right shows next (from pages,
# which the walk fills in).
after() {
	local s=${1%:*} p=${1#*:}
	if [ "$s" -eq 0 ]; then echo 1:1; elif [ "$p" -lt "${pages[$s]:-1}" ]; then echo "$s:$((p + 1))"; else echo "$((s + 1)):1"; fi
}

# focus_to NAME KEY ID: presses KEY until the focus is on control ID.
focus_to() {
	local i
	for ((i = 0; i < 30; i++)); do
		[ "$(field focus)" = "$3" ] && return 0
		step "$1" "$2"
		[ -n "$LINE" ] || return 1
	done
	return 1
}

start=$(now_ms)
hash=$(echo "$PIN" | "$KIOSK" --hash-pin) || true
hash=${hash#pin-hash = }
case $hash in
'$'*) pass "--hash-pin prints a crypt hash" ;;
*) fail "--hash-pin printed [$hash]" ;;
esac

start_x A
start_x B
# B: the idle warning after 10 s without input, the reset 20 s later.
start_kiosk B -- --store "$TMP/votes-b.db" --slide-seconds 600 \
	--idle-seconds 10 --warning-seconds 20
# A: no idle warning during its tests; scanning at the fastest.
start_kiosk A -- --store "$TMP/votes.db" --slide-seconds 600 --idle-seconds 600 \
	--scan-seconds 0.75 --scan-first-hold 0.75 --scan-loops 2 --pin-hash "$hash"

# B's test runs in the background; its results are counted at the end.
idle_test() {
	# A visitor makes the text larger, changes the theme and the language.
	press B '^screen=slide ' Right
	step B equal
	step B t
	step B l
	focus_to B Tab pick:es || true
	step B Return
	case $LINE in
	"screen=slide "*" lang=es "*" scale=125 "*" visitor=1 "*" resets=0 "*) pass "B: a visitor's session in Spanish at 125 %" ;;
	*) fail "B: the visitor's changes are not on screen: [$LINE]" ;;
	esac
	local t0 from t1 secs
	t0=$(now_ms)
	from=$(lines B)
	expect_line "B: the idle warning after --idle-seconds 10" B "$from" '^screen=idle ' 30
	secs=$((($(now_ms) - t0) / 100))
	if [ "$secs" -ge 95 ]; then pass "B: not before 10 s (${secs%?}.${secs: -1} s)"; else
		fail "B: the warning came after ${secs%?}.${secs: -1} s, before --idle-seconds 10"
	fi
	# A key during the warning continues the session as it was.
	from=$(lines B)
	key B a
	expect_line "B: a key during the warning continues the session" B "$from" \
		'^screen=slide .* lang=es .* scale=125 .* resets=0 '
	from=$(lines B)
	expect_line "B: the warning again after 10 s more without input" B "$from" '^screen=idle ' 30
	t1=$(now_ms)
	from=$AT
	expect_line "B: then the reset after --warning-seconds 20" B "$from" '^screen=welcome .* resets=1 ' 45
	secs=$((($(now_ms) - t1) / 100))
	if [ "$secs" -ge 195 ]; then pass "B: not before 20 s (${secs%?}.${secs: -1} s)"; else
		fail "B: the reset came after ${secs%?}.${secs: -1} s of warning, before 20"
	fi
	case $LINE in
	"screen=welcome "*" lang=en theme=standard scale=100 "*" visitor=0 "*) pass "B: the reset is back to English, standard theme, 100 %, no visitor" ;;
	*) fail "B: the reset left the visitor's settings: [$LINE]" ;;
	esac
	# SIGTERM, as systemd stops it (its status is taken below: only the
	# shell that started the kiosk can wait for it).
	local kiosk
	if kiosk=$(child_of "$B_pid"); then
		from=$(lines B)
		kill -TERM "$kiosk"
		expect_line "B: SIGTERM: the trace ends with exit" B "$from" '^exit$' 20
	else
		fail "B: no kiosk process under $B_pid"
	fi
}
idle_test >"$TMP/idle.log" 2>&1 &
idle=$!
kiosks+=("$idle") # (ended on exit, should the test end early)

# 1. The keyboard alone walks through every page of every slide in order,
# and past the last slide back to the welcome screen.
slides=$(grep -c '^    kind:' "$DECK/deck.yaml")
declare -A pages seen
from=$(lines A)
key A Right
wait_for A "$from" '^screen=slide ' || LINE="(no slide screen)"
prev_slide=0 prev_page=0 prev_pages=0 walked=0 order_ok=1
while [[ $LINE == "screen=slide "* ]] && [ "$walked" -lt 200 ]; do
	s=$(field slide) p=$(field page) n=$(field pages)
	seen[$s:$p]=1
	pages[$s]=$n
	want=$(after "$prev_slide:$prev_page")
	if [ "$s:$p" != "$want" ] && [ "$order_ok" = 1 ]; then
		fail "Right after slide $prev_slide page $prev_page went to $s:$p, not $want"
		order_ok=0
	fi
	prev_slide=$s prev_page=$p prev_pages=$n
	walked=$((walked + 1))
	step A Right
done
[ "$order_ok" = 1 ] && pass "Right goes page by page, slide by slide ($walked screens)"
expect_eq "Right after the last page of the last slide: the welcome screen" welcome "$(field screen)"
expect_eq "the deck's $slides slides were all shown" "$slides" "${#pages[@]}"
missing=""
for ((s = 1; s <= slides; s++)); do
	for ((p = 1; p <= ${pages[$s]:-1}; p++)); do
		[ -n "${seen[$s:$p]:-}" ] || missing+=" $s:$p"
	done
done
expect_eq "every page of every slide was shown" "" "$missing"
multi=0
for s in "${!pages[@]}"; do [ "${pages[$s]}" -gt 1 ] && multi=$((multi + 1)); done
echo "# $slides slides, $walked screens, $multi slides longer than a screen"

# 2. L opens the picker; the arrows or Tab reach Arabic; Return shows the
# slide in Arabic. The same way back to English.
press A '^screen=slide slide=1 ' Right
step A l
expect_eq "L opens the language picker" picker "$(field screen)"
expect_eq "on the language shown" pick:en "$(field focus)"
if focus_to A Tab pick:ar; then pass "Tab reaches pick:ar"; else fail "Tab never reached pick:ar: [$LINE]"; fi
step A Return
case $LINE in
"screen=slide slide=1 "*" lang=ar "*) pass "Return shows slide 1 in Arabic" ;;
*) fail "Return on pick:ar: [$LINE]" ;;
esac
step A l
expect_eq "the picker opens on Arabic" pick:ar "$(field focus)"
if focus_to A Left pick:en; then pass "Left reaches pick:en"; else fail "Left never reached pick:en: [$LINE]"; fi
step A Return
case $LINE in
"screen=slide slide=1 "*" lang=en "*) pass "Return shows slide 1 in English again" ;;
*) fail "Return on pick:en: [$LINE]" ;;
esac

# 3. One switch: F1 starts scanning on the first control (the language
# button), the highlight steps through every control every 0.75 s, and F1
# when it is back on the language button opens the picker.
from=$(lines A)
t0=$(now_ms)
key A F1
expect_line "F1 starts scanning on the language button" A "$from" '^screen=slide .* focus=language .* scanning=1 '
expect_line "the highlight steps on to Next, the last control" A "$AT" ' focus=next .* scanning=1 '
secs=$((($(now_ms) - t0) / 100))
if [ "$secs" -ge 45 ]; then pass "stepping at --scan-seconds (${secs%?}.${secs: -1} s to Next)"; else
	fail "the highlight reached Next in ${secs%?}.${secs: -1} s, faster than 0.75 s a control"
fi
expect_line "and round to the language button again" A "$AT" ' focus=language .* scanning=1 '
from=$(lines A)
key A F1
expect_line "F1 on the language button opens the picker" A "$from" '^screen=picker '
press A '^screen=slide ' Escape
case $LINE in
"screen=slide "*" scanning=0 "*) pass "Escape closes the picker and ends scanning" ;;
*) fail "Escape in the scanning picker: [$LINE]" ;;
esac

# 7. A click (touch) on Next, where --dump-layout puts it on a 1920x1080
# screen, goes on (to slide 2).
"$KIOSK" "$DECK" --screenshot "$TMP/slide1.png" --dump-layout "$TMP/slide1.json" --slide 1 \
	--size 1920x1080
read -r nx ny < <("$XPY" -c '
import json, sys
for c in json.load(open(sys.argv[1]))["controls"]:
    if c["id"] == "next":
        x, y, w, h = c["px"]
        print(x + w // 2, y + h // 2)
' "$TMP/slide1.json")
geometry=$(DISPLAY=$A_dpy xdotool getwindowgeometry "$A_win" | tr -s ' \n' ' ')
case $geometry in
*"Position: 0,0 "*"Geometry: 1920x1080"*) pass "the window fills the 1920x1080 screen" ;;
*) fail "the window is not fullscreen: $geometry" ;;
esac
step A Home
expect_eq "Home shows slide 1" "slide 1:1" "$(field screen) $(field slide):$(field page)"
want=$(after 1:1)
from=$(lines A)
DISPLAY=$A_dpy xdotool mousemove --window "$A_win" "$nx" "$ny" click 1
expect_line "a click at Next ($nx,$ny) shows slide ${want%:*} page ${want#*:}" A "$from" \
	"^screen=slide slide=${want%:*} page=${want#*:} "

# The live window, as X shows it: the slide drawn, as the renderer draws it.
DISPLAY=$A_dpy xwd -root -silent | convert xwd:- "$TMP/live.png"
"$KIOSK" "$DECK" --screenshot "$TMP/offline.png" --slide "${want%:*}" --page "${want#*:}" \
	--size 1920x1080
read -r lw lh colours sd < <(convert "$TMP/live.png" -format '%w %h %k %[fx:standard_deviation]\n' info:)
expect_eq "a live screenshot of the whole screen" "1920 1080" "$lw $lh"
if [ "$colours" -gt 50 ] && awk "BEGIN { exit !($sd > 0.05) }"; then
	pass "the live screen is not blank ($colours colours, deviation $sd)"
else
	fail "the live screen looks blank: $colours colours, deviation $sd"
fi
differ=$(compare -metric AE -fuzz 3% "$TMP/live.png" "$TMP/offline.png" null: 2>&1) || true
if awk "BEGIN { exit !($differ < 1920 * 1080 / 50) }" 2>/dev/null; then
	pass "and it is that slide as --screenshot draws it ($differ pixels differ)"
else
	fail "the live screen is not that slide as --screenshot draws it ($differ pixels differ)"
fi

# 6. What ends or leaves a program elsewhere does nothing here: Alt+F4,
# Ctrl+Q, Ctrl+W, Escape fifty times, and a window manager's close request
# (WM_DELETE_WINDOW), which the kiosk notes as quit-refused.
from=$(lines A)
key A alt+F4 ctrl+q ctrl+w
DISPLAY=$A_dpy xdotool key --delay 5 $(printf 'Escape %.0s' {1..50})
if DISPLAY=$A_dpy "$XPY" "$SRC/tests/tools/wm_delete.py" "$A_win"; then
	pass "the window takes WM_DELETE_WINDOW, and one was sent"
else
	fail "could not send WM_DELETE_WINDOW to the window"
fi
expect_line "the close request is refused" A "$from" '^quit-refused$'
# A key after them all: the kiosk is still reading its input.
want=$(after "$want")
step A Right
expect_eq "still showing slides, and the next one" "slide $want" "$(field screen) $(field slide):$(field page)"
if alive A; then pass "still running"; else fail "the kiosk ended"; fi
if sed -n "$((from + 1)),\$p" "$TMP/A.trace" | grep -qE '^(screen=(pin|admin) |exit$)'; then
	fail "those keys reached the PIN or admin screen or exit:"
	sed -n "$((from + 1)),\$p" "$TMP/A.trace" | sed 's/^/    /'
else
	pass "and none of them reached the PIN or admin screen"
fi

# 5. The admin chord asks for the PIN; wrong ones are refused, and from the
# third in a row the PIN screen waits (pl_pin_backoff: 2 s, then 4, 8...)
# and refuses even the right PIN; after the wait the right PIN opens admin,
# where Exit ends the kiosk with status 0.
# pin_keys WHAT KEY...: types on the PIN screen, then = (larger text) or -
# (smaller) as the last key, whose line says that all before it was read:
# passes if no screen but the PIN screen was shown meanwhile.
pin_keys() {
	local what=$1 from
	shift
	from=$(lines A)
	key A "$@"
	wait_for A "$from" " scale=$([ "${*: -1}" = equal ] && echo 125 || echo 100) " || AT=$(lines A)
	if sed -n "$((from + 1)),${AT}p" "$TMP/A.trace" | grep '^screen=' | grep -qv '^screen=pin '; then
		fail "$what: it left the PIN screen:"
		sed -n "$((from + 1)),${AT}p" "$TMP/A.trace" | grep '^screen=' | sed 's/^/    /'
	else
		pass "$what"
	fi
}
from=$(lines A)
key A ctrl+alt+shift+p
expect_line "the admin chord asks for the PIN" A "$from" '^screen=pin '
pin_keys "a wrong PIN is refused" 1 3 5 7 Return equal
pin_keys "so are a second and a third" 9 9 9 9 Return 1 1 1 1 Return minus
pin_keys "and, in the wait after the third, the right PIN" 2 4 6 8 Return equal
sleep 2.5 # pl_pin_backoff(3) is 2 s, and the trace does not show the wait
from=$(lines A)
key A minus 2 4 6 8 Return
expect_line "after the wait, the right PIN opens admin" A "$from" '^screen=admin ' 5
if [[ $LINE != screen=admin* ]]; then
	# The digits typed in the wait are still there, and the right PIN was
	# added to them (a fourth wrong PIN: 4 s). Cleared, it gets in.
	echo "# (clearing the PIN with BackSpace after the wait, to go on)"
	sleep 4.5
	from=$(lines A)
	key A $(printf 'BackSpace %.0s' {1..16}) 2 4 6 8 Return
	wait_for A "$from" '^screen=admin ' 10 || true
fi
if focus_to A Tab admin:exit; then pass "Tab reaches Exit"; else fail "Tab never reached admin:exit: [$LINE]"; fi
key A Return
ended A 20 || true
expect_eq "Exit ends the kiosk with status 0" 0 "$RC"
expect_grep "and the trace ends with exit" '^exit$' "$TMP/A.trace"

# B's results.
wait "$idle" || true
cat "$TMP/idle.log"
failures=$((failures + $(grep -c '^FAIL' "$TMP/idle.log" || true)))
ended B 20 || true
expect_eq "B: SIGTERM exits with status 0" 0 "$RC"
echo "# $((($(now_ms) - start) / 1000)) s"
if [ "$failures" -ne 0 ] || [ -s "$TMP/sanitizer-reports" ]; then
	for name in A B; do
		echo "# kiosk $name's output (the last 60 lines):"
		tail -n 60 "$TMP/$name.log" | sed 's/^/    /'
	done
fi
finish
