/* csvplan.c - see csvplan.h. Rows refer to each other by references made
 * for the file (s1 for a section, t1 for a task), never by database ids, so
 * a file imports into any database. Agencies are written one per line in
 * their cell: "@CODE" for a unit, the text itself for an unresolved agency. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/csvplan.h"
#include "core/import.h"
#include "core/internal.h"
#include "core/plans.h"
#include "core/query.h"
#include "core/text.h"
#include "core/units.h"
#include "db/i18n.h"

static const char *const columns[] = {
	"record", "ref", "section", "parent", "number", "title", "output", "method", "extra",
	"schedule", "kind", "start", "due", "recurs", "lead", "coord", "issuer", "issued", "years",
};
enum {
	C_RECORD, C_REF, C_SECTION, C_PARENT, C_NUMBER, C_TITLE, C_OUTPUT, C_METHOD, C_EXTRA,
	C_SCHEDULE, C_KIND, C_START, C_DUE, C_RECURS, C_LEAD, C_COORD, C_ISSUER, C_ISSUED, C_YEARS,
	NCOLUMNS
};

/* ------------------------------------------------------------- writing */

void csv_field(FILE *f, const char *s, int last)
{
	if (s && strpbrk(s, ",\"\n\r")) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else if (s) {
		fputs(s, f);
	}
	fputs(last ? "\r\n" : ",", f);
}

static void put_row(FILE *f, const char *const *v)
{
	int i;

	for (i = 0; i < NCOLUMNS; i++)
		csv_field(f, v[i], i == NCOLUMNS - 1);
}

struct export {
	struct core *c;
	FILE *out;
	struct error *err;
	int64_t *section_ids;       /* position in this array + 1 = reference number */
	size_t nsections;
	int64_t *task_ids;
	size_t ntasks, cap;
	int failed;
};

static int export_section(const struct section *sec, void *ctx)
{
	struct export *e = ctx;
	const char *v[NCOLUMNS] = {0};
	char ref[24], parent[24] = "";
	size_t i;
	int64_t *ids = realloc(e->section_ids, (e->nsections + 1) * sizeof *ids);

	if (!ids)
		return ERR_NOMEM;
	e->section_ids = ids;
	ids[e->nsections++] = sec->id;
	snprintf(ref, sizeof ref, "s%zu", e->nsections);
	for (i = 0; i + 1 < e->nsections; i++)
		if (ids[i] == sec->parent_id)
			snprintf(parent, sizeof parent, "s%zu", i + 1);
	v[C_RECORD] = "section";
	v[C_REF] = ref;
	v[C_SECTION] = parent;
	v[C_NUMBER] = sec->code;
	v[C_TITLE] = sec->title;
	put_row(e->out, v);
	return 0;
}

struct agencies_text {
	char *lead, *coord;
	int failed;
};

static void append_line(char **dst, const char *prefix, const char *s, int *failed)
{
	char *n;

	if (asprintf(&n, "%s%s%s%s", *dst ? *dst : "", *dst ? "\n" : "", prefix, s) < 0) {
		*failed = 1;
		return;
	}
	free(*dst);
	*dst = n;
}

static int collect_agency(const struct assignment *a, void *ctx)
{
	struct agencies_text *t = ctx;
	char **dst = strcmp(a->role, "lead") == 0 ? &t->lead : &t->coord;

	if (a->unit_id)
		append_line(dst, "@", a->unit_code, &t->failed);
	else
		append_line(dst, "", a->agency_text, &t->failed);
	return t->failed;
}

static const char *ref_of(const int64_t *ids, size_t n, int64_t id, char prefix, char buf[24])
{
	size_t i;

	buf[0] = '\0';
	for (i = 0; id && i < n; i++)
		if (ids[i] == id) {
			snprintf(buf, 24, "%c%zu", prefix, i + 1);
			break;
		}
	return buf;
}

static int export_task(const struct task *t, void *ctx)
{
	struct export *e = ctx;
	const char *v[NCOLUMNS] = {0};
	struct agencies_text ag = {NULL, NULL, 0};
	char ref[24], section[24], parent[24];
	int rc;

	if (e->ntasks == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 64;
		int64_t *ids = realloc(e->task_ids, cap * sizeof *ids);

		if (!ids)
			return ERR_NOMEM;
		e->task_ids = ids;
		e->cap = cap;
	}
	e->task_ids[e->ntasks++] = t->id;
	if ((rc = task_assignments(e->c, t->id, collect_agency, &ag, e->err)) || ag.failed) {
		free(ag.lead);
		free(ag.coord);
		return rc ? rc : ERR_NOMEM;
	}
	snprintf(ref, sizeof ref, "t%zu", e->ntasks);
	v[C_RECORD] = "task";
	v[C_REF] = ref;
	v[C_SECTION] = ref_of(e->section_ids, e->nsections, t->section_id, 's', section);
	v[C_PARENT] = ref_of(e->task_ids, e->ntasks - 1, t->parent_id, 't', parent);
	v[C_NUMBER] = t->number;
	v[C_TITLE] = t->title;
	v[C_OUTPUT] = t->output;
	v[C_METHOD] = t->method;
	v[C_EXTRA] = t->extra;
	v[C_SCHEDULE] = t->sched.text;
	v[C_KIND] = t->sched.kind;
	v[C_START] = t->sched.start;
	v[C_DUE] = t->sched.due;
	v[C_RECURS] = t->sched.recurs;
	v[C_LEAD] = ag.lead;
	v[C_COORD] = ag.coord;
	put_row(e->out, v);
	free(ag.lead);
	free(ag.coord);
	return 0;
}

struct plan_copy {
	int64_t id;
	char number[128], issuer[64], issued[11], years[16];
	char *title;
};

static int copy_plan(const struct plan *p, void *ctx)
{
	struct plan_copy *pc = ctx;

	pc->id = p->id;
	snprintf(pc->number, sizeof pc->number, "%s", p->number);
	snprintf(pc->issuer, sizeof pc->issuer, "%s", p->issuer_code);
	snprintf(pc->issued, sizeof pc->issued, "%s", p->issued ? p->issued : "");
	snprintf(pc->years, sizeof pc->years, "%d-%d", p->start_year % 10000, p->end_year % 10000);
	pc->title = strdup(p->title);
	return pc->title ? 0 : ERR_NOMEM;
}

int csv_export_plan(struct core *c, const char *plan, FILE *out, struct error *err)
{
	struct plan_copy pc;
	struct export e;
	struct task_filter f;
	struct query *q = NULL;
	const char *v[NCOLUMNS] = {0};
	char key[24];
	int rc;

	memset(&pc, 0, sizeof pc);
	memset(&e, 0, sizeof e);
	e.c = c;
	e.out = out;
	e.err = err;
	if ((rc = plan_get(c, plan, copy_plan, &pc, err)))
		goto out;
	put_row(out, columns);
	v[C_RECORD] = "plan";
	v[C_NUMBER] = pc.number;
	v[C_TITLE] = pc.title;
	v[C_ISSUER] = pc.issuer;
	v[C_ISSUED] = pc.issued;
	v[C_YEARS] = pc.years;
	put_row(out, v);
	snprintf(key, sizeof key, "%lld", (long long)pc.id);
	memset(&f, 0, sizeof f);
	f.plan = key;
	if ((rc = section_list(c, key, export_section, &e, err)) ||
	    (rc = query_new(c, &f, &q, err)) ||
	    (rc = query_tasks(c, q, export_task, &e, err)))
		goto out;
	if (fflush(out) != 0 || ferror(out))
		rc = error_set(err, ERR_IO, _("cannot write the CSV file"));
out:
	if (rc == ERR_NOMEM && !err->msg[0])
		error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	query_free(q);
	free(pc.title);
	free(e.section_ids);
	free(e.task_ids);
	return rc;
}

/* ------------------------------------------------------------- reading */

struct refs {
	char **names;
	int64_t *ids;
	size_t n;
};

static int refs_add(struct refs *t, const char *name, int64_t id)
{
	char **names = realloc(t->names, (t->n + 1) * sizeof *names);
	int64_t *ids;

	if (!names)
		return -1;
	t->names = names;
	if (!(ids = realloc(t->ids, (t->n + 1) * sizeof *ids)))
		return -1;
	t->ids = ids;
	if (!(names[t->n] = strdup(name)))
		return -1;
	ids[t->n++] = id;
	return 0;
}

static int64_t refs_find(const struct refs *t, const char *name)
{
	size_t i;

	for (i = 0; name && i < t->n; i++)
		if (strcmp(t->names[i], name) == 0)
			return t->ids[i];
	return 0;
}

static void refs_free(struct refs *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->names[i]);
	free(t->names);
	free(t->ids);
}

/* "@CODE" lines are units, other lines agencies kept as text. */
static int parse_agencies(struct core *c, const struct csv_reader *r, int col, const char *role,
			  struct task_assignee **v, size_t *n, struct error *err)
{
	char *copy, *line, *save = NULL;
	int rc = ERR_OK;

	if (!csv_get(r, col))
		return ERR_OK;
	if (!(copy = strdup(r->fields[col])))
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	for (line = strtok_r(copy, "\n", &save); line && !rc; line = strtok_r(NULL, "\n", &save)) {
		struct task_assignee *nv = realloc(*v, (*n + 1) * sizeof *nv);

		if (!nv) {
			rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
			break;
		}
		*v = nv;
		nv[*n].role = role;
		nv[*n].unit_id = 0;
		nv[*n].text = NULL;
		if (line[0] == '@') {
			if ((rc = core_unit_id(c, line + 1, &nv[*n].unit_id, err)))
				error_prefix(err, "%s:%d: ", r->file, r->line - 1);
		} else if (!(nv[*n].text = strdup(line))) {
			rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		}
		(*n)++;
	}
	free(copy);
	return rc;
}

static void free_assignees(struct task_assignee *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free((char *)v[i].text);
	free(v);
}

static int import_task(struct core *c, const struct csv_reader *r, int64_t plan,
		       struct refs *sections, struct refs *tasks, struct error *err)
{
	struct task_input in;
	struct task_assignee *as = NULL;
	size_t n = 0, unresolved;
	int64_t id;
	int rc;

	memset(&in, 0, sizeof in);
	in.plan_id = plan;
	in.section_id = refs_find(sections, csv_get(r, C_SECTION));
	in.parent_id = refs_find(tasks, csv_get(r, C_PARENT));
	if ((csv_get(r, C_SECTION) && !in.section_id) || (csv_get(r, C_PARENT) && !in.parent_id))
		return error_set(err, ERR_INVALID, _("%s:%d: refers to a row not defined above"),
				 r->file, r->line - 1);
	in.number = csv_get(r, C_NUMBER);
	in.title = csv_get(r, C_TITLE);
	in.output = csv_get(r, C_OUTPUT);
	in.method = csv_get(r, C_METHOD);
	in.extra = csv_get(r, C_EXTRA);
	in.sched.text = csv_get(r, C_SCHEDULE);
	in.sched.kind = csv_get(r, C_KIND);
	in.sched.start = csv_get(r, C_START);
	in.sched.due = csv_get(r, C_DUE);
	in.sched.recurs = csv_get(r, C_RECURS);
	if ((rc = parse_agencies(c, r, C_LEAD, "lead", &as, &n, err)) ||
	    (rc = parse_agencies(c, r, C_COORD, "coord", &as, &n, err))) {
		free_assignees(as, n);
		return rc;
	}
	in.assignees = as;
	in.nassignees = n;
	rc = task_add(c, &in, &id, &unresolved, err);
	free_assignees(as, n);
	if (rc)
		return error_prefix(err, "%s:%d: ", r->file, r->line - 1);
	if (csv_get(r, C_REF) && refs_add(tasks, csv_get(r, C_REF), id) < 0)
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	return ERR_OK;
}

static int import_section(struct core *c, const struct csv_reader *r, int64_t plan,
			  struct refs *sections, struct error *err)
{
	int64_t id;
	int rc;

	if (csv_get(r, C_SECTION) && !refs_find(sections, csv_get(r, C_SECTION)))
		return error_set(err, ERR_INVALID, _("%s:%d: refers to a row not defined above"),
				 r->file, r->line - 1);
	rc = section_add_id(c, plan, refs_find(sections, csv_get(r, C_SECTION)), r->fields[C_NUMBER],
			    r->fields[C_TITLE], &id, err);
	if (rc)
		return error_prefix(err, "%s:%d: ", r->file, r->line - 1);
	if (csv_get(r, C_REF) && refs_add(sections, csv_get(r, C_REF), id) < 0)
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	return ERR_OK;
}

static int import_plan_row(struct core *c, const struct csv_reader *r, int replace,
			   int64_t *plan, struct error *err)
{
	struct plan_input pin;
	int64_t issuer;
	int rc, replaced;

	memset(&pin, 0, sizeof pin);
	if (!csv_get(r, C_ISSUER))
		return error_set(err, ERR_INVALID, _("%s:%d: the plan has no issuer"), r->file,
				 r->line - 1);
	if ((rc = core_unit_id(c, csv_get(r, C_ISSUER), &issuer, err)))
		return error_prefix(err, "%s:%d: ", r->file, r->line - 1);
	if (csv_get(r, C_YEARS) &&
	    sscanf(csv_get(r, C_YEARS), "%d-%d", &pin.start_year, &pin.end_year) != 2)
		return error_set(err, ERR_INVALID, _("%s:%d: years '%s': write them as 2021-2025"),
				 r->file, r->line - 1, csv_get(r, C_YEARS));
	pin.number = csv_get(r, C_NUMBER);
	pin.title = csv_get(r, C_TITLE);
	pin.issued = csv_get(r, C_ISSUED);
	if ((rc = plan_clear_way(c, r->file, issuer, pin.number, NULL, replace, &replaced, err)))
		return rc;
	if ((rc = plan_add_for(c, &pin, issuer, plan, err)))
		return error_prefix(err, "%s:%d: ", r->file, r->line - 1);
	return ERR_OK;
}

/* One record of a plan CSV: exactly its columns. */
static int plan_record(struct csv_reader *r, struct error *err)
{
	int start = r->line, got = csv_read(r, err);

	if (got == 1 && r->n != NCOLUMNS)
		return -(int)error_set(err, ERR_INVALID, _("%s:%d: %d fields; a dondoc plan CSV has %d"),
				       r->file, start, r->n, NCOLUMNS);
	return got;
}

int csv_import_plan(struct core *c, const char *file, const char *data, size_t len, int replace,
		    int64_t *plan_id, struct error *err)
{
	struct csv_reader r;
	struct refs sections = {NULL, NULL, 0}, tasks = {NULL, NULL, 0};
	int64_t plan = 0;
	int rc = ERR_OK, got, i;

	csv_reader_init(&r, file, data, len);
	got = plan_record(&r, err);
	if (got <= 0) {
		rc = got < 0 ? (int)err->code
			     : (int)error_set(err, ERR_INVALID, _("%s: the file is empty"), file);
		goto out;
	}
	for (i = 0; i < NCOLUMNS; i++)
		if (strcmp(r.fields[i], columns[i]) != 0) {
			rc = error_set(err, ERR_INVALID,
				_("%s:1: not a dondoc plan CSV (column %d should be '%s')"), file, i + 1,
				columns[i]);
			goto out;
		}
	if ((rc = core_begin(c, err)))
		goto out;
	while (!rc && (got = plan_record(&r, err)) == 1) {
		const char *kind = r.fields[C_RECORD];

		if (!csv_utf8_ok(&r, err))
			rc = err->code;
		else if (strcmp(kind, "plan") == 0)
			rc = plan ? (int)error_set(err, ERR_INVALID, _("%s:%d: a second plan row"),
						   file, r.line - 1)
				  : import_plan_row(c, &r, replace, &plan, err);
		else if (!plan)
			rc = error_set(err, ERR_INVALID, _("%s:%d: the plan row must come first"), file,
				       r.line - 1);
		else if (strcmp(kind, "section") == 0)
			rc = import_section(c, &r, plan, &sections, err);
		else if (strcmp(kind, "task") == 0)
			rc = import_task(c, &r, plan, &sections, &tasks, err);
		else
			rc = error_set(err, ERR_INVALID,
				_("%s:%d: record '%s': use plan, section or task"), file, r.line - 1, kind);
	}
	if (!rc && got < 0)
		rc = err->code;
	if (!rc && !plan)
		rc = error_set(err, ERR_INVALID, _("%s: no plan row"), file);
	if (rc || (rc = core_commit(c, err))) {
		core_rollback(c);
		goto out;
	}
	*plan_id = plan;
out:
	csv_reader_clear(&r);
	refs_free(&sections);
	refs_free(&tasks);
	return rc;
}
