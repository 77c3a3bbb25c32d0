/* export.c -- which excerpts leave the reader: quotes, marked quotes and the
 * reader's highlights, each with its text, place, context and stable id.
 * The formats themselves are in export_writers.c. */
#include <config.h>

#include "liseuse/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liseuse/text.h"

static const char *const format_names[] = {
#define LIS_EF_NAME(id, name, ext) name,
    LIS_EXPORT_FORMAT_LIST(LIS_EF_NAME)
#undef LIS_EF_NAME
};
static const char *const format_exts[] = {
#define LIS_EF_EXT(id, name, ext) ext,
    LIS_EXPORT_FORMAT_LIST(LIS_EF_EXT)
#undef LIS_EF_EXT
};

bool lis_export_format_parse(const char *name, enum lis_export_format *f)
{
    size_t i;

    if (!name)
        return false;
    for (i = 0; i < LIS_EXPORT_COUNT; i++) {
        if (strcmp(name, format_names[i]) == 0) {
            *f = (enum lis_export_format)i;
            return true;
        }
    }
    return false;
}

const char *lis_export_format_name(enum lis_export_format f)
{
    return (size_t)f < LIS_EXPORT_COUNT ? format_names[f] : "";
}

const char *lis_export_format_ext(enum lis_export_format f)
{
    return (size_t)f < LIS_EXPORT_COUNT ? format_exts[f] : "";
}

static const char *const select_names[] = {
    [LIS_SELECT_QUOTES] = "quotes",
    [LIS_SELECT_MARKED] = "marked",
    [LIS_SELECT_HIGHLIGHTS] = "highlights",
    [LIS_SELECT_ALL] = "all",
};

bool lis_select_parse(const char *name, enum lis_select *sel)
{
    size_t i;

    if (!name)
        return false;
    for (i = 0; i < LIS_ARRAY_LEN(select_names); i++) {
        if (strcmp(name, select_names[i]) == 0) {
            *sel = (enum lis_select)i;
            return true;
        }
    }
    return false;
}

const char *lis_select_name(enum lis_select sel)
{
    return (size_t)sel < LIS_ARRAY_LEN(select_names) ? select_names[sel] : "";
}

void lis_export_clean_text(const char *s, size_t len, bool keep_newlines,
                           struct lis_buf *out)
{
    size_t i = 0;

    lis_buf_reserve(out, len);
    while (i < len) {
        size_t run = i, n;
        uint32_t cp;

        /* plain printable ASCII is the common case: copy it in one go */
        while (run < len && (unsigned char)s[run] >= 0x20 &&
               (unsigned char)s[run] < 0x7F)
            run++;
        if (run > i) {
            lis_buf_add(out, s + i, run - i);
            i = run;
            continue;
        }
        n = lis_u8_get(s + i, len - i, &cp);
        if (cp == '\n' || cp == '\r') {
            /* CRLF counts as one line break */
            if (cp == '\r' && i + 1 < len && s[i + 1] == '\n')
                n = 2;
            lis_buf_addc(out, keep_newlines ? '\n' : ' ');
        } else if (cp == '\t') {
            lis_buf_addc(out, ' ');
        } else if (cp == 0xFFFD) {
            /* an invalid byte, or a U+FFFD already in the text */
            lis_buf_add(out, "\xef\xbf\xbd", 3);
        } else if (lis_glyph_kind(cp) == LIS_GLYPH_TEXT) {
            lis_buf_add(out, s + i, n);
        }
        i += n;
    }
}

static char *clean_dup(const char *s, size_t len)
{
    struct lis_buf b;

    lis_buf_init(&b);
    lis_export_clean_text(s, len, true, &b);
    return lis_buf_steal(&b, NULL);
}

/* FNV-1a, 64 bits: short, stable across platforms, and the input already
 * carries a SHA-256, so collisions between articles are not a concern. */
static uint64_t fnv1a64(uint64_t h, const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

void lis_excerpt_id(const char *sha256, size_t start, size_t end,
                    char id[17])
{
    static const char hex[] = "0123456789abcdef";
    char num[64];
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    int n, i;

    h = fnv1a64(h, sha256, strlen(sha256));
    n = snprintf(num, sizeof num, ":%zu-%zu", start, end);
    h = fnv1a64(h, num, (size_t)n);
    for (i = 15; i >= 0; i--) {
        id[i] = hex[h & 15];
        h >>= 4;
    }
    id[16] = '\0';
}

static bool span_ok(const struct lis_document *doc, size_t start, size_t end)
{
    return start < end && end <= doc->body_len &&
           lis_u8_is_boundary(doc->body, doc->body_len, start) &&
           lis_u8_is_boundary(doc->body, doc->body_len, end);
}

/* An annotation found for a span: note and creation time. */
struct found {
    const char *note;
    time_t created;
    bool used;
};

struct collector {
    const struct lis_document *doc;
    const struct lis_analysis *an;
    time_t now;
    struct lis_export_article *out;
    size_t cap;
};

static void add_excerpt(struct collector *c, enum lis_excerpt_kind kind,
                        size_t start, size_t end, const char *speaker,
                        const char *note, time_t created)
{
    const struct lis_document *doc = c->doc;
    const struct lis_analysis *an = c->an;
    struct lis_export_article *a = c->out;
    struct lis_excerpt *e;
    size_t cs = LIS_NONE, ce = LIS_NONE;

    a->excerpts = lis_xgrow(a->excerpts, &c->cap, a->n_excerpts + 1,
                            sizeof *a->excerpts);
    e = &a->excerpts[a->n_excerpts++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->start = start;
    e->end = end;
    e->text = clean_dup(doc->body + start, end - start);
    e->speaker = speaker;
    e->note = note && *note ? note : NULL;
    e->para = doc->n_paras ? lis_document_para_at(doc, start) + 1 : 1;
    e->position = doc->body_len ? 100.0 * (double)start / (double)doc->body_len
                                : 0.0;
    /* the context is the sentence(s) the excerpt sits in; the paragraph(s)
     * when the analysis has no sentence there */
    if (an && an->n_sentences) {
        size_t s1 = lis_sentence_at(an, start);
        size_t s2 = lis_sentence_at(an, end - 1);

        if (s1 != LIS_NONE && s2 != LIS_NONE) {
            cs = an->sentences[s1].start < start ? an->sentences[s1].start
                                                 : start;
            ce = an->sentences[s2].end > end ? an->sentences[s2].end : end;
        }
    }
    if (cs == LIS_NONE) {
        if (doc->n_paras) {
            cs = doc->paras[lis_document_para_at(doc, start)].start;
            ce = doc->paras[lis_document_para_at(doc, end - 1)].end;
            if (cs > start)
                cs = start;
            if (ce < end)
                ce = end;
        } else {
            cs = start;
            ce = end;
        }
    }
    if (ce > doc->body_len)
        ce = doc->body_len;
    e->context = clean_dup(doc->body + cs, ce - cs);
    e->created = created ? created : c->now;
    lis_excerpt_id(a->sha256, start, end, e->id);
}

/* Spans of marks or highlights sorted by (start, end), for lookups. */
struct span_key {
    size_t start, end, idx;
};
struct span_index {
    struct span_key *keys;
    size_t n;
};

static int cmp_key(const void *pa, const void *pb)
{
    const struct span_key *a = pa, *b = pb;

    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    /* equal spans: the first one stored wins */
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static void index_marks(struct span_index *x, const struct lis_annotations *a)
{
    size_t i;

    x->n = a->n_marks;
    x->keys = lis_xcalloc(x->n + 1, sizeof *x->keys);
    for (i = 0; i < x->n; i++) {
        x->keys[i].start = a->marks[i].start;
        x->keys[i].end = a->marks[i].end;
        x->keys[i].idx = i;
    }
    qsort(x->keys, x->n, sizeof *x->keys, cmp_key);
}

static void index_highlights(struct span_index *x,
                             const struct lis_annotations *a)
{
    size_t i;

    x->n = a->n_highlights;
    x->keys = lis_xcalloc(x->n + 1, sizeof *x->keys);
    for (i = 0; i < x->n; i++) {
        x->keys[i].start = a->highlights[i].start;
        x->keys[i].end = a->highlights[i].end;
        x->keys[i].idx = i;
    }
    qsort(x->keys, x->n, sizeof *x->keys, cmp_key);
}

/* Index (into the original array) of the first element spanning exactly
 * [start, end), or LIS_NONE. */
static size_t index_find(const struct span_index *x, size_t start,
                         size_t end)
{
    size_t lo = 0, hi = x->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct span_key *k = &x->keys[mid];

        if (k->start < start || (k->start == start && k->end < end))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < x->n && x->keys[lo].start == start && x->keys[lo].end == end)
        return x->keys[lo].idx;
    return LIS_NONE;
}

static int cmp_excerpt(const void *pa, const void *pb)
{
    const struct lis_excerpt *a = pa, *b = pb;

    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    return (int)a->kind - (int)b->kind;
}

/* The mark of a quote: on its text, or on the text with its marks. */
static size_t mark_of_quote(const struct span_index *marks,
                            const struct lis_quote *q)
{
    size_t m = index_find(marks, q->start, q->end);

    if (m == LIS_NONE && (q->outer_start != q->start || q->outer_end != q->end))
        m = index_find(marks, q->outer_start, q->outer_end);
    return m;
}

static const char *speaker_of(const struct lis_analysis *an,
                              const struct lis_quote *q)
{
    if (q->speaker == LIS_NONE || q->speaker >= an->n_entities)
        return NULL;
    return an->entities[q->speaker].name;
}

void lis_export_collect(const struct lis_document *doc,
                        const struct lis_analysis *an,
                        const struct lis_annotations *ann,
                        enum lis_select sel, time_t now,
                        struct lis_export_article *out)
{
    static const struct lis_annotations none;
    struct collector c;
    struct span_index marks, hls;
    bool *mark_used, *hl_used;
    bool want_quotes = sel == LIS_SELECT_QUOTES || sel == LIS_SELECT_ALL;
    bool want_marked = sel == LIS_SELECT_MARKED || sel == LIS_SELECT_ALL;
    bool want_hls = sel == LIS_SELECT_HIGHLIGHTS || sel == LIS_SELECT_ALL;
    size_t i, n_quotes = an ? an->n_quotes : 0;

    if (!ann)
        ann = &none;
    memset(out, 0, sizeof *out);
    out->doc = doc;
    out->an = an;
    lis_document_hash(doc, out->sha256);
    c.doc = doc;
    c.an = an;
    c.now = now;
    c.out = out;
    c.cap = 0;

    index_marks(&marks, ann);
    index_highlights(&hls, ann);
    mark_used = lis_xcalloc(ann->n_marks + 1, sizeof *mark_used);
    hl_used = lis_xcalloc(ann->n_highlights + 1, sizeof *hl_used);

    for (i = 0; i < n_quotes; i++) {
        const struct lis_quote *q = &an->quotes[i];
        size_t m = mark_of_quote(&marks, q);
        const char *note = NULL;
        time_t created = 0;

        if (!span_ok(doc, q->start, q->end))
            continue;
        if (m != LIS_NONE) {
            mark_used[m] = true;
            note = ann->marks[m].note;
            created = ann->marks[m].created;
        }
        if (!want_quotes && !(want_marked && m != LIS_NONE))
            continue;
        if (want_hls) {
            /* a highlight on exactly a quote is that quote, once */
            size_t h = index_find(&hls, q->start, q->end);

            if (h != LIS_NONE) {
                hl_used[h] = true;
                if (!note || !*note)
                    note = ann->highlights[h].note;
                if (!created)
                    created = ann->highlights[h].created;
            }
        }
        add_excerpt(&c, LIS_EXCERPT_QUOTE, q->start, q->end,
                    speaker_of(an, q), note, created);
    }

    /* A mark that no quote of this analysis matches (the lexicons changed
     * since it was set) is still something the reader kept: export its
     * span as a quote without a speaker rather than lose it. */
    if (want_marked) {
        for (i = 0; i < ann->n_marks; i++) {
            const struct lis_user_mark *m = &ann->marks[i];

            if (mark_used[i] || !span_ok(doc, m->start, m->end) ||
                index_find(&marks, m->start, m->end) != i)
                continue;
            add_excerpt(&c, LIS_EXCERPT_QUOTE, m->start, m->end, NULL,
                        m->note, m->created);
        }
    }

    if (want_hls) {
        for (i = 0; i < ann->n_highlights; i++) {
            const struct lis_user_highlight *h = &ann->highlights[i];

            /* index_find returns one of equal spans: keep that one only */
            if (hl_used[i] || !span_ok(doc, h->start, h->end) ||
                index_find(&hls, h->start, h->end) != i)
                continue;
            if (want_marked && index_find(&marks, h->start, h->end) !=
                LIS_NONE)
                continue;   /* already exported as a marked span */
            add_excerpt(&c, LIS_EXCERPT_HIGHLIGHT, h->start, h->end, NULL,
                        h->note, h->created);
        }
    }

    if (out->n_excerpts > 1)
        qsort(out->excerpts, out->n_excerpts, sizeof *out->excerpts,
              cmp_excerpt);
    free(marks.keys);
    free(hls.keys);
    free(mark_used);
    free(hl_used);
}

void lis_export_article_clear(struct lis_export_article *a)
{
    size_t i;

    for (i = 0; i < a->n_excerpts; i++) {
        free(a->excerpts[i].text);
        free(a->excerpts[i].context);
    }
    free(a->excerpts);
    a->excerpts = NULL;
    a->n_excerpts = 0;
}
