/* terminal.h - whether the terminal can show the review screen. */
#ifndef TUI_TERMINAL_H
#define TUI_TERMINAL_H

/* 1 if it can; else 0, with a message that says what to do. */
int terminal_usable(void);

#endif
