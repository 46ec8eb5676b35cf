/* keymap.c - see keymap.h. Key codes are curses', so this file includes
 * curses only for the KEY_ constants. */
#include <config.h>

#include <ctype.h>
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/i18n.h"
#include "tui/keymap.h"

static const struct {
	const char *name;
	const char *help;
} actions[] = {
	{"none", ""},
#define X(id, name, help) {name, help},
	ACTIONS(X)
#undef X
};

static const struct {
	const char *name;
	int key;
} named[] = {
	{"<Up>", KEY_UP}, {"<Down>", KEY_DOWN}, {"<Left>", KEY_LEFT}, {"<Right>", KEY_RIGHT},
	{"<PgUp>", KEY_PPAGE}, {"<PgDn>", KEY_NPAGE}, {"<Home>", KEY_HOME}, {"<End>", KEY_END},
	{"<Enter>", '\n'}, {"<Space>", ' '}, {"<Tab>", '\t'}, {"<BTab>", KEY_BTAB},
	{"<Esc>", 27}, {"<Backspace>", KEY_BACKSPACE}, {"<Delete>", KEY_DC},
	{"<F1>", KEY_F(1)}, {"<F2>", KEY_F(2)}, {"<F3>", KEY_F(3)}, {"<F4>", KEY_F(4)},
	{"<F5>", KEY_F(5)}, {"<F6>", KEY_F(6)}, {"<F7>", KEY_F(7)}, {"<F8>", KEY_F(8)},
	{"<F9>", KEY_F(9)}, {"<F10>", KEY_F(10)}, {"<F11>", KEY_F(11)}, {"<F12>", KEY_F(12)},
};

const char *action_name(enum action a)
{
	return a < ACT_COUNT ? actions[a].name : "?";
}

const char *action_help(enum action a)
{
	return a < ACT_COUNT && a != ACT_NONE ? _(actions[a].help) : "";
}

void keymap_clear(struct keymap *k)
{
	memset(k, 0, sizeof *k);
}

static int parse_key(const char *s)
{
	size_t i;

	if (s[0] == '^' && s[1] && !s[2]) {
		if (s[1] == '?')
			return 127;
		if (isalpha((unsigned char)s[1]) || strchr("@[\\]^_", s[1]))
			return toupper((unsigned char)s[1]) & 0x1f;
		return -1;
	}
	if (s[0] && !s[1] && (unsigned char)s[0] > ' ' && (unsigned char)s[0] < 127)
		return (unsigned char)s[0];
	for (i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strcasecmp(s, named[i].name) == 0)
			return named[i].key;
	return -1;
}

const char *keymap_key_name(int key, char *buf, size_t size)
{
	size_t i;

	for (i = 0; i < sizeof named / sizeof named[0]; i++)
		if (named[i].key == key) {
			snprintf(buf, size, "%s", named[i].name);
			return buf;
		}
	if (key > 0 && key < 32)
		snprintf(buf, size, "^%c", key + '@');
	else if (key > ' ' && key < 127)
		snprintf(buf, size, "%c", key);
	else
		snprintf(buf, size, "#%d", key);
	return buf;
}

static void warn(keymap_warn_fn fn, void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void warn(keymap_warn_fn fn, void *ctx, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (fn)
		fn(buf, ctx);
}

int keymap_parse(struct keymap *k, const char *file, const char *text, keymap_warn_fn wfn,
		 void *ctx)
{
	const char *p = text;
	int lineno = 0, bad = 0;

	while (*p) {
		char line[512], *words[4], *save = NULL, *w;
		size_t len = strcspn(p, "\n"), i, n = 0;
		int key;

		lineno++;
		if (len >= sizeof line) {
			warn(wfn, ctx, _("%s:%d: the line is too long"), file, lineno);
			bad++;
			p += len + (p[len] == '\n');
			continue;
		}
		memcpy(line, p, len);
		line[len] = '\0';
		p += len + (p[len] == '\n');
		/* A word starting with '#' begins a comment, except in the key's
		 * place: "bind # help" binds the key '#'. */
		for (w = strtok_r(line, " \t\r", &save); w && n < 4; w = strtok_r(NULL, " \t\r", &save)) {
			if (w[0] == '#' && n != 1)
				break;
			words[n++] = w;
		}
		if (n == 0)
			continue;
		if (strcmp(words[0], "bind") != 0 || n != 3) {
			warn(wfn, ctx, _("%s:%d: expected \"bind KEY ACTION\""), file, lineno);
			bad++;
			continue;
		}
		key = parse_key(words[1]);
		if (key < 0 || key >= KEYMAP_SIZE) {
			warn(wfn, ctx, _("%s:%d: unknown key '%s'"), file, lineno, words[1]);
			bad++;
			continue;
		}
		for (i = 0; i < ACT_COUNT; i++)
			if (strcmp(words[2], actions[i].name) == 0)
				break;
		if (i == ACT_COUNT) {
			warn(wfn, ctx, _("%s:%d: unknown action '%s' (see 'dondoc keys')"), file,
			     lineno, words[2]);
			bad++;
			continue;
		}
		k->bound[key] = (enum action)i;
	}
	return bad;
}

int keymap_parse_file(struct keymap *k, const char *file, const char *data, size_t len,
		      keymap_warn_fn wfn, void *ctx)
{
	const char *nul = memchr(data, '\0', len);
	int bad;

	/* A NUL byte ends the text as C reads it: say where, instead of
	 * quietly ignoring the rest. */
	bad = keymap_parse(k, file, data, wfn, ctx);
	if (nul) {
		int lineno = 1;

		for (const char *p = data; p < nul; p++)
			lineno += *p == '\n';
		warn(wfn, ctx, _("%s:%d: a NUL byte; this is not a text file, and the rest of it "
				 "is not read"), file, lineno);
		bad++;
	}
	return bad;
}

enum action keymap_lookup(const struct keymap *k, int key)
{
	return key >= 0 && key < KEYMAP_SIZE ? k->bound[key] : ACT_NONE;
}

const char *keymap_keys_of(const struct keymap *k, enum action a, char *buf, size_t size)
{
	size_t len = 0;
	int key;

	buf[0] = '\0';
	for (key = 0; key < KEYMAP_SIZE && len + 16 < size; key++) {
		char name[16];

		if (k->bound[key] != a)
			continue;
		len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? " " : "",
					keymap_key_name(key, name, sizeof name));
	}
	return buf;
}
