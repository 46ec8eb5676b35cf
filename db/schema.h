/* schema.h - the database schema as an ordered list of migrations. */
#ifndef DB_SCHEMA_H
#define DB_SCHEMA_H

/* schema_migrations[i] takes a database from PRAGMA user_version i to i+1. */
extern const char *const schema_migrations[];
extern const int schema_version;

/* Whether a task's dates fall outside its plan's years, or after 14/12 of
 * its last year (SQL, for a task row in scope as
 * sched_start/sched_due/sched_recurs; plan given by id). */
#define TASK_SPILLS(plan) \
	"(sched_recurs IS NULL AND (" \
	" (sched_due IS NOT NULL AND CAST(substr(sched_due, 1, 4) AS INTEGER) >" \
	"  (SELECT end_year FROM plan WHERE id = " plan "))" \
	/* after 14/12 of the last year: the next year on the reporting calendar */ \
	" OR (sched_due IS NOT NULL AND substr(sched_due, 6) >= '12-15' AND" \
	"  CAST(substr(sched_due, 1, 4) AS INTEGER) = (SELECT end_year FROM plan WHERE id = " plan "))" \
	" OR (coalesce(sched_start, sched_due) IS NOT NULL AND" \
	"  CAST(substr(coalesce(sched_start, sched_due), 1, 4) AS INTEGER) <" \
	"  (SELECT start_year FROM plan WHERE id = " plan "))))"

#endif
