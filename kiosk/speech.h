/*
 * speech.h: reading aloud (BRIEF sections 2 and 4; Section 508 402.2,
 * EN 301 549 5.1.3). A queue of phrases, each with its language, read by
 * libespeak-ng in the voice of that language and played through an SDL
 * audio device, or written to a WAV file (--speak-to) through the same
 * queue, thread and synthesis.
 *
 * What it promises:
 * - Nothing here blocks the caller: synthesis runs on one speech thread
 *   (espeak-ng keeps its state in globals and is not reentrant, BRIEF
 *   section 3), and a slow synthesizer only delays the sound.
 * - speech_say, speech_stop and the other commands interrupt what is being
 *   read at once (EN 301 549 5.1.3.4): the queued sound is dropped, and the
 *   synthesis under way is abandoned at its next buffer (40 ms of sound,
 *   a millisecond or two of work), so the new phrase starts well within
 *   100 ms (tests/unit/test_speech.c measures it).
 * - The voice is the language's, or none: a language espeak-ng has no
 *   voice for (Tagalog in 1.51) is never read with another language's
 *   voice. The voice actually used is the one espeak-ng reports
 *   (espeak_GetCurrentVoice), not the one asked for.
 * - Volume comes in SPEECH_VOLUME_STEPS steps 3 dB apart (24 dB from the
 *   quietest to the loudest) and changes the sound being played at once;
 *   the rate changes from the phrase read next.
 *
 * The header knows nothing of SDL or espeak-ng: the app (app.c) keeps the
 * visitor's volume and rate steps with it.
 */
#ifndef PLACARD_KIOSK_SPEECH_H
#define PLACARD_KIOSK_SPEECH_H

#include <stdbool.h>
#include <stddef.h>

/* Volume steps: 1 (24 dB below the loudest) to SPEECH_VOLUME_STEPS. */
#define SPEECH_VOLUME_STEPS 9
#define SPEECH_VOLUME_DB_PER_STEP 3
/* Rate steps around the configured rate: 1 (slowest) to SPEECH_RATE_STEPS,
 * SPEECH_RATE_DEFAULT_STEP being the configured words a minute. */
#define SPEECH_RATE_STEPS 7
#define SPEECH_RATE_DEFAULT_STEP 4
/* The longest voice name ("en-us", "cmn", "hyw") kept. */
#define SPEECH_VOICE_MAX 24

typedef struct speech speech;

/* One thing to read: text in lang (a BCP 47 tag, which picks the voice);
 * id says what it is (a scene text's id, "focus", a notice) for traces. */
typedef struct speech_phrase {
	const char *text;
	const char *lang;
	const char *id;
} speech_phrase;

/* What the speech thread tells its owner, on the speech thread (the kiosk
 * turns it into an SDL user event and back on the main thread). */
typedef enum speech_event_kind {
	SPEECH_PHRASE_STARTED, /* a phrase's synthesis began: index, voice */
	SPEECH_PHRASE_DONE,    /* a phrase was read to its end: index, seconds */
	SPEECH_NO_VOICE,       /* a phrase was skipped: no voice for its language */
	SPEECH_FINISHED,       /* the last phrase of the queue was read */
} speech_event_kind;

typedef struct speech_event {
	speech_event_kind kind;
	unsigned generation; /* the speech_say the phrase came with */
	int index;
	char voice[SPEECH_VOICE_MAX];
	double seconds; /* SPEECH_PHRASE_DONE: the phrase's sound, seconds */
} speech_event;

typedef struct speech_options {
	const char *voice_zh; /* "cmn" (Mandarin, default) or "yue" (Cantonese) */
	const char *voice_hy; /* "hy" (Eastern Armenian, default) or "hyw" (Western) */
	const char *wav_path; /* write the sound to this file instead of a device */
	int volume;           /* step, 1 .. SPEECH_VOLUME_STEPS */
	int rate;             /* words a minute, 80 .. 450 */
	/* Called on the speech thread, without the engine's lock held; may be
	 * NULL. */
	void (*notify)(void *ctx, const speech_event *ev);
	void *notify_ctx;
} speech_options;

/* Starts espeak-ng and the speech thread, and opens the output: the WAV
 * file when wav_path is set, else the default SDL audio device (the
 * audio subsystem is started here; SDL_AUDIODRIVER=dummy plays into
 * nothing at the real pace). Only one engine may exist at a time
 * (espeak-ng's state is global). NULL on failure, with the reason in why. */
speech *speech_open(const speech_options *opt, char *why, size_t why_size);

/* Stops reading, joins the speech thread and closes the output
 * (finishing the WAV file). NULL is ignored. Returns 0, or -1 when the WAV
 * file could not be written whole. */
int speech_close(speech *sp);

/* Stops espeak-ng, once, when the program ends (after speech_close):
 * espeak-ng 1.51 cannot be started again after it was stopped, so it stays
 * started from the first speech_open to here. Nothing when it never
 * started or an engine is still open. */
void speech_shutdown(void);

/* The voice lang is read with ("cmn", "en-us", "hyw"), or NULL when
 * espeak-ng has none for it. Looks up a table made at speech_open: safe
 * on any thread. */
const char *speech_voice_for(const speech *sp, const char *lang);

/* The voice name asked of espeak-ng for lang, given the kiosk's choices
 * for Chinese and Armenian: zh-* -> voice_zh, hy-* -> voice_hy, en-* ->
 * "en-us" (the districts are American), else the tag in lower case or
 * its primary subtag, whichever voice_exists accepts first. NULL when none
 * does. Pure: the unit test checks the table. */
const char *speech_voice_name(const char *lang, const char *voice_zh, const char *voice_hy,
                              bool (*voice_exists)(void *ctx, const char *name), void *ctx,
                              char *buf, size_t size);

/* Replaces the queue with phrases (copied) and reads from the first,
 * interrupting whatever was being read. n == 0 is speech_stop. Returns
 * the queue's generation, or 0 when out of memory (nothing changes). */
unsigned speech_say(speech *sp, const speech_phrase *phrases, int n);

/* Stops reading and empties the queue. */
void speech_stop(speech *sp);

/* Pauses (the sound holds where it is) or resumes. */
void speech_pause(speech *sp, bool paused);
bool speech_paused(speech *sp);

/* Reads the current phrase again from its start, or the last one read
 * when the queue is done. */
void speech_repeat(speech *sp);

/* Moves to the next (step 1) or previous (step -1) phrase and reads it. */
void speech_skip(speech *sp, int step);

/* Volume step (clamped to 1 .. SPEECH_VOLUME_STEPS), at once. */
void speech_set_volume(speech *sp, int step);

/* Words a minute (clamped to 80 .. 450) from the next phrase; the phrase
 * being read starts again at the new rate. */
void speech_set_rate(speech *sp, int wpm);

/* The gain of a volume step, as a factor of full scale. */
double speech_volume_gain(int step);

/* The words a minute of a rate step around base_wpm, clamped. */
int speech_rate_wpm(int base_wpm, int step);

/* Where the queue is. */
typedef struct speech_status {
	unsigned generation; /* of the last speech_say, stop or command */
	unsigned reading;    /* the generation whose phrase the thread is on; 0 before any */
	unsigned sounding;   /* the generation whose phrase's sound has begun to be put out */
	int phrase;          /* the phrase being read, -1 when none */
	int n_phrases;
	bool busy;   /* a phrase is being synthesized or its sound is still queued */
	bool paused; /* speech_pause */
	int volume;  /* step */
	int rate;    /* words a minute */
	char voice[SPEECH_VOICE_MAX]; /* what espeak-ng reported for the last phrase begun */
	double queued_seconds;        /* sound waiting to be played (device) */
	double played_seconds;        /* sound handed to the device since the engine opened */
	double written_seconds;       /* sound produced since the engine opened */
} speech_status;
void speech_get_status(speech *sp, speech_status *st);

/* Per phrase of the current queue, once read: the voice espeak-ng used
 * ("" when there was none) and the seconds of sound. Returns false when
 * index is out of range or the phrase was not read (yet). */
bool speech_phrase_result(speech *sp, int index, char *voice, size_t voice_size, double *seconds);

/* Waits until the queue is read to its end, or timeout seconds. Returns
 * true when it was. */
bool speech_wait(speech *sp, double timeout);

#endif
