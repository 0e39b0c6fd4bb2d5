/*
 * deck.h: a deck (one district plan) as loaded from deck.yaml.
 *
 * The whole deck lives in one arena owned by the pl_deck and is freed with
 * pl_deck_free; every string and array in it points into that arena. Every
 * translatable string is a pl_text whose id (the slide id and field path,
 * see docs/deck-format.md) is its msgctxt in the catalogues.
 */
#ifndef PLACARD_DECK_H
#define PLACARD_DECK_H

#include <stdbool.h>
#include <stddef.h>

#include "placard/arena.h"
#include "placard/diag.h"

/* Limits that keep hostile files from exhausting the machine. */
#define PL_DECK_MAX_BYTES ((size_t)16 * 1024 * 1024)
#define PL_DECK_MAX_DEPTH 64
#define PL_DECK_MAX_SLIDES 5000
#define PL_DECK_MAX_LIST_DEPTH 8
#define PL_DECK_FORMAT 1

typedef struct pl_text {
	const char *id;     /* msgctxt: "slide/field/path"; NULL when the field is absent */
	const char *src;    /* source-language text; NULL when absent */
	unsigned line, col; /* where src is in deck.yaml */
} pl_text;

typedef struct pl_item {
	pl_text text;
	bool numbered; /* are children numbered */
	struct pl_item *children;
	size_t n_children;
} pl_item;

typedef struct pl_value {
	const char *key; /* id or position */
	pl_text name, statement;
	pl_text *behaviours;
	size_t n_behaviours;
} pl_value;

typedef struct pl_card {
	const char *key;
	pl_text label, title, text, items_heading;
	pl_item *items;
	size_t n_items;
	bool numbered;
} pl_card;

typedef struct pl_column {
	const char *key;
	pl_text label;
} pl_column;

typedef struct pl_row {
	const char *key;
	pl_text *cells; /* one per column; src NULL for an empty cell */
} pl_row;

typedef struct pl_choice {
	const char *key; /* stored in votes */
	pl_text label;
} pl_choice;

typedef enum pl_slide_kind {
	PL_SLIDE_TITLE,
	PL_SLIDE_STATEMENT,
	PL_SLIDE_VALUES,
	PL_SLIDE_CARDS,
	PL_SLIDE_LIST,
	PL_SLIDE_TABLE,
	PL_SLIDE_POLL,
	PL_SLIDE_SURVEY,
} pl_slide_kind;

typedef enum pl_poll_style { PL_POLL_SINGLE, PL_POLL_AGREEMENT } pl_poll_style;

typedef struct pl_slide {
	const char *id;
	pl_slide_kind kind;
	unsigned line, col;
	pl_text heading, subheading, intro, outro;
	pl_text title, subtitle; /* title */
	pl_text text;            /* statement, survey */
	pl_value *values;        /* values */
	size_t n_values;
	pl_card *cards; /* cards */
	size_t n_cards;
	pl_item *items; /* list, survey */
	size_t n_items;
	bool numbered;
	pl_column *columns; /* table */
	size_t n_columns;
	pl_row *rows;
	size_t n_rows;
	pl_text question; /* poll */
	pl_poll_style style;
	pl_choice *choices;
	size_t n_choices;
} pl_slide;

typedef struct pl_survey {
	const char *url;       /* NULL when the deck has no survey */
	const char *short_url; /* may be NULL */
	const char *closes;    /* as written; NULL when open-ended */
	long long closes_utc;  /* seconds since the epoch, when closes is set */
} pl_survey;

typedef struct pl_deck {
	pl_arena arena;
	const char *dir;  /* the deck folder */
	const char *file; /* path of deck.yaml, as given */
	int format;
	const char *id;
	pl_text title, district;
	const char *source_language;
	const char **languages;
	size_t n_languages;
	const char *version;
	const char *date;
	const char *default_site;
	pl_survey survey;
	pl_slide *slides;
	size_t n_slides;
	/* Every translatable string in document order, for catalogues. */
	const pl_text **texts;
	size_t n_texts;
} pl_deck;

/* Loads PATH, a deck folder or a deck.yaml. Problems go to diags, one each,
 * pointing at the node. Returns the deck, or NULL when there were errors
 * (warnings alone still load). The caller frees it with pl_deck_free. */
pl_deck *pl_deck_load(const char *path, pl_diags *diags);

/* The same from a buffer; name is the file name used in messages. */
pl_deck *pl_deck_load_buffer(const char *name, const char *yaml, size_t len, pl_diags *diags);

void pl_deck_free(pl_deck *deck);

/* The slide kind's name as written in deck.yaml. */
const char *pl_slide_kind_name(pl_slide_kind kind);

/* The slide with this id, or NULL. */
const pl_slide *pl_deck_find_slide(const pl_deck *deck, const char *id);

/* The translatable string with this id, or NULL. */
const pl_text *pl_deck_find_text(const pl_deck *deck, const char *id);

#endif
