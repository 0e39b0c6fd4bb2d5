# placard-print specimen: every string of the PUSD 2023 deck in its ten
# languages, printed and read back. The PDF is well formed (qpdf), every font
# embedded and subset (pdffonts), titled and with /Lang (the private-ABI
# pdf_set_lang), the text extracts back (pdftotext, after NFKC; Arabic and
# Persian in logical order), and THE INK TEST: rasterized, every run and every
# drawn character has dark pixels where the layout put it. The same ink test
# run with Debian's unprepared Noto Sans Arabic must report blanks (libharu's
# composite-glyph bug, BRIEF section 3), so it is known to catch them.
. "$(dirname "$0")/lib.bash"
DECK=$SRC/assets/decks/pusd-2023
LANGS="en es zh-Hans zh-Hant vi ar fa hy ko tl"

# The ink test: ink.py PDF BOXES... ; prints one line per blank box and exits
# 1 when there is any. A box is blank when no pixel inside it (shrunk a
# little at the sides, so a neighbour's overhang does not count) is darker
# than mid-grey at 72 dpi, where one pixel is one point. A box of one letter
# or digit (as --glyph-boxes gives) is blank too when its body is: no
# ink in the band from the baseline to 0.35 of the size above it (0.5 for
# ideographs), which every letter and digit crosses (pdf.c sets the baseline at 0.7 of the line
# box, 1.05 sizes from its top). That is what libharu's composite bug does
# to U+FE85: the hamza prints, the waw under it does not.
cat >"$TMP/ink.py" <<'PY'
import os, subprocess, sys, tempfile, unicodedata

def visible(text):
    return any(unicodedata.category(c)[0] not in "ZC" for c in text)

def read_pgm(path):
    with open(path, "rb") as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    assert fields[0] == b"P5" and int(fields[3]) < 256
    return int(fields[1]), int(fields[2]), data[pos + 1:]

def inked(pixels, width, x0, x1, y0, y1):
    return any(pixels[r * width + c] < 128
               for r in range(y0, y1) for c in range(x0, min(x1, width)))

def body_expected(text):
    """One letter or digit, with its marks: a drawn character."""
    bases = [c for c in text if unicodedata.category(c)[0] != "M"]
    cat = unicodedata.category(bases[0]) if len(bases) == 1 else "?"
    return cat[0] in "LN" and cat != "Lm"

def unescape(s):
    return s.replace("\\t", "\t").replace("\\n", "\n").replace("\\\\", "\\")

pdf, box_files = sys.argv[1], sys.argv[2:]
boxes = {}
for name in box_files:
    with open(name, encoding="utf-8") as f:
        for line in f:
            page, x, y, w, h, lang, text = line.rstrip("\n").split("\t", 6)
            boxes.setdefault(int(page), []).append(
                (float(x), float(y), float(w), float(h), lang, unescape(text), name))
out = tempfile.mkdtemp()
subprocess.run(["pdftoppm", "-r", "72", "-gray", pdf, out + "/p"], check=True,
               stderr=subprocess.DEVNULL)
pages = sorted(os.listdir(out))
blank = checked = 0
for page, items in sorted(boxes.items()):
    path = os.path.join(out, pages[page - 1])
    width, height, pixels = read_pgm(path)
    for x, y, w, h, lang, text, name in items:
        if not visible(text):
            continue
        checked += 1
        inset = min(1.0, 0.2 * w)
        x0, x1 = int(x + inset), int(x + w - inset + 0.999)
        y0, y1 = int(y), min(int(y + h + 0.999), height)
        x1 = max(x1, x0 + 1)
        what = None
        if not inked(pixels, width, x0, x1, y0, y1):
            what = "blank"
        elif body_expected(text):
            size = h / 1.5
            base = y + 0.7 * h
            # Ideographs sit centred in the em square (一 at 0.4 above the
            # baseline), not on the baseline: their band reaches higher.
            wide = unicodedata.east_asian_width(text[0]) in "WF"
            top = base - (0.5 if wide else 0.35) * size
            if not inked(pixels, width, x0, x1, int(top), int(base + 0.999)):
                what = "blank body"
        if what:
            blank += 1
            cps = " ".join("U+%04X" % ord(c) for c in text[:8])
            print("%s: page %d at (%.1f, %.1f) %.1fx%.1f %s [%s] %s (%s)"
                  % (what, page, x, y, w, h, lang, text, cps, os.path.basename(name)))
    os.unlink(path)
print("ink: %d boxes checked, %d blank" % (checked, blank))
sys.exit(1 if blank else 0)
PY

# The text check: extract.py PDF BOXES STRINGS_DIR LANG...; every deck string
# of each language must be in the text of that language's pages, compared
# after NFKC with spaces and line breaks left out (lines wrap); in Arabic and
# Persian the letters in logical order and every number and Latin word.
cat >"$TMP/extract.py" <<'PY'
import re, subprocess, sys, unicodedata

pdf, boxes, strings_dir, langs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
def norm(s):
    """NFKC, then what pdftotext adds without changing the text: spaces and
    line breaks (lines wrap), format characters (it wraps right-to-left
    lines in U+202B...U+202C), hyphens (it joins a word broken after one)."""
    s = unicodedata.normalize("NFKC", s)
    return "".join(c for c in s if unicodedata.category(c)[0] not in "ZC" and c != "-")

def rtl_letters(s):
    """The right-to-left letters alone, in order: what must come back in
    logical order. In mixed lines poppler puts digits, brackets (drawn
    mirrored) and combining marks (it reverses character by character, a
    mark drawn after its base comes out before it) in its own order, so
    those are checked as words, not in sequence; letters are compared
    decomposed, as a mark that lands before its base composes with the
    letter before: heh + hamza above after waw comes out as U+0624)."""
    s = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", s))
    return "".join(c for c in s if unicodedata.category(c)[0] == "L"
                   and unicodedata.bidirectional(c) in ("R", "AL"))

def found(para, lang, page_text, page_rtl):
    if lang not in ("ar", "fa"):
        return norm(para) in page_text
    words = re.findall(r"[^\W\d_]+|\d+", unicodedata.normalize("NFKC", para))
    ltr = [w for w in words if not rtl_letters(w)]
    return rtl_letters(para) in page_rtl and all(norm(w) in page_text for w in ltr)

# Each language starts on the page titled with its tag.
start = {}
with open(boxes, encoding="utf-8") as f:
    for line in f:
        page, x, y, w, h, lang, text = line.rstrip("\n").split("\t", 6)
        if text == lang and float(y) == 72.0 and lang not in start:
            start[lang] = int(page)
last_page = max(int(l.split("\t", 1)[0]) for l in open(boxes, encoding="utf-8"))
order = sorted(start, key=start.get)
missing = 0
for lang in langs:
    first = start[lang]
    later = [start[l] for l in order if start[l] > first]
    end = min(later) - 1 if later else last_page
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(first), "-l", str(end),
                           pdf, "-"], check=True, capture_output=True).stdout.decode()
    page_text, page_rtl = norm(text), rtl_letters(text)
    n = 0
    with open("%s/%s.tsv" % (strings_dir, lang), encoding="utf-8") as f:
        for line in f:
            sid, status, s = line.rstrip("\n").split("\t", 2)
            for para in s.split("\\n"):
                if not para.strip():
                    continue
                n += 1
                if not found(para, lang, page_text, page_rtl):
                    missing += 1
                    print("not extracted: %s %s: %s" % (lang, sid, para))
    print("%s: pages %d-%d, %d paragraphs" % (lang, first, end, n))
sys.exit(1 if missing else 0)
PY

# The whole specimen, all ten languages.
rc=0
"$PRINT" specimen "$DECK" -o "$TMP/s.pdf" --boxes "$TMP/runs.tsv" \
	--glyph-boxes "$TMP/glyphs.tsv" 2>"$TMP/err" || rc=$?
expect_eq "specimen of pusd-2023 exits 0" 0 "$rc"
expect_eq "and says nothing" "" "$(cat "$TMP/err")"
for lang in $LANGS; do
	# The title: the first line of a page, at the heading size.
	expect_eq "a page titled $lang" 1 \
		"$(grep -cE "^[0-9]+	[0-9.]+	72\.00	[0-9.]+	48\.00	$lang	$lang$" "$TMP/runs.tsv")"
done
if qpdf --check "$TMP/s.pdf" >"$TMP/qpdf" 2>&1; then pass "qpdf --check is clean"; else
	fail "qpdf --check:"
	sed 's/^/    /' "$TMP/qpdf"
fi
# pdffonts: a header of two lines, then one font a line; columns emb and
# sub are the 4th and 3rd from the end.
pdffonts "$TMP/s.pdf" 2>/dev/null | tail -n +3 >"$TMP/fonts"
for face in AtkinsonHyperlegibleNext NotoSans- NotoSansArabic NotoSansArmenian DroidSansFallback \
	PlacardGothicKR; do
	expect_grep "fonts: $face is in the document" "^[A-Z]{6}\+$face" "$TMP/fonts"
done
expect_eq "fonts: all embedded and subset" "" \
	"$(awk '{ if ($(NF-4) != "yes" || $(NF-3) != "yes") print }' "$TMP/fonts")"
expect_eq "fonts: subset names (ABCDEF+Name)" "" "$(grep -vE "^[A-Z]{6}\\+" "$TMP/fonts" || true)"
pdfinfo "$TMP/s.pdf" 2>/dev/null >"$TMP/info"
expect_grep "pdfinfo shows the title" "^Title: +2023-2028 Strategic Plan \(Draft\): specimen$" "$TMP/info"
expect_grep "pdfinfo shows the district as author" "^Author: +Pasadena Unified School District$" "$TMP/info"
# /Lang in the document catalog (pdfinfo does not show it): qpdf's QDF form
# writes objects uncompressed, one key a line.
qpdf --qdf --object-streams=disable "$TMP/s.pdf" "$TMP/s.qdf"
expect_grep "/Lang in the catalog (several languages: mul)" "^  /Lang \(mul\)$" "$TMP/s.qdf"
"$PRINT" specimen "$DECK" --lang fa -o "$TMP/fa.pdf"
qpdf --qdf --object-streams=disable "$TMP/fa.pdf" "$TMP/fa.qdf"
expect_grep "/Lang in the catalog (one language: fa)" "^  /Lang \(fa\)$" "$TMP/fa.qdf"
expect_eq "the catalog is the one with /Lang" 1 \
	"$(grep -B3 -A3 '^  /Lang (fa)$' "$TMP/fa.qdf" | grep -c '/Type /Catalog')"

# Errors are one line each, with the exit codes of --help.
code() { local rc=0; "$@" >/dev/null 2>&1 || rc=$?; echo "$rc"; }
expect_eq "specimen without -o exits 2" 2 "$(code "$PRINT" specimen "$DECK")"
expect_eq "specimen with a bad tag exits 2" 2 "$(code "$PRINT" specimen "$DECK" -o "$TMP/x.pdf" --lang english)"
rc=0
"$PRINT" specimen "$DECK" --lang es -o "$TMP/none/x.pdf" 2>"$TMP/err" || rc=$?
expect_eq "specimen to an unwritable file exits 1" 1 "$rc"
expect_grep "and says why" "none/x\.pdf: error: cannot write: No such file or directory" "$TMP/err"

# pdftotext gives back every string.
mkdir -p "$TMP/strings"
for lang in $LANGS; do
	"$PRINT" strings "$DECK" --lang "$lang" >"$TMP/strings/$lang.tsv"
done
# shellcheck disable=SC2086
if python3 "$TMP/extract.py" "$TMP/s.pdf" "$TMP/runs.tsv" "$TMP/strings" $LANGS \
	>"$TMP/extract" 2>&1; then
	pass "pdftotext gives back every string in all ten languages (NFKC)"
else
	fail "pdftotext lost strings:"
	sed 's/^/    /' "$TMP/extract"
fi

# The ink test, on runs and on every drawn character.
if python3 "$TMP/ink.py" "$TMP/s.pdf" "$TMP/runs.tsv" "$TMP/glyphs.tsv" >"$TMP/ink" 2>&1; then
	pass "ink test: $(tail -n 1 "$TMP/ink")"
else
	fail "ink test found blank runs or characters:"
	sed 's/^/    /' "$TMP/ink"
fi

# Characters above U+FFFF (libharu would print spaces) come out as U+25A1,
# measured and drawn like any other character.
mkdir -p "$TMP/astral"
cat >"$TMP/astral/deck.yaml" <<'YAML'
placard: 1
id: astral
title: Astral
district: Test
source_language: en
languages: [en]
version: "1"
date: 2024-01-02
slides:
  - id: one
    kind: statement
    heading: "Smile \U0001F600 and \U00020000 done"
    text: Astral.
YAML
"$PRINT" specimen "$TMP/astral" -o "$TMP/astral.pdf" --boxes "$TMP/astral-runs.tsv" \
	--glyph-boxes "$TMP/astral-glyphs.tsv"
pdftotext -enc UTF-8 "$TMP/astral.pdf" - 2>/dev/null >"$TMP/astral.txt"
expect_grep "characters above U+FFFF print as U+25A1" "^Smile □ and □ done$" "$TMP/astral.txt"
if python3 "$TMP/ink.py" "$TMP/astral.pdf" "$TMP/astral-runs.tsv" "$TMP/astral-glyphs.tsv" \
	>"$TMP/astral-ink" 2>&1; then
	pass "and have ink"
else
	fail "characters above U+FFFF:"
	sed 's/^/    /' "$TMP/astral-ink"
fi

# The ink test catches libharu's composite-glyph bug: the same Arabic pages
# with Debian's unprepared Noto Sans Arabic (composites not decomposed).
UNPREPARED=/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf
if [ -r "$UNPREPARED" ]; then
	mkdir -p "$TMP/data/fonts"
	ln -s "$SRC/po" "$TMP/data/po"
	for f in "$SRC"/fonts/*.ttf; do ln -s "$f" "$TMP/data/fonts/"; done
	for w in Regular Bold; do
		rm "$TMP/data/fonts/NotoSansArabic-$w.ttf"
		cp "/usr/share/fonts/truetype/noto/NotoSansArabic-$w.ttf" "$TMP/data/fonts/"
	done
	PLACARD_DATA_DIR=$TMP/data "$PRINT" specimen "$DECK" --lang ar -o "$TMP/raw.pdf" \
		--boxes "$TMP/raw-runs.tsv" --glyph-boxes "$TMP/raw-glyphs.tsv"
	rc=0
	python3 "$TMP/ink.py" "$TMP/raw.pdf" "$TMP/raw-runs.tsv" "$TMP/raw-glyphs.tsv" \
		>"$TMP/raw-ink" 2>&1 || rc=$?
	expect_eq "unprepared Arabic face: the ink test fails on the Arabic specimen" 1 "$rc"
	echo "# with the unprepared face: $(tail -n 1 "$TMP/raw-ink"); by character:"
	grep '^blank' "$TMP/raw-ink" | sed 's/.*\] \(U+[0-9A-F ]*\) .*/\1/' | sort | uniq -c |
		sed 's/^/#   /'
	# Whether a nested component prints depends on what else the subset
	# holds: in the whole specimen U+FE85 comes out whole (its waw is drawn
	# elsewhere), alone with no plain waw around it loses its body.
	mkdir -p "$TMP/hamza"
	cat >"$TMP/hamza/deck.yaml" <<'YAML'
placard: 1
id: hamza
title: مؤسسة
district: مؤسسة
source_language: ar
languages: [ar]
version: "1"
date: 2024-01-02
slides:
  - id: one
    kind: statement
    heading: مؤسسة
    text: رؤية مؤسسة
YAML
	PLACARD_DATA_DIR=$TMP/data "$PRINT" specimen "$TMP/hamza" -o "$TMP/hamza.pdf" \
		--boxes "$TMP/hamza-runs.tsv" --glyph-boxes "$TMP/hamza-glyphs.tsv"
	python3 "$TMP/ink.py" "$TMP/hamza.pdf" "$TMP/hamza-runs.tsv" "$TMP/hamza-glyphs.tsv" \
		>"$TMP/hamza-ink" 2>&1 || true
	expect_grep "unprepared Arabic face: waw with hamza (U+FE85) found blank" \
		"^blank body: .* ar \[ﺅ\] U\+FE85 " "$TMP/hamza-ink"
	"$PRINT" specimen "$TMP/hamza" -o "$TMP/hamza-ok.pdf" --boxes "$TMP/hamza-ok-runs.tsv" \
		--glyph-boxes "$TMP/hamza-ok-glyphs.tsv"
	if python3 "$TMP/ink.py" "$TMP/hamza-ok.pdf" "$TMP/hamza-ok-runs.tsv" \
		"$TMP/hamza-ok-glyphs.tsv" >"$TMP/hamza-ok-ink" 2>&1; then
		pass "the bundled (prepared) face prints U+FE85 whole"
	else
		fail "the bundled face loses ink:"
		sed 's/^/    /' "$TMP/hamza-ok-ink"
	fi
else
	fail "$UNPREPARED is missing (Debian package fonts-noto-core)"
fi
finish
