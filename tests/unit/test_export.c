/* test_export.c -- excerpts, the five writers (golden files for the bundled
 * article), CSV quoting, Markdown escaping, JSON round trip, control
 * characters, atomic writes and annotation files. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "liseuse/analysis.h"
#include "liseuse/document.h"
#include "liseuse/export.h"
#include "liseuse/lexicon.h"
#include "liseuse/text.h"

/* 2026-11-28 13:45:00 UTC: a Saturday afternoon, to test the 12 h clock */
#define NOW ((time_t)1795873500)
/* 2026-11-27 09:05:07 UTC */
#define EARLIER ((time_t)1795770307)

/* ---------------------------------------------------------------- helpers */

static char *test_data_path(const char *rel)
{
    const char *d = getenv("LIS_TEST_DATA");

    if (d && *d)
        return lis_xasprintf("%s/%s", d, rel);
    return lis_xasprintf("%s/tests/data/%s", LIS_ABS_SRCDIR, rel);
}

static char *read_file(const char *path, size_t *len)
{
    struct lis_buf b;
    char chunk[4096];
    size_t n;
    FILE *f = fopen(path, "rb");

    if (!f)
        return NULL;
    lis_buf_init(&b);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        lis_buf_add(&b, chunk, n);
    fclose(f);
    return lis_buf_steal(&b, len);
}

static struct lis_document *doc_from(const char *text, const char *path)
{
    struct lis_load_opts lo = { NULL, false };
    struct lis_document *doc = NULL;

    assert_int_equal(lis_document_from_bytes(text, strlen(text), path, &lo,
                                             &doc), LIS_OK);
    assert_non_null(doc);
    return doc;
}

/* Offset of the first occurrence of needle in the body at or after from. */
static size_t find(const struct lis_document *doc, const char *needle,
                   size_t from)
{
    const char *p = strstr(doc->body + from, needle);

    assert_non_null(p);
    return (size_t)(p - doc->body);
}

static size_t add_entity(struct lis_analysis *an, const char *name,
                         enum lis_entity_type type)
{
    size_t i = an->n_entities++;

    an->entities = lis_xrealloc(an->entities,
                                an->n_entities * sizeof *an->entities);
    memset(&an->entities[i], 0, sizeof an->entities[i]);
    an->entities[i].id = i;
    an->entities[i].name = lis_xstrdup(name);
    an->entities[i].type = type;
    an->entities[i].linked = LIS_NONE;
    return i;
}

/* A quote whose text starts with prefix, right after an opening mark, and
 * runs to the next closing mark (the article closes with “ or ”). */
static void add_quote(struct lis_analysis *an, const struct lis_document *doc,
                      const char *prefix, size_t speaker)
{
    char *open = lis_xasprintf("\xe2\x80\x9c%s", prefix);
    size_t s = find(doc, open, 0) + 3, e = s;
    struct lis_quote *q;

    while (e < doc->body_len &&
           strncmp(doc->body + e, "\xe2\x80\x9c", 3) != 0 &&
           strncmp(doc->body + e, "\xe2\x80\x9d", 3) != 0)
        e++;
    assert_true(e < doc->body_len);
    an->quotes = lis_xrealloc(an->quotes, (an->n_quotes + 1) *
                              sizeof *an->quotes);
    q = &an->quotes[an->n_quotes];
    memset(q, 0, sizeof *q);
    q->id = an->n_quotes++;
    q->start = s;
    q->end = e;
    q->outer_start = s - 3;
    q->outer_end = e + 3;
    q->closed = true;
    q->para = lis_document_para_at(doc, s);
    q->speaker = speaker;
    free(open);
}

static void add_party(struct lis_analysis *an, size_t entity,
                      enum lis_role role, enum lis_bid_status status)
{
    struct lis_party *p;

    an->parties = lis_xrealloc(an->parties, (an->n_parties + 1) *
                               sizeof *an->parties);
    p = &an->parties[an->n_parties++];
    memset(p, 0, sizeof *p);
    p->entity = entity;
    p->name = lis_xstrdup(an->entities[entity].name);
    p->role = role;
    p->status = status;
}

static void hand_analysis_free(struct lis_analysis *an)
{
    size_t i;

    for (i = 0; i < an->n_entities; i++)
        free(an->entities[i].name);
    for (i = 0; i < an->n_parties; i++)
        free(an->parties[i].name);
    if (an->deal)
        free(an->deal->summary);
    free(an->deal);
    free(an->entities);
    free(an->quotes);
    free(an->parties);
    free(an->sentences);
    memset(an, 0, sizeof *an);
}

static void add_highlight(struct lis_annotations *a, size_t s, size_t e,
                          const char *note, time_t created)
{
    size_t i = lis_annotations_add_highlight(a, s, e, created);

    lis_annotations_set_note(&a->highlights[i].note, note);
}

static void add_mark(struct lis_annotations *a, size_t s, size_t e,
                     const char *note, time_t created)
{
    size_t i = lis_annotations_add_mark(a, s, e, created);

    lis_annotations_set_note(&a->marks[i].note, note);
}

/* ---------------------------------------------------------------- bundled */

/* The bundled article with an analysis built by hand: its six quotations
 * at their real offsets, all said by Microsoft, and the deal's parties.
 * The reader marked quotes 2 and 5, noted the second, and highlighted the
 * opening sentence. */
struct bundled {
    struct lis_document *doc;
    struct lis_analysis an;
    struct lis_annotations ann;
};

static const char *const bundled_quote_starts[] = {
    "ByteDance nous a informés", "était une bonne chose",
    "protégeant les intérêts", "d’apporter des modifications",
    "lors de la déclaration", "attendre avec impatience",
};

static int bundled_setup(void **state)
{
    struct bundled *f = lis_xcalloc(1, sizeof *f);
    char *path = lis_xasprintf("%s/articles/microsoft-tiktok-oracle.txt",
                               LIS_ABS_SRCDIR);
    size_t len, i, ms, tiktok, bytedance, oracle;
    char *data = read_file(path, &len);
    struct lis_load_opts lo = { NULL, false };

    assert_non_null(data);
    /* a relative path, as a user would type it: the JSON records it */
    assert_int_equal(lis_document_from_bytes(data, len,
                                             "articles/microsoft-tiktok-oracle.txt",
                                             &lo, &f->doc), LIS_OK);
    free(data);
    free(path);
    ms = add_entity(&f->an, "Microsoft", LIS_ENT_ORG);
    tiktok = add_entity(&f->an, "TikTok", LIS_ENT_ORG);
    bytedance = add_entity(&f->an, "ByteDance", LIS_ENT_ORG);
    oracle = add_entity(&f->an, "Oracle", LIS_ENT_ORG);
    for (i = 0; i < LIS_ARRAY_LEN(bundled_quote_starts); i++)
        add_quote(&f->an, f->doc, bundled_quote_starts[i], ms);
    f->an.deal = lis_xcalloc(1, sizeof *f->an.deal);
    f->an.deal->kind = LIS_DEAL_SALE;
    f->an.deal->status = "rejected";
    f->an.deal->summary = lis_xstrdup("ByteDance refuse de vendre les "
                                      "activités américaines de TikTok à "
                                      "Microsoft.");
    add_party(&f->an, tiktok, LIS_ROLE_TARGET, LIS_BID_NONE);
    add_party(&f->an, bytedance, LIS_ROLE_SELLER, LIS_BID_NONE);
    add_party(&f->an, oracle, LIS_ROLE_BIDDER, LIS_BID_CHOSEN);
    add_party(&f->an, ms, LIS_ROLE_BIDDER, LIS_BID_REJECTED);

    lis_annotations_init(&f->ann);
    add_mark(&f->ann, f->an.quotes[1].start, f->an.quotes[1].end,
             "Promesse, \"pour les utilisateurs\" :\nà vérifier", EARLIER);
    add_mark(&f->ann, f->an.quotes[4].start, f->an.quotes[4].end, NULL, 0);
    add_highlight(&f->ann, 0, find(f->doc, "impasse.", 0) + strlen("impasse."),
                  "Le constat de départ", EARLIER + 60);
    *state = f;
    return 0;
}

static int bundled_teardown(void **state)
{
    struct bundled *f = *state;

    lis_annotations_free(&f->ann);
    hand_analysis_free(&f->an);
    lis_document_free(f->doc);
    free(f);
    return 0;
}

/* Compare with tests/data/export/NAME; LIS_UPDATE_GOLDEN=1 rewrites it
 * (then check the diff before committing). */
static void check_golden(const char *name, const struct lis_buf *out)
{
    char *rel = lis_xasprintf("export/%s", name);
    char *path = test_data_path(rel);
    const char *update = getenv("LIS_UPDATE_GOLDEN");
    size_t len = 0;
    char *want;

    if (update && strcmp(update, "1") == 0) {
        char *err = NULL;

        assert_int_equal(lis_write_file_atomic(path, out->data, out->len,
                                               true, &err), LIS_OK);
    }
    want = read_file(path, &len);
    if (!want)
        fail_msg("missing golden file %s", path);
    if (len != out->len || memcmp(want, out->data, len) != 0) {
        fprintf(stderr, "---- %s differs; got:\n%s\n----\n", path, out->data);
        fail_msg("output differs from %s", path);
    }
    free(want);
    free(path);
    free(rel);
}

static void export_bundled(const struct bundled *f, enum lis_export_format fmt,
                           bool with_parties, bool french,
                           struct lis_buf *out)
{
    struct lis_export_article art;
    struct lis_export_opts o;

    lis_export_collect(f->doc, &f->an, &f->ann, LIS_SELECT_ALL, NOW, &art);
    memset(&o, 0, sizeof o);
    o.format = fmt;
    o.select = LIS_SELECT_ALL;
    o.with_parties = with_parties;
    o.french = french;
    o.now = NOW;
    lis_buf_init(out);
    lis_export_write(&art, 1, &o, out);
    lis_export_article_clear(&art);
}

static void test_golden_md(void **state)
{
    struct lis_buf out;

    export_bundled(*state, LIS_EXPORT_MD, false, false, &out);
    check_golden("bundled.md", &out);
    lis_buf_free(&out);
}

static void test_golden_json(void **state)
{
    struct lis_buf out;

    export_bundled(*state, LIS_EXPORT_JSON, true, false, &out);
    check_golden("bundled.json", &out);
    lis_buf_free(&out);
}

static void test_golden_txt(void **state)
{
    struct lis_buf out;

    export_bundled(*state, LIS_EXPORT_TXT, false, false, &out);
    check_golden("bundled.txt", &out);
    lis_buf_free(&out);
}

static void test_golden_csv(void **state)
{
    struct lis_buf out;

    export_bundled(*state, LIS_EXPORT_CSV, false, false, &out);
    check_golden("bundled.csv", &out);
    lis_buf_free(&out);
}

static void test_golden_clippings(void **state)
{
    struct lis_buf out;

    export_bundled(*state, LIS_EXPORT_CLIPPINGS, false, false, &out);
    check_golden("bundled.clippings", &out);
    lis_buf_free(&out);
    export_bundled(*state, LIS_EXPORT_CLIPPINGS, false, true, &out);
    check_golden("bundled-fr.clippings", &out);
    lis_buf_free(&out);
}

/* The parties block of md and txt: its labels are the analysis' own
 * (translated), so they are checked here rather than in a golden file. */
static void test_parties_block(void **state)
{
    const struct bundled *f = *state;
    enum lis_export_format fmts[] = { LIS_EXPORT_MD, LIS_EXPORT_TXT };
    size_t i;

    for (i = 0; i < LIS_ARRAY_LEN(fmts); i++) {
        struct lis_buf out;
        char *line = lis_xasprintf("\n- %s: Oracle\n",
                                   lis_party_label(LIS_ROLE_BIDDER,
                                                   LIS_BID_CHOSEN));

        export_bundled(f, fmts[i], true, false, &out);
        assert_non_null(strstr(out.data, line));
        assert_non_null(strstr(out.data, "ByteDance refuse de vendre les "
                                         "activités américaines"));
        /* the block comes before the first excerpt */
        assert_true(strstr(out.data, line) <
                    strstr(out.data, "TikTok est dans une impasse."));
        free(line);
        lis_buf_free(&out);
        export_bundled(f, fmts[i], false, false, &out);
        assert_null(strstr(out.data, "ByteDance refuse"));
        lis_buf_free(&out);
    }
}

/* ---------------------------------------------------------------- collect */

static void test_collect_bundled(void **state)
{
    const struct bundled *f = *state;
    struct lis_export_article art;
    char id[17];
    size_t i, j;

    lis_export_collect(f->doc, &f->an, &f->ann, LIS_SELECT_QUOTES, NOW, &art);
    assert_int_equal(art.n_excerpts, 6);
    for (i = 0; i < 6; i++) {
        const struct lis_excerpt *e = &art.excerpts[i];

        assert_int_equal(e->kind, LIS_EXCERPT_QUOTE);
        assert_int_equal(e->start, f->an.quotes[i].start);
        assert_string_equal(e->speaker, "Microsoft");
        assert_memory_equal(e->text, f->doc->body + e->start,
                            e->end - e->start);
        assert_int_equal(strlen(e->text), e->end - e->start);
        assert_int_equal(e->para, lis_document_para_at(f->doc, e->start) + 1);
        assert_true(e->position > 0.0 && e->position < 100.0);
        /* no sentences in this analysis: the context is the paragraph */
        assert_non_null(strstr(e->context, e->text));
        assert_memory_equal(e->context,
                            f->doc->body + f->doc->paras[e->para - 1].start,
                            strlen(e->context));
        lis_excerpt_id(art.sha256, e->start, e->end, id);
        assert_string_equal(e->id, id);
        assert_int_equal(strlen(e->id), 16);
        assert_int_equal(strspn(e->id, "0123456789abcdef"), 16);
        for (j = 0; j < i; j++)
            assert_string_not_equal(e->id, art.excerpts[j].id);
    }
    /* notes and times come from the marks, else now */
    assert_non_null(art.excerpts[1].note);
    assert_int_equal(art.excerpts[1].created, EARLIER);
    assert_null(art.excerpts[0].note);
    assert_int_equal(art.excerpts[0].created, NOW);
    assert_true(strstr(art.excerpts[3].text, "désinformation") != NULL);
    lis_export_article_clear(&art);

    lis_export_collect(f->doc, &f->an, &f->ann, LIS_SELECT_MARKED, NOW, &art);
    assert_int_equal(art.n_excerpts, 2);
    assert_int_equal(art.excerpts[0].start, f->an.quotes[1].start);
    assert_int_equal(art.excerpts[1].start, f->an.quotes[4].start);
    lis_export_article_clear(&art);

    lis_export_collect(f->doc, &f->an, &f->ann, LIS_SELECT_HIGHLIGHTS, NOW,
                       &art);
    assert_int_equal(art.n_excerpts, 1);
    assert_int_equal(art.excerpts[0].kind, LIS_EXCERPT_HIGHLIGHT);
    assert_string_equal(art.excerpts[0].text, "TikTok est dans une impasse.");
    assert_null(art.excerpts[0].speaker);
    assert_string_equal(art.excerpts[0].note, "Le constat de départ");
    assert_int_equal(art.excerpts[0].para, 1);
    assert_true(art.excerpts[0].position == 0.0);
    lis_export_article_clear(&art);

    lis_export_collect(f->doc, &f->an, &f->ann, LIS_SELECT_ALL, NOW, &art);
    assert_int_equal(art.n_excerpts, 7);
    for (i = 1; i < art.n_excerpts; i++)
        assert_true(art.excerpts[i - 1].start < art.excerpts[i].start);
    /* the id depends on the article and the offsets only */
    lis_export_article_clear(&art);
    lis_export_collect(f->doc, NULL, NULL, LIS_SELECT_ALL, NOW, &art);
    assert_int_equal(art.n_excerpts, 0);
    lis_export_article_clear(&art);
}

/* Each excerpt once in "all"; stale and out-of-range annotations; marks
 * that no longer match a quote; context from the sentences. */
static void test_collect_edges(void **state)
{
    struct lis_document *doc = doc_from(
        "Il a dit «\xc2\xa0" "bonjour à tous\xc2\xa0» hier. Puis il est "
        "parti.\n"
        "Second paragraphe, sans citation.\n", "t.txt");
    struct lis_analysis an;
    struct lis_annotations ann;
    struct lis_export_article art;
    size_t q0, q1, p2, p2e;

    (void)state;
    memset(&an, 0, sizeof an);
    add_entity(&an, "Il", LIS_ENT_PER);
    q0 = find(doc, "bonjour", 0);
    q1 = find(doc, "\xc2\xa0» hier", 0);  /* before the NBSP and » */
    an.quotes = lis_xcalloc(1, sizeof *an.quotes);
    an.n_quotes = 1;
    an.quotes[0].start = q0;
    an.quotes[0].end = q1;
    an.quotes[0].outer_start = q0 - 4;   /* « + NBSP */
    an.quotes[0].outer_end = q1 + 4;
    an.quotes[0].speaker = LIS_NONE;
    an.sentences = lis_xcalloc(3, sizeof *an.sentences);
    an.n_sentences = 3;
    an.sentences[0].start = 0;
    an.sentences[0].end = find(doc, " Puis", 0);
    an.sentences[1].start = an.sentences[0].end + 1;
    an.sentences[1].end = find(doc, "\n", 0);
    p2 = an.sentences[1].end + 1;
    p2e = find(doc, "\n", p2);
    an.sentences[2].start = p2;
    an.sentences[2].end = p2e;
    an.sentences[2].para = 1;

    lis_annotations_init(&ann);
    /* a highlight exactly on the quote: one excerpt, the quote, with the
     * highlight's note */
    add_highlight(&ann, q0, q1, "même passage", EARLIER);
    /* a mark on the quote with its marks: still that quote */
    add_mark(&ann, q0 - 4, q1 + 4, NULL, EARLIER + 1);
    /* a mark no quote matches any more: exported, without a speaker */
    add_mark(&ann, p2, p2 + 6, "orpheline", 0);
    /* out of range, empty, and inside a UTF-8 sequence: ignored */
    add_highlight(&ann, p2e, p2e + 1000, NULL, 0);
    add_highlight(&ann, 3, 3, NULL, 0);
    add_highlight(&ann, q1 + 1, q1 + 5, NULL, 0);
    /* a highlight across both paragraphs, twice */
    add_highlight(&ann, find(doc, "Puis", 0), p2 + 6, NULL, 0);
    ann.highlights = lis_xrealloc(ann.highlights, (ann.n_highlights + 1) *
                                  sizeof *ann.highlights);
    ann.highlights[ann.n_highlights] = ann.highlights[ann.n_highlights - 1];
    ann.highlights[ann.n_highlights].note = NULL;
    ann.n_highlights++;

    lis_export_collect(doc, &an, &ann, LIS_SELECT_ALL, NOW, &art);
    assert_int_equal(art.n_excerpts, 3);
    assert_int_equal(art.excerpts[0].kind, LIS_EXCERPT_QUOTE);
    assert_string_equal(art.excerpts[0].text, "bonjour à tous");
    assert_null(art.excerpts[0].speaker);
    assert_string_equal(art.excerpts[0].note, "même passage");
    assert_int_equal(art.excerpts[0].created, EARLIER + 1);
    assert_string_equal(art.excerpts[0].context,
                        "Il a dit «\xc2\xa0" "bonjour à tous\xc2\xa0» hier.");
    assert_int_equal(art.excerpts[1].kind, LIS_EXCERPT_HIGHLIGHT);
    assert_string_equal(art.excerpts[1].text,
                        "Puis il est parti.\nSecond");
    /* across two sentences: the context spans both */
    assert_string_equal(art.excerpts[1].context,
                        "Puis il est parti.\nSecond paragraphe, sans "
                        "citation.");
    assert_int_equal(art.excerpts[1].para, 1);
    assert_int_equal(art.excerpts[2].kind, LIS_EXCERPT_QUOTE);
    assert_string_equal(art.excerpts[2].text, "Second");
    assert_string_equal(art.excerpts[2].note, "orpheline");
    assert_int_equal(art.excerpts[2].para, 2);
    assert_string_not_equal(art.excerpts[1].id, art.excerpts[2].id);
    lis_export_article_clear(&art);

    lis_export_collect(doc, &an, &ann, LIS_SELECT_MARKED, NOW, &art);
    assert_int_equal(art.n_excerpts, 2);
    assert_null(art.excerpts[0].note);   /* marks carry no note here */
    lis_export_article_clear(&art);

    lis_export_collect(doc, &an, &ann, LIS_SELECT_HIGHLIGHTS, NOW, &art);
    assert_int_equal(art.n_excerpts, 2);
    assert_int_equal(art.excerpts[0].kind, LIS_EXCERPT_HIGHLIGHT);
    assert_string_equal(art.excerpts[0].text, "bonjour à tous");
    lis_export_article_clear(&art);

    lis_annotations_free(&ann);
    hand_analysis_free(&an);
    lis_document_free(doc);
}

static void test_names(void **state)
{
    enum lis_export_format f;
    enum lis_select s;

    (void)state;
    assert_true(lis_export_format_parse("clippings", &f));
    assert_int_equal(f, LIS_EXPORT_CLIPPINGS);
    assert_string_equal(lis_export_format_ext(f), "txt");
    assert_string_equal(lis_export_format_name(LIS_EXPORT_JSON), "json");
    assert_false(lis_export_format_parse("pdf", &f));
    assert_false(lis_export_format_parse("", &f));
    assert_true(lis_select_parse("marked", &s));
    assert_int_equal(s, LIS_SELECT_MARKED);
    assert_string_equal(lis_select_name(LIS_SELECT_ALL), "all");
    assert_false(lis_select_parse("every", &s));
}

/* ---------------------------------------------------------------- writers */

/* One highlight over the whole body of a small document. */
static void export_whole(const char *text, const char *path, const char *note,
                         enum lis_export_format fmt, bool french,
                         struct lis_buf *out)
{
    struct lis_document *doc = doc_from(text, path);
    struct lis_annotations ann;
    struct lis_export_article art;
    struct lis_export_opts o;
    size_t end = doc->body_len;

    while (end > 0 && doc->body[end - 1] == '\n')
        end--;
    lis_annotations_init(&ann);
    add_highlight(&ann, 0, end, note, EARLIER);
    lis_export_collect(doc, NULL, &ann, LIS_SELECT_HIGHLIGHTS, NOW, &art);
    memset(&o, 0, sizeof o);
    o.format = fmt;
    o.select = LIS_SELECT_HIGHLIGHTS;
    o.french = french;
    o.now = NOW;
    lis_buf_init(out);
    lis_export_write(&art, 1, &o, out);
    lis_export_article_clear(&art);
    lis_annotations_free(&ann);
    lis_document_free(doc);
}

static void test_csv_quoting(void **state)
{
    struct lis_buf out;

    (void)state;
    export_whole("---\ntitle: Titre, avec \"guillemets\"\nauthor: Zoé\n"
                 "url: https://exemple.fr/a?b=1,2\n---\n"
                 "Il a dit \"non\", puis\nil est parti à l’aube.\n",
                 "a.txt", "une note\navec, virgule", LIS_EXPORT_CSV, false,
                 &out);
    assert_string_equal(out.data,
        "Highlight,Title,Author,URL,Note,Location,Date\r\n"
        "\"Il a dit \"\"non\"\", puis\nil est parti à l’aube.\","
        "\"Titre, avec \"\"guillemets\"\"\",Zoé,"
        "\"https://exemple.fr/a?b=1,2\",\"une note\navec, virgule\",1,"
        "2026-11-27 09:05:07\r\n");
    lis_buf_free(&out);

    /* nothing to quote: bare fields; no author: the source, else empty */
    export_whole("---\ntitle: Simple\nsource: Le Monde\n---\nÉté brûlant\n",
                 "b.txt", NULL, LIS_EXPORT_CSV, false, &out);
    assert_string_equal(out.data,
        "Highlight,Title,Author,URL,Note,Location,Date\r\n"
        "Été brûlant,Simple,Le Monde,,,1,2026-11-27 09:05:07\r\n");
    lis_buf_free(&out);
}

static void test_md_escaping(void **state)
{
    struct lis_buf out;
    const char *bq;

    (void)state;
    export_whole("---\ntitle: C# et *Rust* ##\nsource: Blog\ndate: 2024-01-02\n"
                 "url: https://x.fr/a_b\n---\n"
                 "# pas un titre\n"
                 "> pas une citation\n"
                 "- pas une liste\n"
                 "+ non plus\n"
                 "1. ni celle-ci\n"
                 "2024) ni ça\n"
                 "===\n"
                 "     pas du code\n"
                 "\n"
                 "du *gras*, du _souligné_, `code`, [lien](x) <b> &amp; # fin\n",
                 "m.txt", "# note\n> aussi", LIS_EXPORT_MD, false, &out);
    assert_non_null(out.data);
    {
        static const char head[] = "# C\\# et \\*Rust\\* \\#\\#\n\n"
                                   "Blog · 2024-01-02 · <https://x.fr/a_b>\n\n";

        assert_true(strncmp(out.data, head, strlen(head)) == 0);
    }
    bq = strstr(out.data, "\n> ");
    assert_non_null(bq);
    assert_string_equal(bq + 1,
        "> \\# pas un titre\n"
        "> \\> pas une citation\n"
        "> \\- pas une liste\n"
        "> \\+ non plus\n"
        "> 1\\. ni celle-ci\n"
        "> 2024\\) ni ça\n"
        "> \\===\n"
        "> &#32;    pas du code\n"
        ">\n"
        "> du \\*gras\\*, du \\_souligné\\_, \\`code\\`, \\[lien\\](x) \\<b> "
        "\\&amp; # fin\n"
        "\n"
        "— § 1\n"
        "\n"
        "Note: \\# note\n"
        "\\> aussi\n");
    lis_buf_free(&out);
}

static void test_txt_and_clippings_shape(void **state)
{
    struct lis_buf out;

    (void)state;
    /* a highlight over two paragraphs: one line in a clipping */
    export_whole("---\ntitle: Deux\n---\nUn.\nDeux.\n", "d.txt", "ma note",
                 LIS_EXPORT_CLIPPINGS, true, &out);
    assert_string_equal(out.data,
        "Deux (Inconnu)\r\n"
        "- Votre surlignement à l’emplacement 1-2 | Ajouté le vendredi "
        "27 novembre 2026 09:05:07\r\n\r\nUn. Deux.\r\n==========\r\n"
        "Deux (Inconnu)\r\n"
        "- Votre note à l’emplacement 2 | Ajouté le vendredi 27 novembre "
        "2026 09:05:07\r\n\r\nma note\r\n==========\r\n");
    lis_buf_free(&out);
    export_whole("---\ntitle: Deux\n---\nUn.\nDeux.\n", "d.txt", NULL,
                 LIS_EXPORT_CLIPPINGS, false, &out);
    assert_string_equal(out.data,
        "Deux (Unknown)\r\n"
        "- Your Highlight at location 1-2 | Added on Friday, November 27, "
        "2026 9:05:07 AM\r\n\r\nUn. Deux.\r\n==========\r\n");
    lis_buf_free(&out);
    export_whole("---\ntitle: Deux\n---\nUn.\nDeux.\n", "d.txt", NULL,
                 LIS_EXPORT_TXT, false, &out);
    assert_string_equal(out.data,
        "Deux\n\n----------------------------------------\n\n"
        "Un.\nDeux.\n— § 1\n");
    lis_buf_free(&out);
}

/* Nothing the article, a note or a file name holds reaches the output as
 * a raw control or invisible format character; NBSPs and accents stay. */
static bool no_controls(const char *s, size_t len, bool crlf_ok)
{
    size_t i = 0;

    while (i < len) {
        uint32_t cp;
        size_t n = lis_u8_get(s + i, len - i, &cp);

        if (cp == '\r' && !crlf_ok)
            return false;
        if (cp == '\r' && (i + 1 >= len || s[i + 1] != '\n'))
            return false;
        if (cp != '\n' && cp != '\r' && lis_glyph_kind(cp) != LIS_GLYPH_TEXT)
            return false;
        i += n;
    }
    return true;
}

static void test_controls_dropped(void **state)
{
    const char *text =
        "---\ntitle: T\x1b[31mitre\xc2\x9b\nauthor: A\x7fnne\n---\n"
        "Le\x1b]0;pwned\x07 texte\xe2\x80\xae inversé\xe2\x80\x8b,\xc2\xa0"
        "«\xe2\x80\xaf" "accents\xe2\x80\xaf» et\ttab\x01.\n";
    int f;

    (void)state;
    for (f = 0; f < LIS_EXPORT_COUNT; f++) {
        struct lis_buf out;
        bool crlf = f == LIS_EXPORT_CSV || f == LIS_EXPORT_CLIPPINGS;

        export_whole(text, "p\x1b[2J\xc2\x9b.txt", "note\x07\x1b[2J\xc2\x9b",
                     (enum lis_export_format)f, f & 1, &out);
        assert_true(no_controls(out.data, out.len, crlf));
        /* the escape sequences lose their ESC/BEL, the text stays */
        assert_non_null(strstr(out.data, "0;pwned texte inversé,\xc2\xa0"
                                         "«\xe2\x80\xaf" "accents\xe2\x80\xaf» "
                                         "et tab."));
        lis_buf_free(&out);
    }
}

static void test_json_roundtrip(void **state)
{
    const struct bundled *f = *state;
    struct lis_export_article arts[2];
    struct lis_export_opts o;
    struct lis_buf out;
    json_error_t err;
    json_t *root, *xs, *x, *list;
    size_t i;

    lis_export_collect(f->doc, &f->an, &f->ann, LIS_SELECT_ALL, NOW, &arts[0]);
    lis_export_collect(f->doc, &f->an, NULL, LIS_SELECT_QUOTES, NOW, &arts[1]);
    memset(&o, 0, sizeof o);
    o.format = LIS_EXPORT_JSON;
    o.now = NOW;

    lis_buf_init(&out);
    lis_export_write(arts, 1, &o, &out);
    root = json_loads(out.data, 0, &err);
    assert_non_null(root);
    assert_string_equal(json_string_value(json_object_get(root, "format")),
                        "liseuse-excerpts/1");
    assert_string_equal(json_string_value(json_object_get(root, "exported")),
                        "2026-11-28T13:45:00Z");
    x = json_object_get(root, "article");
    assert_string_equal(json_string_value(json_object_get(x, "sha256")),
                        arts[0].sha256);
    assert_string_equal(json_string_value(json_object_get(x, "title")),
                        lis_document_title(f->doc));
    assert_true(json_is_null(json_object_get(x, "url")));
    assert_null(json_object_get(root, "deal"));    /* not asked for */
    xs = json_object_get(root, "excerpts");
    assert_int_equal(json_array_size(xs), arts[0].n_excerpts);
    for (i = 0; i < arts[0].n_excerpts; i++) {
        const struct lis_excerpt *e = &arts[0].excerpts[i];
        json_t *note, *speaker;
        time_t t;

        x = json_array_get(xs, i);
        note = json_object_get(x, "note");
        speaker = json_object_get(x, "speaker");
        assert_string_equal(json_string_value(json_object_get(x, "id")), e->id);
        assert_string_equal(json_string_value(json_object_get(x, "kind")),
                            e->kind == LIS_EXCERPT_QUOTE ? "quote"
                                                         : "highlight");
        assert_string_equal(json_string_value(json_object_get(x, "text")),
                            e->text);
        assert_string_equal(json_string_value(json_object_get(x, "context")),
                            e->context);
        if (e->note)
            assert_string_equal(json_string_value(note), e->note);
        else
            assert_true(json_is_null(note));
        if (e->speaker)
            assert_string_equal(json_string_value(speaker), e->speaker);
        else
            assert_true(json_is_null(speaker));
        assert_int_equal(json_integer_value(json_object_get(x, "start")),
                         e->start);
        assert_int_equal(json_integer_value(json_object_get(x, "end")), e->end);
        assert_int_equal(json_integer_value(json_object_get(x, "paragraph")),
                         e->para);
        assert_true(json_real_value(json_object_get(x, "position")) -
                    e->position < 0.006 &&
                    e->position - json_real_value(json_object_get(x,
                        "position")) < 0.006);
        assert_true(lis_parse_iso8601(json_string_value(
                        json_object_get(x, "created")), &t));
        assert_int_equal(t, e->created);
    }
    json_decref(root);
    lis_buf_free(&out);

    /* several articles: one object each under "articles" */
    lis_buf_init(&out);
    lis_export_write(arts, 2, &o, &out);
    root = json_loads(out.data, 0, &err);
    assert_non_null(root);
    assert_null(json_object_get(root, "article"));
    assert_non_null(json_object_get(root, "exported"));
    list = json_object_get(root, "articles");
    assert_int_equal(json_array_size(list), 2);
    assert_int_equal(json_array_size(json_object_get(json_array_get(list, 0),
                                                     "excerpts")), 7);
    assert_int_equal(json_array_size(json_object_get(json_array_get(list, 1),
                                                     "excerpts")), 6);
    assert_non_null(json_object_get(json_object_get(json_array_get(list, 1),
                                                    "article"), "path"));
    json_decref(root);
    lis_buf_free(&out);
    lis_export_article_clear(&arts[0]);
    lis_export_article_clear(&arts[1]);
}

/* Several articles: md sections, one CSV header, clippings back to back. */
static void test_several_articles(void **state)
{
    const struct bundled *f = *state;
    struct lis_export_article arts[2];
    struct lis_export_opts o;
    struct lis_buf out;
    const char *p;
    size_t n;

    lis_export_collect(f->doc, &f->an, &f->ann, LIS_SELECT_MARKED, NOW,
                       &arts[0]);
    lis_export_collect(f->doc, &f->an, &f->ann, LIS_SELECT_HIGHLIGHTS, NOW,
                       &arts[1]);
    memset(&o, 0, sizeof o);
    o.now = NOW;

    o.format = LIS_EXPORT_CSV;
    lis_buf_init(&out);
    lis_export_write(arts, 2, &o, &out);
    for (n = 0, p = out.data; (p = strstr(p, "Highlight,Title")); p++)
        n++;
    assert_int_equal(n, 1);
    for (n = 0, p = out.data; (p = strstr(p, "\r\n")); p++)
        n++;
    assert_int_equal(n, 4);
    lis_buf_free(&out);

    o.format = LIS_EXPORT_MD;
    lis_buf_init(&out);
    lis_export_write(arts, 2, &o, &out);
    for (n = 0, p = out.data; (p = strstr(p, "# Microsoft exprime")); p++)
        n++;
    assert_int_equal(n, 2);
    assert_non_null(strstr(out.data, "\n\n# Microsoft exprime"));
    lis_buf_free(&out);

    o.format = LIS_EXPORT_CLIPPINGS;
    lis_buf_init(&out);
    lis_export_write(arts, 2, &o, &out);
    for (n = 0, p = out.data; (p = strstr(p, "==========\r\n")); p++)
        n++;
    assert_int_equal(n, 3 + 2);       /* 3 excerpts, 2 of them noted */
    lis_buf_free(&out);

    /* no article at all: still a well-formed document */
    o.format = LIS_EXPORT_JSON;
    lis_buf_init(&out);
    lis_export_write(arts, 0, &o, &out);
    assert_non_null(strstr(out.data, "\"articles\": []"));
    lis_buf_free(&out);
    lis_export_article_clear(&arts[0]);
    lis_export_article_clear(&arts[1]);
}

/* ---------------------------------------------------------------- atomic */

static char *make_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char *t = lis_xasprintf("%s/lis-export-XXXXXX",
                            base && *base ? base : "/tmp");

    assert_non_null(mkdtemp(t));
    return t;
}

static void rm_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;

    if (!d)
        return;
    while ((de = readdir(d))) {
        char *p;

        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        p = lis_xasprintf("%s/%s", dir, de->d_name);
        if (unlink(p) != 0)
            rm_tree(p);
        free(p);
    }
    closedir(d);
    chmod(dir, 0700);
    rmdir(dir);
}

/* Number of entries in dir (without . and ..). */
static size_t count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    size_t n = 0;

    assert_non_null(d);
    while ((de = readdir(d)))
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

static void assert_file_is(const char *path, const char *content)
{
    size_t len;
    char *got = read_file(path, &len);

    assert_non_null(got);
    assert_int_equal(len, strlen(content));
    assert_string_equal(got, content);
    free(got);
}

static void write_plain(const char *path, const char *content)
{
    FILE *f = fopen(path, "wb");

    assert_non_null(f);
    fputs(content, f);
    assert_int_equal(fclose(f), 0);
}

static void test_atomic_new_and_exists(void **state)
{
    char *dir = make_tmpdir();
    char *path = lis_xasprintf("%s/extraits.md", dir);
    char *err = NULL;
    struct stat st;
    mode_t um = umask(022);

    (void)state;
    umask(um);
    assert_int_equal(lis_write_file_atomic(path, "un\n", 3, false, &err),
                     LIS_OK);
    assert_null(err);
    assert_file_is(path, "un\n");
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644 & ~um);

    /* an existing file is left alone without overwrite */
    assert_int_equal(lis_write_file_atomic(path, "deux\n", 5, false, &err),
                     LIS_ERR_EXISTS);
    assert_non_null(err);
    assert_string_equal(strstr(err, "extraits.md: "), "extraits.md: file exists "
                                                   "(use --force to replace it)");
    assert_true(strncmp(err, path, strlen(path)) == 0);
    free(err);
    err = NULL;
    assert_file_is(path, "un\n");

    /* replaced with overwrite, keeping its mode */
    assert_int_equal(chmod(path, 0600), 0);
    assert_int_equal(lis_write_file_atomic(path, "trois\n", 6, true, &err),
                     LIS_OK);
    assert_file_is(path, "trois\n");
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);

    /* an empty document is a valid empty file */
    assert_int_equal(lis_write_file_atomic(path, "", 0, true, &err), LIS_OK);
    assert_file_is(path, "");
    assert_int_equal(count_entries(dir), 1);   /* no temporary file left */
    rm_tree(dir);
    free(path);
    free(dir);
}

static void test_atomic_symlink(void **state)
{
    char *dir = make_tmpdir();
    char *path = lis_xasprintf("%s/lien.md", dir);
    char *other = lis_xasprintf("%s/autre.txt", dir);
    char *err = NULL;
    struct stat st;

    (void)state;
    write_plain(other, "ne pas toucher\n");
    assert_int_equal(symlink("autre.txt", path), 0);
    /* a symlink is an existing file */
    assert_int_equal(lis_write_file_atomic(path, "x\n", 2, false, &err),
                     LIS_ERR_EXISTS);
    free(err);
    err = NULL;
    assert_int_equal(lis_write_file_atomic(path, "x\n", 2, true, &err),
                     LIS_OK);
    assert_file_is(other, "ne pas toucher\n");
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_file_is(path, "x\n");

    /* a dangling link is replaced too, never followed */
    unlink(path);
    assert_int_equal(symlink("nulle-part/fichier", path), 0);
    assert_int_equal(lis_write_file_atomic(path, "y\n", 2, true, &err),
                     LIS_OK);
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_int_equal(count_entries(dir), 2);
    rm_tree(dir);
    free(path);
    free(other);
    free(dir);
}

static void test_atomic_failures(void **state)
{
    char *dir = make_tmpdir();
    char *missing = lis_xasprintf("%s/absent/x.md", dir);
    char *fifo = lis_xasprintf("%s/tube", dir);
    char *sub = lis_xasprintf("%s/sousdir", dir);
    char *err = NULL;

    (void)state;
    /* the directory does not exist */
    assert_int_equal(lis_write_file_atomic(missing, "a", 1, true, &err),
                     LIS_ERR_NOENT);
    assert_non_null(err);
    assert_true(strncmp(err, missing, strlen(missing)) == 0);
    assert_null(strchr(err, '\n'));
    free(err);
    err = NULL;

    /* a directory is not replaced */
    assert_int_equal(mkdir(sub, 0700), 0);
    assert_int_equal(lis_write_file_atomic(sub, "a", 1, true, &err),
                     LIS_ERR_ISDIR);
    free(err);
    err = NULL;
    {
        char *slash = lis_xasprintf("%s/", sub);

        assert_int_equal(lis_write_file_atomic(slash, "a", 1, true, &err),
                         LIS_ERR_ISDIR);
        free(err);
        err = NULL;
        free(slash);
    }

    /* nor a FIFO (or a device), even with overwrite */
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_int_equal(lis_write_file_atomic(fifo, "a", 1, true, &err),
                     LIS_ERR_NOTREG);
    assert_true(strncmp(err, fifo, strlen(fifo)) == 0);
    free(err);
    err = NULL;
    assert_int_equal(lis_write_file_atomic("", "a", 1, true, &err),
                     LIS_ERR_INVAL);
    free(err);
    err = NULL;
    assert_int_equal(count_entries(dir), 2);   /* sousdir, tube */
    rm_tree(dir);
    free(missing);
    free(fifo);
    free(sub);
    free(dir);
}

static void test_atomic_readonly_dir(void **state)
{
    char *dir = make_tmpdir();
    char *path = lis_xasprintf("%s/x.md", dir);
    char *err = NULL;

    (void)state;
    write_plain(path, "ancien\n");
    assert_int_equal(chmod(dir, 0500), 0);
    if (access(dir, W_OK) == 0) {
        /* root (as in CI containers) writes anyway: nothing to test */
        rm_tree(dir);
        free(path);
        free(dir);
        skip();
    }
    assert_int_equal(lis_write_file_atomic(path, "nouveau\n", 8, true, &err),
                     LIS_ERR_ACCESS);
    assert_non_null(err);
    assert_true(strncmp(err, path, strlen(path)) == 0);
    free(err);
    assert_file_is(path, "ancien\n");
    assert_int_equal(count_entries(dir), 1);
    rm_tree(dir);
    free(path);
    free(dir);
}

/* ---------------------------------------------------------------- annotations */

static const char *const HASH =
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

static void test_annotations_roundtrip(void **state)
{
    char *top = make_tmpdir();
    char *dir = lis_xasprintf("%s/data/liseuse", top);   /* created on save */
    char *path = lis_annotations_path(dir, HASH);
    struct lis_annotations a, b;
    char *err = NULL, *text;
    size_t i;

    (void)state;
    lis_annotations_init(&a);
    /* missing file: empty, no error */
    assert_int_equal(lis_annotations_load(dir, HASH, &b, &err), LIS_OK);
    assert_null(err);
    assert_int_equal(b.n_marks + b.n_highlights, 0);
    lis_annotations_free(&b);

    assert_true(lis_annotations_toggle_mark(&a, 500, 600, EARLIER));
    assert_true(lis_annotations_toggle_mark(&a, 100, 200, EARLIER + 5));
    assert_true(lis_annotations_toggle_mark(&a, 300, 400, NOW));
    assert_false(lis_annotations_toggle_mark(&a, 300, 400, NOW));
    assert_int_equal(a.n_marks, 2);
    assert_int_equal(a.marks[0].start, 100);       /* kept sorted */
    lis_annotations_set_note(&a.marks[1].note,
                             "« Citée » :\nligne 2, \"guillemets\" \x1b[0m");
    i = lis_annotations_add_highlight(&a, 10, 20, NOW);
    assert_int_equal(lis_annotations_add_highlight(&a, 10, 20, NOW), i);
    lis_annotations_set_note(&a.highlights[i].note, "é");
    lis_annotations_add_highlight(&a, 5, 8, 0);    /* no time known */
    assert_int_equal(a.highlights[0].start, 5);

    assert_int_equal(lis_annotations_save(dir, HASH, &a, &err), LIS_OK);
    assert_null(err);
    text = read_file(path, NULL);
    assert_non_null(text);
    assert_non_null(strstr(text, "\"format\": \"liseuse-annotations/1\""));
    assert_non_null(strstr(text, "\"created\": \"2026-11-27T09:05:07Z\""));
    assert_null(strchr(text, '\x1b'));
    free(text);

    assert_int_equal(lis_annotations_load(dir, HASH, &b, &err), LIS_OK);
    assert_int_equal(b.n_marks, 2);
    assert_int_equal(b.n_highlights, 2);
    for (i = 0; i < 2; i++) {
        assert_int_equal(b.marks[i].start, a.marks[i].start);
        assert_int_equal(b.marks[i].end, a.marks[i].end);
        assert_int_equal(b.marks[i].created, a.marks[i].created);
        assert_int_equal(b.highlights[i].start, a.highlights[i].start);
        assert_int_equal(b.highlights[i].created, a.highlights[i].created);
    }
    assert_null(b.marks[0].note);
    /* the escape character is dropped on the way out */
    assert_string_equal(b.marks[1].note,
                        "« Citée » :\nligne 2, \"guillemets\" [0m");
    assert_string_equal(b.highlights[1].note, "é");
    assert_null(b.highlights[0].note);
    lis_annotations_free(&b);

    /* nothing left to keep: the file goes */
    lis_annotations_free(&a);
    assert_int_equal(lis_annotations_save(dir, HASH, &a, &err), LIS_OK);
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(lis_annotations_load(dir, HASH, &b, &err), LIS_OK);
    assert_int_equal(b.n_marks, 0);

    /* a hash that could name another file is refused */
    assert_int_equal(lis_annotations_load(dir, "../../etc/passwd", &b, &err),
                     LIS_ERR_INVAL);
    free(err);
    err = NULL;
    assert_int_equal(lis_annotations_save(dir, "", &a, &err), LIS_ERR_INVAL);
    free(err);
    rm_tree(top);
    free(path);
    free(dir);
    free(top);
}

static void test_annotations_corrupt(void **state)
{
    static const char *const bad[] = {
        "{ \"format\": \"liseuse-annotations/1\", \"marks\": [",
        "[]",
        "{ \"format\": \"liseuse-annotations/2\" }",
        "{ \"marks\": [] }",
        "{ \"format\": \"liseuse-annotations/1\", \"marks\": {} }",
        "{ \"format\": \"liseuse-annotations/1\", \"marks\": [{\"start\": 5}] }",
        "{ \"format\": \"liseuse-annotations/1\", \"marks\": "
            "[{\"start\": 5, \"end\": 3}] }",
        "{ \"format\": \"liseuse-annotations/1\", \"highlights\": "
            "[{\"start\": -1, \"end\": 3}] }",
        "{ \"format\": \"liseuse-annotations/1\", \"highlights\": "
            "[{\"start\": 1, \"end\": 3, \"created\": \"hier\"}] }",
        "{ \"format\": \"liseuse-annotations/1\", \"highlights\": "
            "[{\"start\": 1, \"end\": 3, \"note\": 7}] }",
    };
    char *dir = make_tmpdir();
    char *path = lis_annotations_path(dir, HASH);
    struct lis_annotations a;
    size_t i;

    (void)state;
    for (i = 0; i < LIS_ARRAY_LEN(bad); i++) {
        char *err = NULL;

        write_plain(path, bad[i]);
        assert_int_equal(lis_annotations_load(dir, HASH, &a, &err),
                         LIS_ERR_PARSE);
        assert_non_null(err);
        assert_true(strncmp(err, path, strlen(path)) == 0);
        assert_null(strchr(err, '\n'));
        assert_int_equal(a.n_marks + a.n_highlights, 0);
        assert_null(a.marks);
        free(err);
        /* the corrupt file is still there for the user to look at */
        assert_file_is(path, bad[i]);
    }
    /* unknown keys are fine (later versions of format 1 may add some);
     * a file edited by hand out of order loads sorted */
    write_plain(path, "{ \"format\": \"liseuse-annotations/1\", \"x\": 1, "
                      "\"marks\": [{\"start\": 9, \"end\": 12}, "
                      "{\"start\": 1, \"end\": 3, \"y\": null, "
                      "\"note\": null}] }");
    assert_int_equal(lis_annotations_load(dir, HASH, &a, NULL), LIS_OK);
    assert_int_equal(a.n_marks, 2);
    assert_int_equal(a.marks[0].start, 1);
    assert_int_equal(a.marks[1].start, 9);
    assert_int_equal(a.marks[0].created, 0);
    assert_null(a.marks[0].note);
    lis_annotations_free(&a);
    rm_tree(dir);
    free(path);
    free(dir);
}

static void test_iso8601(void **state)
{
    char s[21];
    time_t t;

    (void)state;
    lis_format_iso8601(NOW, s);
    assert_string_equal(s, "2026-11-28T13:45:00Z");
    assert_true(lis_parse_iso8601(s, &t));
    assert_int_equal(t, NOW);
    assert_true(lis_parse_iso8601("2024-02-29T23:59:59Z", &t));
    assert_int_equal(t, 1709251199);
    assert_true(lis_parse_iso8601("1970-01-01T00:00:00Z", &t));
    assert_int_equal(t, 0);
    assert_false(lis_parse_iso8601("2026-11-28 13:45:00", &t));
    assert_false(lis_parse_iso8601("2026-13-01T00:00:00Z", &t));
    assert_false(lis_parse_iso8601("2026-11-28T13:45:00Zx", &t));
    assert_false(lis_parse_iso8601("", &t));
}

/* ---------------------------------------------------------------- analysis */

/* With the real analysis of the bundled article, the quotes it finds export
 * with their speaker, paragraph and sentence. */
static void test_real_analysis(void **state)
{
    const struct bundled *f = *state;
    const char *dd = getenv("LISEUSE_DATADIR");
    char *ddir = dd && *dd ? lis_xstrdup(dd)
                           : lis_xasprintf("%s/data", LIS_ABS_SRCDIR);
    struct lis_lexicons *lx = lis_lexicons_load(ddir, NULL, NULL);
    struct lis_analysis *an;
    struct lis_export_article art;
    size_t i, found = 0, sentence_contexts = 0;

    assert_non_null(lx);
    an = lis_analyze(f->doc, lx, NULL, NULL);
    assert_non_null(an);
    if (an->n_quotes == 0) {
        lis_analysis_free(an);
        lis_lexicons_free(lx);
        free(ddir);
        skip();     /* the quotation finder is not there yet */
    }
    lis_export_collect(f->doc, an, &f->ann, LIS_SELECT_QUOTES, NOW, &art);
    assert_int_equal(art.n_excerpts, an->n_quotes);
    for (i = 0; i < art.n_excerpts; i++) {
        const struct lis_excerpt *e = &art.excerpts[i];
        size_t j;

        for (j = 0; j < f->an.n_quotes; j++) {
            if (f->an.quotes[j].start != e->start ||
                f->an.quotes[j].end != e->end)
                continue;
            found++;
            assert_non_null(e->speaker);
            assert_string_equal(e->speaker, "Microsoft");
            assert_int_equal(e->para, f->an.quotes[j].para + 1);
            /* a sentence around the quote, within its paragraph */
            assert_non_null(strstr(e->context, e->text));
            assert_true(strlen(e->context) <=
                        f->doc->paras[e->para - 1].end -
                        f->doc->paras[e->para - 1].start);
            /* a quote inside one sentence has that sentence as context */
            {
                size_t s = lis_sentence_at(an, e->start);

                if (s != LIS_NONE && an->sentences[s].end >= e->end) {
                    size_t n = an->sentences[s].end - an->sentences[s].start;

                    assert_int_equal(strlen(e->context), n);
                    assert_memory_equal(e->context,
                                        f->doc->body + an->sentences[s].start,
                                        n);
                    sentence_contexts++;
                }
            }
        }
    }
    assert_int_equal(found, f->an.n_quotes);
    /* paragraph 6 holds several sentences: its quotes get one of them */
    assert_true(sentence_contexts > 0);
    lis_export_article_clear(&art);
    lis_analysis_free(an);
    lis_lexicons_free(lx);
    free(ddir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test_setup_teardown(test_collect_bundled, bundled_setup,
                                        bundled_teardown),
        cmocka_unit_test(test_collect_edges),
        cmocka_unit_test_setup_teardown(test_golden_md, bundled_setup,
                                        bundled_teardown),
        cmocka_unit_test_setup_teardown(test_golden_json, bundled_setup,
                                        bundled_teardown),
        cmocka_unit_test_setup_teardown(test_golden_txt, bundled_setup,
                                        bundled_teardown),
        cmocka_unit_test_setup_teardown(test_golden_csv, bundled_setup,
                                        bundled_teardown),
        cmocka_unit_test_setup_teardown(test_golden_clippings, bundled_setup,
                                        bundled_teardown),
        cmocka_unit_test_setup_teardown(test_parties_block, bundled_setup,
                                        bundled_teardown),
        cmocka_unit_test(test_csv_quoting),
        cmocka_unit_test(test_md_escaping),
        cmocka_unit_test(test_txt_and_clippings_shape),
        cmocka_unit_test(test_controls_dropped),
        cmocka_unit_test_setup_teardown(test_json_roundtrip, bundled_setup,
                                        bundled_teardown),
        cmocka_unit_test_setup_teardown(test_several_articles, bundled_setup,
                                        bundled_teardown),
        cmocka_unit_test(test_atomic_new_and_exists),
        cmocka_unit_test(test_atomic_symlink),
        cmocka_unit_test(test_atomic_failures),
        cmocka_unit_test(test_atomic_readonly_dir),
        cmocka_unit_test(test_annotations_roundtrip),
        cmocka_unit_test(test_annotations_corrupt),
        cmocka_unit_test(test_iso8601),
        cmocka_unit_test_setup_teardown(test_real_analysis, bundled_setup,
                                        bundled_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
