/* app.c -- lis_ui_run: terminal set-up and restore, the main loop, the
 * analysis worker, and one handler per action of keymap.h.  Handlers
 * change the state and return what must happen next; only the loop draws. */
#include <config.h>

#include "app.h"

#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "liseuse/settings.h"
#include "liseuse/text.h"
#include "library.h"
#include "marks.h"

#include <term.h>   /* after our headers: it defines many short macros */

/* How long the first screen waits for the analysis of a small article. */
#define FIRST_SCREEN_WAIT_MS 120
#define WHEEL_LINES 3

/* The UI is the one place with global state: what a signal handler and the
 * die hook need to reach. */
static volatile sig_atomic_t got_signal;
static bool curses_active;

static void restore_terminal(void)
{
    if (curses_active && !isendwin())
        endwin();
    curses_active = false;
}

static void on_signal(int sig)
{
    got_signal = sig;
}

static const int caught_signals[] = { SIGINT, SIGTERM, SIGHUP };

static void install_signals(struct sigaction *old)
{
    struct sigaction sa;
    size_t i;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    /* no SA_RESTART: a blocked read returns so the loop sees the flag */
    for (i = 0; i < LIS_ARRAY_LEN(caught_signals); i++)
        sigaction(caught_signals[i], &sa, &old[i]);
}

static void restore_signals(const struct sigaction *old)
{
    size_t i;
    for (i = 0; i < LIS_ARRAY_LEN(caught_signals); i++)
        sigaction(caught_signals[i], &old[i], NULL);
}

void lis_app_notice(struct lis_app *a, const char *fmt, ...)
{
    va_list ap;
    char *s;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0) {
        s = lis_xmalloc((size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
        free(a->notice);
        a->notice = s;
    }
}

/* ------------------------------------------------------------ analysis */

static bool worker_progress(void *ctx, size_t done, size_t total)
{
    struct lis_worker *w = ctx;
    atomic_store(&w->done, done);
    atomic_store(&w->total, total);
    return !atomic_load(&w->cancel);
}

static void *worker_main(void *arg)
{
    struct lis_worker *w = arg;
    struct lis_analysis *an = lis_analyze(w->doc, w->lx, worker_progress, w);

    pthread_mutex_lock(&w->mu);
    w->result = an;
    atomic_store(&w->finished, true);
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

static void worker_start(struct lis_app *a)
{
    struct lis_worker *w = &a->worker;
    sigset_t set, old;
    struct timespec until;

    memset(w, 0, sizeof *w);
    if (!a->o->lx)
        return;
    w->doc = a->doc;
    w->lx = a->o->lx;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    /* signals are for the main thread: its read must be interrupted */
    sigfillset(&set);
    pthread_sigmask(SIG_BLOCK, &set, &old);
    w->started = pthread_create(&w->thread, NULL, worker_main, w) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (!w->started) {
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->cv);
        /* no thread: analyse here rather than not at all */
        a->an = lis_analyze(a->doc, a->o->lx, NULL, NULL);
        return;
    }
    /* a small article is analysed before the first screen settles */
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += FIRST_SCREEN_WAIT_MS * 1000000L;
    until.tv_sec += until.tv_nsec / 1000000000L;
    until.tv_nsec %= 1000000000L;
    pthread_mutex_lock(&w->mu);
    while (!atomic_load(&w->finished))
        if (pthread_cond_timedwait(&w->cv, &w->mu, &until) == ETIMEDOUT)
            break;
    pthread_mutex_unlock(&w->mu);
}

/* Take the result when the worker is done; true when it just arrived. */
static bool worker_collect(struct lis_app *a)
{
    struct lis_worker *w = &a->worker;
    if (!w->started || !atomic_load(&w->finished))
        return false;
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    w->started = false;
    a->an = w->result;
    w->result = NULL;
    return a->an != NULL;
}

static void worker_stop(struct lis_app *a)
{
    struct lis_worker *w = &a->worker;
    if (!w->started)
        return;
    atomic_store(&w->cancel, true);
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    w->started = false;
    if (w->result)
        lis_analysis_free(w->result);
    w->result = NULL;
}

/* ------------------------------------------------------------ articles */

static void open_article(struct lis_app *a, size_t i)
{
    size_t k;

    a->cur_doc = i;
    a->doc = a->o->docs[i];
    a->anchor = 0;
    a->focus_quote = LIS_NONE;
    a->focus_entity = LIS_NONE;
    a->focus_mention = LIS_NONE;
    a->panel.sel = LIS_NONE;
    a->panel.top = 0;
    a->before_jump = 0;
    for (k = 0; k < LIS_N_MARKS; k++)
        a->marks[k] = LIS_NONE;
    memset(&a->search, 0, sizeof a->search);
    a->search.cur = LIS_NONE;
    lis_document_hash(a->doc, a->hash);
    if (a->o->resume) {
        size_t off = lis_resume_load(a->hash);
        if (off != LIS_NONE && off > 0 && off < a->doc->body_len) {
            a->anchor = off;
            lis_app_notice(a, _("back where you left off (%zu%%)"),
                           off * 100 / a->doc->body_len);
        }
    }
    lis_marks_open(a);
    lis_view_relayout(a);
    worker_start(a);
    worker_collect(a);
}

static void save_position(struct lis_app *a)
{
    if (a->o->resume) {
        char *err = NULL;
        /* best effort: a read-only state dir must not spoil quitting */
        lis_resume_save(a->hash, a->anchor, &err);
        free(err);
    }
}

static void close_article(struct lis_app *a)
{
    save_position(a);
    worker_stop(a);
    lis_marks_close(a);
    lis_export_dialog_free(a);
    if (a->an)
        lis_analysis_free(a->an);
    a->an = NULL;
    lis_search_clear(&a->search);
    free(a->search.pattern);
    a->search.pattern = NULL;
    if (a->search.searcher)
        lis_searcher_free(a->search.searcher);
    a->search.searcher = NULL;
    if (a->lay)
        lis_layout_free(a->lay);
    a->lay = NULL;
}

void lis_app_switch_article(struct lis_app *a, size_t i)
{
    if (i >= a->o->n_docs)
        return;
    close_article(a);
    open_article(a, i);
}

/* ------------------------------------------------------------ helpers */

void lis_app_remember(struct lis_app *a)
{
    a->before_jump = a->anchor;
}

const char *lis_app_speaker(const struct lis_app *a, size_t q)
{
    size_t sp;
    if (!a->an || q >= a->an->n_quotes)
        return NULL;
    sp = a->an->quotes[q].speaker;
    if (sp == LIS_NONE || sp >= a->an->n_entities)
        return NULL;
    return a->an->entities[sp].name;
}

static int third(const struct lis_app *a)
{
    return lis_app_text_rows(a) / 3;
}

void lis_app_jump_quote(struct lis_app *a, size_t q, const char *what)
{
    lis_app_remember(a);
    a->focus_quote = q;
    a->ctx = LIS_CTX_QUOTE;
    lis_view_show_offset(a, a->an->quotes[q].outer_start, third(a));
    if (what) {
        const char *sp = lis_app_speaker(a, q);
        lis_app_notice(a, _("%s — quote %zu/%zu%s%s"), what, q + 1,
                       a->an->n_quotes, sp ? " — " : "", sp ? sp : "");
    }
}

static bool need_analysis(struct lis_app *a)
{
    if (a->an)
        return true;
    lis_app_notice(a, "%s", a->worker.started
                   ? _("the analysis is not finished yet")
                   : _("no analysis for this article"));
    return false;
}

static void goto_anchor(struct lis_app *a, size_t off)
{
    a->anchor = off <= a->doc->body_len ? off : a->doc->body_len;
    lis_view_relayout(a);
}

/* ------------------------------------------------------------ actions */

static enum lis_reaction act_line_down(struct lis_app *a)
{
    lis_view_scroll(a, 1);
    return LIS_REACT_REDRAW;
}

static enum lis_reaction act_line_up(struct lis_app *a)
{
    lis_view_scroll(a, -1);
    return LIS_REACT_REDRAW;
}

static enum lis_reaction act_page_down(struct lis_app *a)
{
    lis_view_scroll(a, lis_app_text_rows(a));
    return LIS_REACT_REDRAW;
}

static enum lis_reaction act_page_up(struct lis_app *a)
{
    lis_view_scroll(a, -(long)lis_app_text_rows(a));
    return LIS_REACT_REDRAW;
}

static enum lis_reaction act_half_down(struct lis_app *a)
{
    int h = lis_app_text_rows(a) / 2;
    lis_view_scroll(a, h > 0 ? h : 1);
    return LIS_REACT_REDRAW;
}

static enum lis_reaction act_half_up(struct lis_app *a)
{
    int h = lis_app_text_rows(a) / 2;
    lis_view_scroll(a, -(long)(h > 0 ? h : 1));
    return LIS_REACT_REDRAW;
}

static enum lis_reaction act_top(struct lis_app *a)
{
    lis_app_remember(a);
    goto_anchor(a, 0);
    return LIS_REACT_REDRAW;
}

static enum lis_reaction act_bottom(struct lis_app *a)
{
    lis_app_remember(a);
    /* from the last line up: never wraps the whole document */
    lis_view_show_offset(a, a->doc->body_len, lis_app_text_rows(a) - 1);
    return LIS_REACT_REDRAW;
}

/* Where ] and [ count from: the focused quote while it is on screen,
 * else the top of the screen. */
static size_t quote_from(struct lis_app *a, bool *inclusive)
{
    if (a->focus_quote < a->an->n_quotes &&
        lis_view_offset_visible(a, a->an->quotes[a->focus_quote].outer_start)) {
        *inclusive = false;
        return a->an->quotes[a->focus_quote].start;
    }
    *inclusive = true;
    return a->anchor;
}

static enum lis_reaction act_quote_next(struct lis_app *a)
{
    bool incl;
    size_t from, q;

    if (!need_analysis(a))
        return LIS_REACT_REDRAW;
    if (!a->an->n_quotes) {
        lis_app_notice(a, "%s", _("no quotations in this article"));
        return LIS_REACT_REDRAW;
    }
    from = quote_from(a, &incl);
    if (incl && from == 0)
        q = 0;
    else
        q = lis_quote_next(a->an, incl ? from - 1 : from);
    if (q == LIS_NONE)
        lis_app_jump_quote(a, 0, _("last quotation passed, back to the first"));
    else
        lis_app_jump_quote(a, q, NULL);
    return LIS_REACT_REDRAW;
}

static enum lis_reaction act_quote_prev(struct lis_app *a)
{
    bool incl;
    size_t from, q;

    if (!need_analysis(a))
        return LIS_REACT_REDRAW;
    if (!a->an->n_quotes) {
        lis_app_notice(a, "%s", _("no quotations in this article"));
        return LIS_REACT_REDRAW;
    }
    from = quote_from(a, &incl);
    q = lis_quote_prev(a->an, from);
    if (q == LIS_NONE)
        lis_app_jump_quote(a, a->an->n_quotes - 1,
                           _("first quotation passed, on to the last"));
    else
        lis_app_jump_quote(a, q, NULL);
    return LIS_REACT_REDRAW;
}

/* Index of mention m among the mentions it is counted with. */
static size_t mention_rank(const struct lis_app *a, size_t m, size_t ent,
                           size_t *total)
{
    size_t k;
    if (ent == LIS_NONE) {
        *total = a->an->n_mentions;
        return m;
    }
    *total = a->an->entities[ent].n_mentions;
    for (k = 0; k < a->an->entities[ent].n_mentions; k++)
        if (a->an->entities[ent].mentions[k] == m)
            return k;
    return 0;
}

static size_t first_mention(const struct lis_app *a, size_t ent)
{
    size_t k;
    if (ent == LIS_NONE)
        return a->an->n_mentions ? 0 : LIS_NONE;
    for (k = 0; k < a->an->n_mentions; k++)
        if (a->an->mentions[k].entity == ent)
            return k;
    return LIS_NONE;
}

static enum lis_reaction mention_jump(struct lis_app *a, bool back)
{
    size_t ent = a->focus_entity, m, rank, total;
    size_t from = a->anchor;
    const char *wrapped = NULL;

    if (!need_analysis(a))
        return LIS_REACT_REDRAW;
    if (ent != LIS_NONE && ent >= a->an->n_entities)
        ent = LIS_NONE;
    if (a->focus_mention < a->an->n_mentions &&
        lis_view_offset_visible(a, a->an->mentions[a->focus_mention].start))
        from = a->an->mentions[a->focus_mention].start;
    else if (!back && from > 0)
        from--;         /* a mention on the top line counts as next */
    if (back) {
        m = lis_mention_prev(a->an, from, ent);
        if (m == LIS_NONE) {
            m = lis_mention_prev(a->an, a->doc->body_len + 1, ent);
            wrapped = _("first mention passed, on to the last");
        }
    } else {
        m = from == 0 && a->focus_mention == LIS_NONE
                ? first_mention(a, ent) : lis_mention_next(a->an, from, ent);
        if (m == LIS_NONE) {
            m = first_mention(a, ent);
            wrapped = _("last mention passed, back to the first");
        }
    }
    if (m == LIS_NONE) {
        lis_app_notice(a, "%s", _("no entity mentions in this article"));
        return LIS_REACT_REDRAW;
    }
    lis_app_remember(a);
    a->focus_mention = m;
    a->ctx = LIS_CTX_MENTION;
    if (!lis_view_offset_visible(a, a->an->mentions[m].start))
        lis_view_show_offset(a, a->an->mentions[m].start, third(a));
    rank = mention_rank(a, m, ent, &total);
    {
        const struct lis_entity *e = &a->an->entities[a->an->mentions[m].entity];
        lis_app_notice(a, _("%s%smention %zu/%zu — %s (%s)"),
                       wrapped ? wrapped : "", wrapped ? " — " : "",
                       rank + 1, total, e->name,
                       lis_entity_type_code(e->type));
    }
    return LIS_REACT_REDRAW;
}

static enum lis_reaction act_mention_next(struct lis_app *a)
{
    return mention_jump(a, false);
}

static enum lis_reaction act_mention_prev(struct lis_app *a)
{
    return mention_jump(a, true);
}

static enum lis_reaction act_quote_list(struct lis_app *a)
{
    size_t q;
    if (!need_analysis(a))
        return LIS_REACT_REDRAW;
    if (a->focus_quote < a->an->n_quotes) {
        a->list_sel = a->focus_quote;
    } else {
        q = a->anchor ? lis_quote_next(a->an, a->anchor - 1) : 0;
        a->list_sel = q == LIS_NONE ? 0 : q;
    }
    a->list_top = 0;
    a->mode = LIS_MODE_QUOTES;
    return LIS_REACT_REDRAW;
}

static enum lis_reaction act_search_fwd(struct lis_app *a)
{
    lis_prompt_start(a, '/');
    return LIS_REACT_REDRAW;
}

static enum lis_reaction act_search_back(struct lis_app *a)
{
    lis_prompt_start(a, '?');
    return LIS_REACT_REDRAW;
}

static enum lis_reaction act_search_next(struct lis_app *a)
{
    return lis_search_repeat(a, false);
}

static enum lis_reaction act_search_prev(struct lis_app *a)
{
    return lis_search_repeat(a, true);
}

static enum lis_reaction act_mark_set(struct lis_app *a)
{
    a->pending = LIS_ACT_MARK_SET;
    return LIS_REACT_REDRAW;
}

static enum lis_reaction act_mark_goto(struct lis_app *a)
{
    a->pending = LIS_ACT_MARK_GOTO;
    return LIS_REACT_REDRAW;
}

static int mark_index(int key)
{
    if (key >= 'a' && key <= 'z')
        return key - 'a';
    if (key >= 'A' && key <= 'Z')
        return 26 + key - 'A';
    return -1;
}

/* The key after m or ' */
static enum lis_reaction mark_key(struct lis_app *a, int key)
{
    enum lis_action what = a->pending;
    int i = mark_index(key);

    a->pending = LIS_ACT_NONE;
    if (key == LIS_KEY_ESC)
        return LIS_REACT_REDRAW;
    if (what == LIS_ACT_MARK_GOTO && key == '\'') {
        size_t back = a->before_jump;
        a->before_jump = a->anchor;
        goto_anchor(a, back);
        return LIS_REACT_REDRAW;
    }
    if (i < 0) {
        lis_app_notice(a, "%s", _("marks are letters a–z, A–Z"));
        return LIS_REACT_REDRAW;
    }
    if (what == LIS_ACT_MARK_SET) {
        a->marks[i] = a->anchor;
        lis_app_notice(a, _("mark %c set"), key);
    } else if (a->marks[i] == LIS_NONE) {
        lis_app_notice(a, _("mark %c is not set"), key);
    } else {
        lis_app_remember(a);
        goto_anchor(a, a->marks[i]);
    }
    return LIS_REACT_REDRAW;
}

static enum lis_reaction act_highlights(struct lis_app *a)
{
    static const char *const names[LIS_HL_COUNT] = {
        [LIS_HL_BOTH] = N_("highlights: quotations and entities"),
        [LIS_HL_QUOTES] = N_("highlights: quotations"),
        [LIS_HL_ENTITIES] = N_("highlights: entities"),
        [LIS_HL_NONE] = N_("highlights: off"),
    };
    a->hl = (enum lis_hl_mode)((a->hl + 1) % LIS_HL_COUNT);
    lis_app_notice(a, "%s", _(names[a->hl]));
    return LIS_REACT_REDRAW;
}

static enum lis_reaction act_unfocus(struct lis_app *a)
{
    a->focus_quote = LIS_NONE;
    a->focus_entity = LIS_NONE;
    a->focus_mention = LIS_NONE;
    a->search.show = false;
    return LIS_REACT_REDRAW;
}

static enum lis_reaction act_panel(struct lis_app *a)
{
    return lis_panel_toggle(a);
}

static enum lis_reaction act_panel_focus(struct lis_app *a)
{
    return lis_panel_focus_toggle(a);
}

static enum lis_reaction act_mark_quote(struct lis_app *a)
{
    return lis_marks_toggle(a);
}

static enum lis_reaction act_select(struct lis_app *a)
{
    return lis_marks_visual_start(a);
}

static enum lis_reaction act_note(struct lis_app *a)
{
    return lis_marks_note(a);
}

static enum lis_reaction act_export(struct lis_app *a)
{
    return lis_export_dialog_open(a);
}

static enum lis_reaction act_redraw(struct lis_app *a)
{
    (void)a;
    clearok(curscr, TRUE);
    return LIS_REACT_REDRAW;
}

static enum lis_reaction act_help(struct lis_app *a)
{
    a->mode = LIS_MODE_HELP;
    a->help_top = 0;
    return LIS_REACT_REDRAW;
}

static enum lis_reaction act_quit(struct lis_app *a)
{
    /* with a list of articles, q goes back to it */
    return a->lib ? lis_library_show(a) : LIS_REACT_QUIT;
}

static enum lis_reaction act_article(struct lis_app *a)
{
    if (a->o->n_docs < 2) {
        lis_app_notice(a, "%s", _("there is only one article"));
        return LIS_REACT_REDRAW;
    }
    a->pending = LIS_ACT_ARTICLE;
    lis_app_notice(a, "%s", ":");
    return LIS_REACT_REDRAW;
}

typedef enum lis_reaction (*action_fn)(struct lis_app *a);
static const action_fn handlers[LIS_ACT_COUNT] = {
#define LIS_ACTION_HANDLER(id, name, keys, arg, help) \
    [LIS_ACT_##id] = act_##name,
    LIS_ACTION_LIST(LIS_ACTION_HANDLER)
#undef LIS_ACTION_HANDLER
};

/* ------------------------------------------------------------ config */

const char *const *lis_ui_action_names(size_t *n)
{
    static const char *const names[LIS_ACT_COUNT] = {
#define LIS_ACTION_NAME(id, name, keys, arg, help) [LIS_ACT_##id] = #name,
        LIS_ACTION_LIST(LIS_ACTION_NAME)
#undef LIS_ACTION_NAME
    };
    *n = LIS_ACT_COUNT;
    return names;
}

/* A configuration key as the keys get_wch gives; returns how many. */
static size_t config_key(uint32_t k, int out[2])
{
    static const struct { uint32_t cfg; int code; } fn[] = {
        { LIS_CONFIG_KEY_UP, KEY_UP }, { LIS_CONFIG_KEY_DOWN, KEY_DOWN },
        { LIS_CONFIG_KEY_LEFT, KEY_LEFT }, { LIS_CONFIG_KEY_RIGHT, KEY_RIGHT },
        { LIS_CONFIG_KEY_PGUP, KEY_PPAGE }, { LIS_CONFIG_KEY_PGDN, KEY_NPAGE },
        { LIS_CONFIG_KEY_HOME, KEY_HOME }, { LIS_CONFIG_KEY_END, KEY_END },
    };
    size_t i;

    switch (k) {
    case LIS_CONFIG_KEY_ENTER:
        /* nonl(): Return arrives as CR; keep LF for ^J */
        out[0] = '\r';
        out[1] = '\n';
        return 2;
    case LIS_CONFIG_KEY_ESC:
        out[0] = LIS_KEY_ESC;
        return 1;
    case LIS_CONFIG_KEY_BACKSPACE:
        out[0] = LIS_KEY_FN(KEY_BACKSPACE);
        out[1] = 127;
        return 2;
    default:
        break;
    }
    for (i = 0; i < LIS_ARRAY_LEN(fn); i++)
        if (fn[i].cfg == k) {
            out[0] = LIS_KEY_FN(fn[i].code);
            return 1;
        }
    if (k >= LIS_CONFIG_KEY_F1 && k <= LIS_CONFIG_KEY_F12) {
        out[0] = LIS_KEY_FN(KEY_F((int)(k - LIS_CONFIG_KEY_F1 + 1)));
        return 1;
    }
    if (k > 0 && k < 0x110000) {
        out[0] = (int)k;
        return 1;
    }
    return 0;
}

/* The [keys] section over the default keymap, in file order. */
static void apply_key_config(struct lis_app *a)
{
    const struct lis_config *c = a->o->config;
    size_t i, j;

    lis_keymap_init(&a->keymap);
    if (!c)
        return;
    for (i = 0; i < c->n_bindings; i++) {
        const struct lis_config_binding *b = &c->bindings[i];
        enum lis_action act = lis_action_by_name(b->action);
        int keys[2 * LIS_MAX_KEYS];
        size_t n = 0;

        if (act == LIS_ACT_NONE)
            continue;   /* the config module reported it */
        for (j = 0; j < b->n_keys && n + 2 <= LIS_ARRAY_LEN(keys); j++)
            n += config_key(b->keys[j], keys + n);
        lis_keymap_bind(&a->keymap, act, keys, n);
    }
}

/* ------------------------------------------------------------ input */

static bool too_small(const struct lis_app *a)
{
    return a->rows < 3 || a->cols < 10;
}

static enum lis_reaction on_mouse(struct lis_app *a)
{
    MEVENT ev;

    if (getmouse(&ev) != OK)
        return LIS_REACT_NONE;
#ifdef BUTTON5_PRESSED
    if (ev.bstate & BUTTON5_PRESSED) {
        if (a->mode == LIS_MODE_READ)
            lis_view_scroll(a, WHEEL_LINES);
        else if (a->mode == LIS_MODE_HELP)
            return lis_help_key(a, 'j');
        else if (a->mode == LIS_MODE_QUOTES)
            return lis_quotes_key(a, 'j');
        return LIS_REACT_REDRAW;
    }
#endif
    if (ev.bstate & BUTTON4_PRESSED) {
        if (a->mode == LIS_MODE_READ)
            lis_view_scroll(a, -WHEEL_LINES);
        else if (a->mode == LIS_MODE_HELP)
            return lis_help_key(a, 'k');
        else if (a->mode == LIS_MODE_QUOTES)
            return lis_quotes_key(a, 'k');
        return LIS_REACT_REDRAW;
    }
    if ((ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) &&
        a->mode == LIS_MODE_READ) {
        enum lis_reaction pr;
        if (lis_panel_mouse(a, ev.y, ev.x, &pr))
            return pr;
    }
    if ((ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) &&
        a->mode == LIS_MODE_READ && a->an) {
        size_t off = lis_view_hit(a, ev.y, ev.x), k;
        if (off == LIS_NONE)
            return LIS_REACT_NONE;
        k = lis_quote_at(a->an, off);
        if (k != LIS_NONE) {
            a->focus_quote = k;
            a->ctx = LIS_CTX_QUOTE;
        }
        /* a click on a name makes { } follow that entity */
        k = lis_mention_prev(a->an, off + 1, LIS_NONE);
        if (k != LIS_NONE && a->an->mentions[k].end > off) {
            const struct lis_entity *e;
            a->focus_entity = a->an->mentions[k].entity;
            a->focus_mention = k;
            a->ctx = LIS_CTX_MENTION;
            e = &a->an->entities[a->focus_entity];
            lis_app_notice(a, _("entity: %s (%s) — { } go through its mentions"),
                           e->name, lis_entity_type_code(e->type));
        }
        return LIS_REACT_REDRAW;
    }
    return LIS_REACT_NONE;
}

static enum lis_reaction on_key(struct lis_app *a, int key)
{
    enum lis_action act;

    if (key == LIS_KEY_FN(KEY_RESIZE)) {
        lis_view_relayout(a);
        return LIS_REACT_REDRAW;
    }
    if (key == LIS_KEY_FN(KEY_MOUSE))
        return on_mouse(a);
    if (too_small(a))
        return key == 'q' ? LIS_REACT_QUIT : LIS_REACT_NONE;
    switch (a->mode) {
    case LIS_MODE_PROMPT:
        return lis_prompt_key(a, key);
    case LIS_MODE_HELP:
        return lis_help_key(a, key);
    case LIS_MODE_QUOTES:
        return lis_quotes_key(a, key);
    case LIS_MODE_VISUAL:
        return lis_marks_visual_key(a, key);
    case LIS_MODE_EXPORT:
        return lis_export_dialog_key(a, key);
    case LIS_MODE_LIBRARY:
        return lis_library_key(a, key);
    case LIS_MODE_READ:
        break;
    }
    if (a->pending == LIS_ACT_ARTICLE)
        return lis_library_command_key(a, key);
    if (a->pending != LIS_ACT_NONE)
        return mark_key(a, key);
    {
        enum lis_reaction pr;
        if (lis_panel_key(a, key, &pr))
            return pr;
    }
    act = lis_keymap_lookup(&a->keymap, key);
    if (act == LIS_ACT_NONE)
        return LIS_REACT_NONE;
    return handlers[act](a);
}

/* ------------------------------------------------------------ drawing */

static void draw(struct lis_app *a)
{
    erase();
    if (too_small(a)) {
        const char *msg = _("terminal too small");
        lis_theme_set(&a->theme, stdscr, LIS_STYLE_TEXT);
        /* never the bottom-right cell: writing there may scroll */
        lis_put_text(a, 0, 0, msg, strlen(msg),
                     a->rows > 1 ? a->cols : a->cols - 1, true);
        refresh();
        return;
    }
    if (a->mode == LIS_MODE_LIBRARY) {
        lis_library_draw(a);
        refresh();
        return;
    }
    switch (a->mode) {
    case LIS_MODE_HELP:
        lis_help_draw(a);
        break;
    case LIS_MODE_QUOTES:
        lis_quotes_draw(a);
        break;
    default:
        lis_view_draw(a);
        break;
    }
    lis_panel_draw(a);
    if (a->mode == LIS_MODE_EXPORT)
        lis_export_dialog_draw(a);
    lis_status_draw(a);
    refresh();
}

static int read_key(int *key)
{
    wint_t wc;
    int r = get_wch(&wc);
    if (r == KEY_CODE_YES)
        *key = LIS_KEY_FN((int)wc);
    else if (r == OK)
        *key = (int)wc;
    return r;
}

static void main_loop(struct lis_app *a)
{
    size_t last_pct = (size_t)-1;

    draw(a);
    while (!got_signal) {
        enum lis_reaction r;
        int key = 0;

        timeout(a->worker.started ? 100 : 500);
        if (read_key(&key) == ERR) {
            if (lis_library_poll(a))
                draw(a);
            if (worker_collect(a) || a->worker.started) {
                size_t t = atomic_load(&a->worker.total);
                size_t pct = t ? atomic_load(&a->worker.done) * 100 / t : 0;
                if (!a->worker.started || pct != last_pct) {
                    last_pct = pct;
                    draw(a);
                }
            }
            continue;
        }
        if (key != LIS_KEY_FN(KEY_RESIZE) && key != LIS_KEY_FN(KEY_MOUSE) &&
            a->notice) {
            free(a->notice);
            a->notice = NULL;
        }
        worker_collect(a);
        r = on_key(a, key);
        if (r == LIS_REACT_QUIT)
            break;
        if (r == LIS_REACT_REDRAW || key == LIS_KEY_FN(KEY_RESIZE))
            draw(a);
    }
}

/* ------------------------------------------------------------ set-up */

static bool locale_is_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

static void term_error(const char *term)
{
    struct lis_buf b;
    lis_buf_init(&b);
    /* TERM comes from the environment: it is shown, never sent raw */
    lis_sanitize_fit(term, strlen(term), 60, true, &b);
    fprintf(stderr, "liseuse: ");
    fprintf(stderr, _("unknown terminal type '%s'"), b.data ? b.data : "");
    fputc('\n', stderr);
    lis_buf_free(&b);
}

/* Look the terminal up before newterm (which, on failure, leaves memory
 * that no call frees).  Returns 1 for a screen terminal, 0 for one without
 * cursor addressing ("dumb"), -1 when unknown. */
static int probe_terminal(const char *term)
{
    int err = 0, kind;
    char *cup;

    if (setupterm(term, STDOUT_FILENO, &err) != OK)
        return -1;
    cup = tigetstr("cup");
    kind = cup && cup != (char *)-1 ? 1 : 0;
    del_curterm(cur_term);
    return kind;
}

/* A terminal without cursor addressing gets the plain rendering. */
static int plain_fallback(const struct lis_ui_opts *o)
{
    size_t i;
    for (i = 0; i < o->n_docs; i++) {
        struct lis_buf b;
        lis_buf_init(&b);
        lis_render_plain(o->docs[i], o->measure > 0 ? o->measure : 80, &b);
        if (b.len)
            fwrite(b.data, 1, b.len, stdout);
        lis_buf_free(&b);
    }
    return fflush(stdout) == 0 ? 0 : 1;
}

int lis_ui_run(const struct lis_ui_opts *o)
{
    struct lis_app app;
    struct lis_app *a = &app;
    struct sigaction old_sig[LIS_ARRAY_LEN(caught_signals)];
    const char *term = getenv("TERM");
    FILE *in = stdin;
    int sig;

    if (!o || !o->n_docs)
        return 2;
    if (!term || !*term || strcmp(term, "unknown") == 0) {
        term_error(term ? term : "");
        return 2;
    }
    switch (probe_terminal(term)) {
    case -1:
        term_error(term);
        return 2;
    case 0:
        return plain_fallback(o);
    default:
        break;
    }
    if (o->keys_from_tty) {
        in = fopen("/dev/tty", "r");
        if (!in) {
            fprintf(stderr, "liseuse: /dev/tty: %s\n", strerror(errno));
            return 2;
        }
    }

    memset(a, 0, sizeof *a);
    a->o = o;
    a->utf8 = locale_is_utf8();
    a->pending = LIS_ACT_NONE;
    a->focus_mention = LIS_NONE;
    lis_cells_init(&a->cells);
    lis_buf_init(&a->prompt.text);

    /* before newterm, so that ncurses leaves these signals to us */
    got_signal = 0;
    install_signals(old_sig);
    a->screen = newterm(NULL, stdout, in);
    if (!a->screen) {
        restore_signals(old_sig);
        term_error(term);
        if (in != stdin)
            fclose(in);
        return 2;
    }
    set_term(a->screen);
    curses_active = true;
    lis_set_die_hook(restore_terminal);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    /* long enough for a mouse or key sequence split by a multiplexer */
    set_escdelay(100);
    curs_set(0);
    mouseinterval(0);
    mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
              | BUTTON5_PRESSED
#endif
              , NULL);
    lis_theme_init(&a->theme, o->color, o->config);
    apply_key_config(a);
    lis_panel_init(a);

    open_article(a, 0);
    lis_library_init(a);
    if (!a->utf8)
        lis_app_notice(a, "%s", _("the terminal is not in UTF-8: accented "
                                  "letters are shown without accents"));
    main_loop(a);

    sig = got_signal;
    /* the terminal first: stopping a long analysis may take a moment */
    restore_terminal();
    lis_set_die_hook(NULL);
    if (sig) {
        /* die of the signal as the shell expects, terminal restored; the
         * analysis thread goes with the process */
        save_position(a);
        restore_signals(old_sig);
        signal(sig, SIG_DFL);
        raise(sig);
    }
    lis_library_free(a);
    close_article(a);
    delscreen(a->screen);
    restore_signals(old_sig);
    if (in != stdin)
        fclose(in);
    lis_cells_free(&a->cells);
    free(a->cstyle);
    free(a->notice);
    lis_buf_free(&a->prompt.text);
    free(a->prompt.saved_pattern);
    return 0;
}
