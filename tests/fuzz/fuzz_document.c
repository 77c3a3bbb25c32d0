/* fuzz_document.c -- decoding, NFC, line endings, front matter, paragraphs
 * on arbitrary bytes. */
#include <config.h>

#include <string.h>

#include "fuzz.h"
#include "liseuse/document.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct lis_load_opts opts = { .encoding = NULL, .force = true };
    struct lis_document *doc = NULL;
    size_t i;

    if (lis_document_from_bytes((const char *)data, size, "fuzz", &opts, &doc)
        != LIS_OK)
        return 0;
    FUZZ_CHECK(doc->body != NULL);
    FUZZ_CHECK(doc->body[doc->body_len] == '\0');
    FUZZ_CHECK(lis_utf8_count_invalid(doc->body, doc->body_len) == 0);
    FUZZ_CHECK(memchr(doc->body, '\r', doc->body_len) == NULL);
    for (i = 0; i < doc->n_paras; i++) {
        const struct lis_paragraph *p = &doc->paras[i];
        FUZZ_CHECK(p->start <= p->end && p->end <= doc->body_len);
        FUZZ_CHECK(memchr(doc->body + p->start, '\n', p->end - p->start) == NULL);
        if (i > 0)
            FUZZ_CHECK(p->start == doc->paras[i - 1].end + 1);
        FUZZ_CHECK(lis_document_para_at(doc, p->start) == i);
    }
    (void)lis_document_title(doc);
    lis_document_free(doc);
    return 0;
}
