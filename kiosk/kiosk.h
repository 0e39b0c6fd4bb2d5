/*
 * kiosk.h: the running kiosk: the deck and every offered language's
 * catalogues loaded at start (a language switch never touches the disk),
 * the app state, the current scene, the vote store, the window and its
 * event loop, and hot reload.
 */
#ifndef PLACARD_KIOSK_KIOSK_H
#define PLACARD_KIOSK_KIOSK_H

#include <SDL.h>
#include <stdio.h>
#include <sys/stat.h>

#include "app.h"
#include "draw.h"
#include "input.h"
#include "scene.h"
#include "speech.h"

#include "placard/catalog.h"
#include "placard/deck.h"
#include "placard/fonts.h"
#include "placard/kiosk_config.h"
#include "placard/vote_store.h"

#define KIOSK_MAX_LANGS (PL_MAX_LANGUAGES + 1)

/* The smallest window the kiosk lays a screen out in (and --size takes);
 * below it the window shows its background until it grows again. */
#define KIOSK_MIN_W 320
#define KIOSK_MIN_H 240

/* A deck with its catalogues: replaced whole on reload, so that a broken
 * edit never leaves half a deck on screen. */
typedef struct kiosk_bundle {
	pl_deck *deck;
	char langs[KIOSK_MAX_LANGS][36]; /* offered, in picker order */
	const char *lang_ptrs[KIOSK_MAX_LANGS];
	int n_langs;
	pl_catalog *content[KIOSK_MAX_LANGS]; /* NULL: source language or none */
	/* What content[i] was read from, so that a reload takes an unchanged
	 * catalogue over instead of reading it again (libgettextpo keeps some
	 * memory of every file it reads); reused[i]: taken from the previous
	 * bundle's content[reused[i]], or -1. */
	struct stat content_stat[KIOSK_MAX_LANGS];
	int reused[KIOSK_MAX_LANGS];
	/* The programs' own words; NULL: English. Borrowed from the kiosk's
	 * chrome cache (they do not change while it runs). */
	const pl_catalog *chrome[KIOSK_MAX_LANGS];
	/* What the admin screen says of the fonts: a language left out of the
	 * picker because its fonts cannot draw it (a face missing or damaged),
	 * or a deck's character that shows as a box. One a line. */
	char font_notes[1024];
} kiosk_bundle;

typedef struct kiosk {
	pl_kconfig cfg;
	const char *config_origin;
	const char *deck_path;
	pl_fonts *fonts;
	pl_draw *draw;
	kiosk_bundle bundle;
	/* The programs' catalogues, read once per language for the kiosk's
	 * life: reloads of the deck never read them again. */
	char chrome_langs[2 * KIOSK_MAX_LANGS][36];
	pl_catalog *chrome_cats[2 * KIOSK_MAX_LANGS];
	int n_chrome;
	char status[4096]; /* reload and store problems, for admin */
	keymap keys;
	app app;
	scene scene;
	bool have_scene;
	pl_vote_store *store;
	pl_votes_open_report store_report;
	/* Reading aloud (speaker.c); NULL when it could not start. */
	speech *speech;
	FILE *trace;        /* --trace: one line per composed screen */
	long long now_wall; /* for the survey's closing; 0 = use the clock */
	double time_scale;  /* the app's clock runs this many times faster (tests); 1 */
	bool live;          /* kiosk_run is showing it (not a --screenshot) */
} kiosk;

/* Monotonic seconds: the time of the --trace file's key, touch and frame
 * lines. */
double kiosk_seconds(void);

/* A line in the --trace file, flushed at once (tests read it live);
 * nothing without --trace. */
void kiosk_trace(const kiosk *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Loads the fonts, the deck and its catalogues for every offered
 * language, and the programs' catalogues. Problems go to diags. Returns
 * 0, or -1 when the deck cannot be shown at all. */
int kiosk_open(kiosk *k, const pl_kconfig *cfg, const char *config_origin, const char *deck_path,
               pl_diags *diags);
void kiosk_close(kiosk *k);

/* Opens the vote store at path (the config's store). Problems are kept
 * for the admin screen and printed to stderr; the kiosk runs without
 * polls when no store can be had. */
void kiosk_open_store(kiosk *k, const char *path);

/* The index of lang among the offered languages, or -1. */
int kiosk_lang_index(const kiosk *k, const char *lang);

/* Composes the app's current screen at w x h into k->scene. Returns 0 or
 * -1 (the reason printed). */
int kiosk_compose(kiosk *k, int w, int h, double now);

/* Draws k->scene. */
int kiosk_render(kiosk *k, SDL_Surface *dst);

/* Reloads the deck; on failure the last good deck stays and the problem
 * goes to the admin status. Returns 0 or -1. */
int kiosk_reload(kiosk *k);

/* The window and its event loop, until admin exit or SIGTERM/SIGINT.
 * Returns the exit status. */
int kiosk_run(kiosk *k, bool windowed, int w, int h);

#endif
