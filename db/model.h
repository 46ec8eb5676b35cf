/* model.h - the rows of the model as plain C structs.
 *
 * Rows are handed to callbacks; their strings are borrowed from SQLite and
 * valid only during the call: copy what you keep. NULL means "not set". */
#ifndef DB_MODEL_H
#define DB_MODEL_H

#include <stdint.h>

struct unit {
	int64_t id;
	const char *gid;
	const char *code;
	const char *name;
	const char *kind;          /* province department district commune office other */
	int64_t parent_id;         /* 0: none */
	const char *parent_code;
	int64_t successor_id;      /* 0: none; set when merged into another unit */
	const char *successor_code;
	int active;
	int depth;                 /* in unit listings: 0 for roots */
};

struct plan {
	int64_t id;
	const char *gid;
	int64_t issuer_id;
	const char *issuer_code;
	const char *number;        /* 3409/QĐ-UBND */
	const char *issued;        /* YYYY-MM-DD */
	const char *title;
	int start_year, end_year;
	const char *source_hash;
	const char *calendar;      /* calendar | reporting */
	int64_t task_count;
};

struct section {
	int64_t id;
	const char *gid;
	int64_t plan_id;
	int64_t parent_id;
	int position;
	const char *code;
	const char *title;
};

struct schedule {
	const char *text;          /* as written in the document */
	const char *kind;          /* date month quarter year range continuous ... unknown */
	const char *start;         /* YYYY-MM-DD */
	const char *due;
	const char *recurs;        /* yearly | quarterly */
};

struct task {
	int64_t id;
	const char *gid;
	int64_t plan_id;
	const char *plan_number;
	const char *plan_calendar;  /* calendar | reporting: how the plan counts periods */
	int64_t section_id;
	const char *section_code;
	const char *section_title;
	int64_t parent_id;
	int position;
	const char *number;
	const char *title;
	const char *output;
	const char *method;
	const char *extra;
	struct schedule sched;
	const char *due_eff;       /* in a period query: the due date of the occurrence in that period */
};

struct assignment {
	int64_t id;
	const char *gid;
	int64_t task_id;
	int64_t unit_id;           /* 0: unresolved */
	const char *unit_code;
	const char *unit_name;
	const char *agency_text;
	const char *role;          /* lead | coord */
};

struct status_record {
	int64_t id;
	const char *gid;
	int64_t task_id;
	int64_t unit_id;
	const char *unit_code;
	const char *period;        /* 2024Q2 */
	const char *status;        /* todo doing done blocked */
	int progress;
	const char *note;
	const char *evidence;      /* lines: number TAB date TAB hash */
	const char *completed;
	int64_t author_id;
	const char *author_code;
	int64_t hlc;
	const char *updated;       /* ISO 8601 UTC */
	int supplementary;         /* changed after the unit submitted the period */
};

/* Rows are handed to callbacks of these types; a non-zero return stops the
 * walk and is passed back to the caller. */
typedef int (*unit_fn)(const struct unit *u, void *ctx);
typedef int (*plan_fn)(const struct plan *p, void *ctx);
typedef int (*section_fn)(const struct section *sec, void *ctx);
typedef int (*task_fn)(const struct task *t, void *ctx);
typedef int (*assignment_fn)(const struct assignment *a, void *ctx);
typedef int (*record_fn)(const struct status_record *r, void *ctx);
/* A section with how many tasks of a filter are in it, done and overdue. */
struct section_count {
	int64_t section_id;         /* 0: tasks in no section */
	const char *code, *title, *plan_number;
	int64_t count, done, overdue;
};
typedef int (*section_count_fn)(const struct section_count *s, void *ctx);

#endif
