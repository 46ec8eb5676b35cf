/* test_schedule.c - every schedule text of the sample plans, and the
 * variants people write, parse to the right kind, dates and recurrence. */
#include <config.h>

#include "core/schedule.h"
#include "tests/tap.h"

static const struct {
	const char *text;
	int first, last;
	const char *kind, *start, *due, *recurs;
} cases[] = {
	/* Khánh Hòa 2024 */
	{"Quý II/2024", 2024, 2024, "quarter", "2024-04-01", "2024-06-30", ""},
	{"Quý I/ 2024", 2024, 2024, "quarter", "2024-01-01", "2024-03-31", ""},
	{"Quý I/2024 (ban hành Kế hoạch)", 2024, 2024, "quarter", "2024-01-01", "2024-03-31", ""},
	{"Quý IV/2024", 2024, 2024, "quarter", "2024-10-01", "2024-12-31", ""},
	{"Tháng 01/2024", 2024, 2024, "month", "2024-01-01", "2024-01-31", ""},
	{"Tháng 02/2024", 2024, 2024, "month", "2024-02-01", "2024-02-29", ""},
	{"Tháng 12/2024", 2024, 2024, "month", "2024-12-01", "2024-12-31", ""},
	{"Năm 2024", 2024, 2024, "year", "2024-01-01", "2024-12-31", ""},
	{"Trong năm 2024", 2024, 2024, "year", "2024-01-01", "2024-12-31", ""},
	{"Từ năm 2024 - 2025", 2024, 2024, "range", "2024-01-01", "2025-12-31", ""},
	{"Từ năm 2024-2025", 2024, 2024, "range", "2024-01-01", "2025-12-31", ""},
	{"Thường xuyên", 2024, 2024, "continuous", "", "", ""},
	{"Theo tiến độ của Trung ương", 2024, 2024, "event", "", "", ""},
	{"Theo tiến độ triển khai của cấp có thẩm quyền", 2024, 2024, "event", "", "", ""},
	{"Theo đề xuất của các cơ quan, đơn vị", 2024, 2024, "event", "", "", ""},
	{"Theo Quyết định số 1117/QĐ-UBND ngày 19/5/2023 của Ủy ban nhân dân tỉnh", 2024, 2024,
	 "event", "", "", ""},
	{"Sau khi Đề án được phê duyệt", 2024, 2024, "relative", "", "", ""},
	{"Sau khi Chính phủ ban hành Nghị định quy định chi tiết Luật Giá", 2024, 2024, "relative",
	 "", "", ""},
	{"- Ban hành Kế hoạch trong Quý II/2024 - Tổ chức triển khai theo kế hoạch", 2024, 2024,
	 "milestones", "2024-04-01", "2024-06-30", ""},
	/* Sở Nội vụ 2024 */
	{"Thường xuyên trong năm 2024", 2024, 2024, "continuous", "2024-01-01", "2024-12-31", ""},
	{"Trước ngày 14/12/2024", 2024, 2024, "date", "", "2024-12-14", ""},
	{"Trước ngày 01/4/2024", 2024, 2024, "date", "", "2024-04-01", ""},
	{"Trong Quý 4/2024", 2024, 2024, "quarter", "2024-10-01", "2024-12-31", ""},
	{"Theo quy định (Trước ngày 14 của tháng cuối kỳ báo cáo)", 2024, 2024, "per-period", "",
	 "2024-03-14", "quarterly"},
	{"Báo cáo được gửi trên hệ thống báo cáo Chính phủ chậm nhất ngày 19 tháng cuối của kỳ báo cáo",
	 2024, 2024, "per-period", "", "2024-03-19", "quarterly"},
	{"Trong thời hạn 30 ngày kể từ ngày có Quyết định công bố TTHC", 2024, 2024, "relative",
	 "", "", ""},
	{"Trong vòng 05 ngày kể từ ngày thay đổi, cập nhật thông tin", 2024, 2024, "relative", "",
	 "", ""},
	{"- BC kết quả rà soát trước 15/12. - BC theo dõi thi hành pháp luật trước 20/11", 2024,
	 2024, "milestones", "", "2024-12-15", ""},
	{"Theo kế hoạch thanh tra, kiểm tra năm 2024", 2024, 2024, "event", "", "", ""},
	/* Ninh Thuận 2021-2025 */
	{"Trước 25/12 hàng năm", 2021, 2025, "recurring", "", "2021-12-25", "yearly"},
	{"Trước 31/12 hàng năm", 2021, 2025, "recurring", "", "2021-12-31", "yearly"},
	{"Quý I hàng năm", 2021, 2025, "recurring", "2021-01-01", "2021-03-31", "yearly"},
	{"Quý IV hàng năm", 2021, 2025, "recurring", "2021-10-01", "2021-12-31", "yearly"},
	{"Quý II-III hằng năm (sau khi cấp có thẩm quyền công bố các Chỉ số)", 2021, 2025,
	 "recurring", "2021-04-01", "2021-09-30", "yearly"},
	{"Quý I - theo nhu cầu hàng năm", 2021, 2025, "recurring", "2021-01-01", "2021-03-31",
	 "yearly"},
	{"Quý III/2022", 2021, 2025, "quarter", "2022-07-01", "2022-09-30", ""},
	{"Thường xuyên trong năm", 2021, 2025, "continuous", "", "", ""},
	{"Thường xuyên hàng năm", 2021, 2025, "continuous", "", "", ""},
	{"Thường xuyên – theo nhu cầu hàng năm", 2021, 2025, "continuous", "", "", ""},
	{"Kỳ họp cuối năm 2022", 2021, 2025, "event", "", "2022-12-31", ""},
	{"Năm 2023", 2021, 2025, "year", "2023-01-01", "2023-12-31", ""},
	{"Theo KH của ĐV năm 2023", 2021, 2025, "event", "", "", ""},
	{"Theo Kế hoạch – lộ trình của Chính phủ", 2021, 2025, "event", "", "", ""},
	/* Variants people write */
	{"Quý 3/2025", 2025, 2025, "quarter", "2025-07-01", "2025-09-30", ""},
	{"quý IV năm 2025", 2025, 2025, "quarter", "2025-10-01", "2025-12-31", ""},
	{"  QUÝ   iv / 2024 ", 2024, 2024, "quarter", "2024-10-01", "2024-12-31", ""},
	{"Tháng 6 năm 2025", 2025, 2025, "month", "2025-06-01", "2025-06-30", ""},
	{"Trước ngày 15/7/2025", 2025, 2025, "date", "", "2025-07-15", ""},
	{"trước 15/12", 2024, 2024, "date", "", "2024-12-15", ""},
	{"Trước 31/01/2026", 2025, 2025, "date", "", "2026-01-31", ""},
	{"Quý II/2024 (sau khi có hướng dẫn)", 2024, 2024, "quarter", "2024-04-01", "2024-06-30", ""},
	{"Quý II-III/2024", 2024, 2024, "range", "2024-04-01", "2024-09-30", ""},
	{"Theo quy định (trước 15/12)", 2024, 2024, "date", "", "2024-12-15", ""},
	{"Theo Quy chế hoạt động của Ban Chỉ đạo CCHC tỉnh (được ban hành kèm theo Quyết định số "
	 "2112/QĐ-BCĐCCHC ngày 06/9/2023)", 2024, 2024, "event", "", "", ""},
	/* Text that cannot be placed is unknown, never a guess. */
	{"Trước ngày 31/02/2024", 2024, 2024, "unknown", "", "", ""},
	{"Khi có điều kiện thuận lợi", 2024, 2024, "event", "", "", ""},
	{"Sớm nhất có thể", 2024, 2024, "unknown", "", "", ""},
	{"Quý V/2024", 2024, 2024, "unknown", "", "", ""},
	{"", 2024, 2024, "unknown", "", "", ""},
};

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct schedule_parse sp;

		schedule_parse(cases[i].text, cases[i].first, cases[i].last, &sp);
		is_str(sp.kind, cases[i].kind, "'%s': kind", cases[i].text);
		is_str(sp.start, cases[i].start, "'%s': start", cases[i].text);
		is_str(sp.due, cases[i].due, "'%s': due", cases[i].text);
		is_str(sp.recurs, cases[i].recurs, "'%s': recurrence", cases[i].text);
	}
	return tap_done();
}
