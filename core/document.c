/* document.c - see document.h.
 *
 * The appendix is a table whose header row repeats at every page break; a
 * row cut by a break goes on in the next row with an empty first cell. The
 * reader therefore keeps, for each item, the raw cells as they accumulate,
 * and decides after each repeated header whether an empty-numbered row
 * extends the row above (it only adds to cells that row already had) or
 * starts a new one (it fills cells the row above left empty). Columns are
 * known by their header names, never by their position. */
#include <config.h>

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/date.h"
#include "core/docread.h"
#include "core/document.h"
#include "core/docx.h"
#include "core/encoding.h"
#include "core/schedule.h"
#include "core/text.h"
#include "db/i18n.h"

enum column {
	COL_NUMBER, COL_TITLE, COL_OUTPUT, COL_SCHEDULE, COL_LEAD, COL_COORD,
	COL_ASSIGN,                 /* "Phân công ...": agencies in prose, and the method */
	COL_METHOD, COL_EXTRA,
};

enum { MAX_COLUMNS = 16 };

struct table {
	int ncols;
	enum column role[MAX_COLUMNS];
	char *name[MAX_COLUMNS];    /* header text, for extra columns */
	char *folded_header;        /* to recognise the header when it repeats */
	char *folded_sub;           /* its second row, if it has one */
};

/* ---------------------------------------------------------------- cells */

int doc_is_upper_at(const char *p)
{
	utf8proc_int32_t c;

	if (utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &c) <= 0)
		return 0;
	return utf8proc_category(c) == UTF8PROC_CATEGORY_LU;
}

void sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *ns = realloc(b->s, cap);

		if (!ns) {
			b->failed = 1;
			return;
		}
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sb_str(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static const struct {
	const char *name;
	const char *text;
} entities[] = {
	{"&nbsp;", " "}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
	{"&#39;", "'"}, {"&apos;", "'"},
};

size_t doc_entity(const char *p, const char **text)
{
	size_t i, n;

	for (i = 0; i < sizeof entities / sizeof entities[0]; i++)
		if (strncmp(p, entities[i].name, n = strlen(entities[i].name)) == 0) {
			*text = entities[i].text;
			return n;
		}
	return 0;
}

/* Tags that end a line of text; all others simply go. */
static int tag_breaks_line(const char *tag, size_t n)
{
	static const char *const names[] = {"li", "/li", "br", "br/", "/p", "/ul", "/ol", "/div", "p"};
	char name[8];
	size_t i = 0, k;

	while (i < n && i < sizeof name - 1 && (isalpha((unsigned char)tag[i]) || tag[i] == '/')) {
		name[i] = (char)tolower((unsigned char)tag[i]);
		i++;
	}
	name[i] = '\0';
	for (k = 0; k < sizeof names / sizeof names[0]; k++)
		if (strcmp(name, names[k]) == 0)
			return 1;
	return 0;
}

/* Pass 1: entities decoded, tags removed or turned into line breaks,
 * markdown bold markers removed. */
static void strip_markup(const char *raw, struct sbuf *b)
{
	const char *p = raw, *text;
	size_t n;

	while (*p) {
		if (*p == '<' && (isalpha((unsigned char)p[1]) || p[1] == '/')) {
			const char *end = strchr(p, '>'), *lt = strchr(p + 1, '<');

			if (end && (!lt || end < lt)) {
				if (tag_breaks_line(p + 1, (size_t)(end - p - 1)))
					sb_str(b, "\n");
				else
					sb_str(b, " ");
				p = end + 1;
				continue;
			}
		}
		if (*p == '&' && (n = doc_entity(p, &text))) {
			sb_str(b, text);
			p += n;
			continue;
		}
		if (p[0] == '*' && p[1] == '*') {
			p += 2;
			continue;
		}
		sb_add(b, p, 1);
		p++;
	}
}

/* Is the dash at p (inside s) a list bullet? */
static int is_bullet(const char *s, const char *p)
{
	const char *before = p, *after = p + 1;

	while (before > s && before[-1] == ' ')
		before--;
	if (before == s || before[-1] == '\n')
		return *after == ' ' || doc_is_upper_at(after) || isdigit((unsigned char)*after);
	if (*after == ' ') {
		while (*after == ' ')
			after++;
		if (p[-1] != ' ')
			return 0;
		if (doc_is_upper_at(after))
			return 1;
		/* "- 100% ..." is an item, "2021 - 2025" and "02 - 04" are not */
		return isdigit((unsigned char)*after) && !isdigit((unsigned char)before[-1]);
	}
	/* ". -100% VB đi ...": a dash glued to the item after a sentence end */
	return (before[-1] == '.' || before[-1] == ';' || before[-1] == ':') &&
	       (doc_is_upper_at(after) || isdigit((unsigned char)*after));
}

char *document_clean_cell(const char *raw)
{
	struct sbuf a = {NULL, 0, 0, 0}, b = {NULL, 0, 0, 0};
	const char *p;
	char *line, *save = NULL;

	sb_str(&a, "");
	strip_markup(raw, &a);
	if (a.failed)
		goto fail;
	/* Pass 2: bullets start lines. */
	sb_str(&b, "");
	for (p = a.s; *p; p++) {
		if ((*p == '-' || *p == '+') && is_bullet(a.s, p)) {
			sb_str(&b, "\n- ");
			while (p[1] == ' ')
				p++;
			continue;
		}
		sb_add(&b, p, 1);
	}
	if (b.failed)
		goto fail;
	/* Pass 3: spaces folded, lines trimmed, empty lines dropped. */
	a.len = 0;
	a.s[0] = '\0';
	for (line = strtok_r(b.s, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *r = line;
		int space = 0, any = 0;

		while (*r == ' ' || *r == '\t' || *r == '\r')
			r++;
		if (!*r)
			continue;
		if (a.len)
			sb_str(&a, "\n");
		for (; *r; r++) {
			if (*r == ' ' || *r == '\t' || *r == '\r') {
				space = 1;
				continue;
			}
			if (space && any)
				sb_str(&a, " ");
			space = 0;
			any = 1;
			sb_add(&a, r, 1);
		}
	}
	if (a.failed)
		goto fail;
	free(b.s);
	return a.s;
fail:
	free(a.s);
	free(b.s);
	return NULL;
}

/* ---------------------------------------------------------------- lines */

int doc_fail_nomem(struct reader *r)
{
	return error_set(r->err, ERR_NOMEM, "%s: %s", r->file, error_text(ERR_NOMEM));
}

char *doc_folded(const char *s)
{
	char *f = text_fold(s);

	return f ? f : strdup("");
}

/* Split the text into lines in place. */
static int split_lines(struct reader *r, char *text)
{
	size_t cap = 256;
	char *p = text;

	r->lines = malloc(cap * sizeof *r->lines);
	if (!r->lines)
		return doc_fail_nomem(r);
	for (;;) {
		char *nl = strchr(p, '\n');

		if (r->nlines == cap) {
			char **nl2 = realloc(r->lines, cap * 2 * sizeof *nl2);

			if (!nl2)
				return doc_fail_nomem(r);
			r->lines = nl2;
			cap *= 2;
		}
		r->lines[r->nlines++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	return ERR_OK;
}

/* ---------------------------------------------------------------- head */

/* "465 /QĐ-UBND" -> "465/QĐ-UBND": digits, a slash, a symbol. */
static char *document_number(const char *s)
{
	const char *p;

	for (p = s; *p; p++) {
		const char *q = p, *sym, *end;
		struct sbuf b = {NULL, 0, 0, 0};

		if (!isdigit((unsigned char)*p) || (p > s && isdigit((unsigned char)p[-1])))
			continue;
		while (isdigit((unsigned char)*q))
			q++;
		sym = q;
		while (*sym == ' ')
			sym++;
		if (*sym != '/')
			continue;
		sym++;
		while (*sym == ' ')
			sym++;
		end = sym;
		while (*end && *end != ' ' && *end != ',' && *end != ')' && *end != ';')
			end++;
		if (end == sym)
			continue;
		sb_add(&b, p, (size_t)(q - p));
		sb_str(&b, "/");
		sb_add(&b, sym, (size_t)(end - sym));
		return b.failed ? NULL : b.s;
	}
	return NULL;
}

/* "ngày 29 tháng 12 năm 2023" or "ngày 16 /8/2022" in a folded line. */
static int head_date(const char *f, int *d, int *m, int *y)
{
	const char *p = strstr(f, "ngay");

	*d = *m = *y = 0;
	for (; p; p = strstr(p + 1, "ngay")) {
		const char *r = p + 4;
		int a = 0, b = 0, c = 0;

		if (sscanf(r, " %d thang %d nam %d", &a, &b, &c) == 3 ||
		    sscanf(r, " %d /%d/%d", &a, &b, &c) == 3 || sscanf(r, " %d/%d/%d", &a, &b, &c) == 3) {
			if (date_valid(c, b, a)) {
				*d = a, *m = b, *y = c;
				return 1;
			}
		}
		/* "ngày   tháng   năm 2024": only the year is filled in */
		if (sscanf(r, " thang nam %d", &c) == 1 && c >= 1990 && c <= 2100) {
			*y = c;
			return 1;
		}
	}
	return 0;
}

static char *join_upper_block(struct reader *r, size_t first, size_t last)
{
	struct sbuf b = {NULL, 0, 0, 0};
	size_t i;

	for (i = first; i <= last; i++) {
		char *clean = document_clean_cell(r->lines[i]);

		if (!clean)
			return NULL;
		if (clean[0]) {
			if (b.len)
				sb_str(&b, " ");
			sb_str(&b, clean);
		}
		free(clean);
	}
	return b.s;
}

/* The issuer: the block of lines just above the national motto. */
/* A line naming a unit that sits under the one above it in a heading. */
static int under_parent(const char *line)
{
	static const char *const kinds[] = {"so ", "ban ", "phong ", "van phong ", "trung tam ",
					    "chi cuc ", "thanh tra ", NULL};
	char *f = doc_folded(line);
	int r = 0;

	for (size_t i = 0; kinds[i] && !r; i++)
		r = strncmp(f, kinds[i], strlen(kinds[i])) == 0;
	free(f);
	return r;
}

static void head_issuer(struct reader *r, size_t end)
{
	size_t i;

	for (i = 0; i < end; i++) {
		char *f = doc_folded(r->lines[i]);
		int motto = strstr(f, "cong hoa xa hoi chu nghia viet nam") != NULL;
		size_t last, first;

		free(f);
		if (!motto)
			continue;
		last = i;
		while (last > 0 && !r->lines[last - 1][0])
			last--;
		if (last == 0)
			return;
		last--;
		first = last;
		while (first > 0 && r->lines[first - 1][0] && last - first < 3)
			first--;
		r->doc->issuer = join_upper_block(r, first, last);
		if (last > first && under_parent(r->lines[last])) {
			r->doc->issuer_parent = join_upper_block(r, first, last - 1);
			r->doc->issuer_unit = join_upper_block(r, last, last);
		}
		return;
	}
}

/* Lower-case the first letter in place (Vietnamese capitals and their
 * lower case have the same UTF-8 length). */
static void lower_first(char *s)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &c);
	utf8proc_uint8_t buf[4];

	if (n <= 0)
		return;
	c = utf8proc_tolower(c);
	if (utf8proc_encode_char(c, buf) == n)
		memcpy(s, buf, (size_t)n);
}

/* The title: the heading line ("KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG") and
 * the lines after it. A decision's own heading is the last resort: its
 * title is what it decides, not the plan. */
static void head_title(struct reader *r, size_t end)
{
	static const struct {
		const char *fold, *name;
	} heads[] = {
		{"ke hoach", "Kế hoạch"},
		{"chuong trinh hanh dong", "Chương trình hành động"},
		{"chuong trinh", "Chương trình"},
		{"quyet dinh", NULL},
	};
	size_t h, i, j;

	for (h = 0; h < sizeof heads / sizeof heads[0] && !r->doc->title; h++) {
		const char *name = heads[h].name;

		for (i = 0; i < end; i++) {
			char *f = doc_folded(r->lines[i]);
			int match = strcmp(f, heads[h].fold) == 0;
			struct sbuf b = {NULL, 0, 0, 0};

			free(f);
			if (!match)
				continue;
			if (name)
				sb_str(&b, name);
			for (j = i + 1; j < end && j < i + 6; j++) {
				char *clean;

				if (!r->lines[j][0]) {
					if (b.len > (name ? strlen(name) : 0))
						break;
					continue;
				}
				if (r->lines[j][0] == '(' || strstr(r->lines[j], "\t"))
					break;
				if (!(clean = document_clean_cell(r->lines[j])))
					break;
				if (b.len)
					sb_str(&b, " ");
				/* "Kế hoạch" + "Cải cách ..." reads "Kế hoạch cải cách ..." */
				if (name && b.len == strlen(name) + 1 && doc_is_upper_at(clean) &&
				    !doc_is_upper_at(clean + strcspn(clean, " ") + 1))
					lower_first(clean);
				sb_str(&b, clean);
				free(clean);
			}
			if (!name && !b.len) {
				free(b.s);
				continue;
			}
			r->doc->title = b.s;
			break;
		}
	}
}

void doc_head_metadata(struct reader *r, size_t end)
{
	struct document *doc = r->doc;
	size_t i;
	int d, m, y, have_date = 0, year_only = 0;

	for (i = 0; i < end && !doc->number; i++) {
		char *f = doc_folded(r->lines[i]);

		if (strncmp(f, "so:", 3) == 0 || strncmp(f, "so :", 4) == 0)
			doc->number = document_number(r->lines[i]);
		free(f);
	}
	/* Place and date: "Khánh Hòa, ngày 29 tháng 12 năm 2023". */
	for (i = 0; i < end && !have_date; i++) {
		char *f = doc_folded(r->lines[i]);

		if (strstr(f, ", ngay") && head_date(f, &d, &m, &y)) {
			have_date = 1;
			year_only = d == 0;
		}
		free(f);
	}
	/* Or the line "(Ban hành kèm theo Quyết định số 465/QĐ-UBND ngày ...)",
	 * which may run over two lines. */
	for (i = 0; i < end; i++) {
		char *f = doc_folded(r->lines[i]), *two = NULL;

		if (strstr(f, "kem theo") && (strstr(f, "quyet dinh so") || strstr(f, "ke hoach so"))) {
			if (!doc->number)
				doc->number = document_number(r->lines[i]);
			if (asprintf(&two, "%s %s", f, i + 2 < end ? r->lines[i + 2] : "") >= 0) {
				char *f2 = doc_folded(two);

				if ((!have_date || year_only) && head_date(f2, &d, &m, &y)) {
					have_date = 1;
					year_only = d == 0;
				}
				free(f2);
				free(two);
			}
		}
		free(f);
	}
	if (have_date && !year_only) {
		struct date dt = {y, m, d};

		date_format(dt, doc->issued);
	}
	head_issuer(r, end);
	head_title(r, end);
	/* The years: from the title ("giai đoạn 2021 - 2025", "năm 2024"),
	 * else the year of issue. */
	if (doc->title) {
		struct schedule_parse sp;
		char *f = doc_folded(doc->title);
		const char *p = strstr(f, "giai doan");

		if (p) {
			int a, b;

			if (sscanf(p, "giai doan %d - %d", &a, &b) == 2 ||
			    sscanf(p, "giai doan %d-%d", &a, &b) == 2) {
				doc->start_year = a;
				doc->end_year = b;
			}
		}
		if (!doc->start_year && (p = strstr(f, "nam "))) {
			schedule_parse(p, 0, 0, &sp);
			if (strcmp(sp.kind, "year") == 0 || strcmp(sp.kind, "range") == 0) {
				doc->start_year = atoi(sp.start);
				doc->end_year = atoi(sp.due);
			}
		}
		free(f);
	}
	if (!doc->start_year && have_date)
		doc->start_year = doc->end_year = y;
	if (doc->start_year && (doc->end_year < doc->start_year || doc->start_year < 1990 ||
				doc->end_year > 2100))
		doc->start_year = doc->end_year = 0;
}

/* ---------------------------------------------------------------- table */

static int count_cells(const char *line)
{
	int n = 1;

	for (; *line; line++)
		n += *line == '\t';
	return n;
}

int doc_is_header(const char *line)
{
	char first[32], *f;
	size_t n = strcspn(line, "\t");
	int yes;

	if (!line[n] || n >= sizeof first || count_cells(line) < 3)
		return 0;
	memcpy(first, line, n);
	first[n] = '\0';
	f = doc_folded(first);
	yes = strcmp(f, "stt") == 0 || strcmp(f, "so tt") == 0 || strcmp(f, "tt") == 0 ||
	      strcmp(f, "so thu tu") == 0;
	free(f);
	return yes;
}

static enum column column_of(const char *f, int index)
{
	if (index == 0)
		return COL_NUMBER;
	if (strncmp(f, "phan cong", 9) == 0)
		return COL_ASSIGN;
	if (strstr(f, "cach thuc") || strstr(f, "phuong thuc"))
		return COL_METHOD;
	if (strstr(f, "chu tri"))
		return COL_LEAD;
	if (strstr(f, "phoi hop"))
		return COL_COORD;
	if (strstr(f, "ket qua") || strstr(f, "san pham"))
		return COL_OUTPUT;
	if (strstr(f, "tien do") || strstr(f, "thoi gian") || strstr(f, "thoi han"))
		return COL_SCHEDULE;
	if (strstr(f, "nhiem vu") || strstr(f, "noi dung") || strstr(f, "cong viec"))
		return COL_TITLE;
	return COL_EXTRA;
}

static void table_clear(struct table *t)
{
	int i;

	for (i = 0; i < t->ncols; i++)
		free(t->name[i]);
	free(t->folded_header);
	free(t->folded_sub);
	memset(t, 0, sizeof *t);
}

static int table_read_header(struct reader *r, struct table *t, size_t line)
{
	char *copy = strdup(r->lines[line]), *cell, *save = NULL, *p;
	int has_title = 0, i;

	table_clear(t);
	if (!copy || !(t->folded_header = doc_folded(r->lines[line]))) {
		free(copy);
		return doc_fail_nomem(r);
	}
	/* strtok would merge empty cells; walk the tabs instead. */
	for (p = copy, i = 0; p && i < MAX_COLUMNS; i++) {
		char *tab = strchr(p, '\t'), *f;

		if (tab)
			*tab = '\0';
		cell = p;
		f = doc_folded(cell);
		t->role[i] = column_of(f, i);
		t->name[i] = document_clean_cell(cell);
		has_title |= t->role[i] == COL_TITLE;
		free(f);
		t->ncols = i + 1;
		p = tab ? tab + 1 : NULL;
	}
	(void)save;
	free(copy);
	if (p)
		return error_set(r->err, ERR_INVALID, _("%s:%zu: the table has more than %d columns"),
				 r->file, line + 1, MAX_COLUMNS);
	if (!has_title)
		return error_set(r->err, ERR_INVALID,
			_("%s:%zu: the table header has no task column (\"Nhiệm vụ\" or \"Nội dung\")"),
			r->file, line + 1);
	return ERR_OK;
}

/* ---------------------------------------------------------------- items */

/* Raw cells of the item being built, before cleaning. */
struct pending {
	int active;
	char *cell[MAX_COLUMNS];
};

static void pending_clear(struct pending *pd)
{
	int i;

	for (i = 0; i < MAX_COLUMNS; i++) {
		free(pd->cell[i]);
		pd->cell[i] = NULL;
	}
	pd->active = 0;
}

static int blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r')
			return 0;
	return 1;
}

int doc_all_capitals(const char *s)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k;
	int letters = 0;

	for (; *s; s += k) {
		if ((k = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &c)) <= 0)
			return 0;
		if (utf8proc_category(c) == UTF8PROC_CATEGORY_LL)
			return 0;
		letters += utf8proc_category(c) == UTF8PROC_CATEGORY_LU;
	}
	return letters >= 3;
}

struct doc_item *doc_new_item(struct reader *r)
{
	struct document *d = r->doc;

	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		struct doc_item *v = realloc(d->items, cap * sizeof *v);

		if (!v)
			return NULL;
		d->items = v;
		d->cap = cap;
	}
	memset(&d->items[d->n], 0, sizeof d->items[0]);
	d->items[d->n].parent = -1;
	return &d->items[d->n++];
}

/* Roman numerals up to XXXIX, as section numbers are written. */
int doc_roman_value(const char *s)
{
	static const char *const tens[] = {"", "X", "XX", "XXX"};
	static const char *const ones[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
	int t, o;

	for (t = 3; t >= 0; t--) {
		size_t n = strlen(tens[t]);

		if (strncmp(s, tens[t], n) != 0)
			continue;
		for (o = 9; o >= 0; o--)
			if (strcmp(s + n, ones[o]) == 0 && (t || o))
				return t * 10 + o;
	}
	return 0;
}

enum numbering { NUM_NONE, NUM_LETTER, NUM_ROMAN, NUM_ARABIC, NUM_SUBLETTER, NUM_BULLET, NUM_OTHER };

/* What kind of number is this ("A", "II", "2.1", "a)", "-")? *depth gets
 * the dotted depth of Arabic numbers. The previous letter section decides
 * whether "I" after "H" is a letter or a Roman one. */
static enum numbering numbering_of(const char *s, int *depth, int prev_letter)
{
	char buf[16];
	size_t n = strlen(s);
	const char *p;

	*depth = 0;
	if (n == 0)
		return NUM_NONE;
	if (n >= sizeof buf)
		return NUM_OTHER;
	memcpy(buf, s, n + 1);
	if (n > 1 && buf[n - 1] == '.')
		buf[--n] = '\0';
	if (strcmp(buf, "-") == 0 || strcmp(buf, "+") == 0 || strcmp(buf, "*") == 0)
		return NUM_BULLET;
	if (n == 1 && buf[0] >= 'A' && buf[0] <= 'Z' &&
	    !(doc_roman_value(buf) && !(prev_letter && buf[0] == prev_letter + 1)))
		return NUM_LETTER;
	if (doc_roman_value(buf))
		return NUM_ROMAN;
	if (isdigit((unsigned char)buf[0])) {
		for (p = buf; *p; p++) {
			if (*p == '.')
				(*depth)++;
			else if (!isdigit((unsigned char)*p))
				return NUM_OTHER;
		}
		return NUM_ARABIC;
	}
	/* "a)", "b.", "đ)" */
	if ((buf[n - 1] == ')' || s[strlen(s) - 1] == '.') && n <= 4) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)buf, -1, &c);

		if (k > 0 && (size_t)k == (buf[n - 1] == ')' ? n - 1 : n) &&
		    utf8proc_category(c) == UTF8PROC_CATEGORY_LL)
			return NUM_SUBLETTER;
	}
	return NUM_OTHER;
}

struct state {
	struct table table;
	struct pending pending;     /* the item whose cells may still grow */
	int after_break;            /* the previous line was a repeated header */
	int section_stack[8];       /* item indexes of open sections by depth */
	enum numbering section_kind[8];
	int nsections;
	int prev_letter;
	int last_task;              /* the last numbered task at its section's level */
	int unnumbered;             /* sections without a number so far */
	int last_item;
};

/* Clean the pending item's raw cells into its fields. */
static int finish_pending(struct reader *r, struct state *st)
{
	struct sbuf method = {NULL, 0, 0, 0}, extra = {NULL, 0, 0, 0};
	struct doc_item *it;
	int i, rc = ERR_OK;

	if (!st->pending.active)
		return ERR_OK;
	it = &r->doc->items[st->last_item];
	for (i = 0; i < st->table.ncols; i++) {
		const char *raw = st->pending.cell[i];
		char *clean, **field = NULL;

		if (!raw || blank(raw))
			continue;
		if (!(clean = document_clean_cell(raw))) {
			rc = doc_fail_nomem(r);
			break;
		}
		switch (st->table.role[i]) {
		case COL_NUMBER: break;         /* read when the row started */
		case COL_TITLE: field = &it->title; break;
		case COL_OUTPUT: field = &it->output; break;
		case COL_SCHEDULE: field = &it->schedule; break;
		case COL_LEAD: field = &it->lead; break;
		case COL_COORD: field = &it->coord; break;
		case COL_ASSIGN:
			it->prose = 1;
			/* fall through */
		case COL_METHOD:
			if (method.len)
				sb_str(&method, "\n");
			sb_str(&method, clean);
			break;
		case COL_EXTRA:
			if (extra.len)
				sb_str(&extra, "\n");
			sb_str(&extra, st->table.name[i] ? st->table.name[i] : "");
			sb_str(&extra, ": ");
			sb_str(&extra, clean);
			break;
		}
		if (field && !*field) {
			*field = clean;
			clean = NULL;
		}
		free(clean);
	}
	if (st->table.role[0] == COL_NUMBER && !it->title && it->is_section)
		it->title = strdup("");
	it->method = method.s;
	it->extra = extra.s;
	/* A method column without a lead column: agencies are in its prose. */
	if (it->method && !it->lead && !it->coord) {
		for (i = 0; i < st->table.ncols; i++)
			if (st->table.role[i] == COL_LEAD || st->table.role[i] == COL_COORD)
				break;
		if (i == st->table.ncols)
			it->prose = 1;
	}
	if (method.failed || extra.failed)
		rc = doc_fail_nomem(r);
	pending_clear(&st->pending);
	return rc;
}

/* Append a row's cells to the pending item's raw cells. */
static int extend_pending(struct reader *r, struct state *st, char **cells, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		char *joined;

		if (blank(cells[i]))
			continue;
		if (!st->pending.cell[i]) {
			st->pending.cell[i] = strdup(cells[i]);
			if (!st->pending.cell[i])
				return doc_fail_nomem(r);
			continue;
		}
		if (asprintf(&joined, "%s %s", st->pending.cell[i], cells[i]) < 0)
			return doc_fail_nomem(r);
		free(st->pending.cell[i]);
		st->pending.cell[i] = joined;
	}
	st->pending.active = 1;
	return ERR_OK;
}

/* After a page break, a row with no number only adds to cells the row
 * above already had: then it is the rest of that row. */
static int continues_pending(const struct state *st, char **cells, int n)
{
	int i, any = 0;

	if (!st->pending.active)
		return 0;
	for (i = 1; i < n; i++) {
		if (blank(cells[i]))
			continue;
		any = 1;
		if (!st->pending.cell[i] || blank(st->pending.cell[i]))
			return 0;
	}
	return any;
}

static int only_agencies(const struct state *st, char **cells, int n)
{
	int i, any = 0;

	for (i = 1; i < n; i++) {
		if (blank(cells[i]))
			continue;
		switch (st->table.role[i]) {
		case COL_LEAD: case COL_COORD: case COL_ASSIGN: case COL_OUTPUT: case COL_METHOD:
			any = 1;
			break;
		default:
			return 0;
		}
	}
	return any;
}

static int start_item(struct reader *r, struct state *st, int line, int is_section,
		      const char *number, char **cells, int n)
{
	struct doc_item *it;
	int rc;

	if ((rc = finish_pending(r, st)))
		return rc;
	if (!(it = doc_new_item(r)) || !(it->number = strdup(number)))
		return doc_fail_nomem(r);
	it->line = line;
	it->is_section = is_section;
	st->last_item = (int)(r->doc->n - 1);
	return extend_pending(r, st, cells, n);
}

/* Section rows: "II" + title, or "II CÔNG TÁC ..." in one cell, the rest empty. */
static int section_row(struct reader *r, struct state *st, int line, enum numbering kind,
		       const char *number, char **cells, int n)
{
	int depth, i, rc, letter = kind == NUM_LETTER;

	/* Close sections down to one of the same kind, or open a deeper one. */
	for (depth = 0; depth < st->nsections; depth++)
		if (st->section_kind[depth] == kind)
			break;
	if (depth >= 8)
		depth = 7;
	cells[0] = "";
	if ((rc = start_item(r, st, line, 1, number, cells, n)))
		return rc;
	r->doc->items[st->last_item].depth = depth;
	r->doc->items[st->last_item].parent = depth > 0 ? st->section_stack[depth - 1] : -1;
	st->section_stack[depth] = st->last_item;
	st->section_kind[depth] = kind;
	st->nsections = depth + 1;
	st->last_task = -1;
	if (letter)
		st->prev_letter = number[0];
	for (i = 0; i < n; i++)
		(void)cells[i];
	return ERR_OK;
}

static int enclosing_section(const struct state *st)
{
	return st->nsections ? st->section_stack[st->nsections - 1] : -1;
}

/* The nearest earlier task numbered `prefix` (for "2.1": "2"). */
static int find_parent_number(struct reader *r, const char *number)
{
	const char *dot = strrchr(number, '.');
	size_t len;
	long i;

	if (!dot)
		return -1;
	len = (size_t)(dot - number);
	for (i = (long)r->doc->n - 1; i >= 0; i--) {
		const struct doc_item *it = &r->doc->items[i];

		if (it->is_section)
			return -1;
		if (strlen(it->number) == len && strncmp(it->number, number, len) == 0)
			return (int)i;
	}
	return -1;
}

static int task_row(struct reader *r, struct state *st, int line, enum numbering kind,
		    int depth, const char *number, char **cells, int n)
{
	struct doc_item *it;
	int rc, parent = enclosing_section(st);

	if (kind == NUM_ARABIC && depth > 0) {
		int p = find_parent_number(r, number);

		if (p >= 0)
			parent = p;
	} else if ((kind == NUM_SUBLETTER || kind == NUM_BULLET || kind == NUM_NONE) &&
		   st->last_task >= 0) {
		parent = st->last_task;
	}
	if ((rc = start_item(r, st, line, 0, number, cells, n)))
		return rc;
	it = &r->doc->items[st->last_item];
	it->parent = parent;
	if (kind == NUM_ARABIC && depth == 0)
		st->last_task = st->last_item;
	else if (kind == NUM_OTHER)
		st->last_task = st->last_item;
	return ERR_OK;
}

/* Split a row into its cells (in place) and check the count. */
static int row_cells(struct reader *r, const struct state *st, size_t line, char *text,
		     char **cells, int *n)
{
	int count = 0, i;
	char *p = text;

	for (;;) {
		char *tab = strchr(p, '\t');

		if (count < MAX_COLUMNS)
			cells[count] = p;
		count++;
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	/* Trailing empty cells beyond the header are harmless. */
	while (count > st->table.ncols && (count > MAX_COLUMNS || blank(cells[count - 1])))
		count--;
	if (count > st->table.ncols)
		return error_set(r->err, ERR_INVALID, _("%s:%zu: row has %d cells, header has %d"),
				 r->file, line + 1, count, st->table.ncols);
	for (i = count; i < st->table.ncols; i++)
		cells[i] = "";
	*n = st->table.ncols;
	return ERR_OK;
}

/* "(1) (2) (3) ...": the row under a header that numbers its columns. */
static int column_numbers(char **cells, int n)
{
	for (int i = 0; i < n; i++) {
		const char *p = cells[i];
		int v;

		while (*p == ' ')
			p++;
		if (*p != '(' || sscanf(p, "(%d)", &v) != 1 || v != i + 1)
			return 0;
	}
	return n >= 3;
}

static int read_row(struct reader *r, struct state *st, size_t line)
{
	char *cells[MAX_COLUMNS], *number, *title_cell = NULL, *copy, *only_text = NULL;
	enum numbering kind;
	int n = 0, depth, rc, i, only_first = 1;

	if (!(copy = strdup(r->lines[line])))
		return doc_fail_nomem(r);
	if ((rc = row_cells(r, st, line, copy, cells, &n)))
		goto out;
	if (column_numbers(cells, n)) {
		free(copy);     /* not a task; a page break before it still counts */
		return ERR_OK;
	}
	for (i = 0; i < n; i++)
		if (st->table.role[i] == COL_TITLE)
			title_cell = cells[i];
	/* Section rows span the table: their one text lands in the first cell
	 * after the number, whatever column that is. */
	for (i = 1; i < n; i++) {
		if (blank(cells[i]))
			continue;
		if (!only_text)
			only_text = cells[i];
		else
			only_first = 0;
	}
	number = document_clean_cell(cells[0]);
	if (!number) {
		rc = doc_fail_nomem(r);
		goto out;
	}
	kind = numbering_of(number, &depth, st->prev_letter);
	/* "II CÔNG TÁC TUYÊN TRUYỀN": number and title in the first cell. */
	if (kind == NUM_OTHER && !only_text) {
		char *space = strchr(number, ' ');

		if (space) {
			*space = '\0';
			kind = numbering_of(number, &depth, st->prev_letter);
			if ((kind == NUM_ROMAN || kind == NUM_LETTER) && doc_is_upper_at(space + 1)) {
				only_text = space + 1;
			} else {
				*space = ' ';
				kind = NUM_OTHER;
			}
		}
	}
	if (!st->after_break && only_first &&
	    ((kind == NUM_OTHER && !only_text && doc_all_capitals(number)) ||
	     (kind == NUM_NONE && only_text && only_text == title_cell && doc_all_capitals(only_text)))) {
		/* A section without a number: a title in capitals alone on its
		 * row, in the first cell (a row merged across the table) or in
		 * the task column. It is given "(1)", "(2)" ... in document order,
		 * as a section needs a code to be chosen by. */
		char *title = only_text ? only_text : number, code[16];

		for (i = 1; i < n; i++)
			cells[i] = st->table.role[i] == COL_TITLE ? title : "";
		snprintf(code, sizeof code, "(%d)", ++st->unnumbered);
		rc = section_row(r, st, (int)line + 1, NUM_NONE, code, cells, n);
	} else if (kind == NUM_NONE) {
		if (st->after_break && continues_pending(st, cells, n))
			rc = extend_pending(r, st, cells, n);
		else if (blank(title_cell) && st->last_task >= 0 && only_agencies(st, cells, n) &&
			 st->pending.active && !r->doc->items[st->last_item].is_section)
			rc = extend_pending(r, st, cells, n);   /* one more assignment */
		else if (!blank(title_cell))
			rc = task_row(r, st, (int)line + 1, NUM_NONE, 0, "", cells, n);
		/* else: an empty row */
	} else if ((kind == NUM_ROMAN || kind == NUM_LETTER) && only_first && only_text) {
		for (i = 1; i < n; i++)
			cells[i] = st->table.role[i] == COL_TITLE ? only_text : "";
		rc = section_row(r, st, (int)line + 1, kind, number, cells, n);
	} else {
		rc = task_row(r, st, (int)line + 1, kind, depth, number, cells, n);
	}
	free(number);
out:
	free(copy);
	st->after_break = 0;
	return rc;
}

/* A header over two rows, as text: "Cơ quan thực hiện" over "Chủ trì" and
 * "Phối hợp" comes out as a second line with the first cell empty and only
 * such labels in it. Is line `line` that row (after a repeated header: the
 * same row again)? If so, each column it labels is named by both labels
 * ("Cơ quan thực hiện Chủ trì"), the upper one taken from the nearest
 * named column to the left, where a merged label sits. */
static int table_read_subheader(struct reader *r, struct table *t, size_t line, int repeat)
{
	char *cells[MAX_COLUMNS], *copy, *f;
	int n = 0, any = 0, i, rc = 0;

	if (line >= r->nlines || !strchr(r->lines[line], '\t'))
		return 0;
	if (!(f = doc_folded(r->lines[line])))
		return 0;       /* out of memory: the rows will say so */
	if (repeat) {
		rc = t->folded_sub && strcmp(f, t->folded_sub) == 0;
		free(f);
		return rc;
	}
	if (!(copy = strdup(r->lines[line]))) {
		free(f);
		return 0;
	}
	for (char *p = copy; p && n < MAX_COLUMNS; n++) {
		char *tab = strchr(p, '\t');

		if (tab)
			*tab = '\0';
		cells[n] = p;
		p = tab ? tab + 1 : NULL;
	}
	rc = n <= t->ncols && blank(cells[0]);
	for (i = 1; rc && i < n; i++) {
		char *cf;

		if (blank(cells[i]))
			continue;
		cf = doc_folded(cells[i]);
		rc = cf && strlen(cells[i]) < 48 && column_of(cf, i) != COL_EXTRA &&
		     column_of(cf, i) != COL_TITLE;
		free(cf);
		any = 1;
	}
	if (rc && any) {
		char *label[MAX_COLUMNS] = {NULL};

		/* All labels made from the upper row as it is, then put in place. */
		for (i = 1; i < n; i++) {
			int k = i;

			while (k > 0 && !(t->name[k] && *t->name[k]))
				k--;
			if (!blank(cells[i]) &&
			    asprintf(&label[i], "%s %s", k > 0 ? t->name[k] : "", cells[i]) < 0)
				label[i] = NULL;
		}
		for (i = 1; i < n; i++) {
			char *lf;

			if (!label[i] || !(lf = doc_folded(label[i]))) {
				free(label[i]);
				continue;
			}
			t->role[i] = column_of(lf, i);
			free(lf);
			free(t->name[i]);
			t->name[i] = label[i];
		}
		t->folded_sub = f;
		f = NULL;
	}
	free(copy);
	free(f);
	return rc && any;
}

/* ---------------------------------------------------------------- main */

/* Files officers are sent that are not a plan's text nor a .docx: say
 * what to do rather than reading their bytes as text. */
static int refuse_other_formats(const char *file, const char *data, size_t len, struct error *err)
{
	static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

	if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
		return error_set(err, ERR_INVALID,
			_("%s: a PDF file: dondoc reads the plan's Word file (.docx) or its text; "
			  "ask for the Word file, or open the PDF in Word or LibreOffice and save it "
			  "as .docx"), file);
	if (len >= 8 && memcmp(data, ole, 8) == 0)
		return error_set(err, ERR_INVALID,
			_("%s: a Word 97-2003 file (.doc): open it in Word or LibreOffice Writer and "
			  "save it as Word Document (.docx), then import that"), file);
	if (len >= 5 && memcmp(data, "{\\rtf", 5) == 0)
		return error_set(err, ERR_INVALID,
			_("%s: a Rich Text file (.rtf): open it in Word or LibreOffice Writer and "
			  "save it as Word Document (.docx), then import that"), file);
	return ERR_OK;
}

int document_read(const char *file, const char *data, size_t len, const char *encoding,
		  const char *format, struct document **out, struct error *err)
{
	struct reader r;
	struct state st;
	struct document *doc;
	char *text = NULL;
	unsigned char hash[32];
	size_t i, first_header = 0;
	int rc, in_table = 0;

	*out = NULL;
	memset(&r, 0, sizeof r);
	memset(&st, 0, sizeof st);
	st.last_task = -1;
	if (!(doc = calloc(1, sizeof *doc)))
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	r.file = file;
	r.doc = doc;
	r.err = err;
	if ((rc = refuse_other_formats(file, data, len, err)))
		goto fail;
	if (docx_is_zip(data, len)) {
		/* A Word file: its text, which is UTF-8, goes the same way. */
		char *docx = NULL;

		if ((rc = docx_text(file, data, len, &docx, err)))
			goto fail;
		rc = encoding_decode(file, docx, strlen(docx), "utf-8", &text, &doc->encoding, err);
		free(docx);
	} else {
		rc = encoding_decode(file, data, len, encoding, &text, &doc->encoding, err);
	}
	if (rc)
		goto fail;
	crypto_generichash(hash, sizeof hash, (const unsigned char *)text, strlen(text), NULL, 0);
	sodium_bin2hex(doc->hash, sizeof doc->hash, hash, sizeof hash);
	if ((rc = split_lines(&r, text)))
		goto fail;
	if (format && strcmp(format, "auto") != 0 && strcmp(format, "table") != 0 &&
	    strcmp(format, "prose") != 0) {
		rc = error_set(err, ERR_INVALID, _("format '%s': use auto, table or prose"), format);
		goto fail;
	}
	for (i = 0; i < r.nlines && !(format && strcmp(format, "prose") == 0); i++) {
		const char *line = r.lines[i];

		if (doc_is_header(line)) {
			char *f = doc_folded(line);
			int repeat = in_table && st.table.folded_header &&
				     strcmp(f, st.table.folded_header) == 0;

			free(f);
			if (!in_table)
				first_header = i;
			if (!repeat) {
				if ((rc = finish_pending(&r, &st)) ||
				    (rc = table_read_header(&r, &st.table, i)))
					goto fail;
			}
			in_table = 1;
			st.after_break = repeat;
			if (table_read_subheader(&r, &st.table, i + 1, repeat))
				i++;
			continue;
		}
		if (!in_table)
			continue;
		if (!strchr(line, '\t'))
			continue;       /* blank lines, footnotes, text after the table */
		if ((rc = read_row(&r, &st, i)))
			goto fail;
	}
	if (!in_table && !(format && strcmp(format, "table") == 0)) {
		/* No appendix: the tasks are written as paragraphs. Unless the
		 * text sends the reader to an appendix that is not there (a file
		 * cut short, the appendix saved apart): its few paragraphs are
		 * not the plan's tasks. */
		size_t head_end;
		int found;

		for (i = 0; !format && i < r.nlines; i++) {
			char *f = doc_folded(r.lines[i]);
			int refers = strstr(f, "nhiem vu") && (strstr(f, "tai phu luc") ||
							     strstr(f, "theo phu luc") ||
							     strstr(f, "phu luc kem theo"));

			free(f);
			if (refers) {
				rc = error_set(err, ERR_INVALID,
					_("%s:%zu: the tasks are in an appendix, but no task table was found "
					  "(a tab-separated table whose header starts with \"STT\"); was the "
					  "appendix left out? (--format prose reads the paragraphs anyway)"),
					file, i + 1);
				goto fail;
			}
		}
		found = prose_read(&r, &head_end);

		if (found < 0) {
			rc = err->code;
			goto fail;
		}
		if (!found) {
			rc = error_set(err, ERR_INVALID,
				_("%s: no tasks found: neither a task table (a tab-separated table whose header starts with \"STT\") nor numbered tasks under a part that assigns them (\"Nhiệm vụ, giải pháp\", \"Tổ chức thực hiện\")"),
				file);
			goto fail;
		}
		doc->format = "prose";
		doc_head_metadata(&r, head_end);
		goto done;
	}
	if (!in_table) {
		rc = error_set(err, ERR_INVALID,
			_("%s: no task table found (a tab-separated table whose header starts with \"STT\")"),
			file);
		goto fail;
	}
	if ((rc = finish_pending(&r, &st)))
		goto fail;
	doc->format = "table";
	doc_head_metadata(&r, first_header);
done:
	*out = doc;
	doc = NULL;
	rc = ERR_OK;
fail:
	table_clear(&st.table);
	pending_clear(&st.pending);
	for (i = 0; r.clean && i < r.nlines; i++)
		free(r.clean[i]);
	free(r.clean);
	free(r.lines);
	free(text);
	document_free(doc);
	return rc;
}

void document_free(struct document *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->n; i++) {
		struct doc_item *it = &d->items[i];

		free(it->number);
		free(it->title);
		free(it->output);
		free(it->schedule);
		free(it->lead);
		free(it->coord);
		free(it->method);
		free(it->extra);
	}
	free(d->items);
	free(d->number);
	free(d->title);
	free(d->issuer);
	free(d->issuer_parent);
	free(d->issuer_unit);
	free(d);
}
