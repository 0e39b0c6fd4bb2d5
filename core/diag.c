/*
 * diag.c: recording and printing problems; see diag.h.
 */
#include "placard/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "placard/strbuf.h"

#define DEFAULT_LIMIT 200

void pl_diags_vadd(pl_diags *d, pl_severity sev, const char *file, unsigned line, unsigned col,
                   const char *fmt, va_list ap)
{
	if (sev == PL_ERROR)
		d->errors++;
	else
		d->warnings++;
	/* Warnings stop being recorded at the limit, errors only at ten times
	 * it: a flood of warnings must not hide the one error that matters. */
	size_t limit = d->limit ? d->limit : DEFAULT_LIMIT;
	if (d->count >= limit * 10 || (sev == PL_WARNING && d->count >= limit))
		return;
	if (d->count == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		pl_diag *items = realloc(d->items, cap * sizeof(*items));
		if (!items) {
			d->out_of_memory = 1;
			return;
		}
		d->items = items;
		d->cap = cap;
	}
	pl_strbuf sb = PL_STRBUF_INIT;
	if (pl_strbuf_vaddf(&sb, fmt, ap) < 0) {
		d->out_of_memory = 1;
		pl_strbuf_release(&sb);
		return;
	}
	pl_diag *diag = &d->items[d->count];
	diag->severity = sev;
	diag->file = file ? strdup(file) : NULL;
	diag->line = line;
	diag->col = line ? col : 0;
	diag->message = pl_strbuf_detach(&sb);
	if (!diag->message || (file && !diag->file)) {
		free(diag->file);
		free(diag->message);
		d->out_of_memory = 1;
		return;
	}
	d->count++;
}

void pl_diags_add(pl_diags *d, pl_severity sev, const char *file, unsigned line, unsigned col,
                  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pl_diags_vadd(d, sev, file, line, col, fmt, ap);
	va_end(ap);
}

void pl_diag_format(const pl_diag *diag, char *buf, size_t size)
{
	const char *sev = diag->severity == PL_ERROR ? "error" : "warning";
	if (diag->file && diag->line && diag->col)
		snprintf(buf, size, "%s:%u:%u: %s: %s", diag->file, diag->line, diag->col, sev,
		         diag->message);
	else if (diag->file && diag->line)
		snprintf(buf, size, "%s:%u: %s: %s", diag->file, diag->line, sev, diag->message);
	else if (diag->file)
		snprintf(buf, size, "%s: %s: %s", diag->file, sev, diag->message);
	else
		snprintf(buf, size, "%s: %s", sev, diag->message);
}

void pl_diags_print(const pl_diags *d, FILE *out)
{
	char line[4096];
	for (size_t i = 0; i < d->count; i++) {
		pl_diag_format(&d->items[i], line, sizeof line);
		fprintf(out, "%s\n", line);
	}
	size_t total = d->errors + d->warnings;
	if (total > d->count)
		fprintf(out, "(%zu more problems not shown)\n", total - d->count);
}

void pl_diags_free(pl_diags *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->items[i].file);
		free(d->items[i].message);
	}
	free(d->items);
	memset(d, 0, sizeof(*d));
}
