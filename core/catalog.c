/*
 * catalog.c: PO files through GNU libgettextpo; see catalog.h.
 *
 * libgettextpo parses and checks; its messages are copied into an arena and
 * a hash table keyed by msgctxt EOT msgid (the key .mo files use), so a
 * lookup is one hash probe and the libgettextpo file is freed at once.
 *
 * libgettextpo's error handler takes no user data and must not return on a
 * fatal error (gettext-po.h, struct po_xerror_handler). The handler therefore
 * finds the load in progress through a thread-local pointer and leaves a
 * fatal error with longjmp. What libgettextpo allocated before the jump is
 * lost (a few bytes per broken file, reported by LeakSanitizer and
 * suppressed by name in tests/lsan.supp); nothing of ours is.
 */
#include "placard/catalog.h"

#include <errno.h>
#include <gettext-po.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "placard/arena.h"
#include "placard/strbuf.h"
#include "placard/text.h"
#include "plural.h"
#include "po_file.h"

struct pl_catalog {
	pl_arena arena;
	const char *path;
	const char *language;
	const pl_plural *plural; /* NULL: English rule */
	pl_catalog_entry *entries;
	size_t n_entries;
	size_t *table; /* open addressing: entry index + 1, 0 empty */
	size_t table_size;
};

typedef struct load_ctx {
	const char *path;
	pl_diags *diags;
	jmp_buf fatal;
	const char *text; /* the file's bytes, for fixing up positions */
	size_t text_len;
	unsigned *entry_lines; /* line of each entry in file order (header included) */
	size_t n_entry_lines;
	size_t errors;
} load_ctx;

static _Thread_local load_ctx *current_load;

/* ------------------------------------------------------------------ */
/* libgettextpo's error callbacks                                      */

/* GNU gettext's lexer has already counted the newline when it reports a
 * string left open, so it names the next line (msgfmt does the same). Point
 * at the end of the line that holds the open string instead. */
static void fix_open_string(const load_ctx *ctx, const char *text, size_t *line, size_t *col)
{
	if (!text || !strstr(text, "end-of-line within string") || *line == (size_t)-1 ||
	    *line < 2 || !ctx->text)
		return;
	size_t want = *line - 1, l = 1, i = 0;
	while (i < ctx->text_len && l < want) {
		if (ctx->text[i++] == '\n')
			l++;
	}
	if (l != want)
		return;
	size_t chars = 0;
	for (; i < ctx->text_len && ctx->text[i] != '\n'; i++)
		if (((unsigned char)ctx->text[i] & 0xC0) != 0x80)
			chars++;
	*line = want;
	*col = chars + 1;
}

static void record(int severity, const char *file, size_t line, size_t col, const char *text)
{
	load_ctx *ctx = current_load;
	if (!ctx)
		return;
	fix_open_string(ctx, text, &line, &col);
	/* The closing "found N fatal errors" repeats what was already said. */
	if (severity == PO_SEVERITY_FATAL_ERROR && ctx->errors > 0 && text &&
	    strstr(text, "fatal error"))
		return;
	char msg[512];
	snprintf(msg, sizeof msg, "%s", text ? text : "error");
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	for (char *p = msg; *p; p++)
		if (*p == '\n')
			*p = ' ';
	unsigned l = line == (size_t)-1 || line > UINT32_MAX ? 0 : (unsigned)line;
	unsigned c = col == (size_t)-1 || col > UINT32_MAX ? 0 : (unsigned)col;
	if (l && !c)
		c = 1;
	pl_severity sev = severity == PO_SEVERITY_WARNING ? PL_WARNING : PL_ERROR;
	if (sev == PL_ERROR)
		ctx->errors++;
	pl_diags_add(ctx->diags, sev, file ? file : ctx->path, l, c, "%s", msg);
}

static void on_xerror(int severity, po_message_t message, const char *filename, size_t lineno,
                      size_t column, int multiline_p, const char *message_text)
{
	(void)message;
	(void)multiline_p;
	record(severity, filename, lineno, column, message_text);
	if (severity == PO_SEVERITY_FATAL_ERROR && current_load)
		longjmp(current_load->fatal, 1);
}

static void on_xerror2(int severity, po_message_t message1, const char *filename1, size_t lineno1,
                       size_t column1, int multiline_p1, const char *message_text1,
                       po_message_t message2, const char *filename2, size_t lineno2, size_t column2,
                       int multiline_p2, const char *message_text2)
{
	(void)message1;
	(void)message2;
	(void)multiline_p1;
	(void)multiline_p2;
	char text[600];
	/* libgettextpo 0.21 passes no position for the second message of a
	 * duplicate ("this is the location of the first definition"): say
	 * only what is known. */
	if (filename2 && lineno2 != (size_t)-1 && lineno2 != 0)
		snprintf(text, sizeof text, "%s (%s: line %zu)", message_text1 ? message_text1 : "",
		         message_text2 ? message_text2 : "", lineno2);
	else
		snprintf(text, sizeof text, "%s", message_text1 ? message_text1 : "error");
	(void)column2;
	record(severity == PO_SEVERITY_FATAL_ERROR ? PO_SEVERITY_ERROR : severity, filename1,
	       lineno1, column1, text);
	if (severity == PO_SEVERITY_FATAL_ERROR && current_load)
		longjmp(current_load->fatal, 1);
}

static const struct po_xerror_handler handler = {on_xerror, on_xerror2};

/* ------------------------------------------------------------------ */
/* Where entries start                                                  */

/* libgettextpo does not say where a message is in the PO file, only where it
 * came from in the sources (#:). Entries are kept in file order, so the k-th
 * entry starts at the k-th "msgctxt"/"msgid" keyword that opens one (a msgid
 * right after a msgctxt belongs to the same entry). */
static int scan_entry_lines(load_ctx *ctx, const char *buf, size_t len)
{
	size_t cap = 64;
	ctx->entry_lines = malloc(cap * sizeof(*ctx->entry_lines));
	if (!ctx->entry_lines)
		return -1;
	unsigned line = 1;
	int after_ctxt = 0;
	for (size_t i = 0; i < len;) {
		const char *s = buf + i;
		const char *eol = memchr(s, '\n', len - i);
		size_t n = eol ? (size_t)(eol - s) : len - i;
		const char *kw = s;
		size_t kn = n;
		if (kn >= 3 && s[0] == '#' && s[1] == '~' && s[2] == ' ') {
			kw = s + 3;
			kn = n - 3;
		}
		int is_ctxt = kn >= 8 && strncmp(kw, "msgctxt", 7) == 0 &&
		              (kw[7] == ' ' || kw[7] == '\t');
		int is_id =
		        kn >= 6 && strncmp(kw, "msgid", 5) == 0 && (kw[5] == ' ' || kw[5] == '\t');
		if (is_ctxt || (is_id && !after_ctxt)) {
			if (ctx->n_entry_lines == cap) {
				cap *= 2;
				unsigned *p = realloc(ctx->entry_lines, cap * sizeof(*p));
				if (!p)
					return -1;
				ctx->entry_lines = p;
			}
			ctx->entry_lines[ctx->n_entry_lines++] = line;
		}
		if (is_ctxt)
			after_ctxt = 1;
		else if (is_id)
			after_ctxt = 0;
		line++;
		i += n + 1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Hash table                                                          */

static uint64_t hash_key(const char *ctxt, const char *msgid)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	if (ctxt) {
		for (const unsigned char *p = (const unsigned char *)ctxt; *p; p++)
			h = (h ^ *p) * 1099511628211ULL;
		h = (h ^ 4u) * 1099511628211ULL;
	}
	for (const unsigned char *p = (const unsigned char *)msgid; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return h;
}

static int same_ctxt(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static const pl_catalog_entry *table_find(const pl_catalog *cat, const char *ctxt,
                                          const char *msgid)
{
	if (!cat || !cat->table_size)
		return NULL;
	size_t mask = cat->table_size - 1;
	for (size_t i = (size_t)hash_key(ctxt, msgid) & mask;; i = (i + 1) & mask) {
		size_t slot = cat->table[i];
		if (!slot)
			return NULL;
		const pl_catalog_entry *e = &cat->entries[slot - 1];
		if (strcmp(e->msgid, msgid) == 0 && same_ctxt(e->msgctxt, ctxt))
			return e;
	}
}

static int build_table(pl_catalog *cat)
{
	size_t size = 16;
	while (size < cat->n_entries * 2)
		size *= 2;
	cat->table = pl_arena_alloc(&cat->arena, size * sizeof(*cat->table));
	if (!cat->table)
		return -1;
	cat->table_size = size;
	for (size_t k = 0; k < cat->n_entries; k++) {
		const pl_catalog_entry *e = &cat->entries[k];
		size_t i = (size_t)hash_key(e->msgctxt, e->msgid) & (size - 1);
		while (cat->table[i])
			i = (i + 1) & (size - 1);
		cat->table[i] = k + 1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */

/* The value of a header field, copied into the arena, or NULL. */
static const char *header_field(pl_arena *arena, const char *header, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = header; p && *p;) {
		if (strncmp(p, name, n) == 0 && p[n] == ':') {
			const char *v = p + n + 1;
			while (*v == ' ')
				v++;
			size_t len = strcspn(v, "\n");
			while (len && v[len - 1] == ' ')
				len--;
			return pl_arena_strndup(arena, v, len);
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NULL;
}

static const char *copy(pl_catalog *cat, const char *s, int *oom)
{
	if (!s)
		return NULL;
	const char *p = pl_arena_strdup(&cat->arena, s);
	if (!p)
		*oom = 1;
	return p;
}

static void check_utf8(load_ctx *ctx, const char *s, unsigned line)
{
	if (s && pl_utf8_check(s, strlen(s)) != strlen(s))
		pl_diags_add(ctx->diags, PL_ERROR, ctx->path, line, line ? 1 : 0,
		             "invalid UTF-8 in a message; save the file as UTF-8");
}

/* A translation must be text a screen can show (deck.c holds the source
 * to the same rule): PO escapes such as \a or \x01 would be boxes. */
static void check_showable(load_ctx *ctx, const char *msgctxt, const char *s, unsigned line)
{
	uint32_t cp;
	size_t at;
	const char *why = s ? pl_text_unshowable(s, strlen(s), &cp, &at) : NULL;
	if (why)
		pl_diags_add(ctx->diags, PL_ERROR, ctx->path, line, line ? 1 : 0,
		             "the translation of '%s' contains %s U+%04X", msgctxt ? msgctxt : "",
		             why, (unsigned)cp);
}

static int read_header(pl_catalog *cat, load_ctx *ctx, const char *header, unsigned line)
{
	cat->language = header_field(&cat->arena, header, "Language");
	if (!cat->language)
		cat->language = "";
	const char *ct = header_field(&cat->arena, header, "Content-Type");
	const char *cs = ct ? strstr(ct, "charset=") : NULL;
	if (!cs || (strncmp(cs + 8, "UTF-8", 5) != 0 && strncmp(cs + 8, "utf-8", 5) != 0))
		pl_diags_add(ctx->diags, PL_ERROR, ctx->path, line, line ? 1 : 0,
		             "the header must say 'Content-Type: text/plain; charset=UTF-8'");
	const char *forms = header_field(&cat->arena, header, "Plural-Forms");
	if (forms) {
		const char *why = NULL;
		cat->plural = pl_plural_parse(&cat->arena, forms, &why);
		if (!cat->plural)
			pl_diags_add(ctx->diags, PL_ERROR, ctx->path, line, line ? 1 : 0,
			             "bad Plural-Forms: %s", why);
	}
	return 0;
}

static int copy_messages(pl_catalog *cat, load_ctx *ctx, po_file_t file)
{
	int oom = 0;
	const char *const *domains = po_file_domains(file);
	size_t count = 0;
	for (size_t d = 0; domains && domains[d]; d++) {
		po_message_iterator_t it = po_message_iterator(file, domains[d]);
		while (po_next_message(it))
			count++;
		po_message_iterator_free(it);
	}
	cat->entries = pl_arena_alloc(&cat->arena, (count ? count : 1) * sizeof(*cat->entries));
	if (!cat->entries)
		return -1;
	size_t index = 0;
	int have_header = 0;
	for (size_t d = 0; domains && domains[d]; d++) {
		po_message_iterator_t it = po_message_iterator(file, domains[d]);
		po_message_t m;
		while ((m = po_next_message(it)) != NULL) {
			unsigned line = index < ctx->n_entry_lines ? ctx->entry_lines[index] : 0;
			index++;
			const char *msgid = po_message_msgid(m);
			if (po_message_is_obsolete(m))
				continue;
			if (msgid[0] == '\0' && !po_message_msgctxt(m)) {
				read_header(cat, ctx, po_message_msgstr(m), line);
				have_header = 1;
				continue;
			}
			/* As msgfmt: a fuzzy or untranslated entry is never shown,
			 * so its format is not checked (msgmerge makes fuzzy entries
			 * from similar strings, formats and all, whenever the
			 * sources change). */
			const char *first = po_message_msgid_plural(m)
			                            ? po_message_msgstr_plural(m, 0)
			                            : po_message_msgstr(m);
			if (!po_message_is_fuzzy(m) && first && first[0])
				po_message_check_format(m, &handler);
			pl_catalog_entry *e = &cat->entries[cat->n_entries++];
			e->msgctxt = copy(cat, po_message_msgctxt(m), &oom);
			e->msgid = copy(cat, msgid, &oom);
			e->msgid_plural = copy(cat, po_message_msgid_plural(m), &oom);
			e->fuzzy = po_message_is_fuzzy(m);
			e->line = line;
			if (e->msgid_plural) {
				/* msgstr[0..n-1] joined by NUL, as in .mo files. */
				pl_strbuf sb = PL_STRBUF_INIT;
				const char *form;
				for (int k = 0; (form = po_message_msgstr_plural(m, k)) != NULL;
				     k++) {
					e->n_forms++;
					check_utf8(ctx, form, line);
					check_showable(ctx, po_message_msgctxt(m), form, line);
					if (pl_strbuf_add(&sb, form, strlen(form) + 1) < 0)
						oom = 1;
				}
				char *forms = pl_arena_alloc(&cat->arena, sb.len + 1);
				if (forms && sb.len)
					memcpy(forms, sb.buf, sb.len);
				if (!forms)
					oom = 1;
				e->msgstr = forms;
				pl_strbuf_release(&sb);
			} else {
				check_utf8(ctx, po_message_msgstr(m), line);
				check_showable(ctx, po_message_msgctxt(m), po_message_msgstr(m),
				               line);
				e->msgstr = copy(cat, po_message_msgstr(m), &oom);
			}
			check_utf8(ctx, msgid, line);
			check_utf8(ctx, e->msgctxt, line);
		}
		po_message_iterator_free(it);
	}
	/* Without a header gettext assumes ASCII: say how to declare UTF-8. */
	if (!have_header)
		pl_diags_add(ctx->diags, PL_ERROR, ctx->path, 1, 1,
		             "the catalogue has no header entry (msgid \"\"); start it from the "
		             "template with msginit, which writes one with charset=UTF-8");
	return oom ? -1 : 0;
}

/* libgettextpo 0.21 (Debian 12) never frees a message's msgctxt: its
 * message_free leaves it, so po_file_free loses every context, and every
 * entry of a deck's catalogue has one (the string's id). That was some 8 kB
 * a catalogue, 80 kB a hot reload of a ten-language deck, without end (the
 * soak, tests/soak, found it; LeakSanitizer did not, as libgettextpo is
 * suppressed by name), and 4 kB a template written (valgrind).
 * po_message_set_msgctxt frees the old context, and a library that frees
 * it itself then finds NULL. */
void pl_po_file_free(po_file_t file)
{
	if (!file)
		return;
	const char *const *domains = po_file_domains(file);
	for (size_t d = 0; domains && domains[d]; d++) {
		po_message_iterator_t it = po_message_iterator(file, domains[d]);
		po_message_t m;
		while ((m = po_next_message(it)))
			po_message_set_msgctxt(m, NULL);
		po_message_iterator_free(it);
	}
	po_file_free(file);
}

static po_file_t read_po(load_ctx *ctx)
{
	/* volatile: the value must survive the longjmp from a fatal error. */
	po_file_t volatile file = NULL;
	current_load = ctx;
	if (setjmp(ctx->fatal) == 0)
		file = po_file_read(ctx->path, &handler);
	else
		file = NULL;
	current_load = NULL;
	return file;
}

pl_catalog *pl_catalog_load(const char *path, pl_diags *diags)
{
	size_t errors_before = diags->errors;
	load_ctx ctx = {.path = path, .diags = diags};
	pl_strbuf buf = PL_STRBUF_INIT;
	if (pl_strbuf_read_file(&buf, path, PL_CATALOG_MAX_BYTES) < 0) {
		if (errno == EFBIG)
			pl_diags_add(diags, PL_ERROR, path, 0, 0,
			             "the file is larger than %zu MiB, the most a catalogue may be",
			             PL_CATALOG_MAX_BYTES >> 20);
		else
			pl_diags_add(diags, PL_ERROR, path, 0, 0, "cannot read: %s",
			             strerror(errno));
		pl_strbuf_release(&buf);
		return NULL;
	}
	if (memchr(pl_strbuf_str(&buf), '\0', buf.len)) {
		pl_diags_add(diags, PL_ERROR, path, 0, 0,
		             "the file contains NUL bytes; is it a .mo file?");
		pl_strbuf_release(&buf);
		return NULL;
	}
	int scanned = scan_entry_lines(&ctx, pl_strbuf_str(&buf), buf.len);
	pl_catalog *cat = calloc(1, sizeof(*cat));
	if (scanned < 0 || !cat) {
		pl_diags_add(diags, PL_ERROR, path, 0, 0, "out of memory");
		pl_strbuf_release(&buf);
		free(ctx.entry_lines);
		free(cat);
		return NULL;
	}
	ctx.text = pl_strbuf_str(&buf);
	ctx.text_len = buf.len;
	po_file_t file = read_po(&ctx);
	ctx.text = NULL;
	pl_strbuf_release(&buf);
	if (file) {
		current_load = &ctx;
		int rc;
		if (setjmp(ctx.fatal) == 0)
			rc = copy_messages(cat, &ctx, file);
		else
			rc = 0; /* the fatal error is already recorded */
		current_load = NULL;
		pl_po_file_free(file);
		if (rc < 0)
			pl_diags_add(diags, PL_ERROR, path, 0, 0, "out of memory");
	}
	free(ctx.entry_lines);
	cat->path = pl_arena_strdup(&cat->arena, path);
	if (!cat->language)
		cat->language = "";
	if (!file || diags->errors > errors_before || !cat->path || build_table(cat) < 0) {
		pl_catalog_free(cat);
		return NULL;
	}
	return cat;
}

void pl_catalog_free(pl_catalog *cat)
{
	if (!cat)
		return;
	pl_arena_free(&cat->arena);
	free(cat);
}

const char *pl_catalog_language(const pl_catalog *cat)
{
	return cat->language;
}

const char *pl_catalog_path(const pl_catalog *cat)
{
	return cat->path;
}

const char *pl_catalog_get(const pl_catalog *cat, const char *msgctxt, const char *msgid,
                           pl_tr_status *status)
{
	pl_tr_status dummy;
	if (!status)
		status = &dummy;
	const pl_catalog_entry *e = table_find(cat, msgctxt, msgid);
	if (!e) {
		*status = PL_TR_MISSING;
		return msgid;
	}
	if (!e->msgstr || !e->msgstr[0]) {
		*status = PL_TR_UNTRANSLATED;
		return msgid;
	}
	if (e->fuzzy) {
		*status = PL_TR_FUZZY;
		return msgid;
	}
	*status = PL_TR_TRANSLATED;
	return e->msgstr;
}

const char *pl_catalog_nget(const pl_catalog *cat, const char *msgctxt, const char *msgid,
                            const char *msgid_plural, unsigned long n, pl_tr_status *status)
{
	pl_tr_status dummy;
	if (!status)
		status = &dummy;
	const char *source = n == 1 ? msgid : msgid_plural;
	const pl_catalog_entry *e = table_find(cat, msgctxt, msgid);
	if (!e || !e->msgid_plural) {
		*status = e ? PL_TR_UNTRANSLATED : PL_TR_MISSING;
		return source;
	}
	if (e->fuzzy) {
		*status = PL_TR_FUZZY;
		return source;
	}
	unsigned long form = cat->plural ? pl_plural_eval(cat->plural, n) : (n != 1);
	/* Walk to form k. Forms are NUL-joined and may be empty, so count
	 * them rather than stop at the first empty one. */
	if (form >= e->n_forms) {
		*status = PL_TR_UNTRANSLATED;
		return source;
	}
	const char *s = e->msgstr;
	for (unsigned long k = 0; k < form; k++)
		s += strlen(s) + 1;
	if (!*s) {
		*status = PL_TR_UNTRANSLATED;
		return source;
	}
	*status = PL_TR_TRANSLATED;
	return s;
}

size_t pl_catalog_count(const pl_catalog *cat)
{
	return cat->n_entries;
}

const pl_catalog_entry *pl_catalog_entry_at(const pl_catalog *cat, size_t i)
{
	return i < cat->n_entries ? &cat->entries[i] : NULL;
}

const pl_catalog_entry *pl_catalog_find_context(const pl_catalog *cat, const char *msgctxt)
{
	if (!cat || !msgctxt)
		return NULL;
	for (size_t i = 0; i < cat->n_entries; i++)
		if (cat->entries[i].msgctxt && strcmp(cat->entries[i].msgctxt, msgctxt) == 0)
			return &cat->entries[i];
	return NULL;
}
