# The kiosk loads a sample deck and renders a frame without a display: the
# picture has the deck's title in dark ink on white (not a blank screen).
. "$(dirname "$0")/lib.bash"
"$KIOSK" --screenshot "$TMP/shot.bmp" --size 1280x720 "$SRC/assets/decks/pusd-2023"
python3 - "$TMP/shot.bmp" <<'PY' >"$TMP/stats"
import struct, sys
data = open(sys.argv[1], "rb").read()
off, = struct.unpack_from("<I", data, 10)
w, h = struct.unpack_from("<ii", data, 18)
bpp, = struct.unpack_from("<H", data, 28)
assert bpp == 32, bpp
dark = light = 0
rows_with_ink = set()
for y in range(abs(h)):
    row = data[off + y * w * 4: off + (y + 1) * w * 4]
    for x in range(0, w * 4, 4):
        b, g, r = row[x], row[x + 1], row[x + 2]
        lum = (r + g + b) / 3
        if lum < 60:
            dark += 1
            rows_with_ink.add(y)
        elif lum > 240:
            light += 1
print(w, abs(h), dark, light, len(rows_with_ink))
PY
read -r w h dark light rows <"$TMP/stats"
expect_eq "screenshot is the requested size" "1280 720" "$w $h"
[ "$dark" -gt 2000 ] && pass "text drawn ($dark dark pixels)" || fail "only $dark dark pixels"
[ "$light" -gt $((w * h / 2)) ] && pass "light background" || fail "background not light"
[ "$rows" -gt 80 ] && pass "several lines of text ($rows rows with ink)" || fail "only $rows rows with ink"
rc=0
"$KIOSK" --screenshot "$TMP/x.bmp" "$TMP/no-deck" 2>"$TMP/err" || rc=$?
expect_eq "missing deck exits 1" 1 "$rc"
expect_grep "and says why" "no-deck/deck.yaml: error: cannot read" "$TMP/err"
finish
