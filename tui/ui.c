/* ui.c - the quarter review: header, task grid grouped by section,
 * detail pane, filter pane, status line.
 *
 * The grid never loads every task: it knows the sections that have tasks
 * under the filter and how many (one grouped query), and reads only the
 * tasks on screen, section by section. Every key is one action; after it the
 * whole screen is drawn into curses' buffer and curses sends only what
 * changed, so moving the selection costs a few bytes and a one-line scroll
 * is a scroll, not a repaint. Nothing runs while the user is idle: no clock,
 * no timer, no byte on the wire. */
#include <config.h>

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/bundle.h"
#include "core/compose.h"
#include "core/plans.h"
#include "core/query.h"
#include "core/report.h"
#include "core/state.h"
#include "core/status.h"
#include "core/text.h"
#include "core/units.h"
#include "db/i18n.h"
#include "tui/draw.h"
#include "tui/keymap.h"
#include "tui/prompt.h"
#include "tui/terminal.h"
#include "tui/ui.h"

enum { MAX_ROWS = 256, UNDO_DEPTH = 64 };

struct section_row {
	int64_t id;
	char *label;
	int64_t count;
	int folded;
};

/* One row on screen: a section header or a task. */
struct vrow {
	int header;
	size_t sec;
	int64_t task;
	char number[32], due[16], lead[96], state[64], title[512], plan[64];
	enum task_state st;
	int progress;
};

struct undo {
	int64_t task;
	char unit[40], period[8], status[8], completed[11];
	int progress, existed;
	char *note, *evidence;
};

/* The section counts of a filter seen before: flipping back to a quarter
 * costs nothing until a change is saved (which empties the cache). */
enum { CACHE_SIZE = 8 };

struct cached {
	char key[400];
	struct section_row *secs;
	size_t nsecs;
	int64_t total, done, overdue;
	unsigned long used;
};

struct ui {
	struct core *core;
	struct cached cache[CACHE_SIZE];
	unsigned long clock;
	struct keymap keys;
	char unit[40], search[256], kind[16], status[16], section_label[300];
	char search_hint[128];      /* under the search prompt */
	int64_t section;            /* the section filter, 0: all */
	struct period period;
	struct state_window window;  /* the period, judged as the report judges it */
	int show_filter, help, dashboard, low_bw, color, too_small;
	int help_more;              /* the help has another page */
	/* What the detail pane shows: a task, or (0) the heading of section
	 * detail_sec. It follows the cursor when pinned: at every draw, except
	 * while keys come in quick succession (scanning) and, on the slowest
	 * links, until Enter asks. */
	int64_t detail_task;
	size_t detail_sec;
	int pin_detail, scanning;
	enum compose_mode compose;
	struct query *q;
	struct section_row *secs;
	size_t nsecs;
	long nrows, cur, top;
	int64_t total, done, overdue;
	struct vrow rows[MAX_ROWS];
	int grid_h, nloaded, rows_valid;    /* rows[] holds nloaded rows from rows_top */
	long rows_top;
	int rows_h;
	char msg[256];
	/* What a bundle export or import did, shown until a key is pressed. */
	char result[8][200];
	int nresult;
	struct report dash[2];      /* the dashboard's period and the one before */
	struct undo undo[UNDO_DEPTH];
	int nundo;
};

enum { PAIR_HEADER = 1, PAIR_OVERDUE, PAIR_DONE, PAIR_SECTION, PAIR_SELECT };

/* Keys this close (ms) are scanning: a held key repeats every 30-50 ms, a
 * finger tapping j every 100-200. */
enum { SCAN_MS = 250 };

static long long clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ------------------------------------------------------------ the model */

static void free_sections(struct ui *u)
{
	for (size_t i = 0; i < u->nsecs; i++)
		free(u->secs[i].label);
	free(u->secs);
	u->secs = NULL;
	u->nsecs = 0;
}

static int add_section(const struct section_count *sc, void *ctx)
{
	struct ui *u = ctx;
	const char *code = sc->code, *title = sc->title, *plan = sc->plan_number;
	struct section_row *v = realloc(u->secs, (u->nsecs + 1) * sizeof *v);
	char *label;

	if (!v)
		return ERR_NOMEM;
	u->secs = v;
	if (asprintf(&label, "%s  %s%s%s", plan, code ? code : "", code ? ". " : "",
		     title ? title : _("(no section)")) < 0)
		return ERR_NOMEM;
	v[u->nsecs].id = sc->section_id;
	v[u->nsecs].label = label;
	v[u->nsecs].count = sc->count;
	u->total += sc->count;
	u->done += sc->done;
	u->overdue += sc->overdue;
	v[u->nsecs].folded = 0;
	u->nsecs++;
	return 0;
}

static void count_rows(struct ui *u)
{
	u->nrows = 0;
	for (size_t i = 0; i < u->nsecs; i++)
		u->nrows += 1 + (u->secs[i].folded ? 0 : u->secs[i].count);
	if (u->cur >= u->nrows)
		u->cur = u->nrows ? u->nrows - 1 : 0;
}

static void drop_cached(struct cached *c)
{
	for (size_t i = 0; i < c->nsecs; i++)
		free(c->secs[i].label);
	free(c->secs);
	memset(c, 0, sizeof *c);
}

/* Forget every cached count: the data changed. */
static void cache_clear(struct ui *u)
{
	for (int i = 0; i < CACHE_SIZE; i++)
		drop_cached(&u->cache[i]);
}

static int cache_get(struct ui *u, const char *key)
{
	for (int i = 0; i < CACHE_SIZE; i++) {
		struct cached *c = &u->cache[i];
		struct section_row *secs;

		if (!c->key[0] || strcmp(c->key, key) != 0)
			continue;
		if (!(secs = calloc(c->nsecs + 1, sizeof *secs)))
			return 0;
		for (size_t k = 0; k < c->nsecs; k++) {
			secs[k] = c->secs[k];
			secs[k].label = strdup(c->secs[k].label);
		}
		u->secs = secs;
		u->nsecs = c->nsecs;
		u->total = c->total;
		u->done = c->done;
		u->overdue = c->overdue;
		c->used = ++u->clock;
		return 1;
	}
	return 0;
}

static void cache_put(struct ui *u, const char *key)
{
	struct cached *c = &u->cache[0];

	for (int i = 1; i < CACHE_SIZE; i++)
		if (u->cache[i].used < c->used)
			c = &u->cache[i];
	drop_cached(c);
	if (!(c->secs = calloc(u->nsecs + 1, sizeof *c->secs)))
		return;
	for (size_t k = 0; k < u->nsecs; k++) {
		c->secs[k] = u->secs[k];
		c->secs[k].folded = 0;
		c->secs[k].label = strdup(u->secs[k].label);
	}
	c->nsecs = u->nsecs;
	c->total = u->total;
	c->done = u->done;
	c->overdue = u->overdue;
	c->used = ++u->clock;
	snprintf(c->key, sizeof c->key, "%s", key);
}

/* The filter on screen at a period, and its key in the cache. */
static void make_filter(const struct ui *u, const char *period, struct task_filter *f,
			char *key, size_t size)
{
	memset(f, 0, sizeof *f);
	f->period = period;
	f->unit = u->unit[0] ? u->unit : NULL;
	f->text = u->search[0] ? u->search : NULL;
	f->status = u->status[0] ? u->status : NULL;
	f->kind = u->kind[0] ? u->kind : NULL;
	f->section_id = u->section;
	snprintf(key, size, "%s|%s|%s|%s|%s|%lld", period, u->unit, u->search, u->status,
		 u->kind, (long long)u->section);
}

static int cache_has(const struct ui *u, const char *key)
{
	for (int i = 0; i < CACHE_SIZE; i++)
		if (strcmp(u->cache[i].key, key) == 0)
			return 1;
	return 0;
}

/* While the officer reads, count the quarters on either side into the
 * cache, so [ and ] cost a lookup instead of a scan of the quarter (tens
 * of milliseconds on a province). Nothing is drawn; a waiting key stops it. */
static void prefetch(struct ui *u)
{
	static const int deltas[] = {1, -1};
	struct section_row *secs = u->secs;
	size_t nsecs = u->nsecs;
	int64_t total = u->total, done = u->done, overdue = u->overdue;

	for (size_t i = 0; i < sizeof deltas / sizeof deltas[0]; i++) {
		struct task_filter f;
		struct query *q;
		struct error err;
		char period[8], key[400];

		period_format(period_add(u->period, deltas[i]), period);
		make_filter(u, period, &f, key, sizeof key);
		if (cache_has(u, key))
			continue;
		if (input_pending() || query_new(u->core, &f, &q, &err))
			break;
		u->secs = NULL;
		u->nsecs = 0;
		u->total = u->done = u->overdue = 0;
		if (query_sections(u->core, q, add_section, u, &err) == 0)
			cache_put(u, key);
		query_free(q);
		free_sections(u);
	}
	u->secs = secs;
	u->nsecs = nsecs;
	u->total = total;
	u->done = done;
	u->overdue = overdue;
}

/* Rebuild the query after the filter changed; keeps folded sections. */
static void refilter(struct ui *u)
{
	struct task_filter f;
	struct error err;
	char period[8], key[400];
	int64_t *folded = NULL;
	size_t nfolded = 0;

	for (size_t i = 0; i < u->nsecs; i++) {
		int64_t *more;

		if (!u->secs[i].folded || !(more = realloc(folded, (nfolded + 1) * sizeof *more)))
			continue;
		folded = more;
		folded[nfolded++] = u->secs[i].id;
	}
	query_free(u->q);
	u->q = NULL;
	free_sections(u);
	period_format(u->period, period);
	make_filter(u, period, &f, key, sizeof key);
	error_clear(&err);
	u->total = u->done = u->overdue = 0;
	u->rows_valid = 0;
	state_window_init(&u->window, u->period, u->period, core_today(u->core));
	if (query_new(u->core, &f, &u->q, &err))
		snprintf(u->msg, sizeof u->msg, "%.250s", err.msg);
	else if (!cache_get(u, key)) {
		if (query_sections(u->core, u->q, add_section, u, &err))
			snprintf(u->msg, sizeof u->msg, "%.250s", err.msg);
		else
			cache_put(u, key);
	}
	for (size_t i = 0; i < u->nsecs; i++)
		for (size_t k = 0; k < nfolded; k++)
			if (u->secs[i].id == folded[k])
				u->secs[i].folded = 1;
	free(folded);
	count_rows(u);
}

/* Row index -> section and position in it (-1: the section's header). */
static void locate(const struct ui *u, long row, size_t *sec, long *pos)
{
	size_t i;

	for (i = 0; i < u->nsecs; i++) {
		long n = 1 + (u->secs[i].folded ? 0 : u->secs[i].count);

		if (row < n) {
			*sec = i;
			*pos = row - 1;
			return;
		}
		row -= n;
	}
	*sec = u->nsecs;
	*pos = -1;
}

struct fill {
	struct ui *u;
	struct vrow *rows;
	int n, max;
	size_t sec;
};

static int fill_task(const struct task *t, void *ctx)
{
	struct fill *f = ctx;
	struct vrow *v;
	struct task_view view;
	struct error err;

	if (f->n >= f->max)
		return 1;
	v = &f->rows[f->n++];
	memset(v, 0, sizeof *v);
	v->sec = f->sec;
	v->task = t->id;
	snprintf(v->number, sizeof v->number, "%s", t->number);
	snprintf(v->plan, sizeof v->plan, "%s", t->plan_number);
	snprintf(v->title, sizeof v->title, "%s", t->title);
	v->title[strcspn(v->title, "\n")] = '\0';
	if (t->due_eff) {
		struct date d;

		if (date_parse(t->due_eff, &d) == 0)
			snprintf(v->due, sizeof v->due, "%02d/%02d/%04d", d.d % 100, d.m % 100, d.y % 10000);
	}
	if (state_of_task(f->u->core, f->u->q, &f->u->window, t, &view, &err) == 0) {
		v->st = view.state;
		v->progress = view.progress;
	} else {
		v->st = STATE_NOT_STARTED;
		v->progress = -1;
	}
	if (v->st == STATE_IN_PROGRESS || (v->st == STATE_OVERDUE && v->progress > 0))
		snprintf(v->state, sizeof v->state, "%s %d%%", state_label(v->st), v->progress);
	else
		snprintf(v->state, sizeof v->state, "%s", state_label(v->st));
	return 0;
}

static int first_lead(const struct assignment *a, void *ctx)
{
	struct vrow *v = ctx;

	if (strcmp(a->role, "lead") != 0 || v->lead[0])
		return 0;
	snprintf(v->lead, sizeof v->lead, "%s", a->unit_id ? a->unit_code : a->agency_text);
	return 0;
}

/* Read the rows on screen. */
static int load_rows(struct ui *u, long top, int h)
{
	struct fill f = {u, u->rows, 0, h < MAX_ROWS ? h : MAX_ROWS, 0};
	struct error err;
	long row = top;

	while (f.n < f.max && row < u->nrows) {
		size_t sec;
		long pos;

		locate(u, row, &sec, &pos);
		if (pos < 0) {
			struct vrow *v = &u->rows[f.n++];

			memset(v, 0, sizeof *v);
			v->header = 1;
			v->sec = sec;
			row++;
			continue;
		}
		f.sec = sec;
		query_exact_section(u->q, u->secs[sec].id);
		query_window(u->q, pos, f.max - f.n);
		{
			int before = f.n;

			if (query_tasks(u->core, u->q, fill_task, &f, &err) != 0 && f.n == before)
				break;
			row += f.n - before;
			if (f.n == before)
				break;
		}
	}
	query_exact_section(u->q, -1);
	query_window(u->q, 0, 0);
	for (int i = 0; i < f.n; i++)
		if (!u->rows[i].header)
			task_assignments(u->core, u->rows[i].task, first_lead, &u->rows[i], &err);
	return f.n;
}

/* ------------------------------------------------------------ drawing */

static attr_t pair(const struct ui *u, int p)
{
	return u->color ? COLOR_PAIR(p) : A_NORMAL;
}

static attr_t state_attr(const struct ui *u, enum task_state st)
{
	if (st == STATE_OVERDUE)
		return u->color ? COLOR_PAIR(PAIR_OVERDUE) : A_BOLD;
	if (st == STATE_DONE || st == STATE_DONE_ON_TIME || st == STATE_DONE_LATE)
		return pair(u, PAIR_DONE);
	return A_NORMAL;
}

static void draw_header(struct ui *u)
{
	char line[512], label[64], *acting = NULL;
	struct error err;

	period_label(u->period, label, sizeof label);
	if (!u->unit[0])
		unit_acting_code(u->core, &acting, &err);
	{
		long i = u->cur - u->rows_top;
		const char *plan = u->rows_valid && i >= 0 && i < u->nloaded && !u->rows[i].header
				   ? u->rows[i].plan : "";

		snprintf(line, sizeof line, " dondoc   %s   %s %s   %s%s%s%s%s%s%s", label, _("unit"),
			 u->unit[0] ? u->unit : _("all"), plan, u->status[0] ? "   " : "", u->status,
			 u->kind[0] ? "   " : "", u->kind, u->search[0] ? "   /" : "", u->search);
	}
	draw_text(stdscr, 0, 0, COLS, line, A_REVERSE | A_BOLD);
	if (u->compose) {
		snprintf(line, sizeof line, "[%s]", compose_mode_name(u->compose));
		draw_text(stdscr, 0, COLS - 8, 8, line, A_REVERSE);
	}
	free(acting);
}

/* A grid cell: the text in width - 1 columns, then a space. */
static void cell(int y, int x, int width, const char *s, attr_t attr)
{
	if (width <= 0)
		return;
	draw_text(stdscr, y, x, width - 1, s, attr);
	draw_text(stdscr, y, x + width - 1, 1, "", attr);
}

static void draw_grid(struct ui *u, int y0, int x0, int w, int h)
{
	int lead_w = w >= 100 ? 16 : 10, due_w = 10, state_w = w >= 100 ? 18 : 15;
	int num_w = 5, title_w = w - 1 - num_w - lead_w - due_w - state_w - 4, n, i;

	if (title_w < 8)
		title_w = 8, lead_w = 0;
	draw_text(stdscr, y0, x0, 1 + num_w + 1, _(" No."), A_BOLD | A_UNDERLINE);
	draw_text(stdscr, y0, x0 + 2 + num_w, title_w + 1, _("Task"), A_BOLD | A_UNDERLINE);
	draw_text(stdscr, y0, x0 + 3 + num_w + title_w, lead_w + 1, _("Lead"), A_BOLD | A_UNDERLINE);
	draw_text(stdscr, y0, x0 + 4 + num_w + title_w + lead_w, due_w + 1, _("Due"),
		  A_BOLD | A_UNDERLINE);
	draw_text(stdscr, y0, x0 + 5 + num_w + title_w + lead_w + due_w, state_w, _("State"),
		  A_BOLD | A_UNDERLINE);
	h--;
	y0++;
	u->grid_h = h;
	if (u->cur < u->top)
		u->top = u->cur;
	if (u->cur >= u->top + h)
		u->top = u->cur - h + 1;
	/* A move inside the window reads nothing. */
	if (!u->rows_valid || u->rows_top != u->top || u->rows_h != h) {
		u->nloaded = load_rows(u, u->top, h);
		u->rows_top = u->top;
		u->rows_h = h;
		u->rows_valid = 1;
	}
	n = u->nloaded < h ? u->nloaded : h;
	for (i = 0; i < h; i++) {
		int y = y0 + i, sel = u->top + i == u->cur;
		attr_t bar = sel && !u->low_bw ? A_REVERSE : A_NORMAL;
		const char *mark = sel && u->low_bw ? ">" : " ";

		if (i >= n) {
			draw_text(stdscr, y, x0, w, i == 0 && n == 0 ? _(" No task in this quarter for this filter.") : "",
				  A_NORMAL);
			continue;
		}
		if (u->rows[i].header) {
			const struct section_row *s = &u->secs[u->rows[i].sec];
			char line[600];

			snprintf(line, sizeof line, "%s%s %s (%lld)", mark,
				 s->folded ? (draw_utf8() ? "▸" : "+") : (draw_utf8() ? "▾" : "-"),
				 s->label, (long long)s->count);
			draw_text(stdscr, y, x0, w, line, bar | A_BOLD | pair(u, PAIR_SECTION));
			continue;
		}
		draw_text(stdscr, y, x0, 1, mark, bar);
		cell(y, x0 + 1, num_w + 1, u->rows[i].number, bar);
		cell(y, x0 + 2 + num_w, title_w + 1, u->rows[i].title, bar);
		cell(y, x0 + 3 + num_w + title_w, lead_w + 1, u->rows[i].lead, bar);
		cell(y, x0 + 4 + num_w + title_w + lead_w, due_w + 1, u->rows[i].due, bar);
		draw_text(stdscr, y, x0 + 5 + num_w + title_w + lead_w + due_w, state_w,
			  u->rows[i].state, bar | state_attr(u, u->rows[i].st));
	}
}

struct detail {
	struct ui *u;
	int y, x, w, end;
	const struct task *task;
	const char *role;
	char agencies[512];
	char writer[40];            /* the unit whose record is shown with history */
};

static void line(struct detail *d, const char *label, const char *value, attr_t attr)
{
	int lw = 14;
	const char *p = value ? value : "";

	while (d->y < d->end) {
		const char *nl = strchr(p, '\n');
		char piece[600];

		snprintf(piece, sizeof piece, "%.*s", (int)(nl ? nl - p : (long)strlen(p)), p);
		draw_text(stdscr, d->y, d->x, lw, label, A_BOLD);
		draw_text(stdscr, d->y, d->x + lw, d->w - lw, piece, attr);
		d->y++;
		label = "";
		if (!nl)
			break;
		p = nl + 1;
	}
}

static int collect_agency(const struct assignment *a, void *ctx)
{
	struct detail *d = ctx;
	size_t len = strlen(d->agencies);

	if (strcmp(a->role, d->role) != 0)
		return 0;
	snprintf(d->agencies + len, sizeof d->agencies - len, "%s%s", len ? "; " : "",
		 a->unit_id ? a->unit_name : a->agency_text);
	return 0;
}

static int show_history(const struct status_record *r, void *ctx)
{
	struct detail *d = ctx;
	char text[200];

	snprintf(text, sizeof text, "%.16s  %s %d%%  %s", r->updated, r->status, r->progress,
		 r->author_code);
	line(d, "", text, A_DIM);
	return d->y >= d->end;
}

static int show_record(const struct status_record *r, void *ctx)
{
	struct detail *d = ctx;
	char text[700];
	enum task_state st = state_of_record(&d->u->window, d->task, r);

	snprintf(text, sizeof text, "%s  %s %d%%  (%s)%s%s", r->unit_code, r->status, r->progress,
		 state_label(st), r->note[0] ? "  " : "", r->note);
	line(d, r->period, text, state_attr(d->u, st));
	if (r->evidence[0]) {
		char ev[300];

		snprintf(ev, sizeof ev, "%.290s", r->evidence);
		for (char *p = ev; *p; p++)
			if (*p == '\t')
				*p = ' ';
		line(d, _("Evidence:"), ev, A_NORMAL);
	}
	if (strcmp(r->unit_code, d->writer) == 0) {
		struct error err;

		status_history(d->u->core, r->id, show_history, d, &err);
	}
	return d->y >= d->end;
}

static int show_detail(const struct task *t, void *ctx)
{
	struct detail *d = ctx;
	struct error err;
	char sched[256], section[300];

	d->task = t;
	snprintf(section, sizeof section, "%s  %s%s%s", t->plan_number, t->section_code ? t->section_code : "",
		 t->section_code ? ". " : "", t->section_title ? t->section_title : "");
	line(d, _("Plan:"), section, A_NORMAL);
	line(d, _("Task:"), t->title, A_BOLD);
	if (t->output[0])
		line(d, _("Output:"), t->output, A_NORMAL);
	snprintf(sched, sizeof sched, "%s  (%s%s%s)", t->sched.text[0] ? t->sched.text : "-",
		 t->sched.kind, t->due_eff ? _(", due ") : "", t->due_eff ? t->due_eff : "");
	line(d, _("Schedule:"), sched, A_NORMAL);
	d->role = "lead";
	d->agencies[0] = '\0';
	task_assignments(d->u->core, t->id, collect_agency, d, &err);
	line(d, _("Lead:"), d->agencies[0] ? d->agencies : "-", A_NORMAL);
	d->role = "coord";
	d->agencies[0] = '\0';
	task_assignments(d->u->core, t->id, collect_agency, d, &err);
	if (d->agencies[0])
		line(d, _("Coordinating:"), d->agencies, A_NORMAL);
	query_records(d->u->core, d->u->q, t->id, show_record, d, &err);
	if (t->method[0])
		line(d, _("Method:"), t->method, A_NORMAL);
	return 0;
}

static void draw_detail(struct ui *u, int y0, int x0, int w, int h)
{
	struct detail d;
	struct error err;
	char key[24];
	size_t sec;
	long pos;

	memset(&d, 0, sizeof d);
	d.u = u;
	{
		char *acting = NULL;
		struct error e;

		if (unit_acting_code(u->core, &acting, &e) == 0 && acting)
			snprintf(d.writer, sizeof d.writer, "%s", acting);
		free(acting);
	}
	d.y = y0;
	d.x = x0;
	d.w = w;
	d.end = y0 + h;
	for (int i = 0; i < h; i++)
		draw_text(stdscr, y0 + i, x0, w, "", A_NORMAL);
	/* A move then costs the bar (or the marker) alone; the pane follows
	 * once the keys stop. */
	if (u->pin_detail || (!u->low_bw && !u->scanning)) {
		long row = u->cur;

		locate(u, row, &sec, &pos);
		u->detail_sec = sec;
		u->detail_task = row - u->top >= 0 && row - u->top < MAX_ROWS &&
				 row - u->top < u->grid_h && pos >= 0 &&
				 !u->rows[row - u->top].header ? u->rows[row - u->top].task : 0;
		u->pin_detail = 0;
	}
	if (u->detail_task) {
		snprintf(key, sizeof key, "%lld", (long long)u->detail_task);
		task_get(u->core, key, show_detail, &d, &err);
	} else if (u->detail_sec < u->nsecs) {
		line(&d, _("Section:"), u->secs[u->detail_sec].label, A_BOLD);
	}
}

static void draw_filter(struct ui *u, int y0, int x0, int w, int h)
{
	struct detail d = {u, y0, x0, w, y0 + h, NULL, NULL, "", ""};
	char label[64], n[32];

	for (int i = 0; i < h; i++)
		draw_text(stdscr, y0 + i, x0, w, "", A_NORMAL);
	draw_text(stdscr, d.y++, x0, w, _("Filter"), A_BOLD | A_UNDERLINE);
	period_label(u->period, label, sizeof label);
	line(&d, _("Quarter:"), label, A_NORMAL);
	line(&d, _("Unit:"), u->unit[0] ? u->unit : _("all"), A_NORMAL);
	line(&d, _("Status:"), u->status[0] ? u->status : _("all"), A_NORMAL);
	line(&d, _("Schedule:"), u->kind[0] ? u->kind : _("all"), A_NORMAL);
	line(&d, _("Section:"), u->section ? u->section_label : _("all"), A_NORMAL);
	line(&d, _("Search:"), u->search[0] ? u->search : "-", A_NORMAL);
	d.y++;
	snprintf(n, sizeof n, "%lld", (long long)u->total);
	line(&d, _("Tasks:"), n, A_NORMAL);
	snprintf(n, sizeof n, "%lld", (long long)u->done);
	line(&d, _("Done:"), n, pair(u, PAIR_DONE));
	snprintf(n, sizeof n, "%lld", (long long)u->overdue);
	line(&d, _("Overdue:"), n, state_attr(u, STATE_OVERDUE));
}

static void draw_status(struct ui *u)
{
	char text[512];

	if (u->msg[0]) {
		draw_text(stdscr, LINES - 1, 0, COLS, u->msg, A_BOLD);
		return;
	}
	snprintf(text, sizeof text, _("%lld tasks  %lld done  %lld overdue   "
				      "? help  [ ] quarter  / search  s status  e note  q quit"),
		 (long long)u->total, (long long)u->done, (long long)u->overdue);
	draw_text(stdscr, LINES - 1, 0, COLS, text, A_NORMAL);
}

/* The keys of the active keymap, a page at a time: u->help is the page. */
static void draw_help(struct ui *u)
{
	int w = COLS > 74 ? 70 : COLS - 2, h = LINES - 2, y = 1, x = (COLS - w) / 2, row = 0;
	int per_page = h - 2, skip = (u->help - 1) * per_page;

	for (int i = 0; i < h; i++)
		draw_text(stdscr, y + i, x, w, "", A_REVERSE);
	u->help_more = 0;
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		char keys[64];

		keymap_keys_of(&u->keys, (enum action)a, keys, sizeof keys);
		if (!keys[0] || skip-- > 0)
			continue;
		if (row == per_page) {
			u->help_more = 1;
			break;
		}
		draw_text(stdscr, y + 1 + row, x + 1, 14, keys, A_REVERSE | A_BOLD);
		draw_text(stdscr, y + 1 + row, x + 15, w - 16, action_help((enum action)a), A_REVERSE);
		row++;
	}
	draw_text(stdscr, y, x + 1, w - 2,
		  u->help_more ? _("Keys (Space: more, any other key closes)")
			       : _("Keys (any key closes)"), A_REVERSE | A_BOLD);
}

static void draw_result(struct ui *u)
{
	int w = COLS > 84 ? 80 : COLS - 2, x = (COLS - w) / 2, y = 2;

	for (int i = 0; i < u->nresult + 3; i++)
		draw_text(stdscr, y + i, x, w, "", A_REVERSE);
	draw_text(stdscr, y, x + 1, w - 2, _("Bundle (any key closes)"), A_REVERSE | A_BOLD);
	for (int i = 0; i < u->nresult; i++)
		draw_text(stdscr, y + 2 + i, x + 1, w - 2, u->result[i], A_REVERSE);
}

static void draw_bar(int y, int x, int w, int64_t part, int64_t whole, attr_t attr)
{
	int n = whole > 0 ? (int)(part * w / whole) : 0;

	attron(attr);
	for (int i = 0; i < w; i++)
		mvaddstr(y, x + i, i < n ? (draw_utf8() ? "\xe2\x96\x88" : "#") : " ");
	attroff(attr);
}

/* The dashboard: the period's report for the unit in view (the acting unit
 * when all are), beside the quarter before it. Built when it opens, not at
 * every redraw. */
static void open_dashboard(struct ui *u)
{
	char now[8], before[8];
	const char *unit = u->unit[0] ? u->unit : NULL;
	struct error err;

	period_format(u->period, now);
	period_format(period_add(u->period, -1), before);
	if (report_build(u->core, now, unit, -1, &u->dash[0], &err)) {
		snprintf(u->msg, sizeof u->msg, "%.250s", err.msg);
		return;
	}
	if (report_build(u->core, before, unit, -1, &u->dash[1], &err)) {
		report_free(&u->dash[0]);
		snprintf(u->msg, sizeof u->msg, "%.250s", err.msg);
		return;
	}
	u->dashboard = 1;
}

static void close_dashboard(struct ui *u)
{
	if (!u->dashboard)
		return;
	report_free(&u->dash[0]);
	report_free(&u->dash[1]);
	u->dashboard = 0;
}

static void draw_dashboard(struct ui *u)
{
	const struct report *r = &u->dash[0], *prev = &u->dash[1];
	char line[512];
	int y = 1, bar_w = COLS > 72 ? COLS - 52 : COLS > 60 ? 10 : 0;
	int lw = COLS >= 120 ? 60 : 30;     /* section and unit labels */

	for (int i = 1; i < LINES - 1; i++)
		draw_text(stdscr, i, 0, COLS, "", A_NORMAL);
	snprintf(line, sizeof line, _("Dashboard  %s  (any key closes)"), r->label);
	draw_text(stdscr, y++, 1, COLS - 2, line, A_BOLD);
	snprintf(line, sizeof line, "%s  %s", r->unit, r->unit_name);
	draw_text(stdscr, y++, 1, COLS - 2, line, A_NORMAL);
	report_submission_line(r, line, sizeof line);
	draw_text(stdscr, y++, 1, COLS - 2, line, A_NORMAL);
	/* The report counts every task of the unit; say so when the grid shows fewer. */
	if (u->search[0] || u->status[0] || u->kind[0] || u->section)
		draw_text(stdscr, y, 1, COLS - 2, _("The grid's filter does not apply here."), A_DIM);
	y++;
	/* Label and figures in columns, so the counts read down; the quarter
	 * before at the end of each row. */
	for (int k = 0; k < REPORT_STATES; k++, y++) {
		int64_t n = report_state_count(&r->all, k);
		attr_t a = k <= 1 ? state_attr(u, STATE_DONE) : k == 5 ? state_attr(u, STATE_OVERDUE)
								      : A_NORMAL;

		draw_text(stdscr, y, 1, 20, report_state_label(k), A_NORMAL);
		snprintf(line, sizeof line, "%5lld / %lld", (long long)n, (long long)r->all.total);
		draw_text(stdscr, y, 22, 14, line, A_NORMAL);
		draw_bar(y, 37, bar_w, n, r->all.total, a);
		snprintf(line, sizeof line, _("prev. %lld"),
			 (long long)report_state_count(&prev->all, k));
		draw_text(stdscr, y, 38 + bar_w, COLS - 39 - bar_w, line, A_DIM);
	}
	snprintf(line, sizeof line, _("On time %.1f%% (prev. %.1f%%)   Overdue %.1f%% (prev. %.1f%%)"),
		 report_on_time_rate(&r->all), report_on_time_rate(&prev->all),
		 report_overdue_rate(&r->all), report_overdue_rate(&prev->all));
	draw_text(stdscr, ++y, 1, COLS - 2, line, A_BOLD);
	y++;
	/* Each section's done share, then (for a parent) the units, ranked;
	 * a unit at or above the overdue threshold is marked. */
	if (y < LINES - 2)
		draw_text(stdscr, ++y, 1, COLS - 2, _("By section: done / tasks, overdue"), A_BOLD);
	for (size_t i = 0; i < r->nsections && y < LINES - 3; i++) {
		const struct report_row *sec = &r->sections[i];

		draw_text(stdscr, ++y, 1, lw, sec->label, A_NORMAL);
		snprintf(line, sizeof line, "%4lld/%-4lld %4lld", (long long)(sec->c.on_time + sec->c.late),
			 (long long)sec->c.total, (long long)sec->c.overdue);
		draw_text(stdscr, y, lw + 2, 15, line, A_NORMAL);
		draw_bar(y, lw + 18, COLS - lw - 20, sec->c.on_time + sec->c.late, sec->c.total,
			 state_attr(u, STATE_DONE));
	}
	if (r->nunits && y < LINES - 4) {
		y++;
		draw_text(stdscr, ++y, 1, COLS - 2, _("By assigned unit, ranked: overdue rate"), A_BOLD);
	}
	for (size_t i = 0; i < r->nunits && y < LINES - 3; i++) {
		const struct report_row *unit = &r->units[i];
		double rate = report_overdue_rate(&unit->c);

		snprintf(line, sizeof line, "%s %s  %s", unit->flagged ? "!" : " ", unit->code,
			 unit->label);
		draw_text(stdscr, ++y, 1, lw, line, unit->flagged ? state_attr(u, STATE_OVERDUE) : A_NORMAL);
		snprintf(line, sizeof line, "%5.1f%%", rate);
		draw_text(stdscr, y, lw + 2, 15, line, A_NORMAL);
		draw_bar(y, lw + 18, COLS - lw - 20, (int64_t)(rate * 10), 1000, state_attr(u, STATE_OVERDUE));
	}
}

static void draw(struct ui *u)
{
	int body = LINES - 2;

	erase();
	u->too_small = COLS < 40 || LINES < 10;
	if (u->too_small) {
		draw_text(stdscr, LINES / 2, 0, COLS, _("Terminal too small (needs 40x10)"), A_BOLD);
		refresh();
		return;
	}
	if (u->dashboard) {
		draw_dashboard(u);
	} else if (COLS >= 120) {
		int fw = u->show_filter ? 24 : 0, gw = (COLS - fw) * 3 / 5;

		if (fw)
			draw_filter(u, 1, 0, fw - 1, body);
		draw_grid(u, 1, fw, gw, body);
		draw_detail(u, 1, fw + gw + 1, COLS - fw - gw - 1, body);
	} else {
		int grid = body / 2 > 11 ? body / 2 : 11, det;

		if (u->show_filter) {
			draw_filter(u, 1, 0, COLS, body);
		} else {
			draw_grid(u, 1, 0, COLS, grid);
			det = body - grid - 1;
			if (det > 0) {
				draw_hline(stdscr, 1 + grid, 0, COLS);
				draw_detail(u, 2 + grid, 1, COLS - 2, det);
			}
		}
	}
	/* The header names the selected task's plan: drawn after the grid. */
	draw_header(u);
	if (u->help)
		draw_help(u);
	if (u->nresult)
		draw_result(u);
	draw_status(u);
	refresh();
}

/* ------------------------------------------------------------ actions */

static void repaint(void *ctx);

static int selected_task(struct ui *u, int64_t *task)
{
	long i = u->cur - u->top;

	if (i < 0 || i >= u->grid_h || i >= MAX_ROWS || u->rows[i].header) {
		snprintf(u->msg, sizeof u->msg, "%s", _("Select a task first."));
		return 0;
	}
	*task = u->rows[i].task;
	return 1;
}

/* The unit whose record a change writes: the one shown, or the acting unit. */
static int writing_unit(struct ui *u, char *out, size_t size)
{
	char *acting = NULL;
	struct error err;

	if (unit_acting_code(u->core, &acting, &err) == 0 && acting) {
		snprintf(out, size, "%s", acting);
		free(acting);
		return 1;
	}
	if (u->unit[0]) {
		snprintf(out, size, "%s", u->unit);
		return 1;
	}
	snprintf(u->msg, sizeof u->msg, "%s",
		 _("No acting unit: choose one with 'dondoc unit use CODE'."));
	return 0;
}

static int remember(const struct status_record *r, void *ctx)
{
	struct undo *un = ctx;

	un->existed = 1;
	snprintf(un->status, sizeof un->status, "%s", r->status);
	un->progress = r->progress;
	un->note = strdup(r->note);
	un->evidence = strdup(r->evidence);
	snprintf(un->completed, sizeof un->completed, "%s", r->completed ? r->completed : "");
	return 0;
}

static void record_of(struct ui *u, int64_t task, const char *unit, const char *period,
		      struct undo *un)
{
	struct task_filter f;
	struct query *q;
	struct error err;

	memset(un, 0, sizeof *un);
	un->task = task;
	snprintf(un->unit, sizeof un->unit, "%s", unit);
	snprintf(un->period, sizeof un->period, "%s", period);
	snprintf(un->status, sizeof un->status, "todo");
	memset(&f, 0, sizeof f);
	f.unit = unit;
	f.period = period;
	if (query_new(u->core, &f, &q, &err) == 0) {
		/* the unit's scope includes units below it: keep its own record only */
		query_records(u->core, q, task, remember, un, &err);
		query_free(q);
	}
}

/* The selected task's record for the writing unit and the quarter (its
 * values now, or the defaults when there is none). 0 when there is no task
 * or no unit (the message says which). */
static int current_record(struct ui *u, struct undo *un)
{
	char unit[40], period[8];
	int64_t task;

	if (!selected_task(u, &task) || !writing_unit(u, unit, sizeof unit))
		return 0;
	period_format(u->period, period);
	record_of(u, task, unit, period, un);
	return 1;
}

static void forget(struct undo *un)
{
	free(un->note);
	free(un->evidence);
	un->note = un->evidence = NULL;
}

/* Ask for text on the bottom line (or in a box for a note). */
static int ask(struct ui *u, const char *label, char *buf, size_t cap, int multiline)
{
	struct prompt p;

	memset(&p, 0, sizeof p);
	p.label = label;
	p.buf = buf;
	p.cap = cap;
	p.multiline = multiline;
	p.mode = &u->compose;
	p.repaint = repaint;
	p.ctx = u;
	return prompt_run(&p);
}

/* Send the acting unit's report for the quarter, after a confirmation:
 * later changes to its records of the quarter become supplementary. */
static void submit_report(struct ui *u)
{
	char unit[40], label[64], question[256], answer[8] = "", period[8], at[21];
	struct error err;

	if (!writing_unit(u, unit, sizeof unit))
		return;
	period_label(u->period, label, sizeof label);
	snprintf(question, sizeof question,
		 _("Submit the report of %s for %s? Later changes will be supplementary (y/n):"),
		 unit, label);
	/* y, or c (có) for those who answer in Vietnamese */
	if (!ask(u, question, answer, sizeof answer, 0) || !answer[0] ||
	    !strchr("yYcC", answer[0]))
		return;
	period_format(u->period, period);
	error_clear(&err);
	if (report_submit(u->core, period, unit, at, &err))
		snprintf(u->msg, sizeof u->msg, "%.250s", err.msg);
	else
		snprintf(u->msg, sizeof u->msg, _("Report submitted at %s."), at);
}

/* A line of the result overlay. */
static void result(struct ui *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void result(struct ui *u, const char *fmt, ...)
{
	va_list ap;

	if (u->nresult == (int)(sizeof u->result / sizeof u->result[0]))
		return;
	va_start(ap, fmt);
	vsnprintf(u->result[u->nresult++], sizeof u->result[0], fmt, ap);
	va_end(ap);
}

/* A long message over several lines, broken at spaces. */
static void result_wrapped(struct ui *u, const char *text)
{
	size_t width = (size_t)(COLS > 84 ? 76 : COLS > 12 ? COLS - 8 : 4);

	while (*text) {
		size_t n = strlen(text), cut = n;

		if (n > width) {
			for (cut = width; cut > 0 && text[cut] != ' '; cut--)
				;
			if (cut == 0)   /* one long word: cut between characters */
				for (cut = width; cut > 1 && (text[cut] & 0xc0) == 0x80; cut--)
					;
		}
		result(u, "%.*s", (int)cut, text);
		text += cut;
		while (*text == ' ')
			text++;
	}
}

static void result_counts(struct ui *u, const struct bundle_summary *s)
{
	if (s->kind == BUNDLE_PLAN || s->plans || s->assignments)
		result(u, _("%ld units, %ld plans, %ld tasks, %ld assignments"), s->units, s->plans,
		       s->tasks, s->assignments);
	if (s->kind == BUNDLE_REPORT)
		result(u, _("%ld status records, %ld submissions"), s->records, s->submissions);
}

/* Write a report bundle (since what the unit above acknowledged) or a plan
 * bundle to a file named at the prompt; say what it holds. */
static void export_bundle(struct ui *u)
{
	struct bundle_export_opts o = {BUNDLE_REPORT, NULL, NULL, NULL};
	struct bundle_summary sum;
	struct error err;
	char kind[8] = "", path[1024], *acting = NULL;

	/* r/b (báo cáo) for a report, p/k (kế hoạch) for plans */
	if (!ask(u, _("Export a report bundle (r) or a plan bundle (p)?"), kind, sizeof kind, 0) ||
	    !kind[0] || !strchr("rRbBpPkK", kind[0]))
		return;
	o.kind = strchr("pPkK", kind[0]) ? BUNDLE_PLAN : BUNDLE_REPORT;
	error_clear(&err);
	unit_acting_code(u->core, &acting, &err);
	snprintf(path, sizeof path, "%s-%s.ddb", o.kind == BUNDLE_PLAN ? "ke-hoach" : "bao-cao",
		 acting ? acting : "dondoc");
	free(acting);
	if (!ask(u, _("File to write:"), path, sizeof path, 0) || !path[0])
		return;
	o.path = path;
	u->nresult = 0;
	if (bundle_export(u->core, &o, &sum, &err)) {
		result(u, _("Not exported:"));
		result_wrapped(u, err.msg);
		return;
	}
	result(u, _("Written %s: %zu bytes, %ld batches, %ld relayed."), path, sum.bytes,
	       sum.batches, sum.relayed);
	result_counts(u, &sum);
	if (sum.recipient[0])
		result(u, _("Addressed to %s; carry it there and import it."), sum.recipient);
}

/* Import a bundle named at the prompt; say what changed or why nothing did. */
static void import_bundle(struct ui *u)
{
	struct bundle_summary sum;
	struct error err;
	char path[1024] = "";

	if (!ask(u, _("Bundle file to import:"), path, sizeof path, 0) || !path[0])
		return;
	error_clear(&err);
	u->nresult = 0;
	if (bundle_import(u->core, path, 0, &sum, &err)) {
		result(u, _("Refused; nothing changed."));
		result_wrapped(u, err.msg);
		return;
	}
	if (sum.already) {
		result(u, _("%s: already applied; nothing changed."), path);
		return;
	}
	result(u, _("Applied %s from %s:"), path, sum.sender);
	result_counts(u, &sum);
	if (sum.pending)
		result(u, _("%ld entries wait for plan data not received yet."), sum.pending);
	if (sum.withdrawn)
		result(u, _("%ld tasks their issuer no longer has were removed."), sum.withdrawn);
	if (sum.kept)
		result(u, _("%ld tasks their issuer no longer has were kept: status records here "
			    "cite them."), sum.kept);
	cache_clear(u);
	refilter(u);
}

static void change(struct ui *u, struct status_change *ch, int undoable)
{
	char unit[40], period[8], key[24];
	struct error err;
	struct undo un;
	int64_t task;

	if (!selected_task(u, &task) || !writing_unit(u, unit, sizeof unit))
		return;
	period_format(u->period, period);
	snprintf(key, sizeof key, "%lld", (long long)task);
	ch->task = key;
	ch->unit = unit;
	ch->period = period;
	record_of(u, task, unit, period, &un);
	error_clear(&err);
	if (status_set(u->core, ch, &err)) {
		snprintf(u->msg, sizeof u->msg, "%.250s", err.msg);
		forget(&un);
		return;
	}
	if (undoable) {
		if (u->nundo == UNDO_DEPTH) {
			free(u->undo[0].note);
			free(u->undo[0].evidence);
			memmove(u->undo, u->undo + 1, (UNDO_DEPTH - 1) * sizeof u->undo[0]);
			u->nundo--;
		}
		u->undo[u->nundo++] = un;
	} else {
		forget(&un);
	}
	snprintf(u->msg, sizeof u->msg, _("Saved."));
	cache_clear(u);
	refilter(u);
}

static void undo(struct ui *u)
{
	struct status_change ch;
	struct undo *un;
	struct error err;
	char key[24];

	if (!u->nundo) {
		snprintf(u->msg, sizeof u->msg, "%s", _("Nothing to undo."));
		return;
	}
	un = &u->undo[--u->nundo];
	memset(&ch, 0, sizeof ch);
	snprintf(key, sizeof key, "%lld", (long long)un->task);
	ch.task = key;
	ch.unit = un->unit;
	ch.period = un->period;
	ch.status = un->status;
	ch.progress = un->progress;
	ch.note = un->note ? un->note : "";
	ch.evidence_all = un->evidence ? un->evidence : "";
	ch.completed = un->completed[0] ? un->completed : NULL;
	error_clear(&err);
	if (status_set(u->core, &ch, &err))
		snprintf(u->msg, sizeof u->msg, "%.250s", err.msg);
	else
		snprintf(u->msg, sizeof u->msg, "%s", _("Undone."));
	forget(un);
	cache_clear(u);
	refilter(u);
}

static void set_status(struct ui *u, const char *status)
{
	struct status_change ch;

	memset(&ch, 0, sizeof ch);
	ch.progress = -1;
	ch.status = status;
	change(u, &ch, 1);
}

static void cycle_status(struct ui *u)
{
	static const char *const order[] = {"todo", "doing", "done", "blocked"};
	struct undo un;
	int i;

	if (!current_record(u, &un))
		return;
	for (i = 0; i < 4 && strcmp(order[i], un.status) != 0; i++)
		;
	forget(&un);
	set_status(u, order[(i + 1) % 4]);
}

static void progress_by(struct ui *u, int delta)
{
	struct status_change ch;
	struct undo un;
	int p;

	if (!current_record(u, &un))
		return;
	p = un.progress + delta;
	p = p < 0 ? 0 : p > 100 ? 100 : p;
	memset(&ch, 0, sizeof ch);
	ch.progress = p;
	if (strcmp(un.status, "done") == 0 && p < 100)
		ch.status = "doing";
	else if (strcmp(un.status, "todo") == 0 && p > 0)
		ch.status = "doing";
	forget(&un);
	change(u, &ch, 1);
}

static void repaint(void *ctx)
{
	draw(ctx);
}

static void set_search(struct ui *u, const char *text)
{
	if (strcmp(u->search, text) == 0)
		return;
	snprintf(u->search, sizeof u->search, "%s", text);
	u->cur = u->top = 0;
	refilter(u);
}

/* Typing filters from the third letter on, through the trigram index. One
 * or two letters match nearly every task and cost a scan of the quarter,
 * so until a third comes the grid shows the quarter unfiltered (a cache
 * lookup) and Enter applies them. */
static void search_changed(const char *text, void *ctx)
{
	struct ui *u = ctx;
	int few = text[0] && text_width(text) < 3;

	snprintf(u->search_hint, sizeof u->search_hint, "%s",
		 few ? _("3 letters filter; Enter searches now") : "");
	set_search(u, few ? "" : text);
}

static void edit_note(struct ui *u)
{
	struct status_change ch;
	char buf[4096];
	struct undo un;

	if (!current_record(u, &un))
		return;
	snprintf(buf, sizeof buf, "%s", un.note ? un.note : "");
	forget(&un);
	if (!ask(u, _("Note"), buf, sizeof buf, 1))
		return;
	memset(&ch, 0, sizeof ch);
	ch.progress = -1;
	ch.note = buf;
	change(u, &ch, 1);
}

static void add_evidence(struct ui *u)
{
	struct status_change ch;
	char buf[256] = "";

	if (!ask(u, _("Evidence (number and date, e.g. 12/BC-UBND 15/06/2024):"), buf, sizeof buf, 0) ||
	    !buf[0])
		return;
	memset(&ch, 0, sizeof ch);
	ch.progress = -1;
	ch.evidence = buf;
	change(u, &ch, 1);
}

static void pick_year(struct ui *u)
{
	char buf[16] = "";
	int y;

	if (!ask(u, _("Year:"), buf, sizeof buf, 0))
		return;
	y = atoi(buf);
	if (y < 1990 || y > 2100) {
		snprintf(u->msg, sizeof u->msg, _("'%s' is not a year"), buf);
		return;
	}
	u->period.year = y;
	refilter(u);
}

struct chooser {
	char (*codes)[40];
	char **names;
	int n;
};

static int add_choice(const struct unit *un, void *ctx)
{
	struct chooser *c = ctx;
	char (*codes)[40] = realloc(c->codes, (size_t)(c->n + 1) * sizeof *codes);
	char **names;

	if (!codes)
		return 1;
	c->codes = codes;
	if (!(names = realloc(c->names, (size_t)(c->n + 1) * sizeof *names)))
		return 1;
	c->names = names;
	snprintf(codes[c->n], 40, "%s", un->code);
	if (asprintf(&names[c->n], "%*s%s  %s", un->depth * 2, "", un->code, un->name) < 0)
		names[c->n] = NULL;
	c->n++;
	return 0;
}

static void switch_unit(struct ui *u)
{
	struct chooser c = {NULL, NULL, 0};
	struct error err;
	int cur = 0, top = 0, done = 0;

	unit_walk(u->core, add_choice, &c, &err);
	for (int i = 0; i < c.n; i++)
		if (strcmp(c.codes[i], u->unit) == 0)
			cur = i + 1;
	while (!done) {
		int h = LINES - 4, w = COLS > 64 ? 60 : COLS - 4, x = (COLS - w) / 2, ch;

		draw(u);
		if (cur < top)
			top = cur;
		if (cur >= top + h - 1)
			top = cur - h + 2;
		draw_text(stdscr, 1, x, w, _(" Unit (Enter chooses, Esc cancels)"), A_REVERSE | A_BOLD);
		for (int i = 0; i < h - 1; i++) {
			int k = top + i;
			const char *name = k == 0 ? _("all units") : k <= c.n ? c.names[k - 1] : "";

			draw_text(stdscr, 2 + i, x, w, name ? name : "", k == cur ? A_REVERSE : A_NORMAL);
		}
		refresh();
		ch = getch();
		if (ch == KEY_UP || ch == 'k')
			cur = cur > 0 ? cur - 1 : 0;
		else if (ch == KEY_DOWN || ch == 'j')
			cur = cur < c.n ? cur + 1 : c.n;
		else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
			snprintf(u->unit, sizeof u->unit, "%s", cur ? c.codes[cur - 1] : "");
			u->cur = u->top = 0;
			refilter(u);
			done = 1;
		} else if (ch == 27 || ch == 'q') {
			done = 1;
		}
	}
	for (int i = 0; i < c.n; i++)
		free(c.names[i]);
	free(c.names);
	free(c.codes);
}

static void move_section(struct ui *u, int dir)
{
	size_t sec;
	long pos, row = 0;

	locate(u, u->cur, &sec, &pos);
	if (dir > 0 && sec + 1 < u->nsecs)
		sec++;
	else if (dir < 0 && pos < 0 && sec > 0)
		sec--;
	for (size_t i = 0; i < sec; i++)
		row += 1 + (u->secs[i].folded ? 0 : u->secs[i].count);
	u->cur = row;
}

/* One action; returns 0 to quit. */
static int act(struct ui *u, enum action a)
{
	int page = u->grid_h > 1 ? u->grid_h - 1 : 1;
	size_t sec;
	long pos;

	switch (a) {
	case ACT_MOVE_UP: if (u->cur > 0) u->cur--; break;
	case ACT_MOVE_DOWN: if (u->cur + 1 < u->nrows) u->cur++; break;
	case ACT_PAGE_UP:
		u->cur = u->cur > page ? u->cur - page : 0;
		u->top = u->top > page ? u->top - page : 0;
		break;
	case ACT_PAGE_DOWN:
		if (u->top + page < u->nrows) {
			u->top += page;
			u->cur = u->cur + page < u->nrows ? u->cur + page : u->nrows - 1;
		} else {
			u->cur = u->nrows ? u->nrows - 1 : 0;
		}
		break;
	case ACT_FIRST: u->cur = 0; break;
	case ACT_LAST: u->cur = u->nrows ? u->nrows - 1 : 0; break;
	case ACT_NEXT_SECTION: move_section(u, 1); break;
	case ACT_PREV_SECTION: move_section(u, -1); break;
	case ACT_FOLD:
		locate(u, u->cur, &sec, &pos);
		if (sec < u->nsecs) {
			long row = 0;

			u->secs[sec].folded = !u->secs[sec].folded;
			u->rows_valid = 0;
			for (size_t i = 0; i < sec; i++)
				row += 1 + (u->secs[i].folded ? 0 : u->secs[i].count);
			u->cur = row;
			count_rows(u);
		}
		break;
	case ACT_PREV_PERIOD:
	case ACT_NEXT_PERIOD:
		u->period = period_add(u->period, a == ACT_NEXT_PERIOD ? 1 : -1);
		u->cur = u->top = 0;
		refilter(u);
		break;
	case ACT_PICK_YEAR: pick_year(u); break;
	case ACT_SWITCH_UNIT: switch_unit(u); break;
	case ACT_SEARCH: {
		struct prompt p;
		char buf[256];

		snprintf(buf, sizeof buf, "%s", u->search);
		memset(&p, 0, sizeof p);
		p.label = "/";
		p.buf = buf;
		p.cap = sizeof buf;
		p.mode = &u->compose;
		p.changed = search_changed;
		p.repaint = repaint;
		p.ctx = u;
		u->search_hint[0] = '\0';
		p.hint = u->search_hint;    /* search_changed writes it */
		set_search(u, prompt_run(&p) ? buf : "");
		break;
	}
	case ACT_SEARCH_NEXT: if (u->cur + 1 < u->nrows) u->cur++; break;
	case ACT_SEARCH_PREV: if (u->cur > 0) u->cur--; break;
	case ACT_SET_STATUS: cycle_status(u); break;
	case ACT_STATUS_TODO: set_status(u, "todo"); break;
	case ACT_STATUS_DOING: set_status(u, "doing"); break;
	case ACT_STATUS_DONE: set_status(u, "done"); break;
	case ACT_STATUS_BLOCKED: set_status(u, "blocked"); break;
	case ACT_PROGRESS_UP: progress_by(u, 10); break;
	case ACT_PROGRESS_DOWN: progress_by(u, -10); break;
	case ACT_EDIT_NOTE: edit_note(u); break;
	case ACT_ADD_EVIDENCE: add_evidence(u); break;
	case ACT_UNDO: undo(u); break;
	case ACT_TOGGLE_FILTER: u->show_filter = !u->show_filter; break;
	case ACT_FILTER_OVERDUE:
		snprintf(u->status, sizeof u->status, "%s", strcmp(u->status, "overdue") ? "overdue" : "");
		u->cur = u->top = 0;
		refilter(u);
		break;
	case ACT_FILTER_STATUS: {
		static const char *const order[] = {"", "todo", "doing", "done", "blocked", "overdue"};
		int i;

		for (i = 0; i < 6 && strcmp(order[i], u->status) != 0; i++)
			;
		snprintf(u->status, sizeof u->status, "%s", order[(i + 1) % 6]);
		u->cur = u->top = 0;
		refilter(u);
		break;
	}
	case ACT_FILTER_KIND: {
		static const char *const kinds[] = {
			"", "date", "month", "quarter", "year", "range", "continuous", "recurring",
			"per-period", "relative", "event", "milestones", "unknown",
		};
		int i, n = (int)(sizeof kinds / sizeof kinds[0]);

		for (i = 0; i < n && strcmp(kinds[i], u->kind) != 0; i++)
			;
		snprintf(u->kind, sizeof u->kind, "%s", kinds[(i + 1) % n]);
		u->cur = u->top = 0;
		refilter(u);
		break;
	}
	case ACT_FILTER_SECTION:
		locate(u, u->cur, &sec, &pos);
		if (u->section || sec >= u->nsecs) {
			u->section = 0;
		} else {
			u->section = u->secs[sec].id;
			snprintf(u->section_label, sizeof u->section_label, "%s", u->secs[sec].label);
		}
		u->cur = u->top = 0;
		refilter(u);
		break;
	case ACT_CLEAR_FILTER:
		u->search[0] = u->kind[0] = u->status[0] = '\0';
		u->section = 0;
		u->cur = u->top = 0;
		refilter(u);
		break;
	case ACT_DASHBOARD: open_dashboard(u); break;
	case ACT_SUBMIT_REPORT: submit_report(u); break;
	case ACT_EXPORT_BUNDLE: export_bundle(u); break;
	case ACT_IMPORT_BUNDLE: import_bundle(u); break;
	case ACT_INPUT_MODE:
		u->compose = (enum compose_mode)((u->compose + 1) % 3);
		snprintf(u->msg, sizeof u->msg, _("Typing: %s"),
			 u->compose ? compose_mode_name(u->compose) : _("off"));
		break;
	case ACT_HELP: u->help = 1; break;
	case ACT_REDRAW: clearok(curscr, TRUE); break;
	case ACT_QUIT: return 0;
	default: break;
	}
	return 1;
}

/* ------------------------------------------------------------ main loop */

static void init_colors(struct ui *u)
{
	const char *no = getenv("NO_COLOR");

	u->color = !u->low_bw && has_colors() && !(no && *no);
	if (!u->color)
		return;
	start_color();
	use_default_colors();
	init_pair(PAIR_HEADER, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_OVERDUE, COLOR_RED, -1);
	init_pair(PAIR_DONE, COLOR_GREEN, -1);
	init_pair(PAIR_SECTION, COLOR_CYAN, -1);
	init_pair(PAIR_SELECT, COLOR_BLACK, COLOR_CYAN);
}

int ui_run(struct core *c, const struct ui_options *opt)
{
	struct ui *u = calloc(1, sizeof *u);
	char *acting = NULL;
	struct error err;
	int running = 1;
	long long now, last_key = 0;
	enum action a;

	if (!u)
		return 1;
	u->core = c;
	u->low_bw = opt->low_bandwidth;
	u->pin_detail = 1;
	u->period = period_of(core_today(c));
	if (opt->period)
		period_parse(opt->period, &u->period);
	if (opt->unit)
		snprintf(u->unit, sizeof u->unit, "%s", opt->unit);
	else if (unit_acting_code(c, &acting, &err) == 0 && acting)
		snprintf(u->unit, sizeof u->unit, "%s", acting);
	free(acting);
	ui_load_keys(&u->keys, u->msg, sizeof u->msg);
	draw_init();
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	if (!terminal_usable()) {
		free(u);
		return 1;
	}
	if (!initscr()) {
		free(u);
		return 1;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	idlok(stdscr, TRUE);
	curs_set(0);
	init_colors(u);
	refilter(u);
	while (running) {
		int key;

		draw(u);
		prefetch(u);
		/* Keys closer together than SCAN_MS leave the detail pane as it
		 * is; it catches up when they stop, then the screen waits for
		 * the next key without a timer. */
		timeout(u->scanning ? SCAN_MS : -1);
		key = getch();
		if (key == ERR) {
			u->scanning = 0;
			continue;
		}
		now = clock_ms();
		u->scanning = now - last_key < SCAN_MS;
		last_key = now;
		u->msg[0] = '\0';
		if (key == KEY_RESIZE)
			continue;
		if (u->help && u->help_more && key == ' ') {
			u->help++;
			continue;
		}
		if (u->help || u->dashboard || u->nresult) {
			close_dashboard(u);
			u->help = u->nresult = 0;
			continue;
		}
		if (u->too_small) {
			if (key == 'q')
				running = 0;
			continue;
		}
		if ((key == '\r' || key == '\n' || key == KEY_ENTER) && u->low_bw) {
			u->pin_detail = 1;
			continue;
		}
		a = keymap_lookup(&u->keys, key == '\r' ? '\n' : key);
		/* Only moves leave the pane behind: a change or a prompt must
		 * show the task it acts on. */
		if (a != ACT_MOVE_UP && a != ACT_MOVE_DOWN && a != ACT_PAGE_UP && a != ACT_PAGE_DOWN)
			u->scanning = 0;
		running = act(u, a);
	}
	endwin();
	query_free(u->q);
	free_sections(u);
	cache_clear(u);
	for (int i = 0; i < u->nundo; i++) {
		free(u->undo[i].note);
		free(u->undo[i].evidence);
	}
	free(u);
	return 0;
}
