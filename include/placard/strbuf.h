/*
 * strbuf.h: one growable string type used everywhere instead of ad-hoc buffers
 * (after Git's strbuf). The buffer is always NUL-terminated once anything has
 * been added. Functions that grow it return 0, or -1 when out of memory, in
 * which case the contents are unchanged.
 */
#ifndef PLACARD_STRBUF_H
#define PLACARD_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct pl_strbuf {
	char *buf;  /* NULL until the first addition; owned */
	size_t len; /* bytes used, not counting the NUL */
	size_t cap; /* bytes allocated */
} pl_strbuf;

#define PL_STRBUF_INIT                                                                             \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

int pl_strbuf_grow(pl_strbuf *sb, size_t extra);
int pl_strbuf_add(pl_strbuf *sb, const char *s, size_t len);
int pl_strbuf_adds(pl_strbuf *sb, const char *s);
int pl_strbuf_addc(pl_strbuf *sb, char c);
int pl_strbuf_addf(pl_strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int pl_strbuf_vaddf(pl_strbuf *sb, const char *fmt, va_list ap);
void pl_strbuf_reset(pl_strbuf *sb);
void pl_strbuf_release(pl_strbuf *sb);
/* The contents, "" for an empty buffer; valid until the next change. */
const char *pl_strbuf_str(const pl_strbuf *sb);
/* Hands the buffer to the caller (to free()) and leaves sb empty. */
char *pl_strbuf_detach(pl_strbuf *sb);

/* Reads a whole file, refusing files larger than max_bytes. Returns 0, or -1
 * with errno set (EFBIG for too large). */
int pl_strbuf_read_file(pl_strbuf *sb, const char *path, size_t max_bytes);

#endif
