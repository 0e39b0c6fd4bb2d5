/*
 * render.h: draws a composed scene (scene.h) onto an SDL surface.
 */
#ifndef PLACARD_KIOSK_RENDER_H
#define PLACARD_KIOSK_RENDER_H

#include <SDL.h>

#include "compose.h"
#include "draw.h"
#include "scene.h"

/* Draws s on dst (which has s's size). Returns 0, or -1 when a run could
 * not be drawn (the reason in pl_draw_error; the rest is still drawn). */
int render_scene(pl_draw *draw, SDL_Surface *dst, const scene *s);

#endif
