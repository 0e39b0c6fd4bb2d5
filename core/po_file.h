/*
 * po_file.h (internal): what the core's two users of libgettextpo share (catalog.c
 * reads catalogues, translate.c writes templates).
 */
#ifndef PLACARD_CORE_PO_FILE_H
#define PLACARD_CORE_PO_FILE_H

#include <gettext-po.h>

/* po_file_free, and the msgctxt of every message, which libgettextpo 0.21
 * (Debian 12) never frees itself: every entry of a deck's catalogue and
 * template has one (the string's id). */
void pl_po_file_free(po_file_t file);

#endif
