/*
 * draw.h: the kiosk's renderer for laid-out text. The core's layout
 * (placard/layout.h) decides lines, bidi runs and fonts; this module
 * measures runs for it with SDL2_ttf (HarfBuzz shaping, one font, one
 * direction and one script per call, as BRIEF section 3 requires) and draws
 * the runs it returns. SDL2_ttf's own wrapping is never used: the screen and
 * the handout break lines in the same places.
 */
#ifndef PLACARD_KIOSK_DRAW_H
#define PLACARD_KIOSK_DRAW_H

#include <SDL.h>

#include "placard/fonts.h"
#include "placard/layout.h"

typedef struct pl_draw pl_draw;

/* A renderer over the bundled faces (borrowed: fonts must outlive it).
 * Needs TTF_Init done. NULL when out of memory. Free with pl_draw_free,
 * which closes every cached TTF_Font. */
pl_draw *pl_draw_new(const pl_fonts *fonts);
void pl_draw_free(pl_draw *draw);

/* Closes every cached font, with its glyphs: the next run drawn opens what
 * it needs again. The kiosk does it at each idle reset, so that what one
 * visitor read (sizes, scripts) is not kept for days. */
void pl_draw_forget(pl_draw *draw);

/* The chain the measuring callbacks and pl_draw_layout use from now on
 * (copied). Lay out and draw a paragraph with the same chain. */
void pl_draw_set_chain(pl_draw *draw, const pl_font_chain *chain);

/* Callbacks for pl_layout_paragraph over the current chain: width() by
 * TTF_SizeUTF8 with the run's direction and script set, has_glyph() by the
 * face's cmap. A font that cannot be opened measures 0 wide and is noted:
 * see pl_draw_error. */
pl_measure pl_draw_measure(pl_draw *draw);

/* Called for each run drawn, with its box on the surface (left edge and
 * advance width of the run, the top and height of its line). */
typedef void (*pl_draw_run_fn)(void *ctx, const pl_layout *layout, const pl_run *run, SDL_Rect box);

/* Draws layout, laid out at size with the current chain, with the
 * paragraph's top-left corner at (x, y) on dst in ink. A run no face
 * covers (font -1) is drawn as an outlined box per character, so a missing
 * glyph is never invisible. on_run may be NULL. Returns 0, or -1 when a
 * font could not be opened or a run not rendered (see pl_draw_error); the
 * other runs are still drawn. */
int pl_draw_layout(pl_draw *draw, SDL_Surface *dst, const pl_layout *layout, double size, int x,
                   int y, SDL_Color ink, pl_draw_run_fn on_run, void *ctx);

/* The capital H's height as a fraction of the size, in the first face of
 * chain that has an H (0.7 when none has). Cached per face. */
double pl_draw_cap_ratio(pl_draw *draw, const pl_font_chain *chain);

/* Draws lines [first, last) of layout, the first line's top at y. */
int pl_draw_lines(pl_draw *draw, SDL_Surface *dst, const pl_layout *layout, size_t first,
                  size_t last, double size, int x, int y, SDL_Color ink, pl_draw_run_fn on_run,
                  void *ctx);

/* The first problem met since pl_draw_new or the last pl_draw_clear_error
 * ("FILE: reason"), or NULL. Owned by draw. */
const char *pl_draw_error(const pl_draw *draw);
void pl_draw_clear_error(pl_draw *draw);

/* The ISO 15924 tag of the first character of text[0..len) with a script
 * of its own (not Common or Inherited), e.g. "Arab", "Hani", "Hang", into
 * tag[5]; "Zyyy" when there is none. Exposed for tests. */
void pl_draw_script_tag(const char *text, size_t len, char tag[5]);

#endif
