/* docread.h - what the two readers of a plan document share (document.c,
 * the table of an appendix; prose.c, tasks written as paragraphs): the
 * lines of the decoded text, the heading's metadata, a growing string.
 * Internal to them. */
#ifndef CORE_DOCREAD_H
#define CORE_DOCREAD_H

#include <stddef.h>

#include "core/document.h"

struct reader {
	const char *file;
	struct document *doc;
	struct error *err;
	char **lines;
	size_t nlines;
	char **clean;               /* prose.c's cleaned lines (nlines of them), or NULL */
};

/* A growing string; failed once an allocation failed. */
struct sbuf {
	char *s;
	size_t len, cap;
	int failed;
};
void sb_add(struct sbuf *b, const char *s, size_t n);
void sb_str(struct sbuf *b, const char *s);

/* The HTML entity at p ("&nbsp;", "&amp;" ...): its length, and *text
 * what it stands for; 0 when there is none. */
size_t doc_entity(const char *p, const char **text);

int doc_fail_nomem(struct reader *r);
/* Folded (text_fold), "" when out of memory. */
char *doc_folded(const char *s);
/* Is the character at p an upper-case letter? */
int doc_is_upper_at(const char *p);
/* Is this line a task table's header? "STT" / "Số TT" first, three
 * tab-separated cells or more. */
int doc_is_header(const char *line);
/* A heading in capitals: three letters or more, none of them lower case
 * ("CẢI CÁCH THỂ CHẾ", "NHIỆM VỤ TRỌNG TÂM NĂM 2024"). */
int doc_all_capitals(const char *s);
/* I..XXXIX as a number, else 0. */
int doc_roman_value(const char *s);
/* A new item at the end of r's document (parent -1), NULL without memory. */
struct doc_item *doc_new_item(struct reader *r);
/* Number, date, issuer, title and years from lines [0, end). */
void doc_head_metadata(struct reader *r, size_t end);

/* The prose reader (prose.c): sections and tasks from the numbered areas,
 * lettered paragraphs and dash items of the parts that assign work. 1 if
 * it found any task, 0 if none, < 0 on an error (in r->err). *head_end
 * gets the first line of the body (the heading is above it). */
int prose_read(struct reader *r, size_t *head_end);

#endif
