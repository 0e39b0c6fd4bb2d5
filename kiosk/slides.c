/*
 * slides.c: the deck's slides as screens. One function per slide kind
 * turns the slide into pieces (paragraphs with a role, an indent and a
 * marker, grouped into panels for cards, values and table rows; the QR
 * code; poll choices); the pieces are laid out by the core at the column's
 * width, then paginated: a piece that does not fit continues on the next
 * screen at a line boundary (at least two lines on each side where it has
 * more than three), a heading stays with what follows it, and the visitor
 * sees "2 of 3". Nothing is shrunk below the sizes of pl_metrics and
 * nothing is clipped (BRIEF sections 1 and 4, WCAG 1.4.4, 1.4.10).
 *
 * The column is at most about 36 em of body text wide (about 70 Latin
 * characters, RNIB Clear Print) and centred; text inside it is flush to
 * the start side, never justified.
 */
#include "compose.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "placard/translate.h"

#define _(s) compose_chrome(c, (s))

typedef enum piece_kind { PIECE_TEXT, PIECE_QR, PIECE_CHOICE, PIECE_NOTICE } piece_kind;

typedef struct piece {
	piece_kind kind;
	const char *text, *id, *font_lang;
	bool fallback;
	sc_role role;
	int indent;                   /* px from the start side */
	char marker[24];              /* "•", "3." in the indent */
	int group;                    /* panel, -1 for none */
	bool keep;                    /* keep with the next piece (headings, labels) */
	bool centre;                  /* lines centred (title slides) */
	int space_before;             /* px, dropped at the top of a screen */
	sc_text t;                    /* PIECE_TEXT: laid out */
	int height;                   /* PIECE_QR, PIECE_CHOICE: the block's height */
	const pl_slide *poll;         /* PIECE_CHOICE: the poll, whose choices are one block */
	int cols, button_w, button_h; /* PIECE_CHOICE: its grid */
} piece;

typedef struct pieces {
	piece *items;
	int n, cap;
	int group; /* the panel being filled, -1 for none */
	int groups;
	bool qr_aside; /* the survey's QR goes beside the text, not in its flow */
	bool oom;
} pieces;

const char *compose_deck_text(const compose *c, const pl_text *t, bool *fallback)
{
	pl_tr_status status = PL_TR_TRANSLATED;
	const char *s = t->src ? pl_text_get(t, c->content, &status) : NULL;
	*fallback = !c->is_source && status != PL_TR_TRANSLATED;
	return s;
}

static piece *add(pieces *ps)
{
	if (ps->n == ps->cap) {
		int cap = ps->cap ? 2 * ps->cap : 32;
		piece *grown = realloc(ps->items, (size_t)cap * sizeof *grown);
		if (!grown) {
			ps->oom = true;
			return NULL;
		}
		ps->items = grown;
		ps->cap = cap;
	}
	piece *p = &ps->items[ps->n++];
	memset(p, 0, sizeof *p);
	p->group = ps->group;
	return p;
}

/* A deck string as a piece, in the screen's language or marked. */
static void text_piece(const compose *c, pieces *ps, const pl_text *t, sc_role role, int indent,
                       const char *marker)
{
	bool fallback;
	const char *s = compose_deck_text(c, t, &fallback);
	if (!s || !*s)
		return;
	piece *p = add(ps);
	if (!p)
		return;
	p->kind = PIECE_TEXT;
	p->text = s;
	p->id = t->id;
	p->fallback = fallback;
	p->font_lang = fallback ? c->deck->source_language : c->lang;
	p->role = role;
	p->indent = indent;
	if (marker)
		snprintf(p->marker, sizeof p->marker, "%s", marker);
	p->keep = role == SC_HEADING || role == SC_SUBHEADING || role == SC_TITLE;
	double gap = c->s->metrics.paragraph_gap;
	p->space_before =
	        (int)lround((role == SC_BODY || role == SC_SECONDARY ? c->body : c->sub) * gap);
}

static void open_group(pieces *ps)
{
	ps->group = ps->groups++;
}

static void close_group(pieces *ps)
{
	ps->group = -1;
}

static void items_pieces(const compose *c, pieces *ps, const pl_item *items, size_t n,
                         bool numbered, int depth)
{
	/* Each level indents by the marker's room: 2 em of body text. */
	int indent = (int)lround(c->body * 1.6) * (depth + 1);
	for (size_t i = 0; i < n && depth < PL_DECK_MAX_LIST_DEPTH; i++) {
		char marker[24];
		if (numbered)
			snprintf(marker, sizeof marker, "%zu.", i + 1);
		else
			snprintf(marker, sizeof marker, "%s", depth % 2 ? "–" : "•");
		text_piece(c, ps, &items[i].text, SC_BODY, indent, marker);
		items_pieces(c, ps, items[i].children, items[i].n_children, items[i].numbered,
		             depth + 1);
	}
}

static void head_pieces(const compose *c, pieces *ps, const pl_slide *slide)
{
	text_piece(c, ps, &slide->heading, SC_HEADING, 0, NULL);
	text_piece(c, ps, &slide->subheading, SC_SUBHEADING, 0, NULL);
	text_piece(c, ps, &slide->intro, SC_BODY, 0, NULL);
}

/* The closing time as people write it: "2023-04-14 17:00" from the deck's
 * ISO 8601 "2023-04-14T17:00:00-07:00" (the zone is the district's own). */
static const char *closing_time(const char *iso, char when[40])
{
	snprintf(when, 40, "%.10s", iso);
	if (strlen(iso) >= 16 && iso[10] == 'T')
		snprintf(when + 10, 30, " %.5s", iso + 11);
	return when;
}

static void survey_pieces(compose *c, pieces *ps, const pl_slide *slide, const screen_state *st)
{
	const pl_survey *sv = &c->deck->survey;
	bool closed = sv->url && sv->closes && st->now > 0 && st->now >= sv->closes_utc;
	/* Closed: said first, before the questions it no longer asks. */
	if (closed) {
		piece *p = add(ps);
		if (p) {
			p->kind = PIECE_TEXT;
			p->text = _("The survey is closed. Thank you to everyone who took part.");
			p->id = "survey-closed";
			p->font_lang = c->lang;
			p->role = SC_SUBHEADING;
			p->space_before = (int)lround(c->body);
		}
	}
	text_piece(c, ps, &slide->text, SC_BODY, 0, NULL);
	items_pieces(c, ps, slide->items, slide->n_items, slide->numbered, 0);
	if (!sv->url || closed || ps->qr_aside)
		return;
	piece *p = add(ps);
	if (p) {
		p->kind = PIECE_QR;
		p->space_before = (int)lround(c->body);
	}
	p = add(ps);
	if (p) {
		p->kind = PIECE_TEXT;
		p->text = sv->short_url ? sv->short_url : sv->url;
		p->id = "survey-url";
		p->font_lang = "en";
		p->role = SC_SUBHEADING;
		p->centre = true;
	}
	if (sv->closes) {
		static char buf[160];
		char when[40];
		snprintf(buf, sizeof buf, _("Open until %s"), closing_time(sv->closes, when));
		p = add(ps);
		if (p) {
			p->kind = PIECE_TEXT;
			p->text = buf;
			p->id = "survey-closes";
			p->font_lang = c->lang;
			p->role = SC_SECONDARY;
			p->centre = true;
		}
	}
}

/* The poll's notices, in the order of POLL_*. */
static const char *poll_notice(const compose *c, int status)
{
	switch (status) {
	case POLL_THANKS:
		return _("Thank you. Your answer is saved.");
	case POLL_SAVING:
		return _("Saving your answer…");
	case POLL_PAUSED:
		return _("Voting is paused. Your answer was not saved. Please tell a host.");
	default:
		return NULL;
	}
}

static void poll_pieces(compose *c, pieces *ps, const pl_slide *slide, const screen_state *st)
{
	text_piece(c, ps, &slide->question, SC_SUBHEADING, 0, NULL);
	piece *p = NULL;
	/* With no store to keep votes (read-only, missing), the kiosk runs
	 * without polls: the question, and why there is nothing to press. */
	if (!st->voting_off) {
		p = add(ps);
		if (!p)
			return;
		p->kind = PIECE_CHOICE;
		p->poll = slide;
		p->id = slide->id;
		p->space_before = c->gap;
	}
	/* Room for the notice is kept under the choices whether it shows or
	 * not, where the screen has it, so that a vote never moves what is
	 * on screen; when the notice falls on the next screen, the kiosk shows
	 * that one (kiosk_compose). */
	p = add(ps);
	if (!p)
		return;
	p->kind = PIECE_NOTICE;
	p->text = poll_notice(c, st->voting_off ? POLL_PAUSED : st->poll_status);
	p->id = "poll-notice";
	p->font_lang = c->lang;
	p->role = SC_BODY;
	p->space_before = c->gap;
}

/* A choice's label in the screen's language, or the source's. */
static const char *choice_label(const compose *c, const pl_choice *choice, const char **lang)
{
	bool fallback;
	const char *label = compose_deck_text(c, &choice->label, &fallback);
	*lang = fallback ? c->deck->source_language : c->lang;
	return label ? label : choice->key;
}

/* The choices as a grid of equal buttons: a 5-point scale in one row on a
 * wide screen, one under another on a narrow one. */
static void choices_grid(compose *c, piece *p, int column)
{
	const pl_slide *poll = p->poll;
	int n = (int)poll->n_choices, bw = c->target, bh = c->target;
	for (int i = 0; i < n; i++) {
		const char *lang;
		const char *label = choice_label(c, &poll->choices[i], &lang);
		int w, h;
		compose_button_size(c, label, lang, ICON_NONE, &w, &h);
		bw = w > bw ? w : bw;
		bh = h > bh ? h : bh;
	}
	int cols = (column + c->gap) / (bw + c->gap);
	cols = cols > n ? n : cols;
	cols = cols < 1 ? 1 : cols; /* a poll has choices, but never divide by 0 */
	/* Rows of equal length read better than 4 + 1. */
	if (cols < n && cols > 1)
		cols = cols >= (n + 1) / 2 ? (n + 1) / 2 : cols;
	int rows = n > 0 ? (n + cols - 1) / cols : 0;
	p->cols = cols;
	p->button_w = (column - (cols - 1) * c->gap) / cols;
	p->button_h = bh;
	p->height = rows > 0 ? rows * bh + (rows - 1) * c->gap : 0;
}

static void emit_choices(compose *c, const piece *p, int x0, int y, int column,
                         const screen_state *st)
{
	const pl_slide *poll = p->poll;
	for (size_t i = 0; i < poll->n_choices; i++) {
		int col = (int)i % p->cols, row = (int)i / p->cols;
		const char *lang;
		const char *label = choice_label(c, &poll->choices[i], &lang);
		char id[SC_ID_MAX];
		snprintf(id, sizeof id, "vote:%s", poll->choices[i].key);
		bool chosen = st->voted && strcmp(st->voted, poll->choices[i].key) == 0;
		int x = compose_start_x(c, col * (p->button_w + c->gap), p->button_w, x0, column);
		compose_button(c, id, label, lang, NULL, ICON_NONE, x,
		               y + row * (p->button_h + c->gap), p->button_w, p->button_h, chosen);
	}
}

/* The slide as pieces, in reading order. */
static void slide_pieces(compose *c, pieces *ps, const pl_slide *slide, const screen_state *st)
{
	switch (slide->kind) {
	case PL_SLIDE_TITLE:
		text_piece(c, ps, &slide->title, SC_TITLE, 0, NULL);
		text_piece(c, ps, &slide->subtitle, SC_SUBHEADING, 0, NULL);
		head_pieces(c, ps, slide);
		for (int i = 0; i < ps->n; i++)
			ps->items[i].centre = true;
		break;
	case PL_SLIDE_STATEMENT:
		head_pieces(c, ps, slide);
		/* A mission or vision is the slide: set larger than body
		 * when it is short enough to read that way. */
		text_piece(c, ps, &slide->text,
		           slide->text.src && strlen(slide->text.src) < 240 ? SC_SUBHEADING
		                                                            : SC_BODY,
		           0, NULL);
		if (ps->n > 0)
			ps->items[ps->n - 1].keep = false;
		break;
	case PL_SLIDE_VALUES:
		head_pieces(c, ps, slide);
		for (size_t i = 0; i < slide->n_values; i++) {
			const pl_value *v = &slide->values[i];
			open_group(ps);
			text_piece(c, ps, &v->name, SC_SUBHEADING, 0, NULL);
			text_piece(c, ps, &v->statement, SC_BODY, 0, NULL);
			for (size_t b = 0; b < v->n_behaviours; b++) {
				char marker[24];
				snprintf(marker, sizeof marker, "%zu.", b + 1);
				text_piece(c, ps, &v->behaviours[b], SC_BODY,
				           (int)lround(c->body * 1.6), marker);
			}
			close_group(ps);
		}
		break;
	case PL_SLIDE_CARDS:
		head_pieces(c, ps, slide);
		for (size_t i = 0; i < slide->n_cards; i++) {
			const pl_card *card = &slide->cards[i];
			open_group(ps);
			text_piece(c, ps, &card->label, SC_SECONDARY, 0, NULL);
			if (ps->n > 0 && ps->items[ps->n - 1].group == ps->group)
				ps->items[ps->n - 1].keep = true;
			text_piece(c, ps, &card->title, SC_SUBHEADING, 0, NULL);
			text_piece(c, ps, &card->text, SC_BODY, 0, NULL);
			text_piece(c, ps, &card->items_heading, SC_SUBHEADING, 0, NULL);
			items_pieces(c, ps, card->items, card->n_items, card->numbered, 0);
			close_group(ps);
		}
		break;
	case PL_SLIDE_LIST:
		head_pieces(c, ps, slide);
		items_pieces(c, ps, slide->items, slide->n_items, slide->numbered, 0);
		break;
	case PL_SLIDE_TABLE:
		/* Each row a panel, each cell under its column's label: a
		 * table that reads at large type on any screen. */
		head_pieces(c, ps, slide);
		for (size_t r = 0; r < slide->n_rows; r++) {
			open_group(ps);
			for (size_t k = 0; k < slide->n_columns; k++) {
				if (!slide->rows[r].cells[k].src)
					continue;
				text_piece(c, ps, &slide->columns[k].label, SC_SUBHEADING, 0, NULL);
				text_piece(c, ps, &slide->rows[r].cells[k], SC_BODY, 0, NULL);
			}
			close_group(ps);
		}
		break;
	case PL_SLIDE_POLL:
		head_pieces(c, ps, slide);
		poll_pieces(c, ps, slide, st);
		break;
	case PL_SLIDE_SURVEY:
		head_pieces(c, ps, slide);
		survey_pieces(c, ps, slide, st);
		break;
	}
	text_piece(c, ps, &slide->outro, SC_BODY, 0, NULL);
}

/* After each run of strings shown in the source language, the marker in
 * the visitor's language: visible, but once per run rather than after
 * every line of a list. */
static void mark_fallbacks(compose *c, pieces *ps)
{
	for (int i = 0; i < ps->n; i++) {
		piece *p = &ps->items[i];
		if (!p->fallback || (i + 1 < ps->n && ps->items[i + 1].fallback &&
		                     ps->items[i + 1].group == p->group))
			continue;
		piece *m = add(ps);
		if (!m)
			return;
		p = &ps->items[i]; /* add may have moved the array */
		memmove(&ps->items[i + 2], &ps->items[i + 1],
		        (size_t)(ps->n - i - 2) * sizeof *ps->items);
		m = &ps->items[i + 1];
		memset(m, 0, sizeof *m);
		m->kind = PIECE_TEXT;
		m->text = _("(not yet translated)");
		m->id = "mark";
		m->font_lang = c->lang;
		m->role = SC_MARK;
		m->group = p->group;
		m->indent = p->indent;
		m->centre = p->centre;
		i++;
	}
}

/* The QR code's module size: as large as fits a third of the screen's
 * shorter side and the content area, at least 3 px (crisp: whole pixels). */
static int qr_module(const compose *c, const pl_qr *qr)
{
	int side = qr->size + 2 * PL_QR_QUIET;
	int room = c->s->w < c->s->h ? c->s->w : c->s->h;
	room = room * 2 / 5;
	if (room > c->area_h * 3 / 4)
		room = c->area_h * 3 / 4;
	int module = room / side;
	return module < 3 ? 3 : module;
}

/* Lays every piece out at its width. */
static void measure(compose *c, pieces *ps, int column, const pl_qr *qr)
{
	for (int i = 0; i < ps->n; i++) {
		piece *p = &ps->items[i];
		int pad = p->group >= 0 ? c->pad : 0;
		int width = column - p->indent - 2 * pad;
		if (p->kind == PIECE_TEXT) {
			if (!compose_text(c, &p->t, p->text, p->font_lang, p->role, width))
				p->height = 0;
			else
				p->height = (int)ceil(p->t.layout->height);
		} else if (p->kind == PIECE_QR) {
			p->height = qr ? (qr->size + 2 * PL_QR_QUIET) * qr_module(c, qr) : 0;
		} else if (p->kind == PIECE_NOTICE) {
			/* As tall as the tallest notice, whichever shows. */
			p->height = 0;
			for (int status = POLL_THANKS; status <= POLL_SAVING; status++) {
				sc_text t;
				if (!compose_text(c, &t, poll_notice(c, status), p->font_lang,
				                  p->role, width))
					continue;
				int h = (int)ceil(t.layout->height);
				p->height = h > p->height ? h : p->height;
				pl_layout_free(t.layout);
			}
			if (p->text &&
			    !compose_text(c, &p->t, p->text, p->font_lang, p->role, width))
				p->t.layout = NULL;
		} else {
			/* Choices may use the whole width: a scale reads best in
			 * one row, and it is large targets, not long lines. */
			choices_grid(c, p, c->area_w);
		}
	}
}

/* One piece (or some of its lines) placed on a screen. */
typedef struct placed {
	int piece, first, last, y;
} placed;

typedef struct plan {
	placed *items;
	int n, cap;
	int pages;
	bool oom;
} plan;

static void place(plan *pl, int index, int first, int last, int y)
{
	if (pl->n == pl->cap) {
		int cap = pl->cap ? 2 * pl->cap : 64;
		placed *grown = realloc(pl->items, (size_t)cap * sizeof *grown);
		if (!grown) {
			pl->oom = true;
			return;
		}
		pl->items = grown;
		pl->cap = cap;
	}
	pl->items[pl->n++] = (placed){index, first, last, y};
}

static int lines_of(const piece *p)
{
	return p->kind == PIECE_TEXT && p->t.layout ? (int)p->t.layout->n_lines : 1;
}

static int line_h(const piece *p)
{
	int h = p->kind == PIECE_TEXT && p->t.layout ? (int)lround(p->t.layout->line_height)
	                                             : p->height;
	return h > 0 ? h : 1; /* pagination divides by it */
}

/* Panel padding: above a group's first piece and below its last. */
static int group_top(const pieces *ps, int i, const compose *c)
{
	const piece *p = &ps->items[i];
	return p->group >= 0 && (i == 0 || ps->items[i - 1].group != p->group) ? c->pad : 0;
}

static int group_bottom(const pieces *ps, int i, const compose *c)
{
	const piece *p = &ps->items[i];
	return p->group >= 0 && (i + 1 == ps->n || ps->items[i + 1].group != p->group) ? c->pad : 0;
}

/* Splits the pieces into screens of height room. Each placed item's y is
 * page * room + offset, so that one array holds every screen. */
static void paginate(const compose *c, const pieces *ps, int room, plan *pl)
{
	int page = 0, y = 0;
	for (int i = 0; i < ps->n; i++) {
		const piece *p = &ps->items[i];
		if (p->height == 0)
			continue;
		int n = lines_of(p), lh = line_h(p);
		int before = (y == 0 ? 0 : p->space_before) + group_top(ps, i, c);
		int after = group_bottom(ps, i, c);
		/* What must fit here: all of a short piece, two lines of a long
		 * one; a heading needs the next piece's first lines too. */
		int need = before + (n <= 3 ? n : 2) * lh + (n <= 3 ? after : 0);
		if (p->keep && i + 1 < ps->n) {
			const piece *q = &ps->items[i + 1];
			int qn = lines_of(q);
			need = before + n * lh + q->space_before + (qn <= 3 ? qn : 2) * line_h(q);
		}
		if (y > 0 && y + need > room) {
			/* A poll's room for a notice it has not got yet never makes
			 * a screen of its own (it would be blank). */
			if (p->kind == PIECE_NOTICE && !p->t.layout)
				continue;
			page++;
			y = 0;
			before = group_top(ps, i, c);
		}
		int line = 0;
		while (line < n) {
			int fit = (room - y - before) / lh;
			if (fit < 1)
				fit = y == 0 ? 1 : 0; /* a line taller than a screen still shows */
			int take = n - line < fit ? n - line : fit;
			/* Leave at least two lines for the next screen. */
			if (take < n - line && n - line - take == 1 && take > 2)
				take--;
			if (take > 0) {
				place(pl, i, line, line + take, page * room + y + before);
				y += before + take * lh;
				line += take;
			}
			before = 0;
			if (line < n) {
				page++;
				y = 0;
			}
		}
		y += after;
	}
	pl->pages = page + 1;
}

/* Puts one screen's pieces into the scene: panels first, then text,
 * markers, choices and the QR code. */
static void emit(compose *c, pieces *ps, const plan *pl, int page, int room, int column_x,
                 int column, pl_qr *qr, const screen_state *st)
{
	scene *s = c->s;
	int from = page * room, to = from + room;
	/* Vertically centred when the slide is a title and fits one screen. */
	int shift = 0;
	if (pl->pages == 1 && ps->n > 0 && ps->items[0].centre) {
		int bottom = 0;
		for (int k = 0; k < pl->n; k++) {
			const piece *p = &ps->items[pl->items[k].piece];
			bottom = pl->items[k].y +
			         (pl->items[k].last - pl->items[k].first) * line_h(p);
		}
		shift = (room - bottom) / 3;
	}
	/* Panels around each group's pieces on this screen. */
	for (int g = 0; g < ps->groups; g++) {
		int top = -1, bottom = -1;
		for (int k = 0; k < pl->n; k++) {
			const placed *pc = &pl->items[k];
			const piece *p = &ps->items[pc->piece];
			if (p->group != g || pc->y < from || pc->y >= to)
				continue;
			int y0 = pc->y - from, y1 = y0 + (pc->last - pc->first) * line_h(p);
			if (top < 0 || y0 < top)
				top = y0;
			if (y1 > bottom)
				bottom = y1;
		}
		if (top < 0)
			continue;
		int edge = pl_mm_px(&s->metrics, 0.5) < 1 ? 1 : pl_mm_px(&s->metrics, 0.5);
		sc_rect r = {column_x,
		             c->area_y + shift + top - c->pad,
		             column,
		             bottom - top + 2 * c->pad,
		             c->theme->panel,
		             true,
		             c->theme->panel_edge,
		             edge,
		             "panel"};
		scene_add_rect(s, &r);
	}
	for (int k = 0; k < pl->n; k++) {
		const placed *pc = &pl->items[k];
		if (pc->y < from || pc->y >= to)
			continue;
		piece *p = &ps->items[pc->piece];
		int y = c->area_y + shift + pc->y - from;
		int pad = p->group >= 0 ? c->pad : 0;
		pl_rgb bg = p->group >= 0 ? c->theme->panel : c->theme->background;
		int width = column - p->indent - 2 * pad;
		int x = compose_start_x(c, p->indent + pad, width, column_x, column);
		if (p->kind == PIECE_QR && qr) {
			int module = qr_module(c, qr);
			int side = (qr->size + 2 * PL_QR_QUIET) * module;
			s->qr.present = true;
			s->qr.qr = *qr;
			memset(qr, 0, sizeof *qr);
			s->qr.module = module;
			s->qr.x = column_x + (column - side) / 2;
			s->qr.y = y;
			/* Dark modules on light, in every theme (ISO/IEC 18004
			 * readers expect it; inverted codes fail on many phones). */
			s->qr.dark = (pl_rgb){0, 0, 0};
			s->qr.light = (pl_rgb){0xFF, 0xFF, 0xFF};
			continue;
		}
		if (p->kind == PIECE_CHOICE) {
			emit_choices(c, p, c->area_x, y, c->area_w, st);
			continue;
		}
		if (p->kind == PIECE_NOTICE && !p->t.layout)
			continue; /* room kept, nothing to say */
		if (!p->t.layout)
			continue;
		sc_text t = p->t;
		t.first_line = pc->first;
		t.last_line = pc->last;
		if (p->kind == PIECE_NOTICE) { /* placed whole, as one block */
			t.first_line = 0;
			t.last_line = (int)t.layout->n_lines;
		}
		if (p->centre)
			for (int li = pc->first; li < pc->last; li++) {
				pl_line *line = &t.layout->lines[li];
				if (line->n_runs == 0)
					continue;
				double left = line->runs[0].x, right = left;
				for (size_t r = 0; r < line->n_runs; r++) {
					left = fmin(left, line->runs[r].x);
					right = fmax(right, line->runs[r].x + line->runs[r].width);
				}
				double move = (width - (right - left)) / 2 - left;
				for (size_t r = 0; r < line->n_runs; r++)
					line->runs[r].x += move;
			}
		t.x = x;
		t.y = y;
		t.bg = bg;
		t.id = p->id;
		t.fallback = p->fallback;
		if (p->group >= 0 && t.role != SC_SECONDARY)
			t.fg = c->theme->panel_text;
		if (p->marker[0] && pc->first == 0) {
			sc_text m;
			int room_w = (int)lround(c->body * 1.4);
			if (compose_text(c, &m, p->marker, p->font_lang, SC_BODY, room_w)) {
				m.x = compose_start_x(c, p->indent + pad - room_w, room_w, column_x,
				                      column);
				m.y = y;
				m.bg = bg;
				m.fg = c->theme->accent;
				m.id = "marker";
				if (scene_add_text(s, &m) < 0)
					pl_layout_free(m.layout);
			}
		}
		if (scene_add_text(s, &t) < 0)
			continue;
		p->t.layout = NULL; /* the scene owns it now */
	}
}

/* The survey's QR code beside the text on a wide screen: at the end
 * side, its short URL and closing date under it. */
static void qr_aside(compose *c, pl_qr *qr, int module, int x, int width)
{
	scene *s = c->s;
	int side = (qr->size + 2 * PL_QR_QUIET) * module;
	s->qr.present = true;
	s->qr.qr = *qr;
	memset(qr, 0, sizeof *qr);
	s->qr.module = module;
	s->qr.x = x + (width - side) / 2;
	s->qr.y = c->area_y;
	s->qr.dark = (pl_rgb){0, 0, 0};
	s->qr.light = (pl_rgb){0xFF, 0xFF, 0xFF};
	const pl_survey *sv = &c->deck->survey;
	int y = c->area_y + side + c->gap;
	char closes[160] = "", when[40];
	if (sv->closes)
		snprintf(closes, sizeof closes, _("Open until %s"), closing_time(sv->closes, when));
	const char *lines[] = {sv->short_url ? sv->short_url : sv->url, closes};
	const char *ids[] = {"survey-url", "survey-closes"};
	for (int i = 0; i < 2; i++) {
		sc_text t;
		if (!compose_text(c, &t, lines[i], i == 0 ? "en" : c->lang,
		                  i == 0 ? SC_SUBHEADING : SC_SECONDARY, width))
			continue;
		int h = (int)ceil(t.layout->height);
		if (y + h > c->area_y + c->area_h) {
			pl_layout_free(t.layout);
			break;
		}
		for (size_t l = 0; l < t.layout->n_lines; l++) {
			pl_line *line = &t.layout->lines[l];
			double shift =
			        (width - line->width) / 2 - (line->n_runs ? line->runs[0].x : 0);
			for (size_t r = 0; r < line->n_runs; r++)
				line->runs[r].x += shift;
		}
		t.x = x;
		t.y = y;
		t.id = ids[i];
		if (scene_add_text(s, &t) < 0)
			pl_layout_free(t.layout);
		y += h;
	}
}

int compose_slide(compose *c, int slide_index, int page, const screen_state *st, int *pages)
{
	*pages = 1;
	if (slide_index < 0 || (size_t)slide_index >= c->deck->n_slides)
		return -1;
	const pl_slide *slide = &c->deck->slides[slide_index];
	pl_qr qr = {0};
	bool have_qr = false;
	char *url = NULL;
	const pl_survey *sv = &c->deck->survey;
	bool closed = sv->closes && st->now > 0 && st->now >= sv->closes_utc;
	if (slide->kind == PL_SLIDE_SURVEY && sv->url && !closed) {
		url = pl_survey_url(sv->url, c->lang, c->site);
		have_qr = url && pl_qr_encode(url, &qr) == 0;
	}
	pieces ps = {.group = -1};
	/* A wide screen shows the code beside the text, on every page. */
	ps.qr_aside = have_qr && c->area_w > c->area_h * 6 / 5;
	slide_pieces(c, &ps, slide, st);
	if (!c->is_source)
		mark_fallbacks(c, &ps);
	/* The column: about 36 em of body text, centred; a title slide is
	 * all large type and takes the whole width. */
	int column = slide->kind == PL_SLIDE_TITLE ? c->area_w : (int)lround(c->body * 36);
	int module = have_qr ? qr_module(c, &qr) : 0;
	int aside = ps.qr_aside ? (qr.size + 2 * PL_QR_QUIET) * module + 2 * c->gap : 0;
	if (aside > 0 && (int)lround(c->body * 14) > aside)
		aside = (int)lround(c->body * 14);
	if (column > c->area_w - aside)
		column = c->area_w - aside;
	int column_x = c->area_x + (c->area_w - aside - column) / 2;
	if (c->s->rtl)
		column_x += aside;
	measure(c, &ps, column, have_qr && !ps.qr_aside ? &qr : NULL);
	plan pl = {0};
	paginate(c, &ps, c->area_h, &pl);
	*pages = pl.pages;
	if (page < 0 || page >= pl.pages)
		page = pl.pages - 1;
	c->s->page = page;
	emit(c, &ps, &pl, page, c->area_h, column_x, column, have_qr ? &qr : NULL, st);
	if (ps.qr_aside)
		qr_aside(c, &qr, module,
		         compose_start_x(c, c->area_w - aside + c->gap, aside - c->gap, c->area_x,
		                         c->area_w),
		         aside - c->gap);
	if (c->s->qr.present) {
		c->s->qr.text = url;
		url = NULL;
	} else if (have_qr) {
		pl_qr_free(&qr);
	}
	free(url);
	for (int i = 0; i < ps.n; i++)
		pl_layout_free(ps.items[i].t.layout);
	free(ps.items);
	free(pl.items);
	return ps.oom || pl.oom ? -1 : 0;
}
