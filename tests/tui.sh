# tui.sh - the review screen as an officer meets it, in a real terminal
# (tmux): move, switch quarters, search with and without diacritics, set a
# status and type a note in Telex (checked with dondoc list --json), resize
# wide, tiny and back, TERM=vt100, LANG=C, and a title with an escape
# sequence that must not reach the terminal.
. "$top_srcdir/tests/lib.sh"

. "$top_srcdir/tests/tmux.sh"
db="$tmp/d.db"
dd() { "$DONDOC" --db "$db" "$@"; }
. "$top_srcdir/tests/import_units.sh" >/dev/null
dd import "$top_srcdir/tests/data/samples/khanhhoa-2024-cchc.txt" >/dev/null
dd unit use KH-SNV
esc=$(printf 'Tiêu đề \033]2;pwned\007\033[2J lạ')
dd task add --plan 3409/QĐ-UBND --number 99 --title "$esc" --due 2024-06-20 --lead KH-SNV >/dev/null
export DONDOC_TODAY=2024-05-15
# Two units in scope on one task, one done and one not: the task is not done
# yet, on the status line as in the report.
t99=$(dd list --unit KH-SNV --period 2024Q2 --json | sed -n 's/^{"id":\([0-9]*\),.*"number":"99".*/\1/p')
dd assign "$t99" --unit KH-SNV-VP >/dev/null
dd set "$t99" --unit KH-SNV --period 2024Q2 --status done >/dev/null
dd set "$t99" --unit KH-SNV-VP --period 2024Q2 --status doing --progress 50 >/dev/null
start() {   # start COLS LINES ENV...
	cols=$1 lines=$2
	shift 2
	t kill-server 2>/dev/null
	sleep 0.2
	t new-session -d -x "$cols" -y "$lines" \
		"env $* '$DONDOC' --db '$db' --period 2024Q2 ${opts-} 2>'$tmp/stderr'; sleep 30"
}

start 80 24 TERM=xterm-256color
wait_for 'Quarter II/2024'
ok $? "the screen opens at 80x24 on the quarter"
like "$(screen | sed -n 1p)" 'unit KH-SNV' "the header names the unit"
is "$(screen | sed -n '3,12p' | grep -c '[^ ]')" 10 "ten grid rows are visible at 80x24"
like "$(screen | tail -1)" '^[0-9]+ tasks  [0-9]+ done  [0-9]+ overdue' "the status line counts"
# One truth: the status line's figures are the report's for the unit and quarter.
IFS=, read -r total on_time late doing todo blocked overdue no_date rate <<EOF
$(dd report --period 2024Q2 --unit KH-SNV --format csv | tr -d '\r' | sed -n 's/^all,//p')
EOF
like "$(screen | tail -1)" "^$total tasks  $((on_time + late)) done  $overdue overdue" \
	"they are the report's: tasks, done (on time and late), overdue"
keys j j
like "$(screen)" 'Task: +Ban hành' "moving shows the task in the detail pane"
# Keys in quick succession (a held key, a finger scanning) move the bar
# alone; the detail pane follows the cursor once they stop.
selected() {   # the first words of the title under the bar (reverse video)
	t capture-pane -p -e | grep "$(printf '\033')\[7m" | grep -v dondoc |
		sed 's/\x1b\[[0-9;]*m//g; s/^ *[0-9.]* *//' | cut -d' ' -f1-3
}
# (Whether it stays while they come is timing, measured by tests/bench/tui.sh.)
t send-keys j j j
sleep 0.8
moved=$(selected)
ok "$([ -n "$moved" ]; echo $?)" "three quick moves put the bar on a task"
like "$(screen | grep 'Task:')" "Task: +$moved" "the detail pane shows it once the keys stop"
# A change right after quick moves shows, at once, the task it changed.
t send-keys k k 2
sleep 0.1
changed=$(selected)
like "$(screen | grep 'Task:')" "Task: +$changed" "a status set right after a move: the pane shows that task"
keys U
wait_for 'Undone'
ok $? "(and the change is undone)"
keys k k k
keys ']'
wait_for 'Quarter III/2024'
ok $? "] goes to the next quarter"
keys '['
wait_for 'Quarter II/2024'
ok $? "[ comes back"

keys / s o ' ' h o a
wait_for 'Số hóa hồ sơ'
ok $? "search without diacritics finds Số hóa"
unlike "$(screen | sed -n '3,12p')" 'Ban hành Quy định' "and hides what does not match"
keys Escape
# A burst (a paste, or keys arriving in one packet) filters once, by all of it.
keys / 'so hoa ho so' Enter
wait_for 'Số hóa hồ sơ'
ok $? "a burst of keys with Enter filters by the whole text"
like "$(screen | tail -1)" '^1 tasks' "and only by it"
keys / Escape
# One or two letters match nearly everything: typing them leaves the grid
# as it is and says so; Enter applies them.
all=$(screen | tail -1 | sed 's/ tasks.*//')
keys / q u
like "$(screen | tail -1)" '^/ qu .*3 letters filter; Enter searches now' "two letters wait, saying why"
keys Enter
wait_for '/qu'
ok $? "Enter searches by two letters"
unlike "$(screen | tail -1)" "^$all tasks" "and the grid is filtered"
keys / Escape
wait_for "^$all tasks"
ok $? "Escape clears the search"
keys / 'Số' ' ' 'hóa' Enter
wait_for 'Số hóa hồ sơ'
ok $? "search with diacritics too"
keys c
keys g j 3
wait_for 'Saved'
ok $? "a status is saved at once"
run dd list --period 2024Q2 --unit KH-SNV --status done --json
like "$out" '"unit":"KH-SNV","period":"2024Q2","status":"done"' "dondoc list --json sees it"
keys c
counts=$(screen | tail -1 | cut -d' ' -f1-6)
keys ']'
keys '['
wait_for 'Quarter II/2024'
is "$(screen | tail -1 | cut -d' ' -f1-6)" "$counts" "flipping quarters shows the saved change (no stale counts)"
keys g j
keys U
wait_for 'Undone'
ok $? "and it can be undone"
run dd list --period 2024Q2 --unit KH-SNV --status done --json
is "$out" "" "undo restored the record"
keys i e D d a x ' ' h o a n f ' ' t h a n h f C-d
wait_for 'Saved'
ok $? "a note typed in Telex is saved"
run dd list --period 2024Q2 --unit KH-SNV --json
like "$out" '"note":"Đã hoàn thành"' "as Vietnamese"
keys R
wait_for 'Submit the report of KH-SNV'
ok $? "R asks before submitting the quarter's report"
keys y Enter
wait_for 'Report submitted at'
ok $? "and submits it"
run dd report --period 2024Q2 --unit KH-SNV
like "$out" 'Submitted: 20' "the report says so"

t resize-window -x 200 -y 50 2>/dev/null || t resize-pane -x 200 -y 50
# Only the wide layout has the detail pane beside the grid's header.
wait_for 'No\. +Task.*Section:'
like "$(screen | sed -n 2p)" 'No\. +Task' "200x50 shows the grid"
t resize-window -x 30 -y 8
wait_for 'too small'
ok $? "30x8 says the terminal is too small"
t resize-window -x 80 -y 24
wait_for 'Quarter II/2024'
ok $? "and 80x24 comes back"
for size in 20x6 200x60 41x10 39x9 120x30 1x1 90x25 250x80 60x15 80x24; do
	t resize-window -x "${size%x*}" -y "${size#*x}"
done
wait_for 'Quarter II/2024'
ok $? "a storm of resizes, down to 1x1, leaves a working screen" || {
	t display-message -p '# the window is #{window_width}x#{window_height}'
	screen | sed 's/^/# /'
}
keys '?'
wait_for 'Keys'
ok $? "? shows the keys"
keys Space
wait_for 'export a report or plan bundle'
ok $? "Space turns to the keys that did not fit"
like "$(screen)" 'quit' "down to the last"
keys q
keys d
wait_for 'Dashboard.*Quarter II/2024'
like "$(screen)" 'overdue +[0-9]+ / [0-9]+ .*prev\. [0-9]+' "the dashboard compares with the quarter before"
# total,on_time,late,doing,todo,blocked,overdue,no_date,rate
IFS=, read -r total on_time late doing todo blocked overdue no_date rate <<EOF
$(dd report --period 2024Q2 --unit KH-SNV --format csv | tr -d '\r' | sed -n 's/^all,//p')
EOF
like "$(screen)" "overdue +$overdue / $total " "it shows the report's overdue count"
like "$(screen)" "not started +$todo / $total " "and the rest of its figures"
like "$(screen)" "event, no date yet +$no_date / $total " "down to the undated events"
like "$(screen)" "Overdue $rate% \\(prev" "and its overdue rate"
like "$(screen)" 'due 2024-06-30' "and when the report is due"
keys q
keys q
sleep 0.3
is "$(cat "$tmp/stderr")" "" "nothing on standard error"

start 80 24 TERM=vt100 LANG=C LC_ALL=C
wait_for 'Quarter II/2024'
ok $? "TERM=vt100 LANG=C opens"
unlike "$(screen)" "$(printf '[\200-\377]')" "in LANG=C only ASCII reaches the terminal"
like "$(screen)" 'CAI CACH THE CHE' "Vietnamese shown without marks"
keys q

# A terminal that cannot show the screen says so, and what to do.
said() {   # said PATTERN: the program's standard error matches, within 5 s
	i=0
	while [ $i -lt 50 ]; do
		grep -Eq "$1" "$tmp/stderr" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	sed 's/^/#   /' "$tmp/stderr"
	return 1
}
start 80 24 TERM=dumb
said "the terminal 'dumb' cannot move its cursor.*set TERM to your terminal"
ok $? "TERM=dumb: the screen cannot be drawn, and what to do instead"
start 80 24 TERM=no-such-terminal
said "the terminal type 'no-such-terminal' \(TERM\) is not known here: set TERM=xterm"
ok $? "an unknown TERM: said in our words, not only ncurses'"

# Colour, and none when NO_COLOR asks; TERM=linux works too.
colours() { t capture-pane -p -e | grep -c "$(printf '\033')\[[0-9;]*3[0-7]m" ; }
start 80 24 TERM=xterm-256color
wait_for 'Quarter II/2024'
ok $(( $(colours) > 0 ? 0 : 1 )) "section headers are in colour"
keys q
start 80 24 TERM=xterm-256color NO_COLOR=1
wait_for 'Quarter II/2024'
is "$(colours)" 0 "NO_COLOR: no colour at all"
keys q
start 80 24 TERM=linux
wait_for 'Quarter II/2024'
ok $? "TERM=linux opens"
keys q

# --low-bandwidth: a marker instead of the bar, no colour, and the detail
# pane changes only when Enter asks.
opts=--low-bandwidth start 80 24 TERM=xterm-256color
wait_for 'Quarter II/2024'
is "$(colours)" 0 "--low-bandwidth: no colour"
keys j
like "$(screen | sed -n 4p)" '^>4 ' "a marker shows the selected row"
is "$(t capture-pane -p -e | grep -c "$(printf '\033')\[7m")" 0 "and no reverse bar"
keys j j
marked=$(screen | grep '^>' | sed 's/^>[0-9.]* *//' | cut -d' ' -f1-3)
ok "$([ -n "$marked" ]; echo $?)" "the marker moves"
unlike "$(screen | grep 'Task:')" "Task: +$marked" "moving leaves the detail pane as it was"
keys Enter
like "$(screen | grep 'Task:')" "Task: +$marked" "Enter shows the task under the marker"
keys q

start 132 43 TERM=screen
wait_for 'Quarter II/2024'
keys G
wait_for 'Ti.u .. '
ok $? "the title with an escape sequence is shown" || screen | sed 's/^/# /'

unlike "$(t display-message -p '#{pane_title}')" 'pwned' "its escape sequence did not reach the terminal"
like "$(screen | sed -n 1p)" 'dondoc' "and did not clear the screen"

done_testing
