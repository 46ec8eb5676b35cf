/* sync.c - what signed bundles read and write: keys, the record log,
 * received batches, acknowledgements, the import log, and the rows other
 * units own, applied by global id.
 *
 * Payloads are strings of netstrings (schema.h, NS) built here in SQL and
 * parsed in core/bundle.c; rows reach this layer as arrays of field strings
 * in the order the payload carries them. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "db/i18n.h"
#include "db/internal.h"
#include "db/schema.h"

/* Keys. */

int store_key_put(struct store *s, int64_t unit_id, const unsigned char pk[32],
		  const void *chain, size_t chain_len, int root, const char *valid_until,
		  struct error *err)
{
	static const char sql[] =
		"INSERT INTO unit_key(unit_id, public_key, certificate, trusted_root, valid_until)"
		" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(public_key) DO UPDATE SET"
		" certificate = coalesce(excluded.certificate, certificate),"
		" trusted_root = trusted_root OR excluded.trusted_root,"
		" valid_until = coalesce(excluded.valid_until, valid_until)"
		" WHERE unit_id = excluded.unit_id";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, unit_id);
	sqlite3_bind_blob(st, 2, pk, 32, SQLITE_TRANSIENT);
	if (chain)
		sqlite3_bind_blob(st, 3, chain, (int)chain_len, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 4, root);
	db_bind_text(st, 5, valid_until);
	if ((rc = db_exec_stmt(s, st, err)))
		return rc;
	if (sqlite3_changes(s->db) == 0)
		return error_set(err, ERR_EXISTS, _("this public key belongs to another unit"));
	return ERR_OK;
}

static int each_key(struct store *s, sqlite3_stmt *st, key_fn fn, void *ctx, struct error *err)
{
	struct unit_key k;
	int rc, stop = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		k.unit_id = sqlite3_column_int64(st, 0);
		k.unit_gid = db_col_text(st, 1);
		k.unit_code = db_col_text(st, 2);
		k.public_key = sqlite3_column_blob(st, 3);
		if (sqlite3_column_bytes(st, 3) != 32)
			continue;
		k.chain = sqlite3_column_blob(st, 4);
		k.chain_len = (size_t)sqlite3_column_bytes(st, 4);
		k.root = sqlite3_column_int(st, 5);
		k.valid_until = db_col_text(st, 6);
		if ((stop = fn(&k, ctx)))
			break;
	}
	return db_finish(s, st, rc, stop, err);
}

#define KEY_SELECT \
	"SELECT k.unit_id, u.gid, u.code, k.public_key, k.certificate, k.trusted_root," \
	" k.valid_until FROM unit_key k JOIN unit u ON u.id = k.unit_id"

int store_key_list(struct store *s, int64_t unit_id, int roots, key_fn fn, void *ctx,
		   struct error *err)
{
	static const char sql[] = KEY_SELECT
		" WHERE (?1 IS NULL OR k.unit_id = ?1) AND (NOT ?2 OR k.trusted_root)"
		" ORDER BY k.id DESC";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_id(st, 1, unit_id);
	sqlite3_bind_int(st, 2, roots);
	return each_key(s, st, fn, ctx, err);
}

/* The integer a one-column query for a global id gives (0: no row). */
static int id_of(struct store *s, const char *sql, const char *gid, int64_t *id,
		 struct error *err)
{
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_text(st, 1, gid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	return db_finish(s, st, rc, 0, err);
}

int store_unit_find_gid(struct store *s, const char *gid, int64_t *id, struct error *err)
{
	return id_of(s, "SELECT id FROM unit WHERE gid = ?1", gid, id, err);
}

/* The record log. */

/* The integer a query of one row gives for ?1 and ?2 (0 when no row). */
static int int_of(struct store *s, const char *sql, int64_t a, int64_t b, int64_t *out,
		  struct error *err)
{
	sqlite3_stmt *st;
	int rc;

	*out = 0;
	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) > 1)
		sqlite3_bind_int64(st, 2, b);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	return db_finish(s, st, rc, 0, err);
}


static int each_entry(struct store *s, sqlite3_stmt *st, log_fn fn, void *ctx, struct error *err)
{
	struct log_entry e;
	int rc, stop = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		e.origin_id = sqlite3_column_int64(st, 0);
		e.seq = sqlite3_column_int64(st, 1);
		e.hlc = sqlite3_column_int64(st, 2);
		e.entity = db_col_text(st, 3);
		e.gid = db_col_text(st, 4);
		e.payload = sqlite3_column_blob(st, 5);
		e.len = (size_t)sqlite3_column_bytes(st, 5);
		e.applied = sqlite3_column_int(st, 6);
		if ((stop = fn(&e, ctx)))
			break;
	}
	return db_finish(s, st, rc, stop, err);
}

#define LOG_SELECT \
	"SELECT c.origin_id, c.seq, c.hlc, c.entity, c.gid, c.payload, c.applied FROM change_log c"

int store_log_since(struct store *s, int64_t origin_id, int64_t after, const char *period,
		    log_fn fn, void *ctx, struct error *err)
{
	/* Only what the origin owns travels: its own records and submissions
	 * (a plan's issuer may have written a record for an assignee; that
	 * stays in the issuer's log and is not sent up). */
	static const char sql[] = LOG_SELECT
		" WHERE c.origin_id = ?1 AND c.seq > ?2 AND CASE c.entity"
		"  WHEN 'record' THEN EXISTS (SELECT 1 FROM status_history h"
		"   JOIN status_record r ON r.id = h.record_id WHERE h.gid = c.gid"
		"   AND r.unit_id = c.origin_id AND (?3 IS NULL OR r.period = ?3))"
		"  WHEN 'submission' THEN EXISTS (SELECT 1 FROM submission sub WHERE sub.gid = c.gid"
		"   AND sub.unit_id = c.origin_id AND (?3 IS NULL OR sub.period = ?3))"
		"  ELSE 0 END"    /* a gap carries nothing */
		" ORDER BY c.seq";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, origin_id);
	sqlite3_bind_int64(st, 2, after);
	db_bind_text(st, 3, period);
	return each_entry(s, st, fn, ctx, err);
}

int store_log_last(struct store *s, int64_t origin_id, int64_t *seq, struct error *err)
{
	return int_of(s, "SELECT coalesce(max(seq), 0) FROM change_log WHERE origin_id = ?1",
		      origin_id, 0, seq, err);
}

int store_log_compare(struct store *s, const struct log_entry *e, int *state, struct error *err)
{
	/* Local payloads are stored as text, received ones as blobs: compare
	 * bytes. */
	static const char sql[] =
		"SELECT CAST(payload AS BLOB) = ?3 FROM change_log WHERE origin_id = ?1 AND seq = ?2";
	sqlite3_stmt *st;
	int rc;

	*state = 0;
	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, e->origin_id);
	sqlite3_bind_int64(st, 2, e->seq);
	sqlite3_bind_blob(st, 3, e->payload, (int)e->len, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*state = sqlite3_column_int(st, 0) ? 1 : 2;
	return db_finish(s, st, rc, 0, err);
}

int store_log_at_or_below(struct store *s, int64_t origin_id, int64_t seq, log_fn fn, void *ctx,
			  struct error *err)
{
	static const char sql[] = LOG_SELECT
		" WHERE c.origin_id = ?1 AND c.seq <= ?2 AND c.entity <> 'gap'"
		" ORDER BY c.seq DESC LIMIT 1";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, origin_id);
	sqlite3_bind_int64(st, 2, seq);
	return each_entry(s, st, fn, ctx, err);
}

int store_log_renumber(struct store *s, int64_t origin_id, int64_t offset, struct error *err)
{
	/* Through negative numbers: no step meets a number still in use. */
	static const char away[] = "UPDATE change_log SET seq = -seq WHERE origin_id = ?1";
	static const char back[] =
		"UPDATE change_log SET seq = ?2 - seq WHERE origin_id = ?1 AND seq < 0";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, away, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, origin_id);
	if ((rc = db_exec_stmt(s, st, err)) || (rc = db_prepare(s, back, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, origin_id);
	sqlite3_bind_int64(st, 2, offset);
	return db_exec_stmt(s, st, err);
}

int store_log_add(struct store *s, const struct log_entry *e, int *added, struct error *err)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO change_log(origin_id, seq, hlc, entity, gid, payload, applied)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, e->origin_id);
	sqlite3_bind_int64(st, 2, e->seq);
	sqlite3_bind_int64(st, 3, e->hlc);
	db_bind_text(st, 4, e->entity);
	db_bind_text(st, 5, e->gid);
	sqlite3_bind_blob(st, 6, e->payload, (int)e->len, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 7, e->applied);
	if ((rc = db_exec_stmt(s, st, err)))
		return rc;
	*added = sqlite3_changes(s->db) > 0;
	return ERR_OK;
}

int store_log_list(struct store *s, int pending, log_fn fn, void *ctx, struct error *err)
{
	/* Two statements: "NOT c.applied" as written lets the planner use the
	 * partial index of waiting entries, which an import asks about every
	 * time (a scan of a province's log takes a tenth of a second). */
	static const char waiting[] = LOG_SELECT
		" WHERE NOT c.applied ORDER BY c.origin_id, c.seq";
	static const char applied[] = LOG_SELECT
		" WHERE c.applied ORDER BY c.origin_id, c.seq";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, pending ? waiting : applied, &st, err)))
		return rc;
	return each_entry(s, st, fn, ctx, err);
}

int store_log_set_applied(struct store *s, int64_t origin_id, int64_t seq, struct error *err)
{
	static const char sql[] =
		"UPDATE change_log SET applied = 1 WHERE origin_id = ?1 AND seq = ?2";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, origin_id);
	sqlite3_bind_int64(st, 2, seq);
	return db_exec_stmt(s, st, err);
}

/* Received batches. A report batch covers its origin's log from first to
 * last; one with first < 0 holds one period's entries only (-20242 for
 * 2024Q2) and covers nothing. A plan batch is a snapshot numbered first. */

int store_batch_add(struct store *s, int64_t origin_id, const char *kind, int64_t first,
		    int64_t last, const void *body, size_t len, int *added, struct error *err)
{
	/* Three shapes, each its own statements so that every one is a probe
	 * of the primary key (origin, kind, first, last), never a scan of all
	 * an origin has sent: a report range, a period batch (first < 0: one
	 * period's entries), a plan snapshot (numbered first = last).
	 *
	 * The batches kept never cover one another (drop_*), so among the
	 * ranges starting at or before `first` the one starting last reaches
	 * furthest: if it does not cover the new range, none does. */
	static const char *const covered[] = {
		"SELECT last_seq >= ?4 FROM batch WHERE origin_id = ?1 AND kind = 'report'"
		" AND first_seq BETWEEN 1 AND ?3 ORDER BY first_seq DESC LIMIT 1",
		"SELECT EXISTS (SELECT 1 FROM batch WHERE origin_id = ?1 AND kind = 'report'"
		" AND first_seq = ?3 AND last_seq >= ?4)",
		"SELECT EXISTS (SELECT 1 FROM batch WHERE origin_id = ?1 AND kind = 'plan'"
		" AND last_seq >= ?4)",
	};
	/* Keep only batches no other covers, whatever order they came in: a
	 * report range replaces those within it (which start inside it), a
	 * period batch the same period's shorter ones, a snapshot older ones. */
	static const char *const drop[] = {
		"DELETE FROM batch WHERE origin_id = ?1 AND kind = 'report'"
		" AND first_seq BETWEEN ?3 AND ?4 AND last_seq <= ?4",
		"DELETE FROM batch WHERE origin_id = ?1 AND kind = 'report'"
		" AND first_seq = ?3 AND last_seq <= ?4",
		"DELETE FROM batch WHERE origin_id = ?1 AND kind = 'plan'",
	};
	static const char insert[] =
		"INSERT OR IGNORE INTO batch(origin_id, kind, first_seq, last_seq, body)"
		" VALUES (?1, ?2, ?3, ?4, ?5)";
	int shape = strcmp(kind, "plan") == 0 ? 2 : first > 0 ? 0 : 1;
	sqlite3_stmt *st;
	int rc, is_covered = 0;

	*added = 0;
	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, covered[shape], &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, origin_id);
	sqlite3_bind_int64(st, 3, first);
	sqlite3_bind_int64(st, 4, last);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		is_covered = sqlite3_column_int(st, 0);
	if ((rc = db_finish(s, st, rc, 0, err)) || is_covered)
		return rc;
	*added = 1;
	if ((rc = db_prepare(s, drop[shape], &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, origin_id);
	if (shape < 2) {
		sqlite3_bind_int64(st, 3, first);
		sqlite3_bind_int64(st, 4, last);
	}
	if ((rc = db_exec_stmt(s, st, err)) || (rc = db_prepare(s, insert, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, origin_id);
	db_bind_text(st, 2, kind);
	sqlite3_bind_int64(st, 3, first);
	sqlite3_bind_int64(st, 4, last);
	sqlite3_bind_blob(st, 5, body, (int)len, SQLITE_TRANSIENT);
	return db_exec_stmt(s, st, err);
}

static int each_batch(struct store *s, sqlite3_stmt *st, batch_fn fn, void *ctx,
		      struct error *err)
{
	int rc, stop = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const void *body = sqlite3_column_blob(st, 4);
		size_t len = (size_t)sqlite3_column_bytes(st, 4);

		if ((stop = fn(sqlite3_column_int64(st, 0), db_col_text(st, 1),
			       sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3), body, len,
			       ctx)))
			break;
	}
	return db_finish(s, st, rc, stop, err);
}

int store_batch_relay(struct store *s, int64_t unit_id, int64_t peer_id, const char *kind,
		      batch_fn fn, void *ctx, struct error *err)
{
	/* Reports go up: the batches of the units below, not yet acknowledged
	 * by the peer, and ("plan-below") their delegations. Plans go down: the
	 * latest snapshot of each unit above, the issuers first. */
	static const char sql[] =
		"WITH RECURSIVE below(id) AS (SELECT id FROM unit WHERE parent_id = ?1"
		"  UNION SELECT u.id FROM unit u JOIN below ON u.parent_id = below.id"
		"   OR u.successor_id = below.id),"
		" above(id, depth) AS (SELECT parent_id, 1 FROM unit WHERE id = ?1"
		"  AND parent_id IS NOT NULL UNION SELECT u.parent_id, above.depth + 1 FROM unit u"
		"  JOIN above ON u.id = above.id WHERE u.parent_id IS NOT NULL)"
		" SELECT b.origin_id, b.kind, b.first_seq, b.last_seq, b.body FROM batch b"
		" LEFT JOIN above ON above.id = b.origin_id"
		" WHERE b.kind = CASE ?3 WHEN 'report' THEN 'report' ELSE 'plan' END AND CASE ?3"
		"  WHEN 'report' THEN b.origin_id IN below AND b.last_seq > coalesce((SELECT"
		"   acked_seq FROM sync_peer WHERE peer_id = ?2 AND origin_id = b.origin_id), 0)"
		"  WHEN 'plan-below' THEN b.origin_id IN below"
		"  ELSE above.id IS NOT NULL END"
		" ORDER BY above.depth DESC, b.origin_id, b.first_seq, b.last_seq";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, unit_id);
	db_bind_id(st, 2, peer_id);
	db_bind_text(st, 3, kind);
	return each_batch(s, st, fn, ctx, err);
}

int store_sender_created(struct store *s, int64_t sender_id, int64_t *created,
			 struct error *err)
{
	return int_of(s, "SELECT created FROM sender_clock WHERE unit_id = ?1", sender_id, 0,
		      created, err);
}

int store_sender_created_set(struct store *s, int64_t sender_id, int64_t created,
			     struct error *err)
{
	static const char sql[] =
		"INSERT INTO sender_clock(unit_id, created) VALUES (?1, ?2)"
		" ON CONFLICT DO UPDATE SET created = max(created, excluded.created)";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, sender_id);
	sqlite3_bind_int64(st, 2, created);
	return db_exec_stmt(s, st, err);
}

int store_peer_acked(struct store *s, int64_t peer_id, int64_t origin_id, int64_t *seq,
		     struct error *err)
{
	return int_of(s, "SELECT acked_seq FROM sync_peer WHERE peer_id = ?1 AND origin_id = ?2",
		      peer_id, origin_id, seq, err);
}

int store_peer_ack(struct store *s, int64_t peer_id, int64_t origin_id, int64_t seq,
		   struct error *err)
{
	static const char sql[] =
		"INSERT INTO sync_peer(peer_id, origin_id, acked_seq) VALUES (?1, ?2, ?3)"
		" ON CONFLICT DO UPDATE SET acked_seq = max(acked_seq, excluded.acked_seq)";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, peer_id);
	sqlite3_bind_int64(st, 2, origin_id);
	sqlite3_bind_int64(st, 3, seq);
	return db_exec_stmt(s, st, err);
}

int store_ack_list(struct store *s, int64_t unit_id, ack_fn fn, void *ctx, struct error *err)
{
	/* How far the log of each unit at or below unit_id has reached us
	 * without a gap: received batches' ranges joined from 1. A unit's own
	 * entries are all here. */
	static const char sql[] =
		"WITH RECURSIVE scope(id) AS (SELECT ?1 UNION SELECT u.id FROM unit u"
		"  JOIN scope ON u.parent_id = scope.id OR u.successor_id = scope.id)"
		" SELECT u.gid, b.first_seq, b.last_seq, u.id FROM batch b JOIN unit u ON u.id = b.origin_id"
		" WHERE b.kind = 'report' AND b.first_seq > 0 AND b.origin_id IN scope"
		" ORDER BY u.gid, b.first_seq, b.last_seq";
	sqlite3_stmt *st;
	char gid[64] = "";
	int64_t upto = 0, id = 0;
	int rc, stop = 0, broken = 0;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, unit_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *g = db_col_text(st, 0);
		int64_t first = sqlite3_column_int64(st, 1), last = sqlite3_column_int64(st, 2);

		if (strcmp(g, gid) != 0) {
			if (gid[0] && upto > 0 && (stop = fn(gid, id, upto, ctx)))
				break;
			snprintf(gid, sizeof gid, "%s", g);
			id = sqlite3_column_int64(st, 3);
			upto = 0;
			broken = 0;
		}
		if (!broken && first <= upto + 1) {
			if (last > upto)
				upto = last;
		} else {
			broken = 1;
		}
	}
	if (!stop && rc == SQLITE_DONE && gid[0] && upto > 0)
		stop = fn(gid, id, upto, ctx);
	return db_finish(s, st, rc, stop, err);
}

/* The import log. */

int store_bundle_log_add(struct store *s, const struct bundle_log_row *r, struct error *err)
{
	static const char sql[] =
		"INSERT INTO bundle_log(at, file, sender, kind, outcome, reason, hash, summary)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_text(st, 1, r->at);
	db_bind_text(st, 2, r->file);
	db_bind_text(st, 3, r->sender);
	db_bind_text(st, 4, r->kind);
	db_bind_text(st, 5, r->outcome);
	db_bind_text(st, 6, r->reason ? r->reason : "");
	db_bind_text(st, 7, r->hash);
	db_bind_text(st, 8, r->summary ? r->summary : "");
	return db_exec_stmt(s, st, err);
}

int store_bundle_log_list(struct store *s, const char *hash, bundle_log_fn fn, void *ctx,
			  struct error *err)
{
	static const char sql[] =
		"SELECT at, file, sender, kind, outcome, reason, hash, summary FROM bundle_log"
		" WHERE ?1 IS NULL OR hash = ?1 ORDER BY id";
	struct bundle_log_row r;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	db_bind_text(st, 1, hash);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.at = db_col_text(st, 0);
		r.file = db_col_text(st, 1);
		r.sender = db_col_text(st, 2);
		r.kind = db_col_text(st, 3);
		r.outcome = db_col_text(st, 4);
		r.reason = db_col_text(st, 5);
		r.hash = db_col_text(st, 6);
		r.summary = db_col_text(st, 7);
		if ((stop = fn(&r, ctx)))
			break;
	}
	return db_finish(s, st, rc, stop, err);
}

/* Rows other units own, applied by global id. Each statement takes the
 * fields as ?1..?N in payload order. */

static const char *const apply_sql[] = {
	/* unit: gid code name name_fold kind parent successor active; ?9 whether
	 * the sender may change it (a unit below the sender) or only add it. */
	[SYNC_UNIT] =
	"INSERT INTO unit(gid, code, name, name_fold, kind, parent_id, successor_id, active,"
	" created) VALUES (?1, ?2, ?3, ?4, ?5, (SELECT id FROM unit WHERE gid = ?6),"
	" (SELECT id FROM unit WHERE gid = ?7), ?8, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
	" ON CONFLICT(gid) DO UPDATE SET code = excluded.code, name = excluded.name,"
	" name_fold = excluded.name_fold, kind = excluded.kind, parent_id = excluded.parent_id,"
	" successor_id = excluded.successor_id, active = excluded.active WHERE ?9",
	/* plan: gid issuer number issued title start end calendar source_hash.
	 * A plan here with the issuer's number but another gid is the same plan
	 * imported again there (--replace makes new ids): it takes the new gid,
	 * so what is kept of it stays under it. */
	[SYNC_PLAN] =
	"INSERT INTO plan(gid, issuer_id, number, issued, title, start_year, end_year, calendar,"
	" source_hash) VALUES (?1, (SELECT id FROM unit WHERE gid = ?2), ?3, nullif(?4, ''),"
	" ?5, ?6, ?7, ?8, nullif(?9, '')) ON CONFLICT(gid) DO UPDATE SET number = excluded.number,"
	" issued = excluded.issued, title = excluded.title, start_year = excluded.start_year,"
	" end_year = excluded.end_year, calendar = excluded.calendar,"
	" source_hash = excluded.source_hash"
	" ON CONFLICT(issuer_id, number) WHERE number <> '' DO UPDATE SET gid = excluded.gid,"
	" issued = excluded.issued, title = excluded.title, start_year = excluded.start_year,"
	" end_year = excluded.end_year, calendar = excluded.calendar,"
	" source_hash = excluded.source_hash",
	/* section: gid plan parent position code title */
	[SYNC_SECTION] =
	"INSERT INTO section(gid, plan_id, parent_id, position, code, title) VALUES (?1,"
	" (SELECT id FROM plan WHERE gid = ?2), (SELECT id FROM section WHERE gid = ?3), ?4, ?5, ?6)"
	" ON CONFLICT(gid) DO UPDATE SET parent_id = excluded.parent_id,"
	" position = excluded.position, code = excluded.code, title = excluded.title",
	/* task: gid plan section parent position number title output method extra
	 * sched_text sched_kind sched_start sched_due sched_recurs search_fold */
	[SYNC_TASK] =
	"INSERT INTO task(gid, plan_id, section_id, parent_id, position, number, title, output,"
	" method, extra, sched_text, sched_kind, sched_start, sched_due, sched_recurs, search_fold)"
	" VALUES (?1, (SELECT id FROM plan WHERE gid = ?2), (SELECT id FROM section WHERE gid = ?3),"
	" (SELECT id FROM task WHERE gid = ?4), ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, nullif(?13, ''),"
	" nullif(?14, ''), nullif(?15, ''), ?16) ON CONFLICT(gid) DO UPDATE SET"
	" section_id = excluded.section_id, parent_id = excluded.parent_id,"
	" position = excluded.position, number = excluded.number, title = excluded.title,"
	" output = excluded.output, method = excluded.method, extra = excluded.extra,"
	" sched_text = excluded.sched_text, sched_kind = excluded.sched_kind,"
	" sched_start = excluded.sched_start, sched_due = excluded.sched_due,"
	" sched_recurs = excluded.sched_recurs, search_fold = excluded.search_fold",
	/* assignment: gid task unit agency_text role assigned_by */
	[SYNC_ASSIGN] =
	"INSERT INTO assignment(gid, task_id, unit_id, agency_text, role, assigned_by) VALUES"
	" (?1, (SELECT id FROM task WHERE gid = ?2), (SELECT id FROM unit WHERE gid = ?3), ?4, ?5,"
	" (SELECT id FROM unit WHERE gid = ?6)) ON CONFLICT(gid) DO UPDATE SET"
	" task_id = excluded.task_id, unit_id = excluded.unit_id,"
	" agency_text = excluded.agency_text, role = excluded.role,"
	" assigned_by = excluded.assigned_by",
	/* submission: gid unit period submitted author */
	[SYNC_SUBMISSION] =
	"INSERT OR IGNORE INTO submission(gid, unit_id, period, submitted, author_id, received)"
	" VALUES (?1, (SELECT id FROM unit WHERE gid = ?2), ?3, ?4, (SELECT id FROM unit WHERE"
	" gid = ?5), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
};
static const int apply_fields[] = {
	[SYNC_UNIT] = 9, [SYNC_PLAN] = 9, [SYNC_SECTION] = 6, [SYNC_TASK] = 16,
	[SYNC_ASSIGN] = 6, [SYNC_SUBMISSION] = 5,
};

int store_sync_row(struct store *s, enum sync_row kind, const char *const *f, struct error *err)
{
	static const char spills[] =
		"UPDATE task SET spills = " TASK_SPILLS("task.plan_id") " WHERE gid = ?1";
	sqlite3_stmt *st;
	int i, rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, apply_sql[kind], &st, err)))
		return rc;
	for (i = 0; i < apply_fields[kind]; i++)
		db_bind_text(st, i + 1, f[i]);
	if ((rc = db_exec_stmt(s, st, err)))
		return rc;
	return kind == SYNC_TASK ? db_exec_text(s, spills, f[0], err) : ERR_OK;
}

int store_sync_clear_assignments(struct store *s, int64_t assigner_id, int issued,
				 struct error *err)
{
	/* What the unit assigned as delegator, and as issuer (assigned_by NULL
	 * on its own plans). */
	static const char sql[] =
		"DELETE FROM assignment WHERE assigned_by = ?1 OR (?2 AND assigned_by IS NULL AND"
		" task_id IN (SELECT t.id FROM task t JOIN plan p ON p.id = t.plan_id"
		" WHERE p.issuer_id = ?1))";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, assigner_id);
	sqlite3_bind_int(st, 2, issued);
	return db_exec_stmt(s, st, err);
}

int store_sync_seen_start(struct store *s, struct error *err)
{
	static const char *const steps[] = {
		"CREATE TEMP TABLE IF NOT EXISTS sync_seen(gid TEXT PRIMARY KEY) WITHOUT ROWID",
		"DELETE FROM temp.sync_seen",
	};
	sqlite3_stmt *st;
	int rc;

	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if ((rc = db_prepare(s, steps[i], &st, err)) || (rc = db_exec_stmt(s, st, err)))
			return rc;
	return ERR_OK;
}

int store_sync_seen(struct store *s, const char *gid, struct error *err)
{
	static const char sql[] = "INSERT OR IGNORE INTO temp.sync_seen(gid) VALUES (?1)";

	return db_exec_text(s, sql, gid, err);
}

/* The issuer's tasks the snapshot no longer carries, and of them those to
 * keep: cited by a status record here, or the parent of a task that stays
 * (deleting a parent would take its sub-tasks, and their records, along). */
#define WITHDRAWN_TASKS \
	"WITH RECURSIVE gone(id) AS (SELECT t.id FROM task t JOIN plan p ON p.id = t.plan_id" \
	"  WHERE p.issuer_id = ?1 AND t.gid NOT IN (SELECT gid FROM temp.sync_seen))," \
	" keep(id) AS (SELECT task_id FROM status_record WHERE task_id IN gone" \
	"  UNION SELECT parent_id FROM task WHERE parent_id IN gone AND id NOT IN gone" \
	"  UNION SELECT t.parent_id FROM task t JOIN keep k ON t.id = k.id" \
	"  WHERE t.parent_id IS NOT NULL) "

int store_sync_withdraw(struct store *s, int64_t issuer_id, long *withdrawn, long *kept,
			struct error *err)
{
	static const char count_kept[] =
		WITHDRAWN_TASKS "SELECT count(*) FROM gone WHERE id IN keep";
	/* Deleting cascades to assignments (and to the FTS index through its
	 * trigger); sections go once no task or kept section holds them,
	 * plans once nothing of theirs is left. */
	static const char *const steps[] = {
		WITHDRAWN_TASKS "DELETE FROM task WHERE id IN gone AND id NOT IN keep",
		/* Those kept move past every place a snapshot can use (below
		 * 10^9) and past those kept before, once. */
		"WITH gone(id) AS (SELECT t.id FROM task t JOIN plan p ON p.id = t.plan_id"
		"  WHERE p.issuer_id = ?1 AND t.gid NOT IN (SELECT gid FROM temp.sync_seen)),"
		" off(plan_id, o) AS MATERIALIZED (SELECT plan_id, max(1000000000, max(position) + 1)"
		"  FROM task WHERE plan_id IN (SELECT id FROM plan WHERE issuer_id = ?1) GROUP BY plan_id)"
		" UPDATE task SET position = position + (SELECT o FROM off WHERE off.plan_id = task.plan_id)"
		" WHERE id IN gone AND position < 1000000000",
		"WITH RECURSIVE used(id) AS (SELECT section_id FROM task"
		"  WHERE section_id IS NOT NULL AND plan_id IN (SELECT id FROM plan WHERE issuer_id = ?1)"
		"  UNION SELECT s.parent_id FROM section s JOIN used u ON s.id = u.id"
		"  WHERE s.parent_id IS NOT NULL)"
		" DELETE FROM section WHERE plan_id IN (SELECT id FROM plan WHERE issuer_id = ?1)"
		" AND gid NOT IN (SELECT gid FROM temp.sync_seen) AND id NOT IN used",
		"DELETE FROM plan WHERE issuer_id = ?1 AND gid NOT IN (SELECT gid FROM temp.sync_seen)"
		" AND NOT EXISTS (SELECT 1 FROM task WHERE plan_id = plan.id)",
	};
	sqlite3_stmt *st;
	int64_t n;
	int rc;

	*withdrawn = 0;
	if ((rc = int_of(s, count_kept, issuer_id, 0, &n, err)))
		return rc;
	*kept = (long)n;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		if ((rc = db_prepare(s, steps[i], &st, err)))
			return rc;
		sqlite3_bind_int64(st, 1, issuer_id);
		if ((rc = db_exec_stmt(s, st, err)))
			return rc;
		if (i == 0)
			*withdrawn = (long)sqlite3_changes(s->db);
	}
	return ERR_OK;
}

int store_apply_record(struct store *s, const char *const *f, int *applied, struct error *err)
{
	/* f: history gid, record gid, task, unit, period, status, progress,
	 * note, evidence, completed, at, author, hlc, supplementary. A newer
	 * clock wins the record; every version joins the history once. */
	static const char known[] =
		"SELECT (SELECT id FROM task WHERE gid = ?1) IS NOT NULL"
		" AND (SELECT id FROM unit WHERE gid = ?2) IS NOT NULL"
		" AND (SELECT id FROM unit WHERE gid = ?3) IS NOT NULL";
	static const char record[] =
		"INSERT INTO status_record(gid, task_id, unit_id, period, status, progress, note,"
		" evidence, completed, author_id, hlc, updated, supplementary) VALUES (?2,"
		" (SELECT id FROM task WHERE gid = ?3), (SELECT id FROM unit WHERE gid = ?4), ?5, ?6,"
		" ?7, ?8, ?9, nullif(?10, ''), (SELECT id FROM unit WHERE gid = ?12), ?13, ?11, ?14)"
		" ON CONFLICT(task_id, unit_id, period) DO UPDATE SET status = excluded.status,"
		" progress = excluded.progress, note = excluded.note, evidence = excluded.evidence,"
		" completed = excluded.completed, author_id = excluded.author_id,"
		" hlc = excluded.hlc, updated = excluded.updated,"
		" supplementary = supplementary OR excluded.supplementary"
		" WHERE excluded.hlc > status_record.hlc";
	static const char supplementary[] =
		"UPDATE status_record SET supplementary = 1 WHERE gid = ?2 AND ?14 AND NOT supplementary";
	static const char history[] =
		"INSERT OR IGNORE INTO status_history(gid, record_id, hlc, at, author_id, status,"
		" progress, note, evidence, completed) VALUES (?1, (SELECT id FROM status_record"
		" WHERE gid = ?2), ?13, ?11, (SELECT id FROM unit WHERE gid = ?12), ?6, ?7, ?8, ?9,"
		" nullif(?10, ''))";
	const char *const steps[] = {record, supplementary, history};
	sqlite3_stmt *st;
	size_t k;
	int i, rc;
	int supp = f[13] && strcmp(f[13], "1") == 0;

	*applied = 0;
	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, known, &st, err)))
		return rc;
	db_bind_text(st, 1, f[2]);
	db_bind_text(st, 2, f[3]);
	db_bind_text(st, 3, f[11]);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*applied = sqlite3_column_int(st, 0);
	if ((rc = db_finish(s, st, rc, 0, err)) || !*applied)
		return rc;
	for (k = 0; k < sizeof steps / sizeof steps[0]; k++) {
		if (steps[k] == supplementary && !supp)
			continue;
		if ((rc = db_prepare(s, steps[k], &st, err)))
			return rc;
		for (i = 0; i < 14; i++)
			db_bind_text(st, i + 1, f[i]);
		if ((rc = db_exec_stmt(s, st, err)))
			return rc;
	}
	return ERR_OK;
}

int store_apply_submission(struct store *s, const char *const *f, int *applied,
			   struct error *err)
{
	static const char known[] =
		"SELECT (SELECT id FROM unit WHERE gid = ?1) IS NOT NULL"
		" AND (SELECT id FROM unit WHERE gid = ?2) IS NOT NULL";
	sqlite3_stmt *st;
	int rc;

	*applied = 0;
	if ((rc = db_prepare(s, known, &st, err)))
		return rc;
	db_bind_text(st, 1, f[1]);
	db_bind_text(st, 2, f[4]);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*applied = sqlite3_column_int(st, 0);
	if ((rc = db_finish(s, st, rc, 0, err)) || !*applied)
		return rc;
	return store_sync_row(s, SYNC_SUBMISSION, f, err);
}

/* Plan snapshots: everything a unit owns of the plan data, as payloads of
 * the fields store_sync_row() takes. */

static const char *const snapshot_sql[] = {
	/* The sender's ancestors (root first), itself, then the units below it,
	 * parents before children; the last field says whether the unit is
	 * strictly below the sender. */
	[SYNC_UNIT] =
	"WITH RECURSIVE above(id, depth) AS (SELECT ?1, 0 UNION SELECT u.parent_id, depth - 1"
	"  FROM unit u JOIN above ON u.id = above.id WHERE u.parent_id IS NOT NULL),"
	" below(id, depth) AS (SELECT id, 1 FROM unit WHERE parent_id = ?1 UNION"
	"  SELECT u.id, below.depth + 1 FROM unit u JOIN below ON u.parent_id = below.id),"
	" tree(id, depth) AS (SELECT * FROM above UNION ALL SELECT * FROM below)"
	" SELECT " NS("u.gid") "||" NS("u.code") "||" NS("u.name") "||" NS("u.name_fold") "||"
	NS("u.kind") "||" NS("p.gid") "||" NS("sc.gid") "||" NS("u.active")
	" FROM tree JOIN unit u ON u.id = tree.id LEFT JOIN unit p ON p.id = u.parent_id"
	" LEFT JOIN unit sc ON sc.id = u.successor_id ORDER BY tree.depth, u.code",
	[SYNC_PLAN] =
	"SELECT " NS("p.gid") "||" NS("i.gid") "||" NS("p.number") "||" NS("p.issued") "||"
	NS("p.title") "||" NS("p.start_year") "||" NS("p.end_year") "||" NS("p.calendar") "||"
	NS("p.source_hash")
	" FROM plan p JOIN unit i ON i.id = p.issuer_id WHERE p.issuer_id = ?1 ORDER BY p.id",
	[SYNC_SECTION] =
	"SELECT " NS("s.gid") "||" NS("p.gid") "||" NS("ps.gid") "||" NS("s.position") "||"
	NS("s.code") "||" NS("s.title")
	" FROM section s JOIN plan p ON p.id = s.plan_id LEFT JOIN section ps ON ps.id = s.parent_id"
	" WHERE p.issuer_id = ?1 ORDER BY s.plan_id, s.id",
	[SYNC_TASK] =
	"SELECT " NS("t.gid") "||" NS("p.gid") "||" NS("s.gid") "||" NS("pt.gid") "||"
	NS("t.position") "||" NS("t.number") "||" NS("t.title") "||" NS("t.output") "||"
	NS("t.method") "||" NS("t.extra") "||" NS("t.sched_text") "||" NS("t.sched_kind") "||"
	NS("t.sched_start") "||" NS("t.sched_due") "||" NS("t.sched_recurs") "||"
	NS("t.search_fold")
	" FROM task t JOIN plan p ON p.id = t.plan_id LEFT JOIN section s ON s.id = t.section_id"
	" LEFT JOIN task pt ON pt.id = t.parent_id WHERE p.issuer_id = ?1 ORDER BY t.plan_id, t.id",
	/* What the unit assigned as issuer, then what it delegated. */
	[SYNC_ASSIGN] =
	"SELECT " NS("a.gid") "||" NS("t.gid") "||" NS("u.gid") "||" NS("a.agency_text") "||"
	NS("a.role") "||" NS("b.gid")
	" FROM assignment a JOIN task t ON t.id = a.task_id JOIN plan p ON p.id = t.plan_id"
	" LEFT JOIN unit u ON u.id = a.unit_id LEFT JOIN unit b ON b.id = a.assigned_by"
	" WHERE a.assigned_by = ?1 OR (a.assigned_by IS NULL AND p.issuer_id = ?1)"
	" ORDER BY a.assigned_by IS NOT NULL, t.plan_id, t.id, a.id",
	[SYNC_DELEGATION] =
	"SELECT " NS("a.gid") "||" NS("t.gid") "||" NS("u.gid") "||" NS("a.agency_text") "||"
	NS("a.role") "||" NS("b.gid")
	" FROM assignment a JOIN task t ON t.id = a.task_id"
	" LEFT JOIN unit u ON u.id = a.unit_id JOIN unit b ON b.id = a.assigned_by"
	" WHERE a.assigned_by = ?1 ORDER BY t.plan_id, t.id, a.id",
};

int store_snapshot(struct store *s, int64_t origin_id, enum sync_row kind, snapshot_fn fn,
		   void *ctx, struct error *err)
{
	sqlite3_stmt *st;
	int rc, stop = 0;

	if ((rc = db_prepare(s, snapshot_sql[kind], &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, origin_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((stop = fn(kind, sqlite3_column_blob(st, 0),
			       (size_t)sqlite3_column_bytes(st, 0), ctx)))
			break;
	return db_finish(s, st, rc, stop, err);
}

/* A canonical dump: every row other units could have sent, by global id,
 * with no local ids and no local times, so two databases that hold the same
 * data print the same lines whatever order it arrived in. */
int store_dump(struct store *s, int records_only, dump_fn fn, void *ctx, struct error *err)
{
	static const char sql[] =
		"SELECT 'unit ' || u.gid || ' ' || quote(u.code) || ' ' || quote(u.name) || ' '"
		"  || u.kind || ' ' || quote(p.gid) || ' ' || quote(sc.gid) || ' ' || u.active"
		" FROM unit u LEFT JOIN unit p ON p.id = u.parent_id"
		" LEFT JOIN unit sc ON sc.id = u.successor_id WHERE NOT ?1"
		" UNION ALL SELECT 'plan ' || p.gid || ' ' || i.gid || ' ' || quote(p.number) || ' '"
		"  || quote(p.issued) || ' ' || quote(p.title) || ' ' || p.start_year || ' '"
		"  || p.end_year || ' ' || p.calendar FROM plan p JOIN unit i ON i.id = p.issuer_id"
		"  WHERE NOT ?1"
		" UNION ALL SELECT 'section ' || s.gid || ' ' || p.gid || ' ' || quote(ps.gid) || ' '"
		"  || s.position || ' ' || quote(s.code) || ' ' || quote(s.title) FROM section s"
		"  JOIN plan p ON p.id = s.plan_id LEFT JOIN section ps ON ps.id = s.parent_id"
		"  WHERE NOT ?1"
		" UNION ALL SELECT 'task ' || t.gid || ' ' || p.gid || ' ' || quote(s.gid) || ' '"
		"  || quote(pt.gid) || ' ' || t.position || ' ' || quote(t.number) || ' '"
		"  || quote(t.title) || ' ' || quote(t.sched_due) || ' ' || t.spills FROM task t"
		"  JOIN plan p ON p.id = t.plan_id LEFT JOIN section s ON s.id = t.section_id"
		"  LEFT JOIN task pt ON pt.id = t.parent_id WHERE NOT ?1"
		" UNION ALL SELECT 'assignment ' || a.gid || ' ' || t.gid || ' ' || quote(u.gid) || ' '"
		"  || quote(a.agency_text) || ' ' || a.role || ' ' || quote(b.gid) FROM assignment a"
		"  JOIN task t ON t.id = a.task_id LEFT JOIN unit u ON u.id = a.unit_id"
		"  LEFT JOIN unit b ON b.id = a.assigned_by WHERE NOT ?1"
		" UNION ALL SELECT 'record ' || r.gid || ' ' || t.gid || ' ' || u.gid || ' ' || r.period"
		"  || ' ' || r.status || ' ' || r.progress || ' ' || quote(r.note) || ' '"
		"  || quote(r.evidence) || ' ' || quote(r.completed) || ' ' || a.gid || ' ' || r.hlc"
		"  || ' ' || r.updated || ' ' || r.supplementary FROM status_record r"
		"  JOIN task t ON t.id = r.task_id JOIN unit u ON u.id = r.unit_id"
		"  JOIN unit a ON a.id = r.author_id"
		" UNION ALL SELECT 'history ' || h.gid || ' ' || r.gid || ' ' || h.hlc || ' ' || h.at"
		"  || ' ' || a.gid || ' ' || h.status || ' ' || h.progress || ' ' || quote(h.note)"
		"  || ' ' || quote(h.evidence) || ' ' || quote(h.completed) FROM status_history h"
		"  JOIN status_record r ON r.id = h.record_id JOIN unit a ON a.id = h.author_id"
		" UNION ALL SELECT 'submission ' || s.gid || ' ' || u.gid || ' ' || s.period || ' '"
		"  || s.submitted || ' ' || a.gid FROM submission s JOIN unit u ON u.id = s.unit_id"
		"  JOIN unit a ON a.id = s.author_id"
		" UNION ALL SELECT 'log ' || u.gid || ' ' || c.seq || ' ' || c.hlc || ' ' || c.entity"
		"  || ' ' || c.gid || ' ' || c.applied || ' ' || hex(c.payload) FROM change_log c"
		"  JOIN unit u ON u.id = c.origin_id WHERE NOT ?1"
		" UNION ALL SELECT 'batch ' || u.gid || ' ' || b.kind || ' ' || b.first_seq || ' '"
		"  || b.last_seq || ' ' || length(b.body) FROM batch b JOIN unit u ON u.id = b.origin_id"
		"  WHERE NOT ?1"
		" UNION ALL SELECT 'ack ' || p.gid || ' ' || o.gid || ' ' || k.acked_seq FROM sync_peer k"
		"  JOIN unit p ON p.id = k.peer_id JOIN unit o ON o.id = k.origin_id WHERE NOT ?1"
		" ORDER BY 1";
	sqlite3_stmt *st;
	int rc, stop = 0;

	if ((rc = db_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int(st, 1, records_only);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((stop = fn(db_col_text(st, 0), ctx)))
			break;
	return db_finish(s, st, rc, stop, err);
}

int store_audit_clear(struct store *s, struct error *err)
{
	static const char sql[] = "DELETE FROM status_record";
	static const char sub[] = "DELETE FROM submission";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_writable(s, err)) || (rc = db_prepare(s, sql, &st, err)) ||
	    (rc = db_exec_stmt(s, st, err)) || (rc = db_prepare(s, sub, &st, err)))
		return rc;
	return db_exec_stmt(s, st, err);
}

int store_sync_owner(struct store *s, enum sync_row kind, const char *gid, int64_t *owner,
		     struct error *err)
{
	/* Who owns a row: the issuer of its plan; for an assignment, whoever
	 * made it. */
	static const char *const sql[] = {
		[SYNC_PLAN] = "SELECT issuer_id FROM plan WHERE gid = ?1",
		[SYNC_SECTION] = "SELECT p.issuer_id FROM section s JOIN plan p ON p.id = s.plan_id"
				 " WHERE s.gid = ?1",
		[SYNC_TASK] = "SELECT p.issuer_id FROM task t JOIN plan p ON p.id = t.plan_id"
			      " WHERE t.gid = ?1",
		[SYNC_ASSIGN] = "SELECT coalesce(a.assigned_by, p.issuer_id) FROM assignment a"
				" JOIN task t ON t.id = a.task_id JOIN plan p ON p.id = t.plan_id"
				" WHERE a.gid = ?1",
	};

	*owner = 0;
	return sql[kind] ? id_of(s, sql[kind], gid, owner, err) : ERR_OK;
}

int store_task_by_gid(struct store *s, const char *gid, int64_t *id, struct error *err)
{
	return id_of(s, "SELECT id FROM task WHERE gid = ?1", gid, id, err);
}

int store_task_held_above(struct store *s, int64_t task_id, int64_t unit_id, struct error *err)
{
	/* Is the task assigned to a unit above unit_id? Then unit_id may hold
	 * it by a delegation not received yet. */
	static const char sql[] =
		"WITH RECURSIVE up(id) AS (SELECT parent_id FROM unit WHERE id = ?2"
		"  UNION SELECT u.parent_id FROM unit u JOIN up ON u.id = up.id"
		"  WHERE u.parent_id IS NOT NULL)"
		" SELECT EXISTS (SELECT 1 FROM assignment WHERE task_id = ?1 AND unit_id IN up)";
	sqlite3_stmt *st;
	int rc, yes = 0;

	if ((rc = db_prepare(s, sql, &st, err)))
		return -rc;
	sqlite3_bind_int64(st, 1, task_id);
	sqlite3_bind_int64(st, 2, unit_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		yes = sqlite3_column_int(st, 0);
	if ((rc = db_finish(s, st, rc, 0, err)))
		return -rc;
	return yes;
}
