/*
 * test_layout.c: core/layout against results worked out by hand from
 * UAX #14 (line breaking) and checked against FriBidi's own reordering
 * (UAX #9), with a measuring function simple enough to follow on paper:
 * every character is 1 unit wide (East Asian wide ones 2, marks 0).
 *
 * Fonts in the fake chain: 0 has Basic Latin and Latin-1 only (like a face
 * without Vietnamese), 1 has all Latin with Vietnamese, 2 Arabic, 3 CJK and
 * Hangul, 4 Armenian.
 */
#include "unit.h"

#include <fribidi.h>
#include <stdbool.h>

#include "placard/layout.h"

static uint32_t cp_at(const char *s, size_t *i, size_t len)
{
	const unsigned char *u = (const unsigned char *)s + *i;
	uint32_t c = u[0];
	int n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
	if (n)
		c &= 0x3Fu >> n;
	for (int k = 1; k <= n && *i + (size_t)k < len; k++)
		c = (c << 6) | (u[k] & 0x3F);
	*i += (size_t)n + 1;
	return c;
}

static bool wide(uint32_t c)
{
	return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
	       (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xFF00 && c <= 0xFF60);
}

static bool mark(uint32_t c)
{
	return (c >= 0x0300 && c <= 0x036F) || (c >= 0x064B && c <= 0x065F);
}

static double fake_width(void *ctx, int font, const char *text, size_t len, bool rtl, double size)
{
	(void)ctx, (void)font, (void)rtl;
	double w = 0;
	for (size_t i = 0; i < len;) {
		uint32_t c = cp_at(text, &i, len);
		w += mark(c) ? 0 : wide(c) ? 2 : 1;
	}
	return w * size;
}

static bool fake_has_glyph(void *ctx, int font, uint32_t c)
{
	(void)ctx;
	bool common = c < 0x80 || mark(c) || (c >= 0x2000 && c <= 0x206F) || c == 0xFFFD;
	switch (font) {
	case 0:
		return c < 0x100;
	case 1:
		return c < 0x250 || (c >= 0x0300 && c <= 0x036F) || (c >= 0x1E00 && c <= 0x1EFF);
	case 2:
		return common || (c >= 0x0600 && c <= 0x06FF) || (c >= 0xFB50 && c <= 0xFEFF);
	case 3:
		return common || wide(c) || (c >= 0x3000 && c <= 0x303F);
	case 4:
		return common || (c >= 0x0530 && c <= 0x058F);
	}
	return false;
}

static const pl_measure fake = {NULL, fake_width, fake_has_glyph};

static pl_layout *lay(const char *text, const char *lang, double width)
{
	pl_layout_params params = {lang, 1.0, width, 1.5, 5};
	pl_layout *l = pl_layout_paragraph(text, strlen(text), &params, &fake);
	assert_non_null(l);
	return l;
}

/* The lines as text, separated by '|', trailing spaces kept. */
static void lines_of(const pl_layout *l, char *out, size_t size)
{
	size_t o = 0;
	out[0] = '\0';
	for (size_t k = 0; k < l->n_lines; k++) {
		const pl_line *line = &l->lines[k];
		int n = snprintf(out + o, size - o, "%s%.*s", k ? "|" : "",
		                 (int)(line->end - line->start), l->text + line->start);
		if (n < 0 || (size_t)n >= size - o)
			break;
		o += (size_t)n;
	}
}

typedef struct break_case {
	const char *lang;
	double width;
	const char *text;
	const char *lines; /* by hand, from UAX #14 */
	const char *why;
} break_case;

/* clang-format off */
static const break_case break_cases[] = {
	{"en", 10, "The quick brown fox", "The quick |brown fox",
	 "LB18: break after spaces; trailing spaces hang"},
	{"en", 20, "The quick brown fox", "The quick brown fox", "fits"},
	{"en", 4, "The quick brown fox", "The |quic|k |brow|n |fox",
	 "words wider than the line break between grapheme clusters"},
	{"en", 12, "co-created vision", "co-created |vision", "LB21: break after a hyphen"},
	{"en", 5, "co-created", "co-|creat|ed", "after the hyphen first, then by cluster"},
	{"en", 30, "One\ntwo", "One\n|two", "LB4/LB5: a line feed forces a break"},
	{"es", 10, "Misi\xC3\xB3n: \xC2\xBFQu\xC3\xA9 sigue?",
	 "Misi\xC3\xB3n: |\xC2\xBFQu\xC3\xA9 |sigue?", "no break after the opening \xC2\xBF: it goes with its word"},
	{"zh-Hans", 5, "\xE5\xAD\xA6\xE5\x8C\xBA\xE6\x84\xBF\xE6\x99\xAF",
	 "\xE5\xAD\xA6\xE5\x8C\xBA|\xE6\x84\xBF\xE6\x99\xAF",
	 "LB31 between ideographs (ID), each 2 wide: two per line of 5"},
	{"zh-Hans", 10,
	 "\xE5\xAD\xA6\xE5\x8C\xBA\xE7\x9A\x84\xE4\xBD\xBF\xE5\x91\xBD\xE3\x80\x82\xE6\x98\xAF",
	 "\xE5\xAD\xA6\xE5\x8C\xBA\xE7\x9A\x84\xE4\xBD\xBF|\xE5\x91\xBD\xE3\x80\x82\xE6\x98\xAF",
	 "LB13: never break before the closing \xE3\x80\x82 (CL): \xE5\x91\xBD\xE3\x80\x82 move together"},
	{"zh-Hant", 6, "\xE3\x80\x8C\xE5\xAD\xB8\xE5\x8D\x80\xE3\x80\x8D\xE9\xA1\x98\xE6\x99\xAF",
	 "\xE3\x80\x8C\xE5\xAD\xB8|\xE5\x8D\x80\xE3\x80\x8D\xE9\xA1\x98|\xE6\x99\xAF",
	 "LB14: \xE3\x80\x8C (OP) stays with \xE5\xAD\xB8; LB13: \xE3\x80\x8D (CL) never starts a line, so \xE5\x8D\x80 goes with it"},
	{"ko", 6, "\xED\x95\x99\xEA\xB5\x90 \xEB\xB9\x84\xEC\xA0\x84 \xED\x95\xA8\xEA\xBB\x98",
	 "\xED\x95\x99\xEA\xB5\x90 |\xEB\xB9\x84\xEC\xA0\x84 |\xED\x95\xA8\xEA\xBB\x98",
	 "keep-all: Korean breaks at spaces only (2 syllables = 4, +space)"},
	{"ko", 3, "\xED\x95\x99\xEA\xB5\x90\xEB\xA5\xBC",
	 "\xED\x95\x99|\xEA\xB5\x90|\xEB\xA5\xBC",
	 "a Korean word wider than the line still breaks, between syllables"},
	{"vi", 8, "Ti\xE1\xBA\xBFng Vi\xE1\xBB\x87t Nam", "Ti\xE1\xBA\xBFng |Vi\xE1\xBB\x87t Nam",
	 "Vietnamese breaks at spaces (precomposed letters, width 1 each)"},
	{"vi", 2, "Vie\xCC\xA3\xCC\x82t", "Vi|e\xCC\xA3\xCC\x82t",
	 "decomposed \xE1\xBB\x87 (e + dot below + circumflex) is one cluster: never split"},
	{"hy", 8, "\xD5\x80\xD5\xA1\xD5\xB5\xD5\xA5\xD6\x80\xD5\xA5\xD5\xB6 \xD5\xAC\xD5\xA5\xD5\xA6\xD5\xB8\xD6\x82",
	 "\xD5\x80\xD5\xA1\xD5\xB5\xD5\xA5\xD6\x80\xD5\xA5\xD5\xB6 |\xD5\xAC\xD5\xA5\xD5\xA6\xD5\xB8\xD6\x82",
	 "Armenian breaks at spaces"},
	{"tl", 9, "Ang ating mga anak", "Ang ating |mga anak", "Tagalog breaks at spaces"},
	{"ar", 9, "\xD8\xB1\xD8\xA4\xD9\x8A\xD8\xA9 2023 \xD9\x84\xD9\x84\xD9\x85\xD8\xAF\xD8\xA7\xD8\xB1\xD8\xB3",
	 "\xD8\xB1\xD8\xA4\xD9\x8A\xD8\xA9 2023 |\xD9\x84\xD9\x84\xD9\x85\xD8\xAF\xD8\xA7\xD8\xB1\xD8\xB3",
	 "lines are broken in logical order, before reordering"},
	{"ar", 5, "\xD8\xB1\xD8\xA4\xD9\x8A\xD8\xA9 2023 \xD9\x84\xD9\x84\xD9\x85\xD8\xAF\xD8\xA7\xD8\xB1\xD8\xB3",
	 "\xD8\xB1\xD8\xA4\xD9\x8A\xD8\xA9 |2023 |\xD9\x84\xD9\x84\xD9\x85\xD8\xAF\xD8\xA7|\xD8\xB1\xD8\xB3",
	 "narrower: the number alone, the long word split by clusters"},
	{"fa", 10,
	 "\xD8\xAC\xD9\x87\xD8\xA7\xD9\x86 \xD8\xA8\xD9\x87 \xD8\xB3\xD8\xB1\xD8\xB9\xD8\xAA \xD8\xAA\xD8\xBA\xDB\x8C\xDB\x8C\xD8\xB1 \xD9\x85\xDB\x8C \xDA\xA9\xD9\x86\xD8\xAF",
	 "\xD8\xAC\xD9\x87\xD8\xA7\xD9\x86 \xD8\xA8\xD9\x87 |\xD8\xB3\xD8\xB1\xD8\xB9\xD8\xAA \xD8\xAA\xD8\xBA\xDB\x8C\xDB\x8C\xD8\xB1 |\xD9\x85\xDB\x8C \xDA\xA9\xD9\x86\xD8\xAF",
	 "Persian breaks at spaces; a line of exactly the width fits"},
	{"fa", 30,
	 "\xD8\xAC\xD9\x87\xD8\xA7\xD9\x86 \xD8\xA8\xD9\x87 \xD8\xB3\xD8\xB1\xD8\xB9\xD8\xAA",
	 "\xD8\xAC\xD9\x87\xD8\xA7\xD9\x86 \xD8\xA8\xD9\x87 \xD8\xB3\xD8\xB1\xD8\xB9\xD8\xAA", "fits"},
	{"es", 20, "Misi\xC3\xB3n: \xC2\xBFQu\xC3\xA9 sigue?", "Misi\xC3\xB3n: \xC2\xBFQu\xC3\xA9 sigue?", "fits"},
	{"hy", 5, "\xD5\x80\xD5\xA1\xD5\xB5\xD5\xA5\xD6\x80\xD5\xA5\xD5\xB6 \xD5\xAC\xD5\xA5\xD5\xA6\xD5\xB8\xD6\x82",
	 "\xD5\x80\xD5\xA1\xD5\xB5\xD5\xA5\xD6\x80|\xD5\xA5\xD5\xB6 |\xD5\xAC\xD5\xA5\xD5\xA6\xD5\xB8\xD6\x82",
	 "a 7-letter word in 5: split by clusters, then the next word on its own line"},
	{"tl", 20, "Ang ating mga anak", "Ang ating mga anak", "fits"},
	{"tl", 4, "Ang ating", "Ang |atin|g", "narrow: by clusters inside the long word"},
	{"zh-Hant", 3, "\xE5\xAD\xB8\xE5\x8D\x80\xE9\xA1\x98\xE6\x99\xAF",
	 "\xE5\xAD\xB8|\xE5\x8D\x80|\xE9\xA1\x98|\xE6\x99\xAF", "one ideograph (2 wide) a line"},
	{"ko", 20, "\xED\x95\x99\xEA\xB5\x90 \xEB\xB9\x84\xEC\xA0\x84 \xED\x95\xA8\xEA\xBB\x98",
	 "\xED\x95\x99\xEA\xB5\x90 \xEB\xB9\x84\xEC\xA0\x84 \xED\x95\xA8\xEA\xBB\x98", "fits"},
	{"vi", 4, "Ti\xE1\xBA\xBFng Vi\xE1\xBB\x87t", "Ti\xE1\xBA\xBFn|g |Vi\xE1\xBB\x87t",
	 "Vietnamese at 4: the 5-letter word split, the next whole"},
};
/* clang-format on */

static void test_break_positions(void **state)
{
	(void)state;
	size_t failed = 0;
	for (size_t i = 0; i < sizeof break_cases / sizeof break_cases[0]; i++) {
		const break_case *c = &break_cases[i];
		pl_layout *l = lay(c->text, c->lang, c->width);
		char got[512], note[1400];
		lines_of(l, got, sizeof got);
		snprintf(note, sizeof note, "%s width %g: expected [%s], got [%s] (%s)", c->lang,
		         c->width, c->lines, got, c->why);
		expect_row(strcmp(got, c->lines) == 0, note, &failed);
		for (size_t k = 0; k < l->n_lines; k++) {
			/* A line is never wider than the box unless it is one cluster. */
			snprintf(note, sizeof note, "%s: line %zu is %g wide in a box of %g",
			         c->text, k, l->lines[k].width, c->width);
			expect_row(l->lines[k].width <= c->width || l->lines[k].n_runs == 1, note,
			           &failed);
		}
		pl_layout_free(l);
	}
	EXPECT_ROWS_PASSED(failed);
}

/* The visual string of a line: its runs left to right, each in visual
 * order (an RTL run's characters reversed), without shaping. */
static void visual_of(pl_layout *l, const pl_line *line, char *out, size_t size)
{
	size_t o = 0;
	for (size_t r = 0; r < line->n_runs; r++) {
		const pl_run *run = &line->runs[r];
		const char *s = l->text + run->start;
		size_t len = run->end - run->start;
		if (!run->rtl) {
			if (o + len < size) {
				memcpy(out + o, s, len);
				o += len;
			}
			continue;
		}
		/* Reverse by code point. */
		size_t e = len;
		while (e > 0) {
			size_t b = e - 1;
			while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80)
				b--;
			if (o + (e - b) < size) {
				memcpy(out + o, s + b, e - b);
				o += e - b;
			}
			e = b;
		}
	}
	out[o] = '\0';
}

/* FriBidi's own reference: levels of the paragraph, then
 * fribidi_reorder_line (rules L1-L2) on the whole line; no shaping or
 * mirroring, which the layout leaves to the renderer. */
static void fribidi_visual(const char *text, bool rtl, char *out)
{
	FriBidiChar in[512], vis[512];
	FriBidiStrIndex n = fribidi_charset_to_unicode(FRIBIDI_CHAR_SET_UTF8, text,
	                                               (FriBidiStrIndex)strlen(text), in);
	FriBidiCharType types[512];
	FriBidiBracketType brackets[512];
	FriBidiLevel levels[512];
	FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
	fribidi_get_bidi_types(in, n, types);
	fribidi_get_bracket_types(in, n, types, brackets);
	assert_true(fribidi_get_par_embedding_levels_ex(types, brackets, n, &base, levels) != 0);
	memcpy(vis, in, (size_t)n * sizeof(*in));
	assert_true(fribidi_reorder_line(FRIBIDI_FLAGS_DEFAULT, types, n, 0, base, levels, vis,
	                                 NULL) != 0);
	fribidi_unicode_to_charset(FRIBIDI_CHAR_SET_UTF8, vis, n, out);
}

typedef struct bidi_case {
	const char *lang;
	const char *text;
	const char *why;
} bidi_case;

/* clang-format off */
static const bidi_case bidi_cases[] = {
	{"ar", "\xD8\xB1\xD8\xA4\xD9\x8A\xD8\xA9 2023-2028 \xD9\x84\xD9\x84\xD9\x85\xD8\xAF\xD8\xA7\xD8\xB1\xD8\xB3",
	 "Arabic with a year range: the digits keep their order"},
	{"ar", "\xD9\x85\xD9\x86\xD8\xB7\xD9\x82\xD8\xA9 (Pasadena Unified School District) \xD8\xA7\xD9\x84\xD8\xAA\xD8\xB9\xD9\x84\xD9\x8A\xD9\x85\xD9\x8A\xD8\xA9",
	 "an English name in brackets inside Arabic"},
	{"fa", "\xD8\xAA\xD8\xA7 \xDB\xB1\xDB\xB4 \xD8\xA2\xD9\x88\xD8\xB1\xDB\x8C\xD9\x84 \xDB\xB2\xDB\xB0\xDB\xB2\xDB\xB3\xD8\x8C \xD8\xB3\xD8\xA7\xD8\xB9\xD8\xAA \xDB\xB5",
	 "Persian with a date in Persian digits"},
	{"ar", "PUSD \xD8\xAA\xD9\x88\xD9\x81\xD8\xB1 3 \xD8\xA8\xD8\xB1\xD8\xA7\xD9\x85\xD8\xAC",
	 "a Latin acronym first in an RTL paragraph"},
	{"en", "The survey (\xD8\xA7\xD9\x84\xD8\xA7\xD8\xB3\xD8\xAA\xD8\xA8\xD9\x8A\xD8\xA7\xD9\x86) closes",
	 "Arabic inside an English paragraph"},
};
/* clang-format on */

static void test_visual_order_matches_fribidi(void **state)
{
	(void)state;
	size_t failed = 0;
	for (size_t i = 0; i < sizeof bidi_cases / sizeof bidi_cases[0]; i++) {
		const bidi_case *c = &bidi_cases[i];
		pl_layout *l = lay(c->text, c->lang, 1000);
		assert_int_equal(l->n_lines, 1);
		char got[1024], want[2048], note[4000];
		visual_of(l, &l->lines[0], got, sizeof got);
		fribidi_visual(c->text, pl_lang_is_rtl(c->lang), want);
		snprintf(note, sizeof note, "%s: visual [%s], FriBidi [%s]", c->why, got, want);
		expect_row(strcmp(got, want) == 0, note, &failed);
		pl_layout_free(l);
	}
	EXPECT_ROWS_PASSED(failed);
}

/* Right to left: flush right; runs abut from left to right. */
static void test_rtl_alignment(void **state)
{
	(void)state;
	pl_layout *l = lay("\xD8\xB1\xD8\xA4\xD9\x8A\xD8\xA9 2023", "ar", 20);
	assert_true(l->rtl);
	const pl_line *line = &l->lines[0];
	const pl_run *last = &line->runs[line->n_runs - 1];
	assert_true(last->x + last->width == 20.0);
	for (size_t r = 1; r < line->n_runs; r++)
		assert_true(line->runs[r].x == line->runs[r - 1].x + line->runs[r - 1].width);
	pl_layout_free(l);
	l = lay("Vision 2023", "en", 20);
	assert_false(l->rtl);
	assert_true(l->lines[0].runs[0].x == 0.0);
	pl_layout_free(l);
}

/* Line height at least 1.5 times the size (WCAG 1.4.12), even if asked for
 * less; the paragraph's height is lines x line height. */
static void test_line_height(void **state)
{
	(void)state;
	pl_layout_params params = {"en", 10.0, 40, 1.0, 5};
	const char *text = "The quick brown fox jumps over the lazy dog";
	pl_layout *l = pl_layout_paragraph(text, strlen(text), &params, &fake);
	assert_non_null(l);
	assert_true(l->line_height == 15.0);
	assert_true(l->n_lines > 1);
	assert_true(l->height == 15.0 * (double)l->n_lines);
	assert_true(l->lines[1].y == 15.0);
	pl_layout_free(l);
}

/* A Vietnamese word is set wholly in a face that covers Vietnamese, never
 * with letters of two faces inside one word (BRIEF section 3). */
static void test_vietnamese_word_in_one_face(void **state)
{
	(void)state;
	/* "Tiếng Anh": font 0 has T, i, n, g, A, h but not ế. */
	pl_layout *l = lay("Ti\xE1\xBA\xBFng Anh", "vi", 100);
	const pl_line *line = &l->lines[0];
	for (size_t r = 0; r < line->n_runs; r++) {
		const pl_run *run = &line->runs[r];
		if (run->start == 0) /* the run holding "Tiếng" */
			assert_int_equal(run->font, 1);
		assert_true(run->font == 0 || run->font == 1);
	}
	/* "Tiếng" is in font 1, "Anh" may be in font 0: at most two runs. */
	assert_true(line->n_runs <= 2);
	pl_layout_free(l);
}

/* Each script's characters go to the font that has them. */
static void test_font_fallback(void **state)
{
	(void)state;
	pl_layout *l = lay("PUSD \xE5\xAD\xA6\xE5\x8C\xBA \xD5\x80\xD5\xA1\xD5\xB5", "en", 100);
	const pl_line *line = &l->lines[0];
	int fonts[8];
	size_t n = 0;
	for (size_t r = 0; r < line->n_runs && n < 8; r++)
		fonts[n++] = line->runs[r].font;
	assert_int_equal(n, 3);
	assert_int_equal(fonts[0], 0);
	assert_int_equal(fonts[1], 3);
	assert_int_equal(fonts[2], 4);
	pl_layout_free(l);
	/* No font has it: -1, so the renderer can show a visible replacement. */
	l = lay("\xE1\x8A\xA0", "en", 100); /* Ethiopic */
	assert_int_equal(l->lines[0].runs[0].font, -1);
	pl_layout_free(l);
}

/* Print: an RTL run's text in visual order with Arabic presentation forms
 * (joined), lam-alef as one ligature, brackets mirrored. */
static void test_visual_text_for_print(void **state)
{
	(void)state;
	/* "لا (ب)" : lam-alef, space, brackets around beh. */
	pl_layout *l = lay("\xD9\x84\xD8\xA7 (\xD8\xA8)", "ar", 100);
	const pl_line *line = &l->lines[0];
	assert_int_equal(line->n_runs, 1);
	const char *vis = pl_run_visual_text(l, &line->runs[0]);
	assert_non_null(vis);
	/* Visual, left to right: "(" beh-isolated ")" space lam-alef-isolated:
	 * the logical ")" ends up on the left mirrored to "(". */
	assert_string_equal(vis, "(\xEF\xBA\x8F) \xEF\xBB\xBB");
	pl_layout_free(l);
}

/* Hostile text: never a crash, always some lines. */
static void test_hostile_text(void **state)
{
	(void)state;
	char *marks = malloc(2 + 10000 * 2 + 1);
	assert_non_null(marks);
	marks[0] = 'e';
	for (size_t i = 0; i < 10000; i++)
		memcpy(marks + 1 + i * 2, "\xCC\x81", 2);
	marks[1 + 20000] = '\0';
	const char *cases[] = {
	        "\xFF\xFE invalid \xC0\xAF bytes \xED\xA0\x80 surrogate",
	        "flags \xF0\x9F\x87\xBA\xF0\x9F\x87\xB8\xF0\x9F\x87\xB2\xF0\x9F\x87\xBD end",
	        "\xE2\x80\xAE\xE2\x80\xAB bidi \xE2\x80\xAC controls \xE2\x81\xA6 isolates "
	        "\xE2\x81\xA9",
	        "above the BMP \xF0\x9F\x98\x80 \xF0\xA0\x80\x80",
	        "noncharacters \xEF\xBF\xBF, libunibreak 1.1's end of text \xEF\xBF\xBF",
	        marks,
	        "",
	        "\n\n\n",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		for (double w = 1; w <= 64; w *= 4) {
			pl_layout *l = lay(cases[i], i % 2 ? "ar" : "ko", w);
			assert_true(l->n_lines >= 1);
			for (size_t k = 0; k < l->n_lines; k++)
				for (size_t r = 0; r < l->lines[k].n_runs; r++)
					pl_run_visual_text(l, &l->lines[k].runs[r]);
			pl_layout_free(l);
		}
	}
	/* Invalid bytes show as U+FFFD: the copy is valid UTF-8. */
	pl_layout *l = lay("a\xFF"
	                   "b",
	                   "en", 100);
	assert_string_equal(l->text, "a\xEF\xBF\xBD"
	                             "b");
	pl_layout_free(l);
	/* A flag's two indicators are never split across lines. */
	l = lay("\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8", "en", 1);
	assert_int_equal(l->n_lines, 1);
	pl_layout_free(l);
	free(marks);
}

static size_t encode_cp(unsigned c, char *o)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xC0 | (c >> 6)), o[1] = (char)(0x80 | (c & 63));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xE0 | (c >> 12)), o[1] = (char)(0x80 | ((c >> 6) & 63));
		o[2] = (char)(0x80 | (c & 63));
		return 3;
	}
	o[0] = (char)(0xF0 | (c >> 18)), o[1] = (char)(0x80 | ((c >> 12) & 63));
	o[2] = (char)(0x80 | ((c >> 6) & 63)), o[3] = (char)(0x80 | (c & 63));
	return 4;
}

/* Unicode's own conformance data for UAX #14 (Debian's unicode-data ships
 * the Unicode 15 file). libunibreak 1.1 implements Unicode 6.2, so the
 * rules added since (emoji ZWJ sequences LB8a, regional-indicator pairs
 * LB30a, emoji modifiers LB30b, Brahmic orthographic syllables LB28a, East
 * Asian quotation marks LB19a...) fail by design: the test holds the count
 * that passes today as a floor, so that any change of ours that breaks a
 * rule that did hold is caught. */
static void test_unicode_conformance(void **state)
{
	(void)state;
	const char *path = "/usr/share/unicode/auxiliary/LineBreakTest.txt";
	FILE *f = fopen(path, "r");
	if (!f)
		fail_msg("%s is missing: install Debian's unicode-data (.ci/packages)", path);
	char line[4096];
	int pass = 0, total = 0;
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		char text[2048];
		size_t len = 0, ends[512];
		int want[512], n = 0;
		for (char *p = line; *p && n < 511 && len < sizeof text - 4;) {
			if (*p == ' ' || *p == '\t' || *p == '\n') {
				p++;
			} else if (strncmp(p, "\xC3\x97", 2) == 0) { /* × no break */
				if (n > 0)
					want[n - 1] = 0;
				p += 2;
			} else if (strncmp(p, "\xC3\xB7", 2) == 0) { /* ÷ break */
				if (n > 0)
					want[n - 1] = 1;
				p += 2;
			} else {
				char *end;
				unsigned long c = strtoul(p, &end, 16);
				if (end == p)
					break;
				p = end;
				len += encode_cp((unsigned)c, text + len);
				ends[n] = len - 1;
				want[n++] = 0;
			}
		}
		if (n == 0)
			continue;
		total++;
		char brk[2048], must[2048];
		assert_int_equal(pl_line_breaks(text, len, "en", brk, must), 0);
		bool ok = true;
		for (int k = 0; k < n - 1; k++)
			ok &= (brk[ends[k]] != 0) == (want[k] != 0);
		pass += ok;
	}
	fclose(f);
	print_message("UAX #14 conformance (Unicode 15 data, libunibreak 1.1): %d of %d\n", pass,
	              total);
	assert_true(total > 7000);
	assert_true(pass >= 6997);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_break_positions),
	        cmocka_unit_test(test_visual_order_matches_fribidi),
	        cmocka_unit_test(test_rtl_alignment),
	        cmocka_unit_test(test_line_height),
	        cmocka_unit_test(test_vietnamese_word_in_one_face),
	        cmocka_unit_test(test_font_fallback),
	        cmocka_unit_test(test_visual_text_for_print),
	        cmocka_unit_test(test_hostile_text),
	        cmocka_unit_test(test_unicode_conformance),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
