/* fuzz_document.c - libFuzzer target for the document reader: any bytes,
 * read as a plan document in every encoding, as a table and as prose, then
 * each row's agencies and schedule read as the importer would. Nothing may crash, leak or touch
 * memory it does not own. Build and run with tests/fuzz/run.sh. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>

#include "core/agency.h"
#include "core/document.h"
#include "core/schedule.h"

static struct agency_dir *dir;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const encodings[] = {"auto", "utf-8", "cp1258", "tcvn3", "viscii"};
	struct document *doc;
	struct error err;
	size_t i, k;

	if (!dir) {
		const char *files[1] = {getenv("DONDOC_AGENCIES") ? getenv("DONDOC_AGENCIES")
								  : "core/agencies.txt"};

		agency_dir_load(&dir, files, 1, NULL, NULL, &err);
	}
	/* Every encoding as the reader picks the genre, and UTF-8 read as
	 * prose whatever it holds (the prose reader on table rows too). */
	for (k = 0; k <= sizeof encodings / sizeof encodings[0]; k++) {
		int forced = k == sizeof encodings / sizeof encodings[0];

		if (document_read("fuzz", (const char *)data, size, forced ? "utf-8" : encodings[k],
				  forced ? "prose" : NULL, &doc, &err))
			continue;
		for (i = 0; i < doc->n; i++) {
			const struct doc_item *it = &doc->items[i];
			struct agency_list list = {NULL, 0, 0};
			struct schedule_parse sp;

			schedule_parse(it->schedule, doc->start_year, doc->end_year, &sp);
			if (dir) {
				if (it->lead)
					agency_read_cell(dir, it->lead, ROLE_LEAD, &list);
				if (it->coord)
					agency_read_cell(dir, it->coord, ROLE_COORD, &list);
				if (it->method)
					agency_read_prose(dir, it->method, &list);
				if (it->prose == 2 && it->lead)
					agency_read_names(dir, it->lead, ROLE_LEAD, &list);
				if (it->prose == 2 && it->title)
					agency_read_prose(dir, it->title, &list);
			}
			agency_list_clear(&list);
		}
		document_free(doc);
	}
	return 0;
}
