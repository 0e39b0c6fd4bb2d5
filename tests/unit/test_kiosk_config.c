/*
 * test_kiosk_config.c: the kiosk's settings file and flags
 * (kiosk_config.h, docs/kiosk-config.md).
 *
 * The heart of it is the table of mistakes: one-line or two-line files with
 * one mistake each, as a host would make it, and the first line the parser
 * must print for it, exactly. Then every setting set in one file and read
 * field by field, comments and quotes, the bindings, writing and reading
 * back, the size limits, the example file and the document, and PINs.
 */
#include "unit.h"

#include <limits.h>
#include <strings.h>

#include "placard/kiosk_config.h"

/* Parses text over the defaults into cfg; the first diagnostic goes into
 * first ("" when there is none). Returns what pl_kconfig_parse returned. */
static int parse_text(pl_kconfig *cfg, const char *text, size_t len, pl_diags *diags, char *first,
                      size_t size)
{
	pl_kconfig_defaults(cfg);
	int rc = pl_kconfig_parse(cfg, "kiosk.conf", text, len, diags);
	first[0] = '\0';
	if (diags->count)
		pl_diag_format(&diags->items[0], first, size);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Defaults                                                            */

static void test_defaults(void **state)
{
	(void)state;
	pl_kconfig cfg;
	pl_kconfig_defaults(&cfg);
	assert_string_equal(cfg.site, "");
	assert_string_equal(cfg.kiosk_id, "");
	assert_true(cfg.diagonal_in == 24);
	assert_true(cfg.distance_m == 1.5);
	assert_string_equal(cfg.language, "");
	assert_int_equal(cfg.n_languages, 0);
	assert_true(cfg.slide_seconds == 12);
	assert_true(cfg.idle_seconds == 90);
	assert_true(cfg.warning_seconds == 30);
	assert_true(cfg.scan_seconds == 1.0);
	assert_true(cfg.scan_first_hold == 0.5);
	assert_int_equal(cfg.scan_loops, 2);
	assert_int_equal(cfg.text_scale, 100);
	assert_int_equal(cfg.theme, PL_THEME_STANDARD);
	assert_true(cfg.reduce_motion);
	assert_string_equal(cfg.store, "");
	assert_string_equal(cfg.admin_chord, "Ctrl+Alt+Shift+P");
	assert_string_equal(cfg.pin_hash, "");

	/* An empty file, or one of comments, changes nothing. */
	static const char *const empty[] = {"", "\n\n", "# nothing yet\n  # indented\n\t\n"};
	for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
		pl_kconfig read;
		pl_diags diags = PL_DIAGS_INIT;
		char first[512];
		assert_int_equal(
		        parse_text(&read, empty[i], strlen(empty[i]), &diags, first, sizeof first),
		        0);
		assert_int_equal(diags.count, 0);
		assert_true(pl_kconfig_equal(&read, &cfg));
		pl_diags_free(&diags);
	}
}

static void expect_keys(const pl_kconfig *cfg, pl_action a, const char *const *want)
{
	int n = 0;
	while (want[n])
		n++;
	if (cfg->n_keys[a] != n)
		fail_msg("key.%s: %d keys, expected %d", pl_action_name(a), cfg->n_keys[a], n);
	for (int i = 0; i < n; i++)
		assert_string_equal(cfg->keys[a][i], want[i]);
}

#define KEYS(...)                                                                                  \
	(const char *const[])                                                                      \
	{                                                                                          \
		__VA_ARGS__, NULL                                                                  \
	}

static void test_default_keys(void **state)
{
	(void)state;
	pl_kconfig cfg;
	pl_kconfig_defaults(&cfg);
	expect_keys(&cfg, PL_ACT_NEXT, KEYS("Right", "PageDown", "Keypad 6"));
	expect_keys(&cfg, PL_ACT_PREV, KEYS("Left", "PageUp", "Keypad 4"));
	expect_keys(&cfg, PL_ACT_FOCUS_NEXT, KEYS("Tab", "F2"));
	assert_int_equal(cfg.n_keys[PL_ACT_FOCUS_PREV], 0);
	expect_keys(&cfg, PL_ACT_UP, KEYS("Up", "Keypad 8"));
	expect_keys(&cfg, PL_ACT_DOWN, KEYS("Down", "Keypad 2"));
	expect_keys(&cfg, PL_ACT_SELECT, KEYS("Return", "Keypad Enter", "Space", "F3", "Keypad 5"));
	expect_keys(&cfg, PL_ACT_BACK, KEYS("Escape", "Backspace", "Keypad 0"));
	expect_keys(&cfg, PL_ACT_HOME, KEYS("Home", "Keypad 7"));
	expect_keys(&cfg, PL_ACT_LANGUAGE, KEYS("L", "Keypad 9"));
	expect_keys(&cfg, PL_ACT_PAUSE, KEYS("P", "Keypad 1"));
	expect_keys(&cfg, PL_ACT_TEXT_BIGGER, KEYS("=", "+", "Keypad +"));
	expect_keys(&cfg, PL_ACT_TEXT_SMALLER, KEYS("-", "Keypad -"));
	expect_keys(&cfg, PL_ACT_THEME, KEYS("T", "Keypad /"));
	expect_keys(&cfg, PL_ACT_SCAN, KEYS("F1"));
	expect_keys(&cfg, PL_ACT_SPEAK, KEYS("S", "Keypad *"));
	expect_keys(&cfg, PL_ACT_SPEECH_PAUSE, KEYS("Pause", "AudioPlay", "Keypad 3"));
	expect_keys(&cfg, PL_ACT_SPEECH_REPEAT, KEYS("R", "Keypad ."));
	expect_keys(&cfg, PL_ACT_SPEECH_NEXT, KEYS("AudioNext", "."));
	expect_keys(&cfg, PL_ACT_SPEECH_PREV, KEYS("AudioPrev", "M"));
	expect_keys(&cfg, PL_ACT_SPEECH_LOUDER, KEYS("VolumeUp", "F8"));
	expect_keys(&cfg, PL_ACT_SPEECH_QUIETER, KEYS("VolumeDown", "F7"));
	expect_keys(&cfg, PL_ACT_SPEECH_FASTER, KEYS("F10"));
	expect_keys(&cfg, PL_ACT_SPEECH_SLOWER, KEYS("F9"));
}

/* No key does two things by default (SDL matches key names ignoring case),
 * and every action but focus-prev (Shift+Tab, the kiosk's) has a key. */
static void test_default_keys_bound_once(void **state)
{
	(void)state;
	pl_kconfig cfg;
	pl_kconfig_defaults(&cfg);
	size_t failed = 0;
	for (int a = 0; a < PL_ACT_COUNT; a++) {
		char note[160];
		snprintf(note, sizeof note, "key.%s has no default key",
		         pl_action_name((pl_action)a));
		expect_row(a == PL_ACT_FOCUS_PREV || cfg.n_keys[a] > 0, note, &failed);
		for (int k = 0; k < cfg.n_keys[a]; k++) {
			assert_true(strlen(cfg.keys[a][k]) > 0 && strlen(cfg.keys[a][k]) <= 23);
			for (int b = 0; b < PL_ACT_COUNT; b++) {
				for (int j = 0; j < cfg.n_keys[b]; j++) {
					if (a == b && j == k)
						continue;
					snprintf(note, sizeof note,
					         "'%s' bound to key.%s and key.%s", cfg.keys[a][k],
					         pl_action_name((pl_action)a),
					         pl_action_name((pl_action)b));
					expect_row(strcasecmp(cfg.keys[a][k], cfg.keys[b][j]) != 0,
					           note, &failed);
				}
			}
		}
	}
	EXPECT_ROWS_PASSED(failed);
}

/* ------------------------------------------------------------------ */
/* Names                                                               */

static void test_names(void **state)
{
	(void)state;
	static const char *const settings[] = {
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
	};
	size_t n_settings = sizeof settings / sizeof settings[0];
	const char *const *names = pl_kconfig_names();
	size_t n = 0;
	while (names[n])
		n++;
	assert_int_equal(n, n_settings + PL_ACT_COUNT);
	for (size_t i = 0; i < n_settings; i++)
		assert_string_equal(names[i], settings[i]);
	static const char *const actions[PL_ACT_COUNT] = {
	        "next",          "prev",           "focus-next",    "focus-prev",    "up",
	        "down",          "select",         "back",          "home",          "language",
	        "pause",         "text-bigger",    "text-smaller",  "theme",         "scan",
	        "speak",         "speech-pause",   "speech-repeat", "speech-next",   "speech-prev",
	        "speech-louder", "speech-quieter", "speech-faster", "speech-slower",
	};
	for (int a = 0; a < PL_ACT_COUNT; a++) {
		char want[32];
		snprintf(want, sizeof want, "key.%s", actions[a]);
		assert_string_equal(pl_action_name((pl_action)a), actions[a]);
		assert_int_equal(pl_action_from_name(actions[a]), a);
		assert_string_equal(names[n_settings + (size_t)a], want);
	}
	assert_int_equal(pl_action_from_name("jump"), -1);
	assert_int_equal(pl_action_from_name(""), -1);
	assert_int_equal(pl_action_from_name("NEXT"), -1);
	assert_string_equal(pl_action_name(PL_ACT_COUNT), "?");
}

/* Every setting in one file, each to something other than its default,
 * read back field by field. */
static const char every_setting[] =
        "site = jefferson-elementary\n"
        "kiosk-id = lobby-1\n"
        "display-diagonal = 32.5\n"
        "viewing-distance = 0.75\n"
        "language = es\n"
        "languages = en, es, zh-Hant, vi, ar\n"
        "slide-seconds = 20\n"
        "idle-seconds = 120\n"
        "warning-seconds = 45\n"
        "scan-seconds = 1.25\n"
        "scan-first-hold = 0\n"
        "scan-loops = 3\n"
        "text-scale = 150%\n"
        "theme = high-contrast\n"
        "reduce-motion = no\n"
        "store = /var/lib/placard/votes.sqlite\n"
        "admin-chord = Ctrl+Alt+F12\n"
        "pin-hash = $y$j9T$kw3pPAopiBajoldAp4J5l0$CpfUXmNVrQGmGwf.aYAiHo4ubFPhrwMHStXehlj7AH/\n"
        "voice-zh = yue\n"
        "voice-hy = hyw\n"
        "speech-volume = 3\n"
        "speech-rate = 120\n"
        "key.next = Keypad 3\n"
        "key.prev = Keypad .\n"
        "key.focus-next = F5\n"
        "key.focus-prev = F6\n"
        "key.up = W\n"
        "key.down = X\n"
        "key.select = F7, Keypad Enter\n"
        "key.back = Escape\n"
        "key.home = F8\n"
        "key.language = F9\n"
        "key.pause = F10\n"
        "key.text-bigger = ]\n"
        "key.text-smaller = [\n"
        "key.theme = F11\n"
        "key.scan = F4\n"
        "key.speak = Keypad 5, Help\n"
        "key.speech-pause = K\n"
        "key.speech-repeat = Keypad 9\n"
        "key.speech-next = Keypad Period\n"
        "key.speech-prev = Keypad Comma\n"
        "key.speech-louder = Keypad Multiply\n"
        "key.speech-quieter = Keypad Divide\n"
        "key.speech-faster = F12\n"
        "key.speech-slower = F13\n";

static void test_every_setting(void **state)
{
	(void)state;
	pl_kconfig cfg;
	pl_diags diags = PL_DIAGS_INIT;
	char first[512];
	assert_int_equal(
	        parse_text(&cfg, every_setting, strlen(every_setting), &diags, first, sizeof first),
	        0);
	if (diags.count)
		fail_msg("unexpected: %s", first);
	assert_string_equal(cfg.site, "jefferson-elementary");
	assert_string_equal(cfg.kiosk_id, "lobby-1");
	assert_true(cfg.diagonal_in == 32.5);
	assert_true(cfg.distance_m == 0.75);
	assert_string_equal(cfg.language, "es");
	assert_int_equal(cfg.n_languages, 5);
	assert_string_equal(cfg.languages[0], "en");
	assert_string_equal(cfg.languages[2], "zh-Hant");
	assert_string_equal(cfg.languages[4], "ar");
	assert_true(cfg.slide_seconds == 20);
	assert_true(cfg.idle_seconds == 120);
	assert_true(cfg.warning_seconds == 45);
	assert_true(cfg.scan_seconds == 1.25);
	assert_true(cfg.scan_first_hold == 0);
	assert_int_equal(cfg.scan_loops, 3);
	assert_int_equal(cfg.text_scale, 150);
	assert_int_equal(cfg.theme, PL_THEME_CONTRAST);
	assert_false(cfg.reduce_motion);
	assert_string_equal(cfg.store, "/var/lib/placard/votes.sqlite");
	assert_string_equal(cfg.admin_chord, "Ctrl+Alt+F12");
	assert_string_equal(
	        cfg.pin_hash,
	        "$y$j9T$kw3pPAopiBajoldAp4J5l0$CpfUXmNVrQGmGwf.aYAiHo4ubFPhrwMHStXehlj7AH/");
	expect_keys(&cfg, PL_ACT_NEXT, KEYS("Keypad 3"));
	expect_keys(&cfg, PL_ACT_PREV, KEYS("Keypad ."));
	expect_keys(&cfg, PL_ACT_FOCUS_NEXT, KEYS("F5"));
	expect_keys(&cfg, PL_ACT_FOCUS_PREV, KEYS("F6"));
	expect_keys(&cfg, PL_ACT_UP, KEYS("W"));
	expect_keys(&cfg, PL_ACT_DOWN, KEYS("X"));
	expect_keys(&cfg, PL_ACT_SELECT, KEYS("F7", "Keypad Enter"));
	expect_keys(&cfg, PL_ACT_BACK, KEYS("Escape"));
	expect_keys(&cfg, PL_ACT_HOME, KEYS("F8"));
	expect_keys(&cfg, PL_ACT_LANGUAGE, KEYS("F9"));
	expect_keys(&cfg, PL_ACT_PAUSE, KEYS("F10"));
	expect_keys(&cfg, PL_ACT_TEXT_BIGGER, KEYS("]"));
	expect_keys(&cfg, PL_ACT_TEXT_SMALLER, KEYS("["));
	expect_keys(&cfg, PL_ACT_THEME, KEYS("F11"));
	expect_keys(&cfg, PL_ACT_SCAN, KEYS("F4"));
	expect_keys(&cfg, PL_ACT_SPEAK, KEYS("Keypad 5", "Help"));
	expect_keys(&cfg, PL_ACT_SPEECH_PAUSE, KEYS("K"));
	expect_keys(&cfg, PL_ACT_SPEECH_REPEAT, KEYS("Keypad 9"));
	expect_keys(&cfg, PL_ACT_SPEECH_NEXT, KEYS("Keypad Period"));
	expect_keys(&cfg, PL_ACT_SPEECH_PREV, KEYS("Keypad Comma"));
	expect_keys(&cfg, PL_ACT_SPEECH_LOUDER, KEYS("Keypad Multiply"));
	expect_keys(&cfg, PL_ACT_SPEECH_QUIETER, KEYS("Keypad Divide"));
	expect_keys(&cfg, PL_ACT_SPEECH_FASTER, KEYS("F12"));
	expect_keys(&cfg, PL_ACT_SPEECH_SLOWER, KEYS("F13"));
	assert_string_equal(cfg.voice_zh, "yue");
	assert_string_equal(cfg.voice_hy, "hyw");
	assert_int_equal(cfg.speech_volume, 3);
	assert_int_equal(cfg.speech_rate, 120);
	pl_diags_free(&diags);

	/* The file names every setting there is. */
	for (const char *const *name = pl_kconfig_names(); *name; name++) {
		char line[64];
		snprintf(line, sizeof line, "\n%s = ", *name);
		if (!strstr(every_setting, line) &&
		    strncmp(every_setting, line + 1, strlen(line + 1)))
			fail_msg("the file does not set %s", *name);
	}
}

/* Other spellings the parser takes for the same value. */
typedef struct spelling {
	const char *line;
	const char *written; /* what pl_kconfig_write writes for it */
} spelling;

static void test_spellings(void **state)
{
	(void)state;
	static const spelling rows[] = {
	        {"text-scale = 150", "text-scale = 150%"},
	        {"text-scale = 150 %", "text-scale = 150%"},
	        {"text-scale = 100%", "text-scale = 100%"},
	        {"reduce-motion = YES", "reduce-motion = yes"},
	        {"reduce-motion = true", "reduce-motion = yes"},
	        {"reduce-motion = on", "reduce-motion = yes"},
	        {"reduce-motion = 1", "reduce-motion = yes"},
	        {"reduce-motion = False", "reduce-motion = no"},
	        {"reduce-motion = off", "reduce-motion = no"},
	        {"reduce-motion = 0", "reduce-motion = no"},
	        {"theme = Dyslexia", "theme = dyslexia"},
	        {"voice-zh = YUE", "voice-zh = yue"},
	        {"voice-hy = Hyw", "voice-hy = hyw"},
	        {"display-diagonal = 24.0", "display-diagonal = 24"},
	        {"display-diagonal = 023.50", "display-diagonal = 23.5"},
	        {"viewing-distance = .5", "viewing-distance = 0.5"},
	        {"viewing-distance = 2.", "viewing-distance = 2"},
	        {"viewing-distance = 0.300000000", "viewing-distance = 0.3"},
	        {"scan-seconds = 0.75", "scan-seconds = 0.75"},
	        {"scan-seconds = 2.123456", "scan-seconds = 2.123456"},
	        {"idle-seconds = 3600", "idle-seconds = 3600"},
	        {"warning-seconds = 20", "warning-seconds = 20"},
	        {"languages = en,es ,  vi", "languages = en, es, vi"},
	        {"languages =", "languages = \"\""},
	        {"key.next = Right,Space", "key.next = Right, Space"},
	        {"key.next =", "key.next = \"\""},
	        {"key.theme = \"#\"", "key.theme = \"#\""},
	        {"key.theme = \"\\\"\"", "key.theme = \"\\\"\""},
	        {"key.theme = \\", "key.theme = \\"},
	        {"admin-chord = Ctrl+Keypad +", "admin-chord = Ctrl+Keypad +"},
	        {"admin-chord = ctrl + alt + P", "admin-chord = ctrl + alt + P"},
	        {"admin-chord = Super++", "admin-chord = Super++"},
	        {"store = /srv/votes #2", "store = /srv/votes"},
	        {"store = \"/srv/votes #2\"", "store = \"/srv/votes #2\""},
	};
	size_t failed = 0;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		pl_kconfig cfg;
		pl_diags diags = PL_DIAGS_INIT;
		char first[512], note[1024];
		int rc = parse_text(&cfg, rows[i].line, strlen(rows[i].line), &diags, first,
		                    sizeof first);
		char *text = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&text, &len);
		assert_non_null(out);
		pl_kconfig_write(&cfg, out);
		assert_int_equal(fclose(out), 0);
		char want[256];
		snprintf(want, sizeof want, "\n%s\n", rows[i].written);
		snprintf(note, sizeof note, "'%s': %s; expected to write '%s'", rows[i].line,
		         rc ? first : "no error", rows[i].written);
		expect_row(rc == 0 && diags.errors == 0 && strstr(text, want), note, &failed);
		free(text);
		pl_diags_free(&diags);
	}
	EXPECT_ROWS_PASSED(failed);
}

/* ------------------------------------------------------------------ */
/* Mistakes                                                            */

typedef struct bad_file {
	const char *what;
	const char *text;
	const char *first; /* the first diagnostic, exactly */
} bad_file;

/* clang-format off */
static const bad_file bad_files[] = {
	/* ---- names ---- */
	{"a misspelt name", "idel-seconds = 60\n",
	 "kiosk.conf:1: error: unknown setting 'idel-seconds'; did you mean 'idle-seconds'?"},
	{"underscores for dashes", "site = a\nkiosk_id = lobby\n",
	 "kiosk.conf:2: error: unknown setting 'kiosk_id'; did you mean 'kiosk-id'?"},
	{"a misspelt action", "key.nxt = Right\n",
	 "kiosk.conf:1: error: unknown setting 'key.nxt'; did you mean 'key.next'?"},
	{"an unknown action", "key.jump = J\n",
	 "kiosk.conf:1: error: unknown action 'jump' in 'key.jump' (the actions: next, prev, "
	 "focus-next, focus-prev, up, down, select, back, home, language, pause, text-bigger, "
	 "text-smaller, theme, scan, speak, speech-pause, speech-repeat, speech-next, speech-prev, "
	 "speech-louder, speech-quieter, speech-faster, speech-slower)"},
	{"a name like none", "colour = red\n",
	 "kiosk.conf:1: error: unknown setting 'colour' (the settings are listed in "
	 "docs/kiosk-config.md)"},
	{"a plain PIN", "pin = 1234\n",
	 "kiosk.conf:1: error: the PIN is never written in plain text: run 'placard-kiosk "
	 "--hash-pin' and put what it prints in pin-hash"},
	{"a plain PIN as admin-pin", "admin-pin = 1234\n",
	 "kiosk.conf:1: error: the PIN is never written in plain text: run 'placard-kiosk "
	 "--hash-pin' and put what it prints in pin-hash"},

	/* ---- syntax ---- */
	{"no '='", "# lobby\nsite jefferson\n",
	 "kiosk.conf:2: error: expected 'name = value', found 'site' without '='"},
	{"a colon for '='", "site: jefferson\n",
	 "kiosk.conf:1: error: expected 'name = value', found 'site:' without '='"},
	{"no name", "= 5\n",
	 "kiosk.conf:1: error: a setting needs a name before '='"},
	{"an unclosed quote", "store = \"/var/lib/placard\n",
	 "kiosk.conf:1: error: the value's closing quote (\") is missing"},
	{"a backslash escape other than \\\" and \\\\", "store = \"C:\\votes\"\n",
	 "kiosk.conf:1: error: in quotes only \\\" and \\\\ are escapes; write a backslash as \\\\"},
	{"text after the closing quote", "site = \"a\" b\n",
	 "kiosk.conf:1: error: unexpected text after the value's closing quote; put comments "
	 "after '#'"},

	/* ---- bytes ---- */
	{"Latin-1, not UTF-8", "kiosk-id = caf\xE9\n",
	 "kiosk.conf:1:15: error: invalid UTF-8 (byte 0xE9); save the file as UTF-8"},
	{"invalid UTF-8 after a two-byte character: columns count characters",
	 "# Misi\xC3\xB3n \xFF\n",
	 "kiosk.conf:1:10: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8"},
	{"a control character", "site = a\x01z\n",
	 "kiosk.conf:1:9: error: control character U+0001; a settings file is plain text"},

	/* ---- values ---- */
	{"a site with capitals and spaces", "site = Jefferson Elementary\n",
	 "kiosk.conf:1: error: site must be a short name of a-z, 0-9 and '-' (1 to 63 "
	 "characters, not starting with '-'), not 'Jefferson Elementary'"},
	{"a site of 64 characters",
	 "site = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
	 "kiosk.conf:1: error: site must be a short name of a-z, 0-9 and '-' (1 to 63 "
	 "characters, not starting with '-'), not "
	 "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'"},
	{"a kiosk id with a space", "kiosk-id = lobby 1\n",
	 "kiosk.conf:1: error: kiosk-id may hold letters, digits, '.', '_' and '-', not 'lobby 1'"},
	{"a kiosk id of 64 characters",
	 "kiosk-id = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
	 "kiosk.conf:1: error: kiosk-id is at most 63 bytes long, not 64"},
	{"a display too big", "display-diagonal = 200\n",
	 "kiosk.conf:1: error: display-diagonal must be a number of inches from 7 to 120, not "
	 "'200'"},
	{"a display too small", "display-diagonal = 6.9\n",
	 "kiosk.conf:1: error: display-diagonal must be a number of inches from 7 to 120, not "
	 "'6.9'"},
	{"a unit after the number", "viewing-distance = 1.5m\n",
	 "kiosk.conf:1: error: viewing-distance must be a number of metres from 0.3 to 10, not "
	 "'1.5m'"},
	{"a decimal comma", "viewing-distance = 1,5\n",
	 "kiosk.conf:1: error: viewing-distance must be a number of metres from 0.3 to 10, not "
	 "'1,5'"},
	{"a negative number", "scan-first-hold = -1\n",
	 "kiosk.conf:1: error: scan-first-hold must be a number of seconds from 0 to 3, not '-1'"},
	{"an exponent", "slide-seconds = 1e1\n",
	 "kiosk.conf:1: error: slide-seconds must be a number of seconds from 3 to 600, not "
	 "'1e1'"},
	{"no number at all", "slide-seconds =\n",
	 "kiosk.conf:1: error: slide-seconds must be a number of seconds from 3 to 600, not ''"},
	{"a huge number", "idle-seconds = 99999999999999999999\n",
	 "kiosk.conf:1: error: idle-seconds must be a number of seconds from 10 to 3600, not "
	 "'99999999999999999999'"},
	{"too many decimals", "scan-seconds = 1.0000001\n",
	 "kiosk.conf:1: error: scan-seconds takes at most 6 decimals, not '1.0000001'"},
	{"idle too short", "idle-seconds = 5\n",
	 "kiosk.conf:1: error: idle-seconds must be a number of seconds from 10 to 3600, not '5'"},
	{"a warning under 20 seconds", "warning-seconds = 19\n",
	 "kiosk.conf:1: error: warning-seconds must be at least 20: WCAG 2.2.1 (Timing "
	 "Adjustable) gives people at least 20 seconds to ask for more time; not '19'"},
	{"a warning just under 20 seconds", "warning-seconds = 19.999\n",
	 "kiosk.conf:1: error: warning-seconds must be at least 20: WCAG 2.2.1 (Timing "
	 "Adjustable) gives people at least 20 seconds to ask for more time; not '19.999'"},
	{"a warning over 10 minutes", "warning-seconds = 601\n",
	 "kiosk.conf:1: error: warning-seconds must be a number of seconds from 20 to 600, not "
	 "'601'"},
	{"scanning too fast", "scan-seconds = 0.5\n",
	 "kiosk.conf:1: error: scan-seconds must be a number of seconds from 0.75 to 3, not "
	 "'0.5'"},
	{"no scan loops", "scan-loops = 0\n",
	 "kiosk.conf:1: error: scan-loops must be a whole number from 1 to 10, not '0'"},
	{"half a scan loop", "scan-loops = 2.5\n",
	 "kiosk.conf:1: error: scan-loops must be a whole number from 1 to 10, not '2.5'"},
	{"text too big", "text-scale = 250%\n",
	 "kiosk.conf:1: error: text-scale must be a whole percentage from 100 to 200 (like 150 "
	 "or 150%), not '250%'"},
	{"text as a fraction", "text-scale = 1.5\n",
	 "kiosk.conf:1: error: text-scale must be a whole percentage from 100 to 200 (like 150 "
	 "or 150%), not '1.5'"},
	{"a voice espeak-ng does not offer for Chinese", "voice-zh = mandarin\n",
	 "kiosk.conf:1: error: voice-zh must be one of cmn, yue, not 'mandarin'"},
	{"a speech volume past the loudest", "speech-volume = 10\n",
	 "kiosk.conf:1: error: speech-volume must be a whole number from 1 to 9, not '10'"},
	{"a speech rate too slow to follow", "speech-rate = 40\n",
	 "kiosk.conf:1: error: speech-rate must be a whole number from 80 to 350, not '40'"},
	{"an unknown theme", "theme = dark\n",
	 "kiosk.conf:1: error: theme must be standard, high-contrast or dyslexia, not 'dark'"},
	{"yes or no, neither", "reduce-motion = maybe\n",
	 "kiosk.conf:1: error: reduce-motion must be yes or no (or true/false, on/off, 1/0), not "
	 "'maybe'"},
	{"a language by name", "language = english\n",
	 "kiosk.conf:1: error: language: 'english' is not a BCP 47 language tag (like en, es, "
	 "zh-Hant)"},
	{"an underscore in a tag", "languages = en, zh_Hant\n",
	 "kiosk.conf:1: error: languages: 'zh_Hant' is not a BCP 47 language tag (like en, es, "
	 "zh-Hant)"},
	{"a language twice", "languages = en, es, EN\n",
	 "kiosk.conf:1: error: languages lists 'EN' twice"},
	{"an empty language", "languages = en,,es\n",
	 "kiosk.conf:1: error: languages has an empty item; separate tags with one comma"},
	{"a trailing comma", "languages = en, es,\n",
	 "kiosk.conf:1: error: languages has an empty item; separate tags with one comma"},
	{"17 languages",
	 "languages = en, es, fr, de, it, pt, nl, sv, da, fi, pl, cs, sk, hu, ro, bg, el\n",
	 "kiosk.conf:1: error: languages lists more than 16 languages"},
	{"a path from the home folder", "store = ~/votes.sqlite\n",
	 "kiosk.conf:1: error: store: '~' is not expanded here; write the whole path, like "
	 "/home/..."},
	{"a chord without a key", "admin-chord = Ctrl+Alt\n",
	 "kiosk.conf:1: error: admin-chord must be modifiers and a key joined with '+', like "
	 "Ctrl+Alt+Shift+P; 'Ctrl+Alt' has no key at the end"},
	{"a chord ending in '+'", "admin-chord = Ctrl+\n",
	 "kiosk.conf:1: error: admin-chord must be modifiers and a key joined with '+', like "
	 "Ctrl+Alt+Shift+P; 'Ctrl+' has no key at the end"},
	{"an empty chord", "admin-chord = \"\"\n",
	 "kiosk.conf:1: error: admin-chord must be modifiers and a key joined with '+', like "
	 "Ctrl+Alt+Shift+P; '' has no key at the end"},
	{"a modifier twice", "admin-chord = Ctrl+Shift+ctrl+P\n",
	 "kiosk.conf:1: error: admin-chord names the modifier 'ctrl' twice"},
	{"a chord with a long key", "admin-chord = Ctrl+Alt+AVeryLongKeyNameIndeed12\n",
	 "kiosk.conf:1: error: admin-chord: 'AVeryLongKeyNameIndeed12' is not a key name (like P, "
	 "F12 or Keypad 5)"},
	{"a PIN as the hash", "pin-hash = 1234\n",
	 "kiosk.conf:1: error: pin-hash holds a hashed PIN, never the PIN itself: run "
	 "'placard-kiosk --hash-pin' and paste what it prints"},
	{"a word as the hash", "pin-hash = secret\n",
	 "kiosk.conf:1: error: pin-hash must be a crypt(3) hash starting with '$', as "
	 "'placard-kiosk --hash-pin' prints it; not 'secret'"},
	{"a hash of an unknown method", "pin-hash = $foo$bar$baz\n",
	 "kiosk.conf:1: error: pin-hash must be a crypt(3) hash starting with '$', as "
	 "'placard-kiosk --hash-pin' prints it; not '$foo$bar$baz'"},
	{"only the salt", "pin-hash = $y$j9T$\n",
	 "kiosk.conf:1: error: pin-hash must be a crypt(3) hash starting with '$', as "
	 "'placard-kiosk --hash-pin' prints it; not '$y$j9T$'"},
	{"nine keys", "key.next = A, B, C, D, E, F, G, H, I\n",
	 "kiosk.conf:1: error: key.next binds more than 8 keys"},
	{"two commas", "key.next = Right,,Left\n",
	 "kiosk.conf:1: error: key.next has an empty key name; separate names with one comma "
	 "(the comma key itself cannot be bound)"},
	{"a key name too long", "key.back = AVeryLongKeyNameIndeed12\n",
	 "kiosk.conf:1: error: key.back: 'AVeryLongKeyNameIndeed12' is longer than any key name "
	 "(23 bytes at most)"},
	{"a tab in a key name", "key.back = Keypad\t0\n",
	 "kiosk.conf:1: error: key.back: 'Keypad\t0' contains a tab"},

	/* ---- warnings ---- */
	{"a setting twice", "idle-seconds = 60\n\nidle-seconds = 120 # longer\n",
	 "kiosk.conf:3: warning: idle-seconds is set again; this overrides line 1"},
	{"a key that another action has by default", "key.next = Space\n",
	 "kiosk.conf:1: warning: key 'Space' is bound to both key.next and key.select (by "
	 "default)"},
	{"a key given to two actions in the file", "key.next = X\nkey.prev = Left, x\n",
	 "kiosk.conf:2: warning: key 'x' is bound to both key.prev and key.next"},
	{"a key listed twice", "key.next = Right, right\n",
	 "kiosk.conf:1: warning: key.next lists 'right' twice"},
	{"a chord without a modifier", "admin-chord = F12\n",
	 "kiosk.conf:1: warning: admin-chord 'F12' has no modifier: any visitor can press it"},
	{"an MD5 hash", "pin-hash = $1$saltsalt$qjXMvbEw8oaL.CzflDugX/\n",
	 "kiosk.conf:1: warning: pin-hash uses an old, weak hash method; make a new one with "
	 "'placard-kiosk --hash-pin'"},
	{"a start language not offered", "languages = en, es\nlanguage = fr\n",
	 "kiosk.conf:2: warning: language 'fr' is not among the languages offered (languages)"},
};
/* clang-format on */

static void test_bad_files(void **state)
{
	(void)state;
	size_t failures = 0, n = sizeof bad_files / sizeof bad_files[0];
	for (size_t i = 0; i < n; i++) {
		const bad_file *row = &bad_files[i];
		size_t len = strlen(row->text);
		pl_kconfig cfg;
		pl_diags diags = PL_DIAGS_INIT;
		char first[1024];
		int rc = parse_text(&cfg, row->text, len, &diags, first, sizeof first);
		bool is_warning = strstr(row->first, ": warning: ") != NULL;
		if (strcmp(first, row->first) != 0) {
			print_error("row '%s':\n  got      %s\n  expected %s\n", row->what,
			            first[0] ? first : "(no diagnostic)", row->first);
			failures++;
		} else if (is_warning ? (rc != 0 || diags.errors) : (rc != -1 || !diags.errors)) {
			print_error("row '%s': returned %d with %zu errors\n", row->what, rc,
			            diags.errors);
			failures++;
		}
		pl_diags_free(&diags);
	}
	if (failures)
		fail_msg("%zu of %zu files gave the wrong first diagnostic", failures, n);
}

/* Bytes the table above cannot hold: a NUL, and UTF-16 (Notepad's
 * "Unicode"), whose every other byte is one. */
static void test_nul_bytes(void **state)
{
	(void)state;
	static const char nul[] = "site = a\0z\n";
	static const char utf16[] = "\xFF\xFEs\0i\0t\0e\0";
	pl_kconfig cfg;
	pl_diags diags = PL_DIAGS_INIT;
	char first[512];
	assert_int_equal(parse_text(&cfg, nul, sizeof nul - 1, &diags, first, sizeof first), -1);
	assert_string_equal(
	        first,
	        "kiosk.conf:1:9: error: control character U+0000; a settings file is plain text");
	assert_string_equal(cfg.site, "");
	pl_diags_free(&diags);
	assert_int_equal(parse_text(&cfg, utf16, sizeof utf16 - 1, &diags, first, sizeof first),
	                 -1);
	assert_string_equal(
	        first, "kiosk.conf:1: error: the file is UTF-16; save it as UTF-8 (plain text)");
	assert_int_equal(diags.count, 1);
	pl_diags_free(&diags);
}

/* A bad value leaves the setting as it was, and is not an "override". */
static void test_bad_value_keeps_setting(void **state)
{
	(void)state;
	static const char text[] = "idle-seconds = 60\n"
	                           "idle-seconds = 5\n"
	                           "languages = en, es\n"
	                           "languages = en, fr, zh_Hant\n"
	                           "key.next = N\n"
	                           "key.next = A, B, C, D, E, F, G, H, I\n"
	                           "site = jefferson\n"
	                           "site = Jefferson\n"
	                           "theme = dyslexia\n"
	                           "theme = dark\n";
	pl_kconfig cfg;
	pl_diags diags = PL_DIAGS_INIT;
	char first[512];
	assert_int_equal(parse_text(&cfg, text, strlen(text), &diags, first, sizeof first), -1);
	assert_int_equal(diags.errors, 5);
	assert_int_equal(diags.warnings, 0);
	assert_true(cfg.idle_seconds == 60);
	assert_int_equal(cfg.n_languages, 2);
	assert_string_equal(cfg.languages[1], "es");
	expect_keys(&cfg, PL_ACT_NEXT, KEYS("N"));
	assert_string_equal(cfg.site, "jefferson");
	assert_int_equal(cfg.theme, PL_THEME_DYSLEXIA);
	pl_diags_free(&diags);
}

/* Every mistake is reported, each once, and the good lines still count. */
static void test_all_mistakes_reported(void **state)
{
	(void)state;
	static const char text[] = "# lobby kiosk\n"
	                           "site = jefferson-elementary\n"
	                           "idle-second = 60\n"
	                           "warning-seconds = 10\n"
	                           "theme = high-contrast\n"
	                           "pin = 2468\n";
	static const char *const want[] = {
	        "kiosk.conf:3: error: unknown setting 'idle-second'; did you mean 'idle-seconds'?",
	        "kiosk.conf:4: error: warning-seconds must be at least 20: WCAG 2.2.1 (Timing "
	        "Adjustable) gives people at least 20 seconds to ask for more time; not '10'",
	        "kiosk.conf:6: error: the PIN is never written in plain text: run "
	        "'placard-kiosk --hash-pin' and put what it prints in pin-hash",
	};
	pl_kconfig cfg;
	pl_diags diags = PL_DIAGS_INIT;
	char first[512], line[512];
	assert_int_equal(parse_text(&cfg, text, strlen(text), &diags, first, sizeof first), -1);
	assert_int_equal(diags.count, 3);
	for (size_t i = 0; i < 3; i++) {
		pl_diag_format(&diags.items[i], line, sizeof line);
		assert_string_equal(line, want[i]);
	}
	assert_string_equal(cfg.site, "jefferson-elementary");
	assert_int_equal(cfg.theme, PL_THEME_CONTRAST);
	assert_true(cfg.warning_seconds == 30);
	pl_diags_free(&diags);
}

/* ------------------------------------------------------------------ */
/* Comments, quotes, blanks, line ends                                 */

typedef struct quoting {
	const char *line;
	const char *store; /* the value read */
} quoting;

static void test_comments_and_quotes(void **state)
{
	(void)state;
	static const quoting rows[] = {
	        {"store = /var/lib/placard/votes.db  # on the SD card",
	         "/var/lib/placard/votes.db"},
	        {"store = /srv/votes#2", "/srv/votes"},
	        {"store = \"/srv/votes #2\"", "/srv/votes #2"},
	        {"store = \"/srv/votes #2\"  # quoted", "/srv/votes #2"},
	        {"store = \"  /srv/x  \"", "  /srv/x  "},
	        {"store = \"/srv/a \\\"b\\\" \\\\c\"", "/srv/a \"b\" \\c"},
	        {"store = /srv/a\\b", "/srv/a\\b"},
	        {"store = /a \"b\"", "/a \"b\""},
	        {"store = \"\"", ""},
	        {"store =", ""},
	        {"store = # nothing", ""},
	        {"store=/x", "/x"},
	        {"   store   =   /x   ", "/x"},
	        {"\tstore\t=\t/x\t", "/x"},
	        {"store = /x = y", "/x = y"},
	        {"store = /srv/caf\xC3\xA9/votes", "/srv/caf\xC3\xA9/votes"},
	};
	size_t failed = 0;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		pl_kconfig cfg;
		pl_diags diags = PL_DIAGS_INIT;
		char first[512], note[4096];
		int rc = parse_text(&cfg, rows[i].line, strlen(rows[i].line), &diags, first,
		                    sizeof first);
		snprintf(note, sizeof note, "'%s': got '%s' (%s), expected '%s'", rows[i].line,
		         cfg.store, rc ? first : "no error", rows[i].store);
		expect_row(rc == 0 && diags.count == 0 && strcmp(cfg.store, rows[i].store) == 0,
		           note, &failed);
		pl_diags_free(&diags);
	}
	EXPECT_ROWS_PASSED(failed);
}

/* Windows line ends, a byte order mark and no newline at the end. */
static void test_line_ends(void **state)
{
	(void)state;
	static const char crlf[] = "\xEF\xBB\xBF# from Notepad\r\n"
	                           "site = west-campus\r\n"
	                           "\r\n"
	                           "store = \"/srv/v.db\"\r\n"
	                           "idle-seconds = 45";
	pl_kconfig cfg;
	pl_diags diags = PL_DIAGS_INIT;
	char first[512];
	assert_int_equal(parse_text(&cfg, crlf, strlen(crlf), &diags, first, sizeof first), 0);
	assert_int_equal(diags.count, 0);
	assert_string_equal(cfg.site, "west-campus");
	assert_string_equal(cfg.store, "/srv/v.db");
	assert_true(cfg.idle_seconds == 45);

	/* Line numbers count CRLF lines once. */
	static const char bad[] = "site = a\r\n\r\ntheme = dark\r\n";
	pl_diags_free(&diags);
	assert_int_equal(parse_text(&cfg, bad, strlen(bad), &diags, first, sizeof first), -1);
	assert_string_equal(first, "kiosk.conf:3: error: theme must be standard, high-contrast "
	                           "or dyslexia, not 'dark'");
	pl_diags_free(&diags);
}

/* ------------------------------------------------------------------ */
/* Keys                                                                */

static void test_key_replacement(void **state)
{
	(void)state;
	static const char text[] = "key.select = Return, Keypad Enter\n"
	                           "key.next = Space, Right\n"
	                           "key.focus-prev = F4\n"
	                           "key.speak =\n";
	pl_kconfig cfg;
	pl_diags diags = PL_DIAGS_INIT;
	char first[512];
	assert_int_equal(parse_text(&cfg, text, strlen(text), &diags, first, sizeof first), 0);
	/* Space moved from select to next: no conflict left. */
	assert_int_equal(diags.count, 0);
	expect_keys(&cfg, PL_ACT_SELECT, KEYS("Return", "Keypad Enter"));
	expect_keys(&cfg, PL_ACT_NEXT, KEYS("Space", "Right"));
	expect_keys(&cfg, PL_ACT_FOCUS_PREV, KEYS("F4"));
	assert_int_equal(cfg.n_keys[PL_ACT_SPEAK], 0);
	/* The others keep their defaults. */
	expect_keys(&cfg, PL_ACT_PREV, KEYS("Left", "PageUp", "Keypad 4"));
	pl_diags_free(&diags);

	/* Eight keys are allowed; a repeat is dropped, not counted. */
	static const char eight[] = "key.home = A, B, C, D, E, F, G, H, a\n";
	assert_int_equal(parse_text(&cfg, eight, strlen(eight), &diags, first, sizeof first), 0);
	assert_int_equal(cfg.n_keys[PL_ACT_HOME], 8);
	assert_int_equal(diags.warnings, 1);
	pl_diags_free(&diags);
}

/* One warning per pair of actions sharing a key, at the later line. */
static void test_key_conflicts(void **state)
{
	(void)state;
	static const char text[] = "key.up = U, V\n"
	                           "key.down = D, v\n"
	                           "key.home = u, d\n";
	static const char *const want[] = {
	        "kiosk.conf:2: warning: key 'v' is bound to both key.down and key.up",
	        "kiosk.conf:3: warning: key 'u' is bound to both key.home and key.up",
	        "kiosk.conf:3: warning: key 'd' is bound to both key.home and key.down",
	};
	pl_kconfig cfg;
	pl_diags diags = PL_DIAGS_INIT;
	char first[512], line[512];
	assert_int_equal(parse_text(&cfg, text, strlen(text), &diags, first, sizeof first), 0);
	assert_int_equal(diags.count, 3);
	for (size_t i = 0; i < 3; i++) {
		pl_diag_format(&diags.items[i], line, sizeof line);
		assert_string_equal(line, want[i]);
	}
	pl_diags_free(&diags);
}

/* ------------------------------------------------------------------ */
/* Writing and reading back                                            */

static char *write_to_string(const pl_kconfig *cfg, size_t *len)
{
	char *text = NULL;
	FILE *out = open_memstream(&text, len);
	assert_non_null(out);
	pl_kconfig_write(cfg, out);
	assert_int_equal(fclose(out), 0);
	return text;
}

static void expect_round_trip(const pl_kconfig *cfg)
{
	size_t len;
	char *text = write_to_string(cfg, &len);
	pl_kconfig again;
	pl_diags diags = PL_DIAGS_INIT;
	char first[512];
	int rc = parse_text(&again, text, len, &diags, first, sizeof first);
	if (rc != 0 || diags.count)
		fail_msg("reading back: %s\n%s", first, text);
	if (!pl_kconfig_equal(cfg, &again))
		fail_msg("read back differently:\n%s", text);
	free(text);
	pl_diags_free(&diags);
}

static void test_round_trip(void **state)
{
	(void)state;
	pl_kconfig cfg;
	pl_kconfig_defaults(&cfg);
	expect_round_trip(&cfg);

	/* The defaults are written as every setting, commented. */
	size_t len;
	char *text = write_to_string(&cfg, &len);
	for (const char *const *name = pl_kconfig_names(); *name; name++) {
		char line[64];
		snprintf(line, sizeof line, "\n%s = ", *name);
		if (!strstr(text, line))
			fail_msg("%s is not written", *name);
	}
	assert_non_null(strstr(text, "\nadmin-chord = Ctrl+Alt+Shift+P\n"));
	assert_non_null(strstr(text, "\nkey.next = Right, PageDown, Keypad 6\n"));
	assert_non_null(strstr(text, "\nkey.focus-prev = \"\"\n"));
	assert_non_null(strstr(text, "\nviewing-distance = 1.5\n"));
	assert_non_null(strstr(text, "\nsite = \"\"\n"));
	free(text);

	pl_diags diags = PL_DIAGS_INIT;
	char first[512];
	assert_int_equal(
	        parse_text(&cfg, every_setting, strlen(every_setting), &diags, first, sizeof first),
	        0);
	expect_round_trip(&cfg);
	pl_diags_free(&diags);

	/* Values that need quotes to survive. */
	static const char awkward[] = "store = \"  /srv/a \\\"b\\\" #3\\\\ \"\n"
	                              "key.text-bigger = \"#, =\"\n"
	                              "key.text-smaller = \\, ]\n"
	                              "key.theme = \"\\\", T\"\n"
	                              "scan-seconds = 2.999999\n"
	                              "viewing-distance = 0.300001\n"
	                              "display-diagonal = 119.000001\n";
	assert_int_equal(parse_text(&cfg, awkward, strlen(awkward), &diags, first, sizeof first),
	                 0);
	assert_string_equal(cfg.store, "  /srv/a \"b\" #3\\ ");
	expect_keys(&cfg, PL_ACT_TEXT_BIGGER, KEYS("#", "="));
	expect_keys(&cfg, PL_ACT_THEME, KEYS("\"", "T"));
	expect_round_trip(&cfg);
	pl_diags_free(&diags);
}

static void test_equal(void **state)
{
	(void)state;
	pl_kconfig a, b;
	pl_kconfig_defaults(&a);
	pl_kconfig_defaults(&b);
	assert_true(pl_kconfig_equal(&a, &b));
	/* Bytes after a string's end do not count. */
	strcpy(b.store, "/a/long/path");
	strcpy(b.store, "");
	assert_true(pl_kconfig_equal(&a, &b));
	b.scan_loops = 3;
	assert_false(pl_kconfig_equal(&a, &b));
	pl_kconfig_defaults(&b);
	strcpy(b.keys[PL_ACT_NEXT][0], "right");
	assert_false(pl_kconfig_equal(&a, &b));
	pl_kconfig_defaults(&b);
	b.n_keys[PL_ACT_SELECT]--;
	assert_false(pl_kconfig_equal(&a, &b));
}

/* ------------------------------------------------------------------ */
/* Flags                                                               */

static void test_set_from_command_line(void **state)
{
	(void)state;
	pl_kconfig cfg;
	pl_kconfig_defaults(&cfg);
	pl_diags diags = PL_DIAGS_INIT;
	char line[512];
	assert_int_equal(pl_kconfig_set(&cfg, "idle-seconds", "60", "command line", 0, &diags), 0);
	assert_true(cfg.idle_seconds == 60);
	assert_int_equal(pl_kconfig_set(&cfg, "idle-seconds", "5", "command line", 0, &diags), -1);
	assert_true(cfg.idle_seconds == 60);
	assert_int_equal(pl_kconfig_set(&cfg, "key.next", "Space", "command line", 0, &diags), 0);
	expect_keys(&cfg, PL_ACT_NEXT, KEYS("Space"));
	assert_int_equal(pl_kconfig_set(&cfg, "idle", "60", "command line", 0, &diags), -1);
	/* Flags do not pass the file's byte checks, so set makes its own. */
	assert_int_equal(pl_kconfig_set(&cfg, "store", "/x\n/y", "command line", 0, &diags), -1);
	assert_int_equal(pl_kconfig_set(&cfg, "store", "/caf\xE9", "command line", 0, &diags), -1);
	assert_string_equal(cfg.store, "");
	static const char *const want[] = {
	        ("command line: error: idle-seconds must be a number of seconds from 10 to 3600, "
	         "not '5'"),
	        "command line: error: unknown setting 'idle'; did you mean 'idle-seconds'?",
	        "command line: error: store: control character U+000A in the value",
	        "command line: error: store: invalid UTF-8 (byte 0xE9)",
	};
	assert_int_equal(diags.count, 4);
	for (size_t i = 0; i < 4; i++) {
		pl_diag_format(&diags.items[i], line, sizeof line);
		assert_string_equal(line, want[i]);
	}
	pl_diags_free(&diags);
}

/* ------------------------------------------------------------------ */
/* Sizes and files                                                     */

static void test_line_limit(void **state)
{
	(void)state;
	/* A comment line of exactly 4096 bytes is fine; 4097 is not. */
	char *text = malloc(4097 + 2);
	assert_non_null(text);
	memset(text, '#', 4096);
	text[4096] = '\n';
	pl_kconfig cfg;
	pl_diags diags = PL_DIAGS_INIT;
	char first[512];
	assert_int_equal(parse_text(&cfg, text, 4097, &diags, first, sizeof first), 0);
	assert_int_equal(diags.count, 0);
	memset(text, '#', 4097);
	text[4097] = '\n';
	assert_int_equal(parse_text(&cfg, text, 4098, &diags, first, sizeof first), -1);
	assert_string_equal(first, "kiosk.conf:1: error: the line is longer than 4096 bytes");
	/* The CR of a CRLF line end is not counted. */
	pl_diags_free(&diags);
	memset(text, '#', 4096);
	text[4096] = '\r';
	text[4097] = '\n';
	assert_int_equal(parse_text(&cfg, text, 4098, &diags, first, sizeof first), 0);
	free(text);
	pl_diags_free(&diags);
}

static void test_file_limit(void **state)
{
	(void)state;
	size_t mib = 1024 * 1024;
	char *text = malloc(mib + 1);
	assert_non_null(text);
	/* 1 MiB exactly: comment lines of 64 bytes. */
	for (size_t i = 0; i < mib; i += 64) {
		memset(text + i, '#', 63);
		text[i + 63] = '\n';
	}
	pl_kconfig cfg;
	pl_diags diags = PL_DIAGS_INIT;
	char first[512];
	assert_int_equal(parse_text(&cfg, text, mib, &diags, first, sizeof first), 0);
	text[mib] = '\n';
	assert_int_equal(parse_text(&cfg, text, mib + 1, &diags, first, sizeof first), -1);
	assert_string_equal(first,
	                    "kiosk.conf: error: the file is 1048577 bytes; a settings file is at "
	                    "most 1 MiB");

	unit_scratch scratch;
	unit_scratch_make(&scratch);
	const char *path = unit_scratch_write(&scratch, "big.conf", text, mib + 1);
	pl_diags_free(&diags);
	pl_kconfig_defaults(&cfg);
	assert_int_equal(pl_kconfig_load(&cfg, path, &diags), -1);
	char want[600], line[600];
	snprintf(want, sizeof want,
	         "%s: error: the file is larger than 1 MiB; is it the settings file?", path);
	pl_diag_format(&diags.items[0], line, sizeof line);
	assert_string_equal(line, want);
	unit_scratch_remove(&scratch);
	free(text);
	pl_diags_free(&diags);
}

static void test_load(void **state)
{
	(void)state;
	unit_scratch scratch;
	unit_scratch_make(&scratch);
	static const char text[] = "site = north\ntheme = dark\n";
	const char *path = unit_scratch_write(&scratch, "kiosk.conf", text, strlen(text));
	char saved[512];
	snprintf(saved, sizeof saved, "%s", path);
	pl_kconfig cfg;
	pl_kconfig_defaults(&cfg);
	pl_diags diags = PL_DIAGS_INIT;
	assert_int_equal(pl_kconfig_load(&cfg, saved, &diags), -1);
	assert_string_equal(cfg.site, "north");
	char want[700], line[700];
	snprintf(want, sizeof want,
	         "%s:2: error: theme must be standard, high-contrast or dyslexia, not 'dark'",
	         saved);
	pl_diag_format(&diags.items[0], line, sizeof line);
	assert_string_equal(line, want);
	pl_diags_free(&diags);

	snprintf(saved, sizeof saved, "%s/missing.conf", scratch.dir);
	assert_int_equal(pl_kconfig_load(&cfg, saved, &diags), -1);
	snprintf(want, sizeof want, "%s: error: cannot read: No such file or directory", saved);
	pl_diag_format(&diags.items[0], line, sizeof line);
	assert_string_equal(line, want);
	pl_diags_free(&diags);
	unit_scratch_remove(&scratch);
}

/* The example shipped for hosts reads without a word. */
static void test_example_file(void **state)
{
	(void)state;
	pl_kconfig cfg;
	pl_kconfig_defaults(&cfg);
	pl_diags diags = PL_DIAGS_INIT;
	int rc = pl_kconfig_load(&cfg, PLACARD_SOURCE_DIR "/assets/kiosk.conf.example", &diags);
	pl_diags_print(&diags, stderr);
	assert_int_equal(rc, 0);
	assert_int_equal(diags.count, 0);
	assert_string_equal(cfg.site, "jefferson-elementary");
	pl_diags_free(&diags);
}

/* The document for hosts names every setting. */
static void test_document_names_every_setting(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof path, "%s/docs/kiosk-config.md", PLACARD_SOURCE_DIR);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char doc[65536];
	size_t n = fread(doc, 1, sizeof doc - 1, f);
	fclose(f);
	doc[n] = '\0';
	size_t failed = 0;
	for (const char *const *name = pl_kconfig_names(); *name; name++) {
		char quoted[64], note[128];
		snprintf(quoted, sizeof quoted, "`%s`", *name);
		snprintf(note, sizeof note, "docs/kiosk-config.md does not describe %s", *name);
		expect_row(strstr(doc, quoted) != NULL, note, &failed);
	}
	EXPECT_ROWS_PASSED(failed);
}

/* ------------------------------------------------------------------ */
/* PINs                                                                */

static void test_pin_hash_and_check(void **state)
{
	(void)state;
	char h1[160], h2[160];
	assert_int_equal(pl_pin_hash("2468", h1, sizeof h1), 0);
	assert_int_equal(pl_pin_hash("2468", h2, sizeof h2), 0);
	assert_memory_equal(h1, "$y$", 3);
	/* Salted: the same PIN hashes differently each time, and both match. */
	assert_string_not_equal(h1, h2);
	assert_true(pl_pin_check(h1, "2468"));
	assert_true(pl_pin_check(h2, "2468"));
	assert_false(pl_pin_check(h1, "2469"));
	assert_false(pl_pin_check(h1, "24680"));
	assert_false(pl_pin_check(h1, "246"));
	assert_false(pl_pin_check(h1, ""));
	/* No PIN, or a hash that is no hash, lets nobody in. */
	assert_false(pl_pin_check("", "2468"));
	assert_false(pl_pin_check("2468", "2468"));
	assert_false(pl_pin_check("$foo$bar$baz", "2468"));
	/* A hash cut short does not match either. */
	char cut[160];
	snprintf(cut, sizeof cut, "%s", h1);
	cut[strlen(cut) - 1] = '\0';
	assert_false(pl_pin_check(cut, "2468"));

	/* The hash is what pin-hash takes. */
	pl_kconfig cfg;
	pl_kconfig_defaults(&cfg);
	pl_diags diags = PL_DIAGS_INIT;
	assert_int_equal(pl_kconfig_set(&cfg, "pin-hash", h1, "command line", 0, &diags), 0);
	assert_int_equal(diags.count, 0);
	assert_string_equal(cfg.pin_hash, h1);

	/* Empty PINs and short buffers are refused. */
	assert_int_equal(pl_pin_hash("", h1, sizeof h1), -1);
	assert_int_equal(pl_pin_hash("2468", h1, 20), -1);
	/* Any nonempty text may be a PIN. */
	assert_int_equal(pl_pin_hash("open sesame", h1, sizeof h1), 0);
	assert_true(pl_pin_check(h1, "open sesame"));
}

static void test_pin_backoff(void **state)
{
	(void)state;
	static const double want[] = {0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300};
	for (int n = 0; n < (int)(sizeof want / sizeof want[0]); n++)
		if (pl_pin_backoff(n) != want[n])
			fail_msg("after %d wrong PINs: %g s, expected %g", n, pl_pin_backoff(n),
			         want[n]);
	assert_true(pl_pin_backoff(-1) == 0);
	assert_true(pl_pin_backoff(40) == 300);
	assert_true(pl_pin_backoff(INT_MAX) == 300);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_defaults),
	        cmocka_unit_test(test_default_keys),
	        cmocka_unit_test(test_default_keys_bound_once),
	        cmocka_unit_test(test_names),
	        cmocka_unit_test(test_every_setting),
	        cmocka_unit_test(test_spellings),
	        cmocka_unit_test(test_bad_files),
	        cmocka_unit_test(test_nul_bytes),
	        cmocka_unit_test(test_bad_value_keeps_setting),
	        cmocka_unit_test(test_all_mistakes_reported),
	        cmocka_unit_test(test_comments_and_quotes),
	        cmocka_unit_test(test_line_ends),
	        cmocka_unit_test(test_key_replacement),
	        cmocka_unit_test(test_key_conflicts),
	        cmocka_unit_test(test_round_trip),
	        cmocka_unit_test(test_equal),
	        cmocka_unit_test(test_set_from_command_line),
	        cmocka_unit_test(test_line_limit),
	        cmocka_unit_test(test_file_limit),
	        cmocka_unit_test(test_load),
	        cmocka_unit_test(test_example_file),
	        cmocka_unit_test(test_document_names_every_setting),
	        cmocka_unit_test(test_pin_hash_and_check),
	        cmocka_unit_test(test_pin_backoff),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
