/* test_document.c - the document reader on small documents shaped like the
 * real ones and unlike them: columns in another order, lead and
 * coordinating agencies in two columns, numbering 2.1 and a), rows cut by
 * page breaks, HTML remnants, and bad input with the line it is on. */
#include <config.h>

#include <stdlib.h>

#include "core/document.h"
#include "tests/tap.h"

static struct document *read_doc(const char *text, struct error *err)
{
	struct document *d = NULL;

	if (document_read("t.txt", text, strlen(text), "auto", NULL, &d, err))
		return NULL;
	return d;
}

static void check_clean(const char *raw, const char *want)
{
	char *got = document_clean_cell(raw);

	is_str(got, want, "clean '%s'", raw);
	free(got);
}

int main(void)
{
	struct error err;
	struct document *d;

	check_clean("<ul style=\"list-style-type: none\"> - Sở A chủ trì - Sở B phối hợp </ul>",
		    "- Sở A chủ trì\n- Sở B phối hợp");
	check_clean("<p>và công khai</p> <i>trên Cổng</i>", "và công khai\ntrên Cổng");
	check_clean("giai đoạn 2021 - 2025, kinh tế - xã hội", "giai đoạn 2021 - 2025, kinh tế - xã hội");
	check_clean("trong 02 - 04 cơ quan", "trong 02 - 04 cơ quan");
	check_clean("đạt chuẩn - 100% viên chức", "đạt chuẩn\n- 100% viên chức");
	check_clean("điện tử. -100% VB đi", "điện tử.\n- 100% VB đi");
	check_clean("Sở TT&amp;TT&nbsp;và H<sub>2</sub>O", "Sở TT&TT và H 2 O");
	check_clean("a < b and c > d", "a < b and c > d");
	check_clean("  nhiều    khoảng   trắng  ", "nhiều khoảng trắng");

	/* Columns in another order, agencies in two columns, an unknown column. */
	d = read_doc("Số: 12/KH-UBND\n\nKẾ HOẠCH\n\nCải cách hành chính năm 2025\n\n"
		     "TT\tCơ quan chủ trì\tNội dung công việc\tThời hạn hoàn thành\tCơ quan phối hợp\tGhi chú\n"
		     "I\tCÔNG TÁC CHỈ ĐẠO\t\t\t\t\n"
		     "1\tSở Nội vụ\tBan hành kế hoạch\tQuý I/2025\tCác sở, ban, ngành\tTrọng tâm\n"
		     "2\t\tNhóm việc kiểm tra\t\t\t\n"
		     "2.1\tSở Nội vụ\tKiểm tra đợt 1\tQuý II/2025\t\t\n"
		     "2.2\tSở Tư pháp\tKiểm tra đợt 2\tQuý III/2025\t\t\n"
		     "a)\tSở Tư pháp\tMột việc nhỏ\tQuý III/2025\t\t\n"
		     "2\tSở Y tế\tSố trùng vẫn là một nhiệm vụ\tNăm 2025\t\t\n",
		     &err);
	ok(d != NULL, "a document with columns in another order reads: %s", d ? "" : err.msg);
	if (d) {
		is_str(d->number, "12/KH-UBND", "the number from 'Số:'");
		is_str(d->title, "Kế hoạch cải cách hành chính năm 2025", "the title");
		is_int(d->start_year, 2025, "the year from the title");
		is_int(d->n, 7, "one section and six tasks");
		is_int(d->items[0].is_section, 1, "I is a section");
		is_str(d->items[1].title, "Ban hành kế hoạch", "the task column found by its name");
		is_str(d->items[1].lead, "Sở Nội vụ", "the lead column");
		is_str(d->items[1].coord, "Các sở, ban, ngành", "the coordinating column");
		is_str(d->items[1].schedule, "Quý I/2025", "the schedule column");
		is_str(d->items[1].extra, "Ghi chú: Trọng tâm", "an unknown column kept as extra text");
		is_int(d->items[1].parent, 0, "a task belongs to its section");
		is_int(d->items[3].parent, 2, "2.1 is under 2");
		is_int(d->items[4].parent, 2, "2.2 is under 2");
		is_int(d->items[5].parent, 2, "a) is under the last numbered task");
		is_str(d->items[6].number, "2", "a repeated number is kept");
		is_int(d->items[6].parent, 0, "and is a task of its own");
		document_free(d);
	}

	/* Page breaks: the header repeats; a cut row goes on with an empty first
	 * cell; a row that fills cells left empty is new, even right after. */
	d = read_doc("STT\tNhiệm vụ\tKết quả\tTiến độ\tCơ quan chủ trì\tCơ quan phối hợp\n"
		     "A\tNÂNG CAO CHỈ SỐ\t\t\t\t\n"
		     "I\tTiếp cận dịch vụ\t\t\t\t\n"
		     "1\tRà soát thủ tục\tBáo cáo\tThường\tSở Thông tin và Tuyên\t\n"
		     "\n(1) Chú thích cuối trang\n\n"
		     "STT\tNhiệm vụ\tKết quả\tTiến độ\tCơ quan chủ trì\tCơ quan phối hợp\n"
		     "\thành chính\t\txuyên\tthông\t\n"
		     "\tMột việc riêng\t\tQuý II/2024\tSở Y tế\tSở Tài chính\n"
		     "\t\t\t\t\tVăn phòng UBND tỉnh\n"
		     "STT\tNhiệm vụ\tKết quả\tTiến độ\tCơ quan chủ trì\tCơ quan phối hợp\n"
		     "\t\tSản phẩm khác\t\t\tSở Nội vụ\n"
		     "B\tCHỈ SỐ KHÁC\t\t\t\t\n"
		     "II CÔNG TÁC TUYÊN TRUYỀN\t\t\t\t\t\n"
		     "1\tTuyên truyền\t\tNăm 2024\tSở Nội vụ\t\n",
		     &err);
	ok(d != NULL, "a document with page breaks reads: %s", d ? "" : err.msg);
	if (d) {
		is_int(d->n, 7, "sections A, I, B, II and three tasks");
		is_str(d->items[2].title, "Rà soát thủ tục hành chính", "a cut title is joined");
		is_str(d->items[2].schedule, "Thường xuyên", "a cut schedule is joined");
		is_str(d->items[2].lead, "Sở Thông tin và Tuyên thông", "a cut agency is joined");
		is_str(d->items[3].title, "Một việc riêng", "a row with its own schedule is new");
		is_int(d->items[3].parent, 2, "and a sub-task of the task above");
		ok(d->items[3].coord && strstr(d->items[3].coord, "Văn phòng UBND tỉnh"),
		   "the extra coordinating agency is kept");
		is_int(d->items[1].depth, 1, "I nests in A");
		is_int(d->items[1].parent, 0, "I's parent is A");
		is_str(d->items[4].number, "B", "B is a section");
		is_int(d->items[4].is_section && d->items[4].depth == 0, 1, "B closes A");
		is_str(d->items[5].number, "II", "number and title in one cell: the number");
		is_int(d->items[5].is_section, 1, "makes a section");
		is_str(d->items[5].title, "CÔNG TÁC TUYÊN TRUYỀN", "and the title");
		is_int(d->items[5].parent, 4, "II is under B");
		is_int(d->items[6].parent, 5, "the task is under II");
		document_free(d);
	}

	/* A second, different header before any row (found by fuzzing). */
	d = read_doc("STT\tNhiệm vụ\tTiến độ\nSTT\tNội dung\tThời gian\tGhi chú\n1\tA\tNăm 2024\tx\n", &err);
	ok(d && d->n == 1 && strcmp(d->items[0].title, "A") == 0,
	   "a new header before any row starts a new table");
	document_free(d);

	/* Bad input: a clear message with the line. */
	ok(read_doc("", &err) == NULL && strstr(err.msg, "t.txt: the file is empty"),
	   "an empty file: %s", err.msg);
	ok(document_read("t.txt", "ab\0cd", 5, "auto", NULL, &d, &err) != 0 &&
	   strstr(err.msg, "t.txt:1: a NUL byte"), "binary data: %s", err.msg);
	ok(read_doc("Just some text\nwith no table\n", &err) == NULL &&
	   strstr(err.msg, "no tasks found: neither a task table"), "no table, no task: %s", err.msg);
	ok(read_doc("x\nSTT\tNhiệm vụ\tTiến độ\n1\tA\tQuý I/2024\textra\n", &err) == NULL &&
	   strstr(err.msg, "t.txt:3: row has 4 cells, header has 3"),
	   "a row with more cells than the header: %s", err.msg);
	ok(read_doc("STT\tGhi chú\tTiến độ\n1\tA\tB\n", &err) == NULL &&
	   strstr(err.msg, "t.txt:1: the table header has no task column"),
	   "a table without a task column: %s", err.msg);
	ok(document_read("t.txt", "a\nb\n\xff\xfe\n", 7, "utf-8", NULL, &d, &err) != 0 &&
	   strstr(err.msg, "t.txt:3: invalid UTF-8"), "invalid bytes for UTF-8: %s", err.msg);

	/* Prose: a plan with areas and no parts; purposes are not tasks. */
	d = read_doc("KẾ HOẠCH\nThí điểm năm 2026\n\n1. Mục đích\n- Nâng cao chất lượng.\n\n"
		     "2. Nhiệm vụ\na) Sở Y tế chủ trì, phối hợp Sở Nội vụ rà soát quy trình;\n"
		     "hoàn thành trong Quý II năm 2026.\n\nb) Sở Tư pháp:\n- Kiểm tra\n\n3\n\n"
		     "văn bản. Thường xuyên.\n+ Ở cấp xã.\n\nNơi nhận:\n- Như trên;\n", &err);
	ok(d && strcmp(d->format, "prose") == 0, "prose without parts: %s", d ? "" : err.msg);
	ok(d && d->n == 4, "one section, two tasks and a sub-task (%zu items)", d ? d->n : 0);
	if (d && d->n == 4) {
		is_str(d->items[0].title, "Nhiệm vụ", "the purposes give no section");
		is_str(d->items[1].title, "Sở Y tế chủ trì, phối hợp Sở Nội vụ rà soát quy trình; "
		       "hoàn thành trong Quý II năm 2026.", "a lettered paragraph cut by a hard break");
		is_str(d->items[1].schedule, "trong Quý II năm 2026", "its deadline clause");
		ok(!d->items[1].lead, "its lead is read from the sentence");
		is_str(d->items[2].title, "Kiểm tra văn bản. Thường xuyên.",
		       "a dash item cut by a page number is one task");
		is_str(d->items[2].lead, "Sở Tư pháp", "under its agency heading");
		is_str(d->items[2].number, "b.1", "numbered by its letter");
		is_str(d->items[3].number, "b.1.1", "a + item is a sub-task of the dash item");
		ok(d->items[3].parent == 2, "under it");
	}
	document_free(d);
	/* A markdown heading, bold, a footnote number and an entity go. */
	d = read_doc("## **II. NHIỆM VỤ, GIẢI PHÁP**\n### **1. Thể chế**\n"
		     "a) Sở Nội vụ:&nbsp;rà soát<sub>3</sub> quy chế. Trước ngày 30/6/2026.\n", &err);
	ok(d && d->n == 3, "parts and areas under markdown marks (%zu items)", d ? d->n : 0);
	if (d && d->n == 3) {
		is_str(d->items[0].title, "NHIỆM VỤ, GIẢI PHÁP", "the part's title, clean");
		is_str(d->items[2].title, "Sở Nội vụ: rà soát quy chế. Trước ngày 30/6/2026.",
		       "the task's text, clean");
		is_str(d->items[2].lead, "Sở Nội vụ", "the agency before the colon leads");
		is_str(d->items[2].schedule, "Trước ngày 30/6/2026", "the deadline clause");
	}
	document_free(d);
	/* Parts lettered A., B.; markdown bullets and escapes. */
	d = read_doc("KẾ HOẠCH\nThử năm 2026\n\nA. MỤC ĐÍCH, YÊU CẦU\n\n* Bảo đảm chất lượng.\n\n"
		     "B. NHIỆM VỤ TRỌNG TÂM\n\n1\\. Thể chế\n\n* Sở Tư pháp chủ trì rà soát; "
		     "hoàn thành trong Quý II năm 2026.\n\\- Sở Nội vụ chủ trì tổng kết.\n", &err);
	ok(d && d->n == 4, "parts A. and B., bullets * and \\- (%zu items)", d ? d->n : 0);
	if (d && d->n == 4) {
		is_str(d->items[0].number, "B", "the purposes of part A give nothing");
		is_str(d->items[1].title, "Thể chế", "an escaped \"1\\.\" numbers an area");
		is_str(d->items[2].title, "Sở Tư pháp chủ trì rà soát; hoàn thành trong Quý II năm 2026.",
		       "a * bullet is a task");
		is_str(d->items[3].title, "Sở Nội vụ chủ trì tổng kết.", "so is an escaped dash");
	}
	document_free(d);
	/* An area title ending in a period over its items; a lettered sub-area
	 * and a lettered agency without a colon over dash items; "Giao ..." */
	d = read_doc("II. NHIỆM VỤ\n1. Cải cách thể chế.\na) Cải cách thủ tục\n- Rà soát quy trình.\n"
		     "b) Sở Tư pháp\n- Kiểm tra văn bản.\n\nIII. TỔ CHỨC THỰC HIỆN\n"
		     "Giao Sở Nội vụ theo dõi, đôn đốc việc thực hiện Kế hoạch.\n", &err);
	ok(d && d->n == 7, "titles over items are sections, agencies lead (%zu items)", d ? d->n : 0);
	if (d && d->n == 7) {
		ok(d->items[1].is_section && strcmp(d->items[1].title, "Cải cách thể chế.") == 0,
		   "an area title ending in a period over its items is a section");
		ok(d->items[2].is_section && d->items[2].parent == 1 && d->items[2].depth == 2,
		   "a lettered title over dash items is a sub-area");
		ok(d->items[3].parent == 2 && !d->items[3].lead, "its items sit in it");
		is_str(d->items[4].lead, "Sở Tư pháp", "a lettered agency without a colon leads");
		is_str(d->items[6].title, "Giao Sở Nội vụ theo dõi, đôn đốc việc thực hiện Kế hoạch.",
		       "an unmarked \"Giao ...\" paragraph is a task");
	}
	document_free(d);
	/* --format prose on a document that gives no work. */
	{
		static const char targets[] = "I. MỤC TIÊU\n1. Tăng\n- Đạt 100%.\n";

		ok(document_read("t.txt", targets, strlen(targets), "utf-8", "prose", &d, &err) != 0 &&
		   strstr(err.msg, "no tasks found"), "only targets: %s", err.msg);
	}
	/* A section without a number: a title in capitals alone on its row,
	 * in the task column or the first cell; an agency in capitals alone
	 * in its column is one more assignment, not a section; the row that
	 * numbers the columns is no task. */
	d = read_doc("Số: 5/KH-UBND\n\nKẾ HOẠCH\n\nKiểm tra năm 2025\n\n"
		     "STT\tNhiệm vụ\tThời gian\tCơ quan chủ trì\n"
		     "(1)\t(2)\t(3)\t(4)\n"
		     "\tNHIỆM VỤ TRỌNG TÂM\t\t\n"
		     "1\tKiểm tra công vụ\tQuý I/2025\tSở Nội vụ\n"
		     "\t\t\tUBND CÁC HUYỆN\n"
		     "NHIỆM VỤ THƯỜNG XUYÊN\t\t\t\n"
		     "1\tCập nhật dữ liệu\tThường xuyên\tSở Nội vụ\n"
		     "\tNhiệm vụ khác chưa đánh số\t\t\n", &err);
	ok(d != NULL, "unnumbered sections and a row of column numbers read: %s", d ? "" : err.msg);
	if (d && d->n == 5) {
		ok(d->items[0].is_section, "a capital title alone in the task column is a section");
		is_str(d->items[0].number, "(1)", "numbered (1) in document order");
		is_str(d->items[0].title, "NHIỆM VỤ TRỌNG TÂM", "with its title");
		is_str(d->items[1].lead, "Sở Nội vụ UBND CÁC HUYỆN",
		       "an agency in capitals alone is one more assignment");
		ok(d->items[2].is_section && d->items[2].depth == 0, "a capital title in the first cell too");
		is_str(d->items[2].number, "(2)", "numbered (2)");
		ok(!d->items[4].is_section, "a title in lower case alone is a task");
	} else {
		ok(0, "five items, got %zu", d ? d->n : 0);
	}
	document_free(d);
	/* A header over two rows, as Word's merged header comes out in text:
	 * "Cơ quan thực hiện" over "Chủ trì" and "Phối hợp"; repeated at a page
	 * break, both rows. */
	d = read_doc("Số: 6/KH-UBND\n\nKẾ HOẠCH\n\nKiểm tra năm 2025\n\n"
		     "STT\tNội dung công việc\tCơ quan thực hiện\t\tThời gian\n"
		     "\t\tChủ trì\tPhối hợp\t\n"
		     "1\tKiểm tra công vụ\tSở Nội vụ\tSở Tư pháp\tQuý I/2025\n"
		     "\n"
		     "STT\tNội dung công việc\tCơ quan thực hiện\t\tThời gian\n"
		     "\t\tChủ trì\tPhối hợp\t\n"
		     "2\tBáo cáo\tSở Tư pháp\tSở Nội vụ\tQuý II/2025\n", &err);
	ok(d != NULL, "a two-row header reads: %s", d ? "" : err.msg);
	if (d && d->n == 2) {
		is_str(d->items[0].lead, "Sở Nội vụ", "\"Chủ trì\" under \"Cơ quan thực hiện\" is the lead");
		is_str(d->items[0].coord, "Sở Tư pháp", "\"Phối hợp\" beside it the coordinators");
		is_str(d->items[1].coord, "Sở Nội vụ", "after the page break too, the second row no task");
	} else {
		ok(0, "two tasks, got %zu", d ? d->n : 0);
	}
	document_free(d);
	return tap_done();
}
