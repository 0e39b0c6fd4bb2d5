/*
 * test_vote_store.c: core/vote_store keeps every acknowledged vote and
 * counts each once: casting, reopening, a size-limited (full) store that
 * resumes, damaged stores moved aside and never lost, a store from a newer
 * Placard, merging (a property test: idempotent, commutative, no loss, no
 * double count), CSV export, and a crash loop that kills a child process
 * casting votes at random moments.
 */
#include "unit.h"

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "placard/vote_store.h"

static const pl_vote_input vote_a = {"pusd-2023", "2023-draft", "focus",
                                     "agree",     "es",         "district-office"};

static int setup(void **state)
{
	unit_scratch *s = calloc(1, sizeof(*s));
	unit_scratch_make(s);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	unit_scratch_remove(*state);
	free(*state);
	return 0;
}

static void path_in(void **state, const char *name, char *out, size_t size)
{
	unit_scratch *s = *state;
	snprintf(out, size, "%s/%s", s->dir, name);
}

static pl_vote_store *open_ok(const char *path)
{
	pl_votes_open_report rep;
	pl_vote_store *s = pl_vote_store_open(path, &rep);
	if (!s || rep.status != PL_VOTES_OK)
		fail_msg("open %s: %s", path, rep.message);
	return s;
}

static void cast_ok(pl_vote_store *s, const pl_vote_input *v, pl_vote_receipt *r)
{
	char msg[300] = "";
	pl_votes_status st = pl_vote_cast(s, v, r, msg, sizeof msg);
	if (st != PL_VOTES_OK)
		fail_msg("cast: %d %s", (int)st, msg);
}

static void test_cast_and_reopen(void **state)
{
	char path[600];
	path_in(state, "votes.db", path, sizeof path);
	pl_vote_store *s = open_ok(path);
	char kiosk[33];
	snprintf(kiosk, sizeof kiosk, "%s", pl_vote_store_kiosk(s));
	assert_int_equal(strlen(kiosk), 32);
	pl_vote_receipt r1, r2;
	cast_ok(s, &vote_a, &r1);
	cast_ok(s, &vote_a, &r2);
	assert_int_equal(r1.seq, 1);
	assert_int_equal(r2.seq, 2);
	assert_string_not_equal(r1.id, r2.id);
	assert_int_equal(strlen(r1.id), 32);
	pl_vote_store_close(s);
	/* The same kiosk, its votes, its sequence going on. */
	s = open_ok(path);
	assert_string_equal(pl_vote_store_kiosk(s), kiosk);
	assert_int_equal(pl_vote_store_count(s), 2);
	cast_ok(s, &vote_a, &r1);
	assert_int_equal(r1.seq, 3);
	pl_vote_store_close(s);
	/* WAL and the schema version are in the file. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), PL_VOTES_SCHEMA);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void count_choice(void *ctx, const char *choice, int64_t n)
{
	int64_t *counts = ctx;
	if (strcmp(choice, "agree") == 0)
		counts[0] = n;
	else if (strcmp(choice, "disagree") == 0)
		counts[1] = n;
}

static void test_tally(void **state)
{
	char path[600];
	path_in(state, "tally.db", path, sizeof path);
	pl_vote_store *s = open_ok(path);
	pl_vote_input v = vote_a;
	for (int i = 0; i < 3; i++)
		cast_ok(s, &v, NULL);
	v.choice = "disagree";
	cast_ok(s, &v, NULL);
	v.deck_version = "2024"; /* another version: counted apart */
	cast_ok(s, &v, NULL);
	int64_t counts[2] = {0, 0};
	assert_int_equal(
	        pl_vote_store_tally(s, "pusd-2023", "2023-draft", "focus", count_choice, counts),
	        0);
	assert_int_equal(counts[0], 3);
	assert_int_equal(counts[1], 1);
	pl_vote_store_close(s);
}

/* A full store refuses the vote, keeps every earlier one, and takes votes
 * again when there is room. */
static void test_full_and_resume(void **state)
{
	char path[600];
	path_in(state, "full.db", path, sizeof path);
	pl_vote_store *s = open_ok(path);
	assert_int_equal(pl_vote_store_limit(s, 64 * 1024), 0);
	int64_t ok = 0;
	pl_votes_status st = PL_VOTES_OK;
	char msg[300];
	for (int i = 0; i < 100000 && st == PL_VOTES_OK; i++) {
		st = pl_vote_cast(s, &vote_a, NULL, msg, sizeof msg);
		ok += st == PL_VOTES_OK;
	}
	assert_int_equal(st, PL_VOTES_FULL);
	assert_true(ok > 50);
	assert_int_equal(pl_vote_store_count(s), ok);
	/* Further votes are refused or, where a page still has room, taken:
	 * either way nothing stored before is lost. */
	int64_t more = 0, refused = 0;
	for (int i = 0; i < 20; i++) {
		pl_votes_status again = pl_vote_cast(s, &vote_a, NULL, msg, sizeof msg);
		more += again == PL_VOTES_OK;
		refused += again == PL_VOTES_FULL;
	}
	assert_true(refused > 0);
	ok += more;
	assert_int_equal(pl_vote_store_count(s), ok);
	/* Room again: voting resumes. */
	assert_int_equal(pl_vote_store_limit(s, 1024 * 1024), 0);
	cast_ok(s, &vote_a, NULL);
	assert_int_equal(pl_vote_store_count(s), ok + 1);
	pl_vote_store_close(s);
	s = open_ok(path);
	assert_int_equal(pl_vote_store_count(s), ok + 1);
	pl_vote_store_close(s);
}

static size_t file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (size_t)st.st_size : 0;
}

/* Not a database at all: moved aside byte for byte, a fresh store starts,
 * and the report says where the old one is. A second damaged store the
 * same second gets another name: nothing is overwritten. */
static void test_garbage_moved_aside(void **state)
{
	char path[600];
	path_in(state, "garbage.db", path, sizeof path);
	static const char junk[] = "this is not a vote store, but it is somebody's file\n";
	for (int round = 0; round < 2; round++) {
		FILE *f = fopen(path, "wb");
		fwrite(junk, 1, sizeof junk - 1, f);
		fclose(f);
		pl_votes_open_report rep;
		pl_vote_store *s = pl_vote_store_open(path, &rep);
		assert_non_null(s);
		assert_int_equal(rep.status, PL_VOTES_OK);
		assert_true(rep.moved_aside[0] != '\0');
		assert_non_null(strstr(rep.moved_aside, "garbage.db.damaged-"));
		assert_non_null(strstr(rep.message, rep.moved_aside));
		assert_int_equal(file_size(rep.moved_aside), sizeof junk - 1);
		assert_int_equal(pl_vote_store_count(s), 0);
		cast_ok(s, &vote_a, NULL);
		pl_vote_store_close(s);
		if (round == 1) {
			/* Both damaged files are still there. */
			unit_scratch *u = *state;
			DIR *d = opendir(u->dir);
			int aside = 0;
			struct dirent *e;
			while ((e = readdir(d)) != NULL)
				aside += strncmp(e->d_name, "garbage.db.damaged-", 19) == 0 &&
				         strstr(e->d_name, "-wal") == NULL &&
				         strstr(e->d_name, "-shm") == NULL;
			closedir(d);
			assert_int_equal(aside, 2);
		}
		unlink(path);
		char wal[700];
		snprintf(wal, sizeof wal, "%s-wal", path);
		unlink(wal);
		snprintf(wal, sizeof wal, "%s-shm", path);
		unlink(wal);
	}
}

/* A store whose pages are damaged fails quick_check at open. */
static void test_flipped_bytes(void **state)
{
	char path[600];
	path_in(state, "flipped.db", path, sizeof path);
	pl_vote_store *s = open_ok(path);
	for (int i = 0; i < 300; i++)
		cast_ok(s, &vote_a, NULL);
	pl_vote_store_close(s);
	/* Checkpoint the WAL into the file, then damage a b-tree page. */
	sqlite3 *db;
	sqlite3_open(path, &db);
	sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE", NULL, NULL,
	             NULL);
	sqlite3_close(db);
	size_t size = file_size(path);
	assert_true(size > 8192);
	int fd = open(path, O_RDWR);
	unsigned char garbage[512];
	memset(garbage, 0xA5, sizeof garbage);
	assert_int_equal(pwrite(fd, garbage, sizeof garbage, 4096 + 8), (ssize_t)sizeof garbage);
	close(fd);
	pl_votes_open_report rep;
	s = pl_vote_store_open(path, &rep);
	assert_non_null(s);
	assert_true(rep.moved_aside[0] != '\0');
	assert_int_equal(file_size(rep.moved_aside), size);
	assert_int_equal(pl_vote_store_count(s), 0);
	pl_vote_store_close(s);
}

/* A store from a newer Placard is opened for reading only, untouched. */
static void test_newer_schema(void **state)
{
	char path[600];
	path_in(state, "newer.db", path, sizeof path);
	pl_vote_store *s = open_ok(path);
	cast_ok(s, &vote_a, NULL);
	pl_vote_store_close(s);
	sqlite3 *db;
	sqlite3_open(path, &db);
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	pl_votes_open_report rep;
	s = pl_vote_store_open(path, &rep);
	assert_non_null(s);
	assert_int_equal(rep.status, PL_VOTES_NEWER);
	assert_non_null(strstr(rep.message, "newer Placard"));
	assert_int_equal(rep.moved_aside[0], '\0');
	assert_int_equal(pl_vote_store_count(s), 1);
	char msg[200];
	assert_int_equal(pl_vote_cast(s, &vote_a, NULL, msg, sizeof msg), PL_VOTES_READONLY);
	pl_vote_store_close(s);
}

/* ------------------------------------------------------------------ */
/* Merging                                                             */

static int64_t count_in(const char *path)
{
	pl_votes_open_report rep;
	pl_vote_store *s = pl_vote_store_open(path, &rep);
	assert_non_null(s);
	int64_t n = pl_vote_store_count(s);
	pl_vote_store_close(s);
	return n;
}

/* Property test over random vote sets: for stores A, B (each from its own
 * kiosk), merging A+B+A gives |A| + |B| and so does B+A; merging twice adds
 * nothing; the merged CSV has each id once. */
static void test_merge_properties(void **state)
{
	unsigned seed = (unsigned)time(NULL);
	srand(seed);
	print_message("merge property seed %u\n", seed);
	for (int round = 0; round < 5; round++) {
		char a[600], b[600], ab[600], ba[600];
		char name[64];
		snprintf(name, sizeof name, "a%d.db", round);
		path_in(state, name, a, sizeof a);
		snprintf(name, sizeof name, "b%d.db", round);
		path_in(state, name, b, sizeof b);
		snprintf(name, sizeof name, "ab%d.db", round);
		path_in(state, name, ab, sizeof ab);
		snprintf(name, sizeof name, "ba%d.db", round);
		path_in(state, name, ba, sizeof ba);
		int na = rand() % 40, nb = rand() % 40;
		static const char *const choices[] = {"agree", "disagree", "neutral"};
		pl_vote_store *s = open_ok(a);
		for (int i = 0; i < na; i++) {
			pl_vote_input v = vote_a;
			v.choice = choices[rand() % 3];
			cast_ok(s, &v, NULL);
		}
		pl_vote_store_close(s);
		s = open_ok(b);
		for (int i = 0; i < nb; i++) {
			pl_vote_input v = vote_a;
			v.choice = choices[rand() % 3];
			cast_ok(s, &v, NULL);
		}
		pl_vote_store_close(s);
		pl_diags d = PL_DIAGS_INIT;
		const char *aba[] = {a, b, a};
		const char *bafirst[] = {b, a};
		assert_int_equal(pl_votes_merge(ab, aba, 3, &d), na + nb);
		assert_int_equal(pl_votes_merge(ba, bafirst, 2, &d), na + nb);
		assert_int_equal(pl_votes_merge(ab, aba, 3, &d), 0); /* idempotent */
		assert_int_equal(count_in(ab), na + nb);
		assert_int_equal(count_in(ba), na + nb);
		assert_int_equal(d.errors, 0);
		/* The inputs are untouched. */
		assert_int_equal(count_in(a), na);
		assert_int_equal(count_in(b), nb);
		/* Same content either way: the exports are equal. */
		char *x = NULL, *y = NULL;
		size_t xl = 0, yl = 0;
		FILE *fx = open_memstream(&x, &xl), *fy = open_memstream(&y, &yl);
		const char *one[] = {ab}, *other[] = {ba};
		assert_int_equal(pl_votes_export_csv(one, 1, fx, false, &d), na + nb);
		assert_int_equal(pl_votes_export_csv(other, 1, fy, false, &d), na + nb);
		fclose(fx);
		fclose(fy);
		assert_string_equal(x, y);
		free(x);
		free(y);
		pl_diags_free(&d);
	}
}

static void test_merge_refuses_damage_and_reports_decks(void **state)
{
	char good[600], bad[600], out[600];
	path_in(state, "good.db", good, sizeof good);
	path_in(state, "bad.db", bad, sizeof bad);
	path_in(state, "merged.db", out, sizeof out);
	pl_vote_store *s = open_ok(good);
	cast_ok(s, &vote_a, NULL);
	pl_vote_input other = vote_a;
	other.deck_version = "2024";
	cast_ok(s, &other, NULL);
	pl_vote_store_close(s);
	FILE *f = fopen(bad, "wb");
	fputs("not a database", f);
	fclose(f);
	pl_diags d = PL_DIAGS_INIT;
	const char *in[] = {bad, good};
	assert_int_equal(pl_votes_merge(out, in, 2, &d), 2);
	assert_int_equal(d.errors, 1);
	char line[600];
	pl_diag_format(&d.items[0], line, sizeof line);
	assert_non_null(strstr(line, "bad.db: error: not merged"));
	assert_int_equal(file_size(bad), strlen("not a database")); /* untouched */
	bool decks = false;
	for (size_t i = 0; i < d.count; i++) {
		pl_diag_format(&d.items[i], line, sizeof line);
		decks |= strstr(line, "2 decks or deck versions, counted apart") != NULL;
	}
	assert_true(decks);
	pl_diags_free(&d);
}

static void test_export_csv(void **state)
{
	char path[600];
	path_in(state, "csv.db", path, sizeof path);
	pl_vote_store *s = open_ok(path);
	pl_vote_input v = vote_a;
	v.site = "Jefferson, \"East\" campus";
	pl_vote_receipt r;
	cast_ok(s, &v, &r);
	pl_vote_store_close(s);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	pl_diags d = PL_DIAGS_INIT;
	const char *in[] = {path};
	assert_int_equal(pl_votes_export_csv(in, 1, f, true, &d), 1);
	fclose(f);
	assert_memory_equal(buf, "\xEF\xBB\xBF", 3);
	assert_non_null(
	        strstr(buf, "id,deck,deck_version,poll,choice,lang,site,kiosk,seq,hour_utc\r\n"));
	assert_non_null(strstr(buf, r.id));
	/* RFC 4180: quoted, inner quotes doubled, CRLF. */
	assert_non_null(strstr(buf, ",\"Jefferson, \"\"East\"\" campus\","));
	assert_true(len >= 2 && buf[len - 2] == '\r' && buf[len - 1] == '\n');
	free(buf);
	pl_diags_free(&d);
}

/* ------------------------------------------------------------------ */
/* Crash loop                                                          */

/* The child casts votes as fast as it can and, after each acknowledged
 * one, appends its id to the log and fsyncs the log; the parent kills it
 * with SIGKILL at a random moment. Every logged id must be in the store,
 * and the store must pass integrity_check. */
static void test_crash_loop(void **state)
{
	char path[600], log[600];
	path_in(state, "crash.db", path, sizeof path);
	path_in(state, "acked.log", log, sizeof log);
	const char *env = getenv("PLACARD_CRASH_CYCLES");
	int cycles = env ? atoi(env) : 40;
	srand((unsigned)time(NULL));
	for (int c = 0; c < cycles; c++) {
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			pl_votes_open_report rep;
			pl_vote_store *s = pl_vote_store_open(path, &rep);
			if (!s || rep.status != PL_VOTES_OK)
				_exit(3);
			int fd = open(log, O_WRONLY | O_APPEND | O_CREAT, 0644);
			for (;;) {
				pl_vote_receipt r;
				if (pl_vote_cast(s, &vote_a, &r, NULL, 0) != PL_VOTES_OK)
					_exit(4);
				char line[40];
				int n = snprintf(line, sizeof line, "%s\n", r.id);
				if (write(fd, line, (size_t)n) != n || fsync(fd) != 0)
					_exit(5);
			}
		}
		struct timespec ts = {0, (long)(rand() % 30000) * 1000L};
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		int status;
		waitpid(pid, &status, 0);
		if (WIFEXITED(status))
			fail_msg("cycle %d: the child stopped by itself (%d)", c,
			         WEXITSTATUS(status));
	}
	/* Every acknowledged vote is there. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	sqlite3_prepare_v2(db, "SELECT 1 FROM votes WHERE id = ?", -1, &st, NULL);
	FILE *f = fopen(log, "r");
	char line[64];
	int acked = 0, missing = 0;
	while (f && fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strlen(line) != 32)
			continue; /* a line cut by the kill was never acknowledged */
		acked++;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, line, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_ROW)
			missing++;
	}
	if (f)
		fclose(f);
	sqlite3_finalize(st);
	sqlite3_close(db);
	print_message("crash loop: %d cycles, %d acknowledged votes, %d missing\n", cycles, acked,
	              missing);
	assert_true(acked > 0);
	assert_int_equal(missing, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_cast_and_reopen, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_tally, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_full_and_resume, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_garbage_moved_aside, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_flipped_bytes, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_newer_schema, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_merge_properties, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_merge_refuses_damage_and_reports_decks, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_export_csv, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_crash_loop, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
