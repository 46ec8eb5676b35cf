/* damage.c - import every truncation and every single-bit flip of a good
 * bundle into a database, in process (thousands of imports in seconds).
 * Each must be refused with a message; the caller compares the database's
 * dump before and after. TAP on stdout.
 *
 *   damage DB BUNDLE */
#include <config.h>

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bundle.h"
#include "core/core.h"

int main(int argc, char **argv)
{
	struct bundle_summary sum;
	struct error err;
	struct core *c;
	unsigned char *good, *bad;
	size_t len, i, cut_refused = 0, flip_refused = 0, silent = 0, n = 0;
	long size;
	FILE *f;

	if (argc != 3 || sodium_init() < 0)
		return 2;
	if (!(f = fopen(argv[2], "rb")) || fseek(f, 0, SEEK_END) || (size = ftell(f)) <= 0 ||
	    fseek(f, 0, SEEK_SET) || !(good = malloc((size_t)size)) || !(bad = malloc((size_t)size)) ||
	    fread(good, 1, (size_t)size, f) != (size_t)size)
		return perror(argv[2]), 2;
	fclose(f);
	len = (size_t)size;
	error_clear(&err);
	if (core_open(&c, argv[1], CORE_NO_CHECK, &err))
		return fprintf(stderr, "%s\n", err.msg), 2;
	/* Every proper prefix, the empty file included. */
	for (i = 0; i < len; i++) {
		error_clear(&err);
		if (bundle_import_data(c, "cut", good, i, 0, &sum, &err) != ERR_OK)
			cut_refused++;
		if (!err.msg[0])
			silent++;
	}
	/* Every bit of every byte. */
	memcpy(bad, good, len);
	for (i = 0; i < len * 8; i++) {
		bad[i / 8] ^= (unsigned char)(1u << (i % 8));
		error_clear(&err);
		if (bundle_import_data(c, "flip", bad, len, 0, &sum, &err) != ERR_OK)
			flip_refused++;
		else
			fprintf(stderr, "# bit %zu of byte %zu was accepted\n", i % 8, i / 8);
		if (!err.msg[0])
			silent++;
		bad[i / 8] ^= (unsigned char)(1u << (i % 8));
	}
	core_close(c);
	printf("%s %zu - all %zu truncations refused (%zu)\n", cut_refused == len ? "ok" : "not ok",
	       ++n, len, cut_refused);
	printf("%s %zu - all %zu single-bit flips refused (%zu)\n",
	       flip_refused == len * 8 ? "ok" : "not ok", ++n, len * 8, flip_refused);
	printf("%s %zu - every refusal says why\n", silent == 0 ? "ok" : "not ok", ++n);
	free(good);
	free(bad);
	return cut_refused == len && flip_refused == len * 8 && silent == 0 ? 0 : 1;
}
