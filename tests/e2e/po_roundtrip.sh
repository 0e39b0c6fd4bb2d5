# The translation workflow with the real gettext tools: placard-print pot ->
# msginit -> translate -> check 100 %; an English edit -> pot -> msgmerge
# brings the entry back fuzzy and the kiosk text falls back to English, marked;
# moving slides orphans nothing.
. "$(dirname "$0")/lib.bash"
deck="$TMP/deck"
cp -r "$SRC/assets/decks/pusd-2023" "$deck"
rm -f "$deck"/po/*.po

"$PRINT" pot "$deck" -o "$TMP/deck.pot"
expect_eq "template is valid for msgfmt" 0 "$(msgfmt --check-format -o /dev/null "$TMP/deck.pot" 2>/dev/null; echo $?)"
n=$(grep -c '^msgctxt ' "$TMP/deck.pot")
n_deck=$("$PRINT" strings "$deck" --lang en | wc -l)
expect_eq "template has one entry per deck string" "$n_deck" "$n"
"$PRINT" pot "$deck" -o "$TMP/again.pot"
expect_eq "template is reproducible" "" "$(diff "$TMP/deck.pot" "$TMP/again.pot")"

# A Vietnamese catalogue, "translated" by msgen (copies msgid) then marked.
msginit --no-translator -l vi -i "$TMP/deck.pot" -o "$TMP/vi-empty.po" 2>/dev/null
msgen "$TMP/vi-empty.po" | msgfilter --keep-header -o "$deck/po/vi.po" sed -e '/./s/^/VI: /' 2>/dev/null
msgfmt --check -o /dev/null "$deck/po/vi.po"
"$PRINT" check "$deck" >"$TMP/out" 2>"$TMP/err"
expect_grep "msginit + translate: vi 100 %" "^  vi +$n +0 +0 +0 +100 %$" "$TMP/out"
expect_eq "no problems" "" "$(cat "$TMP/err")"

# The English of the mission changes; before msgmerge the old translation
# is not shown (missing, with a warning naming the entry).
sed -i 's/prepares students for success in an ever-evolving world/prepares every student for success in a changing world/' "$deck/deck.yaml"
grep -q 'prepares every student' "$deck/deck.yaml"
"$PRINT" check "$deck" >"$TMP/out" 2>"$TMP/err" || true
expect_grep "stale translation: 1 missing" "^  vi +$((n - 1)) +0 +0 +1 +" "$TMP/out"
expect_grep "stale translation reported at its line" "vi\.po:[0-9]+:1: warning: 'mission/text' translates an older source text; run msgmerge" "$TMP/err"

"$PRINT" pot "$deck" -o "$TMP/deck.pot"
msgmerge -q -U --backup=off "$deck/po/vi.po" "$TMP/deck.pot"
"$PRINT" check "$deck" >"$TMP/out" 2>"$TMP/err"
expect_grep "after msgmerge: 1 fuzzy" "^  vi +$((n - 1)) +1 +0 +0 +" "$TMP/out"
"$PRINT" strings "$deck" --lang vi >"$TMP/strings"
expect_grep "fuzzy entry falls back to the new English" $'^mission/text\tfuzzy\tPasadena Unified prepares every student' "$TMP/strings"
expect_grep "other entries stay translated" $'^mission/heading\ttranslated\tVI: ' "$TMP/strings"

# An emptied msgstr is untranslated and falls back too.
msgfilter -i "$deck/po/vi.po" -o "$TMP/vi2.po" --keep-header sh -c 'v=$(cat); case "$v" in "VI: Vision") ;; *) printf %s "$v";; esac' 2>/dev/null
cp "$TMP/vi2.po" "$deck/po/vi.po"
"$PRINT" strings "$deck" --lang vi >"$TMP/strings"
expect_grep "untranslated entry falls back to English" $'^mission-vision/heading\tuntranslated\tVision$|\tuntranslated\tVision$' "$TMP/strings"

# Moving the last slide to the front orphans no translation.
"$PRINT" check "$deck" >"$TMP/out" 2>/dev/null
python3 - "$deck/deck.yaml" <<'PY'
import sys
p = sys.argv[1]
text = open(p).read()
head, slides = text.split("\nslides:\n", 1)
parts = slides.split("\n  - id: ")
first, rest = parts[0], parts[1:]
rest = [rest[-1].rstrip("\n") + "\n"] + rest[:-1]
out = head + "\nslides:\n" + first + "".join("\n  - id: " + r for r in rest)
open(p, "w").write(out)
PY
"$PRINT" check "$deck" >"$TMP/out2" 2>/dev/null
expect_eq "reordered slides: same coverage" "$(grep '^  vi' "$TMP/out")" "$(grep '^  vi' "$TMP/out2")"

# A translation that joins two paragraphs into one is flagged at its entry.
msgfilter --keep-header -i "$deck/po/vi.po" -o "$TMP/vi3.po" tr '\n' ' ' 2>/dev/null
cp "$TMP/vi3.po" "$deck/po/vi.po"
"$PRINT" check "$deck" >/dev/null 2>"$TMP/err" || true
expect_grep "joined paragraphs warned at the entry" "vi\.po:[0-9]+:1: warning: 'approach/intro' has 2 paragraphs in the source but 1 in the translation" "$TMP/err"
finish
