/* test_layout.c -- wrapping (UAX #14 + French non-breaking spaces), wide
 * and combining characters, the on-demand layout, cells and plain render. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <cmocka.h>

#include "liseuse/layout.h"
#include "liseuse/text.h"

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"
#define ACUTE "\xcc\x81"
#define LAQ "\xc2\xab"
#define RAQ "\xc2\xbb"
#define ZH "\xe4\xb8\xad"           /* 中, 2 cells */
#define EMOJI "\xf0\x9f\x98\x80"    /* 😀, 2 cells */

/* Lines of s at width, joined with '|' (trailing break spaces dropped). */
static char *wrap_str(const char *s, int width)
{
    struct lis_line *lines;
    struct lis_buf b;
    size_t n, i;

    n = lis_wrap(s, strlen(s), width, &lines);
    lis_buf_init(&b);
    for (i = 0; i < n; i++) {
        if (i)
            lis_buf_addc(&b, '|');
        lis_buf_add(&b, s + lines[i].start, lines[i].end - lines[i].start);
    }
    free(lines);
    return lis_buf_steal(&b, NULL);
}

static void check_wrap(const char *s, int width, const char *want)
{
    char *got = wrap_str(s, width);

    if (strcmp(got, want) != 0)
        print_error("width %d: got \"%s\", want \"%s\"\n", width, got, want);
    assert_string_equal(got, want);
    free(got);
}

static bool starts_with(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    return len >= n && memcmp(s, p, n) == 0;
}

static bool ends_with(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    return len >= n && memcmp(s + len - n, p, n) == 0;
}

/* No line of s at any width from minw to 60 starts with a closing mark or
 * a non-breaking space, or ends with an opening guillemet or one. */
static void check_french_glue(const char *s, int minw)
{
    static const char *const no_start[] = {
        RAQ, ":", ";", "!", "?", NBSP, NNBSP,
    };
    static const char *const no_end[] = {LAQ, NBSP, NNBSP};
    struct lis_line *lines;
    size_t n, i, k;
    int w;

    for (w = minw; w <= 60; w++) {
        n = lis_wrap(s, strlen(s), w, &lines);
        for (i = 0; i < n; i++) {
            const char *l = s + lines[i].start;
            size_t len = lines[i].end - lines[i].start;
            assert_true(lines[i].width <= w);
            for (k = 0; k < LIS_ARRAY_LEN(no_start); k++) {
                if (i > 0 && starts_with(l, len, no_start[k])) {
                    print_error("width %d line %zu starts with %s\n", w, i,
                                no_start[k]);
                    fail();
                }
            }
            for (k = 0; k < LIS_ARRAY_LEN(no_end); k++) {
                if (i + 1 < n && ends_with(l, len, no_end[k])) {
                    print_error("width %d line %zu ends with %s\n", w, i,
                                no_end[k]);
                    fail();
                }
            }
        }
        free(lines);
    }
}

static void test_nbsp_never_broken(void **state)
{
    (void)state;
    /* Words of at most 9 cells with their glued marks: no width >= 12
     * ever needs a forced cut. */
    check_french_glue("Il a dit " LAQ NBSP "bonjour" NBSP RAQ " puis il "
                      "est parti" NBSP ": " LAQ NBSP "au revoir" NBSP RAQ
                      NBSP "! Vraiment" NBSP "? Oui" NBSP "; non.", 15);
    check_french_glue("Il a dit " LAQ NNBSP "bonjour" NNBSP RAQ " puis il "
                      "est parti" NNBSP ": " LAQ NNBSP "au revoir" NNBSP RAQ
                      NNBSP "! Vraiment" NNBSP "? Oui" NNBSP "; non.", 15);
    /* The exact lines: the glued unit moves as a whole. */
    check_wrap("un " LAQ NBSP "mot" NBSP RAQ, 7, "un|" LAQ NBSP "mot" NBSP RAQ);
    check_wrap("le mot" NBSP ": suite", 7, "le|mot" NBSP ":|suite");
    check_wrap("le mot" NNBSP "! suite", 7, "le|mot" NNBSP "!|suite");
    /* U+2060 word joiner glues too (it is drawn as an 8-cell marker). */
    check_wrap("aa bb\xe2\x81\xa0" "cc dd", 14, "aa|bb\xe2\x81\xa0" "cc|dd");
}

static void test_guillemets_plain_spaces(void **state)
{
    (void)state;
    /* Files that use ordinary spaces still keep « and » with the word
     * (UAX #14 alone would allow "«" at a line end and "»" at a start). */
    check_french_glue("Il a dit " LAQ " bonjour " RAQ " puis il est parti : "
                      LAQ " au revoir " RAQ " ! Vraiment ? Oui ; non.", 15);
    check_wrap("un " LAQ " mot " RAQ " fin", 7, "un|" LAQ " mot " RAQ "|fin");
    /* "» «" between two quotes may break. */
    check_wrap(LAQ " a " RAQ " " LAQ " b " RAQ, 6, LAQ " a " RAQ "|" LAQ " b "
               RAQ);
}

static void test_basic_wrap(void **state)
{
    (void)state;
    check_wrap("", 10, "");
    check_wrap("Le chat dort sur le canap\xc3\xa9.", 12,
               "Le chat dort|sur le|canap\xc3\xa9.");
    check_wrap("Le chat dort sur le canap\xc3\xa9.", 80,
               "Le chat dort sur le canap\xc3\xa9.");
    /* Trailing spaces at a break or at the end are not part of a line. */
    check_wrap("aaa     bbb   ", 5, "aaa|bbb");
    check_wrap("   ", 10, "");
    /* Hyphens are break opportunities. */
    check_wrap("les Etats-Unis", 10, "les Etats-|Unis");
}

static void test_long_words(void **state)
{
    (void)state;
    check_wrap("anticonstitutionnellement", 10,
               "anticonsti|tutionnell|ement");
    /* Cut at grapheme boundaries: a decomposed é stays whole. */
    check_wrap("e" ACUTE "e" ACUTE "e" ACUTE "e" ACUTE "e" ACUTE, 2,
               "e" ACUTE "e" ACUTE "|e" ACUTE "e" ACUTE "|e" ACUTE);
    check_wrap("ab " "e" ACUTE "e" ACUTE "e" ACUTE, 3,
               "ab|e" ACUTE "e" ACUTE "e" ACUTE);
}

static void test_width_one_two(void **state)
{
    (void)state;
    check_wrap("ab cd", 1, "a|b|c|d");
    check_wrap("ab cd", 2, "ab|cd");
    check_wrap("abc", 0, "a|b|c");      /* width < 1 acts as 1 */
    /* A 2-cell character on a width-1 line goes alone. */
    check_wrap("a" ZH "b", 1, "a|" ZH "|b");
    check_wrap(ZH ZH ZH, 1, ZH "|" ZH "|" ZH);
    check_wrap(ZH ZH ZH, 2, ZH "|" ZH "|" ZH);
    check_wrap("a" ZH ZH, 2, "a|" ZH "|" ZH);
}

static void test_wide_chars(void **state)
{
    struct lis_line *lines;
    size_t n, i;

    (void)state;
    /* CJK breaks between ideographs and never straddles the edge. */
    check_wrap(ZH ZH ZH ZH ZH ZH, 5, ZH ZH "|" ZH ZH "|" ZH ZH);
    check_wrap("a" ZH ZH ZH, 4, "a" ZH "|" ZH ZH);
    check_wrap("x " EMOJI EMOJI " y", 3, "x|" EMOJI "|" EMOJI "|y");
    n = lis_wrap(ZH ZH ZH ZH ZH ZH, 18, 5, &lines);
    assert_int_equal(n, 3);
    for (i = 0; i < n; i++)
        assert_int_equal(lines[i].width, 4);
    free(lines);
}

static void test_tabs_and_markers(void **state)
{
    struct lis_line *lines;
    size_t n;

    (void)state;
    n = lis_wrap("ab\tc", 4, 80, &lines);
    assert_int_equal(n, 1);
    assert_int_equal(lines[0].width, LIS_TAB_WIDTH + 1);
    free(lines);
    /* A marker counts by its length: ^[ is 2 cells. */
    n = lis_wrap("ab\x1b" "cd", 5, 80, &lines);
    assert_int_equal(lines[0].width, 6);
    free(lines);
    n = lis_wrap("x\xe2\x80\xae" "y", 5, 80, &lines);
    assert_int_equal(lines[0].width, 10);
    free(lines);
    (void)n;
}

/* Invariants of lis_wrap on any input. */
static void check_wrap_invariants(const char *s, size_t len, int width)
{
    struct lis_line *lines;
    size_t n, i, prev_end = 0, g;

    n = lis_wrap(s, len, width, &lines);
    assert_true(n >= 1);
    assert_int_equal(lines[0].start, 0);
    for (i = 0; i < n; i++) {
        const struct lis_line *l = &lines[i];
        size_t k, count = 0;

        assert_true(l->start <= l->end);
        assert_true(l->start >= prev_end);
        assert_true(l->end <= len);
        /* Gaps hold only the spaces of a break. */
        for (k = prev_end; k < l->start; k++)
            assert_int_equal(s[k], ' ');
        assert_true(lis_u8_is_boundary(s, len, l->start));
        assert_true(lis_u8_is_boundary(s, len, l->end));
        /* Lines are made of whole graphemes. */
        for (g = l->start; g < l->end; count++)
            g = lis_grapheme_next(s, l->end, g);
        assert_int_equal(g, l->end);
        if (l->end > 0 && l->end < len)
            assert_int_equal(lis_grapheme_next(s, len,
                                               lis_grapheme_prev(s, len,
                                                                 l->end)),
                             l->end);
        assert_int_equal(l->width, lis_str_width(s + l->start,
                                                 l->end - l->start));
        if (l->width > width && count != 1) {
            print_error("line %zu width %d > %d with %zu graphemes\n", i,
                        l->width, width, count);
            fail();
        }
        prev_end = l->end;
    }
    for (i = prev_end; i < len; i++)
        assert_int_equal(s[i], ' ');
    free(lines);
}

static uint32_t rng_next(uint32_t *st)
{
    *st = *st * 1664525u + 1013904223u;
    return *st >> 8;
}

static void test_wrap_property(void **state)
{
    static const char *const pieces[] = {
        "a", "mot", "anticonstitutionnellement", " ", " ", " ", "  ",
        NBSP, NNBSP, LAQ, RAQ, ":", "!", "?", ";", ",", ".", "-",
        "\xc3\xa9", "e" ACUTE, ACUTE, ZH, EMOJI, "\t", "\x1b", "\x07",
        "\xc2\x85", "\xe2\x80\xae", "\xe2\x80\x8b", "\xe2\x81\xa0",
        "\xef\xbf\xbd", "\xff", "\xe2\x80", "\xf0\x9f\x87\xab",
        "\xf0\x9f\x87\xb7", "\xe2\x80\x8d", "(", ")", "\xe2\x80\x94",
        "1", "50", "%", "'", "\xe2\x80\x99", "\xc5\x93",
    };
    struct lis_buf b;
    uint32_t st = 12345;
    int iter;

    (void)state;
    lis_buf_init(&b);
    for (iter = 0; iter < 3000; iter++) {
        size_t k, n = rng_next(&st) % 60;
        int width = (int)(rng_next(&st) % 120) + 1;

        b.len = 0;
        lis_buf_reserve(&b, 0);
        if (iter % 3 == 0)
            width = (int)(rng_next(&st) % 8) + 1;
        for (k = 0; k < n; k++)
            lis_buf_adds(&b, pieces[rng_next(&st) % LIS_ARRAY_LEN(pieces)]);
        check_wrap_invariants(b.data, b.len, width);
    }
    lis_buf_free(&b);
}

static const char *data_dir(void)
{
    const char *d = getenv("LIS_TEST_DATA");
    return d && *d ? d : LIS_ABS_SRCDIR "/tests/data";
}

static void test_wrap_corpus(void **state)
{
    static const int widths[] = {1, 7, 20, 45, 80, 132};
    char path[4096];
    DIR *dir;
    struct dirent *de;
    int files = 0;

    (void)state;
    snprintf(path, sizeof path, "%s/corpus/wikinews-fr-2012", data_dir());
    dir = opendir(path);
    assert_non_null(dir);
    while ((de = readdir(dir)) != NULL) {
        struct lis_document *doc;
        char file[4600];
        FILE *fp;
        char *data;
        long sz;
        size_t p, w;

        if (!strstr(de->d_name, ".txt") || files >= 25)
            continue;
        snprintf(file, sizeof file, "%s/%s", path, de->d_name);
        fp = fopen(file, "rb");
        assert_non_null(fp);
        fseek(fp, 0, SEEK_END);
        sz = ftell(fp);
        fseek(fp, 0, SEEK_SET);
        data = malloc((size_t)sz + 1);
        assert_int_equal(fread(data, 1, (size_t)sz, fp), (size_t)sz);
        fclose(fp);
        assert_int_equal(lis_document_from_bytes(data, (size_t)sz, file,
                                                 NULL, &doc), LIS_OK);
        for (w = 0; w < LIS_ARRAY_LEN(widths); w++)
            for (p = 0; p < doc->n_paras; p++)
                check_wrap_invariants(doc->body + doc->paras[p].start,
                                      doc->paras[p].end
                                          - doc->paras[p].start,
                                      widths[w]);
        lis_document_free(doc);
        free(data);
        files++;
    }
    closedir(dir);
    assert_true(files >= 10);
}

/* ---------------------------------------------------------------- layout */

static struct lis_document *make_doc(const char *text)
{
    struct lis_document *doc = NULL;

    assert_int_equal(lis_document_from_bytes(text, strlen(text), "test",
                                             NULL, &doc), LIS_OK);
    return doc;
}

static void test_layout_positions(void **state)
{
    /* Paragraph 0: 3 lines at width 10; 1: blank; 2: 2 lines. */
    struct lis_document *doc = make_doc("aaaa bbbb cccc dddd eeee\n"
                                        "\n"
                                        "ffff gggg hhhh\n");
    struct lis_layout *lay = lis_layout_new(doc, 10);
    const struct lis_line *l;
    struct lis_pos pos, last;
    size_t n, off, moved;

    (void)state;
    assert_int_equal(lis_layout_width(lay), 10);
    assert_int_equal(doc->n_paras, 3);
    l = lis_layout_lines(lay, 0, &n);
    assert_int_equal(n, 3);
    assert_int_equal(l[1].start, 10);
    l = lis_layout_lines(lay, 1, &n);
    assert_int_equal(n, 1);
    assert_int_equal(l[0].start, l[0].end);
    assert_null(lis_layout_lines(lay, 3, &n));
    assert_int_equal(n, 0);

    /* Every offset maps to the line that shows it, and back. */
    for (off = 0; off <= doc->body_len; off++) {
        pos = lis_layout_pos_at(lay, off);
        assert_true(lis_layout_offset_at(lay, pos) <= off);
        assert_int_equal(lis_layout_pos_at(lay, lis_layout_offset_at(lay,
                                                                     pos))
                             .line, pos.line);
    }
    pos = lis_layout_pos_at(lay, 12);           /* inside "cccc" */
    assert_int_equal(pos.para, 0);
    assert_int_equal(pos.line, 1);
    pos = lis_layout_pos_at(lay, 9);            /* the break space */
    assert_int_equal(pos.line, 0);
    pos = lis_layout_pos_at(lay, 31);           /* "gggg" */
    assert_int_equal(pos.para, 2);
    assert_int_equal(pos.line, 0);

    /* Moving across paragraphs: 3 + 1 + 2 = 6 lines. */
    pos.para = 0;
    pos.line = 0;
    moved = lis_layout_move(lay, &pos, 4);
    assert_int_equal(moved, 4);
    assert_int_equal(pos.para, 2);
    assert_int_equal(pos.line, 0);
    assert_int_equal(lis_layout_offset_at(lay, pos), 26);
    moved = lis_layout_move(lay, &pos, 100);
    assert_int_equal(moved, 1);
    last = lis_layout_last(lay);
    assert_int_equal(pos.para, last.para);
    assert_int_equal(pos.line, last.line);
    assert_int_equal(last.para, 2);
    assert_int_equal(last.line, 1);
    moved = lis_layout_move(lay, &pos, -2);
    assert_int_equal(moved, 2);
    assert_int_equal(pos.para, 1);
    assert_int_equal(pos.line, 0);
    moved = lis_layout_move(lay, &pos, -100);
    assert_int_equal(moved, 3);
    assert_int_equal(pos.para, 0);
    assert_int_equal(pos.line, 0);
    assert_int_equal(lis_layout_move(lay, &pos, 0), 0);

    lis_layout_free(lay);
    lis_document_free(doc);
}

static void test_layout_resize_keeps_offset(void **state)
{
    struct lis_document *doc = make_doc(
        "Le groupe am\xc3\xa9ricain Microsoft a exprim\xc3\xa9 ses regrets "
        "de ne pas avoir pu racheter les activit\xc3\xa9s de TikTok aux "
        "\xc3\x89tats-Unis.\nUne deuxi\xc3\xa8me phrase ici.");
    struct lis_layout *a = lis_layout_new(doc, 30);
    struct lis_layout *b = lis_layout_new(doc, 12);
    size_t target = (size_t)(strstr(doc->body, "TikTok") - doc->body);
    struct lis_pos pa = lis_layout_pos_at(a, target);
    size_t top = lis_layout_offset_at(a, pa);
    struct lis_pos pb = lis_layout_pos_at(b, top);
    const struct lis_line *l;
    size_t n;

    (void)state;
    /* After a re-wrap the line shown first still contains the old top. */
    l = lis_layout_lines(b, pb.para, &n);
    assert_true(l[pb.line].start <= top);
    assert_true(pb.line + 1 == n || l[pb.line + 1].start > top);
    lis_layout_free(a);
    lis_layout_free(b);
    lis_document_free(doc);
}

static void test_layout_many_paragraphs(void **state)
{
    /* 300 000 paragraphs: creating the layout and reaching the end must
     * not wrap everything. */
    struct lis_buf b;
    struct lis_document *doc;
    struct lis_layout *lay;
    struct lis_pos pos;
    size_t i;

    (void)state;
    lis_buf_init(&b);
    for (i = 0; i < 300000; i++)
        lis_buf_printf(&b, "Paragraphe %zu, assez court.\n", i);
    assert_int_equal(lis_document_from_bytes(b.data, b.len, "big", NULL,
                                             &doc), LIS_OK);
    lay = lis_layout_new(doc, 15);
    assert_int_equal(lis_layout_n_wrapped(lay), 0);
    pos = lis_layout_last(lay);
    assert_int_equal(pos.para, doc->n_paras - 1);
    assert_int_equal(pos.line, 2);     /* Paragraphe|299999, assez|court. */
    pos = lis_layout_pos_at(lay, doc->body_len / 2);
    assert_true(pos.para > 100000);
    assert_int_equal(lis_layout_move(lay, &pos, 25), 25);
    assert_int_equal(lis_layout_move(lay, &pos, -40), 40);
    /* Only the paragraphs around the places visited were wrapped. */
    assert_true(lis_layout_n_wrapped(lay) < 40);
    lis_layout_free(lay);
    lis_document_free(doc);
    lis_buf_free(&b);
}

static void test_empty_document(void **state)
{
    struct lis_document *doc = make_doc("");
    struct lis_layout *lay = lis_layout_new(doc, 40);
    struct lis_pos pos = lis_layout_pos_at(lay, 0);
    struct lis_buf out;

    (void)state;
    assert_int_equal(pos.para, 0);
    assert_int_equal(pos.line, 0);
    assert_int_equal(lis_layout_offset_at(lay, pos), 0);
    assert_int_equal(lis_layout_move(lay, &pos, 5), 0);
    lis_buf_init(&out);
    lis_render_plain(doc, 40, &out);
    assert_true(out.len <= 1);
    lis_buf_free(&out);
    lis_layout_free(lay);
    lis_document_free(doc);
}

/* ---------------------------------------------------------------- cells */

static void test_cells(void **state)
{
    /* a 中 é(NFD) \x1b b : cols 0, 1, 3, 4, 6 */
    struct lis_document doc;
    struct lis_paragraph para;
    struct lis_line ln;
    struct lis_cells c;
    struct lis_span sp;
    int c0, c1;
    char body[] = "a" ZH "e" ACUTE "\x1b" "b";

    (void)state;
    memset(&doc, 0, sizeof doc);
    doc.body = body;
    doc.body_len = strlen(body);
    para.start = 0;
    para.end = doc.body_len;
    doc.paras = &para;
    doc.n_paras = 1;
    ln.start = 0;
    ln.end = doc.body_len;
    ln.width = 7;

    lis_cells_init(&c);
    lis_layout_cells(&doc, &ln, &c);
    assert_int_equal(c.n, 5);
    assert_int_equal(c.cells[1].col, 1);
    assert_int_equal(c.cells[1].width, 2);
    assert_int_equal(c.cells[2].col, 3);
    assert_int_equal(c.cells[2].start, 4);
    assert_int_equal(c.cells[2].end, 7);
    assert_int_equal(c.cells[3].col, 4);
    assert_true(c.cells[3].marker);
    assert_memory_equal(c.text.data + c.cells[3].text_off, "^[", 2);
    assert_int_equal(c.cells[3].text_len, 2);
    assert_int_equal(c.cells[4].col, 6);
    assert_false(c.cells[4].marker);
    assert_string_equal(c.text.data, "a" ZH "e" ACUTE "^[b");

    /* The wide character covers two columns. */
    sp.start = 1;
    sp.end = 4;
    assert_true(lis_cells_span(&c, sp, &c0, &c1));
    assert_int_equal(c0, 1);
    assert_int_equal(c1, 3);
    /* A span edge inside a grapheme rounds outward: only the accent. */
    sp.start = 5;
    sp.end = 7;
    assert_true(lis_cells_span(&c, sp, &c0, &c1));
    assert_int_equal(c0, 3);
    assert_int_equal(c1, 4);
    /* Half of the wide character still highlights both cells. */
    sp.start = 2;
    sp.end = 5;
    assert_true(lis_cells_span(&c, sp, &c0, &c1));
    assert_int_equal(c0, 1);
    assert_int_equal(c1, 4);
    /* The whole line, and a span past it. */
    sp.start = 0;
    sp.end = 100;
    assert_true(lis_cells_span(&c, sp, &c0, &c1));
    assert_int_equal(c0, 0);
    assert_int_equal(c1, 7);
    sp.start = doc.body_len;
    sp.end = 100;
    assert_false(lis_cells_span(&c, sp, &c0, &c1));
    sp.start = 3;
    sp.end = 3;
    assert_false(lis_cells_span(&c, sp, &c0, &c1));

    /* Reuse resets; a line from the middle has columns from its edge. */
    ln.start = 4;
    lis_layout_cells(&doc, &ln, &c);
    assert_int_equal(c.n, 3);
    assert_int_equal(c.cells[0].col, 0);
    assert_string_equal(c.text.data, "e" ACUTE "^[b");
    lis_cells_free(&c);
}

static void test_cells_wrapped_span(void **state)
{
    /* A span over three wrapped lines is found on each, at the right
     * columns. */
    struct lis_document *doc = make_doc("aa \xc2\xab bbb ccc ddd \xc2\xbb ee");
    struct lis_layout *lay = lis_layout_new(doc, 8);
    struct lis_span sp;
    struct lis_cells c;
    const struct lis_line *l;
    size_t n, i, hit = 0;
    int c0, c1;

    (void)state;
    sp.start = 3;                                   /* « */
    sp.end = (size_t)(strstr(doc->body, "\xc2\xbb") - doc->body) + 2;
    l = lis_layout_lines(lay, 0, &n);
    lis_cells_init(&c);
    for (i = 0; i < n; i++) {
        lis_layout_cells(doc, &l[i], &c);
        if (lis_cells_span(&c, sp, &c0, &c1)) {
            hit++;
            assert_true(c1 <= l[i].width);
            assert_true(c0 < c1);
        }
    }
    assert_int_equal(hit, 3);
    lis_cells_free(&c);
    lis_layout_free(lay);
    lis_document_free(doc);
}

/* ---------------------------------------------------------------- plain */

static void test_render_plain_markers(void **state)
{
    struct lis_document *doc = make_doc("a\x1b]52;c;AAA\x07" "b\n"
                                        "x\xe2\x80\xae" "y\xc2\x9b" "z\n"
                                        "\tt\n");
    struct lis_buf out;

    (void)state;
    lis_buf_init(&out);
    lis_render_plain(doc, 80, &out);
    assert_non_null(strstr(out.data, "a^[]52;c;AAA^Gb\n"));
    assert_non_null(strstr(out.data, "x<U+202E>y<U+009B>z\n"));
    assert_non_null(strstr(out.data, "        t\n"));
    assert_null(memchr(out.data, 0x1b, out.len));
    assert_null(memchr(out.data, 0x07, out.len));
    assert_null(strstr(out.data, "\xe2\x80\xae"));
    assert_null(strstr(out.data, "\xc2\x9b"));
    assert_null(memchr(out.data, '\t', out.len));
    lis_buf_free(&out);
    lis_document_free(doc);
}

static void test_render_plain_wraps(void **state)
{
    struct lis_document *doc = make_doc("Il a dit " LAQ NBSP "bonjour" NBSP
                                        RAQ " et il est parti.\n\nFin.");
    struct lis_buf out;

    (void)state;
    lis_buf_init(&out);
    lis_render_plain(doc, 12, &out);
    assert_string_equal(out.data, "Il a dit\n" LAQ NBSP "bonjour" NBSP RAQ
                        "\net il est\nparti.\n\nFin.\n");
    lis_buf_free(&out);
    lis_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nbsp_never_broken),
        cmocka_unit_test(test_guillemets_plain_spaces),
        cmocka_unit_test(test_basic_wrap),
        cmocka_unit_test(test_long_words),
        cmocka_unit_test(test_width_one_two),
        cmocka_unit_test(test_wide_chars),
        cmocka_unit_test(test_tabs_and_markers),
        cmocka_unit_test(test_wrap_property),
        cmocka_unit_test(test_wrap_corpus),
        cmocka_unit_test(test_layout_positions),
        cmocka_unit_test(test_layout_resize_keeps_offset),
        cmocka_unit_test(test_layout_many_paragraphs),
        cmocka_unit_test(test_empty_document),
        cmocka_unit_test(test_cells),
        cmocka_unit_test(test_cells_wrapped_span),
        cmocka_unit_test(test_render_plain_markers),
        cmocka_unit_test(test_render_plain_wraps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
