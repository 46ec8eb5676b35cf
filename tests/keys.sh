# keys.sh - key bindings are data: the default file is valid, a bad line is
# reported as file:line and the rest still loads, the user's file overrides.
. "$top_srcdir/tests/lib.sh"

run "$DONDOC" keys --check "$top_srcdir/keymaps/default.keys"
is "$rc" 0 "default.keys is valid"
run "$DONDOC" keys --check "$top_srcdir/keymaps/vi.keys"
is "$rc" 0 "vi.keys is valid"

cat > "$tmp/bad.keys" <<'KEYS'
# a comment
bind x quit
bind <Nope> quit
bind y fly-away
bnd z quit
bind # help     # '#' as a key, then a comment
bind ^ help
KEYS
run "$DONDOC" keys --check "$tmp/bad.keys"
is "$rc" 1 "a file with bad lines fails the check"
like "$err" "bad.keys:3: unknown key '<Nope>'" "an unknown key is named with its line"
like "$err" "bad.keys:4: unknown action 'fly-away'" "so is an unknown action"
like "$err" 'bad.keys:5: expected "bind KEY ACTION"' "and a line that is not a binding"
unlike "$err" 'bad.keys:6:' "'#' can be bound"

mkdir -p "$XDG_CONFIG_HOME/dondoc"
cp "$tmp/bad.keys" "$XDG_CONFIG_HOME/dondoc/keys"
printf 'bind q none\n' >> "$XDG_CONFIG_HOME/dondoc/keys"
run "$DONDOC" keys
like "$out" '^quit +x ' "the user's file binds x to quit, and the rest loaded"
like "$out" '^help +.*#' "# is bound to help"
unlike "$(printf '%s\n' "$out" | grep '^quit')" ' q( |$)' "'none' forgets q"
like "$out" '^move-down +.*j' "the defaults are still there"
run env LANGUAGE=vi LC_ALL=C.UTF-8 "$DONDOC" keys
like "$out" '^search +.*t' "Vietnamese mnemonics load when speaking Vietnamese"

# A NUL byte is not the end of the file: it is named with its line.
printf 'bind j move-down\nbind k move-up\n\0bind x quit\n' >"$tmp/nul.keys"
run "$DONDOC" keys --check "$tmp/nul.keys"
is "$rc" 1 "keys --check refuses a file with a NUL byte"
like "$err" 'nul.keys:3: a NUL byte' "and names its line"

done_testing
