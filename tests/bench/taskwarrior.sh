#!/bin/sh
# taskwarrior.sh - dondoc's quarter lists side by side with Taskwarrior's
# filtered list on 10,000 tasks (Debian's taskwarrior package), the anchor
# the state and list work is measured against. Prints figures; judges
# nothing. Without `task` it says so and exits 0 (a benchmark, not a test).
#
# Each figure is the median wall time of RUNS runs (default 15) of the whole
# process, start included, as an officer would wait for it, with the files
# already in the page cache (the first run warms it and is not counted).
set -eu
top_builddir=${top_builddir:-.}
dondoc="$top_builddir/dondoc"
db=${BENCH_DB:-}
runs=${RUNS:-15}

if ! command -v task >/dev/null 2>&1; then
	echo "taskwarrior.sh: 'task' is not installed (apt-get install taskwarrior); no comparison"
	exit 0
fi
if [ -z "$db" ] || [ ! -s "$db" ]; then
	db=$(mktemp -d)/province.db
	echo "== generate ($db)"
	"$top_builddir/tests/bench/gen_province" "$db"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# median_ms CMD...: the median of $runs wall times, in milliseconds.
median_ms() {
	"$@" >/dev/null 2>&1 || true
	i=0
	while [ $i -lt "$runs" ]; do
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1 || true
		e=$(date +%s%N)
		echo $(((e - s) / 1000))
		i=$((i + 1))
	done | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }'
}

# 10,000 pending tasks over 200 projects (one per commune), due through
# 2025: the shape of a district's year in Taskwarrior's own terms.
export TASKRC="$tmp/taskrc" TASKDATA="$tmp/task"
mkdir -p "$TASKDATA"
printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nhooks=off\ngc=off\n' \
	"$TASKDATA" >"$TASKRC"
awk 'BEGIN {
	srand(1); printf "["
	for (i = 1; i <= 10000; i++) {
		printf "%s{\"uuid\":\"%08x-0000-4000-8000-%012x\",\"status\":\"pending\",", \
			(i > 1 ? "," : ""), i, i
		printf "\"description\":\"Nhiem vu %d: so hoa ho so thu tuc hanh chinh\",", i
		printf "\"project\":\"X%02d%02d\",\"entry\":\"20250101T000000Z\",", \
			int(rand() * 10) + 1, int(rand() * 20) + 1
		printf "\"due\":\"2025%02d28T000000Z\"}", int(rand() * 12) + 1
	}
	printf "]"
}' >"$tmp/tasks.json"
task import "$tmp/tasks.json" >/dev/null 2>&1

export DONDOC_TODAY=2025-11-15
tw_one=$(median_ms task project:X0101 due.after:2025-03-31 due.before:2025-07-01 list)
tw_all=$(median_ms task due.after:2025-03-31 due.before:2025-07-01 list)
dd_one=$(median_ms "$dondoc" --db "$db" list --period 2025Q2 --unit X0101)
dd_dist=$(median_ms "$dondoc" --db "$db" list --period 2025Q2 --unit H03)
dd_all=$(median_ms "$dondoc" --db "$db" list --period 2025Q2)
base=$(median_ms /bin/true)

echo "== Taskwarrior $(task --version) and dondoc, median of $runs runs (ms, process start included)"
printf '%-58s %8s\n' "process start on this machine (/bin/true)" "$base"
printf '%-58s %8s\n' "task: one project's quarter of 10,000 tasks" "$tw_one"
printf '%-58s %8s\n' "task: the quarter of 10,000 tasks" "$tw_all"
printf '%-58s %8s\n' "dondoc: one commune's quarter (100,000 tasks, 1M records)" "$dd_one"
printf '%-58s %8s\n' "dondoc: one district's quarter" "$dd_dist"
printf '%-58s %8s\n' "dondoc: the province's quarter" "$dd_all"
awk -v tw="$tw_one" -v dd="$dd_one" 'BEGIN {
	printf "commune against task: 1/%.1f of its time (target 1/20)\n", tw / dd }'
