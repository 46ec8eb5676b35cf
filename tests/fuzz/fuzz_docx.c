/* fuzz_docx.c - libFuzzer target for the Word reader. The first byte
 * chooses what the rest is: odd, the bytes of a whole file (the zip layer:
 * headers, directory, inflating); even, the XML of word/document.xml and,
 * after a NUL each, of word/numbering.xml and word/styles.xml, zipped here
 * in memory (stored, CRC right) so that mutations reach the XML reader
 * instead of dying at the zip's checks. Either way the result goes through document_read as an
 * import would. Build and run with tests/fuzz/run.sh. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/document.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct zbuf {
	unsigned char *p;
	size_t len;
};

static void put(struct zbuf *z, const void *s, size_t n)
{
	memcpy(z->p + z->len, s, n);
	z->len += n;
}

static void put16(struct zbuf *z, unsigned v)
{
	unsigned char b[2] = {(unsigned char)v, (unsigned char)(v >> 8)};

	put(z, b, 2);
}

static void put32(struct zbuf *z, unsigned long v)
{
	put16(z, (unsigned)(v & 0xffff));
	put16(z, (unsigned)(v >> 16));
}

/* A zip of stored entries, by the format's book (APPNOTE 4.3). */
static size_t make_zip(unsigned char *out, const char *const *names, const uint8_t *const *bodies,
		       const size_t *lens, int n)
{
	struct zbuf z = {out, 0};
	size_t offset[3], cd;

	for (int i = 0; i < n; i++) {
		offset[i] = z.len;
		put32(&z, 0x04034b50);
		put16(&z, 20), put16(&z, 0), put16(&z, 0), put16(&z, 0), put16(&z, 0x21);
		put32(&z, crc32(0, bodies[i], (uInt)lens[i]));
		put32(&z, lens[i]), put32(&z, lens[i]);
		put16(&z, (unsigned)strlen(names[i])), put16(&z, 0);
		put(&z, names[i], strlen(names[i]));
		put(&z, bodies[i], lens[i]);
	}
	cd = z.len;
	for (int i = 0; i < n; i++) {
		put32(&z, 0x02014b50);
		put16(&z, 20), put16(&z, 20), put16(&z, 0), put16(&z, 0), put16(&z, 0);
		put16(&z, 0x21);
		put32(&z, crc32(0, bodies[i], (uInt)lens[i]));
		put32(&z, lens[i]), put32(&z, lens[i]);
		put16(&z, (unsigned)strlen(names[i])), put16(&z, 0), put16(&z, 0), put16(&z, 0);
		put16(&z, 0), put32(&z, 0), put32(&z, offset[i]);
		put(&z, names[i], strlen(names[i]));
	}
	put32(&z, 0x06054b50);
	put16(&z, 0), put16(&z, 0), put16(&z, (unsigned)n), put16(&z, (unsigned)n);
	put32(&z, z.len - cd), put32(&z, cd), put16(&z, 0);
	return z.len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"word/document.xml", "word/numbering.xml",
					    "word/styles.xml"};
	const uint8_t *bodies[3];
	size_t lens[3];
	unsigned char *zip;
	struct document *doc;
	struct error err;
	int n = 0;

	if (size < 1)
		return 0;
	if (data[0] & 1) {
		if (document_read("fuzz.docx", (const char *)data + 1, size - 1, "auto", NULL, &doc,
				  &err) == 0)
			document_free(doc);
		return 0;
	}
	/* The parts, split at NULs. */
	for (const uint8_t *p = data + 1, *end = data + size; n < 3; n++) {
		const uint8_t *nul = memchr(p, 0, (size_t)(end - p));

		bodies[n] = p;
		lens[n] = (size_t)((nul ? nul : end) - p);
		if (!nul) {
			n++;
			break;
		}
		p = nul + 1;
	}
	if (!(zip = malloc(size + 3 * 128)))
		return 0;
	size = make_zip(zip, names, bodies, lens, n);
	if (document_read("fuzz.docx", (const char *)zip, size, "auto", NULL, &doc, &err) == 0)
		document_free(doc);
	free(zip);
	return 0;
}
