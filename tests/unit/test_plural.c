/*
 * test_plural.c: Plural-Forms expressions (core/plural.h, internal).
 *
 * Each language's gettext formula, as msginit writes it, is evaluated for
 * n = 0..2000 and a few large n and compared with the same rule written in
 * C, so the parser's precedence, associativity and arithmetic must match
 * C's exactly. Then the malformed headers a translator can produce.
 */
#include "unit.h"

#include "placard/arena.h"
#include "plural.h"

static unsigned long rule_en(unsigned long n)
{
	return n != 1;
}
static unsigned long rule_fr(unsigned long n)
{
	return n > 1;
}
static unsigned long rule_zh(unsigned long n)
{
	(void)n;
	return 0;
}

static unsigned long rule_ar(unsigned long n)
{
	return n == 0                          ? 0
	       : n == 1                        ? 1
	       : n == 2                        ? 2
	       : n % 100 >= 3 && n % 100 <= 10 ? 3
	       : n % 100 >= 11                 ? 4
	                                       : 5;
}

static unsigned long rule_ru(unsigned long n)
{
	return n % 10 == 1 && n % 100 != 11                                    ? 0
	       : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20) ? 1
	                                                                       : 2;
}

static unsigned long rule_pl(unsigned long n)
{
	return n == 1 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20) ? 1 : 2;
}

typedef struct language_rule {
	const char *lang;
	const char *forms; /* the Plural-Forms header value */
	unsigned long nplurals;
	unsigned long (*rule)(unsigned long);
} language_rule;

static const language_rule rules[] = {
        {"en", "nplurals=2; plural=(n != 1);", 2, rule_en},
        {"es", "nplurals=2; plural=(n != 1);", 2, rule_en},
        {"fr", "nplurals=2; plural=(n > 1);", 2, rule_fr},
        {"ar",
         "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
         "n%100>=11 ? 4 : 5;",
         6, rule_ar},
        {"ru",
         "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || "
         "n%100>=20) ? 1 : 2);",
         3, rule_ru},
        {"uk",
         "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || "
         "n%100>=20) ? 1 : 2);",
         3, rule_ru},
        {"pl",
         "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
         3, rule_pl},
        {"zh", "nplurals=1; plural=0;", 1, rule_zh},
        {"ko", "nplurals=1; plural=0;", 1, rule_zh},
        {"vi", "nplurals=1; plural=0;", 1, rule_zh},
        /* Spacing as some editors write it. */
        {"es (spaced)", "nplurals = 2; plural = (n != 1);", 2, rule_en},
        {"fr (no final ;)", "nplurals=2; plural=n>1", 2, rule_fr},
};

static void test_language_rules(void **state)
{
	(void)state;
	static const unsigned long large[] = {10000, 100001, 1000000, 4000000000UL};
	for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++) {
		const language_rule *lr = &rules[r];
		pl_arena arena = {0};
		const char *why = NULL;
		pl_plural *p = pl_plural_parse(&arena, lr->forms, &why);
		if (!p)
			fail_msg("%s: '%s' refused: %s", lr->lang, lr->forms, why);
		assert_int_equal(pl_plural_nplurals(p), lr->nplurals);
		for (unsigned long n = 0; n <= 2000; n++) {
			unsigned long got = pl_plural_eval(p, n), want = lr->rule(n);
			if (got != want)
				fail_msg("%s: n=%lu gave form %lu, expected %lu", lr->lang, n, got,
				         want);
		}
		for (size_t i = 0; i < sizeof large / sizeof large[0]; i++)
			assert_int_equal(pl_plural_eval(p, large[i]), lr->rule(large[i]));
		pl_arena_free(&arena);
	}
}

/* The Arabic forms a translator sees, spelled out. */
static void test_arabic_forms(void **state)
{
	(void)state;
	pl_arena arena = {0};
	const char *why = NULL;
	pl_plural *p = pl_plural_parse(&arena, rules[3].forms, &why);
	assert_non_null(p);
	static const unsigned long n[] = {0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111, 1000};
	static const unsigned long form[] = {0, 1, 2, 3, 3, 4, 4, 5, 5, 3, 4, 5};
	for (size_t i = 0; i < sizeof n / sizeof n[0]; i++)
		if (pl_plural_eval(p, n[i]) != form[i])
			fail_msg("n=%lu: form %lu, expected %lu", n[i], pl_plural_eval(p, n[i]),
			         form[i]);
	pl_arena_free(&arena);
}

/* Precedence and associativity as in C. */
static void test_operators(void **state)
{
	(void)state;
	static const struct {
		const char *forms;
		unsigned long n, want;
	} cases[] = {
	        {"nplurals=6; plural=1 + 2 * 2;", 0, 5}, /* * before + */
	        {"nplurals=6; plural=(1 + 2) * 1;", 0, 3},
	        {"nplurals=6; plural=9 - 4 - 3;", 0, 2}, /* left to right */
	        {"nplurals=6; plural=8 / 2 / 2;", 0, 2},
	        {"nplurals=6; plural=n % 4 + 1;", 6, 3},
	        {"nplurals=2; plural=n < 2 == 1;", 1, 1}, /* < before == */
	        {"nplurals=2; plural=n <= 1;", 1, 1},
	        {"nplurals=2; plural=n >= 2;", 1, 0},
	        {"nplurals=2; plural=!(n == 1);", 1, 0},
	        {"nplurals=2; plural=!n;", 0, 1},
	        {"nplurals=2; plural=n != 1 && n != 2;", 2, 0},
	        {"nplurals=2; plural=n == 1 || n == 2;", 2, 1},
	        {"nplurals=2; plural=0 && 1 || 1;", 0, 1},            /* && before || */
	        {"nplurals=3; plural=n ? n == 1 ? 1 : 2 : 0;", 1, 1}, /* nested ?: */
	        {"nplurals=3; plural=n ? n == 1 ? 1 : 2 : 0;", 5, 2},
	        {"nplurals=3; plural=n ? n == 1 ? 1 : 2 : 0;", 0, 0},
	        {"nplurals=2; plural=\n\tn != 1;", 3, 1}, /* white space */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		pl_arena arena = {0};
		const char *why = NULL;
		pl_plural *p = pl_plural_parse(&arena, cases[i].forms, &why);
		if (!p)
			fail_msg("'%s' refused: %s", cases[i].forms, why);
		unsigned long got = pl_plural_eval(p, cases[i].n);
		if (got != cases[i].want)
			fail_msg("'%s' with n=%lu gave %lu, expected %lu", cases[i].forms,
			         cases[i].n, got, cases[i].want);
		pl_arena_free(&arena);
	}
}

/* A formula may divide by zero or name a form that does not exist; neither
 * may crash or index past the forms. */
static void test_division_by_zero_and_range(void **state)
{
	(void)state;
	pl_arena arena = {0};
	const char *why = NULL;
	pl_plural *div = pl_plural_parse(&arena, "nplurals=3; plural=n / 0;", &why);
	pl_plural *mod = pl_plural_parse(&arena, "nplurals=3; plural=n % (n - n);", &why);
	pl_plural *sum = pl_plural_parse(&arena, "nplurals=3; plural=n / 0 + 2;", &why);
	pl_plural *big = pl_plural_parse(&arena, "nplurals=2; plural=n;", &why);
	assert_non_null(div);
	assert_non_null(mod);
	assert_non_null(sum);
	assert_non_null(big);
	for (unsigned long n = 0; n < 50; n++) {
		assert_int_equal(pl_plural_eval(div, n), 0);
		assert_int_equal(pl_plural_eval(mod, n), 0);
		/* Only the division gives 0, not the whole expression. */
		assert_int_equal(pl_plural_eval(sum, n), 2);
		/* Form n does not exist for n >= 2: form 0. */
		assert_int_equal(pl_plural_eval(big, n), n < 2 ? n : 0);
	}
	pl_arena_free(&arena);
}

typedef struct bad_forms {
	const char *forms;
	const char *why;
} bad_forms;

static void test_errors(void **state)
{
	(void)state;
	static const bad_forms cases[] = {
	        {"plural=(n != 1);", "Plural-Forms needs nplurals=N; plural=EXPRESSION;"},
	        {"nplurals=2;", "Plural-Forms needs nplurals=N; plural=EXPRESSION;"},
	        {"", "Plural-Forms needs nplurals=N; plural=EXPRESSION;"},
	        {"nplurals=0; plural=0;", "nplurals must be a number from 1 to 6"},
	        {"nplurals=; plural=0;", "nplurals must be a number from 1 to 6"},
	        {"nplurals=-1; plural=0;", "nplurals must be a number from 1 to 6"},
	        {"nplurals=7; plural=n;", "nplurals must be a number from 1 to 6"},
	        {"nplurals=99999999999999999999; plural=n;",
	         "nplurals must be a number from 1 to 6"},
	        {"nplurals 2; plural=n;", "Plural-Forms needs nplurals=N"},
	        {"nplurals=2; plural=(n != 1;", "missing ')'"},
	        {"nplurals=2; plural=((n != 1);", "missing ')'"},
	        {"nplurals=2; plural=n != 1);", "unexpected text in the plural expression"},
	        {"nplurals=2; plural=n != 1 x;", "unexpected text in the plural expression"},
	        {"nplurals=2; plural=n != 1 1;", "unexpected text in the plural expression"},
	        {"nplurals=2; plural=n = 1;", "unexpected text in the plural expression"},
	        {"nplurals=2; plural=n ? 1;", "missing ':'"},
	        {"nplurals=2; plural=;", "expected n, a number or '('"},
	        {"nplurals=2; plural=n +;", "expected n, a number or '('"},
	        {"nplurals=2; plural=x;", "expected n, a number or '('"},
	        {"nplurals=2; plural=-n;", "expected n, a number or '('"},
	        {"nplurals=2; plural=n == 99999999999;", "number too large"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		pl_arena arena = {0};
		const char *why = NULL;
		pl_plural *p = pl_plural_parse(&arena, cases[i].forms, &why);
		if (p)
			fail_msg("'%s' accepted", cases[i].forms);
		if (!why || strcmp(why, cases[i].why) != 0)
			fail_msg("'%s': got '%s', expected '%s'", cases[i].forms,
			         why ? why : "(null)", cases[i].why);
		pl_arena_free(&arena);
	}
}

/* A hostile header must not exhaust the stack: 200 nested parentheses, and
 * 100,000 of them, or of '!', are refused with a message. */
static void test_deep_nesting_refused(void **state)
{
	(void)state;
	static const size_t depths[] = {200, 100000};
	for (size_t d = 0; d < sizeof depths / sizeof depths[0]; d++) {
		size_t depth = depths[d];
		for (int bang = 0; bang < 2; bang++) {
			char *forms = malloc(depth * 2 + 64);
			assert_non_null(forms);
			char *p = forms + sprintf(forms, "nplurals=2; plural=");
			memset(p, bang ? '!' : '(', depth);
			p += depth;
			*p++ = 'n';
			if (!bang) {
				memset(p, ')', depth);
				p += depth;
			}
			strcpy(p, ";");
			pl_arena arena = {0};
			const char *why = NULL;
			assert_null(pl_plural_parse(&arena, forms, &why));
			assert_non_null(why);
			assert_string_equal(why, "expression nests too deeply");
			pl_arena_free(&arena);
			free(forms);
		}
	}
	/* A reasonable depth still parses: 20 parentheses. */
	pl_arena arena = {0};
	const char *why = NULL;
	pl_plural *p = pl_plural_parse(
	        &arena, "nplurals=2; plural=((((((((((((((((((((n != 1))))))))))))))))))));", &why);
	assert_non_null(p);
	assert_int_equal(pl_plural_eval(p, 1), 0);
	assert_int_equal(pl_plural_eval(p, 2), 1);
	pl_arena_free(&arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_language_rules),
	        cmocka_unit_test(test_arabic_forms),
	        cmocka_unit_test(test_operators),
	        cmocka_unit_test(test_division_by_zero_and_range),
	        cmocka_unit_test(test_errors),
	        cmocka_unit_test(test_deep_nesting_refused),
	};
	return cmocka_run_group_tests_name("plural", tests, NULL, NULL);
}
