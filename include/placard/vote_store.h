/*
 * vote_store.h: every vote a visitor casts, kept in SQLite so that no
 * acknowledged vote is ever lost and none is counted twice.
 *
 * Promises (BRIEF section 5):
 * - A vote is acknowledged (pl_vote_cast returns PL_VOTES_OK) only after
 *   its transaction has committed in WAL mode with synchronous=FULL: it
 *   survives kill -9 and power loss from then on.
 * - A vote is a random 128-bit id, the deck id and version, poll, choice,
 *   language, site, this kiosk's id, a per-kiosk sequence number and the
 *   hour it was cast (as the clock said; nothing depends on the clock).
 *   No personal data.
 * - Disk full: the vote is refused with PL_VOTES_FULL, nothing stored is
 *   touched, and the next vote tries again. A store that is corrupt or
 *   unreadable at open is moved aside under a timestamped name (never
 *   overwritten, never deleted) and a fresh store starts. A store on
 *   read-only media, or from a newer Placard, opens for reading only.
 * - Merging stores counts each vote id once, whatever the order and however
 *   often a store is merged.
 */
#ifndef PLACARD_VOTE_STORE_H
#define PLACARD_VOTE_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "placard/diag.h"

#define PL_VOTES_SCHEMA 1

typedef enum pl_votes_status {
	PL_VOTES_OK,
	PL_VOTES_FULL,     /* no space: voting paused, earlier votes intact */
	PL_VOTES_READONLY, /* read-only media or file: no voting */
	PL_VOTES_BUSY,     /* locked by another process past the retry bound */
	PL_VOTES_NEWER,    /* made by a newer Placard: read only */
	PL_VOTES_ERROR,    /* I/O or other error; see the message */
} pl_votes_status;

typedef struct pl_vote_store pl_vote_store;

/* What happened at open, for the admin screen. */
typedef struct pl_votes_open_report {
	pl_votes_status status; /* PL_VOTES_OK: ready for votes */
	char moved_aside[1024]; /* non-empty: a damaged store was moved here */
	char message[512];      /* one line for the admin screen, "" when all is well */
} pl_votes_open_report;

typedef struct pl_vote_input {
	const char *deck, *deck_version, *poll, *choice, *lang, *site;
} pl_vote_input;

typedef struct pl_vote_receipt {
	char id[33]; /* 32 hex digits */
	int64_t seq;
} pl_vote_receipt;

/* Opens (creating if needed) the store at path. Returns NULL only when no
 * store at all could be had (then report says why); a read-only or newer
 * store opens with report->status saying so, and pl_vote_cast refuses. */
pl_vote_store *pl_vote_store_open(const char *path, pl_votes_open_report *report);
void pl_vote_store_close(pl_vote_store *store);

/* This kiosk's id (32 hex digits), made when the store was created. */
const char *pl_vote_store_kiosk(const pl_vote_store *store);

/* Casts one vote in one transaction; PL_VOTES_OK only after the commit.
 * message (may be NULL) receives a line saying why when it is not OK. */
pl_votes_status pl_vote_cast(pl_vote_store *store, const pl_vote_input *vote,
                             pl_vote_receipt *receipt, char *message, size_t message_size);

/* Votes for each choice of a poll, for the optional tally: calls fn once
 * per choice that has votes. Returns 0, or -1 on error. */
int pl_vote_store_tally(pl_vote_store *store, const char *deck, const char *deck_version,
                        const char *poll, void (*fn)(void *ctx, const char *choice, int64_t n),
                        void *ctx);

/* Caps the store's size (a kiosk setting for small media); past it votes
 * are refused with PL_VOTES_FULL, as on a full disk. Returns 0 or -1. */
int pl_vote_store_limit(pl_vote_store *store, int64_t bytes);

/* Total votes in the store, or -1 on error. */
int64_t pl_vote_store_count(pl_vote_store *store);

/* Merges the votes of each input store into out (created if needed).
 * Inputs are opened read-only and never changed; a damaged input is
 * reported and skipped. Returns the number of votes added, or -1. */
int64_t pl_votes_merge(const char *out, const char *const *inputs, size_t n_inputs,
                       pl_diags *diags);

/* Writes every vote of the stores (each id once) as RFC 4180 CSV, UTF-8,
 * CRLF line ends, with a byte order mark when bom is set (for spreadsheet
 * programs). Returns the number of votes written, or -1. */
int64_t pl_votes_export_csv(const char *const *stores, size_t n_stores, FILE *out, bool bom,
                            pl_diags *diags);

/* Read-only queries for reports. */

/* A private merge in memory of the stores, for reading: each vote id once,
 * the inputs opened read-only and never changed, nothing written to disk.
 * A damaged or unreadable input is reported in diags (an error) and left
 * out, and skipped[i] (skipped may be NULL) says so; votes of several decks
 * or deck versions are noted (a warning). Returns the merged store, on
 * which pl_vote_cast refuses, or NULL when memory runs out (in diags).
 * Close it with pl_vote_store_close. */
pl_vote_store *pl_votes_merge_memory(const char *const *inputs, size_t n_inputs, bool *skipped,
                                     pl_diags *diags);

/* How many votes share a deck, deck version, poll, choice, language and
 * site. The strings live until fn returns. */
typedef struct pl_vote_group {
	const char *deck, *deck_version, *poll, *choice, *lang, *site;
	int64_t n;
} pl_vote_group;

/* Calls fn once per group that has votes, ordered by deck, version, poll,
 * choice, language and site (bytewise). fn returns 0 to go on; anything
 * else stops the walk and is returned. Returns 0, or -1 on a store error. */
int pl_vote_store_groups(pl_vote_store *store, int (*fn)(void *ctx, const pl_vote_group *group),
                         void *ctx);

#endif
