# Every catalogue in the tree passes GNU msgfmt --check (syntax, header,
# format strings, plural forms), and says it is a draft for review.
. "$(dirname "$0")/lib.bash"
count=0
while IFS= read -r po; do
	count=$((count + 1))
	rel=${po#"$SRC"/}
	if msgfmt --check -o /dev/null "$po" 2>"$TMP/err"; then pass "msgfmt --check $rel"; else
		fail "msgfmt --check $rel"
		cat "$TMP/err"
	fi
	expect_grep "$rel says it is a draft for review" "qualified translator" "$po"
	expect_grep "$rel is UTF-8" 'charset=UTF-8' "$po"
done < <(find "$SRC/po" "$SRC/assets/decks" -name '*.po' | sort)
[ "$count" -ge 5 ] && pass "found $count catalogues" || fail "found only $count catalogues"
finish
