/* text.h -- one thin layer over libunistring: UTF-8 stepping, graphemes,
 * display width, and how characters that must never reach a terminal are
 * shown instead (visible markers).  No curses here. */
#ifndef LISEUSE_TEXT_H
#define LISEUSE_TEXT_H

#include "liseuse/common.h"

#define LIS_TAB_WIDTH 8

/* Decode the code point at s[0..len).  Returns the number of bytes used
 * (>= 1 when len > 0).  Invalid bytes decode as U+FFFD, one byte each (the
 * body is already valid UTF-8, so this only matters for foreign input). */
size_t lis_u8_get(const char *s, size_t len, uint32_t *cp);
/* Offset of the start of the code point before off (0 if off == 0). */
size_t lis_u8_prev(const char *s, size_t off);
/* True when off is on a UTF-8 character boundary of s[0..len). */
bool lis_u8_is_boundary(const char *s, size_t len, size_t off);

/* End of the grapheme cluster (UAX #29) that starts at off in s[0..len). */
size_t lis_grapheme_next(const char *s, size_t len, size_t off);
/* Start of the grapheme cluster that ends at off (0 if off == 0). */
size_t lis_grapheme_prev(const char *s, size_t len, size_t off);

/* How one code point is displayed. */
enum lis_glyph_kind {
    LIS_GLYPH_TEXT,     /* printed as itself */
    LIS_GLYPH_TAB,      /* expanded to spaces up to the next tab stop */
    LIS_GLYPH_CONTROL,  /* C0/DEL shown as ^X, C1 as <U+0085> style marker */
    LIS_GLYPH_INVISIBLE /* bidi controls, ZW*, BOM, ... shown as <U+XXXX> */
};
enum lis_glyph_kind lis_glyph_kind(uint32_t cp);

/* Write the visible marker for a control or invisible code point into buf
 * ("^[", "^?", "<U+202E>"); returns its length (also its width in cells:
 * markers are ASCII).  Returns 0 for LIS_GLYPH_TEXT and LIS_GLYPH_TAB. */
size_t lis_glyph_marker(uint32_t cp, char *buf, size_t bufsize);
/* Room for any marker plus its NUL ("<U+10FFFF>"). */
#define LIS_MARKER_MAX 12

/* Append to out (when not NULL) what to draw for the grapheme cluster
 * s[0..len) at column col: the text itself, markers spelled out, a tab as
 * spaces, a space under a mark that has no base; returns its width (the
 * same as lis_grapheme_width).  *marker (when not NULL) tells whether a
 * marker was drawn. */
int lis_grapheme_render(const char *s, size_t len, int col,
                        struct lis_buf *out, bool *marker);

/* Display width in terminal cells of the grapheme cluster s[0..len) when
 * drawn at column col (col matters only for tabs).  Text: 0..2 cells per
 * cluster from uniwidth (wide CJK/emoji = 2; combining marks add 0; a
 * cluster is at least 1 cell unless it is empty); markers: their length. */
int lis_grapheme_width(const char *s, size_t len, int col);

/* Display width of s[0..len) starting at column 0. */
int lis_str_width(const char *s, size_t len);

/* Append to out the longest prefix of s[0..len) that fits in max_cells,
 * with markers for unsafe characters and tabs as spaces; when it does not
 * all fit and ellipsis is set, end with "…" within max_cells.  Never cuts a
 * grapheme.  Returns the width used. */
int lis_sanitize_fit(const char *s, size_t len, int max_cells, bool ellipsis,
                     struct lis_buf *out);

/* ASCII transliteration for non-UTF-8 terminals: é -> e, œ -> oe, « -> ",
 * ’ -> ', NBSP -> space, … -> ...; unknown characters become '?'.  Appends
 * to out. */
void lis_transliterate(const char *s, size_t len, struct lis_buf *out);

/* Fold s[0..len) for searching.  Always: canonical decomposition (NFC and
 * NFD fold alike), every space separator (NBSP, NNBSP, thin spaces) -> ' ',
 * soft hyphen / ZWSP / word joiner / BOM dropped.  casefold: lower case,
 * ß -> ss.  strip_accents: combining marks (Mn) dropped, ligatures expanded
 * (œ -> oe, æ -> ae, ﬁ -> fi), ’ ‘ ʼ -> ', ‐ ‑ -> -.  Appends the folded text
 * to out; when map is not NULL, (*map)[i] is set, for the i-th byte this
 * call appends (out->data[len0 + i], len0 = out->len on entry), to the
 * offset in s of the character it came from, so a match in the folded text
 * maps back to body offsets.  The map array is grown as needed (*map,
 * *map_cap). */
void lis_fold(const char *s, size_t len, bool strip_accents, bool casefold,
              struct lis_buf *out, size_t **map, size_t *map_cap);

#endif
