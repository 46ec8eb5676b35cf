/* cmd_report.c - "dondoc report": the period report as text to paste into
 * the official document, or CSV for spreadsheets. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/csvplan.h"
#include "core/report.h"
#include "core/text.h"
#include "db/i18n.h"
#include "tui/cli.h"
#include "tui/out.h"

static const char usage[] = N_(
	"report [--period P] [--unit CODE] [--format text|csv|html] [--threshold PCT]\n"
	"              [--bom] [-o FILE]\n"
	"P is a quarter (2024Q2), a half (2024H1), a range in one year (2024Q1-2024Q3)\n"
	"or a year (2024); the default is the current quarter. Units below CODE are\n"
	"counted too; units whose overdue rate reaches PCT (default: the setting) are\n"
	"flagged.\n"
	"       dondoc report submit [--period YYYYQN] [--unit CODE]\n"
	"Submitting sends the quarter's report: later changes to the unit's records of\n"
	"that quarter are marked supplementary.\n"
	"       dondoc report settings [--threshold PCT] [--deadline-day N|end]\n"
	"shows or sets, for this database, the overdue rate that flags a unit (5) and\n"
	"the day of the period's last month reports are due (end: its last day, or\n"
	"the 14th on the reporting calendar).");

static void text_table(FILE *f, const char *title, const struct report_row *rows, size_t n,
		       int units, double threshold)
{
	size_t i;
	int w = 12, k;

	for (i = 0; i < n; i++) {
		int lw = text_width(units ? rows[i].code : rows[i].label);

		if (lw > w)
			w = lw > 60 ? 60 : lw;
	}
	out_printf(f, "\n%s\n", title);
	out_padded(f, units ? _("Unit") : _("Section"), w + 2);
	out_right(f, _("Total"), 6);
	for (k = 0; k < REPORT_STATES; k++)
		out_printf(f, "  %s", report_state_label(k));
	out_printf(f, "  %s\n", _("overdue %"));
	for (i = 0; i < n; i++) {
		char cut[256];

		text_truncate(units ? rows[i].code : rows[i].label, w, 0, cut, sizeof cut);
		out_padded(f, cut, w + 2);
		out_printf(f, "%6lld", (long long)rows[i].c.total);
		for (k = 0; k < REPORT_STATES; k++) {
			int cw = text_width(report_state_label(k));

			out_printf(f, "  %*lld", cw, (long long)report_state_count(&rows[i].c, k));
		}
		out_printf(f, "  %*.1f%s\n", text_width(_("overdue %")) - 1,
			   report_overdue_rate(&rows[i].c), rows[i].flagged ? " !" : "");
	}
	if (units)
		out_printf(f, _("(! overdue rate at or above %.0f%%: not eligible for a good ranking)\n"),
			   threshold * 100);
}

/* The days the report covers, and which calendar counted them. */
static const char *report_from(const struct report *r)
{
	return r->calendars == REPORT_REPORTING ? r->rfrom : r->from;
}

static const char *report_to(const struct report *r)
{
	return r->calendars == REPORT_REPORTING ? r->rto : r->to;
}

static void calendar_line(const struct report *r, char *buf, size_t size)
{
	if (r->calendars == REPORT_REPORTING)
		snprintf(buf, size, "%s", _("Calendar: reporting periods (15th to the 14th)"));
	else if (r->calendars & REPORT_REPORTING)
		snprintf(buf, size, _("Calendar: calendar quarters; plans on the reporting calendar: "
				      "%s to %s"), r->rfrom, r->rto);
	else
		snprintf(buf, size, "%s", _("Calendar: calendar quarters"));
}

static const char *calendar_word(const struct report *r)
{
	return r->calendars == REPORT_REPORTING ? "reporting"
	       : r->calendars & REPORT_REPORTING ? "mixed" : "calendar";
}

/* The two lists of units under the ranking: those with no record for the
 * period (submitted 0) and those that submitted their report (1). Whether
 * unit i belongs in the list, and what follows its code there. */
static const char *unit_list_title(int submitted)
{
	return submitted ? _("Units that submitted their report")
			 : _("Units with no record for the period");
}

static int unit_list_entry(const struct report *r, size_t i, int submitted, char *detail,
			   size_t size)
{
	const struct report_row *u = &r->units[i];

	if (!submitted) {
		snprintf(detail, size, "%s", u->label);
		return !u->reported;
	}
	if (!u->submitted[0])
		return 0;
	/* When it was sent and, through a bundle, when it arrived here. */
	if (u->received[0])
		snprintf(detail, size, _("%s  (arrived %s)"), u->submitted, u->received);
	else
		snprintf(detail, size, "%s", u->submitted);
	report_timeliness(u->late_days, detail + strlen(detail), size - strlen(detail));
	if (u->supplementary)
		snprintf(detail + strlen(detail), size - strlen(detail),
			 _("  (supplementary changes since: %lld)"), (long long)u->supplementary);
	return 1;
}

static void text_unit_list(FILE *f, const struct report *r, int submitted)
{
	char detail[512];
	size_t shown = 0;

	out_printf(f, "\n%s\n", unit_list_title(submitted));
	for (size_t i = 0; i < r->nunits; i++) {
		if (!unit_list_entry(r, i, submitted, detail, sizeof detail))
			continue;
		out_printf(f, "  ");
		out_padded(f, r->units[i].code, 12);
		out_printf(f, "  %s\n", detail);
		shown++;
	}
	if (!shown)
		out_printf(f, "  %s\n", _("none"));
}

/* Text that may span lines, each line after the first indented under the
 * item it belongs to, so a multi-line title or note keeps the list readable
 * when pasted into the official report. */
static void indented(FILE *f, const char *s)
{
	for (;;) {
		size_t n = strcspn(s, "\n");

		out_printf(f, "%.*s\n", (int)n, s);
		s += n;
		if (!s[0] || !s[1])
			break;
		s++;
		fputs("        ", f);
	}
}

static void print_text(FILE *f, const struct report *r)
{
	char line[256];
	int k, w = 22;              /* the labels' column, wide enough for the longest */

	for (k = 0; k < REPORT_STATES; k++)
		if (text_width(report_state_label(k)) + 2 > w)
			w = text_width(report_state_label(k)) + 2;

	out_printf(f, _("Report on the plan tasks: %s (%s to %s)\n"), r->label, report_from(r),
		   report_to(r));
	out_printf(f, _("Unit: %s  %s (with the units below it)\n"), r->unit, r->unit_name);
	calendar_line(r, line, sizeof line);
	out_printf(f, "%s\n", line);
	report_submission_line(r, line, sizeof line);
	out_printf(f, "%s\n\n", line);
	out_padded(f, _("Tasks"), w + 2);
	out_printf(f, "%6lld\n", (long long)r->all.total);
	for (k = 0; k < REPORT_STATES; k++) {
		fputs("  ", f);
		out_padded(f, report_state_label(k), w);
		out_printf(f, "%6lld\n", (long long)report_state_count(&r->all, k));
	}
	out_padded(f, _("On-time rate"), w + 2);
	out_printf(f, "%5.1f%%\n", report_on_time_rate(&r->all));
	out_padded(f, _("Overdue rate"), w + 2);
	out_printf(f, "%5.1f%%\n", report_overdue_rate(&r->all));
	text_table(f, _("By section"), r->sections, r->nsections, 0, r->threshold);
	if (r->nunits) {
		text_table(f, _("By assigned unit, ranked"), r->units, r->nunits, 1, r->threshold);
		text_unit_list(f, r, 0);
		text_unit_list(f, r, 1);
	}
	out_printf(f, "\n%s\n", _("Overdue and blocked tasks"));
	if (!r->nitems)
		out_printf(f, "  %s\n", _("none"));
	for (size_t i = 0; i < r->nitems; i++) {
		const struct report_item *it = &r->items[i];

		out_printf(f, "  %s %s  [%s]  ", it->plan, it->number,
			   it->blocked ? _("blocked") : _("overdue"));
		indented(f, it->title);
		out_printf(f, _("      lead: %s; due: %s\n"), it->lead[0] ? it->lead : "-",
			   it->due[0] ? it->due : "-");
		if (it->note[0]) {
			out_printf(f, "      %s ", _("last note:"));
			indented(f, it->note);
		}
		if (it->evidence[0])
			out_printf(f, _("      evidence: %s\n"), it->evidence);
	}
}

/* unit: for a unit's row, which adds whether it is flagged and has reported. */
static void csv_counts(FILE *f, const char *label, const struct report_counts *c,
		       const struct report_row *unit)
{
	char n[32];

	csv_field(f, label, 0);
	snprintf(n, sizeof n, "%lld", (long long)c->total);
	csv_field(f, n, 0);
	for (int k = 0; k < REPORT_STATES; k++) {
		snprintf(n, sizeof n, "%lld", (long long)report_state_count(c, k));
		csv_field(f, n, 0);
	}
	snprintf(n, sizeof n, "%.1f", report_overdue_rate(c));
	csv_field(f, n, !unit);
	if (unit) {
		csv_field(f, unit->flagged ? "1" : "0", 0);
		csv_field(f, unit->reported ? "1" : "0", 0);
		csv_field(f, unit->submitted, 0);
		snprintf(n, sizeof n, "%lld", (long long)unit->supplementary);
		csv_field(f, n, 0);
		csv_field(f, unit->received, 0);
		snprintf(n, sizeof n, "%d", unit->late_days);
		csv_field(f, unit->late_days >= 0 ? n : "", 1);
	}
}

/* One table per part of the report, separated by an empty line. CSV stays
 * UTF-8 and machine-readable: column names are fixed English words. */
static void print_csv(FILE *f, const struct report *r)
{
	static const char *const head[] = {
		"total", "done_on_time", "done_late", "in_progress", "not_started", "blocked",
		"overdue", "no_date", "overdue_rate",
	};
	size_t i;

	fputs("report,period,from,to,unit,unit_name,on_time_rate,overdue_rate,calendar,submitted,"
	      "late_days,deadline\r\n", f);
	csv_field(f, "summary", 0);
	csv_field(f, r->period, 0);
	csv_field(f, report_from(r), 0);
	csv_field(f, report_to(r), 0);
	csv_field(f, r->unit, 0);
	csv_field(f, r->unit_name, 0);
	fprintf(f, "%.1f,%.1f,%s,%s,", report_on_time_rate(&r->all), report_overdue_rate(&r->all),
		calendar_word(r), r->submitted);
	if (r->late_days >= 0)
		fprintf(f, "%d", r->late_days);
	fprintf(f, ",%s\r\n\r\n", r->deadline);
	fputs("section", f);
	for (i = 0; i < 9; i++)
		fprintf(f, ",%s", head[i]);
	fputs("\r\n", f);
	csv_counts(f, "all", &r->all, NULL);
	for (i = 0; i < r->nsections; i++)
		csv_counts(f, r->sections[i].label, &r->sections[i].c, NULL);
	fputs("\r\nunit", f);
	for (i = 0; i < 9; i++)
		fprintf(f, ",%s", head[i]);
	fputs(",flagged,reported,submitted,supplementary,received,late_days\r\n", f);
	for (i = 0; i < r->nunits; i++)
		csv_counts(f, r->units[i].code, &r->units[i].c, &r->units[i]);
	fputs("\r\nplan,number,state,title,lead,due,last_note,evidence\r\n", f);
	for (i = 0; i < r->nitems; i++) {
		const struct report_item *it = &r->items[i];

		csv_field(f, it->plan, 0);
		csv_field(f, it->number, 0);
		csv_field(f, it->blocked ? "blocked" : "overdue", 0);
		csv_field(f, it->title, 0);
		csv_field(f, it->lead, 0);
		csv_field(f, it->due, 0);
		csv_field(f, it->note, 0);
		csv_field(f, it->evidence, 1);
	}
}

/* Text from documents into HTML: the five characters that matter escaped,
 * control characters dropped. */
static void html_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		case '\n': fputs("<br>", f); break;
		default:
			if ((unsigned char)*s >= 0x20 && *s != 0x7f)
				fputc(*s, f);
		}
	}
}

static void html_row(FILE *f, const char *label, const struct report_counts *c, int flagged)
{
	double rate = report_overdue_rate(c);

	fputs("<tr><td>", f);
	html_text(f, label);
	if (flagged)
		fputs(" <b>!</b>", f);
	fprintf(f, "</td><td>%lld</td>", (long long)c->total);
	for (int k = 0; k < REPORT_STATES; k++)
		fprintf(f, "<td>%lld</td>", (long long)report_state_count(c, k));
	fprintf(f, "<td>%.1f</td><td class=bar><div style=\"width:%.0f%%\"></div></td></tr>\n",
		rate, rate);
}

static void html_table(FILE *f, const char *title, const char *first, const struct report_row *rows,
		       size_t n, int units)
{
	fputs("<h2>", f);
	html_text(f, title);
	fputs("</h2>\n<table>\n<tr><th>", f);
	html_text(f, first);
	fputs("</th><th>", f);
	html_text(f, _("Total"));
	for (int k = 0; k < REPORT_STATES; k++) {
		fputs("</th><th>", f);
		html_text(f, report_state_label(k));
	}
	fputs("</th><th>", f);
	html_text(f, _("overdue %"));
	fputs("</th><th></th></tr>\n", f);
	for (size_t i = 0; i < n; i++)
		html_row(f, units ? rows[i].code : rows[i].label, &rows[i].c, rows[i].flagged);
	fputs("</table>\n", f);
}

/* The text lines' trailing newlines are not wanted in HTML. */
static void chomp(char *s)
{
	size_t n = strlen(s);

	while (n && s[n - 1] == '\n')
		s[--n] = '\0';
}

/* A list item: first, then rest after a space (NULL: none). */
static void html_item(FILE *f, const char *first, const char *rest)
{
	fputs("<li>", f);
	html_text(f, first);
	if (rest) {
		fputs(" ", f);
		html_text(f, rest);
	}
	fputs("</li>\n", f);
}

static void html_unit_list(FILE *f, const struct report *r, int submitted)
{
	char detail[512];
	size_t shown = 0;

	fputs("<h2>", f);
	html_text(f, unit_list_title(submitted));
	fputs("</h2>\n<ul>\n", f);
	for (size_t i = 0; i < r->nunits; i++) {
		if (!unit_list_entry(r, i, submitted, detail, sizeof detail))
			continue;
		html_item(f, r->units[i].code, detail);
		shown++;
	}
	if (!shown)
		html_item(f, _("none"), NULL);
	fputs("</ul>\n", f);
}

/* One printable file: no scripts, no fonts or images from the network; the
 * bars are boxes whose width is the rate. */
static void print_html(FILE *f, const struct report *r)
{
	char line[512];

	fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>", f);
	html_text(f, r->label);
	fputs("</title>\n<style>\n"
	      "body{font-family:\"Times New Roman\",serif;margin:2em}\n"
	      "table{border-collapse:collapse;margin:1em 0}\n"
	      "th,td{border:1px solid #000;padding:2px 6px;text-align:right}\n"
	      "td:first-child,th:first-child{text-align:left}\n"
	      "td.bar{width:10em}td.bar div{height:.8em;background:#555}\n"
	      "@media print{body{margin:0}}\n"
	      "</style></head><body>\n<h1>", f);
	snprintf(line, sizeof line, _("Report on the plan tasks: %s (%s to %s)\n"), r->label,
		 report_from(r), report_to(r));
	chomp(line);
	html_text(f, line);
	fputs("</h1>\n<p>", f);
	snprintf(line, sizeof line, _("Unit: %s  %s (with the units below it)\n"), r->unit,
		 r->unit_name);
	chomp(line);
	html_text(f, line);
	fputs("<br>", f);
	calendar_line(r, line, sizeof line);
	html_text(f, line);
	fputs("<br>", f);
	report_submission_line(r, line, sizeof line);
	html_text(f, line);
	fputs("</p>\n<table>\n<tr><td>", f);
	html_text(f, _("Tasks"));
	fprintf(f, "</td><td>%lld</td></tr>\n", (long long)r->all.total);
	for (int k = 0; k < REPORT_STATES; k++) {
		fputs("<tr><td>", f);
		html_text(f, report_state_label(k));
		fprintf(f, "</td><td>%lld</td></tr>\n", (long long)report_state_count(&r->all, k));
	}
	fputs("<tr><td>", f);
	html_text(f, _("On-time rate"));
	fprintf(f, "</td><td>%.1f%%</td></tr>\n<tr><td>", report_on_time_rate(&r->all));
	html_text(f, _("Overdue rate"));
	fprintf(f, "</td><td>%.1f%%</td></tr>\n</table>\n", report_overdue_rate(&r->all));
	html_table(f, _("By section"), _("Section"), r->sections, r->nsections, 0);
	if (r->nunits) {
		html_table(f, _("By assigned unit, ranked"), _("Unit"), r->units, r->nunits, 1);
		html_unit_list(f, r, 0);
		html_unit_list(f, r, 1);
	}
	fputs("<h2>", f);
	html_text(f, _("Overdue and blocked tasks"));
	fputs("</h2>\n<table>\n", f);
	for (size_t i = 0; i < r->nitems; i++) {
		const struct report_item *it = &r->items[i];

		fputs("<tr><td>", f);
		html_text(f, it->plan);
		fputs(" ", f);
		html_text(f, it->number);
		fputs("</td><td>", f);
		html_text(f, it->blocked ? _("blocked") : _("overdue"));
		fputs("</td><td>", f);
		html_text(f, it->title);
		fputs("</td><td>", f);
		html_text(f, it->lead);
		fputs("</td><td>", f);
		html_text(f, it->due);
		fputs("</td><td>", f);
		html_text(f, it->note);
		fputs("</td><td>", f);
		html_text(f, it->evidence);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n</body></html>\n", f);
}

/* report settings: print them, after changing those given (-1: keep). */
static int settings(struct cli *cli, int threshold, int deadline_day)
{
	struct report_settings set;
	struct error err;
	struct core *c;
	int rc;

	if (!(c = cli_open(cli, threshold < 0 && deadline_day < 0)))
		return EXIT_ERROR;
	error_clear(&err);
	if ((threshold < 0 && deadline_day < 0) ||
	    !(rc = report_settings_set(c, threshold, deadline_day, &err)))
		rc = report_settings_get(c, &set, &err);
	core_close(c);
	if (rc)
		return cli_fail(&err);
	out_printf(stdout, _("Overdue threshold: %d%%\n"), set.threshold);
	if (set.deadline_day)
		out_printf(stdout, _("Reports due: day %d of the period's last month\n"),
			   set.deadline_day);
	else
		out_printf(stdout, "%s\n", _("Reports due: the period's last day (the 14th of its "
					     "last month on the reporting calendar)"));
	return EXIT_OK;
}

static int submit(struct cli *cli, const char *period, const char *unit)
{
	char at[21];
	struct error err;
	struct core *c;
	int rc;

	if (!(c = cli_open(cli, 0)))
		return EXIT_ERROR;
	error_clear(&err);
	rc = report_submit(c, period, unit, at, &err);
	core_close(c);
	if (rc)
		return cli_fail(&err);
	out_printf(stdout, _("Submitted at %s.\n"), at);
	return EXIT_OK;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		COMMON_LONG_OPTIONS,
		{"period", required_argument, NULL, 'p'},
		{"unit", required_argument, NULL, 'u'},
		{"format", required_argument, NULL, 'f'},
		{"threshold", required_argument, NULL, 't'},
		{"bom", no_argument, NULL, 'b'},
		{"output", required_argument, NULL, 'o'},
		{"deadline-day", required_argument, NULL, 'd'},
		{NULL, 0, NULL, 0},
	};
	const char *period = NULL, *unit = NULL, *format = "text", *output = NULL;
	char *tmp = NULL;
	int threshold = -1, deadline_day = -1;
	struct report r;
	struct error err;
	struct core *c;
	FILE *f = stdout;
	int opt, rc, bom = 0;
	long n;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
		switch (opt) {
		case 'p': period = optarg; break;
		case 'u': unit = optarg; break;
		case 'f': format = optarg; break;
		case 'b': bom = 1; break;
		case 'o': output = optarg; break;
		case 't':
			if ((n = cli_number(optarg)) < 0 || n > 100) {
				out_error(_("--threshold '%s': give a percentage from 0 to 100"), optarg);
				return EXIT_USAGE;
			}
			threshold = (int)n;
			break;
		case 'd':
			if (strcmp(optarg, "end") == 0)
				n = 0;
			else if ((n = cli_number(optarg)) < 1 || n > 31) {
				out_error(_("--deadline-day '%s': give a day from 1 to 31, or end"),
					  optarg);
				return EXIT_USAGE;
			}
			deadline_day = (int)n;
			break;
		default:
			if (!cli_common_option(cli, opt, optarg, usage))
				return cli_usage_error(usage);
		}
	}
	if (optind + 1 == argc && strcmp(argv[optind], "submit") == 0)
		return submit(cli, period, unit);
	if (optind + 1 == argc && strcmp(argv[optind], "settings") == 0)
		return settings(cli, threshold, deadline_day);
	if (optind != argc)
		return cli_usage_error(usage);
	if (deadline_day >= 0) {
		out_error("%s", _("--deadline-day is a setting: use 'dondoc report settings "
				  "--deadline-day N'"));
		return EXIT_USAGE;
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "csv") != 0 &&
	    strcmp(format, "html") != 0) {
		out_error(_("--format '%s': use text, csv or html"), format);
		return EXIT_USAGE;
	}
	if (!(c = cli_open(cli, 1)))
		return EXIT_ERROR;
	error_clear(&err);
	if ((rc = report_build(c, period, unit, threshold < 0 ? -1 : threshold / 100.0, &r, &err))) {
		core_close(c);
		return cli_fail(&err);
	}
	if (output && (asprintf(&tmp, "%s.tmp%ld", output, (long)getpid()) < 0 ||
		       !(f = fopen(tmp, "wb")))) {
		out_error(_("%s: cannot write: %s"), output, strerror(errno));
		rc = EXIT_ERROR;
	} else {
		if (bom)
			fputs("\xef\xbb\xbf", f);
		if (strcmp(format, "csv") == 0)
			print_csv(f, &r);
		else if (strcmp(format, "html") == 0)
			print_html(f, &r);
		else
			print_text(f, &r);
		if (output) {
			if (fclose(f) != 0 || rename(tmp, output) != 0) {
				out_error(_("%s: cannot write: %s"), output, strerror(errno));
				unlink(tmp);
				rc = EXIT_ERROR;
			}
		}
	}
	free(tmp);
	report_free(&r);
	core_close(c);
	return rc;
}
