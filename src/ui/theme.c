/* theme.c -- styles degrade from 256 colours to 8 colours to attributes
 * only (NO_COLOR, --color=never, monochrome terminals). */
#include <config.h>

#include <stdlib.h>

#include "app.h"
#include "liseuse/settings.h"

/* Which of our styles each [colors] key sets. */
static const struct {
    enum lis_config_style_id cfg;
    enum lis_style style;
} config_styles[] = {
    { LIS_CONFIG_STYLE_QUOTE, LIS_STYLE_QUOTE },
    { LIS_CONFIG_STYLE_QUOTE_FOCUS, LIS_STYLE_QUOTE_FOCUS },
    { LIS_CONFIG_STYLE_ENTITY_PERSON, LIS_STYLE_ENT_PER },
    { LIS_CONFIG_STYLE_ENTITY_ORG, LIS_STYLE_ENT_ORG },
    { LIS_CONFIG_STYLE_ENTITY_PLACE, LIS_STYLE_ENT_LOC },
    { LIS_CONFIG_STYLE_ENTITY_MISC, LIS_STYLE_ENT_MISC },
    { LIS_CONFIG_STYLE_PARTY, LIS_STYLE_PARTY },
    { LIS_CONFIG_STYLE_PARTY_2, LIS_STYLE_PARTY_2 },
    { LIS_CONFIG_STYLE_PARTY_3, LIS_STYLE_PARTY_3 },
    { LIS_CONFIG_STYLE_PARTY_4, LIS_STYLE_PARTY_4 },
    { LIS_CONFIG_STYLE_PARTY_5, LIS_STYLE_PARTY_5 },
    { LIS_CONFIG_STYLE_PARTY_6, LIS_STYLE_PARTY_6 },
    { LIS_CONFIG_STYLE_SEARCH, LIS_STYLE_MATCH },
    { LIS_CONFIG_STYLE_MARKER, LIS_STYLE_MARKER },
    { LIS_CONFIG_STYLE_STATUS, LIS_STYLE_STATUS },
};

static attr_t config_attrs(unsigned a)
{
    attr_t r = 0;
    if (a & LIS_CONFIG_ATTR_BOLD)
        r |= A_BOLD;
    if (a & LIS_CONFIG_ATTR_UNDERLINE)
        r |= A_UNDERLINE;
    if (a & LIS_CONFIG_ATTR_REVERSE)
        r |= A_REVERSE;
#ifdef A_ITALIC
    if (a & LIS_CONFIG_ATTR_ITALIC)
        r |= A_ITALIC;
#endif
    return r;
}

/* A configured colour on a terminal with `colors` colours: 8..15 become
 * their base colour in bold on 8-colour terminals; beyond that there is no
 * faithful match, and false keeps the built-in style. */
static bool fit_color(int c, int colors, short *out, attr_t *extra)
{
    if (c < 0) {
        *out = -1;
        return true;
    }
    if (c < colors) {
        *out = (short)c;
        return true;
    }
    if (colors == 8 && c < 16) {
        *out = (short)(c - 8);
        *extra |= A_BOLD;
        return true;
    }
    return false;
}

/* The panel's six party colours and the selected party's style for each:
 * the selection is drawn on the party's colour, so a configured colour
 * carries over to it. */
static const struct {
    enum lis_config_style_id cfg;
    enum lis_style sel;
} party_sel[] = {
    { LIS_CONFIG_STYLE_PARTY, LIS_STYLE_PARTY_SEL },
    { LIS_CONFIG_STYLE_PARTY_2, LIS_STYLE_PARTY_SEL_2 },
    { LIS_CONFIG_STYLE_PARTY_3, LIS_STYLE_PARTY_SEL_3 },
    { LIS_CONFIG_STYLE_PARTY_4, LIS_STYLE_PARTY_SEL_4 },
    { LIS_CONFIG_STYLE_PARTY_5, LIS_STYLE_PARTY_SEL_5 },
    { LIS_CONFIG_STYLE_PARTY_6, LIS_STYLE_PARTY_SEL_6 },
};

/* A party given a foreground colour is selected as black on that colour
 * (bold), as the built-in palette does. */
static void apply_party_selection(struct lis_theme *t,
                                  const struct lis_config *cfg,
                                  short *next_pair)
{
    size_t i;

    for (i = 0; t->colors && i < LIS_ARRAY_LEN(party_sel); i++) {
        const struct lis_config_style *cs = &cfg->styles[party_sel[i].cfg];
        enum lis_style st = party_sel[i].sel;
        short bg;
        attr_t extra = 0;

        if (!cfg->style_set[party_sel[i].cfg] || cs->fg < 0 ||
            !fit_color(cs->fg, t->colors, &bg, &extra))
            continue;
        if (*next_pair < COLOR_PAIRS &&
            init_pair(*next_pair, COLOR_BLACK, bg) == OK) {
            t->pair[st] = (*next_pair)++;
            t->attr[st] = A_BOLD;
        }
    }
}

/* Lay the user's [colors] over the built-in styles. */
static void apply_config(struct lis_theme *t, const struct lis_config *cfg,
                         bool defaults, short *next_pair)
{
    size_t i;

    for (i = 0; i < LIS_ARRAY_LEN(config_styles); i++) {
        const struct lis_config_style *cs;
        enum lis_style st = config_styles[i].style;
        short fg, bg;
        attr_t extra = 0;

        if (!cfg->style_set[config_styles[i].cfg])
            continue;
        cs = &cfg->styles[config_styles[i].cfg];
        if (!t->colors) {
            /* attributes only; a colour-only style keeps the built-in
             * attributes, or it would vanish */
            if (cs->attrs)
                t->attr[st] = config_attrs(cs->attrs);
            continue;
        }
        if (!fit_color(cs->fg, t->colors, &fg, &extra) ||
            !fit_color(cs->bg, t->colors, &bg, &extra))
            continue;
        if (!defaults) {
            if (fg < 0)
                fg = COLOR_WHITE;
            if (bg < 0)
                bg = COLOR_BLACK;
        }
        t->attr[st] = config_attrs(cs->attrs) | extra;
        t->pair[st] = 0;
        if ((fg >= 0 || bg >= 0) && *next_pair < COLOR_PAIRS &&
            init_pair(*next_pair, fg, bg) == OK)
            t->pair[st] = (*next_pair)++;
    }
}

static const struct {
    short fg256, bg256, fg8, bg8;
    attr_t attrs, mono;
} styles[LIS_STYLE_COUNT] = {
#define LIS_STYLE_DEF(id, f2, b2, f8, b8, a, m) \
    [LIS_STYLE_##id] = { f2, b2, f8, b8, (attr_t)(a), (attr_t)(m) },
    LIS_STYLE_LIST(LIS_STYLE_DEF)
#undef LIS_STYLE_DEF
};

void lis_theme_init(struct lis_theme *t, enum lis_color_mode mode,
                    const struct lis_config *cfg)
{
    size_t i;
    short next_pair = 1;
    bool defaults = false;
    bool want = mode == LIS_COLOR_ALWAYS ||
                (mode == LIS_COLOR_AUTO && getenv("NO_COLOR") == NULL);

    t->colors = 0;
    if (want && has_colors() && start_color() == OK) {
        /* default background where the terminal allows it, so highlights
         * sit on the reader's own background */
        defaults = use_default_colors() == OK;
        t->colors = COLORS >= 256 ? 256 : COLORS >= 8 ? 8 : 0;
        for (i = 0; i < LIS_STYLE_COUNT; i++) {
            short fg = t->colors == 256 ? styles[i].fg256 : styles[i].fg8;
            short bg = t->colors == 256 ? styles[i].bg256 : styles[i].bg8;
            t->pair[i] = 0;
            if (t->colors == 0 || (fg < 0 && bg < 0))
                continue;
            if (!defaults) {
                if (fg < 0)
                    fg = COLOR_WHITE;
                if (bg < 0)
                    bg = COLOR_BLACK;
            }
            if (next_pair < COLOR_PAIRS &&
                init_pair(next_pair, fg, bg) == OK)
                t->pair[i] = next_pair++;
        }
    }
    for (i = 0; i < LIS_STYLE_COUNT; i++) {
        if (t->colors && t->pair[i])
            t->attr[i] = styles[i].attrs;
        else if (t->colors)
            t->attr[i] = styles[i].attrs ? styles[i].attrs : styles[i].mono;
        else
            t->attr[i] = styles[i].mono;
        if (!t->colors)
            t->pair[i] = 0;
    }
    if (cfg) {
        apply_config(t, cfg, defaults, &next_pair);
        apply_party_selection(t, cfg, &next_pair);
    }
}

void lis_theme_set(const struct lis_theme *t, WINDOW *w, enum lis_style s)
{
    wattr_set(w, t->attr[s], t->pair[s], NULL);
}
