/* cmd_unit.c - "dondoc unit ...": the unit tree and the acting unit. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/limits.h"
#include "core/units.h"
#include "db/i18n.h"
#include "tui/cli.h"
#include "tui/out.h"

static const char usage[] = N_(
	"unit add CODE NAME [--parent CODE] [--kind KIND]\n"
	"       dondoc unit list [--json]\n"
	"       dondoc unit use CODE\n"
	"       dondoc unit rename CODE NAME\n"
	"       dondoc unit move CODE (--parent CODE | --root)\n"
	"       dondoc unit merge CODE --into CODE\n"
	"       dondoc unit import FILE.csv\n"
	"KIND is province, department, district, commune, office or other.");

struct list_ctx {
	struct json json;
	int as_json;
	const char *acting;
};

static int print_unit(const struct unit *u, void *ctx)
{
	struct list_ctx *l = ctx;
	int i;

	if (l->as_json) {
		struct json *j = &l->json;

		json_object(j, NULL);
		json_string(j, "code", u->code);
		json_string(j, "name", u->name);
		json_string(j, "kind", u->kind);
		json_string(j, "parent", u->parent_code);
		json_string(j, "successor", u->successor_code);
		json_int(j, "active", u->active);
		json_int(j, "depth", u->depth);
		json_int(j, "acting", l->acting && strcmp(l->acting, u->code) == 0);
		json_string(j, "id", u->gid);
		json_end_object(j);
		json_end_line(j);
		return 0;
	}
	for (i = 0; i < u->depth; i++)
		fputs("  ", stdout);
	out_printf(stdout, "%s %s", l->acting && strcmp(l->acting, u->code) == 0 ? "*" : "-",
		   u->code);
	out_printf(stdout, "  %s  [%s]", u->name, u->kind);
	if (u->successor_code)
		out_printf(stdout, _("  (merged into %s)"), u->successor_code);
	fputc('\n', stdout);
	return 0;
}

static int unit_list_cmd(struct core *c, int as_json)
{
	struct list_ctx l;
	struct error err;
	char *acting = NULL;
	int rc;

	memset(&l, 0, sizeof l);
	error_clear(&err);
	json_init(&l.json, stdout);
	l.as_json = as_json;
	if (unit_acting_code(c, &acting, &err))
		return cli_fail(&err);
	l.acting = acting;
	rc = unit_walk(c, print_unit, &l, &err);
	free(acting);
	return rc ? cli_fail(&err) : EXIT_OK;
}

static int unit_import_cmd(struct core *c, const char *file)
{
	struct unit_import_counts n;
	struct error err;
	char *data;
	size_t len;
	int rc;

	error_clear(&err);
	if ((rc = cli_read_file(file, UNIT_FILE_MAX, &data, &len)))
		return rc;
	if (unit_import_csv(c, file, data, len, &n, &err)) {
		free(data);
		return cli_fail(&err);
	}
	free(data);
	out_printf(stdout, _("%s: %d units added, %d renamed, %d moved, %d merged, %d unchanged\n"),
		   file, n.added, n.renamed, n.moved, n.merged, n.same);
	return EXIT_OK;
}

int cmd_unit(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		COMMON_LONG_OPTIONS,
		{"parent", required_argument, NULL, 'p'},
		{"kind", required_argument, NULL, 'k'},
		{"into", required_argument, NULL, 'i'},
		{"root", no_argument, NULL, 'r'},
		{"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	const char *parent = NULL, *kind = NULL, *into = NULL, *verb;
	int opt, root = 0, as_json = 0, rc, nargs;
	struct error err;
	struct core *c;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (opt) {
		case 'p': parent = optarg; break;
		case 'k': kind = optarg; break;
		case 'i': into = optarg; break;
		case 'r': root = 1; break;
		case 'j': as_json = 1; break;
		default:
			if (!cli_common_option(cli, opt, optarg, usage))
				return cli_usage_error(usage);
		}
	}
	argv += optind;
	argc -= optind;
	if (argc < 1)
		return cli_usage_error(usage);
	verb = argv[0];
	nargs = argc - 1;
	if (!((strcmp(verb, "add") == 0 && nargs == 2) ||
	      (strcmp(verb, "list") == 0 && nargs == 0) ||
	      (strcmp(verb, "use") == 0 && nargs == 1) ||
	      (strcmp(verb, "rename") == 0 && nargs == 2) ||
	      (strcmp(verb, "move") == 0 && nargs == 1 && (parent != NULL) != root) ||
	      (strcmp(verb, "merge") == 0 && nargs == 1 && into) ||
	      (strcmp(verb, "import") == 0 && nargs == 1)))
		return cli_usage_error(usage);

	if (!(c = cli_open(cli, strcmp(verb, "list") == 0)))
		return EXIT_ERROR;
	error_clear(&err);
	if (strcmp(verb, "list") == 0)
		rc = unit_list_cmd(c, as_json);
	else if (strcmp(verb, "import") == 0)
		rc = unit_import_cmd(c, argv[1]);
	else {
		if (strcmp(verb, "add") == 0)
			rc = unit_add(c, argv[1], argv[2], parent, kind, &err);
		else if (strcmp(verb, "use") == 0)
			rc = unit_use(c, argv[1], &err);
		else if (strcmp(verb, "rename") == 0)
			rc = unit_rename(c, argv[1], argv[2], &err);
		else if (strcmp(verb, "move") == 0)
			rc = unit_move(c, argv[1], parent, NULL, &err);
		else
			rc = unit_merge(c, argv[1], into, NULL, &err);
		if (rc)
			rc = cli_fail(&err);
		else if (strcmp(verb, "add") == 0)
			out_printf(stdout, parent ? _("unit %s added: %s, under %s\n")
				   : _("unit %s added: %s\n"), argv[1], argv[2], parent);
		else if (strcmp(verb, "use") == 0)
			out_printf(stdout, _("this installation now acts for unit %s\n"), argv[1]);
		else if (strcmp(verb, "rename") == 0)
			out_printf(stdout, _("unit %s renamed: %s\n"), argv[1], argv[2]);
		else if (strcmp(verb, "move") == 0)
			out_printf(stdout, parent ? _("unit %s moved under %s\n")
				   : _("unit %s moved to the top of the tree\n"), argv[1], parent);
		else
			out_printf(stdout, _("unit %s merged into %s: what it did counts for %s\n"),
				   argv[1], into, into);
	}
	core_close(c);
	return rc;
}
