/* query.h - the task filter shared by the command line and the UI. */
#ifndef CORE_QUERY_H
#define CORE_QUERY_H

#include <stdint.h>

#include "core/core.h"

/* The filter as a person gives it; every field is optional. */
struct task_filter {
	const char *plan;           /* plan id or number */
	const char *section;        /* section code (needs plan) */
	const char *unit;           /* unit code: the unit, its units and merged units */
	const char *period;         /* 2024Q2 */
	const char *period_to;      /* with period: the last quarter of a range in the same year */
	const char *status;         /* todo doing done blocked overdue */
	const char *kind;           /* schedule kind */
	const char *text;           /* searched folded: "so noi vu" finds "Sở Nội vụ" */
	int64_t section_id;         /* a section by id (with its sub-sections), for the UI */
	int64_t offset, limit;      /* a window of rows; limit 0: all */
};

struct query;

/* Check and resolve a filter once; then run it as often as needed. */
int query_new(struct core *c, const struct task_filter *f, struct query **out,
	      struct error *err);
void query_free(struct query *q);
/* Move the window (the UI pages through rows). */
void query_window(struct query *q, int64_t offset, int64_t limit);

/* The tasks that match, in document order. t->due_eff is the due date of
 * the occurrence in the filter's period (recurring tasks). */
int query_tasks(struct core *c, struct query *q, task_fn fn, void *ctx, struct error *err);
/* A task's status records narrowed by the filter's unit and period. */
int query_records(struct core *c, struct query *q, int64_t task_id, record_fn fn, void *ctx,
		  struct error *err);
/* The records a task's state is made of (core/state.c): those of the
 * query's units from period `from` to `last`, whatever the query's own
 * period, oldest first; only unit, period, status, progress and completed
 * are filled in. */
int query_state_records(struct core *c, const struct query *q, int64_t task_id,
			const char *from, const char *last, record_fn fn, void *ctx,
			struct error *err);
/* Narrow to the tasks directly in one section (0: in no section; -1: any). */
void query_exact_section(struct query *q, int64_t section_id);
/* The matching tasks counted per section, sections in document order. */
int query_sections(struct core *c, struct query *q, section_count_fn fn, void *ctx,
		   struct error *err);
/* The period the filter names (has_period 0 when none). */
int query_period(const struct query *q, struct period *out);

#endif
