/*
 * translate.h: a deck's strings in one language, and how much of a deck a
 * catalogue covers.
 */
#ifndef PLACARD_TRANSLATE_H
#define PLACARD_TRANSLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "placard/catalog.h"
#include "placard/deck.h"

typedef struct pl_coverage {
	size_t translated, fuzzy, untranslated, missing;
	size_t stale;    /* of missing: the catalogue has the id with older source text */
	size_t total;    /* strings in the deck */
	size_t obsolete; /* catalogue entries whose id is no longer in the deck */
} pl_coverage;

/* The text to show for t in the catalogue's language (the source text, with
 * a status other than PL_TR_TRANSLATED, when there is no translation).
 * Returns NULL only when t is absent from the slide (t->src NULL). */
const char *pl_text_get(const pl_text *t, const pl_catalog *cat, pl_tr_status *status);

/* Counts statuses of every deck string against cat (which may be NULL:
 * everything missing). When diags is given, each stale translation and each
 * catalogue entry that names no deck string is reported as a warning. */
void pl_coverage_count(const pl_deck *deck, const pl_catalog *cat, pl_coverage *out,
                       pl_diags *diags);

/* Whole percent of strings translated, rounded down (100 only when all are). */
unsigned pl_coverage_percent(const pl_coverage *c);

/* "DIR/po/LANG.po" in a malloc'd string, or NULL when out of memory. */
char *pl_deck_catalog_path(const pl_deck *deck, const char *lang);

/* The deck's catalogue for lang (DIR/po/LANG.po): NULL when lang is the
 * source language or no file is there (everything shows in the source
 * language, marked), and NULL with *failed set and the problems in diags
 * when the file is there but broken. failed may be NULL. */
pl_catalog *pl_deck_catalog_load(const pl_deck *deck, const char *lang, pl_diags *diags,
                                 bool *failed);

/* Writes the deck's template (.pot) to path ("-" for standard output).
 * Returns 0, or -1 with the reason in diags. */
int pl_deck_write_pot(const pl_deck *deck, const char *path, pl_diags *diags);

#endif
