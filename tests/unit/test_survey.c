/*
 * test_survey.c: survey URLs carry the visitor's language and the kiosk's
 * site whatever the district's URL looks like, and their QR codes decode
 * (zbarimg) to exactly that URL.
 */
#include "unit.h"

#include <stdbool.h>

#include "placard/survey.h"

typedef struct url_case {
	const char *url, *lang, *site, *want;
} url_case;

static void test_survey_url(void **state)
{
	(void)state;
	static const url_case cases[] = {
	        {"https://example.org/s", "es", "jefferson-elementary",
	         "https://example.org/s?lang=es&site=jefferson-elementary"},
	        {"https://example.org/s?form=plan", "zh-Hant", "district-office",
	         "https://example.org/s?form=plan&lang=zh-Hant&site=district-office"},
	        {"https://example.org/s?form=plan#top", "ar", "x",
	         "https://example.org/s?form=plan&lang=ar&site=x#top"},
	        {"https://example.org/s#top", "vi", NULL, "https://example.org/s?lang=vi#top"},
	        /* lang and site already there are replaced, not doubled */
	        {"https://example.org/s?lang=en&a=1&site=old", "ko", "new",
	         "https://example.org/s?a=1&lang=ko&site=new"},
	        /* a parameter whose name only starts with lang is kept */
	        {"https://example.org/s?language=en", "fa", NULL,
	         "https://example.org/s?language=en&lang=fa"},
	        /* values are percent-encoded (RFC 3986 3.4) */
	        {"https://example.org/s?", "hy", "Jefferson & Lincoln/\xC3\x89",
	         "https://example.org/s?lang=hy&site=Jefferson%20%26%20Lincoln%2F%C3%89"},
	        {"http://EXAMPLE.org", "tl", "a", "http://EXAMPLE.org?lang=tl&site=a"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = pl_survey_url(cases[i].url, cases[i].lang, cases[i].site);
		assert_non_null(got);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
	assert_null(pl_survey_url("ftp://example.org/s", "es", "x"));
	assert_null(pl_survey_url("https://exa mple.org/", "es", "x"));
	assert_null(pl_survey_url(NULL, "es", "x"));
}

/* Writes the code with its quiet zone as a PGM, scale pixels a module. */
static void write_pgm(const pl_qr *qr, const char *path, int scale)
{
	int side = (qr->size + 2 * PL_QR_QUIET) * scale;
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fprintf(f, "P5\n%d %d\n255\n", side, side);
	for (int y = 0; y < side; y++) {
		for (int x = 0; x < side; x++) {
			int mx = x / scale - PL_QR_QUIET, my = y / scale - PL_QR_QUIET;
			bool dark = mx >= 0 && my >= 0 && mx < qr->size && my < qr->size &&
			            qr->modules[my * qr->size + mx];
			fputc(dark ? 0 : 255, f);
		}
	}
	fclose(f);
}

static void test_qr_decodes(void **state)
{
	(void)state;
	unit_scratch s;
	unit_scratch_make(&s);
	char *url = pl_survey_url("https://www.pusd.us/strategicplan-survey", "zh-Hant",
	                          "jefferson-elementary");
	pl_qr qr;
	assert_int_equal(pl_qr_encode(url, &qr), 0);
	assert_int_equal(qr.size, 17 + 4 * qr.version);
	assert_true(qr.level == 'M' || qr.level == 'Q' || qr.level == 'H');
	char pgm[600], cmd[1400], got[2048] = "";
	snprintf(pgm, sizeof pgm, "%s/qr.pgm", s.dir);
	write_pgm(&qr, pgm, 4);
	snprintf(cmd, sizeof cmd, "zbarimg --quiet --raw '%s' 2>/dev/null", pgm);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t n = fread(got, 1, sizeof got - 1, p);
	got[n] = '\0';
	pclose(p);
	got[strcspn(got, "\n")] = '\0';
	assert_string_equal(got, url);
	pl_qr_free(&qr);
	free(url);
	/* Too long for any QR code: refused, no crash. */
	char *big = malloc(8000);
	memset(big, 'a', 7999);
	big[7999] = '\0';
	assert_int_equal(pl_qr_encode(big, &qr), -1);
	free(big);
	unit_scratch_remove(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_survey_url),
	        cmocka_unit_test(test_qr_decodes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
