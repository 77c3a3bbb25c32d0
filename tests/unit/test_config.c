/* test_config.c -- the configuration file: values, warnings, keys, colours,
 * layering. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "liseuse/settings.h"

/* The action names a UI would pass (a subset of its keymap table). */
static const char *const actions[] = {
    "line_down", "line_up", "page_down", "page_up", "top", "bottom",
    "quote_next", "quote_prev", "search_fwd", "search_next", "unfocus",
    "help", "quit",
};
#define N_ACTIONS (sizeof actions / sizeof actions[0])

struct warnings {
    char *msg[64];
    size_t n;
};

static void collect(void *ctx, const char *msg)
{
    struct warnings *w = ctx;

    assert_null(strchr(msg, '\n'));
    assert_true(w->n < LIS_ARRAY_LEN(w->msg));
    w->msg[w->n++] = lis_xstrdup(msg);
}

static void warnings_clear(struct warnings *w)
{
    size_t i;

    for (i = 0; i < w->n; i++)
        free(w->msg[i]);
    w->n = 0;
}

static const char *data_dir(void)
{
    const char *d = getenv("LIS_TEST_DATA");
    return d && *d ? d : LIS_ABS_SRCDIR "/tests/data";
}

static char *data_path(const char *name)
{
    return lis_xasprintf("%s/config/%s", data_dir(), name);
}

/* Parse text as a file named "t.conf"; warnings go to w. */
static void parse(struct lis_config *cfg, const char *text,
                  struct warnings *w)
{
    assert_int_equal(lis_config_parse(cfg, "t.conf", text, strlen(text),
                                      actions, N_ACTIONS, collect, w),
                     LIS_OK);
}

static void assert_keys(const struct lis_config *cfg, const char *action,
                        const uint32_t *keys, size_t n)
{
    const struct lis_config_binding *b = lis_config_binding_find(cfg, action);
    size_t i;

    assert_non_null(b);
    assert_int_equal(b->n_keys, n);
    for (i = 0; i < n; i++)
        assert_int_equal(b->keys[i], keys[i]);
}

/* ---------------------------------------------------------------- tests */

static void test_defaults(void **state)
{
    struct lis_config cfg;
    size_t i;

    (void)state;
    lis_config_defaults(&cfg);
    assert_int_equal(cfg.measure, 80);
    assert_false(cfg.measure_set);
    assert_int_equal(cfg.panel, -1);
    assert_true(cfg.resume);
    assert_int_equal(cfg.color, LIS_CONFIG_COLOR_AUTO);
    assert_true(cfg.fold_accents);
    assert_true(cfg.smart_case);
    for (i = 0; i < LIS_CONFIG_STYLE_COUNT; i++)
        assert_false(cfg.style_set[i]);
    assert_int_equal(cfg.n_bindings, 0);
    assert_int_equal(cfg.export_format, LIS_EXPORT_MD);
    assert_int_equal(cfg.export_select, LIS_SELECT_QUOTES);
    assert_null(cfg.export_dir);
    lis_config_free(&cfg);
}

static void test_good_file(void **state)
{
    struct lis_config cfg;
    struct warnings w = { .n = 0 };
    char *path = data_path("good.conf");
    const struct lis_config_style *st;

    (void)state;
    lis_config_defaults(&cfg);
    assert_int_equal(lis_config_load(&cfg, path, actions, N_ACTIONS,
                                     collect, &w), LIS_OK);
    if (w.n)
        fail_msg("unexpected warning: %s", w.msg[0]);
    assert_int_equal(cfg.measure, 72);
    assert_true(cfg.measure_set);
    assert_int_equal(cfg.panel, 0);
    assert_true(cfg.panel_set);
    assert_false(cfg.resume);
    assert_true(cfg.resume_set);
    assert_int_equal(cfg.color, LIS_CONFIG_COLOR_ALWAYS);
    assert_false(cfg.fold_accents);
    assert_true(cfg.fold_accents_set);
    assert_false(cfg.smart_case);
    assert_true(cfg.smart_case_set);

    st = &cfg.styles[LIS_CONFIG_STYLE_QUOTE];
    assert_true(cfg.style_set[LIS_CONFIG_STYLE_QUOTE]);
    assert_int_equal(st->fg, 178);
    assert_int_equal(st->bg, LIS_CONFIG_COLOR_DEFAULT);
    assert_int_equal(st->attrs, LIS_CONFIG_ATTR_BOLD);
    st = &cfg.styles[LIS_CONFIG_STYLE_QUOTE_FOCUS];
    assert_int_equal(st->fg, 11);
    assert_int_equal(st->bg, 94);
    assert_int_equal(st->attrs,
                     LIS_CONFIG_ATTR_BOLD | LIS_CONFIG_ATTR_UNDERLINE);
    st = &cfg.styles[LIS_CONFIG_STYLE_ENTITY_PERSON];
    assert_int_equal(st->fg, 6);
    assert_int_equal(st->bg, LIS_CONFIG_COLOR_DEFAULT);
    assert_int_equal(st->attrs, 0);
    assert_int_equal(cfg.styles[LIS_CONFIG_STYLE_ENTITY_ORG].fg, 170);
    st = &cfg.styles[LIS_CONFIG_STYLE_ENTITY_PLACE];
    assert_int_equal(st->fg, 2);
    assert_int_equal(st->bg, 0);
    st = &cfg.styles[LIS_CONFIG_STYLE_ENTITY_MISC];
    assert_int_equal(st->fg, LIS_CONFIG_COLOR_DEFAULT);
    assert_int_equal(st->bg, 4);
    assert_int_equal(st->attrs, LIS_CONFIG_ATTR_ITALIC);
    st = &cfg.styles[LIS_CONFIG_STYLE_PARTY];
    assert_int_equal(st->fg, 1);
    assert_int_equal(st->attrs, LIS_CONFIG_ATTR_REVERSE);
    st = &cfg.styles[LIS_CONFIG_STYLE_SEARCH];
    assert_int_equal(st->fg, 0);
    assert_int_equal(st->bg, 14);
    st = &cfg.styles[LIS_CONFIG_STYLE_MARKER];
    assert_int_equal(st->fg, LIS_CONFIG_COLOR_DEFAULT);
    assert_int_equal(st->bg, LIS_CONFIG_COLOR_DEFAULT);
    assert_int_equal(st->attrs, LIS_CONFIG_ATTR_REVERSE);
    st = &cfg.styles[LIS_CONFIG_STYLE_STATUS];
    assert_int_equal(st->fg, 7);
    assert_int_equal(st->bg, 236);

    assert_int_equal(cfg.n_bindings, 9);
    assert_keys(&cfg, "quote_next", (const uint32_t[]){ ']', 0x0E }, 2);
    assert_keys(&cfg, "quote_prev", (const uint32_t[]){ '[', 0x10 }, 2);
    assert_keys(&cfg, "quit", (const uint32_t[]){ 'q', 'Q' }, 2);
    assert_keys(&cfg, "help",
                (const uint32_t[]){ LIS_CONFIG_KEY_F(1), '?' }, 2);
    assert_keys(&cfg, "page_down",
                (const uint32_t[]){ ' ', LIS_CONFIG_KEY_PGDN }, 2);
    assert_keys(&cfg, "line_down",
                (const uint32_t[]){ 'j', LIS_CONFIG_KEY_DOWN,
                                    LIS_CONFIG_KEY_ENTER }, 3);
    assert_keys(&cfg, "top",
                (const uint32_t[]){ LIS_CONFIG_KEY_HOME, 'g' }, 2);
    assert_keys(&cfg, "unfocus", (const uint32_t[]){ LIS_CONFIG_KEY_ESC }, 1);
    assert_keys(&cfg, "search_fwd", (const uint32_t[]){ 0xE9 }, 1);
    assert_int_equal(lis_config_binding_find(&cfg, "quit")->line, 29);

    assert_int_equal(cfg.export_format, LIS_EXPORT_JSON);
    assert_true(cfg.export_format_set);
    assert_string_equal(cfg.export_dir, "/tmp/liseuse exports");
    assert_int_equal(cfg.export_select, LIS_SELECT_ALL);
    assert_true(cfg.export_select_set);
    lis_config_free(&cfg);
    assert_null(cfg.bindings);
    assert_null(cfg.export_dir);
    free(path);
}

static void test_bad_file(void **state)
{
    struct lis_config cfg;
    struct warnings w = { .n = 0 };
    char *path = data_path("bad.conf");
    static const char *const expected[] = {
        "2: key 'stray' outside of any section",
        "4: bad value '19' for 'measure' in [reader] (expected a whole "
            "number from 20 to 1000)",
        "5: bad value '1001' for 'measure' in [reader] (expected a whole "
            "number from 20 to 1000)",
        "6: bad value 'wide' for 'measure' in [reader] (expected a whole "
            "number from 20 to 1000)",
        "7: bad value 'sometimes' for 'panel' in [reader] (expected auto, "
            "on or off)",
        "8: bad value 'maybe' for 'resume' in [reader] (expected yes or no)",
        "9: bad value 'rainbow' for 'color' in [reader] (expected auto, "
            "always or never)",
        "10: unknown key 'width' in [reader]",
        "11: expected 'key = value' or '[section]', not 'this line has no "
            "equals sign'",
        "13: unknown section [fonts]",
        "16: bad value '2' for 'fold-accents' in [search] (expected yes or "
            "no)",
        "18: unknown colour 'purple' for 'quote' in [colors] (expected a "
            "colour name, bright-NAME, default or 0 to 255)",
        "19: unknown attribute 'blink' for 'quote-focus' in [colors] "
            "(expected bold, underline, reverse or italic)",
        "20: unknown key 'background' in [colors]",
        "21: unknown colour '256' for 'entity-org' in [colors] (expected a "
            "colour name, bright-NAME, default or 0 to 255)",
        "22: bad value '' for 'party' in [colors] (expected FG[,BG] and "
            "attributes)",
        "24: unknown action 'jump' in [keys]",
        "25: bad key name 'ctl-q' for 'quit' in [keys]",
        "26: bad key name 'nope' for 'quote_next' in [keys]",
        "28: bad value 'pdf' for 'format' in [export] (expected md, json, "
            "txt, csv or clippings)",
        "29: bad value 'some' for 'select' in [export] (expected quotes, "
            "marked, highlights or all)",
        "30: malformed section header '[export'",
    };
    size_t i;

    (void)state;
    lis_config_defaults(&cfg);
    assert_int_equal(lis_config_load(&cfg, path, actions, N_ACTIONS,
                                     collect, &w), LIS_OK);
    for (i = 0; i < w.n && i < LIS_ARRAY_LEN(expected); i++) {
        char *want = lis_xasprintf("%s:%s", path, expected[i]);
        assert_string_equal(w.msg[i], want);
        free(want);
    }
    assert_int_equal(w.n, LIS_ARRAY_LEN(expected));
    /* the good lines still apply, the bad ones change nothing */
    assert_int_equal(cfg.measure, 100);
    assert_true(cfg.measure_set);
    assert_false(cfg.panel_set);
    assert_int_equal(cfg.panel, -1);
    assert_false(cfg.resume_set);
    assert_false(cfg.color_set);
    assert_false(cfg.fold_accents_set);
    assert_true(cfg.fold_accents);
    for (i = 0; i < LIS_CONFIG_STYLE_COUNT; i++)
        assert_false(cfg.style_set[i]);
    /* every key of quit was wrong: quit keeps its default keys */
    assert_null(lis_config_binding_find(&cfg, "quit"));
    assert_null(lis_config_binding_find(&cfg, "jump"));
    assert_keys(&cfg, "quote_next", (const uint32_t[]){ ']' }, 1);
    assert_int_equal(cfg.n_bindings, 1);
    assert_false(cfg.export_format_set);
    assert_false(cfg.export_select_set);
    /* keys under a malformed header are not applied to [export] */
    assert_null(cfg.export_dir);
    warnings_clear(&w);
    lis_config_free(&cfg);
    free(path);
}

static void test_later_wins(void **state)
{
    struct lis_config cfg;
    struct warnings w = { .n = 0 };

    (void)state;
    lis_config_defaults(&cfg);
    parse(&cfg,
          "[reader]\nmeasure = 60\n[search]\nsmart-case = no\n"
          "[reader]\nMEASURE = 90\n"
          "[Colors]\nquote = red bold\nquote = blue\n"
          "[keys]\nquit = q\nquit = x Q\n"
          "[export]\nformat = txt\nformat = CSV\n", &w);
    assert_int_equal(w.n, 0);
    assert_int_equal(cfg.measure, 90);
    assert_false(cfg.smart_case);
    assert_int_equal(cfg.styles[LIS_CONFIG_STYLE_QUOTE].fg, 4);
    /* the value is the whole style: the earlier bold is gone */
    assert_int_equal(cfg.styles[LIS_CONFIG_STYLE_QUOTE].attrs, 0);
    assert_int_equal(cfg.n_bindings, 1);
    assert_keys(&cfg, "quit", (const uint32_t[]){ 'x', 'Q' }, 2);
    assert_int_equal(lis_config_binding_find(&cfg, "quit")->line, 12);
    assert_int_equal(cfg.export_format, LIS_EXPORT_CSV);

    /* a second file is laid over the first */
    parse(&cfg, "[reader]\npanel = on\n", &w);
    assert_int_equal(w.n, 0);
    assert_int_equal(cfg.measure, 90);
    assert_int_equal(cfg.panel, 1);
    lis_config_free(&cfg);
}

static void test_key_moves(void **state)
{
    struct lis_config cfg;
    struct warnings w = { .n = 0 };

    (void)state;
    lis_config_defaults(&cfg);
    parse(&cfg,
          "[keys]\nsearch_next = n x\nquote-next = n ]\n"
          "help =\nhelp = F1 f1 F1\n", &w);
    assert_int_equal(w.n, 1);
    assert_string_equal(w.msg[0], "t.conf:3: key 'n' was bound to "
                        "'search_next' on line 2; it now goes to "
                        "'quote_next'");
    assert_keys(&cfg, "search_next", (const uint32_t[]){ 'x' }, 1);
    /* '-' stands for '_', and the table's spelling is kept */
    assert_keys(&cfg, "quote_next", (const uint32_t[]){ 'n', ']' }, 2);
    assert_keys(&cfg, "help", (const uint32_t[]){ LIS_CONFIG_KEY_F(1) }, 1);
    warnings_clear(&w);

    /* an empty list unbinds */
    parse(&cfg, "[keys]\nquit = \"\"\nhelp =\n", &w);
    assert_int_equal(w.n, 0);
    assert_keys(&cfg, "quit", NULL, 0);
    assert_keys(&cfg, "help", NULL, 0);
    lis_config_free(&cfg);

    /* without a list of actions any name is taken */
    lis_config_defaults(&cfg);
    assert_int_equal(lis_config_parse(&cfg, "t.conf", "[keys]\nfoo-bar = z\n",
                                      strlen("[keys]\nfoo-bar = z\n"), NULL,
                                      0, collect, &w), LIS_OK);
    assert_int_equal(w.n, 0);
    assert_keys(&cfg, "foo_bar", (const uint32_t[]){ 'z' }, 1);
    lis_config_free(&cfg);
}

static void test_quoted_values(void **state)
{
    struct lis_config cfg;
    struct warnings w = { .n = 0 };

    (void)state;
    lis_config_defaults(&cfg);
    parse(&cfg,
          "[export]\ndirectory = \"  spaced out/\"\n"
          "format = \"json\"\n"
          "[keys]\nquit = \"q Q\"\n"
          "search_fwd = \"\n"          /* one quote alone is the key " */
          "[reader]\nmeasure = \"70\n", &w);
    assert_string_equal(cfg.export_dir, "  spaced out/");
    assert_int_equal(cfg.export_format, LIS_EXPORT_JSON);
    assert_keys(&cfg, "quit", (const uint32_t[]){ 'q', 'Q' }, 2);
    assert_keys(&cfg, "search_fwd", (const uint32_t[]){ '"' }, 1);
    assert_int_equal(w.n, 1);
    assert_string_equal(w.msg[0], "t.conf:8: bad value '\"70' for "
                        "'measure' in [reader] (expected a whole number "
                        "from 20 to 1000)");
    warnings_clear(&w);
    lis_config_free(&cfg);
}

static void test_utf8(void **state)
{
    struct lis_config cfg;
    struct warnings w = { .n = 0 };
    static const char text[] =
        "\xef\xbb\xbf[keys]\r\n"              /* BOM, CRLF */
        "search_fwd = \xc3\xa9\r\n"           /* é, precomposed */
        "search_next = e\xcc\x81 \xc5\x93\r\n" /* é decomposed, œ */
        "quit = \xff\r\n"                     /* not UTF-8 */
        "help = a\0b\n"                       /* NUL */
        "line_down = \xe2\x80\xae\n"          /* RLO: not a key */
        "\x1b[31m = x\n";                     /* escape in a warning */

    (void)state;
    lis_config_defaults(&cfg);
    assert_int_equal(lis_config_parse(&cfg, "t.conf", text, sizeof text - 1,
                                      actions, N_ACTIONS, collect, &w),
                     LIS_OK);
    assert_keys(&cfg, "search_next", (const uint32_t[]){ 0xE9, 0x153 }, 2);
    /* é went to search_next, so search_fwd lost it */
    assert_int_equal(w.n, 5);
    assert_string_equal(w.msg[0], "t.conf:3: key '\xc3\xa9' was bound to "
                        "'search_fwd' on line 2; it now goes to "
                        "'search_next'");
    assert_keys(&cfg, "search_fwd", NULL, 0);
    assert_string_equal(w.msg[1], "t.conf:4: not UTF-8 text; line ignored");
    assert_string_equal(w.msg[2], "t.conf:5: not UTF-8 text; line ignored");
    assert_string_equal(w.msg[3], "t.conf:6: bad key name '<U+202E>' for "
                        "'line_down' in [keys]");
    assert_string_equal(w.msg[4], "t.conf:7: unknown action '^[[31m' in "
                        "[keys]");
    assert_null(lis_config_binding_find(&cfg, "quit"));
    assert_null(lis_config_binding_find(&cfg, "help"));
    warnings_clear(&w);
    lis_config_free(&cfg);
}

static void test_tilde(void **state)
{
    struct lis_config cfg;
    struct warnings w = { .n = 0 };
    char *old = getenv("HOME") ? lis_xstrdup(getenv("HOME")) : NULL;

    (void)state;
    setenv("HOME", "/home/lectrice", 1);
    lis_config_defaults(&cfg);
    parse(&cfg, "[export]\ndirectory = ~/Documents/extraits\n", &w);
    assert_string_equal(cfg.export_dir, "/home/lectrice/Documents/extraits");
    parse(&cfg, "[export]\ndirectory = ~\n", &w);
    assert_string_equal(cfg.export_dir, "/home/lectrice");
    parse(&cfg, "[export]\ndirectory = ~root/x\n", &w);
    assert_string_equal(cfg.export_dir, "/root/x");
    parse(&cfg, "[export]\ndirectory = a/~/b\n", &w);
    assert_string_equal(cfg.export_dir, "a/~/b");
    assert_int_equal(w.n, 0);
    parse(&cfg, "[export]\ndirectory = ~no-such-user-liseuse/x\n"
                "directory =\n", &w);
    assert_string_equal(cfg.export_dir, "a/~/b");
    assert_int_equal(w.n, 2);
    assert_string_equal(w.msg[0], "t.conf:2: bad value "
                        "'~no-such-user-liseuse/x' for 'directory' in "
                        "[export] (expected a directory; ~USER must name a "
                        "known user)");
    assert_string_equal(w.msg[1], "t.conf:3: bad value '' for 'directory' "
                        "in [export] (expected a directory)");
    warnings_clear(&w);
    lis_config_free(&cfg);
    if (old) {
        setenv("HOME", old, 1);
        free(old);
    } else {
        unsetenv("HOME");
    }
}

static void test_colors(void **state)
{
    struct lis_config_style st;
    struct lis_config cfg;
    struct warnings w = { .n = 0 };
    int c = 99;
    static const char *const bad_colors[] = {
        "", "256", "-1", "purple", "bright-", "bright-bright-red",
        "bright-default", "0x10", "1000", "12a", "red,", "brightred",
    };
    static const char *const bad_styles[] = {
        "", "  ", "red,", ",red", "red,green,blue", "red blink",
        "bold, underline", "red bold,underline", "bold red", "256",
    };
    size_t i;

    (void)state;
    assert_true(lis_config_color_parse("default", &c));
    assert_int_equal(c, LIS_CONFIG_COLOR_DEFAULT);
    assert_true(lis_config_color_parse("black", &c));
    assert_int_equal(c, 0);
    assert_true(lis_config_color_parse("White", &c));
    assert_int_equal(c, 7);
    assert_true(lis_config_color_parse("bright-black", &c));
    assert_int_equal(c, 8);
    assert_true(lis_config_color_parse("BRIGHT-Magenta", &c));
    assert_int_equal(c, 13);
    assert_true(lis_config_color_parse("0", &c));
    assert_int_equal(c, 0);
    assert_true(lis_config_color_parse("255", &c));
    assert_int_equal(c, 255);
    assert_true(lis_config_color_parse("007", &c));
    assert_int_equal(c, 7);
    for (i = 0; i < LIS_ARRAY_LEN(bad_colors); i++) {
        c = 99;
        if (lis_config_color_parse(bad_colors[i], &c))
            fail_msg("colour '%s' accepted", bad_colors[i]);
        assert_int_equal(c, 99);
    }

    assert_true(lis_config_style_parse("178,default bold", &st));
    assert_int_equal(st.fg, 178);
    assert_int_equal(st.bg, -1);
    assert_int_equal(st.attrs, LIS_CONFIG_ATTR_BOLD);
    assert_true(lis_config_style_parse("  red , blue  underline italic ",
                                       &st));
    assert_int_equal(st.fg, 1);
    assert_int_equal(st.bg, 4);
    assert_int_equal(st.attrs,
                     LIS_CONFIG_ATTR_UNDERLINE | LIS_CONFIG_ATTR_ITALIC);
    assert_true(lis_config_style_parse("bold underline Reverse", &st));
    assert_int_equal(st.fg, -1);
    assert_int_equal(st.bg, -1);
    assert_int_equal(st.attrs, LIS_CONFIG_ATTR_BOLD |
                     LIS_CONFIG_ATTR_UNDERLINE | LIS_CONFIG_ATTR_REVERSE);
    assert_true(lis_config_style_parse("bright-white,236", &st));
    assert_int_equal(st.fg, 15);
    assert_int_equal(st.bg, 236);
    assert_int_equal(st.attrs, 0);
    for (i = 0; i < LIS_ARRAY_LEN(bad_styles); i++)
        if (lis_config_style_parse(bad_styles[i], &st))
            fail_msg("style '%s' accepted", bad_styles[i]);

    /* the warning names the word at fault */
    lis_config_defaults(&cfg);
    parse(&cfg, "[colors]\nsearch = black,bright-pink\n"
                "status = red,green,blue\nmarker = bold, underline\n"
                "party = 300,0\n", &w);
    assert_int_equal(w.n, 4);
    assert_string_equal(w.msg[0], "t.conf:2: unknown colour 'bright-pink' "
                        "for 'search' in [colors] (expected a colour name, "
                        "bright-NAME, default or 0 to 255)");
    assert_string_equal(w.msg[1], "t.conf:3: unknown colour 'blue' "
                        "for 'status' in [colors] (expected a colour name, "
                        "bright-NAME, default or 0 to 255)");
    assert_string_equal(w.msg[2], "t.conf:4: unknown attribute ', "
                        "underline' for 'marker' in [colors] (expected "
                        "bold, underline, reverse or italic)");
    assert_string_equal(w.msg[3], "t.conf:5: unknown colour '300' "
                        "for 'party' in [colors] (expected a colour name, "
                        "bright-NAME, default or 0 to 255)");
    for (i = 0; i < LIS_CONFIG_STYLE_COUNT; i++)
        assert_false(cfg.style_set[i]);
    warnings_clear(&w);
    lis_config_free(&cfg);
    /* each of the panel's six party colours has its key */
    lis_config_defaults(&cfg);
    parse(&cfg, "[colors]\nparty-3 = 33\nParty-6 = magenta bold\n", &w);
    assert_int_equal(w.n, 0);
    assert_true(cfg.style_set[LIS_CONFIG_STYLE_PARTY_3]);
    assert_int_equal(cfg.styles[LIS_CONFIG_STYLE_PARTY_3].fg, 33);
    assert_true(cfg.style_set[LIS_CONFIG_STYLE_PARTY_6]);
    assert_int_equal(cfg.styles[LIS_CONFIG_STYLE_PARTY_6].fg, 5);
    assert_false(cfg.style_set[LIS_CONFIG_STYLE_PARTY]);
    warnings_clear(&w);
    lis_config_free(&cfg);
    assert_string_equal(lis_config_style_name(LIS_CONFIG_STYLE_QUOTE_FOCUS),
                        "quote-focus");
    assert_string_equal(lis_config_style_name(LIS_CONFIG_STYLE_COUNT), "");
}

static void test_keys(void **state)
{
    static const struct {
        const char *name;
        uint32_t key;
        const char *canonical;
    } good[] = {
        { "q", 'q', "q" }, { "Q", 'Q', "Q" }, { "]", ']', "]" },
        { "\xc3\xa9", 0xE9, "\xc3\xa9" },
        { "e\xcc\x81", 0xE9, "\xc3\xa9" },          /* NFC */
        { "\xe2\x82\xac", 0x20AC, "\xe2\x82\xac" }, /* € */
        { "space", ' ', "space" }, { "SPACE", ' ', "space" },
        { "tab", '\t', "tab" }, { "ctrl-i", '\t', "tab" },
        { "enter", LIS_CONFIG_KEY_ENTER, "enter" },
        { "Return", LIS_CONFIG_KEY_ENTER, "enter" },
        { "ctrl-m", LIS_CONFIG_KEY_ENTER, "enter" },
        { "esc", LIS_CONFIG_KEY_ESC, "esc" },
        { "ctrl-[", LIS_CONFIG_KEY_ESC, "esc" },
        { "backspace", LIS_CONFIG_KEY_BACKSPACE, "backspace" },
        { "up", LIS_CONFIG_KEY_UP, "up" },
        { "Down", LIS_CONFIG_KEY_DOWN, "down" },
        { "left", LIS_CONFIG_KEY_LEFT, "left" },
        { "right", LIS_CONFIG_KEY_RIGHT, "right" },
        { "PgUp", LIS_CONFIG_KEY_PGUP, "pgup" },
        { "pagedown", LIS_CONFIG_KEY_PGDN, "pgdn" },
        { "home", LIS_CONFIG_KEY_HOME, "home" },
        { "END", LIS_CONFIG_KEY_END, "end" },
        { "f1", LIS_CONFIG_KEY_F(1), "f1" },
        { "F10", LIS_CONFIG_KEY_F(10), "f10" },
        { "f12", LIS_CONFIG_KEY_F(12), "f12" },
        { "ctrl-n", 0x0E, "ctrl-n" }, { "Ctrl-N", 0x0E, "ctrl-n" },
        { "^L", 0x0C, "ctrl-l" }, { "ctrl-a", 0x01, "ctrl-a" },
        { "ctrl-_", 0x1F, "ctrl-_" }, { "ctrl-\\", 0x1C, "ctrl-\\" },
        { "^", '^', "^" }, { "f", 'f', "f" }, { "-", '-', "-" },
    };
    static const char *const bad[] = {
        "", "qq", "ctl-q", "ctrl-", "ctrl-1", "ctrl-\xc3\xa9", "ctrl-nn",
        "f0", "f13", "f01", "\x1b", "\x7f", "\xc2\x85", "\xe2\x80\x8b",
        "\xff", "e\xcc\x81\xcc\x81x", "nope", "pg up", "ctrl-space",
    };
    struct lis_buf b;
    uint32_t k;
    size_t i;

    (void)state;
    lis_buf_init(&b);
    for (i = 0; i < LIS_ARRAY_LEN(good); i++) {
        k = 0;
        if (!lis_config_key_parse(good[i].name, &k))
            fail_msg("key '%s' refused", good[i].name);
        assert_int_equal(k, good[i].key);
        b.len = 0;
        lis_config_key_name(k, &b);
        assert_string_equal(b.data, good[i].canonical);
        /* the canonical name reads back as the same key */
        assert_true(lis_config_key_parse(b.data, &k));
        assert_int_equal(k, good[i].key);
    }
    for (i = 0; i < LIS_ARRAY_LEN(bad); i++) {
        if (lis_config_key_parse(bad[i], &k))
            fail_msg("key '%s' accepted", bad[i]);
    }
    b.len = 0;
    lis_config_key_name(0x7F, &b);
    assert_string_equal(b.data, "U+007F");
    lis_buf_free(&b);
}

static void test_missing_and_default(void **state)
{
    struct lis_config cfg;
    struct warnings w = { .n = 0 };
    char *old = getenv("XDG_CONFIG_HOME") ?
        lis_xstrdup(getenv("XDG_CONFIG_HOME")) : NULL;
    char *dir, *path;

    (void)state;
    lis_config_defaults(&cfg);
    /* a --config FILE that does not exist is the caller's error */
    path = data_path("no-such-file.conf");
    assert_int_equal(lis_config_load(&cfg, path, actions, N_ACTIONS,
                                     collect, &w), LIS_ERR_NOENT);
    free(path);
    path = data_path("");
    assert_int_equal(lis_config_load(&cfg, path, actions, N_ACTIONS,
                                     collect, &w), LIS_ERR_ISDIR);
    free(path);
    /* --config /dev/null: nothing set, no error */
    assert_int_equal(lis_config_load(&cfg, "/dev/null", actions, N_ACTIONS,
                                     collect, &w), LIS_OK);
    assert_int_equal(w.n, 0);
    assert_false(cfg.measure_set);

    /* the default file, found through XDG_CONFIG_HOME */
    dir = lis_xasprintf("%s/config/xdg", data_dir());
    setenv("XDG_CONFIG_HOME", dir, 1);
    path = lis_config_default_path();
    assert_string_equal(path + strlen(dir), "/liseuse/config");
    free(path);
    assert_int_equal(lis_config_load(&cfg, NULL, actions, N_ACTIONS,
                                     collect, &w), LIS_OK);
    assert_int_equal(cfg.measure, 66);
    free(dir);
    /* a missing default file is silently fine */
    dir = lis_xasprintf("%s/config/xdg/none", data_dir());
    setenv("XDG_CONFIG_HOME", dir, 1);
    lis_config_free(&cfg);
    assert_int_equal(lis_config_load(&cfg, NULL, actions, N_ACTIONS,
                                     collect, &w), LIS_OK);
    assert_int_equal(w.n, 0);
    assert_false(cfg.measure_set);
    free(dir);
    lis_config_free(&cfg);
    if (old) {
        setenv("XDG_CONFIG_HOME", old, 1);
        free(old);
    } else {
        unsetenv("XDG_CONFIG_HOME");
    }
}

static void test_merge(void **state)
{
    struct lis_config file, cli;
    struct warnings w = { .n = 0 };

    (void)state;
    lis_config_defaults(&file);
    parse(&file, "[reader]\nmeasure = 70\npanel = on\ncolor = never\n"
                 "[colors]\nquote = red\n"
                 "[keys]\nquit = q x\nhelp = h\n"
                 "[export]\ndirectory = /srv/a\n", &w);
    assert_int_equal(w.n, 0);
    /* what the command line gives, and only that, wins */
    lis_config_defaults(&cli);
    cli.measure = 100;
    cli.measure_set = true;
    cli.color = LIS_CONFIG_COLOR_ALWAYS;
    cli.color_set = true;
    cli.export_dir = lis_xstrdup("/srv/b");
    parse(&cli, "[keys]\nline_down = x\n", &w);
    lis_config_merge(&file, &cli);
    assert_int_equal(file.measure, 100);
    assert_int_equal(file.panel, 1);
    assert_true(file.panel_set);
    assert_int_equal(file.color, LIS_CONFIG_COLOR_ALWAYS);
    assert_true(file.resume);
    assert_false(file.resume_set);
    assert_true(file.style_set[LIS_CONFIG_STYLE_QUOTE]);
    assert_int_equal(file.styles[LIS_CONFIG_STYLE_QUOTE].fg, 1);
    assert_string_equal(file.export_dir, "/srv/b");
    assert_keys(&file, "quit", (const uint32_t[]){ 'q' }, 1);
    assert_keys(&file, "line_down", (const uint32_t[]){ 'x' }, 1);
    assert_keys(&file, "help", (const uint32_t[]){ 'h' }, 1);
    assert_int_equal(w.n, 0);
    lis_config_free(&cli);
    lis_config_free(&file);
}

static void test_lines(void **state)
{
    struct lis_config cfg;
    struct warnings w = { .n = 0 };

    (void)state;
    lis_config_defaults(&cfg);
    parse(&cfg,
          "  # indented comment\n"
          "\t; another\n"
          "\n"
          "[ reader ]   # a comment after a header\n"
          "measure=50\n"
          "  resume   =   off  \n"
          "= 3\n"
          "[reader] extra\n"
          "[]\n"
          "measure = 60\n"
          "[search]\n"
          "smart-case = TRUE\n"
          "fold-accents = # no end-of-line comments\n"
          "measure = 70", &w);    /* last line without a newline */
    assert_int_equal(cfg.measure, 50);
    assert_false(cfg.resume);
    assert_true(cfg.smart_case);
    assert_true(cfg.smart_case_set);
    assert_int_equal(w.n, 5);
    assert_string_equal(w.msg[0], "t.conf:7: expected 'key = value' or "
                        "'[section]', not '= 3'");
    assert_string_equal(w.msg[1], "t.conf:8: malformed section header "
                        "'[reader] extra'");
    assert_string_equal(w.msg[2], "t.conf:9: unknown section []");
    assert_string_equal(w.msg[3], "t.conf:13: bad value '# no end-of-line "
                        "comments' for 'fold-accents' in [search] "
                        "(expected yes or no)");
    assert_string_equal(w.msg[4], "t.conf:14: unknown key 'measure' in "
                        "[search]");
    warnings_clear(&w);

    /* long text from the file is cut in warnings */
    parse(&cfg, "[reader]\nmeasure = "
                "0123456789012345678901234567890123456789012345678901\n", &w);
    assert_int_equal(w.n, 1);
    assert_string_equal(w.msg[0], "t.conf:2: bad value "
                        "'012345678901234567890123456789012345678\xe2\x80\xa6'"
                        " for 'measure' in [reader] (expected a whole number "
                        "from 20 to 1000)");
    warnings_clear(&w);
    lis_config_free(&cfg);
}

static void test_scalar_values(void **state)
{
    struct lis_config cfg;
    struct warnings w = { .n = 0 };

    (void)state;
    lis_config_defaults(&cfg);
    parse(&cfg, "[reader]\nmeasure = 20\npanel = auto\ncolor = Never\n"
                "resume = 1\n[export]\nselect = Marked\nformat = clippings\n",
          &w);
    assert_int_equal(w.n, 0);
    assert_int_equal(cfg.measure, 20);
    assert_int_equal(cfg.panel, -1);
    assert_true(cfg.panel_set);
    assert_int_equal(cfg.color, LIS_CONFIG_COLOR_NEVER);
    assert_true(cfg.resume);
    assert_true(cfg.resume_set);
    assert_int_equal(cfg.export_select, LIS_SELECT_MARKED);
    assert_int_equal(cfg.export_format, LIS_EXPORT_CLIPPINGS);
    parse(&cfg, "[reader]\nmeasure = 1000\npanel = yes\n", &w);
    assert_int_equal(cfg.measure, 1000);
    assert_int_equal(cfg.panel, 1);
    parse(&cfg, "[reader]\nmeasure = +30\nmeasure = 3 0\nmeasure = 99999999999999999999\n"
                "measure = -40\n", &w);
    assert_int_equal(w.n, 4);
    assert_int_equal(cfg.measure, 1000);
    warnings_clear(&w);
    lis_config_free(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_good_file),
        cmocka_unit_test(test_bad_file),
        cmocka_unit_test(test_later_wins),
        cmocka_unit_test(test_key_moves),
        cmocka_unit_test(test_quoted_values),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_tilde),
        cmocka_unit_test(test_colors),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_missing_and_default),
        cmocka_unit_test(test_merge),
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_scalar_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
