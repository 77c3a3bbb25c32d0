/* settings.h -- the configuration file: $XDG_CONFIG_HOME/liseuse/config, or
 * the file given with --config (none with --no-config).  No curses here:
 * colours and keys are kept as abstract values that the UI maps.
 *
 * FILE FORMAT (copied into the man page, FILES / CONFIGURATION)
 *
 *   # a comment                    ; also a comment
 *   [reader]
 *   measure = 72
 *
 * UTF-8 text (a leading BOM is skipped).  A line is blank, a comment (its
 * first non-blank character is '#' or ';'), a section header "[name]", or
 * "key = value".  There are no end-of-line comments: everything after '='
 * is the value, without the blanks around it.  A value written between
 * double quotes ("...") is taken as it is between them, blanks included;
 * there are no escapes.  Section, key and value words (yes, auto, md...)
 * are matched without regard to ASCII case.  When a key appears twice,
 * the later line wins.  Boolean values are yes/no (also on/off,
 * true/false, 1/0).
 *
 *   [reader]
 *   measure = N           reading width in cells, 20..1000 (default 80)
 *   panel = auto|on|off   side panel at start (default auto: wide
 *                         terminals only)
 *   resume = yes|no       reopen an article where it was left (yes)
 *   color = auto|always|never
 *                         colours (auto: when the terminal has them and
 *                         NO_COLOR is not set)
 *
 *   [search]
 *   fold-accents = yes|no  e matches é è ê ë, oe matches œ (yes)
 *   smart-case = yes|no    an uppercase letter in the pattern makes the
 *                          search case-sensitive (yes)
 *
 *   [colors]              one style per highlight kind:
 *   quote  quote-focus  entity-person  entity-org  entity-place
 *   entity-misc  party  search  marker  status
 *                         value: FG[,BG] [ATTRIBUTE...], or attributes
 *                         alone.  A colour is default (the terminal's
 *                         own), black red green yellow blue magenta cyan
 *                         white, bright-black ... bright-white, or a
 *                         256-colour number 0..255.  Attributes: bold
 *                         underline reverse italic.  The value is the
 *                         whole style: an omitted BG is the terminal's
 *                         default background, no attribute means none.
 *                         Example:  quote = 178,default bold
 *
 *   [keys]                ACTION = KEY...  (e.g.  quote_next = ] ctrl-n)
 *                         The keys replace the action's default keys; a
 *                         key given here is taken away from any other
 *                         action's defaults; an empty list leaves the
 *                         action without a key.  ACTION is a name from
 *                         the help screen's key table (line_down,
 *                         quote_next, ...; '-' may stand for '_').  A KEY
 *                         is one character (é, Q, ]), or space tab enter
 *                         esc backspace up down left right pgup pgdn home
 *                         end f1..f12, or ctrl-X (also ^X) for a letter
 *                         or one of [ \ ] ^ _ (ctrl-i is tab, ctrl-m
 *                         enter, ctrl-[ esc).  A key listed for two
 *                         actions goes to the later line.  A line whose
 *                         keys are all wrong changes nothing.
 *
 *   [export]
 *   format = md|json|txt|csv|clippings   (default md)
 *   directory = PATH      where exports are written (default: the
 *                         current directory); ~ and ~user are expanded
 *   select = quotes|marked|highlights|all   (default quotes)
 *
 * Keys under an unknown or malformed section header are skipped (the
 * header is reported once).  Each problem (unknown section or key, bad
 * value, unknown action, bad key name, a line that is neither, a line
 * that is not UTF-8) is reported as one line naming the file
 * and the line, "FILE:12: unknown key 'foo' in [reader]"; that line is
 * ignored and the rest of the file still applies. */
#ifndef LISEUSE_SETTINGS_H
#define LISEUSE_SETTINGS_H

#include "liseuse/common.h"
#include "liseuse/export.h"

#define LIS_CONFIG_MEASURE_MIN 20
#define LIS_CONFIG_MEASURE_MAX 1000
#define LIS_CONFIG_MEASURE_DEFAULT 80

/* Same order as the UI's enum lis_color_mode (auto, always, never), so a
 * cast maps one to the other. */
enum lis_config_color_mode {
    LIS_CONFIG_COLOR_AUTO,
    LIS_CONFIG_COLOR_ALWAYS,
    LIS_CONFIG_COLOR_NEVER
};

/* [colors]: _(ID, key in the file). */
#define LIS_CONFIG_STYLE_LIST(_) \
    _(QUOTE,         "quote") \
    _(QUOTE_FOCUS,   "quote-focus") \
    _(ENTITY_PERSON, "entity-person") \
    _(ENTITY_ORG,    "entity-org") \
    _(ENTITY_PLACE,  "entity-place") \
    _(ENTITY_MISC,   "entity-misc") \
    _(PARTY,         "party") \
    _(PARTY_2,       "party-2") \
    _(PARTY_3,       "party-3") \
    _(PARTY_4,       "party-4") \
    _(PARTY_5,       "party-5") \
    _(PARTY_6,       "party-6") \
    _(SEARCH,        "search") \
    _(MARKER,        "marker") \
    _(STATUS,        "status")

enum lis_config_style_id {
#define LIS_CONFIG_STYLE_ENUM(id, name) LIS_CONFIG_STYLE_##id,
    LIS_CONFIG_STYLE_LIST(LIS_CONFIG_STYLE_ENUM)
#undef LIS_CONFIG_STYLE_ENUM
    LIS_CONFIG_STYLE_COUNT
};

/* The terminal's default colour (curses' -1 after use_default_colors). */
#define LIS_CONFIG_COLOR_DEFAULT (-1)

enum {
    LIS_CONFIG_ATTR_BOLD = 1 << 0,
    LIS_CONFIG_ATTR_UNDERLINE = 1 << 1,
    LIS_CONFIG_ATTR_REVERSE = 1 << 2,
    LIS_CONFIG_ATTR_ITALIC = 1 << 3
};

/* One [colors] value.  fg, bg: 0..255 (0..7 the basic colours in curses
 * order black red green yellow blue magenta cyan white, 8..15 their
 * bright-* forms) or LIS_CONFIG_COLOR_DEFAULT; attrs: LIS_CONFIG_ATTR_*. */
struct lis_config_style {
    int fg, bg;
    unsigned attrs;
};

/* Keys as abstract codes: a Unicode code point (a character, ' ' for
 * space, '\t' for tab, 1..31 for ctrl-A..ctrl-_), or one of these, all
 * above the last code point. */
enum lis_config_key {
    LIS_CONFIG_KEY_ENTER = 0x110000,
    LIS_CONFIG_KEY_ESC,
    LIS_CONFIG_KEY_BACKSPACE,
    LIS_CONFIG_KEY_UP,
    LIS_CONFIG_KEY_DOWN,
    LIS_CONFIG_KEY_LEFT,
    LIS_CONFIG_KEY_RIGHT,
    LIS_CONFIG_KEY_PGUP,
    LIS_CONFIG_KEY_PGDN,
    LIS_CONFIG_KEY_HOME,
    LIS_CONFIG_KEY_END,
    LIS_CONFIG_KEY_F1   /* F1..F12 are LIS_CONFIG_KEY_F(1)..F(12) */
};
#define LIS_CONFIG_KEY_F(n) ((uint32_t)LIS_CONFIG_KEY_F1 + (uint32_t)(n) - 1)
#define LIS_CONFIG_KEY_F12 LIS_CONFIG_KEY_F(12)

/* One [keys] line that survived: the action's keys, in file order,
 * without duplicates (may be empty: the action is unbound). */
struct lis_config_binding {
    char *action;        /* the name as in action_names (or as written,
                            '-' turned to '_', when action_names is NULL) */
    uint32_t *keys;
    size_t n_keys;
    size_t line;         /* line of the file it came from */
};

/* Every setting, each with a flag telling whether it was set (by a file,
 * or by whoever fills the struct, e.g. the command line), so that one
 * layer overrides only what it gives (lis_config_merge).  Values that were
 * not set hold the defaults. */
struct lis_config {
    /* [reader] */
    int measure;                         bool measure_set;
    int panel;   /* -1 auto, 0 off, 1 on */ bool panel_set;
    bool resume;                         bool resume_set;
    enum lis_config_color_mode color;    bool color_set;
    /* [search] */
    bool fold_accents;                   bool fold_accents_set;
    bool smart_case;                     bool smart_case_set;
    /* [colors] */
    struct lis_config_style styles[LIS_CONFIG_STYLE_COUNT];
    bool style_set[LIS_CONFIG_STYLE_COUNT];
    /* [keys]: one entry per action, in the order first seen */
    struct lis_config_binding *bindings;
    size_t n_bindings, cap_bindings;
    /* [export] */
    enum lis_export_format export_format; bool export_format_set;
    char *export_dir;    /* malloc'd, ~ expanded; NULL: not set */
    enum lis_select export_select;       bool export_select_set;
};

/* Receives one warning: a single line without a newline, already
 * translated, "FILE:LINE: what is wrong".  The text quoted from the file
 * is sanitised (no control characters) and cut to a few dozen cells. */
typedef void (*lis_config_warn_fn)(void *ctx, const char *msg);

/* Fill *cfg with the defaults, every _set flag false, no bindings. */
void lis_config_defaults(struct lis_config *cfg);

/* Release what *cfg owns (bindings, export_dir); *cfg is left with the
 * defaults, so it may be reused. */
void lis_config_free(struct lis_config *cfg);

/* The default file, $XDG_CONFIG_HOME/liseuse/config; malloc'd. */
char *lis_config_default_path(void);

/* Read a configuration file into *cfg (call lis_config_defaults first;
 * each value the file sets overwrites *cfg and sets its flag, so several
 * files can be layered).  path NULL: the default file, whose absence is
 * fine (LIS_OK, nothing changed).  A given path that is missing gives
 * LIS_ERR_NOENT; a directory LIS_ERR_ISDIR; other open/read failures
 * their status; the caller reports these ("FILE: reason"), no warning is
 * sent for them.  Otherwise returns LIS_OK, whatever was wrong inside:
 * each problem goes to warn (NULL: "liseuse: MSG" on stderr).
 * action_names[0..n_actions) are the valid [keys] actions (the UI's
 * keymap table names); action_names NULL accepts any name. */
enum lis_status lis_config_load(struct lis_config *cfg, const char *path,
                                const char *const *action_names,
                                size_t n_actions, lis_config_warn_fn warn,
                                void *ctx);

/* The same over text already in memory, s[0..len) (any bytes); name is
 * what warnings call the file.  Always LIS_OK. */
enum lis_status lis_config_parse(struct lis_config *cfg, const char *name,
                                 const char *s, size_t len,
                                 const char *const *action_names,
                                 size_t n_actions, lis_config_warn_fn warn,
                                 void *ctx);

/* Copy into dst every value that is set in src (bindings: src's line for
 * an action replaces dst's, and src's keys are taken away from dst's
 * other bindings).  Use it to lay command-line options over the file. */
void lis_config_merge(struct lis_config *dst, const struct lis_config *src);

/* The binding of an action (exact name), or NULL. */
const struct lis_config_binding *
lis_config_binding_find(const struct lis_config *cfg, const char *action);

/* Parse one key name as in [keys] ("q", "é", "ctrl-n", "^N", "pgdn",
 * "F5"; names are ASCII-case-insensitive, a lone character is not).
 * False when it is not a key. */
bool lis_config_key_parse(const char *name, uint32_t *key);

/* Append the canonical config spelling of a key ("q", "space", "ctrl-n",
 * "pgdn", "f5") to out; "U+XXXX" for a code point that cannot be written
 * as itself. */
void lis_config_key_name(uint32_t key, struct lis_buf *out);

/* Parse one colour ("red", "bright-cyan", "default", "178").  False when
 * it is not one. */
bool lis_config_color_parse(const char *name, int *color);

/* Parse a [colors] value ("178,default bold", "reverse").  False when
 * some part of it is not understood (*style is then unspecified). */
bool lis_config_style_parse(const char *value,
                            struct lis_config_style *style);

/* The [colors] key of a style ("quote-focus"). */
const char *lis_config_style_name(enum lis_config_style_id id);

#endif
