/*
 * cards.c: "placard-print qr-card DECK --lang L[,L...] --site SITE
 * [--paper letter|a4] -o FILE.pdf": the survey's QR code on paper, for the
 * tables and walls of a meeting room, two pages per language:
 *
 * - a table tent: one page folded across its middle, the same face on both
 *   halves, the far half turned 180 degrees so that it reads from either
 *   side of the table. The QR (survey URL with lang=L and site=SITE) is at
 *   least 30 mm for a phone held at about 30 cm;
 * - a poster: the QR as wide as the page allows (its quiet zone is the
 *   page's margin), over 150 mm, for a scan from 2 to 3 m (a code should be
 *   at least a tenth of its scan distance wide).
 *
 * Each face says, in language L, what the code is for ("Tell us what you
 * think"), how to use it, the short URL in text (BRIEF section 2: the code
 * is never the only way in) and the closing date. Those are program
 * strings, translated through the "placard" catalogue of L; one that is not
 * translated yet is printed in English under the kiosk's "(not yet
 * translated)" marker, and said once on standard error.
 *
 * Text is flush left (flush right, the QR on the right, in right-to-left
 * languages), shrunk in steps when a face would not fit. --boxes FILE
 * writes one line per drawn run in page coordinates (turned halves turned
 * too), for the ink test, in the format of "specimen --boxes".
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"
#include "placard/chrome.h"
#include "placard/deck.h"
#include "placard/strbuf.h"
#include "placard/survey.h"
#include "placard/text.h"
#include "print.h"

#define MM (72.0 / 25.4)
#define MARGIN 36.0                /* half an inch: inside what office printers reach */
#define EDGE 18.0                  /* the poster QR's distance from the paper's edge */
#define TENT_QR 180.0              /* side of the tent's QR, quiet zone included (2.5 in) */
#define POSTER_MIN_QR (160.0 * MM) /* the poster's symbol, quiet zone excluded */
#define POSTER_MARGIN 27.0         /* above and below the poster's text */
#define LINE_HEIGHT 1.5            /* WCAG 1.4.12 */
#define MAX_PARAS 5
#define MAX_LANGS 32

/* One paragraph of a face. */
typedef struct card_para {
	const char *text;
	const char *lang; /* the language it is set in */
	pl_weight weight;
	double size; /* points, before the face's scale */
} card_para;

typedef struct card_face {
	card_para paras[MAX_PARAS];
	int n;
} card_face;

typedef struct cards {
	pl_diags *diags;
	const pl_deck *deck;
	pl_fonts *fonts;
	pdf_doc *doc;
	FILE *boxes; /* NULL when not asked for */
	double page_width, page_height;
	int page;         /* from 1 */
	bool turned;      /* drawing the far half of a tent */
	const char *lang; /* of the paragraph being drawn, for --boxes */
	const char *site;
} cards;

/* ------------------------------------------------------------------ */
/* Boxes for the ink test                                               */

static int on_box(void *ctx, pdf_box_kind kind, const pdf_box *box, const char *text, size_t len)
{
	cards *cc = ctx;
	if (!cc->boxes || kind != PDF_BOX_RUN)
		return 0;
	pdf_box b = *box;
	if (cc->turned) { /* where the half turn puts it: pdf_turn_begin */
		b.x = cc->page_width - box->x - box->width;
		b.y = cc->page_height - box->y - box->height;
	}
	fprintf(cc->boxes, "%d\t%.2f\t%.2f\t%.2f\t%.2f\t%s\t", cc->page, b.x, b.y, b.width,
	        b.height, cc->lang);
	print_tsv_text(cc->boxes, text, len);
	fputc('\n', cc->boxes);
	return ferror(cc->boxes) ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Paragraphs                                                           */

/* Lays out p at scale in a box width wide and, when draw is set, draws it
 * with its top at top. *height receives its height with the space after
 * it. Returns 0 or -1 (in diags). */
static int set_para(cards *cc, const card_para *p, double scale, double x, double top, double width,
                    bool draw, double *height)
{
	pl_font_chain chain;
	pl_fonts_chain(cc->fonts, p->lang, p->weight, false, &chain);
	pdf_chain pc = {cc->doc, &chain};
	pl_measure measure = pdf_chain_measure(&pc);
	double size = p->size * scale;
	pl_layout_params params = {p->lang, size, width, LINE_HEIGHT, chain.n};
	pl_layout *layout = pl_layout_paragraph(p->text, strlen(p->text), &params, &measure);
	if (!layout) {
		pl_diags_add(cc->diags, PL_ERROR, NULL, 0, 0, "out of memory");
		return -1;
	}
	int rc = 0;
	cc->lang = p->lang;
	for (size_t i = 0; draw && i < layout->n_lines && rc == 0; i++)
		rc = pdf_draw_line(&pc, layout, i, size, x, top + (double)i * layout->line_height,
		                   on_box, cc);
	*height = layout->height + 0.25 * size;
	pl_layout_free(layout);
	return rc;
}

/* The height of the whole face's text at scale. */
static int face_height(cards *cc, const card_face *f, double scale, double width, double *height)
{
	*height = 0;
	for (int i = 0; i < f->n; i++) {
		double h;
		if (set_para(cc, &f->paras[i], scale, 0, 0, width, false, &h) < 0)
			return -1;
		*height += h;
	}
	return 0;
}

/* The largest scale (1, then down in steps) at which the text fits in
 * max_height; at the smallest step it is drawn anyway. */
static int fit_scale(cards *cc, const card_face *f, double width, double max_height, double *scale,
                     double *height)
{
	*scale = 1.0;
	for (;;) {
		if (face_height(cc, f, *scale, width, height) < 0)
			return -1;
		if (*height <= max_height || *scale < 0.5)
			return 0;
		*scale *= 0.9;
	}
}

static int draw_face_text(cards *cc, const card_face *f, double scale, double x, double top,
                          double width)
{
	for (int i = 0; i < f->n; i++) {
		double h;
		if (set_para(cc, &f->paras[i], scale, x, top, width, true, &h) < 0)
			return -1;
		top += h;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* The two layouts                                                      */

/* One face of a table tent in the half page starting at top (the lower
 * half; pdf_turn_begin makes the upper one): the QR beside the text, on
 * the reading side's start (left, or right in right-to-left languages). */
static int draw_tent_face(cards *cc, const card_face *f, const pl_qr *qr, bool rtl, double top)
{
	double half = cc->page_height / 2;
	double text_width = cc->page_width - 2 * MARGIN - TENT_QR - MARGIN / 2;
	double scale, text_height;
	if (fit_scale(cc, f, text_width, half - 2 * MARGIN, &scale, &text_height) < 0)
		return -1;
	double qr_x = rtl ? cc->page_width - MARGIN - TENT_QR : MARGIN;
	double text_x = rtl ? MARGIN : MARGIN + TENT_QR + MARGIN / 2;
	double block = text_height > TENT_QR ? text_height : TENT_QR;
	double block_top = top + (half - block) / 2;
	if (pdf_draw_qr(cc->doc, qr, qr_x, block_top + (block - TENT_QR) / 2, TENT_QR) < 0)
		return -1;
	return draw_face_text(cc, f, scale, text_x, block_top + (block - text_height) / 2,
	                      text_width);
}

static int draw_tent(cards *cc, const card_face *f, const pl_qr *qr, bool rtl)
{
	if (pdf_add_page(cc->doc, cc->page_width, cc->page_height) < 0)
		return -1;
	cc->page++;
	double half = cc->page_height / 2;
	/* The fold: a hairline across the middle, light enough not to read
	 * as part of either face. */
	if (pdf_fill_rect(cc->doc, 0, half - 0.25, cc->page_width, 0.5, 0.7, 0.7, 0.7) < 0)
		return -1;
	if (draw_tent_face(cc, f, qr, rtl, half) < 0)
		return -1;
	if (pdf_turn_begin(cc->doc) < 0)
		return -1;
	cc->turned = true;
	int rc = draw_tent_face(cc, f, qr, rtl, half);
	cc->turned = false;
	if (pdf_turn_end(cc->doc) < 0)
		return -1;
	return rc;
}

/* The poster: the invitation at the top in large type, the QR as wide as
 * the page allows under it (narrower only if the text needs the room, never
 * under POSTER_MIN_QR), then how to scan, the URL and the closing date. */
static int draw_poster(cards *cc, const card_face *head, const card_face *foot, const pl_qr *qr)
{
	if (pdf_add_page(cc->doc, cc->page_width, cc->page_height) < 0)
		return -1;
	cc->page++;
	double text_width = cc->page_width - 2 * MARGIN;
	double modules = qr->size + 2 * PL_QR_QUIET;
	double min_qr = POSTER_MIN_QR * modules / qr->size;
	double room = cc->page_height - 2 * POSTER_MARGIN - min_qr;
	double scale, head_h, foot_h;
	if (fit_scale(cc, head, text_width, room / 2, &scale, &head_h) < 0 ||
	    face_height(cc, foot, scale, text_width, &foot_h) < 0)
		return -1;
	double qr_size = cc->page_width - 2 * EDGE;
	double qr_room = cc->page_height - 2 * POSTER_MARGIN - head_h - foot_h;
	if (qr_size > qr_room)
		qr_size = qr_room > min_qr ? qr_room : min_qr;
	double y = POSTER_MARGIN;
	if (draw_face_text(cc, head, scale, MARGIN, y, text_width) < 0)
		return -1;
	y += head_h;
	if (pdf_draw_qr(cc->doc, qr, (cc->page_width - qr_size) / 2, y, qr_size) < 0)
		return -1;
	y += qr_size;
	return draw_face_text(cc, foot, scale, MARGIN, y, text_width);
}

/* ------------------------------------------------------------------ */
/* One language                                                         */

/* A program string in lang; *marked is set when it is not translated, so
 * the face shows the kiosk's marker (and the host is told once). */
static const char *tr(cards *cc, const pl_catalog *cat, const char *lang, const char *msgid,
                      bool *marked)
{
	pl_tr_status status = PL_TR_TRANSLATED;
	const char *s = pl_catalog_get(cat, NULL, msgid, &status);
	(void)cc;
	if (strcmp(lang, "en") != 0 && status != PL_TR_TRANSLATED)
		*marked = true;
	return s;
}

/* "2023-04-14 17:00" from "2023-04-14T17:00:00-07:00": the district's
 * local time, as the deck wrote it. */
static void closing_time(const char *closes, char *buf, size_t size)
{
	snprintf(buf, size, "%.10s", closes);
	if (strlen(closes) >= 16 && closes[10] == 'T')
		snprintf(buf, size, "%.10s %.5s", closes, closes + 11);
}

typedef struct card_texts {
	char *url;        /* the QR's URL (malloc'd) */
	pl_strbuf closes; /* the closing line, empty when open-ended */
	pl_catalog *cat;  /* the programs' strings in the language */
} card_texts;

static int draw_language(cards *cc, const char *lang)
{
	const pl_survey *sv = &cc->deck->survey;
	card_texts t = {NULL, PL_STRBUF_INIT, NULL};
	int rc = -1;
	t.url = pl_survey_url(sv->url, lang, cc->site);
	pl_qr qr = {0, NULL, 0, 0};
	if (!t.url) {
		pl_diags_add(cc->diags, PL_ERROR, cc->deck->file, 0, 0,
		             "the survey URL '%s' cannot carry lang and site", sv->url);
		goto out;
	}
	if (pl_qr_encode(t.url, &qr) < 0) {
		pl_diags_add(cc->diags, PL_ERROR, cc->deck->file, 0, 0,
		             "the survey URL is too long for a QR code: %s", t.url);
		goto out;
	}
	pl_diags chrome_diags = PL_DIAGS_INIT;
	t.cat = pl_chrome_load(lang, &chrome_diags);
	for (size_t i = 0; i < chrome_diags.count; i++) {
		char line[512];
		pl_diag_format(&chrome_diags.items[i], line, sizeof line);
		pl_diags_add(cc->diags, PL_WARNING, NULL, 0, 0, "%s", line);
	}
	pl_diags_free(&chrome_diags);
	bool marked = false;
	const char *invite = tr(cc, t.cat, lang, N_("Tell us what you think"), &marked);
	const char *scan =
	        tr(cc, t.cat, lang, N_("Scan the code with your phone's camera"), &marked);
	if (sv->closes) {
		char when[32];
		closing_time(sv->closes, when, sizeof when);
		const char *fmt = tr(cc, t.cat, lang, N_("The survey closes on %s"), &marked);
		/* The catalogue checks (msgfmt --check) keep the one %s. */
		if (pl_strbuf_addf(&t.closes, fmt, when) < 0)
			goto out;
	}
	if (marked)
		pl_diags_add(cc->diags, PL_WARNING, NULL, 0, 0,
		             "qr-card: the card's words are not all translated into %s yet; "
		             "printed in English, marked",
		             lang);
	/* Untranslated words are in English: set them as English. */
	const char *text_lang = marked ? "en" : lang;
	const char *url_text = sv->short_url ? sv->short_url : t.url;
	card_face head = {{{invite, text_lang, PL_BOLD, 30}}, 1};
	if (marked)
		head.paras[head.n++] =
		        (card_para){pl_catalog_get(t.cat, NULL, N_("(not yet translated)"), NULL),
		                    lang, PL_REGULAR, 12};
	card_face foot = {{{scan, text_lang, PL_REGULAR, 18}, {url_text, "en", PL_BOLD, 18}}, 2};
	if (t.closes.len)
		foot.paras[foot.n++] =
		        (card_para){pl_strbuf_str(&t.closes), text_lang, PL_REGULAR, 16};
	card_face tent = head;
	for (int i = 0; i < foot.n; i++)
		tent.paras[tent.n++] = foot.paras[i];
	bool rtl = pl_lang_is_rtl(text_lang);
	if (draw_tent(cc, &tent, &qr, rtl) < 0)
		goto out;
	/* The poster reads from further away: everything larger. */
	head.paras[0].size = 40;
	for (int i = 0; i < foot.n; i++)
		foot.paras[i].size *= 1.25;
	rc = draw_poster(cc, &head, &foot, &qr);
out:
	pl_qr_free(&qr);
	free(t.url);
	pl_strbuf_release(&t.closes);
	pl_catalog_free(t.cat);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The command                                                          */

typedef struct card_args {
	const char *deck, *output, *langs, *site, *paper, *boxes;
} card_args;

static int parse_args(print_ctx *ctx, int argc, char **argv, card_args *a)
{
	static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
	                                     {"lang", required_argument, NULL, 'l'},
	                                     {"site", required_argument, NULL, 's'},
	                                     {"paper", required_argument, NULL, 'p'},
	                                     {"boxes", required_argument, NULL, 'b'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:l:s:h", opts, NULL)) != -1) {
		if (c == 'o') {
			a->output = optarg;
		} else if (c == 'l') {
			a->langs = optarg;
		} else if (c == 's') {
			a->site = optarg;
		} else if (c == 'p') {
			a->paper = optarg;
		} else if (c == 'b') {
			a->boxes = optarg;
		} else if (c == 'h') {
			fprintf(ctx->out, "%s",
			        _("Usage: placard-print qr-card DECK --lang L[,L...] --site SITE\n"
			          "                               [--paper letter|a4] -o "
			          "FILE.pdf\n"));
			return EXIT_CLEAN;
		} else {
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1 || !a->output || !a->langs || !a->site) {
		fprintf(ctx->err, "%s",
		        _("placard-print qr-card: name one deck folder, --lang, --site and -o "
		          "FILE.pdf\n"));
		return EXIT_USAGE;
	}
	if (strcmp(a->paper, "letter") != 0 && strcmp(a->paper, "a4") != 0) {
		fprintf(ctx->err, _("placard-print qr-card: paper '%s' is neither letter nor a4\n"),
		        a->paper);
		return EXIT_USAGE;
	}
	a->deck = argv[optind];
	return -1;
}

/* Comma-separated language tags, each checked. Returns the count, or -1. */
static int split_langs(print_ctx *ctx, char *given, const char **out, int max)
{
	int n = 0;
	char *save = NULL;
	for (char *tok = strtok_r(given, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!pl_bcp47_valid(tok) || n == max) {
			fprintf(ctx->err, _("placard-print qr-card: '%s' is not a language tag\n"),
			        tok);
			return -1;
		}
		out[n++] = tok;
	}
	return n;
}

static int write_cards(print_ctx *ctx, cards *cc, const card_args *a, const char **langs,
                       int n_langs)
{
	pl_strbuf title = PL_STRBUF_INIT;
	const char *deck_title = cc->deck->title.src ? cc->deck->title.src : cc->deck->id;
	int rc = pl_strbuf_addf(&title, _("%s: survey QR cards"), deck_title);
	if (rc == 0)
		rc = pdf_set_info(cc->doc, pl_strbuf_str(&title), cc->deck->district.src);
	/* One language: that one; several: "mul" (ISO 639-2). */
	if (rc == 0)
		rc = pdf_set_lang(cc->doc, n_langs == 1 ? langs[0] : "mul");
	for (int i = 0; i < n_langs && rc == 0; i++)
		rc = draw_language(cc, langs[i]);
	if (rc == 0)
		rc = pdf_save(cc->doc, a->output);
	pl_strbuf_release(&title);
	return rc;
}

int cmd_qr_card(print_ctx *ctx, int argc, char **argv)
{
	card_args a = {NULL, NULL, NULL, NULL, "letter", NULL};
	int rc = parse_args(ctx, argc, argv, &a);
	if (rc >= 0)
		return rc;
	char *langs_copy = strdup(a.langs);
	const char *langs[MAX_LANGS];
	int n_langs = langs_copy ? split_langs(ctx, langs_copy, langs, MAX_LANGS) : -1;
	if (n_langs <= 0) {
		free(langs_copy);
		return EXIT_USAGE;
	}
	pl_diags diags = PL_DIAGS_INIT;
	cards cc = {&diags, NULL,  NULL, NULL,  NULL, PDF_LETTER_WIDTH, PDF_LETTER_HEIGHT,
	            0,      false, NULL, a.site};
	if (strcmp(a.paper, "a4") == 0) {
		cc.page_width = PDF_A4_WIDTH;
		cc.page_height = PDF_A4_HEIGHT;
	}
	rc = EXIT_PROBLEMS;
	pl_deck *deck = pl_deck_load(a.deck, &diags);
	cc.deck = deck;
	if (!deck)
		goto out;
	if (!deck->survey.url) {
		fprintf(ctx->err,
		        _("placard-print qr-card: the deck %s has no survey to link to\n"), a.deck);
		goto out;
	}
	pl_strbuf dir = PL_STRBUF_INIT;
	if (pl_strbuf_addf(&dir, "%s/fonts", pl_data_dir()) == 0)
		cc.fonts = pl_fonts_open(pl_strbuf_str(&dir), &diags);
	pl_strbuf_release(&dir);
	if (cc.fonts)
		cc.doc = pdf_open(&diags);
	if (!cc.doc)
		goto out;
	if (a.boxes && !(cc.boxes = fopen(a.boxes, "w"))) {
		pl_diags_add(&diags, PL_ERROR, a.boxes, 0, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	int ok = write_cards(ctx, &cc, &a, langs, n_langs) == 0;
	if (cc.boxes && (ferror(cc.boxes) | fclose(cc.boxes))) {
		pl_diags_add(&diags, PL_ERROR, a.boxes, 0, 0, "cannot write");
		ok = 0;
	}
	cc.boxes = NULL;
	if (ok && diags.errors == 0)
		rc = EXIT_CLEAN;
out:
	if (cc.boxes)
		fclose(cc.boxes);
	pl_diags_print(&diags, ctx->err);
	pl_diags_free(&diags);
	pdf_close(cc.doc);
	pl_fonts_free(cc.fonts);
	pl_deck_free(deck);
	free(langs_copy);
	return rc;
}
