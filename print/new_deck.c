/*
 * new_deck.c: "placard-print new DECK --title T --district D [--languages L,L...]".
 *
 * Writes a deck folder to start from: deck.yaml with one slide of every kind, each filled
 * with placeholder text and commented for the district staff who will replace it, the
 * translation template po/ID.pot, and an empty catalogue po/LANG.po for every language but
 * the source (what msginit would write, with the language's plural rule). What it writes
 * passes "placard-print check": it is loaded back with the same loader before it is reported
 * as made. It never writes into a folder that has anything in it.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "placard/deck.h"
#include "placard/strbuf.h"
#include "placard/text.h"
#include "placard/translate.h"
#include "print.h"

#define MAX_LANGUAGES 32

typedef struct new_args {
	const char *dir, *title, *district, *id;
	char *languages; /* the --languages argument, split in place */
	const char *langs[MAX_LANGUAGES];
	int n_langs;
	char id_buf[65];
} new_args;

/* Plural-Forms as CLDR gives them (docs/translations.md) for the languages Placard ships, and
 * a few more that US districts often offer. Deck strings have no plurals, but a catalogue
 * without the header is an error for check and for msgfmt. Unknown: English's rule, and
 * *known false so that the catalogue says to check it. */
static const char *plural_forms(const char *lang, bool *known)
{
	static const char one_form[] = "nplurals=1; plural=0;";
	static const char english[] = "nplurals=2; plural=(n != 1);";
	static const char french[] = "nplurals=2; plural=(n > 1);";
	static const char slavic[] = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
	                             "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);";
	static const struct {
		const char *lang, *forms;
	} rules[] = {
	        {"ar", "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && "
	               "n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"},
	        {"de", english},
	        {"en", english},
	        {"es", english},
	        {"fa", french},
	        {"fr", french},
	        {"hi", french},
	        {"hmn", one_form},
	        {"ht", english},
	        {"hy", french},
	        {"it", english},
	        {"ja", one_form},
	        {"km", one_form},
	        {"ko", one_form},
	        {"pa", french},
	        {"pt", french},
	        {"ru", slavic},
	        {"so", english},
	        {"tl", "nplurals=2; plural=(n % 10 == 4 || n % 10 == 6 || n % 10 == 9);"},
	        {"uk", slavic},
	        {"ur", english},
	        {"vi", one_form},
	        {"zh", one_form},
	};
	size_t primary = strcspn(lang, "-");
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		if (strlen(rules[i].lang) == primary &&
		    strncmp(rules[i].lang, lang, primary) == 0) {
			*known = true;
			return rules[i].forms;
		}
	}
	*known = false;
	return english;
}

/* A slug from the folder's last component: "Jefferson 2025/" -> "jefferson-2025". */
static void id_from_dir(const char *dir, char *out, size_t size)
{
	size_t end = strlen(dir);
	while (end > 0 && dir[end - 1] == '/')
		end--;
	size_t start = end;
	while (start > 0 && dir[start - 1] != '/')
		start--;
	size_t n = 0;
	for (size_t i = start; i < end && n + 1 < size; i++) {
		char c = dir[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[n++] = c;
		else if (n > 0 && out[n - 1] != '-')
			out[n++] = '-';
	}
	while (n > 0 && out[n - 1] == '-')
		n--;
	out[n] = '\0';
}

static int split_languages(print_ctx *ctx, new_args *a)
{
	a->n_langs = 0;
	for (char *tag = strtok(a->languages, ", "); tag; tag = strtok(NULL, ", ")) {
		if (!pl_bcp47_valid(tag)) {
			fprintf(ctx->err,
			        _("placard-print new: '%s' is not a language tag (BCP 47, "
			          "e.g. es, zh-Hant)\n"),
			        tag);
			return EXIT_USAGE;
		}
		for (int i = 0; i < a->n_langs; i++) {
			if (strcmp(a->langs[i], tag) == 0) {
				fprintf(ctx->err,
				        _("placard-print new: '%s' is listed twice in "
				          "--languages\n"),
				        tag);
				return EXIT_USAGE;
			}
		}
		if (a->n_langs == MAX_LANGUAGES) {
			fprintf(ctx->err, "%s",
			        _("placard-print new: too many languages in --languages\n"));
			return EXIT_USAGE;
		}
		a->langs[a->n_langs++] = tag;
	}
	if (a->n_langs == 0) {
		fprintf(ctx->err,
		        _("placard-print new: '%s' is not a language tag (BCP 47, "
		          "e.g. es, zh-Hant)\n"),
		        "");
		return EXIT_USAGE;
	}
	return -1;
}

static void usage(print_ctx *ctx, FILE *f)
{
	fprintf(f, "%s",
	        _("Usage: placard-print new DECK --title TEXT --district TEXT\n"
	          "                          [--languages L[,L...]] [--id ID]\n"
	          "Writes a new deck folder DECK: deck.yaml with one slide of every kind\n"
	          "to fill in, po/ID.pot and an empty po/L.po for each language but the\n"
	          "first, which is the language deck.yaml is written in (default: en).\n"));
}

static int parse_args(print_ctx *ctx, int argc, char **argv, new_args *a)
{
	static const struct option opts[] = {{"title", required_argument, NULL, 't'},
	                                     {"district", required_argument, NULL, 'd'},
	                                     {"languages", required_argument, NULL, 'l'},
	                                     {"id", required_argument, NULL, 'i'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 't') {
			a->title = optarg;
		} else if (c == 'd') {
			a->district = optarg;
		} else if (c == 'l') {
			a->languages = optarg;
		} else if (c == 'i') {
			a->id = optarg;
		} else if (c == 'h') {
			usage(ctx, ctx->out);
			return EXIT_CLEAN;
		} else {
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1 || !a->title || !*a->title || !a->district || !*a->district) {
		usage(ctx, ctx->err);
		return EXIT_USAGE;
	}
	a->dir = argv[optind];
	const char *texts[2] = {a->title, a->district};
	for (int i = 0; i < 2; i++) {
		if (pl_utf8_check(texts[i], strlen(texts[i])) != strlen(texts[i])) {
			fprintf(ctx->err, "%s",
			        _("placard-print new: --title and --district must be UTF-8\n"));
			return EXIT_USAGE;
		}
	}
	if (!a->id) {
		id_from_dir(a->dir, a->id_buf, sizeof a->id_buf);
		a->id = a->id_buf;
	}
	if (!pl_slug_valid(a->id)) {
		fprintf(ctx->err,
		        _("placard-print new: '%s' cannot be the deck's id; give one with --id "
		          "(a-z, 0-9 and -)\n"),
		        a->id);
		return EXIT_USAGE;
	}
	if (!a->languages) {
		a->langs[a->n_langs++] = "en";
		return -1;
	}
	return split_languages(ctx, a);
}

/* A YAML double-quoted scalar: any title a district chooses, colons and quotes included. */
static void add_quoted(pl_strbuf *sb, const char *s)
{
	pl_strbuf_addc(sb, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			pl_strbuf_addf(sb, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			pl_strbuf_addf(sb, "\\x%02x", c);
		else
			pl_strbuf_addc(sb, (char)c);
	}
	pl_strbuf_addc(sb, '"');
}

/* deck.yaml's head: what the deck is and what it offers. */
static void add_head(pl_strbuf *y, const new_args *a, const char *date)
{
	pl_strbuf_adds(y, "# ");
	pl_strbuf_adds(y, a->district);
	pl_strbuf_adds(y, ": ");
	pl_strbuf_adds(y, a->title);
	pl_strbuf_addf(
	        y,
	        "\n"
	        "# Made by 'placard-print new' on %s. Every text below is a placeholder:\n"
	        "# replace it with the plan's own words, add or remove slides, then run\n"
	        "#     placard-print check %s\n"
	        "# 'man placard-deck' (docs/deck-format.md) describes every field. Keep each\n"
	        "# id once translations exist: a translation is tied to its id.\n"
	        "placard: 1\n"
	        "id: %s\n"
	        "title: ",
	        date, a->dir, a->id);
	add_quoted(y, a->title);
	pl_strbuf_adds(y, "\ndistrict: ");
	add_quoted(y, a->district);
	pl_strbuf_addf(
	        y,
	        "\n"
	        "# The language this file is written in, then the languages the kiosk offers,\n"
	        "# in the order its language picker shows them.\n"
	        "source_language: %s\n"
	        "languages: [",
	        a->langs[0]);
	for (int i = 0; i < a->n_langs; i++)
		pl_strbuf_addf(y, "%s%s", i ? ", " : "", a->langs[i]);
	pl_strbuf_addf(
	        y,
	        "]\n"
	        "# Change the version and the date whenever you print or show a new edition;\n"
	        "# both are printed at the foot of every handout.\n"
	        "version: draft-1\n"
	        "date: %s\n"
	        "# The site written into survey links and votes when a kiosk names none.\n"
	        "default_site: district-office\n"
	        "# The district's longer survey: the kiosk and the handouts show its QR code.\n"
	        "survey:\n"
	        "  url: https://example.org/survey      # replace with the survey's address\n"
	        "  short_url: example.org/survey        # printed beside the QR code\n"
	        "  # After this time the kiosk says the survey is closed (ISO 8601 with offset).\n"
	        "  # closes: 2030-04-14T17:00:00-07:00\n"
	        "\n"
	        "slides:\n",
	        date);
}

/* One slide of every kind, in the order a plan usually reads. The text says what belongs in
 * it, so a half-edited deck shows on the kiosk which parts are still to write. */
static const char starter_slides[] =
        "  # title: a cover. The kiosk starts and ends its loop with one.\n"
        "  - id: welcome\n"
        "    kind: title\n"
        "    title: Our Strategic Plan\n"
        "    subtitle: Tell us what you think\n"
        "\n"
        "  # statement: a mission, vision or culture statement. In a folded block (>-) lines\n"
        "  # run together; a blank line starts a new paragraph.\n"
        "  - id: mission\n"
        "    kind: statement\n"
        "    heading: Mission\n"
        "    subheading: Why we exist\n"
        "    text: >-\n"
        "      Write the district's mission here, in its own words: one or two sentences\n"
        "      that say what the district does for every student.\n"
        "\n"
        "  - id: vision\n"
        "    kind: statement\n"
        "    heading: Vision\n"
        "    text: >-\n"
        "      Write the district's vision here: the future the community is working toward.\n"
        "\n"
        "  # values: each value has a name, and may have a statement and numbered behaviours.\n"
        "  - id: values\n"
        "    kind: values\n"
        "    heading: Our Values\n"
        "    values:\n"
        "      - id: first-value\n"
        "        name: First value\n"
        "        statement: A sentence that says what this value means in our schools.\n"
        "        behaviours:\n"
        "          - By doing one thing that shows this value.\n"
        "          - By doing another thing that shows it.\n"
        "      - id: second-value\n"
        "        name: Second value\n"
        "        statement: A sentence that says what this value means in our schools.\n"
        "\n"
        "  # cards: pillars, goals or priorities, each with a label, a title, a text and a\n"
        "  # list of outcomes or strategies.\n"
        "  - id: goals\n"
        "    kind: cards\n"
        "    heading: Our Goals\n"
        "    intro: The plan's goals, and how we will reach them.\n"
        "    cards:\n"
        "      - id: goal-1\n"
        "        label: Goal One\n"
        "        title: The first goal\n"
        "        text: A sentence that explains the goal.\n"
        "        items_heading: Strategies\n"
        "        items:\n"
        "          - The first strategy\n"
        "          - The second strategy\n"
        "      - id: goal-2\n"
        "        label: Goal Two\n"
        "        title: The second goal\n"
        "        text: A sentence that explains the goal.\n"
        "        items_heading: Desired outcomes\n"
        "        items:\n"
        "          - The first outcome\n"
        "          - The second outcome\n"
        "\n"
        "  # list: a list that may nest, such as a graduate profile. An entry with its own\n"
        "  # items is a mapping with text and items.\n"
        "  - id: graduate-profile\n"
        "    kind: list\n"
        "    heading: Graduate Profile\n"
        "    intro: Our graduates leave us with\n"
        "    items:\n"
        "      - text: The first group of skills\n"
        "        items:\n"
        "          - One skill\n"
        "          - Another skill\n"
        "      - text: The second group of skills\n"
        "        numbered: true\n"
        "        items:\n"
        "          - One skill\n"
        "          - Another skill\n"
        "      - A quality that needs no sub-list\n"
        "\n"
        "  # table: columns, then rows whose cells are named by column id. On a narrow\n"
        "  # screen each row becomes a block of labelled cells.\n"
        "  - id: theory-of-action\n"
        "    kind: table\n"
        "    heading: Theory of Action\n"
        "    columns:\n"
        "      - {id: if, label: If we provide}\n"
        "      - {id: by, label: by}\n"
        "      - {id: then, label: then we will}\n"
        "      - {id: so-that, label: so that}\n"
        "    rows:\n"
        "      - id: first-row\n"
        "        cells:\n"
        "          if: what the district provides\n"
        "          by: how it provides it\n"
        "          then: what will change\n"
        "          so-that: what students gain\n"
        "\n"
        "  # poll, agreement style: the five-point scale from Strongly disagree to\n"
        "  # Strongly agree, in words. Give every poll its own id: votes are kept by it.\n"
        "  - id: right-things\n"
        "    kind: poll\n"
        "    heading: What do you think?\n"
        "    question: Are we focusing on the right things?\n"
        "    style: agreement\n"
        "\n"
        "  # poll, single choice: two to eight choices, each with an id stored in the votes.\n"
        "  - id: first-goal\n"
        "    kind: poll\n"
        "    heading: What do you think?\n"
        "    question: Which goal matters most to you?\n"
        "    choices:\n"
        "      - {id: goal-1, label: The first goal}\n"
        "      - {id: goal-2, label: The second goal}\n"
        "\n"
        "  # survey: the QR code of the deck's survey (above), with the link in text.\n"
        "  - id: survey\n"
        "    kind: survey\n"
        "    heading: Tell us more\n"
        "    text: Scan the code with your phone to answer a short survey.\n"
        "    items:\n"
        "      - What should the plan keep?\n"
        "      - What should it change?\n"
        "    outro: The survey takes about five minutes.\n"
        "\n"
        "  - id: thanks\n"
        "    kind: title\n"
        "    title: Thank you\n";

static int write_file(print_ctx *ctx, const char *path, const pl_strbuf *text)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(ctx->err, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	bool written = fwrite(text->buf, 1, text->len, f) == text->len;
	/* fclose reports a write that failed late (a full disk), and closes in any case. */
	if (fclose(f) != 0 || !written) {
		fprintf(ctx->err, "%s: %s\n", path, strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}

/* po/LANG.po: the template's entries under a header for LANG, as msginit writes it (the
 * template's header, which libgettextpo wrote, ends at its first blank line). */
static int write_catalogue(print_ctx *ctx, const pl_deck *deck, const char *pot_text,
                           const char *lang, const char *date)
{
	const char *entries = strstr(pot_text, "\n\n");
	if (!entries)
		return -1;
	bool known;
	const char *forms = plural_forms(lang, &known);
	const char *autonym = pl_lang_autonym(lang);
	pl_strbuf po = PL_STRBUF_INIT, path = PL_STRBUF_INIT;
	pl_strbuf_addf(&po,
	               "# %s (%s) translation of the Placard deck '%s'.\n"
	               "# Translate each msgid into its msgstr; an empty msgstr shows the source\n"
	               "# text, marked as not yet translated. After the source text changes, run\n"
	               "#     msgmerge -U po/%s.po po/%s.pot\n",
	               autonym ? autonym : lang, lang, deck->id, lang, deck->id);
	if (!known)
		pl_strbuf_addf(&po, "# Check Plural-Forms below: it is English's rule, not %s's.\n",
		               lang);
	pl_strbuf_addf(&po,
	               "#\n"
	               "msgid \"\"\n"
	               "msgstr \"\"\n"
	               "\"Project-Id-Version: %s %s\\n\"\n"
	               "\"Report-Msgid-Bugs-To: \\n\"\n"
	               "\"POT-Creation-Date: %s 00:00+0000\\n\"\n"
	               "\"PO-Revision-Date: %s 00:00+0000\\n\"\n"
	               "\"Last-Translator: \\n\"\n"
	               "\"Language-Team: none\\n\"\n"
	               "\"Language: %s\\n\"\n"
	               "\"MIME-Version: 1.0\\n\"\n"
	               "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	               "\"Content-Transfer-Encoding: 8bit\\n\"\n"
	               "\"Plural-Forms: %s\\n\"\n",
	               deck->id, deck->version, deck->date, date, lang, forms);
	pl_strbuf_adds(&po, entries + 1);
	pl_strbuf_addf(&path, "%s/po/%s.po", deck->dir, lang);
	int rc = po.buf && path.buf ? write_file(ctx, path.buf, &po) : -1;
	pl_strbuf_release(&po);
	pl_strbuf_release(&path);
	return rc;
}

/* The folder must be new, or empty. */
static int make_folder(print_ctx *ctx, const char *dir)
{
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(ctx->err, "placard-print new: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	pl_strbuf path = PL_STRBUF_INIT;
	struct stat st;
	int rc = 0;
	if (pl_strbuf_addf(&path, "%s/deck.yaml", dir) < 0 || stat(path.buf, &st) == 0) {
		fprintf(ctx->err,
		        _("placard-print new: %s already holds a deck; choose a new folder\n"),
		        dir);
		rc = -1;
	}
	pl_strbuf_reset(&path);
	if (rc == 0 && (pl_strbuf_addf(&path, "%s/po", dir) < 0 ||
	                (mkdir(path.buf, 0777) != 0 && errno != EEXIST))) {
		fprintf(ctx->err, "placard-print new: %s: %s\n", pl_strbuf_str(&path),
		        strerror(errno));
		rc = -1;
	}
	pl_strbuf_release(&path);
	return rc;
}

/* A path as a word the host can paste into a shell: quoted when it needs to be. */
static void put_shell_word(FILE *f, const char *s)
{
	if (*s &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+,=:@") ==
	            strlen(s)) {
		fputs(s, f);
		return;
	}
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", f);
		else
			fputc(*s, f);
	}
	fputc('\'', f);
}

/* Writes deck.yaml, loads it back, then the template and the catalogues. */
static int write_deck(print_ctx *ctx, const new_args *a, const char *date)
{
	pl_strbuf yaml = PL_STRBUF_INIT, path = PL_STRBUF_INIT, pot = PL_STRBUF_INIT;
	add_head(&yaml, a, date);
	pl_strbuf_adds(&yaml, starter_slides);
	pl_strbuf_addf(&path, "%s/deck.yaml", a->dir);
	int rc = EXIT_PROBLEMS;
	pl_diags diags = PL_DIAGS_INIT;
	pl_deck *deck = NULL;
	if (!yaml.buf || !path.buf || write_file(ctx, path.buf, &yaml) != 0)
		goto done;
	deck = pl_deck_load(a->dir, &diags);
	pl_strbuf_reset(&path);
	if (!deck || pl_strbuf_addf(&path, "%s/po/%s.pot", deck->dir, deck->id) < 0 ||
	    pl_deck_write_pot(deck, path.buf, &diags) != 0 ||
	    pl_strbuf_read_file(&pot, path.buf, 64u << 20) != 0)
		goto done;
	for (int i = 1; i < a->n_langs; i++)
		if (write_catalogue(ctx, deck, pl_strbuf_str(&pot), a->langs[i], date) != 0)
			goto done;
	rc = EXIT_CLEAN;
	fprintf(ctx->out, "%s/deck.yaml\n%s/po/%s.pot\n", a->dir, a->dir, deck->id);
	for (int i = 1; i < a->n_langs; i++)
		fprintf(ctx->out, "%s/po/%s.po\n", a->dir, a->langs[i]);
	fprintf(ctx->out, _("Replace the placeholder text in %s/deck.yaml, then run:\n"), a->dir);
	fputs("  placard-print check ", ctx->out);
	put_shell_word(ctx->out, a->dir);
	fputc('\n', ctx->out);
done:
	pl_diags_print(&diags, ctx->err);
	pl_diags_free(&diags);
	pl_deck_free(deck);
	pl_strbuf_release(&yaml);
	pl_strbuf_release(&path);
	pl_strbuf_release(&pot);
	return rc;
}

int cmd_new(print_ctx *ctx, int argc, char **argv)
{
	new_args a = {0};
	int rc = parse_args(ctx, argc, argv, &a);
	if (rc >= 0)
		return rc;
	if (make_folder(ctx, a.dir) != 0)
		return EXIT_PROBLEMS;
	/* The date of this first version, in the host's calendar. */
	char date[16];
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm) || strftime(date, sizeof date, "%Y-%m-%d", &tm) == 0)
		snprintf(date, sizeof date, "2000-01-01");
	return write_deck(ctx, &a, date);
}
