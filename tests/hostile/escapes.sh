#!/bin/sh
# escapes.sh -- escape sequences hidden in an article, its front matter and
# its file name never reach the terminal: not in the plain render, not in
# --analyze or --export output, not in error messages, not on the screen.
. "$(dirname "$0")/../e2e/lib.sh"

ESC=$(printf '\033')
BEL=$(printf '\007')
C1_UTF8="$(printf '\302')[$(printf '\200')-$(printf '\237')]"
RAW_CSI=$(printf '\233')

# No ESC, no BEL, no C1 (raw or UTF-8 encoded) in file $1.
assert_clean() {
    LC_ALL=C grep -q -F "$ESC" "$1" && fail "$2: ESC reached the output"
    LC_ALL=C grep -q -F "$BEL" "$1" && fail "$2: BEL reached the output"
    LC_ALL=C grep -q "$C1_UTF8" "$1" && fail "$2: a C1 control reached the output"
    LC_ALL=C grep -q -F "$RAW_CSI" "$1" && fail "$2: a raw 0x9B reached the output"
    return 0
}

evil=$LIS_TMP/article.txt
{
    printf -- '---\ntitle: Titre \033]0;pwned\007 \033[31mrouge\nsource: s\302\233x\n---\n'
    printf 'OSC 52 \033]52;c;SGVsbG8=\007 lien \033]8;;http://x\033\\ici\033]8;;\033\\ fin.\n'
    printf 'Effacer \033[2J\033[H DECRQSS \033P$q"p\033\\ DA \033[c et \033[>c.\n'
    printf 'Brut \233 2J et C1 \302\233 2J, NEL \302\205 ; cloche \007.\n'
    printf 'Inachevé \033]52;c;AAAA\n'
    printf 'Bidi \342\200\256evil\342\200\254 et zw\342\200\213j.\n'
} > "$evil"

step "plain render"
lis_run --width 60 "$evil" </dev/null
assert_eq "$LIS_RC" 0
assert_clean "$LIS_OUT_FILE" "plain render"
assert_contains "$LIS_OUT" "^[]52;c;SGVsbG8=^G"
assert_contains "$LIS_OUT" "<U+202E>"

step "--analyze, both formats"
lis_run --analyze "$evil"
assert_eq "$LIS_RC" 0
assert_clean "$LIS_OUT_FILE" "--analyze json"
lis_run --analyze --format=text "$evil"
assert_eq "$LIS_RC" 0
assert_clean "$LIS_OUT_FILE" "--analyze text"

for f in md json txt csv clippings; do
    step "--export=$f"
    lis_run --export=$f --select=all "$evil"
    assert_eq "$LIS_RC" 0
    assert_clean "$LIS_OUT_FILE" "--export=$f"
done

step "file name with escapes in an error message"
lis_run "$LIS_TMP/nope$(printf '\033]0;x\007').txt"
[ "$LIS_RC" -ne 0 ] || fail "a missing file must fail"
assert_clean "$LIS_ERR_FILE" "error message"
[ "$(wc -l < "$LIS_ERR_FILE")" -eq 1 ] || fail "error is not one line: $LIS_ERR"

step "on screen, raw terminal output captured with script(1)"
command -v script >/dev/null 2>&1 || skip "script(1) is missing"
raw=$LIS_TMP/raw.typescript
tmux_start 80 24 script -q -c "$(lis_shquote "$LISEUSE_BIN" --no-resume "$evil")" "$raw"
tmux_wait_for "OSC 52"
tmux_wait_for "^[]52;c;"
tmux_keys G
tmux_wait_for "<U+202E>"
tmux_keys q
tmux_wait_exit
# What the program itself sends is curses' own terminfo output: CSI and the
# keypad/cursor sequences.  Nothing from the content: no OSC, no DCS, no
# device queries, no BEL, no C1.
LC_ALL=C grep -q -F "$ESC]" "$raw" && fail "an OSC sequence reached the terminal"
LC_ALL=C grep -q -F "${ESC}P" "$raw" && fail "a DCS sequence reached the terminal"
LC_ALL=C grep -q -F "$ESC[c" "$raw" && fail "a DA query reached the terminal"
LC_ALL=C grep -q -F "$ESC[>c" "$raw" && fail "a DA2 query reached the terminal"
LC_ALL=C grep -q -F "$BEL" "$raw" && fail "BEL reached the terminal"
LC_ALL=C grep -q "$C1_UTF8" "$raw" && fail "a C1 control reached the terminal"
LC_ALL=C grep -q -F "$RAW_CSI" "$raw" && fail "a raw 0x9B reached the terminal"
echo "ok"
