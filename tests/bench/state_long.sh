#!/bin/sh
# state_long.sh - the state reconciler of tests/state.sh over many random
# worlds (seeds 1 to ${SEEDS:-30}, about 20 s each): list, report, the
# --status filters, the written rule and the parent roll-up, before and
# after a random 2025 reorganisation. Prints the TAP summary.
set -eu
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
STATE_SEEDS=$(seq 1 "${SEEDS:-30}") DONDOC="$top_builddir/dondoc" top_srcdir="$top_srcdir" \
	sh "$top_srcdir/tests/state.sh" | grep -E '^(not ok|ok [0-9]+ - seed|1\.\.)' |
	awk '/^not ok/ { bad++; print } /^ok/ { good++ } END { printf "%d passed, %d failed\n", good, bad }'
