/*
 * scene.c: the frame's draw list, hit testing, and its description as JSON
 * (--dump-layout) and as text (--dump-text).
 */
#include "scene.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void scene_init(scene *s, int w, int h, const pl_metrics *m, const pl_theme *theme,
                const char *lang)
{
	memset(s, 0, sizeof *s);
	s->w = w;
	s->h = h;
	s->metrics = *m;
	s->theme = theme;
	s->lang = lang;
	s->rtl = pl_lang_is_rtl(lang);
	s->screen = "slide";
	s->focus = -1;
	s->pages = 1;
	/* A ring 1.2 mm wide, 0.8 mm clear of the control: bold enough to
	 * find across a room, and always drawn on the bar or the screen. */
	s->ring_px = pl_mm_px(m, 1.2) < 3 ? 3 : pl_mm_px(m, 1.2);
	s->ring_gap = pl_mm_px(m, 0.8) < 2 ? 2 : pl_mm_px(m, 0.8);
}

void scene_free(scene *s)
{
	for (int i = 0; i < s->n_texts; i++)
		pl_layout_free(s->texts[i].layout);
	free(s->texts);
	free(s->rects);
	free(s->controls);
	if (s->qr.present)
		pl_qr_free(&s->qr.qr);
	free(s->qr.text);
	memset(s, 0, sizeof *s);
	s->focus = -1;
}

/* Grows an array of n items of size bytes to room for one more. */
static int grow(scene *s, void **items, int n, int *cap, size_t size)
{
	if (n < *cap)
		return 0;
	int want = *cap ? 2 * *cap : 16;
	void *grown = realloc(*items, (size_t)want * size);
	if (!grown) {
		s->out_of_memory = true;
		return -1;
	}
	*items = grown;
	*cap = want;
	return 0;
}

int scene_add_rect(scene *s, const sc_rect *r)
{
	if (grow(s, (void **)&s->rects, s->n_rects, &s->cap_rects, sizeof *r) != 0)
		return -1;
	s->rects[s->n_rects] = *r;
	return s->n_rects++;
}

int scene_add_text(scene *s, const sc_text *t)
{
	if (grow(s, (void **)&s->texts, s->n_texts, &s->cap_texts, sizeof *t) != 0)
		return -1;
	s->texts[s->n_texts] = *t;
	return s->n_texts++;
}

int scene_add_control(scene *s, const sc_control *c)
{
	if (grow(s, (void **)&s->controls, s->n_controls, &s->cap_controls, sizeof *c) != 0)
		return -1;
	s->controls[s->n_controls] = *c;
	return s->n_controls++;
}

void scene_clip_texts(scene *s, int from, int y, int h)
{
	for (int i = from; i < s->n_texts; i++) {
		s->texts[i].clip_y = y;
		s->texts[i].clip_h = h > 0 ? h : 1;
	}
}

int scene_find_control(const scene *s, const char *id)
{
	for (int i = 0; i < s->n_controls; i++)
		if (strcmp(s->controls[i].id, id) == 0)
			return i;
	return -1;
}

bool scene_has_text(const scene *s, const char *id)
{
	for (int i = 0; i < s->n_texts; i++)
		if (s->texts[i].id && strcmp(s->texts[i].id, id) == 0)
			return true;
	return false;
}

int scene_hit(const scene *s, int x, int y)
{
	for (int i = 0; i < s->n_controls; i++) {
		const sc_control *c = &s->controls[i];
		if (x >= c->x && x < c->x + c->w && y >= c->y && y < c->y + c->h)
			return i;
	}
	return -1;
}

void scene_text_box(const scene *s, const sc_text *t, int *x, int *y, int *w, int *h)
{
	(void)s;
	const pl_layout *l = t->layout;
	double left = INFINITY, right = -INFINITY;
	for (int i = t->first_line; i < t->last_line; i++) {
		const pl_line *line = &l->lines[i];
		for (size_t r = 0; r < line->n_runs; r++) {
			left = fmin(left, line->runs[r].x);
			right = fmax(right, line->runs[r].x + line->runs[r].width);
		}
	}
	if (left > right)
		left = right = 0;
	*x = t->x + (int)floor(left);
	*y = t->y;
	*w = (int)ceil(right) - (int)floor(left);
	*h = (int)lround((t->last_line - t->first_line) * l->line_height);
}

void scene_ring_rect(const scene *s, int i, int *x, int *y, int *w, int *h)
{
	const sc_control *c = &s->controls[i];
	int out = s->ring_gap + s->ring_px;
	*x = c->x - out;
	*y = c->y - out;
	*w = c->w + 2 * out;
	*h = c->h + 2 * out;
}

/* JSON string (RFC 8259): quotes, backslashes and control characters
 * escaped; UTF-8 passed through. */
static void json_string(FILE *out, const char *s, size_t len)
{
	fputc('"', out);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void json_rgb(FILE *out, pl_rgb c)
{
	fprintf(out, "\"#%02X%02X%02X\"", c.r, c.g, c.b);
}

static const char *role_name(sc_role role)
{
	static const char *const names[] = {"title",     "heading", "subheading", "body",
	                                    "secondary", "mark",    "label"};
	return names[role];
}

static void json_rect(FILE *out, const scene *s, int x, int y, int w, int h)
{
	double mm = s->metrics.px_per_mm;
	fprintf(out, "\"px\": [%d, %d, %d, %d], \"mm\": [%.1f, %.1f, %.1f, %.1f]", x, y, w, h,
	        x / mm, y / mm, w / mm, h / mm);
}

/* What a text is: its own id, or its control's for a label. */
static const char *text_id(const scene *s, const sc_text *t)
{
	if (t->id)
		return t->id;
	if (t->control >= 0 && t->control < s->n_controls)
		return s->controls[t->control].id;
	return "";
}

static void dump_runs(const scene *s, const sc_text *t, int index, FILE *out, bool *first)
{
	const pl_layout *l = t->layout;
	double top0 = l->lines[t->first_line].y;
	int line_h = (int)lround(l->line_height);
	for (int li = t->first_line; li < t->last_line; li++) {
		const pl_line *line = &l->lines[li];
		int top = t->y + (int)lround(line->y - top0);
		for (size_t r = 0; r < line->n_runs; r++) {
			const pl_run *run = &line->runs[r];
			int left = t->x + (int)lround(run->x);
			int right = t->x + (int)lround(run->x + run->width);
			fprintf(out, "%s\n    {\"text\": ", *first ? "" : ",");
			*first = false;
			json_string(out, l->text + run->start, run->end - run->start);
			fprintf(out, ", \"paragraph\": %d, \"line\": %d, ", index,
			        li - t->first_line);
			json_rect(out, s, left, top, right - left, line_h);
			fprintf(out, ", \"box\": [%d, %d, %d], \"rtl\": %s, \"font\": ", t->x, t->y,
			        t->w, run->rtl ? "true" : "false");
			json_string(out,
			            run->font >= 0 ? pl_face_family(t->chain.faces[run->font])
			                           : "(none)",
			            run->font >= 0
			                    ? strlen(pl_face_family(t->chain.faces[run->font]))
			                    : 6);
			fprintf(out, ", \"size_px\": %.1f, \"cap_mm\": %.2f, \"role\": \"%s\", ",
			        t->size, t->cap_px / s->metrics.px_per_mm, role_name(t->role));
			fprintf(out, "\"fg\": ");
			json_rgb(out, t->fg);
			fprintf(out, ", \"bg\": ");
			json_rgb(out, t->bg);
			fprintf(out, ", \"contrast\": %.2f, \"lang\": ", pl_contrast(t->fg, t->bg));
			json_string(out, t->lang, strlen(t->lang));
			fprintf(out, ", \"id\": ");
			json_string(out, text_id(s, t), strlen(text_id(s, t)));
			fprintf(out, ", \"control\": %d, \"fallback\": %s}", t->control,
			        t->fallback ? "true" : "false");
		}
	}
}

int scene_dump_json(const scene *s, FILE *out)
{
	const pl_metrics *m = &s->metrics;
	fprintf(out, "{\n  \"size\": [%d, %d], \"px_per_mm\": %.4f, \"theme\": \"%s\", ", s->w,
	        s->h, m->px_per_mm, s->theme->name);
	fprintf(out, "\"lang\": ");
	json_string(out, s->lang, strlen(s->lang));
	fprintf(out, ", \"rtl\": %s, \"screen\": \"%s\", \"slide\": %d, \"page\": %d, ",
	        s->rtl ? "true" : "false", s->screen, s->slide + 1, s->page + 1);
	fprintf(out, "\"pages\": %d,\n  \"background\": ", s->pages);
	json_rgb(out, s->theme->background);
	fprintf(out,
	        ", \"body_cap_mm\": %.2f, \"heading_cap_mm\": %.2f, \"target_mm\": %.1f, "
	        "\"gap_mm\": %.1f,\n",
	        m->body_cap_mm, m->head_cap_mm, m->target_mm, m->gap_mm);
	fprintf(out, "  \"runs\": [");
	bool first = true;
	for (int i = 0; i < s->n_texts; i++)
		dump_runs(s, &s->texts[i], i, out, &first);
	fprintf(out, "\n  ],\n  \"paragraphs\": [");
	for (int i = 0; i < s->n_texts; i++) {
		const sc_text *t = &s->texts[i];
		int x, y, w, h;
		scene_text_box(s, t, &x, &y, &w, &h);
		fprintf(out, "%s\n    {", i ? "," : "");
		json_rect(out, s, x, y, w, h);
		fprintf(out,
		        ", \"box\": [%d, %d, %d], \"rtl\": %s, \"role\": \"%s\", \"id\": ", t->x,
		        t->y, t->w, t->layout->rtl ? "true" : "false", role_name(t->role));
		json_string(out, text_id(s, t), strlen(text_id(s, t)));
		fprintf(out, ", \"lines\": %d}", t->last_line - t->first_line);
	}
	fprintf(out, "\n  ],\n  \"rects\": [");
	for (int i = 0; i < s->n_rects; i++) {
		const sc_rect *r = &s->rects[i];
		fprintf(out, "%s\n    {\"what\": \"%s\", ", i ? "," : "", r->what ? r->what : "");
		json_rect(out, s, r->x, r->y, r->w, r->h);
		fprintf(out, ", \"fill\": ");
		if (r->filled)
			json_rgb(out, r->fill);
		else
			fprintf(out, "null");
		fprintf(out, ", \"edge\": ");
		json_rgb(out, r->edge);
		fprintf(out, ", \"edge_px\": %d}", r->edge_px);
	}
	fprintf(out, "\n  ],\n  \"controls\": [");
	for (int i = 0; i < s->n_controls; i++) {
		const sc_control *c = &s->controls[i];
		const sc_rect *face = c->rect >= 0 ? &s->rects[c->rect] : NULL;
		fprintf(out, "%s\n    {\"id\": ", i ? "," : "");
		json_string(out, c->id, strlen(c->id));
		fprintf(out, ", \"name\": ");
		json_string(out, c->name, strlen(c->name));
		fprintf(out, ", \"order\": %d, ", i);
		json_rect(out, s, c->x, c->y, c->w, c->h);
		fprintf(out, ", \"selected\": %s, \"focused\": %s, \"face\": ",
		        c->selected ? "true" : "false", i == s->focus ? "true" : "false");
		if (face && face->filled)
			json_rgb(out, face->fill);
		else
			fprintf(out, "null");
		fprintf(out, "}");
	}
	fprintf(out, "\n  ],\n  \"focus\": ");
	if (s->focus >= 0 && s->focus < s->n_controls) {
		int x, y, w, h;
		scene_ring_rect(s, s->focus, &x, &y, &w, &h);
		fprintf(out, "{\"control\": %d, \"scanning\": %s, ", s->focus,
		        s->scanning ? "true" : "false");
		json_rect(out, s, x, y, w, h);
		fprintf(out, ", \"ring_px\": %d, \"gap_px\": %d, \"colour\": ", s->ring_px,
		        s->ring_gap);
		json_rgb(out, s->theme->focus);
		fprintf(out, "}");
	} else {
		fprintf(out, "null");
	}
	fprintf(out, ",\n  \"qr\": ");
	if (s->qr.present) {
		int side = (s->qr.qr.size + 2 * PL_QR_QUIET) * s->qr.module;
		fprintf(out, "{");
		json_rect(out, s, s->qr.x, s->qr.y, side, side);
		fprintf(out,
		        ", \"modules\": %d, \"module_px\": %d, \"quiet\": %d, \"level\": \"%c\", "
		        "\"text\": ",
		        s->qr.qr.size, s->qr.module, PL_QR_QUIET, s->qr.qr.level);
		json_string(out, s->qr.text, strlen(s->qr.text));
		fprintf(out, "}");
	} else {
		fprintf(out, "null");
	}
	fprintf(out, "\n}\n");
	return ferror(out) ? -1 : 0;
}

void scene_dump_text(const scene *s, FILE *out)
{
	for (int i = 0; i < s->n_texts; i++) {
		const sc_text *t = &s->texts[i];
		const pl_layout *l = t->layout;
		size_t from = l->lines[t->first_line].start, to = l->lines[t->last_line - 1].end;
		fprintf(out, "%s\t%s\t", text_id(s, t), t->fallback ? "fallback" : "translated");
		for (size_t k = from; k < to; k++) {
			char c = l->text[k];
			fputc(c == '\n' || c == '\t' ? ' ' : c, out);
		}
		fputc('\n', out);
	}
}
