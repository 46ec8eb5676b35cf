/* test_text.c - UTF-8 validation, NFC, folding, widths, neutralising and
 * converting untrusted text. */
#include <config.h>

#include <stdlib.h>

#include "core/text.h"
#include "tests/tap.h"

static void check_fold(const char *in, const char *want)
{
	char *f = text_fold(in);

	is_str(f, want, "fold '%s'", in);
	free(f);
}

int main(void)
{
	/* "Sở Nội vụ" decomposed: o + horn + hook, o + circumflex + dot, u + dot. */
	const char *nfd = "So\xcc\x9b\xcc\x89 No\xcc\x82\xcc\xa3i vu\xcc\xa3";
	const char *nfc = "S\xe1\xbb\x9f N\xe1\xbb\x99i v\xe1\xbb\xa5";
	char buf[64], *s;

	check_fold("Sở Nội vụ", "so noi vu");
	check_fold(nfd, "so noi vu");
	check_fold("ĐẢNG ỦY  Đồng   Nai ", "dang uy dong nai");
	check_fold("đường\tđi", "duong di");
	check_fold("Sở TT&TT", "so tt&tt");
	check_fold("", "");

	s = text_nfc(nfd);
	is_str(s, nfc, "NFD input composes to NFC");
	free(s);
	s = text_nfc("\xff\xfe");
	ok(s == NULL, "NFC refuses invalid UTF-8");
	free(s);

	ok(text_is_utf8("Kế hoạch"), "valid UTF-8 accepted");
	is_int(text_invalid_at("ab\xc3", 3), 3, "truncated sequence found at byte 3");
	is_int(text_invalid_at("K\xe1\xba\xbf ho\xa1", 8), 8, "stray continuation byte found");
	ok(!text_is_utf8("\xc0\xaf"), "overlong encoding refused");

	is_int(text_width("Sở Nội vụ"), 9, "Vietnamese letters are one column each");
	is_int(text_width(nfd), 9, "combining marks take no column");
	is_int(text_width("日本"), 4, "wide characters take two columns");
	is_int(text_width(""), 0, "empty text is zero columns");

	s = text_sanitize("a\x1b[31mred\x1b[0m\x07 b\tc\nd", 0);
	ok(s && !strchr(s, '\x1b') && !strchr(s, '\x07') && !strchr(s, '\n'),
	   "escape, bell and newline neutralised");
	free(s);
	s = text_sanitize("x\xc2\x9b" "31m\xe2\x80\xae" "y\nz", 1);
	is_str(s, "x\xef\xbf\xbd" "31m\xef\xbf\xbd" "y\nz",
	       "C1 CSI and bidi override replaced, newline kept");
	free(s);
	s = text_sanitize("ok\xff", 0);
	is_str(s, "ok\xef\xbf\xbd", "invalid byte becomes U+FFFD");
	free(s);

	text_truncate("Cải cách hành chính", 10, 0, buf, sizeof buf);
	is_str(buf, "Cải cách …", "cut at 10 columns with an ellipsis");
	is_int(text_width(buf), 10, "the cut text is exactly 10 columns");
	text_truncate("Cải cách", 8, 0, buf, sizeof buf);
	is_str(buf, "Cải cách", "text that fits is not cut");
	text_truncate("日本語", 4, 1, buf, sizeof buf);
	is_str(buf, "日~", "a wide character that would overflow is left out");
	text_truncate("abc", 0, 0, buf, sizeof buf);
	is_str(buf, "", "zero width gives nothing");

	s = text_to_codeset("Sở Nội vụ – Đà Nẵng", "ANSI_X3.4-1968");
	is_str(s, "So Noi vu ? Da Nang", "ASCII terminal gets letters without marks");
	free(s);
	s = text_to_codeset("Hòa", "ISO-8859-1");
	is_str(s, "H\xf2" "a", "a codeset with the letter gets it converted");
	free(s);
	s = text_to_codeset("a\x1b]0;x\x07", "UTF-8");
	ok(s && !strchr(s, '\x1b'), "UTF-8 output is neutralised too");
	free(s);
	return tap_done();
}
