/* help.c -- the help overlay, generated from the action table (keymap.h):
 * it lists exactly the keys the dispatcher knows. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "liseuse/layout.h"

struct help_row {
    char *keys;     /* NULL on continuation and text rows */
    char *text;
    bool table;     /* a row of the key table (text after the keys) */
};

struct help_rows {
    struct help_row *v;
    size_t n, cap;
};

static void add_row(struct help_rows *r, const char *keys, const char *text,
                    size_t len, bool table)
{
    r->v = lis_xgrow(r->v, &r->cap, r->n + 1, sizeof *r->v);
    r->v[r->n].keys = keys ? lis_xstrdup(keys) : NULL;
    r->v[r->n].text = lis_xstrndup(text, len);
    r->v[r->n].table = table;
    r->n++;
}

/* Add text wrapped at width, the first row carrying keys. */
static void add_wrapped(struct help_rows *r, const char *keys,
                        const char *text, int width, bool table)
{
    struct lis_line *lines = NULL;
    size_t n, i, len = strlen(text);

    if (width < 1)
        width = 1;
    n = lis_wrap(text, len, width, &lines);
    for (i = 0; i < n; i++)
        add_row(r, i == 0 ? keys : NULL, text + lines[i].start,
                lines[i].end - lines[i].start, table);
    free(lines);
}

static void build(struct lis_app *a, struct help_rows *r, int *key_w)
{
    struct lis_buf b;
    size_t i;
    int kw = 0, tw;

    lis_buf_init(&b);
    for (i = 0; i < LIS_ACT_COUNT; i++) {
        int w;
        b.len = 0;
        lis_action_keys_label(&a->keymap, (enum lis_action)i, a->utf8, &b);
        w = lis_text_width(a, b.data, b.len);
        if (w > kw)
            kw = w;
    }
    if (kw > a->width / 3)
        kw = a->width / 3;
    tw = a->width - kw - 4;
    add_wrapped(r, NULL, _("liseuse — keys"), a->width - 2, false);
    add_row(r, NULL, "", 0, false);
    for (i = 0; i < LIS_ACT_COUNT; i++) {
        b.len = 0;
        lis_action_keys_label(&a->keymap, (enum lis_action)i, a->utf8, &b);
        add_wrapped(r, b.data, _(lis_actions[i].help), tw, true);
    }
    add_row(r, NULL, "", 0, false);
    add_wrapped(r, NULL, _("In the search prompt: Backspace deletes a "
                           "character, ^U clears, Enter accepts, Esc goes "
                           "back."), a->width - 2, false);
    add_wrapped(r, NULL, _("Highlights: quotations, people, organisations, "
                           "places and other names each have their own "
                           "style; deal parties stand out."), a->width - 2, false);
    add_wrapped(r, NULL, _("j, k, space and b scroll this help; q, Esc or "
                           "h closes it."), a->width - 2, false);
    lis_buf_free(&b);
    *key_w = kw;
}

static void free_rows(struct help_rows *r)
{
    size_t i;
    for (i = 0; i < r->n; i++) {
        free(r->v[i].keys);
        free(r->v[i].text);
    }
    free(r->v);
}

static size_t help_rows_count(struct lis_app *a)
{
    struct help_rows r = { 0 };
    int kw;
    size_t n;
    build(a, &r, &kw);
    n = r.n;
    free_rows(&r);
    return n;
}

void lis_help_draw(struct lis_app *a)
{
    struct help_rows r = { 0 };
    int rows = lis_app_text_rows(a), kw, y;
    size_t i;

    build(a, &r, &kw);
    if (a->help_top + (size_t)rows > r.n)
        a->help_top = r.n > (size_t)rows ? r.n - (size_t)rows : 0;
    lis_theme_set(&a->theme, stdscr, LIS_STYLE_TEXT);
    for (y = 0, i = a->help_top; y < rows && i < r.n; y++, i++) {
        int x = a->left + 1;
        if (r.v[i].keys) {
            lis_theme_set(&a->theme, stdscr, LIS_STYLE_QUOTE);
            lis_put_text(a, 1 + y, x, r.v[i].keys, strlen(r.v[i].keys),
                         kw, true);
            lis_theme_set(&a->theme, stdscr, LIS_STYLE_TEXT);
        }
        if (r.v[i].table)
            x += kw + 2;
        lis_put_text(a, 1 + y, x, r.v[i].text, strlen(r.v[i].text),
                     a->left + a->width - x, true);
    }
    free_rows(&r);
}

enum lis_reaction lis_help_key(struct lis_app *a, int key)
{
    size_t n = help_rows_count(a);
    size_t rows = (size_t)lis_app_text_rows(a);

    switch (key) {
    case 'j':
    case LIS_KEY_FN(KEY_DOWN):
    case '\n':
    case '\r':
        if (a->help_top + rows < n)
            a->help_top++;
        return LIS_REACT_REDRAW;
    case 'k':
    case LIS_KEY_FN(KEY_UP):
        if (a->help_top)
            a->help_top--;
        return LIS_REACT_REDRAW;
    case ' ':
    case 'f':
    case LIS_KEY_FN(KEY_NPAGE):
        a->help_top += rows;
        return LIS_REACT_REDRAW;    /* clamped when drawn */
    case 'b':
    case LIS_KEY_FN(KEY_PPAGE):
        a->help_top = a->help_top > rows ? a->help_top - rows : 0;
        return LIS_REACT_REDRAW;
    case 'q':
    case 'h':
    case LIS_KEY_ESC:
    case LIS_KEY_FN(KEY_F(1)):
        a->mode = LIS_MODE_READ;
        return LIS_REACT_REDRAW;
    default:
        return LIS_REACT_NONE;
    }
}
