# Hostile content (issue 10): inputs made here, in $TMP, at test time: a deck
# of 100,000 slides, a paragraph of a megabyte (in words, and without a
# single space), a list 10,000 levels deep, a catalogue of 100,000 entries,
# a survey URL of 10 KB, 10,000 combining marks on one letter, bidi controls
# and invisible format characters, control characters escaped in the deck and
# in a translation, U+FFFF, a deck that is not UTF-8, and the bundled fonts
# missing or truncated (PLACARD_DATA_DIR on a copy of the data).
#
# Each goes through `placard-print check`, `placard-print handout` and
# `placard-kiosk --screenshot`, and each must load, degrade, or be refused
# with a `file:line:col: error:` line; never crash (exit status 2 at most,
# no sanitizer report: lib.bash's wrappers), never hang (a timeout per run;
# the plain build takes a few seconds for the largest). When the kiosk
# renders, the screen has ink (PIL) and no text the fonts cannot show: no
# run drawn with no face (replacement boxes) and none holding a control
# character (--dump-layout).
. "$(dirname "$0")/lib.bash"
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3 # Debian's, with python3-pil
# Generous: the sanitizer build is many times slower than the plain one.
LIMIT=${PLACARD_HOSTILE_TIMEOUT:-120}

"$PY" - "$TMP" <<'PY'
import os, random, sys
out = sys.argv[1]
def deck(name, slides, extra=""):
    d = os.path.join(out, name)
    os.makedirs(os.path.join(d, "po"), exist_ok=True)
    with open(os.path.join(d, "deck.yaml"), "w", encoding="utf-8") as f:
        f.write("placard: 1\nid: %s\ntitle: Hostile\ndistrict: Test District\n"
                "source_language: en\nlanguages: [en, es, ar]\nversion: '1'\n"
                "date: 2024-01-01\n%sslides:\n" % (name, extra))
        f.write(slides)
    return d

deck("slides", "".join("  - {id: s%d, kind: statement, heading: Slide %d, text: Text %d}\n"
                       % (i, i, i) for i in range(100000)))

words = ["school", "community", "learning", "students", "équité", "families", "future"]
rnd = random.Random(10)
text, n = [], 0
while n < 1 << 20:
    w = rnd.choice(words)
    text.append(w)
    n += len(w) + 1
deck("paragraph", "  - id: long\n    kind: statement\n    heading: A long paragraph\n"
     "    text: %s\n" % " ".join(text))
deck("unbroken", "  - id: long\n    kind: statement\n    heading: No spaces\n"
     "    text: %s\n" % ("a" * (1 << 20)))

# Flow style: in block style 10,000 levels would be 100 MB of indentation.
depth = 10000
deck("deep", "  - id: deep\n    kind: list\n    heading: Deep\n    items: "
     + "[{text: level, items: " * depth + "[x]" + "}]" * depth + "\n")

items = "".join("      - Item number %d\n" % i for i in range(1, 1001))
d = deck("catalog", "  - id: items\n    kind: list\n    heading: Many items\n    items:\n" + items)
with open(os.path.join(d, "po", "es.po"), "w", encoding="utf-8") as f:
    f.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"Language: es\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')
    for i in range(1, 1001):
        f.write('msgctxt "items/items/%d"\nmsgid "Item number %d"\nmsgstr "Elemento %d"\n\n'
                % (i, i, i))
    for i in range(99000):  # entries the deck no longer has
        f.write('msgctxt "gone/items/%d"\nmsgid "Old item %d"\nmsgstr "Antiguo %d"\n\n'
                % (i, i, i))

query = "&".join("q%d=v%d" % (i, i) for i in range(1500))
deck("survey", "  - id: survey\n    kind: survey\n    heading: Tell us\n",
     extra="survey:\n  url: https://example.org/s?%s\n" % query[:10240 - 25])

# Ten thousand combining marks on one base: refused (UAX #15 allows 30).
deck("marks", "  - id: marks\n    kind: statement\n    heading: a%s\n    text: \u0628%s\n"
     % ("\u0301" * 10000, "\u064b" * 10000))
# What is allowed: thirty marks, bidi controls 140 deep, invisible characters.
bidi = "\u202e\u202b" * 70 + "abc \u0627\u0628\u062a (x) " + "\u2067\u2066" * 70
invisible = r'"zero\u200bwidth, joiner\u200d, \ufeff BOM, word\u2060joiner, \u2028 line"'
deck("text", "  - id: marks\n    kind: statement\n    heading: Thirty marks\n"
     "    text: a%s b%s Vi\u1ec7t\n"
     "  - id: bidi\n    kind: statement\n    heading: %s\n    text: %s\n" % (
         "\u0301" * 30, "\u064b" * 30, invisible, bidi))
# Thirty marks stacked on a heading and on the text, and the same slide
# without them: the marks stay between the bars.
for name, marks in (("stacked", 30), ("unstacked", 0)):
    deck(name, "  - id: marks\n    kind: statement\n    heading: \"Va%s b\"\n"
         "    text: \"Body x%s y\"\n" % ("\u0301" * marks, "\u0302" * marks))
# Escaped in double quotes, YAML carries controls libyaml would refuse raw;
# PO escapes do the same in a translation.
deck("controls", "  - id: x\n    kind: statement\n    heading: ok\n"
     "    text: \"bell \\a, \\x01, DEL \\x7f, NEL \\x85\"\n")
# U+FFFF is valid UTF-8 but a noncharacter, and libunibreak 1.1's end of
# text: it aborted the kiosk and the printer (found by fuzz_layout).
deck("noncharacter", "  - id: x\n    kind: statement\n    heading: \"a \\uFFFF b\"\n"
     "    text: Body\n")
d = deck("po-controls", "  - id: x\n    kind: statement\n    heading: Heading\n"
         "    text: Body\n")
with open(os.path.join(d, "po", "es.po"), "w", encoding="utf-8") as f:
    f.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"Language: es\\n"\n\nmsgctxt "x/heading"\nmsgid "Heading"\n'
            'msgstr "T\\ati\\x01tulo \\177"\n\nmsgctxt "x/text"\nmsgid "Body"\n'
            'msgstr "Texto"\n')

with open(os.path.join(deck("utf8", "  - id: x\n    kind: statement\n    heading: ok\n"
                            "    text: fine\n"), "deck.yaml"), "ab") as f:
    f.write(b"  - id: y\n    kind: statement\n    heading: \xc0\xaf \xed\xa0\x80\n")
PY

# The programs' data (fonts/, po/) three times: fonts gone, all of them cut
# to 1000 bytes, and only the Arabic faces cut.
for v in missing truncated arabic; do
	mkdir -p "$TMP/data-$v"
	cp -r "$SRC/po" "$SRC/fonts" "$TMP/data-$v/"
done
rm -f "$TMP"/data-missing/fonts/*.ttf "$TMP"/data-missing/fonts/*.otf
for f in "$TMP"/data-truncated/fonts/*.ttf; do truncate -s 1000 "$f"; done
for f in "$TMP"/data-arabic/fonts/NotoSansArabic*.ttf; do truncate -s 5000 "$f"; done

cat >"$TMP/screen.py" <<'PY'
"""screen.py PNG JSON: prints what is wrong with a rendered screen, if anything."""
import json, sys, unicodedata
from PIL import Image
png, layout = sys.argv[1], sys.argv[2]
img = Image.open(png).convert("L")
w, h = img.size
# Ink: dark pixels in the content area (between the bars).
content = img.crop((0, h // 8, w, h - h // 8))
dark = sum(content.histogram()[:100])
problems = []
if dark < 200:
    problems.append("no ink in the content area (%d dark pixels)" % dark)
runs = json.load(open(layout))["runs"]
if not runs:
    problems.append("no text drawn")
for r in runs:
    if r["font"] == "(none)":
        problems.append("drawn with no face (boxes): %r" % r["text"][:40])
    bad = [c for c in r["text"] if unicodedata.category(c) == "Cc"]
    if bad:
        problems.append("control characters %r drawn in %r" % (bad, r["text"][:40]))
print("; ".join(sorted(set(problems))[:4]))
PY

# run NAME TOOL ARGS...: runs one program on one input with a time limit;
# leaves its exit status in $rc, its stderr in $TMP/NAME.err, and fails the
# test on a crash or a hang.
run() {
	local name=$1 start
	shift
	start=$(date +%s%N)
	rc=0
	timeout "$LIMIT" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" || rc=$?
	secs=$((($(date +%s%N) - start) / 1000000))
	if [ "$rc" -eq 124 ]; then
		fail "$name: no answer in $LIMIT s (hang)"
	elif [ "$rc" -gt 2 ]; then
		fail "$name: exit status $rc (crash?)"
		tail -n 5 "$TMP/$name.err" | sed 's/^/    /'
	fi
}

# refused NAME PATTERN: exit status 1 and a file:line:col: error: line.
refused() {
	if [ "$rc" -eq 1 ] && grep -qE -- "$2" "$TMP/$1.err"; then
		pass "$1: refused in ${secs} ms: $(grep -E -m1 -- "$2" "$TMP/$1.err" | sed "s|$TMP/||")"
	elif [ "$rc" -le 2 ]; then
		fail "$1: expected exit 1 and /$2/, got exit $rc:"
		head -n 3 "$TMP/$1.err" | sed 's/^/    /'
	fi
}

# loaded NAME [MAX_RC]: the program finished (exit status at most MAX_RC,
# default 0) without an error line.
loaded() {
	if [ "$rc" -le "${2:-0}" ] && ! grep -q ": error:" "$TMP/$1.err"; then
		pass "$1: done in ${secs} ms (exit $rc)"
	elif [ "$rc" -le 2 ]; then
		fail "$1: exit $rc:"
		grep -m3 ": error:" "$TMP/$1.err" | sed 's/^/    /'
	fi
}

# screen NAME: the kiosk's screenshot has ink and no boxes.
screen() {
	local why
	why=$("$PY" "$TMP/screen.py" "$TMP/$1.png" "$TMP/$1.json" 2>&1) || why="screen.py: $why"
	if [ -z "$why" ]; then pass "$1: the screen has ink and no boxes"; else fail "$1: $why"; fi
}

# kiosk NAME DECK [ARGS...]: a screenshot of the deck's first slide.
kiosk() {
	local name=$1 deck=$2
	shift 2
	run "$name" env SDL_VIDEODRIVER=offscreen "$KIOSK" --screenshot "$TMP/$name.png" \
		--dump-layout "$TMP/$name.json" --size 1280x720 "$@" "$deck"
}

loc='[^ ]+deck\.yaml:[0-9]+:[0-9]+: error: '
for case in slides deep survey utf8 controls marks noncharacter; do
	case $case in
	slides) why="${loc}the deck has 100000 slides" ;;
	deep) why="${loc}nesting deeper than 64 levels" ;;
	survey) why="${loc}bad survey URL: URL is longer than" ;;
	utf8) why="${loc}invalid UTF-8" ;;
	controls) why="${loc}'text' in slide 'x' contains control character U\+0007" ;;
	marks) why="${loc}'heading' in slide 'marks' contains more than 30 combining marks" ;;
	noncharacter) why="${loc}'heading' in slide 'x' contains noncharacter U\+FFFF" ;;
	esac
	run "$case-check" "$PRINT" check "$TMP/$case"
	refused "$case-check" "$why"
	run "$case-handout" "$PRINT" handout "$TMP/$case" --lang en -o "$TMP/$case.pdf"
	refused "$case-handout" "$why"
	kiosk "$case-kiosk" "$TMP/$case"
	refused "$case-kiosk" "$why"
done

for case in paragraph unbroken catalog text; do
	lang=en
	[ "$case" = catalog ] && lang=es
	run "$case-check" "$PRINT" check "$TMP/$case"
	loaded "$case-check" 1 # exit 1: problems found (missing translations, warnings)
	run "$case-handout" "$PRINT" handout "$TMP/$case" --lang "$lang" -o "$TMP/$case.pdf"
	loaded "$case-handout"
	kiosk "$case-kiosk" "$TMP/$case" --lang "$lang"
	loaded "$case-kiosk" && screen "$case-kiosk"
done
# A translation with control characters: refused by check and the printer;
# the kiosk shows the deck's own language instead, marked, never boxes.
why="po-controls/po/es\.po:[0-9]+:[0-9]+: error: the translation of 'x/heading' contains control"
run "po-controls-check" "$PRINT" check "$TMP/po-controls"
refused "po-controls-check" "$why"
run "po-controls-handout" "$PRINT" handout "$TMP/po-controls" --lang es -o "$TMP/po.pdf"
refused "po-controls-handout" "$why"
kiosk "po-controls-kiosk" "$TMP/po-controls" --lang es
expect_grep "po-controls-kiosk: says why" "$why" "$TMP/po-controls-kiosk.err"
[ "$rc" -eq 0 ] && screen "po-controls-kiosk"
kiosk "text-kiosk-2" "$TMP/text" --slide 2
loaded "text-kiosk-2" && screen "text-kiosk-2"
kiosk "text-kiosk-ar" "$TMP/text" --slide 2 --lang ar
loaded "text-kiosk-ar" && screen "text-kiosk-ar"
# Stacked marks rise over the heading but not into the top bar: its pixels
# are those of the same slide without them.
for v in stacked unstacked; do
	kiosk "$v-kiosk" "$TMP/$v" --slide 1
	loaded "$v-kiosk"
done
bars=$("$PY" - "$TMP" <<'PY'
import json, sys
from PIL import Image, ImageChops
tmp = sys.argv[1]
bar = [r["px"] for r in json.load(open(tmp + "/stacked-kiosk.json"))["rects"]
       if r["what"] == "top-bar"][0]
box = (bar[0], bar[1], bar[0] + bar[2], bar[1] + bar[3])
a, b = (Image.open("%s/%s-kiosk.png" % (tmp, v)).convert("RGB").crop(box)
        for v in ("stacked", "unstacked"))
diff = ImageChops.difference(a, b).getbbox()
print("differ in %s" % (diff,) if diff else "same")
PY
)
[ "$bars" = same ] && pass "stacked-kiosk: thirty stacked marks stay out of the top bar" ||
	fail "stacked-kiosk: the top bar with thirty stacked marks under it and without $bars"
pages=$(pdfinfo "$TMP/paragraph.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
[ "${pages:-0}" -gt 100 ] && pass "the megabyte paragraph prints on $pages pages" ||
	fail "the megabyte paragraph prints on ${pages:-no} pages"

# No font at all: refused, saying so; the kiosk does not start blank.
deck=$SRC/assets/decks/pusd-2023
for v in missing truncated; do
	export PLACARD_DATA_DIR=$TMP/data-$v
	run "fonts-$v-handout" "$PRINT" handout "$deck" --lang en -o "$TMP/fonts-$v.pdf"
	refused "fonts-$v-handout" "fonts: error: no bundled font could be opened"
	kiosk "fonts-$v-kiosk" "$deck"
	refused "fonts-$v-kiosk" "fonts: error: no bundled font could be opened"
	run "fonts-$v-check" "$PRINT" check "$deck"
	refused "fonts-$v-check" "fonts: error: no bundled font could be opened"
done
# Only the Arabic faces broken: check names every character that would be a
# box; other languages are unharmed; an Arabic screen must not be boxes.
export PLACARD_DATA_DIR=$TMP/data-arabic
run "fonts-arabic-check" "$PRINT" check "$deck"
refused "fonts-arabic-check" "ar\.po:[0-9]+:[0-9]+: error: no font has U\+0627"
expect_grep "and warns which face could not be opened" \
	"NotoSansArabic-Regular.ttf: warning: cannot open this font" "$TMP/fonts-arabic-check.err"
run "fonts-arabic-handout" "$PRINT" handout "$deck" --lang es -o "$TMP/fonts-arabic.pdf"
loaded "fonts-arabic-handout"
kiosk "fonts-arabic-kiosk-es" "$deck" --lang es --slide 2
loaded "fonts-arabic-kiosk-es" && screen "fonts-arabic-kiosk-es"
# Arabic and Persian asked for: not offered (their screens would be boxes),
# saying so; the kiosk shows the deck in the next language instead, the
# picker leaves them out, and the admin screen says why.
kiosk "fonts-arabic-kiosk-ar" "$deck" --lang ar --slide 2
loaded "fonts-arabic-kiosk-ar" && screen "fonts-arabic-kiosk-ar"
expect_grep "and says on its log that Arabic is not offered" \
	"warning: ar is not offered: no font can draw U\+0627" "$TMP/fonts-arabic-kiosk-ar.err"
expect_grep "nor is Persian" "warning: fa is not offered" "$TMP/fonts-arabic-kiosk-ar.err"
env SDL_VIDEODRIVER=offscreen "$KIOSK" --screen picker --dump-text "$deck" \
	>"$TMP/fonts-arabic-picker.txt" 2>/dev/null || true
if grep -q "^pick:es" "$TMP/fonts-arabic-picker.txt" &&
	! grep -qE "^pick:(ar|fa)\b" "$TMP/fonts-arabic-picker.txt"; then
	pass "fonts-arabic-picker: Arabic and Persian left out, Spanish still offered"
else
	fail "fonts-arabic-picker: the picker offers $(grep -o '^pick:[^[:space:]]*' \
		"$TMP/fonts-arabic-picker.txt" | tr '\n' ' ')"
fi
env SDL_VIDEODRIVER=offscreen "$KIOSK" --screen admin --dump-text "$deck" \
	>"$TMP/fonts-arabic-admin.txt" 2>/dev/null || true
expect_grep "fonts-arabic-admin: the admin screen says why Arabic is not offered" \
	"ar is not offered: no font can draw U\+0627" "$TMP/fonts-arabic-admin.txt"
expect_grep "fonts-arabic-admin: and names the font file it could not open" \
	"Fonts that could not be opened: .*NotoSansArabic-Regular.ttf" "$TMP/fonts-arabic-admin.txt"
unset PLACARD_DATA_DIR
finish
