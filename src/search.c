/* search.c -- accent- and case-insensitive search: folded copies of the
 * body with a sparse map back to body offsets, matched with memmem. */
#include <config.h>

#include "liseuse/search.h"

#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unigbrk.h>

#include "liseuse/text.h"

/* The body is folded this many bytes at a time: the per-byte map that
 * lis_fold produces is only ever about this big. */
#define FOLD_CHUNK 65536

/* A folded copy of the body.  Where folding changed lengths, an anchor
 * (fold offset, body offset) restarts the byte-for-byte correspondence:
 * the body offset of a folded character start c is
 * src[k] + (c - fold[k]) for the last anchor k at or before c.  Anchors
 * cost 16 bytes per accented letter, not 8 bytes per body byte. */
struct folded {
    bool built;
    char *text;
    size_t len;
    size_t *fold, *src;
    size_t n_anchors, cap;
};

struct lis_searcher {
    const struct lis_document *doc;
    struct folded f[4];         /* index: strip_accents * 2 + casefold */
};

void lis_search_opts_default(struct lis_search_opts *o)
{
    o->fold_accents = true;
    o->smart_case = true;
    o->ignore_case = true;
}

struct lis_searcher *lis_searcher_new(const struct lis_document *doc)
{
    struct lis_searcher *s = lis_xcalloc(1, sizeof *s);

    s->doc = doc;
    return s;
}

void lis_searcher_free(struct lis_searcher *s)
{
    size_t i;

    if (!s)
        return;
    for (i = 0; i < LIS_ARRAY_LEN(s->f); i++) {
        free(s->f[i].text);
        free(s->f[i].fold);
        free(s->f[i].src);
    }
    free(s);
}

static void add_anchor(struct folded *f, size_t fold, size_t src)
{
    size_t cap = f->cap;

    f->fold = lis_xgrow(f->fold, &cap, f->n_anchors + 1, sizeof *f->fold);
    cap = f->cap;
    f->src = lis_xgrow(f->src, &cap, f->n_anchors + 1, sizeof *f->src);
    f->cap = cap;
    f->fold[f->n_anchors] = fold;
    f->src[f->n_anchors] = src;
    f->n_anchors++;
}

static void build_folded(const struct lis_document *doc, struct folded *f,
                         bool strip, bool casefold)
{
    struct lis_buf text;
    size_t *map = NULL, map_cap = 0, off = 0, end, i, base;
    size_t a_fold = 0, a_src = 0;

    lis_buf_init(&text);
    lis_buf_reserve(&text, doc->body_len);
    add_anchor(f, 0, 0);
    while (off < doc->body_len) {
        end = off + FOLD_CHUNK < doc->body_len ? off + FOLD_CHUNK
                                               : doc->body_len;
        while (end > off + 1 && !lis_u8_is_boundary(doc->body, doc->body_len,
                                                    end))
            end--;
        base = text.len;
        lis_fold(doc->body + off, end - off, strip, casefold, &text, &map,
                 &map_cap);
        for (i = 0; i < text.len - base; i++) {
            size_t fo = base + i, so = off + map[i];

            if (((unsigned char)text.data[fo] & 0xC0) == 0x80)
                continue;   /* only character starts are ever looked up */
            if (so != a_src + (fo - a_fold)) {
                add_anchor(f, fo, so);
                a_fold = fo;
                a_src = so;
            }
        }
        off = end;
    }
    f->text = lis_buf_steal(&text, &f->len);
    f->built = true;
    free(map);
}

static size_t fold_to_src(const struct folded *f, size_t fo)
{
    size_t lo = 0, hi = f->n_anchors;

    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (f->fold[mid] <= fo)
            lo = mid;
        else
            hi = mid;
    }
    return f->src[lo] + (fo - f->fold[lo]);
}

static bool has_upper(const char *p, size_t len)
{
    size_t off = 0;
    uint32_t cp;

    while (off < len) {
        off += lis_u8_get(p + off, len - off, &cp);
        if (uc_tolower(cp) != cp)
            return true;
    }
    return false;
}

/* True when cp would join the grapheme before it (a combining mark). */
static bool is_joiner(uint32_t cp)
{
    return cp >= 0x300 && !uc_is_grapheme_break('a', cp);
}

size_t lis_search_all(struct lis_searcher *s, const char *pattern,
                      const struct lis_search_opts *o,
                      struct lis_span **out)
{
    const struct lis_document *doc = s->doc;
    const char *body = doc->body;
    struct lis_buf pat;
    struct lis_search_opts def;
    struct folded *f;
    struct lis_span *res = NULL;
    size_t n = 0, cap = 0, plen, pos = 0, last_end = 0;
    bool strip, casefold;

    *out = NULL;
    if (!pattern || !*pattern || !body)
        return 0;
    if (!o) {
        lis_search_opts_default(&def);
        o = &def;
    }
    strip = o->fold_accents;
    casefold = o->smart_case && has_upper(pattern, strlen(pattern))
                   ? false : o->ignore_case;
    lis_buf_init(&pat);
    lis_fold(pattern, strlen(pattern), strip, casefold, &pat, NULL, NULL);
    plen = pat.len;
    /* A match never crosses a paragraph, so a pattern with a newline has
     * none. */
    if (plen == 0 || memchr(pat.data, '\n', plen)) {
        lis_buf_free(&pat);
        return 0;
    }
    f = &s->f[(strip ? 2 : 0) + (casefold ? 1 : 0)];
    if (!f->built)
        build_folded(doc, f, strip, casefold);

    while (pos + plen <= f->len) {
        const char *hit = memmem(f->text + pos, f->len - pos, pat.data, plen);
        size_t h, b, last, a, e;
        uint32_t cp, prev;

        if (!hit)
            break;
        h = (size_t)(hit - f->text);
        b = h + plen;
        if (!strip && b < f->len) {
            /* Without accent folding, "cafe" must not match the start
             * of "café" written with a combining accent. */
            lis_u8_get(f->text + b, f->len - b, &cp);
            if (is_joiner(cp)) {
                pos = h + 1;
                continue;
            }
        }
        a = fold_to_src(f, h);
        for (last = b - 1; last > h
             && ((unsigned char)f->text[last] & 0xC0) == 0x80; last--)
            ;
        e = fold_to_src(f, last);
        e += lis_u8_get(body + e, doc->body_len - e, &prev);
        /* Round out to grapheme boundaries: accents dropped by folding
         * belong to the match. */
        while (e < doc->body_len && body[e] != '\n') {
            size_t k = lis_u8_get(body + e, doc->body_len - e, &cp);
            if (uc_is_grapheme_break(prev, cp))
                break;
            prev = cp;
            e += k;
        }
        while (a > 0 && body[a - 1] != '\n') {
            size_t p = lis_u8_prev(body, a);
            uint32_t c;
            lis_u8_get(body + p, doc->body_len - p, &c);
            lis_u8_get(body + a, doc->body_len - a, &cp);
            if (uc_is_grapheme_break(c, cp))
                break;
            a = p;
        }
        if (a >= last_end || n == 0) {
            res = lis_xgrow(res, &cap, n + 1, sizeof *res);
            res[n].start = a;
            res[n].end = e;
            n++;
            last_end = e;
        }
        pos = b;
    }
    lis_buf_free(&pat);
    *out = res;
    return n;
}

size_t lis_span_next(const struct lis_span *m, size_t n, size_t off)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m[mid].start <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n ? lo : LIS_NONE;
}

size_t lis_span_prev(const struct lis_span *m, size_t n, size_t off)
{
    size_t lo = 0, hi = n;

    /* Number of matches that start before off. */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 ? lo - 1 : LIS_NONE;
}
