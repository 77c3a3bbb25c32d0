/* paths.c -- data, article, config, state directories. */
#include <config.h>

#include "liseuse/paths.h"

#include <errno.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* True when the running executable sits in the build tree, so that a
 * developer running ./liseuse gets the source tree's data, not an older
 * installed copy. */
static bool running_from_build_tree(void)
{
    static int cached = -1;
    char exe[PATH_MAX], build[PATH_MAX];
    ssize_t n;
    char *slash;

    if (cached >= 0)
        return cached;
    cached = 0;
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return false;
    exe[n] = '\0';
    slash = strrchr(exe, '/');
    if (!slash)
        return false;
    *slash = '\0';
    if (!realpath(LIS_ABS_BUILDDIR, build))
        return false;
    /* the binary, or a test program one level below the build dir */
    if (strcmp(exe, build) == 0)
        cached = 1;
    else if (strncmp(exe, build, strlen(build)) == 0 &&
             exe[strlen(build)] == '/')
        cached = 1;
    return cached;
}

static const char *pick_dir(const char *env, const char *src_sub,
                            const char *installed, char *buf, size_t bufsz)
{
    const char *e = getenv(env);

    if (e && *e)
        return e;
    if (running_from_build_tree()) {
        snprintf(buf, bufsz, "%s/%s", LIS_ABS_SRCDIR, src_sub);
        return buf;
    }
    return installed;
}

const char *lis_datadir(void)
{
    static char buf[PATH_MAX];
    return pick_dir("LISEUSE_DATADIR", "data", LIS_PKGDATADIR, buf,
                    sizeof buf);
}

const char *lis_articledir(void)
{
    static char buf[PATH_MAX];
    return pick_dir("LISEUSE_ARTICLEDIR", "articles",
                    LIS_PKGDATADIR "/articles", buf, sizeof buf);
}

static char *xdg_dir(const char *env, const char *fallback)
{
    const char *e = getenv(env);
    const char *home;

    if (e && *e == '/')   /* XDG says relative values are to be ignored */
        return lis_xasprintf("%s/liseuse", e);
    home = getenv("HOME");
    if (!home || !*home)
        home = "/tmp";
    return lis_xasprintf("%s/%s/liseuse", home, fallback);
}

char *lis_user_config_dir(void)
{
    return xdg_dir("XDG_CONFIG_HOME", ".config");
}

char *lis_user_state_dir(void)
{
    return xdg_dir("XDG_STATE_HOME", ".local/state");
}

char *lis_user_data_dir(void)
{
    return xdg_dir("XDG_DATA_HOME", ".local/share");
}

enum lis_status lis_mkdir_p(const char *path)
{
    char *p = lis_xstrdup(path);
    enum lis_status st = LIS_OK;
    char *s;

    for (s = p + 1; ; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;
            *s = '\0';
            if (mkdir(p, 0700) != 0 && errno != EEXIST) {
                st = lis_status_from_errno(errno);
                break;
            }
            *s = c;
            if (c == '\0')
                break;
        }
    }
    free(p);
    return st;
}
