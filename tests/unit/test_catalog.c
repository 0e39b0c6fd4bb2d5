/*
 * test_catalog.c: PO catalogues (catalog.h) and a deck's coverage by one
 * (translate.h).
 *
 * Every PO file is written to a scratch folder by the test that reads it, so
 * the text and the line numbers asserted on are side by side.
 */
#include "unit.h"

#include "placard/catalog.h"

#include "placard/deck.h"
#include "placard/translate.h"
#include <malloc.h>

#define PO_HEADER                                                                                  \
	"msgid \"\"\n"                                                                             \
	"msgstr \"\"\n"                                                                            \
	"\"Language: es\\n\"\n"                                                                    \
	"\"MIME-Version: 1.0\\n\"\n"                                                               \
	"\"Content-Type: text/plain; charset=UTF-8\\n\"\n"                                         \
	"\"Content-Transfer-Encoding: 8bit\\n\"\n"                                                 \
	"\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n"
/* PO_HEADER is lines 1 to 7; the blank line after it is line 8. */

static int scratch_setup(void **state)
{
	unit_scratch *s = calloc(1, sizeof(*s));
	if (!s)
		return -1;
	unit_scratch_make(s);
	*state = s;
	return 0;
}

static int scratch_teardown(void **state)
{
	unit_scratch *s = *state;
	unit_scratch_remove(s);
	free(s);
	return 0;
}

/* Writes text to DIR/name, loads it, and keeps the path in path_out. */
static pl_catalog *load_po(unit_scratch *s, const char *name, const char *text, pl_diags *diags,
                           char *path_out, size_t path_size)
{
	const char *path = unit_scratch_write(s, name, text, strlen(text));
	if (path_out)
		snprintf(path_out, path_size, "%s", path);
	return pl_catalog_load(path, diags);
}

/* The first error among diags, formatted, or "" when none. */
static void first_error(const pl_diags *diags, char *out, size_t size)
{
	out[0] = '\0';
	for (size_t i = 0; i < diags->count; i++) {
		if (diags->items[i].severity == PL_ERROR) {
			pl_diag_format(&diags->items[i], out, size);
			return;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Lookups and their status                                            */

static const char statuses_po[] = PO_HEADER "\n"
                                            "msgctxt \"mission/heading\"\n"
                                            "msgid \"Mission\"\n"
                                            "msgstr \"Misi\xC3\xB3n\"\n"
                                            "\n"
                                            "#, fuzzy\n"
                                            "msgctxt \"mission/text\"\n"
                                            "msgid \"Every student, every day.\"\n"
                                            "msgstr \"Cada estudiante.\"\n"
                                            "\n"
                                            "msgctxt \"vision/heading\"\n"
                                            "msgid \"Vision\"\n"
                                            "msgstr \"\"\n";

static void test_statuses_and_fallback(void **state)
{
	unit_scratch *s = *state;
	pl_diags diags = PL_DIAGS_INIT;
	pl_catalog *cat = load_po(s, "es.po", statuses_po, &diags, NULL, 0);
	if (!cat)
		pl_diags_print(&diags, stderr);
	assert_non_null(cat);
	assert_int_equal(diags.errors, 0);
	assert_string_equal(pl_catalog_language(cat), "es");
	assert_int_equal(pl_catalog_count(cat), 3); /* the header is not an entry */

	pl_tr_status st = PL_TR_MISSING;
	assert_string_equal(pl_catalog_get(cat, "mission/heading", "Mission", &st),
	                    "Misi\xC3\xB3n");
	assert_int_equal(st, PL_TR_TRANSLATED);

	/* Fuzzy, untranslated and missing all show the source text itself. */
	static const char every[] = "Every student, every day.";
	assert_ptr_equal(pl_catalog_get(cat, "mission/text", every, &st), every);
	assert_int_equal(st, PL_TR_FUZZY);

	static const char vision[] = "Vision";
	assert_ptr_equal(pl_catalog_get(cat, "vision/heading", vision, &st), vision);
	assert_int_equal(st, PL_TR_UNTRANSLATED);

	static const char values[] = "Values";
	assert_ptr_equal(pl_catalog_get(cat, "values/heading", values, &st), values);
	assert_int_equal(st, PL_TR_MISSING);

	/* The English changed: the old translation is not shown. */
	static const char mission2[] = "Our mission";
	assert_ptr_equal(pl_catalog_get(cat, "mission/heading", mission2, &st), mission2);
	assert_int_equal(st, PL_TR_MISSING);

	/* The right text under another id is not this string's translation. */
	static const char mission[] = "Mission";
	assert_ptr_equal(pl_catalog_get(cat, "goals/heading", mission, &st), mission);
	assert_int_equal(st, PL_TR_MISSING);
	assert_null(pl_catalog_find_context(cat, "goals/heading"));
	const pl_catalog_entry *e = pl_catalog_find_context(cat, "mission/text");
	assert_non_null(e);
	assert_true(e->fuzzy);
	assert_int_equal(e->line, 14); /* its msgctxt, after "#, fuzzy" on 13 */

	/* status may be NULL. */
	assert_string_equal(pl_catalog_get(cat, "mission/heading", "Mission", NULL),
	                    "Misi\xC3\xB3n");
	pl_catalog_free(cat);
	pl_diags_free(&diags);
}

/* No catalogue for a language: everything is the source text, missing. */
static void test_no_catalog(void **state)
{
	(void)state;
	static const char text[] = "Mission";
	pl_tr_status st = PL_TR_TRANSLATED;
	assert_ptr_equal(pl_catalog_get(NULL, "mission/heading", text, &st), text);
	assert_int_equal(st, PL_TR_MISSING);
	st = PL_TR_TRANSLATED;
	assert_string_equal(pl_catalog_nget(NULL, NULL, "one vote", "votes", 1, &st), "one vote");
	assert_int_equal(st, PL_TR_MISSING);
	assert_string_equal(pl_catalog_nget(NULL, NULL, "one vote", "votes", 0, &st), "votes");
	assert_null(pl_catalog_find_context(NULL, "mission/heading"));
}

/* msgctxt tells identical source texts apart: "Home" on two slides, and the
 * programs' own "Home" with no context. */
static void test_msgctxt_distinguishes(void **state)
{
	unit_scratch *s = *state;
	static const char po[] = PO_HEADER "\n"
	                                   "msgctxt \"welcome/heading\"\n"
	                                   "msgid \"Home\"\n"
	                                   "msgstr \"Inicio\"\n"
	                                   "\n"
	                                   "msgctxt \"families/heading\"\n"
	                                   "msgid \"Home\"\n"
	                                   "msgstr \"Hogar\"\n"
	                                   "\n"
	                                   "msgid \"Home\"\n"
	                                   "msgstr \"Casa\"\n";
	pl_diags diags = PL_DIAGS_INIT;
	pl_catalog *cat = load_po(s, "es.po", po, &diags, NULL, 0);
	assert_non_null(cat);
	pl_tr_status st;
	assert_string_equal(pl_catalog_get(cat, "welcome/heading", "Home", &st), "Inicio");
	assert_int_equal(st, PL_TR_TRANSLATED);
	assert_string_equal(pl_catalog_get(cat, "families/heading", "Home", &st), "Hogar");
	assert_string_equal(pl_catalog_get(cat, NULL, "Home", &st), "Casa");
	assert_int_equal(st, PL_TR_TRANSLATED);
	assert_string_equal(pl_catalog_get(cat, "other/heading", "Home", &st), "Home");
	assert_int_equal(st, PL_TR_MISSING);
	/* An empty context is a context, not "none". */
	assert_string_equal(pl_catalog_get(cat, "", "Home", &st), "Home");
	assert_int_equal(st, PL_TR_MISSING);
	assert_int_equal(pl_catalog_count(cat), 3);
	assert_null(pl_catalog_entry_at(cat, 0)->msgid_plural);
	assert_string_equal(pl_catalog_entry_at(cat, 1)->msgctxt, "families/heading");
	assert_null(pl_catalog_entry_at(cat, 2)->msgctxt);
	assert_null(pl_catalog_entry_at(cat, 3));
	pl_catalog_free(cat);
	pl_diags_free(&diags);
}

/* Obsolete entries (#~), as msgmerge leaves them, are not translations. */
static void test_obsolete_ignored(void **state)
{
	unit_scratch *s = *state;
	static const char po[] = PO_HEADER "\n"
	                                   "msgctxt \"mission/heading\"\n"
	                                   "msgid \"Mission\"\n"
	                                   "msgstr \"Misi\xC3\xB3n\"\n"
	                                   "\n"
	                                   "#~ msgctxt \"vision/heading\"\n"
	                                   "#~ msgid \"Vision\"\n"
	                                   "#~ msgstr \"Visi\xC3\xB3n\"\n"
	                                   "\n"
	                                   "#~ msgid \"Old\"\n"
	                                   "#~ msgstr \"Viejo\"\n"
	                                   "\n"
	                                   "msgctxt \"values/heading\"\n"
	                                   "msgid \"Values\"\n"
	                                   "msgstr \"Valores\"\n";
	pl_diags diags = PL_DIAGS_INIT;
	pl_catalog *cat = load_po(s, "es.po", po, &diags, NULL, 0);
	assert_non_null(cat);
	pl_tr_status st;
	assert_string_equal(pl_catalog_get(cat, "vision/heading", "Vision", &st), "Vision");
	assert_int_equal(st, PL_TR_MISSING);
	assert_string_equal(pl_catalog_get(cat, NULL, "Old", &st), "Old");
	assert_int_equal(st, PL_TR_MISSING);
	assert_null(pl_catalog_find_context(cat, "vision/heading"));
	assert_int_equal(pl_catalog_count(cat), 2);
	/* Entries after obsolete ones keep their own line. */
	const pl_catalog_entry *values = pl_catalog_find_context(cat, "values/heading");
	assert_non_null(values);
	assert_int_equal(values->line, 20);
	assert_string_equal(pl_catalog_get(cat, "values/heading", "Values", &st), "Valores");
	assert_int_equal(st, PL_TR_TRANSLATED);
	pl_catalog_free(cat);
	pl_diags_free(&diags);
}

/* msgmerge turns a new string into a fuzzy guess from a similar one,
 * format directives and all; like msgfmt, the catalogue must not fail on
 * it (it is never shown), while the same mismatch unflagged is an error. */
static void test_fuzzy_format_mismatch(void **state)
{
	unit_scratch *s = *state;
	static const char fuzzy[] = PO_HEADER "\n"
	                                      "#, fuzzy, c-format\n"
	                                      "msgid \"%s is listed twice\"\n"
	                                      "msgstr \"se repite\"\n"
	                                      "\n"
	                                      "msgid \"Welcome\"\n"
	                                      "msgstr \"Bienvenidos\"\n"
	                                      "\n"
	                                      "#, c-format\n"
	                                      "msgid \"Saved in %s\"\n"
	                                      "msgstr \"\"\n";
	pl_diags diags = PL_DIAGS_INIT;
	pl_catalog *cat = load_po(s, "es.po", fuzzy, &diags, NULL, 0);
	assert_non_null(cat);
	assert_int_equal(diags.errors, 0);
	pl_tr_status st;
	assert_string_equal(pl_catalog_get(cat, NULL, "Welcome", &st), "Bienvenidos");
	assert_string_equal(pl_catalog_get(cat, NULL, "%s is listed twice", &st),
	                    "%s is listed twice");
	assert_int_equal(st, PL_TR_FUZZY);
	pl_catalog_free(cat);
	pl_diags_free(&diags);
	static const char wrong[] = PO_HEADER "\n"
	                                      "#, c-format\n"
	                                      "msgid \"%s is listed twice\"\n"
	                                      "msgstr \"se repite\"\n";
	cat = load_po(s, "es.po", wrong, &diags, NULL, 0);
	assert_null(cat);
	assert_true(diags.errors > 0);
	pl_diags_free(&diags);
}

/* ------------------------------------------------------------------ */
/* Broken catalogues                                                   */

static void test_syntax_error_line(void **state)
{
	unit_scratch *s = *state;
	static const char po[] = PO_HEADER "\n"
	                                   "msgctxt \"a\"\n" /* 9 */
	                                   "msgid \"Hello\"\n"
	                                   "msgstr \"Hola\"\n"
	                                   "\n"
	                                   "msgctxt \"b\"\n" /* 13 */
	                                   "msgid \"Bye\"\n"
	                                   "msgstr \"Adios\n" /* 15: the string never ends */
	                                   "\n";
	pl_diags diags = PL_DIAGS_INIT;
	char path[600], want[800], got[800];
	pl_catalog *cat = load_po(s, "es.po", po, &diags, path, sizeof path);
	assert_null(cat);
	first_error(&diags, got, sizeof got);
	snprintf(want, sizeof want, "%s:15:14: error: end-of-line within string", path);
	assert_string_equal(got, want);
	pl_diags_free(&diags);

	static const char po2[] = PO_HEADER "\n"
	                                    "msgctxt \"a\"\n"
	                                    "msgid \"Hello\"\n"
	                                    "msgtsr \"Hola\"\n"; /* 11: a typo in a keyword */
	cat = load_po(s, "es2.po", po2, &diags, path, sizeof path);
	assert_null(cat);
	first_error(&diags, got, sizeof got);
	snprintf(want, sizeof want, "%s:11:1: error: keyword \"msgtsr\" unknown", path);
	assert_string_equal(got, want);
	pl_diags_free(&diags);
}

/* A catalogue that says it is not UTF-8 is refused, pointing at the header,
 * and so is one that says UTF-8 but is not. */
static void test_charset(void **state)
{
	unit_scratch *s = *state;
	static const char latin1[] = "msgid \"\"\n"
	                             "msgstr \"\"\n"
	                             "\"Language: es\\n\"\n"
	                             "\"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n"
	                             "\n"
	                             "msgctxt \"mission/heading\"\n"
	                             "msgid \"Mission\"\n"
	                             "msgstr \"Misi\xF3n\"\n";
	pl_diags diags = PL_DIAGS_INIT;
	char path[600], want[800], got[800];
	pl_catalog *cat = load_po(s, "latin1.po", latin1, &diags, path, sizeof path);
	assert_null(cat);
	first_error(&diags, got, sizeof got);
	snprintf(want, sizeof want,
	         "%s:1:1: error: the header must say 'Content-Type: text/plain; charset=UTF-8'",
	         path);
	assert_string_equal(got, want);
	pl_diags_free(&diags);

	/* The template's placeholder, left by hand-copying a .pot. */
	static const char placeholder[] = "msgid \"\"\n"
	                                  "msgstr \"\"\n"
	                                  "\"Content-Type: text/plain; charset=CHARSET\\n\"\n"
	                                  "\n"
	                                  "msgid \"Mission\"\n"
	                                  "msgstr \"Mision\"\n";
	cat = load_po(s, "charset.po", placeholder, &diags, path, sizeof path);
	assert_null(cat);
	first_error(&diags, got, sizeof got);
	snprintf(want, sizeof want,
	         "%s:1:1: error: the header must say 'Content-Type: text/plain; charset=UTF-8'",
	         path);
	assert_string_equal(got, want);
	pl_diags_free(&diags);

	/* Raw bytes that are not UTF-8: libgettextpo finds the byte. */
	static const char bad_bytes[] =
	        PO_HEADER "\n"
	                  "msgctxt \"mission/heading\"\n"
	                  "msgid \"Mission\"\n"
	                  "msgstr \"Misi\xF3n\"\n"; /* 11: the byte is at column 13 */
	cat = load_po(s, "bad.po", bad_bytes, &diags, path, sizeof path);
	assert_null(cat);
	first_error(&diags, got, sizeof got);
	snprintf(want, sizeof want, "%s:11:13: error: invalid multibyte sequence", path);
	assert_string_equal(got, want);
	pl_diags_free(&diags);

	/* No header at all: gettext would assume ASCII. */
	static const char no_header[] = "msgctxt \"mission/heading\"\n"
	                                "msgid \"Mission\"\n"
	                                "msgstr \"Misi\xC3\xB3n\"\n";
	cat = load_po(s, "noheader.po", no_header, &diags, path, sizeof path);
	assert_null(cat);
	assert_true(diags.errors >= 1);
	bool said = false;
	for (size_t i = 0; i < diags.count; i++) {
		pl_diag_format(&diags.items[i], got, sizeof got);
		said = said ||
		       strstr(got, ":1:1: error: the catalogue has no header entry") != NULL;
	}
	assert_true(said);
	pl_diags_free(&diags);

	/* A PO escape that makes a byte that is not UTF-8: the entry's line. */
	static const char bad_escape[] = PO_HEADER "\n"
	                                           "msgctxt \"mission/heading\"\n" /* 9 */
	                                           "msgid \"Mission\"\n"
	                                           "msgstr \"Misi\\xf3n\"\n";
	cat = load_po(s, "escape.po", bad_escape, &diags, path, sizeof path);
	assert_null(cat);
	first_error(&diags, got, sizeof got);
	snprintf(want, sizeof want,
	         "%s:9:1: error: invalid UTF-8 in a message; save the file as UTF-8", path);
	assert_string_equal(got, want);
	pl_diags_free(&diags);
}

static void test_bad_plural_forms(void **state)
{
	unit_scratch *s = *state;
	static const char po[] = "msgid \"\"\n"
	                         "msgstr \"\"\n"
	                         "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	                         "\"Plural-Forms: nplurals=2; plural=(n != 1;\\n\"\n"
	                         "\n"
	                         "msgid \"Mission\"\n"
	                         "msgstr \"Mision\"\n";
	pl_diags diags = PL_DIAGS_INIT;
	char path[600], want[800], got[800];
	pl_catalog *cat = load_po(s, "es.po", po, &diags, path, sizeof path);
	assert_null(cat);
	first_error(&diags, got, sizeof got);
	snprintf(want, sizeof want, "%s:1:1: error: bad Plural-Forms: missing ')'", path);
	assert_string_equal(got, want);
	pl_diags_free(&diags);
}

/* A file that is not there, a .mo file given by mistake. */
static void test_unreadable(void **state)
{
	unit_scratch *s = *state;
	pl_diags diags = PL_DIAGS_INIT;
	char path[600], want[800], got[800];
	snprintf(path, sizeof path, "%s/missing.po", s->dir);
	assert_null(pl_catalog_load(path, &diags));
	first_error(&diags, got, sizeof got);
	snprintf(want, sizeof want, "%s: error: cannot read: No such file or directory", path);
	assert_string_equal(got, want);
	pl_diags_free(&diags);

	static const char mo[] = "\xDE\x12\x04\x95\0\0\0\0";
	const char *mo_path = unit_scratch_write(s, "es.mo", mo, sizeof mo - 1);
	snprintf(path, sizeof path, "%s", mo_path);
	assert_null(pl_catalog_load(path, &diags));
	first_error(&diags, got, sizeof got);
	snprintf(want, sizeof want, "%s: error: the file contains NUL bytes; is it a .mo file?",
	         path);
	assert_string_equal(got, want);
	pl_diags_free(&diags);
}

/* msgfmt and msgmerge say where the first definition is; so must we, or at
 * least not name a line 0 and call line 14 "the location of the first". */
static void test_duplicate_entry_message(void **state)
{
	unit_scratch *s = *state;
	static const char po[] =
	        PO_HEADER "\n"
	                  "msgctxt \"a\"\n" /* 9 */
	                  "msgid \"Hello\"\n"
	                  "msgstr \"Hola\"\n"
	                  "\n"
	                  "msgctxt \"a\"\n"   /* 13 */
	                  "msgid \"Hello\"\n" /* 14: msgfmt: "duplicate message definition" */
	                  "msgstr \"Hola2\"\n";
	pl_diags diags = PL_DIAGS_INIT;
	char path[600], prefix[800], got[800];
	pl_catalog *cat = load_po(s, "es.po", po, &diags, path, sizeof path);
	assert_null(cat);
	first_error(&diags, got, sizeof got);
	snprintf(prefix, sizeof prefix, "%s:14:1: error: duplicate message definition", path);
	assert_true(strncmp(got, prefix, strlen(prefix)) == 0);
	char note[1000];
	snprintf(note, sizeof note, "duplicate PO entry message reads: %s", got);
	EXPECT_TRUE(!strstr(got, "line 0") && !strstr(got, "this is the location"), note);
	pl_diags_free(&diags);
}

/* ------------------------------------------------------------------ */
/* Plurals                                                             */

static void test_nget_spanish(void **state)
{
	unit_scratch *s = *state;
	static const char po[] = PO_HEADER "\n"
	                                   "msgctxt \"results\"\n"
	                                   "msgid \"one vote\"\n"
	                                   "msgid_plural \"votes\"\n"
	                                   "msgstr[0] \"un voto\"\n"
	                                   "msgstr[1] \"votos\"\n";
	pl_diags diags = PL_DIAGS_INIT;
	pl_catalog *cat = load_po(s, "es.po", po, &diags, NULL, 0);
	assert_non_null(cat);
	static const unsigned long n[] = {0, 1, 2, 3, 11, 100, 102};
	static const char *const want[] = {"votos", "un voto", "votos", "votos",
	                                   "votos", "votos",   "votos"};
	for (size_t i = 0; i < sizeof n / sizeof n[0]; i++) {
		pl_tr_status st = PL_TR_MISSING;
		const char *got = pl_catalog_nget(cat, "results", "one vote", "votes", n[i], &st);
		if (strcmp(got, want[i]) != 0)
			fail_msg("n=%lu: '%s', expected '%s'", n[i], got, want[i]);
		assert_int_equal(st, PL_TR_TRANSLATED);
	}
	/* Not in the catalogue: the English forms, missing. */
	pl_tr_status st;
	assert_string_equal(pl_catalog_nget(cat, "results", "one voter", "voters", 1, &st),
	                    "one voter");
	assert_int_equal(st, PL_TR_MISSING);
	assert_string_equal(pl_catalog_nget(cat, "results", "one voter", "voters", 0, &st),
	                    "voters");
	assert_int_equal(st, PL_TR_MISSING);
	/* The plural entry's msgstr[0] is visible to checks. */
	assert_string_equal(pl_catalog_find_context(cat, "results")->msgid_plural, "votes");
	assert_string_equal(pl_catalog_find_context(cat, "results")->msgstr, "un voto");
	pl_catalog_free(cat);
	pl_diags_free(&diags);
}

static void test_nget_arabic(void **state)
{
	unit_scratch *s = *state;
	static const char po[] =
	        "msgid \"\"\n"
	        "msgstr \"\"\n"
	        "\"Language: ar\\n\"\n"
	        "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	        "\"Plural-Forms: nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
	        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;\\n\"\n"
	        "\n"
	        "msgctxt \"results\"\n"
	        "msgid \"one vote\"\n"
	        "msgid_plural \"votes\"\n"
	        "msgstr[0] \"zero\"\n"
	        "msgstr[1] \"one\"\n"
	        "msgstr[2] \"two\"\n"
	        "msgstr[3] \"few\"\n"
	        "msgstr[4] \"many\"\n"
	        "msgstr[5] \"other\"\n"
	        "\n"
	        /* Only three forms translated so far. */
	        "msgctxt \"visits\"\n"
	        "msgid \"one visit\"\n"
	        "msgid_plural \"visits\"\n"
	        "msgstr[0] \"zero visits\"\n"
	        "msgstr[1] \"one visit (ar)\"\n"
	        "msgstr[2] \"two visits\"\n"
	        "msgstr[3] \"\"\n"
	        "msgstr[4] \"\"\n"
	        "msgstr[5] \"\"\n"
	        "\n"
	        "#, fuzzy\n"
	        "msgctxt \"people\"\n"
	        "msgid \"one person\"\n"
	        "msgid_plural \"people\"\n"
	        "msgstr[0] \"a\"\n"
	        "msgstr[1] \"b\"\n"
	        "msgstr[2] \"c\"\n"
	        "msgstr[3] \"d\"\n"
	        "msgstr[4] \"e\"\n"
	        "msgstr[5] \"f\"\n";
	pl_diags diags = PL_DIAGS_INIT;
	pl_catalog *cat = load_po(s, "ar.po", po, &diags, NULL, 0);
	if (!cat)
		pl_diags_print(&diags, stderr);
	assert_non_null(cat);
	assert_string_equal(pl_catalog_language(cat), "ar");
	static const unsigned long n[] = {0, 1, 2, 3, 11, 100, 102};
	static const char *const want[] = {"zero", "one", "two", "few", "many", "other", "other"};
	for (size_t i = 0; i < sizeof n / sizeof n[0]; i++) {
		pl_tr_status st = PL_TR_MISSING;
		const char *got = pl_catalog_nget(cat, "results", "one vote", "votes", n[i], &st);
		if (strcmp(got, want[i]) != 0)
			fail_msg("n=%lu: '%s', expected '%s'", n[i], got, want[i]);
		assert_int_equal(st, PL_TR_TRANSLATED);
	}
	/* A form left empty shows the English, marked untranslated; the
	 * translated forms still show. */
	pl_tr_status st;
	assert_string_equal(pl_catalog_nget(cat, "visits", "one visit", "visits", 2, &st),
	                    "two visits");
	assert_int_equal(st, PL_TR_TRANSLATED);
	assert_string_equal(pl_catalog_nget(cat, "visits", "one visit", "visits", 3, &st),
	                    "visits");
	assert_int_equal(st, PL_TR_UNTRANSLATED);
	assert_string_equal(pl_catalog_nget(cat, "visits", "one visit", "visits", 1, &st),
	                    "one visit (ar)");
	/* Fuzzy: the English, marked. */
	assert_string_equal(pl_catalog_nget(cat, "people", "one person", "people", 1, &st),
	                    "one person");
	assert_int_equal(st, PL_TR_FUZZY);
	assert_string_equal(pl_catalog_nget(cat, "people", "one person", "people", 5, &st),
	                    "people");
	assert_int_equal(st, PL_TR_FUZZY);
	pl_catalog_free(cat);
	pl_diags_free(&diags);
}

/* A plural entry with a form left empty in the middle: the forms after it
 * are still translations (each n shows its own form, as for the last forms
 * above). */
static void test_nget_gap_in_forms(void **state)
{
	unit_scratch *s = *state;
	static const char po[] =
	        "msgid \"\"\n"
	        "msgstr \"\"\n"
	        "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	        "\"Plural-Forms: nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;\\n\"\n"
	        "\n"
	        "msgid \"one\"\n"
	        "msgid_plural \"many\"\n"
	        "msgstr[0] \"uno\"\n"
	        "msgstr[1] \"\"\n"
	        "msgstr[2] \"muchos\"\n";
	pl_diags diags = PL_DIAGS_INIT;
	pl_catalog *cat = load_po(s, "es.po", po, &diags, NULL, 0);
	assert_non_null(cat);
	pl_tr_status st;
	assert_string_equal(pl_catalog_nget(cat, NULL, "one", "many", 1, &st), "uno");
	assert_int_equal(st, PL_TR_TRANSLATED);
	assert_string_equal(pl_catalog_nget(cat, NULL, "one", "many", 2, &st), "many");
	assert_int_equal(st, PL_TR_UNTRANSLATED);
	const char *three = pl_catalog_nget(cat, NULL, "one", "many", 3, &st);
	char note[300];
	snprintf(note, sizeof note, "form 2 after an empty form 1: n=3 gives '%s' (status %d)",
	         three, (int)st);
	EXPECT_TRUE(strcmp(three, "muchos") == 0 && st == PL_TR_TRANSLATED, note);
	pl_catalog_free(cat);
	pl_diags_free(&diags);
}

/* Without Plural-Forms, the English rule: form 0 for 1, form 1 otherwise. */
static void test_nget_default_rule(void **state)
{
	unit_scratch *s = *state;
	static const char po[] = "msgid \"\"\n"
	                         "msgstr \"\"\n"
	                         "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	                         "\n"
	                         "msgid \"one vote\"\n"
	                         "msgid_plural \"votes\"\n"
	                         "msgstr[0] \"un voto\"\n"
	                         "msgstr[1] \"votos\"\n";
	pl_diags diags = PL_DIAGS_INIT;
	pl_catalog *cat = load_po(s, "es.po", po, &diags, NULL, 0);
	assert_non_null(cat);
	assert_string_equal(pl_catalog_language(cat), "");
	assert_string_equal(pl_catalog_nget(cat, NULL, "one vote", "votes", 1, NULL), "un voto");
	assert_string_equal(pl_catalog_nget(cat, NULL, "one vote", "votes", 0, NULL), "votos");
	assert_string_equal(pl_catalog_nget(cat, NULL, "one vote", "votes", 21, NULL), "votos");
	pl_catalog_free(cat);
	pl_diags_free(&diags);
}

/* ------------------------------------------------------------------ */
/* Coverage of a deck                                                  */

static const char coverage_deck[] = "id: cov\n"
                                    "title: Plan\n"        /* deck/title */
                                    "district: District\n" /* deck/district */
                                    "source_language: en\n"
                                    "languages: [en, es]\n"
                                    "version: v1\n"
                                    "date: 2024-01-01\n"
                                    "slides:\n"
                                    "  - id: m\n"
                                    "    kind: statement\n"
                                    "    heading: Mission\n"                /* m/heading */
                                    "    text: Every student, every day.\n" /* m/text */
                                    "  - id: p\n"
                                    "    kind: poll\n"
                                    "    question: Which goal?\n" /* p/question */
                                    "    choices:\n"
                                    "      - {id: a, label: Growth}\n"    /* p/choices/a */
                                    "      - {id: b, label: Families}\n"; /* p/choices/b */

static const char coverage_po[] =
        PO_HEADER "\n"
                  "msgctxt \"deck/title\"\n" /* 9: translated */
                  "msgid \"Plan\"\n"
                  "msgstr \"Plan (es)\"\n"
                  "\n"
                  "#, fuzzy\n"
                  "msgctxt \"deck/district\"\n" /* 14: fuzzy */
                  "msgid \"District\"\n"
                  "msgstr \"Distrito\"\n"
                  "\n"
                  "msgctxt \"m/heading\"\n" /* 18: untranslated */
                  "msgid \"Mission\"\n"
                  "msgstr \"\"\n"
                  "\n"
                  "#~ msgctxt \"p/choices/b\"\n" /* 22: obsolete: ignored */
                  "#~ msgid \"Families\"\n"
                  "#~ msgstr \"Familias\"\n"
                  "\n"
                  "msgctxt \"m/text\"\n" /* 26: stale: older English */
                  "msgid \"Every student.\"\n"
                  "msgstr \"Cada estudiante.\"\n"
                  "\n"
                  "msgctxt \"p/choices/a\"\n" /* 30: translated */
                  "msgid \"Growth\"\n"
                  "msgstr \"Crecimiento\"\n"
                  "\n"
                  "msgctxt \"old/heading\"\n" /* 34: no longer in the deck */
                  "msgid \"Old\"\n"
                  "msgstr \"Viejo\"\n"
                  "\n"
                  "msgid \"Hello\"\n" /* 38: no msgctxt: not a deck string */
                  "msgstr \"Hola\"\n";
/* p/question and p/choices/b have no entry: missing. */

static void test_coverage(void **state)
{
	unit_scratch *s = *state;
	pl_diags diags = PL_DIAGS_INIT;
	pl_deck *deck =
	        pl_deck_load_buffer("deck.yaml", coverage_deck, strlen(coverage_deck), &diags);
	assert_non_null(deck);
	assert_int_equal(deck->n_texts, 7);
	char path[600];
	pl_catalog *cat = load_po(s, "es.po", coverage_po, &diags, path, sizeof path);
	if (!cat)
		pl_diags_print(&diags, stderr);
	assert_non_null(cat);
	assert_int_equal(diags.count, 0);

	pl_coverage c;
	pl_coverage_count(deck, cat, &c, &diags);
	assert_int_equal(c.total, 7);
	assert_int_equal(c.translated, 2);             /* deck/title, p/choices/a */
	assert_int_equal(c.fuzzy, 1);                  /* deck/district */
	assert_int_equal(c.untranslated, 1);           /* m/heading */
	assert_int_equal(c.missing, 3);                /* m/text, p/question, p/choices/b */
	assert_int_equal(c.stale, 1);                  /* m/text */
	assert_int_equal(c.obsolete, 2);               /* old/heading, "Hello" */
	assert_int_equal(pl_coverage_percent(&c), 28); /* 2/7, rounded down */

	/* One warning per stale and per stray entry, at the entry's line. */
	static const char *const want[] = {
	        "%s:26:1: warning: 'm/text' translates an older source text; run msgmerge (the "
	        "source text is shown until then)",
	        "%s:34:1: warning: 'old/heading' is not in the deck any more "
	        "(msgmerge will mark it obsolete)",
	        "%s:38:1: warning: entry without msgctxt is not a deck string (ignored)",
	};
	assert_int_equal(diags.count, 3);
	assert_int_equal(diags.errors, 0);
	for (size_t i = 0; i < 3; i++) {
		char line[800], expect[800];
		pl_diag_format(&diags.items[i], line, sizeof line);
		snprintf(expect, sizeof expect, want[i], path);
		assert_string_equal(line, expect);
	}

	/* pl_text_get shows the same as the counts say. */
	pl_tr_status st;
	assert_string_equal(pl_text_get(&deck->title, cat, &st), "Plan (es)");
	assert_int_equal(st, PL_TR_TRANSLATED);
	const pl_text *text = pl_deck_find_text(deck, "m/text");
	assert_string_equal(pl_text_get(text, cat, &st), "Every student, every day.");
	assert_int_equal(st, PL_TR_MISSING);
	/* An absent optional field gives NULL. */
	assert_null(pl_text_get(&deck->slides[0].subheading, cat, &st));

	/* Without diags, the same counts, silently. */
	pl_coverage quiet;
	pl_coverage_count(deck, cat, &quiet, NULL);
	assert_memory_equal(&quiet, &c, sizeof c);
	pl_catalog_free(cat);
	pl_diags_free(&diags);

	/* No catalogue: everything missing, nothing stale or obsolete. */
	pl_coverage none;
	pl_coverage_count(deck, NULL, &none, NULL);
	assert_int_equal(none.total, 7);
	assert_int_equal(none.missing, 7);
	assert_int_equal(
	        none.translated + none.fuzzy + none.untranslated + none.stale + none.obsolete, 0);
	assert_int_equal(pl_coverage_percent(&none), 0);
	pl_deck_free(deck);
}

/* 100% only when every string is translated. */
static void test_coverage_percent(void **state)
{
	(void)state;
	pl_coverage c = {0};
	c.total = 200;
	c.translated = 199;
	assert_int_equal(pl_coverage_percent(&c), 99);
	c.translated = 200;
	assert_int_equal(pl_coverage_percent(&c), 100);
	c.total = 3;
	c.translated = 1;
	assert_int_equal(pl_coverage_percent(&c), 33);
}

/* Writing a template, and reading a catalogue, again and again costs no
 * memory: libgettextpo 0.21 never frees a message's msgctxt, and every
 * entry has one (core/po_file.h). LeakSanitizer cannot see it (libgettextpo
 * is suppressed by name, tests/lsan.supp), so the heap in use is measured. */
static void test_no_memory_kept(void **state)
{
	unit_scratch *s = *state;
	pl_diags diags = PL_DIAGS_INIT;
	pl_deck *deck =
	        pl_deck_load_buffer("deck.yaml", coverage_deck, strlen(coverage_deck), &diags);
	assert_non_null(deck);
	char pot[600], po[600];
	snprintf(pot, sizeof pot, "%s/deck.pot", s->dir);
	pl_catalog *cat = load_po(s, "es.po", coverage_po, &diags, po, sizeof po);
	assert_non_null(cat);
	pl_catalog_free(cat);
	assert_int_equal(pl_deck_write_pot(deck, pot, &diags), 0);
	/* Templates: nothing kept. */
	size_t before = mallinfo2().uordblks;
	if (before == 0) { /* AddressSanitizer's allocator: glibc's counts are not kept */
		pl_diags_free(&diags);
		pl_deck_free(deck);
		skip();
	}
	for (int i = 0; i < 200; i++)
		assert_int_equal(pl_deck_write_pot(deck, pot, &diags), 0);
	long long kept = (long long)mallinfo2().uordblks - (long long)before;
	print_message("heap in use after 200 templates: %+lld bytes\n", kept);
	assert_true(kept < 1024);
	/* Catalogues: only what libgettextpo keeps of each read on purpose, the
	 * file's name (lex_start, some 50 bytes with malloc's own); the seven
	 * contexts of this one were 300 bytes more. */
	before = mallinfo2().uordblks;
	for (int i = 0; i < 200; i++) {
		cat = pl_catalog_load(po, &diags);
		assert_non_null(cat);
		pl_catalog_free(cat);
	}
	kept = (long long)mallinfo2().uordblks - (long long)before;
	print_message("heap in use after 200 catalogues: %+lld bytes\n", kept);
	assert_true(kept < 200 * 128);
	assert_int_equal(diags.errors, 0);
	pl_diags_free(&diags);
	pl_deck_free(deck);
}

int main(void)
{
#define SCRATCH(fn) cmocka_unit_test_setup_teardown(fn, scratch_setup, scratch_teardown)
	const struct CMUnitTest tests[] = {
	        SCRATCH(test_statuses_and_fallback),
	        cmocka_unit_test(test_no_catalog),
	        SCRATCH(test_msgctxt_distinguishes),
	        SCRATCH(test_obsolete_ignored),
	        SCRATCH(test_fuzzy_format_mismatch),
	        SCRATCH(test_syntax_error_line),
	        SCRATCH(test_charset),
	        SCRATCH(test_bad_plural_forms),
	        SCRATCH(test_unreadable),
	        SCRATCH(test_duplicate_entry_message),
	        SCRATCH(test_nget_spanish),
	        SCRATCH(test_nget_arabic),
	        SCRATCH(test_nget_gap_in_forms),
	        SCRATCH(test_nget_default_rule),
	        SCRATCH(test_coverage),
	        cmocka_unit_test(test_coverage_percent),
	        SCRATCH(test_no_memory_kept),
	};
	return cmocka_run_group_tests_name("catalog", tests, NULL, NULL);
}
