#!/bin/sh
# tests/e2e/export.sh -- marking, notes and the export dialog at 80x24:
# mark quotes 2 and 5 (x), add a note (a), export the marked quotes to
# Markdown through the dialog (e), refuse to replace the file (n), export
# JSON to a typed path (Backspace removes a whole é), then check that the
# marks survive a restart and that the CLI exports the same thing.  A
# damaged annotations file is never saved over.
. "$(dirname "$0")/lib.sh"
require_tmux

mkdir -p "$LIS_TMP/art" "$LIS_TMP/work"
ART=$LIS_TMP/art/microsoft-tiktok-oracle.txt
cp "$LIS_ARTICLE" "$ART"
cd "$LIS_TMP/work" || fail "cd $LIS_TMP/work"
OUT=$LIS_TMP/art/microsoft-tiktok-oracle-extraits.md
QUOTE2="était une bonne chose pour les utilisateurs"
QUOTE5="lors de la déclaration du mois d’août dernier"
NOTE='À garder : « la société » regrette'

start_reader() {
    tmux_start 80 24 "$LISEUSE_BIN" --no-resume "$ART"
    tmux_wait_for "TikTok est dans une impasse"
    tmux_wait_gone "analysing"
}

step "x marks quotes 2 and 5"
start_reader
tmux_keys ']' ']'
tmux_wait_status "quote 2/6"
tmux_keys x
tmux_wait_status "quote 2 marked"
tmux_keys ']' ']' ']'
tmux_wait_status "quote 5/6"
tmux_keys x
tmux_wait_status "quote 5 marked"

step "a adds a note to the focused quote"
tmux_keys a
tmux_wait_status "note:"
tmux_keys -l "$NOTE"
tmux_keys Enter
tmux_wait_status "note saved"
ls "$XDG_DATA_HOME"/liseuse/*.json >/dev/null 2>&1 ||
    fail "no annotations file in $XDG_DATA_HOME/liseuse"

step "e: marked quotes as Markdown, default file beside the article"
tmux_keys e
tmux_wait_for "Export excerpts"
tmux_keys m Tab m
tmux_wait_for "marked quotes"
tmux_wait_for "2 excerpts"
tmux_keys Enter
tmux_wait_status "export to: $LIS_TMP/art/microsoft-tiktok-oracle-extraits"
tmux_keys Enter
tmux_wait_status "2 excerpts → "
[ -f "$OUT" ] || fail "no export at $OUT"
md=$(cat "$OUT")
assert_contains "$md" "$QUOTE2"
assert_contains "$md" "$QUOTE5"
assert_contains "$md" "$NOTE"
assert_contains "$md" "— Microsoft"
assert_not_contains "$md" "ByteDance nous a informés"
# no temporary file left beside it
[ -z "$(find "$LIS_TMP/art" -name '.*' -type f)" ] ||
    fail "temporary file left: $(ls -a "$LIS_TMP/art")"

step "an existing file is replaced only after y: n leaves it"
echo "kept by hand" >>"$OUT"
cp "$OUT" "$LIS_TMP/before.md"
tmux_keys e
tmux_wait_for "Export excerpts"
tmux_keys Enter
tmux_wait_status "export to: "
tmux_keys Enter
tmux_wait_status "replace? (y/n)"
tmux_keys n
tmux_wait_status "export cancelled"
cmp -s "$OUT" "$LIS_TMP/before.md" || fail "the file changed after n"
tmux_keys e
tmux_wait_for "Export excerpts"
tmux_keys Enter
tmux_wait_status "export to: "
tmux_keys Enter
tmux_wait_status "replace? (y/n)"
tmux_keys y
tmux_wait_status "2 excerpts → "
assert_not_contains "$(cat "$OUT")" "kept by hand"

step "a typed path; Backspace removes a whole é"
tmux_keys e
tmux_wait_for "Export excerpts"
tmux_keys Tab j
tmux_wait_for "json"
tmux_keys Enter
tmux_wait_status "export to: "
tmux_keys C-u
tmux_keys -l "$LIS_TMP/résumé"
tmux_keys BSpace
tmux_keys -l "é.json"
tmux_keys Enter
tmux_wait_status "2 excerpts → "
[ -f "$LIS_TMP/résumé.json" ] ||
    fail "no $LIS_TMP/résumé.json: $(ls "$LIS_TMP")"
json=$(cat "$LIS_TMP/résumé.json")
assert_contains "$json" '"liseuse-excerpts/1"'
assert_contains "$json" "$QUOTE5"
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0

step "the marks survive a restart: the CLI exports the same quotes"
lis_run --export=md --select=marked "$ART"
assert_eq "$LIS_RC" 0
assert_contains "$LIS_OUT" "$QUOTE2"
assert_contains "$LIS_OUT" "$QUOTE5"
assert_contains "$LIS_OUT" "$NOTE"
assert_eq "$LIS_OUT" "$(cat "$OUT")"
start_reader
tmux_keys ']' ']'
tmux_wait_status "quote 2/6"
tmux_keys x
tmux_wait_status "quote 2 unmarked"
tmux_keys x
tmux_wait_status "quote 2 marked"

step "a on an unmarked quote marks it with the note; Esc leaves it unmarked"
tmux_keys ']'
tmux_wait_status "quote 3/6"
tmux_keys a
tmux_wait_status "note:"
tmux_keys Escape
tmux_wait_status "note unchanged"
tmux_keys x
tmux_wait_status "quote 3 marked"
tmux_keys x
tmux_wait_status "quote 3 unmarked"

step "v selects lines, v saves a highlight"
# Esc clears the focused quote (alone: Esc and a key at once read as Alt)
tmux_keys Escape
lis_t=0
while case $(tmux_status_row) in *"quote 2/6"*) true ;; *) false ;; esac; do
    lis_t=$((lis_t + 1))
    [ "$lis_t" -lt 100 ] || fail "Esc did not clear the focus"
    sleep 0.1
done
tmux_keys g v j
tmux_wait_status "v saves"
tmux_keys v
tmux_wait_status "highlight saved"
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0
lis_run --export=txt --select=highlights "$ART"
assert_eq "$LIS_RC" 0
assert_contains "$LIS_OUT" "TikTok est dans une impasse. Le gouvernement Trump"

step "the article on stdin: the default file is in the current directory"
# shellcheck disable=SC2016 # $0 and $1 are for the inner shell
tmux_start 80 24 sh -c 'exec "$0" --no-resume - <"$1"' "$LISEUSE_BIN" "$ART"
tmux_wait_for "TikTok est dans une impasse"
tmux_wait_gone "analysing"
tmux_keys e
tmux_wait_for "Export excerpts"
tmux_keys Enter
tmux_wait_status "export to: extraits.md"
tmux_keys Enter
tmux_wait_status "2 excerpts → extraits.md"
assert_contains "$(cat "$LIS_TMP/work/extraits.md")" "$QUOTE5"
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0

if [ "$(id -u)" -ne 0 ]; then
    step "a read-only article directory: the default file is here"
    mkdir "$LIS_TMP/ro"
    cp "$ART" "$LIS_TMP/ro/"
    chmod 555 "$LIS_TMP/ro"
    tmux_start 80 24 "$LISEUSE_BIN" --no-resume "$LIS_TMP/ro/${ART##*/}"
    tmux_wait_for "TikTok est dans une impasse"
    tmux_wait_gone "analysing"
    tmux_keys e
    tmux_wait_for "Export excerpts"
    tmux_keys Enter
    tmux_wait_status "export to: microsoft-tiktok-oracle-extraits.md"
    tmux_keys Escape
    tmux_wait_status "export cancelled"
    tmux_keys q
    tmux_wait_exit
    chmod 755 "$LIS_TMP/ro"
fi

step "a damaged annotations file is never saved over"
ann=$(ls "$XDG_DATA_HOME"/liseuse/*.json)
printf '{"format": "liseuse-annotations/1", "marks": [' >"$ann"
cp "$ann" "$LIS_TMP/damaged"
start_reader
tmux_wait_status "will not be saved"
tmux_keys ']' x
tmux_wait_status "not saved"
cmp -s "$ann" "$LIS_TMP/damaged" || fail "the damaged file was replaced"
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0

echo "PASS"
