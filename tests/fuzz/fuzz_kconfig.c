/* fuzz_kconfig.c: kiosk settings file bytes -> pl_kconfig_parse over the
 * defaults, then pl_kconfig_write and a second parse. Any input must parse
 * or be refused with diagnostics; whatever was accepted must be written so
 * that it reads back equal and without an error (kiosk_config.c promises
 * it). No crash, no leak, no undefined behaviour. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "placard/kiosk_config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pl_kconfig cfg;
	pl_kconfig_defaults(&cfg);
	pl_diags diags = PL_DIAGS_INIT;
	int rc = pl_kconfig_parse(&cfg, "kiosk.conf", (const char *)data, size, &diags);
	if ((rc == 0) != (diags.errors == 0))
		__builtin_trap(); /* refused without saying why, or the reverse */
	char line[512];
	for (size_t i = 0; i < diags.count; i++)
		pl_diag_format(&diags.items[i], line, sizeof line);
	pl_diags_free(&diags);

	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	if (!out)
		return 0;
	pl_kconfig_write(&cfg, out);
	if (fclose(out) != 0) {
		free(text);
		return 0;
	}
	pl_kconfig again;
	pl_kconfig_defaults(&again);
	rc = pl_kconfig_parse(&again, "written.conf", text, len, &diags);
	if (rc != 0 || diags.errors) {
		pl_diags_print(&diags, stderr);
		fprintf(stderr, "--- written:\n%s", text);
		__builtin_trap(); /* what was accepted could not be read back */
	}
	if (!pl_kconfig_equal(&cfg, &again)) {
		fprintf(stderr, "--- written:\n%s", text);
		__builtin_trap(); /* read back different */
	}
	pl_diags_free(&diags);
	free(text);
	return 0;
}
