/* i18n.h -- gettext wrappers.  Every user-facing string goes through _(). */
#ifndef LISEUSE_I18N_H
#define LISEUSE_I18N_H

#if defined(ENABLE_NLS) && ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#define P_(s, p, n) ngettext((s), (p), (n))
#else
#define _(s) (s)
#define P_(s, p, n) ((n) == 1 ? (s) : (p))
#endif
/* Marks a string for translation where it is defined (a table); translate
 * it with _() where it is used. */
#define N_(s) (s)

#endif
