/* analysis.c -- the analysis pipeline (sentences, entities, quotations,
 * deal parties), its result's lifetime, lookups and enum tables. */
#include <config.h>

#include "liseuse/analysis.h"

#include "analysis_run.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- tables */

static const char *const entity_codes[] = {
#define LIS_ET_CODE(id, code, label) code,
    LIS_ENTITY_TYPE_LIST(LIS_ET_CODE)
#undef LIS_ET_CODE
};
static const char *const entity_labels[] = {
#define LIS_ET_LABEL(id, code, label) label,
    LIS_ENTITY_TYPE_LIST(LIS_ET_LABEL)
#undef LIS_ET_LABEL
};
static const char *const mention_codes[] = {
#define LIS_MK_CODE(id, code) code,
    LIS_MENTION_KIND_LIST(LIS_MK_CODE)
#undef LIS_MK_CODE
};
static const char *const role_codes[] = {
#define LIS_ROLE_CODE(id, code, label) code,
    LIS_ROLE_LIST(LIS_ROLE_CODE)
#undef LIS_ROLE_CODE
};
static const char *const bid_codes[] = {
#define LIS_BS_CODE(id, code) code,
    LIS_BID_STATUS_LIST(LIS_BS_CODE)
#undef LIS_BS_CODE
};
static const char *const stance_codes[] = {
#define LIS_ST_CODE(id, code) code,
    LIS_STANCE_LIST(LIS_ST_CODE)
#undef LIS_ST_CODE
};
static const char *const deal_codes[] = {
#define LIS_DK_CODE(id, code) code,
    LIS_DEAL_KIND_LIST(LIS_DK_CODE)
#undef LIS_DK_CODE
};

const char *lis_entity_type_code(enum lis_entity_type t)
{
    return (unsigned)t < LIS_ENT_COUNT ? entity_codes[t] : "MISC";
}

const char *lis_entity_type_label(enum lis_entity_type t)
{
    return _((unsigned)t < LIS_ENT_COUNT ? entity_labels[t]
                                         : entity_labels[LIS_ENT_MISC]);
}

const char *lis_mention_kind_code(enum lis_mention_kind k)
{
    return (unsigned)k < LIS_MENTION_COUNT ? mention_codes[k] : "name";
}

const char *lis_role_code(enum lis_role r)
{
    return (unsigned)r < LIS_ROLE_COUNT ? role_codes[r] : "partner";
}

const char *lis_bid_status_code(enum lis_bid_status s)
{
    return (unsigned)s < LIS_BID_COUNT ? bid_codes[s] : NULL;
}

const char *lis_stance_code(enum lis_stance s)
{
    return (unsigned)s < LIS_STANCE_COUNT ? stance_codes[s] : NULL;
}

const char *lis_deal_kind_code(enum lis_deal_kind k)
{
    return (unsigned)k < LIS_DEAL_COUNT ? deal_codes[k] : "acquisition";
}

const char *lis_party_label(enum lis_role r, enum lis_bid_status s)
{
    switch (r) {
    case LIS_ROLE_TARGET:    return _("Target");
    case LIS_ROLE_SELLER:    return _("Seller");
    case LIS_ROLE_ACQUIRER:  return _("Acquirer");
    case LIS_ROLE_PARTNER:   return _("Partner");
    case LIS_ROLE_REGULATOR: return _("Authority");
    case LIS_ROLE_BIDDER:
        switch (s) {
        case LIS_BID_CHOSEN:   return _("Chosen bidder");
        case LIS_BID_REJECTED: return _("Rejected bidder");
        default:               return _("Bidder");
        }
    default:
        return _("Partner");
    }
}

/* ---------------------------------------------------------------- pipeline */

void lis_analysis_free(struct lis_analysis *an)
{
    size_t i;

    if (!an)
        return;
    free(an->sentences);
    free(an->quotes);
    for (i = 0; i < an->n_entities; i++) {
        free(an->entities[i].name);
        free(an->entities[i].mentions);
    }
    free(an->entities);
    free(an->mentions);
    for (i = 0; i < an->n_parties; i++) {
        free(an->parties[i].name);
        free(an->parties[i].evidence);
        free(an->parties[i].quotes);
    }
    free(an->parties);
    if (an->deal) {
        free(an->deal->summary);
        free(an->deal);
    }
    free(an);
}

bool lis_run_poll(struct lis_run *run, size_t done, size_t of)
{
    double f;

    if (!run)
        return false;
    if (run->cancelled)
        return true;
    /* stages count work in bytes of text read (a stage with two passes
     * counts both), so a step is about a megabyte of text */
    run->next = done + LIS_RUN_STEP;
    if (!run->progress)
        return false;
    f = of > 0 ? (double)(done < of ? done : of) / (double)of : 1.0;
    if (!run->progress(run->ctx,
                       (size_t)((double)run->total *
                                (run->lo + (run->hi - run->lo) * f) / 100.0),
                       run->total))
        run->cancelled = true;
    return run->cancelled;
}

void lis_sentences_run(const struct lis_document *doc,
                       const struct lis_lexicons *lx, struct lis_analysis *an,
                       struct lis_run *run)
{
    (void)run;
    lis_sentences_split(doc, lx, an);
}

void lis_quotes_run(const struct lis_document *doc,
                    const struct lis_lexicons *lx, struct lis_analysis *an,
                    struct lis_run *run)
{
    (void)run;
    lis_quotes_find(doc, lx, an);
}

struct lis_analysis *lis_analyze(const struct lis_document *doc,
                                 const struct lis_lexicons *lx,
                                 lis_progress_fn progress, void *ctx)
{
    /* Rough share of the work each stage does, for the progress line
     * (cumulative percent at its end). */
    static const unsigned share[] = { 15, 55, 85, 100 };
    /* Sentences and quotes run at several hundred MB/s: a check between
     * stages is enough for them; entities and parties poll the run. */
    void (*const stages[])(const struct lis_document *,
                           const struct lis_lexicons *,
                           struct lis_analysis *, struct lis_run *) = {
        lis_sentences_run, lis_entities_run, lis_quotes_run, lis_parties_run,
    };
    struct lis_analysis *an = lis_xcalloc(1, sizeof *an);
    struct lis_run run;
    size_t total = doc ? doc->body_len : 0, i;

    memset(&run, 0, sizeof run);
    run.progress = progress;
    run.ctx = ctx;
    run.total = total;
    if (progress && !progress(ctx, 0, total)) {
        lis_analysis_free(an);
        return NULL;
    }
    if (!doc)
        return an;
    for (i = 0; i < LIS_ARRAY_LEN(stages); i++) {
        run.lo = i > 0 ? share[i - 1] : 0;
        run.hi = share[i];
        run.next = LIS_RUN_STEP;
        stages[i](doc, lx, an, &run);
        if (run.cancelled ||
            (progress && !progress(ctx, (size_t)((double)total * share[i] /
                                                 100.0),
                                   total))) {
            free(run.deal_maybe);
            lis_analysis_free(an);
            return NULL;
        }
    }
    free(run.deal_maybe);
    return an;
}

/* ---------------------------------------------------------------- lookups */

/* How many of the n elements of an array sorted by a size_t field (at
 * byte offset field of each element of size stride) have that field below
 * off, or at most off when inclusive: the binary search every lookup
 * here needs. */
static size_t count_before(const void *base, size_t n, size_t stride,
                           size_t field, size_t off, bool inclusive)
{
    const char *b = base;
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2, v;

        memcpy(&v, b + mid * stride + field, sizeof v);
        if (v < off || (inclusive && v == off))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The same over one entity's mentions (indexes into an->mentions). */
static size_t count_entity_before(const struct lis_analysis *an,
                                  const struct lis_entity *e, size_t off,
                                  bool inclusive)
{
    size_t lo = 0, hi = e->n_mentions;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t v = an->mentions[e->mentions[mid]].start;

        if (v < off || (inclusive && v == off))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t lis_quote_next(const struct lis_analysis *an, size_t off)
{
    size_t i;

    if (!an)
        return LIS_NONE;
    i = count_before(an->quotes, an->n_quotes, sizeof *an->quotes,
                     offsetof(struct lis_quote, start), off, true);
    return i < an->n_quotes ? i : LIS_NONE;
}

size_t lis_quote_prev(const struct lis_analysis *an, size_t off)
{
    size_t i;

    if (!an)
        return LIS_NONE;
    i = count_before(an->quotes, an->n_quotes, sizeof *an->quotes,
                     offsetof(struct lis_quote, start), off, false);
    return i > 0 ? i - 1 : LIS_NONE;
}

size_t lis_mention_lower_bound(const struct lis_analysis *an, size_t off)
{
    if (!an)
        return 0;
    return count_before(an->mentions, an->n_mentions, sizeof *an->mentions,
                        offsetof(struct lis_mention, start), off, false);
}

/* Entity `entity` of an, NULL when there is none of that index. */
static const struct lis_entity *entity_at(const struct lis_analysis *an,
                                          size_t entity)
{
    return entity < an->n_entities ? &an->entities[entity] : NULL;
}

size_t lis_mention_next(const struct lis_analysis *an, size_t off,
                        size_t entity)
{
    size_t i;

    if (!an)
        return LIS_NONE;
    if (entity != LIS_NONE) {
        const struct lis_entity *e = entity_at(an, entity);

        if (!e)
            return LIS_NONE;
        i = count_entity_before(an, e, off, true);
        return i < e->n_mentions ? e->mentions[i] : LIS_NONE;
    }
    i = count_before(an->mentions, an->n_mentions, sizeof *an->mentions,
                     offsetof(struct lis_mention, start), off, true);
    return i < an->n_mentions ? i : LIS_NONE;
}

size_t lis_mention_prev(const struct lis_analysis *an, size_t off,
                        size_t entity)
{
    size_t i;

    if (!an)
        return LIS_NONE;
    if (entity != LIS_NONE) {
        const struct lis_entity *e = entity_at(an, entity);

        if (!e)
            return LIS_NONE;
        i = count_entity_before(an, e, off, false);
        return i > 0 ? e->mentions[i - 1] : LIS_NONE;
    }
    i = lis_mention_lower_bound(an, off);
    return i > 0 ? i - 1 : LIS_NONE;
}

size_t lis_quote_at(const struct lis_analysis *an, size_t off)
{
    size_t lo, best = LIS_NONE, i;

    if (!an)
        return LIS_NONE;
    /* the quotes whose outer span starts at or before off (quotes are
     * sorted by start, and so by outer start) */
    lo = count_before(an->quotes, an->n_quotes, sizeof *an->quotes,
                      offsetof(struct lis_quote, outer_start), off, true);
    /* nested quotes: the innermost containing one starts last; walk back
     * over the few that may still contain off */
    for (i = lo; i > 0; i--) {
        const struct lis_quote *q = &an->quotes[i - 1];

        if (off >= q->outer_start && off < q->outer_end) {
            best = i - 1;
            break;
        }
        if (lo - i > 16)
            break;
    }
    return best;
}

size_t lis_sentence_at(const struct lis_analysis *an, size_t off)
{
    size_t lo;

    if (!an)
        return LIS_NONE;
    lo = count_before(an->sentences, an->n_sentences, sizeof *an->sentences,
                      offsetof(struct lis_sentence, start), off, true);
    if (lo == 0 || off >= an->sentences[lo - 1].end)
        return LIS_NONE;
    return lo - 1;
}

size_t lis_party_of_entity(const struct lis_analysis *an, size_t entity)
{
    size_t i;

    if (!an || entity == LIS_NONE)
        return LIS_NONE;
    for (i = 0; i < an->n_parties; i++)
        if (an->parties[i].entity == entity)
            return i;
    return LIS_NONE;
}
