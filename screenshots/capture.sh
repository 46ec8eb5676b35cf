#!/bin/sh
# capture.sh - screenshots of the real UI (make screenshots): dondoc --demo
# run in tmux, captured as plain text (.txt) and with attributes (.ansi, view
# with `less -R` or `cat`), at 80x24 and 132x43, in UTF-8 and under LANG=C.
# Never drawn by hand: run it again after changing the UI, and review the
# diff before committing.
set -eu
top_builddir=${top_builddir:-.}
out=${1:-screenshots}
dondoc=$(cd "$top_builddir" && pwd)/dondoc
command -v tmux >/dev/null || { echo "capture.sh: tmux is not installed"; exit 77; }
sock=$(mktemp -u /tmp/dondoc-shots.XXXXXX)
t() { tmux -S "$sock" "$@"; }
trap 't kill-server 2>/dev/null || true' EXIT

shot() {  # shot NAME COLS LINES LOCALE KEYS...
	name=$1 cols=$2 lines=$3 loc=$4
	shift 4
	t kill-server 2>/dev/null || true
	sleep 0.2
	t new-session -d -x "$cols" -y "$lines" \
		"env LANG=$loc LC_ALL=$loc TERM=xterm-256color DONDOC_DATADIR=\"${DONDOC_DATADIR:-}\" '$dondoc' --demo; sleep 5"
	i=0
	until t capture-pane -p | grep -q 'Quarter\|Quý'; do
		i=$((i + 1))
		[ $i -lt 100 ] || { echo "capture.sh: $name: the UI did not start"; exit 1; }
		sleep 0.1
	done
	for k in "$@"; do
		t send-keys "$k"
		sleep 0.3
	done
	t capture-pane -p > "$out/$name.txt"
	t capture-pane -p -e > "$out/$name.ansi"
	echo "$out/$name.txt"
}

shot review-80x24 80 24 C.UTF-8 j j j
shot review-132x43 132 43 C.UTF-8 f j j j j
shot review-80x24-LANG=C 80 24 C j j j
shot help-80x24 80 24 C.UTF-8 '?'
shot dashboard-132x43 132 43 C.UTF-8 d
