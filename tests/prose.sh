#!/bin/sh
# prose.sh - plans whose tasks are written as paragraphs (a Chương trình
# hành động, a Kế hoạch without an appendix): the real sample and one of
# our own in the markdown-marked style with page-break cuts. What the dry
# run lists (every section, task, lead, coordinators, schedule kind and due
# date) and the tasks as imported match the reviewed files in
# tests/golden/; the parts that assign no work give no task.
. "$top_srcdir/tests/lib.sh"

db="$tmp/p.db"
dd() { "$DONDOC" --db "$db" "$@"; }
export DONDOC_TODAY=2026-02-01
golden="$top_srcdir/tests/golden"
fresh() {
	rm -f "$db"
	. "$top_srcdir/tests/import_units.sh" >/dev/null
	dd unit add KH-SKHCN "Sở Khoa học và Công nghệ" --parent KH --kind department >/dev/null
	dd unit add KH-CA "Công an tỉnh" --parent KH --kind department >/dev/null
}
# The task list without the ids that differ from run to run.
tasks() { dd list --plan "$1" --json | sed 's/"id":[0-9]*,"gid":"[^"]*",//'; }
same() {   # same NAME FILE: FILE is the reviewed golden/NAME
	if cmp -s "$golden/$1" "$2"; then
		ok 0 "$1 is as reviewed"
	else
		ok 1 "$1 is as reviewed"
		diff "$golden/$1" "$2" | head -n 20 | sed 's/^/# /'
	fi
}

for doc in khanhhoa-2026-ctr-chuyendoiso:27/CTr-UBND:23 prose-markdown:112/KH-UBND:12 \
	   prose-fields:418/KH-SNV:6; do
	name=${doc%%:*}
	rest=${doc#*:}
	plan=${rest%%:*}
	want=${rest#*:}
	file="$top_srcdir/tests/data/samples/$name.txt"
	[ -f "$file" ] || file="$top_srcdir/tests/data/$name.txt"
	fresh
	run dd import --dry-run "$file"
	is "$rc" 0 "$name: a dry run reads it"
	printf '%s\n' "$out" >"$tmp/$name.dry-run"
	same "$name.dry-run" "$tmp/$name.dry-run"
	like "$out" "read as utf-8, prose" "$name: read as prose"
	like "$out" ", $want tasks, " "$name: $want tasks"
	run dd import "$file"
	is "$rc" 0 "$name: imports"
	tasks "$plan" >"$tmp/$name.jsonl"
	same "$name.jsonl" "$tmp/$name.jsonl"
	is "$(wc -l <"$tmp/$name.jsonl" | tr -d ' ')" "$want" "$name: $want tasks in the database"
done

# What the dry run said is what was written: every task's lead and due
# date in the listing agree with list --json.
listed=$(grep -c '^      [^ ].* (line [0-9]*) ' "$tmp/prose-markdown.dry-run")
is "$listed" 12 "the dry run lists every task"
is "$(grep -c '"due":"2025-' "$tmp/prose-markdown.jsonl")" \
	"$(grep -c '^      .*, due 2025-' "$tmp/prose-markdown.dry-run")" \
	"as many due dates in the list as in the dry run"

# Not tasks: purposes and requirements, funding, the distribution list,
# signatures.
for words in "Bảo đảm 100% thủ tục" "Kinh phí thực hiện Kế hoạch" "Bộ Nội vụ;" "PHÓ CHỦ TỊCH" \
	"Căn cứ Quyết định"; do
	unlike "$(cat "$tmp/prose-markdown.jsonl")" "\"title\":\"$words" "not a task: $words…"
done
# A paragraph cut by a page break (page number between) is one task, and
# markdown and HTML marks are gone.
like "$(cat "$tmp/prose-markdown.jsonl")" 'chuyên ngành theo lộ trình của Bộ' \
	"a paragraph cut by a page break is one task"
like "$(cat "$tmp/prose-markdown.jsonl")" 'giải quyết hồ sơ trên Hệ thống thông tin' \
	"and one cut before a capitalised name"
unlike "$(cat "$tmp/prose-markdown.jsonl")" '\*\*|<sub>|##' "no markdown or HTML left"
like "$(cat "$tmp/prose-markdown.jsonl")" 'cấp chính quyền\. Thời hạn' "a footnote number goes with its tag"
# "phối hợp các Sở: Tài chính, Tư pháp" names both departments.
like "$(grep '"number":"b",.*Quy chế phối hợp' "$tmp/prose-markdown.jsonl")" \
	'"coord":\[\{"unit":null,"name":"Sở Tài chính"\},\{"unit":"NT-STP"' \
	"the shared \"Sở\" is expanded: Sở Tài chính and Sở Tư pháp coordinate"

# A task laid out as fields ("- Cơ quan chủ trì: ...", "- Thời gian hoàn
# thành: ...", "- Sản phẩm: ...") takes them; the lines are not tasks.
fields="$tmp/prose-fields.jsonl"
like "$(grep '"number":"a","title":"Rà soát, hoàn thiện danh mục' "$fields")" \
	'"output":"Danh mục vị trí việc làm được phê duyệt".*"due":"2026-06-30","lead":\[\{"unit":null,"name":"Phòng Tổ chức, biên chế"\}\],"coord":\[\{"unit":null,"name":"Ủy ban nhân dân cấp xã"\}\]' \
	"fields under a task give its lead, coordinators, deadline and output"
unlike "$(cat "$fields")" '"title":"(Cơ quan chủ trì|Thời gian|Sản phẩm|Phối hợp)' \
	"and are not tasks themselves"
like "$(grep '"number":"b","title":"Xây dựng Đề án' "$fields")" \
	'"lead":\[\{"unit":"KH-SNV-VP".*"coord":\[\{"unit":"KH-STC".*\{"unit":"KH-SKHCN"' \
	"a task ending in a colon before its fields is a task, not a heading"
like "$(grep '"number":"1","title":"Tổ chức thi tuyển' "$fields")" \
	'"due":"2026-09-30","lead":\[\{"unit":null,"name":"Phòng Công chức, viên chức"\}\]' \
	"a lead and deadline in parentheses"
like "$(cat "$fields")" '"section":\{"code":"1.1","title":"Rà soát vị trí việc làm"\}' \
	"areas numbered 1.1 are sections"
# A department's heading names its province above it: on an empty database
# both are created, the department acted for.
rm -f "$db"
run dd import "$top_srcdir/tests/data/prose-fields.txt"
like "$out" "unit KH-SNV added from the heading: Sở Nội vụ \(department\)" \
	"a department's plan on an empty database creates the department"
like "$out" "and above it unit KH, which the heading names too" "under its province"
like "$(dd unit list)" "^  \* KH-SNV  Sở Nội vụ" "and acts for the department, under the province"

# --format: a prose document read as a table is refused, and a document
# that assigns nothing says what it looked for.
fresh
run dd import --format table "$top_srcdir/tests/data/prose-markdown.txt"
is "$rc" 1 "--format table on prose: refused"
like "$err" "no task table found" "saying it found no table"
printf 'ỦY BAN NHÂN DÂN\nTỈNH NINH THUẬN\n\nKẾ HOẠCH\nAbc năm 2025\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n- Bảo đảm chất lượng.\n' \
	>"$tmp/none.txt"
run dd import "$tmp/none.txt"
is "$rc" 1 "a document with no task: refused"
like "$err" "none.txt: no tasks found" "naming the file"
is "$(dd plan list)" "" "and nothing is written"
# A plan whose tasks are "in the appendix" but whose appendix is not in the
# file is refused, not read from its few paragraphs.
sed -n '1,/^III\./p' "$top_srcdir/tests/data/samples/khanhhoa-2024-cchc.txt" >"$tmp/cut.txt"
run dd import "$tmp/cut.txt"
is "$rc" 1 "a plan cut before its appendix: refused"
like "$err" "cut.txt:[0-9]+: the tasks are in an appendix, but no task table was found" \
	"naming the line that points to the appendix"
# A UTF-8 file with one damaged byte is blamed on that byte's line, not read
# as a legacy code page and blamed on another.
sed 's/^Số: /S\xff: /' "$top_srcdir/tests/data/prose-markdown.txt" >"$tmp/damaged.txt"
run dd import "$tmp/damaged.txt"
like "$err" "damaged.txt:7: invalid UTF-8 in a file that is otherwise UTF-8" \
	"a damaged byte in a UTF-8 file is blamed on its own line"
run dd import --format poem "$tmp/none.txt"
is "$rc" 2 "an unknown --format is a usage error"

done_testing
