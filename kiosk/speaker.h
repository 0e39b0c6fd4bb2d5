/*
 * speaker.h: the kiosk reading aloud. Between the event loop (kiosk.c),
 * the app's speech state (app.h) and the speech engine (speech.h): what is
 * said when. While reading aloud is on:
 * - a new screen (another slide, page, language or overlay) is read from
 *   the top, then the control with the focus;
 * - a focus move (keyboard, switch, scanning, keypad) reads the focused
 *   control's name and state;
 * - a poll's "saved" or "paused" notice is read when it appears;
 * - any other input stops what is being read (EN 301 549 5.1.3.4);
 * - the visitor's speech keys pause, repeat, skip, and change the volume
 *   and rate, without interrupting.
 * Reading counts as the visitor being there: the idle warning waits until
 * the reading ends.
 */
#ifndef PLACARD_KIOSK_SPEAKER_H
#define PLACARD_KIOSK_SPEAKER_H

#include <SDL.h>
#include <stdbool.h>

#include "kiosk.h"
#include "phrases.h"

typedef struct speaker {
	Uint32 event;     /* the speech thread's reports, as SDL user events */
	char screen[200]; /* the screen read last ("" none) */
	char focus[SC_ID_MAX + SC_NAME_MAX +
	           8];   /* the focused control read last: id, name, state */
	int poll_status; /* the poll notice read last */
	bool input;      /* input since the last update: interrupts */
} speaker;

/* Opens the engine (the SDL audio device) into k->speech. When it cannot
 * be had the kiosk runs without it; the reason goes to stderr and to the
 * admin screen. */
void speaker_start(speaker *sk, kiosk *k);

/* Closes the engine, and frees the reports still queued. */
void speaker_stop(speaker *sk, kiosk *k);

/* An input was handled (a key, a touch). */
void speaker_input(speaker *sk);

/* After each pass of the loop: carries out the app's speech requests and
 * says what is new on the composed screen. */
void speaker_update(speaker *sk, kiosk *k);

/* Whether ev is a report of the speech thread; if so it is taken (traced,
 * and the visitor kept from going idle while reading). now is the app's
 * clock. */
bool speaker_event(speaker *sk, kiosk *k, const SDL_Event *ev, double now);

/* The composed screen's phrases (phrases.h) and then the focused
 * control's, with the kiosk's catalogues and k->speech's voices (every
 * language counts as having a voice when k->speech is NULL). */
void speaker_screen_phrases(const kiosk *k, phrase_list *l);

#endif
