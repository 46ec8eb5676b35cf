/* store.h - the SQLite store: the only interface to the database file.
 *
 * Everything here speaks in model rows (model.h) and plain values; no caller
 * sees SQL. Writes happen inside store_begin()/store_commit() so that each
 * user action is one transaction. */
#ifndef DB_STORE_H
#define DB_STORE_H

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
/* When the unit submitted the period ("" when it has not). */
int store_submission_get(struct store *s, int64_t unit_id, const char *period,
			 char submitted[21], struct error *err);
int store_record_get(struct store *s, int64_t task_id, int64_t unit_id, const char *period,
		     record_fn fn, void *ctx, struct error *err);
/* Insert or update the record keyed by (task, unit, period), then append
 * the same values to its history. */
int store_record_put(struct store *s, const struct status_record *r, const char *history_gid,
		     struct error *err);
int store_record_history(struct store *s, int64_t record_id, record_fn fn, void *ctx,
			 struct error *err);

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
/* 1 if unit_id's scope holds every unit (the province at the top of the
 * only tree), 0 if not, a negative error code on failure. Such a scope
 * selects what no scope selects, and checking it costs a third of a query. */
int store_scope_is_everything(struct store *s, int64_t unit_id, struct error *err);

#endif

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
/* Active units in the tree of root_id (0: anywhere) whose folded name is
 * fold, or fold followed by the province ("so noi vu" finds "Sở Nội vụ tỉnh
 * Khánh Hòa", "uy ban nhan dan tinh" finds "Ủy ban nhân dân tỉnh Khánh Hòa"). */
int store_unit_match_name(struct store *s, const char *fold, int64_t root_id, unit_fn fn,
			  void *ctx, struct error *err);
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
