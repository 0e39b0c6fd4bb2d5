/*
 * layout.c: paragraph -> lines -> runs; see layout.h for the order of the
 * stages and what each promises.
 *
 * Invariants kept throughout: the paragraph is held as code points (cps)
 * with the byte offset of each (byte_of[i], byte_of[n] == len); every
 * per-character array (levels, font, cluster) has n entries; a line is a
 * half-open range of code points [start, end) and lines tile the paragraph
 * in logical order.
 */
#include "placard/layout.h"

#include <fribidi.h>
#include <hb.h>
#include <linebreak.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "placard/strbuf.h"
#include "placard/text.h"

#define MIN_LINE_HEIGHT 1.5

typedef struct para {
	pl_layout pub; /* first: a pl_layout * is a para * */
	const pl_layout_params *params;
	const pl_measure *measure;
	size_t n;                    /* code points */
	uint32_t *cps;               /* n */
	size_t *byte_of;             /* n + 1 */
	FriBidiLevel *levels;        /* n */
	FriBidiArabicProp *ar_props; /* n, NULL when no Arabic joining is needed */
	int *font;                   /* n */
	char *brk;                   /* n: a line may break after code point i */
	char *must;                  /* n: a line must break after code point i */
	char *cluster;               /* n: code point i starts a grapheme cluster */
} para;

/* ------------------------------------------------------------------ */
/* Characters                                                          */

static hb_unicode_general_category_t category(uint32_t cp)
{
	return hb_unicode_general_category(hb_unicode_funcs_get_default(), cp);
}

static bool is_mark(uint32_t cp)
{
	hb_unicode_general_category_t c = category(cp);
	return c == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
	       c == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
	       c == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK;
}

static bool is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0x00A0 || cp == 0x200B;
}

static bool is_newline(uint32_t cp)
{
	return cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029 || cp == 0x0B ||
	       cp == 0x0C || cp == 0x85;
}

/* Characters that need no glyph of their own: they take the font of their
 * neighbours so that runs do not split on them. */
static bool is_neutral(uint32_t cp)
{
	return is_space(cp) || is_newline(cp) || (cp >= 0x200B && cp <= 0x200F) ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

static bool is_regional_indicator(uint32_t cp)
{
	return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

/* The paragraph as clean UTF-8 and as code points with their offsets. */
static int load_text(para *p, const char *text, size_t len)
{
	pl_arena *a = &p->pub.arena;
	/* At most one code point per byte; U+FFFD takes 3 bytes for 1. */
	p->cps = pl_arena_alloc(a, (len + 1) * sizeof(*p->cps));
	p->byte_of = pl_arena_alloc(a, (len + 2) * sizeof(*p->byte_of));
	char *clean = pl_arena_alloc(a, len * 3 + 1);
	if (!p->cps || !p->byte_of || !clean)
		return -1;
	size_t n = 0, out = 0;
	for (size_t i = 0; i < len;) {
		size_t next = i;
		uint32_t cp = pl_utf8_next(text, len, &next);
		size_t used = next - i;
		if (cp == 0)
			cp = 0xFFFD; /* a NUL would end the text for C renderers */
		p->cps[n] = cp;
		p->byte_of[n] = out;
		out += pl_utf8_encode(cp, clean + out);
		n++;
		i += used;
	}
	p->byte_of[n] = out;
	clean[out] = '\0';
	p->n = n;
	p->pub.text = clean;
	p->pub.len = out;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Stage 1: break opportunities                                        */

static pthread_once_t linebreak_once = PTHREAD_ONCE_INIT;

static void init_unibreak(void)
{
	init_linebreak();
}

/* Hangul, Han and letters: under keep-all no break between two of them. */
static bool keep_all_letter(uint32_t cp)
{
	if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
	    (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0x4E00 && cp <= 0x9FFF))
		return true;
	hb_unicode_general_category_t c = category(cp);
	return c == HB_UNICODE_GENERAL_CATEGORY_LOWERCASE_LETTER ||
	       c == HB_UNICODE_GENERAL_CATEGORY_UPPERCASE_LETTER ||
	       c == HB_UNICODE_GENERAL_CATEGORY_OTHER_LETTER ||
	       c == HB_UNICODE_GENERAL_CATEGORY_DECIMAL_NUMBER;
}

static void primary_subtag(const char *lang, char *out, size_t size)
{
	size_t n = lang ? strcspn(lang, "-_") : 0;
	if (n >= size)
		n = size - 1;
	memcpy(out, lang ? lang : "", n);
	out[n] = '\0';
}

int pl_line_breaks(const char *text, size_t len, const char *lang, char *brk, char *mandatory)
{
	memset(brk, 0, len);
	memset(mandatory, 0, len);
	if (len == 0)
		return 0;
	pthread_once(&linebreak_once, init_unibreak);
	/* libunibreak 1.1 (Unicode 6.2) aborts on regional indicators (BRIEF
	 * section 3): hand it a 4-byte letter of class AL in their place,
	 * U+1D400, which keeps the byte offsets and never breaks inside a flag.
	 * It also takes U+FFFF, a noncharacter but valid UTF-8, for the end of
	 * the text (its EOS) and fails an assertion: U+FFFD stands in, three
	 * bytes too (found by fuzz_layout). */
	char *copy = malloc(len);
	char *brks = malloc(len);
	if (!copy || !brks) {
		free(copy);
		free(brks);
		return -1;
	}
	static const unsigned char math_a[4] = {0xF0, 0x9D, 0x90, 0x80}; /* U+1D400 */
	memcpy(copy, text, len);
	for (size_t i = 0; i + 2 < len; i++) {
		unsigned char *s = (unsigned char *)copy + i;
		if (i + 3 < len && s[0] == 0xF0 && s[1] == 0x9F && s[2] == 0x87 && s[3] >= 0xA6 &&
		    s[3] <= 0xBF) {
			memcpy(s, math_a, sizeof math_a);
			i += 3;
		} else if (s[0] == 0xEF && s[1] == 0xBF && s[2] == 0xBF) {
			s[2] = 0xBD;
			i += 2;
		}
	}
	char tag[16];
	primary_subtag(lang, tag, sizeof tag);
	set_linebreaks_utf8((const utf8_t *)copy, len, tag, brks);
	bool keep_all = strcmp(tag, "ko") == 0;
	/* The last byte of each character carries its break; find the code
	 * points on both sides for keep-all. */
	uint32_t prev = 0;
	for (size_t i = 0; i < len;) {
		size_t next_i = i;
		uint32_t cp = pl_utf8_next(text, len, &next_i);
		size_t last = next_i - 1;
		char b = brks[last];
		if (b == LINEBREAK_MUSTBREAK && next_i < len) {
			brk[last] = mandatory[last] = 1;
		} else if (b == LINEBREAK_ALLOWBREAK || b == LINEBREAK_MUSTBREAK) {
			brk[last] = 1;
			if (keep_all && next_i < len) {
				size_t after = next_i;
				uint32_t next = pl_utf8_next(text, len, &after);
				if (keep_all_letter(cp) && keep_all_letter(next))
					brk[last] = 0;
			}
		}
		prev = cp;
		i = next_i;
	}
	(void)prev;
	free(copy);
	free(brks);
	return 0;
}

static int find_breaks(para *p)
{
	size_t len = p->pub.len;
	char *brk = malloc(len + 1), *must = malloc(len + 1);
	p->brk = pl_arena_alloc(&p->pub.arena, p->n + 1);
	p->must = pl_arena_alloc(&p->pub.arena, p->n + 1);
	int rc = -1;
	if (brk && must && p->brk && p->must &&
	    pl_line_breaks(p->pub.text, len, p->params->lang, brk, must) == 0) {
		for (size_t i = 0; i < p->n; i++) {
			size_t last = p->byte_of[i + 1] - 1;
			p->brk[i] = brk[last];
			p->must[i] = must[last];
		}
		rc = 0;
	}
	free(brk);
	free(must);
	return rc;
}

/* Grapheme clusters, as far as line breaking inside a word needs them
 * (UAX #29's extend and join rules): marks, joiners, variation selectors
 * and the second of a flag's two indicators never start a cluster. */
static int find_clusters(para *p)
{
	p->cluster = pl_arena_alloc(&p->pub.arena, p->n + 1);
	if (!p->cluster)
		return -1;
	bool ri_open = false;
	for (size_t i = 0; i < p->n; i++) {
		uint32_t cp = p->cps[i];
		bool starts = true;
		if (i > 0) {
			uint32_t prev = p->cps[i - 1];
			if (is_mark(cp) || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) ||
			    (cp >= 0xE0100 && cp <= 0xE01EF) || prev == 0x200D)
				starts = false;
			/* Hangul jamo: L+ V+ T* stay together. */
			if ((cp >= 0x1160 && cp <= 0x11FF) && (prev >= 0x1100 && prev <= 0x11FF))
				starts = false;
			if (is_regional_indicator(cp) && ri_open)
				starts = false;
		}
		ri_open = is_regional_indicator(cp) ? (starts ? true : false) : false;
		p->cluster[i] = (char)starts;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Stage 2: bidi levels                                                */

bool pl_lang_is_rtl(const char *lang)
{
	static const char *const rtl[] = {"ar", "fa", "he", "ur", "ps",
	                                  "sd", "ug", "yi", "dv", "ckb"};
	char tag[16];
	primary_subtag(lang, tag, sizeof tag);
	for (size_t i = 0; i < sizeof rtl / sizeof rtl[0]; i++)
		if (strcmp(tag, rtl[i]) == 0)
			return true;
	return false;
}

static int find_levels(para *p)
{
	pl_arena *a = &p->pub.arena;
	size_t n = p->n ? p->n : 1;
	FriBidiCharType *types = pl_arena_alloc(a, n * sizeof(*types));
	FriBidiBracketType *brackets = pl_arena_alloc(a, n * sizeof(*brackets));
	p->levels = pl_arena_alloc(a, n * sizeof(*p->levels));
	if (!types || !brackets || !p->levels)
		return -1;
	p->pub.rtl = pl_lang_is_rtl(p->params->lang);
	FriBidiParType base = p->pub.rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
	FriBidiLevel fallback = p->pub.rtl ? 1 : 0;
	if (p->n == 0)
		return 0;
	const FriBidiChar *str = (const FriBidiChar *)p->cps;
	FriBidiStrIndex len = (FriBidiStrIndex)p->n;
	fribidi_get_bidi_types(str, len, types);
	fribidi_get_bracket_types(str, len, types, brackets);
	if (!fribidi_get_par_embedding_levels_ex(types, brackets, len, &base, p->levels))
		for (size_t i = 0; i < p->n; i++)
			p->levels[i] = fallback;
	/* Arabic joining, for renderers that cannot shape (pl_run_visual_text). */
	bool arabic = false;
	for (size_t i = 0; i < p->n && !arabic; i++)
		arabic = p->cps[i] >= 0x0600 && p->cps[i] <= 0x08FF;
	if (arabic) {
		p->ar_props = pl_arena_alloc(a, n * sizeof(*p->ar_props));
		if (!p->ar_props)
			return -1;
		fribidi_get_joining_types(str, len, p->ar_props);
		fribidi_join_arabic(types, len, p->levels, p->ar_props);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Stage 3: fonts                                                       */

static int first_font(para *p, uint32_t cp)
{
	const pl_measure *m = p->measure;
	for (int f = 0; f < p->params->n_fonts; f++)
		if (m->has_glyph(m->ctx, f, cp))
			return f;
	return -1;
}

static void assign_fonts_in_word(para *p, size_t start, size_t end)
{
	const pl_measure *m = p->measure;
	/* The first font that has every character of the word. */
	for (int f = 0; f < p->params->n_fonts; f++) {
		bool all = true;
		for (size_t i = start; i < end && all; i++)
			if (!is_neutral(p->cps[i]) && !m->has_glyph(m->ctx, f, p->cps[i]))
				all = false;
		if (all) {
			for (size_t i = start; i < end; i++)
				p->font[i] = f;
			return;
		}
	}
	/* None: character by character, marks with their base when its face
	 * has them (an Arabic mark on a Latin letter would be a box in the
	 * Latin face; in its own face it shows, on a dotted circle). */
	for (size_t i = start; i < end; i++) {
		uint32_t cp = p->cps[i];
		int prev = i > start ? p->font[i - 1] : -1;
		if (i > start && (is_neutral(cp) ||
		                  (is_mark(cp) && (prev < 0 || m->has_glyph(m->ctx, prev, cp)))))
			p->font[i] = prev;
		else
			p->font[i] = first_font(p, cp);
	}
}

static int assign_fonts(para *p)
{
	p->font = pl_arena_alloc(&p->pub.arena, (p->n + 1) * sizeof(*p->font));
	if (!p->font)
		return -1;
	size_t start = 0;
	for (size_t i = 0; i < p->n; i++) {
		if (p->brk[i] || i + 1 == p->n) {
			assign_fonts_in_word(p, start, i + 1);
			start = i + 1;
		}
	}
	/* Spaces and controls take a neighbour's font, so runs do not split on
	 * them: the previous character's, or the next one's at the start. */
	for (size_t i = 0; i < p->n; i++) {
		if (!is_neutral(p->cps[i]))
			continue;
		if (i > 0) {
			p->font[i] = p->font[i - 1];
		} else {
			size_t j = 0;
			while (j < p->n && is_neutral(p->cps[j]))
				j++;
			p->font[i] = j < p->n ? p->font[j] : (p->params->n_fonts > 0 ? 0 : -1);
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Measuring                                                            */

static double measure_range(para *p, size_t start, size_t end)
{
	double w = 0;
	size_t i = start;
	while (i < end) {
		size_t j = i + 1;
		while (j < end && p->font[j] == p->font[i] &&
		       (p->levels[j] & 1) == (p->levels[i] & 1))
			j++;
		/* Font -1 (no face has the text) too: the renderer answers with
		 * the width of the visible replacement it draws. */
		const char *s = p->pub.text + p->byte_of[i];
		size_t len = p->byte_of[j] - p->byte_of[i];
		w += p->measure->width(p->measure->ctx, p->font[i], s, len, (p->levels[i] & 1) != 0,
		                       p->params->size);
		i = j;
	}
	return w;
}

/* The end of [start, end) without trailing spaces and line feeds. */
static size_t trim_end(const para *p, size_t start, size_t end)
{
	while (end > start && (is_space(p->cps[end - 1]) || is_newline(p->cps[end - 1])))
		end--;
	return end;
}

/* ------------------------------------------------------------------ */
/* Stage 5: one line in visual order                                   */

typedef struct span {
	size_t start, end;
	FriBidiLevel level;
	int font;
} span;

static int build_line(para *p, pl_line *line, size_t start, size_t end)
{
	pl_arena *a = &p->pub.arena;
	line->start = p->byte_of[start];
	line->end = p->byte_of[end];
	size_t ink_end = trim_end(p, start, end);
	line->runs = NULL;
	line->n_runs = 0;
	line->width = 0;
	if (ink_end == start)
		return 0;
	/* Logical spans of one level and one font. */
	size_t cap = ink_end - start;
	span *spans = malloc(cap * sizeof(*spans));
	if (!spans)
		return -1;
	size_t ns = 0;
	for (size_t i = start; i < ink_end;) {
		size_t j = i + 1;
		while (j < ink_end && p->levels[j] == p->levels[i] && p->font[j] == p->font[i])
			j++;
		spans[ns++] = (span){i, j, p->levels[i], p->font[i]};
		i = j;
	}
	/* UAX #9 L2: from the highest level down to the lowest odd one,
	 * reverse every maximal sequence of spans at that level or higher. */
	int hi = 0, lo_odd = 127;
	for (size_t k = 0; k < ns; k++) {
		int level = (unsigned char)spans[k].level; /* 0 to 125 (UAX #9 BD2) */
		if (level > hi)
			hi = level;
		if ((level & 1) && level < lo_odd)
			lo_odd = level;
	}
	for (int lvl = hi; lvl >= lo_odd && lvl > 0; lvl--) {
		for (size_t k = 0; k < ns;) {
			if (spans[k].level < lvl) {
				k++;
				continue;
			}
			size_t m = k;
			while (m < ns && spans[m].level >= lvl)
				m++;
			for (size_t x = k, y = m - 1; x < y; x++, y--) {
				span t = spans[x];
				spans[x] = spans[y];
				spans[y] = t;
			}
			k = m;
		}
	}
	line->runs = pl_arena_alloc(a, ns * sizeof(*line->runs));
	if (!line->runs) {
		free(spans);
		return -1;
	}
	double x = 0;
	for (size_t k = 0; k < ns; k++) {
		pl_run *r = &line->runs[k];
		r->start = p->byte_of[spans[k].start];
		r->end = p->byte_of[spans[k].end];
		r->font = spans[k].font;
		r->rtl = (spans[k].level & 1) != 0;
		r->width = measure_range(p, spans[k].start, spans[k].end);
		r->x = x;
		x += r->width;
	}
	line->n_runs = ns;
	line->width = x;
	/* Flush right in a right-to-left paragraph, left otherwise. */
	if (p->pub.rtl) {
		double shift = p->params->width - x;
		for (size_t k = 0; k < ns; k++)
			line->runs[k].x += shift;
	}
	free(spans);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Stage 4: filling lines                                               */

typedef struct line_list {
	size_t *ends; /* code point index where each line ends */
	size_t n, cap;
} line_list;

static int push_end(line_list *l, size_t end)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		size_t *e = realloc(l->ends, cap * sizeof(*e));
		if (!e)
			return -1;
		l->ends = e;
		l->cap = cap;
	}
	l->ends[l->n++] = end;
	return 0;
}

/* The end of the grapheme cluster at i (< end): where the next one starts,
 * or end. */
static size_t cluster_end(const para *p, size_t i, size_t end)
{
	size_t j = i + 1;
	while (j < end && !p->cluster[j])
		j++;
	return j;
}

/* A word wider than the box: as many grapheme clusters as fit, at least
 * one, so that every line makes progress. Returns where the line ends.
 *
 * Found by galloping then bisecting over cluster boundaries (widths grow
 * with the text), a few measurements a line instead of one per cluster: a
 * megabyte without a space is thousands of lines, and a renderer's width
 * costs a shaping of the whole range each time. */
static size_t split_word(para *p, size_t start, size_t end, double room)
{
	size_t fit = cluster_end(p, start, end); /* fits, or is the one cluster */
	size_t over = end + 1;                   /* a boundary known not to fit */
	for (size_t step = 1; fit < end; step *= 2) {
		size_t b = fit;
		for (size_t k = 0; k < step && b < end; k++)
			b = cluster_end(p, b, end);
		if (measure_range(p, start, b) > room) {
			over = b;
			break;
		}
		fit = b;
	}
	while (over <= end && over - fit > 1) {
		/* The first boundary at or after the middle, else the first one
		 * after fit; none before over: fit is the answer. */
		size_t b = cluster_end(p, fit + (over - fit) / 2 - 1, end);
		if (b >= over)
			b = cluster_end(p, fit, end);
		if (b >= over)
			break;
		if (measure_range(p, start, b) > room)
			over = b;
		else
			fit = b;
	}
	return fit;
}

static int fill_lines(para *p, line_list *lines)
{
	double box = p->params->width;
	size_t line_start = 0, word_start = 0;
	for (size_t i = 0; i < p->n; i++) {
		if (!p->brk[i] && i + 1 < p->n)
			continue;
		size_t word_end = i + 1;
		size_t ink_end = trim_end(p, word_start, word_end);
		/* The line with this word, its trailing spaces left out. */
		double ink = measure_range(p, line_start, ink_end);
		if (line_start < word_start && ink > box) {
			if (push_end(lines, word_start) < 0)
				return -1;
			line_start = word_start;
			ink = measure_range(p, line_start, ink_end);
		}
		/* Alone on its line and still too wide: break inside the word,
		 * until split_word finds that the rest fits. Measuring the
		 * whole rest after every cut instead made a long word cost its
		 * length squared (a megabyte without a space never finished). */
		if (ink > box && line_start == word_start) {
			while (ink_end > word_start) {
				size_t cut = split_word(p, word_start, ink_end, box);
				if (cut >= ink_end)
					break;
				if (push_end(lines, cut) < 0)
					return -1;
				line_start = word_start = cut;
			}
		}
		if (p->must[i]) {
			if (push_end(lines, word_end) < 0)
				return -1;
			line_start = word_end;
		}
		word_start = word_end;
	}
	if (line_start < p->n || lines->n == 0)
		return push_end(lines, p->n);
	return 0;
}

/* ------------------------------------------------------------------ */

pl_layout *pl_layout_paragraph(const char *text, size_t len, const pl_layout_params *params,
                               const pl_measure *measure)
{
	para *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->params = params;
	p->measure = measure;
	line_list lines = {NULL, 0, 0};
	if (load_text(p, text ? text : "", text ? len : 0) < 0 || find_breaks(p) < 0 ||
	    find_clusters(p) < 0 || find_levels(p) < 0 || assign_fonts(p) < 0 ||
	    fill_lines(p, &lines) < 0)
		goto fail;
	double lh = params->line_height > MIN_LINE_HEIGHT ? params->line_height : MIN_LINE_HEIGHT;
	p->pub.line_height = lh * params->size;
	p->pub.lines = pl_arena_alloc(&p->pub.arena, lines.n * sizeof(*p->pub.lines));
	if (!p->pub.lines)
		goto fail;
	size_t start = 0;
	for (size_t k = 0; k < lines.n; k++) {
		pl_line *line = &p->pub.lines[k];
		if (build_line(p, line, start, lines.ends[k]) < 0)
			goto fail;
		line->y = (double)k * p->pub.line_height;
		if (line->width > p->pub.widest)
			p->pub.widest = line->width;
		start = lines.ends[k];
	}
	p->pub.n_lines = lines.n;
	p->pub.height = (double)lines.n * p->pub.line_height;
	free(lines.ends);
	return &p->pub;
fail:
	free(lines.ends);
	pl_layout_free(&p->pub);
	return NULL;
}

void pl_layout_free(pl_layout *layout)
{
	if (!layout)
		return;
	pl_arena_free(&layout->arena);
	free(layout);
}

/* ------------------------------------------------------------------ */
/* Visual text for renderers without a shaper                          */

/* Format characters a shaper would hide but a PDF font may draw as a box
 * or bar (Noto Sans Arabic has an outline for U+200C): zero-width space and
 * joiners (their work, joining or not, is done by the shaping above), bidi
 * marks and controls (done by the reordering), and the U+FEFF FriBidi
 * leaves behind a lam-alef ligature. */
static bool invisible_in_print(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF;
}

/* The first code point at or after byte offset at: a binary search, since
 * a renderer asks once per run and a long paragraph has many runs (a scan
 * from the start made a 6 KB paragraph of broken UTF-8 take seconds). */
static size_t cp_at_byte(const para *p, size_t at)
{
	size_t lo = 0, hi = p->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->byte_of[mid] < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const char *pl_run_visual_text(pl_layout *layout, const pl_run *run)
{
	para *p = (para *)layout;
	/* Code points of the run. */
	size_t a = cp_at_byte(p, run->start);
	size_t b = cp_at_byte(p, run->end);
	if (b < a)
		b = a;
	size_t n = b - a;
	char *out = pl_arena_alloc(&layout->arena, (run->end - run->start) * 3 + 4);
	if (!out)
		return NULL;
	if (!run->rtl) {
		size_t o = 0;
		for (size_t i = a; i < b; i++)
			if (!invisible_in_print(p->cps[i]))
				o += pl_utf8_encode(p->cps[i], out + o);
		out[o] = '\0';
		return out;
	}
	FriBidiChar *str = malloc((n + 1) * sizeof(*str));
	FriBidiArabicProp *props = malloc((n + 1) * sizeof(*props));
	if (!str || !props) {
		free(str);
		free(props);
		return NULL;
	}
	memcpy(str, p->cps + a, n * sizeof(*str));
	if (p->ar_props)
		memcpy(props, p->ar_props + a, n * sizeof(*props));
	/* Mirroring (brackets), Arabic presentation forms and lam-alef
	 * ligatures; a ligature leaves U+FEFF in the second place, dropped. */
	fribidi_shape(FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC, p->levels + a,
	              (FriBidiStrIndex)n, p->ar_props ? props : NULL, str);
	/* Reverse by grapheme cluster, so marks stay after their base. */
	size_t o = 0;
	size_t end = n;
	while (end > 0) {
		size_t start = end - 1;
		while (start > 0 && !p->cluster[a + start])
			start--;
		for (size_t i = start; i < end; i++)
			if (!invisible_in_print(str[i]))
				o += pl_utf8_encode(str[i], out + o);
		end = start;
	}
	out[o] = '\0';
	free(str);
	free(props);
	return out;
}
