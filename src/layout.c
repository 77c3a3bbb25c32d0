/* layout.c -- wrapping paragraphs into screen lines (UAX #14 with French
 * tailoring), an on-demand per-paragraph cache, and the cells of a line. */
#include <config.h>

#include "liseuse/layout.h"

#include <stdlib.h>
#include <string.h>

#include <unilbrk.h>
#include <uniwidth.h>

#include "liseuse/text.h"

/* Line-break opportunities are computed this many bytes at a time, so a
 * paragraph of any size needs only a bitmap (len / 8) and this scratch. */
#define BRK_CHUNK 65536

/* ---------------------------------------------------------------- breaks */

static bool is_alnum_ascii(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9');
}

static uint32_t cp_at(const char *s, size_t len, size_t off)
{
    uint32_t cp;

    lis_u8_get(s + off, len - off, &cp);
    return cp;
}

static uint32_t cp_before(const char *s, size_t len, size_t off)
{
    size_t p = lis_u8_prev(s, off);

    return cp_at(s, len, p);
}

static bool is_glue(uint32_t cp)
{
    return cp == 0xA0 || cp == 0x202F || cp == 0x2060 || cp == 0xFEFF;
}

/* UAX #14 allows a break after the space in "« mot" and before "»" in
 * "mot »" (LB18 comes before LB19).  French keeps its guillemets with the
 * word even when the file used plain spaces; non-breaking spaces never
 * break at all. */
static bool break_allowed(const char *s, size_t len, size_t i)
{
    uint32_t at = cp_at(s, len, i), before = cp_before(s, len, i);
    size_t j;

    if (is_glue(at) || is_glue(before))
        return false;
    if (s[i - 1] != ' ')
        return true;
    if (at == 0xBB || at == 0x203A)
        return false;
    for (j = i; j > 0 && s[j - 1] == ' '; j--)
        ;
    if (j > 0) {
        uint32_t open = cp_before(s, len, j);
        if (open == 0xAB || open == 0x2039)
            return false;
    }
    return true;
}

/* End of the chunk that starts at start: a place where a break is certain
 * (letter, space, letter) so that chunks are wrapped independently without
 * changing the result; a plain character boundary as a last resort. */
static size_t chunk_end(const char *s, size_t len, size_t start,
                        bool *certain)
{
    size_t i, hi;

    *certain = true;
    if (len - start <= BRK_CHUNK)
        return len;
    hi = start + BRK_CHUNK;
    for (i = hi; i > start + BRK_CHUNK / 2; i--) {
        if (s[i - 1] == ' ' && is_alnum_ascii(s[i - 2]) && is_alnum_ascii(s[i]))
            return i;
    }
    /* No space to cut at: the next chunk starts mid-word, and its start
     * is not a break opportunity. */
    *certain = false;
    for (i = hi; i > start + 1 && !lis_u8_is_boundary(s, len, i); i--)
        ;
    return i;
}

static void bit_set(unsigned char *bm, size_t i)
{
    bm[i >> 3] = (unsigned char)(bm[i >> 3] | (1u << (i & 7)));
}

static bool bit_get(const unsigned char *bm, size_t i)
{
    return (bm[i >> 3] >> (i & 7)) & 1u;
}

/* Bitmap of the positions where a line may break. */
static unsigned char *compute_breaks(const char *s, size_t len)
{
    unsigned char *bm = lis_xcalloc(len / 8 + 1, 1);
    char *p = lis_xmalloc(len < BRK_CHUNK ? len : BRK_CHUNK);
    size_t start = 0, e, i;
    bool certain = true, next_certain;

    while (start < len) {
        e = chunk_end(s, len, start, &next_certain);
        u8_possible_linebreaks((const uint8_t *)s + start, e - start,
                               "UTF-8", p);
        if (start > 0 && certain && break_allowed(s, len, start))
            bit_set(bm, start);
        certain = next_certain;
        for (i = 1; i < e - start; i++) {
            size_t at = start + i;
            if ((p[i] == UC_BREAK_POSSIBLE || p[i] == UC_BREAK_HYPHENATION)
                && break_allowed(s, len, at))
                bit_set(bm, at);
        }
        /* A mandatory break character (VT, FF, U+2028...) is shown as a
         * marker; the line may break after it. */
        for (i = 0; i < e - start; i++) {
            if (p[i] == UC_BREAK_MANDATORY) {
                uint32_t cp;
                size_t at = start + i
                    + lis_u8_get(s + start + i, len - start - i, &cp);
                if (at < len)
                    bit_set(bm, at);
            }
        }
        start = e;
    }
    free(p);
    return bm;
}

/* ---------------------------------------------------------------- wrap */

static int cluster_width(const char *s, size_t pos, size_t g, int col)
{
    if (g == pos + 1 && (unsigned char)s[pos] >= 0x20
        && (unsigned char)s[pos] < 0x7F)
        return 1;
    return lis_grapheme_width(s + pos, g - pos, col);
}

size_t lis_wrap(const char *s, size_t len, int width, struct lis_line **lines)
{
    struct lis_line *out = NULL, ln;
    size_t n = 0, cap = 0, ls = 0, sp_from = 0, sp_to = 0;
    unsigned char *bm = NULL;

    if (width < 1)
        width = 1;
    if (len == 0) {
        out = lis_xgrow(NULL, &cap, 1, sizeof *out);
        out[0].start = out[0].end = 0;
        out[0].width = 0;
        *lines = out;
        return 1;
    }
    while (ls < len) {
        size_t pos = ls, vis_end = ls, brk = 0, brk_end = 0, next, g, q;
        int col = 0, vis_w = 0, brk_w = 0, gw;
        bool have_brk = false, is_space, retry = false;
        unsigned char c;

        for (;;) {
            if (pos >= len) {
                ln.start = ls;
                ln.end = vis_end;
                ln.width = vis_w;
                next = len;
                break;
            }
            if (bm && pos > ls && vis_end > ls && bit_get(bm, pos)) {
                have_brk = true;
                brk = pos;
                brk_end = vis_end;
                brk_w = vis_w;
            }
            c = (unsigned char)s[pos];
            if (c >= 0x20 && c < 0x7F
                && (pos + 1 == len || (unsigned char)s[pos + 1] < 0x80)) {
                /* Printable ASCII before ASCII: a 1-cell cluster. */
                g = pos + 1;
                gw = 1;
                is_space = c == ' ';
            } else {
                g = lis_grapheme_next(s, len, pos);
                gw = cluster_width(s, pos, g, col);
                is_space = g == pos + 1 && c == ' ';
            }
            if (col + gw > width) {
                if (!bm) {
                    /* Break opportunities matter only once a line is
                     * full: a paragraph that fits never computes them. */
                    bm = compute_breaks(s, len);
                    retry = true;
                    break;
                }
                if (is_space) {
                    /* Spaces at a break are not shown: they may run past
                     * the edge when the line can break after them.  A long
                     * run is scanned once, not once per line it spills
                     * over. */
                    if (pos >= sp_from && pos < sp_to) {
                        q = sp_to;
                    } else {
                        for (q = pos; q < len && s[q] == ' '; q++)
                            ;
                        sp_from = pos;
                        sp_to = q;
                    }
                    if (q == len || bit_get(bm, q)) {
                        ln.start = ls;
                        ln.end = vis_end;
                        ln.width = vis_w;
                        next = q;
                        break;
                    }
                }
                if (have_brk) {
                    ln.start = ls;
                    ln.end = brk_end;
                    ln.width = brk_w;
                    next = brk;
                } else if (pos > ls) {
                    /* A word longer than the line: cut between graphemes. */
                    ln.start = ls;
                    ln.end = pos;
                    ln.width = col;
                    next = pos;
                } else {
                    /* One grapheme wider than the line goes alone: the
                     * only way to make progress. */
                    ln.start = ls;
                    ln.end = g;
                    ln.width = gw;
                    next = g;
                }
                break;
            }
            col += gw;
            pos = g;
            if (!is_space) {
                vis_end = pos;
                vis_w = col;
            }
        }
        if (retry)
            continue;
        out = lis_xgrow(out, &cap, n + 1, sizeof *out);
        out[n++] = ln;
        ls = next;
    }
    free(bm);
    *lines = out;
    return n;
}

/* ---------------------------------------------------------------- layout */

struct para_lines {
    struct lis_line *lines;     /* NULL until the paragraph is wrapped */
    size_t n;
};

struct lis_layout {
    const struct lis_document *doc;
    int width;
    size_t n_paras;             /* >= 1: an empty document has one line */
    size_t n_wrapped;           /* paragraphs wrapped so far */
    struct para_lines *paras;
};

struct lis_layout *lis_layout_new(const struct lis_document *doc, int width)
{
    struct lis_layout *lay = lis_xmalloc(sizeof *lay);

    lay->doc = doc;
    lay->width = width < 1 ? 1 : width;
    lay->n_paras = doc->n_paras ? doc->n_paras : 1;
    /* calloc of a large array is lazily zeroed memory: opening a
     * million-paragraph document costs nothing more here. */
    lay->paras = lis_xcalloc(lay->n_paras, sizeof *lay->paras);
    lay->n_wrapped = 0;
    return lay;
}

void lis_layout_free(struct lis_layout *lay)
{
    size_t i;

    if (!lay)
        return;
    for (i = 0; i < lay->n_paras; i++)
        free(lay->paras[i].lines);
    free(lay->paras);
    free(lay);
}

int lis_layout_width(const struct lis_layout *lay)
{
    return lay->width;
}

size_t lis_layout_n_wrapped(const struct lis_layout *lay)
{
    return lay->n_wrapped;
}

const struct lis_line *lis_layout_lines(struct lis_layout *lay, size_t para,
                                        size_t *n_lines)
{
    struct para_lines *pl;
    size_t start = 0, end = 0, i;

    if (para >= lay->n_paras) {
        *n_lines = 0;
        return NULL;
    }
    pl = &lay->paras[para];
    if (!pl->lines) {
        if (lay->doc->n_paras) {
            start = lay->doc->paras[para].start;
            end = lay->doc->paras[para].end;
        }
        pl->n = lis_wrap(lay->doc->body + start, end - start, lay->width,
                         &pl->lines);
        /* lis_wrap leaves room to grow; a cache of a million paragraphs
         * keeps only what it uses. */
        pl->lines = lis_xrealloc(pl->lines, pl->n * sizeof *pl->lines);
        lay->n_wrapped++;
        for (i = 0; i < pl->n; i++) {
            pl->lines[i].start += start;
            pl->lines[i].end += start;
        }
    }
    *n_lines = pl->n;
    return pl->lines;
}

struct lis_pos lis_layout_pos_at(struct lis_layout *lay, size_t off)
{
    struct lis_pos pos = {0, 0};
    const struct lis_line *l;
    size_t n, lo, hi;

    if (lay->doc->n_paras)
        pos.para = lis_document_para_at(lay->doc, off);
    if (pos.para >= lay->n_paras)
        pos.para = lay->n_paras - 1;
    l = lis_layout_lines(lay, pos.para, &n);
    /* The last line that starts at or before off; the spaces of a break
     * belong to the line before them. */
    lo = 0;
    hi = n;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (l[mid].start <= off)
            lo = mid;
        else
            hi = mid;
    }
    pos.line = lo;
    return pos;
}

size_t lis_layout_offset_at(struct lis_layout *lay, struct lis_pos pos)
{
    const struct lis_line *l;
    size_t n;

    if (pos.para >= lay->n_paras)
        pos.para = lay->n_paras - 1;
    l = lis_layout_lines(lay, pos.para, &n);
    if (pos.line >= n)
        pos.line = n - 1;
    return l[pos.line].start;
}

size_t lis_layout_move(struct lis_layout *lay, struct lis_pos *pos,
                       long delta)
{
    size_t moved = 0, n;

    if (pos->para >= lay->n_paras) {
        pos->para = lay->n_paras - 1;
        pos->line = SIZE_MAX;
    }
    lis_layout_lines(lay, pos->para, &n);
    if (pos->line >= n)
        pos->line = n - 1;
    while (delta > 0) {
        size_t avail = n - 1 - pos->line;
        if ((unsigned long)delta <= avail) {
            pos->line += (size_t)delta;
            moved += (size_t)delta;
            break;
        }
        if (pos->para + 1 >= lay->n_paras) {
            pos->line = n - 1;
            moved += avail;
            break;
        }
        moved += avail + 1;
        delta -= (long)(avail + 1);
        pos->para++;
        pos->line = 0;
        lis_layout_lines(lay, pos->para, &n);
    }
    while (delta < 0) {
        if ((unsigned long)-(delta + 1) < pos->line) {
            pos->line -= (size_t)-delta;
            moved += (size_t)-delta;
            break;
        }
        if (pos->para == 0) {
            moved += pos->line;
            pos->line = 0;
            break;
        }
        moved += pos->line + 1;
        delta += (long)(pos->line + 1);
        pos->para--;
        lis_layout_lines(lay, pos->para, &n);
        pos->line = n - 1;
    }
    return moved;
}

struct lis_pos lis_layout_last(struct lis_layout *lay)
{
    struct lis_pos pos;
    size_t n;

    pos.para = lay->n_paras - 1;
    lis_layout_lines(lay, pos.para, &n);
    pos.line = n - 1;
    return pos;
}

/* ---------------------------------------------------------------- cells */

void lis_cells_init(struct lis_cells *c)
{
    c->cells = NULL;
    c->n = c->cap = 0;
    lis_buf_init(&c->text);
}

void lis_cells_free(struct lis_cells *c)
{
    free(c->cells);
    lis_buf_free(&c->text);
    lis_cells_init(c);
}

void lis_layout_cells(const struct lis_document *doc,
                      const struct lis_line *ln, struct lis_cells *out)
{
    size_t pos = ln->start, g, before;
    int col = 0, w;
    bool marker;
    struct lis_cell *cell;

    out->n = 0;
    out->text.len = 0;
    lis_buf_reserve(&out->text, ln->end - ln->start);
    while (pos < ln->end) {
        g = lis_grapheme_next(doc->body, ln->end, pos);
        before = out->text.len;
        w = lis_grapheme_render(doc->body + pos, g - pos, col, &out->text,
                                &marker);
        out->cells = lis_xgrow(out->cells, &out->cap, out->n + 1,
                               sizeof *out->cells);
        cell = &out->cells[out->n++];
        cell->start = pos;
        cell->end = g;
        cell->col = col;
        cell->width = w;
        cell->text_off = (uint32_t)before;
        cell->text_len = (uint32_t)(out->text.len - before);
        cell->marker = marker;
        col += w;
        pos = g;
    }
}

bool lis_cells_span(const struct lis_cells *c, struct lis_span sp, int *c0,
                    int *c1)
{
    size_t lo = 0, hi = c->n, last;

    if (sp.start >= sp.end || c->n == 0)
        return false;
    /* First cell that ends after the span starts. */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->cells[mid].end <= sp.start)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == c->n || c->cells[lo].start >= sp.end)
        return false;
    last = lo;
    /* Last cell that starts before the span ends. */
    hi = c->n;
    while (hi - last > 1) {
        size_t mid = (last + hi) / 2;
        if (c->cells[mid].start < sp.end)
            last = mid;
        else
            hi = mid;
    }
    *c0 = c->cells[lo].col;
    *c1 = c->cells[last].col + c->cells[last].width;
    return true;
}

/* True when the bytes of a line can be printed as they are: only text
 * characters, and no mark at the start that would need a base. */
static bool line_is_plain(const char *s, size_t len)
{
    size_t off = 0, n;
    uint32_t cp;

    while (off < len) {
        unsigned char c = (unsigned char)s[off];

        if (c < 0x80) {
            if (c < 0x20 || c == 0x7F)
                return false;
            off++;
            continue;
        }
        n = lis_u8_get(s + off, len - off, &cp);
        if (cp == 0xFFFD && n == 1)
            return false;       /* an invalid byte, drawn as U+FFFD */
        if (lis_glyph_kind(cp) != LIS_GLYPH_TEXT)
            return false;
        if (off == 0 && uc_width(cp, "UTF-8") <= 0)
            return false;
        off += n;
    }
    return true;
}

void lis_render_plain(const struct lis_document *doc, int width,
                      struct lis_buf *out)
{
    struct lis_cells cells;
    struct lis_line *lines;
    size_t p, i, n;

    lis_cells_init(&cells);
    lis_buf_reserve(out, doc->body_len + doc->body_len / 16);
    for (p = 0; p < doc->n_paras; p++) {
        size_t start = doc->paras[p].start;

        n = lis_wrap(doc->body + start, doc->paras[p].end - start, width,
                     &lines);
        for (i = 0; i < n; i++) {
            const char *l = doc->body + start + lines[i].start;
            size_t len = lines[i].end - lines[i].start;

            if (line_is_plain(l, len)) {
                lis_buf_add(out, l, len);
            } else {
                lines[i].start += start;
                lines[i].end += start;
                lis_layout_cells(doc, &lines[i], &cells);
                lis_buf_add(out, cells.text.data, cells.text.len);
            }
            lis_buf_addc(out, '\n');
        }
        free(lines);
    }
    lis_cells_free(&cells);
}
