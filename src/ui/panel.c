/* panel.c -- the side panel: the reported deal in one line and its
 * parties (name in the party's colour, role, mentions, first evidence).
 * Docked at the right of wide terminals, where the article keeps its
 * measure in the space left; drawn over the article, boxed, on narrow
 * ones.  With the focus it selects a party, emphasises that party's
 * mentions in the article and jumps through them. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "liseuse/layout.h"

/* Below this width the panel is not docked: the article would lose its
 * measure.  Same threshold as the automatic choice at start. */
#define DOCK_COLS 110
#define PANEL_MIN 30
#define PANEL_MAX 45
/* Columns of the docked panel besides its text: the separator and the
 * blank columns each side of the text. */
#define DOCK_CHROME 3
/* The overlay takes this share of the width, within the panel's limits
 * plus its border. */
#define OVERLAY_NUM 3
#define OVERLAY_DEN 4
#define OVERLAY_MIN (PANEL_MIN + 2)
#define OVERLAY_MAX (PANEL_MAX + 2)

static const enum lis_style party_styles[] = {
    LIS_STYLE_PARTY, LIS_STYLE_PARTY_2, LIS_STYLE_PARTY_3,
    LIS_STYLE_PARTY_4, LIS_STYLE_PARTY_5, LIS_STYLE_PARTY_6,
};
static const enum lis_style party_sel_styles[] = {
    LIS_STYLE_PARTY_SEL, LIS_STYLE_PARTY_SEL_2, LIS_STYLE_PARTY_SEL_3,
    LIS_STYLE_PARTY_SEL_4, LIS_STYLE_PARTY_SEL_5, LIS_STYLE_PARTY_SEL_6,
};

enum lis_style lis_party_style(size_t party, bool emphasised)
{
    size_t i = party % LIS_ARRAY_LEN(party_styles);
    return emphasised ? party_sel_styles[i] : party_styles[i];
}

void lis_panel_init(struct lis_app *a)
{
    memset(&a->panel, 0, sizeof a->panel);
    a->panel.sel = LIS_NONE;
    /* --panel / --no-panel / the config fix the choice; auto follows the
     * width until the user presses p */
    a->panel.user_set = a->o->panel >= 0;
    a->panel.shown = a->o->panel == 1;
}

bool lis_panel_visible(const struct lis_app *a)
{
    if (a->panel.user_set)
        return a->panel.shown;
    return a->cols >= DOCK_COLS;
}

static bool docked(const struct lis_app *a)
{
    return a->cols >= DOCK_COLS && lis_panel_visible(a);
}

int lis_panel_dock_width(struct lis_app *a, int measure)
{
    int w;
    a->panel.dock_w = 0;
    if (!docked(a))
        return 0;
    /* as wide as the room the article's measure leaves, within limits */
    w = a->cols - measure - DOCK_CHROME - 2;
    if (w < PANEL_MIN)
        w = PANEL_MIN;
    if (w > PANEL_MAX)
        w = PANEL_MAX;
    a->panel.dock_w = w + DOCK_CHROME;
    return a->panel.dock_w;
}

/* Party that is selected, or LIS_NONE (the analysis may have changed). */
static size_t selected(const struct lis_app *a)
{
    if (!a->an || a->panel.sel >= a->an->n_parties)
        return LIS_NONE;
    return a->panel.sel;
}

size_t lis_panel_emphasis(const struct lis_app *a)
{
    size_t p = selected(a);
    if (p == LIS_NONE || !a->panel.focus || !lis_panel_visible(a))
        return LIS_NONE;
    return a->an->parties[p].entity;
}

/* ------------------------------------------------------------ content */

/* The panel's content as rows of text, built for a given text width;
 * drawing and mouse hit-testing build the same rows. */
struct prow {
    char *text;
    enum lis_style style;
    size_t party;               /* LIS_NONE for rows of no party */
    int indent;
    bool name;                  /* the party's name row */
};

struct prows {
    struct prow *v;
    size_t n, cap;
};

static void add_row(struct prows *r, const char *s, size_t len,
                    enum lis_style st, size_t party, int indent)
{
    r->v = lis_xgrow(r->v, &r->cap, r->n + 1, sizeof *r->v);
    r->v[r->n].text = lis_xstrndup(s, len);
    r->v[r->n].style = st;
    r->v[r->n].party = party;
    r->v[r->n].indent = indent;
    r->v[r->n].name = false;
    r->n++;
}

static void add_wrapped(struct prows *r, const char *s, enum lis_style st,
                        int width)
{
    struct lis_line *lines = NULL;
    size_t n, i, len = strlen(s);

    n = lis_wrap(s, len, width > 0 ? width : 1, &lines);
    for (i = 0; i < n; i++)
        add_row(r, s + lines[i].start, lines[i].end - lines[i].start, st,
                LIS_NONE, 0);
    free(lines);
}

static void free_rows(struct prows *r)
{
    size_t i;
    for (i = 0; i < r->n; i++)
        free(r->v[i].text);
    free(r->v);
    memset(r, 0, sizeof *r);
}

static const char *party_name(const struct lis_analysis *an, size_t p)
{
    const struct lis_party *pt = &an->parties[p];
    if (pt->name && *pt->name)
        return pt->name;
    if (pt->entity < an->n_entities)
        return an->entities[pt->entity].name;
    return "?";
}

/* The palette index of party p: that of the party its entity's mentions
 * are painted with in the article, so two parties of one entity match. */
static size_t party_colour(const struct lis_analysis *an, size_t p)
{
    size_t q = lis_party_of_entity(an, an->parties[p].entity);
    return q != LIS_NONE ? q : p;
}

static size_t party_mentions(const struct lis_analysis *an, size_t p)
{
    size_t e = an->parties[p].entity;
    return e < an->n_entities ? an->entities[e].n_mentions : 0;
}

static void build(struct lis_app *a, int width, struct prows *r)
{
    const struct lis_analysis *an = a->an;
    struct lis_buf b;
    size_t p;

    add_row(r, _("Deal"), strlen(_("Deal")), LIS_STYLE_PANEL_HEAD, LIS_NONE,
            0);
    if (!an) {
        add_wrapped(r, a->worker.started ? _("Analysing…")
                                         : _("no analysis for this article"),
                    LIS_STYLE_TEXT, width);
        return;
    }
    if (an->deal && an->deal->summary)
        add_wrapped(r, an->deal->summary, LIS_STYLE_TEXT, width);
    else if (!an->deal)
        add_wrapped(r, _("No deal found in this article."), LIS_STYLE_TEXT,
                    width);
    lis_buf_init(&b);
    for (p = 0; p < an->n_parties; p++) {
        const struct lis_party *pt = &an->parties[p];
        const char *name = party_name(an, p);
        size_t nm = party_mentions(an, p);

        add_row(r, "", 0, LIS_STYLE_TEXT, LIS_NONE, 0);
        add_row(r, name, strlen(name),
                lis_party_style(party_colour(an, p), false), p, 0);
        r->v[r->n - 1].name = true;
        b.len = 0;
        lis_buf_adds(&b, lis_party_label(pt->role, pt->status));
        lis_buf_adds(&b, a->utf8 ? " · " : ", ");
        lis_buf_printf(&b, P_("%zu mention", "%zu mentions", nm), nm);
        add_row(r, b.data, b.len, LIS_STYLE_TEXT, p, 2);
        if (pt->n_evidence && pt->evidence[0].end > pt->evidence[0].start &&
            pt->evidence[0].end <= a->doc->body_len)
            add_row(r, a->doc->body + pt->evidence[0].start,
                    pt->evidence[0].end - pt->evidence[0].start,
                    LIS_STYLE_TEXT, p, 2);
    }
    lis_buf_free(&b);
}

/* ------------------------------------------------------------ geometry */

struct geom {
    int x, y, w, h;             /* the panel's box on the screen */
    int tx, ty, tw, th;         /* its text area */
    bool boxed;                 /* overlay with a border */
};

/* Where the panel is; false when it is not on the screen. */
static bool geometry(const struct lis_app *a, struct geom *g)
{
    int rows = lis_app_text_rows(a);

    memset(g, 0, sizeof *g);
    if (!lis_panel_visible(a) || rows <= 0 || a->cols <= 0)
        return false;
    g->y = 1;
    g->h = rows;
    if (docked(a)) {
        /* the separator is the box's left edge */
        g->w = a->panel.dock_w;
        if (g->w <= DOCK_CHROME || g->w > a->cols)
            return false;
        g->x = a->cols - g->w;
        g->tx = g->x + 2;
        g->tw = g->w - DOCK_CHROME;
        g->ty = g->y;
        g->th = g->h;
        return true;
    }
    if (a->mode != LIS_MODE_READ && a->mode != LIS_MODE_PROMPT)
        return false;   /* help and lists take the screen */
    g->w = a->cols * OVERLAY_NUM / OVERLAY_DEN;
    if (g->w > OVERLAY_MAX)
        g->w = OVERLAY_MAX;
    if (g->w < OVERLAY_MIN)
        g->w = OVERLAY_MIN;
    if (g->w > a->cols)
        g->w = a->cols;
    g->x = a->cols - g->w;
    g->boxed = g->w >= 6 && g->h >= 3;
    if (g->boxed) {
        g->tx = g->x + 2;
        g->tw = g->w - 4;
        g->ty = g->y + 1;
        g->th = g->h - 2;
    } else {
        /* too short for a box: a rule at its left still sets it apart */
        int gap = g->w >= 4 ? 2 : 0;
        g->tx = g->x + gap;
        g->tw = g->w - gap;
        g->ty = g->y;
        g->th = g->h;
    }
    return g->tw > 0 && g->th > 0;
}

/* The first row to draw: from the top, scrolled only as far as the
 * selected party's rows need to be seen (so a resize never leaves the
 * header scrolled away for nothing). */
static size_t scroll_to_selection(struct lis_app *a, const struct prows *r,
                                  int th)
{
    size_t sel = selected(a), first = LIS_NONE, last = 0, i;
    size_t top = 0, h = (size_t)th;

    for (i = 0; sel != LIS_NONE && i < r->n; i++)
        if (r->v[i].party == sel) {
            if (first == LIS_NONE)
                first = i;
            last = i;
        }
    if (first != LIS_NONE && last >= h) {
        top = last + 1 - h;
        if (first < top)
            top = first;
    }
    a->panel.top = top;
    return top;
}

/* ------------------------------------------------------------ drawing */

static void fill(int y, int x, int w)
{
    int k;
    for (k = 0; k < w; k++)
        mvaddch(y, x + k, ' ');
}

/* Box-drawing pieces: Unicode in a UTF-8 locale (what a screen dump
 * shows too), ASCII otherwise. */
enum { BOX_V, BOX_H, BOX_UL, BOX_UR, BOX_LL, BOX_LR };

static void put_box(const struct lis_app *a, int y, int x, int piece, int n,
                    bool vertical)
{
    static const char *const uni[] = { "│", "─", "┌", "┐", "└", "┘" };
    static const char *const ascii[] = { "|", "-", "+", "+", "+", "+" };
    const char *s = a->utf8 ? uni[piece] : ascii[piece];
    int k;

    for (k = 0; k < n; k++)
        mvaddstr(vertical ? y + k : y, vertical ? x : x + k, s);
}

static void draw_frame(struct lis_app *a, const struct geom *g)
{
    int y;

    lis_theme_set(&a->theme, stdscr, LIS_STYLE_TEXT);
    for (y = g->y; y < g->y + g->h; y++)
        fill(y, g->x, g->w);
    lis_theme_set(&a->theme, stdscr,
                  a->panel.focus ? LIS_STYLE_PANEL_HEAD : LIS_STYLE_TEXT);
    if (!g->boxed) {
        if (g->tx > g->x)
            put_box(a, g->y, g->x, BOX_V, g->h, true);
        return;
    }
    put_box(a, g->y, g->x, BOX_UL, 1, false);
    put_box(a, g->y, g->x + 1, BOX_H, g->w - 2, false);
    put_box(a, g->y, g->x + g->w - 1, BOX_UR, 1, false);
    put_box(a, g->y + 1, g->x, BOX_V, g->h - 2, true);
    put_box(a, g->y + 1, g->x + g->w - 1, BOX_V, g->h - 2, true);
    put_box(a, g->y + g->h - 1, g->x, BOX_LL, 1, false);
    put_box(a, g->y + g->h - 1, g->x + 1, BOX_H, g->w - 2, false);
    put_box(a, g->y + g->h - 1, g->x + g->w - 1, BOX_LR, 1, false);
}

void lis_panel_draw(struct lis_app *a)
{
    struct geom g;
    struct prows r = { 0 };
    size_t top, i, sel;
    int y;

    if (!geometry(a, &g))
        return;
    draw_frame(a, &g);
    build(a, g.tw, &r);
    top = scroll_to_selection(a, &r, g.th);
    sel = selected(a);
    for (y = 0, i = top; y < g.th && i < r.n; y++, i++) {
        const struct prow *row = &r.v[i];
        int x = g.tx, w = g.tw;
        bool is_sel = row->name && row->party == sel && a->panel.focus;

        if (is_sel && g.tx > g.x) {
            /* the selection cursor sits in the padding left of the text */
            const char *cur = a->utf8 ? "▸" : ">";
            lis_theme_set(&a->theme, stdscr, row->style);
            lis_put_text(a, g.ty + y, g.tx - 1, cur, strlen(cur), 1, false);
        }
        if (row->indent && w > row->indent) {
            x += row->indent;
            w -= row->indent;
        }
        lis_theme_set(&a->theme, stdscr,
                      is_sel ? lis_party_style(party_colour(a->an, row->party),
                                               true)
                             : row->style);
        lis_put_text(a, g.ty + y, x, row->text, strlen(row->text), w, true);
    }
    /* more rows below or above than fit: say so on the frame */
    if (g.boxed && (top > 0 || top + (size_t)g.th < r.n)) {
        const char *more = top + (size_t)g.th < r.n
                               ? (a->utf8 ? "↓" : "v") : (a->utf8 ? "↑" : "^");
        lis_theme_set(&a->theme, stdscr, LIS_STYLE_TEXT);
        lis_put_text(a, g.y + g.h - 1, g.x + g.w - 3, more, strlen(more), 1,
                     false);
    }
    lis_theme_set(&a->theme, stdscr, LIS_STYLE_TEXT);
    free_rows(&r);
}

/* ------------------------------------------------------------ status */

bool lis_panel_status(const struct lis_app *a, struct lis_buf *out)
{
    size_t p;

    if (!a->panel.focus || !lis_panel_visible(a))
        return false;
    if (!a->an || a->an->n_parties == 0) {
        /* nothing to select: only the way back */
        lis_buf_adds(out, _("panel — Tab: back to the article"));
        return true;
    }
    p = selected(a);
    if (p == LIS_NONE) {
        lis_buf_printf(out, _("panel — %s select a party, Tab: back to the "
                              "article"), a->utf8 ? "↑/↓" : "Up/Down");
        return true;
    }
    lis_buf_printf(out, _("panel — %s (%s) — Enter: next mention, Tab: "
                          "back to the article"),
                   party_name(a->an, p),
                   lis_party_label(a->an->parties[p].role,
                                   a->an->parties[p].status));
    return true;
}

/* ------------------------------------------------------------ actions */

static void set_focus(struct lis_app *a, bool on)
{
    a->panel.focus = on;
    if (on && selected(a) == LIS_NONE && a->an && a->an->n_parties)
        a->panel.sel = 0;
}

/* Show or hide; the article re-wraps when a docked panel comes or goes. */
static void set_shown(struct lis_app *a, bool on)
{
    a->panel.user_set = true;
    a->panel.shown = on;
    if (!on)
        a->panel.focus = false;
    lis_view_relayout(a);
}

enum lis_reaction lis_panel_toggle(struct lis_app *a)
{
    bool on = !lis_panel_visible(a);

    set_shown(a, on);
    /* an overlay hides the article: it is there to be used */
    if (on && !docked(a))
        set_focus(a, true);
    return LIS_REACT_REDRAW;
}

/* Back to the article; an overlay goes with the focus. */
static void leave(struct lis_app *a)
{
    if (!docked(a))
        set_shown(a, false);
    a->panel.focus = false;
    lis_app_notice(a, "%s", _("focus: article"));
}

enum lis_reaction lis_panel_focus_toggle(struct lis_app *a)
{
    if (a->panel.focus) {
        leave(a);
        return LIS_REACT_REDRAW;
    }
    if (!lis_panel_visible(a))
        set_shown(a, true);
    set_focus(a, true);
    return LIS_REACT_REDRAW;
}

/* Enter: the selected party's next mention after the one last shown (or
 * after the top of the screen), wrapping around. */
static void jump_to_party(struct lis_app *a)
{
    const struct lis_analysis *an = a->an;
    size_t p = selected(a), ent, m, k, rank = 0;
    const struct lis_entity *e;
    const char *wrapped = NULL;

    if (p == LIS_NONE)
        return;
    ent = an->parties[p].entity;
    if (ent >= an->n_entities || !an->entities[ent].n_mentions) {
        lis_app_notice(a, _("no mention of %s in the article"),
                       party_name(an, p));
        return;
    }
    e = &an->entities[ent];
    if (a->focus_mention < an->n_mentions &&
        an->mentions[a->focus_mention].entity == ent)
        m = lis_mention_next(an, an->mentions[a->focus_mention].start, ent);
    else if (a->anchor == 0)
        m = e->mentions[0];
    else
        m = lis_mention_next(an, a->anchor - 1, ent);
    if (m == LIS_NONE || m >= an->n_mentions) {
        m = e->mentions[0];
        wrapped = _("last mention passed, back to the first");
    }
    lis_app_remember(a);
    a->focus_entity = ent;
    a->focus_mention = m;
    a->ctx = LIS_CTX_MENTION;
    if (!lis_view_offset_visible(a, an->mentions[m].start))
        lis_view_show_offset(a, an->mentions[m].start,
                             lis_app_text_rows(a) / 3);
    for (k = 0; k < e->n_mentions; k++)
        if (e->mentions[k] == m) {
            rank = k;
            break;
        }
    lis_app_notice(a, _("%s%s%s — mention %zu/%zu"),
                   wrapped ? wrapped : "", wrapped ? " — " : "", e->name,
                   rank + 1, e->n_mentions);
    /* over the article, the panel would hide where it jumped: it closes,
     * and { } go on through the same party's mentions */
    if (!docked(a))
        set_shown(a, false);
}

/* Move the selection by d parties, clamped to the list. */
static void move_sel(struct lis_app *a, long d)
{
    size_t n = a->an ? a->an->n_parties : 0, s = selected(a);

    if (!n)
        return;
    if (s == LIS_NONE)
        s = 0;
    else if (d < 0)
        s = (size_t)-d < s ? s + (size_t)d : 0;
    else
        s = (size_t)d < n - s ? s + (size_t)d : n - 1;
    a->panel.sel = s;
}

/* Keys while the panel has the focus.  The movement actions act on the
 * party list, whatever keys they are bound to, the way a focused pane
 * of tig takes them: line keys select the next or previous party, page
 * keys and g G the first or last.  Other keys fall through to the
 * reader, so that ] [ and the search still move the article. */
bool lis_panel_key(struct lis_app *a, int key, enum lis_reaction *r)
{
    size_t n;

    if (!a->panel.focus)
        return false;
    if (!lis_panel_visible(a)) {
        a->panel.focus = false;
        return false;
    }
    *r = LIS_REACT_REDRAW;
    switch (key) {
    case '\r':
    case '\n':
    case LIS_KEY_FN(KEY_ENTER):
        if (!a->an)
            lis_app_notice(a, "%s", _("the analysis is not finished yet"));
        else
            jump_to_party(a);
        return true;
    case LIS_KEY_ESC:
        leave(a);
        return true;
    case LIS_KEY_FN(KEY_DOWN):
        move_sel(a, 1);
        return true;
    case LIS_KEY_FN(KEY_UP):
        move_sel(a, -1);
        return true;
    default:
        break;
    }
    n = a->an ? a->an->n_parties : 0;
    switch (lis_keymap_lookup(&a->keymap, key)) {
    case LIS_ACT_LINE_DOWN:
        move_sel(a, 1);
        return true;
    case LIS_ACT_LINE_UP:
        move_sel(a, -1);
        return true;
    case LIS_ACT_PAGE_DOWN:
    case LIS_ACT_HALF_DOWN:
    case LIS_ACT_BOTTOM:
        move_sel(a, (long)n);
        return true;
    case LIS_ACT_PAGE_UP:
    case LIS_ACT_HALF_UP:
    case LIS_ACT_TOP:
        move_sel(a, -(long)n);
        return true;
    default:
        return false;
    }
}

bool lis_panel_mouse(struct lis_app *a, int y, int x, enum lis_reaction *r)
{
    struct geom g;
    struct prows rows = { 0 };
    size_t i;

    if (!geometry(a, &g))
        return false;
    if (x < g.x || x >= g.x + g.w || y < g.y || y >= g.y + g.h) {
        /* a click in the article takes the focus back there */
        if (a->panel.focus && docked(a))
            a->panel.focus = false;
        return false;
    }
    *r = LIS_REACT_REDRAW;
    set_focus(a, true);
    if (y < g.ty || y >= g.ty + g.th || x < g.tx)
        return true;
    build(a, g.tw, &rows);
    i = a->panel.top + (size_t)(y - g.ty);
    if (i < rows.n && rows.v[i].party != LIS_NONE)
        a->panel.sel = rows.v[i].party;
    free_rows(&rows);
    return true;
}
