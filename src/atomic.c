/* atomic.c -- write a whole file or nothing: a hidden temporary file beside
 * the target, fsync, then rename over it.  A reader of the target sees the
 * old content or the new one, never half of it, and a failure leaves the
 * old file as it was. */
#include <config.h>

#include "liseuse/export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Longest base name put into the temporary file's name, so that
 * ".NAME.XXXXXX" stays within NAME_MAX (255) for any target name. */
#define TMP_BASE_MAX 200

static enum lis_status fail(const char *path, int err, char **errmsg)
{
    if (errmsg)
        *errmsg = lis_xasprintf("%s: %s", path, strerror(err));
    return lis_status_from_errno(err);
}

static enum lis_status fail_status(const char *path, enum lis_status st,
                                   const char *msg, char **errmsg)
{
    if (errmsg)
        *errmsg = lis_xasprintf("%s: %s", path, msg);
    return st;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0) {
            errno = EIO;
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* The process umask, without leaving it changed. */
static mode_t current_umask(void)
{
    mode_t m = umask(022);

    umask(m);
    return m;
}

/* Make the durable rename durable too; a failure here loses nothing that
 * the caller could act on, so it is ignored. */
static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

/* Move tmp to path without replacing anything that appeared there since
 * the check: link() fails with EEXIST atomically.  Filesystems without
 * hard links fall back to rename after one more look. */
static int publish_new(const char *tmp, const char *path)
{
    struct stat st;

    if (link(tmp, path) == 0) {
        unlink(tmp);
        return 0;
    }
    if (errno == EEXIST)
        return -1;
    if (lstat(path, &st) == 0) {
        errno = EEXIST;
        return -1;
    }
    return rename(tmp, path);
}

enum lis_status lis_write_file_atomic(const char *path, const char *data,
                                      size_t len, bool overwrite,
                                      char **errmsg)
{
    const char *slash, *base;
    char *dir, *tmp;
    struct stat st;
    mode_t mode;
    size_t base_len;
    int fd, err;

    if (errmsg)
        *errmsg = NULL;
    if (!path || !*path)
        return fail_status(path ? path : "", LIS_ERR_INVAL,
                           _("no file name"), errmsg);
    slash = strrchr(path, '/');
    base = slash ? slash + 1 : path;
    if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
        return fail(path, EISDIR, errmsg);
    dir = slash ? lis_xstrndup(path, slash == path ? 1 : (size_t)(slash - path))
                : lis_xstrdup(".");

    mode = 0644 & ~current_umask();
    if (lstat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            free(dir);
            return fail(path, EISDIR, errmsg);
        }
        if (!overwrite) {
            free(dir);
            return fail_status(path, LIS_ERR_EXISTS,
                               _("file exists (use --force to replace it)"),
                               errmsg);
        }
        /* Replacing a device or a FIFO by a regular file is never what
         * was meant (think of /dev/null as root). */
        if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
            free(dir);
            return fail_status(path, LIS_ERR_NOTREG,
                               lis_status_str(LIS_ERR_NOTREG), errmsg);
        }
        if (S_ISREG(st.st_mode))
            mode = st.st_mode & 07777;
    } else if (errno != ENOENT) {
        err = errno;
        free(dir);
        return fail(path, err, errmsg);
    }

    base_len = strlen(base);
    if (base_len > TMP_BASE_MAX)
        base_len = TMP_BASE_MAX;
    tmp = lis_xasprintf("%s/.%.*s.XXXXXX", dir, (int)base_len, base);
    fd = mkstemp(tmp);
    if (fd < 0) {
        err = errno;
        free(tmp);
        free(dir);
        return fail(path, err, errmsg);
    }
    /* best effort: filesystems without modes (vfat) may refuse, and the
     * mkstemp default (0600) is the safe side */
    (void)fchmod(fd, mode);
    if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
        err = errno;
        close(fd);
        goto undo;
    }
    /* NFS and some FUSE filesystems report write errors only at close */
    if (close(fd) != 0) {
        err = errno;
        goto undo;
    }
    if ((overwrite ? rename(tmp, path) : publish_new(tmp, path)) != 0) {
        err = errno;
        goto undo;
    }
    sync_dir(dir);
    free(tmp);
    free(dir);
    return LIS_OK;

undo:
    unlink(tmp);
    free(tmp);
    free(dir);
    if (err == EEXIST)
        return fail_status(path, LIS_ERR_EXISTS,
                           _("file exists (use --force to replace it)"),
                           errmsg);
    return fail(path, err, errmsg);
}
