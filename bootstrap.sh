#!/bin/sh
# bootstrap.sh -- from a fresh clone to a built liseuse.
#
#   ./bootstrap.sh              install missing packages, autoreconf, configure, make
#   ./bootstrap.sh run [ARGS]   ... then start the reader (no ARGS: the bundled article)
#   ./bootstrap.sh check        ... then make check
#
# Extra configure options go in $CONFIGURE_FLAGS (e.g. --enable-werror).
# Re-running is cheap: each step is skipped when its output is up to date.
set -eu

cd "$(dirname "$0")"
mode=${1:-build}
[ $# -gt 0 ] && shift

# Debian packages the build and the tests need.  Checked by dpkg name.
PACKAGES="build-essential autoconf automake autopoint gettext pkg-config
libncurses-dev libunistring-dev libjansson-dev libcmocka-dev tmux locales
valgrind bsdutils"

missing=""
if command -v dpkg-query >/dev/null 2>&1; then
    for p in $PACKAGES; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
            missing="$missing $p"
        fi
    done
fi

if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo"
    else
        echo "bootstrap.sh: missing packages:$missing" >&2
        echo "bootstrap.sh: install them with:" >&2
        echo "    sudo apt-get install$missing" >&2
        exit 1
    fi
    echo "bootstrap.sh: installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# A French UTF-8 locale lets the tests check the French interface; generate
# it when we may and it is absent (the tests fall back to LANGUAGE=fr).
if [ "$(id -u)" = 0 ] && command -v locale-gen >/dev/null 2>&1 &&
   ! locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; then
    if [ -f /etc/locale.gen ]; then
        sed -i 's/^# *\(fr_FR.UTF-8 UTF-8\)/\1/' /etc/locale.gen
        grep -q '^fr_FR.UTF-8 UTF-8' /etc/locale.gen ||
            echo 'fr_FR.UTF-8 UTF-8' >> /etc/locale.gen
        locale-gen >/dev/null 2>&1 || true
    fi
fi

if [ ! -x configure ] || [ configure.ac -nt configure ] || [ Makefile.am -nt configure ] ||
   [ m4/lis_checks.m4 -nt configure ]; then
    echo "bootstrap.sh: autoreconf -fi"
    autoreconf -fi
fi

flags="${CONFIGURE_FLAGS:-}"
stamp=.bootstrap-flags
if [ ! -f Makefile ] || [ ! -f config.status ] || [ configure -nt config.status ] ||
   [ "$(cat "$stamp" 2>/dev/null)" != "$flags" ]; then
    echo "bootstrap.sh: ./configure $flags"
    # shellcheck disable=SC2086
    ./configure $flags
    # Objects built with other flags (say, without sanitizers) must not be
    # linked with these: start the build over.
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" != "$flags" ]; then
        make clean >/dev/null
    fi
    printf '%s' "$flags" > "$stamp"
fi

jobs=$(nproc 2>/dev/null || echo 2)
make -j"$jobs"

case "$mode" in
build) ;;
run)
    exec ./liseuse "$@"
    ;;
check)
    make -j"$jobs" check "$@"
    ;;
*)
    echo "usage: $0 [run [ARGS] | check]" >&2
    exit 2
    ;;
esac
