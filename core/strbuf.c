/*
 * strbuf.c: growable strings; see strbuf.h. Growth happens in one place,
 * pl_strbuf_grow, which keeps room for the terminating NUL.
 */
#include "placard/strbuf.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int pl_strbuf_grow(pl_strbuf *sb, size_t extra)
{
	if (extra > SIZE_MAX - sb->len - 1)
		return -1;
	size_t need = sb->len + extra + 1;
	if (need <= sb->cap)
		return 0;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	char *p = realloc(sb->buf, cap);
	if (!p)
		return -1;
	sb->buf = p;
	sb->cap = cap;
	return 0;
}

int pl_strbuf_add(pl_strbuf *sb, const char *s, size_t len)
{
	if (pl_strbuf_grow(sb, len) < 0)
		return -1;
	if (len)
		memcpy(sb->buf + sb->len, s, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
	return 0;
}

int pl_strbuf_adds(pl_strbuf *sb, const char *s)
{
	return pl_strbuf_add(sb, s, strlen(s));
}

int pl_strbuf_addc(pl_strbuf *sb, char c)
{
	return pl_strbuf_add(sb, &c, 1);
}

int pl_strbuf_vaddf(pl_strbuf *sb, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || pl_strbuf_grow(sb, (size_t)n) < 0)
		return -1;
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	return 0;
}

int pl_strbuf_addf(pl_strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = pl_strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	return r;
}

void pl_strbuf_reset(pl_strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void pl_strbuf_release(pl_strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

const char *pl_strbuf_str(const pl_strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

char *pl_strbuf_detach(pl_strbuf *sb)
{
	char *p = sb->buf;
	if (!p)
		p = calloc(1, 1);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return p;
}

int pl_strbuf_read_file(pl_strbuf *sb, const char *path, size_t max_bytes)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		errno = EISDIR;
		return -1;
	}
	char chunk[65536];
	size_t n;
	size_t start = sb->len;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (sb->len - start + n > max_bytes) {
			fclose(f);
			errno = EFBIG;
			return -1;
		}
		if (pl_strbuf_add(sb, chunk, n) < 0) {
			fclose(f);
			errno = ENOMEM;
			return -1;
		}
	}
	int failed = ferror(f);
	fclose(f);
	if (failed) {
		errno = EIO;
		return -1;
	}
	if (pl_strbuf_grow(sb, 0) < 0)
		return -1;
	sb->buf[sb->len] = '\0';
	return 0;
}
