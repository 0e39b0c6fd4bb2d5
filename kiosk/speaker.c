/*
 * speaker.c: the kiosk reading aloud (see speaker.h).
 */
#include "speaker.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool has_voice(void *ctx, const char *lang)
{
	return speech_voice_for(ctx, lang) != NULL;
}

static void context(const kiosk *k, phrase_context *pc)
{
	int li = kiosk_lang_index(k, k->app.lang);
	pc->chrome = li >= 0 ? k->bundle.chrome[li] : NULL;
	pc->lang = k->scene.lang ? k->scene.lang : k->app.lang;
	pc->has_voice = k->speech ? has_voice : NULL;
	pc->voice_ctx = k->speech;
}

void speaker_screen_phrases(const kiosk *k, phrase_list *l)
{
	phrase_context pc;
	context(k, &pc);
	phrases_screen(l, &pc, &k->scene);
	phrases_focus(l, &pc, &k->scene, k->scene.focus);
}

/* The speech thread's report, handed to the main thread. */
static void notify(void *ctx, const speech_event *ev)
{
	const speaker *sk = ctx;
	speech_event *copy = malloc(sizeof *copy);
	if (!copy)
		return;
	*copy = *ev;
	SDL_Event event = {.type = sk->event};
	event.user.data1 = copy;
	if (SDL_PushEvent(&event) != 1)
		free(copy);
}

void speaker_start(speaker *sk, kiosk *k)
{
	memset(sk, 0, sizeof *sk);
	sk->event = SDL_RegisterEvents(1);
	const app *a = &k->app;
	speech_options opt = {
	        .voice_zh = k->cfg.voice_zh,
	        .voice_hy = k->cfg.voice_hy,
	        .volume = a->speech_volume,
	        .rate = speech_rate_wpm(k->cfg.speech_rate, a->speech_rate),
	        .notify = sk->event != (Uint32)-1 ? notify : NULL,
	        .notify_ctx = sk,
	};
	char why[256] = "";
	k->speech = speech_open(&opt, why, sizeof why);
	if (!k->speech) {
		fprintf(stderr, "placard-kiosk: no reading aloud: %s\n", why);
		size_t used = strlen(k->status);
		snprintf(k->status + used, sizeof k->status - used, "No reading aloud: %s\n", why);
	}
	kiosk_trace(k, "speech engine=%s", k->speech ? "espeak-ng" : "none");
}

void speaker_stop(speaker *sk, kiosk *k)
{
	speech_close(k->speech);
	k->speech = NULL;
	/* Reports that were never taken. */
	SDL_Event ev;
	while (sk->event != (Uint32)-1 &&
	       SDL_PeepEvents(&ev, 1, SDL_GETEVENT, sk->event, sk->event) == 1)
		free(ev.user.data1);
}

void speaker_input(speaker *sk)
{
	sk->input = true;
}

/* What makes a screen another screen to read: not the countdown, the
 * greeting's language or the theme. */
static void screen_key(const kiosk *k, char *buf, size_t size)
{
	const scene *s = &k->scene;
	snprintf(buf, size, "%s %d %d %s %d", s->screen, s->slide, s->page, s->lang,
	         k->app.text_scale);
}

static void focus_key(const kiosk *k, char *buf, size_t size)
{
	const scene *s = &k->scene;
	if (s->focus < 0 || s->focus >= s->n_controls) {
		buf[0] = '\0';
		return;
	}
	const sc_control *c = &s->controls[s->focus];
	snprintf(buf, size, "%s|%s|%d", c->id, c->name, c->selected);
}

static void say(kiosk *k, const phrase_list *l, const char *why)
{
	unsigned gen = speech_say(k->speech, l->items, l->n);
	kiosk_trace(k, "speech say gen=%u reason=%s phrases=%d first=%s t=%.6f", gen, why, l->n,
	            l->n > 0 ? l->items[0].id : "-", kiosk_seconds());
}

/* A visitor's speech key: pause, repeat, skip, volume, rate. */
static void command(kiosk *k, pl_action action, const phrase_context *pc)
{
	app *a = &k->app;
	speech_status st;
	speech_get_status(k->speech, &st);
	phrase_list l;
	phrases_init(&l);
	switch (action) {
	case PL_ACT_SPEECH_PAUSE:
		speech_pause(k->speech, !st.paused);
		break;
	case PL_ACT_SPEECH_REPEAT:
		speech_repeat(k->speech);
		break;
	case PL_ACT_SPEECH_NEXT:
	case PL_ACT_SPEECH_PREV:
		speech_skip(k->speech, action == PL_ACT_SPEECH_NEXT ? 1 : -1);
		break;
	case PL_ACT_SPEECH_LOUDER:
	case PL_ACT_SPEECH_QUIETER:
		speech_set_volume(k->speech, a->speech_volume);
		/* Heard at once when something is being read; else said. */
		if (!st.busy) {
			phrases_volume(&l, pc, a->speech_volume);
			speech_say(k->speech, l.items, l.n);
		}
		break;
	case PL_ACT_SPEECH_FASTER:
	case PL_ACT_SPEECH_SLOWER:
		speech_set_rate(k->speech, speech_rate_wpm(k->cfg.speech_rate, a->speech_rate));
		if (!st.busy) {
			phrases_rate(&l, pc, a->speech_rate);
			speech_say(k->speech, l.items, l.n);
		}
		break;
	default:
		break;
	}
	phrases_free(&l);
	kiosk_trace(k, "speech command=%s volume=%d rate=%d", pl_action_name(action),
	            a->speech_volume, a->speech_rate);
}

void speaker_update(speaker *sk, kiosk *k)
{
	app *a = &k->app;
	bool input = sk->input;
	sk->input = false;
	pl_action cmd = a->speech_command;
	a->speech_command = PL_ACT_COUNT;
	if (!k->speech || !k->have_scene) {
		/* Nothing can be read: the speak button stays "Listen". */
		if (a->want_speech && !k->speech && a->speech) {
			a->speech = false;
			a->dirty = true;
		}
		a->want_speech = false;
		return;
	}
	/* The visitor's volume and rate hold whatever else happens: the idle
	 * reset puts them back (Section 508 402.3.2). */
	speech_set_volume(k->speech, a->speech_volume);
	speech_set_rate(k->speech, speech_rate_wpm(k->cfg.speech_rate, a->speech_rate));
	if (a->want_speech) {
		a->want_speech = false;
		speech_status st;
		speech_get_status(k->speech, &st);
		kiosk_trace(k, "speech %s volume=%d rate=%d engine-volume=%d engine-rate=%d",
		            a->speech ? "on" : "off", a->speech_volume, a->speech_rate, st.volume,
		            st.rate);
		sk->screen[0] = sk->focus[0] = '\0';
		if (!a->speech)
			speech_stop(k->speech);
	}
	if (!a->speech)
		return;
	phrase_context pc;
	context(k, &pc);
	if (cmd != PL_ACT_COUNT) {
		command(k, cmd, &pc);
		return;
	}
	char screen[sizeof sk->screen], focus[sizeof sk->focus];
	screen_key(k, screen, sizeof screen);
	focus_key(k, focus, sizeof focus);
	const scene *s = &k->scene;
	phrase_list l;
	phrases_init(&l);
	int poll = a->vote_slide == a->slide ? a->poll_status : 0;
	if (strcmp(screen, sk->screen) != 0) {
		speaker_screen_phrases(k, &l);
		say(k, &l, "screen");
	} else if (poll != sk->poll_status && (poll == POLL_THANKS || poll == POLL_PAUSED)) {
		phrases_text(&l, &pc, s, "poll-notice");
		say(k, &l, "notice");
	} else if (strcmp(focus, sk->focus) != 0) {
		phrases_focus(&l, &pc, s, s->focus);
		say(k, &l, "focus");
	} else if (input) {
		speech_stop(k->speech);
		kiosk_trace(k, "speech stop reason=input t=%.6f", kiosk_seconds());
	}
	phrases_free(&l);
	snprintf(sk->screen, sizeof sk->screen, "%s", screen);
	snprintf(sk->focus, sizeof sk->focus, "%s", focus);
	sk->poll_status = poll;
}

bool speaker_event(speaker *sk, kiosk *k, const SDL_Event *ev, double now)
{
	if (sk->event == (Uint32)-1 || ev->type != sk->event)
		return false;
	speech_event *e = ev->user.data1;
	if (!e)
		return true;
	static const char *const kinds[] = {"phrase", "done", "no-voice", "finished"};
	kiosk_trace(k, "speech %s gen=%u index=%d voice=%s seconds=%.2f t=%.6f",
	            kinds[e->kind <= SPEECH_FINISHED ? e->kind : 0], e->generation, e->index,
	            e->voice[0] ? e->voice : "-", e->seconds, kiosk_seconds());
	/* A visitor listening is not idle (the warning would cut the
	 * reading short). */
	app *a = &k->app;
	if (e->kind == SPEECH_PHRASE_STARTED && a->visitor && a->speech && a->screen != SCREEN_IDLE)
		app_wake(a, now);
	free(e);
	return true;
}
