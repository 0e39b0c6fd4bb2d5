/*
 * kiosk.c: the running kiosk (see kiosk.h).
 *
 * The loop blocks in SDL_WaitEventTimeout until the next thing the app
 * has to do (app_deadline) or an event; a still slide costs no CPU at all.
 * A watcher thread blocks in poll(2) on inotify (the deck folder and its
 * po/) and on a signalfd for SIGTERM, SIGINT and SIGHUP, and turns both
 * into SDL user events: the loop never polls files, and signals are taken
 * synchronously, outside any handler. SDL's own signal handlers are off,
 * so a window manager's close request (SDL_QUIT, Alt+F4) is only an event
 * the kiosk ignores; only the admin screen or a signal ends it.
 */
#include "kiosk.h"

#include <errno.h>
#include <malloc.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "compose.h"
#include "render.h"
#include "speaker.h"

#include "placard/chrome.h"
#include "placard/strbuf.h"
#include "placard/text.h"
#include "placard/theme.h"
#include "placard/translate.h"

double kiosk_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The app's clock: monotonic seconds, sped up by --time-scale for soak
 * and timing tests (idle resets in a fraction of a second). */
static double app_clock(const kiosk *k)
{
	return kiosk_seconds() * (k->time_scale > 0 ? k->time_scale : 1);
}

void kiosk_trace(const kiosk *k, const char *fmt, ...)
{
	if (!k->trace)
		return;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(k->trace, fmt, ap);
	va_end(ap);
	fputc('\n', k->trace);
	fflush(k->trace);
}

static void bundle_free(kiosk_bundle *b)
{
	for (int i = 0; i < b->n_langs; i++)
		pl_catalog_free(b->content[i]);
	pl_deck_free(b->deck);
	memset(b, 0, sizeof *b);
}

/* The programs' catalogue for lang, from the kiosk's cache, read on first
 * use (its problems to diags, or nowhere). */
static const pl_catalog *chrome_for(kiosk *k, const char *lang, pl_diags *diags)
{
	for (int i = 0; i < k->n_chrome; i++)
		if (strcmp(k->chrome_langs[i], lang) == 0)
			return k->chrome_cats[i];
	pl_diags ignored = PL_DIAGS_INIT;
	pl_catalog *cat = pl_chrome_load(lang, diags ? diags : &ignored);
	pl_diags_free(&ignored);
	if (k->n_chrome == (int)(sizeof k->chrome_cats / sizeof k->chrome_cats[0])) {
		/* More languages than that over the kiosk's life (edits trying
		 * tag after tag): the rest get the English words. */
		pl_catalog_free(cat);
		return NULL;
	}
	snprintf(k->chrome_langs[k->n_chrome], sizeof k->chrome_langs[0], "%s", lang);
	k->chrome_cats[k->n_chrome++] = cat;
	return cat;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* The deck's catalogue for lang: the previous bundle's when its file has
 * not changed since it was read (reused set), else read now. */
static pl_catalog *content_for(kiosk_bundle *b, int i, const kiosk_bundle *prev, pl_diags *diags,
                               bool *failed)
{
	*failed = false;
	b->reused[i] = -1;
	if (strcmp(b->langs[i], b->deck->source_language) == 0)
		return NULL;
	char *po = pl_deck_catalog_path(b->deck, b->langs[i]);
	bool have = po && stat(po, &b->content_stat[i]) == 0;
	free(po);
	if (!have)
		memset(&b->content_stat[i], 0, sizeof b->content_stat[i]);
	for (int j = 0; have && prev && j < prev->n_langs; j++)
		if (strcmp(prev->langs[j], b->langs[i]) == 0 && prev->content[j] &&
		    same_file(&prev->content_stat[j], &b->content_stat[i])) {
			b->reused[i] = j;
			return prev->content[j];
		}
	return pl_deck_catalog_load(b->deck, b->langs[i], diags, failed);
}

/* After a failed reload: what fresh took over from the kiosk's bundle is
 * the kiosk's still. */
static void bundle_give_back(kiosk_bundle *fresh)
{
	for (int i = 0; i < fresh->n_langs; i++)
		if (fresh->reused[i] >= 0)
			fresh->content[i] = NULL;
}

/* After a good one: what fresh took over is fresh's alone. */
static void bundle_take_over(kiosk_bundle *fresh, kiosk_bundle *prev)
{
	for (int i = 0; i < fresh->n_langs; i++)
		if (fresh->reused[i] >= 0)
			prev->content[fresh->reused[i]] = NULL;
}

static void add_lang(kiosk_bundle *b, const char *lang)
{
	for (int i = 0; i < b->n_langs; i++)
		if (strcmp(b->langs[i], lang) == 0)
			return;
	if (b->n_langs < KIOSK_MAX_LANGS) {
		snprintf(b->langs[b->n_langs], sizeof b->langs[0], "%s", lang);
		b->n_langs++;
	}
}

/* Appends a formatted line to the text in buf (size bytes), when it fits. */
static void append_line(char *buf, size_t size, const char *fmt, va_list ap)
{
	size_t used = strlen(buf);
	if (used + 2 >= size)
		return;
	vsnprintf(buf + used, size - used - 1, fmt, ap);
	used = strlen(buf);
	buf[used] = '\n';
	buf[used + 1] = '\0';
}

static void font_note(kiosk_bundle *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void font_note(kiosk_bundle *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	append_line(b->font_notes, sizeof b->font_notes, fmt, ap);
	va_end(ap);
}

/* The first character of the language's own name or of the programs' words
 * in it that the fonts cannot draw, or 0. */
static uint32_t chrome_missing(const pl_fonts *fonts, const char *lang, const pl_catalog *chrome)
{
	uint32_t cp = pl_fonts_first_missing(fonts, lang, pl_lang_autonym(lang));
	for (size_t i = 0; !cp && chrome && i < pl_catalog_count(chrome); i++) {
		const pl_catalog_entry *e = pl_catalog_entry_at(chrome, i);
		if (!e->fuzzy && e->msgstr && *e->msgstr)
			cp = pl_fonts_first_missing(fonts, lang, e->msgstr);
	}
	return cp;
}

/* The first character of the deck's text in the language that the fonts
 * cannot draw, or 0 (placard-print check names where it is). */
static uint32_t content_missing(const pl_fonts *fonts, const pl_deck *deck, const char *lang,
                                const pl_catalog *content)
{
	uint32_t cp = 0;
	for (size_t i = 0; !cp && i < deck->n_texts; i++) {
		const pl_text *t = deck->texts[i];
		pl_tr_status st = PL_TR_TRANSLATED;
		const char *s = content ? pl_catalog_get(content, t->id, t->src, &st) : t->src;
		if (st == PL_TR_TRANSLATED || !content)
			cp = pl_fonts_first_missing(fonts, content ? lang : deck->source_language,
			                            s);
	}
	return cp;
}

/* The deck and the catalogues (its own and the programs') of each offered
 * language. A language whose fonts cannot draw its name or the kiosk's
 * words in it is not offered: its screens would be boxes; the admin screen
 * says why. Returns 0, or -1 with the problems in diags (a broken catalogue
 * is an error here: on reload the last good bundle stays; at start it
 * shows in the source language). The programs' catalogues report to
 * chrome_diags, when given. */
static int bundle_load(kiosk_bundle *b, kiosk *k, const kiosk_bundle *prev, pl_diags *diags,
                       pl_diags *chrome_diags)
{
	const pl_kconfig *cfg = &k->cfg;
	const pl_fonts *fonts = k->fonts;
	const char *path = k->deck_path;
	memset(b, 0, sizeof *b);
	b->deck = pl_deck_load(path, diags);
	if (!b->deck)
		return -1;
	kiosk_bundle wanted = {.n_langs = 0};
	const char *first = cfg->language[0] ? cfg->language : b->deck->source_language;
	add_lang(&wanted, first);
	if (cfg->n_languages > 0)
		for (int i = 0; i < cfg->n_languages; i++)
			add_lang(&wanted, cfg->languages[i]);
	else
		for (size_t i = 0; i < b->deck->n_languages; i++)
			add_lang(&wanted, b->deck->languages[i]);
	for (int i = 0; i < wanted.n_langs; i++) {
		const char *lang = wanted.langs[i];
		const pl_catalog *chrome = chrome_for(k, lang, chrome_diags);
		uint32_t cp = chrome_missing(fonts, lang, chrome);
		/* Never none: when all the others are left out, the last stays. */
		if (cp && (b->n_langs > 0 || i + 1 < wanted.n_langs)) {
			font_note(
			        b,
			        "%s is not offered: no font can draw U+%04X in its name or in the "
			        "kiosk's words (a font file is missing or damaged)",
			        lang, (unsigned)cp);
			pl_diags_add(diags, PL_WARNING, NULL, 0, 0,
			             "%s is not offered: no font can draw U+%04X (a font file is "
			             "missing or damaged)",
			             lang, (unsigned)cp);
			continue;
		}
		snprintf(b->langs[b->n_langs], sizeof b->langs[0], "%s", lang);
		b->chrome[b->n_langs++] = chrome;
	}
	int rc = 0;
	for (int i = 0; i < b->n_langs; i++) {
		b->lang_ptrs[i] = b->langs[i];
		bool failed = false;
		b->content[i] = content_for(b, i, prev, diags, &failed);
		if (failed)
			rc = -1;
		uint32_t cp = content_missing(fonts, b->deck, b->langs[i], b->content[i]);
		if (cp)
			font_note(b, "%s: U+%04X in the deck has no font and shows as a box",
			          b->langs[i], (unsigned)cp);
	}
	return rc;
}

int kiosk_lang_index(const kiosk *k, const char *lang)
{
	for (int i = 0; i < k->bundle.n_langs; i++)
		if (strcmp(k->bundle.langs[i], lang) == 0)
			return i;
	return -1;
}

int kiosk_open(kiosk *k, const pl_kconfig *cfg, const char *config_origin, const char *deck_path,
               pl_diags *diags)
{
	memset(k, 0, sizeof *k);
	k->cfg = *cfg;
	k->config_origin = config_origin;
	k->deck_path = deck_path;
	k->time_scale = 1;
	pl_strbuf dir = PL_STRBUF_INIT;
	pl_strbuf_addf(&dir, "%s/fonts", pl_data_dir());
	k->fonts = pl_fonts_open(pl_strbuf_str(&dir), diags);
	pl_strbuf_release(&dir);
	if (!k->fonts)
		return -1;
	k->draw = pl_draw_new(k->fonts);
	if (!k->draw) {
		pl_diags_add(diags, PL_ERROR, NULL, 0, 0, "out of memory");
		return -1;
	}
	/* At start a broken catalogue is shown around (source language,
	 * marked): the kiosk never stays blank. */
	if (bundle_load(&k->bundle, k, NULL, diags, diags) != 0 && !k->bundle.deck)
		return -1;
	keymap_build(&k->keys, &k->cfg, config_origin, diags);
	app_init(&k->app, &k->cfg, (int)k->bundle.deck->n_slides, k->bundle.lang_ptrs,
	         k->bundle.n_langs, k->bundle.langs[0], app_clock(k));
	return 0;
}

void kiosk_close(kiosk *k)
{
	if (k->have_scene)
		scene_free(&k->scene);
	bundle_free(&k->bundle);
	for (int i = 0; i < k->n_chrome; i++)
		pl_catalog_free(k->chrome_cats[i]);
	pl_vote_store_close(k->store);
	pl_draw_free(k->draw);
	pl_fonts_free(k->fonts);
	if (k->trace)
		fclose(k->trace);
	memset(k, 0, sizeof *k);
}

void kiosk_open_store(kiosk *k, const char *path)
{
	k->store = pl_vote_store_open(path, &k->store_report);
	if (k->store_report.message[0])
		fprintf(stderr, "placard-kiosk: %s\n", k->store_report.message);
}

static void status_line(kiosk *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void status_line(kiosk *k, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	append_line(k->status, sizeof k->status, fmt, ap);
	va_end(ap);
}

/* The admin screen's status: the deck, each language's coverage, the
 * votes, and the last problem with a reload or the store. */
static void admin_status(kiosk *k, pl_strbuf *out)
{
	const pl_deck *d = k->bundle.deck;
	/* Which kiosk this is, where a site has several. */
	char host[64] = "";
	if (!k->cfg.kiosk_id[0] && gethostname(host, sizeof host - 1) != 0)
		host[0] = '\0';
	const char *site = k->cfg.site[0] ? k->cfg.site : d->default_site;
	pl_strbuf_addf(out, "Kiosk %s%s%s\n", k->cfg.kiosk_id[0] ? k->cfg.kiosk_id : host,
	               site && site[0] ? " at " : "", site ? site : "");
	pl_strbuf_addf(out, "Deck %s, version %s, %zu slides (%s)\n", d->id ? d->id : "?",
	               d->version ? d->version : "?", d->n_slides, d->file);
	pl_strbuf_addf(out, "Translated:");
	for (int i = 0; i < k->bundle.n_langs; i++) {
		pl_coverage cov;
		if (strcmp(k->bundle.langs[i], d->source_language) == 0)
			continue;
		pl_coverage_count(d, k->bundle.content[i], &cov, NULL);
		pl_strbuf_addf(out, " %s %u%%", k->bundle.langs[i], pl_coverage_percent(&cov));
	}
	pl_strbuf_addf(out, "\n");
	if (k->store)
		pl_strbuf_addf(out, "Votes stored: %lld\n",
		               (long long)pl_vote_store_count(k->store));
	else
		pl_strbuf_addf(out, "No vote store: polls are off\n");
	/* What opening the store found: moved aside, read-only, newer, busy. */
	if (k->store_report.message[0])
		pl_strbuf_addf(out, "%s\n", k->store_report.message);
	for (size_t i = 0; pl_fonts_unopened(k->fonts, i); i++)
		pl_strbuf_addf(out, "%s %s", i ? "," : "Fonts that could not be opened:",
		               pl_fonts_unopened(k->fonts, i));
	if (pl_fonts_unopened(k->fonts, 0))
		pl_strbuf_addf(out, "\n");
	pl_strbuf_addf(out, "%s", k->bundle.font_notes);
	if (!k->cfg.pin_hash[0])
		pl_strbuf_addf(out, "No admin PIN is set: set pin-hash in the configuration "
		                    "(placard-kiosk --hash-pin)\n");
	pl_strbuf_addf(out, "%s", k->status);
}

int kiosk_compose(kiosk *k, int w, int h, double now)
{
	if (k->have_scene)
		scene_free(&k->scene);
	app *a = &k->app;
	pl_metrics m;
	pl_metrics_compute(&m, w, h, k->cfg.diagonal_in, k->cfg.distance_m, a->text_scale);
	int li = kiosk_lang_index(k, a->lang);
	if (li < 0)
		li = 0;
	const char *lang = k->bundle.langs[li];
	scene_init(&k->scene, w, h, &m, pl_theme_get(a->theme), lang);
	k->have_scene = true;
	const pl_deck *d = k->bundle.deck;
	compose c = {
	        .s = &k->scene,
	        .draw = k->draw,
	        .fonts = k->fonts,
	        .deck = d,
	        .content = k->bundle.content[li],
	        .chrome = k->bundle.chrome[li],
	        .lang = lang,
	        .is_source = strcmp(lang, d->source_language) == 0,
	        .languages = k->bundle.lang_ptrs,
	        .chromes = (const pl_catalog *const *)k->bundle.chrome,
	        .n_languages = k->bundle.n_langs,
	        .site = k->cfg.site[0] ? k->cfg.site : d->default_site,
	        .theme = pl_theme_get(a->theme),
	};
	screen_state st;
	app_screen(a, &st, now);
	st.now = k->now_wall ? k->now_wall : (long long)time(NULL);
	/* Polls need a store that takes votes; a screenshot shows them as a
	 * kiosk with one would. */
	st.voting_off = k->live && (!k->store || k->store_report.status != PL_VOTES_OK);
	st.speech_no_voice = st.speech && k->speech && !speech_voice_for(k->speech, lang);
	pl_strbuf status = PL_STRBUF_INIT;
	if (st.kind == SCREEN_ADMIN) {
		admin_status(k, &status);
		st.admin_status = pl_strbuf_str(&status);
	}
	pl_draw_clear_error(k->draw);
	int rc = compose_screen(&c, &st);
	/* A poll's notice ("thank you", "voting is paused") that fell on the
	 * slide's next screen: show that screen, so it is never missed. */
	if (rc == 0 && st.kind == SCREEN_SLIDE && (st.poll_status || st.voting_off) &&
	    !scene_has_text(&k->scene, "poll-notice")) {
		for (int page = k->scene.page + 1, pages = k->scene.pages; page < pages; page++) {
			scene_free(&k->scene);
			scene_init(&k->scene, w, h, &m, pl_theme_get(a->theme), lang);
			st.page = page;
			rc = compose_screen(&c, &st);
			if (rc != 0 || scene_has_text(&k->scene, "poll-notice"))
				break;
		}
	}
	pl_strbuf_release(&status);
	app_composed(a, &k->scene);
	if (rc != 0 || pl_draw_error(k->draw))
		fprintf(stderr, "placard-kiosk: %s\n",
		        pl_draw_error(k->draw) ? pl_draw_error(k->draw) : "out of memory");
	const scene *s = &k->scene;
	/* poll=: the notice under a poll's choices (none, saving, thanks,
	 * paused), so tests can see that "thank you" follows the commit. */
	static const char *const notice[] = {"none", "thanks", "paused", "saving"};
	int ps = st.poll_status >= 0 && st.poll_status <= POLL_SAVING ? st.poll_status : 0;
	kiosk_trace(k,
	            "screen=%s slide=%d page=%d pages=%d lang=%s theme=%s scale=%d focus=%s "
	            "visitor=%d scanning=%d paused=%d resets=%d controls=%d poll=%s size=%dx%d",
	            s->screen, a->slide + 1, s->page + 1, s->pages, lang, s->theme->name,
	            a->text_scale, a->focus, a->visitor, a->scanning, a->paused, a->resets,
	            s->n_controls, notice[ps], w, h);
	return rc;
}

int kiosk_render(kiosk *k, SDL_Surface *dst)
{
	pl_draw_clear_error(k->draw);
	int rc = render_scene(k->draw, dst, &k->scene);
	if (rc != 0)
		fprintf(stderr, "placard-kiosk: %s\n",
		        pl_draw_error(k->draw) ? pl_draw_error(k->draw) : "drawing failed");
	return rc;
}

/* Where each slide of the old deck is in the new one, by id (-1: gone);
 * NULL, and the app keeps places, when memory runs out. */
static int *slide_moves(const pl_deck *old, const pl_deck *now, int *n_map)
{
	int *map = malloc((old->n_slides ? old->n_slides : 1) * sizeof *map);
	if (!map)
		return NULL;
	for (size_t i = 0; i < old->n_slides; i++) {
		const char *id = old->slides[i].id;
		map[i] = -1;
		if (i < now->n_slides && strcmp(now->slides[i].id, id) == 0)
			map[i] = (int)i; /* most edits move nothing */
		for (size_t j = 0; map[i] < 0 && j < now->n_slides; j++)
			if (strcmp(now->slides[j].id, id) == 0)
				map[i] = (int)j;
	}
	*n_map = (int)old->n_slides;
	return map;
}

int kiosk_reload(kiosk *k)
{
	pl_diags diags = PL_DIAGS_INIT;
	kiosk_bundle fresh;
	int rc = bundle_load(&fresh, k, &k->bundle, &diags, NULL);
	k->status[0] = '\0';
	if (rc != 0 || diags.errors > 0) {
		/* The last good deck stays on screen; the admin screen says why. */
		status_line(k, "The edited deck was not loaded; the last good deck is showing:");
		for (size_t i = 0; i < diags.count && i < 8; i++) {
			char line[600];
			pl_diag_format(&diags.items[i], line, sizeof line);
			status_line(k, "%s", line);
			fprintf(stderr, "placard-kiosk: %s\n", line);
			if (i == 0)
				kiosk_trace(k, "reload-failed %s", line);
		}
		bundle_give_back(&fresh);
		bundle_free(&fresh);
		pl_diags_free(&diags);
		return -1;
	}
	pl_diags_free(&diags);
	int n_map = 0;
	int *slide_map = slide_moves(k->bundle.deck, fresh.deck, &n_map);
	bundle_take_over(&fresh, &k->bundle);
	bundle_free(&k->bundle);
	k->bundle = fresh;
	for (int i = 0; i < k->bundle.n_langs; i++)
		k->bundle.lang_ptrs[i] = k->bundle.langs[i];
	app_deck_changed(&k->app, (int)k->bundle.deck->n_slides, slide_map, n_map,
	                 k->bundle.lang_ptrs, k->bundle.n_langs, k->bundle.langs[0]);
	free(slide_map);
	kiosk_trace(k, "reloaded slides=%zu", k->bundle.deck->n_slides);
	malloc_trim(0); /* the old deck's memory back to the system (kiosk_run) */
	return 0;
}

/* The watcher thread: inotify and signals to SDL user events. */
typedef struct watcher {
	int inotify, signals, stop[2];
	Uint32 event; /* first of two user events: +0 files changed, +1 signal */
	pthread_t thread;
	bool running;
	/* The deck folder's parent, watched for the folder itself coming back
	 * (its own watch ends when it goes): set before the thread starts. */
	int parent_wd;
	char name[256];
} watcher;

/* Whether a batch of inotify events concerns the deck: anything from the
 * folder's own watches, and from its parent's only what names it. */
static bool deck_touched(const watcher *w, const char *buf, ssize_t n)
{
	for (ssize_t at = 0; at + (ssize_t)sizeof(struct inotify_event) <= n;) {
		struct inotify_event e;
		memcpy(&e, buf + at, sizeof e);
		const char *name = buf + at + sizeof e;
		if (e.wd != w->parent_wd || (e.len && strncmp(name, w->name, e.len) == 0))
			return true;
		at += (ssize_t)(sizeof e + e.len);
	}
	return false;
}

static void *watch(void *arg)
{
	watcher *w = arg;
	struct pollfd fds[3] = {
	        {w->inotify, POLLIN, 0}, {w->signals, POLLIN, 0}, {w->stop[0], POLLIN, 0}};
	for (;;) {
		if (poll(fds, 3, -1) < 0) {
			if (errno == EINTR)
				continue;
			return NULL;
		}
		if (fds[2].revents)
			return NULL;
		if (fds[0].revents & POLLIN) {
			char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
			ssize_t n = read(w->inotify, buf, sizeof buf);
			if (n > 0 && deck_touched(w, buf, n)) {
				SDL_Event ev = {.type = w->event};
				SDL_PushEvent(&ev);
			}
		}
		if (fds[1].revents & POLLIN) {
			struct signalfd_siginfo info;
			if (read(w->signals, &info, sizeof info) == (ssize_t)sizeof info) {
				SDL_Event ev = {.type = w->event + 1};
				ev.user.code = (Sint32)info.ssi_signo;
				SDL_PushEvent(&ev);
			}
		}
	}
}

static void watch_deck(watcher *w, const kiosk *k)
{
	if (w->inotify < 0)
		return;
	uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |
	                IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB;
	const char *dir = k->bundle.deck->dir;
	inotify_add_watch(w->inotify, dir, mask);
	pl_strbuf po = PL_STRBUF_INIT;
	pl_strbuf_addf(&po, "%s/po", dir);
	inotify_add_watch(w->inotify, pl_strbuf_str(&po), mask);
	pl_strbuf_release(&po);
}

static int watcher_start(watcher *w, const kiosk *k)
{
	memset(w, 0, sizeof *w);
	w->inotify = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	w->signals = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	w->event = SDL_RegisterEvents(2);
	if (w->signals < 0 || w->event == (Uint32)-1 || pipe(w->stop) != 0)
		return -1;
	w->parent_wd = -1;
	char parent[4096];
	snprintf(parent, sizeof parent, "%s", k->bundle.deck->dir);
	size_t len = strlen(parent);
	while (len > 1 && parent[len - 1] == '/')
		parent[--len] = '\0';
	char *slash = strrchr(parent, '/');
	const char *name = slash ? slash + 1 : parent;
	size_t name_len = strlen(name);
	if (name_len >= sizeof w->name) /* longer than NAME_MAX: no such folder */
		name_len = 0;
	memcpy(w->name, name, name_len);
	w->name[name_len] = '\0';
	if (!slash)
		snprintf(parent, sizeof parent, ".");
	else if (slash == parent)
		parent[1] = '\0';
	else
		*slash = '\0';
	if (w->inotify >= 0 && name_len > 0)
		w->parent_wd = inotify_add_watch(w->inotify, parent,
		                                 IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM |
		                                         IN_DELETE | IN_ATTRIB | IN_ONLYDIR);
	watch_deck(w, k);
	if (pthread_create(&w->thread, NULL, watch, w) != 0)
		return -1;
	w->running = true;
	return 0;
}

static void watcher_stop(watcher *w)
{
	if (w->running) {
		ssize_t n = write(w->stop[1], "x", 1);
		(void)n;
		pthread_join(w->thread, NULL);
	}
	if (w->inotify >= 0)
		close(w->inotify);
	if (w->signals >= 0)
		close(w->signals);
	if (w->stop[0] > 0) {
		close(w->stop[0]);
		close(w->stop[1]);
	}
}

/* The vote worker: commits off the main thread, so that a slow disk never
 * freezes the screen; the visitor sees "Saving your answer" until the
 * commit returns, and "Thank you" only after it (BRIEF section 5). */
typedef struct voter {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool running, has_job, stop, busy;
	pl_vote_store *store;
	char deck[128], version[64], poll[128], choice[SC_ID_MAX], lang[36], site[64];
	Uint32 event; /* user.code: the pl_votes_status */
	char why[512];
} voter;

static void *vote_worker(void *arg)
{
	voter *v = arg;
	pthread_mutex_lock(&v->lock);
	for (;;) {
		while (!v->has_job && !v->stop)
			pthread_cond_wait(&v->wake, &v->lock);
		if (v->stop)
			break;
		pl_vote_input in = {v->deck, v->version, v->poll, v->choice, v->lang, v->site};
		v->has_job = false;
		pthread_mutex_unlock(&v->lock);
		pl_vote_receipt receipt;
		char why[512] = "";
		pl_votes_status st = pl_vote_cast(v->store, &in, &receipt, why, sizeof why);
		pthread_mutex_lock(&v->lock);
		snprintf(v->why, sizeof v->why, "%s", why);
		SDL_Event ev = {.type = v->event};
		ev.user.code = (Sint32)st;
		SDL_PushEvent(&ev);
	}
	pthread_mutex_unlock(&v->lock);
	return NULL;
}

static void voter_start(voter *v, pl_vote_store *store)
{
	memset(v, 0, sizeof *v);
	v->store = store;
	v->event = SDL_RegisterEvents(1);
	if (!store || v->event == (Uint32)-1)
		return;
	pthread_mutex_init(&v->lock, NULL);
	pthread_cond_init(&v->wake, NULL);
	v->running = pthread_create(&v->thread, NULL, vote_worker, v) == 0;
}

static void voter_stop(voter *v)
{
	if (!v->running)
		return;
	pthread_mutex_lock(&v->lock);
	v->stop = true;
	pthread_cond_signal(&v->wake);
	pthread_mutex_unlock(&v->lock);
	/* A commit under way finishes first: an acknowledged vote is whole. */
	pthread_join(v->thread, NULL);
	pthread_mutex_destroy(&v->lock);
	pthread_cond_destroy(&v->wake);
}

/* Hands the app's vote to the worker; false when there is no store. */
static bool submit_vote(kiosk *k, voter *v)
{
	app *a = &k->app;
	const pl_deck *d = k->bundle.deck;
	if (!v->running || a->vote_slide < 0 || (size_t)a->vote_slide >= d->n_slides)
		return false;
	pthread_mutex_lock(&v->lock);
	snprintf(v->deck, sizeof v->deck, "%s", d->id ? d->id : "");
	snprintf(v->version, sizeof v->version, "%s", d->version ? d->version : "");
	snprintf(v->poll, sizeof v->poll, "%s", d->slides[a->vote_slide].id);
	snprintf(v->choice, sizeof v->choice, "%s", a->vote_request);
	snprintf(v->lang, sizeof v->lang, "%s", a->lang);
	snprintf(v->site, sizeof v->site, "%s",
	         k->cfg.site[0]    ? k->cfg.site
	         : d->default_site ? d->default_site
	                           : "");
	v->has_job = true;
	v->busy = true;
	pthread_cond_signal(&v->wake);
	pthread_mutex_unlock(&v->lock);
	return true;
}

static void vote_done(kiosk *k, voter *v, pl_votes_status st)
{
	bool ok = st == PL_VOTES_OK;
	pthread_mutex_lock(&v->lock);
	v->busy = false;
	if (!ok) {
		fprintf(stderr, "placard-kiosk: vote not saved: %s\n", v->why);
		status_line(k, "Voting paused: %s", v->why);
	}
	kiosk_trace(k, "vote poll=%s choice=%s %s", v->poll, v->choice, ok ? "saved" : "refused");
	pthread_mutex_unlock(&v->lock);
	app_vote_done(&k->app, ok);
}

/* One key press. */
static void key_down(kiosk *k, const SDL_KeyboardEvent *key, double now)
{
	app *a = &k->app;
	if (keymap_is_chord(&k->keys, key)) {
		app_admin_chord(a, now);
		return;
	}
	if (a->screen == SCREEN_PIN) {
		char digit = keymap_digit(key);
		SDL_Keycode sym = key->keysym.sym;
		if (digit) {
			app_pin_digit(a, digit, now);
			return;
		}
		if (sym == SDLK_RETURN || sym == SDLK_KP_ENTER) {
			app_activate(a, "pin:ok", &k->scene, now);
			return;
		}
		if (sym == SDLK_BACKSPACE) {
			app_activate(a, "pin:del", &k->scene, now);
			return;
		}
	}
	int action = keymap_action(&k->keys, key);
	if (action >= 0)
		app_action(a, (pl_action)action, &k->scene, now);
	else if (!(key->keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI)))
		app_wake(a, now);
}

/* Where frames go. Where the video driver gives the window a framebuffer
 * of its own (X11, and Wayland through SDL's shared memory), the frame is
 * drawn straight into it and shown with SDL_UpdateWindowSurface: no GL,
 * no texture upload. Measured here under Xvfb (bench/README.md): SDL's GL
 * renderer on Mesa's software driver cost 16 ms a present and 50 MiB of
 * PSS for llvmpipe, against 2 ms and none. Where there is no such
 * framebuffer (KMS/DRM), the frame goes through an SDL renderer and a
 * streaming texture instead. */
typedef struct window {
	SDL_Window *win;
	bool direct; /* frame is the window's own surface */
	SDL_Renderer *renderer;
	SDL_Texture *texture;
	SDL_Surface *frame;
	int w, h;
} window;

static int window_resize(window *wd)
{
	if (wd->direct) {
		/* The surface is remade by SDL after a resize: ask again. */
		wd->frame = SDL_GetWindowSurface(wd->win);
		if (!wd->frame)
			return -1;
		wd->w = wd->frame->w;
		wd->h = wd->frame->h;
		return 0;
	}
	int w, h;
	if (SDL_GetRendererOutputSize(wd->renderer, &w, &h) != 0)
		return -1;
	if (wd->frame && w == wd->w && h == wd->h)
		return 0;
	SDL_FreeSurface(wd->frame);
	if (wd->texture)
		SDL_DestroyTexture(wd->texture);
	wd->frame = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	wd->texture = SDL_CreateTexture(wd->renderer, SDL_PIXELFORMAT_ARGB8888,
	                                SDL_TEXTUREACCESS_STREAMING, w, h);
	wd->w = w;
	wd->h = h;
	return wd->frame && wd->texture ? 0 : -1;
}

/* The renderer's device was reset (a display gone and back under KMS/DRM):
 * its textures are lost, so the frame and texture are made again. */
static void window_reset(window *wd)
{
	if (wd->direct)
		return;
	SDL_FreeSurface(wd->frame);
	if (wd->texture)
		SDL_DestroyTexture(wd->texture);
	wd->frame = NULL;
	wd->texture = NULL;
}

static void present(window *wd)
{
	if (wd->direct) {
		SDL_UpdateWindowSurface(wd->win);
		return;
	}
	SDL_UpdateTexture(wd->texture, NULL, wd->frame->pixels, wd->frame->pitch);
	SDL_RenderClear(wd->renderer);
	SDL_RenderCopy(wd->renderer, wd->texture, NULL, NULL);
	SDL_RenderPresent(wd->renderer);
}

static int window_open(window *wd, bool windowed, int w, int h)
{
	memset(wd, 0, sizeof *wd);
	/* The window's own framebuffer, not one emulated with a renderer. */
	SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	Uint32 flags = windowed ? SDL_WINDOW_RESIZABLE : SDL_WINDOW_FULLSCREEN_DESKTOP;
	wd->win = SDL_CreateWindow("Placard", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h,
	                           flags);
	if (!wd->win)
		return -1;
	wd->direct = SDL_GetWindowSurface(wd->win) != NULL;
	if (!wd->direct && !(wd->renderer = SDL_CreateRenderer(wd->win, -1, 0)))
		return -1;
	return window_resize(wd);
}

static void window_close(window *wd)
{
	if (!wd->direct) {
		SDL_FreeSurface(wd->frame);
		if (wd->texture)
			SDL_DestroyTexture(wd->texture);
		if (wd->renderer)
			SDL_DestroyRenderer(wd->renderer);
	}
	if (wd->win)
		SDL_DestroyWindow(wd->win);
	memset(wd, 0, sizeof *wd);
}

/* Whether a window is up: Xlib ends the program with exit(1) when the X
 * server goes away (the display lost), and this says what that means. */
static volatile sig_atomic_t showing;

static void display_lost(void)
{
	if (showing)
		fputs("placard-kiosk: the display went away; ending with status 1, to be started "
		      "again (every vote acknowledged is saved)\n",
		      stderr);
}

/* A kiosk runs for days: its memory must not creep. glibc's defaults let
 * it: every thread that allocates gets an arena of its own, and the mmap
 * threshold rises each time a large block (a frame, a big glyph) is freed,
 * after which such blocks come from the heap and fragment it. So one
 * arena, large blocks always in mappings of their own (returned whole when
 * freed), and what the heap holds free returned to the system each time
 * the kiosk goes back to its loop (the idle reset, which also closes the
 * fonts the visitor's screens opened) or takes a new deck. */
static void memory_settle_init(void)
{
	mallopt(M_ARENA_MAX, 1);
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
}

int kiosk_run(kiosk *k, bool windowed, int w, int h)
{
	memory_settle_init();
	static bool registered;
	if (!registered)
		registered = atexit(display_lost) == 0;
	window wd;
	if (window_open(&wd, windowed, w, h) != 0) {
		fprintf(stderr, "placard-kiosk: cannot open a window: %s\n", SDL_GetError());
		window_close(&wd);
		return 1;
	}
	SDL_ShowCursor(SDL_DISABLE);
	k->live = true;
	showing = 1;
	/* The timers start now, on the clock as --time-scale runs it. */
	k->app.next_advance = app_clock(k) + k->cfg.slide_seconds;
	k->app.next_greeting = app_clock(k) + 3;
	watcher wt;
	if (watcher_start(&wt, k) != 0)
		fprintf(stderr, "placard-kiosk: no hot reload: %s\n", strerror(errno));
	voter vt;
	voter_start(&vt, k->store);
	speaker sk;
	speaker_start(&sk, k);
	bool reload_pending = false;
	double reload_at = 0;
	int last_slide = -1;
	int status = 0;
	int resets = k->app.resets;
	bool redraw = true, repaint = false;
	double retry_at = -1; /* a frame that could not be drawn: when to try again */
	for (;;) {
		double now = app_clock(k);
		app *a = &k->app;
		app_tick(a, &k->scene, now);
		if (a->want_exit)
			break;
		if (a->resets != resets) {
			/* A new visitor: the last one's fonts and glyphs go, and
			 * the heap they held goes back to the system. */
			resets = a->resets;
			pl_draw_forget(k->draw);
			malloc_trim(0);
			kiosk_trace(k, "reset t=%.6f", kiosk_seconds());
		}
		if (a->want_reload) {
			a->want_reload = false;
			kiosk_reload(k);
			watch_deck(&wt, k);
			redraw = true;
		}
		if (a->vote_request[0] && a->poll_status == POLL_SAVING && !vt.busy &&
		    !submit_vote(k, &vt)) {
			kiosk_trace(k, "vote refused: no store");
			app_vote_done(a, false);
		}
		/* A changed deck is taken between slides, never under a reader. */
		if (reload_pending && now >= reload_at &&
		    (a->screen != SCREEN_SLIDE || a->slide != last_slide)) {
			reload_pending = false;
			if (kiosk_reload(k) == 0)
				watch_deck(&wt, k);
			redraw = true;
		}
		if (redraw || a->dirty) {
			redraw = false;
			retry_at = -1;
			if (window_resize(&wd) != 0) {
				/* No frame to draw in (the display gone, the window
				 * lost): again at the next window or display event,
				 * and in a second at most, so that a display that
				 * comes back unannounced is drawn on. */
				kiosk_trace(k, "no-frame %s", SDL_GetError());
				redraw = true;
				retry_at = now + k->time_scale;
			} else if (wd.w < KIOSK_MIN_W || wd.h < KIOSK_MIN_H) {
				/* Nothing can be read in a window this small (a display
				 * going away can leave one 1 px wide): the background,
				 * until it is given room again. */
				kiosk_trace(k, "too-small size=%dx%d", wd.w, wd.h);
				pl_rgb bg = pl_theme_get(a->theme)->background;
				SDL_FillRect(wd.frame, NULL,
				             SDL_MapRGB(wd.frame->format, bg.r, bg.g, bg.b));
				repaint = true;
			} else if (kiosk_compose(k, wd.w, wd.h, now) == 0) {
				kiosk_render(k, wd.frame);
				repaint = true;
			}
			if (a->screen == SCREEN_SLIDE)
				last_slide = a->slide;
		}
		if (repaint) {
			present(&wd);
			repaint = false;
			/* When the frame went to the screen: input-to-frame latency
			 * for the benchmarks (bench/). */
			kiosk_trace(k, "frame t=%.6f", kiosk_seconds());
		}
		speaker_update(&sk, k);
		double deadline = app_deadline(a, now);
		if (reload_pending && (deadline < 0 || reload_at < deadline))
			deadline = reload_at;
		if (retry_at >= 0 && (deadline < 0 || retry_at < deadline))
			deadline = retry_at;
		SDL_Event ev;
		int got;
		if (deadline < 0) {
			got = SDL_WaitEvent(&ev);
		} else {
			double wait = (deadline - app_clock(k)) * 1000 / k->time_scale;
			got = SDL_WaitEventTimeout(&ev, wait <= 0 ? 0 : (int)ceil(wait));
		}
		if (!got)
			continue;
		now = app_clock(k);
		if (vt.running && ev.type == vt.event) {
			vote_done(k, &vt, (pl_votes_status)ev.user.code);
			continue;
		}
		if (speaker_event(&sk, k, &ev, now))
			continue;
		if (ev.type == wt.event && wt.running) {
			reload_pending = true;
			reload_at = now + 0.5; /* let an editor finish writing */
			continue;
		}
		if (ev.type == wt.event + 1 && wt.running) {
			if (ev.user.code == SIGHUP) {
				reload_pending = true;
				reload_at = now;
				continue;
			}
			break; /* SIGTERM, SIGINT: a clean exit, the store closed */
		}
		switch (ev.type) {
		case SDL_QUIT:
			/* A window manager's close or Alt+F4: not a visitor's to use. */
			kiosk_trace(k, "quit-refused");
			break;
		case SDL_WINDOWEVENT:
			if (ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
			    ev.window.event == SDL_WINDOWEVENT_RESIZED) {
				kiosk_trace(k, "window size=%dx%d", ev.window.data1,
				            ev.window.data2);
				redraw = true;
			} else if (ev.window.event == SDL_WINDOWEVENT_EXPOSED ||
			           ev.window.event == SDL_WINDOWEVENT_SHOWN ||
			           ev.window.event == SDL_WINDOWEVENT_RESTORED) {
				repaint = true;
			}
			/* Shown again (a display back, a compositor restarted):
			 * with no window manager to hand it back, the keyboard
			 * would stay with nobody. A window on a desktop
			 * (--windowed) leaves that to its window manager. */
			if (!windowed && (ev.window.event == SDL_WINDOWEVENT_SHOWN ||
			                  ev.window.event == SDL_WINDOWEVENT_RESTORED)) {
				SDL_RaiseWindow(wd.win);
				SDL_SetWindowInputFocus(wd.win);
				kiosk_trace(k, "window shown: focus taken");
			}
			break;
		case SDL_RENDER_DEVICE_RESET:
			kiosk_trace(k, "render-device-reset");
			window_reset(&wd);
			redraw = true;
			break;
		case SDL_RENDER_TARGETS_RESET:
			redraw = true;
			break;
		case SDL_DISPLAYEVENT:
			/* A display connected, gone or turned: the window may have
			 * moved or changed size; lay the screen out again. */
			kiosk_trace(k, "display event=%d", (int)ev.display.event);
			redraw = true;
			break;
		case SDL_KEYDOWN:
			kiosk_trace(k, "key t=%.6f sym=%s", kiosk_seconds(),
			            SDL_GetKeyName(ev.key.keysym.sym));
			key_down(k, &ev.key, now);
			speaker_input(&sk);
			break;
		case SDL_MOUSEBUTTONDOWN: {
			kiosk_trace(k, "touch t=%.6f x=%d y=%d", kiosk_seconds(), ev.button.x,
			            ev.button.y);
			int hit = scene_hit(&k->scene, ev.button.x, ev.button.y);
			if (hit >= 0) {
				char id[SC_ID_MAX];
				snprintf(id, sizeof id, "%s", k->scene.controls[hit].id);
				app_activate(&k->app, id, &k->scene, now);
			} else {
				app_wake(&k->app, now);
			}
			speaker_input(&sk);
			break;
		}
		default:
			break;
		}
	}
	kiosk_trace(k, "exit");
	showing = 0;
	watcher_stop(&wt);
	voter_stop(&vt);
	speaker_stop(&sk, k);
	window_close(&wd);
	return status;
}
