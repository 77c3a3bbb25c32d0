/* common.h -- status codes, allocation, growable buffers, spans. */
#ifndef LISEUSE_COMMON_H
#define LISEUSE_COMMON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "liseuse/i18n.h"

/* Every status a core function can return, declared once (X-macro):
 * the enum and the message table are generated from this list. */
#define LIS_STATUS_LIST(_) \
    _(OK,          N_("success")) \
    _(ERR_NOMEM,   N_("out of memory")) \
    _(ERR_IO,      N_("input/output error")) \
    _(ERR_NOENT,   N_("no such file or directory")) \
    _(ERR_ISDIR,   N_("is a directory")) \
    _(ERR_ACCESS,  N_("permission denied")) \
    _(ERR_NOTREG,  N_("not a regular file")) \
    _(ERR_BINARY,  N_("binary file (contains NUL bytes); use --force to open it anyway")) \
    _(ERR_TOOBIG,  N_("file too large")) \
    _(ERR_ENCODING, N_("unknown or unsupported encoding")) \
    _(ERR_EXISTS,  N_("file exists")) \
    _(ERR_NOSPC,   N_("no space left on device")) \
    _(ERR_PARSE,   N_("parse error")) \
    _(ERR_INVAL,   N_("invalid argument"))

enum lis_status {
#define LIS_STATUS_ENUM(id, msg) LIS_##id,
    LIS_STATUS_LIST(LIS_STATUS_ENUM)
#undef LIS_STATUS_ENUM
    LIS_STATUS_COUNT
};

/* Translated, human-readable text of a status.  Never NULL. */
const char *lis_status_str(enum lis_status st);

/* Map an errno value to the closest status. */
enum lis_status lis_status_from_errno(int err);

/* Allocation: these never return NULL.  On failure they call the die hook
 * (which the UI sets to restore the terminal), print one line and exit(2). */
void *lis_xmalloc(size_t n);
void *lis_xcalloc(size_t nmemb, size_t size);
void *lis_xrealloc(void *p, size_t n);
/* Grow an array of nmemb elements of size bytes to at least need elements;
 * *cap is updated.  Returns the (possibly moved) array. */
void *lis_xgrow(void *p, size_t *cap, size_t need, size_t size);
char *lis_xstrdup(const char *s);
char *lis_xstrndup(const char *s, size_t n);
char *lis_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Called before exiting on a fatal error; the UI installs one that ends
 * curses mode.  NULL removes it. */
void lis_set_die_hook(void (*hook)(void));
/* Print "liseuse: MESSAGE" on stderr, run the die hook and exit(status). */
void lis_die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));

/* A growable byte buffer, always NUL-terminated when data != NULL. */
struct lis_buf {
    char *data;
    size_t len;
    size_t cap;
};
void lis_buf_init(struct lis_buf *b);
void lis_buf_free(struct lis_buf *b);
void lis_buf_reserve(struct lis_buf *b, size_t extra);
void lis_buf_add(struct lis_buf *b, const void *p, size_t n);
void lis_buf_addc(struct lis_buf *b, char c);
void lis_buf_adds(struct lis_buf *b, const char *s);
void lis_buf_printf(struct lis_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Encode cp as UTF-8 into u; returns the length (1..4).  Surrogates and
 * values past U+10FFFF are encoded as U+FFFD. */
size_t lis_u8_encode(uint32_t cp, char u[4]);
/* Append code point cp encoded as UTF-8. */
void lis_buf_add_cp(struct lis_buf *b, uint32_t cp);
/* Take ownership of the data (NUL-terminated, never NULL); b is reset. */
char *lis_buf_steal(struct lis_buf *b, size_t *len);

/* A half-open byte range [start, end) over a document body. */
struct lis_span {
    size_t start;
    size_t end;
};

#define LIS_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define LIS_NONE ((size_t)-1)

#endif
