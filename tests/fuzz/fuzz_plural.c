/* fuzz_plural.c: Plural-Forms header values -> parse and evaluate. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "placard/arena.h"
#include "plural.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	pl_arena arena = {0};
	const char *why = NULL;
	pl_plural *p = pl_plural_parse(&arena, s, &why);
	if (p) {
		for (unsigned long n = 0; n < 300; n++)
			if (pl_plural_eval(p, n) >= pl_plural_nplurals(p))
				__builtin_trap();
	} else if (!why) {
		__builtin_trap();
	}
	pl_arena_free(&arena);
	free(s);
	return 0;
}
