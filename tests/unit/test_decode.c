/* test_decode.c -- UTF-8 decoding with maximal-subpart substitution,
 * Windows-1252 fallback, iconv, NFC where needed, line endings. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <unictype.h>
#include <uninorm.h>
#include <dirent.h>

#include "liseuse/document.h"

#define FFFD "\xEF\xBF\xBD"

/* Decode in (n bytes) and check the output and the substitution count;
 * lis_utf8_count_invalid must agree with the decoder. */
static void check_utf8(const char *in, size_t n, const char *want,
                       size_t want_bad)
{
    struct lis_buf b;
    size_t bad = 0;

    lis_buf_init(&b);
    lis_decode_utf8(in, n, &b, &bad);
    assert_non_null(b.data);
    assert_int_equal(b.len, strlen(want));
    assert_memory_equal(b.data, want, b.len);
    assert_int_equal(bad, want_bad);
    assert_int_equal(lis_utf8_count_invalid(in, n), want_bad);
    lis_buf_free(&b);
}

#define CHECK_UTF8(in, want, nbad) check_utf8(in, sizeof(in) - 1, want, nbad)

static void test_utf8_valid(void **state)
{
    (void)state;
    CHECK_UTF8("", "", 0);
    CHECK_UTF8("plain ascii text, long enough for the 8-byte path",
               "plain ascii text, long enough for the 8-byte path", 0);
    CHECK_UTF8("caf\xC3\xA9 \xE2\x80\x99 \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF",
               "caf\xC3\xA9 \xE2\x80\x99 \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF", 0);
    /* Boundaries of each form. */
    CHECK_UTF8("\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80"
               "\xF0\x90\x80\x80",
               "\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80"
               "\xF0\x90\x80\x80", 0);
}

static void test_utf8_maximal_subparts(void **state)
{
    (void)state;
    /* The example of Unicode ch. 3 (Table 3-8 context). */
    CHECK_UTF8("\x61\xF1\x80\x80\xE1\x80\xC2\x62", "a" FFFD FFFD FFFD "b", 3);
    CHECK_UTF8("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64",
               "a" FFFD FFFD FFFD "b" FFFD "c" FFFD FFFD "d", 6);
}

static void test_utf8_overlong(void **state)
{
    (void)state;
    CHECK_UTF8("\xC0\x80", FFFD FFFD, 2);
    CHECK_UTF8("\xC1\xBF", FFFD FFFD, 2);
    CHECK_UTF8("\xE0\x80\x80", FFFD FFFD FFFD, 3);
    CHECK_UTF8("\xE0\x9F\xBF", FFFD FFFD FFFD, 3);
    CHECK_UTF8("\xF0\x80\x80\x80", FFFD FFFD FFFD FFFD, 4);
    CHECK_UTF8("\xF0\x8F\xBF\xBF", FFFD FFFD FFFD FFFD, 4);
}

static void test_utf8_surrogates_and_range(void **state)
{
    (void)state;
    CHECK_UTF8("\xED\xA0\x80", FFFD FFFD FFFD, 3);
    CHECK_UTF8("\xED\xBF\xBF", FFFD FFFD FFFD, 3);
    /* A surrogate pair encoded as CESU-8 is six errors, not one char. */
    CHECK_UTF8("\xED\xA0\xBD\xED\xB8\x80",
               FFFD FFFD FFFD FFFD FFFD FFFD, 6);
    CHECK_UTF8("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD, 4);
    CHECK_UTF8("\xF5\x80\x80\x80", FFFD FFFD FFFD FFFD, 4);
}

static void test_utf8_truncated(void **state)
{
    (void)state;
    CHECK_UTF8("\xC3", FFFD, 1);
    CHECK_UTF8("ab\xE2\x82", "ab" FFFD, 1);
    CHECK_UTF8("\xF0\x9F\x98x", FFFD "x", 1);
    CHECK_UTF8("\xE2\x82\xE2\x82\xAC", FFFD "\xE2\x82\xAC", 1);
    CHECK_UTF8("\xC3 \xA9", FFFD " " FFFD, 2);
    /* Lone continuation bytes, each one an error. */
    CHECK_UTF8("\x80\x81\xBF", FFFD FFFD FFFD, 3);
}

static void test_utf8_five_six_byte_and_fe_ff(void **state)
{
    (void)state;
    CHECK_UTF8("\xF8\x88\x80\x80\x80", FFFD FFFD FFFD FFFD FFFD, 5);
    CHECK_UTF8("\xFC\x84\x80\x80\x80\x80",
               FFFD FFFD FFFD FFFD FFFD FFFD, 6);
    CHECK_UTF8("\xFE\xFF", FFFD FFFD, 2);
    CHECK_UTF8("x\xFFy\xFEz", "x" FFFD "y" FFFD "z", 2);
}

static void test_cp1252(void **state)
{
    struct lis_buf b;
    size_t bad = 0;

    (void)state;
    lis_buf_init(&b);
    lis_decode_cp1252("caf\xe9 \x93" "citation\x94 \x80", 17, &b, &bad);
    assert_string_equal(b.data, "caf\xC3\xA9 \xE2\x80\x9C" "citation"
                        "\xE2\x80\x9D \xE2\x82\xAC");
    assert_int_equal(bad, 0);
    lis_buf_free(&b);

    /* l’œuvre, … and the five undefined bytes. */
    lis_buf_init(&b);
    lis_decode_cp1252("l\x92\x9cuvre\x85 \x81\x8d\x8f\x90\x9d", 14, &b, &bad);
    assert_string_equal(b.data, "l\xE2\x80\x99\xC5\x93uvre\xE2\x80\xA6 "
                        FFFD FFFD FFFD FFFD FFFD);
    assert_int_equal(bad, 5);
    lis_buf_free(&b);
}

static void test_looks_legacy(void **state)
{
    static const char latin1[] =
        "L'\xe9t\xe9 \xe0 Paris, \xab d\xe9j\xe0 vu \xbb, na\xefve "
        "fen\xeatre. Le c\x9cur de l\x92homme\x85";

    (void)state;
    assert_true(lis_looks_legacy_8bit(latin1, sizeof latin1 - 1));
    assert_true(lis_looks_legacy_8bit("caf\xe9", 4));
    /* Valid UTF-8 is not legacy. */
    assert_false(lis_looks_legacy_8bit("caf\xC3\xA9", 5));
    assert_false(lis_looks_legacy_8bit("plain", 5));
    /* Broken UTF-8: truncated sequences, or valid ones around the error. */
    assert_false(lis_looks_legacy_8bit("\x61\xF1\x80\x80\xE1\x80\xC2\x62", 8));
    assert_false(lis_looks_legacy_8bit(
        "d\xC3\xA9j\xC3\xA0 l\xE2\x80\x99\xC3\xA9t\xC3\xA9 \xff", 18));
}

static void test_from_bytes_fallback(void **state)
{
    static const char in[] = "caf\xe9 \x93" "citation\x94 \x80";
    static const char bad_utf8[] =
        "\xC3\xA9t\xC3\xA9 d\xC3\xA9j\xC3\xA0 \xE2\x80\x99 \xC0 fin";
    struct lis_document *doc;

    (void)state;
    assert_int_equal(lis_document_from_bytes(in, sizeof in - 1, NULL, NULL,
                                             &doc), LIS_OK);
    assert_string_equal(doc->body, "caf\xC3\xA9 \xE2\x80\x9C" "citation"
                        "\xE2\x80\x9D \xE2\x82\xAC");
    assert_string_equal(doc->encoding, "WINDOWS-1252");
    assert_true(doc->encoding_guessed);
    assert_int_equal(doc->invalid_sequences, 0);
    assert_int_equal(doc->raw_bytes, sizeof in - 1);
    lis_document_free(doc);

    /* Mostly UTF-8: keep it, one U+FFFD for the stray byte. */
    assert_int_equal(lis_document_from_bytes(bad_utf8, sizeof bad_utf8 - 1,
                                             NULL, NULL, &doc), LIS_OK);
    assert_string_equal(doc->encoding, "UTF-8");
    assert_false(doc->encoding_guessed);
    assert_int_equal(doc->invalid_sequences, 1);
    assert_non_null(strstr(doc->body, "\xE2\x80\x99 " FFFD " fin"));
    lis_document_free(doc);
}

static void test_forced_encoding(void **state)
{
    struct lis_load_opts o = { .encoding = "ISO-8859-15" };
    struct lis_document *doc;
    struct lis_buf b;
    size_t bad = 0;

    (void)state;
    /* Latin-9: A4 is the euro sign, BD is œ (Latin-1 would say ¤ and ½). */
    assert_int_equal(lis_document_from_bytes("\xa4 \xbd \xe9", 5, NULL, &o,
                                             &doc), LIS_OK);
    assert_string_equal(doc->body, "\xE2\x82\xAC \xC5\x93 \xC3\xA9");
    assert_string_equal(doc->encoding, "ISO-8859-15");
    assert_false(doc->encoding_guessed);
    lis_document_free(doc);

    o.encoding = "NO-SUCH-ENCODING-42";
    assert_int_equal(lis_document_from_bytes("abc", 3, NULL, &o, &doc),
                     LIS_ERR_ENCODING);
    assert_null(doc);

    /* UTF-16 is full of NUL bytes yet is not binary once decoded. */
    o.encoding = "UTF-16LE";
    assert_int_equal(lis_document_from_bytes("h\0\xe9\0", 4, NULL, &o, &doc),
                     LIS_OK);
    assert_string_equal(doc->body, "h\xC3\xA9");
    lis_document_free(doc);

    /* Unconvertible input becomes U+FFFD and is counted. */
    lis_buf_init(&b);
    assert_int_equal(lis_decode_iconv("ASCII", "a\xe9z", 3, &b, &bad), LIS_OK);
    assert_string_equal(b.data, "a" FFFD "z");
    assert_int_equal(bad, 1);
    lis_buf_free(&b);

    /* A sequence cut by the end of the input. */
    bad = 0;
    lis_buf_init(&b);
    assert_int_equal(lis_decode_iconv("UTF-16LE", "a\0b", 3, &b, &bad),
                     LIS_OK);
    assert_string_equal(b.data, "a" FFFD);
    assert_int_equal(bad, 1);
    lis_buf_free(&b);

    /* Forcing UTF-8 uses the maximal-subpart decoder. */
    bad = 0;
    lis_buf_init(&b);
    assert_int_equal(lis_decode_iconv("utf-8", "\x61\xF1\x80\x80\xE1\x80\xC2"
                                      "\x62", 8, &b, &bad), LIS_OK);
    assert_string_equal(b.data, "a" FFFD FFFD FFFD "b");
    assert_int_equal(bad, 3);
    lis_buf_free(&b);
}

static void test_bom(void **state)
{
    struct lis_document *doc;

    (void)state;
    assert_int_equal(lis_document_from_bytes("\xEF\xBB\xBFhello\n", 9, NULL,
                                             NULL, &doc), LIS_OK);
    assert_string_equal(doc->body, "hello\n");
    assert_true(doc->had_bom);
    lis_document_free(doc);

    assert_int_equal(lis_document_from_bytes("hello", 5, NULL, NULL, &doc),
                     LIS_OK);
    assert_false(doc->had_bom);
    lis_document_free(doc);
}

/* NFC through lis_normalize_nfc; returns a malloc'd string. */
static char *nfc(const char *s, bool *changed)
{
    struct lis_buf b;

    lis_buf_init(&b);
    lis_buf_adds(&b, s);
    *changed = lis_normalize_nfc(&b);
    return lis_buf_steal(&b, NULL);
}

static void test_nfc(void **state)
{
    struct lis_document *doc;
    bool changed;
    char *r;

    (void)state;
    r = nfc("e\xCC\x81", &changed);         /* e + U+0301 */
    assert_string_equal(r, "\xC3\xA9");
    assert_true(changed);
    free(r);

    r = nfc("D\xC3\xA9j\xC3\xA0 vu, l\xE2\x80\x99\xC3\xA9t\xC3\xA9 \xE2\x80\xAF"
            "\xC2\xBB \xE2\x82\xAC \xF0\x9F\x98\x80", &changed);
    assert_false(changed);
    free(r);

    /* Singletons and Hangul, which are not about combining marks. */
    r = nfc("\xE2\x84\xAB \xE1\x84\x80\xE1\x85\xA1", &changed); /* Å, jamo */
    assert_string_equal(r, "\xC3\x85 \xEA\xB0\x80");
    assert_true(changed);
    free(r);

    /* Marks reordered by combining class: a + U+0301 + U+0323. */
    r = nfc("xa\xCC\x81\xCC\xA3y", &changed);
    assert_string_equal(r, "x\xE1\xBA\xA1\xCC\x81y");
    free(r);

    /* A mark after a precomposed letter stays, a mark at the start too. */
    r = nfc("\xCC\x81\xC3\xA9\xCC\x81", &changed);
    assert_string_equal(r, "\xCC\x81\xC3\xA9\xCC\x81");
    assert_false(changed);
    free(r);

    /* Through the document: the body gets shorter, offsets are NFC's. */
    assert_int_equal(lis_document_from_bytes("Cafe\xCC\x81 cre\xCC\x80me", 14,
                                             NULL, NULL, &doc), LIS_OK);
    assert_string_equal(doc->body, "Caf\xC3\xA9 cr\xC3\xA8me");
    assert_int_equal(doc->body_len, 12);
    assert_true(doc->normalized);
    lis_document_free(doc);

    assert_int_equal(lis_document_from_bytes("Caf\xC3\xA9", 5, NULL, NULL,
                                             &doc), LIS_OK);
    assert_false(doc->normalized);
    lis_document_free(doc);
}

/* The segmenting quick check must give exactly what a whole-text
 * u8_normalize gives, whatever the mix. */
static void test_nfc_matches_full_normalize(void **state)
{
    static const char *const pieces[] = {
        "a", "e", "E", " ", "\n", "z", "\xC3\xA9", "\xC3\x89", "\xCC\x81",
        "\xCC\x80", "\xCC\xA3", "\xCC\x88", "\xCD\x84", "\xE2\x84\xAB",
        "\xE1\x84\x80", "\xE1\x85\xA1", "\xE1\x86\xA8", "\xEA\xB0\x80",
        "\xE2\x80\x99", "\xE2\x80\xAF", "\xF0\x9F\x98\x80", "\xE4\xB8\xAD",
        "\xCE\xB1", "\xE0\xA4\x95", "\xE0\xA4\xBC", "\xD7\x90", "\xD6\xB7",
        "\xE3\x81\x8B", "\xE3\x82\x99", "\xEF\xAC\xAF", "\xC5\x93",
    };
    uint32_t seed = 12345;
    int iter, k;

    (void)state;
    for (iter = 0; iter < 3000; iter++) {
        struct lis_buf b;
        size_t want_len, n;
        uint8_t *want;
        bool changed;

        lis_buf_init(&b);
        n = 1 + (size_t)(iter % 40);
        for (k = 0; k < (int)n; k++) {
            seed = seed * 1103515245u + 12345u;
            lis_buf_adds(&b, pieces[(seed >> 16) % LIS_ARRAY_LEN(pieces)]);
        }
        want = u8_normalize(UNINORM_NFC, (const uint8_t *)b.data, b.len,
                            NULL, &want_len);
        assert_non_null(want);
        changed = lis_normalize_nfc(&b);
        assert_int_equal(b.len, want_len);
        assert_memory_equal(b.data, want, want_len);
        (void)changed;
        free(want);
        lis_buf_free(&b);
    }
}

/* Every code point the quick check lets through must really be inert. */
static void test_nfc_safe_table(void **state)
{
    uint32_t cp;

    (void)state;
    for (cp = 0; cp <= 0x10FFFF; cp++) {
        uint32_t dec[UC_DECOMPOSITION_MAX_LENGTH];
        int n;

        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        /* A character that is the second half of a canonical pair could
         * compose with the one before it: it must not be "safe". */
        n = uc_canonical_decomposition(cp, dec);
        if (n == 2 && lis_nfc_safe(dec[1]))
            fail_msg("U+%04X composes with a preceding character", dec[1]);
        if (!lis_nfc_safe(cp))
            continue;
        if (uc_combining_class(cp) != 0)
            fail_msg("U+%04X has a combining class", cp);
        {
            uint8_t s[4], rb[32];
            size_t len = 0, rn = sizeof rb;
            struct lis_buf b;
            uint8_t *r;

            lis_buf_init(&b);
            lis_buf_add_cp(&b, cp);
            len = b.len;
            memcpy(s, b.data, len);
            lis_buf_free(&b);
            r = u8_normalize(UNINORM_NFC, s, len, rb, &rn);
            assert_non_null(r);
            if (rn != len || memcmp(r, s, len) != 0)
                fail_msg("U+%04X is changed by NFC", cp);
            if (r != rb)
                free(r);
        }
    }
}

static void test_newlines(void **state)
{
    struct lis_buf b;

    (void)state;
    lis_buf_init(&b);
    lis_buf_adds(&b, "a\r\nb\rc\n\r\nd\r\r\ne\r");
    lis_normalize_newlines(&b);
    assert_string_equal(b.data, "a\nb\nc\n\nd\n\ne\n");
    assert_int_equal(b.len, 12);
    lis_buf_free(&b);

    lis_buf_init(&b);
    lis_buf_adds(&b, "no carriage return\n");
    lis_normalize_newlines(&b);
    assert_string_equal(b.data, "no carriage return\n");
    lis_buf_free(&b);
}

/* ---- the real corpus: French articles nobody tuned the heuristic to ---- */

static char *corpus_dir(void)
{
    const char *d = getenv("LIS_TEST_DATA");

    return d ? lis_xasprintf("%s/corpus/wikinews-fr-2012", d)
             : lis_xstrdup(LIS_ABS_SRCDIR "/tests/data/corpus/wikinews-fr-2012");
}

/* UTF-8 -> Windows-1252; false when a character has no byte there. */
static bool to_cp1252(const char *s, size_t n, struct lis_buf *out)
{
    /* Written out again rather than shared, so a wrong entry in the
     * decoder's table cannot cancel itself out. */
    static const uint16_t c1[32] = {
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    };
    size_t i = 0;

    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        int len, k;

        if (c < 0x80) {
            lis_buf_addc(out, (char)c);
            i++;
            continue;
        }
        len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        cp = c & (0x3F >> (len - 1));
        for (k = 1; k < len; k++)
            cp = (cp << 6) | ((unsigned char)s[i + k] & 0x3F);
        i += (size_t)len;
        if (cp >= 0xA0 && cp <= 0xFF) {
            lis_buf_addc(out, (char)cp);
            continue;
        }
        for (k = 0; k < 32 && c1[k] != cp; k++)
            ;
        if (k == 32 || cp == 0)
            return false;
        lis_buf_addc(out, (char)(0x80 + k));
    }
    return true;
}

static void test_corpus_detection(void **state)
{
#define FM "---\ntitle: t\n---\n"
    char *dir = corpus_dir();
    DIR *d = opendir(dir);
    struct dirent *e;
    int files = 0, legacy = 0;

    (void)state;
    assert_non_null(d);
    while ((e = readdir(d))) {
        struct lis_document *utf8, *doc;
        struct lis_buf cp, broken;
        char *p, *msg = NULL;
        size_t i, n_broken = 0;

        if (!strstr(e->d_name, ".txt"))
            continue;
        p = lis_xasprintf("%s/%s", dir, e->d_name);
        assert_int_equal(lis_document_load(p, NULL, &utf8, &msg), LIS_OK);
        free(p);
        files++;
        assert_string_equal(utf8->encoding, "UTF-8");
        assert_int_equal(utf8->invalid_sequences, 0);
        assert_false(utf8->had_bom);
        assert_non_null(utf8->meta.title);
        assert_non_null(utf8->meta.url);
        /* Some say "date: " with nothing: NULL, never "". */
        assert_true(!utf8->meta.date
                    || strncmp(utf8->meta.date, "2012-", 5) == 0);
        assert_string_equal(utf8->meta.lang, "fr");

        /* The same article saved by a Windows editor must come back. */
        lis_buf_init(&cp);
        lis_buf_adds(&cp, FM);
        if (to_cp1252(utf8->body, utf8->body_len, &cp)) {
            assert_int_equal(lis_document_from_bytes(cp.data, cp.len, NULL,
                                                     NULL, &doc), LIS_OK);
            /* A shorter encoding means non-ASCII text: it must be seen as
             * legacy.  Pure ASCII is valid UTF-8 and stays so. */
            if (cp.len - (sizeof FM - 1) != utf8->body_len) {
                assert_string_equal(doc->encoding, "WINDOWS-1252");
                assert_true(doc->encoding_guessed);
                legacy++;
            }
            assert_int_equal(doc->body_len, utf8->body_len);
            assert_memory_equal(doc->body, utf8->body, utf8->body_len);
            assert_int_equal(doc->invalid_sequences, 0);
            lis_document_free(doc);
        }
        lis_buf_free(&cp);

        /* Mostly UTF-8 with a few damaged characters stays UTF-8: cut the
         * last byte of one multibyte character in ten. */
        lis_buf_init(&broken);
        for (i = 0; i < utf8->body_len; i++) {
            unsigned char c = (unsigned char)utf8->body[i];

            if (c >= 0xC0 && i + 1 < utf8->body_len && (i % 10) == 0) {
                size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;

                lis_buf_add(&broken, utf8->body + i, len - 1);
                i += len - 1;
                n_broken++;
                continue;
            }
            lis_buf_addc(&broken, (char)c);
        }
        if (n_broken) {
            assert_int_equal(lis_document_from_bytes(broken.data, broken.len,
                                                     NULL, NULL, &doc), LIS_OK);
            assert_string_equal(doc->encoding, "UTF-8");
            assert_false(doc->encoding_guessed);
            assert_int_equal(doc->invalid_sequences, n_broken);
            lis_document_free(doc);
        }
        lis_buf_free(&broken);
        lis_document_free(utf8);
    }
    closedir(d);
    free(dir);
    assert_int_equal(files, 100);
    assert_true(legacy >= 90);
#undef FM
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_utf8_maximal_subparts),
        cmocka_unit_test(test_utf8_overlong),
        cmocka_unit_test(test_utf8_surrogates_and_range),
        cmocka_unit_test(test_utf8_truncated),
        cmocka_unit_test(test_utf8_five_six_byte_and_fe_ff),
        cmocka_unit_test(test_cp1252),
        cmocka_unit_test(test_looks_legacy),
        cmocka_unit_test(test_from_bytes_fallback),
        cmocka_unit_test(test_forced_encoding),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_nfc),
        cmocka_unit_test(test_nfc_matches_full_normalize),
        cmocka_unit_test(test_nfc_safe_table),
        cmocka_unit_test(test_newlines),
        cmocka_unit_test(test_corpus_detection),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
