/*
 * text.h: checks on the small strings a deck is made of: UTF-8, BCP 47
 * language tags, slugs, URLs, dates.
 */
#ifndef PLACARD_TEXT_H
#define PLACARD_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Returns the byte offset of the first invalid UTF-8 sequence (overlongs,
 * surrogates and code points above U+10FFFF are invalid), or len if valid. */
size_t pl_utf8_check(const char *s, size_t len);

/* The code point at s[*i] (s has len bytes), advancing *i past it. An
 * invalid or truncated sequence gives U+FFFD and advances one byte, so any
 * bytes can be walked without a check first. *i must be below len. */
uint32_t pl_utf8_next(const char *s, size_t len, size_t *i);

/* Writes cp (at most U+10FFFF) as UTF-8 into out, which has room for 4
 * bytes; returns the bytes written. */
size_t pl_utf8_encode(uint32_t cp, char *out);

/* What in text (len bytes of UTF-8) a screen or a page cannot show as
 * text, or NULL when nothing: a control character (C0 but tab and line
 * feed, DEL, C1) or a noncharacter (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF),
 * which renderers draw as boxes, or a combining mark past the thirtieth in
 * a row on one base (UAX #15's stream-safe limit), whose stack would be
 * drawn far outside its line. The answer is a static phrase ("control
 * character", "noncharacter", "more than 30 combining marks in a row");
 * *cp receives the character and *at its byte offset. */
const char *pl_text_unshowable(const char *text, size_t len, uint32_t *cp, size_t *at);

/* Whether tag is well-formed by the syntax of RFC 5646 section 2.1
 * (language, script, region, variants, extensions, private use; the
 * grandfathered tags are not accepted), with a primary language subtag of 2
 * or 3 letters: 4-letter ones are reserved and no 5-8 letter one is
 * registered (section 2.2.1), so 'english' is refused. */
bool pl_bcp47_valid(const char *tag);

/* 1 to 64 characters of a-z, 0-9 and '-', not starting with '-'. */
bool pl_slug_valid(const char *s);

/* An absolute http or https URL with a host, no spaces or control
 * characters, at most 2,000 bytes (the longest a QR code reads well). On
 * failure *why says what is wrong (a static string). */
bool pl_url_valid(const char *url, const char **why);

/* YYYY-MM-DD, a real calendar date. */
bool pl_date_valid(const char *s);

/* ISO 8601 date-time with seconds optional and a UTC offset or Z:
 * 2023-04-14T17:00:00-07:00. On success *utc_seconds is the instant. */
bool pl_datetime_parse(const char *s, long long *utc_seconds);

/* Columns a UTF-8 string takes in a terminal: 2 for East Asian wide and
 * fullwidth characters (UAX #11), 0 for combining marks, 1 otherwise. For
 * aligning tables in the host's language. */
size_t pl_display_width(const char *s);

/* Paragraphs of a deck text: each line break starts one and empty ones are
 * skipped (docs/deck-format.md). Start with *pos = 0; each call gives the
 * next paragraph as start and len (not NUL-terminated) and returns false
 * when there are no more. Leading and trailing spaces are left out. */
bool pl_paragraph_next(const char *text, size_t *pos, const char **start, size_t *len);

/* Edit distance of two short ASCII strings (Levenshtein, with a swap of two
 * adjacent letters counting 1), capped at 99. */
unsigned pl_edit_distance(const char *a, const char *b);

/* The language's name in itself ("Español", "中文（繁體）", "العربية"), as
 * language pickers show it (never a flag); the tag itself when unknown. */
const char *pl_lang_autonym(const char *tag);

#endif
