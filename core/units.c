/* units.c - see units.h. The tree changes (the 2025 reorganisation merged
 * provinces and abolished districts), so every change is kept in the unit's
 * history and nothing a unit reported is ever reassigned. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/id.h"
#include "core/internal.h"
#include "core/limits.h"
#include "core/text.h"
#include "core/units.h"
#include "db/i18n.h"

static const char *const kinds[] = {
	"province", "department", "district", "commune", "office", "other",
};

int unit_kind_valid(const char *kind)
{
	size_t i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return 1;
	return 0;
}

/* Codes are what officers type: short, ASCII, no spaces. */
static int check_code(const char *code, struct error *err)
{
	const char *p;

	if (!code[0] || strlen(code) > 32)
		goto bad;
	for (p = code; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.'))
			goto bad;
	return ERR_OK;
bad:
	return error_set(err, ERR_INVALID,
		_("unit code '%s': use 1 to 32 letters, digits, '-', '_' or '.'"), code);
}

int unit_add(struct core *c, const char *code, const char *name, const char *parent_code,
	     const char *kind, struct error *err)
{
	char gid[ID_LEN + 1], *clean = NULL, *fold = NULL;
	int64_t parent = 0, exists = 0;
	int rc;

	if (!kind)
		kind = "other";
	if ((rc = check_code(code, err)))
		return rc;
	if (!unit_kind_valid(kind))
		return error_set(err, ERR_INVALID,
			_("unit kind '%s': use province, department, district, commune, office or other"),
			kind);
	if ((rc = core_clean_text(name, _("unit name"), 1, UNIT_NAME_MAX, &clean, err)))
		return rc;
	if (!(fold = text_fold(clean))) {
		rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		goto out;
	}
	if ((rc = store_begin(c->store, err)))
		goto out;
	if (parent_code && (rc = core_unit_id(c, parent_code, &parent, err)))
		goto fail;
	if (core_unit_id(c, code, &exists, NULL) == ERR_OK) {
		rc = error_set(err, ERR_EXISTS, _("a unit with code '%s' already exists"), code);
		goto fail;
	}
	id_random(gid);
	if ((rc = store_unit_insert(c->store, gid, code, clean, fold, kind, parent, NULL, err)) ||
	    (rc = store_commit(c->store, err)))
		goto fail;
	goto out;
fail:
	store_rollback(c->store);
out:
	free(clean);
	free(fold);
	return rc;
}

/* The kind a heading's first words give, and how many words they are. */
static const struct {
	const char *fold, *kind;
	int words, place;   /* place: a place name, every word capitalised */
} heading_kinds[] = {
	{"tinh", "province", 1, 1},
	{"thanh pho", "province", 2, 1},  /* after 2025 no district is a city */
	{"so", "department", 1, 0},
	{"ban", "department", 1, 0},
	{"xa", "commune", 1, 1},
	{"phuong", "commune", 1, 1},
	{"dac khu", "commune", 2, 1},
	{"thi tran", "commune", 2, 1},
	{"huyen", "district", 1, 1},
	{"quan", "district", 1, 1},
	{"thi xa", "district", 2, 1},
};

int unit_add_from_heading(struct core *c, const char *heading, const char *parent_code,
			  struct unit_made *out, struct error *err)
{
	struct folded f = {0};
	const char *key, *name;
	size_t skip = 0, i, n = 0;
	int place = 0, rc;

	memset(out, 0, sizeof *out);
	out->kind = "other";
	if (text_fold_map(heading, &f) != 0)
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	/* The people's committee is known by its place. */
	key = f.s;
	while (*key == ' ')
		key++;
	if (strncmp(key, "uy ban nhan dan ", 16) == 0)
		skip = 16;
	else if (strncmp(key, "ubnd ", 5) == 0)
		skip = 5;
	key += skip;
	for (i = 0; i < sizeof heading_kinds / sizeof heading_kinds[0]; i++) {
		size_t len = strlen(heading_kinds[i].fold);

		if (strncmp(key, heading_kinds[i].fold, len) == 0 && key[len] == ' ') {
			out->kind = heading_kinds[i].kind;
			place = heading_kinds[i].place;
			break;
		}
	}
	/* The code: the initials of the words after a place's kind word ("tinh
	 * khanh hoa" -> KH), of every word otherwise ("so noi vu" -> SNV). */
	{
		const char *w = key;
		int words_left = place ? heading_kinds[i].words : 0;

		while (*w && n < 12) {
			while (*w == ' ')
				w++;
			if (!*w)
				break;
			if (words_left > 0)
				words_left--;
			else if ((*w >= 'a' && *w <= 'z') || (*w >= '0' && *w <= '9'))
				out->code[n++] = (char)(*w >= 'a' ? *w - 'a' + 'A' : *w);
			w += strcspn(w, " ");
		}
	}
	if (n == 0)
		out->code[n++] = 'U';
	out->code[n] = '\0';
	if (parent_code) {
		char own[16];

		memcpy(own, out->code, n + 1);     /* n <= 12 */
		snprintf(out->code, sizeof out->code, "%.20s-%s", parent_code, own);
	}
	name = heading + f.map[(size_t)(key - f.s)];
	out->name = text_name_case(name, place);
	text_folded_free(&f);
	if (!out->name)
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	if ((rc = unit_add(c, out->code, out->name, parent_code, out->kind, err)) ||
	    (rc = unit_use(c, out->code, err))) {
		free(out->name);
		out->name = NULL;
	}
	return rc;
}

int unit_walk(struct core *c, unit_fn fn, void *ctx, struct error *err)
{
	return store_unit_walk(c->store, fn, ctx, err);
}

int unit_get(struct core *c, const char *code, unit_fn fn, void *ctx, struct error *err)
{
	int64_t id;
	int rc;

	if ((rc = core_unit_id(c, code, &id, err)))
		return rc;
	return store_unit_get(c->store, id, fn, ctx, err);
}

int unit_use(struct core *c, const char *code, struct error *err)
{
	int64_t id;
	int rc;

	if ((rc = core_unit_id(c, code, &id, err)))
		return rc;
	return store_setting_set(c->store, "acting_unit", code, err);
}

int unit_acting_code(struct core *c, char **code, struct error *err)
{
	return store_setting_get(c->store, "acting_unit", code, err);
}

int core_unit_or_acting(struct core *c, const char **unit, char **acting, struct error *err)
{
	int rc;

	if (*unit)
		return ERR_OK;
	if ((rc = unit_acting_code(c, acting, err)))
		return rc;
	if (!*acting)
		return error_set(err, ERR_NOTFOUND,
			_("no acting unit is set; choose one with 'dondoc unit use CODE' or give --unit"));
	*unit = *acting;
	return ERR_OK;
}

int64_t core_author(struct core *c, int64_t fallback)
{
	char *acting = NULL;
	int64_t author = 0;

	if (unit_acting_code(c, &acting, NULL) || !acting ||
	    core_unit_id(c, acting, &author, NULL) != ERR_OK)
		author = fallback;
	free(acting);
	return author;
}

int unit_acting(struct core *c, int64_t *id, struct error *err)
{
	char *code = NULL;
	int rc;

	*id = 0;
	if ((rc = unit_acting_code(c, &code, err)))
		return rc;
	if (!code)
		return error_set(err, ERR_NOTFOUND,
			_("no acting unit is set; choose one with 'dondoc unit use CODE' or give --unit"));
	rc = core_unit_id(c, code, id, err);
	free(code);
	return rc;
}

/* The unit's current row, copied. */
struct unit_copy {
	int64_t id, parent_id, successor_id;
	int active;
	char *name, *parent_code;
};

static int copy_unit(const struct unit *u, void *ctx)
{
	struct unit_copy *k = ctx;

	k->id = u->id;
	k->parent_id = u->parent_id;
	k->successor_id = u->successor_id;
	k->active = u->active;
	k->name = strdup(u->name);
	k->parent_code = u->parent_code ? strdup(u->parent_code) : NULL;
	return 0;
}

static int load(struct core *c, const char *code, struct unit_copy *k, struct error *err)
{
	int rc;

	memset(k, 0, sizeof *k);
	if ((rc = unit_get(c, code, copy_unit, k, err)))
		return rc;
	if (!k->name)
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	return ERR_OK;
}

static void unload(struct unit_copy *k)
{
	free(k->name);
	free(k->parent_code);
}

int unit_rename(struct core *c, const char *code, const char *name, struct error *err)
{
	char at[21], *clean = NULL, *fold = NULL;
	struct unit_copy k;
	int rc;

	if ((rc = core_clean_text(name, _("unit name"), 1, UNIT_NAME_MAX, &clean, err)))
		return rc;
	if ((rc = store_begin(c->store, err)))
		goto out;
	if ((rc = load(c, code, &k, err)))
		goto fail;
	core_timestamp(at);
	if (!(fold = text_fold(clean)))
		rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	else if (!(rc = store_unit_update(c->store, k.id, clean, fold, k.parent_id, err)) &&
		 !(rc = store_unit_history_add(c->store, k.id, at, "rename", k.name, clean, err)))
		rc = store_commit(c->store, err);
	unload(&k);
	if (!rc)
		goto out;
fail:
	store_rollback(c->store);
out:
	free(clean);
	free(fold);
	return rc;
}

/* The time a change is recorded at: its effective day, or now. */
static void change_time(const char *day, char at[21])
{
	if (day)
		snprintf(at, 21, "%.10sT00:00:00Z", day);
	else
		core_timestamp(at);
}

int unit_move(struct core *c, const char *code, const char *parent_code, const char *day,
	      struct error *err)
{
	struct unit_copy k;
	int64_t parent = 0;
	char at[21], *fold = NULL;
	int rc, within;

	if ((rc = store_begin(c->store, err)))
		return rc;
	if ((rc = load(c, code, &k, err)))
		goto fail;
	if (parent_code && (rc = core_unit_id(c, parent_code, &parent, err)))
		goto done;
	if (parent) {
		within = store_unit_is_within(c->store, parent, k.id, err);
		if (within < 0) {
			rc = -within;
			goto done;
		}
		if (within) {
			rc = error_set(err, ERR_INVALID,
				_("cannot move '%s' under '%s': '%s' is inside it"),
				code, parent_code, parent_code);
			goto done;
		}
	}
	change_time(day, at);
	if (!(fold = text_fold(k.name)))
		rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	else if (!(rc = store_unit_update(c->store, k.id, k.name, fold, parent, err)) &&
		 !(rc = store_unit_history_add(c->store, k.id, at, "move", k.parent_code,
					       parent_code, err)))
		rc = store_commit(c->store, err);
done:
	unload(&k);
	free(fold);
	if (!rc)
		return ERR_OK;
fail:
	store_rollback(c->store);
	return rc;
}

int unit_merge(struct core *c, const char *code, const char *into_code, const char *day,
	       struct error *err)
{
	struct unit_copy k;
	int64_t into = 0;
	char at[21];
	int rc, within;

	if (strcmp(code, into_code) == 0)
		return error_set(err, ERR_INVALID, _("cannot merge '%s' into itself"), code);
	if ((rc = store_begin(c->store, err)))
		return rc;
	if ((rc = load(c, code, &k, err)))
		goto fail;
	if (!k.active) {
		rc = error_set(err, ERR_INVALID, _("'%s' was already merged into another unit"), code);
		goto done;
	}
	if ((rc = core_unit_id(c, into_code, &into, err)))
		goto done;
	within = store_unit_is_within(c->store, into, k.id, err);
	if (within < 0) {
		rc = -within;
		goto done;
	}
	if (within) {
		rc = error_set(err, ERR_INVALID, _("cannot merge '%s' into '%s', which is inside it"),
			       code, into_code);
		goto done;
	}
	change_time(day, at);
	if (!(rc = store_unit_retire(c->store, k.id, into, err)) &&
	    !(rc = store_unit_history_add(c->store, k.id, at, "merge", code, into_code, err)))
		rc = store_commit(c->store, err);
done:
	unload(&k);
	if (!rc)
		return ERR_OK;
fail:
	store_rollback(c->store);
	return rc;
}
