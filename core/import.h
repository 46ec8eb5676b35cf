/* import.h - a plan document into the database: plan, sections, tasks,
 * schedules and agencies, in one transaction. */
#ifndef CORE_IMPORT_H
#define CORE_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/agency.h"
#include "core/core.h"
#include "core/units.h"

/* A section or task as the import read it: what an officer checks before
 * anything is written. */
struct import_item {
	int line, is_section, depth;    /* depth: sections only */
	const char *number, *title;
	const char *lead, *coord;       /* agency names, "; "-separated ("" none) */
	const char *schedule_kind, *due; /* tasks: as parsed; due NULL when none */
};

struct import_options {
	const char *file;           /* for messages */
	const char *encoding;       /* auto utf-8 cp1258 tcvn3 viscii */
	const char *issuer;         /* unit code; NULL: from the document, else the acting unit */
	int replace;                /* import again over the same plan */
	int dry_run;                /* do everything, then roll back */
	const char *format;         /* auto (NULL), table or prose: see document_read */
	const struct agency_dir *agencies;
	/* Told each section and task as it is written (the dry run's listing). */
	void (*on_item)(const struct import_item *item, void *ctx);
	void *ctx;
};

struct import_unknown {
	int line;
	char *text;
};

struct import_summary {
	const char *encoding;
	const char *format;         /* table or prose */
	int64_t plan_id;
	char *number, *title, *issuer;    /* issuer: as the heading writes it */
	char issuer_code[40];               /* the unit taken as the issuer */
	char issued[11];
	int start_year, end_year;
	size_t sections, tasks, subtasks, groups, assignments;
	char **unresolved;          /* distinct agency names matching no unit */
	size_t nunresolved;
	struct import_unknown *unknown;     /* schedules that could not be placed */
	size_t nunknown;
	int replaced;
	struct unit_made made;      /* made.name: the issuer was created (empty database) */
};

int import_document(struct core *c, const char *data, size_t len,
		    const struct import_options *opt, struct import_summary *out,
		    struct error *err);
void import_summary_clear(struct import_summary *s);

/* Before importing a plan: a plan with the same issuer and number (or the
 * same text hash) is refused, or with replace deleted, unless status
 * records stand on it. In the caller's transaction. */
int plan_clear_way(struct core *c, const char *file, int64_t issuer, const char *number,
		   const char *hash, int replace, int *replaced, struct error *err);

/* Map an agency name (any case, with or without diacritics) to a unit once:
 * the unresolved assignments that name it are linked now, and later imports
 * resolve it too. *linked counts the assignments linked. A phrase that
 * names many units ("Ủy ban nhân dân các huyện ...": a group of dir, or
 * "các" before a plural of units) is refused unless force. */
int agency_map(struct core *c, const struct agency_dir *dir, const char *name,
	       const char *unit_code, int force, int64_t *linked, struct error *err);
/* Agency names no unit matches yet, with how many assignments name each. */
int agency_unresolved(struct core *c, int (*fn)(const char *text, int64_t count, void *ctx),
		      void *ctx, struct error *err);

#endif
