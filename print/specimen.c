/*
 * specimen.c: "placard-print specimen DECK -o FILE.pdf": every string of a
 * deck, language by language, laid out by the core and drawn by pdf.c at
 * the kiosk's sizes, so that a reader (and a test) can see each language
 * printed whole: joined and right to left, diacritics in place, wrapped.
 *
 * A page or more per language on US Letter with 1-inch margins, titled with
 * the language tag; headings and titles at 32 pt bold, everything else at
 * 24 pt, lines 1.5 times the size apart (WCAG 1.4.12), flush left, flush
 * right in right-to-left languages. A string with no translation is shown
 * in the source language under the kiosk's "(not yet translated)" marker.
 *
 * --boxes FILE writes one line per drawn run, and --glyph-boxes FILE one
 * per drawn character: page, x, y, width, height (points from the page's
 * top-left), language, text (tab, line feed and backslash escaped), so a
 * test can look for ink where text should be.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"
#include "placard/chrome.h"
#include "placard/strbuf.h"
#include "placard/text.h"
#include "placard/translate.h"
#include "print.h"

#define MARGIN 72.0 /* 1 inch */
#define BODY_SIZE 24.0
#define HEADING_SIZE 32.0
#define NOTE_SIZE 14.0
#define LINE_HEIGHT 1.5

typedef struct specimen {
	pl_diags *diags;
	const pl_deck *deck;
	pl_fonts *fonts;
	pdf_doc *doc;
	FILE *boxes, *glyph_boxes; /* NULL when not asked for */
	const char *lang;          /* the language being printed */
	const char *layout_lang;   /* the language of the paragraph at hand */
	pl_catalog *page_chrome;   /* the programs' strings in lang; NULL: English */
	int page;                  /* from 1 */
	double y;                  /* top of the next line, from the page's top */
} specimen;

/* ------------------------------------------------------------------ */
/* Boxes                                                                */

static int on_box(void *ctx, pdf_box_kind kind, const pdf_box *box, const char *text, size_t len)
{
	specimen *sp = ctx;
	FILE *f = kind == PDF_BOX_RUN ? sp->boxes : sp->glyph_boxes;
	if (!f)
		return 0;
	fprintf(f, "%d\t%.2f\t%.2f\t%.2f\t%.2f\t%s\t", sp->page, box->x, box->y, box->width,
	        box->height, sp->layout_lang);
	print_tsv_text(f, text, len);
	fputc('\n', f);
	return ferror(f) ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Flowing paragraphs onto pages                                        */

static int new_page(specimen *sp)
{
	if (pdf_add_page(sp->doc, PDF_LETTER_WIDTH, PDF_LETTER_HEIGHT) < 0)
		return -1;
	sp->page++;
	sp->y = MARGIN;
	return 0;
}

/* Lays out one paragraph in lang with the chain at size and draws it line
 * by line, starting a new page when a line would cross the bottom margin;
 * then leaves space_after below it. */
static int draw_paragraph(specimen *sp, const char *text, size_t len, const char *lang,
                          pl_weight weight, double size, double space_after)
{
	pl_font_chain chain;
	pl_fonts_chain(sp->fonts, lang, weight, false, &chain);
	pdf_chain pc = {sp->doc, &chain};
	pl_measure measure = pdf_chain_measure(&pc);
	pl_layout_params params = {lang, size, PDF_LETTER_WIDTH - 2 * MARGIN, LINE_HEIGHT, chain.n};
	pl_layout *layout = pl_layout_paragraph(text, len, &params, &measure);
	if (!layout) {
		pl_diags_add(sp->diags, PL_ERROR, NULL, 0, 0, "out of memory");
		return -1;
	}
	sp->layout_lang = lang;
	int rc = 0;
	for (size_t i = 0; i < layout->n_lines && rc == 0; i++) {
		if (sp->y + layout->line_height > PDF_LETTER_HEIGHT - MARGIN)
			rc = new_page(sp);
		if (rc == 0)
			rc = pdf_draw_line(&pc, layout, i, size, MARGIN, sp->y, on_box, sp);
		sp->y += layout->line_height;
	}
	sp->y += space_after;
	pl_layout_free(layout);
	return rc;
}

/* Every paragraph of a deck string (one per line of the text). */
static int draw_text(specimen *sp, const char *text, const char *lang, pl_weight weight,
                     double size)
{
	size_t pos = 0, len;
	const char *start;
	while (pl_paragraph_next(text, &pos, &start, &len))
		if (draw_paragraph(sp, start, len, lang, weight, size, size * 0.5) < 0)
			return -1;
	return 0;
}

/* Titles and headings are set as the kiosk sets them: larger and bold. */
static bool is_heading(const pl_text *t)
{
	const char *field = strrchr(t->id, '/');
	field = field ? field + 1 : t->id;
	return strcmp(field, "heading") == 0 || strcmp(field, "title") == 0;
}

static int draw_string(specimen *sp, const pl_text *t, const pl_catalog *cat)
{
	pl_tr_status status = PL_TR_TRANSLATED;
	const char *text = pl_text_get(t, cat, &status);
	if (!text)
		return 0;
	bool heading = is_heading(t);
	pl_weight weight = heading ? PL_BOLD : PL_REGULAR;
	double size = heading ? HEADING_SIZE : BODY_SIZE;
	if (strcmp(sp->lang, sp->deck->source_language) == 0 || status == PL_TR_TRANSLATED)
		return draw_text(sp, text, sp->lang, weight, size);
	/* Shown as the kiosk shows it: in the source language, under the
	 * kiosk's own marker in the page's language (kiosk/frame.c). */
	const char *note = pl_catalog_get(sp->page_chrome, NULL, N_("(not yet translated)"), NULL);
	if (draw_paragraph(sp, note, strlen(note), sp->lang, PL_REGULAR, NOTE_SIZE, 0) < 0)
		return -1;
	return draw_text(sp, text, sp->deck->source_language, weight, size);
}

/* The catalogue of lang beside the deck; NULL (everything untranslated)
 * when there is none or it is the source language. *failed is set when
 * the catalogue is there but broken (errors in diags). */
static pl_catalog *load_catalog(specimen *sp, const char *lang, bool *failed)
{
	return pl_deck_catalog_load(sp->deck, lang, sp->diags, failed);
}

static int draw_language(specimen *sp, const char *lang)
{
	bool failed;
	pl_catalog *cat = load_catalog(sp, lang, &failed);
	if (failed)
		return -1;
	sp->lang = lang;
	pl_diags chrome_diags = PL_DIAGS_INIT;
	sp->page_chrome = pl_chrome_load(lang, &chrome_diags);
	/* A broken catalogue of the programs' strings costs the marker its
	 * translation, not the specimen: warn and go on in English. */
	for (size_t i = 0; i < chrome_diags.count; i++) {
		char line[512];
		pl_diag_format(&chrome_diags.items[i], line, sizeof line);
		pl_diags_add(sp->diags, PL_WARNING, NULL, 0, 0, "%s", line);
	}
	pl_diags_free(&chrome_diags);
	int rc = new_page(sp);
	if (rc == 0)
		rc = draw_paragraph(sp, lang, strlen(lang), lang, PL_BOLD, HEADING_SIZE,
		                    HEADING_SIZE);
	for (size_t i = 0; i < sp->deck->n_texts && rc == 0; i++)
		rc = draw_string(sp, sp->deck->texts[i], cat);
	pl_catalog_free(sp->page_chrome);
	sp->page_chrome = NULL;
	pl_catalog_free(cat);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The command                                                          */

typedef struct specimen_args {
	const char *deck, *output, *langs, *boxes, *glyph_boxes;
} specimen_args;

static int parse_args(print_ctx *ctx, int argc, char **argv, specimen_args *a)
{
	static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
	                                     {"lang", required_argument, NULL, 'l'},
	                                     {"boxes", required_argument, NULL, 'b'},
	                                     {"glyph-boxes", required_argument, NULL, 'g'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:l:h", opts, NULL)) != -1) {
		if (c == 'o') {
			a->output = optarg;
		} else if (c == 'l') {
			a->langs = optarg;
		} else if (c == 'b') {
			a->boxes = optarg;
		} else if (c == 'g') {
			a->glyph_boxes = optarg;
		} else if (c == 'h') {
			fprintf(ctx->out, "%s",
			        _("Usage: placard-print specimen DECK -o FILE.pdf [--lang "
			          "L[,L...]]\n"
			          "                                [--boxes FILE] [--glyph-boxes "
			          "FILE]\n"));
			return EXIT_CLEAN;
		} else {
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1 || !a->output) {
		fprintf(ctx->err, "%s",
		        _("placard-print specimen: name one deck folder and -o FILE.pdf\n"));
		return EXIT_USAGE;
	}
	a->deck = argv[optind];
	return -1;
}

/* The languages to print: those given (comma-separated, each checked), or
 * every language the deck offers. Returns the count, or -1 on a bad tag. */
static int split_langs(print_ctx *ctx, const pl_deck *deck, char *given, const char **out, int max)
{
	int n = 0;
	if (!given) {
		for (size_t i = 0; i < deck->n_languages && n < max; i++)
			out[n++] = deck->languages[i];
		return n;
	}
	char *save = NULL;
	for (char *tok = strtok_r(given, ",", &save); tok && n < max;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!pl_bcp47_valid(tok)) {
			fprintf(ctx->err, _("placard-print specimen: '%s' is not a language tag\n"),
			        tok);
			return -1;
		}
		out[n++] = tok;
	}
	return n;
}

static FILE *open_boxes(specimen *sp, const char *path)
{
	if (!path)
		return NULL;
	FILE *f = fopen(path, "w");
	if (!f)
		pl_diags_add(sp->diags, PL_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
	return f;
}

static int close_boxes(specimen *sp, FILE *f, const char *path)
{
	if (!f)
		return 0;
	if (ferror(f) | fclose(f)) {
		pl_diags_add(sp->diags, PL_ERROR, path, 0, 0, "cannot write");
		return -1;
	}
	return 0;
}

/* The document: metadata, then a page or more per language. */
static int write_specimen(specimen *sp, const specimen_args *a, const char **langs, int n_langs)
{
	pl_strbuf title = PL_STRBUF_INIT;
	const char *deck_title = sp->deck->title.src ? sp->deck->title.src : sp->deck->id;
	int rc = pl_strbuf_addf(&title, "%s: specimen", deck_title);
	if (rc == 0)
		rc = pdf_set_info(sp->doc, pl_strbuf_str(&title), sp->deck->district.src);
	/* One language: that one; several: "mul" (ISO 639-2, multiple
	 * languages), each page's own language being in its title. */
	if (rc == 0)
		rc = pdf_set_lang(sp->doc, n_langs == 1 ? langs[0] : "mul");
	for (int i = 0; i < n_langs && rc == 0; i++)
		rc = draw_language(sp, langs[i]);
	if (rc == 0)
		rc = pdf_save(sp->doc, a->output);
	pl_strbuf_release(&title);
	return rc;
}

int cmd_specimen(print_ctx *ctx, int argc, char **argv)
{
	specimen_args a = {NULL, NULL, NULL, NULL, NULL};
	int rc = parse_args(ctx, argc, argv, &a);
	if (rc >= 0)
		return rc;
	pl_diags diags = PL_DIAGS_INIT;
	specimen sp = {&diags, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0};
	char *langs_copy = a.langs ? strdup(a.langs) : NULL;
	const char *langs[64];
	rc = EXIT_PROBLEMS;
	pl_deck *deck = pl_deck_load(a.deck, &diags);
	sp.deck = deck;
	if (!deck || (a.langs && !langs_copy))
		goto out;
	int n_langs = split_langs(ctx, deck, langs_copy, langs, 64);
	if (n_langs <= 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	pl_strbuf dir = PL_STRBUF_INIT;
	if (pl_strbuf_addf(&dir, "%s/fonts", pl_data_dir()) == 0)
		sp.fonts = pl_fonts_open(pl_strbuf_str(&dir), &diags);
	pl_strbuf_release(&dir);
	if (sp.fonts)
		sp.doc = pdf_open(&diags);
	if (!sp.doc)
		goto out;
	sp.boxes = open_boxes(&sp, a.boxes);
	sp.glyph_boxes = open_boxes(&sp, a.glyph_boxes);
	int ok = (!a.boxes || sp.boxes) && (!a.glyph_boxes || sp.glyph_boxes) &&
	         write_specimen(&sp, &a, langs, n_langs) == 0;
	ok &= close_boxes(&sp, sp.boxes, a.boxes) == 0;
	ok &= close_boxes(&sp, sp.glyph_boxes, a.glyph_boxes) == 0;
	if (ok && diags.errors == 0)
		rc = EXIT_CLEAN;
out:
	pl_diags_print(&diags, ctx->err);
	pl_diags_free(&diags);
	pdf_close(sp.doc);
	pl_fonts_free(sp.fonts);
	pl_deck_free(deck);
	free(langs_copy);
	return rc;
}
