/* lexicon.h -- word lists from data/ (installed to $(pkgdatadir)) extended
 * by the user's files in $XDG_CONFIG_HOME/liseuse/.  Code holds rules; the
 * lists of words live in these files. */
#ifndef LISEUSE_LEXICON_H
#define LISEUSE_LEXICON_H

#include "liseuse/common.h"

/* A set of phrases, each with an optional value (the text after a TAB).
 * File format: UTF-8, one entry per line, "phrase" or "phrase<TAB>value",
 * '#' starts a comment line, blank lines ignored.  Phrases are matched
 * case-insensitively and accent-sensitively after NFC; ’ and ' are the
 * same. */
struct lis_lexicon;

struct lis_lexicon *lis_lexicon_new(void);
void lis_lexicon_free(struct lis_lexicon *lx);
/* Add the entries of a file; a missing file is not an error (LIS_OK). */
enum lis_status lis_lexicon_load_file(struct lis_lexicon *lx,
                                      const char *path);
/* Add entries from text in the file format above. */
void lis_lexicon_add_text(struct lis_lexicon *lx, const char *text,
                          size_t len);
void lis_lexicon_add(struct lis_lexicon *lx, const char *phrase,
                     const char *value);
size_t lis_lexicon_size(const struct lis_lexicon *lx);
/* Exact lookup of s[0..len): true when present; *value (may be NULL) gets
 * the entry's value or "" (borrowed). */
bool lis_lexicon_has(const struct lis_lexicon *lx, const char *s, size_t len,
                     const char **value);
/* Longest entry that matches s at its start and ends on a word boundary;
 * returns its length in s (0: none).  Whether s itself starts a word is
 * the caller's business.  Allocates nothing. */
size_t lis_lexicon_match(const struct lis_lexicon *lx, const char *s,
                         size_t len, const char **value);
/* Call fn for every entry with its folded phrase (as matching folds text:
 * lower case, ’ -> ', single spaces) and its value ("" when none), in no
 * particular order.  Lets a stage derive a filter from a lexicon. */
void lis_lexicon_each(const struct lis_lexicon *lx,
                      void (*fn)(void *ctx, const char *key, size_t klen,
                                 const char *value),
                      void *ctx);

/* Character helpers shared by the analysis stages, defined with the
 * lexicon so that matching and the stages agree on what a word is.  Each
 * is inline for what a French text is mostly made of (ASCII and the
 * letters of U+00C0..U+00FF), so that the stages' hot loops need no copy
 * of these rules, and calls the _rest function for every other case. */

/* By byte: an ASCII letter or digit folded as matching folds it (lower
 * case), 0 for every other byte -- ASCII that is not part of a word, and
 * every byte >= 0x80, the start or middle of a multi-byte character that
 * the caller decodes with lis_lex_get_cp.  Indexing by any unsigned char
 * is safe. */
extern const unsigned char lis_lex_word_fold[256];

bool lis_lex_is_word_cp_rest(uint32_t cp);
bool lis_lex_is_space_cp_rest(uint32_t cp);
size_t lis_lex_fold_cp_rest(uint32_t cp, char out[8]);
size_t lis_lex_get_cp_rest(const char *s, size_t len, uint32_t *cp);

/* Letters, digits and combining marks. */
static inline bool lis_lex_is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return lis_lex_word_fold[cp] != 0;
    if (cp >= 0xC0 && cp <= 0x24F)
        return cp != 0xD7 && cp != 0xF7;
    return lis_lex_is_word_cp_rest(cp);
}

/* White space, including NBSP, NNBSP and the other Unicode spaces. */
static inline bool lis_lex_is_space_cp(uint32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= '\t' && cp <= '\r');
    return lis_lex_is_space_cp_rest(cp);
}

/* The folded form matching uses (lower case, ’ -> ', spaces -> ' ') of one
 * code point into out; returns its length in bytes. */
static inline size_t lis_lex_fold_cp(uint32_t cp, char out[8])
{
    if (cp < 0x80) {
        out[0] = (char)((cp >= 'A' && cp <= 'Z') ? cp + 32
                        : cp >= '\t' && cp <= '\r' ? ' ' : cp);
        return 1;
    }
    if (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7) {
        if (cp <= 0xDE)
            cp += 0x20;         /* À..Þ -> à..þ */
        out[0] = (char)0xC3;
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    return lis_lex_fold_cp_rest(cp, out);
}

/* Decode the code point at s[0..len) (an invalid sequence gives U+FFFD);
 * returns the bytes used, >= 1 when len > 0, 0 only when len == 0. */
static inline size_t lis_lex_get_cp(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;

    if (len > 0 && u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    if (len >= 2 && u[0] >= 0xC2 && u[0] < 0xE0 && (u[1] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
        return 2;
    }
    return lis_lex_get_cp_rest(s, len, cp);
}

/* All the lexicons the analysis uses, by file name under the data dir. */
#define LIS_LEXICON_LIST(_) \
    _(abbrev,       "fr-abbreviations.txt") \
    _(speech_verbs, "fr-speech-verbs.txt") \
    _(deal_terms,   "fr-deal-terms.txt") \
    _(descriptors,  "fr-descriptors.txt") \
    _(orgs,         "fr-organisations.txt") \
    _(places,       "fr-places.txt") \
    _(demonyms,     "fr-demonyms.txt") \
    _(persons,      "fr-persons.txt") \
    _(titles,       "fr-titles.txt") \
    _(stopwords,    "fr-stopwords.txt")

struct lis_lexicons {
#define LIS_LEXICON_FIELD(name, file) struct lis_lexicon *name;
    LIS_LEXICON_LIST(LIS_LEXICON_FIELD)
#undef LIS_LEXICON_FIELD
};

/* Load every lexicon from sysdir, then add the user's from userdir (either
 * may be NULL).  Never fails on missing files; errmsg gets a one-line
 * warning for a file that exists but cannot be read. */
struct lis_lexicons *lis_lexicons_load(const char *sysdir,
                                       const char *userdir, char **errmsg);
void lis_lexicons_free(struct lis_lexicons *lxs);

#endif
