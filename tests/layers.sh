# layers.sh - layers call downward only: tui/ -> core/ -> db/.
#
# db/ is the only code that sees SQLite or SQL; core/ never sees curses or
# tui/; tui/ sees core/ and, of db/, only the shared vocabulary (error.h,
# model.h, i18n.h), never the store. The checker is also run on a small tree
# that breaks each rule, so this test is known to be able to fail.
. "$top_srcdir/tests/lib.sh"

# check DIR: prints one line per violation.
check() {
	root=$1
	for f in "$root"/db/*.[ch]; do
		[ -e "$f" ] || continue
		grep -HnE '#include *["<](core|tui)/' "$f"
		grep -HnE '#include *<n?cursesw?' "$f"
	done
	for f in "$root"/core/*.[ch]; do
		[ -e "$f" ] || continue
		grep -HnE '#include *["<](tui/|db/internal\.h|db/schema\.h|sqlite3\.h)' "$f"
		grep -HnE '#include *<(n?cursesw?/)?n?curses' "$f"
		grep -HnE '"[^"]*\b(SELECT|INSERT INTO|DELETE FROM|CREATE TABLE|PRAGMA)\b' "$f"
	done
	for f in "$root"/tui/*.[ch]; do
		[ -e "$f" ] || continue
		grep -HnE '#include *["<](sqlite3\.h|core/internal\.h|db/(store|internal|schema)\.h)' "$f"
		grep -HnE '"[^"]*\b(SELECT|INSERT INTO|DELETE FROM|CREATE TABLE|PRAGMA)\b' "$f"
	done
}

violations=$(check "$top_srcdir")
is "$violations" "" "the source tree keeps its layers"

mkdir -p "$tmp/bad/db" "$tmp/bad/core" "$tmp/bad/tui"
printf '#include "core/text.h"\n' > "$tmp/bad/db/a.c"
printf '#include <sqlite3.h>\n' > "$tmp/bad/core/b.c"
printf '#include <ncursesw/curses.h>\n' > "$tmp/bad/core/c.c"
printf 'static const char q[] = "SELECT id FROM task";\n' > "$tmp/bad/core/d.c"
printf '#include "db/store.h"\n' > "$tmp/bad/tui/e.c"
printf '#include <sqlite3.h>\n' > "$tmp/bad/tui/f.c"
violations=$(check "$tmp/bad" | wc -l)
is "$violations" 6 "each kind of violation is caught"

done_testing
