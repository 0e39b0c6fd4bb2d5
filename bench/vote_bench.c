/*
 * vote_bench.c: how long a vote takes to commit, as the kiosk's vote worker
 * casts it: pl_vote_cast on a store on disk (WAL, synchronous=FULL: every
 * commit waits for fsync), one vote at a time, the store growing as it
 * would over a meeting. Built only on request (make vote_bench); run by
 * bench/run.
 *
 * Usage: vote_bench STORE [VOTES [WARMUP]]
 * Casts WARMUP (default 20) votes untimed, then VOTES (default 500) timed,
 * and prints one line per timed vote: its latency in milliseconds
 * (CLOCK_MONOTONIC around pl_vote_cast). Exit status 0, or 1 when a vote
 * was refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "placard/vote_store.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: vote_bench STORE [VOTES [WARMUP]]\n");
		return 2;
	}
	long votes = argc > 2 ? strtol(argv[2], NULL, 10) : 500;
	long warmup = argc > 3 ? strtol(argv[3], NULL, 10) : 20;
	pl_votes_open_report report;
	pl_vote_store *store = pl_vote_store_open(argv[1], &report);
	if (!store || report.status != PL_VOTES_OK) {
		fprintf(stderr, "vote_bench: %s\n", report.message);
		pl_vote_store_close(store);
		return 1;
	}
	/* A five-point poll, visitors answering in several languages. */
	static const char *const choices[] = {"strongly-agree", "agree", "neutral", "disagree",
	                                      "strongly-disagree"};
	static const char *const langs[] = {"en", "es", "zh-Hant", "vi", "ar",
	                                    "fa", "hy", "ko",      "tl", "zh-Hans"};
	int rc = 0;
	for (long i = 0; i < warmup + votes && rc == 0; i++) {
		pl_vote_input vote = {"pusd-2023",    "2023-draft",  "agree-priorities",
		                      choices[i % 5], langs[i % 10], "jefferson"};
		pl_vote_receipt receipt;
		char message[256];
		double t0 = now_ms();
		pl_votes_status st = pl_vote_cast(store, &vote, &receipt, message, sizeof message);
		double t1 = now_ms();
		if (st != PL_VOTES_OK) {
			fprintf(stderr, "vote_bench: %s\n", message);
			rc = 1;
		} else if (i >= warmup) {
			printf("%.4f\n", t1 - t0);
		}
	}
	pl_vote_store_close(store);
	return rc;
}
