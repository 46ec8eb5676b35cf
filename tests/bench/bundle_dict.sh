#!/bin/sh
# bundle_dict.sh - print the zlib preset dictionary of bundles (C string
# lines for core/bundle_dict.h) from the sample plan documents: the word
# sequences that recur in them, the commonest last (zlib reaches the end of
# a dictionary most cheaply), then the skeleton of record-log entries.
# Run once when the dictionary is deliberately changed: bundles written with
# one dictionary do not read with another (the format letter must change).
# usage: bundle_dict.sh SAMPLE...
set -eu
cat "$@" | tr '\t' ' ' | awk '
{
	n = split($0, w, / +/)
	for (i = 1; i <= n; i++) {
		p = w[i]
		for (k = 1; k <= 3 && i + k <= n; k++) {
			p = p " " w[i + k]
			if (length(p) >= 8 && p !~ /[0-9]/)
				count[p]++
		}
	}
}
END {
	for (p in count)
		if (count[p] >= 4)
			printf "%d\t%s\n", count[p] * length(p), p
}' | sort -n | tail -n 180 | cut -f2 | awk '
BEGIN { total = 0 }
{ lines[NR] = $0 " " }
END {
	for (i = 1; i <= NR; i++) {
		s = lines[i]
		gsub(/\\/, "\\\\", s)
		gsub(/"/, "\\\"", s)
		printf "\t\"%s\"\n", s
	}
	# The entries themselves, commonest last.
	printf "\t\"Báo cáo số /BC-UBND ngày tháng năm Đã hoàn thành Đang thực hiện Chưa thực hiện \"\n"
	printf "\t\"Đã triển khai, đang chờ kinh phí; vướng mắc khó khăn đề xuất \"\n"
	printf "\t\"10:submission,7:blocked,4:todo,1:0,0:,5:doing,4:done,3:100,1:0,,0:,26:6:record,\"\n"
}'
