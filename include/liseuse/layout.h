/* layout.h -- wrapping paragraphs into screen lines, on demand, and turning
 * body spans into screen cells.  No curses here. */
#ifndef LISEUSE_LAYOUT_H
#define LISEUSE_LAYOUT_H

#include "liseuse/common.h"
#include "liseuse/document.h"

/* One screen line: the body bytes [start, end) it shows (trailing break
 * spaces excluded) and its width in cells.  A blank paragraph has one line
 * with start == end. */
struct lis_line {
    size_t start;
    size_t end;
    int width;
};

/* A position in the wrapped text: line `line` of paragraph `para`. */
struct lis_pos {
    size_t para;
    size_t line;
};

/* The wrapping of one document at one width.  Paragraphs are wrapped the
 * first time they are asked for and cached.  Borrows doc. */
struct lis_layout;

/* width >= 1 cells. */
struct lis_layout *lis_layout_new(const struct lis_document *doc, int width);
void lis_layout_free(struct lis_layout *lay);
int lis_layout_width(const struct lis_layout *lay);
/* How many paragraphs have been wrapped so far (the cache is filled on
 * demand; tests check that opening a big document stays lazy). */
size_t lis_layout_n_wrapped(const struct lis_layout *lay);

/* Wrap s[0..len) (one paragraph, no '\n') at width cells: break only at
 * UAX #14 opportunities, never inside a grapheme, never at U+00A0, U+202F,
 * U+2060; « and » stay with their word even after a plain space; a word
 * longer than the width is cut at grapheme boundaries; wide characters
 * never straddle the edge (one grapheme wider than the width goes alone on
 * its line).  Spaces at a break belong to no line.  Line offsets are
 * relative to s.  Returns the number of lines (>= 1); *lines is malloc'd. */
size_t lis_wrap(const char *s, size_t len, int width, struct lis_line **lines);

/* Lines of paragraph para (offsets are body offsets).  Borrowed; valid
 * until the layout is freed. */
const struct lis_line *lis_layout_lines(struct lis_layout *lay, size_t para,
                                        size_t *n_lines);

/* Position of the line that contains body offset off. */
struct lis_pos lis_layout_pos_at(struct lis_layout *lay, size_t off);
/* Body offset of the first byte of the line at pos. */
size_t lis_layout_offset_at(struct lis_layout *lay, struct lis_pos pos);
/* Move pos by delta lines (negative: up), clamped to the first and last
 * line of the document; returns the number of lines actually moved
 * (absolute value). */
size_t lis_layout_move(struct lis_layout *lay, struct lis_pos *pos,
                       long delta);
/* Position of the last line of the document. */
struct lis_pos lis_layout_last(struct lis_layout *lay);

/* One drawn grapheme of a screen line. */
struct lis_cell {
    size_t start, end;   /* body bytes of the grapheme */
    int col;             /* first column, from the line's left edge */
    int width;           /* cells it takes */
    uint32_t text_off;   /* what to draw: out->text.data + text_off */
    uint32_t text_len;
    bool marker;         /* a visible marker for a control/invisible char */
};
struct lis_cells {
    struct lis_cell *cells;
    size_t n, cap;
    struct lis_buf text;  /* UTF-8 to draw; tabs expanded, markers spelled */
};
void lis_cells_init(struct lis_cells *c);
void lis_cells_free(struct lis_cells *c);
/* Fill out (reset first) with the cells of line ln of doc. */
void lis_layout_cells(const struct lis_document *doc,
                      const struct lis_line *ln, struct lis_cells *out);
/* Columns [*c0, *c1) of line ln covered by body span sp; false when the
 * span does not touch the line. */
bool lis_cells_span(const struct lis_cells *c, struct lis_span sp, int *c0,
                    int *c1);

/* Write the whole document wrapped at width to out as plain, sanitised text
 * (markers for controls, tabs expanded), one line per screen line. */
void lis_render_plain(const struct lis_document *doc, int width,
                      struct lis_buf *out);

#endif
