/*
 * html.c: "placard-print html DECK --lang L (--slide N | --handout)": the
 * deck as the web page a district would otherwise put in front of Chromium
 * (in kiosk mode, or printed to PDF). It is the peer the benchmarks
 * (bench/run) measure Placard against, so it carries the same content at
 * the same sizes:
 *
 * - the same text: the deck's strings through its catalogue for L (the
 *   source text and the kiosk's "(not yet translated)" where there is no
 *   translation), the programs' strings (buttons, "Slide 2 of 18", the
 *   footer) from the same "placard" catalogue;
 * - the same faces: the bundled faces (fonts/) as @font-face rules pointing at
 *   the local files (file://), one family list per language in the order of
 *   the core's pl_fonts_chain, bold where the kiosk and the handout set
 *   bold, never synthesized;
 * - the same sizes: a slide is laid out for the kiosk's window (1920x1080
 *   by default) with the kiosk's metrics (pl_metrics_compute: cap heights
 *   in millimetres on a 24-inch display, turned into pixel sizes by each
 *   face's capital H, as the kiosk does), its bars, buttons, 36-em column,
 *   panels and QR code; a handout is a Letter (or A4) document with the
 *   handout's point sizes, margins, line spacing, tick boxes, QR code and
 *   "Version ..., Page N of M" footer (a CSS page-margin box);
 * - right to left: dir="rtl" on the page for Arabic and Persian.
 *
 * Chromium does its own line breaking and shaping here, as it would for a
 * district's page; the lines need not break where Placard's do. Only the
 * first screen of a long slide shows (overflow is hidden, as on a kiosk).
 *
 * The page is self-contained but for the fonts, which it names by absolute
 * file:// URL (the bundled faces are several megabytes). Messages are in
 * English: this is a benchmarking aid, not a visitor's or a host's tool.
 */
#define _XOPEN_SOURCE 700 /* realpath: fonts by absolute file:// URL */
#include <ft2build.h>
#include FT_FREETYPE_H
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "placard/chrome.h"
#include "placard/deck.h"
#include "placard/fonts.h"
#include "placard/layout.h"
#include "placard/strbuf.h"
#include "placard/survey.h"
#include "placard/text.h"
#include "placard/theme.h"
#include "placard/translate.h"
#include "print.h"

#define MAX_FACES 32
#define MAX_LANGS 4

/* What a paragraph is, on screen (the kiosk's roles) or on paper (the
 * handout's styles). */
typedef enum role {
	R_TITLE,
	R_HEADING,
	R_SUBHEADING,
	R_BODY,
	R_SECONDARY,
	R_LABEL,
	R_MARK,
	/* Paper only. */
	R_DISTRICT,
	R_SUBTITLE,
	R_ITEM,
	R_NOTE,
	N_ROLES
} role;

static const char *const role_class[N_ROLES] = {
        [R_TITLE] = "title", [R_HEADING] = "heading",   [R_SUBHEADING] = "sub",
        [R_BODY] = "body",   [R_SECONDARY] = "sec",     [R_LABEL] = "label",
        [R_MARK] = "mark",   [R_DISTRICT] = "district", [R_SUBTITLE] = "subtitle",
        [R_ITEM] = "item",   [R_NOTE] = "note",
};

/* The handout's typography (print/handout.c, normal print): size in
 * points, bold, space before in sizes. */
static const struct {
	double size;
	bool bold;
	double before;
} PAPER[N_ROLES] = {
        [R_DISTRICT] = {14, true, 0},     [R_TITLE] = {24, true, 0.6},
        [R_SUBTITLE] = {16, false, 0.3},  [R_HEADING] = {18, true, 1.2},
        [R_SUBHEADING] = {14, true, 0.8}, [R_LABEL] = {12, true, 0.7},
        [R_BODY] = {12, false, 0.6},      [R_ITEM] = {12, false, 0.35},
        [R_NOTE] = {10, false, 0},        [R_SECONDARY] = {12, false, 0.6},
        [R_MARK] = {10, false, 0},
};

typedef struct face_rule {
	const char *family, *path;
	int weight;
} face_rule;

typedef struct page {
	FILE *f;
	const pl_deck *deck;
	pl_fonts *fonts;
	pl_catalog *cat;    /* the deck's strings in lang; NULL: source text */
	pl_catalog *chrome; /* the programs' strings in lang; NULL: English */
	const char *lang;
	bool rtl, is_source, paper;
	const char *site;
	/* The languages text is set in (lang, the source, "en" for URLs):
	 * each has a class f0, f1... with its family list. */
	const char *langs[MAX_LANGS];
	int n_langs;
	face_rule faces[MAX_FACES];
	int n_faces;
	/* A slide: the kiosk's window and metrics, in px. */
	int w, h;
	pl_metrics m;
	const pl_theme *theme;
	double body, sub; /* the kiosk's nominal sizes (cap / 0.7) for spacing */
	int margin, gap, target, pad, edge;
	pl_diags *diags;
} page;

/* ------------------------------------------------------------------ */
/* Writing                                                              */

static void put_escaped(page *p, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		switch (s[i]) {
		case '&':
			fputs("&amp;", p->f);
			break;
		case '<':
			fputs("&lt;", p->f);
			break;
		case '>':
			fputs("&gt;", p->f);
			break;
		case '"':
			fputs("&quot;", p->f);
			break;
		default:
			fputc(s[i], p->f);
		}
	}
}

static void put_text(page *p, const char *s)
{
	put_escaped(p, s, strlen(s));
}

/* A string inside a CSS string literal ("..."): quotes and backslashes
 * escaped, line feeds as \A. */
static void put_css_string(page *p, const char *s)
{
	fputc('"', p->f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(p->f, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\A ", p->f);
		else
			fputc(*s, p->f);
	}
	fputc('"', p->f);
}

static const char *chrome(const page *p, const char *msgid)
{
	return pl_catalog_get(p->chrome, NULL, msgid, NULL);
}

static void put_rgb(page *p, pl_rgb c)
{
	fprintf(p->f, "#%02X%02X%02X", c.r, c.g, c.b);
}

/* ------------------------------------------------------------------ */
/* Fonts                                                                */

/* The index of lang's family list (class fN), added when new. */
static int lang_class(page *p, const char *lang)
{
	for (int i = 0; i < p->n_langs; i++)
		if (strcmp(p->langs[i], lang) == 0)
			return i;
	if (p->n_langs == MAX_LANGS)
		return 0;
	p->langs[p->n_langs] = lang;
	return p->n_langs++;
}

static void add_face(page *p, const pl_face *face, int weight)
{
	const char *family = pl_face_family(face);
	for (int i = 0; i < p->n_faces; i++)
		if (p->faces[i].weight == weight && strcmp(p->faces[i].family, family) == 0)
			return;
	if (p->n_faces < MAX_FACES)
		p->faces[p->n_faces++] = (face_rule){family, pl_face_path(face), weight};
}

/* One @font-face per face and weight the chains of the page's languages
 * use; the family prefixed so that no installed font of the same name is
 * taken instead. A bold chain's regular stand-in (a face without bold) is
 * declared as that family's bold: Chromium then uses it as it is. */
static void put_font_faces(page *p)
{
	for (int l = 0; l < p->n_langs; l++) {
		for (int w = 0; w < 2; w++) {
			pl_font_chain chain;
			pl_fonts_chain(p->fonts, p->langs[l], w ? PL_BOLD : PL_REGULAR, false,
			               &chain);
			for (int i = 0; i < chain.n; i++)
				add_face(p, chain.faces[i], w ? 700 : 400);
		}
	}
	for (int i = 0; i < p->n_faces; i++) {
		char abs[PATH_MAX];
		const char *path = realpath(p->faces[i].path, abs) ? abs : p->faces[i].path;
		fprintf(p->f, "@font-face{font-family:\"pl %s\";font-weight:%d;src:url(\"file://",
		        p->faces[i].family, p->faces[i].weight);
		for (const char *c = path; *c; c++) {
			if (*c == ' ' || *c == '"' || *c == '%' || *c == '#' || *c == '?')
				fprintf(p->f, "%%%02X", (unsigned char)*c);
			else
				fputc(*c, p->f);
		}
		fputs("\")}\n", p->f);
	}
	for (int l = 0; l < p->n_langs; l++) {
		pl_font_chain chain;
		pl_fonts_chain(p->fonts, p->langs[l], PL_REGULAR, false, &chain);
		fprintf(p->f, ".f%d{font-family:", l);
		for (int i = 0; i < chain.n; i++)
			fprintf(p->f, "%s\"pl %s\"", i ? "," : "", pl_face_family(chain.faces[i]));
		fputs("}\n", p->f);
	}
}

/* The capital H's height as a fraction of the size, in the first face of
 * lang's chain that has one, as the kiosk measures it (at 200 px). */
static double cap_ratio(page *p, const char *lang, bool bold)
{
	pl_font_chain chain;
	pl_fonts_chain(p->fonts, lang, bold ? PL_BOLD : PL_REGULAR, false, &chain);
	const pl_face *face = pl_chain_face_for(&chain, 'H');
	double ratio = 0.7;
	FT_Library lib;
	if (!face || FT_Init_FreeType(&lib))
		return ratio;
	FT_Face ft;
	if (FT_New_Face(lib, pl_face_path(face), 0, &ft) == 0) {
		if (FT_Set_Pixel_Sizes(ft, 0, 200) == 0 &&
		    FT_Load_Char(ft, 'H', FT_LOAD_DEFAULT) == 0)
			ratio = ceil((double)ft->glyph->metrics.horiBearingY / 64.0) / 200.0;
		FT_Done_Face(ft);
	}
	FT_Done_FreeType(lib);
	return ratio > 0 ? ratio : 0.7;
}

static bool role_bold(const page *p, role r, const char *lang)
{
	if (p->paper)
		return PAPER[r].bold;
	/* The kiosk's Chinese face has no bold: headings stay regular. */
	if (strncmp(lang, "zh", 2) == 0)
		return false;
	return r != R_BODY && r != R_SECONDARY && r != R_MARK;
}

static double role_cap_mm(const page *p, role r)
{
	switch (r) {
	case R_TITLE:
		return p->m.title_cap_mm;
	case R_HEADING:
		return p->m.head_cap_mm;
	case R_SUBHEADING:
		return p->m.sub_cap_mm;
	default:
		return p->m.body_cap_mm;
	}
}

/* A role's class per language: .fN.heading etc., with the size of that
 * language's face (px on screen, pt on paper). */
static void put_role_sizes(page *p)
{
	for (int l = 0; l < p->n_langs; l++) {
		for (int r = 0; r < N_ROLES; r++) {
			if (!p->paper && r >= R_DISTRICT)
				continue;
			bool bold = role_bold(p, (role)r, p->langs[l]);
			double size;
			if (p->paper)
				size = PAPER[r].size;
			else
				size = pl_size_for_cap(&p->m, role_cap_mm(p, (role)r),
				                       cap_ratio(p, p->langs[l], bold));
			fprintf(p->f, ".f%d.%s{font-size:%.2f%s;font-weight:%d}\n", l,
			        role_class[r], size, p->paper ? "pt" : "px", bold ? 700 : 400);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Text                                                                 */

/* A paragraph element: each paragraph of text (blank-line separated) in
 * its own, set in font_lang's faces at role's size. extra: more classes
 * and attributes, written inside the tag. */
static void put_para(page *p, const char *tag, const char *text, const char *font_lang, role r,
                     const char *extra)
{
	size_t pos = 0, len;
	const char *start;
	while (pl_paragraph_next(text, &pos, &start, &len)) {
		fprintf(p->f, "<%s class=\"f%d %s\"", tag, lang_class(p, font_lang), role_class[r]);
		if (strcmp(font_lang, p->lang) != 0)
			fprintf(p->f, " lang=\"%s\" dir=\"%s\"", font_lang,
			        pl_lang_is_rtl(font_lang) ? "rtl" : "ltr");
		fprintf(p->f, "%s>", extra ? extra : "");
		put_escaped(p, start, len);
		fprintf(p->f, "</%s>\n", tag);
	}
}

/* A deck string in the page's language; in the source language with the
 * marker after it where there is no translation. Returns whether it was
 * there. */
static bool put_deck_text(page *p, const char *tag, const pl_text *t, role r, const char *extra)
{
	if (!t->src || !*t->src)
		return false;
	pl_tr_status status = PL_TR_TRANSLATED;
	const char *s = pl_text_get(t, p->cat, &status);
	bool fallback = !p->is_source && status != PL_TR_TRANSLATED;
	put_para(p, tag, s, fallback ? p->deck->source_language : p->lang, r, extra);
	if (fallback)
		put_para(p, "p", chrome(p, N_("(not yet translated)")), p->lang,
		         p->paper ? R_NOTE : R_MARK, NULL);
	return true;
}

/* A list, nested as the deck says: numbers or bullets (the kiosk's en
 * dash on even levels). */
static void put_items(page *p, const pl_item *items, size_t n, bool numbered, int depth)
{
	if (n == 0 || depth >= PL_DECK_MAX_LIST_DEPTH)
		return;
	fprintf(p->f, "<%s class=\"d%d\">\n", numbered ? "ol" : "ul", depth % 2);
	for (size_t i = 0; i < n; i++) {
		fputs("<li>", p->f);
		put_deck_text(p, "div", &items[i].text, p->paper ? R_ITEM : R_BODY, NULL);
		put_items(p, items[i].children, items[i].n_children, items[i].numbered, depth + 1);
		fputs("</li>\n", p->f);
	}
	fprintf(p->f, "</%s>\n", numbered ? "ol" : "ul");
}

/* The QR code as SVG: dark modules as one path, the quiet zone light. */
static void put_qr(page *p, const pl_qr *qr, double side, const char *unit)
{
	int n = qr->size + 2 * PL_QR_QUIET;
	fprintf(p->f,
	        "<svg class=\"qr\" role=\"img\" aria-label=\"QR\" viewBox=\"0 0 %d %d\" "
	        "width=\"%.2f%s\" height=\"%.2f%s\" shape-rendering=\"crispEdges\">"
	        "<rect width=\"%d\" height=\"%d\" fill=\"#FFFFFF\"/><path fill=\"#000000\" d=\"",
	        n, n, side, unit, side, unit, n, n);
	for (int y = 0; y < qr->size; y++) {
		for (int x = 0; x < qr->size;) {
			if (!qr->modules[y * qr->size + x]) {
				x++;
				continue;
			}
			int run = 0;
			while (x + run < qr->size && qr->modules[y * qr->size + x + run])
				run++;
			fprintf(p->f, "M%d %dh%dv1h-%dz", x + PL_QR_QUIET, y + PL_QR_QUIET, run,
			        run);
			x += run;
		}
	}
	fputs("\"/></svg>\n", p->f);
}

static void put_head(page *p, const pl_slide *s)
{
	put_deck_text(p, "h2", &s->heading, R_HEADING, NULL);
	put_deck_text(p, "h3", &s->subheading, R_SUBHEADING, NULL);
	put_deck_text(p, "p", &s->intro, R_BODY, NULL);
}

/* ------------------------------------------------------------------ */
/* A slide, as the kiosk shows it                                       */

static void put_button(page *p, const char *label, const char *label_lang, const char *icon,
                       bool selected, bool end)
{
	fprintf(p->f, "<button class=\"f%d label%s%s\"", lang_class(p, label_lang),
	        selected ? " on" : "", end ? " end" : "");
	if (strcmp(label_lang, p->lang) != 0)
		fprintf(p->f, " lang=\"%s\" dir=\"%s\"", label_lang,
		        pl_lang_is_rtl(label_lang) ? "rtl" : "ltr");
	fputs(">", p->f);
	if (icon)
		fprintf(p->f,
		        "<svg class=\"icon\" viewBox=\"0 0 10 10\"><path d=\"%s\" "
		        "fill=\"currentColor\"/></svg>",
		        icon);
	put_text(p, label);
	fputs("</button>\n", p->f);
}

/* Triangles pointing forward and back (mirrored on a right-to-left
 * screen, as the kiosk's are). */
#define ICON_RIGHT "M1 0L10 5L1 10Z"
#define ICON_LEFT "M9 0L0 5L9 10Z"

static void slide_css(page *p)
{
	const pl_theme *t = p->theme;
	fprintf(p->f,
	        "html,body{margin:0;width:%dpx;height:%dpx;overflow:hidden}\n"
	        "body{display:flex;flex-direction:column;font-synthesis:none;line-height:%.2f;"
	        "background:",
	        p->w, p->h, p->m.line_height);
	put_rgb(p, t->background);
	fputs(";color:", p->f);
	put_rgb(p, t->text);
	fprintf(p->f,
	        "}\n.bar{display:flex;flex-wrap:wrap;align-items:center;gap:%dpx;"
	        "padding:%dpx %dpx;background:",
	        p->gap, p->gap, p->margin);
	put_rgb(p, t->bar);
	fprintf(p->f,
	        "}\n.bar .end{margin-inline-start:auto}.bar .end~.end{margin-inline-start:0}\n"
	        "button{min-width:%dpx;min-height:%dpx;padding:%dpx %dpx;border:%dpx solid ",
	        p->target, p->target, p->pad / 2, p->pad, p->edge);
	put_rgb(p, t->control_edge);
	fputs(";background:", p->f);
	put_rgb(p, t->control);
	fputs(";color:", p->f);
	put_rgb(p, t->control_text);
	fprintf(p->f, ";line-height:%.2f;display:inline-flex;align-items:center;gap:%dpx}\n",
	        p->m.line_height, p->pad / 2);
	fputs("button.on{background:", p->f);
	put_rgb(p, t->selected);
	fputs(";color:", p->f);
	put_rgb(p, t->selected_text);
	fprintf(p->f, "}\n.icon{width:%dpx;height:%dpx}\n", (int)lround(p->body * 0.9),
	        (int)lround(p->body * 0.9));
	fprintf(p->f,
	        "main{flex:1;overflow:hidden;display:flex;justify-content:center;gap:%dpx;"
	        "padding:%dpx %dpx}\n",
	        p->gap, p->gap, p->margin);
	fputs(".col{flex:none}\nh1,h2,h3,p,div,ol,ul{margin:0}\n", p->f);
	fprintf(p->f,
	        "main .body,main .sec,main .mark{margin-top:%ldpx}"
	        "main .title,main .heading,main .sub{margin-top:%ldpx}"
	        ".col>:first-child,.panel>:first-child,li>:first-child{margin-top:0}\n",
	        lround(p->body * p->m.paragraph_gap), lround(p->sub * p->m.paragraph_gap));
	fputs(".sec{color:", p->f);
	put_rgb(p, t->secondary);
	fputs("}.mark{color:", p->f);
	put_rgb(p, t->fallback);
	fputs("}\n.panel{margin-top:", p->f);
	fprintf(p->f, "%ldpx;padding:%dpx;border:%dpx solid ", lround(p->body * p->m.paragraph_gap),
	        p->pad, p->edge);
	put_rgb(p, t->panel_edge);
	fputs(";background:", p->f);
	put_rgb(p, t->panel);
	fputs(";color:", p->f);
	put_rgb(p, t->panel_text);
	fprintf(p->f,
	        "}\nol,ul{padding-inline-start:%ldpx}li::marker{color:", lround(p->body * 1.6));
	put_rgb(p, t->accent);
	fprintf(p->f,
	        "}ul.d0{list-style-type:\"\\2022  \"}ul.d1{list-style-type:\"\\2013  \"}"
	        "main li+li{margin-top:%ldpx}\n",
	        lround(p->body * p->m.paragraph_gap));
	fprintf(p->f,
	        ".centre{text-align:center}\n.choices{display:grid;gap:%dpx;margin-top:%dpx}\n"
	        ".aside{flex:none;text-align:center}\n.bottom{justify-content:space-between}\n"
	        ".bottom .pos{flex:1;text-align:center}\n",
	        p->gap, p->gap);
}

/* The choices of a poll: equal buttons in a grid, as many to a row as fit
 * (a 5-point scale in one row on a wide screen). */
static void put_choices(page *p, const pl_slide *s, int column)
{
	int cols = (int)s->n_choices;
	int bw = (column + p->gap) / (cols > 0 ? cols : 1) - p->gap;
	while (cols > 1 && bw < p->target * 2) {
		cols--;
		bw = (column + p->gap) / cols - p->gap;
	}
	fprintf(p->f, "<div class=\"choices\" style=\"grid-template-columns:repeat(%d,1fr)\">\n",
	        cols);
	for (size_t i = 0; i < s->n_choices; i++) {
		pl_tr_status status = PL_TR_TRANSLATED;
		const char *label = s->choices[i].label.src
		                            ? pl_text_get(&s->choices[i].label, p->cat, &status)
		                            : s->choices[i].key;
		bool fallback = !p->is_source && status != PL_TR_TRANSLATED;
		put_button(p, label, fallback ? p->deck->source_language : p->lang, NULL, false,
		           false);
	}
	fputs("</div>\n", p->f);
}

static bool survey_closed(const page *p)
{
	const pl_survey *sv = &p->deck->survey;
	return sv->url && sv->closes && (long long)time(NULL) >= sv->closes_utc;
}

/* "2023-04-14 17:00" from the deck's "2023-04-14T17:00:00-07:00". */
static const char *closing_time(const char *iso, char when[40])
{
	snprintf(when, 40, "%.10s", iso);
	if (strlen(iso) >= 16 && iso[10] == 'T')
		snprintf(when + 10, 30, " %.5s", iso + 11);
	return when;
}

static void put_slide_content(page *p, const pl_slide *s, int column)
{
	switch (s->kind) {
	case PL_SLIDE_TITLE:
		put_deck_text(p, "h1", &s->title, R_TITLE, NULL);
		put_deck_text(p, "p", &s->subtitle, R_SUBHEADING, NULL);
		put_head(p, s);
		break;
	case PL_SLIDE_STATEMENT:
		put_head(p, s);
		put_deck_text(p, "p", &s->text,
		              s->text.src && strlen(s->text.src) < 240 ? R_SUBHEADING : R_BODY,
		              NULL);
		break;
	case PL_SLIDE_VALUES:
		put_head(p, s);
		for (size_t i = 0; i < s->n_values; i++) {
			const pl_value *v = &s->values[i];
			fputs("<section class=\"panel\">\n", p->f);
			put_deck_text(p, "h3", &v->name, R_SUBHEADING, NULL);
			put_deck_text(p, "p", &v->statement, R_BODY, NULL);
			fputs("<ol class=\"d0\">\n", p->f);
			for (size_t b = 0; b < v->n_behaviours; b++) {
				fputs("<li>", p->f);
				put_deck_text(p, "div", &v->behaviours[b], R_BODY, NULL);
				fputs("</li>\n", p->f);
			}
			fputs("</ol></section>\n", p->f);
		}
		break;
	case PL_SLIDE_CARDS:
		put_head(p, s);
		for (size_t i = 0; i < s->n_cards; i++) {
			const pl_card *c = &s->cards[i];
			fputs("<section class=\"panel\">\n", p->f);
			put_deck_text(p, "p", &c->label, R_SECONDARY, NULL);
			put_deck_text(p, "h3", &c->title, R_SUBHEADING, NULL);
			put_deck_text(p, "p", &c->text, R_BODY, NULL);
			put_deck_text(p, "h4", &c->items_heading, R_SUBHEADING, NULL);
			put_items(p, c->items, c->n_items, c->numbered, 0);
			fputs("</section>\n", p->f);
		}
		break;
	case PL_SLIDE_LIST:
		put_head(p, s);
		put_items(p, s->items, s->n_items, s->numbered, 0);
		break;
	case PL_SLIDE_TABLE:
		put_head(p, s);
		for (size_t r = 0; r < s->n_rows; r++) {
			fputs("<section class=\"panel\">\n", p->f);
			for (size_t k = 0; k < s->n_columns; k++) {
				if (!s->rows[r].cells[k].src)
					continue;
				put_deck_text(p, "h3", &s->columns[k].label, R_SUBHEADING, NULL);
				put_deck_text(p, "p", &s->rows[r].cells[k], R_BODY, NULL);
			}
			fputs("</section>\n", p->f);
		}
		break;
	case PL_SLIDE_POLL:
		put_head(p, s);
		put_deck_text(p, "h3", &s->question, R_SUBHEADING, NULL);
		put_choices(p, s, column);
		break;
	case PL_SLIDE_SURVEY:
		put_head(p, s);
		if (survey_closed(p))
			put_para(p, "p",
			         chrome(p, N_("The survey is closed. Thank you to everyone who "
			                      "took part.")),
			         p->lang, R_SUBHEADING, NULL);
		put_deck_text(p, "p", &s->text, R_BODY, NULL);
		put_items(p, s->items, s->n_items, s->numbered, 0);
		break;
	}
	put_deck_text(p, "p", &s->outro, R_BODY, NULL);
}

/* The survey's QR code beside the text (the kiosk's wide-screen layout),
 * its short URL and closing time under it. Returns the aside's width, 0
 * when there is none. */
static int aside_width(page *p, const pl_slide *s, pl_qr *qr, char **url, int *module)
{
	const pl_survey *sv = &p->deck->survey;
	if (s->kind != PL_SLIDE_SURVEY || !sv->url || survey_closed(p))
		return 0;
	*url = pl_survey_url(sv->url, p->lang, p->site);
	if (!*url || pl_qr_encode(*url, qr) < 0)
		return 0;
	int side = qr->size + 2 * PL_QR_QUIET;
	int top = p->gap + p->target + p->gap;
	int area_h = p->h - 2 * top - 2 * p->gap;
	int room = (p->w < p->h ? p->w : p->h) * 2 / 5;
	if (room > area_h * 3 / 4)
		room = area_h * 3 / 4;
	*module = room / side < 3 ? 3 : room / side;
	int aside = side * *module + 2 * p->gap;
	return (int)lround(p->body * 14) > aside ? (int)lround(p->body * 14) : aside;
}

static void put_aside(page *p, const pl_qr *qr, int module, int width)
{
	const pl_survey *sv = &p->deck->survey;
	fprintf(p->f, "<aside class=\"aside\" style=\"width:%dpx\">\n", width - p->gap);
	put_qr(p, qr, (double)((qr->size + 2 * PL_QR_QUIET) * module), "px");
	put_para(p, "p", sv->short_url ? sv->short_url : sv->url, "en", R_SUBHEADING, NULL);
	if (sv->closes) {
		char when[40], line[200];
		snprintf(line, sizeof line, chrome(p, N_("Open until %s")),
		         closing_time(sv->closes, when));
		put_para(p, "p", line, p->lang, R_SECONDARY, NULL);
	}
	fputs("</aside>\n", p->f);
}

static int write_slide(page *p, int index)
{
	const pl_slide *s = &p->deck->slides[index];
	/* The kiosk's spacing units (screens.c, sizes()). */
	p->body = p->m.body_cap_mm * p->m.px_per_mm / 0.7;
	p->sub = p->m.sub_cap_mm * p->m.px_per_mm / 0.7;
	p->margin = pl_mm_px(&p->m, p->m.margin_mm);
	p->gap = pl_mm_px(&p->m, p->m.gap_mm);
	p->target = pl_mm_px(&p->m, p->m.target_mm);
	p->pad = pl_mm_px(&p->m, 4);
	p->edge = pl_mm_px(&p->m, 0.6) < 2 ? 2 : pl_mm_px(&p->m, 0.6);
	p->theme = pl_theme_get(PL_THEME_STANDARD);
	pl_qr qr = {0};
	char *url = NULL;
	int module = 0;
	int aside = aside_width(p, s, &qr, &url, &module);
	int column = (int)lround(p->body * 36);
	if (column > p->w - 2 * p->margin - aside)
		column = p->w - 2 * p->margin - aside;
	lang_class(p, p->lang);
	lang_class(p, p->deck->source_language);
	lang_class(p, "en");
	fprintf(p->f,
	        "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	        "<meta name=\"viewport\" content=\"width=%d\">\n<title>",
	        p->lang, p->rtl ? "rtl" : "ltr", p->w);
	put_text(p, pl_text_get(&p->deck->title, p->cat, NULL));
	fputs("</title>\n<style>\n", p->f);
	put_font_faces(p);
	put_role_sizes(p);
	slide_css(p);
	fputs("</style>\n</head>\n<body>\n<header class=\"bar\">\n", p->f);
	put_button(p, pl_lang_autonym(p->lang), p->lang, NULL, false, false);
	put_button(p, "A\xE2\x88\x92", "en", NULL, false, true); /* A− */
	put_button(p, "A+", "en", NULL, false, true);
	put_button(p, chrome(p, N_("Colours")), p->lang, NULL, false, true);
	put_button(p, chrome(p, N_("Play")), p->lang, p->rtl ? ICON_LEFT : ICON_RIGHT, true, true);
	fprintf(p->f, "</header>\n<main>\n<article class=\"col%s\" style=\"width:%dpx\">\n",
	        s->kind == PL_SLIDE_TITLE ? " centre" : "", column);
	put_slide_content(p, s, column);
	fputs("</article>\n", p->f);
	if (aside)
		put_aside(p, &qr, module, aside);
	fputs("</main>\n<footer class=\"bar bottom\">\n", p->f);
	if (index > 0)
		put_button(p, chrome(p, N_("Previous")), p->lang, p->rtl ? ICON_RIGHT : ICON_LEFT,
		           false, false);
	char pos[160];
	snprintf(pos, sizeof pos, chrome(p, N_("Slide %d of %d")), index + 1,
	         (int)p->deck->n_slides);
	fprintf(p->f, "<span class=\"pos f%d sec\">", lang_class(p, p->lang));
	put_text(p, pos);
	fputs("</span>\n", p->f);
	put_button(p, chrome(p, N_("Next")), p->lang, p->rtl ? ICON_LEFT : ICON_RIGHT, false, true);
	fputs("</footer>\n</body>\n</html>\n", p->f);
	if (aside)
		pl_qr_free(&qr);
	free(url);
	return 0;
}

/* ------------------------------------------------------------------ */
/* A handout, as placard-print handout prints it                        */

static void handout_css(page *p, bool a4)
{
	/* The footer's "Page %d of %d" around CSS page counters. */
	const char *version = chrome(p, N_("Version %s, %s"));
	const char *of = chrome(p, N_("Page %d of %d"));
	char first[256];
	snprintf(first, sizeof first, version, p->deck->version ? p->deck->version : "",
	         p->deck->date ? p->deck->date : "");
	fprintf(p->f,
	        "@page{size:%s;margin:0.75in 0.75in 0.9in 0.75in;"
	        "@bottom-%s{vertical-align:top;font-size:10pt;font-family:inherit;content:",
	        a4 ? "A4" : "letter", p->rtl ? "right" : "left");
	pl_strbuf parts = PL_STRBUF_INIT;
	pl_strbuf_addf(&parts, "%s  \xC2\xB7  ", first);
	const char *d1 = strstr(of, "%d");
	const char *d2 = d1 ? strstr(d1 + 2, "%d") : NULL;
	if (d1 && d2) {
		pl_strbuf_add(&parts, of, (size_t)(d1 - of));
		put_css_string(p, pl_strbuf_str(&parts));
		fputs(" counter(page) ", p->f);
		pl_strbuf_reset(&parts);
		pl_strbuf_add(&parts, d1 + 2, (size_t)(d2 - d1 - 2));
		put_css_string(p, pl_strbuf_str(&parts));
		fputs(" counter(pages) ", p->f);
		put_css_string(p, d2 + 2);
	} else {
		put_css_string(p, pl_strbuf_str(&parts));
	}
	pl_strbuf_release(&parts);
	fprintf(p->f, "}}\nhtml{font-synthesis:none;line-height:1.5;color:#000}\n"
	              "body{margin:0}\nh1,h2,h3,h4,p,div,ol,ul{margin:0}\n");
	for (int r = R_TITLE; r < N_ROLES; r++)
		fprintf(p->f, ".%s{margin-top:%.2fpt}", role_class[r],
		        PAPER[r].before * PAPER[r].size);
	fputs("\nh1,h2,h3,h4,.label,.district{break-after:avoid}p,div{break-inside:avoid}\n"
	      "ol,ul{padding-inline-start:24pt}ol ol,ul ul,ol ul,ul ol{margin-top:0}\n"
	      "ul.ticks{list-style:none}ul.ticks>li{position:relative}\n"
	      "ul.ticks>li::before{content:\"\";position:absolute;inset-inline-start:-15pt;"
	      "top:0.45em;width:9pt;height:9pt;border:0.96pt solid #000;box-sizing:border-box}\n"
	      ".qr{display:block;margin-top:7.2pt;break-after:avoid}\n",
	      p->f);
}

static void put_values_paper(page *p, const pl_slide *s)
{
	for (size_t i = 0; i < s->n_values; i++) {
		const pl_value *v = &s->values[i];
		put_deck_text(p, "h4", &v->name, R_SUBHEADING, NULL);
		put_deck_text(p, "p", &v->statement, R_BODY, NULL);
		if (v->n_behaviours == 0)
			continue;
		fputs("<ol>\n", p->f);
		for (size_t k = 0; k < v->n_behaviours; k++) {
			fputs("<li>", p->f);
			put_deck_text(p, "div", &v->behaviours[k], R_ITEM, NULL);
			fputs("</li>\n", p->f);
		}
		fputs("</ol>\n", p->f);
	}
}

static void format_closes(const char *closes, char *out, size_t size);

static void put_survey_paper(page *p, const pl_slide *s)
{
	put_deck_text(p, "p", &s->text, R_BODY, NULL);
	put_items(p, s->items, s->n_items, s->numbered, 0);
	const pl_survey *sv = &p->deck->survey;
	if (!sv->url)
		return;
	char *url = pl_survey_url(sv->url, p->lang, p->site);
	pl_qr qr;
	if (url && pl_qr_encode(url, &qr) == 0) {
		/* 32 mm of symbol, the quiet zone around it. */
		double side = 32.0 * (qr.size + 2 * PL_QR_QUIET) / qr.size;
		put_qr(p, &qr, side, "mm");
		pl_qr_free(&qr);
		put_para(p, "p", url, "en", R_ITEM, " dir=\"ltr\"");
	}
	free(url);
	if (sv->short_url)
		put_para(p, "p", sv->short_url, "en", R_LABEL, " dir=\"ltr\"");
	if (sv->closes) {
		char when[96], line[256];
		format_closes(sv->closes, when, sizeof when);
		snprintf(line, sizeof line, chrome(p, N_("The survey closes %s.")), when);
		put_para(p, "p", line, p->lang, R_BODY, NULL);
	}
}

/* "2023-04-14T17:00:00-07:00" as "2023-04-14 17:00 (UTC-07:00)", as the
 * handout prints it. */
static void format_closes(const char *closes, char *out, size_t size)
{
	size_t n = strlen(closes);
	const char *zone = n > 19 ? closes + 19 : "";
	if (n >= 16 && closes[10] == 'T') {
		if (*zone == '.')
			zone += strspn(zone + 1, "0123456789") + 1;
		if (strcmp(zone, "Z") == 0)
			zone = "+00:00";
		snprintf(out, size, "%.10s %.5s%s%s%s", closes, closes + 11, *zone ? " (UTC" : "",
		         zone, *zone ? ")" : "");
	} else {
		snprintf(out, size, "%s", closes);
	}
}

static void put_slide_paper(page *p, const pl_slide *s)
{
	if (s->kind == PL_SLIDE_TITLE) {
		put_deck_text(p, "h2", &s->title, R_TITLE, NULL);
		put_deck_text(p, "p", &s->subtitle, R_SUBTITLE, NULL);
	}
	put_head(p, s);
	switch (s->kind) {
	case PL_SLIDE_TITLE:
		break;
	case PL_SLIDE_STATEMENT:
		put_deck_text(p, "p", &s->text, R_BODY, NULL);
		break;
	case PL_SLIDE_VALUES:
		put_values_paper(p, s);
		break;
	case PL_SLIDE_CARDS:
		for (size_t i = 0; i < s->n_cards; i++) {
			const pl_card *c = &s->cards[i];
			put_deck_text(p, "p", &c->label, R_LABEL, NULL);
			put_deck_text(p, "h4", &c->title, R_SUBHEADING, NULL);
			put_deck_text(p, "p", &c->text, R_BODY, NULL);
			put_deck_text(p, "p", &c->items_heading, R_LABEL, NULL);
			put_items(p, c->items, c->n_items, c->numbered, 0);
		}
		break;
	case PL_SLIDE_LIST:
		put_items(p, s->items, s->n_items, s->numbered, 0);
		break;
	case PL_SLIDE_TABLE:
		for (size_t r = 0; r < s->n_rows; r++)
			for (size_t k = 0; k < s->n_columns; k++) {
				if (!s->rows[r].cells[k].src)
					continue;
				put_deck_text(p, "h4", &s->columns[k].label,
				              k == 0 ? R_SUBHEADING : R_LABEL, NULL);
				put_deck_text(p, "p", &s->rows[r].cells[k], R_BODY, NULL);
			}
		break;
	case PL_SLIDE_POLL:
		put_deck_text(p, "h4", &s->question, R_SUBHEADING, NULL);
		fputs("<ul class=\"ticks\">\n", p->f);
		for (size_t i = 0; i < s->n_choices; i++) {
			fputs("<li>", p->f);
			put_deck_text(p, "div", &s->choices[i].label, R_ITEM, NULL);
			fputs("</li>\n", p->f);
		}
		fputs("</ul>\n", p->f);
		break;
	case PL_SLIDE_SURVEY:
		put_survey_paper(p, s);
		break;
	}
	put_deck_text(p, "p", &s->outro, R_BODY, NULL);
}

static int write_handout(page *p, bool a4)
{
	lang_class(p, p->lang);
	lang_class(p, p->deck->source_language);
	lang_class(p, "en");
	fprintf(p->f,
	        "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\" class=\"f0\">\n<head>\n"
	        "<meta charset=\"utf-8\">\n<title>",
	        p->lang, p->rtl ? "rtl" : "ltr");
	put_text(p, pl_text_get(&p->deck->title, p->cat, NULL));
	fputs("</title>\n", p->f);
	const char *district = pl_text_get(&p->deck->district, p->cat, NULL);
	if (district) {
		fputs("<meta name=\"author\" content=\"", p->f);
		put_text(p, district);
		fputs("\">\n", p->f);
	}
	fputs("<style>\n", p->f);
	put_font_faces(p);
	put_role_sizes(p);
	handout_css(p, a4);
	fputs("</style>\n</head>\n<body>\n", p->f);
	put_deck_text(p, "p", &p->deck->district, R_DISTRICT, NULL);
	put_deck_text(p, "h1", &p->deck->title, R_TITLE, NULL);
	for (size_t i = 0; i < p->deck->n_slides; i++) {
		fputs("<section>\n", p->f);
		put_slide_paper(p, &p->deck->slides[i]);
		fputs("</section>\n", p->f);
	}
	fputs("</body>\n</html>\n", p->f);
	return 0;
}

/* ------------------------------------------------------------------ */
/* The command                                                          */

typedef struct html_args {
	const char *deck, *lang, *output, *site;
	int slide; /* from 1; 0: the handout */
	bool handout, a4;
	int w, h;
} html_args;

static void html_usage(FILE *f)
{
	fputs("Usage: placard-print html DECK --lang L (--slide N | --handout) [-o FILE.html]\n"
	      "                            [--size WxH] [--paper letter|a4] [--site SITE]\n"
	      "Writes the deck as a web page with the kiosk's (a slide, laid out for a\n"
	      "WxH window, default 1920x1080) or the handout's (--handout) fonts, sizes and\n"
	      "text: the peer Chromium renders in the benchmarks (bench/README.md).\n",
	      f);
}

/* A whole number in range, or false: atoi would read "2x" as 2 and "x"
 * as 0 without a word (CERT ERR34-C). */
static bool whole_number(const char *s, long lo, long hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

static int parse_html_args(print_ctx *ctx, int argc, char **argv, html_args *a)
{
	static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
	                                     {"lang", required_argument, NULL, 'l'},
	                                     {"slide", required_argument, NULL, 'n'},
	                                     {"handout", no_argument, NULL, 'H'},
	                                     {"size", required_argument, NULL, 'z'},
	                                     {"paper", required_argument, NULL, 'p'},
	                                     {"site", required_argument, NULL, 's'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:l:h", opts, NULL)) != -1) {
		if (c == 'o') {
			a->output = optarg;
		} else if (c == 'l') {
			a->lang = optarg;
		} else if (c == 'n') {
			if (!whole_number(optarg, 1, INT_MAX, &a->slide)) {
				fprintf(ctx->err, "placard-print html: --slide counts from 1\n");
				return EXIT_USAGE;
			}
		} else if (c == 'H') {
			a->handout = true;
		} else if (c == 'z') {
			char *x = strchr(optarg, 'x');
			if (x)
				*x = '\0'; /* WxH: W, then H */
			if (!x || !whole_number(optarg, 320, 8192, &a->w) ||
			    !whole_number(x + 1, 240, 8192, &a->h)) {
				fprintf(ctx->err, "placard-print html: --size takes WxH, e.g. "
				                  "1920x1080\n");
				return EXIT_USAGE;
			}
		} else if (c == 'p') {
			if (strcmp(optarg, "a4") != 0 && strcmp(optarg, "letter") != 0) {
				fprintf(ctx->err, "placard-print html: --paper is letter or a4\n");
				return EXIT_USAGE;
			}
			a->a4 = strcmp(optarg, "a4") == 0;
		} else if (c == 's') {
			a->site = optarg;
		} else if (c == 'h') {
			html_usage(ctx->out);
			return EXIT_CLEAN;
		} else {
			fprintf(ctx->err, "placard-print html: unknown option; see --help\n");
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1 || !a->lang || (a->slide > 0) == a->handout) {
		html_usage(ctx->err);
		return EXIT_USAGE;
	}
	if (!pl_bcp47_valid(a->lang) || (a->site && !pl_slug_valid(a->site))) {
		fprintf(ctx->err, "placard-print html: not a language tag or site name\n");
		return EXIT_USAGE;
	}
	a->deck = argv[optind];
	return -1;
}

static int open_page(page *p, const html_args *a)
{
	bool offered = false, failed = false;
	for (size_t i = 0; i < p->deck->n_languages; i++)
		offered |= strcmp(p->deck->languages[i], a->lang) == 0;
	if (!offered) {
		pl_diags_add(p->diags, PL_ERROR, p->deck->file, 0, 0,
		             "the deck does not offer language '%s'", a->lang);
		return -1;
	}
	if (a->slide > 0 && (size_t)a->slide > p->deck->n_slides) {
		pl_diags_add(p->diags, PL_ERROR, p->deck->file, 0, 0,
		             "--slide is 1 to %zu for this deck", p->deck->n_slides);
		return -1;
	}
	p->lang = a->lang;
	p->rtl = pl_lang_is_rtl(a->lang);
	p->is_source = strcmp(a->lang, p->deck->source_language) == 0;
	p->site = a->site ? a->site : p->deck->default_site;
	p->cat = pl_deck_catalog_load(p->deck, a->lang, p->diags, &failed);
	if (failed)
		return -1;
	pl_diags chrome_diags = PL_DIAGS_INIT;
	p->chrome = pl_chrome_load(a->lang, &chrome_diags);
	pl_diags_free(&chrome_diags);
	pl_strbuf dir = PL_STRBUF_INIT;
	if (pl_strbuf_addf(&dir, "%s/fonts", pl_data_dir()) == 0)
		p->fonts = pl_fonts_open(pl_strbuf_str(&dir), p->diags);
	pl_strbuf_release(&dir);
	if (!p->fonts)
		return -1;
	/* The kiosk's defaults: a 24-inch display seen from 1.5 m, text at
	 * 100 % (core/kiosk_config.c). */
	pl_kconfig cfg;
	pl_kconfig_defaults(&cfg);
	p->w = a->w;
	p->h = a->h;
	pl_metrics_compute(&p->m, a->w, a->h, cfg.diagonal_in, cfg.distance_m, cfg.text_scale);
	return 0;
}

int cmd_html(print_ctx *ctx, int argc, char **argv)
{
	html_args a = {NULL, NULL, NULL, NULL, 0, false, false, 1920, 1080};
	int rc = parse_html_args(ctx, argc, argv, &a);
	if (rc >= 0)
		return rc;
	pl_diags diags = PL_DIAGS_INIT;
	page p;
	memset(&p, 0, sizeof p);
	p.diags = &diags;
	p.paper = a.handout;
	p.deck = pl_deck_load(a.deck, &diags);
	rc = EXIT_PROBLEMS;
	if (p.deck && open_page(&p, &a) == 0) {
		bool to_stdout = !a.output || strcmp(a.output, "-") == 0;
		p.f = to_stdout ? stdout : fopen(a.output, "w");
		if (!p.f) {
			pl_diags_add(&diags, PL_ERROR, a.output, 0, 0, "cannot write");
		} else {
			int w = a.handout ? write_handout(&p, a.a4) : write_slide(&p, a.slide - 1);
			bool bad = ferror(p.f) != 0;
			if (!to_stdout)
				bad |= fclose(p.f) != 0;
			else
				bad |= fflush(p.f) != 0;
			if (bad)
				pl_diags_add(&diags, PL_ERROR, a.output ? a.output : "-", 0, 0,
				             "cannot write");
			rc = w == 0 && !bad ? EXIT_CLEAN : EXIT_PROBLEMS;
		}
	}
	if (rc == EXIT_CLEAN && diags.errors)
		rc = EXIT_PROBLEMS;
	pl_diags_print(&diags, ctx->err);
	pl_diags_free(&diags);
	pl_catalog_free(p.cat);
	pl_catalog_free(p.chrome);
	pl_fonts_free(p.fonts);
	pl_deck_free((pl_deck *)p.deck);
	return rc;
}
