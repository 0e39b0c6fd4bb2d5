/* fuzz_layout.c: any bytes as a paragraph -> pl_layout_paragraph in a
 * left-to-right, a right-to-left and a keep-all language at three widths,
 * then every run's visual text. Lines must tile the text. */
#include <stddef.h>
#include <stdint.h>

#include "placard/layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static double width(void *ctx, int font, const char *text, size_t len, bool rtl, double size)
{
	(void)ctx, (void)font, (void)text, (void)rtl;
	return (double)len * size;
}

static bool has_glyph(void *ctx, int font, uint32_t cp)
{
	(void)ctx;
	return font == 0 ? cp < 0x0600 : font == 1 ? cp < 0x3000 : cp % 7 != 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const pl_measure m = {NULL, width, has_glyph};
	static const char *const langs[] = {"en", "ar", "ko"};
	static const double widths[] = {1, 7, 100};
	if (size > 8192)
		return 0;
	for (size_t l = 0; l < 3; l++) {
		for (size_t w = 0; w < 3; w++) {
			pl_layout_params p = {langs[l], 1.0, widths[w], 1.5, 3};
			pl_layout *lay = pl_layout_paragraph((const char *)data, size, &p, &m);
			if (!lay)
				return 0;
			size_t at = 0;
			for (size_t k = 0; k < lay->n_lines; k++) {
				if (lay->lines[k].start != at || lay->lines[k].end < at)
					__builtin_trap();
				at = lay->lines[k].end;
				for (size_t r = 0; r < lay->lines[k].n_runs; r++)
					if (!pl_run_visual_text(lay, &lay->lines[k].runs[r]))
						__builtin_trap();
			}
			if (at != lay->len)
				__builtin_trap();
			pl_layout_free(lay);
		}
	}
	return 0;
}
