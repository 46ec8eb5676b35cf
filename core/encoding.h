/* encoding.h - turning a document's bytes into NFC UTF-8 text. */
#ifndef CORE_ENCODING_H
#define CORE_ENCODING_H

#include <stddef.h>

#include "db/error.h"

/* 1 if name is auto, utf-8, cp1258, tcvn3 or viscii. */
int encoding_name_valid(const char *name);

/* Decode data as `encoding` (auto: UTF-8 if valid, else the legacy
 * Vietnamese code page whose text reads best) into NFC UTF-8 with LF line
 * ends. *used names the encoding taken. Errors name file and line. */
int encoding_decode(const char *file, const char *data, size_t len, const char *encoding,
		    char **out, const char **used, struct error *err);

#endif
