/* internal.h - what the core modules share and tui/ does not see. */
#ifndef CORE_INTERNAL_H
#define CORE_INTERNAL_H

#include "core/core.h"
#include "db/store.h"

struct core {
	struct store *store;
	struct date today;
};

/* Current UTC time as ISO 8601 (out: 21 bytes). */
void core_timestamp(char out[21]);
/* The next hybrid logical clock value of this installation (in the caller's
 * transaction). */
int core_next_hlc(struct core *c, int64_t *out, struct error *err);
/* Trimmed NFC copy of user text; an error naming `what` if it is not UTF-8,
 * longer than max bytes (core/limits.h) or, when required, empty. */
int core_clean_text(const char *in, const char *what, int required, size_t max, char **out,
		    struct error *err);
/* A unit's local id by code, with an actionable message when unknown. */
int core_unit_id(struct core *c, const char *code, int64_t *id, struct error *err);
/* *unit, or the acting unit's code when *unit is NULL (then *acting holds
 * it, for the caller to free); an actionable message when there is none. */
int core_unit_or_acting(struct core *c, const char **unit, char **acting, struct error *err);
/* Read a file whole into *data (malloc'd, NUL-terminated), refusing one
 * larger than max bytes (ERR_INVALID) without reading past max + 1. */
int core_read_file(const char *path, size_t max, unsigned char **data, size_t *len,
		   struct error *err);
/* Write a file whole, or leave it as it was: written under PATH.part,
 * flushed to disk, then renamed (a reader never sees half a file). */
int core_write_file(const char *path, const void *data, size_t len, struct error *err);
/* Who writes a change: the unit this installation acts for, else fallback. */
int64_t core_author(struct core *c, int64_t fallback);

#endif
