/* app.h -- state shared by the files of the terminal interface (src/ui/
 * only).  One struct app per run; panes draw from it, input handlers
 * change it and return what must happen next. */
#ifndef LISEUSE_UI_APP_H
#define LISEUSE_UI_APP_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <pthread.h>
#include <stdatomic.h>

#include "liseuse/common.h"
#include "liseuse/document.h"
#include "liseuse/layout.h"
#include "liseuse/analysis.h"
#include "liseuse/search.h"
#include "keymap.h"
#include "ui.h"

/* What an input handler asks the main loop to do. */
enum lis_reaction { LIS_REACT_NONE, LIS_REACT_REDRAW, LIS_REACT_QUIT };

/* Styles, each with its 256-colour and 8-colour foreground/background and
 * the attributes used without colour.  -1 = terminal default. */
#define LIS_STYLE_LIST(_) \
    /* id          fg256 bg256 fg8            bg8           attrs (with colour) mono attrs */ \
    _(TEXT,        -1,   -1,   -1,            -1,           0,          0) \
    _(TITLE,       -1,   -1,   -1,            -1,           A_REVERSE | A_BOLD, A_REVERSE | A_BOLD) \
    _(STATUS,      -1,   -1,   -1,            -1,           A_REVERSE,  A_REVERSE) \
    _(NOTICE,      -1,   -1,   -1,            -1,           A_REVERSE | A_BOLD, A_REVERSE | A_BOLD) \
    _(MARKER,      -1,   -1,   -1,            -1,           A_REVERSE,  A_REVERSE) \
    _(QUOTE,       179,  -1,   COLOR_YELLOW,  -1,           0,          A_BOLD) \
    _(QUOTE_FOCUS, 230,  94,   COLOR_BLACK,   COLOR_YELLOW, A_BOLD,     A_BOLD | A_UNDERLINE) \
    _(ENT_PER,     81,   -1,   COLOR_CYAN,    -1,           0,          A_UNDERLINE) \
    _(ENT_ORG,     170,  -1,   COLOR_MAGENTA, -1,           0,          A_UNDERLINE) \
    _(ENT_LOC,     114,  -1,   COLOR_GREEN,   -1,           0,          A_UNDERLINE) \
    _(ENT_MISC,    110,  -1,   COLOR_BLUE,    -1,           0,          A_UNDERLINE) \
    _(PARTY,       208,  -1,   COLOR_RED,     -1,           A_BOLD,     A_BOLD | A_UNDERLINE) \
    /* one colour per deal party (panel.c), the same in panel and text; \
     * _SEL: its mentions while it is selected in the panel */ \
    _(PARTY_2,     75,   -1,   COLOR_BLUE,    -1,           A_BOLD,     A_BOLD | A_UNDERLINE) \
    _(PARTY_3,     204,  -1,   COLOR_MAGENTA, -1,           A_BOLD,     A_BOLD | A_UNDERLINE) \
    _(PARTY_4,     148,  -1,   COLOR_GREEN,   -1,           A_BOLD,     A_BOLD | A_UNDERLINE) \
    _(PARTY_5,     141,  -1,   COLOR_CYAN,    -1,           A_BOLD,     A_BOLD | A_UNDERLINE) \
    _(PARTY_6,     43,   -1,   COLOR_YELLOW,  -1,           A_BOLD,     A_BOLD | A_UNDERLINE) \
    _(PARTY_SEL,   16,   208,  COLOR_BLACK,   COLOR_RED,    A_BOLD,     A_REVERSE | A_BOLD) \
    _(PARTY_SEL_2, 16,   75,   COLOR_BLACK,   COLOR_BLUE,   A_BOLD,     A_REVERSE | A_BOLD) \
    _(PARTY_SEL_3, 16,   204,  COLOR_BLACK,   COLOR_MAGENTA, A_BOLD,    A_REVERSE | A_BOLD) \
    _(PARTY_SEL_4, 16,   148,  COLOR_BLACK,   COLOR_GREEN,  A_BOLD,     A_REVERSE | A_BOLD) \
    _(PARTY_SEL_5, 16,   141,  COLOR_BLACK,   COLOR_CYAN,   A_BOLD,     A_REVERSE | A_BOLD) \
    _(PARTY_SEL_6, 16,   43,   COLOR_BLACK,   COLOR_YELLOW, A_BOLD,     A_REVERSE | A_BOLD) \
    _(PANEL_HEAD,  -1,   -1,   -1,            -1,           A_BOLD,     A_BOLD) \
    _(MATCH,       16,   45,   COLOR_BLACK,   COLOR_CYAN,   0,          A_REVERSE) \
    _(MATCH_CUR,   16,   226,  COLOR_BLACK,   COLOR_WHITE,  A_BOLD,     A_REVERSE | A_BOLD) \
    _(MENTION_FOCUS, 16, 81,   COLOR_BLACK,   COLOR_CYAN,   A_BOLD,     A_REVERSE | A_UNDERLINE) \
    _(SELECTED,    -1,   -1,   -1,            -1,           A_REVERSE,  A_REVERSE) \
    _(MARKED,      120,  -1,   COLOR_GREEN,   -1,           A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE) \
    _(MARKED_FOCUS, 230, 22,   COLOR_BLACK,   COLOR_GREEN,  A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE | A_REVERSE) \
    _(USER_HL,     16,   151,  COLOR_BLACK,   COLOR_GREEN,  0,          A_BOLD | A_UNDERLINE) \
    _(VISUAL,      -1,   -1,   -1,            -1,           A_REVERSE,  A_REVERSE)

enum lis_style {
#define LIS_STYLE_ENUM(id, f2, b2, f8, b8, a, m) LIS_STYLE_##id,
    LIS_STYLE_LIST(LIS_STYLE_ENUM)
#undef LIS_STYLE_ENUM
    LIS_STYLE_COUNT
};

struct lis_theme {
    attr_t attr[LIS_STYLE_COUNT];
    short pair[LIS_STYLE_COUNT];
    int colors;                 /* 0 (none), 8 or 256 */
};

/* theme.c: choose colours for the terminal after newterm; cfg (may be
 * NULL) gives the user's [colors]. */
void lis_theme_init(struct lis_theme *t, enum lis_color_mode mode,
                    const struct lis_config *cfg);
/* Apply a style (attributes and colour pair) to a window. */
void lis_theme_set(const struct lis_theme *t, WINDOW *w, enum lis_style s);

enum lis_hl_mode { LIS_HL_BOTH, LIS_HL_QUOTES, LIS_HL_ENTITIES, LIS_HL_NONE,
                   LIS_HL_COUNT };

enum lis_mode { LIS_MODE_READ, LIS_MODE_PROMPT, LIS_MODE_HELP,
                LIS_MODE_QUOTES,
                LIS_MODE_VISUAL,    /* highlight selection (marks.c) */
                LIS_MODE_EXPORT,    /* export dialog (export_dialog.c) */
                LIS_MODE_LIBRARY }; /* list of articles (library.c) */

#define LIS_N_MARKS 52          /* a-z A-Z */

struct lis_app;

/* The analysis worker: runs lis_analyze on the (immutable) document in a
 * thread; the main loop polls `finished`. */
struct lis_worker {
    pthread_t thread;
    bool started;
    atomic_bool finished;
    atomic_bool cancel;
    atomic_size_t done, total;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    const struct lis_document *doc;
    const struct lis_lexicons *lx;
    struct lis_analysis *result;    /* written by the worker before finished */
};

struct lis_search_state {
    struct lis_searcher *searcher;  /* built on the first search */
    char *pattern;                  /* accepted pattern, with its prefix */
    struct lis_span *matches;
    size_t n_matches;
    size_t cur;                     /* current match, LIS_NONE if none */
    bool backward;                  /* direction of the last / or ? */
    bool show;                      /* highlight the matches */
};

struct lis_prompt {
    struct lis_buf text;            /* UTF-8 typed so far */
    char lead;                      /* '/' or '?' */
    size_t origin;                  /* anchor to come back to on Esc */
    char *saved_pattern;            /* search state before the prompt */
    /* a line prompt (note, file name) instead of a search: its label, and
     * what Enter (accepted) or Esc calls; NULL for / and ? */
    const char *label;
    enum lis_reaction (*done)(struct lis_app *a, bool accepted);
};

/* The side panel (panel.c). */
struct lis_panel_state {
    bool shown;                     /* the choice, once user_set */
    bool user_set;                  /* p, --panel, --no-panel: else auto */
    bool focus;                     /* keys go to the panel */
    size_t sel;                     /* selected party, LIS_NONE */
    size_t top;                     /* first panel row on screen */
    int dock_w;                     /* columns docked (last relayout) */
};

struct lis_app {
    const struct lis_ui_opts *o;
    SCREEN *screen;
    FILE *tty_in;
    struct lis_theme theme;
    struct lis_keymap keymap;
    bool utf8;                      /* the locale's codeset is UTF-8 */
    int rows, cols;

    /* the article */
    size_t cur_doc;
    struct lis_document *doc;
    struct lis_layout *lay;
    int width;                      /* wrapping width in cells */
    int left;                       /* left margin (centring) */
    struct lis_pos top;             /* first line on screen */
    size_t anchor;                  /* body offset kept across re-wraps */
    struct lis_cells cells;         /* scratch for drawing */
    unsigned char *cstyle;          /* style per cell of the line drawn */
    size_t cstyle_cap;
    char hash[65];

    /* analysis */
    struct lis_worker worker;
    struct lis_analysis *an;        /* NULL until the worker is done */
    enum lis_hl_mode hl;
    size_t focus_quote;             /* LIS_NONE when none */
    size_t focus_entity;
    size_t focus_mention;           /* the last mention { } landed on */

    /* navigation */
    size_t marks[LIS_N_MARKS];      /* LIS_NONE when unset */
    size_t before_jump;             /* anchor before the last jump */
    enum lis_action pending;        /* MARK_SET / MARK_GOTO waiting a key */

    struct lis_search_state search;
    struct lis_prompt prompt;
    enum lis_mode mode;

    /* marks, highlights, notes (marks.c) and the export dialog */
    struct lis_marks *kept;         /* not marks[]: those are m<letter> */
    struct lis_export_dialog *xd;
    struct lis_library *lib;        /* NULL with one article */

    /* overlays */
    size_t help_top;
    size_t list_sel, list_top;
    struct lis_panel_state panel;

    /* status line */
    enum { LIS_CTX_NONE, LIS_CTX_QUOTE, LIS_CTX_SEARCH, LIS_CTX_MENTION } ctx; /* shown */
    char *notice;                   /* one-shot message; cleared on a key */
    bool notice_error;
};

/* Text rows available for the article (between title bar and status). */
int lis_app_text_rows(const struct lis_app *a);
/* Set a one-shot status message (printf-style; owned by app). */
void lis_app_notice(struct lis_app *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* view.c: the article pane. */
/* Re-wrap at the current terminal size, keeping a->anchor on screen. */
void lis_view_relayout(struct lis_app *a);
/* Scroll by delta lines (clamped so that the last screen is full). */
void lis_view_scroll(struct lis_app *a, long delta);
/* Show body offset off: put its line `row` rows below the top (clamped). */
void lis_view_show_offset(struct lis_app *a, size_t off, int row);
/* True when body offset off is on a line currently on screen. */
bool lis_view_offset_visible(struct lis_app *a, size_t off);
/* Offset just past the last line on screen. */
size_t lis_view_bottom_offset(struct lis_app *a);
/* Body offset under screen cell (y, x), or LIS_NONE. */
size_t lis_view_hit(struct lis_app *a, int y, int x);
void lis_view_draw(struct lis_app *a);

/* Draw text (untrusted UTF-8) at (y, x) in at most max cells: sanitised,
 * transliterated on non-UTF-8 terminals.  Returns the cells used. */
int lis_put_text(struct lis_app *a, int y, int x, const char *s, size_t len,
                 int max, bool ellipsis);
/* Display width the same text would take. */
int lis_text_width(struct lis_app *a, const char *s, size_t len);

/* status.c: title bar and status line. */
void lis_status_draw(struct lis_app *a);

/* prompt.c: the search prompt and searching. */
void lis_prompt_start(struct lis_app *a, char lead);
enum lis_reaction lis_prompt_key(struct lis_app *a, int key);
/* Jump to the next (dir > 0) or previous match; says so on the status. */
enum lis_reaction lis_search_repeat(struct lis_app *a, bool reverse);
void lis_search_clear(struct lis_search_state *s);

/* Start a line prompt showing label (borrowed, must outlive the prompt)
 * with text initial (may be NULL); Enter or Esc calls done, which reads
 * a->prompt.text. */
void lis_prompt_line(struct lis_app *a, const char *label,
                     const char *initial,
                     enum lis_reaction (*done)(struct lis_app *a,
                                               bool accepted));

/* panel.c: the side panel (deal and parties). */
void lis_panel_init(struct lis_app *a);
/* Whether the panel is on (docked, or over the article when narrow). */
bool lis_panel_visible(const struct lis_app *a);
/* Columns the docked panel takes at the right for a reading measure (0
 * when hidden or drawn over the article); remembered for drawing.  Called
 * by lis_view_relayout. */
int lis_panel_dock_width(struct lis_app *a, int measure);
void lis_panel_draw(struct lis_app *a);
/* p and Tab. */
enum lis_reaction lis_panel_toggle(struct lis_app *a);
enum lis_reaction lis_panel_focus_toggle(struct lis_app *a);
/* Keys while the panel has the focus and clicks anywhere: true when the
 * panel took it (*r says what next); false lets the article have it. */
bool lis_panel_key(struct lis_app *a, int key, enum lis_reaction *r);
bool lis_panel_mouse(struct lis_app *a, int y, int x, enum lis_reaction *r);
/* Entity whose mentions the article emphasises (the selected party's,
 * while the panel has the focus), or LIS_NONE. */
size_t lis_panel_emphasis(const struct lis_app *a);
/* Style of party `party` (its colour), emphasised or not. */
enum lis_style lis_party_style(size_t party, bool emphasised);
/* The status line's left part while the panel has the focus; false when
 * it has not. */
bool lis_panel_status(const struct lis_app *a, struct lis_buf *out);

/* help.c and overlay.c */
void lis_help_draw(struct lis_app *a);
enum lis_reaction lis_help_key(struct lis_app *a, int key);
void lis_quotes_draw(struct lis_app *a);
enum lis_reaction lis_quotes_key(struct lis_app *a, int key);

/* app.c helpers used by overlays */
/* Record the current place for '' and move to a quote. */
void lis_app_jump_quote(struct lis_app *a, size_t q, const char *what);
/* Record the current place as the one '' returns to. */
void lis_app_remember(struct lis_app *a);
/* Close the current article and open article i of o->docs. */
void lis_app_switch_article(struct lis_app *a, size_t i);
/* Speaker name of quote q or NULL. */
const char *lis_app_speaker(const struct lis_app *a, size_t q);

/* resume.c: last reading position per article. */
/* Offset saved for hash, or LIS_NONE. */
size_t lis_resume_load(const char *hash);
/* Save (best effort; a failure is reported through *errmsg). */
enum lis_status lis_resume_save(const char *hash, size_t offset,
                                char **errmsg);
/* Parse a positions file; used by load and tested on its own. */
size_t lis_resume_lookup(const char *data, size_t len, const char *hash);

#endif
