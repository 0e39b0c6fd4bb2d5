/*
 * survey.c: survey URLs with lang and site, and their QR codes; see
 * survey.h.
 */
#include "placard/survey.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#include "placard/strbuf.h"
#include "placard/text.h"

/* RFC 3986 unreserved characters pass; everything else in a query value is
 * percent-encoded (UTF-8 bytes). */
static int add_encoded(pl_strbuf *sb, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		bool unreserved = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		                  (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' ||
		                  *p == '~';
		if (unreserved) {
			if (pl_strbuf_addc(sb, (char)*p) < 0)
				return -1;
		} else if (pl_strbuf_addc(sb, '%') < 0 || pl_strbuf_addc(sb, hex[*p >> 4]) < 0 ||
		           pl_strbuf_addc(sb, hex[*p & 15]) < 0) {
			return -1;
		}
	}
	return 0;
}

/* Whether the query parameter at p (up to '&' or end) is named name. */
static bool param_is(const char *p, size_t len, const char *name)
{
	size_t n = strlen(name);
	return len >= n && strncmp(p, name, n) == 0 && (len == n || p[n] == '=');
}

char *pl_survey_url(const char *url, const char *lang, const char *site)
{
	if (!url || !pl_url_valid(url, NULL))
		return NULL;
	const char *hash = strchr(url, '#');
	size_t base_len = hash ? (size_t)(hash - url) : strlen(url);
	const char *q = memchr(url, '?', base_len);
	pl_strbuf sb = PL_STRBUF_INIT;
	int rc = pl_strbuf_add(&sb, url, q ? (size_t)(q - url) : base_len);
	char sep = '?';
	if (q) {
		/* Keep every existing parameter but lang and site, which we set. */
		const char *p = q + 1, *end = url + base_len;
		while (p < end && rc == 0) {
			const char *amp = memchr(p, '&', (size_t)(end - p));
			size_t len = amp ? (size_t)(amp - p) : (size_t)(end - p);
			bool ours = (lang && param_is(p, len, "lang")) ||
			            (site && param_is(p, len, "site"));
			if (len > 0 && !ours) {
				rc |= pl_strbuf_addc(&sb, sep);
				rc |= pl_strbuf_add(&sb, p, len);
				sep = '&';
			}
			p += len + (amp ? 1 : 0);
		}
	}
	if (lang && rc == 0) {
		rc |= pl_strbuf_addc(&sb, sep);
		rc |= pl_strbuf_adds(&sb, "lang=");
		rc |= add_encoded(&sb, lang);
		sep = '&';
	}
	if (site && rc == 0) {
		rc |= pl_strbuf_addc(&sb, sep);
		rc |= pl_strbuf_adds(&sb, "site=");
		rc |= add_encoded(&sb, site);
	}
	if (hash && rc == 0)
		rc |= pl_strbuf_adds(&sb, hash);
	if (rc != 0) {
		pl_strbuf_release(&sb);
		return NULL;
	}
	return pl_strbuf_detach(&sb);
}

int pl_qr_encode(const char *text, pl_qr *out)
{
	memset(out, 0, sizeof(*out));
	/* Error correction M at least (BRIEF section 4); take Q or H when the
	 * code stays the same size, since a kiosk screen and a folded handout
	 * both get scuffed. */
	QRcode *best = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (!best)
		return -1;
	char level = 'M';
	static const struct {
		QRecLevel ec;
		char name;
	} stronger[] = {{QR_ECLEVEL_Q, 'Q'}, {QR_ECLEVEL_H, 'H'}};
	for (size_t i = 0; i < 2; i++) {
		QRcode *c = QRcode_encodeString8bit(text, best->version, stronger[i].ec);
		if (c && c->version == best->version) {
			QRcode_free(best);
			best = c;
			level = stronger[i].name;
		} else if (c) {
			QRcode_free(c);
		}
	}
	size_t n = (size_t)best->width * (size_t)best->width;
	out->modules = malloc(n);
	if (!out->modules) {
		QRcode_free(best);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		out->modules[i] = best->data[i] & 1;
	out->size = best->width;
	out->version = best->version;
	out->level = level;
	QRcode_free(best);
	return 0;
}

void pl_qr_free(pl_qr *qr)
{
	free(qr->modules);
	qr->modules = NULL;
	qr->size = 0;
}
