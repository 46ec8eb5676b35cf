/* csv.c - see csv.h. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/internal.h"
#include "core/text.h"
#include "db/i18n.h"

void csv_reader_init(struct csv_reader *r, const char *file, const char *data, size_t len)
{
	memset(r, 0, sizeof *r);
	r->p = data;
	r->end = data + len;
	r->file = file;
	r->line = 1;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		r->p += 3;
}

void csv_reader_clear(struct csv_reader *r)
{
	int i;

	for (i = 0; i < CSV_FIELDS_MAX; i++) {
		free(r->fields[i]);
		r->fields[i] = NULL;
	}
	r->n = 0;
}

static int grow(char **buf, size_t *cap)
{
	char *n = realloc(*buf, *cap * 2);

	if (!n) {
		free(*buf);
		*buf = NULL;
		return -1;
	}
	*buf = n;
	*cap *= 2;
	return 0;
}

int csv_read(struct csv_reader *r, struct error *err)
{
	int n = 0, start = r->line;

	csv_reader_clear(r);
	if (r->p >= r->end)
		return 0;
	for (;;) {
		size_t cap = 64, len = 0;
		char *buf = malloc(cap);

		if (!buf)
			return -(int)error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		if (r->p < r->end && *r->p == '"') {
			r->p++;
			for (;;) {
				if (r->p >= r->end) {
					free(buf);
					return -(int)error_set(err, ERR_INVALID,
						_("%s:%d: a quoted field is not closed"), r->file, start);
				}
				if (*r->p == '"') {
					if (r->p + 1 < r->end && r->p[1] == '"')
						r->p++;
					else {
						r->p++;
						break;
					}
				}
				if (*r->p == '\n')
					r->line++;
				if (len + 2 > cap && grow(&buf, &cap) < 0)
					return -(int)error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
				buf[len++] = *r->p++;
			}
		} else {
			while (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
				if (*r->p == '"') {
					free(buf);
					return -(int)error_set(err, ERR_INVALID,
						_("%s:%d: a quote inside an unquoted field"), r->file, r->line);
				}
				if (len + 2 > cap && grow(&buf, &cap) < 0)
					return -(int)error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
				buf[len++] = *r->p++;
			}
		}
		buf[len] = '\0';
		if (n >= CSV_FIELDS_MAX) {
			free(buf);
			return -(int)error_set(err, ERR_INVALID, _("%s:%d: more than %d fields"), r->file, start,
					 CSV_FIELDS_MAX);
		}
		r->fields[n++] = buf;
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == '\r')
			r->p++;
		if (r->p < r->end && *r->p == '\n')
			r->p++;
		if (r->p < r->end || n)
			r->line++;
		break;
	}
	r->n = n;
	return 1;
}

int csv_utf8_ok(const struct csv_reader *r, struct error *err)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (!text_is_utf8(r->fields[i])) {
			error_set(err, ERR_INVALID, _("%s:%d: not valid UTF-8 text"), r->file,
				  r->line - 1);
			return 0;
		}
	return 1;
}

const char *csv_get(const struct csv_reader *r, int i)
{
	return i < r->n && r->fields[i] && r->fields[i][0] ? r->fields[i] : NULL;
}
