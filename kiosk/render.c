/*
 * render.c: a scene onto an SDL surface: the background, panels, bars and
 * button faces, text (draw.c), icons, the QR code with its quiet zone in
 * whole pixels a module (crisp at any scale), and the focus ring last so
 * that nothing covers it (WCAG 2.4.7, 2.4.11).
 */
#include "render.h"

#include <math.h>

static Uint32 map(SDL_Surface *dst, pl_rgb c)
{
	return SDL_MapRGB(dst->format, c.r, c.g, c.b);
}

static void outline(SDL_Surface *dst, int x, int y, int w, int h, int t, Uint32 colour)
{
	SDL_Rect edges[] = {{x, y, w, t}, {x, y + h - t, w, t}, {x, y, t, h}, {x + w - t, y, t, h}};
	SDL_FillRects(dst, edges, 4, colour);
}

/* A filled triangle by horizontal spans: (x0,y0), (x1,y1), (x2,y2). */
static void triangle(SDL_Surface *dst, double x0, double y0, double x1, double y1, double x2,
                     double y2, Uint32 colour)
{
	double top = fmin(y0, fmin(y1, y2)), bottom = fmax(y0, fmax(y1, y2));
	double xs[3][2] = {{x0, y0}, {x1, y1}, {x2, y2}};
	for (int y = (int)ceil(top); y <= (int)floor(bottom); y++) {
		double left = INFINITY, right = -INFINITY;
		for (int e = 0; e < 3; e++) {
			double ax = xs[e][0], ay = xs[e][1], bx = xs[(e + 1) % 3][0],
			       by = xs[(e + 1) % 3][1];
			if ((y < ay && y < by) || (y > ay && y > by) || ay == by)
				continue;
			double x = ax + (y - ay) * (bx - ax) / (by - ay);
			left = fmin(left, x);
			right = fmax(right, x);
		}
		if (left <= right) {
			SDL_Rect span = {(int)lround(left), y, (int)lround(right - left) + 1, 1};
			SDL_FillRect(dst, &span, colour);
		}
	}
}

/* The icon in the control's label colour, on the start side of its label
 * (mirrored in RTL: "next" points left there). */
static void icon(SDL_Surface *dst, const scene *s, const sc_control *c, pl_rgb ink, int side,
                 int label_x, int label_w, int pad)
{
	if (c->icon == ICON_NONE)
		return;
	Uint32 colour = map(dst, ink);
	int x;
	if (label_w > 0)
		x = s->rtl ? label_x + label_w + pad / 2 : label_x - pad / 2 - side;
	else
		x = c->x + (c->w - side) / 2;
	int y = c->y + (c->h - side) / 2;
	bool forward = c->icon == ICON_NEXT || c->icon == ICON_PLAY;
	bool points_right = forward != s->rtl;
	if (c->icon == ICON_PLAY)
		points_right = true; /* play is a media symbol, not a direction */
	switch (c->icon) {
	case ICON_NEXT:
	case ICON_PREV:
	case ICON_PLAY:
		if (points_right)
			triangle(dst, x, y, x + side, y + side / 2.0, x, y + side, colour);
		else
			triangle(dst, x + side, y, x, y + side / 2.0, x + side, y + side, colour);
		break;
	case ICON_PAUSE: {
		int bar = side / 3;
		SDL_Rect bars[] = {{x, y, bar, side}, {x + side - bar, y, bar, side}};
		SDL_FillRects(dst, bars, 2, colour);
		break;
	}
	default:
		break;
	}
}

static void qr(SDL_Surface *dst, const sc_qr *q)
{
	int side = (q->qr.size + 2 * PL_QR_QUIET) * q->module;
	SDL_Rect all = {q->x, q->y, side, side};
	SDL_FillRect(dst, &all, map(dst, q->light));
	Uint32 dark = map(dst, q->dark);
	for (int r = 0; r < q->qr.size; r++)
		for (int k = 0; k < q->qr.size; k++)
			if (q->qr.modules[r * q->qr.size + k]) {
				SDL_Rect m = {q->x + (k + PL_QR_QUIET) * q->module,
				              q->y + (r + PL_QR_QUIET) * q->module, q->module,
				              q->module};
				SDL_FillRect(dst, &m, dark);
			}
}

int render_scene(pl_draw *draw, SDL_Surface *dst, const scene *s)
{
	int rc = 0;
	SDL_FillRect(dst, NULL, map(dst, s->theme->background));
	for (int i = 0; i < s->n_rects; i++) {
		const sc_rect *r = &s->rects[i];
		SDL_Rect box = {r->x, r->y, r->w, r->h};
		if (r->filled)
			SDL_FillRect(dst, &box, map(dst, r->fill));
		if (r->edge_px > 0)
			outline(dst, r->x, r->y, r->w, r->h, r->edge_px, map(dst, r->edge));
	}
	for (int i = 0; i < s->n_texts; i++) {
		const sc_text *t = &s->texts[i];
		pl_draw_set_chain(draw, &t->chain);
		SDL_Color ink = {t->fg.r, t->fg.g, t->fg.b, 0xFF};
		SDL_Rect band = {0, t->clip_y, s->w, t->clip_h};
		SDL_SetClipRect(dst, t->clip_h > 0 ? &band : NULL);
		if (pl_draw_lines(draw, dst, t->layout, (size_t)t->first_line, (size_t)t->last_line,
		                  t->size, t->x, t->y, ink, NULL, NULL) != 0)
			rc = -1;
		SDL_SetClipRect(dst, NULL);
	}
	for (int i = 0; i < s->n_controls; i++) {
		const sc_control *c = &s->controls[i];
		if (c->icon == ICON_NONE)
			continue;
		int lx = 0, lw = 0;
		for (int k = 0; k < s->n_texts; k++)
			if (s->texts[k].control == i) {
				int y, h;
				scene_text_box(s, &s->texts[k], &lx, &y, &lw, &h);
			}
		pl_rgb ink = c->selected ? s->theme->selected_text : s->theme->control_text;
		int side = (int)lround(s->metrics.body_cap_mm * s->metrics.px_per_mm * 1.3);
		int pad = (int)lround(4 * s->metrics.px_per_mm);
		icon(dst, s, c, ink, side, lx, lw, pad);
	}
	if (s->qr.present)
		qr(dst, &s->qr);
	if (s->focus >= 0 && s->focus < s->n_controls) {
		int x, y, w, h;
		scene_ring_rect(s, s->focus, &x, &y, &w, &h);
		outline(dst, x, y, w, h, s->ring_px, map(dst, s->theme->focus));
	}
	return rc;
}
