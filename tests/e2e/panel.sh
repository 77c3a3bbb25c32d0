#!/bin/sh
# tests/e2e/panel.sh -- the side panel: docked at 120x30 with the deal and
# its five parties (role labels), the article keeping its 80-column
# measure beside it; Tab gives it the focus, Down selects Microsoft, Enter
# lands the article on Microsoft's mentions (emphasised while selected),
# G g and the page keys move the selection, not the article;
# p hides and shows it; at 60x20 it opens over the article in a box and p
# closes it; an article without a deal says so; resizing between 120 and
# 60 columns (and down to 1x1) with the panel open never kills the reader.
. "$(dirname "$0")/lib.sh"
require_tmux
cd "$LIS_TMP" || exit 1

ESC=$(printf '\033')
NODEAL=$LIS_TEST_DATA/corpus/wikinews-fr-2012/43971.txt

# The panel's column: what is right of the docked panel's separator.
panel_text() {
    tmux_capture | sed -n 's/^.*│ \{0,1\}//p'
}
# NAME's row in the panel is followed by a row that starts with LABEL.
assert_party() {
    printf '%s\n' "$1" | awk -v name="$2" -v label="$3" '
        prev_name && index($0, label) == 3 { found = 1 }
        { prev_name = index($0, name) == 1 }
        END { exit !found }' ||
        fail "no party [$2] labelled [$3] in the panel:
$1"
}
# Text rows (no title, no status line) with their attributes.
text_sgr() {
    lis_tmux capture-pane -e -p -t "$LIS_TMUX_TARGET" | sed '1d;$d'
}
# How many times WORD is drawn on a coloured background in the text rows.
count_on_background() {
    text_sgr | grep -o "$ESC\\[[0-9;]*48;5;[0-9]*m$1" | wc -l
}

step "120x30: the panel is shown beside the article by default"
tmux_start 120 30 "$LISEUSE_BIN" --no-resume "$LIS_ARTICLE"
tmux_wait_for "Deal"
tmux_wait_for "Rejected bidder"
screen=$(tmux_capture)
# the article keeps its measure: this line is exactly what an 80-column
# wrap gives, uncut by the panel
assert_contains "$screen" "accepte l’achat de cette application ultra populaire chez les jeunes Américains, │"
assert_not_contains "$screen" "No deal found"
panel=$(panel_text)
assert_contains "$panel" "Rachat"
assert_party "$panel" "les activités américaines de TikTok" "Target"
assert_party "$panel" "ByteDance" "Seller"
assert_party "$panel" "Oracle" "Chosen bidder"
assert_party "$panel" "Microsoft" "Rejected bidder"
assert_party "$panel" "gouvernement Trump" "Authority"
assert_contains "$panel" "Rejected bidder · 15 mentions"
# evidence sentences are cut to the panel's width with an ellipsis
assert_contains "$panel" "…"

step "Tab gives the panel the focus; Down selects Microsoft"
tmux_keys Tab
tmux_wait_status "panel — "
i=0
until tmux_status_row | grep -q "panel — Microsoft (Rejected bidder)"; do
    i=$((i + 1))
    [ "$i" -le 6 ] || fail "Down never reached Microsoft: $(tmux_status_row)"
    tmux_keys Down
    sleep 0.2
done
# its mentions stand out in the article while it is selected
[ "$(count_on_background Microsoft)" -ge 2 ] ||
    fail "Microsoft's mentions are not emphasised:
$(text_sgr)"
[ "$(count_on_background Oracle)" -eq 0 ] ||
    fail "Oracle's mentions emphasised while Microsoft is selected"

step "Enter lands the article on Microsoft's mentions, in order"
tmux_keys Enter
tmux_wait_status "Microsoft — mention 1/15"
tmux_keys Enter
tmux_wait_status "Microsoft — mention 2/15"
# the landed mention is on screen
tmux_capture | sed '1d;$d' | cut -c1-82 | grep -q "Microsoft" ||
    fail "no Microsoft in the article rows: $(tmux_capture)"

step "in the panel G and g select the last and first party; the article stays"
before=$(tmux_capture | sed '1d;$d' | cut -c1-80)
tmux_keys G
tmux_wait_status "panel — gouvernement Trump (Authority)"
tmux_keys g
tmux_wait_status "panel — les activités américaines de TikTok (Target)"
tmux_keys PageDown
tmux_wait_status "panel — gouvernement Trump (Authority)"
assert_eq "$(tmux_capture | sed '1d;$d' | cut -c1-80)" "$before"

step "Esc gives the focus back to the article; the emphasis goes"
tmux_keys Escape
tmux_wait_status "focus: article"
[ "$(count_on_background Microsoft)" -le 1 ] ||
    fail "Microsoft's mentions still emphasised after Esc:
$(text_sgr)"
tmux_keys j
tmux_wait_for "Deal"

step "p hides the docked panel (the article is centred again) and shows it"
tmux_keys p
tmux_wait_gone "Rejected bidder"
assert_not_contains "$(tmux_capture)" "│"
tmux_keys p
tmux_wait_for "Rejected bidder"
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0

step "60x20: no panel at start; p opens it over the article, boxed"
tmux_start 60 20 "$LISEUSE_BIN" --no-resume "$LIS_ARTICLE"
tmux_wait_for "TikTok est dans une impasse"
assert_not_contains "$(tmux_capture)" "Deal"
tmux_keys p
tmux_wait_for "┌"
screen=$(tmux_capture)
assert_contains "$screen" "│ Deal"
assert_contains "$screen" "┘"
assert_contains "$(tmux_status_row)" "panel — "
# nothing drawn past the right edge: every row fits in 60 columns
printf '%s\n' "$screen" | while IFS= read -r row; do
    [ "$(printf '%s' "$row" | wc -m)" -le 60 ] ||
        fail "a row is wider than the terminal: [$row]"
done
step "in the overlay, Down and Enter jump; the overlay closes to show it"
tmux_keys Down Down Down Enter
tmux_wait_status "Microsoft — mention"
tmux_wait_gone "┌"
step "p opens it again and p closes it"
tmux_keys p
tmux_wait_for "┌"
tmux_keys p
tmux_wait_gone "┌"
assert_not_contains "$(tmux_capture)" "Deal"
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0

step "an article that reports no deal says so"
tmux_start 120 30 "$LISEUSE_BIN" --no-resume "$NODEAL"
tmux_wait_for "No deal found in this article."
tmux_keys Tab
tmux_wait_status "panel — "
tmux_keys Down Enter Tab
tmux_wait_status "focus: article"
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0

step "resizing between 120 and 60 columns with the panel open"
tmux_start 120 30 "$LISEUSE_BIN" --no-resume --panel "$LIS_ARTICLE"
tmux_wait_for "Rejected bidder"
tmux_keys Tab Down
for size in "60 20" "120 30" "60 20" "120 30" "1 1" "300 100" "33 5" \
            "110 4" "12 3" "60 20"; do
    # shellcheck disable=SC2086  # two words
    tmux_resize $size
    tmux_keys Down
done
tmux_wait_for "┌"
tmux_resize 120 30
tmux_wait_for "│ Deal"
tmux_keys Enter
tmux_wait_status "— mention"
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0

step "the help lists the panel keys"
tmux_start 120 40 "$LISEUSE_BIN" --no-resume --no-panel "$LIS_ARTICLE"
tmux_wait_for "TikTok est dans une impasse"
assert_not_contains "$(tmux_capture)" "Deal"
tmux_keys h
tmux_wait_for "side panel"
screen=$(tmux_capture)
assert_contains "$screen" "move the focus between article and panel"
tmux_keys q q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0
