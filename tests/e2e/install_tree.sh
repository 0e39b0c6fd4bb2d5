# cmake --install: everything in its standard place (GNUInstallDirs), and the
# installed programs find their fonts, catalogues and sample decks beside
# themselves (BINDIR/../share/placard) wherever the tree is moved, never in
# the source tree; the programs in the build tree use the source tree's.
# Which files a program opened is read with strace.
. "$(dirname "$0")/lib.bash"
BUILD=${PLACARD_BUILD:?set by ctest}
cmake --install "$BUILD" --prefix "$TMP/first" >"$TMP/install.log" 2>&1 ||
	{ cat "$TMP/install.log"; fail "cmake --install failed"; finish; }
# Moved after installing: nothing may depend on the prefix it was installed to.
mv "$TMP/first" "$TMP/moved"
I=$TMP/moved
for f in bin/placard-kiosk bin/placard-print \
	share/placard/fonts/NotoSans-Regular.ttf share/placard/fonts/OFL-1.1.txt \
	share/placard/fonts/LICENSE-Apache-2.0.txt share/placard/fonts/README.md \
	share/placard/decks/pusd-2023/deck.yaml share/placard/decks/pusd-2023/po/ar.po \
	share/placard/decks/tusd/deck.yaml share/placard/decks/d62/deck.yaml \
	share/placard/decks/pusd-2020/deck.yaml share/placard/po/es.po share/placard/po/zh-Hant.po \
	share/man/man1/placard-kiosk.1 share/man/man1/placard-print.1 share/man/man5/placard-deck.5 \
	share/doc/placard/README.md share/doc/placard/host-guide.md \
	share/doc/placard/deck-format.md share/doc/placard/kiosk-config.md \
	share/doc/placard/examples/kiosk.conf.example \
	lib/systemd/system/placard-kiosk.service lib/systemd/system/placard-kiosk-cage.service \
	lib/sysusers.d/placard.conf etc/placard/kiosk.conf etc/default/placard-kiosk; do
	[ -s "$I/$f" ] && pass "installed $f" || fail "not installed: $f"
done
ls "$I"/share/doc/placard/images/*.png >/dev/null 2>&1 && pass "the guide's images are installed" ||
	fail "the guide's images are not installed"
[ -x "$I/bin/placard-kiosk" ] && [ -x "$I/bin/placard-print" ] && pass "programs are executable" ||
	fail "programs are not executable"
[ ! -e "$I/share/placard/fonts/prepare" ] && pass "the font preparation script stays in the source" ||
	fail "fonts/prepare was installed"

command -v strace >/dev/null || { echo "SKIP: strace is not installed"; finish; exit 77; }
# LeakSanitizer cannot run under ptrace: no leak checks in the traced runs
# (the other tests run the same programs with them).
export ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"
opened() { # opened LOG: the fonts and catalogues a traced run opened, one a line
	grep -E 'openat\(.*\.(ttf|po)"' "$1" | grep -v ENOENT | sed -E 's/^[^"]*"([^"]*)".*/\1/' |
		sort -u
}
# Run from a folder that has nothing of Placard's in it.
mkdir -p "$TMP/elsewhere"
cd "$TMP/elsewhere"
D=$I/share/placard/decks/pusd-2023
rc=0
strace -f -e trace=openat -o "$TMP/print.trace" "$I/bin/placard-print" handout "$D" --lang ar \
	-o ar.pdf >/dev/null 2>&1 || rc=$?
expect_eq "installed placard-print prints a handout" 0 "$rc"
pdftotext ar.pdf ar.txt 2>/dev/null
# "The strategic plan" (الخطة) as pdftotext returns it: presentation forms.
expect_grep "the handout has the Arabic text" "ﺍﻟﺨﻄﺔ" ar.txt
opened "$TMP/print.trace" >"$TMP/print.files"
expect_grep "installed placard-print embeds the installed Arabic font" \
	"^$I/bin/\.\./share/placard/fonts/NotoSansArabic-Regular\.ttf$" "$TMP/print.files"
expect_eq "and opens nothing in the source tree" "" "$(grep -F "$SRC/" "$TMP/print.files" || true)"

rc=0
LANGUAGE=es strace -f -e trace=openat -o "$TMP/kiosk.trace" "$I/bin/placard-kiosk" \
	--screenshot k.png --lang zh-Hant --size 1280x720 "$D" >/dev/null 2>&1 || rc=$?
expect_eq "installed placard-kiosk renders a screenshot" 0 "$rc"
[ -s k.png ] && pass "the screenshot is written" || fail "no screenshot"
opened "$TMP/kiosk.trace" >"$TMP/kiosk.files"
expect_grep "installed placard-kiosk reads the installed fonts" \
	"^$I/bin/\.\./share/placard/fonts/DroidSansFallback-Placard\.ttf$" "$TMP/kiosk.files"
expect_grep "and the installed chrome catalogues" "^$I/bin/\.\./share/placard/po/zh-Hant\.po$" \
	"$TMP/kiosk.files"
expect_eq "and nothing in the source tree" "" "$(grep -F "$SRC/" "$TMP/kiosk.files" || true)"
LANGUAGE=es "$I/bin/placard-print" no-such-command 2>"$TMP/err" >/dev/null || true
expect_grep "installed placard-print speaks the host's language from the installed po/" \
	"orden desconocida" "$TMP/err"

# The build tree's programs read the source tree (nothing is installed there).
strace -f -e trace=openat -o "$TMP/build.trace" "${PLACARD_PRINT:?}" handout "$D" --lang ar \
	-o build.pdf >/dev/null 2>&1 || fail "the build tree's placard-print failed"
opened "$TMP/build.trace" >"$TMP/build.files"
expect_grep "the build tree's placard-print uses the source tree's fonts" \
	"^$SRC/fonts/NotoSansArabic-Regular\.ttf$" "$TMP/build.files"
# PLACARD_DATA_DIR still wins over both.
mkdir -p "$TMP/data"
cp -r "$SRC/fonts" "$SRC/po" "$TMP/data/"
PLACARD_DATA_DIR=$TMP/data strace -f -e trace=openat -o "$TMP/env.trace" "$I/bin/placard-print" \
	handout "$D" --lang ar -o env.pdf >/dev/null 2>&1 || fail "placard-print failed with PLACARD_DATA_DIR"
opened "$TMP/env.trace" >"$TMP/env.files"
expect_grep "PLACARD_DATA_DIR is used first" "^$TMP/data/fonts/NotoSansArabic-Regular\.ttf$" \
	"$TMP/env.files"
finish
