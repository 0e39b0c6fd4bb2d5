/*
 * arena.c: bump allocation in blocks; see arena.h.
 *
 * Invariant: head->used <= head->size, and every pointer handed out is
 * aligned to PL_ALIGN. Blocks are at least BLOCK_MIN bytes; a request larger
 * than that gets a block of its own.
 */
#include "placard/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PL_ALIGN 16u
#define BLOCK_MIN ((size_t)64 * 1024)

struct pl_arena_block {
	pl_arena_block *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

void pl_arena_free(pl_arena *arena)
{
	pl_arena_block *b = arena->head;
	while (b) {
		pl_arena_block *next = b->next;
		free(b);
		b = next;
	}
	arena->head = NULL;
	arena->used_total = 0;
}

void *pl_arena_alloc(pl_arena *arena, size_t size)
{
	if (size == 0)
		size = 1;
	if (size > SIZE_MAX / 2)
		return NULL;
	size = (size + PL_ALIGN - 1) & ~(size_t)(PL_ALIGN - 1);
	pl_arena_block *b = arena->head;
	if (!b || b->size - b->used < size) {
		size_t bsize = size > BLOCK_MIN ? size : BLOCK_MIN;
		b = malloc(sizeof(*b) + bsize);
		if (!b)
			return NULL;
		b->size = bsize;
		b->used = 0;
		b->next = arena->head;
		arena->head = b;
	}
	void *p = b->data + b->used;
	b->used += size;
	arena->used_total += size;
	memset(p, 0, size);
	return p;
}

void *pl_arena_grow(pl_arena *arena, void *old, size_t old_count, size_t new_count,
                    size_t elem_size)
{
	if (elem_size && new_count > SIZE_MAX / elem_size)
		return NULL;
	void *p = pl_arena_alloc(arena, new_count * elem_size);
	if (p && old && old_count)
		memcpy(p, old, (old_count < new_count ? old_count : new_count) * elem_size);
	return p;
}

char *pl_arena_strndup(pl_arena *arena, const char *s, size_t len)
{
	if (len == SIZE_MAX)
		return NULL;
	char *p = pl_arena_alloc(arena, len + 1);
	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

char *pl_arena_strdup(pl_arena *arena, const char *s)
{
	return pl_arena_strndup(arena, s, strlen(s));
}

char *pl_arena_printf(pl_arena *arena, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = pl_arena_alloc(arena, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
