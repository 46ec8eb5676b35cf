# report.sh - the period report on a fixed database (the Khánh Hòa 2024 plan
# and scripted status records): text and CSV match the reviewed goldens, the
# counts agree with dondoc list --json, and ranges, empty periods and bad
# input behave.
. "$top_srcdir/tests/lib.sh"

golden="$top_srcdir/tests/golden"
db="$tmp/d.db"
dd() { "$DONDOC" --db "$db" "$@"; }
. "$top_srcdir/tests/import_units.sh" >/dev/null
dd import "$top_srcdir/tests/data/samples/khanhhoa-2024-cchc.txt" >/dev/null
dd unit use KH
export DONDOC_TODAY=2024-07-15
dd set 6 --unit KH-SKHDT --period 2024Q2 --status done --completed 2024-06-20 \
	--evidence "15/BC-SKHDT 20/06/2024"
dd set 7 --unit KH-SKHDT --period 2024Q2 --status done --completed 2024-07-05
dd set 22 --unit KH-SNV --period 2024Q2 --status blocked --note "Chờ hướng dẫn của Bộ Nội vụ"
dd set 4 --unit KH-STP --period 2024Q2 --status doing --progress 50
dd set 1 --unit KH-STP --period 2024Q1 --status doing --progress 80 --note "Đang rà soát"

for f in text csv html; do
	run dd report --period 2024Q2 --unit KH --format $f
	is "$rc" 0 "report --format $f"
	printf '%s\n' "$out" > "$tmp/report.$f"
	if cmp -s "$golden/report-2024Q2.$f" "$tmp/report.$f"; then
		ok 0 "the $f report is as reviewed"
	else
		ok 1 "the $f report is as reviewed"
		diff "$golden/report-2024Q2.$f" "$tmp/report.$f" | sed 's/^/# /' | head -20
	fi
done

# The counts agree with dondoc list for the same filter (one unit's tasks).
for s in overdue done; do
	want=$(dd list --period 2024Q2 --unit KH-STP --status $s --json | wc -l)
	got=$(dd report --period 2024Q2 --unit KH-STP --format csv | sed -n 's/^all,//p' |
		awk -F, -v s=$s '{ print s == "done" ? $2 + $3 : $7 }')
	is "$got" "$want" "report and list agree on $s tasks of KH-STP"
done
want=$(dd list --period 2024Q2 --unit KH-STP --json | wc -l)
got=$(dd report --period 2024Q2 --unit KH-STP --format csv | sed -n 's/^all,\([0-9]*\),.*/\1/p')
is "$got" "$want" "and on the number of tasks"

grep -q '<script' "$tmp/report.html"
ok $((1 - $?)) "the HTML report has no script"
grep -q 'Chờ hướng dẫn của Bộ Nội vụ' "$tmp/report.html"
ok $? "and carries the notes"

# A note of several lines stays under its task in the text report.
dd set 22 --unit KH-SNV --period 2024Q2 --status blocked \
	--note "$(printf 'Chờ hướng dẫn của Bộ Nội vụ\nDự kiến tháng 8')"
run dd report --period 2024Q2 --unit KH
printf '%s\n' "$out" | grep -A1 'last note: Chờ hướng dẫn' | tail -n 1 > "$tmp/next"
is "$(cat "$tmp/next")" "        Dự kiến tháng 8" "a multi-line note is indented under its task"

run dd report --period 2024H1 --unit KH
like "$out" 'first 6 months of 2024 \(2024-01-01 to 2024-06-30\)' "a half year"
run dd report --period 2024Q1-2024Q3 --unit KH
like "$out" 'first 9 months of 2024 \(2024-01-01 to 2024-09-30\)' "nine months"
run dd report --period 2024 --unit KH --format csv
like "$out" '^summary,2024,2024-01-01,2024-12-31,KH' "a year"
run dd report --period 2030Q1 --unit KH --format csv
like "$out" '^all,0,0,0,0,0,0,0,0,0.0' "a period with no tasks counts nothing"
run dd report --period 2024Q3-2024Q1
is "$rc" 1 "a backwards range is refused"
like "$err" "period '2024Q3-2024Q1'" "naming it"
run dd report --period 2024Q2 --unit KH --format pdf
is "$rc" 2 "an unknown format is a usage error"
run dd report --period 2024Q2 --unit KH --bom --format csv -o "$tmp/r.csv"
is "$(head -c 3 "$tmp/r.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" "--bom for office software"

done_testing
