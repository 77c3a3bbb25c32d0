/* test_analysis.c -- the whole pipeline: the bundled article's quotations
 * and speakers, the hand-annotated corpus articles, lookups, enum tables,
 * the JSON and text reports, progress and cancel, and random input. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <dirent.h>
#include <jansson.h>

#include "liseuse/analysis.h"

#include "fixtures.h"

static struct lis_document *load_article(const char *name)
{
    const char *a = getenv("LISEUSE_ARTICLEDIR");
    char *path = lis_xasprintf("%s/%s", a && *a ? a : LIS_ABS_SRCDIR
                                                      "/articles", name);
    struct lis_document *doc = NULL;

    assert_int_equal(lis_document_load(path, NULL, &doc, NULL), LIS_OK);
    free(path);
    return doc;
}

static bool span_is(const struct lis_document *doc, size_t start, size_t end,
                    const char *want)
{
    return end >= start && end - start == strlen(want) &&
           memcmp(doc->body + start, want, end - start) == 0;
}

/* Does entity e go by name (its canonical name or a mention's text)? */
static bool entity_called(const struct lis_document *doc,
                          const struct lis_analysis *an, size_t e,
                          const char *name)
{
    size_t k;

    if (e >= an->n_entities)
        return false;
    if (an->entities[e].name && strcmp(an->entities[e].name, name) == 0)
        return true;
    for (k = 0; k < an->entities[e].n_mentions; k++) {
        const struct lis_mention *m = &an->mentions[an->entities[e].mentions[k]];

        if (span_is(doc, m->start, m->end, name))
            return true;
    }
    return false;
}

/* Spans sorted, inside the body, on UTF-8 boundaries. */
static bool boundary(const struct lis_document *doc, size_t off)
{
    return off == 0 || off >= doc->body_len ||
           ((unsigned char)doc->body[off] & 0xC0) != 0x80;
}

static void check_invariants(const struct lis_document *doc,
                             const struct lis_analysis *an)
{
    size_t i, k;

    for (i = 0; i < an->n_sentences; i++) {
        const struct lis_sentence *s = &an->sentences[i];

        assert_true(s->start < s->end && s->end <= doc->body_len);
        assert_true(boundary(doc, s->start) && boundary(doc, s->end));
        assert_true(i == 0 || an->sentences[i - 1].end <= s->start);
        assert_true(s->para < doc->n_paras);
    }
    for (i = 0; i < an->n_quotes; i++) {
        const struct lis_quote *q = &an->quotes[i];

        assert_int_equal(q->id, i);
        assert_true(q->outer_start <= q->start && q->start < q->end &&
                    q->end <= q->outer_end && q->outer_end <= doc->body_len);
        assert_true(boundary(doc, q->start) && boundary(doc, q->end) &&
                    boundary(doc, q->outer_start) &&
                    boundary(doc, q->outer_end));
        assert_true(i == 0 || an->quotes[i - 1].start <= q->start);
        assert_true(q->para < doc->n_paras);
        assert_true(q->speaker == LIS_NONE || q->speaker < an->n_entities);
        if (q->has_cue)
            assert_true(q->cue.start < q->cue.end &&
                        q->cue.end <= doc->body_len &&
                        boundary(doc, q->cue.start) &&
                        boundary(doc, q->cue.end));
    }
    for (i = 0; i < an->n_mentions; i++) {
        const struct lis_mention *m = &an->mentions[i];

        assert_true(m->start < m->end && m->end <= doc->body_len);
        assert_true(boundary(doc, m->start) && boundary(doc, m->end));
        assert_true(i == 0 || an->mentions[i - 1].start <= m->start);
        assert_true(m->entity < an->n_entities);
    }
    for (i = 0; i < an->n_entities; i++) {
        assert_int_equal(an->entities[i].id, i);
        for (k = 0; k < an->entities[i].n_mentions; k++)
            assert_true(an->entities[i].mentions[k] < an->n_mentions);
    }
}

/* ---------------------------------------------------------------- article */

/* Exactly six quotations, all spoken by Microsoft (issue 3). */
static void test_bundled_article(void **state)
{
    const char *const *want = fixture_bundled_quotes;
    struct lis_document *doc = load_article("microsoft-tiktok-oracle.txt");
    struct lis_analysis *an = lis_analyze(doc, lexicons, NULL, NULL);
    size_t i;

    (void)state;
    assert_non_null(an);
    check_invariants(doc, an);
    assert_int_equal(an->n_quotes, LIS_ARRAY_LEN(fixture_bundled_quotes));
    for (i = 0; i < an->n_quotes; i++) {
        const struct lis_quote *q = &an->quotes[i];

        if (!span_is(doc, q->start, q->end, want[i]))
            fail_msg("quote %zu: [%.*s]", i, (int)(q->end - q->start),
                     doc->body + q->start);
        assert_true(q->closed);
        if (q->speaker == LIS_NONE)
            fail_msg("quote %zu has no speaker", i);
        assert_string_equal(an->entities[q->speaker].name, "Microsoft");
    }
    lis_analysis_free(an);
    lis_document_free(doc);
}

/* The analysis of doc by lis_analyze, where the entities stage tells the
 * parties stage which sentences may hold a deal term, and by the stages
 * called one by one, where the parties stage looks at every sentence:
 * the same JSON. */
static void assert_deal_filter_agrees(const struct lis_document *doc)
{
    struct lis_analysis *whole = lis_analyze(doc, lexicons, NULL, NULL);
    struct lis_analysis *staged = lis_xcalloc(1, sizeof *staged);
    struct lis_buf a, b;

    lis_sentences_split(doc, lexicons, staged);
    lis_entities_find(doc, lexicons, staged);
    lis_quotes_find(doc, lexicons, staged);
    lis_parties_find(doc, lexicons, staged);
    lis_buf_init(&a);
    lis_buf_init(&b);
    lis_analysis_to_json(doc, whole, false, &a);
    lis_analysis_to_json(doc, staged, false, &b);
    if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
        fail_msg("the deal filter changed the analysis of:\n%s", doc->body);
    lis_buf_free(&a);
    lis_buf_free(&b);
    lis_analysis_free(whole);
    lis_analysis_free(staged);
}

/* ---------------------------------------------------------------- corpus */

static bool speaker_ok(const struct lis_document *doc,
                       const struct lis_analysis *an, size_t who,
                       json_t *want, bool lenient)
{
    size_t k;

    if (json_is_null(want) || !want)
        return who == LIS_NONE;
    if (who == LIS_NONE)
        return lenient;
    for (k = 0; k < json_array_size(want); k++)
        if (entity_called(doc, an, who,
                          json_string_value(json_array_get(want, k))))
            return true;
    return false;
}

/* tests/data/annotations/<id>.json: see the README there. */
static void test_annotated_corpus(void **state)
{
    char *dir = lis_xasprintf("%s/annotations", fixture_test_data());
    DIR *d = opendir(dir);
    struct dirent *de;
    size_t files = 0, checked = 0;

    (void)state;
    assert_non_null(d);
    while ((de = readdir(d)) != NULL) {
        size_t nl = strlen(de->d_name), i;
        char *path, *apath;
        json_t *root, *quotes;
        json_error_t jerr;
        struct lis_document *doc = NULL;
        struct lis_analysis *an;

        if (nl < 6 || strcmp(de->d_name + nl - 5, ".json") != 0)
            continue;
        path = lis_xasprintf("%s/%s", dir, de->d_name);
        root = json_load_file(path, 0, &jerr);
        if (!root)
            fail_msg("%s: %s", path, jerr.text);
        apath = lis_xasprintf("%s/%s", fixture_test_data(),
                              json_string_value(json_object_get(root,
                                                                "article")));
        assert_int_equal(lis_document_load(apath, NULL, &doc, NULL), LIS_OK);
        an = lis_analyze(doc, lexicons, NULL, NULL);
        check_invariants(doc, an);
        quotes = json_object_get(root, "quotes");
        if (json_array_size(quotes) != an->n_quotes)
            fail_msg("%s: %zu quotes, annotated %zu", de->d_name,
                     an->n_quotes, json_array_size(quotes));
        for (i = 0; i < an->n_quotes; i++) {
            json_t *qa = json_array_get(quotes, i);
            const struct lis_quote *q = &an->quotes[i];
            const char *text = json_string_value(json_object_get(qa, "text"));

            if (!span_is(doc, q->start, q->end, text))
                fail_msg("%s: quote %zu text [%.*s]", de->d_name, i,
                         (int)(q->end - q->start), doc->body + q->start);
            if (!speaker_ok(doc, an, q->speaker,
                            json_object_get(qa, "speaker"),
                            json_is_true(json_object_get(qa, "lenient"))))
                fail_msg("%s: quote %zu [%.40s…]: speaker %s (%s)",
                         de->d_name, i, text,
                         q->speaker == LIS_NONE
                             ? "none" : an->entities[q->speaker].name,
                         json_string_value(json_object_get(qa, "why")));
            checked++;
        }
        lis_analysis_free(an);
        lis_document_free(doc);
        json_decref(root);
        free(apath);
        free(path);
        files++;
    }
    closedir(d);
    free(dir);
    assert_true(files >= 5);
    assert_true(checked >= 25);
}

/* Deal terms where the entities stage's words and the lexicon's are not
 * one for one: hyphens (each part a word), the three apostrophes (ʼ is a
 * letter for the lexicon), a soft hyphen, U+2010, a superscript. */
static void test_deal_filter(void **state)
{
    static const char *const texts[] = {
        "Le Parlement a voté. Microsoft rachète TikTok.\n",
        "Microsoft s'empare de TikTok. Oracle s’en empare aussi.\n",
        "Microsoft sʼempare de TikTok.\n",
        "La contre-offre de Microsoft sur TikTok a été refusée.\n",
        "Microsoft et sa contre-offre, pour TikTok.\n",
        "Oracle a-t-il racheté TikTok ? Les États-Unis rachètent-ils "
        "TikTok ?\n",
        "Microsoft ra\xc2\xad" "chète TikTok.\n",
        "Microsoft veut racheter\xe2\x80\x90TikTok.\n",
        "Microsoft a pris le contrôle de TikTok, 2\xc2\xb2 fois.\n",
        "Le rachat de TikTok par Microsoft a été bloqué par "
        "Washington.\n",
        "Sanofi a lancé une offre publique d’achat sur Genzyme. "
        "L’Autorité des marchés financiers doit valider l’opération.\n",
        "Aucun rachat ici : un chat, des chats.\n",
    };
    size_t i;

    (void)state;
    for (i = 0; i < LIS_ARRAY_LEN(texts); i++) {
        struct lis_document *doc = NULL;

        assert_int_equal(lis_document_from_bytes(texts[i], strlen(texts[i]),
                                                 "t", NULL, &doc),
                         LIS_OK);
        assert_deal_filter_agrees(doc);
        lis_document_free(doc);
    }
}

/* Every corpus article: the invariants hold, nothing crashes, and the deal
 * filter changes nothing. */
static void test_whole_corpus(void **state)
{
    char *dir = lis_xasprintf("%s/corpus/wikinews-fr-2012", fixture_test_data());
    DIR *d = opendir(dir);
    struct dirent *de;
    size_t files = 0, quotes = 0, spoken = 0;

    (void)state;
    assert_non_null(d);
    while ((de = readdir(d)) != NULL) {
        struct lis_document *doc = NULL;
        struct lis_analysis *an;
        char *path;
        size_t i;

        if (!strstr(de->d_name, ".txt"))
            continue;
        path = lis_xasprintf("%s/%s", dir, de->d_name);
        assert_int_equal(lis_document_load(path, NULL, &doc, NULL), LIS_OK);
        an = lis_analyze(doc, lexicons, NULL, NULL);
        check_invariants(doc, an);
        assert_deal_filter_agrees(doc);
        quotes += an->n_quotes;
        for (i = 0; i < an->n_quotes; i++)
            spoken += an->quotes[i].speaker != LIS_NONE;
        lis_analysis_free(an);
        lis_document_free(doc);
        free(path);
        files++;
    }
    closedir(d);
    free(dir);
    assert_true(files >= 100);
    /* the corpus quotes a lot; most quotations name their speaker */
    assert_true(quotes > 150);
    assert_true(spoken * 3 > quotes);
}

/* ---------------------------------------------------------------- lookups */

static void test_lookups(void **state)
{
    struct lis_analysis an;
    struct lis_quote quotes[3];
    struct lis_sentence sents[2] = { { 0, 10, 0 }, { 12, 30, 0 } };
    struct lis_mention ms[4] = {
        { 1, 3, 0, LIS_MENTION_NAME }, { 5, 7, 1, LIS_MENTION_NAME },
        { 14, 16, 0, LIS_MENTION_PRONOUN }, { 20, 22, 1, LIS_MENTION_ALIAS },
    };
    size_t m0[2] = { 0, 2 }, m1[2] = { 1, 3 };
    struct lis_entity ents[2];
    struct lis_party party;

    (void)state;
    memset(&an, 0, sizeof an);
    memset(quotes, 0, sizeof quotes);
    memset(ents, 0, sizeof ents);
    memset(&party, 0, sizeof party);
    quotes[0].start = 3; quotes[0].end = 8;
    quotes[0].outer_start = 2; quotes[0].outer_end = 9;
    quotes[1].start = 14; quotes[1].end = 25;      /* contains quote 2 */
    quotes[1].outer_start = 13; quotes[1].outer_end = 26;
    quotes[2].start = 18; quotes[2].end = 20;
    quotes[2].outer_start = 17; quotes[2].outer_end = 21;
    an.quotes = quotes;
    an.n_quotes = 3;
    an.sentences = sents;
    an.n_sentences = 2;
    an.mentions = ms;
    an.n_mentions = 4;
    ents[0].mentions = m0; ents[0].n_mentions = 2;
    ents[1].id = 1; ents[1].mentions = m1; ents[1].n_mentions = 2;
    an.entities = ents;
    an.n_entities = 2;
    party.entity = 1;
    an.parties = &party;
    an.n_parties = 1;

    assert_int_equal(lis_quote_next(&an, 0), 0);
    assert_int_equal(lis_quote_next(&an, 3), 1);
    assert_int_equal(lis_quote_next(&an, 18), LIS_NONE);
    assert_int_equal(lis_quote_prev(&an, 3), LIS_NONE);
    assert_int_equal(lis_quote_prev(&an, 14), 0);
    assert_int_equal(lis_quote_prev(&an, 100), 2);
    assert_int_equal(lis_quote_at(&an, 2), 0);
    assert_int_equal(lis_quote_at(&an, 9), LIS_NONE);
    assert_int_equal(lis_quote_at(&an, 15), 1);
    assert_int_equal(lis_quote_at(&an, 18), 2);        /* innermost */
    assert_int_equal(lis_quote_at(&an, 22), 1);
    assert_int_equal(lis_sentence_at(&an, 5), 0);
    assert_int_equal(lis_sentence_at(&an, 11), LIS_NONE);
    assert_int_equal(lis_sentence_at(&an, 29), 1);
    assert_int_equal(lis_sentence_at(&an, 30), LIS_NONE);
    assert_int_equal(lis_mention_next(&an, 0, LIS_NONE), 0);
    assert_int_equal(lis_mention_next(&an, 1, LIS_NONE), 1);
    assert_int_equal(lis_mention_next(&an, 1, 0), 2);
    assert_int_equal(lis_mention_next(&an, 14, 0), LIS_NONE);
    assert_int_equal(lis_mention_prev(&an, 20, LIS_NONE), 2);
    assert_int_equal(lis_mention_prev(&an, 100, 0), 2);
    assert_int_equal(lis_mention_prev(&an, 5, 1), LIS_NONE);
    assert_int_equal(lis_mention_next(&an, 0, 7), LIS_NONE);
    assert_int_equal(lis_mention_lower_bound(&an, 0), 0);
    assert_int_equal(lis_mention_lower_bound(&an, 5), 1);   /* start == off */
    assert_int_equal(lis_mention_lower_bound(&an, 6), 2);
    assert_int_equal(lis_mention_lower_bound(&an, 21), 4);
    assert_int_equal(lis_mention_lower_bound(NULL, 3), 0);
    assert_int_equal(lis_mention_prev(&an, 5, LIS_NONE), 0);
    assert_int_equal(lis_mention_next(&an, 5, LIS_NONE), 2);
    assert_int_equal(lis_quote_at(&an, 26), LIS_NONE);
    assert_int_equal(lis_quote_at(&an, 13), 1);
    assert_int_equal(lis_party_of_entity(&an, 1), 0);
    assert_int_equal(lis_party_of_entity(&an, 0), LIS_NONE);
    assert_int_equal(lis_quote_next(NULL, 0), LIS_NONE);
}

static void test_enum_tables(void **state)
{
    (void)state;
    assert_string_equal(lis_entity_type_code(LIS_ENT_PER), "PER");
    assert_string_equal(lis_entity_type_code(LIS_ENT_MISC), "MISC");
    assert_string_equal(lis_entity_type_label(LIS_ENT_ORG), "organisation");
    assert_string_equal(lis_mention_kind_code(LIS_MENTION_DESCRIPTOR),
                        "descriptor");
    assert_string_equal(lis_role_code(LIS_ROLE_REGULATOR), "regulator");
    assert_null(lis_bid_status_code(LIS_BID_NONE));
    assert_string_equal(lis_bid_status_code(LIS_BID_REJECTED), "rejected");
    assert_null(lis_stance_code(LIS_STANCE_NONE));
    assert_string_equal(lis_stance_code(LIS_STANCE_BLOCK), "block");
    assert_string_equal(lis_deal_kind_code(LIS_DEAL_BID), "takeover-bid");
    assert_string_equal(lis_party_label(LIS_ROLE_TARGET, LIS_BID_NONE),
                        "Target");
    assert_string_equal(lis_party_label(LIS_ROLE_BIDDER, LIS_BID_CHOSEN),
                        "Chosen bidder");
    assert_string_equal(lis_party_label(LIS_ROLE_BIDDER, LIS_BID_REJECTED),
                        "Rejected bidder");
    assert_string_equal(lis_party_label(LIS_ROLE_BIDDER, LIS_BID_PENDING),
                        "Bidder");
    assert_string_equal(lis_party_label(LIS_ROLE_REGULATOR, LIS_BID_NONE),
                        "Authority");
    assert_string_equal(lis_party_label(LIS_ROLE_SELLER, LIS_BID_NONE),
                        "Seller");
}

/* ---------------------------------------------------------------- reports */

static void test_json_report(void **state)
{
    struct lis_document *doc = load_article("microsoft-tiktok-oracle.txt");
    struct lis_analysis *an = lis_analyze(doc, lexicons, NULL, NULL);
    struct lis_buf out;
    json_t *root, *art, *qs, *ents, *q;
    json_error_t jerr;
    size_t i;

    (void)state;
    lis_buf_init(&out);
    lis_analysis_to_json(doc, an, false, &out);
    assert_null(memchr(out.data, '\n', out.len));   /* one line: JSON Lines */
    root = json_loadb(out.data, out.len, 0, &jerr);
    if (!root)
        fail_msg("%s", jerr.text);
    assert_string_equal(json_string_value(json_object_get(root, "format")),
                        "liseuse-analysis/1");
    art = json_object_get(root, "article");
    assert_string_equal(json_string_value(json_object_get(art, "title")),
                        "Microsoft exprime ses regrets de ne pas avoir pu "
                        "racheter TikTok");
    assert_true(json_is_null(json_object_get(art, "url")));
    assert_string_equal(json_string_value(json_object_get(art, "encoding")),
                        "UTF-8");
    assert_int_equal(json_integer_value(json_object_get(art, "bytes")),
                     doc->body_len);
    assert_int_equal(json_integer_value(json_object_get(art, "paragraphs")),
                     doc->n_paras);
    assert_int_equal(json_integer_value(json_object_get(art, "sentences")),
                     an->n_sentences);
    assert_int_equal(json_integer_value(json_object_get(art, "words")),
                     an->n_words);
    assert_int_equal(json_integer_value(json_object_get(art,
                                                        "invalid_sequences")),
                     0);
    qs = json_object_get(root, "quotes");
    assert_int_equal(json_array_size(qs), an->n_quotes);
    for (i = 0; i < json_array_size(qs); i++) {
        size_t st, en;

        q = json_array_get(qs, i);
        st = (size_t)json_integer_value(json_object_get(q, "start"));
        en = (size_t)json_integer_value(json_object_get(q, "end"));
        assert_int_equal(json_integer_value(json_object_get(q, "id")), i);
        assert_true(span_is(doc, st, en, json_string_value(
                                             json_object_get(q, "text"))));
        assert_true(json_is_true(json_object_get(q, "closed")));
        assert_true(json_is_integer(json_object_get(q, "paragraph")));
        assert_string_equal(json_string_value(json_object_get(q, "speaker")),
                            "Microsoft");
        assert_true(json_is_integer(json_object_get(q, "speaker_entity")));
        assert_int_equal(json_integer_value(json_object_get(
                             json_object_get(q, "outer"), "start")),
                         an->quotes[i].outer_start);
        if (an->quotes[i].has_cue) {
            json_t *cue = json_object_get(q, "cue");

            st = (size_t)json_integer_value(json_object_get(cue, "start"));
            en = (size_t)json_integer_value(json_object_get(cue, "end"));
            assert_true(span_is(doc, st, en, json_string_value(
                                                 json_object_get(cue, "text"))));
        } else {
            assert_true(json_is_null(json_object_get(q, "cue")));
        }
    }
    ents = json_object_get(root, "entities");
    assert_int_equal(json_array_size(ents), an->n_entities);
    for (i = 0; i < json_array_size(ents); i++) {
        json_t *e = json_array_get(ents, i), *ms = json_object_get(e,
                                                                "mentions");
        size_t k;

        assert_true(json_is_string(json_object_get(e, "name")));
        assert_true(json_is_string(json_object_get(e, "type")));
        for (k = 0; k < json_array_size(ms); k++) {
            json_t *m = json_array_get(ms, k);
            size_t st = (size_t)json_integer_value(json_object_get(m, "start"));
            size_t en = (size_t)json_integer_value(json_object_get(m, "end"));

            assert_true(span_is(doc, st, en, json_string_value(
                                                 json_object_get(m, "text"))));
            assert_true(json_is_string(json_object_get(m, "kind")));
        }
    }
    assert_true(json_is_array(json_object_get(root, "parties")));
    assert_true(json_is_null(json_object_get(root, "deal")) ||
                json_is_object(json_object_get(root, "deal")));
    json_decref(root);

    /* pretty output parses to the same thing */
    out.len = 0;
    lis_analysis_to_json(doc, an, true, &out);
    root = json_loadb(out.data, out.len, 0, &jerr);
    assert_non_null(root);
    assert_int_equal(json_array_size(json_object_get(root, "quotes")),
                     an->n_quotes);
    json_decref(root);
    lis_buf_free(&out);
    lis_analysis_free(an);
    lis_document_free(doc);
}

static void test_text_report(void **state)
{
    struct lis_document *doc = load_article("microsoft-tiktok-oracle.txt");
    struct lis_analysis *an = lis_analyze(doc, lexicons, NULL, NULL);
    struct lis_buf out;

    (void)state;
    lis_buf_init(&out);
    lis_analysis_to_text(doc, an, &out);
    assert_non_null(strstr(out.data, "\n6 quotations\n"));
    assert_non_null(strstr(out.data, "  1. « ByteDance nous a informés"));
    assert_non_null(strstr(out.data, "speaker: Microsoft (cue « rappelle »)"));
    assert_non_null(strstr(out.data, "Microsoft — "));
    assert_non_null(strstr(out.data, "Deal"));
    lis_buf_free(&out);
    lis_analysis_free(an);
    lis_document_free(doc);
}

/* An unclosed quotation and a multi-paragraph one in the JSON. */
static void test_json_unclosed(void **state)
{
    const char text[] = "Il a dit « rien.\n\nPaul affirme : « Un.\n« Deux. »";
    struct lis_document *doc = NULL;
    struct lis_analysis *an;
    struct lis_buf out;
    json_t *root, *qs;

    (void)state;
    assert_int_equal(lis_document_from_bytes(text, sizeof text - 1, NULL,
                                             NULL, &doc), LIS_OK);
    an = lis_analyze(doc, lexicons, NULL, NULL);
    lis_buf_init(&out);
    lis_analysis_to_json(doc, an, false, &out);
    root = json_loadb(out.data, out.len, 0, NULL);
    assert_non_null(root);
    qs = json_object_get(root, "quotes");
    assert_int_equal(json_array_size(qs), 2);
    assert_true(json_is_false(json_object_get(json_array_get(qs, 0),
                                              "closed")));
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(qs, 0), "text")), "rien.");
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(qs, 1), "text")),
                        "Un.\n« Deux.");
    assert_int_equal(json_integer_value(json_object_get(
                         json_array_get(qs, 1), "paragraph")), 2);
    json_decref(root);
    lis_buf_free(&out);
    lis_analysis_free(an);
    lis_document_free(doc);
}

/* Controls and bidi overrides never reach a terminal: JSON escapes them
 * (and still decodes to the exact text), the text report shows markers. */
static void test_reports_escape_controls(void **state)
{
    const char text[] = "Paul dit « a\xc2\x85" "b\xe2\x80\xae" "c\x7f" "d ».";
    struct lis_document *doc = NULL;
    struct lis_analysis *an;
    struct lis_buf out;
    json_t *root;

    (void)state;
    assert_int_equal(lis_document_from_bytes(text, sizeof text - 1, NULL,
                                             NULL, &doc), LIS_OK);
    an = lis_analyze(doc, lexicons, NULL, NULL);
    assert_int_equal(an->n_quotes, 1);
    lis_buf_init(&out);
    lis_analysis_to_json(doc, an, true, &out);
    assert_null(strstr(out.data, "\xc2\x85"));
    assert_null(strstr(out.data, "\xe2\x80\xae"));
    assert_null(memchr(out.data, 0x7f, out.len));
    root = json_loadb(out.data, out.len, 0, NULL);
    assert_non_null(root);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(root, "quotes"), 0),
                            "text")),
                        "a\xc2\x85" "b\xe2\x80\xae" "c\x7f" "d");
    json_decref(root);
    out.len = 0;
    lis_analysis_to_text(doc, an, &out);
    assert_null(strstr(out.data, "\xc2\x85"));
    assert_null(strstr(out.data, "\xe2\x80\xae"));
    assert_null(memchr(out.data, 0x7f, out.len));
    assert_non_null(strstr(out.data, "<U+202E>"));
    lis_buf_free(&out);
    lis_analysis_free(an);
    lis_document_free(doc);
}

/* ---------------------------------------------------------------- progress */

struct progress_log {
    size_t calls, last, total;
    size_t cancel_after;
};

static bool on_progress(void *ctx, size_t done, size_t total)
{
    struct progress_log *p = ctx;

    assert_true(done >= p->last && done <= total);
    p->last = done;
    p->total = total;
    p->calls++;
    return p->calls <= p->cancel_after;
}

static void test_progress_and_cancel(void **state)
{
    struct lis_document *doc = load_article("microsoft-tiktok-oracle.txt");
    struct progress_log log = { 0, 0, 0, (size_t)-1 };
    struct lis_analysis *an;

    (void)state;
    an = lis_analyze(doc, lexicons, on_progress, &log);
    assert_non_null(an);
    assert_true(log.calls >= 3);
    assert_int_equal(log.last, doc->body_len);
    assert_int_equal(log.total, doc->body_len);
    lis_analysis_free(an);

    memset(&log, 0, sizeof log);
    log.cancel_after = 2;
    assert_null(lis_analyze(doc, lexicons, on_progress, &log));
    lis_document_free(doc);

    /* no lexicons at all: still a valid, if poorer, analysis */
    doc = load_article("microsoft-tiktok-oracle.txt");
    an = lis_analyze(doc, NULL, NULL, NULL);
    assert_non_null(an);
    assert_int_equal(an->n_quotes, 6);
    lis_analysis_free(an);
    lis_document_free(doc);
}

/* ---------------------------------------------------------------- fuzz */

/* Random bytes and random mark soup through the whole pipeline and the
 * reports: no crash, and the invariants hold. */
static void test_fuzz(void **state)
{
    static const char *const atoms[] = {
        "«", "»", "“", "”", "„", "\"", "‹", "›", "’", "'", " ", "\xc2\xa0",
        "\n", ".", ",", ":", " dit ", " Microsoft ", " explique que ",
        " selon ", "Pour la société, ", "-t-il", "M. ", "B. ", "etc. ",
        "…", "\xff", "\xe2\x80", "\xcc\x81", "\t", "\r\n", "Paul ", "Il ",
        " a déclaré ", "La ", "\xf0\x9f\x98\x80", "---\ntitle: x\n---\n",
    };
    unsigned seed = 2024;
    int round;

    (void)state;
    for (round = 0; round < 1500; round++) {
        struct lis_buf b, out;
        struct lis_document *doc = NULL;
        struct lis_analysis *an;
        int k, n;

        lis_buf_init(&b);
        seed = seed * 1103515245u + 12345u;
        n = (int)((seed >> 16) % 120);
        for (k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            if (round % 3 == 0) {
                lis_buf_addc(&b, (char)(seed >> 16));   /* raw bytes */
            } else {
                lis_buf_adds(&b, atoms[(seed >> 16) % LIS_ARRAY_LEN(atoms)]);
            }
        }
        if (lis_document_from_bytes(b.data ? b.data : "", b.len, "fuzz",
                                    NULL, &doc) != LIS_OK) {
            lis_buf_free(&b);
            continue;
        }
        an = lis_analyze(doc, lexicons, NULL, NULL);
        assert_non_null(an);
        check_invariants(doc, an);
        lis_buf_init(&out);
        lis_analysis_to_json(doc, an, false, &out);
        lis_analysis_to_text(doc, an, &out);
        lis_buf_free(&out);
        lis_analysis_free(an);
        lis_document_free(doc);
        lis_buf_free(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bundled_article),
        cmocka_unit_test(test_annotated_corpus),
        cmocka_unit_test(test_whole_corpus),
        cmocka_unit_test(test_deal_filter),
        cmocka_unit_test(test_lookups),
        cmocka_unit_test(test_enum_tables),
        cmocka_unit_test(test_json_report),
        cmocka_unit_test(test_text_report),
        cmocka_unit_test(test_json_unclosed),
        cmocka_unit_test(test_reports_escape_controls),
        cmocka_unit_test(test_progress_and_cancel),
        cmocka_unit_test(test_fuzz),
    };

    return cmocka_run_group_tests(tests, lexicons_setup, lexicons_teardown);
}
