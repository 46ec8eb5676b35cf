/* units.c - the unit tree: departments, districts, communes and their
 * renames, moves and merges. A merged unit stays (inactive, with a successor)
 * so that what it reported stays its own. */
#include <config.h>

#include "db/internal.h"

#define UNIT_COLUMNS \
	"u.id, u.gid, u.code, u.name, u.kind, u.parent_id, p.code, u.successor_id, s.code, u.active"
#define UNIT_JOINS \
	" FROM unit u LEFT JOIN unit p ON p.id = u.parent_id LEFT JOIN unit s ON s.id = u.successor_id"

static void read_unit(sqlite3_stmt *st, struct unit *u, int depth_col)
{
	u->id = sqlite3_column_int64(st, 0);
	u->gid = db_col_text(st, 1);
	u->code = db_col_text(st, 2);
	u->name = db_col_text(st, 3);
	u->kind = db_col_text(st, 4);
	u->parent_id = sqlite3_column_int64(st, 5);
	u->parent_code = db_col_text(st, 6);
	u->successor_id = sqlite3_column_int64(st, 7);
	u->successor_code = db_col_text(st, 8);
	u->active = sqlite3_column_int(st, 9);
	u->depth = depth_col ? sqlite3_column_int(st, depth_col) : 0;
}

static int each_unit(struct store *s, sqlite3_stmt *st, int depth_col, unit_fn fn, void *ctx,
		     struct error *err)
{
	struct unit u;
	int rc, stop = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_unit(st, &u, depth_col);
		if ((stop = fn(&u, ctx)))
			break;
	}
	return db_finish(s, st, rc, stop, err);
}

int store_unit_insert(struct store *s, const char *gid, const char *code, const char *name,
		      const char *name_fold, const char *kind, int64_t parent_id,
		      int64_t *id, struct error *err)
{
	static const char sql[] =
		"INSERT INTO unit(gid, code, name, name_fold, kind, parent_id, created)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%SZ','now'))";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_text(st, 1, gid);
	db_bind_text(st, 2, code);
	db_bind_text(st, 3, name);
	db_bind_text(st, 4, name_fold);
	db_bind_text(st, 5, kind);
	db_bind_id(st, 6, parent_id);
	if ((rc = db_exec_stmt(s, st, err)))
		return rc;
	if (id)
		*id = sqlite3_last_insert_rowid(s->db);
	return ERR_OK;
}

int store_unit_find(struct store *s, const char *code, unit_fn fn, void *ctx, struct error *err)
{
	static const char sql[] = "SELECT " UNIT_COLUMNS UNIT_JOINS " WHERE u.code = ?1";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_text(st, 1, code);
	return each_unit(s, st, 0, fn, ctx, err);
}

int store_unit_get(struct store *s, int64_t id, unit_fn fn, void *ctx, struct error *err)
{
	static const char sql[] = "SELECT " UNIT_COLUMNS UNIT_JOINS " WHERE u.id = ?1";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	return each_unit(s, st, 0, fn, ctx, err);
}

int store_unit_walk(struct store *s, unit_fn fn, void *ctx, struct error *err)
{
	/* The sort key is the path of codes from the root: depth-first order. */
	static const char sql[] =
		"WITH RECURSIVE tree(id, depth, path) AS ("
		"  SELECT id, 0, code FROM unit WHERE parent_id IS NULL"
		"  UNION ALL"
		"  SELECT u.id, t.depth + 1, t.path || char(1) || u.code"
		"  FROM unit u JOIN tree t ON u.parent_id = t.id"
		")"
		" SELECT " UNIT_COLUMNS ", tree.depth" UNIT_JOINS
		" JOIN tree ON tree.id = u.id ORDER BY tree.path";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	return each_unit(s, st, 10, fn, ctx, err);
}

int store_unit_update(struct store *s, int64_t id, const char *name, const char *name_fold,
		      int64_t parent_id, struct error *err)
{
	static const char sql[] =
		"UPDATE unit SET name = ?2, name_fold = ?3, parent_id = ?4 WHERE id = ?1";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, name_fold);
	db_bind_id(st, 4, parent_id);
	return db_exec_stmt(s, st, err);
}

int store_unit_retire(struct store *s, int64_t id, int64_t successor_id, struct error *err)
{
	static const char sql[] = "UPDATE unit SET active = 0, successor_id = ?2 WHERE id = ?1";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	db_bind_id(st, 2, successor_id);
	return db_exec_stmt(s, st, err);
}

int store_unit_history_add(struct store *s, int64_t unit_id, const char *at, const char *change,
			   const char *old_value, const char *new_value, struct error *err)
{
	static const char sql[] =
		"INSERT INTO unit_history(unit_id, at, change, old_value, new_value)"
		" VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, unit_id);
	db_bind_text(st, 2, at);
	db_bind_text(st, 3, change);
	db_bind_text(st, 4, old_value);
	db_bind_text(st, 5, new_value);
	return db_exec_stmt(s, st, err);
}

int store_unit_is_within(struct store *s, int64_t unit_id, int64_t ancestor_id, struct error *err)
{
	static const char sql[] =
		"WITH RECURSIVE up(id) AS ("
		"  SELECT ?1 UNION SELECT u.parent_id FROM unit u JOIN up ON u.id = up.id"
		"  WHERE u.parent_id IS NOT NULL"
		") SELECT EXISTS (SELECT 1 FROM up WHERE id = ?2)";
	sqlite3_stmt *st;
	int rc, within;

	if ((rc = db_prepare(s, sql, &st, err)))
		return -rc;
	sqlite3_bind_int64(st, 1, unit_id);
	sqlite3_bind_int64(st, 2, ancestor_id);
	rc = sqlite3_step(st);
	within = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	if (rc != SQLITE_ROW)
		return -db_finish(s, st, rc, 0, err);
	sqlite3_reset(st);
	return within;
}

/* The tree of a root: the root and everything below it. ?2 is the root
 * (NULL: all units). */
#define TREE_CTE \
	"WITH RECURSIVE tree(id) AS (SELECT id FROM unit WHERE ?2 IS NULL OR id = ?2" \
	" UNION SELECT u.id FROM unit u JOIN tree ON u.parent_id = tree.id) "

/* A name as headings and agency columns write it: a people's committee
 * ("Ủy ban nhân dân tỉnh Khánh Hòa", "UBND tỉnh Khánh Hòa") is known by its
 * place ("tỉnh Khánh Hòa"), which is how a unit is often named. */
#define NAME_KEY(x) \
	"(CASE WHEN " x " LIKE 'uy ban nhan dan %' THEN substr(" x ", 17)" \
	" WHEN " x " LIKE 'ubnd %' THEN substr(" x ", 6) ELSE " x " END)"

int store_unit_match_name(struct store *s, const char *fold, int64_t root_id, int merged,
			  unit_fn fn, void *ctx, struct error *err)
{
	static const char sql[] = TREE_CTE "SELECT " UNIT_COLUMNS UNIT_JOINS
		" WHERE u.active = NOT ?3 AND u.id IN tree AND (u.name_fold = ?1"
		" OR " NAME_KEY("u.name_fold") " = " NAME_KEY("?1")
		" OR substr(u.name_fold, 1, length(?1) + 6) = ?1 || ' tinh '"
		" OR (substr(?1, -5) = ' tinh' AND substr(u.name_fold, 1, length(?1) + 1) = ?1 || ' '))"
		" ORDER BY u.name_fold <> ?1, u.code";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_text(st, 1, fold);
	db_bind_id(st, 2, root_id);
	sqlite3_bind_int(st, 3, merged != 0);
	return each_unit(s, st, 0, fn, ctx, err);
}

int store_units_of_kind(struct store *s, const char *kind, int64_t root_id, unit_fn fn, void *ctx,
			struct error *err)
{
	static const char sql[] = TREE_CTE "SELECT " UNIT_COLUMNS UNIT_JOINS
		" WHERE u.active AND u.id IN tree AND u.kind = ?1 ORDER BY u.code";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_text(st, 1, kind);
	db_bind_id(st, 2, root_id);
	return each_unit(s, st, 0, fn, ctx, err);
}

int64_t store_unit_root(struct store *s, int64_t unit_id, struct error *err)
{
	static const char sql[] =
		"WITH RECURSIVE up(id, parent) AS (SELECT id, parent_id FROM unit WHERE id = ?1"
		" UNION SELECT u.id, u.parent_id FROM unit u JOIN up ON u.id = up.parent)"
		" SELECT id FROM up WHERE parent IS NULL";
	sqlite3_stmt *st;
	int64_t root = 0;
	int rc;

	if (db_prepare(s, sql, &st, err))
		return 0;
	sqlite3_bind_int64(st, 1, unit_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		root = sqlite3_column_int64(st, 0);
	db_finish(s, st, rc, 0, err);
	return root;
}

int store_units_of_kind_below(struct store *s, const char *kind, int64_t parent_id, unit_fn fn,
			      void *ctx, struct error *err)
{
	static const char sql[] = "SELECT " UNIT_COLUMNS UNIT_JOINS
		" WHERE u.active AND u.kind = ?1 AND u.parent_id = ?2 ORDER BY u.code";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_text(st, 1, kind);
	sqlite3_bind_int64(st, 2, parent_id);
	return each_unit(s, st, 0, fn, ctx, err);
}
