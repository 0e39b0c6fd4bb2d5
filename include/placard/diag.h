/*
 * diag.h: problems found in input, reported the way compilers do.
 *
 * Errors are values: a problem is recorded once where it is found, with the
 * file, line and column it points at, and printed once at the top as
 * "file:line:col: error: message". Lines and columns count from 1; 0 means
 * unknown (the part is then left out of the printed line).
 */
#ifndef PLACARD_DIAG_H
#define PLACARD_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef enum pl_severity { PL_WARNING, PL_ERROR } pl_severity;

typedef struct pl_diag {
	pl_severity severity;
	char *file;    /* owned; may be NULL */
	unsigned line; /* from 1; 0 unknown */
	unsigned col;  /* from 1; 0 unknown */
	char *message; /* owned */
} pl_diag;

typedef struct pl_diags {
	pl_diag *items;
	size_t count, cap;
	size_t errors, warnings;
	size_t limit;      /* stop recording after this many (0: 200) */
	int out_of_memory; /* set when a problem could not be recorded */
} pl_diags;

#define PL_DIAGS_INIT                                                                              \
	{                                                                                          \
		NULL, 0, 0, 0, 0, 0, 0                                                             \
	}

/* Records a problem. Never fails: when memory runs out the count still rises
 * and out_of_memory is set, so an error is never silently lost. */
void pl_diags_add(pl_diags *d, pl_severity sev, const char *file, unsigned line, unsigned col,
                  const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void pl_diags_vadd(pl_diags *d, pl_severity sev, const char *file, unsigned line, unsigned col,
                   const char *fmt, va_list ap);

/* One problem as one line, without a newline, into buf (truncated to size). */
void pl_diag_format(const pl_diag *diag, char *buf, size_t size);

/* Prints every problem, one line each, to out. */
void pl_diags_print(const pl_diags *d, FILE *out);

void pl_diags_free(pl_diags *d);

#endif
