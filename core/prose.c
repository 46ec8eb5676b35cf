/* prose.c - a plan whose tasks are written as paragraphs (a Chương trình
 * hành động, a Kế hoạch without an appendix): see docread.h.
 *
 * The genre: parts with Roman numbers (I. MỤC ĐÍCH, YÊU CẦU; II. NHIỆM VỤ,
 * GIẢI PHÁP; III. TỔ CHỨC THỰC HIỆN), areas with Arabic ones (1. Hoàn thiện
 * thể chế ...), then either a lettered agency heading ("b) Sở Tư pháp:")
 * over dash items, or a lettered paragraph that names its lead inline
 * ("c) Sở Nội vụ chủ trì, phối hợp với Sở Tài chính ... Thời hạn hoàn
 * thành: Quý III năm 2026."). Only the parts that assign work give tasks:
 * purposes, requirements, targets, funding, the distribution list and the
 * signatures do not.
 *
 * Conversion leaves marks behind (## headings, **bold**, <sub>20</sub>
 * footnote numbers) and page breaks cut paragraphs: a line that does not
 * end a sentence, or one that starts in lower case, goes on the paragraph
 * before it. The deadline is the clause that says it ("Hoàn thành trong
 * Quý II năm 2026", "trước ngày 30/9/2026", "hằng năm, trước ngày 15/12",
 * "Thường xuyên"); the task keeps the whole paragraph as written. */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/docread.h"
#include "core/text.h"

enum mark { M_NONE, M_PART, M_AREA, M_LETTER, M_DASH, M_PLUS };

struct para {
	int line;               /* 1-based, where it starts */
	enum mark mark;
	char number[16];        /* "II", "1", "1.2", "a" */
	char *text;             /* after the mark */
};

struct paras {
	struct para *v;
	size_t n, cap;
};

/* ------------------------------------------------------------ cleaning */

/* One line without what conversion left: heading marks, emphasis, HTML
 * (footnote numbers in <sub>/<sup> go with their tags), entities; white
 * space folded, "./." at the end of the last paragraph made ".". */
static char *clean_line(const char *s)
{
	struct sbuf b = {NULL, 0, 0, 0};
	const char *p = s, *text;
	size_t n;
	int space = 0;

	while (*p == '#' || *p == ' ' || *p == '\t' || *p == '>')
		p++;
	sb_str(&b, "");
	/* A markdown bullet ("* item", "\- item") is a dash item. */
	if ((p[0] == '*' && p[1] == ' ') || (p[0] == '\\' && p[1] == '-' && p[2] == ' ')) {
		sb_str(&b, "-");
		p += p[0] == '*' ? 1 : 2;
	}
	while (*p) {
		if (*p == '<' && (isalpha((unsigned char)p[1]) || p[1] == '/')) {
			const char *end = strchr(p, '>');

			if (end) {
				/* <sub>20</sub>: a footnote's number, glued to the
				 * word it follows; other tags part words. */
				if (strncmp(p, "<sub>", 5) == 0 || strncmp(p, "<sup>", 5) == 0) {
					const char *close = strstr(end, "</su");

					if (close && (close = strchr(close, '>')))
						end = close;
				} else {
					space = 1;
				}
				p = end + 1;
				continue;
			}
		}
		if (*p == '&' && (n = doc_entity(p, &text))) {
			p += n;
			if (text[0] == ' ') {   /* &nbsp; parts words like a space */
				space = 1;
				continue;
			}
			if (space && b.len)
				sb_str(&b, " ");
			space = 0;
			sb_str(&b, text);
			continue;
		}
		if (p[0] == '\\' && p[1] && strchr("-*.()_#", p[1])) {
			p++;            /* a markdown escape: "1\.", "\(" */
			continue;
		}
		if ((p[0] == '*' && p[1] == '*') || (p[0] == '_' && p[1] == '_')) {
			p += 2;
			continue;
		}
		if (*p == '*' && (p == s || p[1] == '\0' || p[-1] == ' ' || p[1] == ' ')) {
			p++;            /* *emphasis* */
			continue;
		}
		if (*p == ' ' || *p == '\t' || *p == '\r') {
			space = 1;
			p++;
			continue;
		}
		if (space && b.len)
			sb_str(&b, " ");
		space = 0;
		sb_add(&b, p++, 1);
	}
	if (b.failed) {
		free(b.s);
		return NULL;
	}
	if (b.len >= 3 && strcmp(b.s + b.len - 3, "./.") == 0)
		b.s[b.len - 2] = '\0';
	return b.s;
}

/* ------------------------------------------------------------- marks */

static int is_lower_at(const char *p)
{
	utf8proc_int32_t c;

	if (utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &c) <= 0)
		return 0;
	return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

/* A title in capitals: no lower-case letter in it. */
static int all_caps(const char *s)
{
	int letters = 0;

	while (*s) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &c);

		if (n <= 0)
			return 0;
		if (utf8proc_category(c) == UTF8PROC_CATEGORY_LL)
			return 0;
		letters += utf8proc_category(c) == UTF8PROC_CATEGORY_LU;
		s += n;
	}
	return letters >= 3;
}

/* The mark a paragraph starts with; *len is its length with the space
 * after it, number gets what it says ("II", "1.2", "a", "đ"). */
static enum mark mark_of(const char *s, char number[16], size_t *len)
{
	size_t n = 0;

	number[0] = '\0';
	if ((s[0] == '-' || s[0] == '+') && s[1] == ' ') {
		*len = 2;
		return s[0] == '-' ? M_DASH : M_PLUS;
	}
	if (strncmp(s, "\xe2\x80\x93 ", 4) == 0 || strncmp(s, "\xe2\x80\xa2 ", 4) == 0) {
		*len = 4;       /* an en dash, a bullet */
		return M_DASH;
	}
	/* Roman: "II. " */
	while (s[n] == 'I' || s[n] == 'V' || s[n] == 'X')
		n++;
	if (n && n < 8 && s[n] == '.' && s[n + 1] == ' ') {
		memcpy(number, s, n);
		number[n] = '\0';
		if (doc_roman_value(number)) {
			*len = n + 2;
			return M_PART;
		}
	}
	/* A part lettered "A. ", "B. " whose title is in capitals. */
	if (s[0] >= 'A' && s[0] <= 'H' && s[1] == '.' && s[2] == ' ' && all_caps(s + 3)) {
		number[0] = s[0];
		number[1] = '\0';
		*len = 3;
		return M_PART;
	}
	/* Arabic: "1. ", "1.2. ", "1.2 " */
	n = 0;
	while (isdigit((unsigned char)s[n]) || (s[n] == '.' && isdigit((unsigned char)s[n + 1])))
		n++;
	if (n && n < 12 && (s[n] == ' ' || (s[n] == '.' && s[n + 1] == ' ')) &&
	    (s[n] == '.' || strchr(s, '.') < s + n)) {
		memcpy(number, s, n);
		number[n] = '\0';
		*len = n + (s[n] == '.' ? 2 : 1);
		return M_AREA;
	}
	/* Lettered: "a) ", "đ) " (đ is two bytes), or "a. " before a capital */
	n = strncmp(s, "\xc4\x91", 2) == 0 ? 2 : (s[0] >= 'a' && s[0] <= 'z') ? 1 : 0;
	if (n && ((s[n] == ')' && s[n + 1] == ' ') ||
		  (s[n] == '.' && s[n + 1] == ' ' && doc_is_upper_at(s + n + 2)))) {
		memcpy(number, s, n);
		number[n] = '\0';
		*len = n + 2;
		return M_LETTER;
	}
	*len = 0;
	return M_NONE;
}

/* A page number left by conversion: "12", "- 3 -". */
static int page_number(const char *s)
{
	int digits = 0;

	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (*s != '-' && *s != ' ')
			return 0;
	}
	return digits > 0 && digits <= 3;
}

static int ends_sentence(const char *s)
{
	size_t n = strlen(s);

	return n && strchr(".:;!?", s[n - 1]);
}

static int paras_add(struct paras *ps, int line, enum mark m, const char *number,
		     const char *text)
{
	struct para *p;

	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 128;
		struct para *v = realloc(ps->v, cap * sizeof *v);

		if (!v)
			return -1;
		ps->v = v;
		ps->cap = cap;
	}
	p = &ps->v[ps->n];
	p->line = line;
	p->mark = m;
	snprintf(p->number, sizeof p->number, "%s", number);
	if (!(p->text = strdup(text)))
		return -1;
	ps->n++;
	return 0;
}

/* Append a line to the last paragraph, with a space. */
static int paras_join(struct paras *ps, const char *text)
{
	struct para *p = &ps->v[ps->n - 1];
	size_t a = strlen(p->text), b = strlen(text);
	char *t = realloc(p->text, a + b + 2);

	if (!t)
		return -1;
	t[a] = ' ';
	memcpy(t + a + 1, text, b + 1);
	p->text = t;
	return 0;
}

/* A heading: a line after it goes on it only when in lower case (a title
 * cut by a page break), never because the heading ends no sentence. */
static int is_heading(const struct para *p)
{
	return p->mark == M_PART || (p->mark == M_AREA && strlen(p->text) < 160 &&
				     !ends_sentence(p->text));
}

/* The lines as paragraphs, from line `from`. */
static int paragraphs(struct reader *r, size_t from, struct paras *ps)
{
	size_t i;
	int blank = 0;

	for (i = from; i < r->nlines; i++) {
		const char *s = r->lines[i];
		char number[16];
		size_t len;
		enum mark m;

		if (!*s || page_number(s)) {
			blank = 1;
			continue;
		}
		m = mark_of(s, number, &len);
		if (m == M_NONE && ps->n) {
			const struct para *last = &ps->v[ps->n - 1];

			/* Cut by a page break (or a hard line break): a line in lower
			 * case, or after one that ends no sentence. */
			if (is_lower_at(s) || (!ends_sentence(last->text) && !is_heading(last) &&
					       !(blank && doc_is_upper_at(s) && last->mark == M_NONE))) {
				if (paras_join(ps, s) < 0)
					return doc_fail_nomem(r);
				blank = 0;
				continue;
			}
		}
		if (paras_add(ps, (int)i + 1, m, number, s + len) < 0)
			return doc_fail_nomem(r);
		blank = 0;
	}
	return 0;
}

/* ---------------------------------------------------------- deadlines */

/* Where a deadline is said, and how much of the marker to drop so the
 * schedule parser reads what is left ("Hoàn thành trong Quý II năm 2026"
 * -> "trong Quý II năm 2026"; "Thời hạn hoàn thành: Quý III năm 2026" ->
 * "Quý III năm 2026"). */
static const struct {
	const char *fold;
	int drop;               /* drop the marker itself (a label) */
} markers[] = {
	{"thoi han hoan thanh:", 1}, {"thoi gian hoan thanh:", 1}, {"thoi gian thuc hien:", 1},
	{"thoi han:", 1}, {"thoi gian:", 1}, {"tien do:", 1},
	{"hoan thanh trong ", 0}, {"hoan thanh truoc ", 0}, {"cham nhat ", 0}, {"truoc ngay ", 0}, {"trong quy ", 0}, {"trong nam ", 0},
	{"vao quy ", 0}, {"dinh ky ", 0}, {"hang nam", 0}, {"hang quy", 0}, {"hang thang", 0},
	{"thuong xuyen", 0}, {"ca nam", 0}, {"giai doan 20", 0},
};

/* The deadline clause of a paragraph (malloc'd), or NULL when it says none. */
static char *deadline(const char *text)
{
	struct folded f;
	size_t best = (size_t)-1, i, start, end;
	int drop = 0;
	char *out;

	if (text_fold_map(text, &f) < 0)
		return NULL;
	for (i = 0; i < sizeof markers / sizeof markers[0]; i++) {
		const char *p = f.s;

		while ((p = strstr(p, markers[i].fold))) {
			size_t at = (size_t)(p - f.s);

			if (at == 0 || f.s[at - 1] == ' ' || f.s[at - 1] == ',' || f.s[at - 1] == '(') {
				if (at < best) {
					best = at;
					drop = markers[i].drop ? (int)strlen(markers[i].fold) : 0;
					/* "hoàn thành trong năm 2026": the parser reads "trong ..." */
					if (strncmp(markers[i].fold, "hoan thanh ", 11) == 0)
						drop = 11;
				}
				break;
			}
			p++;
		}
	}
	if (best == (size_t)-1) {
		text_folded_free(&f);
		return NULL;
	}
	start = best + (size_t)drop;
	while (start < f.len && f.s[start] == ' ')
		start++;
	/* To the end of its sentence, or of the parenthesis it is in
	 * ("... (Phòng X chủ trì; hoàn thành trong Quý III năm 2026)"). */
	{
		const char *open = memrchr(f.s, '(', best), *close = memrchr(f.s, ')', best);
		int inside = open && (!close || close < open);

		for (end = start; end < f.len; end++)
			if (f.s[end] == ';' || (inside && f.s[end] == ')') ||
			    (f.s[end] == '.' && (end + 1 == f.len || f.s[end + 1] == ' ')))
				break;
	}
	out = start < end ? strndup(text + f.map[start], f.map[end] - f.map[start]) : NULL;
	text_folded_free(&f);
	return out;
}

/* ------------------------------------------------------------- parts */

static int has_any(const char *folded, const char *const *words)
{
	for (; *words; words++)
		if (strstr(folded, *words))
			return 1;
	return 0;
}

/* A part that gives work: tasks, solutions, organising the implementation. */
static int assigns_work(const char *title)
{
	static const char *const yes[] = {"nhiem vu", "giai phap", "to chuc thuc hien",
					  "phan cong", "trach nhiem", NULL};
	char *f = doc_folded(title);
	int r = has_any(f, yes);

	free(f);
	return r;
}

/* An area inside such a part that does not: purposes, targets, funding. */
static int gives_no_work(const char *title)
{
	static const char *const no[] = {"muc dich", "yeu cau", "muc tieu", "kinh phi",
					 "quan diem", "chi tieu", NULL};
	char *f = doc_folded(title);
	int r = strlen(f) < 80 && has_any(f, no);

	free(f);
	return r;
}

/* The end of the body: the distribution list and the signatures. */
static int ends_body(const char *text)
{
	char *f = doc_folded(text);
	int r = strncmp(f, "noi nhan", 8) == 0 || strncmp(f, "tm. ", 4) == 0 ||
		strncmp(f, "kt. ", 4) == 0;

	free(f);
	return r;
}

/* "Sở Tư pháp:", "Các sở, ban, ngành ..., Ủy ban nhân dân các xã ...:": a
 * heading naming who does the items below it. */
static int agency_heading(const char *text)
{
	size_t n = strlen(text);

	return n > 1 && n < 400 && text[n - 1] == ':';
}

/* "Sở Tài chính: Căn cứ ...": the agency before the first colon, when what
 * is before it is a name (short, and not a clause of its own). */
static char *agency_prefix(const char *text)
{
	static const char *const clause[] = {"chu tri", "phoi hop", "thuc hien", "tham muu",
					     "hoan thanh", "thoi han", "thoi gian", NULL};
	const char *colon = strchr(text, ':');
	char *prefix, *f;
	int ok;

	if (!colon || colon - text > 120 || !colon[1])
		return NULL;
	if (!(prefix = strndup(text, (size_t)(colon - text))))
		return NULL;
	f = doc_folded(prefix);
	ok = !has_any(f, clause);
	free(f);
	if (!ok) {
		free(prefix);
		return NULL;
	}
	return prefix;
}

/* ---------------------------------------------------------------- labels */

/* A line that gives a field of the task above it rather than a task of its
 * own ("- Cơ quan chủ trì: Sở Nội vụ.", "Thời gian hoàn thành: Quý II/2026",
 * "Sản phẩm: Quyết định của UBND tỉnh"), as plans often lay a task out. */
enum label { L_NONE, L_LEAD, L_COORD, L_TIME, L_OUTPUT };

static const struct {
	const char *fold;
	enum label label;
} labels[] = {
	{"co quan chu tri", L_LEAD}, {"don vi chu tri", L_LEAD}, {"chu tri", L_LEAD},
	{"co quan thuc hien", L_LEAD}, {"don vi thuc hien", L_LEAD},
	{"co quan phoi hop", L_COORD}, {"don vi phoi hop", L_COORD}, {"phoi hop", L_COORD},
	{"thoi gian hoan thanh", L_TIME}, {"thoi gian thuc hien", L_TIME},
	{"thoi han hoan thanh", L_TIME}, {"thoi han", L_TIME}, {"tien do", L_TIME},
	{"thoi gian", L_TIME},
	{"san pham", L_OUTPUT}, {"ket qua", L_OUTPUT},
};

/* The label a paragraph starts with, and where its value begins. */
static enum label label_of(const char *text, const char **value)
{
	struct folded f;
	enum label l = L_NONE;
	size_t i;

	if (text_fold_map(text, &f) < 0)
		return L_NONE;
	for (i = 0; i < sizeof labels / sizeof labels[0] && l == L_NONE; i++) {
		size_t n = strlen(labels[i].fold), at = n;

		if (strncmp(f.s, labels[i].fold, n) != 0)
			continue;
		/* "Chủ trì: X", "Cơ quan chủ trì (phối hợp): X": a colon soon after */
		while (at < f.len && at < n + 24 && f.s[at] != ':')
			at++;
		if (at < f.len && f.s[at] == ':' && at + 1 < f.len) {
			l = labels[i].label;
			*value = text + f.map[at + 1];
			while (**value == ' ')
				(*value)++;
		}
	}
	text_folded_free(&f);
	return l;
}

/* Set a task's field from a label line (the value without a final ".").
 * 0, or -1 without memory. */
static int set_field(struct doc_item *it, enum label l, const char *value)
{
	size_t n = strlen(value);
	char **field = l == L_LEAD ? &it->lead : l == L_COORD ? &it->coord
		       : l == L_TIME ? &it->schedule : &it->output;
	char *v;

	while (n && (value[n - 1] == '.' || value[n - 1] == ';' || value[n - 1] == ' '))
		n--;
	if (!(v = strndup(value, n)))
		return -1;
	free(*field);
	*field = v;
	return 0;
}

/* --------------------------------------------------------------- items */

struct walk {
	struct reader *r;
	int part, area;         /* item index of the current sections; -1 */
	int sub;                /* a lettered sub-area ("a) Cải cách thủ tục"); -1 */
	int in_work;            /* the current part and area give work */
	char *context;          /* who does the items below a heading; owned */
	int context_depth;      /* the mark that set it: M_AREA or M_LETTER */
	int last_task;          /* for "+" sub-items */
	char letter[16];        /* the current lettered paragraph's letter */
	int dashes;             /* dash items since the last number or letter */
	int tasks;
};

static void set_context(struct walk *w, const char *text, int depth)
{
	free(w->context);
	w->context = text ? strndup(text, strlen(text) - (text[strlen(text) - 1] == ':')) : NULL;
	w->context_depth = depth;
}

static int add_section(struct walk *w, const struct para *p, int parent, int depth)
{
	struct doc_item *it = doc_new_item(w->r);
	size_t n = strlen(p->text);

	if (!it)
		return -1;
	it->line = p->line;
	it->is_section = 1;
	it->parent = parent;
	it->depth = depth;
	it->number = strdup(p->number);
	it->title = strndup(p->text, n && p->text[n - 1] == ':' ? n - 1 : n);
	return it->number && it->title ? (int)(w->r->doc->n - 1) : -1;
}

static int add_task(struct walk *w, const struct para *p, const char *number, int parent,
		    const char *lead)
{
	struct doc_item *it = doc_new_item(w->r);

	if (!it)
		return -1;
	it->line = p->line;
	it->parent = parent;
	it->number = strdup(number);
	it->title = strdup(p->text);
	it->schedule = deadline(p->text);
	it->prose = 2;
	if (lead && !(it->lead = strdup(lead)))
		return -1;
	w->tasks++;
	return it->number && it->title ? (int)(w->r->doc->n - 1) : -1;
}

/* The section a task of the current area sits in. */
static int section_now(const struct walk *w)
{
	return w->sub >= 0 ? w->sub : w->area >= 0 ? w->area : w->part;
}

/* A short title with items under it: "1. Cải cách thể chế." followed by
 * lettered or dash items, or by its own 1.1. */
static int title_over_items(const struct para *p, const struct para *next)
{
	size_t n = strlen(p->number);

	if (strlen(p->text) >= 120 || !next)
		return 0;
	return next->mark == M_LETTER || next->mark == M_DASH ||
	       (next->mark == M_AREA && strncmp(next->number, p->number, n) == 0 &&
		next->number[n] == '.');
}

/* Words that make a short heading name who does what follows. */
static int names_agency(const char *text)
{
	static const char *const words[] = {"so ", "uy ban", "ubnd", "ban ", "phong ", "van phong",
					    "trung tam", "cong an", "cac co quan", "thanh tra",
					    "chi cuc", "cac don vi", NULL};
	char *f = doc_folded(text);
	int r = has_any(f, words);

	free(f);
	return r;
}

/* next: the paragraph after p, or NULL. */
static int walk_para(struct walk *w, const struct para *p, const struct para *next)
{
	const char *value;
	char number[48];
	char *prefix;
	enum label l;
	int i;

	/* A field of the task above ("- Cơ quan chủ trì: Sở Nội vụ."). */
	if ((p->mark == M_DASH || p->mark == M_PLUS || p->mark == M_NONE) && w->in_work &&
	    w->area != -2 && w->last_task >= 0 && (l = label_of(p->text, &value)) != L_NONE)
		return set_field(&w->r->doc->items[w->last_task], l, value);
	/* "a) Xây dựng Đề án ...:" followed by its fields is a task, not a
	 * heading naming who does what follows. */
	if (next && (next->mark == M_DASH || next->mark == M_NONE) &&
	    label_of(next->text, &value) != L_NONE && agency_heading(p->text) &&
	    (p->mark == M_LETTER || p->mark == M_DASH)) {
		if (!w->in_work || w->area == -2)
			return 0;
		if (p->mark == M_LETTER) {
			snprintf(w->letter, sizeof w->letter, "%s", p->number);
			w->dashes = 0;
			snprintf(number, sizeof number, "%s", p->number);
		} else if (w->letter[0]) {
			snprintf(number, sizeof number, "%s.%d", w->letter, ++w->dashes);
		} else {
			snprintf(number, sizeof number, "%d", ++w->dashes);
		}
		i = add_task(w, p, number, section_now(w), w->context);
		w->last_task = i;
		return i < 0 ? -1 : 0;
	}
	switch (p->mark) {
	case M_PART:
		w->in_work = assigns_work(p->text);
		w->area = -1;
		w->part = -1;
		w->sub = -1;
		w->last_task = -1;      /* fields below a heading are not a task's */
		set_context(w, NULL, 0);
		w->letter[0] = '\0';
		w->dashes = 0;
		if (w->in_work && (w->part = add_section(w, p, -1, 0)) < 0)
			return -1;
		return 0;
	case M_AREA:
		if (w->part < 0 && !w->in_work)
			return 0;       /* an area of a part that gives no work */
		set_context(w, NULL, 0);
		w->letter[0] = '\0';
		w->dashes = 0;
		w->last_task = -1;
		w->sub = -1;
		if (gives_no_work(p->text)) {
			w->area = -2;   /* skipped with what is under it */
			return 0;
		}
		if (is_heading(p) || agency_heading(p->text) || title_over_items(p, next)) {
			/* "1.2" sits in "1" when "1" is a section of this part. */
			int parent = w->part, depth = w->part >= 0;
			const char *dot = strrchr(p->number, '.');

			/* The nearest enclosing area numbered as its prefix. */
			for (int a = w->area; dot && a >= 0 && a != w->part;
			     a = w->r->doc->items[a].parent) {
				const struct doc_item *it = &w->r->doc->items[a];

				if (strlen(it->number) == (size_t)(dot - p->number) &&
				    strncmp(it->number, p->number, (size_t)(dot - p->number)) == 0) {
					parent = a;
					depth = it->depth + 1;
					break;
				}
			}
			if ((w->area = add_section(w, p, parent, depth)) < 0)
				return -1;
			if (agency_heading(p->text))
				set_context(w, p->text, M_AREA);
			return 0;
		}
		/* "2. Sở Nội vụ là cơ quan đầu mối, ...": a task of its own. */
		w->area = -1;
		i = add_task(w, p, p->number, w->part, NULL);
		w->last_task = i;
		return i < 0 ? -1 : 0;
	default:
		break;
	}
	if (!w->in_work || w->area == -2)
		return 0;
	switch (p->mark) {
	case M_LETTER:
		if (w->context_depth == M_LETTER)
			set_context(w, NULL, 0);
		snprintf(w->letter, sizeof w->letter, "%s", p->number);
		w->dashes = 0;
		w->sub = -1;
		if (agency_heading(p->text)) {
			set_context(w, p->text, M_LETTER);
			return 0;
		}
		/* A short title over dash items, no sentence of its own: who does
		 * them ("b) Sở Tư pháp"), or a sub-area ("a) Cải cách thủ tục"). */
		if (next && next->mark == M_DASH && strlen(p->text) < 100 &&
		    !ends_sentence(p->text)) {
			if (names_agency(p->text)) {
				set_context(w, p->text, M_LETTER);
				return 0;
			}
			i = section_now(w);
			if ((w->sub = add_section(w, p, i, i >= 0 ? w->r->doc->items[i].depth + 1
							     : 0)) < 0)
				return -1;
			return 0;
		}
		prefix = agency_prefix(p->text);
		i = add_task(w, p, p->number, section_now(w), prefix ? prefix : w->context);
		free(prefix);
		w->last_task = i;
		return i < 0 ? -1 : 0;
	case M_DASH:
		w->dashes++;
		if (w->letter[0])
			snprintf(number, sizeof number, "%s.%d", w->letter, w->dashes);
		else
			snprintf(number, sizeof number, "%d", w->dashes);
		i = add_task(w, p, number, section_now(w), w->context);
		w->last_task = i;
		return i < 0 ? -1 : 0;
	case M_PLUS:
		if (w->last_task < 0)
			return 0;
		snprintf(number, sizeof number, "%s.%d", w->r->doc->items[w->last_task].number,
			 (int)(w->r->doc->n - (size_t)w->last_task));
		return add_task(w, p, number, w->last_task, w->context) < 0 ? -1 : 0;
	default:
		/* An unmarked paragraph gives a task when it says who leads or by
		 * when; otherwise it introduces what follows. */
		{
			char *f = doc_folded(p->text), *due = deadline(p->text);
			int task = strstr(f, "chu tri") || due || strncmp(f, "giao ", 5) == 0 ||
				   strstr(f, "co trach nhiem") || strstr(f, "chiu trach nhiem");

			free(f);
			free(due);
			if (!task)
				return 0;
			snprintf(number, sizeof number, "%d", ++w->dashes);
			i = add_task(w, p, number, section_now(w), w->context);
			w->last_task = i;
			return i < 0 ? -1 : 0;
		}
	}
}

int prose_read(struct reader *r, size_t *head_end)
{
	struct paras ps = {NULL, 0, 0};
	struct walk w;
	size_t i, first = r->nlines, body;
	int rc = 0, parts = 0;

	/* Clean every line; the reader's lines point into the decoded text,
	 * so the clean copies are kept in r->clean. */
	char **clean = calloc(r->nlines + 1, sizeof *clean);

	if (!clean)
		return doc_fail_nomem(r);
	for (i = 0; i < r->nlines; i++) {
		if (!(clean[i] = clean_line(r->lines[i]))) {
			rc = doc_fail_nomem(r);
			goto out;
		}
		r->lines[i] = clean[i];
	}
	/* The body starts at the first part or area; the heading is above. */
	for (i = 0; i < r->nlines; i++) {
		char number[16];
		size_t len;
		enum mark m = mark_of(r->lines[i], number, &len);

		if (m == M_PART)
			parts++;
		if ((m == M_PART || m == M_AREA) && first == r->nlines)
			first = i;
	}
	*head_end = first;
	if ((rc = paragraphs(r, first, &ps)))
		goto out;
	memset(&w, 0, sizeof w);
	w.r = r;
	w.part = w.area = w.sub = w.last_task = -1;
	w.in_work = parts == 0;  /* no parts: every area that is not a purpose */
	for (body = 0; body < ps.n && !rc; body++) {
		if (ends_body(ps.v[body].text))
			break;
		if (walk_para(&w, &ps.v[body], body + 1 < ps.n ? &ps.v[body + 1] : NULL) < 0)
			rc = doc_fail_nomem(r);
	}
	free(w.context);
	if (!rc)
		rc = w.tasks > 0;
out:
	for (i = 0; i < ps.n; i++)
		free(ps.v[i].text);
	free(ps.v);
	/* The lines stay clean for the heading's metadata; document_read
	 * frees them. */
	r->clean = clean;
	return rc;
}
