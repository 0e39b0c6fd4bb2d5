# Reading aloud (BRIEF sections 2 and 4, issue 8), through the kiosk's own
# speech path: --speak-to writes what the kiosk would say on a screen to a
# WAV file (the same phrases, queue, speech thread and espeak-ng synthesis as
# the running kiosk, without a sound card) and prints the voice espeak-ng
# reports for each phrase.
# - Every language with a voice: the sound is not silence (sox's RMS), is
#   as long as the text can plausibly take, and is in the language's voice;
#   Cantonese and Western Armenian when the kiosk asks for them.
# - Tagalog has no voice in espeak-ng 1.51: the screen says so in Tagalog
#   and in English, and only the English sentence is read.
# - A string shown in English for want of a translation is read in English.
# - The spoken order is the visual reading order of --dump-layout, mirrored
#   in Arabic: columns from the start side, top to bottom in each.
# - The running kiosk (Xvfb, SDL's dummy audio driver): S starts reading,
#   a key interrupts it with the next screen, the volume and rate keys
#   change the visitor's settings, and the idle reset puts them back.
. "$(dirname "$0")/lib.bash"
DECK=$SRC/assets/decks/pusd-2023
command -v sox >/dev/null || fail "sox is not installed (.ci/packages)"
[ "$failures" -eq 0 ] || finish

declare -A voice=([en]=en-us [es]=es [zh-Hans]=cmn [zh-Hant]=cmn [vi]=vi [ar]=ar [fa]=fa
	[hy]=hy [ko]=ko)

# field NAME LINE: the value of NAME=VALUE in a line of --speak-to's output.
field() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$2"; }
# stat FILE: sox's length in seconds, RMS and maximum amplitude.
stat() {
	sox "$1" -n stat 2>&1 | awk -F: '
		/^Length/ { len = $2 } /^RMS +amplitude/ { rms = $2 } /^Maximum amplitude/ { max = $2 }
		END { printf "%.2f %.4f %.4f\n", len, rms, max }'
}
# wrong_voices FILE LANG VOICE: phrases in LANG not read with VOICE.
wrong_voices() {
	awk -v lang="$2" -v want="$3" '/^phrase=/ {
		l = ""; v = ""
		for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "lang") l = kv[2]; if (kv[1] == "voice") v = kv[2] }
		if (l == lang && v != want) print
	}' "$1"
}

# 1. Slide 2 of PUSD 2023 in every language that has a voice.
echo "# measured with sox (slide 2, pusd-2023): language voice seconds characters s/char RMS max"
for L in en es zh-Hans zh-Hant vi ar fa hy ko; do
	if ! "$KIOSK" --speak-to "$TMP/$L.wav" --slide 2 --lang "$L" "$DECK" >"$TMP/$L.out" 2>"$TMP/$L.err"; then
		fail "$L: --speak-to failed: $(cat "$TMP/$L.err")"
		continue
	fi
	summary=$(tail -n 1 "$TMP/$L.out")
	expect_eq "$L: read in its own voice (${voice[$L]})" "${voice[$L]}" "$(field voice "$summary")"
	expect_eq "$L: every phrase in $L read with ${voice[$L]}, as espeak-ng reports" "" \
		"$(wrong_voices "$TMP/$L.out" "$L" "${voice[$L]}")"
	read -r len rms max <<<"$(stat "$TMP/$L.wav")"
	chars=$(field chars "$summary")
	per=$(awk -v l="$len" -v c="$chars" 'BEGIN { printf "%.3f", c ? l / c : 0 }')
	echo "#   $L ${voice[$L]} $len s $chars chars $per s/char RMS $rms max $max"
	if awk -v r="$rms" 'BEGIN { exit !(r > 0.01) }'; then pass "$L: not silence (RMS $rms)"; else
		fail "$L: the WAV is silent (RMS $rms)"
	fi
	if awk -v p="$per" 'BEGIN { exit !(p >= 0.02 && p <= 0.3) }'; then
		pass "$L: $len s for $chars characters is plausible ($per s a character)"
	else
		fail "$L: $len s for $chars characters ($per s a character, not 0.02 to 0.3)"
	fi
	expect_eq "$L: the WAV is as long as the phrases said" "$len" "$(field seconds "$summary")"
done

# 2. The kiosk's own choices for Chinese and Armenian.
"$KIOSK" --speak-to "$TMP/yue.wav" --slide 2 --lang zh-Hant --voice-zh=yue "$DECK" >"$TMP/yue.out"
expect_eq "voice-zh = yue: Cantonese" yue "$(field voice "$(tail -n 1 "$TMP/yue.out")")"
expect_eq "voice-zh = yue: every phrase" "" "$(wrong_voices "$TMP/yue.out" zh-Hant yue)"
"$KIOSK" --speak-to "$TMP/hyw.wav" --slide 2 --lang hy --voice-hy=hyw "$DECK" >"$TMP/hyw.out"
expect_eq "voice-hy = hyw: Western Armenian" hyw "$(field voice "$(tail -n 1 "$TMP/hyw.out")")"
read -r len rms _ <<<"$(stat "$TMP/yue.wav")"
echo "#   zh-Hant yue $len s RMS $rms"
read -r len rms _ <<<"$(stat "$TMP/hyw.wav")"
echo "#   hy hyw $len s RMS $rms"

# 3. Tagalog: no voice, said in Tagalog and in English; only English read.
"$KIOSK" --speak-to "$TMP/tl.wav" --slide 2 --lang tl "$DECK" >"$TMP/tl.out" 2>"$TMP/tl.err"
summary=$(tail -n 1 "$TMP/tl.out")
expect_eq "tl: no voice" none "$(field voice "$summary")"
expect_grep "tl: the screen says so in Tagalog" '^no-voice lang=tl text=Hindi pa kayang basahin nang malakas ang Tagalog\.$' "$TMP/tl.out"
expect_grep "tl: and in English" '^no-voice lang=tl text=Reading aloud is not available in Tagalog\.$' "$TMP/tl.out"
expect_eq "tl: only the English sentence is read, in English" \
	"phrase=1 id=speech-no-voice-en lang=en voice=en-us" \
	"$(grep '^phrase=' "$TMP/tl.out" | cut -d' ' -f1-4)"
read -r len rms _ <<<"$(stat "$TMP/tl.wav")"
echo "#   tl (none: the English notice) $len s RMS $rms"
if awk -v r="$rms" -v l="$len" 'BEGIN { exit !(r > 0.01 && l > 1 && l < 6) }'; then
	pass "tl: the notice is heard ($len s)"
else fail "tl: the notice: $len s, RMS $rms"; fi

# 4. A string without a translation is read in the source language.
cp -r "$DECK" "$TMP/nocat"
rm -f "$TMP/nocat/po/vi.po"
"$KIOSK" --speak-to "$TMP/fallback.wav" --slide 2 --lang vi "$TMP/nocat" >"$TMP/fallback.out" 2>/dev/null
expect_grep "a fallback is read in English" '^phrase=1 id=why/heading lang=en voice=en-us ' "$TMP/fallback.out"
expect_grep "and its mark in Vietnamese" '^phrase=[0-9]+ id=mark lang=vi voice=vi ' "$TMP/fallback.out"

# 5. Spoken order = visual reading order, for every slide in English and
# Arabic (mirrored). Reading order from --dump-layout: the texts that are
# read (not a control's label, not in a bar, not a marker, something to
# say), in columns (texts whose boxes overlap across), the start side's
# column first, each top to bottom.
cat >"$TMP/order.py" <<'PY'
import json, sys
layout = json.load(open(sys.argv[1]))
spoken = []
for line in open(sys.argv[2]):
    if line.startswith("phrase="):
        kv = dict(p.split("=", 1) for p in line.split() if "=" in p)
        if kv["id"] not in ("focus", "focus-state"):
            spoken.append(kv["id"])
bars = [r["px"] for r in layout["rects"] if r["what"] in ("top-bar", "bottom-bar")]
runs = {}
for r in layout["runs"]:
    runs.setdefault(r["paragraph"], []).append(r)
shown = []
for i, p in enumerate(layout["paragraphs"]):
    rs = runs.get(i, [])
    text = "".join(r["text"] for r in rs)
    top = p["box"][1]
    if any(r["control"] >= 0 for r in rs) or p["id"] in ("marker", "pin-dots"):
        continue
    if any(b[1] <= top < b[1] + b[3] for b in bars) or not any(c.isalnum() for c in text):
        continue
    x, y, w, h = p["px"]
    shown.append({"id": p["id"], "x": x, "right": x + w, "y": y})
# Columns: boxes overlapping across, joined.
cols = []
for s in shown:
    hits = [c for c in cols if any(s["x"] < o["right"] and o["x"] < s["right"] for o in c)]
    merged = [s] + [o for c in hits for o in c]
    cols = [c for c in cols if c not in hits] + [merged]
rtl = layout["rtl"]
cols.sort(key=lambda c: -max(o["right"] for o in c) if rtl else min(o["x"] for o in c))
order = []
for c in cols:
    c.sort(key=lambda o: (o["y"], -o["right"] if rtl else o["x"]))
    order += [o["id"] for o in c]
if order != spoken:
    print("seen:   " + " ".join(order))
    print("spoken: " + " ".join(spoken))
    sys.exit(1)
print(len(order))
PY
slides=$("$KIOSK" --dump-text --slide 1 --lang en "$DECK" | sed -n 's/^position\t.*\t.* \([0-9]*\)$/\1/p')
[ -n "$slides" ] || slides=18
for L in en ar; do
	bad="" read_=0
	for s in $(seq 1 "$slides"); do
		"$KIOSK" --dump-layout "$TMP/o.json" --slide "$s" --lang "$L" "$DECK" 2>/dev/null
		"$KIOSK" --speak-to "$TMP/o.wav" --slide "$s" --lang "$L" "$DECK" >"$TMP/o.out" 2>/dev/null
		if n=$(python3 "$TMP/order.py" "$TMP/o.json" "$TMP/o.out" 2>&1); then
			read_=$((read_ + n))
		else
			bad="$bad
  slide $s: $n"
		fi
	done
	expect_eq "$L: spoken in the visual reading order on all $slides slides ($read_ texts)" "" "$bad"
done
grep -q '"rtl": true' "$TMP/o.json" && pass "ar: the screens checked are right to left" ||
	fail "ar: the layout is not right to left"

# 6. The running kiosk.
if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null; then
	echo "# no Xvfb or xdotool: the running kiosk is not checked"
	finish
	exit 0
fi
x_sanitizer_options # no GLX under ASan, and its suppressions (lib.bash)
now_ms() { echo $((${EPOCHREALTIME/[.,]/} / 1000)); }
lines() { if [ -f "$TRACE" ]; then wc -l <"$TRACE"; else echo 0; fi; }
Xvfb -displayfd 3 -screen 0 1280x720x24 -nolisten tcp "${xvfb_options[@]}" 3>"$TMP/fd" >"$TMP/xvfb.log" 2>&1 &
xvfb=$!
trap 'kill $kiosk $xvfb 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"' EXIT
deadline=$(($(now_ms) + 20000))
until [ -s "$TMP/fd" ] || [ "$(now_ms)" -gt "$deadline" ]; do sleep 0.05; done
export DISPLAY=":$(head -n 1 "$TMP/fd")"
TRACE=$TMP/trace
# The program itself, not lib.bash's wrapper, so that SIGTERM reaches it (a
# sanitizer report still fails the exit status: ASAN_OPTIONS exitcode=86).
SDL_AUDIODRIVER=dummy "$PLACARD_KIOSK" "$DECK" --trace "$TRACE" --windowed --size 1280x720 --lang en \
	--idle-seconds=10 --warning-seconds=20 --time-scale 10 --store "$TMP/votes.db" >"$TMP/kiosk.log" 2>&1 &
kiosk=$!
# wait_for FROM REGEX [SECONDS]: a trace line after line FROM matching REGEX;
# sets LINE and AT.
wait_for() {
	local deadline=$(($(now_ms) + ${3:-15} * 1000)) n hit
	while :; do
		n=$(lines)
		if [ "$n" -gt "$1" ] && hit=$(sed -n "$(($1 + 1)),${n}p" "$TRACE" | grep -n -m 1 -E -- "$2"); then
			AT=$(($1 + ${hit%%:*}))
			LINE=${hit#*:}
			return 0
		fi
		[ "$(now_ms)" -gt "$deadline" ] && { LINE=""; return 1; }
		sleep 0.05
	done
}
expect_line() { # WHAT FROM REGEX [SECONDS]
	if wait_for "$2" "$3" "${4:-15}"; then pass "$1"; else
		fail "$1: no trace line matches /$3/; the trace:"
		tail -n 20 "$TRACE" | sed 's/^/    /'
	fi
}
key() { xdotool key --delay 20 "$@"; }
expect_line "the kiosk runs, its speech engine open" 0 '^speech engine=espeak-ng$' 30
wait_for 0 '^screen=' 30
key s
expect_line "S turns reading aloud on, at the kiosk's volume and rate" 0 \
	'^speech on volume=7 rate=4 engine-volume=7 engine-rate=150$'
expect_line "and the screen is read" "$AT" '^speech say gen=[0-9]+ reason=screen phrases=[1-9]'
expect_line "by espeak-ng in English" "$AT" '^speech phrase gen=[0-9]+ index=0 voice=en-us '
sleep 0.5
from=$(lines)
key Right
expect_line "Right: a new screen interrupts the reading" "$from" '^speech say gen=[0-9]+ reason=screen '
gen=$(field gen "$LINE")
if wait_for "$from" "^speech phrase gen=$gen index=0 "; then
	t1=$(field t "$LINE")
	wait_for "$from" '^key t=' && t0=$(field t "$LINE")
	ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", (b - a) * 1000 }')
	echo "# key to the next screen's first phrase: $ms ms (compose included)"
	pass "the next screen's reading starts ($ms ms after the key)"
else
	fail "the next screen was not read"
fi
from=$(lines)
key F8 F9
expect_line "F8: one step louder" "$from" '^speech command=speech-louder volume=8 rate=4$'
expect_line "F9: one step slower" "$from" '^speech command=speech-slower volume=8 rate=3$'
# Skip to the end of the reading, then leave the kiosk alone: the warning,
# the reset, and the next visitor's reading at the kiosk's volume and rate.
key period period period period period period
from=$(lines)
expect_line "left alone after the reading, the kiosk resets" "$from" ' resets=1 ' 60
expect_line "and reading aloud goes off at the kiosk's volume and rate" "$from" \
	'^speech off volume=7 rate=4 engine-volume=7 engine-rate=150$' 10
from=$(lines)
key s
expect_line "the next visitor's S reads at the kiosk's volume and rate again" "$from" \
	'^speech on volume=7 rate=4 engine-volume=7 engine-rate=150$'
kill -TERM "$kiosk"
wait "$kiosk" && pass "SIGTERM: a clean exit" || fail "SIGTERM: exit status $?"
grep -v 'no reading aloud' "$TMP/kiosk.log" | grep -i "error\|sanitizer" && fail "the kiosk's log has errors"
finish
