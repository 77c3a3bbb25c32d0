/* fixtures.h -- what the unit tests of the analysis stages share: where
 * the lexicons and the test data are, and the lexicons themselves, loaded
 * once for a cmocka group:
 *     cmocka_run_group_tests(tests, lexicons_setup, lexicons_teardown)
 * Include it after <cmocka.h> and "liseuse/lexicon.h". */
#ifndef LISEUSE_TESTS_FIXTURES_H
#define LISEUSE_TESTS_FIXTURES_H

#include <stdlib.h>

/* $LISEUSE_DATADIR, else the source tree's data/. */
static inline const char *fixture_data_dir(void)
{
    const char *d = getenv("LISEUSE_DATADIR");

    return d && *d ? d : LIS_ABS_SRCDIR "/data";
}

/* $LIS_TEST_DATA, else the source tree's tests/data/. */
static inline const char *fixture_test_data(void)
{
    const char *d = getenv("LIS_TEST_DATA");

    return d && *d ? d : LIS_ABS_SRCDIR "/tests/data";
}

/* The six quotations of the bundled article, marks excluded (issue 3). */
static const char *const fixture_bundled_quotes[6] = {
    "ByteDance nous a informés, aujourd’hui, qu’ils ne souhaitent pas "
    "vendre ses activités américaines pour TikTok à Microsoft",
    "était une bonne chose pour les utilisateurs",
    "protégeant les intérêts de la sécurité nationale",
    "d’apporter des modifications essentielles pour permettre que la "
    "plate-forme réponde aux normes les plus strictes en matière de "
    "sécurité, de respect de la vie privée, de sécurité et de lutte "
    "contre la désinformation",
    "lors de la déclaration du mois d’août dernier",
    "attendre avec impatience d’observer comment la plate-forme va "
    "évoluer avec ces différents points",
};

/* Every lexicon of data/, for the whole group. */
static struct lis_lexicons *lexicons;

/* Fails the group when the lexicons cannot be found (a missing file is
 * not an error for lis_lexicons_load, so an empty deal lexicon says the
 * data directory is wrong). */
static int lexicons_setup(void **state)
{
    char *err = NULL;

    (void)state;
    lexicons = lis_lexicons_load(fixture_data_dir(), NULL, &err);
    free(err);
    return lexicons && lis_lexicon_size(lexicons->deal_terms) > 0 ? 0 : -1;
}

static int lexicons_teardown(void **state)
{
    (void)state;
    lis_lexicons_free(lexicons);
    lexicons = NULL;
    return 0;
}

#endif
