/*
 * layout.h: one paragraph of text -> lines of positioned runs, the same for
 * the screen and the page.
 *
 * The layout knows nothing of SDL or libharu. The renderer supplies a
 * measuring function (how wide a run is in a font at a size) and a coverage
 * function (does a font have a glyph); the layout does the rest, in this
 * order (after libass and libraqm):
 *
 *   1. break opportunities by UAX #14 (libunibreak, language-aware), with
 *      Korean kept whole between spaces (keep-all) and regional indicators
 *      hidden from libunibreak 1.1, which aborts on them;
 *   2. embedding levels by UAX #9 (FriBidi) over the whole paragraph, its
 *      direction taken from the language (ar, fa: right to left);
 *   3. fonts: each word in the first font of the chain that has all of its
 *      characters (a Vietnamese word is never set in two faces), else each
 *      character in the first font that has it;
 *   4. lines filled greedily in logical order; a word longer than the line
 *      is broken between grapheme clusters;
 *   5. each line reordered to visual order (UAX #9 rules L1-L2), split into
 *      runs of one font and one direction, and positioned: flush left, or
 *      flush right in a right-to-left paragraph; never justified.
 *
 * Positions and widths are in the renderer's units (pixels, points).
 */
#ifndef PLACARD_LAYOUT_H
#define PLACARD_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "placard/arena.h"

/* What the renderer provides. font is an index into the chain the caller
 * passes in pl_layout_params. */
typedef struct pl_measure {
	void *ctx;
	/* Advance width of text[0..len) (UTF-8, logical order) in font at size,
	 * shaped in the given direction. Must accept any UTF-8 the layout
	 * passes (one run: one font, one direction, one script). font is -1
	 * for text no face has: the width of the visible replacement the
	 * renderer draws for it. */
	double (*width)(void *ctx, int font, const char *text, size_t len, bool rtl, double size);
	/* Whether font has a glyph for the code point. */
	bool (*has_glyph)(void *ctx, int font, uint32_t cp);
} pl_measure;

typedef struct pl_layout_params {
	const char *lang;   /* BCP 47 tag: direction, line-break rules */
	double size;        /* font size, in the renderer's units */
	double width;       /* the box's width */
	double line_height; /* multiple of size; at least 1.5 (WCAG 1.4.12) */
	int n_fonts;        /* the font chain: 0 .. n_fonts-1, most wanted first */
} pl_layout_params;

typedef struct pl_run {
	size_t start, end; /* byte range in the paragraph, logical order */
	int font;          /* index in the chain; -1 when no font has the text */
	bool rtl;          /* shape and draw right to left */
	double x;          /* left edge, from the box's left */
	double width;
} pl_run;

typedef struct pl_line {
	pl_run *runs; /* in visual order, left to right */
	size_t n_runs;
	size_t start, end; /* byte range of the line, logical order, trailing spaces included */
	double width;      /* ink advance, trailing spaces excluded */
	double y;          /* baseline offset of the line's top from the paragraph's top */
} pl_line;

typedef struct pl_layout {
	pl_arena arena; /* everything below lives here */
	const char
	        *text; /* a copy of the paragraph (UTF-8, invalid sequences replaced by U+FFFD) */
	size_t len;
	bool rtl; /* paragraph direction */
	pl_line *lines;
	size_t n_lines;
	double line_height; /* distance between baselines */
	double height;      /* n_lines * line_height */
	double widest;      /* the widest line */
} pl_layout;

/* Lays out text (len bytes of UTF-8; invalid sequences show as U+FFFD).
 * Returns NULL only when out of memory. The caller frees the result with
 * pl_layout_free. */
pl_layout *pl_layout_paragraph(const char *text, size_t len, const pl_layout_params *params,
                               const pl_measure *measure);

void pl_layout_free(pl_layout *layout);

/* Whether the language is written right to left (ar, fa, he, ur...). */
bool pl_lang_is_rtl(const char *lang);

/* Break opportunities (UAX #14 as Placard applies it, see above) for text:
 * brk[i] is set for a byte i after which a line may break; mandatory[i]
 * where it must (a line feed). Both arrays have len entries. Returns 0, or
 * -1 when out of memory. Exposed for tests and for the renderers' fitting. */
int pl_line_breaks(const char *text, size_t len, const char *lang, char *brk, char *mandatory);

/* The run's text in visual order, as a renderer without a shaper needs it
 * (libharu): for a right-to-left run the characters reversed, brackets
 * mirrored, and Arabic letters as presentation forms joined as they are in
 * the paragraph (FriBidi's Arabic joining and shaping, lam-alef ligatures).
 * A left-to-right run is copied as it is. Either way, format characters a
 * font might draw visibly (joiners, bidi controls, U+FEFF) are left out,
 * their work being done. NUL-terminated, in the layout's arena; NULL when
 * out of memory. */
const char *pl_run_visual_text(pl_layout *layout, const pl_run *run);

#endif
