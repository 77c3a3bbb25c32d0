/* document.h -- an article loaded into memory: decoded, NFC-normalised UTF-8
 * body with LF line endings, front matter metadata, paragraph index.
 *
 * Every position in liseuse is a byte offset into doc->body. */
#ifndef LISEUSE_DOCUMENT_H
#define LISEUSE_DOCUMENT_H

#include "liseuse/common.h"

struct lis_meta {
    char *title;   /* NULL when the front matter does not give it */
    char *source;
    char *url;
    char *date;
    char *author;
    char *lang;
};

/* A paragraph is one line of the body; [start, end) excludes the '\n'.
 * Blank lines are paragraphs of length 0.  A final '\n' does not start an
 * extra paragraph; an empty body has exactly one empty paragraph, so
 * n_paras >= 1 always. */
struct lis_paragraph {
    size_t start;
    size_t end;
};

struct lis_document {
    char *path;                 /* as given; "-" for stdin */
    char *body;                 /* NUL-terminated NFC UTF-8, '\n' line ends;
                                   holds NULs only if loaded with force */
    size_t body_len;
    struct lis_meta meta;
    struct lis_paragraph *paras;
    size_t n_paras;
    const char *encoding;       /* "UTF-8", "WINDOWS-1252" or the forced name */
    bool encoding_guessed;      /* legacy 8-bit fallback was used */
    size_t invalid_sequences;   /* U+FFFD substituted for invalid input */
    bool had_bom;
    bool normalized;            /* NFC changed something */
    size_t raw_bytes;           /* size of the input as read */
    char *display_title;        /* what lis_document_title returns */
    char *encoding_buf;         /* owns a forced encoding name */
};

struct lis_load_opts {
    const char *encoding;       /* NULL: detect; else any iconv name */
    bool force;                 /* open binary (NUL-containing) input */
};

/* Load path ("-" = stdin).  On success *out owns a new document.  On failure
 * returns a status and, when errmsg is not NULL, sets *errmsg to a malloc'd
 * one-line message naming the file and the problem (no trailing newline,
 * no "liseuse: " prefix; stdin is named "standard input").  Only regular files are read (devices, FIFOs and
 * /dev/null give LIS_ERR_NOTREG without blocking); "-" reads stdin whatever
 * it is.  NUL bytes give LIS_ERR_BINARY unless opts->force.  An empty file
 * loads successfully as an empty body (one empty paragraph). */
enum lis_status lis_document_load(const char *path,
                                  const struct lis_load_opts *opts,
                                  struct lis_document **out, char **errmsg);

/* Build a document from bytes in memory (decode, NFC, line endings, front
 * matter, paragraphs).  path is only recorded (may be NULL).  Borrows data. */
enum lis_status lis_document_from_bytes(const char *data, size_t len,
                                        const char *path,
                                        const struct lis_load_opts *opts,
                                        struct lis_document **out);

void lis_document_free(struct lis_document *doc);

/* Index of the paragraph that contains offset (the last one for body_len). */
size_t lis_document_para_at(const struct lis_document *doc, size_t offset);

/* Title to show: front matter title, else the first non-blank line
 * (trimmed, truncated to 200 bytes on a character boundary), else the
 * file's base name, else "stdin".  Owned by the document. */
const char *lis_document_title(const struct lis_document *doc);

/* SHA-256 of the body as 64 lowercase hex digits (+ NUL) into out. */
void lis_document_hash(const struct lis_document *doc, char out[65]);

/* ---- decoding stages, exposed for tests and fuzzers (decode.c) ---- */

/* Decode UTF-8 with one U+FFFD per maximal invalid subpart (Unicode ch. 3,
 * "U+FFFD substitution of maximal subparts").  Appends to out; adds the
 * number of substitutions to *n_invalid. */
void lis_decode_utf8(const char *in, size_t len, struct lis_buf *out,
                     size_t *n_invalid);
/* Number of invalid subparts in in (0 = valid UTF-8). */
size_t lis_utf8_count_invalid(const char *in, size_t len);
/* Windows-1252 -> UTF-8 (undefined bytes 81 8D 8F 90 9D map to U+FFFD). */
void lis_decode_cp1252(const char *in, size_t len, struct lis_buf *out,
                       size_t *n_invalid);
/* Any iconv encoding -> UTF-8.  LIS_ERR_ENCODING if iconv does not know it;
 * unconvertible input becomes U+FFFD and is counted. */
enum lis_status lis_decode_iconv(const char *encoding, const char *in,
                                 size_t len, struct lis_buf *out,
                                 size_t *n_invalid);
/* True when bytes that are not valid UTF-8 look like a legacy 8-bit text. */
bool lis_looks_legacy_8bit(const char *in, size_t len);
/* NFC-normalise in place where needed (quick check skips NFC runs).
 * Returns true when something changed. */
bool lis_normalize_nfc(struct lis_buf *text);
/* True when cp is certainly left alone by NFC in any context: combining
 * class 0, NFC quick check Yes, never composes with what precedes it. */
bool lis_nfc_safe(uint32_t cp);
/* CRLF and lone CR -> LF, in place. */
void lis_normalize_newlines(struct lis_buf *text);

/* ---- front matter (frontmatter.c) ---- */

/* Parse a "---" ... "---" block at the very start of text.  Returns the
 * number of bytes it spans (including the closing line and its newline), or
 * 0 when there is none or it is malformed (then meta is left untouched).
 * Known keys: title source url date author lang; others are ignored.
 * Empty values are left NULL; quoted values ("..." or '...') lose their
 * quotes.  On success every field of meta is overwritten (pass it zeroed).
 * Blank lines inside the block make it malformed, '#' lines are comments. */
size_t lis_frontmatter_parse(const char *text, size_t len,
                             struct lis_meta *meta);
void lis_meta_free(struct lis_meta *meta);

#endif
