/* json.h - writing JSON lines: one object per line, UTF-8 text unescaped. */
#ifndef CORE_JSON_H
#define CORE_JSON_H

#include <stdint.h>
#include <stdio.h>

struct json {
	FILE *f;
	int depth;
	unsigned first;             /* bit per depth: nothing written yet */
};

void json_init(struct json *j, FILE *f);
void json_object(struct json *j, const char *key);  /* key NULL at top or in arrays */
void json_array(struct json *j, const char *key);
void json_end_object(struct json *j);
void json_end_array(struct json *j);
/* NULL value writes null. */
void json_string(struct json *j, const char *key, const char *value);
void json_int(struct json *j, const char *key, int64_t value);
/* 0 writes null: ids where 0 means "none". */
void json_id(struct json *j, const char *key, int64_t value);
void json_null(struct json *j, const char *key);
/* After the top-level object: the newline. */
void json_end_line(struct json *j);

#endif
