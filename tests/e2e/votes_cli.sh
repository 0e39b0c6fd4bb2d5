# placard-print votes merge / export: usage, a damaged input reported and
# left untouched, an export that spreadsheets read (header, CRLF, BOM).
# What merging counts is tested in tests/unit/test_vote_store.c.
. "$(dirname "$0")/lib.bash"
code() { local rc=0; "$@" >/dev/null 2>&1 || rc=$?; echo "$rc"; }
expect_eq "votes without a subcommand exits 2" 2 "$(code "$PRINT" votes)"
expect_eq "merge without inputs exits 2" 2 "$(code "$PRINT" votes merge "$TMP/out.db")"
expect_eq "export without --csv exits 2" 2 "$(code "$PRINT" votes export "$TMP/out.db")"
printf 'not a vote store\n' >"$TMP/stick.db"
rc=0
"$PRINT" votes merge "$TMP/all.db" "$TMP/stick.db" >"$TMP/out" 2>"$TMP/err" || rc=$?
expect_eq "a damaged input makes merge exit 1" 1 "$rc"
expect_grep "and is named" "stick\.db: error: not merged" "$TMP/err"
expect_eq "the damaged input is untouched" "not a vote store" "$(cat "$TMP/stick.db")"
expect_grep "the merged store is there, empty" "^0 votes added to " "$TMP/out"
"$PRINT" votes export "$TMP/all.db" --csv "$TMP/votes.csv" --bom
expect_eq "export: BOM, header, CRLF" "$(printf '\357\273\277id,deck,deck_version,poll,choice,lang,site,kiosk,seq,hour_utc\r')" "$(cat "$TMP/votes.csv")"
finish
