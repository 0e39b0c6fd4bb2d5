/*
 * test_deck.c: loading deck.yaml (deck.h, docs/deck-format.md).
 *
 * The heart of it is the malformed-deck table: small decks with one mistake
 * each, as a district would make it, and the first line the loader must
 * print for it, exactly. Every LINE:COL in the table was checked by hand
 * against the text: it points at the offending value, or at the mapping
 * that lacks a key. Rows where the loader points somewhere unhelpful or says
 * something misleading were fixed, and are kept in the second table below
 * (messages reworded for people), which checks the position and a key word.
 *
 * Then hostile input (deep nesting, alias bombs, 100,000 slides, 17 MiB),
 * and the complete example of the format document, loaded from
 * data/example/deck.yaml, checked field by field.
 */
#include "unit.h"

#include "placard/deck.h"

/* One line per deck field, so that a row's line numbers can be counted by
 * eye: HEAD is lines 1 to 7, and the first line after it is line 8. */
#define L_ID "id: t\n"
#define L_TITLE "title: T\n"
#define L_DISTRICT "district: D\n"
#define L_SRC "source_language: en\n"
#define L_LANGS "languages: [en]\n"
#define L_VERSION "version: v1\n"
#define L_DATE "date: 2024-01-01\n"
#define HEAD L_ID L_TITLE L_DISTRICT L_SRC L_LANGS L_VERSION L_DATE
/* A good slide list (2 lines) for rows whose mistake is elsewhere. */
#define SLIDES "slides:\n  - {id: s, kind: statement, heading: H, text: X}\n"
#define SURVEY_OK "survey:\n  url: https://example.org/s\n"

typedef struct bad_deck {
	const char *what; /* the mistake */
	const char *yaml;
	const char *first; /* the first diagnostic, exactly */
} bad_deck;

/* clang-format off */
static const bad_deck bad_decks[] = {
	/* ---- YAML syntax ---- */
	{"a key indented less than its siblings",
	 HEAD "slides:\n  - id: s\n    kind: statement\n   heading: H\n",
	 "deck.yaml:11:4: error: did not find expected '-' indicator while parsing a block collection (line 9)"},
	{"a tab before a key in a list item",
	 HEAD "slides:\n  - id: s\n\tkind: statement\n",
	 "deck.yaml:10:1: error: a tab character; indent with spaces only"},
	{"an alias ('*a')",
	 L_ID "title: &a T\ndistrict: *a\n",
	 "deck.yaml:3:11: error: YAML aliases ('*a') are not allowed in a deck; write the text out"},
	{"two YAML documents",
	 HEAD SLIDES "---\nid: u\n",
	 "deck.yaml:10:1: error: a deck file holds one YAML document; remove this '---' and what follows"},
	{"two YAML documents, both marked",
	 "---\n" HEAD SLIDES "---\nid: u\n",
	 "deck.yaml:11:1: error: a deck file holds one YAML document; remove this '---' and what follows"},
	{"an empty file", "",
	 "deck.yaml:1:1: error: the file is empty; a deck starts with 'id:'"},
	{"an empty list of behaviours",
	 HEAD "slides:\n  - id: v\n    kind: values\n    heading: H\n    values:\n"
	 "      - name: N\n        behaviours: []\n",
	 "deck.yaml:14:21: error: 'behaviours' is an empty list; leave it out instead"},
	{"only blank lines and a comment", "\n# draft\n\n",
	 "deck.yaml:1:1: error: the file is empty; a deck starts with 'id:'"},
	{"a list at the top", "- id: t\n- title: T\n",
	 "deck.yaml:1:1: error: the deck must be a mapping, not a list"},
	{"text at the top", "Our Strategic Plan\n",
	 "deck.yaml:1:1: error: the deck must be a mapping, not text"},

	/* ---- encoding ---- */
	{"byte 0xFF in the title",
	 L_ID "title: Our \xFF" "plan\n" L_DISTRICT L_SRC L_LANGS L_VERSION L_DATE SLIDES,
	 "deck.yaml:2:12: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8"},
	{"byte 0xFF after a two-byte character: columns count characters",
	 L_ID "title: A\xC3\xB1" "\xFF\n",
	 "deck.yaml:2:10: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8"},
	{"an overlong '/' in the district",
	 L_ID L_TITLE "district: D\xC0\xAF\n",
	 "deck.yaml:3:12: error: invalid UTF-8 (byte 0xC0); save the file as UTF-8"},
	{"a control character in the title",
	 L_ID "title: \"a\\x01b\"\n" L_DISTRICT L_SRC L_LANGS L_VERSION L_DATE SLIDES,
	 "deck.yaml:2:8: error: 'title' in the deck contains control character U+0001"},

	/* ---- slide kinds ---- */
	{"unknown slide kind, close to one",
	 HEAD "slides:\n  - id: s\n    kind: statment\n    heading: H\n",
	 "deck.yaml:10:11: error: unknown slide kind 'statment'; did you mean 'statement'?"},
	{"unknown slide kind, close to none (the format doc's example)",
	 HEAD "slides:\n  - id: s\n    kind: pilars\n    heading: H\n",
	 "deck.yaml:10:11: error: unknown slide kind 'pilars' (expected one of title, statement, values, cards, list, table, poll, survey)"},
	{"unknown slide kind after a non-ASCII heading: columns count characters",
	 HEAD "slides:\n  - {heading: Misi\xC3\xB3n, id: s, kind: statment, text: X}\n",
	 "deck.yaml:9:36: error: unknown slide kind 'statment'; did you mean 'statement'?"},
	{"unknown slide kind in a file with CRLF line ends",
	 "id: t\r\ntitle: T\r\ndistrict: D\r\nsource_language: en\r\nlanguages: [en]\r\n"
	 "version: v1\r\ndate: 2024-01-01\r\nslides:\r\n  - id: s\r\n    kind: statment\r\n",
	 "deck.yaml:10:11: error: unknown slide kind 'statment'; did you mean 'statement'?"},
	{"a kind that is a list",
	 HEAD "slides:\n  - id: s\n    kind: [statement]\n",
	 "deck.yaml:10:11: error: 'kind' must be text, not a list"},

	/* ---- missing fields ---- */
	{"deck without 'id'",
	 L_TITLE L_DISTRICT L_SRC L_LANGS L_VERSION L_DATE SLIDES,
	 "deck.yaml:1:1: error: the deck is missing 'id'"},
	{"deck without 'title'",
	 L_ID L_DISTRICT L_SRC L_LANGS L_VERSION L_DATE SLIDES,
	 "deck.yaml:1:1: error: the deck is missing 'title'"},
	{"deck without 'district'",
	 L_ID L_TITLE L_SRC L_LANGS L_VERSION L_DATE SLIDES,
	 "deck.yaml:1:1: error: the deck is missing 'district'"},
	{"deck without 'slides'", HEAD,
	 "deck.yaml:1:1: error: the deck is missing 'slides'"},
	{"slide without 'heading'",
	 HEAD "slides:\n  - id: s\n    kind: statement\n    text: X\n",
	 "deck.yaml:9:5: error: slide 's' is missing 'heading'"},
	{"statement without 'text'",
	 HEAD "slides:\n  - id: s\n    kind: statement\n    heading: H\n",
	 "deck.yaml:9:5: error: slide 's' is missing 'text'"},
	{"poll without 'question'",
	 HEAD "slides:\n  - id: p\n    kind: poll\n    choices:\n      - {id: a, label: A}\n      - {id: b, label: B}\n",
	 "deck.yaml:9:5: error: slide 'p' is missing 'question'"},
	{"slide without 'kind'",
	 HEAD "slides:\n  - id: s\n    heading: H\n",
	 "deck.yaml:9:5: error: slide 's' is missing 'kind'"},
	{"slide without 'id'",
	 HEAD "slides:\n  - kind: statement\n    heading: H\n    text: X\n",
	 "deck.yaml:9:5: error: slide 1 is missing 'id'"},
	{"survey without 'url'",
	 HEAD "survey:\n  short_url: example.org/plan\n" SLIDES,
	 "deck.yaml:9:3: error: 'survey' is missing 'url'"},
	{"a value without 'name'",
	 HEAD "slides:\n  - id: v\n    kind: values\n    heading: H\n    values:\n      - id: e\n        statement: S\n",
	 "deck.yaml:13:9: error: a value is missing 'name'"},
	{"a choice without 'id'",
	 HEAD "slides:\n  - id: p\n    kind: poll\n    question: Q\n    choices:\n      - {label: A}\n      - {id: b, label: B}\n",
	 "deck.yaml:13:9: error: a choice of slide 'p' is missing 'id'"},
	{"a table row without 'cells'",
	 HEAD "slides:\n  - id: t\n    kind: table\n    heading: H\n    columns:\n      - {id: if, label: If}\n    rows:\n      - id: r\n",
	 "deck.yaml:15:9: error: a row is missing 'cells'"},

	/* ---- mistyped fields ---- */
	{"'slides' as a mapping",
	 HEAD "slides:\n  id: s\n  kind: statement\n",
	 "deck.yaml:9:3: error: 'slides' must be a list, not a mapping"},
	{"'slides' empty",
	 HEAD "slides: []\n",
	 "deck.yaml:8:9: error: 'slides' is an empty list; a deck needs at least one slide"},
	{"a slide that is text",
	 HEAD "slides:\n  - welcome\n",
	 "deck.yaml:9:5: error: slide 1 must be a mapping, not text"},
	{"'languages' as text",
	 L_ID L_TITLE L_DISTRICT L_SRC "languages: en\n" L_VERSION L_DATE SLIDES,
	 "deck.yaml:5:12: error: 'languages' must be a list, not text"},
	{"a language that is a list",
	 L_ID L_TITLE L_DISTRICT L_SRC "languages: [en, [es]]\n" L_VERSION L_DATE SLIDES,
	 "deck.yaml:5:17: error: a language must be text, not a list"},
	{"numbered: maybe",
	 HEAD "slides:\n  - id: l\n    kind: list\n    heading: H\n    numbered: maybe\n    items: [a, b]\n",
	 "deck.yaml:12:15: error: 'numbered' must be true or false"},
	{"placard: x",
	 "placard: x\n" HEAD SLIDES,
	 "deck.yaml:1:10: error: 'placard' is the format version, a whole number like 1"},
	{"placard: 2 (a newer format)",
	 "placard: 2\n" HEAD SLIDES,
	 "deck.yaml:1:10: error: this deck is format 2; this Placard reads format 1 or older"},
	{"title as a list",
	 L_ID "title: [Our, Plan]\n" L_DISTRICT L_SRC L_LANGS L_VERSION L_DATE SLIDES,
	 "deck.yaml:2:8: error: 'title' in the deck must be text, not a list"},
	{"title left empty",
	 L_ID "title:\n" L_DISTRICT L_SRC L_LANGS L_VERSION L_DATE SLIDES,
	 "deck.yaml:2:7: error: 'title' in the deck is empty"},
	{"title an empty block",
	 L_ID "title: |\n\n" L_DISTRICT L_SRC L_LANGS L_VERSION L_DATE SLIDES,
	 "deck.yaml:2:8: error: 'title' in the deck is empty"},
	{"deck id left empty",
	 "id:\n" L_TITLE L_DISTRICT L_SRC L_LANGS L_VERSION L_DATE SLIDES,
	 "deck.yaml:1:4: error: 'id' in the deck is empty"},
	{"version as a mapping",
	 L_ID L_TITLE L_DISTRICT L_SRC L_LANGS "version: {draft: 2}\n" L_DATE SLIDES,
	 "deck.yaml:6:10: error: 'version' in the deck must be text, not a mapping"},
	{"survey as text",
	 HEAD "survey: https://example.org/s\n" SLIDES,
	 "deck.yaml:8:9: error: 'survey' must be a mapping, not text"},
	{"a key that is a list",
	 HEAD "[a]: b\n" SLIDES,
	 "deck.yaml:8:1: error: a key in the deck must be a plain word, not a list"},
	{"poll style neither single nor agreement",
	 HEAD "slides:\n  - id: p\n    kind: poll\n    style: multiple\n    question: Q\n    choices:\n      - {id: a, label: A}\n      - {id: b, label: B}\n",
	 "deck.yaml:11:12: error: poll 'style' must be 'single' or 'agreement'"},
	{"a list item that is a list",
	 HEAD "slides:\n  - id: l\n    kind: list\n    heading: H\n    items:\n      - [a, b]\n",
	 "deck.yaml:13:9: error: a list item must be text or a mapping with 'text', not a list"},
	{"an empty list of card items",
	 HEAD "slides:\n  - id: c\n    kind: cards\n    heading: H\n    cards:\n      - {title: T, items: []}\n",
	 "deck.yaml:13:27: error: 'items' is an empty list"},

	/* ---- slugs and ids ---- */
	{"slide id that is not a slug",
	 HEAD "slides:\n  - id: My Slide\n    kind: statement\n    heading: H\n    text: X\n",
	 "deck.yaml:9:9: error: 'id' must be a short name of a-z, 0-9 and '-' (1 to 64 characters), not 'My Slide'"},
	{"default_site that is not a slug",
	 HEAD "default_site: Main Office\n" SLIDES,
	 "deck.yaml:8:15: error: 'default_site' must be a short name of a-z, 0-9 and '-' (1 to 64 characters), not 'Main Office'"},
	{"slide id 'deck' (reserved)",
	 HEAD "slides:\n  - id: deck\n    kind: statement\n    heading: H\n    text: X\n",
	 "deck.yaml:9:9: error: slide id 'deck' is reserved for the deck's own strings"},

	/* ---- duplicates ---- */
	{"duplicate slide id",
	 HEAD "slides:\n  - id: s\n    kind: statement\n    heading: H\n    text: X\n"
	 "  - id: s\n    kind: statement\n    heading: H2\n    text: Y\n",
	 "deck.yaml:13:9: error: duplicate slide id 's' (first at line 9)"},
	{"duplicate key in the deck",
	 HEAD "title: U\n" SLIDES,
	 "deck.yaml:8:1: error: duplicate key 'title' in the deck (first at line 2)"},
	{"duplicate key in a slide",
	 HEAD "slides:\n  - id: s\n    kind: statement\n    heading: H\n    text: X\n    heading: J\n",
	 "deck.yaml:13:5: error: duplicate key 'heading' in a statement slide (first at line 11)"},
	{"duplicate choice ids",
	 HEAD "slides:\n  - id: p\n    kind: poll\n    question: Q?\n    choices:\n      - {id: a, label: A}\n      - {id: a, label: B}\n",
	 "deck.yaml:14:9: error: duplicate choice id 'a' (first at line 13)"},
	{"a language listed twice",
	 L_ID L_TITLE L_DISTRICT L_SRC "languages: [en, en]\n" L_VERSION L_DATE SLIDES,
	 "deck.yaml:5:17: error: language 'en' is listed twice"},
	{"a list item id equal to another item's position",
	 HEAD "slides:\n  - id: l\n    kind: list\n    heading: H\n    items:\n      - a\n      - {id: '1', text: b}\n",
	 "deck.yaml:14:9: error: duplicate list item id '1' (first at line 13)"},

	/* ---- survey URL ---- */
	{"survey URL with ftp://",
	 HEAD "survey:\n  url: ftp://example.org/s\n" SLIDES,
	 "deck.yaml:9:8: error: bad survey URL: URL must start with https:// or http://"},
	{"survey URL with no host",
	 HEAD "survey:\n  url: https:///s\n" SLIDES,
	 "deck.yaml:9:8: error: bad survey URL: URL has no host"},
	{"survey URL with a space",
	 HEAD "survey:\n  url: https://example.org/my survey\n" SLIDES,
	 "deck.yaml:9:8: error: bad survey URL: URL contains a space or control character"},

	/* ---- languages ---- */
	{"language 'zh_Hant' (POSIX spelling)",
	 L_ID L_TITLE L_DISTRICT L_SRC "languages: [en, zh_Hant]\n" L_VERSION L_DATE SLIDES,
	 "deck.yaml:5:17: error: 'zh_Hant' is not a BCP 47 language tag (like en, es, zh-Hant)"},
	{"language 'e'",
	 L_ID L_TITLE L_DISTRICT L_SRC "languages: [en, e]\n" L_VERSION L_DATE SLIDES,
	 "deck.yaml:5:17: error: 'e' is not a BCP 47 language tag (like en, es, zh-Hant)"},
	{"source language 'en_US'",
	 L_ID L_TITLE L_DISTRICT "source_language: en_US\n" L_LANGS L_VERSION L_DATE SLIDES,
	 "deck.yaml:4:18: error: 'en_US' is not a BCP 47 language tag (like en, es, zh-Hant)"},
	{"source language not in 'languages'",
	 L_ID L_TITLE L_DISTRICT L_SRC "languages: [es, ar]\n" L_VERSION L_DATE SLIDES,
	 "deck.yaml:5:12: error: 'languages' must include the source language 'en'"},

	/* ---- dates ---- */
	{"date 2023-02-30",
	 L_ID L_TITLE L_DISTRICT L_SRC L_LANGS L_VERSION "date: 2023-02-30\n" SLIDES,
	 "deck.yaml:7:7: error: bad date '2023-02-30'; write it as YYYY-MM-DD"},
	{"date 23-1-1",
	 L_ID L_TITLE L_DISTRICT L_SRC L_LANGS L_VERSION "date: 23-1-1\n" SLIDES,
	 "deck.yaml:7:7: error: bad date '23-1-1'; write it as YYYY-MM-DD"},
	{"survey closes with a space for T",
	 HEAD SURVEY_OK "  closes: 2024-03-01 17:00\n" SLIDES,
	 "deck.yaml:10:11: error: bad closing time '2024-03-01 17:00'; write it as 2023-04-14T17:00:00-07:00"},
	{"survey closes without a UTC offset",
	 HEAD SURVEY_OK "  closes: 2024-03-01T17:00:00\n" SLIDES,
	 "deck.yaml:10:11: error: bad closing time '2024-03-01T17:00:00'; write it as 2023-04-14T17:00:00-07:00"},

	/* ---- unknown keys: warnings (the deck still loads) ---- */
	{"unknown key 'heding' in a slide",
	 HEAD "slides:\n  - id: s\n    kind: statement\n    heding: H\n    heading: H\n    text: X\n",
	 "deck.yaml:11:5: warning: unknown key 'heding' in a statement slide; did you mean 'heading'?"},
	{"unknown key 'colour' in the deck",
	 HEAD "colour: red\n" SLIDES,
	 "deck.yaml:8:1: warning: unknown key 'colour' in the deck (ignored)"},
	{"unknown key 'quesion' in a poll",
	 HEAD "slides:\n  - id: p\n    kind: poll\n    style: agreement\n    question: Q\n    quesion: Q\n",
	 "deck.yaml:13:5: warning: unknown key 'quesion' in a poll slide; did you mean 'question'?"},
	{"unknown key 'urls' in the survey",
	 HEAD SURVEY_OK "  urls: x\n" SLIDES,
	 "deck.yaml:10:3: warning: unknown key 'urls' in 'survey'; did you mean 'url'?"},

	/* ---- slide rules ---- */
	{"survey slide in a deck without a survey",
	 HEAD "slides:\n  - id: s\n    kind: survey\n    heading: H\n",
	 "deck.yaml:9:5: error: slide 's' is a survey but the deck has no 'survey'"},
	{"poll with 1 choice",
	 HEAD "slides:\n  - id: p\n    kind: poll\n    question: Q?\n    choices:\n      - {id: a, label: A}\n",
	 "deck.yaml:13:7: error: a poll has 2 to 8 choices, not 1"},
	{"poll with 9 choices",
	 HEAD "slides:\n  - id: p\n    kind: poll\n    question: Q?\n    choices:\n"
	 "      - {id: c1, label: C}\n      - {id: c2, label: C}\n      - {id: c3, label: C}\n"
	 "      - {id: c4, label: C}\n      - {id: c5, label: C}\n      - {id: c6, label: C}\n"
	 "      - {id: c7, label: C}\n      - {id: c8, label: C}\n      - {id: c9, label: C}\n",
	 "deck.yaml:13:7: error: a poll has 2 to 8 choices, not 9"},
	{"agreement poll with its own single choice",
	 HEAD "slides:\n  - id: p\n    kind: poll\n    style: agreement\n    question: Q\n    choices:\n      - {id: a, label: A}\n",
	 "deck.yaml:14:7: error: a poll has 2 to 8 choices, not 1"},
	{"table cell naming no column",
	 HEAD "slides:\n  - id: t\n    kind: table\n    heading: H\n    columns:\n      - {id: if, label: If}\n"
	 "    rows:\n      - id: r\n        cells:\n          if: x\n          then: y\n",
	 "deck.yaml:18:11: error: row cell 'then' names no column of slide 't'"},
	{"duplicate cell in a table row",
	 HEAD "slides:\n  - id: t\n    kind: table\n    heading: H\n    columns:\n      - {id: if, label: If}\n"
	 "    rows:\n      - id: r\n        cells:\n          if: x\n          if: y\n",
	 "deck.yaml:18:11: error: duplicate cell 'if' in a row"},
	{"lists nested 9 deep (8 is the most)",
	 HEAD "slides:\n  - id: l\n    kind: list\n    heading: H\n    items:\n"
	 "      - text: x\n        items:\n" /* 13, 14 */
	 "          - text: x\n            items:\n" /* 15, 16 */
	 "              - text: x\n                items:\n" /* 17, 18 */
	 "                  - text: x\n                    items:\n" /* 19, 20 */
	 "                      - text: x\n                        items:\n" /* 21, 22 */
	 "                          - text: x\n                            items:\n" /* 23, 24 */
	 "                              - text: x\n                                items:\n" /* 25, 26 */
	 "                                  - text: x\n                                    items:\n" /* 27, 28 */
	 "                                      - x\n", /* 29: the ninth list */
	 "deck.yaml:29:39: error: lists nest at most 8 deep"},
};
/* clang-format on */

/* Loads yaml and formats its first diagnostic into first. Returns the deck
 * (or NULL) and leaves the diagnostics in diags. */
static pl_deck *load_text(const char *yaml, size_t len, pl_diags *diags, char *first, size_t size)
{
	pl_deck *deck = pl_deck_load_buffer("deck.yaml", yaml, len, diags);
	first[0] = '\0';
	if (diags->count)
		pl_diag_format(&diags->items[0], first, size);
	return deck;
}

static void test_malformed_decks(void **state)
{
	(void)state;
	size_t failures = 0;
	for (size_t i = 0; i < sizeof bad_decks / sizeof bad_decks[0]; i++) {
		const bad_deck *row = &bad_decks[i];
		pl_diags diags = PL_DIAGS_INIT;
		char first[1024];
		pl_deck *deck =
		        load_text(row->yaml, strlen(row->yaml), &diags, first, sizeof first);
		bool is_warning = strstr(row->first, ": warning: ") != NULL;
		if (strcmp(first, row->first) != 0) {
			print_error("row '%s':\n  got      %s\n  expected %s\n", row->what,
			            first[0] ? first : "(no diagnostic)", row->first);
			failures++;
		} else if (!is_warning && (deck || diags.errors == 0)) {
			print_error("row '%s': an error, yet the deck loaded\n", row->what);
			failures++;
		}
		pl_deck_free(deck);
		pl_diags_free(&diags);
	}
	if (failures)
		fail_msg("%zu of %zu malformed decks gave the wrong first diagnostic", failures,
		         sizeof bad_decks / sizeof bad_decks[0]);
}

/* Unknown keys are warnings: a deck with nothing else wrong loads. */
static void test_warnings_do_not_stop_loading(void **state)
{
	(void)state;
	static const char yaml[] =
	        HEAD "colour: red\nslides:\n  - id: s\n    kind: statement\n    heding: H\n"
	             "    heading: H\n    text: X\n";
	pl_diags diags = PL_DIAGS_INIT;
	pl_deck *deck = pl_deck_load_buffer("deck.yaml", yaml, strlen(yaml), &diags);
	assert_non_null(deck);
	assert_int_equal(diags.errors, 0);
	assert_int_equal(diags.warnings, 2);
	assert_int_equal(deck->n_slides, 1);
	assert_string_equal(deck->slides[0].heading.src, "H");
	pl_deck_free(deck);
	pl_diags_free(&diags);
}

/* The loader goes on after an error, so that a host sees every mistake in
 * one run, each once. */
static void test_all_mistakes_reported(void **state)
{
	(void)state;
	static const char yaml[] = L_ID L_TITLE L_DISTRICT L_SRC
	        "languages: [en, zh_Hant]\n" L_VERSION "date: 2023-02-30\n"
	        "slides:\n"
	        "  - id: a\n    kind: statment\n"               /* 9, 10 */
	        "  - id: b\n    kind: statement\n    text: X\n" /* 11: no heading */
	        "  - id: c\n    kind: poll\n    question: Q\n    choices:\n"
	        "      - {id: x, label: X}\n"; /* 18 */
	pl_diags diags = PL_DIAGS_INIT;
	pl_deck *deck = pl_deck_load_buffer("deck.yaml", yaml, strlen(yaml), &diags);
	assert_null(deck);
	static const char *const want[] = {
	        "deck.yaml:5:17: error: 'zh_Hant' is not a BCP 47 language tag (like en, es, "
	        "zh-Hant)",
	        "deck.yaml:7:7: error: bad date '2023-02-30'; write it as YYYY-MM-DD",
	        "deck.yaml:10:11: error: unknown slide kind 'statment'; did you mean 'statement'?",
	        "deck.yaml:11:5: error: slide 'b' is missing 'heading'",
	        "deck.yaml:18:7: error: a poll has 2 to 8 choices, not 1",
	};
	size_t n = sizeof want / sizeof want[0];
	char line[512];
	for (size_t i = 0; i < diags.count && i < n; i++) {
		pl_diag_format(&diags.items[i], line, sizeof line);
		assert_string_equal(line, want[i]);
	}
	assert_int_equal(diags.count, n);
	assert_int_equal(diags.errors, n);
	pl_diags_free(&diags);
}

/* ------------------------------------------------------------------ */
/* Mistakes whose raw libyaml or first message misled people            */

/* Each row once gave an unhelpful or misplaced message ('why' says what it
 * was). 'want' is what a person expects: the exact line when the wording is
 * settled, else the position it must point at ("deck.yaml:L:C: error: ")
 * and a word the message must contain. */
typedef struct bad_deck_bug {
	const char *what;
	const char *yaml;
	const char *want_prefix;
	const char *want_word; /* NULL: want_prefix is the whole line */
	const char *why;       /* what it used to say */
} bad_deck_bug;

/* clang-format off */
static const bad_deck_bug bad_deck_bugs[] = {
	{"an unclosed quote",
	 L_ID "title: \"Our plan\n" L_DISTRICT L_SRC L_LANGS L_VERSION L_DATE SLIDES,
	 "deck.yaml:2:8: error: ", "quote",
	 "points at the end of the file (10:1) instead of the quote that is never closed"},
	{"an unclosed flow list",
	 L_ID L_TITLE L_DISTRICT L_SRC "languages: [en, es\n" L_VERSION L_DATE SLIDES,
	 "deck.yaml:5:12: error: ", "]",
	 "points at 6:8 ('did not find expected ',' or ']''), the line after the '[' that is never closed"},
	{"a tab indenting a list item",
	 HEAD "slides:\n\t- id: s\n",
	 "deck.yaml:9:1: error: ", "tab",
	 "says 'found character that cannot start any token' without naming the tab"},
	{"a tab indenting a value on its own line",
	 L_ID "title:\n\tOur plan\n",
	 "deck.yaml:3:1: error: ", "tab",
	 "says 'found character that cannot start any token' without naming the tab"},
	{"': ' inside unquoted text (\"Goal 1: growth\")",
	 L_ID "title: Goal 1: growth\n" L_DISTRICT L_SRC L_LANGS L_VERSION L_DATE SLIDES,
	 "deck.yaml:2:14: error: ", "quote",
	 "says 'mapping values are not allowed in this context'; the fix is to quote the text"},
	{"a key indented more than its siblings",
	 HEAD "slides:\n  - id: s\n    kind: statement\n      heading: H\n",
	 "deck.yaml:11:", "indent",
	 "says 'mapping values are not allowed in this context' (at the ':', 11:14)"},
	{"language 'english'",
	 L_ID L_TITLE L_DISTRICT L_SRC "languages: [en, english]\n" L_VERSION L_DATE SLIDES,
	 "deck.yaml:5:17: error: 'english' is not a BCP 47 language tag (like en, es, zh-Hant)", NULL,
	 "loads without a word: pl_bcp47_valid accepts 5-8 letter primary subtags"},
	{"source language 'english'",
	 L_ID L_TITLE L_DISTRICT "source_language: english\n" L_LANGS L_VERSION L_DATE SLIDES,
	 "deck.yaml:4:18: error: 'english' is not a BCP 47 language tag (like en, es, zh-Hant)", NULL,
	 "says 5:12 'languages' must include the source language 'english'"},
	{"unknown key 'titel' (two letters swapped)",
	 L_ID "titel: T\n" L_DISTRICT L_SRC L_LANGS L_VERSION L_DATE SLIDES,
	 "deck.yaml:2:1: warning: unknown key 'titel' in the deck; did you mean 'title'?", NULL,
	 "no suggestion: a swap counts 2 in Levenshtein distance, the limit for 5 letters is 1"},
	{"heading: ~ (YAML null)",
	 HEAD "slides:\n  - id: s\n    kind: statement\n    heading: ~\n    text: X\n",
	 "deck.yaml:11:14: error: 'heading' in slide 's' is empty", NULL,
	 "loads, with the heading shown as the text '~'"},
};
/* clang-format on */

static bool bug_row_correct(const bad_deck_bug *row, const char *first)
{
	if (!row->want_word)
		return strcmp(first, row->want_prefix) == 0;
	return strncmp(first, row->want_prefix, strlen(row->want_prefix)) == 0 &&
	       strstr(first + strlen(row->want_prefix), row->want_word) != NULL;
}

static void test_malformed_decks_reworded(void **state)
{
	(void)state;
	size_t failed = 0;
	for (size_t i = 0; i < sizeof bad_deck_bugs / sizeof bad_deck_bugs[0]; i++) {
		const bad_deck_bug *row = &bad_deck_bugs[i];
		pl_diags diags = PL_DIAGS_INIT;
		char first[1024];
		pl_deck *deck =
		        load_text(row->yaml, strlen(row->yaml), &diags, first, sizeof first);
		/* Once right, an error must also keep the deck out. */
		bool wants_error = strstr(row->want_prefix, ": warning: ") == NULL;
		char note[1400];
		snprintf(note, sizeof note, "row '%s': expected %s%s%s; got %s (it once %s)",
		         row->what, row->want_prefix, row->want_word ? "..." : "",
		         row->want_word ? row->want_word : "", first[0] ? first : "none", row->why);
		expect_row(bug_row_correct(row, first), note, &failed);
		if (wants_error)
			assert_null(deck);
		pl_deck_free(deck);
		pl_diags_free(&diags);
	}
	EXPECT_ROWS_PASSED(failed);
}

/* One mistake, one message (diag.h: "a problem is recorded once"). A second
 * slide or entry with a used id is reported as such, and then again for
 * every string it holds, as "two strings have the id ...". */
static void test_one_mistake_one_message(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		const char *yaml;
	} rows[] = {
	        {"duplicate slide id",
	         HEAD "slides:\n  - id: s\n    kind: statement\n    heading: H\n    text: X\n"
	              "  - id: s\n    kind: statement\n    heading: H2\n    text: Y\n"},
	        {"duplicate choice id",
	         HEAD "slides:\n  - id: p\n    kind: poll\n    question: Q?\n    choices:\n"
	              "      - {id: a, label: A}\n      - {id: a, label: B}\n"},
	        {"duplicate table cell",
	         HEAD "slides:\n  - id: t\n    kind: table\n    heading: H\n    columns:\n"
	              "      - {id: if, label: If}\n    rows:\n      - id: r\n        cells:\n"
	              "          if: x\n          if: y\n"},
	};
	size_t failed = 0;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		pl_diags diags = PL_DIAGS_INIT;
		pl_deck *deck = pl_deck_load_buffer("deck.yaml", rows[i].yaml, strlen(rows[i].yaml),
		                                    &diags);
		assert_null(deck);
		char note[600], second[400] = "";
		if (diags.count > 1)
			pl_diag_format(&diags.items[1], second, sizeof second);
		snprintf(note, sizeof note, "%s: %zu errors for one mistake; the second: %s",
		         rows[i].what, diags.errors, second);
		expect_row(diags.errors == 1, note, &failed);
		pl_diags_free(&diags);
	}
	EXPECT_ROWS_PASSED(failed);
}

/* ------------------------------------------------------------------ */
/* Hostile input: refused with a message, quickly, without a crash     */

static void expect_refused(const char *yaml, size_t len, const char *first_want)
{
	pl_diags diags = PL_DIAGS_INIT;
	char first[1024];
	pl_deck *deck = load_text(yaml, len, &diags, first, sizeof first);
	assert_null(deck);
	assert_true(diags.errors >= 1);
	assert_string_equal(first, first_want);
	pl_diags_free(&diags);
}

static void test_nesting_10000_deep(void **state)
{
	(void)state;
	size_t depth = 10000;
	char *yaml = malloc(depth * 2 + 1);
	assert_non_null(yaml);
	memset(yaml, '[', depth);
	/* Unclosed, and then closed. */
	expect_refused(yaml, depth,
	               "deck.yaml:1:65: error: nesting deeper than 64 levels is not allowed");
	memset(yaml + depth, ']', depth);
	expect_refused(yaml, depth * 2,
	               "deck.yaml:1:65: error: nesting deeper than 64 levels is not allowed");
	free(yaml);
	/* Block mappings, 70 deep: line k is "k:" indented 2(k-1) spaces, and
	 * the 65th mapping starts on line 65 at column 129. */
	char *map = malloc((size_t)70 * 150);
	assert_non_null(map);
	size_t n = 0;
	for (int i = 0; i < 70; i++)
		n += (size_t)sprintf(map + n, "%*sk:\n", 2 * i, "");
	n += (size_t)sprintf(map + n, "%*sx\n", 140, "");
	expect_refused(map, n,
	               "deck.yaml:65:129: error: nesting deeper than 64 levels is not allowed");
	free(map);
}

/* At most 64 levels: the deck's mapping and 63 lists inside it load (the
 * unknown key is only a warning); one more is refused. */
static void test_nesting_limit_exact(void **state)
{
	(void)state;
	char yaml[1024];
	for (int extra = 0; extra < 2; extra++) {
		int lists = 63 + extra;
		int n = sprintf(yaml, HEAD "x: ");
		memset(yaml + n, '[', (size_t)lists);
		n += lists;
		memset(yaml + n, ']', (size_t)lists);
		n += lists;
		n += sprintf(yaml + n, "\n" SLIDES);
		pl_diags diags = PL_DIAGS_INIT;
		char first[512];
		pl_deck *deck = load_text(yaml, (size_t)n, &diags, first, sizeof first);
		if (extra == 0) {
			assert_non_null(deck);
			assert_int_equal(diags.errors, 0);
		} else {
			assert_null(deck);
			assert_string_equal(first, "deck.yaml:8:67: error: nesting deeper than 64 "
			                           "levels is not allowed");
		}
		pl_deck_free(deck);
		pl_diags_free(&diags);
	}
}

/* "Billion laughs": ten anchors, each a list of nine aliases of the one
 * before. Refused at the first alias, before anything is expanded. */
static void test_alias_bomb(void **state)
{
	(void)state;
	char yaml[4096];
	int n = sprintf(yaml, "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (int c = 'b'; c <= 'j'; c++) {
		n += sprintf(yaml + n, "%c: &%c [", c, c);
		for (int k = 0; k < 9; k++)
			n += sprintf(yaml + n, "%s*%c", k ? ", " : "", c - 1);
		n += sprintf(yaml + n, "]\n");
	}
	expect_refused(
	        yaml, (size_t)n,
	        "deck.yaml:2:8: error: YAML aliases ('*a') are not allowed in a deck; write the "
	        "text out");
	/* An anchor alone is harmless and allowed (tags are ignored too). */
	static const char anchored[] =
	        HEAD "slides:\n  - &first {id: s, kind: !!str statement, heading: H, text: X}\n";
	pl_diags diags = PL_DIAGS_INIT;
	pl_deck *deck = pl_deck_load_buffer("deck.yaml", anchored, strlen(anchored), &diags);
	assert_non_null(deck);
	assert_string_equal(deck->slides[0].heading.src, "H");
	pl_deck_free(deck);
	pl_diags_free(&diags);
}

static char *deck_with_slides(size_t n_slides, size_t *len)
{
	size_t cap = 256 + n_slides * 64;
	char *yaml = malloc(cap);
	assert_non_null(yaml);
	size_t n = (size_t)sprintf(yaml, HEAD "slides:\n");
	for (size_t i = 0; i < n_slides; i++)
		n += (size_t)snprintf(yaml + n, cap - n,
		                      "  - {id: s%zu, kind: statement, heading: H, text: X}\n", i);
	*len = n;
	return yaml;
}

static void test_too_many_slides(void **state)
{
	(void)state;
	size_t len;
	char *yaml = deck_with_slides(100000, &len);
	expect_refused(
	        yaml, len,
	        "deck.yaml:9:3: error: the deck has 100000 slides; at most 5000 are allowed");
	free(yaml);
	yaml = deck_with_slides(5001, &len);
	expect_refused(yaml, len,
	               "deck.yaml:9:3: error: the deck has 5001 slides; at most 5000 are allowed");
	free(yaml);
	/* 5,000 is allowed. */
	yaml = deck_with_slides(5000, &len);
	pl_diags diags = PL_DIAGS_INIT;
	pl_deck *deck = pl_deck_load_buffer("deck.yaml", yaml, len, &diags);
	assert_non_null(deck);
	assert_int_equal(deck->n_slides, 5000);
	assert_string_equal(deck->slides[4999].id, "s4999");
	assert_non_null(pl_deck_find_text(deck, "s4999/text"));
	pl_deck_free(deck);
	pl_diags_free(&diags);
	free(yaml);
}

/* A valid deck padded with a comment to size bytes. */
static char *padded_deck(size_t size)
{
	static const char body[] = HEAD SLIDES;
	char *yaml = malloc(size);
	assert_non_null(yaml);
	memcpy(yaml, body, sizeof body - 1);
	yaml[sizeof body - 1] = '#';
	memset(yaml + sizeof body, 'x', size - sizeof body - 1);
	yaml[size - 1] = '\n';
	return yaml;
}

static void test_size_limit(void **state)
{
	(void)state;
	size_t big = (size_t)17 * 1024 * 1024;
	char *yaml = padded_deck(big);
	expect_refused(yaml, big,
	               "deck.yaml: error: the file is larger than 16 MiB, the most a deck may be");
	free(yaml);
	/* Just over the limit, the size must not read as within it. */
	big = (size_t)PL_DECK_MAX_BYTES + 512 * 1024;
	yaml = padded_deck(big);
	pl_diags over = PL_DIAGS_INIT;
	char first[512];
	assert_null(load_text(yaml, big, &over, first, sizeof first));
	char note[700];
	snprintf(note, sizeof note, "16.5 MiB buffer: %s", first);
	EXPECT_TRUE(strstr(first, "is 16 MiB") == NULL, note);
	pl_diags_free(&over);
	free(yaml);
	/* Exactly 16 MiB is allowed. */
	yaml = padded_deck((size_t)PL_DECK_MAX_BYTES);
	pl_diags diags = PL_DIAGS_INIT;
	pl_deck *deck = pl_deck_load_buffer("deck.yaml", yaml, (size_t)PL_DECK_MAX_BYTES, &diags);
	assert_non_null(deck);
	assert_int_equal(diags.errors, 0);
	pl_deck_free(deck);
	pl_diags_free(&diags);
	free(yaml);
}

static void test_size_limit_file(void **state)
{
	(void)state;
	unit_scratch s = {""};
	unit_scratch_make(&s);
	size_t big = (size_t)PL_DECK_MAX_BYTES + 1;
	char *yaml = padded_deck(big);
	unit_scratch_write(&s, "deck.yaml", yaml, big);
	free(yaml);
	pl_diags diags = PL_DIAGS_INIT;
	pl_deck *deck = pl_deck_load(s.dir, &diags);
	assert_null(deck);
	assert_int_equal(diags.count, 1);
	char line[1024], want[1024];
	pl_diag_format(&diags.items[0], line, sizeof line);
	snprintf(want, sizeof want,
	         "%s/deck.yaml: error: the file is larger than 16 MiB, the most a deck may be",
	         s.dir);
	assert_string_equal(line, want);
	pl_diags_free(&diags);
	unit_scratch_remove(&s);
}

/* ------------------------------------------------------------------ */
/* The complete example of docs/deck-format.md                         */

static pl_deck *load_example(pl_diags *diags)
{
	char path[600];
	snprintf(path, sizeof path, "%s/example", unit_data_dir());
	pl_deck *deck = pl_deck_load(path, diags);
	if (!deck)
		pl_diags_print(diags, stderr);
	assert_non_null(deck);
	assert_int_equal(diags->count, 0);
	return deck;
}

static void test_example_deck_fields(void **state)
{
	(void)state;
	pl_diags diags = PL_DIAGS_INIT;
	pl_deck *deck = load_example(&diags);
	assert_int_equal(deck->format, 1);
	assert_string_equal(deck->id, "example");
	assert_string_equal(deck->title.id, "deck/title");
	assert_string_equal(deck->title.src, "Our Strategic Plan");
	assert_int_equal(deck->title.line, 3);
	assert_int_equal(deck->title.col, 8);
	assert_string_equal(deck->district.id, "deck/district");
	assert_string_equal(deck->district.src, "Example Unified School District");
	assert_string_equal(deck->source_language, "en");
	assert_int_equal(deck->n_languages, 3);
	assert_string_equal(deck->languages[0], "en");
	assert_string_equal(deck->languages[1], "es");
	assert_string_equal(deck->languages[2], "ar");
	assert_string_equal(deck->version, "2024-draft-1");
	assert_string_equal(deck->date, "2024-02-01");
	assert_string_equal(deck->default_site, "district-office");
	assert_string_equal(deck->survey.url, "https://example.org/survey?form=plan");
	assert_string_equal(deck->survey.short_url, "example.org/plan");
	assert_string_equal(deck->survey.closes, "2024-03-01T17:00:00-08:00");
	/* 2024-03-02T01:00:00Z */
	assert_int_equal(deck->survey.closes_utc, 1709341200);
	char want_dir[600];
	snprintf(want_dir, sizeof want_dir, "%s/example", unit_data_dir());
	assert_string_equal(deck->dir, want_dir);
	pl_deck_free(deck);
	pl_diags_free(&diags);
}

static void test_example_slides(void **state)
{
	(void)state;
	pl_diags diags = PL_DIAGS_INIT;
	pl_deck *deck = load_example(&diags);
	static const struct {
		const char *id;
		pl_slide_kind kind;
		const char *kind_name;
	} want[] = {
	        {"welcome", PL_SLIDE_TITLE, "title"},  {"mission", PL_SLIDE_STATEMENT, "statement"},
	        {"values", PL_SLIDE_VALUES, "values"}, {"goals", PL_SLIDE_CARDS, "cards"},
	        {"profile", PL_SLIDE_LIST, "list"},    {"theory", PL_SLIDE_TABLE, "table"},
	        {"focus", PL_SLIDE_POLL, "poll"},      {"first", PL_SLIDE_POLL, "poll"},
	        {"survey", PL_SLIDE_SURVEY, "survey"},
	};
	assert_int_equal(deck->n_slides, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < deck->n_slides; i++) {
		assert_string_equal(deck->slides[i].id, want[i].id);
		assert_int_equal(deck->slides[i].kind, want[i].kind);
		assert_string_equal(pl_slide_kind_name(deck->slides[i].kind), want[i].kind_name);
		assert_ptr_equal(pl_deck_find_slide(deck, want[i].id), &deck->slides[i]);
	}
	assert_null(pl_deck_find_slide(deck, "nope"));

	const pl_slide *welcome = &deck->slides[0];
	assert_null(welcome->heading.src); /* optional for a title slide */
	assert_string_equal(welcome->subtitle.src, "Tell us what you think");

	const pl_slide *values = &deck->slides[2];
	assert_int_equal(values->n_values, 1);
	assert_string_equal(values->values[0].key, "equity");
	assert_int_equal(values->values[0].n_behaviours, 2);
	assert_string_equal(values->values[0].behaviours[1].src, "By publishing what we spend.");

	const pl_slide *goals = &deck->slides[3];
	assert_int_equal(goals->n_cards, 1);
	assert_string_equal(goals->cards[0].key, "learning");
	assert_int_equal(goals->cards[0].n_items, 2);

	const pl_slide *profile = &deck->slides[4];
	assert_false(profile->numbered);
	assert_int_equal(profile->n_items, 2);
	assert_true(profile->items[0].numbered);
	assert_int_equal(profile->items[0].n_children, 2);
	assert_string_equal(profile->items[0].children[1].text.src, "College preparatory courses");
	assert_string_equal(profile->items[1].text.src, "Life skills");
	assert_int_equal(profile->items[1].n_children, 0);

	const pl_slide *theory = &deck->slides[5];
	assert_int_equal(theory->n_columns, 3);
	assert_string_equal(theory->columns[2].key, "then");
	assert_string_equal(theory->columns[2].label.src, "then we will");
	assert_int_equal(theory->n_rows, 1);
	assert_string_equal(theory->rows[0].key, "instruction");
	assert_string_equal(theory->rows[0].cells[1].src, "Building on strengths");
	assert_string_equal(theory->rows[0].cells[1].id, "theory/rows/instruction/by");

	const pl_slide *first = &deck->slides[7];
	assert_int_equal(first->style, PL_POLL_SINGLE);
	assert_int_equal(first->n_choices, 2);
	assert_string_equal(first->choices[0].key, "learning");
	assert_string_equal(first->choices[1].key, "families");
	assert_string_equal(first->choices[1].label.src, "Families and community");

	const pl_slide *survey = &deck->slides[8];
	assert_string_equal(survey->text.src, "The survey takes five minutes.");
	pl_deck_free(deck);
	pl_diags_free(&diags);
}

/* style: agreement without choices: the five-point scale, in order, with
 * English labels that are translatable deck strings. */
static void test_example_default_agreement(void **state)
{
	(void)state;
	pl_diags diags = PL_DIAGS_INIT;
	pl_deck *deck = load_example(&diags);
	const pl_slide *focus = pl_deck_find_slide(deck, "focus");
	assert_non_null(focus);
	assert_int_equal(focus->style, PL_POLL_AGREEMENT);
	assert_null(focus->heading.src); /* optional for a poll */
	assert_string_equal(focus->question.src, "Are we focusing on the right things?");
	static const char *const keys[] = {"strongly-disagree", "disagree", "neutral", "agree",
	                                   "strongly-agree"};
	static const char *const labels[] = {"Strongly disagree", "Disagree",
	                                     "Neither agree nor disagree", "Agree",
	                                     "Strongly agree"};
	assert_int_equal(focus->n_choices, 5);
	for (size_t i = 0; i < 5; i++) {
		char id[64];
		snprintf(id, sizeof id, "focus/choices/%s", keys[i]);
		assert_string_equal(focus->choices[i].key, keys[i]);
		assert_string_equal(focus->choices[i].label.src, labels[i]);
		assert_string_equal(focus->choices[i].label.id, id);
		assert_ptr_equal(pl_deck_find_text(deck, id), &focus->choices[i].label);
	}
	pl_deck_free(deck);
	pl_diags_free(&diags);
}

/* Every translatable string of the example with its id (the format doc's
 * "Translatable strings and their ids"), and nothing else. */
static void test_example_text_ids(void **state)
{
	(void)state;
	pl_diags diags = PL_DIAGS_INIT;
	pl_deck *deck = load_example(&diags);
	static const struct {
		const char *id, *src;
	} want[] = {
	        {"deck/title", "Our Strategic Plan"},
	        {"deck/district", "Example Unified School District"},
	        {"welcome/title", "Our Strategic Plan"},
	        {"welcome/subtitle", "Tell us what you think"},
	        {"mission/heading", "Mission"},
	        {"mission/subheading", "Why we exist"},
	        {"mission/text", "Every student, every day."},
	        {"values/heading", "Values"},
	        {"values/values/equity/name", "Equity"},
	        {"values/values/equity/statement", "Different needs require different resources."},
	        {"values/values/equity/behaviours/1", "By listening to every family."},
	        {"values/values/equity/behaviours/2", "By publishing what we spend."},
	        {"goals/heading", "Goals"},
	        {"goals/cards/learning/label", "Goal One"},
	        {"goals/cards/learning/title", "Student growth"},
	        {"goals/cards/learning/text", "Engage all students in learning."},
	        {"goals/cards/learning/items_heading", "Strategies"},
	        {"goals/cards/learning/items/1", "Personalize learning."},
	        {"goals/cards/learning/items/2", "Expand early learning."},
	        {"profile/heading", "Graduate profile"},
	        {"profile/items/1", "Strong academic skills"},
	        {"profile/items/1/items/1", "Reading, writing and math"},
	        {"profile/items/1/items/2", "College preparatory courses"},
	        {"profile/items/2", "Life skills"},
	        {"theory/heading", "Theory of action"},
	        {"theory/columns/if", "If we provide"},
	        {"theory/columns/by", "by"},
	        {"theory/columns/then", "then we will"},
	        {"theory/rows/instruction/if", "Learner-focused instruction"},
	        {"theory/rows/instruction/by", "Building on strengths"},
	        {"theory/rows/instruction/then", "Meet every learner's needs"},
	        {"focus/question", "Are we focusing on the right things?"},
	        {"focus/choices/strongly-disagree", "Strongly disagree"},
	        {"focus/choices/disagree", "Disagree"},
	        {"focus/choices/neutral", "Neither agree nor disagree"},
	        {"focus/choices/agree", "Agree"},
	        {"focus/choices/strongly-agree", "Strongly agree"},
	        {"first/question", "Which goal matters most to you?"},
	        {"first/choices/learning", "Student growth"},
	        {"first/choices/families", "Families and community"},
	        {"survey/heading", "Tell us more"},
	        {"survey/text", "The survey takes five minutes."},
	};
	size_t n = sizeof want / sizeof want[0];
	for (size_t i = 0; i < n; i++) {
		const pl_text *t = pl_deck_find_text(deck, want[i].id);
		if (!t)
			fail_msg("no string with id '%s'", want[i].id);
		assert_string_equal(t->src, want[i].src);
		assert_true(t->line >= 1 && t->col >= 1);
	}
	assert_int_equal(deck->n_texts, n);
	/* Ids are unique. */
	for (size_t i = 0; i < deck->n_texts; i++)
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(deck->texts[i]->id, deck->texts[j]->id);
	/* Positions point at the text in deck.yaml (line 44: "- Personalize
	 * learning." under the card's items, the text at column 13). */
	const pl_text *t = pl_deck_find_text(deck, "goals/cards/learning/items/1");
	assert_int_equal(t->line, 44);
	assert_int_equal(t->col, 13);
	pl_deck_free(deck);
	pl_diags_free(&diags);
}

/* The same deck loads from its deck.yaml path, a folder path with a
 * trailing '/', and a buffer; a missing folder is an error naming the file. */
static void test_load_paths(void **state)
{
	(void)state;
	char path[700];
	pl_diags diags = PL_DIAGS_INIT;
	snprintf(path, sizeof path, "%s/example/deck.yaml", unit_data_dir());
	pl_deck *deck = pl_deck_load(path, &diags);
	assert_non_null(deck);
	assert_string_equal(deck->file, path);
	pl_deck_free(deck);
	snprintf(path, sizeof path, "%s/example/", unit_data_dir());
	deck = pl_deck_load(path, &diags);
	assert_non_null(deck);
	assert_int_equal(deck->n_slides, 9);
	pl_deck_free(deck);
	assert_int_equal(diags.count, 0);

	snprintf(path, sizeof path, "%s/no-such-deck", unit_data_dir());
	deck = pl_deck_load(path, &diags);
	assert_null(deck);
	assert_int_equal(diags.count, 1);
	char line[900], want[900];
	pl_diag_format(&diags.items[0], line, sizeof line);
	snprintf(want, sizeof want, "%s/deck.yaml: error: cannot read: No such file or directory",
	         path);
	assert_string_equal(line, want);
	pl_diags_free(&diags);
}

/* A file saved as UTF-16 (Windows "Unicode") is refused at its first byte;
 * its NULs must not cut the text short. */
static void test_utf16_file(void **state)
{
	(void)state;
	static const char yaml[] = "\xFF\xFEi\0d\0:\0 \0t\0\n\0";
	expect_refused(yaml, sizeof yaml - 1,
	               "deck.yaml:1:1: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8");
}

/* A byte order mark (Windows editors write one) is not a mistake. */
static void test_byte_order_mark(void **state)
{
	(void)state;
	static const char yaml[] = "\xEF\xBB\xBF" HEAD SLIDES;
	pl_diags diags = PL_DIAGS_INIT;
	pl_deck *deck = pl_deck_load_buffer("deck.yaml", yaml, strlen(yaml), &diags);
	assert_non_null(deck);
	assert_string_equal(deck->id, "t");
	pl_deck_free(deck);
	pl_diags_free(&diags);
}

/* Block scalars: a text keeps its inner line breaks and loses the final
 * one; a survey slide may list items; booleans take yes/no. */
static void test_texts_and_booleans(void **state)
{
	(void)state;
	static const char yaml[] = HEAD SURVEY_OK
	        "slides:\n"
	        "  - id: m\n    kind: statement\n    heading: H\n"
	        "    text: |\n      First paragraph.\n\n      Second paragraph.\n"
	        "  - id: l\n    kind: list\n    heading: H\n    numbered: yes\n    items:\n"
	        "      - text: A\n        numbered: no\n        items: [a1]\n"
	        "  - id: q\n    kind: survey\n    heading: H\n    items: [How old are you?]\n";
	pl_diags diags = PL_DIAGS_INIT;
	pl_deck *deck = pl_deck_load_buffer("deck.yaml", yaml, strlen(yaml), &diags);
	if (!deck)
		pl_diags_print(&diags, stderr);
	assert_non_null(deck);
	assert_string_equal(deck->slides[0].text.src, "First paragraph.\n\nSecond paragraph.");
	assert_true(deck->slides[1].numbered);
	assert_false(deck->slides[1].items[0].numbered);
	assert_string_equal(deck->slides[1].items[0].children[0].text.id, "l/items/1/items/1");
	assert_int_equal(deck->slides[2].n_items, 1);
	assert_string_equal(pl_deck_find_text(deck, "q/items/1")->src, "How old are you?");
	assert_null(deck->survey.closes); /* open-ended */
	pl_deck_free(deck);
	pl_diags_free(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_malformed_decks),
	        cmocka_unit_test(test_warnings_do_not_stop_loading),
	        cmocka_unit_test(test_all_mistakes_reported),
	        cmocka_unit_test(test_malformed_decks_reworded),
	        cmocka_unit_test(test_one_mistake_one_message),
	        cmocka_unit_test(test_nesting_10000_deep),
	        cmocka_unit_test(test_nesting_limit_exact),
	        cmocka_unit_test(test_alias_bomb),
	        cmocka_unit_test(test_too_many_slides),
	        cmocka_unit_test(test_size_limit),
	        cmocka_unit_test(test_size_limit_file),
	        cmocka_unit_test(test_example_deck_fields),
	        cmocka_unit_test(test_example_slides),
	        cmocka_unit_test(test_example_default_agreement),
	        cmocka_unit_test(test_example_text_ids),
	        cmocka_unit_test(test_load_paths),
	        cmocka_unit_test(test_utf16_file),
	        cmocka_unit_test(test_byte_order_mark),
	        cmocka_unit_test(test_texts_and_booleans),
	};
	return cmocka_run_group_tests_name("deck", tests, NULL, NULL);
}
