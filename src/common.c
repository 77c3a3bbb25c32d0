/* common.c -- status messages, allocation wrappers, growable buffers. */
#include <config.h>

#include "liseuse/common.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const char *const status_msgs[] = {
#define LIS_STATUS_MSG(id, msg) msg,
    LIS_STATUS_LIST(LIS_STATUS_MSG)
#undef LIS_STATUS_MSG
};

const char *lis_status_str(enum lis_status st)
{
    if ((size_t)st >= LIS_ARRAY_LEN(status_msgs))
        return _("unknown error");
    return _(status_msgs[st]);
}

enum lis_status lis_status_from_errno(int err)
{
    switch (err) {
    case 0: return LIS_OK;
    case ENOMEM: return LIS_ERR_NOMEM;
    case ENOENT: case ENOTDIR: return LIS_ERR_NOENT;
    case EISDIR: return LIS_ERR_ISDIR;
    case EACCES: case EPERM: case EROFS: return LIS_ERR_ACCESS;
    case EEXIST: return LIS_ERR_EXISTS;
    case ENOSPC: case EDQUOT: return LIS_ERR_NOSPC;
    case EFBIG: case EOVERFLOW: return LIS_ERR_TOOBIG;
    case EINVAL: return LIS_ERR_INVAL;
    default: return LIS_ERR_IO;
    }
}

static void (*die_hook)(void);

void lis_set_die_hook(void (*hook)(void))
{
    die_hook = hook;
}

void lis_die(int status, const char *fmt, ...)
{
    va_list ap;

    if (die_hook) {
        void (*hook)(void) = die_hook;
        die_hook = NULL;  /* a failing hook must not recurse */
        hook();
    }
    fputs("liseuse: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(status);
}

static void *check_alloc(void *p)
{
    if (!p)
        lis_die(2, "%s", _("out of memory"));
    return p;
}

/* Blocks at least this large are advised to use huge pages. */
#define LIS_HUGE_MIN ((size_t)4 << 20)

/* Ask for transparent huge pages over a large block [p, p + n).  Fresh
 * memory is faulted in a page at a time, and on some virtual machines a
 * 4 KiB fault costs about 10 us, which is 2.5 s per GB of arrays: the
 * body, sentences and mentions of a 100 MB article.  With 2 MiB pages
 * there are 512 times fewer faults.  It is only a hint: where THP is off
 * or unavailable nothing changes, and an error is ignored.  The range is
 * widened to whole pages, which stay inside the block's own mapping for
 * a block that malloc mapped by itself (so that realloc can still move
 * it with mremap); on the heap the neighbours' pages share the hint,
 * which changes nothing for them but their page size. */
static void advise_large(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    long pg;
    uintptr_t a, b;

    if (!p || n < LIS_HUGE_MIN)
        return;
    pg = sysconf(_SC_PAGESIZE);
    if (pg <= 0 || (pg & (pg - 1)) != 0)
        return;
    a = (uintptr_t)p & ~(uintptr_t)(pg - 1);
    b = ((uintptr_t)p + n + (uintptr_t)pg - 1) & ~(uintptr_t)(pg - 1);
    (void)madvise((void *)a, b - a, MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}

void *lis_xmalloc(size_t n)
{
    void *p = check_alloc(malloc(n ? n : 1));

    advise_large(p, n);
    return p;
}

void *lis_xcalloc(size_t nmemb, size_t size)
{
    void *p = check_alloc(calloc(nmemb ? nmemb : 1, size ? size : 1));

    /* (calloc has checked that nmemb * size does not overflow) */
    advise_large(p, nmemb * size);
    return p;
}

void *lis_xrealloc(void *p, size_t n)
{
    p = check_alloc(realloc(p, n ? n : 1));
    advise_large(p, n);
    return p;
}

void *lis_xgrow(void *p, size_t *cap, size_t need, size_t size)
{
    size_t ncap;

    if (need <= *cap && p)
        return p;
    ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            lis_die(2, "%s", _("out of memory"));
        ncap *= 2;
    }
    if (size && ncap > SIZE_MAX / size)
        lis_die(2, "%s", _("out of memory"));
    p = lis_xrealloc(p, ncap * size);
    *cap = ncap;
    return p;
}

char *lis_xstrdup(const char *s)
{
    return lis_xstrndup(s, strlen(s));
}

char *lis_xstrndup(const char *s, size_t n)
{
    char *d = lis_xmalloc(n + 1);

    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *lis_xasprintf(const char *fmt, ...)
{
    struct lis_buf b;
    va_list ap;
    int n;

    lis_buf_init(&b);
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    lis_buf_reserve(&b, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(b.data, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b.len = (size_t)n;
    return lis_buf_steal(&b, NULL);
}

void lis_buf_init(struct lis_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void lis_buf_free(struct lis_buf *b)
{
    free(b->data);
    lis_buf_init(b);
}

void lis_buf_reserve(struct lis_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        lis_die(2, "%s", _("out of memory"));
    b->data = lis_xgrow(b->data, &b->cap, b->len + extra + 1, 1);
    b->data[b->len] = '\0';
}

void lis_buf_add(struct lis_buf *b, const void *p, size_t n)
{
    lis_buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void lis_buf_addc(struct lis_buf *b, char c)
{
    lis_buf_add(b, &c, 1);
}

void lis_buf_adds(struct lis_buf *b, const char *s)
{
    lis_buf_add(b, s, strlen(s));
}

void lis_buf_printf(struct lis_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    lis_buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

size_t lis_u8_encode(uint32_t cp, char u[4])
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        u[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    u[0] = (char)(0xF0 | (cp >> 18));
    u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

void lis_buf_add_cp(struct lis_buf *b, uint32_t cp)
{
    char u[4];
    size_t n = lis_u8_encode(cp, u);

    lis_buf_add(b, u, n);
}

char *lis_buf_steal(struct lis_buf *b, size_t *len)
{
    char *d;

    if (!b->data)
        lis_buf_reserve(b, 0);
    d = b->data;
    if (len)
        *len = b->len;
    lis_buf_init(b);
    return d;
}
