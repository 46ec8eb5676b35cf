# import.sh - importing the three real plans: plan metadata, sections,
# tasks, schedules and agencies match the reviewed expectations in
# tests/golden/; other encodings of the same text import the same; bad
# documents are refused with the file and line and change nothing.
. "$top_srcdir/tests/lib.sh"

samples="$top_srcdir/tests/data/samples"
golden="$top_srcdir/tests/golden"
db="$tmp/d.db"
dd() { "$DONDOC" --db "$db" "$@"; }
# The task list without the ids that differ from run to run.
tasks() { "$DONDOC" --db "$1" list --plan "$2" --json | sed 's/"id":[0-9]*,"gid":"[^"]*",//'; }
fresh() {
	rm -f "$db"
	. "$top_srcdir/tests/import_units.sh" >/dev/null
}

fresh
for s in khanhhoa-2024-cchc:3409/QĐ-UBND:KH ninhthuan-2021-2025-cchc:465/QĐ-UBND:NT \
	 khanhhoa-snv-2024-sipas:2255/KH-SNV:KH-SNV; do
	name=${s%%:*}
	rest=${s#*:}
	plan=${rest%%:*}
	issuer=${rest#*:}
	run dd import "$samples/$name.txt"
	is "$rc" 0 "$name imports"
	printf '%s\n' "$out" > "$tmp/$name.summary"
	if cmp -s "$golden/$name.summary" "$tmp/$name.summary"; then
		ok 0 "$name: the summary is as reviewed"
	else
		ok 1 "$name: the summary is as reviewed"
		diff "$golden/$name.summary" "$tmp/$name.summary" | sed 's/^/# /' | head -20
	fi
	run dd plan list --json
	like "$(printf '%s\n' "$out" | grep "\"number\":\"$plan\"")" "\"issuer\":\"$issuer\"" \
		"$name: issued by $issuer"
	tasks "$db" "$plan" > "$tmp/$name.jsonl"
	if cmp -s "$golden/$name.jsonl" "$tmp/$name.jsonl"; then
		ok 0 "$name: every task, schedule and agency is as reviewed"
	else
		ok 1 "$name: every task, schedule and agency is as reviewed"
		diff "$golden/$name.jsonl" "$tmp/$name.jsonl" | cut -c1-300 | sed 's/^/# /' | head -20
	fi
done

# The plan metadata the headings give.
run dd plan list --json
like "$out" '"number":"3409/QĐ-UBND","issuer":"KH","issued":"2023-12-29","title":"Kế hoạch cải cách hành chính tỉnh Khánh Hòa năm 2024","start_year":2024,"end_year":2024' \
	"Khánh Hòa 2024: number, date, title, year"
like "$out" '"number":"465/QĐ-UBND","issuer":"NT","issued":"2022-08-16","title":"Kế hoạch cải cách hành chính nhà nước tỉnh Ninh Thuận giai đoạn 2021 - 2025","start_year":2021,"end_year":2025' \
	"Ninh Thuận 2021-2025: number from the appendix line, the period from the title"
like "$out" '"number":"2255/KH-SNV","issuer":"KH-SNV","issued":null,.*"start_year":2024' \
	"Sở Nội vụ 2024: an undated plan keeps its year"

# Importing again does not duplicate.
run dd import "$samples/khanhhoa-2024-cchc.txt"
is "$rc" 1 "importing the same plan again is refused"
like "$err" 'plan 3409/QĐ-UBND is already present .*--replace' "saying so and offering --replace"
run dd import --replace "$samples/khanhhoa-2024-cchc.txt"
is "$rc" 0 "--replace imports it again"
run dd plan list
is "$(printf '%s\n' "$out" | grep -c '3409/QĐ-UBND')" 1 "still one such plan"
task=$(dd list --plan 3409/QĐ-UBND --json | head -1 | sed 's/^{"id":\([0-9]*\).*/\1/')
dd set "$task" --unit KH-STP --period 2024Q1 --status doing
run dd import --replace "$samples/khanhhoa-2024-cchc.txt"
is "$rc" 1 "--replace is refused once officers have reported on the plan"
like "$err" 'already has 1 status records' "saying why"

# Other encodings of the same text give the same tasks. Letters the legacy
# code pages lack (curly quotes, dashes) are transliterated on the way, so
# those compare with their own UTF-8 twin.
nfd="$top_builddir/tests/to_nfd"
for name in khanhhoa-2024-cchc ninhthuan-2021-2025-cchc khanhhoa-snv-2024-sipas; do
	plan=$(grep -m1 -o '"plan":"[^"]*"' "$golden/$name.jsonl" | cut -d'"' -f4)
	for enc in cp1258:CP1258 nfd:NFD tcvn3:TCVN5712-1 viscii:VISCII; do
		label=${enc%%:*}
		iconv_name=${enc#*:}
		src="$samples/$name.txt"
		case $label in
		nfd) "$nfd" < "$src" > "$tmp/doc.$label" ;;
		cp1258) iconv -f UTF-8 -t CP1258 "$src" > "$tmp/doc.$label" ;;
		*) iconv -f UTF-8 -t "$iconv_name//TRANSLIT" "$src" > "$tmp/doc.$label"
		   iconv -f "$iconv_name" -t UTF-8 "$tmp/doc.$label" > "$tmp/twin.txt"
		   src="$tmp/twin.txt" ;;
		esac
		fresh
		dd import "$src" >/dev/null
		tasks "$db" "$plan" > "$tmp/want.jsonl"
		fresh
		run dd import "$tmp/doc.$label"
		like "$out" "read as ${label%nfd}" "$name in $label: detected"
		tasks "$db" "$plan" > "$tmp/got.jsonl"
		cmp -s "$tmp/want.jsonl" "$tmp/got.jsonl"
		ok $? "$name in $label: the same tasks"
	done
done

# Bad documents: refused with the file and line, the database untouched.
fresh
cp "$db" "$tmp/before.db"
unchanged() { cmp -s "$db" "$tmp/before.db"; ok $? "$1: nothing was written"; }
: > "$tmp/empty.txt"
run dd import "$tmp/empty.txt"
is "$err" "dondoc: $tmp/empty.txt: the file is empty" "an empty file"
head -c 2000 "$DONDOC" > "$tmp/binary.txt"
run dd import "$tmp/binary.txt"
like "$err" "binary.txt:[0-9]+: a NUL byte" "a binary file"
printf 'KẾ HOẠCH\n\nNo table here.\n' > "$tmp/notable.txt"
run dd import "$tmp/notable.txt"
like "$err" "notable.txt: no tasks found: neither a task table" "a document with no table nor numbered tasks"
{ sed -n '1,170p' "$samples/khanhhoa-2024-cchc.txt"; printf '99\tA\tB\tQuý I/2024\tSở Nội vụ\tone too many\n'; } > "$tmp/extra.txt"
run dd import "$tmp/extra.txt"
is "$err" "dondoc: $tmp/extra.txt:171: row has 6 cells, header has 5" "a row with more cells than the header"
{ sed -n '1,168p' "$samples/khanhhoa-2024-cchc.txt"; printf '\377\376 broken\n'; } > "$tmp/bad.txt"
run dd import --encoding utf-8 "$tmp/bad.txt"
like "$err" "bad.txt:169: invalid UTF-8" "invalid bytes for the chosen encoding"
run dd import --encoding klingon "$tmp/bad.txt"
is "$rc" 2 "an unknown encoding is a usage error"
unchanged "bad documents"
run dd import --dry-run "$samples/khanhhoa-2024-cchc.txt"
like "$out" '^Would import 3409/QĐ-UBND' "--dry-run says what it would import"
unchanged "--dry-run"

# An agency no unit matches is mapped once: the tasks already imported are
# linked, and later imports of that province resolve it too.
fresh
dd import "$samples/khanhhoa-2024-cchc.txt" >/dev/null
run dd agency list
like "$out" '^ +2  Sở Y tế$' "agency list shows the names that match no unit"
dd unit add KH-SYT "Sở Y tế Khánh Hòa" --parent KH --kind department
run dd agency map "so y te" KH-SYT
is "$out" "'so y te' is KH-SYT from now on; 2 assignments linked" "agency map links what was imported"
run dd agency list
unlike "$out" 'Sở Y tế' "the name is no longer unresolved"
# A phrase that names many units is not mapped onto one without a word.
run dd agency map "Ủy ban nhân dân các huyện, thị xã, thành phố" KH-CR
is "$rc" 1 "agency map of a group phrase onto one district: refused"
like "$err" "names many units, not one: .*give --force" "saying why and how to insist"
run dd agency map "UBND các xã thuộc huyện" KH-CR
is "$rc" 1 "a plural phrase the directory does not know: refused too"
run dd agency map --force "UBND các xã thuộc huyện" KH-CR
is "$rc" 0 "with --force it is mapped"
run dd list --search "kham benh" --json
like "$out" '"lead":\[\{"unit":"KH-SYT","name":"Sở Y tế Khánh Hòa"\}\]' "the task now has the unit as lead"
run dd import --replace "$samples/khanhhoa-2024-cchc.txt"
unlike "$out" 'Sở Y tế' "importing again resolves the mapped name"
run dd import "$samples/ninhthuan-2021-2025-cchc.txt"
like "$out" '    Sở Y tế' "but not in another province"

# CSV: export, import into another database, export again: the same file,
# the same tasks.
fresh
dd import "$samples/ninhthuan-2021-2025-cchc.txt" >/dev/null
run dd export --format csv --plan 465/QĐ-UBND -o "$tmp/a.csv"
is "$rc" 0 "export --format csv"
like "$(head -2 "$tmp/a.csv")" '^record,ref,section,parent,number,title' "the CSV has its header"
tasks "$db" 465/QĐ-UBND | sed 's/"parent":[0-9]*/"parent":P/' > "$tmp/before.jsonl"
fresh
run dd import --format csv "$tmp/a.csv"
is "$rc" 0 "import --format csv"
dd export --format csv -o "$tmp/b.csv"
cmp -s "$tmp/a.csv" "$tmp/b.csv"
ok $? "exported again, the CSV is byte for byte the same"
tasks "$db" 465/QĐ-UBND | sed 's/"parent":[0-9]*/"parent":P/' > "$tmp/after.jsonl"
cmp -s "$tmp/before.jsonl" "$tmp/after.jsonl"
ok $? "and so are the tasks, schedules and agencies"
run dd import --format csv "$tmp/a.csv"
like "$err" 'already present' "importing the CSV twice is refused"
printf 'a,b\n' > "$tmp/other.csv"
run dd import --format csv "$tmp/other.csv"
like "$err" 'other.csv:1: 2 fields; a dondoc plan CSV has 19' "a foreign CSV is refused"
{ head -1 "$tmp/a.csv"; printf 'plan,,,,1/KH,T,,,,,,,,,,,NOBODY,,2024-2024\r\n'; } > "$tmp/nobody.csv"
run dd import --format csv "$tmp/nobody.csv"
like "$err" "nobody.csv:2: no unit with code 'NOBODY'" "an unknown issuer is named with its line"
{ head -3 "$tmp/a.csv"; printf 'task,t1,s1,,1,"unterminated\r\n'; } > "$tmp/cut.csv"
cp "$db" "$tmp/before.db"
run dd import --format csv --replace "$tmp/cut.csv"
like "$err" 'cut.csv:4: a quoted field is not closed' "a cut CSV is refused with its line"
unchanged "a cut CSV"

# The user's agency directory is read within a limit: a link to an endless
# device is refused with its name, and the import goes on with the rest.
mkdir -p "$XDG_CONFIG_HOME/dondoc"
ln -s /dev/zero "$XDG_CONFIG_HOME/dondoc/agencies.txt"
fresh
run timeout 60 "$DONDOC" --db "$db" import "$samples/khanhhoa-2024-cchc.txt"
is "$rc" 0 "an agency directory that never ends does not stop the import"
like "$err" "agencies.txt: larger than the 4 MiB it may be" "it is named and said to be too large"
rm "$XDG_CONFIG_HOME/dondoc/agencies.txt"
fresh

# The summary speaks Vietnamese too.
if [ -f "$DONDOC_LOCALEDIR/vi/LC_MESSAGES/dondoc.mo" ]; then
	run dd --lang vi import "$samples/khanhhoa-2024-cchc.txt"
	like "$out" 'mục, .* nhiệm vụ' "the summary in Vietnamese"
else
	ok 0 "# SKIP the Vietnamese catalogue was not built"
fi

done_testing
