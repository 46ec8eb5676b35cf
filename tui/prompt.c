/* prompt.c - see prompt.h. Keys arrive as wide characters in the
 * terminal's locale; the text is kept in UTF-8 whatever that locale is. */
#include <config.h>

#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>
#include <wchar.h>

#include "core/text.h"
#include "db/i18n.h"
#include "tui/draw.h"
#include "tui/prompt.h"

static size_t prev_char(const char *s, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && ((unsigned char)s[at] & 0xc0) == 0x80)
		at--;
	return at;
}

static size_t next_char(const char *s, size_t at)
{
	if (!s[at])
		return at;
	at++;
	while (s[at] && ((unsigned char)s[at] & 0xc0) == 0x80)
		at++;
	return at;
}

static void insert(struct prompt *p, size_t *cursor, const char *bytes, size_t n)
{
	size_t len = strlen(p->buf);

	if (len + n + 1 > p->cap)
		return;
	memmove(p->buf + *cursor + n, p->buf + *cursor, len - *cursor + 1);
	memcpy(p->buf + *cursor, bytes, n);
	*cursor += n;
}

/* Columns from the start of the line holding `at` up to it. */
static int column_of(const char *s, size_t at, int *line)
{
	size_t start = at;
	char save;
	int col;

	*line = 0;
	for (size_t i = 0; i < at; i++)
		if (s[i] == '\n')
			(*line)++;
	while (start > 0 && s[start - 1] != '\n')
		start--;
	save = ((char *)s)[at];
	((char *)s)[at] = '\0';
	col = text_width(s + start);
	((char *)s)[at] = save;
	return col;
}

static int width_between(const char *s, size_t a, size_t b)
{
	char piece[1024];

	snprintf(piece, sizeof piece, "%.*s", (int)(b - a), s + a);
	return text_width(piece);
}

static void show(struct prompt *p, size_t cursor)
{
	const char *mode = p->mode && *p->mode ? compose_mode_name(*p->mode) : "";
	char label[160];
	int line, col;

	if (p->repaint)
		p->repaint(p->ctx);
	snprintf(label, sizeof label, "%s%s%s%s ", p->label, *mode ? " [" : "", mode, *mode ? "]" : "");
	col = column_of(p->buf, cursor, &line);
	if (!p->multiline) {
		int lw = text_width(label), room = COLS - lw - 1;
		size_t from = 0;

		/* Show the end of a line longer than the screen. */
		while (col > room && p->buf[from]) {
			from = next_char(p->buf, from);
			col = width_between(p->buf, from, cursor);
		}
		const char *s = p->buf + from;

		draw_text(stdscr, LINES - 1, 0, lw, label, A_BOLD);
		draw_text(stdscr, LINES - 1, lw, COLS - lw, s, A_NORMAL);
		if (p->hint && p->hint[0]) {
			int hw = text_width(p->hint), at = COLS - hw - 1;

			if (at > lw + text_width(s) + 2)
				draw_text(stdscr, LINES - 1, at, hw, p->hint, A_DIM);
		}
		move(LINES - 1, lw + col);
	} else {
		int w = COLS > 74 ? 70 : COLS - 4, h = LINES > 16 ? 10 : LINES - 4;
		int y0 = (LINES - h) / 2, x0 = (COLS - w) / 2, row = 0, first;
		const char *s = p->buf;

		first = line >= h - 3 ? line - (h - 3) + 1 : 0;
		for (int y = 0; y < h; y++)
			draw_text(stdscr, y0 + y, x0, w, "", A_REVERSE);
		draw_text(stdscr, y0, x0 + 1, w - 2, label, A_REVERSE | A_BOLD);
		while (row < first + h - 3) {
			const char *nl = strchr(s, '\n');
			size_t n = nl ? (size_t)(nl - s) : strlen(s);
			char piece[512];

			if (row >= first) {
				snprintf(piece, sizeof piece, "%.*s", (int)(n < 511 ? n : 511), s);
				draw_text(stdscr, y0 + 1 + row - first, x0 + 1, w - 2, piece, A_NORMAL);
			}
			row++;
			if (!nl)
				break;
			s = nl + 1;
		}
		draw_text(stdscr, y0 + h - 1, x0 + 1, w - 2,
			  _("^D save   Esc cancel   Enter new line   ^T Telex/VNI"), A_REVERSE);
		move(y0 + 1 + line - first, x0 + 1 + (col < w - 2 ? col : w - 3));
	}
	curs_set(1);
	refresh();
}

/* Typed ahead, pasted, or arriving in one packet over a slow link. */
int input_pending(void)
{
	wint_t ch;
	int kind;

	nodelay(stdscr, TRUE);
	kind = get_wch(&ch);
	nodelay(stdscr, FALSE);
	if (kind == OK)
		unget_wch((wchar_t)ch);
	else if (kind == KEY_CODE_YES)
		ungetch((int)ch);
	return kind != ERR;
}

int prompt_run(struct prompt *p)
{
	size_t cursor = strlen(p->buf);
	int accepted = -1, dirty = 0;

	while (accepted < 0) {
		wint_t ch;
		int kind;

		/* Refilter and repaint once a burst of keys is consumed, not per
		 * key: each refilter of a province costs tens of milliseconds and
		 * each repaint bytes on the link. */
		if (!input_pending()) {
			if (dirty && p->changed)
				p->changed(p->buf, p->ctx);
			dirty = 0;
			show(p, cursor);
		}
		kind = get_wch(&ch);
		if (kind == ERR)
			continue;
		if (kind == KEY_CODE_YES) {
			switch (ch) {
			case KEY_LEFT: cursor = prev_char(p->buf, cursor); break;
			case KEY_RIGHT: cursor = next_char(p->buf, cursor); break;
			case KEY_HOME: cursor = 0; break;
			case KEY_END: cursor = strlen(p->buf); break;
			case KEY_BACKSPACE:
				if (cursor > 0) {
					size_t at = prev_char(p->buf, cursor);

					memmove(p->buf + at, p->buf + cursor, strlen(p->buf + cursor) + 1);
					cursor = at;
					dirty = 1;
				}
				break;
			case KEY_DC:
				if (p->buf[cursor]) {
					size_t n = next_char(p->buf, cursor);

					memmove(p->buf + cursor, p->buf + n, strlen(p->buf + n) + 1);
					dirty = 1;
				}
				break;
			case KEY_ENTER:
				if (!p->multiline)
					accepted = 1;
				break;
			default:
				break;      /* KEY_RESIZE repaints on the next turn */
			}
			continue;
		}
		if (ch == 27) {
			accepted = 0;
		} else if (ch == '\r' || ch == '\n') {
			if (p->multiline)
				insert(p, &cursor, "\n", 1);
			else
				accepted = 1;
		} else if (ch == 4 && p->multiline) {           /* ^D */
			accepted = 1;
		} else if (ch == 20 && p->mode) {               /* ^T */
			*p->mode = (enum compose_mode)((*p->mode + 1) % 3);
		} else if (ch == 127 || ch == 8) {
			if (cursor > 0) {
				size_t at = prev_char(p->buf, cursor);

				memmove(p->buf + at, p->buf + cursor, strlen(p->buf + cursor) + 1);
				cursor = at;
			}
		} else if (ch >= 32) {
			if (!(ch < 128 && p->mode &&
			      compose_key(*p->mode, p->buf, p->cap, &cursor, (char)ch))) {
				utf8proc_uint8_t enc[4];
				utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)ch, enc);

				insert(p, &cursor, (const char *)enc, (size_t)n);
			}
		} else {
			continue;
		}
		dirty = 1;
	}
	/* Enter may have come in the same burst as the last change. */
	if (dirty && accepted == 1 && p->changed)
		p->changed(p->buf, p->ctx);
	curs_set(0);
	return accepted;
}
