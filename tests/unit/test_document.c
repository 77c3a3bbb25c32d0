/* test_document.c -- front matter, paragraphs, titles, hashing, loading
 * files (and refusing what is not one). */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "liseuse/document.h"

static struct lis_document *doc_from(const char *s)
{
    struct lis_document *doc = NULL;

    assert_int_equal(lis_document_from_bytes(s, strlen(s), NULL, NULL, &doc),
                     LIS_OK);
    assert_non_null(doc);
    return doc;
}

static void test_frontmatter_good(void **state)
{
    struct lis_document *doc;

    (void)state;
    doc = doc_from("---\n"
                   "title: Le titre\n"
                   "source:  Le Monde  \n"
                   "url: https://example.fr/a?b=c:d\n"
                   "date: 2020-09-14\n"
                   "author: Marie Dupont\n"
                   "lang: fr\n"
                   "tags: unknown keys are ignored\n"
                   "# a comment\n"
                   "---\n"
                   "Premier paragraphe.\n");
    assert_string_equal(doc->meta.title, "Le titre");
    assert_string_equal(doc->meta.source, "Le Monde");
    assert_string_equal(doc->meta.url, "https://example.fr/a?b=c:d");
    assert_string_equal(doc->meta.date, "2020-09-14");
    assert_string_equal(doc->meta.author, "Marie Dupont");
    assert_string_equal(doc->meta.lang, "fr");
    assert_string_equal(doc->body, "Premier paragraphe.\n");
    assert_string_equal(lis_document_title(doc), "Le titre");
    lis_document_free(doc);
}

static void test_frontmatter_quoted_and_empty(void **state)
{
    struct lis_document *doc;

    (void)state;
    doc = doc_from("---\r\n"
                   "title: \"Un \\\"titre\\\" : deux-points\"\r\n"
                   "source: 'Lib\xC3\xA9ration'\r\n"
                   "author:\r\n"
                   "date:    \r\n"
                   "lang: \"\"\r\n"
                   "---\r\n"
                   "Texte\r\n");
    assert_string_equal(doc->meta.title, "Un \"titre\" : deux-points");
    assert_string_equal(doc->meta.source, "Lib\xC3\xA9ration");
    assert_null(doc->meta.author);
    assert_null(doc->meta.date);
    assert_null(doc->meta.lang);
    assert_null(doc->meta.url);
    assert_string_equal(doc->body, "Texte\n");
    lis_document_free(doc);

    /* Decoded before parsing: a Windows-1252 file's metadata is UTF-8. */
    doc = doc_from("\xEF\xBB\xBF---\ntitle: Cafe\xCC\x81\n---\nx");
    assert_true(doc->had_bom);
    assert_string_equal(doc->meta.title, "Caf\xC3\xA9");
    assert_string_equal(doc->body, "x");
    lis_document_free(doc);
}

static void check_malformed(const char *text)
{
    struct lis_document *doc = doc_from(text);

    assert_null(doc->meta.title);
    assert_string_equal(doc->body, text);
    lis_document_free(doc);
}

static void test_frontmatter_malformed(void **state)
{
    struct lis_buf b;
    int i;

    (void)state;
    check_malformed("---\ntitle: no closing line\nText\n");
    check_malformed("---\ntitle: x\nThis line is not a key value\n---\nT\n");
    check_malformed("---\ntitle: x\n\n---\nblank line inside\n");
    check_malformed("---\nurl:http://no-space\n---\n");
    check_malformed("Text first\n---\ntitle: x\n---\n");
    check_malformed(" ---\ntitle: x\n---\n");
    check_malformed("---");
    check_malformed("----\ntitle: x\n---\n");

    /* 64 lines are accepted, 65 are text. */
    lis_buf_init(&b);
    lis_buf_adds(&b, "---\ntitle: t\n");
    for (i = 1; i < 64; i++)
        lis_buf_printf(&b, "k%d: v\n", i);
    lis_buf_adds(&b, "---\nbody");
    {
        struct lis_document *doc = doc_from(b.data);

        assert_string_equal(doc->meta.title, "t");
        assert_string_equal(doc->body, "body");
        lis_document_free(doc);
    }
    lis_buf_free(&b);
    lis_buf_init(&b);
    lis_buf_adds(&b, "---\ntitle: t\n");
    for (i = 1; i < 65; i++)
        lis_buf_printf(&b, "k%d: v\n", i);
    lis_buf_adds(&b, "---\nbody");
    check_malformed(b.data);
    lis_buf_free(&b);
}

static void test_frontmatter_parse_direct(void **state)
{
    static const char t[] = "---\ntitle: a\n---";
    struct lis_meta m = { 0 };

    (void)state;
    /* Closing line at the end without a newline. */
    assert_int_equal(lis_frontmatter_parse(t, sizeof t - 1, &m), sizeof t - 1);
    assert_string_equal(m.title, "a");
    lis_meta_free(&m);
    assert_null(m.title);
    assert_int_equal(lis_frontmatter_parse("---\n---\nx", 9, &m), 8);
    assert_null(m.title);
    assert_int_equal(lis_frontmatter_parse("", 0, &m), 0);
}

static void test_paragraphs(void **state)
{
    struct lis_document *doc;

    (void)state;
    doc = doc_from("Un.\n\nDeux.\nTrois.\n");
    assert_int_equal(doc->n_paras, 4);
    assert_int_equal(doc->paras[0].start, 0);
    assert_int_equal(doc->paras[0].end, 3);
    assert_int_equal(doc->paras[1].start, 4);
    assert_int_equal(doc->paras[1].end, 4);
    assert_int_equal(doc->paras[2].start, 5);
    assert_int_equal(doc->paras[2].end, 10);
    assert_int_equal(doc->paras[3].start, 11);
    assert_int_equal(doc->paras[3].end, 17);
    lis_document_free(doc);

    doc = doc_from("a\n\n");        /* only the last newline is a terminator */
    assert_int_equal(doc->n_paras, 2);
    assert_int_equal(doc->paras[1].start, 2);
    assert_int_equal(doc->paras[1].end, 2);
    lis_document_free(doc);

    doc = doc_from("sans fin de ligne");
    assert_int_equal(doc->n_paras, 1);
    assert_int_equal(doc->paras[0].end, 17);
    lis_document_free(doc);

    doc = doc_from("");
    assert_int_equal(doc->body_len, 0);
    assert_string_equal(doc->body, "");
    assert_int_equal(doc->n_paras, 1);
    assert_int_equal(doc->paras[0].start, 0);
    assert_int_equal(doc->paras[0].end, 0);
    lis_document_free(doc);

    doc = doc_from("\n");
    assert_int_equal(doc->n_paras, 1);
    assert_int_equal(doc->paras[0].end, 0);
    lis_document_free(doc);

    doc = doc_from("x\r\n\r\ny\r");
    assert_string_equal(doc->body, "x\n\ny\n");
    assert_int_equal(doc->n_paras, 3);
    lis_document_free(doc);
}

static void test_para_at(void **state)
{
    struct lis_document *doc;
    size_t i, off;

    (void)state;
    doc = doc_from("Un.\n\nDeux.\nTrois.\n");
    assert_int_equal(lis_document_para_at(doc, 0), 0);
    assert_int_equal(lis_document_para_at(doc, 3), 0);   /* its '\n' */
    assert_int_equal(lis_document_para_at(doc, 4), 1);
    assert_int_equal(lis_document_para_at(doc, 5), 2);
    assert_int_equal(lis_document_para_at(doc, 16), 3);
    assert_int_equal(lis_document_para_at(doc, doc->body_len), 3);
    lis_document_free(doc);

    /* Against a linear scan on many paragraphs. */
    {
        struct lis_buf b;

        lis_buf_init(&b);
        for (i = 0; i < 500; i++)
            lis_buf_printf(&b, "%.*s\n", (int)(i % 7), "abcdefg");
        doc = doc_from(b.data);
        lis_buf_free(&b);
    }
    for (off = 0; off <= doc->body_len; off++) {
        size_t want = 0;

        for (i = 0; i < doc->n_paras; i++)
            if (doc->paras[i].start <= off)
                want = i;
        assert_int_equal(lis_document_para_at(doc, off), want);
    }
    lis_document_free(doc);
}

static void test_title_fallbacks(void **state)
{
    struct lis_document *doc;
    struct lis_buf b;
    int i;

    (void)state;
    doc = doc_from("\n  \n\t Premi\xC3\xA8re ligne  \nSuite\n");
    assert_string_equal(lis_document_title(doc), "Premi\xC3\xA8re ligne");
    lis_document_free(doc);

    /* 1 + 150 * 2 bytes: cut at 199, not inside an é. */
    lis_buf_init(&b);
    lis_buf_addc(&b, 'a');
    for (i = 0; i < 150; i++)
        lis_buf_adds(&b, "\xC3\xA9");
    doc = doc_from(b.data);
    assert_int_equal(strlen(lis_document_title(doc)), 199);
    assert_memory_equal(lis_document_title(doc), b.data, 199);
    lis_document_free(doc);
    lis_buf_free(&b);

    assert_int_equal(lis_document_from_bytes("\n\n", 2,
                                             "/tmp/x/mon-article.txt", NULL,
                                             &doc), LIS_OK);
    assert_string_equal(lis_document_title(doc), "mon-article.txt");
    lis_document_free(doc);

    assert_int_equal(lis_document_from_bytes("", 0, "-", NULL, &doc), LIS_OK);
    assert_string_equal(lis_document_title(doc), "stdin");
    lis_document_free(doc);

    assert_int_equal(lis_document_from_bytes("", 0, NULL, NULL, &doc), LIS_OK);
    assert_string_equal(lis_document_title(doc), "stdin");
    lis_document_free(doc);

    /* A front matter without a title falls back to the body. */
    doc = doc_from("---\nlang: fr\n---\nCorps\n");
    assert_string_equal(lis_document_title(doc), "Corps");
    lis_document_free(doc);
}

static void test_hash(void **state)
{
    struct lis_document *doc;
    struct lis_buf b;
    char h[65];
    int i;

    (void)state;
    doc = doc_from("abc");
    lis_document_hash(doc, h);
    assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223"
                           "b00361a396177a9cb410ff61f20015ad");
    lis_document_free(doc);

    doc = doc_from("");
    lis_document_hash(doc, h);
    assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb924"
                           "27ae41e4649b934ca495991b7852b855");
    lis_document_free(doc);

    /* 56 bytes: the padding needs a second block. */
    doc = doc_from("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
    lis_document_hash(doc, h);
    assert_string_equal(h, "248d6a61d20638b8e5c026930c3e6039"
                           "a33ce45964ff2167f6ecedd419db06c1");
    lis_document_free(doc);

    lis_buf_init(&b);
    for (i = 0; i < 1000000; i++)
        lis_buf_addc(&b, 'a');
    doc = doc_from(b.data);
    lis_buf_free(&b);
    lis_document_hash(doc, h);
    assert_string_equal(h, "cdc76e5c9914fb9281a1c7e284d73e67"
                           "f1809a48a497200e046d39ccc7112cd0");
    lis_document_free(doc);

    /* The hash is of the body: front matter does not count. */
    doc = doc_from("---\ntitle: t\n---\nabc");
    lis_document_hash(doc, h);
    assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223"
                           "b00361a396177a9cb410ff61f20015ad");
    lis_document_free(doc);
}

/* ---- loading files ---- */

struct tmp {
    char dir[64];
};

static int tmp_setup(void **state)
{
    struct tmp *t = calloc(1, sizeof *t);

    if (!t)
        return -1;
    strcpy(t->dir, "/tmp/lis-test-doc-XXXXXX");
    if (!mkdtemp(t->dir)) {
        free(t);
        return -1;
    }
    *state = t;
    return 0;
}

static int tmp_teardown(void **state)
{
    struct tmp *t = *state;
    char *cmd = lis_xasprintf("rm -rf '%s'", t->dir);
    int rc = system(cmd);

    free(cmd);
    free(t);
    return rc == 0 ? 0 : -1;
}

static char *tmp_file(const struct tmp *t, const char *name,
                      const char *data, size_t len)
{
    char *p = lis_xasprintf("%s/%s", t->dir, name);
    FILE *f = fopen(p, "wb");

    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return p;
}

static void expect_error(const char *path, enum lis_status want,
                         const char *want_msg)
{
    struct lis_document *doc = (struct lis_document *)&doc;  /* not NULL */
    char *msg = NULL, *expected;

    assert_int_equal(lis_document_load(path, NULL, &doc, &msg), want);
    assert_null(doc);
    assert_non_null(msg);
    expected = lis_xasprintf("%s: %s", path, want_msg);
    assert_string_equal(msg, expected);
    assert_null(strchr(msg, '\n'));
    free(expected);
    free(msg);
}

static void test_load_errors(void **state)
{
    struct tmp *t = *state;
    char *p;

    p = lis_xasprintf("%s/missing.txt", t->dir);
    expect_error(p, LIS_ERR_NOENT, "no such file or directory");
    free(p);
    expect_error(t->dir, LIS_ERR_ISDIR, "is a directory");

    /* Devices are refused, /dev/null included: only "-" reads non-files. */
    expect_error("/dev/null", LIS_ERR_NOTREG, "not a regular file");
    expect_error("/dev/zero", LIS_ERR_NOTREG, "not a regular file");

    /* A FIFO with no writer: refused at once instead of blocking. */
    p = lis_xasprintf("%s/fifo", t->dir);
    assert_int_equal(mkfifo(p, 0600), 0);
    expect_error(p, LIS_ERR_NOTREG, "not a regular file");
    free(p);

    /* Unreadable (root reads anything, so only check it when not root). */
    p = tmp_file(t, "secret.txt", "x", 1);
    assert_int_equal(chmod(p, 0), 0);
    if (geteuid() != 0)
        expect_error(p, LIS_ERR_ACCESS, "permission denied");
    free(p);

    /* An error without errmsg is just a status. */
    {
        struct lis_document *doc;

        assert_int_equal(lis_document_load("/nonexistent/x", NULL, &doc, NULL),
                         LIS_ERR_NOENT);
        assert_null(doc);
    }
}

static void test_load_binary(void **state)
{
    static const char data[] = "ab\0cd\n";
    struct lis_load_opts force = { .force = true };
    struct tmp *t = *state;
    struct lis_document *doc;
    char *p = tmp_file(t, "bin.dat", data, sizeof data - 1);
    char *msg = NULL, *want;

    assert_int_equal(lis_document_load(p, NULL, &doc, &msg), LIS_ERR_BINARY);
    want = lis_xasprintf("%s: %s", p, lis_status_str(LIS_ERR_BINARY));
    assert_string_equal(msg, want);
    free(want);
    free(msg);

    assert_int_equal(lis_document_load(p, &force, &doc, &msg), LIS_OK);
    assert_int_equal(doc->body_len, 6);
    assert_memory_equal(doc->body, data, 6);
    assert_int_equal(doc->n_paras, 1);
    lis_document_free(doc);
    free(p);
}

static void test_load_files(void **state)
{
    struct lis_load_opts enc = { .encoding = "bogus-encoding" };
    struct tmp *t = *state;
    struct lis_document *doc;
    char *p, *msg = NULL;

    /* Empty file: an empty document, not an error. */
    p = tmp_file(t, "empty.txt", "", 0);
    assert_int_equal(lis_document_load(p, NULL, &doc, &msg), LIS_OK);
    assert_null(msg);
    assert_int_equal(doc->body_len, 0);
    assert_int_equal(doc->raw_bytes, 0);
    assert_int_equal(doc->n_paras, 1);
    assert_string_equal(doc->path, p);
    assert_string_equal(lis_document_title(doc), "empty.txt");
    lis_document_free(doc);
    free(p);

    /* A Latin-1 file. */
    p = tmp_file(t, "latin1.txt", "\xc0 l'\xe9t\xe9\n", 8);
    assert_int_equal(lis_document_load(p, NULL, &doc, &msg), LIS_OK);
    assert_string_equal(doc->body, "\xC3\x80 l'\xC3\xA9t\xC3\xA9\n");
    assert_true(doc->encoding_guessed);
    assert_int_equal(doc->raw_bytes, 8);
    lis_document_free(doc);

    /* Unknown forced encoding: the message names it. */
    assert_int_equal(lis_document_load(p, &enc, &doc, &msg), LIS_ERR_ENCODING);
    assert_non_null(strstr(msg, p));
    assert_non_null(strstr(msg, "bogus-encoding"));
    free(msg);
    free(p);
}

static void test_load_stdin(void **state)
{
    static const char text[] = "---\ntitle: Par un tube\n---\nLigne\n";
    struct lis_document *doc;
    int fds[2], saved;

    (void)state;
    saved = dup(STDIN_FILENO);
    assert_true(saved >= 0);
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(write(fds[1], text, sizeof text - 1),
                     (ssize_t)(sizeof text - 1));
    close(fds[1]);
    assert_int_equal(dup2(fds[0], STDIN_FILENO), STDIN_FILENO);
    close(fds[0]);
    assert_int_equal(lis_document_load("-", NULL, &doc, NULL), LIS_OK);
    assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
    close(saved);
    assert_string_equal(doc->path, "-");
    assert_string_equal(doc->body, "Ligne\n");
    assert_string_equal(lis_document_title(doc), "Par un tube");
    lis_document_free(doc);
}

static void test_large_input(void **state)
{
    struct lis_document *doc;
    struct lis_buf b;
    size_t i;

    (void)state;
    /* 4 MB of French lines with one NFD word at the very end: the quick
     * check must still find it, and the index must count every line. */
    lis_buf_init(&b);
    for (i = 0; i < 50000; i++)
        lis_buf_adds(&b, "L\xE2\x80\x99\xC3\xA9t\xC3\xA9 \xC3\xA0 Paris, "
                     "\xC2\xAB d\xC3\xA9j\xC3\xA0 vu \xC2\xBB\xE2\x80\xAF!"
                     " Une ligne ordinaire de texte.\n");
    lis_buf_adds(&b, "fin : cafe\xCC\x81\n");
    doc = doc_from(b.data);
    assert_int_equal(doc->n_paras, 50001);
    assert_true(doc->normalized);
    assert_int_equal(doc->body_len, b.len - 1);
    assert_string_equal(doc->body + doc->paras[50000].start,
                        "fin : caf\xC3\xA9\n");
    lis_buf_free(&b);
    lis_document_free(doc);
}

/* ---- fixtures in tests/data/decode ---- */

static char *fixture(const char *name)
{
    const char *d = getenv("LIS_TEST_DATA");

    return d ? lis_xasprintf("%s/decode/%s", d, name)
             : lis_xasprintf("%s/tests/data/decode/%s", LIS_ABS_SRCDIR, name);
}

static struct lis_document *load_fixture(const char *name)
{
    struct lis_document *doc = NULL;
    char *p = fixture(name), *msg = NULL;

    if (lis_document_load(p, NULL, &doc, &msg) != LIS_OK)
        fail_msg("%s", msg);
    free(p);
    return doc;
}

static void test_fixtures(void **state)
{
    struct lis_document *doc, *want;

    (void)state;
    /* Windows-1252 comes out as the UTF-8 version of the same file. */
    doc = load_fixture("cp1252.txt");
    want = load_fixture("cp1252.utf8.txt");
    assert_string_equal(doc->encoding, "WINDOWS-1252");
    assert_true(doc->encoding_guessed);
    assert_string_equal(want->encoding, "UTF-8");
    assert_false(want->encoding_guessed);
    assert_string_equal(doc->body, want->body);
    assert_string_equal(doc->meta.title, want->meta.title);
    assert_string_equal(doc->meta.title,
                        "L\xE2\x80\x99\xC3\xA9t\xC3\xA9 des \xC2\xAB\xC2\xA0"
                        "ventes\xC2\xA0\xC2\xBB");
    assert_int_equal(doc->n_paras, 4);
    lis_document_free(doc);
    lis_document_free(want);

    doc = load_fixture("nfd.txt");
    want = load_fixture("nfd.nfc.txt");
    assert_true(doc->normalized);
    assert_false(want->normalized);
    assert_true(doc->raw_bytes > doc->body_len);
    assert_string_equal(doc->body, want->body);
    lis_document_free(doc);
    lis_document_free(want);

    doc = load_fixture("bom-crlf.txt");
    assert_true(doc->had_bom);
    assert_string_equal(doc->meta.title, "Titre : entre guillemets");
    assert_string_equal(doc->body,
                        "Premi\xC3\xA8re ligne.\n\nTroisi\xC3\xA8me\nligne\n");
    assert_int_equal(doc->n_paras, 4);
    lis_document_free(doc);

    doc = load_fixture("broken-utf8.txt");
    assert_string_equal(doc->encoding, "UTF-8");
    assert_false(doc->encoding_guessed);
    assert_int_equal(doc->invalid_sequences, 7);
    lis_document_free(doc);
}

static void test_bundled_article(void **state)
{
    const char *dir = getenv("LISEUSE_ARTICLEDIR");
    struct lis_document *doc;
    char *p, *msg = NULL;
    static const char start[] = "TikTok est dans une impasse.";

    (void)state;
    p = dir ? lis_xasprintf("%s/microsoft-tiktok-oracle.txt", dir)
            : lis_xstrdup(LIS_ABS_SRCDIR "/articles/microsoft-tiktok-oracle.txt");
    assert_int_equal(lis_document_load(p, NULL, &doc, &msg), LIS_OK);
    assert_string_equal(lis_document_title(doc),
                        "Microsoft exprime ses regrets de ne pas avoir pu "
                        "racheter TikTok");
    assert_string_equal(doc->meta.lang, "fr");
    assert_memory_equal(doc->body, start, sizeof start - 1);
    assert_string_equal(doc->encoding, "UTF-8");
    assert_int_equal(doc->invalid_sequences, 0);
    assert_true(doc->n_paras > 5);
    assert_false(doc->normalized);
    lis_document_free(doc);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_frontmatter_good),
        cmocka_unit_test(test_frontmatter_quoted_and_empty),
        cmocka_unit_test(test_frontmatter_malformed),
        cmocka_unit_test(test_frontmatter_parse_direct),
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_para_at),
        cmocka_unit_test(test_title_fallbacks),
        cmocka_unit_test(test_hash),
        cmocka_unit_test_setup_teardown(test_load_errors, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(test_load_binary, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(test_load_files, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test(test_load_stdin),
        cmocka_unit_test(test_large_input),
        cmocka_unit_test(test_fixtures),
        cmocka_unit_test(test_bundled_article),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
