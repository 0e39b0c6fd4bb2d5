# The kiosk service for a machine with no desktop (dist/): both units pass
# systemd-analyze verify; the sysusers.d file makes the placard user with its
# groups; the settings file the units name is valid and sends the votes to the
# state directory; and the kiosk really runs under cage as an unprivileged
# user, the way placard-kiosk-cage.service starts it (headless wlroots, in a
# private mount and network namespace so that it meets no other X or Wayland
# server on this machine). The KMS/DRM unit cannot be run here: a CI machine
# has no /dev/dri (see docs/host-guide.md for how it was checked).
. "$(dirname "$0")/lib.bash"
command -v systemd-analyze >/dev/null ||
	{ echo "SKIP: systemd-analyze is not installed (package systemd)"; exit 77; }
KIOSK_BIN=${PLACARD_KIOSK:?}
DIST=$SRC/dist

# 1. systemd-analyze verify. The units name their programs without a path, as
# installed; here the KMS/DRM one is pointed at the built program, and cage
# must be installed (.ci/packages). Man pages are checked after installing, in
# deb_install.sh.
mkdir -p "$TMP/units"
sed "s|^ExecStart=placard-kiosk |ExecStart=$KIOSK_BIN |" "$DIST/placard-kiosk.service" \
	>"$TMP/units/placard-kiosk.service"
if command -v cage >/dev/null; then
	sed "s|^ExecStart=cage -- placard-kiosk |ExecStart=cage -- $KIOSK_BIN |" \
		"$DIST/placard-kiosk-cage.service" >"$TMP/units/placard-kiosk-cage.service"
else
	fail "cage is not installed: install the packages in .ci/packages"
fi
rc=0
(cd "$TMP/units" && systemd-analyze verify --man=no ./*.service) >"$TMP/verify" 2>&1 || rc=$?
expect_eq "systemd-analyze verify passes both units" 0 "$rc"
expect_eq "and says nothing" "" "$(cat "$TMP/verify")"

# What the units promise, read from the files themselves.
for unit in placard-kiosk.service placard-kiosk-cage.service; do
	for line in User=placard StateDirectory=placard ConfigurationDirectory=placard \
		Restart=on-failure "EnvironmentFile=-/etc/default/placard-kiosk" \
		"Conflicts=getty@tty1.service"; do
		expect_grep "$unit: $line" "^$line" "$DIST/$unit"
	done
	expect_grep "$unit: the settings in /etc/placard" \
		"^ExecStart=.*placard-kiosk --config=%E/placard/kiosk.conf" "$DIST/$unit"
done
expect_grep "KMS/DRM unit: SDL draws with kmsdrm" "^Environment=SDL_VIDEODRIVER=kmsdrm$" \
	"$DIST/placard-kiosk.service"
expect_grep "cage unit: SDL draws with wayland" "^Environment=SDL_VIDEODRIVER=wayland$" \
	"$DIST/placard-kiosk-cage.service"
expect_grep "cage unit: a logind session for the seat" "^PAMName=login$" \
	"$DIST/placard-kiosk-cage.service"

# 2. The system user, in a scratch root.
mkdir -p "$TMP/root/etc"
systemd-sysusers --root="$TMP/root" "$DIST/placard.conf" >/dev/null 2>&1 ||
	fail "systemd-sysusers refused dist/placard.conf"
expect_grep "sysusers: the placard user, at home in the state directory" \
	"^placard:x:[0-9]+:[0-9]+:Placard kiosk:/var/lib/placard:/usr/sbin/nologin$" \
	"$TMP/root/etc/passwd"
for group in video render input audio; do
	expect_grep "sysusers: placard is in the $group group" "^$group:x:[0-9]+:placard$" \
		"$TMP/root/etc/group"
done

# 3. The settings the units read, and the deck they show by default.
rc=0
"$KIOSK" --config="$DIST/kiosk.conf" --write-config >"$TMP/config" 2>"$TMP/config.err" || rc=$?
expect_eq "dist/kiosk.conf is a valid kiosk configuration" 0 "$rc"
expect_eq "with no warnings" "" "$(cat "$TMP/config.err")"
expect_grep "the service keeps its votes in /var/lib/placard" \
	"^store = /var/lib/placard/votes.db" "$TMP/config"
deck=$(. "$DIST/placard-kiosk.default" && echo "$PLACARD_DECK")
expect_eq "the default deck is the installed PUSD 2023 sample" \
	/usr/share/placard/decks/pusd-2023 "$deck"
for unit in placard-kiosk.service placard-kiosk-cage.service; do
	expect_grep "$unit: the same default deck" "^Environment=PLACARD_DECK=$deck$" "$DIST/$unit"
done

# 4. Under cage, as placard-kiosk-cage.service runs it, but as user nobody
# and with wlroots' headless backend instead of a screen.
if [ "$(id -u)" -ne 0 ] || ! command -v cage >/dev/null || ! command -v unshare >/dev/null; then
	echo "note: not root, or no cage or unshare: the kiosk was not run under cage"
elif ! command -v Xwayland >/dev/null; then
	fail "cage needs Xwayland (package xwayland, in .ci/packages)"
else
	run=$TMP/cage
	mkdir -p "$run/xdg" "$run/home"
	chmod 700 "$run/xdg"
	chmod 755 "$TMP" "$run"
	# What the unprivileged user runs and reads, copied where it may read it
	# (the source and build trees may be in folders only root can enter).
	cp "$KIOSK_BIN" "$run/placard-kiosk"
	mkdir -p "$run/data"
	cp -r "$SRC/fonts" "$SRC/po" "$run/data/"
	cp -r "$SRC/assets/decks/d62" "$DIST/kiosk.conf" "$run/"
	chown -R nobody "$run"
	cat >"$run/start" <<SH
#!/bin/sh
# In a mount and network namespace of its own: an empty /tmp/.X11-unix and
# no abstract sockets of other X servers.
mount -t tmpfs tmpfs /tmp/.X11-unix && chmod 1777 /tmp/.X11-unix || exit 3
exec setpriv --reuid=nobody --regid=nogroup --clear-groups env -i PATH=/usr/bin:/bin \
	HOME=$run/home XDG_RUNTIME_DIR=$run/xdg WLR_BACKENDS=headless WLR_RENDERER=pixman \
	WLR_LIBINPUT_NO_DEVICES=1 SDL_VIDEODRIVER=wayland XDG_SESSION_TYPE=wayland \
	PLACARD_DATA_DIR=$run/data ASAN_OPTIONS=detect_leaks=0 \
	timeout -s TERM 8 cage -- $run/placard-kiosk --config=$run/kiosk.conf \
	--store=$run/votes.db --trace=$run/trace $run/d62
SH
	chmod 755 "$run/start"
	rc=0
	unshare -mn "$run/start" >"$run/log" 2>&1 || rc=$?
	if [ "$rc" -eq 3 ]; then
		echo "note: cannot make a private /tmp/.X11-unix here: the kiosk was not run under cage"
	else
		expect_grep "under cage the kiosk shows its first screen" "^screen=welcome " \
			"$run/trace"
		expect_grep "and presents frames on the Wayland output" "^frame t=" "$run/trace"
		expect_grep "with its vote store in the configured place" "." <(ls "$run/votes.db")
		grep -q "^screen=" "$run/trace" 2>/dev/null || sed 's/^/    /' "$run/log"
	fi
fi
finish
