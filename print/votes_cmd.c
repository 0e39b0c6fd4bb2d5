/*
 * votes_cmd.c: "placard-print votes merge OUT.db IN.db..." and
 * "placard-print votes export STORE... --csv FILE [--bom]".
 *
 * A host brings the vote stores home from each kiosk (a USB stick) and
 * merges them: each vote id counts once however often a store is merged,
 * and the input stores are only ever read.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "placard/vote_store.h"
#include "print.h"

static int votes_merge(print_ctx *ctx, int argc, char **argv)
{
	if (argc < 3) {
		fprintf(ctx->err, "%s", _("Usage: placard-print votes merge OUT.db IN.db...\n"));
		return EXIT_USAGE;
	}
	pl_diags diags = PL_DIAGS_INIT;
	int64_t added =
	        pl_votes_merge(argv[1], (const char *const *)argv + 2, (size_t)argc - 2, &diags);
	pl_diags_print(&diags, ctx->err);
	int rc = added < 0 || diags.errors ? EXIT_PROBLEMS : EXIT_CLEAN;
	if (added >= 0) {
		fprintf(ctx->out, NG_("%lld vote added to %s\n", "%lld votes added to %s\n", added),
		        (long long)added, argv[1]);
	}
	pl_diags_free(&diags);
	return rc;
}

static int votes_export(print_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"csv", required_argument, NULL, 'c'},
	                                     {"bom", no_argument, NULL, 'b'},
	                                     {NULL, 0, NULL, 0}};
	const char *csv = NULL;
	bool bom = false;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "c:b", opts, NULL)) != -1) {
		if (c == 'c')
			csv = optarg;
		else if (c == 'b')
			bom = true;
		else
			return EXIT_USAGE;
	}
	if (!csv || optind >= argc) {
		fprintf(ctx->err, "%s",
		        _("Usage: placard-print votes export STORE... --csv FILE [--bom]\n"));
		return EXIT_USAGE;
	}
	FILE *out = strcmp(csv, "-") == 0 ? ctx->out : fopen(csv, "w");
	if (!out) {
		fprintf(ctx->err, "%s: %s\n", csv, strerror(errno));
		return EXIT_PROBLEMS;
	}
	pl_diags diags = PL_DIAGS_INIT;
	int64_t n = pl_votes_export_csv((const char *const *)argv + optind, (size_t)(argc - optind),
	                                out, bom, &diags);
	int closed = out == ctx->out ? fflush(out) : fclose(out);
	pl_diags_print(&diags, ctx->err);
	int rc = n < 0 || closed != 0 || diags.errors ? EXIT_PROBLEMS : EXIT_CLEAN;
	pl_diags_free(&diags);
	return rc;
}

int cmd_votes(print_ctx *ctx, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "merge") == 0)
		return votes_merge(ctx, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "export") == 0)
		return votes_export(ctx, argc - 1, argv + 1);
	fprintf(ctx->err, "%s",
	        _("Usage: placard-print votes merge OUT.db IN.db...\n"
	          "       placard-print votes export STORE... --csv FILE [--bom]\n"));
	return EXIT_USAGE;
}
