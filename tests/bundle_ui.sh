#!/bin/sh
# bundle_ui.sh - bundles from the review screen, in a real terminal (tmux):
# a commune exports its report bundle (X), its district imports it (I) and
# sees what changed; a damaged file is refused with the reason on screen.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"
. "$top_srcdir/tests/bundle_world.sh"

world
v set 1 --status done --note "Đã ban hành" >/dev/null
v set 2 --status doing --progress 30 >/dev/null

start() {   # start UNIT-DB
	t kill-server 2>/dev/null
	sleep 0.2
	t new-session -d -x 100 -y 30 -c "$tmp" \
		"env XDG_DATA_HOME='$tmp/keys-$1' TERM=xterm-256color '$DONDOC' --db '$tmp/$1.db' \
		 --period 2024Q2 2>'$tmp/stderr'; sleep 30"
}

start v
wait_for 'Quarter II/2024'
ok $? "the commune's screen opens"
keys X
wait_for 'report bundle \(r\) or a plan bundle \(p\)'
ok $? "X asks which bundle"
keys r Enter
wait_for 'File to write: bao-cao-KH-NT-VH.ddb'
ok $? "and offers a file name"
keys Enter
wait_for 'Written bao-cao-KH-NT-VH.ddb'
ok $? "the bundle is written and the screen says so"
like "$(screen)" '2 status records' "with what it holds"
like "$(screen)" 'Addressed to KH-NT' "and where it goes"
ok "$( [ -s "$tmp/bao-cao-KH-NT-VH.ddb" ]; echo $?)" "the file is there"

start d
wait_for 'Quarter II/2024'
keys I
wait_for 'Bundle file to import:'
ok $? "I asks for a file"
keys "bao-cao-KH-NT-VH.ddb" Enter
wait_for 'Applied bao-cao-KH-NT-VH.ddb from KH-NT-VH'
ok $? "the district's screen says what it applied"
like "$(screen)" '2 status records' "and how much"
run d list --period 2024Q2 --unit KH-NT-VH --json
like "$out" '"status":"done"' "the commune's record is in the district's database"
keys q
keys I
wait_for 'Bundle file to import:'
keys "bao-cao-KH-NT-VH.ddb" Enter
wait_for 'already applied'
ok $? "the same file again: already applied"
printf 'DONDOCB1 not really' >"$tmp/junk.ddb"
keys q
keys I
wait_for 'Bundle file to import:'
keys "junk.ddb" Enter
wait_for 'Refused; nothing changed'
ok $? "a damaged file is refused on screen"
like "$(screen)" 'junk.ddb: not a dondoc bundle' "with the reason"

done_testing
