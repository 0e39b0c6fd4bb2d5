/*
 * arena.h: a bump allocator that is freed as a whole.
 *
 * A deck, a catalogue and everything hanging off them live in one arena each;
 * nothing inside is freed piecemeal. Allocation failure returns NULL and the
 * arena stays usable (and freeable).
 */
#ifndef PLACARD_ARENA_H
#define PLACARD_ARENA_H

#include <stddef.h>

typedef struct pl_arena_block pl_arena_block;

typedef struct pl_arena {
	pl_arena_block *head; /* newest block first */
	size_t used_total;    /* bytes handed out, for limits and tests */
} pl_arena;

/* An arena is ready when zeroed: pl_arena a = {0}; */
void pl_arena_free(pl_arena *arena);

/* Returns zeroed memory aligned for any type, or NULL when out of memory. */
void *pl_arena_alloc(pl_arena *arena, size_t size);

/* Growth of an array in the arena: returns a new copy with room for new_count
 * elements (the old one stays where it was until the arena is freed). */
void *pl_arena_grow(pl_arena *arena, void *old, size_t old_count, size_t new_count,
                    size_t elem_size);

/* A NUL-terminated copy of len bytes of s, or NULL. */
char *pl_arena_strndup(pl_arena *arena, const char *s, size_t len);
char *pl_arena_strdup(pl_arena *arena, const char *s);

/* printf into the arena; NULL when out of memory. */
char *pl_arena_printf(pl_arena *arena, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
