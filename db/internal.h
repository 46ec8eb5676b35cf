/* internal.h - what the db/ modules share and nobody else sees. */
#ifndef DB_INTERNAL_H
#define DB_INTERNAL_H

#define SQLITE_ENABLE_SESSION 1
#include <sqlite3.h>

#include "db/store.h"

#define STMT_CACHE 64

struct store {
	sqlite3 *db;
	char *path;
	int readonly;                        /* refuse writes (a reading command) */
	int file_readonly;                   /* the file itself cannot be written */
	int depth;                           /* open transactions: 1 + savepoints */
	struct {
		const char *sql;             /* identity: the static string */
		sqlite3_stmt *stmt;
	} cache[STMT_CACHE];
};

/* A reset, unbound statement for a static SQL string, prepared once. */
int db_prepare(struct store *s, const char *sql, sqlite3_stmt **st, struct error *err);
/* End a row loop: "while ((rc = sqlite3_step(st)) == SQLITE_ROW) { ...
 * if ((stop = fn(&row, ctx))) break; }". Returns the callback's non-zero
 * stop value, the step's error, or ERR_OK; resets st. */
int db_finish(struct store *s, sqlite3_stmt *st, int rc, int stop, struct error *err);
/* Turn the connection's last error into an error value. */
int db_fail(struct store *s, struct error *err);
/* Refuse writes on a read-only store. */
int db_writable(struct store *s, struct error *err);

/* Binding that treats NULL and 0 as SQL NULL. */
void db_bind_text(sqlite3_stmt *st, int i, const char *v);
void db_bind_id(sqlite3_stmt *st, int i, int64_t v);
/* Column readers: NULL for SQL NULL. */
const char *db_col_text(sqlite3_stmt *st, int i);

/* Step a statement that returns no rows (or whose rows are ignored). */
int db_exec_stmt(struct store *s, sqlite3_stmt *st, struct error *err);
/* Prepare (cached), bind ?1 to text, and step: a write keyed by one gid. */
int db_exec_text(struct store *s, const char *sql, const char *text, struct error *err);

/* Task rows: the columns db_read_task() reads, from tasks t, plans p and
 * sections sec. A period query adds due_eff as the 20th column. */
#define TASK_COLUMNS \
	"t.id, t.gid, t.plan_id, p.number, t.section_id, sec.code, sec.title, t.parent_id," \
	" t.position, t.number, t.title, t.output, t.method, t.extra, t.sched_text," \
	" t.sched_kind, t.sched_start, t.sched_due, t.sched_recurs, p.calendar"
#define TASK_FROM \
	" FROM task t JOIN plan p ON p.id = t.plan_id LEFT JOIN section sec ON sec.id = t.section_id"
void db_read_task(sqlite3_stmt *st, struct task *t);

#endif
