/*
 * main.c: placard-kiosk. For now it loads and checks the deck, then shows its
 * title and a "coming" notice in a fullscreen SDL2 window in large type, or
 * a specimen of the deck's strings in one language (--specimen), and can
 * render that frame to a PNG file without a display (--screenshot). The
 * slide engine, polls and access come in their own modules.
 */
#include <SDL.h>
#include <SDL_ttf.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "draw.h"
#include "frame.h"
#include "placard/chrome.h"
#include "placard/deck.h"
#include "placard/fonts.h"
#include "placard/strbuf.h"
#include "placard/translate.h"

typedef struct options {
	const char *deck;
	const char *screenshot;
	const char *lang;
	const char *boxes; /* --boxes FILE: one line per drawn run */
	int width, height;
	int windowed;
	int dump_text;
	int specimen;
} options;

static void usage(FILE *f)
{
	fprintf(f,
	        "Usage: placard-kiosk [OPTIONS] DECK\n"
	        "\n"
	        "  --screenshot FILE   render one frame to FILE without a display and exit\n"
	        "                      (PNG; BMP when FILE ends in .bmp)\n"
	        "  --specimen          show the deck's strings in the language at kiosk sizes,\n"
	        "                      as many as fit, instead of the title frame\n"
	        "  --boxes FILE        write each drawn run as x, y, width, height (pixels)\n"
	        "                      and its text, tab-separated, one a line\n"
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
	                                     {"specimen", no_argument, NULL, 'p'},
	                                     {"boxes", required_argument, NULL, 'b'},
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
		case 'p':
			o->specimen = 1;
			break;
		case 'b':
			o->boxes = optarg;
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

/* One frame of the chosen kind on dst. */
static int render(SDL_Surface *dst, const options *o, const frame_text *ft, const frame_ink *ink)
{
	pl_draw_clear_error(ink->draw);
	int rc = o->specimen ? frame_specimen(dst, ft, ink) : frame_placeholder(dst, ft, ink, NULL);
	if (rc != 0)
		fprintf(stderr, "placard-kiosk: %s\n",
		        pl_draw_error(ink->draw) ? pl_draw_error(ink->draw) : "out of memory");
	return rc;
}

/* --screenshot: the frame, offscreen, to a file (and its runs to --boxes). */
static int screenshot(const options *o, const frame_text *ft, frame_ink *ink)
{
	FILE *boxes = NULL;
	if (o->boxes && !(boxes = fopen(o->boxes, "w"))) {
		perror(o->boxes);
		return 1;
	}
	ink->boxes = boxes;
	int rc = 1;
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, o->width, o->height, 32,
	                                                SDL_PIXELFORMAT_ARGB8888);
	if (!s) {
		fprintf(stderr, "placard-kiosk: %s\n", SDL_GetError());
	} else if (render(s, o, ft, ink) == 0) {
		rc = capture_save(s, o->screenshot) == 0 ? 0 : 1;
		if (rc)
			fprintf(stderr, "placard-kiosk: %s: %s\n", o->screenshot, SDL_GetError());
	}
	SDL_FreeSurface(s);
	ink->boxes = NULL;
	if (boxes && fclose(boxes) != 0) {
		perror(o->boxes);
		rc = 1;
	}
	return rc;
}

/* The window: redrawn on window events only; blocks in between. */
static int run_window(const options *o, const frame_text *ft, frame_ink *ink)
{
	Uint32 flags = o->windowed ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP;
	SDL_Window *win = SDL_CreateWindow("Placard", SDL_WINDOWPOS_CENTERED,
	                                   SDL_WINDOWPOS_CENTERED, o->width, o->height, flags);
	if (!win) {
		fprintf(stderr, "placard-kiosk: cannot open a window: %s\n", SDL_GetError());
		return 1;
	}
	int redraw = 1;
	for (;;) {
		SDL_Event ev;
		if (redraw) {
			SDL_Surface *s = SDL_GetWindowSurface(win);
			if (s) {
				render(s, o, ft, ink);
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
	return 0;
}

/* The faces, the renderer and SDL around screenshot or run_window. */
static int show(const options *o, const frame_text *ft)
{
	if (o->screenshot)
		SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
	if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
		fprintf(stderr, "placard-kiosk: cannot start SDL: %s\n", SDL_GetError());
		return 1;
	}
	int rc = 1;
	pl_diags diags = PL_DIAGS_INIT;
	pl_strbuf dir = PL_STRBUF_INIT;
	pl_strbuf_addf(&dir, "%s/fonts", pl_data_dir());
	pl_fonts *fonts = pl_fonts_open(pl_strbuf_str(&dir), &diags);
	pl_diags_print(&diags, stderr);
	pl_diags_free(&diags);
	pl_draw *draw = fonts ? pl_draw_new(fonts) : NULL;
	if (fonts && !draw)
		fprintf(stderr, "placard-kiosk: out of memory\n");
	if (draw) {
		frame_ink ink = {draw, fonts, NULL};
		rc = o->screenshot ? screenshot(o, ft, &ink) : run_window(o, ft, &ink);
	}
	pl_draw_free(draw);
	pl_fonts_free(fonts);
	pl_strbuf_release(&dir);
	TTF_Quit();
	SDL_Quit();
	return rc;
}

int main(int argc, char **argv)
{
	options o = {NULL, NULL, NULL, NULL, 1920, 1080, 0, 0, 0};
	int rc = parse_options(argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (o.boxes && !o.screenshot) {
		fprintf(stderr, "placard-kiosk: --boxes needs --screenshot\n");
		return 2;
	}
	pl_diags diags = PL_DIAGS_INIT;
	pl_deck *deck = pl_deck_load(o.deck, &diags);
	if (!deck) {
		pl_diags_print(&diags, stderr);
		pl_diags_free(&diags);
		return 1;
	}
	if (!o.lang)
		o.lang = deck->source_language;
	frame_text ft = {deck, o.lang, NULL, NULL, strcmp(o.lang, deck->source_language) == 0};
	pl_catalog *content = NULL;
	/* A broken catalogue is reported and the deck shows in its source
	 * language, marked: the kiosk never goes blank. */
	if (!ft.is_source)
		content = pl_deck_catalog_load(deck, o.lang, &diags, NULL);
	pl_catalog *chrome = pl_chrome_load(o.lang, &diags);
	ft.content = content;
	ft.chrome = chrome;
	pl_diags_print(&diags, stderr);
	pl_diags_free(&diags);
	if (o.dump_text)
		rc = frame_placeholder(NULL, &ft, NULL, stdout);
	else
		rc = show(&o, &ft);
	pl_catalog_free(content);
	pl_catalog_free(chrome);
	pl_deck_free(deck);
	return rc;
}
