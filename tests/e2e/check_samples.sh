# Every bundled sample deck checks clean (no errors, no warnings) and is 100 %
# translated in English and Spanish.
. "$(dirname "$0")/lib.bash"
for deck in "$SRC"/assets/decks/*/; do
	name=$(basename "$deck")
	rc=0
	"$PRINT" check "$deck" >"$TMP/out" 2>"$TMP/err" || rc=$?
	expect_eq "$name: check exits 0" 0 "$rc"
	expect_eq "$name: no problems reported" "" "$(cat "$TMP/err")"
	expect_grep "$name: English is the source, 100 %" "^  en \(source\) +[0-9]+ +0 +0 +0 +100 %$" "$TMP/out"
	expect_grep "$name: Spanish 100 %" "^  es +[0-9]+ +0 +0 +0 +100 %$" "$TMP/out"
	"$PRINT" strings "$deck" --lang es >"$TMP/strings"
	n_total=$(wc -l <"$TMP/strings")
	n_tr=$(grep -c $'\ttranslated\t' "$TMP/strings" || true)
	expect_eq "$name: every string shows in Spanish" "$n_total" "$n_tr"
done
# All four decks at once, as the README shows.
rc=0
"$PRINT" check "$SRC"/assets/decks/* >/dev/null 2>&1 || rc=$?
expect_eq "check of all sample decks together exits 0" 0 "$rc"
finish
