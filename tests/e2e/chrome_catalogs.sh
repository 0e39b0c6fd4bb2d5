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
# The coverage table lines up in a terminal in Chinese and Korean too
# (columns counted by East Asian width, not bytes).
for loc in zh_CN zh_TW ko es; do
	LANGUAGE=$loc "$PRINT" check "$SRC/assets/decks/d62" 2>/dev/null | tail -n +2 >"$TMP/table"
	widths=$(python3 -c '
import sys, unicodedata
w = lambda s: sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(" ".join(sorted({str(w(l.rstrip("\n"))) for l in open(sys.argv[1])})))' "$TMP/table")
	expect_eq "LANGUAGE=$loc: every row of the table is as wide as the heading" 1 "$(wc -w <<<"$widths")"
done
finish
