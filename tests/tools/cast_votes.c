/*
 * cast_votes.c: a test-only helper that casts votes into a store with
 * pl_vote_cast, as a kiosk would, so end-to-end tests (results.sh) have
 * stores with real votes. There is deliberately no such command in the
 * programs: votes come only from visitors.
 *
 * Usage: cast-votes STORE < VOTES
 * VOTES: one line per vote, tab-separated: deck, deck version, poll,
 * choice, language, site, and optionally a count (that many votes).
 * Prints the kiosk id of the store. Exit status 0, or 1 with a message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "placard/vote_store.h"

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: cast-votes STORE < VOTES\n");
		return 2;
	}
	pl_votes_open_report report;
	pl_vote_store *store = pl_vote_store_open(argv[1], &report);
	if (!store || report.status != PL_VOTES_OK) {
		fprintf(stderr, "cast-votes: %s\n", report.message);
		pl_vote_store_close(store);
		return 1;
	}
	char line[1024];
	int rc = 0;
	while (rc == 0 && fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		char *field[7] = {NULL};
		char *save = NULL;
		int n = 0;
		for (char *tok = strtok_r(line, "\t", &save); tok && n < 7;
		     tok = strtok_r(NULL, "\t", &save))
			field[n++] = tok;
		if (n < 6) {
			fprintf(stderr, "cast-votes: want 6 or 7 tab-separated fields\n");
			rc = 1;
			break;
		}
		long times = n == 7 ? strtol(field[6], NULL, 10) : 1;
		pl_vote_input vote = {field[0], field[1], field[2], field[3], field[4], field[5]};
		for (long i = 0; i < times && rc == 0; i++) {
			pl_vote_receipt receipt;
			char message[256];
			if (pl_vote_cast(store, &vote, &receipt, message, sizeof message) !=
			    PL_VOTES_OK) {
				fprintf(stderr, "cast-votes: %s\n", message);
				rc = 1;
			}
		}
	}
	if (rc == 0)
		printf("%s\n", pl_vote_store_kiosk(store));
	pl_vote_store_close(store);
	return rc;
}
