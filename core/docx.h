/* docx.h - the text of a Word document (.docx), in the form the plan
 * readers of document.c and prose.c take: one line per paragraph, and a
 * task table's rows as tab-separated lines whose cells keep their
 * paragraphs and line breaks as <br>. Word holds the table itself, so the
 * rows come out whole: a merged section row is its text then empty cells,
 * a vertically merged cell gives its text to every row it spans, header
 * rows repeated by Word or by a second table are left out, and automatic
 * numbering is written out as the document shows it.
 *
 * A .docx is untrusted: the zip and its XML are read with every size
 * bounded before anything is inflated, no DTD is accepted (so no entity
 * expansion and nothing external), nesting is bounded. */
#ifndef CORE_DOCX_H
#define CORE_DOCX_H

#include <stddef.h>

#include "db/error.h"

/* Is data a zip archive (a .docx is one)? */
int docx_is_zip(const char *data, size_t len);

/* The document's text (UTF-8, NUL-terminated, malloc'd) in *text. Errors
 * are "file: why". */
int docx_text(const char *file, const char *data, size_t len, char **text, struct error *err);

#endif
