/*
 * input.c: key bindings (see input.h).
 */
#include "input.h"

#include <string.h>
#include <strings.h>

static bool parse_chord(const char *text, Uint16 *mods, SDL_Keycode *key)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%s", text);
	*mods = 0;
	char *part = buf;
	for (char *plus; (plus = strchr(part, '+')) && plus[1];) {
		*plus = '\0';
		if (strcasecmp(part, "ctrl") == 0)
			*mods |= KMOD_CTRL;
		else if (strcasecmp(part, "alt") == 0)
			*mods |= KMOD_ALT;
		else if (strcasecmp(part, "shift") == 0)
			*mods |= KMOD_SHIFT;
		else if (strcasecmp(part, "super") == 0)
			*mods |= KMOD_GUI;
		else
			return false;
		part = plus + 1;
	}
	*key = SDL_GetKeyFromName(part);
	return *key != SDLK_UNKNOWN;
}

void keymap_build(keymap *map, const pl_kconfig *cfg, const char *origin, pl_diags *diags)
{
	memset(map, 0, sizeof *map);
	for (int a = 0; a < PL_ACT_COUNT; a++)
		for (int k = 0; k < cfg->n_keys[a] && k < PL_MAX_KEYS; k++) {
			SDL_Keycode code = SDL_GetKeyFromName(cfg->keys[a][k]);
			if (code == SDLK_UNKNOWN) {
				pl_diags_add(diags, PL_WARNING, origin, 0, 0,
				             "key.%s: no key is called \"%s\" (SDL key names, e.g. "
				             "\"Right\", \"Keypad 6\", \"F1\")",
				             pl_action_name((pl_action)a), cfg->keys[a][k]);
				continue;
			}
			map->keys[a][map->n[a]++] = code;
		}
	if (!parse_chord(cfg->admin_chord, &map->chord_mods, &map->chord_key)) {
		pl_diags_add(diags, PL_WARNING, origin, 0, 0,
		             "admin-chord \"%s\" is not MODIFIERS+KEY; using Ctrl+Alt+Shift+P",
		             cfg->admin_chord);
		parse_chord("Ctrl+Alt+Shift+P", &map->chord_mods, &map->chord_key);
	}
}

/* Whether the held modifiers include each wanted kind (left or right). */
static bool has(Uint16 held, Uint16 kind)
{
	return (held & kind) != 0;
}

bool keymap_is_chord(const keymap *map, const SDL_KeyboardEvent *key)
{
	Uint16 held = key->keysym.mod;
	static const Uint16 kinds[] = {KMOD_CTRL, KMOD_ALT, KMOD_SHIFT, KMOD_GUI};
	if (key->keysym.sym != map->chord_key)
		return false;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (has(map->chord_mods, kinds[i]) != has(held, kinds[i]))
			return false;
	return true;
}

int keymap_action(const keymap *map, const SDL_KeyboardEvent *key)
{
	Uint16 held = key->keysym.mod;
	if (has(held, KMOD_CTRL) || has(held, KMOD_ALT) || has(held, KMOD_GUI))
		return -1;
	if (key->keysym.sym == SDLK_TAB && has(held, KMOD_SHIFT))
		return PL_ACT_FOCUS_PREV;
	for (int a = 0; a < PL_ACT_COUNT; a++)
		for (int k = 0; k < map->n[a]; k++)
			if (map->keys[a][k] == key->keysym.sym)
				return a;
	return -1;
}

char keymap_digit(const SDL_KeyboardEvent *key)
{
	SDL_Keycode k = key->keysym.sym;
	if (k >= SDLK_0 && k <= SDLK_9)
		return (char)('0' + (k - SDLK_0));
	if (k == SDLK_KP_0)
		return '0';
	if (k >= SDLK_KP_1 && k <= SDLK_KP_9)
		return (char)('1' + (k - SDLK_KP_1));
	return 0;
}
