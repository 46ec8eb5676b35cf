/* plans.h - plans, sections and tasks as an officer or the importer
 * creates them. */
#ifndef CORE_PLANS_H
#define CORE_PLANS_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

struct plan_input {
	const char *number;         /* 3409/QĐ-UBND; may be empty */
	const char *title;
	const char *issuer;         /* unit code; NULL: the acting unit */
	const char *issued;         /* date; may be NULL */
	int start_year, end_year;   /* 0: from the issue date's year */
	const char *source_hash;
};

int plan_add(struct core *c, const struct plan_input *in, int64_t *id, struct error *err);
/* The same with the issuer's id (in->issuer is ignored): for importers. */
int plan_add_for(struct core *c, const struct plan_input *in, int64_t issuer, int64_t *id,
		 struct error *err);
/* key: local id, global id or number; exactly one plan must match. */
int plan_get(struct core *c, const char *key, plan_fn fn, void *ctx, struct error *err);
int plan_list(struct core *c, plan_fn fn, void *ctx, struct error *err);
/* How the plan counts its periods: "calendar" (quarters of the calendar) or
 * "reporting" (the government's reporting periods: a quarter from the 15th
 * of the month before it to the 14th of its last month). */
int plan_set_calendar(struct core *c, const char *plan, const char *calendar,
		      struct error *err);

/* parent: a section code of the same plan, or NULL. */
int section_add(struct core *c, const char *plan, const char *code, const char *title,
		const char *parent, int64_t *id, struct error *err);
/* The same by ids (parent_id 0: top level): for importers. */
int section_add_id(struct core *c, int64_t plan_id, int64_t parent_id, const char *code,
		   const char *title, int64_t *id, struct error *err);
int section_list(struct core *c, const char *plan, section_fn fn, void *ctx, struct error *err);

/* An agency already resolved by the caller (the importer). */
struct task_assignee {
	int64_t unit_id;            /* 0: unresolved, text kept */
	const char *text;
	const char *role;           /* lead | coord */
};

struct task_input {
	const char *plan;           /* key as for plan_get */
	const char *section;        /* code; NULL: none */
	const char *parent;         /* task id; NULL: none */
	const char *number, *title, *output, *method, *extra;
	struct schedule sched;      /* text kept as written; kind/start/due/recurs parsed */
	const char *const *lead;    /* unit codes or agency texts */
	size_t nlead;
	const char *const *coord;
	size_t ncoord;
	/* For importers, which know the rows they created: ids instead of keys
	 * (used when the key above is NULL), and resolved agencies. */
	int64_t plan_id, section_id, parent_id;
	const struct task_assignee *assignees;
	size_t nassignees;
};

/* *unresolved counts the lead/coord entries that matched no unit code and
 * were kept as agency text. */
int task_add(struct core *c, const struct task_input *in, int64_t *id, size_t *unresolved,
	     struct error *err);
/* key: local id or global id. ERR_NOTFOUND when no task matches. */
int task_get(struct core *c, const char *key, task_fn fn, void *ctx, struct error *err);
int task_assignments(struct core *c, int64_t task_id, assignment_fn fn, void *ctx,
		     struct error *err);

/* "dondoc assign": the plan's issuer assigns a task; an assignee delegates
 * it to a unit below it (*delegated 1). */
int task_assign(struct core *c, const char *task, const char *unit, const char *role,
		int *delegated, struct error *err);

/* 1 if kind is a schedule kind (date month quarter year range continuous
 * recurring per-period relative event milestones unknown). */
int schedule_kind_valid(const char *kind);

#endif
