/* keymap.h -- every reader action, declared once with its default keys and
 * its help text.  The action enum, the key dispatch and the help overlay are
 * all generated from LIS_ACTION_LIST, so help can never drift from the keys.
 * Adding an action is one line here plus its handler act_<name>() in app.c. */
#ifndef LISEUSE_UI_KEYMAP_H
#define LISEUSE_UI_KEYMAP_H

#include "liseuse/common.h"

/* A curses function key (KEY_DOWN...) as a binding: flagged so that it can
 * never collide with a character code from get_wch. */
#define LIS_KEY_FN(k) (0x40000000 | (k))
#define LIS_KEY_IS_FN(k) (((k) & 0x40000000) != 0)
#define LIS_KEY_CTRL(c) ((c) & 0x1f)
#define LIS_KEY_ESC 27
/* Up to LIS_MAX_KEYS default keys per action, 0-terminated. */
#define LIS_MAX_KEYS 8
#define LIS_KEYS(...) { __VA_ARGS__ }

/* _(ID, name, keys, argument shown after the keys in help, help text).
 * The curses KEY_* names used here come from <curses.h>, which the files
 * that expand the list include. */
#define LIS_ACTION_LIST(_) \
    _(LINE_DOWN,    line_down,    LIS_KEYS('j', LIS_KEY_FN(KEY_DOWN), '\n', '\r'), \
      "", N_("line down")) \
    _(LINE_UP,      line_up,      LIS_KEYS('k', LIS_KEY_FN(KEY_UP), 'y'), \
      "", N_("line up")) \
    _(PAGE_DOWN,    page_down,    LIS_KEYS(' ', 'f', LIS_KEY_FN(KEY_NPAGE)), \
      "", N_("page down")) \
    _(PAGE_UP,      page_up,      LIS_KEYS('b', LIS_KEY_FN(KEY_PPAGE)), \
      "", N_("page up")) \
    _(HALF_DOWN,    half_down,    LIS_KEYS('d'), \
      "", N_("half a page down")) \
    _(HALF_UP,      half_up,      LIS_KEYS('u'), \
      "", N_("half a page up")) \
    _(TOP,          top,          LIS_KEYS('g', '<', LIS_KEY_FN(KEY_HOME)), \
      "", N_("start of the article")) \
    _(BOTTOM,       bottom,       LIS_KEYS('G', '>', LIS_KEY_FN(KEY_END)), \
      "", N_("end of the article")) \
    _(QUOTE_NEXT,   quote_next,   LIS_KEYS(']'), \
      "", N_("next quotation")) \
    _(QUOTE_PREV,   quote_prev,   LIS_KEYS('['), \
      "", N_("previous quotation")) \
    _(MENTION_NEXT, mention_next, LIS_KEYS('}'), \
      "", N_("next mention of the focused entity (or of any)")) \
    _(MENTION_PREV, mention_prev, LIS_KEYS('{'), \
      "", N_("previous mention of the focused entity (or of any)")) \
    _(QUOTE_LIST,   quote_list,   LIS_KEYS('Q'), \
      "", N_("list of quotations (Enter jumps)")) \
    _(SEARCH_FWD,   search_fwd,   LIS_KEYS('/'), \
      N_("pattern"), N_("search forward; accents and case ignored, an uppercase letter makes it case-sensitive, a leading = keeps accents")) \
    _(SEARCH_BACK,  search_back,  LIS_KEYS('?'), \
      N_("pattern"), N_("search backward")) \
    _(SEARCH_NEXT,  search_next,  LIS_KEYS('n'), \
      "", N_("repeat the search")) \
    _(SEARCH_PREV,  search_prev,  LIS_KEYS('N'), \
      "", N_("repeat the search in the other direction")) \
    _(MARK_SET,     mark_set,     LIS_KEYS('m'), \
      N_("<letter>"), N_("set a mark here")) \
    _(MARK_GOTO,    mark_goto,    LIS_KEYS('\''), \
      N_("<letter>"), N_("go to a mark ('' goes back to before the last jump)")) \
    _(HIGHLIGHTS,   highlights,   LIS_KEYS('H'), \
      "", N_("highlights: quotes and entities / quotes / entities / none")) \
    _(UNFOCUS,      unfocus,      LIS_KEYS(LIS_KEY_ESC), \
      "", N_("clear the focused quote, entity and search highlights")) \
    _(PANEL,        panel,        LIS_KEYS('p'), \
      "", N_("side panel (deal and parties) on / off; on a narrow terminal it opens over the article")) \
    _(PANEL_FOCUS,  panel_focus,  LIS_KEYS('\t', LIS_KEY_FN(KEY_BTAB)), \
      "", N_("move the focus between article and panel; in the panel the line keys (j k, Up Down) select a party, g G and the page keys the first or last, Enter jumps to its next mention, Esc or Tab goes back")) \
    _(MARK_QUOTE,   mark_quote,   LIS_KEYS('x'), \
      "", N_("mark / unmark the focused quotation (kept for the export)")) \
    _(SELECT,       select,       LIS_KEYS('v'), \
      "", N_("start a highlight selection: j k extend it by line, ( ) by sentence, v saves, Esc cancels")) \
    _(NOTE,         note,         LIS_KEYS('a'), \
      "", N_("note on the focused quotation (marking it) or highlight")) \
    _(EXPORT,       export,       LIS_KEYS('e'), \
      "", N_("export dialog: what, format, file")) \
    _(ARTICLE,      article,      LIS_KEYS(':'), \
      N_("n :p"), N_("next / previous article (in the list's order)")) \
    _(REDRAW,       redraw,       LIS_KEYS(LIS_KEY_CTRL('l')), \
      "", N_("redraw the screen")) \
    _(HELP,         help,         LIS_KEYS('h', LIS_KEY_FN(KEY_F(1))), \
      "", N_("this help")) \
    _(QUIT,         quit,         LIS_KEYS('q'), \
      "", N_("quit"))

enum lis_action {
#define LIS_ACTION_ENUM(id, name, keys, arg, help) LIS_ACT_##id,
    LIS_ACTION_LIST(LIS_ACTION_ENUM)
#undef LIS_ACTION_ENUM
    LIS_ACT_COUNT,
    LIS_ACT_NONE = LIS_ACT_COUNT
};

struct lis_action_info {
    const char *name;           /* "line_down": for messages and configs */
    int keys[LIS_MAX_KEYS];     /* 0-terminated */
    const char *arg;            /* untranslated; "" when none */
    const char *help;           /* untranslated msgid */
};

/* The table, indexed by enum lis_action: names, default keys, help. */
extern const struct lis_action_info lis_actions[LIS_ACT_COUNT];

/* The keys in force: the defaults, changed by the configuration file. */
struct lis_keymap {
    int keys[LIS_ACT_COUNT][LIS_MAX_KEYS];  /* each 0-terminated */
};
void lis_keymap_init(struct lis_keymap *km);
/* Bind keys[0..n) to action a, replacing its keys; a key that another
 * action had is taken from it.  Keys past LIS_MAX_KEYS - 1 are dropped. */
void lis_keymap_bind(struct lis_keymap *km, enum lis_action a,
                     const int *keys, size_t n);
/* Action whose name is name[0..len) ("quote_next"), or LIS_ACT_NONE. */
enum lis_action lis_action_by_name(const char *name);

/* Action bound to a key (a character, or LIS_KEY_FN(KEY_x)); LIS_ACT_NONE
 * when the key is not bound. */
enum lis_action lis_keymap_lookup(const struct lis_keymap *km, int key);

/* Append the printable name of a key ("j", "↓", "PgDn", "Enter", "F1",
 * "^L") to out; ASCII names ("Down") when utf8 is false.  Shown through
 * the same sanitising path as other text. */
void lis_key_label(int key, bool utf8, struct lis_buf *out);

/* Append the keys of an action as shown in help ("j ↓ Enter e"), followed
 * by its argument ("m<letter>"). */
void lis_action_keys_label(const struct lis_keymap *km, enum lis_action a,
                           bool utf8, struct lis_buf *out);

#endif
