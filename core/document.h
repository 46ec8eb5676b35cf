/* document.h - reading a plan document (the text of a signed decision or
 * plan, its appendix a tab-separated table) into plan metadata and an
 * ordered list of sections and tasks. Nothing here touches the database. */
#ifndef CORE_DOCUMENT_H
#define CORE_DOCUMENT_H

#include <stddef.h>

#include "db/error.h"

struct doc_item {
	int line;                   /* where the row starts in the file */
	int is_section;
	int parent;                 /* index of the enclosing section or task; -1 */
	int depth;                  /* sections: 0 for the outermost */
	char *number;               /* as printed: "II", "A", "2", "2.1", "a)" */
	char *title, *output, *schedule, *lead, *coord, *method, *extra;
	int prose;                  /* 1: lead/coord are to be read from the method prose;
				     * 2: a prose document's paragraph: lead names who
				     * does it (its heading), the title says the rest */
};

struct document {
	const char *encoding;       /* the one used: utf-8 cp1258 tcvn3 viscii */
	const char *format;         /* the one read: table or prose */
	char *number;               /* 3409/QĐ-UBND, or NULL */
	char *title;
	char *issuer;               /* as written, or NULL */
	/* When the heading names a department or office under its parent
	 * ("UBND TỈNH KHÁNH HÒA" over "SỞ NỘI VỤ"): the parent's lines and the
	 * unit's own line; else NULL. */
	char *issuer_parent, *issuer_unit;
	char issued[11];            /* YYYY-MM-DD, "" when not given */
	int start_year, end_year;   /* 0 when the document does not say */
	char hash[65];              /* BLAKE2b of the text, for "already imported" */
	struct doc_item *items;
	size_t n, cap;
};

/* Read a document. encoding: auto utf-8 cp1258 tcvn3 viscii. format:
 * "table" (an appendix of tab-separated rows), "prose" (tasks written as
 * paragraphs: prose.c), or NULL/"auto": a table when there is one, else
 * prose. Errors name the file and line. */
int document_read(const char *file, const char *data, size_t len, const char *encoding,
		  const char *format, struct document **out, struct error *err);
void document_free(struct document *d);

/* Clean one cell: HTML remnants out, list items on their own lines ("- "),
 * white space folded. Exposed for tests. */
char *document_clean_cell(const char *raw);

#endif
