# placard-print's command line: exit codes 0 clean, 1 problems, 2 usage;
# --help and --version; bad decks give one line naming file:line:col.
. "$(dirname "$0")/lib.bash"
code() { local rc=0; "$@" >/dev/null 2>&1 || rc=$?; echo "$rc"; }
expect_eq "--help exits 0" 0 "$(code "$PRINT" --help)"
expect_eq "--version exits 0" 0 "$(code "$PRINT" --version)"
"$PRINT" --version >"$TMP/v"
expect_grep "--version names the program" "^placard-print [0-9]+\.[0-9]+\.[0-9]+$" "$TMP/v"
expect_eq "no command exits 2" 2 "$(code "$PRINT")"
expect_eq "unknown command exits 2" 2 "$(code "$PRINT" frobnicate)"
expect_eq "check without a deck exits 2" 2 "$(code "$PRINT" check)"
expect_eq "check with a bad option exits 2" 2 "$(code "$PRINT" check --bogus x)"
expect_eq "check of a missing folder exits 1" 1 "$(code "$PRINT" check "$TMP/none")"
"$PRINT" check "$TMP/none" 2>"$TMP/err" || true
expect_grep "missing folder names the file" "none/deck.yaml: error: cannot read: No such file or directory" "$TMP/err"

mkdir -p "$TMP/bad"
cat >"$TMP/bad/deck.yaml" <<'YAML'
id: bad
title: A bad deck
district: Nowhere
source_language: en
languages: [en, es]
version: "1"
date: 2024-02-30
slides:
  - id: one
    kind: statment
    heading: One
YAML
rc=0
"$PRINT" check "$TMP/bad" >"$TMP/out" 2>"$TMP/err" || rc=$?
expect_eq "bad deck exits 1" 1 "$rc"
expect_grep "bad date at its node" "bad/deck.yaml:7:7: error: bad date '2024-02-30'; write it as YYYY-MM-DD" "$TMP/err"
expect_grep "unknown kind at its node with a suggestion" "bad/deck.yaml:10:11: error: unknown slide kind 'statment'; did you mean 'statement'\?" "$TMP/err"
expect_eq "every problem is one line" 2 "$(grep -c ': error: ' "$TMP/err")"
expect_eq "then a summary" "2 errors, 0 warnings." "$(tail -n 1 "$TMP/err")"
expect_eq "and nothing else" 3 "$(wc -l <"$TMP/err")"

# A broken catalogue: one line at the right line, exit 1, deck still reported.
cp -r "$SRC/assets/decks/d62" "$TMP/d62"
printf 'msgctxt "mission/heading"\nmsgid "Our mission\nmsgstr "x"\n' >>"$TMP/d62/po/es.po"
line=$(grep -n '^msgid "Our mission$' "$TMP/d62/po/es.po" | cut -d: -f1)
rc=0
"$PRINT" check "$TMP/d62" >"$TMP/out" 2>"$TMP/err" || rc=$?
expect_eq "broken catalogue exits 1" 1 "$rc"
expect_grep "PO syntax error at the line of the open string, at its end" "d62/po/es\.po:$line:19: error: end-of-line within string" "$TMP/err"
expect_grep "broken catalogue marked in the table" "^  es \(errors\)" "$TMP/out"

# Glyph coverage: a translation with a character no bundled font has is an
# error at the character itself (no bundled face has any character above
# U+FFFF, which libharu could not print anyway).
cp -r "$SRC/assets/decks/d62" "$TMP/glyphs"
python3 - "$TMP/glyphs/po/es.po" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace('msgstr "Respeto"', 'msgstr "Respeto \u1200 \U0001F600"', 1)
open(p, "w", encoding="utf-8").write(s)
PY
line=$(grep -n 'msgstr "Respeto ' "$TMP/glyphs/po/es.po" | cut -d: -f1)
rc=0
"$PRINT" check "$TMP/glyphs" >/dev/null 2>"$TMP/err" || rc=$?
expect_eq "a character no font has fails check" 1 "$rc"
expect_grep "named at its line and column" "glyphs/po/es\.po:$line:17: error: no font has U\+1200" "$TMP/err"
expect_grep "an emoji too" "glyphs/po/es\.po:$line:19: error: no font has U\+1F600" "$TMP/err"
expect_eq "each missing character once" 2 "$(grep -c 'no font has' "$TMP/err")"
finish
