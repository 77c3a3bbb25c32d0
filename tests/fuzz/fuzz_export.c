/* fuzz_export.c -- every export writer, to memory: no control character
 * ever reaches an exported file. */
#include <config.h>

#include <string.h>

#include "fuzz.h"
#include "fuzz_common.h"
#include "liseuse/analysis.h"
#include "liseuse/document.h"
#include "liseuse/export.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct lis_load_opts opts = { .encoding = NULL, .force = true };
    struct lis_document *doc = NULL;
    struct lis_analysis *an;
    struct lis_annotations ann;
    struct lis_export_article art;
    struct lis_export_opts eo;
    int f;

    if (lis_document_from_bytes((const char *)data, size, "fuzz\x1b]0;t\a",
                                &opts, &doc) != LIS_OK)
        return 0;
    an = lis_analyze(doc, fuzz_lexicons(), NULL, NULL);
    lis_annotations_init(&ann);
    /* a reader highlight over the middle third, on character boundaries */
    if (doc->body_len >= 3) {
        size_t s = doc->body_len / 3, e = 2 * doc->body_len / 3;
        while (s > 0 && !lis_u8_is_boundary(doc->body, doc->body_len, s))
            s--;
        while (e < doc->body_len && !lis_u8_is_boundary(doc->body, doc->body_len, e))
            e++;
        if (s < e) {
            ann.highlights = lis_xcalloc(1, sizeof *ann.highlights);
            ann.n_highlights = ann.cap_highlights = 1;
            ann.highlights[0].start = s;
            ann.highlights[0].end = e;
            ann.highlights[0].note = lis_xstrdup("note\x07\x1b[2J\xc2\x9b");
        }
    }
    lis_export_collect(doc, an, &ann, LIS_SELECT_ALL, 1700000000, &art);
    for (f = 0; f < LIS_EXPORT_COUNT; f++) {
        struct lis_buf out;

        memset(&eo, 0, sizeof eo);
        eo.format = (enum lis_export_format)f;
        eo.select = LIS_SELECT_ALL;
        eo.with_parties = true;
        eo.french = f & 1;
        eo.now = 1700000000;
        lis_buf_init(&out);
        lis_export_write(&art, 1, &eo, &out);
        FUZZ_CHECK(fuzz_no_controls(out.data ? out.data : "", out.len));
        lis_buf_free(&out);
    }
    lis_export_article_clear(&art);
    lis_annotations_free(&ann);
    lis_analysis_free(an);
    lis_document_free(doc);
    return 0;
}
