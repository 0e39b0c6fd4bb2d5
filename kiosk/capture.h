/*
 * capture.h: --screenshot: one frame written to a file, so that tests and
 * people can look at the screen without a display.
 */
#ifndef PLACARD_KIOSK_CAPTURE_H
#define PLACARD_KIOSK_CAPTURE_H

#include <SDL.h>

/* Writes the surface to path: BMP when the name ends in ".bmp" (any case),
 * PNG otherwise (SDL2_image). Returns 0, or -1 with SDL's reason in
 * SDL_GetError. */
int capture_save(SDL_Surface *frame, const char *path);

#endif
