/* state.h - a task's state for a unit scope, a period and an "as of" day:
 * the one definition the grid's rows and detail, list, show, the report in
 * every format and the dashboard all use. Counting and filtering whole
 * quarters (the status line, section counts, list --status) needs it in
 * SQL: db/records.c's STATE_SQL is the same rules, and tests/state.sh
 * checks the two pick the same tasks; change both or neither.
 *
 * The rules (also in dondoc.1, "STATES"):
 *
 *  - The records that speak for a task in a period are, for each unit in
 *    scope (the unit, every unit below it, and every unit merged into one
 *    of those), the latest that unit wrote from the start of the period's
 *    year up to the period's end: a task reported "doing 40%" in Q1 and not
 *    since is still in progress in Q2. A quarterly task is a new occurrence
 *    each quarter: only the last quarter's records speak. A yearly task's
 *    occurrence may fall in the year before (due after 14/12 on the
 *    reporting calendar): that year's records speak.
 *  - Roll-up when several units in scope hold the task, from the latest
 *    record of each unit that wrote one: done when every one of them is
 *    done (on time if the last completion is by the due date, else late);
 *    otherwise overdue once the due date is before the as-of day; else
 *    blocked when any is blocked; else in progress when any has started or
 *    finished; else not started. Two of three done and one blocked: blocked
 *    (overdue once the due date has passed). Units that wrote nothing do
 *    not hold the roll-up back (the report's per-unit rows show them as not
 *    started).
 *  - As of: today while the period is not over; the day after its end once
 *    it is (a task due on its last day and not done is overdue); on the
 *    reporting calendar the period ends on the 14th of its last month. The
 *    grid, list and show judge the quarter they show the same way.
 *  - An event or relative task with no date yet and no record is counted
 *    apart ("event, no date yet"). */
#ifndef CORE_STATE_H
#define CORE_STATE_H

#include "core/core.h"
#include "core/date.h"
#include "core/query.h"
#include "core/status.h"

/* A period range judged on one day. */
struct state_window {
	char year_start[8], first[8], last[8];
	struct date at;             /* as of, on the calendar */
	struct date at_reporting;   /* as of, on the reporting calendar */
	struct date from, to;       /* the range's first and last days */
};

void state_window_init(struct state_window *w, struct period first, struct period last,
		       struct date today);

/* The window of a query: its period, or with none every period up to
 * today's (list without --period). */
void state_window_of(struct state_window *w, const struct query *q, struct date today);

/* For task t in window w: the first period whose records are kept (*keep)
 * and the first whose records speak for its state (*from); both end at
 * w->last. */
void state_task_range(const struct state_window *w, const struct task *t, char keep[8],
		      char from[8]);
/* The day t's overdue is judged. */
struct date state_at(const struct state_window *w, const struct task *t);
/* An event or relative task with no date yet. */
int state_no_date(const struct task *t);

/* One record's own state (a unit's line in the detail), judged on the
 * same day as the task's. */
enum task_state state_of_record(const struct state_window *w, const struct task *t,
				const struct status_record *r);

/* A task's state and the progress shown beside it (the furthest any unit
 * in scope reported and is not done with; -1: none). */
struct task_view {
	enum task_state state;
	int progress;
	int no_date;
};

/* The state of task t for the units of query q's scope (its unit filter;
 * NULL: every unit), whatever q's period, in window w. */
int state_of_task(struct core *c, struct query *q, const struct state_window *w,
		  const struct task *t, struct task_view *out, struct error *err);

#endif
