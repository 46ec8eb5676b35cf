/* cmd_plan.c - "dondoc plan|section|task ...": creating plans by hand
 * (the importer does it from documents). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/plans.h"
#include "db/i18n.h"
#include "tui/cli.h"
#include "tui/out.h"

static const char plan_usage[] = N_(
	"plan add --title TEXT [--number NUMBER] [--issuer CODE] [--date DATE] [--years Y[-Y]]\n"
	"       dondoc plan list [--json]\n"
	"       dondoc plan calendar PLAN calendar|reporting\n"
	"A plan on the reporting calendar counts a quarter from the 15th of the month\n"
	"before it to the 14th of its last month, as periodic reports do.");

static int print_plan(const struct plan *p, void *ctx)
{
	struct json *j = ctx;

	if (j) {
		json_object(j, NULL);
		json_int(j, "id", p->id);
		json_string(j, "gid", p->gid);
		json_string(j, "number", p->number);
		json_string(j, "issuer", p->issuer_code);
		json_string(j, "issued", p->issued);
		json_string(j, "title", p->title);
		json_int(j, "start_year", p->start_year);
		json_int(j, "end_year", p->end_year);
		json_string(j, "calendar", p->calendar);
		json_int(j, "tasks", p->task_count);
		json_end_object(j);
		json_end_line(j);
		return 0;
	}
	out_printf(stdout, "%-5lld ", (long long)p->id);
	out_padded(stdout, p->number[0] ? p->number : "-", 16);
	if (p->start_year == p->end_year)
		out_printf(stdout, "  %d      ", p->start_year);
	else
		out_printf(stdout, "  %d-%d", p->start_year, p->end_year);
	out_printf(stdout, "  %5lld  %s  %s%s\n", (long long)p->task_count, p->issuer_code, p->title,
		   p->calendar && strcmp(p->calendar, "reporting") == 0
		   ? _("  [reporting calendar: 15th to 14th]") : "");
	return 0;
}

/* "2024" or "2021-2025". */
static int parse_years(const char *s, int *start, int *end)
{
	char tail;

	if (sscanf(s, "%d-%d%c", start, end, &tail) == 2)
		return *start >= 1900 && *end >= *start && *end <= 9999 ? 0 : -1;
	if (sscanf(s, "%d%c", start, &tail) == 1) {
		*end = *start;
		return *start >= 1900 && *start <= 9999 ? 0 : -1;
	}
	return -1;
}

int cmd_plan(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		COMMON_LONG_OPTIONS,
		{"title", required_argument, NULL, 't'},
		{"number", required_argument, NULL, 'n'},
		{"issuer", required_argument, NULL, 'i'},
		{"date", required_argument, NULL, 'd'},
		{"years", required_argument, NULL, 'y'},
		{"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	struct plan_input in;
	struct json json;
	struct error err;
	struct core *c;
	int64_t id;
	int opt, as_json = 0, rc, add;

	memset(&in, 0, sizeof in);
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (opt) {
		case 't': in.title = optarg; break;
		case 'n': in.number = optarg; break;
		case 'i': in.issuer = optarg; break;
		case 'd': in.issued = optarg; break;
		case 'j': as_json = 1; break;
		case 'y':
			if (parse_years(optarg, &in.start_year, &in.end_year)) {
				out_error(_("--years '%s': write a year or a range such as 2021-2025"), optarg);
				return EXIT_USAGE;
			}
			break;
		default:
			if (!cli_common_option(cli, opt, optarg, plan_usage))
				return cli_usage_error(plan_usage);
		}
	}
	if (optind + 3 == argc && strcmp(argv[optind], "calendar") == 0) {
		if (!(c = cli_open(cli, 0)))
			return EXIT_ERROR;
		error_clear(&err);
		rc = plan_set_calendar(c, argv[optind + 1], argv[optind + 2], &err);
		core_close(c);
		return rc ? cli_fail(&err) : EXIT_OK;
	}
	if (optind + 1 != argc)
		return cli_usage_error(plan_usage);
	add = strcmp(argv[optind], "add") == 0;
	if (!add && strcmp(argv[optind], "list") != 0)
		return cli_usage_error(plan_usage);
	if (add && !in.title)
		return cli_usage_error(plan_usage);
	if (!(c = cli_open(cli, !add)))
		return EXIT_ERROR;
	error_clear(&err);
	json_init(&json, stdout);
	if (add) {
		rc = plan_add(c, &in, &id, &err);
		if (!rc)
			printf("%lld\n", (long long)id);
	} else {
		rc = plan_list(c, print_plan, as_json ? &json : NULL, &err);
	}
	core_close(c);
	return rc ? cli_fail(&err) : EXIT_OK;
}

static const char section_usage[] = N_(
	"section add --plan PLAN CODE TITLE [--parent CODE]\n"
	"       dondoc section list --plan PLAN [--json]");

static int print_section(const struct section *sec, void *ctx)
{
	struct json *j = ctx;

	if (j) {
		json_object(j, NULL);
		json_int(j, "id", sec->id);
		json_string(j, "gid", sec->gid);
		json_string(j, "code", sec->code);
		json_string(j, "title", sec->title);
		json_id(j, "parent", sec->parent_id);
		json_end_object(j);
		json_end_line(j);
		return 0;
	}
	out_printf(stdout, "%-5lld ", (long long)sec->id);
	out_padded(stdout, sec->code, 6);      /* a code may carry marks: pad by columns */
	out_printf(stdout, " %s\n", sec->title);
	return 0;
}

int cmd_section(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		COMMON_LONG_OPTIONS,
		{"plan", required_argument, NULL, 'P'},
		{"parent", required_argument, NULL, 'p'},
		{"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	const char *plan = NULL, *parent = NULL;
	struct json json;
	struct error err;
	struct core *c;
	int64_t id;
	int opt, as_json = 0, rc, add;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (opt) {
		case 'P': plan = optarg; break;
		case 'p': parent = optarg; break;
		case 'j': as_json = 1; break;
		default:
			if (!cli_common_option(cli, opt, optarg, section_usage))
				return cli_usage_error(section_usage);
		}
	}
	if (optind >= argc || !plan)
		return cli_usage_error(section_usage);
	add = strcmp(argv[optind], "add") == 0;
	if (add ? optind + 3 != argc
		: (strcmp(argv[optind], "list") != 0 || optind + 1 != argc))
		return cli_usage_error(section_usage);
	if (!(c = cli_open(cli, !add)))
		return EXIT_ERROR;
	error_clear(&err);
	json_init(&json, stdout);
	if (add) {
		rc = section_add(c, plan, argv[optind + 1], argv[optind + 2], parent, &id, &err);
		if (!rc)
			printf("%lld\n", (long long)id);
	} else {
		rc = section_list(c, plan, print_section, as_json ? &json : NULL, &err);
	}
	core_close(c);
	return rc ? cli_fail(&err) : EXIT_OK;
}

static const char task_usage[] = N_(
	"task add --plan PLAN --title TEXT [--number N] [--section CODE] [--parent ID]\n"
	"         [--output TEXT] [--method TEXT] [--schedule TEXT] [--kind KIND]\n"
	"         [--start DATE] [--due DATE] [--recurs yearly|quarterly]\n"
	"         [--lead UNIT]... [--coord UNIT]...\n"
	"UNIT is a unit code; other text is kept as an unresolved agency.");

int cmd_task(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		COMMON_LONG_OPTIONS,
		{"plan", required_argument, NULL, 'P'},
		{"title", required_argument, NULL, 't'},
		{"number", required_argument, NULL, 'n'},
		{"section", required_argument, NULL, 's'},
		{"parent", required_argument, NULL, 'p'},
		{"output", required_argument, NULL, 'o'},
		{"method", required_argument, NULL, 'm'},
		{"schedule", required_argument, NULL, 'S'},
		{"kind", required_argument, NULL, 'k'},
		{"start", required_argument, NULL, 'b'},
		{"due", required_argument, NULL, 'e'},
		{"recurs", required_argument, NULL, 'r'},
		{"lead", required_argument, NULL, 'l'},
		{"coord", required_argument, NULL, 'c'},
		{NULL, 0, NULL, 0},
	};
	struct task_input in;
	struct error err;
	struct core *c;
	const char **lead, **coord;
	size_t unresolved;
	int64_t id;
	int opt, rc;

	memset(&in, 0, sizeof in);
	/* At most one agency per argument: argc bounds both lists. */
	lead = calloc((size_t)argc, sizeof *lead);
	coord = calloc((size_t)argc, sizeof *coord);
	if (!lead || !coord) {
		free(lead);
		free(coord);
		out_error("%s", error_text(ERR_NOMEM));
		return EXIT_ERROR;
	}
	in.lead = lead;
	in.coord = coord;
	optind = 0;
	opterr = 0;
	rc = EXIT_OK;
	while (rc == EXIT_OK && (opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (opt) {
		case 'P': in.plan = optarg; break;
		case 't': in.title = optarg; break;
		case 'n': in.number = optarg; break;
		case 's': in.section = optarg; break;
		case 'p': in.parent = optarg; break;
		case 'o': in.output = optarg; break;
		case 'm': in.method = optarg; break;
		case 'S': in.sched.text = optarg; break;
		case 'k': in.sched.kind = optarg; break;
		case 'b': in.sched.start = optarg; break;
		case 'e': in.sched.due = optarg; break;
		case 'r': in.sched.recurs = optarg; break;
		case 'l': lead[in.nlead++] = optarg; break;
		case 'c': coord[in.ncoord++] = optarg; break;
		default:
			if (!cli_common_option(cli, opt, optarg, task_usage))
				rc = cli_usage_error(task_usage);
		}
	}
	if (rc == EXIT_OK && (optind + 1 != argc || strcmp(argv[optind], "add") != 0 ||
			      !in.plan || !in.title))
		rc = cli_usage_error(task_usage);
	if (rc == EXIT_OK) {
		if (!(c = cli_open(cli, 0))) {
			rc = EXIT_ERROR;
		} else {
			error_clear(&err);
			if (task_add(c, &in, &id, &unresolved, &err)) {
				rc = cli_fail(&err);
			} else {
				printf("%lld\n", (long long)id);
				if (unresolved)
					out_warning(_("%zu agencies match no unit code and were kept as text"),
						    unresolved);
			}
			core_close(c);
		}
	}
	free(lead);
	free(coord);
	return rc;
}
