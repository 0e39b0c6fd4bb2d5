/*
 * chrome.c: finding and loading the programs' own catalogues; see chrome.h.
 */
#include "placard/chrome.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "placard/strbuf.h"

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The installed data found from the running program: PLACARD_DATA_FROM_BIN
 * (the data directory relative to the programs' directory, from
 * GNUInstallDirs: "../share/placard") joined to the directory of
 * /proc/self/exe. So an install tree works wherever it is put (a prefix, a
 * DESTDIR staging tree, a copy), and an installed program never reads the
 * source tree it was built from. Worked out once; it cannot change while
 * the program runs, so it is constant after pthread_once. */
static char beside_program[4096];
static pthread_once_t beside_program_once = PTHREAD_ONCE_INIT;

static void find_beside_program(void)
{
#ifdef PLACARD_DATA_FROM_BIN
	char exe[sizeof beside_program];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return;
	*slash = '\0';
	char path[sizeof beside_program + 16];
	int len = snprintf(path, sizeof path, "%s/%s", exe, PLACARD_DATA_FROM_BIN);
	if (len <= 0 || (size_t)len + sizeof "/fonts" > sizeof beside_program)
		return;
	char fonts[sizeof path + 8], po[sizeof path + 8];
	snprintf(fonts, sizeof fonts, "%s/fonts", path);
	snprintf(po, sizeof po, "%s/po", path);
	if (is_dir(fonts) && is_dir(po))
		memcpy(beside_program, path, (size_t)len + 1);
#endif
}

const char *pl_data_dir(void)
{
	const char *env = getenv("PLACARD_DATA_DIR");
	if (env && *env)
		return env;
	pthread_once(&beside_program_once, find_beside_program);
	if (beside_program[0])
		return beside_program;
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
