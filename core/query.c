/* query.c - see query.h. Resolving a filter (unit code to id, period to its
 * first and last day, text to its folded form) happens once; the store runs
 * the same prepared statement for every window. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "core/plans.h"
#include "core/query.h"
#include "core/status.h"
#include "core/text.h"
#include "db/i18n.h"

struct query {
	struct task_query q;
	int has_period;
	struct period period;
	char period_s[8], qstart[11], qend[11], today[11];
	char status[16], kind[16];
	char *text_fold;
};

static int take_plan(const struct plan *p, void *ctx)
{
	*(int64_t *)ctx = p->id;
	return 0;
}

struct section_pick {
	int64_t id;
};

static int take_section(const struct section *sec, void *ctx)
{
	((struct section_pick *)ctx)->id = sec->id;
	return 1;                       /* the first in document order */
}

int query_new(struct core *c, const struct task_filter *f, struct query **out,
	      struct error *err)
{
	struct query *q = calloc(1, sizeof *q);
	int rc;

	*out = NULL;
	if (!q)
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	date_format(core_today(c), q->today);
	q->q.today = q->today;
	q->q.exact_section = -1;
	if (f->period) {
		struct date first, last;

		if (period_parse(f->period, &q->period)) {
			rc = error_set(err, ERR_INVALID,
				_("period '%s': write a quarter as YYYYQN, such as 2024Q2"), f->period);
			goto fail;
		}
		q->has_period = 1;
		period_bounds(q->period, &first, &last);
		if (f->period_to) {
			struct period to;

			if (period_parse(f->period_to, &to) || to.year != q->period.year ||
			    to.quarter < q->period.quarter) {
				rc = error_set(err, ERR_INVALID,
					_("period '%s-%s': a range runs forward within one year, such as 2024Q1-2024Q3"),
					f->period, f->period_to);
				goto fail;
			}
			/* The range ends where its last quarter ends; done means done by then. */
			period_bounds(to, &(struct date){0, 0, 0}, &last);
			q->period = to;
		}
		period_format(q->period, q->period_s);
		date_format(first, q->qstart);
		date_format(last, q->qend);
		q->q.period = q->period_s;
		q->q.qstart = q->qstart;
		q->q.qend = q->qend;
		q->q.year = q->period.year;
	}
	if (f->status) {
		if (!status_valid(f->status) && strcmp(f->status, "overdue") != 0) {
			rc = error_set(err, ERR_INVALID,
				_("status '%s': use todo, doing, done, blocked or overdue"), f->status);
			goto fail;
		}
		snprintf(q->status, sizeof q->status, "%s", f->status);
		q->q.status = q->status;
	}
	if (f->kind) {
		if (!schedule_kind_valid(f->kind)) {
			rc = error_set(err, ERR_INVALID, _("schedule kind '%s' is not known"), f->kind);
			goto fail;
		}
		snprintf(q->kind, sizeof q->kind, "%s", f->kind);
		q->q.kind = q->kind;
	}
	if (f->text && f->text[0]) {
		if (!text_is_utf8(f->text)) {
			rc = error_set(err, ERR_INVALID, _("search text: not valid UTF-8 text"));
			goto fail;
		}
		if (!(q->text_fold = text_fold(f->text))) {
			rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
			goto fail;
		}
		q->q.text_fold = q->text_fold;
	}
	if (f->unit) {
		int all;

		if ((rc = core_unit_id(c, f->unit, &q->q.unit_id, err)))
			goto fail;
		/* The province seen from the top: no scope to check per record. */
		if ((all = store_scope_is_everything(c->store, q->q.unit_id, err)) < 0) {
			rc = -all;
			goto fail;
		}
		if (all)
			q->q.unit_id = 0;
	}
	if (f->plan && (rc = plan_get(c, f->plan, take_plan, &q->q.plan_id, err)))
		goto fail;
	if (f->section) {
		struct section_pick pick = {0};

		if (!q->q.plan_id) {
			rc = error_set(err, ERR_INVALID, _("a section filter needs --plan"));
			goto fail;
		}
		rc = store_section_find(c->store, q->q.plan_id, f->section, take_section, &pick, err);
		if (rc && rc != 1)
			goto fail;
		if (!pick.id) {
			rc = error_set(err, ERR_NOTFOUND, _("the plan has no section '%s'"), f->section);
			goto fail;
		}
		q->q.section_id = pick.id;
	}
	if (f->section_id)
		q->q.section_id = f->section_id;
	query_window(q, f->offset, f->limit);
	*out = q;
	return ERR_OK;
fail:
	query_free(q);
	return rc;
}

void query_free(struct query *q)
{
	if (!q)
		return;
	free(q->text_fold);
	free(q);
}

void query_window(struct query *q, int64_t offset, int64_t limit)
{
	q->q.offset = offset > 0 ? offset : 0;
	q->q.limit = limit > 0 ? limit : 0;
}

int query_tasks(struct core *c, struct query *q, task_fn fn, void *ctx, struct error *err)
{
	return store_task_query(c->store, &q->q, fn, ctx, err);
}

int query_records(struct core *c, struct query *q, int64_t task_id, record_fn fn, void *ctx,
		  struct error *err)
{
	return store_task_records(c->store, task_id, q ? &q->q : NULL, fn, ctx, err);
}

int query_state_records(struct core *c, const struct query *q, int64_t task_id,
			const char *from, const char *last, record_fn fn, void *ctx,
			struct error *err)
{
	return store_task_state_records(c->store, task_id, q ? q->q.unit_id : 0, from, last, fn,
					ctx, err);
}

int query_period(const struct query *q, struct period *out)
{
	if (q->has_period)
		*out = q->period;
	return q->has_period;
}

void query_exact_section(struct query *q, int64_t section_id)
{
	q->q.exact_section = section_id;
}

int query_sections(struct core *c, struct query *q, section_count_fn fn, void *ctx,
		   struct error *err)
{
	return store_task_sections(c->store, &q->q, fn, ctx, err);
}
