# placard-print qr-card: the PUSD 2023 survey's table tents and posters in
# all ten languages for two sites, Letter and A4. The PDF is well formed
# (qpdf), its fonts embedded; every QR decodes with zbarimg at 150 dpi to
# exactly the survey URL with lang and site (built here by hand from the
# deck's URL), both halves of each tent; each symbol measures at least 25 mm
# (tent) and 150 mm (poster) in the rendered page, from zbarimg's corners;
# the ink test finds no blank run; a deck without a survey gets one line and
# exit 1.
. "$(dirname "$0")/lib.bash"
DECK=$SRC/assets/decks/pusd-2023
LANGS="en es zh-Hans zh-Hant vi ar fa hy ko tl"
BASE=https://www.pusd.us/strategicplan-survey
# The ink test of print_specimen.sh, on runs.
sed -n "/^cat >\"\$TMP\/ink.py\" <<'PY'$/,/^PY$/p" "$SRC/tests/e2e/print_specimen.sh" >"$TMP/ink.sh"
. "$TMP/ink.sh"

# The symbols' sizes, from their finder patterns (ISO/IEC 18004 section
# 6.3.3): rows are scanned for dark-light-dark-light-dark runs in the ratio
# 1:1:3:1:1, hits are grouped into patterns (kept when the centre stone is
# found on at least 2 modules of rows), and two patterns side by side with a
# third under or over one of them make a symbol, whose side is their
# distance plus 7 modules. Prints each side in mm, at 150 dpi.
cat >"$TMP/finders.py" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
fields = data.split(None, 4)
w, h = int(fields[1]), int(fields[2])
pix = data[len(data) - w * h:]
table = bytes(1 if i < 128 else 0 for i in range(256))
hits = []
for y in range(h):
    row = pix[y * w:(y + 1) * w].translate(table)
    runs = [(m.start(), m.end() - m.start(), row[m.start()])
            for m in re.finditer(rb"\x01+|\x00+", row)]
    for i in range(len(runs) - 4):
        r = runs[i:i + 5]
        if r[0][2] != 1:
            continue
        u = sum(x[1] for x in r) / 7.0
        if u < 1 or any(abs(x[1] - k * u) > 0.6 * u + 0.5
                        for x, k in zip(r, (1, 1, 3, 1, 1))):
            continue
        hits.append((r[2][0] + r[2][1] / 2.0, y, u))
patterns = []
for x, y, u in hits:
    for p in patterns:
        if abs(p["x"] - x) < 2 * u and 0 <= y - p["y1"] <= 2 and abs(p["u"] - u) < 0.3 * u:
            p["y1"] = y
            p["n"] += 1
            break
    else:
        patterns.append({"x": x, "y0": y, "y1": y, "u": u, "n": 1})
found = [(p["x"], (p["y0"] + p["y1"]) / 2.0, p["u"]) for p in patterns if p["n"] >= 2 * p["u"]]
sides = set()
for a in found:
    for b in found:
        if b[0] <= a[0] or abs(a[1] - b[1]) > 2 * a[2] or abs(a[2] - b[2]) > 0.2 * a[2]:
            continue
        d = b[0] - a[0]
        for c in found:
            if any(abs(c[0] - e[0]) < 2 * a[2] and abs(abs(c[1] - e[1]) - d) < 3 * a[2]
                   for e in (a, b)):
                sides.add(round((d + 7 * (a[2] + b[2]) / 2) / 150 * 25.4, 1))
for s in sorted(sides):
    print(s)
PY

check_cards() { # check_cards PAPER SITE SITE_PERCENT_ENCODED
	local paper=$1 site=$2 encoded=$3 out=$TMP/cards-$1
	local rc=0
	"$PRINT" qr-card "$DECK" --lang "${LANGS// /,}" --site "$site" --paper "$paper" \
		-o "$out.pdf" --boxes "$out.tsv" 2>"$out.err" || rc=$?
	expect_eq "$paper, $site: exits 0" 0 "$rc"
	if qpdf --check "$out.pdf" >"$out.qpdf" 2>&1; then pass "$paper, $site: qpdf --check"; else
		fail "$paper, $site: qpdf --check:"
		sed 's/^/    /' "$out.qpdf"
	fi
	pdffonts "$out.pdf" 2>/dev/null | tail -n +3 >"$out.fonts"
	expect_eq "$paper, $site: fonts all embedded and subset" "" \
		"$(awk '{ if ($(NF-4) != "yes" || $(NF-3) != "yes") print }' "$out.fonts")"
	expect_eq "$paper, $site: two pages a language" 20 \
		"$(pdfinfo "$out.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')"
	local page=0 lang url
	for lang in $LANGS; do
		url="$BASE?lang=$lang&site=$encoded"
		for kind in tent poster; do
			page=$((page + 1))
			pdftoppm -r 150 -gray -f $page -l $page "$out.pdf" "$out-p" 2>/dev/null
			zbarimg -q --raw "$out-p"-*.pgm 2>/dev/null >"$out.qr" || true
			python3 "$TMP/finders.py" "$out-p"-*.pgm >"$out.mm"
			rm -f "$out-p"-*.pgm
			local want=1 min=25
			[ $kind = tent ] && want=2
			[ $kind = poster ] && min=150
			expect_eq "$paper $site $lang $kind: $want QR, each the exact URL" \
				"$(for _ in $(seq $want); do echo "$url"; done)" "$(cat "$out.qr")"
			expect_eq "$paper $site $lang $kind: the symbol measured" yes \
				"$([ -s "$out.mm" ] && echo yes || echo no)"
			expect_eq "$paper $site $lang $kind: at least $min mm" "" \
				"$(awk -v min=$min '$1 < min { print $1 " mm" }' "$out.mm")"
			echo "# $paper $lang $kind: $(tr '\n' ' ' <"$out.mm")mm"
		done
	done
	if python3 "$TMP/ink.py" "$out.pdf" "$out.tsv" >"$out.ink" 2>&1; then
		pass "$paper, $site: ink test: $(tail -n 1 "$out.ink")"
	else
		fail "$paper, $site: ink test found blank runs:"
		sed 's/^/    /' "$out.ink"
	fi
}
check_cards letter jefferson-elementary jefferson-elementary
# RFC 3986: the space and the ampersand percent-encoded in the value.
check_cards a4 "madison elementary & annex" "madison%20elementary%20%26%20annex"

# A deck without a survey: one line, exit 1.
mkdir -p "$TMP/nosurvey"
cat >"$TMP/nosurvey/deck.yaml" <<'YAML'
placard: 1
id: nosurvey
title: No survey
district: Test
source_language: en
languages: [en]
version: "1"
date: 2024-01-02
slides:
  - id: one
    kind: statement
    heading: Hello
    text: World.
YAML
rc=0
"$PRINT" qr-card "$TMP/nosurvey" --lang en --site x -o "$TMP/ns.pdf" 2>"$TMP/ns.err" || rc=$?
expect_eq "no survey: exit 1" 1 "$rc"
expect_eq "no survey: one line" 1 "$(wc -l <"$TMP/ns.err")"
expect_grep "no survey: says so" "has no survey" "$TMP/ns.err"
code() { local rc=0; "$@" >/dev/null 2>&1 || rc=$?; echo "$rc"; }
expect_eq "qr-card without --site exits 2" 2 "$(code "$PRINT" qr-card "$DECK" --lang en -o "$TMP/y.pdf")"
expect_eq "qr-card with a bad paper exits 2" 2 \
	"$(code "$PRINT" qr-card "$DECK" --lang en --site x --paper legal -o "$TMP/y.pdf")"
finish
