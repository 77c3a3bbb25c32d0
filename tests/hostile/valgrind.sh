#!/bin/sh
# valgrind.sh -- one real reading session under valgrind: no invalid
# read or write, no use of uninitialised memory, no leak.
. "$(dirname "$0")/../e2e/lib.sh"
require_tmux
command -v valgrind >/dev/null 2>&1 || skip "valgrind is not installed"
# valgrind cannot run a binary built with AddressSanitizer
if ldd "$LISEUSE_BIN" 2>/dev/null | grep -q -E 'lib(a|ub)san'; then
    skip "sanitizer build: valgrind does not apply"
fi

log=$LIS_TMP/valgrind.log
tmux_start 80 24 valgrind --quiet --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
    --track-origins=yes --log-file="$log" \
    "$LISEUSE_BIN" --no-resume "$LIS_ARTICLE"
tmux_wait_for "TikTok est dans une impasse" 60
# wait for the analysis: the first jump lands on a quotation
tmux_keys ']'
tmux_wait_for "1/6" 60
tmux_keys ']' '/' 'u' 's' 'a' Enter
tmux_wait_for "USA" 30
tmux_keys G
tmux_wait_for "fausses informations." 30
tmux_keys h
tmux_wait_for "]" 30
tmux_keys q q
tmux_wait_exit 120
[ "$LIS_TMUX_STATUS" = 0 ] || fail "valgrind reported errors (exit $LIS_TMUX_STATUS):
$(cat "$log")"
[ ! -s "$log" ] || fail "valgrind said something:
$(cat "$log")"

step "--analyze and --export under valgrind"
for args in "--analyze" "--export=md --select=all" "--width 40"; do
    # shellcheck disable=SC2086
    valgrind --quiet --error-exitcode=99 --leak-check=full \
        --errors-for-leak-kinds=definite,indirect \
        --log-file="$log" "$LISEUSE_BIN" $args "$LIS_ARTICLE" > /dev/null ||
        fail "valgrind: liseuse $args:
$(cat "$log")"
done
echo "ok"
