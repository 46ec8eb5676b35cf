/* agency.h - the agency directory and reading agencies out of a cell. */
#ifndef CORE_AGENCY_H
#define CORE_AGENCY_H

#include <stddef.h>

#include "db/error.h"

struct agency_dir;

struct agency_entry {
	const char *name;           /* canonical */
	const char *kind;           /* unit kind */
	int group;                  /* a phrase for every unit of that kind */
	char **aliases;             /* folded: name and every alias */
	size_t naliases;
	const char *successor;      /* merged into this agency (canonical name) ... */
	char since[11];             /* ... on this day (YYYY-MM-DD) */
};

/* A problem in a directory file, reported as "file:line: why"; loading goes on. */
typedef void (*agency_warn_fn)(const char *message, void *ctx);

/* Load the directory from files in order (later files add to earlier ones);
 * a missing file is skipped. */
int agency_dir_load(struct agency_dir **out, const char *const *files, size_t nfiles,
		    agency_warn_fn warn, void *ctx, struct error *err);
void agency_dir_free(struct agency_dir *d);
/* The entry whose short form or name is exactly s (folded), or NULL. */
const struct agency_entry *agency_lookup(const struct agency_dir *d, const char *s);
/* The agency e is on `day` (YYYY-MM-DD): e, or what it was merged into
 * by then, through a chain of merges ("Sở Thông tin và Truyền thông" in a
 * plan of 2026 is "Sở Khoa học và Công nghệ"). */
const struct agency_entry *agency_as_of(const struct agency_dir *d,
					const struct agency_entry *e, const char *day);

enum agency_role { ROLE_LEAD, ROLE_COORD };

struct agency_mention {
	enum agency_role role;
	const struct agency_entry *entry;   /* NULL: not in the directory */
	char *text;                         /* as written */
};

struct agency_list {
	struct agency_mention *v;
	size_t n, cap;
};

/* Agencies named in a lead or coordinating cell: every one takes `role`;
 * names not in the directory are kept as written. */
int agency_read_cell(const struct agency_dir *d, const char *cell, enum agency_role role,
		     struct agency_list *out);
/* The directory's agencies named anywhere in text, all taking `role`; the
 * words around them are not names ("Thủ trưởng các sở, ban, ngành thuộc
 * tỉnh ... có trách nhiệm:" names the departments). */
int agency_read_names(const struct agency_dir *d, const char *text, enum agency_role role,
		      struct agency_list *out);
/* Agencies named in prose ("Sở Tư pháp chủ trì; các cơ quan liên quan phối
 * hợp"): the role comes from the phrases chủ trì, phối hợp and tham mưu. */
int agency_read_prose(const struct agency_dir *d, const char *prose, struct agency_list *out);
/* Add one mention (an entry, or text as written when entry is NULL); the
 * same agency twice is kept once, as lead if either says so. */
int agency_list_add(struct agency_list *l, enum agency_role role, const struct agency_entry *e,
		    const char *text);
void agency_list_clear(struct agency_list *l);

#endif
