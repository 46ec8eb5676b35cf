/* test_store.c - the db layer on real SQLite files: migrations from an
 * older schema, refusing newer and damaged files, history kept append-only,
 * statement errors turned into messages. */
#include <config.h>

#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/schema.h"
#include "db/store.h"
#include "tests/tap.h"

static char dir[] = "/tmp/dondoc-test-store-XXXXXX";

static const char *path(const char *name)
{
	static char buf[256];

	snprintf(buf, sizeof buf, "%s/%s", dir, name);
	return buf;
}

static int raw_exec(const char *file, const char *sql)
{
	sqlite3 *db;
	int rc;

	if (sqlite3_open(file, &db) != SQLITE_OK)
		return -1;
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc;
}

static long long raw_int(const char *file, const char *sql)
{
	sqlite3_stmt *st;
	sqlite3 *db;
	long long v = -1;

	if (sqlite3_open(file, &db) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static int count_record(const struct status_record *r, void *ctx)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

int main(void)
{
	struct store *s = NULL;
	struct error err;
	struct status_record r;
	int64_t unit, plan, task;
	struct task_values tv;
	char sql[256];
	int n, rc;

	if (!mkdtemp(dir)) {
		printf("1..0 # SKIP cannot make a temporary directory\n");
		return 77;
	}

	/* A version 1 database with data, as an older dondoc left it. */
	ok(raw_exec(path("v1.db"), schema_migrations[0]) == SQLITE_OK, "schema 1 builds");
	raw_exec(path("v1.db"),
		 "INSERT INTO unit(gid, code, name, name_fold, kind, created)"
		 " VALUES ('g1', 'KH', 'Tỉnh Khánh Hòa', 'tinh khanh hoa', 'province', 'x');"
		 "INSERT INTO plan(gid, issuer_id, number, title, start_year, end_year)"
		 " VALUES ('p1', 1, '3409/QĐ-UBND', 'Kế hoạch', 2024, 2024);"
		 "PRAGMA user_version = 1;");
	rc = store_open(&s, path("v1.db"), 0, &err);
	ok(rc == ERR_OK, "a version 1 database opens: %s", rc ? err.msg : "");
	if (s) {
		is_int(store_user_version(s), schema_version, "and is migrated to the current schema");
		store_close(s);
	}
	is_int(raw_int(path("v1.db"), "SELECT count(*) FROM plan WHERE number = '3409/QĐ-UBND'"),
	       1, "its plan is still there");
	is_int(raw_int(path("v1.db"), "SELECT calendar = 'calendar' FROM plan"), 1,
	       "the new column has its default");
	is_int(raw_int(path("v1.db"), "SELECT count(*) FROM sqlite_schema WHERE name = 'bundle_log'"),
	       1, "the tables of the new version exist");

	/* A newer database is refused, not damaged. */
	raw_exec(path("new.db"), schema_migrations[0]);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", schema_version + 5);
	raw_exec(path("new.db"), sql);
	rc = store_open(&s, path("new.db"), 0, &err);
	is_int(rc, ERR_NEWER, "a newer schema is refused");
	ok(strstr(err.msg, "newer dondoc") != NULL, "with a message saying so: %s", err.msg);
	is_int(raw_int(path("new.db"), "PRAGMA user_version"), schema_version + 5,
	       "and left as it was");

	/* A damaged file is reported before anything else. */
	{
		FILE *f = fopen(path("bad.db"), "wb");

		fputs("SQLite format 3", f);
		for (n = 0; n < 5000; n++)
			fputc(n * 7 & 0xff, f);
		fclose(f);
	}
	rc = store_open(&s, path("bad.db"), 0, &err);
	is_int(rc, ERR_CORRUPT, "a damaged file is refused");
	ok(strstr(err.msg, "bad.db") && strstr(err.msg, "damaged"), "naming the file: %s", err.msg);

	/* A missing directory is not created. */
	rc = store_open(&s, path("nowhere/x.db"), 0, &err);
	is_int(rc, ERR_IO, "a database in a missing directory is refused");
	ok(access(path("nowhere"), F_OK) != 0, "and the directory is not created");

	/* Writing: history grows with every change and cannot be rewritten. */
	rc = store_open(&s, path("new2.db"), 0, &err);
	ok(rc == ERR_OK, "a new database is created");
	if (rc)
		return tap_done();
	store_begin(s, &err);
	store_unit_insert(s, "u1", "SNV", "Sở Nội vụ", "so noi vu", "department", 0, &unit, &err);
	store_plan_insert(s, "p1", unit, "1/KH", NULL, "Plan", 2024, 2024, NULL, &plan, &err);
	memset(&tv, 0, sizeof tv);
	tv.gid = "t1";
	tv.plan_id = plan;
	tv.title = "Task";
	rc = store_task_insert(s, &tv, &task, &err);
	ok(rc == ERR_OK && store_commit(s, &err) == ERR_OK, "a task is stored");
	memset(&r, 0, sizeof r);
	r.gid = "r1";
	r.task_id = task;
	r.unit_id = unit;
	r.period = "2024Q2";
	r.status = "doing";
	r.progress = 10;
	r.author_id = unit;
	r.hlc = 1;
	r.updated = "2024-05-01T00:00:00Z";
	store_begin(s, &err);
	ok(store_record_put(s, &r, "h1", &err) == ERR_OK, "a record is written");
	r.status = "done";
	r.progress = 100;
	r.hlc = 2;
	ok(store_record_put(s, &r, "h2", &err) == ERR_OK, "and changed");
	store_commit(s, &err);
	n = 0;
	store_record_get(s, task, unit, "2024Q2", count_record, &n, &err);
	is_int(n, 1, "one record per (task, unit, period)");
	is_int(raw_int(path("new2.db"), "SELECT count(*) FROM status_history"), 2,
	       "two history entries");
	ok(raw_exec(path("new2.db"), "UPDATE status_history SET note = 'x'") != SQLITE_OK,
	   "history refuses updates");
	r.progress = 150;
	store_begin(s, &err);
	rc = store_record_put(s, &r, "h3", &err);
	store_rollback(s);
	ok(rc != ERR_OK, "progress over 100 is refused by the schema too: %s", err.msg);
	store_close(s);

	/* Read-only stores refuse writes with a message. */
	rc = store_open(&s, path("new2.db"), STORE_READONLY, &err);
	ok(rc == ERR_OK, "a database opens read-only");
	if (!rc) {
		rc = store_setting_set(s, "k", "v", &err);
		is_int(rc, ERR_READONLY, "and refuses to write");
		store_close(s);
	}
	return tap_done();
}
