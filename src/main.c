/* main.c -- liseuse: locale, options, then the reader or a report. */
#include <config.h>

#include <locale.h>

#include "cli.h"

int main(int argc, char **argv)
{
    struct lis_cli_opts o;
    int rc;

    setlocale(LC_ALL, "");
#if defined(ENABLE_NLS) && ENABLE_NLS
    bindtextdomain(PACKAGE, LIS_LOCALEDIR);
    bind_textdomain_codeset(PACKAGE, "UTF-8");
    textdomain(PACKAGE);
#endif

    rc = lis_cli_parse(argc, argv, &o);
    if (rc < 0)
        rc = lis_cli_run(&o);
    lis_cli_opts_free(&o);
    return rc;
}
