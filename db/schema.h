/* schema.h - the database schema as an ordered list of migrations. */
#ifndef DB_SCHEMA_H
#define DB_SCHEMA_H

/* schema_migrations[i] takes a database from PRAGMA user_version i to i+1. */
extern const char *const schema_migrations[];
extern const int schema_version;

/* Whether a task's dates fall outside its plan's years, or after 14/12 of
 * its last year, or it recurs yearly after 14/12 (its last occurrence falls
 * in the year after the plan on the reporting calendar) (SQL, for a task row
 * in scope as sched_start/sched_due/sched_recurs; plan given by id). */
#define TASK_SPILLS(plan) \
	"(coalesce(sched_recurs = 'yearly' AND substr(sched_due, 6) >= '12-15', 0) OR" \
	" sched_recurs IS NULL AND (" \
	" (sched_due IS NOT NULL AND CAST(substr(sched_due, 1, 4) AS INTEGER) >" \
	"  (SELECT end_year FROM plan WHERE id = " plan "))" \
	/* after 14/12 of the last year: the next year on the reporting calendar */ \
	" OR (sched_due IS NOT NULL AND substr(sched_due, 6) >= '12-15' AND" \
	"  CAST(substr(sched_due, 1, 4) AS INTEGER) = (SELECT end_year FROM plan WHERE id = " plan "))" \
	" OR (coalesce(sched_start, sched_due) IS NOT NULL AND" \
	"  CAST(substr(coalesce(sched_start, sched_due), 1, 4) AS INTEGER) <" \
	"  (SELECT start_year FROM plan WHERE id = " plan "))))"

/* A netstring of an SQL value ("5:hello,"; NULL as empty): the unit of
 * every payload the record log and plan bundles carry. Built in SQL so the
 * migration that starts the log and every later change encode alike. */
#define NS(x) "(length(CAST(coalesce(" x ", '') AS BLOB)) || ':' || coalesce(" x ", '') || ',')"

/* One record-log payload per status_history row h (with its record r, task
 * t, unit u), in the log of its author: the row's values, by global id.
 * What the receiver knows or derives is left out: the author (the log's
 * origin), the unit when it is the author, the record's id (from task, unit
 * and period), and the version's id when it is the record's id and the
 * clock (older rows have random ids, which are sent). The last field says
 * whether the unit had already submitted the period (a supplementary
 * report), so a replay marks it alike. */
#define LOG_RECORD_PAYLOAD \
	NS("CASE WHEN h.gid = r.gid || ':' || h.hlc THEN '' ELSE h.gid END") "||" NS("t.gid") \
	"||" NS("CASE WHEN r.unit_id = h.author_id THEN '' ELSE u.gid END") "||" NS("r.period") \
	"||" NS("h.status") "||" NS("h.progress") "||" NS("h.note") "||" NS("h.evidence") \
	"||" NS("h.completed") "||" NS("h.at") "||" NS("h.hlc") "||" \
	NS("(SELECT count(*) > 0 FROM submission sub WHERE sub.unit_id = r.unit_id" \
	   " AND sub.period = r.period AND sub.submitted <= h.at)")
#define LOG_RECORD_FROM \
	" FROM status_history h JOIN status_record r ON r.id = h.record_id" \
	" JOIN task t ON t.id = r.task_id JOIN unit u ON u.id = r.unit_id"
/* ... and per submission s (unit u), in its author's log. */
#define LOG_SUBMISSION_PAYLOAD \
	NS("s.gid") "||" NS("CASE WHEN s.unit_id = s.author_id THEN '' ELSE u.gid END") "||" \
	NS("s.period") "||" NS("s.submitted")
#define LOG_SUBMISSION_FROM \
	" FROM submission s JOIN unit u ON u.id = s.unit_id"

#endif
