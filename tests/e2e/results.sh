# placard-print results: vote stores from two kiosks, cast with the real
# store code (tests/tools/cast_votes.c), merged in memory and reported. The
# report is well formed (qpdf), its fonts embedded, titled, with /Lang; each
# poll's counts and percentages, overall, by language and by site, read back
# with pdftotext match what the test computes from the votes it cast; a store
# given twice (and a copy of it) counts once; votes of another deck version
# are kept apart with a note; a damaged store is named, left out, exit 1; the
# CSV has a header and one row per vote.
. "$(dirname "$0")/lib.bash"
CAST=${PLACARD_CAST_VOTES:?set by ctest}
DECK=$SRC/assets/decks/pusd-2023
V=2023-draft
# deck, version, poll, choice, language, site, count
cat >"$TMP/a.tsv" <<TSV
pusd-2023	$V	understandable	agree	es	jefferson-elementary	3
pusd-2023	$V	understandable	agree	en	jefferson-elementary	2
pusd-2023	$V	understandable	strongly-agree	en	jefferson-elementary	1
pusd-2023	$V	understandable	disagree	vi	jefferson-elementary	1
pusd-2023	$V	focus	agree	ar	jefferson-elementary	2
pusd-2023	$V	focus	neutral	en	jefferson-elementary	1
TSV
cat >"$TMP/b.tsv" <<TSV
pusd-2023	$V	understandable	agree	en	district-office	1
pusd-2023	$V	understandable	neutral	zh-Hant	district-office	2
pusd-2023	$V	understandable	strongly-disagree	ko	district-office	1
pusd-2023	$V	focus	agree	en	district-office	2
pusd-2023	$V	inclusive	strongly-agree	tl	district-office	1
pusd-2023	2022-old	understandable	agree	en	district-office	1
TSV
"$CAST" "$TMP/a.db" <"$TMP/a.tsv" >"$TMP/kiosk-a"
"$CAST" "$TMP/b.db" <"$TMP/b.tsv" >"$TMP/kiosk-b"
expect_eq "two kiosks, two ids" 2 "$(sort -u "$TMP/kiosk-a" "$TMP/kiosk-b" | wc -l)"
cp "$TMP/a.db" "$TMP/a-copy.db"
before=$(md5sum "$TMP/a.db" "$TMP/b.db")

rc=0
"$PRINT" results "$TMP/a.db" "$TMP/b.db" "$TMP/a.db" "$TMP/a-copy.db" -o "$TMP/r.pdf" \
	--csv "$TMP/r.csv" 2>"$TMP/err" || rc=$?
expect_eq "results of four stores (one twice, one a copy) exits 0" 0 "$rc"
expect_grep "notes the two deck versions" "warning: votes from 2 decks or deck versions" "$TMP/err"
expect_eq "the stores are only read" "$before" "$(md5sum "$TMP/a.db" "$TMP/b.db")"
if qpdf --check "$TMP/r.pdf" >"$TMP/qpdf" 2>&1; then pass "qpdf --check is clean"; else
	fail "qpdf --check:"
	sed 's/^/    /' "$TMP/qpdf"
fi
pdffonts "$TMP/r.pdf" 2>/dev/null | tail -n +3 >"$TMP/fonts"
expect_eq "fonts: all embedded and subset" "" \
	"$(awk '{ if ($(NF-4) != "yes" || $(NF-3) != "yes") print }' "$TMP/fonts")"
pdfinfo "$TMP/r.pdf" 2>/dev/null >"$TMP/info"
expect_grep "pdfinfo shows the title" "^Title: +Survey results$" "$TMP/info"
qpdf --qdf --object-streams=disable "$TMP/r.pdf" "$TMP/r.qdf"
expect_grep "/Lang in the catalog (the host's language)" "^  /Lang \(en\)$" "$TMP/r.qdf"

# The numbers: expected from the votes cast (each once), against what
# pdftotext -layout reads back, chart by chart.
cat >"$TMP/numbers.py" <<'PY'
import re, sys
from collections import Counter
tsvs, text = sys.argv[1:-1], open(sys.argv[-1], encoding="utf-8").read()
votes = Counter()
for name in tsvs:
    for line in open(name, encoding="utf-8"):
        deck, ver, poll, choice, lang, site, n = line.rstrip("\n").split("\t")
        votes[(deck, ver, poll, choice, lang, site)] += int(n)
expected = {}
polls = {k[:3] for k in votes}
for p in polls:
    mine = {k: n for k, n in votes.items() if k[:3] == p}
    choices = {k[3] for k in mine}
    def chart(section, key, keep):
        total = sum(n for k, n in mine.items() if keep(k))
        for c in choices:
            n = sum(n for k, n in mine.items() if keep(k) and k[3] == c)
            expected[p + (section, key, c)] = "%d (%.0f%%)" % (n, 100.0 * n / total)
    chart("all", "", lambda k: True)
    for lang in {k[4] for k in mine}:
        chart("lang", lang, lambda k, lang=lang: k[4] == lang)
    for site in {k[5] for k in mine}:
        chart("site", site, lambda k, site=site: k[5] == site)
found, poll, section, key = {}, None, "all", ""
for line in text.splitlines():
    line = line.strip()
    m = re.match(r"Poll (\S+), deck (\S+), version (\S+): (\d+) votes?$", line)
    if m:
        poll, section, key = (m.group(2), m.group(3), m.group(1)), "all", ""
        total = sum(n for k, n in votes.items() if k[:3] == poll)
        if int(m.group(4)) != total:
            print("poll %s: %s votes, expected %d" % (poll, m.group(4), total))
            found["bad"] = 1
        continue
    if line == "By language": section = "lang"; continue
    if line == "By site": section = "site"; continue
    m = re.match(r"(\S+): \d+ votes?$", line)
    if m and poll and section != "all":
        key = m.group(1); continue
    m = re.match(r"(\S+)\s+(\d+ \(\d+%\))$", line)
    if m and poll:
        found[poll + (section, key, m.group(1))] = m.group(2)
bad = 0
for k, v in sorted(expected.items()):
    if found.get(k) != v:
        bad += 1
        print("%s: expected %s, read %s" % ("/".join(k), v, found.get(k)))
print("%d bars checked, %d wrong" % (len(expected), bad))
sys.exit(1 if bad or "bad" in found else 0)
PY
pdftotext -layout -enc UTF-8 "$TMP/r.pdf" "$TMP/r.txt" 2>/dev/null
if python3 "$TMP/numbers.py" "$TMP/a.tsv" "$TMP/b.tsv" "$TMP/r.txt" >"$TMP/numbers" 2>&1; then
	pass "every count and percentage, each vote once: $(tail -n 1 "$TMP/numbers")"
else
	fail "counts read back:"
	sed 's/^/    /' "$TMP/numbers"
fi
expect_grep "the total: 18 votes (4 stores given, a.db twice)" "^ *18 votes from 4 vote stores, each vote counted once" \
	"$TMP/r.txt"
expect_grep "the versions kept apart, with a note" "come from 2 decks or deck versions" "$TMP/r.txt"
expect_grep "the old version's poll is its own" "Poll understandable, deck pusd-2023, version 2022-old: 1 vote$" \
	"$TMP/r.txt"

# The CSV: a header, one row per vote (each once), CRLF.
expect_eq "CSV header" "id,deck,deck_version,poll,choice,lang,site,kiosk,seq,hour_utc" \
	"$(head -n 1 "$TMP/r.csv" | tr -d '\r')"
expect_eq "CSV: one row per vote" 18 "$(($(wc -l <"$TMP/r.csv") - 1))"
expect_eq "CSV: every id once" 18 "$(tail -n +2 "$TMP/r.csv" | cut -d, -f1 | sort -u | wc -l)"
expect_eq "CSV: the same as votes export" "$("$PRINT" votes export "$TMP/a.db" "$TMP/b.db" --csv - | md5sum)" \
	"$(md5sum <"$TMP/r.csv")"

# With --deck: the deck's question and choice labels.
"$PRINT" results "$TMP/a.db" "$TMP/b.db" --deck "$DECK" -o "$TMP/d.pdf" 2>/dev/null
pdftotext -layout -enc UTF-8 "$TMP/d.pdf" "$TMP/d.txt" 2>/dev/null
expect_grep "--deck: the question" "Are the Strategic Pillars and Desired Outcomes understandable\?" \
	"$TMP/d.txt"
expect_grep "--deck: choice labels" "^ *Neither agree nor disagree +2 \(18%\)$" "$TMP/d.txt"
expect_grep "--deck: choices with no votes too" "^ *Strongly disagree +0 \(0%\)$" "$TMP/d.txt"
expect_grep "--deck: the deck's title" "2023-2028 Strategic Plan" "$TMP/d.txt"

# A damaged store: named, left out, exit 1; the rest still reported.
head -c 4096 /dev/urandom >"$TMP/broken.db"
rc=0
"$PRINT" results "$TMP/a.db" "$TMP/broken.db" "$TMP/b.db" -o "$TMP/x.pdf" --csv "$TMP/x.csv" \
	2>"$TMP/err" || rc=$?
expect_eq "a damaged store: exit 1" 1 "$rc"
expect_grep "and it is named" "broken\.db: error: not merged" "$TMP/err"
pdftotext -layout -enc UTF-8 "$TMP/x.pdf" "$TMP/x.txt" 2>/dev/null
expect_grep "the report says it was left out" "Left out, damaged or unreadable: .*broken\.db" "$TMP/x.txt"
expect_grep "the others are counted" "18 votes from 2 vote stores" "$TMP/x.txt"
expect_eq "the CSV has the others' votes" 18 "$(($(wc -l <"$TMP/x.csv") - 1))"

code() { local rc=0; "$@" >/dev/null 2>&1 || rc=$?; echo "$rc"; }
expect_eq "results without -o exits 2" 2 "$(code "$PRINT" results "$TMP/a.db")"
expect_eq "results without stores exits 2" 2 "$(code "$PRINT" results -o "$TMP/y.pdf")"
finish
