/*
 * plural.c: Plural-Forms expressions; see plural.h.
 *
 * A recursive-descent parser over C precedence levels builds a tree in the
 * caller's arena. Recursion is bounded by MAX_DEPTH so a hostile header
 * cannot exhaust the stack.
 */
#include "plural.h"

#include <string.h>

#define MAX_DEPTH 100

typedef enum op {
	OP_NUM,
	OP_VAR,
	OP_NOT,
	OP_MUL,
	OP_DIV,
	OP_MOD,
	OP_ADD,
	OP_SUB,
	OP_LT,
	OP_GT,
	OP_LE,
	OP_GE,
	OP_EQ,
	OP_NE,
	OP_AND,
	OP_OR,
	OP_COND,
} op;

typedef struct node {
	op op;
	unsigned long num;
	struct node *a, *b, *c;
} node;

struct pl_plural {
	unsigned long nplurals;
	node *expr;
};

typedef struct parser {
	pl_arena *arena;
	const char *s;
	const char *why;
	unsigned depth;
} parser;

static void skip_space(parser *p)
{
	while (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r')
		p->s++;
}

static int accept(parser *p, const char *tok)
{
	skip_space(p);
	size_t n = strlen(tok);
	if (strncmp(p->s, tok, n) != 0)
		return 0;
	/* "<" must not take the first half of "<=", nor "=" of "==" etc. */
	if (n == 1 && (tok[0] == '<' || tok[0] == '>' || tok[0] == '!') && p->s[1] == '=')
		return 0;
	if (n == 1 && (tok[0] == '&' || tok[0] == '|'))
		return 0;
	p->s += n;
	return 1;
}

static node *make(parser *p, op o, node *a, node *b, node *c)
{
	if (!a || (o >= OP_MUL && !b) || (o == OP_COND && !c))
		return NULL;
	node *x = pl_arena_alloc(p->arena, sizeof(*x));
	if (!x) {
		p->why = "out of memory";
		return NULL;
	}
	x->op = o;
	x->a = a;
	x->b = b;
	x->c = c;
	return x;
}

static node *parse_cond(parser *p);

static node *parse_primary(parser *p)
{
	if (++p->depth > MAX_DEPTH) {
		p->why = "expression nests too deeply";
		return NULL;
	}
	skip_space(p);
	node *x = NULL;
	if (accept(p, "(")) {
		x = parse_cond(p);
		if (x && !accept(p, ")")) {
			p->why = "missing ')'";
			x = NULL;
		}
	} else if (accept(p, "!")) {
		x = make(p, OP_NOT, parse_primary(p), NULL, NULL);
	} else if (*p->s == 'n') {
		p->s++;
		x = pl_arena_alloc(p->arena, sizeof(*x));
		if (x)
			x->op = OP_VAR;
	} else if (*p->s >= '0' && *p->s <= '9') {
		unsigned long v = 0;
		while (*p->s >= '0' && *p->s <= '9') {
			if (v > 100000000UL) {
				p->why = "number too large";
				return NULL;
			}
			v = v * 10 + (unsigned long)(*p->s++ - '0');
		}
		x = pl_arena_alloc(p->arena, sizeof(*x));
		if (x) {
			x->op = OP_NUM;
			x->num = v;
		}
	} else if (!p->why) {
		p->why = "expected n, a number or '('";
	}
	p->depth--;
	return x;
}

/* Binary levels, loosest last; each entry lists its operators. */
static const struct level {
	const char *tok[4];
	op ops[4];
} levels[] = {
        {{"*", "/", "%", NULL}, {OP_MUL, OP_DIV, OP_MOD}},
        {{"+", "-", NULL}, {OP_ADD, OP_SUB}},
        {{"<=", ">=", "<", ">"}, {OP_LE, OP_GE, OP_LT, OP_GT}},
        {{"==", "!=", NULL}, {OP_EQ, OP_NE}},
        {{"&&", NULL}, {OP_AND}},
        {{"||", NULL}, {OP_OR}},
};
#define N_LEVELS (sizeof(levels) / sizeof(levels[0]))

static node *parse_level(parser *p, size_t level)
{
	node *x = level == 0 ? parse_primary(p) : parse_level(p, level - 1);
	while (x) {
		size_t k;
		for (k = 0; k < 4 && levels[level].tok[k]; k++)
			if (accept(p, levels[level].tok[k]))
				break;
		if (k == 4 || !levels[level].tok[k])
			break;
		node *y = level == 0 ? parse_primary(p) : parse_level(p, level - 1);
		x = make(p, levels[level].ops[k], x, y, NULL);
	}
	return x;
}

static node *parse_cond(parser *p)
{
	if (++p->depth > MAX_DEPTH) {
		p->why = "expression nests too deeply";
		return NULL;
	}
	node *x = parse_level(p, N_LEVELS - 1);
	if (x && accept(p, "?")) {
		node *a = parse_cond(p);
		if (a && !accept(p, ":")) {
			p->why = "missing ':'";
			a = NULL;
		}
		node *b = a ? parse_cond(p) : NULL;
		x = make(p, OP_COND, x, a, b);
	}
	p->depth--;
	return x;
}

pl_plural *pl_plural_parse(pl_arena *arena, const char *forms, const char **why)
{
	const char *np = strstr(forms, "nplurals");
	const char *pl = strstr(forms, "plural=");
	if (!pl) {
		const char *q = forms;
		/* "plural" may be spaced: "plural = ..." */
		while ((q = strstr(q, "plural")) != NULL) {
			if (q == forms || q[-1] != 'n') {
				const char *r = q + 6;
				while (*r == ' ')
					r++;
				if (*r == '=') {
					pl = r;
					break;
				}
			}
			q += 6;
		}
	} else {
		pl += 6;
	}
	if (!np || !pl) {
		*why = "Plural-Forms needs nplurals=N; plural=EXPRESSION;";
		return NULL;
	}
	np += 8;
	while (*np == ' ')
		np++;
	if (*np++ != '=') {
		*why = "Plural-Forms needs nplurals=N";
		return NULL;
	}
	while (*np == ' ')
		np++;
	unsigned long n = 0;
	if (*np < '1' || *np > '9') {
		*why = "nplurals must be a number from 1 to 6";
		return NULL;
	}
	while (*np >= '0' && *np <= '9' && n < 100)
		n = n * 10 + (unsigned long)(*np++ - '0');
	if (n < 1 || n > 6) {
		*why = "nplurals must be a number from 1 to 6";
		return NULL;
	}
	parser p = {arena, pl + 1, NULL, 0};
	node *expr = parse_cond(&p);
	skip_space(&p);
	if (expr && *p.s != ';' && *p.s != '\0') {
		*why = "unexpected text in the plural expression";
		return NULL;
	}
	if (!expr) {
		*why = p.why ? p.why : "bad plural expression";
		return NULL;
	}
	pl_plural *r = pl_arena_alloc(arena, sizeof(*r));
	if (!r) {
		*why = "out of memory";
		return NULL;
	}
	r->nplurals = n;
	r->expr = expr;
	return r;
}

unsigned long pl_plural_nplurals(const pl_plural *p)
{
	return p->nplurals;
}

static unsigned long eval(const node *x, unsigned long n)
{
	unsigned long a, b;
	switch (x->op) {
	case OP_NUM:
		return x->num;
	case OP_VAR:
		return n;
	case OP_NOT:
		return !eval(x->a, n);
	case OP_AND:
		return eval(x->a, n) && eval(x->b, n);
	case OP_OR:
		return eval(x->a, n) || eval(x->b, n);
	case OP_COND:
		return eval(x->a, n) ? eval(x->b, n) : eval(x->c, n);
	default:
		break;
	}
	a = eval(x->a, n);
	b = eval(x->b, n);
	switch (x->op) {
	case OP_MUL:
		return a * b;
	case OP_DIV:
		return b ? a / b : 0;
	case OP_MOD:
		return b ? a % b : 0;
	case OP_ADD:
		return a + b;
	case OP_SUB:
		return a - b;
	case OP_LT:
		return a < b;
	case OP_GT:
		return a > b;
	case OP_LE:
		return a <= b;
	case OP_GE:
		return a >= b;
	case OP_EQ:
		return a == b;
	case OP_NE:
		return a != b;
	default:
		return 0;
	}
}

unsigned long pl_plural_eval(const pl_plural *p, unsigned long n)
{
	unsigned long form = eval(p->expr, n);
	return form < p->nplurals ? form : 0;
}
