/* test_core.c - the model's rules on a real database: the unit tree and its
 * changes, the quarter filter (due, carried over, recurring, continuous),
 * unit scope with merged units, folded search, status records and their
 * history, derived state. */
#include <config.h>

#include <stdlib.h>
#include <unistd.h>

#include "core/core.h"
#include "core/plans.h"
#include "core/query.h"
#include "core/status.h"
#include "core/units.h"
#include "tests/tap.h"

static struct core *c;
static struct error err;

/* The numbers of the tasks a filter finds, comma-separated. */
struct numbers {
	char buf[256];
};

static int add_number(const struct task *t, void *ctx)
{
	struct numbers *n = ctx;
	size_t len = strlen(n->buf);

	snprintf(n->buf + len, sizeof n->buf - len, "%s%s", len ? "," : "", t->number);
	return 0;
}

static const char *find(const char *period, const char *unit, const char *status,
			const char *text)
{
	static struct numbers n;
	struct task_filter f;
	struct query *q;

	memset(&f, 0, sizeof f);
	memset(&n, 0, sizeof n);
	f.period = period;
	f.unit = unit;
	f.status = status;
	f.text = text;
	if (query_new(c, &f, &q, &err))
		return err.msg;
	if (query_tasks(c, q, add_number, &n, &err))
		snprintf(n.buf, sizeof n.buf, "error: %.200s", err.msg);
	query_free(q);
	return n.buf;
}

static int64_t task(const char *plan, const char *number, const char *title, const char *kind,
		    const char *start, const char *due, const char *recurs, const char *lead)
{
	struct task_input in;
	const char *leads[1] = {lead};
	size_t unresolved;
	int64_t id = 0;

	memset(&in, 0, sizeof in);
	in.plan = plan;
	in.number = number;
	in.title = title;
	in.sched.kind = kind;
	in.sched.start = start;
	in.sched.due = due;
	in.sched.recurs = recurs;
	in.lead = leads;
	in.nlead = 1;
	if (task_add(c, &in, &id, &unresolved, &err))
		printf("# task %s: %s\n", number, err.msg);
	return id;
}

struct rec {
	char status[8];
	int progress;
	char completed[11];
	int64_t id;
	int count;
};

static int take_rec(const struct status_record *r, void *ctx)
{
	struct rec *x = ctx;

	snprintf(x->status, sizeof x->status, "%s", r->status);
	x->progress = r->progress;
	snprintf(x->completed, sizeof x->completed, "%s", r->completed ? r->completed : "");
	x->id = r->id;
	x->count++;
	return 0;
}

static struct rec record_of(int64_t task_id, const char *unit, const char *period)
{
	struct task_filter f;
	struct query *q;
	struct rec x;

	memset(&f, 0, sizeof f);
	memset(&x, 0, sizeof x);
	f.unit = unit;
	f.period = period;
	if (query_new(c, &f, &q, &err) == 0) {
		query_records(c, q, task_id, take_rec, &x, &err);
		query_free(q);
	}
	return x;
}

static int count_history(const struct status_record *r, void *ctx)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

static int set(const char *task_key, const char *unit, const char *period, const char *status,
	       int progress, const char *completed)
{
	struct status_change ch;

	memset(&ch, 0, sizeof ch);
	ch.task = task_key;
	ch.unit = unit;
	ch.period = period;
	ch.status = status;
	ch.progress = progress;
	ch.completed = completed;
	return status_set(c, &ch, &err);
}

int main(void)
{
	char dir[] = "/tmp/dondoc-test-core-XXXXXX", file[256], key[24];
	struct plan_input pin;
	int64_t t1, t2, t3, t8, t9;
	struct rec r;
	int n;

	if (!mkdtemp(dir)) {
		printf("1..0 # SKIP cannot make a temporary directory\n");
		return 77;
	}
	setenv("DONDOC_TODAY", "2024-05-10", 1);
	snprintf(file, sizeof file, "%s/core.db", dir);
	if (core_open(&c, file, 0, &err)) {
		printf("Bail out! %s\n", err.msg);
		return 1;
	}

	/* The tree, with a province that was merged in 2025. */
	ok(unit_add(c, "KH", "Tỉnh Khánh Hòa", NULL, "province", &err) == 0, "province added");
	unit_add(c, "SNV", "Sở Nội vụ", "KH", "department", &err);
	unit_add(c, "CL", "UBND huyện Cam Lâm", "KH", "district", &err);
	unit_add(c, "X1", "UBND xã Cam Hải Tây", "CL", "commune", &err);
	unit_add(c, "NT", "Tỉnh Ninh Thuận", NULL, "province", &err);
	unit_add(c, "SNVNT", "Sở Nội vụ Ninh Thuận", "NT", "department", &err);
	is_int(unit_add(c, "SNV", "again", NULL, NULL, &err), ERR_EXISTS, "a code is unique");
	is_int(unit_add(c, "bad code", "x", NULL, NULL, &err), ERR_INVALID, "codes have no spaces");
	is_int(unit_add(c, "Z", "x", NULL, "county", &err), ERR_INVALID, "kinds are checked");
	is_int(unit_add(c, "Z", "x", "NOPE", NULL, &err), ERR_NOTFOUND, "the parent must exist");
	is_int(unit_move(c, "CL", "X1", NULL, &err), ERR_INVALID, "a unit cannot move under its own child");
	is_int(unit_merge(c, "CL", "CL", NULL, &err), ERR_INVALID, "a unit cannot merge into itself");
	ok(unit_merge(c, "NT", "KH", NULL, &err) == 0, "Ninh Thuận merges into Khánh Hòa");
	is_int(unit_merge(c, "NT", "KH", NULL, &err), ERR_INVALID, "a merged unit cannot merge again");
	ok(unit_rename(c, "CL", "UBND huyện Cam Lâm (cũ)", &err) == 0, "a unit is renamed");
	ok(unit_use(c, "KH", &err) == 0, "the province is the acting unit");

	memset(&pin, 0, sizeof pin);
	pin.number = "3409/QĐ-UBND";
	pin.title = "Kế hoạch CCHC năm 2024";
	pin.issued = "29/12/2023";
	pin.start_year = pin.end_year = 2024;
	ok(plan_add(c, &pin, NULL, &err) == 0, "plan added");
	is_int(plan_add(c, &pin, NULL, &err), ERR_EXISTS, "the same plan number is refused");
	pin.number = "465/QĐ-UBND";
	pin.title = "Kế hoạch CCHC giai đoạn 2021-2025";
	pin.start_year = 2021;
	pin.end_year = 2025;
	pin.issuer = "NT";
	ok(plan_add(c, &pin, NULL, &err) == 0, "a five-year plan added");

	t1 = task("3409/QĐ-UBND", "1", "Ban hành kế hoạch tuyên truyền", "quarter",
		  "2024-04-01", "2024-06-30", NULL, "SNV");
	t2 = task("3409/QĐ-UBND", "2", "Rà soát thủ tục", "date", NULL, "2024-03-15", NULL, "CL");
	t3 = task("3409/QĐ-UBND", "3", "Báo cáo quý I", "date", NULL, "2024-02-10", NULL, "SNV");
	task("3409/QĐ-UBND", "4", "Tuyên truyền thường xuyên", "continuous", NULL, NULL, NULL, "X1");
	task("3409/QĐ-UBND", "5", "Kiểm tra công vụ", "date", NULL, "2024-05-01", NULL, "SNVNT");
	task("3409/QĐ-UBND", "6", "Hướng dẫn thực hiện", "date", NULL, "2024-09-30", NULL, "SNV");
	task("465/QĐ-UBND", "7", "Báo cáo năm", "recurring", "2021-12-01", "2021-12-25", "yearly",
	     "SNVNT");
	/* Decomposed input (as some editors save it) is stored composed. */
	t8 = task("3409/QĐ-UBND", "8", "So\xcc\x9b\xcc\x89 to\xcc\x9b\xcc\x81 tri\xcc\x80nh", "unknown",
		  NULL, NULL, NULL, "Ban Dân tộc");
	ok(t1 && t2 && t3 && t8, "tasks added");

	is_str(find("2024Q2", NULL, NULL, NULL), "1,2,3,4,5,8",
	       "2024Q2: due in it, carried over, continuous, undated");
	ok(set("3", "SNV", "2024Q1", "done", -1, "2024-02-05") == 0, "task 3 done in Q1");
	is_str(find("2024Q2", NULL, NULL, NULL), "1,2,4,5,8", "a task done earlier is not carried");
	is_str(find("2024Q1", NULL, NULL, NULL), "2,3,4,8", "2024Q1 has what was due then");
	is_str(find("2024Q3", NULL, NULL, NULL), "1,2,4,5,6,8",
	       "2024Q3: still-open tasks carried, the done one not");
	is_str(find("2024Q2", NULL, "overdue", NULL), "2,5", "overdue on 10 May 2024");
	is_str(find("2024Q2", "CL", NULL, NULL), "2,4", "a district sees its own and its communes'");
	is_str(find("2024Q2", "X1", NULL, NULL), "4", "a commune sees its own");
	is_str(find("2024Q2", "NT", NULL, NULL), "5", "a merged unit keeps its own tasks");
	is_str(find("2024Q2", "KH", NULL, NULL), "1,2,4,5,8",
	       "the successor sees the merged unit's tasks too");
	is_str(find("2025Q4", NULL, NULL, NULL), "7",
	       "a yearly task recurs in 2025; a 2024 plan's open tasks end with it");
	is_str(find("2025Q2", NULL, NULL, NULL), "", "but only in its own quarter");
	is_str(find("2026Q4", NULL, NULL, NULL), "", "and not after the plan ends");
	is_str(find(NULL, NULL, NULL, "huong dan"), "6", "search without diacritics");
	is_str(find(NULL, NULL, NULL, "HƯỚNG DẪN"), "6", "search in capitals with diacritics");
	is_str(find(NULL, NULL, NULL, "so noi vu ninh"), "7,5", "search finds lead agencies (plans in year order)");
	is_str(find(NULL, NULL, NULL, "Sở tớ trình"), "8", "NFD text is found by NFC search");
	is_str(find("2024Q5", NULL, NULL, NULL), "period '2024Q5': write a quarter as YYYYQN, such as 2024Q2",
	       "a bad period is refused with advice");
	is_str(find(NULL, NULL, "finished", NULL),
	       "status 'finished': use todo, doing, done, blocked or overdue", "a bad status too");
	{
		struct numbers nb;

		memset(&nb, 0, sizeof nb);
		task_get(c, "8", add_number, &nb, &err);
		ok(task_get(c, "999", add_number, &nb, &err) == ERR_NOTFOUND, "unknown id: %s", err.msg);
	}

	/* Status records. */
	snprintf(key, sizeof key, "%lld", (long long)t1);
	is_int(set(key, "CL", "2024Q2", "doing", 10, NULL), ERR_DENIED,
	       "a unit not assigned the task cannot report on it");
	is_int(set(key, "SNV", "2024Q2", "finished", -1, NULL), ERR_INVALID, "status is checked");
	is_int(set(key, "SNV", "2024Q2", "doing", 101, NULL), ERR_INVALID, "progress is checked");
	is_int(set(key, "SNV", "2024Q2", "doing", 50, "2024-05-01"), ERR_INVALID,
	       "a completion date needs done");
	is_int(set(key, "SNV", "2024Q2", "done", 60, NULL), ERR_INVALID, "done means 100%%");
	is_int(record_of(t1, "SNV", "2024Q2").count, 0, "refused changes wrote nothing");
	ok(set(key, "SNV", "2024Q2", "doing", 40, NULL) == 0, "SNV reports progress");
	is_str(find("2024Q2", "SNV", "doing", NULL), "1", "the status filter finds it");
	is_str(find("2024Q2", "SNV", "todo", NULL), "", "and no longer as todo");
	ok(set(key, "SNV", "2024Q2", "doing", 40, NULL) == 0, "the same values again");
	r = record_of(t1, "SNV", "2024Q2");
	n = 0;
	status_history(c, r.id, count_history, &n, &err);
	is_int(n, 1, "an unchanged record adds no history");
	ok(set(key, NULL, "2024Q2", "done", -1, NULL) == 0,
	   "the acting unit (the plan's issuer) reports too");
	ok(set(key, "SNV", "2024Q2", "done", -1, "2024-07-02") == 0, "SNV finishes late");
	r = record_of(t1, "SNV", "2024Q2");
	is_str(r.status, "done", "status stored");
	is_int(r.progress, 100, "done sets 100%%");
	is_str(r.completed, "2024-07-02", "completion date stored");
	n = 0;
	status_history(c, r.id, count_history, &n, &err);
	is_int(n, 2, "history has both changes");
	is_int(status_state("done", "2024-07-02", "2024-06-30", core_today(c)), STATE_DONE_LATE,
	       "done after the due date is late");
	is_int(status_state("done", "2024-06-30", "2024-06-30", core_today(c)), STATE_DONE_ON_TIME,
	       "done on the due date is on time");
	is_int(status_state("doing", NULL, "2024-05-09", core_today(c)), STATE_OVERDUE,
	       "not done and due yesterday is overdue");
	is_int(status_state("blocked", NULL, "2024-05-10", core_today(c)), STATE_BLOCKED,
	       "due today is not overdue yet");
	is_int(status_state(NULL, NULL, NULL, core_today(c)), STATE_NOT_STARTED,
	       "no record, no date: not started");
	r = record_of(t1, "KH", "2024Q2");
	is_int(r.count, 2, "the province's scope sees its own and SNV's records of the task");
	/* Another province in the same file: the top unit no longer sees all. */
	unit_add(c, "DL", "Tỉnh Đắk Lắk", NULL, "province", &err);
	pin.number = "77/KH-UBND";
	pin.title = "Kế hoạch CCHC năm 2024 của Đắk Lắk";
	pin.start_year = pin.end_year = 2024;
	pin.issuer = "DL";
	ok(plan_add(c, &pin, NULL, &err) == 0, "its plan added");
	t9 = task("77/KH-UBND", "9", "Việc của Đắk Lắk", "date", NULL, "2024-05-20", NULL, "DL");
	ok(set("9", "DL", "2024Q2", "doing", 10, NULL) == 0, "another province reports");
	is_str(find("2024Q2", "KH", NULL, NULL), "1,2,4,5,8", "the province does not see its tasks");
	is_str(find("2024Q2", "DL", NULL, NULL), "9", "its own province does");
	is_int(record_of(t9, "KH", "2024Q2").count, 0, "nor its records");
	is_int(record_of(t1, "KH", "2024Q2").count, 2, "but still its own");
	core_close(c);

	/* Read-only use refuses to write, with a message. */
	ok(core_open(&c, file, CORE_READONLY, &err) == 0, "reopened read-only");
	is_int(set(key, "SNV", "2024Q3", "doing", 1, NULL), ERR_READONLY, "and refuses changes");
	core_close(c);
	return tap_done();
}
