/*
 * scene.h: one kiosk frame as a list of things to draw: panels, text laid
 * out by the core, controls (buttons a visitor can touch, focus, scan to),
 * a QR code, and the focus ring. Screens are composed into a scene
 * (slides.c, screens.c), the scene is drawn (render.c) and described
 * (--dump-layout, scene_dump_json), so what the tests measure is exactly
 * what was drawn.
 *
 * Coordinates are pixels from the frame's top-left corner.
 */
#ifndef PLACARD_KIOSK_SCENE_H
#define PLACARD_KIOSK_SCENE_H

#include <stdbool.h>
#include <stdio.h>

#include "placard/fonts.h"
#include "placard/layout.h"
#include "placard/survey.h"
#include "placard/theme.h"

typedef enum sc_role {
	SC_TITLE,
	SC_HEADING,
	SC_SUBHEADING,
	SC_BODY,
	SC_SECONDARY, /* page counts, hints */
	SC_MARK,      /* "(not yet translated)" */
	SC_LABEL,     /* a control's label */
} sc_role;

typedef struct sc_text {
	pl_layout *layout; /* owned by the scene */
	pl_font_chain chain;
	const char *lang; /* the text's own language (its faces), BCP 47 */
	const char *id;   /* deck text id or chrome name: what it is */
	sc_role role;
	double size;               /* font size, px */
	double cap_px;             /* the capital H's height at this size, px */
	int x, y;                  /* the paragraph's top-left corner */
	int w;                     /* the width it was laid out in */
	int first_line, last_line; /* the lines shown: [first, last) */
	pl_rgb fg, bg;             /* ink, and what it is drawn on */
	int control;               /* the control it labels, or -1 */
	bool fallback;             /* shown in the source language for want of a translation */
	/* The band of the screen its ink stays in (a bar, or the content
	 * between them): marks stacked high never reach a neighbour. Zero
	 * height: not clipped. */
	int clip_y, clip_h;
} sc_text;

typedef struct sc_rect {
	int x, y, w, h;
	pl_rgb fill;
	bool filled;
	pl_rgb edge;
	int edge_px;      /* outline width, 0 for none */
	const char *what; /* "bar", "panel", "control"... for the dump */
} sc_rect;

#define SC_ID_MAX 48
#define SC_NAME_MAX 192

typedef struct sc_control {
	char id[SC_ID_MAX];     /* the action it performs: "next", "pick:es", "pin:7" */
	char name[SC_NAME_MAX]; /* its accessible name, in the chrome's language */
	const char *lang;       /* the language of name */
	int x, y, w, h;
	bool selected; /* on: the current language, the paused loop */
	int rect;      /* its face in rects */
	int icon;      /* compose.h sc_icon, drawn before the label */
} sc_control;

typedef struct sc_qr {
	bool present;
	pl_qr qr;
	int x, y;   /* top-left of the quiet zone */
	int module; /* pixels a module */
	pl_rgb dark, light;
	char *text; /* what it encodes (owned) */
} sc_qr;

typedef struct scene {
	int w, h;
	pl_metrics metrics;
	const pl_theme *theme;
	const char *lang; /* the screen's language */
	bool rtl;
	const char *screen;     /* "slide", "welcome", "picker", "idle", "pin", "admin" */
	int slide, page, pages; /* slide screens: which (from 0) and how many pages */
	sc_rect *rects;
	int n_rects, cap_rects;
	sc_text *texts;
	int n_texts, cap_texts;
	sc_control *controls; /* in focus order: reading order, mirrored in RTL */
	int n_controls, cap_controls;
	sc_qr qr;
	int focus;     /* index in controls, -1 for none */
	bool scanning; /* the focus is the auto-scan's highlight */
	int ring_px;   /* width of the focus ring */
	int ring_gap;  /* background between the control and the ring */
	bool out_of_memory;
} scene;

void scene_init(scene *s, int w, int h, const pl_metrics *m, const pl_theme *theme,
                const char *lang);
void scene_free(scene *s);

/* Appends; the index, or -1 (and out_of_memory set) when memory runs out. */
int scene_add_rect(scene *s, const sc_rect *r);
int scene_add_text(scene *s, const sc_text *t);
int scene_add_control(scene *s, const sc_control *c);

/* Keeps the ink of texts [from, s->n_texts) within the rows [y, y + h). */
void scene_clip_texts(scene *s, int from, int y, int h);

/* The control with this id, or -1. */
int scene_find_control(const scene *s, const char *id);

/* Whether a text with this id is on the screen. */
bool scene_has_text(const scene *s, const char *id);

/* The control under the point (touch, mouse), or -1. */
int scene_hit(const scene *s, int x, int y);

/* The bounding box of a text's shown lines (their ink advances, line
 * boxes tall), in frame pixels. */
void scene_text_box(const scene *s, const sc_text *t, int *x, int *y, int *w, int *h);

/* The focus ring's outer rectangle around control i. */
void scene_ring_rect(const scene *s, int i, int *x, int *y, int *w, int *h);

/* Writes the scene as JSON (docs/dump-layout.md): every run with its
 * rectangle in px and mm, size, cap height in mm, colours and language;
 * every control with its rectangle, name and focus order; the QR code; the
 * focus ring. Returns 0, or -1 on a write error. */
int scene_dump_json(const scene *s, FILE *out);

/* The screen's strings in reading order, one a line: "id\tstatus\ttext"
 * (status "translated" or "fallback"), as --dump-text prints them. */
void scene_dump_text(const scene *s, FILE *out);

#endif
