/*
 * frame.h: the frames the kiosk can show today: the placeholder (the deck's
 * title and district, and a "coming soon" notice) and the specimen (the
 * deck's strings in one language at kiosk sizes, top to bottom, as many as
 * fit), both laid out by the core and drawn by draw.c.
 */
#ifndef PLACARD_KIOSK_FRAME_H
#define PLACARD_KIOSK_FRAME_H

#include <SDL.h>
#include <stdio.h>

#include "draw.h"
#include "placard/catalog.h"
#include "placard/deck.h"
#include "placard/fonts.h"

/* What one frame shows, in the visitor's language: each deck string with
 * its translation status, so that a fallback is drawn marked. */
typedef struct frame_text {
	const pl_deck *deck;
	const char *lang;          /* the frame's language (BCP 47) */
	const pl_catalog *content; /* the deck's catalogue for the language, or NULL */
	const pl_catalog *chrome;  /* the programs' catalogue, or NULL */
	int is_source;             /* the language is the deck's source language */
} frame_text;

/* How a frame is drawn: the renderer, the faces, and where to note each
 * run drawn ("x\ty\twidth\theight\ttext", pixels; NULL for nowhere). */
typedef struct frame_ink {
	pl_draw *draw;
	const pl_fonts *fonts;
	FILE *boxes;
} frame_ink;

/* The specimen frame on dst. Returns 0 or -1 as above. */
int frame_specimen(SDL_Surface *dst, const frame_text *ft, const frame_ink *ink);

#endif
