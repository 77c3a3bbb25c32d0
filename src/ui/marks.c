/* marks.c -- marking quotes (x), highlighting passages (v, a visual
 * selection extended by line or sentence), notes (a) through the line
 * prompt, and drawing them.  Every change is saved at once, so that a
 * crash or a signal loses nothing. */
#include <config.h>

#include "marks.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unictype.h>

#include "liseuse/paths.h"
#include "liseuse/text.h"

static struct lis_marks *marks_of(struct lis_app *a)
{
    if (!a->kept) {
        a->kept = lis_xcalloc(1, sizeof *a->kept);
        lis_annotations_init(&a->kept->ann);
        a->kept->hl_start = a->kept->hl_end = LIS_NONE;
    }
    return a->kept;
}

void lis_marks_open(struct lis_app *a)
{
    struct lis_marks *m;
    char *err = NULL;
    enum lis_status st;

    lis_marks_close(a);
    m = marks_of(a);
    m->dir = lis_user_data_dir();
    st = lis_annotations_load(m->dir, a->hash, &m->ann, &err);
    if (st != LIS_OK) {
        /* a damaged file, or one from a newer liseuse: keep it intact */
        m->readonly = true;
        m->load_error = err ? err : lis_xstrdup(lis_status_str(st));
        err = NULL;
        lis_app_notice(a, _("marks and notes will not be saved: %s"),
                       m->load_error);
    }
    free(err);
}

void lis_marks_close(struct lis_app *a)
{
    if (!a->kept)
        return;
    lis_annotations_free(&a->kept->ann);
    free(a->kept->dir);
    free(a->kept->load_error);
    free(a->kept);
    a->kept = NULL;
}

/* Save after a change; done is the message for the status line. */
static void persist(struct lis_app *a, const char *done)
{
    struct lis_marks *m = marks_of(a);
    char *err = NULL;

    if (m->readonly) {
        lis_app_notice(a, _("%s — not saved: %s"), done,
                       m->load_error ? m->load_error : "");
        return;
    }
    if (lis_annotations_save(m->dir, a->hash, &m->ann, &err) != LIS_OK) {
        lis_app_notice(a, _("%s — not saved: %s"), done,
                       err ? err : _("write error"));
        free(err);
        return;
    }
    lis_app_notice(a, "%s", done);
}

/* ------------------------------------------------------------ focus */

static int third(const struct lis_app *a)
{
    return lis_app_text_rows(a) / 3;
}

size_t lis_marks_focused_quote(struct lis_app *a)
{
    const struct lis_analysis *an = a->an;
    struct lis_pos p = a->top;
    size_t off, q;

    if (!an || !an->n_quotes)
        return LIS_NONE;
    if (a->focus_quote < an->n_quotes &&
        lis_view_offset_visible(a, an->quotes[a->focus_quote].outer_start))
        return a->focus_quote;
    lis_layout_move(a->lay, &p, third(a));
    off = lis_layout_offset_at(a->lay, p);
    q = lis_quote_at(an, off);
    if (q != LIS_NONE)
        return q;
    /* no quote there: the nearest one on screen, below first */
    q = lis_quote_next(an, off);
    if (q != LIS_NONE && lis_view_offset_visible(a, an->quotes[q].outer_start))
        return q;
    q = lis_quote_prev(an, off);
    if (q != LIS_NONE && an->quotes[q].outer_end > 0 &&
        lis_view_offset_visible(a, an->quotes[q].outer_end - 1))
        return q;
    return LIS_NONE;
}

bool lis_marks_is_marked(const struct lis_app *a, size_t start, size_t end)
{
    return a->kept &&
           lis_annotations_find_mark(&a->kept->ann, start, end) != LIS_NONE;
}

static void focus_on(struct lis_app *a, size_t q)
{
    a->focus_quote = q;
    a->ctx = LIS_CTX_QUOTE;
}

/* ------------------------------------------------------------ x */

enum lis_reaction lis_marks_toggle(struct lis_app *a)
{
    struct lis_marks *m = marks_of(a);
    const struct lis_quote *qt;
    char msg[128];
    size_t q;

    if (!a->an) {
        lis_app_notice(a, "%s", _("the analysis is not finished yet"));
        return LIS_REACT_REDRAW;
    }
    q = lis_marks_focused_quote(a);
    if (q == LIS_NONE) {
        lis_app_notice(a, "%s", _("no quotation here to mark (] and [ go "
                                  "to one)"));
        return LIS_REACT_REDRAW;
    }
    focus_on(a, q);
    qt = &a->an->quotes[q];
    if (lis_annotations_toggle_mark(&m->ann, qt->start, qt->end, time(NULL)))
        snprintf(msg, sizeof msg, _("quote %zu marked"), q + 1);
    else
        snprintf(msg, sizeof msg, _("quote %zu unmarked"), q + 1);
    persist(a, msg);
    return LIS_REACT_REDRAW;
}

/* ------------------------------------------------------------ v */

static const struct lis_line *line_of(struct lis_app *a, struct lis_pos p)
{
    size_t n;
    const struct lis_line *lines = lis_layout_lines(a->lay, p.para, &n);
    if (!lines || p.line >= n)
        return NULL;
    return &lines[p.line];
}

/* End of the screen line that holds body offset off. */
static size_t line_end_at(struct lis_app *a, size_t off)
{
    const struct lis_line *ln = line_of(a, lis_layout_pos_at(a->lay, off));
    return ln ? ln->end : off;
}

static void visual_hint(struct lis_app *a)
{
    /* what ends the selection first: the line is cut on narrow screens */
    lis_app_notice(a, "%s", _("selection: v saves it, Esc cancels, j k ( ) "
                              "extend it"));
}

enum lis_reaction lis_marks_visual_start(struct lis_app *a)
{
    struct lis_marks *m = marks_of(a);
    size_t s;

    if (a->an && a->focus_quote < a->an->n_quotes &&
        lis_view_offset_visible(a, a->an->quotes[a->focus_quote].outer_start))
        s = a->an->quotes[a->focus_quote].start;
    else
        s = a->anchor;
    if (s >= a->doc->body_len) {
        lis_app_notice(a, "%s", _("nothing to select here"));
        return LIS_REACT_REDRAW;
    }
    m->sel_start = s;
    m->sel_end = line_end_at(a, s);
    if (m->sel_end <= s)
        m->sel_end = lis_grapheme_next(a->doc->body, a->doc->body_len, s);
    a->mode = LIS_MODE_VISUAL;
    visual_hint(a);
    return LIS_REACT_REDRAW;
}

/* Index of the first sentence whose end is after off (sentences are
 * sorted and do not overlap), or n. */
static size_t sentence_ending_after(const struct lis_analysis *an, size_t off)
{
    size_t lo = 0, hi = an->n_sentences;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (an->sentences[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void extend_lines(struct lis_app *a, long delta)
{
    struct lis_marks *m = a->kept;
    struct lis_pos p;
    const struct lis_line *ln;

    if (delta > 0) {
        p = lis_layout_pos_at(a->lay, m->sel_end > 0 ? m->sel_end - 1 : 0);
        if (lis_layout_move(a->lay, &p, 1) == 1 && (ln = line_of(a, p)) &&
            ln->end > m->sel_end)
            m->sel_end = ln->end;
        return;
    }
    p = lis_layout_pos_at(a->lay, m->sel_end > 0 ? m->sel_end - 1 : 0);
    if (lis_layout_move(a->lay, &p, -1) == 1 && (ln = line_of(a, p)) &&
        ln->end > m->sel_start) {
        m->sel_end = ln->end;
        return;
    }
    /* one line left: grow upwards instead */
    p = lis_layout_pos_at(a->lay, m->sel_start);
    if (lis_layout_move(a->lay, &p, -1) == 1 && (ln = line_of(a, p)))
        m->sel_start = ln->start;
}

static void extend_sentences(struct lis_app *a, bool forward)
{
    struct lis_marks *m = a->kept;
    const struct lis_analysis *an = a->an;
    size_t i;

    if (!an || !an->n_sentences) {
        lis_app_notice(a, "%s", _("no sentences known yet"));
        return;
    }
    if (forward) {
        i = sentence_ending_after(an, m->sel_end);
        if (i < an->n_sentences)
            m->sel_end = an->sentences[i].end;
        return;
    }
    /* back: the last sentence ending before the current end */
    i = sentence_ending_after(an, m->sel_end > 0 ? m->sel_end - 1 : 0);
    if (i > 0 && an->sentences[i - 1].end > m->sel_start) {
        m->sel_end = an->sentences[i - 1].end;
        return;
    }
    /* nothing left to shrink: take the sentence before the start too */
    i = sentence_ending_after(an, m->sel_start);
    if (i > 0 && an->sentences[i - 1].start < m->sel_start)
        m->sel_start = an->sentences[i - 1].start;
}

static bool word_char(uint32_t cp)
{
    return uc_is_alnum(cp) || uc_is_general_category(cp, UC_CATEGORY_M);
}

static bool space_char(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
           cp == 0xA0 || cp == 0x202F || uc_is_space(cp);
}

static uint32_t cp_at(const char *s, size_t len, size_t off)
{
    uint32_t cp = 0;
    if (off < len)
        lis_u8_get(s + off, len - off, &cp);
    return cp;
}

static uint32_t cp_before(const char *s, size_t off)
{
    uint32_t cp = 0;
    if (off > 0) {
        size_t p = lis_u8_prev(s, off);
        lis_u8_get(s + p, off - p, &cp);
    }
    return cp;
}

/* Widen [*s, *e) to whole words and trim the spaces at both ends; every
 * step is a grapheme, so the result stays on grapheme boundaries. */
static void snap_words(const char *b, size_t len, size_t *s, size_t *e)
{
    while (*s > 0 && *s < len && word_char(cp_at(b, len, *s)) &&
           word_char(cp_before(b, *s)))
        *s = lis_grapheme_prev(b, len, *s);
    while (*e < len && *e > 0 && word_char(cp_before(b, *e)) &&
           word_char(cp_at(b, len, *e)))
        *e = lis_grapheme_next(b, len, *e);
    while (*s < *e && space_char(cp_at(b, len, *s)))
        *s = lis_grapheme_next(b, len, *s);
    while (*e > *s && space_char(cp_before(b, *e)))
        *e = lis_grapheme_prev(b, len, *e);
}

static void save_highlight(struct lis_app *a)
{
    struct lis_marks *m = a->kept;
    size_t s = m->sel_start, e = m->sel_end;

    snap_words(a->doc->body, a->doc->body_len, &s, &e);
    if (e <= s) {
        lis_app_notice(a, "%s", _("empty selection: nothing saved"));
        return;
    }
    if (lis_annotations_find_highlight(&m->ann, s, e) != LIS_NONE) {
        lis_app_notice(a, "%s", _("this passage is already highlighted"));
        m->hl_start = s;
        m->hl_end = e;
        m->hl_focus_quote = a->focus_quote;
        return;
    }
    lis_annotations_add_highlight(&m->ann, s, e, time(NULL));
    m->hl_start = s;
    m->hl_end = e;
    m->hl_focus_quote = a->focus_quote;
    persist(a, _("highlight saved (a adds a note)"));
}

/* Keep the moving end of the selection on screen. */
static void follow(struct lis_app *a, size_t off, bool down)
{
    if (lis_view_offset_visible(a, off))
        return;
    lis_view_show_offset(a, off, down ? lis_app_text_rows(a) - 1 : 0);
}

enum lis_reaction lis_marks_visual_key(struct lis_app *a, int key)
{
    struct lis_marks *m = marks_of(a);
    size_t old_start = m->sel_start;

    switch (key) {
    case LIS_KEY_ESC:
        a->mode = LIS_MODE_READ;
        lis_app_notice(a, "%s", _("selection cancelled"));
        return LIS_REACT_REDRAW;
    case 'v':
        a->mode = LIS_MODE_READ;
        save_highlight(a);
        return LIS_REACT_REDRAW;
    case 'j':
    case LIS_KEY_FN(KEY_DOWN):
        extend_lines(a, 1);
        break;
    case 'k':
    case LIS_KEY_FN(KEY_UP):
        extend_lines(a, -1);
        break;
    case ')':
        extend_sentences(a, true);
        break;
    case '(':
        extend_sentences(a, false);
        break;
    default:
        visual_hint(a);
        return LIS_REACT_REDRAW;
    }
    if (m->sel_start < old_start)
        follow(a, m->sel_start, false);
    else if (m->sel_end > 0)
        follow(a, m->sel_end - 1, true);
    visual_hint(a);
    return LIS_REACT_REDRAW;
}

/* ------------------------------------------------------------ a */

static char **note_slot(struct lis_app *a)
{
    struct lis_marks *m = a->kept;
    size_t i;

    if (m->note_on_mark) {
        i = lis_annotations_find_mark(&m->ann, m->note_start, m->note_end);
        return i == LIS_NONE ? NULL : &m->ann.marks[i].note;
    }
    i = lis_annotations_find_highlight(&m->ann, m->note_start, m->note_end);
    return i == LIS_NONE ? NULL : &m->ann.highlights[i].note;
}

static enum lis_reaction note_done(struct lis_app *a, bool accepted)
{
    char **slot;
    bool had;

    struct lis_marks *m = a->kept;

    if (!accepted) {
        if (m->note_new_mark) {
            /* the mark came with the note: it goes with it */
            size_t i = lis_annotations_find_mark(&m->ann, m->note_start,
                                                 m->note_end);
            if (i != LIS_NONE)
                lis_annotations_remove_mark(&m->ann, i);
        }
        lis_app_notice(a, "%s", _("note unchanged"));
        return LIS_REACT_REDRAW;
    }
    slot = note_slot(a);
    if (!slot)
        return LIS_REACT_REDRAW;
    had = *slot != NULL;
    lis_annotations_set_note(slot, a->prompt.text.len ? a->prompt.text.data
                                                      : NULL);
    if (m->note_new_mark)
        persist(a, *slot ? _("quote marked, note saved")
                         : _("quote marked"));
    else
        persist(a, *slot ? _("note saved")
                         : had ? _("note removed") : _("no note"));
    return LIS_REACT_REDRAW;
}

/* The highlight a note goes to when no quote is focused: the one just
 * made, else one on the top third of the screen, else one on screen. */
static size_t focused_highlight(struct lis_app *a)
{
    struct lis_marks *m = a->kept;
    struct lis_pos p = a->top;
    size_t i, off;

    if (m->hl_start != LIS_NONE && m->hl_focus_quote == a->focus_quote &&
        lis_view_offset_visible(a, m->hl_start)) {
        i = lis_annotations_find_highlight(&m->ann, m->hl_start, m->hl_end);
        if (i != LIS_NONE)
            return i;
    }
    lis_layout_move(a->lay, &p, third(a));
    off = lis_layout_offset_at(a->lay, p);
    for (i = 0; i < m->ann.n_highlights; i++)
        if (m->ann.highlights[i].start <= off &&
            m->ann.highlights[i].end > off)
            return i;
    for (i = 0; i < m->ann.n_highlights; i++)
        if (lis_view_offset_visible(a, m->ann.highlights[i].start))
            return i;
    return LIS_NONE;
}

enum lis_reaction lis_marks_note(struct lis_app *a)
{
    struct lis_marks *m = marks_of(a);
    const char *initial = NULL;
    size_t q = LIS_NONE, h = LIS_NONE, i;

    /* a highlight just made wins over the quote that was focused */
    if (m->hl_start != LIS_NONE && m->hl_focus_quote == a->focus_quote &&
        lis_view_offset_visible(a, m->hl_start))
        h = focused_highlight(a);
    if (h == LIS_NONE)
        q = lis_marks_focused_quote(a);
    if (q == LIS_NONE && h == LIS_NONE)
        h = focused_highlight(a);
    if (q != LIS_NONE) {
        const struct lis_quote *qt = &a->an->quotes[q];
        focus_on(a, q);
        i = lis_annotations_find_mark(&m->ann, qt->start, qt->end);
        m->note_new_mark = i == LIS_NONE;
        if (i == LIS_NONE)   /* a note keeps its quote: mark it */
            i = lis_annotations_add_mark(&m->ann, qt->start, qt->end,
                                         time(NULL));
        m->note_on_mark = true;
        m->note_start = qt->start;
        m->note_end = qt->end;
        initial = m->ann.marks[i].note;
    } else if (h != LIS_NONE) {
        m->note_on_mark = false;
        m->note_new_mark = false;
        m->note_start = m->ann.highlights[h].start;
        m->note_end = m->ann.highlights[h].end;
        initial = m->ann.highlights[h].note;
    } else {
        lis_app_notice(a, "%s", _("no quotation or highlight here for a "
                                  "note"));
        return LIS_REACT_REDRAW;
    }
    lis_prompt_line(a, _("note: "), initial, note_done);
    return LIS_REACT_REDRAW;
}

/* ------------------------------------------------------------ drawing */

static void paint(struct lis_app *a, size_t s, size_t e, enum lis_style st)
{
    size_t i;
    for (i = 0; i < a->cells.n; i++) {
        const struct lis_cell *c = &a->cells.cells[i];
        if (c->start >= s && c->end <= e && c->end > c->start)
            a->cstyle[i] = (unsigned char)st;
    }
}

void lis_marks_style_line(struct lis_app *a, size_t ls, size_t le)
{
    const struct lis_marks *m = a->kept;
    size_t i;

    if (!m)
        return;
    for (i = 0; i < m->ann.n_highlights; i++) {
        const struct lis_user_highlight *h = &m->ann.highlights[i];
        if (h->start < le && h->end > ls)
            paint(a, h->start, h->end, LIS_STYLE_USER_HL);
    }
    for (i = 0; i < m->ann.n_marks; i++) {
        const struct lis_user_mark *mk = &m->ann.marks[i];
        size_t s = mk->start, e = mk->end, q = LIS_NONE;

        if (a->an) {
            q = lis_quote_at(a->an, mk->start);
            if (q != LIS_NONE && a->an->quotes[q].start == mk->start &&
                a->an->quotes[q].end == mk->end) {
                /* the quotation marks too, as quotes are drawn */
                s = a->an->quotes[q].outer_start;
                e = a->an->quotes[q].outer_end;
            } else {
                q = LIS_NONE;
            }
        }
        if (s < le && e > ls)
            paint(a, s, e, q != LIS_NONE && q == a->focus_quote
                               ? LIS_STYLE_MARKED_FOCUS : LIS_STYLE_MARKED);
    }
    if (a->mode == LIS_MODE_VISUAL && m->sel_start < le && m->sel_end > ls)
        paint(a, m->sel_start, m->sel_end, LIS_STYLE_VISUAL);
}
