# xvfb.bash: the real kiosk on Xvfb, for the end-to-end tests that drive
# its window with real X input (sourced after lib.bash, not run). Each X
# server and kiosk is named (A, B, X...):
#   start_x NAME [WxH]           an Xvfb; sets NAME_dpy (":12")
#   start_kiosk NAME [CMD... --] ARGS...
#                                the kiosk on DECK, on NAME_dpy if set, else
#                                on X_dpy, with --trace $TMP/NAME.trace and
#                                CMD before it (prlimit...); sets NAME_pid
#                                (its wrapper's) and NAME_win (its window)
#   lines NAME, since NAME FROM  the trace's length, the trace after line FROM
#   wait_for NAME FROM REGEX [S] a trace line after FROM matching REGEX
#                                (LINE, AT), within S seconds (15)
#   expect_line WHAT NAME FROM REGEX [S]   wait_for as a check
#   field KEY                    KEY's value in LINE ("screen=slide ...")
#   alive NAME, ended NAME S     running; waits for the end (RC, or timeout)
#   child_of PID                 the process PID started (the kiosk under
#                                lib.bash's sanitizer wrapper)
# On exit every kiosk and X server is ended and $TMP removed; a test that
# starts other processes lists their pids in also_kill.

x_sanitizer_options

xservers=()  # Xvfb's pids
kiosks=()    # the kiosks' pids (wrappers')
also_kill=() # anything else a test started
child_of() {
	local f s ppid
	for f in /proc/[0-9]*/stat; do
		s=$(cat "$f" 2>/dev/null) || continue
		read -r _ ppid _ <<<"${s##*) }"
		if [ "$ppid" = "$1" ]; then
			f=${f#/proc/}
			echo "${f%/stat}"
			return 0
		fi
	done
	return 1
}
xvfb_cleanup() {
	set +e # whatever has ended already, the rest is still ended
	local p c
	for p in "${kiosks[@]}"; do
		c=$(child_of "$p") && kill "$c" 2>/dev/null
		kill "$p" 2>/dev/null
	done
	for p in "${also_kill[@]}"; do kill -KILL "$p" 2>/dev/null; done
	for p in "${xservers[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$TMP"
}
trap xvfb_cleanup EXIT
trap 'exit 143' TERM INT HUP # (the EXIT trap then runs)

now_ms() { echo $((${EPOCHREALTIME/[.,]/} / 1000)); }

# start_x NAME [WxH]: an Xvfb (1920x1080 unless said) on a display number it
# picks itself (-displayfd: free, and ready when the number is written).
# -noreset: the X server would reset whenever its last client leaves (a
# killed kiosk), and a kiosk connecting during the reset finds no X.
start_x() {
	local fd=$TMP/$1.displayfd deadline=$(($(now_ms) + 20000))
	Xvfb -displayfd 3 -screen 0 "${2:-1920x1080}x24" -nolisten tcp -noreset "${xvfb_options[@]}" \
		3>"$fd" >"$TMP/$1.xvfb.log" 2>&1 &
	xservers+=($!)
	printf -v "$1_xpid" %s $!
	until [ -s "$fd" ]; do
		if [ "$(now_ms)" -gt "$deadline" ]; then
			fail "Xvfb for $1 did not start:"
			sed 's/^/    /' "$TMP/$1.xvfb.log"
			finish
		fi
		sleep 0.05
	done
	printf -v "$1_dpy" ':%s' "$(head -n 1 "$fd")"
}

# dpy_of NAME: the display NAME's kiosk is on.
dpy_of() {
	local dpy=${1}_dpy
	if [ -n "${!dpy:-}" ]; then echo "${!dpy}"; else echo "$X_dpy"; fi
}

start_kiosk() {
	local name=$1 win prefix=() dpy
	shift
	if [[ " $* " == *" -- "* ]]; then
		while [ "$1" != -- ]; do
			prefix+=("$1")
			shift
		done
		shift
	fi
	dpy=$(dpy_of "$name")
	DISPLAY=$dpy "${prefix[@]}" "$KIOSK" "$DECK" --trace "$TMP/$name.trace" "$@" >"$TMP/$name.log" 2>&1 &
	kiosks+=($!)
	printf -v "${name}_pid" %s $!
	if ! wait_for "$name" 0 '^screen=' $((20 * SLOW)) ||
		! win=$(DISPLAY=$dpy timeout 30 xdotool search --sync --limit 1 --name '^Placard$') ||
		[ -z "$win" ]; then
		fail "kiosk $name did not show a window:"
		sed 's/^/    /' "$TMP/$name.log"
		finish
	fi
	printf -v "${name}_win" %s "$win"
}

lines() {
	if [ -f "$TMP/$1.trace" ]; then wc -l <"$TMP/$1.trace"; else echo 0; fi
}

since() { sed -n "$(($2 + 1)),\$p" "$TMP/$1.trace"; }

wait_for() {
	local file=$TMP/$1.trace deadline=$(($(now_ms) + ${4:-15} * 1000)) n hit
	while :; do
		n=$(lines "$1")
		if [ "$n" -gt "$2" ] &&
			hit=$(sed -n "$(($2 + 1)),${n}p" "$file" | grep -n -m 1 -E -- "$3"); then
			AT=$(($2 + ${hit%%:*}))
			LINE=${hit#*:}
			return 0
		fi
		if [ "$(now_ms)" -gt "$deadline" ]; then
			LINE=""
			return 1
		fi
		sleep 0.02
	done
}

expect_line() {
	if wait_for "$2" "$3" "$4" "${5:-15}"; then
		pass "$1"
	else
		fail "$1: no line after line $3 matches /$4/ within ${5:-15} s; the trace ends:"
		tail -n 6 "$TMP/$2.trace" | sed 's/^/    /'
	fi
}

field() {
	local re=" $1=([^ ]*)"
	if [[ " $LINE" =~ $re ]]; then echo "${BASH_REMATCH[1]}"; fi
}

alive() {
	local pid=${1}_pid
	kill -0 "${!pid}" 2>/dev/null
}

ended() {
	local pid=${1}_pid deadline=$(($(now_ms) + $2 * 1000))
	while alive "$1"; do
		if [ "$(now_ms)" -gt "$deadline" ]; then
			RC=timeout
			return 1
		fi
		sleep 0.05
	done
	RC=0
	wait "${!pid}" || RC=$?
}
