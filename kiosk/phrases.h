/*
 * phrases.h: what the kiosk reads aloud of a composed screen (scene.h),
 * as phrases for the speech queue (speech.h), each in its own language.
 *
 * - A screen: its texts in the order they were composed, which is reading
 *   order (the heading, then the content; mirrored placement in RTL does
 *   not change it), without the labels of controls (those are read when
 *   the control has the focus), the bars' texts, list markers and the PIN
 *   dots. Each text is read in its own language: a string shown in the
 *   source language for want of a translation in the source language's
 *   voice, chrome in the chrome's.
 * - A control with the focus: its accessible name in its language, then
 *   its role, place and state in the chrome's ("Español" in Spanish, then
 *   "language, 3 of 10"; "Agree, 2 of 5, not selected" when both are one
 *   language). The words come from the programs' catalogue.
 * - Notices: one text of the screen by id ("poll-notice").
 *
 * A phrase in a language with no voice is left out: it is never read with
 * another language's voice. The screen itself says when its language has
 * none (screens.c, in that language and in English, and the English
 * sentence has a voice).
 */
#ifndef PLACARD_KIOSK_PHRASES_H
#define PLACARD_KIOSK_PHRASES_H

#include <stdbool.h>

#include "scene.h"
#include "speech.h"

#include "placard/catalog.h"

/* Phrases: each text is owned by the list (malloc'd); lang and id point
 * into the scene or to static strings, valid while the scene is. */
typedef struct phrase_list {
	speech_phrase *items;
	int n, cap;
	bool out_of_memory;
} phrase_list;

typedef struct phrase_context {
	const pl_catalog *chrome; /* the programs' catalogue of lang; NULL: English */
	const char *lang;         /* the chrome's (the screen's) language */
	/* Whether a language can be read; NULL: every language can. */
	bool (*has_voice)(void *ctx, const char *lang);
	void *voice_ctx;
} phrase_context;

void phrases_init(phrase_list *l);
void phrases_free(phrase_list *l);
void phrases_clear(phrase_list *l);

/* Appends text (copied) in lang, unless lang has no voice or text is
 * empty. Returns false when it was left out or memory ran out. */
bool phrases_add(phrase_list *l, const phrase_context *pc, const char *text, const char *lang,
                 const char *id);

/* Appends the screen's texts in reading order (see above). */
void phrases_screen(phrase_list *l, const phrase_context *pc, const scene *s);

/* Appends the name, role, place and state of control i. */
void phrases_focus(phrase_list *l, const phrase_context *pc, const scene *s, int i);

/* Appends the screen's text with this id (its shown lines); false when the
 * screen has none. */
bool phrases_text(phrase_list *l, const phrase_context *pc, const scene *s, const char *id);

/* Appends "Volume 5 of 9" or "Speed 4 of 7", in the chrome's language. */
void phrases_volume(phrase_list *l, const phrase_context *pc, int step);
void phrases_rate(phrase_list *l, const phrase_context *pc, int step);

/* Whether the screen's text t is read with the screen (not a label, a bar's
 * text, a marker or the PIN dots). For tests that check the order. */
bool phrases_reads(const scene *s, const sc_text *t);

#endif
