/*
 * handout.c: "placard-print handout DECK --lang L[,L2] -o FILE.pdf": the
 * deck on paper, matching the kiosk: every slide's content in deck order,
 * laid out by the core (pl_layout_paragraph) in the kiosk's font chains and
 * drawn by pdf.c, with the survey's QR code and URL, the deck's version and
 * date and "page N of M" in the handout's language on every page.
 *
 * How a handout is made, in three passes:
 *
 *   1. build: each language is a column of rows (one laid-out line, or a QR
 *      code), cut into units: a slide's head with its first block, then
 *      each card, value, table row or top-level list item. Both languages
 *      of a bilingual handout have the same structure, so unit k of one is
 *      unit k of the other;
 *   2. place: rows get a page and a y. One column flows freely; a heading
 *      keeps with the line after it, and a line is never split. Side by
 *      side, each unit starts at the same y in both columns and the longer
 *      side sets its height (moved whole to the next page when it fits on
 *      one); large print stacks the languages unit by unit in one column;
 *   3. draw: page by page, rows then the footer (whose page count is now
 *      known).
 *
 * Sizes (points): normal print has 12 pt body, 14-24 pt bold headings and
 * 0.75-inch margins; large print (APH, ACB 2022; BRIEF section 4) 18 pt
 * body, 20-22 pt bold headings and 1-inch margins, single column, and
 * every other string (notes, footer) 18 pt too. Lines are 1.5 times the
 * size apart everywhere (WCAG 1.4.12; APH asks 1.15 or more), paragraphs
 * further; flush left, flush right in a right-to-left language; nothing
 * is set in italics, nothing is justified.
 *
 * Side by side, the first language takes the left column unless it is
 * written right to left (then it takes the right one, where a reader of it
 * starts). The document's /Lang is the language of a one-language handout
 * and "mul" (ISO 639-2: multiple languages) for a bilingual one; its title
 * and author are the deck title and district in the first language.
 *
 * --boxes FILE writes a line per drawn run (and one per QR code, language
 * "qr", text "QR"): page, x, y, width, height (points from the page's
 * top-left), language ("footer" for the footer's runs), text, as
 * specimen.c does, for the ink test.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"
#include "placard/chrome.h"
#include "placard/strbuf.h"
#include "placard/survey.h"
#include "placard/text.h"
#include "placard/translate.h"
#include "print.h"

#define INCH 72.0
#define MM (72.0 / 25.4)
#define LINE_HEIGHT 1.5
#define GUTTER 18.0 /* between the columns of a bilingual handout */
#define MAX_CHAINS 16

/* What a paragraph is in the handout's typography. */
typedef enum style_id {
	ST_DISTRICT,
	ST_TITLE,
	ST_SUBTITLE,
	ST_HEADING,
	ST_SUBHEADING,
	ST_LABEL,
	ST_BODY,
	ST_ITEM,
	ST_NOTE,
	ST_FOOTER,
	N_STYLES
} style_id;

typedef struct style {
	pl_weight weight;
	double size;
	double space_before; /* in sizes */
	bool keep_next;      /* a heading stays with the line after it */
} style;

/* Normal print: body 12 pt (12-14 asked), headings larger and bold. */
static const style NORMAL_STYLES[N_STYLES] = {
        [ST_DISTRICT] = {PL_BOLD, 14, 0, true},       [ST_TITLE] = {PL_BOLD, 24, 0.6, true},
        [ST_SUBTITLE] = {PL_REGULAR, 16, 0.3, false}, [ST_HEADING] = {PL_BOLD, 18, 1.2, true},
        [ST_SUBHEADING] = {PL_BOLD, 14, 0.8, true},   [ST_LABEL] = {PL_BOLD, 12, 0.7, true},
        [ST_BODY] = {PL_REGULAR, 12, 0.6, false},     [ST_ITEM] = {PL_REGULAR, 12, 0.35, false},
        [ST_NOTE] = {PL_REGULAR, 10, 0, false},       [ST_FOOTER] = {PL_REGULAR, 10, 0, false},
};

/* Large print (APH, ACB 2022): body 18 pt, headings 20-22 pt bold, and
 * nothing under 18 pt. */
static const style LARGE_STYLES[N_STYLES] = {
        [ST_DISTRICT] = {PL_BOLD, 20, 0, true},       [ST_TITLE] = {PL_BOLD, 22, 0.6, true},
        [ST_SUBTITLE] = {PL_REGULAR, 20, 0.3, false}, [ST_HEADING] = {PL_BOLD, 22, 1.2, true},
        [ST_SUBHEADING] = {PL_BOLD, 20, 0.8, true},   [ST_LABEL] = {PL_BOLD, 18, 0.7, true},
        [ST_BODY] = {PL_REGULAR, 18, 0.6, false},     [ST_ITEM] = {PL_REGULAR, 18, 0.4, false},
        [ST_NOTE] = {PL_REGULAR, 18, 0, false},       [ST_FOOTER] = {PL_REGULAR, 18, 0, false},
};

typedef enum mark_kind { MARK_NONE, MARK_TEXT, MARK_BOX } mark_kind;

/* One row of a column: a laid-out line, or a QR code. */
typedef struct row {
	bool is_qr;
	int column;
	/* A line: line number `line` of `layout`, set at `size` in chain
	 * `chain`, its paragraph's box at x (from the column's left) and
	 * `width` wide. shift: a left-to-right paragraph in a right-to-left
	 * column, set flush right. */
	pl_layout *layout;
	size_t line;
	int chain;
	double size, x, width;
	bool shift;
	const char *lang;
	/* The list number, bullet or tick box on a paragraph's first line. */
	mark_kind mark;
	pl_layout *marker;
	int marker_chain;
	double marker_x, marker_width;
	/* Placement. */
	double height, space_before;
	bool keep_next;
	int page;
	double y; /* top, from the page's top */
} row;

typedef struct column {
	const char *lang;
	bool rtl;
	pl_catalog *cat;    /* the deck's strings in lang; NULL: source text */
	pl_catalog *chrome; /* the programs' strings in lang; NULL: English */
	char *survey_url;   /* with lang and site; NULL when the deck has none */
	pl_qr qr;
	bool has_qr;
	double x, width; /* from the page's left */
	row *rows;
	size_t n_rows, rows_cap;
	size_t *units; /* first row of each unit */
	size_t n_units, units_cap;
} column;

typedef struct handout {
	pl_diags *diags;
	const pl_deck *deck;
	pl_fonts *fonts;
	pdf_doc *doc;
	FILE *boxes;
	const style *styles;
	bool large, side_by_side;
	double page_width, page_height, margin;
	double top, bottom; /* of the text area */
	double footer_height;
	column cols[2];
	int n_cols;
	struct {
		const char *lang;
		pl_weight weight;
		pl_font_chain chain;
	} chains[MAX_CHAINS];
	int n_chains;
	pl_layout **layouts; /* every layout made, freed at the end */
	size_t n_layouts, layouts_cap;
	int pages;
	int page;                /* being drawn, from 1 */
	const char *layout_lang; /* of the run being drawn, for --boxes */
} handout;

/* ------------------------------------------------------------------ */
/* Growing arrays (allocation failure is an error, not a crash)        */

static int grow(pl_diags *diags, void **items, size_t *cap, size_t count, size_t item_size)
{
	if (count < *cap)
		return 0;
	size_t n = *cap ? 2 * *cap : 64;
	void *p = realloc(*items, n * item_size);
	if (!p) {
		pl_diags_add(diags, PL_ERROR, NULL, 0, 0, "out of memory");
		return -1;
	}
	*items = p;
	*cap = n;
	return 0;
}

static row *add_row(handout *h, column *col)
{
	void *rows = col->rows;
	if (grow(h->diags, &rows, &col->rows_cap, col->n_rows, sizeof(row)) < 0)
		return NULL;
	col->rows = rows;
	row *r = &col->rows[col->n_rows++];
	memset(r, 0, sizeof(*r));
	r->column = (int)(col - h->cols);
	return r;
}

/* Starts a new unit: rows from here on line up with the other language's. */
static int start_unit(handout *h, column *col)
{
	void *units = col->units;
	if (grow(h->diags, &units, &col->units_cap, col->n_units, sizeof(size_t)) < 0)
		return -1;
	col->units = units;
	col->units[col->n_units++] = col->n_rows;
	return 0;
}

static int keep_layout(handout *h, pl_layout *layout)
{
	void *list = h->layouts;
	if (grow(h->diags, &list, &h->layouts_cap, h->n_layouts, sizeof(pl_layout *)) < 0) {
		pl_layout_free(layout);
		return -1;
	}
	h->layouts = list;
	h->layouts[h->n_layouts++] = layout;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Fonts and layout                                                     */

/* The kiosk's chain for lang in weight, made once per document. */
static int chain_for(handout *h, const char *lang, pl_weight weight)
{
	for (int i = 0; i < h->n_chains; i++)
		if (h->chains[i].weight == weight && strcmp(h->chains[i].lang, lang) == 0)
			return i;
	if (h->n_chains == MAX_CHAINS)
		return 0; /* cannot happen: two languages, the source, two weights */
	int i = h->n_chains++;
	h->chains[i].lang = lang;
	h->chains[i].weight = weight;
	pl_fonts_chain(h->fonts, lang, weight, false, &h->chains[i].chain);
	return i;
}

/* Lays out text in lang with chain at size in a box width wide; the layout
 * is the handout's (freed at the end). NULL when out of memory. */
static pl_layout *lay_out(handout *h, const char *text, size_t len, const char *lang, int chain,
                          double size, double width)
{
	pdf_chain pc = {h->doc, &h->chains[chain].chain};
	pl_measure measure = pdf_chain_measure(&pc);
	pl_layout_params params = {lang, size, width, LINE_HEIGHT, h->chains[chain].chain.n};
	pl_layout *layout = pl_layout_paragraph(text, len, &params, &measure);
	if (!layout) {
		pl_diags_add(h->diags, PL_ERROR, NULL, 0, 0, "out of memory");
		return NULL;
	}
	return keep_layout(h, layout) < 0 ? NULL : layout;
}

/* ------------------------------------------------------------------ */
/* Pass 1: building the rows                                            */

/* A paragraph as it goes into a column. */
typedef struct para {
	const char *text;
	size_t len;
	const char *lang; /* the text's own language: breaks, direction, fonts */
	style_id style;
	int level;          /* list depth: 0 is flush with the column */
	mark_kind mark;     /* on the first line */
	const char *marker; /* MARK_TEXT: "3." or a bullet */
} para;

/* How far a list level is indented: room for "10." and a space. */
static double indent_step(const style *st)
{
	return 2.0 * st->size;
}

static int add_marker(handout *h, column *col, row *first, const para *p, const style *st)
{
	double step = indent_step(st);
	double gap = 0.4 * st->size;
	double indent = p->level * step;
	first->mark = p->mark;
	first->marker_width = step - gap;
	first->marker_x = col->rtl ? col->width - indent + gap : indent - step;
	if (p->mark != MARK_TEXT)
		return 0;
	first->marker_chain = chain_for(h, col->lang, st->weight);
	first->marker = lay_out(h, p->marker, strlen(p->marker), col->lang, first->marker_chain,
	                        st->size, first->marker_width);
	return first->marker ? 0 : -1;
}

static int add_para(handout *h, column *col, const para *p)
{
	const style *st = &h->styles[p->style];
	double indent = p->level * indent_step(st);
	double width = col->width - indent;
	int chain = chain_for(h, p->lang, st->weight);
	pl_layout *layout = lay_out(h, p->text, p->len, p->lang, chain, st->size, width);
	if (!layout)
		return -1;
	for (size_t i = 0; i < layout->n_lines; i++) {
		row *r = add_row(h, col);
		if (!r)
			return -1;
		r->layout = layout;
		r->line = i;
		r->chain = chain;
		r->size = st->size;
		r->x = col->rtl ? 0 : indent;
		r->width = width;
		r->shift = col->rtl && !layout->rtl;
		r->lang = p->lang;
		r->height = layout->line_height;
		r->space_before = i == 0 ? st->space_before * st->size : 0;
		r->keep_next = st->keep_next;
		if (i == 0 && p->mark != MARK_NONE && add_marker(h, col, r, p, st) < 0)
			return -1;
	}
	return 0;
}

/* A deck string in the column's language: each of its paragraphs, the
 * first with the marker. Without a translation, the source text, then the
 * kiosk's "(not yet translated)" in the column's language, set small right
 * after it (and kept with it). */
static int add_text(handout *h, column *col, const pl_text *t, style_id sid, int level,
                    mark_kind mark, const char *marker)
{
	pl_tr_status status = PL_TR_TRANSLATED;
	const char *text = pl_text_get(t, col->cat, &status);
	if (!text)
		return 0;
	const char *source = h->deck->source_language;
	bool fallback = status != PL_TR_TRANSLATED && strcmp(col->lang, source) != 0;
	para p = {NULL, 0, fallback ? source : col->lang, sid, level, mark, marker};
	size_t pos = 0;
	bool first = true;
	while (pl_paragraph_next(text, &pos, &p.text, &p.len)) {
		if (add_para(h, col, &p) < 0)
			return -1;
		if (first)
			p.mark = MARK_NONE;
		first = false;
	}
	if (!fallback || first)
		return 0;
	col->rows[col->n_rows - 1].keep_next = true;
	const char *note = pl_catalog_get(col->chrome, NULL, N_("(not yet translated)"), NULL);
	para n = {note, strlen(note), col->lang, ST_NOTE, level, MARK_NONE, NULL};
	return add_para(h, col, &n);
}

/* A list, nested as the deck says; with one_unit_each, each top-level item
 * starts a unit (the first stays with what precedes it). */
static int add_items(handout *h, column *col, const pl_item *items, size_t n, bool numbered,
                     int level, bool one_unit_each)
{
	for (size_t i = 0; i < n; i++) {
		if (one_unit_each && i > 0 && start_unit(h, col) < 0)
			return -1;
		char number[24];
		snprintf(number, sizeof number, "%zu.", i + 1);
		/* U+2022 BULLET */
		const char *marker = numbered ? number : "\xE2\x80\xA2";
		if (add_text(h, col, &items[i].text, ST_ITEM, level, MARK_TEXT, marker) < 0 ||
		    add_items(h, col, items[i].children, items[i].n_children, items[i].numbered,
		              level + 1, false) < 0)
			return -1;
	}
	return 0;
}

static int add_plain(handout *h, column *col, const char *text, style_id sid)
{
	para p = {text, strlen(text), col->lang, sid, 0, MARK_NONE, NULL};
	return add_para(h, col, &p);
}

/* "2023-04-14T17:00:00-07:00" as "2023-04-14 17:00 (UTC-07:00)": the
 * closing time as the deck gives it, without a locale's month names. */
static void format_closes(const char *closes, char *out, size_t size)
{
	size_t n = strlen(closes);
	const char *zone = n > 19 ? closes + 19 : "";
	if (n >= 16 && closes[10] == 'T') {
		if (*zone == '.') /* fractions of a second */
			zone += strspn(zone + 1, "0123456789") + 1;
		if (strcmp(zone, "Z") == 0)
			zone = "+00:00";
		snprintf(out, size, "%.10s %.5s%s%s%s", closes, closes + 11, *zone ? " (UTC" : "",
		         zone, *zone ? ")" : "");
	} else {
		snprintf(out, size, "%s", closes);
	}
}

/* The QR code of the survey URL in the column's language, its URL in text
 * under it, the short URL and the closing time; the code stays with the
 * URL. The code is 32 mm (40 mm in large print) without its quiet zone:
 * more than the 25 mm of BRIEF section 4, read from 25 cm or more. */
static int add_survey_code(handout *h, column *col)
{
	const pl_survey *survey = &h->deck->survey;
	if (!col->has_qr)
		return 0;
	double symbol = (h->large ? 40.0 : 32.0) * MM;
	double side = symbol * (col->qr.size + 2 * PL_QR_QUIET) / col->qr.size;
	row *r = add_row(h, col);
	if (!r)
		return -1;
	r->is_qr = true;
	r->height = side;
	r->width = side;
	r->x = col->rtl ? col->width - side : 0;
	r->space_before = 0.6 * h->styles[ST_BODY].size;
	r->keep_next = true;
	r->lang = col->lang;
	/* URLs read left to right in every column (set flush right in a
	 * right-to-left one). */
	para url = {col->survey_url, strlen(col->survey_url), "en", ST_ITEM, 0, MARK_NONE, NULL};
	if (add_para(h, col, &url) < 0)
		return -1;
	if (survey->short_url) {
		para s = {survey->short_url,
		          strlen(survey->short_url),
		          "en",
		          ST_LABEL,
		          0,
		          MARK_NONE,
		          NULL};
		if (add_para(h, col, &s) < 0)
			return -1;
		col->rows[col->n_rows - 1].keep_next = false;
	}
	if (survey->closes) {
		char when[96], line[256];
		format_closes(survey->closes, when, sizeof when);
		const char *fmt =
		        pl_catalog_get(col->chrome, NULL, N_("The survey closes %s."), NULL);
		snprintf(line, sizeof line, fmt, when);
		if (add_plain(h, col, line, ST_BODY) < 0)
			return -1;
	}
	return 0;
}

/* heading, subheading, intro: what every kind may have. */
static int add_head(handout *h, column *col, const pl_slide *s)
{
	if (add_text(h, col, &s->heading, ST_HEADING, 0, MARK_NONE, NULL) < 0 ||
	    add_text(h, col, &s->subheading, ST_SUBHEADING, 0, MARK_NONE, NULL) < 0)
		return -1;
	return add_text(h, col, &s->intro, ST_BODY, 0, MARK_NONE, NULL);
}

static int add_values(handout *h, column *col, const pl_slide *s)
{
	for (size_t i = 0; i < s->n_values; i++) {
		const pl_value *v = &s->values[i];
		if ((i > 0 && start_unit(h, col) < 0) ||
		    add_text(h, col, &v->name, ST_SUBHEADING, 0, MARK_NONE, NULL) < 0 ||
		    add_text(h, col, &v->statement, ST_BODY, 0, MARK_NONE, NULL) < 0)
			return -1;
		for (size_t k = 0; k < v->n_behaviours; k++) {
			char number[24];
			snprintf(number, sizeof number, "%zu.", k + 1);
			if (add_text(h, col, &v->behaviours[k], ST_ITEM, 1, MARK_TEXT, number) < 0)
				return -1;
		}
	}
	return 0;
}

static int add_cards(handout *h, column *col, const pl_slide *s)
{
	for (size_t i = 0; i < s->n_cards; i++) {
		const pl_card *c = &s->cards[i];
		if ((i > 0 && start_unit(h, col) < 0) ||
		    add_text(h, col, &c->label, ST_LABEL, 0, MARK_NONE, NULL) < 0 ||
		    add_text(h, col, &c->title, ST_SUBHEADING, 0, MARK_NONE, NULL) < 0 ||
		    add_text(h, col, &c->text, ST_BODY, 0, MARK_NONE, NULL) < 0 ||
		    add_text(h, col, &c->items_heading, ST_LABEL, 0, MARK_NONE, NULL) < 0 ||
		    add_items(h, col, c->items, c->n_items, c->numbered, 1, false) < 0)
			return -1;
	}
	return 0;
}

/* A table at reading size: each row a block of labelled cells, the
 * column's label in bold over the cell's text; never a squeezed grid. An
 * empty cell is left out with its label. */
static int add_table(handout *h, column *col, const pl_slide *s)
{
	for (size_t i = 0; i < s->n_rows; i++) {
		if (i > 0 && start_unit(h, col) < 0)
			return -1;
		for (size_t k = 0; k < s->n_columns; k++) {
			const pl_text *cell = &s->rows[i].cells[k];
			if (!cell->src)
				continue;
			style_id label = k == 0 ? ST_SUBHEADING : ST_LABEL;
			if (add_text(h, col, &s->columns[k].label, label, 0, MARK_NONE, NULL) < 0 ||
			    add_text(h, col, cell, ST_BODY, 0, MARK_NONE, NULL) < 0)
				return -1;
		}
	}
	return 0;
}

/* A poll on paper: the question, and each choice beside a box to tick. */
static int add_poll(handout *h, column *col, const pl_slide *s)
{
	if (add_text(h, col, &s->question, ST_SUBHEADING, 0, MARK_NONE, NULL) < 0)
		return -1;
	for (size_t i = 0; i < s->n_choices; i++)
		if (add_text(h, col, &s->choices[i].label, ST_ITEM, 1, MARK_BOX, NULL) < 0)
			return -1;
	return 0;
}

static int add_slide(handout *h, column *col, const pl_slide *s)
{
	if (start_unit(h, col) < 0)
		return -1;
	int rc = 0;
	switch (s->kind) {
	case PL_SLIDE_TITLE:
		rc = add_text(h, col, &s->title, ST_TITLE, 0, MARK_NONE, NULL);
		if (rc == 0)
			rc = add_text(h, col, &s->subtitle, ST_SUBTITLE, 0, MARK_NONE, NULL);
		if (rc == 0)
			rc = add_head(h, col, s);
		break;
	case PL_SLIDE_STATEMENT:
		rc = add_head(h, col, s);
		if (rc == 0)
			rc = add_text(h, col, &s->text, ST_BODY, 0, MARK_NONE, NULL);
		break;
	case PL_SLIDE_VALUES:
		rc = add_head(h, col, s);
		if (rc == 0)
			rc = add_values(h, col, s);
		break;
	case PL_SLIDE_CARDS:
		rc = add_head(h, col, s);
		if (rc == 0)
			rc = add_cards(h, col, s);
		break;
	case PL_SLIDE_LIST:
		rc = add_head(h, col, s);
		if (rc == 0)
			rc = add_items(h, col, s->items, s->n_items, s->numbered, 1, true);
		break;
	case PL_SLIDE_TABLE:
		rc = add_head(h, col, s);
		if (rc == 0)
			rc = add_table(h, col, s);
		break;
	case PL_SLIDE_POLL:
		rc = add_head(h, col, s);
		if (rc == 0)
			rc = add_poll(h, col, s);
		break;
	case PL_SLIDE_SURVEY:
		rc = add_head(h, col, s);
		if (rc == 0)
			rc = add_text(h, col, &s->text, ST_BODY, 0, MARK_NONE, NULL);
		if (rc == 0)
			rc = add_items(h, col, s->items, s->n_items, s->numbered, 1, false);
		if (rc == 0)
			rc = add_survey_code(h, col);
		break;
	}
	if (rc == 0)
		rc = add_text(h, col, &s->outro, ST_BODY, 0, MARK_NONE, NULL);
	return rc;
}

/* The column: the district and the deck's title, then every slide. */
static int build_column(handout *h, column *col)
{
	if (start_unit(h, col) < 0 ||
	    add_text(h, col, &h->deck->district, ST_DISTRICT, 0, MARK_NONE, NULL) < 0 ||
	    add_text(h, col, &h->deck->title, ST_TITLE, 0, MARK_NONE, NULL) < 0)
		return -1;
	for (size_t i = 0; i < h->deck->n_slides; i++)
		if (add_slide(h, col, &h->deck->slides[i]) < 0)
			return -1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Pass 2: placing rows on pages                                        */

typedef struct cursor {
	int page;
	double y;
} cursor;

/* The height rows [i, end) take from a page's top, no page break between. */
static double rows_height(const row *rows, size_t i, size_t end)
{
	double height = 0;
	for (size_t k = i; k < end; k++)
		height += (k == i ? 0 : rows[k].space_before) + rows[k].height;
	return height;
}

/* Places rows [start, end) from at, flowing onto new pages: a row never
 * crosses the bottom, and a row that keeps with the next one (a heading,
 * a QR code and its URL) moves with it. Space before a row is dropped at
 * the top of a page. */
static cursor place_rows(const handout *h, row *rows, size_t start, size_t end, cursor at)
{
	for (size_t i = start; i < end; i++) {
		size_t last = i;
		while (rows[last].keep_next && last + 1 < end && last - i < 8)
			last++;
		double space = at.y > h->top ? rows[i].space_before : 0;
		double need = space + rows_height(rows, i, last + 1);
		if (at.y + need > h->bottom && at.y > h->top) {
			at.page++;
			at.y = h->top;
			space = 0;
		}
		rows[i].page = at.page;
		rows[i].y = at.y + space;
		at.y += space + rows[i].height;
	}
	return at;
}

static size_t unit_end(const column *col, size_t unit)
{
	return unit + 1 < col->n_units ? col->units[unit + 1] : col->n_rows;
}

/* Side by side: unit by unit, both columns from the same y; the longer
 * sets the height. A unit that does not fit what is left of the page but
 * fits on a page of its own starts the next page when less than 40 % of
 * the page is left (else it flows on, rather than leave half a page). */
static int place_side_by_side(handout *h)
{
	cursor at = {1, h->top};
	size_t n_units = h->cols[0].n_units;
	for (size_t u = 0; u < n_units; u++) {
		double height = 0, page = h->bottom - h->top;
		for (int c = 0; c < 2; c++) {
			column *col = &h->cols[c];
			size_t start = col->units[u], end = unit_end(col, u);
			if (start == end)
				continue;
			double space = at.y > h->top ? col->rows[start].space_before : 0;
			double hc = space + rows_height(col->rows, start, end);
			height = hc > height ? hc : height;
		}
		/* Moved only from the lower part of a page: a long unit that
		 * starts higher flows on, both columns breaking together. */
		if (at.y + height > h->bottom && at.y > h->top && height <= page &&
		    h->bottom - at.y < 0.4 * page) {
			at.page++;
			at.y = h->top;
		}
		cursor next = at;
		for (int c = 0; c < 2; c++) {
			column *col = &h->cols[c];
			cursor end = place_rows(h, col->rows, col->units[u], unit_end(col, u), at);
			if (end.page > next.page || (end.page == next.page && end.y > next.y))
				next = end;
		}
		at = next;
	}
	h->pages = at.page;
	return 0;
}

/* One column: rows in order, the keep-with-next rule reaching across
 * units. A bilingual large print stacks unit k of the first language, then
 * unit k of the second (a keep then stops at the unit's end). */
static int place_single(handout *h)
{
	cursor at = {1, h->top};
	if (h->n_cols == 1) {
		at = place_rows(h, h->cols[0].rows, 0, h->cols[0].n_rows, at);
	} else {
		for (size_t u = 0; u < h->cols[0].n_units; u++)
			for (int c = 0; c < h->n_cols; c++) {
				column *col = &h->cols[c];
				at = place_rows(h, col->rows, col->units[u], unit_end(col, u), at);
			}
	}
	h->pages = at.page;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Pass 3: drawing                                                      */

static int write_box(handout *h, const pdf_box *box, const char *lang, const char *text, size_t len)
{
	if (!h->boxes)
		return 0;
	fprintf(h->boxes, "%d\t%.2f\t%.2f\t%.2f\t%.2f\t%s\t", h->page, box->x, box->y, box->width,
	        box->height, lang);
	print_tsv_text(h->boxes, text, len);
	fputc('\n', h->boxes);
	return ferror(h->boxes) ? -1 : 0;
}

static int on_box(void *ctx, pdf_box_kind kind, const pdf_box *box, const char *text, size_t len)
{
	handout *h = ctx;
	return kind == PDF_BOX_RUN ? write_box(h, box, h->layout_lang, text, len) : 0;
}

static int draw_layout_line(handout *h, pl_layout *layout, size_t line, int chain, double size,
                            double x, double top, const char *lang)
{
	pdf_chain pc = {h->doc, &h->chains[chain].chain};
	h->layout_lang = lang;
	return pdf_draw_line(&pc, layout, line, size, x, top, on_box, h);
}

/* The tick box: a square of 0.75 of the size standing on the baseline
 * (which pdf_draw_line sets 0.8 of the size under the body's top). */
static int draw_tick_box(handout *h, const row *r, double left)
{
	double side = 0.75 * r->size;
	double baseline = r->y + (r->height - r->size) / 2 + 0.8 * r->size;
	double x = left + r->marker_x + (h->cols[r->column].rtl ? 0 : r->marker_width - side);
	return pdf_draw_frame(h->doc, x, baseline - side, side, side, 0.08 * r->size);
}

static int draw_row(handout *h, const row *r)
{
	const column *col = &h->cols[r->column];
	if (r->is_qr) {
		pdf_box box = {col->x + r->x, r->y, r->width, r->height};
		if (pdf_draw_qr(h->doc, &col->qr, box.x, box.y, r->width) < 0)
			return -1;
		return write_box(h, &box, "qr", "QR", 2);
	}
	double x = col->x + r->x;
	if (r->shift)
		x += r->width - r->layout->lines[r->line].width;
	if (draw_layout_line(h, r->layout, r->line, r->chain, r->size, x, r->y, r->lang) < 0)
		return -1;
	if (r->mark == MARK_BOX)
		return draw_tick_box(h, r, col->x);
	if (r->mark == MARK_TEXT) {
		double mx = col->x + r->marker_x;
		if (!col->rtl) /* numbers stand flush right against the text */
			mx += r->marker_width - r->marker->lines[0].width;
		return draw_layout_line(h, r->marker, 0, r->marker_chain, r->size, mx, r->y,
		                        col->lang);
	}
	return 0;
}

/* "Version 2023-draft, 2023-03-21 · Page 2 of 4" in the column's language. */
static int footer_text(const handout *h, const column *col, int page, int pages, pl_strbuf *out)
{
	const char *version = pl_catalog_get(col->chrome, NULL, N_("Version %s, %s"), NULL);
	const char *of = pl_catalog_get(col->chrome, NULL, N_("Page %d of %d"), NULL);
	pl_strbuf_reset(out);
	if (pl_strbuf_addf(out, version, h->deck->version, h->deck->date) < 0 ||
	    pl_strbuf_addf(out, "  \xC2\xB7  ") < 0 || pl_strbuf_addf(out, of, page, pages) < 0) {
		pl_diags_add(h->diags, PL_ERROR, NULL, 0, 0, "out of memory");
		return -1;
	}
	return 0;
}

/* The footer's layouts for a page: one per column, each in its language;
 * side by side they share the bottom line, stacked the first is on top.
 * With draw unset, only measures: the height it takes. */
static int footer(handout *h, int page, int pages, bool draw, double *height)
{
	pl_strbuf text = PL_STRBUF_INIT;
	const style *st = &h->styles[ST_FOOTER];
	double total = 0, tallest = 0;
	pl_layout *layouts[2] = {NULL, NULL};
	int chains[2] = {0, 0};
	int rc = 0;
	const int n_cols = h->n_cols < 2 ? h->n_cols : 2; /* read once: both loops see it */
	for (int c = 0; c < n_cols && rc == 0; c++) {
		column *col = &h->cols[c];
		chains[c] = chain_for(h, col->lang, st->weight);
		rc = footer_text(h, col, page, pages, &text);
		if (rc == 0) {
			layouts[c] = lay_out(h, pl_strbuf_str(&text), text.len, col->lang,
			                     chains[c], st->size, col->width);
			rc = layouts[c] ? 0 : -1;
		}
		if (rc == 0) {
			total += layouts[c]->height;
			tallest = layouts[c]->height > tallest ? layouts[c]->height : tallest;
		}
	}
	*height = h->side_by_side ? tallest : total;
	double top = h->page_height - h->margin - *height;
	for (int c = 0; c < n_cols && rc == 0 && draw; c++) {
		column *col = &h->cols[c];
		for (size_t i = 0; i < layouts[c]->n_lines && rc == 0; i++)
			rc = draw_layout_line(h, layouts[c], i, chains[c], st->size, col->x,
			                      top + layouts[c]->lines[i].y, "footer");
		if (!h->side_by_side)
			top += layouts[c]->height;
	}
	pl_strbuf_release(&text);
	return rc;
}

static int draw_pages(handout *h)
{
	for (h->page = 1; h->page <= h->pages; h->page++) {
		if (pdf_add_page(h->doc, h->page_width, h->page_height) < 0)
			return -1;
		for (int c = 0; c < h->n_cols; c++) {
			column *col = &h->cols[c];
			for (size_t i = 0; i < col->n_rows; i++)
				if (col->rows[i].page == h->page && draw_row(h, &col->rows[i]) < 0)
					return -1;
		}
		double height;
		if (footer(h, h->page, h->pages, true, &height) < 0)
			return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Setting up                                                           */

/* The catalogue of lang beside the deck; NULL (everything falls back to
 * the source text) when there is none or lang is the source language.
 * *failed is set when the catalogue is there but broken. */
static pl_catalog *load_catalog(handout *h, const char *lang, bool *failed)
{
	return pl_deck_catalog_load(h->deck, lang, h->diags, failed);
}

/* The programs' strings in lang; a broken catalogue costs the footer its
 * translation, not the handout: a warning, and English. */
static pl_catalog *load_chrome(handout *h, const char *lang)
{
	pl_diags chrome_diags = PL_DIAGS_INIT;
	pl_catalog *chrome = pl_chrome_load(lang, &chrome_diags);
	for (size_t i = 0; i < chrome_diags.count; i++) {
		char line[512];
		pl_diag_format(&chrome_diags.items[i], line, sizeof line);
		pl_diags_add(h->diags, PL_WARNING, NULL, 0, 0, "%s", line);
	}
	pl_diags_free(&chrome_diags);
	return chrome;
}

static int open_column(handout *h, column *col, const char *lang, const char *site)
{
	bool failed;
	col->lang = lang;
	col->rtl = pl_lang_is_rtl(lang);
	col->cat = load_catalog(h, lang, &failed);
	if (failed)
		return -1;
	col->chrome = load_chrome(h, lang);
	if (!h->deck->survey.url)
		return 0;
	col->survey_url = pl_survey_url(h->deck->survey.url, lang, site);
	if (!col->survey_url) {
		pl_diags_add(h->diags, PL_ERROR, h->deck->file, 0, 0,
		             "cannot make the survey URL for language %s and site %s", lang,
		             site ? site : "(none)");
		return -1;
	}
	if (pl_qr_encode(col->survey_url, &col->qr) < 0) {
		pl_diags_add(h->diags, PL_ERROR, h->deck->file, 0, 0,
		             "the survey URL is too long for a QR code: %s", col->survey_url);
		return -1;
	}
	col->has_qr = true;
	return 0;
}

static void close_column(column *col)
{
	pl_catalog_free(col->cat);
	pl_catalog_free(col->chrome);
	free(col->survey_url);
	if (col->has_qr)
		pl_qr_free(&col->qr);
	free(col->rows);
	free(col->units);
}

/* Page geometry: margins 0.75 inch (normal) or 1 inch (large print); side
 * by side, two columns and a gutter, the first language on its reading
 * side. */
static void set_geometry(handout *h, bool a4)
{
	h->page_width = a4 ? PDF_A4_WIDTH : PDF_LETTER_WIDTH;
	h->page_height = a4 ? PDF_A4_HEIGHT : PDF_LETTER_HEIGHT;
	h->margin = h->large ? INCH : 0.75 * INCH;
	double text_width = h->page_width - 2 * h->margin;
	for (int c = 0; c < h->n_cols; c++) {
		h->cols[c].x = h->margin;
		h->cols[c].width = text_width;
	}
	if (h->side_by_side) {
		double w = (text_width - GUTTER) / 2;
		bool first_right = pl_lang_is_rtl(h->cols[0].lang);
		h->cols[0].x = first_right ? h->margin + w + GUTTER : h->margin;
		h->cols[1].x = first_right ? h->margin : h->margin + w + GUTTER;
		h->cols[0].width = h->cols[1].width = w;
	}
	/* The first line's box starts a little under the margin: marks over
	 * tall Arabic and Vietnamese letters rise above a line's box. */
	h->top = h->margin + 0.3 * h->styles[ST_HEADING].size;
}

static int write_handout(handout *h, const char *output)
{
	const column *first = &h->cols[0];
	const char *title = pl_text_get(&h->deck->title, first->cat, NULL);
	const char *district = pl_text_get(&h->deck->district, first->cat, NULL);
	if (pdf_set_info(h->doc, title, district) < 0 ||
	    pdf_set_lang(h->doc, h->n_cols == 1 ? first->lang : "mul") < 0)
		return -1;
	/* The footer's room, measured with the widest page numbers likely. */
	if (footer(h, 888, 888, false, &h->footer_height) < 0)
		return -1;
	h->bottom = h->page_height - h->margin - h->footer_height - h->styles[ST_BODY].size;
	for (int c = 0; c < h->n_cols; c++)
		if (build_column(h, &h->cols[c]) < 0)
			return -1;
	if ((h->side_by_side ? place_side_by_side(h) : place_single(h)) < 0 || draw_pages(h) < 0)
		return -1;
	return pdf_save(h->doc, output);
}

/* ------------------------------------------------------------------ */
/* The command                                                          */

typedef struct handout_args {
	const char *deck, *output, *langs, *site, *boxes;
	bool large, a4;
} handout_args;

static void handout_usage(print_ctx *ctx, FILE *f)
{
	fprintf(f, "%s",
	        _("Usage: placard-print handout DECK --lang L[,L2] -o FILE.pdf [--large-print]\n"
	          "                               [--paper letter|a4] [--site SITE] [--boxes "
	          "FILE]\n"));
}

static int parse_args(print_ctx *ctx, int argc, char **argv, handout_args *a)
{
	static const struct option opts[] = {
	        {"output", required_argument, NULL, 'o'}, {"lang", required_argument, NULL, 'l'},
	        {"large-print", no_argument, NULL, 'L'},  {"paper", required_argument, NULL, 'p'},
	        {"site", required_argument, NULL, 's'},   {"boxes", required_argument, NULL, 'b'},
	        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:l:h", opts, NULL)) != -1) {
		if (c == 'o') {
			a->output = optarg;
		} else if (c == 'l') {
			a->langs = optarg;
		} else if (c == 'L') {
			a->large = true;
		} else if (c == 'p') {
			if (strcmp(optarg, "a4") != 0 && strcmp(optarg, "letter") != 0) {
				fprintf(ctx->err,
				        _("placard-print handout: --paper is letter or a4, not "
				          "'%s'\n"),
				        optarg);
				return EXIT_USAGE;
			}
			a->a4 = strcmp(optarg, "a4") == 0;
		} else if (c == 's') {
			a->site = optarg;
		} else if (c == 'b') {
			a->boxes = optarg;
		} else if (c == 'h') {
			handout_usage(ctx, ctx->out);
			return EXIT_CLEAN;
		} else {
			fprintf(ctx->err, "%s",
			        _("placard-print handout: unknown option; see --help\n"));
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1 || !a->output || !a->langs) {
		fprintf(ctx->err, "%s",
		        _("placard-print handout: name one deck folder, --lang L[,L2] and -o "
		          "FILE.pdf\n"));
		return EXIT_USAGE;
	}
	if (a->site && !pl_slug_valid(a->site)) {
		fprintf(ctx->err,
		        _("placard-print handout: '%s' is not a site name (a-z, 0-9, -)\n"),
		        a->site);
		return EXIT_USAGE;
	}
	a->deck = argv[optind];
	return -1;
}

/* One or two languages, comma-separated. A malformed tag is a usage
 * mistake (2); a language the deck does not offer is a problem (1). */
static int split_langs(print_ctx *ctx, const pl_deck *deck, char *given, const char **out)
{
	int n = 0;
	char *save = NULL;
	for (char *tok = strtok_r(given, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (n == 2) {
			fprintf(ctx->err, "%s",
			        _("placard-print handout: --lang takes one language or two\n"));
			return -EXIT_USAGE;
		}
		if (!pl_bcp47_valid(tok)) {
			fprintf(ctx->err, _("placard-print handout: '%s' is not a language tag\n"),
			        tok);
			return -EXIT_USAGE;
		}
		bool offered = false;
		for (size_t i = 0; i < deck->n_languages; i++)
			offered |= strcmp(deck->languages[i], tok) == 0;
		if (!offered) {
			fprintf(ctx->err,
			        _("placard-print handout: %s does not offer language '%s'\n"),
			        deck->file, tok);
			return -EXIT_PROBLEMS;
		}
		out[n++] = tok;
	}
	if (n == 2 && strcmp(out[0], out[1]) == 0) {
		fprintf(ctx->err, "%s",
		        _("placard-print handout: name two different languages for --lang\n"));
		return -EXIT_USAGE;
	}
	return n > 0 ? n : -EXIT_USAGE;
}

static int open_fonts(handout *h)
{
	pl_strbuf dir = PL_STRBUF_INIT;
	if (pl_strbuf_addf(&dir, "%s/fonts", pl_data_dir()) == 0)
		h->fonts = pl_fonts_open(pl_strbuf_str(&dir), h->diags);
	else
		pl_diags_add(h->diags, PL_ERROR, NULL, 0, 0, "out of memory");
	pl_strbuf_release(&dir);
	return h->fonts ? 0 : -1;
}

static int run(print_ctx *ctx, handout *h, const handout_args *a, char *langs_copy)
{
	const char *langs[2];
	int n = split_langs(ctx, h->deck, langs_copy, langs);
	if (n < 0)
		return -n;
	h->n_cols = n;
	h->large = a->large;
	h->styles = a->large ? LARGE_STYLES : NORMAL_STYLES;
	h->side_by_side = n == 2 && !a->large;
	const char *site = a->site ? a->site : h->deck->default_site;
	for (int c = 0; c < n; c++)
		if (open_column(h, &h->cols[c], langs[c], site) < 0)
			return EXIT_PROBLEMS;
	set_geometry(h, a->a4);
	if (open_fonts(h) < 0 || !(h->doc = pdf_open(h->diags)))
		return EXIT_PROBLEMS;
	if (a->boxes && !(h->boxes = fopen(a->boxes, "w"))) {
		pl_diags_add(h->diags, PL_ERROR, a->boxes, 0, 0, "cannot write: %s",
		             strerror(errno));
		return EXIT_PROBLEMS;
	}
	int rc = write_handout(h, a->output) == 0 ? EXIT_CLEAN : EXIT_PROBLEMS;
	if (h->boxes && (ferror(h->boxes) | fclose(h->boxes))) {
		pl_diags_add(h->diags, PL_ERROR, a->boxes, 0, 0, "cannot write");
		rc = EXIT_PROBLEMS;
	}
	h->boxes = NULL;
	return rc;
}

int cmd_handout(print_ctx *ctx, int argc, char **argv)
{
	handout_args a = {NULL, NULL, NULL, NULL, NULL, false, false};
	int rc = parse_args(ctx, argc, argv, &a);
	if (rc >= 0)
		return rc;
	pl_diags diags = PL_DIAGS_INIT;
	handout h;
	memset(&h, 0, sizeof h);
	h.diags = &diags;
	char *langs_copy = strdup(a.langs);
	h.deck = pl_deck_load(a.deck, &diags);
	rc = EXIT_PROBLEMS;
	if (h.deck && langs_copy)
		rc = run(ctx, &h, &a, langs_copy);
	else if (!langs_copy)
		pl_diags_add(&diags, PL_ERROR, NULL, 0, 0, "out of memory");
	if (rc == EXIT_CLEAN && diags.errors)
		rc = EXIT_PROBLEMS;
	pl_diags_print(&diags, ctx->err);
	pl_diags_free(&diags);
	if (h.boxes)
		fclose(h.boxes);
	for (size_t i = 0; i < h.n_layouts; i++)
		pl_layout_free(h.layouts[i]);
	free(h.layouts);
	for (int c = 0; c < 2; c++)
		close_column(&h.cols[c]);
	pdf_close(h.doc);
	pl_fonts_free(h.fonts);
	pl_deck_free((pl_deck *)h.deck);
	free(langs_copy);
	return rc;
}
