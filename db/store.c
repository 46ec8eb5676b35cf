/* store.c - opening the database file safely, migrations, transactions,
 * settings and the statement cache.
 *
 * On open: refuse a directory that does not exist (no silent creation
 * elsewhere), open read-only when the file is not writable, check the file
 * (quick_check) so damage is reported before anything is read or written,
 * then bring the schema up to date in one transaction. WAL and a busy timeout
 * let a second instance read and wait instead of failing. */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/i18n.h"
#include "db/internal.h"
#include "db/schema.h"

enum { BUSY_TIMEOUT_MS = 5000 };

void db_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void db_bind_id(sqlite3_stmt *st, int i, int64_t v)
{
	if (v)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

const char *db_col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

int db_fail(struct store *s, struct error *err)
{
	int rc = sqlite3_extended_errcode(s->db);
	const char *why = sqlite3_errmsg(s->db);

	switch (rc & 0xff) {
	case SQLITE_NOMEM:
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return error_set(err, ERR_BUSY,
			_("%s: the database is in use by another dondoc; try again when it is done"),
			s->path);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return error_set(err, ERR_CORRUPT,
			_("%s: the database file is damaged (%s); restore it from a backup"),
			s->path, why);
	case SQLITE_READONLY:
		return error_set(err, ERR_READONLY,
			_("%s: the database is read-only; check the file's permissions"), s->path);
	case SQLITE_FULL:
		return error_set(err, ERR_IO, _("%s: the disk is full"), s->path);
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return error_set(err, ERR_IO, _("%s: cannot read or write the file (%s)"),
				 s->path, why);
	default:
		return error_set(err, ERR_DB, _("%s: database error: %s"), s->path, why);
	}
}

int db_writable(struct store *s, struct error *err)
{
	if (s->readonly)
		return error_set(err, ERR_READONLY,
			_("%s: the database is read-only; check the file's permissions"), s->path);
	return ERR_OK;
}

int db_prepare(struct store *s, const char *sql, sqlite3_stmt **st, struct error *err)
{
	int i;

	*st = NULL;
	for (i = 0; i < STMT_CACHE && s->cache[i].sql; i++) {
		if (s->cache[i].sql == sql) {
			sqlite3_reset(s->cache[i].stmt);
			sqlite3_clear_bindings(s->cache[i].stmt);
			*st = s->cache[i].stmt;
			return ERR_OK;
		}
	}
	if (i == STMT_CACHE) /* more distinct statements than slots: a programming error */
		return error_set(err, ERR_DB, "statement cache full");
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
			       &s->cache[i].stmt, NULL) != SQLITE_OK)
		return db_fail(s, err);
	s->cache[i].sql = sql;
	*st = s->cache[i].stmt;
	return ERR_OK;
}

int db_exec_stmt(struct store *s, sqlite3_stmt *st, struct error *err)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE) {
		rc = db_fail(s, err);
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	return ERR_OK;
}

int db_exec_text(struct store *s, const char *sql, const char *text, struct error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_text(st, 1, text);
	return db_exec_stmt(s, st, err);
}

static int exec(struct store *s, const char *sql, struct error *err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(s, err);
	return ERR_OK;
}

static int int_pragma(struct store *s, const char *sql, int *out, struct error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s, err);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	else if (rc != SQLITE_DONE) {
		sqlite3_finalize(st);
		return db_fail(s, err);
	}
	sqlite3_finalize(st);
	return ERR_OK;
}

int store_user_version(struct store *s)
{
	int v = -1;

	int_pragma(s, "PRAGMA user_version", &v, NULL);
	return v;
}

/* The check on open. quick_check reads every page, which takes a few
 * milliseconds on a real unit's database but about half a second on the
 * synthetic 300 MB province; so a file above FULL_CHECK_BYTES gets it once a
 * day (remembered in the settings), and otherwise a cheap check that reads
 * the header and the schema, which is where a truncated or foreign file
 * shows. */
enum { FULL_CHECK_BYTES = 64 << 20 };

static int checked_today(struct store *s)
{
	int yes = 0;

	if (int_pragma(s, "SELECT value = date('now') FROM setting WHERE key = 'checked_on'",
		       &yes, NULL))
		return 0;
	return yes;
}

static int check_integrity(struct store *s, int full, struct error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (!full) {
		int n = 0;

		return int_pragma(s, "SELECT count(*) FROM sqlite_schema", &n, err);
	}
	if (sqlite3_prepare_v2(s->db, "PRAGMA quick_check(1)", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s, err);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return db_fail(s, err);
	}
	if (strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0) {
		rc = error_set(err, ERR_CORRUPT,
			_("%s: the database file is damaged (%s); restore it from a backup"),
			s->path, (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	return ERR_OK;
}

static int migrate(struct store *s, struct error *err)
{
	char sql[64];
	int version = 0, rc;

	if ((rc = int_pragma(s, "PRAGMA user_version", &version, err)))
		return rc;
	if (version > schema_version)
		return error_set(err, ERR_NEWER,
			_("%s: the database was written by a newer dondoc (schema %d; this one knows %d); "
			  "upgrade dondoc to open it"), s->path, version, schema_version);
	if (version == schema_version)
		return ERR_OK;
	if (s->file_readonly)
		return error_set(err, ERR_READONLY,
			_("%s: the database needs an upgrade (schema %d to %d) but is read-only"),
			s->path, version, schema_version);
	if ((rc = exec(s, "BEGIN IMMEDIATE", err)))
		return rc;
	/* Re-read under the write lock: another instance may have migrated. */
	if ((rc = int_pragma(s, "PRAGMA user_version", &version, err)))
		goto fail;
	for (; version < schema_version; version++) {
		if ((rc = exec(s, schema_migrations[version], err)))
			goto fail;
	}
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", schema_version);
	if ((rc = exec(s, sql, err)) || (rc = exec(s, "COMMIT", err)))
		goto fail;
	return ERR_OK;
fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return error_prefix(err, _("%s: cannot upgrade the database: "), s->path);
}

/* SQLite's page cache in one region the kernel may back with 2 MiB pages.
 *
 * Why: on the virtual machines this runs on (shadow paging), the first
 * touch of each fresh 4 KiB page of memory costs about 10 µs, and a
 * commune's quarter reads some 800 database pages into fresh buffers: with
 * SQLite's own allocations that was a third of the command's time
 * (tests/bench/taskwarrior.sh: 26 ms -> 17 ms). With one huge page the
 * kernel takes one fault instead of hundreds. Nothing changes where the
 * kernel has no transparent huge pages: SQLite then allocates as before.
 * Called before SQLite's first use; a later call changes nothing. */
static void page_cache_region(void)
{
	enum { REGION = 4 << 20, HUGE = 2 << 20, DB_PAGE = 4096 };
	static int tried;
	char mode[64] = "";
	FILE *f;
	char *base, *p;
	int hdr = 0;

	if (tried++)
		return;
	if ((f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r"))) {
		if (!fgets(mode, sizeof mode, f))
			mode[0] = 0;
		fclose(f);
	}
	if (!mode[0] || strstr(mode, "[never]") ||
	    sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &hdr) != SQLITE_OK)
		return;
	/* Twice the size, so that a 2 MiB-aligned region lies inside. */
	base = mmap(NULL, REGION + HUGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		return;
	p = base + (HUGE - (uintptr_t)base % HUGE) % HUGE;
	if (madvise(p, REGION, MADV_HUGEPAGE) != 0 ||
	    sqlite3_config(SQLITE_CONFIG_PAGECACHE, p, DB_PAGE + hdr, REGION / (DB_PAGE + hdr)) !=
		    SQLITE_OK)
		munmap(base, REGION + HUGE);
}

/* Open the connection; with SQLITE_OPEN_URI, as an immutable file. */
static int connect(struct store *s, const char *path, int oflags, struct error *err)
{
	char *uri = NULL;
	const char *p;
	size_t n = 0;
	int rc;

	if (oflags & SQLITE_OPEN_URI) {
		/* file:PATH?immutable=1 with the URI's special characters escaped. */
		if (!(uri = malloc(strlen(path) * 3 + 32)))
			return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		n = (size_t)sprintf(uri, "file:");
		for (p = path; *p; p++)
			n += (size_t)(strchr("?#%", *p) ? sprintf(uri + n, "%%%02X", (unsigned char)*p)
						      : sprintf(uri + n, "%c", *p));
		strcpy(uri + n, "?immutable=1");
	}
	page_cache_region();
	rc = sqlite3_open_v2(uri ? uri : path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return db_fail(s, err);
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	return ERR_OK;
}

/* The directory must exist: a typo in --db should not create a tree. */
static int check_directory(const char *path, struct error *err)
{
	const char *slash = strrchr(path, '/');
	struct stat st;
	char *dir;
	int ok;

	if (!slash || slash == path)
		return ERR_OK;
	dir = strndup(path, (size_t)(slash - path));
	if (!dir)
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	ok = stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
	if (!ok)
		error_set(err, ERR_IO, _("%s: the directory %s does not exist"), path, dir);
	free(dir);
	return ok ? ERR_OK : ERR_IO;
}

int store_open(struct store **out, const char *path, int flags, struct error *err)
{
	struct store *s;
	struct stat st;
	int oflags, rc, exists, full = 0;

	*out = NULL;
	exists = stat(path, &st) == 0;
	if (exists && S_ISDIR(st.st_mode))
		return error_set(err, ERR_IO, _("%s: is a directory, not a database file"), path);
	if (!exists) {
		if (flags & STORE_READONLY)
			return error_set(err, ERR_NOTFOUND, _("%s: no such database"), path);
		if ((rc = check_directory(path, err)))
			return rc;
	}
	s = calloc(1, sizeof *s);
	if (!s || !(s->path = strdup(path))) {
		free(s);
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	}
	/* A reading command on a file it may write still opens it for writing:
	 * the schema upgrade after a new dondoc, and the day's check, are not the
	 * user's changes and should not wait for a writing command. */
	s->file_readonly = exists && access(path, W_OK) != 0;
	s->readonly = (flags & STORE_READONLY) || s->file_readonly;
	oflags = s->file_readonly ? SQLITE_OPEN_READONLY
				  : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if ((rc = connect(s, path, oflags, err)))
		goto fail;
	if (exists && !(flags & STORE_NO_CHECK))
		full = st.st_size <= FULL_CHECK_BYTES || !checked_today(s);
	if (exists && !(flags & STORE_NO_CHECK) && (rc = check_integrity(s, full, err))) {
		/* A WAL database in a place we cannot write cannot be read the
		 * usual way (no shared-memory file): read it as an immutable file. */
		if (!s->file_readonly || rc != ERR_READONLY)
			goto fail;
		sqlite3_close(s->db);
		s->db = NULL;
		if ((rc = connect(s, path, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, err)) ||
		    (rc = check_integrity(s, full, err)))
			goto fail;
	}
	if (!s->file_readonly) {
		/* synchronous=FULL: a committed change survives a power cut. */
		if ((rc = exec(s, "PRAGMA journal_mode=WAL", err)) ||
		    (rc = exec(s, "PRAGMA synchronous=FULL", err)))
			goto fail;
	}
	/* temp_store=MEMORY: the journals of savepoints (an import nests one per
	 * bundle) stay in memory instead of a temporary file. */
	if ((rc = exec(s, "PRAGMA foreign_keys=ON", err)) ||
	    (rc = exec(s, "PRAGMA temp_store=MEMORY", err)) || (rc = migrate(s, err)))
		goto fail;
	if (full && st.st_size > FULL_CHECK_BYTES && !s->file_readonly)
		exec(s, "INSERT OR REPLACE INTO setting(key, value) VALUES ('checked_on', date('now'))",
		     NULL);
	*out = s;
	return ERR_OK;
fail:
	store_close(s);
	return rc;
}

void store_close(struct store *s)
{
	int i;

	if (!s)
		return;
	for (i = 0; i < STMT_CACHE && s->cache[i].sql; i++)
		sqlite3_finalize(s->cache[i].stmt);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

const char *store_path(const struct store *s)
{
	return s->path;
}

int store_is_readonly(const struct store *s)
{
	return s->readonly;
}

void store_set_fast(struct store *s)
{
	sqlite3_exec(s->db, "PRAGMA synchronous=OFF", NULL, NULL, NULL);
}

/* Transactions nest: the outermost is BEGIN IMMEDIATE (take the write lock
 * at once, so a second instance waits instead of failing half-way), the
 * inner ones are savepoints. An inner rollback undoes only its own part; the
 * caller of the outer one decides about the rest. */
static int savepoint(struct store *s, const char *verb, int depth, struct error *err)
{
	char sql[48];

	snprintf(sql, sizeof sql, "%s sp%d", verb, depth);
	return exec(s, sql, err);
}

/* SQLite rolls a whole transaction back by itself after some errors (a full
 * disk, an I/O error, no memory): no savepoint is left to go back to, and
 * what the outer levels did is gone too. Seen at the next step, the levels
 * are forgotten, so no savepoint opens a new transaction of its own and the
 * caller of the outermost finds it gone (store_in_transaction). */
static int gone(struct store *s)
{
	if (s->depth == 0 || !sqlite3_get_autocommit(s->db))
		return 0;
	s->depth = 0;
	return 1;
}

int store_begin(struct store *s, struct error *err)
{
	int rc;

	if ((rc = db_writable(s, err)))
		return rc;
	if (gone(s))
		return error_set(err, ERR_IO,
			_("the transaction was rolled back after an earlier failure"));
	rc = s->depth == 0 ? exec(s, "BEGIN IMMEDIATE", err) : savepoint(s, "SAVEPOINT", s->depth, err);
	if (!rc)
		s->depth++;
	return rc;
}

int store_commit(struct store *s, struct error *err)
{
	int rc;

	if (gone(s))
		return error_set(err, ERR_IO,
			_("the transaction was rolled back after an earlier failure"));
	if (s->depth == 0)
		return ERR_OK;
	if (s->depth > 1) {
		s->depth--;
		return savepoint(s, "RELEASE", s->depth, err);
	}
	if ((rc = exec(s, "COMMIT", err))) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		s->depth = 0;
		return rc;
	}
	s->depth = 0;
	return ERR_OK;
}

void store_rollback(struct store *s)
{
	if (s->depth == 0 || gone(s))
		return;
	if (--s->depth > 0) {
		savepoint(s, "ROLLBACK TO", s->depth, NULL);
		savepoint(s, "RELEASE", s->depth, NULL);
		return;
	}
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_in_transaction(const struct store *s)
{
	return s->depth > 0 && !sqlite3_get_autocommit(s->db);
}

int store_setting_get(struct store *s, const char *key, char **out, struct error *err)
{
	static const char sql[] = "SELECT value FROM setting WHERE key = ?1";
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*out = strdup(db_col_text(st, 0));
		if (!*out)
			rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		else
			rc = ERR_OK;
	} else if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
		rc = ERR_OK;
	} else {
		rc = db_fail(s, err);
	}
	sqlite3_reset(st);
	return rc;
}

int store_setting_set(struct store *s, const char *key, const char *value, struct error *err)
{
	static const char sql[] =
		"INSERT INTO setting(key, value) VALUES (?1, ?2)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)))
		return rc;
	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, value);
	return db_exec_stmt(s, st, err);
}

int db_finish(struct store *s, sqlite3_stmt *st, int rc, int stop, struct error *err)
{
	if (stop) {
		sqlite3_reset(st);
		return stop;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		rc = db_fail(s, err);
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	return ERR_OK;
}
