# tmux.sh - driving the review screen in a real terminal. Sourced after
# lib.sh; skips the test when tmux is missing.
#
# t ARGS...        tmux on this test's own server
# screen           the visible screen as text
# wait_for PATTERN poll the screen (grep -E) for up to 10 s
# keys KEYS...     send keys, then let the screen settle

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"
sock="$tmp/tmux.sock"
t() { tmux -S "$sock" "$@"; }
trap 't kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
screen() { t capture-pane -p; }
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
keys() { t send-keys "$@"; sleep 0.3; }
