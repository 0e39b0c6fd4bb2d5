/* fuzz_layout.c: any bytes as a paragraph -> pl_layout_paragraph in a
 * left-to-right, a right-to-left and a keep-all language at three widths,
 * then every run's visual text. Lines must tile the text.
 *
 * The bytes are the paragraph as they are (invalid UTF-8, lone surrogates
 * encoded in UTF-8, bidi controls and all), except that an input starting
 * with 0xFE, a byte UTF-8 never uses, is a recipe for long texts that
 * would not fit a fuzzer's input: 0xFE, a 16-bit big-endian count, a head
 * length h, a unit length u, then head (h bytes), unit (u bytes), tail (the
 * rest); the paragraph is head, unit repeated count times, tail. So ten
 * thousand combining marks on one base, or two hundred nested embeddings,
 * are a seed of a few bytes (corpus/layout/marks-10000 and others). Such
 * a long text is laid out once, in the language and at the width the count
 * picks (count / 3 % 3, count % 3), to keep the fuzzer fast. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

#define MAX_TEXT 24576 /* ten thousand marks of two bytes, and room */

/* The paragraph the input stands for, in a malloc'ed buffer (see above);
 * NULL when the recipe is malformed or too long. */
static char *expand(const uint8_t *data, size_t size, size_t *len, bool *recipe)
{
	*recipe = size >= 5 && data[0] == 0xFE;
	if (!*recipe) {
		char *copy = malloc(size ? size : 1);
		if (copy)
			memcpy(copy, data, size);
		*len = size;
		return copy;
	}
	size_t count = (size_t)data[1] << 8 | data[2], h = data[3], u = data[4];
	if (5 + h + u > size || h + u * count + (size - 5 - h - u) > MAX_TEXT)
		return NULL;
	const uint8_t *head = data + 5, *unit = head + h, *tail = unit + u;
	size_t t = size - 5 - h - u;
	char *text = malloc(h + u * count + t + 1);
	if (!text)
		return NULL;
	size_t at = 0;
	memcpy(text, head, h);
	at += h;
	for (size_t k = 0; k < count; k++, at += u)
		memcpy(text + at, unit, u);
	memcpy(text + at, tail, t);
	*len = at + t;
	return text;
}

static void lay_out(const char *text, size_t size, size_t first_lang, size_t n_langs,
                    size_t first_width, size_t n_widths)
{
	static const pl_measure m = {NULL, width, has_glyph};
	static const char *const langs[] = {"en", "ar", "ko"};
	static const double widths[] = {1, 7, 100};
	for (size_t l = first_lang; l < first_lang + n_langs; l++) {
		for (size_t w = first_width; w < first_width + n_widths; w++) {
			pl_layout_params p = {langs[l], 1.0, widths[w], 1.5, 3};
			pl_layout *lay = pl_layout_paragraph(text, size, &p, &m);
			if (!lay)
				return;
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
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 8192)
		return 0;
	size_t len;
	bool recipe;
	char *text = expand(data, size, &len, &recipe);
	if (!text)
		return 0;
	if (!recipe) {
		lay_out(text, len, 0, 3, 0, 3);
	} else {
		size_t count = (size_t)data[1] << 8 | data[2];
		lay_out(text, len, count / 3 % 3, 1, count % 3, 1);
	}
	free(text);
	return 0;
}
