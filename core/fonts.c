/*
 * fonts.c: bundled faces and per-language chains; see fonts.h.
 *
 * FreeType answers coverage from each face's cmap. Nothing is rendered
 * here: the renderers open the same files in SDL2_ttf and libharu.
 */
#include "placard/fonts.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <stdlib.h>
#include <string.h>

#include "placard/strbuf.h"
#include "placard/text.h"

/* The bundled faces (fonts/README.md says where each comes from). */
enum face_id { F_ATKINSON, F_NOTO, F_ARABIC, F_ARMENIAN, F_CJK, F_HANGUL, F_DYSLEXIC, N_FACES };

static const struct face_file {
	const char *regular, *bold, *family;
} face_files[N_FACES] = {
        [F_ATKINSON] = {"AtkinsonHyperlegibleNext-Regular.ttf", "AtkinsonHyperlegibleNext-Bold.ttf",
                        "Atkinson Hyperlegible Next"},
        [F_NOTO] = {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "Noto Sans"},
        [F_ARABIC] = {"NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", "Noto Sans Arabic"},
        [F_ARMENIAN] = {"NotoSansArmenian-Regular.ttf", "NotoSansArmenian-Bold.ttf",
                        "Noto Sans Armenian"},
        [F_CJK] = {"DroidSansFallback-Placard.ttf", NULL, "Droid Sans Fallback"},
        [F_HANGUL] = {"PlacardGothicKR-Regular.ttf", "PlacardGothicKR-Bold.ttf",
                      "Placard Gothic KR"},
        [F_DYSLEXIC] = {"OpenDyslexic-Regular.ttf", "OpenDyslexic-Bold.ttf", "OpenDyslexic"},
};

struct pl_face {
	char *path;
	const char *family;
	FT_Face ft; /* NULL when the file could not be opened */
};

struct pl_fonts {
	FT_Library ft;
	pl_face faces[N_FACES][2]; /* [face][weight] */
};

static int open_face(pl_fonts *fonts, pl_face *face, const char *dir, const char *file,
                     const char *family, pl_diags *diags)
{
	pl_strbuf path = PL_STRBUF_INIT;
	if (pl_strbuf_addf(&path, "%s/%s", dir, file) < 0) {
		pl_strbuf_release(&path);
		return -1;
	}
	face->path = pl_strbuf_detach(&path);
	face->family = family;
	FT_Error err = FT_New_Face(fonts->ft, face->path, 0, &face->ft);
	if (err) {
		face->ft = NULL;
		pl_diags_add(diags, PL_WARNING, face->path, 0, 0,
		             "cannot open this font (FreeType error %d); text that needs it falls "
		             "back to other faces",
		             err);
		return 0;
	}
	return 1;
}

pl_fonts *pl_fonts_open(const char *dir, pl_diags *diags)
{
	pl_fonts *fonts = calloc(1, sizeof(*fonts));
	if (!fonts || FT_Init_FreeType(&fonts->ft)) {
		free(fonts);
		pl_diags_add(diags, PL_ERROR, dir, 0, 0, "cannot start FreeType");
		return NULL;
	}
	int opened = 0;
	for (int f = 0; f < N_FACES; f++) {
		for (int w = 0; w < 2; w++) {
			const char *file = w ? face_files[f].bold : face_files[f].regular;
			if (!file)
				continue;
			int rc = open_face(fonts, &fonts->faces[f][w], dir, file,
			                   face_files[f].family, diags);
			if (rc < 0) {
				pl_fonts_free(fonts);
				pl_diags_add(diags, PL_ERROR, dir, 0, 0, "out of memory");
				return NULL;
			}
			opened += rc;
		}
	}
	if (!opened) {
		pl_diags_add(diags, PL_ERROR, dir, 0, 0, "no bundled font could be opened");
		pl_fonts_free(fonts);
		return NULL;
	}
	return fonts;
}

void pl_fonts_free(pl_fonts *fonts)
{
	if (!fonts)
		return;
	for (int f = 0; f < N_FACES; f++) {
		for (int w = 0; w < 2; w++) {
			if (fonts->faces[f][w].ft)
				FT_Done_Face(fonts->faces[f][w].ft);
			free(fonts->faces[f][w].path);
		}
	}
	FT_Done_FreeType(fonts->ft);
	free(fonts);
}

/* The order of faces for a language: its own script's face first. */
static void order_for(const char *lang, bool dyslexic, int order[N_FACES], int *n)
{
	char tag[8];
	size_t len = strcspn(lang ? lang : "", "-_");
	if (len >= sizeof tag)
		len = sizeof tag - 1;
	memcpy(tag, lang ? lang : "", len);
	tag[len] = '\0';
	int lead[3], nl = 0;
	if (strcmp(tag, "ar") == 0 || strcmp(tag, "fa") == 0)
		lead[nl++] = F_ARABIC;
	else if (strcmp(tag, "hy") == 0)
		lead[nl++] = F_ARMENIAN;
	else if (strcmp(tag, "zh") == 0 || strcmp(tag, "ko") == 0) {
		/* The large-type Latin face first: it has no Han or Hangul, so
		 * every Chinese or Korean word still goes whole to its own face,
		 * while names and numbers in Latin letters stay in one face
		 * (the CJK subset's Latin is incomplete and would mix faces). */
		lead[nl++] = F_ATKINSON;
		lead[nl++] = strcmp(tag, "zh") == 0 ? F_CJK : F_HANGUL;
	} else if (strcmp(tag, "vi") == 0)
		lead[nl++] = F_NOTO; /* Atkinson has no Vietnamese (BRIEF section 3) */
	else if (dyslexic)
		lead[nl++] = F_DYSLEXIC;
	*n = 0;
	for (int i = 0; i < nl; i++)
		order[(*n)++] = lead[i];
	static const int rest[] = {F_ATKINSON, F_NOTO,   F_ARABIC,  F_ARMENIAN,
	                           F_CJK,      F_HANGUL, F_DYSLEXIC};
	for (size_t i = 0; i < sizeof rest / sizeof rest[0]; i++) {
		bool seen = false;
		for (int k = 0; k < *n; k++)
			seen |= order[k] == rest[i];
		/* The dyslexia face only where asked for. */
		if (!seen && (rest[i] != F_DYSLEXIC || dyslexic))
			order[(*n)++] = rest[i];
	}
}

void pl_fonts_chain(const pl_fonts *fonts, const char *lang, pl_weight weight, bool dyslexic,
                    pl_font_chain *out)
{
	int order[N_FACES], n;
	order_for(lang, dyslexic, order, &n);
	out->n = 0;
	for (int i = 0; i < n && out->n < PL_MAX_CHAIN; i++) {
		const pl_face *face = &fonts->faces[order[i]][weight == PL_BOLD ? 1 : 0];
		if (!face->ft)
			face = &fonts->faces[order[i]][0];
		if (face->ft)
			out->faces[out->n++] = face;
	}
}

const char *pl_fonts_unopened(const pl_fonts *fonts, size_t i)
{
	for (int f = 0; f < N_FACES; f++)
		for (int w = 0; w < 2; w++) {
			const pl_face *face = &fonts->faces[f][w];
			if (face->path && !face->ft && i-- == 0)
				return face->path;
		}
	return NULL;
}

const char *pl_face_path(const pl_face *face)
{
	return face->path;
}

const char *pl_face_family(const pl_face *face)
{
	return face->family;
}

bool pl_face_has_glyph(const pl_face *face, uint32_t cp)
{
	return face->ft && FT_Get_Char_Index(face->ft, cp) != 0;
}

const pl_face *pl_chain_face_for(const pl_font_chain *chain, uint32_t cp)
{
	for (int i = 0; i < chain->n; i++)
		if (pl_face_has_glyph(chain->faces[i], cp))
			return chain->faces[i];
	return NULL;
}

bool pl_cp_needs_glyph(uint32_t cp)
{
	return cp >= 0x20 && !(cp >= 0x7F && cp < 0xA0) && !(cp >= 0x200B && cp <= 0x200F) &&
	       !(cp >= 0x202A && cp <= 0x202E) && !(cp >= 0x2060 && cp <= 0x206F) &&
	       !(cp >= 0xFE00 && cp <= 0xFE0F) && cp != 0xFEFF;
}

uint32_t pl_fonts_first_missing(const pl_fonts *fonts, const char *lang, const char *text)
{
	pl_font_chain regular, bold;
	pl_fonts_chain(fonts, lang, PL_REGULAR, false, &regular);
	pl_fonts_chain(fonts, lang, PL_BOLD, false, &bold);
	size_t len = strlen(text);
	for (size_t i = 0; i < len;) {
		uint32_t cp = pl_utf8_next(text, len, &i);
		if (pl_cp_needs_glyph(cp) &&
		    (!pl_chain_face_for(&regular, cp) || !pl_chain_face_for(&bold, cp)))
			return cp;
	}
	return 0;
}
