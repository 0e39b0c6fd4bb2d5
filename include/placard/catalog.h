/*
 * catalog.h: translations from a GNU gettext PO file, read with libgettextpo.
 *
 * A catalogue maps (msgctxt, msgid) to a translation. Looking a string up
 * always returns something to show: the translation, or the source text when
 * the entry is fuzzy, untranslated or missing, with a status saying which so
 * that screens and pages can mark the fallback. Deck catalogues use the
 * string's stable id as msgctxt (docs/deck-format.md); the programs' own
 * strings (po/ at the top) mostly have none.
 */
#ifndef PLACARD_CATALOG_H
#define PLACARD_CATALOG_H

#include <stddef.h>

#include "placard/diag.h"

/* Catalogues larger than this are refused. */
#define PL_CATALOG_MAX_BYTES ((size_t)32 * 1024 * 1024)

typedef enum pl_tr_status {
	PL_TR_TRANSLATED,   /* shown translated */
	PL_TR_FUZZY,        /* entry marked fuzzy: source shown, marked */
	PL_TR_UNTRANSLATED, /* entry with an empty msgstr: source shown, marked */
	PL_TR_MISSING,      /* no entry for this context and source: source shown, marked */
} pl_tr_status;

typedef struct pl_catalog pl_catalog;

/* One entry, for checks and reports. Strings belong to the catalogue. */
typedef struct pl_catalog_entry {
	const char *msgctxt; /* NULL when none */
	const char *msgid;
	const char *msgid_plural; /* NULL when none */
	const char *msgstr;       /* msgstr[0] for plural entries */
	unsigned n_forms;         /* msgstr[] given, for plural entries */
	int fuzzy;
	unsigned line; /* of the entry in the file, 0 if unknown */
} pl_catalog_entry;

/* Reads a PO file. Syntax errors and problems found by checking (charset
 * other than UTF-8, invalid UTF-8, format strings that do not match) go to
 * diags as "file:line:col: error: ...". Returns NULL when there were errors.
 * Obsolete (#~) entries are dropped. */
pl_catalog *pl_catalog_load(const char *path, pl_diags *diags);

void pl_catalog_free(pl_catalog *cat);

/* The Language header field ("" when absent) and the file's path. */
const char *pl_catalog_language(const pl_catalog *cat);
const char *pl_catalog_path(const pl_catalog *cat);

/* The text to show for (msgctxt, msgid): the translation, or msgid. msgctxt
 * may be NULL. cat may be NULL (no catalogue: everything is missing). status
 * may be NULL. The result belongs to the catalogue or is msgid itself. */
const char *pl_catalog_get(const pl_catalog *cat, const char *msgctxt, const char *msgid,
                           pl_tr_status *status);

/* The plural form for n, chosen by the catalogue's Plural-Forms; with no
 * translation, msgid for n == 1 and msgid_plural otherwise (the source
 * language is English). */
const char *pl_catalog_nget(const pl_catalog *cat, const char *msgctxt, const char *msgid,
                            const char *msgid_plural, unsigned long n, pl_tr_status *status);

/* Entries in file order, header excluded. */
size_t pl_catalog_count(const pl_catalog *cat);
const pl_catalog_entry *pl_catalog_entry_at(const pl_catalog *cat, size_t i);

/* An entry with this msgctxt, whatever its msgid, or NULL (for telling a
 * stale translation from a missing one). */
const pl_catalog_entry *pl_catalog_find_context(const pl_catalog *cat, const char *msgctxt);

#endif
