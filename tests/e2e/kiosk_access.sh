# Every kind of kiosk screen, measured as a visitor sees it (BRIEF section 4)
# by tests/tools/check_screens.py from the PNG and the --dump-layout JSON:
# welcome, a title slide, a cards slide, a poll, the survey slide (every
# page), the language picker, the idle warning, the PIN pad and the admin
# screen, in each theme, in English and Arabic, with the focus ring on the
# bars' controls too; then other displays (720p, 4K, a 15.6-inch 1366x768
# laptop); the survey's QR code (decoded with zbarimg: lang and site) while
# the survey is open and the closed notice after it closes; and a
# calibration deck whose heading and body are "HHHH", whose H's ink height
# in the PNG must be the JSON's cap height.
#
# Under AddressSanitizer (about 3x slower) the themes run in the standard
# theme only and the other displays at 4K only. PLACARD_E2E_SUBSET=0 or 1
# overrides.
. "$(dirname "$0")/lib.bash"
CHECK=$SRC/tests/tools/check_screens.py
DECK=$SRC/assets/decks/pusd-2023
SITE=jefferson-elementary
subset=${PLACARD_E2E_SUBSET:-}
if [ -z "$subset" ]; then
	subset=0
	grep -qa __asan_init "$PLACARD_KIOSK" && subset=1
fi
themes=(standard high-contrast dyslexia)
sizes=("1280x720" "3840x2160" "1366x768 --display-diagonal 15.6")
if [ "$subset" = 1 ]; then
	themes=(standard)
	sizes=("3840x2160")
	echo "# sanitized build: the standard theme, and 4K of the other displays"
fi

# The sample deck's slides by kind (numbered from 1), and the survey's
# closing time: read from deck.yaml, so that the test follows the deck.
slide_of() { awk -v kind="$1" '/^  - id:/{n++} /^    kind:/ && $2 == kind {print n; exit}' "$DECK/deck.yaml"; }
title=$(slide_of title)
cards=$(slide_of cards)
poll=$(slide_of poll)
survey=$(slide_of survey)
closes=$(sed -n 's/^  closes: *//p' "$DECK/deck.yaml")
url_re=$(sed -n 's/^  url: *//p' "$DECK/deck.yaml" | sed 's/[.?+*()|^$]/\\&/g')
closes_at=$(date -d "$closes" +%s)
open_at=$((closes_at - 14 * 86400))
closed_at=$((closes_at + 60))
for v in title cards poll survey closes_at url_re; do
	[ -n "${!v}" ] || fail "the sample deck has no $v"
done

# One screen: NAME then placard-kiosk's options (without the deck); the
# pages of a slide longer than the screen follow (NAME-p2...). Writes
# $TMP/out/NAME[-pP].png|json and NAME.result (check_screens.py's failures).
# CHECK_OPTS in the environment: extra options for the check.
shot() {
	local name=$1 page pages
	shift
	mkdir -p "$TMP/out"
	: >"$TMP/out/$name.result"
	for page in 1 2 3 4 5 6 7 8; do
		local out=$TMP/out/$name
		[ "$page" -gt 1 ] && out=$out-p$page
		if ! "$KIOSK" "$DECK" "$@" --page "$page" --screenshot "$out.png" \
			--dump-layout "$out.json" 2>"$out.err"; then
			echo "$name: placard-kiosk $* --page $page failed: $(head -c 300 "$out.err")" >>"$TMP/out/$name.result"
			return 0
		fi
		# shellcheck disable=SC2086
		/usr/bin/python3 "$CHECK" $CHECK_OPTS "$out.json" >>"$TMP/out/$name.result" 2>/dev/null || true
		pages=$(sed -n 's/.*"pages": \([0-9]*\).*/\1/p' "$out.json" | head -n 1)
		[ "$page" -ge "${pages:-1}" ] && break
	done
	return 0
}
export -f shot
export KIOSK SRC TMP CHECK DECK

# NAME|CHECK_OPTS|kiosk options, one a line.
{
	for theme in "${themes[@]}"; do
		for lang in en ar; do
			rtl=
			[ "$lang" = ar ] && rtl=--expect-rtl
			common="--theme $theme --lang $lang --site $SITE --now $open_at"
			for screen in welcome picker idle pin admin; do
				echo "$theme-$lang-$screen|--body-cap 6 $rtl|$common --screen $screen"
			done
			echo "$theme-$lang-title|--body-cap 6 $rtl|$common --slide $title"
			echo "$theme-$lang-cards|--body-cap 6 $rtl|$common --slide $cards"
			echo "$theme-$lang-poll|--body-cap 6 $rtl|$common --slide $poll"
			echo "$theme-$lang-survey|--body-cap 6 --site $SITE $rtl|$common --slide $survey"
			# The ring on the bars: the first control (language) and the
			# selected one (play/pause), both on the top bar.
			echo "$theme-$lang-focus-language|--body-cap 6 $rtl|$common --slide $poll --focus language"
			echo "$theme-$lang-focus-pause|--body-cap 6 $rtl|$common --slide $poll --focus pause"
		done
	done
	for size in "${sizes[@]}"; do
		# shellcheck disable=SC2086 # "WxH [--display-diagonal D]": split on purpose
		set -- $size
		tag=${1}${3:+-$3in}
		# The default display is 24 inches: body text 6 mm at any resolution;
		# on another display at least 4.8 mm.
		cap="--body-cap 6"
		[ -n "${3:-}" ] && cap="--body-cap 4.8"
		for lang in en ar; do
			rtl=
			[ "$lang" = ar ] && rtl=--expect-rtl
			for what in "slide $cards" "slide $poll" "slide $survey" "screen picker" "screen pin"; do
				echo "$tag-$lang-${what/ /}|$cap --site $SITE $rtl|--size $size --lang $lang --site $SITE --now $open_at --$what"
			done
		done
	done
	# The survey after it closes: no QR code, a closed notice.
	for lang in en ar; do
		echo "closed-$lang|--body-cap 6|--lang $lang --site $SITE --now $closed_at --slide $survey"
	done
} >"$TMP/jobs"

start=$(date +%s)
# shellcheck disable=SC2016 # the job's own shell expands it
tr '|' '\t' <"$TMP/jobs" | xargs -P"$(nproc 2>/dev/null || echo 2)" -L1 -d '\n' bash -c '
	IFS=$(printf "\t") read -r name opts args <<<"$1"
	# shellcheck disable=SC2086
	CHECK_OPTS=$opts shot "$name" $args' _
echo "# rendered and checked $(wc -l <"$TMP/jobs") screens (and their pages) in $(($(date +%s) - start)) s"

while IFS='|' read -r name _ args; do
	n=$(find "$TMP/out" -name "$name.json" -o -name "$name-p[0-9].json" | wc -l)
	if [ "$n" -eq 0 ]; then
		fail "$name: nothing rendered ($args)"
		sed -n '1,5s/^/    /p' "$TMP/out/$name.result"
	elif [ -s "$TMP/out/$name.result" ]; then
		fail "$name ($args): $(wc -l <"$TMP/out/$name.result") problem(s) in $n page(s):"
		sed -n '1,30s/^/    /p' "$TMP/out/$name.result"
	else
		pass "$name: $n page(s) pass check_screens.py"
	fi
done <"$TMP/jobs"

# The survey while open: one of its pages has the QR code, which decodes
# (check_screens.py compares zbarimg's reading with the JSON) to the URL
# with the screen's language and the kiosk's site.
cut -d'|' -f1 "$TMP/jobs" | grep -E -- '-(survey|slide'"$survey"')$' >"$TMP/surveys"
while read -r name; do
	lang=en
	case $name in *-ar-*) lang="ar" ;; esac
	qr=$(grep -l '"qr": {' "$TMP/out/$name".json "$TMP/out/$name"-p*.json 2>/dev/null | head -n 1 || true)
	if [ -z "$qr" ]; then
		fail "$name: the open survey shows no QR code on any page"
		continue
	fi
	/usr/bin/python3 "$CHECK" -v --expect-qr --site "$SITE" "$qr" >"$TMP/qr" 2>&1 || true
	expect_grep "$name: the QR code decodes to the survey for lang=$lang and site=$SITE" \
		"qr decoded: $url_re\?(.*&)?lang=$lang(&.*)?$" "$TMP/qr"
	expect_grep "$name: and carries the site" "qr decoded: .*[?&]site=$SITE(&|$)" "$TMP/qr"
done <"$TMP/surveys"

# After the survey closes: no QR code on any page, and the closed notice.
for lang in en ar; do
	files=("$TMP/out/closed-$lang".json)
	for f in "$TMP/out/closed-$lang"-p*.json; do [ -e "$f" ] && files+=("$f"); done
	if grep -q '"qr": {' "${files[@]}"; then
		fail "closed-$lang: a QR code after the survey closed ($closes)"
	else
		pass "closed-$lang: no QR code after the survey closed (${#files[@]} page(s))"
	fi
	cat "${files[@]}" | grep -ao '"id": "[a-z-]*"' | sort -u >"$TMP/closed.ids" || true
	expect_grep "closed-$lang: the survey-closed notice is shown" '"id": "survey-closed"' "$TMP/closed.ids"
done

# Calibration: the JSON's cap_mm is the H's real ink height. A deck whose
# heading and body are "HHHH", in each theme (their faces differ) and at 4K.
mkdir -p "$TMP/cal/po"
cat >"$TMP/cal/deck.yaml" <<'YAML'
placard: 1
id: calibrate
title: HHHH
district: HHHH
source_language: en
languages: [en]
version: "1"
date: 2024-01-01
slides:
  - id: h
    kind: list
    heading: HHHH
    intro: HHHH
    items:
      - HHHH
YAML
for variant in "standard" "high-contrast" "dyslexia" "standard --size 3840x2160"; do
	# shellcheck disable=SC2086 # "THEME [--size WxH]": split on purpose
	set -- $variant
	tag=${variant// /}
	tag=${tag//--/-}
	"$KIOSK" "$TMP/cal" --theme "$@" --screenshot "$TMP/cal-$tag.png" \
		--dump-layout "$TMP/cal-$tag.json" 2>"$TMP/cal.err" || {
		fail "calibration deck ($variant) did not render: $(cat "$TMP/cal.err")"
		continue
	}
	if /usr/bin/python3 "$CHECK" -v --calibrate --body-cap 6 "$TMP/cal-$tag.json" >"$TMP/cal.out" 2>&1; then
		pass "calibration ($variant): $(grep -c 'calibration' "$TMP/cal.out") H runs, ink height = cap_mm x px_per_mm"
	else
		fail "calibration ($variant):"
		sed 's/^/    /' "$TMP/cal.out"
	fi
	for role in heading body; do
		expect_grep "calibration ($variant): the $role is measured" "\"text\": \"HHHH\".*\"role\": \"$role\"" "$TMP/cal-$tag.json"
	done
done
finish
