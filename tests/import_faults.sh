#!/bin/sh
# import_faults.sh - a document import that meets a full disk says the disk
# is full, not that the document is wrong on some line, and leaves the
# database as it was. The disk is a small tmpfs in a private mount
# namespace (root and unshare needed, else skipped).
. "$top_srcdir/tests/lib.sh"

command -v unshare >/dev/null 2>&1 || skip_all "unshare (util-linux) is not installed"
unshare -m sh -c "mount -t tmpfs -o size=1m tmpfs '$tmp'" 2>/dev/null ||
	skip_all "cannot mount a tmpfs in a mount namespace here (not root?)"

db="$tmp/d.db"
"$DONDOC" --db "$db" unit add KH "Tỉnh Khánh Hòa" --kind province >/dev/null
"$DONDOC" --db "$db" unit use KH >/dev/null
"$DONDOC" --db "$db" dump >"$tmp/before"
# A programme of 2,000 long tasks: megabytes to write.
awk 'BEGIN {
	print "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
	print "Số: 99/CTr-UBND\n\nKhánh Hòa, ngày 20 tháng 01 năm 2026\n"
	print "CHƯƠNG TRÌNH HÀNH ĐỘNG\nThử đĩa đầy năm 2026\n\nII. NHIỆM VỤ, GIẢI PHÁP\n"
	print "1. Thể chế\n\na) Sở Tư pháp:\n"
	for (i = 1; i <= 2000; i++) {
		printf "- Nhiệm vụ %d: rà soát", i
		for (k = 0; k < 40; k++)
			printf " văn bản quy phạm pháp luật"
		print "; hoàn thành trước ngày 30/6/2026."
	}
}' >"$tmp/big.txt"

cat >"$tmp/small.sh" <<'EOS'
mount -t tmpfs -o size=64m tmpfs "$tmp/mnt" || exit 99
cp "$tmp/d.db" "$tmp/mnt/d.db"
avail=$(df -k --output=avail "$tmp/mnt" | tail -n 1)
dd if=/dev/zero of="$tmp/mnt/fill" bs=1k count=$((avail - 300)) 2>/dev/null
"$DONDOC" --db "$tmp/mnt/d.db" import "$tmp/big.txt" >"$tmp/small.out" 2>"$tmp/small.err"
echo $? >"$tmp/small.rc"
rm -f "$tmp/mnt/fill"
"$DONDOC" --db "$tmp/mnt/d.db" dump >"$tmp/after"
EOS
mkdir -p "$tmp/mnt"
tmp=$tmp DONDOC=$DONDOC unshare -m sh "$tmp/small.sh"
is "$(cat "$tmp/small.rc")" 1 "an import onto a full disk fails"
like "$(cat "$tmp/small.err")" "disk is full" "saying the disk is full"
unlike "$(cat "$tmp/small.err")" "big.txt:[0-9]+:" "not blaming a line of the document"
cmp -s "$tmp/before" "$tmp/after"
ok $? "and the database is as it was"

done_testing
