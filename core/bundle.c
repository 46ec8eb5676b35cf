/* bundle.c - see bundle.h.
 *
 * Change capture: a record log, not SQLite's session extension. Every local
 * status change and submission appends an entry (origin unit, gapless
 * sequence, clock, the row's full values by global id) in the transaction
 * that makes it (db/records.c), and received entries join the same log. The
 * session extension on Debian's SQLite 3.40 records changes per connection
 * and in memory, has no row-level authority or idempotence of its own and
 * hides stale updates in patchsets; a log gives all of it plainly: an entry
 * is applied once (origin, seq), a record takes the values of the newest
 * clock of its one owner whatever order entries arrive in, and the tables
 * can be rebuilt from the log to audit them (bundle_audit).
 *
 * Plan data is different: few rows, one owner per plan, rarely changed. A
 * plan batch is a whole snapshot of what its origin owns (the plans it
 * issued, the assignments and delegations it made, the units they refer
 * to), numbered; a newer snapshot replaces the assignments of an older one,
 * and what the issuer's plans no longer hold goes, unless status records
 * here cite it (an older snapshot arriving later is not applied at all).
 *
 * Import checks in this order: size, header and lengths (the caps of
 * core/limits.h, a compression ratio among them), recipient and schema,
 * the sender's clock, and every signature, all before the write lock is
 * taken. Then, in one transaction that applies all or nothing, batch by
 * batch: its chain to a pinned root through units known here, inflating
 * within the declared length, a strict parse, authority row by row; last
 * the sender's own chain, its acknowledgements, and its 'created' time
 * against a replay. Who may write what is README's "Security" section;
 * each rule is enforced in one place here (authority: apply_plan,
 * unit_row, apply_report, may_report, take_acks, check_replay) or in
 * keys.c (chain_verify). */
#include <config.h>

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/bundle.h"
#include "core/date.h"
#include "core/internal.h"
#include "core/keys.h"
#include "core/plans.h"
#include "core/status.h"
#include "core/text.h"
#include "core/units.h"
#include "core/wire.h"
#include "db/i18n.h"

static int take_code(const struct unit *u, void *ctx)
{
	snprintf(ctx, 64, "%s", u->code);
	return 0;
}

static int take_gid(const struct unit *u, void *ctx)
{
	snprintf(ctx, ID_LEN + 1, "%s", u->gid);
	return 0;
}

static int take_parent(const struct unit *u, void *ctx)
{
	*(int64_t *)ctx = u->parent_id;
	return 0;
}

static void format_time(int64_t t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm))
		strftime(out, 32, "%Y-%m-%d %H:%M:%S UTC", &tm);
	else
		snprintf(out, 32, "%lld", (long long)t);
}

/* A unit's code when known here, else its global id. */
static void unit_label(struct core *c, const char *gid, char out[64])
{
	int64_t id = 0;

	snprintf(out, 64, "%s", gid);
	if (store_unit_find_gid(c->store, gid, &id, NULL) == ERR_OK && id)
		store_unit_get(c->store, id, take_code, out, NULL);
}

/* Chains verified so far in one bundle, by the index of a batch that
 * carried each: a bundle relaying a commune's many batches checks the
 * commune's certificates once, not once per batch. */
struct chains {
	size_t *v, n;
};

static int chain_seen(const struct bundle *bd, const struct chains *ok, const struct batch *b)
{
	size_t j;

	for (j = 0; j < ok->n; j++) {
		const struct batch *o = &bd->b[ok->v[j]];

		if (o->nchain == b->nchain && strcmp(o->origin_gid, b->origin_gid) == 0 &&
		    memcmp(o->origin_pk, b->origin_pk, 32) == 0 &&
		    memcmp(o->chain, b->chain, b->nchain * CERT_LEN) == 0)
			return 1;
	}
	return 0;
}

/* Batch i, its signature checked: its chain to a pinned root (judged by
 * the importer's clock, never the time the sender wrote: a backdated
 * bundle does not revive an expired key), then its contents inflated
 * within the declared length and parsed strictly.
 * ERR_NOTFOUND: the chain names a unit not known here, which an earlier
 * batch of the same bundle may yet bring. */
static int verify_batch(struct core *c, struct bundle *bd, size_t i, struct chains *ok,
			struct error *err)
{
	struct batch *b = &bd->b[i];
	char who[64];
	int rc;

	if (!chain_seen(bd, ok, b)) {
		if ((rc = chain_verify(c, b->origin_pk, b->origin_gid, b->chain, b->nchain,
				       (int64_t)time(NULL), err))) {
			unit_label(c, b->origin_gid, who);
			error_prefix(err, _("batch %zu from %s: "), i + 1, who);
			return rc;
		}
		ok->v[ok->n++] = i;
	}
	if ((rc = wire_inflate(b, i, err)) || (rc = wire_parse_batch(b, i, err)))
		return rc;
	return ERR_OK;
}

/* The sender's key: certified up to the root like any origin's. */
static int verify_sender(struct core *c, const struct bundle *bd, struct error *err)
{
	const unsigned char *chain = bd->chain;
	size_t i, nchain = bd->nchain;
	char who[64];

	/* A sender's chain travels once: with its own batch when it has one. */
	for (i = 0; i < bd->nb && nchain == 0; i++)
		if (strcmp(bd->b[i].origin_gid, bd->sender_gid) == 0 &&
		    memcmp(bd->b[i].origin_pk, bd->sender_pk, 32) == 0) {
			chain = bd->b[i].chain;
			nchain = bd->b[i].nchain;
		}
	if (chain_verify(c, bd->sender_pk, bd->sender_gid, chain, nchain, (int64_t)time(NULL),
			 err)) {
		unit_label(c, bd->sender_gid, who);
		return error_prefix(err, _("sender %s: "), who);
	}
	return ERR_OK;
}

/* The whole bundle signed by the key in its header, each batch by the key
 * in its own: what they hold is what those keys' holders wrote, whoever
 * they turn out to be (the chains say that). Pure computation, the most
 * of an import's time: done before the write lock is taken. */
static int verify_signatures(struct core *c, const struct bundle *bd, struct error *err)
{
	char who[64];
	size_t i;

	if (crypto_sign_verify_detached(bd->data + bd->len - SIG_LEN, bd->data, bd->len - SIG_LEN,
					bd->sender_pk) != 0) {
		unit_label(c, bd->sender_gid, who);
		return error_set(err, ERR_DENIED,
			_("the bundle's signature does not match the key of its sender %s"), who);
	}
	for (i = 0; i < bd->nb; i++) {
		const struct batch *b = &bd->b[i];

		if (crypto_sign_verify_detached(b->whole + b->whole_len - SIG_LEN, b->whole,
						b->whole_len - SIG_LEN, b->origin_pk) != 0) {
			unit_label(c, b->origin_gid, who);
			return error_set(err, ERR_DENIED,
				_("batch %zu: its signature does not match the key of %s"), i + 1, who);
		}
	}
	return ERR_OK;
}

/* What a batch holds, added to sum: export and inspect count the same way,
 * so the two say the same of one file. */
static void count_items(const struct batch *b, struct bundle_summary *sum)
{
	size_t j;

	for (j = 0; j < b->nitems; j++) {
		const struct item *it = &b->items[j];
		long *count[] = {[SYNC_UNIT] = &sum->units, [SYNC_PLAN] = &sum->plans,
				 [SYNC_SECTION] = &sum->sections, [SYNC_TASK] = &sum->tasks,
				 [SYNC_ASSIGN] = &sum->assignments,
				 [SYNC_SUBMISSION] = &sum->submissions};

		if (it->type == ITEM_RECORD)
			sum->records++;
		else
			(*count[it->type])++;
	}
}

/* Every check at once, against the tree as it is here (export reads back
 * its own bundle this way, and so does inspect on a read-only database). */
static int check_trust(struct core *c, struct bundle *bd, struct bundle_summary *tally,
		       struct error *err)
{
	struct chains ok = {NULL, 0};
	size_t i;
	int rc;

	if ((rc = verify_signatures(c, bd, err)))
		return rc;
	if (bd->nb && !(ok.v = malloc(bd->nb * sizeof *ok.v)))
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	/* With a tally, each batch is counted and let go once verified: an
	 * exporter checking what it wrote need not hold it all. */
	for (i = 0, rc = ERR_OK; i < bd->nb && !rc; i++)
		if (!(rc = verify_batch(c, bd, i, &ok, err)) && tally) {
			count_items(&bd->b[i], tally);
			wire_release(&bd->b[i]);
		}
	free(ok.v);
	return rc ? rc : verify_sender(c, bd, err);
}

/* Size, layout, declared lengths, recipient, clock and every signature
 * on a file's bytes: nothing is written. The chains and the batches'
 * contents are verified as they are applied (apply_all), in one
 * transaction: a chain may pass through units that an earlier batch of the
 * same bundle brings, as a new installation's first plan bundle does. */
static int read_bundle(struct core *c, const unsigned char *data, size_t len, struct bundle *bd,
		       struct error *err)
{
	char acting[64] = "";
	int rc;

	if (len > BUNDLE_MAX)
		return error_set(err, ERR_INVALID,
			_("the file is larger than the %d MiB a bundle may be"), BUNDLE_MAX >> 20);
	if ((rc = wire_layout(data, len, bd, err)) || (rc = wire_check_sizes(bd, err)))
		return rc;
	if (bd->schema > BUNDLE_SCHEMA)
		return error_set(err, ERR_NEWER,
			_("the bundle was written by a newer dondoc (schema %d; this one reads %d); "
			  "upgrade dondoc"), bd->schema, BUNDLE_SCHEMA);
	if (bd->recipient_gid[0]) {
		int64_t me = 0, to = 0;
		char who[64];

		unit_acting(c, &me, NULL);
		store_unit_find_gid(c->store, bd->recipient_gid, &to, NULL);
		unit_label(c, bd->recipient_gid, who);
		if (!me)
			return error_set(err, ERR_DENIED,
				_("the bundle is addressed to %s; choose this installation's unit "
				  "with 'dondoc unit use CODE' first"), who);
		if (to != me) {
			store_unit_get(c->store, me, take_code, acting, NULL);
			return error_set(err, ERR_DENIED,
				_("the bundle is addressed to %s, not to %s"), who, acting);
		}
	}
	/* The sender's clock may be a little off; a bundle from further in
	 * the future would, once accepted, make every honest later one look
	 * like a replay. */
	if (bd->created > (int64_t)time(NULL) + CLOCK_SLACK) {
		char made[32], now[32];

		format_time(bd->created, made);
		format_time((int64_t)time(NULL), now);
		return error_set(err, ERR_DENIED,
			_("the bundle says it was made on %s, but it is %s here: the clock of "
			  "the computer that made it, or of this one, is wrong"), made, now);
	}
	return verify_signatures(c, bd, err);
}

/* Step 8: authority, row by row, and the writes. */

struct apply {
	struct core *c;
	struct bundle_summary *sum;
	struct error *err;
};

static int refuse(struct error *err, size_t bi, const char *who, const char *why_fmt,
		  const char *what)
{
	char why[512];

	snprintf(why, sizeof why, why_fmt, what);
	return error_set(err, ERR_DENIED, _("batch %zu from %s: %s"), bi + 1, who, why);
}

/* May the origin report on this task? It must be an assignee (directly or
 * by delegation) or the plan's issuer. 1 yes, 0 no, -1 not known yet: the
 * task has not come, or a unit above the origin holds it and the delegation
 * has not come; -2 on failure. */
static int may_report(struct core *c, const char *task_gid, int64_t origin, struct error *err)
{
	int64_t task = 0, owner = 0;
	int yes;

	if (store_task_by_gid(c->store, task_gid, &task, err))
		return -2;
	if (!task)
		return -1;
	if ((yes = store_task_is_assigned(c->store, task, origin, err)) < 0)
		return -2;
	if (yes)
		return 1;
	if (store_sync_owner(c->store, SYNC_TASK, task_gid, &owner, err))
		return -2;
	if (owner == origin)
		return 1;
	if ((yes = store_task_held_above(c->store, task, origin, err)) < 0)
		return -2;
	return yes ? -1 : 0;
}

/* Apply one log entry if what it cites is here: *applied says. */
static int apply_entry(struct core *c, int type, const char *const *f, int64_t origin,
		       int *applied, int *denied, struct error *err)
{
	*applied = *denied = 0;
	if (type == SYNC_SUBMISSION)
		return store_apply_submission(c->store, f, applied, err);
	switch (may_report(c, f[2], origin, err)) {
	case -2:
		return err->code;
	case -1:
		return ERR_OK;              /* the plan has not come yet: wait */
	case 0:
		*denied = 1;
		return ERR_OK;
	}
	return store_apply_record(c->store, f, applied, err);
}

static int apply_report(struct apply *a, struct batch *b, size_t bi)
{
	struct core *c = a->c;
	char who[64];
	size_t i;
	int rc;

	unit_label(c, b->origin_gid, who);
	for (i = 0; i < b->nitems; i++) {
		const struct item *it = &b->items[i];
		const char *owner = it->f[it->type == ITEM_RECORD ? 3 : 1];
		struct log_entry e = {b->origin_id, it->seq, it->hlc,
				      it->type == ITEM_RECORD ? "record" : "submission", it->gid,
				      it->payload, it->plen, 0};
		int added, have, applied = 0, denied;

		/* One writer per record: its own unit (the author is the origin:
		 * the parser made it so). */
		if (strcmp(owner, b->origin_gid) != 0) {
			char other[64];

			unit_label(c, owner, other);
			return refuse(a->err, bi, who, _("it carries a record of unit %s"), other);
		}
		/* Each entry once: then apply it, and log it as applied or waiting.
		 * The same number with other content means the origin's log began
		 * again (a reinstalled computer): taking it would lose one or the
		 * other, so refuse and say how to go on. */
		if ((rc = store_log_compare(c->store, &e, &have, a->err)))
			return rc;
		if (have == 2) {
			char num[24];

			snprintf(num, sizeof num, "%lld", (long long)it->seq);
			return refuse(a->err, bi, who,
				_("entry %s of its log differs from the one received before: the "
				  "unit's log started again on another installation; it must import "
				  "the latest plan bundle from the unit above, then export again"),
				num);
		}
		if (have)
			continue;
		if ((rc = apply_entry(c, it->type, it->f, b->origin_id, &applied, &denied, a->err)))
			return rc;
		if (denied)
			return refuse(a->err, bi, who,
				_("it reports on task %s, which it is not assigned"), it->f[2]);
		e.applied = applied;
		if ((rc = store_log_add(c->store, &e, &added, a->err)))
			return rc;
		if (applied && it->type == ITEM_RECORD)
			a->sum->records++;
		else if (applied)
			a->sum->submissions++;
	}
	return ERR_OK;
}

/* May the origin of a plan batch write this unit row? A unit below the
 * origin is the origin's to change (*below '1'); its ancestors, which come
 * first in a snapshot, are only added when missing ('0'); a unit that is
 * neither, or whose code another unit has here, is refused. *id: the unit
 * here, 0 when new. */
static int unit_row(struct apply *a, const struct batch *b, size_t bi, const char *const *f,
		    int64_t *id, char *below)
{
	struct core *c = a->c;
	int64_t parent = 0, clash = 0;
	char who[64];
	int within, rc;

	unit_label(c, b->origin_gid, who);
	if ((rc = store_unit_find_gid(c->store, f[0], id, a->err)))
		return rc;
	if (*id) {
		if ((within = store_unit_is_within(c->store, *id, b->origin_id, a->err)) < 0)
			return a->err->code;
		*below = within && *id != b->origin_id ? '1' : '0';
		if (*below == '0')
			return ERR_OK;
		/* The origin may move a unit below it, but only within its own
		 * part of the tree. */
		if ((rc = store_unit_find_gid(c->store, f[5], &parent, a->err)))
			return rc;
		within = parent ? store_unit_is_within(c->store, parent, b->origin_id, a->err) : 0;
		if (within < 0)
			return a->err->code;
		if (!within)
			return refuse(a->err, bi, who, _("it moves unit %s out from under it"), f[1]);
		return ERR_OK;
	}
	if (*f[5] && (rc = store_unit_find_gid(c->store, f[5], &parent, a->err)))
		return rc;
	if (*f[5] && !parent)
		return refuse(a->err, bi, who, _("unit %s's parent is unknown"), f[1]);
	within = parent ? store_unit_is_within(c->store, parent, b->origin_id, a->err) : 0;
	if (within < 0)
		return a->err->code;
	/* A new unit not below the origin can only be an ancestor the origin
	 * has not been placed under yet: the origin itself is not here. */
	if (!within && strcmp(f[0], b->origin_gid) != 0 && b->origin_id)
		return refuse(a->err, bi, who, _("unit %s is neither above nor below the sender"),
			      f[1]);
	if (core_unit_id(c, f[1], &clash, NULL) == ERR_OK && clash)
		return refuse(a->err, bi, who, _("unit code %s is used here by another unit"), f[1]);
	*below = within ? '1' : '0';
	return ERR_OK;
}

static int apply_plan(struct apply *a, struct batch *b, size_t bi)
{
	struct core *c = a->c;
	int64_t origin = b->origin_id;
	long withdrawn = 0, kept = 0;
	char who[64];
	size_t i;
	int rc, full;

	unit_label(c, b->origin_gid, who);
	/* The snapshot replaces what the origin delegated before and, when it
	 * carries the origin's plans (a plan bundle's does; the one in a report
	 * bundle carries delegations only), what it assigned as their issuer. */
	for (i = 0; i < b->nitems && b->items[i].type != SYNC_PLAN; i++)
		;
	full = i < b->nitems;
	if ((rc = store_sync_clear_assignments(c->store, origin, full, a->err)))
		return rc;
	/* What the issuer's snapshot no longer carries was withdrawn there (a
	 * plan imported again with --replace has new ids): it goes here too,
	 * before the new rows take their numbers and places, unless status
	 * records here cite it. */
	if (full) {
		if ((rc = store_sync_seen_start(c->store, a->err)))
			return rc;
		for (i = 0; i < b->nitems; i++)
			if ((b->items[i].type == SYNC_PLAN || b->items[i].type == SYNC_SECTION ||
			     b->items[i].type == SYNC_TASK) &&
			    (rc = store_sync_seen(c->store, b->items[i].f[0], a->err)))
				return rc;
		if ((rc = store_sync_withdraw(c->store, origin, &withdrawn, &kept, a->err)))
			return rc;
		a->sum->withdrawn += withdrawn;
		a->sum->kept += kept;
	}
	for (i = 0; i < b->nitems; i++) {
		const struct item *it = &b->items[i];
		const char *f[MAX_FIELDS + 1];
		int64_t owner = 0, ref = 0, id = 0;
		char below[2] = "0";
		int within;

		memcpy(f, it->f, sizeof it->f);
		switch (it->type) {
		case SYNC_UNIT:
			if ((rc = unit_row(a, b, bi, f, &id, &below[0])))
				return rc;
			f[8] = below;
			a->sum->units += below[0] == '1' || !id;
			break;
		case SYNC_PLAN:
			if ((rc = store_sync_owner(c->store, SYNC_PLAN, f[0], &owner, a->err)))
				return rc;
			if (strcmp(f[1], b->origin_gid) != 0 || (owner && owner != origin))
				return refuse(a->err, bi, who, _("plan %s is not the sender's own"), f[2]);
			a->sum->plans++;
			break;
		case SYNC_SECTION:
		case SYNC_TASK:
			if ((rc = store_sync_owner(c->store, it->type, f[0], &owner, a->err)) ||
			    (rc = store_sync_owner(c->store, SYNC_PLAN, f[1], &ref, a->err)))
				return rc;
			if ((owner && owner != origin) || ref != origin)
				return refuse(a->err, bi, who,
					_("%s belongs to a plan the sender did not issue"), f[0]);
			if (it->type == SYNC_SECTION)
				a->sum->sections++;
			else
				a->sum->tasks++;
			break;
		case SYNC_ASSIGN:
			if ((rc = store_sync_owner(c->store, SYNC_ASSIGN, f[0], &owner, a->err)) ||
			    (rc = store_sync_owner(c->store, SYNC_TASK, f[1], &ref, a->err)))
				return rc;
			if (owner && owner != origin)
				return refuse(a->err, bi, who, _("assignment %s is another unit's"), f[0]);
			if (!*f[5]) {
				int64_t unit = 0;

				if (ref != origin)
					return refuse(a->err, bi, who,
						_("it assigns task %s of a plan it did not issue"), f[1]);
				/* Work goes down the tree: to the issuer or a unit below it. */
				if (*f[2] && (rc = store_unit_find_gid(c->store, f[2], &unit, a->err)))
					return rc;
				within = unit ? store_unit_is_within(c->store, unit, origin, a->err) : !*f[2];
				if (within < 0)
					return a->err->code;
				if (!within) {
					char to[64];

					unit_label(c, f[2], to);
					return refuse(a->err, bi, who,
						_("it assigns a task to %s, which is not below it"), to);
				}
			} else {
				/* A delegation: a task the origin holds, to a unit below it. */
				int64_t task = 0, unit = 0;
				int held;

				if (strcmp(f[5], b->origin_gid) != 0)
					return refuse(a->err, bi, who,
						_("it carries an assignment made by another unit (%s)"), f[5]);
				if ((rc = store_task_by_gid(c->store, f[1], &task, a->err)) ||
				    (rc = store_unit_find_gid(c->store, f[2], &unit, a->err)))
					return rc;
				if (!task)
					return refuse(a->err, bi, who,
						_("it delegates task %s, which is not known here; import "
						  "the issuer's plan bundle first"), f[1]);
				if ((held = store_task_is_assigned(c->store, task, origin, a->err)) < 0)
					return a->err->code;
				within = unit ? store_unit_is_within(c->store, unit, origin, a->err) : 0;
				if (within < 0)
					return a->err->code;
				if (!held || !unit || unit == origin || !within)
					return refuse(a->err, bi, who,
						_("it delegates task %s that it does not hold, or to a unit "
						  "not below it"), f[1]);
			}
			a->sum->assignments++;
			break;
		}
		if ((rc = store_sync_row(c->store, (enum sync_row)it->type, f, a->err)))
			return rc;
	}
	return ERR_OK;
}

/* Entries that waited for plan data: apply those whose task has come.
 * They are copied out first; the log is not changed under a running read. */
struct pending {
	struct core *c;
	struct bundle_summary *sum;
	struct error *err;
	int rc;
	struct log_copy {
		int64_t origin_id, seq;
		int record;
		unsigned char *payload;
		size_t len;
	} *v;
	size_t n, cap;
};

static int copy_pending(const struct log_entry *e, void *ctx)
{
	struct pending *p = ctx;
	struct log_copy *x;

	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;

		if (!(x = realloc(p->v, cap * sizeof *x)))
			return p->rc = error_set(p->err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		p->v = x;
		p->cap = cap;
	}
	x = &p->v[p->n];
	if (!(x->payload = malloc(e->len + 1)))
		return p->rc = error_set(p->err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	memcpy(x->payload, e->payload, e->len);
	x->len = e->len;
	x->origin_id = e->origin_id;
	x->seq = e->seq;
	x->record = strcmp(e->entity, "record") == 0;
	p->n++;
	return 0;
}

static int retry_pending(struct pending *p)
{
	size_t i;
	int rc = store_log_list(p->c->store, 1, copy_pending, p, p->err);

	for (i = 0; i < p->n && !rc; i++) {
		struct log_copy *x = &p->v[i];
		struct item it;
		char *arena = malloc(x->len + 1), *mem = arena;
		int applied = 0, denied = 0;

		char origin[ID_LEN + 1] = "";

		memset(&it, 0, sizeof it);
		it.type = x->record ? ITEM_RECORD : SYNC_SUBMISSION;
		store_unit_get(p->c->store, x->origin_id, take_gid, origin, NULL);
		if (!arena)
			rc = error_set(p->err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		else if (wire_payload(&it, x->payload, x->len, &mem, origin) == 0 &&
			 !(rc = apply_entry(p->c, it.type, it.f, x->origin_id, &applied, &denied,
					    p->err)) && applied &&
			 !(rc = store_log_set_applied(p->c->store, x->origin_id, x->seq, p->err))) {
			if (x->record)
				p->sum->records++;
			else
				p->sum->submissions++;
		}
		free(arena);
	}
	for (i = 0; i < p->n; i++)
		free(p->v[i].payload);
	free(p->v);
	return p->rc ? p->rc : rc;
}

/* The last entry an acknowledgement vouches for, and its payload's hash:
 * the unit it goes to can tell whether that is its own log or an earlier
 * installation's. */
struct check_entry {
	int64_t seq;
	unsigned char hash[16];
};

static int take_check(const struct log_entry *e, void *ctx)
{
	struct check_entry *k = ctx;

	k->seq = e->seq;
	crypto_generichash(k->hash, sizeof k->hash, e->payload, e->len, NULL, 0);
	return 0;
}

/* Mark seq as used in the unit's own log (an entry of kind "gap" that
 * carries nothing) when the log has not reached it. */
static int skip_log_to(struct core *c, int64_t unit, int64_t seq, struct error *err)
{
	struct log_entry gap = {unit, seq, 0, "gap", "", "", 0, 1};
	int64_t last;
	int added, rc;

	if ((rc = store_log_last(c->store, unit, &last, err)) || last >= seq)
		return rc;
	return store_log_add(c->store, &gap, &added, err);
}

/* The level above holds this unit's log up to upto, vouching for entry
 * check_seq by its hash. If this database's entry there is not that one,
 * the unit's log started again here (a new installation): none of this
 * log was accepted above (every bundle of it met numbers already taken),
 * so its entries move past what is held there and go up on the next
 * report. Either way no new entry reuses a number. */
static int own_log_held(struct core *c, int64_t me, int64_t upto, int64_t check_seq,
			const unsigned char hash[16], struct error *err)
{
	struct check_entry mine = {0, {0}};
	int rc;

	if (check_seq > 0) {
		if ((rc = store_log_at_or_below(c->store, me, check_seq, take_check, &mine, err)))
			return rc;
		if (mine.seq != check_seq || memcmp(mine.hash, hash, 16) != 0) {
			int64_t last;

			if ((rc = store_log_last(c->store, me, &last, err)) ||
			    (last > 0 && (rc = store_log_renumber(c->store, me, upto, err))))
				return rc;
		}
	}
	return skip_log_to(c, me, upto, err);
}

/* What the unit above acknowledges holding of the logs this unit sends up
 * (its own and those it relays). Acknowledgements from anyone else, or
 * about other logs, are not this unit's business and are ignored; one
 * from the unit above that claims more than this unit ever sent refuses
 * the bundle, except for this unit's own log when the entry it vouches
 * for is not this database's (a new installation: see own_log_held). */
static int take_acks(struct core *c, const struct bundle *bd, int64_t sender,
		     struct bundle_summary *sum, struct error *err)
{
	int64_t me = 0, parent = 0;
	size_t i;
	int rc;

	if (bd->nacks && bd->kind != BUNDLE_PLAN)
		return error_set(err, ERR_DENIED,
			_("a report bundle carries acknowledgements; only a plan bundle from the "
			  "unit above may"));
	unit_acting(c, &me, NULL);
	if (me && (rc = store_unit_get(c->store, me, take_parent, &parent, err)))
		return rc;
	if (!me || !sender || sender != parent)
		return ERR_OK;
	for (i = 0; i < bd->nacks; i++) {
		const unsigned char *k = bd->acks + i * ACK_LEN;
		char gid[ID_LEN + 1], who[64];
		int64_t origin = 0, seq = wire_get64(k + ID_LEN), check = wire_get64(k + ID_LEN + 8);
		int64_t before = 0, sent = 0;
		int within;

		wire_get_gid(k, gid);
		if (!id_valid(gid) || seq < 0 || seq > ACK_SEQ_MAX || check < 0 || check > seq)
			return wire_damaged(err, _("acknowledgements"));
		if ((rc = store_unit_find_gid(c->store, gid, &origin, err)))
			return rc;
		if (!origin)
			continue;
		if ((within = store_unit_is_within(c->store, origin, me, err)) < 0)
			return err->code;
		if (!within)
			continue;
		if ((rc = store_log_last(c->store, origin, &sent, err)))
			return rc;
		if (seq > sent && origin != me) {
			/* This unit holds less of that log than the unit above says it
			 * sent: a new installation here. Nothing above what it holds
			 * can be relayed anyway. */
			seq = sent;
		} else if (seq > sent) {
			struct check_entry mine = {0, {0}};

			if (check > 0 &&
			    (rc = store_log_at_or_below(c->store, me, check, take_check, &mine, err)))
				return rc;
			if (check == 0 || (mine.seq == check && memcmp(mine.hash, k + ID_LEN + 16, 16) == 0)) {
				unit_label(c, gid, who);
				return error_set(err, ERR_DENIED,
					_("it acknowledges entry %lld of %s's log, which was never sent "
					  "(the log ends at %lld)"), (long long)seq, who, (long long)sent);
			}
		}
		if ((rc = store_peer_acked(c->store, sender, origin, &before, err)))
			return rc;
		if (seq > before) {
			if ((rc = store_peer_ack(c->store, sender, origin, seq, err)))
				return rc;
			sum->acks++;
		}
		if (origin == me && (rc = own_log_held(c, me, seq, check, k + ID_LEN + 16, err)))
			return rc;
	}
	return ERR_OK;
}

static int count_pending(const struct log_entry *e, void *ctx)
{
	(void)e;
	((struct bundle_summary *)ctx)->pending++;
	return 0;
}

/* A bundle made before the last one accepted from its sender is an old
 * file played again, or the sender's clock went back. It is taken only
 * if it changes nothing (an honest late copy: a later bundle carried
 * everything it did, or the acknowledgement that it was held); anything
 * it would change is refused. */
static int check_replay(struct core *c, const struct bundle *bd, int64_t sender,
			const struct bundle_summary *sum, struct error *err)
{
	int64_t last = 0;
	char made[32], before[32], who[64];
	int rc;

	if (!sender || (rc = store_sender_created(c->store, sender, &last, err)))
		return sender ? rc : ERR_OK;
	if (bd->created >= last || (sum->batches_new == 0 && sum->acks == 0))
		return ERR_OK;
	format_time(bd->created, made);
	format_time(last, before);
	unit_label(c, bd->sender_gid, who);
	return error_set(err, ERR_DENIED,
		_("it was made on %s, before the bundle from %s accepted here already (made on "
		  "%s), and would change what that one left: an old file played again, or the "
		  "sender's clock went back"), made, who, before);
}

/* One verified batch: who may relay it, then its rows. *sender is found
 * as soon as it is known (it may arrive in the first snapshot relayed). */
static int apply_batch(struct apply *a, struct bundle *bd, size_t i, int64_t *sender,
		       int *plans)
{
	struct core *c = a->c;
	struct error *err = a->err;
	struct batch *b = &bd->b[i];
	char who[64];
	int added, within, rc;

	if (!*sender && (rc = store_unit_find_gid(c->store, bd->sender_gid, sender, err)))
		return rc;
	unit_label(c, b->origin_gid, who);
	if ((rc = store_unit_find_gid(c->store, b->origin_gid, &b->origin_id, err)))
		return rc;
	if (!b->origin_id)
		return refuse(err, i, who, "%s",
			_("the unit is not known here; import the plan bundle of the unit "
			  "above it first"));
	/* A relayed batch comes from below the sender (report bundles) or
	 * from above it (plan bundles), never from the side. */
	if (*sender && b->origin_id != *sender) {
		within = bd->kind == BUNDLE_REPORT
			? store_unit_is_within(c->store, b->origin_id, *sender, err)
			: store_unit_is_within(c->store, *sender, b->origin_id, err);
		if (within < 0)
			return err->code;
		if (!within)
			return refuse(err, i, who, "%s", _("the sender may not relay this unit's batch"));
	}
	if ((rc = store_batch_add(c->store, b->origin_id, b->kind == BUNDLE_PLAN ? "plan" : "report",
				  b->first, b->last, b->whole, b->whole_len, &added, err)))
		return rc;
	a->sum->batches_new += added;
	/* A plan snapshot no newer than the one here changes nothing. A
	 * report batch is read entry by entry even when one here covers its
	 * range: an entry that reuses a number with other content must be
	 * seen, not skipped. */
	if (b->kind == BUNDLE_PLAN && added) {
		*plans = 1;
		return apply_plan(a, b, i);
	}
	return b->kind == BUNDLE_REPORT ? apply_report(a, b, i) : ERR_OK;
}

/* Verify and apply every batch, plan batches first (the tasks and
 * delegations records cite), then the sender's own key, then what the
 * sender acknowledges. A batch whose chain names a unit not known yet
 * waits for the others of its kind to bring it; the tree is at most
 * CHAIN_MAX deep, so a few rounds settle it. Inside the caller's
 * transaction: a refusal anywhere undoes all of it. */
static int apply_all(struct core *c, struct bundle *bd, int seen_before, struct bundle_summary *sum,
		     struct error *err)
{
	struct apply a = {c, sum, err};
	struct pending p = {c, sum, err, 0, NULL, 0, 0};
	struct chains ok = {NULL, 0};
	int64_t sender = 0;
	char *done = NULL;
	size_t i, waiting = 0;
	int rc = ERR_OK, plans = 0, pass, progress;

	if (bd->nb && (!(ok.v = malloc(bd->nb * sizeof *ok.v)) || !(done = calloc(bd->nb, 1)))) {
		rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		goto out;
	}
	for (pass = BUNDLE_PLAN; pass <= BUNDLE_REPORT && !waiting; pass++)
		do {
			progress = 0;
			waiting = 0;
			for (i = 0; i < bd->nb; i++) {
				if ((int)bd->b[i].kind != pass || done[i])
					continue;
				rc = verify_batch(c, bd, i, &ok, err);
				if (rc == ERR_NOTFOUND) {
					waiting++;
					continue;
				}
				if (rc || (rc = apply_batch(&a, bd, i, &sender, &plans)))
					goto out;
				wire_release(&bd->b[i]);   /* one batch in memory at a time */
				done[i] = 1;
				progress = 1;
			}
		} while (waiting && progress);
	if (waiting) {              /* err says why the last one could not go */
		rc = err->code;
		goto out;
	}
	error_clear(err);
	if (!sender && (rc = store_unit_find_gid(c->store, bd->sender_gid, &sender, err)))
		goto out;
	if ((rc = verify_sender(c, bd, err)) || (rc = take_acks(c, bd, sender, sum, err)) ||
	    (!seen_before && (rc = check_replay(c, bd, sender, sum, err))) ||
	    (sender && (rc = store_sender_created_set(c->store, sender, bd->created, err))))
		goto out;
	if (plans && (rc = retry_pending(&p)))
		goto out;
	/* What still waits, from this bundle or earlier ones. */
	rc = store_log_list(c->store, 1, count_pending, sum, err);
out:
	free(ok.v);
	free(done);
	return rc;
}

static void log_outcome(struct core *c, const char *name, const struct bundle *bd,
			const struct bundle_summary *sum, const char *outcome, const char *reason)
{
	struct bundle_log_row r;
	char at[21], summary[256];

	core_timestamp(at);
	snprintf(summary, sizeof summary,
		 "batches %ld/%ld records %ld pending %ld submissions %ld units %ld plans %ld "
		 "tasks %ld assignments %ld withdrawn %ld kept %ld", sum->batches_new, sum->batches,
		 sum->records, sum->pending, sum->submissions, sum->units, sum->plans, sum->tasks,
		 sum->assignments, sum->withdrawn, sum->kept);
	r.at = at;
	r.file = name;
	r.sender = sum->sender[0] ? sum->sender : NULL;
	r.kind = bd && bd->kind == BUNDLE_PLAN ? "plan" : bd && bd->kind == BUNDLE_REPORT ? "report"
										: NULL;
	r.outcome = outcome;
	r.reason = reason;
	r.hash = sum->hash;
	r.summary = summary;
	if (store_begin(c->store, NULL) == ERR_OK) {
		if (store_bundle_log_add(c->store, &r, NULL) || store_commit(c->store, NULL))
			store_rollback(c->store);
	}
}

static int seen_applied(const struct bundle_log_row *r, void *ctx)
{
	if (strcmp(r->outcome, "applied") == 0 || strcmp(r->outcome, "already-applied") == 0)
		*(int *)ctx = 1;
	return 0;
}

int bundle_import_data(struct core *c, const char *name, const unsigned char *data, size_t len,
		       int dry_run, struct bundle_summary *sum, struct error *err)
{
	unsigned char h[32];
	struct bundle bd;
	int rc, seen = 0;

	memset(sum, 0, sizeof *sum);
	memset(&bd, 0, sizeof bd);
	sum->bytes = len;
	crypto_generichash(h, sizeof h, data, len, NULL, 0);
	sodium_bin2hex(sum->hash, sizeof sum->hash, h, sizeof h);
	rc = read_bundle(c, data, len, &bd, err);
	if (bd.sender_gid[0])
		unit_label(c, bd.sender_gid, sum->sender);
	if (rc)
		goto refused;
	sum->kind = bd.kind;
	sum->batches = (long)bd.nb;
	if (bd.recipient_gid[0])
		unit_label(c, bd.recipient_gid, sum->recipient);
	/* The same file applied before: say so, whatever else it holds. */
	if ((rc = store_bundle_log_list(c->store, sum->hash, seen_applied, &seen, err)) ||
	    (rc = store_begin(c->store, err)))
		goto refused;
	if ((rc = apply_all(c, &bd, seen, sum, err))) {
		store_rollback(c->store);
		goto refused;
	}
	sum->already = seen == 1 || (sum->batches_new == 0 && sum->acks == 0);
	unit_label(c, bd.sender_gid, sum->sender);
	if (dry_run) {
		store_rollback(c->store);
	} else {
		/* The log row joins the change: one commit, one wait for the disk. */
		log_outcome(c, name, &bd, sum, sum->already ? "already-applied" : "applied", NULL);
		if ((rc = store_commit(c->store, err)))
			goto refused;
	}
	wire_free(&bd);
	return ERR_OK;
refused:
	if (!dry_run && !store_is_readonly(c->store))
		log_outcome(c, name, &bd, sum, "refused", err->msg);
	wire_free(&bd);
	return rc;
}

int bundle_import(struct core *c, const char *path, int dry_run, struct bundle_summary *sum,
		  struct error *err)
{
	unsigned char *data;
	size_t len;
	int rc;

	memset(sum, 0, sizeof *sum);
	if ((rc = core_read_file(path, BUNDLE_MAX, &data, &len, err))) {
		/* An oversized file is a refused bundle; an unreadable one is not
		 * a bundle at all. */
		if (rc == ERR_INVALID && !dry_run)
			log_outcome(c, path, NULL, sum, "refused", err->msg);
		return rc;
	}
	if ((rc = bundle_import_data(c, path, data, len, dry_run, sum, err)))
		error_prefix(err, "%s: ", path);
	free(data);
	return rc;
}

/* Export. */

struct collect {
	struct wire_buf raw;
	struct bundle_summary *sum;
};

static int collect_entry(const struct log_entry *e, void *ctx)
{
	struct collect *k = ctx;
	char num[24];

	/* entity, sequence, then the payload's fields as they are: its kind
	 * says how many. */
	wire_ns_str(&k->raw, e->entity);
	snprintf(num, sizeof num, "%lld", (long long)e->seq);
	wire_ns_str(&k->raw, num);
	wire_add(&k->raw, e->payload, e->len);
	if (strcmp(e->entity, "record") == 0)
		k->sum->records++;
	else
		k->sum->submissions++;
	return k->raw.failed;
}

static int collect_row(enum sync_row kind, const void *payload, size_t len, void *ctx)
{
	struct collect *k = ctx;
	long *count[] = {[SYNC_UNIT] = &k->sum->units, [SYNC_PLAN] = &k->sum->plans,
			 [SYNC_SECTION] = &k->sum->sections, [SYNC_TASK] = &k->sum->tasks,
			 [SYNC_ASSIGN] = &k->sum->assignments,
			 [SYNC_DELEGATION] = &k->sum->assignments};

	wire_ns_str(&k->raw, wire_plan_types[kind == SYNC_DELEGATION ? SYNC_ASSIGN : kind]);
	wire_ns(&k->raw, payload, len);
	(*count[kind])++;
	return k->raw.failed;
}

struct relay {
	struct wire_buf batches;
	size_t n;
};

static int relay_batch(int64_t origin_id, const char *kind, int64_t first, int64_t last,
		       const void *body, size_t len, void *ctx)
{
	struct relay *r = ctx;

	(void)origin_id, (void)kind, (void)first, (void)last;
	wire_u32(&r->batches, (uint32_t)len);
	wire_add(&r->batches, body, len);
	r->n++;
	return r->batches.failed;
}

struct acks {
	struct core *c;
	struct error *err;
	struct wire_buf b;
	size_t n;
};

static int add_ack(const char *origin_gid, int64_t origin_id, int64_t upto, void *ctx)
{
	struct acks *a = ctx;
	struct check_entry k = {0, {0}};

	if (store_log_at_or_below(a->c->store, origin_id, upto, take_check, &k, a->err))
		return 1;
	wire_gid(&a->b, origin_gid);
	wire_i64(&a->b, upto);
	wire_i64(&a->b, k.seq);
	wire_add(&a->b, k.hash, sizeof k.hash);
	a->n++;
	return a->b.failed;
}

/* The unit's own plan snapshot as a sealed batch, numbered by its plan
 * sequence: full (its plans, their assignments, its delegations) for a
 * plan bundle; for a report bundle only its delegations, and only if any. */
static int snapshot_batch(struct core *c, const struct identity *id, int64_t created,
			  int full, struct relay *r, struct bundle_summary *sum,
			  struct error *err)
{
	struct bundle_summary counts;
	struct collect k;
	char *seq_text = NULL, num[24];
	int64_t seq;
	int rc = ERR_OK, t;

	static const enum sync_row whole[] = {SYNC_UNIT, SYNC_PLAN, SYNC_SECTION, SYNC_TASK,
					      SYNC_ASSIGN};
	static const enum sync_row delegations[] = {SYNC_UNIT, SYNC_DELEGATION};

	memset(&counts, 0, sizeof counts);
	memset(&k, 0, sizeof k);
	k.sum = &counts;
	for (t = 0; t < (full ? 5 : 2); t++)
		if ((rc = store_snapshot(c->store, id->unit_id, full ? whole[t] : delegations[t],
					 collect_row, &k, err)))
			goto out;
	if (k.raw.failed) {
		rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		goto out;
	}
	if (!full && counts.assignments == 0)
		goto out;
	if ((rc = store_setting_get(c->store, "plan_seq", &seq_text, err)))
		goto out;
	seq = (seq_text ? strtoll(seq_text, NULL, 10) : 0) + 1;
	snprintf(num, sizeof num, "%lld", (long long)seq);
	if ((rc = store_setting_set(c->store, "plan_seq", num, err)) ||
	    (rc = wire_seal(&r->batches, BUNDLE_PLAN, id->unit_gid, id->pk, id->sk, id->chain,
			     id->chain_len, created, seq, seq, k.raw.p, k.raw.len, 0, err)))
		goto out;
	r->n++;
	sum->units += counts.units;
	sum->plans += counts.plans;
	sum->sections += counts.sections;
	sum->tasks += counts.tasks;
	sum->assignments += counts.assignments;
out:
	free(seq_text);
	free(k.raw.p);
	return rc;
}

int bundle_export(struct core *c, const struct bundle_export_opts *o, struct bundle_summary *sum,
		  struct error *err)
{
	struct collect k;
	struct relay r;
	struct acks a;
	struct identity id;
	struct wire_buf out = {0};
	struct period per;
	unsigned char sig[SIG_LEN];
	char to_gid[ID_LEN + 1] = "", num[24];
	int64_t to = 0, created = (int64_t)time(NULL), first = 0, last = 0, after = 0;
	long own = 0;
	int rc;

	memset(sum, 0, sizeof *sum);
	memset(&k, 0, sizeof k);
	memset(&r, 0, sizeof r);
	memset(&a, 0, sizeof a);
	a.c = c;
	a.err = err;
	k.sum = sum;
	sum->kind = o->kind;
	if (o->period && period_parse(o->period, &per))
		return error_set(err, ERR_INVALID,
			_("period '%s': write a quarter as YYYYQN, such as 2024Q2"), o->period);
	if ((rc = identity_load(c, &id, 1, err)))
		return rc;
	snprintf(sum->sender, sizeof sum->sender, "%s", id.unit_code);
	if (o->to) {
		if ((rc = core_unit_id(c, o->to, &to, err)))
			goto out;
	} else if (o->kind == BUNDLE_REPORT) {
		if ((rc = store_unit_get(c->store, id.unit_id, take_parent, &to, err)))
			goto out;
		if (!to) {
			rc = error_set(err, ERR_INVALID,
				_("unit %s has no unit above it to report to; give --to CODE"),
				id.unit_code);
			goto out;
		}
	}
	if (to && (rc = store_unit_get(c->store, to, take_code, sum->recipient, err)))
		goto out;
	/* Everything reads in one transaction: a consistent snapshot, and the
	 * plan sequence number taken atomically. */
	if ((rc = store_begin(c->store, err)))
		goto out;
	if (to && (rc = store_unit_get(c->store, to, take_gid, to_gid, err)))
		goto fail;
	if (o->kind == BUNDLE_REPORT) {
		if ((rc = store_log_last(c->store, id.unit_id, &last, err)))
			goto fail;
		if (o->period) {
			first = -(int64_t)(per.year * 10 + per.quarter);
		} else {
			if (to && (rc = store_peer_acked(c->store, to, id.unit_id, &after, err)))
				goto fail;
			first = after + 1;
		}
		period_format(per, num);
		if ((rc = store_log_since(c->store, id.unit_id, o->period ? 0 : after,
					  o->period ? num : NULL, collect_entry, &k, err)))
			goto fail;
		if (k.raw.failed || k.raw.len > BATCH_RAW_MAX) {
			rc = error_set(err, ERR_INVALID,
				_("the bundle would hold more than %d MiB; export one period at a time"),
				BATCH_RAW_MAX >> 20);
			goto fail;
		}
		/* The delegations this unit made, its records, and what it relays
		 * from below: delegations first, as the level above checks the
		 * records of delegates against them. */
		if ((rc = snapshot_batch(c, &id, created, 0, &r, sum, err)))
			goto fail;
		if ((first < 0 ? k.raw.len > 0 : last >= first) &&
		    (rc = wire_seal(&r.batches, BUNDLE_REPORT, id.unit_gid, id.pk, id.sk, id.chain,
				     id.chain_len, created, first, last,
				     k.raw.p ? k.raw.p : (const unsigned char *)"", k.raw.len, 0, err)))
			goto fail;
		if (first < 0 ? k.raw.len > 0 : last >= first)
			r.n++;
		own = (long)r.n;
		if ((rc = store_batch_relay(c->store, id.unit_id, to, "plan-below", relay_batch, &r,
					    err)) ||
		    (rc = store_batch_relay(c->store, id.unit_id, to, "report", relay_batch, &r, err)))
			goto fail;
	} else {
		/* The snapshots of the units above first: issuers before
		 * delegators. */
		if ((rc = store_batch_relay(c->store, id.unit_id, 0, "plan", relay_batch, &r, err)))
			goto fail;
		own = -(long)r.n;
		if ((rc = snapshot_batch(c, &id, created, 1, &r, sum, err)) ||
		    (rc = store_ack_list(c->store, to ? to : id.unit_id, add_ack, &a, err)))
			goto fail;
		own += (long)r.n;
	}
	if (r.batches.failed || a.b.failed) {
		rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		goto fail;
	}
	/* With a batch of its own, the sender's chain is in it already. */
	wire_head(&out, BUNDLE_SCHEMA, o->kind, created, id.unit_gid,
		      to_gid[0] ? to_gid : NULL, id.pk, own ? 0 : id.chain_len / CERT_LEN, a.n, r.n);
	if (!own)
		wire_add(&out, id.chain, id.chain_len);
	wire_add(&out, a.b.p, a.b.len);
	wire_add(&out, r.batches.p, r.batches.len);
	if (out.failed) {
		rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		goto fail;
	}
	crypto_sign_detached(sig, NULL, out.p, out.len, id.sk);
	wire_add(&out, sig, SIG_LEN);
	sum->batches = (long)r.n;
	sum->relayed = (long)r.n - own;
	sum->bytes = out.len;
	if (out.failed || out.len > BUNDLE_MAX) {
		rc = error_set(err, out.failed ? ERR_NOMEM : ERR_INVALID,
			_("the bundle would be larger than %d MiB; export one period at a time"),
			BUNDLE_MAX >> 20);
		goto fail;
	}
	if ((rc = core_write_file(o->path, out.p, out.len, err)))
		goto fail;
	/* Read back what is on disk and check it as a recipient would. */
	{
		unsigned char *back = malloc(out.len);
		struct bundle bd;
		FILE *f = fopen(o->path, "rb");
		size_t n = back && f ? fread(back, 1, out.len + 1, f) : 0;

		if (f)
			fclose(f);
		memset(&bd, 0, sizeof bd);
		if (n != out.len || memcmp(back, out.p, out.len) != 0) {
			rc = error_set(err, ERR_IO, _("%s: what was written reads back differently"),
				       o->path);
		} else {
			/* What the file holds, relayed batches included, as
			 * inspect will say. */
			sum->units = sum->plans = sum->sections = sum->tasks = 0;
			sum->assignments = sum->submissions = sum->records = 0;
			if (wire_layout(back, n, &bd, err) || wire_check_sizes(&bd, err) ||
			    check_trust(c, &bd, sum, err))
				rc = error_prefix(err, _("%s: the written bundle does not verify: "),
						  o->path);
		}
		wire_free(&bd);
		free(back);
		if (rc) {
			unlink(o->path);
			goto fail;
		}
	}
	if ((rc = store_commit(c->store, err)))
		goto out;
	goto out;
fail:
	store_rollback(c->store);
out:
	sodium_memzero(id.sk, sizeof id.sk);
	free(k.raw.p);
	free(r.batches.p);
	free(a.b.p);
	free(out.p);
	return rc;
}

/* Inspect, log, dump, audit. */

int bundle_inspect(struct core *c, const char *path, struct bundle_summary *sum,
		   char verdict[768], batch_info_fn fn, void *ctx, struct error *err)
{
	unsigned char *data;
	struct bundle bd;
	struct error why;
	size_t n, i;
	int rc;

	memset(sum, 0, sizeof *sum);
	memset(&bd, 0, sizeof bd);
	verdict[0] = '\0';
	if ((rc = core_read_file(path, BUNDLE_MAX, &data, &n, err)))
		return rc;
	sum->bytes = n;
	if ((rc = wire_layout(data, n, &bd, err)) || (rc = wire_check_sizes(&bd, err))) {
		free(data);
		wire_free(&bd);
		return error_prefix(err, "%s: ", path);
	}
	sum->kind = bd.kind;
	sum->batches = (long)bd.nb;
	unit_label(c, bd.sender_gid, sum->sender);
	if (bd.recipient_gid[0])
		unit_label(c, bd.recipient_gid, sum->recipient);
	/* The verdict is an import's, tried and undone: trust, content and
	 * authority, against the tree as this bundle would leave it. A
	 * read-only database can only have the signatures and chains checked
	 * against the tree it has. A failure is the verdict, not an error. */
	error_clear(&why);
	if (!store_is_readonly(c->store)) {
		struct bundle_summary dry;

		bundle_import_data(c, path, data, n, 1, &dry, &why);
		for (i = 0; i < bd.nb && !why.code; i++)
			if (wire_inflate(&bd.b[i], i, &why) || wire_parse_batch(&bd.b[i], i, &why))
				break;
	} else {
		check_trust(c, &bd, NULL, &why);
	}
	snprintf(verdict, 768, "%s", why.code ? why.msg : "");
	for (i = 0; i < bd.nb; i++) {
		struct bundle_batch_info b;

		memset(&b, 0, sizeof b);
		unit_label(c, bd.b[i].origin_gid, b.origin);
		b.kind = bd.b[i].kind;
		b.first = bd.b[i].first;
		b.last = bd.b[i].last;
		b.raw = bd.b[i].raw_len;
		b.comp = bd.b[i].comp_len;
		b.entries = (long)bd.b[i].nitems;
		count_items(&bd.b[i], sum);
		if (fn && (rc = fn(&b, ctx)))
			break;
	}
	sum->acks = (long)bd.nacks;
	wire_free(&bd);
	free(data);
	return rc;
}

int bundle_log(struct core *c, bundle_log_fn fn, void *ctx, struct error *err)
{
	return store_bundle_log_list(c->store, NULL, fn, ctx, err);
}

int bundle_dump(struct core *c, int records_only, dump_fn fn, void *ctx, struct error *err)
{
	return store_dump(c->store, records_only, fn, ctx, err);
}

struct lines {
	char **v;
	size_t n, cap;
	int failed;
};

static int keep_line(const char *line, void *ctx)
{
	struct lines *l = ctx;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		char **v = realloc(l->v, cap * sizeof *v);

		if (!v)
			return l->failed = 1;
		l->v = v;
		l->cap = cap;
	}
	if (!(l->v[l->n] = strdup(line)))
		return l->failed = 1;
	l->n++;
	return 0;
}

static void lines_free(struct lines *l)
{
	while (l->n)
		free(l->v[--l->n]);
	free(l->v);
}

static int replay_entry(const struct log_entry *e, void *ctx)
{
	struct pending *p = ctx;
	struct item it;
	char *arena = malloc(e->len + 1), *mem = arena;
	int applied = 0;

	char origin[ID_LEN + 1] = "";

	if (strcmp(e->entity, "gap") == 0) {    /* a number skipped, nothing to replay */
		free(arena);
		return 0;
	}
	memset(&it, 0, sizeof it);
	it.type = strcmp(e->entity, "record") == 0 ? ITEM_RECORD : SYNC_SUBMISSION;
	store_unit_get(p->c->store, e->origin_id, take_gid, origin, NULL);
	if (!arena)
		return p->rc = error_set(p->err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	if (wire_payload(&it, e->payload, e->len, &mem, origin))
		p->rc = error_set(p->err, ERR_CORRUPT, _("record log entry %lld of unit %lld is "
						       "malformed"), (long long)e->seq,
				  (long long)e->origin_id);
	else if (it.type == ITEM_RECORD)
		p->rc = store_apply_record(p->c->store, it.f, &applied, p->err);
	else
		p->rc = store_apply_submission(p->c->store, it.f, &applied, p->err);
	free(arena);
	return p->rc;
}

int bundle_audit(struct core *c, long *rows, long *differences, struct error *err)
{
	struct lines live = {0}, rebuilt = {0};
	struct pending p = {c, NULL, err, 0, NULL, 0, 0};
	size_t i = 0, j = 0;
	int rc;

	*rows = *differences = 0;
	if ((rc = store_begin(c->store, err)))
		return rc;
	if ((rc = store_dump(c->store, 1, keep_line, &live, err)) ||
	    (rc = store_audit_clear(c->store, err)) ||
	    (rc = store_log_list(c->store, 0, replay_entry, &p, err)) ||
	    (rc = store_dump(c->store, 1, keep_line, &rebuilt, err)))
		goto out;
	if (live.failed || rebuilt.failed) {
		rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		goto out;
	}
	/* Both sorted: count the lines only one side has. */
	while (i < live.n || j < rebuilt.n) {
		int cmp = i == live.n ? 1 : j == rebuilt.n ? -1 : strcmp(live.v[i], rebuilt.v[j]);

		*differences += cmp != 0;
		i += cmp <= 0;
		j += cmp >= 0;
	}
	*rows = (long)live.n;
out:
	store_rollback(c->store);   /* the audit never changes anything */
	lines_free(&live);
	lines_free(&rebuilt);
	return p.rc ? p.rc : rc;
}
