#!/bin/sh
# state_tui.sh - the review screen in a random world (tests/state_reconcile.py,
# seed 3, after its reorganisation) shows the report's figures: for units at
# every level, the status line and the dashboard (d) against the unit's
# report --format csv, in a real terminal.
. "$top_srcdir/tests/lib.sh"
python_with json || skip_all "python3 is not installed"
. "$top_srcdir/tests/tmux.sh"

. "$top_srcdir/tests/state_world.sh"
"$PY" "$top_srcdir/tests/state_reconcile.py" "$DONDOC" "$db" 3 >"$tmp/rec.tap" ||
	echo "Bail out! state_reconcile.py seed 3"
ok "$(grep -c '^not ok' "$tmp/rec.tap")" "the random world of seed 3 reconciles on the command line"

for unit in KH KH-SNV KH-NH KH-NH-X2 KH-CR NT; do
	dd unit use "$unit" >/dev/null 2>&1 || { skip 5 "$unit is not in this world"; continue; }
	IFS=, read -r total on_time late doing todo blocked overdue no_date rate <<END
$(dd report --period 2024Q2 --unit "$unit" --format csv | tr -d '\r' | sed -n 's/^all,//p')
END
	t kill-server 2>/dev/null
	sleep 0.2
	t new-session -d -x 100 -y 30 "env TERM=xterm-256color '$DONDOC' --db '$db' --period 2024Q2; sleep 30"
	wait_for 'Quarter II/2024' || echo "# the screen did not open for $unit"
	like "$(screen | tail -1)" "^$total tasks  $((on_time + late)) done  $overdue overdue" \
		"$unit: the status line is the report's"
	keys d
	wait_for 'Dashboard' || echo "# no dashboard for $unit"
	s=$(screen)
	like "$s" "overdue +$overdue / $total " "$unit: the dashboard's overdue is the report's"
	like "$s" "not started +$todo / $total " "$unit: and its not started"
	like "$s" "blocked +$blocked / $total " "$unit: and its blocked"
	like "$s" "in progress +$doing / $total " "$unit: and its in progress"
	screen >"$tmp/dash-$unit.txt"
done

done_testing
