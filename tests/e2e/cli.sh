#!/bin/sh
# tests/e2e/cli.sh -- the command line of the real binary, no terminal
# needed (one check runs --plain inside tmux when tmux is there): options,
# errors, the plain render in pipes, --analyze and --export.
# shellcheck source=tests/e2e/lib.sh disable=SC2016,SC2119
. "$(dirname "$0")/lib.sh"

cd "$LIS_TMP" || exit 1
ESC=$(printf '\033')
BEL=$(printf '\007')

# The error is one line on stderr, starts with "liseuse: " and contains TEXT.
assert_one_line_error() {
    assert_contains "$LIS_ERR" "$1"
    case $LIS_ERR in
        "liseuse: "*) ;;
        *) fail "error does not start with 'liseuse: ': $LIS_ERR" ;;
    esac
    [ "$(printf '%s\n' "$LIS_ERR" | wc -l)" -eq 1 ] ||
        fail "expected one line on stderr, got:
$LIS_ERR"
}

# A usage error: exit 2, nothing on stdout, the reason then the GNU hint.
assert_usage_error() {
    [ "$LIS_RC" -eq 2 ] || fail "expected exit 2, got $LIS_RC ($LIS_ERR)"
    assert_eq "$LIS_OUT" ""
    [ "$(printf '%s\n' "$LIS_ERR" | wc -l)" -eq 2 ] ||
        fail "expected a reason and a hint on stderr, got:
$LIS_ERR"
    assert_contains "$(printf '%s\n' "$LIS_ERR" | head -n 1)" "$1"
    assert_eq "$(printf '%s\n' "$LIS_ERR" | sed -n 2p)" \
        "Try 'liseuse --help' for more information."
}

# Widest line of the last output, in terminal cells.
max_width() {
    LC_ALL=$LIS_LOCALE wc -L <"$LIS_OUT_FILE" | tr -d ' '
}

json_check() {   # FILE PYTHON-EXPRESSION-ON-d
    if command -v python3 >/dev/null 2>&1; then
        python3 -c '
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    text = f.read()
docs = [json.loads(l) for l in text.splitlines() if l.strip()] \
    if sys.argv[3] == "lines" else [json.loads(text)]
for d in docs:
    if not eval(sys.argv[2]):
        sys.exit("check failed: %s on %s" % (sys.argv[2], text[:300]))
print(len(docs))
' "$1" "$2" "${3:-one}"
    else
        grep -c '"format"' "$1"
    fi
}

# ---------------------------------------------------------------- help
step "--help and --version"
lis_run --help
assert_eq "$LIS_RC" 0
assert_eq "$LIS_ERR" ""
assert_contains "$LIS_OUT" "Usage: liseuse [OPTION]... [FILE]..."
for opt in --width --encoding --force --color --no-resume --panel \
           --no-panel --plain --analyze --format --export --select \
           --output --help --version; do
    assert_contains "$LIS_OUT" "$opt"
done
lis_run -h
assert_eq "$LIS_RC" 0
assert_contains "$LIS_OUT" "Usage: liseuse"
lis_run --version
assert_eq "$LIS_RC" 0
assert_contains "$(printf '%s\n' "$LIS_OUT" | head -n 1)" "liseuse 0."
lis_run -V
assert_eq "$LIS_RC" 0

step "every option in --help is in the man page, and the reverse"
man_page=$top_srcdir/man/liseuse.1
if [ -f "$man_page" ]; then
    lis_run --help
    # long options as written: --word, --word-word (roff spells - as \-)
    help_opts=$(printf '%s\n' "$LIS_OUT" |
        grep -o -- '--[a-z][a-z-]*' | sort -u)
    man_opts=$(sed 's/\\-/-/g' "$man_page" |
        grep -o -- '--[a-z][a-z-]*' | sort -u)
    for opt in $help_opts; do
        printf '%s\n' "$man_opts" | grep -qx -- "$opt" ||
            fail "$opt is in --help but not in man/liseuse.1"
    done
    # the man page also names the accepted spellings --colour, --analyse
    for opt in $man_opts; do
        case $opt in --colour|--analyse) continue ;; esac
        printf '%s\n' "$help_opts" | grep -qx -- "$opt" ||
            fail "$opt is in man/liseuse.1 but not in --help"
    done
fi

step "--help to a full disk fails"
if [ -w /dev/full ]; then
    if "$LISEUSE_BIN" --help >/dev/full 2>"$LIS_ERR_FILE"; then
        fail "--help >/dev/full succeeded"
    fi
    LIS_ERR=$(cat "$LIS_ERR_FILE")
    assert_one_line_error "write error: no space left on device"
fi

# ---------------------------------------------------------------- usage
step "bad options and values exit 2 with one reason and a hint"
lis_run --no-such-option "$LIS_ARTICLE"
assert_usage_error "--no-such-option"
lis_run -Z
assert_usage_error "Z"
lis_run --width
assert_usage_error "width"
lis_run --width=abc "$LIS_ARTICLE"
assert_usage_error "abc"
lis_run -w 5 "$LIS_ARTICLE"
assert_usage_error "5"
lis_run --width=1001 "$LIS_ARTICLE"
assert_usage_error "1001"
lis_run --color=purple "$LIS_ARTICLE"
assert_usage_error "purple"
lis_run --export=pdf "$LIS_ARTICLE"
assert_usage_error "pdf"
lis_run --export=md --select=some "$LIS_ARTICLE"
assert_usage_error "some"
lis_run --analyze --format=xml "$LIS_ARTICLE"
assert_usage_error "xml"
lis_run --format=json "$LIS_ARTICLE"
assert_usage_error "--analyze"
lis_run --select=marked "$LIS_ARTICLE"
assert_usage_error "--export"
lis_run -o out.txt "$LIS_ARTICLE"
assert_usage_error "--output"
lis_run --analyze --export=md "$LIS_ARTICLE"
assert_usage_error "--export"
lis_run --plain=yes "$LIS_ARTICLE"
assert_usage_error "plain"
lis_run - - </dev/null
assert_usage_error "'-'"
lis_run --no "$LIS_ARTICLE"           # --no-resume or --no-panel?
assert_usage_error "--no"
lis_run --wid=40 "$LIS_ARTICLE"       # a unique abbreviation is fine
assert_eq "$LIS_RC" 0
[ "$(max_width)" -le 40 ] || fail "--wid=40 not taken as --width=40"

step "option values and file names are sanitised in messages"
lis_run "--width=${ESC}[2J${ESC}]0;titre${BEL}" "$LIS_ARTICLE"
assert_usage_error "^[[2J^[]0;titre^G"
lis_run "--${ESC}[31m"
assert_usage_error "^[[31m"
lis_run "absent-${ESC}[2J.txt"
assert_one_line_error "absent-^[[2J.txt"
n=$(LC_ALL=C grep -c "$ESC" "$LIS_ERR_FILE" || true)
assert_eq "$n" 0

# ---------------------------------------------------------------- files
step "file errors name the file, in one line, exit 2"
lis_run "$LIS_TMP/nope.txt"
assert_eq "$LIS_RC" 2
assert_eq "$LIS_OUT" ""
assert_one_line_error "nope.txt"

mkdir adir
lis_run adir
assert_eq "$LIS_RC" 2
assert_one_line_error "adir"

printf 'Une ligne\000avec un NUL\n' >binary.txt
lis_run binary.txt
assert_eq "$LIS_RC" 2
assert_one_line_error "binary.txt"
assert_contains "$LIS_ERR" "--force"
lis_run --force binary.txt
assert_eq "$LIS_RC" 0
assert_contains "$LIS_OUT" "Une ligne"
assert_contains "$LIS_OUT" "avec un NUL"

if [ "$(id -u)" != 0 ]; then   # root reads anything
    printf 'secret\n' >unreadable.txt
    chmod 000 unreadable.txt
    lis_run unreadable.txt
    assert_eq "$LIS_RC" 2
    assert_one_line_error "unreadable.txt"
fi

lis_run "$LIS_ARTICLE" "$LIS_TMP/missing-second.txt"
assert_eq "$LIS_RC" 2
assert_one_line_error "missing-second.txt"

lis_run --encoding=NO-SUCH-CHARSET-42 "$LIS_ARTICLE"
assert_eq "$LIS_RC" 2
assert_one_line_error "microsoft-tiktok-oracle.txt"

: >empty.txt
lis_run empty.txt
assert_eq "$LIS_RC" 0
assert_eq "$LIS_ERR" ""

# ---------------------------------------------------------------- plain
step "plain render in a pipe: title, blank line, wrapped French at 80"
lis_run "$LIS_ARTICLE"
assert_eq "$LIS_RC" 0
assert_eq "$LIS_ERR" ""
assert_eq "$(sed -n 1p "$LIS_OUT_FILE")" \
    "Microsoft exprime ses regrets de ne pas avoir pu racheter TikTok"
assert_eq "$(sed -n 2p "$LIS_OUT_FILE")" ""
assert_contains "$(sed -n 3p "$LIS_OUT_FILE")" "TikTok est dans une impasse."
for word in "l’application" "aujourd’hui" "désinformation" "Américains" \
            "À lire aussi" "évoluer" "d’août" "plate-forme"; do
    assert_contains "$LIS_OUT" "$word"
done
assert_not_contains "$LIS_OUT" "title:"
assert_not_contains "$LIS_OUT" "---"
w=$(max_width)
[ "$w" -le 80 ] || fail "a line is $w cells wide at the default measure"
[ "$w" -ge 70 ] || fail "widest line is only $w cells: not wrapped at 80?"
# the body paragraphs are far longer than 80 cells: they must be wrapped
[ "$(wc -l <"$LIS_OUT_FILE")" -gt 20 ] || fail "too few lines: not wrapped"
plain80=$LIS_OUT

step "the same with no FILE: the bundled article"
lis_run </dev/null
assert_eq "$LIS_RC" 0
assert_eq "$LIS_OUT" "$plain80"

step "no FILE with a pipe on stdin reads the pipe, as less does"
printf 'Un \302\253\302\240petit\302\240\302\273 texte.\n' > "$LIS_TMP/petit.txt"
petit=$(cat "$LIS_TMP/petit.txt")
out=$(cat "$LIS_TMP/petit.txt" | "$LISEUSE_BIN") || fail "reading a pipe failed"
assert_eq "$out" "$petit"
lis_run < "$LIS_TMP/petit.txt"
assert_eq "$LIS_RC" 0
assert_eq "$LIS_OUT" "$petit"

step "--width 40"
lis_run --width 40 "$LIS_ARTICLE"
assert_eq "$LIS_RC" 0
w=$(max_width)
[ "$w" -le 40 ] || fail "a line is $w cells wide at --width 40"
[ "$w" -ge 30 ] || fail "widest line is only $w cells at --width 40"
assert_contains "$LIS_OUT" "désinformation"
lis_run -w40 "$LIS_ARTICLE"
[ "$(max_width)" -le 40 ] || fail "-w40 not honoured"

step "standard input as '-'"
lis_run - <"$LIS_ARTICLE"
assert_eq "$LIS_RC" 0
assert_eq "$LIS_OUT" "$plain80"
# a pipe, not a file: stdin cannot be stat'ed for its size or mapped
# shellcheck disable=SC2002
cat "$LIS_ARTICLE" | "$LISEUSE_BIN" - >piped.out
assert_eq "$(cat piped.out)" "$plain80"

step "a file named like an option, after --"
cp "$LIS_ARTICLE" ./-article.txt
lis_run -- -article.txt
assert_eq "$LIS_RC" 0
assert_eq "$LIS_OUT" "$plain80"

step "options after the file name"
lis_run "$LIS_ARTICLE" --width=50
[ "$(max_width)" -le 50 ] || fail "--width after FILE not honoured"

step "the configuration file's measure, under the command line"
mkdir -p "$XDG_CONFIG_HOME/liseuse"
cfg=$XDG_CONFIG_HOME/liseuse/config
printf '# test\n[reader]\nmeasure = 50\nno-such-key = 1\n' >"$cfg"
lis_run "$LIS_ARTICLE"
assert_eq "$LIS_RC" 0
w=$(max_width)
{ [ "$w" -le 50 ] && [ "$w" -ge 40 ]; } || fail "config measure 50 gave width $w"
assert_one_line_error "config:4"
lis_run --width 60 "$LIS_ARTICLE"
w=$(max_width)
{ [ "$w" -le 60 ] && [ "$w" -gt 50 ]; } || fail "--width 60 over the config gave $w"
lis_run --no-config "$LIS_ARTICLE"
assert_eq "$LIS_OUT" "$plain80"
assert_eq "$LIS_ERR" ""
printf '[reader]\nmeasure = 40\n' >other.conf
lis_run --config=other.conf "$LIS_ARTICLE"
assert_eq "$LIS_ERR" ""
[ "$(max_width)" -le 40 ] || fail "--config=FILE not read"
lis_run --config=no-such.conf "$LIS_ARTICLE"
assert_eq "$LIS_RC" 2
assert_one_line_error "no-such.conf"
lis_run --analyze "$LIS_ARTICLE"   # reports do not read it
assert_eq "$LIS_ERR" ""
rm -f "$cfg"

step "escape sequences become visible markers, never raw bytes"
printf 'Avant %s]52;c;SGVsbG8=%s milieu %s[2J après %s[31mrouge\n' \
    "$ESC" "$BEL" "$ESC" "$ESC" >escapes.txt
lis_run escapes.txt
assert_eq "$LIS_RC" 0
n=$(LC_ALL=C grep -c "$ESC" "$LIS_OUT_FILE" || true)
assert_eq "$n" 0
n=$(LC_ALL=C grep -c "$BEL" "$LIS_OUT_FILE" || true)
assert_eq "$n" 0
assert_contains "$LIS_OUT" "^["
assert_contains "$LIS_OUT" "^G"
assert_contains "$LIS_OUT" "après"
assert_contains "$LIS_OUT" "rouge"
printf 'Texte \342\200\256inversé\342\200\254 fin\n' >bidi.txt
lis_run bidi.txt
assert_contains "$LIS_OUT" "<U+202E>"
if LC_ALL=C grep -q "$(printf '\342\200\256')" "$LIS_OUT_FILE"; then
    fail "a raw U+202E reached the output"
fi

step "a Latin-1 file is read with its accents"
if command -v iconv >/dev/null 2>&1; then
    printf 'Le président a déclaré à la presse : « ça suffit ».\n' |
        iconv -f UTF-8 -t ISO-8859-1 >latin1.txt
    lis_run latin1.txt
    assert_eq "$LIS_RC" 0
    assert_contains "$LIS_OUT" "Le président a déclaré à la presse"
    lis_run --encoding=ISO-8859-1 latin1.txt
    assert_contains "$LIS_OUT" "« ça suffit »."
fi

step "write errors on standard output are reported"
if [ -w /dev/full ]; then
    if "$LISEUSE_BIN" "$LIS_ARTICLE" >/dev/full 2>"$LIS_ERR_FILE"; then
        fail "plain render to /dev/full succeeded"
    fi
    LIS_ERR=$(cat "$LIS_ERR_FILE")
    assert_one_line_error "no space left on device"
fi

step "--plain on a terminal prints and exits"
if command -v tmux >/dev/null 2>&1; then
    tmux_start 80 24 "$LISEUSE_BIN" --plain --width 60 "$LIS_ARTICLE"
    tmux_wait_exit
    assert_eq "$LIS_TMUX_STATUS" 0
    screen=$(tmux_capture)
    assert_contains "$screen" "évoluer avec ces différents points"

    step "the article on stdin: the reader takes its keys from the terminal"
    tmux_start 80 24 sh -c 'exec "$0" --no-resume - <"$1"' \
        "$LISEUSE_BIN" "$LIS_ARTICLE"
    tmux_wait_for "TikTok est dans une impasse."
    tmux_keys G
    tmux_wait_for "fausses informations."
    tmux_keys q
    tmux_wait_exit
    assert_eq "$LIS_TMUX_STATUS" 0
    tmux_stop
else
    echo "(tmux missing: --plain on a terminal and stdin keys not checked)"
fi

# ---------------------------------------------------------------- analyze
step "--analyze prints the analysis as JSON"
lis_run --analyze "$LIS_ARTICLE"
assert_eq "$LIS_RC" 0
json_check "$LIS_OUT_FILE" \
    'd["format"] == "liseuse-analysis/1" and isinstance(d["quotes"], list) and isinstance(d["entities"], list) and isinstance(d["parties"], list) and d["article"]["title"].startswith("Microsoft exprime") and all(q["start"] < q["end"] for q in d["quotes"])' \
    >/dev/null
assert_contains "$LIS_OUT" "liseuse-analysis/1"

step "--analyze on several files writes JSON Lines"
corpus=$LIS_TEST_DATA/corpus/wikinews-fr-2012
set -- "$LIS_ARTICLE"
for f in "$corpus"/*.txt; do
    set -- "$@" "$f"
    [ $# -lt 4 ] || break
done
lis_run --analyze --format=json "$@"
assert_eq "$LIS_RC" 0
assert_eq "$(wc -l <"$LIS_OUT_FILE" | tr -d ' ')" "$#"
n=$(json_check "$LIS_OUT_FILE" \
    'd["format"] == "liseuse-analysis/1" and d["article"]["bytes"] > 0' lines)
assert_eq "$n" "$#"

step "--analyze --format=text"
lis_run --analyze --format=text "$LIS_ARTICLE"
assert_eq "$LIS_RC" 0
[ -n "$LIS_OUT" ] || fail "empty text report"
assert_contains "$LIS_OUT" "Microsoft"

step "--analyze -o FILE"
lis_run --analyze -o analysis.json "$LIS_ARTICLE"
assert_eq "$LIS_RC" 0
assert_eq "$LIS_OUT" ""
json_check analysis.json 'd["format"] == "liseuse-analysis/1"' >/dev/null

# ---------------------------------------------------------------- export
step "--export=md to standard output"
lis_run --export=md "$LIS_ARTICLE"
assert_eq "$LIS_RC" 0
assert_contains "$LIS_OUT" \
    "# Microsoft exprime ses regrets de ne pas avoir pu racheter TikTok"
assert_contains "$LIS_OUT" "> "
assert_contains "$LIS_OUT" "aujourd’hui"

step "--export=json is valid JSON"
lis_run --export=json "$LIS_ARTICLE"
assert_eq "$LIS_RC" 0
json_check "$LIS_OUT_FILE" \
    'd["format"] == "liseuse-excerpts/1" and isinstance(d["excerpts"], list)' \
    >/dev/null

step "--export=csv has Readwise's header"
lis_run --export=csv "$LIS_ARTICLE"
assert_eq "$LIS_RC" 0
assert_contains "$(head -n 1 "$LIS_OUT_FILE")" \
    "Highlight,Title,Author,URL,Note,Location,Date"

step "--select=marked exports the reader's saved marks and notes"
if command -v python3 >/dev/null 2>&1; then
    lis_run --export=json "$LIS_ARTICLE"
    hash=$(python3 -c 'import json, sys; print(json.load(sys.stdin)["article"]["sha256"])' <"$LIS_OUT_FILE")
    # the span of the second quotation, as --analyze reports it
    lis_run --analyze "$LIS_ARTICLE"
    python3 -c 'import json, sys; q = json.load(sys.stdin)["quotes"][1]; print(q["start"]); print(q["end"]); print(q["text"])' \
        <"$LIS_OUT_FILE" >quote2.txt
    q_start=$(sed -n 1p quote2.txt)
    q_end=$(sed -n 2p quote2.txt)
    q_text=$(sed -n 3p quote2.txt)
    mkdir -p "$XDG_DATA_HOME/liseuse"
    ann=$XDG_DATA_HOME/liseuse/$hash.json
    printf '{"format": "liseuse-annotations/1", "marks": [{"start": %s, "end": %s, "note": "à relire", "created": "2026-01-02T03:04:05Z"}], "highlights": []}\n' \
        "$q_start" "$q_end" >"$ann"
    lis_run --export=md --select=marked "$LIS_ARTICLE"
    assert_eq "$LIS_RC" 0
    assert_contains "$LIS_OUT" "> $q_text"
    assert_contains "$LIS_OUT" "à relire"
    assert_not_contains "$LIS_OUT" "ByteDance nous a informés"
    step "a damaged annotations file: a warning for quotes, an error for marks"
    printf 'garbage{\n' >"$ann"
    lis_run --export=md "$LIS_ARTICLE"
    assert_eq "$LIS_RC" 0
    assert_one_line_error "warning:"
    assert_contains "$LIS_OUT" "ByteDance nous a informés"
    lis_run --export=md --select=marked "$LIS_ARTICLE"
    assert_eq "$LIS_RC" 2
    assert_one_line_error "$hash.json"
    rm -f "$ann"
fi

step "--export to a full disk fails with a clear message"
if [ -w /dev/full ]; then
    if "$LISEUSE_BIN" --export=md "$LIS_ARTICLE" >/dev/full \
        2>"$LIS_ERR_FILE"; then
        fail "--export >/dev/full succeeded"
    fi
    LIS_ERR=$(cat "$LIS_ERR_FILE")
    assert_one_line_error "write error: no space left on device"
    if "$LISEUSE_BIN" --export=md -o - "$LIS_ARTICLE" >/dev/full \
        2>"$LIS_ERR_FILE"; then
        fail "--export -o - >/dev/full succeeded"
    fi
fi

step "-o FILE: written atomically, never replaced without --force"
mkdir out
lis_run --export=md -o out/extraits.md "$LIS_ARTICLE"
assert_eq "$LIS_RC" 0
assert_eq "$LIS_OUT" ""
assert_contains "$(cat out/extraits.md)" "# Microsoft exprime"
printf 'ancien contenu\n' >out/old.md
lis_run --export=md -o out/old.md "$LIS_ARTICLE"
assert_eq "$LIS_RC" 1
assert_one_line_error "old.md"
assert_contains "$LIS_ERR" "--force"
assert_eq "$(cat out/old.md)" "ancien contenu"
assert_eq "$(find out -mindepth 1 | wc -l | tr -d ' ')" 2
lis_run --export=md --force -o out/old.md "$LIS_ARTICLE"
assert_eq "$LIS_RC" 0
assert_contains "$(cat out/old.md)" "# Microsoft exprime"
assert_eq "$(find out -mindepth 1 | wc -l | tr -d ' ')" 2

step "-o into a missing directory fails and names it"
lis_run --export=txt -o no-such-dir/x.txt "$LIS_ARTICLE"
assert_eq "$LIS_RC" 1
assert_one_line_error "no-such-dir"
[ ! -e no-such-dir ] || fail "the missing directory was created"

echo "cli.sh: all checks passed"
