#!/bin/sh
# A plan its issuer imports again (--replace gives every row new ids)
# replaces the old one below it when the next plan bundle arrives: the old
# tasks go, unless officers there have already reported on them.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/bundle_world.sh"

world
plan9() {   # plan9 "title of task 2": a small signed plan, as text
	printf '%s\n' "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA" "Số: 9/KH-UBND" \
		"Khánh Hòa, ngày 10 tháng 01 năm 2024" "KẾ HOẠCH" "Thí điểm năm 2024" "" "Phụ lục"
	printf 'TT\tNhiệm vụ\tSản phẩm\tThời gian hoàn thành\tCơ quan chủ trì\n'
	printf 'I\tCẢI CÁCH THỂ CHẾ\n'
	printf '1\tRà soát văn bản\tBáo cáo\tQuý II/2024\tUBND thành phố Nha Trang\n'
	printf '2\t%s\tHội nghị\tQuý III/2024\tUBND thành phố Nha Trang\n' "$1"
}
plans9() { "$@" plan list | grep -c '9/KH-UBND'; }
task_id() { "$1" list --plan 9/KH-UBND --json | sed -n "s/.*\"id\":\([0-9]*\),.*\"number\":\"$2\".*/\1/p"; }

quiet p agency map "UBND thành phố Nha Trang" KH-NT
plan9 "Tập huấn cán bộ" >"$tmp/plan9.txt"
quiet p import --issuer KH "$tmp/plan9.txt"
quiet p bundle export --kind plan -o "$tmp/plan-2.ddb"
quiet d bundle import "$tmp/plan-2.ddb"
quiet d bundle export --kind plan -o "$tmp/plan-nt-2.ddb"
quiet v bundle import "$tmp/plan-nt-2.ddb"
is "$(plans9 d)" 1 "the district has plan 9"
is "$(plans9 v)" 1 "and so has the commune, through the district"
quiet d set "$(task_id d 1)" --status doing --progress 20 --note "Đang rà soát"

# The province corrects the document and imports it again.
plan9 "Tập huấn công chức" >"$tmp/plan9.txt"
run p import --issuer KH --replace "$tmp/plan9.txt"
is "$rc" 0 "the province imports its corrected plan again"
quiet p bundle export --kind plan -o "$tmp/plan-3.ddb"
cp "$tmp/e.db" "$tmp/e0.db"

run d bundle import "$tmp/plan-3.ddb"
is "$rc" 0 "the district imports the new plan bundle"
like "$out" "1 tasks their issuer no longer has were removed" "the old task without records goes"
like "$out" "1 tasks their issuer no longer has were kept: status records here cite them" \
	"the one the district reported on stays, and it is told"
run d list --plan 9/KH-UBND --json
is "$(printf '%s\n' "$out" | grep -c '"title":"Tập huấn cán bộ"')" 0 "the old task 2 is gone"
is "$(printf '%s\n' "$out" | grep -c '"title":"Tập huấn công chức"')" 1 "the new one is there"
like "$out" '"title":"Rà soát văn bản".*"note":"Đang rà soát"' "the reported task keeps its record"
is "$(d list --search "can bo" --json | grep -c 'Tập huấn cán bộ')" 0 "search no longer finds the old task"
run d audit
is "$rc" 0 "the district's audit still matches"

# A third version, after the district reported on the second: both kept
# tasks stay, in order, after the new ones.
quiet d set "$(d list --plan 9/KH-UBND --json | grep -v 'Đang rà soát' |
	sed -n 's/.*"id":\([0-9]*\),.*"number":"1".*/\1/p')" --status done --note "Xong bản 2"
plan9 "Tập huấn viên chức" >"$tmp/plan9.txt"
quiet p import --issuer KH --replace "$tmp/plan9.txt"
quiet p bundle export --kind plan -o "$tmp/plan-4.ddb"
run d bundle import "$tmp/plan-4.ddb"
is "$rc" 0 "the district takes a third version"
like "$out" "2 tasks their issuer no longer has were kept" "keeping the task of each version it reported on"
run d list --plan 9/KH-UBND --json
is "$(printf '%s\n' "$out" | sed -n 's/.*"title":"\([^"]*\)".*"note":"\([^"]*\)".*/\1|\2/p' | tr '\n' ' ')" \
	"Rà soát văn bản|Đang rà soát Rà soát văn bản|Xong bản 2 " "with their records, the older first"
is "$(printf '%s\n' "$out" | grep -c '"title":"Tập huấn viên chức"')" 1 "beside the new tasks"

# The commune had not reported on plan 9: the old plan goes entirely.
quiet d bundle export --kind plan -o "$tmp/plan-nt-3.ddb"
run v bundle import "$tmp/plan-nt-3.ddb"
like "$out" "2 tasks their issuer no longer has were removed" "at the commune both old tasks go"
is "$(plans9 v)" 1 "which keeps one plan 9, not two"
is "$(v list --plan 9/KH-UBND --json | grep -c '"title":"Tập huấn viên chức"')" 1 "the latest version"

# Order does not matter: the older snapshot after the newer changes nothing.
quiet e bundle import "$tmp/plan-3.ddb"
dump "$tmp/e.db" >"$tmp/e-new"
run e bundle import "$tmp/plan-2.ddb"
is "$rc" 0 "an older plan bundle after a newer one is accepted"
dump "$tmp/e.db" >"$tmp/e-after"
cmp -s "$tmp/e-new" "$tmp/e-after"
ok $? "and changes nothing: the old plan does not come back"
is "$(plans9 e)" 1 "one plan 9 at the other district"

done_testing
