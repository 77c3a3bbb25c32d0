/* resume.c -- the last reading position of each article, keyed by the
 * body's SHA-256, in $XDG_STATE_HOME/liseuse/positions.
 *
 * Format (text, one article per line, most recently read last):
 *     # liseuse-positions/1
 *     <64 hex digits> <body offset> <unix time>
 * Unknown or malformed lines are skipped; the file is rewritten atomically
 * and keeps the MAX_ENTRIES most recent articles. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "liseuse/export.h"
#include "liseuse/paths.h"

#define HEADER "# liseuse-positions/1\n"
#define MAX_ENTRIES 1000
#define MAX_FILE (4u << 20)
#define HASH_LEN 64

static char *positions_path(void)
{
    char *dir = lis_user_state_dir();
    char *p = dir ? lis_xasprintf("%s/positions", dir) : NULL;
    free(dir);
    return p;
}

static bool read_all(const char *path, struct lis_buf *out)
{
    FILE *f = fopen(path, "rb");
    char chunk[8192];
    size_t n;

    if (!f)
        return false;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && out->len < MAX_FILE)
        lis_buf_add(out, chunk, n);
    fclose(f);
    return true;
}

/* Parse one line; true when it is a well-formed entry. */
static bool parse_line(const char *s, size_t len, const char **hash,
                       size_t *off)
{
    size_t i;
    unsigned long long v = 0;

    if (len < HASH_LEN + 2 || s[HASH_LEN] != ' ')
        return false;
    for (i = 0; i < HASH_LEN; i++) {
        char c = s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    i = HASH_LEN + 1;
    if (i >= len || s[i] < '0' || s[i] > '9')
        return false;
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
        unsigned long long d = (unsigned long long)(s[i] - '0');
        if (v > ((unsigned long long)SIZE_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    if (i < len && s[i] != ' ')
        return false;
    *hash = s;
    *off = (size_t)v;
    return true;
}

size_t lis_resume_lookup(const char *data, size_t len, const char *hash)
{
    size_t pos = 0, found = LIS_NONE;

    while (pos < len) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) : len;
        const char *h;
        size_t off;
        if (parse_line(data + pos, end - pos, &h, &off) &&
            memcmp(h, hash, HASH_LEN) == 0)
            found = off;        /* the last one wins */
        pos = end + 1;
    }
    return found;
}

size_t lis_resume_load(const char *hash)
{
    char *path = positions_path();
    struct lis_buf b;
    size_t off = LIS_NONE;

    if (!path)
        return LIS_NONE;
    lis_buf_init(&b);
    if (read_all(path, &b) && b.data)
        off = lis_resume_lookup(b.data, b.len, hash);
    lis_buf_free(&b);
    free(path);
    return off;
}

enum lis_status lis_resume_save(const char *hash, size_t offset,
                                char **errmsg)
{
    char *dir = lis_user_state_dir();
    char *path;
    struct lis_buf old, out;
    size_t pos = 0, count = 0, skip = 0;
    enum lis_status st;

    if (!dir)
        return LIS_ERR_NOENT;
    st = lis_mkdir_p(dir);
    if (st != LIS_OK) {
        if (errmsg)
            *errmsg = lis_xasprintf("%s: %s", dir, lis_status_str(st));
        free(dir);
        return st;
    }
    path = lis_xasprintf("%s/positions", dir);
    free(dir);
    lis_buf_init(&old);
    lis_buf_init(&out);
    read_all(path, &old);

    /* count the other entries first, to drop the oldest beyond the cap */
    for (pos = 0; pos < old.len;) {
        const char *nl = memchr(old.data + pos, '\n', old.len - pos);
        size_t end = nl ? (size_t)(nl - old.data) : old.len;
        const char *h;
        size_t o;
        if (parse_line(old.data + pos, end - pos, &h, &o) &&
            memcmp(h, hash, HASH_LEN) != 0)
            count++;
        pos = end + 1;
    }
    if (count >= MAX_ENTRIES)
        skip = count - (MAX_ENTRIES - 1);

    lis_buf_adds(&out, HEADER);
    for (pos = 0; pos < old.len;) {
        const char *nl = memchr(old.data + pos, '\n', old.len - pos);
        size_t end = nl ? (size_t)(nl - old.data) : old.len;
        const char *h;
        size_t o;
        if (parse_line(old.data + pos, end - pos, &h, &o) &&
            memcmp(h, hash, HASH_LEN) != 0) {
            if (skip)
                skip--;
            else {
                lis_buf_add(&out, old.data + pos, end - pos);
                lis_buf_addc(&out, '\n');
            }
        }
        pos = end + 1;
    }
    if (offset > 0)
        lis_buf_printf(&out, "%.*s %zu %lld\n", HASH_LEN, hash, offset,
                       (long long)time(NULL));
    st = lis_write_file_atomic(path, out.data, out.len, true, errmsg);
    lis_buf_free(&old);
    lis_buf_free(&out);
    free(path);
    return st;
}
