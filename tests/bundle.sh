#!/bin/sh
# Signed bundles between a province, a district and its communes: the
# round trip (plans down, delegation, reports relayed up), replay, trust and
# authority refusals, limits, dry runs and the audit of the record log.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/bundle_world.sh"
FORGE=$top_builddir/tests/forge
[ -x "$FORGE" ] || skip_all "tests/forge is not built"
forge() { "$FORGE" "$@" || { echo "tests/forge $1 failed" >&2; exit 1; }; }

world
cp "$tmp/p.db" "$tmp/p0.db"

# Keys: the secret is the owner's alone; a root is pinned only when asked for.
for u in p d v; do
	is "$(stat -c %a "$tmp/keys-$u/dondoc/keys/"*.key)" 600 "the secret key of $u is readable by its owner only"
done
# The seed half of the secret, as text or as bytes, in no file the unit hands out.
seed=$(sed -n 's/^secret //p' "$tmp/keys-v/dondoc/keys/"*.key | cut -c1-64)
leaks=0
for f in "$tmp"/*.db "$tmp"/*.ddb "$tmp"/*.cert "$tmp"/*.pub; do
	if grep -q "$seed" "$f" || od -An -tx1 -v "$f" | tr -d ' \n' | grep -q "$seed"; then
		leaks=$((leaks + 1))
	fi
done
is "$leaks" 0 "and in no database, bundle or key file"
run as z key trust "$tmp/kh.pub" </dev/null
is "$rc" 1 "without --yes and no one to answer, a root is not pinned"
like "$out" 'fingerprint: [0-9a-f]{4}( [0-9a-f]{4}){7}' "after showing its fingerprint"
like "$err" "not trusted: nothing changed" "and saying so"

# 1. Plans down, delegation, statuses, reports up through the district.
run v list --period 2024Q2 --unit KH-NT-VH --json
is "$(printf '%s\n' "$out" | grep -c '"title"')" 2 "the commune sees the two tasks delegated to it"
run v set 1 --status done --note "Đã ban hành quy chế" --evidence "12/QĐ-UBND 15/5/2024"
ok $rc "the commune records a task done"
run v set 2 --status doing --progress 40 --note "Đang thực hiện"
run h set 3 --status blocked --note "Chờ kinh phí"
run h set 2 --status doing --progress 10
run v bundle export --kind report -o "$tmp/r-vh-1.ddb"
ok $rc "the commune exports its report bundle"
like "$out" "report bundle from KH-NT-VH to KH-NT" "addressed to its district by default"
like "$out" "2 status records" "with its two records"
run h bundle export --kind report -o "$tmp/r-ph-1.ddb"
run d bundle import "$tmp/r-vh-1.ddb" "$tmp/r-ph-1.ddb"
ok $rc "the district imports both communes' bundles"
like "$out" "r-vh-1.ddb: applied from KH-NT-VH" "and says what it applied"
run d list --period 2024Q2 --unit KH-NT-VH --json
like "$out" '"status":"done"' "the district sees the commune's record"
run d set 4 --status doing --progress 50
run d bundle export --kind report -o "$tmp/r-nt-1.ddb"
like "$out" "2 relayed" "the district relays its communes' batches"
# The header carries the version of the payloads (9), not the database's
# schema: a local migration does not cut off units that have not upgraded.
is "$(od -An -tu1 -j8 -N2 "$tmp/r-nt-1.ddb" | tr -s ' ')" " 0 9" \
	"the bundle says schema 9, whatever the database's"
run p bundle inspect "$tmp/r-nt-1.ddb"
ok $rc "the province verifies the relayed bundle"
like "$out" "batch from KH-NT-VH" "the commune's batch is in it, under its own signature"
run p bundle import "$tmp/r-nt-1.ddb"
ok $rc "the province imports the district's bundle"
like "$out" "5 status records" "with the district's and both communes' records"
run p list --period 2024Q2 --unit KH-NT-VH --json
like "$out" '"status":"done"' "the province sees the commune's record"
run p show 1 --json
like "$out" "Đã ban hành quy chế" "with its note"
# The province's copy of the commune's records equals the commune's own.
v dump --records | grep "$(v unit list --json | grep '"KH-NT-VH"' | sed 's/.*"id":"\([a-z0-9]*\)".*/\1/')" \
	| sort >"$tmp/vh.rec"
is "$(( $(wc -l <"$tmp/vh.rec") >= 4 ))" 1 "(the commune holds its records and their history)"
p dump --records | sort | grep -F -f "$tmp/vh.rec" >"$tmp/p-vh.rec"
is "$(wc -l <"$tmp/p-vh.rec")" "$(wc -l <"$tmp/vh.rec")" \
	"every record and history row of the commune reached the province unchanged"

# Acknowledgements come down in plan bundles; the next report starts there.
run p bundle export --kind plan --to KH-NT -o "$tmp/plan-kh-2.ddb"
run d bundle import "$tmp/plan-kh-2.ddb"
like "$out" "acknowledgements from KH" "the district learns what the province holds"
run d bundle export --kind report -o "$tmp/r-nt-2.ddb"
like "$out" "0 status records" "and sends nothing it acknowledged again"
run v set 2 --status done
run v bundle export --kind report -o "$tmp/r-vh-2.ddb"
like "$out" "3 status records" "without an acknowledgement the commune sends everything again"
run d bundle import "$tmp/r-vh-2.ddb"
like "$out" "1 status records" "and the district applies only what is new"

# A submitted report travels with its time; the level above sees when it came.
run v report submit --period 2024Q2
ok $rc "the commune submits its report for the quarter"
run v bundle export --kind report -o "$tmp/r-vh-sub.ddb"
run d bundle import "$tmp/r-vh-sub.ddb"
like "$out" "1 submissions" "the submission travels in the next bundle"
run d report --period 2024Q2 --unit KH-NT
like "$(printf '%s\n' "$out" | grep '^  KH-NT-VH ')" \
	'KH-NT-VH +20[0-9-]+T[0-9:]+Z +\(arrived 20[0-9-]+T[0-9:]+Z\)' \
	"the district's report says when the commune submitted and when it arrived"
like "$(printf '%s\n' "$out" | grep '^  KH-NT-VH ')" '\(late by [0-9]+ days\)$' \
	"and that it came after the quarter's deadline"
run v report --period 2024Q2
like "$out" 'Submitted: 20[0-9-]+T[0-9:]+Z  \(late by [0-9]+ days\)' "the commune's own report says so too"
run v report --period 2024Q2 --format csv
like "$(printf '%s\n' "$out" | tr -d '\r' | sed -n 2p)" ',20[0-9-]+T[0-9:]+Z,[1-9][0-9]*,2024-06-30$' \
	"and its CSV counts the days"
run v report submit --period 2099Q1
run v report --period 2099Q1
like "$out" 'Submitted: 20[0-9-]+T[0-9:]+Z  \(on time\)' "a report sent before the deadline is on time"

# 3. Replay: B, C, B is B, C; the second B says so and succeeds.
cp "$tmp/p.db" "$tmp/replay.db"
run p bundle import "$tmp/r-nt-1.ddb"
ok $rc "importing the same bundle again succeeds"
like "$out" "already applied" "and says it was already applied"
run d bundle export --kind report -o "$tmp/r-nt-3.ddb"
run p bundle import "$tmp/r-nt-3.ddb"
run p bundle import "$tmp/r-nt-1.ddb"
like "$out" "already applied" "an older bundle after a newer one changes nothing"
dump "$tmp/p.db" >"$tmp/after-bcb"
"$DONDOC" --db "$tmp/replay.db" bundle import "$tmp/r-nt-3.ddb" >/dev/null
dump "$tmp/replay.db" >"$tmp/after-bc"
cmp -s "$tmp/after-bc" "$tmp/after-bcb"
ok $? "B, C, B gives the database of B, C"

# 8. The record log rebuilds the tables, everywhere.
for u in p d v h; do
	run $u audit
	ok $rc "audit at $u: the record log rebuilds the live tables"
done

# Dry run and inspect change nothing.
run v set 1 --note "Bổ sung kết quả"
run v bundle export --kind report -o "$tmp/r-vh-3.ddb"
dump "$tmp/d.db" >"$tmp/before"
run d bundle import --dry-run "$tmp/r-vh-3.ddb"
like "$out" "would apply from KH-NT-VH" "a dry run says what it would apply"
run d bundle inspect "$tmp/r-vh-3.ddb" --json
like "$out" '"verified":"yes"' "inspect --json says the bundle verifies"
dump "$tmp/d.db" >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after"
ok $? "dry run and inspect change nothing"

# 5. Trust and authority: each refused, logged, nothing written.
refusals() { d bundle log --json | grep -c '"outcome":"refused"'; }
refused() { # FILE PATTERN NAME (imported at the district)
	dump "$tmp/d.db" >"$tmp/before"
	logged=$(refusals)
	run d bundle import --dry-run "$1"
	is "$rc" 1 "$3: a dry run says it would be refused"
	like "$err" "$2" "$3: and why"
	is "$(refusals)" "$logged" "$3: a dry run logs nothing"
	run d bundle import "$1"
	is "$rc" 1 "$3: refused"
	like "$err" "$2" "$3: says why"
	dump "$tmp/d.db" >"$tmp/after"
	cmp -s "$tmp/before" "$tmp/after"
	ok $? "$3: nothing written"
	is "$(refusals)" "$((logged + 1))" "$3: logged"
	like "$(d bundle log --json | tail -n 1)" "\"file\":\"$1\"" "$3: under its file name"
}
gid_of() { p unit list --json | grep "\"$1\"" | sed 's/.*"id":"\([a-z0-9]*\)".*/\1/'; }
key_of() { ls "$tmp/keys-$1/dondoc/keys/"*.key; }
forge raw "$tmp/r-ph-1.ddb" 0 >"$tmp/ph.raw" 2>"$tmp/ph.range"
forge raw "$tmp/r-vh-1.ddb" 0 >"$tmp/vh.raw" 2>"$tmp/vh.range"
to=$(gid_of KH-NT)

sed "s/^unit [a-z0-9]*/unit $(gid_of KH-NT-VH)/" "$(key_of h)" >"$tmp/liar.key"
forge build report "$tmp/liar.key" "$tmp/KH-NT-VH.cert" "$to" 1 9 "$tmp/vh.raw" >"$tmp/wrong-signer.ddb"
refused "$tmp/wrong-signer.ddb" "another key" "a bundle signed by another commune's key"

# A record names its unit only when it is not the sender's own: write one
# that names another unit.
name_unit() { sed -E "s/(6:record,[0-9]+:[0-9]+,0:,26:[0-9a-z]{26},)0:,/\126:$1,/g"; }
name_unit "$(gid_of KH-NT-PH)" <"$tmp/vh.raw" >"$tmp/vh-as-ph.raw"
cmp -s "$tmp/vh.raw" "$tmp/vh-as-ph.raw"
is $? 1 "(the forged payload names another unit)"
sed "s/^unit [a-z0-9]*/unit $(gid_of KH-NT-VH)/" "$(key_of d)" >"$tmp/district-as-vh.key"
forge build report "$tmp/district-as-vh.key" "$tmp/KH-NT-VH.cert" "$to" 1 9 "$tmp/vh.raw" >"$tmp/as-vh.ddb"
refused "$tmp/as-vh.ddb" "another key" "a district signing as its commune"

forge build report "$(key_of v)" "$tmp/KH-NT-VH.cert" "$to" 1 9 "$tmp/vh-as-ph.raw" >"$tmp/other-unit.ddb"
refused "$tmp/other-unit.ddb" "record of unit KH-NT-PH" "a commune writing another unit's records"

name_unit "$(gid_of KH-NT-VH)" <"$tmp/vh.raw" >"$tmp/vh-named.raw"
forge build report "$(key_of d)" "$tmp/KH-NT.cert" - 1 9 "$tmp/vh-named.raw" >"$tmp/as-commune.ddb"
refused "$tmp/as-commune.ddb" "record of unit KH-NT-VH" "a district signing a commune's records as its own"

forge raw "$tmp/plan-nt.ddb" 1 >"$tmp/nt-plan.raw" 2>/dev/null
forge build plan "$(key_of v)" "$tmp/KH-NT-VH.cert" - 5 5 "$tmp/nt-plan.raw" >"$tmp/plan-data.ddb"
refused "$tmp/plan-data.ddb" "another unit" "a commune sending the district's plan data"

forge build report "$(key_of v)" - "$to" 1 9 "$tmp/vh.raw" >"$tmp/uncertified.ddb"
refused "$tmp/uncertified.ddb" "not certified up to a trusted root" "an uncertified key"

quiet d key certify "$tmp/KH-NT-VH.pub" --until 2020-12-31 -o "$tmp/expired.cert"
forge build report "$(key_of v)" "$tmp/expired.cert" "$to" 1 9 "$tmp/vh.raw" >"$tmp/expired.ddb"
refused "$tmp/expired.ddb" "expired on 2020-12-31" "an expired certificate"
run v key install "$tmp/expired.cert"
like "$err" "expired" "and installing an expired certificate is refused"

quiet as x unit add KH "Tỉnh Khánh Hòa (giả)" --kind province
quiet as x unit use KH
quiet as x key init
quiet as x plan add --title "Kế hoạch giả" --number 9/KH-UBND --issuer KH --years 2024
quiet as x bundle export --kind plan -o "$tmp/foreign.ddb"
refused "$tmp/foreign.ddb" "not certified up to a trusted root" "a bundle from a foreign root"

refused "$tmp/r-nt-1.ddb" "addressed to KH, not to KH-NT" "a bundle addressed to another unit"

run v bundle export --kind report -o "$tmp/r-vh-4.ddb"
run h key export -o "$tmp/ph2.pub"
run v key certify "$tmp/ph2.pub" -o "$tmp/x.cert"
like "$err" "not directly below" "a commune cannot certify its neighbour's key"

# 6. Limits: checked before anything is inflated.
truncate -s 65M "$tmp/big.ddb" 2>/dev/null || dd if=/dev/zero of="$tmp/big.ddb" bs=1M count=65 2>/dev/null
refused "$tmp/big.ddb" "larger than the 64 MiB" "an oversized file"
forge build report "$(key_of v)" "$tmp/KH-NT-VH.cert" "$to" 1 9 "$tmp/vh.raw" 1073741824 \
	>"$tmp/declares-1g.ddb"
refused "$tmp/declares-1g.ddb" "declares 1073741824 bytes" "a batch declaring 1 GiB"
dd if=/dev/zero of="$tmp/zeros" bs=1M count=60 2>/dev/null
forge build report "$(key_of v)" "$tmp/KH-NT-VH.cert" "$to" 1 9 "$tmp/zeros" 4096 >"$tmp/bomb.ddb"
is "$(( $(wc -c <"$tmp/bomb.ddb") < 100000 ))" 1 "the bomb is small on disk"
# Bounded memory: under a 200 MB address-space limit the bomb is still
# refused cleanly (sanitizer builds reserve terabytes, so not there).
if grep -q __asan_init "$DONDOC" 2>/dev/null; then
	refused "$tmp/bomb.ddb" "does not decompress to its declared length" "a decompression bomb"
else
	dump "$tmp/d.db" >"$tmp/before"
	run sh -c "ulimit -v 200000; XDG_DATA_HOME='$tmp/keys-d' '$DONDOC' --db '$tmp/d.db' bundle import '$tmp/bomb.ddb'"
	is "$rc" 1 "a decompression bomb: refused within 200 MB of memory"
	like "$err" "does not decompress to its declared length" "a decompression bomb: says why"
	dump "$tmp/d.db" >"$tmp/after"
	cmp -s "$tmp/before" "$tmp/after"
	ok $? "a decompression bomb: nothing written"
fi
forge build report "$(key_of v)" "$tmp/KH-NT-VH.cert" "$to" 1 9 "$tmp/vh.raw" 0 99 \
	>"$tmp/newer.ddb"
refused "$tmp/newer.ddb" "newer dondoc \\(schema 99" "a bundle from a newer schema"

run d bundle log --json
like "$out" '"outcome":"refused"' "the import log lists refusals"
like "$out" '"outcome":"applied"' "and imports"

# Pending: a commune's bundle carried straight to the province, before the
# district's delegation reached it, waits; the delegation applies it.
run v bundle export --kind report --to KH -o "$tmp/r-vh-direct.ddb"
run as p0 bundle import "$tmp/r-vh-direct.ddb"
ok $rc "the province takes a commune's bundle that came past its district"
like "$out" "[0-9]+ entries wait" "its records wait for the delegation"
run as p0 list --period 2024Q2 --unit KH-NT-VH --json
unlike "$out" '"status":"done"' "and count for nothing yet"
run as p0 bundle import "$tmp/r-nt-1.ddb"
like "$out" "status records" "the district's bundle brings the delegation"
run as p0 list --period 2024Q2 --unit KH-NT-VH --json
like "$out" '"status":"done"' "and the waiting records apply"
is "$(dump "$tmp/p0.db" | awk '$1 == "log" && $7 == 0' | wc -l)" 0 "nothing is left waiting"

# The exporter leaves no file that imports when it cannot finish.
run v bundle export --kind report -o "$tmp/no/such/dir/cannot.ddb"
is "$rc" 1 "an export that cannot write fails"
like "$err" "cannot write" "and says so"

# The commune's computer is replaced: a new installation for KH-NT-VH
# whose log starts again at 1. The district refuses entries that reuse
# numbers (taking them would lose one version or the other); once the new
# installation has the district's plan bundle, which says how far the
# district holds the commune's log and vouches for its last entry, its
# entries move past that and go up.
quiet as v2 key trust "$tmp/kh.pub" --yes
quiet as v2 bundle import "$tmp/plan-nt.ddb"
quiet as v2 unit use KH-NT-VH
quiet as v2 key init
quiet as v2 key export -o "$tmp/vh2.pub"
quiet d key certify "$tmp/vh2.pub" -o "$tmp/vh2.cert"
quiet as v2 key install "$tmp/vh2.cert"
quiet as v2 set 1 --status doing --note "Máy mới: nhập lại từ đầu"
quiet as v2 bundle export --kind report -o "$tmp/vh2-early.ddb"
dump "$tmp/d.db" >"$tmp/before"
run d bundle import "$tmp/vh2-early.ddb"
is "$rc" 1 "a reinstalled commune's first report is refused"
like "$err" "log started again on another installation" "because its log numbers are taken"
dump "$tmp/d.db" >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after"
ok $? "and nothing of it is written"
quiet d bundle export --kind plan -o "$tmp/plan-nt-3.ddb"
run as v2 bundle import "$tmp/plan-nt-3.ddb"
ok $rc "the new installation takes the district's plan bundle"
run as v2 bundle export --kind report -o "$tmp/vh2.ddb"
like "$out" "1 status records" "its change now goes up, renumbered"
run d bundle import "$tmp/vh2.ddb"
ok $rc "the district takes it"
run d show 1 --json
like "$out" "Máy mới: nhập lại từ đầu" "the new installation's note is there"
run as v2 audit
ok $rc "the renumbered log still rebuilds the new installation's tables"
run d audit
ok $rc "and the district's"

done_testing
