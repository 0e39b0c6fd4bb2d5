# The Debian package: cpack builds it from the build folder, apt installs it
# (its dependencies are Debian's runtime libraries, found by dpkg-shlibdeps),
# both programs run from it on the installed sample deck, man finds the pages,
# the units pass systemd-analyze verify with the programs and pages in place,
# then apt removes and purges it.
#
# It installs into the real system, so it needs root and a machine to spare (CI
# runs on a throwaway one). Without root, or with a placard package that this
# test did not install, it says why and exits 77 (skipped), never "passed".
# It leaves behind what Debian packages leave: the placard system user and
# /var/lib/placard (the votes are never deleted by the package).
. "$(dirname "$0")/lib.bash"
BUILD=${PLACARD_BUILD:?set by ctest}
skip() {
	echo "SKIP: cannot install the .deb here: $*"
	exit 77
}
[ "$(id -u)" -eq 0 ] || skip "not root (apt-get install needs root; CI runs as root)"
command -v apt-get >/dev/null && command -v cpack >/dev/null || skip "no apt-get or cpack"
if grep -q '^PLACARD_SANITIZE:BOOL=ON' "$BUILD/CMakeCache.txt"; then
	skip "a sanitizer build; the package is built and tested from the plain build"
fi
# One at a time on this machine: another build folder's run of this test would
# install and remove the same package.
exec 9>/var/lock/placard-deb-test.lock
flock -w 300 9 || skip "another run of this test holds /var/lock/placard-deb-test.lock"
if dpkg-query -W -f='${db:Status-Status}' placard 2>/dev/null | grep -qv '^not-installed$'; then
	skip "a placard package is installed already; this test leaves it alone"
fi
start=$SECONDS

# 1. Build it.
rc=0
cpack --config "$BUILD/CPackConfig.cmake" -B "$TMP/pkg" >"$TMP/cpack.log" 2>&1 || rc=$?
expect_eq "cpack builds the package" 0 "$rc"
deb=$(ls "$TMP"/pkg/placard_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { cat "$TMP/cpack.log"; fail "no placard_*.deb"; finish; }
pass "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"
dpkg-deb -f "$deb" Depends >"$TMP/depends"
for lib in libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-image-2.0-0 libharfbuzz0b libfreetype6 \
	libqrencode4 libhpdf-2.3.0 libsqlite3-0 libyaml-0-2 libgettextpo0 libfribidi0 \
	libunibreak1 libcrypt1; do
	expect_grep "depends on $lib" "(^|, )$lib( |,|$)" "$TMP/depends"
done
dpkg-deb -f "$deb" Recommends | grep -qw cage && pass "recommends cage" || fail "no Recommends: cage"
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles >"$TMP/conffiles"
expect_grep "kiosk.conf is a conffile" "^/etc/placard/kiosk.conf$" "$TMP/conffiles"
expect_grep "the service's defaults are a conffile" "^/etc/default/placard-kiosk$" "$TMP/conffiles"

# 2. Install it, and take it away again whatever happens below.
cleanup() {
	DEBIAN_FRONTEND=noninteractive apt-get purge -y -o DPkg::Lock::Timeout=120 placard \
		>/dev/null 2>&1 || true
	rm -rf "$TMP"
}
trap cleanup EXIT
rc=0
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
	-o DPkg::Lock::Timeout=120 "$deb" >"$TMP/apt.log" 2>&1 || rc=$?
expect_eq "apt-get install of the .deb succeeds" 0 "$rc"
[ "$rc" -eq 0 ] || { sed 's/^/    /' "$TMP/apt.log"; finish; }
getent passwd placard | grep -q ':/var/lib/placard:' && pass "postinst made the placard user" ||
	fail "no placard user"
expect_eq "the state directory belongs to placard" "placard placard" \
	"$(stat -c '%U %G' /var/lib/placard 2>/dev/null)"

# 3. Run the installed programs, from a folder with nothing of Placard's, on
# the installed data only (the source tree may be on this machine too; the
# programs must not need it).
mkdir -p "$TMP/run"
cd "$TMP/run"
D=/usr/share/placard/decks/pusd-2023
rc=0
/usr/bin/placard-print check "$D" >check.out 2>check.err || rc=$?
expect_eq "placard-print check of the installed sample deck exits 0" 0 "$rc"
expect_grep "and shows the coverage table" "^  es +167 " check.out
rc=0
/usr/bin/placard-print handout "$D" --lang es -o handout-es.pdf 2>handout.err || rc=$?
expect_eq "placard-print handout exits 0" 0 "$rc"
pdftotext handout-es.pdf handout-es.txt 2>/dev/null
expect_grep "the handout is in Spanish" "Plan Estratégico 2023-2028" handout-es.txt
pdffonts handout-es.pdf >fonts.txt 2>/dev/null
expect_grep "with its fonts embedded" "TrueType.* yes +yes" fonts.txt
rc=0
/usr/bin/placard-kiosk --screenshot kiosk.png --slide 2 --lang ar --size 1280x720 "$D" \
	2>kiosk.err || rc=$?
expect_eq "placard-kiosk --screenshot of the installed deck exits 0" 0 "$rc"
expect_eq "a 1280x720 PNG" "1280 720" "$(python3 -c 'import struct, sys
d = open(sys.argv[1], "rb").read(24)
print(*struct.unpack(">II", d[16:24]) if d[:8] == b"\x89PNG\r\n\x1a\n" else "not a PNG")' kiosk.png)"
rc=0
runuser -u placard -- /usr/bin/placard-kiosk --config=/etc/placard/kiosk.conf --write-config \
	>config.out 2>config.err || rc=$?
expect_eq "the placard user reads the service's settings" 0 "$rc"
expect_grep "which keep the votes in /var/lib/placard" "^store = /var/lib/placard/votes.db" config.out
rc=0
runuser -u placard -- /usr/bin/placard-kiosk --config=/etc/placard/kiosk.conf \
	--screenshot /var/lib/placard/test.png "$D" 2>>config.err || rc=$?
expect_eq "the placard user can run the kiosk on the installed deck" 0 "$rc"
rm -f /var/lib/placard/test.png

# 4. Man pages and units as installed.
for page in placard-deck placard-kiosk placard-print; do
	rc=0
	where=$(man -w "$page" 2>/dev/null) || rc=$?
	expect_eq "man -w $page finds the page" 0 "$rc"
done
expect_eq "man -w placard-deck is section 5" /usr/share/man/man5/placard-deck.5 \
	"$(man -w placard-deck 2>/dev/null)"
MANWIDTH=100 man -P cat placard-deck >deck.man 2>/dev/null || true
expect_grep "man placard-deck shows the deck format" "^DECK.YAML" deck.man
expect_grep "and the kiosk settings" "^KIOSK SETTINGS" deck.man
if command -v systemd-analyze >/dev/null; then
	units=(/usr/lib/systemd/system/placard-kiosk.service)
	command -v cage >/dev/null && units+=(/usr/lib/systemd/system/placard-kiosk-cage.service)
	rc=0
	systemd-analyze verify "${units[@]}" >verify.out 2>&1 || rc=$?
	expect_eq "systemd-analyze verify passes the installed units (programs and man pages found)" \
		0 "$rc"
	expect_eq "and says nothing" "" "$(cat verify.out)"
else
	echo "note: no systemd-analyze; the installed units were not verified"
fi

# 5. Remove, then purge.
cd "$TMP"
rc=0
DEBIAN_FRONTEND=noninteractive apt-get remove -y -o DPkg::Lock::Timeout=120 placard \
	>"$TMP/remove.log" 2>&1 || rc=$?
expect_eq "apt-get remove succeeds" 0 "$rc"
[ ! -e /usr/bin/placard-kiosk ] && [ ! -e /usr/share/placard ] && pass "programs and data removed" ||
	fail "files left after remove"
[ -e /etc/placard/kiosk.conf ] && pass "remove keeps the host's settings (conffile)" ||
	fail "remove deleted /etc/placard/kiosk.conf"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -o DPkg::Lock::Timeout=120 placard \
	>>"$TMP/remove.log" 2>&1 || fail "apt-get purge failed"
[ ! -e /etc/placard/kiosk.conf ] && pass "purge removes the settings" ||
	fail "purge left /etc/placard/kiosk.conf"
[ -d /var/lib/placard ] && pass "purge keeps /var/lib/placard (votes are never deleted)" ||
	fail "purge deleted /var/lib/placard"
echo "took $((SECONDS - start)) s"
finish
