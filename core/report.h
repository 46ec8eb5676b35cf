/* report.h - the period report a unit owes its superior: tasks counted by
 * state, by section and by assigned unit, and the overdue and blocked list. */
#ifndef CORE_REPORT_H
#define CORE_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

struct report_counts {
	int64_t total, on_time, late, doing, todo, blocked, overdue, no_date;
};

struct report_row {                 /* a section or a unit */
	char label[320];
	char code[40];              /* units: the unit code */
	struct report_counts c;
	int flagged;                /* units: overdue rate at or above the threshold */
	int reported;               /* units: wrote a record on one of its tasks in the period */
	char submitted[21];         /* units: when it submitted the period's (last quarter's) report */
	char received[21];          /* units: when its bundle brought that here ("": made here) */
	int late_days;              /* units: submitted so long after the deadline (0: on time, -1: not) */
	int64_t supplementary;      /* units: its records changed after it submitted */
};

struct report_item {                /* an overdue or blocked task */
	char number[32], plan[64], lead[256], due[11];
	char *title, *note, *evidence;  /* whole, never NULL; title and note may span lines */
	int blocked;
};

/* The states a report counts, in its order: done on time, done late, in
 * progress, not started, blocked, overdue, event with no date yet. */
enum { REPORT_STATES = 7 };
const char *report_state_label(int k);     /* translated */
int64_t report_state_count(const struct report_counts *c, int k);

/* "  (on time)", "  (late by N days)" or "" (-1: not submitted). */
void report_timeliness(int late_days, char *buf, size_t size);

enum {
	REPORT_CALENDAR = 1,        /* some tasks' plans count calendar quarters */
	REPORT_REPORTING = 2,       /* some count reporting periods */
};

struct report {
	char period[32];            /* as asked: 2024Q2, 2024H1, 2024Q1-2024Q3, 2024 */
	char label[64];             /* Quý II/2024 ... */
	char from[11], to[11];      /* the days it covers (calendar quarters) */
	char rfrom[11], rto[11];    /* the same on the reporting calendar (15th to 14th) */
	int calendars;              /* REPORT_CALENDAR | REPORT_REPORTING: what the plans use */
	char unit[40], unit_name[256];
	char submitted[21];         /* when the unit submitted the last quarter ("": not yet) */
	int late_days;              /* days after the deadline it did (0: on time; -1: not yet) */
	char deadline[11];          /* the day reports for the period are due */
	double threshold;           /* overdue rate that flags a unit, 0.05 */
	struct report_counts all;
	struct report_row *sections, *units;
	size_t nsections, nunits;
	struct report_item *items;
	size_t nitems;
};

/* Kept in the database, set by the level that reads the reports. */
struct report_settings {
	int threshold;              /* overdue percent that flags a unit: 5 */
	int deadline_day;           /* reports are due on this day of the period's last
				     * month (clamped to its length); 0: on its last day,
				     * or the 14th on the reporting calendar */
};

int report_settings_get(struct core *c, struct report_settings *out, struct error *err);
/* Stores the values given (0..100, 0..31; -1: leave as it is), in one
 * transaction. */
int report_settings_set(struct core *c, int threshold, int deadline_day, struct error *err);

/* The unit (NULL: the acting unit) submits its report for a quarter (NULL:
 * the current one): from
 * then on a change to its records of that quarter is marked supplementary.
 * submitted gets the time (ISO 8601 UTC). A second submission is refused. */
int report_submit(struct core *c, const char *period, const char *unit, char submitted[21],
		  struct error *err);

/* period: 2024Q2, 2024H1 or 2024H2, 2024Q1-2024Q3, 2024 (NULL: the current
 * quarter). unit: a code, or
 * NULL for the acting unit; units below it are counted too. threshold: the
 * overdue rate that flags a unit (0.05), or below 0 for the setting's. */
int report_build(struct core *c, const char *period, const char *unit, double threshold,
		 struct report *out, struct error *err);
void report_free(struct report *r);

/* "Submitted: <time>  (on time); due <day>" or "Not submitted yet; due <day>". */
void report_submission_line(const struct report *r, char *buf, size_t size);

/* Rates in percent, 0 when there is nothing to divide. */
double report_on_time_rate(const struct report_counts *c);
double report_overdue_rate(const struct report_counts *c);

#endif
