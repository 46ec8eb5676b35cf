#!/bin/sh
# Attacks from below, written from the attacker's side: tests/attack.py
# builds each bundle byte by byte from the format with the commune's real
# key (and, where the attack needs one, an old certificate of the unit
# above), independent of dondoc's writer. Each must be refused, say why,
# and leave the target's dump exactly as it was. See README, "Security".
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/bundle_world.sh"

python_with nacl.signing || skip_all "PyNaCl is not installed (apt-get install python3-nacl)"

world
# The commune reports, the district relays: a province that has heard from
# both, and a district that has heard from the commune.
quiet v set 1 --status doing --progress 40 --note "Đang soạn thảo"
quiet v bundle export --kind report -o "$tmp/vh-1.ddb"
quiet d bundle import "$tmp/vh-1.ddb"
quiet d set 4 --status doing --note "Huyện đang làm"
quiet d bundle export --kind report -o "$tmp/nt-1.ddb"
quiet p bundle import "$tmp/nt-1.ddb"

# forge ATTACK ARGS...: the commune's attack (its database, its keys).
forge() {
	name=$1
	shift
	if ! "$PY" "$top_srcdir/tests/attack.py" "$name" --db "$tmp/v.db" --keys "$tmp/keys-v" \
		-o "$tmp/attack.ddb" "$@" 2>"$tmp/.forge"; then
		echo "Bail out! attack.py $name failed"
		sed 's/^/# /' "$tmp/.forge"
		exit 1
	fi
}

# refused TARGET WHY NAME: the target imports the forged bundle, refuses it
# saying WHY, and its dump has not changed.
refused() {
	dump "$tmp/$1.db" >"$tmp/before"
	run "$1" bundle import "$tmp/attack.ddb"
	is "$rc" 1 "$3: refused"
	like "$err" "$2" "$3: says why"
	dump "$tmp/$1.db" >"$tmp/after"
	cmp -s "$tmp/before" "$tmp/after"
	ok $? "$3: nothing changed"
}

# 1. Forging the province through a unit that exists nowhere.
forge forge-plan --victim KH
refused d "certificate 1 was issued by unit [0-9a-z]{26}, which is not known here" \
	"a plan 'from the province' chained through an unknown unit, at the district"
refused p "certificate 1 was issued by unit [0-9a-z]{26}, which is not known here" \
	"the same at the province itself"
forge forge-report --victim KH-NT --to KH
refused p "not known here" "a report 'from the district' with a clock of 10^18"
forge sibling --victim KH-NT-PH --task 2 --to KH-NT
refused d "certificate 1 was issued by KH-NT-VH, which is not directly above KH-NT-PH" \
	"a sibling commune's key certified by the attacker"
forge self-signed --to KH-NT
refused d "certificate 1 is signed by its own subject" "a new key that certifies itself"

# 2. Acknowledgements: in a report bundle, from a unit that is not above,
# past the end of the log.
forge acks --kind report --about KH-NT --to KH-NT
refused d "a report bundle carries acknowledgements" "acknowledgements sent up in a report"
forge acks --kind plan --about KH-NT --to KH-NT
dump "$tmp/d.db" >"$tmp/before"
run d bundle import "$tmp/attack.ddb"
dump "$tmp/d.db" >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after"
ok $? "acknowledgements of 2^63-1 from a commune are not the district's business: nothing changes"
run d set 3 --status doing --note "sau cuộc tấn công"
is "$rc" 0 "the district still writes"
run d report submit --period 2024Q2
is "$rc" 0 "and submits"
is "$(sqlite3 "$tmp/d.db" "SELECT group_concat(DISTINCT typeof(seq)) FROM change_log")" integer \
	"its log is numbered in integers"
# From the unit above (its key, as a thief of it would): bounds still hold.
"$PY" "$top_srcdir/tests/attack.py" acks --db "$tmp/d.db" --keys "$tmp/keys-d" --as KH-NT \
	--kind plan --about KH-NT-VH --to KH-NT-VH --upto 4611686018427387904 -o "$tmp/attack.ddb"
refused v "damaged \(acknowledgements\)" "an acknowledgement past 2^40 from the unit above"
"$PY" "$top_srcdir/tests/attack.py" acks --db "$tmp/d.db" --keys "$tmp/keys-d" --as KH-NT \
	--kind plan --about KH-NT-VH --to KH-NT-VH --upto past -o "$tmp/attack.ddb"
refused v "acknowledges entry [0-9]+ of KH-NT-VH's log, which was never sent" \
	"an acknowledgement past the end of the log, vouching for its real last entry"

# 3. Time: an expired certificate with 'created' backdated into its years,
# one not valid yet, a bundle from the future, an old one played again.
forge old-cert --issuer KH-NT --issuer-keys "$tmp/keys-d" --to KH-NT
refused d "certificate 1 expired on 2021-01-01" "an expired certificate, created backdated"
forge old-cert --issuer KH-NT --issuer-keys "$tmp/keys-d" --future --to KH-NT
refused d "certificate 1 is not valid before" "a certificate used before its start"
forge dated --shift 259200 --to KH-NT
refused d "the clock of the computer that made it, or of this one, is wrong" \
	"a bundle made three days from now"
forge dated --shift -86400 --to KH-NT
refused d "before the bundle from KH-NT-VH accepted here already" \
	"an older 'created' than the last bundle accepted from the commune"
run d bundle import "$tmp/vh-1.ddb"
is "$rc" 0 "while the old genuine file played again changes nothing and is not an error"
like "$out" "already applied" "it is already applied"

# 4. Work sent upward.
forge upward --assign KH-NT,KH
refused p "it assigns a task to KH-NT, which is not below it" \
	"the commune's own plan assigned to the district and the province"
refused d "it assigns a task to KH-NT, which is not below it" "the same at the district"

# 5. The disk: a 60 MiB note in a 60 KB file, and a note past the cap.
forge big-note --size 62914560 --to KH-NT
is "$(wc -c <"$tmp/attack.ddb" | awk '$1 < 200000 { print "small" }')" small \
	"the 60 MiB note travels in under 200 KB"
refused d "refused as a compression bomb" "a 60 MiB note"
forge big-note --size 5000 --random --to KH-NT
refused d "field 7 is 5000 bytes long, more than the 4096 it may hold" \
	"a note of 5,000 bytes that does not compress"
run v set 2 --note "$(head -c 5000 /dev/zero | tr '\0' 'a')"
is "$rc" 1 "the commune cannot write such a note either"
like "$err" "note: 5000 bytes long, more than the 4096 it may hold" "and is told the limit"

# 6. Many small batches: linear, and the genuine ones apply.
forge many --count 3000 --to KH-NT
run d bundle import "$tmp/attack.ddb"
is "$rc" 0 "3,000 one-entry batches of the commune's own log import"
like "$out" "3000 status records" "every entry applied"
run d audit
is "$rc" 0 "and the district's log still rebuilds its tables"

done_testing
