#!/bin/sh
# tui.sh - what the review screen costs on a slow link and an old PC: bytes
# written to the terminal per keystroke at 80x24 (../shared/tools/ttybytes.py)
# next to tig on a 2,000-commit repository, time per keystroke and peak
# memory on the synthetic province. Prints figures; judges nothing.
set -eu
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
ttybytes=${TTYBYTES:-$top_srcdir/../shared/tools/ttybytes.py}
ttybytes=$(cd "$(dirname "$ttybytes")" 2>/dev/null && pwd)/$(basename "$ttybytes")
db=${BENCH_DB:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -f "$ttybytes" ] || { echo "tui.sh: $ttybytes not found (set TTYBYTES)"; exit 77; }
command -v python3 >/dev/null || { echo "tui.sh: python3 is needed"; exit 77; }
if [ -z "$db" ]; then
	db="$work/province.db"
	"$top_builddir/tests/bench/gen_province" "$db"
fi

run() {  # run LABEL ttybytes-args... -- command
	label=$1
	shift
	echo "== $label"
	python3 "$ttybytes" --size 24x80 --term xterm-256color --quiet-ms 150 --idle-s 3 \
		--label "$label" "$@" > "$work/out.json"
	python3 - "$work/out.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["startup"]
print("  first screen: %d B in %.0f ms; idle: %s B/s" % (s["bytes"], s["ms"], s["idle_bytes_per_s"]))
for st in d["steps"]:
    print("  %-8s median %5d B (zlib %4d B)  %7.1f ms per key" % (
        st["step"], st["bytes"]["median"], st["zbytes"]["median"], st["ms"]["median"]))
PY
}

export DONDOC_TODAY=2025-05-15
dd="$(cd "$top_builddir" && pwd)/dondoc --db $db --unit KH --period 2025Q2"
# shellcheck disable=SC2086
run "dondoc 80x24 (province, 2025Q2)" --ready 'tasks' -k 'down=j*20' -k 'up=k*20' \
	-k 'scroll=j*30' -k 'page=<PgDn>*10' -k 'quarter=]*4' -k 'back=[*4' \
	-k 'search=/ s o <Enter>' -k 'search3=/ h o a <Space> h o <Enter>' \
	--quit q -- /usr/bin/env time -o "$work/rss" -f '%M' $dd
echo "  peak resident memory: $(cat "$work/rss") KB"
# shellcheck disable=SC2086
run "dondoc --low-bandwidth" --ready 'tasks' -k 'down=j*20' -k 'scroll=j*30' \
	-k 'page=<PgDn>*10' --quit q -- $dd --low-bandwidth

if command -v tig >/dev/null 2>&1 && command -v git >/dev/null 2>&1; then
	repo="$work/repo"
	git init -q "$repo"
	# 2,000 commits through fast-import: seconds, not minutes.
	i=1
	{
		while [ $i -le 2000 ]; do
			printf 'commit refs/heads/master\ncommitter Bench <b@example.invalid> %d +0000\ndata <<EOM\ncommit %d: update the plan\nEOM\nM 644 inline f\ndata <<EOM\n%d\nEOM\n\n' \
				$((1700000000 + i)) $i $i
			i=$((i + 1))
		done
	} | git -C "$repo" fast-import --quiet
	git -C "$repo" checkout -q master 2>/dev/null || true
	(cd "$repo" && run "tig 80x24 (2,000 commits)" --ready 'commit' -k 'down=j*20' \
		-k 'scroll=j*30' -k 'page=<PgDn>*10' --quit q -- tig)
else
	echo "== tig is not installed: apt-get install tig"
fi
