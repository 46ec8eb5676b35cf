/* cmd_csv.c - plans as CSV (to be written). */
#include <config.h>

#include "db/i18n.h"
#include "tui/cli.h"
#include "tui/out.h"

int cli_import_csv(struct cli *cli, const char *file, int replace)
{
	(void)cli;
	(void)replace;
	out_error(_("%s: CSV import is not available yet"), file);
	return EXIT_ERROR;
}
