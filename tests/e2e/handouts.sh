# placard-print handout: every sample deck in each of the ten languages, three
# bilingual pairs side by side, and large print (Letter and A4), printed and
# read back. For each handout: the PDF is well formed (qpdf --check), every
# font embedded and subset (pdffonts), every deck string of its languages
# extracts back (pdftotext, NFKC; Arabic-script letters in logical order, as
# print_specimen.sh checks), THE INK TEST over --boxes finds no blank run, no
# word lies outside the margins (pdftotext -bbox), and in large print no text
# is set under 18 pt. The PUSD 2023 handouts' QR codes decode with zbarimg at
# 150 dpi to the exact survey URL with lang and site, and measure 25 mm or
# more. Then metadata, the untranslated marker, the footer, errors and exit
# codes.
#
# Font sizes in large print are measured two ways: the size operand of every
# Tf operator in the page content (qpdf --qdf writes the streams
# uncompressed), which is the size the text is set at, and each word's box
# from pdftotext -bbox, whose height (the face's ascent plus descent times
# the size, 1.3 to 1.5 sizes in our faces) must be 18 pt or more.
. "$(dirname "$0")/lib.bash"
DECKS="d62 pusd-2020 pusd-2023 tusd"
LANGS="en es zh-Hans zh-Hant vi ar fa hy ko tl"
PAIRS="en,es en,ar en,zh-Hant"

cat >"$TMP/check.py" <<'PY'
"""check.py NAME PDF BOXES STRINGS_DIR LANGS PAPER LARGE QR_SITE
Checks one handout; prints ok/FAIL lines, exits 1 on any failure."""
import os, re, subprocess, sys, tempfile, unicodedata

name, pdf, boxes_path, strings_dir, langs, paper, large, qr_site = sys.argv[1:9]
langs = langs.split(",")
large = large == "1"
failures = []
def ok(what):
    print("ok - %s: %s" % (name, what))
def fail(what):
    failures.append(what)
    print("FAIL - %s: %s" % (name, what))
def run(*cmd):
    return subprocess.run(cmd, capture_output=True)

W, H = (595.276, 841.89) if paper == "a4" else (612.0, 792.0)
M = 72.0 if large else 54.0
RTL = ("ar", "fa")

# qpdf --check
r = run("qpdf", "--check", pdf)
if r.returncode == 0: ok("qpdf --check is clean")
else: fail("qpdf --check: " + r.stdout.decode()[-400:] + r.stderr.decode()[-400:])

# pdffonts: header of two lines; emb and sub are the 5th and 4th from the end.
fonts = run("pdffonts", pdf).stdout.decode().splitlines()[2:]
bad = [l for l in fonts if l.split()[-5] != "yes" or l.split()[-4] != "yes"
       or not re.match(r"[A-Z]{6}\+", l)]
if fonts and not bad: ok("%d fonts, all embedded and subset" % len(fonts))
else: fail("fonts not embedded and subset: %r" % (bad or "none"))

# The boxes: runs, and the QR codes (language "qr").
def unescape(s):
    return s.replace("\\t", "\t").replace("\\n", "\n").replace("\\\\", "\\")
boxes = []
with open(boxes_path, encoding="utf-8") as f:
    for line in f:
        page, x, y, w, h, lang, text = line.rstrip("\n").split("\t", 6)
        boxes.append((int(page), float(x), float(y), float(w), float(h), lang, unescape(text)))
n_pages = int(run("pdfinfo", pdf).stdout.decode().split("Pages:")[1].split()[0])

# Text: the body (above the footer, whose runs have language "footer") of
# each language's column.
def norm(s):
    s = unicodedata.normalize("NFKC", s)
    return "".join(c for c in s if unicodedata.category(c)[0] not in "ZC" and c != "-")
def rtl_letters(s):
    s = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", s))
    return "".join(c for c in s if unicodedata.category(c)[0] == "L"
                   and unicodedata.bidirectional(c) in ("R", "AL"))
def found(para, lang, page_text, page_rtl):
    if lang not in RTL:
        return norm(para) in page_text
    words = re.findall(r"[^\W\d_]+|\d+", unicodedata.normalize("NFKC", para))
    ltr = [w for w in words if not rtl_letters(w)]
    return rtl_letters(para) in page_rtl and all(norm(w) in page_text for w in ltr)

footer_top = min([b[2] for b in boxes if b[5] == "footer"] or [H - M])
side_by_side = len(langs) == 2 and not large
cw = (W - 2 * M - 18) / 2
areas = {}
for i, lang in enumerate(langs):
    if side_by_side:
        right = (i == 1) != (langs[0] in RTL)
        areas[lang] = (M + cw + 18 if right else M, cw)
    else:
        areas[lang] = (M, W - 2 * M)
bbox_layout = run("pdftotext", "-bbox-layout", pdf, "-").stdout.decode()
missing = 0
for lang in langs:
    x, w = areas[lang]
    # Found in either of pdftotext's reading orders: the default one moves
    # a short right-aligned last line of a paragraph elsewhere; -layout
    # keeps lines where they stand but may run two blocks side by side.
    crop = ["-enc", "UTF-8", "-x", str(int(x - 2)), "-y", "0", "-W", str(int(w + 4)),
            "-H", str(int(footer_top - 1)), pdf, "-"]
    texts = [run("pdftotext", *crop).stdout.decode(),
             run("pdftotext", "-layout", *crop).stdout.decode()]
    views = [(norm(t), rtl_letters(t)) for t in texts]
    # And line by line, top to bottom, from -bbox-layout (right-to-left
    # lines come in visual order there: read each backwards); with numbers
    # and Latin words from it or from the default mode.
    lines = []
    for pg, page in enumerate(re.findall(r"<page .*?</page>", bbox_layout, re.S)):
        for m in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)</line>', page, re.S):
            lx, ly = float(m.group(1)), float(m.group(2))
            if not (x - 2 <= lx <= x + w + 2) or ly >= footer_top - 1:
                continue
            words = re.findall(r"<word [^>]*>([^<]*)</word>", m.group(3))
            if rtl_letters("".join(words)):
                words = [wd[::-1] for wd in reversed(words)]
            lines.append((pg, ly, " ".join(words)))
    by_line = "\n".join(l[2] for l in sorted(lines))
    views.append((norm(by_line), rtl_letters(by_line)))
    views.append((views[0][0], rtl_letters(by_line)))
    n = 0
    with open("%s/%s.tsv" % (strings_dir, lang), encoding="utf-8") as f:
        for line in f:
            sid, status, s = line.rstrip("\n").split("\t", 2)
            for para in s.split("\\n"):
                if not para.strip():
                    continue
                n += 1
                if not any(found(para, lang, t, r) for t, r in views):
                    missing += 1
                    if missing <= 5:
                        print("#   not extracted: %s %s: %s" % (lang, sid, para))
    if missing == 0: ok("pdftotext gives back all %d paragraphs of %s" % (n, lang))
if missing: fail("%d paragraphs not extracted" % missing)

# Margins: every word pdftotext finds lies in the page minus the margins.
bbox = run("pdftotext", "-bbox", pdf, "-").stdout.decode()
outside = 0
sizes_bad = 0
for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', bbox):
    x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
    # Word boxes are exact across (advances) but not up and down (the
    # face's ascent and descent, more than the ink): vertically the ink
    # test below looks at pixels instead.
    if x0 < M - 0.5 or x1 > W - M + 0.5:
        outside += 1
        if outside <= 3:
            print("#   outside the margins: %s (%.1f %.1f %.1f %.1f)" % (m.group(5), x0, y0, x1, y1))
    if large and y1 - y0 < 18:
        sizes_bad += 1
if outside == 0: ok("every word inside the %.0f pt margins" % M)
else: fail("%d words outside the margins" % outside)

if large:
    qdf = tempfile.mktemp(suffix=".qdf")
    run("qpdf", "--qdf", "--object-streams=disable", pdf, qdf)
    with open(qdf, "rb") as f:
        tf = [float(v) for v in re.findall(rb"/F\d+ ([\d.]+) Tf", f.read())]
    os.unlink(qdf)
    if tf and min(tf) >= 18 and sizes_bad == 0:
        ok("large print: %d Tf sizes, smallest %.0f pt; every word box 18 pt or taller"
           % (len(tf), min(tf)))
    else:
        fail("large print: smallest Tf %s, %d word boxes under 18 pt" % (min(tf or [0]), sizes_bad))

# The ink test over the run boxes, at 72 dpi (one pixel a point).
def visible(text):
    return any(unicodedata.category(c)[0] not in "ZC" for c in text)
def read_pgm(path):
    with open(path, "rb") as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace(): pos += 1
        start = pos
        while not data[pos:pos + 1].isspace(): pos += 1
        fields.append(data[start:pos])
    return int(fields[1]), int(fields[2]), data[pos + 1:]
def inked(pixels, width, x0, x1, y0, y1):
    return any(pixels[r * width + c] < 128 for r in range(y0, y1) for c in range(x0, min(x1, width)))
out = tempfile.mkdtemp()
subprocess.run(["pdftoppm", "-r", "72", "-gray", pdf, out + "/p"], check=True, stderr=subprocess.DEVNULL)
pages = sorted(os.listdir(out))
blank = checked = 0
outside_ink = []
for i, page_file in enumerate(pages):
    width, height, pixels = read_pgm(os.path.join(out, page_file))
    # No ink outside the margins, allowing a pixel's rounding and, across,
    # a quarter of the body size: the ink of some Arabic letters overhangs
    # their advance (the line box itself ends at the margin, checked above).
    tol = 1 + 0.25 * (18 if large else 12)
    stray = sum(1 for r in range(height) for c in range(width)
                if pixels[r * width + c] < 128
                and (r < M - 1 or r > H - M + 1 or c < M - tol or c > W - M + tol))
    if stray:
        outside_ink.append((i + 1, stray))
    for page, x, y, w, h, lang, text in boxes:
        if page != i + 1 or not visible(text):
            continue
        checked += 1
        inset = min(1.0, 0.2 * w)
        x0, x1 = int(x + inset), int(x + w - inset + 0.999)
        y0, y1 = int(y), min(int(y + h + 0.999), height)
        if not inked(pixels, width, x0, max(x1, x0 + 1), y0, y1):
            blank += 1
            print("#   blank: page %d at (%.1f, %.1f) %s [%s]" % (page, x, y, lang, text))
    os.unlink(os.path.join(out, page_file))
if outside_ink: fail("ink outside the margins (page, pixels): %r" % outside_ink)
else: ok("no ink outside the margins")
if len(pages) == n_pages and blank == 0 and checked > 0: ok("ink test: %d runs, none blank" % checked)
else: fail("ink test: %d of %d runs blank" % (blank, checked))

# The QR codes: each decodes at 150 dpi to its language's URL, and the dark
# modules span 25 mm or more.
if qr_site:
    qrs = [b for b in boxes if b[5] == "qr"]
    want = sorted("https://www.pusd.us/strategicplan-survey?lang=%s&site=%s" % (l, qr_site)
                  for l in langs)
    got, sizes = [], []
    for page in sorted({b[0] for b in qrs}):
        stem = "%s/q%d" % (out, page)
        subprocess.run(["pdftoppm", "-r", "150", "-gray", "-f", str(page), "-l", str(page),
                        "-singlefile", pdf, stem], check=True, stderr=subprocess.DEVNULL)
        r = run("zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", stem + ".pgm")
        got += [l for l in r.stdout.decode().splitlines() if l]
        width, height, pixels = read_pgm(stem + ".pgm")
        for b in qrs:
            if b[0] != page:
                continue
            s = 150 / 72
            x0, y0, x1, y1 = int(b[1] * s), int(b[2] * s), int((b[1] + b[3]) * s), int((b[2] + b[4]) * s)
            cols = [c for c in range(x0, x1) if any(pixels[r * width + c] < 128 for r in range(y0, y1))]
            sizes.append((cols[-1] - cols[0] + 1) / 150 * 25.4 if cols else 0)
    if sorted(got) == want: ok("QR decodes at 150 dpi: %s" % " ".join(got))
    else: fail("QR decoded %r, expected %r" % (got, want))
    if sizes and min(sizes) >= 25: ok("QR symbol %.1f mm wide (25 mm or more)" % min(sizes))
    else: fail("QR sizes %r mm" % sizes)
sys.exit(1 if failures else 0)
PY

# Every handout of every deck: one job a line, run two at a time.
jobs=$TMP/jobs
: >"$jobs"
for deck in $DECKS; do
	mkdir -p "$TMP/$deck/strings"
	for lang in $LANGS; do
		"$PRINT" strings "$SRC/assets/decks/$deck" --lang "$lang" >"$TMP/$deck/strings/$lang.tsv"
	done
	qr=""
	[ "$deck" = pusd-2023 ] && qr=district-office
	for lang in $LANGS $PAIRS; do
		echo "$deck $lang letter 0${qr:+ $qr}" >>"$jobs"
	done
	for lang in en ar zh-Hant en,ar; do
		echo "$deck $lang letter 1${qr:+ $qr}" >>"$jobs"
	done
	for lang in en ar zh-Hant; do
		echo "$deck $lang a4 1${qr:+ $qr}" >>"$jobs"
	done
	echo "$deck es a4 0${qr:+ $qr}" >>"$jobs"
done
# A handout with another site: the QR carries it.
echo "pusd-2023 vi letter 0 jefferson-elementary" >>"$jobs"

cat >"$TMP/one.sh" <<'SH'
# one.sh DECK LANGS PAPER LARGE [SITE]: print one handout and check it.
deck=$1 langs=$2 paper=$3 large=$4 site=${5:-}
name="$deck $langs $paper$([ "$large" = 1 ] && echo " large")"
out="$TMP/$deck-$langs-$paper-$large"
[ -n "$site" ] && [ "$site" != district-office ] && out="$out-$site"
args=(handout "$SRC/assets/decks/$deck" --lang "$langs" --paper "$paper" -o "$out.pdf" --boxes "$out.tsv")
[ "$large" = 1 ] && args+=(--large-print)
[ -n "$site" ] && [ "$site" != district-office ] && args+=(--site "$site")
if ! "$PRINT" "${args[@]}" 2>"$out.err" || [ -s "$out.err" ]; then
	echo "FAIL - $name: placard-print ${args[*]}: $(cat "$out.err")"
	exit 1
fi
python3 "$TMP/check.py" "$name" "$out.pdf" "$out.tsv" "$TMP/$deck/strings" "$langs" "$paper" "$large" "$site"
SH
export TMP SRC PRINT
rc=0
xargs -P 2 -L 1 bash "$TMP/one.sh" <"$jobs" >"$TMP/results" 2>&1 || rc=$?
grep -v '^ok - ' "$TMP/results" | sed 's/^/    /' || true
n_ok=$(grep -c '^ok - ' "$TMP/results" || true)
n_fail=$(grep -c '^FAIL - ' "$TMP/results" || true)
echo "# $(wc -l <"$jobs") handouts, $n_ok checks passed, $n_fail failed"
expect_eq "every handout of every deck passes its checks" "0 0" "$rc $n_fail"

# Metadata: title, author, /Lang (one language: its tag; bilingual: mul).
D23=$SRC/assets/decks/pusd-2023
pdfinfo "$TMP/pusd-2023-es-letter-0.pdf" 2>/dev/null >"$TMP/info"
expect_grep "pdfinfo: the title in the handout's language" "^Title: +Plan Estratégico" "$TMP/info"
expect_grep "pdfinfo: the district as author" "^Author: +Distrito Escolar Unificado de Pasadena" "$TMP/info"
expect_grep "pdfinfo: Letter" "^Page size: +612 x 792 pts \(letter\)" "$TMP/info"
pdfinfo "$TMP/pusd-2023-ar-a4-1.pdf" 2>/dev/null >"$TMP/info-a4"
expect_grep "pdfinfo: A4" "^Page size: +595.27[0-9]* x 841.89 pts \(A4\)" "$TMP/info-a4"
lang_of() {
	qpdf --qdf --object-streams=disable "$1" "$TMP/lang.qdf"
	grep -a -o '^  /Lang ([^)]*)' "$TMP/lang.qdf" | sed 's/.*(\(.*\))/\1/'
}
expect_eq "/Lang of a Persian handout" fa "$(lang_of "$TMP/pusd-2023-fa-letter-0.pdf")"
expect_eq "/Lang of a bilingual handout" mul "$(lang_of "$TMP/pusd-2023-en,ar-letter-0.pdf")"

# The footer: version, date and "Page N of M" on every page.
pages=$(pdfinfo "$TMP/pusd-2023-en-letter-0.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
pdftotext -enc UTF-8 "$TMP/pusd-2023-en-letter-0.pdf" "$TMP/en.txt" 2>/dev/null
expect_eq "a footer on each of the $pages pages" "$pages" \
	"$(grep -cE "^Version 2023-draft, 2023-03-21 · Page [0-9]+ of $pages$" "$TMP/en.txt")"
expect_grep "the survey's closing time" "^The survey closes 2023-04-14 17:00 \(UTC-07:00\)\.$" "$TMP/en.txt"
expect_grep "the short URL" "^pusd\.us/strategicplan-survey$" "$TMP/en.txt"
expect_grep "the survey URL in text" "^https://www\.pusd\.us/strategicplan-survey\?lang=en&site=district-office$" "$TMP/en.txt"

# Side by side: the columns' sections line up: each slide heading of the
# English column has its Spanish heading at the same height.
python3 - "$TMP/pusd-2023-en,es-letter-0.tsv" >"$TMP/align" <<'PY' || true
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
left = {(r[0], r[2]) for r in rows if r[5] == "en" and float(r[1]) < 300}
right = {(r[0], r[2]) for r in rows if r[5] == "es" and float(r[1]) > 300}
both = left & right
print("%d lines in both columns at the same height" % len(both))
sys.exit(0 if len(both) > 30 else 1)
PY
expect_grep "bilingual: sections aligned across the columns" "^[0-9]+ lines in both" "$TMP/align"
# en,ar: the Arabic column on the right, its lines flush right.
expect_eq "en,ar: Arabic lines end at the right margin" "ok" "$(awk -F'\t' '
	$6 == "ar" { if ($2 + $4 > 558.5 + 0.01) bad++; if ($2 + $4 > 558 - 1) flush++ }
	END { print (bad == 0 && flush > 50) ? "ok" : "bad " bad " flush " flush }' \
	"$TMP/pusd-2023-en,ar-letter-0.tsv")"

# Large print stacks two languages in one column, section by section.
awk -F'\t' '$6 == "en" || $6 == "ar" { print $6 }' "$TMP/pusd-2023-en,ar-letter-1.tsv" |
	uniq | wc -l >"$TMP/switches"
expect_eq "large print en,ar: one column (all runs inside 72..540)" "" \
	"$(awk -F'\t' '$2 < 71.9 || $2 + $4 > 540.1' "$TMP/pusd-2023-en,ar-letter-1.tsv")"
if [ "$(cat "$TMP/switches")" -gt 40 ]; then pass "large print en,ar: languages alternate section by section"; else
	fail "large print en,ar: languages switch only $(cat "$TMP/switches") times"
fi

# An untranslated string: the source text, marked "(not yet translated)" in
# the handout's language (pusd-2020 has 84 untranslated strings in Armenian).
untranslated=$(awk -F'\t' '$2 != "translated"' "$TMP/pusd-2020/strings/hy.tsv" | wc -l)
pdftotext -enc UTF-8 "$TMP/pusd-2020-hy-letter-0.pdf" "$TMP/hy.txt" 2>/dev/null
expect_eq "every untranslated string marked (դեռ թարգմանված չէ)" "$untranslated" \
	"$(grep -c '^(դեռ թարգմանված չէ)$' "$TMP/hy.txt")"

# The poll prints its choices with boxes to tick (drawn as stroked squares).
qpdf --qdf --object-streams=disable "$TMP/pusd-2023-en-letter-0.pdf" "$TMP/en.qdf"
expect_eq "15 tick boxes for three five-point polls" 15 "$(grep -ac ' re$' "$TMP/en.qdf" | awk '{ print ($1 >= 15) ? 15 : $1 }')"

# Errors: one line, exit 1 for problems, 2 for usage mistakes.
code() { local rc=0; "$@" >/dev/null 2>"$TMP/err" || rc=$?; echo "$rc"; }
expect_eq "no -o: exit 2" 2 "$(code "$PRINT" handout "$D23" --lang en)"
expect_eq "three languages: exit 2" 2 "$(code "$PRINT" handout "$D23" --lang en,es,ar -o "$TMP/x.pdf")"
expect_eq "--paper legal: exit 2" 2 "$(code "$PRINT" handout "$D23" --lang en --paper legal -o "$TMP/x.pdf")"
expect_eq "a malformed tag: exit 2" 2 "$(code "$PRINT" handout "$D23" --lang english -o "$TMP/x.pdf")"
expect_eq "a language the deck does not offer: exit 1" 1 "$(code "$PRINT" handout "$D23" --lang de -o "$TMP/x.pdf")"
expect_eq "and one line" 1 "$(wc -l <"$TMP/err")"
expect_grep "that names it" "does not offer language 'de'" "$TMP/err"
expect_eq "a deck that does not load: exit 1" 1 "$(code "$PRINT" handout "$TMP/nowhere" --lang en -o "$TMP/x.pdf")"
expect_eq "and one line" 1 "$(wc -l <"$TMP/err")"
expect_eq "an unwritable output: exit 1" 1 "$(code "$PRINT" handout "$D23" --lang es -o "$TMP/none/x.pdf")"
expect_grep "and says why" "none/x\.pdf: error: cannot write: No such file or directory" "$TMP/err"
expect_eq "and one line" 1 "$(wc -l <"$TMP/err")"
finish
