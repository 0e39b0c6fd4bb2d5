/*
 * chrome.h: the programs' own strings (buttons, notices, messages): the
 * "placard" gettext domain, po/LANG.po at the top of the source tree or in
 * the installed data directory, read with the same catalogue code as decks.
 */
#ifndef PLACARD_CHROME_H
#define PLACARD_CHROME_H

#include "placard/catalog.h"

/* The directory holding fonts/, po/ and decks: $PLACARD_DATA_DIR if set,
 * else the installed data beside the running program (BINDIR/../share/placard,
 * wherever the install tree is), else the source tree when it is there
 * (running from the build tree), else the configured installed data
 * directory. */
const char *pl_data_dir(void);

/* Loads the programs' catalogue for lang ("es", "zh-Hant"...). A language
 * with no catalogue, and the source language "en", give NULL without an
 * error: lookups then return the English text. Broken catalogues report
 * their errors to diags and give NULL too. */
pl_catalog *pl_chrome_load(const char *lang, pl_diags *diags);

/* The language the host asked for in LANGUAGE, LC_ALL, LC_MESSAGES or LANG,
 * as a BCP 47 tag written into buf ("es", "zh-Hant"; "en" for C/POSIX). */
const char *pl_env_language(char *buf, unsigned size);

#endif
