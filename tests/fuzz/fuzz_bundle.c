/* fuzz_bundle.c - libFuzzer target for the bundle reader. The first byte
 * chooses what the rest is:
 *   0      a whole bundle file as it would arrive;
 *   0x80   acknowledgements, sent in a plan bundle the province signs to
 *          the district the receiver acts for (so take_acks weighs them);
 *   0x81   a certificate chain, link by link (subject, issuer, validity,
 *          which key is certified and which signs it), which the target
 *          signs itself so mutations reach past the signatures into
 *          chain_verify's tree checks; the bundle comes from the first
 *          link's subject with the key it certifies;
 *   else   the uncompressed payload of a plan or report batch, signed with
 *          the province's real key (trusted by the receiving database) so
 *          the mutations get past the signatures into decompression, the
 *          strict parse and the authority checks.
 * Imports are dry runs: the database stays as it was set up. Build and run
 * with tests/fuzz/run.sh; with DONDOC_FUZZ_SEEDS set, the target first
 * writes real payloads there as a seed corpus. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "core/bundle.h"
#include "core/core.h"
#include "core/keys.h"
#include "core/plans.h"
#include "core/status.h"
#include "core/units.h"
#include "core/wire.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct core *recv_db;
static struct identity root;
/* Keys a chain may name: the province's, the district's, a stranger's. */
static unsigned char pks[3][32], sks[3][64];
static char district_gid[ID_LEN + 1];

enum { MODE_ACKS = 0x80, MODE_CHAIN = 0x81, LINK_SPEC = 2 * ID_LEN + 16 + 2 };

static void die(const char *what, const struct error *err)
{
	fprintf(stderr, "fuzz_bundle setup: %s: %s\n", what, err ? err->msg : "");
	abort();
}

static void seed(const char *dir, const char *name, const char *bundle, size_t batch)
{
	unsigned char *data, *raw;
	size_t len, raw_len;
	int64_t first, last;
	char path[4096];
	struct error err;
	FILE *f = fopen(bundle, "rb");
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
	    !(data = malloc((size_t)n)) || fread(data, 1, (size_t)n, f) != (size_t)n)
		die(bundle, NULL);
	fclose(f);
	len = (size_t)n;
	snprintf(path, sizeof path, "%s/%s-file", dir, name);
	if ((f = fopen(path, "wb"))) {
		fputc(0, f);
		fwrite(data, 1, len, f);
		fclose(f);
	}
	if (bundle_raw_batch(data, len, batch, &raw, &raw_len, &first, &last, &err))
		die("raw batch", &err);
	snprintf(path, sizeof path, "%s/%s-raw", dir, name);
	if ((f = fopen(path, "wb"))) {
		fputc(strcmp(name, "plan") == 0 ? 1 : 2, f);
		fwrite(raw, 1, raw_len, f);
		fclose(f);
	}
	free(raw);
	free(data);
}

static void write_seed(const char *path, const struct wire_buf *b)
{
	FILE *f = fopen(path, "wb");

	if (f) {
		fwrite(b->p, 1, b->len, f);
		fclose(f);
	}
}

static int take_gid(const struct unit *u, void *ctx)
{
	snprintf(ctx, ID_LEN + 1, "%s", u->gid);
	return 0;
}

/* A province with a plan, a district it assigns tasks to, records of its
 * own; a second database that trusts the province and has its plans. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static char dir[] = "/tmp/dondoc-fuzz.XXXXXX";
	struct plan_input plan = {"1/KH-UBND", "Kế hoạch", "KH", "2024-01-05", 2024, 2024, NULL};
	struct bundle_export_opts ex = {BUNDLE_PLAN, NULL, NULL, NULL};
	struct bundle_summary sum;
	struct core *c;
	struct error err;
	struct key_file k;
	char path[4096], plan_path[4096], report_path[4096], key_path[1024], fp[64];
	const char *seeds = getenv("DONDOC_FUZZ_SEEDS");
	int64_t id;
	int i, is_root;

	(void)argc, (void)argv;
	if (!mkdtemp(dir))
		die("mkdtemp", NULL);
	setenv("XDG_DATA_HOME", dir, 1);
	setenv("DONDOC_TODAY", "2024-05-20", 1);
	snprintf(path, sizeof path, "%s/p.db", dir);
	if (core_open(&c, path, 0, &err) ||
	    unit_add(c, "KH", "Tỉnh Khánh Hòa", NULL, "province", &err) ||
	    unit_add(c, "KH-NT", "Thành phố Nha Trang", "KH", "district", &err) ||
	    unit_use(c, "KH", &err) || key_init(c, key_path, fp, &is_root, &err) ||
	    plan_add(c, &plan, &id, &err))
		die("province", &err);
	for (i = 0; i < 4; i++) {
		const char *lead[] = {"KH-NT", "KH"};
		struct task_input t;
		char title[64];
		size_t unresolved;

		memset(&t, 0, sizeof t);
		snprintf(title, sizeof title, "Nhiệm vụ %d", i + 1);
		t.plan = "1/KH-UBND";
		t.title = title;
		t.sched.kind = "date";
		t.sched.due = "2024-06-30";
		t.lead = lead;
		t.nlead = 2;
		if (task_add(c, &t, &id, &unresolved, &err))
			die("task", &err);
	}
	for (i = 1; i <= 3; i++) {
		struct status_change ch = {NULL, NULL, "2024Q2", "doing", 10 * i, "Đang làm", NULL,
					   NULL, 0, NULL, NULL};
		char task[8];

		snprintf(task, sizeof task, "%d", i);
		ch.task = task;
		if (status_set(c, &ch, &err))
			die("status", &err);
	}
	snprintf(plan_path, sizeof plan_path, "%s/plan.ddb", dir);
	ex.path = plan_path;
	if (bundle_export(c, &ex, &sum, &err))
		die("plan bundle", &err);
	snprintf(report_path, sizeof report_path, "%s/report.ddb", dir);
	ex.kind = BUNDLE_REPORT;
	ex.to = "KH-NT";
	ex.path = report_path;
	if (bundle_export(c, &ex, &sum, &err))
		die("report bundle", &err);
	snprintf(path, sizeof path, "%s/kh.pub", dir);
	if (key_export(c, path, &err) || key_read_file(path, &k, &err) ||
	    identity_load(c, &root, 1, &err))
		die("key", &err);
	core_close(c);

	snprintf(path, sizeof path, "%s/r.db", dir);
	if (core_open(&recv_db, path, 0, &err) || key_trust(recv_db, &k, &err) ||
	    bundle_import(recv_db, plan_path, 0, &sum, &err) || unit_use(recv_db, "KH-NT", &err))
		die("receiver", &err);
	memcpy(pks[0], root.pk, 32);
	memcpy(sks[0], root.sk, 64);
	crypto_sign_keypair(pks[1], sks[1]);
	crypto_sign_keypair(pks[2], sks[2]);
	if (unit_get(recv_db, "KH-NT", take_gid, district_gid, &err))
		die("district", &err);
	if (seeds) {
		static const unsigned char chain_mode = MODE_CHAIN, acks_mode = MODE_ACKS;
		static const unsigned char keys[2] = {1, 0}, hash[16];
		struct wire_buf spec = {0};

		seed(seeds, "plan", plan_path, 0);
		seed(seeds, "report", report_path, 0);
		/* The district's key certified by the province for a year. */
		wire_add(&spec, &chain_mode, 1);
		wire_gid(&spec, district_gid);
		wire_gid(&spec, root.unit_gid);
		wire_i64(&spec, (int64_t)time(NULL) - 86400);
		wire_i64(&spec, (int64_t)time(NULL) + 365 * 86400);
		wire_add(&spec, keys, 2);
		snprintf(path, sizeof path, "%s/chain", seeds);
		write_seed(path, &spec);
		/* The province holds the district's log up to 3. */
		spec.len = 0;
		wire_add(&spec, &acks_mode, 1);
		wire_gid(&spec, district_gid);
		wire_i64(&spec, 3);
		wire_i64(&spec, 0);
		wire_add(&spec, hash, sizeof hash);
		snprintf(path, sizeof path, "%s/acks", seeds);
		write_seed(path, &spec);
		free(spec.p);
	}
	return 0;
}

/* A chain from link specs (see the top), each signed here. */
static size_t build_chain(const uint8_t *d, size_t n, unsigned char *chain, int *signer)
{
	size_t links = 0;

	*signer = 0;
	while (n >= LINK_SPEC && links < CHAIN_MAX) {
		struct cert ct;
		unsigned char body[CERT_LEN];
		int subject = d[2 * ID_LEN + 16] % 3, by = d[2 * ID_LEN + 17] % 3;

		memset(&ct, 0, sizeof ct);
		memcpy(ct.subject_gid, d, ID_LEN);
		memcpy(ct.issuer_gid, d + ID_LEN, ID_LEN);
		ct.valid_from = wire_get64(d + 2 * ID_LEN);
		ct.valid_until = wire_get64(d + 2 * ID_LEN + 8);
		memcpy(ct.subject_pk, pks[subject], 32);
		memcpy(ct.issuer_pk, pks[by], 32);
		cert_encode(&ct, body);
		crypto_sign_detached(ct.sig, NULL, body, CERT_LEN - 64, sks[by]);
		cert_encode(&ct, chain + links * CERT_LEN);
		if (links == 0)
			*signer = subject;
		links++;
		d += LINK_SPEC;
		n -= LINK_SPEC;
	}
	return links;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bundle_summary sum;
	struct error err;

	if (size < 1)
		return 0;
	if (data[0] == 0) {
		bundle_import_data(recv_db, "fuzz", data + 1, size - 1, 1, &sum, &err);
	} else if (data[0] == MODE_ACKS || data[0] == MODE_CHAIN) {
		unsigned char chain[CERT_LEN * CHAIN_MAX], *out;
		char sender[ID_LEN + 1];
		struct forge_spec f;
		size_t len, links = 0;
		int signer = 0;

		memset(&f, 0, sizeof f);
		f.kind = BUNDLE_PLAN;
		f.schema = 7;
		f.sender_gid = root.unit_gid;
		if (data[0] == MODE_ACKS) {
			f.acks = data + 1;
			f.nacks = (size_t)(size - 1) / (ID_LEN + 8 + 8 + 16);
		} else {
			links = build_chain(data + 1, size - 1, chain, &signer);
			if (links) {
				memcpy(sender, data + 1, ID_LEN);
				sender[ID_LEN] = '\0';
				f.sender_gid = sender;
				f.chain = chain;
				f.chain_len = links * CERT_LEN;
			}
		}
		f.pk = pks[signer];
		f.sk = sks[signer];
		if (bundle_forge(&f, &out, &len, &err) == ERR_OK) {
			bundle_import_data(recv_db, "fuzz", out, len, 1, &sum, &err);
			free(out);
		}
	} else {
		struct forge_batch b = {data[0] & 1 ? BUNDLE_PLAN : BUNDLE_REPORT, 1, 1, data + 1,
					size - 1, 0};
		struct forge_spec f;
		unsigned char *out;
		size_t len;

		/* Report batches cover a range; a few bits choose it. */
		if (b.kind == BUNDLE_REPORT) {
			b.first = (data[0] >> 1) & 1 ? -20242 : 1;
			b.last = (data[0] >> 2) & 0x3f;
		}
		memset(&f, 0, sizeof f);
		f.kind = b.kind;
		f.sender_gid = root.unit_gid;
		f.pk = root.pk;
		f.sk = root.sk;
		f.schema = 7;
		f.batches = &b;
		f.nbatches = 1;
		if (bundle_forge(&f, &out, &len, &err) == ERR_OK) {
			bundle_import_data(recv_db, "fuzz", out, len, 1, &sum, &err);
			free(out);
		}
	}
	return 0;
}
