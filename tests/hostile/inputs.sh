#!/bin/sh
# inputs.sh -- hostile files: invalid UTF-8, sizes, NUL bytes, things that
# are not files.  Nothing crashes or hangs; refusals are one clear line.
. "$(dirname "$0")/../e2e/lib.sh"

# Run with a time limit: a hang is a failure, not a stuck test suite.
lis_run_bounded() {
    secs=$1
    shift
    if timeout "$secs" "$LISEUSE_BIN" "$@" >"$LIS_OUT_FILE" 2>"$LIS_ERR_FILE"; then
        LIS_RC=0
    else
        LIS_RC=$?
    fi
    [ "$LIS_RC" -ne 124 ] || fail "liseuse $* did not finish in $secs s"
    LIS_OUT=$(cat "$LIS_OUT_FILE")
    LIS_ERR=$(cat "$LIS_ERR_FILE")
}

assert_one_line_error() {
    [ "$LIS_RC" -ne 0 ] || fail "$1: expected a failure"
    [ "$(wc -l < "$LIS_ERR_FILE")" -eq 1 ] || fail "$1: not one line: $LIS_ERR"
    assert_contains "$LIS_ERR" "$2"
}

step "UTF-8 decoder stress: one U+FFFD per maximal subpart"
# Our own cases in the spirit of Markus Kuhn's test file: the Unicode
# example (3 subparts), overlongs, surrogates, 5- and 6-byte forms, FE/FF,
# truncated sequences.
printf 'a\361\200\200\341\200\302b\n' > "$LIS_TMP/maximal.txt"
lis_run_bounded 20 --analyze "$LIS_TMP/maximal.txt"
assert_eq "$LIS_RC" 0
assert_contains "$LIS_OUT" '"invalid_sequences":3'
lis_run_bounded 20 "$LIS_TMP/maximal.txt"
assert_eq "$LIS_OUT" "a���b"
printf 'o \300\200 \340\200\200 s \355\240\200 f \370\210\200\200\200 x \374\204\200\200\200\200 fe \376 ff \377 t \342\202\n' \
    > "$LIS_TMP/stress.txt"
lis_run_bounded 20 "$LIS_TMP/stress.txt"
assert_eq "$LIS_RC" 0
lis_run_bounded 20 --analyze "$LIS_TMP/stress.txt"
assert_eq "$LIS_RC" 0

step "Windows-1252 is detected and decoded"
printf 'Le caf\351 co\373te 3 \200, \223cit\351\224.\n' > "$LIS_TMP/cp1252.txt"
lis_run_bounded 20 "$LIS_TMP/cp1252.txt"
assert_eq "$LIS_OUT" "Le café coûte 3 €, “cité”."

step "empty file: opens, no error, and the reader says it is empty"
: > "$LIS_TMP/empty.txt"
lis_run_bounded 20 "$LIS_TMP/empty.txt"
assert_eq "$LIS_RC" 0
tmux_start 60 10 "$LISEUSE_BIN" --no-resume "$LIS_TMP/empty.txt"
tmux_wait_for "empty file"
tmux_keys G j k space b q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0

step "NUL bytes: refused unless --force"
printf 'abc\000def\n' > "$LIS_TMP/nul.bin"
lis_run_bounded 20 "$LIS_TMP/nul.bin"
assert_one_line_error "NUL file" "nul.bin"
lis_run_bounded 20 --force "$LIS_TMP/nul.bin"
assert_eq "$LIS_RC" 0
assert_contains "$LIS_OUT" "abc^@def"

step "a directory, a FIFO, /dev/zero: refused at once"
# a directory is a list of articles (its *.txt files): one without any
# is refused
mkdir "$LIS_TMP/no-articles"
: >"$LIS_TMP/no-articles/readme.md"
lis_run_bounded 10 "$LIS_TMP/no-articles"
assert_one_line_error "directory" "no-articles"
mkfifo "$LIS_TMP/fifo"
lis_run_bounded 10 "$LIS_TMP/fifo"
assert_one_line_error "FIFO" "fifo"
lis_run_bounded 10 /dev/zero
assert_one_line_error "/dev/zero" "/dev/zero"

step "one 5 MB line without spaces"
head -c 5000000 /dev/zero | tr '\0' 'x' > "$LIS_TMP/long.txt"
lis_run_bounded 60 --width 80 "$LIS_TMP/long.txt"
assert_eq "$LIS_RC" 0
[ "$(wc -l < "$LIS_OUT_FILE")" -eq 62500 ] || fail "5 MB / 80 should be 62500 lines"

step "100 000 combining marks on one letter"
{
    printf 'e'
    i=0
    while [ $i -lt 1000 ]; do printf '%0100d' 0; i=$((i + 1)); done | sed 's/0/\xcc\x81/g'
    printf ' fin\n'
} > "$LIS_TMP/combining.txt"
lis_run_bounded 60 --width 40 "$LIS_TMP/combining.txt"
assert_eq "$LIS_RC" 0
assert_contains "$LIS_OUT" "fin"
lis_run_bounded 60 --analyze "$LIS_TMP/combining.txt"
assert_eq "$LIS_RC" 0

step "in the reader: 5 MB line and combining marks"
tmux_start 80 24 "$LISEUSE_BIN" --no-resume "$LIS_TMP/long.txt"
tmux_wait_for "xxxxxxxxxx" 30
tmux_keys G
tmux_wait_for "100%" 30
tmux_keys q
tmux_wait_exit 30
assert_eq "$LIS_TMUX_STATUS" 0
tmux_start 40 10 "$LISEUSE_BIN" --no-resume "$LIS_TMP/combining.txt"
tmux_wait_for "fin" 30
tmux_keys q
tmux_wait_exit 30
assert_eq "$LIS_TMUX_STATUS" 0

step "a 100 MB article opens at once"
big=$LIS_TMP/big.txt
: > "$big"
while [ "$(wc -c < "$big")" -lt 100000000 ]; do
    cat "$LIS_TEST_DATA"/corpus/wikinews-fr-2012/*.txt "$big" > "$big.tmp" 2>/dev/null ||
        fail "cannot build the big article"
    mv "$big.tmp" "$big"
done
tmux_start 80 24 "$LISEUSE_BIN" --no-resume "$big"
tmux_wait_for "%" 60
tmux_keys G
tmux_wait_for "100%" 60
tmux_keys g
tmux_wait_for " 0%" 60
tmux_keys q
tmux_wait_exit 60
assert_eq "$LIS_TMUX_STATUS" 0
rm -f "$big"
echo "ok"
