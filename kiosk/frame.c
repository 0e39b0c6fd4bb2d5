/*
 * frame.c: the placeholder and specimen frames (see frame.h).
 *
 * Every string goes through the core's layout (UAX #14 breaks, UAX #9
 * bidi, per-language font chains) and draw.c; nothing here wraps or
 * shapes text itself. Sizes follow BRIEF section 4 at the default 24-inch
 * 1080p display: body text about 1/28 of the height (cap height about
 * 6 mm), headings about 1/18 and bold, lines 1.5 x the size (WCAG 1.4.12),
 * paragraphs further apart, flush left or flush right in a right-to-left
 * language, never justified. Ink is #1A1A1A on white: 17.4:1 (WCAG 1.4.6
 * asks 7:1).
 */
#include "frame.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "placard/layout.h"
#include "placard/translate.h"

#define _(s) pl_catalog_get(chrome, NULL, (s), NULL)

static const SDL_Color INK = {0x1A, 0x1A, 0x1A, 0xFF};
static const double LINE_HEIGHT = 1.5;

/* How one paragraph is set. */
typedef struct para_style {
	const char *lang;      /* of the frame: direction and line breaking */
	const char *font_lang; /* whose font chain: the text's own language */
	pl_weight weight;
	double size;
	bool centre; /* each line centred (the placeholder's title) */
} para_style;

/* A deck string in the frame's language. A string without a translation
 * comes back in the source language with its status, and the frame marks
 * it (never an empty box). */
static const char *frame_get(const frame_text *ft, const pl_text *t, pl_tr_status *status)
{
	const char *s = pl_text_get(t, ft->content, status);
	if (ft->is_source)
		*status = PL_TR_TRANSLATED;
	return s;
}

/* Notes a drawn run for --boxes: its box and its logical text, with tabs
 * and line ends turned to spaces so that the line stays one record. */
static void note_run(void *ctx, const pl_layout *layout, const pl_run *run, SDL_Rect box)
{
	FILE *out = ctx;
	fprintf(out, "%d\t%d\t%d\t%d\t", box.x, box.y, box.w, box.h);
	for (size_t i = run->start; i < run->end; i++) {
		char c = layout->text[i];
		fputc(c == '\t' || c == '\n' || c == '\r' ? ' ' : c, out);
	}
	fputc('\n', out);
}

/* Moves each line's runs so that the line's ink is centred in width. */
static void centre_lines(pl_layout *layout, double width)
{
	for (size_t l = 0; l < layout->n_lines; l++) {
		pl_line *line = &layout->lines[l];
		if (line->n_runs == 0)
			continue;
		double left = line->runs[0].x, right = left;
		for (size_t r = 0; r < line->n_runs; r++) {
			const pl_run *run = &line->runs[r];
			left = fmin(left, run->x);
			right = fmax(right, run->x + run->width);
		}
		double shift = (width - (right - left)) / 2 - left;
		for (size_t r = 0; r < line->n_runs; r++)
			line->runs[r].x += shift;
	}
}

/* Lays text out in box (its x, y and width; its height is the room left)
 * and draws it when it fits. Returns 0 with the height used in *used, 1
 * when it does not fit (nothing drawn), -1 on error. */
static int show(const frame_ink *ink, SDL_Surface *dst, const char *text, const para_style *style,
                SDL_Rect box, int *used)
{
	pl_font_chain chain;
	pl_fonts_chain(ink->fonts, style->font_lang, style->weight, false, &chain);
	pl_draw_set_chain(ink->draw, &chain);
	pl_layout_params params = {style->lang, style->size, box.w, LINE_HEIGHT, chain.n};
	pl_measure measure = pl_draw_measure(ink->draw);
	pl_layout *layout = pl_layout_paragraph(text, strlen(text), &params, &measure);
	if (!layout)
		return -1;
	int rc = 1;
	*used = (int)ceil(layout->height);
	if (*used <= box.h) {
		if (style->centre)
			centre_lines(layout, box.w);
		rc = pl_draw_layout(ink->draw, dst, layout, style->size, box.x, box.y, INK,
		                    ink->boxes ? note_run : NULL, ink->boxes);
	}
	pl_layout_free(layout);
	return pl_draw_error(ink->draw) ? -1 : rc;
}

/* Headings, titles and questions are set large and bold. */
static bool is_heading(const char *id)
{
	const char *last = strrchr(id, '/');
	last = last ? last + 1 : id;
	return strcmp(last, "heading") == 0 || strcmp(last, "title") == 0 ||
	       strcmp(last, "question") == 0;
}

int frame_specimen(SDL_Surface *dst, const frame_text *ft, const frame_ink *ink)
{
	const pl_catalog *chrome = ft->chrome;
	const char *marker = _("(not yet translated)");
	double body = dst->h / 28.0, heading = dst->h / 18.0;
	int margin_x = dst->w / 20, margin_y = dst->h / 20;
	SDL_Rect box = {margin_x, margin_y, dst->w - 2 * margin_x, dst->h - 2 * margin_y};
	int gap = (int)lround(body * 0.75); /* paragraphs further apart than lines */
	int rc = 0, used = 0;
	SDL_FillRect(dst, NULL, SDL_MapRGB(dst->format, 0xFF, 0xFF, 0xFF));
	for (size_t i = 0; i < ft->deck->n_texts; i++) {
		const pl_text *t = ft->deck->texts[i];
		pl_tr_status st;
		const char *s = frame_get(ft, t, &st);
		if (!s || !*s)
			continue;
		bool big = is_heading(t->id);
		para_style style = {ft->lang, ft->lang, big ? PL_BOLD : PL_REGULAR,
		                    big ? heading : body, false};
		/* A fallback is set in its own language's faces but placed as
		 * the frame's language places text (flush right in RTL). */
		if (st != PL_TR_TRANSLATED)
			style.font_lang = ft->deck->source_language;
		int fit = show(ink, dst, s, &style, box, &used);
		if (fit < 0)
			rc = -1;
		if (fit == 1)
			break; /* as many as fit, in the deck's order */
		box.y += used;
		box.h -= used;
		if (st != PL_TR_TRANSLATED) {
			para_style note = {ft->lang, ft->lang, PL_REGULAR, body, false};
			fit = show(ink, dst, marker, &note, box, &used);
			if (fit < 0)
				rc = -1;
			if (fit == 1)
				break;
			box.y += used;
			box.h -= used;
		}
		box.y += gap;
		box.h -= gap;
	}
	return rc;
}
