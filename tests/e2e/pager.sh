#!/bin/sh
# tests/e2e/pager.sh -- the interactive pager in a real terminal (tmux):
# first screen, paging, resizing, escape sequences from the file, terminal
# restored on q and on ^C, unknown terminal, non-UTF-8 locale.
. "$(dirname "$0")/lib.sh"
require_tmux
cd "$LIS_TMP"

# Text rows of the screen (between the title bar and the status line).
text_row() {   # N (1 = first text row)
    tmux_capture | sed -n "$(( $1 + 1 ))p"
}
first_words() {   # N TEXT
    printf '%s\n' "$2" | tr -s ' ' | sed 's/^ //' | cut -d ' ' -f "1-$1"
}
# The reader runs in a wrapper that saves `stty -a` before and after.
start_reader() {   # COLS ROWS ARGS...
    lis_c=$1
    lis_r=$2
    shift 2
    tmux_start "$lis_c" "$lis_r" sh -c \
        'stty -a >"$0.before"; "$@"; rc=$?; stty -a >"$0.after"; exit $rc' \
        "$LIS_TMP/stty" "$LISEUSE_BIN" --no-resume "$@"
}
check_tty_restored() {
    [ -s "$LIS_TMP/stty.after" ] || fail "stty -a did not run after the reader"
    cmp -s "$LIS_TMP/stty.before" "$LIS_TMP/stty.after" ||
        fail "terminal modes changed: $(diff "$LIS_TMP/stty.before" "$LIS_TMP/stty.after")"
}

for size in 80x24 40x15; do
    cols=${size%x*}
    rows=${size#*x}

    step "$size: first screen of the bundled article"
    start_reader "$cols" "$rows" "$LIS_ARTICLE"
    tmux_wait_for "TikTok est dans une impasse"
    screen=$(tmux_capture)
    # exact accented text and typographic apostrophes, correctly wrapped
    assert_contains "$screen" "Microsoft exprime ses"
    assert_contains "$(tmux_status_row)" "§ 1/"
    case $screen in
        *"Américains"*|*"Améri"*) ;;
        *) fail "accented text missing at $size:
$screen" ;;
    esac
    # nothing wider than the terminal
    w=$(tmux_capture | LC_ALL=$LIS_LOCALE wc -L | tr -d ' ')
    [ "$w" -le "$cols" ] || fail "a line is $w cells wide at $size"

    step "$size: page to the end"
    tmux_keys G
    tmux_wait_for "fausses informations."
    tmux_wait_for "100%"
    tmux_keys g
    tmux_wait_for "TikTok est dans une impasse"
    # space pages forward until the end
    n=0
    while ! tmux_capture | grep -q "100%"; do
        tmux_keys Space
        n=$((n + 1))
        [ "$n" -lt 40 ] || fail "space never reached the end at $size"
        tmux_wait_for "%"
    done
    tmux_wait_for "fausses informations."

    step "$size: q restores the terminal"
    tmux_keys q
    tmux_wait_exit
    assert_eq "$LIS_TMUX_STATUS" 0
    check_tty_restored
    # the alternate screen is gone: the article is no longer shown
    tmux_wait_gone "fausses informations."
done

step "resize keeps the same sentence on screen"
start_reader 80 24 "$LIS_ARTICLE"
tmux_wait_for "TikTok est dans une impasse"
tmux_keys d
tmux_wait_gone "TikTok est dans une impasse."
top=$(text_row 1)
words=$(first_words 3 "$top")
[ -n "$words" ] || fail "no text on the first row after d"
tmux_resize 40 15
tmux_wait_for "§"
# at 40 columns the first words of the old top line are within the first
# two rows (they may now start mid-line and wrap)
tries=0
while :; do
    joined=$(printf '%s %s\n' "$(text_row 1)" "$(text_row 2)" | tr -s ' ')
    case $joined in *"$words"*) break ;; esac
    tries=$((tries + 1))
    [ "$tries" -lt 50 ] || fail "[$words] not at the top after resize to 40x15:
$(tmux_capture)"
    sleep 0.1
done
tmux_resize 80 24
tries=0
while :; do
    case $(text_row 1) in "$words"*) break ;; esac
    tries=$((tries + 1))
    [ "$tries" -lt 50 ] || fail "[$words] not back on the first row at 80x24:
$(tmux_capture)"
    sleep 0.1
done
step "tiny terminals do not crash"
tmux_resize 1 1
tmux_resize 12 2
tmux_wait_for "terminal to"
tmux_resize 80 24
tmux_wait_for "$words"
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0

step "escape sequences from the file are shown as markers"
printf 'a\033]52;c;SGVsbG8=\007b \033[2J c\n' >"$LIS_TMP/esc.txt"
start_reader 80 24 "$LIS_TMP/esc.txt"
tmux_wait_for '^[]52;c;SGVsbG8=^G'
screen=$(tmux_capture)
assert_contains "$screen" 'b ^[[2J c'
# the screen was not cleared: the title bar and the status line are there
assert_contains "$(tmux_capture | sed -n 1p)" "a^["
assert_contains "$(tmux_status_row)" "§ 1/1"
# OSC 52 never reached the terminal: tmux got no clipboard buffer
bufs=$(lis_tmux list-buffers 2>/dev/null || true)
assert_not_contains "$bufs" "Hello"
# the markers are drawn in reverse video
assert_contains "$(lis_tmux capture-pane -e -p -t "$LIS_TMUX_TARGET" | sed -n 2p)" \
    "$(printf '\033[7m')"

step "SIGINT restores the terminal too"
# the reader's own pid: pane shell -> stty wrapper -> liseuse (a ^C typed
# in the pane would also stop the wrapper shells of the test)
pane=$(lis_tmux display -p -t "$LIS_TMUX_TARGET" '#{pane_pid}')
wrapper=$(ps -o pid= --ppid "$pane" | head -n 1 | tr -d ' ')
reader=$(ps -o pid= --ppid "$wrapper" | head -n 1 | tr -d ' ')
[ -n "$reader" ] || fail "could not find the reader's pid"
kill -INT "$reader"
tmux_wait_exit
[ "$LIS_TMUX_STATUS" -ne 0 ] || fail "^C: expected the reader to die of SIGINT"
check_tty_restored

step "an unknown terminal is a one-line error"
tmux_start 80 24 env TERM=no-such-terminal-xyz "$LISEUSE_BIN" --no-resume \
    "$LIS_ARTICLE"
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 2
assert_contains "$(tmux_capture)" "liseuse: unknown terminal type 'no-such-terminal-xyz'"

step "a non-UTF-8 locale shows accented letters transliterated"
tmux_start 80 24 env LANG=C LC_ALL=C "$LISEUSE_BIN" --no-resume "$LIS_ARTICLE"
tmux_wait_for "TikTok est dans une impasse"
screen=$(tmux_capture)
assert_contains "$screen" "jeunes Americains"
assert_contains "$screen" "not in UTF-8"
if printf '%s' "$screen" | LC_ALL=C grep -q "$(printf '[\200-\377]')"; then
    fail "raw non-ASCII bytes on a non-UTF-8 terminal:
$screen"
fi
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0

step "the last position is remembered, unless --no-resume"
tmux_start 80 24 "$LISEUSE_BIN" "$LIS_ARTICLE"
tmux_wait_for "TikTok est dans une impasse"
tmux_keys G
tmux_wait_for "fausses informations."
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0
pos=$XDG_STATE_HOME/liseuse/positions
[ -s "$pos" ] || fail "no positions file in $XDG_STATE_HOME/liseuse"
assert_eq "$(head -n 1 "$pos")" "# liseuse-positions/1"
tmux_start 80 24 "$LISEUSE_BIN" "$LIS_ARTICLE"
tmux_wait_for "back where you left off"
assert_contains "$(tmux_capture)" "fausses informations."
tmux_keys g q
tmux_wait_exit
# back at the top: the next run starts there
tmux_start 80 24 "$LISEUSE_BIN" "$LIS_ARTICLE"
tmux_wait_for "TikTok est dans une impasse"
assert_not_contains "$(tmux_capture)" "back where you left off"
tmux_keys G q
tmux_wait_exit
tmux_start 80 24 "$LISEUSE_BIN" --no-resume "$LIS_ARTICLE"
tmux_wait_for "TikTok est dans une impasse"
assert_not_contains "$(tmux_capture)" "fausses informations."
tmux_keys q
tmux_wait_exit

echo "PASS: pager"
