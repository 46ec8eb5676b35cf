/* report.c - see report.h. A report is the quarter review summed up: the
 * same filter picks the tasks (due in the period, carried over, recurring,
 * undated), and each task's state is the roll-up, at the period's end, of
 * the latest record each unit wrote that year up to the period's end (a task
 * reported in progress in Q1 and not since is still in progress in Q2; a
 * yearly task done last year is not done this year). "Overdue" is judged
 * as the period ends (due on or before its last day, not done), or today if
 * the period is not over. */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/id.h"
#include "core/internal.h"
#include "core/plans.h"
#include "core/query.h"
#include "core/report.h"
#include "core/state.h"
#include "core/status.h"
#include "core/units.h"
#include "db/i18n.h"

/* "2024Q2", "2024H1", "2024Q1-2024Q3", "2024" -> first and last quarter. */
static int parse_range(const char *s, struct period *first, struct period *last, char *label,
		       size_t size)
{
	int y, h, n = 0;
	char a[8], b[8];

	if (period_parse(s, first) == 0) {
		*last = *first;
		period_label(*first, label, size);
		return 0;
	}
	if (sscanf(s, "%4dH%1d%n", &y, &h, &n) == 2 && !s[n] && (h == 1 || h == 2) && y >= 1900) {
		first->year = last->year = y;
		first->quarter = h == 1 ? 1 : 3;
		last->quarter = first->quarter + 1;
		snprintf(label, size, h == 1 ? _("first 6 months of %d") : _("last 6 months of %d"), y);
		return 0;
	}
	if (sscanf(s, "%4d%n", &y, &n) == 1 && !s[n] && n == 4 && y >= 1900) {
		first->year = last->year = y;
		first->quarter = 1;
		last->quarter = 4;
		snprintf(label, size, _("year %d"), y);
		return 0;
	}
	if (strlen(s) == 13 && s[6] == '-') {
		memcpy(a, s, 6);
		a[6] = '\0';
		memcpy(b, s + 7, 7);
		if (period_parse(a, first) == 0 && period_parse(b, last) == 0 &&
		    first->year == last->year && first->quarter <= last->quarter) {
			if (first->quarter == 1 && last->quarter == 3)
				snprintf(label, size, _("first 9 months of %d"), first->year);
			else
				snprintf(label, size, _("quarters %d-%d of %d"), first->quarter,
					 last->quarter, first->year);
			return 0;
		}
	}
	return -1;
}

double report_on_time_rate(const struct report_counts *c)
{
	int64_t done = c->on_time + c->late;

	return done ? 100.0 * (double)c->on_time / (double)done : 0;
}

double report_overdue_rate(const struct report_counts *c)
{
	return c->total ? 100.0 * (double)c->overdue / (double)c->total : 0;
}

static void count(struct report_counts *c, enum task_state st, int no_date)
{
	c->total++;
	switch (st) {
	case STATE_DONE_ON_TIME: case STATE_DONE: c->on_time++; break;
	case STATE_DONE_LATE: c->late++; break;
	case STATE_IN_PROGRESS: c->doing++; break;
	case STATE_BLOCKED: c->blocked++; break;
	case STATE_OVERDUE: c->overdue++; break;
	case STATE_NOT_STARTED:
		if (no_date)
			c->no_date++;
		else
			c->todo++;
		break;
	}
}

struct build {
	struct core *c;
	struct report *r;
	struct query *all_periods;  /* the unit's records of every period */
	struct state_window w;      /* the periods and the day they are judged */
	int year;                   /* the period's year */
	int64_t scope;
	struct error *err;
	int failed;
	/* units already found to be in scope or not */
	int64_t *seen;
	int *inside;
	size_t nseen;
};

static int in_scope(struct build *b, int64_t unit)
{
	int64_t *seen;
	int within, *inside;

	for (size_t i = 0; i < b->nseen; i++)
		if (b->seen[i] == unit)
			return b->inside[i];
	within = store_unit_in_scope(b->c->store, unit, b->scope, b->err) > 0;
	/* Remembering is only a saving: without memory, ask again next time. */
	if ((seen = realloc(b->seen, (b->nseen + 1) * sizeof *seen)))
		b->seen = seen;
	if (seen && (inside = realloc(b->inside, (b->nseen + 1) * sizeof *inside))) {
		b->inside = inside;
		b->seen[b->nseen] = unit;
		b->inside[b->nseen++] = within;
	}
	return within;
}

/* A record kept for the roll-up: its own copies of what the roll-up and the
 * report read (the store's strings live only during the callback). */
struct kept {
	int64_t unit_id;
	char status[8], completed[11], period[8];
	char *note, *evidence;
	int supplementary;
};

struct recs {
	struct build *b;            /* to tell which units are in scope */
	struct kept *v;             /* in period order, as the store gives them */
	size_t n, cap;
	const char *first, *last;   /* the records kept: the year up to the period's end */
	const char *from;           /* the records the task's state comes from */
};

static int keep_record(const struct status_record *r, void *ctx)
{
	struct recs *k = ctx;
	struct kept *e;

	if (strcmp(r->period, k->first) < 0 || strcmp(r->period, k->last) > 0 ||
	    !in_scope(k->b, r->unit_id))
		return 0;
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 16;
		struct kept *v = realloc(k->v, cap * sizeof *v);

		if (!v)
			return error_set(k->b->err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		k->v = v;
		k->cap = cap;
	}
	e = &k->v[k->n];
	e->unit_id = r->unit_id;
	snprintf(e->status, sizeof e->status, "%s", r->status);
	snprintf(e->completed, sizeof e->completed, "%s", r->completed ? r->completed : "");
	snprintf(e->period, sizeof e->period, "%s", r->period);
	e->supplementary = r->supplementary;
	e->note = strdup(r->note ? r->note : "");
	e->evidence = strdup(r->evidence ? r->evidence : "");
	k->n++;
	if (!e->note || !e->evidence)
		return error_set(k->b->err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	return 0;
}

static void recs_free(struct recs *k)
{
	for (size_t i = 0; i < k->n; i++) {
		free(k->v[i].note);
		free(k->v[i].evidence);
	}
	free(k->v);
}

/* The state from the records of one unit (unit 0: all). */
static enum task_state state_of(const struct recs *k, int64_t unit, const char *due,
				struct date at)
{
	struct rollup r = {0, 0, NULL};
	enum task_state st;

	for (size_t i = 0; i < k->n; i++) {
		const struct kept *e = &k->v[i];
		struct status_record rec;

		if ((unit && e->unit_id != unit) || strcmp(e->period, k->from) < 0)
			continue;
		memset(&rec, 0, sizeof rec);
		rec.unit_id = e->unit_id;
		rec.status = e->status;
		rec.completed = e->completed[0] ? e->completed : NULL;
		rollup_add(&r, &rec);
	}
	st = rollup_state(&r, due, at);
	rollup_clear(&r);
	return st;
}

static struct report_row *row_for(struct report_row **rows, size_t *n, const char *key)
{
	struct report_row *v;

	for (size_t i = 0; i < *n; i++)
		if (strcmp((*rows)[i].code, key) == 0)
			return &(*rows)[i];
	if (!(v = realloc(*rows, (*n + 1) * sizeof *v)))
		return NULL;
	*rows = v;
	memset(&v[*n], 0, sizeof v[*n]);
	snprintf(v[*n].code, sizeof v[*n].code, "%s", key);
	return &v[(*n)++];
}

struct per_unit {
	struct build *b;
	const struct recs *k;
	const struct task *t;
	struct date at;             /* when the task's overdue is judged */
	int no_date;                /* an event or relative task with no date yet */
	char lead[256];
};

static int count_assignee(const struct assignment *a, void *ctx)
{
	struct per_unit *p = ctx;
	struct report_row *row;
	enum task_state st;

	if (strcmp(a->role, "lead") == 0 && !p->lead[0])
		snprintf(p->lead, sizeof p->lead, "%s", a->unit_id ? a->unit_name : a->agency_text);
	if (!a->unit_id || !in_scope(p->b, a->unit_id))
		return 0;
	if (!(row = row_for(&p->b->r->units, &p->b->r->nunits, a->unit_code)))
		return 1;
	if (!row->label[0]) {
		snprintf(row->label, sizeof row->label, "%s", a->unit_name);
		if (store_submission_get(p->b->c->store, a->unit_id, p->b->w.last, row->submitted, row->received,
					 p->b->err))
			return 1;
	}
	st = state_of(p->k, a->unit_id, p->t->due_eff, p->at);
	count(&row->c, st, p->no_date);
	for (size_t i = 0; i < p->k->n; i++) {
		const struct kept *e = &p->k->v[i];

		if (e->unit_id != a->unit_id || strcmp(e->period, p->b->w.first) < 0)
			continue;
		row->reported = 1;
		row->supplementary += e->supplementary;
	}
	return 0;
}

static int count_task(const struct task *t, void *ctx)
{
	struct build *b = ctx;
	struct recs k;
	struct per_unit pu;
	struct report_row *sec;
	char key[24], keep[8], from[8];
	enum task_state st;
	struct date at;
	int no_date, reporting;

	memset(&k, 0, sizeof k);
	k.b = b;
	state_task_range(&b->w, t, keep, from);
	k.first = keep;
	k.from = from;
	k.last = b->w.last;
	if (query_records(b->c, b->all_periods, t->id, keep_record, &k, b->err))
		return b->failed = 1;
	reporting = t->plan_calendar && strcmp(t->plan_calendar, "reporting") == 0;
	b->r->calendars |= reporting ? REPORT_REPORTING : REPORT_CALENDAR;
	at = state_at(&b->w, t);
	st = state_of(&k, 0, t->due_eff, at);
	no_date = state_no_date(t);
	count(&b->r->all, st, no_date);
	snprintf(key, sizeof key, "%lld", (long long)t->section_id);
	if (!(sec = row_for(&b->r->sections, &b->r->nsections, key)))
		goto nomem;
	if (!sec->label[0])
		snprintf(sec->label, sizeof sec->label, "%s  %s%s%s", t->plan_number,
			 t->section_code ? t->section_code : "", t->section_code ? ". " : "",
			 t->section_title ? t->section_title : _("(no section)"));
	count(&sec->c, st, no_date);
	memset(&pu, 0, sizeof pu);
	pu.b = b;
	pu.k = &k;
	pu.t = t;
	pu.no_date = no_date;
	pu.at = at;
	if (task_assignments(b->c, t->id, count_assignee, &pu, b->err)) {
		recs_free(&k);
		if (!b->err->code)  /* a row could not grow; store errors say why */
			error_set(b->err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		return b->failed = 1;
	}
	if (st == STATE_OVERDUE || st == STATE_BLOCKED) {
		struct report_item *v = realloc(b->r->items, (b->r->nitems + 1) * sizeof *v), *it;
		const char *note = "", *evidence = "";

		if (!v)
			goto nomem;
		b->r->items = v;
		it = &v[b->r->nitems++];
		memset(it, 0, sizeof *it);
		it->blocked = st == STATE_BLOCKED;
		snprintf(it->number, sizeof it->number, "%s", t->number);
		snprintf(it->plan, sizeof it->plan, "%s", t->plan_number);
		snprintf(it->lead, sizeof it->lead, "%s", pu.lead);
		snprintf(it->due, sizeof it->due, "%s", t->due_eff ? t->due_eff : "");
		/* The latest note and evidence behind the task's state. */
		for (size_t i = 0; i < k.n; i++) {
			if (strcmp(k.v[i].period, k.from) < 0)
				continue;
			if (k.v[i].note[0])
				note = k.v[i].note;
			if (k.v[i].evidence[0])
				evidence = k.v[i].evidence;
		}
		if (!(it->title = strdup(t->title)) || !(it->note = strdup(note)) ||
		    !(it->evidence = strdup(evidence)))
			goto nomem;
		/* Evidence items are kept one per line; the report lists them on one. */
		for (char *p = it->evidence; *p; p++)
			if (*p == '\t' || *p == '\n')
				*p = ' ';
	}
	recs_free(&k);
	return 0;
nomem:
	recs_free(&k);
	error_set(b->err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	return b->failed = 1;
}

static int take_unit(const struct unit *u, void *ctx)
{
	struct report *r = ctx;

	snprintf(r->unit, sizeof r->unit, "%s", u->code);
	snprintf(r->unit_name, sizeof r->unit_name, "%s", u->name);
	return 0;
}

/* Units ranked: lowest overdue rate first, then the most done on time. */
static int by_rank(const void *a, const void *b)
{
	const struct report_row *x = a, *y = b;
	double ox = report_overdue_rate(&x->c), oy = report_overdue_rate(&y->c);
	double dx = x->c.total ? (double)x->c.on_time / (double)x->c.total : 0;
	double dy = y->c.total ? (double)y->c.on_time / (double)y->c.total : 0;

	if (ox != oy)
		return ox < oy ? -1 : 1;
	if (dx != dy)
		return dx > dy ? -1 : 1;
	return strcmp(x->code, y->code);
}

static int note_calendar(const struct plan *p, void *ctx)
{
	struct build *b = ctx;

	if (p->start_year <= b->year && b->year <= p->end_year)
		b->r->calendars |= p->calendar && strcmp(p->calendar, "reporting") == 0
				   ? REPORT_REPORTING : REPORT_CALENDAR;
	return 0;
}

int report_submit(struct core *c, const char *period, const char *unit, char submitted[21],
		  struct error *err)
{
	struct period p;
	char pstr[8], gid[ID_LEN + 1], *acting = NULL;
	int64_t unit_id, author;
	int rc;

	submitted[0] = '\0';
	if (!period)
		p = period_of(core_today(c));
	else if (period_parse(period, &p))
		return error_set(err, ERR_INVALID,
			_("period '%s': write a quarter as YYYYQN, such as 2024Q2"), period);
	period_format(p, pstr);
	if ((rc = core_unit_or_acting(c, &unit, &acting, err)) ||
	    (rc = core_unit_id(c, unit, &unit_id, err)) ||
	    (rc = store_begin(c->store, err)))
		goto out;
	if ((rc = store_submission_get(c->store, unit_id, pstr, submitted, NULL, err)))
		goto fail;
	if (submitted[0]) {
		rc = error_set(err, ERR_EXISTS,
			_("%s already submitted its report for %s at %s; later changes are "
			  "supplementary"), unit, pstr, submitted);
		goto fail;
	}
	author = core_author(c, unit_id);
	id_random(gid);
	core_timestamp(submitted);
	if ((rc = store_submission_add(c->store, gid, unit_id, pstr, submitted, author, err)) ||
	    (rc = store_commit(c->store, err)))
		goto fail;
	goto out;
fail:
	store_rollback(c->store);
out:
	free(acting);
	return rc;
}

const char *report_state_label(int k)
{
	static const char *const labels[REPORT_STATES] = {
		N_("done on time"), N_("done late"), N_("in progress"), N_("not started"),
		N_("blocked"), N_("overdue"), N_("event, no date yet"),
	};

	return _(labels[k]);
}

int64_t report_state_count(const struct report_counts *c, int k)
{
	const int64_t v[REPORT_STATES] = {c->on_time, c->late, c->doing, c->todo, c->blocked,
					  c->overdue, c->no_date};

	return v[k];
}

/* "on time" or "late by N days", after a submission time. */
void report_timeliness(int late_days, char *buf, size_t size)
{
	if (late_days == 0)
		snprintf(buf, size, "  %s", _("(on time)"));
	else if (late_days > 0)
		snprintf(buf, size, _("  (late by %d days)"), late_days);
	else
		buf[0] = '\0';
}

void report_submission_line(const struct report *r, char *buf, size_t size)
{
	char when[64];

	report_timeliness(r->late_days, when, sizeof when);
	if (r->submitted[0])
		snprintf(buf, size, _("Submitted: %s%s; due %s"), r->submitted, when, r->deadline);
	else
		snprintf(buf, size, _("Not submitted yet; due %s"), r->deadline);
}

static const char threshold_key[] = "report_threshold";
static const char deadline_key[] = "report_deadline_day";

/* A stored setting, or def when there is none. */
static int setting_int(struct core *c, const char *key, int def, int max, int *out,
		       struct error *err)
{
	char *text = NULL, *end;
	long n = 0;
	int rc;

	if ((rc = store_setting_get(c->store, key, &text, err)))
		return rc;
	*out = def;
	if (text && (!isdigit((unsigned char)text[0]) || (n = strtol(text, &end, 10)) > max || *end))
		rc = error_set(err, ERR_INVALID, _("setting %s: '%s' is not a number from 0 to %d"),
			       key, text, max);
	else if (text)
		*out = (int)n;
	free(text);
	return rc;
}

int report_settings_get(struct core *c, struct report_settings *out, struct error *err)
{
	int rc;

	if ((rc = setting_int(c, threshold_key, 5, 100, &out->threshold, err)))
		return rc;
	return setting_int(c, deadline_key, 0, 31, &out->deadline_day, err);
}

int report_settings_set(struct core *c, int threshold, int deadline_day, struct error *err)
{
	char text[12];
	int rc = 0;

	if (threshold < -1 || threshold > 100)
		return error_set(err, ERR_INVALID, _("threshold %d: give a percentage from 0 to 100"),
				 threshold);
	if (deadline_day < -1 || deadline_day > 31)
		return error_set(err, ERR_INVALID, _("deadline day %d: give a day from 1 to 31, or 0 for the period's end"),
				 deadline_day);
	if ((rc = store_begin(c->store, err)))
		return rc;
	if (threshold >= 0) {
		snprintf(text, sizeof text, "%d", threshold);
		rc = store_setting_set(c->store, threshold_key, text, err);
	}
	if (!rc && deadline_day >= 0) {
		snprintf(text, sizeof text, "%d", deadline_day);
		rc = store_setting_set(c->store, deadline_key, text, err);
	}
	if (rc) {
		store_rollback(c->store);
		return rc;
	}
	return store_commit(c->store, err);
}

/* When reports for the period are due: the set day of its last month, or
 * by default as the plans count: the 14th on the reporting calendar (the
 * samples' "Trước ngày 14 của tháng cuối kỳ báo cáo"), the period's last
 * day on calendar quarters (and where plans of both kinds are counted). */
static void set_deadline(struct report *r, int day)
{
	struct date to;

	if (date_parse(r->to, &to))
		return;
	if (day)
		to.d = day < date_days_in_month(to.y, to.m) ? day : date_days_in_month(to.y, to.m);
	else if (r->calendars == REPORT_REPORTING)
		to.d = 14;
	date_format(to, r->deadline);
}

/* How many days after the deadline a report was submitted (0: on time; -1:
 * not submitted). */
static int late_days(const struct report *r, const char *submitted)
{
	struct date sent, due;
	char day[11];
	int64_t days;

	if (!submitted[0])
		return -1;
	snprintf(day, sizeof day, "%.10s", submitted);
	if (date_parse(day, &sent) || date_parse(r->deadline, &due))
		return -1;
	days = (date_epoch(sent) - date_epoch(due)) / 86400;
	return days > 0 ? (int)days : 0;
}

int report_build(struct core *c, const char *period, const char *unit, double threshold,
		 struct report *r, struct error *err)
{
	struct period first, last;
	struct task_filter f;
	struct build b;
	struct date from, to, unused, today = core_today(c);
	struct report_settings set;
	struct query *q = NULL;
	char *acting = NULL, current[8];
	int64_t unit_id;
	int rc;

	memset(r, 0, sizeof *r);
	memset(&b, 0, sizeof b);
	if (!period) {
		period_format(period_of(today), current);
		period = current;
	}
	if (parse_range(period, &first, &last, r->label, sizeof r->label))
		return error_set(err, ERR_INVALID,
			_("period '%s': use a quarter (2024Q2), a half (2024H1), a range in one year "
			  "(2024Q1-2024Q3) or a year (2024)"), period);
	snprintf(r->period, sizeof r->period, "%s", period);
	if ((rc = report_settings_get(c, &set, err)))
		return rc;
	if (threshold < 0)
		threshold = set.threshold / 100.0;
	r->threshold = threshold;
	period_bounds(first, &from, &unused);
	period_bounds(last, &unused, &to);
	date_format(from, r->from);
	date_format(to, r->to);
	if ((rc = core_unit_or_acting(c, &unit, &acting, err)))
		return rc;
	if ((rc = core_unit_id(c, unit, &unit_id, err)) ||
	    (rc = store_unit_get(c->store, unit_id, take_unit, r, err)))
		goto out;
	state_window_init(&b.w, first, last, today);
	if ((rc = store_submission_get(c->store, unit_id, b.w.last, r->submitted, NULL, err)))
		goto out;
	b.c = c;
	b.r = r;
	b.err = err;
	b.scope = unit_id;
	/* On the reporting calendar the period ends on the 14th of its last
	 * month and began on the 15th of the month before its first. */
	date_format((struct date){to.y, to.m, 14}, r->rto);
	date_format(from.m == 1 ? (struct date){from.y - 1, 12, 15}
				: (struct date){from.y, from.m - 1, 15}, r->rfrom);
	/* Every unit's records, filtered here through a cache of the scope:
	 * cheaper than walking the unit tree again for every task. */
	memset(&f, 0, sizeof f);
	if ((rc = query_new(c, &f, &b.all_periods, err)))
		goto out;
	f.unit = unit;
	f.period = b.w.first;
	f.period_to = b.w.last;
	if ((rc = query_new(c, &f, &q, err)) || (rc = query_tasks(c, q, count_task, &b, err)))
		goto out;
	if (b.failed)
		rc = err->code ? err->code : ERR_NOMEM;
	/* The calendars are those of the tasks counted; with none, those of
	 * the plans covering the year, so an empty period still says which. */
	b.year = first.year;
	if (!rc && !r->calendars && (rc = plan_list(c, note_calendar, &b, err)))
		goto out;
	if (r->nunits)          /* qsort wants an array, even of none */
		qsort(r->units, r->nunits, sizeof *r->units, by_rank);
	set_deadline(r, set.deadline_day);
	for (size_t i = 0; i < r->nunits; i++) {
		r->units[i].flagged = report_overdue_rate(&r->units[i].c) >= threshold * 100.0;
		r->units[i].late_days = late_days(r, r->units[i].submitted);
	}
	r->late_days = late_days(r, r->submitted);
out:
	query_free(q);
	query_free(b.all_periods);
	free(b.seen);
	free(b.inside);
	free(acting);
	if (rc)
		report_free(r);
	return rc;
}

void report_free(struct report *r)
{
	for (size_t i = 0; i < r->nitems; i++) {
		free(r->items[i].title);
		free(r->items[i].note);
		free(r->items[i].evidence);
	}
	free(r->sections);
	free(r->units);
	free(r->items);
	r->sections = r->units = NULL;
	r->items = NULL;
	r->nsections = r->nunits = r->nitems = 0;
}
