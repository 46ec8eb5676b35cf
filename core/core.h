/* core.h - an open dondoc database and the context every core call needs.
 *
 * tui/ holds a struct core and calls the core modules (units, plans, status,
 * query); it never sees the store underneath. */
#ifndef CORE_CORE_H
#define CORE_CORE_H

#include "core/date.h"
#include "db/error.h"
#include "db/model.h"

struct core;

enum core_flags {
	CORE_READONLY = 1 << 0,     /* for commands that only read */
	CORE_NO_CHECK = 1 << 1,     /* skip the integrity check on open */
	CORE_BULK = 1 << 2,         /* loading data: no fsync per transaction */
};

/* Open (creating when missing) the database at path. */
int core_open(struct core **out, const char *path, int flags, struct error *err);
void core_close(struct core *c);
const char *core_path(const struct core *c);
/* Group several changes into one transaction (an import, a generator):
 * every core function that writes joins it instead of committing alone. */
int core_begin(struct core *c, struct error *err);
int core_commit(struct core *c, struct error *err);
void core_rollback(struct core *c);
/* Whether the transaction core_begin opened is still open; no means a
 * failure (a full disk) rolled it back whole: nothing done in it stands. */
int core_in_transaction(const struct core *c);

/* The date "overdue" is measured against (see date_today); the demo pins it. */
struct date core_today(const struct core *c);
void core_set_today(struct core *c, struct date d);

#endif
