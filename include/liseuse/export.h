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
 * notes.  Persisted per article as JSON in $XDG_DATA_HOME/liseuse/, one
 * file per body, named after the body's SHA-256 (lis_document_hash):
 *
 *   $XDG_DATA_HOME/liseuse/<64 hex digits>.json
 *   {
 *     "format": "liseuse-annotations/1",
 *     "sha256": "<the same 64 hex digits>",
 *     "marks":      [ { "start": 1214, "end": 1257,
 *                       "note": "optional text",
 *                       "created": "2026-11-28T13:45:00Z" }, ... ],
 *     "highlights": [ { same fields }, ... ]
 *   }
 *
 * start/end are byte offsets into the body (decoded, NFC, front matter
 * removed), end > start.  A mark is a quote the reader kept, identified by
 * the quote's span (its text, or its text with the quotation marks); a
 * highlight is any passage.  "note" and "created" may be absent (or null);
 * an entry without "created" exports with the export time.  Entries are
 * written sorted by (start, end); unknown keys are ignored on load so that
 * later versions of format 1 can add some.  Any other "format" value, a
 * JSON syntax error or a malformed entry makes the whole file invalid:
 * lis_annotations_load then returns LIS_ERR_PARSE with a message naming
 * the file and leaves *a empty; callers must then not save over that file
 * (warn, and keep new annotations in memory only), so that a file from a
 * newer liseuse or one damaged by hand is never lost.  Saving
 * empty annotations removes the file. */
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
/* "quotes", "marked", "highlights", "all" ("" when out of range). */
const char *lis_select_name(enum lis_select sel);

struct lis_excerpt {
    enum lis_excerpt_kind kind;
    size_t start, end;
    char *text;          /* body text, NBSPs/accents kept, controls dropped
                            (lis_export_clean_text, line breaks kept) */
    const char *speaker; /* quotes: canonical name or NULL (borrowed) */
    const char *note;    /* borrowed from the annotations, may be NULL */
    size_t para;         /* 1-based paragraph number of start */
    double position;     /* percent of the body at start, 0..100 */
    char *context;       /* the sentence(s) it sits in; the paragraph(s)
                            when the analysis has no sentence there */
    time_t created;      /* the annotation's time, else the export's */
    char id[17];         /* lis_excerpt_id: hash of article + offsets */
};

struct lis_export_article {
    const struct lis_document *doc;
    const struct lis_analysis *an;   /* may be NULL (no quotes, no parties) */
    struct lis_excerpt *excerpts;
    size_t n_excerpts;
    char sha256[65];     /* lis_document_hash of doc */
};

struct lis_export_opts {
    enum lis_export_format format;
    enum lis_select select;
    bool with_parties;   /* add the deal summary and parties */
    bool french;         /* clippings labels in French */
    time_t now;          /* export time (tests fix it) */
};

/* Build the excerpts of one article for a selection, sorted by (start,
 * end), each span once:
 *   QUOTES      every quotation of an (its note and time from a mark on it);
 *   MARKED      the quotations with a mark, plus the marks that match no
 *               quotation of this analysis (kept by the reader when the
 *               lexicons changed; exported as quotes without a speaker);
 *   HIGHLIGHTS  the reader's highlights;
 *   ALL         all of the above; a highlight on exactly a quotation's text
 *               is that quotation (the highlight's note is used when the
 *               mark has none).
 * Spans outside the body, empty or not on character boundaries are
 * skipped.  an and ann may be NULL.  Borrows doc, an and ann, which must
 * outlive *out; free with lis_export_article_clear. */
void lis_export_collect(const struct lis_document *doc,
                        const struct lis_analysis *an,
                        const struct lis_annotations *ann,
                        enum lis_select sel, time_t now,
                        struct lis_export_article *out);
void lis_export_article_clear(struct lis_export_article *a);

/* Append s[0..len) to out as text safe to export: invalid bytes become
 * U+FFFD, C0/C1 controls, DEL and invisible format characters (bidi
 * controls, zero-width characters, ...: lis_glyph_kind) are dropped, a tab
 * becomes a space, and a line break (LF, CR or CRLF) becomes '\n' when
 * keep_newlines, else a space.  Everything else (NBSPs, accents) is kept. */
void lis_export_clean_text(const char *s, size_t len, bool keep_newlines,
                           struct lis_buf *out);

/* The stable id of an excerpt: 16 lowercase hex digits of FNV-1a 64 over
 * "SHA256:START-END" (the body's hash and the byte offsets). */
void lis_excerpt_id(const char *sha256, size_t start, size_t end,
                    char id[17]);

/* Write n articles in one document of the chosen format, appended to out
 * (which is always a string afterwards).  Times are written in UTC.
 *  md    "# Title", a "source · date · url" line (the known parts), with
 *        with_parties the deal summary and "- Role: Name" items, then per
 *        excerpt a blockquote ("> " before each line; a line that Markdown
 *        would read as a heading, quote, list, rule, fence or code block
 *        and inline markup are backslash-escaped), "— Speaker, § N" (N =
 *        paragraph) and "Note: ...".  Articles follow each other.
 *  json  {"format": "liseuse-excerpts/1", "article": {title, author,
 *        source, url, date, path, sha256}, "exported": ISO 8601,
 *        ["deal": {kind, status, summary} | null, "parties": [{name, role,
 *        status, stance}],] "excerpts": [{id, kind ("quote"|"highlight"),
 *        text, speaker, note, start, end, paragraph, position (2 decimals),
 *        context, created}]}; unknown values are null.  For n != 1:
 *        {"format", "exported", "articles": [{"article", ["deal",
 *        "parties",] "excerpts"}, ...]}.
 *  txt   title, "source · date · url", then each excerpt (text, "— Speaker,
 *        § N", "Note: ...") as blocks separated by a rule of 40 '-';
 *        articles separated by a rule of 40 '='; with_parties as in md.
 *  csv   Readwise's "Highlight,Title,Author,URL,Note,Location,Date": RFC
 *        4180 (fields with , " CR or LF quoted, quotes doubled, CRLF after
 *        each record; line breaks inside a field stay LF), UTF-8 without
 *        BOM, one header for all articles, Location = paragraph, Date =
 *        "YYYY-MM-DD HH:MM:SS" (the excerpt's time).  Author = front matter
 *        author, else source, else empty.
 *  clippings  Kindle's "My Clippings.txt": per excerpt "Title (Author)",
 *        "- Your Highlight at location A-B | Added on Saturday, November 28,
 *        2026 1:45:00 PM", "", the text on one line, "=========="; a note
 *        adds a "- Your Note at location B | ..." entry.  A, B = paragraphs
 *        of the first and last character.  With french: "- Votre
 *        surlignement à l’emplacement A-B | Ajouté le samedi 28 novembre
 *        2026 13:45:00", "- Votre note à l’emplacement B | ...".  Author as
 *        in csv, else "Unknown" / "Inconnu".  CRLF line ends, as Kindle.
 * with_parties only affects md, txt and json.  No writer emits a control
 * character other than LF (and CR before LF in csv and clippings). */
void lis_export_write(const struct lis_export_article *arts, size_t n,
                      const struct lis_export_opts *o, struct lis_buf *out);

/* Write data to path atomically: a hidden temporary file ".NAME.XXXXXX"
 * in the same directory, fsync, close, rename.  An existing target is
 * replaced only when overwrite is set (else LIS_ERR_EXISTS, "PATH: file
 * exists (use --force to replace it)"; the final step is then a link(),
 * which cannot replace a file created meanwhile); a symlink at path is
 * replaced, not followed; a directory (LIS_ERR_ISDIR), FIFO or device
 * (LIS_ERR_NOTREG) is never replaced.  A
 * replaced regular file keeps its permission bits; a new file gets 0644
 * minus the umask.  On failure (missing or read-only directory, ENOSPC,
 * EIO at close...) the temporary file is removed, the old file is
 * untouched, and when errmsg is not NULL *errmsg gets a malloc'd one-line
 * "PATH: reason" (NULL on success). */
enum lis_status lis_write_file_atomic(const char *path, const char *data,
                                      size_t len, bool overwrite,
                                      char **errmsg);

/* Annotations persistence (JSON "liseuse-annotations/1", see above), in
 * dir/HASH.json; hash must be lowercase hex (else LIS_ERR_INVAL).  Load: a
 * missing file is LIS_OK with *a empty; entries come sorted by (start,
 * end); any other failure returns its status, *errmsg naming the file, and
 * *a empty.  Save: lis_mkdir_p(dir),
 * then an atomic replace; empty annotations remove the file.  Notes are
 * saved through lis_export_clean_text. */
void lis_annotations_init(struct lis_annotations *a);
void lis_annotations_free(struct lis_annotations *a);
enum lis_status lis_annotations_load(const char *dir, const char *hash,
                                     struct lis_annotations *a,
                                     char **errmsg);
enum lis_status lis_annotations_save(const char *dir, const char *hash,
                                     const struct lis_annotations *a,
                                     char **errmsg);

/* dir/HASH.json (malloc'd). */
char *lis_annotations_path(const char *dir, const char *hash);

/* Editing, for the reader.  Marks and highlights are identified by their
 * span; adding keeps each array sorted by (start, end) and returns the
 * index of the (new or already present) entry; created is set to now for a
 * new one.  The find functions return LIS_NONE when there is none. */
size_t lis_annotations_find_mark(const struct lis_annotations *a,
                                 size_t start, size_t end);
size_t lis_annotations_add_mark(struct lis_annotations *a, size_t start,
                                size_t end, time_t now);
void lis_annotations_remove_mark(struct lis_annotations *a, size_t i);
/* Mark [start, end) if it is not marked, else unmark it (its note goes
 * too).  Returns true when it is now marked. */
bool lis_annotations_toggle_mark(struct lis_annotations *a, size_t start,
                                 size_t end, time_t now);
size_t lis_annotations_find_highlight(const struct lis_annotations *a,
                                      size_t start, size_t end);
size_t lis_annotations_add_highlight(struct lis_annotations *a, size_t start,
                                     size_t end, time_t now);
void lis_annotations_remove_highlight(struct lis_annotations *a, size_t i);
/* Replace the note in *slot (a mark's or a highlight's .note) by a copy of
 * note; NULL or "" removes it. */
void lis_annotations_set_note(char **slot, const char *note);

/* t as "2026-11-28T13:45:00Z" (UTC). */
void lis_format_iso8601(time_t t, char out[21]);
/* Parse exactly that form; false when s is anything else. */
bool lis_parse_iso8601(const char *s, time_t *t);

#endif
