/* csv.h - reading RFC 4180 CSV (quoted fields may hold commas, quotes and
 * line breaks), for the files officers keep in a spreadsheet: a plan
 * (csvplan.c) and the unit tree (units_csv.c). Errors name file:line. */
#ifndef CORE_CSV_H
#define CORE_CSV_H

#include <stddef.h>

#include "core/core.h"

#define CSV_FIELDS_MAX 32

struct csv_reader {
	const char *p, *end, *file;
	int line;                      /* the line the next record starts on */
	int n;                         /* fields of the record read */
	char *fields[CSV_FIELDS_MAX];
};

/* Over data[0..len), a UTF-8 byte-order mark skipped. */
void csv_reader_init(struct csv_reader *r, const char *file, const char *data, size_t len);
/* Read one record: 1 if one was read, 0 at the end, -1 on an error (in err). */
int csv_read(struct csv_reader *r, struct error *err);
/* 1 if every field of the record is UTF-8 text, else 0 with err set. */
int csv_utf8_ok(const struct csv_reader *r, struct error *err);
/* Field i, NULL when empty or absent. */
const char *csv_get(const struct csv_reader *r, int i);
void csv_reader_clear(struct csv_reader *r);

#endif
