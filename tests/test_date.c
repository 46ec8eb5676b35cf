/* test_date.c - dates, quarters and the hybrid logical clock. */
#include <config.h>

#include "core/date.h"
#include "core/hlc.h"
#include "tests/tap.h"

int main(void)
{
	struct period p;
	struct date d, first, last;
	char buf[16];

	ok(period_parse("2024Q2", &p) == 0 && p.year == 2024 && p.quarter == 2, "2024Q2 parses");
	ok(period_parse("2024q4", &p) == 0 && p.quarter == 4, "lower-case q accepted");
	ok(period_parse("2024Q5", &p) != 0, "quarter 5 refused");
	ok(period_parse("2024Q0", &p) != 0, "quarter 0 refused");
	ok(period_parse("24Q1", &p) != 0, "two-digit year refused");
	ok(period_parse("2024Q2x", &p) != 0, "trailing text refused");
	ok(period_parse("Q2/2024", &p) != 0, "other spellings refused");

	period_parse("2024Q1", &p);
	period_bounds(p, &first, &last);
	date_format(first, buf);
	is_str(buf, "2024-01-01", "2024Q1 starts on 1 January");
	date_format(last, buf);
	is_str(buf, "2024-03-31", "2024Q1 ends on 31 March");
	period_parse("2023Q4", &p);
	period_format(period_add(p, 1), buf);
	is_str(buf, "2024Q1", "the quarter after 2023Q4 is 2024Q1");
	period_format(period_add(p, -4), buf);
	is_str(buf, "2022Q4", "four quarters back");
	d.y = 2024; d.m = 6; d.d = 30;
	period_format(period_of(d), buf);
	is_str(buf, "2024Q2", "30 June is in Q2");

	ok(date_parse("2024-02-29", &d) == 0, "29 February 2024 exists");
	ok(date_parse("2023-02-29", &d) != 0, "29 February 2023 does not");
	ok(date_parse("15/6/2024", &d) == 0 && d.m == 6 && d.d == 15, "D/M/YYYY accepted");
	ok(date_parse("2024-6-15", &d) != 0, "unpadded ISO refused");
	ok(date_parse("31/04/2024", &d) != 0, "31 April refused");
	is_int(date_days_in_month(1900, 2), 28, "1900 is not a leap year");
	is_int(date_days_in_month(2000, 2), 29, "2000 is a leap year");

	{
		int64_t a = hlc_next(0, 1000), b = hlc_next(a, 1000), c = hlc_next(b, 900);
		int64_t e = hlc_next(c, 2000);

		ok(b > a, "same millisecond still advances");
		ok(c > b, "a clock that goes back still advances");
		ok(e > c && (e >> 16) == 2000, "a later clock takes over");
		ok(hlc_next((int64_t)5 << 16 | 0xffff, 5) > ((int64_t)5 << 16 | 0xffff),
		   "a full counter borrows a millisecond");
	}
	return tap_done();
}
