/*
 * translate.c: deck strings through catalogues; the .pot template.
 */
#include "placard/translate.h"

#include <gettext-po.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "placard/strbuf.h"
#include "placard/text.h"
#include "po_file.h"

const char *pl_text_get(const pl_text *t, const pl_catalog *cat, pl_tr_status *status)
{
	if (!t->src) {
		if (status)
			*status = PL_TR_TRANSLATED;
		return NULL;
	}
	return pl_catalog_get(cat, t->id, t->src, status);
}

static size_t count_paragraphs(const char *text)
{
	size_t pos = 0, n = 0, len;
	const char *start;
	while (pl_paragraph_next(text, &pos, &start, &len))
		n++;
	return n;
}

/* A translation that joins or splits paragraphs changes what the slide and
 * the handout look like; the translator usually did not mean to. */
static void check_paragraphs(const pl_text *t, const pl_catalog *cat, pl_diags *diags)
{
	const char *tr = pl_catalog_get(cat, t->id, t->src, NULL);
	size_t want = count_paragraphs(t->src), got = count_paragraphs(tr);
	if (want == got)
		return;
	const pl_catalog_entry *e = pl_catalog_find_context(cat, t->id);
	pl_diags_add(diags, PL_WARNING, pl_catalog_path(cat), e ? e->line : 0, e && e->line ? 1 : 0,
	             "'%s' has %zu paragraph%s in the source but %zu in the translation; each "
	             "line break starts a paragraph",
	             t->id, want, want == 1 ? "" : "s", got);
}

void pl_coverage_count(const pl_deck *deck, const pl_catalog *cat, pl_coverage *out,
                       pl_diags *diags)
{
	memset(out, 0, sizeof(*out));
	out->total = deck->n_texts;
	const char *path = cat ? pl_catalog_path(cat) : NULL;
	for (size_t i = 0; i < deck->n_texts; i++) {
		const pl_text *t = deck->texts[i];
		pl_tr_status st;
		pl_catalog_get(cat, t->id, t->src, &st);
		switch (st) {
		case PL_TR_TRANSLATED:
			out->translated++;
			if (diags)
				check_paragraphs(t, cat, diags);
			break;
		case PL_TR_FUZZY:
			out->fuzzy++;
			break;
		case PL_TR_UNTRANSLATED:
			out->untranslated++;
			break;
		case PL_TR_MISSING: {
			out->missing++;
			const pl_catalog_entry *old = pl_catalog_find_context(cat, t->id);
			if (old) {
				out->stale++;
				if (diags)
					pl_diags_add(diags, PL_WARNING, path, old->line,
					             old->line ? 1 : 0,
					             "'%s' translates an older source text; run "
					             "msgmerge "
					             "(the source text is shown until then)",
					             t->id);
			}
			break;
		}
		}
	}
	if (!cat)
		return;
	for (size_t i = 0; i < pl_catalog_count(cat); i++) {
		const pl_catalog_entry *e = pl_catalog_entry_at(cat, i);
		if (!e->msgctxt) {
			out->obsolete++;
			if (diags)
				pl_diags_add(
				        diags, PL_WARNING, path, e->line, e->line ? 1 : 0,
				        "entry without msgctxt is not a deck string (ignored)");
			continue;
		}
		const pl_text *t = pl_deck_find_text(deck, e->msgctxt);
		if (!t) {
			out->obsolete++;
			if (diags)
				pl_diags_add(
				        diags, PL_WARNING, path, e->line, e->line ? 1 : 0,
				        "'%s' is not in the deck any more (msgmerge will mark it "
				        "obsolete)",
				        e->msgctxt);
		}
	}
}

unsigned pl_coverage_percent(const pl_coverage *c)
{
	if (c->total == 0)
		return 100;
	return (unsigned)(c->translated * 100 / c->total);
}

char *pl_deck_catalog_path(const pl_deck *deck, const char *lang)
{
	pl_strbuf sb = PL_STRBUF_INIT;
	if (pl_strbuf_addf(&sb, "%s/po/%s.po", deck->dir ? deck->dir : ".", lang) < 0) {
		pl_strbuf_release(&sb);
		return NULL;
	}
	return pl_strbuf_detach(&sb);
}

pl_catalog *pl_deck_catalog_load(const pl_deck *deck, const char *lang, pl_diags *diags,
                                 bool *failed)
{
	bool dummy;
	if (!failed)
		failed = &dummy;
	*failed = false;
	if (strcmp(lang, deck->source_language) == 0)
		return NULL;
	char *po = pl_deck_catalog_path(deck, lang);
	if (!po) {
		pl_diags_add(diags, PL_ERROR, NULL, 0, 0, "out of memory");
		*failed = true;
		return NULL;
	}
	pl_catalog *cat = NULL;
	FILE *f = fopen(po, "r");
	if (f) {
		fclose(f);
		cat = pl_catalog_load(po, diags);
		*failed = cat == NULL;
	}
	free(po);
	return cat;
}

/* ------------------------------------------------------------------ */
/* Template                                                            */

/* libgettextpo's handler has no user data and must not return on a fatal
 * error: it finds the write in progress here and leaves with longjmp. */
static _Thread_local pl_diags *pot_diags;
static _Thread_local const char *pot_path;
static _Thread_local jmp_buf *pot_fatal;

static void pot_xerror(int severity, po_message_t message, const char *filename, size_t lineno,
                       size_t column, int multiline_p, const char *message_text)
{
	(void)message, (void)filename, (void)lineno, (void)column, (void)multiline_p;
	if (pot_diags)
		pl_diags_add(pot_diags, severity == PO_SEVERITY_WARNING ? PL_WARNING : PL_ERROR,
		             pot_path, 0, 0, "%s", message_text);
	if (severity == PO_SEVERITY_FATAL_ERROR && pot_fatal)
		longjmp(*pot_fatal, 1);
}

static void pot_xerror2(int severity, po_message_t m1, const char *f1, size_t l1, size_t c1,
                        int mp1, const char *t1, po_message_t m2, const char *f2, size_t l2,
                        size_t c2, int mp2, const char *t2)
{
	(void)m2, (void)f2, (void)l2, (void)c2, (void)mp2, (void)t2;
	pot_xerror(severity, m1, f1, l1, c1, mp1, t1);
}

static const char *field_of(const pl_text *t)
{
	const char *slash = strchr(t->id, '/');
	return slash ? slash + 1 : t->id;
}

/* Which slide a text belongs to, for the translator's comment. */
static const pl_slide *slide_of(const pl_deck *deck, const pl_text *t)
{
	size_t n = strcspn(t->id, "/");
	for (size_t i = 0; i < deck->n_slides; i++)
		if (strlen(deck->slides[i].id) == n && strncmp(deck->slides[i].id, t->id, n) == 0)
			return &deck->slides[i];
	return NULL;
}

static int add_message(po_message_iterator_t it, const pl_deck *deck, const pl_text *t)
{
	po_message_t m = po_message_create();
	if (!m)
		return -1;
	po_message_set_msgctxt(m, t->id);
	po_message_set_msgid(m, t->src);
	po_message_set_msgstr(m, "");
	const char *file = strrchr(deck->file, '/');
	po_message_add_filepos(m, file ? file + 1 : deck->file, t->line);
	pl_strbuf note = PL_STRBUF_INIT;
	const pl_slide *s = slide_of(deck, t);
	if (s)
		pl_strbuf_addf(&note, "Slide '%s' (%s), %s", s->id, pl_slide_kind_name(s->kind),
		               field_of(t));
	else
		pl_strbuf_addf(&note, "The deck's %s", field_of(t));
	if (strchr(t->src, '\n'))
		pl_strbuf_adds(&note,
		               "\nEach line break starts a paragraph: keep them where they are.");
	po_message_set_extracted_comments(m, pl_strbuf_str(&note));
	pl_strbuf_release(&note);
	po_message_insert(it, m);
	return 0;
}

int pl_deck_write_pot(const pl_deck *deck, const char *path, pl_diags *diags)
{
	static const struct po_xerror_handler handler = {pot_xerror, pot_xerror2};
	po_file_t file = po_file_create();
	if (!file) {
		pl_diags_add(diags, PL_ERROR, path, 0, 0, "out of memory");
		return -1;
	}
	po_message_iterator_t it = po_message_iterator(file, NULL);
	pl_strbuf header = PL_STRBUF_INIT;
	/* POT-Creation-Date is the deck's date, so the same deck always gives
	 * the same template (reproducible, diffable). */
	pl_strbuf_addf(&header,
	               "Project-Id-Version: %s %s\n"
	               "Report-Msgid-Bugs-To: \n"
	               "POT-Creation-Date: %s 00:00+0000\n"
	               "PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n"
	               "Last-Translator: FULL NAME <EMAIL@ADDRESS>\n"
	               "Language-Team: LANGUAGE <LL@li.org>\n"
	               "Language: \n"
	               "MIME-Version: 1.0\n"
	               "Content-Type: text/plain; charset=UTF-8\n"
	               "Content-Transfer-Encoding: 8bit\n",
	               deck->id, deck->version, deck->date);
	po_message_t head = po_message_create();
	int rc = -1;
	if (head && header.buf) {
		po_message_set_msgid(head, "");
		po_message_set_msgstr(head, header.buf);
		po_message_set_fuzzy(head, 1);
		pl_strbuf comment = PL_STRBUF_INIT;
		pl_strbuf_addf(
		        &comment,
		        "Template for the Placard deck '%s' (%s).\n"
		        "Each msgctxt is the string's stable id: translate msgid into msgstr.\n"
		        "Start a language with: msginit -l LANG -i THIS.pot -o po/LANG.po",
		        deck->id, deck->version);
		po_message_set_comments(head, pl_strbuf_str(&comment));
		pl_strbuf_release(&comment);
		po_message_insert(it, head);
		rc = 0;
		for (size_t i = 0; i < deck->n_texts && rc == 0; i++)
			rc = add_message(it, deck, deck->texts[i]);
	}
	po_message_iterator_free(it);
	pl_strbuf_release(&header);
	if (rc == 0) {
		jmp_buf fatal;
		pot_diags = diags;
		pot_path = path;
		pot_fatal = &fatal;
		size_t before = diags->errors;
		volatile int written = 0;
		if (setjmp(fatal) == 0)
			written = po_file_write(file, path, &handler) != NULL;
		if (!written || diags->errors > before) {
			if (diags->errors == before)
				pl_diags_add(diags, PL_ERROR, path, 0, 0,
				             "cannot write the template");
			rc = -1;
		}
		pot_diags = NULL;
		pot_fatal = NULL;
	} else {
		pl_diags_add(diags, PL_ERROR, path, 0, 0, "out of memory");
	}
	pl_po_file_free(file);
	return rc;
}
