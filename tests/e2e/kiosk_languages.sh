# The kiosk shows a deck in the visitor's language; a string with no
# translation (no catalogue, fuzzy after an English edit, or a broken
# catalogue) shows in the source language, marked in the visitor's language,
# never as an empty box. --dump-text prints what the screen shows, one
# string a line: id, "translated" or "fallback", text.
. "$(dirname "$0")/lib.bash"
deck="$SRC/assets/decks/pusd-2023"
show() { "$KIOSK" --dump-text --screen welcome "$@" 2>"$TMP/err"; }

show --lang es "$deck" >"$TMP/es"
expect_grep "Spanish title" $'^deck/title\ttranslated\tPlan Estratégico 2023-2028' "$TMP/es"
expect_grep "the language control names Spanish in Spanish" $'^language\ttranslated\tEspañol$' "$TMP/es"
if grep -q '^mark' "$TMP/es"; then fail "no marker when all is translated"; else pass "no marker when all is translated"; fi

# A language the deck offers but has no catalogue for yet.
cp -r "$deck" "$TMP/nocat"
rm -f "$TMP/nocat/po/vi.po"
show --lang vi "$TMP/nocat" >"$TMP/vi"
expect_grep "no Vietnamese catalogue: English title, marked as a fallback" $'^deck/title\tfallback\t2023-2028 Strategic Plan' "$TMP/vi"
"$KIOSK" --dump-text --slide 2 --lang vi "$TMP/nocat" >"$TMP/vi2" 2>/dev/null
expect_grep "and the slide says so in Vietnamese" $'^mark\ttranslated\t\\(chưa được dịch\\)$' "$TMP/vi2"

# The English title changes and msgmerge marks the Spanish fuzzy.
cp -r "$deck" "$TMP/deck"
sed -i 's/^title: 2023-2028 Strategic Plan (Draft)$/title: 2023-2028 Strategic Plan (Second Draft)/' "$TMP/deck/deck.yaml"
"$PRINT" pot "$TMP/deck" -o "$TMP/deck.pot"
msgmerge -q -U --backup=off "$TMP/deck/po/es.po" "$TMP/deck.pot"
show --lang es "$TMP/deck" >"$TMP/fuzzy"
expect_grep "fuzzy title falls back to the new English" $'^deck/title\tfallback\t2023-2028 Strategic Plan \\(Second Draft\\)$' "$TMP/fuzzy"
expect_grep "marked in Spanish" $'^mark\ttranslated\t\\(todavía sin traducir\\)$' "$TMP/fuzzy"

# A broken catalogue is reported, and the deck still shows, marked.
printf 'msgid "broken\n' >>"$TMP/deck/po/es.po"
rc=0
show --lang es "$TMP/deck" >"$TMP/broken" || rc=$?
expect_eq "broken catalogue: the kiosk still runs" 0 "$rc"
expect_grep "the error names file:line:col" "po/es\.po:[0-9]+:[0-9]+: error: end-of-line within string" "$TMP/err"
expect_grep "English title shown, marked" $'^deck/title\tfallback\t2023-2028 Strategic Plan' "$TMP/broken"

# The admin screen names the kiosk, where a site has several.
"$KIOSK" --dump-text --screen admin --kiosk-id=lobby-1 --site=jefferson-elementary "$deck" \
	>"$TMP/admin" 2>/dev/null
expect_grep "the admin screen names the kiosk and its site" \
	$'^admin-status\ttranslated\tKiosk lobby-1 at jefferson-elementary$' "$TMP/admin"

# The same screen drawn: text, not an empty screen, in Spanish too.
"$KIOSK" --screenshot "$TMP/es.bmp" --lang es --size 1280x720 "$deck"
[ -s "$TMP/es.bmp" ] && pass "Spanish frame rendered" || fail "no Spanish frame"
finish
