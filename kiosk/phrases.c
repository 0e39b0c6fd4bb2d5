/*
 * phrases.c: a composed screen as phrases to read aloud (see phrases.h).
 */
#include "phrases.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "placard/text.h"

/* The programs' strings read aloud, in the context "speech" so that a
 * translator sees they are heard, not shown. */
#define P_(ctx, s) pl_catalog_get(pc->chrome, (ctx), (s), NULL)

void phrases_init(phrase_list *l)
{
	memset(l, 0, sizeof *l);
}

void phrases_clear(phrase_list *l)
{
	for (int i = 0; i < l->n; i++)
		free((char *)l->items[i].text);
	l->n = 0;
	l->out_of_memory = false;
}

void phrases_free(phrase_list *l)
{
	phrases_clear(l);
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* Whether the character is a word's: a letter or digit, not punctuation,
 * a symbol or a space (the General Punctuation to Miscellaneous Symbols and
 * Arrows blocks, CJK and fullwidth punctuation, Latin-1's symbols). */
static bool wordy(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
	return cp >= 0xC0 && !(cp >= 0x2000 && cp <= 0x2BFF) && !(cp >= 0x3000 && cp <= 0x303F) &&
	       !(cp >= 0xFE10 && cp <= 0xFE6F) && !(cp >= 0xFF00 && cp <= 0xFF0F) &&
	       !(cp >= 0xFF1A && cp <= 0xFF20) && cp != 0xFFFD;
}

/* Whether the text has anything to say: not only spaces, punctuation and
 * symbols ("•", "–") that espeak-ng would read as nothing or as a name. */
static bool says_something(const char *text)
{
	size_t len = strlen(text);
	for (size_t i = 0; i < len;)
		if (wordy(pl_utf8_next(text, len, &i)))
			return true;
	return false;
}

bool phrases_add(phrase_list *l, const phrase_context *pc, const char *text, const char *lang,
                 const char *id)
{
	if (!text || !says_something(text))
		return false;
	if (pc->has_voice && !pc->has_voice(pc->voice_ctx, lang))
		return false;
	if (l->n == l->cap) {
		int cap = l->cap ? 2 * l->cap : 16;
		speech_phrase *grown = realloc(l->items, (size_t)cap * sizeof *grown);
		if (!grown) {
			l->out_of_memory = true;
			return false;
		}
		l->items = grown;
		l->cap = cap;
	}
	char *copy = strdup(text);
	if (!copy) {
		l->out_of_memory = true;
		return false;
	}
	/* Line feeds are where the screen broke lines, not pauses. */
	for (char *p = copy; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	l->items[l->n++] = (speech_phrase){copy, lang, id ? id : ""};
	return true;
}

/* Whether the text's top lies in one of the bars. */
static bool in_bar(const scene *s, const sc_text *t)
{
	for (int i = 0; i < s->n_rects; i++) {
		const sc_rect *r = &s->rects[i];
		if (!r->what ||
		    (strcmp(r->what, "top-bar") != 0 && strcmp(r->what, "bottom-bar") != 0))
			continue;
		if (t->y >= r->y && t->y < r->y + r->h)
			return true;
	}
	return false;
}

bool phrases_reads(const scene *s, const sc_text *t)
{
	if (t->control >= 0 || !t->layout || t->first_line >= t->last_line)
		return false;
	if (t->id && (strcmp(t->id, "marker") == 0 || strcmp(t->id, "pin-dots") == 0))
		return false;
	return !in_bar(s, t);
}

/* The shown lines of t, as one string: [first_line, last_line). */
static bool add_text(phrase_list *l, const phrase_context *pc, const sc_text *t)
{
	const pl_layout *layout = t->layout;
	size_t from = layout->lines[t->first_line].start;
	size_t to = layout->lines[t->last_line - 1].end;
	char *text = malloc(to - from + 1);
	if (!text) {
		l->out_of_memory = true;
		return false;
	}
	memcpy(text, layout->text + from, to - from);
	text[to - from] = '\0';
	bool added = phrases_add(l, pc, text, t->lang, t->id);
	free(text);
	return added;
}

void phrases_screen(phrase_list *l, const phrase_context *pc, const scene *s)
{
	for (int i = 0; i < s->n_texts; i++)
		if (phrases_reads(s, &s->texts[i]))
			add_text(l, pc, &s->texts[i]);
}

bool phrases_text(phrase_list *l, const phrase_context *pc, const scene *s, const char *id)
{
	bool found = false;
	for (int i = 0; i < s->n_texts; i++) {
		const sc_text *t = &s->texts[i];
		if (t->id && strcmp(t->id, id) == 0 && t->layout && t->first_line < t->last_line) {
			add_text(l, pc, t);
			found = true;
		}
	}
	return found;
}

/* The place of control i among the controls whose ids start with prefix
 * (from 1), and how many there are. */
static void place_among(const scene *s, int i, const char *prefix, int *place, int *count)
{
	size_t n = strlen(prefix);
	*place = *count = 0;
	for (int k = 0; k < s->n_controls; k++) {
		if (strncmp(s->controls[k].id, prefix, n) != 0)
			continue;
		(*count)++;
		if (k == i)
			*place = *count;
	}
}

void phrases_focus(phrase_list *l, const phrase_context *pc, const scene *s, int i)
{
	if (i < 0 || i >= s->n_controls)
		return;
	const sc_control *c = &s->controls[i];
	char state[256];
	int place, count;
	if (strncmp(c->id, "pick:", 5) == 0) {
		place_among(s, i, "pick:", &place, &count);
		/* TRANSLATORS: read aloud after a language's name in the
		 * language picker: "Español, language, 3 of 10". */
		snprintf(state, sizeof state,
		         c->selected ? P_("speech", "language, %d of %d, selected")
		                     : P_("speech", "language, %d of %d"),
		         place, count);
	} else if (strncmp(c->id, "vote:", 5) == 0) {
		place_among(s, i, "vote:", &place, &count);
		/* TRANSLATORS: read aloud after a poll answer's words: "Agree,
		 * 2 of 5, not selected". */
		snprintf(state, sizeof state,
		         c->selected ? P_("speech", "%d of %d, selected")
		                     : P_("speech", "%d of %d, not selected"),
		         place, count);
	} else {
		/* TRANSLATORS: read aloud after a button's name: "Next,
		 * button". */
		snprintf(state, sizeof state, "%s", P_("speech", "button"));
	}
	if (strcmp(c->lang, pc->lang) == 0) {
		char both[SC_NAME_MAX + sizeof state + 16];
		/* TRANSLATORS: read aloud: a control's name, then its role,
		 * place and state ("Agree" and "2 of 5, not selected"). The
		 * comma is a pause; use your language's. */
		snprintf(both, sizeof both, P_("speech", "%s, %s"), c->name, state);
		phrases_add(l, pc, both, pc->lang, "focus");
	} else {
		phrases_add(l, pc, c->name, c->lang, "focus");
		phrases_add(l, pc, state, pc->lang, "focus-state");
	}
}

void phrases_volume(phrase_list *l, const phrase_context *pc, int step)
{
	char text[128];
	/* TRANSLATORS: read aloud when a visitor turns the speech up or down. */
	snprintf(text, sizeof text, P_("speech", "Volume %d of %d"), step, SPEECH_VOLUME_STEPS);
	phrases_add(l, pc, text, pc->lang, "speech-volume");
}

void phrases_rate(phrase_list *l, const phrase_context *pc, int step)
{
	char text[128];
	/* TRANSLATORS: read aloud when a visitor makes the speech faster or
	 * slower. */
	snprintf(text, sizeof text, P_("speech", "Speed %d of %d"), step, SPEECH_RATE_STEPS);
	phrases_add(l, pc, text, pc->lang, "speech-rate");
}
