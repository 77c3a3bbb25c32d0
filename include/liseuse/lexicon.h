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
 * lexicon so that matching and the stages agree on what a word is. */
/* Letters, digits and combining marks. */
bool lis_lex_is_word_cp(uint32_t cp);
/* White space, including NBSP, NNBSP and the other Unicode spaces. */
bool lis_lex_is_space_cp(uint32_t cp);
/* The folded form matching uses (lower case, ’ -> ', spaces -> ' ') of one
 * code point into out; returns its length in bytes. */
size_t lis_lex_fold_cp(uint32_t cp, char out[8]);
/* Decode the code point at s[0..len) (an invalid sequence gives U+FFFD);
 * returns the bytes used, >= 1 when len > 0, 0 only when len == 0. */
size_t lis_lex_get_cp(const char *s, size_t len, uint32_t *cp);

/* By byte: an ASCII letter or digit folded as matching folds it (lower
 * case), 0 for every other byte -- ASCII that is not part of a word, and
 * every byte >= 0x80, the start or middle of a multi-byte character that
 * the caller decodes with lis_lex_get_cp.  Indexing by any unsigned char
 * is safe. */
extern const unsigned char lis_lex_word_fold[256];

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
