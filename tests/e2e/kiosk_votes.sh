# Votes in the real kiosk: the fullscreen window on Xvfb, driven with real X
# input (xdotool, through XTEST), watched through --trace and checked in the
# store itself (sqlite3 and placard-print votes export).
#
# 1. Polls by every input method, each in its own visitor session (a session
#    ends with the idle reset; --time-scale makes that take seconds): the
#    keyboard (Right to the poll, Tab and Return), a click, two switches (F2
#    step, F3 select, slides included) and one switch with scanning (F1),
#    and once in Arabic. "Saving" shows while the commit runs and "thank
#    you" only after the `vote ... saved` line, which the kiosk writes when
#    the commit has returned. A second vote on the same poll in a session is
#    not taken; another poll's is; after the reset the same poll takes one
#    again. The store holds exactly these votes: poll, choice, language,
#    site, deck and version, one kiosk, seq 1..n.
# 2. Disk full: the kiosk (in Tagalog) under a file size limit (prlimit
#    --fsize) at the end of a store's WAL, where the next vote's pages go.
#    The vote is refused and the visitor told that voting is paused; the
#    slides go on; the admin screen opens; the votes already stored are all
#    there and integrity_check is ok while it runs. Then the limit is lifted
#    on the running kiosk (prlimit --pid, as when space is freed) and the
#    same visitor's vote is taken.
# 3. A crash loop: the kiosk started on the store again and again, voting by
#    clicks, killed with SIGKILL at a random moment: before, while or after
#    a commit. After each kill every vote the trace acknowledged is in the
#    store, at most the one vote in flight is there unacknowledged, and
#    integrity_check is ok. PLACARD_KIOSK_CRASH_CYCLES sets the number of
#    cycles (10; the long run is 100).
. "$(dirname "$0")/lib.bash"
DECK=$SRC/assets/decks/pusd-2023
SITE=jefferson-elementary
CAST=${PLACARD_CAST_VOTES:?set by ctest}
CYCLES=${PLACARD_KIOSK_CRASH_CYCLES:-10}

for tool in Xvfb xdotool sqlite3 prlimit python3; do
	command -v "$tool" >/dev/null || fail "$tool is not installed (.ci/packages)"
done
[ "$failures" -eq 0 ] || finish

. "$(dirname "$0")/xvfb.bash"
# Under AddressSanitizer everything takes longer: the idle time too.
idle=$((20 * SLOW))

# The deck's polls (slide numbers from 1, ids), its id and version.
mapfile -t polls < <(awk '/^  - id:/ { id = $3 } /^    kind:/ { n++; if ($2 == "poll") print n, id }' "$DECK/deck.yaml")
read -r P1 ID1 <<<"${polls[0]:-}"
read -r P2 ID2 <<<"${polls[1]:-}"
read -r P3 _ <<<"${polls[2]:-}"
deck_id=$(awk '/^id:/ { print $2 }' "$DECK/deck.yaml")
deck_version=$(awk '/^version:/ { print $2 }' "$DECK/deck.yaml")
if [ -z "$P3" ] || [ $((P2 - P1)) -ne 1 ] || [ $((P3 - P2)) -ne 1 ]; then
	fail "the sample deck should have three polls in a row: [${polls[*]}]"
	finish
fi

# keys NAME KEY...: presses the keys and waits until the kiosk has read them
# all and composed the screen after the last (LINE; empty if none came).
keys() {
	local name=$1 from deadline n
	shift
	from=$(lines "$name")
	DISPLAY=$X_dpy xdotool key --delay 20 "$@"
	deadline=$(($(now_ms) + 15000))
	while n=$(since "$name" "$from" | grep -c '^key ' || true) && [ "$n" -lt $# ]; do
		if [ "$(now_ms)" -gt "$deadline" ]; then
			LINE=""
			return 1
		fi
		sleep 0.02
	done
	AT=$((from + $(since "$name" "$from" | grep -n '^key ' | sed -n "$#p" | cut -d: -f1)))
	wait_for "$name" "$AT" '^screen=' || true
}

last_screen() { LINE=$(grep '^screen=' "$TMP/$1.trace" | tail -n 1); }

# goto_slide NAME N: Right until slide N shows (its first page). Right
# moves a page or a slide: the rest of this slide's pages and one press per
# slide to N never go past N.
goto_slide() {
	local i s
	for ((i = 0; i < 20; i++)); do
		last_screen "$1"
		s=0
		[[ $LINE == "screen=slide "* ]] && s=$(field slide)
		[ "$s" -eq "$2" ] && [ "$(field page)" = 1 ] && return 0
		[ "$s" -lt "$2" ] || return 1
		if [ "$s" -gt 0 ]; then
			s=$((s - $(field pages) + $(field page)))
		fi
		keys "$1" $(printf 'Right %.0s' $(seq $(($2 - s))))
	done
	return 1
}

# focus_to NAME KEY ID: presses KEY until the focus is on control ID.
focus_to() {
	local i
	last_screen "$1"
	for ((i = 0; i < 40; i++)); do
		[ "$(field focus)" = "$3" ] && return 0
		keys "$1" "$2"
		[ -n "$LINE" ] || return 1
	done
	return 1
}

# voted WHAT NAME FROM POLL CHOICE: the vote asked for after line FROM was
# saved: "saving" showed first, "thank you" only after the saved line.
voted() {
	local what=$1 name=$2 from=$3 at
	if ! wait_for "$name" "$from" '^vote ' 20; then
		fail "$what: no vote line; the trace ends:"
		tail -n 6 "$TMP/$name.trace" | sed 's/^/    /'
		return 1
	fi
	at=$AT
	expect_eq "$what: $4 $5 saved" "vote poll=$4 choice=$5 saved" "$LINE"
	if sed -n "$((from + 1)),$((at - 1))p" "$TMP/$name.trace" | grep -qE ' poll=thanks( |$)'; then
		fail "$what: \"thank you\" showed before the commit returned"
	elif sed -n "$((from + 1)),$((at - 1))p" "$TMP/$name.trace" | grep -qE '^screen=slide .* poll=saving( |$)'; then
		pass "$what: \"saving\" while the commit runs, no \"thank you\" before it returned"
	else
		fail "$what: no \"saving\" screen before the commit returned:"
		sed -n "$((from + 1)),${at}p" "$TMP/$name.trace" | grep -v '^frame' | sed 's/^/    /'
	fi
	expect_line "$what: \"thank you\" after it" "$name" "$at" '^screen=slide .* poll=thanks( |$)'
}

# no_vote WHAT NAME FROM: nothing was handed to the store after line FROM
# (waits a little: a vote takes a frame or two).
no_vote() {
	sleep 0.5
	if since "$2" "$3" | grep -E '^vote |poll=saving( |$)'; then
		fail "$1: a vote was handed to the store"
	else
		pass "$1"
	fi
}

# wait_reset NAME: the idle warning and the reset to the welcome screen,
# which ends the visitor's session.
wait_reset() {
	local r
	last_screen "$1"
	r=$(($(field resets) + 1))
	expect_line "the session ends with reset $r" "$1" "$(lines "$1")" "^screen=welcome .* visitor=0 .* resets=$r " 60
}

count() { # count STORE [WHERE]
	sqlite3 "$1" "SELECT COUNT(*) FROM votes${2:+ WHERE $2}"
}

integrity() { sqlite3 "$1" 'PRAGMA integrity_check'; }

# centre ID LAYOUT: the middle of control ID in a --dump-layout file.
centre() {
	python3 -c '
import json, sys
for c in json.load(open(sys.argv[2], encoding="utf-8"))["controls"]:
    if c["id"] == sys.argv[1]:
        x, y, w, h = c["px"]
        print(x + w // 2, y + h // 2)
' "$1" "$2"
}

click() { # click NAME X Y
	local win=${1}_win
	DISPLAY=$X_dpy xdotool mousemove --window "${!win}" "$2" "$3" click 1
}

# ended NAME SECONDS: waits for NAME's kiosk to end; RC is its status.
stop_kiosk() { # stop_kiosk NAME: SIGTERM, and a clean exit
	local pid=${1}_pid k
	if k=$(child_of "${!pid}"); then kill -TERM "$k"; else kill -TERM "${!pid}"; fi
	ended "$1" 30 || true
	expect_eq "$1: SIGTERM ends the kiosk with status 0" 0 "$RC"
}

start=$(now_ms)
start_x X
# Where the choices are on each poll's screen (the question's length moves
# them), for clicks.
for p in "$P1" "$P2" "$P3"; do
	"$KIOSK" "$DECK" --dump-layout "$TMP/poll$p.json" --slide "$p" --size 1920x1080
done

# ---------------------------------------------------------------------
# 1. Every input method, a session each.
A=$TMP/A.db
start_kiosk A -- --store "$A" --site "$SITE" --slide-seconds 600 --idle-seconds "$idle" \
	--warning-seconds 20 --scan-seconds 3 --scan-first-hold 0 --scan-loops 2 --time-scale 10

# Session 1: the keyboard. Right to the poll, Tab to a choice, Return.
if goto_slide A "$P1"; then pass "keyboard: Right reaches the poll on slide $P1"; else
	fail "keyboard: Right did not reach slide $P1: [$LINE]"
fi
expect_eq "no notice under the poll before a vote" none "$(field poll)"
focus_to A Tab vote:agree || fail "Tab never reached vote:agree: [$LINE]"
pages_before=$(field pages)
from=$(lines A)
keys A Return
voted "keyboard (Tab, Return)" A "$from" "$ID1" agree
expect_eq "\"thank you\" is on the page with the choices" "$pages_before" "$(field pages)"
expect_eq "one vote in the store" 1 "$(count "$A")"
# The same poll again in this session: not taken.
focus_to A Tab vote:disagree || fail "Tab never reached vote:disagree: [$LINE]"
from=$(lines A)
keys A Return
no_vote "a second vote on the same poll in the session is not taken" A "$from"
expect_eq "and \"thank you\" stays" thanks "$(field poll)"
expect_eq "still one vote in the store" 1 "$(count "$A")"
# Another poll in the same session is.
goto_slide A "$P2" || fail "Right did not reach slide $P2: [$LINE]"
expect_eq "the next poll has no notice" none "$(field poll)"
focus_to A Tab vote:strongly-agree || fail "Tab never reached vote:strongly-agree: [$LINE]"
from=$(lines A)
keys A Return
voted "the next poll in the same session" A "$from" "$ID2" strongly-agree
expect_eq "two votes in the store" 2 "$(count "$A")"
wait_reset A

# Session 2: a click (touch) on a choice, where --dump-layout puts it.
goto_slide A "$P1" || fail "Right did not reach slide $P1: [$LINE]"
expect_eq "after the reset the poll is open again" none "$(field poll)"
read -r x y < <(centre vote:neutral "$TMP/poll$P1.json")
from=$(lines A)
click A "$x" "$y"
voted "a click on Neither agree nor disagree ($x,$y)" A "$from" "$ID1" neutral
expect_eq "a new session's vote on the same poll is recorded" 3 "$(count "$A")"
read -r x y < <(centre vote:agree "$TMP/poll$P1.json")
from=$(lines A)
click A "$x" "$y"
no_vote "a second click on the same poll in the session is not taken" A "$from"
wait_reset A

# Session 3: two switches, F2 steps and F3 selects, slides included.
keys A F2
if focus_to A F2 next; then pass "two switches: F2 steps to Next"; else fail "F2 never reached Next: [$LINE]"; fi
for ((i = 0; i < 60; i++)); do
	[[ $LINE == "screen=slide slide=$P1 page=1 "* ]] && break
	keys A F3
done
if [[ $LINE == "screen=slide slide=$P1 page=1 "* ]]; then pass "two switches: F3 on Next reaches the poll"; else
	fail "F3 on Next did not reach slide $P1: [$LINE]"
fi
focus_to A F2 vote:disagree || fail "F2 never reached vote:disagree: [$LINE]"
from=$(lines A)
keys A F3
voted "two switches (F2, F3)" A "$from" "$ID1" disagree
wait_reset A

# Session 4: one switch. F1 starts scanning, the highlight steps through
# the controls by itself, F1 selects the highlighted one (the choice is
# whatever the trace showed highlighted when F1 was read).
goto_slide A "$P1" || fail "Right did not reach slide $P1: [$LINE]"
from=$(lines A)
DISPLAY=$X_dpy xdotool key F1
expect_line "one switch: F1 starts scanning" A "$from" ' scanning=1 '
scan_choice=""
for ((try = 0; try < 3; try++)); do
	[ -z "$scan_choice" ] || break
	wait_for A "$(lines A)" ' focus=vote:strongly-agree .*scanning=1 ' 30 || break
	from=$(lines A)
	DISPLAY=$X_dpy xdotool key F1
	wait_for A "$from" '^key .*sym=F1$' 10 || break
	keyat=$AT
	lit=$(head -n "$keyat" "$TMP/A.trace" | grep '^screen=' | tail -n 1)
	LINE=$lit
	lit=$(field focus)
	if [[ $lit == vote:* ]] && wait_for A "$keyat" '^vote ' 10; then
		scan_choice=${lit#vote:}
		voted "one switch (F1 scanning, F1 on $lit)" A "$from" "$ID1" "$scan_choice"
	fi
done
[ -n "$scan_choice" ] || fail "one switch: no vote from scanning"
keys A Home # any other key ends scanning
wait_reset A

# Session 5: in Arabic, by keyboard.
keys A l
focus_to A Tab pick:ar || fail "Tab never reached pick:ar: [$LINE]"
keys A Return
goto_slide A "$P1" || fail "Right did not reach slide $P1 in Arabic: [$LINE]"
expect_eq "the poll in Arabic" ar "$(field lang)"
focus_to A Tab vote:agree || fail "Tab never reached vote:agree: [$LINE]"
from=$(lines A)
keys A Return
voted "in Arabic" A "$from" "$ID1" agree
stop_kiosk A

# The store holds exactly those votes.
"$PRINT" votes export "$A" --csv "$TMP/A.csv"
got=$(python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
for r in rows:
    print(r["seq"], r["deck"], r["deck_version"], r["poll"], r["choice"], r["lang"], r["site"])
print(len({r["id"] for r in rows}), "ids", len({r["kiosk"] for r in rows}), "kiosk")
' "$TMP/A.csv")
want="1 $deck_id $deck_version $ID1 agree en $SITE
2 $deck_id $deck_version $ID2 strongly-agree en $SITE
3 $deck_id $deck_version $ID1 neutral en $SITE
4 $deck_id $deck_version $ID1 disagree en $SITE
5 $deck_id $deck_version $ID1 ${scan_choice:-?} en $SITE
6 $deck_id $deck_version $ID1 agree ar $SITE
6 ids 1 kiosk"
expect_eq "the store holds each vote: seq, deck, version, poll, choice, language, site" "$want" "$got"
expect_eq "integrity_check" ok "$(integrity "$A")"
echo "# input methods: $((($(now_ms) - start) / 1000)) s"

# ---------------------------------------------------------------------
# 2. Disk full. A store whose WAL holds 100 votes, left as a killed kiosk
# leaves it (cast-votes killed with SIGKILL: no checkpoint); the kiosk may
# not write past the WAL's size, where its next vote's pages would go.
F=$TMP/F.db
mkfifo "$TMP/feed"
"$CAST" "$F" <"$TMP/feed" >/dev/null 2>&1 &
cast=$!
exec 5>"$TMP/feed"
printf '%s\t%s\t%s\tagree\ten\tprefill\t100\n' "$deck_id" "$deck_version" "$ID1" >&5
deadline=$(($(now_ms) + 30000))
until [ "$(count "$F" 2>/dev/null)" = 100 ] || [ "$(now_ms)" -gt "$deadline" ]; do sleep 0.1; done
expect_eq "100 votes stored before the disk fills" 100 "$(count "$F")"
# (No sqlite3 from here until the kiosk has the store open: the last
# connection to close checkpoints the WAL and removes it.)
{
	kill -KILL "$cast"
	wait "$cast"
} 2>/dev/null || true
exec 5>&-
wal=$(stat -c %s "$F-wal" 2>/dev/null || echo 0)
if [ "$wal" -gt 65536 ]; then pass "left with a WAL of $wal bytes"; else fail "the WAL is $wal bytes"; fi
# The soft limit only: lifting it later needs no privilege (and raising a
# hard limit is not allowed everywhere, root or not).
# In Tagalog, whose longer words show where the notice goes (below).
start_kiosk F prlimit --fsize="$wal:unlimited" -- --store "$F" --site "$SITE" \
	--slide-seconds 600 --idle-seconds 600 --lang tl
goto_slide F "$P1" || fail "Right did not reach slide $P1: [$LINE]"
focus_to F Tab vote:agree || fail "Tab never reached vote:agree: [$LINE]"
pages_before=$(field pages)
from=$(lines F)
keys F Return
expect_line "disk full: the vote is refused" F "$from" "^vote poll=$ID1 choice=agree refused$" 20
expect_line "and the visitor is told voting is paused" F "$AT" '^screen=slide .* poll=paused( |$)'
# The notice is the slide's last piece: where it does not fit under the
# choices (Tagalog at 100 %), it goes on a screen of its own, and the kiosk
# shows that screen rather than leave it unseen.
expect_eq "the visitor sees the notice (the slide's last screen, $pages_before before the vote)" \
	"$(field pages)" "$(field page)"
if since F "$from" | grep -qE 'poll=thanks( |$)'; then fail "disk full: \"thank you\" showed"; else
	pass "disk full: no \"thank you\""
fi
expect_grep "the kiosk says why" 'vote not saved: the vote was not stored' "$TMP/F.log"
expect_eq "disk full: the 100 votes are all there" 100 "$(count "$F")"
expect_eq "disk full: integrity_check" ok "$(integrity "$F")"
here="$(field slide):$(field page)"
keys F Right
there="$(field slide):$(field page)"
if [ "$(field screen)" = slide ] && [ "$there" != "$here" ]; then
	pass "disk full: the slides go on (Right: $here to $there)"
else
	fail "disk full: Right did not move on from $here: [$LINE]"
fi
from=$(lines F)
DISPLAY=$X_dpy xdotool key ctrl+alt+shift+p
expect_line "disk full: the admin chord opens admin (no PIN set)" F "$from" '^screen=admin '
keys F Escape
expect_eq "and Escape goes back to the slide" "slide $there" "$(field screen) $(field slide):$(field page)"
# Space comes back: the running kiosk's limit is lifted.
if kiosk=$(child_of "$F_pid") && prlimit --pid "$kiosk" --fsize=unlimited:unlimited; then
	pass "the file size limit lifted on the running kiosk"
else
	fail "could not lift the file size limit of the kiosk"
fi
for ((i = 0; i < 5; i++)); do
	[ "$(field slide):$(field page)" = "$P1:1" ] && break
	keys F Left
done
expect_eq "back on the poll" "$P1:1" "$(field slide):$(field page)"
if [ "$(field poll)" = thanks ]; then fail "the refused vote shows \"thank you\""; fi
focus_to F Tab vote:agree || fail "Tab never reached vote:agree: [$LINE]"
from=$(lines F)
keys F Return
voted "voting resumes when space returns" F "$from" "$ID1" agree
expect_eq "101 votes" 101 "$(count "$F")"
stop_kiosk F
expect_eq "after the kiosk ends: 101 votes" 101 "$(count "$F")"
expect_eq "and integrity_check" ok "$(integrity "$F")"
echo "# disk full: $((($(now_ms) - start) / 1000)) s"

# ---------------------------------------------------------------------
# 3. The crash loop. Each cycle starts the kiosk on the store C (the real
# binary, not the wrapper: SIGKILL goes to the kiosk itself), a new visitor
# walks to the three polls and votes on each with a click, and the kiosk is
# killed: after a random one of the clicks with a random delay of 0-29 ms,
# or in one cycle of five at a random moment from start. The trace is
# written and flushed line by line; a `saved` line is written after the
# commit returned. (A kill "before" below: the click was read but "saving"
# not yet shown; the vote may already be with the store.)
C=$TMP/C.db
acked_total=0 stored_total=0 unacked=0 lost=0 phantom=0 bad=0
declare -A kills=([before]=0 [while]=0 [after]=0)
cycle_votes() { # a vote on each of the three polls, by clicks
	local p from x y
	for p in "$P1" "$P2" "$P3"; do
		goto_slide C "$p" || return
		read -r x y < <(centre vote:agree "$TMP/poll$p.json")
		from=$(lines C)
		click C "$x" "$y"
		wait_for C "$from" '^vote ' 10 || return
	done
}
for ((c = 1; c <= CYCLES; c++)); do
	rm -f "$TMP/C.trace"
	DISPLAY=$X_dpy "$PLACARD_KIOSK" "$DECK" --trace "$TMP/C.trace" --store "$C" --site "$SITE" \
		--slide-seconds 600 --idle-seconds 600 \
		>"$TMP/C.log" 2>&1 &
	C_pid=$!
	also_kill=("$C_pid") # killed on exit if the test ends here
	# (Its own window: the last cycle's may not be gone from the X server.)
	if ! wait_for C 0 '^screen=' 60 ||
		! C_win=$(DISPLAY=$X_dpy timeout 30 xdotool search --sync --limit 1 --pid "$C_pid" \
			--name '^Placard$') || [ -z "$C_win" ]; then
		fail "cycle $c: the kiosk did not start (running: $(kill -0 "$C_pid" 2>&1 && echo yes)):"
		sed 's/^/    /' "$TMP/C.log"
		grep -v '^frame ' "$TMP/C.trace" 2>/dev/null | tail -n 5 | sed 's/^/    /'
		break
	fi
	if [ $((RANDOM % 5)) -eq 0 ]; then
		cycle_votes >/dev/null 2>&1 &
		voter=$!
		sleep "$((RANDOM % 3)).$((RANDOM % 10))"
	else
		target=$((RANDOM % 3 + 1))
		cycle_votes >/dev/null 2>&1 &
		voter=$!
		# Until the target vote's click has been read.
		deadline=$(($(now_ms) + 60000))
		while [ "$(grep -c '^touch ' "$TMP/C.trace")" -lt "$target" ] &&
			[ "$(now_ms)" -lt "$deadline" ] && kill -0 "$voter" 2>/dev/null; do
			sleep 0.005
		done
		sleep "0.0$((RANDOM % 3))$((RANDOM % 10))"
	fi
	kill -KILL "$C_pid" 2>/dev/null || true
	rc=0
	wait "$C_pid" 2>/dev/null || rc=$?
	also_kill=()
	kill "$voter" 2>/dev/null || true
	wait "$voter" 2>/dev/null || true
	if [ "$rc" -ne 137 ]; then
		fail "cycle $c: the kiosk ended by itself (status $rc) before the kill:"
		tail -n 20 "$TMP/C.log" | sed 's/^/    /'
		break
	fi
	# What the kiosk acknowledged, and whether a vote was in flight: every
	# vote here starts with a click (its touch line is written before the
	# vote goes to the store), shows "saving" and ends with its vote line.
	acked=$(grep -c ' saved$' "$TMP/C.trace" || true)
	last=$(grep -E '^touch |^vote |poll=saving( |$)' "$TMP/C.trace" | tail -n 1 || true)
	case $last in
	touch*) when=before ;;
	*poll=saving | *poll=saving\ *) when=while ;;
	*) when=after ;;
	esac
	kills[$when]=$((kills[$when] + 1))
	check=$(integrity "$C" 2>&1)
	stored=$(count "$C" 2>&1)
	acked_total=$((acked_total + acked))
	if [ "$check" != ok ]; then
		bad=$((bad + 1))
		fail "cycle $c: integrity_check: $check"
	fi
	new=$((stored - stored_total))
	if [ "$new" -lt "$acked" ]; then
		lost=$((lost + acked - new))
		fail "cycle $c: $acked votes acknowledged, $new stored"
	elif [ "$new" -gt "$acked" ]; then
		# The vote in flight may have committed before its `saved` line.
		if [ "$new" -eq $((acked + 1)) ] && [ "$when" != after ]; then
			unacked=$((unacked + 1))
		else
			phantom=$((phantom + new - acked))
			fail "cycle $c: $new votes stored, $acked acknowledged (killed $when a commit)"
		fi
	fi
	stored_total=$stored
done
# Per poll: every acknowledged vote is there.
short=$(sqlite3 "$C" "SELECT poll || ' ' || COUNT(*) FROM votes GROUP BY poll ORDER BY poll")
echo "# crash loop: $((c - 1)) cycles; kills before a vote ${kills[before]}, while one was in flight ${kills[while]}, after an acknowledged one ${kills[after]}"
echo "# $acked_total votes acknowledged, $stored_total stored ($unacked committed but not yet acknowledged when killed); per poll: ${short//$'\n'/, }"
expect_eq "crash loop: no acknowledged vote lost" 0 "$lost"
expect_eq "crash loop: no vote stored that was not cast" 0 "$phantom"
expect_eq "crash loop: integrity_check ok after every kill" 0 "$bad"
if [ "$acked_total" -gt 0 ]; then pass "crash loop: $acked_total votes acknowledged"; else
	fail "crash loop: no vote was acknowledged in $((c - 1)) cycles"
fi
echo "# $((($(now_ms) - start) / 1000)) s"
if [ -n "${PLACARD_KEEP:-}" ]; then cp -r "$TMP" "$PLACARD_KEEP"; fi
if [ "$failures" -ne 0 ] || [ -s "$TMP/sanitizer-reports" ]; then
	for name in A F C; do
		[ -f "$TMP/$name.trace" ] || continue
		echo "# kiosk $name: the trace's last 30 lines (frames left out), and its output:"
		grep -v '^frame ' "$TMP/$name.trace" | tail -n 30 | sed 's/^/    /'
		tail -n 30 "$TMP/$name.log" | sed 's/^/    /'
	done
fi
finish
