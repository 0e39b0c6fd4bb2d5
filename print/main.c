/*
 * main.c: placard-print, the host's command-line companion to the kiosk.
 * Subcommands: check, pot, strings, specimen, handout, qr-card, results, new, votes.
 * Exit status: 0 clean, 1 problems found, 2 usage.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "placard/chrome.h"
#include "print.h"

static void usage(print_ctx *ctx, FILE *f)
{
	fprintf(f, "%s",
	        _("Usage: placard-print COMMAND [OPTIONS] DECK...\n"
	          "\n"
	          "Commands:\n"
	          "  check DECK...          check decks and their translations; print a\n"
	          "                         coverage table per language\n"
	          "  pot DECK [-o FILE]     write the translation template of a deck\n"
	          "                         (default DECK/po/ID.pot; - for standard output)\n"
	          "  strings DECK --lang L  list every string as shown in language L, with\n"
	          "                         its status (translated, fuzzy, untranslated, missing)\n"
	          "  specimen DECK -o FILE.pdf [--lang L[,L...]] [--boxes FILE]\n"
	          "                         print every string of the deck in each language\n"
	          "                         (default: all the deck offers), a page or more each;\n"
	          "                         --boxes FILE, --glyph-boxes FILE: where each run,\n"
	          "                         each character was drawn (for tests)\n"
	          "  handout DECK --lang L[,L2] -o FILE.pdf [--large-print]\n"
	          "          [--paper letter|a4] [--site SITE] [--boxes FILE]\n"
	          "                         print the deck as a handout in language L, or in\n"
	          "                         L and L2 side by side (stacked in large print),\n"
	          "                         with the survey's QR code for SITE (default: the\n"
	          "                         deck's default_site)\n"
	          "  qr-card DECK --lang L[,L...] --site SITE -o FILE.pdf\n"
	          "          [--paper letter|a4]\n"
	          "                         table tents and posters with the survey's QR\n"
	          "                         code for SITE, one per language\n"
	          "  results STORE... -o REPORT.pdf [--csv FILE] [--deck DECK]\n"
	          "                         merge vote stores and print the results with\n"
	          "                         charts per poll, language and site\n"
	          "  new DECK --title TEXT --district TEXT [--languages L[,L...]] [--id ID]\n"
	          "                         start a deck: every slide kind with placeholder\n"
	          "                         text, the template and empty catalogues\n"
	          "  votes merge OUT.db IN.db...\n"
	          "                         merge vote stores from several kiosks; each vote\n"
	          "                         counts once, the inputs are only read\n"
	          "  votes export STORE... --csv FILE [--bom]\n"
	          "                         every vote as CSV (RFC 4180; --bom for spreadsheets)\n"
	          "\n"
	          "Options:\n"
	          "  -h, --help             show this help and exit\n"
	          "  -V, --version          show the version and exit\n"
	          "\n"
	          "DECK is a deck folder (holding deck.yaml and po/) or a deck.yaml file.\n"
	          "Exit status: 0 clean, 1 problems found, 2 wrong usage.\n"));
}

int main(int argc, char **argv)
{
	char lang[32];
	pl_diags diags = PL_DIAGS_INIT;
	pl_catalog *chrome = pl_chrome_load(pl_env_language(lang, sizeof lang), &diags);
	/* A broken catalogue for the host's own language must not stop the
	 * tool: say so once and go on in English. */
	pl_diags_print(&diags, stderr);
	pl_diags_free(&diags);
	print_ctx context = {chrome, stdout, stderr};
	print_ctx *ctx = &context;
	int rc = EXIT_USAGE;
	if (argc < 2) {
		usage(ctx, stderr);
	} else if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	           strcmp(argv[1], "help") == 0) {
		usage(ctx, stdout);
		rc = EXIT_CLEAN;
	} else if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("placard-print %s\n", PLACARD_VERSION);
		rc = EXIT_CLEAN;
	} else if (strcmp(argv[1], "check") == 0) {
		rc = cmd_check(ctx, argc - 1, argv + 1);
	} else if (strcmp(argv[1], "pot") == 0) {
		rc = cmd_pot(ctx, argc - 1, argv + 1);
	} else if (strcmp(argv[1], "strings") == 0) {
		rc = cmd_strings(ctx, argc - 1, argv + 1);
	} else if (strcmp(argv[1], "specimen") == 0) {
		rc = cmd_specimen(ctx, argc - 1, argv + 1);
	} else if (strcmp(argv[1], "votes") == 0) {
		rc = cmd_votes(ctx, argc - 1, argv + 1);
	} else if (strcmp(argv[1], "handout") == 0) {
		rc = cmd_handout(ctx, argc - 1, argv + 1);
	} else if (strcmp(argv[1], "qr-card") == 0) {
		rc = cmd_qr_card(ctx, argc - 1, argv + 1);
	} else if (strcmp(argv[1], "results") == 0) {
		rc = cmd_results(ctx, argc - 1, argv + 1);
	} else if (strcmp(argv[1], "html") == 0) {
		/* The benchmarks' peer page (print/html.c, bench/README.md). */
		rc = cmd_html(ctx, argc - 1, argv + 1);
	} else if (strcmp(argv[1], "new") == 0) {
		rc = cmd_new(ctx, argc - 1, argv + 1);
	} else {
		fprintf(stderr, _("placard-print: unknown command '%s'\n"), argv[1]);
		fprintf(stderr, "%s", _("Try 'placard-print --help'.\n"));
	}
	pl_catalog_free(chrome);
	return rc;
}
