/* test_common.c -- status messages, buffers, allocation helpers, paths. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "liseuse/common.h"
#include "liseuse/json.h"
#include "liseuse/paths.h"

static void test_status_messages(void **state)
{
    (void)state;
    assert_string_equal(lis_status_str(LIS_OK), "success");
    assert_string_equal(lis_status_str(LIS_ERR_ISDIR), "is a directory");
    assert_string_equal(lis_status_str((enum lis_status)999), "unknown error");
    assert_int_equal(lis_status_from_errno(2 /* ENOENT */), LIS_ERR_NOENT);
}

static void test_buf_utf8(void **state)
{
    struct lis_buf b;
    char *s;
    size_t len;

    (void)state;
    lis_buf_init(&b);
    lis_buf_adds(&b, "caf");
    lis_buf_add_cp(&b, 0xE9);        /* é */
    lis_buf_add_cp(&b, 0x202F);      /* NNBSP */
    lis_buf_add_cp(&b, 0x1F600);     /* emoji, 4 bytes */
    lis_buf_add_cp(&b, 0xD800);      /* a surrogate is not a character */
    lis_buf_printf(&b, "%d", 42);
    s = lis_buf_steal(&b, &len);
    assert_int_equal(len, 3 + 2 + 3 + 4 + 3 + 2);
    assert_memory_equal(s, "caf\xc3\xa9\xe2\x80\xaf\xf0\x9f\x98\x80\xef\xbf\xbd" "42", len);
    assert_null(b.data);
    free(s);
}

static void test_buf_steal_empty(void **state)
{
    struct lis_buf b;
    size_t len = 7;
    char *s;

    (void)state;
    lis_buf_init(&b);
    s = lis_buf_steal(&b, &len);
    assert_non_null(s);
    assert_int_equal(len, 0);
    assert_string_equal(s, "");
    free(s);
}

static void test_grow(void **state)
{
    int *a = NULL;
    size_t cap = 0, i;

    (void)state;
    for (i = 0; i < 1000; i++) {
        a = lis_xgrow(a, &cap, i + 1, sizeof *a);
        a[i] = (int)i;
    }
    assert_true(cap >= 1000);
    assert_int_equal(a[999], 999);
    free(a);
}

/* Blocks past the huge-page threshold (4 MiB) get a madvise hint: their
 * contents must survive growth by realloc (which may move them with
 * mremap) and calloc must still give zeroes. */
static void test_large_blocks(void **state)
{
    size_t n = (size_t)6 << 20, i, cap = 0;
    unsigned char *z = lis_xcalloc(n, 1);
    uint32_t *a = NULL;

    (void)state;
    for (i = 0; i < n; i += 4093)
        assert_int_equal(z[i], 0);
    assert_int_equal(z[n - 1], 0);
    free(z);
    /* grow from below to far above the threshold, one element at a time */
    for (i = 0; i < ((size_t)24 << 20) / sizeof *a; i++) {
        a = lis_xgrow(a, &cap, i + 1, sizeof *a);
        a[i] = (uint32_t)(i * 2654435761u);
    }
    for (i = 0; i < ((size_t)24 << 20) / sizeof *a; i += 997)
        assert_int_equal(a[i], (uint32_t)(i * 2654435761u));
    a = lis_xrealloc(a, (size_t)5 << 20);   /* shrink, still large */
    assert_int_equal(a[1000], (uint32_t)(1000 * 2654435761u));
    free(a);
}

static void test_asprintf(void **state)
{
    char *s;

    (void)state;
    s = lis_xasprintf("%s: %zu", "é", (size_t)3);
    assert_string_equal(s, "é: 3");
    free(s);
}

static void test_xdg_dirs(void **state)
{
    char *d;

    (void)state;
    setenv("HOME", "/home/lecteur", 1);
    setenv("XDG_STATE_HOME", "relative/ignored", 1);
    d = lis_user_state_dir();
    assert_string_equal(d, "/home/lecteur/.local/state/liseuse");
    free(d);
    setenv("XDG_CONFIG_HOME", "/cfg", 1);
    d = lis_user_config_dir();
    assert_string_equal(d, "/cfg/liseuse");
    free(d);
    unsetenv("XDG_DATA_HOME");
    d = lis_user_data_dir();
    assert_string_equal(d, "/home/lecteur/.local/share/liseuse");
    free(d);
    setenv("LISEUSE_DATADIR", "/somewhere/data", 1);
    assert_string_equal(lis_datadir(), "/somewhere/data");
}

static void test_json_dump_escapes_terminal_controls(void **state)
{
    json_t *v, *back;
    json_error_t err;
    struct lis_buf b;

    (void)state;
    /* C1 CSI, RLO, a zero-width space, an astral format character (U+E0001)
     * and ordinary French text */
    v = json_pack("{s:s}", "t", "caf\xc3\xa9 \xc2\x9b" "2J \xe2\x80\xae" "evil\xe2\x80\x8b"
                  "\xf3\xa0\x80\x81 \xc2\xab\xc2\xa0ok\xc2\xa0\xc2\xbb");
    lis_buf_init(&b);
    lis_json_dump(v, JSON_COMPACT, &b);
    assert_string_equal(b.data, "{\"t\":\"caf\xc3\xa9 \\u009B2J \\u202Eevil\\u200B"
                        "\\uDB40\\uDC01 \xc2\xab\xc2\xa0ok\xc2\xa0\xc2\xbb\"}");
    back = json_loads(b.data, 0, &err);
    assert_non_null(back);
    assert_true(json_equal(v, back));
    json_decref(back);
    json_decref(v);
    lis_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_messages),
        cmocka_unit_test(test_buf_utf8),
        cmocka_unit_test(test_buf_steal_empty),
        cmocka_unit_test(test_grow),
        cmocka_unit_test(test_large_blocks),
        cmocka_unit_test(test_asprintf),
        cmocka_unit_test(test_xdg_dirs),
        cmocka_unit_test(test_json_dump_escapes_terminal_controls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
