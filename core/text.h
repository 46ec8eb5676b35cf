/* text.h - UTF-8 text: validation, NFC, display width, folding for search,
 * neutralising untrusted text and converting it for the terminal's locale.
 *
 * Everything is locale-independent (utf8proc's tables), so widths and folds
 * are the same under LANG=C as under vi_VN.UTF-8. Functions returning char *
 * return malloc'd strings (NULL when out of memory) unless said otherwise. */
#ifndef CORE_TEXT_H
#define CORE_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* 0 if s[0..len) is valid UTF-8; otherwise the 1-based byte offset of the
 * first bad byte. */
size_t text_invalid_at(const char *s, size_t len);
int text_is_utf8(const char *s);

/* Valid UTF-8 in NFC; NULL if s is not valid UTF-8. */
char *text_nfc(const char *s);

/* Case- and diacritic-insensitive key: lower case, marks stripped, đ -> d,
 * runs of white space as one space, trimmed. "Sở Nội vụ" -> "so noi vu". */
char *text_fold(const char *s);

/* A unit's name from a heading in capitals: "TỈNH KHÁNH HÒA" -> "Tỉnh Khánh
 * Hòa" with every_word, "SỞ NỘI VỤ" -> "Sở Nội vụ" (the first two words)
 * without. */
char *text_name_case(const char *s, int every_word);

/* Columns s takes on a terminal (wide characters 2, marks 0). */
int text_width(const char *s);

/* Copy of s that is safe to draw: control characters, escape sequences and
 * bidirectional overrides become U+FFFD or a space, invalid bytes U+FFFD.
 * Newlines stay when keep_newlines, else become spaces. */
char *text_sanitize(const char *s, int keep_newlines);
/* Is the character at s one that text_sanitize replaces (a C0 or C1
 * control, DEL, a bidirectional override or mark)? Then *c is it and
 * *len its bytes. */
int text_unsafe_at(const char *s, uint32_t *c, size_t *len);

/* At most `width` columns of s, cut at a character boundary; if cut, the last
 * column is "…" (or "~" when ascii). Returns bytes written to out (always
 * NUL-terminated), or 0 if outsz is too small for anything. */
size_t text_truncate(const char *s, int width, int ascii, char *out, size_t outsz);

/* s converted to `codeset` (e.g. nl_langinfo(CODESET)); characters the codeset
 * lacks are written without their marks (Vietnamese "Sở" -> "So"), or "?". */
char *text_to_codeset(const char *s, const char *codeset);

/* 1 if codeset names UTF-8. */
int text_codeset_is_utf8(const char *codeset);

#endif

/* Folded text with a map back to the original, for finding phrases
 * case- and diacritic-insensitively and cutting the original where they are.
 * Unlike text_fold, white space is kept one for one. map[i] is the byte
 * offset in the original of folded byte i; map[len] is the original's length. */
struct folded {
	char *s;
	size_t len;
	size_t *map;
};

int text_fold_map(const char *s, struct folded *out);
void text_folded_free(struct folded *f);
