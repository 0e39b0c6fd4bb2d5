/*
 * pdf.c: the page renderer over libharu 2.3.0; see pdf.h. The only file
 * that includes hpdf.h, and the only one that knows libharu's private ABI
 * (pdf_set_lang).
 *
 * Promises: every face is embedded and subset (HPDF_LoadTTFontFromFile with
 * embedding on), each face file is loaded once per document, text reaches
 * libharu as UTF-8 of the Basic Multilingual Plane only, and what a run is
 * measured as is what it is drawn as (the same text preparation serves
 * both).
 */
#include "pdf.h"

#include <fribidi.h>
#include <hpdf.h>
/* Private: the document record (catalog, memory manager) and the object
 * API, for pdf_set_lang alone. */
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <stdlib.h>
#include <string.h>

#include "placard/strbuf.h"
#include "placard/survey.h"

/* Fonts a document may load: the bundled faces in two weights fit. */
#define MAX_FACES 32

/* What libharu draws for characters it cannot: U+FFFD for text no face
 * has, U+25A1 WHITE SQUARE for characters above U+FFFF (libharu would turn
 * them into spaces, hiding that something is missing). */
#define REPLACEMENT 0xFFFDu
#define ASTRAL_REPLACEMENT 0x25A1u

struct pdf_doc {
	HPDF_Doc hpdf;
	HPDF_Page page;
	double page_height;
	pl_diags *diags;
	struct {
		const char *path; /* the face's, borrowed from pl_fonts */
		HPDF_Font font;
	} faces[MAX_FACES];
	int n_faces;
	HPDF_STATUS error, detail; /* libharu's last error, 0 when none */
};

static void on_hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void *user_data)
{
	pdf_doc *doc = user_data;
	if (!doc->error) {
		doc->error = error;
		doc->detail = detail;
	}
}

/* Turns a libharu error recorded since the last call into a diag. Returns
 * 0 when there was none, -1 otherwise. */
static int take_error(pdf_doc *doc, const char *what)
{
	if (!doc->error)
		return 0;
	/* The codes are listed in libharu's hpdf_error.h. */
	pl_diags_add(doc->diags, PL_ERROR, NULL, 0, 0, "%s: libharu error 0x%04lX (detail %lu)",
	             what, (unsigned long)doc->error, (unsigned long)doc->detail);
	doc->error = doc->detail = 0;
	HPDF_ResetError(doc->hpdf);
	return -1;
}

pdf_doc *pdf_open(pl_diags *diags)
{
	pdf_doc *doc = calloc(1, sizeof(*doc));
	if (!doc) {
		pl_diags_add(diags, PL_ERROR, NULL, 0, 0, "out of memory");
		return NULL;
	}
	doc->diags = diags;
	doc->hpdf = HPDF_New(on_hpdf_error, doc);
	if (!doc->hpdf) {
		pl_diags_add(diags, PL_ERROR, NULL, 0, 0, "out of memory");
		free(doc);
		return NULL;
	}
	HPDF_UseUTFEncodings(doc->hpdf);
	HPDF_SetCompressionMode(doc->hpdf, HPDF_COMP_ALL);
	if (take_error(doc, "cannot start a PDF document") < 0) {
		pdf_close(doc);
		return NULL;
	}
	return doc;
}

void pdf_close(pdf_doc *doc)
{
	if (!doc)
		return;
	if (doc->hpdf)
		HPDF_Free(doc->hpdf);
	free(doc);
}

int pdf_set_info(pdf_doc *doc, const char *title, const char *author)
{
	/* Info strings go through the current encoder: UTF-8 in, UTF-16BE
	 * text strings out (ISO 32000-1 section 7.9.2.2). */
	HPDF_SetCurrentEncoder(doc->hpdf, "UTF-8");
	if (title)
		HPDF_SetInfoAttr(doc->hpdf, HPDF_INFO_TITLE, title);
	if (author)
		HPDF_SetInfoAttr(doc->hpdf, HPDF_INFO_AUTHOR, author);
	HPDF_SetInfoAttr(doc->hpdf, HPDF_INFO_CREATOR, "placard-print");
	return take_error(doc, "cannot set the document's title");
}

/*
 * PRIVATE ABI, used deliberately. libharu 2.3.0 has no public call for the
 * document language, which screen readers and PDF/UA need (ISO 32000-1
 * section 14.9.2.1: /Lang in the catalog, a text string). Its internal
 * headers are installed and their symbols exported, so we reach into the
 * document record for the catalog and add the entry with the object API.
 * Keep this the only such use; tests/e2e/print_specimen.sh checks /Lang is
 * in the file, so a libharu that changes the record fails loudly there.
 */
int pdf_set_lang(pdf_doc *doc, const char *lang)
{
	HPDF_Doc hpdf = doc->hpdf;
	HPDF_String value = HPDF_String_New(hpdf->mmgr, lang, NULL);
	if (value)
		HPDF_Dict_Add(hpdf->catalog, "Lang", value);
	if (!value && !doc->error)
		doc->error = HPDF_FAILD_TO_ALLOC_MEM;
	return take_error(doc, "cannot set the document's language");
}

int pdf_add_page(pdf_doc *doc, double width, double height)
{
	doc->page = HPDF_AddPage(doc->hpdf);
	if (doc->page) {
		HPDF_Page_SetWidth(doc->page, (HPDF_REAL)width);
		HPDF_Page_SetHeight(doc->page, (HPDF_REAL)height);
	}
	doc->page_height = height;
	return take_error(doc, "cannot add a page");
}

int pdf_save(pdf_doc *doc, const char *path)
{
	HPDF_SaveToFile(doc->hpdf, path);
	if (doc->error == HPDF_FILE_OPEN_ERROR || doc->error == HPDF_FILE_IO_ERROR) {
		/* libharu passes errno as the detail. */
		pl_diags_add(doc->diags, PL_ERROR, path, 0, 0, "cannot write: %s",
		             strerror((int)doc->detail));
		doc->error = doc->detail = 0;
		HPDF_ResetError(doc->hpdf);
		return -1;
	}
	return take_error(doc, path);
}

/* ------------------------------------------------------------------ */
/* Faces                                                                */

/* The face in the document, loaded (embedded, subset) the first time it is
 * asked for; NULL with the reason in diags when libharu cannot load it. */
static HPDF_Font face_font(pdf_doc *doc, const pl_face *face)
{
	const char *path = pl_face_path(face);
	for (int i = 0; i < doc->n_faces; i++)
		if (strcmp(doc->faces[i].path, path) == 0)
			return doc->faces[i].font;
	if (doc->n_faces == MAX_FACES) {
		pl_diags_add(doc->diags, PL_ERROR, path, 0, 0, "too many fonts in one document");
		return NULL;
	}
	HPDF_Font font = NULL;
	const char *name = HPDF_LoadTTFontFromFile(doc->hpdf, path, HPDF_TRUE);
	if (name)
		font = HPDF_GetFont(doc->hpdf, name, "UTF-8");
	if (take_error(doc, path) < 0 || !font)
		return NULL;
	doc->faces[doc->n_faces].path = path;
	doc->faces[doc->n_faces].font = font;
	doc->n_faces++;
	return font;
}

/* ------------------------------------------------------------------ */
/* Text as libharu can take it                                          */

/* The code point at s[*i], advancing *i; the layout hands us valid UTF-8
 * (it replaced invalid sequences), anything else decodes as U+FFFD. */
static uint32_t utf8_next(const char *s, size_t len, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c = u[*i];
	size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (*i + n > len) {
		*i = len;
		return REPLACEMENT;
	}
	if (n == 2)
		c &= 0x1F;
	else if (n == 3)
		c &= 0x0F;
	else if (n == 4)
		c &= 0x07;
	for (size_t k = 1; k < n; k++)
		c = (c << 6) | (u[*i + k] & 0x3Fu);
	*i += n;
	return c;
}

static int utf8_add(pl_strbuf *sb, uint32_t c)
{
	char b[4];
	size_t n;
	if (c < 0x80) {
		b[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		b[0] = (char)(0xC0 | (c >> 6));
		b[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		b[0] = (char)(0xE0 | (c >> 12));
		b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		b[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | (c >> 18));
		b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		b[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	return pl_strbuf_add(sb, b, n);
}

/* What stands in the face for a character libharu cannot draw from the
 * BMP-only cmap it reads. */
static uint32_t astral_stand_in(const pl_face *face)
{
	return pl_face_has_glyph(face, ASTRAL_REPLACEMENT) ? ASTRAL_REPLACEMENT : '?';
}

/* Whether face can show a character above U+FFFF: as U+25A1 when it has
 * it, or as "?" when no face of the chain has U+25A1. */
static bool can_stand_in(const pl_font_chain *chain, const pl_face *face)
{
	if (pl_face_has_glyph(face, ASTRAL_REPLACEMENT))
		return true;
	return !pl_chain_face_for(chain, ASTRAL_REPLACEMENT) && pl_face_has_glyph(face, '?');
}

/* text with every character above U+FFFF replaced, appended to out. */
static int add_drawable(const pl_face *face, const char *text, size_t len, pl_strbuf *out)
{
	for (size_t i = 0; i < len;) {
		uint32_t c = utf8_next(text, len, &i);
		/* Measured as pl_run_visual_text draws: without the format
		 * characters a font might show (joiners, bidi controls, U+FEFF). */
		if ((c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
		    (c >= 0x2060 && c <= 0x2069) || c == 0xFEFF)
			continue;
		if (utf8_add(out, c > 0xFFFF ? astral_stand_in(face) : c) < 0)
			return -1;
	}
	return 0;
}

/* Right-to-left text as presentation forms, joined within text alone
 * (FriBidi's Arabic joining and shaping, lam-alef ligatures), in logical
 * order: the characters pl_run_visual_text draws for the same run when its
 * joining does not reach across the run's ends, which it cannot inside a
 * word. Order does not change a width. */
static int add_shaped_rtl(const char *text, size_t len, pl_strbuf *out)
{
	FriBidiChar *str = malloc((len + 1) * sizeof(*str));
	FriBidiCharType *types = malloc((len + 1) * sizeof(*types));
	FriBidiLevel *levels = malloc((len + 1) * sizeof(*levels));
	FriBidiArabicProp *props = malloc((len + 1) * sizeof(*props));
	int rc = -1;
	if (!str || !types || !levels || !props)
		goto out;
	FriBidiStrIndex n = 0;
	for (size_t i = 0; i < len;)
		str[n++] = utf8_next(text, len, &i);
	fribidi_get_bidi_types(str, n, types);
	for (FriBidiStrIndex k = 0; k < n; k++)
		levels[k] = 1;
	fribidi_get_joining_types(str, n, props);
	fribidi_join_arabic(types, n, levels, props);
	fribidi_shape(FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC, levels, n, props, str);
	rc = 0;
	for (FriBidiStrIndex k = 0; k < n && rc == 0; k++)
		if (str[k] != 0xFEFF) /* the place a lam-alef ligature left */
			rc = utf8_add(out, str[k]);
out:
	free(str);
	free(types);
	free(levels);
	free(props);
	return rc;
}

/* Width of UTF-8 text (BMP only) in font at size, in points. libharu
 * refuses a string longer than HPDF_LIMIT_MAX_STRING_LEN (65535 bytes) and
 * stays in error, so a longer one (a word a megabyte long, which the layout
 * measures whole once) is measured in pieces cut between characters. */
static double text_width(HPDF_Font font, const char *text, size_t len, double size)
{
	enum { PIECE = 60000 };
	double width = 0;
	while (len > 0) {
		size_t n = len;
		if (n > PIECE) {
			n = PIECE;
			while (n > PIECE - 4 && ((unsigned char)text[n] & 0xC0) == 0x80)
				n--;
		}
		HPDF_TextWidth tw =
		        HPDF_Font_TextWidth(font, (const HPDF_BYTE *)text, (HPDF_UINT)n);
		width += (double)tw.width;
		text += n;
		len -= n;
	}
	return width * size / 1000.0;
}

/* ------------------------------------------------------------------ */
/* Measuring                                                            */

static double chain_width(void *ctx, int font, const char *text, size_t len, bool rtl, double size)
{
	pdf_chain *c = ctx;
	if (font < 0 && c->chain->n > 0) {
		/* Text no face has: the width of the stand-ins run_drawable draws. */
		const pl_face *rf = pl_chain_face_for(c->chain, REPLACEMENT);
		uint32_t stand_in = rf ? REPLACEMENT : '?';
		HPDF_Font f = face_font(c->doc, rf ? rf : c->chain->faces[0]);
		pl_strbuf subst = PL_STRBUF_INIT;
		for (size_t i = 0; i < len;) {
			uint32_t cp = utf8_next(text, len, &i);
			utf8_add(&subst, cp == ' ' ? cp : stand_in);
		}
		double w = f ? text_width(f, pl_strbuf_str(&subst), subst.len, size) : 0;
		pl_strbuf_release(&subst);
		return w;
	}
	if (font < 0 || font >= c->chain->n)
		return 0;
	const pl_face *face = c->chain->faces[font];
	HPDF_Font f = face_font(c->doc, face);
	if (!f)
		return 0;
	pl_strbuf shaped = PL_STRBUF_INIT, drawable = PL_STRBUF_INIT;
	double w = 0;
	if (rtl) {
		if (add_shaped_rtl(text, len, &shaped) < 0)
			goto out;
		text = pl_strbuf_str(&shaped);
		len = shaped.len;
	}
	if (add_drawable(face, text, len, &drawable) == 0)
		w = text_width(f, pl_strbuf_str(&drawable), drawable.len, size);
out:
	pl_strbuf_release(&shaped);
	pl_strbuf_release(&drawable);
	return w;
}

/* libharu reads only the BMP: a character above U+FFFF is drawn as its
 * stand-in, so a face "has" it when it can stand in for it (U+25A1 first),
 * and the layout measures and places it like any other character. */
static bool chain_has_glyph(void *ctx, int font, uint32_t cp)
{
	pdf_chain *c = ctx;
	if (font < 0 || font >= c->chain->n)
		return false;
	const pl_face *face = c->chain->faces[font];
	if (cp > 0xFFFF)
		return can_stand_in(c->chain, face);
	return pl_face_has_glyph(face, cp);
}

pl_measure pdf_chain_measure(pdf_chain *chain)
{
	pl_measure m = {chain, chain_width, chain_has_glyph};
	return m;
}

/* ------------------------------------------------------------------ */
/* Drawing                                                              */

/* The text to draw for a run in its face: its visual text with stand-ins
 * for what libharu cannot draw, or, for text no face of the chain has, one
 * U+FFFD (or "?") per character but spaces, in the first face that has it.
 * chain_width gives such runs the stand-ins' width, so nothing overlaps. */
static int run_drawable(pdf_chain *c, pl_layout *layout, const pl_run *run, const pl_face **face,
                        pl_strbuf *out)
{
	if (run->font >= 0 && run->font < c->chain->n) {
		*face = c->chain->faces[run->font];
		const char *visual = pl_run_visual_text(layout, run);
		if (!visual)
			return -1;
		return add_drawable(*face, visual, strlen(visual), out);
	}
	*face = pl_chain_face_for(c->chain, REPLACEMENT);
	uint32_t stand_in = *face ? REPLACEMENT : '?';
	if (!*face)
		*face = c->chain->faces[0];
	const char *s = layout->text + run->start;
	size_t len = run->end - run->start;
	for (size_t i = 0; i < len;) {
		uint32_t cp = utf8_next(s, len, &i);
		if (utf8_add(out, cp == ' ' ? cp : stand_in) < 0)
			return -1;
	}
	return 0;
}

/* One box per drawn character, its combining marks (no advance) with it. */
static int report_glyphs(HPDF_Font font, const char *text, size_t len, double size, double x,
                         const pdf_box *line_box, pdf_box_fn on_box, void *box_ctx)
{
	size_t start = 0;
	pdf_box box = *line_box;
	box.x = x;
	box.width = 0;
	for (size_t i = 0; i < len;) {
		size_t at = i;
		utf8_next(text, len, &i);
		double w = text_width(font, text + at, i - at, size);
		if (w > 0 && at > start) {
			if (on_box(box_ctx, PDF_BOX_GLYPH, &box, text + start, at - start) < 0)
				return -1;
			box.x += box.width;
			box.width = 0;
			start = at;
		}
		box.width += w;
	}
	if (len > start)
		return on_box(box_ctx, PDF_BOX_GLYPH, &box, text + start, len - start);
	return 0;
}

int pdf_draw_line(pdf_chain *chain, pl_layout *layout, size_t line_index, double size, double x,
                  double top, pdf_box_fn on_box, void *box_ctx)
{
	pdf_doc *doc = chain->doc;
	const pl_line *line = &layout->lines[line_index];
	/* The baseline sits where the line's leading is shared above and
	 * below a body of one size (ascent about 0.8 of it in our faces). */
	double baseline = top + (layout->line_height - size) / 2 + 0.8 * size;
	pl_strbuf text = PL_STRBUF_INIT;
	int rc = 0;
	for (size_t k = 0; k < line->n_runs && rc == 0; k++) {
		const pl_run *run = &line->runs[k];
		const pl_face *face = NULL;
		pl_strbuf_reset(&text);
		if (run_drawable(chain, layout, run, &face, &text) < 0) {
			pl_diags_add(doc->diags, PL_ERROR, NULL, 0, 0, "out of memory");
			rc = -1;
			break;
		}
		HPDF_Font font = face_font(doc, face);
		if (!font) {
			rc = -1;
			break;
		}
		const char *s = pl_strbuf_str(&text);
		HPDF_Page_BeginText(doc->page);
		HPDF_Page_SetFontAndSize(doc->page, font, (HPDF_REAL)size);
		HPDF_Page_TextOut(doc->page, (HPDF_REAL)(x + run->x),
		                  (HPDF_REAL)(doc->page_height - baseline), s);
		HPDF_Page_EndText(doc->page);
		rc = take_error(doc, "cannot draw text");
		if (rc == 0 && on_box) {
			pdf_box box = {x + run->x, top, run->width, layout->line_height};
			rc = on_box(box_ctx, PDF_BOX_RUN, &box, layout->text + run->start,
			            run->end - run->start);
			if (rc == 0)
				rc = report_glyphs(font, s, text.len, size, x + run->x, &box,
				                   on_box, box_ctx);
		}
	}
	pl_strbuf_release(&text);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Shapes and turned halves                                             */

int pdf_fill_rect(pdf_doc *doc, double x, double top, double width, double height, double r,
                  double g, double b)
{
	HPDF_Page_SetRGBFill(doc->page, (HPDF_REAL)r, (HPDF_REAL)g, (HPDF_REAL)b);
	HPDF_Page_Rectangle(doc->page, (HPDF_REAL)x, (HPDF_REAL)(doc->page_height - top - height),
	                    (HPDF_REAL)width, (HPDF_REAL)height);
	HPDF_Page_Fill(doc->page);
	/* Text drawn later is black again. */
	HPDF_Page_SetRGBFill(doc->page, 0, 0, 0);
	return take_error(doc, "cannot fill a rectangle");
}

int pdf_stroke_rect(pdf_doc *doc, double x, double top, double width, double height,
                    double line_width, double r, double g, double b)
{
	HPDF_Page_SetLineWidth(doc->page, (HPDF_REAL)line_width);
	HPDF_Page_SetRGBStroke(doc->page, (HPDF_REAL)r, (HPDF_REAL)g, (HPDF_REAL)b);
	HPDF_Page_Rectangle(doc->page, (HPDF_REAL)x, (HPDF_REAL)(doc->page_height - top - height),
	                    (HPDF_REAL)width, (HPDF_REAL)height);
	HPDF_Page_Stroke(doc->page);
	return take_error(doc, "cannot draw a rectangle");
}

int pdf_turn_begin(pdf_doc *doc)
{
	double width = HPDF_Page_GetWidth(doc->page);
	HPDF_Page_GSave(doc->page);
	/* A half turn about the centre: (x, y) -> (width - x, height - y). */
	HPDF_Page_Concat(doc->page, -1, 0, 0, -1, (HPDF_REAL)width, (HPDF_REAL)doc->page_height);
	return take_error(doc, "cannot turn the page");
}

int pdf_turn_end(pdf_doc *doc)
{
	HPDF_Page_GRestore(doc->page);
	return take_error(doc, "cannot turn the page back");
}

/* ------------------------------------------------------------------ */
/* Shapes                                                               */

int pdf_draw_qr(pdf_doc *doc, const struct pl_qr *qr, double x, double y, double size_pt)
{
	int n = qr->size + 2 * PL_QR_QUIET;
	double module = size_pt / n;
	double left = x + PL_QR_QUIET * module;
	HPDF_Page_SetRGBFill(doc->page, 0, 0, 0);
	for (int r = 0; r < qr->size; r++) {
		/* PDF's y grows upwards: the row's bottom edge. */
		double bottom = doc->page_height - (y + (PL_QR_QUIET + r + 1) * module);
		for (int c = 0; c < qr->size;) {
			if (!qr->modules[r * qr->size + c]) {
				c++;
				continue;
			}
			int start = c;
			while (c < qr->size && qr->modules[r * qr->size + c])
				c++;
			HPDF_Page_Rectangle(doc->page, (HPDF_REAL)(left + start * module),
			                    (HPDF_REAL)bottom, (HPDF_REAL)((c - start) * module),
			                    (HPDF_REAL)module);
		}
	}
	/* One fill for every run: the nonzero rule over rectangles that
	 * never overlap fills each exactly. */
	HPDF_Page_Fill(doc->page);
	return take_error(doc, "cannot draw a QR code");
}

int pdf_draw_frame(pdf_doc *doc, double x, double y, double width, double height, double line_width)
{
	HPDF_Page_SetRGBStroke(doc->page, 0, 0, 0);
	HPDF_Page_SetLineWidth(doc->page, (HPDF_REAL)line_width);
	HPDF_Page_Rectangle(doc->page, (HPDF_REAL)x, (HPDF_REAL)(doc->page_height - y - height),
	                    (HPDF_REAL)width, (HPDF_REAL)height);
	HPDF_Page_Stroke(doc->page);
	return take_error(doc, "cannot draw a box");
}
