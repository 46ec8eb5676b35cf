/* forge.c - make bundles no honest dondoc would, signed with a real key, so
 * the tests reach the checks behind the signatures (authority, limits,
 * the parser).
 *
 *   forge raw BUNDLE N          batch N's payload, uncompressed, to stdout
 *                               (its range on stderr: "FIRST LAST")
 *   forge build KIND SECRET CHAIN TO FIRST LAST RAW [DECLARED [SCHEMA]]
 *                               a bundle of one batch to stdout: KIND plan or
 *                               report, SECRET a key file of 'key init', CHAIN
 *                               a file of 'key certify' or -, TO a unit's
 *                               global id or -, RAW the payload file,
 *                               DECLARED the uncompressed length to claim */
#include <config.h>

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bundle.h"
#include "core/keys.h"

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p = NULL;
	size_t cap = 0, n;

	*len = 0;
	if (!f)
		return NULL;
	do {
		unsigned char *q;

		cap = cap ? cap * 2 : 65536;
		if (!(q = realloc(p, cap))) {
			free(p);
			fclose(f);
			return NULL;
		}
		p = q;
		n = fread(p + *len, 1, cap - *len, f);
		*len += n;
	} while (*len == cap);
	fclose(f);
	return p;
}

int main(int argc, char **argv)
{
	struct error err = {0, ""};
	unsigned char *data, *out = NULL, pk[32], sk[64];
	size_t len, out_len;

	if (sodium_init() < 0)
		return 1;
	if (argc == 4 && strcmp(argv[1], "raw") == 0) {
		unsigned char *raw;
		size_t raw_len;
		int64_t first, last;

		if (!(data = slurp(argv[2], &len)) ||
		    bundle_raw_batch(data, len, (size_t)atoi(argv[3]), &raw, &raw_len, &first, &last,
				     &err)) {
			fprintf(stderr, "forge: %s\n", err.msg);
			return 1;
		}
		fwrite(raw, 1, raw_len, stdout);
		fprintf(stderr, "%lld %lld\n", (long long)first, (long long)last);
		free(raw);
		free(data);
		return fflush(stdout) != 0;
	}
	if ((argc == 9 || argc == 10 || argc == 11) && strcmp(argv[1], "build") == 0) {
		struct forge_batch b;
		struct forge_spec f;
		char line[256], gid[ID_LEN + 1] = "", hex[129];
		unsigned char *chain = NULL;
		size_t chain_len = 0, hl;
		FILE *kf = fopen(argv[3], "r");

		if (!kf)
			return perror(argv[3]), 1;
		while (fgets(line, sizeof line, kf)) {
			if (sscanf(line, "unit %26s", gid) == 1)
				continue;
			if (sscanf(line, "secret %128s", hex) == 1)
				sodium_hex2bin(sk, 64, hex, strlen(hex), NULL, &hl, NULL);
		}
		fclose(kf);
		crypto_sign_ed25519_sk_to_pk(pk, sk);
		if (strcmp(argv[4], "-") != 0) {
			if (!(chain = slurp(argv[4], &chain_len)) || chain_len < 9)
				return fprintf(stderr, "forge: bad chain\n"), 1;
			chain_len -= 9;   /* "DDCHAIN1" and the count */
		}
		if (!(data = slurp(argv[8], &len)))
			return perror(argv[8]), 1;
		memset(&b, 0, sizeof b);
		b.kind = strcmp(argv[2], "plan") == 0 ? BUNDLE_PLAN : BUNDLE_REPORT;
		b.first = strtoll(argv[6], NULL, 10);
		b.last = strtoll(argv[7], NULL, 10);
		b.raw = data;
		b.raw_len = len;
		b.declared_raw = argc > 9 ? (uint32_t)strtoul(argv[9], NULL, 10) : 0;
		memset(&f, 0, sizeof f);
		f.kind = b.kind;
		f.sender_gid = gid;
		f.recipient_gid = strcmp(argv[5], "-") ? argv[5] : NULL;
		f.pk = pk;
		f.sk = sk;
		f.chain = chain ? chain + 9 : NULL;
		f.chain_len = chain_len;
		f.schema = argc > 10 ? atoi(argv[10]) : 7;
		f.batches = &b;
		f.nbatches = 1;
		if (bundle_forge(&f, &out, &out_len, &err)) {
			fprintf(stderr, "forge: %s\n", err.msg);
			return 1;
		}
		fwrite(out, 1, out_len, stdout);
		free(out);
		free(data);
		free(chain);
		return fflush(stdout) != 0;
	}
	fprintf(stderr, "usage: forge raw BUNDLE N | forge build KIND SECRET CHAIN TO FIRST LAST "
			"RAW [DECLARED [SCHEMA]]\n");
	return 2;
}
