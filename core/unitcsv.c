/* unitcsv.c - the unit tree from a CSV file (see units.h): how a province
 * sets up its ~120 units in one step, and records a reorganisation (a
 * second file that moves and merges) with the history unit move and unit
 * merge keep.
 *
 * Rows are applied in passes, so a row may name a parent defined further
 * down: every new unit is added first, then each unit put under its
 * parent (unit_move refuses a cycle), then the merges. All of it is one
 * transaction: an error on any line leaves the tree as it was. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/date.h"
#include "core/internal.h"
#include "core/units.h"
#include "db/i18n.h"

enum { U_CODE, U_NAME, U_KIND, U_PARENT, U_EFFECTIVE, U_SUCCESSOR, U_COLUMNS };

struct row {
	int line;
	char *f[U_COLUMNS];   /* NULL when empty */
	int added, changed;
};

struct now {
	char *name, *parent, *successor;
	int active, found, nomem;
};

static int take_now(const struct unit *u, void *ctx)
{
	struct now *n = ctx;

	n->found = 1;
	n->active = u->active;
	n->name = strdup(u->name);
	n->parent = u->parent_code ? strdup(u->parent_code) : NULL;
	n->successor = u->successor_code ? strdup(u->successor_code) : NULL;
	n->nomem = !n->name || (u->parent_code && !n->parent) ||
		   (u->successor_code && !n->successor);
	return 0;
}

static void now_free(struct now *n)
{
	free(n->name);
	free(n->parent);
	free(n->successor);
	memset(n, 0, sizeof *n);
}

/* The unit as the database has it now (n->found 0: none). */
static int unit_now(struct core *c, const char *code, struct now *n, struct error *err)
{
	int64_t id;

	memset(n, 0, sizeof *n);
	if (core_unit_id(c, code, &id, NULL) != ERR_OK)
		return ERR_OK;
	if (store_unit_get(c->store, id, take_now, n, err))
		return err->code;
	if (n->nomem) {
		now_free(n);
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	}
	return ERR_OK;
}

/* err's message, prefixed with the file and line the row came from. */
static int at_line(struct error *err, const char *file, int line)
{
	char msg[sizeof err->msg];

	snprintf(msg, sizeof msg, "%s", err->msg);
	return error_set(err, err->code, "%s:%d: %s", file, line, msg);
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int read_rows(const char *file, const char *data, size_t len, struct row **out,
		     size_t *nout, struct error *err)
{
	struct csv_reader r;
	struct row *v = NULL;
	size_t n = 0, cap = 0;
	int got, start, rc = ERR_OK;

	csv_reader_init(&r, file, data, len);
	for (;;) {
		/* A comment is a whole line, whatever it holds (quotes too). */
		if (r.p < r.end && *r.p == '#') {
			const char *nl = memchr(r.p, '\n', (size_t)(r.end - r.p));

			r.p = nl ? nl + 1 : r.end;
			r.line++;
			continue;
		}
		start = r.line;
		if ((got = csv_read(&r, err)) <= 0) {
			rc = got < 0 ? (int)err->code : ERR_OK;
			break;
		}
		if (r.n == 1 && !csv_get(&r, 0))
			continue;       /* a blank line */
		if (!csv_utf8_ok(&r, err)) {
			rc = err->code;
			break;
		}
		if (n == 0 && csv_get(&r, 0) && strcmp(csv_get(&r, 0), "code") == 0)
			continue;       /* the header */
		if (r.n < 4 || r.n > U_COLUMNS) {
			rc = error_set(err, ERR_INVALID,
				_("%s:%d: %d fields; a unit row is code,name,kind,parent[,effective,successor]"),
				file, start, r.n);
			break;
		}
		if (n == cap) {
			struct row *nv = realloc(v, (cap = cap ? cap * 2 : 64) * sizeof *v);

			if (!nv) {
				rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
				break;
			}
			v = nv;
		}
		memset(&v[n], 0, sizeof v[n]);
		v[n].line = start;
		for (int i = 0; i < r.n; i++)
			if (csv_get(&r, i) && !(v[n].f[i] = strdup(csv_get(&r, i))))
				rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		n++;
		if (rc)
			break;
	}
	csv_reader_clear(&r);
	*out = v;
	*nout = n;
	return rc;
}

/* What a row must say before anything is written. */
static int check_row(const char *file, const struct row *w, struct error *err)
{
	struct date d;

	if (!w->f[U_CODE] || !w->f[U_NAME])
		return error_set(err, ERR_INVALID, _("%s:%d: a unit needs a code and a name"), file,
				 w->line);
	if (w->f[U_KIND] && !unit_kind_valid(w->f[U_KIND]))
		return error_set(err, ERR_INVALID,
			_("%s:%d: unit kind '%s': use province, department, district, commune, office or other"),
			file, w->line, w->f[U_KIND]);
	if (w->f[U_EFFECTIVE] && (date_parse(w->f[U_EFFECTIVE], &d) != 0 ||
				  strlen(w->f[U_EFFECTIVE]) != 10))
		return error_set(err, ERR_INVALID,
			_("%s:%d: effective date '%s': write it as YYYY-MM-DD"), file, w->line,
			w->f[U_EFFECTIVE]);
	if (w->f[U_PARENT] && strcmp(w->f[U_PARENT], w->f[U_CODE]) == 0)
		return error_set(err, ERR_INVALID, _("%s:%d: unit %s cannot be its own parent"), file,
				 w->line, w->f[U_CODE]);
	return ERR_OK;
}

static int by_code_then_line(const void *a, const void *b)
{
	const struct row *x = *(const struct row *const *)a, *y = *(const struct row *const *)b;
	int c = strcmp(x->f[U_CODE], y->f[U_CODE]);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* A code on two rows: the second is refused. Sorted, not compared pairwise:
 * a 4 MiB file holds some 400,000 rows. */
static int check_unique(const char *file, struct row *rows, size_t n, struct error *err)
{
	struct row **v = malloc(n * sizeof *v);
	size_t i;
	int rc = ERR_OK;

	if (!v)
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	for (i = 0; i < n; i++)
		v[i] = &rows[i];
	qsort(v, n, sizeof *v, by_code_then_line);
	for (i = 1; i < n && !rc; i++)
		if (strcmp(v[i - 1]->f[U_CODE], v[i]->f[U_CODE]) == 0)
			rc = error_set(err, ERR_INVALID, _("%s:%d: unit %s is already on line %d"),
				       file, v[i]->line, v[i]->f[U_CODE], v[i - 1]->line);
	free(v);
	return rc;
}

static int apply(struct core *c, const char *file, struct row *rows, size_t n,
		 struct unit_import_counts *cnt, struct error *err)
{
	struct now now;
	size_t i;
	int rc = ERR_OK;

	for (i = 0; i < n && !rc; i++)
		rc = check_row(file, &rows[i], err);
	if (!rc)
		rc = check_unique(file, rows, n, err);
	/* 1. New units (under their parent when it is known already, else at
	 * the top for now); names brought up to date. */
	for (i = 0; i < n && !rc; i++) {
		struct row *w = &rows[i];
		const char *parent = w->f[U_PARENT];
		int64_t id;

		if ((rc = unit_now(c, w->f[U_CODE], &now, err)))
			break;
		if (parent && core_unit_id(c, parent, &id, NULL) != ERR_OK)
			parent = NULL;
		if (!now.found) {
			rc = unit_add(c, w->f[U_CODE], w->f[U_NAME], parent, w->f[U_KIND], err);
			w->added = !rc;
		} else if (strcmp(now.name, w->f[U_NAME]) != 0) {
			rc = unit_rename(c, w->f[U_CODE], w->f[U_NAME], err);
			cnt->renamed += w->changed = !rc;
		}
		now_free(&now);
		if (rc)
			rc = at_line(err, file, w->line);
	}
	/* 2. Each under its parent. */
	for (i = 0; i < n && !rc; i++) {
		struct row *w = &rows[i];
		int64_t id;

		if (w->f[U_PARENT] && core_unit_id(c, w->f[U_PARENT], &id, NULL) != ERR_OK) {
			rc = error_set(err, ERR_NOTFOUND,
				_("%s:%d: parent '%s' is neither in the file nor in the database"),
				file, w->line, w->f[U_PARENT]);
			break;
		}
		if ((rc = unit_now(c, w->f[U_CODE], &now, err)))
			break;
		if (!same(now.parent, w->f[U_PARENT])) {
			if ((rc = unit_move(c, w->f[U_CODE], w->f[U_PARENT], w->f[U_EFFECTIVE], err)))
				rc = at_line(err, file, w->line);
			else if (!w->added)
				cnt->moved += w->changed = 1;
		}
		now_free(&now);
	}
	/* 3. The merges. */
	for (i = 0; i < n && !rc; i++) {
		struct row *w = &rows[i];

		if (!w->f[U_SUCCESSOR])
			continue;
		if ((rc = unit_now(c, w->f[U_CODE], &now, err)))
			break;
		if (!now.active && same(now.successor, w->f[U_SUCCESSOR]))
			; /* merged by an earlier import */
		else if ((rc = unit_merge(c, w->f[U_CODE], w->f[U_SUCCESSOR], w->f[U_EFFECTIVE], err)))
			rc = at_line(err, file, w->line);
		else
			cnt->merged += w->changed = 1;
		now_free(&now);
	}
	for (i = 0; i < n && !rc; i++) {
		cnt->added += rows[i].added;
		cnt->same += !rows[i].added && !rows[i].changed;
	}
	return rc;
}

int unit_import_csv(struct core *c, const char *file, const char *data, size_t len,
		    struct unit_import_counts *cnt, struct error *err)
{
	struct row *rows = NULL;
	size_t n = 0, i;
	int rc;

	memset(cnt, 0, sizeof *cnt);
	if (!(rc = read_rows(file, data, len, &rows, &n, err)) && n == 0)
		rc = error_set(err, ERR_INVALID, _("%s: no unit rows"), file);
	if (!rc && !(rc = core_begin(c, err))) {
		if ((rc = apply(c, file, rows, n, cnt, err)) || (rc = core_commit(c, err)))
			core_rollback(c);
	}
	for (i = 0; i < n; i++)
		for (int k = 0; k < U_COLUMNS; k++)
			free(rows[i].f[k]);
	free(rows);
	return rc;
}
