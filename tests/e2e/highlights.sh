#!/bin/sh
# tests/e2e/highlights.sh -- reading with the analysis at 80x24: quote
# jumps with the speaker on the status line, accent-insensitive search,
# highlight toggling, NO_COLOR, the help overlay and the quote list.
. "$(dirname "$0")/lib.sh"
require_tmux
cd "$LIS_TMP"

ESC=$(printf '\033')

# The screen with its attributes, as SGR escapes.
capture_sgr() {
    lis_tmux capture-pane -e -p -t "$LIS_TMUX_TARGET"
}
# The text rows only (no title bar, no status line), with attributes.
text_sgr() {
    capture_sgr | sed '1d;$d'
}
# Colour SGRs: 30-37/40-47/90-107 foregrounds and backgrounds, 38;5 and
# 48;5 (256 colours), 38;2/48;2 (direct colour).  39 and 49 only reset to
# the terminal's defaults (tmux emits them after reverse video).
has_colour() {
    printf '%s\n' "$1" |
        grep -Eq "$ESC\\[([0-9]+;)*(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9]+)*m"
}

step "quotes: ] six times visits the six quotations in order"
tmux_start 80 24 "$LISEUSE_BIN" --no-resume "$LIS_ARTICLE"
tmux_wait_for "TikTok est dans une impasse"
# the analysis is done when quote jumps work: no "analysing" left
tmux_wait_gone "analysing"
for i in 1 2 3 4 5 6; do
    tmux_keys ']'
    # every quotation in this article is Microsoft's (named, or "la
    # société", "la multinationale américaine")
    tmux_wait_status "quote $i/6 — Microsoft"
    # the focused quote is drawn on screen in its own style
    text_sgr | grep -q "$ESC\\[" || fail "no highlight on screen at quote $i"
done
step "[ goes back"
tmux_keys '['
tmux_wait_status "quote 5/6 — Microsoft"
tmux_keys '['
tmux_wait_status "quote 4/6 — Microsoft"
step "] past the last wraps around with a notice"
tmux_keys ']' ']' ']'
tmux_wait_status "quote 1/6"
case $(tmux_status_row) in
    *"back to the first"*) ;;
    *) fail "no wrap-around notice: $(tmux_status_row)" ;;
esac

step "Q lists the quotations; Enter jumps"
tmux_keys Q
tmux_wait_for "Quotations"
screen=$(tmux_capture)
assert_contains "$screen" "ByteDance nous a informés"
assert_contains "$screen" "  6 Microsoft"
tmux_keys j j Enter
tmux_wait_status "quote 3/6 — Microsoft"

step "H cycles the highlights; off means no colour in the text"
has_colour "$(text_sgr)" || fail "expected coloured highlights before H"
tmux_keys H
tmux_wait_status "highlights: quotations"
tmux_keys H
tmux_wait_status "highlights: entities"
tmux_keys H
tmux_wait_status "highlights: off"
if has_colour "$(text_sgr)"; then
    fail "colours left with highlights off:
$(text_sgr | cat -v)"
fi
tmux_keys H
tmux_wait_status "highlights: quotations and entities"

step "search: /etats is accent-insensitive, / usa finds USA"
tmux_keys g / e t a t s Enter
# the bundled article speaks of the USA, not of the États-Unis
tmux_wait_status "pattern not found"
tmux_keys / u s a Enter
tmux_wait_status "match 1/"
assert_contains "$(tmux_capture)" "USA"
tmux_keys n
tmux_wait_status "match 2/"
tmux_keys N
tmux_wait_status "match 1/"
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0

step "search in an article with États: accents folded, '=' keeps them"
art=$LIS_TMP/etats.txt
{
    i=1
    while [ "$i" -le 60 ]; do
        echo "Ligne $i, pour remplir l’écran."
        i=$((i + 1))
    done
    echo "Les États-Unis ont répondu. Une œuvre de l’État."
    echo "Fin."
} >"$art"
tmux_start 80 24 "$LISEUSE_BIN" --no-resume "$art"
tmux_wait_for "Ligne 1,"
tmux_keys / e t a t s
# incremental: the view moves while typing, before Enter
tmux_wait_for "États-Unis"
tmux_keys Enter
tmux_wait_status "match 1/1"
# the current match is highlighted on screen
capture_sgr | grep -q "${ESC}\\[[0-9;]*mÉtats" ||
    fail "match not highlighted"
tmux_keys / e t a t Enter
tmux_wait_status "match 1/2"
tmux_keys n
tmux_wait_status "match 2/2"
tmux_keys n
tmux_wait_status "continuing at TOP"
tmux_keys / = e t a t s Enter
tmux_wait_status "pattern not found"
tmux_keys / = é t a t s Enter
tmux_wait_status "match 1/1"
tmux_keys / o e u v r e Enter
tmux_wait_status "match 1/1"
tmux_keys / "l'etat" Enter
tmux_wait_status "match 1/1"
# Esc in the prompt goes back to where the search started
# ("Ligne 1" is also the title: watch "Ligne 2")
tmux_keys g
tmux_wait_for "Ligne 2,"
tmux_keys / e t a t s
tmux_wait_gone "Ligne 2,"
tmux_keys Escape
tmux_wait_for "Ligne 2,"
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0

step "NO_COLOR: attributes only, no colour escapes"
tmux_start 80 24 env NO_COLOR=1 "$LISEUSE_BIN" --no-resume "$LIS_ARTICLE"
tmux_wait_for "TikTok est dans une impasse"
tmux_wait_gone "analysing"
tmux_keys ']'
tmux_wait_status "quote 1/6"
screen=$(capture_sgr)
if has_colour "$screen"; then
    fail "colour escapes with NO_COLOR=1:
$(printf '%s\n' "$screen" | cat -v)"
fi
# highlights are still there, as bold / underline / reverse
printf '%s\n' "$screen" | sed '1d;$d' | grep -Eq "$ESC\\[([0-9]+;)*(1|4|7)(;[0-9]+)*m" ||
    fail "no highlight attributes with NO_COLOR=1"

step "h shows the help generated from the keymap"
tmux_keys h
tmux_wait_for "next quotation"
screen=$(tmux_capture)
printf '%s\n' "$screen" | grep -Eq '^ *\] +next quotation' ||
    fail "help does not list ]:
$screen"
assert_contains "$screen" "search forward"
tmux_keys q
tmux_wait_gone "next quotation"
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0

echo "PASS: highlights"
