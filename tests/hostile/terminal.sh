#!/bin/sh
# terminal.sh -- hostile terminals: no TERM, unknown or dumb TERM, a
# non-UTF-8 locale, a resize storm, and signals; the terminal is always
# left as it was found.
. "$(dirname "$0")/../e2e/lib.sh"
require_tmux

ART=$LIS_ARTICLE
Q=$(lis_shquote "$LISEUSE_BIN" --no-resume "$ART")

step "TERM unset, unknown, dumb: an error line or the plain text, never a hang"
for t in "" unknown-terminal-xyz dumb; do
    if [ -z "$t" ]; then
        tmux_start 80 24 sh -c "unset TERM; timeout --foreground 10 $Q; echo rc=\$?"
    else
        tmux_start 80 24 sh -c "TERM=$t timeout --foreground 10 $Q; echo rc=\$?"
    fi
    tmux_wait_for "rc=" 15
    screen=$(tmux_capture)
    assert_not_contains "$screen" "rc=124"
    case $screen in
        *"TikTok est dans une impasse"*|*"fausses informations."*|*"liseuse:"*) ;;
        *) fail "TERM='$t': neither the text nor an error:
$screen" ;;
    esac
done

step "LANG=C: a warning, and transliterated text with no byte >= 0x80"
command -v script >/dev/null 2>&1 || skip "script(1) is missing"
raw=$LIS_TMP/raw-c.typescript
tmux_start 80 24 env LANG=C LC_ALL=C script -q -c "$Q" "$raw"
tmux_wait_for "TikTok est dans une impasse"
tmux_wait_for "Americains"
tmux_keys q
tmux_wait_exit
LC_ALL=C grep -q "$(printf '[\200-\377]')" "$raw" &&
    fail "bytes >= 0x80 reached a terminal whose locale is not UTF-8"

step "a resize storm while paging, with the side panel open"
tmux_start 80 24 "$LISEUSE_BIN" --no-resume "$ART"
tmux_wait_for "TikTok est dans une impasse"
tmux_keys p
tmux_wait_for "Deal"
seed=12345
i=0
cmds=$LIS_TMP/storm.tmux
: > "$cmds"
while [ $i -lt 1000 ]; do
    seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
    w=$(( seed % 300 + 1 ))
    seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
    h=$(( seed % 100 + 1 ))
    echo "resize-window -t lis -x $w -y $h" >> "$cmds"
    case $((i % 50)) in
        0) echo "send-keys -t lis space" >> "$cmds" ;;
        25) echo "send-keys -t lis b" >> "$cmds" ;;
    esac
    i=$((i + 1))
done
lis_tmux source-file "$cmds"
tmux_resize 120 30
tmux_keys g
# the panel is still open, docked beside the text at this width
tmux_wait_for "Rejected bidder" 30
tmux_wait_for "TikTok est dans une impasse" 30
[ ! -s "$LIS_TMUX_STATUS_FILE" ] || fail "liseuse exited during the storm: $(cat "$LIS_TMUX_STATUS_FILE")"
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0

step "signals leave the terminal as it was (stty -g before = after)"
for sig in INT TERM HUP TSTP; do
    before=$LIS_TMP/stty.before
    after=$LIS_TMP/stty.after
    rm -f "$before" "$after" "$LIS_TMP/pid"
    tmux_start 80 24 sh -c "stty -g > $before; $Q < /dev/tty & echo \$! > $LIS_TMP/pid; wait \$!; stty -g > $after; echo done-$sig"
    tmux_wait_for "TikTok est dans une impasse"
    pid=$(cat "$LIS_TMP/pid")
    if [ "$sig" = TSTP ]; then
        # Stopped and continued, then asked to quit: the screen comes back.
        kill -TSTP "$pid"
        kill -CONT "$pid"
        tmux_keys C-l
        tmux_wait_for "TikTok est dans une impasse"
        tmux_keys q
    else
        kill -"$sig" "$pid"
    fi
    tmux_wait_for "done-$sig"
    [ -s "$after" ] || fail "stty -g after SIG$sig is missing"
    cmp -s "$before" "$after" || fail "SIG$sig left the terminal changed: $(cat "$before") vs $(cat "$after")"
done
echo "ok"
