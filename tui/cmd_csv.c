/* cmd_csv.c - "dondoc export --format csv" and "dondoc import --format csv":
 * a plan as a spreadsheet, round-tripping without loss. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/csvplan.h"
#include "core/plans.h"
#include "db/i18n.h"
#include "tui/cli.h"
#include "tui/out.h"

enum { MAX_CSV = 64 << 20 };

int cli_import_csv(struct cli *cli, const char *file, int replace)
{
	struct error err;
	struct core *c;
	int64_t plan;
	char *data;
	size_t len;
	int rc;

	if ((rc = cli_read_file(file, MAX_CSV, &data, &len)))
		return rc;
	if (!(c = cli_open(cli, 0))) {
		free(data);
		return EXIT_ERROR;
	}
	error_clear(&err);
	rc = csv_import_plan(c, file, data, len, replace, &plan, &err);
	if (rc)
		rc = cli_fail(&err);
	else
		out_printf(stdout, _("Imported %s as plan %lld\n"), file, (long long)plan);
	core_close(c);
	free(data);
	return rc;
}

struct only_plan {
	int n;
	char key[24];
};

static int count_plans(const struct plan *p, void *ctx)
{
	struct only_plan *o = ctx;

	o->n++;
	snprintf(o->key, sizeof o->key, "%lld", (long long)p->id);
	return 0;
}

static const char usage[] = N_(
	"export --format csv [--plan PLAN] [-o FILE] [--bom]\n"
	"Writes a plan as CSV (UTF-8; --bom for office software that needs it).");

int cmd_export(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		COMMON_LONG_OPTIONS,
		{"format", required_argument, NULL, 'f'},
		{"plan", required_argument, NULL, 'P'},
		{"output", required_argument, NULL, 'o'},
		{"bom", no_argument, NULL, 'b'},
		{NULL, 0, NULL, 0},
	};
	const char *format = NULL, *plan = NULL, *output = NULL;
	struct only_plan only = {0, ""};
	char *tmp = NULL;
	struct error err;
	struct core *c;
	FILE *f = stdout;
	int opt, rc, bom = 0;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
		switch (opt) {
		case 'f': format = optarg; break;
		case 'P': plan = optarg; break;
		case 'o': output = optarg; break;
		case 'b': bom = 1; break;
		default:
			if (!cli_common_option(cli, opt, optarg, usage))
				return cli_usage_error(usage);
		}
	}
	if (optind != argc || !format)
		return cli_usage_error(usage);
	if (strcmp(format, "csv") != 0) {
		out_error(_("--format '%s': use csv"), format);
		return EXIT_USAGE;
	}
	if (!(c = cli_open(cli, 1)))
		return EXIT_ERROR;
	error_clear(&err);
	if (!plan) {
		if ((rc = plan_list(c, count_plans, &only, &err))) {
			core_close(c);
			return cli_fail(&err);
		}
		if (only.n != 1) {
			core_close(c);
			out_error(only.n ? _("there are %d plans; say which with --plan")
					 : _("there is no plan to export"), only.n);
			return EXIT_ERROR;
		}
		plan = only.key;
	}
	/* A file is written whole or not at all: a temporary, then a rename. */
	if (output) {
		if (asprintf(&tmp, "%s.tmp%ld", output, (long)getpid()) < 0 || !(f = fopen(tmp, "wb"))) {
			out_error(_("%s: cannot write: %s"), output, strerror(errno));
			free(tmp);
			core_close(c);
			return EXIT_ERROR;
		}
	}
	if (bom)
		fputs("\xef\xbb\xbf", f);
	rc = csv_export_plan(c, plan, f, &err);
	if (output) {
		if (!rc && (fflush(f) != 0 || fsync(fileno(f)) != 0))
			rc = error_set(&err, ERR_IO, _("%s: cannot write: %s"), output, strerror(errno));
		if (fclose(f) != 0 && !rc)
			rc = error_set(&err, ERR_IO, _("%s: cannot write: %s"), output, strerror(errno));
		if (!rc && rename(tmp, output) != 0)
			rc = error_set(&err, ERR_IO, _("%s: cannot write: %s"), output, strerror(errno));
		if (rc)
			unlink(tmp);
		free(tmp);
	}
	core_close(c);
	return rc ? cli_fail(&err) : EXIT_OK;
}
