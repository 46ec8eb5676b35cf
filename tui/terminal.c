/* terminal.c - see terminal.h. On its own because term.h defines macros
 * (lines, columns, ...) that clash with ordinary names elsewhere. curses
 * alone prints "Error opening terminal" and exits on an unknown TERM, and
 * opens a dumb one to show nothing: say which, and what to do. */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <term.h>

#include "db/i18n.h"
#include "tui/out.h"
#include "tui/terminal.h"

int terminal_usable(void)
{
	const char *term = getenv("TERM");
	char *cup;
	int err = 0;

	if (!term || !*term) {
		out_error(_("TERM is not set, so the review screen cannot be drawn: set it to your "
			    "terminal (TERM=xterm, TERM=linux or TERM=vt100), or use the commands "
			    "(dondoc list, dondoc report)"));
		return 0;
	}
	if (setupterm(NULL, fileno(stdout), &err) != OK) {
		out_error(_("the terminal type '%s' (TERM) is not known here: set TERM=xterm, "
			    "TERM=linux or TERM=vt100, or use the commands (dondoc list, dondoc "
			    "report)"), term);
		return 0;
	}
	cup = tigetstr("cup");
	del_curterm(cur_term);
	if (!cup || cup == (char *)-1) {
		out_error(_("the terminal '%s' cannot move its cursor, so the review screen cannot "
			    "be drawn on it: set TERM to your terminal (xterm, linux, vt100), or "
			    "use the commands (dondoc list, dondoc report)"), term);
		return 0;
	}
	return 1;
}
