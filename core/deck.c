/*
 * deck.c: deck.yaml -> pl_deck; see deck.h and docs/deck-format.md.
 *
 * Two passes over one arena: libyaml's events become a tree of positioned
 * nodes (yaml_tree.c), then this file walks the tree against the format,
 * filling the model and reporting every problem it finds as one line that
 * points at the offending node. It keeps going after an error where it can,
 * so a host sees all the mistakes in one run, and returns NULL if any error
 * was found.
 */
#include "placard/deck.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "placard/strbuf.h"
#include "placard/text.h"
#include "yaml_tree.h"

typedef struct loader {
	pl_deck *deck;
	pl_arena *arena;
	pl_diags *diags;
	const char *file;
	const pl_text **texts; /* malloc'd while loading, copied to the arena at the end */
	size_t n_texts, cap_texts;
	bool has_survey; /* the deck has a 'survey' (even one with errors) */
	int oom;
} loader;

static const char *const kind_names[] = {
        [PL_SLIDE_TITLE] = "title",   [PL_SLIDE_STATEMENT] = "statement",
        [PL_SLIDE_VALUES] = "values", [PL_SLIDE_CARDS] = "cards",
        [PL_SLIDE_LIST] = "list",     [PL_SLIDE_TABLE] = "table",
        [PL_SLIDE_POLL] = "poll",     [PL_SLIDE_SURVEY] = "survey",
};
#define N_KINDS (sizeof(kind_names) / sizeof(kind_names[0]))

const char *pl_slide_kind_name(pl_slide_kind kind)
{
	return (size_t)kind < N_KINDS ? kind_names[kind] : "?";
}

/* ------------------------------------------------------------------ */
/* Reporting                                                           */

static void problem(loader *ld, pl_severity sev, const pl_ynode *at, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static void problem(loader *ld, pl_severity sev, const pl_ynode *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pl_diags_vadd(ld->diags, sev, ld->file, at ? at->line : 0, at ? at->col : 0, fmt, ap);
	va_end(ap);
}

#define error_at(ld, at, ...) problem(ld, PL_ERROR, at, __VA_ARGS__)
#define warning_at(ld, at, ...) problem(ld, PL_WARNING, at, __VA_ARGS__)

static void *alloc_n(loader *ld, size_t n, size_t size)
{
	if (n && size > (size_t)-1 / n) {
		ld->oom = 1;
		return NULL;
	}
	void *p = pl_arena_alloc(ld->arena, n * size);
	if (!p)
		ld->oom = 1;
	return p;
}

static const char *path_join(loader *ld, const char *prefix, const char *key)
{
	const char *p = pl_arena_printf(ld->arena, "%s/%s", prefix, key);
	if (!p)
		ld->oom = 1;
	return p;
}

/* ------------------------------------------------------------------ */
/* Mappings and keys                                                   */

static bool expect_type(loader *ld, const pl_ynode *node, pl_ynode_type type, const char *what)
{
	if (node->type == type)
		return true;
	const char *want = type == PL_Y_MAP ? "a mapping" : type == PL_Y_SEQ ? "a list" : "text";
	if (node->type == PL_Y_SCALAR && node->len == 0 && node->plain)
		error_at(ld, node, "%s is empty; expected %s", what, want);
	else
		error_at(ld, node, "%s must be %s, not %s", what, want, pl_ynode_kind(node));
	return false;
}

static const pl_ynode *map_get(const pl_ynode *map, const char *key)
{
	for (size_t i = 0; i + 1 < map->n_kids; i += 2) {
		const pl_ynode *k = map->kids[i];
		if (k->type == PL_Y_SCALAR && strcmp(k->scalar, key) == 0)
			return map->kids[i + 1];
	}
	return NULL;
}

/* Reports keys that are not scalars, appear twice, or are not in allowed
 * (a warning, with the closest allowed key when one is near). */
static void check_keys(loader *ld, const pl_ynode *map, const char *const *allowed,
                       const char *where)
{
	for (size_t i = 0; i + 1 < map->n_kids; i += 2) {
		const pl_ynode *k = map->kids[i];
		if (k->type != PL_Y_SCALAR) {
			error_at(ld, k, "a key in %s must be a plain word, not %s", where,
			         pl_ynode_kind(k));
			continue;
		}
		for (size_t j = 0; j < i; j += 2) {
			const pl_ynode *prev = map->kids[j];
			if (prev->type == PL_Y_SCALAR && strcmp(prev->scalar, k->scalar) == 0) {
				error_at(ld, k, "duplicate key '%s' in %s (first at line %u)",
				         k->scalar, where, prev->line);
				break;
			}
		}
		bool known = false;
		const char *best = NULL;
		unsigned best_d = 99;
		for (size_t a = 0; allowed[a]; a++) {
			if (strcmp(allowed[a], k->scalar) == 0) {
				known = true;
				break;
			}
			unsigned d = pl_edit_distance(allowed[a], k->scalar);
			if (d < best_d) {
				best_d = d;
				best = allowed[a];
			}
		}
		if (known)
			continue;
		size_t len = strlen(k->scalar);
		if (best && best_d <= (len > 5 ? 2u : 1u))
			warning_at(ld, k, "unknown key '%s' in %s; did you mean '%s'?", k->scalar,
			           where, best);
		else
			warning_at(ld, k, "unknown key '%s' in %s (ignored)", k->scalar, where);
	}
}

/* ------------------------------------------------------------------ */
/* Scalars                                                             */

static bool plain_word(loader *ld, const pl_ynode *node, const char *what)
{
	if (!expect_type(ld, node, PL_Y_SCALAR, what))
		return false;
	if (node->len == 0) {
		error_at(ld, node, "%s is empty", what);
		return false;
	}
	return true;
}

/* A required or optional scalar that is not translated (ids, URLs). */
static const char *get_scalar(loader *ld, const pl_ynode *map, const char *key, bool required,
                              const char *where)
{
	const pl_ynode *v = map_get(map, key);
	if (!v) {
		if (required)
			error_at(ld, map, "%s is missing '%s'", where, key);
		return NULL;
	}
	char what[160];
	snprintf(what, sizeof what, "'%s' in %s", key, where);
	return plain_word(ld, v, what) ? v->scalar : NULL;
}

static const char *get_slug(loader *ld, const pl_ynode *map, const char *key, bool required,
                            const char *where)
{
	const char *s = get_scalar(ld, map, key, required, where);
	if (s && !pl_slug_valid(s)) {
		error_at(ld, map_get(map, key),
		         "'%s' must be a short name of a-z, 0-9 and '-' (1 to 64 characters), not "
		         "'%s'",
		         key, s);
		return NULL;
	}
	return s;
}

static int get_bool(loader *ld, const pl_ynode *map, const char *key, bool fallback)
{
	const pl_ynode *v = map_get(map, key);
	if (!v)
		return fallback;
	if (v->type == PL_Y_SCALAR) {
		static const char *const yes[] = {"true", "yes", "True", "Yes",
		                                  "TRUE", "YES", NULL};
		static const char *const no[] = {"false", "no", "False", "No", "FALSE", "NO", NULL};
		for (size_t i = 0; yes[i]; i++)
			if (strcmp(v->scalar, yes[i]) == 0)
				return true;
		for (size_t i = 0; no[i]; i++)
			if (strcmp(v->scalar, no[i]) == 0)
				return false;
	}
	error_at(ld, v, "'%s' must be true or false", key);
	return fallback;
}

static void push_text(loader *ld, const pl_text *t)
{
	if (ld->n_texts == ld->cap_texts) {
		size_t cap = ld->cap_texts ? ld->cap_texts * 2 : 64;
		const pl_text **p = realloc(ld->texts, cap * sizeof(const pl_text *));
		if (!p) {
			ld->oom = 1;
			return;
		}
		ld->texts = p;
		ld->cap_texts = cap;
	}
	ld->texts[ld->n_texts++] = t;
}

/* Checks a text for characters that would show as boxes or hide content, and
 * drops trailing white space (block scalars end in a newline). */
static bool clean_text(loader *ld, const pl_ynode *node, const char *what, size_t *len)
{
	const unsigned char *s = (const unsigned char *)node->scalar;
	size_t n = node->len;
	if (memchr(s, 0, n)) {
		error_at(ld, node, "%s contains a NUL character", what);
		return false;
	}
	uint32_t cp;
	size_t at;
	const char *why = pl_text_unshowable(node->scalar, n, &cp, &at);
	if (why) {
		error_at(ld, node, "%s contains %s U+%04X", what, why, (unsigned)cp);
		return false;
	}
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	/* A plain ~ or null is YAML's "nothing", not the text "~". */
	if (node->plain && (strcmp(node->scalar, "~") == 0 || strcmp(node->scalar, "null") == 0 ||
	                    strcmp(node->scalar, "Null") == 0 || strcmp(node->scalar, "NULL") == 0))
		n = 0;
	if (n == 0) {
		error_at(ld, node, "%s is empty", what);
		return false;
	}
	*len = n;
	return true;
}

/* Fills out from the value node; id is the string's stable id. */
static void text_from_node(loader *ld, const pl_ynode *v, const char *id, const char *what,
                           pl_text *out)
{
	size_t len;
	if (!expect_type(ld, v, PL_Y_SCALAR, what) || !clean_text(ld, v, what, &len))
		return;
	out->src = pl_arena_strndup(ld->arena, v->scalar, len);
	out->id = id;
	out->line = v->line;
	out->col = v->col;
	if (!out->src)
		ld->oom = 1;
	else
		push_text(ld, out);
}

static void get_text(loader *ld, const pl_ynode *map, const char *key, const char *prefix,
                     bool required, const char *where, pl_text *out)
{
	const pl_ynode *v = map_get(map, key);
	if (!v) {
		if (required)
			error_at(ld, map, "%s is missing '%s'", where, key);
		return;
	}
	char what[200];
	snprintf(what, sizeof what, "'%s' in %s", key, where);
	const char *id = path_join(ld, prefix, key);
	if (id)
		text_from_node(ld, v, id, what, out);
}

/* ------------------------------------------------------------------ */
/* Lists of entries                                                    */

/* The key of entry i (from 1) of a list: its 'id' if it has one, else its
 * position. */
static const char *entry_key(loader *ld, const pl_ynode *entry, size_t i, const char *where)
{
	if (entry->type == PL_Y_MAP && map_get(entry, "id"))
		return get_slug(ld, entry, "id", false, where);
	const char *k = pl_arena_printf(ld->arena, "%zu", i + 1);
	if (!k)
		ld->oom = 1;
	return k;
}

/* Reports a key that two entries of one list share. */
static void check_unique_keys(loader *ld, const pl_ynode *seq, const char *const *keys, size_t n,
                              const char *what)
{
	for (size_t i = 0; i < n; i++) {
		if (!keys[i])
			continue;
		for (size_t j = 0; j < i; j++) {
			if (keys[j] && strcmp(keys[i], keys[j]) == 0) {
				error_at(ld, seq->kids[i],
				         "duplicate %s id '%s' (first at line %u)", what, keys[i],
				         seq->kids[j]->line);
				break;
			}
		}
	}
}

static const char *const item_keys[] = {"id", "text", "numbered", "items", NULL};

static pl_item *load_items(loader *ld, const pl_ynode *seq, const char *prefix, unsigned depth,
                           size_t *n_out);

static void load_item(loader *ld, const pl_ynode *node, const char *id, unsigned depth,
                      pl_item *item)
{
	if (node->type == PL_Y_SCALAR) {
		text_from_node(ld, node, id, "a list item", &item->text);
		return;
	}
	if (node->type != PL_Y_MAP) {
		error_at(ld, node, "a list item must be text or a mapping with 'text', not %s",
		         pl_ynode_kind(node));
		return;
	}
	check_keys(ld, node, item_keys, "a list item");
	const pl_ynode *v = map_get(node, "text");
	if (!v)
		error_at(ld, node, "a list item is missing 'text'");
	else
		text_from_node(ld, v, id, "'text' in a list item", &item->text);
	item->numbered = get_bool(ld, node, "numbered", false);
	const pl_ynode *kids = map_get(node, "items");
	if (kids) {
		if (depth + 1 >= PL_DECK_MAX_LIST_DEPTH) {
			error_at(ld, kids, "lists nest at most %d deep", PL_DECK_MAX_LIST_DEPTH);
			return;
		}
		const char *sub = path_join(ld, id, "items");
		if (sub)
			item->children = load_items(ld, kids, sub, depth + 1, &item->n_children);
	}
}

static pl_item *load_items(loader *ld, const pl_ynode *seq, const char *prefix, unsigned depth,
                           size_t *n_out)
{
	*n_out = 0;
	if (!expect_type(ld, seq, PL_Y_SEQ, "'items'"))
		return NULL;
	if (seq->n_kids == 0) {
		error_at(ld, seq, "'items' is an empty list");
		return NULL;
	}
	pl_item *items = alloc_n(ld, seq->n_kids, sizeof(*items));
	const char **keys = alloc_n(ld, seq->n_kids, sizeof(*keys));
	if (!items || !keys)
		return NULL;
	for (size_t i = 0; i < seq->n_kids; i++) {
		keys[i] = entry_key(ld, seq->kids[i], i, "a list item");
		const char *id = keys[i] ? path_join(ld, prefix, keys[i]) : NULL;
		if (id)
			load_item(ld, seq->kids[i], id, depth, &items[i]);
	}
	check_unique_keys(ld, seq, keys, seq->n_kids, "list item");
	*n_out = seq->n_kids;
	return items;
}

/* A list of mappings under key (required or not), each loaded by fn. */
typedef void (*entry_fn)(loader *ld, const pl_ynode *entry, const char *prefix, void *out);

static void *load_entries(loader *ld, const pl_ynode *slide, const char *key, const char *slide_id,
                          size_t elem_size, const char *what, const char *const *allowed,
                          bool id_required, entry_fn fn, size_t *n_out)
{
	*n_out = 0;
	const pl_ynode *seq = map_get(slide, key);
	char where[160];
	snprintf(where, sizeof where, "slide '%s'", slide_id);
	if (!seq) {
		error_at(ld, slide, "%s is missing '%s'", where, key);
		return NULL;
	}
	char list_what[240];
	snprintf(list_what, sizeof list_what, "'%s' in %s", key, where);
	if (!expect_type(ld, seq, PL_Y_SEQ, list_what))
		return NULL;
	if (seq->n_kids == 0) {
		error_at(ld, seq, "%s is an empty list", list_what);
		return NULL;
	}
	unsigned char *out = alloc_n(ld, seq->n_kids, elem_size);
	const char **keys = alloc_n(ld, seq->n_kids, sizeof(*keys));
	if (!out || !keys)
		return NULL;
	snprintf(where, sizeof where, "a %s of slide '%s'", what, slide_id);
	const char *prefix = path_join(ld, slide_id, key);
	for (size_t i = 0; i < seq->n_kids && prefix; i++) {
		const pl_ynode *e = seq->kids[i];
		if (!expect_type(ld, e, PL_Y_MAP, where))
			continue;
		check_keys(ld, e, allowed, where);
		keys[i] = id_required ? get_slug(ld, e, "id", true, where)
		                      : entry_key(ld, e, i, where);
		/* The key is the first field of every entry struct. */
		memcpy(out + i * elem_size, &keys[i], sizeof(keys[i]));
		const char *entry_prefix = keys[i] ? path_join(ld, prefix, keys[i]) : NULL;
		if (entry_prefix)
			fn(ld, e, entry_prefix, out + i * elem_size);
	}
	check_unique_keys(ld, seq, keys, seq->n_kids, what);
	*n_out = seq->n_kids;
	return out;
}

static void load_value(loader *ld, const pl_ynode *e, const char *prefix, void *out)
{
	pl_value *v = out;
	get_text(ld, e, "name", prefix, true, "a value", &v->name);
	get_text(ld, e, "statement", prefix, false, "a value", &v->statement);
	const pl_ynode *seq = map_get(e, "behaviours");
	if (!seq)
		return;
	if (!expect_type(ld, seq, PL_Y_SEQ, "'behaviours'"))
		return;
	if (seq->n_kids == 0) {
		error_at(ld, seq, "'behaviours' is an empty list; leave it out instead");
		return;
	}
	v->behaviours = alloc_n(ld, seq->n_kids, sizeof(*v->behaviours));
	const char *base = path_join(ld, prefix, "behaviours");
	if (!v->behaviours || !base)
		return;
	for (size_t i = 0; i < seq->n_kids; i++) {
		const char *id = pl_arena_printf(ld->arena, "%s/%zu", base, i + 1);
		if (id)
			text_from_node(ld, seq->kids[i], id, "a behaviour", &v->behaviours[i]);
	}
	v->n_behaviours = seq->n_kids;
}

static void load_card(loader *ld, const pl_ynode *e, const char *prefix, void *out)
{
	pl_card *c = out;
	get_text(ld, e, "label", prefix, false, "a card", &c->label);
	get_text(ld, e, "title", prefix, true, "a card", &c->title);
	get_text(ld, e, "text", prefix, false, "a card", &c->text);
	get_text(ld, e, "items_heading", prefix, false, "a card", &c->items_heading);
	c->numbered = get_bool(ld, e, "numbered", false);
	const pl_ynode *items = map_get(e, "items");
	const char *base = path_join(ld, prefix, "items");
	if (items && base)
		c->items = load_items(ld, items, base, 0, &c->n_items);
}

static void load_column(loader *ld, const pl_ynode *e, const char *prefix, void *out)
{
	pl_column *c = out;
	pl_text *t = &c->label;
	const pl_ynode *v = map_get(e, "label");
	if (!v)
		error_at(ld, e, "a column is missing 'label'");
	else
		text_from_node(ld, v, prefix, "'label' in a column", t);
}

static void load_choice(loader *ld, const pl_ynode *e, const char *prefix, void *out)
{
	pl_choice *c = out;
	const pl_ynode *v = map_get(e, "label");
	if (!v)
		error_at(ld, e, "a choice is missing 'label'");
	else
		text_from_node(ld, v, prefix, "'label' in a choice", &c->label);
}

/* Table rows need the columns, so they are not a plain entry_fn. */
static void load_row_cells(loader *ld, const pl_ynode *e, const char *prefix, pl_row *row,
                           const pl_slide *slide)
{
	row->cells = alloc_n(ld, slide->n_columns ? slide->n_columns : 1, sizeof(*row->cells));
	const pl_ynode *cells = map_get(e, "cells");
	if (!cells) {
		error_at(ld, e, "a row is missing 'cells'");
		return;
	}
	if (!expect_type(ld, cells, PL_Y_MAP, "'cells' in a row") || !row->cells)
		return;
	for (size_t i = 0; i + 1 < cells->n_kids; i += 2) {
		const pl_ynode *k = cells->kids[i];
		if (k->type != PL_Y_SCALAR)
			continue;
		size_t col = 0;
		while (col < slide->n_columns && !(slide->columns[col].key &&
		                                   strcmp(slide->columns[col].key, k->scalar) == 0))
			col++;
		if (col == slide->n_columns) {
			error_at(ld, k, "row cell '%s' names no column of slide '%s'", k->scalar,
			         slide->id);
			continue;
		}
		const char *id = path_join(ld, prefix, k->scalar);
		if (id)
			text_from_node(ld, cells->kids[i + 1], id, "a table cell",
			               &row->cells[col]);
	}
	for (size_t i = 0; i + 1 < cells->n_kids; i += 2)
		for (size_t j = 0; j < i; j += 2)
			if (cells->kids[i]->type == PL_Y_SCALAR &&
			    cells->kids[j]->type == PL_Y_SCALAR &&
			    strcmp(cells->kids[i]->scalar, cells->kids[j]->scalar) == 0)
				error_at(ld, cells->kids[i], "duplicate cell '%s' in a row",
				         cells->kids[i]->scalar);
}

static void load_rows(loader *ld, const pl_ynode *slide_node, pl_slide *slide)
{
	static const char *const row_keys[] = {"id", "cells", NULL};
	const pl_ynode *seq = map_get(slide_node, "rows");
	if (!seq) {
		error_at(ld, slide_node, "slide '%s' is missing 'rows'", slide->id);
		return;
	}
	if (!expect_type(ld, seq, PL_Y_SEQ, "'rows'"))
		return;
	if (seq->n_kids == 0) {
		error_at(ld, seq, "'rows' is an empty list");
		return;
	}
	slide->rows = alloc_n(ld, seq->n_kids, sizeof(*slide->rows));
	const char **keys = alloc_n(ld, seq->n_kids, sizeof(*keys));
	const char *prefix = path_join(ld, slide->id, "rows");
	if (!slide->rows || !keys || !prefix)
		return;
	for (size_t i = 0; i < seq->n_kids; i++) {
		const pl_ynode *e = seq->kids[i];
		if (!expect_type(ld, e, PL_Y_MAP, "a table row"))
			continue;
		check_keys(ld, e, row_keys, "a table row");
		keys[i] = entry_key(ld, e, i, "a table row");
		slide->rows[i].key = keys[i];
		const char *rp = keys[i] ? path_join(ld, prefix, keys[i]) : NULL;
		if (rp)
			load_row_cells(ld, e, rp, &slide->rows[i], slide);
	}
	check_unique_keys(ld, seq, keys, seq->n_kids, "row");
	slide->n_rows = seq->n_kids;
}

/* ------------------------------------------------------------------ */
/* Slides                                                              */

static const char *const common_keys[] = {"id", "kind", "heading", "subheading", "intro", "outro"};
#define N_COMMON (sizeof(common_keys) / sizeof(common_keys[0]))

static const char *const *kind_keys(pl_slide_kind kind)
{
	static const char *const title[] = {"title", "subtitle", NULL};
	static const char *const statement[] = {"text", NULL};
	static const char *const values[] = {"values", NULL};
	static const char *const cards[] = {"cards", NULL};
	static const char *const list[] = {"items", "numbered", NULL};
	static const char *const table[] = {"columns", "rows", NULL};
	static const char *const poll[] = {"question", "style", "choices", NULL};
	static const char *const survey[] = {"text", "items", "numbered", NULL};
	static const char *const *const by_kind[] = {title, statement, values, cards,
	                                             list,  table,     poll,   survey};
	return by_kind[kind];
}

static void default_agreement(loader *ld, pl_slide *s, const pl_ynode *at)
{
	static const char *const ids[] = {"strongly-disagree", "disagree", "neutral", "agree",
	                                  "strongly-agree"};
	static const char *const labels[] = {"Strongly disagree", "Disagree",
	                                     "Neither agree nor disagree", "Agree",
	                                     "Strongly agree"};
	s->choices = alloc_n(ld, 5, sizeof(*s->choices));
	if (!s->choices)
		return;
	for (size_t i = 0; i < 5; i++) {
		pl_choice *c = &s->choices[i];
		c->key = ids[i];
		c->label.src = labels[i];
		c->label.id = pl_arena_printf(ld->arena, "%s/choices/%s", s->id, ids[i]);
		c->label.line = at->line;
		c->label.col = at->col;
		if (!c->label.id)
			ld->oom = 1;
		else
			push_text(ld, &c->label);
	}
	s->n_choices = 5;
}

static void load_poll(loader *ld, const pl_ynode *node, pl_slide *s, const char *where)
{
	static const char *const choice_keys[] = {"id", "label", NULL};
	get_text(ld, node, "question", s->id, true, where, &s->question);
	const pl_ynode *style = map_get(node, "style");
	s->style = PL_POLL_SINGLE;
	if (style) {
		if (style->type == PL_Y_SCALAR && strcmp(style->scalar, "agreement") == 0)
			s->style = PL_POLL_AGREEMENT;
		else if (!(style->type == PL_Y_SCALAR && strcmp(style->scalar, "single") == 0))
			error_at(ld, style, "poll 'style' must be 'single' or 'agreement'");
	}
	if (s->style == PL_POLL_AGREEMENT && !map_get(node, "choices")) {
		default_agreement(ld, s, node);
		return;
	}
	s->choices = load_entries(ld, node, "choices", s->id, sizeof(pl_choice), "choice",
	                          choice_keys, true, load_choice, &s->n_choices);
	if (s->choices && (s->n_choices < 2 || s->n_choices > 8))
		error_at(ld, map_get(node, "choices"), "a poll has 2 to 8 choices, not %zu",
		         s->n_choices);
}

static void load_slide_body(loader *ld, const pl_ynode *node, pl_slide *s, const char *where)
{
	static const char *const value_keys[] = {"id", "name", "statement", "behaviours", NULL};
	static const char *const card_keys[] = {
	        "id", "label", "title", "text", "items_heading", "items", "numbered", NULL};
	static const char *const column_keys[] = {"id", "label", NULL};
	const pl_ynode *items;
	switch (s->kind) {
	case PL_SLIDE_TITLE:
		get_text(ld, node, "title", s->id, true, where, &s->title);
		get_text(ld, node, "subtitle", s->id, false, where, &s->subtitle);
		break;
	case PL_SLIDE_STATEMENT:
		get_text(ld, node, "text", s->id, true, where, &s->text);
		break;
	case PL_SLIDE_VALUES:
		s->values = load_entries(ld, node, "values", s->id, sizeof(pl_value), "value",
		                         value_keys, false, load_value, &s->n_values);
		break;
	case PL_SLIDE_CARDS:
		s->cards = load_entries(ld, node, "cards", s->id, sizeof(pl_card), "card",
		                        card_keys, false, load_card, &s->n_cards);
		break;
	case PL_SLIDE_LIST:
	case PL_SLIDE_SURVEY:
		if (s->kind == PL_SLIDE_SURVEY) {
			get_text(ld, node, "text", s->id, false, where, &s->text);
			if (!ld->has_survey)
				error_at(ld, node,
				         "slide '%s' is a survey but the deck has no 'survey'",
				         s->id);
		}
		s->numbered = get_bool(ld, node, "numbered", false);
		items = map_get(node, "items");
		if (!items && s->kind == PL_SLIDE_LIST)
			error_at(ld, node, "%s is missing 'items'", where);
		if (items) {
			const char *p = path_join(ld, s->id, "items");
			if (p)
				s->items = load_items(ld, items, p, 0, &s->n_items);
		}
		break;
	case PL_SLIDE_TABLE:
		s->columns = load_entries(ld, node, "columns", s->id, sizeof(pl_column), "column",
		                          column_keys, true, load_column, &s->n_columns);
		if (s->columns)
			load_rows(ld, node, s);
		break;
	case PL_SLIDE_POLL:
		load_poll(ld, node, s, where);
		break;
	}
}

static bool parse_kind(loader *ld, const pl_ynode *v, pl_slide_kind *kind)
{
	if (!plain_word(ld, v, "'kind'"))
		return false;
	for (size_t i = 0; i < N_KINDS; i++) {
		if (strcmp(v->scalar, kind_names[i]) == 0) {
			*kind = (pl_slide_kind)i;
			return true;
		}
	}
	const char *best = NULL;
	unsigned best_d = 99;
	for (size_t i = 0; i < N_KINDS; i++) {
		unsigned d = pl_edit_distance(v->scalar, kind_names[i]);
		if (d < best_d) {
			best_d = d;
			best = kind_names[i];
		}
	}
	if (best_d <= 2)
		error_at(ld, v, "unknown slide kind '%s'; did you mean '%s'?", v->scalar, best);
	else
		error_at(
		        ld, v,
		        "unknown slide kind '%s' (expected one of title, statement, values, cards, "
		        "list, table, poll, survey)",
		        v->scalar);
	return false;
}

static void load_slide(loader *ld, const pl_ynode *node, size_t index, pl_slide *s)
{
	s->line = node->line;
	s->col = node->col;
	char where[120];
	snprintf(where, sizeof where, "slide %zu", index + 1);
	if (!expect_type(ld, node, PL_Y_MAP, where))
		return;
	s->id = get_slug(ld, node, "id", true, where);
	if (s->id && strcmp(s->id, "deck") == 0) {
		error_at(ld, map_get(node, "id"),
		         "slide id 'deck' is reserved for the deck's own strings");
		s->id = NULL;
	}
	if (s->id)
		snprintf(where, sizeof where, "slide '%s'", s->id);
	const pl_ynode *kind = map_get(node, "kind");
	if (!kind) {
		error_at(ld, node, "%s is missing 'kind'", where);
		return;
	}
	if (!parse_kind(ld, kind, &s->kind) || !s->id)
		return;
	const char *allowed[N_COMMON + 8];
	size_t n = 0;
	for (size_t i = 0; i < N_COMMON; i++)
		allowed[n++] = common_keys[i];
	for (const char *const *k = kind_keys(s->kind); *k; k++)
		allowed[n++] = *k;
	allowed[n] = NULL;
	char kind_where[140];
	snprintf(kind_where, sizeof kind_where, "a %s slide", kind_names[s->kind]);
	check_keys(ld, node, allowed, kind_where);
	get_text(ld, node, "heading", s->id, s->kind != PL_SLIDE_TITLE && s->kind != PL_SLIDE_POLL,
	         where, &s->heading);
	get_text(ld, node, "subheading", s->id, false, where, &s->subheading);
	get_text(ld, node, "intro", s->id, false, where, &s->intro);
	load_slide_body(ld, node, s, where);
	get_text(ld, node, "outro", s->id, false, where, &s->outro);
}

static void load_slides(loader *ld, const pl_ynode *root)
{
	const pl_ynode *seq = map_get(root, "slides");
	if (!seq) {
		error_at(ld, root, "the deck is missing 'slides'");
		return;
	}
	if (!expect_type(ld, seq, PL_Y_SEQ, "'slides'"))
		return;
	if (seq->n_kids == 0) {
		error_at(ld, seq, "'slides' is an empty list; a deck needs at least one slide");
		return;
	}
	if (seq->n_kids > PL_DECK_MAX_SLIDES) {
		error_at(ld, seq, "the deck has %zu slides; at most %d are allowed", seq->n_kids,
		         PL_DECK_MAX_SLIDES);
		return;
	}
	pl_deck *deck = ld->deck;
	deck->slides = alloc_n(ld, seq->n_kids, sizeof(*deck->slides));
	if (!deck->slides)
		return;
	deck->n_slides = seq->n_kids;
	for (size_t i = 0; i < seq->n_kids && !ld->oom; i++)
		load_slide(ld, seq->kids[i], i, &deck->slides[i]);
	for (size_t i = 0; i < deck->n_slides; i++) {
		if (!deck->slides[i].id)
			continue;
		for (size_t j = 0; j < i; j++) {
			if (deck->slides[j].id &&
			    strcmp(deck->slides[i].id, deck->slides[j].id) == 0) {
				error_at(ld, map_get(seq->kids[i], "id"),
				         "duplicate slide id '%s' (first at line %u)",
				         deck->slides[i].id, deck->slides[j].line);
				break;
			}
		}
	}
}

/* ------------------------------------------------------------------ */
/* The deck's own fields                                               */

static void load_languages(loader *ld, const pl_ynode *root)
{
	pl_deck *deck = ld->deck;
	const char *src = get_scalar(ld, root, "source_language", true, "the deck");
	if (src && !pl_bcp47_valid(src))
		error_at(ld, map_get(root, "source_language"),
		         "'%s' is not a BCP 47 language tag (like en, es, zh-Hant)", src);
	else
		deck->source_language = src;
	const pl_ynode *seq = map_get(root, "languages");
	if (!seq) {
		error_at(ld, root, "the deck is missing 'languages'");
		return;
	}
	if (!expect_type(ld, seq, PL_Y_SEQ, "'languages'"))
		return;
	if (seq->n_kids == 0 || seq->n_kids > 100) {
		error_at(ld, seq, "'languages' lists 1 to 100 languages");
		return;
	}
	deck->languages = alloc_n(ld, seq->n_kids, sizeof(*deck->languages));
	if (!deck->languages)
		return;
	bool has_source = false;
	for (size_t i = 0; i < seq->n_kids; i++) {
		const pl_ynode *v = seq->kids[i];
		if (!plain_word(ld, v, "a language"))
			continue;
		if (!pl_bcp47_valid(v->scalar)) {
			error_at(ld, v, "'%s' is not a BCP 47 language tag (like en, es, zh-Hant)",
			         v->scalar);
			continue;
		}
		for (size_t j = 0; j < deck->n_languages; j++)
			if (strcmp(deck->languages[j], v->scalar) == 0)
				error_at(ld, v, "language '%s' is listed twice", v->scalar);
		if (src && strcmp(src, v->scalar) == 0)
			has_source = true;
		deck->languages[deck->n_languages++] = v->scalar;
	}
	if (deck->source_language && !has_source)
		error_at(ld, seq, "'languages' must include the source language '%s'",
		         deck->source_language);
}

static void load_survey(loader *ld, const pl_ynode *root)
{
	static const char *const keys[] = {"url", "short_url", "closes", NULL};
	const pl_ynode *node = map_get(root, "survey");
	if (!node)
		return;
	ld->has_survey = true;
	if (!expect_type(ld, node, PL_Y_MAP, "'survey'"))
		return;
	check_keys(ld, node, keys, "'survey'");
	pl_survey *sv = &ld->deck->survey;
	const char *url = get_scalar(ld, node, "url", true, "'survey'");
	const char *why;
	if (url && !pl_url_valid(url, &why))
		error_at(ld, map_get(node, "url"), "bad survey URL: %s", why);
	else
		sv->url = url;
	sv->short_url = get_scalar(ld, node, "short_url", false, "'survey'");
	const char *closes = get_scalar(ld, node, "closes", false, "'survey'");
	if (closes && !pl_datetime_parse(closes, &sv->closes_utc))
		error_at(ld, map_get(node, "closes"),
		         "bad closing time '%s'; write it as 2023-04-14T17:00:00-07:00", closes);
	else
		sv->closes = closes;
}

static void load_deck_fields(loader *ld, const pl_ynode *root)
{
	static const char *const keys[] = {"placard",         "id",        "title",   "district",
	                                   "source_language", "languages", "version", "date",
	                                   "default_site",    "survey",    "slides",  NULL};
	pl_deck *deck = ld->deck;
	check_keys(ld, root, keys, "the deck");
	deck->format = PL_DECK_FORMAT;
	const pl_ynode *fmt = map_get(root, "placard");
	if (fmt) {
		char *end = NULL;
		long v = fmt->type == PL_Y_SCALAR ? strtol(fmt->scalar, &end, 10) : 0;
		if (!end || *end || fmt->len == 0 || v < 1)
			error_at(ld, fmt, "'placard' is the format version, a whole number like 1");
		else if (v > PL_DECK_FORMAT)
			error_at(ld, fmt,
			         "this deck is format %ld; this Placard reads format %d or older",
			         v, PL_DECK_FORMAT);
		else
			deck->format = (int)v;
	}
	deck->id = get_slug(ld, root, "id", true, "the deck");
	get_text(ld, root, "title", "deck", true, "the deck", &deck->title);
	get_text(ld, root, "district", "deck", true, "the deck", &deck->district);
	load_languages(ld, root);
	deck->version = get_scalar(ld, root, "version", true, "the deck");
	deck->date = get_scalar(ld, root, "date", true, "the deck");
	if (deck->date && !pl_date_valid(deck->date)) {
		error_at(ld, map_get(root, "date"), "bad date '%s'; write it as YYYY-MM-DD",
		         deck->date);
		deck->date = NULL;
	}
	deck->default_site = get_slug(ld, root, "default_site", false, "the deck");
	load_survey(ld, root);
	load_slides(ld, root);
}

/* Every id must be unique, or two strings would share one translation. */
static int cmp_text_id(const void *a, const void *b)
{
	const pl_text *x = *(const pl_text *const *)a, *y = *(const pl_text *const *)b;
	return strcmp(x->id, y->id);
}

static void check_text_ids(loader *ld)
{
	if (ld->n_texts < 2)
		return;
	const pl_text **sorted = malloc(ld->n_texts * sizeof(const pl_text *));
	if (!sorted) {
		ld->oom = 1;
		return;
	}
	memcpy(sorted, ld->texts, ld->n_texts * sizeof(const pl_text *));
	qsort(sorted, ld->n_texts, sizeof(const pl_text *), cmp_text_id);
	for (size_t i = 1; i < ld->n_texts; i++) {
		if (strcmp(sorted[i]->id, sorted[i - 1]->id) == 0) {
			const pl_text *later =
			        sorted[i]->line > sorted[i - 1]->line ? sorted[i] : sorted[i - 1];
			const pl_text *first = later == sorted[i] ? sorted[i - 1] : sorted[i];
			pl_diags_add(ld->diags, PL_ERROR, ld->file, later->line, later->col,
			             "two strings have the id '%s' (the other is at line %u); give "
			             "entries distinct ids",
			             later->id, first->line);
		}
	}
	free(sorted);
}

pl_deck *pl_deck_load_buffer(const char *name, const char *yaml, size_t len, pl_diags *diags)
{
	pl_deck *deck = calloc(1, sizeof(*deck));
	if (!deck) {
		pl_diags_add(diags, PL_ERROR, name, 0, 0, "out of memory");
		return NULL;
	}
	size_t errors_before = diags->errors;
	loader ld = {deck, &deck->arena, diags, name, NULL, 0, 0, false, 0};
	deck->file = pl_arena_strdup(&deck->arena, name);
	if (len > PL_DECK_MAX_BYTES) {
		pl_diags_add(diags, PL_ERROR, name, 0, 0,
		             "the file is larger than %zu MiB, the most a deck may be",
		             PL_DECK_MAX_BYTES >> 20);
		goto fail;
	}
	size_t bad = pl_utf8_check(yaml, len);
	if (bad < len) {
		/* libyaml reports bad UTF-8 too, but only once it reaches it. */
		unsigned line = 1, col = 1;
		for (size_t i = 0; i < bad; i++) {
			if (yaml[i] == '\n')
				line++, col = 1;
			else if (((unsigned char)yaml[i] & 0xC0) != 0x80)
				col++;
		}
		pl_diags_add(diags, PL_ERROR, name, line, col,
		             "invalid UTF-8 (byte 0x%02X); save the file as UTF-8",
		             (unsigned char)yaml[bad]);
		goto fail;
	}
	const pl_ynode *root =
	        pl_yaml_parse(&deck->arena, name, yaml, len, PL_DECK_MAX_DEPTH, diags);
	if (!root)
		goto fail;
	if (!expect_type(&ld, root, PL_Y_MAP, "the deck"))
		goto fail;
	load_deck_fields(&ld, root);
	/* Two strings can only share an id when two slides or entries share
	 * one, which is reported already: check last, and only then. */
	if (diags->errors == errors_before)
		check_text_ids(&ld);
	if (ld.oom)
		pl_diags_add(diags, PL_ERROR, name, 0, 0, "out of memory while loading the deck");
	if (diags->errors > errors_before || ld.oom)
		goto fail;
	deck->texts = alloc_n(&ld, ld.n_texts ? ld.n_texts : 1, sizeof(const pl_text *));
	if (!deck->texts)
		goto fail;
	memcpy(deck->texts, ld.texts, ld.n_texts * sizeof(const pl_text *));
	deck->n_texts = ld.n_texts;
	free(ld.texts);
	return deck;
fail:
	free(ld.texts);
	pl_deck_free(deck);
	return NULL;
}

pl_deck *pl_deck_load(const char *path, pl_diags *diags)
{
	pl_strbuf file = PL_STRBUF_INIT, yaml = PL_STRBUF_INIT;
	size_t plen = strlen(path);
	bool is_yaml = (plen >= 5 && strcmp(path + plen - 5, ".yaml") == 0) ||
	               (plen >= 4 && strcmp(path + plen - 4, ".yml") == 0);
	pl_strbuf_adds(&file, path);
	if (!is_yaml) {
		while (file.len > 1 && file.buf[file.len - 1] == '/')
			file.buf[--file.len] = '\0';
		pl_strbuf_adds(&file, "/deck.yaml");
	}
	pl_deck *deck = NULL;
	if (!file.buf) {
		pl_diags_add(diags, PL_ERROR, path, 0, 0, "out of memory");
	} else if (pl_strbuf_read_file(&yaml, file.buf, PL_DECK_MAX_BYTES) < 0) {
		if (errno == EFBIG)
			pl_diags_add(diags, PL_ERROR, file.buf, 0, 0,
			             "the file is larger than %zu MiB, the most a deck may be",
			             PL_DECK_MAX_BYTES >> 20);
		else
			pl_diags_add(diags, PL_ERROR, file.buf, 0, 0, "cannot read: %s",
			             strerror(errno));
	} else {
		deck = pl_deck_load_buffer(file.buf, pl_strbuf_str(&yaml), yaml.len, diags);
	}
	if (deck) {
		char *dir = pl_arena_strdup(&deck->arena, file.buf);
		char *slash = dir ? strrchr(dir, '/') : NULL;
		if (slash)
			*slash = '\0';
		deck->dir = slash ? dir : ".";
	}
	pl_strbuf_release(&file);
	pl_strbuf_release(&yaml);
	return deck;
}

void pl_deck_free(pl_deck *deck)
{
	if (!deck)
		return;
	pl_arena_free(&deck->arena);
	free(deck);
}

const pl_slide *pl_deck_find_slide(const pl_deck *deck, const char *id)
{
	for (size_t i = 0; i < deck->n_slides; i++)
		if (deck->slides[i].id && strcmp(deck->slides[i].id, id) == 0)
			return &deck->slides[i];
	return NULL;
}

const pl_text *pl_deck_find_text(const pl_deck *deck, const char *id)
{
	for (size_t i = 0; i < deck->n_texts; i++)
		if (strcmp(deck->texts[i]->id, id) == 0)
			return deck->texts[i];
	return NULL;
}
