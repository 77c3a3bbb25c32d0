#!/bin/sh
# tests/e2e/library.sh -- the list of articles: `liseuse DIR` and several
# files open it (newest first, quotes and parties counted in the
# background), Enter opens an article, q comes back, :n / :p go to the
# next / previous one, q in the list quits; with no argument, an articles
# directory with one article opens it directly, with several the list.
. "$(dirname "$0")/lib.sh"
require_tmux

CORPUS=$LIS_TEST_DATA/corpus/wikinews-fr-2012
LIB=$LIS_TMP/lib
mkdir -p "$LIB" "$LIB/sub"
# three dated articles and an undated one (the bundled article)
cp "$CORPUS/44046.txt" "$CORPUS/45761.txt" "$CORPUS/45789.txt" "$LIB/"
cp "$LIS_ARTICLE" "$LIB/"
echo "not an article" >"$LIB/notes.md"
cd "$LIS_TMP" || fail "cd $LIS_TMP"

title_of() {    # FILE: the front matter title
    sed -n 's/^title: //p' "$1" | head -n 1
}
# The first 20 characters of a title, as the list shows it (cut at 80
# columns).
short() {
    printf '%s' "$1" | cut -c1-20
}
T_NEW=$(short "$(title_of "$CORPUS/45789.txt")")      # 2012-11-12
T_MID=$(short "$(title_of "$CORPUS/45761.txt")")      # 2012-11-10
T_OLD=$(short "$(title_of "$CORPUS/44046.txt")")      # 2012-05-29
T_MS=$(short "$(title_of "$LIS_ARTICLE")")            # no date

row_of() {      # TEXT: screen row (1-based) where TEXT shows, or 0
    tmux_capture | grep -n -F -- "$1" | head -n 1 | cut -d: -f1 || true
}
title_bar() {
    tmux_capture | head -n 1
}
wait_title() {
    lis_t=0
    while :; do
        case $(title_bar) in *"$1"*) return 0 ;; esac
        lis_t=$((lis_t + 1))
        [ "$lis_t" -lt 100 ] || fail "title bar never showed [$1]:
$(tmux_capture)"
        sleep 0.1
    done
}

step "liseuse DIR lists its *.txt articles, newest first"
tmux_start 80 24 "$LISEUSE_BIN" --no-resume "$LIB"
tmux_wait_for "4 articles"
screen=$(tmux_capture)
assert_contains "$screen" "2012-11-12"
assert_not_contains "$screen" "notes.md"
r1=$(row_of "$T_NEW"); r2=$(row_of "$T_MID"); r3=$(row_of "$T_OLD")
r4=$(row_of "$T_MS")
if ! { [ "$r1" -gt 0 ] && [ "$r1" -lt "$r2" ] && [ "$r2" -lt "$r3" ] &&
        [ "$r3" -lt "$r4" ]; }; then
    fail "not sorted by date ($r1 $r2 $r3 $r4):
$screen"
fi

step "quotes and parties are counted as the analysis says"
# a count not known yet is "…", and the parties column ends the line
lis_t=0
while tmux_capture | grep -q '…$'; do
    lis_t=$((lis_t + 1))
    [ "$lis_t" -lt 100 ] || fail "counts never arrived:
$(tmux_capture)"
    sleep 0.1
done
n_quotes=$("$LISEUSE_BIN" --analyze --format=text "$LIS_ARTICLE" |
           sed -n 's/^\([0-9]*\) quotations\{0,1\}$/\1/p')
n_parties=$("$LISEUSE_BIN" --analyze "$LIS_ARTICLE" | grep -o '"role":' |
            wc -l | tr -d ' ')
[ -n "$n_quotes" ] || fail "no quotation count from --analyze"
line=$(tmux_capture | grep -F -- "$T_MS")
printf '%s\n' "$line" | grep -Eq " $n_quotes +$n_parties *\$" ||
    fail "expected $n_quotes quotes and $n_parties parties in [$line]"

step "Enter opens the selected article; q comes back to the list"
tmux_keys j j j
tmux_keys Enter
wait_title "$T_MS"
tmux_wait_for "TikTok est dans une impasse"
tmux_wait_status "§"
tmux_keys q
tmux_wait_for "4 articles"
# the article just read is still selected: Enter opens it again
tmux_keys Enter
wait_title "$T_MS"

step ":p and :n go to the previous / next article in the list's order"
tmux_keys :
tmux_keys p
wait_title "$T_OLD"
tmux_keys :
tmux_keys p
wait_title "$T_MID"
tmux_keys :
tmux_keys n
wait_title "$T_OLD"
tmux_keys :
tmux_keys n
wait_title "$T_MS"
tmux_keys :
tmux_keys n
tmux_wait_status "no next article"

step "q in the list quits"
tmux_keys q
tmux_wait_for "4 articles"
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0

step "several files open the list too"
tmux_start 80 24 "$LISEUSE_BIN" --no-resume "$LIB/44046.txt" "$LIS_ARTICLE"
tmux_wait_for "2 articles"
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0

step "a directory without articles is an error"
lis_run --plain "$LIB/sub"
assert_eq "$LIS_RC" 2
assert_contains "$LIS_ERR" "no articles"

step "a directory argument also works without a terminal"
lis_run --analyze --format=text "$LIB"
assert_eq "$LIS_RC" 0
assert_contains "$LIS_OUT" "$T_MS"
assert_contains "$LIS_OUT" "$T_OLD"

step "no argument: one bundled article opens directly"
tmux_start 80 24 "$LISEUSE_BIN" --no-resume
tmux_wait_for "TikTok est dans une impasse"
assert_not_contains "$(tmux_capture)" "liseuse — "
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0

step "no argument: an articles directory with several opens the list"
tmux_start 80 24 env LISEUSE_ARTICLEDIR="$LIB" "$LISEUSE_BIN" --no-resume
tmux_wait_for "4 articles"
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0

echo "PASS"
