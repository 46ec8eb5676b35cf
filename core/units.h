/* units.h - the unit tree and the unit this installation acts for. */
#ifndef CORE_UNITS_H
#define CORE_UNITS_H

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

int unit_use(struct core *c, const char *code, struct error *err);
/* The acting unit's id; ERR_NOTFOUND with advice when none is set. */
int unit_acting(struct core *c, int64_t *id, struct error *err);
/* The acting unit's code (malloc'd), NULL when none is set. */
int unit_acting_code(struct core *c, char **code, struct error *err);

int unit_rename(struct core *c, const char *code, const char *name, struct error *err);
/* parent_code NULL makes it a root. */
int unit_move(struct core *c, const char *code, const char *parent_code, struct error *err);
/* The unit stops (inactive); its records stay its own and roll up into
 * the successor. */
int unit_merge(struct core *c, const char *code, const char *into_code, struct error *err);

#endif
