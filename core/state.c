/* state.c - see state.h: the rules of a task's state, written once. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "core/internal.h"
#include "core/state.h"

void state_window_init(struct state_window *w, struct period first, struct period last,
		       struct date today)
{
	struct date next, unused;

	memset(w, 0, sizeof *w);
	period_format(first, w->first);
	period_format(last, w->last);
	snprintf(w->year_start, sizeof w->year_start, "%04dQ1", first.year % 10000);
	period_bounds(first, &w->from, &unused);
	period_bounds(last, &unused, &w->to);
	/* A period that is over is judged the day after its end: a task due on
	 * its last day and not done by then counts as overdue. */
	period_bounds(period_add(last, 1), &next, &unused);
	w->at = date_compare(today, next) < 0 ? today : next;
	/* On the reporting calendar the period ends on the 14th of its last
	 * month. */
	next = (struct date){w->to.y, w->to.m, 15};
	w->at_reporting = date_compare(today, next) < 0 ? today : next;
}

void state_window_of(struct state_window *w, const struct query *q, struct date today)
{
	struct period per;

	if (q && query_period(q, &per))
		state_window_init(w, per, per, today);
	else
		state_window_init(w, (struct period){1900, 1}, period_of(today), today);
}

void state_task_range(const struct state_window *w, const struct task *t, char keep[8],
		      char from[8])
{
	snprintf(keep, 8, "%s", w->year_start);
	/* A quarterly task is a new occurrence each quarter: only the records
	 * of the period's last quarter speak for its state. */
	snprintf(from, 8, "%s", t->sched.recurs && strcmp(t->sched.recurs, "quarterly") == 0
		 ? w->last : w->year_start);
	/* A yearly task's occurrence may be the year before the period's (due
	 * after 14/12 on the reporting calendar): that year's records count. */
	if (t->sched.recurs && strcmp(t->sched.recurs, "yearly") == 0 && t->due_eff) {
		snprintf(keep, 8, "%.4sQ1", t->due_eff);
		snprintf(from, 8, "%.4sQ1", t->due_eff);
	}
}

struct date state_at(const struct state_window *w, const struct task *t)
{
	return t->plan_calendar && strcmp(t->plan_calendar, "reporting") == 0 ? w->at_reporting
									      : w->at;
}

int state_no_date(const struct task *t)
{
	return !t->due_eff && (strcmp(t->sched.kind, "event") == 0 ||
			       strcmp(t->sched.kind, "relative") == 0);
}

enum task_state state_of_record(const struct state_window *w, const struct task *t,
				const struct status_record *r)
{
	return status_state(r->status, r->completed, t->due_eff, state_at(w, t));
}

struct gather {
	const struct state_window *w;
	char from[8];
	struct rollup rollup;
	int failed;
};

static int gather(const struct status_record *r, void *ctx)
{
	struct gather *g = ctx;

	if (rollup_add(&g->rollup, r) < 0)
		return g->failed = 1;
	return 0;
}

int state_of_task(struct core *c, struct query *q, const struct state_window *w,
		  const struct task *t, struct task_view *out, struct error *err)
{
	struct gather g;
	char keep[8];
	int rc;

	memset(&g, 0, sizeof g);
	g.w = w;
	state_task_range(w, t, keep, g.from);
	rc = query_state_records(c, q, t->id, g.from, w->last, gather, &g, err);
	if (!rc && g.failed)
		rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	if (!rc) {
		out->state = rollup_state(&g.rollup, t->due_eff, state_at(w, t));
		out->progress = -1;
		/* The furthest a unit in scope has gone and not finished. */
		for (size_t i = 0; i < g.rollup.n; i++)
			if (strcmp(g.rollup.v[i].status, "done") != 0 &&
			    g.rollup.v[i].progress > out->progress)
				out->progress = g.rollup.v[i].progress;
		out->no_date = state_no_date(t);
	}
	rollup_clear(&g.rollup);
	return rc;
}
