#!/bin/sh
# units_csv.sh - a province from zero: the first import on an empty
# database takes its issuer from the heading, and the unit tree comes in one
# step from a CSV file (dondoc unit import), again without change, then a
# second file that renames, moves and merges as the 2025 reorganisation
# did. Bad files are refused with file:line and change nothing.
. "$top_srcdir/tests/lib.sh"

samples="$top_srcdir/tests/data/samples"
db="$tmp/u.db"
dd() { "$DONDOC" --db "$db" "$@"; }

# 1. The very first command on a fresh database.
run dd import --dry-run "$samples/khanhhoa-2024-cchc.txt"
is "$rc" 0 "a dry run on an empty database works"
like "$out" "unit KH would be added from the heading: Tỉnh Khánh Hòa \\(province\\)" \
	"and says which unit the heading would give"
is "$(dd unit list)" "" "but adds nothing"
run dd import "$samples/khanhhoa-2024-cchc.txt"
is "$rc" 0 "the first import on an empty database works"
like "$out" "unit KH added from the heading: Tỉnh Khánh Hòa \\(province\\); this installation acts for it" \
	"it says what it created"
like "$out" "dondoc unit rename KH" "and how to change it"
is "$(dd unit list)" "* KH  Tỉnh Khánh Hòa  [province]" "the province is the acting unit"
run dd plan list --json
like "$out" '"number":"3409/QĐ-UBND","issuer":"KH"' "the plan is the province's"

# The heading's "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA", "UBND tỉnh Khánh Hòa"
# and "TỈNH KHÁNH HÒA" are the unit named "Tỉnh Khánh Hòa".
rm -f "$db"
dd unit add KH "Tỉnh Khánh Hòa" --kind province >/dev/null
run dd import "$samples/khanhhoa-2024-cchc.txt"
like "$out" "by KH \\(ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA\\)" "the committee's heading finds the province's unit"
for heading in "UBND TỈNH KHÁNH HÒA" "TỈNH KHÁNH HÒA" "Ủy ban nhân dân tỉnh Khánh Hòa"; do
	sed -e '5d' -e "6s/.*/**$heading**/" "$samples/khanhhoa-2024-cchc.txt" >"$tmp/h.txt"
	run dd import --dry-run --replace "$tmp/h.txt"
	like "$out" "by KH \\($heading\\)" "\"$heading\" finds it too"
done
# A plan whose text names no issuer (this sample has no heading block) on
# an empty database: nothing to create it from, so it says how and writes
# nothing. (A department's heading creates it: tests/prose.sh.)
rm -f "$db"
run dd import "$samples/khanhhoa-snv-2024-sipas.txt"
is "$rc" 1 "a plan naming no issuer on an empty database: refused"
like "$err" "cannot tell which unit issued this plan; give --issuer CODE" "saying how to go on"
is "$(dd unit list)" "" "and nothing is created"

# The agency directory knows 1 March 2025: in a plan issued since, "Sở
# Thông tin và Truyền thông" is the Sở Khoa học và Công nghệ it merged
# into; in an older plan, the old department (merged into the new one), or
# the new one where the tree never had the old.
assigned() {   # assigned PLAN: the units its tasks are assigned to, one each
	dd list --plan "$1" --json | grep -o '"unit":"[A-Z-]*"' | sort -u | tr '\n' ' '
}
rm -f "$db"
printf 'KH,Tỉnh Khánh Hòa,province,\nKH-SKHCN,Sở Khoa học và Công nghệ,department,KH\n' >"$tmp/t.csv"
dd unit import "$tmp/t.csv" >/dev/null
dd unit use KH >/dev/null
sed 's/ngày 29 tháng 12 năm 2023/ngày 29 tháng 12 năm 2025/; s/3409\/QĐ-UBND/3411\/QĐ-UBND/' \
	"$samples/khanhhoa-2024-cchc.txt" >"$tmp/after.txt"
dd import "$samples/khanhhoa-2024-cchc.txt" >/dev/null
dd import "$tmp/after.txt" >/dev/null
like "$(assigned 3409/QĐ-UBND)" '"unit":"KH-SKHCN"' \
	"an older plan's Sở TT&TT is the new department when the tree never had the old"
like "$(assigned 3411/QĐ-UBND)" '"unit":"KH-SKHCN"' "a plan of December 2025 names the new department"
printf 'KH-STTTT,Sở Thông tin và Truyền thông,department,KH,2025-03-01,KH-SKHCN\n' >"$tmp/t2.csv"
dd unit import "$tmp/t2.csv" >/dev/null
dd import --replace "$samples/khanhhoa-2024-cchc.txt" >/dev/null
dd import --replace "$tmp/after.txt" >/dev/null
like "$(assigned 3409/QĐ-UBND)" '"unit":"KH-STTTT"' \
	"with the old department in the tree, an older plan names it"
unlike "$(assigned 3411/QĐ-UBND)" '"unit":"KH-STTTT"' "a plan of December 2025 still does not"
like "$(dd list --unit KH-SKHCN --plan 3409/QĐ-UBND --json | head -n 1)" '"title"' \
	"and the old department's tasks are the new one's to see"

# 2. The tree in one step.
rm -f "$db"
cat >"$tmp/kh.csv" <<'END'
code,name,kind,parent,effective,successor
KH,Tỉnh Khánh Hòa,province,,,
KH-SNV,Sở Nội vụ,department,KH,,
KH-STC,Sở Tài chính,department,KH,,
KH-SKHDT,Sở Kế hoạch và Đầu tư,department,KH,,
KH-CR,Thành phố Cam Ranh,district,KH,,
KH-CR-BN,Phường Ba Ngòi,commune,KH-CR,,
KH-CR-CL,"Phường Cam Linh",commune,KH-CR,,
NT,Tỉnh Ninh Thuận,province,,,
NT-SNV,"Sở Nội vụ tỉnh Ninh Thuận",department,NT,,
END
run dd unit import "$tmp/kh.csv"
is "$rc" 0 "unit import reads a province's tree"
is "$out" "$tmp/kh.csv: 9 units added, 0 renamed, 0 moved, 0 merged, 0 unchanged" "and says what it did"
dd unit list >"$tmp/tree1"
like "$(cat "$tmp/tree1")" "^    - KH-CR-BN  Phường Ba Ngòi  \\[commune\\]" "communes sit under their district"
run dd unit import "$tmp/kh.csv"
is "$out" "$tmp/kh.csv: 0 units added, 0 renamed, 0 moved, 0 merged, 9 unchanged" \
	"importing it again changes nothing"
is "$(dd unit list)" "$(cat "$tmp/tree1")" "the tree is the same"

# A parent named further down the file is fine.
printf 'KH-X,Xã X,commune,KH-Y,,\nKH-Y,Phường Y,commune,KH,,\n' >"$tmp/order.csv"
run dd unit import "$tmp/order.csv"
is "$rc" 0 "a parent defined on a later line is found"
like "$(dd unit list)" "    - KH-X  Xã X" "and the child is under it"

# 3. The reorganisation as a second file: merges with their date, the
# district's communes moved up, the district merged, a ward renamed.
cat >"$tmp/2025.csv" <<'END'
code,name,kind,parent,effective,successor
KH-SKHDT,Sở Kế hoạch và Đầu tư,department,KH,2025-03-01,KH-STC
KH-CR-BN,Phường Ba Ngòi,commune,KH,2025-07-01,
KH-CR-CL,Phường Cam Linh,commune,KH,2025-07-01,
KH-CR,Thành phố Cam Ranh,district,KH,2025-07-01,KH
NT-SNV,Sở Nội vụ tỉnh Ninh Thuận,department,NT,2025-07-01,KH-SNV
NT,Tỉnh Ninh Thuận,province,,2025-07-01,KH
KH-Y,Phường Bắc Cam Ranh,commune,KH,,
END
run dd unit import "$tmp/2025.csv"
is "$out" "$tmp/2025.csv: 0 units added, 1 renamed, 2 moved, 4 merged, 0 unchanged" \
	"the reorganisation file renames, moves and merges"
run dd unit list --json
like "$out" '"code":"KH-SKHDT".*"successor":"KH-STC","active":0' "the department is merged"
like "$out" '"code":"KH-CR-BN","name":"Phường Ba Ngòi","kind":"commune","parent":"KH"' \
	"the commune moved up to the province"
like "$out" '"code":"NT".*"successor":"KH","active":0' "the province merged into the other"
if command -v sqlite3 >/dev/null 2>&1; then
	is "$(sqlite3 "$db" "SELECT at FROM unit_history h JOIN unit u ON u.id = h.unit_id
		WHERE u.code = 'KH-SKHDT' AND change = 'merge'")" \
		"2025-03-01T00:00:00Z" "the merge is dated as the file says"
else
	skip 1 "sqlite3 shell not installed"
fi
run dd unit import "$tmp/2025.csv"
is "$out" "$tmp/2025.csv: 0 units added, 0 renamed, 0 moved, 0 merged, 7 unchanged" \
	"and again changes nothing"

# 4. Bad files: file:line, and nothing changed.
dd unit list --json >"$tmp/before"
bad() {   # bad NAME CONTENT PATTERN
	printf '%b' "$2" >"$tmp/bad.csv"
	run dd unit import "$tmp/bad.csv"
	is "$rc" 1 "$1: refused"
	like "$err" "$3" "$1: says where and why"
	is "$(dd unit list --json)" "$(cat "$tmp/before")" "$1: nothing changed"
}
bad "a cycle" 'code,name,kind,parent\nQA,A,other,QB\nQB,B,other,QA\n' 'bad.csv:[23]: cannot move'
bad "an unknown parent" 'QA,A,other,KH\nQB,B,other,NOPE\n' "bad.csv:2: parent 'NOPE' is neither"
bad "a unit twice" 'QA,A,other,KH\nQA,A again,other,KH\n' 'bad.csv:2: unit QA is already on line 1'
bad "a bad kind" 'QA,A,village,KH\n' "bad.csv:1: unit kind 'village'"
bad "a bad date" 'QA,A,other,KH,1/3/2025x,\n' "bad.csv:1: effective date"
bad "too few fields" 'QA,A\n' 'bad.csv:1: 2 fields'
bad "an unclosed quote" 'QA,"A,other,KH\n' 'bad.csv:1: a quoted field is not closed'
bad "a bad code" 'Q A,A,other,KH\n' "bad.csv:1: unit code 'Q A'"
bad "invalid UTF-8" 'QA,\377,other,KH\n' 'bad.csv:1: not valid UTF-8'
bad "a merge into an unknown unit" 'QA,A,other,KH,,NOPE\n' 'bad.csv:1: .*NOPE'
printf '' >"$tmp/empty.csv"
run dd unit import "$tmp/empty.csv"
like "$err" "empty.csv: no unit rows" "an empty file is refused"

# 5. The example installed with the data imports on an empty database.
rm -f "$db"
run dd unit import "$top_srcdir/core/units-2025.csv"
is "$rc" 0 "the 2025 example tree imports"
like "$out" "units added" "$out"
is "$(dd unit list --json | grep -c '"kind":"district"')" 0 "it has no districts"

done_testing
