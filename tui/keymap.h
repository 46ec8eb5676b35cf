/* keymap.h - the UI's actions (one table) and the keys bound to them. */
#ifndef TUI_KEYMAP_H
#define TUI_KEYMAP_H

#include <stddef.h>

/* The one list of actions: name in keymap files, help text. The enum, the
 * keymap parser, `dondoc keys` and the help overlay all come from it. */
#define ACTIONS(X) \
	X(MOVE_UP,        "move-up",        N_("move up")) \
	X(MOVE_DOWN,      "move-down",      N_("move down")) \
	X(PAGE_UP,        "page-up",        N_("page up")) \
	X(PAGE_DOWN,      "page-down",      N_("page down")) \
	X(FIRST,          "first",          N_("first task")) \
	X(LAST,           "last",           N_("last task")) \
	X(NEXT_SECTION,   "next-section",   N_("next section")) \
	X(PREV_SECTION,   "prev-section",   N_("previous section")) \
	X(FOLD,           "fold",           N_("fold or unfold the section")) \
	X(PREV_PERIOD,    "prev-period",    N_("previous quarter")) \
	X(NEXT_PERIOD,    "next-period",    N_("next quarter")) \
	X(PICK_YEAR,      "pick-year",      N_("go to a year")) \
	X(SWITCH_UNIT,    "switch-unit",    N_("switch the unit")) \
	X(SEARCH,         "search",         N_("search (case and diacritics ignored)")) \
	X(SEARCH_NEXT,    "search-next",    N_("next match")) \
	X(SEARCH_PREV,    "search-prev",    N_("previous match")) \
	X(SET_STATUS,     "set-status",     N_("cycle the status")) \
	X(STATUS_TODO,    "status-todo",    N_("status: not started")) \
	X(STATUS_DOING,   "status-doing",   N_("status: in progress")) \
	X(STATUS_DONE,    "status-done",    N_("status: done")) \
	X(STATUS_BLOCKED, "status-blocked", N_("status: blocked")) \
	X(PROGRESS_UP,    "progress-up",    N_("progress +10%")) \
	X(PROGRESS_DOWN,  "progress-down",  N_("progress -10%")) \
	X(EDIT_NOTE,      "edit-note",      N_("edit the note")) \
	X(ADD_EVIDENCE,   "add-evidence",   N_("add evidence (document number and date)")) \
	X(UNDO,           "undo",           N_("undo the last change")) \
	X(TOGGLE_FILTER,  "toggle-filter",  N_("show or hide the filter pane")) \
	X(FILTER_OVERDUE, "filter-overdue", N_("show only overdue tasks, or all")) \
	X(FILTER_STATUS,  "filter-status",  N_("filter by status (cycles)")) \
	X(FILTER_KIND,    "filter-kind",    N_("filter by schedule kind (cycles)")) \
	X(FILTER_SECTION, "filter-section", N_("only the selected section, or all")) \
	X(CLEAR_FILTER,   "clear-filter",   N_("clear the filter")) \
	X(DASHBOARD,      "dashboard",      N_("dashboard for the quarter")) \
	X(SUBMIT_REPORT,  "submit-report",  N_("submit the unit's report for the quarter")) \
	X(EXPORT_BUNDLE,  "export-bundle",  N_("export a report or plan bundle to a file")) \
	X(IMPORT_BUNDLE,  "import-bundle",  N_("import a bundle from a file")) \
	X(INPUT_MODE,     "input-mode",     N_("typing: off, Telex, VNI")) \
	X(HELP,           "help",           N_("this help")) \
	X(REDRAW,         "redraw",         N_("redraw the screen")) \
	X(QUIT,           "quit",           N_("quit"))

enum action {
	ACT_NONE,
#define X(id, name, help) ACT_##id,
	ACTIONS(X)
#undef X
	ACT_COUNT
};

const char *action_name(enum action a);
const char *action_help(enum action a);     /* translated */

/* Keys are curses key codes (characters, KEY_*). */
enum { KEYMAP_SIZE = 1024 };

struct keymap {
	enum action bound[KEYMAP_SIZE];
};

/* A problem in a keymap file: "file:line: why"; loading goes on. */
typedef void (*keymap_warn_fn)(const char *message, void *ctx);

void keymap_clear(struct keymap *k);
/* Read bindings from text (a file's contents); returns the number of bad
 * lines, each reported through warn. */
int keymap_parse(struct keymap *k, const char *file, const char *text, keymap_warn_fn warn,
		 void *ctx);
/* The same for a file's bytes (len of them), which may hold a NUL byte:
 * reported with its line. */
int keymap_parse_file(struct keymap *k, const char *file, const char *data, size_t len,
		      keymap_warn_fn warn, void *ctx);
enum action keymap_lookup(const struct keymap *k, int key);
/* "j", "^L", "<PgDn>": the name of a key, for the help overlay. */
const char *keymap_key_name(int key, char *buf, size_t size);
/* The keys bound to an action, comma-separated. */
const char *keymap_keys_of(const struct keymap *k, enum action a, char *buf, size_t size);

/* The default bindings, keymaps/default.keys compiled in. */
extern const char keymap_default_text[];

#endif
