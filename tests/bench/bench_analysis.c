/* bench_analysis.c -- analysis throughput on a large French text made of
 * the corpus articles repeated: MB/s per stage, linearity, peak memory,
 * and how often lis_analyze gives the caller a chance to cancel (issue 3:
 * quitting the reader cancels the analysis of a large file).
 * Prints figures; never fails on timing. */
#include <config.h>

#include "liseuse/analysis.h"
#include "liseuse/document.h"
#include "liseuse/lexicon.h"

/* (internal: the stages as lis_analyze runs them, with the run that lets
 * the entities stage tell the parties stage which sentences to read) */
#include "../../src/analysis_run.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* CPU time of this process: the figure for "one core", and less at the
 * mercy of whatever else the machine runs than wall time. */
static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_kb(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* Minor page faults so far: each is a fresh page of memory, which costs
 * CPU time of its own (much of it on some virtual machines). */
static long minor_faults(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_minflt;
}

/* Append the body of one article file (front matter dropped). */
static void add_article(struct lis_buf *text, const char *path)
{
    struct lis_document *doc = NULL;

    if (lis_document_load(path, NULL, &doc, NULL) != LIS_OK)
        return;
    lis_buf_add(text, doc->body, doc->body_len);
    lis_buf_adds(text, "\n\n");
    lis_document_free(doc);
}

/* Progress calls of a whole lis_analyze run; with cancel_at set, the
 * callback cancels at the first call past that many bytes and records
 * when, to measure how soon the analysis gives up. */
struct progress_log {
    size_t calls;
    size_t cancel_at;       /* 0: never cancel */
    double cancelled_at;    /* CPU time of the cancelling call */
    double last, max_gap;   /* the longest wait for a chance to cancel */
};

static bool on_progress(void *ctx, size_t done, size_t total)
{
    struct progress_log *p = ctx;
    double t = now();

    (void)total;
    if (p->calls > 0 && t - p->last > p->max_gap)
        p->max_gap = t - p->last;
    p->last = t;
    p->calls++;
    if (p->cancel_at && done >= p->cancel_at) {
        p->cancelled_at = now();
        return false;
    }
    return true;
}

static void run(const struct lis_buf *sample, size_t bytes,
                const struct lis_lexicons *lx)
{
    static const char *const names[] = { "sentences", "entities", "quotes",
                                         "parties" };
    void (*const stages[])(const struct lis_document *,
                           const struct lis_lexicons *,
                           struct lis_analysis *, struct lis_run *) = {
        lis_sentences_run, lis_entities_run, lis_quotes_run, lis_parties_run,
    };
    struct lis_run stage_run;
    struct lis_buf big;
    struct lis_document *doc = NULL;
    struct lis_analysis *an;
    struct progress_log log = { 0, 0, 0.0, 0.0, 0.0 };
    double t0, t1, mb, st[LIS_ARRAY_LEN(stages)], sum = 0;
    long pf[LIS_ARRAY_LEN(stages)], f0;
    size_t i;

    lis_buf_init(&big);
    lis_buf_reserve(&big, bytes + sample->len);
    while (big.len < bytes)
        lis_buf_add(&big, sample->data, sample->len);
    t0 = now();
    if (lis_document_from_bytes(big.data, big.len, "bench", NULL, &doc) !=
        LIS_OK) {
        fprintf(stderr, "bench: cannot build the document\n");
        exit(1);
    }
    t1 = now();
    lis_buf_free(&big);
    mb = (double)doc->body_len / 1e6;
    printf("%8.1f MB  decode %6.3f s", mb, t1 - t0);

    /* each stage on its own, in pipeline order */
    an = lis_xcalloc(1, sizeof *an);
    memset(&stage_run, 0, sizeof stage_run);
    for (i = 0; i < LIS_ARRAY_LEN(stages); i++) {
        f0 = minor_faults();
        t0 = now();
        stages[i](doc, lx, an, &stage_run);
        st[i] = now() - t0;
        pf[i] = minor_faults() - f0;
        sum += st[i];
    }
    printf("  stages %6.3f s = %7.1f MB/s\n         ", sum, mb / sum);
    for (i = 0; i < LIS_ARRAY_LEN(stages); i++)
        printf("%s %s %.3f s (%.0f MB/s)", i ? "," : "", names[i], st[i],
               mb / st[i]);
    printf("\n          page faults:");
    for (i = 0; i < LIS_ARRAY_LEN(stages); i++)
        printf("%s %s %ld", i ? "," : "", names[i], pf[i]);
    printf("\n          %zu sentences, %zu quotes, %zu entities, "
           "%zu mentions, %zu parties\n",
           an->n_sentences, an->n_quotes, an->n_entities, an->n_mentions,
           an->n_parties);
    lis_analysis_free(an);
    free(stage_run.deal_maybe);

    /* the whole pipeline, as the reader runs it */
    t0 = now();
    an = lis_analyze(doc, lx, on_progress, &log);
    t1 = now();
    printf("          lis_analyze %6.3f s = %7.1f MB/s, %zu progress calls "
           "(longest gap %.3f s)", t1 - t0, mb / (t1 - t0), log.calls,
           log.max_gap);
    lis_analysis_free(an);

    /* cancel half way through: how long until lis_analyze returns */
    log.calls = 0;
    log.cancel_at = doc->body_len / 2;
    an = lis_analyze(doc, lx, on_progress, &log);
    t1 = now();
    printf("; cancel at 50%%: returned %s after %.3f s\n",
           an ? "a result (not cancelled!)" : "NULL",
           log.cancelled_at > 0 ? t1 - log.cancelled_at : -1.0);
    lis_analysis_free(an);
    printf("          peak RSS %.1f MB (%.1f x the text)\n",
           (double)peak_rss_kb() / 1024.0,
           (double)peak_rss_kb() * 1024.0 / (double)doc->body_len);
    fflush(stdout);
    lis_document_free(doc);
}

int main(int argc, char **argv)
{
    const char *srcdir = argc > 1 ? argv[1] : LIS_ABS_SRCDIR;
    double target_mb = argc > 2 ? atof(argv[2]) : 100.0;
    struct lis_buf sample;
    struct lis_lexicons *lx;
    char *dir, *err = NULL;
    DIR *d;
    struct dirent *de;
    size_t bytes;

    lis_buf_init(&sample);
    dir = lis_xasprintf("%s/tests/data/corpus/wikinews-fr-2012", srcdir);
    d = opendir(dir);
    if (d) {
        while ((de = readdir(d)) != NULL) {
            if (strstr(de->d_name, ".txt")) {
                char *p = lis_xasprintf("%s/%s", dir, de->d_name);

                add_article(&sample, p);
                free(p);
            }
        }
        closedir(d);
    }
    free(dir);
    dir = lis_xasprintf("%s/articles/microsoft-tiktok-oracle.txt", srcdir);
    add_article(&sample, dir);
    free(dir);
    if (sample.len == 0) {
        fprintf(stderr, "bench: no articles under %s\n", srcdir);
        return 1;
    }
    dir = lis_xasprintf("%s/data", srcdir);
    lx = lis_lexicons_load(dir, NULL, &err);
    free(dir);
    if (err) {
        fprintf(stderr, "bench: %s\n", err);
        free(err);
    }
    if (target_mb <= 0)
        target_mb = 1;
    bytes = (size_t)(target_mb * 1e6);
    printf("liseuse analysis benchmark: %zu KB of French articles repeated; "
           "sizes %.0f%%, 50%%, 100%% of %.1f MB (linear if MB/s stays "
           "flat); CPU seconds\n", sample.len / 1024, 25.0, target_mb);
    run(&sample, bytes / 4, lx);
    run(&sample, bytes / 2, lx);
    run(&sample, bytes, lx);
    lis_lexicons_free(lx);
    lis_buf_free(&sample);
    return 0;
}
