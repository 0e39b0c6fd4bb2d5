/*
 * text.c: checks on the small strings a deck is made of; see text.h.
 */
#include "placard/text.h"

#include <ctype.h>
#include <hb.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

size_t pl_utf8_check(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t n;
		uint32_t cp, min;
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1, cp = c & 0x1F, min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2, cp = c & 0x0F, min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3, cp = c & 0x07, min = 0x10000;
		} else {
			return i;
		}
		if (len - i <= n)
			return i;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		/* Overlong forms, UTF-16 surrogates and beyond U+10FFFF (RFC 3629). */
		if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return i;
		i += n + 1;
	}
	return len;
}

static bool all_of(const char *s, size_t n, int (*pred)(int))
{
	for (size_t i = 0; i < n; i++)
		if (!pred((unsigned char)s[i]))
			return false;
	return true;
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}
static int is_alnum(int c)
{
	return is_alpha(c) || is_digit(c);
}

/* RFC 5646 section 2.1 (ABNF of langtag and privateuse), as a walk over the
 * subtags in order; each stage may be skipped, none may come back. */
bool pl_bcp47_valid(const char *tag)
{
	if (!tag || !*tag || strlen(tag) > 128)
		return false;
	enum { LANG, EXTLANG, SCRIPT, REGION, VARIANT, EXTENSION, PRIVATE } stage = LANG;
	unsigned extlangs = 0, ext_subtags = 0;
	char singletons[64] = {0};
	size_t n_singletons = 0;
	const char *p = tag;
	for (;;) {
		const char *end = strchr(p, '-');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == 0 || n > 8 || !all_of(p, n, is_alnum))
			return false;
		if (stage == LANG) {
			if (n == 1 && (p[0] == 'x' || p[0] == 'X')) {
				stage = PRIVATE;
				ext_subtags = 0;
			} else if (n >= 2 && n <= 3 && all_of(p, n, is_alpha)) {
				/* RFC 5646 2.2.1: 4-letter language subtags are
				 * reserved and no 5-8 letter one is registered, so
				 * 'english' names no language a kiosk can offer. */
				stage = EXTLANG;
			} else {
				return false;
			}
		} else if (stage == PRIVATE || (stage == EXTENSION && n >= 2)) {
			ext_subtags++;
		} else if (n == 1) {
			/* A singleton opens an extension or the private use part. */
			if (stage == EXTENSION && ext_subtags == 0)
				return false;
			char c = (char)tolower((unsigned char)p[0]);
			if (c == 'x') {
				stage = PRIVATE;
			} else {
				if (memchr(singletons, c, n_singletons))
					return false;
				singletons[n_singletons++] = c;
				stage = EXTENSION;
			}
			ext_subtags = 0;
		} else if (stage == EXTLANG && n == 3 && all_of(p, n, is_alpha) && extlangs < 3) {
			extlangs++;
		} else if (stage <= SCRIPT && n == 4 && all_of(p, n, is_alpha)) {
			stage = REGION;
		} else if ((stage <= REGION && ((n == 2 && all_of(p, n, is_alpha)) ||
		                                (n == 3 && all_of(p, n, is_digit)))) ||
		           (stage <= VARIANT &&
		            (n >= 5 || (n == 4 && is_digit((unsigned char)p[0]))))) {
			/* A region or a variant: only variants may follow. */
			stage = VARIANT;
		} else {
			return false;
		}
		if (!end)
			break;
		p = end + 1;
	}
	if ((stage == EXTENSION || stage == PRIVATE) && ext_subtags == 0)
		return false;
	return true;
}

bool pl_slug_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64 || s[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return false;
	}
	return true;
}

/* UAX #15 section 13: stream-safe text has at most 30 non-starters
 * (canonical combining class other than 0) in a row. */
#define MAX_NONSTARTERS 30

const char *pl_text_unshowable(const char *text, size_t len, uint32_t *cp, size_t *at)
{
	hb_unicode_funcs_t *ucd = hb_unicode_funcs_get_default();
	size_t nonstarters = 0;
	for (size_t i = 0; i < len;) {
		size_t start = i;
		uint32_t c = pl_utf8_next(text, len, &i);
		*cp = c;
		*at = start;
		if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F))
			return "control character";
		/* Unicode's noncharacters are not for interchange; U+FFFF is
		 * also libunibreak 1.1's end of text. */
		if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
			return "noncharacter";
		if (hb_unicode_combining_class(ucd, c) == HB_UNICODE_COMBINING_CLASS_NOT_REORDERED)
			nonstarters = 0;
		else if (++nonstarters > MAX_NONSTARTERS)
			return "more than 30 combining marks in a row";
	}
	return NULL;
}

bool pl_url_valid(const char *url, const char **why)
{
	const char *dummy;
	if (!why)
		why = &dummy;
	size_t n = strlen(url);
	if (n > 2000) {
		*why = "URL is longer than 2,000 bytes";
		return false;
	}
	const char *rest;
	/* Schemes are case-insensitive (RFC 3986 section 3.1). */
	if (strncasecmp(url, "https://", 8) == 0)
		rest = url + 8;
	else if (strncasecmp(url, "http://", 7) == 0)
		rest = url + 7;
	else {
		*why = "URL must start with https:// or http://";
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)url[i];
		if (c <= 0x20 || c == 0x7F) {
			*why = "URL contains a space or control character";
			return false;
		}
	}
	size_t host = strcspn(rest, "/?#");
	const char *at = memchr(rest, '@', host);
	if (at) {
		*why = "URL must not carry a user name or password";
		return false;
	}
	size_t port = strcspn(rest, ":/?#");
	if (port == 0) {
		*why = "URL has no host";
		return false;
	}
	for (size_t i = 0; i < port; i++) {
		unsigned char c = (unsigned char)rest[i];
		if (!(isalnum(c) || c == '-' || c == '.' || c >= 0x80)) {
			*why = "URL host has a character that is not allowed";
			return false;
		}
	}
	if (rest[0] == '.' || rest[0] == '-') {
		*why = "URL host has a character that is not allowed";
		return false;
	}
	if (port < host) {
		/* :port, digits only, 1-65535 */
		size_t digits = host - port - 1;
		unsigned long v = 0;
		if (digits == 0 || digits > 5) {
			*why = "URL port must be a number from 1 to 65535";
			return false;
		}
		for (size_t i = port + 1; i < host; i++) {
			if (!is_digit((unsigned char)rest[i])) {
				*why = "URL port must be a number from 1 to 65535";
				return false;
			}
			v = v * 10 + (unsigned long)(rest[i] - '0');
		}
		if (v == 0 || v > 65535) {
			*why = "URL port must be a number from 1 to 65535";
			return false;
		}
	}
	*why = NULL;
	return true;
}

static bool take_digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!is_digit((unsigned char)(*p)[i]))
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return true;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

static bool parse_date(const char **p, int *y, int *m, int *d)
{
	if (!take_digits(p, 4, y) || **p != '-')
		return false;
	(*p)++;
	if (!take_digits(p, 2, m) || **p != '-')
		return false;
	(*p)++;
	if (!take_digits(p, 2, d))
		return false;
	return *y >= 1900 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= days_in_month(*y, *m);
}

bool pl_date_valid(const char *s)
{
	int y, m, d;
	return parse_date(&s, &y, &m, &d) && *s == '\0';
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil). */
static long long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

bool pl_datetime_parse(const char *s, long long *utc_seconds)
{
	int y, mo, d, h, mi, sec = 0;
	if (!parse_date(&s, &y, &mo, &d) || *s++ != 'T')
		return false;
	if (!take_digits(&s, 2, &h) || *s++ != ':' || !take_digits(&s, 2, &mi))
		return false;
	if (*s == ':') {
		s++;
		if (!take_digits(&s, 2, &sec))
			return false;
	}
	if (h > 23 || mi > 59 || sec > 59)
		return false;
	int offset = 0;
	if (*s == 'Z') {
		s++;
	} else if (*s == '+' || *s == '-') {
		int sign = *s++ == '-' ? -1 : 1, oh, om;
		if (!take_digits(&s, 2, &oh) || *s++ != ':' || !take_digits(&s, 2, &om))
			return false;
		if (oh > 14 || om > 59)
			return false;
		offset = sign * (oh * 3600 + om * 60);
	} else {
		return false;
	}
	if (*s)
		return false;
	if (utc_seconds)
		*utc_seconds =
		        days_from_civil(y, mo, d) * 86400LL + h * 3600LL + mi * 60LL + sec - offset;
	return true;
}

uint32_t pl_utf8_next(const char *str, size_t len, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str + *i;
	size_t avail = len - *i;
	unsigned c = s[0];
	size_t n;
	uint32_t cp, min;
	if (c < 0x80) {
		*i += 1;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF)
		n = 1, cp = c & 0x1F, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 2, cp = c & 0x0F, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 3, cp = c & 0x07, min = 0x10000;
	else
		goto bad;
	if (avail <= n)
		goto bad;
	for (size_t k = 1; k <= n; k++) {
		if ((s[k] & 0xC0) != 0x80)
			goto bad;
		cp = (cp << 6) | (s[k] & 0x3F);
	}
	if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		goto bad;
	*i += n + 1;
	return cp;
bad:
	*i += 1;
	return 0xFFFD;
}

size_t pl_utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t pl_display_width(const char *str)
{
	/* UAX #11 East Asian Wide (W) and Fullwidth (F) blocks that Placard's
	 * languages use; combining marks of the scripts they write. */
	static const uint32_t wide[][2] = {{0x1100, 0x115F}, {0x2E80, 0x303E}, {0x3041, 0x33FF},
	                                   {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF},
	                                   {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE30, 0xFE4F},
	                                   {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x20000, 0x3FFFD}};
	static const uint32_t zero[][2] = {{0x0300, 0x036F}, {0x0591, 0x05BD}, {0x0610, 0x061A},
	                                   {0x064B, 0x065F}, {0x0670, 0x0670}, {0x06D6, 0x06ED},
	                                   {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2066, 0x2069},
	                                   {0xFE00, 0xFE0F}};
	size_t width = 0, len = strlen(str);
	for (size_t i = 0; i < len;) {
		uint32_t c = pl_utf8_next(str, len, &i);
		size_t w = 1;
		for (size_t k = 0; k < sizeof wide / sizeof wide[0]; k++)
			if (c >= wide[k][0] && c <= wide[k][1])
				w = 2;
		for (size_t k = 0; k < sizeof zero / sizeof zero[0]; k++)
			if (c >= zero[k][0] && c <= zero[k][1])
				w = 0;
		width += w;
	}
	return width;
}

bool pl_paragraph_next(const char *text, size_t *pos, const char **start, size_t *len)
{
	size_t i = *pos;
	for (;;) {
		if (text[i] == '\0') {
			*pos = i;
			return false;
		}
		size_t end = i + strcspn(text + i, "\n");
		size_t a = i, b = end;
		while (a < b && (text[a] == ' ' || text[a] == '\t'))
			a++;
		while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t'))
			b--;
		i = text[end] ? end + 1 : end;
		if (b > a) {
			*start = text + a;
			*len = b - a;
			*pos = i;
			return true;
		}
	}
}

unsigned pl_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 63 || lb > 63)
		return 99;
	/* Optimal string alignment: Levenshtein plus swaps of two adjacent
	 * letters ('titel' is one step from 'title'). Three rows. */
	unsigned rows[3][64];
	unsigned *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = (unsigned)i;
		for (size_t j = 1; j <= lb; j++) {
			unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
			unsigned v = prev[j - 1] + cost;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
		}
		unsigned *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb] > 99 ? 99 : prev[lb];
}

const char *pl_lang_autonym(const char *tag)
{
	static const char *const names[][2] = {
	        {"en", "English"},
	        {"es", "Español"},
	        {"zh-Hans", "中文（简体）"},
	        {"zh-Hant", "中文（繁體）"},
	        {"zh", "中文"},
	        {"vi", "Tiếng Việt"},
	        {"ar", "العربية"},
	        {"fa", "فارسی"},
	        {"hy", "Հայերեն"},
	        {"ko", "한국어"},
	        {"tl", "Tagalog"},
	        {"fil", "Filipino"},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i][0], tag) == 0)
			return names[i][1];
	return tag;
}
