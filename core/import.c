/* import.c - see import.h. Reading the document changes nothing; writing it
 * is one transaction, so a document that fails half-way leaves the database
 * as it was. Agencies resolve in this order: a directory group expands to
 * the units of that kind in the issuer's tree, a directory agency or a plain
 * name becomes the unit of that name, and anything else stays as written,
 * unresolved, for an officer to map. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/document.h"
#include "core/import.h"
#include "core/internal.h"
#include "core/plans.h"
#include "core/schedule.h"
#include "core/text.h"
#include "core/units.h"
#include "db/i18n.h"

struct ids {
	int64_t *v;
	size_t n, cap;
};

static int ids_add(const struct unit *u, void *ctx)
{
	struct ids *ids = ctx;
	size_t i;

	for (i = 0; i < ids->n; i++)
		if (ids->v[i] == u->id)
			return 0;
	if (ids->n == ids->cap) {
		size_t cap = ids->cap ? ids->cap * 2 : 16;
		int64_t *v = realloc(ids->v, cap * sizeof *v);

		if (!v)
			return ERR_NOMEM;
		ids->v = v;
		ids->cap = cap;
	}
	ids->v[ids->n++] = u->id;
	return 0;
}

static int remember_unresolved(struct import_summary *s, const char *text)
{
	size_t i;
	char **v;

	for (i = 0; i < s->nunresolved; i++)
		if (strcmp(s->unresolved[i], text) == 0)
			return 0;
	if (!(v = realloc(s->unresolved, (s->nunresolved + 1) * sizeof *v)))
		return -1;
	s->unresolved = v;
	if (!(v[s->nunresolved] = strdup(text)))
		return -1;
	s->nunresolved++;
	return 0;
}

static int remember_unknown(struct import_summary *s, int line, const char *text)
{
	struct import_unknown *u = realloc(s->unknown, (s->nunknown + 1) * sizeof *u);

	if (!u)
		return -1;
	s->unknown = u;
	if (!(u[s->nunknown].text = strdup(text)))
		return -1;
	u[s->nunknown++].line = line;
	return 0;
}

struct assignees {
	struct task_assignee *v;
	size_t n, cap;
};

static int assignee_add(struct assignees *a, int64_t unit, const char *text, const char *role)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		if ((unit && a->v[i].unit_id == unit) ||
		    (!unit && !a->v[i].unit_id && strcmp(a->v[i].text, text) == 0)) {
			if (strcmp(role, "lead") == 0)
				a->v[i].role = "lead";
			return 0;
		}
	}
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 16;
		struct task_assignee *v = realloc(a->v, cap * sizeof *v);

		if (!v)
			return -1;
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n].unit_id = unit;
	a->v[a->n].text = text;
	a->v[a->n].role = role;
	a->n++;
	return 0;
}

/* The unit an officer mapped this name (as written, or its canonical
 * form) to, if it is in the issuer's province. */
static int mapped(struct core *c, int64_t root, const struct agency_mention *m,
		  struct ids *ids, struct error *err)
{
	const char *names[2] = {m->text, m->entry ? m->entry->name : NULL};
	size_t i;

	for (i = 0; i < 2 && names[i] && !ids->n; i++) {
		char *f = text_fold(names[i]);
		int64_t unit;

		if (!f)
			return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		unit = store_agency_map_get(c->store, f, err);
		free(f);
		/* A mapping made in one province does not name a unit of another. */
		if (unit && store_unit_root(c->store, unit, err) == root) {
			struct unit u = {0};

			u.id = unit;
			if (ids_add(&u, ids))
				return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		}
	}
	return ERR_OK;
}

/* The units a directory entry's names find in the tree of root. */
static int match_entry(struct core *c, const struct agency_entry *e, int64_t root, int merged,
		       struct ids *ids, struct error *err)
{
	size_t k;
	int rc = 0;

	for (k = 0; k < e->naliases && !rc && !ids->n; k++)
		rc = store_unit_match_name(c->store, e->aliases[k], root, merged, ids_add, ids, err);
	return rc;
}

/* Resolve the agencies read from a row into assignees; day is the plan's
 * (YYYY-MM-DD), which the directory's merges are judged by. */
static int resolve(struct core *c, const struct agency_dir *dir, const char *day, int64_t issuer,
		   int64_t root, const struct agency_list *list, struct assignees *out,
		   struct import_summary *sum, struct error *err)
{
	size_t i, k;
	int rc;

	for (i = 0; i < list->n; i++) {
		const struct agency_mention *m = &list->v[i];
		const char *role = m->role == ROLE_LEAD ? "lead" : "coord";
		const char *shown = m->entry ? m->entry->name : m->text;
		struct ids ids = {NULL, 0, 0};

		if ((rc = mapped(c, root, m, &ids, err))) {
			/* failed */
		} else if (ids.n) {
			/* an officer mapped this name before */
		} else if (m->entry && m->entry->group && strcmp(m->entry->kind, "office") == 0) {
			/* "các cơ quan, đơn vị thuộc Sở": the issuer's own offices */
			rc = store_units_of_kind_below(c->store, "office", issuer, ids_add, &ids, err);
		} else if (m->entry && m->entry->group) {
			rc = store_units_of_kind(c->store, m->entry->kind, root, ids_add, &ids, err);
		} else if (m->entry) {
			/* The agency as it was on the plan's day; a department merged
			 * since is its old unit (merged, its work counting for the
			 * new one), or where this tree never had it, what it became. */
			const struct agency_entry *e = agency_as_of(dir, m->entry, day);

			rc = match_entry(c, e, root, 0, &ids, err);
			if (!rc && !ids.n && e->successor)
				rc = match_entry(c, e, root, 1, &ids, err);
			if (!rc && !ids.n && e->successor)
				rc = match_entry(c, agency_as_of(dir, e, "9999-12-31"), root, 0, &ids,
						 err);
		} else {
			char *f = text_fold(m->text);

			rc = f ? store_unit_match_name(c->store, f, root, 0, ids_add, &ids, err) : ERR_NOMEM;
			free(f);
		}
		if (rc) {
			free(ids.v);
			if (rc == ERR_NOMEM)   /* from ids_add, which has no error to fill */
				error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
			return rc;
		}
		/* A plain name that means several units is one agency, not a group. */
		if (!(m->entry && m->entry->group) && ids.n > 1)
			ids.n = 1;
		for (k = 0; k < ids.n; k++)
			if (assignee_add(out, ids.v[k], shown, role) < 0)
				rc = ERR_NOMEM;
		if (!ids.n && (assignee_add(out, 0, shown, role) < 0 ||
			       remember_unresolved(sum, shown) < 0))
			rc = ERR_NOMEM;
		free(ids.v);
		if (rc)
			return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	}
	return ERR_OK;
}

static int take_unit_id(const struct unit *u, void *ctx)
{
	*(int64_t *)ctx = u->id;
	return 1;
}

static int any_unit(const struct unit *u, void *ctx)
{
	(void)u;
	(void)ctx;
	return 1;
}

/* Which unit issued the document: --issuer, else the unit the document's
 * heading names, else the unit of the number's symbol (2255/KH-SNV), else
 * on an empty database a new unit from the heading, else the acting unit. */
static int find_issuer(struct core *c, const struct document *doc, const struct import_options *o,
		       struct unit_made *made, int64_t *id, struct error *err)
{
	int rc;

	*id = 0;
	if (o->issuer)
		return core_unit_id(c, o->issuer, id, err);
	/* A department under its province ("UBND TỈNH KHÁNH HÒA" / "SỞ NỘI VỤ"):
	 * the department, in the province's tree when that is known. */
	if (doc->issuer_unit) {
		char *fp = text_fold(doc->issuer_parent), *fu = text_fold(doc->issuer_unit);
		int64_t root = 0;

		rc = fp && fu ? store_unit_match_name(c->store, fp, 0, 0, take_unit_id, &root, err)
			      : ERR_NOMEM;
		if (!rc || rc == 1)
			rc = store_unit_match_name(c->store, fu, root, 0, take_unit_id, id, err);
		free(fp);
		free(fu);
		if (rc && rc != 1)
			return rc;
	}
	if (!*id && doc->issuer) {
		char *f = text_fold(doc->issuer);

		rc = f ? store_unit_match_name(c->store, f, 0, 0, take_unit_id, id, err) : ERR_NOMEM;
		free(f);
		if (rc && rc != 1)
			return rc;
	}
	if (!*id && doc->number && strrchr(doc->number, '-')) {
		const char *sym = strrchr(doc->number, '-') + 1;
		const struct agency_entry *e = o->agencies ? agency_lookup(o->agencies, sym) : NULL;

		if (core_unit_id(c, sym, id, NULL) != ERR_OK)
			*id = 0;
		for (size_t k = 0; !*id && e && k < e->naliases; k++) {
			rc = store_unit_match_name(c->store, e->aliases[k], 0, 0, take_unit_id, id, err);
			if (rc && rc != 1)
				return rc;
		}
	}
	if (!*id && doc->issuer) {
		/* The very first import: the heading's unit is the installation's
		 * (with the one above it, when the heading names both). */
		if ((rc = unit_walk(c, any_unit, NULL, err)) == 0) {
			struct unit_made above = {0};

			if (doc->issuer_unit) {
				if ((rc = unit_add_from_heading(c, doc->issuer_parent, NULL, &above, err)))
					return rc;
				free(above.name);
				rc = unit_add_from_heading(c, doc->issuer_unit, above.code, made, err);
				snprintf(made->parent, sizeof made->parent, "%s", above.code);
			} else {
				rc = unit_add_from_heading(c, doc->issuer, NULL, made, err);
			}
			return rc ? rc : core_unit_id(c, made->code, id, err);
		}
		if (rc != 1)
			return rc;
	}
	if (!*id && unit_acting(c, id, NULL) != ERR_OK)
		return error_set(err, ERR_NOTFOUND,
			_("%s: cannot tell which unit issued this plan%s%s%s; give --issuer CODE"),
			o->file, doc->issuer ? " (\"" : "", doc->issuer ? doc->issuer : "",
			doc->issuer ? "\")" : "");
	return ERR_OK;
}

static int take_code(const struct unit *u, void *ctx)
{
	snprintf(ctx, 40, "%s", u->code);
	return 0;
}

struct same_plan {
	int64_t id;
	char number[128];
};

static int take_same(const struct plan *p, void *ctx)
{
	struct same_plan *s = ctx;

	s->id = p->id;
	snprintf(s->number, sizeof s->number, "%s", p->number);
	return 1;
}

int plan_clear_way(struct core *c, const char *file, int64_t issuer, const char *number,
		   const char *hash, int replace, int *replaced, struct error *err)
{
	struct same_plan same = {0, ""};
	int64_t records;
	int rc;

	*replaced = 0;
	if ((rc = store_plan_find_same(c->store, issuer, number, hash ? hash : "", take_same, &same,
				       err)) && rc != 1)
		return rc;
	if (!same.id)
		return ERR_OK;
	if (!replace)
		return error_set(err, ERR_EXISTS,
			_("%s: plan %s is already present (same number or same text); "
			  "give --replace to import it again"), file, same.number[0] ? same.number : "?");
	records = store_plan_record_count(c->store, same.id, err);
	if (records < 0)
		return err->code;
	if (records > 0)
		return error_set(err, ERR_DENIED,
			_("%s: plan %s already has %lld status records; replacing it would "
			  "lose them"), file, same.number, (long long)records);
	if ((rc = store_plan_delete(c->store, same.id, err)))
		return rc;
	*replaced = 1;
	return ERR_OK;
}

/* A prose document's paragraph: the agencies its heading names lead ("b)
 * Sở Tư pháp:"); its own words say who else coordinates ("phối hợp Văn
 * phòng ..."), and with no heading who leads ("Sở Nội vụ chủ trì, ..."). */
static int prose_agencies(const struct import_options *o, const struct doc_item *it,
			  struct agency_list *list)
{
	struct agency_list own = {NULL, 0, 0};
	size_t i, heading;
	int rc = 0;

	/* The heading's names; one the directory does not know is kept as
	 * written, for agency map. */
	if (it->lead && (rc = agency_read_names(o->agencies, it->lead, ROLE_LEAD, list)) == 0 &&
	    !list->n)
		rc = agency_read_cell(o->agencies, it->lead, ROLE_LEAD, list);
	heading = list->n;
	/* "Cơ quan phối hợp: Sở A, Sở B" under the task. */
	if (!rc && it->coord)
		rc = agency_read_cell(o->agencies, it->coord, ROLE_COORD, list);
	if (!rc && it->title && (rc = agency_read_prose(o->agencies, it->title, &own)) == 0)
		for (i = 0; i < own.n && !rc; i++)
			rc = agency_list_add(list, heading ? ROLE_COORD : own.v[i].role,
					     own.v[i].entry, own.v[i].text);
	agency_list_clear(&own);
	return rc;
}

/* The agencies of one row. */
static int row_agencies(const struct import_options *o, const struct doc_item *it,
			struct agency_list *list)
{
	int rc = 0;

	if (!o->agencies)
		return 0;
	if (it->prose == 2)
		return prose_agencies(o, it, list);
	if (it->lead)
		rc = agency_read_cell(o->agencies, it->lead, ROLE_LEAD, list);
	if (!rc && it->coord)
		rc = agency_read_cell(o->agencies, it->coord, ROLE_COORD, list);
	if (!rc && it->prose && it->method)
		rc = agency_read_prose(o->agencies, it->method, list);
	return rc;
}

/* The agencies of one role, each name once: a group phrase resolved to
 * many units is one name. */
static char *role_names(const struct assignees *as, const char *role)
{
	size_t i, k, len = 1;
	char *out;

	for (i = 0; i < as->n; i++)
		len += strlen(as->v[i].text) + 2;
	if (!(out = malloc(len)))
		return NULL;
	out[0] = '\0';
	for (i = 0; i < as->n; i++) {
		if (strcmp(as->v[i].role, role) != 0)
			continue;
		for (k = 0; k < i; k++)
			if (strcmp(as->v[k].role, role) == 0 && strcmp(as->v[k].text, as->v[i].text) == 0)
				break;
		if (k < i)
			continue;
		if (out[0])
			strcat(out, "; ");
		strcat(out, as->v[i].text);
	}
	return out;
}

static int tell_item(const struct import_options *o, const struct doc_item *it,
		     const struct assignees *as, const struct schedule_parse *sp)
{
	char *lead = role_names(as, "lead"), *coord = role_names(as, "coord");
	struct import_item v = {it->line, 0, 0, it->number, it->title ? it->title : "", lead,
				coord, sp->kind, sp->due[0] ? sp->due : NULL};

	if (lead && coord)
		o->on_item(&v, o->ctx);
	free(lead);
	free(coord);
	return lead && coord ? 0 : -1;
}

static int write_items(struct core *c, const struct document *doc, const struct import_options *o,
		       int64_t plan, int64_t issuer, int64_t root, struct import_summary *sum,
		       struct error *err)
{
	int64_t *ids = calloc(doc->n + 1, sizeof *ids);
	char *has_children = calloc(doc->n + 1, 1);
	char day[16];
	size_t i;
	int rc = ERR_OK;

	/* A plan with no date of issue is judged by the start of its years. */
	if (sum->issued[0])
		snprintf(day, sizeof day, "%s", sum->issued);
	else
		snprintf(day, sizeof day, "%04d-01-01", sum->start_year % 10000);

	if (!ids || !has_children) {
		free(ids);
		free(has_children);
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	}
	for (i = 0; i < doc->n; i++)
		if (doc->items[i].parent >= 0)
			has_children[doc->items[i].parent] = 1;
	for (i = 0; i < doc->n && !rc; i++) {
		const struct doc_item *it = &doc->items[i];
		int64_t parent = it->parent >= 0 ? ids[it->parent] : 0;

		if (it->is_section) {
			rc = section_add_id(c, plan, parent, it->number, it->title ? it->title : "",
					    &ids[i], err);
			sum->sections++;
			if (!rc && o->on_item) {
				struct import_item v = {it->line, 1, it->depth, it->number,
							it->title ? it->title : "", "", "", NULL, NULL};

				o->on_item(&v, o->ctx);
			}
		} else {
			struct task_input in;
			struct agency_list list = {NULL, 0, 0};
			struct assignees as = {NULL, 0, 0};
			struct schedule_parse sp;
			size_t unresolved;
			int parent_is_task = it->parent >= 0 && !doc->items[it->parent].is_section;

			memset(&in, 0, sizeof in);
			schedule_parse(it->schedule, sum->start_year, sum->end_year, &sp);
			if (it->schedule && strcmp(sp.kind, "unknown") == 0 &&
			    remember_unknown(sum, it->line, it->schedule) < 0) {
				rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
				break;
			}
			if (row_agencies(o, it, &list) < 0 || resolve(c, o->agencies, day, issuer, root, &list, &as, sum, err)) {
				if (!err->code)
					error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
				rc = err->code;
				agency_list_clear(&list);
				free(as.v);
				break;
			}
			in.plan_id = plan;
			in.section_id = parent_is_task ? 0 : parent;
			in.parent_id = parent_is_task ? parent : 0;
			if (parent_is_task) {
				/* A sub-task sits in its parent's section. */
				int s = doc->items[it->parent].parent;

				in.section_id = s >= 0 ? ids[s] : 0;
			}
			in.number = it->number;
			in.title = it->title && it->title[0] ? it->title : "-";
			in.output = it->output;
			in.method = it->method;
			in.extra = it->extra;
			in.sched.text = it->schedule;
			in.sched.kind = sp.kind;
			in.sched.start = sp.start[0] ? sp.start : NULL;
			in.sched.due = sp.due[0] ? sp.due : NULL;
			in.sched.recurs = sp.recurs[0] ? sp.recurs : NULL;
			in.assignees = as.v;
			in.nassignees = as.n;
			rc = task_add(c, &in, &ids[i], &unresolved, err);
			/* A fault of the document names its line; a full disk or
			 * a failing database is not the document's. */
			if (rc == ERR_INVALID)
				error_prefix(err, "%s:%d: ", o->file, it->line);
			if (!rc && o->on_item && tell_item(o, it, &as, &sp) < 0)
				rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
			sum->assignments += as.n;
			if (parent_is_task)
				sum->subtasks++;
			else
				sum->tasks++;
			if (has_children[i] && !it->schedule && !as.n)
				sum->groups++;
			agency_list_clear(&list);
			free(as.v);
		}
	}
	free(ids);
	free(has_children);
	return rc;
}

int import_document(struct core *c, const char *data, size_t len,
		    const struct import_options *o, struct import_summary *sum, struct error *err)
{
	struct document *doc = NULL;
	struct plan_input pin;
	int64_t issuer, root;
	int rc;

	memset(sum, 0, sizeof *sum);
	if ((rc = document_read(o->file, data, len, o->encoding, o->format, &doc, err)))
		return rc;
	sum->encoding = doc->encoding;
	sum->format = doc->format;
	sum->start_year = doc->start_year ? doc->start_year : core_today(c).y;
	sum->end_year = doc->start_year ? doc->end_year : sum->start_year;
	memcpy(sum->issued, doc->issued, sizeof sum->issued);
	if ((doc->number && !(sum->number = strdup(doc->number))) ||
	    (doc->title && !(sum->title = strdup(doc->title))) ||
	    (doc->issuer && !(sum->issuer = strdup(doc->issuer)))) {
		rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		goto out;
	}
	if ((rc = core_begin(c, err)))
		goto out;
	if ((rc = find_issuer(c, doc, o, &sum->made, &issuer, err)))
		goto fail;
	root = store_unit_root(c->store, issuer, err);
	if ((rc = store_unit_get(c->store, issuer, take_code, sum->issuer_code, err)))
		goto fail;
	if ((rc = plan_clear_way(c, o->file, issuer, doc->number, doc->hash, o->replace,
				 &sum->replaced, err)))
		goto fail;
	memset(&pin, 0, sizeof pin);
	pin.number = doc->number ? doc->number : "";
	pin.title = doc->title ? doc->title : o->file;
	pin.issued = doc->issued[0] ? doc->issued : NULL;
	pin.start_year = sum->start_year;
	pin.end_year = sum->end_year;
	pin.source_hash = doc->hash;
	if ((rc = plan_add_for(c, &pin, issuer, &sum->plan_id, err)) ||
	    (rc = write_items(c, doc, o, sum->plan_id, issuer, root, sum, err)))
		goto fail;
	if (o->dry_run) {
		core_rollback(c);
		goto out;
	}
	if ((rc = core_commit(c, err)))
		goto fail;
	goto out;
fail:
	core_rollback(c);
out:
	document_free(doc);
	return rc;
}

void import_summary_clear(struct import_summary *s)
{
	size_t i;

	for (i = 0; i < s->nunresolved; i++)
		free(s->unresolved[i]);
	for (i = 0; i < s->nunknown; i++)
		free(s->unknown[i].text);
	free(s->unresolved);
	free(s->unknown);
	free(s->number);
	free(s->title);
	free(s->issuer);
	free(s->made.name);
	memset(s, 0, sizeof *s);
}

struct texts {
	char **v;
	size_t n;
	const char *fold;
	int failed;
};

static int matching_text(const char *text, int64_t count, void *ctx)
{
	struct texts *t = ctx;
	char *f = text_fold(text), **v;

	(void)count;
	if (!f)
		return t->failed = 1;
	if (strcmp(f, t->fold) == 0) {
		if (!(v = realloc(t->v, (t->n + 1) * sizeof *v)) || !(v[t->n] = strdup(text))) {
			free(f);
			if (v)
				t->v = v;
			return t->failed = 1;
		}
		t->v = v;
		t->n++;
	}
	free(f);
	return 0;
}

/* "các huyện", "các xã, phường", "các sở, ban, ngành": many units. */
static int names_many(const struct agency_dir *dir, const char *name, const char *fold)
{
	static const char *const plural[] = {"cac huyen", "cac xa", "cac phuong", "cac so",
					     "cac quan", "cac thi xa", "cac thanh pho", "cac don vi",
					     "cac co quan", "cac dia phuong", "cap huyen", "cap xa",
					     NULL};
	const struct agency_entry *e = dir ? agency_lookup(dir, name) : NULL;
	size_t i;

	if (e && e->group)
		return 1;
	for (i = 0; plural[i]; i++)
		if (strstr(fold, plural[i]))
			return 1;
	return 0;
}

int agency_map(struct core *c, const struct agency_dir *dir, const char *name,
	       const char *unit_code, int force, int64_t *linked, struct error *err)
{
	struct texts t = {NULL, 0, NULL, 0};
	char *fold = NULL;
	int64_t unit, n;
	size_t i;
	int rc;

	*linked = 0;
	if (!text_is_utf8(name) || !(fold = text_fold(name)) || !fold[0]) {
		free(fold);
		return error_set(err, ERR_INVALID, _("agency name '%s': give the name as the plan writes it"),
				 name);
	}
	t.fold = fold;
	if (!force && names_many(dir, name, fold)) {
		rc = error_set(err, ERR_INVALID,
			_("'%s' names many units, not one: an import gives the task to each of "
			  "them; to send all of it to %s alone anyway, give --force"),
			name, unit_code);
		goto out;
	}
	if ((rc = core_begin(c, err)))
		goto out;
	if ((rc = core_unit_id(c, unit_code, &unit, err)) ||
	    (rc = store_agency_map_set(c->store, fold, unit, err)) ||
	    (rc = store_agency_unresolved(c->store, matching_text, &t, err)))
		goto fail;
	if (t.failed) {
		rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		goto fail;
	}
	for (i = 0; i < t.n; i++) {
		if ((n = store_agency_relink(c->store, t.v[i], unit, err)) < 0) {
			rc = (int)-n;
			goto fail;
		}
		*linked += n;
	}
	if ((rc = core_commit(c, err)))
		goto fail;
	goto out;
fail:
	core_rollback(c);
out:
	for (i = 0; i < t.n; i++)
		free(t.v[i]);
	free(t.v);
	free(fold);
	return rc;
}

int agency_unresolved(struct core *c, int (*fn)(const char *text, int64_t count, void *ctx),
		      void *ctx, struct error *err)
{
	return store_agency_unresolved(c->store, fn, ctx, err);
}
