/* cmd_keys.c - loading the key bindings (default, Vietnamese mnemonics,
 * the user's file) and "dondoc keys [--check FILE]". */
#include <config.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/i18n.h"
#include "tui/cli.h"
#include "tui/keymap.h"
#include "tui/out.h"
#include "tui/ui.h"

struct warnings {
	int count;
	char first[256];
	int print;
};

static void collect(const char *message, void *ctx)
{
	struct warnings *w = ctx;

	if (!w->count++)
		snprintf(w->first, sizeof w->first, "%s", message);
	if (w->print)
		out_error("%s", message);
}

static void load_file(struct keymap *k, const char *path, struct warnings *w)
{
	size_t len;
	char *data;
	FILE *f = fopen(path, "rb");

	if (!f)
		return;
	fclose(f);
	if (cli_read_file(path, 1 << 20, &data, &len) == EXIT_OK) {
		keymap_parse_file(k, path, data, len, collect, w);
		free(data);
	}
}

static int speaks_vietnamese(void)
{
	const char *l = getenv("LANGUAGE");

	return l && strncmp(l, "vi", 2) == 0;
}

/* The bindings in force: defaults, vi.keys when speaking Vietnamese, then
 * $XDG_CONFIG_HOME/dondoc/keys. The first problem found goes to msg. */
void ui_load_keys(struct keymap *k, char *msg, size_t size)
{
	struct warnings w = {0, "", 0};
	const char *config = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char path[PATH_MAX];

	keymap_clear(k);
	keymap_parse(k, "default.keys", keymap_default_text, collect, &w);
	if (speaks_vietnamese())
		load_file(k, cli_data_file("keymaps/vi.keys", path, sizeof path), &w);
	if (config && *config == '/')
		snprintf(path, sizeof path, "%s/dondoc/keys", config);
	else
		snprintf(path, sizeof path, "%s/.config/dondoc/keys", home ? home : "");
	load_file(k, path, &w);
	if (w.count && msg)
		snprintf(msg, size, "%s", w.first);
}

static const char usage[] = N_(
	"keys [--check FILE]\n"
	"Lists the actions and the keys bound to them; --check reports every bad\n"
	"line of a keymap file as FILE:LINE and exits 1 if there is one.");

int cmd_keys(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		COMMON_LONG_OPTIONS,
		{"check", required_argument, NULL, 'c'},
		{NULL, 0, NULL, 0},
	};
	const char *check = NULL;
	struct keymap k;
	int opt;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (opt == 'c')
			check = optarg;
		else if (!cli_common_option(cli, opt, optarg, usage))
			return cli_usage_error(usage);
	}
	if (optind != argc)
		return cli_usage_error(usage);
	if (check) {
		struct warnings w = {0, "", 1};
		size_t len;
		char *data;

		keymap_clear(&k);
		if (cli_read_file(check, 1 << 20, &data, &len))
			return EXIT_ERROR;
		keymap_parse_file(&k, check, data, len, collect, &w);
		free(data);
		if (w.count)
			return EXIT_ERROR;
		out_printf(stdout, _("%s: ok\n"), check);
		return EXIT_OK;
	}
	ui_load_keys(&k, NULL, 0);
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		char keys[128];

		keymap_keys_of(&k, (enum action)a, keys, sizeof keys);
		out_printf(stdout, "%-16s %-20s %s\n", action_name((enum action)a), keys,
			   action_help((enum action)a));
	}
	return EXIT_OK;
}
