/* fuzz_votes.c: vote stores with random damage -> the report's merge in
 * memory, the CSV export and the kiosk's open (vote_store.h).
 *
 * Two valid stores are made once, at start, through the core API: a clean
 * one (checkpointed, as after a proper shutdown) and one with its latest
 * votes still in the -wal file (as kill -9 or a power cut leaves it). The
 * fuzzer's bytes pick one and damage a copy of it:
 *
 *   byte 0         bit 0: start from the store with a -wal file
 *   then 6 bytes   per damage: kind, a 24-bit offset (modulo the file's
 *                  size), two value bytes; kind bit 7 aims it at the -wal
 *                  file instead of the database. Kinds (kind % 5):
 *                  0 xor a byte, 1 set two bytes, 2 set a big-endian
 *                  32-bit 0x0000vvvv (page numbers, counts, sizes in the
 *                  headers), 3 truncate there, 4 zero the 512-byte
 *                  sector there (a torn write)
 *
 * Damaged stores must be merged or skipped with a message, never crash,
 * leak or hang; SQLite's errors are fine. The merge in memory and the
 * export must count the same votes, every group the report walks must
 * have its strings, and the kiosk's open must give a store or say why. */
#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "placard/vote_store.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct bytes {
	uint8_t *data;
	size_t len;
} bytes;

/* Made once in LLVMFuzzerInitialize and only read after: the harness's
 * own state, like a main's. */
static char work[256];       /* a private directory, removed at exit */
static char store_path[300]; /* work/store.db, rewritten for each input */
static bytes clean_db, crashed_db, crashed_wal;
static FILE *sink; /* /dev/null, for the CSV */

static int read_all(const char *path, bytes *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	out->data = NULL;
	out->len = 0;
	uint8_t buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		uint8_t *grown = realloc(out->data, out->len + n);
		if (!grown) {
			fclose(f);
			return -1;
		}
		memcpy(grown + out->len, buf, n);
		out->data = grown;
		out->len += n;
	}
	fclose(f);
	return 0;
}

static int write_all(const char *path, const uint8_t *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n <= 0) {
			close(fd);
			return -1;
		}
		done += (size_t)n;
	}
	return close(fd);
}

/* Removes every file in work (the store, its -wal and -shm, stores moved
 * aside by the kiosk's open). */
static void empty_work(void)
{
	DIR *d = opendir(work);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char path[600];
		snprintf(path, sizeof path, "%s/%s", work, e->d_name);
		unlink(path);
	}
	closedir(d);
}

static void remove_work(void)
{
	empty_work();
	rmdir(work);
	if (sink)
		fclose(sink);
}

static int cast(pl_vote_store *store, int i)
{
	/* Strings that need CSV quoting, several scripts, several polls. */
	static const char *const choices[] = {"yes", "no", "\"maybe\", later", "línea\r\nnueva",
	                                      "نعم"};
	static const char *const langs[] = {"en", "es", "ar", "zh-Hant", "vi"};
	char poll[16];
	snprintf(poll, sizeof poll, "poll-%d", i % 3);
	pl_vote_input v = {"pusd-2023",    i % 7 ? "3" : "2", poll,
	                   choices[i % 5], langs[i % 5],      i % 2 ? "Lincoln High" : ""};
	return pl_vote_cast(store, &v, NULL, NULL, 0) == PL_VOTES_OK ? 0 : -1;
}

static int make_stores(void)
{
	char wal_path[320];
	snprintf(wal_path, sizeof wal_path, "%s-wal", store_path);
	pl_votes_open_report rep;
	pl_vote_store *store = pl_vote_store_open(store_path, &rep);
	if (!store || rep.status != PL_VOTES_OK)
		return -1;
	for (int i = 0; i < 60; i++)
		if (cast(store, i) < 0)
			return -1;
	pl_vote_store_close(store); /* checkpoints: the -wal goes */
	if (read_all(store_path, &clean_db) < 0)
		return -1;
	store = pl_vote_store_open(store_path, &rep);
	if (!store || rep.status != PL_VOTES_OK)
		return -1;
	for (int i = 60; i < 64; i++)
		if (cast(store, i) < 0)
			return -1;
	/* Copied while open: the four latest votes are only in the -wal. */
	if (read_all(store_path, &crashed_db) < 0 || read_all(wal_path, &crashed_wal) < 0)
		return -1;
	pl_vote_store_close(store);
	empty_work();
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	/* tmpfs when there is one: every commit is an fsync. */
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
	snprintf(work, sizeof work, "%s/placard-fuzz-votes-XXXXXX", base ? base : "/tmp");
	if (!mkdtemp(work)) {
		perror(work);
		abort();
	}
	snprintf(store_path, sizeof store_path, "%s/store.db", work);
	atexit(remove_work);
	sink = fopen("/dev/null", "w");
	if (!sink || make_stores() < 0) {
		fprintf(stderr, "fuzz_votes: cannot make the starting stores in %s\n", work);
		abort();
	}
	return 0;
}

static void damage(bytes *file, const uint8_t op[6])
{
	if (file->len == 0)
		return;
	size_t at = (((size_t)op[1] << 16) | ((size_t)op[2] << 8) | op[3]) % file->len;
	uint8_t v1 = op[4], v2 = op[5];
	switch ((op[0] & 0x7F) % 5) {
	case 0:
		file->data[at] ^= v1 ? v1 : 0x01;
		break;
	case 1:
		file->data[at] = v1;
		if (at + 1 < file->len)
			file->data[at + 1] = v2;
		break;
	case 2:
		for (size_t k = 0; k < 4 && at + k < file->len; k++)
			file->data[at + k] = k == 2 ? v1 : k == 3 ? v2 : 0;
		break;
	case 3:
		file->len = at;
		break;
	default:
		at &= ~(size_t)511;
		memset(file->data + at, 0, file->len - at < 512 ? file->len - at : 512);
		break;
	}
}

static int check_group(void *ctx, const pl_vote_group *g)
{
	int64_t *total = ctx;
	const char *s[] = {g->deck, g->deck_version, g->poll, g->choice, g->lang, g->site};
	for (size_t i = 0; i < 6; i++)
		if (!s[i] || strlen(s[i]) > (1u << 30))
			__builtin_trap(); /* a group without its strings */
	if (g->n <= 0)
		__builtin_trap();
	*total += g->n;
	return 0;
}

static void print_diags(pl_diags *diags)
{
	char line[512];
	for (size_t i = 0; i < diags->count; i++)
		pl_diag_format(&diags->items[i], line, sizeof line);
	pl_diags_free(diags);
}

/* The report's view: merged in memory, walked group by group. Returns the
 * votes counted, or -1 when the store was skipped. */
static int64_t report_view(const char *const *inputs)
{
	pl_diags diags = PL_DIAGS_INIT;
	bool skipped = false;
	pl_vote_store *mem = pl_votes_merge_memory(inputs, 1, &skipped, &diags);
	if (!mem)
		__builtin_trap(); /* NULL only when memory runs out */
	if (skipped && diags.errors == 0)
		__builtin_trap(); /* skipped without saying why */
	int64_t total = 0;
	if (pl_vote_store_groups(mem, check_group, &total) != 0)
		__builtin_trap(); /* the merged store is ours: it must read */
	if (total != pl_vote_store_count(mem))
		__builtin_trap();
	pl_vote_store_close(mem);
	print_diags(&diags);
	return skipped ? -1 : total;
}

static int64_t export_view(const char *const *inputs)
{
	pl_diags diags = PL_DIAGS_INIT;
	int64_t n = pl_votes_export_csv(inputs, 1, sink, true, &diags);
	print_diags(&diags);
	return n;
}

/* The kiosk's open: a store ready for votes, a read-only one, or a
 * damaged one moved aside and a fresh one started; or NULL and why. */
static void kiosk_open(void)
{
	pl_votes_open_report rep;
	pl_vote_store *store = pl_vote_store_open(store_path, &rep);
	if (!store) {
		if (!rep.message[0])
			__builtin_trap(); /* refused without saying why */
		return;
	}
	if (rep.moved_aside[0]) {
		struct stat st;
		if (stat(rep.moved_aside, &st) != 0)
			__builtin_trap(); /* the damaged store must be kept */
	}
	if (rep.status == PL_VOTES_OK) {
		/* It may still refuse: damage quick_check cannot see. */
		(void)cast(store, 0);
		(void)pl_vote_store_count(store);
	}
	pl_vote_store_close(store);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 4096)
		return 0;
	bool with_wal = data[0] & 1;
	const bytes *from_db = with_wal ? &crashed_db : &clean_db;
	bytes db = {malloc(from_db->len), from_db->len};
	bytes wal = {with_wal ? malloc(crashed_wal.len) : NULL, with_wal ? crashed_wal.len : 0};
	if (!db.data || (with_wal && !wal.data)) {
		free(db.data);
		free(wal.data);
		return 0;
	}
	memcpy(db.data, from_db->data, db.len);
	if (with_wal)
		memcpy(wal.data, crashed_wal.data, wal.len);
	for (size_t i = 1; i + 6 <= size; i += 6)
		damage(data[i] & 0x80 && with_wal ? &wal : &db, data + i);

	empty_work();
	char wal_path[320];
	snprintf(wal_path, sizeof wal_path, "%s-wal", store_path);
	if (write_all(store_path, db.data, db.len) < 0 ||
	    (with_wal && write_all(wal_path, wal.data, wal.len) < 0))
		abort(); /* the harness's disk, not the store */
	free(db.data);
	free(wal.data);

	const char *inputs[] = {store_path};
	int64_t reported = report_view(inputs);
	int64_t exported = export_view(inputs);
	if (exported < 0)
		__builtin_trap(); /* a damaged input is skipped, not fatal */
	if (exported != (reported < 0 ? 0 : reported))
		__builtin_trap(); /* the report and the CSV must count the same */
	kiosk_open();
	empty_work();
	return 0;
}
