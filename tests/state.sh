#!/bin/sh
# state.sh - one truth for the numbers: a task's state is defined once
# (core/state.c) and list, show, the grid and the report agree on it. The
# three cases of issue 12 by name, then a reconciler over random records
# on the real plans (tests/state_reconcile.py, fixed seeds).
. "$top_srcdir/tests/lib.sh"

. "$top_srcdir/tests/state_world.sh"
cp "$db" "$tmp/fresh.db"

# counts UNIT PERIOD: the report's all-row (total, on time, late, in progress,
# not started, blocked, overdue, no date).
counts() { dd report --format csv --unit "$1" --period "$2" | tr -d '\r' | sed -n 's/^all,//p' | cut -d, -f1-8; }
# state ID UNIT PERIOD: the task's state as list --json gives it.
state() {
	dd list --unit "$2" --period "$3" --json |
		sed -n "s/^{\"id\":$1,.*\"state\":\"\([a-z-]*\)\"}\$/\1/p"
}

# 1. "Doing 40%" in Q1 and nothing since: still in progress in Q2, in the
# list, the detail and the report alike.
id=$(dd list --unit KH-SNV --period 2024Q2 --json | grep '"kind":"continuous"' | head -n 1 |
	sed 's/^{"id":\([0-9]*\),.*/\1/')
[ -n "$id" ] || echo "Bail out! no continuous task of KH-SNV in 2024Q2"
before=$(counts KH-SNV 2024Q2)
dd set "$id" --unit KH-SNV --period 2024Q1 --status doing --progress 40 >/dev/null
is "$(state "$id" KH-SNV 2024Q1)" in-progress "doing 40% in Q1: in progress in Q1"
is "$(state "$id" KH-SNV 2024Q2)" in-progress "and still in progress in Q2's list"
run dd list --unit KH-SNV --period 2024Q2
like "$(printf '%s\n' "$out" | grep "^$id ")" "in progress" "the text list says so too"
after=$(counts KH-SNV 2024Q2)
is "$(echo "$after" | cut -d, -f4)" "$(( $(echo "$before" | cut -d, -f4) + 1 ))" \
	"the Q2 report counts one more in progress"
is "$(echo "$after" | cut -d, -f5)" "$(( $(echo "$before" | cut -d, -f5) - 1 ))" \
	"and one fewer not started"
run dd report --unit KH-SNV --period 2024Q3 --format csv
is "$(state "$id" KH-SNV 2024Q3)" in-progress "in Q3 too: the year's records speak"
is "$(state "$id" KH-SNV 2025Q1 | head -n 1)" "" "not in another year's list unless listed there"

# 2. A merged department's work counts for its successor, in list and
# report; the old unit's report for a period before the merge still works.
cp "$tmp/fresh.db" "$db"
kh0=$(counts KH 2024Q2)
nt0=$(counts NT 2024Q2)
nid=$(dd list --unit NT-SNV --period 2024Q2 --json | head -n 1 | sed 's/^{"id":\([0-9]*\),.*/\1/')
dd set "$nid" --unit NT-SNV --period 2024Q2 --status done --completed 2024-04-10 >/dev/null
old=$(counts NT-SNV 2024Q2)
kh_before=$(counts KH-SNV 2024Q2)
dd unit merge NT-SNV --into KH-SNV >/dev/null
run dd list --unit KH-SNV --period 2024Q2 --status done --json
like "$out" "^\{\"id\":$nid," "after the merge the successor's list shows the merged unit's done task"
after=$(counts KH-SNV 2024Q2)
is "$(( $(echo "$after" | cut -d, -f1) - $(echo "$kh_before" | cut -d, -f1) ))" \
	"$(echo "$old" | cut -d, -f1)" "the successor's report counts the merged unit's tasks"
done_of() { echo $(( $(echo "$1" | cut -d, -f2) + $(echo "$1" | cut -d, -f3) )); }
is "$(done_of "$after")" "$(( $(done_of "$kh_before") + $(done_of "$old") ))" \
	"and its done task among the done"
is "$(counts NT-SNV 2024Q2)" "$old" "the old unit's own report by its code is unchanged"
# A province merged into another: the new province sees the old one's work
# (the two provinces' plans share no task).
dd unit merge NT --into KH >/dev/null
is "$(counts KH 2024Q2 | cut -d, -f1)" "$(( $(echo "$kh0" | cut -d, -f1) + $(echo "$nt0" | cut -d, -f1) ))" \
	"after NT merges into KH, KH's report holds both provinces' tasks"
is "$(done_of "$(counts KH 2024Q2)")" "$(( $(done_of "$kh0") + $(done_of "$nt0") + 1 ))" \
	"and both provinces' done tasks"

# A district abolished: its commune moves up, the district merges into the
# province; what it did still counts, for the province and by its own code.
cp "$tmp/fresh.db" "$db"
dd unit add KH-CR-BA "Phường Ba Ngòi" --parent KH-CR --kind commune >/dev/null
cid=$(dd list --unit KH-CR --period 2024Q2 --json | head -n 1 | sed 's/^{"id":\([0-9]*\),.*/\1/')
dd set "$cid" --unit KH-CR --period 2024Q2 --status done --completed 2024-05-02 >/dev/null
cr=$(counts KH-CR 2024Q2)
kh=$(counts KH 2024Q2)
dd unit move KH-CR-BA --parent KH >/dev/null
dd unit merge KH-CR --into KH >/dev/null
is "$(counts KH 2024Q2)" "$kh" "after the district is abolished the province's report is the same"
is "$(counts KH-CR 2024Q2)" "$cr" "and the district's own report by its code too"
is "$(state "$cid" KH 2024Q2)" "$(state "$cid" KH-CR 2024Q2)" \
	"its task has one state for the province and the old district"

# 3. Every unit, every quarter, random records: list and report agree.
if python_with json; then
	# STATE_SEEDS="$(seq 1 50)" for a longer run (tests/bench/state_long.sh).
	for seed in ${STATE_SEEDS:-1 2}; do
		cp "$tmp/fresh.db" "$db"
		"$PY" "$top_srcdir/tests/state_reconcile.py" "$DONDOC" "$db" "$seed" >"$tmp/rec.tap"
		while IFS= read -r line; do
			case $line in
			"ok "*) ok 0 "${line#ok * - }" ;;
			"not ok "*) ok 1 "${line#not ok * - }" ;;
			"Bail out!"*) echo "$line"; exit 1 ;;
			*) echo "$line" ;;
			esac
		done <"$tmp/rec.tap"
	done
else
	skip 4 "python3 is not installed"
fi

done_testing
