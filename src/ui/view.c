/* view.c -- the article pane: wrapping at the reading measure, scrolling
 * in body offsets, drawing lines with highlights, and hit-testing. */
#include <config.h>

#include <limits.h>
#include <string.h>

#include "app.h"
#include "liseuse/text.h"
#include "marks.h"

#define DEFAULT_MEASURE 80
/* Mentions are short phrases: look this far back for one that started
 * before a line and runs into it. */
#define MENTION_REACH 512

static int pos_cmp(struct lis_pos x, struct lis_pos y)
{
    if (x.para != y.para)
        return x.para < y.para ? -1 : 1;
    if (x.line != y.line)
        return x.line < y.line ? -1 : 1;
    return 0;
}

int lis_app_text_rows(const struct lis_app *a)
{
    int r = a->rows - 2;
    return r > 0 ? r : 0;
}

/* The top line of the last full screen. */
static struct lis_pos max_top(struct lis_app *a)
{
    struct lis_pos p = lis_layout_last(a->lay);
    int rows = lis_app_text_rows(a);
    if (rows > 1)
        lis_layout_move(a->lay, &p, -(long)(rows - 1));
    return p;
}

static void set_top(struct lis_app *a, struct lis_pos p)
{
    struct lis_pos m = max_top(a);
    if (pos_cmp(p, m) > 0)
        p = m;
    a->top = p;
    a->anchor = lis_layout_offset_at(a->lay, p);
}

void lis_view_relayout(struct lis_app *a)
{
    int measure = a->o->measure > 0 ? a->o->measure : DEFAULT_MEASURE;
    int width, avail;

    getmaxyx(stdscr, a->rows, a->cols);
    /* a docked panel takes the right: the measure is kept in what remains */
    avail = a->cols - lis_panel_dock_width(a, measure);
    width = avail < measure ? avail : measure;
    if (width < 1)
        width = 1;
    a->left = avail > width ? (avail - width) / 2 : 0;
    if (!a->lay || a->width != width) {
        if (a->lay)
            lis_layout_free(a->lay);
        a->lay = lis_layout_new(a->doc, width);
        a->width = width;
    }
    /* the anchor, not the top line, survives a re-wrap: the same sentence
     * stays on screen and repeated resizes do not drift */
    a->top = lis_layout_pos_at(a->lay, a->anchor);
    {
        struct lis_pos m = max_top(a);
        if (pos_cmp(a->top, m) > 0)
            a->top = m;
    }
}

void lis_view_scroll(struct lis_app *a, long delta)
{
    struct lis_pos p = a->top;
    lis_layout_move(a->lay, &p, delta);
    set_top(a, p);
}

void lis_view_show_offset(struct lis_app *a, size_t off, int row)
{
    struct lis_pos p = lis_layout_pos_at(a->lay, off);
    if (row > 0)
        lis_layout_move(a->lay, &p, -(long)row);
    set_top(a, p);
}

bool lis_view_offset_visible(struct lis_app *a, size_t off)
{
    struct lis_pos p = lis_layout_pos_at(a->lay, off);
    struct lis_pos bottom = a->top;
    int rows = lis_app_text_rows(a);

    if (rows <= 0)
        return false;
    lis_layout_move(a->lay, &bottom, rows - 1);
    return pos_cmp(p, a->top) >= 0 && pos_cmp(p, bottom) <= 0;
}

static const struct lis_line *line_at(struct lis_app *a, struct lis_pos p)
{
    size_t n;
    const struct lis_line *lines = lis_layout_lines(a->lay, p.para, &n);
    if (!lines || p.line >= n)
        return NULL;
    return &lines[p.line];
}

size_t lis_view_bottom_offset(struct lis_app *a)
{
    struct lis_pos p = a->top;
    const struct lis_line *ln;
    int rows = lis_app_text_rows(a);

    if (rows > 1)
        lis_layout_move(a->lay, &p, rows - 1);
    ln = line_at(a, p);
    if (!ln)
        return a->doc->body_len;
    /* the last line of a paragraph covers its newline too */
    {
        size_t n;
        lis_layout_lines(a->lay, p.para, &n);
        if (p.line + 1 == n)
            return p.para + 1 < a->doc->n_paras ?
                   a->doc->paras[p.para + 1].start : a->doc->body_len;
    }
    return ln->end;
}

size_t lis_view_hit(struct lis_app *a, int y, int x)
{
    int row = y - 1;
    struct lis_pos p = a->top;
    const struct lis_line *ln;
    int col = x - a->left;
    size_t i;

    if (row < 0 || row >= lis_app_text_rows(a) || col < 0)
        return LIS_NONE;
    if (row > 0 && lis_layout_move(a->lay, &p, row) != (size_t)row)
        return LIS_NONE;
    ln = line_at(a, p);
    if (!ln)
        return LIS_NONE;
    lis_layout_cells(a->doc, ln, &a->cells);
    for (i = 0; i < a->cells.n; i++) {
        const struct lis_cell *c = &a->cells.cells[i];
        if (col >= c->col && col < c->col + (c->width > 0 ? c->width : 1))
            return c->start;
    }
    return LIS_NONE;
}

/* ------------------------------------------------------------ drawing */

int lis_text_width(struct lis_app *a, const char *s, size_t len)
{
    struct lis_buf b, t;
    int w;

    lis_buf_init(&b);
    if (!a->utf8) {
        lis_buf_init(&t);
        lis_transliterate(s, len, &t);
        w = lis_sanitize_fit(t.data ? t.data : "", t.len, INT_MAX / 2, false,
                             &b);
        lis_buf_free(&t);
    } else {
        w = lis_sanitize_fit(s, len, INT_MAX / 2, false, &b);
    }
    lis_buf_free(&b);
    return w;
}

int lis_put_text(struct lis_app *a, int y, int x, const char *s, size_t len,
                 int max, bool ellipsis)
{
    struct lis_buf b, t;
    int w;

    if (max <= 0)
        return 0;
    lis_buf_init(&b);
    if (!a->utf8) {
        /* transliterate first (œ -> oe lengthens), then fit the ASCII,
         * whose bytes are cells; the ellipsis is "..." */
        lis_buf_init(&t);
        lis_transliterate(s, len, &t);
        w = lis_sanitize_fit(t.data ? t.data : "", t.len, INT_MAX / 2, false,
                             &b);
        if (w > max) {
            bool dots = ellipsis && max > 3;
            b.len = 0;
            w = lis_sanitize_fit(t.data, t.len, dots ? max - 3 : max, false,
                                 &b);
            if (dots) {
                lis_buf_adds(&b, "...");
                w += 3;
            }
        }
        /* anything still not ASCII is replaced, never sent raw */
        for (size_t i = 0; i < b.len; i++)
            if ((unsigned char)b.data[i] >= 0x80)
                b.data[i] = '?';
        if (b.len)
            mvaddnstr(y, x, b.data, (int)b.len);
        lis_buf_free(&t);
    } else {
        w = lis_sanitize_fit(s, len, max, ellipsis, &b);
        if (b.len)
            mvaddnstr(y, x, b.data, (int)b.len);
    }
    lis_buf_free(&b);
    return w;
}

static enum lis_style entity_style(const struct lis_app *a, size_t ent)
{
    size_t party;

    if (ent >= a->an->n_entities)
        return LIS_STYLE_TEXT;
    party = lis_party_of_entity(a->an, ent);
    if (party != LIS_NONE)
        return lis_party_style(party, ent == lis_panel_emphasis(a));
    switch (a->an->entities[ent].type) {
    case LIS_ENT_PER: return LIS_STYLE_ENT_PER;
    case LIS_ENT_ORG: return LIS_STYLE_ENT_ORG;
    case LIS_ENT_LOC: return LIS_STYLE_ENT_LOC;
    default: return LIS_STYLE_ENT_MISC;
    }
}

/* Paint style st on the cells inside [s, e) (cells are whole graphemes,
 * spans are on grapheme boundaries). */
static void paint(struct lis_app *a, size_t s, size_t e, enum lis_style st)
{
    size_t i;
    for (i = 0; i < a->cells.n; i++) {
        const struct lis_cell *c = &a->cells.cells[i];
        if (c->start >= s && c->end <= e && c->end > c->start)
            a->cstyle[i] = (unsigned char)st;
    }
}

/* Styles of the cells of the line in a->cells, lowest priority first so
 * that later paints win: quote < mention < focused quote < match. */
static void style_line(struct lis_app *a, const struct lis_line *ln)
{
    size_t ls = ln->start, le = ln->end, i, emph;
    bool quotes = a->hl == LIS_HL_BOTH || a->hl == LIS_HL_QUOTES;
    bool ents = a->hl == LIS_HL_BOTH || a->hl == LIS_HL_ENTITIES;

    a->cstyle = lis_xgrow(a->cstyle, &a->cstyle_cap, a->cells.n + 1, 1);
    memset(a->cstyle, LIS_STYLE_TEXT, a->cells.n + 1);
    if (le == ls)
        return;
    if (a->an && quotes) {
        for (i = 0; i < a->an->n_quotes; i++) {
            const struct lis_quote *q = &a->an->quotes[i];
            if (q->outer_start >= le)
                break;
            if (q->outer_end > ls && i != a->focus_quote)
                paint(a, q->outer_start, q->outer_end, LIS_STYLE_QUOTE);
        }
    }
    /* the party selected in the panel shows even with entities off */
    emph = a->an ? lis_panel_emphasis(a) : LIS_NONE;
    if (a->an && (ents || emph != LIS_NONE)) {
        i = lis_mention_lower_bound(a->an, ls > MENTION_REACH ?
                                    ls - MENTION_REACH : 0);
        for (; i < a->an->n_mentions && a->an->mentions[i].start < le; i++) {
            const struct lis_mention *mn = &a->an->mentions[i];
            if (mn->end > ls && (ents || mn->entity == emph))
                paint(a, mn->start, mn->end, entity_style(a, mn->entity));
        }
    }
    if (a->an && quotes && a->focus_quote < a->an->n_quotes) {
        const struct lis_quote *q = &a->an->quotes[a->focus_quote];
        if (q->outer_start < le && q->outer_end > ls)
            paint(a, q->outer_start, q->outer_end, LIS_STYLE_QUOTE_FOCUS);
    }
    /* the reader's marks, highlights and selection (marks.c) */
    lis_marks_style_line(a, ls, le);
    /* the mention { } landed on, while that is the last thing done */
    if (a->an && a->ctx == LIS_CTX_MENTION &&
        a->focus_mention < a->an->n_mentions) {
        const struct lis_mention *mn = &a->an->mentions[a->focus_mention];
        if (mn->start < le && mn->end > ls)
            paint(a, mn->start, mn->end, LIS_STYLE_MENTION_FOCUS);
    }
    if (a->search.show && a->search.n_matches) {
        const struct lis_span *m = a->search.matches;
        size_t n = a->search.n_matches;
        /* from the last match that starts before the line */
        i = lis_span_prev(m, n, ls);
        if (i == LIS_NONE)
            i = 0;
        for (; i < n && m[i].start < le; i++)
            if (m[i].end > ls)
                paint(a, m[i].start, m[i].end,
                      i == a->search.cur ? LIS_STYLE_MATCH_CUR
                                         : LIS_STYLE_MATCH);
    }
    for (i = 0; i < a->cells.n; i++)
        if (a->cells.cells[i].marker)
            a->cstyle[i] = LIS_STYLE_MARKER;
}

static void draw_line(struct lis_app *a, int y, const struct lis_line *ln)
{
    size_t i;
    int x0 = a->left, next_x = a->left;
    struct lis_buf t;

    lis_layout_cells(a->doc, ln, &a->cells);
    style_line(a, ln);
    lis_buf_init(&t);
    for (i = 0; i < a->cells.n; i++) {
        const struct lis_cell *c = &a->cells.cells[i];
        const char *s = a->cells.text.data + c->text_off;
        size_t len = c->text_len;
        int x = x0 + c->col;

        if (len == 0)
            continue;
        lis_theme_set(&a->theme, stdscr, (enum lis_style)a->cstyle[i]);
        if (a->utf8) {
            mvaddnstr(y, x, s, (int)len);
        } else {
            int room;
            t.len = 0;
            lis_transliterate(s, len, &t);
            if (x < next_x)
                x = next_x;
            room = x0 + a->width - x;
            if (room <= 0)
                break;
            if (t.len > (size_t)room)
                t.len = (size_t)room;
            for (size_t k = 0; k < t.len; k++)
                if ((unsigned char)t.data[k] >= 0x80)
                    t.data[k] = '?';
            mvaddnstr(y, x, t.data, (int)t.len);
            next_x = x + (int)t.len;
        }
    }
    lis_buf_free(&t);
    lis_theme_set(&a->theme, stdscr, LIS_STYLE_TEXT);
}

void lis_view_draw(struct lis_app *a)
{
    struct lis_pos p = a->top;
    int rows = lis_app_text_rows(a), r;

    for (r = 0; r < rows; r++) {
        const struct lis_line *ln;
        if (r > 0 && lis_layout_move(a->lay, &p, 1) == 0)
            break;
        ln = line_at(a, p);
        if (ln)
            draw_line(a, 1 + r, ln);
    }
}
