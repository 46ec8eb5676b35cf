/* fuzz_schedule.c - libFuzzer target for the schedule reader and the text
 * helpers it stands on: any bytes as a schedule cell, as a cell to clean,
 * as text to fold, measure, cut and neutralise. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/document.h"
#include "core/schedule.h"
#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *t, cut[64];
	struct schedule_parse sp;
	struct folded f;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	schedule_parse(s, 2021, 2025, &sp);
	if (sp.due[0] && strlen(sp.due) != 10)
		abort();
	free(document_clean_cell(s));
	free(text_fold(s));
	free(text_nfc(s));
	t = text_sanitize(s, 1);
	if (t) {
		text_truncate(t, 10, 0, cut, sizeof cut);
		text_width(t);
		free(t);
	}
	free(text_to_codeset(s, "ANSI_X3.4-1968"));
	if (text_fold_map(s, &f) == 0)
		text_folded_free(&f);
	free(s);
	return 0;
}
