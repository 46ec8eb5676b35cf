#!/bin/sh
# A multi-file 'bundle import' on a full disk says what became of each file
# as it really is. The files share one transaction (one wait for the disk);
# when the disk fills, SQLite rolls all of it back: the files applied before
# are undone and say so, the one that met the full disk is refused, none is
# tried after it, and the database is exactly as before. With room again,
# the same command applies them all. The disk is a small tmpfs mounted in
# a private mount namespace (root and unshare needed, else skipped).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/bundle_world.sh"

command -v unshare >/dev/null 2>&1 || skip_all "unshare (util-linux) is not installed"
unshare -m sh -c "mount -t tmpfs -o size=1m tmpfs '$tmp'" 2>/dev/null ||
	skip_all "cannot mount a tmpfs in a mount namespace here (not root?)"
python_with nacl.signing || skip_all "PyNaCl is not installed (apt-get install python3-nacl)"

world
quiet h set 3 --status doing --note "Báo cáo thứ nhất"
quiet h bundle export --kind report -o "$tmp/a.ddb"
# The commune's 1,500 changes with long notes: several megabytes to write,
# more than SQLite keeps in memory, so the disk fills in the middle.
"$PY" "$top_srcdir/tests/attack.py" big --db "$tmp/v.db" --keys "$tmp/keys-v" --to KH-NT \
	--count 1500 --size 3000 -o "$tmp/b.ddb" || { echo "Bail out! attack.py big"; exit 1; }
quiet h set 2 --status doing --note "Báo cáo thứ ba"
quiet h bundle export --kind report -o "$tmp/c.ddb"
dump "$tmp/d.db" >"$tmp/before"

# on_small_disk KB FILES...: copy the district's database to a tmpfs with KB
# kilobytes free and import FILES there; $out, $err, $rc as run; the dump
# after in $tmp/after, the import log in $tmp/log.
on_small_disk() {
	free=$1
	shift
	mkdir -p "$tmp/mnt"
	cat >"$tmp/small.sh" <<-'EOS'
	mount -t tmpfs -o size=64m tmpfs "$tmp/mnt" || exit 99
	cp "$tmp/d.db" "$tmp/mnt/d.db"
	avail=$(df -k --output=avail "$tmp/mnt" | tail -n 1)
	dd if=/dev/zero of="$tmp/mnt/fill" bs=1k count=$((avail - free)) 2>/dev/null
	XDG_DATA_HOME=$tmp/keys-d "$DONDOC" --db "$tmp/mnt/d.db" bundle import "$@" \
		>"$tmp/small.out" 2>"$tmp/small.err"
	echo $? >"$tmp/small.rc"
	rm -f "$tmp/mnt/fill"
	"$DONDOC" --db "$tmp/mnt/d.db" dump >"$tmp/after"
	XDG_DATA_HOME=$tmp/keys-d "$DONDOC" --db "$tmp/mnt/d.db" bundle log >"$tmp/log"
	EOS
	tmp=$tmp free=$free DONDOC=$DONDOC unshare -m sh "$tmp/small.sh" "$@"
	out=$(cat "$tmp/small.out") err=$(cat "$tmp/small.err") rc=$(cat "$tmp/small.rc")
}

# The disk fills while the second file is applied.
on_small_disk 1500 "$tmp/a.ddb" "$tmp/b.ddb" "$tmp/c.ddb"
is "$rc" 1 "a full disk in the middle fails the command"
like "$err" "a.ddb: not imported: it was undone when the import failed \(.*disk is full\); import it again" \
	"the file applied before is said to be undone"
like "$err" "b.ddb: .*disk is full \(refused; nothing changed\)" "the file that met the full disk is refused"
like "$err" "c.ddb: not imported: the import stopped at .*b.ddb" "the file after it was not tried"
unlike "$out" "applied from" "no file is said to be applied"
cmp -s "$tmp/before" "$tmp/after"
ok $? "and the database is exactly as before"
unlike "$(cat "$tmp/log")" "  applied .*(a|c).ddb" "the import log records no file as applied"

# The disk fills only when the whole is committed, or not at all: how much
# room that takes depends on SQLite's pages, so try a range. At every size
# the output must be the truth: both files said to be applied and both in
# the database, or neither.
undone=0 truthful=0 sizes=0
for free in 16 24 32 40 48 56 64 80 96 128; do
	sizes=$((sizes + 1))
	on_small_disk $free "$tmp/a.ddb" "$tmp/c.ddb"
	if [ "$rc" -eq 0 ]; then
		printf '%s\n' "$out" | grep -q "a.ddb: applied" &&
			printf '%s\n' "$out" | grep -q "c.ddb: applied" &&
			grep -q "Báo cáo thứ ba" "$tmp/after" && truthful=$((truthful + 1))
	else
		printf '%s\n' "$err" | grep -q "a.ddb: not imported: it was undone" &&
			printf '%s\n' "$err" | grep -q "c.ddb: not imported: it was undone" &&
			undone=$((undone + 1))
		! printf '%s\n' "$out" | grep -q "applied from" && cmp -s "$tmp/before" "$tmp/after" &&
			truthful=$((truthful + 1))
	fi
done
is "$truthful" "$sizes" "at each of $sizes sizes of free room, what is said is what the database holds"
ok $((undone == 0)) "at $undone of them the disk filled at the commit, and both files were said to be undone"

# With room, the same files apply, each said to.
on_small_disk 60000 "$tmp/a.ddb" "$tmp/b.ddb" "$tmp/c.ddb"
is "$rc" 0 "with room the same command succeeds"
like "$out" "a.ddb: applied from KH-NT-PH" "the first file is applied"
like "$(printf '%s\n' "$out" | tr '\n' ' ')" "b.ddb: applied from KH-NT-VH: +1500 status records" "the second, all of it"
like "$(printf '%s\n' "$out" | tr '\n' ' ')" "c.ddb: applied from KH-NT-PH" "the third"
like "$(cat "$tmp/after")" "Báo cáo thứ ba" "and what they carry is in the database"

done_testing
