/* fuzz_analysis.c -- sentences, quotes, entities, parties on arbitrary
 * bytes: spans inside the body, sorted, on UTF-8 boundaries, and the same
 * analysis from lis_analyze as from the stages called one by one. */
#include <config.h>

#include <string.h>

#include "fuzz.h"
#include "fuzz_common.h"
#include "liseuse/analysis.h"
#include "liseuse/document.h"

static void check_span(const struct lis_document *doc, size_t s, size_t e)
{
    FUZZ_CHECK(s <= e && e <= doc->body_len);
    FUZZ_CHECK(lis_u8_is_boundary(doc->body, doc->body_len, s));
    FUZZ_CHECK(lis_u8_is_boundary(doc->body, doc->body_len, e));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct lis_load_opts opts = { .encoding = NULL, .force = true };
    struct lis_document *doc = NULL;
    struct lis_analysis *an;
    struct lis_buf json;
    size_t i, j;

    if (lis_document_from_bytes((const char *)data, size, "fuzz", &opts, &doc)
        != LIS_OK)
        return 0;
    an = lis_analyze(doc, fuzz_lexicons(), NULL, NULL);
    FUZZ_CHECK(an != NULL);
    for (i = 0; i < an->n_sentences; i++) {
        check_span(doc, an->sentences[i].start, an->sentences[i].end);
        if (i)
            FUZZ_CHECK(an->sentences[i].start >= an->sentences[i - 1].end);
    }
    for (i = 0; i < an->n_quotes; i++) {
        const struct lis_quote *q = &an->quotes[i];
        check_span(doc, q->start, q->end);
        check_span(doc, q->outer_start, q->outer_end);
        FUZZ_CHECK(q->outer_start <= q->start && q->end <= q->outer_end);
        FUZZ_CHECK(q->id == i);
        FUZZ_CHECK(q->speaker == LIS_NONE || q->speaker < an->n_entities);
        if (q->has_cue)
            check_span(doc, q->cue.start, q->cue.end);
        if (i)
            FUZZ_CHECK(q->start >= an->quotes[i - 1].start);
    }
    for (i = 0; i < an->n_mentions; i++) {
        const struct lis_mention *m = &an->mentions[i];
        check_span(doc, m->start, m->end);
        FUZZ_CHECK(m->entity < an->n_entities);
        if (i)
            FUZZ_CHECK(m->start >= an->mentions[i - 1].end);
    }
    for (i = 0; i < an->n_entities; i++) {
        const struct lis_entity *e = &an->entities[i];
        FUZZ_CHECK(e->id == i && e->name != NULL);
        for (j = 0; j < e->n_mentions; j++) {
            FUZZ_CHECK(e->mentions[j] < an->n_mentions);
            FUZZ_CHECK(an->mentions[e->mentions[j]].entity == i);
        }
    }
    for (i = 0; i < an->n_parties; i++) {
        const struct lis_party *p = &an->parties[i];
        FUZZ_CHECK(p->entity < an->n_entities);
        for (j = 0; j < p->n_evidence; j++)
            check_span(doc, p->evidence[j].start, p->evidence[j].end);
        for (j = 0; j < p->n_quotes; j++)
            FUZZ_CHECK(p->quotes[j] < an->n_quotes);
    }
    lis_buf_init(&json);
    lis_analysis_to_json(doc, an, false, &json);
    FUZZ_CHECK(json.len > 0 && memchr(json.data, '\n', json.len) == NULL);
    {
        /* the stages one by one, where the parties stage reads every
         * sentence instead of those the entities stage let through: the
         * same analysis */
        struct lis_analysis *st = lis_xcalloc(1, sizeof *st);
        struct lis_buf j2;

        lis_sentences_split(doc, fuzz_lexicons(), st);
        lis_entities_find(doc, fuzz_lexicons(), st);
        lis_quotes_find(doc, fuzz_lexicons(), st);
        lis_parties_find(doc, fuzz_lexicons(), st);
        lis_buf_init(&j2);
        lis_analysis_to_json(doc, st, false, &j2);
        FUZZ_CHECK(j2.len == json.len &&
                   memcmp(j2.data, json.data, json.len) == 0);
        lis_buf_free(&j2);
        lis_analysis_free(st);
    }
    lis_buf_free(&json);
    lis_analysis_free(an);
    lis_document_free(doc);
    return 0;
}
