/* overlay.c -- the list of quotations (Q): number, speaker, first words;
 * Enter jumps to the selected one. */
#include <config.h>

#include <string.h>

#include "app.h"

#define SPEAKER_CELLS 18

static size_t n_quotes(const struct lis_app *a)
{
    return a->an ? a->an->n_quotes : 0;
}

void lis_quotes_draw(struct lis_app *a)
{
    int rows = lis_app_text_rows(a), y;
    size_t n = n_quotes(a), i;
    int x0 = a->left, w = a->width;
    int spw = w >= 50 ? SPEAKER_CELLS : w / 4;

    lis_theme_set(&a->theme, stdscr, LIS_STYLE_TEXT);
    if (rows <= 0)
        return;
    if (!a->an) {
        const char *msg = _("the analysis is not finished yet");
        lis_put_text(a, 1, x0, msg, strlen(msg), w, true);
        return;
    }
    if (!n) {
        const char *msg = _("no quotations in this article");
        lis_put_text(a, 1, x0, msg, strlen(msg), w, true);
        return;
    }
    {
        const char *hd = _("Quotations — Enter jumps, q closes");
        lis_theme_set(&a->theme, stdscr, LIS_STYLE_QUOTE);
        lis_put_text(a, 1, x0, hd, strlen(hd), w, true);
    }
    rows--;     /* the header */
    if (rows <= 0)
        return;
    if (a->list_sel < a->list_top)
        a->list_top = a->list_sel;
    if (a->list_sel >= a->list_top + (size_t)rows)
        a->list_top = a->list_sel - (size_t)rows + 1;
    for (y = 0, i = a->list_top; y < rows && i < n; y++, i++) {
        const struct lis_quote *q = &a->an->quotes[i];
        const char *sp = lis_app_speaker(a, i);
        char num[32];
        int x = x0, k;
        enum lis_style st = i == a->list_sel ? LIS_STYLE_SELECTED
                                             : LIS_STYLE_TEXT;

        lis_theme_set(&a->theme, stdscr, st);
        for (k = 0; k < w; k++)
            mvaddch(2 + y, x0 + k, ' ');
        snprintf(num, sizeof num, "%3zu ", i + 1);
        x += lis_put_text(a, 2 + y, x, num, strlen(num), w, false);
        if (spw > 0) {
            if (!sp)
                sp = "—";
            lis_put_text(a, 2 + y, x, sp, strlen(sp), spw, true);
            x += spw + 1;
        }
        if (x < x0 + w)
            lis_put_text(a, 2 + y, x, a->doc->body + q->start,
                         q->end - q->start, x0 + w - x, true);
    }
    lis_theme_set(&a->theme, stdscr, LIS_STYLE_TEXT);
}

enum lis_reaction lis_quotes_key(struct lis_app *a, int key)
{
    size_t n = n_quotes(a);
    size_t page = (size_t)(lis_app_text_rows(a) > 2 ?
                           lis_app_text_rows(a) - 2 : 1);

    switch (key) {
    case 'j':
    case LIS_KEY_FN(KEY_DOWN):
        if (a->list_sel + 1 < n)
            a->list_sel++;
        return LIS_REACT_REDRAW;
    case 'k':
    case LIS_KEY_FN(KEY_UP):
        if (a->list_sel)
            a->list_sel--;
        return LIS_REACT_REDRAW;
    case ' ':
    case LIS_KEY_FN(KEY_NPAGE):
        a->list_sel = n && a->list_sel + page < n ? a->list_sel + page
                                                   : (n ? n - 1 : 0);
        return LIS_REACT_REDRAW;
    case 'b':
    case LIS_KEY_FN(KEY_PPAGE):
        a->list_sel = a->list_sel > page ? a->list_sel - page : 0;
        return LIS_REACT_REDRAW;
    case 'g':
    case LIS_KEY_FN(KEY_HOME):
        a->list_sel = 0;
        return LIS_REACT_REDRAW;
    case 'G':
    case LIS_KEY_FN(KEY_END):
        a->list_sel = n ? n - 1 : 0;
        return LIS_REACT_REDRAW;
    case '\n':
    case '\r':
    case LIS_KEY_FN(KEY_ENTER):
        a->mode = LIS_MODE_READ;
        if (a->list_sel < n)
            lis_app_jump_quote(a, a->list_sel, NULL);
        return LIS_REACT_REDRAW;
    case 'q':
    case 'Q':
    case LIS_KEY_ESC:
        a->mode = LIS_MODE_READ;
        return LIS_REACT_REDRAW;
    default:
        return LIS_REACT_NONE;
    }
}
