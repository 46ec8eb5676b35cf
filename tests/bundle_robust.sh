#!/bin/sh
# Bundles under damage, disorder and sudden death: every truncation and
# bit flip refused with the database unchanged; all 120 orders of five
# bundles from three origins give one database; an import killed at 200
# points leaves it exactly before or exactly after.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/bundle_world.sh"
DAMAGE=$top_builddir/tests/damage
[ -x "$DAMAGE" ] || skip_all "tests/damage is not built"

world
v set 1 --status done --note "Đã ban hành" --evidence "12/QĐ-UBND 15/5/2024" >/dev/null
v set 2 --status doing --progress 40 >/dev/null
quiet v bundle export --kind report -o "$tmp/vh-1.ddb"
cp "$tmp/d.db" "$tmp/base.db"

# 2. Damage: in process, every prefix and every single-bit flip.
dump "$tmp/d.db" >"$tmp/before"
"$DAMAGE" "$tmp/d.db" "$tmp/vh-1.ddb" >"$tmp/damage.tap" 2>"$tmp/damage.err"
while read -r status rest; do
	case $status in
	ok) ok 0 "${rest#* - }" ;;
	"not") ok 1 "${rest#ok * - }" ;;
	esac
done <"$tmp/damage.tap"
sed 's/^/# /' "$tmp/damage.err" | head -5
dump "$tmp/d.db" >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after"
ok $? "after $(wc -c <"$tmp/vh-1.ddb") truncations and $(( $(wc -c <"$tmp/vh-1.ddb") * 8 )) flips the dump is byte for byte the same"
run d bundle import "$tmp/vh-1.ddb"
ok $rc "the undamaged bundle still imports"

# 4. Order: five bundles from three origins (the province's plans with its
# acknowledgements, two reports from each commune, the second overlapping
# the first), in all 120 orders.
v set 1 --note "Đã ban hành, đã đăng công báo" >/dev/null
v set 3 --status todo 2>/dev/null
quiet v bundle export --kind report -o "$tmp/vh-2.ddb"
h set 3 --status blocked --note "Chờ kinh phí" >/dev/null
quiet h bundle export --kind report -o "$tmp/ph-1.ddb"
h set 2 --status done >/dev/null
quiet h bundle export --kind report -o "$tmp/ph-2.ddb"
quiet p bundle export --kind plan --to KH-NT -o "$tmp/kh-2.ddb"
set -- "$tmp/vh-1.ddb" "$tmp/vh-2.ddb" "$tmp/ph-1.ddb" "$tmp/ph-2.ddb" "$tmp/kh-2.ddb"
# A fresh district database for each order: the one before any import.
awk 'function perm(s, rest,   i, n, parts) {
	if (rest == "") { print s; return }
	n = split(rest, parts, " ")
	for (i = 1; i <= n; i++) {
		r = ""
		for (j = 1; j <= n; j++) if (j != i) r = r (r == "" ? "" : " ") parts[j]
		perm(s (s == "" ? "" : " ") parts[i], r)
	}
} BEGIN { perm("", "1 2 3 4 5") }' >"$tmp/orders"
is "$(wc -l <"$tmp/orders")" 120 "120 orders"
orders_failed=0 first=""
while read -r a b c e5 f; do
	cp "$tmp/base.db" "$tmp/o.db"
	eval "XDG_DATA_HOME=\$tmp/keys-d \"\$DONDOC\" --db \"\$tmp/o.db\" bundle import \
		\"\${$a}\" \"\${$b}\" \"\${$c}\" \"\${$e5}\" \"\${$f}\"" >/dev/null 2>"$tmp/o.err" ||
		{ orders_failed=$((orders_failed + 1)); sed 's/^/# /' "$tmp/o.err"; }
	dump "$tmp/o.db" >"$tmp/o.dump"
	if [ -z "$first" ]; then
		first=$a$b$c$e5$f
		cp "$tmp/o.dump" "$tmp/first.dump"
	elif ! cmp -s "$tmp/o.dump" "$tmp/first.dump"; then
		orders_failed=$((orders_failed + 1))
		echo "# order $a$b$c$e5$f differs from $first:"
		diff "$tmp/first.dump" "$tmp/o.dump" | head -5 | sed 's/^/#   /'
	fi
done <"$tmp/orders"
is "$orders_failed" 0 "all 120 orders import and give identical dumps"
like "$(grep -c '^record ' "$tmp/first.dump")" '^[1-9]' "and the dump holds the records"
run "$DONDOC" --db "$tmp/o.db" audit
ok $rc "the record log rebuilds the result of the last order"

# 7. SIGKILL during a large import: exactly before or exactly after.
awk 'BEGIN {
	printf "record,ref,section,parent,number,title,output,method,extra,schedule,kind,start,due,recurs,lead,coord,issuer,issued,years\r\n"
	printf "plan,,,,2/KH-UBND,Kế hoạch lớn,,,,,,,,,,,KH,,2024-2024\r\n"
	printf "section,s1,,,I,Phần một,,,,,,,,,,,,,\r\n"
	for (i = 1; i <= 3000; i++)
		printf "task,t%d,s1,,%d,Nhiệm vụ số %d về cải cách thủ tục hành chính,Báo cáo,,,Quý II,date,,2024-06-30,,\"@KH-NT\n@KH-CR\",@KH-NT-VH,,,\r\n", i, i, i
}' >"$tmp/big.csv"
quiet p import --format csv "$tmp/big.csv"
quiet p bundle export --kind plan -o "$tmp/big.ddb"
cp "$tmp/e.db" "$tmp/k-base.db"
dump "$tmp/k-base.db" >"$tmp/k-before"
cp "$tmp/k-base.db" "$tmp/k.db"
start=$(date +%s%N)
XDG_DATA_HOME=$tmp/keys-e "$DONDOC" --db "$tmp/k.db" bundle import "$tmp/big.ddb" >/dev/null
took=$(( ($(date +%s%N) - start) / 1000 ))
dump "$tmp/k.db" >"$tmp/k-after"
echo "# the import takes $took us; killing at 200 points within it"
cmp -s "$tmp/k-before" "$tmp/k-after" && ok 1 "the large import changes the database" ||
	ok 0 "the large import changes the database"
# PRAGMA integrity_check through the sqlite3 shell when it is installed;
# dondoc's own open runs quick_check either way.
SQLITE3=$(command -v sqlite3 || true)
[ -n "$SQLITE3" ] || echo "# sqlite3 shell not installed: relying on dondoc's quick_check on open"
kills_bad=0 before=0 after=0 i=0
while [ $i -lt 200 ]; do
	i=$((i + 1))
	cp "$tmp/k-base.db" "$tmp/k.db"
	rm -f "$tmp/k.db-wal" "$tmp/k.db-shm"
	# Spread the kill points over the import, a little past its end.
	delay=$(awk -v i="$i" -v t="$took" 'BEGIN { srand(i); printf "%.6f", rand() * t * 1.1 / 1000000 }')
	XDG_DATA_HOME=$tmp/keys-e "$DONDOC" --db "$tmp/k.db" bundle import "$tmp/big.ddb" \
		>/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	if [ -n "$SQLITE3" ] && [ "$("$SQLITE3" "$tmp/k.db" 'PRAGMA integrity_check')" != ok ]; then
		kills_bad=$((kills_bad + 1))
		continue
	fi
	check=$("$DONDOC" --db "$tmp/k.db" dump 2>&1) || {
		kills_bad=$((kills_bad + 1))
		printf '%s\n' "$check" | head -n 5 | sed 's/^/# dump: /'
		continue
	}
	printf '%s\n' "$check" >"$tmp/k-now"
	if cmp -s "$tmp/k-now" "$tmp/k-before"; then
		before=$((before + 1))
	elif cmp -s "$tmp/k-now" "$tmp/k-after"; then
		after=$((after + 1))
	else
		kills_bad=$((kills_bad + 1))
		# The first such state, for whoever reads the log.
		[ $kills_bad -gt 1 ] || diff "$tmp/k-before" "$tmp/k-now" | head -n 20 | sed 's/^/# /'
	fi
done
echo "# killed 200 times: $before left it before, $after after"
is "$kills_bad" 0 "after every kill the database opens (integrity checked) and is exactly before or after"

# Killing the exporter: whatever it leaves is the whole bundle or refused.
full=$(wc -c <"$tmp/big.ddb")
export_bad=0 i=0
while [ $i -lt 30 ]; do
	i=$((i + 1))
	rm -f "$tmp/x.ddb" "$tmp/x.ddb.part"
	delay=$(awk -v i="$i" -v t="$took" 'BEGIN { srand(i + 1000); printf "%.6f", rand() * t / 1000000 }')
	XDG_DATA_HOME=$tmp/keys-p "$DONDOC" --db "$tmp/p.db" bundle export --kind plan \
		-o "$tmp/x.ddb" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	for left in "$tmp/x.ddb" "$tmp/x.ddb.part"; do
		[ -e "$left" ] || continue
		if "$DONDOC" --db "$tmp/e.db" bundle inspect "$left" >/dev/null 2>&1 &&
		   [ "$(wc -c <"$left")" -ne "$full" ]; then
			export_bad=$((export_bad + 1))
		fi
	done
done
is "$export_bad" 0 "an exporter killed at 30 points leaves no partial file that verifies"

done_testing
