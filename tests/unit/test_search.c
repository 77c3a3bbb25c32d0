/* test_search.c -- accent- and case-insensitive search, smart case, spans
 * mapped back to the body, next/previous match. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "liseuse/search.h"
#include "liseuse/text.h"

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"
#define ACUTE "\xcc\x81"

/* A document built by hand, so that the body can hold what the loader
 * would normalise away (NFD text). */
struct hand_doc {
    struct lis_document doc;
    struct lis_paragraph paras[64];
};

static void hand_doc_init(struct hand_doc *h, const char *body)
{
    size_t i, start = 0;

    memset(h, 0, sizeof *h);
    h->doc.body = (char *)body;
    h->doc.body_len = strlen(body);
    for (i = 0; i <= h->doc.body_len; i++) {
        if (i == h->doc.body_len || body[i] == '\n') {
            h->paras[h->doc.n_paras].start = start;
            h->paras[h->doc.n_paras].end = i;
            h->doc.n_paras++;
            start = i + 1;
        }
    }
    h->doc.paras = h->paras;
}

/* Number of matches of pat; the text of match i is checked against
 * want[i] when want is not NULL. */
static size_t find(const struct lis_document *doc, const char *pat,
                   const struct lis_search_opts *o, const char *const *want)
{
    struct lis_searcher *s = lis_searcher_new(doc);
    struct lis_span *m;
    size_t n, i;

    n = lis_search_all(s, pat, o, &m);
    for (i = 0; i < n; i++) {
        assert_true(m[i].start < m[i].end);
        assert_true(m[i].end <= doc->body_len);
        if (i > 0)
            assert_true(m[i].start >= m[i - 1].end);
        assert_true(lis_u8_is_boundary(doc->body, doc->body_len, m[i].start));
        assert_true(lis_u8_is_boundary(doc->body, doc->body_len, m[i].end));
        assert_null(memchr(doc->body + m[i].start, '\n',
                           m[i].end - m[i].start));
        if (want) {
            size_t len = m[i].end - m[i].start;
            if (strlen(want[i]) != len
                || memcmp(doc->body + m[i].start, want[i], len) != 0) {
                print_error("match %zu: \"%.*s\", want \"%s\"\n", i,
                            (int)len, doc->body + m[i].start, want[i]);
                fail();
            }
        }
    }
    if (n == 0)
        assert_null(m);
    free(m);
    lis_searcher_free(s);
    return n;
}

static const char *const body_fr =
    "Les \xc3\x89tats-Unis et les \xc3\xa9tats europ\xc3\xa9" "ens.\n"
    "Un caf\xc3\xa9 et un cafe" ACUTE " ; pas de cafetier ici.\n"
    "L\xe2\x80\x99\xc5\x93uvre de l'artiste, \xc5\x92uvres compl\xc3\xa8tes.\n"
    "Un mot" NBSP ": la suite" NNBSP "! ETATS et Etats.\n";

static void test_accent_folding(void **state)
{
    struct hand_doc h;
    struct lis_search_opts o;
    static const char *const etats[] = {
        "\xc3\x89tats", "\xc3\xa9tats", "ETATS", "Etats",
    };
    static const char *const cafe[] = {
        "caf\xc3\xa9", "cafe" ACUTE, "cafe",
    };
    static const char *const oeuvre[] = {
        "\xc5\x93uvre", "\xc5\x92uvre",
    };

    (void)state;
    hand_doc_init(&h, body_fr);
    lis_search_opts_default(&o);
    assert_true(o.fold_accents);
    assert_true(o.smart_case);
    assert_int_equal(find(&h.doc, "etats", &o, etats), 4);
    /* The NFD é is matched whole: the span ends after its accent. */
    assert_int_equal(find(&h.doc, "cafe", &o, cafe), 3);
    assert_int_equal(find(&h.doc, "oeuvre", &o, oeuvre), 2);
    /* The pattern may itself carry accents, composed or not. */
    assert_int_equal(find(&h.doc, "\xc3\xa9tats", &o, etats), 4);
    assert_int_equal(find(&h.doc, "e" ACUTE "tats", &o, etats), 4);
    assert_int_equal(find(&h.doc, "\xc5\x93uvre", &o, oeuvre), 2);
    assert_int_equal(find(&h.doc, "complete", &o, NULL), 1);
}

static void test_apostrophes(void **state)
{
    struct hand_doc h;
    struct lis_search_opts o;
    static const char *const want[] = {"L\xe2\x80\x99\xc5\x93uvre"};
    static const char *const quotes[] = {"\xe2\x80\x99", "'"};

    (void)state;
    hand_doc_init(&h, body_fr);
    lis_search_opts_default(&o);
    assert_int_equal(find(&h.doc, "l'oeuvre", &o, want), 1);
    assert_int_equal(find(&h.doc, "'", &o, quotes), 2);
    assert_int_equal(find(&h.doc, "\xe2\x80\x99", &o, quotes), 2);
    o.fold_accents = false;
    assert_int_equal(find(&h.doc, "'", &o, NULL), 1);
}

static void test_smart_case(void **state)
{
    struct hand_doc h;
    struct lis_search_opts o;
    static const char *const upper[] = {"ETATS"};
    static const char *const cap[] = {"\xc3\x89tats", "Etats"};

    (void)state;
    hand_doc_init(&h, body_fr);
    lis_search_opts_default(&o);
    assert_int_equal(find(&h.doc, "ETATS", &o, upper), 1);
    assert_int_equal(find(&h.doc, "Etats", &o, cap), 2);
    assert_int_equal(find(&h.doc, "\xc3\x89tats", &o, cap), 2);
    /* Without smart case, ignore_case decides. */
    o.smart_case = false;
    assert_int_equal(find(&h.doc, "ETATS", &o, NULL), 4);
    o.ignore_case = false;
    assert_int_equal(find(&h.doc, "etats", &o, NULL), 1);
}

static void test_accent_folding_off(void **state)
{
    struct hand_doc h;
    struct lis_search_opts o;
    static const char *const cafe[] = {"caf\xc3\xa9", "cafe" ACUTE};
    static const char *const plain[] = {"cafe"};

    (void)state;
    hand_doc_init(&h, body_fr);
    lis_search_opts_default(&o);
    o.fold_accents = false;
    /* ETATS and Etats, not États or états. */
    assert_int_equal(find(&h.doc, "etats", &o, NULL), 2);
    assert_int_equal(find(&h.doc, "\xc3\xa9tats", &o, NULL), 2);
    /* NFC and NFD still match each other; "cafe" is not a prefix of a
     * decomposed "café". */
    assert_int_equal(find(&h.doc, "caf\xc3\xa9", &o, cafe), 2);
    assert_int_equal(find(&h.doc, "cafe" ACUTE, &o, cafe), 2);
    assert_int_equal(find(&h.doc, "cafe ", &o, NULL), 0);
    assert_int_equal(find(&h.doc, "cafet", &o, NULL), 1);
    assert_int_equal(find(&h.doc, "cafe", &o, plain), 1);  /* "cafetier" */
    assert_int_equal(find(&h.doc, "oeuvre", &o, NULL), 0);
}

static void test_spaces_and_paragraphs(void **state)
{
    struct hand_doc h;
    struct lis_search_opts o;
    static const char *const mot[] = {"mot" NBSP ":"};
    static const char *const suite[] = {"suite" NNBSP "!"};

    (void)state;
    hand_doc_init(&h, body_fr);
    lis_search_opts_default(&o);
    assert_int_equal(find(&h.doc, "mot :", &o, mot), 1);
    assert_int_equal(find(&h.doc, "suite !", &o, suite), 1);
    assert_int_equal(find(&h.doc, "mot" NBSP ":", &o, mot), 1);
    /* Never across paragraphs. */
    assert_int_equal(find(&h.doc, "ens. un", &o, NULL), 0);
    assert_int_equal(find(&h.doc, "ens.\nun", &o, NULL), 0);
    assert_int_equal(find(&h.doc, "", &o, NULL), 0);
    assert_int_equal(find(&h.doc, ACUTE, &o, NULL), 0);    /* folds away */
}

static void test_overlap_and_positions(void **state)
{
    struct hand_doc h;
    struct lis_search_opts o;
    struct lis_searcher *s;
    struct lis_span *m;
    size_t n;

    (void)state;
    hand_doc_init(&h, "aaaaa \xc3\xa0" "a");
    lis_search_opts_default(&o);
    s = lis_searcher_new(&h.doc);
    n = lis_search_all(s, "aa", &o, &m);
    /* Non-overlapping: aa|aa|a then "àa" */
    assert_int_equal(n, 3);
    assert_int_equal(m[0].start, 0);
    assert_int_equal(m[1].start, 2);
    assert_int_equal(m[2].start, 6);
    assert_int_equal(m[2].end, 9);
    free(m);
    /* The searcher is reused with other modes and patterns. */
    o.fold_accents = false;
    n = lis_search_all(s, "aa", &o, &m);
    assert_int_equal(n, 2);
    free(m);
    lis_searcher_free(s);
}

static void test_invalid_and_controls(void **state)
{
    struct hand_doc h;
    struct lis_search_opts o;
    static const char *const esc[] = {"\x1b"};
    static const char *const repl[] = {"\xef\xbf\xbd", "\xef\xbf\xbd"};

    (void)state;
    hand_doc_init(&h, "a\xef\xbf\xbd" "b\x1b[2J\x07 c\xef\xbf\xbd\xe2\x80\xae"
                      "d\xc2\x85" "e\n\xe2\x80\x8b");
    lis_search_opts_default(&o);
    assert_int_equal(find(&h.doc, "\x1b", &o, esc), 1);
    assert_int_equal(find(&h.doc, "\xef\xbf\xbd", &o, repl), 2);
    /* Invalid bytes in the pattern search as U+FFFD. */
    assert_int_equal(find(&h.doc, "\xff", &o, repl), 2);
    assert_int_equal(find(&h.doc, "b\x1b[2j", &o, NULL), 1);
    assert_int_equal(find(&h.doc, "\xe2\x80\xae" "d", &o, NULL), 1);
    assert_int_equal(find(&h.doc, "\xe2\x80\x8b", &o, NULL), 0);
    assert_int_equal(find(&h.doc, "\xc2\x85", &o, NULL), 1);
    /* Invalid bytes in the body itself (a document built by hand). */
    hand_doc_init(&h, "\xff\xfe" "abc\xe2\x80" "d\xc3");
    assert_int_equal(find(&h.doc, "abc", &o, NULL), 1);
    assert_int_equal(find(&h.doc, "d", &o, NULL), 1);
    assert_int_equal(find(&h.doc, "\xef\xbf\xbd", &o, NULL), 5);
}

static void test_large_body(void **state)
{
    struct lis_buf b;
    struct hand_doc *h = malloc(sizeof *h);
    struct lis_search_opts o;
    struct lis_searcher *s;
    struct lis_span *m;
    size_t n, i;

    (void)state;
    /* Several fold chunks: the anchors must map every match exactly. */
    lis_buf_init(&b);
    for (i = 0; i < 20000; i++)
        lis_buf_printf(&b, "%s \xc3\xa9t\xc3\xa9 n\xc2\xb0%zu ",
                       i % 7 ? "caf\xc3\xa9" : "\xc5\x92UVRE", i);
    hand_doc_init(h, b.data);
    lis_search_opts_default(&o);
    s = lis_searcher_new(&h->doc);
    n = lis_search_all(s, "ete", &o, &m);
    assert_int_equal(n, 20000);
    for (i = 0; i < n; i++)
        assert_memory_equal(h->doc.body + m[i].start,
                            "\xc3\xa9t\xc3\xa9", 5);
    free(m);
    n = lis_search_all(s, "oeuvre", &o, &m);
    assert_int_equal(n, (20000 + 6) / 7);
    for (i = 0; i < n; i++) {
        assert_int_equal(m[i].end - m[i].start, 6);
        assert_memory_equal(h->doc.body + m[i].start, "\xc5\x92UVRE", 6);
    }
    free(m);
    lis_searcher_free(s);
    lis_buf_free(&b);
    free(h);
}

static void test_next_prev(void **state)
{
    static const struct lis_span m[] = {{2, 4}, {10, 12}, {20, 22}};

    (void)state;
    assert_int_equal(lis_span_next(m, 3, 0), 0);
    assert_int_equal(lis_span_next(m, 3, 2), 1);
    assert_int_equal(lis_span_next(m, 3, 9), 1);
    assert_int_equal(lis_span_next(m, 3, 20), LIS_NONE);
    assert_int_equal(lis_span_next(m, 0, 0), LIS_NONE);
    assert_int_equal(lis_span_prev(m, 3, 2), LIS_NONE);
    assert_int_equal(lis_span_prev(m, 3, 3), 0);
    assert_int_equal(lis_span_prev(m, 3, 10), 0);
    assert_int_equal(lis_span_prev(m, 3, 11), 1);
    assert_int_equal(lis_span_prev(m, 3, 100), 2);
    assert_int_equal(lis_span_prev(m, 0, 5), LIS_NONE);
}

static void test_loaded_document(void **state)
{
    /* Through the real loader: NFD input is normalised, CRLF removed. */
    static const char text[] = "Les E" ACUTE "tats-Unis\r\nsont l\xc3\xa0.\r\n";
    struct lis_document *doc;
    struct lis_search_opts o;

    (void)state;
    assert_int_equal(lis_document_from_bytes(text, sizeof text - 1, "t",
                                             NULL, &doc), LIS_OK);
    lis_search_opts_default(&o);
    assert_int_equal(find(doc, "etats-unis", &o, NULL), 1);
    assert_int_equal(find(doc, "unis sont", &o, NULL), 0);
    assert_int_equal(find(doc, "la.", &o, NULL), 1);
    lis_document_free(doc);
}

static uint32_t rng_next(uint32_t *st)
{
    *st = *st * 1664525u + 1013904223u;
    return *st >> 8;
}

static void test_random_bodies(void **state)
{
    /* Odd bodies and patterns never crash and always give well-formed
     * spans (find() checks boundaries, order and paragraphs). */
    static const char *const pieces[] = {
        "a", "e", "E", "\xc3\xa9", "\xc3\x89", "e" ACUTE, ACUTE, " ", NBSP,
        NNBSP, "\n", "\xc5\x93", "oe", "'", "\xe2\x80\x99", "\x1b", "\xff",
        "\xe2\x80", "\xef\xbf\xbd", "\xc2\xad", "\xe2\x80\x8b", "\xc3\x9f",
        "ss", "\xf0\x9f\x98\x80", "\xe4\xb8\xad", "\xef\xac\x81",
    };
    struct lis_buf body, pat;
    struct hand_doc *h = malloc(sizeof *h);
    struct lis_search_opts o;
    uint32_t st = 777;
    int iter;

    (void)state;
    lis_buf_init(&body);
    lis_buf_init(&pat);
    for (iter = 0; iter < 1500; iter++) {
        size_t k, n = rng_next(&st) % 40, np = rng_next(&st) % 4 + 1;

        body.len = 0;
        pat.len = 0;
        lis_buf_reserve(&body, 0);
        lis_buf_reserve(&pat, 0);
        /* hand_doc holds 64 paragraphs at most */
        for (k = 0; k < n; k++) {
            const char *p = pieces[rng_next(&st) % LIS_ARRAY_LEN(pieces)];
            lis_buf_adds(&body, p);
        }
        for (k = 0; k < np; k++) {
            const char *p = pieces[rng_next(&st) % LIS_ARRAY_LEN(pieces)];
            lis_buf_adds(&pat, p);
        }
        hand_doc_init(h, body.data);
        lis_search_opts_default(&o);
        o.fold_accents = iter % 2 == 0;
        o.smart_case = iter % 3 != 0;
        find(&h->doc, pat.data, &o, NULL);
    }
    lis_buf_free(&body);
    lis_buf_free(&pat);
    free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accent_folding),
        cmocka_unit_test(test_apostrophes),
        cmocka_unit_test(test_smart_case),
        cmocka_unit_test(test_accent_folding_off),
        cmocka_unit_test(test_spaces_and_paragraphs),
        cmocka_unit_test(test_overlap_and_positions),
        cmocka_unit_test(test_invalid_and_controls),
        cmocka_unit_test(test_large_body),
        cmocka_unit_test(test_next_prev),
        cmocka_unit_test(test_loaded_document),
        cmocka_unit_test(test_random_bodies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
