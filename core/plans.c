/* plans.c - see plans.h. Text is stored as NFC; each task also stores a
 * folded copy of what people search for (number, title, output, method and
 * agencies), so search is one indexed-free scan with no per-row Unicode work. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/id.h"
#include "core/internal.h"
#include "core/limits.h"
#include "core/plans.h"
#include "core/schedule.h"
#include "core/text.h"
#include "core/units.h"
#include "db/i18n.h"

static const char *const schedule_kinds[] = {
	"date", "month", "quarter", "year", "range", "continuous", "recurring",
	"per-period", "relative", "event", "milestones", "unknown",
};

int schedule_kind_valid(const char *kind)
{
	size_t i;

	for (i = 0; i < sizeof schedule_kinds / sizeof schedule_kinds[0]; i++)
		if (strcmp(kind, schedule_kinds[i]) == 0)
			return 1;
	return 0;
}

struct plan_match {
	int n;
	int64_t id;
};

static int count_plan(const struct plan *p, void *ctx)
{
	struct plan_match *m = ctx;

	m->n++;
	m->id = p->id;
	return 0;
}

static int plan_id(struct core *c, const char *key, int64_t *id, struct error *err)
{
	struct plan_match m = {0, 0};
	int rc;

	if ((rc = store_plan_find(c->store, key, count_plan, &m, err)))
		return rc;
	if (m.n == 0)
		return error_set(err, ERR_NOTFOUND, _("no plan '%s' (see 'dondoc plan list')"), key);
	if (m.n > 1)
		return error_set(err, ERR_INVALID,
			_("'%s' names %d plans; give the plan's id instead"), key, m.n);
	*id = m.id;
	return ERR_OK;
}

/* A local id as the store's lookups take it. */
static const char *id_text(int64_t id, char buf[24])
{
	snprintf(buf, 24, "%lld", (long long)id);
	return buf;
}

int plan_get(struct core *c, const char *key, plan_fn fn, void *ctx, struct error *err)
{
	char buf[24];
	int64_t id;
	int rc;

	if ((rc = plan_id(c, key, &id, err)))
		return rc;
	return store_plan_find(c->store, id_text(id, buf), fn, ctx, err);
}

int plan_list(struct core *c, plan_fn fn, void *ctx, struct error *err)
{
	return store_plan_list(c->store, fn, ctx, err);
}

/* Add a plan; issuer 0 means in->issuer, or the acting unit. */
static int add_plan(struct core *c, const struct plan_input *in, int64_t issuer, int64_t *id,
		    struct error *err)
{
	char gid[ID_LEN + 1], issued[11], *number = NULL, *title = NULL;
	const char *issued_p = NULL;
	struct date d;
	int rc, start = in->start_year, end = in->end_year;

	if (in->issued) {
		if (date_parse(in->issued, &d))
			return error_set(err, ERR_INVALID,
				_("issue date '%s': write it as YYYY-MM-DD or D/M/YYYY"), in->issued);
		date_format(d, issued);
		issued_p = issued;
		if (!start)
			start = d.y;
	}
	if (!start)
		start = core_today(c).y;
	if (!end)
		end = start;
	if (start < 1900 || end > 9999 || end < start)
		return error_set(err, ERR_INVALID, _("plan years %d-%d: the end is before the start"),
				 start, end);
	if ((rc = core_clean_text(in->number ? in->number : "", _("plan number"), 0, SHORT_TEXT_MAX,
				  &number, err)) ||
	    (rc = core_clean_text(in->title ? in->title : "", _("plan title"), 1, PLAN_TEXT_MAX,
				  &title, err)))
		goto out;
	if ((rc = store_begin(c->store, err)))
		goto out;
	if (!issuer)
		rc = in->issuer ? core_unit_id(c, in->issuer, &issuer, err)
				: unit_acting(c, &issuer, err);
	if (rc)
		goto fail;
	if (number[0]) {
		struct plan_match m = {0, 0};

		if ((rc = store_plan_find(c->store, number, count_plan, &m, err)))
			goto fail;
		if (m.n) {
			rc = error_set(err, ERR_EXISTS, _("plan %s is already present"), number);
			goto fail;
		}
	}
	id_random(gid);
	if ((rc = store_plan_insert(c->store, gid, issuer, number, issued_p, title, start, end,
				    in->source_hash, id, err)) ||
	    (rc = store_commit(c->store, err)))
		goto fail;
	goto out;
fail:
	store_rollback(c->store);
out:
	free(number);
	free(title);
	return rc;
}

int plan_add(struct core *c, const struct plan_input *in, int64_t *id, struct error *err)
{
	return add_plan(c, in, 0, id, err);
}

int plan_add_for(struct core *c, const struct plan_input *in, int64_t issuer, int64_t *id,
		 struct error *err)
{
	return add_plan(c, in, issuer, id, err);
}

struct section_match {
	int n;
	int64_t id;
};

static int count_section(const struct section *sec, void *ctx)
{
	struct section_match *m = ctx;

	m->n++;
	m->id = sec->id;
	return 0;
}

/* Section codes can repeat in a plan (I under A and I under B): the last one
 * added is the one people mean while entering rows in document order. */
static int section_id(struct core *c, int64_t plan, const char *code, int64_t *id,
		      struct error *err)
{
	struct section_match m = {0, 0};
	int rc;

	if ((rc = store_section_find(c->store, plan, code, count_section, &m, err)))
		return rc;
	if (!m.n)
		return error_set(err, ERR_NOTFOUND, _("the plan has no section '%s'"), code);
	*id = m.id;
	return ERR_OK;
}

int section_add_id(struct core *c, int64_t plan_id, int64_t parent_id, const char *code,
		   const char *title, int64_t *id, struct error *err)
{
	char gid[ID_LEN + 1], *ccode = NULL, *ctitle = NULL;
	int rc;

	if (!(rc = core_clean_text(code, _("section code"), 1, SHORT_TEXT_MAX, &ccode, err)) &&
	    !(rc = core_clean_text(title, _("section title"), 0, PLAN_TEXT_MAX, &ctitle, err))) {
		id_random(gid);
		rc = store_section_insert(c->store, gid, plan_id, parent_id, ccode, ctitle, id, err);
	}
	free(ccode);
	free(ctitle);
	return rc;
}

int section_add(struct core *c, const char *plan, const char *code, const char *title,
		const char *parent, int64_t *id, struct error *err)
{
	int64_t pid, parent_id = 0;
	int rc;

	if (!title || !*title)
		return error_set(err, ERR_INVALID, _("%s: must not be empty"), _("section title"));
	if ((rc = store_begin(c->store, err)))
		return rc;
	if ((rc = plan_id(c, plan, &pid, err)) ||
	    (parent && (rc = section_id(c, pid, parent, &parent_id, err))) ||
	    (rc = section_add_id(c, pid, parent_id, code, title, id, err)) ||
	    (rc = store_commit(c->store, err))) {
		store_rollback(c->store);
		return rc;
	}
	return ERR_OK;
}

int plan_set_calendar(struct core *c, const char *plan, const char *calendar,
		      struct error *err)
{
	int64_t pid;
	int rc;

	if (!calendar || (strcmp(calendar, "calendar") != 0 && strcmp(calendar, "reporting") != 0))
		return error_set(err, ERR_INVALID, _("calendar '%s': use calendar or reporting"),
				 calendar ? calendar : "");
	if ((rc = plan_id(c, plan, &pid, err)))
		return rc;
	return store_plan_set_calendar(c->store, pid, calendar, err);
}

int section_list(struct core *c, const char *plan, section_fn fn, void *ctx, struct error *err)
{
	int64_t pid;
	int rc;

	if ((rc = plan_id(c, plan, &pid, err)))
		return rc;
	return store_section_list(c->store, pid, fn, ctx, err);
}

/* A growing string for the search text. */
struct buf {
	char *s;
	size_t len, cap;
};

static int buf_add(struct buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (!n)
		return 0;
	if (b->len + n + 2 > b->cap) {
		size_t cap = (b->len + n + 2) * 2;
		char *ns = realloc(b->s, cap);

		if (!ns)
			return -1;
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len++] = ' ';
	b->s[b->len] = '\0';
	return 0;
}

static int check_date(const char *what, const char *s, char out[11], struct error *err)
{
	struct date d;

	if (!s)
		return ERR_OK;
	if (date_parse(s, &d))
		return error_set(err, ERR_INVALID, _("%s '%s': write it as YYYY-MM-DD or D/M/YYYY"),
				 what, s);
	date_format(d, out);
	return ERR_OK;
}

/* One lead or coordinating agency: a unit code becomes the unit, anything
 * else is kept as written for the officer to map later. */
struct agency {
	int64_t unit;
	char *text;
	const char *role;
};

static int name_into(const struct unit *u, void *ctx)
{
	return buf_add(ctx, u->name) < 0;
}

/* What search finds an agency by: the unit's name, or the text as written. */
static int add_name(struct core *c, int64_t unit, const char *text, struct buf *search,
		    struct error *err)
{
	int rc = unit ? store_unit_get(c->store, unit, name_into, search, err)
		      : buf_add(search, text) < 0;

	if (rc == 1)    /* the buffer could not grow */
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	return rc;
}

static int resolve_agencies(struct core *c, const char *const *list, size_t n, const char *role,
			    struct agency *out, size_t *count, size_t *unresolved,
			    struct buf *search, struct error *err)
{
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		struct agency *a = &out[(*count)++];

		a->role = role;
		if ((rc = core_clean_text(list[i], strcmp(role, "lead") == 0 ? _("lead agency")
					  : _("coordinating agency"), 1, AGENCY_TEXT_MAX, &a->text,
					  err)))
			return rc;
		if (core_unit_id(c, a->text, &a->unit, NULL) != ERR_OK) {
			a->unit = 0;
			(*unresolved)++;
		}
		if ((rc = add_name(c, a->unit, a->text, search, err)))
			return rc;
	}
	return ERR_OK;
}

/* Agencies the caller resolved already. */
static int take_assignees(struct core *c, const struct task_input *in, struct agency *out,
			  size_t *count, size_t *unresolved, struct buf *search, struct error *err)
{
	size_t i;
	int rc;

	for (i = 0; i < in->nassignees; i++) {
		const struct task_assignee *a = &in->assignees[i];
		struct agency *g = &out[(*count)++];

		g->role = a->role;
		g->unit = a->unit_id;
		if ((rc = core_clean_text(a->text ? a->text : "", _("agency"), !a->unit_id,
					  AGENCY_TEXT_MAX, &g->text,
					  err)))
			return rc;
		if (!a->unit_id)
			(*unresolved)++;
		if ((rc = add_name(c, a->unit_id, g->text, search, err)))
			return rc;
	}
	return ERR_OK;
}

struct task_ref {
	int64_t id, plan_id;
};

static int take_task(const struct task *t, void *ctx)
{
	struct task_ref *r = ctx;

	r->id = t->id;
	r->plan_id = t->plan_id;
	return 0;
}

struct plan_years {
	int start, end;
};

static int take_years(const struct plan *p, void *ctx)
{
	struct plan_years *y = ctx;

	y->start = p->start_year;
	y->end = p->end_year;
	return 0;
}

int task_add(struct core *c, const struct task_input *in, int64_t *id, size_t *unresolved,
	     struct error *err)
{
	struct task_values v;
	struct buf search = {NULL, 0, 0};
	struct agency *agencies;
	struct task_ref parent = {0, 0};
	char gid[ID_LEN + 1], start[11], due[11], buf[24];
	char *number = NULL, *title = NULL, *output = NULL, *method = NULL, *stext = NULL;
	struct schedule_parse sp;
	char *fold = NULL;
	size_t i, nagency = 0;
	int64_t tid;
	int rc;

	*unresolved = 0;
	memset(&v, 0, sizeof v);
	if (in->sched.kind && !schedule_kind_valid(in->sched.kind))
		return error_set(err, ERR_INVALID, _("schedule kind '%s' is not known"),
				 in->sched.kind);
	if (in->sched.recurs && strcmp(in->sched.recurs, "yearly") != 0 &&
	    strcmp(in->sched.recurs, "quarterly") != 0)
		return error_set(err, ERR_INVALID, _("recurrence '%s': use yearly or quarterly"),
				 in->sched.recurs);
	if ((rc = check_date(_("start date"), in->sched.start, start, err)) ||
	    (rc = check_date(_("due date"), in->sched.due, due, err)))
		return rc;
	if (in->sched.start && in->sched.due && strcmp(start, due) > 0)
		return error_set(err, ERR_INVALID, _("the start date %s is after the due date %s"),
				 start, due);
	if (in->extra && strlen(in->extra) > PLAN_TEXT_MAX)
		return error_set(err, ERR_INVALID,
			_("%s: %zu bytes long, more than the %zu it may hold"), _("other columns"),
			strlen(in->extra), (size_t)PLAN_TEXT_MAX);
	agencies = calloc(in->nlead + in->ncoord + in->nassignees + 1, sizeof *agencies);
	if (!agencies)
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	if ((rc = core_clean_text(in->title ? in->title : "", _("task title"), 1, PLAN_TEXT_MAX,
				  &title, err)) ||
	    (rc = core_clean_text(in->number ? in->number : "", _("task number"), 0, SHORT_TEXT_MAX,
				  &number, err)) ||
	    (rc = core_clean_text(in->output ? in->output : "", _("output"), 0, PLAN_TEXT_MAX,
				  &output, err)) ||
	    (rc = core_clean_text(in->method ? in->method : "", _("method"), 0, PLAN_TEXT_MAX,
				  &method, err)) ||
	    (rc = core_clean_text(in->sched.text ? in->sched.text : "", _("schedule"), 0,
				  PLAN_TEXT_MAX, &stext, err)))
		goto out;
	if ((rc = store_begin(c->store, err)))
		goto out;
	v.plan_id = in->plan_id;
	v.section_id = in->section_id;
	parent.id = in->parent_id;
	if ((in->plan && (rc = plan_id(c, in->plan, &v.plan_id, err))) ||
	    (in->section && (rc = section_id(c, v.plan_id, in->section, &v.section_id, err))))
		goto fail;
	if (in->parent) {
		if ((rc = task_get(c, in->parent, take_task, &parent, err)))
			goto fail;
		if (parent.plan_id != v.plan_id) {
			rc = error_set(err, ERR_INVALID, _("task %s belongs to another plan"),
				       in->parent);
			goto fail;
		}
	}
	if (buf_add(&search, number) < 0 || buf_add(&search, title) < 0 ||
	    buf_add(&search, output) < 0 || buf_add(&search, method) < 0) {
		rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		goto fail;
	}
	if ((rc = resolve_agencies(c, in->lead, in->nlead, "lead", agencies, &nagency,
				   unresolved, &search, err)) ||
	    (rc = resolve_agencies(c, in->coord, in->ncoord, "coord", agencies, &nagency,
				   unresolved, &search, err)) ||
	    (rc = take_assignees(c, in, agencies, &nagency, unresolved, &search, err)))
		goto fail;
	if (!(fold = text_fold(search.s ? search.s : ""))) {
		rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		goto fail;
	}
	id_random(gid);
	v.gid = gid;
	v.parent_id = parent.id;
	v.number = number;
	v.title = title;
	v.output = output;
	v.method = method;
	v.extra = in->extra;
	v.sched.text = stext;
	v.sched.kind = in->sched.kind ? in->sched.kind : (in->sched.due ? "date" : "unknown");
	v.sched.start = in->sched.start ? start : NULL;
	v.sched.due = in->sched.due ? due : NULL;
	v.sched.recurs = in->sched.recurs;
	/* Only the text given ("Quý II/2024", "Năm 2024"): read it as the
	 * importer does, in the plan's years, so the task has its dates. */
	if (*stext && !in->sched.kind && !in->sched.start && !in->sched.due && !in->sched.recurs) {
		struct plan_years years = {0, 0};

		if ((rc = store_plan_find(c->store, id_text(v.plan_id, buf), take_years, &years, err)))
			goto fail;
		schedule_parse(stext, years.start, years.end, &sp);
		snprintf(start, sizeof start, "%s", sp.start);
		snprintf(due, sizeof due, "%s", sp.due);
		v.sched.kind = sp.kind;
		v.sched.start = *start ? start : NULL;
		v.sched.due = *due ? due : NULL;
		v.sched.recurs = *sp.recurs ? sp.recurs : NULL;
	}
	v.search_fold = fold;
	if ((rc = store_task_insert(c->store, &v, &tid, err)))
		goto fail;
	for (i = 0; i < nagency && !rc; i++) {
		id_random(gid);
		rc = store_assignment_insert(c->store, gid, tid, agencies[i].unit,
					     agencies[i].unit ? "" : agencies[i].text,
					     agencies[i].role, 0, err);
	}
	if (rc || (rc = store_commit(c->store, err)))
		goto fail;
	if (id)
		*id = tid;
	goto out;
fail:
	store_rollback(c->store);
out:
	for (i = 0; i < nagency; i++)
		free(agencies[i].text);
	free(agencies);
	free(number);
	free(title);
	free(output);
	free(method);
	free(stext);
	free(fold);
	free(search.s);
	return rc;
}

int task_get(struct core *c, const char *key, task_fn fn, void *ctx, struct error *err)
{
	struct task_ref found = {0, 0};
	int rc;

	if ((rc = store_task_find(c->store, key, take_task, &found, err)))
		return rc;
	if (!found.id)
		return error_set(err, ERR_NOTFOUND, _("no task with id '%s'"), key);
	return fn ? store_task_find(c->store, key, fn, ctx, err) : ERR_OK;
}

int task_assignments(struct core *c, int64_t task_id, assignment_fn fn, void *ctx,
		     struct error *err)
{
	return store_assignment_list(c->store, task_id, fn, ctx, err);
}

/* Assignments and delegations. */

static int take_task_gid(const struct task *t, void *ctx)
{
	snprintf(ctx, ID_LEN + 1, "%s", t->gid);
	return 0;
}

struct has_assignee {
	int64_t unit;
	const char *role;
	int found;
};

static int find_assignee(const struct assignment *a, void *ctx)
{
	struct has_assignee *h = ctx;

	if (a->unit_id == h->unit && strcmp(a->role, h->role) == 0)
		h->found = 1;
	return 0;
}

int task_assign(struct core *c, const char *task, const char *unit, const char *role,
		int *delegated, struct error *err)
{
	char tgid[ID_LEN + 1] = "", gid[ID_LEN + 1], *acting = NULL;
	const char *me_code = NULL;
	int64_t me = 0, task_id = 0, unit_id = 0, issuer = 0;
	struct has_assignee h;
	int rc, held, below;

	*delegated = 0;
	if (strcmp(role, "lead") != 0 && strcmp(role, "coord") != 0)
		return error_set(err, ERR_INVALID, _("role '%s': use lead or coord"), role);
	if ((rc = core_unit_or_acting(c, &me_code, &acting, err)) ||
	    (rc = core_unit_id(c, me_code, &me, err)) || (rc = core_unit_id(c, unit, &unit_id, err)))
		goto out;
	if ((rc = store_begin(c->store, err)))
		goto out;
	if ((rc = task_get(c, task, take_task_gid, tgid, err)) ||
	    (rc = store_task_by_gid(c->store, tgid, &task_id, err)) ||
	    (rc = store_sync_owner(c->store, SYNC_TASK, tgid, &issuer, err)))
		goto fail;
	h.unit = unit_id;
	h.role = role;
	h.found = 0;
	if ((rc = store_assignment_list(c->store, task_id, find_assignee, &h, err)))
		goto fail;
	if (h.found) {
		rc = error_set(err, ERR_EXISTS, strcmp(role, "lead") == 0
			       ? _("unit %s already leads task %s")
			       : _("unit %s already coordinates on task %s"), unit, task);
		goto fail;
	}
	if (issuer != me) {
		if ((held = store_task_is_assigned(c->store, task_id, me, err)) < 0 ||
		    (below = store_unit_is_within(c->store, unit_id, me, err)) < 0) {
			rc = err->code;
			goto fail;
		}
		if (!held || !below || unit_id == me) {
			rc = error_set(err, ERR_DENIED,
				_("unit %s may assign task %s only if it issued the plan, or delegate it "
				  "only if it holds the task and %s is below it"), me_code, task, unit);
			goto fail;
		}
		*delegated = 1;
	}
	id_random(gid);
	if ((rc = store_assignment_insert(c->store, gid, task_id, unit_id, "", role,
					  *delegated ? me : 0, err)) ||
	    (rc = store_commit(c->store, err)))
		goto fail;
	goto out;
fail:
	store_rollback(c->store);
out:
	free(acting);
	return rc;
}
