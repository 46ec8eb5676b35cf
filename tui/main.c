/* main.c - the command-line entry: locale and language, global options,
 * and dispatch to the subcommand (with none, the UI will open here). */
#include <config.h>

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

#include "db/i18n.h"
#include "tui/cli.h"
#include "tui/out.h"
#include "tui/ui.h"

static const struct {
	const char *name;
	int (*fn)(struct cli *cli, int argc, char **argv);
	const char *synopsis;
} commands[] = {
#define X(name, fn, synopsis) {name, fn, synopsis},
	COMMANDS(X)
#undef X
};

static void print_help(void)
{
	size_t i;

	out_printf(stdout, _("Usage: %s [OPTION]... COMMAND [ARG]...\n"), PACKAGE);
	out_printf(stdout, _("       %s [OPTION]...          (the review screen)\n"), PACKAGE);
	out_text(stdout, _("Follow a plan's tasks by quarter: import, review, report.\n\n"));
	out_text(stdout, _("Commands:\n"));
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		out_printf(stdout, "  %s %s\n", PACKAGE, _(commands[i].synopsis));
	out_text(stdout, _("\nOptions:\n"
		"  --db PATH      the database file (default: $XDG_DATA_HOME/dondoc/dondoc.db)\n"
		"  --lang vi|en   the language of messages (default: from the locale)\n"
		"  --demo         open the review screen on a demo database\n"
		"  --period P     the quarter to open on (2024Q2)\n"
		"  --unit CODE    the unit to review\n"
		"  --low-bandwidth  a marker instead of a highlight, no colour\n"
		"  --help         show this help and exit\n"
		"  --version      show the version and exit\n"
		"\nEach command has its own --help. Exit status: 0 ok, 1 error, 2 usage.\n"));
	out_printf(stdout, _("Report bugs to: %s\n"), PACKAGE_BUGREPORT);
}

/* The language must be known before the first message, so --lang is read
 * before anything else. Vietnamese works even on a machine with no
 * Vietnamese locale installed: LANGUAGE picks the catalogue, and a C
 * LC_MESSAGES (which would make gettext ignore LANGUAGE) becomes C.UTF-8. */
static const char *find_lang(int argc, char **argv)
{
	const char *lang = NULL;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			lang = argv[i + 1];
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			lang = argv[i] + 7;
	}
	if (!lang) {
		const char *env[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
		size_t k;

		for (k = 0; k < 3; k++) {
			const char *v = getenv(env[k]);

			if (v && *v) {
				if (strncmp(v, "vi", 2) == 0)
					lang = "vi";
				break;
			}
		}
	}
	return lang;
}

static void setup_locale(int argc, char **argv)
{
	const char *lang = find_lang(argc, argv), *dir = getenv("DONDOC_LOCALEDIR");
	const char *msgs;

	if (!setlocale(LC_ALL, "")) {
		/* The named locale is not installed: keep its UTF-8 if it asked for it. */
		const char *want = getenv("LC_ALL");

		if (!want || !*want)
			want = getenv("LANG");
		setlocale(LC_ALL, want && (strstr(want, "UTF-8") || strstr(want, "utf8"))
			  ? "C.UTF-8" : "C");
	}
	if (lang && strcmp(lang, "vi") == 0) {
		setenv("LANGUAGE", "vi", 1);
		msgs = setlocale(LC_MESSAGES, NULL);
		if (msgs && (strcmp(msgs, "C") == 0 || strcmp(msgs, "POSIX") == 0))
			setlocale(LC_MESSAGES, "C.UTF-8");
	} else if (lang) {
		setenv("LANGUAGE", "en", 1);
	}
	bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
	/* Messages come as UTF-8 and are converted for the terminal by out.c. */
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	out_init();
}

/* With no command: the UI, on the database or on a fresh demo one. */
static int run_ui(struct cli *cli, struct ui_options *ui, int demo)
{
	char dir[] = "/tmp/dondoc-demo-XXXXXX", path[64], samples[4096];
	struct period p;
	struct error err;
	struct core *c;
	int rc;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		out_error(_("the review screen needs a terminal; for scripts see '%s --help'"), PACKAGE);
		return EXIT_USAGE;
	}
	if (ui->period && period_parse(ui->period, &p)) {
		out_error(_("period '%s': write a quarter as YYYYQN, such as 2024Q2"), ui->period);
		return EXIT_USAGE;
	}
	if (!demo) {
		if (!(c = cli_open(cli, 0)))
			return EXIT_ERROR;
		rc = ui_run(c, ui);
		core_close(c);
		free(cli->default_path);
		return rc;
	}
	if (!mkdtemp(dir)) {
		out_error(_("cannot make a directory for the demo: %s"), strerror(errno));
		return EXIT_ERROR;
	}
	snprintf(path, sizeof path, "%s/demo.db", dir);
	error_clear(&err);
	if (core_open(&c, path, CORE_BULK, &err)) {
		rmdir(dir);
		return cli_fail(&err);
	}
	/* The demo lives in May 2024, in the middle of the sample plans. */
	{
		struct date today = {2024, 5, 15};

		core_set_today(c, today);
	}
	cli_data_file("samples", samples, sizeof samples);
	if (demo_fill(c, samples, &err)) {
		rc = cli_fail(&err);
	} else {
		if (!ui->period)
			ui->period = "2024Q2";
		rc = ui_run(c, ui);
	}
	core_close(c);
	snprintf(samples, sizeof samples, "%s-wal", path);
	unlink(samples);
	snprintf(samples, sizeof samples, "%s-shm", path);
	unlink(samples);
	unlink(path);
	rmdir(dir);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONG_OPTIONS,
		{"version", no_argument, NULL, 'V'},
		{"demo", no_argument, NULL, 'd'},
		{"period", required_argument, NULL, 'p'},
		{"unit", required_argument, NULL, 'u'},
		{"low-bandwidth", no_argument, NULL, 'l'},
		{NULL, 0, NULL, 0},
	};
	struct ui_options ui;
	int demo = 0;
	struct cli cli = {NULL, NULL};
	size_t i;
	int opt, rc;

	setup_locale(argc, argv);
	memset(&ui, 0, sizeof ui);
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		if (opt == 'h') {
			print_help();
			return EXIT_OK;
		}
		if (opt == 'V') {
			out_printf(stdout, "%s %s\n", PACKAGE, PACKAGE_VERSION);
			return EXIT_OK;
		}
		if (opt == 'd') {
			demo = 1;
			continue;
		}
		if (opt == 'p' || opt == 'u' || opt == 'l') {
			if (opt == 'p')
				ui.period = optarg;
			else if (opt == 'u')
				ui.unit = optarg;
			else
				ui.low_bandwidth = 1;
			continue;
		}
		if (!cli_common_option(&cli, opt, optarg, NULL)) {
			out_error(_("unknown option '%s'; see '%s --help'"), argv[optind - 1], PACKAGE);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return run_ui(&cli, &ui, demo);
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(argv[optind], commands[i].name) == 0) {
			rc = commands[i].fn(&cli, argc - optind, argv + optind);
			free(cli.default_path);
			return rc;
		}
	}
	out_error(_("unknown command '%s'; see '%s --help'"), argv[optind], PACKAGE);
	return EXIT_USAGE;
}
