/* schedule.h - reading the "Tiến độ" cell of a plan: kind, start, due and
 * recurrence from text such as "Quý II/2024" or "Trước 25/12 hàng năm". */
#ifndef CORE_SCHEDULE_H
#define CORE_SCHEDULE_H

struct schedule_parse {
	char kind[16];              /* date month quarter year range continuous recurring
				       per-period relative event milestones unknown */
	char start[11];             /* YYYY-MM-DD, "" when there is none */
	char due[11];
	char recurs[12];            /* yearly | quarterly | "" */
};

/* Parse text written in a plan covering first_year..last_year; a missing
 * year is the plan's first year. Unplaceable text gives "unknown" and no
 * dates: never a guessed date. */
void schedule_parse(const char *text, int first_year, int last_year, struct schedule_parse *out);

#endif
