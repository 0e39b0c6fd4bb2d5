/*
 * screens.c: the kiosk's own screens and the bars around every screen.
 *
 * Every screen has the same frame: a top bar with the language control (at
 * the start side, always there: BRIEF section 2) and the visitor's
 * controls (text size, theme, the attract loop's pause), and a bottom bar
 * with previous and next and where the visitor is ("Slide 3 of 14",
 * "2 of 3"). On a right-to-left screen everything is mirrored, and so is
 * the focus order, which is the order controls are added in: reading
 * order. Sizes come from pl_metrics, in millimetres on the configured
 * display; the bars wrap to a second row when the text is large.
 */
#include "compose.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "placard/text.h"

#define _(s) compose_chrome(c, (s))
#define N_(s) (s) /* marked for xgettext, looked up in another language's catalogue */
#define NG_(one, many, n) pl_catalog_nget(c->chrome, NULL, (one), (many), (unsigned long)(n), NULL)

const char *compose_chrome(const compose *c, const char *msgid)
{
	return pl_catalog_get(c->chrome, NULL, msgid, NULL);
}

static double cap_mm_of(const compose *c, sc_role role)
{
	const pl_metrics *m = &c->s->metrics;
	switch (role) {
	case SC_TITLE:
		return m->title_cap_mm;
	case SC_HEADING:
		return m->head_cap_mm;
	case SC_SUBHEADING:
		return m->sub_cap_mm;
	default:
		return m->body_cap_mm;
	}
}

bool compose_text(compose *c, sc_text *out, const char *text, const char *font_lang, sc_role role,
                  int width)
{
	if (!text || !*text || !font_lang || width < 1)
		return false;
	memset(out, 0, sizeof *out);
	pl_weight weight =
	        role == SC_BODY || role == SC_SECONDARY || role == SC_MARK ? PL_REGULAR : PL_BOLD;
	/* The Chinese face has no bold: a bold heading would set its Latin
	 * words bold among regular ideographs. */
	if (strncmp(font_lang, "zh", 2) == 0)
		weight = PL_REGULAR;
	pl_fonts_chain(c->fonts, font_lang, weight, c->theme->dyslexic_face, &out->chain);
	pl_draw_set_chain(c->draw, &out->chain);
	double ratio = pl_draw_cap_ratio(c->draw, &out->chain);
	out->size = pl_size_for_cap(&c->s->metrics, cap_mm_of(c, role), ratio);
	out->cap_px = out->size * ratio;
	/* A label is one language's words (an autonym, "A+"): its own
	 * direction. Everything else is placed as the screen places text. */
	/* Arabic script with its marks reaches further above and below its
	 * baseline than Latin (about 1.3 and 0.6 em): lines 2.0 apart, so
	 * that one line's marks never meet the next's. */
	double line_height = c->s->metrics.line_height;
	if (pl_lang_is_rtl(font_lang) && line_height < 2.0)
		line_height = 2.0;
	pl_layout_params params = {role == SC_LABEL ? font_lang : c->lang, out->size, width,
	                           line_height, out->chain.n};
	pl_measure measure = pl_draw_measure(c->draw);
	out->layout = pl_layout_paragraph(text, strlen(text), &params, &measure);
	if (!out->layout) {
		c->s->out_of_memory = true;
		return false;
	}
	if (out->layout->n_lines == 0) {
		pl_layout_free(out->layout);
		out->layout = NULL;
		return false;
	}
	out->lang = font_lang;
	out->role = role;
	out->w = width;
	out->first_line = 0;
	out->last_line = (int)out->layout->n_lines;
	out->control = -1;
	out->fg = role == SC_SECONDARY ? c->theme->secondary
	          : role == SC_MARK    ? c->theme->fallback
	                               : c->theme->text;
	out->bg = c->theme->background;
	return true;
}

/* Moves each line's runs so that its ink is centred in the width. */
static void centre_lines(pl_layout *layout, double width)
{
	for (size_t l = 0; l < layout->n_lines; l++) {
		pl_line *line = &layout->lines[l];
		if (line->n_runs == 0)
			continue;
		double left = line->runs[0].x, right = left;
		for (size_t r = 0; r < line->n_runs; r++) {
			left = fmin(left, line->runs[r].x);
			right = fmax(right, line->runs[r].x + line->runs[r].width);
		}
		double shift = (width - (right - left)) / 2 - left;
		for (size_t r = 0; r < line->n_runs; r++)
			line->runs[r].x += shift;
	}
}

int compose_start_x(const compose *c, int x, int w, int left, int width)
{
	return c->s->rtl ? left + width - x - w : left + x;
}

/* An icon's box: a square about the size of a capital letter and a half. */
static int icon_side(const compose *c)
{
	return (int)lround(c->body * 0.9);
}

void compose_button_size(compose *c, const char *label, const char *label_lang, sc_icon icon,
                         int *w, int *h)
{
	int max_w = c->s->w - 2 * c->margin;
	int extra = icon != ICON_NONE ? icon_side(c) + (label && *label ? c->pad / 2 : 0) : 0;
	sc_text t;
	int text_w = 0, text_h = 0;
	if (label && *label &&
	    compose_text(c, &t, label, label_lang ? label_lang : c->lang, SC_LABEL,
	                 max_w - 2 * c->pad - extra)) {
		text_w = (int)ceil(t.layout->widest);
		text_h = (int)ceil(t.layout->height);
		pl_layout_free(t.layout);
	}
	*w = text_w + extra + 2 * c->pad;
	*h = text_h + c->pad;
	if (*w < c->target)
		*w = c->target;
	if (*h < c->target)
		*h = c->target;
	if (*w > max_w)
		*w = max_w;
}

int compose_button(compose *c, const char *id, const char *label, const char *label_lang,
                   const char *name, sc_icon icon, int x, int y, int w, int h, bool selected)
{
	const pl_theme *th = c->theme;
	pl_rgb face = selected ? th->selected : th->control;
	pl_rgb ink = selected ? th->selected_text : th->control_text;
	int edge = pl_mm_px(&c->s->metrics, 0.6) < 2 ? 2 : pl_mm_px(&c->s->metrics, 0.6);
	sc_rect r = {x, y, w, h, face, true, th->control_edge, edge, "control"};
	int ri = scene_add_rect(c->s, &r);
	sc_control ctl = {.x = x,
	                  .y = y,
	                  .w = w,
	                  .h = h,
	                  .selected = selected,
	                  .rect = ri,
	                  .icon = (int)icon,
	                  .lang = label_lang ? label_lang : c->lang};
	snprintf(ctl.id, sizeof ctl.id, "%s", id);
	snprintf(ctl.name, sizeof ctl.name, "%s", name ? name : label ? label : id);
	if (!name && label_lang)
		ctl.lang = label_lang;
	else
		ctl.lang = c->lang;
	int ci = scene_add_control(c->s, &ctl);
	if (ci < 0)
		return -1;
	int extra = icon != ICON_NONE ? icon_side(c) + (label && *label ? c->pad / 2 : 0) : 0;
	sc_text t;
	if (label && *label &&
	    compose_text(c, &t, label, label_lang ? label_lang : c->lang, SC_LABEL,
	                 w - 2 * c->pad - extra)) {
		int text_w = (int)ceil(t.layout->widest);
		centre_lines(t.layout, text_w);
		int block = text_w + extra;
		int left = x + (w - block) / 2;
		/* The icon leads on the start side. */
		t.x = c->s->rtl ? left : left + extra;
		t.w = text_w;
		t.y = y + (h - (int)lround(t.layout->height)) / 2;
		t.fg = ink;
		t.bg = face;
		t.control = ci;
		t.id = NULL; /* the control's id: id may be the caller's buffer */
		if (scene_add_text(c->s, &t) < 0)
			pl_layout_free(t.layout);
	}
	return ci;
}

/* A row of buttons in a bar. */
typedef struct bar_item {
	const char *id, *label, *label_lang, *name;
	sc_icon icon;
	bool selected;
	bool end; /* pushed to the end side when the row has room */
	int w, h, x, y;
} bar_item;

/* Places items in rows across the screen from top (start side first,
 * end-side items pushed to the end when one row holds them all), adds the
 * bar and the buttons, and returns the bar's height. */
static int place_bar(compose *c, bar_item *items, int n, int top, bool bottom)
{
	int width = c->s->w - 2 * c->margin;
	for (int i = 0; i < n; i++)
		compose_button_size(c, items[i].label, items[i].label_lang, items[i].icon,
		                    &items[i].w, &items[i].h);
	int total = 0;
	for (int i = 0; i < n; i++)
		total += items[i].w + (i ? c->gap : 0);
	int y = top + c->gap, row_h = 0, x = 0;
	if (total <= width) {
		int end_w = 0;
		for (int i = 0; i < n; i++)
			if (items[i].end)
				end_w += items[i].w + c->gap;
		for (int i = 0; i < n; i++) {
			if (items[i].end && x < width - end_w + c->gap)
				x = width - end_w + c->gap;
			items[i].x = x;
			items[i].y = y;
			x += items[i].w + c->gap;
			row_h = items[i].h > row_h ? items[i].h : row_h;
		}
		y += row_h;
	} else {
		for (int i = 0; i < n; i++) {
			if (x > 0 && x + items[i].w > width) {
				y += row_h + c->gap;
				x = row_h = 0;
			}
			items[i].x = x;
			items[i].y = y;
			x += items[i].w + c->gap;
			row_h = items[i].h > row_h ? items[i].h : row_h;
		}
		y += row_h;
	}
	int height = y + c->gap - top;
	sc_rect bar = {0,
	               top,
	               c->s->w,
	               height,
	               c->theme->bar,
	               true,
	               c->theme->panel_edge,
	               0,
	               bottom ? "bottom-bar" : "top-bar"};
	scene_add_rect(c->s, &bar);
	for (int i = 0; i < n; i++) {
		int bx = compose_start_x(c, items[i].x, items[i].w, c->margin, width);
		compose_button(c, items[i].id, items[i].label, items[i].label_lang, items[i].name,
		               items[i].icon, bx, items[i].y, items[i].w, items[i].h,
		               items[i].selected);
	}
	return height;
}

/* The top bar: language first, then the visitor's own settings. */
static int top_bar(compose *c, const screen_state *st, bool settings)
{
	char lang_name[SC_NAME_MAX];
	snprintf(lang_name, sizeof lang_name, "%s: %s", _("Language"), pl_lang_autonym(c->lang));
	bar_item items[6] = {{.id = "language",
	                      .label = pl_lang_autonym(c->lang),
	                      .label_lang = c->lang,
	                      .name = lang_name}};
	int n = 1;
	/* Reading aloud, beside the language: on every screen, so that it can
	 * always be stopped. */
	items[n++] = (bar_item){.id = "speak",
	                        .label = st->speech ? _("Stop") : _("Listen"),
	                        .name = st->speech ? _("Stop reading aloud")
	                                           : _("Read the screen aloud"),
	                        .selected = st->speech};
	if (settings) {
		items[n++] = (bar_item){.id = "text-smaller",
		                        .label = "A−",
		                        .label_lang = "en",
		                        .name = _("Smaller text"),
		                        .end = true};
		items[n++] = (bar_item){.id = "text-bigger",
		                        .label = "A+",
		                        .label_lang = "en",
		                        .name = _("Larger text"),
		                        .end = true};
		items[n++] = (bar_item){.id = "theme",
		                        .label = _("Colours"),
		                        .name = _("Colours and font"),
		                        .end = true};
	}
	if (settings)
		items[n++] = (bar_item){.id = "pause",
		                        .label = st->paused ? _("Play") : _("Pause"),
		                        .name = st->paused ? _("Play the slides")
		                                           : _("Pause the slides"),
		                        .icon = st->paused ? ICON_PLAY : ICON_PAUSE,
		                        .selected = st->paused,
		                        .end = true};
	return place_bar(c, items, n, 0, false);
}

/* The row the position ("Slide 3 of 14 · 2 of 3") needs above the
 * buttons when it does not fit between them (large text, portrait), or 0. */
static int position_row(compose *c, int prev_w, int next_w)
{
	int room = c->s->w - 2 * c->margin - prev_w - next_w - 2 * c->gap;
	sc_text t;
	if (!compose_text(c, &t, "88/88 · 8/8", "en", SC_SECONDARY, c->s->w))
		return 0;
	int need = (int)ceil(t.layout->widest), line = (int)ceil(t.layout->height);
	pl_layout_free(t.layout);
	return need + c->gap <= room ? 0 : line + c->gap;
}

/* The bottom bar's height, for the content area, before its buttons are
 * added (they come last in the focus order). */
static int bottom_bar_height(compose *c)
{
	int w, h;
	compose_button_size(c, _("Next"), NULL, ICON_NEXT, &w, &h);
	int w2, h2;
	compose_button_size(c, _("Previous"), NULL, ICON_PREV, &w2, &h2);
	int width = c->s->w - 2 * c->margin;
	int rows = w + w2 + c->gap <= width ? 1 : 2;
	int bh = h > h2 ? h : h2;
	return rows * bh + (rows + 1) * c->gap + (rows == 1 ? position_row(c, w2, w) : 0);
}

/* "Slide 3 of 14" and, when a slide takes several screens, "2 of 3". */
static void position_text(compose *c, int slide, int n_slides, int page, int pages, int top,
                          int height, int left, int width)
{
	if (slide < 0)
		return;
	/* In words when they fit on one line beside the buttons, else in
	 * figures ("12/18 · 2/3"), else not at all: never clipped. */
	char words[160], figures[64];
	int n = snprintf(words, sizeof words, _("Slide %d of %d"), slide + 1, n_slides);
	int f = snprintf(figures, sizeof figures, "%d/%d", slide + 1, n_slides);
	if (pages > 1 && n > 0 && (size_t)n < sizeof words) {
		char part[64];
		snprintf(part, sizeof part, _("%d of %d"), page + 1, pages);
		snprintf(words + n, sizeof words - (size_t)n, " · %s", part);
		snprintf(figures + f, sizeof figures - (size_t)f, " · %d/%d", page + 1, pages);
	}
	const char *forms[] = {words, figures};
	for (int i = 0; i < 2; i++) {
		sc_text t;
		if (!compose_text(c, &t, forms[i], i ? "en" : c->lang, SC_SECONDARY, width))
			continue;
		int text_h = (int)ceil(t.layout->height);
		if (t.layout->n_lines > 1 || text_h > height) {
			pl_layout_free(t.layout);
			continue;
		}
		centre_lines(t.layout, width);
		t.x = left;
		t.y = top + (height - text_h) / 2;
		t.bg = c->theme->bar;
		t.id = "position";
		if (scene_add_text(c->s, &t) < 0)
			pl_layout_free(t.layout);
		return;
	}
}

static void bottom_bar(compose *c, int slide, int page, int pages, bool can_prev)
{
	int top = c->s->h - bottom_bar_height(c);
	int width = c->s->w - 2 * c->margin;
	bar_item items[2];
	int n = 0;
	if (can_prev)
		items[n++] = (bar_item){.id = "prev", .label = _("Previous"), .icon = ICON_PREV};
	items[n++] = (bar_item){.id = "next", .label = _("Next"), .icon = ICON_NEXT, .end = true};
	int pw, ph, nw, nh;
	compose_button_size(c, _("Previous"), NULL, ICON_PREV, &pw, &ph);
	compose_button_size(c, _("Next"), NULL, ICON_NEXT, &nw, &nh);
	int row = pw + nw + c->gap <= width ? position_row(c, pw, nw) : 0;
	if (row > 0) {
		/* The position on a row of its own, above the buttons. */
		sc_rect r = {0,    top,           c->s->w, row,         c->theme->bar,
		             true, c->theme->bar, 0,       "bottom-bar"};
		scene_add_rect(c->s, &r);
		position_text(c, slide, (int)c->deck->n_slides, page, pages, top + c->gap / 2,
		              row - c->gap / 2, c->margin, width);
	}
	int height = place_bar(c, items, n, top + row, true);
	if (row > 0 || items[0].y != items[n - 1].y)
		return;
	/* Between the buttons when they share a row. */
	int left_w = n == 2 ? items[0].w : 0;
	int room = width - left_w - items[n - 1].w - 2 * c->gap;
	if (room > c->target)
		position_text(c, slide, (int)c->deck->n_slides, page, pages, top, height,
		              c->margin + (c->s->rtl ? items[n - 1].w : left_w) + c->gap, room);
}

static void sizes(compose *c)
{
	scene *s = c->s;
	const pl_metrics *m = &s->metrics;
	c->margin = pl_mm_px(m, m->margin_mm);
	c->gap = pl_mm_px(m, m->gap_mm);
	c->target = pl_mm_px(m, m->target_mm);
	c->pad = pl_mm_px(m, 4);
	double ratio = 0.7;
	c->body = m->body_cap_mm * m->px_per_mm / ratio;
	c->sub = m->sub_cap_mm * m->px_per_mm / ratio;
	c->head = m->head_cap_mm * m->px_per_mm / ratio;
	c->title = m->title_cap_mm * m->px_per_mm / ratio;
}

/* A paragraph in the content area, centred in width when centre is set.
 * Returns the height used (0 when nothing was added). */
static int paragraph_marked(compose *c, const char *text, const char *lang, sc_role role, int y,
                            bool centre, const char *id, bool fallback)
{
	sc_text t;
	if (!compose_text(c, &t, text, lang, role, c->area_w))
		return 0;
	if (centre)
		centre_lines(t.layout, c->area_w);
	t.x = c->area_x;
	t.y = y;
	t.id = id;
	t.fallback = fallback;
	int h = (int)ceil(t.layout->height);
	if (scene_add_text(c->s, &t) < 0) {
		pl_layout_free(t.layout);
		return 0;
	}
	return h;
}

static int paragraph(compose *c, const char *text, const char *lang, sc_role role, int y,
                     bool centre, const char *id)
{
	return paragraph_marked(c, text, lang, role, y, centre, id, false);
}

/* The attract loop's first screen: the plan's title, and a greeting in
 * each offered language in turn, in that language's own words and faces. */
/* One paragraph of the welcome screen, laid out before it is placed. */
typedef struct welcome_part {
	const char *text, *lang, *id;
	const char *dir_lang; /* whose direction it is set in */
	sc_role role;
	bool fallback;
	int gap_before;
	sc_text t;
	bool laid;
} welcome_part;

static void lay_part(compose *c, welcome_part *p)
{
	if (p->laid)
		pl_layout_free(p->t.layout);
	const char *screen_lang = c->lang;
	c->lang = p->dir_lang;
	p->laid = p->text && compose_text(c, &p->t, p->text, p->lang, p->role, c->area_w);
	c->lang = screen_lang;
	if (p->laid)
		centre_lines(p->t.layout, c->area_w);
}

static int parts_height(const welcome_part *parts, int n)
{
	int h = 0;
	for (int i = 0; i < n; i++)
		if (parts[i].laid)
			h += parts[i].gap_before + (int)ceil(parts[i].t.layout->height);
	return h;
}

/* The attract loop's first screen: the plan's title, and a greeting in
 * each offered language in turn, in that language's own words, faces and
 * direction. When it does not all fit (a long title in large type on a
 * small screen), the district goes first, then the greeting gets smaller,
 * then the prompt goes: nothing is clipped. */
static int welcome(compose *c, const screen_state *st)
{
	enum { TITLE, DISTRICT, MARK, HELLO, PROMPT, N_PARTS };
	welcome_part parts[N_PARTS] = {0};
	bool fallback, any = false;
	const char *src = c->deck->source_language;
	parts[TITLE] = (welcome_part){.text = compose_deck_text(c, &c->deck->title, &fallback),
	                              .id = c->deck->title.id,
	                              .role = SC_TITLE,
	                              .fallback = fallback};
	parts[TITLE].lang = fallback ? src : c->lang;
	any |= fallback;
	if (c->deck->district.src) {
		parts[DISTRICT] =
		        (welcome_part){.text = compose_deck_text(c, &c->deck->district, &fallback),
		                       .id = c->deck->district.id,
		                       .role = SC_SUBHEADING,
		                       .fallback = fallback,
		                       .gap_before = c->gap};
		parts[DISTRICT].lang = fallback ? src : c->lang;
		any |= fallback;
	}
	if (any)
		parts[MARK] = (welcome_part){.text = _("(not yet translated)"),
		                             .lang = c->lang,
		                             .id = "mark",
		                             .role = SC_MARK};
	if (c->n_languages > 0) {
		/* The screen's own language greets first, then each in turn. */
		int first = 0;
		for (int i = 0; i < c->n_languages; i++)
			if (strcmp(c->languages[i], c->lang) == 0)
				first = i;
		int k = (first + st->greeting) % c->n_languages;
		const pl_catalog *cat = c->chromes ? c->chromes[k] : NULL;
		parts[HELLO] =
		        (welcome_part){.text = pl_catalog_get(cat, NULL, N_("Welcome"), NULL),
		                       .lang = c->languages[k],
		                       .dir_lang = c->languages[k],
		                       .id = "greeting",
		                       .role = SC_HEADING,
		                       .gap_before = 2 * c->gap};
		parts[PROMPT] = (welcome_part){
		        .text = pl_catalog_get(
		                cat, NULL, N_("Touch the screen or press any key to start"), NULL),
		        .lang = c->languages[k],
		        .dir_lang = c->languages[k],
		        .id = "greeting-prompt",
		        .role = SC_BODY,
		        .gap_before = c->gap};
	}
	for (int i = 0; i < N_PARTS; i++) {
		if (!parts[i].dir_lang)
			parts[i].dir_lang = c->lang;
		lay_part(c, &parts[i]);
	}
	int room = c->area_h - c->gap;
	if (parts_height(parts, N_PARTS) > room && parts[DISTRICT].laid) {
		pl_layout_free(parts[DISTRICT].t.layout);
		parts[DISTRICT].laid = false;
	}
	if (parts_height(parts, N_PARTS) > room && parts[HELLO].laid) {
		parts[HELLO].role = SC_SUBHEADING;
		lay_part(c, &parts[HELLO]);
	}
	if (parts_height(parts, N_PARTS) > room && parts[PROMPT].laid) {
		pl_layout_free(parts[PROMPT].t.layout);
		parts[PROMPT].laid = false;
	}
	int y = c->area_y + c->gap;
	for (int i = 0; i < N_PARTS; i++) {
		welcome_part *p = &parts[i];
		if (!p->laid)
			continue;
		int h = (int)ceil(p->t.layout->height);
		y += p->gap_before;
		/* Whatever still does not fit is left out, never clipped. */
		if (y + h > c->area_y + c->area_h) {
			pl_layout_free(p->t.layout);
			continue;
		}
		p->t.x = c->area_x;
		p->t.y = y;
		p->t.id = p->id;
		p->t.fallback = p->fallback;
		if (scene_add_text(c->s, &p->t) < 0)
			pl_layout_free(p->t.layout);
		y += h;
	}
	return 0;
}

/* The language picker: every offered language by its own name, in its own
 * faces, each a large button; the current one marked. */
static int picker(compose *c)
{
	int bw = c->target, bh = c->target;
	for (int i = 0; i < c->n_languages; i++) {
		int w, h;
		compose_button_size(c, pl_lang_autonym(c->languages[i]), c->languages[i], ICON_NONE,
		                    &w, &h);
		bw = w > bw ? w : bw;
		bh = h > bh ? h : bh;
	}
	if (bw + c->pad <= c->area_w)
		bw += c->pad;
	int cols = (c->area_w + c->gap) / (bw + c->gap);
	if (cols < 1)
		cols = 1;
	int rows = (c->n_languages + cols - 1) / cols;
	/* The title and Close share the first row, Close at the end side. */
	int cw, ch;
	compose_button_size(c, _("Close"), NULL, ICON_NONE, &cw, &ch);
	int y = c->area_y;
	int grid_h = rows * bh + (rows - 1) * c->gap;
	sc_text t;
	int title_w = c->area_w - cw - c->gap, title_h = 0;
	bool titled =
	        compose_text(c, &t, _("Choose your language"), c->lang, SC_SUBHEADING, title_w);
	if (titled) {
		title_h = (int)ceil(t.layout->height);
		/* No room for the words on a small screen: the autonyms speak for
		 * themselves, and the targets keep their size and spacing. */
		if ((title_h > ch ? title_h : ch) + c->gap + grid_h > c->area_h) {
			pl_layout_free(t.layout);
			titled = false;
			title_h = 0;
		}
	}
	int row_h = title_h > ch ? title_h : ch;
	compose_button(c, "close", _("Close"), NULL, NULL, ICON_NONE,
	               compose_start_x(c, c->area_w - cw, cw, c->area_x, c->area_w), y, cw, ch,
	               false);
	if (titled) {
		t.x = compose_start_x(c, 0, title_w, c->area_x, c->area_w);
		t.y = y + (row_h - title_h) / 2;
		t.id = "picker";
		if (scene_add_text(c->s, &t) < 0)
			pl_layout_free(t.layout);
	}
	y += row_h + c->gap;
	for (int i = 0; i < c->n_languages; i++) {
		int col = i % cols, row = i / cols;
		int x = compose_start_x(c, col * (bw + c->gap), bw, c->area_x, c->area_w);
		char id[SC_ID_MAX];
		snprintf(id, sizeof id, "pick:%s", c->languages[i]);
		compose_button(c, id, pl_lang_autonym(c->languages[i]), c->languages[i], NULL,
		               ICON_NONE, x, y + row * (bh + c->gap), bw, bh,
		               strcmp(c->languages[i], c->lang) == 0);
	}
	return 0;
}

/* The idle warning: at least 20 s to say "still here" (WCAG 2.2.1). */
static int idle(compose *c, const screen_state *st)
{
	int y = c->area_y + c->gap;
	y += paragraph(c, _("Are you still there?"), c->lang, SC_HEADING, y, false, "idle");
	char buf[256];
	snprintf(buf, sizeof buf,
	         NG_("The kiosk will start over in %d second.",
	             "The kiosk will start over in %d seconds.", st->seconds_left),
	         st->seconds_left);
	y += paragraph(c, buf, c->lang, SC_BODY, y, false, "idle-countdown");
	y += paragraph(c, _("Touch the screen or press any key to continue."), c->lang, SC_BODY, y,
	               false, "idle-hint");
	y += c->gap;
	int w, h;
	compose_button_size(c, _("Continue"), NULL, ICON_NONE, &w, &h);
	compose_button(c, "continue", _("Continue"), NULL, NULL, ICON_NONE,
	               compose_start_x(c, 0, w, c->area_x, c->area_w), y, w, h, false);
	return 0;
}

/* The admin PIN: a keypad on screen, digits from any keyboard too. */
static int pin(compose *c, const screen_state *st)
{
	static const char *const keys[] = {"1", "2", "3", "4",   "5", "6",
	                                   "7", "8", "9", "del", "0", "ok"};
	const char *labels[12];
	int w = c->target, h = c->target;
	for (int i = 0; i < 12; i++) {
		labels[i] = strcmp(keys[i], "del") == 0  ? _("Delete")
		            : strcmp(keys[i], "ok") == 0 ? _("OK")
		                                         : keys[i];
		int lw, lh;
		compose_button_size(c, labels[i], NULL, ICON_NONE, &lw, &lh);
		w = lw > w ? lw : w;
		h = lh > h ? lh : h;
	}
	int pad_w = 3 * w + 2 * c->gap, pad_h = 4 * h + 3 * c->gap;
	/* Landscape: the keypad beside the words, so that it fits a small
	 * screen (1366x768 at 15.6 inches); portrait: under them. */
	bool beside = c->area_w >= pad_w + c->gap + c->area_w / 3;
	int text_w = beside ? c->area_w - pad_w - 2 * c->gap : c->area_w;
	int text_x = beside && c->s->rtl ? c->area_x + pad_w + 2 * c->gap : c->area_x;
	int area_x = c->area_x, area_w = c->area_w;
	c->area_x = text_x;
	c->area_w = text_w;
	int y = c->area_y + c->gap;
	y += paragraph(c, _("Administration"), c->lang, SC_HEADING, y, false, "admin");
	y += paragraph(c, _("Enter the PIN."), c->lang, SC_BODY, y, false, "pin-prompt");
	char dots[16 * sizeof "● "] = ""; /* a PIN has 16 digits at most */
	for (int i = 0; i < st->pin_digits && i < 16; i++)
		memcpy(dots + i * (sizeof "● " - 1), "● ", sizeof "● ");
	if (st->pin_digits == 0)
		snprintf(dots, sizeof dots, "%s", "–");
	y += paragraph(c, dots, "ko", SC_BODY, y, false, "pin-dots");
	char message[256] = "";
	if (st->pin_wait > 0)
		snprintf(message, sizeof message,
		         NG_("Wrong PIN. Try again in %d second.",
		             "Wrong PIN. Try again in %d seconds.", st->pin_wait),
		         st->pin_wait);
	else if (st->pin_wrong)
		snprintf(message, sizeof message, "%s", _("Wrong PIN. Try again."));
	if (message[0])
		y += paragraph(c, message, c->lang, SC_BODY, y, false, "pin-message");
	y += c->gap;
	int cw, ch;
	compose_button_size(c, _("Cancel"), NULL, ICON_NONE, &cw, &ch);
	compose_button(c, "close", _("Cancel"), NULL, NULL, ICON_NONE,
	               compose_start_x(c, 0, cw, c->area_x, c->area_w), y, cw, ch, false);
	c->area_x = area_x;
	c->area_w = area_w;
	/* Digits run 1-2-3 left to right in every language, as on a phone. */
	int pad_x = beside ? (c->s->rtl ? area_x : area_x + area_w - pad_w) : area_x;
	int pad_y = beside ? c->area_y + c->gap : y + ch + c->gap;
	for (int i = 0; i < 12; i++) {
		char id[SC_ID_MAX];
		snprintf(id, sizeof id, "pin:%s", keys[i]);
		compose_button(c, id, labels[i], NULL, NULL, ICON_NONE,
		               pad_x + (i % 3) * (w + c->gap), pad_y + (i / 3) * (h + c->gap), w, h,
		               false);
	}
	(void)pad_h;
	return 0;
}

/* The admin screen: status lines, then reload, close and exit. */
static int admin(compose *c, const screen_state *st)
{
	int y = c->area_y + c->gap;
	y += paragraph(c, _("Administration"), c->lang, SC_HEADING, y, false, "admin");
	const char *status = st->admin_status ? st->admin_status : "";
	int limit = c->area_y + c->area_h - c->target - 2 * c->gap;
	for (const char *line = status; *line && y < limit;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char buf[1024];
		snprintf(buf, sizeof buf, "%.*s", (int)(len < sizeof buf ? len : sizeof buf - 1),
		         line);
		sc_text t;
		if (compose_text(c, &t, buf, "en", SC_SECONDARY, c->area_w)) {
			int h = (int)ceil(t.layout->height);
			if (y + h > limit) {
				pl_layout_free(t.layout);
				break;
			}
			t.x = c->area_x;
			t.y = y;
			t.id = "admin-status";
			if (scene_add_text(c->s, &t) < 0)
				pl_layout_free(t.layout);
			y += h;
		}
		line = end ? end + 1 : line + len;
	}
	y = limit + c->gap;
	const char *ids[] = {"admin:reload", "close", "admin:exit"};
	const char *labels[] = {_("Reload the deck"), _("Back to the slides"), _("Exit the kiosk")};
	int x = 0;
	for (int i = 0; i < 3; i++) {
		int w, h;
		compose_button_size(c, labels[i], NULL, ICON_NONE, &w, &h);
		if (x > 0 && x + w > c->area_w)
			break;
		compose_button(c, ids[i], labels[i], NULL, NULL, ICON_NONE,
		               compose_start_x(c, x, w, c->area_x, c->area_w), y, w, h, false);
		x += w + c->gap;
	}
	return 0;
}

/* Reading aloud is on but the screen's language has no voice (Tagalog in
 * espeak-ng 1.51): said above the content in the language and in English,
 * and the English sentence is what the kiosk reads, rather than reading
 * the language with another's voice. Returns the height used. */
static int no_voice_notice(compose *c, int y)
{
	static const char *const notice = N_("Reading aloud is not available in %s.");
	char line[256];
	snprintf(line, sizeof line, _(notice), pl_lang_autonym(c->lang));
	int h = paragraph(c, line, c->lang, SC_SUBHEADING, y, false, "speech-no-voice");
	if (strcmp(c->lang, "en") != 0) {
		snprintf(line, sizeof line, notice, pl_lang_autonym(c->lang));
		h += paragraph(c, line, "en", SC_BODY, y + h, false, "speech-no-voice-en");
	}
	return h;
}

int compose_screen(compose *c, const screen_state *st)
{
	scene *s = c->s;
	sizes(c);
	bool content = st->kind == SCREEN_SLIDE || st->kind == SCREEN_WELCOME;
	int top = top_bar(c, st, content);
	scene_clip_texts(s, 0, 0, top);
	int in_content = s->n_texts;
	int bottom = content ? bottom_bar_height(c) : 0;
	c->area_x = c->margin;
	c->area_w = s->w - 2 * c->margin;
	c->area_y = top + c->gap;
	c->area_h = s->h - bottom - top - 2 * c->gap;
	if (st->speech_no_voice) {
		int notice = no_voice_notice(c, c->area_y);
		c->area_y += notice + c->gap;
		c->area_h -= notice + c->gap;
	}
	int pages = 1, rc = 0;
	switch (st->kind) {
	case SCREEN_WELCOME:
		s->screen = "welcome";
		s->slide = -1;
		rc = welcome(c, st);
		break;
	case SCREEN_SLIDE:
		s->screen = "slide";
		s->slide = st->slide;
		rc = compose_slide(c, st->slide, st->page, st, &pages);
		s->pages = pages;
		break;
	case SCREEN_PICKER:
		s->screen = "picker";
		rc = picker(c);
		break;
	case SCREEN_IDLE:
		s->screen = "idle";
		rc = idle(c, st);
		break;
	case SCREEN_PIN:
		s->screen = "pin";
		rc = pin(c, st);
		break;
	case SCREEN_ADMIN:
		s->screen = "admin";
		rc = admin(c, st);
		break;
	}
	scene_clip_texts(s, in_content, top, s->h - bottom - top);
	int in_bottom = s->n_texts;
	if (content)
		bottom_bar(c, st->kind == SCREEN_SLIDE ? st->slide : -1, s->page, pages,
		           st->kind == SCREEN_SLIDE);
	scene_clip_texts(s, in_bottom, s->h - bottom, bottom);
	if (s->out_of_memory)
		return -1;
	return rc;
}
