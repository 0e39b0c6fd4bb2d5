/*
 * app.c: the kiosk's state machine (see app.h).
 */
#include "app.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void set_focus(app *a, const char *id)
{
	snprintf(a->focus, sizeof a->focus, "%s", id);
}

static void go(app *a, screen_kind screen)
{
	a->screen = screen;
	a->focus[0] = '\0'; /* the screen's default */
	a->dirty = true;
}

void app_init(app *a, const pl_kconfig *cfg, int n_slides, const char *const *languages,
              int n_languages, const char *lang, double now)
{
	memset(a, 0, sizeof *a);
	a->cfg = cfg;
	a->n_slides = n_slides;
	a->languages = languages;
	a->n_languages = n_languages;
	snprintf(a->default_lang, sizeof a->default_lang, "%s", lang);
	snprintf(a->lang, sizeof a->lang, "%s", lang);
	a->text_scale = cfg->text_scale;
	a->theme = cfg->theme;
	a->screen = SCREEN_WELCOME;
	a->pages = 1;
	a->next_advance = now + cfg->slide_seconds;
	a->next_greeting = now + 3;
	a->vote_slide = -1;
	a->speech_volume = cfg->speech_volume ? cfg->speech_volume : SPEECH_VOLUME_STEPS;
	a->speech_rate = SPEECH_RATE_DEFAULT_STEP;
	a->speech_command = PL_ACT_COUNT;
	a->dirty = true;
}

/* Where old slide i is in the new deck, or -1. */
static int moved(const int *slide_map, int n_map, int i)
{
	return i >= 0 && i < n_map ? slide_map[i] : -1;
}

void app_deck_changed(app *a, int n_slides, const int *slide_map, int n_map,
                      const char *const *languages, int n_languages, const char *default_lang)
{
	if (slide_map) {
		int kept = 0;
		for (int i = 0; i < a->n_voted; i++) {
			int now = moved(slide_map, n_map, a->voted_slides[i]);
			if (now < 0)
				continue; /* the poll is gone */
			a->voted_slides[kept] = now;
			if (kept != i)
				memcpy(a->voted_choice[kept], a->voted_choice[i],
				       sizeof a->voted_choice[i]);
			kept++;
		}
		a->n_voted = kept;
		if (a->vote_slide >= 0)
			a->vote_slide = moved(slide_map, n_map, a->vote_slide);
		int now = moved(slide_map, n_map, a->slide);
		if (now >= 0 && now != a->slide) {
			a->slide = now;
			a->page = 0;
		}
	}
	a->n_slides = n_slides;
	a->languages = languages;
	a->n_languages = n_languages;
	snprintf(a->default_lang, sizeof a->default_lang, "%s", default_lang);
	bool offered = false;
	for (int i = 0; i < n_languages; i++)
		offered |= strcmp(languages[i], a->lang) == 0;
	if (!offered)
		snprintf(a->lang, sizeof a->lang, "%s", default_lang);
	if (a->slide >= n_slides) {
		a->slide = n_slides > 0 ? n_slides - 1 : 0;
		a->page = 0;
	}
	if (n_slides == 0 && a->screen == SCREEN_SLIDE)
		go(a, SCREEN_WELCOME);
	a->dirty = true;
}

/* Everything the visitor changed goes back to the kiosk's defaults, and
 * the loop starts again (BRIEF section 7, complaint 8). */
static void reset(app *a, double now)
{
	snprintf(a->lang, sizeof a->lang, "%s", a->default_lang);
	a->text_scale = a->cfg->text_scale;
	a->theme = a->cfg->theme;
	a->slide = a->page = 0;
	a->visitor = false;
	a->paused = false;
	a->scanning = false;
	a->n_voted = 0;
	a->vote_request[0] = '\0';
	a->vote_slide = -1;
	a->poll_status = 0;
	a->pin_len = 0;
	a->pin_wrong = false;
	a->next_advance = now + a->cfg->slide_seconds;
	/* The next visitor starts with speech off, at the kiosk's volume and
	 * rate (Section 508 402.3.2). */
	a->want_speech |= a->speech;
	a->speech = false;
	a->speech_volume = a->cfg->speech_volume ? a->cfg->speech_volume : SPEECH_VOLUME_STEPS;
	a->speech_rate = SPEECH_RATE_DEFAULT_STEP;
	a->resets++;
	go(a, SCREEN_WELCOME);
}

static void start_session(app *a, double now)
{
	if (!a->visitor) {
		a->visitor = true;
		a->dirty = true;
	}
	a->last_input = now;
}

/* Moves forward one screen: the next page, the next slide, and after the
 * last slide the welcome screen. */
static void forward(app *a)
{
	if (a->screen == SCREEN_WELCOME) {
		if (a->n_slides > 0) {
			a->screen = SCREEN_SLIDE;
			a->slide = a->page = 0;
		}
	} else if (a->screen == SCREEN_SLIDE) {
		if (a->page + 1 < a->pages) {
			a->page++;
		} else if (a->slide + 1 < a->n_slides) {
			a->slide++;
			a->page = 0;
		} else {
			a->screen = SCREEN_WELCOME;
			a->slide = a->page = 0;
		}
	}
	a->poll_status = a->vote_slide == a->slide ? a->poll_status : 0;
	a->dirty = true;
}

static void backward(app *a)
{
	if (a->screen == SCREEN_SLIDE) {
		if (a->page > 0) {
			a->page--;
		} else if (a->slide > 0) {
			a->slide--;
			a->page = -1; /* its last page */
		} else {
			a->screen = SCREEN_WELCOME;
		}
	} else if (a->screen == SCREEN_WELCOME && a->n_slides > 0) {
		a->screen = SCREEN_SLIDE;
		a->slide = a->n_slides - 1;
		a->page = -1;
	}
	a->dirty = true;
}

static void move_focus(app *a, const scene *s, int step)
{
	if (!s || s->n_controls == 0)
		return;
	int i = scene_find_control(s, a->focus);
	if (i < 0)
		i = step > 0 ? -1 : 0;
	i = (i + step + s->n_controls) % s->n_controls;
	set_focus(a, s->controls[i].id);
	a->dirty = true;
}

static void open_overlay(app *a, screen_kind screen)
{
	if (a->screen == SCREEN_SLIDE || a->screen == SCREEN_WELCOME)
		a->back_to = a->screen;
	go(a, screen);
}

static void close_overlay(app *a)
{
	if (a->screen == SCREEN_SLIDE || a->screen == SCREEN_WELCOME)
		return; /* nothing is open */
	go(a, a->back_to == SCREEN_SLIDE ? SCREEN_SLIDE : SCREEN_WELCOME);
}

static void text_scale(app *a, int step)
{
	int scale = a->text_scale + step;
	a->text_scale = scale < 100 ? 100 : scale > 200 ? 200 : scale;
	a->dirty = true;
}

static void check_pin(app *a, double now)
{
	if (now < a->locked_until) {
		/* Not tried during the back-off; the entry is cleared. */
		memset(a->pin, 0, sizeof a->pin);
		a->pin_len = 0;
		a->dirty = true;
		return;
	}
	a->pin[a->pin_len] = '\0';
	if (pl_pin_check(a->cfg->pin_hash, a->pin)) {
		a->wrong_pins = 0;
		a->pin_wrong = false;
		go(a, SCREEN_ADMIN);
	} else {
		a->wrong_pins++;
		a->pin_wrong = true;
		a->locked_until = now + pl_pin_backoff(a->wrong_pins);
		a->dirty = true;
	}
	memset(a->pin, 0, sizeof a->pin);
	a->pin_len = 0;
}

void app_pin_digit(app *a, char digit, double now)
{
	a->last_input = now;
	if (a->screen != SCREEN_PIN || a->pin_len >= (int)sizeof a->pin - 1)
		return;
	a->pin[a->pin_len++] = digit;
	a->dirty = true;
}

void app_admin_chord(app *a, double now)
{
	start_session(a, now);
	a->pin_len = 0;
	a->pin_wrong = false;
	/* No PIN configured: the chord alone opens admin, and admin says so. */
	open_overlay(a, a->cfg->pin_hash[0] ? SCREEN_PIN : SCREEN_ADMIN);
}

static bool voted_on(const app *a, int slide)
{
	for (int i = 0; i < a->n_voted; i++)
		if (a->voted_slides[i] == slide)
			return true;
	return false;
}

const char *app_voted(const app *a, int slide)
{
	for (int i = 0; i < a->n_voted; i++)
		if (a->voted_slides[i] == slide)
			return a->voted_choice[i];
	return NULL;
}

void app_vote_done(app *a, bool ok)
{
	if (ok && a->n_voted < APP_MAX_POLLS && a->vote_slide >= 0) {
		a->voted_slides[a->n_voted] = a->vote_slide;
		snprintf(a->voted_choice[a->n_voted], SC_ID_MAX, "%s", a->vote_request);
		a->n_voted++;
	}
	a->poll_status = ok ? POLL_THANKS : POLL_PAUSED;
	a->vote_request[0] = '\0';
	a->dirty = true;
}

void app_activate(app *a, const char *control, const scene *s, double now)
{
	(void)s;
	char id[SC_ID_MAX]; /* control may be a->focus itself */
	snprintf(id, sizeof id, "%s", control);
	if (a->screen == SCREEN_IDLE) {
		start_session(a, now);
		close_overlay(a);
		return;
	}
	start_session(a, now);
	set_focus(a, id);
	a->dirty = true;
	if (strcmp(id, "next") == 0) {
		forward(a);
	} else if (strcmp(id, "prev") == 0) {
		backward(a);
	} else if (strcmp(id, "language") == 0) {
		open_overlay(a, SCREEN_PICKER);
	} else if (strncmp(id, "pick:", 5) == 0) {
		snprintf(a->lang, sizeof a->lang, "%.*s", (int)sizeof a->lang - 1, id + 5);
		a->page = 0;
		close_overlay(a);
		set_focus(a, "language");
	} else if (strcmp(id, "close") == 0 || strcmp(id, "continue") == 0) {
		close_overlay(a);
	} else if (strcmp(id, "pause") == 0) {
		a->paused = !a->paused;
		a->next_advance = now + a->cfg->slide_seconds;
	} else if (strcmp(id, "text-bigger") == 0) {
		text_scale(a, 25);
	} else if (strcmp(id, "text-smaller") == 0) {
		text_scale(a, -25);
	} else if (strcmp(id, "theme") == 0) {
		a->theme = (pl_theme_id)((a->theme + 1) % 3);
	} else if (strncmp(id, "pin:", 4) == 0) {
		const char *key = id + 4;
		if (strcmp(key, "ok") == 0)
			check_pin(a, now);
		else if (strcmp(key, "del") == 0 && a->pin_len > 0)
			a->pin[--a->pin_len] = '\0';
		else if (key[0] >= '0' && key[0] <= '9' && !key[1])
			app_pin_digit(a, key[0], now);
	} else if (strcmp(id, "admin:reload") == 0) {
		a->want_reload = true;
	} else if (strcmp(id, "admin:exit") == 0) {
		a->want_exit = true;
	} else if (strncmp(id, "vote:", 5) == 0) {
		/* One vote per poll per visitor session (BRIEF section 2). */
		if (a->screen == SCREEN_SLIDE && !voted_on(a, a->slide) && !a->vote_request[0]) {
			snprintf(a->vote_request, sizeof a->vote_request, "%s", id + 5);
			a->vote_slide = a->slide;
			a->poll_status = POLL_SAVING;
		}
	} else if (strcmp(id, "speak") == 0) {
		a->speech = !a->speech;
		a->want_speech = true;
	}
}

void app_wake(app *a, double now)
{
	if (a->screen == SCREEN_IDLE) {
		start_session(a, now);
		close_overlay(a);
		return;
	}
	start_session(a, now);
}

/* A volume or rate step one up or down, within 1 .. steps. */
static int speech_step(int value, bool up, int steps)
{
	value += up ? 1 : -1;
	return value < 1 ? 1 : value > steps ? steps : value;
}

void app_action(app *a, pl_action action, const scene *s, double now)
{
	if (a->screen == SCREEN_IDLE) {
		app_wake(a, now);
		return;
	}
	if (action != PL_ACT_SCAN)
		a->scanning = false;
	start_session(a, now);
	switch (action) {
	case PL_ACT_NEXT:
		if (a->screen == SCREEN_SLIDE || a->screen == SCREEN_WELCOME)
			forward(a);
		else
			move_focus(a, s, 1);
		break;
	case PL_ACT_PREV:
		if (a->screen == SCREEN_SLIDE || a->screen == SCREEN_WELCOME)
			backward(a);
		else
			move_focus(a, s, -1);
		break;
	case PL_ACT_FOCUS_NEXT:
	case PL_ACT_DOWN:
		move_focus(a, s, 1);
		break;
	case PL_ACT_FOCUS_PREV:
	case PL_ACT_UP:
		move_focus(a, s, -1);
		break;
	case PL_ACT_SELECT:
		if (s && scene_find_control(s, a->focus) >= 0)
			app_activate(a, a->focus, s, now);
		else if (s && s->focus >= 0)
			app_activate(a, s->controls[s->focus].id, s, now);
		break;
	case PL_ACT_BACK:
		if (a->screen != SCREEN_SLIDE && a->screen != SCREEN_WELCOME)
			close_overlay(a);
		break;
	case PL_ACT_HOME:
		if (a->screen == SCREEN_SLIDE || a->screen == SCREEN_WELCOME) {
			a->screen = a->n_slides > 0 ? SCREEN_SLIDE : SCREEN_WELCOME;
			a->slide = a->page = 0;
			a->dirty = true;
		}
		break;
	case PL_ACT_LANGUAGE:
		if (a->screen != SCREEN_PIN && a->screen != SCREEN_ADMIN)
			open_overlay(a, SCREEN_PICKER);
		break;
	case PL_ACT_PAUSE:
		app_activate(a, "pause", s, now);
		break;
	case PL_ACT_TEXT_BIGGER:
		text_scale(a, 25);
		break;
	case PL_ACT_TEXT_SMALLER:
		text_scale(a, -25);
		break;
	case PL_ACT_THEME:
		a->theme = (pl_theme_id)((a->theme + 1) % 3);
		a->dirty = true;
		break;
	case PL_ACT_SCAN:
		/* One switch: the first press starts scanning from the first
		 * control; a press while scanning selects the highlighted one,
		 * and scanning starts again from the top. */
		if (!a->scanning) {
			a->scanning = true;
			a->scan_loops = 0;
			if (s && s->n_controls > 0)
				set_focus(a, s->controls[0].id);
			a->scan_next = now + a->cfg->scan_seconds + a->cfg->scan_first_hold;
			a->dirty = true;
		} else {
			a->scanning = false;
			app_activate(a, a->focus, s, now);
			a->scanning = true;
			a->scan_loops = 0;
			a->focus[0] = '\0';
			a->scan_next = now; /* re-seeded on the new screen at the next tick */
		}
		break;
	case PL_ACT_SPEAK:
		a->speech = !a->speech;
		a->want_speech = true;
		break;
	case PL_ACT_SPEECH_LOUDER:
	case PL_ACT_SPEECH_QUIETER:
		a->speech_volume = speech_step(a->speech_volume, action == PL_ACT_SPEECH_LOUDER,
		                               SPEECH_VOLUME_STEPS);
		a->speech_command = action;
		break;
	case PL_ACT_SPEECH_FASTER:
	case PL_ACT_SPEECH_SLOWER:
		a->speech_rate = speech_step(a->speech_rate, action == PL_ACT_SPEECH_FASTER,
		                             SPEECH_RATE_STEPS);
		a->speech_command = action;
		break;
	case PL_ACT_SPEECH_PAUSE:
	case PL_ACT_SPEECH_REPEAT:
	case PL_ACT_SPEECH_NEXT:
	case PL_ACT_SPEECH_PREV:
		a->speech_command = action;
		break;
	case PL_ACT_COUNT:
		break;
	}
}

void app_tick(app *a, const scene *s, double now)
{
	if (a->scanning && now >= a->scan_next && s && s->n_controls > 0) {
		int i = scene_find_control(s, a->focus);
		if (i < 0) {
			i = 0;
		} else if (++i == s->n_controls) {
			i = 0;
			a->scan_loops++;
		}
		if (a->scan_loops >= a->cfg->scan_loops) {
			a->scanning = false; /* rests until the switch is pressed */
		} else {
			set_focus(a, s->controls[i].id);
			a->scan_next =
			        now + a->cfg->scan_seconds + (i == 0 ? a->cfg->scan_first_hold : 0);
		}
		a->dirty = true;
		a->last_input = now; /* a person scanning is not idle */
	}
	if (a->screen == SCREEN_WELCOME && now >= a->next_greeting) {
		a->greeting++;
		a->next_greeting = now + 3;
		a->dirty = true;
	}
	if (!a->visitor) {
		/* While reading aloud the slide stays (BRIEF section 2). */
		if (!a->paused && !a->speech && now >= a->next_advance) {
			forward(a);
			a->next_advance = now + a->cfg->slide_seconds;
		}
		return;
	}
	if (a->screen == SCREEN_IDLE) {
		if (now >= a->warning_end)
			reset(a, now);
		else
			a->dirty = true; /* the countdown */
		return;
	}
	if (now - a->last_input >= a->cfg->idle_seconds) {
		open_overlay(a, SCREEN_IDLE);
		a->warning_end = now + a->cfg->warning_seconds;
		a->scanning = false;
	}
}

double app_deadline(const app *a, double now)
{
	double next = -1;
#define SOONER(t) next = next < 0 || (t) < next ? (t) : next
	if (a->scanning)
		SOONER(a->scan_next);
	if (a->screen == SCREEN_WELCOME)
		SOONER(a->next_greeting);
	if (!a->visitor && !a->paused && !a->speech)
		SOONER(a->next_advance);
	if (a->visitor && a->screen == SCREEN_IDLE) {
		/* The countdown's next whole second, or the end. */
		double left = a->warning_end - now;
		SOONER(now + (left - floor(left) > 0 ? left - floor(left) : 1));
	} else if (a->visitor) {
		SOONER(a->last_input + a->cfg->idle_seconds);
	}
	if (a->screen == SCREEN_PIN && a->locked_until > now)
		SOONER(now + fmin(1, a->locked_until - now));
#undef SOONER
	return next;
}

void app_screen(const app *a, screen_state *st, double now)
{
	memset(st, 0, sizeof *st);
	st->kind = a->screen;
	st->slide = a->slide;
	st->page = a->page;
	st->greeting = a->greeting;
	st->paused = a->paused || a->visitor;
	st->visitor = a->visitor;
	double left = a->warning_end - now;
	st->seconds_left = left > 0 ? (int)ceil(left) : 0;
	st->pin_digits = a->pin_len;
	st->pin_wrong = a->pin_wrong;
	double wait = a->locked_until - now;
	st->pin_wait = wait > 0 ? (int)ceil(wait) : 0;
	st->voted = app_voted(a, a->slide);
	st->poll_status = a->vote_slide == a->slide ? a->poll_status : 0;
	st->speech = a->speech;
}

/* Where focus goes when a screen opens: the next button on slides, the
 * current language in the picker, continue on the warning. */
static const char *default_focus(const app *a)
{
	static char pick[SC_ID_MAX];
	switch (a->screen) {
	case SCREEN_PICKER:
		snprintf(pick, sizeof pick, "pick:%s", a->lang);
		return pick;
	case SCREEN_IDLE:
		return "continue";
	case SCREEN_PIN:
		return "pin:1";
	case SCREEN_ADMIN:
		return "close";
	default:
		return "next";
	}
}

void app_composed(app *a, scene *s)
{
	if (a->screen == SCREEN_SLIDE) {
		a->pages = s->pages;
		a->page = s->page;
	}
	int i = a->focus[0] ? scene_find_control(s, a->focus) : -1;
	if (i < 0)
		i = scene_find_control(s, default_focus(a));
	if (i < 0 && s->n_controls > 0)
		i = 0;
	s->focus = i;
	s->scanning = a->scanning;
	if (i >= 0)
		set_focus(a, s->controls[i].id);
	a->dirty = false;
}
