# Static checks over the whole tree: clang-tidy with the repository's
# .clang-tidy (tests/.clang-tidy for the tests) and cppcheck (warning,
# performance, portability; tests/cppcheck.supp says why each suppression
# is there), both from the compile_commands.json the build exports, so each
# file is checked with the flags it is built with. The fuzz targets, built
# only by the fuzz build, are checked with the core's include paths. Any
# finding fails the test, printed as file:line:col.
#
# The plain build runs it; the sanitizer build's copy of the suite skips it
# (the same sources, twice the time).
. "$(dirname "$0")/lib.bash"
build=$(cd "$(dirname "$PLACARD_PRINT")/.." && pwd)
db=$build/compile_commands.json
jobs=$(nproc 2>/dev/null || echo 2)
if [ ! -f "$db" ]; then
	fail "no $db (CMAKE_EXPORT_COMPILE_COMMANDS is on in CMakeLists.txt)"
	finish
fi
if grep -q -- '-fsanitize' "$db"; then
	pass "skipped in the sanitizer build: the plain build runs the static checks"
	finish
	exit 0
fi
fuzz_flags=(-std=c11 -D_POSIX_C_SOURCE=200809L -I"$SRC/include" -I"$SRC/core")

# clang-tidy: one process per file (run-clang-tidy), as clang-tidy 14 carries
# analyzer state from one file to the next when given several.
if command -v run-clang-tidy >/dev/null && command -v clang-tidy >/dev/null; then
	start=$(date +%s)
	(cd "$SRC" && run-clang-tidy -p "$build" -j "$jobs" -quiet \
		"^$SRC/(core|kiosk|print|tests|bench)/" >"$TMP/tidy" 2>&1) || true
	for f in "$SRC"/tests/fuzz/*.c; do
		(cd "$SRC" && clang-tidy --quiet "$f" -- "${fuzz_flags[@]}") >>"$TMP/tidy" 2>&1 || true
	done
	# run-clang-tidy asks for colours; the findings are read without them.
	sed 's/\x1b\[[0-9;]*m//g' "$TMP/tidy" | grep -E '^/[^ ]+:[0-9]+:[0-9]+: (warning|error):' |
		sort -u >"$TMP/tidy-findings" || true
	n=$(wc -l <"$TMP/tidy-findings")
	files=$(grep -c "^$SRC/" <(python3 -c 'import json,sys; [print(e["file"]) for e in json.load(open(sys.argv[1]))]' "$db"))
	if [ "$n" -eq 0 ]; then
		pass "clang-tidy: $files files and the fuzz targets clean ($(($(date +%s) - start)) s)"
	else
		fail "clang-tidy: $n finding(s) ($(($(date +%s) - start)) s):"
		sed "s|^$SRC/||" "$TMP/tidy-findings"
	fi
else
	fail "clang-tidy is not installed (it is in .ci/packages)"
fi

if command -v cppcheck >/dev/null; then
	start=$(date +%s)
	common=(--enable=warning,performance,portability --inline-suppr --quiet -j "$jobs"
		--suppressions-list="$SRC/tests/cppcheck.supp" --error-exitcode=1
		--template='{file}:{line}:{column}: {severity}: {message} [{id}]')
	rc=0
	(cd "$SRC" && cppcheck --project="$db" "${common[@]}") >"$TMP/cppcheck" 2>&1 || rc=$?
	(cd "$SRC" && cppcheck "${common[@]}" --std=c11 -I include -I core tests/fuzz/*.c) \
		>>"$TMP/cppcheck" 2>&1 || rc=$?
	if [ "$rc" -eq 0 ] && ! grep -q . "$TMP/cppcheck"; then
		pass "cppcheck clean ($(($(date +%s) - start)) s)"
	else
		fail "cppcheck (exit $rc):"
		sed "s|^$SRC/||" "$TMP/cppcheck"
	fi
else
	fail "cppcheck is not installed (it is in .ci/packages)"
fi
finish
