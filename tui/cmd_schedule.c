/* cmd_schedule.c - "dondoc schedule": what the schedule reader makes of a
 * text, one JSON object per text; for checking a document's odd cells. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/schedule.h"
#include "core/text.h"
#include "db/i18n.h"
#include "tui/cli.h"
#include "tui/out.h"

static const char usage[] = N_("schedule [--year N | --years N-M] TEXT...");

int cmd_schedule(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		COMMON_LONG_OPTIONS,
		{"year", required_argument, NULL, 'y'},
		{"years", required_argument, NULL, 'Y'},
		{NULL, 0, NULL, 0},
	};
	struct schedule_parse sp;
	struct json j;
	int opt, first = date_today().y, last = 0, i;
	char tail;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (opt) {
		case 'y':
			if (sscanf(optarg, "%d%c", &first, &tail) != 1 || first < 1900 || first > 9999) {
				out_error(_("--year '%s': give a year such as 2024"), optarg);
				return EXIT_USAGE;
			}
			break;
		case 'Y':
			if (sscanf(optarg, "%d-%d%c", &first, &last, &tail) != 2 || first < 1900 ||
			    last < first || last > 9999) {
				out_error(_("--years '%s': write a range such as 2021-2025"), optarg);
				return EXIT_USAGE;
			}
			break;
		default:
			if (!cli_common_option(cli, opt, optarg, usage))
				return cli_usage_error(usage);
		}
	}
	if (optind >= argc)
		return cli_usage_error(usage);
	if (!last)
		last = first;
	json_init(&j, stdout);
	for (i = optind; i < argc; i++) {
		if (!text_is_utf8(argv[i])) {
			out_error(_("argument %d: not valid UTF-8 text"), i - optind + 1);
			return EXIT_ERROR;
		}
		schedule_parse(argv[i], first, last, &sp);
		json_object(&j, NULL);
		json_string(&j, "text", argv[i]);
		json_string(&j, "kind", sp.kind);
		json_string(&j, "start", sp.start[0] ? sp.start : NULL);
		json_string(&j, "due", sp.due[0] ? sp.due : NULL);
		json_string(&j, "recurs", sp.recurs[0] ? sp.recurs : NULL);
		json_end_object(&j);
		json_end_line(&j);
	}
	return EXIT_OK;
}
