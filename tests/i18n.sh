# i18n.sh - the program speaks Vietnamese and English, and what it prints
# is safe and readable on any terminal: a non-UTF-8 locale gets letters
# without marks instead of broken bytes, and escape sequences from imported
# text never reach the terminal.
. "$top_srcdir/tests/lib.sh"

if [ ! -f "$DONDOC_LOCALEDIR/vi/LC_MESSAGES/dondoc.mo" ]; then
	skip_all "the Vietnamese catalogue was not built (msgfmt missing?)"
fi
db="$tmp/d.db"
dd() { "$DONDOC" --db "$db" "$@"; }
dd unit add SNV "Sở Nội vụ" --kind department
dd unit use SNV
dd plan add --number "1/KH-SNV" --title "Kế hoạch" --years 2024 >/dev/null
esc=$(printf 'Ti\033[2J\033]0;pwned\007tle')
dd task add --plan 1 --title "$esc" --lead SNV --due 2024-06-30 >/dev/null

run "$DONDOC" --help
like "$out" '^Usage: dondoc' "English by default"
run "$DONDOC" --lang vi --help
like "$out" '^Cách dùng: dondoc' "--lang vi speaks Vietnamese"
run env -u LC_ALL LANG=vi_VN.UTF-8 "$DONDOC" --help
like "$out" '^Cách dùng: dondoc' "so does a Vietnamese locale, even one not installed"
run env LC_ALL=vi_VN.UTF-8 "$DONDOC" --lang en --help
like "$out" '^Usage: dondoc' "--lang en wins over the locale"
run dd --lang vi show 999
is "$err" "dondoc: không có nhiệm vụ mã '999'" "errors are translated"
run dd --lang vi list --period 2024Q2
like "$out" 'quá hạn' "derived states are translated"

run env LC_ALL=C "$DONDOC" --db "$db" unit list
is "$out" "* SNV  So Noi vu  [department]" "LANG=C gets letters without marks"
run env LC_ALL=C "$DONDOC" --db "$db" --lang vi show 999
is "$err" "dondoc: khong co nhiem vu ma '999'" "Vietnamese messages are transliterated too"
run env LC_ALL=C "$DONDOC" --db "$db" unit list --json
like "$out" '"name":"Sở Nội vụ"' "JSON stays UTF-8 for scripts"

run dd list
unlike "$out" "$(printf '\033')" "an escape sequence in a title does not reach the terminal"
like "$out" 'Ti.*tle' "the rest of the title is shown"
run dd show 1
unlike "$out" "$(printf '\033|\007')" "nor in the detail view"
run dd list --json
like "$out" '"title":"Ti\\u001b\[2J\\u001b\]0;pwned\\u0007tle"' "JSON escapes control characters"
# C1 controls (CSI is U+009B, OSC U+009D) act on many terminals as ESC [ and
# ESC ] do; a right-to-left override reverses what follows.
c1=$(printf 'A\302\23331mB\302\2352;x\302\234C\342\200\256D\342\201\246E')
dd task add --plan 1 --title "$c1" --lead SNV --due 2024-06-30 >/dev/null
# raw TEXT: whether TEXT holds a C1 control or a bidirectional control as
# bytes (matched byte by byte: LC_ALL=C).
raw() {
	printf '%s\n' "$1" | LC_ALL=C grep -Eq \
		"$(printf '\302[\200-\237]|\342\200[\216\217\252-\256]|\342\201[\246-\251]|\330\234')"
}
run dd list --json
raw "$out"
ok $((!$?)) "JSON has no raw C1 control or bidirectional override"
like "$out" '"title":"A\\u009b31mB\\u009d2;x\\u009cC\\u202eD\\u2066E"' "it escapes them as \\u"
run dd show 2 --json
raw "$out"
ok $((!$?)) "nor has show --json"
run dd list
raw "$out"
ok $((!$?)) "nor the text list"

# Vietnamese labels are longer and their letters take several bytes: the
# report's columns are aligned by display columns all the same.
run dd --lang vi report --period 2024Q2 --unit SNV
first=$(printf '%s\n' "$out" | grep -n -m1 '^Nhiệm vụ ' | cut -d: -f1)
widths=$(printf '%s\n' "$out" | sed -n "${first},$((first + 9))p" |
	while IFS= read -r line; do printf '%s' "$line" | wc -m; done | sort -u | wc -l)
is "$widths" 1 "the Vietnamese summary's figures end in one column"
head=$(printf '%s\n' "$out" | grep -m1 '^Mục ')
row=$(printf '%s\n' "$out" | grep -A1 -m1 '^Mục ' | tail -n 1)
col=$(printf "%s" "${head%%Tổng*}Tổng" | wc -m)
like "$(printf '%s' "$row" | sed -E "s/^(.{$col}).*/\1/")" '[0-9]$' "the section table's total sits under Tổng"

if command -v msgfmt >/dev/null 2>&1; then
	stats=$(msgfmt --statistics -o /dev/null "$top_srcdir/po/vi.po" 2>&1)
	unlike "$stats" 'untranslated|fuzzy' "every message has a Vietnamese translation: $stats"
else
	ok 0 "# SKIP msgfmt is not installed"
fi

done_testing
