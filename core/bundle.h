/* bundle.h - plan and report bundles: the signed files that carry plans
 * down the tree and status records up it. */
#ifndef CORE_BUNDLE_H
#define CORE_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "core/id.h"
#include "db/store.h"

enum bundle_kind { BUNDLE_PLAN = 1, BUNDLE_REPORT = 2 };

/* Limits checked before anything is decompressed. */
enum {
	BUNDLE_MAX = 64 << 20,          /* the file */
	BATCH_RAW_MAX = 64 << 20,       /* one batch, uncompressed */
	BUNDLE_RAW_MAX = 256 << 20,     /* all batches, uncompressed */
	CLOCK_SLACK = 86400,            /* how far ahead a sender's clock may be */
};

struct bundle_export_opts {
	enum bundle_kind kind;
	const char *to;                 /* unit code; NULL: the parent (reports) or anyone */
	const char *period;             /* reports: only this quarter, from the start */
	const char *path;
};

/* What a bundle holds or did; counts are of rows applied (import), or
 * carried (export, inspect). */
struct bundle_summary {
	char sender[64], recipient[64], hash[65];
	enum bundle_kind kind;
	int already;                    /* import: nothing new in it */
	long batches, batches_new;      /* batches_new: import, those not here before */
	long relayed;                   /* export: batches of other units passed on */
	long records, pending, submissions;
	long units, plans, sections, tasks, assignments, acks;
	long withdrawn, kept;           /* import: tasks their issuer no longer has */
	size_t bytes;
};

int bundle_export(struct core *c, const struct bundle_export_opts *o, struct bundle_summary *sum,
		  struct error *err);
/* Verify, then apply in one transaction (dry_run: then roll back). Every
 * outcome but a dry run is written to the import log. */
int bundle_import(struct core *c, const char *path, int dry_run, struct bundle_summary *sum,
		  struct error *err);
int bundle_import_data(struct core *c, const char *name, const unsigned char *data, size_t len,
		       int dry_run, struct bundle_summary *sum, struct error *err);

/* Inspect: the header, each batch, and whether signatures and chains hold
 * (verdict: "" when they do, else why not). Changes nothing. */
struct bundle_batch_info {
	char origin[64];
	enum bundle_kind kind;
	int64_t first, last;            /* first < 0: one period's records */
	size_t raw, comp;
	long entries;
};
typedef int (*batch_info_fn)(const struct bundle_batch_info *b, void *ctx);
int bundle_inspect(struct core *c, const char *path, struct bundle_summary *sum,
		   char verdict[768], batch_info_fn fn, void *ctx, struct error *err);

int bundle_log(struct core *c, bundle_log_fn fn, void *ctx, struct error *err);
/* Canonical dump of the data (records_only: records, history, submissions). */
int bundle_dump(struct core *c, int records_only, dump_fn fn, void *ctx, struct error *err);
/* Rebuild records, history and submissions from the record log inside a
 * transaction rolled back, and compare with the live tables: *differences
 * lines differ (0: they match); *rows lines compared. */
int bundle_audit(struct core *c, long *rows, long *differences, struct error *err);

/* Test support (the fuzz target and tests/forge): a bundle whose batch
 * payloads are given raw, all signed with one secret key as `origin`. */
struct forge_batch {
	enum bundle_kind kind;
	int64_t first, last;
	const unsigned char *raw;
	size_t raw_len;
	uint32_t declared_raw;          /* 0: raw_len */
};
struct forge_spec {
	enum bundle_kind kind;
	const char *sender_gid, *recipient_gid;   /* recipient NULL: anyone */
	const unsigned char *pk, *sk;
	const unsigned char *chain;
	size_t chain_len;
	int schema;
	const struct forge_batch *batches;
	size_t nbatches;
	const unsigned char *acks;      /* nacks acknowledgements as the wire has them */
	size_t nacks;
};
int bundle_forge(const struct forge_spec *f, unsigned char **out, size_t *len,
		 struct error *err);
/* The raw payload of batch i of a bundle (malloc'd), for tests. */
int bundle_raw_batch(const unsigned char *data, size_t len, size_t i, unsigned char **raw,
		     size_t *raw_len, int64_t *first, int64_t *last, struct error *err);

#endif
