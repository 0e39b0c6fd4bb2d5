/*
 * unit.h: what the unit tests share: cmocka, the test data folder, a
 * scratch folder per test, and checks that carry a message (EXPECT_TRUE) or
 * report every failing row of a table before failing once (expect_row).
 */
#ifndef PLACARD_TEST_UNIT_H
#define PLACARD_TEST_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXPECT_TRUE(correct, note)                                                                 \
	do {                                                                                       \
		if (!(correct))                                                                    \
			fail_msg("%s", note);                                                      \
	} while (0)

/* For a table of rows: reports every failing row, counts them, so that the
 * test fails once at the end naming them all (EXPECT_ROWS_PASSED). */
static inline void expect_row(int correct, const char *note, size_t *failed)
{
	if (!correct) {
		print_error("%s\n", note);
		(*failed)++;
	}
}

#define EXPECT_ROWS_PASSED(failed)                                                                 \
	do {                                                                                       \
		if (failed)                                                                        \
			fail_msg("%zu rows failed (listed above)", (size_t)(failed));              \
	} while (0)

/* The folder of test data: $PLACARD_TEST_DATA (set by ctest), else the one
 * this file was built from. */
static inline const char *unit_data_dir(void)
{
	const char *dir = getenv("PLACARD_TEST_DATA");
	return dir && *dir ? dir : PLACARD_TEST_DATA_DIR;
}

/* A scratch folder, removed with everything in it by unit_scratch_remove. */
typedef struct unit_scratch {
	char dir[256];
} unit_scratch;

static inline void unit_scratch_make(unit_scratch *s)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(s->dir, sizeof s->dir, "%s/placard-unit-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(s->dir));
}

/* Writes len bytes to DIR/name and returns the path in a static buffer
 * (valid until the next call). */
static inline const char *unit_scratch_write(const unit_scratch *s, const char *name,
                                             const char *bytes, size_t len)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/%s", s->dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

static inline void unit_scratch_remove(unit_scratch *s)
{
	/* Tests write plain files only, so the folder is flat. */
	DIR *dir = s->dir[0] ? opendir(s->dir) : NULL;
	if (dir) {
		struct dirent *e;
		while ((e = readdir(dir)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char path[600];
			snprintf(path, sizeof path, "%s/%s", s->dir, e->d_name);
			if (unlink(path) != 0)
				print_message("could not remove %s: %s\n", path, strerror(errno));
		}
		closedir(dir);
		if (rmdir(s->dir) != 0)
			print_message("could not remove %s: %s\n", s->dir, strerror(errno));
	}
	s->dir[0] = '\0';
}

#endif
