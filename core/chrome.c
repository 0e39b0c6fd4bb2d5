/*
 * chrome.c: finding and loading the programs' own catalogues; see chrome.h.
 */
#include "placard/chrome.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "placard/strbuf.h"

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *pl_data_dir(void)
{
	const char *env = getenv("PLACARD_DATA_DIR");
	if (env && *env)
		return env;
	if (is_dir(PLACARD_SOURCE_DATA "/fonts") && is_dir(PLACARD_SOURCE_DATA "/po"))
		return PLACARD_SOURCE_DATA;
	return PLACARD_INSTALL_DATA;
}

pl_catalog *pl_chrome_load(const char *lang, pl_diags *diags)
{
	if (!lang || !*lang || strcmp(lang, "en") == 0)
		return NULL;
	pl_strbuf path = PL_STRBUF_INIT;
	if (pl_strbuf_addf(&path, "%s/po/%s.po", pl_data_dir(), lang) < 0) {
		pl_strbuf_release(&path);
		return NULL;
	}
	pl_catalog *cat = NULL;
	struct stat st;
	if (stat(path.buf, &st) == 0)
		cat = pl_catalog_load(path.buf, diags);
	pl_strbuf_release(&path);
	return cat;
}

/* POSIX locale names (zh_TW.UTF-8, es_MX, sr@latin) to the tags Placard
 * uses for its catalogues. */
const char *pl_env_language(char *buf, unsigned size)
{
	static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
	const char *v = NULL;
	for (size_t i = 0; i < 4 && !v; i++) {
		const char *e = getenv(vars[i]);
		if (e && *e)
			v = e;
	}
	snprintf(buf, size, "en");
	if (!v || strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0 || strncmp(v, "C.", 2) == 0)
		return buf;
	size_t n = strcspn(v, ":.@");
	char name[32];
	if (n >= sizeof name)
		return buf;
	memcpy(name, v, n);
	name[n] = '\0';
	if (strncmp(name, "zh", 2) == 0) {
		/* Taiwan, Hong Kong and Macau read traditional characters. */
		int trad = strstr(name, "TW") || strstr(name, "HK") || strstr(name, "MO") ||
		           strstr(name, "Hant");
		snprintf(buf, size, "%s", trad ? "zh-Hant" : "zh-Hans");
		return buf;
	}
	size_t lang = strcspn(name, "_-");
	if (lang >= 2 && lang <= 3) {
		name[lang] = '\0';
		/* glibc names Tagalog's catalogues by Filipino's code. */
		snprintf(buf, size, "%s", strcmp(name, "fil") == 0 ? "tl" : name);
	}
	return buf;
}
