/* to_nfd.c - write standard input decomposed (NFD), as some editors save
 * Vietnamese text; the import tests check it reads like its NFC twin. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <utf8proc.h>

int main(void)
{
	size_t cap = 1 << 16, len = 0, n;
	char *buf = malloc(cap);
	utf8proc_uint8_t *out;

	if (!buf)
		return 1;
	while ((n = fread(buf + len, 1, cap - len - 1, stdin)) > 0) {
		len += n;
		if (len + 1 == cap && !(buf = realloc(buf, cap *= 2)))
			return 1;
	}
	buf[len] = '\0';
	out = utf8proc_NFD((const utf8proc_uint8_t *)buf);
	if (!out)
		return 1;
	fputs((const char *)out, stdout);
	free(out);
	free(buf);
	return 0;
}
