/*
 * test_phrases.c: what the kiosk reads aloud of a screen (kiosk/phrases.c)
 * and the app's speech state (kiosk/app.c), without audio:
 * - a screen's texts in reading order, each in its own language (a
 *   fallback in the source language's voice), without control labels,
 *   the bars, markers, or phrases in a language with no voice;
 * - the focused control's name and state, in the chrome's words
 *   ("Español", "language, 3 of 10"; "Agree, 2 of 5, not selected"), from
 *   the programs' catalogue in the screen's language;
 * - speech mode holds the attract loop; the visitor's volume and rate go
 *   back to the kiosk's at the idle reset (Section 508 402.3.2), and so
 *   does speech mode itself.
 * That the spoken order is the visual order of real screens, mirrored in
 * right-to-left ones, is checked on --dump-layout by tests/e2e/kiosk_speech.sh.
 */
#include "unit.h"

#include "app.h"
#include "phrases.h"
#include "scene.h"

#include "placard/chrome.h"
#include "placard/kiosk_config.h"
#include "placard/theme.h"

/* A measure for the core's layout: every character 10 px, every glyph there. */
static double width(void *ctx, int font, const char *text, size_t len, bool rtl, double size)
{
	(void)ctx, (void)font, (void)text, (void)rtl, (void)size;
	return 10.0 * (double)len;
}

static bool has_glyph(void *ctx, int font, uint32_t cp)
{
	(void)ctx, (void)font, (void)cp;
	return true;
}

static void add_text(scene *s, const char *text, const char *lang, const char *id, int y,
                     int control)
{
	pl_layout_params params = {lang, 20, 800, 1.5, 1};
	pl_measure measure = {NULL, width, has_glyph};
	sc_text t = {0};
	t.layout = pl_layout_paragraph(text, strlen(text), &params, &measure);
	assert_non_null(t.layout);
	t.lang = lang;
	t.id = id;
	t.x = 100;
	t.y = y;
	t.w = 800;
	t.first_line = 0;
	t.last_line = (int)t.layout->n_lines;
	t.control = control;
	assert_true(scene_add_text(s, &t) >= 0);
}

static int add_control(scene *s, const char *id, const char *name, const char *lang, int y,
                       bool selected)
{
	sc_control c = {.x = 100, .y = y, .w = 200, .h = 80, .rect = -1, .lang = lang};
	snprintf(c.id, sizeof c.id, "%s", id);
	snprintf(c.name, sizeof c.name, "%s", name);
	c.selected = selected;
	return scene_add_control(s, &c);
}

static void make_scene(scene *s, const char *lang)
{
	pl_metrics m;
	pl_metrics_compute(&m, 1920, 1080, 24, 1.5, 100);
	scene_init(s, 1920, 1080, &m, pl_theme_get(PL_THEME_STANDARD), lang);
	sc_rect top = {0, 0, 1920, 120, {0, 0, 0}, true, {0, 0, 0}, 0, "top-bar"};
	sc_rect bottom = {0, 960, 1920, 120, {0, 0, 0}, true, {0, 0, 0}, 0, "bottom-bar"};
	scene_add_rect(s, &top);
	scene_add_rect(s, &bottom);
}

static bool no_tagalog(void *ctx, const char *lang)
{
	(void)ctx;
	return strcmp(lang, "tl") != 0;
}

static void expect_phrases(const phrase_list *l, const char *const *ids, const char *const *langs,
                           int n)
{
	size_t failed = 0;
	for (int i = 0; i < n || i < l->n; i++) {
		char note[256];
		snprintf(note, sizeof note, "phrase %d: %s (%s) \"%s\", expected %s (%s)", i,
		         i < l->n ? l->items[i].id : "-", i < l->n ? l->items[i].lang : "-",
		         i < l->n ? l->items[i].text : "-", i < n ? ids[i] : "-",
		         i < n ? langs[i] : "-");
		expect_row(i < n && i < l->n && strcmp(l->items[i].id, ids[i]) == 0 &&
		                   strcmp(l->items[i].lang, langs[i]) == 0,
		           note, &failed);
	}
	EXPECT_ROWS_PASSED(failed);
}

static void test_screen_phrases(void **state)
{
	(void)state;
	scene s;
	make_scene(&s, "es");
	int language = add_control(&s, "language", "Idioma: Español", "es", 20, false);
	int next = add_control(&s, "next", "Siguiente", "es", 980, false);
	add_text(&s, "Español", "es", "language", 30, language);
	add_text(&s, "¿Por qué hacemos este trabajo?", "es", "why/heading", 150, -1);
	add_text(&s, "•", "es", "marker", 260, -1);
	add_text(&s, "El mundo cambia rápidamente.\nY nosotros también.", "es", "why/text", 260,
	         -1);
	add_text(&s, "Our values", "en", "values/heading", 400, -1); /* a fallback */
	add_text(&s, "(todavía sin traducir)", "es", "mark", 440, -1);
	add_text(&s, "Mabuhay", "tl", "greeting", 500, -1); /* no voice */
	add_text(&s, "–", "es", "dash", 560, -1);           /* nothing to say */
	add_text(&s, "Siguiente", "es", "next", 990, next);
	add_text(&s, "Diapositiva 2 de 18", "es", "position", 1000, -1);
	phrase_list l;
	phrases_init(&l);
	phrase_context pc = {NULL, "es", no_tagalog, NULL};
	phrases_screen(&l, &pc, &s);
	static const char *const ids[] = {"why/heading", "why/text", "values/heading", "mark"};
	static const char *const langs[] = {"es", "es", "en", "es"};
	expect_phrases(&l, ids, langs, 4);
	/* Line feeds where the screen broke lines are not read as pauses. */
	assert_string_equal(l.items[1].text, "El mundo cambia rápidamente. Y nosotros también.");
	/* phrases_reads says the same of each text. */
	assert_false(phrases_reads(&s, &s.texts[0]));
	assert_true(phrases_reads(&s, &s.texts[1]));
	assert_false(phrases_reads(&s, &s.texts[2]));
	assert_false(phrases_reads(&s, &s.texts[9]));
	/* A notice by id. */
	phrases_clear(&l);
	assert_true(phrases_text(&l, &pc, &s, "mark"));
	assert_false(phrases_text(&l, &pc, &s, "poll-notice"));
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].text, "(todavía sin traducir)");
	/* Without a voice test, every language is read. */
	phrases_clear(&l);
	pc.has_voice = NULL;
	phrases_screen(&l, &pc, &s);
	assert_int_equal(l.n, 5);
	assert_string_equal(l.items[4].lang, "tl");
	phrases_free(&l);
	scene_free(&s);
}

/* Only the lines shown on this page of a paragraph that continues. */
static void test_shown_lines_only(void **state)
{
	(void)state;
	scene s;
	make_scene(&s, "en");
	add_text(&s, "First line\nSecond line\nThird line", "en", "body", 200, -1);
	s.texts[0].first_line = 1;
	phrase_list l;
	phrases_init(&l);
	phrase_context pc = {NULL, "en", NULL, NULL};
	phrases_screen(&l, &pc, &s);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].text, "Second line Third line");
	phrases_free(&l);
	scene_free(&s);
}

static const char *const picker_langs[] = {"en", "zh-Hans", "es", "zh-Hant", "vi",
                                           "ar", "fa",      "hy", "ko",      "tl"};
static const char *const picker_names[] = {"English",    "中文（简体）", "Español", "中文（繁體）",
                                           "Tiếng Việt", "العربية",      "فارسی",   "Հայերեն",
                                           "한국어",     "Tagalog"};

static void test_focus_phrases(void **state)
{
	(void)state;
	scene s;
	make_scene(&s, "en");
	for (int i = 0; i < 10; i++) {
		char id[SC_ID_MAX];
		snprintf(id, sizeof id, "pick:%s", picker_langs[i]);
		add_control(&s, id, picker_names[i], picker_langs[i], 200 + 10 * i, i == 0);
	}
	static const char *const answers[] = {"Strongly agree", "Agree", "Neutral", "Disagree",
	                                      "Strongly disagree"};
	for (int i = 0; i < 5; i++) {
		char id[SC_ID_MAX];
		snprintf(id, sizeof id, "vote:%d", i);
		add_control(&s, id, answers[i], "en", 400, i == 0);
	}
	int next = add_control(&s, "next", "Next", "en", 980, false);
	phrase_list l;
	phrases_init(&l);
	phrase_context pc = {NULL, "en", no_tagalog, NULL};

	/* Another language's name in its own voice, then its place in the
	 * chrome's. */
	phrases_focus(&l, &pc, &s, 2);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0].text, "Español");
	assert_string_equal(l.items[0].lang, "es");
	assert_string_equal(l.items[1].text, "language, 3 of 10");
	assert_string_equal(l.items[1].lang, "en");
	phrases_clear(&l);
	phrases_focus(&l, &pc, &s, 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].text, "English, language, 1 of 10, selected");
	/* Tagalog's name has no voice: only its place is read. */
	phrases_clear(&l);
	phrases_focus(&l, &pc, &s, 9);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].text, "language, 10 of 10");
	/* A poll's answers. */
	phrases_clear(&l);
	phrases_focus(&l, &pc, &s, 11);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].text, "Agree, 2 of 5, not selected");
	phrases_clear(&l);
	phrases_focus(&l, &pc, &s, 10);
	assert_string_equal(l.items[0].text, "Strongly agree, 1 of 5, selected");
	/* Any other button. */
	phrases_clear(&l);
	phrases_focus(&l, &pc, &s, next);
	assert_string_equal(l.items[0].text, "Next, button");
	assert_string_equal(l.items[0].id, "focus");
	/* No focus, nothing. */
	phrases_clear(&l);
	phrases_focus(&l, &pc, &s, -1);
	assert_int_equal(l.n, 0);
	/* Volume and rate, said when nothing is being read. */
	phrases_volume(&l, &pc, 5);
	phrases_rate(&l, &pc, 3);
	assert_string_equal(l.items[0].text, "Volume 5 of 9");
	assert_string_equal(l.items[1].text, "Speed 3 of 7");
	phrases_free(&l);
	scene_free(&s);
}

/* The role and state words come from the programs' catalogue: in Spanish,
 * Arabic and Chinese, not English. */
static void test_focus_words_translated(void **state)
{
	(void)state;
	static const struct {
		const char *lang, *next, *want_next, *want_pick;
	} rows[] = {
	        {"es", "Siguiente", "Siguiente, botón", "idioma, 5 de 10"},
	        {"ar", "التالي", "التالي، زر", "اللغة، 5 من 10"},
	        {"zh-Hans", "下一页", "下一页，按钮", "语言，第 5 个，共 10 个"},
	};
	size_t failed = 0;
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		pl_diags diags = PL_DIAGS_INIT;
		pl_catalog *chrome = pl_chrome_load(rows[r].lang, &diags);
		assert_non_null(chrome);
		pl_diags_free(&diags);
		scene s;
		make_scene(&s, rows[r].lang);
		for (int i = 0; i < 10; i++) {
			char id[SC_ID_MAX];
			snprintf(id, sizeof id, "pick:%s", picker_langs[i]);
			add_control(&s, id, picker_names[i], picker_langs[i], 200, false);
		}
		int next = add_control(&s, "next", rows[r].next, rows[r].lang, 980, false);
		phrase_list l;
		phrases_init(&l);
		phrase_context pc = {chrome, rows[r].lang, NULL, NULL};
		phrases_focus(&l, &pc, &s, next);
		phrases_focus(&l, &pc, &s, 4); /* Tiếng Việt */
		char note[512];
		snprintf(note, sizeof note, "%s: \"%s\" / \"%s\", expected \"%s\" / \"%s\"",
		         rows[r].lang, l.n > 0 ? l.items[0].text : "-",
		         l.n > 2 ? l.items[2].text : "-", rows[r].want_next, rows[r].want_pick);
		expect_row(l.n == 3 && strcmp(l.items[0].text, rows[r].want_next) == 0 &&
		                   strcmp(l.items[2].text, rows[r].want_pick) == 0,
		           note, &failed);
		phrases_free(&l);
		scene_free(&s);
		pl_catalog_free(chrome);
	}
	EXPECT_ROWS_PASSED(failed);
}

/* ------------------------------------------------------------------ */
/* The app's speech state                                              */

static const char *const langs[] = {"en", "es", "ar"};

static void slide_controls(scene *s)
{
	make_scene(s, "en");
	static const char *const ids[] = {"language", "speak", "pause", "prev", "next"};
	for (int i = 0; i < 5; i++)
		add_control(s, ids[i], ids[i], "en", 0, false);
}

static void test_speech_mode_holds_the_loop(void **state)
{
	(void)state;
	pl_kconfig cfg;
	pl_kconfig_defaults(&cfg);
	app a;
	app_init(&a, &cfg, 5, langs, 3, "en", 1000);
	scene s;
	slide_controls(&s);
	assert_false(a.speech);
	/* The loop turns while speech is off... */
	app_tick(&a, &s, 1000 + cfg.slide_seconds);
	assert_int_equal(a.screen, SCREEN_SLIDE);
	/* ...and holds while it is on (set here without a session, as a
	 * kiosk configured to read could). */
	a.speech = true;
	assert_true(app_deadline(&a, 1013) < 0); /* nothing to wake up for */
	int slide = a.slide;
	app_tick(&a, &s, 1100);
	app_tick(&a, &s, 1200);
	assert_int_equal(a.slide, slide);
	a.speech = false;
	app_tick(&a, &s, 1300);
	assert_true(a.slide != slide);
	scene_free(&s);
}

static void test_speech_reset_at_idle(void **state)
{
	(void)state;
	pl_kconfig cfg;
	pl_kconfig_defaults(&cfg);
	cfg.speech_volume = 5;
	app a;
	app_init(&a, &cfg, 5, langs, 3, "en", 1000);
	scene s;
	slide_controls(&s);
	assert_int_equal(a.speech_volume, 5);
	assert_int_equal(a.speech_rate, SPEECH_RATE_DEFAULT_STEP);
	assert_int_equal(a.speech_command, PL_ACT_COUNT);
	/* The speak button turns reading on (and starts a session). */
	app_activate(&a, "speak", &s, 1001);
	assert_true(a.speech);
	assert_true(a.want_speech);
	assert_true(a.visitor);
	a.want_speech = false;
	/* Louder five times: the loudest, no further. Slower twice. */
	for (int i = 0; i < 5; i++)
		app_action(&a, PL_ACT_SPEECH_LOUDER, &s, 1002);
	assert_int_equal(a.speech_volume, SPEECH_VOLUME_STEPS);
	assert_int_equal(a.speech_command, PL_ACT_SPEECH_LOUDER);
	app_action(&a, PL_ACT_SPEECH_SLOWER, &s, 1003);
	app_action(&a, PL_ACT_SPEECH_SLOWER, &s, 1004);
	assert_int_equal(a.speech_rate, SPEECH_RATE_DEFAULT_STEP - 2);
	for (int i = 0; i < 10; i++)
		app_action(&a, PL_ACT_SPEECH_SLOWER, &s, 1005);
	assert_int_equal(a.speech_rate, 1);
	for (int i = 0; i < 3; i++)
		app_action(&a, PL_ACT_SPEECH_FASTER, &s, 1006);
	assert_int_equal(a.speech_rate, 4);
	app_action(&a, PL_ACT_SPEECH_FASTER, &s, 1006);
	app_action(&a, PL_ACT_SPEECH_QUIETER, &s, 1007);
	assert_int_equal(a.speech_volume, SPEECH_VOLUME_STEPS - 1);
	assert_int_equal(a.speech_command, PL_ACT_SPEECH_QUIETER);
	/* The other speech keys are commands for the loop, nothing else. */
	app_action(&a, PL_ACT_SPEECH_REPEAT, &s, 1008);
	assert_int_equal(a.speech_command, PL_ACT_SPEECH_REPEAT);
	assert_int_equal(a.screen, SCREEN_WELCOME);
	/* Left alone: the warning, then the reset. */
	app_tick(&a, &s, 1008 + cfg.idle_seconds);
	assert_int_equal(a.screen, SCREEN_IDLE);
	assert_true(a.speech);
	app_tick(&a, &s, 1008 + cfg.idle_seconds + cfg.warning_seconds);
	assert_int_equal(a.screen, SCREEN_WELCOME);
	assert_int_equal(a.resets, 1);
	assert_false(a.speech);
	assert_true(a.want_speech); /* the loop stops the reading */
	assert_int_equal(a.speech_volume, 5);
	assert_int_equal(a.speech_rate, SPEECH_RATE_DEFAULT_STEP);
	/* S again is the next visitor's, at the kiosk's volume and rate. */
	app_action(&a, PL_ACT_SPEAK, &s, 1200);
	assert_true(a.speech);
	app_action(&a, PL_ACT_SPEAK, &s, 1201);
	assert_false(a.speech);
	screen_state st;
	app_screen(&a, &st, 1201);
	assert_false(st.speech);
	app_action(&a, PL_ACT_SPEAK, &s, 1202);
	app_screen(&a, &st, 1202);
	assert_true(st.speech);
	scene_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_screen_phrases),
	        cmocka_unit_test(test_shown_lines_only),
	        cmocka_unit_test(test_focus_phrases),
	        cmocka_unit_test(test_focus_words_translated),
	        cmocka_unit_test(test_speech_mode_holds_the_loop),
	        cmocka_unit_test(test_speech_reset_at_idle),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
