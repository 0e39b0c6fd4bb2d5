/*
 * app.h: the kiosk's state machine: the attract loop, the visitor session
 * and its idle reset, focus and switch scanning, the language picker, the
 * admin PIN and its back-off. It knows nothing of SDL: main.c turns events
 * into actions and times (seconds on a monotonic clock), and asks when
 * the next thing happens so that it can sleep until then
 * (SDL_WaitEventTimeout), never spinning.
 *
 * Timing follows BRIEF section 4: the loop is pausable (WCAG 2.2.2); after
 * idle-seconds without input a warning gives warning-seconds (at least
 * 20, WCAG 2.2.1) to continue, then everything the visitor changed
 * (language, text size, theme, position, votes of the session) resets;
 * auto-scan steps every scan-seconds, holding the first item a little
 * longer, and rests after scan-loops loops (Android Switch Access).
 */
#ifndef PLACARD_KIOSK_APP_H
#define PLACARD_KIOSK_APP_H

#include <stdbool.h>

#include "compose.h"
#include "scene.h"
#include "speech.h"

#include "placard/kiosk_config.h"

#define APP_MAX_POLLS 64

typedef struct app {
	const pl_kconfig *cfg;
	int n_slides;
	const char *const *languages;
	int n_languages;
	char default_lang[36];
	/* What the visitor may change; reset by the idle reset. */
	char lang[36];
	int text_scale;
	pl_theme_id theme;
	/* Where the screen is. */
	screen_kind screen;
	screen_kind back_to; /* where the picker, warning or admin return */
	int slide, page, pages;
	int greeting;
	bool paused;  /* the loop's pause control */
	bool visitor; /* a visitor session is on */
	double last_input, next_advance, next_greeting, warning_end;
	/* Focus: the control's id, kept across redraws. */
	char focus[SC_ID_MAX];
	/* Single-switch auto-scan. */
	bool scanning;
	double scan_next;
	int scan_loops;
	/* Admin. */
	char pin[17];
	int pin_len;
	int wrong_pins;
	double locked_until;
	bool pin_wrong;
	/* Polls voted in this session (slide indices), and the vote asked for. */
	int voted_slides[APP_MAX_POLLS];
	char voted_choice[APP_MAX_POLLS][SC_ID_MAX];
	int n_voted;
	char vote_request[SC_ID_MAX]; /* a choice key; "" when none */
	int vote_slide;               /* the slide vote_request and poll_status are of */
	int poll_status;              /* POLL_* for vote_slide */
	/* Reading aloud (speech.h): on or off, and the visitor's volume and
	 * rate steps, back to the configured ones at the idle reset. */
	bool speech;
	int speech_volume, speech_rate;
	/* Requests for main. want_speech: speech was turned on or off;
	 * speech_command: a PL_ACT_SPEECH_* action to carry out, PL_ACT_COUNT
	 * for none. */
	bool want_exit, want_reload, want_speech;
	pl_action speech_command;
	bool dirty; /* the screen must be composed again */
	int resets; /* idle resets so far */
} app;

/* A fresh app at now: the attract loop on the welcome screen, in the
 * default language (lang, which must be offered). */
void app_init(app *a, const pl_kconfig *cfg, int n_slides, const char *const *languages,
              int n_languages, const char *lang, double now);

/* The deck changed (hot reload): slide count, languages, and where each
 * old slide went (slide_map[old] = its index in the new deck, or -1 when
 * it is gone; NULL: the same slides), so that the slide on screen and the
 * polls answered in the session follow their slides, not their places. */
void app_deck_changed(app *a, int n_slides, const int *slide_map, int n_map,
                      const char *const *languages, int n_languages, const char *default_lang);

/* An input action at now on the screen as composed (for focus order).
 * Any input starts a visitor session; on the idle warning it only
 * continues. */
void app_action(app *a, pl_action action, const scene *s, double now);

/* A control was touched or clicked (its id), at now. */
void app_activate(app *a, const char *id, const scene *s, double now);

/* A touch or key that is not a control or action: wakes a session. */
void app_wake(app *a, double now);

/* A digit typed on the PIN screen (from the keyboard). */
void app_pin_digit(app *a, char digit, double now);

/* The admin chord was pressed. */
void app_admin_chord(app *a, double now);

/* Time passes: advances the loop, the greeting, scanning, the idle
 * warning and reset. */
void app_tick(app *a, const scene *s, double now);

/* When app_tick next has something to do (seconds on the same clock), or
 * a negative number for never. */
double app_deadline(const app *a, double now);

/* The screen to compose. */
void app_screen(const app *a, screen_state *st, double now);

/* After composing: the slide's page count, and the focus ring placed on
 * the focused control (the screen's default when it is gone). */
void app_composed(app *a, scene *s);

/* A vote was committed (ok) or could not be (paused: the store is full
 * or unusable). */
void app_vote_done(app *a, bool ok);

/* Whether the poll on slide i was already answered in this session, and
 * with which choice (NULL when not). */
const char *app_voted(const app *a, int slide);

#endif
