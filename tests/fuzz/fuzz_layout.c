/* fuzz_layout.c -- wrapping at widths 1..300 and span -> cell mapping:
 * lines never wider than the width, in order, on grapheme boundaries. */
#include <config.h>

#include "fuzz.h"
#include "liseuse/document.h"
#include "liseuse/layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct lis_load_opts opts = { .encoding = NULL, .force = true };
    struct lis_document *doc = NULL;
    struct lis_layout *lay;
    struct lis_cells cells;
    struct lis_pos pos;
    int width;
    size_t p, i;

    if (size < 2)
        return 0;
    width = 1 + (int)(((unsigned)data[0] << 8 | data[1]) % 300);
    if (lis_document_from_bytes((const char *)data + 2, size - 2, "fuzz",
                                &opts, &doc) != LIS_OK)
        return 0;
    lay = lis_layout_new(doc, width);
    lis_cells_init(&cells);
    for (p = 0; p < doc->n_paras; p++) {
        size_t n;
        const struct lis_line *ln = lis_layout_lines(lay, p, &n);
        size_t prev_end = doc->paras[p].start;

        FUZZ_CHECK(n >= 1);
        for (i = 0; i < n; i++) {
            int c0, c1;

            FUZZ_CHECK(ln[i].start >= prev_end && ln[i].start <= ln[i].end);
            FUZZ_CHECK(ln[i].end <= doc->paras[p].end);
            FUZZ_CHECK(lis_u8_is_boundary(doc->body, doc->body_len, ln[i].start));
            FUZZ_CHECK(lis_u8_is_boundary(doc->body, doc->body_len, ln[i].end));
            lis_layout_cells(doc, &ln[i], &cells);
            /* a single grapheme wider than the width is the only excuse */
            FUZZ_CHECK(ln[i].width <= width || cells.n == 1);
            if (cells.n) {
                const struct lis_cell *last = &cells.cells[cells.n - 1];
                int right = last->col + last->width;

                FUZZ_CHECK(cells.cells[0].col == 0);
                FUZZ_CHECK(right == ln[i].width);
                if (lis_cells_span(&cells,
                                   (struct lis_span){ ln[i].start, ln[i].end },
                                   &c0, &c1))
                    FUZZ_CHECK(c0 == 0 && c1 == right);
            }
            prev_end = ln[i].end;
        }
    }
    pos = lis_layout_pos_at(lay, doc->body_len / 2);
    (void)lis_layout_offset_at(lay, pos);
    (void)lis_layout_move(lay, &pos, 1000);
    (void)lis_layout_move(lay, &pos, -1000);
    lis_cells_free(&cells);
    lis_layout_free(lay);
    lis_document_free(doc);
    return 0;
}
