/* store.h - the SQLite store: the only interface to the database file.
 *
 * Everything here speaks in model rows (model.h) and plain values; no caller
 * sees SQL. Writes happen inside store_begin()/store_commit() so that each
 * user action is one transaction. */
#ifndef DB_STORE_H
#define DB_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "db/error.h"
#include "db/model.h"

struct store;

enum store_flags {
	STORE_READONLY = 1 << 0,   /* never write, even if the file allows it */
	STORE_NO_CHECK = 1 << 1,   /* skip the quick_check on open */
};

int store_open(struct store **out, const char *path, int flags, struct error *err);
void store_close(struct store *s);
const char *store_path(const struct store *s);
int store_is_readonly(const struct store *s);
int store_user_version(struct store *s);

int store_begin(struct store *s, struct error *err);
int store_commit(struct store *s, struct error *err);
void store_rollback(struct store *s);
/* Whether a transaction is open. For the caller of the outermost begin: no
 * means SQLite rolled it back by itself (a full disk, an I/O error) and
 * everything done in it is gone, whatever the savepoints inside said. */
int store_in_transaction(const struct store *s);

/* Bulk loading (benchmark data): no fsync per transaction. */
void store_set_fast(struct store *s);

/* Settings: small key/value pairs. *out is malloc'd, NULL when unset. */
int store_setting_get(struct store *s, const char *key, char **out, struct error *err);
int store_setting_set(struct store *s, const char *key, const char *value, struct error *err);

/* Units. */
int store_unit_insert(struct store *s, const char *gid, const char *code, const char *name,
		      const char *name_fold, const char *kind, int64_t parent_id,
		      int64_t *id, struct error *err);
int store_unit_find(struct store *s, const char *code, unit_fn fn, void *ctx, struct error *err);
int store_unit_get(struct store *s, int64_t id, unit_fn fn, void *ctx, struct error *err);
/* Depth-first, siblings by code; merged units too. */
int store_unit_walk(struct store *s, unit_fn fn, void *ctx, struct error *err);
int store_unit_update(struct store *s, int64_t id, const char *name, const char *name_fold,
		      int64_t parent_id, struct error *err);
int store_unit_retire(struct store *s, int64_t id, int64_t successor_id, struct error *err);
int store_unit_history_add(struct store *s, int64_t unit_id, const char *at, const char *change,
			   const char *old_value, const char *new_value, struct error *err);
/* 1 if ancestor_id is unit_id or above it in the tree, 0 if not, a negative
 * error code on failure. */
int store_unit_is_within(struct store *s, int64_t unit_id, int64_t ancestor_id, struct error *err);

/* Plans, sections, tasks, assignments. */

int store_plan_insert(struct store *s, const char *gid, int64_t issuer_id, const char *number,
		      const char *issued, const char *title, int start_year, int end_year,
		      const char *source_hash, int64_t *id, struct error *err);
/* key: local id, gid or number. */
int store_plan_find(struct store *s, const char *key, plan_fn fn, void *ctx, struct error *err);
int store_plan_list(struct store *s, plan_fn fn, void *ctx, struct error *err);

int store_section_insert(struct store *s, const char *gid, int64_t plan_id, int64_t parent_id,
			 const char *code, const char *title, int64_t *id, struct error *err);
int store_section_find(struct store *s, int64_t plan_id, const char *code,
		       section_fn fn, void *ctx, struct error *err);
int store_section_list(struct store *s, int64_t plan_id, section_fn fn, void *ctx,
		       struct error *err);

struct task_values {
	const char *gid;
	int64_t plan_id, section_id, parent_id;
	const char *number, *title, *output, *method, *extra;
	struct schedule sched;
	const char *search_fold;
};
int store_task_insert(struct store *s, const struct task_values *v, int64_t *id,
		      struct error *err);
/* key: local id or gid. */
int store_task_find(struct store *s, const char *key, task_fn fn, void *ctx, struct error *err);
int store_assignment_insert(struct store *s, const char *gid, int64_t task_id, int64_t unit_id,
			    const char *agency_text, const char *role, int64_t assigned_by,
			    struct error *err);
int store_assignment_list(struct store *s, int64_t task_id, assignment_fn fn, void *ctx,
			  struct error *err);
/* 1 if the unit is an assignee of the task, 0 if not, negative on failure. */
int store_task_is_assigned(struct store *s, int64_t task_id, int64_t unit_id, struct error *err);

/* Status records. */
/* A unit's report for a period, submitted (once) at an ISO 8601 UTC time. */
int store_submission_add(struct store *s, const char *gid, int64_t unit_id, const char *period,
			 const char *submitted, int64_t author_id, struct error *err);
/* When the unit submitted the period ("" when it has not) and, when a
 * bundle brought the submission, when it arrived (received may be NULL). */
int store_submission_get(struct store *s, int64_t unit_id, const char *period,
			 char submitted[21], char received[21], struct error *err);
int store_record_get(struct store *s, int64_t task_id, int64_t unit_id, const char *period,
		     record_fn fn, void *ctx, struct error *err);
/* Insert or update the record keyed by (task, unit, period), then append
 * the same values to its history. */
int store_record_put(struct store *s, const struct status_record *r, const char *history_gid,
		     struct error *err);
int store_record_history(struct store *s, int64_t record_id, record_fn fn, void *ctx,
			 struct error *err);
/* 1 if unit_id is in the scope of scope_id: the unit itself, a unit below
 * it, or one merged into either (their work counts for the successor), 0 if
 * not, negative on failure. */
int store_unit_in_scope(struct store *s, int64_t unit_id, int64_t scope_id, struct error *err);

/* The task filter. Every field is optional (0 / NULL). unit_id selects the
 * unit's scope: the unit, the units below it, and units merged into any of
 * them. qstart/qend/year/period select the tasks that fall in a quarter. */
struct task_query {
	int64_t plan_id;
	int64_t section_id;        /* with its sub-sections */
	int64_t unit_id;
	const char *period;        /* 2024Q2 */
	const char *qstart, *qend; /* the period's first and last day */
	int year;
	const char *status;        /* todo doing done blocked overdue */
	const char *kind;          /* schedule kind */
	const char *text_fold;     /* folded search text */
	const char *today;         /* YYYY-MM-DD, for overdue */
	int64_t offset, limit;     /* limit 0: all */
	int64_t exact_section;     /* >= 0: only tasks directly in it (0: in none); -1: any */
};
int store_task_query(struct store *s, const struct task_query *q, task_fn fn, void *ctx,
		     struct error *err);
/* The matching tasks counted per section (0: tasks in no section), in
 * document order. */
int store_task_sections(struct store *s, const struct task_query *q, section_count_fn fn, void *ctx,
			struct error *err);
/* The records of a task narrowed by the query's unit scope and period. */
int store_task_records(struct store *s, int64_t task_id, const struct task_query *q,
		       record_fn fn, void *ctx, struct error *err);
/* The records a task's state is made of: unit_id's scope (0: every unit),
 * periods from..last, oldest first; only unit, period, status, progress and
 * completed are filled in. */
int store_task_state_records(struct store *s, int64_t task_id, int64_t unit_id, const char *from,
			     const char *last, record_fn fn, void *ctx, struct error *err);
/* 1 if unit_id's scope holds every unit (the province at the top of the
 * only tree), 0 if not, a negative error code on failure. Such a scope
 * selects what no scope selects, and checking it costs a third of a query. */
int store_scope_is_everything(struct store *s, int64_t unit_id, struct error *err);


/* Agencies mapped by hand to units. */
int store_agency_map_set(struct store *s, const char *name_fold, int64_t unit_id,
			 struct error *err);
/* The unit mapped to a folded agency name; 0 when none (or on failure). */
int64_t store_agency_map_get(struct store *s, const char *name_fold, struct error *err);
/* Link the unresolved assignments whose agency text is exactly text to the
 * unit; the number linked, negative on failure. */
int64_t store_agency_relink(struct store *s, const char *text, int64_t unit_id,
			    struct error *err);
/* Unresolved agency texts with how many assignments name each. */
typedef int (*agency_count_fn)(const char *text, int64_t count, void *ctx);
int store_agency_unresolved(struct store *s, agency_count_fn fn, void *ctx, struct error *err);

/* For the importer. */
/* Active units (with merged: merged ones only) in the tree of root_id (0:
 * anywhere) whose folded name is fold, or fold followed by the province
 * ("so noi vu" finds "Sở Nội vụ tỉnh Khánh Hòa", "uy ban nhan dan tinh" finds
 * "Ủy ban nhân dân tỉnh Khánh Hòa"), or the same place as a people's
 * committee ("uy ban nhan dan tinh khanh hoa" finds "Tỉnh Khánh Hòa"). */
int store_unit_match_name(struct store *s, const char *fold, int64_t root_id, int merged,
			  unit_fn fn, void *ctx, struct error *err);
/* Active units of a kind in the tree of root_id (0: anywhere). */
int store_units_of_kind(struct store *s, const char *kind, int64_t root_id, unit_fn fn, void *ctx,
			struct error *err);
/* Active units of a kind whose parent is parent_id. */
int store_units_of_kind_below(struct store *s, const char *kind, int64_t parent_id, unit_fn fn,
			      void *ctx, struct error *err);
/* The root of the unit's tree; 0 on failure. */
int64_t store_unit_root(struct store *s, int64_t unit_id, struct error *err);
/* Plans with the same issuer and number, or the same source hash. */
int store_plan_find_same(struct store *s, int64_t issuer_id, const char *number, const char *hash,
			 plan_fn fn, void *ctx, struct error *err);
/* How many status records the plan's tasks have; negative on failure. */
int64_t store_plan_record_count(struct store *s, int64_t plan_id, struct error *err);
int store_plan_delete(struct store *s, int64_t plan_id, struct error *err);
/* calendar: "calendar" or "reporting" (the schema refuses anything else). */
int store_plan_set_calendar(struct store *s, int64_t plan_id, const char *calendar,
			    struct error *err);

/* Sync by bundles (sync.c). */
struct unit_key {
	int64_t unit_id;
	const char *unit_gid, *unit_code;
	const unsigned char *public_key;   /* 32 bytes */
	const void *chain;                 /* certificates up to a root; NULL for none */
	size_t chain_len;
	int root;                          /* pinned as a trusted root */
	const char *valid_until;
};
typedef int (*key_fn)(const struct unit_key *k, void *ctx);
/* Add a unit's public key, or add a chain or the root mark to a known one. */
int store_key_put(struct store *s, int64_t unit_id, const unsigned char pk[32],
		  const void *chain, size_t chain_len, int root, const char *valid_until,
		  struct error *err);
/* Keys of a unit (0: every unit), newest first; roots: only pinned roots. */
int store_key_list(struct store *s, int64_t unit_id, int roots, key_fn fn, void *ctx,
		   struct error *err);
int store_unit_find_gid(struct store *s, const char *gid, int64_t *id, struct error *err);

/* The record log: one entry per change, gapless per origin. */
struct log_entry {
	int64_t origin_id, seq, hlc;
	const char *entity;                /* record | submission | gap (a number skipped) */
	const char *gid;
	const void *payload;               /* netstrings */
	size_t len;
	int applied;                       /* 0: waits for the task or unit it cites */
};
typedef int (*log_fn)(const struct log_entry *e, void *ctx);
/* The origin's entries after seq `after` about its own records (period:
 * only that one, NULL: all). */
int store_log_since(struct store *s, int64_t origin_id, int64_t after, const char *period,
		    log_fn fn, void *ctx, struct error *err);
int store_log_last(struct store *s, int64_t origin_id, int64_t *seq, struct error *err);
/* Whether the entry's (origin, seq) is in the log: *state 0 no, 1 with the
 * same payload, 2 with another one. */
int store_log_compare(struct store *s, const struct log_entry *e, int *state, struct error *err);
/* Insert unless (origin, seq) is there; *added says which. */
int store_log_add(struct store *s, const struct log_entry *e, int *added, struct error *err);
/* The origin's last entry numbered seq or below, gaps aside (none: fn is
 * not called). */
int store_log_at_or_below(struct store *s, int64_t origin_id, int64_t seq, log_fn fn, void *ctx,
			  struct error *err);
/* Move every entry of the origin's log up by offset: its log started again
 * here after the level above had received offset entries of an earlier one. */
int store_log_renumber(struct store *s, int64_t origin_id, int64_t offset, struct error *err);
/* Applied (pending 0) or waiting (1) entries by origin and sequence. */
int store_log_list(struct store *s, int pending, log_fn fn, void *ctx, struct error *err);
int store_log_set_applied(struct store *s, int64_t origin_id, int64_t seq, struct error *err);

/* Received batches, kept signed as they came. */
typedef int (*batch_fn)(int64_t origin_id, const char *kind, int64_t first, int64_t last,
			const void *body, size_t len, void *ctx);
/* Store a batch; *added 0 when one covering it is there (for plans: one as
 * new or newer). */
int store_batch_add(struct store *s, int64_t origin_id, const char *kind, int64_t first,
		    int64_t last, const void *body, size_t len, int *added, struct error *err);
/* What unit_id relays: kind "report", the batches of the units below it the
 * peer has not acknowledged; "plan-below", the latest snapshot of each unit
 * below; "plan", the latest of each unit above. */
int store_batch_relay(struct store *s, int64_t unit_id, int64_t peer_id, const char *kind,
		      batch_fn fn, void *ctx, struct error *err);
/* The latest 'created' time of a bundle accepted from a sender (0: none),
 * and raising it. */
int store_sender_created(struct store *s, int64_t sender_id, int64_t *created,
			 struct error *err);
int store_sender_created_set(struct store *s, int64_t sender_id, int64_t created,
			     struct error *err);
/* Acknowledgements: what a peer holds of an origin's log. */
int store_peer_acked(struct store *s, int64_t peer_id, int64_t origin_id, int64_t *seq,
		     struct error *err);
int store_peer_ack(struct store *s, int64_t peer_id, int64_t origin_id, int64_t seq,
		   struct error *err);
typedef int (*ack_fn)(const char *origin_gid, int64_t origin_id, int64_t upto, void *ctx);
/* How far each log at or below unit_id has reached this database unbroken. */
int store_ack_list(struct store *s, int64_t unit_id, ack_fn fn, void *ctx, struct error *err);

/* The import log. */
struct bundle_log_row {
	const char *at, *file, *sender, *kind;
	const char *outcome;               /* applied already-applied refused */
	const char *reason, *hash, *summary;
};
typedef int (*bundle_log_fn)(const struct bundle_log_row *r, void *ctx);
int store_bundle_log_add(struct store *s, const struct bundle_log_row *r, struct error *err);
/* Every import (hash NULL), or those of one file's hash. */
int store_bundle_log_list(struct store *s, const char *hash, bundle_log_fn fn, void *ctx,
			  struct error *err);

/* Rows other units own, upserted by global id from payload fields. */
enum sync_row {
	SYNC_UNIT, SYNC_PLAN, SYNC_SECTION, SYNC_TASK, SYNC_ASSIGN, SYNC_SUBMISSION,
	SYNC_DELEGATION,   /* store_snapshot only: the assignments the unit delegated */
};
int store_sync_row(struct store *s, enum sync_row kind, const char *const *f, struct error *err);
/* Who owns the row with that gid (0: no such row): a plan's issuer, or the
 * unit that made an assignment. */
int store_sync_owner(struct store *s, enum sync_row kind, const char *gid, int64_t *owner,
		     struct error *err);
/* 1 if a unit above unit_id is assigned the task, 0 if not, negative on
 * failure. */
int store_task_held_above(struct store *s, int64_t task_id, int64_t unit_id, struct error *err);
int store_task_by_gid(struct store *s, const char *gid, int64_t *id, struct error *err);
/* Drop the assignments the unit delegated (and, with issued, those it made
 * as the issuer of its plans) before its snapshot replaces them. */
int store_sync_clear_assignments(struct store *s, int64_t assigner_id, int issued,
				 struct error *err);
/* Before a full snapshot of an issuer's plans is applied, the gids it
 * carries are noted; then the issuer's plans, sections and tasks it no
 * longer carries are withdrawn, except tasks that status records here cite
 * (and what holds them): *kept counts those, moved after every position the
 * snapshot's tasks can take. */
int store_sync_seen_start(struct store *s, struct error *err);
int store_sync_seen(struct store *s, const char *gid, struct error *err);
int store_sync_withdraw(struct store *s, int64_t issuer_id, long *withdrawn, long *kept,
			struct error *err);
/* A record-log entry's fields; *applied 0 when it cites what is not here. */
int store_apply_record(struct store *s, const char *const *f, int *applied, struct error *err);
int store_apply_submission(struct store *s, const char *const *f, int *applied,
			   struct error *err);
typedef int (*snapshot_fn)(enum sync_row kind, const void *payload, size_t len, void *ctx);
/* The rows of a kind the unit owns (for SYNC_UNIT: the tree it refers to,
 * with a last field the caller fills), as payloads. */
int store_snapshot(struct store *s, int64_t origin_id, enum sync_row kind, snapshot_fn fn,
		   void *ctx, struct error *err);
typedef int (*dump_fn)(const char *line, void *ctx);
/* Canonical lines of the data (records_only: status records, history and
 * submissions), sorted, without local ids or times. */
int store_dump(struct store *s, int records_only, dump_fn fn, void *ctx, struct error *err);
/* Delete status records, history and submissions: the audit replays the
 * log into the emptied tables inside a transaction it rolls back. */
int store_audit_clear(struct store *s, struct error *err);

#endif
