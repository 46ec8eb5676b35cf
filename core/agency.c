/* agency.c - see agency.h. Matching is done on folded text (case and
 * diacritics ignored, "Sở" = "so"), at word boundaries, longest name first,
 * and cut from the original text through the fold map so what is kept is
 * what the document says. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/agency.h"
#include "core/date.h"
#include "core/internal.h"
#include "core/limits.h"
#include "core/text.h"
#include "core/units.h"
#include "db/i18n.h"

struct agency_dir {
	struct agency_entry *v;
	size_t n, cap;
	char **strings;             /* owned names and kinds */
	size_t nstrings, capstrings;
};

static char *keep(struct agency_dir *d, char *s)
{
	if (!s)
		return NULL;
	if (d->nstrings == d->capstrings) {
		size_t cap = d->capstrings ? d->capstrings * 2 : 64;
		char **v = realloc(d->strings, cap * sizeof *v);

		if (!v) {
			free(s);
			return NULL;
		}
		d->strings = v;
		d->capstrings = cap;
	}
	d->strings[d->nstrings++] = s;
	return s;
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static void warn(agency_warn_fn fn, void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void warn(agency_warn_fn fn, void *ctx, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (!fn)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	fn(buf, ctx);
}

/* One line "KIND <TAB> NAME | ALIAS ...". 0 ok, -1 out of memory, 1 bad line. */
/* "since:2025-03-01 <TAB> OLD NAME > NEW NAME": the old agency was merged
 * into the new one on that day. Both must be in the directory already. */
static int parse_since(struct agency_dir *d, const char *file, int lineno, const char *day,
		       char *names, agency_warn_fn wfn, void *ctx)
{
	struct agency_entry *old;
	const struct agency_entry *new;
	char *gt = strchr(names, '>');
	struct date unused;

	if (strlen(day) != 10 || date_parse(day, &unused) != 0) {
		warn(wfn, ctx, _("%s:%d: 'since:' needs a day as YYYY-MM-DD"), file, lineno);
		return 1;
	}
	if (!gt) {
		warn(wfn, ctx, _("%s:%d: write a merge as OLD NAME > NEW NAME"), file, lineno);
		return 1;
	}
	*gt = '\0';
	old = (struct agency_entry *)agency_lookup(d, trim(names));
	new = agency_lookup(d, trim(gt + 1));
	if (!old || !new || old == new) {
		warn(wfn, ctx, _("%s:%d: '%s' and '%s' must be two agencies listed above"), file,
		     lineno, trim(names), trim(gt + 1));
		return 1;
	}
	old->successor = new->name;
	memcpy(old->since, day, sizeof old->since);
	return 0;
}

static int parse_line(struct agency_dir *d, const char *file, int lineno, char *line,
		      agency_warn_fn wfn, void *ctx)
{
	struct agency_entry e;
	char *kind, *names, *name, *save = NULL;
	size_t split = strcspn(line, " \t");

	memset(&e, 0, sizeof e);
	if (!line[split]) {
		warn(wfn, ctx, _("%s:%d: a kind and a name are needed"), file, lineno);
		return 1;
	}
	line[split] = '\0';
	kind = line;
	names = trim(line + split + 1);
	if (!text_is_utf8(names)) {
		warn(wfn, ctx, _("%s:%d: not valid UTF-8 text"), file, lineno);
		return 1;
	}
	if (strncmp(kind, "since:", 6) == 0)
		return parse_since(d, file, lineno, kind + 6, names, wfn, ctx);
	if (strncmp(kind, "group:", 6) == 0) {
		e.group = 1;
		kind += 6;
	}
	if (!unit_kind_valid(kind)) {
		warn(wfn, ctx, _("%s:%d: unknown kind '%s'"), file, lineno, kind);
		return 1;
	}
	if (!(e.kind = keep(d, strdup(kind))))
		return -1;
	for (name = strtok_r(names, "|", &save); name; name = strtok_r(NULL, "|", &save)) {
		char **v, *folded_name;

		name = trim(name);
		if (!*name)
			continue;
		if (!e.name && !(e.name = keep(d, text_nfc(name))))
			return -1;
		if (!(folded_name = keep(d, text_fold(name))))
			return -1;
		if (!(v = realloc(e.aliases, (e.naliases + 1) * sizeof *v))) {
			free(e.aliases);
			return -1;
		}
		e.aliases = v;
		e.aliases[e.naliases++] = folded_name;
	}
	if (!e.name) {
		warn(wfn, ctx, _("%s:%d: a kind and a name are needed"), file, lineno);
		free(e.aliases);
		return 1;
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		struct agency_entry *v = realloc(d->v, cap * sizeof *v);

		if (!v) {
			free(e.aliases);
			return -1;
		}
		d->v = v;
		d->cap = cap;
	}
	d->v[d->n++] = e;
	return 0;
}

int agency_dir_load(struct agency_dir **out, const char *const *files, size_t nfiles,
		    agency_warn_fn wfn, void *ctx, struct error *err)
{
	struct agency_dir *d = calloc(1, sizeof *d);
	size_t i;

	*out = NULL;
	if (!d)
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	for (i = 0; i < nfiles; i++) {
		struct stat st;
		struct error why;
		unsigned char *data;
		char *line = NULL;
		size_t cap = 0, len;
		int lineno = 0;
		FILE *f;

		if (stat(files[i], &st) != 0 && errno == ENOENT)
			continue;
		/* Bounded: a directory is a few hundred lines, and a file that is
		 * not one (a link to /dev/zero) must not take all memory. */
		error_clear(&why);
		if (core_read_file(files[i], AGENCY_FILE_MAX, &data, &len, &why)) {
			warn(wfn, ctx, "%s", why.msg);
			continue;
		}
		if (!(f = fmemopen(data, len + 1, "r"))) {
			free(data);
			agency_dir_free(d);
			return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		}
		while (getline(&line, &cap, f) != -1) {
			char *l;

			lineno++;
			line[strcspn(line, "\n")] = '\0';
			l = trim(line);
			if (!*l || *l == '#')
				continue;
			if (parse_line(d, files[i], lineno, l, wfn, ctx) < 0) {
				free(line);
				fclose(f);
				free(data);
				agency_dir_free(d);
				return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
			}
		}
		free(line);
		fclose(f);
		free(data);
	}
	*out = d;
	return ERR_OK;
}

void agency_dir_free(struct agency_dir *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->n; i++)
		free(d->v[i].aliases);
	for (i = 0; i < d->nstrings; i++)
		free(d->strings[i]);
	free(d->v);
	free(d->strings);
	free(d);
}

const struct agency_entry *agency_lookup(const struct agency_dir *d, const char *s)
{
	char *f = text_fold(s);
	size_t i, k;

	if (!f)
		return NULL;
	for (i = 0; i < d->n; i++)
		for (k = 0; k < d->v[i].naliases; k++)
			if (strcmp(d->v[i].aliases[k], f) == 0) {
				free(f);
				return &d->v[i];
			}
	free(f);
	return NULL;
}

const struct agency_entry *agency_as_of(const struct agency_dir *d,
					const struct agency_entry *e, const char *day)
{
	int hops;

	/* Bounded: a local file could make a merge loop. */
	for (hops = 0; e && e->successor && day && day[0] && hops < 8; hops++) {
		if (strcmp(day, e->since) < 0)
			break;
		e = agency_lookup(d, e->successor);
	}
	return e;
}

/* ------------------------------------------------------------ matching */

static int word_char(char c)
{
	return isalnum((unsigned char)c) || (unsigned char)c >= 0x80 || c == '&';
}

struct match {
	size_t start, end;          /* folded offsets */
	const struct agency_entry *entry;
};

/* The longest directory name at folded offset i, if any. */
static int match_at(const struct agency_dir *d, const char *f, size_t i, struct match *m)
{
	size_t k, a, best = 0;

	if (i > 0 && word_char(f[i - 1]))
		return 0;
	for (k = 0; k < d->n; k++) {
		for (a = 0; a < d->v[k].naliases; a++) {
			const char *al = d->v[k].aliases[a];
			size_t n = strlen(al);

			if (n > best && strncmp(f + i, al, n) == 0 && !word_char(f[i + n])) {
				best = n;
				m->entry = &d->v[k];
			}
		}
	}
	if (!best)
		return 0;
	m->start = i;
	m->end = i + best;
	return 1;
}

static int add(struct agency_list *l, enum agency_role role, const struct agency_entry *e,
	       const char *text, size_t len)
{
	size_t i;
	char *t;

	for (i = 0; i < l->n; i++) {
		if (e && l->v[i].entry == e) {
			if (role == ROLE_LEAD)
				l->v[i].role = ROLE_LEAD;   /* lead wins over coordinating */
			return 0;
		}
		if (!e && !l->v[i].entry && strlen(l->v[i].text) == len &&
		    strncmp(l->v[i].text, text, len) == 0)
			return 0;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct agency_mention *v = realloc(l->v, cap * sizeof *v);

		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	if (!(t = strndup(text, len)))
		return -1;
	l->v[l->n].role = role;
	l->v[l->n].entry = e;
	l->v[l->n].text = t;
	l->n++;
	return 0;
}

int agency_list_add(struct agency_list *l, enum agency_role role, const struct agency_entry *e,
		    const char *text)
{
	return add(l, role, e, text, strlen(text));
}

void agency_list_clear(struct agency_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* "Các Sở: Kế hoạch và Đầu tư, Tài chính" names "Sở Kế hoạch và Đầu tư" and
 * "Sở Tài chính": write the list out in full. */
static char *expand_cac_so(const char *s)
{
	struct folded f;
	const char *p;
	char *out = NULL, *items, *item, *save = NULL;
	size_t at, cap;

	if (text_fold_map(s, &f) < 0)
		return NULL;
	p = strstr(f.s, "cac so:");
	if (!p) {
		text_folded_free(&f);
		return strdup(s);
	}
	at = f.map[(size_t)(p - f.s) + strlen("cac so:")];
	/* Each item of at least one byte and its separator grow by at most
	 * ", Sở " (7 bytes): four times the text is always enough. */
	cap = strlen(s) * 4 + 64;
	items = strdup(s + at);
	if (items && (out = malloc(cap))) {
		size_t len = (size_t)snprintf(out, cap, "%.*s", (int)f.map[p - f.s], s);

		for (item = strtok_r(items, ",;", &save); item; item = strtok_r(NULL, ",;", &save)) {
			item = trim(item);
			if (*item && len < cap)
				len += (size_t)snprintf(out + len, cap - len, "%sSở %s", len ? ", " : "",
							item);
		}
	}
	free(items);
	text_folded_free(&f);
	return out;
}

static int is_filler(const char *f, size_t len)
{
	static const char *const fillers[] = {
		"va", "cac co quan", "don vi", "cac don vi", "co quan", "lien quan", "co lien quan",
		"cac co quan lien quan", "cac co quan, don vi lien quan", "cac don vi lien quan",
		"dia phuong", "cac dia phuong", "thuc hien", "va cac co quan lien quan",
	};
	size_t i;

	for (i = 0; i < sizeof fillers / sizeof fillers[0]; i++)
		if (strlen(fillers[i]) == len && strncmp(fillers[i], f, len) == 0)
			return 1;
	return 0;
}

/* With keep_rest, what is left between separators that looks like a name
 * is kept as written; without, only the directory's names count. */
static int read_cell(const struct agency_dir *d, const char *cell, enum agency_role role,
		     int keep_rest, struct agency_list *out)
{
	char *text = expand_cac_so(cell);
	struct folded f;
	size_t i, seg = 0, rest_from = (size_t)-1;
	int rc = 0;

	if (!text)
		return -1;
	if (text_fold_map(text, &f) < 0) {
		free(text);
		return -1;
	}
	/* Walk the cell: directory names, and between separators whatever is
	 * left that looks like a name (kept as written). */
	for (i = 0; i <= f.len && rc == 0;) {
		struct match m;

		if (i < f.len && match_at(d, f.s, i, &m)) {
			rc = add(out, role, m.entry, text + f.map[m.start], f.map[m.end] - f.map[m.start]);
			i = m.end;
			seg = i;
			rest_from = (size_t)-1;
			continue;
		}
		if (keep_rest && (i == f.len || f.s[i] == ',' || f.s[i] == ';' ||
				  text[f.map[i]] == '\n')) {
			size_t a = seg, b = i;

			while (a < b && (f.s[a] == ' ' || f.s[a] == '-' || f.s[a] == ','))
				a++;
			while (b > a && (f.s[b - 1] == ' ' || f.s[b - 1] == '.'))
				b--;
			if (b > a && !is_filler(f.s + a, b - a)) {
				const char *orig = text + f.map[a];
				size_t olen = f.map[b] - f.map[a];

				/* A name starts with a capital letter; after a comma, a
				 * part in lower case goes on the name before it ("Phòng
				 * Tổ chức, biên chế"). */
				if (isupper((unsigned char)orig[0]) || (unsigned char)orig[0] >= 0xc3) {
					rc = add(out, role, NULL, orig, olen);
					rest_from = out->n && !out->v[out->n - 1].entry ? a : (size_t)-1;
				} else if (rest_from != (size_t)-1 && out->n) {
					char *t = strndup(text + f.map[rest_from],
							  f.map[b] - f.map[rest_from]);

					if (!t)
						rc = -1;
					else {
						free(out->v[out->n - 1].text);
						out->v[out->n - 1].text = t;
					}
				}
			}
			if (i < f.len && f.s[i] != ',')
				rest_from = (size_t)-1;
			seg = i + 1;
		}
		i++;
	}
	text_folded_free(&f);
	free(text);
	return rc;
}

int agency_read_cell(const struct agency_dir *d, const char *cell, enum agency_role role,
		     struct agency_list *out)
{
	return read_cell(d, cell, role, 1, out);
}

int agency_read_names(const struct agency_dir *d, const char *text, enum agency_role role,
		      struct agency_list *out)
{
	return read_cell(d, text, role, 0, out);
}

/* ------------------------------------------------------------ prose */

static const char *find_in(const char *s, size_t from, size_t to, const char *w)
{
	const char *p = s + from;

	while ((p = strstr(p, w)) && (size_t)(p - s) < to) {
		size_t at = (size_t)(p - s);

		if ((at == 0 || !word_char(s[at - 1])) && !word_char(s[at + strlen(w)]))
			return p;
		p++;
	}
	return NULL;
}

/* Between two agencies of one list there are only separators and filler
 * ("Sở A, Sở B và các cơ quan liên quan"). */
static int gap_ok(const char *f, size_t a, size_t b)
{
	static const char *const words[] = {
		"va", "voi", "cac", "co", "quan", "don", "vi", "lien", "dia", "phuong", "khac",
		"thuoc", "truc", "nganh", "ban", "hop", "phoi", "chu", "tri", "tinh",
	};
	size_t i = a, k;

	while (i < b) {
		size_t start;

		if (!word_char(f[i])) {
			if (!strchr(" ,;:-&", f[i]))
				return 0;
			i++;
			continue;
		}
		start = i;
		while (i < b && word_char(f[i]))
			i++;
		for (k = 0; k < sizeof words / sizeof words[0]; k++)
			if (strlen(words[k]) == i - start && strncmp(f + start, words[k], i - start) == 0)
				break;
		if (k == sizeof words / sizeof words[0])
			return 0;
	}
	return 1;
}

/* "của UBND tỉnh", "Chủ tịch UBND tỉnh", "trình UBND tỉnh": the agency is
 * named as an owner or a recipient, not as one who does the task. */
static int owned(const char *f, size_t a, size_t at)
{
	static const char *const before[] = {
		"cua", "chu tich", "giam doc", "lanh dao", "trinh", "gui", "tham muu", "ve",
	};
	size_t k;

	while (at > a && f[at - 1] == ' ')
		at--;
	for (k = 0; k < sizeof before / sizeof before[0]; k++) {
		size_t n = strlen(before[k]);

		if (at >= a + n && strncmp(f + at - n, before[k], n) == 0 &&
		    (at - n == a || !word_char(f[at - n - 1])))
			return 1;
	}
	return 0;
}

struct clause {
	const struct agency_dir *d;
	const char *text;
	const struct folded *f;
	struct match ms[32];
	size_t n;
	struct agency_list *out;
};

static int emit(struct clause *c, size_t k, enum agency_role role)
{
	const char *orig = c->text + c->f->map[c->ms[k].start];

	return add(c->out, role, c->ms[k].entry, orig,
		   c->f->map[c->ms[k].end] - c->f->map[c->ms[k].start]);
}

/* The agencies listed right before offset `at` take `role`. */
static int run_before(struct clause *c, size_t at, enum agency_role role)
{
	size_t k = c->n;

	while (k > 0 && c->ms[k - 1].end > at)
		k--;
	while (k > 0 && gap_ok(c->f->s, c->ms[k - 1].end, at)) {
		if (emit(c, k - 1, role))
			return -1;
		at = c->ms[k - 1].start;
		k--;
	}
	return 0;
}

/* The agencies listed right after offset `at` take `role`. */
static int run_after(struct clause *c, size_t at, enum agency_role role)
{
	size_t k = 0;

	while (k < c->n && c->ms[k].start < at)
		k++;
	while (k < c->n && gap_ok(c->f->s, at, c->ms[k].start)) {
		if (emit(c, k, role))
			return -1;
		at = c->ms[k].end;
		k++;
	}
	return 0;
}

/* One clause of prose, [a, b) in folded offsets. "X chủ trì", "phối hợp
 * (với) Y", "X tham mưu": the agencies listed next to those words take
 * their roles; a clause without chủ trì and phối hợp, where "tham mưu" names
 * no one, is done by the agencies it opens with,
 * unless it goes on a list of coordinators from the clause before (carry). */
static int read_clause(const struct agency_dir *d, const char *text, const struct folded *f,
		       size_t a, size_t b, int *carry, struct agency_list *out)
{
	struct clause c = {d, text, f, {{0, 0, NULL}}, 0, out};
	size_t before = out->n;
	const char *lead_kw = find_in(f->s, a, b, "chu tri");
	const char *coord_kw = find_in(f->s, a, b, "phoi hop");
	const char *advise_kw = find_in(f->s, a, b, "tham muu");
	size_t i;
	int rc = 0;

	for (i = a; i < b && c.n < 32;) {
		if (match_at(d, f->s, i, &c.ms[c.n]) && c.ms[c.n].end <= b) {
			i = c.ms[c.n].end;
			if (!owned(f->s, a, c.ms[c.n].start))
				c.n++;
		} else {
			i++;
		}
	}
	if (lead_kw)
		rc = run_before(&c, (size_t)(lead_kw - f->s), ROLE_LEAD);
	if (!rc && coord_kw) {
		size_t p2 = (size_t)(coord_kw - f->s), after = p2 + strlen("phoi hop");
		int with = strncmp(coord_kw, "phoi hop voi", 12) == 0;

		if (!lead_kw)
			rc = run_before(&c, p2, with ? ROLE_LEAD : ROLE_COORD);
		if (!rc)
			rc = run_after(&c, after, ROLE_COORD);
	}
	if (!rc && !lead_kw && !coord_kw && advise_kw)
		rc = run_before(&c, (size_t)(advise_kw - f->s), ROLE_LEAD);
	if (!rc && !lead_kw && !coord_kw && out->n == before)
		rc = run_after(&c, a, *carry ? ROLE_COORD : ROLE_LEAD);
	*carry = coord_kw && (!lead_kw || coord_kw > lead_kw);
	if (rc)
		return rc;
	/* A lead the directory does not know: the words before "chủ trì". */
	if (lead_kw && (c.n == 0 || c.ms[0].start >= (size_t)(lead_kw - f->s))) {
		size_t s = a, e = (size_t)(lead_kw - f->s);

		while (s < e && (f->s[s] == ' ' || f->s[s] == '-' || f->s[s] == '+'))
			s++;
		while (e > s && (f->s[e - 1] == ' ' || f->s[e - 1] == ','))
			e--;
		if (e > s && e - s <= 80 && !is_filler(f->s + s, e - s)) {
			const char *orig = text + f->map[s];

			if ((isupper((unsigned char)orig[0]) || (unsigned char)orig[0] >= 0xc3) &&
			    add(out, ROLE_LEAD, NULL, orig, f->map[e] - f->map[s]))
				return -1;
		}
	}
	return 0;
}

int agency_read_prose(const struct agency_dir *d, const char *prose, struct agency_list *out)
{
	char *text = expand_cac_so(prose);
	struct folded f;
	size_t i, start = 0;
	int rc = 0, carry = 0;

	if (!text)
		return -1;
	if (text_fold_map(text, &f) < 0) {
		free(text);
		return -1;
	}
	for (i = 0; i <= f.len && rc == 0; i++) {
		/* Clauses end at ";", a line break (a list item), a sentence or a
		 * parenthesis ("... (Phòng X chủ trì; ...)"); only ";" goes on
		 * with the same list. */
		int semicolon = i < f.len && f.s[i] == ';';

		if (i == f.len || semicolon || text[f.map[i]] == '\n' || f.s[i] == '(' ||
		    f.s[i] == ')' ||
		    (f.s[i] == '.' && (f.s[i + 1] == ' ' || f.s[i + 1] == '\0'))) {
			if (i > start)
				rc = read_clause(d, text, &f, start, i, &carry, out);
			if (!semicolon)
				carry = 0;
			start = i + 1;
		}
	}
	text_folded_free(&f);
	free(text);
	return rc;
}
