/* id.c - see id.h. Base32 (Crockford's alphabet, lower case) keeps ids
 * short, case-safe and readable aloud over a phone line. */
#include <config.h>

#include <sodium.h>
#include <string.h>

#include "core/id.h"

static const char alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";

static void encode(char out[ID_LEN + 1], const unsigned char bytes[16])
{
	unsigned int acc = 0;
	int bits = 0, i, n = 0;

	for (i = 0; i < 16; i++) {
		acc = (acc << 8) | bytes[i];
		bits += 8;
		while (bits >= 5) {
			out[n++] = alphabet[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		out[n++] = alphabet[(acc << (5 - bits)) & 31];
	out[n] = '\0';
}

void id_random(char out[ID_LEN + 1])
{
	unsigned char bytes[16];

	randombytes_buf(bytes, sizeof bytes);
	encode(out, bytes);
}

void id_derived(char out[ID_LEN + 1], const char *key)
{
	unsigned char bytes[16];

	crypto_generichash(bytes, sizeof bytes, (const unsigned char *)key, strlen(key), NULL, 0);
	encode(out, bytes);
}

int id_valid(const char *s)
{
	size_t i;

	for (i = 0; i < ID_LEN; i++)
		if (!s[i] || !strchr(alphabet, s[i]))
			return 0;
	return s[ID_LEN] == '\0';
}
