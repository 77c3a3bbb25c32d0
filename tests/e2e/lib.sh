# tests/e2e/lib.sh -- shared helpers for the end-to-end tests of the real
# liseuse binary.  Source it first thing:  . "$(dirname "$0")/lib.sh"
#
# It gives every test a fixed, private environment (HOME and XDG dirs in a
# temporary directory removed on exit, a UTF-8 locale, TERM) and these helpers:
#
#   fail MSG...                  print "FAIL: MSG" and exit 1
#   skip MSG...                  print "SKIP: MSG" and exit 77 (automake: skipped)
#   step MSG...                  print a progress line for the log
#   assert_contains OUT TEXT     OUT must contain TEXT
#   assert_not_contains OUT TEXT OUT must not contain TEXT
#   assert_eq ACTUAL EXPECTED    exact equality
#   lis_run ARGS...              run $LISEUSE_BIN ARGS (stdin as given), set
#                                LIS_RC, LIS_OUT (stdout) and LIS_ERR (stderr);
#                                the raw output is also in $LIS_OUT_FILE and
#                                $LIS_ERR_FILE
#   require_tmux                 skip the test when tmux is missing
#   tmux_start COLS ROWS CMD...  start CMD in a detached COLSxROWS tmux pane on a
#                                private server; CMD may be "$LISEUSE_BIN" ARGS
#   tmux_keys KEYS...            tmux send-keys (use -l for literal text)
#   tmux_capture                 print the pane's screen as text
#   tmux_wait_for TEXT [SECS]    poll the screen every 0.1 s until TEXT shows;
#                                fail with the last screen after SECS
#                                (default $LIS_E2E_TIMEOUT, 10)
#   tmux_wait_gone TEXT [SECS]   poll until TEXT is no longer on the screen
#   tmux_status_row              print the status line (last non-empty row)
#   tmux_wait_status TEXT [SECS] poll until the status line contains TEXT
#   tmux_wait_exit [SECS]        wait for CMD to end; sets LIS_TMUX_STATUS to its
#                                exit status (the pane stays, showing the
#                                screen CMD left behind)
#   tmux_resize COLS ROWS        resize the window (the program gets SIGWINCH)
#   tmux_stop                    kill the private tmux server (done on exit)
#
# Variables it sets: LISEUSE_BIN, top_srcdir, LIS_TEST_DATA, LISEUSE_DATADIR,
# LISEUSE_ARTICLEDIR, LIS_TMP (a scratch directory), LIS_ARTICLE (the bundled
# article), LIS_LOCALE.  Never use fixed sleeps: wait for what must appear.
#
# shellcheck shell=sh disable=SC2034,SC2016,SC2120
# (SC2034: the variables set here are for the tests that source this file;
#  SC2016: the wrapper's $@ and $0 are for the inner shell.)

set -eu

LIS_E2E_DIR=$(cd "$(dirname "$0")" && pwd)

: "${top_srcdir:=$(cd "$LIS_E2E_DIR/../.." && pwd)}"
: "${LIS_TEST_DATA:=$top_srcdir/tests/data}"
: "${LISEUSE_DATADIR:=$top_srcdir/data}"
: "${LISEUSE_ARTICLEDIR:=$top_srcdir/articles}"
: "${LIS_E2E_TIMEOUT:=10}"
export top_srcdir LIS_TEST_DATA LISEUSE_DATADIR LISEUSE_ARTICLEDIR

LIS_ARTICLE=$LISEUSE_ARTICLEDIR/microsoft-tiktok-oracle.txt

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

skip() {
    echo "SKIP: $*" >&2
    exit 77
}

step() {
    echo "--- $*"
}

# ---------------------------------------------------------------- binary
# make check exports LISEUSE_BIN; by hand, look in the usual build places.
if [ -z "${LISEUSE_BIN:-}" ]; then
    for lis_cand in "${top_builddir:-.}/liseuse" ./liseuse ../../liseuse \
                    "$top_srcdir/liseuse"; do
        if [ -x "$lis_cand" ] && [ -f "$lis_cand" ]; then
            LISEUSE_BIN=$lis_cand
            break
        fi
    done
fi
[ -n "${LISEUSE_BIN:-}" ] ||
    skip "liseuse binary not found (set LISEUSE_BIN or run from the build dir)"
case $LISEUSE_BIN in
    /*) ;;
    *) LISEUSE_BIN=$(cd "$(dirname "$LISEUSE_BIN")" && pwd)/$(basename "$LISEUSE_BIN") ;;
esac
[ -x "$LISEUSE_BIN" ] || fail "LISEUSE_BIN=$LISEUSE_BIN is not executable"
export LISEUSE_BIN

# ---------------------------------------------------------------- environment
LIS_TMP=$(mktemp -d "${TMPDIR:-/tmp}/liseuse-e2e.XXXXXX")
LIS_TMUX_SOCKET=
LIS_TMUX_TARGET=lis
LIS_TMUX_STATUS_FILE=$LIS_TMP/tmux.status

lis_cleanup() {
    lis_rc=$?
    trap - EXIT
    tmux_stop
    rm -rf "$LIS_TMP"
    exit "$lis_rc"
}
trap lis_cleanup EXIT
trap 'exit 130' INT HUP TERM

HOME=$LIS_TMP/home
XDG_CONFIG_HOME=$HOME/.config
XDG_DATA_HOME=$HOME/.local/share
XDG_STATE_HOME=$HOME/.local/state
XDG_CACHE_HOME=$HOME/.cache
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME"
export HOME XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME XDG_CACHE_HOME

# A UTF-8 locale that exists here: C.UTF-8 (glibc >= 2.35 and Debian), else
# any other UTF-8 one.
lis_pick_locale() {
    lis_all=$(locale -a 2>/dev/null || true)
    for lis_l in C.UTF-8 C.utf8 en_US.UTF-8 en_US.utf8; do
        if printf '%s\n' "$lis_all" | grep -qx "$lis_l"; then
            echo "$lis_l"
            return 0
        fi
    done
    printf '%s\n' "$lis_all" | grep -i -m 1 'utf-\{0,1\}8$' || true
}
LIS_LOCALE=$(lis_pick_locale)
[ -n "$LIS_LOCALE" ] || skip "no UTF-8 locale installed (locale -a)"
unset LC_ALL LC_CTYPE LC_MESSAGES LC_COLLATE LC_NUMERIC LC_TIME LANGUAGE \
      NO_COLOR COLUMNS LINES TMUX TMUX_PANE LESS
LANG=$LIS_LOCALE
TERM=xterm-256color
export LANG TERM

# ---------------------------------------------------------------- asserts
assert_contains() {
    case $1 in
        *"$2"*) ;;
        *) fail "expected to find [$2] in:
$1" ;;
    esac
}

assert_not_contains() {
    case $1 in
        *"$2"*) fail "did not expect [$2] in:
$1" ;;
        *) ;;
    esac
}

assert_eq() {
    [ "$1" = "$2" ] || fail "expected [$2], got [$1]"
}

LIS_OUT_FILE=$LIS_TMP/run.out
LIS_ERR_FILE=$LIS_TMP/run.err
lis_run() {
    if "$LISEUSE_BIN" "$@" >"$LIS_OUT_FILE" 2>"$LIS_ERR_FILE"; then
        LIS_RC=0
    else
        LIS_RC=$?
    fi
    LIS_OUT=$(cat "$LIS_OUT_FILE")
    LIS_ERR=$(cat "$LIS_ERR_FILE")
}

# ---------------------------------------------------------------- tmux
require_tmux() {
    command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"
}

lis_tmux() {
    [ -n "$LIS_TMUX_SOCKET" ] || fail "tmux_start was not called"
    tmux -L "$LIS_TMUX_SOCKET" -f /dev/null "$@"
}

# Quote each argument for the shell tmux runs the command with.
lis_shquote() {
    lis_q=
    for lis_a in "$@"; do
        lis_e=$(printf '%s' "$lis_a" | sed "s/'/'\\\\''/g")
        lis_q="$lis_q '$lis_e'"
    done
    printf '%s' "$lis_q"
}

tmux_start() {
    [ $# -ge 3 ] || fail "usage: tmux_start COLS ROWS CMD..."
    require_tmux
    lis_cols=$1
    lis_rows=$2
    shift 2
    [ -z "$LIS_TMUX_SOCKET" ] || tmux_stop
    LIS_TMUX_SOCKET=lis-$$
    LIS_TMUX_STATUS_FILE=$LIS_TMP/tmux.status
    rm -f "$LIS_TMUX_STATUS_FILE"
    # A wrapper shell records CMD's exit status and then keeps the pane
    # open, so the last screen stays exactly as CMD left it (tmux's
    # remain-on-exit would scroll it to print "Pane is dead").
    lis_tmux start-server \; \
        set-option -g exit-empty off \; \
        new-session -d -s "$LIS_TMUX_TARGET" -x "$lis_cols" -y "$lis_rows" \
            "exec$(lis_shquote env "TERM=$TERM" sh -c \
                '"$@"; echo $? >"$0.tmp" && mv "$0.tmp" "$0"; exec sleep 86400' \
                "$LIS_TMUX_STATUS_FILE" "$@")" ||
        fail "tmux could not start: $*"
}

tmux_keys() {
    lis_tmux send-keys -t "$LIS_TMUX_TARGET" "$@"
}

tmux_capture() {
    lis_tmux capture-pane -p -t "$LIS_TMUX_TARGET"
}

# Poll until the screen contains ($1 = yes) or lacks ($1 = no) TEXT.
lis_tmux_poll() {
    lis_want=$1
    lis_text=$2
    lis_tries=$(( ${3:-$LIS_E2E_TIMEOUT} * 10 ))
    while :; do
        lis_screen=$(tmux_capture 2>/dev/null || true)
        case $lis_screen in
            *"$lis_text"*) lis_found=yes ;;
            *) lis_found=no ;;
        esac
        [ "$lis_found" = "$lis_want" ] && return 0
        lis_tries=$((lis_tries - 1))
        [ "$lis_tries" -gt 0 ] || break
        sleep 0.1
    done
    if [ "$lis_want" = yes ]; then
        fail "timed out waiting for [$lis_text]; screen:
$lis_screen"
    fi
    fail "timed out waiting for [$lis_text] to go; screen:
$lis_screen"
}

tmux_wait_for() {
    lis_tmux_poll yes "$1" "${2:-}"
}

tmux_wait_gone() {
    lis_tmux_poll no "$1" "${2:-}"
}

# The status line: the last row of the screen that is not empty.
tmux_status_row() {
    tmux_capture | sed '/^$/d' | tail -n 1
}

# Poll the status line until it contains TEXT.
tmux_wait_status() {
    lis_tries=$(( ${2:-$LIS_E2E_TIMEOUT} * 10 ))
    while :; do
        lis_status=$(tmux_status_row 2>/dev/null || true)
        case $lis_status in *"$1"*) return 0 ;; esac
        lis_tries=$((lis_tries - 1))
        [ "$lis_tries" -gt 0 ] ||
            fail "status never showed [$1]; screen:
$(tmux_capture 2>/dev/null || true)"
        sleep 0.1
    done
}

tmux_wait_exit() {
    lis_tries=$(( ${1:-$LIS_E2E_TIMEOUT} * 10 ))
    while [ ! -s "$LIS_TMUX_STATUS_FILE" ]; do
        lis_tries=$((lis_tries - 1))
        [ "$lis_tries" -gt 0 ] ||
            fail "timed out waiting for the program to exit; screen:
$(tmux_capture 2>/dev/null || true)"
        sleep 0.1
    done
    LIS_TMUX_STATUS=$(cat "$LIS_TMUX_STATUS_FILE")
}

tmux_resize() {
    lis_tmux resize-window -t "$LIS_TMUX_TARGET" -x "$1" -y "$2"
}

tmux_stop() {
    if [ -n "$LIS_TMUX_SOCKET" ]; then
        tmux -L "$LIS_TMUX_SOCKET" -f /dev/null kill-server \
            >/dev/null 2>&1 || true
        LIS_TMUX_SOCKET=
    fi
}
