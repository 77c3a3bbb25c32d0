/* analysis_run.h -- internal to the analysis stages: the progress and
 * cancel state of one lis_analyze run, which the long stages poll about
 * every megabyte so that a cancelled analysis of a large file stops
 * promptly.  Not a public header. */
#ifndef LISEUSE_ANALYSIS_RUN_H
#define LISEUSE_ANALYSIS_RUN_H

#include "liseuse/analysis.h"

/* Bytes of work between two progress reports within a stage. */
#define LIS_RUN_STEP ((size_t)1 << 20)

struct lis_run {
    lis_progress_fn progress;   /* may be NULL */
    void *ctx;
    size_t total;               /* body bytes: the scale of progress */
    unsigned lo, hi;            /* the current stage's share, percent */
    size_t next;                /* stage work at which to report next */
    bool cancelled;
    /* Per sentence, whether it may hold a deal term: the entities stage,
     * which reads every word anyway, fills it (see
     * lis_parties_deal_words) so that the parties stage looks only at
     * those sentences.  NULL: not known, every sentence is looked at.
     * lis_analyze frees it. */
    unsigned char *deal_maybe;
};

/* Report that the current stage has done `done` of `of` units of work
 * (bytes, or bytes times passes).  Calls the progress callback only once
 * per LIS_RUN_STEP of work.  Returns true when the run is cancelled: the
 * stage should stop and leave a consistent (if partial) result, which
 * lis_analyze then discards.  run may be NULL (never cancelled). */
bool lis_run_poll(struct lis_run *run, size_t done, size_t of);

static inline bool lis_run_tick(struct lis_run *run, size_t done, size_t of)
{
    if (!run)
        return false;
    if (run->cancelled)
        return true;
    if (done < run->next)
        return false;
    return lis_run_poll(run, done, of);
}

/* The words the deal terms of lx begin with, for a stage that would tell
 * the parties stage which sentences may hold one: fn gets, for every deal
 * term, its first word (a run of lis_lex_is_word_cp characters, folded
 * as the lexicon stores it) and, for a term that goes on after it, its
 * second word (w2 NULL otherwise).  A sentence in which no word and
 * following word match any of these (with the text folded likewise)
 * holds no deal term. */
void lis_parties_deal_words(const struct lis_lexicons *lx,
                            void (*fn)(void *ctx, const char *w1, size_t n1,
                                       const char *w2, size_t n2),
                            void *ctx);

/* The stages of analysis.h with a run to poll (run may be NULL); the
 * sentence and quotation stages are fast enough not to poll it. */
void lis_sentences_run(const struct lis_document *doc,
                       const struct lis_lexicons *lx, struct lis_analysis *an,
                       struct lis_run *run);
void lis_quotes_run(const struct lis_document *doc,
                    const struct lis_lexicons *lx, struct lis_analysis *an,
                    struct lis_run *run);
void lis_entities_run(const struct lis_document *doc,
                      const struct lis_lexicons *lx, struct lis_analysis *an,
                      struct lis_run *run);
void lis_parties_run(const struct lis_document *doc,
                     const struct lis_lexicons *lx, struct lis_analysis *an,
                     struct lis_run *run);

#endif
