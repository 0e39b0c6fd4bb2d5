# The ten languages Placard offers: PUSD 2023 complete in each, the core of
# the other decks (title, mission, vision, values) in each, the programs' own
# words in each, headers that say what a reviewer needs, nothing left in
# English unless it is a name on the allow-list, and docs/translations.md
# showing today's coverage.
. "$(dirname "$0")/lib.bash"
cd "$SRC"
langs="es zh-Hans zh-Hant vi ar fa hy ko tl"
declare -A plural=(
	[es]='nplurals=2; plural=(n != 1);'
	[zh-Hans]='nplurals=1; plural=0;'
	[zh-Hant]='nplurals=1; plural=0;'
	[vi]='nplurals=1; plural=0;'
	[ko]='nplurals=1; plural=0;'
	[ar]='nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;'
	[fa]='nplurals=2; plural=(n > 1);'
	[hy]='nplurals=2; plural=(n > 1);'
	[tl]='nplurals=2; plural=(n % 10 == 4 || n % 10 == 6 || n % 10 == 9);'
)

"$PRINT" check assets/decks/pusd-2023 >"$TMP/check" 2>"$TMP/err"
expect_eq "pusd-2023: no problems" "" "$(cat "$TMP/err")"
for l in $langs; do
	expect_grep "pusd-2023 $l 100 %" "^  $l +[0-9]+ +0 +0 +0 +100 %$" "$TMP/check"
done

"$PRINT" strings assets/decks/pusd-2023 --lang en >"$TMP/en-pusd-2023"
for deck in tusd pusd-2020 d62; do
	"$PRINT" strings "assets/decks/$deck" --lang en >"$TMP/en-$deck"
	for l in $langs; do
		"$PRINT" strings "assets/decks/$deck" --lang "$l" >"$TMP/$l-$deck"
		core=$(grep -cE '^(deck|cover|welcome|mission|vision|values)/' "$TMP/$l-$deck")
		done_=$(grep -E '^(deck|cover|welcome|mission|vision|values)/' "$TMP/$l-$deck" |
			grep -c $'\ttranslated\t' || true)
		expect_eq "$deck $l: title, mission, vision, values translated" "$core" "$done_"
	done
done

for l in $langs; do
	for po in assets/decks/*/po/$l.po po/$l.po; do
		[ -f "$po" ] || { fail "$po is missing"; continue; }
		# The header as one line per field, however the file is wrapped.
		msgcat --no-wrap "$po" >"$TMP/unwrapped.po"
		expect_grep "$po: Language header" "^\"Language: $l\\\\n\"$" "$TMP/unwrapped.po"
		if grep -qF "\"Plural-Forms: ${plural[$l]}\\n\"" "$TMP/unwrapped.po"; then pass "$po: plural rule"; else
			fail "$po: Plural-Forms is not '${plural[$l]}'"
		fi
		expect_grep "$po: draft for review" "qualified translator" "$po"
	done
done

# Nothing left identical to the English unless it is on the allow-list
# (tests/data/same-as-source/LANG.txt: DECK TAB ID TAB reason).
for l in $langs; do
	allow="tests/data/same-as-source/$l.txt"
	if [ ! -f "$allow" ]; then
		: >"$TMP/empty"
		allow=$TMP/empty
	fi
	for deck in pusd-2023 tusd pusd-2020 d62; do
		[ -f "$TMP/$l-$deck" ] || "$PRINT" strings "assets/decks/$deck" --lang "$l" >"$TMP/$l-$deck"
		same=$(join -t $'\t' <(cut -f1,3 "$TMP/en-$deck" | sort) \
			<(grep $'\ttranslated\t' "$TMP/$l-$deck" | cut -f1,3 | sort) |
			awk -F'\t' '$2 == $3 { print $1 }' | while read -r id; do
				grep -qP "^$deck\t\Q$id\E\t" "$allow" || echo "$id"
			done)
		expect_eq "$deck $l: nothing left in English but allowed names" "" "$same"
	done
	# The programs' own words: msgstr == msgid, single-form entries; a
	# msgid with no words outside its printf directives has nothing to
	# translate.
	same=$(msgattrib --translated --no-obsolete --no-wrap "po/$l.po" 2>/dev/null |
		awk '/^msgid "/ { id = $0; sub(/^msgid /, "", id) } /^msgstr "/ { s = $0; sub(/^msgstr /, "", s); x = id; gsub(/%[-+ #0-9.*]*[hlLqjzt]*[a-zA-Z%]/, "", x); if (s == id && x ~ /[A-Za-z]/) print id }')
	expect_eq "po/$l.po: nothing left in English" "" "$same"
done

# docs/translations.md carries today's coverage table.
"$PRINT" check assets/decks/* >"$TMP/all" 2>/dev/null
sed -n '/<!-- coverage:start -->/,/<!-- coverage:end -->/p' docs/translations.md |
	sed '1,2d;$d' | sed '$d' >"$TMP/doc"
expect_eq "docs/translations.md coverage table is current (regenerate it from placard-print check)" \
	"$(cat "$TMP/all")" "$(cat "$TMP/doc")"
finish
