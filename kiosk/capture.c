/*
 * capture.c: a frame to a PNG (the format BRIEF section 2 asks of
 * --screenshot) or, for the older tests that read it without a decoder,
 * a BMP.
 */
#include "capture.h"

#include <SDL_image.h>
#include <string.h>
#include <strings.h>

static int ends_with_bmp(const char *path)
{
	size_t n = strlen(path);
	return n >= 4 && strcasecmp(path + n - 4, ".bmp") == 0;
}

int capture_save(SDL_Surface *frame, const char *path)
{
	if (ends_with_bmp(path))
		return SDL_SaveBMP(frame, path) == 0 ? 0 : -1;
	return IMG_SavePNG(frame, path) == 0 ? 0 : -1;
}
