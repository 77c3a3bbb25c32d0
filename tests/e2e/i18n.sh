#!/bin/sh
# tests/e2e/i18n.sh -- the interface speaks French under a French locale and
# English otherwise: --help, error messages, the --analyze text report, the
# reader's status line and help screen in tmux, plural forms (ngettext) in
# both languages; the JSON analysis stays language-neutral; po/fr.po
# translates every message of the current sources.
#
# The binary run from the build tree reads the catalogues that `make` lays
# out in po/locale/ (see po-locale in Makefile.am and src/main.c).
. "$(dirname "$0")/lib.sh"
cd "$LIS_TMP" || exit 1

lis_builddir=$(dirname "$LISEUSE_BIN")
if [ -f "$lis_builddir/config.h" ] &&
   ! grep -q '^#define ENABLE_NLS 1' "$lis_builddir/config.h"; then
    skip "built without NLS (configure --disable-nls)"
fi
[ -f "$lis_builddir/po/locale/fr/LC_MESSAGES/liseuse.mo" ] ||
    fail "no po/locale/fr/LC_MESSAGES/liseuse.mo in $lis_builddir (make builds it)"

# gettext ignores LANGUAGE under the C locale, so French needs a real French
# UTF-8 locale (bootstrap.sh generates fr_FR.UTF-8).
LIS_FR_LOCALE=$(locale -a 2>/dev/null |
    grep -i -m 1 -x 'fr_FR\.utf-\{0,1\}8' ||
    locale -a 2>/dev/null | grep -i -m 1 -x 'fr_[A-Z][A-Z]\.utf-\{0,1\}8' ||
    true)
[ -n "$LIS_FR_LOCALE" ] ||
    skip "no French UTF-8 locale installed (locale -a); run bootstrap.sh or
locale-gen fr_FR.UTF-8"

in_french() {
    LANG=$LIS_FR_LOCALE
    LANGUAGE=fr
    export LANG LANGUAGE
}
in_english() {
    LANG=$LIS_LOCALE
    unset LANGUAGE
}

# ------------------------------------------------------------ the catalogue
step "po/POTFILES.in lists every source file with translatable strings"
for f in $(cd "$top_srcdir" &&
           grep -l -E '(^|[^A-Za-z0-9_])(_|N_|P_)\("' \
               src/*.c src/ui/*.c src/*.h src/ui/*.h include/liseuse/*.h); do
    grep -q -x "$f" "$top_srcdir/po/POTFILES.in" ||
        fail "$f has translatable strings but is not in po/POTFILES.in"
done
# shellcheck disable=SC2013  # one path a line, no spaces
for f in $(sed -e 's/#.*//' "$top_srcdir/po/POTFILES.in"); do
    [ -f "$top_srcdir/$f" ] || fail "po/POTFILES.in lists $f, which does not exist"
done

step "po/fr.po translates every message of the current sources"
if command -v xgettext >/dev/null 2>&1 && command -v msgmerge >/dev/null 2>&1 &&
   command -v msgfmt >/dev/null 2>&1 && command -v msgattrib >/dev/null 2>&1; then
    opts=$(sed -n 's/^XGETTEXT_OPTIONS *= *//p' "$top_srcdir/po/Makevars")
    sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$top_srcdir/po/POTFILES.in" \
        >"$LIS_TMP/potfiles"
    # shellcheck disable=SC2086  # the options are words
    (cd "$top_srcdir" &&
     xgettext $opts --language=C --package-name=liseuse \
         --files-from="$LIS_TMP/potfiles" -o "$LIS_TMP/current.pot") ||
        fail "xgettext failed on the sources"
    msgmerge --quiet --no-fuzzy-matching -o "$LIS_TMP/merged.po" \
        "$top_srcdir/po/fr.po" "$LIS_TMP/current.pot" ||
        fail "msgmerge failed"
    msgfmt --check -o /dev/null "$LIS_TMP/merged.po" ||
        fail "po/fr.po does not pass msgfmt --check"
    todo=$(msgattrib --untranslated --no-obsolete "$LIS_TMP/merged.po" |
           grep '^msgid ' | grep -v '^msgid ""$' || true)
    [ -z "$todo" ] || fail "untranslated in po/fr.po (run make -C po update-po):
$todo"
    todo=$(msgattrib --only-fuzzy --no-obsolete "$LIS_TMP/merged.po" |
           grep '^msgid ' | grep -v '^msgid ""$' || true)
    [ -z "$todo" ] || fail "fuzzy entries in po/fr.po:
$todo"
else
    step "(gettext tools missing: catalogue completeness not checked)"
fi

# ------------------------------------------------------------ --help
step "--help in French, with the options unchanged"
in_french
lis_run --help
assert_eq "$LIS_RC" 0
fr_help=$LIS_OUT
assert_contains "$fr_help" "Utilisation : liseuse [OPTION]... [FICHIER]..."
assert_contains "$fr_help" "afficher cette aide et quitter"
assert_contains "$fr_help" "Code de sortie :"
assert_not_contains "$fr_help" "display this help"

step "--help in English"
in_english
lis_run --help
assert_eq "$LIS_RC" 0
en_help=$LIS_OUT
assert_contains "$en_help" "Usage: liseuse [OPTION]... [FILE]..."
assert_contains "$en_help" "display this help and exit"
assert_contains "$en_help" "Exit status:"
assert_not_contains "$en_help" "afficher"

options() {
    printf '%s\n' "$1" | grep -o -E -- '--[a-z][a-z-]*' | sort -u
}
assert_eq "$(options "$fr_help")" "$(options "$en_help")"

step "--version in both languages"
in_french
lis_run --version
assert_contains "$LIS_OUT" "Un lecteur d'articles de presse en français"
in_english
lis_run --version
assert_contains "$LIS_OUT" "A terminal reader for French news articles."

# ------------------------------------------------------------ errors
step "a missing file: the message in French, then in English"
in_french
lis_run "$LIS_TMP/absent.txt"
assert_eq "$LIS_RC" 2
assert_contains "$LIS_ERR" "absent.txt"
assert_contains "$LIS_ERR" "aucun fichier ou dossier de ce nom"
in_english
lis_run "$LIS_TMP/absent.txt"
assert_eq "$LIS_RC" 2
assert_contains "$LIS_ERR" "absent.txt: no such file or directory"

step "a usage error, in French then in English"
in_french
lis_run --width=5 "$LIS_ARTICLE"
assert_eq "$LIS_RC" 2
assert_contains "$LIS_ERR" "largeur « 5 » non valide"
assert_contains "$LIS_ERR" "Saisissez « liseuse --help » pour plus d'informations."
in_english
lis_run --width=5 "$LIS_ARTICLE"
assert_eq "$LIS_RC" 2
assert_contains "$LIS_ERR" "invalid width '5'"
assert_contains "$LIS_ERR" "Try 'liseuse --help' for more information."

# ------------------------------------------------------------ reports
step "the JSON analysis is the same in both languages"
in_french
lis_run --analyze "$LIS_ARTICLE"
assert_eq "$LIS_RC" 0
fr_json=$LIS_OUT
in_english
lis_run --analyze "$LIS_ARTICLE"
assert_eq "$LIS_RC" 0
assert_eq "$fr_json" "$LIS_OUT"

step "the text report: headings and plural forms in both languages"
in_english
lis_run --analyze --format=text "$LIS_ARTICLE"
assert_eq "$LIS_RC" 0
en_report=$LIS_OUT
assert_contains "$en_report" " quotations"
assert_contains "$en_report" "Entities ("
printf '%s\n' "$en_report" | grep -q -E ' — 1 mention( |$)' ||
    fail "no singular '1 mention' in the English report:
$en_report"
printf '%s\n' "$en_report" | grep -q -E ' — ([2-9]|[1-9][0-9]+) mentions( |$)' ||
    fail "no plural 'N mentions' in the English report:
$en_report"
in_french
lis_run --analyze --format=text "$LIS_ARTICLE"
assert_eq "$LIS_RC" 0
fr_report=$LIS_OUT
assert_contains "$fr_report" " citations"
assert_contains "$fr_report" "Entités ("
assert_contains "$fr_report" " octets, "
assert_not_contains "$fr_report" " quotations"
printf '%s\n' "$fr_report" | grep -q -E ' — 1 mention( |$)' ||
    fail "no singular '1 mention' in the French report:
$fr_report"
printf '%s\n' "$fr_report" | grep -q -E ' — ([2-9]|[1-9][0-9]+) mentions( |$)' ||
    fail "no plural 'N mentions' in the French report:
$fr_report"

# What the status line must say after ]: the first quotation of the
# analysis, "quote 1/N — SPEAKER" (no speaker part when it is unknown).
n_quotes=$(printf '%s\n' "$en_report" | sed -n 's/^\([0-9]*\) quotations\{0,1\}$/\1/p')
if [ -z "$n_quotes" ] || [ "$n_quotes" -eq 0 ]; then
    fail "the bundled article has no quotation to test the status line with"
fi
speaker=$(printf '%s\n' "$en_report" | sed -n 's/^     speaker: //p' | head -n 1 |
          sed -e 's/ (cue « .*$//' -e 's/; paragraph [0-9]*$//')
if [ "$speaker" = unknown ]; then
    en_status="quote 1/$n_quotes"
    fr_status="citation 1/$n_quotes"
else
    en_status="quote 1/$n_quotes — $speaker"
    fr_status="citation 1/$n_quotes — $speaker"
fi

# ------------------------------------------------------------ the reader
require_tmux

reader() {   # ARGS...: 80x24, in the current language
    tmux_start 80 24 env LANG="$LANG" ${LANGUAGE:+LANGUAGE="$LANGUAGE"} \
        "$LISEUSE_BIN" --no-resume "$@"
}

step "the reader in French: status line, highlights, help screen"
in_french
reader "$LIS_ARTICLE"
tmux_wait_for "§ 1/"
tmux_keys ']'
tmux_wait_for "$fr_status"
assert_contains "$(tmux_status_row)" "$fr_status"
tmux_keys H
tmux_wait_for "surlignement : citations"
tmux_keys h
tmux_wait_for "liseuse — touches"
screen=$(tmux_capture)
assert_contains "$screen" "citation suivante"
assert_contains "$screen" "ligne suivante"
assert_not_contains "$screen" "next quotation"
tmux_keys q
tmux_wait_gone "liseuse — touches"
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0

step "the reader in English: the same places"
in_english
reader "$LIS_ARTICLE"
tmux_wait_for "§ 1/"
tmux_keys ']'
tmux_wait_for "$en_status"
assert_contains "$(tmux_status_row)" "$en_status"
tmux_keys H
tmux_wait_for "highlights: quotations"
tmux_keys h
tmux_wait_for "liseuse — keys"
screen=$(tmux_capture)
assert_contains "$screen" "next quotation"
assert_contains "$screen" "line down"
assert_not_contains "$screen" "citation suivante"
tmux_keys q
tmux_wait_gone "liseuse — keys"
tmux_keys q
tmux_wait_exit
assert_eq "$LIS_TMUX_STATUS" 0

# The side panel: its heading and the role of the first party, as the text
# report of the same language names them ("  Role: name" after the deal
# line), shown as "Role · N mentions".
first_party_role() {   # REPORT HEADING
    printf '%s\n' "$1" | sed -n "/^$2\$/,\$p" | sed -n '3s/^  \([^:]*[^: ]\) *:.*/\1/p'
}
fr_role=$(first_party_role "$fr_report" "Opération")
en_role=$(first_party_role "$en_report" "Deal")
if [ -n "$fr_role" ] && [ -n "$en_role" ]; then
    step "the side panel in French: « Opération » and « $fr_role »"
    in_french
    reader --panel "$LIS_ARTICLE"
    tmux_wait_for "$fr_role · "
    assert_contains "$(tmux_capture)" "Opération"
    assert_not_contains "$(tmux_capture)" "$en_role · "

    step "the side panel in English: Deal and $en_role"
    in_english
    reader --panel "$LIS_ARTICLE"
    tmux_wait_for "$en_role · "
    assert_contains "$(tmux_capture)" "Deal"
    assert_not_contains "$(tmux_capture)" "$fr_role · "
    case $fr_role in
        Cible|Vendeur|Acquéreur|Candidat|"Candidat retenu"|"Candidat écarté"|Partenaire|Autorité) ;;
        *) fail "unexpected French role label [$fr_role]" ;;
    esac
else
    step "(no deal party found in the bundled article: panel labels not checked)"
fi

# Bytes that are not UTF-8 in otherwise UTF-8 text: the status line counts
# them with ngettext ("1 invalid sequence", "3 invalid sequences").
printf 'Titre\n\nLe PDG a déclaré : « Nous sommes ravis \377. »\n' >one.txt
printf 'Titre\n\nIl a été dit \377 puis \376\376 enfin.\n' >three.txt

step "plural forms in the status line, in French"
in_french
reader one.txt
tmux_wait_for "§ 1/"
assert_contains "$(tmux_status_row)" "1 séquence non valide "
tmux_keys q
tmux_wait_exit
reader three.txt
tmux_wait_for "§ 1/"
assert_contains "$(tmux_status_row)" "3 séquences non valides "

step "plural forms in the status line, in English"
in_english
reader one.txt
tmux_wait_for "§ 1/"
assert_contains "$(tmux_status_row)" "1 invalid sequence "
tmux_keys q
tmux_wait_exit
reader three.txt
tmux_wait_for "§ 1/"
assert_contains "$(tmux_status_row)" "3 invalid sequences "

step "ok"
