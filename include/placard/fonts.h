/*
 * fonts.h: the bundled faces, the chain of faces for each language, and
 * which characters each face has (FreeType).
 *
 * Faces are chosen per language first and per character second (BRIEF
 * section 3): Vietnamese starts with a face that covers Vietnamese so that
 * no word mixes faces; Arabic and Persian with an Arabic face; Chinese,
 * Korean and Armenian with theirs; then every other bundled face follows,
 * so that a character any face has is never shown as a box. The same
 * chain serves the kiosk (SDL2_ttf) and the printer (libharu).
 */
#ifndef PLACARD_FONTS_H
#define PLACARD_FONTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "placard/diag.h"

typedef struct pl_fonts pl_fonts;
typedef struct pl_face pl_face;

typedef enum pl_weight { PL_REGULAR, PL_BOLD } pl_weight;

#define PL_MAX_CHAIN 12

typedef struct pl_font_chain {
	const pl_face *faces[PL_MAX_CHAIN];
	int n;
} pl_font_chain;

/* Opens the bundled faces in dir (fonts/). A face whose file is missing or
 * unreadable is reported as a warning and left out of every chain; NULL
 * only when no face at all could be opened (reported as an error). */
pl_fonts *pl_fonts_open(const char *dir, pl_diags *diags);
void pl_fonts_free(pl_fonts *fonts);

/* The file of the i-th bundled face (from 0) that could not be opened, or
 * NULL past the last one. */
const char *pl_fonts_unopened(const pl_fonts *fonts, size_t i);

/* The chain for a language (BCP 47), in the wanted weight; with dyslexic
 * set, the dyslexia-friendly face leads for the languages it covers. Bold
 * falls back to regular for faces that have no bold. */
void pl_fonts_chain(const pl_fonts *fonts, const char *lang, pl_weight weight, bool dyslexic,
                    pl_font_chain *out);

/* The face's file (absolute or relative to the working directory) and its
 * family name, e.g. "Noto Sans Arabic". */
const char *pl_face_path(const pl_face *face);
const char *pl_face_family(const pl_face *face);

/* Whether the face has a glyph for the code point (cmap lookup). */
bool pl_face_has_glyph(const pl_face *face, uint32_t cp);

/* The first face of the chain that has cp, or NULL. */
const pl_face *pl_chain_face_for(const pl_font_chain *chain, uint32_t cp);

/* Whether cp is drawn with a glyph: not a control character, and not a
 * format character whose work is done without one (zero-width spaces and
 * joiners, bidi controls, variation selectors, U+FEFF). */
bool pl_cp_needs_glyph(uint32_t cp);

/* The first character of text (UTF-8) that no face of lang's chains can
 * draw, in regular or in bold (headings are bold): it would show as a box.
 * 0 when every character can be drawn. */
uint32_t pl_fonts_first_missing(const pl_fonts *fonts, const char *lang, const char *text);

#endif
