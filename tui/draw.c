/* draw.c - see draw.h. */
#include <config.h>

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/draw.h"

static int utf8 = 1;
static const char *codeset = "UTF-8";

void draw_init(void)
{
	codeset = nl_langinfo(CODESET);
	utf8 = text_codeset_is_utf8(codeset);
}

int draw_utf8(void)
{
	return utf8;
}

void draw_text(WINDOW *w, int y, int x, int width, const char *s, attr_t attr)
{
	char *safe, *cut, *out;
	size_t cap;
	int used;

	if (width <= 0)
		return;
	safe = text_sanitize(s ? s : "", 0);
	cap = (size_t)width * 4 + 8;
	cut = malloc(cap);
	if (!safe || !cut) {
		free(safe);
		free(cut);
		return;
	}
	text_truncate(safe, width, !utf8, cut, cap);
	used = text_width(cut);
	out = utf8 ? cut : text_to_codeset(cut, codeset);
	wattr_on(w, attr, NULL);
	mvwaddstr(w, y, x, out ? out : "");
	for (; used < width; used++)
		waddch(w, ' ');
	wattr_off(w, attr, NULL);
	if (out != cut)
		free(out);
	free(cut);
	free(safe);
}

/* UTF-8 terminals get the box-drawing character itself (no alternate
 * character set to switch in and out of); others get ASCII. */
void draw_hline(WINDOW *w, int y, int x, int width)
{
	wmove(w, y, x);
	for (int i = 0; i < width; i++)
		waddstr(w, utf8 ? "\xe2\x94\x80" : "-");
}
