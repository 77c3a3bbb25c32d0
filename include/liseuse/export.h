/* export.h -- excerpts (quotes, marked quotes, reader highlights) written as
 * Markdown, JSON, text, Readwise CSV or Kindle clippings, and safe atomic
 * file writes.  No curses here. */
#ifndef LISEUSE_EXPORT_H
#define LISEUSE_EXPORT_H

#include <time.h>

#include "liseuse/common.h"
#include "liseuse/document.h"
#include "liseuse/analysis.h"

#define LIS_EXPORT_FORMAT_LIST(_) \
    _(MD,        "md",        "md") \
    _(JSON,      "json",      "json") \
    _(TXT,       "txt",       "txt") \
    _(CSV,       "csv",       "csv") \
    _(CLIPPINGS, "clippings", "txt")
enum lis_export_format {
#define LIS_EF_ENUM(id, name, ext) LIS_EXPORT_##id,
    LIS_EXPORT_FORMAT_LIST(LIS_EF_ENUM)
#undef LIS_EF_ENUM
    LIS_EXPORT_COUNT
};
/* Parse "md", "json", ...; false when unknown. */
bool lis_export_format_parse(const char *name, enum lis_export_format *f);
const char *lis_export_format_name(enum lis_export_format f);
const char *lis_export_format_ext(enum lis_export_format f);

enum lis_excerpt_kind { LIS_EXCERPT_QUOTE, LIS_EXCERPT_HIGHLIGHT };

/* What the reader kept of an article: marks on quotes, own highlights and
 * notes.  Persisted per article as JSON in $XDG_DATA_HOME/liseuse/. */
struct lis_user_highlight {
    size_t start, end;
    char *note;          /* NULL when none */
    time_t created;
};
struct lis_user_mark {   /* a marked quote, by its span (stable across runs) */
    size_t start, end;
    char *note;
    time_t created;
};
struct lis_annotations {
    struct lis_user_mark *marks;
    size_t n_marks, cap_marks;
    struct lis_user_highlight *highlights;
    size_t n_highlights, cap_highlights;
};

/* Which excerpts to export. */
enum lis_select { LIS_SELECT_QUOTES, LIS_SELECT_MARKED,
                  LIS_SELECT_HIGHLIGHTS, LIS_SELECT_ALL };
bool lis_select_parse(const char *name, enum lis_select *sel);

struct lis_excerpt {
    enum lis_excerpt_kind kind;
    size_t start, end;
    char *text;          /* body text, NBSPs/accents kept, controls dropped */
    const char *speaker; /* quotes: canonical name or NULL (borrowed) */
    const char *note;    /* borrowed, may be NULL */
    size_t para;         /* 1-based paragraph number */
    double position;     /* percent of the body, 0..100 */
    char *context;       /* the sentence it sits in */
    time_t created;
    char id[17];         /* hex of a hash of article + offsets */
};

struct lis_export_article {
    const struct lis_document *doc;
    const struct lis_analysis *an;
    struct lis_excerpt *excerpts;
    size_t n_excerpts;
};

struct lis_export_opts {
    enum lis_export_format format;
    enum lis_select select;
    bool with_parties;   /* add the deal summary and parties */
    bool french;         /* clippings labels in French */
    time_t now;          /* export time (tests fix it) */
};

/* Build the excerpts of one article for a selection (sorted by start).
 * ann may be NULL.  Owns the result; free with lis_export_article_clear. */
void lis_export_collect(const struct lis_document *doc,
                        const struct lis_analysis *an,
                        const struct lis_annotations *ann,
                        enum lis_select sel, time_t now,
                        struct lis_export_article *out);
void lis_export_article_clear(struct lis_export_article *a);

/* Write n articles in one document of the chosen format to out. */
void lis_export_write(const struct lis_export_article *arts, size_t n,
                      const struct lis_export_opts *o, struct lis_buf *out);

/* Write data to path atomically: temporary file in the same directory,
 * fsync, rename.  An existing target is replaced only when overwrite is set
 * (else LIS_ERR_EXISTS); a symlink at path is replaced, not followed.  On
 * failure nothing is left behind and errmsg gets a one-line message naming
 * the file. */
enum lis_status lis_write_file_atomic(const char *path, const char *data,
                                      size_t len, bool overwrite,
                                      char **errmsg);

/* Annotations persistence (JSON "liseuse-annotations/1"), keyed by the
 * body's hash under dir.  A missing file loads as empty. */
void lis_annotations_init(struct lis_annotations *a);
void lis_annotations_free(struct lis_annotations *a);
enum lis_status lis_annotations_load(const char *dir, const char *hash,
                                     struct lis_annotations *a,
                                     char **errmsg);
enum lis_status lis_annotations_save(const char *dir, const char *hash,
                                     const struct lis_annotations *a,
                                     char **errmsg);

#endif
