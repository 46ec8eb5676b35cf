/* out.h - printing for the command line: untrusted text neutralised, and
 * converted for the terminal's locale; errors as "dondoc: what: why". */
#ifndef TUI_OUT_H
#define TUI_OUT_H

#include <stdio.h>

/* Set up from the locale (after setlocale). */
void out_init(void);
/* Print UTF-8 text (from documents, bundles, users) safely. */
void out_text(FILE *f, const char *s);
/* printf, then the result through out_text. */
void out_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s padded with spaces to `width` display columns (never cut). */
void out_padded(FILE *f, const char *s, int width);
/* s right-aligned in `width` display columns (never cut): a column heading
 * over numbers, where printf's %6s would count bytes, not columns. */
void out_right(FILE *f, const char *s, int width);
/* "dondoc: message" on stderr. */
void out_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void out_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
