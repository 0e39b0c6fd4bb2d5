/*
 * test_fonts.c: the per-language chains over the real bundled faces: each
 * language's own script comes from its own face, Vietnamese words from a
 * face that has every Vietnamese letter, Latin names in Chinese and Korean
 * text from one Latin face, and a missing font file degrades to the others.
 */
#include "unit.h"

#include <stdbool.h>

#include "placard/fonts.h"
#include "placard/text.h"

static const char *family_for(const pl_fonts *fonts, const char *lang, uint32_t cp)
{
	pl_font_chain chain;
	pl_fonts_chain(fonts, lang, PL_REGULAR, false, &chain);
	const pl_face *f = pl_chain_face_for(&chain, cp);
	return f ? pl_face_family(f) : "(none)";
}

static pl_fonts *open_bundled(void)
{
	pl_diags d = PL_DIAGS_INIT;
	pl_fonts *fonts = pl_fonts_open(PLACARD_SOURCE_DIR "/fonts", &d);
	if (d.count)
		pl_diags_print(&d, stderr);
	assert_int_equal(d.count, 0);
	pl_diags_free(&d);
	assert_non_null(fonts);
	return fonts;
}

static void test_script_faces(void **state)
{
	(void)state;
	pl_fonts *fonts = open_bundled();
	assert_string_equal(family_for(fonts, "en", 'A'), "Atkinson Hyperlegible Next");
	assert_string_equal(family_for(fonts, "ar", 0x0639), "Noto Sans Arabic");
	assert_string_equal(family_for(fonts, "fa", 0x06CC), "Noto Sans Arabic");
	assert_string_equal(family_for(fonts, "hy", 0x0540), "Noto Sans Armenian");
	assert_string_equal(family_for(fonts, "zh-Hans", 0x5B66), "Droid Sans Fallback");
	assert_string_equal(family_for(fonts, "zh-Hant", 0x5B78), "Droid Sans Fallback");
	assert_string_equal(family_for(fonts, "ko", 0xD55C), "Placard Gothic KR");
	/* Latin names inside Chinese and Korean text: one Latin face. */
	assert_string_equal(family_for(fonts, "zh-Hans", 'f'), "Atkinson Hyperlegible Next");
	assert_string_equal(family_for(fonts, "ko", 'P'), "Atkinson Hyperlegible Next");
	pl_fonts_free(fonts);
}

/* Every letter of Vietnamese is in the first face of the vi chain, so no
 * word is ever set in two faces (BRIEF section 3). */
static void test_vietnamese_first_face_has_all(void **state)
{
	(void)state;
	pl_fonts *fonts = open_bundled();
	pl_font_chain chain;
	pl_fonts_chain(fonts, "vi", PL_REGULAR, false, &chain);
	assert_true(chain.n > 1);
	const char *letters = "a\xC4\x83\xC3\xA2"                        /* a ă â */
	                      "\xC4\x91\xC3\xAA\xC3\xB4\xC6\xA1\xC6\xB0" /* đ ê ô ơ ư */
	                      "\xE1\xBA\xBF\xE1\xBB\x87\xE1\xBA\xAB\xE1\xBB\xB9" /* ế ệ ẫ ỹ */
	                      "\xE1\xBB\x9D\xE1\xBB\xA8\xE1\xBA\xB7";            /* ờ Ứ ặ */
	for (const unsigned char *p = (const unsigned char *)letters; *p;) {
		uint32_t c = *p;
		int n = c < 0x80 ? 0 : c < 0xE0 ? 1 : 2;
		if (n)
			c &= 0x3Fu >> n;
		for (int k = 1; k <= n; k++)
			c = (c << 6) | (p[k] & 0x3F);
		p += n + 1;
		if (!pl_face_has_glyph(chain.faces[0], c))
			fail_msg("%s lacks U+%04X", pl_face_family(chain.faces[0]), (unsigned)c);
	}
	/* And Atkinson, the face the other Latin languages lead with, lacks
	 * some: which is why vi does not lead with it. */
	pl_font_chain en;
	pl_fonts_chain(fonts, "en", PL_REGULAR, false, &en);
	assert_false(pl_face_has_glyph(en.faces[0], 0x1EBF));
	pl_fonts_free(fonts);
}

/* Bold chains use bold faces where the family has them. */
/* Every bundled face open: each language's own name and text draws; what
 * needs no glyph (joiners, bidi controls) is not asked for. */
static void test_first_missing(void **state)
{
	pl_fonts *fonts = open_bundled();
	static const char *const langs[] = {"en", "es", "zh-Hans", "zh-Hant", "vi",
	                                    "ar", "fa", "hy",      "ko",      "tl"};
	for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++)
		assert_int_equal(pl_fonts_first_missing(fonts, langs[i], pl_lang_autonym(langs[i])),
		                 0);
	assert_int_equal(
	        pl_fonts_first_missing(fonts, "fa", "\u0645\u06CC\u200C\u0634\u0648\u062F"), 0);
	assert_int_equal(pl_fonts_first_missing(fonts, "ar", "\u202B\u0627\u202C\uFEFF"), 0);
	/* A private-use character no face has: the first such one. */
	assert_int_equal(pl_fonts_first_missing(fonts, "en", "ok \uE000\uE001"), 0xE000);
	assert_false(pl_cp_needs_glyph(0x200D));
	assert_true(pl_cp_needs_glyph(' '));
	pl_fonts_free(fonts);
	(void)state;
}

static void test_bold(void **state)
{
	(void)state;
	pl_fonts *fonts = open_bundled();
	pl_font_chain bold;
	pl_fonts_chain(fonts, "en", PL_BOLD, false, &bold);
	assert_non_null(strstr(pl_face_path(bold.faces[0]), "-Bold.ttf"));
	pl_fonts_chain(fonts, "en", PL_REGULAR, true, &bold);
	assert_string_equal(pl_face_family(bold.faces[0]), "OpenDyslexic");
	pl_fonts_free(fonts);
}

/* A font file missing: a warning naming it, and the rest still work. */
static void test_missing_face(void **state)
{
	unit_scratch s;
	unit_scratch_make(&s);
	char src[600], dst[600];
	snprintf(src, sizeof src, "%s/fonts/NotoSans-Regular.ttf", PLACARD_SOURCE_DIR);
	snprintf(dst, sizeof dst, "%s/NotoSans-Regular.ttf", s.dir);
	assert_int_equal(symlink(src, dst), 0);
	pl_diags d = PL_DIAGS_INIT;
	pl_fonts *fonts = pl_fonts_open(s.dir, &d);
	assert_non_null(fonts);
	assert_int_equal(d.errors, 0);
	assert_true(d.warnings > 5);
	assert_string_equal(family_for(fonts, "en", 'A'), "Noto Sans");
	assert_string_equal(family_for(fonts, "ar", 0x0639), "(none)");
	/* What the kiosk asks before offering a language: Arabic would be
	 * boxes; English draws, bold falling back to the regular face. */
	assert_int_equal(pl_fonts_first_missing(fonts, "ar", "\u0645\u0631\u062D\u0628\u0627"),
	                 0x0645);
	assert_int_equal(pl_fonts_first_missing(fonts, "en", "Hi"), 0);
	/* The files it could not open are named, and the one it could is not. */
	size_t unopened = 0;
	for (const char *f; (f = pl_fonts_unopened(fonts, unopened)) != NULL; unopened++)
		assert_null(strstr(f, "/NotoSans-Regular.ttf"));
	assert_int_equal(unopened, 12);
	pl_fonts_free(fonts);
	pl_diags_free(&d);
	/* None at all: an error, and NULL. */
	unlink(dst);
	fonts = pl_fonts_open(s.dir, &d);
	assert_null(fonts);
	assert_true(d.errors == 1);
	pl_diags_free(&d);
	(void)state;
	unit_scratch_remove(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_script_faces),
	        cmocka_unit_test(test_vietnamese_first_face_has_all),
	        cmocka_unit_test(test_first_missing),
	        cmocka_unit_test(test_bold),
	        cmocka_unit_test(test_missing_face),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
