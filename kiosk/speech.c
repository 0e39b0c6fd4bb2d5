/*
 * speech.c: the phrase queue read by espeak-ng (see speech.h).
 *
 * Three threads touch an engine, and one lock (sp->lock) guards all they
 * share:
 * - the caller (the kiosk's event loop) changes the queue and settings;
 * - the speech thread takes the phrase at the cursor, synthesizes it with
 *   espeak_Synth in AUDIO_OUTPUT_SYNCHRONOUS mode, and the synthesis
 *   callback (on_samples, on the same thread) puts the sound out: into
 *   the ring for the device, waiting while it is full, or into the WAV file;
 * - SDL's audio thread (play) takes sound from the ring, scaled by the
 *   volume's gain, and writes silence while paused or when there is none.
 *
 * Every command that changes what is read bumps sp->generation and drops
 * the sound in the ring. The synthesis callback compares the generation
 * it was started for with the current one at every buffer and returns 1
 * when they differ, which makes espeak_Synth stop and return (speech.c of
 * espeak-ng: "finished = synth_callback(...); if (finished) ...
 * return ENS_SPEECH_STOPPED"). That is the interrupt of EN 301 549
 * 5.1.3.4: at most one BUFFER_MS buffer of synthesis after the command.
 *
 * Global state: espeak-ng keeps its voice, parameters and synthesis
 * callback in globals of the library, so only one engine may be open at a
 * time (engine_open below is the flag that enforces it), and every
 * espeak_* call after speech_open happens on the speech thread. And
 * espeak-ng 1.51 is started once a process (espeak_rate below) and stopped
 * once, by speech_shutdown: started again after espeak_Terminate, its
 * idle fifo thread misses the next stop and espeak_Terminate never returns.
 */
#include "speech.h"

#include <SDL.h>
#include <errno.h>
#include <espeak-ng/speak_lib.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BUFFER_MS 40       /* espeak-ng's buffers: how soon synthesis can be stopped */
#define RING_SECONDS 0.5   /* sound synthesized ahead of the device */
#define GAP_SECONDS 0.3    /* silence between two phrases */
#define DEVICE_SAMPLES 512 /* SDL's buffer: about 23 ms at 22,050 Hz */
#define MIN_RATE 80        /* espeak-ng's range of words a minute */
#define MAX_RATE 450
#define LANG_MAX 36
#define ID_MAX 48

/* The one engine espeak-ng's globals allow, and espeak-ng's sample rate
 * once started (0 before): see the top of the file. espeak_rate is only
 * touched by whoever holds engine_open, and by speech_shutdown. */
static atomic_flag engine_open = ATOMIC_FLAG_INIT;
static int espeak_rate;

typedef struct queued {
	char *text;
	char lang[LANG_MAX];
	char id[ID_MAX];
	char voice_name[SPEECH_VOICE_MAX]; /* asked of espeak-ng; "" for none */
	char voice_used[SPEECH_VOICE_MAX]; /* what it reported */
	double seconds;
	bool read;
} queued;

struct speech {
	pthread_t thread;
	bool thread_running;
	pthread_mutex_t lock;
	pthread_cond_t wake; /* the speech thread and speech_wait wait on it */
	/* Under lock. */
	bool quit;
	queued *queue;
	int n, cap;
	int cursor; /* the phrase read now or next; n when done */
	unsigned generation, reading, sounding;
	bool paused;
	bool synthesizing; /* espeak_Synth has not returned */
	int volume, rate;
	double gain;
	char voice[SPEECH_VOICE_MAX];
	int16_t *ring; /* the device's sound: samples [played, written) */
	size_t ring_cap;
	unsigned long long written, played, total;
	unsigned synth_generation; /* what the synthesis under way is for */
	unsigned long long phrase_samples;
	/* The output: set at open, then read-only. */
	SDL_AudioDeviceID device;
	FILE *wav;
	bool wav_failed;
	unsigned long long wav_samples;
	int sample_rate;
	/* Voices espeak-ng has (file names, lower case): read-only after open. */
	char (*voices)[SPEECH_VOICE_MAX];
	int n_voices;
	char voice_zh[8], voice_hy[8];
	void (*notify)(void *ctx, const speech_event *ev);
	void *notify_ctx;
	/* The speech thread's own. */
	char loaded[SPEECH_VOICE_MAX]; /* the voice espeak-ng has now */
};

/* The reason an engine could not open: what, and what the library said. */
static void set_why(char *why, size_t size, const char *what, const char *detail)
{
	if (why && size)
		snprintf(why, size, "%s%s%s", what, detail ? ": " : "", detail ? detail : "");
}

static void lower_copy(char *dst, size_t size, const char *src)
{
	size_t i = 0;
	for (; src[i] && i + 1 < size; i++)
		dst[i] = (char)(src[i] >= 'A' && src[i] <= 'Z' ? src[i] - 'A' + 'a' : src[i]);
	dst[i] = '\0';
}

/* ------------------------------------------------------------------ */
/* Voices                                                              */

const char *speech_voice_name(const char *lang, const char *voice_zh, const char *voice_hy,
                              bool (*voice_exists)(void *ctx, const char *name), void *ctx,
                              char *buf, size_t size)
{
	char tag[LANG_MAX], primary[LANG_MAX];
	lower_copy(tag, sizeof tag, lang ? lang : "");
	snprintf(primary, sizeof primary, "%.*s", (int)strcspn(tag, "-_"), tag);
	const char *want[2] = {tag, primary};
	/* Chinese in either script is read in Mandarin unless the kiosk
	 * chose Cantonese; Armenian in Eastern unless it chose Western. */
	if (strcmp(primary, "zh") == 0)
		want[0] = want[1] = voice_zh && strcmp(voice_zh, "yue") == 0 ? "yue" : "cmn";
	else if (strcmp(primary, "hy") == 0)
		want[0] = want[1] = voice_hy && strcmp(voice_hy, "hyw") == 0 ? "hyw" : "hy";
	else if (strcmp(primary, "en") == 0 && strcmp(tag, "en-gb") != 0)
		want[0] = want[1] = "en-us";
	for (int i = 0; i < 2; i++) {
		if (want[i][0] && voice_exists(ctx, want[i])) {
			snprintf(buf, size, "%s", want[i]);
			return buf;
		}
	}
	return NULL;
}

static bool known_voice(void *ctx, const char *name)
{
	const speech *sp = ctx;
	for (int i = 0; i < sp->n_voices; i++)
		if (strcmp(sp->voices[i], name) == 0)
			return true;
	return false;
}

const char *speech_voice_for(const speech *sp, const char *lang)
{
	/* A static buffer would be shared; the answer is one of the table's
	 * own strings instead. */
	char name[SPEECH_VOICE_MAX];
	if (!sp || !speech_voice_name(lang, sp->voice_zh, sp->voice_hy, known_voice, (void *)sp,
	                              name, sizeof name))
		return NULL;
	for (int i = 0; i < sp->n_voices; i++)
		if (strcmp(sp->voices[i], name) == 0)
			return sp->voices[i];
	return NULL;
}

/* The voices' file names ("gmw/en-US" -> "en-us"), which
 * espeak_SetVoiceByName takes. */
static int list_voices(speech *sp)
{
	const espeak_VOICE **all = espeak_ListVoices(NULL);
	int n = 0;
	while (all && all[n])
		n++;
	sp->voices = calloc((size_t)n + 1, sizeof *sp->voices);
	if (!sp->voices)
		return -1;
	for (int i = 0; i < n; i++) {
		const char *id = all[i]->identifier;
		if (!id)
			continue;
		const char *slash = strrchr(id, '/');
		lower_copy(sp->voices[sp->n_voices++], SPEECH_VOICE_MAX, slash ? slash + 1 : id);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Volume and rate                                                     */

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

double speech_volume_gain(int step)
{
	step = clamp(step, 1, SPEECH_VOLUME_STEPS);
	double db = -(double)(SPEECH_VOLUME_DB_PER_STEP * (SPEECH_VOLUME_STEPS - step));
	return pow(10, db / 20);
}

int speech_rate_wpm(int base_wpm, int step)
{
	/* Each step about a fifth faster or slower than the one before. */
	static const double factor[SPEECH_RATE_STEPS] = {0.6, 0.7, 0.85, 1.0, 1.2, 1.4, 1.7};
	step = clamp(step, 1, SPEECH_RATE_STEPS);
	return clamp((int)lround(base_wpm * factor[step - 1]), MIN_RATE, MAX_RATE);
}

static int16_t scaled(int16_t sample, double gain)
{
	double v = sample * gain;
	return (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : lround(v));
}

/* ------------------------------------------------------------------ */
/* Output                                                              */

static void put_le(unsigned char *p, uint32_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* A chunk's four-letter name (no NUL). */
static void put_tag(unsigned char *p, const char tag[4])
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)tag[i];
}

/* The RIFF header of 16-bit mono PCM, for samples samples. */
static void wav_header(unsigned char h[44], int rate, unsigned long long samples)
{
	uint32_t data = (uint32_t)(samples * 2 > 0xFFFFFFDBu ? 0xFFFFFFDBu : samples * 2);
	put_tag(h, "RIFF");
	put_le(h + 4, 36 + data, 4);
	put_tag(h + 8, "WAVE");
	put_tag(h + 12, "fmt ");
	put_le(h + 16, 16, 4);
	put_le(h + 20, 1, 2); /* PCM */
	put_le(h + 22, 1, 2); /* mono */
	put_le(h + 24, (uint32_t)rate, 4);
	put_le(h + 28, (uint32_t)rate * 2, 4);
	put_le(h + 32, 2, 2);
	put_le(h + 34, 16, 2);
	put_tag(h + 36, "data");
	put_le(h + 40, data, 4);
}

static void wav_write(speech *sp, const short *samples, size_t n)
{
	unsigned char buf[4096];
	while (n > 0 && !sp->wav_failed) {
		size_t take = n < sizeof buf / 2 ? n : sizeof buf / 2;
		for (size_t i = 0; i < take; i++) {
			int16_t v = 0;
			if (samples)
				v = scaled(samples[i], sp->gain);
			put_le(buf + 2 * i, (uint16_t)v, 2);
		}
		if (fwrite(buf, 2, take, sp->wav) != take)
			sp->wav_failed = true;
		sp->wav_samples += take;
		if (samples)
			samples += take;
		n -= take;
	}
}

/* Puts n samples (NULL: silence) out for the phrase of generation gen:
 * into the WAV file, or into the ring, waiting for room. Called with the
 * lock held. False when the phrase was interrupted meanwhile. */
static bool put_samples(speech *sp, const short *samples, size_t n, unsigned gen)
{
	while (n > 0) {
		if (sp->quit || sp->generation != gen)
			return false;
		if (sp->wav) {
			wav_write(sp, samples, n);
			sp->total += n;
			return true;
		}
		size_t room = sp->ring_cap - (size_t)(sp->written - sp->played);
		if (room == 0) {
			pthread_cond_wait(&sp->wake, &sp->lock);
			continue;
		}
		size_t take = n < room ? n : room;
		for (size_t i = 0; i < take; i++) {
			int16_t v = 0;
			if (samples)
				v = samples[i];
			sp->ring[(sp->written + i) % sp->ring_cap] = v;
		}
		sp->written += take;
		sp->total += take;
		if (samples)
			samples += take;
		n -= take;
	}
	return true;
}

/* SDL's audio thread: the ring's sound at the volume of now. */
static void play(void *ctx, Uint8 *stream, int len)
{
	speech *sp = ctx;
	int16_t *out = (int16_t *)(void *)stream;
	size_t n = (size_t)len / sizeof *out;
	pthread_mutex_lock(&sp->lock);
	size_t have = sp->paused ? 0 : (size_t)(sp->written - sp->played);
	size_t take = have < n ? have : n;
	for (size_t i = 0; i < take; i++)
		out[i] = scaled(sp->ring[(sp->played + i) % sp->ring_cap], sp->gain);
	memset(out + take, 0, (n - take) * sizeof *out);
	sp->played += take;
	if (take > 0)
		pthread_cond_broadcast(&sp->wake);
	pthread_mutex_unlock(&sp->lock);
}

/* Drops the sound not yet played: the start of every interrupt. */
static void flush(speech *sp)
{
	sp->written = sp->played;
	pthread_cond_broadcast(&sp->wake);
}

/* ------------------------------------------------------------------ */
/* The speech thread                                                   */

/* espeak-ng's synthesis callback: a buffer of sound (wav NULL or n 0 at
 * the end). Returning 1 stops the synthesis. */
static int on_samples(short *wav, int n, espeak_EVENT *events)
{
	speech *sp = events ? events->user_data : NULL;
	if (!sp)
		return 1;
	pthread_mutex_lock(&sp->lock);
	unsigned gen = sp->synth_generation;
	bool go_on = !sp->quit && sp->generation == gen;
	if (go_on && wav && n > 0) {
		go_on = put_samples(sp, wav, (size_t)n, gen);
		sp->phrase_samples += (unsigned long long)n;
		if (go_on && sp->sounding != gen) {
			sp->sounding = gen;
			pthread_cond_broadcast(&sp->wake);
		}
	}
	pthread_mutex_unlock(&sp->lock);
	return go_on ? 0 : 1;
}

static void tell(speech *sp, speech_event_kind kind, unsigned gen, int index, const char *voice,
                 double seconds)
{
	if (!sp->notify)
		return;
	speech_event ev = {kind, gen, index, "", seconds};
	snprintf(ev.voice, sizeof ev.voice, "%s", voice ? voice : "");
	sp->notify(sp->notify_ctx, &ev);
}

/* Loads the voice (on the speech thread) and says which one espeak-ng
 * has now: its language as it reports it ("cmn", "en-us"), "" when the
 * voice could not be loaded. */
static void load_voice(speech *sp, const char *name, char *used, size_t size)
{
	used[0] = '\0';
	if (!name[0])
		return;
	if (strcmp(sp->loaded, name) != 0) {
		sp->loaded[0] = '\0';
		if (espeak_SetVoiceByName(name) != EE_OK)
			return;
		snprintf(sp->loaded, sizeof sp->loaded, "%s", name);
	}
	/* Its languages are a priority byte, then the language: "\002en-us". */
	espeak_VOICE *v = espeak_GetCurrentVoice();
	const char *said = v && v->languages ? v->languages : "";
	if ((unsigned char)said[0] < ' ' && said[0])
		said++;
	if (!said[0])
		said = v && v->identifier ? v->identifier : name;
	lower_copy(used, size, said);
}

/* Synthesizes text (on the speech thread) behind a fence of spaces.
 *
 * espeak-ng 1.51's rule matcher can read past the end of a word: the
 * RULE_SYLLABLE and RULE_NOVOWELS scans in MatchRule stop only at a space
 * (later versions stop at the word's NUL too). Spanish plurals at the end
 * of a clause ("nuevos.") send them past the word into uninitialised
 * stack, upwards through the frames above, and on the speech thread,
 * whose stack ends close above, off the end of the stack (seen here: a
 * SIGSEGV in utf8_in for one run in two). Every frame of espeak-ng lies
 * below this one, so a row of spaces here stops such a scan inside the
 * stack. The row is longer than a UTF-8 sequence, which could swallow a
 * few of its bytes. */
static __attribute__((noinline)) void synthesize(const char *text, speech *sp)
{
	volatile char fence[64];
	for (size_t i = 0; i < sizeof fence; i++)
		fence[i] = ' ';
	espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, sp);
	(void)fence[0];
}

/* How much faster than the kiosk's rate a voice reads. espeak-ng 1.51's
 * Mandarin reads about 2.4 characters a second at 150 words a minute,
 * where its Cantonese reads about 3.9 (and people speak four to six):
 * measured on PUSD 2023's slide 2, Mandarin at 1.6 times the rate paces
 * like Cantonese, and like the other languages' voices at the rate. */
static double voice_pace(const char *voice)
{
	return strcmp(voice, "cmn") == 0 ? 1.6 : 1.0;
}

/* Reads the phrase at the cursor; called with the lock held, returns
 * with it held. */
static void read_one(speech *sp)
{
	unsigned gen = sp->generation;
	int index = sp->cursor;
	queued *q = &sp->queue[index];
	char *text = strdup(q->text);
	char name[SPEECH_VOICE_MAX];
	snprintf(name, sizeof name, "%s", q->voice_name);
	int rate = sp->rate;
	sp->reading = gen;
	sp->synthesizing = true;
	sp->synth_generation = gen;
	sp->phrase_samples = 0;
	pthread_cond_broadcast(&sp->wake);
	pthread_mutex_unlock(&sp->lock);

	char used[SPEECH_VOICE_MAX];
	load_voice(sp, name, used, sizeof used);
	if (used[0] && text) {
		espeak_SetParameter(espeakRATE,
		                    clamp((int)lround(rate * voice_pace(name)), MIN_RATE, MAX_RATE),
		                    0);
		tell(sp, SPEECH_PHRASE_STARTED, gen, index, used, 0);
		synthesize(text, sp);
	} else if (text) {
		tell(sp, SPEECH_NO_VOICE, gen, index, "", 0);
	}
	free(text);

	pthread_mutex_lock(&sp->lock);
	sp->synthesizing = false;
	pthread_cond_broadcast(&sp->wake);
	if (sp->generation != gen || sp->quit)
		return; /* interrupted: the loop takes what replaced it */
	double seconds = (double)sp->phrase_samples / sp->sample_rate;
	if (used[0]) {
		snprintf(sp->voice, sizeof sp->voice, "%s", used);
		/* A pause after each phrase, then its sound played out before
		 * the cursor moves: the cursor is the phrase being heard. */
		size_t gap = (size_t)(GAP_SECONDS * sp->sample_rate);
		if (!put_samples(sp, NULL, gap, gen))
			return;
		while (!sp->wav && !sp->quit && sp->generation == gen && sp->written > sp->played)
			pthread_cond_wait(&sp->wake, &sp->lock);
		if (sp->generation != gen || sp->quit)
			return;
	}
	q = &sp->queue[index];
	snprintf(q->voice_used, sizeof q->voice_used, "%s", used);
	q->seconds = seconds;
	q->read = true;
	sp->cursor++;
	bool last = sp->cursor >= sp->n;
	pthread_mutex_unlock(&sp->lock);
	if (used[0])
		tell(sp, SPEECH_PHRASE_DONE, gen, index, used, seconds);
	if (last)
		tell(sp, SPEECH_FINISHED, gen, index, used, 0);
	pthread_mutex_lock(&sp->lock);
}

static void *speech_thread(void *arg)
{
	speech *sp = arg;
	pthread_mutex_lock(&sp->lock);
	for (;;) {
		while (!sp->quit && (sp->cursor >= sp->n || sp->paused)) {
			pthread_cond_broadcast(&sp->wake); /* speech_wait */
			pthread_cond_wait(&sp->wake, &sp->lock);
		}
		if (sp->quit)
			break;
		read_one(sp);
	}
	pthread_mutex_unlock(&sp->lock);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Opening and closing                                                 */

static int open_device(speech *sp, char *why, size_t size)
{
	if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
		set_why(why, size, "no audio", SDL_GetError());
		return -1;
	}
	SDL_AudioSpec want = {0}, have;
	want.freq = sp->sample_rate;
	want.format = AUDIO_S16SYS;
	want.channels = 1;
	want.samples = DEVICE_SAMPLES;
	want.callback = play;
	want.userdata = sp;
	/* No changes allowed: SDL converts to what the device takes. */
	sp->device = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
	if (sp->device == 0) {
		set_why(why, size, "no audio device", SDL_GetError());
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
		return -1;
	}
	sp->ring_cap = (size_t)(RING_SECONDS * sp->sample_rate);
	sp->ring = calloc(sp->ring_cap, sizeof *sp->ring);
	if (!sp->ring) {
		set_why(why, size, "out of memory", NULL);
		return -1;
	}
	SDL_PauseAudioDevice(sp->device, 0);
	return 0;
}

static int open_wav(speech *sp, const char *path, char *why, size_t size)
{
	sp->wav = fopen(path, "wb");
	if (!sp->wav) {
		set_why(why, size, path, strerror(errno));
		return -1;
	}
	unsigned char h[44];
	wav_header(h, sp->sample_rate, 0);
	if (fwrite(h, 1, sizeof h, sp->wav) != sizeof h)
		sp->wav_failed = true;
	return 0;
}

static void close_output(speech *sp)
{
	if (sp->device) {
		SDL_CloseAudioDevice(sp->device);
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
		sp->device = 0;
	}
	if (sp->wav) {
		unsigned char h[44];
		wav_header(h, sp->sample_rate, sp->wav_samples);
		if (fseek(sp->wav, 0, SEEK_SET) != 0 || fwrite(h, 1, sizeof h, sp->wav) != sizeof h)
			sp->wav_failed = true;
		if (fclose(sp->wav) != 0)
			sp->wav_failed = true;
		sp->wav = NULL;
	}
}

static void free_queue(speech *sp)
{
	for (int i = 0; i < sp->n; i++)
		free(sp->queue[i].text);
	sp->n = 0;
}

static void engine_free(speech *sp)
{
	close_output(sp);
	free_queue(sp);
	free(sp->queue);
	free(sp->ring);
	free(sp->voices);
	pthread_cond_destroy(&sp->wake);
	pthread_mutex_destroy(&sp->lock);
	free(sp);
	atomic_flag_clear(&engine_open);
}

speech *speech_open(const speech_options *opt, char *why, size_t why_size)
{
	if (atomic_flag_test_and_set(&engine_open)) {
		set_why(why, why_size, "speech is already open", NULL);
		return NULL;
	}
	speech *sp = calloc(1, sizeof *sp);
	if (!sp) {
		atomic_flag_clear(&engine_open);
		set_why(why, why_size, "out of memory", NULL);
		return NULL;
	}
	pthread_mutex_init(&sp->lock, NULL);
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&sp->wake, &attr);
	pthread_condattr_destroy(&attr);
	snprintf(sp->voice_zh, sizeof sp->voice_zh, "%s", opt->voice_zh ? opt->voice_zh : "cmn");
	snprintf(sp->voice_hy, sizeof sp->voice_hy, "%s", opt->voice_hy ? opt->voice_hy : "hy");
	sp->volume = clamp(opt->volume ? opt->volume : SPEECH_VOLUME_STEPS, 1, SPEECH_VOLUME_STEPS);
	sp->gain = speech_volume_gain(sp->volume);
	sp->rate = clamp(opt->rate ? opt->rate : 175, MIN_RATE, MAX_RATE);
	sp->notify = opt->notify;
	sp->notify_ctx = opt->notify_ctx;

	/* Before the thread exists, espeak-ng is this thread's alone. */
	if (espeak_rate <= 0)
		espeak_rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, BUFFER_MS, NULL, 0);
	sp->sample_rate = espeak_rate;
	if (sp->sample_rate <= 0) {
		set_why(why, why_size, "espeak-ng could not start (is espeak-ng-data installed?)",
		        NULL);
		engine_free(sp);
		return NULL;
	}
	espeak_SetSynthCallback(on_samples);
	int rc = list_voices(sp);
	if (rc != 0)
		set_why(why, why_size, "out of memory", NULL);
	else if (opt->wav_path)
		rc = open_wav(sp, opt->wav_path, why, why_size);
	else
		rc = open_device(sp, why, why_size);
	if (rc == 0 && pthread_create(&sp->thread, NULL, speech_thread, sp) != 0) {
		set_why(why, why_size, "cannot start the speech thread", NULL);
		rc = -1;
	}
	if (rc != 0) {
		engine_free(sp);
		return NULL;
	}
	sp->thread_running = true;
	return sp;
}

int speech_close(speech *sp)
{
	if (!sp)
		return 0;
	pthread_mutex_lock(&sp->lock);
	sp->quit = true;
	sp->generation++;
	flush(sp);
	pthread_mutex_unlock(&sp->lock);
	if (sp->thread_running)
		pthread_join(sp->thread, NULL);
	close_output(sp);
	int rc = sp->wav_failed ? -1 : 0;
	engine_free(sp);
	return rc;
}

void speech_shutdown(void)
{
	if (atomic_flag_test_and_set(&engine_open))
		return; /* an engine is still open: leave espeak-ng to it */
	if (espeak_rate > 0)
		espeak_Terminate();
	espeak_rate = 0;
	atomic_flag_clear(&engine_open);
}

/* ------------------------------------------------------------------ */
/* Commands                                                            */

/* Starts reading from the cursor again: a new generation, the old sound
 * dropped. Called with the lock held. */
static unsigned restart(speech *sp)
{
	sp->generation++;
	if (sp->generation == 0) /* 0 means "none" to callers */
		sp->generation++;
	sp->paused = false;
	flush(sp);
	return sp->generation;
}

unsigned speech_say(speech *sp, const speech_phrase *phrases, int n)
{
	queued *fresh = n > 0 ? calloc((size_t)n, sizeof *fresh) : NULL;
	if (n > 0 && !fresh)
		return 0;
	for (int i = 0; i < n; i++) {
		queued *q = &fresh[i];
		q->text = strdup(phrases[i].text ? phrases[i].text : "");
		if (!q->text) {
			for (int k = 0; k < i; k++)
				free(fresh[k].text);
			free(fresh);
			return 0;
		}
		snprintf(q->lang, sizeof q->lang, "%s", phrases[i].lang ? phrases[i].lang : "");
		snprintf(q->id, sizeof q->id, "%s", phrases[i].id ? phrases[i].id : "");
		const char *voice = speech_voice_for(sp, q->lang);
		snprintf(q->voice_name, sizeof q->voice_name, "%s", voice ? voice : "");
	}
	pthread_mutex_lock(&sp->lock);
	free_queue(sp);
	free(sp->queue);
	sp->queue = fresh;
	sp->n = sp->cap = n;
	sp->cursor = 0;
	unsigned gen = restart(sp);
	pthread_mutex_unlock(&sp->lock);
	return gen;
}

void speech_stop(speech *sp)
{
	pthread_mutex_lock(&sp->lock);
	sp->cursor = sp->n;
	restart(sp);
	pthread_mutex_unlock(&sp->lock);
}

void speech_pause(speech *sp, bool paused)
{
	pthread_mutex_lock(&sp->lock);
	sp->paused = paused;
	pthread_cond_broadcast(&sp->wake);
	pthread_mutex_unlock(&sp->lock);
}

bool speech_paused(speech *sp)
{
	pthread_mutex_lock(&sp->lock);
	bool paused = sp->paused;
	pthread_mutex_unlock(&sp->lock);
	return paused;
}

void speech_repeat(speech *sp)
{
	pthread_mutex_lock(&sp->lock);
	if (sp->n > 0) {
		if (sp->cursor >= sp->n)
			sp->cursor = sp->n - 1;
		restart(sp);
	}
	pthread_mutex_unlock(&sp->lock);
}

void speech_skip(speech *sp, int step)
{
	pthread_mutex_lock(&sp->lock);
	if (sp->n > 0) {
		/* Past the last phrase is the end; before the first, the first. */
		sp->cursor = clamp(sp->cursor + (step > 0 ? 1 : -1), 0, sp->n);
		restart(sp);
	}
	pthread_mutex_unlock(&sp->lock);
}

void speech_set_volume(speech *sp, int step)
{
	pthread_mutex_lock(&sp->lock);
	sp->volume = clamp(step, 1, SPEECH_VOLUME_STEPS);
	sp->gain = speech_volume_gain(sp->volume);
	pthread_mutex_unlock(&sp->lock);
}

void speech_set_rate(speech *sp, int wpm)
{
	pthread_mutex_lock(&sp->lock);
	int rate = clamp(wpm, MIN_RATE, MAX_RATE);
	if (rate != sp->rate) {
		sp->rate = rate;
		if (sp->cursor < sp->n)
			restart(sp);
	}
	pthread_mutex_unlock(&sp->lock);
}

void speech_get_status(speech *sp, speech_status *st)
{
	pthread_mutex_lock(&sp->lock);
	memset(st, 0, sizeof *st);
	st->generation = sp->generation;
	st->reading = sp->reading;
	st->sounding = sp->sounding;
	st->phrase = sp->cursor < sp->n ? sp->cursor : -1;
	st->n_phrases = sp->n;
	st->busy = sp->cursor < sp->n || sp->written > sp->played || sp->synthesizing;
	st->paused = sp->paused;
	st->volume = sp->volume;
	st->rate = sp->rate;
	snprintf(st->voice, sizeof st->voice, "%s", sp->voice);
	st->queued_seconds = (double)(sp->written - sp->played) / sp->sample_rate;
	st->written_seconds = (double)sp->total / sp->sample_rate;
	st->played_seconds = (double)sp->played / sp->sample_rate;
	pthread_mutex_unlock(&sp->lock);
}

bool speech_phrase_result(speech *sp, int index, char *voice, size_t voice_size, double *seconds)
{
	pthread_mutex_lock(&sp->lock);
	bool ok = index >= 0 && index < sp->n && sp->queue[index].read;
	if (ok) {
		snprintf(voice, voice_size, "%s", sp->queue[index].voice_used);
		*seconds = sp->queue[index].seconds;
	}
	pthread_mutex_unlock(&sp->lock);
	return ok;
}

bool speech_wait(speech *sp, double timeout)
{
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	double whole = floor(timeout);
	until.tv_sec += (time_t)whole;
	until.tv_nsec += (long)((timeout - whole) * 1e9);
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&sp->lock);
	int rc = 0;
	while (rc != ETIMEDOUT && !sp->quit &&
	       (sp->cursor < sp->n || sp->synthesizing || sp->written > sp->played))
		rc = pthread_cond_timedwait(&sp->wake, &sp->lock, &until);
	bool done = sp->cursor >= sp->n && !sp->synthesizing && sp->written <= sp->played;
	pthread_mutex_unlock(&sp->lock);
	return done;
}
