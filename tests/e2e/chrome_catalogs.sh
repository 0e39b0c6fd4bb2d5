# The programs' own strings: po/placard.pot matches what xgettext extracts
# from the sources today, and every catalogue covers all of it.
. "$(dirname "$0")/lib.bash"
cd "$SRC"
xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=P_:1c,2 \
	--keyword=NG_:1,2 -o "$TMP/fresh.pot" kiosk/*.c print/*.c core/*.c
ids() { msgcat --no-location --no-wrap --sort-output "$1" 2>/dev/null | grep -E '^(msgctxt|msgid)' ; }
expect_eq "po/placard.pot is up to date (run: make -C build pot)" "$(ids "$TMP/fresh.pot")" "$(ids po/placard.pot)"
for po in po/*.po; do
	out=$(msgcmp "$po" po/placard.pot 2>&1) && pass "$po covers every string" || fail "$po: $out"
	untranslated=$(msgattrib --untranslated --only-fuzzy "$po" 2>/dev/null | grep -c '^msgid' || true)
	fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" 2>/dev/null | grep -c '^msgid' || true)
	expect_eq "$po has no fuzzy entries" 0 "$fuzzy"
done
# The host's language picks the catalogue: Spanish usage errors in Spanish.
LANGUAGE=es "$PRINT" no-such-command >/dev/null 2>"$TMP/err" || true
expect_grep "LANGUAGE=es gives Spanish messages" "orden desconocida" "$TMP/err"
LANGUAGE=fr "$PRINT" no-such-command >/dev/null 2>"$TMP/err" || true
expect_grep "a language without a catalogue gives English" "unknown command" "$TMP/err"
finish
