/* bench_analysis.c -- analysis throughput on a large French text made of
 * the corpus articles repeated: MB/s per stage, linearity, peak memory.
 * Prints figures; never fails on timing. */
#include <config.h>

#include "liseuse/analysis.h"
#include "liseuse/document.h"
#include "liseuse/lexicon.h"

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

struct stage_clock {
    double t[8];
    size_t n;
};

static bool on_progress(void *ctx, size_t done, size_t total)
{
    struct stage_clock *c = ctx;

    (void)done;
    (void)total;
    if (c->n < LIS_ARRAY_LEN(c->t))
        c->t[c->n++] = now();
    return true;
}

static void run(const struct lis_buf *sample, size_t bytes,
                const struct lis_lexicons *lx)
{
    static const char *const names[] = { "sentences", "entities", "quotes",
                                         "parties" };
    struct lis_buf big;
    struct lis_document *doc = NULL;
    struct lis_analysis *an;
    struct stage_clock clk = { { 0 }, 0 };
    double t0, t1, mb;
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
    an = lis_analyze(doc, lx, on_progress, &clk);
    printf("  analysis %6.3f s = %7.1f MB/s  (", clk.t[clk.n - 1] - clk.t[0],
           mb / (clk.t[clk.n - 1] - clk.t[0]));
    for (i = 1; i < clk.n && i - 1 < LIS_ARRAY_LEN(names); i++)
        printf("%s%s %.3f", i > 1 ? ", " : "", names[i - 1],
               clk.t[i] - clk.t[i - 1]);
    printf(")\n          %zu sentences, %zu quotes, %zu entities, "
           "%zu mentions; peak RSS %.1f MB\n",
           an->n_sentences, an->n_quotes, an->n_entities, an->n_mentions,
           (double)peak_rss_kb() / 1024.0);
    fflush(stdout);
    lis_analysis_free(an);
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
