/* text.c - see text.h. utf8proc does the Unicode work (NFC, case folding,
 * mark stripping, character widths); it was chosen over libunistring because
 * it is one small library with current Unicode tables whose answers do not
 * depend on the locale, which is exactly what a grid drawn under LANG=C needs.
 * iconv converts for terminals whose locale is not UTF-8. */
#include <config.h>

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "core/text.h"

size_t text_invalid_at(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t off = 0;

	while (off < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p + off, (utf8proc_ssize_t)(len - off), &c);

		if (n <= 0)
			return off + 1;
		off += (size_t)n;
	}
	return 0;
}

int text_is_utf8(const char *s)
{
	return text_invalid_at(s, strlen(s)) == 0;
}

static char *map(const char *s, utf8proc_option_t opts)
{
	utf8proc_uint8_t *out = NULL;

	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out, UTF8PROC_NULLTERM | opts) < 0)
		return NULL;
	return (char *)out;
}

char *text_nfc(const char *s)
{
	return map(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

/* Replace đ (U+0111, after case folding) with d and fold white space. */
static void fold_finish(char *s)
{
	char *r = s, *w = s;
	int space = 1;              /* drops leading space */

	while (*r) {
		if ((unsigned char)r[0] == 0xc4 && (unsigned char)r[1] == 0x91) {
			*w++ = 'd';
			r += 2;
			space = 0;
		} else if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
			if (!space)
				*w++ = ' ';
			space = 1;
			r++;
		} else {
			*w++ = *r++;
			space = 0;
		}
	}
	if (w > s && w[-1] == ' ')
		w--;
	*w = '\0';
}

char *text_fold(const char *s)
{
	char *f = map(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
			 UTF8PROC_STRIPMARK | UTF8PROC_LUMP | UTF8PROC_IGNORE);

	if (f)
		fold_finish(f);
	return f;
}

char *text_name_case(const char *s, int every_word)
{
	char *nfc = text_nfc(s), *out;
	const utf8proc_uint8_t *p;
	size_t n = 0;
	int at_word = 1, words = 0;

	if (!nfc || !(out = malloc(strlen(nfc) * 2 + 1))) {
		free(nfc);
		return NULL;
	}
	/* A letter's other case takes at most one byte more than its two or
	 * three (ASCII stays ASCII): twice the room is enough. */
	for (p = (const utf8proc_uint8_t *)nfc; *p;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t len = utf8proc_iterate(p, -1, &c);

		if (len <= 0)
			break;
		p += len;
		if (utf8proc_category(c) == UTF8PROC_CATEGORY_ZS) {
			at_word = 1;
		} else {
			c = at_word && (every_word || words == 0 || words == 1)
				? utf8proc_toupper(c) : utf8proc_tolower(c);
			if (at_word)
				words++;
			at_word = 0;
		}
		n += (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)out + n);
	}
	out[n] = '\0';
	free(nfc);
	return out;
}

int text_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	int w = 0;

	while (*p) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);

		if (n <= 0) {           /* an invalid byte is drawn as U+FFFD */
			w += 1;
			p++;
			continue;
		}
		w += utf8proc_charwidth(c);
		p += n;
	}
	return w;
}

static int unsafe(utf8proc_int32_t c)
{
	return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200e || c == 0x200f || c == 0x061c;
}

int text_unsafe_at(const char *s, uint32_t *c, size_t *len)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);

	if (n <= 0 || !unsafe(cp))
		return 0;
	*c = (uint32_t)cp;
	*len = (size_t)n;
	return 1;
}

char *text_sanitize(const char *s, int keep_newlines)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t len = strlen(s);
	char *out = malloc(len * 3 + 1), *w = out;  /* each byte grows to at most U+FFFD */

	if (!out)
		return NULL;
	while (*p) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);

		if (n <= 0) {
			c = 0xfffd;
			n = 1;
		} else if (c == '\n' && keep_newlines) {
			/* kept */
		} else if (c == '\t' || c == '\n' || c == '\r') {
			c = ' ';
		} else if (c == 0x1b) {
			/* Drop the whole escape sequence's introducer and mark it. */
			c = 0xfffd;
		} else if (unsafe(c)) {
			c = 0xfffd;
		}
		w += utf8proc_encode_char(c, (utf8proc_uint8_t *)w);
		p += n;
	}
	*w = '\0';
	return out;
}

size_t text_truncate(const char *s, int width, int ascii, char *out, size_t outsz)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	const char *ell = ascii ? "~" : "\xe2\x80\xa6";
	size_t used = 0, ell_len = strlen(ell);
	int w = 0, cut = text_width(s) > width;
	int room = cut ? width - 1 : width;    /* the ellipsis takes one column */

	if (outsz == 0)
		return 0;
	out[0] = '\0';
	if (width <= 0 || outsz < ell_len + 1)
		return 0;
	while (*p) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
		int cw;

		if (n <= 0)
			break;          /* callers pass sanitized text */
		cw = utf8proc_charwidth(c);
		if (w + cw > room || used + (size_t)n + ell_len + 1 > outsz)
			break;
		memcpy(out + used, p, (size_t)n);
		used += (size_t)n;
		w += cw;
		p += n;
	}
	if (cut) {
		memcpy(out + used, ell, ell_len);
		used += ell_len;
	}
	out[used] = '\0';
	return used;
}

int text_codeset_is_utf8(const char *codeset)
{
	return codeset && (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "UTF8") == 0);
}

/* Append src[0..n) to the growing buffer *buf. */
static int append(char **buf, size_t *len, size_t *cap, const char *src, size_t n)
{
	if (*len + n + 1 > *cap) {
		size_t ncap = (*cap + n + 1) * 2;
		char *nb = realloc(*buf, ncap);

		if (!nb)
			return -1;
		*buf = nb;
		*cap = ncap;
	}
	memcpy(*buf + *len, src, n);
	*len += n;
	(*buf)[*len] = '\0';
	return 0;
}

/* Convert one character; 0 on success. */
static int convert_one(iconv_t cd, const char *in, size_t n, char *out, size_t *outn)
{
	char *ip = (char *)in, *op = out;
	size_t il = n, ol = *outn;

	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
		return -1;
	if (iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1)
		return -1;
	*outn = (size_t)(op - out);
	return 0;
}

/* Opening a converter costs more than converting a line: keep the last one
 * (a program prints in one codeset). Single-threaded by design. */
static iconv_t open_cached(const char *codeset)
{
	static iconv_t cd = (iconv_t)-1;
	static char name[64];

	if (cd != (iconv_t)-1 && strcmp(name, codeset) == 0)
		return cd;
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	snprintf(name, sizeof name, "%s", codeset);
	cd = iconv_open(codeset, "UTF-8");
	return cd;
}

char *text_to_codeset(const char *s, const char *codeset)
{
	const utf8proc_uint8_t *p;
	char *clean, *buf = NULL, one[32];
	size_t len = 0, cap = 0;
	iconv_t cd;

	if (!(clean = text_sanitize(s, 1)))
		return NULL;
	if (text_codeset_is_utf8(codeset))
		return clean;
	cd = open_cached(codeset);
	if (append(&buf, &len, &cap, "", 0) < 0)
		goto fail;
	for (p = (const utf8proc_uint8_t *)clean; *p;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
		size_t outn = sizeof one;

		if (n <= 0)
			n = 1;
		if (c < 0x80) {
			if (append(&buf, &len, &cap, (const char *)p, 1) < 0)
				goto fail;
		} else if (cd != (iconv_t)-1 &&
			   convert_one(cd, (const char *)p, (size_t)n, one, &outn) == 0) {
			if (append(&buf, &len, &cap, one, outn) < 0)
				goto fail;
		} else {
			/* Not in the codeset: the letter without its marks. */
			utf8proc_int32_t base[8];
			utf8proc_ssize_t k = utf8proc_decompose_char(c, base, 8, UTF8PROC_DECOMPOSE |
						UTF8PROC_STRIPMARK, NULL);
			char ch = '?';

			if (c == 0x111)
				ch = 'd';
			else if (c == 0x110)
				ch = 'D';
			else if (k >= 1 && base[0] < 0x80 && base[0] >= 0x20)
				ch = (char)base[0];
			if (append(&buf, &len, &cap, &ch, 1) < 0)
				goto fail;
		}
		p += n;
	}
	free(clean);
	return buf;
fail:
	free(clean);
	free(buf);
	return NULL;
}

int text_fold_map(const char *s, struct folded *out)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t cap = strlen(s) * 2 + 8, len = 0;

	out->s = malloc(cap);
	out->map = malloc(cap * sizeof *out->map);
	if (!out->s || !out->map)
		goto fail;
	while (*p) {
		utf8proc_int32_t c, buf[8];
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c), k, i;
		size_t at = (size_t)(p - (const utf8proc_uint8_t *)s);

		if (n <= 0) {
			c = 0xfffd;
			n = 1;
		}
		if (c == 0x111 || c == 0x110) {         /* đ Đ */
			buf[0] = 'd';
			k = 1;
		} else if (c == '\t' || c == '\n' || c == '\r') {
			buf[0] = ' ';
			k = 1;
		} else {
			k = utf8proc_decompose_char(c, buf, 8, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
						    UTF8PROC_STRIPMARK | UTF8PROC_LUMP, NULL);
			if (k < 0 || k > 8) {
				buf[0] = c;
				k = 1;
			}
		}
		for (i = 0; i < k; i++) {
			utf8proc_uint8_t enc[4];
			utf8proc_ssize_t m = utf8proc_encode_char(buf[i], enc), j;

			if (len + (size_t)m + 1 > cap) {
				char *ns;
				size_t *nm;

				cap = (len + (size_t)m + 1) * 2;
				if (!(ns = realloc(out->s, cap)))
					goto fail;
				out->s = ns;
				if (!(nm = realloc(out->map, cap * sizeof *nm)))
					goto fail;
				out->map = nm;
			}
			for (j = 0; j < m; j++) {
				out->s[len] = (char)enc[j];
				out->map[len++] = at;
			}
		}
		p += n;
	}
	out->s[len] = '\0';
	out->map[len] = (size_t)(p - (const utf8proc_uint8_t *)s);
	out->len = len;
	return 0;
fail:
	text_folded_free(out);
	return -1;
}

void text_folded_free(struct folded *f)
{
	free(f->s);
	free(f->map);
	f->s = NULL;
	f->map = NULL;
}
