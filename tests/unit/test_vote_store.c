/*
 * test_vote_store.c: core/vote_store keeps every acknowledged vote and
 * counts each once: casting, reopening, a size-limited (full) store that
 * resumes, damaged stores moved aside and never lost, a store from a newer
 * Placard, merging (a property test: idempotent, commutative, no loss, no
 * double count), CSV export, and a crash loop that kills a child process
 * casting votes at random moments. Faults from outside the store, each in
 * a child process: a file size limit (RLIMIT_FSIZE) and a really full disk
 * (a small tmpfs), read-only media (tmpfs remounted read-only) and a
 * read-only file (immutable, or mode 0444 when not root), and a lock held
 * by another process.
 */
#define _GNU_SOURCE /* unshare(2), CLONE_NEWNS: a private tmpfs per test */
#include "unit.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

/* <linux/fs.h> clashes with <sys/mount.h> in glibc 2.36: its two ioctls and
 * the one flag, as the kernel defines them. */
#ifndef FS_IOC_GETFLAGS
#define FS_IOC_GETFLAGS _IOR('f', 1, long)
#define FS_IOC_SETFLAGS _IOW('f', 2, long)
#endif
#ifndef FS_IMMUTABLE_FL
#define FS_IMMUTABLE_FL 0x00000010
#endif

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
/* Faults from outside the store                                       */

/* In a child process: a failed check says why on stderr and ends the child
 * with status 1 (cmocka's checks belong to the parent). */
#define CHILD_CHECK(ok, ...)                                                                       \
	do {                                                                                       \
		if (!(ok)) {                                                                       \
			fprintf(stderr, "child, line %d: ", __LINE__);                             \
			fprintf(stderr, __VA_ARGS__);                                              \
			fputc('\n', stderr);                                                       \
			_exit(1);                                                                  \
		}                                                                                  \
	} while (0)

enum { CHILD_SKIP = 77 }; /* the child could not set the fault up here */

/* Runs fn(arg) in a child process; returns its exit status (CHILD_SKIP
 * when the fault cannot be had on this machine). */
static int in_child(void (*fn)(const char *arg), const char *arg)
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status))
		fail_msg("the child ended with signal %d", WTERMSIG(status));
	return WEXITSTATUS(status);
}

static bool integrity_ok(const char *path)
{
	sqlite3 *db;
	bool ok = false;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW)
			ok = strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return ok;
}

static pl_vote_store *child_open(const char *path)
{
	pl_votes_open_report rep;
	pl_vote_store *s = pl_vote_store_open(path, &rep);
	CHILD_CHECK(s && rep.status == PL_VOTES_OK, "open %s: %s", path, rep.message);
	return s;
}

static void child_cast(pl_vote_store *s, int n)
{
	for (int i = 0; i < n; i++) {
		char msg[300] = "";
		pl_votes_status st = pl_vote_cast(s, &vote_a, NULL, msg, sizeof msg);
		CHILD_CHECK(st == PL_VOTES_OK, "vote %d: status %d (%s)", i, (int)st, msg);
	}
}

/* Votes past the fault are refused as "full", every earlier vote stays,
 * and a vote goes in once room() has made room again: in the same process,
 * on the same open store, as in a running kiosk. */
static void full_then_room(pl_vote_store *s, int64_t before, void (*room)(void))
{
	for (int i = 0; i < 3; i++) {
		char msg[300] = "";
		pl_votes_status st = pl_vote_cast(s, &vote_a, NULL, msg, sizeof msg);
		CHILD_CHECK(st == PL_VOTES_FULL, "vote %d on a full disk: status %d, not %d (%s)",
		            i, (int)st, (int)PL_VOTES_FULL, msg);
		CHILD_CHECK(strstr(msg, "not stored") != NULL, "the refusal says [%s]", msg);
	}
	CHILD_CHECK(pl_vote_store_count(s) == before, "%lld votes after the refusals, not %lld",
	            (long long)pl_vote_store_count(s), (long long)before);
	room();
	child_cast(s, 1);
	CHILD_CHECK(pl_vote_store_count(s) == before + 1, "%lld votes after room came back",
	            (long long)pl_vote_store_count(s));
}

/* RLIMIT_FSIZE: the kernel refuses to write a file past the limit (EFBIG;
 * SIGXFSZ ignored, as the kiosk does). The limit is set at the WAL's size,
 * where the next vote's pages go: exactly there (the first write fails)
 * or 100 bytes past it (a short write, then EFBIG): the two ways SQLite
 * sees it. Raising the soft limit again is the space coming back. */
static rlim_t fsize_hard;

static void fsize_unlimited(void)
{
	struct rlimit rl = {fsize_hard, fsize_hard};
	CHILD_CHECK(setrlimit(RLIMIT_FSIZE, &rl) == 0, "setrlimit: %s", strerror(errno));
}

static void rlimit_child(const char *path)
{
	bool exact = strstr(path, "exact") != NULL;
	signal(SIGXFSZ, SIG_IGN);
	pl_vote_store *s = child_open(path);
	child_cast(s, 10);
	char wal[700];
	snprintf(wal, sizeof wal, "%s-wal", path);
	struct stat st;
	CHILD_CHECK(stat(wal, &st) == 0 && st.st_size > 0, "no WAL after 10 votes");
	struct rlimit rl;
	CHILD_CHECK(getrlimit(RLIMIT_FSIZE, &rl) == 0, "getrlimit: %s", strerror(errno));
	fsize_hard = rl.rlim_max;
	rl.rlim_cur = (rlim_t)st.st_size + (exact ? 0 : 100);
	CHILD_CHECK(setrlimit(RLIMIT_FSIZE, &rl) == 0, "setrlimit: %s", strerror(errno));
	full_then_room(s, 10, fsize_unlimited);
	pl_vote_store_close(s);
}

static void test_rlimit_full(void **state)
{
	static const char *const names[] = {"fsize-exact.db", "fsize-short.db"};
	for (int i = 0; i < 2; i++) {
		char path[600];
		path_in(state, names[i], path, sizeof path);
		assert_int_equal(in_child(rlimit_child, path), 0);
		assert_true(integrity_ok(path));
		pl_vote_store *s = open_ok(path);
		assert_int_equal(pl_vote_store_count(s), 11);
		pl_vote_store_close(s);
	}
}

/* A private mount namespace with a small tmpfs on dir, in this child only:
 * the real thing for a full disk and for read-only media. Ends the child
 * with CHILD_SKIP when mounting is not allowed (no CAP_SYS_ADMIN). */
static void private_tmpfs(const char *dir, const char *size)
{
	if (unshare(CLONE_NEWNS) != 0) {
		fprintf(stderr, "cannot unshare the mount namespace (%s): skipped\n",
		        strerror(errno));
		_exit(CHILD_SKIP);
	}
	CHILD_CHECK(mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0,
	            "mount --make-rprivate /: %s", strerror(errno));
	if (mount("placard-test", dir, "tmpfs", MS_NOSUID | MS_NODEV, size) != 0) {
		fprintf(stderr, "cannot mount a tmpfs (%s): skipped\n", strerror(errno));
		_exit(CHILD_SKIP);
	}
}

static char filler[700];

static void remove_filler(void)
{
	CHILD_CHECK(unlink(filler) == 0, "unlink %s: %s", filler, strerror(errno));
}

/* A disk that is really full: a 512 KiB tmpfs filled up with another file
 * while the store is open (as a kiosk's disk fills up under it, ENOSPC);
 * removing the file is the space coming back. */
static void enospc_child(const char *dir)
{
	private_tmpfs(dir, "size=512k");
	char path[700];
	snprintf(path, sizeof path, "%s/votes.db", dir);
	snprintf(filler, sizeof filler, "%s/filler", dir);
	pl_vote_store *s = child_open(path);
	child_cast(s, 10);
	int fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHILD_CHECK(fd >= 0, "%s: %s", filler, strerror(errno));
	char block[4096];
	memset(block, 'x', sizeof block);
	ssize_t n;
	while ((n = write(fd, block, sizeof block)) > 0)
		;
	CHILD_CHECK(n < 0 && errno == ENOSPC, "filling the disk: %s", strerror(errno));
	close(fd);
	full_then_room(s, 10, remove_filler);
	pl_vote_store_close(s);
	CHILD_CHECK(integrity_ok(path), "integrity_check after the full disk");
	s = child_open(path);
	CHILD_CHECK(pl_vote_store_count(s) == 11, "%lld votes after reopening",
	            (long long)pl_vote_store_count(s));
	pl_vote_store_close(s);
	umount(dir);
}

static void test_disk_full_enospc(void **state)
{
	char dir[600];
	path_in(state, "tmpfs", dir, sizeof dir);
	assert_int_equal(mkdir(dir, 0755), 0);
	int rc = in_child(enospc_child, dir);
	rmdir(dir);
	if (rc == CHILD_SKIP)
		skip();
	assert_int_equal(rc, 0);
}

/* Read-only media: a tmpfs with two stores, remounted read-only. One was
 * closed cleanly; the other was left by a kiosk killed with votes still in
 * its WAL. Both open for reading only, say so, refuse votes, and show every
 * vote; nothing on the medium changes. */
static void crash_leaving_wal(const char *path, int votes)
{
	fflush(NULL);
	pid_t pid = fork();
	CHILD_CHECK(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		pl_vote_store *s = child_open(path);
		child_cast(s, votes);
		_exit(0); /* no close: the WAL stays, as after kill -9 */
	}
	int status;
	CHILD_CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	                    WEXITSTATUS(status) == 0,
	            "the voting child failed");
}

static void readonly_media_child(const char *dir)
{
	private_tmpfs(dir, "size=1m");
	char clean[700], crashed[700], wal[720];
	snprintf(clean, sizeof clean, "%s/clean.db", dir);
	snprintf(crashed, sizeof crashed, "%s/crashed.db", dir);
	snprintf(wal, sizeof wal, "%s-wal", crashed);
	pl_vote_store *s = child_open(clean);
	child_cast(s, 3);
	pl_vote_store_close(s);
	crash_leaving_wal(crashed, 4);
	struct stat before, after;
	CHILD_CHECK(stat(wal, &before) == 0 && before.st_size > 0, "no WAL left by the crash");
	CHILD_CHECK(mount("none", dir, NULL, MS_REMOUNT | MS_RDONLY, NULL) == 0,
	            "remount read-only: %s", strerror(errno));
	CHILD_CHECK(access(clean, W_OK) != 0 && errno == EROFS, "the medium is still writable");
	const char *paths[] = {clean, crashed};
	const int64_t counts[] = {3, 4};
	for (int i = 0; i < 2; i++) {
		pl_votes_open_report rep;
		s = pl_vote_store_open(paths[i], &rep);
		CHILD_CHECK(s != NULL, "%s on read-only media does not open: %s", paths[i],
		            rep.message);
		CHILD_CHECK(rep.status == PL_VOTES_READONLY, "%s: status %d, not read-only (%s)",
		            paths[i], (int)rep.status, rep.message);
		CHILD_CHECK(strstr(rep.message, "polls are off") != NULL, "the report says [%s]",
		            rep.message);
		CHILD_CHECK(rep.moved_aside[0] == '\0', "moved aside: %s", rep.moved_aside);
		CHILD_CHECK(pl_vote_store_count(s) == counts[i], "%s: %lld votes, not %lld",
		            paths[i], (long long)pl_vote_store_count(s), (long long)counts[i]);
		char msg[300] = "";
		pl_votes_status st = pl_vote_cast(s, &vote_a, NULL, msg, sizeof msg);
		CHILD_CHECK(st == PL_VOTES_READONLY, "%s: a vote on read-only media: status %d",
		            paths[i], (int)st);
		pl_vote_store_close(s);
	}
	CHILD_CHECK(stat(wal, &after) == 0 && after.st_size == before.st_size &&
	                    after.st_mtime == before.st_mtime,
	            "the WAL on the read-only medium changed");
	umount(dir);
}

static void test_readonly_media(void **state)
{
	char dir[600];
	path_in(state, "media", dir, sizeof dir);
	assert_int_equal(mkdir(dir, 0755), 0);
	int rc = in_child(readonly_media_child, dir);
	rmdir(dir);
	if (rc == CHILD_SKIP)
		skip();
	assert_int_equal(rc, 0);
}

/* The immutable attribute (chattr +i), which stops root too; 0 or -1. */
static int set_immutable(const char *path, bool on)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return -1;
	int flags = 0;
	int rc = ioctl(fd, FS_IOC_GETFLAGS, &flags);
	if (rc == 0) {
		flags = on ? flags | FS_IMMUTABLE_FL : flags & ~FS_IMMUTABLE_FL;
		rc = ioctl(fd, FS_IOC_SETFLAGS, &flags);
	}
	close(fd);
	return rc;
}

static int teardown_readonly(void **state)
{
	unit_scratch *s = *state;
	char path[600];
	snprintf(path, sizeof path, "%s/readonly.db", s->dir);
	set_immutable(path, false);
	chmod(path, 0644);
	return teardown(state);
}

/* A read-only store file in a writable folder: immutable as root (chmod
 * does not stop root), mode 0444 otherwise. It opens for reading only,
 * says so at open (polls off, not a pause at the first vote), and keeps
 * its votes. */
static void test_readonly_file(void **state)
{
	char path[600];
	path_in(state, "readonly.db", path, sizeof path);
	pl_vote_store *s = open_ok(path);
	cast_ok(s, &vote_a, NULL);
	cast_ok(s, &vote_a, NULL);
	pl_vote_store_close(s);
	size_t size = file_size(path);
	if (set_immutable(path, true) != 0) {
		chmod(path, 0444);
		if (access(path, W_OK) == 0) {
			print_message("neither chattr +i nor chmod makes a file read-only here\n");
			skip();
		}
	}
	pl_votes_open_report rep;
	s = pl_vote_store_open(path, &rep);
	assert_non_null(s);
	if (rep.status != PL_VOTES_READONLY)
		fail_msg("a read-only file opens with status %d, not read-only [%s]",
		         (int)rep.status, rep.message);
	assert_non_null(strstr(rep.message, "polls are off"));
	assert_int_equal(pl_vote_store_count(s), 2);
	char msg[300];
	assert_int_equal(pl_vote_cast(s, &vote_a, NULL, msg, sizeof msg), PL_VOTES_READONLY);
	pl_vote_store_close(s);
	assert_int_equal(file_size(path), size);
}

/* Another process holds a lock: the store waits a bounded time, then says
 * busy; when the lock goes, it works. The holder takes lock_sql and keeps
 * it until the parent writes to its pipe. */
typedef struct holder {
	pid_t pid;
	int release; /* write end: a byte lets go */
} holder;

static holder hold_lock(const char *path, const char *lock_sql)
{
	int ready[2], go[2];
	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(go), 0);
	fflush(NULL);
	holder h = {fork(), go[1]};
	assert_true(h.pid >= 0);
	if (h.pid == 0) {
		close(ready[0]);
		close(go[1]);
		sqlite3 *db;
		CHILD_CHECK(sqlite3_open(path, &db) == SQLITE_OK, "open %s", path);
		int rc = sqlite3_exec(db, lock_sql, NULL, NULL, NULL);
		CHILD_CHECK(rc == SQLITE_OK, "%s: %s", lock_sql, sqlite3_errmsg(db));
		CHILD_CHECK(write(ready[1], "r", 1) == 1, "write");
		char c;
		CHILD_CHECK(read(go[0], &c, 1) == 1, "read");
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		sqlite3_close(db);
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	char c;
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	return h;
}

static void let_go(holder *h)
{
	assert_int_equal(write(h->release, "g", 1), 1);
	close(h->release);
	int status;
	assert_int_equal(waitpid(h->pid, &status, 0), h->pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static double elapsed_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void test_locked_busy(void **state)
{
	char path[600];
	path_in(state, "locked.db", path, sizeof path);
	pl_vote_store *s = open_ok(path);
	cast_ok(s, &vote_a, NULL);
	/* Another writer's transaction: votes wait, then are refused as busy;
	 * the store stays readable. */
	holder h = hold_lock(path, "BEGIN IMMEDIATE");
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	char msg[300] = "";
	pl_votes_status st = pl_vote_cast(s, &vote_a, NULL, msg, sizeof msg);
	double waited = elapsed_since(&t0);
	print_message("a vote under another writer's lock: status %d after %.2f s (%s)\n", (int)st,
	              waited, msg);
	assert_int_equal(st, PL_VOTES_BUSY);
	assert_true(waited >= 1.0 && waited < 10.0);
	assert_int_equal(pl_vote_store_count(s), 1);
	let_go(&h);
	cast_ok(s, &vote_a, NULL);
	assert_int_equal(pl_vote_store_count(s), 2);
	pl_vote_store_close(s);
	/* An exclusive lock (locking_mode=EXCLUSIVE) held when the kiosk
	 * starts: the open waits a bounded time, then reports busy. */
	h = hold_lock(path, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE");
	pl_votes_open_report rep;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	s = pl_vote_store_open(path, &rep);
	waited = elapsed_since(&t0);
	print_message("open under an exclusive lock: status %d after %.2f s (%s)\n",
	              (int)rep.status, waited, rep.message);
	assert_int_equal(rep.status, PL_VOTES_BUSY);
	assert_null(s);
	assert_non_null(strstr(rep.message, "polls are off"));
	assert_true(waited >= 1.0 && waited < 10.0);
	assert_int_equal(rep.moved_aside[0], '\0'); /* locked is not damaged */
	let_go(&h);
	s = open_ok(path);
	assert_int_equal(pl_vote_store_count(s), 2);
	cast_ok(s, &vote_a, NULL);
	pl_vote_store_close(s);
	assert_true(integrity_ok(path));
}

/* ------------------------------------------------------------------ */
/* Crash loop                                                          */

/* The child casts votes as fast as it can and, after each acknowledged
 * one, appends its id to the log and fsyncs the log; the parent kills it
 * with SIGKILL at a random moment. After every kill the store must pass
 * integrity_check and hold every id logged so far, and at the end no store
 * was ever found damaged (moved aside). */

/* The ids logged from byte *from on that the store lacks; *from moves past
 * the whole lines read (a line cut by the kill was never acknowledged).
 * The store is checked with integrity_check first (*ok). This connection
 * does not checkpoint when it closes: the WAL stays as the kill left it,
 * for the next child's open to recover, as a restarted kiosk would. */
static int missing_since(const char *path, const char *log, long *from, int *acked, bool *ok)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL),
	                 SQLITE_OK);
	*ok = sqlite3_step(st) == SQLITE_ROW &&
	      strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
	sqlite3_finalize(st);
	sqlite3_prepare_v2(db, "SELECT 1 FROM votes WHERE id = ?", -1, &st, NULL);
	FILE *f = fopen(log, "r");
	char line[64];
	int missing = 0;
	if (f && fseek(f, *from, SEEK_SET) == 0) {
		while (fgets(line, sizeof line, f)) {
			size_t n = strlen(line);
			if (n == 0 || line[n - 1] != '\n')
				break;
			*from = ftell(f);
			line[n - 1] = '\0';
			if (n - 1 != 32)
				continue;
			(*acked)++;
			sqlite3_reset(st);
			sqlite3_bind_text(st, 1, line, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(st) != SQLITE_ROW)
				missing++;
		}
	}
	if (f)
		fclose(f);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return missing;
}

static void test_crash_loop(void **state)
{
	char path[600], log[600];
	path_in(state, "crash.db", path, sizeof path);
	path_in(state, "acked.log", log, sizeof log);
	const char *env = getenv("PLACARD_CRASH_CYCLES");
	int cycles = env ? atoi(env) : 40;
	unsigned seed = (unsigned)time(NULL);
	srand(seed);
	long checked = 0;
	int acked = 0, missing = 0, children_voted = 0;
	for (int c = 0; c < cycles; c++) {
		fflush(NULL);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			pl_votes_open_report rep;
			pl_vote_store *s = pl_vote_store_open(path, &rep);
			if (!s || rep.status != PL_VOTES_OK || rep.moved_aside[0])
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
			fail_msg("cycle %d (seed %u): the child stopped by itself (%d: 3 open, 4 "
			         "vote, 5 log)",
			         c, seed, WEXITSTATUS(status));
		int before = acked;
		bool ok;
		missing += missing_since(path, log, &checked, &acked, &ok);
		children_voted += acked > before;
		if (!ok || missing)
			fail_msg("cycle %d (seed %u): %s, %d acknowledged votes missing", c, seed,
			         ok ? "integrity_check ok" : "integrity_check failed", missing);
	}
	/* At the end, every acknowledged vote once more, and no store was
	 * ever moved aside as damaged. */
	checked = 0;
	int all = 0;
	bool ok;
	missing = missing_since(path, log, &checked, &all, &ok);
	unit_scratch *u = *state;
	DIR *d = opendir(u->dir);
	int aside = 0;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL)
		aside += strstr(e->d_name, ".damaged-") != NULL;
	if (d)
		closedir(d);
	print_message("crash loop: %d cycles (seed %u), %d acknowledged votes (%d cycles "
	              "acknowledged one or more), %d missing\n",
	              cycles, seed, all, children_voted, missing);
	assert_true(ok);
	assert_int_equal(all, acked);
	assert_true(acked > 0);
	assert_int_equal(missing, 0);
	assert_int_equal(aside, 0);
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
	        cmocka_unit_test_setup_teardown(test_rlimit_full, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_disk_full_enospc, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_readonly_media, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_readonly_file, setup, teardown_readonly),
	        cmocka_unit_test_setup_teardown(test_locked_busy, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_crash_loop, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
