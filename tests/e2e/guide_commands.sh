# docs/host-guide.md runs as written: every ```sh block, in order, in one
# shell (set -e, as a host types them, so a failing command stops the run and
# is named), in an empty folder, with the programs as "cmake --install" puts
# them on PATH. One substitution: /usr/share/placard, where the package puts
# the data, is that install's data folder. Blocks that need what a test
# machine lacks (root, a screen, a USB stick, a printer, a district PDF) are
# fenced ```console and say in the guide how they were checked instead; any
# other fence is refused, so that no command is skipped by accident. Before
# the blocks run, two vote stores are filled as two kiosks would (section 7
# of the guide says so). The pictures the guide shows must exist.
. "$(dirname "$0")/lib.bash"
GUIDE=$SRC/docs/host-guide.md
BUILD=${PLACARD_BUILD:?set by ctest}
CAST=${PLACARD_CAST_VOTES:?set by ctest}

# The fences: sh (run), console (not run), yaml and text (examples).
bad=$(grep -nE '^```[a-z]' "$GUIDE" | grep -vE ':```(sh|console|yaml|text)$' || true)
expect_eq "every fence is sh, console, yaml or text" "" "$bad"
console=$(grep -c '^```console$' "$GUIDE")
blocks=$(grep -c '^```sh$' "$GUIDE")
[ "$blocks" -ge 10 ] && pass "$blocks sh blocks to run ($console console blocks not run)" ||
	fail "only $blocks sh blocks"

# The pictures: each exists, is a PNG and is of modest size.
while read -r image; do
	f=$SRC/docs/$image
	if [ -f "$f" ] && [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '211PNG' ] &&
		[ "$(stat -c %s "$f")" -lt 307200 ]; then
		pass "picture $image"
	else
		fail "picture $image is missing, not a PNG, or 300 KB or more"
	fi
done < <(grep -oE '\]\(images/[^)]+\)' "$GUIDE" | sed -E 's/^\]\(//; s/\)$//')

# The programs as installed.
cmake --install "$BUILD" --prefix "$TMP/prefix" >"$TMP/install.log" 2>&1 ||
	{ cat "$TMP/install.log"; fail "cmake --install failed"; finish; }
DATA=$TMP/prefix/share/placard

# Two kiosks' stores for section 7.
mkdir -p "$TMP/work"
printf '%s\n' \
	$'pusd-2023\t2023-draft\tunderstandable\tagree\ten\tjefferson-elementary\t14' \
	$'pusd-2023\t2023-draft\tfocus\tstrongly-agree\tes\tjefferson-elementary\t9' \
	| "$CAST" "$TMP/work/lobby-1.db" >/dev/null
printf '%s\n' $'pusd-2023\t2023-draft\tfocus\tagree\tvi\tlibrary\t11' \
	| "$CAST" "$TMP/work/library-1.db" >/dev/null

# The sh blocks, numbered, into one script.
awk -v data="$DATA" '
	/^```sh$/ { inblock = 1; n++; printf "echo \"== block %d (docs/host-guide.md:%d)\"\n", n, NR; next }
	/^```/ && inblock { inblock = 0; next }
	inblock { gsub("/usr/share/placard", data); print }
' "$GUIDE" >"$TMP/guide.sh"
rc=0
(cd "$TMP/work" && PATH="$TMP/prefix/bin:$PATH" bash -e "$TMP/guide.sh") >"$TMP/guide.out" 2>&1 || rc=$?
expect_eq "every sh block of the guide runs as written" 0 "$rc"
if [ "$rc" -ne 0 ]; then
	echo "    the run stopped in $(grep '^== block' "$TMP/guide.out" | tail -n 1)"
	grep -v 'Syntax Warning' "$TMP/guide.out" | tail -n 25 | sed 's/^/    /'
fi
expect_eq "all $blocks blocks ran" "$blocks" "$(grep -c '^== block' "$TMP/guide.out")"

# What the guide says the commands do, they did.
W=$TMP/work
for f in title.png table-ar.png jefferson/deck.yaml jefferson/po/es.po jefferson/po/ko.po \
	jefferson-01-1.png jefferson-es-02-1.png kiosk.conf handout-es.pdf handout-en-ar.pdf \
	large-print-vi.pdf handout-es-a4.pdf qr-cards.pdf results.pdf votes.csv all-votes.db; do
	[ -s "$W/$f" ] && pass "the guide made $f" || fail "the guide did not make $f"
done
expect_grep "ko was added to the deck's languages" "^languages: \[en, es, vi, ko\]$" \
	"$W/jefferson/deck.yaml"
expect_grep "msgmerge marked the changed title fuzzy" $'^deck/title\tfuzzy\t' "$TMP/guide.out"
expect_grep "the second merge adds nothing" "^0 votes added to all-votes.db$" "$TMP/guide.out"
expect_grep "the first merge added both kiosks' votes" "^34 votes added to all-votes.db$" \
	"$TMP/guide.out"
expect_grep "the kiosk settings are read back" "^display-diagonal = 43" "$TMP/guide.out"
finish
