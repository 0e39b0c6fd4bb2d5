# The house style is mechanical where it can be: clang-format with the
# repository's .clang-format over every C file, and shell scripts that parse.
. "$(dirname "$0")/lib.bash"
cd "$SRC"
if command -v clang-format >/dev/null; then
	files=$(git ls-files '*.c' '*.h' 2>/dev/null || find core include kiosk print tests -name '*.[ch]')
	if clang-format --dry-run -Werror $files >"$TMP/fmt" 2>&1; then pass "clang-format clean"; else
		fail "clang-format: run clang-format -i on:"
		grep -o '^[^:]*\.[ch]' "$TMP/fmt" | sort -u
	fi
else
	fail "clang-format is not installed (it is in .ci/packages)"
fi
for s in dev .ci/run tests/fuzz/run tests/e2e/*.sh; do
	bash -n "$s" && pass "$s parses" || fail "$s does not parse"
done
finish
