/* schedule.c - see schedule.h. The text is folded first (lower case, no
 * diacritics, "–" as "-"), so "Quý", "quý" and "QUÝ" read alike and the
 * patterns below stay plain ASCII. The order of the checks is the point:
 * a reporting-period deadline beats the words around it, a recurrence beats
 * the quarter it recurs in, and "Theo ..." names an event only when nothing
 * datable came first. */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/schedule.h"
#include "core/text.h"

static int is_word_char(char c)
{
	return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/* Does word w start at p (and end at a word boundary)? */
static int word_at(const char *s, const char *p, const char *w)
{
	size_t n = strlen(w);

	return strncmp(p, w, n) == 0 && !is_word_char(p[n]) && (p == s || !is_word_char(p[-1]));
}

static const char *find_word(const char *s, const char *w)
{
	const char *p;

	for (p = strstr(s, w); p; p = strstr(p + 1, w))
		if (word_at(s, p, w))
			return p;
	return NULL;
}

static const char *skip_space(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

/* A number of at most maxdigits digits; p advanced past it. */
static int number(const char **pp, int maxdigits, int *out)
{
	const char *p = *pp;
	int v = 0, n = 0;

	while (isdigit((unsigned char)*p) && n < maxdigits) {
		v = v * 10 + (*p++ - '0');
		n++;
	}
	if (n == 0 || isdigit((unsigned char)*p))
		return 0;
	*out = v;
	*pp = p;
	return 1;
}

static int year_ok(int y)
{
	return y >= 1990 && y <= 2100;
}

/* "/2024", "/ 2024", " nam 2024": an optional year after a quarter or month. */
static int trailing_year(const char **pp, int *year)
{
	const char *p = skip_space(*pp);

	if (*p == '/')
		p = skip_space(p + 1);
	else if (strncmp(p, "nam ", 4) == 0)
		p = skip_space(p + 4);
	else
		return 0;
	if (number(&p, 4, year) && year_ok(*year)) {
		*pp = p;
		return 1;
	}
	return 0;
}

/* A quarter as a Roman or Arabic numeral. */
static int quarter_number(const char **pp, int *q)
{
	static const char *const roman[] = {"iv", "iii", "ii", "i"};
	static const int value[] = {4, 3, 2, 1};
	const char *p = *pp;
	int i;

	if (*p >= '1' && *p <= '4' && !is_word_char(p[1])) {
		*q = *p - '0';
		*pp = p + 1;
		return 1;
	}
	for (i = 0; i < 4; i++) {
		size_t n = strlen(roman[i]);

		if (strncmp(p, roman[i], n) == 0 && !is_word_char(p[n])) {
			*q = value[i];
			*pp = p + n;
			return 1;
		}
	}
	return 0;
}

/* "quy ii", "quy ii-iii", "quy 4/2024", "quy iv nam 2025". */
static int find_quarter(const char *s, int *q1, int *q2, int *year)
{
	const char *p;

	for (p = find_word(s, "quy"); p; p = find_word(p + 1, "quy")) {
		const char *r = skip_space(p + 3);

		if (!quarter_number(&r, q1))
			continue;
		*q2 = *q1;
		{
			const char *t = skip_space(r);

			if (*t == '-') {
				t = skip_space(t + 1);
				if (quarter_number(&t, q2) && *q2 >= *q1)
					r = t;
				else
					*q2 = *q1;
			}
		}
		*year = 0;
		trailing_year(&r, year);
		return 1;
	}
	return 0;
}

/* "thang 02/2024", "thang 6 nam 2025", "thang 12". */
static int find_month(const char *s, int *month, int *year)
{
	const char *p;

	for (p = find_word(s, "thang"); p; p = find_word(p + 1, "thang")) {
		const char *r = skip_space(p + 5);

		if (!number(&r, 2, month) || *month < 1 || *month > 12)
			continue;
		*year = 0;
		trailing_year(&r, year);
		return 1;
	}
	return 0;
}

/* "15/12/2024", "15/12", "ngay 15 thang 12 nam 2024". */
static int find_date(const char *s, int *d, int *m, int *y)
{
	const char *p;

	for (p = s; *p; p++) {
		const char *r = p;

		if (p > s && (isdigit((unsigned char)p[-1]) || p[-1] == '/'))
			continue;
		if (!number(&r, 2, d) || *r != '/')
			continue;
		r++;
		if (!number(&r, 2, m))
			continue;
		*y = 0;
		if (*r == '/') {
			r++;
			if (!number(&r, 4, y) || !year_ok(*y))
				continue;
		}
		if (*m >= 1 && *m <= 12 && *d >= 1 && *d <= 31)
			return 1;
	}
	for (p = find_word(s, "ngay"); p; p = find_word(p + 1, "ngay")) {
		const char *r = skip_space(p + 4);

		if (!number(&r, 2, d))
			continue;
		r = skip_space(r);
		if (strncmp(r, "thang ", 6) != 0)
			continue;
		r = skip_space(r + 6);
		if (!number(&r, 2, m))
			continue;
		*y = 0;
		trailing_year(&r, y);
		if (*m >= 1 && *m <= 12 && *d >= 1 && *d <= 31)
			return 1;
	}
	return 0;
}

/* Four-digit years: the first, and the second of a range "2024 - 2025". */
static int find_years(const char *s, int *y1, int *y2)
{
	const char *p;

	for (p = s; *p; p++) {
		const char *r = p;

		if (p > s && (isdigit((unsigned char)p[-1]) || p[-1] == '/'))
			continue;
		if (!number(&r, 4, y1) || !year_ok(*y1) || *r == '/')
			continue;
		*y2 = *y1;
		r = skip_space(r);
		if (*r == '-') {
			int second;

			r = skip_space(r + 1);
			if (number(&r, 4, &second) && year_ok(second) && second >= *y1)
				*y2 = second;
		}
		return 1;
	}
	return 0;
}

static void set_date(char out[11], int y, int m, int d)
{
	struct date dt = {y, m, d};

	date_format(dt, out);
}

static void set_quarters(struct schedule_parse *o, int year, int q1, int q2)
{
	struct period a = {year, q1}, b = {year, q2};
	struct date first, last, unused;

	period_bounds(a, &first, &unused);
	period_bounds(b, &unused, &last);
	date_format(first, o->start);
	date_format(last, o->due);
}

static void set_years(struct schedule_parse *o, int y1, int y2)
{
	set_date(o->start, y1, 1, 1);
	set_date(o->due, y2, 12, 31);
}

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void kind(struct schedule_parse *o, const char *k)
{
	snprintf(o->kind, sizeof o->kind, "%s", k);
}

/* Named by an event or someone else's timetable: no date of ours. */
static int follows_other(const char *s)
{
	return starts_with(s, "theo ") || starts_with(s, "thuc hien theo") ||
	       starts_with(s, "ky hop") || starts_with(s, "khi ") || starts_with(s, "tuy theo") ||
	       starts_with(s, "can cu");
}

/* One schedule (no list of milestones). */
static void parse_one(const char *s, int first, int last, struct schedule_parse *o, int depth)
{
	int recurring = find_word(s, "hang nam") || find_word(s, "moi nam");
	int q1, q2, y, y2, m, d;

	memset(o, 0, sizeof *o);
	(void)last;
	/* Deadlines tied to each reporting period. */
	if (strstr(s, "ky bao cao") || find_word(s, "hang quy") || find_word(s, "dinh ky hang quy")) {
		const char *p = find_word(s, "ngay");

		kind(o, "per-period");
		snprintf(o->recurs, sizeof o->recurs, "quarterly");
		if (p) {
			p = skip_space(p + 4);
			if (number(&p, 2, &d) && d >= 1 && d <= 31)
				set_date(o->due, first, 3, d);
		}
		return;
	}
	/* Counted from an event whose date is not known. */
	if (strstr(s, "ke tu") || starts_with(s, "sau khi") || starts_with(s, "trong thoi han") ||
	    starts_with(s, "trong vong") || starts_with(s, "ngay sau")) {
		kind(o, "relative");
		return;
	}
	/* "Theo ..." follows someone else's timetable, unless a deadline is
	 * given in parentheses: "Theo quy định (trước 15/12)". */
	if (follows_other(s)) {
		const char *open = strchr(s, '(');

		if (open && depth < 2) {
			char *inner = strdup(open + 1);

			if (inner) {
				inner[strcspn(inner, ")")] = '\0';
				parse_one(inner, first, last, o, depth + 1);
				/* Only a deadline counts, not the date of a cited decision. */
				if (strcmp(o->kind, "unknown") != 0 && strcmp(o->kind, "event") != 0 &&
				    (strstr(inner, "truoc") || strstr(inner, "cham nhat") ||
				     strstr(inner, "han ") || strcmp(o->kind, "per-period") == 0)) {
					free(inner);
					return;
				}
				free(inner);
			}
		}
		memset(o, 0, sizeof *o);
		kind(o, "event");
		if (strstr(s, "cuoi nam") && find_years(s, &y, &y2))
			set_date(o->due, y, 12, 31);
		return;
	}
	if (find_word(s, "thuong xuyen")) {
		kind(o, "continuous");
		if (!recurring && find_years(s, &y, &y2))
			set_years(o, y, y2);
		return;
	}
	if (find_quarter(s, &q1, &q2, &y)) {
		if (recurring) {
			kind(o, "recurring");
			snprintf(o->recurs, sizeof o->recurs, "yearly");
			set_quarters(o, first, q1, q2);
			return;
		}
		kind(o, q1 == q2 ? "quarter" : "range");
		set_quarters(o, y ? y : first, q1, q2);
		return;
	}
	if (find_month(s, &m, &y) && !(strstr(s, "truoc") && find_date(s, &d, &q1, &q2))) {
		y = y ? y : first;
		kind(o, recurring ? "recurring" : "month");
		if (recurring)
			snprintf(o->recurs, sizeof o->recurs, "yearly");
		set_date(o->start, y, m, 1);
		set_date(o->due, y, m, date_days_in_month(y, m));
		return;
	}
	if (find_date(s, &d, &m, &y)) {
		y = y ? y : first;
		if (!date_valid(y, m, d)) {
			kind(o, "unknown");
			return;
		}
		kind(o, recurring ? "recurring" : "date");
		if (recurring)
			snprintf(o->recurs, sizeof o->recurs, "yearly");
		set_date(o->due, y, m, d);
		return;
	}
	if (find_years(s, &y, &y2)) {
		if (starts_with(s, "nam ") || starts_with(s, "trong nam ") || starts_with(s, "tu nam ") ||
		    starts_with(s, "giai doan ") || isdigit((unsigned char)s[0]) ||
		    starts_with(s, "den nam ") || starts_with(s, "ca nam ")) {
			kind(o, y2 > y ? "range" : "year");
			set_years(o, y, y2);
			return;
		}
	}
	if (recurring) {
		kind(o, "recurring");
		snprintf(o->recurs, sizeof o->recurs, "yearly");
		return;
	}
	kind(o, "unknown");
}

/* "- A - B" or lines "- A\n- B": the items of a list of milestones. */
static int split_items(char *s, char **items, int max)
{
	int n = 0;
	char *p = s;

	while (*p && n < max) {
		char *next;

		while (*p == ' ' || *p == '-' || *p == '\n' || *p == '+')
			p++;
		if (!*p)
			break;
		items[n++] = p;
		next = strstr(p, " - ");
		{
			char *nl = strchr(p, '\n');

			if (nl && (!next || nl < next))
				next = nl;
		}
		if (!next)
			break;
		*next = '\0';
		p = next + 1;
	}
	return n;
}

void schedule_parse(const char *text, int first, int last, struct schedule_parse *out)
{
	char *folded = text_fold(text ? text : ""), *items[8];
	const char *p;
	int n, i, listed;

	memset(out, 0, sizeof *out);
	if (!folded || !folded[0]) {
		kind(out, "unknown");
		free(folded);
		return;
	}
	/* A list when it starts with a dash, or has several "- " items. */
	for (p = folded; *p == ' '; p++)
		;
	listed = *p == '-' && p[1] == ' ';
	if (listed && (n = split_items(folded, items, 8)) > 1) {
		struct schedule_parse part;

		kind(out, "milestones");
		for (i = 0; i < n; i++) {
			parse_one(items[i], first, last, &part, 0);
			if (part.start[0] && (!out->start[0] || strcmp(part.start, out->start) < 0))
				memcpy(out->start, part.start, sizeof out->start);
			if (part.due[0] && (!out->due[0] || strcmp(part.due, out->due) > 0))
				memcpy(out->due, part.due, sizeof out->due);
			if (part.recurs[0])
				memcpy(out->recurs, part.recurs, sizeof out->recurs);
		}
		free(folded);
		return;
	}
	parse_one(listed ? p + 2 : folded, first, last, out, 0);
	free(folded);
}
