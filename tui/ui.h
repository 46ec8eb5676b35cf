/* ui.h - the curses UI: quarter review of tasks. */
#ifndef TUI_UI_H
#define TUI_UI_H

#include <stddef.h>

#include "core/core.h"

struct ui_options {
	const char *period;         /* 2024Q2; NULL: the current quarter */
	const char *unit;           /* unit code; NULL: the acting unit */
	int low_bandwidth;          /* marker column, no colour */
};

/* Run the UI on an open database until the user quits. Returns an exit code. */
int ui_run(struct core *c, const struct ui_options *opt);

/* Fill a fresh database with the bundled sample plans, a unit tree and
 * believable status records (dondoc --demo). */
int demo_fill(struct core *c, const char *samples_dir, struct error *err);

struct keymap;
/* The key bindings in force (default, vi.keys, the user's); the first
 * problem found is written to msg. */
void ui_load_keys(struct keymap *k, char *msg, size_t size);

#endif
