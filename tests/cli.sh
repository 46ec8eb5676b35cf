# cli.sh - the command line, as a script or an officer uses it: build a unit
# tree, a plan and tasks, report statuses, and read them back as text and JSON.
. "$top_srcdir/tests/lib.sh"

db="$tmp/d.db"
dd() { "$DONDOC" --db "$db" "$@"; }
export DONDOC_TODAY=2024-05-10

run "$DONDOC" --version
is "$rc" 0 "--version exits 0"
like "$out" '^dondoc [0-9]+\.[0-9]+' "--version prints the version"
run "$DONDOC" --help
like "$out" 'dondoc list' "--help lists the commands"

run dd unit add KH "Tỉnh Khánh Hòa" --kind province
is "$rc" 0 "unit add"
is "$out" "unit KH added: Tỉnh Khánh Hòa" "and says what it added"
dd unit add SNV "Sở Nội vụ" --parent KH --kind department
dd unit add CL "UBND huyện Cam Lâm" --parent KH --kind district
dd unit add CHT "UBND xã Cam Hải Tây" --parent CL --kind commune
run dd unit use KH
is "$rc" 0 "unit use"
run dd unit list
is "$(printf '%s\n' "$out" | head -1)" "* KH  Tỉnh Khánh Hòa  [province]" "the acting unit is marked"
like "$out" '^    - CHT  UBND xã Cam Hải Tây  \[commune\]$' "the tree is indented"
run dd unit list --json
is "$(printf '%s\n' "$out" | grep -c '"code"')" 4 "one JSON object per unit"
like "$out" '^\{"code":"SNV","name":"Sở Nội vụ","kind":"department","parent":"KH"' \
	"JSON keeps Vietnamese unescaped"

run dd plan add --number "3409/QĐ-UBND" --title "Kế hoạch cải cách hành chính năm 2024" \
	--date 29/12/2023 --years 2024
is "$out" 1 "plan add prints the new id"
run dd plan add --number "3409/QĐ-UBND" --title "again"
is "$rc" 1 "the same plan number twice is an error"
is "$err" "dondoc: plan 3409/QĐ-UBND is already present" "and says so"
run dd section add --plan "3409/QĐ-UBND" II "CÔNG TÁC TUYÊN TRUYỀN"
is "$rc" 0 "section add"
run dd task add --plan 1 --section II --number 1 --title "Ban hành kế hoạch tuyên truyền" \
	--output "Kế hoạch" --schedule "Quý II/2024" --kind quarter --start 2024-04-01 \
	--due 2024-06-30 --lead SNV --coord CL --coord "Báo Khánh Hòa"
is "$out" 1 "task add prints the new id"
like "$err" '1 agencies match no unit code' "an agency that is not a unit is reported"
dd task add --plan 1 --section II --number 2 --title "Rà soát thủ tục hành chính" \
	--schedule "Trước 15/3/2024" --due 2024-03-15 --lead CL >/dev/null
dd task add --plan 1 --number 3 --title "Tuyên truyền thường xuyên" --kind continuous \
	--schedule "Thường xuyên" --lead CHT >/dev/null
dd task add --plan 1 --number 2 --title "Số trùng: một mục nữa mang số 2" --due 2024-09-30 \
	--lead SNV >/dev/null

run dd list --period 2024Q2
is "$rc" 0 "list --period"
is "$(printf '%s\n' "$out" | wc -l)" 3 "three tasks fall in 2024Q2"
like "$out" '^2 +2 +2024-03-15 overdue' "a task due in Q1 and not done is carried over, overdue"
run dd list --period 2024Q3
like "$out" '^4 +2 +2024-09-30' "a repeated number is its own task"
run dd list --search "so noi vu"
is "$(printf '%s\n' "$out" | cut -c1-6 | tr -d ' ' | tr '\n' ,)" "1,4," \
	"search without diacritics finds the lead Sở Nội vụ"
run dd list --unit CL --period 2024Q2 --json
is "$(printf '%s\n' "$out" | sed 's/^{"id":\([0-9]*\).*/\1/' | tr '\n' ,)" "1,2,3," \
	"a district sees what it leads or coordinates, and its communes' tasks"

run dd set 1 --unit SNV --period 2024Q2 --status doing --progress 40 \
	--note "Đang soạn thảo" --evidence "Công văn số 12/SNV-CCHC ngày 15/5/2024"
is "$rc" 0 "set a status"
run dd list --period 2024Q2 --unit SNV --status doing --json
like "$out" '"records":\[\{"unit":"SNV","period":"2024Q2","status":"doing","progress":40,"note":"Đang soạn thảo","evidence":\[\{"number":"12/SNV-CCHC","date":"2024-05-15","hash":null\}\]' \
	"list --json shows the record as set"
like "$out" '"schedule":\{"text":"Quý II/2024","kind":"quarter","start":"2024-04-01","due":"2024-06-30","recurs":null\}' \
	"and the schedule"
like "$out" '"lead":\[\{"unit":"SNV","name":"Sở Nội vụ"\}\],"coord":\[\{"unit":"CL","name":"UBND huyện Cam Lâm"\},\{"unit":null,"name":"Báo Khánh Hòa"\}\]' \
	"and lead and coordinators"
echo "report" > "$tmp/evidence.pdf"
run dd set 1 --unit SNV --period 2024Q2 --status done --completed 2024-07-03 \
	--evidence "12/BC-SNV 03/07/2024" --evidence-file "$tmp/evidence.pdf"
is "$rc" 0 "set done with an evidence file"
run dd show 1 --json
like "$out" '"status":"done","progress":100,' "done is 100%"
like "$out" '"state":"done-late"' "finished after the due date is done late"
like "$out" '\{"number":"12/BC-SNV","date":"2024-07-03","hash":"[0-9a-f]{64}"\}' \
	"the evidence file's hash is kept, not the file"
like "$out" '"history":\[\{"status":"doing".*\},\{"status":"done"' "the history has both changes"
# What is written after the number is kept with it, not dropped.
run dd set 1 --unit SNV --period 2024Q3 --status done --evidence "12/BC-UBND 15/06/2024 kèm phụ lục"
run dd show 1 --json
like "$out" '\{"number":"12/BC-UBND \(kèm phụ lục\)","date":"2024-06-15"' \
	"evidence keeps the words after the number (kèm phụ lục)"
run dd show 1
like "$out" 'Coordinating: +UBND huyện Cam Lâm \(CL\); Báo Khánh Hòa \(unresolved\)' \
	"show lists the coordinators"
like "$out" '2024Q2  SNV  done 100%  \(done late\)  completed 2024-07-03' "show has the record"
run dd set 3 --period 2024Q2 --status doing
is "$rc" 0 "the acting unit (the plan's issuer) may report without --unit"
is "$out" "task 3, KH, 2024Q2: saved" "set says which unit and quarter it wrote"
run dd list --period 2024Q2 --unit KH --json
like "$(printf '%s\n' "$out" | grep '"id":3,')" '"unit":"KH","period":"2024Q2","status":"doing"' \
	"its record is stored under the acting unit"

# The 2025 reorganisation: district abolished, commune moved, names change.
run dd unit move CHT --parent KH
is "$rc" 0 "unit move"
run dd unit rename KH "Tỉnh Khánh Hòa (mới)"
is "$rc" 0 "unit rename"
run dd unit merge CL --into KH
is "$rc" 0 "unit merge"
run dd unit list
like "$out" 'CL  UBND huyện Cam Lâm  \[district\]  \(merged into KH\)' "a merged unit stays, marked"
run dd list --unit KH --period 2024Q2 --json
like "$out" '"id":2,' "the successor sees the merged unit's tasks"

# The default database lives under XDG_DATA_HOME.
run "$DONDOC" unit add X "Xã X"
is "$rc" 0 "the default database is created"
ok "$(test -f "$XDG_DATA_HOME/dondoc/dondoc.db"; echo $?)" "under \$XDG_DATA_HOME/dondoc"

# A reading command upgrades a database the last dondoc left at an older
# schema (here: what schemas 9 to 13 added taken away) instead of refusing.
if command -v sqlite3 >/dev/null 2>&1; then
	cp "$db" "$tmp/old.db"
	sqlite3 "$tmp/old.db" "DROP TRIGGER task_fts_insert; DROP TRIGGER task_fts_delete;
		DROP TRIGGER task_fts_update; DROP TABLE task_fts; DROP INDEX task_spill_yearly;
		DROP TABLE sender_clock; DROP INDEX task_plan_of; DROP INDEX status_record_window;
		CREATE INDEX status_record_state ON status_record(task_id, status, period);
		PRAGMA user_version = 8;"
	run "$DONDOC" --db "$tmp/old.db" list --search "ban hanh" --json
	is "$rc" 0 "list on a database one schema behind upgrades it"
	like "$out" '"title":"Ban hành' "and searches through the new index"
	is "$(sqlite3 "$tmp/old.db" 'PRAGMA user_version')" "$(sqlite3 "$db" 'PRAGMA user_version')" \
		"which is now at the current schema"
else
	skip 3 "sqlite3 shell not installed"
fi

# Every way of adding a task reads its schedule: given only the text,
# task add parses it in the plan's years as an import would; given a kind
# or dates, those stand.
sched="$tmp/sched.db"
"$DONDOC" --db "$sched" unit add KH "Tỉnh Khánh Hòa" --kind province >/dev/null
"$DONDOC" --db "$sched" unit use KH >/dev/null
"$DONDOC" --db "$sched" plan add --number 5/KH --title "Kế hoạch thử" --years 2024 >/dev/null
for s in "Năm 2024" "Quý II/2024" "Trước 25/12 hàng năm"; do
	"$DONDOC" --db "$sched" task add --plan 5/KH --title "Việc $s" --schedule "$s" >/dev/null
done
"$DONDOC" --db "$sched" task add --plan 5/KH --title "Việc có hạn" --schedule "Quý III/2024" \
	--kind quarter --due 2024-09-30 >/dev/null
run "$DONDOC" --db "$sched" list --json
like "$out" '"text":"Năm 2024","kind":"year","start":"2024-01-01","due":"2024-12-31"' \
	"task add --schedule \"Năm 2024\" is the year 2024, not unknown"
like "$out" '"text":"Quý II/2024","kind":"quarter","start":"2024-04-01","due":"2024-06-30"' \
	"\"Quý II/2024\" the second quarter"
like "$out" '"text":"Trước 25/12 hàng năm","kind":"recurring","start":null,"due":"2024-12-25","recurs":"yearly"' \
	"\"Trước 25/12 hàng năm\" recurs yearly"
like "$out" '"text":"Quý III/2024","kind":"quarter","start":null,"due":"2024-09-30"' \
	"a kind and a date given stand as given"

done_testing
