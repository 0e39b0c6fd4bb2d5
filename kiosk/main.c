/*
 * main.c: placard-kiosk. For now it loads and checks the deck, then shows its
 * title and a "coming" notice in a fullscreen SDL2 window in large type, and
 * can render that frame to a BMP file without a display (--screenshot). The
 * slide engine, languages, polls and access come in their own modules.
 */
#include <SDL.h>
#include <SDL_ttf.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "placard/chrome.h"
#include "placard/deck.h"
#include "placard/strbuf.h"
#include "placard/translate.h"

#define _(s) pl_catalog_get(chrome, NULL, (s), NULL)

typedef struct options {
	const char *deck;
	const char *screenshot;
	const char *lang;
	int width, height;
	int windowed;
	int dump_text;
} options;

/* What one frame shows, in the visitor's language: each deck string with
 * its translation status, so that a fallback is drawn marked. */
typedef struct frame_text {
	const pl_deck *deck;
	const pl_catalog *content; /* the deck's catalogue for the language, or NULL */
	const pl_catalog *chrome;  /* the programs' catalogue, or NULL */
	int is_source;             /* the language is the deck's source language */
} frame_text;

static void usage(FILE *f)
{
	fprintf(f,
	        "Usage: placard-kiosk [OPTIONS] DECK\n"
	        "\n"
	        "  --screenshot FILE   render one frame to FILE (BMP) without a display and exit\n"
	        "  --lang LANG         language of the deck and the kiosk's own words\n"
	        "                      (default: the deck's source language)\n"
	        "  --dump-text         print what the frame shows, one string a line with its\n"
	        "                      translation status, instead of drawing it\n"
	        "  --size WxH          window or screenshot size (default 1920x1080)\n"
	        "  --windowed          a window instead of fullscreen\n"
	        "  -h, --help          show this help and exit\n"
	        "  -V, --version       show the version and exit\n"
	        "\n"
	        "Exit status: 0 normal, 1 the deck or display could not be used, 2 wrong usage.\n");
}

static int parse_options(int argc, char **argv, options *o)
{
	static const struct option opts[] = {{"screenshot", required_argument, NULL, 's'},
	                                     {"lang", required_argument, NULL, 'l'},
	                                     {"size", required_argument, NULL, 'z'},
	                                     {"windowed", no_argument, NULL, 'w'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {"version", no_argument, NULL, 'V'},
	                                     {"dump-text", no_argument, NULL, 'd'},
	                                     {NULL, 0, NULL, 0}};
	int c;
	while ((c = getopt_long(argc, argv, "hV", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			o->screenshot = optarg;
			break;
		case 'l':
			o->lang = optarg;
			break;
		case 'z':
			if (sscanf(optarg, "%dx%d", &o->width, &o->height) != 2 || o->width < 320 ||
			    o->height < 240 || o->width > 8192 || o->height > 8192) {
				fprintf(stderr,
				        "placard-kiosk: --size takes WxH, e.g. 1920x1080\n");
				return 2;
			}
			break;
		case 'w':
			o->windowed = 1;
			break;
		case 'd':
			o->dump_text = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("placard-kiosk %s\n", PLACARD_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	o->deck = argv[optind];
	return -1;
}

/* Draws one line of text centred at y; returns its height. */
static int draw_centred(SDL_Surface *dst, TTF_Font *font, const char *text, int y, SDL_Color fg)
{
	SDL_Surface *s = TTF_RenderUTF8_Blended_Wrapped(font, text, fg, (Uint32)(dst->w * 9 / 10));
	if (!s)
		return 0;
	SDL_Rect r = {(dst->w - s->w) / 2, y, s->w, s->h};
	SDL_BlitSurface(s, NULL, dst, &r);
	int h = s->h;
	SDL_FreeSurface(s);
	return h;
}

/* A deck string in the frame's language. A string without a translation
 * comes back in the source language with its status, and the frame marks
 * it (never an empty box). */
static const char *frame_get(const frame_text *ft, const pl_text *t, pl_tr_status *status)
{
	const char *s = pl_text_get(t, ft->content, status);
	if (ft->is_source)
		*status = PL_TR_TRANSLATED;
	return s;
}

static const char *status_name(pl_tr_status st)
{
	static const char *const names[] = {"translated", "fuzzy", "untranslated", "missing"};
	return names[st];
}

/* The placeholder frame: dark text on white (contrast 15.3:1), the deck's
 * title at about 6 % of the screen height. With dump set, prints each
 * string and its status instead of drawing. */
static void render_frame(SDL_Surface *dst, const frame_text *ft, TTF_Font *big, TTF_Font *small,
                         FILE *dump)
{
	const pl_catalog *chrome = ft->chrome;
	const pl_text *texts[] = {&ft->deck->title, &ft->deck->district};
	TTF_Font *fonts[] = {big, small};
	const char *marker = _("(not yet translated)");
	const char *notice = _("The Placard kiosk is coming soon.");
	int any_fallback = 0;
	SDL_Color ink = {0x1A, 0x1A, 0x1A, 0xFF};
	int y = dst ? dst->h / 4 : 0;
	if (dst)
		SDL_FillRect(dst, NULL, SDL_MapRGB(dst->format, 0xFF, 0xFF, 0xFF));
	for (size_t i = 0; i < 2; i++) {
		pl_tr_status st;
		const char *s = frame_get(ft, texts[i], &st);
		any_fallback |= st != PL_TR_TRANSLATED;
		if (dump)
			fprintf(dump, "%s\t%s\t%s\n", texts[i]->id, status_name(st), s);
		else
			y += draw_centred(dst, fonts[i], s, y, ink) + dst->h / 30;
	}
	if (any_fallback) {
		if (dump)
			fprintf(dump, "marker\t\t%s\n", marker);
		else
			y += draw_centred(dst, small, marker, y, ink);
	}
	if (dump)
		fprintf(dump, "notice\t\t%s\n", notice);
	else
		draw_centred(dst, small, notice, y + dst->h / 10, ink);
}

int main(int argc, char **argv)
{
	options o = {NULL, NULL, NULL, 1920, 1080, 0, 0};
	int rc = parse_options(argc, argv, &o);
	if (rc >= 0)
		return rc;
	pl_diags diags = PL_DIAGS_INIT;
	pl_deck *deck = pl_deck_load(o.deck, &diags);
	if (!deck) {
		pl_diags_print(&diags, stderr);
		pl_diags_free(&diags);
		return 1;
	}
	if (!o.lang)
		o.lang = deck->source_language;
	frame_text ft = {deck, NULL, NULL, strcmp(o.lang, deck->source_language) == 0};
	pl_catalog *content = NULL;
	if (!ft.is_source) {
		char *po = pl_deck_catalog_path(deck, o.lang);
		FILE *f = po ? fopen(po, "r") : NULL;
		if (f) {
			fclose(f);
			/* A broken catalogue is reported and the deck shows in its
			 * source language, marked: the kiosk never goes blank. */
			content = pl_catalog_load(po, &diags);
		}
		free(po);
	}
	pl_catalog *chrome = pl_chrome_load(o.lang, &diags);
	ft.content = content;
	ft.chrome = chrome;
	pl_diags_print(&diags, stderr);
	pl_diags_free(&diags);
	if (o.dump_text) {
		render_frame(NULL, &ft, NULL, NULL, stdout);
		rc = 0;
		goto out;
	}
	if (o.screenshot)
		SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
	rc = 1;
	if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
		fprintf(stderr, "placard-kiosk: cannot start SDL: %s\n", SDL_GetError());
		goto out;
	}
	pl_strbuf font = PL_STRBUF_INIT;
	pl_strbuf_addf(&font, "%s/fonts/NotoSans-Regular.ttf", pl_data_dir());
	TTF_Font *big = TTF_OpenFont(pl_strbuf_str(&font), o.height / 16);
	TTF_Font *small = TTF_OpenFont(pl_strbuf_str(&font), o.height / 28);
	if (!big || !small) {
		fprintf(stderr, "placard-kiosk: %s: %s\n", pl_strbuf_str(&font), TTF_GetError());
	} else if (o.screenshot) {
		SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, o.width, o.height, 32,
		                                                SDL_PIXELFORMAT_ARGB8888);
		if (s) {
			render_frame(s, &ft, big, small, NULL);
			rc = SDL_SaveBMP(s, o.screenshot) == 0 ? 0 : 1;
			if (rc)
				fprintf(stderr, "placard-kiosk: %s: %s\n", o.screenshot,
				        SDL_GetError());
			SDL_FreeSurface(s);
		}
	} else {
		Uint32 flags = o.windowed ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP;
		SDL_Window *win =
		        SDL_CreateWindow("Placard", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
		                         o.width, o.height, flags);
		if (!win) {
			fprintf(stderr, "placard-kiosk: cannot open a window: %s\n",
			        SDL_GetError());
		} else {
			rc = 0;
			int redraw = 1;
			for (;;) {
				SDL_Event ev;
				if (redraw) {
					SDL_Surface *s = SDL_GetWindowSurface(win);
					if (s) {
						render_frame(s, &ft, big, small, NULL);
						SDL_UpdateWindowSurface(win);
					}
					redraw = 0;
				}
				/* Blocks until something happens: no spinning. */
				if (!SDL_WaitEvent(&ev) || ev.type == SDL_QUIT)
					break;
				if (ev.type == SDL_WINDOWEVENT)
					redraw = 1;
			}
			SDL_DestroyWindow(win);
		}
	}
	if (big)
		TTF_CloseFont(big);
	if (small)
		TTF_CloseFont(small);
	pl_strbuf_release(&font);
	TTF_Quit();
	SDL_Quit();
out:
	pl_catalog_free(content);
	pl_catalog_free(chrome);
	pl_deck_free(deck);
	return rc;
}
