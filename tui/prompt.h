/* prompt.h - typing text in the UI: a line at the bottom or a box for a
 * multi-line note, with Telex or VNI composition. */
#ifndef TUI_PROMPT_H
#define TUI_PROMPT_H

#include <stddef.h>

#include "core/compose.h"

struct prompt {
	const char *label;
	char *buf;                  /* UTF-8, edited in place */
	size_t cap;
	int multiline;              /* Enter adds a line; ^D saves */
	enum compose_mode *mode;    /* ^T cycles it */
	/* After each change (incremental search); may be NULL. */
	void (*changed)(const char *text, void *ctx);
	/* Repaint what is under the prompt (after a resize); may be NULL. */
	void (*repaint)(void *ctx);
	void *ctx;
	const char *hint;           /* shown dim at the line's end when set and there is room */
};

/* 1 when accepted (Enter, or ^D in a note), 0 when cancelled (Esc). */
int prompt_run(struct prompt *p);

/* Whether another key is already waiting; it stays in the queue. */
int input_pending(void);

#endif
