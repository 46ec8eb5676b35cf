/* date.h - calendar dates and reporting quarters. */
#ifndef CORE_DATE_H
#define CORE_DATE_H

#include <stddef.h>
#include <stdint.h>

struct date {
	int y, m, d;
};

struct period {
	int year;
	int quarter;                /* 1..4 */
};

int date_valid(int y, int m, int d);
int date_days_in_month(int y, int m);
/* YYYY-MM-DD, or D/M/YYYY as Vietnamese documents write it. 0 on success. */
int date_parse(const char *s, struct date *out);
/* YYYY-MM-DD into out (11 bytes). */
void date_format(struct date d, char out[11]);
int date_compare(struct date a, struct date b);
/* Midnight UTC of d as seconds since the epoch, and the UTC day of t. */
int64_t date_epoch(struct date d);
struct date date_from_epoch(int64_t t);
/* Today in local time, or $DONDOC_TODAY (YYYY-MM-DD) when set: tests and
 * demos pin the date that "overdue" is measured against. */
struct date date_today(void);

/* "2024Q2" (q in either case). 0 on success. */
int period_parse(const char *s, struct period *out);
/* "2024Q2" into out (8 bytes). */
void period_format(struct period p, char out[8]);
struct period period_of(struct date d);
struct period period_add(struct period p, int quarters);
void period_bounds(struct period p, struct date *first, struct date *last);
/* "Quý II/2024" in Vietnamese, "Quarter II/2024" in English. */
void period_label(struct period p, char *out, size_t outsz);

#endif
