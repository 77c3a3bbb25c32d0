/* search.h -- accent- and case-insensitive search over a document body.
 * No curses here. */
#ifndef LISEUSE_SEARCH_H
#define LISEUSE_SEARCH_H

#include "liseuse/common.h"
#include "liseuse/document.h"

struct lis_search_opts {
    bool fold_accents;   /* e matches é è ê ë, oe matches œ, ' matches ’ */
    bool smart_case;     /* an uppercase letter makes the search case-sensitive */
    bool ignore_case;    /* when smart_case does not apply */
};
void lis_search_opts_default(struct lis_search_opts *o);

/* Folded copies of a body, one per (accents, case) combination, built the
 * first time they are needed.  Borrows the document. */
struct lis_searcher;
struct lis_searcher *lis_searcher_new(const struct lis_document *doc);
void lis_searcher_free(struct lis_searcher *s);

/* Find every match of pattern (UTF-8, taken literally: the UI strips its
 * own prefixes) in the body.  Matches may cross line wraps but stay within
 * one paragraph; a space in the pattern also matches NBSP and NNBSP.
 * Results are body spans on grapheme boundaries (an accent dropped by the
 * folding belongs to the match), sorted, non-overlapping; *out is malloc'd
 * (NULL when none).  o NULL means the defaults.  Returns the count. */
size_t lis_search_all(struct lis_searcher *s, const char *pattern,
                      const struct lis_search_opts *o,
                      struct lis_span **out);

/* Index of the first match starting after off / the last starting before
 * off in a sorted array of n matches; LIS_NONE when none. */
size_t lis_span_next(const struct lis_span *m, size_t n, size_t off);
size_t lis_span_prev(const struct lis_span *m, size_t n, size_t off);

#endif
