/* config.c -- the INI-like configuration file (format in liseuse/settings.h). */
#include <config.h>

#include "liseuse/settings.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uninorm.h>
#include <unistr.h>

#include "liseuse/paths.h"
#include "liseuse/text.h"

/* A configuration file is a few hundred bytes; anything far larger is a
 * wrong path, not a configuration. */
#define CONFIG_MAX_BYTES (1u << 20)
/* Text quoted from the file in a warning is cut to this many cells. */
#define QUOTE_CELLS 40

/* ---------------------------------------------------------------- tables */

enum section { SEC_NONE, SEC_UNKNOWN, SEC_READER, SEC_SEARCH, SEC_COLORS,
               SEC_KEYS, SEC_EXPORT };

static const struct {
    const char *name;
    enum section sec;
} sections[] = {
    { "reader", SEC_READER }, { "search", SEC_SEARCH },
    { "colors", SEC_COLORS }, { "keys", SEC_KEYS },
    { "export", SEC_EXPORT },
};

enum kind { K_MEASURE, K_BOOL, K_PANEL, K_COLOR_MODE, K_FORMAT, K_SELECT,
            K_DIR };

/* The scalar settings; val and set are offsets into struct lis_config of
 * the value and of its flag (LIS_NONE: no flag). */
static const struct setting {
    enum section sec;
    const char *key;
    enum kind kind;
    size_t val, set;
} settings[] = {
#define S(sec, key, kind, field) \
    { sec, key, kind, offsetof(struct lis_config, field), \
      offsetof(struct lis_config, field##_set) }
    S(SEC_READER, "measure", K_MEASURE, measure),
    S(SEC_READER, "panel", K_PANEL, panel),
    S(SEC_READER, "resume", K_BOOL, resume),
    S(SEC_READER, "color", K_COLOR_MODE, color),
    S(SEC_SEARCH, "fold-accents", K_BOOL, fold_accents),
    S(SEC_SEARCH, "smart-case", K_BOOL, smart_case),
    S(SEC_EXPORT, "format", K_FORMAT, export_format),
    S(SEC_EXPORT, "select", K_SELECT, export_select),
#undef S
    /* export_dir has no flag: non-NULL means set */
    { SEC_EXPORT, "directory", K_DIR,
      offsetof(struct lis_config, export_dir), LIS_NONE },
};

static const char *const style_names[] = {
#define LIS_CONFIG_STYLE_NAME(id, name) name,
    LIS_CONFIG_STYLE_LIST(LIS_CONFIG_STYLE_NAME)
#undef LIS_CONFIG_STYLE_NAME
};

/* In curses order, so that index = colour number. */
static const char *const color_names[] = {
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

static const struct {
    const char *name;
    unsigned attr;
} attr_names[] = {
    { "bold", LIS_CONFIG_ATTR_BOLD },
    { "underline", LIS_CONFIG_ATTR_UNDERLINE },
    { "reverse", LIS_CONFIG_ATTR_REVERSE },
    { "italic", LIS_CONFIG_ATTR_ITALIC },
};

/* Named keys; the first name of a key is its canonical spelling. */
static const struct {
    const char *name;
    uint32_t key;
} key_names[] = {
    { "space", ' ' }, { "tab", '\t' },
    { "enter", LIS_CONFIG_KEY_ENTER }, { "return", LIS_CONFIG_KEY_ENTER },
    { "esc", LIS_CONFIG_KEY_ESC }, { "escape", LIS_CONFIG_KEY_ESC },
    { "backspace", LIS_CONFIG_KEY_BACKSPACE },
    { "up", LIS_CONFIG_KEY_UP }, { "down", LIS_CONFIG_KEY_DOWN },
    { "left", LIS_CONFIG_KEY_LEFT }, { "right", LIS_CONFIG_KEY_RIGHT },
    { "pgup", LIS_CONFIG_KEY_PGUP }, { "pageup", LIS_CONFIG_KEY_PGUP },
    { "pgdn", LIS_CONFIG_KEY_PGDN }, { "pagedown", LIS_CONFIG_KEY_PGDN },
    { "home", LIS_CONFIG_KEY_HOME }, { "end", LIS_CONFIG_KEY_END },
};

/* ---------------------------------------------------------------- helpers */

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool ascii_ieq(const char *a, const char *b)
{
    while (*a && ascii_lower(*a) == ascii_lower(*b)) {
        a++;
        b++;
    }
    return *a == '\0' && *b == '\0';
}

static bool ascii_iprefix(const char *s, const char *prefix)
{
    while (*prefix && ascii_lower(*s) == ascii_lower(*prefix)) {
        s++;
        prefix++;
    }
    return *prefix == '\0';
}

/* Same as ascii_ieq, with '-' and '_' alike (action names). */
static bool action_eq(const char *a, const char *b)
{
    for (;; a++, b++) {
        char x = *a == '-' ? '_' : ascii_lower(*a);
        char y = *b == '-' ? '_' : ascii_lower(*b);
        if (x != y)
            return false;
        if (x == '\0')
            return true;
    }
}

/* Trim blanks off both ends of s in place; returns the new start. */
static char *trim(char *s)
{
    char *e;

    while (is_blank(*s))
        s++;
    e = s + strlen(s);
    while (e > s && is_blank(e[-1]))
        e--;
    *e = '\0';
    return s;
}

static void *field(struct lis_config *cfg, size_t off)
{
    return (char *)cfg + off;
}

/* ---------------------------------------------------------------- parser */

struct parser {
    struct lis_config *cfg;
    struct lis_buf name;         /* sanitised file name */
    size_t line;
    enum section sec;
    const char *sec_name;        /* canonical name of sec */
    const char *const *actions;
    size_t n_actions;
    lis_config_warn_fn warn;
    void *ctx;
    struct lis_buf quoted[3];    /* sanitised excerpts for one message */
};

/* Text from the file made safe to print in a warning. */
static const char *q(struct parser *p, int slot, const char *s)
{
    struct lis_buf *b = &p->quoted[slot];

    b->len = 0;
    lis_buf_reserve(b, 1);
    b->data[0] = '\0';
    lis_sanitize_fit(s, strlen(s), QUOTE_CELLS, true, b);
    return b->data;
}

static void warnf(struct parser *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void warnf(struct parser *p, const char *fmt, ...)
{
    struct lis_buf msg;
    va_list ap;
    char *body;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    body = lis_xmalloc(n > 0 ? (size_t)n + 1 : 1);
    body[0] = '\0';
    if (n > 0) {
        va_start(ap, fmt);
        vsnprintf(body, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    lis_buf_init(&msg);
    lis_buf_printf(&msg, "%s:%zu: %s", p->name.data, p->line, body);
    free(body);
    if (p->warn)
        p->warn(p->ctx, msg.data);
    else
        fprintf(stderr, "liseuse: %s\n", msg.data);
    lis_buf_free(&msg);
}

/* ---------------------------------------------------------------- values */

static bool parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = { "yes", "on", "true", "1" };
    static const char *const no[] = { "no", "off", "false", "0" };
    size_t i;

    for (i = 0; i < LIS_ARRAY_LEN(yes); i++) {
        if (ascii_ieq(v, yes[i])) {
            *out = true;
            return true;
        }
        if (ascii_ieq(v, no[i])) {
            *out = false;
            return true;
        }
    }
    return false;
}

static bool parse_measure(const char *v, int *out)
{
    long n = 0;
    const char *s = v;

    if (*s == '\0')
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        n = n * 10 + (*s - '0');
        if (n > LIS_CONFIG_MEASURE_MAX)
            return false;
    }
    if (n < LIS_CONFIG_MEASURE_MIN)
        return false;
    *out = (int)n;
    return true;
}

/* Lower-case ASCII copy for the export parsers, which are exact. */
static char *lower_dup(const char *v)
{
    char *s = lis_xstrdup(v), *c;

    for (c = s; *c; c++)
        *c = ascii_lower(*c);
    return s;
}

/* The home directory of user (NULL or "": the current user), malloc'd;
 * NULL when unknown. */
static char *home_of(const char *user)
{
    struct passwd pw, *res = NULL;
    char *buf, *home = NULL;
    long sz = sysconf(_SC_GETPW_R_SIZE_MAX);
    const char *env;

    if (!user || !*user) {
        env = getenv("HOME");
        if (env && *env)
            return lis_xstrdup(env);
    }
    if (sz < 1024)
        sz = 16384;
    buf = lis_xmalloc((size_t)sz);
    if (user && *user) {
        if (getpwnam_r(user, &pw, buf, (size_t)sz, &res) != 0)
            res = NULL;
    } else if (getpwuid_r(getuid(), &pw, buf, (size_t)sz, &res) != 0) {
        res = NULL;
    }
    if (res && res->pw_dir && *res->pw_dir)
        home = lis_xstrdup(res->pw_dir);
    free(buf);
    return home;
}

/* "~", "~/x", "~user/x" expanded; other paths copied.  NULL when the
 * user is unknown. */
static char *expand_tilde(const char *v)
{
    const char *slash;
    char *user, *home, *out;

    if (v[0] != '~')
        return lis_xstrdup(v);
    slash = strchr(v, '/');
    user = slash ? lis_xstrndup(v + 1, (size_t)(slash - v - 1))
                 : lis_xstrdup(v + 1);
    home = home_of(user);
    free(user);
    if (!home)
        return NULL;
    out = lis_xasprintf("%s%s", home, slash ? slash : "");
    free(home);
    return out;
}

static void set_scalar(struct parser *p, const struct setting *s,
                       const char *key, const char *v)
{
    struct lis_config *cfg = p->cfg;
    const char *expected = NULL;
    char *tmp;
    bool ok = false, b;
    int n;

    switch (s->kind) {
    case K_MEASURE:
        if ((ok = parse_measure(v, &n)))
            *(int *)field(cfg, s->val) = n;
        break;
    case K_BOOL:
        if ((ok = parse_bool(v, &b)))
            *(bool *)field(cfg, s->val) = b;
        else
            expected = _("yes or no");
        break;
    case K_PANEL:
        if (ascii_ieq(v, "auto")) {
            n = -1;
            ok = true;
        } else if ((ok = parse_bool(v, &b))) {
            n = b;
        }
        if (ok)
            *(int *)field(cfg, s->val) = n;
        else
            expected = _("auto, on or off");
        break;
    case K_COLOR_MODE: {
        static const char *const modes[] = { "auto", "always", "never" };
        size_t i;
        for (i = 0; i < LIS_ARRAY_LEN(modes) && !ok; i++) {
            if (ascii_ieq(v, modes[i])) {
                *(enum lis_config_color_mode *)field(cfg, s->val) =
                    (enum lis_config_color_mode)i;
                ok = true;
            }
        }
        expected = _("auto, always or never");
        break;
    }
    case K_FORMAT:
        tmp = lower_dup(v);
        ok = lis_export_format_parse(tmp,
                                     (enum lis_export_format *)field(cfg, s->val));
        free(tmp);
        expected = _("md, json, txt, csv or clippings");
        break;
    case K_SELECT:
        tmp = lower_dup(v);
        ok = lis_select_parse(tmp, (enum lis_select *)field(cfg, s->val));
        free(tmp);
        expected = _("quotes, marked, highlights or all");
        break;
    case K_DIR:
        tmp = *v ? expand_tilde(v) : NULL;
        if ((ok = tmp != NULL)) {
            free(cfg->export_dir);
            cfg->export_dir = tmp;
        }
        expected = *v ? _("a directory; ~USER must name a known user")
                      : _("a directory");
        break;
    }
    if (ok) {
        if (s->set != LIS_NONE)
            *(bool *)field(cfg, s->set) = true;
        return;
    }
    if (s->kind == K_MEASURE) {
        warnf(p, _("bad value '%s' for '%s' in [%s] (expected a whole "
                   "number from %d to %d)"), q(p, 0, v), q(p, 1, key),
              p->sec_name, LIS_CONFIG_MEASURE_MIN, LIS_CONFIG_MEASURE_MAX);
    } else {
        warnf(p, _("bad value '%s' for '%s' in [%s] (expected %s)"),
              q(p, 0, v), q(p, 1, key), p->sec_name, expected);
    }
}

/* ---------------------------------------------------------------- colours */

bool lis_config_color_parse(const char *name, int *color)
{
    const char *base = name;
    size_t i;
    int bright = 0;

    if (ascii_ieq(name, "default")) {
        *color = LIS_CONFIG_COLOR_DEFAULT;
        return true;
    }
    if (name[0] >= '0' && name[0] <= '9') {
        int n = 0;
        for (i = 0; name[i]; i++) {
            if (name[i] < '0' || name[i] > '9' || i >= 3)
                return false;
            n = n * 10 + (name[i] - '0');
        }
        if (n > 255)
            return false;
        *color = n;
        return true;
    }
    if (ascii_iprefix(name, "bright-")) {
        base = name + 7;
        bright = 8;
    }
    for (i = 0; i < LIS_ARRAY_LEN(color_names); i++) {
        if (ascii_ieq(base, color_names[i])) {
            *color = (int)i + bright;
            return true;
        }
    }
    return false;
}

static bool parse_attr(const char *w, unsigned *attrs)
{
    size_t i;

    for (i = 0; i < LIS_ARRAY_LEN(attr_names); i++) {
        if (ascii_ieq(w, attr_names[i].name)) {
            *attrs |= attr_names[i].attr;
            return true;
        }
    }
    return false;
}

enum style_err { STYLE_OK, STYLE_EMPTY, STYLE_BAD_COLOR, STYLE_BAD_ATTR };

/* Parse a [colors] value; on error *bad (malloc'd) is the word at fault. */
static enum style_err style_parse(const char *v, struct lis_config_style *st,
                                  char **bad)
{
    const char *s = v, *w;
    char *word;
    bool first = true;
    unsigned scratch = 0;

    *bad = NULL;
    st->fg = st->bg = LIS_CONFIG_COLOR_DEFAULT;
    st->attrs = 0;
    while (is_blank(*s))
        s++;
    if (*s == '\0')
        return STYLE_EMPTY;
    while (*s) {
        w = s;
        while (*s && !is_blank(*s) && *s != ',')
            s++;
        word = lis_xstrndup(w, (size_t)(s - w));
        while (is_blank(*s))
            s++;
        if (first && *s == ',') {
            /* FG,BG */
            if (!lis_config_color_parse(word, &st->fg)) {
                if (parse_attr(word, &scratch)) {  /* "bold, underline" */
                    free(word);
                    *bad = lis_xstrdup(s);
                    return STYLE_BAD_ATTR;
                }
                *bad = word;
                return STYLE_BAD_COLOR;
            }
            free(word);
            s++;
            while (is_blank(*s))
                s++;
            w = s;
            while (*s && !is_blank(*s) && *s != ',')
                s++;
            word = lis_xstrndup(w, (size_t)(s - w));
            if (*s == ',' || !lis_config_color_parse(word, &st->bg)) {
                if (*s == ',') {   /* a third colour: show it */
                    free(word);
                    s++;
                    while (is_blank(*s))
                        s++;
                    word = lis_xstrdup(s);
                }
                *bad = word;
                return STYLE_BAD_COLOR;
            }
            free(word);
        } else if (first && !parse_attr(word, &scratch)) {
            if (!lis_config_color_parse(word, &st->fg)) {
                *bad = word;
                return STYLE_BAD_COLOR;
            }
            free(word);
        } else if (!parse_attr(word, &st->attrs)) {
            *bad = word;
            return STYLE_BAD_ATTR;
        } else {
            free(word);
        }
        first = false;
        while (is_blank(*s))
            s++;
        if (*s == ',') {            /* "bold, underline" or "a b,c" */
            *bad = lis_xstrdup(s);
            return STYLE_BAD_ATTR;
        }
    }
    return STYLE_OK;
}

bool lis_config_style_parse(const char *value, struct lis_config_style *st)
{
    char *bad;
    enum style_err e = style_parse(value, st, &bad);

    free(bad);
    return e == STYLE_OK;
}

const char *lis_config_style_name(enum lis_config_style_id id)
{
    return (size_t)id < LIS_CONFIG_STYLE_COUNT ? style_names[id] : "";
}

static void set_style(struct parser *p, const char *key, const char *v)
{
    struct lis_config_style st;
    size_t i;
    char *bad;

    for (i = 0; i < LIS_CONFIG_STYLE_COUNT; i++)
        if (ascii_ieq(key, style_names[i]))
            break;
    if (i == LIS_CONFIG_STYLE_COUNT) {
        warnf(p, _("unknown key '%s' in [%s]"), q(p, 0, key), p->sec_name);
        return;
    }
    switch (style_parse(v, &st, &bad)) {
    case STYLE_OK:
        p->cfg->styles[i] = st;
        p->cfg->style_set[i] = true;
        break;
    case STYLE_EMPTY:
        warnf(p, _("bad value '' for '%s' in [%s] (expected FG[,BG] and "
                   "attributes)"), style_names[i], p->sec_name);
        break;
    case STYLE_BAD_COLOR:
        warnf(p, _("unknown colour '%s' for '%s' in [%s] (expected a "
                   "colour name, bright-NAME, default or 0 to 255)"),
              q(p, 0, bad), style_names[i], p->sec_name);
        break;
    case STYLE_BAD_ATTR:
        warnf(p, _("unknown attribute '%s' for '%s' in [%s] (expected "
                   "bold, underline, reverse or italic)"),
              q(p, 0, bad), style_names[i], p->sec_name);
        break;
    }
    free(bad);
}

/* ---------------------------------------------------------------- keys */

bool lis_config_key_parse(const char *name, uint32_t *key)
{
    size_t len = strlen(name), nlen = 0, i;
    uint8_t *nfc;
    uint32_t cp;
    int n;

    if (len == 0 || u8_check((const uint8_t *)name, len) != NULL)
        return false;
    /* one character, composed (é typed as e + U+0301 is still é) */
    nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)name, len, NULL, &nlen);
    if (nfc && nlen > 0 && u8_mblen(nfc, nlen) == (int)nlen) {
        u8_mbtouc(&cp, nfc, nlen);
        free(nfc);
        if (lis_glyph_kind(cp) != LIS_GLYPH_TEXT)
            return false;
        *key = cp;
        return true;
    }
    free(nfc);
    for (i = 0; i < LIS_ARRAY_LEN(key_names); i++) {
        if (ascii_ieq(name, key_names[i].name)) {
            *key = key_names[i].key;
            return true;
        }
    }
    if ((name[0] == 'f' || name[0] == 'F') && name[1] >= '1' &&
        name[1] <= '9' && (name[2] == '\0' ||
                           (name[2] >= '0' && name[2] <= '9' && !name[3]))) {
        n = atoi(name + 1);
        if (n > 12)
            return false;
        *key = LIS_CONFIG_KEY_F(n);
        return true;
    }
    if (len == 6 && ascii_iprefix(name, "ctrl-"))
        cp = (unsigned char)name[5];
    else if (len == 2 && name[0] == '^')
        cp = (unsigned char)name[1];
    else
        return false;
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
        cp == '[' || cp == '\\' || cp == ']' || cp == '^' || cp == '_') {
        cp &= 0x1f;
        /* the same bytes as Enter and Esc: one key, one code */
        if (cp == '\r')
            cp = LIS_CONFIG_KEY_ENTER;
        else if (cp == 0x1b)
            cp = LIS_CONFIG_KEY_ESC;
        *key = cp;
        return true;
    }
    return false;
}

void lis_config_key_name(uint32_t key, struct lis_buf *out)
{
    size_t i;

    for (i = 0; i < LIS_ARRAY_LEN(key_names); i++) {
        if (key_names[i].key == key) {
            lis_buf_adds(out, key_names[i].name);
            return;
        }
    }
    if (key >= LIS_CONFIG_KEY_F(1) && key <= LIS_CONFIG_KEY_F12) {
        lis_buf_printf(out, "f%u", (unsigned)(key - LIS_CONFIG_KEY_F1 + 1));
    } else if (key >= 1 && key < 0x20) {
        uint32_t c = key | 0x40;
        lis_buf_printf(out, "ctrl-%c",
                       c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a')
                                            : (char)c);
    } else if (key < 0x110000 && (key < 0xD800 || key > 0xDFFF) &&
               lis_glyph_kind(key) == LIS_GLYPH_TEXT) {
        lis_buf_add_cp(out, key);
    } else {
        lis_buf_printf(out, "U+%04X", (unsigned)key);
    }
}

static bool has_key(const uint32_t *keys, size_t n, uint32_t k)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (keys[i] == k)
            return true;
    return false;
}

/* Index of action's binding, or LIS_NONE. */
static size_t find_binding(const struct lis_config *cfg, const char *action)
{
    size_t i;

    for (i = 0; i < cfg->n_bindings; i++)
        if (strcmp(cfg->bindings[i].action, action) == 0)
            return i;
    return LIS_NONE;
}

const struct lis_config_binding *
lis_config_binding_find(const struct lis_config *cfg, const char *action)
{
    size_t i = find_binding(cfg, action);

    return i == LIS_NONE ? NULL : &cfg->bindings[i];
}

/* Give keys[0..n) to action (replacing its keys), taking each away from
 * any other action; p (when not NULL) is told about those. */
static void bind_keys(struct lis_config *cfg, const char *action,
                      const uint32_t *keys, size_t n, size_t line,
                      struct parser *p)
{
    struct lis_config_binding *b;
    size_t i, j, k;

    for (i = 0; i < cfg->n_bindings; i++) {
        b = &cfg->bindings[i];
        if (strcmp(b->action, action) == 0)
            continue;
        for (j = k = 0; j < b->n_keys; j++) {
            if (!has_key(keys, n, b->keys[j])) {
                b->keys[k++] = b->keys[j];
            } else if (p) {
                struct lis_buf name;
                lis_buf_init(&name);
                lis_config_key_name(b->keys[j], &name);
                warnf(p, _("key '%s' was bound to '%s' on line %zu; it now "
                           "goes to '%s'"), name.data, q(p, 1, b->action),
                      b->line, q(p, 2, action));
                lis_buf_free(&name);
            }
        }
        b->n_keys = k;
    }
    i = find_binding(cfg, action);
    if (i != LIS_NONE) {
        b = &cfg->bindings[i];
        free(b->keys);
    } else {
        cfg->bindings = lis_xgrow(cfg->bindings, &cfg->cap_bindings,
                                  cfg->n_bindings + 1, sizeof *cfg->bindings);
        b = &cfg->bindings[cfg->n_bindings++];
        b->action = lis_xstrdup(action);
    }
    b->keys = lis_xmalloc((n ? n : 1) * sizeof *b->keys);
    if (n)
        memcpy(b->keys, keys, n * sizeof *keys);
    b->n_keys = n;
    b->line = line;
}

static void set_binding(struct parser *p, const char *key, char *v)
{
    const char *action = NULL;
    char *canon = NULL, *tok, *c;
    uint32_t *keys = NULL, k;
    size_t n = 0, cap = 0, n_tokens = 0, i;

    if (p->actions) {
        for (i = 0; i < p->n_actions; i++) {
            if (p->actions[i] && action_eq(key, p->actions[i])) {
                action = p->actions[i];
                break;
            }
        }
        if (!action) {
            warnf(p, _("unknown action '%s' in [%s]"), q(p, 0, key),
                  p->sec_name);
            return;
        }
    } else {
        canon = lis_xstrdup(key);
        for (c = canon; *c; c++)
            if (*c == '-')
                *c = '_';
        action = canon;
    }
    tok = v;
    while (*tok) {
        char *end = tok;
        while (*end && !is_blank(*end))
            end++;
        if (*end)
            *end++ = '\0';
        n_tokens++;
        if (!lis_config_key_parse(tok, &k)) {
            warnf(p, _("bad key name '%s' for '%s' in [%s]"), q(p, 0, tok),
                  q(p, 1, action), p->sec_name);
        } else if (!has_key(keys, n, k)) {
            keys = lis_xgrow(keys, &cap, n + 1, sizeof *keys);
            keys[n++] = k;
        }
        tok = end;
        while (is_blank(*tok))
            tok++;
    }
    /* a line whose every key is wrong must not unbind the action */
    if (n > 0 || n_tokens == 0)
        bind_keys(p->cfg, action, keys, n, p->line, p);
    free(keys);
    free(canon);
}

/* ---------------------------------------------------------------- lines */

static void do_section(struct parser *p, char *s)
{
    char *end = strchr(s, ']'), *rest;
    size_t i;

    if (!end) {
        warnf(p, _("malformed section header '%s'"), q(p, 0, s));
        p->sec = SEC_UNKNOWN;
        return;
    }
    rest = trim(end + 1);
    if (*rest && *rest != '#' && *rest != ';') {
        warnf(p, _("malformed section header '%s'"), q(p, 0, s));
        p->sec = SEC_UNKNOWN;
        return;
    }
    *end = '\0';
    s = trim(s + 1);
    for (i = 0; i < LIS_ARRAY_LEN(sections); i++) {
        if (ascii_ieq(s, sections[i].name)) {
            p->sec = sections[i].sec;
            p->sec_name = sections[i].name;
            return;
        }
    }
    warnf(p, _("unknown section [%s]"), q(p, 0, s));
    p->sec = SEC_UNKNOWN;
}

static void do_line(struct parser *p, char *line)
{
    char *s = trim(line), *eq, *key, *v;
    size_t vlen, i;

    if (*s == '\0' || *s == '#' || *s == ';')
        return;
    if (*s == '[') {
        do_section(p, s);
        return;
    }
    eq = strchr(s, '=');
    if (!eq || eq == s) {
        warnf(p, _("expected 'key = value' or '[section]', not '%s'"),
              q(p, 0, s));
        return;
    }
    *eq = '\0';
    key = trim(s);
    v = trim(eq + 1);
    vlen = strlen(v);
    if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
        v[vlen - 1] = '\0';
        v++;
    }
    switch (p->sec) {
    case SEC_NONE:
        warnf(p, _("key '%s' outside of any section"), q(p, 0, key));
        return;
    case SEC_UNKNOWN:          /* already reported at its header */
        return;
    case SEC_COLORS:
        set_style(p, key, v);
        return;
    case SEC_KEYS:
        set_binding(p, key, v);
        return;
    default:
        break;
    }
    for (i = 0; i < LIS_ARRAY_LEN(settings); i++) {
        if (settings[i].sec == p->sec && ascii_ieq(key, settings[i].key)) {
            set_scalar(p, &settings[i], settings[i].key, v);
            return;
        }
    }
    warnf(p, _("unknown key '%s' in [%s]"), q(p, 0, key), p->sec_name);
}

enum lis_status lis_config_parse(struct lis_config *cfg, const char *name,
                                 const char *s, size_t len,
                                 const char *const *action_names,
                                 size_t n_actions, lis_config_warn_fn warn,
                                 void *ctx)
{
    struct parser p;
    size_t off = 0, i;

    memset(&p, 0, sizeof p);
    p.cfg = cfg;
    p.actions = action_names;
    p.n_actions = n_actions;
    p.warn = warn;
    p.ctx = ctx;
    p.sec = SEC_NONE;
    p.sec_name = "";
    lis_buf_init(&p.name);
    for (i = 0; i < LIS_ARRAY_LEN(p.quoted); i++)
        lis_buf_init(&p.quoted[i]);
    name = name ? name : "config";
    lis_buf_reserve(&p.name, 1);
    p.name.data[0] = '\0';
    lis_sanitize_fit(name, strlen(name), 4 * QUOTE_CELLS, true, &p.name);

    if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
        off = 3;
    while (off < len) {
        const char *nl = memchr(s + off, '\n', len - off);
        size_t end = nl ? (size_t)(nl - s) : len;
        size_t n = end - off;

        p.line++;
        if (memchr(s + off, '\0', n) ||
            u8_check((const uint8_t *)s + off, n) != NULL) {
            warnf(&p, "%s", _("not UTF-8 text; line ignored"));
        } else {
            char *line = lis_xstrndup(s + off, n);
            do_line(&p, line);
            free(line);
        }
        off = nl ? end + 1 : len;
    }
    lis_buf_free(&p.name);
    for (i = 0; i < LIS_ARRAY_LEN(p.quoted); i++)
        lis_buf_free(&p.quoted[i]);
    return LIS_OK;
}

/* ---------------------------------------------------------------- files */

static enum lis_status read_all(const char *path, struct lis_buf *out)
{
    struct stat st;
    char chunk[8192];
    ssize_t n;
    int fd, err;

    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return lis_status_from_errno(errno);
    if (fstat(fd, &st) != 0) {
        err = errno;
        close(fd);
        return lis_status_from_errno(err);
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return LIS_ERR_ISDIR;
    }
    /* not only regular files: --config /dev/null is a common idiom */
    for (;;) {
        n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            err = errno;
            close(fd);
            return lis_status_from_errno(err);
        }
        if (n == 0)
            break;
        if (out->len + (size_t)n > CONFIG_MAX_BYTES) {
            close(fd);
            return LIS_ERR_TOOBIG;
        }
        lis_buf_add(out, chunk, (size_t)n);
    }
    close(fd);
    return LIS_OK;
}

char *lis_config_default_path(void)
{
    char *dir = lis_user_config_dir();
    char *path = lis_xasprintf("%s/config", dir);

    free(dir);
    return path;
}

enum lis_status lis_config_load(struct lis_config *cfg, const char *path,
                                const char *const *action_names,
                                size_t n_actions, lis_config_warn_fn warn,
                                void *ctx)
{
    struct lis_buf text;
    char *def = NULL;
    enum lis_status st;

    if (!path)
        path = def = lis_config_default_path();
    lis_buf_init(&text);
    st = read_all(path, &text);
    if (st == LIS_OK)
        lis_config_parse(cfg, path, text.data ? text.data : "", text.len,
                         action_names, n_actions, warn, ctx);
    else if (def && st == LIS_ERR_NOENT)
        st = LIS_OK;
    lis_buf_free(&text);
    free(def);
    return st;
}

/* ---------------------------------------------------------------- struct */

void lis_config_defaults(struct lis_config *cfg)
{
    size_t i;

    memset(cfg, 0, sizeof *cfg);
    cfg->measure = LIS_CONFIG_MEASURE_DEFAULT;
    cfg->panel = -1;
    cfg->resume = true;
    cfg->color = LIS_CONFIG_COLOR_AUTO;
    cfg->fold_accents = true;
    cfg->smart_case = true;
    for (i = 0; i < LIS_CONFIG_STYLE_COUNT; i++) {
        cfg->styles[i].fg = LIS_CONFIG_COLOR_DEFAULT;
        cfg->styles[i].bg = LIS_CONFIG_COLOR_DEFAULT;
        cfg->styles[i].attrs = 0;
    }
    cfg->export_format = LIS_EXPORT_MD;
    cfg->export_select = LIS_SELECT_QUOTES;
}

void lis_config_free(struct lis_config *cfg)
{
    size_t i;

    for (i = 0; i < cfg->n_bindings; i++) {
        free(cfg->bindings[i].action);
        free(cfg->bindings[i].keys);
    }
    free(cfg->bindings);
    free(cfg->export_dir);
    lis_config_defaults(cfg);
}

void lis_config_merge(struct lis_config *dst, const struct lis_config *src)
{
    size_t i;

#define MERGE(f) do { if (src->f##_set) { dst->f = src->f; \
                                           dst->f##_set = true; } } while (0)
    MERGE(measure);
    MERGE(panel);
    MERGE(resume);
    MERGE(color);
    MERGE(fold_accents);
    MERGE(smart_case);
    MERGE(export_format);
    MERGE(export_select);
#undef MERGE
    for (i = 0; i < LIS_CONFIG_STYLE_COUNT; i++) {
        if (src->style_set[i]) {
            dst->styles[i] = src->styles[i];
            dst->style_set[i] = true;
        }
    }
    if (src->export_dir) {
        free(dst->export_dir);
        dst->export_dir = lis_xstrdup(src->export_dir);
    }
    for (i = 0; i < src->n_bindings; i++) {
        const struct lis_config_binding *b = &src->bindings[i];
        bind_keys(dst, b->action, b->keys, b->n_keys, b->line, NULL);
    }
}
