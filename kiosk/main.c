/*
 * main.c: placard-kiosk. Reads the configuration (a file and the same
 * settings as flags), loads the deck and every offered language, and
 * either runs the kiosk fullscreen (kiosk.c) or renders screens offscreen
 * for people and tests to look at (--screenshot, --dump-layout,
 * --dump-text), or prints the deck's strings as a specimen (--specimen).
 */
#include <SDL.h>
#include <SDL_ttf.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "capture.h"
#include "draw.h"
#include "frame.h"
#include "kiosk.h"
#include "phrases.h"
#include "placard/chrome.h"
#include "placard/deck.h"
#include "placard/fonts.h"
#include "placard/kiosk_config.h"
#include "placard/strbuf.h"
#include "placard/theme.h"
#include "placard/translate.h"
#include "speaker.h"
#include "speech.h"

enum {
	OPT_SCREENSHOT = 1000,
	OPT_SLIDE,
	OPT_PAGE,
	OPT_SCREEN,
	OPT_LANG,
	OPT_SIZE,
	OPT_DUMP_LAYOUT,
	OPT_DUMP_TEXT,
	OPT_WINDOWED,
	OPT_SPECIMEN,
	OPT_BOXES,
	OPT_TRACE,
	OPT_HASH_PIN,
	OPT_WRITE_CONFIG,
	OPT_CONFIG,
	OPT_FOCUS,
	OPT_NOW,
	OPT_TIME_SCALE,
	OPT_SPEAK_TO,
	OPT_SETTING = 2000, /* + the setting's index in pl_kconfig_names() */
};

typedef struct options {
	const char *deck;
	const char *config;
	const char *screenshot;
	const char *slide; /* "3" or "all" */
	int page;
	const char *screen;
	const char *dump_layout;
	const char *boxes;
	const char *trace;
	const char *focus;
	const char *speak_to;
	long long now;
	double time_scale;
	int width, height;
	bool windowed, dump_text, specimen, hash_pin, write_config;
	/* Settings from flags, applied over the file's. */
	const char *set_names[64];
	const char *set_values[64];
	int n_set;
} options;

static void usage(FILE *f)
{
	fprintf(f, "Usage: placard-kiosk [OPTIONS] DECK\n"
	           "\n"
	           "Shows the deck fullscreen as a kiosk: slides in every offered language, the\n"
	           "language picker, text size and themes, touch, keyboard, switch and keypad\n"
	           "access. The admin chord and PIN open reload, status and exit.\n"
	           "\n"
	           "  --config FILE       the kiosk's configuration (docs/kiosk-config.md);\n"
	           "                      every setting in it is also a flag: --NAME=VALUE\n"
	           "                      (e.g. --site=jefferson --idle-seconds=60)\n"
	           "  --screenshot FILE   render one screen to FILE without a display and exit\n"
	           "                      (PNG; BMP when FILE ends in .bmp)\n"
	           "  --slide N|all       the slide to render (from 1); all: every slide and\n"
	           "                      page, to FILE-SS-P.png\n"
	           "  --page P            the page of a slide longer than a screen (from 1)\n"
	           "  --screen NAME       welcome, slide, picker, idle, pin or admin\n"
	           "  --lang LANG         the language shown (same as --language)\n"
	           "  --size WxH          window or screenshot size (default 1920x1080)\n"
	           "  --focus ID          the control focused in a screenshot\n"
	           "  --dump-layout FILE  with --screenshot: every text run and control with its\n"
	           "                      rectangle in px and mm, sizes, colours, focus order\n"
	           "  --dump-text         print the screen's strings, one a line, and exit\n"
	           "  --speak-to FILE     read the screen aloud into FILE (WAV) and print each\n"
	           "                      phrase's voice; no sound card needed\n"
	           "  --specimen          the deck's strings at kiosk sizes (with --screenshot)\n"
	           "  --boxes FILE        with --specimen: each drawn run's box\n"
	           "  --trace FILE        write one line per screen shown (for tests)\n"
	           "  --time-scale F      run the kiosk's timers F times faster (for tests)\n"
	           "  --windowed          a window instead of fullscreen\n"
	           "  --hash-pin          read a PIN and print its hash for pin-hash\n"
	           "  --write-config      print the configuration in effect and exit\n"
	           "  -h, --help          show this help and exit\n"
	           "  -V, --version       show the version and exit\n"
	           "\n"
	           "Settings (each also --NAME=VALUE):");
	for (const char *const *n = pl_kconfig_names(); *n; n++)
		fprintf(f, "%s %s", (n - pl_kconfig_names()) % 6 ? "" : "\n ", *n);
	fprintf(f, "\n\nExit status: 0 normal, 1 the deck, configuration or display could not "
	           "be used,\n2 wrong usage.\n");
}

/* getopt_long's table: the fixed options, then one per setting. */
static struct option *option_table(void)
{
	static const struct option fixed[] = {
	        {"screenshot", required_argument, NULL, OPT_SCREENSHOT},
	        {"slide", required_argument, NULL, OPT_SLIDE},
	        {"page", required_argument, NULL, OPT_PAGE},
	        {"screen", required_argument, NULL, OPT_SCREEN},
	        {"lang", required_argument, NULL, OPT_LANG},
	        {"size", required_argument, NULL, OPT_SIZE},
	        {"dump-layout", required_argument, NULL, OPT_DUMP_LAYOUT},
	        {"dump-text", no_argument, NULL, OPT_DUMP_TEXT},
	        {"windowed", no_argument, NULL, OPT_WINDOWED},
	        {"specimen", no_argument, NULL, OPT_SPECIMEN},
	        {"boxes", required_argument, NULL, OPT_BOXES},
	        {"trace", required_argument, NULL, OPT_TRACE},
	        {"hash-pin", no_argument, NULL, OPT_HASH_PIN},
	        {"write-config", no_argument, NULL, OPT_WRITE_CONFIG},
	        {"config", required_argument, NULL, OPT_CONFIG},
	        {"focus", required_argument, NULL, OPT_FOCUS},
	        {"now", required_argument, NULL, OPT_NOW},
	        {"time-scale", required_argument, NULL, OPT_TIME_SCALE},
	        {"speak-to", required_argument, NULL, OPT_SPEAK_TO},
	        {"help", no_argument, NULL, 'h'},
	        {"version", no_argument, NULL, 'V'},
	};
	size_t n_fixed = sizeof fixed / sizeof fixed[0], n_set = 0;
	const char *const *names = pl_kconfig_names();
	while (names[n_set])
		n_set++;
	struct option *table = calloc(n_fixed + n_set + 1, sizeof *table);
	if (!table)
		return NULL;
	memcpy(table, fixed, sizeof fixed);
	for (size_t i = 0; i < n_set; i++)
		table[n_fixed + i] =
		        (struct option){names[i], required_argument, NULL, OPT_SETTING + (int)i};
	return table;
}

/* A flag's number, whole and in range, or false: atoi would read "2x" as 2
 * and "x" as 0 without a word (CERT ERR34-C). */
static bool flag_number(const char *s, long long lo, long long hi, long long *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* --size WxH, each in range. */
static bool flag_size(const char *s, int *w, int *h)
{
	char width[32];
	const char *x = strchr(s, 'x');
	long long a, b;
	if (!x || (size_t)(x - s) >= sizeof width)
		return false;
	snprintf(width, sizeof width, "%.*s", (int)(x - s), s);
	if (!flag_number(width, KIOSK_MIN_W, 8192, &a) ||
	    !flag_number(x + 1, KIOSK_MIN_H, 8192, &b))
		return false;
	*w = (int)a;
	*h = (int)b;
	return true;
}

static int parse_options(int argc, char **argv, options *o)
{
	struct option *table = option_table();
	if (!table)
		return 1;
	int c, rc = -1;
	while (rc < 0 && (c = getopt_long(argc, argv, "hV", table, NULL)) != -1) {
		switch (c) {
		case OPT_SCREENSHOT:
			o->screenshot = optarg;
			break;
		case OPT_SLIDE:
			o->slide = optarg;
			break;
		case OPT_PAGE: {
			long long page = 0;
			if (!flag_number(optarg, 1, INT_MAX, &page)) {
				fprintf(stderr, "placard-kiosk: --page is a number from 1\n");
				rc = 2;
			}
			o->page = (int)page;
			break;
		}
		case OPT_SCREEN:
			o->screen = optarg;
			break;
		case OPT_LANG:
			if (o->n_set < 64) {
				o->set_names[o->n_set] = "language";
				o->set_values[o->n_set++] = optarg;
			}
			break;
		case OPT_SIZE:
			if (!flag_size(optarg, &o->width, &o->height)) {
				fprintf(stderr,
				        "placard-kiosk: --size takes WxH, e.g. 1920x1080\n");
				rc = 2;
			}
			break;
		case OPT_DUMP_LAYOUT:
			o->dump_layout = optarg;
			break;
		case OPT_DUMP_TEXT:
			o->dump_text = true;
			break;
		case OPT_WINDOWED:
			o->windowed = true;
			break;
		case OPT_SPECIMEN:
			o->specimen = true;
			break;
		case OPT_BOXES:
			o->boxes = optarg;
			break;
		case OPT_TRACE:
			o->trace = optarg;
			break;
		case OPT_HASH_PIN:
			o->hash_pin = true;
			break;
		case OPT_WRITE_CONFIG:
			o->write_config = true;
			break;
		case OPT_CONFIG:
			o->config = optarg;
			break;
		case OPT_FOCUS:
			o->focus = optarg;
			break;
		case OPT_NOW:
			if (!flag_number(optarg, 0, LLONG_MAX, &o->now)) {
				fprintf(stderr, "placard-kiosk: --now is seconds since 1970\n");
				rc = 2;
			}
			break;
		case OPT_SPEAK_TO:
			o->speak_to = optarg;
			break;
		case OPT_TIME_SCALE: {
			char *end;
			o->time_scale = strtod(optarg, &end);
			if (end == optarg || *end != '\0' || o->time_scale < 1 ||
			    o->time_scale > 10000) {
				fprintf(stderr, "placard-kiosk: --time-scale is 1 to 10000\n");
				rc = 2;
			}
			break;
		}
		case 'h':
			usage(stdout);
			rc = 0;
			break;
		case 'V':
			printf("placard-kiosk %s\n", PLACARD_VERSION);
			rc = 0;
			break;
		default:
			if (c >= OPT_SETTING && o->n_set < 64) {
				o->set_names[o->n_set] = pl_kconfig_names()[c - OPT_SETTING];
				o->set_values[o->n_set++] = optarg;
				break;
			}
			usage(stderr);
			rc = 2;
		}
	}
	free(table);
	if (rc >= 0)
		return rc;
	if (o->hash_pin || o->write_config)
		return -1;
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	o->deck = argv[optind];
	return -1;
}

/* The configuration file: --config, else the first of
 * $XDG_CONFIG_HOME/placard/kiosk.conf (~/.config/...) and
 * /etc/placard/kiosk.conf that exists, else none (the defaults). */
static const char *config_path(const options *o, char *buf, size_t size)
{
	if (o->config)
		return o->config;
	struct stat st;
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	if (xdg && *xdg)
		snprintf(buf, size, "%s/placard/kiosk.conf", xdg);
	else if (home)
		snprintf(buf, size, "%s/.config/placard/kiosk.conf", home);
	else
		buf[0] = '\0';
	if (buf[0] && stat(buf, &st) == 0)
		return buf;
	if (stat("/etc/placard/kiosk.conf", &st) == 0)
		return "/etc/placard/kiosk.conf";
	return NULL;
}

static int load_config(const options *o, pl_kconfig *cfg, const char **origin)
{
	char buf[1024];
	pl_kconfig_defaults(cfg);
	pl_diags diags = PL_DIAGS_INIT;
	const char *path = config_path(o, buf, sizeof buf);
	int rc = 0;
	static char kept[1024];
	*origin = "command line";
	if (path) {
		snprintf(kept, sizeof kept, "%s", path);
		*origin = kept;
		rc = pl_kconfig_load(cfg, path, &diags);
	}
	for (int i = 0; i < o->n_set; i++)
		if (pl_kconfig_set(cfg, o->set_names[i], o->set_values[i], "command line", 0,
		                   &diags) != 0)
			rc = -1;
	pl_diags_print(&diags, stderr);
	pl_diags_free(&diags);
	return rc;
}

/* --hash-pin: the PIN from standard input (not echoed on a terminal). */
static int hash_pin(void)
{
	struct termios saved, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
	if (tty) {
		fprintf(stderr, "PIN: ");
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	char pin[64] = "";
	bool got = fgets(pin, sizeof pin, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
		fputc('\n', stderr);
	}
	pin[strcspn(pin, "\r\n")] = '\0';
	if (!got || strlen(pin) < 4 || strspn(pin, "0123456789") != strlen(pin)) {
		fprintf(stderr, "placard-kiosk: a PIN is 4 to 12 digits\n");
		return 1;
	}
	char hash[160];
	int rc = pl_pin_hash(pin, hash, sizeof hash);
	memset(pin, 0, sizeof pin);
	if (rc != 0) {
		fprintf(stderr, "placard-kiosk: cannot hash the PIN\n");
		return 1;
	}
	printf("pin-hash = %s\n", hash);
	return 0;
}

static screen_kind screen_named(const char *name, bool *ok)
{
	static const char *const names[] = {"welcome", "slide", "picker", "idle", "pin", "admin"};
	*ok = true;
	for (int i = 0; i < 6; i++)
		if (strcmp(names[i], name) == 0)
			return (screen_kind)i;
	*ok = false;
	return SCREEN_SLIDE;
}

/* "shot.png" -> "shot-03-2.png" for slide 3, page 2. */
static void numbered(char *buf, size_t size, const char *path, int slide, int page)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (!dot || (slash && dot < slash))
		dot = path + strlen(path);
	snprintf(buf, size, "%.*s-%02d-%d%s", (int)(dot - path), path, slide, page, dot);
}

/* One screen offscreen: composed, drawn to a PNG, described. */
static int shoot(kiosk *k, const options *o, const char *png, const char *json)
{
	if (kiosk_compose(k, o->width, o->height, 0) != 0)
		return 1;
	if (o->focus) {
		int i = scene_find_control(&k->scene, o->focus);
		if (i < 0) {
			fprintf(stderr, "placard-kiosk: no control \"%s\" on this screen\n",
			        o->focus);
			return 1;
		}
		k->scene.focus = i;
	}
	if (o->dump_text) {
		scene_dump_text(&k->scene, stdout);
		return 0;
	}
	int rc = 0;
	if (json) {
		FILE *f = fopen(json, "w");
		if (!f || scene_dump_json(&k->scene, f) != 0) {
			perror(json);
			rc = 1;
		}
		if (f && fclose(f) != 0) {
			perror(json);
			rc = 1;
		}
	}
	if (!png)
		return rc;
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, o->width, o->height, 32,
	                                                SDL_PIXELFORMAT_ARGB8888);
	if (!s) {
		fprintf(stderr, "placard-kiosk: %s\n", SDL_GetError());
		return 1;
	}
	if (kiosk_render(k, s) != 0)
		rc = 1;
	else if (capture_save(s, png) != 0) {
		fprintf(stderr, "placard-kiosk: %s: %s\n", png, SDL_GetError());
		rc = 1;
	}
	SDL_FreeSurface(s);
	return rc;
}

/* Characters of text, spaces aside: what a phrase's length is measured by. */
static size_t spoken_chars(const char *text)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		n += (*p & 0xC0) != 0x80 && *p != ' ';
	return n;
}

/* --speak-to: the screen read aloud into a WAV file through the kiosk's
 * own speech path (speaker.c, speech.c: the same phrases, queue, thread
 * and synthesis), and what was read: a line a phrase with the voice
 * espeak-ng reports having used, then the screen's language, its voice
 * and the totals. A language without a voice says so. */
static int speak_to(kiosk *k, const options *o)
{
	speech_options opt = {.voice_zh = k->cfg.voice_zh,
	                      .voice_hy = k->cfg.voice_hy,
	                      .volume = k->app.speech_volume,
	                      .rate = speech_rate_wpm(k->cfg.speech_rate, k->app.speech_rate),
	                      .wav_path = o->speak_to};
	char why[256] = "";
	k->speech = speech_open(&opt, why, sizeof why);
	if (!k->speech) {
		fprintf(stderr, "placard-kiosk: %s: %s\n", o->speak_to, why);
		return 1;
	}
	k->app.speech = true;
	int rc = kiosk_compose(k, o->width, o->height, 0) == 0 ? 0 : 1;
	int focus = o->focus ? scene_find_control(&k->scene, o->focus) : k->scene.focus;
	if (rc == 0 && focus < 0 && o->focus) {
		fprintf(stderr, "placard-kiosk: no control \"%s\" on this screen\n", o->focus);
		rc = 1;
	}
	phrase_list l;
	phrases_init(&l);
	if (rc == 0) {
		k->scene.focus = focus;
		speaker_screen_phrases(k, &l);
		speech_say(k->speech, l.items, l.n);
		if (!speech_wait(k->speech, 600)) {
			fprintf(stderr, "placard-kiosk: reading aloud did not finish\n");
			rc = 1;
		}
	}
	const char *lang = k->scene.lang;
	const char *voice = speech_voice_for(k->speech, lang);
	for (int i = 0; rc == 0 && i < k->scene.n_texts; i++) {
		const sc_text *t = &k->scene.texts[i];
		if (!voice && t->id && strncmp(t->id, "speech-no-voice", 15) == 0)
			printf("no-voice lang=%s text=%.*s\n", lang,
			       (int)(t->layout->lines[t->last_line - 1].end -
			             t->layout->lines[t->first_line].start),
			       t->layout->text + t->layout->lines[t->first_line].start);
	}
	size_t chars = 0;
	for (int i = 0; rc == 0 && i < l.n; i++) {
		char used[SPEECH_VOICE_MAX] = "";
		double seconds = 0;
		bool read = speech_phrase_result(k->speech, i, used, sizeof used, &seconds);
		size_t n = spoken_chars(l.items[i].text);
		chars += n;
		printf("phrase=%d id=%s lang=%s voice=%s seconds=%.2f chars=%zu\n", i + 1,
		       l.items[i].id ? l.items[i].id : "", l.items[i].lang,
		       read && used[0] ? used : "none", seconds, n);
	}
	speech_status st;
	speech_get_status(k->speech, &st);
	if (rc == 0)
		printf("lang=%s voice=%s phrases=%d seconds=%.2f chars=%zu\n", lang,
		       voice ? voice : "none", l.n, st.written_seconds, chars);
	phrases_free(&l);
	if (speech_close(k->speech) != 0) {
		fprintf(stderr, "placard-kiosk: %s: could not be written\n", o->speak_to);
		rc = 1;
	}
	k->speech = NULL;
	return rc;
}

/* --screenshot, --dump-layout, --dump-text: the chosen screen(s). */
static int offscreen(kiosk *k, const options *o)
{
	app *a = &k->app;
	bool ok = true;
	screen_kind kind = o->screen ? screen_named(o->screen, &ok) : SCREEN_SLIDE;
	if (!ok) {
		fprintf(stderr, "placard-kiosk: --screen is one of welcome, slide, picker, idle, "
		                "pin, admin\n");
		return 2;
	}
	k->now_wall = o->now;
	a->screen = kind;
	a->back_to = SCREEN_SLIDE;
	a->visitor = kind != SCREEN_WELCOME;
	a->warning_end = kind == SCREEN_IDLE ? a->cfg->warning_seconds : 0;
	int n = (int)k->bundle.deck->n_slides;
	if (kind != SCREEN_SLIDE || !o->slide || strcmp(o->slide, "all") != 0) {
		long long number = 1; /* refused below when it is not one */
		int slide = !o->slide || flag_number(o->slide, 1, n, &number) ? (int)number : 0;
		if (kind == SCREEN_SLIDE && (slide < 1 || slide > n)) {
			fprintf(stderr, "placard-kiosk: --slide is 1 to %d, or all\n", n);
			return 2;
		}
		a->slide = slide - 1;
		a->page = o->page > 0 ? o->page - 1 : 0;
		if (o->speak_to)
			return speak_to(k, o);
		return shoot(k, o, o->screenshot, o->dump_layout);
	}
	if (o->speak_to) {
		fprintf(stderr, "placard-kiosk: --speak-to reads one screen: --slide N\n");
		return 2;
	}
	int rc = 0;
	for (int s = 0; s < n && rc == 0; s++) {
		for (int p = 0;; p++) {
			a->slide = s;
			a->page = p;
			char png[1024], json[1024];
			numbered(png, sizeof png, o->screenshot ? o->screenshot : "x.png", s + 1,
			         p + 1);
			if (o->dump_layout)
				numbered(json, sizeof json, o->dump_layout, s + 1, p + 1);
			if (shoot(k, o, o->screenshot ? png : NULL, o->dump_layout ? json : NULL))
				rc = 1;
			if (rc || p + 1 >= k->scene.pages)
				break;
		}
	}
	return rc;
}

/* --specimen: the deck's strings at kiosk sizes (frame.c). */
static int specimen(kiosk *k, const options *o)
{
	const char *lang = k->app.lang;
	int li = kiosk_lang_index(k, lang);
	frame_text ft = {k->bundle.deck, lang, li >= 0 ? k->bundle.content[li] : NULL,
	                 li >= 0 ? k->bundle.chrome[li] : NULL,
	                 strcmp(lang, k->bundle.deck->source_language) == 0};
	FILE *boxes = NULL;
	if (o->boxes && !(boxes = fopen(o->boxes, "w"))) {
		perror(o->boxes);
		return 1;
	}
	frame_ink ink = {k->draw, k->fonts, boxes};
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, o->width, o->height, 32,
	                                                SDL_PIXELFORMAT_ARGB8888);
	int rc = 1;
	if (s && frame_specimen(s, &ft, &ink) == 0)
		rc = capture_save(s, o->screenshot) == 0 ? 0 : 1;
	else
		fprintf(stderr, "placard-kiosk: %s\n",
		        pl_draw_error(k->draw) ? pl_draw_error(k->draw) : "out of memory");
	SDL_FreeSurface(s);
	if (boxes && fclose(boxes) != 0)
		rc = 1;
	return rc;
}

/* The vote store: the configured path, else $XDG_DATA_HOME/placard or
 * ~/.local/share/placard/votes.db (the directory made when missing). */
static void open_store(kiosk *k)
{
	char path[1024];
	if (k->cfg.store[0]) {
		snprintf(path, sizeof path, "%s", k->cfg.store);
	} else {
		const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
		char dir[900];
		if (xdg && *xdg)
			snprintf(dir, sizeof dir, "%s/placard", xdg);
		else
			snprintf(dir, sizeof dir, "%s/.local/share/placard", home ? home : ".");
		/* Every missing folder on the way (mkdir -p): a fresh HOME has no
		 * ~/.local at all. */
		for (char *slash = strchr(dir + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
			*slash = '\0';
			mkdir(dir, 0700);
			*slash = '/';
		}
		mkdir(dir, 0700);
		snprintf(path, sizeof path, "%s/votes.db", dir);
	}
	kiosk_open_store(k, path);
}

int main(int argc, char **argv)
{
	options o = {.width = 1920, .height = 1080};
	int rc = parse_options(argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (o.hash_pin)
		return hash_pin();
	pl_kconfig cfg;
	const char *origin;
	if (load_config(&o, &cfg, &origin) != 0)
		return 1;
	if (o.write_config) {
		pl_kconfig_write(&cfg, stdout);
		return 0;
	}
	if (o.boxes && !o.specimen) {
		fprintf(stderr, "placard-kiosk: --boxes needs --specimen\n");
		return 2;
	}
	bool offline = o.screenshot || o.dump_layout || o.dump_text || o.speak_to;
	/* Signals are taken by the watcher thread (signalfd): blocked here,
	 * before SDL starts threads of its own, so that every thread has
	 * them blocked. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	if (!offline)
		pthread_sigmask(SIG_BLOCK, &set, NULL);
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	/* A file-size limit (RLIMIT_FSIZE) must fail the write (EFBIG, so
	 * SQLITE_FULL: voting pauses), not kill the kiosk. */
	signal(SIGXFSZ, SIG_IGN);
	if (offline)
		SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
	if (SDL_Init(offline ? 0 : SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
		fprintf(stderr, "placard-kiosk: cannot start SDL: %s\n", SDL_GetError());
		return 1;
	}
	/* No display reached (X not up yet, no DRM device): SDL would carry on
	 * with its offscreen driver and show nothing forever. Exit 1 instead,
	 * so that systemd starts the kiosk again. */
	const char *driver = SDL_GetCurrentVideoDriver();
	const char *asked = SDL_getenv("SDL_VIDEODRIVER");
	if (!offline && driver &&
	    (strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0) &&
	    !(asked && strcmp(asked, driver) == 0)) {
		fprintf(stderr,
		        "placard-kiosk: no display to show the kiosk on (SDL chose its %s "
		        "driver); is X, Wayland or a DRM device there?\n",
		        driver);
		TTF_Quit();
		SDL_Quit();
		return 1;
	}
	pl_diags diags = PL_DIAGS_INIT;
	kiosk k;
	rc = kiosk_open(&k, &cfg, origin, o.deck, &diags) == 0 ? 0 : 1;
	pl_diags_print(&diags, stderr);
	pl_diags_free(&diags);
	if (rc == 0 && o.trace && !(k.trace = fopen(o.trace, "w"))) {
		perror(o.trace);
		rc = 1;
	}
	if (rc == 0) {
		if (o.specimen)
			rc = o.screenshot ? specimen(&k, &o) : 2;
		else if (offline)
			rc = offscreen(&k, &o);
		else {
			if (o.time_scale >= 1)
				k.time_scale = o.time_scale;
			open_store(&k);
			rc = kiosk_run(&k, o.windowed, o.width, o.height);
		}
	}
	kiosk_close(&k);
	speech_shutdown();
	TTF_Quit();
	SDL_Quit();
	return rc;
}
