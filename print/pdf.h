/*
 * pdf.h: the page renderer of placard-print, a small interface over
 * libharu 2.3.0 (print/pdf.c is the only file that sees hpdf.h).
 *
 * The printer draws the same pl_layout the kiosk draws: pdf_chain_measure
 * gives the layout a measuring function over a font chain, and
 * pdf_draw_line puts one laid-out line on the current page, each run in its
 * face at its x. What libharu cannot do is handled here, once (BRIEF
 * section 3): it does not shape (right-to-left runs are drawn as the
 * layout's visual text, Arabic in presentation forms), it turns characters
 * above U+FFFF into spaces (they are drawn as U+25A1, or "?" in a face
 * without it), and it has no API for the document language (pdf_set_lang).
 *
 * Coordinates given to and returned by this module are in PDF points from
 * the top-left corner of the page; pdf.c turns them into PDF's bottom-left
 * space. Errors are values: functions return 0, or -1 with the reason in
 * the document's diags.
 */
#ifndef PLACARD_PRINT_PDF_H
#define PLACARD_PRINT_PDF_H

#include <stddef.h>

#include "placard/diag.h"
#include "placard/fonts.h"
#include "placard/layout.h"

/* US Letter, in points. */
#define PDF_LETTER_WIDTH 612.0
#define PDF_LETTER_HEIGHT 792.0

typedef struct pdf_doc pdf_doc;

/* A font chain in a document: the context of the measuring function. The
 * faces are loaded into the document (embedded, subset) the first time a
 * run needs them. Both pointers are borrowed. */
typedef struct pdf_chain {
	pdf_doc *doc;
	const pl_font_chain *chain;
} pdf_chain;

/* What was drawn where, for tests that look for ink (--boxes). */
typedef enum pdf_box_kind {
	PDF_BOX_RUN,   /* one run; text is its logical text */
	PDF_BOX_GLYPH, /* one drawn character with its marks; text as drawn */
} pdf_box_kind;

typedef struct pdf_box {
	double x, y, width, height; /* points, from the page's top-left */
} pdf_box;

/* Called for every run and every drawn character; returns 0, or -1 to stop
 * drawing (the draw then fails). */
typedef int (*pdf_box_fn)(void *ctx, pdf_box_kind kind, const pdf_box *box, const char *text,
                          size_t len);

/* A new document: UTF-8 text, compressed streams. Problems found later go
 * to diags (borrowed, must outlive the document). NULL when out of memory
 * (recorded in diags). Free with pdf_close. */
pdf_doc *pdf_open(pl_diags *diags);
void pdf_close(pdf_doc *doc);

/* The document information: title and author (UTF-8). */
int pdf_set_info(pdf_doc *doc, const char *title, const char *author);

/* The document's natural language (/Lang in the catalog, ISO 32000-1
 * section 14.9.2.1), a BCP 47 tag such as "es" or "mul". */
int pdf_set_lang(pdf_doc *doc, const char *lang);

/* Starts a new page of the given size; it becomes the current page. */
int pdf_add_page(pdf_doc *doc, double width, double height);

/* The measuring function for a chain (ctx is the chain, borrowed). Widths
 * of right-to-left text are those of its Arabic presentation forms (see
 * pdf.c); characters above U+FFFF count as their replacement. */
pl_measure pdf_chain_measure(pdf_chain *chain);

/* Draws line number line_index of layout (laid out with chain at size) on
 * the current page, the layout's box having its left edge at x and the
 * line's top at top. on_box may be NULL. */
int pdf_draw_line(pdf_chain *chain, pl_layout *layout, size_t line_index, double size, double x,
                  double top, pdf_box_fn on_box, void *box_ctx);

/* A4, in points (210 x 297 mm). */
#define PDF_A4_WIDTH 595.276
#define PDF_A4_HEIGHT 841.89

struct pl_qr;

/* Draws a QR code on the current page, its quiet zone included: the square
 * of side size_pt whose top-left corner is at (x, y) holds PL_QR_QUIET
 * light modules on each side (ISO/IEC 18004 section 9.1) around the
 * qr->size dark-and-light modules. Dark modules are filled black
 * rectangles, one per horizontal run, so no hairline seam shows between
 * neighbours; the light ones are the page's white. */
int pdf_draw_qr(pdf_doc *doc, const struct pl_qr *qr, double x, double y, double size_pt);

/* Strokes the outline of a rectangle (top-left at x, y) in black, line_width
 * points wide: the box to tick beside a printed poll choice. */
int pdf_draw_frame(pdf_doc *doc, double x, double y, double width, double height,
                   double line_width);

/* Writes the document to path. */
int pdf_save(pdf_doc *doc, const char *path);

/* ------------------------------------------------------------------ */
/* Shapes and turned halves (QR cards and the results report) */

/* Fills a rectangle (points, from the page's top-left) in an sRGB colour,
 * each component 0 to 1. */
int pdf_fill_rect(pdf_doc *doc, double x, double top, double width, double height, double r,
                  double g, double b);

/* Strokes a rectangle's outline, line_width points wide. */
int pdf_stroke_rect(pdf_doc *doc, double x, double top, double width, double height,
                    double line_width, double r, double g, double b);

/* Everything drawn between pdf_turn_begin and pdf_turn_end is turned 180
 * degrees about the centre of the current page: the far half of a table
 * tent, which reads from the other side of the table. Coordinates given in
 * between are those of the unturned page. */
int pdf_turn_begin(pdf_doc *doc);
int pdf_turn_end(pdf_doc *doc);

#endif
