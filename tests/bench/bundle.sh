#!/bin/sh
# bundle.sh - sizes and speed of bundles on the synthetic province: a
# commune's quarterly report bundle next to the same records as gzipped
# CSV, a 200-task plan bundle, and the province importing a quarter's 160
# report bundles. Prints figures; judges nothing. BENCH_DB as for run.sh.
set -eu
top_builddir=${top_builddir:-.}
dondoc="$top_builddir/dondoc"
db=${BENCH_DB:-$(mktemp -d)/province.db}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DONDOC_TODAY=2026-03-14

if [ ! -s "$db" ]; then
	echo "== generate ($db)"
	"$top_builddir/tests/bench/gen_province" "$db"
fi
"$dondoc" --db "$db" unit list >/dev/null   # migrate and check once, untimed

echo "== a quarter of report bundles (2026Q1), one per unit"
cp "$db" "$work/units.db"
[ ! -e "$db-wal" ] || cp "$db-wal" "$work/units.db-wal"
/usr/bin/env time -f "made in %e s, %M KB peak" \
	"$top_builddir/tests/bench/bundle_bench" "$work/units.db" "$work" 2026Q1 | tee "$work/made"
root=$(sed -n 's/.*root key: //p' "$work/made")
bundle=$(sed -n 's/^commune bundle: \([^,]*\),.*/\1/p' "$work/made")
records=$(sed -n 's/^commune bundle: [^,]*, \([0-9]*\) records.*/\1/p' "$work/made")
csv_gz=$(gzip -9 -c "$work/commune.csv" | wc -c)
echo "commune report bundle, $records records with notes and evidence: $(wc -c <"$bundle") B"
echo "the same records as CSV: $(wc -c <"$work/commune.csv") B, gzip -9: $csv_gz B"
echo "all bundles: $(ls "$work"/b-*.ddb | wc -l) files, $(cat "$work"/b-*.ddb | wc -c) B"

echo "== the province imports them"
cp "$db" "$work/prov.db"
[ ! -e "$db-wal" ] || cp "$db-wal" "$work/prov.db-wal"
"$dondoc" --db "$work/prov.db" key trust "$root" --yes >/dev/null
"$dondoc" --db "$work/prov.db" unit use "$(basename "$root" .pub)"
/usr/bin/env time -f "import of 160 bundles (one process): %e s wall, %M KB peak" \
	"$dondoc" --db "$work/prov.db" bundle import "$work"/b-*.ddb >"$work/imported" 2>"$work/time" ||
	{ cat "$work/time"; exit 1; }
cat "$work/time"
echo "applied: $(grep -c 'applied from' "$work/imported") bundles;" \
	"$(sed -n 's/^  \([0-9]*\) status records.*/\1/p' "$work/imported" | paste -sd+ | bc) records"
/usr/bin/env time -f "the same again (all already applied): %e s" \
	"$dondoc" --db "$work/prov.db" bundle import "$work"/b-*.ddb >/dev/null

echo "== a 200-task plan bundle"
awk 'BEGIN {
	printf "record,ref,section,parent,number,title,output,method,extra,schedule,kind,start,due,recurs,lead,coord,issuer,issued,years\r\n"
	printf "plan,,,,200/KH-UBND,Kế hoạch cải cách hành chính năm 2026,,,,,,,,,,,KH,2026-01-05,2026-2026\r\n"
	for (s = 1; s <= 7; s++) printf "section,s%d,,,%d,Phần %d,,,,,,,,,,,,,\r\n", s, s, s
	for (i = 1; i <= 200; i++)
		printf "task,t%d,s%d,,%d,Rà soát; đánh giá thủ tục hành chính thuộc lĩnh vực số %d trên địa bàn tỉnh,Báo cáo kết quả,Lồng ghép,,Quý %d năm 2026,quarter,,2026-%02d-%02d,,@KH-NT,@KH-CR,,,\r\n", i, i % 7 + 1, i, i, i % 4 + 1, (i % 4 + 1) * 3, 28
}' >"$work/plan200.csv"
export XDG_DATA_HOME="$work/plankeys"
p() { "$dondoc" --db "$work/plan.db" "$@" >/dev/null; }
p unit add KH "Tỉnh Khánh Hòa" --kind province
p unit add KH-NT "Thành phố Nha Trang" --parent KH --kind district
p unit add KH-CR "Thành phố Cam Ranh" --parent KH --kind district
p unit use KH
p key init
p import --format csv "$work/plan200.csv"
"$dondoc" --db "$work/plan.db" bundle export --kind plan -o "$work/plan200.ddb" | head -2
echo "200-task plan bundle: $(wc -c <"$work/plan200.ddb") B (the plan as CSV: $(wc -c <"$work/plan200.csv") B, gzip -9: $(gzip -9 -c "$work/plan200.csv" | wc -c) B)"

# What an attacker from below can make the district do (tests/attack.py,
# which needs PyNaCl): a bundle of 65,535 one-entry batches, the most the
# format counts, and whether 10,000 batches stored slow the next import.
PY=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import nacl.signing' 2>/dev/null; then PY=$p; break; fi
done
if [ -z "$PY" ]; then
	echo "== many batches: skipped (PyNaCl is not installed: apt-get install python3-nacl)"
	exit 0
fi
top_srcdir=${top_srcdir:-.}
tmp="$work/world"
mkdir -p "$tmp"
DONDOC=$dondoc
export DONDOC_TODAY=2024-05-20
. "$top_srcdir/tests/bundle_world.sh"
world >/dev/null
cp "$tmp/d.db" "$tmp/d-empty.db"
attack() { "$PY" "$top_srcdir/tests/attack.py" many --db "$tmp/v.db" --keys "$tmp/keys-v" --to KH-NT "$@"; }
echo "== one bundle of many one-entry batches, from the commune to the district"
for n in 4000 16000 65535; do
	attack --count "$n" -o "$work/many-$n.ddb"
	cp "$tmp/d-empty.db" "$tmp/d.db"
	/usr/bin/env time -f "$n batches ($(wc -c <"$work/many-$n.ddb") B): %e s wall, %M KB peak" \
		env XDG_DATA_HOME="$tmp/keys-d" "$dondoc" --db "$tmp/d.db" bundle import \
		"$work/many-$n.ddb" 2>&1 >/dev/null | tail -n 1
done
echo "== 20 one-entry reports from the commune, on an empty district and after 10,000 stored batches"
# ordinary DB FIRST: import 20 one-batch bundles in a row into DB, the first
# numbered FIRST; the time each took.
ordinary() {
	i=0
	while [ "$i" -lt 20 ]; do
		attack --count 1 --start $(($2 + i)) -o "$work/one-$i.ddb"
		i=$((i + 1))
	done
	# One command (the database opened and checked once, a cost that grows
	# with the file, not with the batches), in the order they were made.
	set -- "$1"
	i=0
	while [ "$i" -lt 20 ]; do
		set -- "$@" "$work/one-$i.ddb"
		i=$((i + 1))
	done
	db=$1
	shift
	start=$(date +%s.%N)
	XDG_DATA_HOME="$tmp/keys-d" "$dondoc" --db "$db" bundle import "$@" >/dev/null
	end=$(date +%s.%N)
	start1=$(date +%s.%N)
	"$dondoc" --db "$db" unit list >/dev/null
	end1=$(date +%s.%N)
	echo "$start $end $start1 $end1" | awk '{ printf "%.2f ms a file (20 in one command of %.0f ms; opening the database alone %.0f ms)\n", ($2 - $1 - ($4 - $3)) / 20 * 1000, ($2 - $1) * 1000, ($4 - $3) * 1000 }'
	rm -f "$work"/one-*.ddb
}
cp "$tmp/d-empty.db" "$work/d-a.db"
echo "empty: $(ordinary "$work/d-a.db" 1)"
attack --count 10000 -o "$work/many-10000.ddb"
cp "$tmp/d-empty.db" "$work/d-b.db"
XDG_DATA_HOME="$tmp/keys-d" "$dondoc" --db "$work/d-b.db" bundle import "$work/many-10000.ddb" >/dev/null
echo "after 10,000 stored batches ($(sqlite3 "$work/d-b.db" 'SELECT count(*) FROM batch') in the table):" \
	"$(ordinary "$work/d-b.db" 10001)"
