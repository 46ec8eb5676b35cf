#!/bin/sh
# run.sh - build the synthetic province and time what officers will do on
# it. Prints figures; judges nothing. The database is a temporary file; set
# BENCH_DB to keep it, or to reuse one that exists (generating takes minutes).
set -eu
top_builddir=${top_builddir:-.}
db=${BENCH_DB:-$(mktemp -d)/province.db}
dondoc="$top_builddir/dondoc"

if [ ! -s "$db" ]; then
	echo "== generate ($db)"
	"$top_builddir/tests/bench/gen_province" "$db"
fi
ls -l "$db"

timed() {
	label=$1
	shift
	/usr/bin/env time -f "$label: %e s, %M KB peak" "$@" >/dev/null
}

echo "== queries (wall time, peak resident memory)"
export DONDOC_TODAY=2025-11-15
timed "first open of the day (integrity check, migration)" "$dondoc" --db "$db" unit use KH
timed "open + unit list" "$dondoc" --db "$db" unit list
timed "list one quarter, province (text)" "$dondoc" --db "$db" list --period 2025Q2
timed "list one quarter, first 50 rows" "$dondoc" --db "$db" list --period 2025Q2 --limit 50
timed "list one quarter, one commune" "$dondoc" --db "$db" list --period 2025Q2 --unit X0101
timed "list overdue, one district" "$dondoc" --db "$db" list --period 2025Q4 --unit H03 --status overdue
timed "search 'so hoa' (folded)" "$dondoc" --db "$db" list --search "so hoa" --limit 50
timed "list one quarter, province (JSON)" "$dondoc" --db "$db" list --period 2025Q2 --json
timed "report, province, one quarter (text)" "$dondoc" --db "$db" report --period 2025Q2 --unit KH
timed "report, province, one quarter (CSV)" "$dondoc" --db "$db" report --period 2025Q2 --unit KH --format csv
timed "report, province, the year" "$dondoc" --db "$db" report --period 2025 --unit KH
timed "set one status" "$dondoc" --db "$db" set 100 --unit KH --period 2021Q2 --status doing

echo "== a programme written as paragraphs: 3,000 dash items under 120 agency headings"
prose=$(mktemp -d)
awk 'BEGIN {
	print "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
	print "Số: 9/CTr-UBND\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\nThử năm 2026\n\nII. NHIỆM VỤ, GIẢI PHÁP\n"
	for (a = 1; a <= 30; a++) {
		printf "%d. Lĩnh vực %d\n\n", a, a
		for (l = 0; l < 4; l++) {
			printf "%c) Sở Nội vụ chủ trì, phối hợp các Sở: Tài chính, Tư pháp:\n\n", 97 + l
			for (i = 1; i <= 25; i++)
				printf "- Nhiệm vụ %d.%d.%d: rà soát văn bản quy phạm pháp luật; hoàn thành trước ngày 30/6/2026.\n", a, l, i
		}
	}
}' >"$prose/p.txt"
timed "import a 3,000-task prose programme (new database)" "$dondoc" --db "$prose/p.db" import "$prose/p.txt"
rm -rf "$prose"
