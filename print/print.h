/*
 * print.h: what the subcommands of placard-print share.
 */
#ifndef PLACARD_PRINT_H
#define PLACARD_PRINT_H

#include <stdio.h>

#include "placard/catalog.h"

/* Exit codes, as documented in placard-print --help. */
enum { EXIT_CLEAN = 0, EXIT_PROBLEMS = 1, EXIT_USAGE = 2 };

typedef struct print_ctx {
	const pl_catalog *chrome; /* the host's language for messages; NULL: English */
	FILE *out, *err;
} print_ctx;

/* The host's language for a program string (xgettext keyword _). */
#define _(s) pl_catalog_get(ctx->chrome, NULL, (s), NULL)
/* The plural form for n in the host's language (xgettext keyword NG_:1,2). */
#define NG_(one, many, n) pl_catalog_nget(ctx->chrome, NULL, (one), (many), (n), NULL)
/* Marks a string for extraction without translating it here. */
#define N_(s) (s)

/* Writes text for one tab-separated field (the --boxes files tests read):
 * tab, line feed and backslash escaped as \t, \n and \\. */
static inline void print_tsv_text(FILE *f, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\t')
			fputs("\\t", f);
		else if (s[i] == '\n')
			fputs("\\n", f);
		else if (s[i] == '\\')
			fputs("\\\\", f);
		else
			fputc(s[i], f);
	}
}

int cmd_check(print_ctx *ctx, int argc, char **argv);
int cmd_pot(print_ctx *ctx, int argc, char **argv);
int cmd_strings(print_ctx *ctx, int argc, char **argv);
int cmd_specimen(print_ctx *ctx, int argc, char **argv);
int cmd_votes(print_ctx *ctx, int argc, char **argv);
int cmd_handout(print_ctx *ctx, int argc, char **argv);
int cmd_qr_card(print_ctx *ctx, int argc, char **argv);
int cmd_results(print_ctx *ctx, int argc, char **argv);
int cmd_html(print_ctx *ctx, int argc, char **argv);
int cmd_new(print_ctx *ctx, int argc, char **argv);

#endif
