/* test_text.c -- UTF-8 stepping, graphemes, widths, markers, fitting,
 * transliteration and search folding. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "liseuse/text.h"

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"
#define ACUTE "\xcc\x81"            /* U+0301 */

static void test_u8_get(void **state)
{
    uint32_t cp;

    (void)state;
    assert_int_equal(lis_u8_get("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(lis_u8_get("\xc3\xa9", 2, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(lis_u8_get("\xf0\x9f\x98\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    /* Overlong, surrogate, truncated, out of range: one byte, U+FFFD. */
    assert_int_equal(lis_u8_get("\xc0\xaf", 2, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(lis_u8_get("\xed\xa0\x80", 3, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(lis_u8_get("\xe2\x80", 2, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(lis_u8_get("\xf4\x90\x80\x80", 4, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(lis_u8_get("\x80", 1, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
}

static void test_u8_prev_boundary(void **state)
{
    const char *s = "a\xc3\xa9\xe2\x80\xaf\xf0\x9f\x98\x80z";  /* a é NNBSP 😀 z */
    size_t len = strlen(s);

    (void)state;
    assert_int_equal(lis_u8_prev(s, 0), 0);
    assert_int_equal(lis_u8_prev(s, 1), 0);
    assert_int_equal(lis_u8_prev(s, 3), 1);
    assert_int_equal(lis_u8_prev(s, 6), 3);
    assert_int_equal(lis_u8_prev(s, 10), 6);
    assert_int_equal(lis_u8_prev(s, 11), 10);
    assert_true(lis_u8_is_boundary(s, len, 0));
    assert_true(lis_u8_is_boundary(s, len, 1));
    assert_false(lis_u8_is_boundary(s, len, 2));
    assert_false(lis_u8_is_boundary(s, len, 4));
    assert_false(lis_u8_is_boundary(s, len, 5));
    assert_false(lis_u8_is_boundary(s, len, 9));
    assert_true(lis_u8_is_boundary(s, len, 10));
    assert_true(lis_u8_is_boundary(s, len, len));
    assert_false(lis_u8_is_boundary(s, len, len + 1));
    /* Stray continuation bytes are characters of their own. */
    assert_true(lis_u8_is_boundary("a\x80\x80" "b", 4, 2));
    assert_int_equal(lis_u8_prev("a\x80\x80" "b", 3), 2);
}

static void test_graphemes(void **state)
{
    const char *nfd = "e" ACUTE "t" "e" ACUTE;      /* été, decomposed */
    const char *flags = "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7"   /* FR */
                        "\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa";  /* DE */
    /* man ZWJ woman: one cluster */
    const char *family = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9!";

    (void)state;
    assert_int_equal(lis_grapheme_next(nfd, strlen(nfd), 0), 3);
    assert_int_equal(lis_grapheme_next(nfd, strlen(nfd), 3), 4);
    assert_int_equal(lis_grapheme_next(nfd, strlen(nfd), 4), 7);
    assert_int_equal(lis_grapheme_prev(nfd, strlen(nfd), 7), 4);
    assert_int_equal(lis_grapheme_prev(nfd, strlen(nfd), 3), 0);
    assert_int_equal(lis_grapheme_next(flags, 16, 0), 8);
    assert_int_equal(lis_grapheme_next(flags, 16, 8), 16);
    assert_int_equal(lis_grapheme_prev(flags, 16, 16), 8);
    assert_int_equal(lis_grapheme_prev(flags, 16, 8), 0);
    assert_int_equal(lis_grapheme_next(family, strlen(family), 0), 11);
    assert_int_equal(lis_grapheme_prev(family, strlen(family), 11), 0);
    assert_int_equal(lis_grapheme_next("ab", 2, 0), 1);
    assert_int_equal(lis_grapheme_next("ab", 2, 2), 2);
    assert_int_equal(lis_grapheme_prev("ab", 2, 2), 1);
    /* A control character is always its own cluster. */
    assert_int_equal(lis_grapheme_next("\x1b" ACUTE, 3, 0), 1);
}

static void check_marker(uint32_t cp, enum lis_glyph_kind kind,
                         const char *want)
{
    char buf[LIS_MARKER_MAX];
    size_t n;

    assert_int_equal(lis_glyph_kind(cp), kind);
    n = lis_glyph_marker(cp, buf, sizeof buf);
    assert_string_equal(buf, want);
    assert_int_equal(n, strlen(want));
}

static void test_glyph_kinds(void **state)
{
    char small[4];

    (void)state;
    check_marker('a', LIS_GLYPH_TEXT, "");
    check_marker('\t', LIS_GLYPH_TAB, "");
    check_marker(0x1B, LIS_GLYPH_CONTROL, "^[");
    check_marker(0x07, LIS_GLYPH_CONTROL, "^G");
    check_marker(0x00, LIS_GLYPH_CONTROL, "^@");
    check_marker(0x1F, LIS_GLYPH_CONTROL, "^_");
    check_marker(0x7F, LIS_GLYPH_CONTROL, "^?");
    check_marker(0x85, LIS_GLYPH_CONTROL, "<U+0085>");
    check_marker(0x9B, LIS_GLYPH_CONTROL, "<U+009B>");
    check_marker(0x202E, LIS_GLYPH_INVISIBLE, "<U+202E>");
    check_marker(0x2066, LIS_GLYPH_INVISIBLE, "<U+2066>");
    check_marker(0x061C, LIS_GLYPH_INVISIBLE, "<U+061C>");
    check_marker(0x200B, LIS_GLYPH_INVISIBLE, "<U+200B>");
    check_marker(0x200F, LIS_GLYPH_INVISIBLE, "<U+200F>");
    check_marker(0xFEFF, LIS_GLYPH_INVISIBLE, "<U+FEFF>");
    check_marker(0xFFF9, LIS_GLYPH_INVISIBLE, "<U+FFF9>");
    check_marker(0x2028, LIS_GLYPH_INVISIBLE, "<U+2028>");
    check_marker(0xE0001, LIS_GLYPH_INVISIBLE, "<U+E0001>");
    check_marker(0xA0, LIS_GLYPH_TEXT, "");
    check_marker(0x202F, LIS_GLYPH_TEXT, "");
    check_marker(0xFFFD, LIS_GLYPH_TEXT, "");
    check_marker(0x0378, LIS_GLYPH_TEXT, "");     /* unassigned stays text */
    /* A short buffer is truncated but the full length is returned. */
    assert_int_equal(lis_glyph_marker(0x202E, small, sizeof small), 8);
    assert_string_equal(small, "<U+");
}

static void test_widths(void **state)
{
    (void)state;
    assert_int_equal(lis_grapheme_width("e" ACUTE, 3, 0), 1);
    assert_int_equal(lis_grapheme_width("\xe4\xb8\xad", 3, 0), 2);     /* 中 */
    assert_int_equal(lis_grapheme_width("\xf0\x9f\x98\x80", 4, 0), 2);
    assert_int_equal(lis_grapheme_width(NBSP, 2, 0), 1);
    assert_int_equal(lis_grapheme_width(NNBSP, 3, 0), 1);
    assert_int_equal(lis_grapheme_width("\t", 1, 0), LIS_TAB_WIDTH);
    assert_int_equal(lis_grapheme_width("\t", 1, 3), LIS_TAB_WIDTH - 3);
    assert_int_equal(lis_grapheme_width("\x1b", 1, 0), 2);
    assert_int_equal(lis_grapheme_width("\xe2\x80\xae", 3, 0), 8);
    assert_int_equal(lis_grapheme_width(ACUTE, 2, 0), 1);   /* no base */
    assert_int_equal(lis_grapheme_width("", 0, 0), 0);
    /* In an emoji ZWJ sequence the joiner is not drawn: two pictographs;
     * anywhere else it is a marker. */
    assert_int_equal(lis_grapheme_width("\xf0\x9f\x91\xa8\xe2\x80\x8d"
                                        "\xf0\x9f\x91\xa9", 11, 0), 4);
    assert_int_equal(lis_grapheme_width("a\xe2\x80\x8d", 4, 0), 9);
    /* Flags: a pair of regional indicators, 1 cell each here. */
    assert_int_equal(lis_str_width("\xf0\x9f\x87\xab\xf0\x9f\x87\xb7", 8),
                     lis_grapheme_width("\xf0\x9f\x87\xab\xf0\x9f\x87\xb7",
                                        8, 0));
    assert_int_equal(lis_str_width("a\xe4\xb8\xad" "e" ACUTE "\tb", 9),
                     LIS_TAB_WIDTH + 1);
    assert_int_equal(lis_str_width("caf\xc3\xa9", 5), 4);
}

static void test_render_grapheme(void **state)
{
    struct lis_buf b;
    bool marker;
    int w;

    (void)state;
    lis_buf_init(&b);
    w = lis_grapheme_render("\x07", 1, 0, &b, &marker);
    assert_int_equal(w, 2);
    assert_true(marker);
    assert_string_equal(b.data, "^G");
    b.len = 0;
    w = lis_grapheme_render(ACUTE, 2, 0, &b, &marker);
    assert_int_equal(w, 1);
    assert_false(marker);
    assert_string_equal(b.data, " " ACUTE);
    b.len = 0;
    w = lis_grapheme_render("\t", 1, 6, &b, NULL);
    assert_int_equal(w, 2);
    assert_string_equal(b.data, "  ");
    lis_buf_free(&b);
}

static void check_fit(const char *s, int max, bool ell, const char *want,
                      int want_w)
{
    struct lis_buf b;
    int w;

    lis_buf_init(&b);
    lis_buf_adds(&b, ">");
    w = lis_sanitize_fit(s, strlen(s), max, ell, &b);
    assert_string_equal(b.data + 1, want);
    assert_int_equal(w, want_w);
    assert_true(w <= max);
    lis_buf_free(&b);
}

static void test_sanitize_fit(void **state)
{
    (void)state;
    check_fit("Bonjour le monde", 80, true, "Bonjour le monde", 16);
    check_fit("Bonjour le monde", 16, true, "Bonjour le monde", 16);
    check_fit("Bonjour le monde", 10, true, "Bonjour l\xe2\x80\xa6", 10);
    check_fit("Bonjour le monde", 10, false, "Bonjour le", 10);
    check_fit("Bonjour", 1, true, "\xe2\x80\xa6", 1);
    check_fit("Bonjour", 0, true, "", 0);
    /* Wide characters never cut in half. */
    check_fit("\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87", 5, true,
              "\xe4\xb8\xad\xe6\x96\x87\xe2\x80\xa6", 5);
    check_fit("\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87", 4, true,
              "\xe4\xb8\xad\xe2\x80\xa6", 3);
    check_fit("\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87", 5, false,
              "\xe4\xb8\xad\xe6\x96\x87", 4);
    /* Never mid-grapheme: the accent stays with its letter. */
    check_fit("e" ACUTE "e" ACUTE "e" ACUTE, 2, true, "e" ACUTE "\xe2\x80\xa6",
              2);
    /* Controls become markers, escape sequences never get through. */
    check_fit("a\x1b[2Jb\x07", 20, true, "a^[[2Jb^G", 9);
    check_fit("x\xe2\x80\xaey", 20, true, "x<U+202E>y", 10);
    check_fit("a\tb", 20, true, "a       b", 9);
}

static void check_translit(const char *s, const char *want)
{
    struct lis_buf b;

    lis_buf_init(&b);
    lis_transliterate(s, strlen(s), &b);
    assert_string_equal(b.data ? b.data : "", want);
    lis_buf_free(&b);
}

static void test_transliterate(void **state)
{
    (void)state;
    check_translit("\xc3\x89t\xc3\xa9 \xc3\xa0 l\xe2\x80\x99\xc5\x93uvre",
                   "Ete a l'oeuvre");
    check_translit("\xc2\xab" NBSP "Oui" NNBSP "!" NBSP "\xc2\xbb",
                   "\" Oui ! \"");
    check_translit("\xe2\x80\x9c" "a" "\xe2\x80\x9d \xe2\x80\x9e" "b"
                   "\xe2\x80\x9c", "\"a\" \"b\"");
    check_translit("\xe2\x80\x98x\xe2\x80\x99 \xe2\x80\x9a", "'x' '");
    check_translit("\xc3\x86 \xc3\xa6 \xc5\x92 \xc3\x9f", "AE ae OE ss");
    check_translit("5" NBSP "\xe2\x82\xac \xe2\x80\x93 \xe2\x80\x94 "
                   "\xe2\x80\xa6", "5 EUR - - ...");
    check_translit("e" ACUTE " \xc3\xa7\xc3\xa0 \xc3\xae\xc3\xb4\xc3\xbb",
                   "e ca iou");
    check_translit("\xe4\xb8\xad \xf0\x9f\x98\x80 x", "? ? x");
    check_translit("\xef\xac\x81n", "fin");         /* ligature fi */
}

static char *fold(const char *s, bool strip, bool casefold, size_t **map)
{
    struct lis_buf b;
    size_t cap = 0;

    lis_buf_init(&b);
    if (map)
        *map = NULL;
    lis_fold(s, strlen(s), strip, casefold, &b, map, map ? &cap : NULL);
    return lis_buf_steal(&b, NULL);
}

static void check_fold(const char *s, bool strip, bool cf, const char *want)
{
    char *f = fold(s, strip, cf, NULL);

    assert_string_equal(f, want);
    free(f);
}

static void test_fold(void **state)
{
    (void)state;
    check_fold("\xc3\x89tats-Unis", true, true, "etats-unis");
    check_fold("\xc3\x89tats-Unis", true, false, "Etats-Unis");
    check_fold("\xc3\x89tats", false, true, "e" ACUTE "tats");
    check_fold("E" ACUTE "tats", false, true, "e" ACUTE "tats");
    check_fold("caf\xc3\xa9", true, true, "cafe");
    check_fold("cafe" ACUTE, true, true, "cafe");
    check_fold("\xc5\x92uvre \xc5\x93uvre \xc3\x86", true, true,
               "oeuvre oeuvre ae");
    check_fold("\xc5\x92uvre", true, false, "OEuvre");
    check_fold("l\xe2\x80\x99" "arbre l\xe2\x80\x98" "a", true, true,
               "l'arbre l'a");
    check_fold("l\xe2\x80\x99" "arbre", false, true, "l\xe2\x80\x99" "arbre");
    check_fold("mot" NBSP ":" NNBSP "x", false, false, "mot : x");
    check_fold("Stra\xc3\x9f" "e", true, true, "strasse");
    check_fold("im\xc2\xadpor\xe2\x80\x8btant", true, true, "important");
    /* Invalid bytes fold to U+FFFD, controls pass through. */
    check_fold("a\xff\x1b" "b", true, true, "a\xef\xbf\xbd\x1b" "b");
}

static void test_fold_map(void **state)
{
    /* "Œuvre é" : Œ (2 bytes) -> "oe", é -> "e" */
    const char *s = "\xc5\x92uvre \xc3\xa9t\xc3\xa9";
    size_t *map;
    char *f = fold(s, true, true, &map);
    static const size_t want[] = {0, 0, 2, 3, 4, 5, 6, 7, 9, 10};

    (void)state;
    assert_string_equal(f, "oeuvre ete");
    for (size_t i = 0; i < LIS_ARRAY_LEN(want); i++)
        assert_int_equal(map[i], want[i]);
    free(f);
    free(map);
    /* Decomposition without stripping: é -> e + U+0301, all mapped to é. */
    f = fold("x\xc3\xa9", false, false, &map);
    assert_string_equal(f, "xe" ACUTE);
    assert_int_equal(map[0], 0);
    assert_int_equal(map[1], 1);
    assert_int_equal(map[2], 1);
    assert_int_equal(map[3], 1);
    free(f);
    free(map);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_u8_get),
        cmocka_unit_test(test_u8_prev_boundary),
        cmocka_unit_test(test_graphemes),
        cmocka_unit_test(test_glyph_kinds),
        cmocka_unit_test(test_widths),
        cmocka_unit_test(test_render_grapheme),
        cmocka_unit_test(test_sanitize_fit),
        cmocka_unit_test(test_transliterate),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_fold_map),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
