/* fuzz_survey.c: survey URL and site name -> pl_survey_url -> QR code. The
 * input is "URL\nSITE"; a URL that builds must stay valid and carry the
 * encoded site, and its QR matrix must be square and sized by its version. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "placard/survey.h"
#include "placard/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	char *site = strchr(s, '\n');
	if (site)
		*site++ = '\0';
	char *url = pl_survey_url(s, "zh-Hant", site);
	if (url) {
		if (!pl_url_valid(s, NULL))
			__builtin_trap();
		if (!strstr(url, "lang=zh-Hant"))
			__builtin_trap();
		pl_qr qr;
		if (strlen(url) < 1000 && pl_qr_encode(url, &qr) == 0) {
			if (qr.size != 17 + 4 * qr.version)
				__builtin_trap();
			pl_qr_free(&qr);
		}
		free(url);
	} else if (pl_url_valid(s, NULL) && (!site || strlen(site) < 1000)) {
		__builtin_trap(); /* a valid URL must build */
	}
	free(s);
	return 0;
}
