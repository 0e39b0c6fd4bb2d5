/*
 * test_text.c: the checks on the small strings a deck is made of (text.h):
 * UTF-8, BCP 47 tags, slugs, survey URLs, dates, closing times, the
 * did-you-mean distance and paragraphs.
 *
 * Each table lists inputs a district could plausibly type, with the answer a
 * person would give; the loader's messages rest on these answers.
 */
#include "unit.h"

#include "placard/text.h"

/* ------------------------------------------------------------------ */
/* UTF-8 (RFC 3629)                                                    */

typedef struct utf8_case {
	const char *what;
	const char *bytes;
	size_t len;
	size_t bad_at; /* == len when valid */
} utf8_case;

#define U8(what, lit, at)                                                                          \
	{                                                                                          \
		what, lit, sizeof(lit) - 1, at                                                     \
	}
#define U8_OK(what, lit)                                                                           \
	{                                                                                          \
		what, lit, sizeof(lit) - 1, sizeof(lit) - 1                                        \
	}

static void test_utf8_check(void **state)
{
	(void)state;
	static const utf8_case cases[] = {
	        U8_OK("empty", ""),
	        U8_OK("ASCII", "Every student, every day."),
	        U8_OK("two-byte", "Misi\xC3\xB3n"),
	        U8_OK("three-byte (CJK)", "\xE4\xBD\xA0\xE5\xA5\xBD"),
	        U8_OK("Arabic", "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7"),
	        U8_OK("four-byte (emoji)", "ok \xF0\x9F\x98\x80"),
	        U8_OK("highest code point U+10FFFF", "\xF4\x8F\xBF\xBF"),
	        U8_OK("U+D7FF, just below the surrogates", "\xED\x9F\xBF"),
	        U8_OK("U+E000, just above the surrogates", "\xEE\x80\x80"),
	        U8("lone continuation byte", "ab\x80", 2),
	        U8("0xFF", "Our \xFF plan", 4),
	        U8("0xFE", "\xFE", 0),
	        U8("overlong '/' (C0 AF)", "x\xC0\xAF", 1),
	        U8("overlong NUL (C1 80)", "\xC1\x80", 0),
	        U8("overlong three-byte (E0 80 AF)", "a\xE0\x80\xAF", 1),
	        U8("overlong four-byte (F0 80 80 AF)", "\xF0\x80\x80\xAF", 0),
	        U8("surrogate U+D800", "ok\xED\xA0\x80", 2),
	        U8("surrogate U+DFFF", "\xED\xBF\xBF", 0),
	        U8("above U+10FFFF (F4 90 80 80)", "\xF4\x90\x80\x80", 0),
	        U8("F5 lead byte", "\xF5\x80\x80\x80", 0),
	        U8("truncated two-byte at the end", "abc\xC3", 3),
	        U8("truncated three-byte at the end", "abc\xE2\x82", 3),
	        U8("truncated four-byte at the end", "\xF0\x9F\x98", 0),
	        U8("lead byte followed by ASCII", "\xC3z", 0),
	        U8("second of two sequences bad", "\xC3\xB3\xC3(", 2),
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const utf8_case *c = &cases[i];
		size_t got = pl_utf8_check(c->bytes, c->len);
		if (got != c->bad_at)
			fail_msg("%s: first bad byte at %zu, expected %zu", c->what, got,
			         c->bad_at);
	}
}

/* The length is honoured: bytes past it are not looked at, and a NUL inside
 * it is a character like any other (the deck loader rejects it itself). */
static void test_utf8_check_uses_len(void **state)
{
	(void)state;
	assert_int_equal(pl_utf8_check("ab\xFF", 2), 2);
	assert_int_equal(pl_utf8_check("a\0b", 3), 3);
	/* A sequence cut by len is truncated even if the bytes go on. */
	assert_int_equal(pl_utf8_check("\xE2\x82\xAC", 2), 0);
}

/* ------------------------------------------------------------------ */
/* BCP 47 (RFC 5646 section 2.1)                                       */

static void test_bcp47_valid(void **state)
{
	(void)state;
	static const char *const valid[] = {
	        "en",         "es",         "ar",         "fa",      "hy",         "ko",
	        "tl",         "vi",         "zh-Hans",    "zh-Hant", "zh-Hant-TW", "es-419",
	        "hy-arevmda", "sr-Latn-RS", "en-US",      "EN-us",   "x-private",  "en-a-bbb-x-ccc",
	        "de-CH-1901", "zh-yue-HK",  "en-x-kiosk", "yue",
	};
	for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++)
		if (!pl_bcp47_valid(valid[i]))
			fail_msg("'%s' is a well-formed tag but was refused", valid[i]);
}

static void test_bcp47_invalid(void **state)
{
	(void)state;
	static const char *const invalid[] = {
	        "",                /* empty */
	        "e",               /* one letter */
	        "zh_Hant",         /* underscore, as in POSIX locales */
	        "en_US",           /* same */
	        "en--US",          /* empty subtag */
	        "-en",             /* starts with '-' */
	        "en-",             /* ends with '-' */
	        "en-a",            /* extension singleton with nothing after it */
	        "en-a-bbb-a-ccc",  /* the same singleton twice */
	        "en-x",            /* private use with nothing after it */
	        "en US",           /* space */
	        "en-US-",          /* trailing '-' */
	        "en-abcdefghi",    /* subtag longer than 8 */
	        "1a",              /* language starting with a digit */
	        "en-Latn-Latn-US", /* two scripts */
	        "en-US-GB",        /* two regions */
	        "es-419-MX",       /* two regions */
	        "fr-\xC3\xA9",     /* non-ASCII */
	};
	for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++)
		if (pl_bcp47_valid(invalid[i]))
			fail_msg("'%s' is not a well-formed tag but was accepted", invalid[i]);
	/* A tag of 129 characters is refused without being walked. */
	char longtag[200];
	strcpy(longtag, "en");
	while (strlen(longtag) < 129)
		strcat(longtag, "-abcde");
	assert_false(pl_bcp47_valid(longtag));
}

/* 'english' (and 'spanish', 'chinese') is what a district types when it
 * means en. RFC 5646's ABNF admits 5-8 letter primary language subtags, but
 * none is registered and 4-letter ones are reserved, so no such tag names a
 * language a kiosk could offer; the deck loader must refuse them. */
static void test_bcp47_refuses_language_names(void **state)
{
	(void)state;
	size_t failed = 0;
	expect_row(!pl_bcp47_valid("english"), "pl_bcp47_valid must refuse 'english'", &failed);
	expect_row(!pl_bcp47_valid("spanish"), "pl_bcp47_valid must refuse 'spanish'", &failed);
	expect_row(!pl_bcp47_valid("engl"), "pl_bcp47_valid must refuse 'engl'", &failed);
	EXPECT_ROWS_PASSED(failed);
}

/* ------------------------------------------------------------------ */
/* Slugs                                                               */

static void test_slug_valid(void **state)
{
	(void)state;
	char s64[65], s65[66];
	memset(s64, 'a', 64);
	s64[64] = '\0';
	memset(s65, 'a', 65);
	s65[65] = '\0';
	static const char *const valid[] = {"a", "z", "0", "pusd-2023", "strongly-agree", "2024"};
	for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++)
		if (!pl_slug_valid(valid[i]))
			fail_msg("'%s' is a slug but was refused", valid[i]);
	assert_true(pl_slug_valid(s64));
	static const char *const invalid[] = {"",    "-a",       "My Slide",      "Goal1", "goal_1",
	                                      "a b", "mission.", "misi\xC3\xB3n", "a/b"};
	for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++)
		if (pl_slug_valid(invalid[i]))
			fail_msg("'%s' is not a slug but was accepted", invalid[i]);
	assert_false(pl_slug_valid(s65));
}

/* ------------------------------------------------------------------ */
/* Survey URLs                                                         */

typedef struct url_case {
	const char *url;
	const char *why; /* NULL when valid */
} url_case;

static void test_url_valid(void **state)
{
	(void)state;
	static const char *const no_scheme = "URL must start with https:// or http://";
	static const char *const no_host = "URL has no host";
	static const char *const space = "URL contains a space or control character";
	static const char *const user = "URL must not carry a user name or password";
	static const char *const host_char = "URL host has a character that is not allowed";
	static const char *const port = "URL port must be a number from 1 to 65535";
	static const url_case cases[] = {
	        {"https://example.org/survey?form=plan", NULL},
	        {"http://example.org", NULL},
	        {"https://example.org:8443/s", NULL},
	        {"https://forms.example.org/s?a=1&b=2#top", NULL},
	        {"https://xn--bcher-kva.example/", NULL},
	        {"ftp://example.org/s", no_scheme},
	        {"example.org/survey", no_scheme},
	        {"mailto:plan@example.org", no_scheme},
	        {"", no_scheme},
	        {"https://", no_host},
	        {"https:///survey", no_host},
	        {"https://?q=1", no_host},
	        {"https://:8080/s", no_host},
	        {"https://example.org/my survey", space},
	        {"https://example.org/s\tx", space},
	        {"https://example.org/\x7F", space},
	        {"https://example.org/s\n", space},
	        {"https://user:pw@example.org/", user},
	        {"https://exa_mple.org/", host_char},
	        {"https://.example.org/", host_char},
	        {"https://-example.org/", host_char},
	        {"https://example.org:/s", port},
	        {"https://example.org:0/s", port},
	        {"https://example.org:65536/s", port},
	        {"https://example.org:80a/s", port},
	        {"https://example.org:123456/s", port},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const url_case *c = &cases[i];
		const char *why = "not set";
		bool ok = pl_url_valid(c->url, &why);
		if (!c->why) {
			if (!ok)
				fail_msg("'%s' refused: %s", c->url, why);
			assert_null(why);
		} else {
			if (ok)
				fail_msg("'%s' accepted; expected: %s", c->url, c->why);
			if (!why || strcmp(why, c->why) != 0)
				fail_msg("'%s': got '%s', expected '%s'", c->url,
				         why ? why : "(null)", c->why);
		}
	}
	/* Schemes are case-insensitive (RFC 3986 3.1): a URL copied from a
	 * poster in capitals still works. */
	assert_true(pl_url_valid("HTTPS://EXAMPLE.ORG/S", NULL));
	assert_true(pl_url_valid("Http://example.org", NULL));
	/* why may be NULL. */
	assert_false(pl_url_valid("ftp://x", NULL));
	assert_true(pl_url_valid("https://x.org", NULL));
}

/* At most 2,000 bytes: a longer URL makes a QR code too dense to scan. */
static void test_url_length_limit(void **state)
{
	(void)state;
	char url[2100];
	strcpy(url, "https://example.org/?q=");
	size_t n = strlen(url);
	memset(url + n, 'a', 2000 - n);
	url[2000] = '\0';
	const char *why = NULL;
	assert_true(pl_url_valid(url, &why));
	url[2000] = 'a';
	url[2001] = '\0';
	assert_false(pl_url_valid(url, &why));
	assert_string_equal(why, "URL is longer than 2,000 bytes");
}

/* ------------------------------------------------------------------ */
/* Dates                                                               */

static void test_date_valid(void **state)
{
	(void)state;
	static const char *const valid[] = {
	        "2024-02-01",           "2023-12-31", "2024-02-29" /* leap */,
	        "2000-02-29" /* 400 */, "2023-04-30", "2023-01-31",
	};
	static const char *const invalid[] = {
	        "2023-02-29", /* not a leap year */
	        "1900-02-29", /* divisible by 100, not by 400 */
	        "2100-02-29", /* same */
	        "2023-02-30", /* no such day */
	        "2023-04-31", /* April has 30 */
	        "2023-13-01", /* month 13 */
	        "2023-00-10", /* month 0 */
	        "2023-01-00", /* day 0 */
	        "2023-01-32", /* day 32 */
	        "23-1-1",     /* short forms */
	        "2023-1-01",
	        "2023-01-1",
	        "2023/01/01",           /* other separators */
	        "01-02-2023",           /* other orders */
	        "2023-01-01x",          /* trailing text */
	        "2023-01-01T00:00:00Z", /* a date-time is not a date */
	        " 2023-01-01",
	        "",
	};
	for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++)
		if (!pl_date_valid(valid[i]))
			fail_msg("'%s' is a date but was refused", valid[i]);
	for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++)
		if (pl_date_valid(invalid[i]))
			fail_msg("'%s' is not a date but was accepted", invalid[i]);
}

typedef struct datetime_case {
	const char *text;
	long long utc; /* seconds since the epoch (checked with date -u -d ... +%s) */
} datetime_case;

static void test_datetime_parse(void **state)
{
	(void)state;
	static const datetime_case good[] = {
	        {"1970-01-01T00:00:00Z", 0},
	        {"1970-01-01T00:00Z", 0},                  /* seconds are optional */
	        {"2023-04-14T17:00:00-07:00", 1681516800}, /* the format doc's example */
	        {"2024-03-01T17:00:00-08:00", 1709341200}, /* the complete example */
	        {"2024-03-02T01:00:00Z", 1709341200},      /* the same instant */
	        {"2024-03-02T01:00:00+00:00", 1709341200},
	        {"2024-02-29T12:00:00+05:30", 1709188200}, /* leap day, half-hour offset */
	        {"2000-03-01T00:00:00Z", 951868800},       /* after a 400-year leap day */
	        {"2023-12-31T23:59:59Z", 1704067199},
	        {"2038-01-19T03:14:08Z", 2147483648LL},    /* past 32-bit time_t */
	        {"2024-01-01T00:00:00+14:00", 1704016800}, /* widest offset: 2023-12-31T10:00Z */
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		long long t = -1;
		if (!pl_datetime_parse(good[i].text, &t))
			fail_msg("'%s' refused", good[i].text);
		if (t != good[i].utc)
			fail_msg("'%s' gave %lld, expected %lld", good[i].text, t, good[i].utc);
	}
	static const char *const bad[] = {
	        "2024-03-01T17:00:00",       /* no offset: which time zone? */
	        "2024-03-01 17:00:00Z",      /* space for T */
	        "2024-03-01",                /* a date only */
	        "2024-03-01T17Z",            /* no minutes */
	        "2024-03-01T24:00:00Z",      /* hour 24 */
	        "2024-03-01T17:60:00Z",      /* minute 60 */
	        "2024-03-01T17:00:60Z",      /* second 60 */
	        "2024-03-01T17:00:00-07",    /* offset without minutes */
	        "2024-03-01T17:00:00-0700",  /* basic-format offset in an extended time */
	        "2024-03-01T17:00:00+15:00", /* offsets end at 14 hours */
	        "2024-03-01T17:00:00-07:60",
	        "2023-02-30T17:00:00Z", /* no such day */
	        "2024-03-01T17:00:00Zjunk",
	        "2024-03-01T17:00:00-07:00 ",
	        "2024-03-01T5:00:00Z",
	        "",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		long long t = 12345;
		if (pl_datetime_parse(bad[i], &t))
			fail_msg("'%s' accepted", bad[i]);
	}
	/* utc_seconds may be NULL. */
	assert_true(pl_datetime_parse("2024-03-01T17:00:00-08:00", NULL));
}

/* ------------------------------------------------------------------ */
/* Edit distance (for "did you mean")                                  */

static void test_edit_distance(void **state)
{
	(void)state;
	assert_int_equal(pl_edit_distance("heading", "heading"), 0);
	assert_int_equal(pl_edit_distance("heding", "heading"), 1);   /* deletion */
	assert_int_equal(pl_edit_distance("headings", "heading"), 1); /* insertion */
	assert_int_equal(pl_edit_distance("statment", "statement"), 1);
	assert_int_equal(pl_edit_distance("pilars", "pillars"), 1);
	assert_int_equal(pl_edit_distance("kitten", "sitting"), 3);
	assert_int_equal(pl_edit_distance("", "poll"), 4);
	assert_int_equal(pl_edit_distance("poll", ""), 4);
	assert_int_equal(pl_edit_distance("", ""), 0);
	/* Symmetric. */
	assert_int_equal(pl_edit_distance("cards", "card"), pl_edit_distance("card", "cards"));
	/* Long strings are not compared, and never look close. */
	char long_key[80];
	memset(long_key, 'a', 79);
	long_key[79] = '\0';
	assert_int_equal(pl_edit_distance(long_key, "a"), 99);
	assert_int_equal(pl_edit_distance("a", long_key), 99);
	/* The longest compared: 63 characters. */
	assert_int_equal(pl_edit_distance(long_key + 16, long_key + 17), 1);
}

/* ------------------------------------------------------------------ */
/* Paragraphs                                                          */

/* Collects the paragraphs of text joined by '|'. */
static void paragraphs(const char *text, char *out, size_t size)
{
	size_t pos = 0, len;
	const char *start;
	out[0] = '\0';
	int guard = 0;
	while (pl_paragraph_next(text, &pos, &start, &len)) {
		assert_true(++guard < 100);
		if (out[0])
			strncat(out, "|", size - strlen(out) - 1);
		strncat(out, start, len < size - strlen(out) - 1 ? len : size - strlen(out) - 1);
	}
	/* Done is done: asking again still gives nothing. */
	assert_false(pl_paragraph_next(text, &pos, &start, &len));
}

static void test_paragraphs(void **state)
{
	(void)state;
	char got[256];
	paragraphs("Every student, every day.", got, sizeof got);
	assert_string_equal(got, "Every student, every day.");
	paragraphs("", got, sizeof got);
	assert_string_equal(got, "");
	paragraphs("\n\n  \n", got, sizeof got);
	assert_string_equal(got, "");
	/* Blank lines (a YAML '|' block's paragraph breaks) separate; extra
	 * ones do not make empty paragraphs; edge spaces are dropped. */
	paragraphs("First one.\n\n\n  Second one.  \n\nThird.\n", got, sizeof got);
	assert_string_equal(got, "First one.|Second one.|Third.");
	/* Spaces inside a paragraph stay. */
	paragraphs("a  b\tc", got, sizeof got);
	assert_string_equal(got, "a  b\tc");
}

/* Table columns in the host's language line up on a terminal (UAX #11). */
static void test_display_width(void **state)
{
	(void)state;
	assert_int_equal(pl_display_width(""), 0);
	assert_int_equal(pl_display_width("percent"), 7);
	assert_int_equal(pl_display_width("porcentaje"), 10);
	assert_int_equal(pl_display_width("\xE5\xB7\xB2\xE7\xBF\xBB\xE8\xAF\x91"), 6); /* 已翻译 */
	assert_int_equal(pl_display_width("\xEB\xB2\x88\xEC\x97\xAD"), 4);             /* 번역 */
	assert_int_equal(pl_display_width("Vie\xCC\xA3t"), 4);     /* e + combining dot below */
	assert_int_equal(pl_display_width("\xD8\xB9\xD9\x8E"), 1); /* Arabic ain + fatha */
	assert_int_equal(pl_display_width("\xEF\xBC\x88"), 2);     /* fullwidth ( */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_display_width),
	        cmocka_unit_test(test_utf8_check),
	        cmocka_unit_test(test_utf8_check_uses_len),
	        cmocka_unit_test(test_bcp47_valid),
	        cmocka_unit_test(test_bcp47_invalid),
	        cmocka_unit_test(test_bcp47_refuses_language_names),
	        cmocka_unit_test(test_slug_valid),
	        cmocka_unit_test(test_url_valid),
	        cmocka_unit_test(test_url_length_limit),
	        cmocka_unit_test(test_date_valid),
	        cmocka_unit_test(test_datetime_parse),
	        cmocka_unit_test(test_edit_distance),
	        cmocka_unit_test(test_paragraphs),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
