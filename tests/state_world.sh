# state_world.sh - the world the state tests start from (sourced; needs
# $tmp): the two provinces' unit tree and the three table samples imported
# into $db, judged on 2024-05-20; dd runs dondoc on it.
db="$tmp/s.db"
dd() { "$DONDOC" --db "$db" "$@"; }
export DONDOC_TODAY=2024-05-20
. "$top_srcdir/tests/import_units.sh" >/dev/null
for s in khanhhoa-2024-cchc khanhhoa-snv-2024-sipas ninhthuan-2021-2025-cchc; do
	dd import "$top_srcdir/tests/data/samples/$s.txt" >/dev/null || echo "Bail out! import $s"
done
