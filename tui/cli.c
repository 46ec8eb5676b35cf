/* cli.c - what every subcommand shares: common options, opening the
 * database, reporting errors with the right exit code. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db/i18n.h"
#include "tui/cli.h"
#include "tui/out.h"

int cli_common_option(struct cli *cli, int opt, const char *arg, const char *usage)
{
	switch (opt) {
	case 'D':
		cli->db_path = arg;
		return 1;
	case 'L':
		if (strcmp(arg, "vi") != 0 && strcmp(arg, "en") != 0) {
			out_error(_("--lang '%s': use vi or en"), arg);
			exit(EXIT_USAGE);
		}
		return 1;       /* already applied by main before any message */
	case 'h':
		if (usage) {
			out_printf(stdout, _("Usage: %s %s\n"), PACKAGE, _(usage));
			exit(EXIT_OK);
		}
		return 0;
	default:
		return 0;
	}
}

int cli_usage_error(const char *usage)
{
	out_error(_("usage: %s %s"), PACKAGE, _(usage));
	return EXIT_USAGE;
}

/* The default database lives under $XDG_DATA_HOME (or ~/.local/share); its
 * directories are created, an explicit --db's never are. */
static char *default_db(void)
{
	const char *base = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char dir[4096], *path, *p;

	if (base && *base == '/')
		snprintf(dir, sizeof dir, "%s/dondoc", base);
	else if (home && *home)
		snprintf(dir, sizeof dir, "%s/.local/share/dondoc", home);
	else
		return NULL;
	for (p = dir + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0700);
			*p = '/';
		}
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		out_error(_("%s: cannot create the directory: %s"), dir, strerror(errno));
		return NULL;
	}
	if (asprintf(&path, "%s/dondoc.db", dir) < 0)
		return NULL;
	return path;
}

struct core *cli_open(struct cli *cli, int readonly)
{
	struct error err;
	struct core *c;

	error_clear(&err);
	if (!cli->db_path) {
		if (!(cli->default_path = default_db())) {
			out_error(_("no place for the database: set HOME or XDG_DATA_HOME, or give --db PATH"));
			return NULL;
		}
		cli->db_path = cli->default_path;
	}
	if (core_open(&c, cli->db_path, readonly ? CORE_READONLY : 0, &err)) {
		cli_fail(&err);
		return NULL;
	}
	return c;
}

int cli_fail(const struct error *err)
{
	out_error("%s", err->msg[0] ? err->msg : error_text(err->code));
	return EXIT_ERROR;
}

long cli_number(const char *s)
{
	char *end;
	long v;

	if (!s[0] || s[0] == '-' || s[0] == '+')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno)
		return -1;
	return v;
}
