/* cli.h - the subcommands and what they share. */
#ifndef TUI_CLI_H
#define TUI_CLI_H

#include <getopt.h>

#include "core/core.h"

enum exit_code {
	EXIT_OK = 0,
	EXIT_ERROR = 1,
	EXIT_USAGE = 2,
};

/* Options every subcommand accepts after its name too. */
#define COMMON_LONG_OPTIONS \
	{"db", required_argument, NULL, 'D'}, \
	{"lang", required_argument, NULL, 'L'}, \
	{"help", no_argument, NULL, 'h'}

struct cli {
	const char *db_path;        /* from --db; NULL: the default */
	char *default_path;         /* the default, once computed */
};

/* One subcommand: name, handler, synopsis for --help. */
#define COMMANDS(X) \
	X("unit",    cmd_unit,    N_("unit add|list|use|rename|move|merge ...")) \
	X("plan",    cmd_plan,    N_("plan add|list ...")) \
	X("section", cmd_section, N_("section add|list ...")) \
	X("task",    cmd_task,    N_("task add ...")) \
	X("list",    cmd_list,    N_("list [--period P] [--unit CODE] [--status S] [--search TEXT] [--json]")) \
	X("show",    cmd_show,    N_("show ID [--json]")) \
	X("set",     cmd_set,     N_("set ID [--status S] [--progress N] [--note TEXT] [--evidence REF]")) \
	X("import",  cmd_import,  N_("import [--encoding E] [--issuer CODE] [--replace] [--dry-run] FILE")) \
	X("agency",  cmd_agency,  N_("agency list | agency map NAME CODE")) \
	X("report",  cmd_report,  N_("report [--period P] [--unit CODE] [--format F] | report submit|settings")) \
	X("keys",    cmd_keys,    N_("keys [--check FILE]")) \
	X("export",  cmd_export,  N_("export --format csv [--plan PLAN] [-o FILE]")) \
	X("schedule", cmd_schedule, N_("schedule [--year N] TEXT...")) \
	X("assign",  cmd_assign,  N_("assign ID --unit CODE [--role lead|coord]")) \
	X("key",     cmd_key,     N_("key init|export|certify|install|trust ...")) \
	X("bundle",  cmd_bundle,  N_("bundle export|import|inspect|log ...")) \
	X("dump",    cmd_dump,    N_("dump [--records]")) \
	X("audit",   cmd_audit,   N_("audit"))

#define X(name, fn, synopsis) int fn(struct cli *cli, int argc, char **argv);
COMMANDS(X)
#undef X

/* Handle an option from COMMON_LONG_OPTIONS; 1 if it was one. --help prints
 * `usage` and exits. */
int cli_common_option(struct cli *cli, int opt, const char *arg, const char *usage);
/* Report an unknown option or a missing argument: exit code 2. */
int cli_usage_error(const char *usage);
/* Open the database (readonly for commands that only read). On failure the
 * error is printed and NULL returned. */
struct core *cli_open(struct cli *cli, int readonly);
/* Print err and return EXIT_ERROR. */
int cli_fail(const struct error *err);
/* Read a whole file of at most max bytes (NUL-terminated); errors printed. */
int cli_read_file(const char *path, size_t max, char **data, size_t *len);
/* The path of an installed data file (or the build tree's). */
const char *cli_data_file(const char *name, char *buf, size_t size);
/* The agency directory, installed and the user's; NULL on failure (printed). */
struct agency_dir *cli_agencies(void);
/* CSV import (cmd_csv.c). */
int cli_import_csv(struct cli *cli, const char *file, int replace);
/* Parse a whole non-negative number for an option; -1 if it is not one. */
long cli_number(const char *s);

#endif
