/* bundle_bench.c - make a province-quarter of report bundles on a copy of
 * the synthetic province: every unit gets a key certified up the tree, then
 * reports up to 60 tasks it holds for PERIOD (with a note and evidence on
 * each) and exports its report bundle for that period, addressed to the
 * province. The caller imports them into the original database and times
 * it (tests/bench/bundle.sh). Also writes, for the first commune, its
 * records as CSV, to compare sizes with gzip.
 *
 * usage: bundle_bench UNITS_DB OUTDIR PERIOD */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bundle.h"
#include "core/core.h"
#include "core/csvplan.h"
#include "core/keys.h"
#include "core/query.h"
#include "core/status.h"
#include "core/units.h"

struct unit_row {
	char code[32], parent[32], kind[16];
};

struct units {
	struct unit_row *v;
	size_t n;
};

static void die(const char *what, const struct error *err)
{
	fprintf(stderr, "bundle_bench: %s: %s\n", what, err ? err->msg : "");
	exit(1);
}

static int take_unit(const struct unit *u, void *ctx)
{
	struct units *l = ctx;
	struct unit_row *r;

	if (!u->active)
		return 0;
	if (!(l->v = realloc(l->v, (l->n + 1) * sizeof *l->v)))
		return 1;
	r = &l->v[l->n++];
	snprintf(r->code, sizeof r->code, "%s", u->code);
	snprintf(r->parent, sizeof r->parent, "%s", u->parent_code ? u->parent_code : "");
	snprintf(r->kind, sizeof r->kind, "%s", u->kind);
	return 0;
}

struct tasks {
	char (*gid)[32];
	size_t n;
};

static int take_task(const struct task *t, void *ctx)
{
	struct tasks *l = ctx;

	if (!(l->gid = realloc(l->gid, (l->n + 1) * sizeof *l->gid)))
		return 1;
	snprintf(l->gid[l->n++], 32, "%s", t->gid);
	return 0;
}

/* Progress notes as officers write them, varied per record. */
static const char *const openers[] = {
	"Đã ban hành", "Đang triển khai", "Đã tổ chức rà soát", "Chưa thực hiện xong",
	"Đã hoàn thành", "Đang lấy ý kiến về", "Đã báo cáo UBND huyện về", "Đang số hóa",
};
static const char *const objects[] = {
	"kế hoạch tuyên truyền cải cách hành chính", "quy chế phối hợp giải quyết thủ tục hành chính",
	"hồ sơ tiếp nhận qua dịch vụ công trực tuyến", "danh mục thủ tục hành chính cấp xã",
	"kết quả khảo sát sự hài lòng của người dân", "văn bản quy phạm pháp luật hết hiệu lực",
	"bộ phận một cửa của Ủy ban nhân dân", "quy trình nội bộ giải quyết hồ sơ đất đai",
};
static const char *const tails[] = {
	"đạt khoảng %d%% khối lượng", "còn vướng mắc về kinh phí, đề xuất bổ sung %d triệu đồng",
	"đã gửi %d văn bản xin ý kiến các phòng, ban", "dự kiến xong trước ngày %d/3/2026",
};

static void note_for(size_t j, unsigned seed, char *out, size_t size)
{
	unsigned x = (unsigned)(j * 2654435761u) ^ seed;

	snprintf(out, size, "%s %s; ", openers[x % 8], objects[(x >> 3) % 8]);
	snprintf(out + strlen(out), size - strlen(out), tails[(x >> 6) % 4], (int)((x >> 8) % 30) + 1);
	snprintf(out + strlen(out), size - strlen(out), ".");
}

int main(int argc, char **argv)
{
	struct units units = {NULL, 0};
	struct error err;
	struct core *c;
	char path[4096], out[4096], key_path[1024], fp[64];
	const char *dir, *period;
	FILE *csv = NULL;
	size_t i, j, made = 0, records = 0;
	int root, made_csv = 0;

	if (argc != 4)
		return fprintf(stderr, "usage: bundle_bench UNITS_DB OUTDIR PERIOD\n"), 2;
	dir = argv[2];
	period = argv[3];
	snprintf(path, sizeof path, "%s/keys", dir);
	setenv("XDG_DATA_HOME", path, 1);
	if (core_open(&c, argv[1], CORE_NO_CHECK | CORE_BULK, &err))
		die(argv[1], &err);
	if (unit_walk(c, take_unit, &units, &err))
		die("units", &err);

	/* Keys, depth first: a parent's key is certified before its children's. */
	for (i = 0; i < units.n; i++) {
		struct unit_row *u = &units.v[i];
		char pub[4096], cert[4096], issuer[128], subject[128];

		snprintf(pub, sizeof pub, "%s/%s.pub", dir, u->code);
		snprintf(cert, sizeof cert, "%s/%s.cert", dir, u->code);
		if (unit_use(c, u->code, &err) || key_init(c, key_path, fp, &root, &err) ||
		    key_export(c, pub, &err))
			die(u->code, &err);
		if (!u->parent[0])
			continue;
		if (unit_use(c, u->parent, &err) ||
		    key_certify(c, pub, NULL, cert, subject, &err) ||
		    unit_use(c, u->code, &err) || key_install(c, cert, issuer, &err))
			die(u->code, &err);
	}

	/* Each unit reports and exports. */
	for (i = 0; i < units.n; i++) {
		struct unit_row *u = &units.v[i];
		struct task_filter f;
		struct tasks tasks = {NULL, 0};
		struct query *q;
		struct bundle_export_opts ex = {BUNDLE_REPORT, units.v[0].code, period, out};
		struct bundle_summary sum;
		size_t done = 0;

		if (!u->parent[0])
			continue;
		memset(&f, 0, sizeof f);
		f.unit = u->code;
		f.period = "2025Q4";
		f.limit = 2000;
		if (unit_use(c, u->code, &err) || query_new(c, &f, &q, &err) ||
		    query_tasks(c, q, take_task, &tasks, &err))
			die(u->code, &err);
		query_free(q);
		/* The first commune's records also go to a CSV file. */
		if (!made_csv && strcmp(u->kind, "commune") == 0) {
			snprintf(path, sizeof path, "%s/commune.csv", dir);
			if (!(csv = fopen(path, "w")))
				die(path, NULL);
			fprintf(csv, "task,unit,period,status,progress,note,evidence,completed,updated\r\n");
			printf("commune: %s\n", u->code);
		}
		if (core_begin(c, &err))
			die("begin", &err);
		for (j = 0; j < tasks.n && done < 60; j++) {
			static const char *const st[] = {"doing", "done", "blocked", "doing"};
			struct status_change ch;
			char note[300], evidence[80];

			memset(&ch, 0, sizeof ch);
			note_for(j, (unsigned)i, note, sizeof note);
			ch.task = tasks.gid[j];
			ch.period = period;
			ch.status = st[j % 4];
			ch.progress = strcmp(ch.status, "done") == 0 ? 100 : (int)((j * 7) % 100);
			ch.note = note;
			snprintf(evidence, sizeof evidence, "Báo cáo số %zu/BC-UBND ngày %zu/3/2026",
				 20 + j % 40, 1 + j % 13);
			ch.evidence = evidence;
			if (status_set(c, &ch, &err))
				continue;       /* held by a unit below, not this one */
			done++;
			if (csv) {
				char progress[8], ref[64];

				snprintf(progress, sizeof progress, "%d", ch.progress);
				snprintf(ref, sizeof ref, "%zu/BC-UBND\t2026-03-%02zu\t", 20 + j % 40,
					 1 + j % 13);
				csv_field(csv, tasks.gid[j], 0);
				csv_field(csv, u->code, 0);
				csv_field(csv, period, 0);
				csv_field(csv, ch.status, 0);
				csv_field(csv, progress, 0);
				csv_field(csv, note, 0);
				csv_field(csv, ref, 0);
				csv_field(csv, strcmp(ch.status, "done") == 0 ? "2026-03-14" : "", 0);
				csv_field(csv, "2026-03-12T02:15:00Z", 1);
			}
		}
		if (core_commit(c, &err))
			die("commit", &err);
		free(tasks.gid);
		records += done;
		snprintf(out, sizeof out, "%s/b-%s.ddb", dir, u->code);
		if (bundle_export(c, &ex, &sum, &err))
			die(u->code, &err);
		if (csv) {
			fclose(csv);
			csv = NULL;
			made_csv = 1;
			printf("commune bundle: %s, %ld records, %zu bytes\n", out, sum.records, sum.bytes);
		}
		made++;
	}
	snprintf(path, sizeof path, "%s/%s.pub", dir, units.v[0].code);
	printf("bundles: %zu, records: %zu, root key: %s\n", made, records, path);
	core_close(c);
	free(units.v);
	return 0;
}
