/* wire.h - the bytes of a bundle: writing them, and reading them back
 * without trusting them (what core/bundle.c checks and applies). Internal
 * to core/. */
#ifndef CORE_WIRE_H
#define CORE_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "core/bundle.h"
#include "core/id.h"
#include "db/error.h"

enum {
	HEAD_LEN = 112,
	BATCH_HEAD = 98,
	ACK_LEN = ID_LEN + 8 + 8 + 16,    /* origin, held up to, check entry, its hash */
	SIG_LEN = 64,
	MAX_FIELDS = 16,
};

/* Growing byte buffer. */
struct wire_buf {
	unsigned char *p;
	size_t len, cap;
	int failed;
};

/* The file, parsed but not yet trusted. */
struct batch {
	enum bundle_kind kind;
	char origin_gid[ID_LEN + 1];
	const unsigned char *origin_pk;
	int64_t created, first, last;
	uint32_t raw_len, comp_len;
	const unsigned char *chain, *body;
	size_t nchain;
	const unsigned char *whole;       /* the batch as signed, for relaying */
	size_t whole_len;
	unsigned char *raw;               /* decompressed */
	char *arena;                      /* parsed fields */
	struct item *items;
	size_t nitems;
	int64_t origin_id;
};

struct item {
	int type;                         /* enum sync_row, or ITEM_RECORD */
	int64_t seq, hlc;
	const char *gid;
	const unsigned char *payload;
	size_t plen;
	/* For a record: history id, record id, then the payload's fields. */
	const char *f[MAX_FIELDS];
	char record_gid[ID_LEN + 1], version_gid[ID_LEN + 24];
	int derived_version;
	int long_field;                   /* a parse refused: field (from 1) too long */
	size_t long_len;
};
enum { ITEM_RECORD = 100 };

/* No log is numbered past this (a trillion entries): a sequence number
 * or acknowledgement above it is forged, and one below it can be added
 * to without leaving SQLite's 64-bit integers. */
#define ACK_SEQ_MAX ((int64_t)1 << 40)

/* The version of what bundles carry, written in every header; a bundle
 * above it is refused. It moves only when a payload changes, not with the
 * database schema: a migration that adds an index or recomputes a local
 * flag must not cut a province off from communes that have not upgraded
 * yet. 9 is what dondoc wrote at database schema 9; the payloads have not
 * changed since schema 7. */
enum { BUNDLE_SCHEMA = 9 };

struct bundle {
	int schema;
	enum bundle_kind kind;
	int64_t created;
	char sender_gid[ID_LEN + 1], recipient_gid[ID_LEN + 1];
	const unsigned char *sender_pk, *chain, *acks;
	size_t nchain, nacks;
	struct batch *b;
	size_t nb;
	const unsigned char *data;
	size_t len;
};

/* Writing: append to a growing buffer (failed set, and the rest ignored,
 * when memory runs out); big-endian integers, fixed-width ids, netstrings. */
void wire_add(struct wire_buf *b, const void *d, size_t n);
void wire_u16(struct wire_buf *b, unsigned v);
void wire_u32(struct wire_buf *b, uint32_t v);
void wire_i64(struct wire_buf *b, int64_t v);
void wire_gid(struct wire_buf *b, const char *gid);
void wire_ns(struct wire_buf *b, const void *d, size_t n);
void wire_ns_str(struct wire_buf *b, const char *s);
/* The envelope's fixed header. */
void wire_head(struct wire_buf *out, int schema, enum bundle_kind kind, int64_t created,
	       const char *sender, const char *recipient, const unsigned char *pk,
	       size_t nchain, size_t nacks, size_t nbatches);
/* A batch compressed (zlib, the preset dictionary) and signed by its origin,
 * appended with its length; declared: the uncompressed length to claim (0:
 * the true one; tests lie). */
int wire_seal(struct wire_buf *out, enum bundle_kind kind, const char *origin_gid,
	      const unsigned char *pk, const unsigned char *sk, const unsigned char *chain,
	      size_t chain_len, int64_t created, int64_t first, int64_t last,
	      const unsigned char *raw, size_t raw_len, uint32_t declared, struct error *err);
/* Plan snapshot rows by enum sync_row: unit plan section task assign. */
extern const char *const wire_plan_types[];

/* Reading, in the order import checks: the header and every length against
 * the file's size; the declared sizes against the limits; (signatures are
 * core/bundle.c's, they need the store); inflating a batch into exactly its
 * declared length; the strict parse of its items. */
int wire_layout(const unsigned char *d, size_t len, struct bundle *bd, struct error *err);
int wire_check_sizes(const struct bundle *bd, struct error *err);
int wire_inflate(struct batch *b, size_t index, struct error *err);
int wire_parse_batch(struct batch *b, size_t index, struct error *err);
/* A log entry's payload as the log keeps it, parsed into it (origin: the
 * log's unit, for what the payload leaves out). */
int wire_payload(struct item *it, const unsigned char *payload, size_t len, char **arena,
		 const char *origin);
/* What inflating and parsing batch b took, given back (its signed bytes
 * stay: they are the file's); wire_free, all of a bundle's. */
void wire_release(struct batch *b);
void wire_free(struct bundle *bd);
int wire_damaged(struct error *err, const char *what);
int64_t wire_get64(const unsigned char *p);
void wire_get_gid(const unsigned char *p, char out[ID_LEN + 1]);

#endif
