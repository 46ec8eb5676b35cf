/* status.c - see status.h. A change reads the current record, merges the
 * fields given, and writes record and history in one transaction, so a crash
 * or a lost ssh link loses nothing and leaves nothing half-done. A unit may
 * write only its own records on tasks it is assigned (or plans it issued). */
#include <config.h>

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/id.h"
#include "core/internal.h"
#include "core/limits.h"
#include "core/plans.h"
#include "core/status.h"
#include "core/units.h"
#include "db/i18n.h"

static const struct {
	const char *name;
	const char *label;
} states[] = {
	[STATE_NOT_STARTED] = {"not-started", N_("not started")},
	[STATE_IN_PROGRESS] = {"in-progress", N_("in progress")},
	[STATE_BLOCKED] = {"blocked", N_("blocked")},
	[STATE_OVERDUE] = {"overdue", N_("overdue")},
	[STATE_DONE_ON_TIME] = {"done-on-time", N_("done on time")},
	[STATE_DONE_LATE] = {"done-late", N_("done late")},
	[STATE_DONE] = {"done", N_("done")},
};

const char *state_name(enum task_state s)
{
	return states[s].name;
}

const char *state_label(enum task_state s)
{
	return _(states[s].label);
}

int status_valid(const char *s)
{
	return strcmp(s, "todo") == 0 || strcmp(s, "doing") == 0 || strcmp(s, "done") == 0 ||
	       strcmp(s, "blocked") == 0;
}

enum task_state status_state(const char *status, const char *completed, const char *due,
			     struct date today)
{
	char now[11];

	if (status && strcmp(status, "done") == 0) {
		if (!due || !completed)
			return STATE_DONE;
		return strcmp(completed, due) <= 0 ? STATE_DONE_ON_TIME : STATE_DONE_LATE;
	}
	date_format(today, now);
	if (due && strcmp(due, now) < 0)
		return STATE_OVERDUE;
	if (status && strcmp(status, "blocked") == 0)
		return STATE_BLOCKED;
	if (status && strcmp(status, "doing") == 0)
		return STATE_IN_PROGRESS;
	return STATE_NOT_STARTED;
}

const char *evidence_next(const char *lines, char number[128], char date[11], char hash[80])
{
	const char *end, *f[3];
	size_t len[3], i;

	if (!lines || !*lines)
		return NULL;
	end = strchr(lines, '\n');
	if (!end)
		end = lines + strlen(lines);
	f[0] = lines;
	for (i = 0; i < 3; i++) {
		const char *tab = i < 2 ? memchr(f[i], '\t', (size_t)(end - f[i])) : NULL;

		len[i] = (size_t)((tab ? tab : end) - f[i]);
		if (i < 2)
			f[i + 1] = tab ? tab + 1 : end;
	}
	snprintf(number, 128, "%.*s", (int)len[0], f[0]);
	snprintf(date, 11, "%.*s", (int)len[1], f[1]);
	snprintf(hash, 80, "%.*s", (int)len[2], f[2]);
	return *end ? end + 1 : end;
}

/* "Báo cáo số 12/BC-UBND ngày 15/6/2024" -> number 12/BC-UBND, date
 * 2024-06-15: the date is the token that reads as a date, the number the
 * first other token with a slash. What is written after the number is
 * kept with it ("12/BC-UBND 15/06/2024 kèm phụ lục" -> "12/BC-UBND (kèm
 * phụ lục)"): nothing the officer wrote is dropped; what comes before it
 * is the kind of document, which the number's symbol says already. */
static int evidence_parse(const char *text, char number[128], char date[11], struct error *err)
{
	char *copy = strdup(text), *tok, *save = NULL, rest[128] = "";
	struct date d;
	size_t n = 0;

	number[0] = date[0] = '\0';
	if (!copy)
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	for (tok = strtok_r(copy, " \t\n,;()", &save); tok; tok = strtok_r(NULL, " \t\n,;()", &save)) {
		if (!date[0] && date_parse(tok, &d) == 0)
			date_format(d, date);
		else if (!number[0] && strchr(tok, '/') && strlen(tok) < 128)
			snprintf(number, 128, "%s", tok);
		else if (number[0] && strcmp(tok, "ngày") != 0 && strcmp(tok, "ngay") != 0 &&
			 n + strlen(tok) + 2 < sizeof rest)
			n += (size_t)snprintf(rest + n, sizeof rest - n, "%s%s", n ? " " : "", tok);
		else if (number[0] && n + strlen(tok) + 2 >= sizeof rest)
			n = sizeof rest;     /* too long: refused below */
	}
	free(copy);
	if (!number[0])
		return error_set(err, ERR_INVALID,
			_("evidence '%s': give the document's number, such as 12/BC-UBND, "
			  "and optionally its date, such as 15/06/2024"), text);
	if (n >= sizeof rest || strlen(number) + n + 4 > 127)
		return error_set(err, ERR_INVALID,
			_("evidence '%s': too long; give the document's number and date, and say "
			  "more in the note"), text);
	if (n)
		snprintf(number + strlen(number), 128 - strlen(number), " (%s)", rest);
	return ERR_OK;
}

int evidence_hash_file(const char *path, char out[65], struct error *err)
{
	crypto_generichash_state st;
	unsigned char buf[65536], hash[32];
	FILE *f = fopen(path, "rb");
	size_t n, total = 0;

	if (!f)
		return error_set(err, ERR_IO, _("%s: cannot read the evidence file: %s"), path,
				 strerror(errno));
	crypto_generichash_init(&st, NULL, 0, sizeof hash);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0 && (total += n) <= EVIDENCE_FILE_MAX)
		crypto_generichash_update(&st, buf, n);
	if (total > EVIDENCE_FILE_MAX) {
		fclose(f);
		return error_set(err, ERR_INVALID, _("%s: larger than the %zu MiB it may be"), path,
				 (size_t)EVIDENCE_FILE_MAX >> 20);
	}
	if (ferror(f)) {
		fclose(f);
		return error_set(err, ERR_IO, _("%s: cannot read the evidence file"), path);
	}
	fclose(f);
	crypto_generichash_final(&st, hash, sizeof hash);
	sodium_bin2hex(out, 65, hash, sizeof hash);
	return ERR_OK;
}

/* The record as it is now (copied), or the defaults of a record not yet
 * written. */
struct current {
	int found;
	char status[8];
	int progress;
	char *note, *evidence, *completed;
};

static int take_record(const struct status_record *r, void *ctx)
{
	struct current *cur = ctx;

	cur->found = 1;
	snprintf(cur->status, sizeof cur->status, "%s", r->status);
	cur->progress = r->progress;
	cur->note = strdup(r->note ? r->note : "");
	cur->evidence = strdup(r->evidence ? r->evidence : "");
	cur->completed = r->completed ? strdup(r->completed) : NULL;
	return 0;
}

struct task_ref {
	int64_t id, plan_id;
	char gid[ID_LEN + 1];
};

static int take_task(const struct task *t, void *ctx)
{
	struct task_ref *r = ctx;

	r->id = t->id;
	r->plan_id = t->plan_id;
	snprintf(r->gid, sizeof r->gid, "%s", t->gid);
	return 0;
}

static int take_issuer(const struct plan *p, void *ctx)
{
	*(int64_t *)ctx = p->issuer_id;
	return 0;
}

struct unit_ref {
	int64_t id;
	char gid[ID_LEN + 1];
	int active;
};

static int take_unit(const struct unit *u, void *ctx)
{
	struct unit_ref *r = ctx;

	r->id = u->id;
	snprintf(r->gid, sizeof r->gid, "%s", u->gid);
	r->active = u->active;
	return 0;
}

/* May `unit` write records on `task`? */
static int check_authority(struct core *c, const struct task_ref *t, const struct unit_ref *u,
			   const char *unit_code, const char *task_key, struct error *err)
{
	char buf[24];
	int64_t issuer = 0;
	int assigned;

	assigned = store_task_is_assigned(c->store, t->id, u->id, err);
	if (assigned < 0)
		return -assigned;
	if (assigned)
		return ERR_OK;
	snprintf(buf, sizeof buf, "%lld", (long long)t->plan_id);
	if (store_plan_find(c->store, buf, take_issuer, &issuer, err))
		return err->code;
	if (issuer == u->id)
		return ERR_OK;
	return error_set(err, ERR_DENIED,
		_("unit '%s' is not assigned task %s, so it cannot report on it"), unit_code,
		task_key);
}

/* Append a reference unless one with the same number is there already. */
static char *evidence_add(const char *lines, const char *number, const char *date,
			  const char *hash)
{
	char n[128], d[11], h[80];
	const char *p = lines;
	size_t len;
	char *out;

	while ((p = evidence_next(p, n, d, h)))
		if (strcmp(n, number) == 0)
			return strdup(lines);
	len = strlen(lines) + strlen(number) + strlen(date) + strlen(hash) + 4;
	if (!(out = malloc(len)))
		return NULL;
	snprintf(out, len, "%s%s%s\t%s\t%s", lines, lines[0] ? "\n" : "", number, date, hash);
	return out;
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int status_set(struct core *c, const struct status_change *ch, struct error *err)
{
	struct current cur = {0, "todo", 0, NULL, NULL, NULL};
	struct task_ref task = {0, 0, ""};
	struct unit_ref unit = {0, "", 0};
	struct status_record r;
	struct period per;
	char period[8], completed[11], number[128] = "", edate[11] = "", key[128];
	char gid[ID_LEN + 1], hgid[ID_LEN + 24], at[21], submitted[21];
	char *note = NULL, *evidence = NULL, *acting = NULL;
	const char *unit_code = ch->unit;
	int64_t author;
	int rc;

	memset(&r, 0, sizeof r);
	/* Check everything that needs no database first. */
	if (ch->status && !status_valid(ch->status))
		return error_set(err, ERR_INVALID,
			_("status '%s': use todo, doing, done or blocked"), ch->status);
	if (ch->progress != -1 && (ch->progress < 0 || ch->progress > 100))
		return error_set(err, ERR_INVALID, _("progress %d: use a number from 0 to 100"),
				 ch->progress);
	if (ch->period) {
		if (period_parse(ch->period, &per))
			return error_set(err, ERR_INVALID,
				_("period '%s': write a quarter as YYYYQN, such as 2024Q2"),
				ch->period);
	} else {
		per = period_of(core_today(c));
	}
	period_format(per, period);
	if (ch->completed) {
		struct date d;

		if (date_parse(ch->completed, &d))
			return error_set(err, ERR_INVALID,
				_("completion date '%s': write it as YYYY-MM-DD or D/M/YYYY"),
				ch->completed);
		date_format(d, completed);
	}
	if (ch->evidence && (rc = evidence_parse(ch->evidence, number, edate, err)))
		return rc;
	if (ch->note && (rc = core_clean_text(ch->note, _("note"), 0, NOTE_MAX, &note, err)))
		return rc;

	if ((rc = store_begin(c->store, err)))
		goto out;
	if ((rc = task_get(c, ch->task, take_task, &task, err)))
		goto fail;
	if ((rc = core_unit_or_acting(c, &unit_code, &acting, err)))
		goto fail;
	if ((rc = unit_get(c, unit_code, take_unit, &unit, err)) ||
	    (rc = check_authority(c, &task, &unit, unit_code, ch->task, err)))
		goto fail;
	if ((rc = store_record_get(c->store, task.id, unit.id, period, take_record, &cur, err)) ||
	    (rc = store_submission_get(c->store, unit.id, period, submitted, NULL, err)))
		goto fail;
	/* The unit has sent its report for the period: the change stands, as a
	 * supplementary report the level above sees marked. */
	r.supplementary = submitted[0] != '\0';

	/* Merge. */
	r.status = ch->status ? ch->status : cur.status;
	r.progress = ch->progress != -1 ? ch->progress : cur.progress;
	if (strcmp(r.status, "done") == 0) {
		if (ch->progress == -1)
			r.progress = 100;
		else if (ch->progress < 100) {
			rc = error_set(err, ERR_INVALID,
				_("a done task is at 100%%; give --progress 100 or another status"));
			goto fail;
		}
		if (ch->completed)
			r.completed = completed;
		else if (cur.found && strcmp(cur.status, "done") == 0 && cur.completed)
			r.completed = cur.completed;
		else {
			date_format(core_today(c), completed);
			r.completed = completed;
		}
	} else if (ch->completed) {
		rc = error_set(err, ERR_INVALID,
			_("a completion date needs --status done"));
		goto fail;
	}
	r.note = note ? note : (cur.note ? cur.note : "");
	if (ch->evidence_all)
		evidence = strdup(ch->evidence_all);
	else if (ch->clear_evidence)
		evidence = strdup("");
	else
		evidence = strdup(cur.evidence ? cur.evidence : "");
	if (evidence && number[0]) {
		char *more = evidence_add(evidence, number, edate,
					  ch->evidence_hash ? ch->evidence_hash : "");

		free(evidence);
		evidence = more;
	}
	if (!evidence) {
		rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		goto fail;
	}
	r.evidence = evidence;
	if (strlen(evidence) > EVIDENCE_MAX) {
		rc = error_set(err, ERR_INVALID,
			_("%s: %zu bytes long, more than the %zu it may hold"), _("evidence"),
			strlen(evidence), (size_t)EVIDENCE_MAX);
		goto fail;
	}
	if (cur.found && strcmp(r.status, cur.status) == 0 && r.progress == cur.progress &&
	    same(r.note, cur.note) && same(r.evidence, cur.evidence) &&
	    same(r.completed, cur.completed)) {
		rc = store_commit(c->store, err);  /* nothing changed: nothing to record */
		goto out;
	}

	/* The record's id is derived from its key: the same on every installation. */
	snprintf(key, sizeof key, "%s|%s|%s", task.gid, unit.gid, period);
	id_derived(gid, key);
	core_timestamp(at);
	author = core_author(c, unit.id);
	r.gid = gid;
	r.task_id = task.id;
	r.unit_id = unit.id;
	r.period = period;
	r.author_id = author;
	r.updated = at;
	if ((rc = core_next_hlc(c, &r.hlc, err)))
		goto fail;
	/* A version of a record is named by the record and its clock: every
	 * installation can name it without being told (see bundle.c). */
	snprintf(hgid, sizeof hgid, "%s:%lld", gid, (long long)r.hlc);
	if ((rc = store_record_put(c->store, &r, hgid, err)) ||
	    (rc = store_commit(c->store, err)))
		goto fail;
	goto out;
fail:
	store_rollback(c->store);
out:
	free(cur.note);
	free(cur.evidence);
	free(cur.completed);
	free(note);
	free(evidence);
	free(acting);
	return rc;
}

int status_history(struct core *c, int64_t record_id, record_fn fn, void *ctx,
		   struct error *err)
{
	return store_record_history(c->store, record_id, fn, ctx, err);
}

int rollup_add(struct rollup *r, const struct status_record *rec)
{
	struct rollup_entry *e = NULL;
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].unit_id == rec->unit_id)
			e = &r->v[i];
	if (!e) {
		if (r->n == r->cap) {
			size_t cap = r->cap ? r->cap * 2 : 8;
			struct rollup_entry *v = realloc(r->v, cap * sizeof *v);

			if (!v)
				return -1;
			r->v = v;
			r->cap = cap;
		}
		e = &r->v[r->n++];
		e->unit_id = rec->unit_id;
	}
	snprintf(e->status, sizeof e->status, "%s", rec->status);
	snprintf(e->completed, sizeof e->completed, "%s", rec->completed ? rec->completed : "");
	e->progress = rec->progress;
	return 0;
}

enum task_state rollup_state(const struct rollup *r, const char *due, struct date today)
{
	const char *status = "todo", *completed = NULL;
	size_t i, done = 0;

	for (i = 0; i < r->n; i++) {
		const struct rollup_entry *e = &r->v[i];

		if (strcmp(e->status, "done") == 0) {
			done++;
			/* The task is done when its last assignee finished. */
			if (e->completed[0] && (!completed || strcmp(e->completed, completed) > 0))
				completed = e->completed;
		} else if (strcmp(e->status, "blocked") == 0) {
			status = "blocked";
		} else if (strcmp(e->status, "doing") == 0 && strcmp(status, "blocked") != 0) {
			status = "doing";
		}
	}
	if (r->n > 0 && done == r->n)
		return status_state("done", completed, due, today);
	if (done > 0 && strcmp(status, "todo") == 0)
		status = "doing";
	return status_state(status, NULL, due, today);
}

void rollup_clear(struct rollup *r)
{
	free(r->v);
	memset(r, 0, sizeof *r);
}
