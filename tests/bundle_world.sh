# bundle_world.sh - a province, two districts and three communes, each
# with its own database and key directory, set up through the CLI as
# officers would: keys made, certified up the tree, the province's key
# pinned, plans sent down. Sourced after lib.sh; uses $tmp.
#
# p CMD...   runs dondoc as the province (KH), on $tmp/p.db
# d CMD...   as the district KH-NT, e CMD... as the district KH-CR
# v CMD...   as the commune KH-NT-VH, h CMD... as KH-NT-PH
# dump DB    the canonical dump of a database, to stdout

DONDOC_TODAY=2024-05-20
export DONDOC_TODAY

as() {
	db=$1
	shift
	XDG_DATA_HOME=$tmp/keys-$db "$DONDOC" --db "$tmp/$db.db" "$@"
}
p() { as p "$@"; }
d() { as d "$@"; }
e() { as e "$@"; }
v() { as v "$@"; }
h() { as h "$@"; }
dump() { "$DONDOC" --db "$1" dump; }

# quiet CMD...: run, and on failure say what failed and stop the test.
quiet() {
	if ! "$@" >"$tmp/.quiet" 2>&1; then
		echo "Bail out! setup failed: $*"
		sed 's/^/# /' "$tmp/.quiet"
		exit 1
	fi
}

world() {
	quiet p unit add KH "Tỉnh Khánh Hòa" --kind province
	quiet p unit add KH-NT "Thành phố Nha Trang" --parent KH --kind district
	quiet p unit add KH-CR "Thành phố Cam Ranh" --parent KH --kind district
	quiet p unit add KH-NT-VH "Phường Vĩnh Hải" --parent KH-NT --kind commune
	quiet p unit add KH-NT-PH "Phường Phước Hải" --parent KH-NT --kind commune
	quiet p unit add KH-CR-BA "Phường Ba Ngòi" --parent KH-CR --kind commune
	quiet p unit use KH
	quiet p key init
	quiet p key export -o "$tmp/kh.pub"
	quiet p plan add --title "Kế hoạch cải cách hành chính năm 2024" --number 1/KH-UBND \
		--issuer KH --years 2024
	quiet p section add --plan 1/KH-UBND I "Cải cách thể chế"
	for i in 1 2 3 4; do
		quiet p task add --plan 1/KH-UBND --section I --number "$i" \
			--title "Nhiệm vụ $i của quận huyện" --due 2024-06-30 --lead KH-NT --lead KH-CR
	done
	quiet p bundle export --kind plan -o "$tmp/plan-kh.ddb"

	for x in d:KH-NT:p e:KH-CR:p; do
		join_tree $x "$tmp/plan-kh.ddb"
	done
	# The district hands tasks 1 and 2 to its communes.
	quiet d assign 1 --unit KH-NT-VH
	quiet d assign 2 --unit KH-NT-VH
	quiet d assign 2 --unit KH-NT-PH --role coord
	quiet d assign 3 --unit KH-NT-PH
	quiet d bundle export --kind plan -o "$tmp/plan-nt.ddb"
	for x in v:KH-NT-VH:d h:KH-NT-PH:d; do
		join_tree $x "$tmp/plan-nt.ddb"
	done
}

# join_tree DB:CODE:UP PLANS: a new installation pins the root, receives the
# plans, acts for its unit, makes a key and has the unit above certify it.
join_tree() {
	u=${1%%:*} code=${1#*:} code=${code%%:*} up=${1##*:}
	quiet $u key trust "$tmp/kh.pub" --yes
	quiet $u bundle import "$2"
	quiet $u unit use "$code"
	quiet $u key init
	quiet $u key export -o "$tmp/$code.pub"
	quiet $up key certify "$tmp/$code.pub" -o "$tmp/$code.cert"
	quiet $u key install "$tmp/$code.cert"
}
