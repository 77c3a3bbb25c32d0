/* frontmatter.c -- the optional "---" metadata block at the top of an
 * article.  Anything that does not look exactly like one is body text. */
#include <config.h>

#include "liseuse/document.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* More lines than this is not metadata but text that happens to start
 * with a rule. */
#define FM_MAX_LINES 64

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool is_key_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
           || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* A delimiter line: "---" with optional trailing blanks. */
static bool is_delim(const char *l, size_t n)
{
    size_t i;

    if (n < 3 || memcmp(l, "---", 3) != 0)
        return false;
    for (i = 3; i < n; i++)
        if (!is_blank(l[i]))
            return false;
    return true;
}

/* Copy a value: trimmed, quotes removed ("..." with \" and \\ escapes, or
 * '...'), NULL when empty. */
static char *dup_value(const char *v, size_t n)
{
    struct lis_buf b;
    size_t i;

    while (n && is_blank(*v)) {
        v++;
        n--;
    }
    while (n && is_blank(v[n - 1]))
        n--;
    if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
        lis_buf_init(&b);
        for (i = 1; i + 1 < n; i++) {
            if (v[i] == '\\' && i + 2 < n
                && (v[i + 1] == '"' || v[i + 1] == '\\'))
                i++;
            lis_buf_addc(&b, v[i]);
        }
        if (!b.len) {
            lis_buf_free(&b);
            return NULL;
        }
        return lis_buf_steal(&b, NULL);
    }
    if (n >= 2 && v[0] == '\'' && v[n - 1] == '\'') {
        v++;
        n -= 2;
    }
    return n ? lis_xstrndup(v, n) : NULL;
}

static char **meta_slot(struct lis_meta *m, const char *key, size_t n)
{
    static const struct {
        const char *name;
        size_t off;
    } keys[] = {
        { "title", offsetof(struct lis_meta, title) },
        { "source", offsetof(struct lis_meta, source) },
        { "url", offsetof(struct lis_meta, url) },
        { "date", offsetof(struct lis_meta, date) },
        { "author", offsetof(struct lis_meta, author) },
        { "lang", offsetof(struct lis_meta, lang) },
    };
    size_t i;

    for (i = 0; i < LIS_ARRAY_LEN(keys); i++)
        if (strlen(keys[i].name) == n && strncasecmp(keys[i].name, key, n) == 0)
            return (char **)(void *)((char *)m + keys[i].off);
    return NULL;
}

/* Parse one "key: value" line into m.  False when the line is not one. */
static bool parse_line(const char *l, size_t n, struct lis_meta *m)
{
    size_t k = 0;
    char **slot;

    if (n && l[0] == '#')
        return true;            /* a YAML comment */
    while (k < n && is_key_char(l[k]))
        k++;
    if (k == 0 || k >= n || l[k] != ':')
        return false;
    if (k + 1 < n && !is_blank(l[k + 1]))
        return false;           /* "http://x" is not a key */
    slot = meta_slot(m, l, k);
    if (slot) {
        free(*slot);            /* the last occurrence wins */
        *slot = dup_value(l + k + 1, n - k - 1);
    }
    return true;
}

size_t lis_frontmatter_parse(const char *text, size_t len,
                             struct lis_meta *meta)
{
    struct lis_meta m = { 0 };
    size_t pos = 0, lines = 0;
    const char *nl;
    size_t n;

    nl = memchr(text, '\n', len);
    n = nl ? (size_t)(nl - text) : len;
    if (!nl || !is_delim(text, n))
        return 0;
    pos = n + 1;
    while (pos < len) {
        const char *l = text + pos;

        nl = memchr(l, '\n', len - pos);
        n = nl ? (size_t)(nl - l) : len - pos;
        if (is_delim(l, n)) {
            pos += nl ? n + 1 : n;
            *meta = m;
            return pos;
        }
        if (++lines > FM_MAX_LINES || !parse_line(l, n, &m))
            break;
        if (!nl)
            break;
        pos += n + 1;
    }
    lis_meta_free(&m);
    return 0;
}

void lis_meta_free(struct lis_meta *meta)
{
    free(meta->title);
    free(meta->source);
    free(meta->url);
    free(meta->date);
    free(meta->author);
    free(meta->lang);
    memset(meta, 0, sizeof *meta);
}
