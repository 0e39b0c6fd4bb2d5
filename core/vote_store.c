/*
 * vote_store.c: votes in SQLite; see vote_store.h for what is promised.
 *
 * Durability: WAL with synchronous=FULL makes each commit durable before
 * sqlite3_step of COMMIT returns (BRIEF section 3: NORMAL may roll back the
 * last commits on power loss). One vote, one BEGIN IMMEDIATE ... COMMIT.
 * The -wal and -shm files of a healthy store are never touched by hand:
 * SQLite replays the WAL on the next open.
 *
 * Damage: PRAGMA quick_check runs at every open (it is cheap at kiosk
 * sizes). A store that fails it, or is not a database at all, is renamed
 * aside with its -wal and -shm as PATH.damaged-YYYYMMDDTHHMMSSZ[-N] using
 * link(2) + unlink(2), which never replaces an existing file, and a fresh
 * store is created in its place.
 */
#include "placard/vote_store.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "placard/strbuf.h"

#define BUSY_TIMEOUT_MS 2000

struct pl_vote_store {
	sqlite3 *db;
	char kiosk[33];
	bool writable;
};

static const char *const schema_v1 =
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
        "CREATE TABLE votes("
        "  id TEXT PRIMARY KEY NOT NULL,"
        "  deck TEXT NOT NULL, deck_version TEXT NOT NULL,"
        "  poll TEXT NOT NULL, choice TEXT NOT NULL,"
        "  lang TEXT NOT NULL, site TEXT NOT NULL,"
        "  kiosk TEXT NOT NULL, seq INTEGER NOT NULL, hour INTEGER NOT NULL,"
        "  UNIQUE(kiosk, seq)) WITHOUT ROWID;"
        "CREATE INDEX votes_by_poll ON votes(deck, deck_version, poll, choice);";

static void say(char *buf, size_t size, const char *fmt, const char *a, const char *b)
{
	if (buf && size)
		snprintf(buf, size, fmt, a ? a : "", b ? b : "");
}

static int random_hex(char out[33])
{
	unsigned char bytes[16];
	size_t got = 0;
	while (got < sizeof bytes) {
		ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		got += (size_t)n;
	}
	for (size_t i = 0; i < 16; i++)
		snprintf(out + i * 2, 3, "%02x", bytes[i]);
	return 0;
}

static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

static int64_t query_int(sqlite3 *db, const char *sql, int *rc_out)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			v = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	if (rc_out)
		*rc_out = rc;
	return v;
}

/* "ok" from quick_check, or the first problem. */
static int quick_check(sqlite3 *db, char *why, size_t size)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			const char *r = (const char *)sqlite3_column_text(st, 0);
			snprintf(why, size, "%s", r ? r : "?");
			rc = r && strcmp(r, "ok") == 0 ? SQLITE_OK : SQLITE_CORRUPT;
		}
	} else {
		snprintf(why, size, "%s", sqlite3_errmsg(db));
	}
	sqlite3_finalize(st);
	return rc;
}

/* Renames path (and its -wal, -shm) aside without ever replacing a file. */
static int move_aside(const char *path, char *moved, size_t size)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	for (int attempt = 0; attempt < 1000; attempt++) {
		char base[1024];
		if (attempt == 0)
			snprintf(base, sizeof base, "%s.damaged-%s", path, stamp);
		else
			snprintf(base, sizeof base, "%s.damaged-%s-%d", path, stamp, attempt);
		if (link(path, base) != 0) {
			if (errno == EEXIST)
				continue;
			return -1;
		}
		static const char *const extra[] = {"-wal", "-shm"};
		for (size_t k = 0; k < 2; k++) {
			char from[1100], to[1100];
			snprintf(from, sizeof from, "%s%s", path, extra[k]);
			snprintf(to, sizeof to, "%s%s", base, extra[k]);
			if (link(from, to) == 0)
				unlink(from);
		}
		unlink(path);
		snprintf(moved, size, "%s", base);
		return 0;
	}
	errno = EEXIST;
	return -1;
}

static pl_votes_status status_of(int rc)
{
	switch (rc & 0xFF) {
	case SQLITE_IOERR:
		/* A write refused for want of space (ENOSPC, or EFBIG past a file
		 * size limit) is the disk being full, whatever SQLite called it. */
		return errno == ENOSPC || errno == EFBIG ? PL_VOTES_FULL : PL_VOTES_ERROR;
	case SQLITE_OK:
	case SQLITE_DONE:
		return PL_VOTES_OK;
	case SQLITE_FULL:
		return PL_VOTES_FULL;
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return PL_VOTES_READONLY;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return PL_VOTES_BUSY;
	default:
		return PL_VOTES_ERROR;
	}
}

static int create_schema(pl_vote_store *s)
{
	char kiosk[33];
	if (random_hex(kiosk) < 0)
		return SQLITE_ERROR;
	int rc = exec(s->db, "BEGIN IMMEDIATE");
	if (rc == SQLITE_OK)
		rc = exec(s->db, schema_v1);
	if (rc == SQLITE_OK) {
		sqlite3_stmt *st = NULL;
		rc = sqlite3_prepare_v2(s->db, "INSERT INTO meta VALUES('kiosk', ?1)", -1, &st,
		                        NULL);
		if (rc == SQLITE_OK) {
			sqlite3_bind_text(st, 1, kiosk, -1, SQLITE_TRANSIENT);
			rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(s->db);
		}
		sqlite3_finalize(st);
	}
	if (rc == SQLITE_OK)
		rc = exec(s->db, "PRAGMA user_version = 1");
	if (rc == SQLITE_OK)
		rc = exec(s->db, "COMMIT");
	if (rc != SQLITE_OK)
		exec(s->db, "ROLLBACK");
	return rc;
}

/* Schema migrations: each step takes the store from version v to v + 1 in
 * one transaction. Version 1 is the first; later ones add steps here. */
static int migrate(pl_vote_store *s, int64_t version)
{
	if (version == 0)
		return create_schema(s);
	return SQLITE_OK;
}

static int read_kiosk(pl_vote_store *s)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = 'kiosk'", -1, &st,
	                            NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		snprintf(s->kiosk, sizeof s->kiosk, "%s", v ? v : "");
	} else if (rc == SQLITE_OK) {
		rc = SQLITE_CORRUPT;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Opens path; SQLITE_OK and a quick_check'ed, migrated store, or an error
 * code with why filled. */
static int try_open(pl_vote_store *s, const char *path, int flags, char *why, size_t size)
{
	int rc = sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_URI, NULL);
	if (rc != SQLITE_OK) {
		snprintf(why, size, "%s", s->db ? sqlite3_errmsg(s->db) : "cannot open");
		return rc;
	}
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(s->db, 1);
	/* SQLite opens a file it may not write (read-only media, mode 0444,
	 * chattr +i) for reading without a word: say so now, not at the first
	 * vote. */
	if ((flags & SQLITE_OPEN_READWRITE) && sqlite3_db_readonly(s->db, "main") == 1) {
		snprintf(why, size, "the file or its medium is read-only");
		return SQLITE_READONLY;
	}
	rc = quick_check(s->db, why, size);
	if (rc != SQLITE_OK)
		return rc;
	int64_t version = query_int(s->db, "PRAGMA user_version", &rc);
	if (rc != SQLITE_OK) {
		snprintf(why, size, "%s", sqlite3_errmsg(s->db));
		return rc;
	}
	/* A newer schema is read (counts, export) but never written: its
	 * migrations are not ours to guess. */
	if (version > PL_VOTES_SCHEMA && (flags & SQLITE_OPEN_READWRITE)) {
		snprintf(why, size, "made by a newer Placard (schema %lld, this one writes %d)",
		         (long long)version, PL_VOTES_SCHEMA);
		return SQLITE_READONLY;
	}
	if (!(flags & SQLITE_OPEN_READWRITE)) {
		if (version < 1) {
			snprintf(why, size, "an empty or foreign database, not a vote store");
			return SQLITE_NOTADB;
		}
		return read_kiosk(s);
	}
	/* WAL + synchronous=FULL: durable at every commit. */
	sqlite3_stmt *st = NULL;
	rc = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode=WAL", -1, &st, NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *mode = (const char *)sqlite3_column_text(st, 0);
		if (!mode || strcmp(mode, "wal") != 0)
			rc = SQLITE_READONLY;
	} else if (rc == SQLITE_OK) {
		rc = sqlite3_errcode(s->db);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK)
		rc = exec(s->db, "PRAGMA synchronous=FULL");
	/* A kiosk runs for days: 256 KiB of page cache, not SQLite's 2 MB,
	 * which votes (random ids, so pages all over the table) fill in a few
	 * thousand and which the soak saw as creeping memory (tests/soak). */
	if (rc == SQLITE_OK)
		rc = exec(s->db, "PRAGMA cache_size=-256");
	if (rc == SQLITE_OK)
		rc = migrate(s, version);
	if (rc == SQLITE_OK)
		rc = read_kiosk(s);
	if (rc != SQLITE_OK)
		snprintf(why, size, "%s", sqlite3_errmsg(s->db));
	return rc;
}

/* A file: URI for path with a query (SQLite's URI rules: ?, # and %
 * percent-encoded). */
static void file_uri(pl_strbuf *uri, const char *path, const char *query)
{
	pl_strbuf_adds(uri, "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '?' || *p == '#' || *p == '%')
			pl_strbuf_addf(uri, "%%%02X", (unsigned char)*p);
		else
			pl_strbuf_addc(uri, *p);
	}
	pl_strbuf_addf(uri, "?%s", query);
}

static bool no_wal(const char *path)
{
	char wal[1100];
	snprintf(wal, sizeof wal, "%s-wal", path);
	return access(wal, F_OK) != 0 && errno == ENOENT;
}

static bool is_damage(int rc)
{
	return (rc & 0xFF) == SQLITE_CORRUPT || (rc & 0xFF) == SQLITE_NOTADB;
}

pl_vote_store *pl_vote_store_open(const char *path, pl_votes_open_report *report)
{
	memset(report, 0, sizeof(*report));
	pl_vote_store *s = calloc(1, sizeof(*s));
	if (!s) {
		report->status = PL_VOTES_ERROR;
		snprintf(report->message, sizeof report->message, "out of memory");
		return NULL;
	}
	char why[300] = "";
	int rc = try_open(s, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, why, sizeof why);
	if (is_damage(rc)) {
		sqlite3_close(s->db);
		s->db = NULL;
		if (move_aside(path, report->moved_aside, sizeof report->moved_aside) < 0) {
			report->status = PL_VOTES_ERROR;
			snprintf(report->message, sizeof report->message,
			         "the vote store %s is damaged (%s) and cannot be moved aside: %s",
			         path, why, strerror(errno));
			free(s);
			return NULL;
		}
		char first[300];
		snprintf(first, sizeof first, "%s", why);
		rc = try_open(s, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, why, sizeof why);
		if (rc == SQLITE_OK)
			snprintf(report->message, sizeof report->message,
			         "the vote store was damaged (%.100s); it was kept as %.300s and a "
			         "new one "
			         "started",
			         first, report->moved_aside);
	}
	if (rc == SQLITE_OK) {
		s->writable = true;
		return s;
	}
	/* Read-only media, a newer store, or a lock that did not go away:
	 * open for reading so counts and export still work. */
	pl_votes_status st = status_of(rc);
	sqlite3_close(s->db);
	s->db = NULL;
	char why_ro[300];
	int ro = st == PL_VOTES_BUSY
	                 ? SQLITE_BUSY
	                 : try_open(s, path, SQLITE_OPEN_READONLY, why_ro, sizeof why_ro);
	if (ro != SQLITE_OK && st == PL_VOTES_READONLY && no_wal(path)) {
		/* A WAL store on read-only media has no -shm, and none can be
		 * made: SQLite reads it only as immutable, which is what it is
		 * there (and without a -wal, nothing committed is left out). */
		sqlite3_close(s->db);
		s->db = NULL;
		pl_strbuf uri = PL_STRBUF_INIT;
		file_uri(&uri, path, "immutable=1");
		ro = try_open(s, pl_strbuf_str(&uri), SQLITE_OPEN_READONLY, why_ro, sizeof why_ro);
		pl_strbuf_release(&uri);
	}
	if (ro == SQLITE_OK) {
		report->status = strstr(why, "newer") ? PL_VOTES_NEWER : PL_VOTES_READONLY;
		snprintf(report->message, sizeof report->message,
		         "the vote store %s cannot take votes (%s); polls are off", path, why);
		return s;
	}
	sqlite3_close(s->db);
	free(s);
	report->status = st == PL_VOTES_OK ? PL_VOTES_ERROR : st;
	snprintf(report->message, sizeof report->message,
	         "cannot open the vote store %s (%s); polls are off", path, why);
	return NULL;
}

void pl_vote_store_close(pl_vote_store *store)
{
	if (!store)
		return;
	sqlite3_close(store->db);
	free(store);
}

const char *pl_vote_store_kiosk(const pl_vote_store *store)
{
	return store->kiosk;
}

pl_votes_status pl_vote_cast(pl_vote_store *s, const pl_vote_input *v, pl_vote_receipt *receipt,
                             char *message, size_t message_size)
{
	if (!s->writable) {
		say(message, message_size, "the vote store is read-only%s%s", "", "");
		return PL_VOTES_READONLY;
	}
	pl_vote_receipt r;
	if (random_hex(r.id) < 0) {
		say(message, message_size, "no random numbers: %s%s", strerror(errno), "");
		return PL_VOTES_ERROR;
	}
	int64_t hour = (int64_t)time(NULL) / 3600;
	int rc = exec(s->db, "BEGIN IMMEDIATE");
	sqlite3_stmt *st = NULL;
	if (rc == SQLITE_OK)
		r.seq = query_int(s->db,
		                  "SELECT COALESCE(MAX(seq), 0) + 1 FROM votes WHERE kiosk = "
		                  "(SELECT value FROM meta WHERE key = 'kiosk')",
		                  &rc);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(
		        s->db,
		        "INSERT INTO votes(id, deck, deck_version, poll, choice, lang, "
		        "site, kiosk, seq, hour) VALUES(?,?,?,?,?,?,?,?,?,?)",
		        -1, &st, NULL);
	if (rc == SQLITE_OK) {
		const char *text[] = {r.id,      v->deck, v->deck_version, v->poll,
		                      v->choice, v->lang, v->site,         s->kiosk};
		for (int i = 0; i < 8; i++)
			sqlite3_bind_text(st, i + 1, text[i] ? text[i] : "", -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 9, r.seq);
		sqlite3_bind_int64(st, 10, hour);
		rc = sqlite3_step(st);
		rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode(s->db);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK)
		rc = exec(s->db, "COMMIT");
	if (rc != SQLITE_OK) {
		/* The failed write's errno (EFBIG, ENOSPC), not whatever the
		 * rollback leaves (sqlite3_system_errno is 0 after a failed WAL
		 * write in SQLite 3.40). */
		int sys = errno;
		const char *err = sqlite3_errmsg(s->db);
		say(message, message_size, "the vote was not stored: %s%s", err, "");
		exec(s->db, "ROLLBACK");
		errno = sys;
		return status_of(rc);
	}
	if (receipt)
		*receipt = r;
	return PL_VOTES_OK;
}

int pl_vote_store_tally(pl_vote_store *s, const char *deck, const char *deck_version,
                        const char *poll, void (*fn)(void *ctx, const char *choice, int64_t n),
                        void *ctx)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db,
	                            "SELECT choice, COUNT(*) FROM votes WHERE deck = ? AND "
	                            "deck_version = ? AND poll = ? GROUP BY choice ORDER BY choice",
	                            -1, &st, NULL);
	if (rc != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, deck, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, deck_version, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, poll, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int pl_vote_store_limit(pl_vote_store *s, int64_t bytes)
{
	int rc;
	int64_t page = query_int(s->db, "PRAGMA page_size", &rc);
	if (rc != SQLITE_OK || page <= 0)
		return -1;
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", (long long)(bytes / page));
	query_int(s->db, sql, &rc);
	return rc == SQLITE_OK ? 0 : -1;
}

int64_t pl_vote_store_count(pl_vote_store *s)
{
	int rc;
	int64_t n = query_int(s->db, "SELECT COUNT(*) FROM votes", &rc);
	return rc == SQLITE_OK ? n : -1;
}

/* ------------------------------------------------------------------ */
/* Merge and export                                                    */

/* Copies every vote of input into out (an open, writable store) in one
 * transaction; each id once. Returns votes added, or -1 (reported). */
static int64_t merge_one(pl_vote_store *out, const char *input, pl_diags *diags)
{
	pl_vote_store in = {0};
	char why[300];
	int rc = try_open(&in, input, SQLITE_OPEN_READONLY, why, sizeof why);
	if (rc != SQLITE_OK) {
		pl_diags_add(diags, PL_ERROR, input, 0, 0, "not merged: %s", why);
		sqlite3_close(in.db);
		return -1;
	}
	sqlite3_close(in.db);
	/* ATTACH reads the input through SQLite itself, read-only by URI. */
	pl_strbuf uri = PL_STRBUF_INIT;
	file_uri(&uri, input, "mode=ro");
	int64_t before = pl_vote_store_count(out);
	sqlite3_stmt *st = NULL;
	rc = sqlite3_prepare_v2(out->db, "ATTACH DATABASE ? AS input", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, pl_strbuf_str(&uri), -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(out->db);
	}
	sqlite3_finalize(st);
	pl_strbuf_release(&uri);
	int64_t conflicts = 0;
	if (rc == SQLITE_OK) {
		conflicts =
		        query_int(out->db,
		                  "SELECT COUNT(*) FROM input.votes i JOIN main.votes m USING(id) "
		                  "WHERE i.choice <> m.choice OR i.poll <> m.poll OR i.deck <> "
		                  "m.deck OR i.kiosk <> m.kiosk",
		                  &rc);
	}
	if (rc == SQLITE_OK)
		rc = exec(out->db, "BEGIN IMMEDIATE");
	if (rc == SQLITE_OK)
		rc = exec(out->db,
		          "INSERT OR IGNORE INTO main.votes SELECT id, deck, deck_version, "
		          "poll, choice, lang, site, kiosk, seq, hour FROM input.votes");
	if (rc == SQLITE_OK)
		rc = exec(out->db, "COMMIT");
	if (rc != SQLITE_OK) {
		pl_diags_add(diags, PL_ERROR, input, 0, 0, "not merged: %s",
		             sqlite3_errmsg(out->db));
		exec(out->db, "ROLLBACK");
	}
	exec(out->db, "DETACH DATABASE input");
	if (conflicts > 0)
		pl_diags_add(
		        diags, PL_WARNING, input, 0, 0,
		        "%lld votes share an id with a different vote already merged; the first "
		        "one was kept",
		        (long long)conflicts);
	return rc == SQLITE_OK ? pl_vote_store_count(out) - before : -1;
}

/* Decks and versions present: more than one is worth saying (their votes
 * are kept apart by deck and version in every count). */
static void report_decks(pl_vote_store *out, const char *name, pl_diags *diags)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(out->db,
	                       "SELECT deck, deck_version, COUNT(*) FROM votes GROUP BY 1, 2 "
	                       "ORDER BY 1, 2",
	                       -1, &st, NULL) != SQLITE_OK)
		return;
	int rows = 0;
	pl_strbuf sb = PL_STRBUF_INIT;
	while (sqlite3_step(st) == SQLITE_ROW) {
		pl_strbuf_addf(&sb, "%s%s %s (%lld)", rows ? ", " : "", sqlite3_column_text(st, 0),
		               sqlite3_column_text(st, 1), (long long)sqlite3_column_int64(st, 2));
		rows++;
	}
	sqlite3_finalize(st);
	if (rows > 1)
		pl_diags_add(diags, PL_WARNING, name, 0, 0,
		             "votes from %d decks or deck versions, counted apart: %s", rows,
		             pl_strbuf_str(&sb));
	pl_strbuf_release(&sb);
}

int64_t pl_votes_merge(const char *out, const char *const *inputs, size_t n_inputs, pl_diags *diags)
{
	pl_votes_open_report rep;
	pl_vote_store *s = pl_vote_store_open(out, &rep);
	if (!s || rep.status != PL_VOTES_OK) {
		pl_diags_add(diags, PL_ERROR, out, 0, 0, "%s", rep.message);
		pl_vote_store_close(s);
		return -1;
	}
	if (rep.moved_aside[0])
		pl_diags_add(diags, PL_WARNING, out, 0, 0, "%s", rep.message);
	int64_t added = 0;
	for (size_t i = 0; i < n_inputs; i++) {
		int64_t n = merge_one(s, inputs[i], diags);
		if (n > 0)
			added += n;
	}
	report_decks(s, out, diags);
	pl_vote_store_close(s);
	return added;
}

static void csv_field(FILE *f, const char *s)
{
	if (!s)
		s = "";
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

int64_t pl_votes_export_csv(const char *const *stores, size_t n_stores, FILE *out, bool bom,
                            pl_diags *diags)
{
	/* Merge into a private in-memory store first: each id once. */
	pl_vote_store mem = {0};
	if (sqlite3_open_v2(":memory:", &mem.db,
	                    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI,
	                    NULL) != SQLITE_OK ||
	    create_schema(&mem) != SQLITE_OK || read_kiosk(&mem) != SQLITE_OK) {
		pl_diags_add(diags, PL_ERROR, NULL, 0, 0, "out of memory");
		sqlite3_close(mem.db);
		return -1;
	}
	for (size_t i = 0; i < n_stores; i++)
		merge_one(&mem, stores[i], diags);
	sqlite3_stmt *st = NULL;
	int64_t n = 0;
	if (sqlite3_prepare_v2(mem.db,
	                       "SELECT id, deck, deck_version, poll, choice, lang, site, kiosk, "
	                       "seq, hour FROM votes ORDER BY kiosk, seq",
	                       -1, &st, NULL) != SQLITE_OK) {
		sqlite3_close(mem.db);
		return -1;
	}
	if (bom)
		fputs("\xEF\xBB\xBF", out);
	fputs("id,deck,deck_version,poll,choice,lang,site,kiosk,seq,hour_utc\r\n", out);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int c = 0; c < 10; c++) {
			if (c)
				fputc(',', out);
			if (c == 9) {
				/* The hour the kiosk's clock said, as ISO 8601. */
				time_t t = (time_t)sqlite3_column_int64(st, 9) * 3600;
				struct tm tm;
				char buf[32];
				gmtime_r(&t, &tm);
				strftime(buf, sizeof buf, "%Y-%m-%dT%H:00Z", &tm);
				fputs(buf, out);
			} else {
				csv_field(out, (const char *)sqlite3_column_text(st, c));
			}
		}
		fputs("\r\n", out);
		n++;
	}
	sqlite3_finalize(st);
	sqlite3_close(mem.db);
	if (ferror(out)) {
		pl_diags_add(diags, PL_ERROR, NULL, 0, 0, "cannot write the CSV: %s",
		             strerror(errno));
		return -1;
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* Read-only queries                                                   */

pl_vote_store *pl_votes_merge_memory(const char *const *inputs, size_t n_inputs, bool *skipped,
                                     pl_diags *diags)
{
	pl_vote_store *mem = calloc(1, sizeof(*mem));
	if (!mem ||
	    sqlite3_open_v2(":memory:", &mem->db,
	                    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI,
	                    NULL) != SQLITE_OK ||
	    create_schema(mem) != SQLITE_OK || read_kiosk(mem) != SQLITE_OK) {
		pl_diags_add(diags, PL_ERROR, NULL, 0, 0, "out of memory");
		pl_vote_store_close(mem);
		return NULL;
	}
	/* writable stays false: a report's view is not a kiosk's store. */
	for (size_t i = 0; i < n_inputs; i++) {
		int64_t n = merge_one(mem, inputs[i], diags);
		if (skipped)
			skipped[i] = n < 0;
	}
	report_decks(mem, "merged votes", diags);
	return mem;
}

int pl_vote_store_groups(pl_vote_store *s, int (*fn)(void *ctx, const pl_vote_group *group),
                         void *ctx)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db,
	                       "SELECT deck, deck_version, poll, choice, lang, site, COUNT(*) "
	                       "FROM votes GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	int rc = 0, step = SQLITE_DONE;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		pl_vote_group g = {(const char *)sqlite3_column_text(st, 0),
		                   (const char *)sqlite3_column_text(st, 1),
		                   (const char *)sqlite3_column_text(st, 2),
		                   (const char *)sqlite3_column_text(st, 3),
		                   (const char *)sqlite3_column_text(st, 4),
		                   (const char *)sqlite3_column_text(st, 5),
		                   sqlite3_column_int64(st, 6)};
		rc = fn(ctx, &g);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = -1;
	sqlite3_finalize(st);
	return rc;
}
