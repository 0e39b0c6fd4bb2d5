/*
 * test_translations.c: the bundled catalogues are written in their own
 * scripts, by the Unicode Script property (HarfBuzz's hb_unicode_script).
 *
 * A string "consists mostly of characters of its script" when most of its
 * words are in that script. A word is a run of characters of one script
 * (combining marks join the run they follow); a Han ideograph counts as a
 * word of its own, since Chinese does not separate words. So
 * "CA Healthy Kids Survey（加州健康儿童调查）" is 8 Han words against 4 Latin
 * ones. Entries left identical to the English on purpose are listed in
 * tests/data/same-as-source/LANG.txt and skipped.
 *
 * Chinese in both scripts must be written as such: zh-Hans uses none of a
 * list of traditional-only characters and zh-Hant none of their simplified
 * counterparts, and the two catalogues differ wherever such a character
 * occurs. Persian uses Persian digits and letters in running text.
 */
#include "unit.h"

#include <ctype.h>
#include <hb.h>
#include <stdbool.h>

#include "placard/catalog.h"

static const char *const decks[] = {"pusd-2023", "tusd", "pusd-2020", "d62"};

/* Characters whose simplified and traditional forms differ, in pairs, chosen
 * from the words a strategic plan uses (school, district, education,
 * development, communication, learning...). */
static const char *const simplified_only[] = {
        "学", "们", "这", "为", "会", "与", "国", "体", "发", "开", "关", "说", "时", "来",
        "对", "经", "现", "业", "过", "区", "员", "统", "质", "标", "进", "责", "资", "训",
        "务", "长", "师", "识", "础", "证", "优", "确", "实", "极", "环", "继", "续", "产"};
static const char *const traditional_only[] = {
        "學", "們", "這", "為", "會", "與", "國", "體", "發", "開", "關", "說", "時", "來",
        "對", "經", "現", "業", "過", "區", "員", "統", "質", "標", "進", "責", "資", "訓",
        "務", "長", "師", "識", "礎", "證", "優", "確", "實", "極", "環", "繼", "續", "產"};
#define N_PAIRS (sizeof simplified_only / sizeof simplified_only[0])

static uint32_t next_cp(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	uint32_t c = s[0];
	int n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
	if (n)
		c &= 0x3F >> n;
	for (int i = 1; i <= n && s[i]; i++)
		c = (c << 6) | (s[i] & 0x3F);
	*p += n + 1;
	return c;
}

/* Whether the bytes [start, end) stand in source as a whole word. */
static bool word_in(const char *source, const char *start, const char *end)
{
	size_t n = (size_t)(end - start);
	for (const char *p = source; *p; p++) {
		if (strncmp(p, start, n) != 0)
			continue;
		bool left = p == source || !isalnum((unsigned char)p[-1]);
		bool right = !isalnum((unsigned char)p[n]);
		if (left && right)
			return true;
	}
	return false;
}

/* Counts words of the wanted script and of all scripts in text, skipping
 * printf directives (%s, %zu), which are not words of any language, and
 * words of other scripts copied from the source (names kept as the district
 * writes them: "Goodwin Survey（Goodwin调查）"). */
static void count_words(const char *text, const char *source, hb_script_t want, size_t *in_script,
                        size_t *total)
{
	hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
	hb_script_t run = HB_SCRIPT_INVALID;
	const char *run_start = NULL;
	*in_script = *total = 0;
	for (const char *p = text;;) {
		const char *here = p;
		hb_script_t sc = HB_SCRIPT_INVALID;
		bool directive = *p == '%';
		if (*p && !directive) {
			uint32_t cp = next_cp(&p);
			sc = hb_unicode_script(uf, cp);
			if (sc == HB_SCRIPT_INHERITED)
				continue;
			if (sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_UNKNOWN)
				sc = HB_SCRIPT_INVALID;
		}
		/* Close the run before this character when the script changes. */
		if (run != HB_SCRIPT_INVALID && (sc != run || run == HB_SCRIPT_HAN)) {
			bool copied = run != want && word_in(source, run_start, here);
			if (!copied) {
				(*total)++;
				*in_script += run == want;
			}
			run = HB_SCRIPT_INVALID;
		}
		if (!*here)
			break;
		if (directive) {
			/* flags, width, precision, length, then the conversion */
			p = here + 1;
			p += strspn(p, "0123456789-+ #.*'");
			p += strspn(p, "hlLqjzt");
			if (*p)
				p++;
			continue;
		}
		if (sc != HB_SCRIPT_INVALID && run == HB_SCRIPT_INVALID) {
			run = sc;
			run_start = here;
		}
	}
}

/* Whether the allow-list names this entry (DECK TAB MSGCTXT-or-MSGID). */
static bool allowed_same(const char *lang, const char *deck, const char *key)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/tests/data/same-as-source/%s.txt", PLACARD_SOURCE_DIR,
	         lang);
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	char line[2048];
	bool found = false;
	size_t dl = strlen(deck), kl = strlen(key);
	while (!found && fgets(line, sizeof line, f))
		found = strncmp(line, deck, dl) == 0 && line[dl] == '\t' &&
		        strncmp(line + dl + 1, key, kl) == 0 && line[dl + 1 + kl] == '\t';
	fclose(f);
	return found;
}

static pl_catalog *load(const char *deck, const char *lang)
{
	char path[1024];
	if (strcmp(deck, "placard") == 0)
		snprintf(path, sizeof path, "%s/po/%s.po", PLACARD_SOURCE_DIR, lang);
	else
		snprintf(path, sizeof path, "%s/assets/decks/%s/po/%s.po", PLACARD_SOURCE_DIR, deck,
		         lang);
	pl_diags diags = PL_DIAGS_INIT;
	pl_catalog *cat = pl_catalog_load(path, &diags);
	if (!cat) {
		pl_diags_print(&diags, stderr);
		fail_msg("%s does not load", path);
	}
	pl_diags_free(&diags);
	return cat;
}

/* Every translated entry of every catalogue of lang is mostly in script. */
static void check_script(const char *lang, hb_script_t script)
{
	static const char *const all[] = {"pusd-2023", "tusd", "pusd-2020", "d62", "placard"};
	size_t failed = 0, checked = 0;
	for (size_t d = 0; d < 5; d++) {
		pl_catalog *cat = load(all[d], lang);
		for (size_t i = 0; i < pl_catalog_count(cat); i++) {
			const pl_catalog_entry *e = pl_catalog_entry_at(cat, i);
			if (!e->msgstr || !e->msgstr[0] || e->fuzzy)
				continue;
			const char *key = e->msgctxt ? e->msgctxt : e->msgid;
			if (allowed_same(lang, all[d], key))
				continue;
			/* Plural forms are joined by NUL: msgstr[0] speaks for them. */
			size_t in, total;
			/* Nothing to translate ("%lld (%.0f%%)"): no words to check. */
			count_words(e->msgid, "", HB_SCRIPT_LATIN, &in, &total);
			if (total == 0)
				continue;
			count_words(e->msgstr, e->msgid, script, &in, &total);
			checked++;
			char note[1500];
			snprintf(note, sizeof note,
			         "%s %s '%s': %zu of %zu words in the script: %s", lang, all[d],
			         key, in, total, e->msgstr);
			expect_row(total > 0 && in * 2 > total, note, &failed);
		}
		pl_catalog_free(cat);
	}
	assert_true(checked > 150);
	EXPECT_ROWS_PASSED(failed);
}

static void test_chinese_simplified_is_han(void **state)
{
	(void)state;
	check_script("zh-Hans", HB_SCRIPT_HAN);
}

static void test_chinese_traditional_is_han(void **state)
{
	(void)state;
	check_script("zh-Hant", HB_SCRIPT_HAN);
}

static void test_arabic_is_arabic(void **state)
{
	(void)state;
	check_script("ar", HB_SCRIPT_ARABIC);
}

static void test_persian_is_arabic_script(void **state)
{
	(void)state;
	check_script("fa", HB_SCRIPT_ARABIC);
}

static void test_armenian_is_armenian(void **state)
{
	(void)state;
	check_script("hy", HB_SCRIPT_ARMENIAN);
}

static void test_korean_is_hangul(void **state)
{
	(void)state;
	check_script("ko", HB_SCRIPT_HANGUL);
}

/* zh-Hans and zh-Hant are each written in their own script: no character
 * of the other script's list, and the two differ on every entry whose text
 * has any character of the lists. */
static void test_chinese_scripts_differ(void **state)
{
	(void)state;
	size_t failed = 0, differing = 0;
	for (size_t d = 0; d < 4; d++) {
		pl_catalog *hans = load(decks[d], "zh-Hans"), *hant = load(decks[d], "zh-Hant");
		for (size_t i = 0; i < pl_catalog_count(hans); i++) {
			const pl_catalog_entry *e = pl_catalog_entry_at(hans, i);
			if (!e->msgstr[0])
				continue;
			pl_tr_status st;
			const char *s = e->msgstr;
			const char *t = pl_catalog_get(hant, e->msgctxt, e->msgid, &st);
			bool has_pair_char = false;
			for (size_t k = 0; k < N_PAIRS; k++) {
				char note[1200];
				snprintf(note, sizeof note,
				         "zh-Hans %s '%s' has traditional '%s': %s", decks[d],
				         e->msgctxt, traditional_only[k], s);
				expect_row(strstr(s, traditional_only[k]) == NULL, note, &failed);
				has_pair_char |= strstr(s, simplified_only[k]) != NULL;
				if (st == PL_TR_TRANSLATED) {
					snprintf(note, sizeof note,
					         "zh-Hant %s '%s' has simplified '%s': %s",
					         decks[d], e->msgctxt, simplified_only[k], t);
					expect_row(strstr(t, simplified_only[k]) == NULL, note,
					           &failed);
				}
			}
			if (has_pair_char && st == PL_TR_TRANSLATED) {
				char note[1200];
				snprintf(note, sizeof note,
				         "%s '%s' is the same in zh-Hans and zh-Hant", decks[d],
				         e->msgctxt);
				expect_row(strcmp(s, t) != 0, note, &failed);
				differing++;
			}
		}
		pl_catalog_free(hans);
		pl_catalog_free(hant);
	}
	/* The lists must actually meet the text, or this test proves nothing. */
	assert_true(differing > 100);
	EXPECT_ROWS_PASSED(failed);
}

/* Persian running text: Persian digits (U+06F0..06F9) rather than ASCII or
 * Arabic-Indic ones, and Persian yeh and keheh rather than the Arabic
 * letters (U+064A, U+0643). URLs and printf directives keep ASCII digits. */
static void test_persian_letters_and_digits(void **state)
{
	(void)state;
	size_t failed = 0, persian_digits = 0;
	for (size_t d = 0; d < 4; d++) {
		pl_catalog *cat = load(decks[d], "fa");
		for (size_t i = 0; i < pl_catalog_count(cat); i++) {
			const pl_catalog_entry *e = pl_catalog_entry_at(cat, i);
			if (!e->msgstr[0] || allowed_same("fa", decks[d], e->msgctxt))
				continue;
			bool ascii_digit = false, arabic_letter = false;
			for (const char *p = e->msgstr; *p;) {
				if (strncmp(p, "http", 4) == 0 || strncmp(p, "pusd.us", 7) == 0) {
					while (*p && *p != ' ' && *p != '\n')
						p++;
					continue;
				}
				/* Digits of a Latin name kept as written ("District
				 * 62") stay as the name has them. */
				const char *at = p;
				uint32_t cp = next_cp(&p);
				const char *q = at;
				while (q > e->msgstr &&
				       (q[-1] == ' ' || (q[-1] >= '0' && q[-1] <= '9')))
					q--;
				bool in_name = q > e->msgstr && isalpha((unsigned char)q[-1]);
				ascii_digit |= cp >= '0' && cp <= '9' && !in_name;
				arabic_letter |= cp == 0x064A || cp == 0x0643;
				persian_digits += cp >= 0x06F0 && cp <= 0x06F9;
			}
			char note[1200];
			snprintf(note, sizeof note,
			         "fa %s '%s' has ASCII digits in running text: %s", decks[d],
			         e->msgctxt, e->msgstr);
			expect_row(!ascii_digit, note, &failed);
			snprintf(note, sizeof note, "fa %s '%s' has Arabic yeh or kaf: %s",
			         decks[d], e->msgctxt, e->msgstr);
			expect_row(!arabic_letter, note, &failed);
		}
		pl_catalog_free(cat);
	}
	assert_true(persian_digits > 0);
	EXPECT_ROWS_PASSED(failed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_chinese_simplified_is_han),
	        cmocka_unit_test(test_chinese_traditional_is_han),
	        cmocka_unit_test(test_chinese_scripts_differ),
	        cmocka_unit_test(test_arabic_is_arabic),
	        cmocka_unit_test(test_persian_is_arabic_script),
	        cmocka_unit_test(test_persian_letters_and_digits),
	        cmocka_unit_test(test_armenian_is_armenian),
	        cmocka_unit_test(test_korean_is_hangul),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
