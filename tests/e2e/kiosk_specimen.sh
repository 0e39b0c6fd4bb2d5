# The kiosk's specimen frame in each of the sample deck's ten languages, read
# back from the PNG it writes: every run the layout placed has ink where the
# kiosk says it drew it (no blank boxes from a missing face, a font SDL2_ttf
# could not open or a run drawn off its place), right-to-left languages are
# flush right, left-to-right ones flush left, and the file is a real PNG of
# the requested size.
. "$(dirname "$0")/lib.bash"
deck="$SRC/assets/decks/pusd-2023"

# A PNG reader for what SDL2_image writes (8-bit RGB or RGBA, not
# interlaced; the five filter types of PNG section 9), and the checks.
cat >"$TMP/check.py" <<'PY'
import struct, sys, unicodedata, zlib

def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("not a PNG: bad signature")
    pos, idat, ihdr = 8, [], None
    while pos < len(data):
        n, kind = struct.unpack_from(">I4s", data, pos)
        body = data[pos + 8:pos + 8 + n]
        if zlib.crc32(kind + body) != struct.unpack_from(">I", data, pos + 8 + n)[0]:
            sys.exit("bad CRC in chunk %r" % kind)
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + n
    if ihdr is None or pos == 8:
        sys.exit("no IHDR chunk first")
    w, h, depth, colour, _, _, interlace = ihdr
    if depth != 8 or colour not in (2, 6) or interlace:
        sys.exit("unsupported PNG: depth %d colour type %d interlace %d" % (depth, colour, interlace))
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pr) & 255
            elif f != 0:
                sys.exit("bad filter type %d in row %d" % (f, y))
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows

def visible(text):
    return any(not unicodedata.category(ch).startswith(("Z", "C")) for ch in text)

png, boxes, lang, want_w, want_h, rtl = sys.argv[1:7]
w, h, bpp, rows = read_png(png)
problems = []
if (w, h) != (int(want_w), int(want_h)):
    problems.append("IHDR says %dx%d, asked for %sx%s" % (w, h, want_w, want_h))

def dark(x, y):
    p = rows[y][x * bpp:x * bpp + 3]
    return (p[0] + p[1] + p[2]) < 3 * 110

runs = []
for line in open(boxes, encoding="utf-8"):
    x, y, bw, bh, text = line.rstrip("\n").split("\t", 4)
    runs.append((int(x), int(y), int(bw), int(bh), text))
if len(runs) < 5:
    problems.append("only %d runs drawn" % len(runs))
blank = []
for x, y, bw, bh, text in runs:
    if not visible(text):
        continue
    ink = sum(dark(i, j) for j in range(max(y, 0), min(y + bh, h))
              for i in range(max(x, 0), min(x + bw, w)))
    if ink < 4:
        blank.append("%d,%d %dx%d %r (%d dark pixels)" % (x, y, bw, bh, text, ink))
if blank:
    problems.append("blank runs:\n    " + "\n    ".join(blank))

# The kiosk's margins are 1/20 of the width on either side; each line's
# visible runs must reach the margin it is flush to (2 px for rounding).
lines = {}
for x, y, bw, bh, text in runs:
    if visible(text):
        lines.setdefault(y, []).append((x, x + bw))
margin = w // 20
for y, spans in sorted(lines.items()):
    if rtl == "1":
        edge = max(r for _, r in spans)
        if abs(edge - (w - margin)) > 2:
            problems.append("line at y=%d ends at x=%d, not flush right at %d" % (y, edge, w - margin))
    else:
        edge = min(l for l, _ in spans)
        if abs(edge - margin) > 2:
            problems.append("line at y=%d starts at x=%d, not flush left at %d" % (y, edge, margin))

print("%d runs on %d lines" % (len(runs), len(lines)))
if problems:
    print("\n".join(problems))
    sys.exit(1)
PY

for lang in en es zh-Hans zh-Hant vi ar fa hy ko tl; do
	case $lang in ar | fa) rtl=1 ;; *) rtl=0 ;; esac
	rc=0
	"$KIOSK" --screenshot "$TMP/$lang.png" --specimen --lang "$lang" --boxes "$TMP/$lang.tsv" \
		"$deck" 2>"$TMP/err" || rc=$?
	if [ "$rc" -ne 0 ] || [ -s "$TMP/err" ]; then
		fail "$lang: kiosk exit $rc: $(cat "$TMP/err")"
		continue
	fi
	if python3 "$TMP/check.py" "$TMP/$lang.png" "$TMP/$lang.tsv" "$lang" 1920 1080 "$rtl" \
		>"$TMP/out" 2>&1; then
		pass "$lang specimen: $(head -1 "$TMP/out"), all inked, flush $([ $rtl = 1 ] && echo right || echo left)"
	else
		fail "$lang specimen:"
		sed 's/^/    /' "$TMP/out"
	fi
done

# --size is honoured, and the placeholder frame is a PNG too.
"$KIOSK" --screenshot "$TMP/small.png" --specimen --lang ar --size 1280x720 \
	--boxes "$TMP/small.tsv" "$deck"
if python3 "$TMP/check.py" "$TMP/small.png" "$TMP/small.tsv" ar 1280 720 1 >"$TMP/out" 2>&1; then
	pass "ar specimen at 1280x720"
else
	fail "ar specimen at 1280x720:"
	sed 's/^/    /' "$TMP/out"
fi
"$KIOSK" --screenshot "$TMP/title.png" --lang fa "$deck"
expect_eq "the title slide is a PNG" "89504e470d0a1a0a" "$(head -c 8 "$TMP/title.png" | od -An -tx1 | tr -d ' \n')"

# A deck string with no translation shows in the source language, marked.
cp -r "$deck" "$TMP/nocat"
rm -f "$TMP/nocat/po/hy.po"
"$KIOSK" --screenshot "$TMP/hy.png" --specimen --lang hy --boxes "$TMP/hy.tsv" "$TMP/nocat"
expect_grep "untranslated strings shown in English" $'\t2023-2028 Strategic Plan' "$TMP/hy.tsv"
# ("(not yet translated)" in Armenian, from po/hy.po.)
expect_grep "and marked in Armenian" $'\tդեռ թարգմանված չէ$' "$TMP/hy.tsv"

rc=0
"$KIOSK" --boxes "$TMP/x.tsv" "$deck" 2>"$TMP/err" || rc=$?
expect_eq "--boxes without --screenshot is a usage error" 2 "$rc"
finish
