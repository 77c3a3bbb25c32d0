/* status.c -- the title bar (title, source, date) and the status line
 * (message, analysis progress, decode warnings, paragraph, position).
 * Everything is fitted by display width, never cut mid-character. */
#include <config.h>

#include <string.h>
#include <strings.h>

#include "app.h"
#include "library.h"

static void fill_row(struct lis_app *a, int y, enum lis_style st)
{
    int x;
    lis_theme_set(&a->theme, stdscr, st);
    for (x = 0; x < a->cols; x++)
        mvaddch(y, x, ' ');
}

static void draw_title(struct lis_app *a)
{
    const struct lis_meta *m = &a->doc->meta;
    const char *title = lis_document_title(a->doc);
    struct lis_buf right;
    int used, rw;

    fill_row(a, 0, LIS_STYLE_TITLE);
    lis_buf_init(&right);
    if (m->source)
        lis_buf_adds(&right, m->source);
    if (m->date) {
        if (right.len)
            lis_buf_adds(&right, " · ");
        lis_buf_adds(&right, m->date);
    }
    if (a->o->n_docs > 1)
        lis_buf_printf(&right, "%s[%zu/%zu]", right.len ? "  " : "",
                       lis_library_row(a) + 1, a->o->n_docs);
    used = 1 + lis_put_text(a, 0, 1, title ? title : "",
                            title ? strlen(title) : 0, a->cols - 2, true);
    rw = right.len ? lis_text_width(a, right.data, right.len) : 0;
    /* source and date only when they fit beside the whole title */
    if (rw && used + 3 + rw + 1 <= a->cols)
        lis_put_text(a, 0, a->cols - 1 - rw, right.data, right.len, rw,
                     false);
    lis_buf_free(&right);
}

static void encoding_label(const struct lis_document *d, struct lis_buf *out)
{
    if (d->body_len == 0) {
        /* an empty file is not an error, but the reader should know why
         * the screen is blank */
        lis_buf_adds(out, _("empty file"));
        lis_buf_adds(out, "  ");
    }
    if (d->encoding && strcasecmp(d->encoding, "UTF-8") != 0) {
        const char *name = d->encoding;
        if (strcasecmp(name, "WINDOWS-1252") == 0 ||
            strcasecmp(name, "CP1252") == 0)
            name = "Windows-1252";
        if (d->encoding_guessed)
            lis_buf_printf(out, _("%s (guessed)"), name);
        else
            lis_buf_adds(out, name);
        lis_buf_adds(out, "  ");
    }
    if (d->invalid_sequences) {
        lis_buf_printf(out, P_("%zu invalid sequence",
                               "%zu invalid sequences",
                               d->invalid_sequences),
                       d->invalid_sequences);
        lis_buf_adds(out, "  ");
    }
}

static void build_right(struct lis_app *a, struct lis_buf *out)
{
    size_t bottom, pct;

    if (a->worker.started && !a->an) {
        size_t done = atomic_load(&a->worker.done);
        size_t total = atomic_load(&a->worker.total);
        lis_buf_printf(out, _("analysing… %zu%%"),
                       total ? done * 100 / total : 0);
        lis_buf_adds(out, "  ");
    }
    encoding_label(a->doc, out);
    bottom = lis_view_bottom_offset(a);
    pct = a->doc->body_len ? bottom * 100 / a->doc->body_len : 100;
    if (pct > 100)
        pct = 100;
    /* § has no ASCII transliteration */
    lis_buf_printf(out, "%s %zu/%zu  %zu%%", a->utf8 ? "§" : "p",
                   a->doc->n_paras ? a->top.para + 1 : 0, a->doc->n_paras,
                   pct);
}

static void build_left(struct lis_app *a, struct lis_buf *out)
{
    if (a->notice) {
        lis_buf_adds(out, a->notice);
        return;
    }
    if (a->pending == LIS_ACT_MARK_SET) {
        lis_buf_adds(out, _("set mark: "));
        return;
    }
    if (a->pending == LIS_ACT_MARK_GOTO) {
        lis_buf_adds(out, _("go to mark: "));
        return;
    }
    if (lis_panel_status(a, out))
        return;
    if (a->ctx == LIS_CTX_QUOTE && a->an &&
        a->focus_quote < a->an->n_quotes) {
        const char *sp = lis_app_speaker(a, a->focus_quote);
        lis_buf_printf(out, _("quote %zu/%zu"), a->focus_quote + 1,
                       a->an->n_quotes);
        if (sp)
            lis_buf_printf(out, " — %s", sp);
        return;
    }
    if (a->ctx == LIS_CTX_SEARCH && a->search.show && a->search.n_matches &&
        a->search.cur < a->search.n_matches) {
        lis_buf_printf(out, _("match %zu/%zu"), a->search.cur + 1,
                       a->search.n_matches);
        return;
    }
}

void lis_status_draw(struct lis_app *a)
{
    int y = a->rows - 1;
    struct lis_buf left, right;
    int rw;

    draw_title(a);
    fill_row(a, y, LIS_STYLE_STATUS);
    lis_buf_init(&left);
    lis_buf_init(&right);
    build_right(a, &right);

    if (a->mode == LIS_MODE_PROMPT) {
        int x;
        char lead[2] = { a->prompt.lead, 0 };
        lis_theme_set(&a->theme, stdscr, LIS_STYLE_STATUS);
        /* a line prompt (note, file name) shows its label instead */
        if (a->prompt.label)
            x = lis_put_text(a, y, 0, a->prompt.label,
                             strlen(a->prompt.label), a->cols / 2, true);
        else {
            mvaddnstr(y, 0, lead, 1);
            x = 1;
        }
        /* keep the end of a long pattern visible: show its tail */
        {
            const char *s = a->prompt.text.data ? a->prompt.text.data : "";
            size_t len = a->prompt.text.len;
            int room = a->cols - x - 1;
            int x0 = x;
            while (len && lis_text_width(a, s, len) > room) {
                size_t cut = 1;
                while (cut < len && ((unsigned char)s[cut] & 0xC0) == 0x80)
                    cut++;
                s += cut;
                len -= cut;
            }
            x += lis_put_text(a, y, x0, s, len, room, false);
        }
        lis_buf_free(&left);
        lis_buf_free(&right);
        move(y, x < a->cols ? x : a->cols - 1);
        return;
    }

    build_left(a, &left);
    rw = lis_text_width(a, right.data, right.len);
    if (rw > a->cols - 1)
        rw = a->cols - 1;
    lis_theme_set(&a->theme, stdscr,
                  a->notice ? LIS_STYLE_NOTICE : LIS_STYLE_STATUS);
    if (left.len)
        lis_put_text(a, y, 1, left.data, left.len, a->cols - rw - 3, true);
    lis_theme_set(&a->theme, stdscr, LIS_STYLE_STATUS);
    lis_put_text(a, y, a->cols - rw - 1 > 0 ? a->cols - rw - 1 : 0,
                 right.data, right.len, rw, true);
    lis_buf_free(&left);
    lis_buf_free(&right);
}
