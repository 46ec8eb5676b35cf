/* units.h - the unit tree and the unit this installation acts for. */
#ifndef CORE_UNITS_H
#define CORE_UNITS_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

/* 1 if kind is one of province department district commune office other. */
int unit_kind_valid(const char *kind);

/* parent_code and kind may be NULL (a root; kind "other"). */
int unit_add(struct core *c, const char *code, const char *name, const char *parent_code,
	     const char *kind, struct error *err);
/* Every unit, depth-first from the roots, merged ones included. */
int unit_walk(struct core *c, unit_fn fn, void *ctx, struct error *err);
int unit_get(struct core *c, const char *code, unit_fn fn, void *ctx, struct error *err);

/* The first unit of an empty database, from a plan's heading ("ỦY BAN NHÂN
 * DÂN TỈNH KHÁNH HÒA", "SỞ NỘI VỤ"): named as the heading names it ("Tỉnh
 * Khánh Hòa"), its kind from the first word, its code from the initials of
 * the name ("KH", "SNV"); the installation acts for it. The code, name and
 * kind are put in *out. */
struct unit_made {
	char code[40];
	char *name;
	const char *kind;
	char parent[40];            /* the unit made above it, "" none */
};
/* parent_code: the unit it sits under (its code then starts with the
 * parent's, "KH-SNV"); NULL for a root. */
int unit_add_from_heading(struct core *c, const char *heading, const char *parent_code,
			  struct unit_made *out, struct error *err);
int unit_use(struct core *c, const char *code, struct error *err);
/* The acting unit's id; ERR_NOTFOUND with advice when none is set. */
int unit_acting(struct core *c, int64_t *id, struct error *err);
/* The acting unit's code (malloc'd), NULL when none is set. */
int unit_acting_code(struct core *c, char **code, struct error *err);

int unit_rename(struct core *c, const char *code, const char *name, struct error *err);
/* parent_code NULL makes it a root. day (YYYY-MM-DD): when it took effect,
 * for the unit's history; NULL: now. */
int unit_move(struct core *c, const char *code, const char *parent_code, const char *day,
	      struct error *err);
/* The unit stops (inactive); its records stay its own and roll up into
 * the successor. day as for unit_move. */
int unit_merge(struct core *c, const char *code, const char *into_code, const char *day,
	       struct error *err);
/* The unit tree from a CSV file (code,name,kind,parent[,effective,successor];
 * a header line is optional, lines starting with # are comments): units added, renamed, moved and merged until
 * the tree is the file's, in one transaction; a file already applied
 * changes nothing. The counts are put in *n. Errors name file:line. */
struct unit_import_counts {
	int added, renamed, moved, merged, same;
};
int unit_import_csv(struct core *c, const char *file, const char *data, size_t len,
		    struct unit_import_counts *n, struct error *err);

#endif
