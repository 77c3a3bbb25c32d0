/* main.c -- liseuse: locale, options, then the reader or a report. */
#include <config.h>

#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#if defined(ENABLE_NLS) && ENABLE_NLS
/* The build tree's po/locale when the running binary is the one built
 * there: `make` lays the catalogues out there (po-locale in Makefile.am),
 * so tests and developers see the current translations without `make
 * install`, and never an older installed copy.  Same test as paths.c. */
static bool build_tree_localedir(char *dir, size_t dirsz)
{
    char exe[PATH_MAX], build[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash;

    if (n <= 0)
        return false;
    exe[n] = '\0';
    slash = strrchr(exe, '/');
    if (!slash || !realpath(LIS_ABS_BUILDDIR, build))
        return false;
    *slash = '\0';
    if (strcmp(exe, build) != 0)
        return false;
    n = snprintf(dir, dirsz, "%s/po/locale", build);
    return n > 0 && (size_t)n < dirsz;
}
#endif

int main(int argc, char **argv)
{
    struct lis_cli_opts o;
    int rc;

    setlocale(LC_ALL, "");
#if defined(ENABLE_NLS) && ENABLE_NLS
    {
        char dir[PATH_MAX + 16];
        /* bindtextdomain copies the directory name */
        bindtextdomain(PACKAGE, build_tree_localedir(dir, sizeof dir)
                                    ? dir : LIS_LOCALEDIR);
    }
    bind_textdomain_codeset(PACKAGE, "UTF-8");
    textdomain(PACKAGE);
#endif

    rc = lis_cli_parse(argc, argv, &o);
    if (rc < 0)
        rc = lis_cli_run(&o);
    lis_cli_opts_free(&o);
    return rc;
}
