# report_edges.sh - the report's counts where officers most often count
# wrong by hand, on a small plan made for it: a task due on the quarter's
# last day, one done after its due date, continuous, quarterly and yearly
# tasks, an event with no date, a unit that never reported, a period with
# no tasks, and a unit with no tasks.
. "$top_srcdir/tests/lib.sh"

db="$tmp/e.db"
dd() { "$DONDOC" --db "$db" "$@"; }
export DONDOC_TODAY=2024-07-15
dd unit add P "Tỉnh Thử" --kind province >/dev/null
dd unit add D1 "Sở Một" --parent P --kind department >/dev/null
dd unit add D2 "Sở Hai" --parent P --kind department >/dev/null
dd unit add D3 "Sở Ba" --parent P --kind department >/dev/null
dd unit add D4 "Sở Bốn" --parent P --kind department >/dev/null
dd unit use P >/dev/null
dd plan add --title "Kế hoạch thử năm 2024" --number 1/KH-T --issuer P --years 2024 >/dev/null
add() { dd task add --plan 1/KH-T "$@" >/dev/null || echo "# task add $* failed"; }
add --number 1 --title "Hạn đúng ngày cuối quý" --due 2024-06-30 --lead D1
add --number 2 --title "Xong sau hạn" --due 2024-05-15 --lead D1
add --number 3 --title "Thường xuyên" --kind continuous --lead D2
add --number 4 --title "Báo cáo quý" --due 2024-03-14 --recurs quarterly --lead D3
add --number 5 --title "Tổng kết năm" --due 2024-12-15 --recurs yearly --lead D2
add --number 6 --title "Khi có văn bản của Bộ" --kind event --lead D3
id() { dd list --plan 1/KH-T --json | sed -n "s/.*\"id\":\([0-9]*\),.*\"number\":\"$1\".*/\1/p"; }
dd set "$(id 1)" --unit D1 --period 2024Q2 --status done --completed 2024-06-30 >/dev/null
dd set "$(id 2)" --unit D1 --period 2024Q2 --status done --completed 2024-06-01 >/dev/null
dd set "$(id 3)" --unit D2 --period 2024Q2 --status doing --progress 30 >/dev/null

# all,total,done_on_time,done_late,in_progress,not_started,blocked,overdue,no_date,rate
counts() { dd report --format csv "$@" | tr -d '\r' | sed -n 's/^all,//p'; }
# A unit's row up to 'reported' (then come submitted and supplementary).
unit_row() { dd report --format csv --period "$1" | tr -d '\r' | sed -n "s/^$2,//p" | cut -d, -f1-11; }

is "$(counts --period 2024Q2)" "5,1,1,1,0,0,1,1,20.0" \
	"Q2: on the last day is on time, after it late, continuous in progress, quarterly overdue, event undated"
is "$(counts --period 2024Q2 --unit D1)" "2,1,1,0,0,0,0,0,0.0" "D1 did both its tasks"
is "$(counts --period 2024Q1)" "3,0,0,0,1,0,1,1,33.3" \
	"Q1: continuous not started yet, the quarterly task due 14/03 overdue, the event"
is "$(counts --period 2024Q4)" "4,0,0,1,2,0,0,1,0.0" \
	"Q4: the yearly task falls in it, in progress carries over, not overdue before its day"
is "$(counts --period 2024H1)" "5,1,1,1,0,0,1,1,20.0" "the first six months end as Q2 does"
is "$(counts --period 2025Q1)" "0,0,0,0,0,0,0,0,0.0" "a quarter after the plan counts nothing"

like "$(unit_row 2024Q2 D3)" ',0$' "D3 never reported: its row says so"
like "$(unit_row 2024Q2 D1)" ',1$' "D1 reported"
run dd report --period 2024Q2
# The line after a heading (grep -E takes a pattern with a newline as two).
after() { printf '%s\n' "$out" | grep -A1 -x "$1" | sed -n 2p; }
like "$(after 'Units with no record for the period')" '^  D3 ' "the text report names D3"
case $out in *"D4 "*) ok 1 "a unit with no task is not listed" ;;
*) ok 0 "a unit with no task is not listed" ;; esac
dd set "$(id 4)" --unit D3 --period 2024Q2 --status doing --progress 10 >/dev/null
like "$(unit_row 2024Q2 D3)" ',1$' "once D3 writes a record it has reported"
is "$(unit_row 2024Q3 D3)" "2,0,0,0,1,0,0,1,0.0,0,0" \
	"Q3: not reported, the quarterly task starts afresh, the event undated"

# Over a range a unit has reported if it wrote in any quarter of it, even
# on a quarterly task whose state only its last quarter decides.
dd set "$(id 4)" --unit D3 --period 2024Q3 --status done --completed 2024-09-10 >/dev/null
like "$(unit_row 2024Q3-2024Q4 D3)" ',1$' "D3 reported in Q3: reported for Q3-Q4"
is "$(counts --period 2024Q3-2024Q4 --unit D3)" "2,0,0,0,1,0,0,1,0.0" \
	"but Q4's occurrence of the quarterly task is not started"

# A plan on the reporting calendar (15th to 14th) beside one on calendar
# quarters: each task falls in the period its own plan counts.
dd unit add R "Sở Năm" --parent P --kind department >/dev/null
dd plan add --title "Kế hoạch theo kỳ báo cáo" --number 2/KH-R --issuer R --years 2024 >/dev/null
run dd plan calendar 2/KH-R weekly
is "$rc" 1 "an unknown calendar is refused"
like "$err" "calendar 'weekly'" "naming it"
dd plan calendar 2/KH-R reporting
like "$(dd plan list | grep 2/KH-R)" 'reporting calendar' "plan list shows the calendar"
radd() { dd task add --plan 2/KH-R --lead R "$@" >/dev/null || echo "# task add $* failed"; }
radd --number 1 --title "Sau ngày 14/3" --due 2024-03-20
radd --number 2 --title "Sau ngày 14/6" --due 2024-06-20
radd --number 3 --title "Đúng ngày 14/6" --due 2024-06-14
radd --number 4 --title "Sau ngày 14/12" --due 2024-12-20
numbers() { dd list --unit R --period "$1" --json | sed -n 's/.*"number":"\([0-9]*\)".*/\1/p' | tr '\n' ' '; }
is "$(numbers 2024Q1)" "" "Q1 on the reporting calendar ends on 14/3"
is "$(numbers 2024Q2)" "1 3 " "Q2 runs from 15/3 to 14/6"
is "$(numbers 2024Q3)" "1 2 3 " "Q3 has what 14/9 brings, and what is still open"
is "$(numbers 2024Q4)" "1 2 3 " "a task due 20/12 is not in Q4, which ends on 14/12"
is "$(numbers 2025Q1)" "4 " "but in the next year's first period"
# "Trước ngày 20/12 hàng năm" on the reporting calendar: each year's
# occurrence falls in the next year's first period, even the plan's last.
radd --number 5 --title "Tổng kết trước 20/12 hằng năm" --due 2024-12-20 --recurs yearly
is "$(numbers 2024Q1)" "" "the yearly task due 20/12 is not in 2024Q1 (that is 2023's, before the plan)"
is "$(numbers 2024Q4)" "1 2 3 " "nor in 2024Q4"
is "$(numbers 2025Q1)" "4 5 " "2024's occurrence is in 2025Q1, after the plan's years"
is "$(numbers 2025Q2)" "" "and 2025's is not the plan's"
yid=$(dd list --unit R --period 2025Q1 --json | sed -n 's/.*"id":\([0-9]*\),.*"number":"5".*/\1/p')
is "$(counts --period 2025Q1 --unit R)" "2,0,0,0,2,0,0,0,0.0" "2025Q1 on 15/07/2024: not overdue yet"
DONDOC_TODAY=2025-01-10 dd set "$yid" --unit R --period 2025Q1 --status done --completed 2024-12-18 >/dev/null
is "$(counts --period 2025Q1 --unit R)" "2,1,0,0,1,0,0,0,0.0" "done on 18/12 for its 20/12 occurrence: on time"
like "$(dd list --unit R --period 2025Q1 --status done --json)" '"number":"5"' "and list agrees"
radd --number 6 --title "Trước 25/12 hằng năm" --due 2024-12-25 --recurs yearly
yid=$(dd list --unit R --period 2025Q1 --json | sed -n 's/.*"id":\([0-9]*\),.*"number":"6".*/\1/p')
dd set "$yid" --unit R --period 2024Q4 --status done --completed 2024-12-10 >/dev/null
is "$(counts --period 2025Q1 --unit R)" "3,2,0,0,1,0,0,0,0.0" \
	"done early, in 2024Q4, for the occurrence 2025Q1 holds: it counts there"
run dd report --period 2024Q2 --unit R
like "$out" '\(2024-03-15 to 2024-06-14\)' "the report covers 15/3 to 14/6"
like "$out" 'Calendar: reporting periods' "and says which calendar it used"
is "$(counts --period 2024Q2 --unit R)" "2,0,0,0,0,0,2,0,100.0" "both Q2 tasks are overdue"
run dd report --period 2024Q2 --unit P
like "$out" 'plans on the reporting calendar: 2024-03-15 to 2024-06-14' "a mixed report says so"
like "$(dd report --period 2024Q2 --unit P --format csv | tr -d '\r' | sed -n 2p)" ',mixed,' \
	"and so does its CSV"

# Submitting: once a unit has sent its quarter's report, a later change to
# its records of that quarter stands but is marked supplementary.
run dd report submit --period 2024Q2 --unit D1
is "$rc" 0 "D1 submits its Q2 report"
like "$out" '^Submitted at 20[0-9-]+T[0-9:]+Z' "and is told when"
run dd report submit --period 2024Q2 --unit D1
is "$rc" 1 "a second submission is refused"
like "$err" 'D1 already submitted its report for 2024Q2' "naming the unit and the quarter"
run dd report submit --period 2024H1 --unit D1
is "$rc" 1 "a report is submitted for a quarter"
run dd report --period 2024Q2 --unit D1
like "$out" 'Submitted: 20' "the unit's report says it was submitted"
like "$(dd list --period 2024Q2 --unit D1 --json)" '"supplementary":0' "its records are not supplementary"
dd set "$(id 2)" --unit D1 --period 2024Q2 --note "Bổ sung: đã gửi văn bản" >/dev/null
like "$(dd list --period 2024Q2 --unit D1 --json)" '"note":"Bổ sung: đã gửi văn bản".*"supplementary":1' \
	"a change after submitting is supplementary"
is "$(dd report --period 2024Q2 --format csv | tr -d '\r' | sed -n 's/^D1,//p' | cut -d, -f13)" 1 \
	"the level above sees one supplementary change from D1"
run dd report --period 2024Q2
like "$(after 'Units that submitted their report')" '^  D1 ' "and D1 among the units that submitted"
like "$out" 'supplementary changes since: 1' "with its supplementary change"
dd set "$(id 2)" --unit D1 --period 2024Q3 --note "Quý sau" >/dev/null
like "$(dd list --plan 1/KH-T --unit D1 --json)" '"period":"2024Q3"[^}]*"supplementary":0' \
	"the next quarter is not locked"

# The level above sets when reports are due and the overdue rate that bars
# a unit from a good ranking; both are kept in the database.
run dd report settings
like "$out" '^Overdue threshold: 5%' "the threshold is 5% until set"
like "$out" "Reports due: the period's last day" "and reports are due on the period's last day"
like "$(dd report --period 2024Q2 --unit D1)" 'Submitted: .*; due 2024-06-30$' "which the report names"
if command -v sqlite3 >/dev/null; then
	sqlite3 "$db" "UPDATE submission SET submitted = '2024-06-12T08:00:00Z'"
	like "$(dd report --period 2024Q2 --unit D1)" 'Submitted: 2024-06-12T08:00:00Z  \(on time\)' \
		"submitted on 12/6: on time"
	run dd report settings --deadline-day 10 --threshold 50
	is "$rc" 0 "the deadline day and threshold are set"
	like "$out" "Reports due: day 10 of the period's last month" "and shown"
	like "$(dd report --period 2024Q2 --unit D1)" '\(late by 2 days\); due 2024-06-10$' \
		"now the 12th is 2 days late"
	like "$(dd report --period 2024Q2 --format csv | tr -d '\r' | sed -n 2p)" ',2024-06-10$' \
		"the CSV names the deadline"
	like "$(dd report --period 2024Q2 --format csv | tr -d '\r' | sed -n 's/^D1,//p')" ',2$' \
		"and D1's row its 2 days late"
else
	skip 6 "no sqlite3 shell to date the submission"
fi
dd report settings --deadline-day 31 >/dev/null
like "$(dd report --period 2024Q2 --unit D1)" 'due 2024-06-30$' "day 31 is June's last, the 30th"
# Q2 overdue: R 100%, D3 50% (its quarterly task), the others none.
flagged() { dd report --period 2024Q2 --format csv "$@" | tr -d '\r' | sed -n 's/^\(R\|D3\),\([^,]*,\)\{9\}\([01]\).*/\1=\3/p' | tr '\n' ' '; }
is "$(flagged)" "D3=1 R=1 " "at the default 5% both units with overdue tasks are flagged"
dd report settings --threshold 100 >/dev/null
is "$(flagged)" "D3=0 R=1 " "at 100% only the unit with every task overdue"
is "$(flagged --threshold 50)" "D3=1 R=1 " "--threshold overrides the setting for one report"
dd report settings --threshold 0 --deadline-day end >/dev/null
like "$(dd report settings)" "Overdue threshold: 0%" "set back"
run dd report settings --deadline-day 0
is "$rc" 2 "day 0 is refused"
like "$err" "--deadline-day '0': give a day from 1 to 31, or end" "saying what to give"
run dd report --period 2024Q2 --deadline-day 5
is "$rc" 2 "--deadline-day outside settings is refused"
like "$err" "is a setting" "saying where it belongs"
if command -v sqlite3 >/dev/null; then
	sqlite3 "$db" "UPDATE setting SET value = 'x5' WHERE key = 'report_threshold'"
	run dd report --period 2024Q2
	is "$rc" 1 "a damaged setting stops the report"
	like "$err" "setting report_threshold: 'x5' is not a number" "naming the setting and its value"
	dd report settings --threshold 5 >/dev/null
	like "$(dd report settings)" "Overdue threshold: 5%" "and setting it again mends it"
else
	skip 3 "no sqlite3 shell"
fi

# A period with no task still says which calendar counts it.
db="$tmp/only-reporting.db"
dd unit add X "Tỉnh X" --kind province >/dev/null
dd unit use X >/dev/null
dd plan add --title "KH" --number 9/KH --years 2024 >/dev/null
dd plan calendar 9/KH reporting
dd task add --plan 9/KH --title "Hạn cuối tháng 6" --due 2024-06-30 --lead X >/dev/null
run dd report --period 2024Q2
like "$(printf '%s\n' "$out" | sed -n 1p)" '\(2024-03-15 to 2024-06-14\)$' \
	"an empty period on the reporting calendar covers its days"
like "$(printf '%s\n' "$out" | sed -n 3p)" '^Calendar: reporting periods' "and says which calendar"
like "$(printf '%s\n' "$out" | sed -n 4p)" '^Not submitted yet; due 2024-06-14$' \
	"and that its report is due on the 14th of the period's last month"

# Overdue is judged at the period's cut-off: a task done after it, even if
# recorded before the report is made, is overdue in that period's report and
# done late in the next. On the reporting calendar the cut-off is the 14th.
db="$tmp/cutoff.db"
dd unit add C "Tỉnh C" --kind province >/dev/null
dd unit use C >/dev/null
dd plan add --title "Lịch quý" --number 1/Q --years 2024 >/dev/null
dd plan add --title "Lịch kỳ báo cáo" --number 2/R --years 2024 >/dev/null
dd plan calendar 2/R reporting
dd task add --plan 1/Q --number 1 --title "Hạn 28/6" --due 2024-06-28 --lead C >/dev/null
dd task add --plan 2/R --number 1 --title "Hạn 10/6" --due 2024-06-10 --lead C >/dev/null
for p in 1/Q 2/R; do
	tid=$(dd list --plan $p --json | sed -n 's/.*"id":\([0-9]*\),.*/\1/p')
	dd set "$tid" --period 2024Q3 --status done --completed 2024-07-05 >/dev/null
done
is "$(counts --period 2024Q2)" "2,0,0,0,0,0,2,0,100.0" \
	"done on 5/7 (recorded by 15/7): both overdue at Q2's cut-offs, 30/6 and 14/6"
is "$(counts --period 2024Q3)" "2,0,2,0,0,0,0,0,0.0" "and done late in Q3"

done_testing
