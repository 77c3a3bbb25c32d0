/* test_sentences.c -- French sentence segmentation and word count. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "liseuse/analysis.h"

#include "fixtures.h"

struct split {
    struct lis_document *doc;
    struct lis_analysis an;
};

static void split_text(struct split *sp, const char *text)
{
    memset(sp, 0, sizeof *sp);
    assert_int_equal(lis_document_from_bytes(text, strlen(text), "t.txt",
                                             NULL, &sp->doc), LIS_OK);
    lis_sentences_split(sp->doc, lexicons, &sp->an);
}

static void split_free(struct split *sp)
{
    free(sp->an.sentences);
    lis_document_free(sp->doc);
}

/* The sentences of text must be exactly the NULL-terminated list. */
static void expect(const char *text, const char *const *want)
{
    struct split sp;
    size_t i, n = 0;

    split_text(&sp, text);
    while (want[n])
        n++;
    for (i = 0; i < sp.an.n_sentences; i++) {
        const struct lis_sentence *s = &sp.an.sentences[i];

        if (i < n && (s->end - s->start != strlen(want[i]) ||
                      memcmp(sp.doc->body + s->start, want[i],
                             strlen(want[i])) != 0))
            fail_msg("sentence %zu: got [%.*s], want [%s]", i,
                     (int)(s->end - s->start), sp.doc->body + s->start,
                     want[i]);
    }
    if (sp.an.n_sentences != n)
        fail_msg("%zu sentences, want %zu in [%s]", sp.an.n_sentences, n,
                 text);
    split_free(&sp);
}

/* The words of s[0..len) as the one paragraph of a document built by
 * hand: no decoding or normalisation, so that invalid bytes stay. */
static size_t raw_words(const char *s, size_t len)
{
    struct lis_document doc;
    struct lis_paragraph para;
    struct lis_analysis an;
    char *body = malloc(len + 1);

    assert_non_null(body);
    memcpy(body, s, len);
    body[len] = '\0';
    memset(&doc, 0, sizeof doc);
    para.start = 0;
    para.end = len;
    doc.body = body;
    doc.body_len = len;
    doc.paras = &para;
    doc.n_paras = 1;
    memset(&an, 0, sizeof an);
    lis_sentences_split(&doc, lexicons, &an);
    free(an.sentences);
    free(body);
    return an.n_words;
}

/* raw_words of k copies of pad, then tail. */
static size_t padded_words(size_t k, const char *pad, const char *tail)
{
    char buf[256];
    size_t n = 0, i;

    for (i = 0; i < k; i++) {
        memcpy(buf + n, pad, strlen(pad));
        n += strlen(pad);
    }
    memcpy(buf + n, tail, strlen(tail));
    n += strlen(tail);
    return raw_words(buf, n);
}

#define EXPECT(text, ...) \
    do { \
        static const char *const want_[] = { __VA_ARGS__, NULL }; \
        expect(text, want_); \
    } while (0)

static void test_basic_and_paragraphs(void **state)
{
    (void)state;
    EXPECT("Il pleut. Il vente ! Viendra-t-il ? Oui.\n\n  Autre ligne  ",
           "Il pleut.", "Il vente !", "Viendra-t-il ?", "Oui.",
           "Autre ligne");
    /* a sentence never crosses a line, even without punctuation */
    EXPECT("Un titre sans point\nLe texte suit.", "Un titre sans point",
           "Le texte suit.");
    /* French spacing: NBSP before the exclamation mark */
    EXPECT("Quelle surprise\xc2\xa0! La suite.", "Quelle surprise\xc2\xa0!",
           "La suite.");
}

static void test_abbreviations(void **state)
{
    (void)state;
    EXPECT("M. Dupont et Mme. Durand sont venus. Le Dr. House aussi.",
           "M. Dupont et Mme. Durand sont venus.", "Le Dr. House aussi.");
    EXPECT("Voir cf. Annexe 2, p. 4. Des pommes, p. ex. Golden.",
           "Voir cf. Annexe 2, p. 4.", "Des pommes, p. ex. Golden.");
    /* "etc." may end a sentence when a capital follows */
    EXPECT("Des pommes, des poires, etc. Le marché ferme.",
           "Des pommes, des poires, etc.", "Le marché ferme.");
    EXPECT("Des pommes, etc. et des poires.",
           "Des pommes, etc. et des poires.");
}

static void test_initials_and_acronyms(void **state)
{
    (void)state;
    EXPECT("Le président B. Obama a parlé. Puis J.-C. Juncker.",
           "Le président B. Obama a parlé.", "Puis J.-C. Juncker.");
    EXPECT("Les U.S. Marines sont arrivés. La S.N.C.F. aussi.",
           "Les U.S. Marines sont arrivés.", "La S.N.C.F. aussi.");
}

static void test_numbers(void **state)
{
    struct split sp;

    (void)state;
    EXPECT("Il a levé 3,5 milliards. Soit 8 000 euros par tête.",
           "Il a levé 3,5 milliards.", "Soit 8 000 euros par tête.");
    EXPECT("Version 2.5 publiée à 7h44. Voir fr.wikinews.org. Fin.",
           "Version 2.5 publiée à 7h44.", "Voir fr.wikinews.org.", "Fin.");
    EXPECT("Il est arrivé en 2012. En 2013 il est parti.",
           "Il est arrivé en 2012.", "En 2013 il est parti.");
    split_text(&sp, "L'application a coûté 3,5 milliards, à 7h44.");
    /* letter runs: L, application, a, coûté, 3, 5, milliards, à, 7h44 */
    assert_int_equal(sp.an.n_words, 9);
    split_free(&sp);
}

static void test_ellipsis(void **state)
{
    (void)state;
    EXPECT("Il hésita… puis repartit. Et voilà... Le silence.",
           "Il hésita… puis repartit.", "Et voilà...", "Le silence.");
    EXPECT("Ils ont dit […] que non. Fin.", "Ils ont dit […] que non.",
           "Fin.");
}

static void test_quotes_and_punctuation(void **state)
{
    (void)state;
    /* punctuation inside the marks */
    EXPECT("Il a dit : « Je pars. » Elle reste.",
           "Il a dit : « Je pars. »", "Elle reste.");
    /* inside, and the sentence goes on in lower case */
    EXPECT("« Je pars ! » a-t-il lancé. Fin.",
           "« Je pars ! » a-t-il lancé.", "Fin.");
    /* outside the marks */
    EXPECT("Il parle d'un « échec ». Le reste suit.",
           "Il parle d'un « échec ».", "Le reste suit.");
    /* the mismatched “…“ of real sites */
    EXPECT("Il explique “c'est fini.“ Puis il part.",
           "Il explique “c'est fini.“", "Puis il part.");
    /* a new sentence that opens with a quotation mark */
    EXPECT("Il a fini. « Bravo », dit-elle.", "Il a fini.",
           "« Bravo », dit-elle.");
}

static void test_dateline(void **state)
{
    (void)state;
    EXPECT("2 juillet 2012. - Le président a parlé. Puis il est parti.",
           "2 juillet 2012.", "Le président a parlé.", "Puis il est parti.");
    EXPECT("29 mai 2012. – Un postier est mort.", "29 mai 2012.",
           "Un postier est mort.");
}

static void test_empty_and_spaces(void **state)
{
    struct split sp;

    (void)state;
    split_text(&sp, "");
    assert_int_equal(sp.an.n_sentences, 0);
    assert_int_equal(sp.an.n_words, 0);
    split_free(&sp);
    split_text(&sp, "\n \n\t\n");
    assert_int_equal(sp.an.n_sentences, 0);
    split_free(&sp);
    EXPECT("...", "...");
    EXPECT(". . !", ". . !");
}

/* Word counting takes eight bytes at a time: whatever the offset of a
 * character from the start of its chunk, and whatever the length of the
 * paragraph, the count stays the same. */
static void test_words_at_every_offset(void **state)
{
    size_t k;

    (void)state;
    for (k = 0; k < 20; k++) {
        size_t before = k > 0;   /* the run of 'a' is a word */

        /* é, à: letters, inside a word or starting one */
        assert_int_equal(padded_words(k, "a", "\xc3\xa9t\xc3\xa9"), 1);
        assert_int_equal(padded_words(k, " ", "\xc3\xa0 b"), 2);
        /* × ÷ are no letters, though C3 pairs like the others */
        assert_int_equal(padded_words(k, "a", "\xc3\x97" "b"), before + 1);
        assert_int_equal(padded_words(k, "a", "\xc3\xb7" "b"), before + 1);
        /* ’, NBSP, «: no letters, decoded the slow way */
        assert_int_equal(padded_words(k, "a", "\xe2\x80\x99" "b"),
                         before + 1);
        assert_int_equal(padded_words(k, "a", "\xc2\xa0" "b"), before + 1);
        assert_int_equal(padded_words(k, "a", "\xc2\xab" "b\xc3\xa9"),
                         before + 1);
        /* a word at the very end of the paragraph */
        assert_int_equal(padded_words(k, "a ", "fin"), k + 1);
        assert_int_equal(padded_words(k, "a ", "f"), k + 1);
        assert_int_equal(padded_words(k, "1", "'2-3"), before + 2);
        /* invalid bytes: a C3 lead takes the next byte whatever it is, a
         * stray continuation byte keeps the state, a lead at the very end
         * is no letter */
        assert_int_equal(padded_words(k, "a", "\xc3 b"), 1);
        assert_int_equal(padded_words(k, "a", " \x80\x80" "b"), before + 1);
        assert_int_equal(padded_words(k, "a", "\x80 b"), before + 1);
        assert_int_equal(padded_words(k, "a", "\xc3"), before);
        assert_int_equal(padded_words(k, "a", "\xc4" "b"), 1);
        /* a combining mark is a word character of its own */
        assert_int_equal(padded_words(k, "a", " \xcc\x81" "b"), before + 1);
    }
}

/* Paragraphs longer than the counter's run of 255 chunks. */
static void test_words_long_paragraphs(void **state)
{
    struct lis_buf b;
    int i;

    (void)state;
    lis_buf_init(&b);
    for (i = 0; i < 3000; i++)
        lis_buf_adds(&b, "a ");
    assert_int_equal(raw_words(b.data, b.len), 3000);
    b.len = 0;
    for (i = 0; i < 1000; i++)
        lis_buf_adds(&b, "\xc3\xa9t\xc3\xa9 ");
    assert_int_equal(raw_words(b.data, b.len), 1000);
    b.len = 0;
    for (i = 0; i < 5000; i++)
        lis_buf_adds(&b, "a");
    lis_buf_adds(&b, " b");
    assert_int_equal(raw_words(b.data, b.len), 2);
    lis_buf_free(&b);
}

/* The abbreviation lexicon is matched case-insensitively, accented
 * capitals included. */
static void test_accented_abbreviations(void **state)
{
    (void)state;
    EXPECT("Le GÉN. Dupont arrive. Puis il part.",
           "Le GÉN. Dupont arrive.", "Puis il part.");
    EXPECT("Signé le 3 DÉC. Les parties acceptent.",
           "Signé le 3 DÉC. Les parties acceptent.");
    /* a word before a period that no entry is */
    EXPECT("Il est né en 1950. Il a grandi à Lyon. Été comme hiver.",
           "Il est né en 1950.", "Il a grandi à Lyon.",
           "Été comme hiver.");
}

/* Pathological runs stay linear (a quadratic look back would not end). */
static void test_floods(void **state)
{
    struct lis_buf b;
    struct split sp;
    int i;

    (void)state;
    lis_buf_init(&b);
    for (i = 0; i < 200000; i++)
        lis_buf_adds(&b, "a.-");
    for (i = 0; i < 100000; i++)
        lis_buf_adds(&b, "M. ");
    for (i = 0; i < 100000; i++)
        lis_buf_adds(&b, "Oui ! ");
    split_text(&sp, b.data);
    assert_true(sp.an.n_sentences >= 100000);
    split_free(&sp);
    lis_buf_free(&b);
}

/* The bundled article: nineteen sentences (checked by reading), among them
 * the question that ends with a spaced "?" and a paragraph with no final
 * period. */
static void test_bundled_article(void **state)
{
    const char *a = getenv("LISEUSE_ARTICLEDIR");
    char *path = lis_xasprintf("%s/microsoft-tiktok-oracle.txt",
                               a && *a ? a : LIS_ABS_SRCDIR "/articles");
    struct lis_document *doc = NULL;
    struct lis_analysis an;
    size_t i, found = 0;

    (void)state;
    memset(&an, 0, sizeof an);
    assert_int_equal(lis_document_load(path, NULL, &doc, NULL), LIS_OK);
    lis_sentences_split(doc, lexicons, &an);
    assert_int_equal(an.n_sentences, 19);
    for (i = 0; i < an.n_sentences; i++) {
        const struct lis_sentence *s = &an.sentences[i];
        const char *t = doc->body + s->start;

        assert_true(s->start < s->end && s->end <= doc->body_len);
        assert_true(i == 0 || s->start >= an.sentences[i - 1].end);
        assert_true(s->para == lis_document_para_at(doc, s->start));
        if (strncmp(t, "Mais qu’aurait fait Microsoft, avec TikTok entre ses "
                       "mains ?", s->end - s->start) == 0)
            found++;
    }
    assert_int_equal(found, 1);
    assert_true(an.n_words > 350 && an.n_words < 420);
    free(an.sentences);
    lis_document_free(doc);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic_and_paragraphs),
        cmocka_unit_test(test_abbreviations),
        cmocka_unit_test(test_initials_and_acronyms),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_ellipsis),
        cmocka_unit_test(test_quotes_and_punctuation),
        cmocka_unit_test(test_dateline),
        cmocka_unit_test(test_empty_and_spaces),
        cmocka_unit_test(test_words_at_every_offset),
        cmocka_unit_test(test_words_long_paragraphs),
        cmocka_unit_test(test_accented_abbreviations),
        cmocka_unit_test(test_floods),
        cmocka_unit_test(test_bundled_article),
    };

    return cmocka_run_group_tests(tests, lexicons_setup, lexicons_teardown);
}
