# The bundled faces stay within libharu 2.3.0's limits (TrueType outlines,
# at most 32,767 glyphs, no composite glyphs, a BMP cmap) and cover the
# sample characters of the languages they serve (fonts/prepare/verify.py),
# and the per-language chains give every sample catalogue a glyph for every
# character (placard-print check reports none missing).
. "$(dirname "$0")/lib.bash"
cd "$SRC"
if /usr/bin/python3 fonts/prepare/verify.py fonts >"$TMP/verify" 2>&1; then
	pass "fonts/prepare/verify.py: $(tail -n 1 "$TMP/verify")"
else
	fail "fonts/prepare/verify.py"
	cat "$TMP/verify"
fi
"$PRINT" check assets/decks/* >/dev/null 2>"$TMP/err" || true
expect_eq "no character of any sample catalogue lacks a glyph" "" "$(grep 'no font has' "$TMP/err")"
size=$(du -sk fonts | cut -f1)
[ "$size" -lt 40960 ] && pass "fonts/ is ${size} KiB, under 40 MiB" || fail "fonts/ is ${size} KiB"
finish
