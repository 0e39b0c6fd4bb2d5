/*
 * yaml_tree.c: libyaml events -> pl_ynode tree; see yaml_tree.h.
 *
 * Children are gathered in malloc'd vectors while a container is open (so a
 * long list grows in amortised constant time) and copied into the arena when
 * it closes. Every exit path frees the vectors of the containers still open.
 */
#include "yaml_tree.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct frame {
	pl_ynode *node;
	pl_ynode **kids;
	size_t n, cap;
} frame;

typedef struct builder {
	pl_arena *arena;
	const char *name;
	pl_diags *diags;
	frame *stack;
	size_t depth, max_depth;
	pl_ynode *root;
	unsigned documents;
} builder;

const char *pl_ynode_kind(const pl_ynode *node)
{
	switch (node->type) {
	case PL_Y_SCALAR:
		return "text";
	case PL_Y_SEQ:
		return "a list";
	case PL_Y_MAP:
		return "a mapping";
	}
	return "?";
}

static void error_at(builder *b, const yaml_mark_t *mark, const char *fmt, const char *arg)
{
	pl_diags_add(b->diags, PL_ERROR, b->name, (unsigned)mark->line + 1,
	             (unsigned)mark->column + 1, fmt, arg);
}

static int add_child(builder *b, pl_ynode *child)
{
	if (b->depth == 0) {
		b->root = child;
		return 0;
	}
	frame *f = &b->stack[b->depth - 1];
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		pl_ynode **kids = realloc(f->kids, cap * sizeof(pl_ynode *));
		if (!kids)
			return -1;
		f->kids = kids;
		f->cap = cap;
	}
	f->kids[f->n++] = child;
	return 0;
}

static pl_ynode *new_node(builder *b, pl_ynode_type type, const yaml_mark_t *mark)
{
	pl_ynode *node = pl_arena_alloc(b->arena, sizeof(*node));
	if (node) {
		node->type = type;
		node->line = (unsigned)mark->line + 1;
		node->col = (unsigned)mark->column + 1;
	}
	return node;
}

/* Positions of reader errors (bad UTF-8) come as a byte offset: count lines
 * and characters up to it. */
static void offset_to_mark(const char *buf, size_t len, size_t offset, yaml_mark_t *mark)
{
	mark->line = 0;
	mark->column = 0;
	for (size_t i = 0; i < offset && i < len; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (c == '\n') {
			mark->line++;
			mark->column = 0;
		} else if ((c & 0xC0) != 0x80) {
			mark->column++;
		}
	}
}

/* Byte offset of a mark (lines from 0, columns in characters). */
static size_t mark_offset(const char *buf, size_t len, const yaml_mark_t *mark)
{
	size_t i = 0;
	for (size_t line = 0; i < len && line < mark->line; i++)
		if (buf[i] == '\n')
			line++;
	for (size_t col = 0; i < len && col < mark->column; col++) {
		i++;
		while (i < len && ((unsigned char)buf[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

/* libyaml's wording for the mistakes people make most, said the way they
 * would fix them; an unclosed quote or bracket is reported where it opens,
 * not where libyaml gave up (often the end of the file). Returns false to
 * let libyaml's own message stand. */
static bool report_common_mistake(builder *b, yaml_parser_t *p, const char *buf, size_t len)
{
	const char *problem = p->problem ? p->problem : "";
	const char *context = p->context ? p->context : "";
	size_t at = mark_offset(buf, len, &p->problem_mark);
	if (strstr(context, "quoted scalar") && strstr(problem, "end of stream")) {
		error_at(b, &p->context_mark, "%s",
		         "this quoted text is never closed; add the closing quote");
		return true;
	}
	if (strstr(context, "flow sequence") && strstr(problem, "did not find expected")) {
		error_at(b, &p->context_mark, "%s", "this '[' is never closed with ']'");
		return true;
	}
	if (strstr(context, "flow mapping") && strstr(problem, "did not find expected")) {
		error_at(b, &p->context_mark, "%s", "this '{' is never closed with '}'");
		return true;
	}
	if (at < len && buf[at] == '\t') {
		error_at(b, &p->problem_mark, "%s", "a tab character; indent with spaces only");
		return true;
	}
	if (strcmp(problem, "mapping values are not allowed in this context") == 0) {
		error_at(b, &p->problem_mark, "%s",
		         "unexpected ': '; if it is part of a text, put the text in quotes; if it "
		         "starts a key, check this line's indentation");
		return true;
	}
	return false;
}

static void report_parser_error(builder *b, yaml_parser_t *p, const char *buf, size_t len)
{
	yaml_mark_t mark = p->problem_mark;
	if (p->error == YAML_READER_ERROR) {
		offset_to_mark(buf, len, p->problem_offset, &mark);
		if (p->problem && strstr(p->problem, "UTF-8"))
			error_at(b, &mark, "invalid UTF-8 (%s); save the file as UTF-8",
			         p->problem);
		else
			error_at(b, &mark, "%s", p->problem ? p->problem : "cannot read the file");
		return;
	}
	if (p->error == YAML_MEMORY_ERROR) {
		pl_diags_add(b->diags, PL_ERROR, b->name, 0, 0, "out of memory while reading YAML");
		return;
	}
	if (report_common_mistake(b, p, buf, len))
		return;
	const char *problem = p->problem ? p->problem : "syntax error";
	if (p->context) {
		pl_diags_add(b->diags, PL_ERROR, b->name, (unsigned)mark.line + 1,
		             (unsigned)mark.column + 1, "%s %s (line %u)", problem, p->context,
		             (unsigned)p->context_mark.line + 1);
	} else {
		error_at(b, &mark, "%s", problem);
	}
}

static int open_container(builder *b, pl_ynode_type type, const yaml_mark_t *mark)
{
	if (b->depth >= b->max_depth) {
		pl_diags_add(b->diags, PL_ERROR, b->name, (unsigned)mark->line + 1,
		             (unsigned)mark->column + 1,
		             "nesting deeper than %u levels is not allowed",
		             (unsigned)b->max_depth);
		return -1;
	}
	pl_ynode *node = new_node(b, type, mark);
	if (!node || add_child(b, node) < 0)
		return -2;
	b->stack[b->depth++] = (frame){node, NULL, 0, 0};
	return 0;
}

static int close_container(builder *b)
{
	if (b->depth == 0)
		return -2; /* an end with no start: libyaml never sends one */
	frame *f = &b->stack[--b->depth];
	int rc = 0;
	if (f->n) {
		f->node->kids = pl_arena_alloc(b->arena, f->n * sizeof(pl_ynode *));
		if (f->node->kids) {
			memcpy(f->node->kids, f->kids, f->n * sizeof(pl_ynode *));
			f->node->n_kids = f->n;
		} else {
			rc = -2;
		}
	}
	free(f->kids);
	f->kids = NULL;
	return rc;
}

/* Returns 1 to go on, 0 at the end of the stream, -1 after a reported error,
 * -2 when out of memory. */
static int handle_event(builder *b, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++b->documents > 1) {
			error_at(b, &ev->start_mark, "%s",
			         "a deck file holds one YAML document; remove this '---' and what "
			         "follows");
			return -1;
		}
		return 1;
	case YAML_ALIAS_EVENT:
		error_at(b, &ev->start_mark,
		         "YAML aliases ('*%s') are not allowed in a deck; write the text out",
		         (const char *)ev->data.alias.anchor);
		return -1;
	case YAML_SCALAR_EVENT: {
		pl_ynode *node = new_node(b, PL_Y_SCALAR, &ev->start_mark);
		if (!node)
			return -2;
		node->scalar = pl_arena_strndup(b->arena, (const char *)ev->data.scalar.value,
		                                ev->data.scalar.length);
		if (!node->scalar)
			return -2;
		node->len = ev->data.scalar.length;
		node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		return add_child(b, node) < 0 ? -2 : 1;
	}
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		pl_ynode_type type = ev->type == YAML_SEQUENCE_START_EVENT ? PL_Y_SEQ : PL_Y_MAP;
		int rc = open_container(b, type, &ev->start_mark);
		return rc < 0 ? rc : 1;
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_container(b) < 0 ? -2 : 1;
	case YAML_STREAM_END_EVENT:
		return 0;
	default:
		return 1;
	}
}

pl_ynode *pl_yaml_parse(pl_arena *arena, const char *name, const char *buf, size_t len,
                        unsigned max_depth, pl_diags *diags)
{
	builder b = {arena, name, diags, NULL, 0, max_depth, NULL, 0};
	b.stack = calloc(max_depth + 1, sizeof(*b.stack));
	yaml_parser_t parser;
	if (!b.stack || !yaml_parser_initialize(&parser)) {
		free(b.stack);
		pl_diags_add(diags, PL_ERROR, name, 0, 0, "out of memory");
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	int state = 1;
	while (state == 1) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			report_parser_error(&b, &parser, buf, len);
			state = -1;
			break;
		}
		state = handle_event(&b, &ev);
		yaml_event_delete(&ev);
	}
	if (state == -2)
		pl_diags_add(diags, PL_ERROR, name, 0, 0, "out of memory while reading YAML");
	while (b.depth)
		free(b.stack[--b.depth].kids);
	free(b.stack);
	yaml_parser_delete(&parser);
	if (state != 0)
		return NULL;
	if (!b.root)
		pl_diags_add(diags, PL_ERROR, name, 1, 1,
		             "the file is empty; a deck starts with 'id:'");
	return b.root;
}
