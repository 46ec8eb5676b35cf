/* test_compose.c - Telex and VNI typing gives the Vietnamese the plans are
 * written in, with the tone where Vietnamese spelling puts it. */
#include <config.h>

#include "core/compose.h"
#include "tests/tap.h"

/* Type keys into an empty field as the UI does: compose, else insert. */
static const char *type(enum compose_mode mode, const char *keys)
{
	static char text[256];
	size_t cursor = 0;
	const char *k;

	text[0] = '\0';
	for (k = keys; *k; k++) {
		if (!compose_key(mode, text, sizeof text, &cursor, *k)) {
			memmove(text + cursor + 1, text + cursor, strlen(text + cursor) + 1);
			text[cursor++] = *k;
		}
	}
	return text;
}

int main(void)
{
	static const struct {
		const char *keys, *want;
	} telex[] = {
		{"Sowr Nooji vuj", "Sở Nội vụ"},
		{"Khasnh Hoaf", "Khánh Hòa"},
		{"Ddaf Nawxng", "Đà Nẵng"},
		{"thuyr", "thủy"},
		{"hoanf thanhf", "hoàn thành"},
		{"ddang thuwcj hieejn", "đang thực hiện"},
		{"nguwowif", "người"},
		{"truwowngf", "trường"},
		{"quyeest ddinhj", "quyết định"},
		{"gias", "giá"},
		{"Baso caos", "Báo cáo"},
		{"caoo", "caô"},
		{"caaps", "cấp"},
		{"aa", "â"},
		{"aaa", "aa"},
		{"ass", "as"},
		{"asz", "a"},
		{"cos", "có"},
		{"xong", "xong"},
		{"12/BC-UBND", "12/BC-UBND"},
	}, vni[] = {
		{"So73 No65i vu5", "Sở Nội vụ"},
		{"Kha1nh Ho2a", "Khánh Hòa"},
		{"D9a2 Na84ng", "Đà Nẵng"},
		{"nguo72i", "người"},
		{"a66", "a6"},
		{"Quy1 2/2024", "Quý 2/2024"},
	};
	size_t i;

	for (i = 0; i < sizeof telex / sizeof telex[0]; i++)
		is_str(type(COMPOSE_TELEX, telex[i].keys), telex[i].want, "Telex '%s'", telex[i].keys);
	for (i = 0; i < sizeof vni / sizeof vni[0]; i++)
		is_str(type(COMPOSE_VNI, vni[i].keys), vni[i].want, "VNI '%s'", vni[i].keys);
	is_str(type(COMPOSE_OFF, "Sowr"), "Sowr", "off: keys are typed as they are");
	return tap_done();
}
