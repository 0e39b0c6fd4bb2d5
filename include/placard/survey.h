/*
 * survey.h: the district's survey link, carrying the visitor's language and
 * the kiosk's site, and its QR code.
 *
 * The URL builder appends lang and site correctly to any URL: after an
 * existing query with '&', before a fragment, replacing lang or site
 * parameters already there, and percent-encoding the values (RFC 3986
 * section 3.4). The QR matrix comes from libqrencode with error
 * correction M or higher (ISO/IEC 18004); the quiet zone is the renderer's
 * job (4 modules, pl_qr_QUIET).
 */
#ifndef PLACARD_SURVEY_H
#define PLACARD_SURVEY_H

#include <stdbool.h>
#include <stddef.h>

#define PL_QR_QUIET 4 /* modules of quiet zone on each side */

/* The survey URL for a visitor: url with lang=LANG and site=SITE set (either
 * may be NULL to leave it out). Returns a malloc'd string, or NULL when url
 * is not a valid survey URL (see pl_url_valid) or memory runs out. */
char *pl_survey_url(const char *url, const char *lang, const char *site);

typedef struct pl_qr {
	int size;               /* modules per side, without the quiet zone */
	unsigned char *modules; /* size * size, 1 = dark, row by row */
	int version;
	char level; /* 'M', 'Q' or 'H' */
} pl_qr;

/* Encodes text as a QR code with error correction at least M (the highest
 * level that keeps the code at the same version is used). Returns 0, or -1
 * when the text is too long for a QR code or memory runs out. */
int pl_qr_encode(const char *text, pl_qr *out);
void pl_qr_free(pl_qr *qr);

#endif
