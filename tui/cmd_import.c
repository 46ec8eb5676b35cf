/* cmd_import.c - "dondoc import": a plan document (or a CSV export) into
 * the database, with a summary of what was read and what needs an officer. */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/agency.h"
#include "core/encoding.h"
#include "core/import.h"
#include "core/text.h"
#include "db/i18n.h"
#include "tui/cli.h"
#include "tui/out.h"

static const char usage[] = N_(
	"import [--encoding auto|utf-8|cp1258|tcvn3|viscii] [--issuer CODE]\n"
	"              [--format auto|table|prose|csv] [--replace] [--dry-run] FILE\n"
	"Reads a plan document (the text of the signed plan: its appendix a\n"
	"tab-separated table, or its tasks written as numbered paragraphs) into a\n"
	"plan, sections and tasks. --dry-run lists what it read, section by section.");

/* Documents are a few hundred kB; refuse what cannot be one. */
enum { MAX_DOCUMENT = 32 << 20 };

int cli_read_file(const char *path, size_t max, char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	size_t n;

	*data = NULL;
	if (!f) {
		out_error(_("%s: cannot open: %s"), path, strerror(errno));
		return EXIT_ERROR;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		out_error(_("%s: is a directory"), path);
		return EXIT_ERROR;
	}
	if (fstat(fileno(f), &st) == 0 && (size_t)st.st_size > max) {
		fclose(f);
		out_error(_("%s: too large (%lld bytes; at most %zu)"), path, (long long)st.st_size, max);
		return EXIT_ERROR;
	}
	if (!(*data = malloc(max + 1))) {
		fclose(f);
		out_error("%s", error_text(ERR_NOMEM));
		return EXIT_ERROR;
	}
	n = fread(*data, 1, max + 1, f);
	if (ferror(f) || n > max) {
		out_error(n > max ? _("%s: too large (at most %zu bytes)") : _("%s: cannot read"), path,
			  max);
		fclose(f);
		free(*data);
		*data = NULL;
		return EXIT_ERROR;
	}
	fclose(f);
	(*data)[n] = '\0';
	*len = n;
	return EXIT_OK;
}

/* Installed data; or, for tests and a program run where it was built, the
 * source tree's (DONDOC_DATADIR, or the program's own directory). */
const char *cli_data_file(const char *name, char *buf, size_t size)
{
	static const char *const sub[] = {"", "core/", "tests/data/"};
	const char *dir = getenv("DONDOC_DATADIR");
	char exe[PATH_MAX];
	ssize_t n;
	size_t i;

	if (dir && *dir) {
		for (i = 0; i < 3; i++) {
			snprintf(buf, size, "%s/%s%s", dir, sub[i], name);
			if (access(buf, R_OK) == 0)
				return buf;
		}
	}
	snprintf(buf, size, "%s/%s", PKGDATADIR, name);
	if (access(buf, R_OK) == 0)
		return buf;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		if ((slash = strrchr(exe, '/'))) {
			*slash = '\0';
			for (i = 0; i < 3; i++) {
				snprintf(buf, size, "%s/%s%s", exe, sub[i], name);
				if (access(buf, R_OK) == 0)
					return buf;
			}
		}
	}
	snprintf(buf, size, "%s/%s", PKGDATADIR, name);
	return buf;
}

static void warn_agency(const char *message, void *ctx)
{
	(void)ctx;
	out_warning("%s", message);
}

struct agency_dir *cli_agencies(void)
{
	char installed[PATH_MAX], user[PATH_MAX];
	const char *files[2], *config = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	struct agency_dir *d = NULL;
	struct error err;

	files[0] = cli_data_file("agencies.txt", installed, sizeof installed);
	if (config && *config == '/')
		snprintf(user, sizeof user, "%s/dondoc/agencies.txt", config);
	else
		snprintf(user, sizeof user, "%s/.config/dondoc/agencies.txt", home ? home : "");
	files[1] = user;
	if (access(files[0], R_OK) != 0)
		out_warning(_("%s: the agency directory is missing; agencies will stay unresolved"),
			    files[0]);
	if (agency_dir_load(&d, files, 2, warn_agency, NULL, &err))
		cli_fail(&err);
	return d;
}

/* The dry run's listing: each section, and each task with where it is in
 * the file, when it is due and who leads and coordinates, so the officer
 * can check the reading before anything is written. */
static void print_item(const struct import_item *it, void *ctx)
{
	FILE *f = ctx;
	char title[400];

	text_truncate(it->title, 90, 0, title, sizeof title);
	if (it->is_section) {
		out_printf(f, "  %*s%s %s\n", 2 * it->depth, "", it->number, title);
		return;
	}
	out_printf(f, _("      %s (line %d) %s, due %s\n"), it->number, it->line, it->schedule_kind,
		   it->due ? it->due : "-");
	out_printf(f, "        %s\n", title);
	out_printf(f, _("        lead: %s; coordinating: %s\n"), it->lead[0] ? it->lead : "-",
		   it->coord[0] ? it->coord : "-");
}

/* listing: the dry run's sections and tasks, shown after the counts. */
static void print_summary(const struct import_summary *s, int dry_run, const char *file,
			  const char *listing)
{
	size_t i;

	out_printf(stdout, dry_run ? _("Would import %s: %s\n") : _("Imported %s: %s\n"),
		   s->number ? s->number : file, s->title ? s->title : "");
	out_printf(stdout, _("  years %d-%d, issued %s by %s%s%s%s; read as %s, %s%s\n"), s->start_year,
		   s->end_year, s->issued[0] ? s->issued : "?", s->issuer_code,
		   s->issuer ? " (" : "", s->issuer ? s->issuer : "", s->issuer ? ")" : "",
		   s->encoding, s->format, s->replaced ? _(", replacing the earlier import") : "");
	out_printf(stdout, _("  %zu sections, %zu tasks, %zu sub-tasks (%zu groups), %zu assignments\n"),
		   s->sections, s->tasks, s->subtasks, s->groups, s->assignments);
	if (listing && listing[0])
		fputs(listing, stdout);
	if (s->made.name) {
		out_printf(stdout, dry_run
			   ? _("  the database has no units: unit %s would be added from the heading: %s (%s), and acted for\n")
			   : _("  the database had no units: unit %s added from the heading: %s (%s); this installation acts for it\n"),
			   s->made.code, s->made.name, s->made.kind);
		if (s->made.parent[0])
			out_printf(stdout, _("  and above it unit %s, which the heading names too\n"),
				   s->made.parent);
		if (!dry_run)
			out_printf(stdout, _("  to name it otherwise: dondoc unit rename %s \"NAME\"; to add the units below it: dondoc unit import FILE.csv\n"),
				   s->made.code);
	}
	if (s->nunresolved) {
		out_printf(stdout, _("  %zu agencies match no unit (add the unit, or an alias to the agency directory):\n"),
			   s->nunresolved);
		for (i = 0; i < s->nunresolved; i++)
			out_printf(stdout, "    %s\n", s->unresolved[i]);
	}
	if (s->nunknown) {
		out_printf(stdout, _("  %zu schedules could not be placed (kept as written):\n"),
			   s->nunknown);
		for (i = 0; i < s->nunknown; i++)
			out_printf(stdout, _("    line %d: %s\n"), s->unknown[i].line, s->unknown[i].text);
	}
}

int cmd_import(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		COMMON_LONG_OPTIONS,
		{"encoding", required_argument, NULL, 'e'},
		{"issuer", required_argument, NULL, 'i'},
		{"replace", no_argument, NULL, 'r'},
		{"dry-run", no_argument, NULL, 'n'},
		{"format", required_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	struct import_options o;
	struct import_summary sum;
	struct agency_dir *dir;
	struct error err;
	struct core *c;
	const char *format = "doc";
	FILE *listed = NULL;
	char *data, *listing = NULL;
	size_t len, listing_len = 0;
	int opt, rc;

	memset(&o, 0, sizeof o);
	o.encoding = "auto";
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (opt) {
		case 'e': o.encoding = optarg; break;
		case 'i': o.issuer = optarg; break;
		case 'r': o.replace = 1; break;
		case 'n': o.dry_run = 1; break;
		case 'f': format = optarg; break;
		default:
			if (!cli_common_option(cli, opt, optarg, usage))
				return cli_usage_error(usage);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(usage);
	if (!encoding_name_valid(o.encoding)) {
		out_error(_("--encoding '%s': use auto, utf-8, cp1258, tcvn3 or viscii"), o.encoding);
		return EXIT_USAGE;
	}
	if (strcmp(format, "csv") == 0)
		return cli_import_csv(cli, argv[optind], o.replace);
	if (strcmp(format, "table") == 0 || strcmp(format, "prose") == 0) {
		o.format = format;
	} else if (strcmp(format, "doc") != 0 && strcmp(format, "auto") != 0) {
		out_error(_("--format '%s': use auto, table, prose or csv"), format);
		return EXIT_USAGE;
	}

	o.file = argv[optind];
	if ((rc = cli_read_file(o.file, MAX_DOCUMENT, &data, &len)))
		return rc;
	if (!(dir = cli_agencies())) {
		free(data);
		return EXIT_ERROR;
	}
	o.agencies = dir;
	if (!(c = cli_open(cli, 0))) {
		agency_dir_free(dir);
		free(data);
		return EXIT_ERROR;
	}
	error_clear(&err);
	/* A dry run lists what it read; the listing follows the counts. */
	if (o.dry_run && (listed = open_memstream(&listing, &listing_len))) {
		o.on_item = print_item;
		o.ctx = listed;
	}
	rc = import_document(c, data, len, &o, &sum, &err);
	if (listed)
		fclose(listed);
	if (rc)
		rc = cli_fail(&err);
	else
		print_summary(&sum, o.dry_run, o.file, listing);
	free(listing);
	import_summary_clear(&sum);
	core_close(c);
	agency_dir_free(dir);
	free(data);
	return rc;
}

static const char agency_usage[] = N_(
	"agency list\n"
	"       dondoc agency map NAME CODE [--force]\n"
	"Lists the agency names plans use that match no unit, and maps one to a\n"
	"unit: now, for the tasks already imported, and for every later import.");

static int print_unresolved(const char *text, int64_t count, void *ctx)
{
	(void)ctx;
	out_printf(stdout, "%6lld  %s\n", (long long)count, text);
	return 0;
}

int cmd_agency(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		COMMON_LONG_OPTIONS,
		{"force", no_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	struct agency_dir *dir = NULL;
	struct error err;
	struct core *c;
	int64_t linked;
	int opt, rc, map, force = 0;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (opt == 'f')
			force = 1;
		else if (!cli_common_option(cli, opt, optarg, agency_usage))
			return cli_usage_error(agency_usage);
	}
	if (optind >= argc)
		return cli_usage_error(agency_usage);
	map = strcmp(argv[optind], "map") == 0;
	if (map ? optind + 3 != argc : (strcmp(argv[optind], "list") != 0 || optind + 1 != argc))
		return cli_usage_error(agency_usage);
	if (map && !(dir = cli_agencies()))
		return EXIT_ERROR;
	if (!(c = cli_open(cli, !map))) {
		agency_dir_free(dir);
		return EXIT_ERROR;
	}
	error_clear(&err);
	if (map) {
		rc = agency_map(c, dir, argv[optind + 1], argv[optind + 2], force, &linked, &err);
		if (!rc)
			out_printf(stdout, _("'%s' is %s from now on; %lld assignments linked\n"),
				   argv[optind + 1], argv[optind + 2], (long long)linked);
	} else {
		rc = agency_unresolved(c, print_unresolved, NULL, &err);
	}
	core_close(c);
	agency_dir_free(dir);
	return rc ? cli_fail(&err) : EXIT_OK;
}
