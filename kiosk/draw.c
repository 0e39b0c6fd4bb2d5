/*
 * draw.c: laid-out text onto an SDL surface with SDL2_ttf.
 *
 * SDL2_ttf 2.20 shapes with HarfBuzz but knows one font, one direction and
 * one script per call and has no bidi (BRIEF section 3). The layout gives
 * us exactly such runs, so every call here sets the run's direction
 * (TTF_SetFontDirection) and script (TTF_SetFontScriptName, ISO 15924 from
 * the run's first character with a script of its own) before measuring or
 * rendering, and the measurement the layout used is the same call the
 * drawing makes: a run drawn is as wide as the run measured.
 *
 * TTF_Font handles are cached per face file and pixel size, opened on first
 * use and closed with the renderer, or when FONT_CACHE_MAX are open and
 * another is wanted, the one least recently used (every display size and
 * text size has sizes of its own: without a bound a kiosk whose display
 * changes size kept an open file and a glyph cache for each it had seen,
 * found by the soak, tests/soak). The run text is copied into one scratch
 * buffer (SDL2_ttf wants NUL-terminated strings), grown in one place.
 */
#include "draw.h"

#include "placard/text.h"

#include <SDL_ttf.h>
#include <hb.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cap_ratio {
	const char *path;
	double ratio;
} cap_ratio;

typedef struct cached_font {
	const char *path; /* the face's path, owned by pl_fonts */
	int px;
	TTF_Font *font;
	hb_font_t *shaper; /* the same face for HarfBuzz, made when first needed */
	/* pl_draw's clock when last asked for (least recently used goes) */
	unsigned long used;
} cached_font;

/* More than a screen needs in every language, theme and text size at one
 * display size. */
#define FONT_CACHE_MAX 96

struct pl_draw {
	const pl_fonts *fonts;
	pl_font_chain chain;
	cached_font *cache;
	size_t n_cache, cap_cache;
	/* Counts font_at's answers: the cache entries' ages. */
	unsigned long clock;
	char *scratch; /* NUL-terminated copy of the run being measured or drawn */
	size_t cap_scratch;
	char error[512]; /* first problem, "" when none */
	cap_ratio caps[32];
	size_t n_caps;
};

pl_draw *pl_draw_new(const pl_fonts *fonts)
{
	pl_draw *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->fonts = fonts;
	return d;
}

void pl_draw_forget(pl_draw *draw)
{
	for (size_t i = 0; i < draw->n_cache; i++) {
		TTF_CloseFont(draw->cache[i].font);
		hb_font_destroy(draw->cache[i].shaper);
	}
	free(draw->cache);
	draw->cache = NULL;
	draw->n_cache = draw->cap_cache = 0;
	free(draw->scratch);
	draw->scratch = NULL;
	draw->cap_scratch = 0;
}

void pl_draw_free(pl_draw *draw)
{
	if (!draw)
		return;
	pl_draw_forget(draw);
	free(draw);
}

void pl_draw_set_chain(pl_draw *draw, const pl_font_chain *chain)
{
	draw->chain = *chain;
}

const char *pl_draw_error(const pl_draw *draw)
{
	return draw->error[0] ? draw->error : NULL;
}

void pl_draw_clear_error(pl_draw *draw)
{
	draw->error[0] = '\0';
}

/* Keeps the first problem only: later ones are usually its echoes. */
static void note_error(pl_draw *draw, const char *what, const char *why)
{
	if (!draw->error[0])
		snprintf(draw->error, sizeof draw->error, "%s: %s", what, why);
}

/* The cache entry for chain entry font at size, its TTF_Font opened on
 * first use; NULL (noted) when it cannot be opened. The entry is good until
 * the next call (which may close it to make room). */
static cached_font *font_at(pl_draw *draw, int font, double size)
{
	if (font < 0 || font >= draw->chain.n)
		return NULL;
	const char *path = pl_face_path(draw->chain.faces[font]);
	int px = (int)lround(size);
	if (px < 1)
		px = 1;
	for (size_t i = 0; i < draw->n_cache; i++)
		if (draw->cache[i].px == px && strcmp(draw->cache[i].path, path) == 0) {
			draw->cache[i].used = ++draw->clock;
			return &draw->cache[i];
		}
	if (draw->n_cache == FONT_CACHE_MAX) {
		cached_font *old = &draw->cache[0];
		for (size_t i = 1; i < draw->n_cache; i++)
			if (draw->cache[i].used < old->used)
				old = &draw->cache[i];
		TTF_CloseFont(old->font);
		hb_font_destroy(old->shaper);
		*old = draw->cache[--draw->n_cache];
	}
	if (draw->n_cache == draw->cap_cache) {
		size_t cap = draw->cap_cache ? 2 * draw->cap_cache : 16;
		cached_font *grown = realloc(draw->cache, cap * sizeof *grown);
		if (!grown) {
			note_error(draw, path, "out of memory");
			return NULL;
		}
		draw->cache = grown;
		draw->cap_cache = cap;
	}
	/* At SDL2_ttf's 72 dpi a point is a pixel. */
	TTF_Font *f = TTF_OpenFont(path, px);
	if (!f) {
		note_error(draw, path, TTF_GetError());
		return NULL;
	}
	draw->cache[draw->n_cache] = (cached_font){path, px, f, NULL, ++draw->clock};
	return &draw->cache[draw->n_cache++];
}

/* text[0..len) as a NUL-terminated string in the scratch buffer. */
static const char *scratch_copy(pl_draw *draw, const char *text, size_t len)
{
	if (len + 1 > draw->cap_scratch) {
		size_t cap = draw->cap_scratch ? draw->cap_scratch : 256;
		while (cap < len + 1)
			cap *= 2;
		char *grown = realloc(draw->scratch, cap);
		if (!grown) {
			note_error(draw, "text", "out of memory");
			return NULL;
		}
		draw->scratch = grown;
		draw->cap_scratch = cap;
	}
	memcpy(draw->scratch, text, len);
	draw->scratch[len] = '\0';
	return draw->scratch;
}

void pl_draw_script_tag(const char *text, size_t len, char tag[5])
{
	hb_unicode_funcs_t *ufuncs = hb_unicode_funcs_get_default();
	hb_script_t script = HB_SCRIPT_COMMON;
	for (size_t i = 0; i < len;) {
		hb_script_t s = hb_unicode_script(ufuncs, pl_utf8_next(text, len, &i));
		if (s != HB_SCRIPT_COMMON && s != HB_SCRIPT_INHERITED && s != HB_SCRIPT_UNKNOWN) {
			script = s;
			break;
		}
	}
	hb_tag_to_string(hb_script_to_iso15924_tag(script), tag);
	tag[4] = '\0';
}

/* The font for a run with its direction and script (into tag) set, and
 * the run's text in the scratch buffer; NULL when either is not to be had. */
static cached_font *prepare_run(pl_draw *draw, int font, const char *text, size_t len, bool rtl,
                                double size, const char **copy, char tag[5])
{
	cached_font *cf = font_at(draw, font, size);
	*copy = cf ? scratch_copy(draw, text, len) : NULL;
	if (!*copy)
		return NULL;
	pl_draw_script_tag(text, len, tag);
	TTF_SetFontDirection(cf->font, rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
	TTF_SetFontScriptName(cf->font, tag);
	return cf;
}

static double measure_width(void *ctx, int font, const char *text, size_t len, bool rtl,
                            double size)
{
	pl_draw *draw = ctx;
	if (font < 0) {
		/* draw_missing's boxes: 0.7 of the size a character, spaces 0.3. */
		double w = 0;
		for (size_t i = 0; i < len;)
			w += pl_utf8_next(text, len, &i) == ' ' ? size * 0.3 : size * 0.7;
		return w;
	}
	const char *copy;
	char tag[5];
	cached_font *cf = prepare_run(draw, font, text, len, rtl, size, &copy, tag);
	int w = 0, h = 0;
	if (!cf || TTF_SizeUTF8(cf->font, copy, &w, &h) != 0)
		return 0;
	return w;
}

static bool measure_has_glyph(void *ctx, int font, uint32_t cp)
{
	pl_draw *draw = ctx;
	if (font < 0 || font >= draw->chain.n)
		return false;
	return pl_face_has_glyph(draw->chain.faces[font], cp);
}

double pl_draw_cap_ratio(pl_draw *draw, const pl_font_chain *chain)
{
	const pl_face *face = pl_chain_face_for(chain, 'H');
	if (!face)
		return 0.7;
	const char *path = pl_face_path(face);
	for (size_t i = 0; i < draw->n_caps; i++)
		if (strcmp(draw->caps[i].path, path) == 0)
			return draw->caps[i].ratio;
	/* Measured at 200 px: the glyph's top above the baseline. */
	double ratio = 0.7;
	TTF_Font *f = TTF_OpenFont(path, 200);
	int minx, maxx, miny, maxy, advance;
	if (f && TTF_GlyphMetrics32(f, 'H', &minx, &maxx, &miny, &maxy, &advance) == 0 && maxy > 0)
		ratio = maxy / 200.0;
	if (f)
		TTF_CloseFont(f);
	if (draw->n_caps < sizeof draw->caps / sizeof draw->caps[0])
		draw->caps[draw->n_caps++] = (cap_ratio){path, ratio};
	return ratio;
}

pl_measure pl_draw_measure(pl_draw *draw)
{
	return (pl_measure){draw, measure_width, measure_has_glyph};
}

/* An outlined box per character for text no face has (the "tofu" every
 * font shows for a missing glyph): visible, so it is never a silent gap. */
static void draw_missing(SDL_Surface *dst, const pl_layout *layout, const pl_run *run, SDL_Rect box,
                         double size, Uint32 colour)
{
	size_t n = 0;
	for (size_t i = run->start; i < run->end;)
		if (pl_utf8_next(layout->text, run->end, &i) != ' ')
			n++;
	if (n == 0)
		return;
	int cell = box.w / (int)n;
	int w = (int)(size * 0.6), h = (int)(size * 0.8);
	int stroke = size > 24 ? (int)(size / 24) : 1;
	if (w > cell - 2)
		w = cell - 2;
	int top = box.y + (box.h - h) / 2;
	for (size_t k = 0; k < n && w > 2 * stroke; k++) {
		int left = box.x + (int)k * cell + (cell - w) / 2;
		SDL_Rect edges[] = {{left, top, w, stroke},
		                    {left, top + h - stroke, w, stroke},
		                    {left, top, stroke, h},
		                    {left + w - stroke, top, stroke, h}};
		SDL_FillRects(dst, edges, 4, colour);
	}
}

/* The baseline's distance from the top of a line: half the leading above
 * the first face's ascent, so that the line's ink sits in the middle of
 * its line box (and stacked diacritics stay inside it). */
static int baseline_offset(pl_draw *draw, const pl_layout *layout, double size)
{
	cached_font *first = font_at(draw, 0, size);
	if (!first)
		return (int)lround(size);
	/* The face's box (ascent + descent) centred on the line box, even
	 * when it is taller than the line: Noto Sans Arabic budgets about
	 * 2.1 em for its marks, and set from the top its letters would sit
	 * low in the line (measured by tests/tools/check_screens.py). */
	/* The face's ascent and descent as the layout needs them: Noto Sans
	 * Arabic reserves 1.37 em above and 0.74 em below, where its letters
	 * with their marks reach about 1.3 and 0.62; capped at 1.32 and 0.7 em
	 * the box holds the ink of real text and the baseline is not pushed
	 * down (its lines are 2.0 apart, screens.c). */
	int ascent = TTF_FontAscent(first->font), descent = -TTF_FontDescent(first->font);
	int cap_up = (int)lround(size * 1.32), cap_down = (int)lround(size * 0.7);
	ascent = ascent < cap_up ? ascent : cap_up;
	descent = descent < cap_down ? descent : cap_down;
	int lead = (int)lround(layout->line_height) - (ascent + descent);
	return (lead >= 0 ? lead / 2 : -((-lead + 1) / 2)) + ascent;
}

/* How far SDL2_ttf grew the rendered surface above the face's ascent. It
 * makes a surface taller at the top when a shaped glyph rises above the
 * ascent (stacked accents on a capital in a face that does not budget for
 * them), which moves the baseline down inside the surface; taller at the
 * bottom for glyphs below the descent, which does not. The surface only
 * tells how much it grew in all, so the rise is found as SDL2_ttf finds it:
 * shape the run with HarfBuzz and take the highest glyph top. Only done
 * when the surface grew at all, which is rare. */
static int rise_above_ascent(cached_font *cf, const char *text, bool rtl, const char *script,
                             const SDL_Surface *rendered)
{
	int grown = rendered->h - TTF_FontHeight(cf->font);
	if (grown <= 0)
		return 0;
	if (!cf->shaper) {
		hb_blob_t *blob = hb_blob_create_from_file(cf->path);
		hb_face_t *face = hb_face_create(blob, 0);
		cf->shaper = hb_font_create(face);
		hb_font_set_scale(cf->shaper, cf->px * 64, cf->px * 64); /* 26.6 pixels */
		hb_face_destroy(face);
		hb_blob_destroy(blob);
	}
	hb_buffer_t *buf = hb_buffer_create();
	hb_buffer_add_utf8(buf, text, -1, 0, -1);
	hb_buffer_set_direction(buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
	hb_buffer_set_script(buf, hb_script_from_string(script, -1));
	hb_buffer_guess_segment_properties(buf);
	hb_shape(cf->shaper, buf, NULL, 0);
	unsigned n = 0;
	const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
	const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
	hb_position_t top = 0;
	for (unsigned i = 0; i < n; i++) {
		hb_glyph_extents_t ext;
		if (hb_font_get_glyph_extents(cf->shaper, info[i].codepoint, &ext) &&
		    pos[i].y_offset + ext.y_bearing > top)
			top = pos[i].y_offset + ext.y_bearing;
	}
	hb_buffer_destroy(buf);
	int rise = (top + 63) / 64 - TTF_FontAscent(cf->font);
	return rise <= 0 ? 0 : rise < grown ? rise : grown;
}

static int draw_run(pl_draw *draw, SDL_Surface *dst, const pl_layout *layout, const pl_run *run,
                    SDL_Rect box, int baseline, double size, SDL_Color ink)
{
	if (run->font < 0) {
		draw_missing(dst, layout, run, box, size,
		             SDL_MapRGB(dst->format, ink.r, ink.g, ink.b));
		return 0;
	}
	/* Nothing to draw, and SDL2_ttf refuses to ("Text has zero width"): a
	 * run of a lone U+200C ZERO WIDTH NON-JOINER, as Persian text has. */
	if (run->width <= 0)
		return 0;
	const char *copy;
	char tag[5];
	cached_font *cf = prepare_run(draw, run->font, layout->text + run->start,
	                              run->end - run->start, run->rtl, size, &copy, tag);
	if (!cf)
		return -1;
	SDL_Surface *s = TTF_RenderUTF8_Blended(cf->font, copy, ink);
	if (!s) {
		note_error(draw, pl_face_path(draw->chain.faces[run->font]), TTF_GetError());
		return -1;
	}
	int top =
	        baseline - TTF_FontAscent(cf->font) - rise_above_ascent(cf, copy, run->rtl, tag, s);
	SDL_Rect where = {box.x, top, s->w, s->h};
	int rc = SDL_BlitSurface(s, NULL, dst, &where);
	if (rc != 0)
		note_error(draw, "blit", SDL_GetError());
	SDL_FreeSurface(s);
	return rc == 0 ? 0 : -1;
}

int pl_draw_layout(pl_draw *draw, SDL_Surface *dst, const pl_layout *layout, double size, int x,
                   int y, SDL_Color ink, pl_draw_run_fn on_run, void *ctx)
{
	return pl_draw_lines(draw, dst, layout, 0, layout->n_lines, size, x, y, ink, on_run, ctx);
}

int pl_draw_lines(pl_draw *draw, SDL_Surface *dst, const pl_layout *layout, size_t first,
                  size_t last, double size, int x, int y, SDL_Color ink, pl_draw_run_fn on_run,
                  void *ctx)
{
	int rc = 0;
	if (first >= last || last > layout->n_lines)
		return 0;
	int base = baseline_offset(draw, layout, size);
	int line_h = (int)lround(layout->line_height);
	double top0 = layout->lines[first].y;
	for (size_t l = first; l < last; l++) {
		const pl_line *line = &layout->lines[l];
		int top = y + (int)lround(line->y - top0);
		for (size_t r = 0; r < line->n_runs; r++) {
			const pl_run *run = &line->runs[r];
			int left = x + (int)lround(run->x);
			int right = x + (int)lround(run->x + run->width);
			SDL_Rect box = {left, top, right - left, line_h};
			if (draw_run(draw, dst, layout, run, box, top + base, size, ink) != 0)
				rc = -1;
			if (on_run)
				on_run(ctx, layout, run, box);
		}
	}
	return rc;
}
