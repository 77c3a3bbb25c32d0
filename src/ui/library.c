/* library.c -- the list of articles (liseuse DIR, several files), like
 * newsboat's article list: date, title, source, quotations and parties,
 * newest first.  Enter opens one, q in an article comes back here, :n and
 * :p go to the next / previous one.  The counts come from a background
 * analysis of each article, smallest first; "…" until it is done. */
#include <config.h>

#include "library.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#define SOURCE_CELLS 14
#define WIDE_CELLS 70

struct lis_library {
    size_t n;
    size_t *order;              /* row -> document index, by date */
    atomic_size_t *quotes;      /* per document; LIS_NONE until known */
    atomic_size_t *parties;
    size_t sel, top;            /* rows */
    size_t shown;               /* results drawn so far */
    atomic_size_t done;         /* results ready */
    /* the counting thread */
    pthread_t thread;
    bool started;
    atomic_bool cancel;
    const struct lis_ui_opts *o;
};

struct sort_row {
    const char *date;           /* NULL when none */
    const char *title;
    size_t doc;
};

/* Newest first; undated articles last, then by title. */
static int cmp_rows(const void *x, const void *y)
{
    const struct sort_row *a = x, *b = y;
    int c;

    if ((a->date != NULL) != (b->date != NULL))
        return a->date ? -1 : 1;
    if (a->date && (c = strcmp(b->date, a->date)) != 0)
        return c;
    if ((c = strcmp(a->title, b->title)) != 0)
        return c;
    return a->doc < b->doc ? -1 : 1;
}

static void sort_rows(struct lis_library *l)
{
    struct sort_row *rows = lis_xcalloc(l->n, sizeof *rows);
    size_t i;

    for (i = 0; i < l->n; i++) {
        const struct lis_document *d = l->o->docs[i];
        const char *t = lis_document_title(d);
        rows[i].date = d->meta.date && *d->meta.date ? d->meta.date : NULL;
        rows[i].title = t ? t : "";
        rows[i].doc = i;
    }
    qsort(rows, l->n, sizeof *rows, cmp_rows);
    for (i = 0; i < l->n; i++)
        l->order[i] = rows[i].doc;
    free(rows);
}

static bool keep_going(void *ctx, size_t done, size_t total)
{
    struct lis_library *l = ctx;
    (void)done;
    (void)total;
    return !atomic_load(&l->cancel);
}

static void *count_main(void *arg)
{
    struct lis_library *l = arg;
    size_t *by_size = lis_xcalloc(l->n, sizeof *by_size);
    size_t i, j;

    /* smallest first: the short articles fill in at once */
    for (i = 0; i < l->n; i++)
        by_size[i] = i;
    for (i = 1; i < l->n; i++)
        for (j = i; j > 0 && l->o->docs[by_size[j - 1]]->body_len >
                             l->o->docs[by_size[j]]->body_len; j--) {
            size_t t = by_size[j];
            by_size[j] = by_size[j - 1];
            by_size[j - 1] = t;
        }
    for (i = 0; i < l->n && !atomic_load(&l->cancel); i++) {
        size_t d = by_size[i];
        struct lis_analysis *an = lis_analyze(l->o->docs[d], l->o->lx,
                                              keep_going, l);
        if (!an)
            break;
        atomic_store(&l->quotes[d], an->n_quotes);
        atomic_store(&l->parties[d], an->n_parties);
        lis_analysis_free(an);
        atomic_fetch_add(&l->done, 1);
    }
    free(by_size);
    return NULL;
}

bool lis_library_init(struct lis_app *a)
{
    struct lis_library *l;
    size_t i;

    if (a->o->n_docs < 2)
        return false;
    l = lis_xcalloc(1, sizeof *l);
    l->o = a->o;
    l->n = a->o->n_docs;
    l->order = lis_xcalloc(l->n, sizeof *l->order);
    l->quotes = lis_xcalloc(l->n, sizeof *l->quotes);
    l->parties = lis_xcalloc(l->n, sizeof *l->parties);
    for (i = 0; i < l->n; i++) {
        atomic_init(&l->quotes[i], LIS_NONE);
        atomic_init(&l->parties[i], LIS_NONE);
    }
    atomic_init(&l->done, 0);
    atomic_init(&l->cancel, false);
    sort_rows(l);
    if (a->o->lx) {
        sigset_t set, old;
        /* signals are for the main thread */
        sigfillset(&set);
        pthread_sigmask(SIG_BLOCK, &set, &old);
        l->started = pthread_create(&l->thread, NULL, count_main, l) == 0;
        pthread_sigmask(SIG_SETMASK, &old, NULL);
    }
    a->lib = l;
    a->mode = LIS_MODE_LIBRARY;
    return true;
}

void lis_library_free(struct lis_app *a)
{
    struct lis_library *l = a->lib;

    if (!l)
        return;
    if (l->started) {
        atomic_store(&l->cancel, true);
        pthread_join(l->thread, NULL);
    }
    free(l->order);
    free(l->quotes);
    free(l->parties);
    free(l);
    a->lib = NULL;
}

bool lis_library_poll(struct lis_app *a)
{
    struct lis_library *l = a->lib;
    size_t done;

    if (!l || a->mode != LIS_MODE_LIBRARY)
        return false;
    done = atomic_load(&l->done);
    if (done == l->shown)
        return false;
    l->shown = done;
    return true;
}

enum lis_reaction lis_library_show(struct lis_app *a)
{
    struct lis_library *l = a->lib;

    if (!l)
        return LIS_REACT_QUIT;
    /* the row of the article just read */
    l->sel = lis_library_row(a);
    a->mode = LIS_MODE_LIBRARY;
    return LIS_REACT_REDRAW;
}

size_t lis_library_row(const struct lis_app *a)
{
    size_t r;

    if (a->lib)
        for (r = 0; r < a->lib->n; r++)
            if (a->lib->order[r] == a->cur_doc)
                return r;
    return a->cur_doc;
}

static void open_row(struct lis_app *a, size_t row)
{
    size_t d = a->lib->order[row];

    a->lib->sel = row;
    if (d != a->cur_doc)
        lis_app_switch_article(a, d);
    a->mode = LIS_MODE_READ;
}

/* :n and :p go through the articles in the list's order. */
static enum lis_reaction step_article(struct lis_app *a, int dir)
{
    size_t n = a->o->n_docs, row = lis_library_row(a);

    if ((dir < 0 && row == 0) || (dir > 0 && row + 1 >= n)) {
        lis_app_notice(a, "%s", dir > 0 ? _("no next article")
                                        : _("no previous article"));
        return LIS_REACT_REDRAW;
    }
    row = dir > 0 ? row + 1 : row - 1;
    if (a->lib)
        open_row(a, row);
    else
        lis_app_switch_article(a, row);
    return LIS_REACT_REDRAW;
}

enum lis_reaction lis_library_command_key(struct lis_app *a, int key)
{
    a->pending = LIS_ACT_NONE;
    switch (key) {
    case 'n':
        return step_article(a, 1);
    case 'p':
        return step_article(a, -1);
    case LIS_KEY_ESC:
        return LIS_REACT_REDRAW;
    default:
        lis_app_notice(a, "%s", _(":n next article, :p previous article"));
        return LIS_REACT_REDRAW;
    }
}

enum lis_reaction lis_library_key(struct lis_app *a, int key)
{
    struct lis_library *l = a->lib;
    size_t page = (size_t)(a->rows > 4 ? a->rows - 4 : 1);

    if (!l) {
        a->mode = LIS_MODE_READ;
        return LIS_REACT_REDRAW;
    }
    switch (key) {
    case 'j':
    case LIS_KEY_FN(KEY_DOWN):
        if (l->sel + 1 < l->n)
            l->sel++;
        return LIS_REACT_REDRAW;
    case 'k':
    case LIS_KEY_FN(KEY_UP):
        if (l->sel)
            l->sel--;
        return LIS_REACT_REDRAW;
    case ' ':
    case 'f':
    case LIS_KEY_FN(KEY_NPAGE):
        l->sel = l->sel + page < l->n ? l->sel + page : l->n - 1;
        return LIS_REACT_REDRAW;
    case 'b':
    case LIS_KEY_FN(KEY_PPAGE):
        l->sel = l->sel > page ? l->sel - page : 0;
        return LIS_REACT_REDRAW;
    case 'g':
    case '<':
    case LIS_KEY_FN(KEY_HOME):
        l->sel = 0;
        return LIS_REACT_REDRAW;
    case 'G':
    case '>':
    case LIS_KEY_FN(KEY_END):
        l->sel = l->n - 1;
        return LIS_REACT_REDRAW;
    case '\n':
    case '\r':
    case 'l':
    case LIS_KEY_FN(KEY_ENTER):
    case LIS_KEY_FN(KEY_RIGHT):
        open_row(a, l->sel);
        return LIS_REACT_REDRAW;
    case 'q':
        return LIS_REACT_QUIT;
    case LIS_KEY_CTRL('l'):
        clearok(curscr, TRUE);
        return LIS_REACT_REDRAW;
    default:
        return LIS_REACT_NONE;
    }
}

static void fill_row(struct lis_app *a, int y, enum lis_style st)
{
    int x;
    lis_theme_set(&a->theme, stdscr, st);
    for (x = 0; x < a->cols; x++)
        mvaddch(y, x, ' ');
}

/* Text fitted in exactly w cells at (y, x): cut with an ellipsis, or
 * padded (right-aligned when right). */
static void cell(struct lis_app *a, int y, int x, int w, const char *s,
                 bool right)
{
    int tw;

    if (w <= 0)
        return;
    if (!s)
        s = "";
    tw = lis_text_width(a, s, strlen(s));
    if (right && tw < w)
        x += w - tw;
    lis_put_text(a, y, x, s, strlen(s), w, true);
}

static void count_text(size_t v, char *buf, size_t size, bool utf8)
{
    if (v == LIS_NONE)
        snprintf(buf, size, "%s", utf8 ? "…" : "...");
    else
        snprintf(buf, size, "%zu", v);
}

void lis_library_draw(struct lis_app *a)
{
    struct lis_library *l = a->lib;
    const char *ql = _("Quotes"), *pl = _("Parties");
    int qw = lis_text_width(a, ql, strlen(ql));
    int pw = lis_text_width(a, pl, strlen(pl));
    int rows = a->rows - 3, y, x;
    bool wide = a->cols >= WIDE_CELLS;
    int dw = 10, sw = wide ? SOURCE_CELLS : 0;
    int tw;
    size_t r;
    struct lis_buf b;

    if (!l)
        return;
    if (qw < 3)
        qw = 3;
    if (pw < 3)
        pw = 3;
    /* date, title, [source,] quotes, parties, one space between */
    tw = a->cols - 2 - dw - 1 - (wide ? sw + 1 : 0) - qw - 1 - pw - 1;
    if (tw < 8) {
        dw = 0;
        tw = a->cols - 2 - (wide ? sw + 1 : 0) - qw - 1 - pw - 1;
    }

    lis_buf_init(&b);
    fill_row(a, 0, LIS_STYLE_TITLE);
    lis_buf_printf(&b, P_("liseuse — %zu article", "liseuse — %zu articles",
                          l->n), l->n);
    lis_put_text(a, 0, 1, b.data, b.len, a->cols - 2, true);

    fill_row(a, 1, LIS_STYLE_TEXT);
    lis_theme_set(&a->theme, stdscr, LIS_STYLE_QUOTE);
    x = 1;
    if (dw) {
        cell(a, 1, x, dw, _("Date"), false);
        x += dw + 1;
    }
    cell(a, 1, x, tw, _("Title"), false);
    x += tw + 1;
    if (wide) {
        cell(a, 1, x, sw, _("Source"), false);
        x += sw + 1;
    }
    cell(a, 1, x, qw, ql, true);
    x += qw + 1;
    cell(a, 1, x, pw, pl, true);

    if (l->sel < l->top)
        l->top = l->sel;
    if (rows > 0 && l->sel >= l->top + (size_t)rows)
        l->top = l->sel - (size_t)rows + 1;
    for (y = 0, r = l->top; y < rows && r < l->n; y++, r++) {
        const struct lis_document *d = a->o->docs[l->order[r]];
        char num[32];

        fill_row(a, 2 + y, r == l->sel ? LIS_STYLE_SELECTED : LIS_STYLE_TEXT);
        x = 1;
        if (dw) {
            cell(a, 2 + y, x, dw, d->meta.date && *d->meta.date
                                  ? d->meta.date : "—", false);
            x += dw + 1;
        }
        cell(a, 2 + y, x, tw, lis_document_title(d), false);
        x += tw + 1;
        if (wide) {
            cell(a, 2 + y, x, sw, d->meta.source && *d->meta.source
                                  ? d->meta.source : "—", false);
            x += sw + 1;
        }
        count_text(atomic_load(&l->quotes[l->order[r]]), num, sizeof num,
                   a->utf8);
        cell(a, 2 + y, x, qw, num, true);
        x += qw + 1;
        count_text(atomic_load(&l->parties[l->order[r]]), num, sizeof num,
                   a->utf8);
        cell(a, 2 + y, x, pw, num, true);
    }

    fill_row(a, a->rows - 1, LIS_STYLE_STATUS);
    {
        const char *hint = _("Enter opens, q quits; in an article q comes "
                             "back here, :n :p next / previous");
        b.len = 0;
        lis_buf_printf(&b, "%zu/%zu", l->sel + 1, l->n);
        x = lis_text_width(a, b.data, b.len);
        lis_put_text(a, a->rows - 1, 1, hint, strlen(hint),
                     a->cols - x - 4, true);
        lis_put_text(a, a->rows - 1, a->cols - 1 - x, b.data, b.len, x,
                     false);
    }
    lis_buf_free(&b);
    lis_theme_set(&a->theme, stdscr, LIS_STYLE_TEXT);
}
