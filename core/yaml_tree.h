/*
 * yaml_tree.h (internal): a YAML document as a small tree of nodes with their
 * positions, built from libyaml's events into an arena.
 *
 * Only what a person types in a deck is accepted: mappings, sequences and
 * scalars. Aliases are refused (no "billion laughs"), nesting is bounded, and
 * a stream must hold exactly one document. Tags are ignored.
 */
#ifndef PLACARD_YAML_TREE_H
#define PLACARD_YAML_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "placard/arena.h"
#include "placard/diag.h"

typedef enum pl_ynode_type { PL_Y_SCALAR, PL_Y_SEQ, PL_Y_MAP } pl_ynode_type;

typedef struct pl_ynode {
	pl_ynode_type type;
	unsigned line, col; /* from 1 */
	const char *scalar; /* PL_Y_SCALAR: NUL-terminated, in the arena */
	size_t len;
	bool plain;             /* scalar was written without quotes or block style */
	struct pl_ynode **kids; /* PL_Y_SEQ: items; PL_Y_MAP: key, value, key, value... */
	size_t n_kids;
} pl_ynode;

/* Parses buf (len bytes) into a tree in arena. Syntax errors are reported to
 * diags against file name; returns the root, or NULL after an error (or for
 * an empty document, which is reported too). */
pl_ynode *pl_yaml_parse(pl_arena *arena, const char *name, const char *buf, size_t len,
                        unsigned max_depth, pl_diags *diags);

/* What a node is, for messages: "a mapping", "a list", "text". */
const char *pl_ynode_kind(const pl_ynode *node);

#endif
