# Every slide and page of every sample deck, rendered offscreen in English,
# Arabic, Traditional Chinese and Vietnamese, landscape and portrait, and at
# 200 % text: each screen is measured from its PNG and its --dump-layout
# JSON by tests/tools/check_screens.py (not blank, nothing clipped or
# overlapping, start-aligned lines (right in RTL), contrast, focus ring,
# targets, sizes, spacing). Arabic screens must be RTL, and 200 % text
# continues onto more pages rather than shrinking.
#
# Under AddressSanitizer (about 3x slower) a representative subset runs:
# English and Arabic at 1920x1080. PLACARD_E2E_SUBSET=0 or 1 overrides.
. "$(dirname "$0")/lib.bash"
CHECK=$SRC/tests/tools/check_screens.py
decks=(tusd pusd-2020 d62 pusd-2023)
langs=(en ar zh-Hant vi)
subset=${PLACARD_E2E_SUBSET:-}
if [ -z "$subset" ]; then
	subset=0
	grep -qa __asan_init "$PLACARD_KIOSK" && subset=1
fi
[ "$subset" = 1 ] && langs=(en ar) && echo "# sanitized build: en and ar at 1920x1080 only"

# One job: DECK LANG SIZE SCALE -> $TMP/out/TAG/*.png|json and TAG.result
# (check_screens.py's failures; empty when all passed).
job() {
	local deck=$1 lang=$2 size=$3 scale=$4 tag="$1.$2.$3.$4" opts=()
	mkdir -p "$TMP/out/$tag"
	# The default display (24 inch) at 100 %: body text at least 6 mm.
	[ "$scale" = 100 ] && opts+=(--body-cap 6)
	[ "$lang" = ar ] && opts+=(--expect-rtl)
	if ! "$KIOSK" "$SRC/assets/decks/$deck" --slide all --lang "$lang" --size "$size" \
		--text-scale "$scale" --screenshot "$TMP/out/$tag/s.png" \
		--dump-layout "$TMP/out/$tag/s.json" 2>"$TMP/out/$tag.err"; then
		echo "$tag: placard-kiosk failed: $(head -c 500 "$TMP/out/$tag.err")" >"$TMP/out/$tag.result"
		return 0
	fi
	/usr/bin/python3 "$CHECK" "${opts[@]}" "$TMP/out/$tag" >"$TMP/out/$tag.result" 2>/dev/null || true
	# The pictures are not needed after the check: keep the JSON (pages).
	rm -f "$TMP/out/$tag"/*.png
}
export -f job
export KIOSK SRC TMP CHECK

jobs=()
for deck in "${decks[@]}"; do
	for lang in "${langs[@]}"; do
		jobs+=("$deck $lang 1920x1080 100")
		if [ "$subset" = 0 ]; then
			jobs+=("$deck $lang 1080x1920 100" "$deck $lang 1920x1080 200")
		fi
	done
done
start=$(date +%s)
printf '%s\n' "${jobs[@]}" | xargs -P"$(nproc 2>/dev/null || echo 2)" -L1 bash -c 'job "$@"' _
echo "# rendered and checked ${#jobs[@]} deck/language/size runs in $(($(date +%s) - start)) s"

for j in "${jobs[@]}"; do
	read -r deck lang size scale <<<"$j"
	tag="$deck.$lang.$size.$scale"
	n=$(find "$TMP/out/$tag" -name 's-*.json' | wc -l)
	if [ "$n" -eq 0 ]; then
		fail "$deck $lang $size at $scale %: no screens rendered"
		sed 's/^/    /' "$TMP/out/$tag.result" | sed -n 1,5p
	elif [ -s "$TMP/out/$tag.result" ]; then
		fail "$deck $lang $size at $scale %: $(wc -l <"$TMP/out/$tag.result") problem(s) in $n screens:"
		sed "s|^|    $tag/|" "$TMP/out/$tag.result" | sed -n 1,40p
	else
		pass "$deck $lang $size at $scale %: $n screens pass check_screens.py"
	fi
done

# Arabic: RTL runs and RTL paragraphs (check_screens --expect-rtl has held
# every screen to that; here the totals, so that nothing passes vacuously).
for deck in "${decks[@]}"; do
	dir=$TMP/out/$deck.ar.1920x1080.100
	python3 - "$dir" >"$TMP/rtl" <<'PY' || echo "0 0 -1 0" >"$TMP/rtl"
import glob, json, sys
runs = rtl_runs = pars = rtl_pars = 0
for f in glob.glob(sys.argv[1] + "/s-*.json"):
    d = json.loads(open(f, "rb").read().decode("utf-8", "replace"))
    runs += len(d["runs"])
    rtl_runs += sum(r["rtl"] for r in d["runs"])
    body = [p for p in d["paragraphs"] if p["role"] in ("title", "heading", "subheading", "body")]
    pars += len(body)
    rtl_pars += sum(p["rtl"] for p in body)
print(runs, rtl_runs, pars, rtl_pars)
PY
	read -r runs rtl_runs pars rtl_pars <"$TMP/rtl"
	if [ "$rtl_runs" -gt 0 ]; then
		pass "$deck ar: $rtl_runs of $runs runs are RTL"
	else
		fail "$deck ar: no RTL run among $runs"
	fi
	expect_eq "$deck ar: every text paragraph is RTL" "$pars" "$rtl_pars"
done

# 200 % text: each slide has at least as many pages as at 100 %.
if [ "$subset" = 0 ]; then
	for deck in "${decks[@]}"; do
		for lang in "${langs[@]}"; do
			a=$TMP/out/$deck.$lang.1920x1080.100 b=$TMP/out/$deck.$lang.1920x1080.200
			python3 - "$a" "$b" >"$TMP/pages" <<'PY' || printf '0 0 0\ncannot read the JSON\n' >"$TMP/pages"
import glob, json, re, sys
def pages(d):
    out = {}
    for f in glob.glob(d + "/s-*-1.json"):
        j = json.loads(open(f, "rb").read().decode("utf-8", "replace"))
        out[j["slide"]] = j["pages"]
    return out
a, b = pages(sys.argv[1]), pages(sys.argv[2])
bad = ["slide %d: %d page(s) at 100 %%, %d at 200 %%" % (s, a[s], b.get(s, 0))
       for s in sorted(a) if b.get(s, 0) < a[s]]
print("%d %d %d" % (len(a), sum(a.values()), sum(b.values())))
print("\n".join(bad))
PY
			read -r slides p100 p200 <"$TMP/pages"
			if [ "$(sed 1d "$TMP/pages" | grep -c .)" -eq 0 ] && [ "$slides" -gt 0 ]; then
				pass "$deck $lang: 200 % continues onto more pages ($p100 -> $p200 pages, $slides slides)"
			else
				fail "$deck $lang: fewer pages at 200 % than at 100 %:"
				sed '1d; s/^/    /' "$TMP/pages"
			fi
		done
	done
fi
finish
