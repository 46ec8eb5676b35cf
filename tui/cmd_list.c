/* cmd_list.c - "dondoc list|show|set": reading tasks with their status
 * records, and changing a record. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/plans.h"
#include "core/query.h"
#include "core/state.h"
#include "core/status.h"
#include "core/units.h"
#include "db/i18n.h"
#include "tui/cli.h"
#include "tui/out.h"

struct print_ctx {
	struct core *core;
	struct query *query;
	struct json json;
	int as_json;
	int history;                /* show: each record's history too */
	struct error *err;
	struct date today;
	struct state_window window;  /* what the tasks' states are judged on */
	int64_t count;
};

static void json_evidence(struct json *j, const char *lines)
{
	char number[128], date[11], hash[80];
	const char *p = lines;

	json_array(j, "evidence");
	while ((p = evidence_next(p, number, date, hash))) {
		json_object(j, NULL);
		json_string(j, "number", number);
		json_string(j, "date", date[0] ? date : NULL);
		json_string(j, "hash", hash[0] ? hash : NULL);
		json_end_object(j);
	}
	json_end_array(j);
}

static void json_record_fields(struct json *j, const struct status_record *r)
{
	json_string(j, "status", r->status);
	json_int(j, "progress", r->progress);
	json_string(j, "note", r->note);
	json_evidence(j, r->evidence);
	json_string(j, "completed", r->completed);
	json_string(j, "author", r->author_code);
	json_string(j, "updated", r->updated);
}

static int json_history_entry(const struct status_record *r, void *ctx)
{
	struct json *j = ctx;

	json_object(j, NULL);
	json_record_fields(j, r);
	json_int(j, "hlc", r->hlc);
	json_end_object(j);
	return 0;
}

struct record_ctx {
	struct print_ctx *p;
	const struct task *task;
};

static int json_record(const struct status_record *r, void *ctx)
{
	struct record_ctx *rc = ctx;
	struct print_ctx *p = rc->p;
	struct json *j = &p->json;
	enum task_state st = state_of_record(&p->window, rc->task, r);

	json_object(j, NULL);
	json_string(j, "unit", r->unit_code);
	json_string(j, "period", r->period);
	json_record_fields(j, r);
	json_string(j, "state", state_name(st));
	json_string(j, "id", r->gid);
	/* 1: changed after the unit submitted its report for the period. */
	json_int(j, "supplementary", r->supplementary);
	if (p->history) {
		json_array(j, "history");
		if (status_history(p->core, r->id, json_history_entry, j, p->err))
			return 1;
		json_end_array(j);
	}
	json_end_object(j);
	return 0;
}

static int json_assignee(const struct assignment *a, void *ctx)
{
	struct json *j = ctx;

	json_object(j, NULL);
	json_string(j, "unit", a->unit_code);
	json_string(j, "name", a->unit_id ? a->unit_name : a->agency_text);
	json_end_object(j);
	return 0;
}

/* lead and coord arrays: the assignments of one role. */
struct role_ctx {
	struct json *j;
	const char *role;
};

static int json_role(const struct assignment *a, void *ctx)
{
	struct role_ctx *r = ctx;

	return strcmp(a->role, r->role) == 0 ? json_assignee(a, r->j) : 0;
}

static int print_task_json(const struct task *t, struct print_ctx *p)
{
	struct json *j = &p->json;
	struct record_ctx rc = {p, t};
	struct role_ctx role = {j, "lead"};
	struct task_view v;
	int failed;

	json_object(j, NULL);
	json_int(j, "id", t->id);
	json_string(j, "gid", t->gid);
	json_string(j, "plan", t->plan_number);
	if (t->section_id) {
		json_object(j, "section");
		json_string(j, "code", t->section_code);
		json_string(j, "title", t->section_title);
		json_end_object(j);
	} else {
		json_null(j, "section");
	}
	json_string(j, "number", t->number);
	json_string(j, "title", t->title);
	json_string(j, "output", t->output);
	json_string(j, "method", t->method);
	json_object(j, "schedule");
	json_string(j, "text", t->sched.text);
	json_string(j, "kind", t->sched.kind);
	json_string(j, "start", t->sched.start);
	json_string(j, "due", t->sched.due);
	json_string(j, "recurs", t->sched.recurs);
	json_end_object(j);
	json_string(j, "due", t->due_eff);
	json_array(j, "lead");
	failed = task_assignments(p->core, t->id, json_role, &role, p->err);
	json_end_array(j);
	role.role = "coord";
	json_array(j, "coord");
	failed = failed || task_assignments(p->core, t->id, json_role, &role, p->err);
	json_end_array(j);
	json_id(j, "parent", t->parent_id);
	json_array(j, "records");
	failed = failed || query_records(p->core, p->query, t->id, json_record, &rc, p->err);
	json_end_array(j);
	failed = failed || state_of_task(p->core, p->query, &p->window, t, &v, p->err);
	json_string(j, "state", failed ? NULL : state_name(v.state));
	json_end_object(j);
	json_end_line(j);
	return failed;
}

static int print_task_row(const struct task *t, struct print_ctx *p)
{
	struct task_view v;
	enum task_state st;

	if (state_of_task(p->core, p->query, &p->window, t, &v, p->err))
		return 1;
	st = v.state;
	out_printf(stdout, "%-6lld ", (long long)t->id);
	out_padded(stdout, t->number, 6);
	out_printf(stdout, " %-10s ", t->due_eff ? t->due_eff : "-");
	out_padded(stdout, state_label(st), 13);
	fputc(' ', stdout);
	{
		char *title = strdup(t->title);

		if (title) {
			/* One line per task: cut the title at its first line break. */
			title[strcspn(title, "\n")] = '\0';
			out_text(stdout, title);
			free(title);
		}
	}
	fputc('\n', stdout);
	return 0;
}

static int print_task(const struct task *t, void *ctx)
{
	struct print_ctx *p = ctx;

	p->count++;
	return p->as_json ? print_task_json(t, p) : print_task_row(t, p);
}

/* show, as text: one labelled field per line, labels padded by display
 * width so the Vietnamese labels line up too. */
enum { LABEL_WIDTH = 16 };

static void field(const char *label, const char *value)
{
	const char *p, *nl;

	out_padded(stdout, label, LABEL_WIDTH);
	if (!value || !*value) {
		out_text(stdout, "-\n");
		return;
	}
	/* Continuation lines of multi-line text are indented under the value. */
	for (p = value; (nl = strchr(p, '\n')); p = nl + 1) {
		char *line = strndup(p, (size_t)(nl - p));

		if (line)
			out_text(stdout, line);
		free(line);
		out_printf(stdout, "\n%*s", LABEL_WIDTH, "");
	}
	out_text(stdout, p);
	fputc('\n', stdout);
}

struct detail_ctx {
	struct print_ctx *p;
	const struct task *task;
	const char *role;
	int n;
};

static int print_assignee(const struct assignment *a, void *ctx)
{
	struct detail_ctx *d = ctx;

	if (strcmp(a->role, d->role) != 0)
		return 0;
	out_printf(stdout, "%s", d->n++ ? "; " : "");
	if (a->unit_id)
		out_printf(stdout, "%s (%s)", a->unit_name, a->unit_code);
	else
		out_printf(stdout, _("%s (unresolved)"), a->agency_text);
	return 0;
}

static int print_history_line(const struct status_record *r, void *ctx)
{
	(void)ctx;
	out_printf(stdout, "%*s%s  %s %d%%  %s\n", LABEL_WIDTH + 2, "", r->updated, r->status,
		   r->progress, r->author_code);
	return 0;
}

static int print_record(const struct status_record *r, void *ctx)
{
	struct detail_ctx *d = ctx;
	const struct task *t = d->task;
	char number[128], date[11], hash[80];
	const char *ev = r->evidence;
	enum task_state st = state_of_record(&d->p->window, t, r);

	out_printf(stdout, "%*s%s  %s  %s %d%%  ", LABEL_WIDTH, "", r->period, r->unit_code,
		   r->status, r->progress);
	out_printf(stdout, "(%s)", state_label(st));
	if (r->completed)
		out_printf(stdout, _("  completed %s"), r->completed);
	fputc('\n', stdout);
	if (r->note[0])
		out_printf(stdout, "%*s%s\n", LABEL_WIDTH + 2, "", r->note);
	while ((ev = evidence_next(ev, number, date, hash)))
		out_printf(stdout, _("%*sevidence: %s %s\n"), LABEL_WIDTH + 2, "", number, date);
	return status_history(d->p->core, r->id, print_history_line, NULL, d->p->err);
}

static int print_detail(const struct task *t, void *ctx)
{
	struct print_ctx *p = ctx;
	struct detail_ctx d = {p, t, "lead", 0};
	char sched[256], *section = NULL;
	int rc;

	out_printf(stdout, _("Task %lld"), (long long)t->id);
	out_printf(stdout, "  (%s)\n", t->gid);
	field(_("Plan:"), t->plan_number);
	if (t->section_id && asprintf(&section, "%s. %s", t->section_code, t->section_title) < 0)
		section = NULL;
	field(_("Section:"), section);
	free(section);
	field(_("Number:"), t->number);
	field(_("Title:"), t->title);
	field(_("Output:"), t->output);
	field(_("Method:"), t->method);
	field(_("Schedule:"), t->sched.text);
	snprintf(sched, sizeof sched, "%s%s%s%s%s%s%s", t->sched.kind,
		 t->sched.start ? _(", from ") : "", t->sched.start ? t->sched.start : "",
		 t->sched.due ? _(", due ") : "", t->sched.due ? t->sched.due : "",
		 t->sched.recurs ? ", " : "", t->sched.recurs ? t->sched.recurs : "");
	field("", sched);
	out_padded(stdout, _("Lead:"), LABEL_WIDTH);
	if ((rc = task_assignments(p->core, t->id, print_assignee, &d, p->err)))
		return rc;
	out_text(stdout, d.n ? "\n" : "-\n");
	out_padded(stdout, _("Coordinating:"), LABEL_WIDTH);
	d.role = "coord";
	d.n = 0;
	if ((rc = task_assignments(p->core, t->id, print_assignee, &d, p->err)))
		return rc;
	out_text(stdout, d.n ? "\n" : "-\n");
	out_padded(stdout, _("Records:"), LABEL_WIDTH);
	fputc('\n', stdout);
	return query_records(p->core, p->query, t->id, print_record, &d, p->err);
}

static const char list_usage[] = N_(
	"list [--plan PLAN] [--section CODE] [--period YYYYQN] [--unit CODE]\n"
	"            [--status todo|doing|done|blocked|overdue] [--kind KIND]\n"
	"            [--search TEXT] [--offset N] [--limit N] [--json]");

/* Options list and show share. */
#define FILTER_OPTIONS \
	{"plan", required_argument, NULL, 'P'}, \
	{"section", required_argument, NULL, 's'}, \
	{"period", required_argument, NULL, 'p'}, \
	{"unit", required_argument, NULL, 'u'}, \
	{"status", required_argument, NULL, 'S'}, \
	{"kind", required_argument, NULL, 'k'}, \
	{"search", required_argument, NULL, 't'}, \
	{"offset", required_argument, NULL, 'O'}, \
	{"limit", required_argument, NULL, 'n'}, \
	{"json", no_argument, NULL, 'j'}

/* Parse the filter options; returns EXIT_OK or the exit code. */
static int parse_filter(struct cli *cli, int argc, char **argv, const char *usage,
			struct task_filter *f, int *as_json)
{
	static const struct option opts[] = {
		COMMON_LONG_OPTIONS,
		FILTER_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	long n;
	int opt;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (opt) {
		case 'P': f->plan = optarg; break;
		case 's': f->section = optarg; break;
		case 'p': f->period = optarg; break;
		case 'u': f->unit = optarg; break;
		case 'S': f->status = optarg; break;
		case 'k': f->kind = optarg; break;
		case 't': f->text = optarg; break;
		case 'j': *as_json = 1; break;
		case 'O':
		case 'n':
			if ((n = cli_number(optarg)) < 0) {
				out_error(_("--%s '%s': give a whole number"),
					  opt == 'O' ? "offset" : "limit", optarg);
				return EXIT_USAGE;
			}
			if (opt == 'O')
				f->offset = n;
			else
				f->limit = n;
			break;
		default:
			if (!cli_common_option(cli, opt, optarg, usage))
				return cli_usage_error(usage);
		}
	}
	return EXIT_OK;
}

/* Run a filter and print what it finds (list), or one task (show). */
static int run(struct cli *cli, const struct task_filter *f, int as_json, const char *task_key)
{
	struct print_ctx p;
	struct error err;
	int rc;

	memset(&p, 0, sizeof p);
	error_clear(&err);
	if (!(p.core = cli_open(cli, 1)))
		return EXIT_ERROR;
	p.err = &err;
	p.as_json = as_json;
	p.history = task_key != NULL;
	p.today = core_today(p.core);
	json_init(&p.json, stdout);
	rc = query_new(p.core, f, &p.query, &err);
	if (!rc)
		state_window_of(&p.window, p.query, p.today);
	if (!rc && task_key)
		rc = task_get(p.core, task_key, as_json ? print_task : print_detail, &p, &err);
	else if (!rc)
		rc = query_tasks(p.core, p.query, print_task, &p, &err);
	query_free(p.query);
	core_close(p.core);
	return rc ? cli_fail(&err) : EXIT_OK;
}

int cmd_list(struct cli *cli, int argc, char **argv)
{
	struct task_filter f;
	int as_json = 0, rc;

	memset(&f, 0, sizeof f);
	if ((rc = parse_filter(cli, argc, argv, list_usage, &f, &as_json)))
		return rc;
	if (optind != argc)
		return cli_usage_error(list_usage);
	return run(cli, &f, as_json, NULL);
}

static const char show_usage[] = N_("show ID [--unit CODE] [--period YYYYQN] [--json]");

int cmd_show(struct cli *cli, int argc, char **argv)
{
	struct task_filter f;
	int as_json = 0, rc;

	memset(&f, 0, sizeof f);
	if ((rc = parse_filter(cli, argc, argv, show_usage, &f, &as_json)))
		return rc;
	if (optind + 1 != argc)
		return cli_usage_error(show_usage);
	return run(cli, &f, as_json, argv[optind]);
}

static const char set_usage[] = N_(
	"set ID [--unit CODE] [--period YYYYQN] [--status todo|doing|done|blocked]\n"
	"           [--progress N] [--note TEXT] [--evidence REF] [--evidence-file FILE]\n"
	"           [--clear-evidence] [--completed DATE]\n"
	"REF is a document number and date, such as \"12/BC-UBND 15/06/2024\".\n"
	"The unit defaults to the acting unit, the period to the current quarter.");

int cmd_set(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		COMMON_LONG_OPTIONS,
		{"unit", required_argument, NULL, 'u'},
		{"period", required_argument, NULL, 'p'},
		{"status", required_argument, NULL, 'S'},
		{"progress", required_argument, NULL, 'g'},
		{"note", required_argument, NULL, 'n'},
		{"evidence", required_argument, NULL, 'e'},
		{"evidence-file", required_argument, NULL, 'f'},
		{"clear-evidence", no_argument, NULL, 'C'},
		{"completed", required_argument, NULL, 'c'},
		{NULL, 0, NULL, 0},
	};
	struct status_change ch;
	const char *evidence_file = NULL;
	char hash[65];
	struct error err;
	struct core *c;
	long n;
	int opt, rc;

	memset(&ch, 0, sizeof ch);
	ch.progress = -1;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (opt) {
		case 'u': ch.unit = optarg; break;
		case 'p': ch.period = optarg; break;
		case 'S': ch.status = optarg; break;
		case 'n': ch.note = optarg; break;
		case 'e': ch.evidence = optarg; break;
		case 'f': evidence_file = optarg; break;
		case 'C': ch.clear_evidence = 1; break;
		case 'c': ch.completed = optarg; break;
		case 'g':
			if ((n = cli_number(optarg)) < 0 || n > 100) {
				out_error(_("--progress '%s': give a whole number from 0 to 100"), optarg);
				return EXIT_USAGE;
			}
			ch.progress = (int)n;
			break;
		default:
			if (!cli_common_option(cli, opt, optarg, set_usage))
				return cli_usage_error(set_usage);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(set_usage);
	if (evidence_file && !ch.evidence) {
		out_error(_("--evidence-file needs --evidence with the document's number"));
		return EXIT_USAGE;
	}
	ch.task = argv[optind];
	error_clear(&err);
	if (evidence_file) {
		if (evidence_hash_file(evidence_file, hash, &err))
			return cli_fail(&err);
		ch.evidence_hash = hash;
	}
	if (!(c = cli_open(cli, 0)))
		return EXIT_ERROR;
	if ((rc = status_set(c, &ch, &err)) == 0) {
		/* Say what was written where: the unit and quarter may have been
		 * left to their defaults. */
		char *acting = NULL, period[8];

		if (!ch.unit)
			unit_acting_code(c, &acting, NULL);
		if (ch.period)
			snprintf(period, sizeof period, "%s", ch.period);
		else
			period_format(period_of(core_today(c)), period);
		out_printf(stdout, _("task %s, %s, %s: saved\n"), ch.task,
			   ch.unit ? ch.unit : acting ? acting : "?", period);
		free(acting);
	}
	core_close(c);
	return rc ? cli_fail(&err) : EXIT_OK;
}
