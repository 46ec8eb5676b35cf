/* date.c - see date.h. Dates are plain (y, m, d) triples: the program needs
 * comparison, month lengths and quarter bounds, never time zones. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "db/i18n.h"

int date_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return m >= 1 && m <= 12 ? days[m - 1] : 0;
}

int date_valid(int y, int m, int d)
{
	return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= date_days_in_month(y, m);
}

int date_parse(const char *s, struct date *out)
{
	int y, m, d, n = 0;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && s[n] == '\0' && n == 10)
		;
	else if (sscanf(s, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 && s[n] == '\0')
		;
	else
		return -1;
	if (!date_valid(y, m, d))
		return -1;
	out->y = y;
	out->m = m;
	out->d = d;
	return 0;
}

void date_format(struct date d, char out[11])
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)d.y % 10000, (unsigned)d.m % 100,
		 (unsigned)d.d % 100);
}

int date_compare(struct date a, struct date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	return a.d < b.d ? -1 : a.d > b.d;
}

struct date date_today(void)
{
	const char *pinned = getenv("DONDOC_TODAY");
	struct date d;
	struct tm tm;
	time_t now;

	if (pinned && date_parse(pinned, &d) == 0)
		return d;
	now = time(NULL);
	localtime_r(&now, &tm);
	d.y = tm.tm_year + 1900;
	d.m = tm.tm_mon + 1;
	d.d = tm.tm_mday;
	return d;
}

int period_parse(const char *s, struct period *out)
{
	int y, q, n = 0;
	char c;

	if (sscanf(s, "%4d%c%1d%n", &y, &c, &q, &n) != 3 || s[n] != '\0' || n != 6)
		return -1;
	if ((c != 'Q' && c != 'q') || q < 1 || q > 4 || y < 1900 || y > 9999)
		return -1;
	out->year = y;
	out->quarter = q;
	return 0;
}

void period_format(struct period p, char out[8])
{
	snprintf(out, 8, "%04uQ%u", (unsigned)p.year % 10000, (unsigned)p.quarter % 10);
}

struct period period_of(struct date d)
{
	struct period p = {d.y, (d.m - 1) / 3 + 1};

	return p;
}

struct period period_add(struct period p, int quarters)
{
	int n = p.year * 4 + (p.quarter - 1) + quarters;

	p.year = n / 4;
	p.quarter = n % 4 + 1;
	return p;
}

void period_bounds(struct period p, struct date *first, struct date *last)
{
	first->y = last->y = p.year;
	first->m = (p.quarter - 1) * 3 + 1;
	first->d = 1;
	last->m = first->m + 2;
	last->d = date_days_in_month(p.year, last->m);
}

void period_label(struct period p, char *out, size_t outsz)
{
	static const char *const roman[] = {"I", "II", "III", "IV"};

	/* TRANSLATORS: a reporting quarter: Roman numeral, then the year. */
	snprintf(out, outsz, _("Quarter %s/%d"), roman[(p.quarter - 1) & 3], p.year);
}

/* Days from the civil date (Howard Hinnant's algorithm): no timegm(), no
 * time zone. */
int64_t date_epoch(struct date d)
{
	int64_t y = d.y - (d.m <= 2), era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400, mp = (d.m + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + d.d - 1, doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (era * 146097 + doe - 719468) * 86400;
}

struct date date_from_epoch(int64_t t)
{
	int64_t z = (t >= 0 ? t : t - 86399) / 86400 + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	struct date d;

	d.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.y = (int)(yoe + era * 400 + (d.m <= 2));
	return d;
}
