/* draw.h - putting untrusted UTF-8 on a curses screen: neutralised, cut to a
 * display width, converted for a terminal whose locale is not UTF-8. */
#ifndef TUI_DRAW_H
#define TUI_DRAW_H

#include <curses.h>

void draw_init(void);
/* 1 when the terminal's locale is UTF-8 (else text is transliterated and
 * lines are drawn in ASCII). */
int draw_utf8(void);
/* Text at (y, x) in exactly `width` columns: cut with an ellipsis, padded
 * with spaces. */
void draw_text(WINDOW *w, int y, int x, int width, const char *s, attr_t attr);
/* A horizontal line. */
void draw_hline(WINDOW *w, int y, int x, int width);

#endif
