#!/usr/bin/env bash
# soak.sh: the kiosk's soak (BRIEF section 7, complaint 4: memory held flat
# for days). The real placard-kiosk on its own Xvfb, driven with real X
# input (xdotool through XTEST) by soak.py, its RSS and open descriptors
# sampled into a CSV, plotted by plot.py.
#
#   tests/soak/soak.sh [MODE] [--kiosk PATH] [--out DIR] [-- SOAK.PY OPTIONS]
#
# MODE:
#   --full      (the default) the equivalent of 72 hours of use: 200,000 slide
#               changes, 20,000 language switches, 20,000 votes, 1,000 hot
#               reloads, 500+ idle resets, 300 display size changes; about an
#               hour on two cores. Writes soak.csv, soak-summary.json and
#               soak-rss.png to DIR (default bench/results).
#   --short     what CI runs (tests/e2e/soak_short.sh): 5,000 slide changes,
#               500 language switches, 200 votes, 100 hot reloads, 20 idle
#               resets, 6 size changes; about a minute. No theme or text size
#               changes and one other size, a quarter of the actions for the
#               warm-up: fewer font sizes to open, so that what grows after it
#               is a leak. Xvfb without GLX, so no Mesa in the kiosk.
#   --valgrind  a short drive with the kiosk under valgrind's memcheck
#               (--leak-check=full); the leak summary is printed, and written
#               to DIR/soak-valgrind.txt with --out.
#
# The kiosk is --kiosk, else $PLACARD_KIOSK, else build/kiosk/placard-kiosk.
# Needs Xvfb, xdotool and python3; the plot needs python3-matplotlib (installed
# here with apt-get when missing and running as root).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
mode=full
kiosk=${PLACARD_KIOSK:-$top/build/kiosk/placard-kiosk}
out=""
while [ $# -gt 0 ]; do
	case $1 in
	--full | --short | --valgrind) mode=${1#--} ;;
	--kiosk) kiosk=$2 && shift ;;
	--out) out=$2 && shift ;;
	--) shift && break ;;
	*) sed -n '2,/^set -e/p' "$0" | sed '$d' >&2 && exit 2 ;;
	esac
	shift
done
for tool in Xvfb xdotool; do
	command -v "$tool" >/dev/null || {
		echo "soak: $tool is not installed (apt-get install xvfb xdotool)" >&2
		exit 1
	}
done
[ -x "$kiosk" ] || {
	echo "soak: no kiosk at $kiosk (./dev build, or --kiosk PATH)" >&2
	exit 1
}
# Debian's python3 (where python3-matplotlib goes), not another on PATH.
py=/usr/bin/python3
[ -x "$py" ] || py=python3
deck=$top/assets/decks/pusd-2023
args=(--kiosk "$kiosk" --deck "$deck")

case $mode in
full)
	out=${out:-$top/bench/results}
	mkdir -p "$out"
	if ! "$py" -c 'import matplotlib' 2>/dev/null; then
		if [ "$(id -u)" -eq 0 ]; then
			DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
				python3-matplotlib >/dev/null
		else
			echo "soak: python3-matplotlib is missing: the plot will not be drawn" >&2
		fi
	fi
	rc=0
	"$py" "$here/soak.py" "${args[@]}" --csv "$out/soak.csv" --summary "$out/soak-summary.json" \
		"$@" || rc=$?
	if [ -s "$out/soak.csv" ] && "$py" -c 'import matplotlib' 2>/dev/null; then
		"$py" "$here/plot.py" "$out/soak.csv" "$out/soak-rss.png" "$out/soak-summary.json"
		echo "soak: $out/soak-rss.png"
	fi
	exit $rc
	;;
short)
	extra=()
	[ -n "$out" ] && mkdir -p "$out" && extra=(--csv "$out/soak-short.csv" --summary "$out/soak-short.json")
	exec "$py" "$here/soak.py" "${args[@]}" "${extra[@]}" --slides 5000 --langs 500 --votes 200 \
		--reloads 100 --resets 20 --resizes 6 --sizes 360x640 --no-styles --no-glx \
		--warmup 0.25 --report-seconds 600 "$@"
	;;
valgrind)
	command -v valgrind >/dev/null || {
		echo "soak: valgrind is not installed" >&2
		exit 1
	}
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	# The kiosk's clock 200 times faster (not 2000): under valgrind a screen
	# takes some 100 ms, and the idle warning must still wait for the driver.
	rc=0
	"$py" "$here/soak.py" "${args[@]}" --work "$work/run" --slides 400 --langs 40 --votes 30 \
		--reloads 10 --resets 3 --resizes 2 --sizes 360x640 --no-glx --time-scale 200 \
		--slow 30 --rss-limit-kb 0 --report-seconds 600 \
		--wrap "valgrind --leak-check=full --show-leak-kinds=definite,indirect \
--errors-for-leak-kinds=definite --error-exitcode=99 --num-callers=30 \
--suppressions=$here/valgrind.supp --log-file=$work/valgrind.%p.txt" "$@" || rc=$?
	# The kiosk's own log: valgrind.PID.txt whose parent has none (a child
	# the kiosk forks logs apart, under the kiosk's PID as its parent).
	log=""
	for f in "$work"/valgrind.*.txt; do
		parent=$(sed -n 's/^==[0-9]*== Parent PID: \([0-9]*\)$/\1/p' "$f")
		[ -e "$work/valgrind.$parent.txt" ] || log=$f
	done
	if [ -n "$out" ]; then
		mkdir -p "$out"
		cp "$log" "$out/soak-valgrind.txt"
	fi
	echo "soak: valgrind memcheck of the kiosk${out:+ (the whole report: $out/soak-valgrind.txt)}:"
	sed -n '/LEAK SUMMARY/,/suppressed:/p;/ERROR SUMMARY/p' "$log" | sed 's/^==[0-9]*== /    /'
	exit $rc
	;;
esac
