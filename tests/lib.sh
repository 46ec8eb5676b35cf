# lib.sh - TAP helpers for the shell tests (sourced).
#
# run CMD...      runs CMD; sets $out, $err and $rc
# is GOT WANT NAME, like GOT PATTERN NAME (grep -E), ok STATUS NAME
# skip_all WHY    the whole test is skipped: exits 77
# python_with MOD PY: a python3 that imports MOD
# done_testing    prints the plan; the exit status says if all passed
set -u

n=0
failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dondoc-test.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
DONDOC=${DONDOC:-$top_builddir/dondoc}
# Tests never touch the user's own database or settings.
HOME=$tmp/home
XDG_DATA_HOME=$tmp/data
XDG_CONFIG_HOME=$tmp/config
export HOME XDG_DATA_HOME XDG_CONFIG_HOME
unset LANGUAGE LC_MESSAGES
LC_ALL=C.UTF-8
export LC_ALL

ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
		return 1
	fi
}

run() {
	out=$("$@" 2>"$tmp/.stderr")
	rc=$?
	err=$(cat "$tmp/.stderr")
}

is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '%s\n' "got:      $1" "expected: $2" | sed 's/^/#   /'
	fi
}

like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#   got: %s\n#   wanted a match for: %s\n' "$1" "$2"
	fi
}

unlike() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		ok 1 "$3"
		printf '#   got: %s\n#   wanted no match for: %s\n' "$1" "$2"
	else
		ok 0 "$3"
	fi
}

# skip N WHY: N tests that need what this machine lacks.
skip() {
	i=0
	while [ "$i" -lt "$1" ]; do
		n=$((n + 1))
		i=$((i + 1))
		echo "ok $n # SKIP $2"
	done
}

# python_with MODULE: set PY to a python3 that can import MODULE (Debian's
# own first: a python on PATH may not see Debian's packages); fails if none.
python_with() {
	PY=
	for p in /usr/bin/python3 python3; do
		if "$p" -c "import $1" 2>/dev/null; then
			PY=$p
			return 0
		fi
	done
	return 1
}

skip_all() {
	echo "1..0 # SKIP $1"
	exit 77
}

done_testing() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
}
