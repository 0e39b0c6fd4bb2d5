/*
 * plural.h (internal): the Plural-Forms expression of a PO header, e.g.
 * "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 :
 * 5;" compiled once and evaluated per lookup. The grammar is C's expression grammar restricted to
 * what gettext allows: the variable n, decimal numbers, ! * / % + - < > <= >= == != && || ?: and
 * parentheses.
 */
#ifndef PLACARD_PLURAL_H
#define PLACARD_PLURAL_H

#include "placard/arena.h"

typedef struct pl_plural pl_plural;

/* Parses the header field's value. Returns NULL and sets *why on a syntax
 * error (a static string). */
pl_plural *pl_plural_parse(pl_arena *arena, const char *forms, const char **why);

unsigned long pl_plural_nplurals(const pl_plural *p);

/* The form index for n, always below nplurals (a formula that says otherwise
 * gets form 0). Division by zero yields 0. */
unsigned long pl_plural_eval(const pl_plural *p, unsigned long n);

#endif
