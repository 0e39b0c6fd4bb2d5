/*
 * test_theme.c: every theme's colour pairs meet BRIEF section 4 (text 7:1,
 * high contrast 15:1, outlines and the focus ring 3:1 against what they sit
 * on), and physical sizes come out of the display's diagonal as they must:
 * 6 mm body caps, headings at 0.7 degrees, 20 mm targets.
 */
#include "unit.h"

#include <math.h>

#include "placard/theme.h"

typedef struct pair {
	const char *what;
	size_t fg, bg; /* offsets of pl_rgb fields in pl_theme */
	double text, contrast;
} pair;

#define F(field) offsetof(pl_theme, field)

static pl_rgb at(const pl_theme *t, size_t offset)
{
	return *(const pl_rgb *)((const char *)t + offset);
}

static void test_contrast_formula(void **state)
{
	(void)state;
	pl_rgb black = {0, 0, 0}, white = {255, 255, 255}, grey = {0x76, 0x76, 0x76};
	assert_true(fabs(pl_contrast(black, white) - 21.0) < 1e-9);
	assert_true(fabs(pl_contrast(white, white) - 1.0) < 1e-9);
	/* #767676 on white is the well-known 4.54:1. */
	assert_true(fabs(pl_contrast(grey, white) - 4.54) < 0.01);
	assert_true(fabs(pl_contrast(grey, white) - pl_contrast(white, grey)) < 1e-12);
}

static void test_theme_pairs(void **state)
{
	(void)state;
	/* Text pairs need 7:1 (15:1 in high contrast); non-text 3:1. */
	static const pair pairs[] = {
	        {"text on background", F(text), F(background), 1, 7},
	        {"secondary on background", F(secondary), F(background), 1, 7},
	        {"secondary on bar", F(secondary), F(bar), 1, 7},
	        {"text on panel", F(panel_text), F(panel), 1, 7},
	        {"label on button", F(control_text), F(control), 1, 7},
	        {"label on selected button", F(selected_text), F(selected), 1, 7},
	        {"fallback mark on background", F(fallback), F(background), 1, 7},
	        {"fallback mark on panel", F(fallback), F(panel), 1, 7},
	        {"accent (list markers) on background", F(accent), F(background), 0, 3},
	        {"accent on panel", F(accent), F(panel), 0, 3},
	        {"panel outline on background", F(panel_edge), F(background), 0, 3},
	        {"button outline on bar", F(control_edge), F(bar), 0, 3},
	        {"button outline on background", F(control_edge), F(background), 0, 3},
	        {"focus ring on bar", F(focus), F(bar), 0, 3},
	        {"focus ring on background", F(focus), F(background), 0, 3},
	        {"focus ring on panel", F(focus), F(panel), 0, 3},
	};
	size_t failed = 0;
	for (int id = 0; id < 3; id++) {
		const pl_theme *t = pl_theme_get((pl_theme_id)id);
		assert_int_equal(t->id, id);
		assert_ptr_equal(pl_theme_find(t->name), t);
		for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
			double need = pairs[i].contrast;
			if (pairs[i].text != 0 && id == PL_THEME_CONTRAST)
				need = 15;
			double got = pl_contrast(at(t, pairs[i].fg), at(t, pairs[i].bg));
			char note[160];
			snprintf(note, sizeof note, "%s: %s %.2f:1, needs %.1f:1", t->name,
			         pairs[i].what, got, need);
			expect_row(got >= need, note, &failed);
		}
	}
	EXPECT_ROWS_PASSED(failed);
	assert_null(pl_theme_find("neon"));
	assert_true(pl_theme_get(PL_THEME_DYSLEXIA)->dyslexic_face);
	assert_false(pl_theme_get(PL_THEME_STANDARD)->dyslexic_face);
}

static void test_metrics(void **state)
{
	(void)state;
	pl_metrics m;
	/* 24-inch 1080p: 2202.9 px across 609.6 mm. */
	pl_metrics_compute(&m, 1920, 1080, 24, 1.5, 100);
	assert_true(fabs(m.px_per_mm - 3.6137) < 0.001);
	assert_true(m.body_cap_mm >= 6.0);
	/* 2 * 1500 mm * tan(0.35 degrees) = 18.33 mm (EN 301 549 5.1.4). */
	assert_true(fabs(m.head_cap_mm - 18.326) < 0.01);
	assert_true(m.target_mm >= 20 && m.gap_mm >= 4);
	assert_true(m.line_height >= 1.5);
	assert_int_equal(pl_mm_px(&m, 20), 72);
	/* Portrait is the same display turned: the same pixels a millimetre. */
	pl_metrics p;
	pl_metrics_compute(&p, 1080, 1920, 24, 1.5, 100);
	assert_true(fabs(p.px_per_mm - m.px_per_mm) < 1e-9);
	/* 4K on the same panel: twice the pixels, the same millimetres. */
	pl_metrics_compute(&p, 3840, 2160, 24, 1.5, 100);
	assert_true(fabs(p.px_per_mm - 2 * m.px_per_mm) < 1e-9);
	assert_true(fabs(p.body_cap_mm - m.body_cap_mm) < 1e-9);
	/* Further away, bigger headings. */
	pl_metrics_compute(&p, 1920, 1080, 24, 3.0, 100);
	assert_true(fabs(p.head_cap_mm - 2 * m.head_cap_mm) < 0.01);
	/* 200 %: body doubles, headings stay at least 1.5 x body. */
	pl_metrics_compute(&p, 1920, 1080, 24, 1.5, 200);
	assert_true(fabs(p.body_cap_mm - 12.0) < 1e-9);
	assert_true(p.head_cap_mm >= 18.0 && p.head_cap_mm >= m.head_cap_mm);
	assert_true(p.sub_cap_mm > p.body_cap_mm);
	/* Out-of-range scales are clamped, a bad diagonal falls back to 24. */
	pl_metrics_compute(&p, 1920, 1080, 24, 1.5, 500);
	assert_true(fabs(p.body_cap_mm - 12.0) < 1e-9);
	pl_metrics_compute(&p, 1920, 1080, 0, 0, 50);
	assert_true(fabs(p.px_per_mm - m.px_per_mm) < 1e-9);
	assert_true(fabs(p.body_cap_mm - 6.0) < 1e-9);
	/* A size for a cap height: 6 mm at 3.61 px/mm with caps at 0.7 em. */
	assert_true(fabs(pl_size_for_cap(&m, 6, 0.7) - 6 * 3.6137 / 0.7) < 0.01);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_contrast_formula),
	        cmocka_unit_test(test_theme_pairs),
	        cmocka_unit_test(test_metrics),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
