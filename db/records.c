/* records.c - status records keyed by (task, unit, period) and their
 * append-only history, and the task filter that quarter review runs on.
 *
 * The filter is one static statement with optional parameters (NULL means
 * "any"), so it is prepared once and every caller, CLI or UI, gets the same
 * meaning of "the tasks of this unit in this quarter". */
#include <config.h>

#include <stddef.h>
#include <stdio.h>

#include "db/internal.h"
#include "db/schema.h"

#define RECORD_SELECT \
	"SELECT r.id, r.gid, r.task_id, r.unit_id, u.code, r.period, r.status, r.progress," \
	" r.note, r.evidence, r.completed, r.author_id, a.code, r.hlc, r.updated, r.supplementary" \
	" FROM status_record r JOIN unit u ON u.id = r.unit_id JOIN unit a ON a.id = r.author_id"

/* The unit's scope: the unit, everything below it, and the units merged into
 * any of those (their records roll up into the successor). Parameter ?1. */
#define SCOPE_CTE \
	"scope(id) AS (SELECT ?1 WHERE ?1 IS NOT NULL" \
	" UNION SELECT u.id FROM unit u JOIN scope" \
	" ON u.parent_id = scope.id OR u.successor_id = scope.id)"

int store_unit_in_scope(struct store *s, int64_t unit_id, int64_t scope_id, struct error *err)
{
	static const char sql[] = "WITH RECURSIVE " SCOPE_CTE " SELECT ?2 IN scope";
	sqlite3_stmt *st;
	int rc, in = 0;

	if ((rc = db_prepare(s, sql, &st, err)))
		return -rc;
	sqlite3_bind_int64(st, 1, scope_id);
	sqlite3_bind_int64(st, 2, unit_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		in = sqlite3_column_int(st, 0);
	if ((rc = db_finish(s, st, rc, 0, err)))
		return -rc;
	return in;
}

int store_scope_is_everything(struct store *s, int64_t unit_id, struct error *err)
{
	static const char sql[] = "WITH RECURSIVE " SCOPE_CTE
		" SELECT (SELECT count(*) FROM scope) = (SELECT count(*) FROM unit)";
	sqlite3_stmt *st;
	int rc, all;

	if ((rc = db_prepare(s, sql, &st, err)))
		return -rc;
	sqlite3_bind_int64(st, 1, unit_id);
	rc = sqlite3_step(st);
	all = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	if (rc != SQLITE_ROW)
		return -db_finish(s, st, rc, 0, err);
	sqlite3_reset(st);
	return all;
}

static int each_record(struct store *s, sqlite3_stmt *st, record_fn fn, void *ctx,
		       struct error *err)
{
	struct status_record r;
	int rc, stop = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		r.gid = db_col_text(st, 1);
		r.task_id = sqlite3_column_int64(st, 2);
		r.unit_id = sqlite3_column_int64(st, 3);
		r.unit_code = db_col_text(st, 4);
		r.period = db_col_text(st, 5);
		r.status = db_col_text(st, 6);
		r.progress = sqlite3_column_int(st, 7);
		r.note = db_col_text(st, 8);
		r.evidence = db_col_text(st, 9);
		r.completed = db_col_text(st, 10);
		r.author_id = sqlite3_column_int64(st, 11);
		r.author_code = db_col_text(st, 12);
		r.hlc = sqlite3_column_int64(st, 13);
		r.updated = db_col_text(st, 14);
		r.supplementary = sqlite3_column_int(st, 15);
		if ((stop = fn(&r, ctx)))
			break;
	}
	return db_finish(s, st, rc, stop, err);
}

/* Append the local change just written (the history row or submission with
 * global id gid) to its author's record log, in the caller's transaction. */
static const char log_record[] =
	"INSERT INTO change_log(origin_id, seq, hlc, entity, gid, payload)"
	" SELECT h.author_id, (SELECT coalesce(max(seq), 0) + 1 FROM change_log"
	"  WHERE origin_id = h.author_id), h.hlc, 'record', h.gid, " LOG_RECORD_PAYLOAD
	LOG_RECORD_FROM " WHERE h.gid = ?1";
static const char log_submission[] =
	"INSERT INTO change_log(origin_id, seq, hlc, entity, gid, payload)"
	" SELECT s.author_id, (SELECT coalesce(max(seq), 0) + 1 FROM change_log"
	"  WHERE origin_id = s.author_id), 0, 'submission', s.gid, " LOG_SUBMISSION_PAYLOAD
	LOG_SUBMISSION_FROM " WHERE s.gid = ?1";

int store_submission_add(struct store *s, const char *gid, int64_t unit_id, const char *period,
			 const char *submitted, int64_t author_id, struct error *err)
{
	static const char sql[] =
		"INSERT INTO submission(gid, unit_id, period, submitted, author_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_text(st, 1, gid);
	sqlite3_bind_int64(st, 2, unit_id);
	db_bind_text(st, 3, period);
	db_bind_text(st, 4, submitted);
	sqlite3_bind_int64(st, 5, author_id);
	if ((rc = db_exec_stmt(s, st, err)))
		return rc;
	return db_exec_text(s, log_submission, gid, err);
}

int store_submission_get(struct store *s, int64_t unit_id, const char *period,
			 char submitted[21], char received[21], struct error *err)
{
	static const char sql[] =
		"SELECT submitted, received FROM submission WHERE unit_id = ?1 AND period = ?2";
	sqlite3_stmt *st;
	int rc;

	submitted[0] = '\0';
	if (received)
		received[0] = '\0';
	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, unit_id);
	db_bind_text(st, 2, period);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(submitted, 21, "%s", db_col_text(st, 0) ? db_col_text(st, 0) : "");
		if (received)
			snprintf(received, 21, "%s", db_col_text(st, 1) ? db_col_text(st, 1) : "");
	}
	return db_finish(s, st, rc, 0, err);
}

int store_record_get(struct store *s, int64_t task_id, int64_t unit_id, const char *period,
		     record_fn fn, void *ctx, struct error *err)
{
	static const char sql[] = RECORD_SELECT
		" WHERE r.task_id = ?1 AND r.unit_id = ?2 AND r.period = ?3";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, task_id);
	sqlite3_bind_int64(st, 2, unit_id);
	db_bind_text(st, 3, period);
	return each_record(s, st, fn, ctx, err);
}

int store_record_put(struct store *s, const struct status_record *r, const char *history_gid,
		     struct error *err)
{
	static const char upsert[] =
		"INSERT INTO status_record(gid, task_id, unit_id, period, status, progress, note,"
		" evidence, completed, author_id, hlc, updated, supplementary)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
		" ON CONFLICT(task_id, unit_id, period) DO UPDATE SET status = excluded.status,"
		" progress = excluded.progress, note = excluded.note, evidence = excluded.evidence,"
		" completed = excluded.completed, author_id = excluded.author_id,"
		" hlc = excluded.hlc, updated = excluded.updated,"
		" supplementary = supplementary OR excluded.supplementary"
		" RETURNING id";
	static const char history[] =
		"INSERT INTO status_history(gid, record_id, hlc, at, author_id, status, progress,"
		" note, evidence, completed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	sqlite3_stmt *st;
	int64_t record_id;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, upsert, &st, err)))
		return rc;
	db_bind_text(st, 1, r->gid);
	sqlite3_bind_int64(st, 2, r->task_id);
	sqlite3_bind_int64(st, 3, r->unit_id);
	db_bind_text(st, 4, r->period);
	db_bind_text(st, 5, r->status);
	sqlite3_bind_int(st, 6, r->progress);
	db_bind_text(st, 7, r->note ? r->note : "");
	db_bind_text(st, 8, r->evidence ? r->evidence : "");
	db_bind_text(st, 9, r->completed);
	sqlite3_bind_int64(st, 10, r->author_id);
	sqlite3_bind_int64(st, 11, r->hlc);
	db_bind_text(st, 12, r->updated);
	sqlite3_bind_int(st, 13, r->supplementary);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW)
		return db_finish(s, st, rc, 0, err);
	record_id = sqlite3_column_int64(st, 0);
	if ((rc = db_exec_stmt(s, st, err)))
		return rc;

	if ((rc = db_prepare(s, history, &st, err)))
		return rc;
	db_bind_text(st, 1, history_gid);
	sqlite3_bind_int64(st, 2, record_id);
	sqlite3_bind_int64(st, 3, r->hlc);
	db_bind_text(st, 4, r->updated);
	sqlite3_bind_int64(st, 5, r->author_id);
	db_bind_text(st, 6, r->status);
	sqlite3_bind_int(st, 7, r->progress);
	db_bind_text(st, 8, r->note ? r->note : "");
	db_bind_text(st, 9, r->evidence ? r->evidence : "");
	db_bind_text(st, 10, r->completed);
	if ((rc = db_exec_stmt(s, st, err)))
		return rc;
	return db_exec_text(s, log_record, history_gid, err);
}

int store_record_history(struct store *s, int64_t record_id, record_fn fn, void *ctx,
			 struct error *err)
{
	static const char sql[] =
		"SELECT h.id, h.gid, r.task_id, r.unit_id, u.code, r.period, h.status, h.progress,"
		" h.note, h.evidence, h.completed, h.author_id, a.code, h.hlc, h.at, 0"
		" FROM status_history h JOIN status_record r ON r.id = h.record_id"
		" JOIN unit u ON u.id = r.unit_id JOIN unit a ON a.id = h.author_id"
		" WHERE h.record_id = ?1 ORDER BY h.hlc, h.id";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, record_id);
	return each_record(s, st, fn, ctx, err);
}

/* Parameters: ?1 unit, ?2 section, ?3 plan, ?4 kind, ?5 folded text,
 * ?6 quarter start, ?7 quarter end, ?8 year, ?9 period, ?10 status,
 * ?11 today, ?12 limit, ?13 offset.
 *
 * A task falls in a quarter when its (start..due) window meets the quarter;
 * when it was due earlier and is not done yet (carried over, overdue, until
 * the plan's last year ends, and in the quarter it is done in, so it is seen
 * done late); when it
 * recurs and its occurrence in that year meets the quarter; or when it has no
 * date (continuous, event-driven, unknown) and the plan covers that year.
 * A quarterly task (a deadline in each reporting period) is due on its day
 * of the quarter's last month, or on the quarter's last day.
 * "Done" means a done record in scope at or before the period (for a yearly
 * recurring task, within the same year). */
#define DONE_BY(cmp) \
	"EXISTS (SELECT 1 FROM status_record r WHERE r.task_id = t.id AND r.status = 'done'" \
	" AND (?1 IS NULL OR r.unit_id IN scope)" \
	" AND (?9 IS NULL OR (r.period " cmp " ?9 AND (t.sched_recurs IS NULL OR r.period >=" \
	"   CASE t.sched_recurs WHEN 'quarterly' THEN ?9" \
	"    ELSE coalesce(substr(c.due_eff, 1, 4), substr(?9, 1, 4)) END))))"
/* Done in a quarter before the period: no longer carried over. */
#define DONE_EARLIER DONE_BY("<")
/* The period as a plan counts it (?6..?7 are the calendar quarter): on the
 * reporting calendar a quarter runs from the 15th of the month before it to
 * the 14th of its last month (2024Q2: 2024-03-15 to 2024-06-14), a year from
 * 15/12 to 14/12. PLAN_QS_ANY is the earlier start of the two. */
#define PLAN_QS \
	"CASE WHEN p.calendar = 'reporting' THEN date(?6, '-1 month', '+14 days') ELSE ?6 END"
#define PLAN_QE \
	"CASE WHEN p.calendar = 'reporting' THEN date(?7, 'start of month', '+13 days') ELSE ?7 END"
#define PLAN_QS_ANY "date(?6, '-1 month', '+14 days')"
/* The year of a yearly task's occurrence that the period sees: the period's
 * own, or the year before when that one is due after the period began (on
 * the reporting calendar "20/12 hàng năm" falls in the next year's first
 * quarter, which starts on 15/12). */
#define OCCURRENCE_YEAR \
	"CASE WHEN t.sched_recurs = 'yearly'" \
	" AND printf('%04d', ?8 - 1) || substr(t.sched_due, 5) >= " PLAN_QS " THEN ?8 - 1 ELSE ?8 END"

/* The tasks that can fall in the quarter, found through indexes: those of
 * the plans whose years cover it, the few whose dates spill over their
 * plan's years and the yearly ones whose last occurrence does (partial
 * indexes); or, with a search text of three letters
 * or more, the tasks whose folded text holds it (the trigram index). Only
 * these are examined one by one. */
#define SEARCHING "?5 IS NOT NULL AND length(?5) >= 3"
/* Seen from a unit below the top (?1), the tasks it or a unit of its scope
 * is assigned to or issued, through the assignment index: a commune holds a
 * few hundred tasks over all years, where the plans of a year hold tens of
 * thousands. The outer WHERE decides the quarter either way, so a superset
 * here is harmless; DISTINCT because a task may be held twice in scope. */
#define CANDIDATES_CTE \
	" cand(id) AS (" \
	"  SELECT t.id FROM plan p CROSS JOIN task t ON t.plan_id = p.id" \
	"  WHERE NOT (" SEARCHING ") AND ?1 IS NULL" \
	"  AND (?6 IS NULL OR (p.start_year <= ?8 AND p.end_year >= ?8))" \
	"  UNION ALL" \
	"  SELECT t.id FROM task t JOIN plan p ON p.id = t.plan_id" \
	"  WHERE NOT (" SEARCHING ") AND ?1 IS NULL AND ?6 IS NOT NULL AND t.spills" \
	"  AND t.sched_recurs IS NULL" \
	"  AND t.sched_due >= " PLAN_QS_ANY " AND NOT (p.start_year <= ?8 AND p.end_year >= ?8)" \
	"  UNION ALL" \
	"  SELECT t.id FROM task t JOIN plan p ON p.id = t.plan_id" \
	"  WHERE NOT (" SEARCHING ") AND ?1 IS NULL AND ?6 IS NOT NULL AND t.spills" \
	"  AND t.sched_recurs = 'yearly' AND p.end_year = ?8 - 1" \
	"  UNION ALL" \
	"  SELECT DISTINCT h.id FROM (" \
	"   SELECT a.task_id AS id FROM scope CROSS JOIN assignment a ON a.unit_id = scope.id" \
	"   UNION ALL SELECT t.id FROM scope CROSS JOIN plan p ON p.issuer_id = scope.id" \
	"   CROSS JOIN task t ON t.plan_id = p.id) h" \
	"  CROSS JOIN task t INDEXED BY task_plan_of ON t.id = h.id CROSS JOIN plan p ON p.id = t.plan_id" \
	"  WHERE NOT (" SEARCHING ") AND ?1 IS NOT NULL" \
	"  AND (?6 IS NULL OR t.spills OR (p.start_year <= ?8 AND p.end_year >= ?8))" \
	"  UNION ALL" \
	"  SELECT rowid FROM task_fts WHERE " SEARCHING \
	"  AND task_fts MATCH '\"' || replace(?5, '\"', '\"\"') || '\"')"
#define IN_SECTION "  AND (?14 IS NULL OR t.section_id = ?14 OR (?14 = 0 AND t.section_id IS NULL))"
#define QUERY_BODY QUERY_BODY_WITH(CANDIDATES_CTE, IN_SECTION, "")
/* One section's tasks: found through the section's index, so a grid window
 * is a lookup. */
#define SECTION_BODY QUERY_BODY_WITH( \
	" cand(id) AS (SELECT id FROM task WHERE section_id = ?14)", "", "")
/* A task's state as core/state.c defines it (the one definition; this is
 * its SQL form for counting and filtering whole quarters, and
 * tests/state.sh checks that the two agree): each unit in scope counts
 * with its latest record from the window's first period (the year's first
 * quarter; the quarter itself for a quarterly task; the occurrence's year
 * for a yearly one) to the period; done when all those are done; else
 * overdue when due before the as-of day (today, or the day after the
 * period's end as its plan counts it once that is past); else blocked,
 * in progress, not started. Without a period: every record up to today. */
#define STATE_FROM \
	"CASE WHEN ?9 IS NULL THEN '0000Q1' WHEN t.sched_recurs = 'quarterly' THEN ?9" \
	" WHEN t.sched_recurs = 'yearly' AND c.due_eff IS NOT NULL" \
	" THEN substr(c.due_eff, 1, 4) || 'Q1' ELSE substr(?9, 1, 4) || 'Q1' END"
#define STATE_LAST "coalesce(?9, '9999Q4')"
#define STATE_AS_OF \
	"CASE WHEN ?6 IS NULL THEN coalesce(?11, date('now'))" \
	" ELSE min(coalesce(?11, date('now')), date(c.qe, '+1 day')) END"
/* Each unit's latest record: SQLite gives a bare column of an aggregate the
 * value of the row that max() chose. */
#define STATE_SQL \
	"(SELECT CASE WHEN count(*) > 0 AND sum(l.status <> 'done') = 0 THEN 'done'" \
	"  WHEN c.due_eff IS NOT NULL AND c.due_eff < " STATE_AS_OF " THEN 'overdue'" \
	"  WHEN max(l.status = 'blocked') THEN 'blocked'" \
	"  WHEN max(l.status IN ('doing', 'done')) THEN 'doing' ELSE 'todo' END" \
	" FROM (SELECT r.status AS status, max(r.period) FROM status_record r" \
	"  WHERE r.task_id = t.id AND (?1 IS NULL OR r.unit_id IN scope)" \
	"  AND r.period BETWEEN " STATE_FROM " AND " STATE_LAST " GROUP BY r.unit_id) l)"

#define QUERY_BODY_WITH(candidates, section_condition, columns) \
	"WITH RECURSIVE " SCOPE_CTE "," \
	" secs(id) AS (SELECT ?2 WHERE ?2 IS NOT NULL" \
	"  UNION SELECT s.id FROM section s JOIN secs ON s.parent_id = secs.id)," \
	candidates "," \
	" c(tid, due_eff, start_eff, qs, qe, occ) AS (SELECT t.id," \
	"  CASE WHEN ?6 IS NULL THEN t.sched_due" \
	"   WHEN t.sched_recurs = 'yearly' THEN printf('%04d', " OCCURRENCE_YEAR ") || substr(t.sched_due, 5)" \
	"   WHEN t.sched_recurs = 'quarterly'" \
	"    THEN coalesce(substr(?7, 1, 8) || substr(t.sched_due, 9), " PLAN_QE ")" \
	"   ELSE t.sched_due END," \
	"  CASE WHEN ?6 IS NULL THEN t.sched_start" \
	"   WHEN t.sched_recurs = 'yearly'" \
	"    THEN printf('%04d', " OCCURRENCE_YEAR ") || substr(coalesce(t.sched_start, t.sched_due), 5)" \
	"   WHEN t.sched_recurs = 'quarterly' THEN " PLAN_QS " ELSE t.sched_start END," \
	"  " PLAN_QS ", " PLAN_QE ", " OCCURRENCE_YEAR \
	"  FROM cand JOIN task t ON t.id = cand.id JOIN plan p ON p.id = t.plan_id" \
	"  WHERE (?3 IS NULL OR t.plan_id = ?3)" \
	"  AND (?2 IS NULL OR t.section_id IN secs)" \
	"  AND (?4 IS NULL OR t.sched_kind = ?4)" \
	"  AND (?5 IS NULL OR instr(t.search_fold, ?5) > 0)" \
	section_condition \
	"  AND (?1 IS NULL OR p.issuer_id IN scope" \
	"   OR EXISTS (SELECT 1 FROM assignment a WHERE a.task_id = t.id AND a.unit_id IN scope)))" \
	" SELECT " TASK_COLUMNS ", c.due_eff" columns \
	" FROM c JOIN task t ON t.id = c.tid" \
	" JOIN plan p ON p.id = t.plan_id LEFT JOIN section sec ON sec.id = t.section_id" \
	" WHERE (?6 IS NULL OR CASE" \
	"   WHEN t.sched_recurs IS NOT NULL THEN c.occ BETWEEN p.start_year AND p.end_year" \
	"    AND (t.sched_recurs = 'quarterly' OR c.due_eff IS NULL" \
	"     OR (coalesce(c.start_eff, c.due_eff) <= c.qe AND c.due_eff >= c.qs))" \
	"   WHEN c.due_eff IS NOT NULL THEN" \
	"    (coalesce(c.start_eff, c.due_eff) <= c.qe AND c.due_eff >= c.qs)" \
	"    OR (c.due_eff < c.qs AND ?8 <= p.end_year AND NOT " DONE_EARLIER ")" \
	"   ELSE ?8 BETWEEN p.start_year AND p.end_year AND (c.start_eff IS NULL OR c.start_eff <= c.qe)" \
	"  END)" \
	" AND (?10 IS NULL OR " STATE_SQL " = ?10)"

#define QUERY_ORDER " ORDER BY p.start_year, t.plan_id, t.position"

static const char query_sql[] = QUERY_BODY QUERY_ORDER " LIMIT ?12 OFFSET ?13";
static const char section_sql[] = SECTION_BODY QUERY_ORDER " LIMIT ?12 OFFSET ?13";
static const char nosection_sql[] =
	QUERY_BODY_WITH(CANDIDATES_CTE, "  AND t.section_id IS NULL", "") QUERY_ORDER
	" LIMIT ?12 OFFSET ?13";
/* The same tasks counted per section, sections in document order. */
static const char count_sql[] =
	"SELECT coalesce(t.section_id, 0), sec.code, sec.title, p.number, count(*),"
	" sum(q.st = 'done'), sum(q.st = 'overdue')"
	" FROM (" QUERY_BODY_WITH(CANDIDATES_CTE, IN_SECTION, ", " STATE_SQL " AS st") ") q"
	" JOIN task t ON t.id = q.id JOIN plan p ON p.id = t.plan_id"
	" LEFT JOIN section sec ON sec.id = t.section_id"
	" GROUP BY t.plan_id, coalesce(t.section_id, 0)"
	" ORDER BY p.start_year, t.plan_id, min(t.position)";

static void bind_query(sqlite3_stmt *st, const struct task_query *q)
{
	db_bind_id(st, 1, q->unit_id);
	db_bind_id(st, 2, q->section_id);
	db_bind_id(st, 3, q->plan_id);
	db_bind_text(st, 4, q->kind);
	db_bind_text(st, 5, q->text_fold && q->text_fold[0] ? q->text_fold : NULL);
	db_bind_text(st, 6, q->qstart);
	db_bind_text(st, 7, q->qend);
	sqlite3_bind_int(st, 8, q->year);
	db_bind_text(st, 9, q->period);
	db_bind_text(st, 10, q->status);
	db_bind_text(st, 11, q->today);
}

int store_task_query(struct store *s, const struct task_query *q, task_fn fn, void *ctx,
		     struct error *err)
{
	sqlite3_stmt *st;
	struct task t;
	int rc, stop = 0;

	if ((rc = db_prepare(s, q->exact_section > 0 ? section_sql
			      : q->exact_section == 0 ? nosection_sql : query_sql, &st, err)))
		return rc;
	bind_query(st, q);
	sqlite3_bind_int64(st, 12, q->limit > 0 ? q->limit : -1);
	sqlite3_bind_int64(st, 13, q->offset);
	if (q->exact_section >= 0)
		sqlite3_bind_int64(st, 14, q->exact_section);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		db_read_task(st, &t);
		if ((stop = fn(&t, ctx)))
			break;
	}
	return db_finish(s, st, rc, stop, err);
}

int store_task_records(struct store *s, int64_t task_id, const struct task_query *q,
		       record_fn fn, void *ctx, struct error *err)
{
	static const char sql[] =
		"WITH RECURSIVE " SCOPE_CTE " " RECORD_SELECT
		" WHERE r.task_id = ?2 AND (?1 IS NULL OR r.unit_id IN scope)"
		" AND (?3 IS NULL OR r.period = ?3) ORDER BY r.period, u.code";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_id(st, 1, q ? q->unit_id : 0);
	sqlite3_bind_int64(st, 2, task_id);
	db_bind_text(st, 3, q ? q->period : NULL);
	return each_record(s, st, fn, ctx, err);
}

/* What a task's state is made of (core/state.c): the status, progress and
 * completion of each record in scope from period ?3 to ?4, oldest first.
 * Only the columns the state needs, so the walk stays in the index and the
 * record's pages, once per listed task. */
int store_task_state_records(struct store *s, int64_t task_id, int64_t unit_id, const char *from,
			     const char *last, record_fn fn, void *ctx, struct error *err)
{
	static const char sql[] =
		"WITH RECURSIVE " SCOPE_CTE " SELECT r.unit_id, r.period, r.status, r.progress,"
		" r.completed FROM status_record r WHERE r.task_id = ?2"
		" AND r.period BETWEEN ?3 AND ?4 AND (?1 IS NULL OR r.unit_id IN scope)"
		" ORDER BY r.period";
	struct status_record r = {0};
	sqlite3_stmt *st;
	int rc, stop = 0;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_id(st, 1, unit_id);
	sqlite3_bind_int64(st, 2, task_id);
	db_bind_text(st, 3, from);
	db_bind_text(st, 4, last);
	r.task_id = task_id;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.unit_id = sqlite3_column_int64(st, 0);
		r.period = db_col_text(st, 1);
		r.status = db_col_text(st, 2);
		r.progress = sqlite3_column_int(st, 3);
		r.completed = db_col_text(st, 4);
		if ((stop = fn(&r, ctx)))
			break;
	}
	return db_finish(s, st, rc, stop, err);
}

int store_task_sections(struct store *s, const struct task_query *q, section_count_fn fn, void *ctx,
			struct error *err)
{
	sqlite3_stmt *st;
	int rc, stop = 0;

	if ((rc = db_prepare(s, count_sql, &st, err)))
		return rc;
	bind_query(st, q);
	if (q->exact_section >= 0)
		sqlite3_bind_int64(st, 14, q->exact_section);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct section_count sc = {
			sqlite3_column_int64(st, 0), db_col_text(st, 1), db_col_text(st, 2),
			db_col_text(st, 3), sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5),
			sqlite3_column_int64(st, 6),
		};

		if ((stop = fn(&sc, ctx)))
			break;
	}
	return db_finish(s, st, rc, stop, err);
}
