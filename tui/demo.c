/* demo.c - "dondoc --demo": a fresh database with the bundled sample plans,
 * a small unit tree and believable status records, so a newcomer sees real
 * use at once. Deterministic: the same demo every time. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agency.h"
#include "core/import.h"
#include "core/plans.h"
#include "core/query.h"
#include "core/status.h"
#include "core/units.h"
#include "db/i18n.h"
#include "tui/cli.h"
#include "tui/ui.h"

static const struct {
	const char *code, *name, *parent, *kind;
} units[] = {
	{"KH", "Ủy ban nhân dân tỉnh Khánh Hòa", NULL, "province"},
	{"KH-VP", "Văn phòng Ủy ban nhân dân tỉnh", "KH", "office"},
	{"KH-SNV", "Sở Nội vụ", "KH", "department"},
	{"KH-SNV-VP", "Văn phòng Sở", "KH-SNV", "office"},
	{"KH-SNV-TT", "Thanh tra Sở", "KH-SNV", "office"},
	{"KH-STP", "Sở Tư pháp", "KH", "department"},
	{"KH-STC", "Sở Tài chính", "KH", "department"},
	{"KH-SKHDT", "Sở Kế hoạch và Đầu tư", "KH", "department"},
	{"KH-STTTT", "Sở Thông tin và Truyền thông", "KH", "department"},
	{"KH-CR", "UBND thành phố Cam Ranh", "KH", "district"},
	{"KH-CR-CP", "UBND xã Cam Phước Đông", "KH-CR", "commune"},
	{"NT", "Ủy ban nhân dân tỉnh Ninh Thuận", NULL, "province"},
	{"NT-SNV", "Sở Nội vụ tỉnh Ninh Thuận", "NT", "department"},
	{"NT-STP", "Sở Tư pháp tỉnh Ninh Thuận", "NT", "department"},
	{"NT-PR", "UBND thành phố Phan Rang - Tháp Chàm", "NT", "district"},
};

static const char *const samples[] = {
	"khanhhoa-2024-cchc.txt", "khanhhoa-snv-2024-sipas.txt", "ninhthuan-2021-2025-cchc.txt",
};

static const char *const notes[] = {
	"Đã ban hành văn bản triển khai; đang tổng hợp kết quả từ các đơn vị.",
	"Chờ ý kiến góp ý của các sở, ngành.",
	"Đã trình UBND tỉnh, chờ phê duyệt.",
	"Vướng mắc do chưa có hướng dẫn của Trung ương.",
	"",
};

struct lead_units {
	int64_t ids[8];
	char codes[8][40];
	int n;
};

static int take_lead(const struct assignment *a, void *ctx)
{
	struct lead_units *l = ctx;

	if (strcmp(a->role, "lead") == 0 && a->unit_id && l->n < 8)
		snprintf(l->codes[l->n++], 40, "%s", a->unit_code);
	return 0;
}

struct seed {
	struct core *c;
	struct error *err;
	int failed;
};

/* A record for each lead unit, in the quarter the task is due (or the
 * current one): most past tasks done (some late), some in progress. */
static int seed_task(const struct task *t, void *ctx)
{
	struct seed *s = ctx;
	struct lead_units l = {{0}, {{0}}, 0};
	struct date today = core_today(s->c), due;
	unsigned h = (unsigned)(t->id * 2654435761u);
	char key[24], period[8], completed[11], evidence[64];

	if (task_assignments(s->c, t->id, take_lead, &l, s->err))
		return s->failed = 1;
	snprintf(key, sizeof key, "%lld", (long long)t->id);
	for (int i = 0; i < l.n; i++, h = h * 1103515245u + 12345u) {
		struct status_change ch;
		struct period p = period_of(today);
		int past = t->due_eff && date_parse(t->due_eff, &due) == 0 &&
			   date_compare(due, today) < 0;

		if (t->due_eff && date_parse(t->due_eff, &due) == 0 && date_compare(due, today) < 0)
			p = period_of(due);
		period_format(p, period);
		memset(&ch, 0, sizeof ch);
		ch.task = key;
		ch.unit = l.codes[i];
		ch.period = period;
		ch.progress = -1;
		if (past && h % 10 < 7) {
			struct date done = due;

			ch.status = "done";
			/* one in four finished a little late */
			done.d = h % 4 == 0 ? (due.d < 20 ? due.d + 8 : due.d) : (due.d > 5 ? due.d - 4 : 1);
			if (h % 4 == 0 && due.d >= 20 && due.m < 12)
				done.m++, done.d = 8;
			date_format(done, completed);
			ch.completed = completed;
			snprintf(evidence, sizeof evidence, "%u/BC-%s %02d/%02d/%04d", 10 + h % 90,
				 strrchr(l.codes[i], '-') ? strrchr(l.codes[i], '-') + 1 : l.codes[i],
				 done.d, done.m, done.y);
			ch.evidence = evidence;
		} else if (h % 10 < 5 || past) {
			ch.status = h % 7 == 0 ? "blocked" : "doing";
			ch.progress = (int)(h % 9) * 10 + 10;
		} else {
			continue;   /* not started: no record yet */
		}
		ch.note = notes[h % 5];
		if (status_set(s->c, &ch, s->err))
			return s->failed = 1;
	}
	return 0;
}

int demo_fill(struct core *c, const char *samples_dir, struct error *err)
{
	struct agency_dir *dir = cli_agencies();
	struct seed seed = {c, err, 0};
	struct task_filter f;
	struct query *q = NULL;
	size_t i;
	int rc = ERR_OK;

	if (!dir)
		return error_set(err, ERR_IO, _("the agency directory could not be read"));
	if ((rc = core_begin(c, err)))
		goto out;
	for (i = 0; i < sizeof units / sizeof units[0] && !rc; i++)
		rc = unit_add(c, units[i].code, units[i].name, units[i].parent, units[i].kind, err);
	if (!rc)
		rc = unit_use(c, "KH-SNV", err);
	for (i = 0; i < sizeof samples / sizeof samples[0] && !rc; i++) {
		struct import_options o;
		struct import_summary sum;
		char path[4096], *data;
		size_t len;

		snprintf(path, sizeof path, "%s/%s", samples_dir, samples[i]);
		if (cli_read_file(path, 1 << 24, &data, &len)) {
			rc = error_set(err, ERR_IO, _("%s: the demo needs the sample plans"), path);
			break;
		}
		memset(&o, 0, sizeof o);
		o.file = path;
		o.encoding = "auto";
		o.agencies = dir;
		rc = import_document(c, data, len, &o, &sum, err);
		import_summary_clear(&sum);
		free(data);
	}
	memset(&f, 0, sizeof f);
	if (!rc && !(rc = query_new(c, &f, &q, err)))
		rc = query_tasks(c, q, seed_task, &seed, err);
	if (!rc && seed.failed)
		rc = err->code;
	query_free(q);
	if (rc || (rc = core_commit(c, err)))
		core_rollback(c);
out:
	agency_dir_free(dir);
	return rc;
}
