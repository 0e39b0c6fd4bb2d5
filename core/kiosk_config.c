/*
 * kiosk_config.c: the kiosk's settings file and flags; see kiosk_config.h
 * and docs/kiosk-config.md.
 *
 * One table, settings[] below followed by one key.ACTION per action, is the
 * list of settings: the file, the flags, pl_kconfig_write and the names for
 * help all come from it. What this file promises:
 * - A setting changes only when its whole value is good: every check runs
 *   before anything is stored, so a bad value leaves the previous one.
 * - Every string stored is valid UTF-8 without control characters and fits
 *   its array, and every number is in its range. So pl_kconfig_write can
 *   write any configuration this file accepted, and what it writes reads
 *   back equal and without errors (tests/fuzz/fuzz_kconfig.c checks this).
 * - Numbers are read and written by hand, not with strtod or printf's %g,
 *   so that no locale can make "1.5" mean anything else.
 * - A PIN is never stored or written: only its crypt(3) hash.
 */
#define _DEFAULT_SOURCE /* explicit_bzero: PIN bytes must not linger */
#include "placard/kiosk_config.h"

#include <crypt.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "placard/strbuf.h"
#include "placard/text.h"

#define MAX_FILE_BYTES ((size_t)1024 * 1024)
#define MAX_LINE_BYTES 4096
#define MAX_DECIMALS 6

/* ------------------------------------------------------------------ */
/* The settings                                                        */

typedef enum kind {
	K_SITE,      /* a slug, "" allowed */
	K_KIOSK_ID,  /* letters, digits, '.', '_', '-'; "" allowed */
	K_NUMBER,    /* a double in [min, max] */
	K_WARNING,   /* a double in [min, max], the minimum from WCAG 2.2.1 */
	K_WHOLE,     /* an int in [min, max] */
	K_PERCENT,   /* an int in [min, max], "150" or "150%" */
	K_LANGUAGE,  /* one BCP 47 tag, "" allowed */
	K_LANGUAGES, /* a list of BCP 47 tags */
	K_THEME,
	K_BOOL,
	K_PATH,
	K_CHORD,
	K_PIN_HASH,
	K_CHOICE, /* one of the words listed in unit: "cmn, yue" (the first the default) */
} kind;

typedef struct setting {
	const char *name;
	kind kind;
	size_t offset, size; /* of the field in pl_kconfig */
	double min, max;
	const char *unit;  /* for messages about numbers: "inches" */
	const char *about; /* the comment pl_kconfig_write puts above it */
} setting;

#define FIELD(f) offsetof(pl_kconfig, f), sizeof(((pl_kconfig *)0)->f)

static const setting settings[] = {
        {"site", K_SITE, FIELD(site), 0, 0, NULL,
         "The site written into survey links and votes (a-z, 0-9, '-');\n"
         "\"\" = the deck's default site."},
        {"kiosk-id", K_KIOSK_ID, FIELD(kiosk_id), 0, 0, NULL,
         "This kiosk's name, stored with each vote (letters, digits, '.', '_', '-');\n"
         "\"\" = the host name."},
        {"display-diagonal", K_NUMBER, FIELD(diagonal_in), 7, 120, "inches",
         "The screen's diagonal in inches (7 to 120): with the viewing distance\n"
         "it sets the size of the text."},
        {"viewing-distance", K_NUMBER, FIELD(distance_m), 0.3, 10, "metres",
         "How far visitors stand from the screen, in metres (0.3 to 10)."},
        {"language", K_LANGUAGE, FIELD(language), 0, 0, NULL,
         "The language the kiosk starts in (a BCP 47 tag such as en, es, zh-Hant);\n"
         "\"\" = the deck's source language."},
        {"languages", K_LANGUAGES, FIELD(languages), 0, 0, NULL,
         "The languages offered, in picker order, separated by commas;\n"
         "\"\" = all of the deck's languages."},
        {"slide-seconds", K_NUMBER, FIELD(slide_seconds), 3, 600, "seconds",
         "Seconds each screen shows while nobody is using the kiosk (3 to 600)."},
        {"idle-seconds", K_NUMBER, FIELD(idle_seconds), 10, 3600, "seconds",
         "Seconds without a touch or key before a visitor is asked whether they\n"
         "need more time (10 to 3600)."},
        {"warning-seconds", K_WARNING, FIELD(warning_seconds), 20, 600, "seconds",
         "How long that question waits for an answer before the kiosk starts over,\n"
         "in seconds (20 to 600; WCAG 2.2.1 asks for at least 20)."},
        {"scan-seconds", K_NUMBER, FIELD(scan_seconds), 0.75, 3, "seconds",
         "Switch scanning: seconds the highlight rests on each item (0.75 to 3)."},
        {"scan-first-hold", K_NUMBER, FIELD(scan_first_hold), 0, 3, "seconds",
         "Switch scanning: extra seconds on the first item (0 to 3)."},
        {"scan-loops", K_WHOLE, FIELD(scan_loops), 1, 10, NULL,
         "Switch scanning: times round the items before scanning rests (1 to 10)."},
        {"text-scale", K_PERCENT, FIELD(text_scale), 100, 200, NULL,
         "Text size in percent of the size worked out for the screen (100 to 200)."},
        {"theme", K_THEME, FIELD(theme), 0, 0, NULL,
         "The theme the kiosk starts in: standard, high-contrast or dyslexia."},
        {"reduce-motion", K_BOOL, FIELD(reduce_motion), 0, 0, NULL,
         "yes: screens change without moving transitions."},
        {"store", K_PATH, FIELD(store), 0, 0, NULL,
         "Where votes are kept (a file path); \"\" = the standard location."},
        {"admin-chord", K_CHORD, FIELD(admin_chord), 0, 0, NULL,
         "The keys that open the admin screen: modifiers (Ctrl, Alt, Shift, Super)\n"
         "and a key, joined with '+'."},
        {"pin-hash", K_PIN_HASH, FIELD(pin_hash), 0, 0, NULL,
         "The admin PIN, hashed: run 'placard-kiosk --hash-pin' and paste what it\n"
         "prints. \"\" = the admin screen asks for no PIN."},
        {"voice-zh", K_CHOICE, FIELD(voice_zh), 0, 0, "cmn, yue",
         "Chinese (zh-Hans and zh-Hant) is read aloud in Mandarin (cmn) or in\n"
         "Cantonese (yue)."},
        {"voice-hy", K_CHOICE, FIELD(voice_hy), 0, 0, "hy, hyw",
         "Armenian is read aloud in Eastern (hy) or Western Armenian (hyw)."},
        {"speech-volume", K_WHOLE, FIELD(speech_volume), 1, 9, NULL,
         "The volume reading aloud starts at for each visitor: a step from 1\n"
         "(quietest) to 9 (loudest), 3 dB apart."},
        {"speech-rate", K_WHOLE, FIELD(speech_rate), 80, 350, NULL,
         "The speed reading aloud starts at for each visitor, in words a minute\n"
         "(80 to 350); visitors make it slower or faster in steps."},
};
#define N_SETTINGS (sizeof settings / sizeof settings[0])
#define N_NAMES (N_SETTINGS + PL_ACT_COUNT)

/* The same names in the same order, then key.ACTION in action order: the
 * list for flags and help (test_every_setting sets each from a file). */
static const char *const names[] = {
        "site",
        "kiosk-id",
        "display-diagonal",
        "viewing-distance",
        "language",
        "languages",
        "slide-seconds",
        "idle-seconds",
        "warning-seconds",
        "scan-seconds",
        "scan-first-hold",
        "scan-loops",
        "text-scale",
        "theme",
        "reduce-motion",
        "store",
        "admin-chord",
        "pin-hash",
        "voice-zh",
        "voice-hy",
        "speech-volume",
        "speech-rate",
        "key.next",
        "key.prev",
        "key.focus-next",
        "key.focus-prev",
        "key.up",
        "key.down",
        "key.select",
        "key.back",
        "key.home",
        "key.language",
        "key.pause",
        "key.text-bigger",
        "key.text-smaller",
        "key.theme",
        "key.scan",
        "key.speak",
        "key.speech-pause",
        "key.speech-repeat",
        "key.speech-next",
        "key.speech-prev",
        "key.speech-louder",
        "key.speech-quieter",
        "key.speech-faster",
        "key.speech-slower",
        NULL,
};
_Static_assert(sizeof names / sizeof names[0] == N_NAMES + 1, "one name per setting and action");

static const char *const action_names[PL_ACT_COUNT] = {
        [PL_ACT_NEXT] = "next",
        [PL_ACT_PREV] = "prev",
        [PL_ACT_FOCUS_NEXT] = "focus-next",
        [PL_ACT_FOCUS_PREV] = "focus-prev",
        [PL_ACT_UP] = "up",
        [PL_ACT_DOWN] = "down",
        [PL_ACT_SELECT] = "select",
        [PL_ACT_BACK] = "back",
        [PL_ACT_HOME] = "home",
        [PL_ACT_LANGUAGE] = "language",
        [PL_ACT_PAUSE] = "pause",
        [PL_ACT_TEXT_BIGGER] = "text-bigger",
        [PL_ACT_TEXT_SMALLER] = "text-smaller",
        [PL_ACT_THEME] = "theme",
        [PL_ACT_SCAN] = "scan",
        [PL_ACT_SPEAK] = "speak",
        [PL_ACT_SPEECH_PAUSE] = "speech-pause",
        [PL_ACT_SPEECH_REPEAT] = "speech-repeat",
        [PL_ACT_SPEECH_NEXT] = "speech-next",
        [PL_ACT_SPEECH_PREV] = "speech-prev",
        [PL_ACT_SPEECH_LOUDER] = "speech-louder",
        [PL_ACT_SPEECH_QUIETER] = "speech-quieter",
        [PL_ACT_SPEECH_FASTER] = "speech-faster",
        [PL_ACT_SPEECH_SLOWER] = "speech-slower",
};

static const char *const action_about[PL_ACT_COUNT] = {
        [PL_ACT_NEXT] = "next slide or page; next item in a picker",
        [PL_ACT_PREV] = "previous slide or page",
        [PL_ACT_FOCUS_NEXT] = "move the focus forward (a two-switch user's \"step\")",
        [PL_ACT_FOCUS_PREV] = "move the focus back (Shift+Tab always does)",
        [PL_ACT_UP] = "focus up, or the previous item in a list",
        [PL_ACT_DOWN] = "focus down, or the next item in a list",
        [PL_ACT_SELECT] = "activate what has the focus (a two-switch user's \"select\")",
        [PL_ACT_BACK] = "close the picker or dialog",
        [PL_ACT_HOME] = "back to the first slide",
        [PL_ACT_LANGUAGE] = "open the language picker",
        [PL_ACT_PAUSE] = "pause or resume the slides",
        [PL_ACT_TEXT_BIGGER] = "text one size bigger",
        [PL_ACT_TEXT_SMALLER] = "text one size smaller",
        [PL_ACT_THEME] = "the next theme",
        [PL_ACT_SCAN] = "the single switch of switch scanning",
        [PL_ACT_SPEAK] = "start or stop reading aloud",
        [PL_ACT_SPEECH_PAUSE] = "pause or resume reading aloud",
        [PL_ACT_SPEECH_REPEAT] = "read the current phrase again",
        [PL_ACT_SPEECH_NEXT] = "skip to the next phrase",
        [PL_ACT_SPEECH_PREV] = "back to the previous phrase",
        [PL_ACT_SPEECH_LOUDER] = "reading aloud one step (3 dB) louder",
        [PL_ACT_SPEECH_QUIETER] = "reading aloud one step quieter",
        [PL_ACT_SPEECH_FASTER] = "reading aloud one step faster",
        [PL_ACT_SPEECH_SLOWER] = "reading aloud one step slower",
};

/* The default bindings. Keyboard keys first; then the numeric keypad laid
 * out like an AudioNav-type audio keypad (arrows on 8/4/6/2 round select on
 * 5, back on 0, home on 7, language on 9, pause on 1, speech on '*', and
 * while speech is on, pause it on 3 and repeat on '.'); then F1-F3 for
 * switch interfaces, which send F-keys (F1 the single scanning switch, F2
 * "step" and F3 "select" for two switches). Speech's volume and speed are
 * on the media keys of keyboards that have them and on F7-F10. No key is
 * bound to two actions: a unit test checks it. Names are SDL's
 * (SDL_GetKeyName). */
static const char *const default_keys[PL_ACT_COUNT][PL_MAX_KEYS] = {
        [PL_ACT_NEXT] = {"Right", "PageDown", "Keypad 6"},
        [PL_ACT_PREV] = {"Left", "PageUp", "Keypad 4"},
        [PL_ACT_FOCUS_NEXT] = {"Tab", "F2"},
        [PL_ACT_FOCUS_PREV] = {NULL},
        [PL_ACT_UP] = {"Up", "Keypad 8"},
        [PL_ACT_DOWN] = {"Down", "Keypad 2"},
        [PL_ACT_SELECT] = {"Return", "Keypad Enter", "Space", "F3", "Keypad 5"},
        [PL_ACT_BACK] = {"Escape", "Backspace", "Keypad 0"},
        [PL_ACT_HOME] = {"Home", "Keypad 7"},
        [PL_ACT_LANGUAGE] = {"L", "Keypad 9"},
        [PL_ACT_PAUSE] = {"P", "Keypad 1"},
        [PL_ACT_TEXT_BIGGER] = {"=", "+", "Keypad +"},
        [PL_ACT_TEXT_SMALLER] = {"-", "Keypad -"},
        [PL_ACT_THEME] = {"T", "Keypad /"},
        [PL_ACT_SCAN] = {"F1"},
        [PL_ACT_SPEAK] = {"S", "Keypad *"},
        [PL_ACT_SPEECH_PAUSE] = {"Pause", "AudioPlay", "Keypad 3"},
        [PL_ACT_SPEECH_REPEAT] = {"R", "Keypad ."},
        [PL_ACT_SPEECH_NEXT] = {"AudioNext", "."},
        [PL_ACT_SPEECH_PREV] = {"AudioPrev", "M"},
        [PL_ACT_SPEECH_LOUDER] = {"VolumeUp", "F8"},
        [PL_ACT_SPEECH_QUIETER] = {"VolumeDown", "F7"},
        [PL_ACT_SPEECH_FASTER] = {"F10"},
        [PL_ACT_SPEECH_SLOWER] = {"F9"},
};

static const char *const theme_names[] = {
        [PL_THEME_STANDARD] = "standard",
        [PL_THEME_CONTRAST] = "high-contrast",
        [PL_THEME_DYSLEXIA] = "dyslexia",
};
#define N_THEMES (sizeof theme_names / sizeof theme_names[0])

const char *const *pl_kconfig_names(void)
{
	return names;
}

const char *pl_action_name(pl_action a)
{
	return (unsigned)a < PL_ACT_COUNT ? action_names[a] : "?";
}

int pl_action_from_name(const char *name)
{
	for (int a = 0; a < PL_ACT_COUNT; a++)
		if (strcmp(action_names[a], name) == 0)
			return a;
	return -1;
}

/* The setting's index: 0 .. N_SETTINGS-1 for settings[], N_SETTINGS + a for
 * key.ACTION; -1 when unknown. */
static int find_name(const char *name)
{
	for (size_t i = 0; i < N_SETTINGS; i++)
		if (strcmp(settings[i].name, name) == 0)
			return (int)i;
	if (strncmp(name, "key.", 4) == 0) {
		int a = pl_action_from_name(name + 4);
		if (a >= 0)
			return (int)N_SETTINGS + a;
	}
	return -1;
}

void pl_kconfig_defaults(pl_kconfig *cfg)
{
	/* Zeroed first so that the bytes after each string's NUL are too. */
	memset(cfg, 0, sizeof *cfg);
	cfg->diagonal_in = 24;
	cfg->distance_m = 1.5;
	cfg->slide_seconds = 12;
	cfg->idle_seconds = 90;
	cfg->warning_seconds = 30;
	cfg->scan_seconds = 1;
	cfg->scan_first_hold = 0.5;
	cfg->scan_loops = 2;
	cfg->text_scale = 100;
	cfg->theme = PL_THEME_STANDARD;
	cfg->reduce_motion = true;
	strcpy(cfg->admin_chord, "Ctrl+Alt+Shift+P");
	strcpy(cfg->voice_zh, "cmn");
	strcpy(cfg->voice_hy, "hy");
	cfg->speech_volume = 7;
	cfg->speech_rate = 150;
	for (int a = 0; a < PL_ACT_COUNT; a++) {
		int n = 0;
		while (n < PL_MAX_KEYS && default_keys[a][n]) {
			snprintf(cfg->keys[a][n], sizeof cfg->keys[a][n], "%s", default_keys[a][n]);
			n++;
		}
		cfg->n_keys[a] = n;
	}
}

/* ------------------------------------------------------------------ */
/* Reporting                                                           */

typedef struct where {
	const char *origin; /* file name, or "command line" */
	unsigned line;
	pl_diags *diags;
} where;

static void say(const where *at, pl_severity sev, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static void say(const where *at, pl_severity sev, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pl_diags_vadd(at->diags, sev, at->origin, at->line, 0, fmt, ap);
	va_end(ap);
}

#define error_at(at, ...) say(at, PL_ERROR, __VA_ARGS__)
#define warning_at(at, ...) say(at, PL_WARNING, __VA_ARGS__)

/* How many bytes of s to quote in a message: all of a short value, else the
 * first 60 or so, cut at a character boundary (the caller adds "..."). */
static int shown(const char *s)
{
	size_t n = strlen(s);
	if (n <= 64)
		return (int)n;
	n = 60;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

#define SHOWN(s) shown(s), (s), (strlen(s) > 64 ? "..." : "")

/* ------------------------------------------------------------------ */
/* Small parsers                                                       */

static const double pow10_d[MAX_DECIMALS + 1] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
static const unsigned long long pow10_u[MAX_DECIMALS + 1] = {1,     10,     100,    1000,
                                                             10000, 100000, 1000000};

typedef enum number_status { NUMBER_OK, NUMBER_BAD, NUMBER_TOO_PRECISE } number_status;

/* A decimal number as people write it: digits with an optional point and at
 * most MAX_DECIMALS decimals (trailing zeros aside); no sign, exponent,
 * hex, inf or nan. The mantissa stays below 10^15 < 2^53, so m / 10^k is
 * one correctly rounded division: the same value strtod would give, and
 * the one format_number finds again. An integer part of more than nine
 * digits is no setting's value and is refused as NUMBER_BAD. */
static number_status parse_number(const char *s, double *out)
{
	unsigned long long m = 0;
	int k = 0, zeros = 0;
	bool any = false;
	const char *p = s;
	for (; *p >= '0' && *p <= '9'; p++) {
		any = true;
		if (m >= 100000000ULL)
			return NUMBER_BAD;
		m = m * 10 + (unsigned)(*p - '0');
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			any = true;
			if (*p == '0') {
				zeros++;
				continue;
			}
			if (k + zeros + 1 > MAX_DECIMALS)
				return NUMBER_TOO_PRECISE;
			for (; zeros; zeros--, k++)
				m *= 10;
			m = m * 10 + (unsigned)(*p - '0');
			k++;
		}
	}
	if (!any || *p)
		return NUMBER_BAD;
	*out = (double)m / pow10_d[k];
	return NUMBER_OK;
}

/* Writes v with the fewest decimals that parse_number reads back as v. */
static void format_number(double v, char *buf, size_t size)
{
	if (!(v >= 0 && v < 1e9)) {
		/* No value parse_number gives; written so that it is refused. */
		snprintf(buf, size, "out-of-range");
		return;
	}
	unsigned long long m = 0;
	int k = 0;
	for (; k <= MAX_DECIMALS; k++) {
		m = (unsigned long long)(v * pow10_d[k] + 0.5);
		if ((double)m / pow10_d[k] == v)
			break;
	}
	if (k > MAX_DECIMALS)
		k = MAX_DECIMALS; /* set by a program, not read: the nearest */
	if (k == 0)
		snprintf(buf, size, "%llu", m);
	else
		snprintf(buf, size, "%llu.%0*llu", m / pow10_u[k], k, m % pow10_u[k]);
}

/* Digits only, at most nine. */
static bool parse_whole(const char *s, int *out)
{
	int n = 0;
	size_t len = 0;
	for (; s[len] >= '0' && s[len] <= '9'; len++) {
		if (len == 9)
			return false;
		n = n * 10 + (s[len] - '0');
	}
	if (len == 0 || s[len])
		return false;
	*out = n;
	return true;
}

static char ascii_lower(char c)
{
	if (c >= 'A' && c <= 'Z')
		return (char)(c | 0x20);
	return c;
}

/* ASCII case-insensitive equality, independent of the locale: key names
 * ("Right" and "right" are one key to SDL), language tags (RFC 5646 2.1.1),
 * yes/no words. */
static bool same_ignoring_case(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (ascii_lower(*a) != ascii_lower(*b))
			return false;
	return *a == *b;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The items of a comma-separated list, without the blanks round them. A
 * value of blanks only is an empty list; "a,,b" and "a," have an empty
 * item, which the callers refuse. */
typedef struct list_items {
	const char *next; /* NULL after the last item */
} list_items;

static list_items list_start(const char *value)
{
	const char *s = value;
	while (is_blank(*s))
		s++;
	list_items it = {*s ? value : NULL};
	return it;
}

static bool list_next(list_items *it, const char **start, size_t *len)
{
	const char *s = it->next;
	if (!s)
		return false;
	const char *comma = strchr(s, ',');
	const char *end = comma ? comma : s + strlen(s);
	it->next = comma ? comma + 1 : NULL;
	while (s < end && is_blank(*s))
		s++;
	while (end > s && is_blank(end[-1]))
		end--;
	*start = s;
	*len = (size_t)(end - s);
	return true;
}

/* ------------------------------------------------------------------ */
/* Checking values                                                     */

/* The first control character (other than tab), or 0. */
static unsigned first_control(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && c != '\t') || c == 0x7F)
			return c;
	}
	return 0;
}

static bool has_tab(const char *s)
{
	return strchr(s, '\t') != NULL;
}

static int store_text(char *dst, size_t size, const char *value)
{
	size_t len = strlen(value);
	if (len >= size)
		return -1; /* check_length said so first */
	/* The whole field, so that what follows the text is always zeros. */
	memset(dst, 0, size);
	memcpy(dst, value, len + 1);
	return 0;
}

static int check_length(const setting *s, const char *value, const where *at)
{
	if (strlen(value) < s->size)
		return 0;
	error_at(at, "%s is at most %zu bytes long, not %zu", s->name, s->size - 1, strlen(value));
	return -1;
}

static int set_site(const setting *s, char *dst, const char *value, const where *at)
{
	if (*value && (!pl_slug_valid(value) || strlen(value) >= s->size)) {
		error_at(at,
		         "site must be a short name of a-z, 0-9 and '-' (1 to %zu characters, not "
		         "starting with '-'), not '%.*s%s'",
		         s->size - 1, SHOWN(value));
		return -1;
	}
	return store_text(dst, s->size, value);
}

static int set_kiosk_id(const setting *s, char *dst, const char *value, const where *at)
{
	for (const char *p = value; *p; p++) {
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.')) {
			error_at(
			        at,
			        "kiosk-id may hold letters, digits, '.', '_' and '-', not '%.*s%s'",
			        SHOWN(value));
			return -1;
		}
	}
	if (check_length(s, value, at) < 0)
		return -1;
	return store_text(dst, s->size, value);
}

static int set_number(const setting *s, double *dst, const char *value, const where *at)
{
	double v = 0;
	number_status st = parse_number(value, &v);
	char lo[32], hi[32];
	format_number(s->min, lo, sizeof lo);
	format_number(s->max, hi, sizeof hi);
	if (st == NUMBER_TOO_PRECISE) {
		error_at(at, "%s takes at most %d decimals, not '%.*s%s'", s->name, MAX_DECIMALS,
		         SHOWN(value));
		return -1;
	}
	if (st == NUMBER_OK && s->kind == K_WARNING && v < s->min) {
		/* WCAG 2.2.1 Timing Adjustable: before time runs out the user
		 * is warned and given at least 20 seconds to extend it. */
		error_at(at,
		         "%s must be at least %s: WCAG 2.2.1 (Timing Adjustable) gives people at "
		         "least 20 seconds to ask for more time; not '%.*s%s'",
		         s->name, lo, SHOWN(value));
		return -1;
	}
	if (st != NUMBER_OK || v < s->min || v > s->max) {
		error_at(at, "%s must be a number of %s from %s to %s, not '%.*s%s'", s->name,
		         s->unit, lo, hi, SHOWN(value));
		return -1;
	}
	*dst = v;
	return 0;
}

static int set_whole(const setting *s, int *dst, const char *value, const where *at)
{
	char text[16];
	const char *digits = value;
	if (s->kind == K_PERCENT) {
		/* "150%" and "150 %" as well as "150". */
		size_t n = strlen(value);
		if (n > 0 && value[n - 1] == '%' && n < sizeof text) {
			n--;
			while (n > 0 && is_blank(value[n - 1]))
				n--;
			memcpy(text, value, n);
			text[n] = '\0';
			digits = text;
		}
	}
	int v = 0;
	if (!parse_whole(digits, &v) || v < s->min || v > s->max) {
		if (s->kind == K_PERCENT)
			error_at(at,
			         "%s must be a whole percentage from %d to %d (like 150 or 150%%), "
			         "not '%.*s%s'",
			         s->name, (int)s->min, (int)s->max, SHOWN(value));
		else
			error_at(at, "%s must be a whole number from %d to %d, not '%.*s%s'",
			         s->name, (int)s->min, (int)s->max, SHOWN(value));
		return -1;
	}
	*dst = v;
	return 0;
}

static bool language_ok(const char *tag, size_t size)
{
	return strlen(tag) < size && pl_bcp47_valid(tag);
}

static int set_language(const setting *s, char *dst, const char *value, const where *at)
{
	if (*value && !language_ok(value, s->size)) {
		error_at(at,
		         "language: '%.*s%s' is not a BCP 47 language tag (like en, es, zh-Hant)",
		         SHOWN(value));
		return -1;
	}
	return store_text(dst, s->size, value);
}

static int set_languages(pl_kconfig *cfg, const char *value, const where *at)
{
	char tags[PL_MAX_LANGUAGES][sizeof cfg->languages[0]];
	int n = 0;
	list_items it = list_start(value);
	const char *start;
	size_t len;
	memset(tags, 0, sizeof tags);
	while (list_next(&it, &start, &len)) {
		if (len == 0) {
			error_at(at, "languages has an empty item; separate tags with one comma");
			return -1;
		}
		char tag[sizeof tags[0]];
		if (len >= sizeof tag) {
			error_at(at,
			         "languages: '%.*s' is not a BCP 47 language tag (like en, es, "
			         "zh-Hant)",
			         len > 60 ? 60 : (int)len, start);
			return -1;
		}
		memcpy(tag, start, len);
		tag[len] = '\0';
		if (!pl_bcp47_valid(tag)) {
			error_at(at,
			         "languages: '%s' is not a BCP 47 language tag (like en, es, "
			         "zh-Hant)",
			         tag);
			return -1;
		}
		for (int i = 0; i < n; i++) {
			if (same_ignoring_case(tags[i], tag)) {
				error_at(at, "languages lists '%s' twice", tag);
				return -1;
			}
		}
		if (n == PL_MAX_LANGUAGES) {
			error_at(at, "languages lists more than %d languages", PL_MAX_LANGUAGES);
			return -1;
		}
		memcpy(tags[n++], tag, len + 1);
	}
	memcpy(cfg->languages, tags, sizeof tags);
	cfg->n_languages = n;
	return 0;
}

static int set_theme(pl_theme_id *dst, const char *value, const where *at)
{
	for (size_t t = 0; t < N_THEMES; t++) {
		if (same_ignoring_case(theme_names[t], value)) {
			*dst = (pl_theme_id)t;
			return 0;
		}
	}
	error_at(at, "theme must be standard, high-contrast or dyslexia, not '%.*s%s'",
	         SHOWN(value));
	return -1;
}

static int set_bool(const setting *s, bool *dst, const char *value, const where *at)
{
	static const char *const yes[] = {"yes", "true", "on", "1"};
	static const char *const no[] = {"no", "false", "off", "0"};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (same_ignoring_case(yes[i], value)) {
			*dst = true;
			return 0;
		}
		if (same_ignoring_case(no[i], value)) {
			*dst = false;
			return 0;
		}
	}
	error_at(at, "%s must be yes or no (or true/false, on/off, 1/0), not '%.*s%s'", s->name,
	         SHOWN(value));
	return -1;
}

static int set_path(const setting *s, char *dst, const char *value, const where *at)
{
	if (check_length(s, value, at) < 0)
		return -1;
	if (has_tab(value)) {
		error_at(at, "%s contains a tab", s->name);
		return -1;
	}
	if (value[0] == '~') {
		error_at(at, "%s: '~' is not expanded here; write the whole path, like /home/...",
		         s->name);
		return -1;
	}
	return store_text(dst, s->size, value);
}

/* Which modifier s (len bytes) names, from 0; -1 for none. */
static int modifier_index(const char *s, size_t len)
{
	static const char *const modifiers[] = {"Ctrl", "Alt", "Shift", "Super"};
	for (size_t i = 0; i < sizeof modifiers / sizeof modifiers[0]; i++) {
		if (strlen(modifiers[i]) != len)
			continue;
		size_t j = 0;
		while (j < len && ascii_lower(s[j]) == ascii_lower(modifiers[i][j]))
			j++;
		if (j == len)
			return (int)i;
	}
	return -1;
}

/* "Ctrl+Alt+Shift+P": modifiers, each at most once, then one key. The key
 * is everything after the last modifier's '+', so "Ctrl+Keypad +" and
 * "Ctrl++" name the keys "Keypad +" and "+". */
static int set_chord(const setting *s, char *dst, const char *value, const where *at)
{
	const char *p = value;
	unsigned seen = 0;
	int n_modifiers = 0;
	for (;;) {
		const char *plus = strchr(p, '+');
		if (!plus)
			break;
		const char *a = p, *b = plus;
		while (is_blank(*a))
			a++;
		while (b > a && is_blank(b[-1]))
			b--;
		int modifier = modifier_index(a, (size_t)(b - a));
		if (modifier < 0)
			break;
		unsigned bit = 1u << modifier;
		if (seen & bit) {
			error_at(at, "%s names the modifier '%.*s' twice", s->name, (int)(b - a),
			         a);
			return -1;
		}
		seen |= bit;
		n_modifiers++;
		p = plus + 1;
	}
	while (is_blank(*p))
		p++;
	size_t key_len = strlen(p);
	while (key_len > 0 && is_blank(p[key_len - 1]))
		key_len--;
	if (key_len == 0 || modifier_index(p, key_len) >= 0) {
		error_at(at,
		         "%s must be modifiers and a key joined with '+', like Ctrl+Alt+Shift+P; "
		         "'%.*s%s' has no key at the end",
		         s->name, SHOWN(value));
		return -1;
	}
	if (key_len >= sizeof((pl_kconfig *)0)->keys[0][0] || has_tab(value)) {
		error_at(at, "%s: '%.*s%s' is not a key name (like P, F12 or Keypad 5)", s->name,
		         SHOWN(p));
		return -1;
	}
	if (check_length(s, value, at) < 0)
		return -1;
	if (n_modifiers == 0)
		warning_at(at, "%s '%s' has no modifier: any visitor can press it", s->name, value);
	return store_text(dst, s->size, value);
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* The shape of a crypt(3) hash: "$id$...", in crypt's alphabet, of a method
 * libcrypt knows. Not hashed here: a setting like "$6$rounds=999999999$"
 * would take minutes, and the PIN is checked when someone types it. */
static int set_pin_hash(const setting *s, char *dst, const char *value, const where *at)
{
	if (*value == '\0')
		return store_text(dst, s->size, value);
	if (all_digits(value)) {
		error_at(at,
		         "%s holds a hashed PIN, never the PIN itself: run 'placard-kiosk "
		         "--hash-pin' and paste what it prints",
		         s->name);
		return -1;
	}
	size_t dollars = 0;
	bool alphabet = true;
	for (const char *p = value; *p; p++) {
		char c = *p;
		dollars += c == '$';
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '/' || c == '$' || c == '=' || c == ',' || c == '-'))
			alphabet = false;
	}
	size_t n = strlen(value);
	if (value[0] != '$' || dollars < 3 || value[n - 1] == '$' || !alphabet || n >= s->size ||
	    crypt_checksalt(value) == CRYPT_SALT_INVALID) {
		error_at(at,
		         "%s must be a crypt(3) hash starting with '$', as 'placard-kiosk "
		         "--hash-pin' prints it; not '%.*s%s'",
		         s->name, SHOWN(value));
		return -1;
	}
	if (crypt_checksalt(value) == CRYPT_SALT_METHOD_LEGACY)
		warning_at(at,
		           "%s uses an old, weak hash method; make a new one with "
		           "'placard-kiosk --hash-pin'",
		           s->name);
	return store_text(dst, s->size, value);
}

/* One of the words in s->unit ("cmn, yue"), in any case, stored as listed. */
static int set_choice(const setting *s, char *dst, const char *value, const where *at)
{
	list_items it = list_start(s->unit);
	const char *start;
	size_t len;
	while (list_next(&it, &start, &len)) {
		char word[32];
		snprintf(word, sizeof word, "%.*s", (int)len, start);
		if (same_ignoring_case(word, value) && len < s->size)
			return store_text(dst, s->size, word);
	}
	error_at(at, "%s must be one of %s, not '%.*s%s'", s->name, s->unit, SHOWN(value));
	return -1;
}

/* key.ACTION: up to PL_MAX_KEYS key names, separated by commas. A name
 * repeated in the list is dropped with a warning. */
static int set_keys(pl_kconfig *cfg, int action, const char *value, const where *at)
{
	char keys[PL_MAX_KEYS][sizeof cfg->keys[0][0]];
	int n = 0;
	list_items it = list_start(value);
	const char *start;
	size_t len;
	memset(keys, 0, sizeof keys);
	while (list_next(&it, &start, &len)) {
		if (len == 0) {
			error_at(at,
			         "key.%s has an empty key name; separate names with one comma "
			         "(the comma key itself cannot be bound)",
			         action_names[action]);
			return -1;
		}
		if (len >= sizeof keys[0]) {
			error_at(at,
			         "key.%s: '%.*s%s' is longer than any key name (%zu bytes at most)",
			         action_names[action], len > 60 ? 60 : (int)len, start,
			         len > 60 ? "..." : "", sizeof keys[0] - 1);
			return -1;
		}
		char key[sizeof keys[0]];
		memcpy(key, start, len);
		key[len] = '\0';
		if (has_tab(key)) {
			error_at(at, "key.%s: '%s' contains a tab", action_names[action], key);
			return -1;
		}
		bool repeated = false;
		for (int i = 0; i < n && !repeated; i++)
			repeated = same_ignoring_case(keys[i], key);
		if (repeated) {
			warning_at(at, "key.%s lists '%s' twice", action_names[action], key);
			continue;
		}
		if (n == PL_MAX_KEYS) {
			error_at(at, "key.%s binds more than %d keys", action_names[action],
			         PL_MAX_KEYS);
			return -1;
		}
		memcpy(keys[n++], key, len + 1);
	}
	memcpy(cfg->keys[action], keys, sizeof keys);
	cfg->n_keys[action] = n;
	return 0;
}

static int set_value(pl_kconfig *cfg, int index, const char *value, const where *at)
{
	if ((size_t)index >= N_SETTINGS)
		return set_keys(cfg, index - (int)N_SETTINGS, value, at);
	const setting *s = &settings[index];
	void *field = (char *)cfg + s->offset;
	switch (s->kind) {
	case K_SITE:
		return set_site(s, field, value, at);
	case K_KIOSK_ID:
		return set_kiosk_id(s, field, value, at);
	case K_NUMBER:
	case K_WARNING:
		return set_number(s, field, value, at);
	case K_WHOLE:
	case K_PERCENT:
		return set_whole(s, field, value, at);
	case K_LANGUAGE:
		return set_language(s, field, value, at);
	case K_LANGUAGES:
		return set_languages(cfg, value, at);
	case K_THEME:
		return set_theme(field, value, at);
	case K_BOOL:
		return set_bool(s, field, value, at);
	case K_PATH:
		return set_path(s, field, value, at);
	case K_CHORD:
		return set_chord(s, field, value, at);
	case K_PIN_HASH:
		return set_pin_hash(s, field, value, at);
	case K_CHOICE:
		return set_choice(s, field, value, at);
	}
	return -1;
}

/* The closest of candidates to word when it is near enough to be a slip:
 * one edit in a short word, one in four letters in a longer one
 * ('idel-seconds', 'kiosk_id', 'langauges'). */
static const char *closest(const char *word, const char *const *candidates, size_t n)
{
	const char *best = NULL;
	unsigned best_d = 99;
	for (size_t i = 0; i < n; i++) {
		unsigned d = pl_edit_distance(candidates[i], word);
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	size_t len = strlen(word);
	unsigned near = len < 8 ? 1 : (unsigned)(len / 4);
	return best_d <= near ? best : NULL;
}

/* An unknown name: the closest known one when it is near, and the plain PIN
 * that must never be written down. */
static void unknown_name(const char *name, const where *at)
{
	if (strcmp(name, "pin") == 0 || strcmp(name, "admin-pin") == 0) {
		error_at(at,
		         "the PIN is never written in plain text: run 'placard-kiosk --hash-pin' "
		         "and put what it prints in pin-hash");
		return;
	}
	if (strncmp(name, "key.", 4) == 0) {
		/* Suggest by the action alone: 'key.jump' is not 'key.up'. */
		const char *action = closest(name + 4, action_names, PL_ACT_COUNT);
		if (action)
			error_at(at, "unknown setting '%.*s%s'; did you mean 'key.%s'?",
			         SHOWN(name), action);
		else
			error_at(at,
			         "unknown action '%.*s%s' in '%.*s%s' (the actions: next, prev, "
			         "focus-next, focus-prev, up, down, select, back, home, language, "
			         "pause, text-bigger, text-smaller, theme, scan, speak, "
			         "speech-pause, "
			         "speech-repeat, speech-next, speech-prev, speech-louder, "
			         "speech-quieter, speech-faster, speech-slower)",
			         SHOWN(name + 4), SHOWN(name));
		return;
	}
	const char *best = closest(name, names, N_NAMES);
	if (!best) {
		/* A setting's first word alone, as in --idle=60. */
		size_t len = strlen(name), starting = 0;
		for (size_t i = 0; i < N_SETTINGS && len >= 3; i++) {
			if (strncmp(settings[i].name, name, len) == 0 &&
			    settings[i].name[len] == '-') {
				best = settings[i].name;
				starting++;
			}
		}
		if (starting != 1)
			best = NULL;
	}
	if (best)
		error_at(at, "unknown setting '%.*s%s'; did you mean '%s'?", SHOWN(name), best);
	else
		error_at(at,
		         "unknown setting '%.*s%s' (the settings are listed in "
		         "docs/kiosk-config.md)",
		         SHOWN(name));
}

/* Sets by name; *index is the setting's index, or -1 if the name is unknown. */
static int set_named(pl_kconfig *cfg, const char *name, const char *value, const where *at,
                     int *index)
{
	*index = find_name(name);
	if (*index < 0) {
		unknown_name(name, at);
		return -1;
	}
	/* Flags come here without the file's checks. */
	size_t bad = pl_utf8_check(value, strlen(value));
	if (bad < strlen(value)) {
		error_at(at, "%s: invalid UTF-8 (byte 0x%02X)", name, (unsigned char)value[bad]);
		return -1;
	}
	unsigned control = first_control(value);
	if (control) {
		error_at(at, "%s: control character U+%04X in the value", name, control);
		return -1;
	}
	return set_value(cfg, *index, value, at);
}

int pl_kconfig_set(pl_kconfig *cfg, const char *name, const char *value, const char *origin,
                   unsigned line, pl_diags *diags)
{
	where at = {origin, line, diags};
	int index;
	return set_named(cfg, name, value, &at, &index);
}

/* ------------------------------------------------------------------ */
/* The file                                                            */

typedef struct parser {
	pl_kconfig *cfg;
	pl_diags *diags;
	const char *file;
	unsigned set_at[N_NAMES]; /* line each setting was last set on; 0 = not here */
} parser;

/* The 1-based column, in characters, of byte offset off in line. */
static unsigned column_of(const char *line, size_t len, size_t off)
{
	unsigned col = 1;
	for (size_t i = 0; i < off && i < len; col++)
		pl_utf8_next(line, len, &i);
	return col;
}

/* Whether the line's bytes are text: valid UTF-8 without control characters
 * other than tab. */
static bool line_is_text(parser *ps, unsigned lineno, const char *line, size_t len)
{
	size_t bad = pl_utf8_check(line, len);
	if (bad < len) {
		pl_diags_add(ps->diags, PL_ERROR, ps->file, lineno, column_of(line, len, bad),
		             "invalid UTF-8 (byte 0x%02X); save the file as UTF-8",
		             (unsigned char)line[bad]);
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];
		if ((c < 0x20 && c != '\t') || c == 0x7F) {
			pl_diags_add(ps->diags, PL_ERROR, ps->file, lineno, column_of(line, len, i),
			             "control character U+%04X; a settings file is plain text", c);
			return false;
		}
	}
	return true;
}

/* The value after '=': quoted ("...", with \" and \\) or plain up to a '#'
 * or the end, without the blanks round it. Writes it to value (room for
 * the line); returns false after reporting a problem. */
static bool read_value(const char *s, char *value, const where *at)
{
	while (is_blank(*s))
		s++;
	if (*s != '"') {
		const char *end = strchr(s, '#');
		if (!end)
			end = s + strlen(s);
		while (end > s && is_blank(end[-1]))
			end--;
		memcpy(value, s, (size_t)(end - s));
		value[end - s] = '\0';
		return true;
	}
	size_t n = 0;
	for (s++;; s++) {
		if (*s == '\0') {
			error_at(at, "the value's closing quote (\") is missing");
			return false;
		}
		if (*s == '"')
			break;
		if (*s == '\\') {
			s++;
			if (*s != '"' && *s != '\\') {
				error_at(at, "in quotes only \\\" and \\\\ are escapes; write a "
				             "backslash as "
				             "\\\\");
				return false;
			}
		}
		value[n++] = *s;
	}
	value[n] = '\0';
	for (s++; is_blank(*s); s++)
		;
	if (*s != '\0' && *s != '#') {
		error_at(at,
		         "unexpected text after the value's closing quote; put comments after '#'");
		return false;
	}
	return true;
}

/* One line, without its line end. */
static void parse_line(parser *ps, unsigned lineno, const char *bytes, size_t len)
{
	char line[MAX_LINE_BYTES + 1], value[MAX_LINE_BYTES + 1];
	where at = {ps->file, lineno, ps->diags};
	if (len > MAX_LINE_BYTES) {
		error_at(&at, "the line is longer than %d bytes", MAX_LINE_BYTES);
		return;
	}
	if (!line_is_text(ps, lineno, bytes, len))
		return;
	memcpy(line, bytes, len);
	line[len] = '\0';

	char *s = line;
	while (is_blank(*s))
		s++;
	if (*s == '\0' || *s == '#')
		return;
	char *name = s;
	while (*s && !is_blank(*s) && *s != '=' && *s != '#')
		s++;
	char *name_end = s;
	while (is_blank(*s))
		s++;
	if (name == name_end) {
		error_at(&at, "a setting needs a name before '='");
		return;
	}
	if (*s != '=') {
		*name_end = '\0';
		error_at(&at, "expected 'name = value', found '%.*s%s' without '='", SHOWN(name));
		return;
	}
	*name_end = '\0';
	if (!read_value(s + 1, value, &at))
		return;
	int index;
	if (set_named(ps->cfg, name, value, &at, &index) < 0)
		return;
	if (ps->set_at[index])
		warning_at(&at, "%s is set again; this overrides line %u", name, ps->set_at[index]);
	ps->set_at[index] = lineno;
}

/* A key bound to two actions: reported once, at the later of the two lines
 * (or at the file's line when the other binding is a default). */
static void check_key_conflicts(const parser *ps)
{
	const pl_kconfig *cfg = ps->cfg;
	for (int a = 0; a < PL_ACT_COUNT; a++) {
		unsigned line_a = ps->set_at[N_SETTINGS + (size_t)a];
		if (!line_a)
			continue;
		for (int k = 0; k < cfg->n_keys[a]; k++) {
			for (int b = 0; b < PL_ACT_COUNT; b++) {
				unsigned line_b = ps->set_at[N_SETTINGS + (size_t)b];
				if (b == a || line_b > line_a)
					continue;
				for (int j = 0; j < cfg->n_keys[b]; j++) {
					if (!same_ignoring_case(cfg->keys[a][k], cfg->keys[b][j]))
						continue;
					pl_diags_add(
					        ps->diags, PL_WARNING, ps->file, line_a, 0,
					        "key '%s' is bound to both key.%s and key.%s%s",
					        cfg->keys[a][k], action_names[a], action_names[b],
					        line_b ? "" : " (by default)");
				}
			}
		}
	}
}

/* The start language should be one of those offered. */
static void check_languages(const parser *ps)
{
	const pl_kconfig *cfg = ps->cfg;
	unsigned line_language = ps->set_at[find_name("language")];
	unsigned line = line_language ? line_language : ps->set_at[find_name("languages")];
	if (!line || !cfg->language[0] || cfg->n_languages == 0)
		return;
	for (int i = 0; i < cfg->n_languages; i++)
		if (same_ignoring_case(cfg->languages[i], cfg->language))
			return;
	pl_diags_add(ps->diags, PL_WARNING, ps->file, line, 0,
	             "language '%s' is not among the languages offered (languages)", cfg->language);
}

int pl_kconfig_parse(pl_kconfig *cfg, const char *name, const char *text, size_t len,
                     pl_diags *diags)
{
	size_t errors = diags->errors;
	if (len > MAX_FILE_BYTES) {
		pl_diags_add(diags, PL_ERROR, name, 0, 0,
		             "the file is %zu bytes; a settings file is at most 1 MiB", len);
		return -1;
	}
	if (len >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') ||
	                 (text[0] == '\xFE' && text[1] == '\xFF'))) {
		pl_diags_add(diags, PL_ERROR, name, 1, 0,
		             "the file is UTF-16; save it as UTF-8 (plain text)");
		return -1;
	}
	parser *ps = calloc(1, sizeof *ps);
	if (!ps) {
		pl_diags_add(diags, PL_ERROR, name, 0, 0, "out of memory");
		return -1;
	}
	ps->cfg = cfg;
	ps->diags = diags;
	ps->file = name;
	size_t pos = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3; /* a byte order mark, as Notepad writes */
	for (unsigned lineno = 1; pos < len; lineno++) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t line_len = end - pos;
		if (line_len > 0 && text[end - 1] == '\r')
			line_len--;
		parse_line(ps, lineno, text + pos, line_len);
		pos = nl ? end + 1 : len;
	}
	check_key_conflicts(ps);
	check_languages(ps);
	free(ps);
	return diags->errors > errors ? -1 : 0;
}

int pl_kconfig_load(pl_kconfig *cfg, const char *path, pl_diags *diags)
{
	pl_strbuf sb = PL_STRBUF_INIT;
	if (pl_strbuf_read_file(&sb, path, MAX_FILE_BYTES) < 0) {
		if (errno == EFBIG)
			pl_diags_add(diags, PL_ERROR, path, 0, 0,
			             "the file is larger than 1 MiB; is it the settings file?");
		else
			pl_diags_add(diags, PL_ERROR, path, 0, 0, "cannot read: %s",
			             strerror(errno));
		pl_strbuf_release(&sb);
		return -1;
	}
	int rc = pl_kconfig_parse(cfg, path, pl_strbuf_str(&sb), sb.len, diags);
	pl_strbuf_release(&sb);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

/* A value as the parser reads it back: plain when it can be, else quoted. */
static void write_value(FILE *out, const char *value)
{
	size_t n = strlen(value);
	bool quote = n == 0 || is_blank(value[0]) || is_blank(value[n - 1]) || value[0] == '"' ||
	             strchr(value, '#');
	if (!quote) {
		fputs(value, out);
		return;
	}
	fputc('"', out);
	for (const char *p = value; *p; p++) {
		if (*p == '"' || *p == '\\')
			fputc('\\', out);
		fputc(*p, out);
	}
	fputc('"', out);
}

static void write_comment(FILE *out, const char *text)
{
	fputs("\n# ", out);
	for (const char *p = text; *p; p++) {
		fputc(*p, out);
		if (*p == '\n')
			fputs("# ", out);
	}
	fputc('\n', out);
}

static void write_list(FILE *out, const char *name, const char (*items)[24], int n)
{
	pl_strbuf sb = PL_STRBUF_INIT;
	for (int i = 0; i < n; i++) {
		if (i)
			pl_strbuf_adds(&sb, ", ");
		pl_strbuf_adds(&sb, items[i]);
	}
	fprintf(out, "%s = ", name);
	write_value(out, pl_strbuf_str(&sb));
	fputc('\n', out);
	pl_strbuf_release(&sb);
}

static void write_setting(FILE *out, const pl_kconfig *cfg, const setting *s)
{
	const void *field = (const char *)cfg + s->offset;
	char number[40];
	write_comment(out, s->about);
	fprintf(out, "%s = ", s->name);
	switch (s->kind) {
	case K_NUMBER:
	case K_WARNING:
		format_number(*(const double *)field, number, sizeof number);
		fputs(number, out);
		break;
	case K_WHOLE:
		fprintf(out, "%d", *(const int *)field);
		break;
	case K_PERCENT:
		fprintf(out, "%d%%", *(const int *)field);
		break;
	case K_LANGUAGES: {
		pl_strbuf sb = PL_STRBUF_INIT;
		for (int i = 0; i < cfg->n_languages; i++) {
			if (i)
				pl_strbuf_adds(&sb, ", ");
			pl_strbuf_adds(&sb, cfg->languages[i]);
		}
		write_value(out, pl_strbuf_str(&sb));
		pl_strbuf_release(&sb);
		break;
	}
	case K_THEME: {
		pl_theme_id t = *(const pl_theme_id *)field;
		fputs((unsigned)t < N_THEMES ? theme_names[t] : "?", out);
		break;
	}
	case K_BOOL:
		fputs(*(const bool *)field ? "yes" : "no", out);
		break;
	case K_SITE:
	case K_KIOSK_ID:
	case K_LANGUAGE:
	case K_PATH:
	case K_CHORD:
	case K_PIN_HASH:
	case K_CHOICE:
		write_value(out, field);
		break;
	}
	fputc('\n', out);
}

void pl_kconfig_write(const pl_kconfig *cfg, FILE *out)
{
	fputs("# Placard kiosk settings: one \"name = value\" a line; '#' starts a comment.\n"
	      "# Every setting is here with its value; docs/kiosk-config.md explains them.\n",
	      out);
	for (size_t i = 0; i < N_SETTINGS; i++)
		write_setting(out, cfg, &settings[i]);
	write_comment(out, "Keys for each action: SDL key names (Right, Return, Keypad 6, F12),\n"
	                   "separated by commas; \"\" = none.");
	for (int a = 0; a < PL_ACT_COUNT; a++) {
		char name[32];
		snprintf(name, sizeof name, "key.%s", action_names[a]);
		fprintf(out, "# %s\n", action_about[a]);
		write_list(out, name, cfg->keys[a], cfg->n_keys[a]);
	}
}

bool pl_kconfig_equal(const pl_kconfig *a, const pl_kconfig *b)
{
	if (strcmp(a->site, b->site) != 0 || strcmp(a->kiosk_id, b->kiosk_id) != 0 ||
	    a->diagonal_in != b->diagonal_in || a->distance_m != b->distance_m ||
	    strcmp(a->language, b->language) != 0 || a->n_languages != b->n_languages ||
	    a->slide_seconds != b->slide_seconds || a->idle_seconds != b->idle_seconds ||
	    a->warning_seconds != b->warning_seconds || a->scan_seconds != b->scan_seconds ||
	    a->scan_first_hold != b->scan_first_hold || a->scan_loops != b->scan_loops ||
	    a->text_scale != b->text_scale || a->theme != b->theme ||
	    a->reduce_motion != b->reduce_motion || strcmp(a->store, b->store) != 0 ||
	    strcmp(a->admin_chord, b->admin_chord) != 0 || strcmp(a->pin_hash, b->pin_hash) != 0 ||
	    strcmp(a->voice_zh, b->voice_zh) != 0 || strcmp(a->voice_hy, b->voice_hy) != 0 ||
	    a->speech_volume != b->speech_volume || a->speech_rate != b->speech_rate)
		return false;
	for (int i = 0; i < a->n_languages && i < PL_MAX_LANGUAGES; i++)
		if (strcmp(a->languages[i], b->languages[i]) != 0)
			return false;
	for (int act = 0; act < PL_ACT_COUNT; act++) {
		if (a->n_keys[act] != b->n_keys[act])
			return false;
		for (int k = 0; k < a->n_keys[act] && k < PL_MAX_KEYS; k++)
			if (strcmp(a->keys[act][k], b->keys[act][k]) != 0)
				return false;
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* PINs                                                                */

int pl_pin_hash(const char *pin, char *out, size_t size)
{
	if (!pin || !*pin || strlen(pin) >= CRYPT_MAX_PASSPHRASE_SIZE || size == 0)
		return -1;
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	/* yescrypt at libcrypt's default cost, 128 bits of salt from the
	 * kernel (rbytes NULL). */
	if (!crypt_gensalt_rn("$y$", 0, NULL, 0, salt, (int)sizeof salt))
		return -1;
	struct crypt_data *data = calloc(1, sizeof *data);
	if (!data)
		return -1;
	int rc = -1;
	const char *hash = crypt_r(pin, salt, data);
	if (hash && hash[0] == '$' && strlen(hash) < size) {
		memcpy(out, hash, strlen(hash) + 1);
		rc = 0;
	}
	explicit_bzero(data, sizeof *data);
	free(data);
	return rc;
}

bool pl_pin_check(const char *hash, const char *pin)
{
	if (!hash || hash[0] != '$' || !pin || !*pin || strlen(pin) >= CRYPT_MAX_PASSPHRASE_SIZE)
		return false;
	struct crypt_data *data = calloc(1, sizeof *data);
	if (!data)
		return false;
	const char *computed = crypt_r(pin, hash, data);
	bool match = false;
	if (computed && computed[0] == '$') {
		/* Every byte compared whatever the others hold, so the time
		 * taken says nothing of how much of the hash matched. */
		size_t n = strlen(hash), m = strlen(computed);
		unsigned diff = n != m;
		for (size_t i = 0; i < n; i++)
			diff |= (unsigned char)hash[i] ^ (unsigned char)(i < m ? computed[i] : 0);
		match = diff == 0;
	}
	explicit_bzero(data, sizeof *data);
	free(data);
	return match;
}

double pl_pin_backoff(int wrong_in_a_row)
{
	if (wrong_in_a_row <= 2)
		return 0;
	if (wrong_in_a_row >= 11) /* 2^9 = 512 is past the cap */
		return 300;
	double wait = (double)(1u << (wrong_in_a_row - 2));
	return wait > 300 ? 300 : wait;
}
