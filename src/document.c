/* document.c -- loading an article: reading, decoding pipeline, paragraph
 * index, title, content hash. */
#include <config.h>

#include "liseuse/document.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define TITLE_MAX 200

/* ---------------------------------------------------------------- decode */

/* Ask for huge pages on a large buffer: faulting in 100 MB page by page
 * costs more than reading it, notably in virtual machines. */
static void advise_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1);
    uintptr_t e = ((uintptr_t)p + n) & ~(huge - 1);

    if (n >= 4 * huge && e > a)
        (void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}

/* Decode raw (taken) to UTF-8 into out, filling the encoding fields of
 * doc.  Valid UTF-8, nearly every input, is handed over without a copy. */
static enum lis_status decode_input(struct lis_buf *raw,
                                    const struct lis_load_opts *opts,
                                    struct lis_document *doc,
                                    struct lis_buf *out)
{
    size_t bad = 0;
    enum lis_status st = LIS_OK;

    lis_buf_reserve(raw, 0);
    if (opts && opts->encoding) {
        lis_buf_reserve(out, raw->len + raw->len / 2);
        advise_huge(out->data, out->cap);
        st = lis_decode_iconv(opts->encoding, raw->data, raw->len, out, &bad);
        if (st == LIS_OK) {
            doc->encoding_buf = lis_xstrdup(opts->encoding);
            doc->encoding = doc->encoding_buf;
        }
    } else if (lis_utf8_count_invalid(raw->data, raw->len) == 0) {
        *out = *raw;
        lis_buf_init(raw);
        doc->encoding = "UTF-8";
    } else if (lis_looks_legacy_8bit(raw->data, raw->len)) {
        lis_buf_reserve(out, raw->len + raw->len / 4);
        advise_huge(out->data, out->cap);
        lis_decode_cp1252(raw->data, raw->len, out, &bad);
        doc->encoding = "WINDOWS-1252";
        doc->encoding_guessed = true;
    } else {
        lis_buf_reserve(out, raw->len + raw->len / 8);
        advise_huge(out->data, out->cap);
        lis_decode_utf8(raw->data, raw->len, out, &bad);
        doc->encoding = "UTF-8";
    }
    doc->invalid_sequences = bad;
    lis_buf_free(raw);
    return st;
}

/* ---------------------------------------------------------------- index */

static void index_paragraphs(struct lis_document *doc)
{
    const char *s = doc->body, *end = s + doc->body_len, *p = s, *nl;
    size_t cap = 0;

    /* A rough guess (one line per 64 bytes) saves most reallocations. */
    doc->paras = lis_xgrow(NULL, &cap, doc->body_len / 64 + 1,
                           sizeof *doc->paras);
    advise_huge(doc->paras, cap * sizeof *doc->paras);
    doc->n_paras = 0;
    for (;;) {
        nl = memchr(p, '\n', (size_t)(end - p));
        doc->paras = lis_xgrow(doc->paras, &cap, doc->n_paras + 1,
                               sizeof *doc->paras);
        doc->paras[doc->n_paras].start = (size_t)(p - s);
        doc->paras[doc->n_paras].end = (size_t)((nl ? nl : end) - s);
        doc->n_paras++;
        if (!nl || nl + 1 == end)
            break;              /* a final newline ends, not starts, a line */
        p = nl + 1;
    }
}

/* ---------------------------------------------------------------- title */

static bool is_space_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

static char *first_line_title(const struct lis_document *doc)
{
    size_t i;

    for (i = 0; i < doc->n_paras; i++) {
        const char *l = doc->body + doc->paras[i].start;
        size_t n = doc->paras[i].end - doc->paras[i].start;

        while (n && is_space_byte(*l)) {
            l++;
            n--;
        }
        while (n && is_space_byte(l[n - 1]))
            n--;
        if (!n)
            continue;
        if (n > TITLE_MAX) {
            n = TITLE_MAX;
            /* Back off continuation bytes so no character is cut. */
            while (n && ((unsigned char)l[n] & 0xC0) == 0x80)
                n--;
        }
        return lis_xstrndup(l, n);
    }
    return NULL;
}

static char *base_name(const char *path)
{
    const char *end = path + strlen(path), *b;

    while (end > path + 1 && end[-1] == '/')
        end--;
    b = end;
    while (b > path && b[-1] != '/')
        b--;
    return lis_xstrndup(b, (size_t)(end - b));
}

static char *make_title(const struct lis_document *doc)
{
    char *t;

    if (doc->meta.title)
        return lis_xstrdup(doc->meta.title);
    if ((t = first_line_title(doc)))
        return t;
    if (doc->path && strcmp(doc->path, "-") != 0 && *doc->path)
        return base_name(doc->path);
    return lis_xstrdup(_("stdin"));
}

/* ---------------------------------------------------------------- build */

/* Build a document from raw input bytes, which it takes. */
static enum lis_status build(struct lis_buf *raw, const char *path,
                             const struct lis_load_opts *opts,
                             struct lis_document **out)
{
    struct lis_document *doc = lis_xcalloc(1, sizeof *doc);
    struct lis_buf text;
    enum lis_status st;
    size_t skip = 0;

    *out = NULL;
    doc->path = path ? lis_xstrdup(path) : NULL;
    doc->raw_bytes = raw->len;
    lis_buf_init(&text);
    st = decode_input(raw, opts, doc, &text);
    if (st != LIS_OK)
        goto fail;
    lis_buf_reserve(&text, 0);
    /* NUL is checked after decoding so that a forced UTF-16 input, full of
     * zero bytes, is not mistaken for a binary file. */
    if (memchr(text.data, '\0', text.len) && !(opts && opts->force)) {
        st = LIS_ERR_BINARY;
        goto fail;
    }
    lis_normalize_newlines(&text);
    doc->normalized = lis_normalize_nfc(&text);
    /* The BOM and the front matter go in one move at the end. */
    if (text.len >= 3 && memcmp(text.data, "\xEF\xBB\xBF", 3) == 0) {
        doc->had_bom = true;
        skip = 3;
    }
    skip += lis_frontmatter_parse(text.data + skip, text.len - skip,
                                  &doc->meta);
    if (skip) {
        memmove(text.data, text.data + skip, text.len - skip + 1);
        text.len -= skip;
    }
    doc->body = lis_buf_steal(&text, &doc->body_len);
    index_paragraphs(doc);
    doc->display_title = make_title(doc);
    *out = doc;
    return LIS_OK;

fail:
    lis_buf_free(&text);
    lis_document_free(doc);
    return st;
}

enum lis_status lis_document_from_bytes(const char *data, size_t len,
                                        const char *path,
                                        const struct lis_load_opts *opts,
                                        struct lis_document **out)
{
    struct lis_buf raw;

    lis_buf_init(&raw);
    if (data)
        lis_buf_add(&raw, data, len);
    return build(&raw, path, opts, out);
}

void lis_document_free(struct lis_document *doc)
{
    if (!doc)
        return;
    free(doc->path);
    free(doc->body);
    lis_meta_free(&doc->meta);
    free(doc->paras);
    free(doc->display_title);
    free(doc->encoding_buf);
    free(doc);
}

/* ---------------------------------------------------------------- load */

/* Read fd to the end into b.  size_hint: expected size (0 if unknown). */
static enum lis_status read_all(int fd, size_t size_hint, struct lis_buf *b)
{
    ssize_t r;

    lis_buf_reserve(b, size_hint ? size_hint + 1 : 65536);
    advise_huge(b->data, b->cap);
    for (;;) {
        if (b->cap - b->len - 1 == 0)
            lis_buf_reserve(b, b->cap);     /* doubles */
        r = read(fd, b->data + b->len, b->cap - b->len - 1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return lis_status_from_errno(errno);
        }
        if (r == 0)
            break;
        b->len += (size_t)r;
    }
    b->data[b->len] = '\0';
    return LIS_OK;
}

static char *load_error(const char *name, enum lis_status st,
                        const struct lis_load_opts *opts)
{
    if (st == LIS_ERR_ENCODING && opts && opts->encoding)
        return lis_xasprintf(_("%s: unknown or unsupported encoding '%s'"),
                             name, opts->encoding);
    return lis_xasprintf("%s: %s", name, lis_status_str(st));
}

enum lis_status lis_document_load(const char *path,
                                  const struct lis_load_opts *opts,
                                  struct lis_document **out, char **errmsg)
{
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? _("standard input") : path;
    enum lis_status st = LIS_OK;
    struct lis_buf raw;
    struct stat sb;
    size_t hint = 0;
    int fd;

    *out = NULL;
    if (errmsg)
        *errmsg = NULL;
    lis_buf_init(&raw);
    if (is_stdin) {
        fd = STDIN_FILENO;
    } else {
        /* O_NONBLOCK: opening a FIFO with no writer must not hang; the
         * type check below then refuses it. */
        fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
        if (fd < 0) {
            st = lis_status_from_errno(errno);
            goto done;
        }
    }
    if (fstat(fd, &sb) != 0) {
        st = lis_status_from_errno(errno);
        goto close;
    }
    if (S_ISDIR(sb.st_mode)) {
        st = LIS_ERR_ISDIR;
        goto close;
    }
    if (S_ISREG(sb.st_mode)) {
        if ((uintmax_t)sb.st_size >= SIZE_MAX / 2) {
            st = LIS_ERR_TOOBIG;
            goto close;
        }
        hint = (size_t)sb.st_size;
    } else if (!is_stdin) {
        /* Devices and FIFOs could block or never end (/dev/zero). */
        st = LIS_ERR_NOTREG;
        goto close;
    }
    if (!is_stdin) {
        int fl = fcntl(fd, F_GETFL);

        if (fl >= 0)
            (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    }
    st = read_all(fd, hint, &raw);
close:
    if (!is_stdin)
        close(fd);
    if (st == LIS_OK)
        st = build(&raw, path, opts, out);
done:
    lis_buf_free(&raw);
    if (st != LIS_OK && errmsg)
        *errmsg = load_error(name, st, opts);
    return st;
}

/* ---------------------------------------------------------------- queries */

size_t lis_document_para_at(const struct lis_document *doc, size_t offset)
{
    size_t lo = 0, hi = doc->n_paras;

    if (!doc->n_paras)
        return 0;
    /* The last paragraph whose start is <= offset. */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;

        if (doc->paras[mid].start <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

const char *lis_document_title(const struct lis_document *doc)
{
    return doc->display_title ? doc->display_title : "";
}

/* ---------------------------------------------------------------- SHA-256
 * FIPS 180-4, small and self-contained: it only fingerprints bodies so that
 * annotations can tell when an article changed. */

struct sha256 {
    uint32_t h[8];
    uint64_t total;
    unsigned char block[64];
    size_t fill;
};

static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror32(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32 - n));
}

static void sha256_block(struct sha256 *c, const unsigned char *p)
{
    uint32_t w[64], a, b, d, e, f, g, h, cc, t1, t2;
    size_t i;

    for (i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16
               | (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
    for (i = 16; i < 64; i++) {
        uint32_t s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18)
                      ^ (w[i - 15] >> 3);
        uint32_t s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19)
                      ^ (w[i - 2] >> 10);

        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    a = c->h[0]; b = c->h[1]; cc = c->h[2]; d = c->h[3];
    e = c->h[4]; f = c->h[5]; g = c->h[6]; h = c->h[7];
    for (i = 0; i < 64; i++) {
        t1 = h + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25))
             + ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
        t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22))
             + ((a & b) ^ (a & cc) ^ (b & cc));
        h = g; g = f; f = e; e = d + t1;
        d = cc; cc = b; b = a; a = t1 + t2;
    }
    c->h[0] += a; c->h[1] += b; c->h[2] += cc; c->h[3] += d;
    c->h[4] += e; c->h[5] += f; c->h[6] += g; c->h[7] += h;
}

static void sha256_init(struct sha256 *c)
{
    static const uint32_t iv[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };

    memcpy(c->h, iv, sizeof iv);
    c->total = 0;
    c->fill = 0;
}

static void sha256_update(struct sha256 *c, const unsigned char *p, size_t n)
{
    c->total += n;
    if (c->fill) {
        size_t k = 64 - c->fill < n ? 64 - c->fill : n;

        memcpy(c->block + c->fill, p, k);
        c->fill += k;
        p += k;
        n -= k;
        if (c->fill < 64)
            return;
        sha256_block(c, c->block);
        c->fill = 0;
    }
    for (; n >= 64; p += 64, n -= 64)
        sha256_block(c, p);
    memcpy(c->block, p, n);
    c->fill = n;
}

static void sha256_final(struct sha256 *c, unsigned char digest[32])
{
    uint64_t bits = c->total * 8;
    unsigned char pad[72] = { 0x80 };
    size_t padlen = (c->fill < 56 ? 56 : 120) - c->fill, i;

    for (i = 0; i < 8; i++)
        pad[padlen + i] = (unsigned char)(bits >> (56 - 8 * i));
    sha256_update(c, pad, padlen + 8);
    for (i = 0; i < 8; i++) {
        digest[4 * i] = (unsigned char)(c->h[i] >> 24);
        digest[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
        digest[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
        digest[4 * i + 3] = (unsigned char)c->h[i];
    }
}

void lis_document_hash(const struct lis_document *doc, char out[65])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char d[32];
    struct sha256 c;
    size_t i;

    sha256_init(&c);
    sha256_update(&c, (const unsigned char *)doc->body, doc->body_len);
    sha256_final(&c, d);
    for (i = 0; i < 32; i++) {
        out[2 * i] = hex[d[i] >> 4];
        out[2 * i + 1] = hex[d[i] & 15];
    }
    out[64] = '\0';
}
