/*
 * input.h: keys, switches and keypads to actions. Which key does what is
 * configuration (pl_kconfig key.ACTION, SDL key names), not code: an
 * AudioNav-type keypad sends different codes by model, and switch
 * interfaces emulate whichever keys the host sets them to (BRIEF
 * section 4).
 */
#ifndef PLACARD_KIOSK_INPUT_H
#define PLACARD_KIOSK_INPUT_H

#include <SDL.h>
#include <stdbool.h>

#include "placard/diag.h"
#include "placard/kiosk_config.h"

typedef struct keymap {
	SDL_Keycode keys[PL_ACT_COUNT][PL_MAX_KEYS];
	int n[PL_ACT_COUNT];
	Uint16 chord_mods; /* KMOD_CTRL, KMOD_ALT, KMOD_SHIFT, KMOD_GUI as wanted */
	SDL_Keycode chord_key;
} keymap;

/* Resolves the configured key names; an unknown name is a warning in
 * diags (origin names the file) and is left out. */
void keymap_build(keymap *map, const pl_kconfig *cfg, const char *origin, pl_diags *diags);

/* The action a key press means, or -1. Shift+Tab is "focus-prev"
 * whatever the table says; keys held with Ctrl, Alt or the Super key
 * mean nothing (Alt+F4, Ctrl+Q, Ctrl+W are not ours to honour). */
int keymap_action(const keymap *map, const SDL_KeyboardEvent *key);

/* Whether the press is the admin chord. */
bool keymap_is_chord(const keymap *map, const SDL_KeyboardEvent *key);

/* The digit a key types ('0'..'9', main row or keypad), or 0. */
char keymap_digit(const SDL_KeyboardEvent *key);

#endif
