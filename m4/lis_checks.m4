# lis_checks.m4 -- liseuse's own configure checks.

# LIS_CHECK_NCURSESW: find the wide-character ncurses through pkg-config and
# prove by a link test that the wide API is there.  A narrow-only ncurses
# cannot draw French text correctly, so it is an error, not a fallback.
AC_DEFUN([LIS_CHECK_NCURSESW], [
  PKG_CHECK_MODULES([NCURSESW], [ncursesw], [],
    [AC_MSG_ERROR([ncursesw (wide-character ncurses) not found through pkg-config.
Only the narrow ncurses may be installed; liseuse needs the wide one:
install libncurses-dev (Debian/Ubuntu) or ncurses-devel (Fedora).])])
  lis_save_CFLAGS=$CFLAGS
  lis_save_LIBS=$LIBS
  CFLAGS="$CFLAGS $NCURSESW_CFLAGS"
  LIBS="$NCURSESW_LIBS $LIBS"
  AC_MSG_CHECKING([whether ncursesw has the wide-character API])
  AC_LINK_IFELSE([AC_LANG_PROGRAM([[
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <wchar.h>
]], [[cchar_t c; wchar_t w[2] = { 0xe9, 0 };
setcchar(&c, w, 0, 0, NULL); add_wch(&c); return 0;]])],
    [AC_MSG_RESULT([yes])],
    [AC_MSG_RESULT([no])
     AC_MSG_ERROR([the ncurses found lacks the wide-character API (add_wch); install ncursesw])])
  CFLAGS=$lis_save_CFLAGS
  LIBS=$lis_save_LIBS
])

# LIS_CHECK_LIBUNISTRING: libunistring ships no .pc file; check its headers
# and library by hand.
AC_DEFUN([LIS_CHECK_LIBUNISTRING], [
  AC_CHECK_HEADERS([unistr.h uniwidth.h unilbrk.h unigbrk.h uninorm.h unicase.h unictype.h], [],
    [AC_MSG_ERROR([libunistring headers not found: install libunistring-dev])])
  lis_save_LIBS=$LIBS
  AC_SEARCH_LIBS([u8_width_linebreaks], [unistring], [],
    [AC_MSG_ERROR([libunistring library not found: install libunistring-dev])])
  LIBS=$lis_save_LIBS
  LIBUNISTRING=-lunistring
  AC_SUBST([LIBUNISTRING])
])

# AX_PTHREAD_SIMPLE: -pthread is all glibc and musl need.
AC_DEFUN([AX_PTHREAD_SIMPLE], [
  PTHREAD_CFLAGS=-pthread
  PTHREAD_LIBS=-pthread
  AC_SUBST([PTHREAD_CFLAGS])
  AC_SUBST([PTHREAD_LIBS])
])
