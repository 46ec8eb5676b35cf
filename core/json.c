/* json.c - see json.h. Strings are escaped as JSON requires (quotes,
 * backslash, control characters), C1 controls and bidirectional overrides
 * too (a terminal acts on them), and otherwise written as UTF-8, so
 * Vietnamese stays readable in a terminal and a diff. */
#include <config.h>

#include <inttypes.h>

#include "core/json.h"
#include "core/text.h"

void json_init(struct json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->first = 1;
}

static void put_string(FILE *f, const char *s)
{
	const unsigned char *p;

	fputc('"', f);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':  fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\t': fputs("\\t", f); break;
		case '\r': fputs("\\r", f); break;
		default: {
			uint32_t c;
			size_t n;

			/* Controls (C0, DEL, C1) and bidirectional overrides are
			 * escaped: a terminal showing the line must not act on them. */
			if (text_unsafe_at((const char *)p, &c, &n)) {
				fprintf(f, "\\u%04x", (unsigned)c);
				p += n - 1;
			} else {
				fputc(*p, f);
			}
		}
		}
	}
	fputc('"', f);
}

/* The separator and key before a value. */
static void lead(struct json *j, const char *key)
{
	if (j->depth > 0) {
		if (!(j->first & (1u << j->depth)))
			fputc(',', j->f);
		j->first &= ~(1u << j->depth);
	}
	if (key) {
		put_string(j->f, key);
		fputc(':', j->f);
	}
}

static void begin(struct json *j, const char *key, char c)
{
	lead(j, key);
	fputc(c, j->f);
	j->depth++;
	j->first |= 1u << j->depth;
}

void json_object(struct json *j, const char *key) { begin(j, key, '{'); }
void json_array(struct json *j, const char *key) { begin(j, key, '['); }

void json_end_object(struct json *j)
{
	j->depth--;
	fputc('}', j->f);
}

void json_end_array(struct json *j)
{
	j->depth--;
	fputc(']', j->f);
}

void json_string(struct json *j, const char *key, const char *value)
{
	lead(j, key);
	if (value)
		put_string(j->f, value);
	else
		fputs("null", j->f);
}

void json_int(struct json *j, const char *key, int64_t value)
{
	lead(j, key);
	fprintf(j->f, "%" PRId64, value);
}

void json_id(struct json *j, const char *key, int64_t value)
{
	if (value)
		json_int(j, key, value);
	else
		json_null(j, key);
}

void json_null(struct json *j, const char *key)
{
	lead(j, key);
	fputs("null", j->f);
}

void json_end_line(struct json *j)
{
	fputc('\n', j->f);
	j->first = 1;
}
