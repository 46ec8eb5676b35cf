#!/bin/sh
# readme_walk.sh - the README's walk from an empty machine to a province, a
# district and a commune exchanging bundles, run line by line as a newcomer
# would type it: the lines are taken from README.md (the block after the
# "walk:" marker), so the README cannot drift from what works. Each "# at
# the X" line moves to X's own computer (its own XDG directories, so its own
# database and keys); the files are carried in one directory. Then what the
# province sees is checked against what the commune and district wrote.
. "$top_srcdir/tests/lib.sh"

usb="$tmp/usb"
mkdir -p "$usb" "$tmp/bin"
ln -s "$(cd "$(dirname "$DONDOC")" && pwd)/$(basename "$DONDOC")" "$tmp/bin/dondoc"
cp "$top_srcdir/tests/data/samples/khanhhoa-2024-cchc.txt" "$usb/"
export DONDOC_TODAY=2024-05-20 LANG=C.UTF-8

awk '/<!-- walk:/ { on = 1; next } on && /^```sh/ { inside = 1; next }
     inside && /^```/ { exit } inside { print }' "$top_srcdir/README.md" >"$tmp/walk"
ok "$(test "$(wc -l <"$tmp/walk")" -gt 20; echo $?)" "the README has the walk ($(wc -l <"$tmp/walk") lines)"

machine=
k=0
while IFS= read -r line; do
	case $line in
	"# at the "*)
		machine=$(echo "${line#\# at the }" | sed 's/[^a-z].*//')
		continue ;;
	"#"* | "") continue ;;
	esac
	k=$((k + 1))
	[ -n "$machine" ] || { echo "Bail out! a command before any '# at the ...': $line"; exit 1; }
	(cd "$usb" && PATH="$tmp/bin:$PATH" XDG_DATA_HOME="$tmp/$machine/data" \
		XDG_CONFIG_HOME="$tmp/$machine/config" sh -c "$line" </dev/null \
		>"$tmp/out.$k" 2>"$tmp/err.$k")
	rc=$?
	printf "%s\t%s\n" "$k" "$line" >>"$tmp/index"
	ok $rc "at the $machine: $line"
	if [ $rc -ne 0 ]; then
		sed "s/^/#   /" "$tmp/err.$k" | head -n 5
		echo "Bail out! the README's walk stops here"
		exit 1
	fi
done <"$tmp/walk"

# Three computers, three databases.
for m in province district commune; do
	ok "$(test -f "$tmp/$m/data/dondoc/dondoc.db"; echo $?)" "the $m has its own database"
done
prov() { XDG_DATA_HOME="$tmp/province/data" XDG_CONFIG_HOME="$tmp/province/config" "$DONDOC" "$@"; }
run prov list --unit KH-NH-NS --period 2024Q2 --json
like "$out" '"unit":"KH-NH-NS","period":"2024Q2","status":"doing","progress":40,"note":"Đang soạn thảo"' \
	"the province has the commune's record, as the commune wrote it"
like "$out" '"author":"KH-NH-NS"' "signed by the commune"
run prov list --unit KH-NH --period 2024Q2 --json
like "$out" '"unit":"KH-NH","period":"2024Q2","status":"doing","progress":20' \
	"and the district's own"
# The export and the inspect of one file say the same.
said() {   # said TEXT: what the walk's first line holding TEXT printed
	cat "$tmp/out.$(awk -F'\t' -v p="$1" 'index($2, p) { print $1; exit }' "$tmp/index")"
}
counts() { grep -E '^  [0-9]+ (units|status records)' | sed 's/^ *//'; }
is "$(said "export --kind report -o bc-nh.ddb" | counts)" "$(said "inspect bc-nh.ddb" | counts)" \
	"bundle export counts what bundle inspect counts in the same file"
run prov audit
is "$rc" 0 "the province's audit passes"

done_testing
