/* compose.c - see compose.h. A word is decomposed into base letters,
 * their vowel marks (circumflex, breve, horn, bar of đ) and one tone; a key
 * changes one of those, then the word is written back composed (NFC). The
 * tone goes where Vietnamese spelling puts it: on the marked vowel (ơ of
 * ươ), else the middle of three vowels, else the second of two when a
 * consonant follows ("hoàn") and the first when none does ("hòa", "thủy"),
 * as the plans themselves write "Khánh Hòa". */
#include <config.h>

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/compose.h"

enum { MAXW = 16 };

enum mark { M_NONE, M_HAT, M_BREVE, M_HORN, M_BAR };
enum tone { T_NONE, T_ACUTE, T_GRAVE, T_HOOK, T_TILDE, T_DOT };

static const utf8proc_int32_t tone_char[] = {0, 0x301, 0x300, 0x309, 0x303, 0x323};

struct letter {
	char base;                  /* a-z or A-Z */
	enum mark mark;
	enum tone tone;
};

const char *compose_mode_name(enum compose_mode mode)
{
	return mode == COMPOSE_TELEX ? "Telex" : mode == COMPOSE_VNI ? "VNI" : "";
}

static int is_vowel(char c)
{
	return strchr("aeiouyAEIOUY", c) != NULL;
}

/* One code point into a letter; 0 if it is not a (Vietnamese) letter. */
static int split(utf8proc_int32_t c, struct letter *l)
{
	utf8proc_int32_t parts[4];
	utf8proc_ssize_t n, i;

	memset(l, 0, sizeof *l);
	if (c == 0x111 || c == 0x110) {
		l->base = c == 0x111 ? 'd' : 'D';
		l->mark = M_BAR;
		return 1;
	}
	n = utf8proc_decompose_char(c, parts, 4, UTF8PROC_DECOMPOSE, NULL);
	if (n < 1 || parts[0] > 0x7f || !isalpha((int)parts[0]))
		return 0;
	l->base = (char)parts[0];
	for (i = 1; i < n; i++) {
		switch (parts[i]) {
		case 0x302: l->mark = M_HAT; break;
		case 0x306: l->mark = M_BREVE; break;
		case 0x31b: l->mark = M_HORN; break;
		case 0x301: l->tone = T_ACUTE; break;
		case 0x300: l->tone = T_GRAVE; break;
		case 0x309: l->tone = T_HOOK; break;
		case 0x303: l->tone = T_TILDE; break;
		case 0x323: l->tone = T_DOT; break;
		default: return 0;
		}
	}
	return 1;
}

/* A letter back into UTF-8 (composed); bytes written. */
static size_t join(const struct letter *l, char *out)
{
	utf8proc_int32_t cps[3];
	utf8proc_uint8_t buf[16], *nfc;
	size_t n = 0, len = 0;
	int i;

	if (l->mark == M_BAR) {
		return (size_t)utf8proc_encode_char(l->base == 'D' ? 0x110 : 0x111,
						     (utf8proc_uint8_t *)out);
	}
	cps[n++] = l->base;
	if (l->mark == M_HAT)
		cps[n++] = 0x302;
	else if (l->mark == M_BREVE)
		cps[n++] = 0x306;
	else if (l->mark == M_HORN)
		cps[n++] = 0x31b;
	if (l->tone)
		cps[n++] = tone_char[l->tone];
	for (i = 0; i < (int)n; i++)
		len += (size_t)utf8proc_encode_char(cps[i], buf + len);
	buf[len] = '\0';
	nfc = utf8proc_NFC(buf);
	if (!nfc)
		return 0;
	len = strlen((char *)nfc);
	memcpy(out, nfc, len);
	free(nfc);
	return len;
}

/* Where the tone goes in the word. */
static int tone_position(const struct letter *w, int n)
{
	int first = -1, last = -1, i, count = 0;

	for (i = 0; i < n; i++) {
		if (!is_vowel(w[i].base))
			continue;
		/* "qu" and "gi" (before another vowel) are consonants here */
		if (i == 1 && ((tolower(w[0].base) == 'q' && tolower(w[1].base) == 'u') ||
			       (tolower(w[0].base) == 'g' && tolower(w[1].base) == 'i')) &&
		    n > 2 && is_vowel(w[2].base))
			continue;
		if (first < 0)
			first = i;
		last = i;
		count++;
	}
	if (first < 0)
		return -1;
	for (i = last; i >= first; i--)
		if (w[i].mark == M_HAT || w[i].mark == M_BREVE || w[i].mark == M_HORN)
			return i;
	if (count >= 3)
		return first + 1;
	if (count == 2)
		return last + 1 < n ? last : first;
	return first;
}

/* The word before the cursor: its start and its letters. */
static int read_word(const char *text, size_t cursor, size_t *start, struct letter *w)
{
	size_t at = cursor;
	int n = 0, i;

	/* Walk back over letters (at most MAXW). */
	while (at > 0 && n < MAXW) {
		size_t prev = at - 1;
		utf8proc_int32_t c;
		struct letter l;

		while (prev > 0 && ((unsigned char)text[prev] & 0xc0) == 0x80)
			prev--;
		if (utf8proc_iterate((const utf8proc_uint8_t *)text + prev, (utf8proc_ssize_t)(at - prev),
				     &c) <= 0 || !split(c, &l))
			break;
		at = prev;
		n++;
	}
	*start = at;
	for (i = 0; i < n; i++) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + at, -1, &c);

		split(c, &w[i]);
		at += (size_t)k;
	}
	return n;
}

static int write_word(char *text, size_t cap, size_t *cursor, size_t start,
		      const struct letter *w, int n, char literal)
{
	char buf[MAXW * 8 + 8];
	size_t len = 0, tail = strlen(text + *cursor);
	int i;

	for (i = 0; i < n; i++)
		len += join(&w[i], buf + len);
	if (literal)
		buf[len++] = literal;
	if (start + len + tail + 1 > cap)
		return 0;
	memmove(text + start + len, text + *cursor, tail + 1);
	memcpy(text + start, buf, len);
	*cursor = start + len;
	return 1;
}

static int apply_tone(struct letter *w, int n, enum tone t, char key, char *literal)
{
	int pos = tone_position(w, n), i;

	if (pos < 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (w[i].tone == t && t != T_NONE) {
			/* the same tone again: undo it, type the key */
			w[i].tone = T_NONE;
			*literal = key;
			return 1;
		}
	}
	if (t == T_NONE) {
		for (i = 0; i < n; i++)
			if (w[i].tone)
				break;
		if (i == n)
			return 0;
	}
	for (i = 0; i < n; i++)
		w[i].tone = T_NONE;
	w[pos].tone = t;
	return 1;
}

/* Put `mark` on the last letter (searching back) whose base is in `bases`. */
static int apply_mark(struct letter *w, int n, const char *bases, enum mark m, char key,
		      char *literal)
{
	int i, tone_at = -1;
	enum tone t = T_NONE;

	for (i = n - 1; i >= 0; i--) {
		if (!strchr(bases, tolower(w[i].base)))
			continue;
		if (w[i].mark == m) {
			w[i].mark = M_NONE;
			*literal = key;
			return 1;
		}
		/* "uo" + horn marks both: ươ */
		if (m == M_HORN && tolower(w[i].base) == 'o' && i > 0 && tolower(w[i - 1].base) == 'u')
			w[i - 1].mark = M_HORN;
		w[i].mark = m;
		break;
	}
	if (i < 0)
		return 0;
	/* The tone may have to move to the newly marked vowel. */
	for (i = 0; i < n; i++)
		if (w[i].tone) {
			t = w[i].tone;
			w[i].tone = T_NONE;
		}
	if (t) {
		tone_at = tone_position(w, n);
		if (tone_at >= 0)
			w[tone_at].tone = t;
	}
	return 1;
}

static enum tone telex_tone(char k)
{
	switch (tolower(k)) {
	case 's': return T_ACUTE;
	case 'f': return T_GRAVE;
	case 'r': return T_HOOK;
	case 'x': return T_TILDE;
	case 'j': return T_DOT;
	default: return T_NONE;
	}
}

int compose_key(enum compose_mode mode, char *text, size_t cap, size_t *cursor, char key)
{
	struct letter w[MAXW];
	size_t start;
	char literal = 0;
	int n, done = 0, vowels = 0, i;

	if (mode == COMPOSE_OFF)
		return 0;
	n = read_word(text, *cursor, &start, w);
	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		vowels += is_vowel(w[i].base);
	if (mode == COMPOSE_TELEX) {
		char k = (char)tolower(key), last = (char)tolower(w[n - 1].base);

		if (strchr("sfrxj", k) && vowels)
			done = apply_tone(w, n, telex_tone(k), key, &literal);
		else if (k == 'z' && vowels)
			done = apply_tone(w, n, T_NONE, key, &literal);
		else if ((k == 'a' || k == 'e' || k == 'o') && last == k)
			done = apply_mark(w + n - 1, 1, (char[]){k, 0}, M_HAT, key, &literal);
		else if (k == 'd' && last == 'd')
			done = apply_mark(w + n - 1, 1, "d", M_BAR, key, &literal);
		else if (k == 'w' && strchr("a", last))
			done = apply_mark(w, n, "a", M_BREVE, key, &literal);
		else if (k == 'w')
			done = apply_mark(w, n, "ou", M_HORN, key, &literal);
	} else {
		switch (key) {
		case '1': case '2': case '3': case '4': case '5':
			if (vowels)
				done = apply_tone(w, n, (enum tone)(key - '0'), key, &literal);
			break;
		case '0':
			if (vowels)
				done = apply_tone(w, n, T_NONE, key, &literal);
			break;
		case '6': done = apply_mark(w, n, "aeo", M_HAT, key, &literal); break;
		case '7': done = apply_mark(w, n, "ou", M_HORN, key, &literal); break;
		case '8': done = apply_mark(w, n, "a", M_BREVE, key, &literal); break;
		case '9': done = apply_mark(w, n, "d", M_BAR, key, &literal); break;
		default: break;
		}
	}
	if (!done)
		return 0;
	return write_word(text, cap, cursor, start, w, n, literal);
}
