/* text.c -- UTF-8 stepping, grapheme clusters, display width, visible
 * markers for unsafe characters, transliteration and search folding.  A
 * thin layer over libunistring's tables. */
#include <config.h>

#include "liseuse/text.h"

#include <stdio.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unigbrk.h>
#include <uninorm.h>
#include <uniwidth.h>

/* ---------------------------------------------------------------- UTF-8 */

size_t lis_u8_get(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c;
    size_t n, i;

    if (len == 0) {
        *cp = 0xFFFD;
        return 0;
    }
    c = u[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c < 0xC2)
        goto bad;
    if (c < 0xE0) {
        n = 2;
        c &= 0x1F;
    } else if (c < 0xF0) {
        n = 3;
        c &= 0x0F;
    } else if (c < 0xF5) {
        n = 4;
        c &= 0x07;
    } else {
        goto bad;
    }
    if (len < n)
        goto bad;
    for (i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80)
            goto bad;
        c = (c << 6) | (u[i] & 0x3F);
    }
    if ((n == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)))
        || (n == 4 && (c < 0x10000 || c > 0x10FFFF)))
        goto bad;
    *cp = c;
    return n;
bad:
    *cp = 0xFFFD;
    return 1;
}

static bool is_cont(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

size_t lis_u8_prev(const char *s, size_t off)
{
    size_t k;
    uint32_t cp;

    if (off == 0)
        return 0;
    /* A lead byte within 4 bytes whose sequence ends exactly at off; any
     * other trailing byte is a stray that decodes on its own. */
    for (k = 1; k <= 4 && k <= off; k++) {
        if (!is_cont(s[off - k])) {
            if (lis_u8_get(s + off - k, k, &cp) == k)
                return off - k;
            break;
        }
    }
    return off - 1;
}

bool lis_u8_is_boundary(const char *s, size_t len, size_t off)
{
    size_t k;
    uint32_t cp;

    if (off == 0 || off == len)
        return true;
    if (off > len)
        return false;
    if (!is_cont(s[off]))
        return true;
    for (k = 1; k <= 3 && k <= off; k++) {
        if (!is_cont(s[off - k]))
            return lis_u8_get(s + off - k, len - (off - k), &cp) <= k;
    }
    return true;
}

/* ---------------------------------------------------------------- graphemes */

static bool is_ri(uint32_t cp)
{
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

static bool is_gcb_extend(uint32_t cp)
{
    return cp >= 0x300 && uc_graphemeclusterbreak_property(cp) == GBP_EXTEND;
}

size_t lis_grapheme_next(const char *s, size_t len, size_t off)
{
    uint32_t prev, next;
    size_t n;
    unsigned ri;
    bool pict;

    if (off >= len)
        return len;
    /* Two ASCII characters always have a break between them but CR LF. */
    if ((unsigned char)s[off] < 0x80 && s[off] != '\r'
        && (off + 1 == len || (unsigned char)s[off + 1] < 0x80))
        return off + 1;
    off += lis_u8_get(s + off, len - off, &prev);
    ri = is_ri(prev);
    pict = prev >= 0xA9 && uc_is_property_extended_pictographic(prev);
    while (off < len) {
        n = lis_u8_get(s + off, len - off, &next);
        if (is_ri(prev) && is_ri(next)) {
            /* GB12/13: flags pair up, never three in one cluster. */
            if (ri % 2 == 0)
                break;
            ri++;
        } else if (prev == 0x200D && pict
                   && uc_is_property_extended_pictographic(next)) {
            /* GB11: an emoji ZWJ sequence is one cluster. */
        } else if (uc_is_grapheme_break(prev, next)) {
            break;
        } else if (!is_gcb_extend(next) && next != 0x200D) {
            pict = false;
        }
        prev = next;
        off += n;
    }
    return off;
}

/* True when there is no grapheme break between the character that ends at
 * off and the one that starts there. */
static bool joins_before(const char *s, size_t len, size_t off)
{
    uint32_t a, b;
    size_t p, q, k;

    if (off == 0 || off >= len)
        return false;
    p = lis_u8_prev(s, off);
    lis_u8_get(s + p, len - p, &a);
    lis_u8_get(s + off, len - off, &b);
    if (is_ri(a) && is_ri(b)) {
        /* Count the regional indicators before off: an even run means off
         * starts a new pair. */
        for (k = 0, q = off; q > 0; k++) {
            uint32_t c;
            size_t r = lis_u8_prev(s, q);
            lis_u8_get(s + r, len - r, &c);
            if (!is_ri(c))
                break;
            q = r;
        }
        return k % 2 == 1;
    }
    if (a == 0x200D && uc_is_property_extended_pictographic(b)) {
        for (q = p; q > 0;) {
            uint32_t c;
            size_t r = lis_u8_prev(s, q);
            lis_u8_get(s + r, len - r, &c);
            if (is_gcb_extend(c)) {
                q = r;
                continue;
            }
            return uc_is_property_extended_pictographic(c);
        }
        return false;
    }
    return !uc_is_grapheme_break(a, b);
}

size_t lis_grapheme_prev(const char *s, size_t len, size_t off)
{
    if (off > len)
        off = len;
    if (off == 0)
        return 0;
    /* ASCII after ASCII: always a break (CR LF aside). */
    if ((unsigned char)s[off - 1] < 0x80
        && (off == 1 || ((unsigned char)s[off - 2] < 0x80
                         && !(s[off - 2] == '\r' && s[off - 1] == '\n'))))
        return off - 1;
    off = lis_u8_prev(s, off);
    while (off > 0 && joins_before(s, len, off))
        off = lis_u8_prev(s, off);
    return off;
}

/* ---------------------------------------------------------------- glyphs */

enum lis_glyph_kind lis_glyph_kind(uint32_t cp)
{
    if (cp < 0x20)
        return cp == '\t' ? LIS_GLYPH_TAB : LIS_GLYPH_CONTROL;
    if (cp < 0x7F)
        return LIS_GLYPH_TEXT;
    if (cp <= 0x9F)
        return LIS_GLYPH_CONTROL;
    if (cp < 0x300)
        return cp == 0xAD ? LIS_GLYPH_INVISIBLE : LIS_GLYPH_TEXT;
    switch (cp) {
    /* Visible despite being format characters (prepended concatenation
     * marks such as the Arabic number sign). */
    case 0x600: case 0x601: case 0x602: case 0x603: case 0x604: case 0x605:
    case 0x6DD: case 0x70F: case 0x8E2: case 0x110BD: case 0x110CD:
        return LIS_GLYPH_TEXT;
    /* Line and paragraph separators move the cursor on some terminals. */
    case 0x2028: case 0x2029:
        return LIS_GLYPH_INVISIBLE;
    default:
        break;
    }
    if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2060 && cp <= 0x206F) || cp == 0x061C || cp == 0xFEFF
        || (cp >= 0xFFF9 && cp <= 0xFFFB))
        return LIS_GLYPH_INVISIBLE;
    if (uc_is_general_category(cp, UC_CATEGORY_Cf))
        return LIS_GLYPH_INVISIBLE;
    return LIS_GLYPH_TEXT;
}

size_t lis_glyph_marker(uint32_t cp, char *buf, size_t bufsize)
{
    char tmp[LIS_MARKER_MAX];
    size_t n;

    switch (lis_glyph_kind(cp)) {
    case LIS_GLYPH_TEXT:
    case LIS_GLYPH_TAB:
        if (bufsize)
            buf[0] = '\0';
        return 0;
    default:
        if (cp < 0x20 || cp == 0x7F) {
            tmp[0] = '^';
            tmp[1] = cp == 0x7F ? '?' : (char)(cp + 0x40);
            tmp[2] = '\0';
            n = 2;
        } else {
            /* C1 controls are spelled like invisible characters. */
            n = (size_t)snprintf(tmp, sizeof tmp, "<U+%04X>", (unsigned)cp);
        }
        break;
    }
    if (bufsize) {
        size_t c = n < bufsize ? n : bufsize - 1;
        memcpy(buf, tmp, c);
        buf[c] = '\0';
    }
    return n;
}

static bool is_pict(uint32_t cp)
{
    return cp >= 0xA9 && uc_is_property_extended_pictographic(cp);
}

int lis_grapheme_render(const char *s, size_t len, int col,
                        struct lis_buf *out, bool *marker)
{
    size_t off = 0, n;
    uint32_t cp;
    int w = 0, cw;
    bool prev_text = false, prev_pict = false;
    char mk[LIS_MARKER_MAX];

    if (marker)
        *marker = false;
    /* The common case: one printable ASCII character. */
    if (len == 1 && (unsigned char)s[0] >= 0x20 && (unsigned char)s[0] < 0x7F) {
        if (out)
            lis_buf_addc(out, s[0]);
        return 1;
    }
    while (off < len) {
        n = lis_u8_get(s + off, len - off, &cp);
        switch (lis_glyph_kind(cp)) {
        case LIS_GLYPH_TEXT:
            cw = uc_width(cp, "UTF-8");
            if (cw < 0)
                cw = 0;
            if (cw == 0 && !prev_text) {
                /* A mark with nothing to sit on gets a space, or it would
                 * merge with whatever the terminal drew before. */
                if (out)
                    lis_buf_addc(out, ' ');
                w++;
            }
            if (out) {
                if (cp == 0xFFFD && n == 1)
                    lis_buf_add(out, "\xef\xbf\xbd", 3);   /* invalid byte */
                else
                    lis_buf_add(out, s + off, n);
            }
            w += cw;
            prev_text = true;
            prev_pict = is_pict(cp) || (prev_pict && is_gcb_extend(cp));
            break;
        case LIS_GLYPH_TAB:
            cw = LIS_TAB_WIDTH - (col + w) % LIS_TAB_WIDTH;
            if (out)
                lis_buf_add(out, "        ", (size_t)cw);
            w += cw;
            prev_text = prev_pict = false;
            break;
        default:
            if (cp == 0x200D && prev_pict && off + n < len) {
                uint32_t nx;
                lis_u8_get(s + off + n, len - off - n, &nx);
                if (is_pict(nx)) {
                    /* Inside an emoji sequence the joiner is dropped: the
                     * pictographs are shown side by side, at the width
                     * the terminal will really give them. */
                    break;
                }
            }
            cw = (int)lis_glyph_marker(cp, mk, sizeof mk);
            if (out)
                lis_buf_add(out, mk, (size_t)cw);
            if (marker)
                *marker = true;
            w += cw;
            prev_text = prev_pict = false;
            break;
        }
        off += n;
    }
    return w;
}

int lis_grapheme_width(const char *s, size_t len, int col)
{
    return lis_grapheme_render(s, len, col, NULL, NULL);
}

int lis_str_width(const char *s, size_t len)
{
    size_t off = 0, e;
    int col = 0;

    while (off < len) {
        e = lis_grapheme_next(s, len, off);
        col += lis_grapheme_render(s + off, e - off, col, NULL, NULL);
        off = e;
    }
    return col;
}

int lis_sanitize_fit(const char *s, size_t len, int max_cells, bool ellipsis,
                     struct lis_buf *out)
{
    size_t off = 0, e, base, cut_len;
    int col = 0, w, cut_col = 0;

    if (max_cells <= 0)
        return 0;
    lis_buf_reserve(out, len < 256 ? len : 256);
    base = out->len;
    cut_len = base;
    while (off < len) {
        size_t before = out->len;

        e = lis_grapheme_next(s, len, off);
        w = lis_grapheme_render(s + off, e - off, col, out, NULL);
        if (col + w > max_cells) {
            out->len = before;
            out->data[out->len] = '\0';
            if (!ellipsis)
                return col;
            /* Back up to where the ellipsis fits, then add it. */
            out->len = cut_len;
            out->data[out->len] = '\0';
            lis_buf_add(out, "\xe2\x80\xa6", 3);
            return cut_col + 1;
        }
        col += w;
        if (col <= max_cells - 1) {
            cut_len = out->len;
            cut_col = col;
        }
        off = e;
    }
    return col;
}

/* ---------------------------------------------------------------- ASCII */

struct translit {
    uint32_t cp;
    const char *ascii;
};

/* Sorted by code point (binary searched). */
static const struct translit translit_table[] = {
    {0x00A0, " "}, {0x00A9, "(c)"}, {0x00AB, "\""}, {0x00AE, "(R)"},
    {0x00B0, "o"}, {0x00B7, "."}, {0x00BB, "\""}, {0x00BC, "1/4"},
    {0x00BD, "1/2"}, {0x00BE, "3/4"}, {0x00C6, "AE"}, {0x00D7, "x"},
    {0x00DF, "ss"}, {0x00E6, "ae"}, {0x00F7, "/"}, {0x0152, "OE"},
    {0x0153, "oe"}, {0x02BC, "'"}, {0x2002, " "}, {0x2003, " "},
    {0x2004, " "}, {0x2005, " "}, {0x2006, " "}, {0x2007, " "},
    {0x2008, " "}, {0x2009, " "}, {0x200A, " "}, {0x2010, "-"},
    {0x2011, "-"}, {0x2012, "-"}, {0x2013, "-"}, {0x2014, "-"},
    {0x2015, "-"}, {0x2018, "'"}, {0x2019, "'"}, {0x201A, "'"},
    {0x201B, "'"}, {0x201C, "\""}, {0x201D, "\""}, {0x201E, "\""},
    {0x201F, "\""}, {0x2022, "*"}, {0x2026, "..."}, {0x202F, " "},
    {0x2032, "'"}, {0x2033, "\""}, {0x2039, "<"}, {0x203A, ">"},
    {0x2044, "/"}, {0x205F, " "}, {0x20AC, "EUR"}, {0x2122, "(TM)"},
    {0x2212, "-"},
};

static const char *translit_lookup(uint32_t cp)
{
    size_t lo = 0, hi = LIS_ARRAY_LEN(translit_table);

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (translit_table[mid].cp == cp)
            return translit_table[mid].ascii;
        if (translit_table[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Append an ASCII rendering of cp; false when there is none. */
static bool translit_cp(uint32_t cp, int depth, struct lis_buf *out)
{
    ucs4_t dec[UC_DECOMPOSITION_MAX_LENGTH];
    const char *t;
    int tag, n, i;
    bool any = false;

    if (cp < 0x80) {
        lis_buf_addc(out, (char)cp);
        return true;
    }
    t = translit_lookup(cp);
    if (t) {
        lis_buf_adds(out, t);
        return true;
    }
    if (uc_is_general_category(cp, UC_CATEGORY_M))
        return true;            /* accents go; the base letter stays */
    if (depth > 4)
        return false;
    n = uc_decomposition(cp, &tag, dec);
    if (n <= 0)
        return false;
    for (i = 0; i < n; i++) {
        size_t before = out->len;
        if (!translit_cp(dec[i], depth + 1, out)) {
            out->len = before;
            out->data[before] = '\0';
            lis_buf_addc(out, '?');
        }
        any = true;
    }
    return any;
}

void lis_transliterate(const char *s, size_t len, struct lis_buf *out)
{
    size_t off = 0, n;
    uint32_t cp;

    lis_buf_reserve(out, len);
    while (off < len) {
        if ((unsigned char)s[off] < 0x80) {
            lis_buf_addc(out, s[off++]);
            continue;
        }
        n = lis_u8_get(s + off, len - off, &cp);
        if (!translit_cp(cp, 0, out))
            lis_buf_addc(out, '?');
        off += n;
    }
}

/* ---------------------------------------------------------------- folding */

struct fold_ctx {
    struct lis_buf *out;
    size_t **map;
    size_t *map_cap;
    size_t src;             /* offset of the character being folded */
    size_t base;            /* out->len when lis_fold was called */
    bool strip;
    bool casefold;
};

static void fold_emit_bytes(struct fold_ctx *f, const char *p, size_t n)
{
    size_t i, at = f->out->len - f->base;

    lis_buf_add(f->out, p, n);
    if (f->map) {
        *f->map = lis_xgrow(*f->map, f->map_cap, at + n, sizeof **f->map);
        for (i = 0; i < n; i++)
            (*f->map)[at + i] = f->src;
    }
}

static void fold_emit_cp(struct fold_ctx *f, uint32_t cp)
{
    char u[4];
    size_t n = lis_u8_encode(cp, u);

    fold_emit_bytes(f, u, n);
}

/* Fold one already-decomposed code point. */
static void fold_base(struct fold_ctx *f, uint32_t cp)
{
    if (f->casefold) {
        if (cp == 0xDF || cp == 0x1E9E) {
            fold_emit_bytes(f, "ss", 2);
            return;
        }
        if (cp == 0x3C2)
            cp = 0x3C3;         /* final sigma folds to sigma */
        else
            cp = uc_tolower(cp);
    }
    if (f->strip) {
        switch (cp) {
        case 0x152: fold_emit_bytes(f, f->casefold ? "oe" : "OE", 2); return;
        case 0x153: fold_emit_bytes(f, "oe", 2); return;
        case 0xC6: fold_emit_bytes(f, f->casefold ? "ae" : "AE", 2); return;
        case 0xE6: fold_emit_bytes(f, "ae", 2); return;
        case 0xFB00: fold_emit_bytes(f, "ff", 2); return;
        case 0xFB01: fold_emit_bytes(f, "fi", 2); return;
        case 0xFB02: fold_emit_bytes(f, "fl", 2); return;
        case 0xFB03: fold_emit_bytes(f, "ffi", 3); return;
        case 0xFB04: fold_emit_bytes(f, "ffl", 3); return;
        case 0xFB05: case 0xFB06: fold_emit_bytes(f, "st", 2); return;
        case 0x2018: case 0x2019: case 0x201B: case 0x2032: case 0x02BC:
            fold_emit_bytes(f, "'", 1);
            return;
        case 0x2010: case 0x2011:
            fold_emit_bytes(f, "-", 1);
            return;
        default:
            break;
        }
        if (cp >= 0x300 && uc_is_general_category(cp, UC_CATEGORY_Mn))
            return;
    }
    fold_emit_cp(f, cp);
}

static void fold_decomposed(struct fold_ctx *f, uint32_t cp, int depth)
{
    ucs4_t dec[UC_DECOMPOSITION_MAX_LENGTH];
    int n, i;

    /* Canonical decomposition on both sides makes NFC and NFD text fold
     * alike, with or without accent stripping. */
    n = cp >= 0xC0 && depth < 4 ? uc_canonical_decomposition(cp, dec) : -1;
    if (n <= 0) {
        fold_base(f, cp);
        return;
    }
    for (i = 0; i < n; i++)
        fold_decomposed(f, dec[i], depth + 1);
}

static bool is_space_sep(uint32_t cp)
{
    return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A)
        || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

void lis_fold(const char *s, size_t len, bool strip_accents, bool casefold,
              struct lis_buf *out, size_t **map, size_t *map_cap)
{
    struct fold_ctx f = {out, map, map_cap, 0, out->len, strip_accents,
                         casefold};
    size_t off = 0, n, at;
    uint32_t cp;

    lis_buf_reserve(out, len);
    if (map)
        *map = lis_xgrow(*map, map_cap, len + 1, sizeof **map);
    while (off < len) {
        unsigned char c = (unsigned char)s[off];

        if (c < 0x80) {
            /* A run of ASCII needs no decomposition: a tight loop. */
            size_t run = 1;

            while (off + run < len && (unsigned char)s[off + run] < 0x80)
                run++;
            at = out->len;
            lis_buf_reserve(out, run);
            if (map)
                *map = lis_xgrow(*map, map_cap, at - f.base + run,
                                 sizeof **map);
            for (size_t k = 0; k < run; k++) {
                c = (unsigned char)s[off + k];
                if (casefold && c >= 'A' && c <= 'Z')
                    c = (unsigned char)(c + 32);
                out->data[at + k] = (char)c;
                if (map)
                    (*map)[at - f.base + k] = off + k;
            }
            out->len = at + run;
            out->data[out->len] = '\0';
            off += run;
            continue;
        }
        n = lis_u8_get(s + off, len - off, &cp);
        f.src = off;
        off += n;
        if (is_space_sep(cp)) {
            fold_emit_bytes(&f, " ", 1);
            continue;
        }
        /* Invisible characters never separate what a reader sees as one
         * word (soft hyphen, zero-width space, word joiner, BOM). */
        if (cp == 0xAD || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF)
            continue;
        fold_decomposed(&f, cp, 0);
    }
}
