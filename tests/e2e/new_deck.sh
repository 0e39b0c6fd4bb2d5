# placard-print new: a deck folder with one slide of every kind, placeholder
# text and comments, the template and an empty catalogue per language, which
# check passes, the kiosk shows and the printer prints; the gettext tools
# accept what it writes; it never overwrites a deck.
. "$(dirname "$0")/lib.bash"
code() { local rc=0; "$@" >/dev/null 2>&1 || rc=$?; echo "$rc"; }
cd "$TMP"
rc=0
"$PRINT" new "Jefferson Elementary 2025" --title 'Our Plan: "Every Child"' \
	--district 'Jefferson Unified School District' --languages en,es,zh-Hant,ar,vi \
	>new.out 2>new.err || rc=$?
expect_eq "new exits 0" 0 "$rc"
expect_eq "and says nothing on standard error" "" "$(cat new.err)"
N="Jefferson Elementary 2025"
for f in deck.yaml po/jefferson-elementary-2025.pot po/es.po po/zh-Hant.po po/ar.po po/vi.po; do
	[ -s "$N/$f" ] && pass "wrote $f" || fail "did not write $f"
	grep -qxF "$N/$f" new.out && pass "and names $f" || fail "does not name $f"
done
[ ! -e "$N/po/en.po" ] && pass "no catalogue for the source language" || fail "wrote po/en.po"
expect_grep "tells the host what to run next (quoted for a shell)" \
	"^  placard-print check 'Jefferson Elementary 2025'$" new.out
Y=$N/deck.yaml
expect_grep "the id comes from the folder's name" "^id: jefferson-elementary-2025$" "$Y"
expect_grep "the source language is the first of --languages" "^source_language: en$" "$Y"
expect_grep "the languages in order" "^languages: \[en, es, zh-Hant, ar, vi\]$" "$Y"
expect_grep "today's date" "^date: $(date +%Y-%m-%d)$" "$Y"
for kind in title statement values cards list table poll survey; do
	expect_grep "a $kind slide" "^    kind: $kind$" "$Y"
	expect_grep "with a comment saying what a $kind slide is" "^  # $kind[:,]" "$Y"
done
expect_grep "an agreement poll" "^    style: agreement$" "$Y"
expect_grep "a survey to point the QR code at" "^  url: https://" "$Y"

# check passes, with every language untranslated (and nothing missing).
rc=0
"$PRINT" check "$N" >check.out 2>check.err || rc=$?
expect_eq "check passes the new deck" 0 "$rc"
expect_eq "with no warnings" "" "$(cat check.err)"
strings_count=$(sed -nE 's/.*slides, ([0-9]+) strings$/\1/p' check.out)
[ "${strings_count:-0}" -gt 50 ] && pass "$strings_count strings to translate" ||
	fail "only ${strings_count:-no} strings"
for lang in es zh-Hant ar vi; do
	expect_grep "$lang: every string untranslated, none missing" \
		"^  $lang +0 +0 +$strings_count +0 +0 %$" check.out
done
# The title and district round-trip exactly, quotes and colon included.
"$PRINT" strings "$N" --lang en >strings.out
expect_grep "the title as given" $'^deck/title\ttranslated\tOur Plan: "Every Child"$' strings.out
expect_grep "the district as given" $'^deck/district\ttranslated\tJefferson Unified School District$' \
	strings.out

# The catalogues are what msginit would write: each passes msgfmt --check, has
# the language and its plural rule, and the template's entries.
for lang in es zh-Hant ar vi; do
	po=$N/po/$lang.po
	msgfmt --check -o /dev/null "$po" 2>msgfmt.err && pass "$lang.po passes msgfmt --check" ||
		fail "$lang.po: $(cat msgfmt.err)"
	expect_grep "$lang.po: Language: $lang" "^\"Language: $lang\\\\n\"$" "$po"
	expect_eq "$lang.po: the template's entries" \
		"$(grep -c '^msgctxt' "$N/po/jefferson-elementary-2025.pot")" "$(grep -c '^msgctxt' "$po")"
done
expect_grep "Arabic's six plural forms" '^"Plural-Forms: nplurals=6;' "$N/po/ar.po"
expect_grep "Vietnamese's one" '^"Plural-Forms: nplurals=1; plural=0;' "$N/po/vi.po"
# The template is the one "pot" writes, and msgmerge has nothing to change.
"$PRINT" pot "$N" -o again.pot
expect_eq "the template is what placard-print pot writes" "" \
	"$(diff "$N/po/jefferson-elementary-2025.pot" again.pot)"
msgmerge -q -o merged.po "$N/po/es.po" again.pot 2>/dev/null
expect_eq "msgmerge keeps es.po's entries as they are" "" \
	"$(diff <(grep -E '^msg' "$N/po/es.po") <(grep -E '^msg' merged.po))"
msginit --no-translator -l ko -i again.pot -o "$N/po/ko.po" >/dev/null 2>&1 &&
	pass "msginit starts another language from the template" || fail "msginit refused the template"
# A first translation counts.
python3 - "$N/po/es.po" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace('msgctxt "mission/heading"\nmsgid "Mission"\nmsgstr ""',
              'msgctxt "mission/heading"\nmsgid "Mission"\nmsgstr "Misión"', 1)
open(p, "w", encoding="utf-8").write(s)
PY
"$PRINT" check "$N" >check2.out 2>/dev/null || true
expect_grep "a translated string shows in the table" "^  es +1 +0 +$((strings_count - 1)) +0 " check2.out

# The kiosk shows every slide and the printer prints it.
rc=0
"$KIOSK" --screenshot shot.png --slide all --size 1280x720 --lang es "$N" 2>kiosk.err || rc=$?
expect_eq "the kiosk renders every slide of the new deck" 0 "$rc"
[ "$(ls shot-*.png | wc -l)" -ge 11 ] && pass "$(ls shot-*.png | wc -l) screens" ||
	fail "only $(ls shot-*.png | wc -l) screens"
rc=0
"$PRINT" handout "$N" --lang en,es -o handout.pdf 2>handout.err || rc=$?
expect_eq "a bilingual handout of the new deck prints" 0 "$rc"

# It never writes over a deck, and refuses what it cannot make.
before=$(md5sum "$Y")
expect_eq "a folder that holds a deck is refused (exit 1)" 1 \
	"$(code "$PRINT" new "$N" --title T --district D)"
expect_eq "and left as it was" "$before" "$(md5sum "$Y")"
expect_eq "no --title is wrong usage" 2 "$(code "$PRINT" new other --district D)"
expect_eq "no --district is wrong usage" 2 "$(code "$PRINT" new other --title T)"
expect_eq "no folder is wrong usage" 2 "$(code "$PRINT" new --title T --district D)"
expect_eq "a bad language tag is wrong usage" 2 \
	"$(code "$PRINT" new other --title T --district D --languages en,español)"
expect_eq "a language twice is wrong usage" 2 \
	"$(code "$PRINT" new other --title T --district D --languages en,es,es)"
expect_eq "a folder name with no letters needs --id" 2 "$(code "$PRINT" new ___ --title T --district D)"
expect_eq "which it then takes" 0 "$(code "$PRINT" new ___ --title T --district D --id plan)"
expect_grep "as the deck's id" "^id: plan$" ___/deck.yaml
"$PRINT" new other --title T --district D --languages es,en >/dev/null
expect_grep "another source language" "^source_language: es$" other/deck.yaml
[ -e other/po/en.po ] && [ ! -e other/po/es.po ] && pass "catalogues for the others only" ||
	fail "wrong catalogues for a Spanish source"
expect_eq "an empty folder is fine" 0 "$(mkdir empty && code "$PRINT" new empty --title T --district D)"
# A catalogue that cannot be written (a full disk, here /dev/full) is an error.
mkdir -p full/po && ln -s /dev/full full/po/es.po
rc=0
"$PRINT" new full --title T --district D --languages en,es >/dev/null 2>full.err || rc=$?
expect_eq "a write that fails exits 1" 1 "$rc"
expect_grep "and says why" "full/po/es.po: No space left on device" full.err
finish
