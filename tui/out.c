/* out.c - see out.h. Everything a person reads goes through out_text(), so
 * an escape sequence in a plan title cannot reach the terminal and a
 * non-UTF-8 locale gets transliterated text instead of broken bytes. */
#include <config.h>

#include <langinfo.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "db/i18n.h"
#include "tui/out.h"

static const char *codeset = "UTF-8";

void out_init(void)
{
	codeset = nl_langinfo(CODESET);
	if (!codeset || !*codeset)
		codeset = "ANSI_X3.4-1968";
}

void out_text(FILE *f, const char *s)
{
	char *safe = text_to_codeset(s, codeset);

	fputs(safe ? safe : "?", f);
	free(safe);
}

static void out_vprintf(FILE *f, const char *fmt, va_list ap)
{
	char *buf = NULL;

	if (vasprintf(&buf, fmt, ap) < 0)
		return;
	out_text(f, buf);
	free(buf);
}

void out_printf(FILE *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out_vprintf(f, fmt, ap);
	va_end(ap);
}

void out_padded(FILE *f, const char *s, int width)
{
	char *safe = text_sanitize(s, 0);
	int w;

	if (!safe)
		return;
	out_text(f, safe);
	for (w = text_width(safe); w < width; w++)
		fputc(' ', f);
	free(safe);
}

void out_right(FILE *f, const char *s, int width)
{
	char *safe = text_sanitize(s, 0);

	if (!safe)
		return;
	for (int w = text_width(safe); w < width; w++)
		fputc(' ', f);
	out_text(f, safe);
	free(safe);
}

static void vmessage(const char *prefix, const char *fmt, va_list ap)
{
	fflush(stdout);
	out_text(stderr, "dondoc: ");
	if (prefix)
		out_text(stderr, prefix);
	out_vprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void out_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(NULL, fmt, ap);
	va_end(ap);
}

void out_warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(_("warning: "), fmt, ap);
	va_end(ap);
}
