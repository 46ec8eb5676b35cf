/* plans.c - plans, their nested sections, tasks and assignments. Tasks keep
 * the order of the document (position), never their printed number, which can
 * repeat. */
#include <config.h>

#include <stdlib.h>

#include "db/internal.h"
#include "db/schema.h"

static int step_insert(struct store *s, sqlite3_stmt *st, int64_t *id, struct error *err)
{
	int rc = db_exec_stmt(s, st, err);

	if (!rc && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

/* Local ids are plain numbers; anything else is a gid or (plans) a number. */
static int64_t as_local_id(const char *key)
{
	char *end;
	long long v;

	if (!key[0])
		return 0;
	v = strtoll(key, &end, 10);
	return *end == '\0' && v > 0 ? v : 0;
}

int store_plan_insert(struct store *s, const char *gid, int64_t issuer_id, const char *number,
		      const char *issued, const char *title, int start_year, int end_year,
		      const char *source_hash, int64_t *id, struct error *err)
{
	static const char sql[] =
		"INSERT INTO plan(gid, issuer_id, number, issued, title, start_year, end_year,"
		" source_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_text(st, 1, gid);
	sqlite3_bind_int64(st, 2, issuer_id);
	db_bind_text(st, 3, number);
	db_bind_text(st, 4, issued);
	db_bind_text(st, 5, title);
	sqlite3_bind_int(st, 6, start_year);
	sqlite3_bind_int(st, 7, end_year);
	db_bind_text(st, 8, source_hash);
	return step_insert(s, st, id, err);
}

#define PLAN_SELECT \
	"SELECT p.id, p.gid, p.issuer_id, u.code, p.number, p.issued, p.title, p.start_year," \
	" p.end_year, p.source_hash, p.calendar," \
	" (SELECT count(*) FROM task t WHERE t.plan_id = p.id)" \
	" FROM plan p JOIN unit u ON u.id = p.issuer_id"

static int each_plan(struct store *s, sqlite3_stmt *st, plan_fn fn, void *ctx, struct error *err)
{
	struct plan p;
	int rc, stop = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p.id = sqlite3_column_int64(st, 0);
		p.gid = db_col_text(st, 1);
		p.issuer_id = sqlite3_column_int64(st, 2);
		p.issuer_code = db_col_text(st, 3);
		p.number = db_col_text(st, 4);
		p.issued = db_col_text(st, 5);
		p.title = db_col_text(st, 6);
		p.start_year = sqlite3_column_int(st, 7);
		p.end_year = sqlite3_column_int(st, 8);
		p.source_hash = db_col_text(st, 9);
		p.calendar = db_col_text(st, 10);
		p.task_count = sqlite3_column_int64(st, 11);
		if ((stop = fn(&p, ctx)))
			break;
	}
	return db_finish(s, st, rc, stop, err);
}

int store_plan_find(struct store *s, const char *key, plan_fn fn, void *ctx, struct error *err)
{
	static const char sql[] = PLAN_SELECT
		" WHERE p.id = ?1 OR p.gid = ?2 OR p.number = ?2 ORDER BY p.id";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_id(st, 1, as_local_id(key));
	db_bind_text(st, 2, key);
	return each_plan(s, st, fn, ctx, err);
}

int store_plan_list(struct store *s, plan_fn fn, void *ctx, struct error *err)
{
	static const char sql[] = PLAN_SELECT " ORDER BY p.start_year, p.id";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	return each_plan(s, st, fn, ctx, err);
}

int store_section_insert(struct store *s, const char *gid, int64_t plan_id, int64_t parent_id,
			 const char *code, const char *title, int64_t *id, struct error *err)
{
	static const char sql[] =
		"INSERT INTO section(gid, plan_id, parent_id, position, code, title)"
		" VALUES (?1, ?2, ?3,"
		" (SELECT coalesce(max(position), 0) + 1 FROM section WHERE plan_id = ?2), ?4, ?5)";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_text(st, 1, gid);
	sqlite3_bind_int64(st, 2, plan_id);
	db_bind_id(st, 3, parent_id);
	db_bind_text(st, 4, code);
	db_bind_text(st, 5, title);
	return step_insert(s, st, id, err);
}

static int each_section(struct store *s, sqlite3_stmt *st, section_fn fn, void *ctx,
			struct error *err)
{
	struct section sec;
	int rc, stop = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sec.id = sqlite3_column_int64(st, 0);
		sec.gid = db_col_text(st, 1);
		sec.plan_id = sqlite3_column_int64(st, 2);
		sec.parent_id = sqlite3_column_int64(st, 3);
		sec.position = sqlite3_column_int(st, 4);
		sec.code = db_col_text(st, 5);
		sec.title = db_col_text(st, 6);
		if ((stop = fn(&sec, ctx)))
			break;
	}
	return db_finish(s, st, rc, stop, err);
}

#define SECTION_SELECT "SELECT id, gid, plan_id, parent_id, position, code, title FROM section"

int store_section_find(struct store *s, int64_t plan_id, const char *code,
		       section_fn fn, void *ctx, struct error *err)
{
	static const char sql[] = SECTION_SELECT
		" WHERE plan_id = ?1 AND (code = ?2 OR gid = ?2) ORDER BY position";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, plan_id);
	db_bind_text(st, 2, code);
	return each_section(s, st, fn, ctx, err);
}

int store_section_list(struct store *s, int64_t plan_id, section_fn fn, void *ctx,
		       struct error *err)
{
	static const char sql[] = SECTION_SELECT " WHERE plan_id = ?1 ORDER BY position";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, plan_id);
	return each_section(s, st, fn, ctx, err);
}

int store_task_insert(struct store *s, const struct task_values *v, int64_t *id,
		      struct error *err)
{
	int64_t tid;
	static const char sql[] =
		"INSERT INTO task(gid, plan_id, section_id, parent_id, position, number, title,"
		" output, method, extra, sched_text, sched_kind, sched_start, sched_due,"
		" sched_recurs, search_fold) VALUES (?1, ?2, ?3, ?4,"
		" (SELECT coalesce(max(position), 0) + 1 FROM task WHERE plan_id = ?2),"
		" ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
		" RETURNING id";
	static const char spill[] = "UPDATE task SET spills = " TASK_SPILLS("?2") " WHERE id = ?1";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_text(st, 1, v->gid);
	sqlite3_bind_int64(st, 2, v->plan_id);
	db_bind_id(st, 3, v->section_id);
	db_bind_id(st, 4, v->parent_id);
	db_bind_text(st, 5, v->number ? v->number : "");
	db_bind_text(st, 6, v->title);
	db_bind_text(st, 7, v->output ? v->output : "");
	db_bind_text(st, 8, v->method ? v->method : "");
	db_bind_text(st, 9, v->extra ? v->extra : "");
	db_bind_text(st, 10, v->sched.text ? v->sched.text : "");
	db_bind_text(st, 11, v->sched.kind ? v->sched.kind : "unknown");
	db_bind_text(st, 12, v->sched.start);
	db_bind_text(st, 13, v->sched.due);
	db_bind_text(st, 14, v->sched.recurs);
	db_bind_text(st, 15, v->search_fold ? v->search_fold : "");
	if ((rc = sqlite3_step(st)) != SQLITE_ROW)
		return db_finish(s, st, rc, 0, err);
	tid = sqlite3_column_int64(st, 0);
	if ((rc = db_exec_stmt(s, st, err)) || (rc = db_prepare(s, spill, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, tid);
	sqlite3_bind_int64(st, 2, v->plan_id);
	if ((rc = db_exec_stmt(s, st, err)))
		return rc;
	if (id)
		*id = tid;
	return ERR_OK;
}

void db_read_task(sqlite3_stmt *st, struct task *t)
{
	t->id = sqlite3_column_int64(st, 0);
	t->gid = db_col_text(st, 1);
	t->plan_id = sqlite3_column_int64(st, 2);
	t->plan_number = db_col_text(st, 3);
	t->section_id = sqlite3_column_int64(st, 4);
	t->section_code = db_col_text(st, 5);
	t->section_title = db_col_text(st, 6);
	t->parent_id = sqlite3_column_int64(st, 7);
	t->position = sqlite3_column_int(st, 8);
	t->number = db_col_text(st, 9);
	t->title = db_col_text(st, 10);
	t->output = db_col_text(st, 11);
	t->method = db_col_text(st, 12);
	t->extra = db_col_text(st, 13);
	t->sched.text = db_col_text(st, 14);
	t->sched.kind = db_col_text(st, 15);
	t->sched.start = db_col_text(st, 16);
	t->sched.due = db_col_text(st, 17);
	t->sched.recurs = db_col_text(st, 18);
	t->plan_calendar = db_col_text(st, 19);
	t->due_eff = sqlite3_column_count(st) > 20 ? db_col_text(st, 20) : t->sched.due;
}

int store_task_find(struct store *s, const char *key, task_fn fn, void *ctx, struct error *err)
{
	static const char sql[] = "SELECT " TASK_COLUMNS TASK_FROM " WHERE t.id = ?1 OR t.gid = ?2";
	sqlite3_stmt *st;
	struct task t;
	int rc, stop = 0;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_id(st, 1, as_local_id(key));
	db_bind_text(st, 2, key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		db_read_task(st, &t);
		if ((stop = fn(&t, ctx)))
			break;
	}
	return db_finish(s, st, rc, stop, err);
}

int store_assignment_insert(struct store *s, const char *gid, int64_t task_id, int64_t unit_id,
			    const char *agency_text, const char *role, int64_t assigned_by,
			    struct error *err)
{
	static const char sql[] =
		"INSERT INTO assignment(gid, task_id, unit_id, agency_text, role, assigned_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_text(st, 1, gid);
	sqlite3_bind_int64(st, 2, task_id);
	db_bind_id(st, 3, unit_id);
	db_bind_text(st, 4, agency_text ? agency_text : "");
	db_bind_text(st, 5, role);
	db_bind_id(st, 6, assigned_by);
	return db_exec_stmt(s, st, err);
}

int store_assignment_list(struct store *s, int64_t task_id, assignment_fn fn, void *ctx,
			  struct error *err)
{
	static const char sql[] =
		"SELECT a.id, a.gid, a.task_id, a.unit_id, u.code, u.name, a.agency_text, a.role"
		" FROM assignment a LEFT JOIN unit u ON u.id = a.unit_id"
		" WHERE a.task_id = ?1 ORDER BY a.role DESC, a.id";
	sqlite3_stmt *st;
	struct assignment a;
	int rc, stop = 0;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, task_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		a.id = sqlite3_column_int64(st, 0);
		a.gid = db_col_text(st, 1);
		a.task_id = sqlite3_column_int64(st, 2);
		a.unit_id = sqlite3_column_int64(st, 3);
		a.unit_code = db_col_text(st, 4);
		a.unit_name = db_col_text(st, 5);
		a.agency_text = db_col_text(st, 6);
		a.role = db_col_text(st, 7);
		if ((stop = fn(&a, ctx)))
			break;
	}
	return db_finish(s, st, rc, stop, err);
}

int store_task_is_assigned(struct store *s, int64_t task_id, int64_t unit_id, struct error *err)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM assignment WHERE task_id = ?1 AND unit_id = ?2)";
	sqlite3_stmt *st;
	int rc, yes;

	if ((rc = db_prepare(s, sql, &st, err)))
		return -rc;
	sqlite3_bind_int64(st, 1, task_id);
	sqlite3_bind_int64(st, 2, unit_id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return -db_finish(s, st, rc, 0, err);
	yes = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return yes;
}

int store_plan_find_same(struct store *s, int64_t issuer_id, const char *number, const char *hash,
			 plan_fn fn, void *ctx, struct error *err)
{
	static const char sql[] = PLAN_SELECT
		" WHERE (p.issuer_id = ?1 AND p.number = ?2 AND ?2 <> '') OR p.source_hash = ?3"
		" ORDER BY p.id";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, issuer_id);
	db_bind_text(st, 2, number ? number : "");
	db_bind_text(st, 3, hash);
	return each_plan(s, st, fn, ctx, err);
}

int64_t store_plan_record_count(struct store *s, int64_t plan_id, struct error *err)
{
	static const char sql[] =
		"SELECT count(*) FROM status_record r JOIN task t ON t.id = r.task_id"
		" WHERE t.plan_id = ?1";
	sqlite3_stmt *st;
	int64_t n = -1;
	int rc;

	if (db_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_int64(st, 1, plan_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	if (db_finish(s, st, rc, 0, err))
		return -1;
	return n;
}

int store_plan_delete(struct store *s, int64_t plan_id, struct error *err)
{
	static const char sql[] = "DELETE FROM plan WHERE id = ?1";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, plan_id);
	return db_exec_stmt(s, st, err);
}

int store_plan_set_calendar(struct store *s, int64_t plan_id, const char *calendar,
			    struct error *err)
{
	static const char sql[] = "UPDATE plan SET calendar = ?2 WHERE id = ?1";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, plan_id);
	db_bind_text(st, 2, calendar);
	return db_exec_stmt(s, st, err);
}

int store_agency_map_set(struct store *s, const char *name_fold, int64_t unit_id,
			 struct error *err)
{
	static const char sql[] =
		"INSERT INTO agency_map(name_fold, unit_id) VALUES (?1, ?2)"
		" ON CONFLICT(name_fold) DO UPDATE SET unit_id = excluded.unit_id";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_text(st, 1, name_fold);
	sqlite3_bind_int64(st, 2, unit_id);
	return db_exec_stmt(s, st, err);
}

int64_t store_agency_map_get(struct store *s, const char *name_fold, struct error *err)
{
	static const char sql[] = "SELECT unit_id FROM agency_map WHERE name_fold = ?1";
	sqlite3_stmt *st;
	int64_t id = 0;
	int rc;

	if (db_prepare(s, sql, &st, err))
		return 0;
	db_bind_text(st, 1, name_fold);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	db_finish(s, st, rc, 0, err);
	return id;
}

/* Link by exact text: core/ finds the texts whose fold matches (see
 * agency_map in core/import.c). */
int64_t store_agency_relink(struct store *s, const char *text, int64_t unit_id,
			    struct error *err)
{
	static const char sql[] =
		"UPDATE assignment SET unit_id = ?2, agency_text = ''"
		" WHERE unit_id IS NULL AND agency_text = ?1"
		" AND NOT EXISTS (SELECT 1 FROM assignment b WHERE b.task_id = assignment.task_id"
		"  AND b.unit_id = ?2)";
	static const char drop[] =
		"DELETE FROM assignment WHERE unit_id IS NULL AND agency_text = ?1";
	sqlite3_stmt *st;
	int64_t n;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, sql, &st, err)))
		return -rc;
	db_bind_text(st, 1, text);
	sqlite3_bind_int64(st, 2, unit_id);
	if ((rc = db_exec_stmt(s, st, err)))
		return -rc;
	n = sqlite3_changes(s->db);
	/* Tasks that already had the unit: the text was the same agency. */
	if ((rc = db_prepare(s, drop, &st, err)))
		return -rc;
	db_bind_text(st, 1, text);
	if ((rc = db_exec_stmt(s, st, err)))
		return -rc;
	return n + sqlite3_changes(s->db);
}

int store_agency_unresolved(struct store *s, agency_count_fn fn, void *ctx, struct error *err)
{
	static const char sql[] =
		"SELECT agency_text, count(*) FROM assignment WHERE unit_id IS NULL"
		" GROUP BY agency_text ORDER BY count(*) DESC, agency_text";
	sqlite3_stmt *st;
	int rc, stop = 0;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((stop = fn(db_col_text(st, 0), sqlite3_column_int64(st, 1), ctx)))
			break;
	return db_finish(s, st, rc, stop, err);
}
