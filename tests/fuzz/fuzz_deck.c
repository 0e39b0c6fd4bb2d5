/* fuzz_deck.c: deck.yaml bytes -> pl_deck_load_buffer. Any input must load
 * or be refused with diagnostics; no crash, no leak, no undefined behaviour. */
#include <stddef.h>
#include <stdint.h>

#include "placard/deck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pl_diags diags = PL_DIAGS_INIT;
	pl_deck *deck = pl_deck_load_buffer("deck.yaml", (const char *)data, size, &diags);
	/* A deck that loads has consistent texts: walk them. */
	if (deck) {
		for (size_t i = 0; i < deck->n_texts; i++)
			if (!deck->texts[i]->id || !deck->texts[i]->src)
				__builtin_trap();
		if (diags.errors)
			__builtin_trap();
	} else if (diags.errors == 0) {
		__builtin_trap(); /* refused without saying why */
	}
	char line[512];
	for (size_t i = 0; i < diags.count; i++)
		pl_diag_format(&diags.items[i], line, sizeof line);
	pl_deck_free(deck);
	pl_diags_free(&diags);
	return 0;
}
