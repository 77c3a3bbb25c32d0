/* test_ui.c -- the parts of src/ui/ that need no terminal: the action
 * table (one key, one action; help generated from it) and the file of
 * reading positions. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../src/ui/app.h"

static void test_keys_unique(void **state)
{
    size_t a, k, b, j;
    struct lis_keymap km;
    (void)state;
    lis_keymap_init(&km);
    for (a = 0; a < LIS_ACT_COUNT; a++) {
        assert_non_null(lis_actions[a].name);
        assert_true(lis_actions[a].help[0] != '\0');
        /* every action can be reached from the keyboard */
        assert_int_not_equal(lis_actions[a].keys[0], 0);
        for (k = 0; k < LIS_MAX_KEYS && lis_actions[a].keys[k]; k++) {
            int key = lis_actions[a].keys[k];
            assert_int_equal(lis_keymap_lookup(&km, key), a);
            for (b = 0; b < LIS_ACT_COUNT; b++)
                for (j = 0; j < LIS_MAX_KEYS && lis_actions[b].keys[j]; j++)
                    if (b != a || j != k)
                        assert_int_not_equal(lis_actions[b].keys[j], key);
        }
    }
}

static void test_lookup(void **state)
{
    struct lis_keymap k;
    struct lis_keymap *km = &k;
    (void)state;
    lis_keymap_init(km);
    assert_int_equal(lis_keymap_lookup(km, ']'), LIS_ACT_QUOTE_NEXT);
    assert_int_equal(lis_keymap_lookup(km, '['), LIS_ACT_QUOTE_PREV);
    assert_int_equal(lis_keymap_lookup(km, LIS_KEY_FN(KEY_DOWN)),
                     LIS_ACT_LINE_DOWN);
    assert_int_equal(lis_keymap_lookup(km, LIS_KEY_FN(KEY_F(1))), LIS_ACT_HELP);
    assert_int_equal(lis_keymap_lookup(km, 'q'), LIS_ACT_QUIT);
    /* a character whose code equals a curses key code is not that key */
    assert_int_equal(lis_keymap_lookup(km, KEY_DOWN), LIS_ACT_NONE);
    assert_int_equal(lis_keymap_lookup(km, 'Z'), LIS_ACT_NONE);
    assert_int_equal(lis_keymap_lookup(km, 0), LIS_ACT_NONE);
    /* the side panel (panel.c) */
    assert_int_equal(lis_keymap_lookup(km, 'p'), LIS_ACT_PANEL);
    assert_int_equal(lis_keymap_lookup(km, '\t'), LIS_ACT_PANEL_FOCUS);
    /* marking and export (marks.c, export_dialog.c); space stays page
     * down */
    assert_int_equal(lis_keymap_lookup(km, 'x'), LIS_ACT_MARK_QUOTE);
    assert_int_equal(lis_keymap_lookup(km, 'v'), LIS_ACT_SELECT);
    assert_int_equal(lis_keymap_lookup(km, 'a'), LIS_ACT_NOTE);
    assert_int_equal(lis_keymap_lookup(km, 'e'), LIS_ACT_EXPORT);
    assert_int_equal(lis_keymap_lookup(km, ' '), LIS_ACT_PAGE_DOWN);
}

static void test_labels(void **state)
{
    struct lis_buf b;
    struct lis_keymap k;
    struct lis_keymap *km = &k;
    (void)state;
    lis_keymap_init(km);
    lis_buf_init(&b);
    lis_action_keys_label(km, LIS_ACT_LINE_DOWN, true, &b);
    assert_string_equal(b.data, "j ↓ Enter");   /* \n and \r once */
    b.len = 0;
    lis_action_keys_label(km, LIS_ACT_LINE_DOWN, false, &b);
    assert_string_equal(b.data, "j Down Enter");
    b.len = 0;
    lis_action_keys_label(km, LIS_ACT_MARK_SET, true, &b);
    assert_string_equal(b.data, "m<letter>");
    b.len = 0;
    lis_action_keys_label(km, LIS_ACT_HELP, true, &b);
    assert_string_equal(b.data, "h F1");
    b.len = 0;
    lis_action_keys_label(km, LIS_ACT_REDRAW, true, &b);
    assert_string_equal(b.data, "^L");
    b.len = 0;
    lis_key_label(' ', true, &b);
    lis_key_label(LIS_KEY_ESC, true, &b);
    lis_key_label(0xe9, true, &b);
    assert_string_equal(b.data, "spaceEscé");
    lis_buf_free(&b);
}

static void test_bind(void **state)
{
    struct lis_keymap km;
    struct lis_buf b;
    const int keys[] = { 'n', LIS_KEY_CTRL('n') };
    (void)state;
    lis_keymap_init(&km);
    assert_int_equal(lis_action_by_name("quote_next"), LIS_ACT_QUOTE_NEXT);
    assert_int_equal(lis_action_by_name("quote-next"), LIS_ACT_NONE);
    /* n moves from search_next to quote_next; ] is no longer bound */
    lis_keymap_bind(&km, LIS_ACT_QUOTE_NEXT, keys, 2);
    assert_int_equal(lis_keymap_lookup(&km, 'n'), LIS_ACT_QUOTE_NEXT);
    assert_int_equal(lis_keymap_lookup(&km, LIS_KEY_CTRL('n')),
                     LIS_ACT_QUOTE_NEXT);
    assert_int_equal(lis_keymap_lookup(&km, ']'), LIS_ACT_NONE);
    assert_int_equal(lis_keymap_lookup(&km, '['), LIS_ACT_QUOTE_PREV);
    lis_buf_init(&b);
    lis_action_keys_label(&km, LIS_ACT_SEARCH_NEXT, true, &b);
    assert_true(b.data == NULL || b.data[0] == '\0');
    lis_action_keys_label(&km, LIS_ACT_QUOTE_NEXT, true, &b);
    assert_string_equal(b.data, "n ^N");
    lis_buf_free(&b);
    /* an empty list unbinds */
    lis_keymap_bind(&km, LIS_ACT_QUIT, NULL, 0);
    assert_int_equal(lis_keymap_lookup(&km, 'q'), LIS_ACT_NONE);
}

#define H1 "1111111111111111111111111111111111111111111111111111111111111111"
#define H2 "2222222222222222222222222222222222222222222222222222222222222222"

static void test_lookup_file(void **state)
{
    const char *text =
        "# liseuse-positions/1\n"
        H1 " 10 1700000000\n"
        H2 " 99\n"
        "garbage\n"
        H1 " 42 1700000001\n"
        H1 "x 7 1\n"
        H1 " 18446744073709551616999 1\n"   /* overflows: skipped */
        H1 " -3 1\n";
    (void)state;
    assert_int_equal(lis_resume_lookup(text, strlen(text), H1), 42);
    assert_int_equal(lis_resume_lookup(text, strlen(text), H2), 99);
    assert_int_equal(lis_resume_lookup(text, strlen(text),
                                       "3333333333333333333333333333333333333333333333333333333333333333"),
                     LIS_NONE);
    assert_int_equal(lis_resume_lookup("", 0, H1), LIS_NONE);
    /* a truncated last line without its newline still counts */
    assert_int_equal(lis_resume_lookup(H1 " 5", strlen(H1) + 2, H1), 5);
}

static char tmpdir[64];

static int make_state_dir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/lis-test-ui.XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    setenv("XDG_STATE_HOME", tmpdir, 1);
    return 0;
}

static int remove_state_dir(void **state)
{
    char *cmd = lis_xasprintf("rm -rf '%s'", tmpdir);
    int rc = system(cmd);
    (void)state;
    free(cmd);
    return rc == 0 ? 0 : -1;
}

static size_t count_lines(const char *path)
{
    FILE *f = fopen(path, "r");
    size_t n = 0;
    int c;
    if (!f)
        return 0;
    while ((c = fgetc(f)) != EOF)
        if (c == '\n')
            n++;
    fclose(f);
    return n;
}

static void test_save_load(void **state)
{
    char *err = NULL;
    char *path = lis_xasprintf("%s/liseuse/positions", tmpdir);
    FILE *f;
    char hash[65];
    size_t i;
    (void)state;

    assert_int_equal(lis_resume_load(H1), LIS_NONE);   /* no file yet */
    assert_int_equal(lis_resume_save(H1, 1234, &err), LIS_OK);
    assert_int_equal(lis_resume_save(H2, 77, &err), LIS_OK);
    assert_int_equal(lis_resume_load(H1), 1234);
    assert_int_equal(lis_resume_load(H2), 77);
    assert_int_equal(lis_resume_save(H1, 99, &err), LIS_OK);
    assert_int_equal(lis_resume_load(H1), 99);
    assert_int_equal(count_lines(path), 3);    /* header + one per article */
    /* back at the top: the article is forgotten */
    assert_int_equal(lis_resume_save(H2, 0, &err), LIS_OK);
    assert_int_equal(lis_resume_load(H2), LIS_NONE);
    assert_int_equal(lis_resume_load(H1), 99);

    /* the file keeps the 1000 most recent articles */
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("# liseuse-positions/1\n", f);
    for (i = 0; i < 1000; i++)
        fprintf(f, "%064zx %zu 1\n", i + 1, i + 10);
    fclose(f);
    assert_int_equal(lis_resume_save(H2, 5, &err), LIS_OK);
    assert_int_equal(count_lines(path), 1001);
    snprintf(hash, sizeof hash, "%064zx", (size_t)1);
    assert_int_equal(lis_resume_load(hash), LIS_NONE);   /* oldest dropped */
    snprintf(hash, sizeof hash, "%064zx", (size_t)2);
    assert_int_equal(lis_resume_load(hash), 11);
    assert_int_equal(lis_resume_load(H2), 5);
    free(err);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys_unique),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_bind),
        cmocka_unit_test(test_lookup_file),
        cmocka_unit_test_setup_teardown(test_save_load, make_state_dir,
                                        remove_state_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
