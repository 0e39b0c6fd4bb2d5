/*
 * check.c: "placard-print check DECK..." and "placard-print pot DECK".
 *
 * check loads each deck and every catalogue beside it, prints every problem
 * as one line (file:line:col: severity: message), then a coverage table per
 * language, so a host sees in one run what will show in English on the
 * kiosk.
 */
#include <dirent.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "placard/chrome.h"
#include "placard/fonts.h"
#include "placard/strbuf.h"
#include "placard/text.h"
#include "placard/translate.h"
#include "print.h"

/* printf's widths count bytes; a table in Chinese or Arabic must be padded
 * by the columns its words take on the terminal. */
static void print_cell(FILE *out, const char *text, size_t width, int right)
{
	size_t w = pl_display_width(text);
	size_t pad = w < width ? width - w : 0;
	if (right)
		fprintf(out, " %*s%s", (int)pad, "", text);
	else
		fprintf(out, "%s%*s", text, (int)pad, "");
}

/* The language column, then five numbers; each at least as wide as its
 * heading in the host's language. */
typedef struct table_layout {
	size_t width[6];
} table_layout;

static table_layout table_for(const char *const headings[6])
{
	static const size_t least[6] = {20, 10, 6, 12, 8, 8};
	table_layout t;
	for (size_t i = 0; i < 6; i++) {
		size_t w = pl_display_width(headings[i]);
		t.width[i] = w > least[i] ? w : least[i];
	}
	return t;
}

static void print_table_row(print_ctx *ctx, const table_layout *t, const char *const cells[6])
{
	fputs("  ", ctx->out);
	print_cell(ctx->out, cells[0], t->width[0], 0);
	for (size_t i = 1; i < 6; i++)
		print_cell(ctx->out, cells[i], t->width[i], 1);
	fputc('\n', ctx->out);
}

static void print_row(print_ctx *ctx, const table_layout *t, const char *lang, const char *note,
                      const pl_coverage *c)
{
	char name[64], num[5][24];
	snprintf(name, sizeof name, "%s%s", lang, note);
	snprintf(num[0], sizeof num[0], "%zu", c->translated);
	snprintf(num[1], sizeof num[1], "%zu", c->fuzzy);
	snprintf(num[2], sizeof num[2], "%zu", c->untranslated);
	snprintf(num[3], sizeof num[3], "%zu", c->missing);
	snprintf(num[4], sizeof num[4], "%u %%", pl_coverage_percent(c));
	const char *cells[6] = {name, num[0], num[1], num[2], num[3], num[4]};
	print_table_row(ctx, t, cells);
}

static int listed(const pl_deck *deck, const char *lang)
{
	for (size_t i = 0; i < deck->n_languages; i++)
		if (strcmp(deck->languages[i], lang) == 0)
			return 1;
	return 0;
}

/* Catalogues in po/ for languages the deck does not offer are likely a
 * misspelt file name: say so. */
static void check_stray_catalogues(const pl_deck *deck, pl_diags *diags)
{
	pl_strbuf dir = PL_STRBUF_INIT;
	pl_strbuf_addf(&dir, "%s/po", deck->dir);
	DIR *d = opendir(pl_strbuf_str(&dir));
	if (d) {
		struct dirent *ent;
		while ((ent = readdir(d)) != NULL) {
			size_t n = strlen(ent->d_name);
			if (n < 4 || strcmp(ent->d_name + n - 3, ".po") != 0)
				continue;
			char lang[64];
			snprintf(lang, sizeof lang, "%.*s", (int)(n - 3), ent->d_name);
			if (!listed(deck, lang)) {
				pl_strbuf path = PL_STRBUF_INIT;
				pl_strbuf_addf(&path, "%s/%s", pl_strbuf_str(&dir), ent->d_name);
				pl_diags_add(
				        diags, PL_WARNING, pl_strbuf_str(&path), 0, 0,
				        "'%s' is not in the deck's 'languages'; the kiosk will not "
				        "offer it",
				        lang);
				pl_strbuf_release(&path);
			}
		}
		closedir(d);
	}
	pl_strbuf_release(&dir);
}

static void check_language_header(const pl_catalog *cat, const char *lang, pl_diags *diags)
{
	const char *header = pl_catalog_language(cat);
	char norm[64];
	snprintf(norm, sizeof norm, "%s", header);
	for (char *p = norm; *p; p++)
		if (*p == '_')
			*p = '-';
	if (!*header)
		pl_diags_add(diags, PL_WARNING, pl_catalog_path(cat), 0, 0,
		             "the header has no 'Language: %s' field", lang);
	else if (strcmp(norm, lang) != 0 && strncmp(norm, lang, strlen(lang)) != 0)
		pl_diags_add(diags, PL_WARNING, pl_catalog_path(cat), 0, 0,
		             "the header says 'Language: %s' but the file is for '%s'", header,
		             lang);
}

/* Where the UTF-8 of cp first appears in file at or after from_line. */
static void locate(const char *file_text, unsigned from_line, uint32_t cp, unsigned *line,
                   unsigned *col)
{
	char needle[5] = {0};
	pl_utf8_encode(cp, needle);
	unsigned l = 1;
	const char *p = file_text;
	while (*p && l < from_line)
		if (*p++ == '\n')
			l++;
	const char *hit = strstr(p, needle);
	if (!hit) {
		*line = from_line;
		*col = from_line ? 1 : 0;
		return;
	}
	for (; p < hit; p++)
		if (*p == '\n')
			l++;
	const char *bol = hit;
	while (bol > file_text && bol[-1] != '\n')
		bol--;
	unsigned c = 1;
	for (const char *x = bol; x < hit; x++)
		if (((unsigned char)*x & 0xC0) != 0x80)
			c++;
	*line = l;
	*col = c;
}

/* Every character a language shows must have a glyph in its chain, regular
 * and bold (headings are bold), else it would print as a box or a blank.
 * Characters above U+FFFF show on screen but libharu turns them into
 * spaces: a warning. */
typedef struct seen_set {
	uint32_t cps[256];
	size_t n;
} seen_set;

/* Each missing character is reported once per file, where it first is. */
static bool first_sighting(seen_set *seen, uint32_t cp)
{
	for (size_t i = 0; i < seen->n; i++)
		if (seen->cps[i] == cp)
			return false;
	if (seen->n < sizeof seen->cps / sizeof seen->cps[0])
		seen->cps[seen->n++] = cp;
	return true;
}

static void check_glyphs_in(const char *text, const pl_font_chain *regular,
                            const pl_font_chain *bold, const char *file, const char *file_text,
                            unsigned line, unsigned col, seen_set *seen, pl_diags *diags)
{
	size_t len = strlen(text);
	for (size_t i = 0; i < len;) {
		uint32_t cp = pl_utf8_next(text, len, &i);
		if (!pl_cp_needs_glyph(cp))
			continue;
		bool ok = pl_chain_face_for(regular, cp) && pl_chain_face_for(bold, cp);
		if ((ok && cp <= 0xFFFF) || !first_sighting(seen, cp))
			continue;
		unsigned l = line, c = col;
		if (file_text)
			locate(file_text, line, cp, &l, &c);
		if (!ok)
			pl_diags_add(diags, PL_ERROR, file, l, c,
			             "no font has U+%04X; it would show as a box (choose another "
			             "character or add a font)",
			             (unsigned)cp);
		else
			pl_diags_add(
			        diags, PL_WARNING, file, l, c,
			        "U+%04X is outside the Basic Multilingual Plane: it shows on the "
			        "kiosk but printed handouts replace it",
			        (unsigned)cp);
	}
}

static void check_glyphs(const pl_deck *deck, const pl_catalog *cat, const char *lang,
                         const pl_fonts *fonts, pl_diags *diags)
{
	pl_font_chain regular, bold;
	pl_fonts_chain(fonts, lang, PL_REGULAR, false, &regular);
	pl_fonts_chain(fonts, lang, PL_BOLD, false, &bold);
	seen_set seen = {.n = 0};
	if (!cat) {
		for (size_t i = 0; i < deck->n_texts; i++)
			check_glyphs_in(deck->texts[i]->src, &regular, &bold, deck->file, NULL,
			                deck->texts[i]->line, deck->texts[i]->col, &seen, diags);
		return;
	}
	pl_strbuf text = PL_STRBUF_INIT;
	if (pl_strbuf_read_file(&text, pl_catalog_path(cat), PL_CATALOG_MAX_BYTES) < 0)
		pl_strbuf_reset(&text);
	for (size_t i = 0; i < deck->n_texts; i++) {
		const pl_text *t = deck->texts[i];
		pl_tr_status st;
		const char *s = pl_catalog_get(cat, t->id, t->src, &st);
		if (st != PL_TR_TRANSLATED)
			continue;
		const pl_catalog_entry *e = pl_catalog_find_context(cat, t->id);
		check_glyphs_in(s, &regular, &bold, pl_catalog_path(cat), pl_strbuf_str(&text),
		                e ? e->line : 0, 0, &seen, diags);
	}
	pl_strbuf_release(&text);
}

/* Loads the deck and the catalogue of each offered language, prints their
 * problems, then the coverage of each language. Returns the number of
 * errors. */
static size_t check_deck(print_ctx *ctx, const char *path, const pl_fonts *fonts, size_t *warnings)
{
	pl_diags diags_store = PL_DIAGS_INIT, *diags = &diags_store;
	size_t errors = 0;
	pl_deck *deck = pl_deck_load(path, diags);
	int *have = NULL;
	pl_coverage *cov = NULL;
	if (!deck)
		goto done;
	check_stray_catalogues(deck, diags);
	cov = calloc(deck->n_languages, sizeof(*cov));
	have = calloc(deck->n_languages, sizeof(*have));
	if (!cov || !have) {
		pl_diags_add(diags, PL_ERROR, path, 0, 0, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < deck->n_languages; i++) {
		const char *lang = deck->languages[i];
		if (strcmp(lang, deck->source_language) == 0) {
			cov[i].total = cov[i].translated = deck->n_texts;
			have[i] = 1;
			if (fonts)
				check_glyphs(deck, NULL, lang, fonts, diags);
			continue;
		}
		bool failed;
		pl_catalog *cat = pl_deck_catalog_load(deck, lang, diags, &failed);
		have[i] = cat ? 1 : failed ? -1 : 0;
		if (cat)
			check_language_header(cat, lang, diags);
		if (cat && fonts)
			check_glyphs(deck, cat, lang, fonts, diags);
		pl_coverage_count(deck, cat, &cov[i], diags);
		pl_catalog_free(cat);
	}
	pl_diags_print(diags, ctx->err);
	fflush(ctx->err);
	errors = diags->errors;
	pl_diags_free(diags);
	char slides[64], strings[64];
	/* TRANSLATORS: the first part of "pusd-2023 (title, version 2): 18 slides, 167 strings". */
	snprintf(slides, sizeof slides, NG_("%zu slide", "%zu slides", deck->n_slides),
	         deck->n_slides);
	/* TRANSLATORS: the second part of "pusd-2023 (title, version 2): 18 slides, 167 strings".
	 */
	snprintf(strings, sizeof strings, NG_("%zu string", "%zu strings", deck->n_texts),
	         deck->n_texts);
	/* TRANSLATORS: deck id, title, version, then the two counts above. */
	fprintf(ctx->out, _("%s (%s, version %s): %s, %s\n"), deck->id, deck->title.src,
	        deck->version, slides, strings);
	const char *headings[6] = {_("language"),     _("translated"), _("fuzzy"),
	                           _("untranslated"), _("missing"),    _("percent")};
	table_layout layout = table_for(headings);
	print_table_row(ctx, &layout, headings);
	for (size_t i = 0; i < deck->n_languages; i++) {
		const char *lang = deck->languages[i];
		const char *note = "";
		if (strcmp(lang, deck->source_language) == 0)
			note = _(" (source)");
		else if (have[i] < 0)
			note = _(" (errors)");
		else if (!have[i])
			note = _(" (no file)");
		print_row(ctx, &layout, lang, note, &cov[i]);
	}
	fflush(ctx->out);
done:
	if (!deck) {
		pl_diags_print(diags, ctx->err);
		errors = diags->errors;
		*warnings += diags->warnings;
	}
	pl_diags_free(diags);
	free(cov);
	free(have);
	pl_deck_free(deck);
	return errors;
}

int cmd_check(print_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h') {
			fprintf(ctx->out, "%s", _("Usage: placard-print check DECK...\n"));
			return EXIT_CLEAN;
		}
		return EXIT_USAGE;
	}
	if (optind >= argc) {
		fprintf(ctx->err, "%s", _("placard-print check: name at least one deck folder\n"));
		return EXIT_USAGE;
	}
	size_t errors = 0, warnings = 0;
	/* Glyph coverage needs the bundled fonts; without them the rest of
	 * the check still runs, and says so. */
	pl_diags font_diags = PL_DIAGS_INIT;
	pl_strbuf dir = PL_STRBUF_INIT;
	pl_strbuf_addf(&dir, "%s/fonts", pl_data_dir());
	pl_fonts *fonts = pl_fonts_open(pl_strbuf_str(&dir), &font_diags);
	pl_diags_print(&font_diags, ctx->err);
	errors += font_diags.errors;
	warnings += font_diags.warnings;
	pl_diags_free(&font_diags);
	pl_strbuf_release(&dir);
	for (int i = optind; i < argc; i++)
		errors += check_deck(ctx, argv[i], fonts, &warnings);
	pl_fonts_free(fonts);
	if (errors || warnings) {
		fprintf(ctx->err, NG_("%zu error", "%zu errors", errors), errors);
		fputs(", ", ctx->err);
		fprintf(ctx->err, NG_("%zu warning", "%zu warnings", warnings), warnings);
		fputs(".\n", ctx->err);
	}
	return errors ? EXIT_PROBLEMS : EXIT_CLEAN;
}

int cmd_pot(print_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	const char *out = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		if (c == 'o') {
			out = optarg;
		} else if (c == 'h') {
			fprintf(ctx->out, "%s", _("Usage: placard-print pot DECK [-o FILE]\n"));
			return EXIT_CLEAN;
		} else {
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		fprintf(ctx->err, "%s", _("placard-print pot: name exactly one deck folder\n"));
		return EXIT_USAGE;
	}
	pl_diags diags = PL_DIAGS_INIT;
	pl_deck *deck = pl_deck_load(argv[optind], &diags);
	int rc = EXIT_PROBLEMS;
	if (deck) {
		pl_strbuf path = PL_STRBUF_INIT;
		if (out)
			pl_strbuf_adds(&path, out);
		else
			pl_strbuf_addf(&path, "%s/po/%s.pot", deck->dir, deck->id);
		if (pl_deck_write_pot(deck, pl_strbuf_str(&path), &diags) == 0)
			rc = EXIT_CLEAN;
		pl_strbuf_release(&path);
	}
	pl_diags_print(&diags, ctx->err);
	if (diags.errors)
		rc = EXIT_PROBLEMS;
	pl_diags_free(&diags);
	pl_deck_free(deck);
	return rc;
}

static const char *status_name(pl_tr_status st)
{
	switch (st) {
	case PL_TR_TRANSLATED:
		return "translated";
	case PL_TR_FUZZY:
		return "fuzzy";
	case PL_TR_UNTRANSLATED:
		return "untranslated";
	case PL_TR_MISSING:
		return "missing";
	}
	return "?";
}

/* "placard-print strings DECK --lang L": every deck string as the kiosk and
 * the handouts will show it in L, one per line: ID, status, text (line
 * breaks written as \n). Lets a host see exactly what falls back. */
int cmd_strings(print_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"lang", required_argument, NULL, 'l'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	const char *lang = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "l:h", opts, NULL)) != -1) {
		if (c == 'l') {
			lang = optarg;
		} else if (c == 'h') {
			fprintf(ctx->out, "%s",
			        _("Usage: placard-print strings DECK --lang LANG\n"));
			return EXIT_CLEAN;
		} else {
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1 || !lang) {
		fprintf(ctx->err, "%s",
		        _("placard-print strings: name one deck folder and --lang LANG\n"));
		return EXIT_USAGE;
	}
	pl_diags diags = PL_DIAGS_INIT;
	pl_deck *deck = pl_deck_load(argv[optind], &diags);
	pl_catalog *cat = NULL;
	int rc = EXIT_PROBLEMS;
	if (deck) {
		if (!pl_bcp47_valid(lang)) {
			fprintf(ctx->err, _("placard-print strings: '%s' is not a language tag\n"),
			        lang);
			rc = EXIT_USAGE;
			goto out;
		}
		cat = pl_deck_catalog_load(deck, lang, &diags, NULL);
		for (size_t i = 0; i < deck->n_texts; i++) {
			pl_tr_status st;
			const char *s = pl_text_get(deck->texts[i], cat, &st);
			if (strcmp(lang, deck->source_language) == 0)
				st = PL_TR_TRANSLATED;
			fprintf(ctx->out, "%s\t%s\t", deck->texts[i]->id, status_name(st));
			for (; *s; s++) {
				if (*s == '\n')
					fputs("\\n", ctx->out);
				else if (*s == '\t')
					fputs("\\t", ctx->out);
				else
					fputc(*s, ctx->out);
			}
			fputc('\n', ctx->out);
		}
		rc = diags.errors ? EXIT_PROBLEMS : EXIT_CLEAN;
	}
out:
	pl_diags_print(&diags, ctx->err);
	pl_diags_free(&diags);
	pl_catalog_free(cat);
	pl_deck_free(deck);
	return rc;
}
