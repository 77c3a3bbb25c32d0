/* annotations.c -- the reader's marks, highlights and notes for one
 * article, kept as JSON ("liseuse-annotations/1", described in export.h)
 * in a file named after the body's hash. */
#include <config.h>

#include "liseuse/export.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "liseuse/paths.h"

#define ANNOTATIONS_FORMAT "liseuse-annotations/1"

void lis_annotations_init(struct lis_annotations *a)
{
    memset(a, 0, sizeof *a);
}

void lis_annotations_free(struct lis_annotations *a)
{
    size_t i;

    for (i = 0; i < a->n_marks; i++)
        free(a->marks[i].note);
    for (i = 0; i < a->n_highlights; i++)
        free(a->highlights[i].note);
    free(a->marks);
    free(a->highlights);
    lis_annotations_init(a);
}

size_t lis_annotations_find_mark(const struct lis_annotations *a,
                                 size_t start, size_t end)
{
    size_t i;

    for (i = 0; i < a->n_marks; i++)
        if (a->marks[i].start == start && a->marks[i].end == end)
            return i;
    return LIS_NONE;
}

size_t lis_annotations_find_highlight(const struct lis_annotations *a,
                                      size_t start, size_t end)
{
    size_t i;

    for (i = 0; i < a->n_highlights; i++)
        if (a->highlights[i].start == start && a->highlights[i].end == end)
            return i;
    return LIS_NONE;
}

size_t lis_annotations_add_mark(struct lis_annotations *a, size_t start,
                                size_t end, time_t now)
{
    size_t i = lis_annotations_find_mark(a, start, end);
    struct lis_user_mark *m;

    if (i != LIS_NONE)
        return i;
    a->marks = lis_xgrow(a->marks, &a->cap_marks, a->n_marks + 1,
                         sizeof *a->marks);
    /* kept sorted by start so that the saved file reads in text order */
    for (i = a->n_marks; i > 0 && (a->marks[i - 1].start > start ||
                                   (a->marks[i - 1].start == start &&
                                    a->marks[i - 1].end > end)); i--)
        a->marks[i] = a->marks[i - 1];
    m = &a->marks[i];
    m->start = start;
    m->end = end;
    m->note = NULL;
    m->created = now;
    a->n_marks++;
    return i;
}

void lis_annotations_remove_mark(struct lis_annotations *a, size_t i)
{
    if (i >= a->n_marks)
        return;
    free(a->marks[i].note);
    memmove(&a->marks[i], &a->marks[i + 1],
            (a->n_marks - i - 1) * sizeof *a->marks);
    a->n_marks--;
}

bool lis_annotations_toggle_mark(struct lis_annotations *a, size_t start,
                                 size_t end, time_t now)
{
    size_t i = lis_annotations_find_mark(a, start, end);

    if (i != LIS_NONE) {
        lis_annotations_remove_mark(a, i);
        return false;
    }
    lis_annotations_add_mark(a, start, end, now);
    return true;
}

size_t lis_annotations_add_highlight(struct lis_annotations *a, size_t start,
                                     size_t end, time_t now)
{
    size_t i = lis_annotations_find_highlight(a, start, end);
    struct lis_user_highlight *h;

    if (i != LIS_NONE)
        return i;
    a->highlights = lis_xgrow(a->highlights, &a->cap_highlights,
                              a->n_highlights + 1, sizeof *a->highlights);
    for (i = a->n_highlights; i > 0 && (a->highlights[i - 1].start > start ||
                                        (a->highlights[i - 1].start == start &&
                                         a->highlights[i - 1].end > end)); i--)
        a->highlights[i] = a->highlights[i - 1];
    h = &a->highlights[i];
    h->start = start;
    h->end = end;
    h->note = NULL;
    h->created = now;
    a->n_highlights++;
    return i;
}

void lis_annotations_remove_highlight(struct lis_annotations *a, size_t i)
{
    if (i >= a->n_highlights)
        return;
    free(a->highlights[i].note);
    memmove(&a->highlights[i], &a->highlights[i + 1],
            (a->n_highlights - i - 1) * sizeof *a->highlights);
    a->n_highlights--;
}

void lis_annotations_set_note(char **slot, const char *note)
{
    free(*slot);
    *slot = note && *note ? lis_xstrdup(note) : NULL;
}

/* ---------------------------------------------------------------- files */

/* The hash names a file: only hex digits, so that it cannot name another
 * directory. */
static bool hash_ok(const char *hash)
{
    size_t i;

    if (!hash || !*hash || strlen(hash) > 128)
        return false;
    for (i = 0; hash[i]; i++)
        if (!((hash[i] >= '0' && hash[i] <= '9') ||
              (hash[i] >= 'a' && hash[i] <= 'f')))
            return false;
    return true;
}

char *lis_annotations_path(const char *dir, const char *hash)
{
    size_t n = strlen(dir);

    return lis_xasprintf("%s%s%s.json", dir,
                         n && dir[n - 1] == '/' ? "" : "/", hash);
}

void lis_format_iso8601(time_t t, char out[21])
{
    struct tm tm;

    if (!gmtime_r(&t, &tm) ||
        !strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm))
        strcpy(out, "1970-01-01T00:00:00Z");
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil): timegm() is not in C11 or POSIX. */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
    long long era;
    unsigned yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

bool lis_parse_iso8601(const char *s, time_t *t)
{
    static const unsigned mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
                                      30, 31 };
    int y, mo, d, h, mi, sec, used = 0;

    if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi,
                     &sec, &used) != 6 || used != 20 || s[used] != '\0')
        return false;
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || (unsigned)d > mdays[mo - 1] ||
        h > 23 || mi > 59 || sec > 60 || h < 0 || mi < 0 || sec < 0)
        return false;
    *t = (time_t)(days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400LL +
                  h * 3600LL + mi * 60LL + sec);
    return true;
}

/* A string for jansson, which wants valid UTF-8: notes come from the
 * keyboard and may hold anything. */
static json_t *json_clean_string(const char *s)
{
    struct lis_buf b;
    json_t *j;

    lis_buf_init(&b);
    lis_export_clean_text(s, strlen(s), true, &b);
    j = json_stringn(b.data ? b.data : "", b.len);
    lis_buf_free(&b);
    return j;
}

static json_t *entry_to_json(size_t start, size_t end, const char *note,
                             time_t created)
{
    json_t *o = json_object();
    char when[21];

    json_object_set_new(o, "start", json_integer((json_int_t)start));
    json_object_set_new(o, "end", json_integer((json_int_t)end));
    if (note && *note)
        json_object_set_new(o, "note", json_clean_string(note));
    if (created) {
        lis_format_iso8601(created, when);
        json_object_set_new(o, "created", json_string(when));
    }
    return o;
}

/* One entry of "marks" or "highlights"; false when it is malformed. */
static bool entry_from_json(json_t *o, size_t *start, size_t *end,
                            char **note, time_t *created)
{
    json_t *js = json_object_get(o, "start"), *je = json_object_get(o, "end");
    json_t *jn = json_object_get(o, "note"), *jc = json_object_get(o, "created");

    if (!json_is_object(o) || !json_is_integer(js) || !json_is_integer(je) ||
        json_integer_value(js) < 0 ||
        json_integer_value(je) <= json_integer_value(js))
        return false;
    if (jn && !json_is_null(jn) && !json_is_string(jn))
        return false;
    if (jc && !json_is_null(jc) && !json_is_string(jc))
        return false;
    *created = 0;
    if (json_is_string(jc) && !lis_parse_iso8601(json_string_value(jc),
                                                 created))
        return false;
    *start = (size_t)json_integer_value(js);
    *end = (size_t)json_integer_value(je);
    *note = json_is_string(jn) && *json_string_value(jn)
                ? lis_xstrdup(json_string_value(jn)) : NULL;
    return true;
}

static int cmp_span(size_t as, size_t ae, size_t bs, size_t be)
{
    if (as != bs)
        return as < bs ? -1 : 1;
    if (ae != be)
        return ae < be ? -1 : 1;
    return 0;
}

static int cmp_mark(const void *pa, const void *pb)
{
    const struct lis_user_mark *a = pa, *b = pb;

    return cmp_span(a->start, a->end, b->start, b->end);
}

static int cmp_highlight(const void *pa, const void *pb)
{
    const struct lis_user_highlight *a = pa, *b = pb;

    return cmp_span(a->start, a->end, b->start, b->end);
}

static enum lis_status parse_error(const char *path, const char *why,
                                   char **errmsg)
{
    if (errmsg)
        *errmsg = lis_xasprintf(_("%s: not a valid annotations file (%s)"),
                                path, why);
    return LIS_ERR_PARSE;
}

static enum lis_status from_json(json_t *root, const char *path,
                                 struct lis_annotations *a, char **errmsg)
{
    json_t *fmt = json_object_get(root, "format");
    json_t *marks = json_object_get(root, "marks");
    json_t *hls = json_object_get(root, "highlights");
    size_t i;

    if (!json_is_object(root))
        return parse_error(path, _("not a JSON object"), errmsg);
    if (!json_is_string(fmt) ||
        strcmp(json_string_value(fmt), ANNOTATIONS_FORMAT) != 0)
        return parse_error(path, _("unknown format"), errmsg);
    if ((marks && !json_is_array(marks)) || (hls && !json_is_array(hls)))
        return parse_error(path, _("\"marks\" and \"highlights\" must be "
                                   "arrays"), errmsg);
    for (i = 0; i < json_array_size(marks); i++) {
        struct lis_user_mark m;

        if (!entry_from_json(json_array_get(marks, i), &m.start, &m.end,
                             &m.note, &m.created))
            return parse_error(path, _("bad mark"), errmsg);
        a->marks = lis_xgrow(a->marks, &a->cap_marks, a->n_marks + 1,
                             sizeof *a->marks);
        a->marks[a->n_marks++] = m;
    }
    for (i = 0; i < json_array_size(hls); i++) {
        struct lis_user_highlight h;

        if (!entry_from_json(json_array_get(hls, i), &h.start, &h.end,
                             &h.note, &h.created))
            return parse_error(path, _("bad highlight"), errmsg);
        a->highlights = lis_xgrow(a->highlights, &a->cap_highlights,
                                  a->n_highlights + 1, sizeof *a->highlights);
        a->highlights[a->n_highlights++] = h;
    }
    /* a file edited by hand may be in any order; the editing functions
     * keep the arrays sorted from here on */
    if (a->n_marks > 1)
        qsort(a->marks, a->n_marks, sizeof *a->marks, cmp_mark);
    if (a->n_highlights > 1)
        qsort(a->highlights, a->n_highlights, sizeof *a->highlights,
              cmp_highlight);
    return LIS_OK;
}

enum lis_status lis_annotations_load(const char *dir, const char *hash,
                                     struct lis_annotations *a,
                                     char **errmsg)
{
    json_error_t jerr;
    json_t *root;
    char *path;
    FILE *f;
    enum lis_status st;

    if (errmsg)
        *errmsg = NULL;
    lis_annotations_init(a);
    if (!dir || !hash_ok(hash)) {
        if (errmsg)
            *errmsg = lis_xasprintf(_("bad annotations key: %s"),
                                    hash ? hash : "(null)");
        return LIS_ERR_INVAL;
    }
    path = lis_annotations_path(dir, hash);
    f = fopen(path, "rb");
    if (!f) {
        int err = errno;

        if (err == ENOENT) {
            free(path);
            return LIS_OK;
        }
        if (errmsg)
            *errmsg = lis_xasprintf("%s: %s", path, strerror(err));
        free(path);
        return lis_status_from_errno(err);
    }
    root = json_loadf(f, JSON_REJECT_DUPLICATES, &jerr);
    fclose(f);
    if (!root) {
        char *why = lis_xasprintf(_("line %d: %s"), jerr.line, jerr.text);

        st = parse_error(path, why, errmsg);
        free(why);
    } else {
        st = from_json(root, path, a, errmsg);
        json_decref(root);
    }
    if (st != LIS_OK)
        lis_annotations_free(a);
    free(path);
    return st;
}

static int cmp_mark_ptr(const void *pa, const void *pb)
{
    const struct lis_user_mark *a = *(const struct lis_user_mark *const *)pa;
    const struct lis_user_mark *b = *(const struct lis_user_mark *const *)pb;

    return cmp_span(a->start, a->end, b->start, b->end);
}

static int cmp_highlight_ptr(const void *pa, const void *pb)
{
    const struct lis_user_highlight *a =
        *(const struct lis_user_highlight *const *)pa;
    const struct lis_user_highlight *b =
        *(const struct lis_user_highlight *const *)pb;

    return cmp_span(a->start, a->end, b->start, b->end);
}

/* The JSON text of a set of annotations, entries in text order. */
static char *to_json_text(const char *hash, const struct lis_annotations *a)
{
    json_t *root = json_object(), *marks = json_array(), *hls = json_array();
    const struct lis_user_mark **mp;
    const struct lis_user_highlight **hp;
    char *text;
    size_t i;

    mp = lis_xcalloc(a->n_marks + 1, sizeof *mp);
    hp = lis_xcalloc(a->n_highlights + 1, sizeof *hp);
    for (i = 0; i < a->n_marks; i++)
        mp[i] = &a->marks[i];
    for (i = 0; i < a->n_highlights; i++)
        hp[i] = &a->highlights[i];
    qsort(mp, a->n_marks, sizeof *mp, cmp_mark_ptr);
    qsort(hp, a->n_highlights, sizeof *hp, cmp_highlight_ptr);
    for (i = 0; i < a->n_marks; i++)
        json_array_append_new(marks, entry_to_json(mp[i]->start, mp[i]->end,
                                                   mp[i]->note,
                                                   mp[i]->created));
    for (i = 0; i < a->n_highlights; i++)
        json_array_append_new(hls, entry_to_json(hp[i]->start, hp[i]->end,
                                                 hp[i]->note, hp[i]->created));
    json_object_set_new(root, "format", json_string(ANNOTATIONS_FORMAT));
    json_object_set_new(root, "sha256", json_string(hash));
    json_object_set_new(root, "marks", marks);
    json_object_set_new(root, "highlights", hls);
    text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    free(mp);
    free(hp);
    if (!text)
        lis_die(2, "%s", _("out of memory"));
    return text;
}

enum lis_status lis_annotations_save(const char *dir, const char *hash,
                                     const struct lis_annotations *a,
                                     char **errmsg)
{
    enum lis_status st;
    struct lis_buf b;
    char *path, *text;

    if (errmsg)
        *errmsg = NULL;
    if (!dir || !hash_ok(hash)) {
        if (errmsg)
            *errmsg = lis_xasprintf(_("bad annotations key: %s"),
                                    hash ? hash : "(null)");
        return LIS_ERR_INVAL;
    }
    path = lis_annotations_path(dir, hash);
    /* Nothing kept: no file, rather than an empty one per article read. */
    if (a->n_marks == 0 && a->n_highlights == 0) {
        st = LIS_OK;
        if (unlink(path) != 0 && errno != ENOENT) {
            int err = errno;

            st = lis_status_from_errno(err);
            if (errmsg)
                *errmsg = lis_xasprintf("%s: %s", path, strerror(err));
        }
        free(path);
        return st;
    }
    st = lis_mkdir_p(dir);
    if (st != LIS_OK) {
        if (errmsg)
            *errmsg = lis_xasprintf("%s: %s", dir, lis_status_str(st));
        free(path);
        return st;
    }
    text = to_json_text(hash, a);
    lis_buf_init(&b);
    lis_buf_adds(&b, text);
    lis_buf_addc(&b, '\n');
    free(text);
    st = lis_write_file_atomic(path, b.data, b.len, true, errmsg);
    lis_buf_free(&b);
    free(path);
    return st;
}
