/* export_dialog.c -- the export dialog (e): what (all quotes, marked
 * quotes, highlights, everything) and which format, then a file name on
 * the line prompt; an existing file is replaced only after y. */
#include <config.h>

#include "marks.h"

#include "liseuse/settings.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define BOX_CELLS 48
#define BOX_ROWS 7

struct lis_export_dialog {
    enum lis_select sel;
    enum lis_export_format fmt;
    int row;                    /* 0: what, 1: format */
    size_t count;               /* excerpts the selection gives */
    bool confirming;            /* waiting for y/n on `path` */
    char *path;
};

static const char *const select_labels[] = {
    [LIS_SELECT_QUOTES] = N_("all quotes"),
    [LIS_SELECT_MARKED] = N_("marked quotes"),
    [LIS_SELECT_HIGHLIGHTS] = N_("highlights"),
    [LIS_SELECT_ALL] = N_("everything"),
};
#define N_SELECT ((int)LIS_ARRAY_LEN(select_labels))

static struct lis_annotations *annotations(struct lis_app *a)
{
    return a->kept ? &a->kept->ann : NULL;
}

static void recount(struct lis_app *a)
{
    struct lis_export_dialog *d = a->xd;
    struct lis_export_article art;

    lis_export_collect(a->doc, a->an, annotations(a), d->sel, time(NULL),
                       &art);
    d->count = art.n_excerpts;
    lis_export_article_clear(&art);
}

void lis_export_dialog_free(struct lis_app *a)
{
    if (!a->xd)
        return;
    free(a->xd->path);
    free(a->xd);
    a->xd = NULL;
}

enum lis_reaction lis_export_dialog_open(struct lis_app *a)
{
    struct lis_export_dialog *d;
    struct lis_annotations *ann = annotations(a);

    if (!a->an) {
        lis_app_notice(a, "%s", a->worker.started
                       ? _("the analysis is not finished yet")
                       : _("no analysis for this article"));
        return LIS_REACT_REDRAW;
    }
    if (!a->xd) {
        const struct lis_config *cfg = a->o->config;

        /* the first time: the configuration's [export] defaults, else
         * what the reader kept, else every quote */
        a->xd = lis_xcalloc(1, sizeof *a->xd);
        a->xd->fmt = cfg && cfg->export_format_set ? cfg->export_format
                                                   : LIS_EXPORT_MD;
        if (cfg && cfg->export_select_set)
            a->xd->sel = cfg->export_select;
        else
            a->xd->sel = ann && ann->n_marks ? LIS_SELECT_MARKED
                         : ann && ann->n_highlights ? LIS_SELECT_HIGHLIGHTS
                         : LIS_SELECT_QUOTES;
    }
    d = a->xd;
    d->row = 0;
    d->confirming = false;
    recount(a);
    a->mode = LIS_MODE_EXPORT;
    return LIS_REACT_REDRAW;
}

char *lis_export_default_path(const struct lis_document *doc,
                              enum lis_export_format f, const char *cfg_dir)
{
    const char *path = doc->path;
    const char *slash, *base;
    struct lis_buf b;
    char *dir = NULL;
    size_t blen;

    lis_buf_init(&b);
    if (!path || !*path || strcmp(path, "-") == 0) {
        if (cfg_dir && *cfg_dir)
            lis_buf_printf(&b, "%s/", cfg_dir);
        lis_buf_printf(&b, "extraits.%s", lis_export_format_ext(f));
        return lis_buf_steal(&b, NULL);
    }
    slash = strrchr(path, '/');
    base = slash ? slash + 1 : path;
    blen = strlen(base);
    if (blen > 4 && strcasecmp(base + blen - 4, ".txt") == 0)
        blen -= 4;
    if (cfg_dir && *cfg_dir)        /* the configuration's [export] directory */
        dir = lis_xstrdup(cfg_dir);
    else if (slash)
        dir = lis_xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
    /* there when we may write there, else here */
    if (dir && access(dir, W_OK) == 0) {
        lis_buf_adds(&b, dir);
        if (strcmp(dir, "/") != 0)
            lis_buf_addc(&b, '/');
    }
    lis_buf_add(&b, base, blen);
    lis_buf_printf(&b, "-extraits.%s", lis_export_format_ext(f));
    free(dir);
    return lis_buf_steal(&b, NULL);
}

/* "~/x" is the reader's home, as in a shell. */
static char *expand_home(const char *p)
{
    const char *home = getenv("HOME");
    struct lis_buf b;

    if (p[0] != '~' || (p[1] != '/' && p[1] != '\0') || !home || !*home)
        return lis_xstrdup(p);
    lis_buf_init(&b);
    lis_buf_adds(&b, home);
    lis_buf_adds(&b, p + 1);
    return lis_buf_steal(&b, NULL);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

/* Write the export to d->path; overwrite only after the reader said y. */
static void write_export(struct lis_app *a, bool overwrite)
{
    struct lis_export_dialog *d = a->xd;
    struct lis_export_article art;
    struct lis_export_opts eo;
    struct lis_buf out;
    char *err = NULL;
    enum lis_status st;
    time_t now = time(NULL);
    size_t n;

    lis_export_collect(a->doc, a->an, annotations(a), d->sel, now, &art);
    n = art.n_excerpts;
    memset(&eo, 0, sizeof eo);
    eo.format = d->fmt;
    eo.select = d->sel;
    eo.french = a->o->messages_french;
    eo.now = now;
    lis_buf_init(&out);
    lis_export_write(&art, 1, &eo, &out);
    st = lis_write_file_atomic(d->path, out.data ? out.data : "", out.len,
                               overwrite, &err);
    lis_buf_free(&out);
    lis_export_article_clear(&art);
    if (st == LIS_ERR_EXISTS && !overwrite) {
        d->confirming = true;
        a->mode = LIS_MODE_EXPORT;
        /* the name only: the question must fit on the status line */
        lis_app_notice(a, _("%s exists — replace? (y/n)"),
                       base_name(d->path));
    } else if (st != LIS_OK) {
        lis_app_notice(a, "%s", err ? err : lis_status_str(st));
    } else {
        lis_app_notice(a, P_("%zu excerpt → %s", "%zu excerpts → %s", n), n,
                       d->path);
    }
    free(err);
}

static enum lis_reaction path_done(struct lis_app *a, bool accepted)
{
    struct lis_export_dialog *d = a->xd;

    if (!d)
        return LIS_REACT_REDRAW;
    if (!accepted || !a->prompt.text.len) {
        lis_app_notice(a, "%s", _("export cancelled"));
        return LIS_REACT_REDRAW;
    }
    free(d->path);
    d->path = expand_home(a->prompt.text.data);
    write_export(a, false);
    return LIS_REACT_REDRAW;
}

static void ask_path(struct lis_app *a)
{
    char *def = lis_export_default_path(a->doc, a->xd->fmt,
                                        a->o->config ? a->o->config->export_dir
                                                     : NULL);

    lis_prompt_line(a, _("export to: "), def, path_done);
    free(def);
}

/* A letter picks a value of the current row: the first letters of the
 * choices ("m" marked, "j" json...); c alternates csv and clippings. */
static bool pick_letter(struct lis_app *a, int key)
{
    struct lis_export_dialog *d = a->xd;

    if (d->row == 0) {
        switch (key) {
        case 'a': d->sel = LIS_SELECT_QUOTES; return true;
        case 'm': d->sel = LIS_SELECT_MARKED; return true;
        case 'h': d->sel = LIS_SELECT_HIGHLIGHTS; return true;
        case 'e': d->sel = LIS_SELECT_ALL; return true;
        default: return false;
        }
    }
    switch (key) {
    case 'm': d->fmt = LIS_EXPORT_MD; return true;
    case 'j': d->fmt = LIS_EXPORT_JSON; return true;
    case 't': d->fmt = LIS_EXPORT_TXT; return true;
    case 'c':
        d->fmt = d->fmt == LIS_EXPORT_CSV ? LIS_EXPORT_CLIPPINGS
                                          : LIS_EXPORT_CSV;
        return true;
    case 'k': d->fmt = LIS_EXPORT_CLIPPINGS; return true;
    default: return false;
    }
}

static void step_value(struct lis_export_dialog *d, int dir)
{
    if (d->row == 0)
        d->sel = (enum lis_select)((d->sel + N_SELECT + dir) % N_SELECT);
    else
        d->fmt = (enum lis_export_format)((d->fmt + LIS_EXPORT_COUNT + dir)
                                          % LIS_EXPORT_COUNT);
}

enum lis_reaction lis_export_dialog_key(struct lis_app *a, int key)
{
    struct lis_export_dialog *d = a->xd;

    if (!d) {
        a->mode = LIS_MODE_READ;
        return LIS_REACT_REDRAW;
    }
    if (d->confirming) {
        d->confirming = false;
        a->mode = LIS_MODE_READ;
        if (key == 'y' || key == 'Y' || key == 'o' || key == 'O')
            write_export(a, true);
        else
            lis_app_notice(a, _("export cancelled: %s left as it was"),
                           base_name(d->path));
        return LIS_REACT_REDRAW;
    }
    switch (key) {
    case LIS_KEY_ESC:
    case 'q':
        a->mode = LIS_MODE_READ;
        return LIS_REACT_REDRAW;
    case '\t':
    case LIS_KEY_FN(KEY_DOWN):
    case LIS_KEY_FN(KEY_UP):
    case LIS_KEY_FN(KEY_BTAB):
        d->row = !d->row;
        return LIS_REACT_REDRAW;
    case LIS_KEY_FN(KEY_LEFT):
        step_value(d, -1);
        break;
    case LIS_KEY_FN(KEY_RIGHT):
    case ' ':
        step_value(d, 1);
        break;
    case '\n':
    case '\r':
    case LIS_KEY_FN(KEY_ENTER):
        if (d->count == 0) {
            lis_app_notice(a, _("nothing to export: no %s"),
                           _(select_labels[d->sel]));
            return LIS_REACT_REDRAW;
        }
        a->mode = LIS_MODE_READ;
        ask_path(a);
        return LIS_REACT_REDRAW;
    default:
        if (!pick_letter(a, key))
            return LIS_REACT_NONE;
        break;
    }
    if (d->row == 0)
        recount(a);
    return LIS_REACT_REDRAW;
}

static void fill(struct lis_app *a, int y, int x, int w, enum lis_style st)
{
    int k;
    lis_theme_set(&a->theme, stdscr, st);
    for (k = 0; k < w; k++)
        mvaddch(y, x + k, ' ');
}

/* "Label  ‹ value ›", the value reversed on the current row. */
static void choice_row(struct lis_app *a, int y, int x, int w,
                       const char *label, const char *value, bool current)
{
    const char *l = a->utf8 ? "‹ " : "< ", *r = a->utf8 ? " ›" : " >";
    int used;

    fill(a, y, x, w, LIS_STYLE_TEXT);
    used = lis_put_text(a, y, x + 1, current ? ">" : " ", 1, 1, false);
    used += 1 + lis_put_text(a, y, x + 2, label, strlen(label), w / 2, true);
    if (used + 2 >= w)
        return;
    lis_theme_set(&a->theme, stdscr,
                  current ? LIS_STYLE_SELECTED : LIS_STYLE_TEXT);
    used += lis_put_text(a, y, x + used + 1, l, strlen(l), w - used - 2,
                         false);
    used += lis_put_text(a, y, x + used + 1, value, strlen(value),
                         w - used - 2, true);
    lis_put_text(a, y, x + used + 1, r, strlen(r), w - used - 2, false);
    lis_theme_set(&a->theme, stdscr, LIS_STYLE_TEXT);
}

void lis_export_dialog_draw(struct lis_app *a)
{
    struct lis_export_dialog *d = a->xd;
    int rows = lis_app_text_rows(a);
    int w = a->cols < BOX_CELLS ? a->cols : BOX_CELLS;
    int x = (a->cols - w) / 2;
    int y = 1 + (rows > BOX_ROWS ? (rows - BOX_ROWS) / 2 : 0);
    const char *s;
    char line[160];
    int labw;

    if (!d || d->confirming || w < 8 || rows < 3)
        return;
    /* the two labels share one column */
    labw = lis_text_width(a, _("What:"), strlen(_("What:")));
    if (lis_text_width(a, _("Format:"), strlen(_("Format:"))) > labw)
        labw = lis_text_width(a, _("Format:"), strlen(_("Format:")));
    fill(a, y, x, w, LIS_STYLE_TITLE);
    s = _("Export excerpts");
    lis_put_text(a, y, x + 1, s, strlen(s), w - 2, true);
    if (rows >= BOX_ROWS) {
        fill(a, ++y, x, w, LIS_STYLE_TEXT);
    }
    {
        struct lis_buf lb;
        lis_buf_init(&lb);
        lis_buf_adds(&lb, _("What:"));
        while (lis_text_width(a, lb.data, lb.len) < labw)
            lis_buf_addc(&lb, ' ');
        choice_row(a, ++y, x, w, lb.data, _(select_labels[d->sel]),
                   d->row == 0);
        lb.len = 0;
        lis_buf_adds(&lb, _("Format:"));
        while (lis_text_width(a, lb.data, lb.len) < labw)
            lis_buf_addc(&lb, ' ');
        choice_row(a, ++y, x, w, lb.data, lis_export_format_name(d->fmt),
                   d->row == 1);
        lis_buf_free(&lb);
    }
    if (rows >= BOX_ROWS)
        fill(a, ++y, x, w, LIS_STYLE_TEXT);
    fill(a, ++y, x, w, LIS_STYLE_TEXT);
    snprintf(line, sizeof line,
             P_("%zu excerpt", "%zu excerpts", d->count), d->count);
    lis_put_text(a, y, x + 2, line, strlen(line), w - 3, true);
    fill(a, ++y, x, w, LIS_STYLE_STATUS);
    s = a->utf8 ? _("←→ choose  ↑↓ row  Enter file name  Esc")
                : _("Left/Right choose  Up/Down row  Enter  Esc");
    if (lis_text_width(a, s, strlen(s)) > w - 2)
        s = a->utf8 ? "←→ ↑↓ Enter Esc" : "<> Enter Esc";
    lis_put_text(a, y, x + 1, s, strlen(s), w - 2, true);
    lis_theme_set(&a->theme, stdscr, LIS_STYLE_TEXT);
}
