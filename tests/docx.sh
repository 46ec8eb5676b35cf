# docx.sh - importing the Word file the province sends: each sample's .docx
# (made by tests/mkdocx.py with merged section rows, a vertically merged
# lead column, repeated header rows, paragraphs and line breaks in cells,
# automatic numbering, a table split by a page of text) gives exactly the
# tasks, plan and summary of its .txt; a row the text can only guess at
# comes out right; hostile files are refused with the file and why, and
# the database is untouched.
. "$top_srcdir/tests/lib.sh"

samples="$top_srcdir/tests/data/samples"
docx="$top_srcdir/tests/data/docx"
hostile="$docx/hostile"
export DONDOC_TODAY=2024-05-15
# A canonical dump: tasks without their ids, plans without ids and hash.
tasks() { "$DONDOC" --db "$1" list --json | sed 's/"id":[0-9]*,"gid":"[^"]*",//'; }
plans() { "$DONDOC" --db "$1" plan list --json | sed 's/"id":[0-9]*,"gid":"[^"]*",//; s/"hash":"[^"]*"//'; }
units() {
	units_db=$1
	dd() { "$DONDOC" --db "$units_db" "$@"; }
	. "$top_srcdir/tests/import_units.sh" >/dev/null
}

# As python-docx writes them (tests/mkdocx.py), and as LibreOffice writes
# the same documents back (libreoffice/: its own lists, styles, properties).
for file in khanhhoa-2024-cchc ninhthuan-2021-2025-cchc khanhhoa-snv-2024-sipas \
	    khanhhoa-2026-ctr-chuyendoiso libreoffice/khanhhoa-2024-cchc \
	    libreoffice/ninhthuan-2021-2025-cchc libreoffice/khanhhoa-snv-2024-sipas \
	    libreoffice/khanhhoa-2026-ctr-chuyendoiso; do
	name=${file#libreoffice/}
	db=$tmp/$(echo "$file" | tr / -)
	units "$db-txt.db"
	units "$db-docx.db"
	"$DONDOC" --db "$db-txt.db" import "$samples/$name.txt" > "$tmp/txt.summary"
	run "$DONDOC" --db "$db-docx.db" import "$docx/$file.docx"
	is "$rc" 0 "$file.docx imports"
	is "$out" "$(cat "$tmp/txt.summary")" "$file.docx: the summary is the text's"
	tasks "$db-txt.db" > "$tmp/want"
	tasks "$db-docx.db" > "$tmp/got"
	ok "$(test -s "$tmp/want" && cmp -s "$tmp/want" "$tmp/got"; echo $?)" \
		"$file.docx: every task (number, title, section, schedule, lead) is the text's"
	diff "$tmp/want" "$tmp/got" | cut -c1-300 | head -6 | sed 's/^/# /'
	is "$(plans "$db-docx.db")" "$(plans "$db-txt.db")" \
		"$file.docx: number, date, issuer, title and years are the text's"
done

# What the fixtures hold, so the equality above is about Word's structures
# (needs python3 to look inside the zip).
if python_with zipfile; then
	count() {
		"$PY" -c 'import sys, zipfile
x = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()
print(x.count(sys.argv[2]))' "$@"
	}
	cchc="$docx/khanhhoa-2024-cchc.docx"
	ok "$(test "$(count "$cchc" '<w:gridSpan')" -ge 5; echo $?)" "the fixture has merged section rows"
	ok "$(test "$(count "$cchc" '<w:vMerge/>')" -ge 3; echo $?)" "and a vertically merged lead column"
	ok "$(test "$(count "$cchc" '<w:numPr>')" -ge 50; echo $?)" "and automatic numbers"
	ok "$(test "$(count "$cchc" '<w:tblHeader/>')" -ge 2; echo $?)" "and repeating header rows"
	ok "$(test "$(count "$cchc" '<w:br/>')" -ge 5; echo $?)" "and line breaks in cells"
	ok "$(test "$(count "$cchc" '<w:tbl>')" -ge 3; echo $?)" "and the table split by text"
else
	skip 6 "python3 not installed"
fi

# A row cut by a page break after its title: the text reader cannot tell
# its second part from an unnumbered row; Word's row is whole.
cont="$tmp/cont"
for ext in txt docx; do
	"$DONDOC" --db "$cont-$ext.db" unit add KH "Ủy ban nhân dân tỉnh Khánh Hòa" --kind province >/dev/null
	"$DONDOC" --db "$cont-$ext.db" unit add KH-STP "Sở Tư pháp" --parent KH --kind department >/dev/null
	"$DONDOC" --db "$cont-$ext.db" unit use KH >/dev/null
	"$DONDOC" --db "$cont-$ext.db" import "$docx/continuation.$ext" >/dev/null
done
two() { "$DONDOC" --db "$1" list --json | grep '"number":"2"'; }
like "$(two "$cont-txt.db")" '"schedule":\{"text":"","kind":"unknown"' \
	"the text file loses task 2's schedule at the page break"
like "$(two "$cont-docx.db")" '"output":"Quy chế được ban hành".*"text":"Quý II/2024".*"lead":\[\{"unit":"KH-STP"' \
	"the .docx gives task 2 its output, schedule and lead"
is "$("$DONDOC" --db "$cont-docx.db" list --json | grep -c '"number":')" 3 "and no extra task"

# What Word files hold beyond the samples (tests/mkdocx.py, structures()):
# title rows above the header, a two-paragraph header cell, a row of column
# numbers, a section without a number, a lead merged down sub-rows, a task
# on two rows with a second lead, a note across the table, tracked
# changes, a field, a text box (its text once, not twice), a table in a
# cell, a list going on after a page of text. The listing was reviewed
# line by line.
units "$tmp/s.db"
run env DONDOC_TODAY=2025-02-01 "$DONDOC" --db "$tmp/s.db" import --dry-run "$docx/structures.docx"
printf '%s\n' "$out" > "$tmp/structures.dry-run"
ok "$(cmp -s "$top_srcdir/tests/golden/docx-structures.dry-run" "$tmp/structures.dry-run"; echo $?)" \
	"structures.docx: every section and task as reviewed"
diff "$top_srcdir/tests/golden/docx-structures.dry-run" "$tmp/structures.dry-run" | head -20 | sed 's/^/# /'

# The header most plans use: "Cơ quan thực hiện" over "Chủ trì" and "Phối
# hợp", other labels merged down both rows, a row of column numbers; a row
# starting one grid column in (gridBefore), a cell holding a no-break space.
run env DONDOC_TODAY=2025-02-01 "$DONDOC" --db "$tmp/s.db" import --dry-run "$docx/two-level-header.docx"
printf '%s\n' "$out" > "$tmp/two.dry-run"
ok "$(cmp -s "$top_srcdir/tests/golden/docx-two-level-header.dry-run" "$tmp/two.dry-run"; echo $?)" \
	"two-level-header.docx: lead and coordinators from the two-row header, as reviewed"
diff "$top_srcdir/tests/golden/docx-two-level-header.dry-run" "$tmp/two.dry-run" | head -20 | sed 's/^/# /'

# Found by content, not by name.
cp "$docx/khanhhoa-2024-cchc.docx" "$tmp/plan.txt"
units "$tmp/byname.db"
run "$DONDOC" --db "$tmp/byname.db" import --dry-run "$tmp/plan.txt"
like "$out" '61 tasks' "a .docx named .txt is read as Word"

# Hostile files, and files that are not a .docx: refused with the file and
# why, nothing written.
units "$tmp/h.db"
"$DONDOC" --db "$tmp/h.db" import "$samples/khanhhoa-2024-cchc.txt" >/dev/null
before=$(tasks "$tmp/h.db"; plans "$tmp/h.db")
while IFS='|' read -r file why; do
	run "$DONDOC" --db "$tmp/h.db" import "$hostile/$file"
	is "$rc" 1 "$file is refused"
	like "$err" "$hostile/$file: .*$why" "$file: $why"
done <<'EOF'
bomb.docx|word/document.xml inflates to [0-9]+ bytes, more than 64 MiB
bomb-lying.docx|word/document.xml inflates to more than 64 MiB
deep.docx|word/document.xml at line 1: elements nested too deeply
entities.docx|a document type declaration \(DTD\), which Word never writes: refused
external.docx|a document type declaration \(DTD\)
merged-bomb.docx|the document's text is too large
traversal.docx|entry named "\.\./\.\./\.\./tmp/dondoc-owned" outside its folder
missing.docx|a zip archive without word/document.xml: not a Word document
truncated.docx|a damaged zip archive
not-xml.docx|word/document.xml at line 1: 
encrypted.docx|protected by a password
old-word.doc|a Word 97-2003 file \(.doc\): .*save it as Word Document \(.docx\)
scan.pdf|a PDF file: .*save it as .docx
writer.odt|an OpenDocument file \(.odt\): .*save it as Word Document \(.docx\)
nested-lists.docx|no tasks found
EOF
is "$(tasks "$tmp/h.db"; plans "$tmp/h.db")" "$before" "the database is as it was"
ok "$(test ! -e /tmp/dondoc-owned; echo $?)" "nothing was written where the traversal name points"

# The committed fixtures are what tests/mkdocx.py makes (python3-docx).
if python_with docx; then
	"$PY" "$top_srcdir/tests/mkdocx.py" "$samples" "$tmp/regen"
	same=0
	for f in $(cd "$docx" && find . -path ./libreoffice -prune -o -type f -print | sort); do
		cmp -s "$docx/$f" "$tmp/regen/$f" || { same=1; echo "# differs: $f"; }
	done
	ok "$same" "tests/mkdocx.py remakes the committed fixtures byte for byte"
else
	skip 1 "python3-docx not installed (the fixtures are committed)"
fi

done_testing
