/* test_lexicon.c -- phrase sets: folding, values, longest match on word
 * boundaries, file loading, the system + user directories. */
#include <config.h>

#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "liseuse/lexicon.h"

static const char *data_dir(void)
{
    const char *d = getenv("LISEUSE_DATADIR");

    return d && *d ? d : LIS_ABS_SRCDIR "/data";
}

static size_t match(const struct lis_lexicon *lx, const char *s,
                    const char **val)
{
    return lis_lexicon_match(lx, s, strlen(s), val);
}

static void test_has_folds_case_and_apostrophes(void **state)
{
    struct lis_lexicon *lx = lis_lexicon_new();
    const char *v = NULL;

    (void)state;
    lis_lexicon_add(lx, "D'après", NULL);
    lis_lexicon_add(lx, "État", "LOC");
    lis_lexicon_add(lx, "  Banque   de France ", "ORG");
    assert_int_equal(lis_lexicon_size(lx), 3);
    assert_true(lis_lexicon_has(lx, "d’après", strlen("d’après"), &v));
    assert_string_equal(v, "");
    assert_true(lis_lexicon_has(lx, "ÉTAT", strlen("ÉTAT"), &v));
    assert_string_equal(v, "LOC");
    /* accent-sensitive: "etat" is another word */
    assert_false(lis_lexicon_has(lx, "etat", 4, NULL));
    /* decomposed input is NFC-normalised when added */
    lis_lexicon_add(lx, "me\xcc\x82me", NULL);      /* m e U+0302 m e */
    assert_true(lis_lexicon_has(lx, "même", strlen("même"), NULL));
    /* white space runs and NBSP fold to one space */
    assert_true(lis_lexicon_has(lx, "banque\xc2\xa0" "de  france",
                                strlen("banque\xc2\xa0" "de  france"), &v));
    assert_string_equal(v, "ORG");
    assert_false(lis_lexicon_has(lx, "banque", 6, NULL));   /* a prefix */
    lis_lexicon_free(lx);
}

static void test_value_override(void **state)
{
    struct lis_lexicon *lx = lis_lexicon_new();
    const char *v = NULL;

    (void)state;
    lis_lexicon_add(lx, "Oracle", "ORG");
    lis_lexicon_add(lx, "oracle", "MISC");
    assert_int_equal(lis_lexicon_size(lx), 1);
    assert_true(lis_lexicon_has(lx, "Oracle", 6, &v));
    assert_string_equal(v, "MISC");
    lis_lexicon_free(lx);
}

static void test_longest_match_on_word_boundary(void **state)
{
    struct lis_lexicon *lx = lis_lexicon_new();
    const char *v = NULL;

    (void)state;
    lis_lexicon_add(lx, "mettre", "mettre");
    lis_lexicon_add(lx, "mettre la main sur", "acquire");
    lis_lexicon_add(lx, "s'est exprimé", "s'exprimer");
    lis_lexicon_add(lx, "explique", "expliquer");
    lis_lexicon_add(lx, "M.", NULL);

    assert_int_equal(match(lx, "mettre la main sur TikTok", &v),
                     strlen("mettre la main sur"));
    assert_string_equal(v, "acquire");
    /* the long phrase is not there: the shorter one still matches */
    assert_int_equal(match(lx, "mettre la main dessus", &v), 6);
    assert_string_equal(v, "mettre");
    assert_int_equal(match(lx, "S’est exprimé : « oui »", &v),
                     strlen("S’est exprimé"));
    /* a match must end on a word boundary */
    assert_int_equal(match(lx, "expliquer", NULL), 0);
    assert_int_equal(match(lx, "explique-t-il", NULL), strlen("explique"));
    assert_int_equal(match(lx, "explique", NULL), strlen("explique"));
    assert_int_equal(match(lx, "M. Dupont", NULL), 2);
    assert_int_equal(match(lx, "Ma", NULL), 0);
    assert_int_equal(match(lx, "rien", NULL), 0);
    assert_int_equal(match(lx, "", NULL), 0);
    /* the length bounds the match */
    assert_int_equal(lis_lexicon_match(lx, "mettre la main sur", 10, NULL), 6);
    lis_lexicon_free(lx);
}

static void test_add_text_format(void **state)
{
    struct lis_lexicon *lx = lis_lexicon_new();
    const char text[] = "\xEF\xBB\xBF# comment\r\n\r\nselon\t=source\r\n"
                        "  indentée \n#not\tthis\nfin";
    const char *v = NULL;

    (void)state;
    lis_lexicon_add_text(lx, text, sizeof text - 1);
    assert_int_equal(lis_lexicon_size(lx), 3);
    assert_true(lis_lexicon_has(lx, "Selon", 5, &v));
    assert_string_equal(v, "=source");
    assert_true(lis_lexicon_has(lx, "indentée", strlen("indentée"), NULL));
    assert_true(lis_lexicon_has(lx, "fin", 3, NULL));
    assert_false(lis_lexicon_has(lx, "#not", 4, NULL));
    lis_lexicon_free(lx);
}

static void test_files_and_dirs(void **state)
{
    char tmpl[] = "/tmp/lis-lexicon-XXXXXX";
    char *sys, *user, *path, *err = NULL;
    struct lis_lexicons *lxs;
    struct lis_lexicon *lx;
    const char *v = NULL;
    FILE *f;

    (void)state;
    assert_non_null(mkdtemp(tmpl));
    sys = lis_xasprintf("%s/sys", tmpl);
    user = lis_xasprintf("%s/user", tmpl);
    assert_int_equal(mkdir(sys, 0700), 0);
    assert_int_equal(mkdir(user, 0700), 0);
    path = lis_xasprintf("%s/fr-organisations.txt", sys);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("Oracle\tORG\nMicrosoft\tORG\n", f);
    fclose(f);
    free(path);
    path = lis_xasprintf("%s/fr-organisations.txt", user);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("Oracle\tMISC\nLiseuse SA\tORG\n", f);
    fclose(f);
    free(path);
    /* a directory where a file should be is reported, not fatal */
    path = lis_xasprintf("%s/fr-places.txt", user);
    assert_int_equal(mkdir(path, 0700), 0);

    lxs = lis_lexicons_load(sys, user, &err);
    assert_non_null(lxs);
    assert_non_null(err);
    assert_non_null(strstr(err, "fr-places.txt"));
    assert_int_equal(lis_lexicon_size(lxs->orgs), 3);
    assert_true(lis_lexicon_has(lxs->orgs, "oracle", 6, &v));
    assert_string_equal(v, "MISC");
    assert_true(lis_lexicon_has(lxs->orgs, "Liseuse SA", 10, NULL));
    assert_int_equal(lis_lexicon_size(lxs->speech_verbs), 0);
    lis_lexicons_free(lxs);
    free(err);

    lx = lis_lexicon_new();
    assert_int_equal(lis_lexicon_load_file(lx, "/nonexistent/x.txt"), LIS_OK);
    assert_int_equal(lis_lexicon_load_file(lx, path), LIS_ERR_ISDIR);
    lis_lexicon_free(lx);

    rmdir(path);
    free(path);
    path = lis_xasprintf("%s/fr-organisations.txt", sys);
    unlink(path);
    free(path);
    path = lis_xasprintf("%s/fr-organisations.txt", user);
    unlink(path);
    free(path);
    rmdir(sys);
    rmdir(user);
    rmdir(tmpl);
    free(sys);
    free(user);
}

/* The shipped lexicons load and hold what the analysis relies on. */
static void test_shipped_lexicons(void **state)
{
    char *err = NULL;
    struct lis_lexicons *lxs = lis_lexicons_load(data_dir(), NULL, &err);
    const char *v = NULL;

    (void)state;
    assert_null(err);
    assert_true(lis_lexicon_size(lxs->speech_verbs) > 500);
    assert_true(lis_lexicon_has(lxs->speech_verbs, "rappelle",
                                strlen("rappelle"), &v));
    assert_string_equal(v, "rappeler");
    assert_true(lis_lexicon_has(lxs->speech_verbs, "expliquant",
                                strlen("expliquant"), &v));
    assert_string_equal(v, "expliquer");
    assert_int_equal(match(lxs->speech_verbs, "s’est exprimée à ce sujet", &v),
                     strlen("s’est exprimée"));
    assert_true(lis_lexicon_has(lxs->speech_verbs, "réagi", strlen("réagi"),
                                NULL));
    assert_true(lis_lexicon_has(lxs->speech_verbs, "poursuit", 8, NULL));
    assert_true(lis_lexicon_has(lxs->speech_verbs, "D’après",
                                strlen("D’après"), &v));
    assert_string_equal(v, "=source");
    assert_true(lis_lexicon_has(lxs->abbrev, "etc.", 4, &v));
    assert_string_equal(v, "may-end");
    assert_true(lis_lexicon_has(lxs->abbrev, "M.", 2, NULL));
    assert_true(lis_lexicon_has(lxs->stopwords, "Mais", 4, NULL));
    lis_lexicons_free(lxs);
}

/* Matching many times must be cheap: a million calls on a word that is a
 * prefix of nothing (the common case) and on a long phrase. */
static void test_match_many(void **state)
{
    struct lis_lexicon *lx = lis_lexicon_new();
    size_t i, total = 0;
    char word[32];

    (void)state;
    for (i = 0; i < 5000; i++) {
        snprintf(word, sizeof word, "mot%zu suite", i);
        lis_lexicon_add(lx, word, NULL);
    }
    assert_int_equal(lis_lexicon_size(lx), 5000);
    for (i = 0; i < 1000000; i++) {
        total += match(lx, "mot42 suite et fin", NULL);
        total += match(lx, "autre chose", NULL);
    }
    assert_int_equal(total, 1000000 * strlen("mot42 suite"));
    lis_lexicon_free(lx);
}

/* The fast paths of matching (eight bytes at a time, two-byte Latin-1
 * letters without decoding) against the character-by-character rules. */
static void test_match_chunks(void **state)
{
    struct lis_lexicon *lx = lis_lexicon_new();
    const char *v = NULL;
    char buf[64];

    (void)state;
    lis_lexicon_add(lx, "gouvernement", "long");        /* 12: two chunks */
    lis_lexicon_add(lx, "abcdefgh", "eight");           /* one whole chunk */
    lis_lexicon_add(lx, "abcdefgh ijk", "eight+");
    lis_lexicon_add(lx, "présidé", "latin");
    lis_lexicon_add(lx, "abcdefgé", "across");          /* é across chunks */
    lis_lexicon_add(lx, "straße", "eszett");
    lis_lexicon_add(lx, "mettre la main sur", "buy");
    lis_lexicon_add(lx, "l'", "det");

    assert_int_equal(match(lx, "GOUVERNEMENT français", &v), 12);
    assert_string_equal(v, "long");
    assert_int_equal(match(lx, "gouvernementaux", NULL), 0);
    assert_int_equal(match(lx, "gouvernemen", NULL), 0);
    assert_int_equal(match(lx, "abcdefgh", &v), 8);       /* ends at len */
    assert_string_equal(v, "eight");
    assert_int_equal(match(lx, "ABCDEFGH,", &v), 8);
    assert_int_equal(match(lx, "abcdefgh   ijk.", &v), 14);
    assert_string_equal(v, "eight+");
    assert_int_equal(match(lx, "abcdefghi", NULL), 0);
    assert_int_equal(match(lx, "PRÉSIDÉ par", &v), strlen("présidé"));
    assert_string_equal(v, "latin");
    assert_int_equal(match(lx, "présidée", NULL), 0);
    assert_int_equal(match(lx, "ABCDEFGÉ!", &v), strlen("abcdefgé"));
    assert_string_equal(v, "across");
    /* ß has no capital to fold to; × is no letter, so the word ends */
    assert_int_equal(match(lx, "STRAßE", &v), strlen("straße"));
    assert_int_equal(match(lx, "abcdefgh\xc3\x97", &v), 8);
    assert_string_equal(v, "eight");
    /* a word that goes on with a letter of another script */
    assert_int_equal(match(lx, "abcdefgh\xc5\x93", NULL), 0);
    assert_int_equal(match(lx, "Mettre  la main sur X", &v),
                     strlen("Mettre  la main sur"));
    assert_string_equal(v, "buy");
    assert_int_equal(match(lx, "mettre la main", NULL), 0);
    assert_int_equal(match(lx, "l’entreprise", &v), strlen("l’"));
    assert_string_equal(v, "det");
    /* the range ends inside a word: only s[0..len) is read */
    memcpy(buf, "gouvernementXXXXXXXX", 21);
    assert_int_equal(lis_lexicon_match(lx, buf, 12, NULL), 12);
    assert_int_equal(lis_lexicon_match(lx, buf, 11, NULL), 0);
    assert_int_equal(lis_lexicon_match(lx, "présidé", 4, NULL), 0);
    /* has(): plain words, and the general fold */
    assert_true(lis_lexicon_has(lx, "Gouvernement", 12, &v));
    assert_string_equal(v, "long");
    assert_true(lis_lexicon_has(lx, "Présidé", strlen("Présidé"), NULL));
    assert_true(lis_lexicon_has(lx, "L’", strlen("L’"), NULL));
    assert_false(lis_lexicon_has(lx, "gouvernements", 13, NULL));
    assert_false(lis_lexicon_has(lx, "", 0, NULL));
    lis_lexicon_free(lx);
}

/* A key longer than every entry stops the match at once. */
static void test_match_longer_than_keys(void **state)
{
    struct lis_lexicon *lx = lis_lexicon_new();
    char word[300];

    (void)state;
    lis_lexicon_add(lx, "ab", NULL);
    memset(word, 'a', sizeof word - 1);
    word[sizeof word - 1] = '\0';
    assert_int_equal(match(lx, word, NULL), 0);
    assert_false(lis_lexicon_has(lx, word, 2, NULL));
    word[1] = 'b';
    word[2] = ' ';
    assert_int_equal(match(lx, word, NULL), 2);
    lis_lexicon_free(lx);
}

static void test_word_fold_table(void **state)
{
    unsigned b;

    (void)state;
    assert_int_equal(lis_lex_word_fold['A'], 'a');
    assert_int_equal(lis_lex_word_fold['z'], 'z');
    assert_int_equal(lis_lex_word_fold['7'], '7');
    for (b = 0; b < 256; b++) {
        bool alnum = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') ||
                     (b >= 'A' && b <= 'Z');

        assert_int_equal(lis_lex_word_fold[b] != 0, alnum);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_has_folds_case_and_apostrophes),
        cmocka_unit_test(test_value_override),
        cmocka_unit_test(test_longest_match_on_word_boundary),
        cmocka_unit_test(test_add_text_format),
        cmocka_unit_test(test_files_and_dirs),
        cmocka_unit_test(test_shipped_lexicons),
        cmocka_unit_test(test_match_many),
        cmocka_unit_test(test_match_chunks),
        cmocka_unit_test(test_match_longer_than_keys),
        cmocka_unit_test(test_word_fold_table),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
