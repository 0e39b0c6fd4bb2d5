/*
 * test_strbuf_arena.c: the growable string (strbuf.h) and the arena
 * (arena.h) that every other module builds on.
 */
#include "unit.h"

#include <stdalign.h>
#include <sys/stat.h>

#include "placard/arena.h"
#include "placard/strbuf.h"

/* ------------------------------------------------------------------ */
/* strbuf                                                              */

static void test_strbuf_empty(void **state)
{
	(void)state;
	pl_strbuf sb = PL_STRBUF_INIT;
	assert_string_equal(pl_strbuf_str(&sb), "");
	assert_int_equal(sb.len, 0);
	pl_strbuf_reset(&sb); /* on an untouched buffer */
	assert_string_equal(pl_strbuf_str(&sb), "");
	/* Adding nothing still leaves a NUL-terminated buffer. */
	assert_int_equal(pl_strbuf_add(&sb, "", 0), 0);
	assert_non_null(sb.buf);
	assert_string_equal(sb.buf, "");
	pl_strbuf_release(&sb);
	assert_null(sb.buf);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.cap, 0);
	pl_strbuf_release(&sb); /* twice is harmless */
}

/* Growth keeps every byte, including NULs, and the terminating NUL. */
static void test_strbuf_growth(void **state)
{
	(void)state;
	pl_strbuf sb = PL_STRBUF_INIT;
	size_t expect = 0;
	for (int i = 0; i < 100000; i++) {
		char c = (char)('a' + i % 26);
		assert_int_equal(pl_strbuf_addc(&sb, c), 0);
		expect++;
		assert_true(sb.cap > sb.len);
	}
	assert_int_equal(sb.len, expect);
	assert_int_equal(strlen(sb.buf), expect);
	for (size_t i = 0; i < expect; i++)
		if (sb.buf[i] != (char)('a' + i % 26))
			fail_msg("byte %zu changed while growing", i);
	/* Bytes with NULs inside. */
	pl_strbuf_reset(&sb);
	assert_int_equal(sb.len, 0);
	assert_string_equal(pl_strbuf_str(&sb), "");
	assert_int_equal(pl_strbuf_add(&sb, "a\0b", 3), 0);
	assert_int_equal(pl_strbuf_adds(&sb, "cd"), 0);
	assert_int_equal(sb.len, 5);
	assert_memory_equal(sb.buf, "a\0bcd", 6);
	pl_strbuf_release(&sb);
}

static void test_strbuf_grow_reserves(void **state)
{
	(void)state;
	pl_strbuf sb = PL_STRBUF_INIT;
	assert_int_equal(pl_strbuf_grow(&sb, 1000), 0);
	assert_true(sb.cap >= 1001); /* room for the NUL too */
	char *before = sb.buf;
	for (int i = 0; i < 1000; i++)
		assert_int_equal(pl_strbuf_addc(&sb, 'x'), 0);
	assert_ptr_equal(sb.buf, before); /* no reallocation within the reserve */
	pl_strbuf_release(&sb);
}

/* A request that cannot be met fails with -1 and leaves the contents. */
static void test_strbuf_grow_overflow(void **state)
{
	(void)state;
	pl_strbuf sb = PL_STRBUF_INIT;
	assert_int_equal(pl_strbuf_adds(&sb, "keep"), 0);
	assert_int_equal(pl_strbuf_grow(&sb, SIZE_MAX), -1);
	assert_int_equal(pl_strbuf_grow(&sb, SIZE_MAX - 4), -1);
	assert_int_equal(sb.len, 4);
	assert_string_equal(sb.buf, "keep");
	pl_strbuf_release(&sb);
}

static void test_strbuf_addf(void **state)
{
	(void)state;
	pl_strbuf sb = PL_STRBUF_INIT;
	assert_int_equal(pl_strbuf_addf(&sb, "%s:%u:%u: ", "deck.yaml", 41u, 11u), 0);
	assert_int_equal(pl_strbuf_addf(&sb, "%s", "error"), 0);
	assert_string_equal(sb.buf, "deck.yaml:41:11: error");
	assert_int_equal(sb.len, strlen("deck.yaml:41:11: error"));
	/* Longer than any first allocation, appended after existing text. */
	char big[5000];
	memset(big, 'z', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(pl_strbuf_addf(&sb, "[%s]", big), 0);
	assert_int_equal(sb.len, 22 + 2 + 4999);
	assert_int_equal(sb.buf[22], '[');
	assert_int_equal(sb.buf[sb.len - 1], ']');
	assert_int_equal(sb.buf[sb.len], '\0');
	/* An empty format adds nothing. */
	size_t len = sb.len;
	assert_int_equal(pl_strbuf_addf(&sb, "%s", ""), 0);
	assert_int_equal(sb.len, len);
	pl_strbuf_release(&sb);
}

static void test_strbuf_detach(void **state)
{
	(void)state;
	pl_strbuf sb = PL_STRBUF_INIT;
	pl_strbuf_adds(&sb, "mine now");
	char *s = pl_strbuf_detach(&sb);
	assert_string_equal(s, "mine now");
	assert_null(sb.buf);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.cap, 0);
	free(s);
	/* An empty buffer detaches as an allocated "". */
	s = pl_strbuf_detach(&sb);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	/* The buffer is usable again. */
	assert_int_equal(pl_strbuf_adds(&sb, "again"), 0);
	assert_string_equal(pl_strbuf_str(&sb), "again");
	pl_strbuf_release(&sb);
}

/* ------------------------------------------------------------------ */
/* pl_strbuf_read_file                                                 */

static int scratch_setup(void **state)
{
	unit_scratch *s = calloc(1, sizeof(*s));
	if (!s)
		return -1;
	unit_scratch_make(s);
	*state = s;
	return 0;
}

static int scratch_teardown(void **state)
{
	unit_scratch *s = *state;
	unit_scratch_remove(s);
	free(s);
	return 0;
}

static void test_read_file(void **state)
{
	unit_scratch *s = *state;
	/* Larger than the 64 KiB read chunk, with a NUL inside. */
	size_t n = 200000;
	char *bytes = malloc(n);
	assert_non_null(bytes);
	for (size_t i = 0; i < n; i++)
		bytes[i] = (char)(i % 251);
	const char *path = unit_scratch_write(s, "bytes.bin", bytes, n);
	pl_strbuf sb = PL_STRBUF_INIT;
	assert_int_equal(pl_strbuf_read_file(&sb, path, n), 0); /* exactly the limit */
	assert_int_equal(sb.len, n);
	assert_memory_equal(sb.buf, bytes, n);
	assert_int_equal(sb.buf[n], '\0');
	pl_strbuf_release(&sb);
	free(bytes);

	/* An empty file reads as "", not as an error. */
	path = unit_scratch_write(s, "empty", "", 0);
	assert_int_equal(pl_strbuf_read_file(&sb, path, 10), 0);
	assert_int_equal(sb.len, 0);
	assert_string_equal(pl_strbuf_str(&sb), "");
	pl_strbuf_release(&sb);

	/* Reading appends; the limit is on the file, not the buffer. */
	path = unit_scratch_write(s, "tail", "tail", 4);
	pl_strbuf_adds(&sb, "head-");
	assert_int_equal(pl_strbuf_read_file(&sb, path, 4), 0);
	assert_string_equal(sb.buf, "head-tail");
	pl_strbuf_release(&sb);
}

static void test_read_file_limits(void **state)
{
	unit_scratch *s = *state;
	pl_strbuf sb = PL_STRBUF_INIT;
	const char *path = unit_scratch_write(s, "eleven", "hello world", 11);
	errno = 0;
	assert_int_equal(pl_strbuf_read_file(&sb, path, 10), -1);
	assert_int_equal(errno, EFBIG);
	pl_strbuf_release(&sb);

	/* Past the first chunk too: 100,001 bytes against 100,000. */
	char *bytes = calloc(1, 100001);
	assert_non_null(bytes);
	path = unit_scratch_write(s, "big", bytes, 100001);
	free(bytes);
	errno = 0;
	assert_int_equal(pl_strbuf_read_file(&sb, path, 100000), -1);
	assert_int_equal(errno, EFBIG);
	pl_strbuf_release(&sb);

	char missing[300];
	snprintf(missing, sizeof missing, "%s/no-such-file", s->dir);
	errno = 0;
	assert_int_equal(pl_strbuf_read_file(&sb, missing, 100), -1);
	assert_int_equal(errno, ENOENT);
	pl_strbuf_release(&sb);

	/* A folder is not a file (fopen succeeds on one). */
	errno = 0;
	assert_int_equal(pl_strbuf_read_file(&sb, s->dir, 100), -1);
	assert_int_equal(errno, EISDIR);
	pl_strbuf_release(&sb);
}

/* ------------------------------------------------------------------ */
/* Arena                                                               */

static void test_arena_alignment(void **state)
{
	(void)state;
	pl_arena arena = {0};
	size_t align = alignof(max_align_t);
	for (size_t size = 0; size < 200; size++) {
		unsigned char *p = pl_arena_alloc(&arena, size);
		assert_non_null(p);
		if ((uintptr_t)p % align != 0)
			fail_msg("allocation of %zu bytes at %p is not aligned to %zu", size,
			         (void *)p, align);
		/* Zeroed, and writable over its whole size. */
		for (size_t i = 0; i < size; i++)
			assert_int_equal(p[i], 0);
		memset(p, 0xAB, size);
	}
	/* A long double and a long long fit where they land. */
	long double *ld = pl_arena_alloc(&arena, sizeof(*ld));
	*ld = 1.5L;
	long long *ll = pl_arena_alloc(&arena, sizeof(*ll) * 3);
	ll[2] = -1;
	assert_true(*ld == 1.5L);
	pl_arena_free(&arena);
	assert_null(arena.head);
	assert_int_equal(arena.used_total, 0);
}

/* Allocations never overlap: each is filled with its own byte and checked
 * once all are made, across many blocks. */
static void test_arena_no_overlap(void **state)
{
	(void)state;
	pl_arena arena = {0};
	enum { N = 5000 };
	unsigned char **ptrs = calloc(N, sizeof(*ptrs));
	assert_non_null(ptrs);
	for (size_t i = 0; i < N; i++) {
		size_t size = 1 + (i * 37) % 300;
		ptrs[i] = pl_arena_alloc(&arena, size);
		assert_non_null(ptrs[i]);
		memset(ptrs[i], (int)(i % 256), size);
	}
	for (size_t i = 0; i < N; i++) {
		size_t size = 1 + (i * 37) % 300;
		for (size_t k = 0; k < size; k++)
			if (ptrs[i][k] != (unsigned char)(i % 256))
				fail_msg("allocation %zu was overwritten at byte %zu", i, k);
	}
	assert_true(arena.used_total >= (size_t)N);
	free(ptrs);
	pl_arena_free(&arena);
}

/* Requests larger than a block get one of their own, and the arena goes on
 * serving small ones afterwards. */
static void test_arena_large(void **state)
{
	(void)state;
	pl_arena arena = {0};
	unsigned char *small = pl_arena_alloc(&arena, 10);
	assert_non_null(small);
	memset(small, 1, 10);
	size_t big_size = (size_t)5 * 1024 * 1024;
	unsigned char *big = pl_arena_alloc(&arena, big_size);
	assert_non_null(big);
	assert_int_equal((uintptr_t)big % alignof(max_align_t), 0);
	assert_int_equal(big[0], 0);
	assert_int_equal(big[big_size - 1], 0);
	memset(big, 2, big_size);
	unsigned char *after = pl_arena_alloc(&arena, 10);
	assert_non_null(after);
	memset(after, 3, 10);
	assert_int_equal(small[9], 1);
	assert_int_equal(big[0], 2);
	assert_int_equal(big[big_size - 1], 2);
	assert_true(arena.used_total >= big_size + 20);
	pl_arena_free(&arena);
}

/* Impossible requests return NULL, and the arena stays usable. */
static void test_arena_impossible(void **state)
{
	(void)state;
	pl_arena arena = {0};
	assert_null(pl_arena_alloc(&arena, SIZE_MAX));
	assert_null(pl_arena_alloc(&arena, SIZE_MAX / 2 + 1));
	assert_null(
	        pl_arena_grow(&arena, NULL, 0, SIZE_MAX / 8 + 1, 16)); /* count * size overflows */
	assert_null(pl_arena_strndup(&arena, "x", SIZE_MAX));
	char *s = pl_arena_strdup(&arena, "still fine");
	assert_non_null(s);
	assert_string_equal(s, "still fine");
	pl_arena_free(&arena);
}

static void test_arena_grow(void **state)
{
	(void)state;
	pl_arena arena = {0};
	int *a = pl_arena_grow(&arena, NULL, 0, 4, sizeof(int));
	assert_non_null(a);
	for (int i = 0; i < 4; i++)
		a[i] = i + 1;
	int *b = pl_arena_grow(&arena, a, 4, 10000, sizeof(int));
	assert_non_null(b);
	for (int i = 0; i < 4; i++)
		assert_int_equal(b[i], i + 1);
	for (int i = 4; i < 10000; i++)
		assert_int_equal(b[i], 0);
	/* The old copy stays valid until the arena is freed. */
	assert_int_equal(a[3], 4);
	/* Shrinking copies only what fits. */
	int *c = pl_arena_grow(&arena, b, 10000, 2, sizeof(int));
	assert_non_null(c);
	assert_int_equal(c[0], 1);
	assert_int_equal(c[1], 2);
	pl_arena_free(&arena);
}

static void test_arena_strings(void **state)
{
	(void)state;
	pl_arena arena = {0};
	char *s = pl_arena_strndup(&arena, "mission statement", 7);
	assert_string_equal(s, "mission");
	assert_string_equal(pl_arena_strdup(&arena, ""), "");
	char *p = pl_arena_printf(&arena, "%s/%s/%zu", "values", "behaviours", (size_t)2);
	assert_string_equal(p, "values/behaviours/2");
	/* A printf result larger than a block. */
	char big[70000];
	memset(big, 'q', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	char *q = pl_arena_printf(&arena, "<%s>", big);
	assert_non_null(q);
	assert_int_equal(strlen(q), sizeof big + 1);
	assert_int_equal(q[0], '<');
	assert_int_equal(q[sizeof big], '>');
	/* Earlier strings are untouched. */
	assert_string_equal(s, "mission");
	assert_string_equal(p, "values/behaviours/2");
	pl_arena_free(&arena);
	/* Freed arenas are reusable as new. */
	assert_non_null(pl_arena_strdup(&arena, "again"));
	pl_arena_free(&arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_strbuf_empty),
	        cmocka_unit_test(test_strbuf_growth),
	        cmocka_unit_test(test_strbuf_grow_reserves),
	        cmocka_unit_test(test_strbuf_grow_overflow),
	        cmocka_unit_test(test_strbuf_addf),
	        cmocka_unit_test(test_strbuf_detach),
	        cmocka_unit_test_setup_teardown(test_read_file, scratch_setup, scratch_teardown),
	        cmocka_unit_test_setup_teardown(test_read_file_limits, scratch_setup,
	                                        scratch_teardown),
	        cmocka_unit_test(test_arena_alignment),
	        cmocka_unit_test(test_arena_no_overlap),
	        cmocka_unit_test(test_arena_large),
	        cmocka_unit_test(test_arena_impossible),
	        cmocka_unit_test(test_arena_grow),
	        cmocka_unit_test(test_arena_strings),
	};
	return cmocka_run_group_tests_name("strbuf_arena", tests, NULL, NULL);
}
