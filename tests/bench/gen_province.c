/* gen_province.c - a synthetic province for benchmarks: about 160 units
 * (province, departments, districts, communes), plans for five years issued
 * at every level, 100k tasks with Vietnamese titles and real schedule kinds,
 * and about 1M status records across units and quarters.
 *
 * It goes through core/ like every other writer, so the data obeys the same
 * rules (authority, history, clock); one transaction per plan keeps it fast.
 * Deterministic: the same arguments give the same data (ids aside).
 *
 * usage: gen_province DB [TASKS [RECORDS]] */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "core/core.h"
#include "core/plans.h"
#include "core/status.h"
#include "core/units.h"

enum { DEPARTMENTS = 24, DISTRICTS = 9, COMMUNES_PER_DISTRICT = 14, YEARS = 5, FIRST_YEAR = 2021 };

static const char *const verbs[] = {
	"Ban hành", "Triển khai", "Rà soát", "Tổ chức", "Kiểm tra", "Đánh giá", "Hướng dẫn",
	"Xây dựng", "Tuyên truyền", "Số hóa", "Cập nhật", "Tập huấn",
};
static const char *const objects[] = {
	"kế hoạch cải cách hành chính", "thủ tục hành chính", "văn bản quy phạm pháp luật",
	"chỉ số hài lòng SIPAS", "cơ sở dữ liệu cán bộ, công chức", "dịch vụ công trực tuyến",
	"bộ phận một cửa", "hồ sơ điện tử", "quy chế làm việc", "chỉ số PAR INDEX",
	"công tác thi đua, khen thưởng", "chế độ báo cáo định kỳ",
};
static const char *const places[] = {
	"trên địa bàn tỉnh", "tại cơ quan, đơn vị", "cấp xã", "cấp huyện", "năm", "theo quy định",
};
static const char *const sections[] = {
	"CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "CẢI CÁCH THỂ CHẾ", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
	"CẢI CÁCH TỔ CHỨC BỘ MÁY", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "CẢI CÁCH TÀI CHÍNH CÔNG",
	"XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
};
static const char *const roman[] = {"I", "II", "III", "IV", "V", "VI", "VII"};
static const char *const statuses[] = {"todo", "doing", "doing", "done", "done", "blocked"};

static unsigned long long rng = 88172645463325252ULL;

static unsigned next(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void die(const char *what, const struct error *err)
{
	fprintf(stderr, "gen_province: %s: %s\n", what, err->msg);
	exit(1);
}

struct unit_info {
	char code[16];
	char parent[16];
};

int main(int argc, char **argv)
{
	static struct unit_info units[256];
	int64_t section_ids[7];
	struct core *c;
	struct error err;
	struct rusage ru;
	struct stat st;
	long tasks_wanted = argc > 2 ? atol(argv[2]) : 100000;
	long records_wanted = argc > 3 ? atol(argv[3]) : 1000000;
	long tasks = 0, records = 0, per_plan, records_per_task;
	int nunits = 0, i, d, k, y, issuers;
	clock_t t0 = clock();
	char name[128], number[64], title[256], due[11], key[24], period[8];

	if (argc < 2 || tasks_wanted <= 0 || records_wanted < 0) {
		fprintf(stderr, "usage: gen_province DB [TASKS [RECORDS]]\n");
		return 2;
	}
	setenv("DONDOC_TODAY", "2025-11-15", 1);
	remove(argv[1]);
	if (core_open(&c, argv[1], CORE_BULK | CORE_NO_CHECK, &err))
		die(argv[1], &err);

	/* The tree. */
	if (core_begin(c, &err))
		die("begin", &err);
	if (unit_add(c, "KH", "Tỉnh Khánh Hòa", NULL, "province", &err))
		die("unit", &err);
	snprintf(units[nunits].code, 16, "KH");
	nunits++;
	for (d = 0; d < DEPARTMENTS; d++) {
		snprintf(units[nunits].code, 16, "S%02d", d);
		snprintf(units[nunits].parent, 16, "KH");
		snprintf(name, sizeof name, "Sở %s số %d", objects[d % 12], d + 1);
		if (unit_add(c, units[nunits].code, name, "KH", "department", &err))
			die("unit", &err);
		nunits++;
	}
	for (d = 0; d < DISTRICTS; d++) {
		snprintf(units[nunits].code, 16, "H%02d", d);
		snprintf(units[nunits].parent, 16, "KH");
		snprintf(name, sizeof name, "UBND huyện Diên Khánh %d", d + 1);
		if (unit_add(c, units[nunits].code, name, "KH", "district", &err))
			die("unit", &err);
		k = nunits++;
		for (i = 0; i < COMMUNES_PER_DISTRICT; i++) {
			snprintf(units[nunits].code, 16, "X%02d%02d", d, i);
			snprintf(units[nunits].parent, 16, "%.15s", units[k].code);
			snprintf(name, sizeof name, "UBND xã Ninh Hòa %d-%d", d + 1, i + 1);
			if (unit_add(c, units[nunits].code, name, units[k].code, "commune", &err))
				die("unit", &err);
			nunits++;
		}
	}
	if (unit_use(c, "KH", &err) || core_commit(c, &err))
		die("tree", &err);

	/* Every unit but the communes issues a plan each year. */
	issuers = 1 + DEPARTMENTS + DISTRICTS;
	per_plan = tasks_wanted / (YEARS * issuers) + 1;
	records_per_task = records_wanted / tasks_wanted;
	for (y = 0; y < YEARS && tasks < tasks_wanted; y++) {
		int year = FIRST_YEAR + y;

		for (i = 0; i < nunits && tasks < tasks_wanted; i++) {
			struct plan_input pin;
			int64_t plan_id;
			char plan_key[24];

			if (units[i].code[0] == 'X')
				continue;
			memset(&pin, 0, sizeof pin);
			snprintf(number, sizeof number, "%d/KH-%.15s", 100 + y * 100 + i, units[i].code);
			snprintf(title, sizeof title, "Kế hoạch cải cách hành chính năm %d", year);
			pin.number = number;
			pin.title = title;
			pin.issuer = units[i].code;
			pin.start_year = pin.end_year = year;
			if (core_begin(c, &err) || plan_add(c, &pin, &plan_id, &err))
				die("plan", &err);
			snprintf(plan_key, sizeof plan_key, "%lld", (long long)plan_id);
			/* Seven sections, as the real plans have. */
			for (k = 0; k < 7; k++)
				if (section_add_id(c, plan_id, 0, roman[k], sections[k], &section_ids[k], &err))
					die("section", &err);
			for (k = 0; k < per_plan && tasks < tasks_wanted; k++) {
				struct task_input tin;
				const char *lead[1], *coord[1];
				char lead_code[16], tnum[16];
				size_t unresolved;
				int64_t tid;
				int q = next(4) + 1, kind = next(10), r;

				/* The lead: the issuer itself or one of its units. */
				snprintf(lead_code, sizeof lead_code, "%.15s", units[i].code);
				for (r = 0; r < 8; r++) {
					int j = (int)next((unsigned)nunits);

					if (strcmp(units[j].parent, units[i].code) == 0) {
						snprintf(lead_code, sizeof lead_code, "%.15s", units[j].code);
						break;
					}
				}
				lead[0] = lead_code;
				coord[0] = units[next((unsigned)nunits)].code;
				memset(&tin, 0, sizeof tin);
				snprintf(tnum, sizeof tnum, "%d", k + 1);
				snprintf(title, sizeof title, "%s %s %s", verbs[next(12)],
					 objects[next(12)], places[next(6)]);
				tin.plan = plan_key;
				tin.section = NULL;
				tin.section_id = section_ids[k * 7 / per_plan];
				tin.number = tnum;
				tin.title = title;
				tin.output = "Báo cáo, kế hoạch";
				tin.lead = lead;
				tin.nlead = 1;
				tin.coord = coord;
				tin.ncoord = 1;
				if (kind < 6) {
					snprintf(due, sizeof due, "%d-%02d-%02d", year, q * 3, q == 1 || q == 4 ? 31 : 30);
					snprintf(name, sizeof name, "Quý %d/%d", q, year);
					tin.sched.kind = "quarter";
					tin.sched.due = due;
				} else if (kind < 8) {
					snprintf(due, sizeof due, "%d-12-15", year);
					snprintf(name, sizeof name, "Trước ngày 15/12/%d", year);
					tin.sched.kind = "date";
					tin.sched.due = due;
				} else {
					snprintf(name, sizeof name, "Thường xuyên");
					tin.sched.kind = "continuous";
				}
				tin.sched.text = name;
				if (task_add(c, &tin, &tid, &unresolved, &err))
					die("task", &err);
				tasks++;
				/* Records: the lead reports quarter after quarter. */
				snprintf(key, sizeof key, "%lld", (long long)tid);
				for (r = 0; r < records_per_task && records < records_wanted; r++) {
					struct status_change ch;
					int qq = r % 4 + 1;

					memset(&ch, 0, sizeof ch);
					snprintf(period, sizeof period, "%dQ%d", year, qq);
					ch.task = key;
					ch.unit = r < 4 ? lead_code : units[i].code;
					ch.period = period;
					ch.status = statuses[next(6)];
					ch.progress = strcmp(ch.status, "done") == 0 ? -1 : (int)next(100);
					if (next(3) == 0)
						ch.note = "Đã triển khai, đang tổng hợp kết quả";
					if (next(5) == 0)
						ch.evidence = "Báo cáo số 12/BC-UBND ngày 15/6/2024";
					if (status_set(c, &ch, &err))
						die("record", &err);
					records++;
				}
			}
			if (core_commit(c, &err))
				die("commit", &err);
		}
	}
	core_close(c);
	getrusage(RUSAGE_SELF, &ru);
	stat(argv[1], &st);
	printf("units %d, plans with 7 sections each, tasks %ld, status records %ld\n", nunits, tasks, records);
	printf("time %.1f s CPU, peak memory %ld MB, file %.1f MB\n",
	       (double)(clock() - t0) / CLOCKS_PER_SEC, ru.ru_maxrss / 1024,
	       (double)st.st_size / (1024 * 1024));
	return 0;
}
