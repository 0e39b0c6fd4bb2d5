# The man pages against the programs: each renders with man(1) without a
# warning; every option that --help shows (the programs' and each placard-print
# command's) is in its page, every kiosk setting in placard-kiosk(1) and
# placard-deck(5); --help and --version exit 0, and the pages carry the version
# --version prints; the exit statuses the pages document are the ones the
# programs return.
. "$(dirname "$0")/lib.bash"
code() { local rc=0; "$@" >/dev/null 2>&1 || rc=$?; echo "$rc"; }
command -v man >/dev/null || { echo "SKIP: man (man-db) is not installed"; exit 77; }

render() { # render PAGE -> TMP/NAME.txt, warnings to TMP/NAME.warn
	local name
	name=$(basename "$1")
	MANWIDTH=200 man --warnings -P cat -l "$1" >"$TMP/$name.txt" 2>"$TMP/$name.warn"
	echo "$TMP/$name.txt"
}
for page in placard-kiosk.1 placard-print.1 placard-deck.5; do
	out=$(render "$SRC/man/$page")
	expect_eq "$page renders without warnings" "" "$(cat "$TMP/$page.warn")"
	expect_grep "$page has a NAME line" "^NAME" "$out"
	expect_grep "$page documents the exit status or is a format page" \
		"^(EXIT STATUS|KIOSK SETTINGS)" "$out"
done
KPAGE=$TMP/placard-kiosk.1.txt
PPAGE=$TMP/placard-print.1.txt
DPAGE=$TMP/placard-deck.5.txt

options() { # the options a help text shows: --long and -x, one a line
	grep -oE '(^|[ [,(])--?[a-zA-Z][a-zA-Z0-9-]*' "$1" | sed -E 's/^[ [,(]//' | sort -u
}
in_page() { # in_page WHAT PAGE WORD...: each word is in the rendered page
	local what=$1 page=$2 missing=()
	shift 2
	for word in "$@"; do
		grep -qF -- "$word" "$page" || missing+=("$word")
	done
	expect_eq "$what" "" "${missing[*]:-}"
}

# placard-kiosk
expect_eq "placard-kiosk --help exits 0" 0 "$(code "$KIOSK" --help)"
expect_eq "placard-kiosk -h exits 0" 0 "$(code "$KIOSK" -h)"
expect_eq "placard-kiosk --version exits 0" 0 "$(code "$KIOSK" --version)"
expect_eq "placard-kiosk -V exits 0" 0 "$(code "$KIOSK" -V)"
"$KIOSK" --help >"$TMP/kiosk-help"
mapfile -t kopts < <(options "$TMP/kiosk-help")
[ "${#kopts[@]}" -gt 15 ] && pass "placard-kiosk --help shows ${#kopts[@]} options" ||
	fail "placard-kiosk --help: only ${#kopts[@]} options found"
in_page "every placard-kiosk option is in placard-kiosk(1)" "$KPAGE" "${kopts[@]}"
mapfile -t settings < <(sed -n '/^Settings/,/^$/p' "$TMP/kiosk-help" | tail -n +2 | tr ' ' '\n' |
	grep -E '^[a-z]')
[ "${#settings[@]}" -gt 20 ] && pass "placard-kiosk --help lists ${#settings[@]} settings" ||
	fail "placard-kiosk --help: only ${#settings[@]} settings found"
in_page "every kiosk setting is in placard-kiosk(1)" "$KPAGE" "${settings[@]}"
in_page "every kiosk setting is in placard-deck(5)" "$DPAGE" "${settings[@]}"
version=$("$KIOSK" --version)
expect_eq "placard-kiosk --version is the name and a version" 1 \
	"$(grep -cE '^placard-kiosk [0-9]+\.[0-9]+\.[0-9]+$' <<<"$version")"
for page in "$KPAGE" "$PPAGE" "$DPAGE"; do
	expect_grep "$(basename "$page" .txt) is of version ${version#* }" "Placard ${version#* }" \
		"$page"
done
# Exit statuses as documented: 2 wrong usage, 1 a deck that cannot be used.
expect_eq "placard-kiosk: unknown option exits 2" 2 "$(code "$KIOSK" --no-such-option)"
expect_eq "placard-kiosk: no deck exits 2" 2 "$(code "$KIOSK" --screenshot "$TMP/x.png")"
expect_eq "placard-kiosk: a missing deck exits 1" 1 \
	"$(code "$KIOSK" --screenshot "$TMP/x.png" "$TMP/no-such-deck")"
expect_grep "placard-kiosk --help documents the exit status" "^Exit status: 0" "$TMP/kiosk-help"

# placard-print, and each of its commands
expect_eq "placard-print --help exits 0" 0 "$(code "$PRINT" --help)"
expect_eq "placard-print -h exits 0" 0 "$(code "$PRINT" -h)"
expect_eq "placard-print --version exits 0" 0 "$(code "$PRINT" --version)"
expect_eq "placard-print -V exits 0" 0 "$(code "$PRINT" -V)"
expect_eq "both programs have one version" "${version#* }" "$("$PRINT" --version | cut -d' ' -f2)"
"$PRINT" --help >"$TMP/print-help"
mapfile -t commands < <(sed -n '/^Commands:/,/^$/p' "$TMP/print-help" |
	grep -oE '^  [a-z][a-z-]*' | sort -u | tr -d ' ')
[ "${#commands[@]}" -ge 9 ] && pass "placard-print --help lists ${#commands[@]} commands" ||
	fail "placard-print --help: only ${#commands[@]} commands found"
for c in "${commands[@]}"; do
	expect_grep "placard-print $c is described in COMMANDS" "^       $c( |$)" "$PPAGE"
	[ "$c" = votes ] && continue
	expect_eq "placard-print $c --help exits 0" 0 "$(code "$PRINT" "$c" --help)"
	"$PRINT" "$c" --help >>"$TMP/print-help"
done
mapfile -t popts < <(options "$TMP/print-help")
[ "${#popts[@]}" -gt 15 ] && pass "placard-print's help texts show ${#popts[@]} options" ||
	fail "placard-print's help texts: only ${#popts[@]} options found"
in_page "every placard-print option is in placard-print(1)" "$PPAGE" "${popts[@]}"
expect_eq "placard-print: unknown command exits 2" 2 "$(code "$PRINT" no-such-command)"
expect_eq "placard-print: unknown option exits 2" 2 "$(code "$PRINT" check --no-such-option x)"
expect_eq "placard-print: a missing deck exits 1" 1 "$(code "$PRINT" check "$TMP/no-such-deck")"
expect_grep "placard-print --help documents the exit status" "^Exit status: 0" "$TMP/print-help"
for n in 0 1 2; do
	expect_grep "placard-kiosk(1) documents exit status $n" "^       $n  " "$KPAGE"
	expect_grep "placard-print(1) documents exit status $n" "^       $n  " "$PPAGE"
done

# placard-deck(5) names every slide kind the deck format has.
for kind in title statement values cards list table poll survey; do
	expect_grep "placard-deck(5) describes the $kind slide" "^       $kind( |$)" "$DPAGE"
done
finish
