/* fuzz_catalog.c: PO file bytes -> pl_catalog_load (libgettextpo reads from a
 * file, so each input is written to one first), then every lookup path. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "placard/catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!path[0])
		snprintf(path, sizeof path, "/tmp/placard-fuzz-%ld.po", (long)getpid());
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	pl_diags diags = PL_DIAGS_INIT;
	pl_catalog *cat = pl_catalog_load(path, &diags);
	if (cat) {
		for (size_t i = 0; i < pl_catalog_count(cat); i++) {
			const pl_catalog_entry *e = pl_catalog_entry_at(cat, i);
			pl_tr_status st;
			const char *s = pl_catalog_get(cat, e->msgctxt, e->msgid, &st);
			if (!s)
				__builtin_trap();
			if (e->msgid_plural)
				for (unsigned long n = 0; n < 120; n += 7)
					if (!pl_catalog_nget(cat, e->msgctxt, e->msgid,
					                     e->msgid_plural, n, &st))
						__builtin_trap();
			pl_catalog_find_context(cat, e->msgctxt);
		}
		pl_catalog_get(cat, NULL, "absent", NULL);
	} else if (diags.errors == 0) {
		__builtin_trap(); /* refused without saying why */
	}
	pl_catalog_free(cat);
	pl_diags_free(&diags);
	return 0;
}
