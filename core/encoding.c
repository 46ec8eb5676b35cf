/* encoding.c - see encoding.h. Documents come as UTF-8, or from older
 * Vietnamese software as Windows-1258 (letters often decomposed), TCVN3
 * (TCVN 5712) or VISCII. The legacy code pages accept almost any byte, so
 * "it converts" proves little: auto-detection converts with each and keeps
 * the one whose result looks most like Vietnamese (precomposed Vietnamese
 * letters score, stray symbols and control characters cost). */
#include <config.h>

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/encoding.h"
#include "core/text.h"
#include "db/i18n.h"

static const struct {
	const char *name;           /* as users write it */
	const char *iconv;          /* as glibc's iconv knows it */
} legacy[] = {
	{"cp1258", "CP1258"},
	{"tcvn3", "TCVN5712-1"},
	{"viscii", "VISCII"},
};

int encoding_name_valid(const char *name)
{
	size_t i;

	if (strcmp(name, "auto") == 0 || strcmp(name, "utf-8") == 0)
		return 1;
	for (i = 0; i < sizeof legacy / sizeof legacy[0]; i++)
		if (strcmp(name, legacy[i].name) == 0)
			return 1;
	return 0;
}

static int line_of(const char *data, size_t off)
{
	int line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (data[i] == '\n')
			line++;
	return line;
}

/* Convert with iconv; on invalid input *bad is the offset of the bad byte. */
static char *convert(const char *from, const char *data, size_t len, size_t *bad)
{
	iconv_t cd = iconv_open("UTF-8", from);
	size_t cap = len * 4 + 16, inleft = len, outleft = cap - 1;
	char *out, *in = (char *)data, *op;

	*bad = (size_t)-1;
	if (cd == (iconv_t)-1)
		return NULL;
	if (!(out = malloc(cap))) {
		iconv_close(cd);
		return NULL;
	}
	op = out;
	if (iconv(cd, &in, &inleft, &op, &outleft) == (size_t)-1 ||
	    iconv(cd, NULL, NULL, &op, &outleft) == (size_t)-1) {
		*bad = (size_t)(in - data);
		free(out);
		out = NULL;
	} else {
		*op = '\0';
	}
	iconv_close(cd);
	return out;
}

static int vietnamese_letter(utf8proc_int32_t c)
{
	static const char extra[] =
		"àáâãèéêìíòóôõùúýăđĩũơưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ";
	utf8proc_uint8_t buf[4];
	utf8proc_ssize_t n;

	if (c >= 0x1ea0 && c <= 0x1ef9)
		return 1;
	n = utf8proc_encode_char(c, buf);
	return n > 1 && memmem(extra, sizeof extra - 1, buf, (size_t)n) != NULL;
}

/* How many tone marks (grave, acute, hook, tilde, dot below) a letter has. */
static int tones(utf8proc_int32_t c)
{
	utf8proc_int32_t parts[4];
	utf8proc_ssize_t n = utf8proc_decompose_char(c, parts, 4, UTF8PROC_DECOMPOSE, NULL), i;
	int t = 0;

	for (i = 1; i < n && i < 4; i++)
		t += parts[i] == 0x300 || parts[i] == 0x301 || parts[i] == 0x303 ||
		     parts[i] == 0x309 || parts[i] == 0x323;
	return t;
}

/* How much NFC text reads like Vietnamese: Vietnamese letters count for,
 * stray symbols and control characters against, and so does a word with
 * two tone marks, which no Vietnamese syllable has but a wrong code page
 * produces all the time. */
static long score(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	long total = 0;
	int word_tones = 0;

	while (*p) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
		utf8proc_category_t cat;

		if (n <= 0)
			return -1000000;
		cat = utf8proc_category(c);
		if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) {
			word_tones += tones(c);
			if (word_tones == 2)
				total -= 6;
		} else {
			word_tones = 0;
		}
		if (vietnamese_letter(c))
			total += 2;
		else if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
			total -= 6;
		else if (c >= 0x80 && cat != UTF8PROC_CATEGORY_PD && cat != UTF8PROC_CATEGORY_PI &&
			 cat != UTF8PROC_CATEGORY_PF)
			total -= 3;
		p += n;
	}
	return total;
}

/* NFC, no BOM, LF line ends. */
static int finish(const char *file, char *utf8, char **out, struct error *err)
{
	char *start = utf8, *nfc, *r, *w;

	if ((unsigned char)start[0] == 0xef && (unsigned char)start[1] == 0xbb &&
	    (unsigned char)start[2] == 0xbf)
		start += 3;
	nfc = text_nfc(start);
	free(utf8);
	if (!nfc)
		return error_set(err, ERR_NOMEM, "%s: %s", file, error_text(ERR_NOMEM));
	for (r = w = nfc; *r; r++)
		if (!(*r == '\r' && (r[1] == '\n' || r[1] == '\0')))
			*w++ = *r == '\r' ? '\n' : *r;
	*w = '\0';
	*out = nfc;
	return ERR_OK;
}

/* Many well-formed multi-byte UTF-8 sequences and few bytes that are not:
 * the legacy code pages write Vietnamese letters as single bytes, so they
 * rarely form a valid sequence by chance, let alone dozens. */
static int mostly_utf8(const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	size_t i = 0, good = 0, badbytes = 0;

	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n;

		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
		if (n > 1) {
			good++;
			i += (size_t)n;
		} else {
			badbytes++;
			i++;
		}
	}
	return good >= 8 && badbytes * 10 <= good;
}

int encoding_decode(const char *file, const char *data, size_t len, const char *encoding,
		    char **out, const char **used, struct error *err)
{
	const char *nul = memchr(data, '\0', len);
	size_t i, bad;
	long best = 0;
	char *text = NULL;
	int best_i = -1;

	*out = NULL;
	*used = NULL;
	if (len == 0)
		return error_set(err, ERR_INVALID, _("%s: the file is empty"), file);
	if (nul)
		return error_set(err, ERR_INVALID,
			_("%s:%d: a NUL byte: this is binary data, not a text document"),
			file, line_of(data, (size_t)(nul - data)));
	if (strcmp(encoding, "auto") == 0 || strcmp(encoding, "utf-8") == 0) {
		bad = text_invalid_at(data, len);
		if (bad == 0) {
			if (!(text = strndup(data, len)))
				return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
			*used = "utf-8";
			return finish(file, text, out, err);
		}
		if (strcmp(encoding, "utf-8") == 0)
			return error_set(err, ERR_INVALID,
				_("%s:%d: invalid UTF-8; if the file comes from older software, try "
				  "--encoding cp1258, tcvn3 or viscii"), file, line_of(data, bad - 1));
		/* Mostly UTF-8 with a few bad bytes is a damaged UTF-8 file, not
		 * a legacy one: read as a legacy code page it would only fail
		 * later, on some other line. */
		if (mostly_utf8(data, len))
			return error_set(err, ERR_INVALID,
				_("%s:%d: invalid UTF-8 in a file that is otherwise UTF-8 (a damaged "
				  "byte?); correct that line, or give --encoding if the file really "
				  "comes from older software"), file, line_of(data, bad - 1));
	}
	for (i = 0; i < sizeof legacy / sizeof legacy[0]; i++) {
		char *candidate;
		long sc;

		if (strcmp(encoding, "auto") != 0 && strcmp(encoding, legacy[i].name) != 0)
			continue;
		candidate = convert(legacy[i].iconv, data, len, &bad);
		if (!candidate) {
			if (strcmp(encoding, "auto") != 0)
				return error_set(err, ERR_INVALID,
					_("%s:%d: a byte that %s does not have; check --encoding"),
					file, line_of(data, bad == (size_t)-1 ? 0 : bad), legacy[i].name);
			continue;
		}
		{
			/* CP1258 writes most letters decomposed: judge the composed text. */
			char *nfc = text_nfc(candidate);

			sc = nfc ? score(nfc) : -1000000;
			free(nfc);
		}
		if (best_i < 0 || sc > best) {
			free(text);
			text = candidate;
			best = sc;
			best_i = (int)i;
		} else {
			free(candidate);
		}
	}
	if (best_i < 0)
		return error_set(err, ERR_INVALID,
			_("%s: not UTF-8, nor CP1258, TCVN3 or VISCII text; give --encoding"), file);
	*used = legacy[best_i].name;
	return finish(file, text, out, err);
}
