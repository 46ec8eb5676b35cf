/* error.c - building error messages (see error.h). */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "db/error.h"
#include "db/i18n.h"

static const char *const texts[] = {
#define X(name, text) text,
	ERROR_CODES(X)
#undef X
};

const char *error_text(enum err_code code)
{
	if ((size_t)code >= sizeof texts / sizeof texts[0])
		return _("unknown error");
	return _(texts[code]);
}

void error_clear(struct error *err)
{
	if (err) {
		err->code = ERR_OK;
		err->msg[0] = '\0';
	}
}

enum err_code error_set(struct error *err, enum err_code code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return code;
}

enum err_code error_prefix(struct error *err, const char *fmt, ...)
{
	char head[256], old[sizeof err->msg];
	va_list ap;

	if (!err)
		return ERR_OK;
	va_start(ap, fmt);
	vsnprintf(head, sizeof head, fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof old);
	snprintf(err->msg, sizeof err->msg, "%s%s", head, old[0] ? old : error_text(err->code));
	return err->code;
}
