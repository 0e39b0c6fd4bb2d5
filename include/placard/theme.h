/*
 * theme.h: the kiosk's colours and physical sizes (BRIEF section 4).
 *
 * A theme is a palette of named colour pairs; every pair a screen draws
 * text with is here, so the contrast rules are checked in one place (and
 * measured again on rendered screens by the tests). Sizes are in
 * millimetres on the configured display, turned into pixels from the
 * display's diagonal and the window's size: body text has a cap height of
 * 6 mm at 100 % (never under 4.8 mm), a heading's capital H subtends 0.7
 * degrees at the viewing distance (EN 301 549 5.1.4), targets are at least
 * 20 mm square and 4 mm apart.
 */
#ifndef PLACARD_THEME_H
#define PLACARD_THEME_H

#include <stdbool.h>

#include "placard/kiosk_config.h"

typedef struct pl_rgb {
	unsigned char r, g, b;
} pl_rgb;

typedef struct pl_theme {
	pl_theme_id id;
	const char *name;     /* "standard", "high-contrast", "dyslexia" */
	bool dyslexic_face;   /* lead the font chains with the dyslexia-friendly face */
	pl_rgb background;    /* the screen */
	pl_rgb text;          /* body text and headings on background */
	pl_rgb secondary;     /* page counts, hints: at least 4.5:1, here 7:1 too */
	pl_rgb accent;        /* rules under headings, list markers */
	pl_rgb panel;         /* cards and table rows */
	pl_rgb panel_text;    /* text on panel */
	pl_rgb panel_edge;    /* a panel's outline (3:1 against background) */
	pl_rgb bar;           /* the top and bottom bars */
	pl_rgb control;       /* a button's face */
	pl_rgb control_text;  /* its label */
	pl_rgb control_edge;  /* its outline (3:1 against the bar) */
	pl_rgb selected;      /* a button that is on (current language, paused) */
	pl_rgb selected_text; /* its label */
	pl_rgb focus;         /* the focus ring, drawn on the bar or background around a
	                       * control with a gap: 3:1 against both */
	pl_rgb fallback;      /* the "not yet translated" mark */
} pl_theme;

/* The theme by id; never NULL. */
const pl_theme *pl_theme_get(pl_theme_id id);

/* The theme by name ("standard", "high-contrast", "dyslexia"), or NULL. */
const pl_theme *pl_theme_find(const char *name);

/* WCAG 2.2 contrast ratio of two colours (1 .. 21). */
double pl_contrast(pl_rgb a, pl_rgb b);

/* Physical sizes on a display, in pixels. */
typedef struct pl_metrics {
	double px_per_mm;   /* from the diagonal and the window size (square pixels) */
	double body_cap_mm; /* cap height of body text at the text scale */
	double sub_cap_mm;  /* subheadings, card titles */
	double head_cap_mm; /* headings */
	double title_cap_mm;
	double target_mm;     /* controls: at least 20 */
	double gap_mm;        /* between targets: at least 4 */
	double margin_mm;     /* screen edge to content */
	double line_height;   /* multiple of the size, at least 1.5 (WCAG 1.4.12) */
	double paragraph_gap; /* extra space between paragraphs, multiple of the size */
} pl_metrics;

/* The sizes for a display of w x h pixels, diagonal_in inches, seen from
 * distance_m, at text_scale percent (100 .. 200). Headings never shrink
 * below the viewing-angle rule, and grow with the text scale only when
 * body text would otherwise catch up with them. */
void pl_metrics_compute(pl_metrics *m, int w, int h, double diagonal_in, double distance_m,
                        int text_scale);

/* Millimetres to pixels on that display (rounded to the nearest pixel). */
int pl_mm_px(const pl_metrics *m, double mm);

/* A font's pixel size for a wanted cap height, given the face's cap height
 * as a fraction of its size (e.g. 0.7). */
double pl_size_for_cap(const pl_metrics *m, double cap_mm, double cap_ratio);

#endif
