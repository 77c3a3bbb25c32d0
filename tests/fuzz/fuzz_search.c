/* fuzz_search.c -- folding and matching: input is PATTERN NUL BODY. */
#include <config.h>

#include <string.h>

#include "fuzz.h"
#include "liseuse/document.h"
#include "liseuse/search.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct lis_load_opts opts = { .encoding = NULL, .force = true };
    const uint8_t *nul = memchr(data, '\0', size);
    struct lis_document *doc = NULL;
    struct lis_searcher *s;
    struct lis_search_opts so;
    struct lis_span *m = NULL;
    char *pattern;
    size_t plen, n, i;
    int mode;

    if (!nul)
        return 0;
    plen = (size_t)(nul - data);
    pattern = lis_xstrndup((const char *)data, plen);
    if (lis_document_from_bytes((const char *)nul + 1, size - plen - 1, "fuzz",
                                &opts, &doc) != LIS_OK) {
        free(pattern);
        return 0;
    }
    s = lis_searcher_new(doc);
    for (mode = 0; mode < 4; mode++) {
        lis_search_opts_default(&so);
        so.fold_accents = mode & 1;
        so.smart_case = mode & 2;
        n = lis_search_all(s, pattern, &so, &m);
        for (i = 0; i < n; i++) {
            FUZZ_CHECK(m[i].start < m[i].end && m[i].end <= doc->body_len);
            FUZZ_CHECK(lis_u8_is_boundary(doc->body, doc->body_len, m[i].start));
            FUZZ_CHECK(lis_u8_is_boundary(doc->body, doc->body_len, m[i].end));
            FUZZ_CHECK(memchr(doc->body + m[i].start, '\n',
                              m[i].end - m[i].start) == NULL);
            if (i)
                FUZZ_CHECK(m[i].start >= m[i - 1].end);
        }
        if (n) {
            FUZZ_CHECK(lis_span_next(m, n, m[0].start) == (n > 1 ? 1 : LIS_NONE));
            FUZZ_CHECK(lis_span_prev(m, n, m[0].start) == LIS_NONE);
        }
        free(m);
        m = NULL;
    }
    lis_searcher_free(s);
    lis_document_free(doc);
    free(pattern);
    return 0;
}
