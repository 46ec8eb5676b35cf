/* wire.c - see wire.h.
 *
 * The file: a header (format, schema version, kind, time, sender, recipient,
 * the sender's key and certificate chain, acknowledgements), then batches,
 * each signed by its origin with its own chain so a relaying unit passes its
 * children's batches on unchanged, then the sender's signature over it all.
 * Acknowledgements travel down in plan bundles: what the sender holds of
 * each log below it, vouching for the last entry by its hash, so a unit
 * whose log started again on a new installation can tell and move on; the
 * next report starts after what was acknowledged.
 *
 * Every length is checked against the file before it is used, and a batch
 * is inflated into exactly the length it declared: one byte more is an
 * error, so a small file cannot become a large allocation. Items are
 * netstrings ("5:hello,"), parsed strictly: no leading zeros, exactly the
 * declared bytes, valid UTF-8, no NUL, every field checked for its kind. */
#include <config.h>

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "core/bundle_dict.h"
#include "core/date.h"
#include "core/hlc.h"
#include "core/keys.h"
#include "core/limits.h"
#include "core/plans.h"
#include "core/status.h"
#include "core/text.h"
#include "core/wire.h"
#include "db/i18n.h"

struct reader {
	const unsigned char *p, *end;
};

void wire_add(struct wire_buf *b, const void *d, size_t n)
{
	if (b->failed || n == 0)
		return;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		unsigned char *p;

		while (cap < b->len + n)
			cap *= 2;
		if (!(p = realloc(b->p, cap))) {
			b->failed = 1;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, d, n);
	b->len += n;
}

void wire_u16(struct wire_buf *b, unsigned v)
{
	unsigned char x[2] = {(unsigned char)(v >> 8), (unsigned char)v};

	wire_add(b, x, 2);
}

void wire_u32(struct wire_buf *b, uint32_t v)
{
	unsigned char x[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
			      (unsigned char)(v >> 8), (unsigned char)v};

	wire_add(b, x, 4);
}

void wire_i64(struct wire_buf *b, int64_t v)
{
	unsigned char x[8];
	uint64_t u = (uint64_t)v;
	int i;

	for (i = 7; i >= 0; i--, u >>= 8)
		x[i] = (unsigned char)u;
	wire_add(b, x, 8);
}

void wire_gid(struct wire_buf *b, const char *gid)
{
	char g[ID_LEN] = {0};

	if (gid)
		memcpy(g, gid, strnlen(gid, ID_LEN));
	wire_add(b, g, ID_LEN);
}

void wire_ns(struct wire_buf *b, const void *d, size_t n)
{
	char head[24];

	wire_add(b, head, (size_t)snprintf(head, sizeof head, "%zu:", n));
	wire_add(b, d, n);
	wire_add(b, ",", 1);
}

void wire_ns_str(struct wire_buf *b, const char *s)
{
	wire_ns(b, s, strlen(s));
}

static unsigned get16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int64_t wire_get64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return (int64_t)v;
}

void wire_get_gid(const unsigned char *p, char out[ID_LEN + 1])
{
	memcpy(out, p, ID_LEN);
	out[ID_LEN] = '\0';
}

void wire_release(struct batch *b)
{
	free(b->raw);
	free(b->arena);
	free(b->items);
	b->raw = NULL;
	b->arena = NULL;
	b->items = NULL;
	b->nitems = 0;
}

void wire_free(struct bundle *bd)
{
	size_t i;

	for (i = 0; i < bd->nb; i++)
		wire_release(&bd->b[i]);
	free(bd->b);
	bd->b = NULL;
	bd->nb = 0;
}

int wire_damaged(struct error *err, const char *what)
{
	return error_set(err, ERR_INVALID, _("the bundle is truncated or damaged (%s)"), what);
}

/* Step 2: the header and every length, against the file's size. */
int wire_layout(const unsigned char *d, size_t len, struct bundle *bd, struct error *err)
{
	size_t off, nb, i;

	memset(bd, 0, sizeof *bd);
	bd->data = d;
	bd->len = len;
	if (len < HEAD_LEN + SIG_LEN || memcmp(d, "DONDOCB", 7) != 0)
		return error_set(err, ERR_INVALID, _("not a dondoc bundle"));
	if (d[7] != '1')
		return error_set(err, ERR_NEWER,
			_("the bundle's format (%c) is newer than this dondoc reads; upgrade dondoc"),
			d[7] >= 0x20 && d[7] < 0x7f ? d[7] : '?');
	bd->schema = (int)get16(d + 8);
	bd->kind = (enum bundle_kind)d[10];
	if ((bd->kind != BUNDLE_PLAN && bd->kind != BUNDLE_REPORT) || d[11] || get16(d + 110))
		return wire_damaged(err, _("header"));
	bd->created = wire_get64(d + 12);
	wire_get_gid(d + 20, bd->sender_gid);
	wire_get_gid(d + 46, bd->recipient_gid);
	if (!id_valid(bd->sender_gid) || (bd->recipient_gid[0] && !id_valid(bd->recipient_gid)))
		return wire_damaged(err, _("header"));
	bd->sender_pk = d + 72;
	bd->nchain = get16(d + 104);
	bd->nacks = get16(d + 106);
	nb = get16(d + 108);
	off = HEAD_LEN;
	if (bd->nchain > CHAIN_MAX || off + bd->nchain * CERT_LEN + bd->nacks * ACK_LEN > len - SIG_LEN)
		return wire_damaged(err, _("header lengths"));
	bd->chain = d + off;
	off += bd->nchain * CERT_LEN;
	bd->acks = d + off;
	off += bd->nacks * ACK_LEN;
	if (nb && !(bd->b = calloc(nb, sizeof *bd->b)))
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	bd->nb = nb;
	for (i = 0; i < nb; i++) {
		struct batch *b = &bd->b[i];
		const unsigned char *p;
		size_t blen;

		if (off + 4 > len - SIG_LEN)
			return wire_damaged(err, _("batch lengths"));
		blen = get32(d + off);
		off += 4;
		if (blen < BATCH_HEAD + SIG_LEN || blen > len - SIG_LEN - off)
			return wire_damaged(err, _("batch lengths"));
		p = d + off;
		b->whole = p;
		b->whole_len = blen;
		b->kind = (enum bundle_kind)p[4];
		b->nchain = p[5];
		wire_get_gid(p + 8, b->origin_gid);
		/* A report bundle may carry plan batches too: the delegations
		 * of the units it comes from, so the level above can check them. */
		if (memcmp(p, "DDBT", 4) != 0 || get16(p + 6) ||
		    (b->kind != bd->kind && !(bd->kind == BUNDLE_REPORT && b->kind == BUNDLE_PLAN)) ||
		    b->nchain > CHAIN_MAX || !id_valid(b->origin_gid))
			return wire_damaged(err, _("batch header"));
		b->origin_pk = p + 34;
		b->created = wire_get64(p + 66);
		b->first = wire_get64(p + 74);
		b->last = wire_get64(p + 82);
		b->raw_len = get32(p + 90);
		b->comp_len = get32(p + 94);
		if ((size_t)BATCH_HEAD + b->nchain * CERT_LEN + b->comp_len + SIG_LEN != blen)
			return wire_damaged(err, _("batch lengths"));
		b->chain = p + BATCH_HEAD;
		b->body = b->chain + b->nchain * CERT_LEN;
		off += blen;
	}
	if (off != len - SIG_LEN)
		return wire_damaged(err, _("trailing bytes"));
	return ERR_OK;
}

/* Step 3: sizes declared before anything is inflated, and ranges. */
int wire_check_sizes(const struct bundle *bd, struct error *err)
{
	uint64_t total = 0;
	size_t i;

	for (i = 0; i < bd->nb; i++) {
		const struct batch *b = &bd->b[i];

		if (b->raw_len > BATCH_RAW_MAX)
			return error_set(err, ERR_INVALID,
				_("batch %zu declares %lu bytes uncompressed, more than the %d MiB "
				  "a batch may hold"), i + 1, (unsigned long)b->raw_len,
				BATCH_RAW_MAX >> 20);
		/* Honest text shrinks 4 to 10 times; a batch claiming far more is
		 * a bomb, refused before a byte is inflated. */
		if (b->raw_len > INFLATE_RATIO_FLOOR &&
		    b->raw_len / INFLATE_RATIO_MAX > b->comp_len)
			return error_set(err, ERR_INVALID,
				_("batch %zu claims to inflate from %lu to %lu bytes, more than %d "
				  "times: refused as a compression bomb"), i + 1,
				(unsigned long)b->comp_len, (unsigned long)b->raw_len,
				INFLATE_RATIO_MAX);
		total += b->raw_len;
		if (b->last > ACK_SEQ_MAX ||
		    (b->kind == BUNDLE_PLAN ? b->first < 1 || b->last != b->first
		     : b->last < 0 || (b->first >= 0 && (b->first < 1 || b->last < b->first - 1))))
			return wire_damaged(err, _("batch range"));
	}
	if (total > BUNDLE_RAW_MAX)
		return error_set(err, ERR_INVALID,
			_("the bundle declares %llu bytes uncompressed, more than the %d MiB "
			  "a bundle may hold"), (unsigned long long)total, BUNDLE_RAW_MAX >> 20);
	return ERR_OK;
}

/* Step 6: inflate into exactly the declared length, never past it. */
int wire_inflate(struct batch *b, size_t index, struct error *err)
{
	z_stream z;
	int zrc;

	if (!(b->raw = malloc(b->raw_len + 1)))
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	memset(&z, 0, sizeof z);
	if (inflateInit(&z) != Z_OK)
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	z.next_in = (unsigned char *)(uintptr_t)b->body;
	z.avail_in = b->comp_len;
	z.next_out = b->raw;
	z.avail_out = b->raw_len + 1;   /* one byte more shows a liar */
	zrc = inflate(&z, Z_FINISH);
	if (zrc == Z_NEED_DICT &&
	    inflateSetDictionary(&z, (const unsigned char *)bundle_dict, sizeof bundle_dict - 1) == Z_OK)
		zrc = inflate(&z, Z_FINISH);
	inflateEnd(&z);
	if (zrc != Z_STREAM_END || z.total_out != b->raw_len || z.avail_in != 0)
		return error_set(err, ERR_INVALID, zrc == Z_STREAM_END || z.total_out > b->raw_len
			? _("batch %zu does not decompress to its declared length")
			: _("batch %zu: its compressed data is damaged"), index + 1);
	return ERR_OK;
}

static int ns_next(struct reader *r, const unsigned char **v, size_t *n)
{
	size_t len = 0, digits = 0;

	while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
		if ((digits && len == 0) || ++digits > 9)
			return -1;
		len = len * 10 + (size_t)(*r->p++ - '0');
	}
	if (!digits || r->p >= r->end || *r->p++ != ':' || (size_t)(r->end - r->p) < len + 1 ||
	    r->p[len] != ',')
		return -1;
	*v = r->p;
	*n = len;
	r->p += len + 1;
	return 0;
}

/* A field copied into the arena, NUL-terminated; refuses NUL bytes and
 * text that is not UTF-8. */
static const char *field(char **arena, const unsigned char *v, size_t n)
{
	char *out = *arena;

	if (memchr(v, '\0', n))
		return NULL;
	memcpy(out, v, n);
	out[n] = '\0';
	if (!text_is_utf8(out))
		return NULL;
	*arena += n + 1;
	return out;
}

static int is_uint(const char *s, int64_t max, int64_t *out)
{
	int64_t v = 0;

	if (!*s || (s[0] == '0' && s[1]))
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (max - (*s - '0')) / 10)
			return 0;
		v = v * 10 + (*s - '0');
	}
	if (out)
		*out = v;
	return 1;
}

static int is_date(const char *s)
{
	struct date d;
	char back[11];

	if (date_parse(s, &d))
		return 0;
	date_format(d, back);
	return strcmp(back, s) == 0;
}

static int is_time(const char *s)
{
	char day[11];

	if (strlen(s) != 20 || s[10] != 'T' || s[19] != 'Z')
		return 0;
	memcpy(day, s, 10);
	day[10] = '\0';
	return is_date(day);
}

static int is_period(const char *s)
{
	struct period p;
	char back[8];

	if (period_parse(s, &p))
		return 0;
	period_format(p, back);
	return strcmp(back, s) == 0;
}

static int opt_gid(const char *s)
{
	return !*s || id_valid(s);
}

static int one_of(const char *s, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(s, *set) == 0)
			return 1;
	return 0;
}

/* The longest field i of a row of this type may be (core/limits.h); fields
 * not named are ids, numbers, dates or words, short whatever they hold. */
static size_t field_cap(int type, int i)
{
	switch (type) {
	case SYNC_UNIT:
		return i == 1 ? UNIT_CODE_MAX : i == 2 || i == 3 ? UNIT_NAME_MAX : SHORT_TEXT_MAX;
	case SYNC_PLAN:
		return i == 4 ? PLAN_TEXT_MAX : SHORT_TEXT_MAX;
	case SYNC_SECTION:
		return i == 5 ? PLAN_TEXT_MAX : SHORT_TEXT_MAX;
	case SYNC_TASK:
		return i >= 6 && i <= 10 ? PLAN_TEXT_MAX : i == 15 ? SEARCH_TEXT_MAX : SHORT_TEXT_MAX;
	case SYNC_ASSIGN:
		return i == 3 ? AGENCY_TEXT_MAX : SHORT_TEXT_MAX;
	case ITEM_RECORD:
		return i == 6 ? NOTE_MAX : i == 7 ? EVIDENCE_MAX : SHORT_TEXT_MAX;
	}
	return SHORT_TEXT_MAX;
}

/* Fields of each kind of row: how many, and whether each is valid. */
static int valid_fields(int type, const char *const *f)
{
	static const char *const kinds[] = {"province", "department", "district", "commune",
					    "office", "other", NULL};
	static const char *const calendars[] = {"calendar", "reporting", NULL};
	static const char *const recurs[] = {"", "yearly", "quarterly", NULL};
	static const char *const roles[] = {"lead", "coord", NULL};
	static const char *const bits[] = {"0", "1", NULL};
	int64_t a, b;

	switch (type) {
	case SYNC_UNIT:
		return id_valid(f[0]) && *f[1] && *f[2] && one_of(f[4], kinds) && opt_gid(f[5]) &&
		       opt_gid(f[6]) && one_of(f[7], bits);
	case SYNC_PLAN:
		return id_valid(f[0]) && id_valid(f[1]) && *f[4] && (!*f[3] || is_date(f[3])) &&
		       is_uint(f[5], 9999, &a) && is_uint(f[6], 9999, &b) && a <= b &&
		       one_of(f[7], calendars);
	case SYNC_SECTION:
		return id_valid(f[0]) && id_valid(f[1]) && opt_gid(f[2]) && is_uint(f[3], 1000000, NULL);
	case SYNC_TASK:
		return id_valid(f[0]) && id_valid(f[1]) && opt_gid(f[2]) && opt_gid(f[3]) &&
		       is_uint(f[4], 100000000, NULL) && *f[6] && schedule_kind_valid(f[11]) &&
		       (!*f[12] || is_date(f[12])) && (!*f[13] || is_date(f[13])) &&
		       one_of(f[14], recurs);
	case SYNC_ASSIGN:
		return id_valid(f[0]) && id_valid(f[1]) && opt_gid(f[2]) && (*f[2] || *f[3]) &&
		       one_of(f[4], roles) && opt_gid(f[5]);
	case ITEM_RECORD:
		/* As sent: version id (empty: derived), task, unit (empty: the
		 * origin), period, status, progress, note, evidence, completed, at,
		 * clock, supplementary. */
		return (!*f[0] || id_valid(f[0])) && id_valid(f[1]) && opt_gid(f[2]) &&
		       is_period(f[3]) && status_valid(f[4]) && is_uint(f[5], 100, NULL) &&
		       (!*f[8] || is_date(f[8])) && is_time(f[9]) && is_uint(f[10], HLC_MAX, NULL) &&
		       one_of(f[11], bits);
	case SYNC_SUBMISSION:
		/* As sent: id, unit (empty: the origin), period, time. */
		return id_valid(f[0]) && opt_gid(f[1]) && is_period(f[2]) && is_time(f[3]);
	}
	return 0;
}

/* Fields as sent, per kind of row. */
static int field_count(int type)
{
	static const int n[] = {[SYNC_UNIT] = 8, [SYNC_PLAN] = 9, [SYNC_SECTION] = 6,
				[SYNC_TASK] = 16, [SYNC_ASSIGN] = 6, [SYNC_SUBMISSION] = 4};

	return type == ITEM_RECORD ? 12 : n[type];
}

/* Read a row's fields from r. Records and submissions come out in the
 * layout the store applies (see store_apply_record): what the sender left
 * out filled in as every installation derives it, the author and an empty
 * unit being the origin of the log. */
static int parse_fields(struct reader *r, struct item *it, char **arena, const char *origin)
{
	const unsigned char *v, *start = r->p;
	const char *w[MAX_FIELDS];
	size_t n;
	int i, want = field_count(it->type);

	for (i = 0; i < want; i++) {
		if (ns_next(r, &v, &n))
			return -1;
		if (n > field_cap(it->type, i)) {
			it->long_field = i + 1;
			it->long_len = n;
			return -1;
		}
		if (!(w[i] = field(arena, v, n)))
			return -1;
	}
	if (!valid_fields(it->type, w))
		return -1;
	it->payload = start;
	it->plen = (size_t)(r->p - start);
	if (it->type == ITEM_RECORD) {
		char key[128];

		it->f[2] = w[1];
		it->f[3] = *w[2] ? w[2] : origin;
		for (i = 3; i <= 9; i++)
			it->f[i + 1] = w[i];
		it->f[11] = origin;
		it->f[12] = w[10];
		it->f[13] = w[11];
		snprintf(key, sizeof key, "%s|%s|%s", it->f[2], it->f[3], it->f[4]);
		id_derived(it->record_gid, key);
		snprintf(it->version_gid, sizeof it->version_gid, "%s:%s", it->record_gid, w[10]);
		it->derived_version = !*w[0];
		it->f[0] = *w[0] ? w[0] : it->version_gid;
		it->f[1] = it->record_gid;
	} else if (it->type == SYNC_SUBMISSION) {
		it->f[0] = w[0];
		it->f[1] = *w[1] ? w[1] : origin;
		it->f[2] = w[2];
		it->f[3] = w[3];
		it->f[4] = origin;
	} else {
		memcpy(it->f, w, (size_t)want * sizeof w[0]);
	}
	return 0;
}

/* The same for a payload on its own, as the log keeps it. */
int wire_payload(struct item *it, const unsigned char *payload, size_t len, char **arena,
			 const char *origin)
{
	struct reader r = {payload, payload + len};

	return parse_fields(&r, it, arena, origin) == 0 && r.p == r.end ? 0 : -1;
}

const char *const wire_plan_types[] = {
	[SYNC_UNIT] = "unit", [SYNC_PLAN] = "plan", [SYNC_SECTION] = "section",
	[SYNC_TASK] = "task", [SYNC_ASSIGN] = "assign",
};

int wire_parse_batch(struct batch *b, size_t index, struct error *err)
{
	struct reader r = {b->raw, b->raw + b->raw_len};
	char *arena;
	size_t cap = 0;
	int64_t prev = 0;

	/* Fields are copied out NUL-terminated: never more than the payload. */
	if (!(b->arena = arena = malloc(b->raw_len + 1)))
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	while (r.p < r.end) {
		struct item *it;
		const unsigned char *v;
		const char *type, *s;
		size_t n;
		int t;

		if (b->nitems == cap) {
			struct item *more;

			cap = cap ? cap * 2 : 4;
			if (!(more = realloc(b->items, cap * sizeof *more)))
				return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
			b->items = more;
			/* A record's derived ids live in its item: they moved too. */
			for (n = 0; n < b->nitems; n++)
				if (more[n].type == ITEM_RECORD) {
					more[n].f[1] = more[n].record_gid;
					if (more[n].derived_version)
						more[n].f[0] = more[n].gid = more[n].version_gid;
				}
		}
		it = &b->items[b->nitems];
		memset(it, 0, sizeof *it);
		if (ns_next(&r, &v, &n) || !(type = field(&arena, v, n)))
			goto bad;
		if (b->kind == BUNDLE_PLAN) {
			for (t = SYNC_UNIT; t <= SYNC_ASSIGN; t++)
				if (strcmp(type, wire_plan_types[t]) == 0)
					break;
			if (t > SYNC_ASSIGN)
				goto bad;
			it->type = t;
		} else {
			if (strcmp(type, "record") == 0)
				it->type = ITEM_RECORD;
			else if (strcmp(type, "submission") == 0)
				it->type = SYNC_SUBMISSION;
			else
				goto bad;
			/* The sequence rises within the batch's range. */
			if (ns_next(&r, &v, &n) || !(s = field(&arena, v, n)) ||
			    !is_uint(s, INT64_MAX, &it->seq) || it->seq <= prev || it->seq > b->last ||
			    (b->first > 0 && it->seq < b->first))
				goto bad;
			prev = it->seq;
		}
		if (b->kind == BUNDLE_PLAN ? ns_next(&r, &it->payload, &it->plen) ||
					     wire_payload(it, it->payload, it->plen, &arena, b->origin_gid)
					   : parse_fields(&r, it, &arena, b->origin_gid))
			goto bad;
		if (b->kind == BUNDLE_REPORT) {
			it->gid = it->f[0];
			if (it->type == ITEM_RECORD && !is_uint(it->f[12], INT64_MAX, &it->hlc))
				goto bad;
			/* A period batch holds that period only. */
			if (b->first < 0) {
				char want[8];
				struct period p = {(int)(-b->first / 10), (int)(-b->first % 10)};

				period_format(p, want);
				if (strcmp(it->f[it->type == ITEM_RECORD ? 4 : 2], want) != 0)
					goto bad;
			}
		}
		if (++b->nitems > BUNDLE_ITEMS_MAX)
			return error_set(err, ERR_INVALID,
				_("batch %zu holds more than %d entries"), index + 1, BUNDLE_ITEMS_MAX);
	}
	return ERR_OK;
bad:
	if (b->nitems < cap && b->items[b->nitems].long_field)
		return error_set(err, ERR_INVALID,
			_("batch %zu: item %zu: field %d is %zu bytes long, more than the %zu it "
			  "may hold"), index + 1, b->nitems + 1, b->items[b->nitems].long_field,
			b->items[b->nitems].long_len,
			field_cap(b->items[b->nitems].type, b->items[b->nitems].long_field - 1));
	return error_set(err, ERR_INVALID,
		_("batch %zu: item %zu is malformed; the bundle is damaged or forged"), index + 1,
		b->nitems + 1);
}

/* A signed batch: header, chain, compressed body, signature. */
int wire_seal(struct wire_buf *out, enum bundle_kind kind, const char *origin_gid,
		      const unsigned char *pk, const unsigned char *sk, const unsigned char *chain,
		      size_t chain_len, int64_t created, int64_t first, int64_t last,
		      const unsigned char *raw, size_t raw_len, uint32_t declared,
		      struct error *err)
{
	uLong comp_len = compressBound((uLong)raw_len);
	unsigned char *comp = malloc(comp_len), sig[SIG_LEN];
	struct wire_buf b = {0};
	unsigned char head[8] = {'D', 'D', 'B', 'T', (unsigned char)kind,
				 (unsigned char)(chain_len / CERT_LEN), 0, 0};
	z_stream z;
	int zrc = Z_MEM_ERROR;

	/* zlib at level 9 with the preset dictionary of bundle_dict.h. */
	memset(&z, 0, sizeof z);
	if (comp && deflateInit(&z, 9) == Z_OK) {
		z.next_in = (unsigned char *)(uintptr_t)raw;
		z.avail_in = (uInt)raw_len;
		z.next_out = comp;
		z.avail_out = (uInt)comp_len;
		if (deflateSetDictionary(&z, (const unsigned char *)bundle_dict,
					 sizeof bundle_dict - 1) == Z_OK)
			zrc = deflate(&z, Z_FINISH);
		comp_len = z.total_out;
		deflateEnd(&z);
	}
	if (zrc != Z_STREAM_END) {
		free(comp);
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	}
	wire_add(&b, head, sizeof head);
	wire_gid(&b, origin_gid);
	wire_add(&b, pk, 32);
	wire_i64(&b, created);
	wire_i64(&b, first);
	wire_i64(&b, last);
	wire_u32(&b, declared ? declared : (uint32_t)raw_len);
	wire_u32(&b, (uint32_t)comp_len);
	wire_add(&b, chain, chain_len);
	wire_add(&b, comp, comp_len);
	free(comp);
	if (b.failed) {
		free(b.p);
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	}
	crypto_sign_detached(sig, NULL, b.p, b.len, sk);
	wire_add(&b, sig, SIG_LEN);
	wire_u32(out, (uint32_t)b.len);
	wire_add(out, b.p, b.len);
	free(b.p);
	return ERR_OK;
}

void wire_head(struct wire_buf *out, int schema, enum bundle_kind kind, int64_t created,
			  const char *sender, const char *recipient, const unsigned char *pk,
			  size_t nchain, size_t nacks, size_t nbatches)
{
	unsigned char k[2] = {(unsigned char)kind, 0};

	wire_add(out, "DONDOCB1", 8);
	wire_u16(out, (unsigned)schema);
	wire_add(out, k, 2);
	wire_i64(out, created);
	wire_gid(out, sender);
	wire_gid(out, recipient);
	wire_add(out, pk, 32);
	wire_u16(out, (unsigned)nchain);
	wire_u16(out, (unsigned)nacks);
	wire_u16(out, (unsigned)nbatches);
	wire_u16(out, 0);
}

/* Test support (bundle.h). */

int bundle_forge(const struct forge_spec *f, unsigned char **out, size_t *len,
		 struct error *err)
{
	struct wire_buf b = {0};
	unsigned char sig[SIG_LEN];
	int64_t now = (int64_t)time(NULL);
	size_t i;
	int rc;

	wire_head(&b, f->schema, f->kind, now, f->sender_gid, f->recipient_gid, f->pk,
		      f->chain_len / CERT_LEN, f->nacks, f->nbatches);
	wire_add(&b, f->chain, f->chain_len);
	wire_add(&b, f->acks, f->nacks * ACK_LEN);
	for (i = 0; i < f->nbatches; i++) {
		const struct forge_batch *x = &f->batches[i];

		if ((rc = wire_seal(&b, x->kind, f->sender_gid, f->pk, f->sk, f->chain, f->chain_len,
				     now, x->first, x->last, x->raw, x->raw_len, x->declared_raw,
				     err))) {
			free(b.p);
			return rc;
		}
	}
	crypto_sign_detached(sig, NULL, b.p, b.len, f->sk);
	wire_add(&b, sig, SIG_LEN);
	if (b.failed) {
		free(b.p);
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	}
	*out = b.p;
	*len = b.len;
	return ERR_OK;
}

int bundle_raw_batch(const unsigned char *data, size_t len, size_t i, unsigned char **raw,
		     size_t *raw_len, int64_t *first, int64_t *last, struct error *err)
{
	struct bundle bd;
	int rc;

	if ((rc = wire_layout(data, len, &bd, err)) || (rc = wire_check_sizes(&bd, err)))
		goto out;
	if (i >= bd.nb) {
		rc = error_set(err, ERR_NOTFOUND, "no batch %zu", i + 1);
		goto out;
	}
	if ((rc = wire_inflate(&bd.b[i], i, err)))
		goto out;
	*raw = bd.b[i].raw;
	*raw_len = bd.b[i].raw_len;
	*first = bd.b[i].first;
	*last = bd.b[i].last;
	bd.b[i].raw = NULL;
out:
	wire_free(&bd);
	return rc;
}
