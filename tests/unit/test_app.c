/*
 * test_app.c: the kiosk's state machine (kiosk/app.c) on a simulated
 * clock: the attract loop, the visitor session and its idle reset (WCAG
 * 2.2.1: at least 20 s of warning), single-switch scanning (BRIEF section
 * 4: a step a second, the first item held longer, two loops then rest),
 * the admin PIN's back-off, one vote per poll per session, and no timer
 * firing when nothing is due (the kiosk sleeps instead of spinning).
 */
#include "unit.h"

#include <math.h>

#include "app.h"
#include "scene.h"

#include "placard/kiosk_config.h"
#include "placard/theme.h"

static const char *const langs[] = {"en", "es", "ar"};

typedef struct fixture {
	pl_kconfig cfg;
	app a;
	scene s;
} fixture;

/* A screen with the controls a slide has, in focus order. */
static void slide_scene(scene *s)
{
	pl_metrics m;
	pl_metrics_compute(&m, 1920, 1080, 24, 1.5, 100);
	scene_init(s, 1920, 1080, &m, pl_theme_get(PL_THEME_STANDARD), "en");
	static const char *const ids[] = {"language", "text-smaller", "text-bigger", "theme",
	                                  "pause",    "prev",         "next"};
	for (int i = 0; i < 7; i++) {
		sc_control c = {.x = i * 100, .y = 0, .w = 80, .h = 80, .rect = -1};
		snprintf(c.id, sizeof c.id, "%s", ids[i]);
		scene_add_control(s, &c);
	}
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	pl_kconfig_defaults(&f->cfg);
	f->cfg.slide_seconds = 12;
	f->cfg.idle_seconds = 90;
	f->cfg.warning_seconds = 30;
	app_init(&f->a, &f->cfg, 5, langs, 3, "en", 1000);
	slide_scene(&f->s);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	scene_free(&f->s);
	free(f);
	return 0;
}

static void test_attract_loop_advances_and_pauses(void **state)
{
	fixture *f = *state;
	app *a = &f->a;
	assert_int_equal(a->screen, SCREEN_WELCOME);
	/* Nothing happens before the slide's time is up... */
	assert_true(fabs(app_deadline(a, 1000) - 1003) < 1e-9); /* the greeting turns first */
	app_tick(a, &f->s, 1011);
	assert_int_equal(a->screen, SCREEN_WELCOME);
	/* ...then the loop moves on, slide by slide. */
	app_tick(a, &f->s, 1012);
	assert_int_equal(a->screen, SCREEN_SLIDE);
	assert_int_equal(a->slide, 0);
	app_tick(a, &f->s, 1024);
	assert_int_equal(a->slide, 1);
	/* The pause control stops it (WCAG 2.2.2) without starting... well,
	 * touching it is input: a visitor session starts and holds the loop. */
	app_activate(a, "pause", &f->s, 1025);
	assert_true(a->paused);
	app_tick(a, &f->s, 1060);
	assert_int_equal(a->slide, 1);
}

static void test_idle_warning_and_reset(void **state)
{
	fixture *f = *state;
	app *a = &f->a;
	app_action(a, PL_ACT_NEXT, &f->s, 1001); /* a visitor: welcome -> slide 1 */
	assert_true(a->visitor);
	app_action(a, PL_ACT_NEXT, &f->s, 1002);
	app_activate(a, "language", &f->s, 1003);
	assert_int_equal(a->screen, SCREEN_PICKER);
	app_activate(a, "pick:ar", &f->s, 1003);
	assert_int_equal(a->screen, SCREEN_SLIDE);
	app_action(a, PL_ACT_TEXT_BIGGER, &f->s, 1004);
	app_action(a, PL_ACT_THEME, &f->s, 1005);
	assert_string_equal(a->lang, "ar");
	assert_int_equal(a->text_scale, 125);
	/* The loop does not advance under a visitor. */
	app_tick(a, &f->s, 1050);
	assert_int_equal(a->slide, 1);
	assert_true(fabs(app_deadline(a, 1050) - (1005 + 90)) < 1e-9);
	app_tick(a, &f->s, 1094);
	assert_int_equal(a->screen, SCREEN_SLIDE);
	app_tick(a, &f->s, 1095);
	assert_int_equal(a->screen, SCREEN_IDLE);
	screen_state st;
	app_screen(a, &st, 1095);
	assert_true(st.seconds_left >= 20);
	/* A key during the warning continues the session, changing nothing. */
	app_action(a, PL_ACT_NEXT, &f->s, 1100);
	assert_int_equal(a->screen, SCREEN_SLIDE);
	assert_int_equal(a->slide, 1);
	assert_string_equal(a->lang, "ar");
	/* Left alone: the warning, then everything resets. */
	app_tick(a, &f->s, 1190);
	assert_int_equal(a->screen, SCREEN_IDLE);
	app_tick(a, &f->s, 1219);
	assert_int_equal(a->screen, SCREEN_IDLE);
	app_tick(a, &f->s, 1220);
	assert_int_equal(a->screen, SCREEN_WELCOME);
	assert_false(a->visitor);
	assert_string_equal(a->lang, "en");
	assert_int_equal(a->text_scale, 100);
	assert_int_equal(a->theme, PL_THEME_STANDARD);
	assert_int_equal(a->slide, 0);
	assert_int_equal(a->resets, 1);
}

static void test_scanning(void **state)
{
	fixture *f = *state;
	app *a = &f->a;
	app_action(a, PL_ACT_SCAN, &f->s, 2000);
	assert_true(a->scanning);
	assert_string_equal(a->focus, "language");
	/* The first item is held scan-seconds + scan-first-hold. */
	app_tick(a, &f->s, 2001.2);
	assert_string_equal(a->focus, "language");
	app_tick(a, &f->s, 2001.5);
	assert_string_equal(a->focus, "text-smaller");
	double t = 2001.5;
	for (int i = 0; i < 5; i++)
		app_tick(a, &f->s, t += 1);
	assert_string_equal(a->focus, "next");
	/* Round the loop twice, then rest. */
	int steps = 0;
	while (a->scanning && steps < 100) {
		t = a->scan_next;
		app_tick(a, &f->s, t);
		steps++;
	}
	assert_false(a->scanning);
	assert_true(steps >= 7 && steps <= 8);
	/* A press while scanning selects what is highlighted. */
	app_action(a, PL_ACT_SCAN, &f->s, t + 1);
	assert_true(a->scanning);
	app_tick(a, &f->s, t + 2.5);
	app_tick(a, &f->s, t + 3.5);
	assert_string_equal(a->focus, "text-bigger");
	app_action(a, PL_ACT_SCAN, &f->s, t + 3.6);
	assert_int_equal(a->text_scale, 125);
}

static void test_pin_backoff(void **state)
{
	fixture *f = *state;
	app *a = &f->a;
	assert_int_equal(pl_pin_hash("2468", f->cfg.pin_hash, sizeof f->cfg.pin_hash), 0);
	app_admin_chord(a, 3000);
	assert_int_equal(a->screen, SCREEN_PIN);
	double t = 3000, waited[5];
	for (int i = 0; i < 4; i++) {
		app_pin_digit(a, '1', t);
		app_activate(a, "pin:ok", &f->s, t);
		assert_int_equal(a->screen, SCREEN_PIN);
		waited[i] = a->locked_until - t;
		t = a->locked_until;
	}
	/* 0, 0, 2, 4: doubling after the second wrong try. */
	assert_true(waited[0] == 0 && waited[1] == 0);
	assert_true(fabs(waited[2] - 2) < 1e-9 && fabs(waited[3] - 4) < 1e-9);
	/* The right PIN during the back-off is not even tried. */
	t = a->locked_until - 1;
	for (const char *d = "2468"; *d; d++)
		app_pin_digit(a, *d, t);
	app_activate(a, "pin:ok", &f->s, t);
	assert_int_equal(a->screen, SCREEN_PIN);
	t = a->locked_until;
	for (const char *d = "2468"; *d; d++)
		app_pin_digit(a, *d, t);
	app_activate(a, "pin:ok", &f->s, t);
	assert_int_equal(a->screen, SCREEN_ADMIN);
	assert_int_equal(a->wrong_pins, 0);
	app_activate(a, "admin:exit", &f->s, t + 1);
	assert_true(a->want_exit);
}

static void test_one_vote_per_session(void **state)
{
	fixture *f = *state;
	app *a = &f->a;
	app_action(a, PL_ACT_NEXT, &f->s, 4000);
	app_action(a, PL_ACT_NEXT, &f->s, 4001); /* slide 2 is the poll here */
	app_activate(a, "vote:agree", &f->s, 4002);
	assert_string_equal(a->vote_request, "agree");
	assert_int_equal(a->poll_status, POLL_SAVING);
	/* No thank-you until the commit returns. */
	screen_state st;
	app_screen(a, &st, 4002);
	assert_int_equal(st.poll_status, POLL_SAVING);
	app_vote_done(a, true);
	app_screen(a, &st, 4003);
	assert_int_equal(st.poll_status, POLL_THANKS);
	assert_string_equal(st.voted, "agree");
	/* A second answer to the same poll is not taken. */
	app_activate(a, "vote:disagree", &f->s, 4004);
	assert_string_equal(a->vote_request, "");
	/* A failed commit is not counted as a vote: the visitor may retry. */
	app_action(a, PL_ACT_NEXT, &f->s, 4005);
	app_activate(a, "vote:yes", &f->s, 4006);
	app_vote_done(a, false);
	app_screen(a, &st, 4006);
	assert_int_equal(st.poll_status, POLL_PAUSED);
	assert_null(st.voted);
	/* After the idle reset, a new visitor votes again. */
	app_tick(a, &f->s, 4006 + 90);
	app_tick(a, &f->s, 4006 + 120);
	assert_int_equal(a->resets, 1);
	assert_null(app_voted(a, 1));
}

/* A hot reload that adds or removes slides: the poll answered follows its
 * slide (a visitor cannot answer it twice, nor find another poll answered),
 * and so does the slide on screen; a poll taken out is forgotten. */
static void test_votes_follow_their_slides(void **state)
{
	fixture *f = *state;
	app *a = &f->a;
	app_action(a, PL_ACT_NEXT, &f->s, 4000);
	app_action(a, PL_ACT_NEXT, &f->s, 4001);
	app_activate(a, "vote:agree", &f->s, 4002);
	app_vote_done(a, true);
	assert_int_equal(a->slide, 1);
	/* A slide inserted first: every slide one further. */
	static const int inserted[] = {1, 2, 3, 4, 5};
	app_deck_changed(a, 6, inserted, 5, a->languages, a->n_languages, "en");
	assert_int_equal(a->slide, 2);
	assert_non_null(app_voted(a, 2));
	assert_string_equal(app_voted(a, 2), "agree");
	assert_null(app_voted(a, 1));
	app_activate(a, "vote:disagree", &f->s, 4003);
	assert_string_equal(a->vote_request, "");
	/* The same slides (NULL): nothing moves. */
	app_deck_changed(a, 6, NULL, 0, a->languages, a->n_languages, "en");
	assert_string_equal(app_voted(a, 2), "agree");
	/* The poll taken out: forgotten; the screen stays where it was. */
	static const int removed[] = {0, 1, -1, 2, 3, 4};
	app_deck_changed(a, 5, removed, 6, a->languages, a->n_languages, "en");
	assert_int_equal(a->n_voted, 0);
	for (int i = 0; i < 5; i++)
		assert_null(app_voted(a, i));
	assert_int_equal(a->slide, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_attract_loop_advances_and_pauses, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_idle_warning_and_reset, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_scanning, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_pin_backoff, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_one_vote_per_session, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_votes_follow_their_slides, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
