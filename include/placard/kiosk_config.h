/*
 * kiosk_config.h: the kiosk's one configuration file, and the same
 * settings as command-line flags.
 *
 * The file is plain text a host edits in any editor:
 *
 *     # Jefferson Elementary, lobby kiosk
 *     site = jefferson-elementary
 *     kiosk-id = lobby-1
 *     display-diagonal = 24        # inches
 *     viewing-distance = 1.5       # metres
 *     languages = en, es, zh-Hant, vi, ar
 *     key.next = Right, Space, Keypad 6
 *
 * One setting a line, "name = value"; '#' starts a comment (outside a
 * value's quotes); blank lines are ignored; a value may be quoted with
 * double quotes to keep '#' or surrounding spaces. Names are the long
 * option names of placard-kiosk without the dashes ("idle-seconds" is also
 * --idle-seconds=60), so every setting is also a flag and the table below is
 * the one list of them. Problems are reported as "FILE:LINE: error: ..."
 * (a flag's origin is "command line"), with a did-you-mean for unknown
 * names; a bad value leaves the setting at its previous value.
 *
 * The core knows nothing of SDL: key bindings are kept as SDL key names
 * ("Right", "Keypad 6", "F12"), checked by the kiosk when it maps them.
 */
#ifndef PLACARD_KIOSK_CONFIG_H
#define PLACARD_KIOSK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "placard/diag.h"

/* What a key (or switch, or keypad button) can do. */
typedef enum pl_action {
	PL_ACT_NEXT,        /* next slide or page; next item in a picker */
	PL_ACT_PREV,        /* previous slide or page */
	PL_ACT_FOCUS_NEXT,  /* move focus forward (Tab; two-switch "step") */
	PL_ACT_FOCUS_PREV,  /* move focus back (Shift+Tab) */
	PL_ACT_UP,          /* focus up / previous in a list */
	PL_ACT_DOWN,        /* focus down / next in a list */
	PL_ACT_SELECT,      /* activate the focused control (Enter; switch "select") */
	PL_ACT_BACK,        /* close the picker or dialog (Escape) */
	PL_ACT_HOME,        /* first slide */
	PL_ACT_LANGUAGE,    /* open the language picker */
	PL_ACT_PAUSE,       /* pause or resume the attract loop */
	PL_ACT_TEXT_BIGGER, /* text size one step up */
	PL_ACT_TEXT_SMALLER,
	PL_ACT_THEME, /* next theme */
	PL_ACT_SCAN,  /* the single switch of auto-scanning */
	PL_ACT_SPEAK, /* start or stop speech (the Speech issue) */
	/* While speech is on (kiosk/speech.h): */
	PL_ACT_SPEECH_PAUSE,   /* pause or resume reading aloud */
	PL_ACT_SPEECH_REPEAT,  /* read the current phrase again */
	PL_ACT_SPEECH_NEXT,    /* skip to the next phrase */
	PL_ACT_SPEECH_PREV,    /* back to the previous phrase */
	PL_ACT_SPEECH_LOUDER,  /* volume one step (3 dB) up */
	PL_ACT_SPEECH_QUIETER, /* volume one step down */
	PL_ACT_SPEECH_FASTER,  /* speech rate one step up */
	PL_ACT_SPEECH_SLOWER,  /* speech rate one step down */
	PL_ACT_COUNT
} pl_action;

/* Longest binding list per action. */
#define PL_MAX_KEYS 8
#define PL_MAX_LANGUAGES 16

typedef enum pl_theme_id { PL_THEME_STANDARD, PL_THEME_CONTRAST, PL_THEME_DYSLEXIA } pl_theme_id;

typedef struct pl_kconfig {
	char site[64];      /* slug, e.g. "jefferson-elementary"; "" = the deck's default site */
	char kiosk_id[64];  /* stored with each vote; "" = the host name */
	double diagonal_in; /* display diagonal, inches (default 24) */
	double distance_m;  /* viewing distance, metres (default 1.5) */
	char language[36];  /* default language; "" = the deck's source language */
	char languages[PL_MAX_LANGUAGES][36]; /* offered, in picker order; none = the deck's */
	int n_languages;
	double slide_seconds;   /* attract loop: time per screen (default 12) */
	double idle_seconds;    /* visitor idle before the warning (default 90) */
	double warning_seconds; /* the warning's countdown, at least 20 (default 30) */
	double scan_seconds;    /* auto-scan step, 0.75 .. 3 (default 1) */
	double scan_first_hold; /* extra time on the first item, seconds (default 0.5) */
	int scan_loops;         /* loops before scanning rests (default 2) */
	int text_scale;         /* percent, 100 .. 200, default 100 */
	pl_theme_id theme;      /* default theme */
	bool reduce_motion;     /* no transitions (default on: no motion unless asked) */
	char store[512];        /* vote store path; "" = the standard location */
	char admin_chord[64];   /* e.g. "Ctrl+Alt+Shift+P" */
	char pin_hash[160];     /* crypt(3) hash of the admin PIN; "" = admin needs no PIN */
	char voice_zh[8];       /* Chinese read aloud in "cmn" (Mandarin, default) or "yue" */
	char voice_hy[8];       /* Armenian read aloud in "hy" (Eastern, default) or "hyw" */
	int speech_volume;      /* speech volume each visitor starts at, step 1 .. 9 (default 7) */
	int speech_rate;        /* words a minute each visitor starts at, 80 .. 350 (default 150) */
	char keys[PL_ACT_COUNT][PL_MAX_KEYS][24]; /* SDL key names per action */
	int n_keys[PL_ACT_COUNT];
} pl_kconfig;

/* The defaults: a first run with no file at all works (24-inch display at
 * 1.5 m, keyboard bindings for arrows/Tab/Enter/Escape/Home, the keypad of
 * an AudioNav-type unit on the numeric keypad, F-keys for switches). */
void pl_kconfig_defaults(pl_kconfig *cfg);

/* Sets one setting by name from text; origin/line name where it came from
 * in messages. Returns 0, or -1 with the problem in diags (the setting
 * unchanged). A key.ACTION setting replaces that action's bindings. */
int pl_kconfig_set(pl_kconfig *cfg, const char *name, const char *value, const char *origin,
                   unsigned line, pl_diags *diags);

/* Reads a configuration file over cfg (which holds defaults or earlier
 * settings). Returns 0, or -1 when the file could not be read or had
 * errors (each in diags, "FILE:LINE: error: ..."). */
int pl_kconfig_load(pl_kconfig *cfg, const char *path, pl_diags *diags);

/* The same from a buffer (len bytes, need not be NUL-terminated); name is
 * the file name for messages. */
int pl_kconfig_parse(pl_kconfig *cfg, const char *name, const char *text, size_t len,
                     pl_diags *diags);

/* The settings' names, for generating flags and help: NULL-terminated. */
const char *const *pl_kconfig_names(void);

/* The action's name as in "key.NAME" ("next", "select"...), and back. */
const char *pl_action_name(pl_action a);
int pl_action_from_name(const char *name); /* -1 when unknown */

/* Writes cfg as a configuration file (every setting, commented) to out. */
void pl_kconfig_write(const pl_kconfig *cfg, FILE *out);

/* Whether a and b hold the same settings (strings up to their NUL, key
 * lists in order). What pl_kconfig_write writes reads back equal. */
bool pl_kconfig_equal(const pl_kconfig *a, const pl_kconfig *b);

/* PINs are stored hashed (crypt(3), yescrypt, random salt). pl_pin_hash
 * writes the hash of pin into out (size bytes); returns 0 or -1. pl_pin_check
 * tells whether pin matches hash (constant time in the comparison). */
int pl_pin_hash(const char *pin, char *out, size_t size);
bool pl_pin_check(const char *hash, const char *pin);

/* Seconds to wait after the n-th wrong PIN in a row (n >= 1): 0 for the
 * first two, then 2, 4, 8 ... doubling, at most 300. */
double pl_pin_backoff(int wrong_in_a_row);

#endif
