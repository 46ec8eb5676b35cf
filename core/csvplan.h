/* csvplan.h - a plan as CSV, for spreadsheets and for moving a plan by
 * hand: export and import round-trip without loss. */
#ifndef CORE_CSVPLAN_H
#define CORE_CSVPLAN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/core.h"

/* One header row, then the plan row, its sections and its tasks in
 * document order. UTF-8, RFC 4180 quoting. */
int csv_export_plan(struct core *c, const char *plan, FILE *out, struct error *err);
/* One CSV field (NULL: empty), quoted when it must be (RFC 4180), then a
 * comma, or CRLF when it is the row's last. */
void csv_field(FILE *f, const char *s, int last);
/* Read what csv_export_plan wrote (in one transaction). */
int csv_import_plan(struct core *c, const char *file, const char *data, size_t len, int replace,
		    int64_t *plan_id, struct error *err);

#endif
