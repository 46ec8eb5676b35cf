# cli_errors.sh - every way the command line can be misused or meet a bad
# file: the exit code (1 error, 2 usage), a message that names the file or
# value, and a database left exactly as it was.
. "$top_srcdir/tests/lib.sh"

db="$tmp/d.db"
dd() { "$DONDOC" --db "$db" "$@"; }
dd unit add KH "Tỉnh Khánh Hòa" --kind province
dd unit add SNV "Sở Nội vụ" --parent KH
dd unit use KH
dd plan add --number 1/KH --title "Kế hoạch" --years 2024 >/dev/null
dd task add --plan 1 --title "Việc" --due 2024-06-30 --lead SNV >/dev/null
cp "$db" "$tmp/before.db"
unchanged() { cmp -s "$db" "$tmp/before.db"; ok $? "$1: the database is unchanged"; }

run "$DONDOC" --frobnicate
is "$rc" 2 "an unknown option is a usage error"
is "$err" "dondoc: unknown option '--frobnicate'; see 'dondoc --help'" "and says which"
run "$DONDOC" frobnicate
is "$rc" 2 "an unknown command is a usage error"
run "$DONDOC"
is "$rc" 2 "no command is a usage error"
run dd unit add ONLYCODE
is "$rc" 2 "a missing argument is a usage error"
like "$err" '^dondoc: usage: dondoc unit add CODE NAME' "and shows the usage"
run dd list --limit lots
is "$rc" 2 "a non-number limit is a usage error"
run dd set 1 --progress 150
is "$rc" 2 "progress over 100 is a usage error"
run dd list --lang fr
is "$rc" 2 "an unknown language is a usage error"
run dd list --help
is "$rc" 0 "a command's --help"
like "$out" '^Usage: dondoc list' "prints its usage"

run "$DONDOC" --db "$tmp/missing/dir/x.db" unit add A "A"
is "$rc" 1 "a database in a missing directory is an error"
is "$err" "dondoc: $tmp/missing/dir/x.db: the directory $tmp/missing/dir does not exist" \
	"naming the directory"
ok "$(test -e "$tmp/missing"; echo $((1 - $?)))" "which is not created"
run "$DONDOC" --db "$tmp/none.db" list
is "$rc" 1 "listing a database that does not exist is an error"
like "$err" 'none.db: no such database' "naming it"
ok "$(test -e "$tmp/none.db"; echo $((1 - $?)))" "and it is not created"
run "$DONDOC" --db "$tmp" list
like "$err" 'is a directory' "a directory is not a database"

run dd list --period 2024Q5
is "$rc" 1 "a bad period is an error"
is "$err" "dondoc: period '2024Q5': write a quarter as YYYYQN, such as 2024Q2" "with the syntax"
run dd set 1 --unit SNV --period Q2-2024 --status done
is "$rc" 1 "set with a bad period is an error"
unchanged "bad period"
run dd show 999
is "$rc" 1 "an unknown id is an error"
is "$err" "dondoc: no task with id '999'" "naming the id"
run dd set 999 --status done
is "$rc" 1 "setting an unknown id is an error"
run dd set 1 --unit NOPE --status done
is "$err" "dondoc: no unit with code 'NOPE' (see 'dondoc unit list')" "an unknown unit is named"
run dd set 1 --status finished
is "$err" "dondoc: status 'finished': use todo, doing, done or blocked" "a bad status is named"
run dd set 1 --unit SNV --status done --completed 2024-02-30
like "$err" "completion date '2024-02-30'" "an impossible date is named"
run dd set 1 --unit SNV --evidence "no number here"
like "$err" "evidence 'no number here': give the document's number" "evidence needs a number"
run dd set 1 --unit SNV --evidence "1/BC" --evidence-file "$tmp/nothing.pdf"
like "$err" "nothing.pdf: cannot read the evidence file" "a missing evidence file is named"
run dd task add --plan 1 --title "X" --start 2024-07-01 --due 2024-06-01
like "$err" "the start date 2024-07-01 is after the due date 2024-06-01" "dates in order"
run dd unit add "A B" "Name"
like "$err" "unit code 'A B'" "a bad unit code is named"
unchanged "refused changes"

# A damaged file: reported, and left alone for recovery.
head -c 3000 "$tmp/before.db" > "$tmp/cut.db"
cp "$tmp/cut.db" "$tmp/cut-copy.db"
run "$DONDOC" --db "$tmp/cut.db" list
is "$rc" 1 "a truncated database is an error"
like "$err" 'cut.db: the database file is damaged' "saying it is damaged"
cmp -s "$tmp/cut.db" "$tmp/cut-copy.db"
ok $? "the damaged file is left as it was"
printf 'this is not a database at all, just some text that is long enough\n%.0s' \
	$(seq 1 100) > "$tmp/text.db"
run "$DONDOC" --db "$tmp/text.db" unit add A A
is "$rc" 1 "a text file is not a database"
like "$err" 'text.db: the database file is damaged' "and is reported as such"

# A database from a newer dondoc is refused, not downgraded.
if command -v sqlite3 >/dev/null 2>&1; then
	cp "$tmp/before.db" "$tmp/newer.db"
	sqlite3 "$tmp/newer.db" 'PRAGMA user_version = 99'
	run "$DONDOC" --db "$tmp/newer.db" list
	is "$rc" 1 "a newer database is an error"
	like "$err" 'newer dondoc \(schema 99' "saying which schema"
else
	ok 0 "# SKIP sqlite3 is not installed"
	ok 0 "# SKIP sqlite3 is not installed"
fi

# A read-only file: reading works, writing says why. root ignores file
# modes, so as root the commands run as nobody.
chmod 0444 "$db"
chmod 0755 "$tmp"
as_user=""
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	else
		as_user=skip
	fi
fi
if [ "$as_user" != skip ]; then
	run $as_user "$DONDOC" --db "$db" list
	is "$rc" 0 "a read-only database can be listed"
	run $as_user "$DONDOC" --db "$db" set 1 --unit SNV --status done
	is "$rc" 1 "but not changed"
	like "$err" 'd.db: the database is read-only' "saying so"
	unchanged "read-only"
else
	for i in 1 2 3 4; do ok 0 "# SKIP setpriv is missing, and root ignores file modes"; done
fi

done_testing
