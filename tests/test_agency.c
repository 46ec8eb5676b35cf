/* test_agency.c - reading agencies out of cells and prose with the shipped
 * directory: aliases, source typos, group phrases, "Các Sở: A, B", and roles
 * from chủ trì / phối hợp / tham mưu. */
#include <config.h>

#include <stdlib.h>
#include <unistd.h>

#include "core/agency.h"
#include "tests/tap.h"

static struct agency_dir *dir;

/* "L:name;C:name;..." in the order found. */
static const char *agencies(const char *text, int prose)
{
	static char out[1024];
	struct agency_list l = {NULL, 0, 0};
	size_t i, len = 0;

	if (prose)
		agency_read_prose(dir, text, &l);
	else
		agency_read_cell(dir, text, ROLE_LEAD, &l);
	out[0] = '\0';
	for (i = 0; i < l.n && len < sizeof out; i++)
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%s:%s", i ? ";" : "",
					l.v[i].role == ROLE_LEAD ? "L" : "C",
					l.v[i].entry ? l.v[i].entry->name : l.v[i].text);
	agency_list_clear(&l);
	return out;
}

static void warn(const char *message, void *ctx)
{
	(*(int *)ctx)++;
	printf("# %s\n", message);
}

int main(void)
{
	char path[4096], bad[] = "/tmp/dondoc-agency-XXXXXX";
	const char *files[2];
	const char *srcdir = getenv("top_srcdir");
	struct error err;
	int warnings = 0, fd;
	FILE *f;

	snprintf(path, sizeof path, "%s/core/agencies.txt", srcdir ? srcdir : ".");
	if ((fd = mkstemp(bad)) < 0 || !(f = fdopen(fd, "w"))) {
		printf("1..0 # SKIP cannot make a temporary file\n");
		return 77;
	}
	fputs("# extra\ncounty\tNowhere\ndepartment\nother\tBáo Nhân Dân | Báo ND\n", f);
	fclose(f);
	files[0] = path;
	files[1] = bad;
	ok(agency_dir_load(&dir, files, 2, warn, &warnings, &err) == 0, "the directory loads");
	is_int(warnings, 2, "two bad lines reported, the rest kept");
	unlink(bad);

	is_str(agencies("Sở Nội vụ", 0), "L:Sở Nội vụ", "a name");
	is_str(agencies("SỞ NỘI VỤ", 0), "L:Sở Nội vụ", "in capitals");
	is_str(agencies("Sở TT&TT", 0), "L:Sở Thông tin và Truyền thông", "a short form");
	is_str(agencies("Sở Thông tin và Tuyên thông", 0), "L:Sở Thông tin và Truyền thông",
	       "the source's typo");
	is_str(agencies("Báo ND", 0), "L:Báo Nhân Dân", "a line of the user's file");
	is_str(agencies("Các Sở, ban, ngành, UBND các huyện, thành phố", 0),
	       "L:Các sở, ban, ngành;L:Ủy ban nhân dân các huyện, thị xã, thành phố", "group phrases");
	is_str(agencies("Các Sở: Kế hoạch và Đầu tư, Tài chính, Tài nguyên và Môi trường", 0),
	       "L:Sở Kế hoạch và Đầu tư;L:Sở Tài chính;L:Sở Tài nguyên và Môi trường",
	       "\"Các Sở: A, B\" names each");
	{
		char many[2000] = "Các Sở:";

		for (int i = 0; i < 400; i++)
			strcat(many, "a,");
		ok(agencies(many, 0) != NULL, "a long list of one-letter items does not overflow");
	}
	is_str(agencies("Ban Dân tộc tỉnh, Hội Nông dân", 0), "L:Ban Dân tộc tỉnh;L:Hội Nông dân",
	       "an unknown name is kept as written");

	is_str(agencies("Sở Tư pháp chủ trì hướng dẫn; các cơ quan, đơn vị liên quan phối hợp", 1),
	       "L:Sở Tư pháp", "prose: chủ trì");
	is_str(agencies("Sở Kế hoạch và Đầu tư chủ trì, phối hợp với các sở, ngành", 1),
	       "L:Sở Kế hoạch và Đầu tư;C:Các sở, ban, ngành", "prose: phối hợp với");
	is_str(agencies("Sở Tài chính chủ trì phối hợp các sở, ban, ngành; Ủy ban nhân dân các huyện", 1),
	       "L:Sở Tài chính;C:Các sở, ban, ngành;C:Ủy ban nhân dân các huyện, thị xã, thành phố",
	       "prose: the list goes on after ';'");
	is_str(agencies("Sở Nội vụ chủ trì, tham mưu UBND tỉnh", 1), "L:Sở Nội vụ",
	       "prose: whom one advises is not assigned");
	is_str(agencies("- Sở Tài chính thẩm định trình UBND tỉnh phê duyệt", 1), "L:Sở Tài chính",
	       "prose: who opens the clause does it");
	is_str(agencies("Trung tâm Xúc tiến chủ trì thực hiện", 1), "L:Trung tâm Xúc tiến",
	       "prose: an unknown lead before chủ trì");
	agency_dir_free(dir);
	return tap_done();
}
