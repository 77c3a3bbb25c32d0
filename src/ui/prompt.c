/* prompt.c -- the search prompt (/ and ?) and searching: incremental (the
 * view follows as the pattern is typed), Esc goes back, Enter accepts;
 * n / N repeat.  A leading '=' keeps accents significant. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "liseuse/settings.h"
#include "liseuse/text.h"

/* Where a match is put when it has to be brought on screen. */
static int third(const struct lis_app *a)
{
    return lis_app_text_rows(a) / 3;
}

void lis_search_clear(struct lis_search_state *s)
{
    free(s->matches);
    s->matches = NULL;
    s->n_matches = 0;
    s->cur = LIS_NONE;
    s->show = false;
}

/* Run pattern (with its optional '=' prefix) over the document. */
static void run_search(struct lis_app *a, const char *pattern)
{
    struct lis_search_opts so;
    struct lis_search_state *s = &a->search;

    lis_search_clear(s);
    if (!pattern || !*pattern)
        return;
    lis_search_opts_default(&so);
    if (a->o->config) {
        const struct lis_config *c = a->o->config;
        if (c->fold_accents_set)
            so.fold_accents = c->fold_accents;
        if (c->smart_case_set)
            so.smart_case = c->smart_case;
    }
    if (pattern[0] == '=') {
        so.fold_accents = false;
        pattern++;
        if (!*pattern)
            return;
    }
    if (!s->searcher)
        s->searcher = lis_searcher_new(a->doc);
    s->n_matches = lis_search_all(s->searcher, pattern, &so, &s->matches);
    s->show = true;
}

/* Match to land on when searching from off in a direction. */
static size_t pick(const struct lis_search_state *s, size_t off, bool back,
                   bool inclusive, bool *wrapped)
{
    size_t i;

    *wrapped = false;
    if (!s->n_matches)
        return LIS_NONE;
    if (back) {
        i = lis_span_prev(s->matches, s->n_matches,
                          inclusive ? off + 1 : off);
        if (i == LIS_NONE) {
            i = s->n_matches - 1;
            *wrapped = true;
        }
    } else {
        if (inclusive && off == 0)
            i = 0;
        else
            i = lis_span_next(s->matches, s->n_matches,
                              inclusive ? off - 1 : off);
        if (i == LIS_NONE) {
            i = 0;
            *wrapped = true;
        }
    }
    return i;
}

static void show_match(struct lis_app *a, size_t i)
{
    const struct lis_span *m = &a->search.matches[i];
    a->search.cur = i;
    a->ctx = LIS_CTX_SEARCH;
    if (!lis_view_offset_visible(a, m->start) ||
        !lis_view_offset_visible(a, m->end > m->start ? m->end - 1 : m->end))
        lis_view_show_offset(a, m->start, third(a));
}

void lis_prompt_start(struct lis_app *a, char lead)
{
    struct lis_prompt *p = &a->prompt;
    lis_buf_free(&p->text);
    lis_buf_init(&p->text);
    p->lead = lead;
    p->origin = a->anchor;
    free(p->saved_pattern);
    p->saved_pattern = a->search.pattern ? lis_xstrdup(a->search.pattern)
                                         : NULL;
    p->label = NULL;
    p->done = NULL;
    a->mode = LIS_MODE_PROMPT;
    curs_set(1);
}

void lis_prompt_line(struct lis_app *a, const char *label,
                     const char *initial,
                     enum lis_reaction (*done)(struct lis_app *a,
                                               bool accepted))
{
    struct lis_prompt *p = &a->prompt;
    lis_buf_free(&p->text);
    lis_buf_init(&p->text);
    if (initial)
        lis_buf_adds(&p->text, initial);
    p->lead = ':';
    p->origin = a->anchor;
    p->label = label;
    p->done = done;
    a->mode = LIS_MODE_PROMPT;
    curs_set(1);
}

/* Re-search as the pattern changes, from where the prompt was opened. */
static void incremental(struct lis_app *a)
{
    struct lis_prompt *p = &a->prompt;
    bool wrapped;
    size_t i;

    a->anchor = p->origin;
    lis_view_relayout(a);
    run_search(a, p->text.data);
    if (!a->search.n_matches)
        return;
    i = pick(&a->search, p->origin, p->lead == '?', true, &wrapped);
    if (i != LIS_NONE)
        show_match(a, i);
}

static void finish(struct lis_app *a)
{
    a->mode = LIS_MODE_READ;
    curs_set(0);
}

static void delete_grapheme(struct lis_buf *b)
{
    size_t at;
    if (!b->len)
        return;
    at = lis_grapheme_prev(b->data, b->len, b->len);
    b->len = at;
    b->data[at] = '\0';
}

/* Keys of a line prompt: editing only, no searching. */
static enum lis_reaction line_key(struct lis_app *a, int key)
{
    struct lis_prompt *p = &a->prompt;
    enum lis_reaction (*done)(struct lis_app *, bool) = p->done;

    switch (key) {
    case LIS_KEY_ESC:
    case LIS_KEY_CTRL('c'):
    case '\n':
    case '\r':
    case LIS_KEY_FN(KEY_ENTER):
        finish(a);
        p->done = NULL;
        return done(a, key != LIS_KEY_ESC && key != LIS_KEY_CTRL('c'));
    case LIS_KEY_FN(KEY_BACKSPACE):
    case 127:
    case LIS_KEY_CTRL('h'):
        delete_grapheme(&p->text);
        return LIS_REACT_REDRAW;
    case LIS_KEY_CTRL('u'):
        p->text.len = 0;
        if (p->text.data)
            p->text.data[0] = '\0';
        return LIS_REACT_REDRAW;
    default:
        break;
    }
    if (LIS_KEY_IS_FN(key) || key < 0x20 || key == 0x7f ||
        (key >= 0x80 && key < 0xa0) || key > 0x10ffff)
        return LIS_REACT_NONE;
    lis_buf_add_cp(&p->text, (uint32_t)key);
    return LIS_REACT_REDRAW;
}

enum lis_reaction lis_prompt_key(struct lis_app *a, int key)
{
    struct lis_prompt *p = &a->prompt;

    if (p->done)
        return line_key(a, key);
    switch (key) {
    case LIS_KEY_ESC:
    case LIS_KEY_CTRL('c'):
        /* back to where we were, with the previous search */
        a->anchor = p->origin;
        lis_view_relayout(a);
        run_search(a, p->saved_pattern);
        a->search.show = false;
        finish(a);
        return LIS_REACT_REDRAW;
    case '\n':
    case '\r':
    case LIS_KEY_FN(KEY_ENTER):
        finish(a);
        if (!p->text.len) {
            /* an empty pattern repeats the last search, as in less */
            run_search(a, p->saved_pattern);
            a->search.backward = p->lead == '?';
            return lis_search_repeat(a, false);
        }
        free(a->search.pattern);
        a->search.pattern = lis_xstrdup(p->text.data);
        a->search.backward = p->lead == '?';
        if (a->prompt.origin != a->anchor)
            a->before_jump = p->origin;
        if (!a->search.n_matches)
            lis_app_notice(a, "%s", _("pattern not found"));
        return LIS_REACT_REDRAW;
    case LIS_KEY_FN(KEY_BACKSPACE):
    case 127:
    case LIS_KEY_CTRL('h'):
        if (!p->text.len) {
            /* backspace on an empty prompt closes it, as in less */
            return lis_prompt_key(a, LIS_KEY_ESC);
        }
        delete_grapheme(&p->text);
        incremental(a);
        return LIS_REACT_REDRAW;
    case LIS_KEY_CTRL('u'):
        p->text.len = 0;
        if (p->text.data)
            p->text.data[0] = '\0';
        incremental(a);
        return LIS_REACT_REDRAW;
    default:
        break;
    }
    if (LIS_KEY_IS_FN(key) || key < 0x20 || key == 0x7f ||
        (key >= 0x80 && key < 0xa0) || key > 0x10ffff)
        return LIS_REACT_NONE;
    lis_buf_add_cp(&p->text, (uint32_t)key);
    incremental(a);
    return LIS_REACT_REDRAW;
}

enum lis_reaction lis_search_repeat(struct lis_app *a, bool reverse)
{
    struct lis_search_state *s = &a->search;
    bool back = s->backward != reverse;
    bool wrapped;
    size_t from, i;

    if (!s->pattern && !s->n_matches) {
        lis_app_notice(a, "%s", _("no previous search"));
        return LIS_REACT_REDRAW;
    }
    if (!s->n_matches) {
        run_search(a, s->pattern);
        if (!s->n_matches) {
            lis_app_notice(a, "%s", _("pattern not found"));
            return LIS_REACT_REDRAW;
        }
    }
    s->show = true;
    /* from the current match when it is on screen, else from the top */
    if (s->cur < s->n_matches &&
        lis_view_offset_visible(a, s->matches[s->cur].start)) {
        from = s->matches[s->cur].start;
        i = pick(s, from, back, false, &wrapped);
    } else {
        from = a->anchor;
        i = pick(s, from, back, true, &wrapped);
    }
    if (i == LIS_NONE)
        return LIS_REACT_REDRAW;
    lis_app_remember(a);
    show_match(a, i);
    if (wrapped)
        lis_app_notice(a, back ? _("search hit TOP, continuing at BOTTOM — match %zu/%zu")
                               : _("search hit BOTTOM, continuing at TOP — match %zu/%zu"),
                       i + 1, s->n_matches);
    return LIS_REACT_REDRAW;
}
