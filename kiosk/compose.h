/*
 * compose.h: building a scene for one screen. What every screen shares:
 * the visitor's language and the catalogues, the theme and the physical
 * sizes, and helpers that lay text out with the core (pl_layout) and add
 * buttons. slides.c composes the deck's slides (one function per kind,
 * with pagination), screens.c the kiosk's own screens (welcome, language
 * picker, idle warning, admin) and the bars around every screen.
 */
#ifndef PLACARD_KIOSK_COMPOSE_H
#define PLACARD_KIOSK_COMPOSE_H

#include "draw.h"
#include "scene.h"

#include "placard/catalog.h"
#include "placard/deck.h"
#include "placard/theme.h"

/* Icons drawn as shapes (the bundled faces have no arrows). */
typedef enum sc_icon { ICON_NONE, ICON_NEXT, ICON_PREV, ICON_PAUSE, ICON_PLAY } sc_icon;

/* What the visitor sees, as the app state has it. */
typedef enum screen_kind {
	SCREEN_WELCOME,
	SCREEN_SLIDE,
	SCREEN_PICKER,
	SCREEN_IDLE,
	SCREEN_PIN,
	SCREEN_ADMIN,
} screen_kind;

typedef struct screen_state {
	screen_kind kind;
	int slide, page;          /* SCREEN_SLIDE */
	int greeting;             /* SCREEN_WELCOME: which offered language greets */
	bool paused;              /* the attract loop's pause control is on */
	bool visitor;             /* a visitor session is on */
	int seconds_left;         /* SCREEN_IDLE */
	int pin_digits;           /* SCREEN_PIN: digits typed so far */
	bool pin_wrong;           /* SCREEN_PIN: the last PIN was wrong */
	int pin_wait;             /* SCREEN_PIN: seconds before the next try */
	const char *admin_status; /* SCREEN_ADMIN: the status text (deck, coverage, errors) */
	const char *voted;        /* SCREEN_SLIDE, poll: the choice voted in this session */
	int poll_status;          /* SCREEN_SLIDE, poll: 0, or one of POLL_* */
	bool voting_off;          /* no store can keep votes: polls show no choices */
	long long now;            /* seconds since the epoch: the survey's closing */
	/* Reading aloud is on (the speak button shows "Stop"), and the screen's
	 * language has no voice (the screen says so: screens.c). */
	bool speech, speech_no_voice;
} screen_state;

enum { POLL_THANKS = 1, POLL_PAUSED, POLL_SAVING };

/* Everything a screen is composed from. */
typedef struct compose {
	scene *s;
	pl_draw *draw;
	const pl_fonts *fonts;
	const pl_deck *deck;
	const pl_catalog *content;        /* the deck's catalogue for lang, or NULL */
	const pl_catalog *chrome;         /* the programs' catalogue for lang, or NULL */
	const char *lang;                 /* the screen's language */
	bool is_source;                   /* lang is the deck's source language */
	const char *const *languages;     /* offered, in picker order */
	const pl_catalog *const *chromes; /* the programs' catalogue of each, or NULL */
	int n_languages;
	const char *site; /* the kiosk's site slug, or NULL */
	const pl_theme *theme;
	/* Font sizes in px (for the Latin reference face) and spacings. */
	double body, sub, head, title;
	int margin, gap, target, pad;
	/* The content area left between the bars. */
	int area_x, area_y, area_w, area_h;
} compose;

/* The chrome string in the screen's language. */
const char *compose_chrome(const compose *c, const char *msgid);

/* A paragraph laid out at width in role's size (font_lang's faces, the
 * screen's direction). NULL when out of memory or text is empty. The
 * sc_text is filled in but not added: set x, y, colours, then
 * scene_add_text takes ownership of its layout. */
bool compose_text(compose *c, sc_text *out, const char *text, const char *font_lang, sc_role role,
                  int width);

/* A button at (x, y), at least target square, wide enough for its label
 * (laid out in the screen's language). Returns its control index or -1. */
int compose_button(compose *c, const char *id, const char *label, const char *label_lang,
                   const char *name, sc_icon icon, int x, int y, int w, int h, bool selected);

/* The size a button needs for its label (label_lang NULL: the screen's
 * language), at least target square: width and height in px. */
void compose_button_size(compose *c, const char *label, const char *label_lang, sc_icon icon,
                         int *w, int *h);

/* x of a box w wide placed at offset x from the start side of the range
 * [left, left + width): from the left, or from the right on a
 * right-to-left screen. */
int compose_start_x(const compose *c, int x, int w, int left, int width);

/* Fills c from the state of the app: sizes, bars; composes the screen
 * into c->s. Returns 0, or -1 when out of memory or a font failed. */
int compose_screen(compose *c, const screen_state *st);

/* Slides (slides.c): how many pages slide i takes, and the page composed
 * into the content area. */
int compose_slide(compose *c, int slide, int page, const screen_state *st, int *pages);

/* A deck string in the screen's language; *fallback set when it is shown
 * in the source language for want of a translation. NULL when absent. */
const char *compose_deck_text(const compose *c, const pl_text *t, bool *fallback);

#endif
