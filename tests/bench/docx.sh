#!/bin/sh
# docx.sh - import time and peak memory for a Word plan of 3,000 task rows
# (120 merged section rows, a vertically merged lead on every other row,
# automatic numbers, two paragraphs in each result cell), against the same
# plan as text. Prints figures; judges nothing. Needs python3 to zip.
set -eu
top_builddir=${top_builddir:-.}
dondoc="$top_builddir/dondoc"
rows=${ROWS:-3000}
command -v python3 >/dev/null || { echo "docx.sh: python3 is needed to build the file"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

W='xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
awk -v rows="$rows" -v W="$W" -v txt="$work/plan.txt" 'BEGIN {
	c = "<w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>"
	printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document %s><w:body>", W
	printf "<w:p><w:r><w:t>ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA</w:t></w:r></w:p>"
	printf "<w:p><w:r><w:t>Số: 1/KH-UBND</w:t></w:r></w:p>"
	printf "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>"
	printf "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>Cải cách hành chính năm 2025</w:t></w:r></w:p>"
	printf "<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>"
	printf c c c c c "</w:tr>", "STT", "Nhiệm vụ", "Kết quả", "Thời gian", "Cơ quan chủ trì"
	print "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA\nSố: 1/KH-UBND\n\nKẾ HOẠCH\nCải cách hành chính năm 2025\n" > txt
	print "STT\tNhiệm vụ\tKết quả\tThời gian\tCơ quan chủ trì" > txt
	split("I II III IV V VI VII VIII IX X", roman, " ")
	for (i = 1; i <= rows; i++) {
		if ((i - 1) % 25 == 0) {
			s = int((i - 1) / 25) + 1
			printf "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"5\"/></w:tcPr><w:p><w:r><w:t>%s LĨNH VỰC SỐ %d</w:t></w:r></w:p></w:tc></w:tr>", roman[(s - 1) % 10 + 1], s
			printf "%s\tLĨNH VỰC SỐ %d\t\t\t\n", roman[(s - 1) % 10 + 1], s > txt
			n = 0
		}
		n++
		lead = (n % 2) ? "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>Sở Nội vụ</w:t></w:r></w:p></w:tc>" \
			       : "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
		printf "<w:tr><w:tc><w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"%d\"/></w:numPr></w:pPr></w:p></w:tc>", s
		printf c, "Nhiệm vụ số " i ": rà soát, số hóa hồ sơ thủ tục hành chính và công khai kết quả giải quyết trên Cổng dịch vụ công của tỉnh"
		printf "<w:tc><w:p><w:r><w:t>- Báo cáo kết quả</w:t></w:r></w:p><w:p><w:r><w:t>- Quyết định phê duyệt</w:t></w:r></w:p></w:tc>"
		printf c "%s</w:tr>", "Quý " roman[(i % 4) + 1] "/2025", lead
		printf "%d\tNhiệm vụ số %d: rà soát, số hóa hồ sơ thủ tục hành chính và công khai kết quả giải quyết trên Cổng dịch vụ công của tỉnh\t- Báo cáo kết quả<br>- Quyết định phê duyệt\tQuý %s/2025\tSở Nội vụ\n", n, i, roman[(i % 4) + 1] > txt
	}
	printf "</w:tbl></w:body></w:document>"
}' > "$work/document.xml"
awk -v sections=$(((rows + 24) / 25)) -v W="$W" 'BEGIN {
	printf "<?xml version=\"1.0\"?><w:numbering %s><w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%%1\"/></w:lvl></w:abstractNum>", W
	for (s = 1; s <= sections; s++)
		printf "<w:num w:numId=\"%d\"><w:abstractNumId w:val=\"1\"/></w:num>", s
	printf "</w:numbering>"
}' > "$work/numbering.xml"
python3 - "$work" <<'PY'
import sys, zipfile
w = sys.argv[1]
with zipfile.ZipFile(w + "/plan.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.write(w + "/document.xml", "word/document.xml")
    z.write(w + "/numbering.xml", "word/numbering.xml")
PY

echo "== a Word plan of $rows task rows ($(wc -c < "$work/plan.docx") bytes zipped, document.xml $(wc -c < "$work/document.xml") bytes)"
for f in plan.docx plan.txt; do
	for db in "$work/$f.db" "$work/$f.dry.db"; do
		"$dondoc" --db "$db" unit add KH "Tỉnh Khánh Hòa" --kind province >/dev/null
		"$dondoc" --db "$db" unit use KH >/dev/null
	done
	/usr/bin/env time -f "dry run $f (reading only): %e s, %M KB peak" \
		"$dondoc" --db "$work/$f.dry.db" import --dry-run "$work/$f" >/dev/null
	/usr/bin/env time -f "import $f: %e s, %M KB peak" "$dondoc" --db "$work/$f.db" import "$work/$f" |
		sed -n 3p
done
