/*
 * results.c: "placard-print results STORE... -o report.pdf [--csv FILE]
 * [--deck DECK]": what the kiosks of a consultation collected, merged and
 * counted, for the host to print and share.
 *
 * The stores are merged in memory (pl_votes_merge_memory): each is opened
 * read-only and never changed, each vote id counts once however many copies
 * of a store are given, and a damaged store is reported, left out, and
 * named in the report (exit status 1). Votes of different decks or deck
 * versions are never added together: a poll is its deck id, deck version
 * and poll id, and the report says when several are present.
 *
 * For each poll: a bar chart of the votes per choice, then the same for
 * each language and each site. Every bar has its count and percentage
 * written beside it (WCAG 1.4.1: colour is never the only carrier), and
 * an outlined track, so the bar's length reads in greyscale too. With
 * --deck the polls and choices carry the deck's words (its source
 * language); without it, their ids. The report's own words are in the
 * host's language, like everything placard-print says.
 *
 * --csv writes the merged votes as RFC 4180, as "votes export" does.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"
#include "placard/arena.h"
#include "placard/chrome.h"
#include "placard/deck.h"
#include "placard/strbuf.h"
#include "placard/vote_store.h"
#include "print.h"

#define MARGIN 54.0 /* three quarters of an inch */
#define TITLE_SIZE 24.0
#define HEADING_SIZE 16.0
#define SUBHEADING_SIZE 13.0
#define BODY_SIZE 11.0
#define LINE_HEIGHT 1.5 /* WCAG 1.4.12 */
#define LABEL_WIDTH 170.0
#define BAR_WIDTH 220.0
#define GAP 10.0
#define BAR_RGB 0.12, 0.30, 0.58 /* 8.6:1 on white */
#define TRACK_RGB 0.45, 0.45, 0.45

/* The merged votes, one row per (deck, version, poll, choice, lang, site),
 * in that order. */
typedef struct tally {
	pl_arena arena;
	pl_vote_group *groups;
	size_t n, cap;
} tally;

/* One poll: a run of groups sharing deck, version and poll. */
typedef struct poll_view {
	const pl_vote_group *groups;
	size_t n;
	const pl_slide *slide; /* from --deck, or NULL */
	const char **choices;  /* in the deck's order, then any others by id */
	size_t n_choices;
} poll_view;

typedef enum by_field { BY_ALL, BY_LANG, BY_SITE } by_field;

typedef struct report {
	print_ctx *ctx;
	pl_diags *diags;
	const pl_deck *deck; /* --deck, or NULL */
	pl_fonts *fonts;
	pdf_doc *doc;
	const char *host_lang; /* the report's own words */
	pl_arena scratch;      /* per-poll lists */
	double y;              /* top of what comes next */
} report;

/* ------------------------------------------------------------------ */
/* Collecting                                                           */

static int collect(void *ctx, const pl_vote_group *g)
{
	tally *t = ctx;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		pl_vote_group *grown =
		        pl_arena_grow(&t->arena, t->groups, t->n, cap, sizeof(*grown));
		if (!grown)
			return -1;
		t->groups = grown;
		t->cap = cap;
	}
	pl_vote_group *c = &t->groups[t->n];
	c->deck = pl_arena_strdup(&t->arena, g->deck);
	c->deck_version = pl_arena_strdup(&t->arena, g->deck_version);
	c->poll = pl_arena_strdup(&t->arena, g->poll);
	c->choice = pl_arena_strdup(&t->arena, g->choice);
	c->lang = pl_arena_strdup(&t->arena, g->lang);
	c->site = pl_arena_strdup(&t->arena, g->site);
	c->n = g->n;
	if (!c->deck || !c->deck_version || !c->poll || !c->choice || !c->lang || !c->site)
		return -1;
	t->n++;
	return 0;
}

static bool same_poll(const pl_vote_group *a, const pl_vote_group *b)
{
	return strcmp(a->deck, b->deck) == 0 && strcmp(a->deck_version, b->deck_version) == 0 &&
	       strcmp(a->poll, b->poll) == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool listed(const char **list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

/* The distinct values of a field over the poll's groups, sorted; or the
 * choices, the deck's first. NULL when out of memory. */
static const char **values_of(report *r, const poll_view *pv, by_field field, size_t *n_out)
{
	size_t cap = pv->n + (pv->slide ? pv->slide->n_choices : 0);
	const char **list = pl_arena_alloc(&r->scratch, (cap ? cap : 1) * sizeof(*list));
	size_t n = 0, fixed = 0;
	if (!list)
		return NULL;
	if (field == BY_ALL && pv->slide)
		for (size_t i = 0; i < pv->slide->n_choices; i++)
			list[n++] = pv->slide->choices[i].key;
	fixed = n;
	for (size_t i = 0; i < pv->n; i++) {
		const pl_vote_group *g = &pv->groups[i];
		const char *v = field == BY_LANG ? g->lang : field == BY_SITE ? g->site : g->choice;
		if (!listed(list, n, v))
			list[n++] = v;
	}
	qsort(list + fixed, n - fixed, sizeof(*list), cmp_str);
	*n_out = n;
	return list;
}

/* Votes for choice among the groups whose field is value (BY_ALL: all). */
static int64_t count(const poll_view *pv, const char *choice, by_field field, const char *value)
{
	int64_t n = 0;
	for (size_t i = 0; i < pv->n; i++) {
		const pl_vote_group *g = &pv->groups[i];
		if (choice && strcmp(g->choice, choice) != 0)
			continue;
		if ((field == BY_LANG && strcmp(g->lang, value) != 0) ||
		    (field == BY_SITE && strcmp(g->site, value) != 0))
			continue;
		n += g->n;
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* Text                                                                 */

/* Lays out text in lang and, when draw is set, draws it at x, top in a box
 * width wide. *height: the paragraph's height. Returns 0 or -1. */
static int text_box(report *r, const char *text, const char *lang, pl_weight weight, double size,
                    double x, double top, double width, bool draw, double *height)
{
	pl_font_chain chain;
	pl_fonts_chain(r->fonts, lang, weight, false, &chain);
	pdf_chain pc = {r->doc, &chain};
	pl_measure measure = pdf_chain_measure(&pc);
	pl_layout_params params = {lang, size, width, LINE_HEIGHT, chain.n};
	pl_layout *layout = pl_layout_paragraph(text, strlen(text), &params, &measure);
	if (!layout) {
		pl_diags_add(r->diags, PL_ERROR, NULL, 0, 0, "out of memory");
		return -1;
	}
	int rc = 0;
	for (size_t i = 0; draw && i < layout->n_lines && rc == 0; i++)
		rc = pdf_draw_line(&pc, layout, i, size, x, top + (double)i * layout->line_height,
		                   NULL, NULL);
	*height = layout->height;
	pl_layout_free(layout);
	return rc;
}

static int new_page(report *r)
{
	if (pdf_add_page(r->doc, PDF_LETTER_WIDTH, PDF_LETTER_HEIGHT) < 0)
		return -1;
	r->y = MARGIN;
	return 0;
}

/* Starts a new page unless need points fit under r->y. */
static int make_room(report *r, double need)
{
	if (r->y + need <= PDF_LETTER_HEIGHT - MARGIN)
		return 0;
	return new_page(r);
}

/* A paragraph across the text column, then space_after. */
static int paragraph(report *r, const char *text, const char *lang, pl_weight weight, double size,
                     double space_after)
{
	double width = PDF_LETTER_WIDTH - 2 * MARGIN, h;
	if (text_box(r, text, lang, weight, size, 0, 0, width, false, &h) < 0 ||
	    make_room(r, h) < 0 ||
	    text_box(r, text, lang, weight, size, MARGIN, r->y, width, true, &h) < 0)
		return -1;
	r->y += h + space_after;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Charts                                                               */

/* The label of a choice: the deck's words when it knows the choice. */
static const char *choice_label(const report *r, const poll_view *pv, const char *choice,
                                const char **lang)
{
	*lang = r->host_lang;
	for (size_t i = 0; pv->slide && i < pv->slide->n_choices; i++) {
		const pl_choice *c = &pv->slide->choices[i];
		if (strcmp(c->key, choice) == 0 && c->label.src) {
			*lang = r->deck->source_language;
			return c->label.src;
		}
	}
	return choice;
}

/* One bar: the label, an outlined track with the bar in it, and the count
 * and percentage in words beside it. */
static int bar_row(report *r, const poll_view *pv, const char *choice, int64_t n, int64_t total)
{
	print_ctx *ctx = r->ctx;
	const char *lang;
	const char *label = choice_label(r, pv, choice, &lang);
	double h;
	if (text_box(r, label, lang, PL_REGULAR, BODY_SIZE, 0, 0, LABEL_WIDTH, false, &h) < 0)
		return -1;
	double row = h > BODY_SIZE * LINE_HEIGHT ? h : BODY_SIZE * LINE_HEIGHT;
	if (make_room(r, row + 4) < 0)
		return -1;
	double pct = total ? 100.0 * (double)n / (double)total : 0;
	pl_strbuf value = PL_STRBUF_INIT;
	if (pl_strbuf_addf(&value, _("%lld (%.0f%%)"), (long long)n, pct) < 0) {
		pl_diags_add(r->diags, PL_ERROR, NULL, 0, 0, "out of memory");
		return -1;
	}
	double bar_x = MARGIN + LABEL_WIDTH + GAP;
	double bar_top = r->y + BODY_SIZE * 0.25, bar_h = BODY_SIZE * LINE_HEIGHT - BODY_SIZE * 0.5;
	double value_x = bar_x + BAR_WIDTH + GAP;
	int rc = text_box(r, label, lang, PL_REGULAR, BODY_SIZE, MARGIN, r->y, LABEL_WIDTH, true,
	                  &h);
	if (rc == 0 && n > 0)
		rc = pdf_fill_rect(r->doc, bar_x, bar_top, BAR_WIDTH * pct / 100.0, bar_h, BAR_RGB);
	if (rc == 0)
		rc = pdf_stroke_rect(r->doc, bar_x, bar_top, BAR_WIDTH, bar_h, 0.75, TRACK_RGB);
	if (rc == 0)
		rc = text_box(r, pl_strbuf_str(&value), r->host_lang, PL_REGULAR, BODY_SIZE,
		              value_x, r->y, PDF_LETTER_WIDTH - MARGIN - value_x, true, &h);
	pl_strbuf_release(&value);
	r->y += row + 4;
	return rc;
}

/* A chart of the poll's choices among the votes whose field is value. */
static int chart(report *r, const poll_view *pv, by_field field, const char *value)
{
	int64_t total = count(pv, NULL, field, value);
	int rc = 0;
	for (size_t i = 0; i < pv->n_choices && rc == 0; i++)
		rc = bar_row(r, pv, pv->choices[i], count(pv, pv->choices[i], field, value), total);
	r->y += BODY_SIZE;
	return rc;
}

/* "es: 4 votes" over a chart of the votes in es; the same for sites. */
static int breakdown(report *r, const poll_view *pv, by_field field)
{
	print_ctx *ctx = r->ctx;
	size_t n;
	const char **values = values_of(r, pv, field, &n);
	if (!values)
		return -1;
	const char *heading = field == BY_LANG ? _("By language") : _("By site");
	/* A heading is never left alone at the bottom of a page. */
	if (make_room(r, 4 * SUBHEADING_SIZE * LINE_HEIGHT) < 0 ||
	    paragraph(r, heading, r->host_lang, PL_BOLD, SUBHEADING_SIZE, 2) < 0)
		return -1;
	pl_strbuf sb = PL_STRBUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		int64_t total = count(pv, NULL, field, values[i]);
		pl_strbuf_reset(&sb);
		rc = pl_strbuf_addf(&sb, "%s: ", values[i]);
		if (rc == 0)
			rc = pl_strbuf_addf(&sb,
			                    NG_("%lld vote", "%lld votes", (unsigned long)total),
			                    (long long)total);
		/* A chart of a few bars is kept on one page with its heading. */
		if (rc == 0)
			rc = make_room(r, ((double)pv->n_choices + 1.5) *
			                          (BODY_SIZE * LINE_HEIGHT + 4));
		if (rc == 0)
			rc = paragraph(r, pl_strbuf_str(&sb), r->host_lang, PL_BOLD, BODY_SIZE, 0);
		if (rc == 0)
			rc = chart(r, pv, field, values[i]);
	}
	pl_strbuf_release(&sb);
	return rc;
}

/* The deck's poll slide for this poll, when --deck is that deck. */
static const pl_slide *poll_slide(const report *r, const pl_vote_group *g)
{
	if (!r->deck || strcmp(r->deck->id, g->deck) != 0)
		return NULL;
	const pl_slide *s = pl_deck_find_slide(r->deck, g->poll);
	return s && s->kind == PL_SLIDE_POLL ? s : NULL;
}

static int draw_poll(report *r, poll_view *pv)
{
	print_ctx *ctx = r->ctx;
	const pl_vote_group *g = &pv->groups[0];
	pv->slide = poll_slide(r, g);
	pv->choices = values_of(r, pv, BY_ALL, &pv->n_choices);
	if (!pv->choices)
		return -1;
	bool worded = pv->slide && pv->slide->question.src;
	const char *question = worded ? pv->slide->question.src : g->poll;
	const char *lang = worded ? r->deck->source_language : r->host_lang;
	int64_t total = count(pv, NULL, BY_ALL, NULL);
	pl_strbuf sb = PL_STRBUF_INIT;
	int rc = pl_strbuf_addf(&sb, _("Poll %s, deck %s, version %s"), g->poll, g->deck,
	                        g->deck_version);
	if (rc == 0)
		rc = pl_strbuf_adds(&sb, ": ");
	if (rc == 0)
		rc = pl_strbuf_addf(&sb, NG_("%lld vote", "%lld votes", (unsigned long)total),
		                    (long long)total);
	if (rc == 0)
		rc = make_room(r, 6 * HEADING_SIZE * LINE_HEIGHT);
	if (rc == 0)
		rc = paragraph(r, question, lang, PL_BOLD, HEADING_SIZE, 0);
	if (rc == 0)
		rc = paragraph(r, pl_strbuf_str(&sb), r->host_lang, PL_REGULAR, BODY_SIZE, 6);
	if (rc == 0)
		rc = chart(r, pv, BY_ALL, NULL);
	if (rc == 0)
		rc = breakdown(r, pv, BY_LANG);
	if (rc == 0)
		rc = breakdown(r, pv, BY_SITE);
	r->y += HEADING_SIZE;
	pl_strbuf_release(&sb);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The report                                                           */

/* How many (deck, version) pairs the votes hold. */
static int count_decks(const tally *t)
{
	int n = 0;
	for (size_t i = 0; i < t->n; i++)
		if (i == 0 || strcmp(t->groups[i].deck, t->groups[i - 1].deck) != 0 ||
		    strcmp(t->groups[i].deck_version, t->groups[i - 1].deck_version) != 0)
			n++;
	return n;
}

/* The title, the totals, and notes on stores left out and decks kept
 * apart. */
static int draw_front(report *r, const tally *t, const char *const *stores, const bool *skipped,
                      size_t n_stores)
{
	print_ctx *ctx = r->ctx;
	int64_t votes = 0;
	size_t used = 0;
	for (size_t i = 0; i < t->n; i++)
		votes += t->groups[i].n;
	for (size_t i = 0; i < n_stores; i++)
		used += !skipped[i];
	if (paragraph(r, _("Survey results"), r->host_lang, PL_BOLD, TITLE_SIZE, 4) < 0)
		return -1;
	if (r->deck && r->deck->title.src &&
	    paragraph(r, r->deck->title.src, r->deck->source_language, PL_BOLD, HEADING_SIZE, 4) <
	            0)
		return -1;
	pl_strbuf sb = PL_STRBUF_INIT;
	int rc = pl_strbuf_addf(&sb, NG_("%lld vote", "%lld votes", (unsigned long)votes),
	                        (long long)votes);
	if (rc == 0)
		rc = pl_strbuf_adds(&sb, " ");
	if (rc == 0)
		rc = pl_strbuf_addf(&sb,
		                    NG_("from %zu vote store, each vote counted once",
		                        "from %zu vote stores, each vote counted once", used),
		                    used);
	if (rc == 0)
		rc = paragraph(r, pl_strbuf_str(&sb), r->host_lang, PL_REGULAR, BODY_SIZE, 4);
	for (size_t i = 0; i < n_stores && rc == 0; i++) {
		if (!skipped[i])
			continue;
		pl_strbuf_reset(&sb);
		rc = pl_strbuf_addf(&sb, _("Left out, damaged or unreadable: %s"), stores[i]);
		if (rc == 0)
			rc = paragraph(r, pl_strbuf_str(&sb), r->host_lang, PL_BOLD, BODY_SIZE, 4);
	}
	int decks = count_decks(t);
	if (decks > 1 && rc == 0) {
		pl_strbuf_reset(&sb);
		rc = pl_strbuf_addf(&sb,
		                    _("These votes come from %d decks or deck versions; each is "
		                      "counted apart."),
		                    decks);
		if (rc == 0)
			rc = paragraph(r, pl_strbuf_str(&sb), r->host_lang, PL_BOLD, BODY_SIZE, 4);
	}
	r->y += HEADING_SIZE;
	pl_strbuf_release(&sb);
	return rc;
}

static int write_report(report *r, const tally *t, const char *const *stores, const bool *skipped,
                        size_t n_stores, const char *output)
{
	print_ctx *ctx = r->ctx;
	pl_strbuf title = PL_STRBUF_INIT;
	int rc = pl_strbuf_adds(&title, _("Survey results"));
	if (rc == 0 && r->deck && r->deck->title.src)
		rc = pl_strbuf_addf(&title, ": %s", r->deck->title.src);
	if (rc == 0)
		rc = pdf_set_info(r->doc, pl_strbuf_str(&title),
		                  r->deck ? r->deck->district.src : NULL);
	if (rc == 0)
		rc = pdf_set_lang(r->doc, r->host_lang);
	if (rc == 0)
		rc = new_page(r);
	if (rc == 0)
		rc = draw_front(r, t, stores, skipped, n_stores);
	if (rc == 0 && t->n == 0)
		rc = paragraph(r, _("No votes yet."), r->host_lang, PL_REGULAR, BODY_SIZE, 0);
	for (size_t i = 0; i < t->n && rc == 0;) {
		size_t j = i + 1;
		while (j < t->n && same_poll(&t->groups[i], &t->groups[j]))
			j++;
		poll_view pv = {&t->groups[i], j - i, NULL, NULL, 0};
		rc = draw_poll(r, &pv);
		i = j;
	}
	if (rc == 0)
		rc = pdf_save(r->doc, output);
	pl_strbuf_release(&title);
	return rc;
}

/* The merged votes as CSV, the stores that merged cleanly only (the others
 * were reported already). */
static int write_csv(report *r, const char *path, const char *const *stores, const bool *skipped,
                     size_t n_stores)
{
	const char **good = malloc((n_stores ? n_stores : 1) * sizeof(*good));
	FILE *f = good ? fopen(path, "w") : NULL;
	if (!f) {
		pl_diags_add(r->diags, PL_ERROR, path, 0, 0, "cannot write: %s",
		             good ? strerror(errno) : "out of memory");
		free(good);
		return -1;
	}
	size_t n = 0;
	for (size_t i = 0; i < n_stores; i++)
		if (!skipped[i])
			good[n++] = stores[i];
	pl_diags quiet = PL_DIAGS_INIT;
	int64_t rows = pl_votes_export_csv(good, n, f, false, &quiet);
	pl_diags_free(&quiet);
	int closed = fclose(f);
	free(good);
	if (rows < 0 || closed != 0) {
		pl_diags_add(r->diags, PL_ERROR, path, 0, 0, "cannot write the CSV");
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* The command                                                          */

typedef struct results_args {
	const char *output, *csv, *deck;
	int first, n; /* the stores: argv[first] .. */
} results_args;

static int parse_args(print_ctx *ctx, int argc, char **argv, results_args *a)
{
	static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
	                                     {"csv", required_argument, NULL, 'c'},
	                                     {"deck", required_argument, NULL, 'd'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		if (c == 'o') {
			a->output = optarg;
		} else if (c == 'c') {
			a->csv = optarg;
		} else if (c == 'd') {
			a->deck = optarg;
		} else if (c == 'h') {
			fprintf(ctx->out, "%s",
			        _("Usage: placard-print results STORE... -o REPORT.pdf [--csv "
			          "FILE] "
			          "[--deck DECK]\n"));
			return EXIT_CLEAN;
		} else {
			return EXIT_USAGE;
		}
	}
	if (optind >= argc || !a->output) {
		fprintf(ctx->err, "%s",
		        _("placard-print results: name one or more vote stores and -o "
		          "REPORT.pdf\n"));
		return EXIT_USAGE;
	}
	a->first = optind;
	a->n = argc - optind;
	return -1;
}

static int run(report *r, const results_args *a, char **argv)
{
	const char *const *stores = (const char *const *)argv + a->first;
	size_t n_stores = (size_t)a->n;
	bool *skipped = calloc(n_stores, sizeof(*skipped));
	tally t = {{0}, NULL, 0, 0};
	pl_vote_store *merged =
	        skipped ? pl_votes_merge_memory(stores, n_stores, skipped, r->diags) : NULL;
	int rc = merged ? 0 : -1;
	if (rc == 0 && pl_vote_store_groups(merged, collect, &t) != 0) {
		pl_diags_add(r->diags, PL_ERROR, NULL, 0, 0, "cannot count the merged votes");
		rc = -1;
	}
	if (rc == 0)
		rc = write_report(r, &t, stores, skipped, n_stores, a->output);
	if (rc == 0 && a->csv)
		rc = write_csv(r, a->csv, stores, skipped, n_stores);
	pl_vote_store_close(merged);
	pl_arena_free(&t.arena);
	free(skipped);
	return rc;
}

int cmd_results(print_ctx *ctx, int argc, char **argv)
{
	results_args a = {NULL, NULL, NULL, 0, 0};
	int rc = parse_args(ctx, argc, argv, &a);
	if (rc >= 0)
		return rc;
	pl_diags diags = PL_DIAGS_INIT;
	char host_lang[32];
	report r = {ctx, &diags, NULL, NULL, NULL, pl_env_language(host_lang, sizeof host_lang),
	            {0}, 0};
	pl_deck *deck = NULL;
	rc = EXIT_PROBLEMS;
	if (a.deck && !(deck = pl_deck_load(a.deck, &diags)))
		goto out;
	r.deck = deck;
	pl_strbuf dir = PL_STRBUF_INIT;
	if (pl_strbuf_addf(&dir, "%s/fonts", pl_data_dir()) == 0)
		r.fonts = pl_fonts_open(pl_strbuf_str(&dir), &diags);
	pl_strbuf_release(&dir);
	if (r.fonts)
		r.doc = pdf_open(&diags);
	if (r.doc && run(&r, &a, argv) == 0 && diags.errors == 0)
		rc = EXIT_CLEAN;
out:
	pl_diags_print(&diags, ctx->err);
	pl_diags_free(&diags);
	pdf_close(r.doc);
	pl_fonts_free(r.fonts);
	pl_arena_free(&r.scratch);
	pl_deck_free(deck);
	return rc;
}
